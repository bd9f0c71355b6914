//! [`Story`] → TOML, for saving from the window and for `drawdown story
//! init`. What it writes loads back as the same story ([`super::load_story`]):
//! keys at their defaults are left out, notes with line breaks are written
//! as multi-line strings, paths as the story holds them (relative to the
//! file's folder).

use std::fmt::Write as _;
use std::path::Path;

use super::{DEFAULT_HOLD_SECS, Stop, StopDate, StopLayout, Story};
use crate::atomic_write::{WriteError, write_file};
use crate::model::date_format::{TODAY, iso};

/// The story as a TOML file, its keys in the documented order.
pub fn story_to_toml(story: &Story) -> String {
    let mut out = String::new();
    line(&mut out, "title", &basic(&story.title));
    if let Some(subtitle) = &story.subtitle {
        line(&mut out, "subtitle", &basic(subtitle));
    }
    if let Some(classification) = &story.classification {
        line(&mut out, "classification", &basic(&classification.text));
    }
    if let Some(prepared_by) = &story.prepared_by {
        line(&mut out, "prepared_by", &basic(prepared_by));
    }
    if let Some(logo) = &story.logo {
        line(&mut out, "logo", &path(logo));
    }
    if let Some(scenario) = &story.scenario {
        line(&mut out, "scenario", &path(scenario));
    }
    for stop in &story.stops {
        out.push_str("\n[[stops]]\n");
        write_stop(&mut out, stop);
    }
    out
}

/// Writes the story to `path` whole or not at all ([`write_file`]);
/// an existing file is replaced only if `replace`.
pub fn save_story_file(story: &Story, path: &Path, replace: bool) -> Result<(), WriteError> {
    write_file(path, story_to_toml(story).as_bytes(), replace)
}

fn write_stop(out: &mut String, stop: &Stop) {
    let date = match stop.date {
        StopDate::Today => basic(TODAY),
        StopDate::On(date) => basic(&iso(date)),
    };
    line(out, "date", &date);
    if stop.layout != StopLayout::Single {
        line(out, "layout", &basic(stop.layout.id()));
    }
    if let Some(track) = &stop.track {
        line(out, "track", &basic(track));
    }
    if let Some(title) = &stop.title {
        line(out, "title", &basic(title));
    }
    if !stop.notes.is_empty() {
        line(out, "notes", &multi_line(&stop.notes));
    }
    if stop.hold_secs != DEFAULT_HOLD_SECS {
        line(out, "hold", &number(stop.hold_secs));
    }
    if let Some(view) = &stop.view {
        let value = format!(
            "{{ west = {}, south = {}, east = {}, north = {} }}",
            number(view.west),
            number(view.south),
            number(view.east),
            number(view.north)
        );
        line(out, "view", &value);
    }
    let hidden: Vec<String> = stop.hide.iter().map(|layer| basic(layer.id())).collect();
    if !hidden.is_empty() {
        line(out, "hide", &format!("[{}]", hidden.join(", ")));
    }
    for callout in &stop.callouts {
        out.push_str("\n[[stops.callouts]]\n");
        line(out, "text", &basic(&callout.text));
        line(
            out,
            "at",
            &format!("[{}, {}]", number(callout.lonlat[0]), number(callout.lonlat[1])),
        );
    }
}

fn line(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "{key} = {value}");
}

/// A number as Rust writes it: the shortest text that reads back as the
/// same `f64` (a whole number without a decimal point, which TOML reads
/// as an integer and the loader takes as a number all the same).
fn number(value: f64) -> String {
    format!("{value}")
}

fn path(path: &Path) -> String {
    basic(&path.to_string_lossy())
}

/// A TOML basic string: quotes, backslashes and control characters
/// escaped.
fn basic(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        push_escaped(&mut out, c, false);
    }
    out.push('"');
    out
}

/// A TOML multi-line basic string when the text has line breaks (the
/// break after the opening quotes is not part of the value), else a basic
/// string.
fn multi_line(text: &str) -> String {
    if !text.contains('\n') {
        return basic(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str("\"\"\"\n");
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // A quote needs no escape in a multi-line string unless it would
        // start a run of three or meet the closing quotes: escaped only
        // before another quote or at the end, the notes stay readable.
        if c == '"' && chars.peek().is_some_and(|&next| next != '"') {
            out.push('"');
        } else {
            push_escaped(&mut out, c, true);
        }
    }
    out.push_str("\"\"\"");
    out
}

fn push_escaped(out: &mut String, c: char, keep_line_breaks: bool) {
    match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '\n' if keep_line_breaks => out.push('\n'),
        '\n' => out.push_str("\\n"),
        '\t' => out.push_str("\\t"),
        '\r' => out.push_str("\\r"),
        c if c.is_control() => {
            let _ = write!(out, "\\u{:04X}", u32::from(c));
        }
        c => out.push(c),
    }
}
