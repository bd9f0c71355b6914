//! [`Canvas`] on a CPU pixmap: the export backend of the composition
//! (kept with the other canvases; the exporter only drives it).
//!
//! Shapes are rasterised by tiny-skia (anti-aliased, even–odd fills from the
//! features' rings, so concave governorates and holes come out right with
//! no triangle seams). Text is laid out by epaint's own [`Fonts`] — the same
//! fonts, sizes and galleys as on screen — and each glyph's coverage is
//! copied from epaint's font atlas onto the pixmap, the way egui's
//! tessellator places glyph quads, but blended here instead of on a GPU.
//!
//! Everything is integer or deterministic float arithmetic on the CPU: the
//! same scene gives the same bytes on every run and every thread.

use std::sync::Arc;

use egui::epaint::text::{FontDefinitions, Fonts, TextOptions, ViewportKey};
use egui::{Align2, Color32, Galley, Pos2, Rect, Stroke, Vec2};
use tiny_skia::{FillRule, LineCap, LineJoin, Mask, Paint, Path, PathBuilder, Pixmap, Transform};

use super::canvas::{
    Canvas, Logo, PathSink, TextSpec, WorldLine, halo_positions, layout_job, push_hatch_stripes, push_rounded_rect,
    push_subpath,
};
use super::style::Theme;
use super::view::ScreenFromWorld;
use crate::geo::FeatureShape;

/// Largest side of epaint's glyph atlas. Big headings at 4K and scale 2
/// need room; the atlas grows in height only as glyphs are added.
const ATLAS_SIDE: usize = 8192;

/// epaint's text machinery for off-screen use: fonts, galley cache and
/// glyph atlas. Expensive to create (font parsing), cheap to reuse, so an
/// exporter keeps one per thread — and with it the raster canvas's
/// scratch buffer, reused by every hatch of every frame that thread draws.
pub struct TextEngine {
    fonts: Fonts,
    scratch: RasterScratch,
}

/// What the raster canvas reuses from one fill to the next.
#[derive(Default)]
pub(super) struct RasterScratch {
    /// The mask a hatch is clipped through, image-sized and all zero
    /// between hatches: a fresh one per hatched feature was a page-faulted
    /// 2 MB (1080p) each time.
    hatch_mask: Option<Mask>,
}

impl Default for TextEngine {
    fn default() -> Self {
        Self::new()
    }
}

impl TextEngine {
    /// egui's default fonts, as on screen.
    pub fn new() -> Self {
        Self {
            fonts: Fonts::new(text_options(Theme::Light), FontDefinitions::default()),
            scratch: RasterScratch::default(),
        }
    }

    /// Starts a frame in `theme`: applies the theme's glyph coverage curve
    /// (as egui's light and dark visuals do) and lets epaint evict unused
    /// layouts and reset a full atlas.
    pub fn begin_frame(&mut self, theme: Theme) {
        self.fonts.begin_pass(text_options(theme), ViewportKey::default());
    }

    /// Lays out `spec` as every export canvas draws it, rounded to the
    /// pixels of `pixels_per_point` as on screen: the raster canvas blits
    /// these galleys, the vector canvases place their text rows where the
    /// galleys put them, so that text sits alike in PNG, SVG and PDF.
    pub fn layout(&mut self, spec: &TextSpec<'_>, pixels_per_point: f32) -> Arc<Galley> {
        layout_with(&mut self.fonts, spec, pixels_per_point)
    }

    /// The engine's two halves, to lend to two threads: the text, laid
    /// out for pixmaps of `pixels_per_point` ([`LayoutOnlyCanvas`]), and
    /// the shapes' scratch ([`CpuCanvas::shapes_only`]).
    pub(super) fn split(&mut self, pixels_per_point: f32) -> (LayoutOnlyCanvas<'_>, &mut RasterScratch) {
        (
            LayoutOnlyCanvas {
                fonts: &mut self.fonts,
                pixels_per_point,
            },
            &mut self.scratch,
        )
    }
}

/// [`TextEngine::layout`] with `fonts`.
fn layout_with(fonts: &mut Fonts, spec: &TextSpec<'_>, pixels_per_point: f32) -> Arc<Galley> {
    fonts
        .with_pixels_per_point(pixels_per_point)
        .layout_job(layout_job(spec))
}

/// egui's text options for the visuals a theme uses on screen. Sub-pixel
/// binning stays on although it rasterises a glyph at up to four offsets
/// (off, a one-frame export hints ~40 % fewer glyphs, 7 % of its work):
/// it changes where glyphs fall and so the galleys' sizes, and labels must
/// measure, fit and elide alike on screen and in an export.
fn text_options(theme: Theme) -> TextOptions {
    let visuals = if theme.is_dark() {
        egui::Visuals::dark()
    } else {
        egui::Visuals::light()
    };
    TextOptions {
        max_texture_side: ATLAS_SIDE,
        ..visuals.text_options
    }
}

/// Paints the composition into a [`Pixmap`]. Positions arrive in points;
/// `pixels_per_point` scales them to pixels.
pub struct CpuCanvas<'a> {
    pixmap: &'a mut Pixmap,
    /// `None` on a canvas for shapes only ([`Self::shapes_only`]).
    fonts: Option<&'a mut Fonts>,
    scratch: &'a mut RasterScratch,
    pixels_per_point: f32,
}

impl<'a> CpuCanvas<'a> {
    /// A canvas over `pixmap`, whose size in points is its pixel size
    /// divided by `pixels_per_point`.
    pub fn new(pixmap: &'a mut Pixmap, text: &'a mut TextEngine, pixels_per_point: f32) -> Self {
        Self {
            pixmap,
            fonts: Some(&mut text.fonts),
            scratch: &mut text.scratch,
            pixels_per_point,
        }
    }

