//! Input errors that name the file and the place in it.
//!
//! Every loader reports problems as [`InputError`]s: the file (as the user
//! named it), where in it (line and column, or a feature index), and what was
//! expected. They render like compiler messages so that a briefer can jump
//! straight to the line.

use std::fmt;

/// Where in an input file a problem is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    /// 1-based line and column in a text file.
    LineColumn { line: usize, column: usize },
    /// 0-based index of a feature in a GeoJSON `FeatureCollection`.
    Feature { index: usize },
}

/// Turns byte offsets into 1-based lines and columns, in one pass over the
/// text when the offsets come in order (as sorted errors do); an offset
/// before the previous one starts again from the top. An offset inside a
/// character counts as that character's start.
pub struct Locator<'a> {
    text: &'a str,
    /// Byte offset scanned up to, and the line and column there.
    offset: usize,
    line: usize,
    column: usize,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            offset: 0,
            line: 1,
            column: 1,
        }
    }

    pub fn locate(&mut self, offset: usize) -> Location {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.offset {
            *self = Self::new(self.text);
        }
        for c in self.text.get(self.offset..offset).unwrap_or_default().chars() {
            if c == '\n' {
                self.line += 1;
                self.column = 1;
            } else {
                self.column += 1;
            }
        }
        self.offset = offset;
        Location::LineColumn {
            line: self.line,
            column: self.column,
        }
    }
}

/// One problem in one input file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct InputError {
    /// The file as the user named it (or `<embedded scenario.toml>`).
    pub file: String,
    pub location: Option<Location>,
    pub message: String,
}

impl InputError {
    pub fn new(file: impl Into<String>, location: Option<Location>, message: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            location,
            message: message.into(),
        }
    }

    /// An error at byte `offset` of `text`.
    pub fn at_offset(file: &str, text: &str, offset: usize, message: impl Into<String>) -> Self {
        Self::new(file, Some(Locator::new(text).locate(offset)), message)
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Some(Location::LineColumn { line, column }) => {
                write!(f, "{}:{line}:{column}: {}", self.file, self.message)
            }
            Some(Location::Feature { index }) => {
                write!(f, "{}: feature {index}: {}", self.file, self.message)
            }
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// All problems found in one load, in file order. Never empty.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct InputErrors(pub Vec<InputError>);

impl InputErrors {
    pub fn one(error: InputError) -> Self {
        Self(vec![error])
    }
}

impl From<InputError> for InputErrors {
    fn from(error: InputError) -> Self {
        Self::one(error)
    }
}

impl InputErrors {
    /// The first `max` errors, one a line, then `… and N more errors` if
    /// there are more: a file with thousands of problems must not bury
    /// the terminal (the first ones are the ones to fix first).
    pub fn first(&self, max: usize) -> FirstErrors<'_> {
        FirstErrors { errors: self, max }
    }
}

/// See [`InputErrors::first`].
pub struct FirstErrors<'a> {
    errors: &'a InputErrors,
    max: usize,
}

impl fmt::Display for FirstErrors<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let all = &self.errors.0;
        for (i, error) in all.iter().take(self.max).enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        let more = all.len().saturating_sub(self.max);
        if more > 0 {
            let noun = if more == 1 { "error" } else { "errors" };
            write!(f, "\n… and {more} more {noun}")?;
        }
        Ok(())
    }
}

impl fmt::Display for InputErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.first(usize::MAX))
    }
}

/// Files larger than this are refused before they are read: the shipped
/// assets are a few MiB, and a densified 1M-vertex regions file is ~40 MiB.
/// Scenarios have a smaller cap of their own
/// ([`crate::load::scenario::MAX_SCENARIO_BYTES`]).
pub const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// Scenario keys whose values are dates.
const DATE_KEYS: &[&str] = &["date", "from", "to", "start", "end"];

/// Scenario keys whose values are whole numbers (people).
const WHOLE_NUMBER_KEYS: &[&str] = &["low", "high"];

/// Scenario keys whose values are numbers in degrees.
const DEGREE_KEYS: &[&str] = &["lat", "lon"];

/// The TOML parser's words for a bare value it could not read. They name
/// TOML's types ("invalid boolean" for
/// `low = ten`, which starts like `true`; "string values must be quoted"
/// for `date = 20 Mar 2026`, after which quoting it fails again), not
/// what the key wants.
fn is_value_message(message: &str) -> bool {
    const BARE_VALUE: [&str; 7] = [
        "string values must be quoted",
        "invalid boolean",
        "invalid integer",
        "invalid float",
        "invalid hexadecimal",
        "invalid octal",
        "invalid binary",
    ];
    BARE_VALUE.iter().any(|m| message.starts_with(m))
}

