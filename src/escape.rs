//! Text made fit to print on a terminal or in a message: the characters
//! that must not be printed as themselves (controls, bidirectional
//! controls, line separators) escaped the way Rust writes them. Below
//! everything, so that the atomic writes' errors print their paths
//! through it too; `model::printable` builds the quoting and bounding of
//! input text on it.

use std::fmt::{self, Write as _};
use std::path::Path;

/// Characters that reorder the text around them when shown (the
/// bidirectional embeddings, overrides, isolates and marks).
const BIDI_CONTROLS: [char; 12] = [
    '\u{061C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}',
    '\u{2067}', '\u{2068}', '\u{2069}',
];

/// Whether `c` must not be printed as itself: a control character (C0,
/// DEL, C1: escapes, line breaks, tabs), a bidirectional control, or a
/// line or paragraph separator.
pub fn is_unprintable(c: char) -> bool {
    c.is_control() || BIDI_CONTROLS.contains(&c) || c == '\u{2028}' || c == '\u{2029}'
}

/// Writes `c` as itself, or escaped the way Rust writes it (`\n`, `\r`,
/// `\t`, `\u{1b}`, `\u{202e}`) if it [is unprintable](is_unprintable).
pub(crate) fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if is_unprintable(c) => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
        c => out.push(c),
    }
}

/// `text` with every [unprintable](is_unprintable) character escaped:
/// one line, shown in the order it is written.
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    out
}

/// A path as messages, notices and labels print it: [escaped] (a file
/// name can hold an escape that colours the terminal, sets its title or
/// forges a line). Never for a path the user edits (a typed-path field
/// gets the path's own text).
pub fn shown_path<P: AsRef<Path> + ?Sized>(path: &P) -> ShownPath<'_> {
    ShownPath(path.as_ref())
}

/// See [`shown_path`].
pub struct ShownPath<'a>(&'a Path);

impl fmt::Display for ShownPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&escaped(&self.0.to_string_lossy()))
    }
}