    /// A canvas over `pixmap` for the ground of a map
    /// ([`super::paint::paint_ground`]), which has no text: it paints
    /// while another thread lays out the text with the engine's fonts. Text
    /// asked of it is not drawn and measures nothing.
    pub(super) fn shapes_only(pixmap: &'a mut Pixmap, scratch: &'a mut RasterScratch, pixels_per_point: f32) -> Self {
        Self {
            pixmap,
            fonts: None,
            scratch,
            pixels_per_point,
        }
    }

    fn px(&self, p: Pos2) -> Pos2 {
        Pos2::new(p.x * self.pixels_per_point, p.y * self.pixels_per_point)
    }

    /// A feature's rings (pixels) as one path of closed subpaths.
    fn rings_path(&self, shape: &FeatureShape, to_screen: &ScreenFromWorld) -> Option<Path> {
        let mut pb = PathBuilder::new();
        for ring in shape.rings.iter().filter(|r| r.len() >= 3) {
            push_points(
                &mut pb,
                ring.iter().map(|&w| self.px(to_screen.screen_from_world(w))),
                true,
            );
        }
        pb.finish()
    }

    fn galley(&mut self, spec: &TextSpec<'_>) -> Option<Arc<Galley>> {
        let ppp = self.pixels_per_point;
        self.fonts.as_deref_mut().map(|fonts| layout_with(fonts, spec, ppp))
    }

    fn fill_path(&mut self, path: &Path, color: Color32, rule: FillRule) {
        if color.a() == 0 || !fillable(path) {
            return;
        }
        self.pixmap
            .fill_path(path, &paint(color), rule, Transform::identity(), None);
    }

    fn stroke_path(&mut self, path: &Path, stroke: Stroke) {
        if stroke.is_empty() || !within_math(path.bounds()) {
            return;
        }
        let style = tiny_skia::Stroke {
            width: stroke.width * self.pixels_per_point,
            line_cap: LineCap::Round,
            line_join: LineJoin::Round,
            ..tiny_skia::Stroke::default()
        };
        self.pixmap
            .stroke_path(path, &paint(stroke.color), &style, Transform::identity(), None);
    }

    /// Fills the rectangle `pixels` with corners of `radius` (pixels). A
    /// translucent fill (a panel's) of a large rectangle
    /// blends the whole pixels inside its straight sides here and leaves
    /// tiny-skia the rim with the corners: its pipeline blends a
    /// translucent colour at ~20 ns a pixel on a CPU without AVX, which
    /// made a title block and a legend several milliseconds of a frame.
    /// The bytes are those of the whole fill: the inside is blended with
    /// tiny-skia's own arithmetic, and the rim, filled even–odd around a
    /// pixel-aligned hole, covers its pixels as the whole path does.
    fn fill_rounded_rect(&mut self, pixels: Rect, radius: f32, fill: Color32) {
        /// Below this many pixels inside, the split is not worth it.
        const MIN_INSIDE_PX: i64 = 4096;
        let r = radius.min(pixels.width() / 2.0).min(pixels.height() / 2.0).max(0.0);
        let inside = [
            pixels.left().ceil(),
            (pixels.top() + r).ceil(),
            pixels.right().floor(),
            (pixels.bottom() - r).floor(),
        ]
        .map(round_i64);
        let [x0, y0, x1, y1] = [
            inside[0].max(0),
            inside[1].max(0),
            inside[2].min(i64::from(self.pixmap.width())),
            inside[3].min(i64::from(self.pixmap.height())),
        ];
        let translucent = fill.a() < u8::MAX;
        if !translucent || x1 <= x0 || y1 <= y0 || (x1 - x0) * (y1 - y0) < MIN_INSIDE_PX {
            if let Some(path) = rounded_rect(pixels, radius) {
                self.fill_path(&path, fill, FillRule::Winding);
            }
            return;
        }
        let mut pb = PathBuilder::new();
        push_rounded_rect(&mut pb, pixels, radius);
        #[expect(clippy::cast_precision_loss, reason = "pixel coordinates within 16384, exact in f32")]
        let hole = Rect::from_min_max(Pos2::new(x0 as f32, y0 as f32), Pos2::new(x1 as f32, y1 as f32));
        push_points(
            &mut pb,
            [
                hole.left_top(),
                hole.left_bottom(),
                hole.right_bottom(),
                hole.right_top(),
            ],
            true,
        );
        if let Some(rim) = pb.finish() {
            self.fill_path(&rim, fill, FillRule::EvenOdd);
        }
        let [r, g, b, a] = fill.to_srgba_unmultiplied();
        let premultiplied = tiny_skia::Color::from_rgba8(r, g, b, a).premultiply().to_color_u8();
        let source = [
            premultiplied.red(),
            premultiplied.green(),
            premultiplied.blue(),
            premultiplied.alpha(),
        ];
        PixmapTarget::new(self.pixmap).blend_solid(x0..x1, y0..y1, source);
    }

