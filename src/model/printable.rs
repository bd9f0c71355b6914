//! Text from an input file, made fit to print: escaped and bounded.
//!
//! Names, ids, titles and sources come from files anyone can write. Printed
//! raw, a control character or a bidirectional override in one could
//! clear the terminal, forge a second "error" line or show a line in
//! reverse; a 10 MB name would become a 10 MB message. Every message that
//! quotes input text goes through [`quoted`], and every text listing of it
//! through [`shortened`]: both escape ([`escaped`]) and bound what they
//! copy. JSON output is whole on purpose, not bounded; serde_json escapes
//! only what JSON requires (C0 controls, quotes, backslashes), so
//! [`json_escaped`] escapes the rest of the unprintable characters as
//! `\uXXXX`: a program reading the JSON gets the same text, and a person
//! reading it on a terminal sees no control act on the screen.

use std::fmt::{self, Write as _};

use super::number_format::thousands;
use crate::escape::push_escaped;
pub use crate::escape::{escaped, is_unprintable, shown_path};

/// How many characters of an input text a message quotes before it
/// elides the rest (and says how long the whole is).
pub const QUOTE_MAX_CHARS: usize = 80;

/// Whether `c` is a format character (Unicode category Cf: zero-width
/// spaces and joiners, soft hyphens, word joiners, the byte order mark…):
/// invisible, so an id holding one can print exactly like another id.
pub fn is_format(c: char) -> bool {
    unicode_general_category::get_general_category(c) == unicode_general_category::GeneralCategory::Format
}

/// `json` (serde_json's output) with every [unprintable](is_unprintable)
/// character that JSON lets through raw (DEL, C1 controls, bidirectional
/// controls, U+2028 and U+2029) written as a `\uXXXX` escape. They can
/// only stand inside strings (JSON's own syntax is ASCII), where the
/// escape means the same character.
pub fn json_escaped(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if is_unprintable(c) && u32::from(c) >= 0x7f {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// How many characters of an input text a document's own text (its
/// title property, a PDF bookmark, an SVG item's `<title>`) takes: a
/// 100,000-character scenario title or a 10 MB feature name would
/// otherwise go whole into every document.
pub const DOCUMENT_TEXT_MAX_CHARS: usize = 200;

/// The first [`DOCUMENT_TEXT_MAX_CHARS`] characters of `text`, and `…`
/// if there was more. Not escaped: each document's writer escapes for
/// its own syntax (XML, PDF strings).
pub fn document_text(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(DOCUMENT_TEXT_MAX_CHARS) {
        None => std::borrow::Cow::Borrowed(text),
        Some((cut, _)) => std::borrow::Cow::Owned(format!("{}…", &text[..cut])),
    }
}

/// The first `max_chars` characters of `text`, [escaped], and
/// `…` if there was more: for listings that show input text unquoted.
pub fn shortened(text: &str, max_chars: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max_chars.saturating_mul(4)));
    let mut chars = text.chars();
    for c in chars.by_ref().take(max_chars) {
        push_escaped(&mut out, c);
    }
    if chars.next().is_some() {
        out.push('…');
    }
    out
}

/// `text` as a message quotes it: in double quotes, [escaped],
/// and, when longer than [`QUOTE_MAX_CHARS`], shortened and followed by
/// its length: `"AAAA…" (10,000,000 characters)`.
pub fn quoted(text: &str) -> Quoted<'_> {
    Quoted { text, quotes: true }
}

/// `text` as a message names it without quotes (a feature's name in
/// parentheses): as [`quoted`], less the quotes: `AAAA… (10,000,000
/// characters)`.
pub fn bounded(text: &str) -> Quoted<'_> {
    Quoted { text, quotes: false }
}

/// An input text quoted for a message; see [`quoted`] and [`bounded`].
#[derive(Clone, Copy, Debug)]
pub struct Quoted<'a> {
    text: &'a str,
    quotes: bool,
}

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let quote = if self.quotes { "\"" } else { "" };
        write!(f, "{quote}{}{quote}", shortened(self.text, QUOTE_MAX_CHARS))?;
        if self.text.chars().nth(QUOTE_MAX_CHARS).is_some() {
            let count = self.text.chars().count();
            write!(
                f,
                " ({} characters)",
                thousands(u32::try_from(count).unwrap_or(u32::MAX))
            )?;
        }
        Ok(())
    }
}

/// At most this many items of a list in one message ("expected one of").
pub const LIST_MAX_ITEMS: usize = 12;

