//! The change a report makes, as people read it: a unified diff of the
//! lines, with two lines of context.

use similar::TextDiff;

/// Lines of unchanged context around each change: enough to see which
/// period or entry it is, short enough for a terminal.
const CONTEXT_LINES: usize = 2;

/// `before` → `after` as a unified diff naming `name`; empty when equal.
pub(super) fn short_diff(before: &str, after: &str, name: &str) -> String {
    TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(CONTEXT_LINES)
        .header(name, name)
        .to_string()
}
