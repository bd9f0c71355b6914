//! A canvas adapter that shows the map as a monochrome printer would: every
//! colour becomes its luminance grey. The same composition, one wrapper.

use egui::{Align2, Color32, Pos2, Rect, Stroke, Vec2};

use super::canvas::{Canvas, TextSpec, WorldLine};
use super::view::ScreenFromWorld;
use crate::geo::FeatureShape;

pub struct GreyscaleCanvas<'c> {
    pub inner: &'c mut dyn Canvas,
}

/// Rec. 709 luma of an sRGB colour, keeping alpha.
pub fn grey(color: Color32) -> Color32 {
    let [r, g, b, a] = color.to_srgba_unmultiplied();
    let y = 0.2126 * f32::from(r) + 0.7152 * f32::from(g) + 0.0722 * f32::from(b);
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "0..=255")]
    let y = y.round().clamp(0.0, 255.0) as u8;
    Color32::from_rgba_unmultiplied(y, y, y, a)
}

fn grey_stroke(stroke: Stroke) -> Stroke {
    Stroke::new(stroke.width, grey(stroke.color))
}

impl Canvas for GreyscaleCanvas<'_> {
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
}
