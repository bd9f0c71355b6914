//! Story TOML → [`Story`], validated, every problem at its line and
//! column (as the scenario's loader reports them).
//!
//! What the file can say is checked here; what depends on the scenario
//! (a stop's track, a date in its range) when the story is resolved
//! ([`Story::resolve`]), since one story may be shown over another
//! scenario.

use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::{Spanned, Value};

use super::{Classification, DEFAULT_HOLD_SECS, MAX_HOLD_SECS, Stop, StopDate, StopLayout, Story};
use crate::load::error::{InputError, InputErrors, Locator, located_toml_error};
use crate::load::file::{read_text_file, size_message};
use crate::model::Date;
use crate::model::date_format::{TODAY, parse_iso};
use crate::model::printable::shown_path;
use crate::model::printable::{foreign_message, is_unprintable, quoted};
use crate::render::layer::known_layer_names;
use crate::render::view::GeoBox;
use crate::render::{Callout, LayerSet, MapLayer};

/// Story files larger than this are refused before they are read: a brief
/// of a hundred stops with a page of notes each is under 400 KiB.
pub const MAX_STORY_BYTES: u64 = 1024 * 1024;

/// The most stops a story may have: far above a brief (eight to fifteen),
/// and a bound on what exporting a hand-written file costs.
pub const MAX_STOPS: usize = 500;

/// The most callouts one stop may have: more would hide the map.
pub const MAX_CALLOUTS_PER_STOP: usize = 50;

/// The longest title, subtitle, classification, "prepared by" or callout
/// text, in characters: each is drawn on one line.
pub const MAX_LINE_CHARS: usize = 200;

/// Parses and validates a story; `origin` is the story file (messages
/// name it; relative paths in the story start from its folder). A TOML
/// syntax or shape error is reported alone; otherwise every problem is
/// returned, in file order.
pub fn load_story(origin: &Path, text: &str) -> Result<Story, InputErrors> {
    let file = shown_path(&origin).to_string();
    if text.len() as u64 > MAX_STORY_BYTES {
        return Err(InputError::new(&file, None, size_message(text.len() as u64, MAX_STORY_BYTES, "stories")).into());
    }
    if text
        .lines()
        .all(|line| line.trim().is_empty() || line.trim().starts_with('#'))
    {
        return Err(InputError::new(
            &file,
            None,
            "file has no story, expected a story TOML (title, [[stops]])",
        )
        .into());
    }
    let raw: RawStory = toml::from_str(text).map_err(|e| InputErrors::one(syntax_error(&e, text, &file)))?;
    let mut checker = Checker::new(text);
    let story = checker.story(raw, origin);
    if checker.errors.is_empty() {
        return Ok(story);
    }
    // Stable: errors at one place keep the order they were found in.
    checker.errors.sort_by_key(|(offset, _)| *offset);
    let mut locator = Locator::new(text);
    Err(InputErrors(
        checker
            .errors
            .into_iter()
            .map(|(offset, message)| InputError::new(&file, Some(locator.locate(offset)), message))
            .collect(),
    ))
}

/// Reads and parses a story file; messages name `path` as given.
pub fn load_story_file(path: &Path) -> Result<Story, InputErrors> {
    let text = read_text_file(path, MAX_STORY_BYTES, "stories")?;
    load_story(path, &text)
}

/// A TOML syntax or shape error (an unknown key, a missing one, a wrong
/// type) at its place, quoting the text there when it is short.
fn syntax_error(error: &toml::de::Error, text: &str, file: &str) -> InputError {
    located_toml_error(error, text, file, foreign_message(error.message().trim()))
}

