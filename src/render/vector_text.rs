//! Text for the vector canvases ([`super::svg_canvas`], [`super::pdf_canvas`]):
//! a galley laid out by epaint (the same layout the PNG export blits, see
//! [`super::TextEngine::layout`]) as lines of real text, each character at
//! the pen position epaint gave it, and the clean-up every text gets before
//! it goes into a file.

use egui::{Galley, Pos2, pos2};

/// One row of a galley as text.
#[derive(Clone, Debug, PartialEq)]
pub struct TextLine {
    /// The pen position of the first character on the baseline, points.
    pub origin: Pos2,
    /// The characters with each one's pen x, points (the same space as
    /// `origin`), in order; never empty, no leading or trailing white
    /// space, no control character.
    pub chars: Vec<(char, f32)>,
    /// From `origin` to the end of the last character, points.
    pub width: f32,
}

impl TextLine {
    /// The line's characters as a string.
    pub fn text(&self) -> String {
        self.chars.iter().map(|&(c, _)| c).collect()
    }
}

/// The rows of `galley` drawn with its top left at `top_left` (points), as
/// lines; rows with nothing to show are left out.
pub fn galley_lines(galley: &Galley, top_left: Pos2) -> Vec<TextLine> {
    let mut lines = Vec::with_capacity(galley.rows.len());
    for row in &galley.rows {
        let shown: Vec<_> = row.glyphs.iter().filter(|g| printable(g.chr)).collect();
        let first = shown.iter().position(|g| !g.chr.is_whitespace());
        let last = shown.iter().rposition(|g| !g.chr.is_whitespace());
        let (Some(first), Some(last)) = (first, last) else {
            continue;
        };
        let Some(kept) = shown.get(first..=last) else {
            continue;
        };
        let (Some(head), Some(tail)) = (kept.first(), kept.last()) else {
            continue;
        };
        let at = |x: f32| top_left.x + row.pos.x + x;
        let origin = pos2(at(head.pos.x), top_left.y + row.pos.y + head.pos.y);
        lines.push(TextLine {
            origin,
            chars: kept.iter().map(|g| (g.chr, at(g.pos.x))).collect(),
            width: at(tail.max_x()) - origin.x,
        });
    }
    lines
}

/// Whether `c` may go into a file's text: no control character (line
/// breaks are the layout's, not the text's) and nothing XML forbids.
pub fn printable(c: char) -> bool {
    !c.is_control() && !matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// `text` with what [`printable`] refuses dropped: names and titles come
/// from files other people edit.
pub fn clean_text(text: &str) -> String {
    text.chars().filter(|&c| printable(c)).collect()
}

#[cfg(test)]
mod tests {
    use egui::Color32;

    use super::*;
    use crate::render::{TextEngine, TextSpec, Theme};

    fn lines(text: &str, wrap: Option<f32>) -> Vec<TextLine> {
        let mut engine = TextEngine::new();
        engine.begin_frame(Theme::Light);
        let spec = TextSpec {
            text,
            size: 20.0,
            color: Color32::BLACK,
            halo: None,
            wrap_width: wrap,
            max_rows: None,
        };
        let galley = engine.layout(&spec, 1.0);
        galley_lines(&galley, pos2(100.0, 50.0))
    }

    #[test]
    fn a_label_too_long_for_its_width_is_one_row_elided_as_on_screen() {
        let mut engine = TextEngine::new();
        engine.begin_frame(Theme::Light);
        let long = "Ain al-Asad ".repeat(50);
        let spec = TextSpec {
            text: &long,
            size: 20.0,
            color: Color32::BLACK,
            halo: None,
            wrap_width: Some(200.0),
            max_rows: Some(1),
        };
        let galley = engine.layout(&spec, 1.0);
        let got = galley_lines(&galley, pos2(0.0, 0.0));
        assert_eq!(got.len(), 1, "{got:?}");
        let text = got[0].text();
        assert!(text.ends_with('…'), "{text}");
        assert!(text.chars().count() < 40, "{text}");
        assert!(got[0].width <= 201.0, "{got:?}");
    }

    #[test]
    fn a_line_starts_at_the_galleys_origin_on_the_baseline_and_keeps_its_text() {
        let got = lines("Baghdad", None);
        assert_eq!(got.len(), 1);
        let line = &got[0];
        assert_eq!(line.text(), "Baghdad");
        assert!((line.origin.x - 100.0).abs() < 1.0, "{line:?}");
        // The baseline lies below the top by most of the text size.
        assert!(line.origin.y > 60.0 && line.origin.y < 75.0, "{line:?}");
        assert!(line.width > 50.0, "{line:?}");
        let xs: Vec<f32> = line.chars.iter().map(|&(_, x)| x).collect();
        assert!(xs.windows(2).all(|w| w[0] < w[1]), "pen positions advance: {xs:?}");
    }

    #[test]
    fn wrapped_text_gives_one_line_a_row_without_the_spaces_at_the_break() {
        let got = lines("Coalition forces leave Baghdad", Some(120.0));
        assert!(got.len() >= 2, "{got:?}");
        let joined: Vec<String> = got.iter().map(TextLine::text).collect();
        assert_eq!(joined.join(" "), "Coalition forces leave Baghdad");
        assert!(got.windows(2).all(|w| w[0].origin.y < w[1].origin.y), "{got:?}");
    }

    #[test]
    fn control_characters_never_reach_a_file() {
        assert_eq!(clean_text("a\u{0}b\u{1b}[31mc\u{7f}\u{9f}\u{FFFF}d\te"), "ab[31mcde");
        let got = lines("one\u{7}two", None);
        assert_eq!(got[0].text(), "onetwo");
    }
}
