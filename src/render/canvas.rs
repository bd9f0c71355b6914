//! What the composition draws on: the [`Canvas`] trait, the text it
//! draws ([`TextSpec`]) and the pieces every backend shares so that they
//! draw alike (a text's halo offsets, how a line is cut into dashes).
//!
//! A canvas only draws: what to draw where (and any caching of that) is
//! the composition's ([`super::scene`]) and its caller's business.

use egui::text::LayoutJob;
use egui::{Align2, Color32, FontId, Pos2, Rect, Stroke, Vec2, vec2};

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
    /// At most this many rows (at `wrap_width`): the rest is elided, the
    /// last row ending in `…`. `Some(1)` keeps a label on one line no
    /// wider than `wrap_width`.
    pub max_rows: Option<usize>,
}

/// The most characters of one text laid out: input text (a name, a
/// source) can be megabytes long, and laying all of it out only to elide
/// it would take seconds a frame. Far more than any width shows.
pub const MAX_LAID_OUT_CHARS: usize = 2_000;

/// How every canvas lays `spec` out (so that the screen and an export
/// wrap and elide alike): its text cut to [`MAX_LAID_OUT_CHARS`], wrapped
/// at `wrap_width`, at most `max_rows` rows, elided with `…`.
pub fn layout_job(spec: &TextSpec<'_>) -> LayoutJob {
    let text = match spec.text.char_indices().nth(MAX_LAID_OUT_CHARS) {
        Some((cut, _)) => format!("{}…", spec.text.get(..cut).unwrap_or_default()),
        None => spec.text.to_owned(),
    };
    let font = FontId::proportional(spec.size.max(1.0));
    let mut job = LayoutJob::simple(text, font, spec.color, spec.wrap_width.unwrap_or(f32::INFINITY));
    if let Some(max_rows) = spec.max_rows {
        job.wrap.max_rows = max_rows;
        // One row: cut anywhere, not only between words, so that the row
        // is filled up to the width before the `…`.
        job.wrap.break_anywhere = max_rows == 1;
        job.wrap.overflow_character = Some('…');
    }
    job
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
    /// Covers a feature with diagonal stripes of `stripe` colour (over
    /// whatever fill is under it), `period` screen points from one stripe to
    /// the next, half of it striped. The stripes run along `x + y` constant
    /// (rising to the right) and are anchored at `to_screen`'s origin, so
    /// that they move with the map and every canvas draws the same ones
    /// ([`stripe_band`]).
    fn hatch_feature(&mut self, shape: &FeatureShape, to_screen: &ScreenFromWorld, stripe: Color32, period: f32);
    fn rect(&mut self, rect: Rect, corner_radius: f32, fill: Color32, stroke: Stroke);
    fn circle(&mut self, centre: Pos2, radius: f32, fill: Color32, stroke: Stroke);
    /// Fills a convex polygon given in screen points, then strokes its
    /// outline (closed).
    fn convex_polygon(&mut self, points: &[Pos2], fill: Color32, stroke: Stroke);
    /// A straight line between two screen points.
    fn line_segment(&mut self, points: [Pos2; 2], stroke: Stroke);
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

/// Which stripe of a hatch (see [`Canvas::hatch_feature`]) the screen point
/// `p` lies in, as a position along the stripes' normal in periods: the
/// point is striped where the fractional part is below one half.
pub fn stripe_band(p: Pos2, origin: Pos2, period: f32) -> f32 {
    ((p.x - origin.x) + (p.y - origin.y)) / period.max(1e-3)
}

/// The pieces of the convex polygon `points` (screen points) that a hatch
/// anchored at `origin` with `period` stripes, each a convex polygon (the
/// polygon clipped to one stripe), for canvases to fill in the stripe
/// colour: how small marks (a base marker, a legend swatch) are hatched
/// alike on every canvas.
pub fn hatch_pieces(points: &[Pos2], origin: Pos2, period: f32, mut piece: impl FnMut(&[Pos2])) {
    if points.len() < 3 {
        return;
    }
    let bands = points.iter().map(|&p| stripe_band(p, origin, period));
    let (low, high) = bands.fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), b| (lo.min(b), hi.max(b)));
    if !(low.is_finite() && high.is_finite()) {
        return;
    }
    #[expect(clippy::cast_possible_truncation, reason = "a few stripes across a mark")]
    let (first, last) = (low.floor() as i64, high.ceil() as i64);
    let mut clipped = Vec::with_capacity(points.len() + 4);
    let mut scratch = Vec::with_capacity(points.len() + 4);
    for k in first..=last {
        #[expect(clippy::cast_precision_loss, reason = "small stripe numbers")]
        let start = k as f32;
        clipped.clear();
        clipped.extend_from_slice(points);
        // Keep start <= band <= start + 1/2.
        clip_half_plane(&clipped, &mut scratch, |p| stripe_band(p, origin, period) - start);
        clip_half_plane(&scratch, &mut clipped, |p| start + 0.5 - stripe_band(p, origin, period));
        if clipped.len() >= 3 {
            piece(&clipped);
        }
    }
}

/// Sutherland–Hodgman: the part of the convex polygon `input` where
/// `inside(p) >= 0`, into `out` (cleared first); `inside` must be affine.
fn clip_half_plane(input: &[Pos2], out: &mut Vec<Pos2>, inside: impl Fn(Pos2) -> f32) {
    out.clear();
    let Some(&last) = input.last() else {
        return;
    };
    let mut prev = (last, inside(last));
    for &p in input {
        let here = (p, inside(p));
        if here.1 >= 0.0 {
            if prev.1 < 0.0 {
                out.push(crossing(prev, here));
            }
            out.push(p);
        } else if prev.1 >= 0.0 {
            out.push(crossing(prev, here));
        }
        prev = here;
    }
}

fn crossing((a, da): (Pos2, f32), (b, db): (Pos2, f32)) -> Pos2 {
    let t = da / (da - db);
    a + (b - a) * t
}

#[cfg(test)]
mod tests {
    use egui::pos2;

    use super::*;

    #[test]
    fn hatch_pieces_cover_half_of_a_square_in_stripes_inside_it() {
        let square = [pos2(0.0, 0.0), pos2(40.0, 0.0), pos2(40.0, 40.0), pos2(0.0, 40.0)];
        let mut area = 0.0;
        let mut pieces = 0;
        hatch_pieces(&square, Pos2::ZERO, 10.0, |piece| {
            pieces += 1;
            for p in piece {
                assert!(
                    (-1e-3..=40.001).contains(&p.x) && (-1e-3..=40.001).contains(&p.y),
                    "{p:?}"
                );
                let band = stripe_band(*p, Pos2::ZERO, 10.0);
                let frac = band - band.floor();
                assert!(frac <= 0.5 + 1e-3 || frac >= 1.0 - 1e-3, "{p:?} in band {band}");
            }
            // Shoelace.
            let n = piece.len();
            area += (0..n)
                .map(|i| {
                    let (a, b) = (piece[i], piece[(i + 1) % n]);
                    a.x * b.y - b.x * a.y
                })
                .sum::<f32>()
                .abs()
                / 2.0;
        });
        assert!(pieces >= 8, "{pieces} stripes across 40 points at a 10-point period");
        assert!((area - 800.0).abs() < 1.0, "half of 1600: {area}");
    }
}