// ---------------------------------------------------------------------------
// The file as written: every value keeps its span.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStory {
    title: Spanned<String>,
    #[serde(default)]
    subtitle: Option<Spanned<String>>,
    #[serde(default)]
    classification: Option<Spanned<String>>,
    #[serde(default)]
    prepared_by: Option<Spanned<String>>,
    #[serde(default)]
    logo: Option<Spanned<String>>,
    #[serde(default)]
    scenario: Option<Spanned<String>>,
    #[serde(default)]
    stops: Option<Spanned<Vec<Spanned<RawStop>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStop {
    date: Spanned<Value>,
    #[serde(default)]
    layout: Option<Spanned<String>>,
    #[serde(default)]
    track: Option<Spanned<String>>,
    #[serde(default)]
    title: Option<Spanned<String>>,
    #[serde(default)]
    notes: Option<Spanned<String>>,
    #[serde(default)]
    hold: Option<Spanned<Value>>,
    #[serde(default)]
    view: Option<Spanned<RawView>>,
    #[serde(default)]
    hide: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    callouts: Vec<Spanned<RawCallout>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawView {
    west: Spanned<Value>,
    south: Spanned<Value>,
    east: Spanned<Value>,
    north: Spanned<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCallout {
    text: Spanned<String>,
    at: Spanned<Vec<Spanned<Value>>>,
}

// ---------------------------------------------------------------------------
// Validation.

/// Collects errors as (byte offset, message) while building the story,
/// which is only returned when none was found.
struct Checker<'a> {
    text: &'a str,
    errors: Vec<(usize, String)>,
}

impl<'a> Checker<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            errors: Vec::new(),
        }
    }

    fn error(&mut self, span: &Range<usize>, message: impl Into<String>) {
        self.errors.push((span.start, message.into()));
    }

    /// The 1-based line of byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        let before = self.text.get(..offset).unwrap_or(self.text);
        before.matches('\n').count() + 1
    }

    fn story(&mut self, raw: RawStory, origin: &Path) -> Story {
        let title = self.text_value(&raw.title, "\"title\"");
        let mut optional =
            |value: &Option<Spanned<String>>, what: &str| value.as_ref().map(|v| self.text_value(v, what));
        let subtitle = optional(&raw.subtitle, "\"subtitle\"");
        let classification = optional(&raw.classification, "\"classification\"").map(Classification::new);
        let prepared_by = optional(&raw.prepared_by, "\"prepared_by\"");
        let logo = optional(&raw.logo, "\"logo\"").map(Into::into);
        let scenario = optional(&raw.scenario, "\"scenario\"").map(Into::into);
        let mut stops = Vec::new();
        if let Some(raw_stops) = &raw.stops {
            if raw_stops.get_ref().len() > MAX_STOPS {
                self.error(
                    &raw_stops.span(),
                    format!(
                        "the story has {} stops, more than the {MAX_STOPS} drawdown takes",
                        raw_stops.get_ref().len()
                    ),
                );
            } else {
                for (i, stop) in raw_stops.get_ref().iter().enumerate() {
                    let line = self.line_of(stop.span().start);
                    stops.push(self.stop(stop.get_ref(), i + 1, line));
                }
            }
        }
        Story {
            title,
            subtitle,
            classification,
            prepared_by,
            logo,
            scenario,
            stops,
            origin: Some(origin.to_owned()),
        }
    }

    /// A text drawn on one line: not blank, no line break or other
    /// control character, of bounded length.
    fn text_value(&mut self, value: &Spanned<String>, what: &str) -> String {
        let text = value.get_ref();
        if text.trim().is_empty() {
            self.error(
                &value.span(),
                format!("{what} is empty; write it, or leave the key out"),
            );
            return text.clone();
        }
        if let Some(c) = text.chars().find(|&c| is_unprintable(c)) {
            self.error(
                &value.span(),
                format!(
                    "{what} contains the character {}; it is drawn on one line",
                    c.escape_unicode()
                ),
            );
        }
        let chars = text.chars().count();
        if chars > MAX_LINE_CHARS {
            self.error(
                &value.span(),
                format!("{what} is {chars} characters long; at most {MAX_LINE_CHARS} fit on one line"),
            );
        }
        text.clone()
    }

    fn stop(&mut self, raw: &RawStop, number: usize, line: usize) -> Stop {
        let whose = format!(" of stop {number}");
        let date = self.date(&raw.date, &whose);
        let layout = match &raw.layout {
            None => StopLayout::Single,
            Some(layout) => match layout.get_ref().as_str() {
                "single" => StopLayout::Single,
                "compare" => StopLayout::Compare,
                other => {
                    self.error(
                        &layout.span(),
                        format!(
                            "\"layout\"{whose} is {}; expected \"single\" (one map) or \"compare\" (the \
                             scenario's two tracks side by side)",
                            quoted(other)
                        ),
                    );
                    StopLayout::Single
                }
            },
        };
        let track = raw
            .track
            .as_ref()
            .map(|t| self.text_value(t, &format!("\"track\"{whose}")));
        let title = raw
            .title
            .as_ref()
            .map(|t| self.text_value(t, &format!("\"title\"{whose}")));
        let notes = raw.notes.as_ref().map_or_else(String::new, |notes| {
            let text = notes.get_ref();
            if let Some(c) = text.chars().find(|&c| is_unprintable(c) && !matches!(c, '\n' | '\t')) {
                self.error(
                    &notes.span(),
                    format!("\"notes\"{whose} contains the character {}", c.escape_unicode()),
                );
            }
            text.clone()
        });
        let hold_secs = raw.hold.as_ref().map_or(DEFAULT_HOLD_SECS, |hold| {
            let what = format!("\"hold\"{whose}");
            match self.number(hold, &what, "seconds, like 6") {
                Some(secs) if secs > 0.0 && secs <= MAX_HOLD_SECS => secs,
                Some(secs) => {
                    self.error(
                        &hold.span(),
                        format!("{what} is {secs} seconds; expected more than 0 and at most {MAX_HOLD_SECS}"),
                    );
                    DEFAULT_HOLD_SECS
                }
                None => DEFAULT_HOLD_SECS,
            }
        });
        let view = raw.view.as_ref().and_then(|view| self.view(view, &whose));
        let hide = raw.hide.as_ref().map_or(LayerSet::NONE, |hide| self.hide(hide, &whose));
        if raw.callouts.len() > MAX_CALLOUTS_PER_STOP {
            let first = raw.callouts.get(MAX_CALLOUTS_PER_STOP).map_or(0..0, Spanned::span);
            self.error(
                &first,
                format!(
                    "stop {number} has {} callouts, more than the {MAX_CALLOUTS_PER_STOP} a map can show",
                    raw.callouts.len()
                ),
            );
        }
        let callouts = raw
            .callouts
            .iter()
            .take(MAX_CALLOUTS_PER_STOP)
            .enumerate()
            .filter_map(|(i, callout)| {
                self.callout(callout.get_ref(), &format!(" of stop {number}'s callout {}", i + 1))
            })
            .collect();
        Stop {
            date: date.unwrap_or(StopDate::Today),
            layout,
            track,
            title,
            notes,
            hold_secs,
            view,
            hide,
            callouts,
            line: Some(line),
        }
    }

    /// A TOML local date (`2025-09-30`), the same as a string, or
    /// `"today"`.
    fn date(&mut self, value: &Spanned<Value>, whose: &str) -> Option<StopDate> {
        let expected = format!("expected a date like 2025-09-30, or {}", quoted(TODAY));
        let message = match value.get_ref() {
            Value::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => {
                    match Date::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day)) {
                        Some(date) => return Some(StopDate::On(date)),
                        None => format!("\"date\"{whose} {dt} is not a calendar date; {expected}"),
                    }
                }
                _ => format!("\"date\"{whose} is the date-time {dt}; {expected} (no time of day)"),
            },
            Value::String(s) if s.trim() == TODAY => return Some(StopDate::Today),
            Value::String(s) => match parse_iso(s) {
                Ok(date) if s.trim().len() == 10 => return Some(StopDate::On(date)),
                _ => format!("\"date\"{whose} {} is not a date; {expected}", quoted(s)),
            },
            other => format!("\"date\"{whose} is the {} {other}; {expected}", other.type_str()),
        };
        self.error(&value.span(), message);
        None
    }

    /// A number (integer or decimal); `unit` says what is expected.
    fn number(&mut self, value: &Spanned<Value>, what: &str, unit: &str) -> Option<f64> {
        match value.get_ref() {
            #[expect(clippy::cast_precision_loss, reason = "degrees and seconds are small")]
            Value::Integer(i) => Some(*i as f64),
            Value::Float(f) if f.is_finite() => Some(*f),
            other => {
                let found = match other {
                    Value::String(s) => format!("the text {}", quoted(s)),
                    other => format!("the {} {other}", other.type_str()),
                };
                self.error(
                    &value.span(),
                    format!("{what} is {found}; expected a number of {unit} (no quotes)"),
                );
                None
            }
        }
    }

    fn view(&mut self, raw: &Spanned<RawView>, whose: &str) -> Option<GeoBox> {
        let v = raw.get_ref();
        let mut side = |value: &Spanned<Value>, name: &str| {
            self.number(value, &format!("\"view\" {name}{whose}"), "degrees, like 38.5")
        };
        let (west, south, east, north) = (
            side(&v.west, "west"),
            side(&v.south, "south"),
            side(&v.east, "east"),
            side(&v.north, "north"),
        );
        geo_box(west?, south?, east?, north?)
            .map_err(|message| self.error(&raw.span(), format!("\"view\"{whose}: {message}")))
            .ok()
    }

    fn hide(&mut self, raw: &Spanned<Vec<Spanned<String>>>, whose: &str) -> LayerSet {
        let mut hidden = LayerSet::NONE;
        for name in raw.get_ref() {
            match MapLayer::ALL.into_iter().find(|l| l.id() == name.get_ref()) {
                Some(layer) => hidden.show(layer),
                None => self.error(
                    &name.span(),
                    format!(
                        "\"hide\"{whose} names the layer {}, which drawdown does not have; the layers are: {}",
                        quoted(name.get_ref()),
                        known_layer_names()
                    ),
                ),
            }
        }
        hidden
    }

    fn callout(&mut self, raw: &RawCallout, whose: &str) -> Option<Callout> {
        let text = self.text_value(&raw.text, &format!("\"text\"{whose}"));
        let [lon, lat] = raw.at.get_ref().as_slice() else {
            self.error(
                &raw.at.span(),
                format!(
                    "\"at\"{whose} has {} numbers; expected two, longitude then latitude, like at = [40.5, 36.67]",
                    raw.at.get_ref().len()
                ),
            );
            return None;
        };
        let lon_at = self.number(lon, &format!("the longitude in \"at\"{whose}"), "degrees, like 40.5");
        let lat_at = self.number(lat, &format!("the latitude in \"at\"{whose}"), "degrees, like 36.67");
        let (lon_at, lat_at) = (lon_at?, lat_at?);
        if lon_at.abs() > 180.0 {
            self.error(
                &lon.span(),
                format!("the longitude in \"at\"{whose} is {lon_at}; expected -180 to 180 (longitude comes first)"),
            );
            return None;
        }
        if lat_at.abs() > 90.0 {
            self.error(
                &lat.span(),
                format!("the latitude in \"at\"{whose} is {lat_at}; expected -90 to 90 (latitude comes second)"),
            );
            return None;
        }
        Some(Callout {
            text,
            lonlat: [lon_at, lat_at],
        })
    }
}

