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

/// Most pixels a side of a logo may have: a logo is a corner's mark, and
/// a larger file is scaled down once when it is read.
pub const MAX_LOGO_SIDE_PX: u32 = 512;

/// A logo: straight (unpremultiplied) RGBA8 pixels, rows top to bottom.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Logo {
    pub width: u32,
    pub height: u32,
    /// `width × height × 4` bytes.
    pub rgba: Vec<u8>,
}

impl Logo {
    /// Decodes a PNG file's bytes (any colour type and depth), scaling
    /// an image larger than [`MAX_LOGO_SIDE_PX`] down. The error says
    /// why in a reader's words.
    pub fn from_png(bytes: &[u8]) -> Result<Self, String> {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        decoder.set_transformations(png::Transformations::normalize_to_color8());
        let mut reader = decoder.read_info().map_err(|e| format!("not a PNG image ({e})"))?;
        let size = reader
            .output_buffer_size()
            .ok_or_else(|| "the PNG image is too large".to_owned())?;
        let mut buffer = vec![0; size];
        let info = reader
            .next_frame(&mut buffer)
            .map_err(|e| format!("the PNG image cannot be read ({e})"))?;
        let (width, height) = (info.width, info.height);
        let pixels = usize::try_from(u64::from(width) * u64::from(height)).map_err(|_| "too large".to_owned())?;
        let data = buffer.get(..info.buffer_size()).unwrap_or_default();
        let rgba: Vec<u8> = match info.color_type {
            png::ColorType::Rgba => data.to_vec(),
            png::ColorType::Rgb => data.chunks_exact(3).flat_map(|p| [p[0], p[1], p[2], 255]).collect(),
            png::ColorType::GrayscaleAlpha => data.chunks_exact(2).flat_map(|p| [p[0], p[0], p[0], p[1]]).collect(),
            png::ColorType::Grayscale => data.iter().flat_map(|&g| [g, g, g, 255]).collect(),
            png::ColorType::Indexed => return Err("the PNG image's palette was not expanded".to_owned()),
        };
        if rgba.len() != pixels * 4 || pixels == 0 {
            return Err("the PNG image has no pixels".to_owned());
        }
        Ok(Self { width, height, rgba }.scaled_within(MAX_LOGO_SIDE_PX))
    }

    /// The logo scaled down (box filter) so that no side exceeds `max_side`.
    #[must_use]
    pub fn scaled_within(self, max_side: u32) -> Self {
        let longest = self.width.max(self.height);
        if longest <= max_side || max_side == 0 {
            return self;
        }
        let scale = f64::from(longest) / f64::from(max_side);
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "at most max_side"
        )]
        let side = |s: u32| ((f64::from(s) / scale).round() as u32).clamp(1, max_side);
        let (w, h) = (side(self.width), side(self.height));
        let mut rgba = Vec::with_capacity((w * h * 4) as usize);
        for y in 0..h {
            for x in 0..w {
                rgba.extend_from_slice(&self.average(x, y, w, h));
            }
        }
        Self {
            width: w,
            height: h,
            rgba,
        }
    }

    /// The mean of the pixels of cell (`x`, `y`) of a `w × h` grid over
    /// the logo, weighted by alpha (a transparent pixel's colour is none).
    fn average(&self, x: u32, y: u32, w: u32, h: u32) -> [u8; 4] {
        let span = |i: u32, n: u32, side: u32| {
            let start = u64::from(i) * u64::from(side) / u64::from(n);
            let end = (u64::from(i + 1) * u64::from(side) / u64::from(n)).max(start + 1);
            start..end.min(u64::from(side))
        };
        let (mut sum, mut alpha, mut count) = ([0_u64; 3], 0_u64, 0_u64);
        for sy in span(y, h, self.height) {
            for sx in span(x, w, self.width) {
                let i = usize::try_from((sy * u64::from(self.width) + sx) * 4).unwrap_or(usize::MAX);
                if let Some(p) = self.rgba.get(i..i + 4) {
                    let a = u64::from(p[3]);
                    for (s, &c) in sum.iter_mut().zip(p) {
                        *s += u64::from(c) * a;
                    }
                    alpha += a;
                    count += 1;
                }
            }
        }
        let channel = |s: u64| u8::try_from(s / alpha.max(1)).unwrap_or(u8::MAX);
        [
            channel(sum[0]),
            channel(sum[1]),
            channel(sum[2]),
            u8::try_from(alpha / count.max(1)).unwrap_or(u8::MAX),
        ]
    }

    /// The pixel at (`x`, `y`), straight RGBA.
    pub fn pixel(&self, x: u32, y: u32) -> Option<[u8; 4]> {
        if x >= self.width || y >= self.height {
            return None;
        }
        let i = usize::try_from((u64::from(y) * u64::from(self.width) + u64::from(x)) * 4).ok()?;
        let p = self.rgba.get(i..i + 4)?;
        Some([p[0], p[1], p[2], p[3]])
    }
}