    /// Copies the glyphs of `galley`, tinted `color`, with the galley's top
    /// left at `pos` (points). Placement follows epaint's tessellator: the
    /// galley snaps to a whole pixel, rows and glyph quads are already
    /// pixel-aligned inside it, and each quad maps atlas texels one to one.
    fn blit_galley(&mut self, galley: &Galley, pos: Pos2, color: Color32) {
        if color.a() == 0 {
            return;
        }
        let ppp = self.pixels_per_point;
        let galley_px = Vec2::new((pos.x * ppp).round(), (pos.y * ppp).round());
        let Some(fonts) = self.fonts.as_deref_mut() else {
            return;
        };
        let atlas = fonts.texture_atlas().image();
        let mut target = PixmapTarget::new(self.pixmap);
        let [r, g, b, a] = color.to_array();
        let tint = [u32::from(r), u32::from(g), u32::from(b), u32::from(a)];
        for row in &galley.rows {
            let vertices = row.visuals.mesh.vertices.get(row.visuals.glyph_vertex_range.clone());
            for quad in vertices.unwrap_or_default().chunks_exact(4) {
                let (mut min, mut max) = (quad[0], quad[0]);
                for v in &quad[1..] {
                    min.pos = min.pos.min(v.pos);
                    min.uv = min.uv.min(v.uv);
                    max.pos = max.pos.max(v.pos);
                    max.uv = max.uv.max(v.uv);
                }
                let to_px = |p: Pos2| (row.pos + p.to_vec2()).to_vec2() * ppp + galley_px;
                let (p0, p1) = (to_px(min.pos), to_px(max.pos));
                let glyph = GlyphQuad {
                    x0: round_i64(p0.x),
                    y0: round_i64(p0.y),
                    x1: round_i64(p1.x),
                    y1: round_i64(p1.y),
                    u0: round_i64(min.uv.x),
                    v0: round_i64(min.uv.y),
                    u1: round_i64(max.uv.x),
                    v1: round_i64(max.uv.y),
                };
                target.blend_glyph(&glyph, atlas, tint);
            }
        }
    }
}

/// Zeroes the rows of `mask` that a fill within `bounds` (pixels) may
/// have touched (anti-aliasing reaches a pixel beyond), leaving it all
/// zero again at the cost of the feature's height, not the image's.
fn clear_rows(mask: &mut Mask, bounds: Rect) {
    let width = mask.width() as usize;
    let rows = mask.height() as usize;
    let row = |y: f32| {
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss,
            reason = "clamped to the mask's rows (at most 16384, exact in f32) first; NaN becomes 0"
        )]
        let y = y.clamp(0.0, rows as f32) as usize;
        y
    };
    let (top, bottom) = (row(bounds.top().floor() - 1.0), row(bounds.bottom().ceil() + 2.0));
    if let Some(touched) = mask.data_mut().get_mut(top * width..bottom * width) {
        touched.fill(0);
    }
}

/// Below this width or height (pixels) tiny_skia fills nothing.
const NEARLY_ZERO: f32 = 1.0 / 4096.0;

/// Beyond this (pixels) tiny_skia refuses a path: its math could overflow.
const MAX_COORD: f32 = f32::MAX * 0.25;

/// Whether tiny_skia fills `path` at all. It skips an empty path, a line
/// and coordinates near `f32::MAX` itself, but says so on stderr for each
/// ("empty paths and horizontal/vertical lines cannot be filled", "path
/// coordinates are too big"); a degenerate ring, a zero-width rectangle or
/// a huge scale would fill a user's terminal with those. Every fill of this
/// canvas asks here first.
fn fillable(path: &Path) -> bool {
    let b = path.bounds();
    b.width() > NEARLY_ZERO && b.height() > NEARLY_ZERO && within_math(b)
}

/// Whether tiny_skia takes a path with these bounds (see [`fillable`]);
/// `false` for NaN.
fn within_math(b: tiny_skia::Rect) -> bool {
    b.left() >= -MAX_COORD && b.top() >= -MAX_COORD && b.right() <= MAX_COORD && b.bottom() <= MAX_COORD
}

#[expect(clippy::cast_possible_truncation, reason = "pixel coordinates, clamped on use")]
fn round_i64(x: f32) -> i64 {
    x.round() as i64
}

/// A tiny-skia paint in a solid egui colour (egui colours are premultiplied;
/// tiny-skia takes them straight).
fn paint(color: Color32) -> Paint<'static> {
    let [r, g, b, a] = color.to_srgba_unmultiplied();
    let mut paint = Paint::default();
    paint.set_color_rgba8(r, g, b, a);
    paint.anti_alias = true;
    paint
}

/// One glyph quad: pixel rectangle (end exclusive) and its texel rectangle.
struct GlyphQuad {
    x0: i64,
    y0: i64,
    x1: i64,
    y1: i64,
    u0: i64,
    v0: i64,
    u1: i64,
    v1: i64,
}

/// The pixmap's premultiplied RGBA8 bytes, for glyph blending.
struct PixmapTarget<'p> {
    data: &'p mut [u8],
    width: i64,
    height: i64,
}

impl<'p> PixmapTarget<'p> {
    fn new(pixmap: &'p mut Pixmap) -> Self {
        let (width, height) = (i64::from(pixmap.width()), i64::from(pixmap.height()));
        Self {
            data: pixmap.data_mut(),
            width,
            height,
        }
    }

    /// Source-over of `tint × coverage` (premultiplied) for each pixel of
    /// the quad, the coverage read from the atlas's alpha (nearest texel if
    /// the quad and its texels differ in size, which they do not when the
    /// layout and the canvas share `pixels_per_point`).
    fn blend_glyph(&mut self, q: &GlyphQuad, atlas: &egui::ColorImage, tint: [u32; 4]) {
        let (qw, qh) = (q.x1 - q.x0, q.y1 - q.y0);
        let (tw, th) = (q.u1 - q.u0, q.v1 - q.v0);
        if qw <= 0 || qh <= 0 || tw <= 0 || th <= 0 {
            return;
        }
        if (qw, qh) == (tw, th) {
            self.blend_glyph_one_to_one(q, atlas, tint);
        } else {
            self.blend_glyph_scaled(q, atlas, tint);
        }
    }