/// The box if its sides are on the globe (longitudes within ±180,
/// latitudes within ±90) and in order (west < east, south < north);
/// otherwise what is wrong, naming the side.
fn geo_box(west: f64, south: f64, east: f64, north: f64) -> Result<GeoBox, String> {
    for (name, degrees, limit) in [
        ("west", west, 180.0),
        ("south", south, 90.0),
        ("east", east, 180.0),
        ("north", north, 90.0),
    ] {
        if degrees.abs() > limit {
            return Err(format!(
                "{name} = {degrees} is off the globe; expected degrees from -{limit} to {limit}"
            ));
        }
    }
    if west >= east {
        return Err(format!(
            "west = {west} is not west of east = {east}; expected west < east"
        ));
    }
    if south >= north {
        return Err(format!(
            "south = {south} is not south of north = {north}; expected south < north"
        ));
    }
    let geo_box = GeoBox {
        west,
        south,
        east,
        north,
    };
    // The renderer's own check, so that what loads always frames.
    geo_box.check().map(|()| geo_box)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_box_must_be_on_the_globe_with_its_sides_in_order() {
        assert!(geo_box(38.0, 32.0, 44.5, 37.5).is_ok());
        let error = geo_box(44.5, 32.0, 38.0, 37.5).unwrap_err();
        assert!(error.ends_with("expected west < east"), "{error}");
        let error = geo_box(38.0, 37.5, 44.5, 32.0).unwrap_err();
        assert!(error.ends_with("expected south < north"), "{error}");
        let error = geo_box(38.0, 32.0, 181.0, 37.5).unwrap_err();
        assert!(error.starts_with("east = 181 is off the globe"), "{error}");
        let error = geo_box(38.0, -91.0, 44.0, 37.5).unwrap_err();
        assert!(error.contains("-90 to 90"), "{error}");
    }
}
