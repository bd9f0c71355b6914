//! A canvas adapter that shows the map as a monochrome printer would: every
//! colour becomes the grey of its relative luminance. The same
//! composition, one wrapper.

use egui::{Align2, Color32, Pos2, Rect, Stroke, Vec2};

use super::canvas::{Canvas, TextSpec, WorldLine};
use super::view::ScreenFromWorld;
use crate::geo::FeatureShape;
use crate::model::Rgb;

pub struct GreyscaleCanvas<'c> {
    pub inner: &'c mut dyn Canvas,
}

/// The colour's grey ([`Rgb::grey`], the one definition the status
/// palette is checked against), keeping alpha.
#[expect(
    clippy::disallowed_methods,
    reason = "the one conversion of a colour to its grey, not a colour of its own"
)]
pub fn grey(color: Color32) -> Color32 {
    let [r, g, b, a] = color.to_srgba_unmultiplied();
    let level = Rgb { r, g, b }.grey().r;
    Color32::from_rgba_unmultiplied(level, level, level, a)
}

fn grey_stroke(stroke: Stroke) -> Stroke {
    Stroke::new(stroke.width, grey(stroke.color))
}

impl Canvas for GreyscaleCanvas<'_> {
    fn draws_levels_of_detail(&self) -> bool {
        self.inner.draws_levels_of_detail()
    }

    fn fill_feature(&mut self, shape: &FeatureShape, to_screen: &ScreenFromWorld, color: Color32) {
        self.inner.fill_feature(shape, to_screen, grey(color));
    }

    fn stroke_world(&mut self, line: WorldLine<'_>, closed: bool, to_screen: &ScreenFromWorld, stroke: Stroke) {
        self.inner.stroke_world(line, closed, to_screen, grey_stroke(stroke));
    }

    fn stroke_world_dashed(
        &mut self,
        line: WorldLine<'_>,
        to_screen: &ScreenFromWorld,
        stroke: Stroke,
        dash_gap: [f32; 2],
    ) {
        self.inner
            .stroke_world_dashed(line, to_screen, grey_stroke(stroke), dash_gap);
    }

    fn hatch_feature(&mut self, shape: &FeatureShape, to_screen: &ScreenFromWorld, stripe: Color32, period: f32) {
        self.inner.hatch_feature(shape, to_screen, grey(stripe), period);
    }

    fn convex_polygon(&mut self, points: &[Pos2], fill: Color32, stroke: Stroke) {
        self.inner.convex_polygon(points, grey(fill), grey_stroke(stroke));
    }

    fn line_segment(&mut self, points: [Pos2; 2], stroke: Stroke) {
        self.inner.line_segment(points, grey_stroke(stroke));
    }

    fn rect(&mut self, rect: Rect, corner_radius: f32, fill: Color32, stroke: Stroke) {
        self.inner.rect(rect, corner_radius, grey(fill), grey_stroke(stroke));
    }

    fn circle(&mut self, centre: Pos2, radius: f32, fill: Color32, stroke: Stroke) {
        self.inner.circle(centre, radius, grey(fill), grey_stroke(stroke));
    }

    fn text(&mut self, spec: &TextSpec<'_>, pos: Pos2, anchor: Align2) -> Rect {
        let spec = TextSpec {
            color: grey(spec.color),
            halo: spec.halo.map(grey),
            ..*spec
        };
        self.inner.text(&spec, pos, anchor)
    }

    fn measure(&mut self, spec: &TextSpec<'_>) -> Vec2 {
        self.inner.measure(spec)
    }

    fn begin_item(&mut self, name: &str) {
        self.inner.begin_item(name);
    }

    fn end_item(&mut self) {
        self.inner.end_item();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greys_keep_luminance_order_and_alpha() {
        let blue = grey(Color32::from_rgb(0x00, 0x72, 0xb2));
        let orange = grey(Color32::from_rgb(0xe6, 0x9f, 0x00));
        assert!(blue.r() < orange.r());
        assert_eq!(blue.r(), blue.g());
        assert_eq!(grey(Color32::from_rgba_unmultiplied(255, 0, 0, 100)).a(), 100);
    }

    /// The palette test keeps the status colours apart by their relative
    /// luminance; the preview must show each as the grey of that same
    /// luminance, or colours the test passes could still look alike in it.
    /// (It used Rec.709 weights on the encoded channels: #0072b2 came out
    /// as #5e5e5e, whose luminance is 0.11, not the colour's 0.15.)
    #[test]
    fn the_preview_shows_each_status_colour_as_the_grey_of_its_luminance() {
        let scenario = crate::load::scenario::default_scenario().unwrap();
        let luminance = |level: u8| {
            Rgb {
                r: level,
                g: level,
                b: level,
            }
            .relative_luminance()
        };
        let colours = scenario.statuses.iter().map(|s| s.color);
        for rgb in colours.chain(Rgb::from_hex("#0072b2")) {
            let shown = grey(super::super::style::color32(rgb));
            assert_eq!(shown.r(), shown.g());
            assert_eq!(shown.r(), shown.b());
            let level = shown.r();
            let target = rgb.relative_luminance();
            let below = luminance(level.saturating_sub(1));
            let above = luminance(level.saturating_add(1));
            assert!(
                below <= target && target <= above,
                "{} shows as level {level}: luminance {:.4}, not {target:.4}",
                rgb.hex(),
                luminance(level)
            );
        }
    }
}
