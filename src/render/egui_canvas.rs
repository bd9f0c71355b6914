//! [`Canvas`] on egui's painter: the screen backend of the composition.

use std::sync::Arc;

use egui::epaint::{Mesh, Vertex, WHITE_UV};
use egui::{Align2, Color32, FontId, Galley, Painter, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2, vec2};

use super::compose::{Canvas, TextSpec};
use super::view::ScreenFromWorld;
use crate::geo::FeatureShape;

/// Paints through an egui [`Painter`].
pub struct EguiCanvas<'p> {
    pub painter: &'p Painter,
}

impl EguiCanvas<'_> {
    fn galley(&self, spec: &TextSpec<'_>) -> Arc<Galley> {
        let font = FontId::proportional(spec.size.max(1.0));
        let wrap = spec.wrap_width.unwrap_or(f32::INFINITY);
        self.painter.layout(spec.text.to_owned(), font, spec.color, wrap)
    }
}

impl Canvas for EguiCanvas<'_> {
    fn fill_feature(&mut self, shape: &FeatureShape, to_screen: &ScreenFromWorld, color: Color32) {
        let mesh = Mesh {
            indices: shape.mesh.indices.clone(),
            vertices: shape
                .mesh
                .vertices
                .iter()
                .map(|&world| Vertex {
                    pos: to_screen.screen_from_world(world),
                    uv: WHITE_UV,
                    color,
                })
                .collect(),
            ..Default::default()
        };
        self.painter.add(Shape::mesh(mesh));
    }

    fn stroke_world(&mut self, points: &[Pos2], closed: bool, to_screen: &ScreenFromWorld, stroke: Stroke) {
        if points.len() < 2 || stroke.is_empty() {
            return;
        }
        let screen: Vec<Pos2> = points.iter().map(|&p| to_screen.screen_from_world(p)).collect();
        self.painter.add(if closed {
            Shape::closed_line(screen, stroke)
        } else {
            Shape::line(screen, stroke)
        });
    }

    fn rect(&mut self, rect: Rect, corner_radius: f32, fill: Color32, stroke: Stroke) {
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "radius in points"
        )]
        let radius = corner_radius.clamp(0.0, 255.0) as u8;
        self.painter.rect(rect, radius, fill, stroke, StrokeKind::Inside);
    }

    fn circle(&mut self, centre: Pos2, radius: f32, fill: Color32, stroke: Stroke) {
        self.painter.circle(centre, radius, fill, stroke);
    }

    fn text(&mut self, spec: &TextSpec<'_>, pos: Pos2, anchor: Align2) -> Rect {
        let galley = self.galley(spec);
        let rect = anchor.anchor_size(pos, galley.size());
        if let Some(halo) = spec.halo {
            let w = (spec.size * 0.09).max(1.0);
            for offset in HALO_OFFSETS {
                self.painter
                    .galley_with_override_text_color(rect.min + offset * w, galley.clone(), halo);
            }
        }
        self.painter.galley(rect.min, galley, spec.color);
        rect
    }

    fn measure(&mut self, spec: &TextSpec<'_>) -> Vec2 {
        self.galley(spec).size()
    }
}

/// Eight directions of a text halo, unit length.
pub const HALO_OFFSETS: [Vec2; 8] = [
    vec2(1.0, 0.0),
    vec2(-1.0, 0.0),
    vec2(0.0, 1.0),
    vec2(0.0, -1.0),
    vec2(0.7, 0.7),
    vec2(-0.7, 0.7),
    vec2(0.7, -0.7),
    vec2(-0.7, -0.7),
];