    /// [`Self::blend_glyph`] with the nearest texel of each pixel.
    fn blend_glyph_scaled(&mut self, q: &GlyphQuad, atlas: &egui::ColorImage, tint: [u32; 4]) {
        let (qw, qh) = (q.x1 - q.x0, q.y1 - q.y0);
        let (tw, th) = (q.u1 - q.u0, q.v1 - q.v0);
        if qw <= 0 || qh <= 0 || tw <= 0 || th <= 0 {
            return;
        }
        let atlas_w = i64::try_from(atlas.width()).unwrap_or(0);
        let atlas_h = i64::try_from(atlas.height()).unwrap_or(0);
        for y in q.y0.max(0)..q.y1.min(self.height) {
            let v = q.v0 + (y - q.y0) * th / qh;
            if !(0..atlas_h).contains(&v) {
                continue;
            }
            for x in q.x0.max(0)..q.x1.min(self.width) {
                let u = q.u0 + (x - q.x0) * tw / qw;
                if !(0..atlas_w).contains(&u) {
                    continue;
                }
                let Some(texel) = usize::try_from(v * atlas_w + u).ok().and_then(|i| atlas.pixels.get(i)) else {
                    continue;
                };
                let coverage = u32::from(texel.a());
                if coverage == 0 {
                    continue;
                }
                let Ok(offset) = usize::try_from((y * self.width + x) * 4) else {
                    continue;
                };
                let Some(dst) = self.data.get_mut(offset..offset + 4) else {
                    continue;
                };
                blend_texel(dst, tint, coverage);
            }
        }
    }

    /// [`Self::blend_glyph`] where each pixel has its own texel (the quad
    /// and its texels the same size: always, when the layout and the canvas
    /// share `pixels_per_point`): a row of texels over a row of pixels, no
    /// division per pixel. The same bytes as the general path.
    fn blend_glyph_one_to_one(&mut self, q: &GlyphQuad, atlas: &egui::ColorImage, tint: [u32; 4]) {
        let atlas_w = i64::try_from(atlas.width()).unwrap_or(0);
        let atlas_h = i64::try_from(atlas.height()).unwrap_or(0);
        // Pixels whose texel lies inside the atlas and that lie inside the image.
        let (dx, dy) = (q.x0 - q.u0, q.y0 - q.v0);
        let (x_lo, x_hi) = (q.x0.max(0).max(dx), q.x1.min(self.width).min(dx + atlas_w));
        let (y_lo, y_hi) = (q.y0.max(0).max(dy), q.y1.min(self.height).min(dy + atlas_h));
        if x_lo >= x_hi {
            return;
        }
        let (Ok(n), Ok(u_lo)) = (usize::try_from(x_hi - x_lo), usize::try_from(x_lo - dx)) else {
            return;
        };
        for y in y_lo..y_hi {
            let (Ok(texel_row), Ok(pixel_row)) = (usize::try_from(y - dy), usize::try_from(y * self.width + x_lo))
            else {
                continue;
            };
            let start = texel_row * atlas.width() + u_lo;
            let (Some(texels), Some(pixels)) = (
                atlas.pixels.get(start..start + n),
                self.data.get_mut(pixel_row * 4..(pixel_row + n) * 4),
            ) else {
                continue;
            };
            for (texel, dst) in texels.iter().zip(pixels.chunks_exact_mut(4)) {
                let coverage = u32::from(texel.a());
                if coverage != 0 {
                    blend_texel(dst, tint, coverage);
                }
            }
        }
    }

    /// Source-over of the premultiplied `source` onto every pixel of
    /// columns `xs` and rows `ys` (within the image), with tiny-skia's
    /// own arithmetic for a whole pixel (its low-precision pipeline):
    /// `s + (d × (255 − αs) + 255) / 256`.
    fn blend_solid(&mut self, xs: std::ops::Range<i64>, ys: std::ops::Range<i64>, source: [u8; 4]) {
        let keep = 255 - u16::from(source[3]);
        let (Ok(x0), Ok(x1)) = (usize::try_from(xs.start), usize::try_from(xs.end)) else {
            return;
        };
        let Ok(width) = usize::try_from(self.width) else {
            return;
        };
        for y in ys {
            let Ok(y) = usize::try_from(y) else { continue };
            let Some(row) = self.data.get_mut((y * width + x0) * 4..(y * width + x1) * 4) else {
                continue;
            };
            for pixel in row.chunks_exact_mut(4) {
                for (d, s) in pixel.iter_mut().zip(source) {
                    let blended = u16::from(s) + ((u16::from(*d) * keep + 255) >> 8);
                    *d = u8::try_from(blended).unwrap_or(u8::MAX);
                }
            }
        }
    }
}

/// Source-over of `tint × coverage` (premultiplied) onto one pixel.
fn blend_texel(dst: &mut [u8], tint: [u32; 4], coverage: u32) {
    let src = tint.map(|c| mul_div255(c, coverage));
    let keep = 255 - src[3];
    for (d, s) in dst.iter_mut().zip(src) {
        // s + d × (1 − αs) never exceeds 255 for premultiplied inputs.
        *d = u8::try_from(s + mul_div255(u32::from(*d), keep)).unwrap_or(u8::MAX);
    }
}

/// `a × b / 255`, rounded, for bytes.
fn mul_div255(a: u32, b: u32) -> u32 {
    let t = a * b + 128;
    (t + (t >> 8)) >> 8
}

/// Vertices closer than this to the last one kept are skipped: borders at
/// 1:1 km have many sub-pixel segments, which cost time and change
/// nothing visible.
const MIN_STEP_PX: f32 = 0.3;