/// A TOML error at byte `offset` of `text` in the scenario's own words,
/// when the key it is about says what was expected: "date must be written
/// YYYY-MM-DD …", "low must be a whole number …". `None` leaves the
/// parser's message as it is.
pub fn scenario_value_message(toml_message: &str, text: &str, offset: usize) -> Option<String> {
    let key = value_key(text, offset)?;
    let plain = if DATE_KEYS.contains(&key) {
        format!("{key} must be a date written YYYY-MM-DD, as 2024-09-27 or quoted \"2024-09-27\"")
    } else if WHOLE_NUMBER_KEYS.contains(&key) {
        format!("{key} must be a number of people, like 2500 (no quotes)")
    } else if DEGREE_KEYS.contains(&key) {
        format!("{key} must be a number of degrees, like 33.8 (no quotes)")
    } else if toml_message.starts_with("string values must be quoted") {
        format!("{key} must be text in quotes, like {key} = \"…\"")
    } else {
        return None;
    };
    if toml_message.starts_with("invalid type") || toml_message.starts_with("invalid date") {
        // These name what was found (a string, a day that does not exist):
        // kept, with what the key wants after them.
        Some(format!(
            "{}: {plain}",
            crate::model::printable::foreign_message(toml_message)
        ))
    } else if is_value_message(toml_message) {
        Some(plain)
    } else {
        None
    }
}

/// A TOML reader's error (syntax, an unknown or missing key, a wrong
/// type) as the loaders report it: `message` (the reader's, in the
/// loader's words), then the text at its place quoted when it reads in
/// one short line, at its span, or where [`unlocated_toml_error`] finds
/// it; about the whole file otherwise. One home for the scenario and
/// story loaders.
pub fn located_toml_error(error: &toml::de::Error, text: &str, file: &str, mut message: String) -> InputError {
    let span = error.span();
    let found = span
        .as_ref()
        .and_then(|s| text.get(s.clone()))
        .map(str::trim)
        .filter(|s| !s.is_empty() && s.chars().count() <= 60 && !s.contains('\n'));
    if let Some(found) = found {
        message.push_str(&format!(" (at `{}`)", crate::model::printable::escaped(found)));
    }
    match (span, unlocated_toml_error(error.message(), text)) {
        (Some(span), _) => InputError::at_offset(file, text, span.start, message),
        (None, Some((offset, message))) => InputError::at_offset(file, text, offset, message),
        (None, None) => InputError::new(file, None, message),
    }
}

/// Where a TOML error the parser gives no span for is, and what to say:
/// its recursion limit ("recursion limit", hit by a dotted key or table
/// header of about 90 parts) is put at the line that nests deepest, so
/// that a 100,000-part key is found without reading the file by eye.
/// `None` for other span-less errors (a missing top-level key), which
/// are about the whole file. One pass over the text.
pub fn unlocated_toml_error(toml_message: &str, text: &str) -> Option<(usize, String)> {
    if !toml_message.contains("recursion limit") {
        return None;
    }
    let (offset, depth) = deepest_line(text);
    Some((
        offset,
        format!(
            "keys, tables or arrays nest too deep to read ({depth} levels on this line); \
             write the data flatter"
        ),
    ))
}

/// The start of the first line with the most nesting marks (a dotted
/// key's dots, `[` and `{`) outside strings and comments, and that count.
fn deepest_line(text: &str) -> (usize, usize) {
    let mut best = (0, 0);
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let mut depth = 0;
        let mut quote = None;
        for c in line.chars() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') => break,
                (None, '.' | '[' | '{') => depth += 1,
                (None, _) => {}
            }
        }
        if depth > best.1 {
            best = (line_start, depth);
        }
        line_start += line.len();
    }
    best
}

