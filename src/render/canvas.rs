//! What the composition draws on: the [`Canvas`] trait, the text it
//! draws ([`TextSpec`]) and the pieces every backend shares so that they
//! draw alike (a text's halo offsets, how a line is cut into dashes).
//!
//! A canvas only draws: what to draw where (and any caching of that) is
//! the composition's ([`super::scene`]) and its caller's business.

use egui::{Align2, Color32, Pos2, Rect, Stroke, Vec2, vec2};

use crate::geo::{BorderLine, FeatureShape, LineId};

use super::view::ScreenFromWorld;

/// Text to draw: content, size in points, colour and options.
#[derive(Clone, Copy, Debug)]
pub struct TextSpec<'a> {
    pub text: &'a str,
    pub size: f32,
    pub color: Color32,
    /// Outline in this colour, for labels over the map.
    pub halo: Option<Color32>,
    /// Wrap lines at this width (points).
    pub wrap_width: Option<f32>,
}

/// A polyline in world space (km, y north) and, for a line of the map's
/// static geometry, its id: a caching canvas keeps the line's strokes
/// under it across frames; a line without one is drawn for one frame.
#[derive(Clone, Copy, Debug)]
pub struct WorldLine<'a> {
    pub points: &'a [Pos2],
    pub id: Option<LineId>,
}

impl<'a> WorldLine<'a> {
    /// A line drawn once, kept by no cache (a legend's sample, a dash).
    pub fn unkeyed(points: &'a [Pos2]) -> Self {
        Self { points, id: None }
    }

    /// A border or a piece of a region's outline.
    pub fn border(line: &'a BorderLine) -> Self {
        Self {
            points: &line.points,
            id: Some(LineId::Line(line.id)),
        }
    }

    /// Ring `ring` of `shape`'s rings.
    pub fn ring(shape: &'a FeatureShape, ring: usize) -> Option<Self> {
        let points = shape.rings.get(ring)?;
        Some(Self {
            points,
            id: Some(LineId::Ring { shape: shape.id, ring }),
        })
    }
}

/// Eight directions of a text halo, unit length.
const HALO_OFFSETS: [Vec2; 8] = [
    vec2(1.0, 0.0),
    vec2(-1.0, 0.0),
    vec2(0.0, 1.0),
    vec2(0.0, -1.0),
    vec2(0.7, 0.7),
    vec2(-0.7, 0.7),
    vec2(0.7, -0.7),
    vec2(-0.7, -0.7),
];

/// Where a text's halo copies go (screen points), for text laid out at
/// `origin`: eight directions at ~9 % of the text size, so that every
/// canvas outlines labels the same way.
pub fn halo_positions(spec: &TextSpec<'_>, origin: Pos2) -> impl Iterator<Item = Pos2> {
    let width = (spec.size * 0.09).max(1.0);
    HALO_OFFSETS.into_iter().map(move |offset| origin + offset * width)
}

/// What the composition draws on: egui's painter on screen, a CPU
/// rasterizer for export. Positions are screen points (y down) unless a
/// [`ScreenFromWorld`] is passed.
pub trait Canvas {
    /// Fills a feature (its triangulated mesh, or its rings even–odd).
    fn fill_feature(&mut self, shape: &FeatureShape, to_screen: &ScreenFromWorld, color: Color32);
    /// Strokes a polyline given in world space.
    fn stroke_world(&mut self, line: WorldLine<'_>, closed: bool, to_screen: &ScreenFromWorld, stroke: Stroke);
    fn rect(&mut self, rect: Rect, corner_radius: f32, fill: Color32, stroke: Stroke);
    fn circle(&mut self, centre: Pos2, radius: f32, fill: Color32, stroke: Stroke);
    /// Draws text anchored at `pos`; returns where it went.
    fn text(&mut self, spec: &TextSpec<'_>, pos: Pos2, anchor: Align2) -> Rect;
    /// The size `text` would take.
    fn measure(&mut self, spec: &TextSpec<'_>) -> Vec2;

    /// Strokes a dashed polyline given in world space; dash and gap in
    /// screen points. Built on [`Self::stroke_world`] through
    /// [`dash_pieces`], so every canvas dashes the same way.
    fn stroke_world_dashed(
        &mut self,
        line: WorldLine<'_>,
        to_screen: &ScreenFromWorld,
        stroke: Stroke,
        dash_gap: [f32; 2],
    ) {
        dash_pieces(line.points, to_screen, dash_gap, |piece| {
            self.stroke_world(WorldLine::unkeyed(piece), false, to_screen, stroke);
        });
    }
}

/// Cuts a polyline given in world space into dashes of `dash_gap` (dash
/// and gap in screen points under `to_screen`) and hands each dash, in
/// world space, to `dash`.
pub fn dash_pieces(points: &[Pos2], to_screen: &ScreenFromWorld, dash_gap: [f32; 2], mut dash: impl FnMut(&[Pos2])) {
    let scale = to_screen.scale.max(1e-6);
    let (dash_len, gap_len) = (dash_gap[0].max(0.5) / scale, dash_gap[1].max(0.5) / scale);
    let mut piece: Vec<Pos2> = Vec::new();
    let mut drawing = true;
    let mut left = dash_len;
    for pair in points.windows(2) {
        let (mut a, b) = (pair[0], pair[1]);
        let mut length = a.distance(b);
        while length > 0.0 {
            let step = left.min(length);
            let next = a + (b - a) * (step / length);
            if drawing {
                if piece.is_empty() {
                    piece.push(a);
                }
                piece.push(next);
            }
            left -= step;
            length -= step;
            a = next;
            if left <= 0.0 {
                if drawing {
                    dash(&piece);
                    piece.clear();
                }
                drawing = !drawing;
                left = if drawing { dash_len } else { gap_len };
            }
        }
    }
    if drawing && piece.len() > 1 {
        dash(&piece);
    }
}