impl PathSink for PathBuilder {
    fn move_to(&mut self, p: Pos2) {
        Self::move_to(self, p.x, p.y);
    }

    fn line_to(&mut self, p: Pos2) {
        Self::line_to(self, p.x, p.y);
    }

    fn cubic_to(&mut self, c1: Pos2, c2: Pos2, p: Pos2) {
        Self::cubic_to(self, c1.x, c1.y, c2.x, c2.y, p.x, p.y);
    }

    fn close(&mut self) {
        Self::close(self);
    }
}

/// Adds `points` (pixels) to `pb` as one subpath, skipping sub-pixel steps;
/// returns how many points went in.
fn push_points(pb: &mut PathBuilder, points: impl IntoIterator<Item = Pos2>, closed: bool) -> usize {
    push_subpath(pb, points, MIN_STEP_PX, closed)
}

/// A path through `points` (pixels); `None` if it has fewer than two.
fn polyline(points: impl IntoIterator<Item = Pos2>, closed: bool) -> Option<Path> {
    let mut pb = PathBuilder::new();
    if push_points(&mut pb, points, closed) < 2 {
        return None;
    }
    pb.finish()
}

/// A rectangle with round corners of `radius` (pixels).
fn rounded_rect(rect: Rect, radius: f32) -> Option<Path> {
    let mut pb = PathBuilder::new();
    push_rounded_rect(&mut pb, rect, radius);
    pb.finish()
}

impl Canvas for CpuCanvas<'_> {
    fn draws_levels_of_detail(&self) -> bool {
        false
    }

    fn fill_feature(&mut self, shape: &FeatureShape, to_screen: &ScreenFromWorld, color: Color32) {
        if let Some(path) = self.rings_path(shape, to_screen) {
            self.fill_path(&path, color, FillRule::EvenOdd);
        }
    }

    fn stroke_world(&mut self, line: WorldLine<'_>, closed: bool, to_screen: &ScreenFromWorld, stroke: Stroke) {
        if stroke.is_empty() {
            return;
        }
        let pixels = line.points.iter().map(|&p| self.px(to_screen.screen_from_world(p)));
        if let Some(path) = polyline(pixels, closed) {
            self.stroke_path(&path, stroke);
        }
    }

    fn hatch_feature(&mut self, shape: &FeatureShape, to_screen: &ScreenFromWorld, stripe: Color32, period: f32) {
        if stripe.a() == 0 {
            return;
        }
        let Some(region) = self.rings_path(shape, to_screen).filter(fillable) else {
            return;
        };
        // The stripes are filled through a mask of the feature (anti-aliased
        // at its edge), so that inside it each stripe is its exact colour.
        let (width, height) = (self.pixmap.width(), self.pixmap.height());
        let slot = &mut self.scratch.hatch_mask;
        if slot.as_ref().is_none_or(|m| m.width() != width || m.height() != height) {
            *slot = Mask::new(width, height);
        }
        let Some(mask) = slot.as_mut() else {
            return;
        };
        mask.fill_path(&region, FillRule::EvenOdd, true, Transform::identity());
        let bounds = region.bounds();
        let bounds = Rect::from_min_max(
            Pos2::new(bounds.left(), bounds.top()),
            Pos2::new(bounds.right(), bounds.bottom()),
        );
        let mut pb = PathBuilder::new();
        push_hatch_stripes(
            &mut pb,
            bounds,
            Pos2::new(
                to_screen.origin.x * self.pixels_per_point,
                to_screen.origin.y * self.pixels_per_point,
            ),
            period.max(0.5) * self.pixels_per_point,
        );
        if let Some(stripes) = pb.finish().filter(fillable) {
            self.pixmap.fill_path(
                &stripes,
                &paint(stripe),
                FillRule::Winding,
                Transform::identity(),
                Some(mask),
            );
        }
        clear_rows(mask, bounds);
    }

    fn convex_polygon(&mut self, points: &[Pos2], fill: Color32, stroke: Stroke) {
        let mut pb = PathBuilder::new();
        if push_points(&mut pb, points.iter().map(|&p| self.px(p)), true) < 3 {
            return;
        }
        if let Some(path) = pb.finish() {
            self.fill_path(&path, fill, FillRule::Winding);
            self.stroke_path(&path, stroke);
        }
    }

    fn line_segment(&mut self, points: [Pos2; 2], stroke: Stroke) {
        if let Some(path) = polyline(points.map(|p| self.px(p)), false) {
            self.stroke_path(&path, stroke);
        }
    }

    fn rect(&mut self, rect: Rect, corner_radius: f32, fill: Color32, stroke: Stroke) {
        let ppp = self.pixels_per_point;
        let pixels = Rect::from_min_max(self.px(rect.min), self.px(rect.max));
        let radius = corner_radius * ppp;
        #[expect(clippy::cast_precision_loss, reason = "at most 16384, exact in f32")]
        let whole = Rect::from_min_size(
            Pos2::ZERO,
            Vec2::new(self.pixmap.width() as f32, self.pixmap.height() as f32),
        );
        if fill.a() == u8::MAX && radius <= 0.0 && pixels.contains_rect(whole) {
            // An opaque cover of every pixel (a map's sea): the same
            // bytes as filling the path, without anti-aliasing a rectangle
            // the size of the image.
            let [r, g, b, a] = fill.to_array();
            self.pixmap.fill(tiny_skia::Color::from_rgba8(r, g, b, a));
        } else if fill.a() > 0 {
            self.fill_rounded_rect(pixels, radius, fill);
        }
        if !stroke.is_empty() {
            // egui's StrokeKind::Inside: the stroke lies within the rectangle.
            let h = stroke.width * ppp / 2.0;
            if let Some(path) = rounded_rect(pixels.shrink(h), (radius - h).max(0.0)) {
                self.stroke_path(&path, stroke);
            }
        }
    }

    fn circle(&mut self, centre: Pos2, radius: f32, fill: Color32, stroke: Stroke) {
        let at = self.px(centre);
        let Some(path) = PathBuilder::from_circle(at.x, at.y, radius * self.pixels_per_point) else {
            return;
        };
        self.fill_path(&path, fill, FillRule::Winding);
        self.stroke_path(&path, stroke);
    }

    fn text(&mut self, spec: &TextSpec<'_>, pos: Pos2, anchor: Align2) -> Rect {
        let Some(galley) = self.galley(spec) else {
            return Rect::from_min_size(pos, Vec2::ZERO);
        };
        let rect = anchor.anchor_size(pos, galley.size());
        if let Some(halo) = spec.halo {
            for at in halo_positions(spec, rect.min) {
                self.blit_galley(&galley, at, halo);
            }
        }
        self.blit_galley(&galley, rect.min, spec.color);
        rect
    }

    fn image(&mut self, rect: Rect, logo: &Logo) {
        let Some(size) = tiny_skia::IntSize::from_wh(logo.width, logo.height) else {
            return;
        };
        let premultiplied: Vec<u8> = logo
            .rgba
            .chunks_exact(4)
            .flat_map(|p| {
                let a = u32::from(p[3]);
                let pre = |c: u8| u8::try_from((u32::from(c) * a + 127) / 255).unwrap_or(u8::MAX);
                [pre(p[0]), pre(p[1]), pre(p[2]), p[3]]
            })
            .collect();
        let Some(source) = Pixmap::from_vec(premultiplied, size) else {
            return;
        };
        let ppp = self.pixels_per_point;
        #[expect(clippy::cast_precision_loss, reason = "at most MAX_LOGO_SIDE_PX")]
        let (sx, sy) = (
            rect.width() * ppp / logo.width as f32,
            rect.height() * ppp / logo.height as f32,
        );
        let transform = Transform::from_row(sx, 0.0, 0.0, sy, rect.left() * ppp, rect.top() * ppp);
        let paint = tiny_skia::PixmapPaint {
            quality: tiny_skia::FilterQuality::Bilinear,
            ..tiny_skia::PixmapPaint::default()
        };
        self.pixmap.draw_pixmap(0, 0, source.as_ref(), &paint, transform, None);
    }

    fn measure(&mut self, spec: &TextSpec<'_>) -> Vec2 {
        self.galley(spec).map_or(Vec2::ZERO, |g| g.size())
    }
}