/// `"a", "b", "c"`: the first [`LIST_MAX_ITEMS`] distinct `items`, each
/// [`quoted`], then ` and N more` when `distinct` (how many distinct items
/// there are in all) is larger. A message per unknown reference listing
/// thousands of ids would make the output quadratic in the input.
pub fn quoted_list<'a>(items: impl IntoIterator<Item = &'a str>, distinct: usize) -> String {
    let mut shown: Vec<&str> = Vec::new();
    for item in items {
        if shown.len() == LIST_MAX_ITEMS {
            break;
        }
        if !shown.contains(&item) {
            shown.push(item);
        }
    }
    let mut list = shown
        .iter()
        .map(|k| quoted(k).to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let more = distinct.saturating_sub(shown.len());
    if more > 0 {
        let _ = write!(list, " and {more} more");
    }
    list
}

/// A message from a parser (TOML, JSON) that may quote the input itself:
/// escaped and bounded, so that it cannot carry what [`quoted`] keeps out.
pub fn foreign_message(message: &str) -> String {
    /// Long enough for a parser's own words around a short quote.
    const MAX_CHARS: usize = 400;
    shortened(message, MAX_CHARS)
}

#[cfg(test)]
mod tests {
    #[test]
    fn document_text_keeps_short_text_and_cuts_long_text_at_a_character() {
        assert_eq!(document_text("Erbil"), "Erbil");
        let exact = "é".repeat(DOCUMENT_TEXT_MAX_CHARS);
        assert_eq!(document_text(&exact), exact);
        let long = "é".repeat(100_000);
        let cut = document_text(&long);
        assert_eq!(cut.chars().count(), DOCUMENT_TEXT_MAX_CHARS + 1);
        assert!(cut.ends_with("é…"), "{cut}");
    }

    #[test]
    fn json_escaping_writes_del_c1_bidi_and_separators_as_u_escapes() {
        let raw = "a\u{7f}b\u{85}c\u{202e}d\u{2028}e\u{2029}f\u{1b}";
        let json = json_escaped(&serde_json::to_string(raw).unwrap());
        assert_eq!(json, r#""a\u007fb\u0085c\u202ed\u2028e\u2029f\u001b""#);
        assert!(!json.chars().any(is_unprintable), "{json}");
        let back: String = serde_json::from_str(&json).unwrap();
        assert_eq!(back, raw, "the same text for a program");
        assert_eq!(
            json_escaped(r#"{"name":"Erbil Air Base"}"#),
            r#"{"name":"Erbil Air Base"}"#
        );
    }

    use super::*;

    #[test]
    fn control_and_bidi_characters_are_escaped() {
        assert_eq!(escaped("a\nb\r\tc\u{1b}[2J"), "a\\nb\\r\\tc\\u{1b}[2J");
        assert_eq!(
            escaped("\u{202e}evil\u{2066}\u{200f}\u{61c}"),
            "\\u{202e}evil\\u{2066}\\u{200f}\\u{61c}"
        );
        assert_eq!(escaped("\u{85}\u{7f}\u{2028}"), "\\u{85}\\u{7f}\\u{2028}");
        assert_eq!(escaped("Ain al-Asad – Anbar \"é\""), "Ain al-Asad – Anbar \"é\"");
    }

    #[test]
    fn a_short_text_is_quoted_whole_and_a_long_one_with_its_length() {
        assert_eq!(quoted("federal_iraq").to_string(), "\"federal_iraq\"");
        let exactly = "a".repeat(QUOTE_MAX_CHARS);
        assert_eq!(quoted(&exactly).to_string(), format!("\"{exactly}\""));
        let long = "A".repeat(10_000_000);
        let q = quoted(&long).to_string();
        assert_eq!(
            q,
            format!("\"{}…\" (10,000,000 characters)", "A".repeat(QUOTE_MAX_CHARS))
        );
        // Escapes count as the one character they stand for.
        let q = quoted(&"\u{1b}".repeat(100)).to_string();
        assert!(q.ends_with("…\" (100 characters)") && !q.contains('\u{1b}'), "{q}");
        assert_eq!(bounded("Raqqa").to_string(), "Raqqa");
        assert_eq!(
            bounded(&"é".repeat(81)).to_string(),
            format!("{}… (81 characters)", "é".repeat(80))
        );
    }

    #[test]
    fn a_list_shows_the_first_distinct_items_and_counts_the_rest() {
        assert_eq!(quoted_list(["a", "a", "b"], 2), "\"a\", \"b\"");
        let many: Vec<String> = (0..100).map(|i| format!("id{i}")).collect();
        let list = quoted_list(many.iter().map(String::as_str), 100);
        assert!(
            list.starts_with("\"id0\", \"id1\"") && list.ends_with("\"id11\" and 88 more"),
            "{list}"
        );
    }

    #[test]
    fn shortening_keeps_whole_characters() {
        assert_eq!(shortened("ééé", 2), "éé…");
        assert_eq!(shortened("ééé", 3), "ééé");
        assert_eq!(shortened("a\nb", 5), "a\\nb");
    }

    #[test]
    fn a_parser_message_is_bounded_and_escaped() {
        let message = format!("unknown field `{}\u{1b}`", "x".repeat(1_000_000));
        let m = foreign_message(&message);
        assert!(m.chars().count() <= 401 && !m.contains('\u{1b}'), "{}", m.len());
    }
}