/// A logo's pixel as a colour: the logo's own colours, not design tokens.
pub fn logo_color([r, g, b, a]: [u8; 4]) -> Color32 {
    #[expect(clippy::disallowed_methods, reason = "a logo's own pixels, not a design colour")]
    Color32::from_rgba_unmultiplied(r, g, b, a)
}

/// The most cells a side of a logo is drawn with on a canvas that draws
/// it as rectangles ([`Canvas::image`]'s default).
pub const LOGO_CELLS: u32 = 96;

/// Draws `logo` into `rect` as runs of rectangles of one colour, at most
/// [`LOGO_CELLS`] a side: how a canvas without pictures (the screen's
/// shapes, a vector page) shows one.
pub fn paint_logo_cells<C: Canvas + ?Sized>(canvas: &mut C, rect: Rect, logo: &Logo) {
    let cells = logo.clone().scaled_within(LOGO_CELLS);
    #[expect(clippy::cast_precision_loss, reason = "at most LOGO_CELLS")]
    let cell = vec2(rect.width() / cells.width as f32, rect.height() / cells.height as f32);
    for y in 0..cells.height {
        let mut x = 0;
        while x < cells.width {
            let Some(p) = cells.pixel(x, y) else { break };
            let mut end = x + 1;
            while end < cells.width && cells.pixel(end, y) == Some(p) {
                end += 1;
            }
            if p[3] > 0 {
                #[expect(clippy::cast_precision_loss, reason = "at most LOGO_CELLS")]
                let (x0, x1, y0) = (x as f32, end as f32, y as f32);
                // A hair wider than the cell: no seam between runs.
                let run = Rect::from_min_max(
                    rect.min + vec2(x0 * cell.x, y0 * cell.y),
                    rect.min + vec2(x1 * cell.x + 0.05, (y0 + 1.0) * cell.y + 0.05),
                );
                canvas.rect(run, 0.0, logo_color(p), Stroke::NONE);
            }
            x = end;
        }
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
    let width = halo_width(spec);
    HALO_OFFSETS.into_iter().map(move |offset| origin + offset * width)
}

/// How far a text's halo reaches beyond its glyphs, points: ~9 % of the
/// text size. A vector canvas strokes the glyphs this wide on each side
/// (twice it in all) instead of drawing the eight copies.
pub fn halo_width(spec: &TextSpec<'_>) -> f32 {
    (spec.size * 0.09).max(1.0)
}

/// What the composition draws on: egui's painter on screen, a CPU
/// rasterizer for export. Positions are screen points (y down) unless a
/// [`ScreenFromWorld`] is passed.
pub trait Canvas {
    /// Whether this canvas draws the map's simplified levels of detail
    /// (chosen by zoom): the screen, whose meshes they keep small, and the
    /// vector canvases, whose files they keep small (a full-detail PDF
    /// book is a fifth larger and slower to compress). The raster canvas
    /// draws the full geometry: building a level costs it more than the
    /// vertices it saves.
    fn draws_levels_of_detail(&self) -> bool {
        true
    }
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

    /// Draws `logo` stretched over `rect`. By default as runs of
    /// rectangles ([`paint_logo_cells`]), which every
    /// canvas draws; a canvas with pictures draws its pixels.
    fn image(&mut self, rect: Rect, logo: &Logo) {
        paint_logo_cells(self, rect, logo);
    }

    /// Starts a named thing on the map (a region, a base, an incident):
    /// what is drawn until [`Self::end_item`] draws it. A vector canvas
    /// groups it under its name (SVG: a `<g>` with a `<title>`, which a
    /// browser shows on hover and a slide keeps); the others ignore it.
    fn begin_item(&mut self, _name: &str) {}
    /// Ends the item of the last [`Self::begin_item`].
    fn end_item(&mut self) {}

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

/// A canvas that can paint part of a picture moved and clipped: the
/// vector canvases, which paint a comparison's two maps into one document
/// (a raster export paints each map on its own pixmap instead).
pub trait VectorCanvas: Canvas {
    /// Paints what follows, until [`Self::pop_area`], moved by `offset` and
    /// clipped to `size` at that place (points).
    fn push_area(&mut self, offset: Vec2, size: Vec2);
    /// Ends the area of the last [`Self::push_area`].
    fn pop_area(&mut self);
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

/// A path being built: what every path-based canvas (CPU, SVG, PDF)
/// builds its shapes through, so that they all build the same ones.
pub trait PathSink {
    fn move_to(&mut self, p: Pos2);
    fn line_to(&mut self, p: Pos2);
    fn cubic_to(&mut self, c1: Pos2, c2: Pos2, p: Pos2);
    fn close(&mut self);
}

/// Adds `points` to `sink` as one subpath, leaving out vertices closer
/// than `min_step` to the last one kept (the last point is always kept):
/// borders at full detail have many sub-pixel segments, which cost time
/// and bytes and change nothing visible. Returns how many points went in.
pub fn push_subpath(
    sink: &mut impl PathSink,
    points: impl IntoIterator<Item = Pos2>,
    min_step: f32,
    closed: bool,
) -> usize {
    let mut n = 0;
    let mut last = Pos2::new(f32::NAN, f32::NAN);
    let mut pending = None;
    for p in points {
        if n == 0 {
            sink.move_to(p);
        } else if p.distance_sq(last) >= min_step * min_step {
            sink.line_to(p);
        } else {
            pending = Some(p);
            continue;
        }
        pending = None;
        last = p;
        n += 1;
    }
    if let Some(p) = pending {
        sink.line_to(p);
        n += 1;
    }
    if closed && n > 0 {
        sink.close();
    }
    n
}

/// How far along a quarter circle's tangent its cubic's control points
/// lie, as a fraction of the radius.
const QUARTER_CIRCLE_K: f32 = 0.552_284_8;

/// A rectangle with round corners of `radius` (clamped to half the
/// shorter side), clockwise from the top left corner's end.
pub fn push_rounded_rect(sink: &mut impl PathSink, rect: Rect, radius: f32) {
    let (x0, y0, x1, y1) = (rect.left(), rect.top(), rect.right(), rect.bottom());
    let r = radius.min(rect.width() / 2.0).min(rect.height() / 2.0).max(0.0);
    let p = Pos2::new;
    if r <= 0.0 {
        sink.move_to(p(x0, y0));
        sink.line_to(p(x1, y0));
        sink.line_to(p(x1, y1));
        sink.line_to(p(x0, y1));
        sink.close();
        return;
    }
    let k = r * (1.0 - QUARTER_CIRCLE_K);
    sink.move_to(p(x0 + r, y0));
    sink.line_to(p(x1 - r, y0));
    sink.cubic_to(p(x1 - k, y0), p(x1, y0 + k), p(x1, y0 + r));
    sink.line_to(p(x1, y1 - r));
    sink.cubic_to(p(x1, y1 - k), p(x1 - k, y1), p(x1 - r, y1));
    sink.line_to(p(x0 + r, y1));
    sink.cubic_to(p(x0 + k, y1), p(x0, y1 - k), p(x0, y1 - r));
    sink.line_to(p(x0, y0 + r));
    sink.cubic_to(p(x0, y0 + k), p(x0 + k, y0), p(x0 + r, y0));
    sink.close();
}

/// A circle as four cubics.
pub fn push_circle(sink: &mut impl PathSink, centre: Pos2, radius: f32) {
    let (c, r) = (centre, radius.max(0.0));
    let k = r * QUARTER_CIRCLE_K;
    let p = |dx: f32, dy: f32| c + vec2(dx, dy);
    sink.move_to(p(r, 0.0));
    sink.cubic_to(p(r, k), p(k, r), p(0.0, r));
    sink.cubic_to(p(-k, r), p(-r, k), p(-r, 0.0));
    sink.cubic_to(p(-r, -k), p(-k, -r), p(0.0, -r));
    sink.cubic_to(p(k, -r), p(r, -k), p(r, 0.0));
    sink.close();
}

/// The stripes of a hatch (see [`Canvas::hatch_feature`]) across `bounds`
/// (screen points), each a parallelogram a little wider than the bounds,
/// for a canvas to fill clipped to the feature: the stripe
/// `k·P <= (x - ox) + (y - oy) <= (k + 1/2)·P` for every `k` that meets
/// the bounds.
pub fn push_hatch_stripes(sink: &mut impl PathSink, bounds: Rect, origin: Pos2, period: f32) {
    let period = period.max(0.5);
    let (first, last) = (
        stripe_band(bounds.min, origin, period).floor(),
        stripe_band(bounds.max, origin, period).ceil(),
    );
    let (left, right) = (bounds.left() - 1.0, bounds.right() + 1.0);
    let mut k = first;
    while k <= last {
        let s0 = k * period + origin.x + origin.y;
        let s1 = s0 + period / 2.0;
        sink.move_to(Pos2::new(left, s0 - left));
        sink.line_to(Pos2::new(right, s0 - right));
        sink.line_to(Pos2::new(right, s1 - right));
        sink.line_to(Pos2::new(left, s1 - left));
        sink.close();
        k += 1.0;
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