/// The key of the `key = value` line whose value holds byte `offset`
/// (the last part of a dotted key, without quotes); `None` when `offset`
/// is not in a value.
fn value_key(text: &str, offset: usize) -> Option<&str> {
    let before = text.get(..offset)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.get(line_start..)?;
    // The last `=` before the value: inline tables hold several keys.
    let (key, _) = line.rsplit_once('=')?;
    let key = key.rsplit([',', '{']).next()?;
    let key = key.trim().rsplit('.').next()?.trim().trim_matches(['"', '\'']);
    (!key.is_empty() && !key.starts_with('[')).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_written_any_other_way_is_told_the_date_format() {
        let text = "[[milestones]]\ndate = 20 Mar 2026\n";
        let offset = text.find("20 Mar").unwrap();
        let message = scenario_value_message("string values must be quoted", text, offset).unwrap();
        assert!(
            message.starts_with("date must be a date written YYYY-MM-DD"),
            "{message}"
        );
        assert!(message.contains("\"2024-09-27\""), "{message}");
    }

    #[test]
    fn a_word_for_a_number_is_told_a_number_is_expected_not_a_boolean() {
        let text = "[[troops]]\nlow = ten\n";
        let offset = text.find("ten").unwrap();
        let message = scenario_value_message("invalid boolean", text, offset).unwrap();
        assert_eq!(message, "low must be a number of people, like 2500 (no quotes)");
        let text = "lat = north\n";
        let message = scenario_value_message("string values must be quoted", text, 6).unwrap();
        assert!(message.starts_with("lat must be a number of degrees"), "{message}");
    }

    #[test]
    fn an_error_outside_a_value_keeps_the_parsers_words() {
        assert_eq!(
            scenario_value_message("invalid table header", "[[milestones\n", 2),
            None
        );
        assert_eq!(scenario_value_message("duplicate key", "title = \"a\"\n", 0), None);
        assert_eq!(
            scenario_value_message("invalid type: integer `3`, expected a string", "title = 3", 8).as_deref(),
            None
        );
    }

    #[test]
    fn a_wrong_type_or_a_day_that_does_not_exist_keeps_what_the_parser_found() {
        let message =
            scenario_value_message("invalid type: string \"north\", expected f64", "lat = \"north\"", 6).unwrap();
        assert_eq!(
            message,
            "invalid type: string \"north\", expected f64: lat must be a number of degrees, like 33.8 (no quotes)"
        );
        let message = scenario_value_message("invalid date", "to = 2025-02-30", 5).unwrap();
        assert!(
            message.starts_with("invalid date: to must be a date written YYYY-MM-DD"),
            "{message}"
        );
    }

    #[test]
    fn a_recursion_limit_is_put_at_the_line_that_nests_deepest() {
        let deep = ["a"; 100_000].join(".");
        let text = format!("title = \"x\" # a.b.c.d\ns = \"[[{{.\"\n{deep} = 1\nb = [[1]]\n");
        let (offset, message) = unlocated_toml_error("recursion limit", &text).unwrap();
        assert_eq!(offset, text.find(&deep).unwrap());
        assert!(message.contains("99999 levels"), "{message}");
        assert_eq!(unlocated_toml_error("missing field `title`", &text), None);
    }

    #[test]
    fn offsets_become_one_based_lines_and_columns() {
        let text = "a = 1\nbb = 2\n";
        let at = |offset| Locator::new(text).locate(offset);
        assert_eq!(at(0), Location::LineColumn { line: 1, column: 1 });
        assert_eq!(at(8), Location::LineColumn { line: 2, column: 3 });
        // Past the end: the end.
        assert_eq!(at(99), Location::LineColumn { line: 3, column: 1 });
        // Inside "é" (bytes 7..9): the character's column.
        assert_eq!(
            Locator::new("a = 1\nbé = 2").locate(8),
            Location::LineColumn { line: 2, column: 2 }
        );
    }

    #[test]
    fn a_reused_locator_agrees_with_a_fresh_one_in_any_order() {
        let text = "a = 1\nbé = 2\n\nlast";
        let mut locator = Locator::new(text);
        for offset in [0, 3, 6, 7, 8, 9, 12, 13, 2, 15, 17, 40] {
            let expected = Locator::new(text).locate(offset);
            assert_eq!(locator.locate(offset), expected, "offset {offset}");
        }
    }

    #[test]
    fn only_the_first_errors_are_listed_and_the_rest_counted() {
        let errors = InputErrors(
            (0..250)
                .map(|i| InputError::new("r.geojson", Some(Location::Feature { index: i }), "bad"))
                .collect(),
        );
        let text = errors.first(100).to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 101, "{text}");
        assert_eq!(lines[99], "r.geojson: feature 99: bad");
        assert_eq!(lines[100], "… and 150 more errors");
        assert_eq!(errors.to_string().lines().count(), 250);
        let one_more = InputErrors(errors.0[..101].to_vec());
        assert!(one_more.first(100).to_string().ends_with("\n… and 1 more error"));
        let exactly = InputErrors(errors.0[..100].to_vec());
        assert!(!exactly.first(100).to_string().contains('…'));
    }

    #[test]
    fn errors_render_like_compiler_messages() {
        let e = InputError::new("s.toml", Some(Location::LineColumn { line: 3, column: 7 }), "bad");
        assert_eq!(e.to_string(), "s.toml:3:7: bad");
        let e = InputError::new("r.geojson", Some(Location::Feature { index: 4 }), "bad");
        assert_eq!(e.to_string(), "r.geojson: feature 4: bad");
    }
}