/// A canvas that draws nothing and lays out every text asked of it with
/// an engine's fonts, as [`CpuCanvas`] would: painting a pass on it
/// first puts the pass's galleys and glyphs in the engine's caches and
/// works out where its labels go, so that the same pass on a
/// [`CpuCanvas`] with that engine only copies glyphs. It runs on one
/// core while the ground is painted on another ([`super::raster`]).
pub(super) struct LayoutOnlyCanvas<'a> {
    fonts: &'a mut Fonts,
    pixels_per_point: f32,
}

impl Canvas for LayoutOnlyCanvas<'_> {
    fn draws_levels_of_detail(&self) -> bool {
        false
    }
    fn fill_feature(&mut self, _: &FeatureShape, _: &ScreenFromWorld, _: Color32) {}
    fn stroke_world(&mut self, _: WorldLine<'_>, _: bool, _: &ScreenFromWorld, _: Stroke) {}
    fn hatch_feature(&mut self, _: &FeatureShape, _: &ScreenFromWorld, _: Color32, _: f32) {}
    fn rect(&mut self, _: Rect, _: f32, _: Color32, _: Stroke) {}
    fn circle(&mut self, _: Pos2, _: f32, _: Color32, _: Stroke) {}
    fn convex_polygon(&mut self, _: &[Pos2], _: Color32, _: Stroke) {}
    fn line_segment(&mut self, _: [Pos2; 2], _: Stroke) {}
    fn image(&mut self, _: Rect, _: &Logo) {}
    fn stroke_world_dashed(&mut self, _: WorldLine<'_>, _: &ScreenFromWorld, _: Stroke, _: [f32; 2]) {}

    fn text(&mut self, spec: &TextSpec<'_>, pos: Pos2, anchor: Align2) -> Rect {
        anchor.anchor_size(pos, self.measure(spec))
    }

    fn measure(&mut self, spec: &TextSpec<'_>) -> Vec2 {
        layout_with(self.fonts, spec, self.pixels_per_point).size()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use egui::pos2;

    /// tiny_skia's warnings, as a logger sees them (the binary's logger
    /// prints them on stderr).
    struct TinySkiaWarnings(std::sync::Mutex<Vec<String>>);

    impl log::Log for TinySkiaWarnings {
        fn enabled(&self, _: &log::Metadata<'_>) -> bool {
            true
        }

        fn log(&self, record: &log::Record<'_>) {
            if record.target().starts_with("tiny_skia")
                && let Ok(mut seen) = self.0.lock()
            {
                seen.push(record.args().to_string());
            }
        }

        fn flush(&self) {}
    }

    static WARNINGS: TinySkiaWarnings = TinySkiaWarnings(std::sync::Mutex::new(Vec::new()));

    #[test]
    fn a_translucent_panel_blended_inside_and_filled_at_its_rim_is_the_bytes_of_one_fill() {
        let mut engine = TextEngine::new();
        // A ground of many colours, some of it itself translucent (a
        // transparent export), so that every blend is tried.
        let mut ground = Pixmap::new(400, 300).unwrap();
        for (i, p) in ground.data_mut().chunks_exact_mut(4).enumerate() {
            let a = if i % 7 == 0 { 128 } else { 255 };
            let c = |k: usize| u8::try_from((i * k) % usize::from(a)).unwrap_or(0);
            p.copy_from_slice(&[c(7), c(13), c(29), a]);
        }
        let panels = [
            (Rect::from_min_max(pos2(10.3, 12.7), pos2(380.6, 250.2)), 7.5, 230),
            (Rect::from_min_max(pos2(-20.0, 40.0), pos2(150.5, 330.0)), 0.0, 200),
            (Rect::from_min_max(pos2(100.0, 100.0), pos2(300.0, 200.0)), 60.0, 1),
            (Rect::from_min_max(pos2(5.5, 5.5), pos2(395.25, 60.75)), 12.0, 254),
        ];
        for (rect, radius, alpha) in panels {
            let fill = Color32::from_rgba_unmultiplied(250, 240, 20, alpha);
            let mut split = ground.clone();
            CpuCanvas::new(&mut split, &mut engine, 1.0).rect(rect, radius, fill, Stroke::NONE);
            let mut whole = ground.clone();
            let mut canvas = CpuCanvas::new(&mut whole, &mut engine, 1.0);
            let path = rounded_rect(rect, radius).unwrap();
            canvas.fill_path(&path, fill, FillRule::Winding);
            assert_ne!(whole.data(), ground.data(), "{rect:?}: painted");
            let differing = split.data().iter().zip(whole.data()).filter(|(a, b)| a != b).count();
            assert_eq!(differing, 0, "{rect:?} r {radius} α {alpha}");
        }
    }

    #[test]
    fn a_rectangle_over_the_whole_image_paints_the_bytes_its_path_would() {
        let sea = Color32::from_rgb(0xd4, 0xe4, 0xee);
        let mut engine = TextEngine::new();
        let [mut fast, mut path] = [(); 2].map(|()| Pixmap::new(64, 48).unwrap());
        // Points at 2 px: 32 × 24 points is the whole image, and more.
        for cover in [
            Rect::from_min_max(pos2(0.0, 0.0), pos2(32.0, 24.0)),
            Rect::from_min_max(pos2(-5.0, -1.0), pos2(40.0, 30.0)),
        ] {
            CpuCanvas::new(&mut fast, &mut engine, 2.0).rect(cover, 0.0, sea, Stroke::NONE);
            let pixels = Rect::from_min_max(cover.min * 2.0, cover.max * 2.0);
            let mut canvas = CpuCanvas::new(&mut path, &mut engine, 2.0);
            let whole_path = rounded_rect(pixels, 0.0).unwrap();
            canvas.fill_path(&whole_path, sea, FillRule::Winding);
            assert_eq!(fast.data(), path.data(), "{cover:?}");
            assert!(fast.pixels().iter().all(|p| p.demultiply().red() == 0xd4));
        }
        // Short of the whole image by a fraction of a pixel: anti-aliased
        // at that edge, as any other rectangle.
        let mut short = Pixmap::new(64, 48).unwrap();
        let inset = Rect::from_min_max(pos2(0.0, 0.0), pos2(31.8, 24.0));
        CpuCanvas::new(&mut short, &mut engine, 2.0).rect(inset, 0.0, sea, Stroke::NONE);
        let last_column = short.pixel(63, 10).unwrap();
        assert!(last_column.alpha() < u8::MAX, "{last_column:?}");
    }

    #[test]
    fn degenerate_shapes_never_make_tiny_skia_warn() {
        // No other test of this binary sets a logger.
        log::set_logger(&WARNINGS).unwrap();
        log::set_max_level(log::LevelFilter::Warn);
        let mut pixmap = Pixmap::new(100, 100).unwrap();
        let mut engine = TextEngine::new();
        engine.begin_frame(Theme::Light);
        let mut canvas = CpuCanvas::new(&mut pixmap, &mut engine, 1.0);
        let red = Color32::RED;
        let edge = Stroke::new(1.0, Color32::BLACK);
        // A zero-width rectangle (a troop band of one day), a zero-height one.
        canvas.rect(
            Rect::from_min_max(pos2(10.0, 10.0), pos2(10.0, 50.0)),
            0.0,
            red,
            Stroke::NONE,
        );
        canvas.rect(
            Rect::from_min_max(pos2(10.0, 10.0), pos2(50.0, 10.0)),
            0.0,
            red,
            Stroke::NONE,
        );
        // A collinear polygon, a point.
        let line = [pos2(10.0, 10.0), pos2(20.0, 20.0), pos2(30.0, 30.0)];
        canvas.convex_polygon(&[pos2(10.0, 10.0), pos2(30.0, 10.0), pos2(20.0, 10.0)], red, edge);
        canvas.convex_polygon(&line[..1], red, edge);
        // Coordinates near f32::MAX (a huge scale).
        let far = f32::MAX / 2.0;
        canvas.rect(Rect::from_min_max(pos2(-far, -far), pos2(far, far)), 0.0, red, edge);
        canvas.circle(pos2(far, far), 5.0, red, edge);
        canvas.line_segment([pos2(0.0, 0.0), pos2(far, far)], edge);
        let seen = WARNINGS.0.lock().unwrap().clone();
        assert!(seen.is_empty(), "{seen:?}");
    }

    #[test]
    fn mul_div255_is_exact_at_the_ends_and_rounds() {
        assert_eq!(mul_div255(255, 255), 255);
        assert_eq!(mul_div255(0, 255), 0);
        assert_eq!(mul_div255(128, 255), 128);
        assert_eq!(mul_div255(255, 128), 128);
        for a in 0..=255 {
            for b in 0..=255 {
                let exact = (f64::from(a) * f64::from(b) / 255.0).round();
                assert!((f64::from(mul_div255(a, b)) - exact).abs() <= 1.0, "{a} {b}");
            }
        }
    }

    #[test]
    fn text_lands_on_the_pixmap_in_its_colour() {
        let mut pixmap = Pixmap::new(200, 60).unwrap();
        let mut engine = TextEngine::new();
        engine.begin_frame(Theme::Light);
        let mut canvas = CpuCanvas::new(&mut pixmap, &mut engine, 1.0);
        let spec = TextSpec {
            text: "Baghdad",
            size: 30.0,
            color: Color32::from_rgb(200, 0, 0),
            halo: None,
            wrap_width: None,
            max_rows: None,
        };
        let rect = canvas.text(&spec, Pos2::new(10.0, 10.0), Align2::LEFT_TOP);
        assert!(rect.width() > 60.0, "{rect:?}");
        let solid = pixmap
            .pixels()
            .iter()
            .filter(|p| p.alpha() == 255 && p.red() == 200 && p.green() == 0)
            .count();
        assert!(solid > 100, "fully covered glyph pixels: {solid}");
        let outside = pixmap.pixels()[199 + 59 * 200];
        assert_eq!(outside.alpha(), 0, "nothing outside the text");
    }

    /// A square ring, world km (y north), `side` wide from `min`.
    fn square(min: Pos2, side: f32) -> Vec<Pos2> {
        vec![
            min,
            pos2(min.x + side, min.y),
            pos2(min.x + side, min.y + side),
            pos2(min.x, min.y + side),
        ]
    }

    fn hatched(engine: &mut TextEngine, shape: &FeatureShape) -> Pixmap {
        let mut pixmap = Pixmap::new(100, 100).unwrap();
        // World (0, 0) at the bottom left; one point a km.
        let to_screen = ScreenFromWorld {
            scale: 1.0,
            origin: pos2(0.0, 100.0),
        };
        CpuCanvas::new(&mut pixmap, engine, 1.0).hatch_feature(shape, &to_screen, Color32::RED, 8.0);
        pixmap
    }

    #[test]
    fn a_hatch_leaves_no_trace_for_the_next_one_through_the_reused_mask() {
        let bounds = Rect::from_min_max(pos2(0.0, 0.0), pos2(100.0, 100.0));
        let shape = |rings: Vec<Vec<Pos2>>| {
            let polygon = 0..rings.len();
            FeatureShape::from_parts(String::new(), 0, rings, vec![polygon], None, bounds)
        };
        // A small square, then a frame around the place it was: the
        // frame's stripes must not show through the square's old mask.
        let small = shape(vec![square(pos2(40.0, 40.0), 20.0)]);
        let frame = shape(vec![square(pos2(10.0, 10.0), 80.0), square(pos2(30.0, 30.0), 40.0)]);
        let mut fresh = TextEngine::new();
        let alone = hatched(&mut fresh, &frame);
        let mut reused = TextEngine::new();
        let first = hatched(&mut reused, &small);
        assert!(first.pixels().iter().any(|p| p.alpha() > 0), "the square is hatched");
        let after = hatched(&mut reused, &frame);
        assert!(
            after.data() == alone.data(),
            "the frame's hatch is the same after another"
        );
        let centre = after.pixel(50, 50).unwrap();
        assert_eq!(centre.alpha(), 0, "nothing in the frame's hole");
    }

    #[test]
    fn a_glyph_blended_texel_for_pixel_is_the_same_as_by_nearest_texel() {
        // An atlas of every coverage, a tint half transparent, quads over
        // the image's and the atlas's edges.
        let (aw, ah) = (13, 11);
        let texels = (0..aw * ah)
            .map(|i| Color32::from_white_alpha(u8::try_from(i * 37 % 256).unwrap()))
            .collect();
        let atlas = egui::ColorImage::new([aw, ah], texels);
        let tint = [90, 20, 60, 128];
        let quads = [
            (3, 4, 2, 1, 9, 7),
            (-4, -3, 0, 0, 13, 11),
            (14, 15, 5, 6, 8, 5),
            (2, 2, 10, 9, 6, 6),
        ];
        for (x0, y0, u0, v0, w, h) in quads {
            let quad = GlyphQuad {
                x0,
                y0,
                x1: x0 + w,
                y1: y0 + h,
                u0,
                v0,
                u1: u0 + w,
                v1: v0 + h,
            };
            let ground = |pixmap: &mut Pixmap| pixmap.fill(tiny_skia::Color::from_rgba8(200, 180, 40, 255));
            let (mut fast, mut scaled) = (Pixmap::new(20, 18).unwrap(), Pixmap::new(20, 18).unwrap());
            ground(&mut fast);
            ground(&mut scaled);
            PixmapTarget::new(&mut fast).blend_glyph_one_to_one(&quad, &atlas, tint);
            PixmapTarget::new(&mut scaled).blend_glyph_scaled(&quad, &atlas, tint);
            assert!(fast.data() == scaled.data(), "quad at ({x0}, {y0}) from ({u0}, {v0})");
            assert!(
                fast.data()
                    != Pixmap::new(20, 18)
                        .map(|mut p| {
                            ground(&mut p);
                            p
                        })
                        .unwrap()
                        .data(),
                "the quad at ({x0}, {y0}) shows"
            );
        }
    }
}
