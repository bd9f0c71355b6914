//! [`Canvas`] on a PDF page (krilla): the composition as vectors — fills
//! (a feature's rings even–odd, as on the CPU canvas), round-joined
//! strokes, markers, hatches clipped to their feature — and real text in
//! egui's own fonts, embedded as subsets, so that the page can be searched
//! and its text copied, and it reads as the PNG and the screen do.
//!
//! Each row of epaint's layout (the galleys the PNG export blits,
//! [`TextEngine::layout`]) is written from the pen position of its first
//! character, in runs of the font epaint took each character from (the
//! first of egui's proportional fonts that has it: Ubuntu-Light, then the
//! icon and emoji fonts), shaped as krilla shapes text (rustybuzz, once
//! per document and run); a character none has is its
//! "missing glyph" as a path over an invisible `?` (see
//! `PdfCanvas::draw_missing`). A label's halo is the row's
//! glyph outlines stroked under the text, drawn as paths, so that the text
//! is on the page once.
//!
//! What a book draws on page after page is written once: each run's halo
//! (drawing its letters' halos, each a form too) and each of the map's
//! static shapes (a feature's fill or hatch, a border) with its paint and
//! place is a form XObject of the document, made on its first use, which
//! every page draws by name. A book's pages share their sea, neighbours,
//! borders and labels, and most of its regions' fills: written out on
//! every page, they were most of its content and so of the time spent
//! compressing it. A one-page document draws everything in place.

use std::collections::HashMap;
use std::rc::Rc;

use egui::epaint::text::{FontData, FontDefinitions};
use egui::{Align2, Color32, FontFamily, Pos2, Rect, Stroke, Vec2};
use krilla::color::rgb;
use krilla::geom::{Path, PathBuilder, Point, Transform};
use krilla::graphic::Graphic;
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, FillRule, LineCap, LineJoin};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph, TextDirection};
use skrifa::MetadataProvider as _;

use super::canvas::{
    Canvas, PathSink, TextSpec, VectorCanvas, WorldLine, halo_width, push_circle, push_hatch_stripes,
    push_rounded_rect, push_subpath,
};
use super::cpu_canvas::TextEngine;
use super::vector_text::galley_lines;
use super::view::ScreenFromWorld;
use crate::geo::{FeatureShape, LineId, ShapeId};

/// Vertices closer than this (points) to the last one kept are left out:
/// a tenth of a pixel of a 1080p slide, far below what a page shows.
const MIN_STEP_PT: f32 = 0.1;

/// How far (points) a form's box reaches past what it draws (and past
/// half its stroke). krilla makes a form's box its content's exact
/// bounds, and the box clips the form: viewers that snap strokes to
/// pixels (poppler) then cut their outermost pixels. A few pixels of room
/// at any zoom keep them.
const FORM_MARGIN_PT: f32 = 4.0;

/// One of egui's fonts, ready for pages.
struct PdfFace {
    font: Font,
    data: FontData,
    /// egui's size tweak of the font (its icon and emoji fonts are drawn
    /// smaller than the text size).
    scale: f32,
}

impl PdfFace {
    fn has(&self, c: char) -> bool {
        skrifa::FontRef::from_index(self.data.font.as_ref().as_ref(), self.data.index)
            .is_ok_and(|font| font.charmap().map(c).is_some())
    }
}

/// What draws one run's halo: the same run of text in the same face, size
/// and halo is the same outlines wherever it is drawn.
#[derive(Clone, PartialEq, Eq, Hash)]
struct HaloKey {
    face: usize,
    font_size_bits: u32,
    width_bits: u32,
    color: Color32,
    text: String,
}

/// One glyph's halo: its face, glyph, size and halo.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct GlyphHaloKey {
    face: usize,
    glyph: u32,
    font_size_bits: u32,
    width_bits: u32,
    color: Color32,
}

/// A run of a row to draw a halo under: its face, size (points), advance
/// (points, from its pen position to the next run's) and halo.
struct HaloRun {
    face: usize,
    font_size: f32,
    advance: f32,
    stroke: Stroke,
}

/// Where a form of the map's shapes lies: the bits of its
/// [`ScreenFromWorld`] (scale, then origin).
type ViewKey = [u32; 3];

fn view_key(to_screen: &ScreenFromWorld) -> ViewKey {
    [
        to_screen.scale.to_bits(),
        to_screen.origin.x.to_bits(),
        to_screen.origin.y.to_bits(),
    ]
}

/// One of the map's static shapes drawn with one paint at one place: the
/// same content wherever a page draws it. Shapes and lines are keyed by
/// their ids, which are never reused for other geometry.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum FormKey {
    Fill {
        shape: ShapeId,
        view: ViewKey,
        color: Color32,
    },
    Hatch {
        shape: ShapeId,
        view: ViewKey,
        stripe: Color32,
        period_bits: u32,
    },
    Stroke {
        line: LineId,
        closed: bool,
        view: ViewKey,
        width_bits: u32,
        color: Color32,
    },
}

/// What the pages of one document share. egui's default proportional
/// fonts (the ones the screen and the PNG use), in their fallback order,
/// parsed once: krilla embeds each font used once, as a subset of the
/// glyphs drawn. And, in a document of several pages, the forms made so
/// far, each written once however many pages draw it.
pub struct PdfShared {
    /// Whether halos and shapes are drawn as forms: in a one-page
    /// document a form is drawn once, and only adds its own object and
    /// compressed stream (a quarter larger a file, and slower).
    forms_shared: bool,
    faces: Vec<PdfFace>,
    /// Which face draws a character, as found.
    face_of: HashMap<char, Option<usize>>,
    /// Each run's halo, drawn from its glyphs' halos.
    halos: HashMap<HaloKey, Graphic>,
    glyph_halos: HashMap<GlyphHaloKey, Graphic>,
    /// The map's shapes; `None` for one that draws nothing.
    forms: HashMap<FormKey, Option<Graphic>>,
    /// Each face's runs of text, shaped: a book's labels are the same on
    /// every page, and shaping (parsing the face first) was a sixth of a
    /// book's painting.
    shaped: Vec<HashMap<String, Rc<[KrillaGlyph]>>>,
}

impl Default for PdfShared {
    fn default() -> Self {
        Self::new()
    }
}

impl PdfShared {
    /// For a one-page document: everything drawn where it is.
    pub fn new() -> Self {
        Self::shared_by(1)
    }

    /// For a document whose `pages` draw the map: with more than one,
    /// what they share is written once.
    pub fn shared_by(pages: usize) -> Self {
        let definitions = FontDefinitions::default();
        let names = definitions
            .families
            .get(&FontFamily::Proportional)
            .cloned()
            .unwrap_or_default();
        let faces = names
            .iter()
            .filter_map(|name| definitions.font_data.get(name))
            .filter_map(|data| {
                let font = Font::new(krilla::Data::from(data.font.clone()), data.index)?;
                Some(PdfFace {
                    font,
                    data: FontData::clone(data),
                    scale: data.tweak.scale,
                })
            })
            .collect();
        Self {
            forms_shared: pages > 1,
            faces,
            face_of: HashMap::new(),
            halos: HashMap::new(),
            glyph_halos: HashMap::new(),
            forms: HashMap::new(),
            shaped: Vec::new(),
        }
    }

    /// `text` shaped in face `face`, once per document.
    fn shaped(&mut self, face: usize, text: &str) -> Rc<[KrillaGlyph]> {
        if self.shaped.len() <= face {
            self.shaped.resize_with(face + 1, HashMap::new);
        }
        if let Some(glyphs) = self.shaped.get(face).and_then(|runs| runs.get(text)) {
            return Rc::clone(glyphs);
        }
        let glyphs: Rc<[KrillaGlyph]> = self.faces.get(face).map(|f| shape(f, text)).unwrap_or_default().into();
        if let Some(runs) = self.shaped.get_mut(face) {
            runs.insert(text.to_owned(), Rc::clone(&glyphs));
        }
        glyphs
    }

    /// The face that draws `c`: the first that has it, as in epaint;
    /// `None` when none has (epaint then draws the first face's "missing
    /// glyph").
    fn face_of(&mut self, c: char) -> Option<usize> {
        if let Some(&face) = self.face_of.get(&c) {
            return face;
        }
        let face = self.faces.iter().position(|f| f.has(c));
        self.face_of.insert(c, face);
        face
    }
}

/// Paints the composition on a krilla [`Surface`]; positions in points,
/// as the composition lays them out (the caller sets the page's scale).
pub struct PdfCanvas<'c, 's> {
    surface: &'c mut Surface<'s>,
    text: &'c mut TextEngine,
    shared: &'c mut PdfShared,
    pixels_per_point: f32,
}

impl<'c, 's> PdfCanvas<'c, 's> {
    /// A canvas on `surface` whose text is laid out by `text` at
    /// `pixels_per_point` (the export's scale: the same rows as the PNG of
    /// the same options) and drawn in `shared`'s fonts.
    pub fn new(
        surface: &'c mut Surface<'s>,
        text: &'c mut TextEngine,
        shared: &'c mut PdfShared,
        pixels_per_point: f32,
    ) -> Self {
        Self {
            surface,
            text,
            shared,
            pixels_per_point,
        }
    }

    /// Draws the form of `key`, made by `draw` the first time the
    /// document needs it (or draws with `draw` in place when the document
    /// shares no forms): `draw` paints on the form's surface and returns
    /// the bounds of what it drew (`None`: nothing, and the page draws
    /// nothing either), which, widened by `stroke_width` and
    /// [`FORM_MARGIN_PT`], are the form's box.
    fn draw_form(&mut self, key: FormKey, stroke_width: f32, draw: impl FnOnce(&mut Surface<'_>) -> Option<Rect>) {
        if !self.shared.forms_shared {
            draw(self.surface);
            return;
        }
        let graphic = match self.shared.forms.get(&key) {
            Some(graphic) => graphic.clone(),
            None => {
                let mut builder = self.surface.stream_builder();
                let mut surface = builder.surface();
                let drawn = draw(&mut surface);
                if let Some(bounds) = drawn {
                    keep_room(&mut surface, bounds.expand(stroke_width + FORM_MARGIN_PT));
                }
                surface.finish();
                let graphic = drawn.map(|_| Graphic::new(builder.finish(), false));
                self.shared.forms.insert(key, graphic.clone());
                graphic
            }
        };
        if let Some(graphic) = graphic {
            self.surface.draw_graphic(graphic);
        }
    }

    /// Writes the rows of `spec` laid out with their top left at `top_left`.
    fn draw_text_rows(&mut self, spec: &TextSpec<'_>, top_left: Pos2) {
        if spec.color.a() == 0 {
            return;
        }
        let galley = self.text.layout(spec, self.pixels_per_point);
        let size = spec.size.max(1.0);
        for line in galley_lines(&galley, top_left) {
            // Runs of characters drawn from one font, each from the pen
            // position epaint gave its first character.
            // A character no font has is a run of its own (`None`).
            let mut runs: Vec<(Option<usize>, f32, String)> = Vec::new();
            for &(c, x) in &line.chars {
                let face = self.shared.face_of(c);
                match runs.last_mut() {
                    Some((last, _, text)) if face.is_some() && *last == face => text.push(c),
                    _ => runs.push((face, x, c.to_string())),
                }
            }
            let line_end = line.origin.x + line.width;
            let ends: Vec<f32> = runs.iter().skip(1).map(|&(_, x, _)| x).chain([line_end]).collect();
            for ((face, x, text), end) in runs.into_iter().zip(ends) {
                let at = Point::from_xy(x, line.origin.y);
                let Some(face_index) = face else {
                    self.draw_missing(spec, at, size, &text);
                    continue;
                };
                let Some(face) = self.shared.faces.get(face_index) else {
                    continue;
                };
                let (font, font_size) = (face.font.clone(), size * face.scale);
                let glyphs = self.shared.shaped(face_index, &text);
                if let Some(halo) = spec.halo.filter(|c| c.a() > 0) {
                    let stroke = Stroke::new(2.0 * halo_width(spec), halo);
                    let run = HaloRun {
                        face: face_index,
                        font_size,
                        advance: end - x,
                        stroke,
                    };
                    self.draw_halo(&run, font.clone(), (&text, &glyphs), at);
                }
                self.surface.set_stroke(None);
                self.surface.set_fill(Some(fill(spec.color, FillRule::NonZero)));
                self.surface.draw_glyphs(at, &glyphs, font, &text, font_size, false);
            }
        }
    }

    /// The halo of a run of `text` from the pen position `at`: its glyphs'
    /// outlines stroked, paths only (the text itself is on the page once).
    fn draw_halo(&mut self, run: &HaloRun, font: Font, (text, glyphs): (&str, &[KrillaGlyph]), at: Point) {
        if !self.shared.forms_shared {
            self.surface.set_fill(None);
            self.surface.set_stroke(Some(pdf_stroke(run.stroke)));
            self.surface.draw_glyphs(at, glyphs, font, text, run.font_size, true);
            return;
        }
        let graphic = self.halo_graphic(run, font, (text, glyphs));
        self.surface.push_transform(&Transform::from_translate(at.x, at.y));
        self.surface.draw_graphic(graphic);
        self.surface.pop();
    }

    /// The halo of a run of `text` drawn from the pen position (0, 0):
    /// its glyphs' outlines stroked, paths only (the text itself is on the
    /// page once), made the first time the document needs it.
    fn halo_graphic(&mut self, run: &HaloRun, font: Font, (text, glyphs): (&str, &[KrillaGlyph])) -> Graphic {
        let key = HaloKey {
            face: run.face,
            font_size_bits: run.font_size.to_bits(),
            width_bits: run.stroke.width.to_bits(),
            color: run.stroke.color,
            text: text.to_owned(),
        };
        if let Some(graphic) = self.shared.halos.get(&key) {
            return graphic.clone();
        }
        let mut builder = self.surface.stream_builder();
        let mut surface = builder.surface();
        // The run's em box (above the baseline, and as far below), widened
        // by a text size on every side: room for any glyph's halo.
        let margin = run.font_size + run.stroke.width;
        keep_room(
            &mut surface,
            Rect::from_min_max(
                Pos2::new(-margin, -run.font_size - margin),
                Pos2::new(run.advance.max(0.0) + margin, margin),
            ),
        );
        // Each glyph's halo from its pen position, as krilla places the
        // outlines of a run.
        let mut pen_x = 0.0;
        for glyph in glyphs {
            let halo = glyph_halo(
                &mut surface,
                &mut self.shared.glyph_halos,
                run,
                font.clone(),
                glyph.glyph_id,
            );
            let (dx, dy) = (glyph.x_offset * run.font_size, glyph.y_offset * run.font_size);
            surface.push_transform(&Transform::from_translate(pen_x + dx, -dy));
            surface.draw_graphic(halo);
            surface.pop();
            pen_x += glyph.x_advance * run.font_size;
        }
        surface.finish();
        let graphic = Graphic::new(builder.finish(), false);
        self.shared.halos.insert(key, graphic.clone());
        graphic
    }

    /// A character no font has: its "missing glyph" drawn as a path, as
    /// epaint draws it, and an invisible [`MISSING_TEXT`] for the text
    /// layer. Written as text, the missing glyph is glyph 0, which a PDF's
    /// Unicode map cannot name: viewers dropped the first such character
    /// of a document when copying or searching (later ones only kept
    /// their text through krilla's `ActualText` spans).
    fn draw_missing(&mut self, spec: &TextSpec<'_>, at: Point, size: f32, text: &str) {
        let Some(face) = self.shared.faces.first() else {
            return;
        };
        let font = face.font.clone();
        if let Some(halo) = spec.halo.filter(|c| c.a() > 0) {
            self.surface.set_fill(None);
            self.surface
                .set_stroke(Some(pdf_stroke(Stroke::new(2.0 * halo_width(spec), halo))));
            self.surface
                .draw_text(at, font.clone(), size, text, true, TextDirection::Auto);
        }
        self.surface.set_stroke(None);
        self.surface.set_fill(Some(fill(spec.color, FillRule::NonZero)));
        self.surface
            .draw_text(at, font.clone(), size, text, true, TextDirection::Auto);
        self.surface.set_fill(Some(Fill {
            opacity: NormalizedF32::ZERO,
            ..fill(spec.color, FillRule::NonZero)
        }));
        self.surface
            .draw_text(at, font, size, MISSING_TEXT, false, TextDirection::Auto);
    }
}

/// The halo of glyph `glyph` of `run`'s face, size and halo, from the pen
/// position (0, 0): its outline stroked, as a form of `surface`'s document
/// made the first time (kept in `made`). The stroke's bounds are most of
/// the work of a halo, and a book's labels share their letters.
fn glyph_halo(
    surface: &mut Surface<'_>,
    made: &mut HashMap<GlyphHaloKey, Graphic>,
    run: &HaloRun,
    font: Font,
    glyph: GlyphId,
) -> Graphic {
    let key = GlyphHaloKey {
        face: run.face,
        glyph: glyph.to_u32(),
        font_size_bits: run.font_size.to_bits(),
        width_bits: run.stroke.width.to_bits(),
        color: run.stroke.color,
    };
    if let Some(graphic) = made.get(&key) {
        return graphic.clone();
    }
    let mut builder = surface.stream_builder();
    let mut glyph_surface = builder.surface();
    // The glyph's em box, widened by a text size on every side.
    let margin = run.font_size + run.stroke.width;
    keep_room(
        &mut glyph_surface,
        Rect::from_min_max(
            Pos2::new(-margin, -run.font_size - margin),
            Pos2::new(run.font_size + margin, margin),
        ),
    );
    glyph_surface.set_fill(None);
    glyph_surface.set_stroke(Some(pdf_stroke(run.stroke)));
    let alone = KrillaGlyph::new(glyph, 0.0, 0.0, 0.0, 0.0, 0..0, None);
    glyph_surface.draw_glyphs(Point::from_xy(0.0, 0.0), &[alone], font, "", run.font_size, true);
    glyph_surface.finish();
    let graphic = Graphic::new(builder.finish(), false);
    made.insert(key, graphic.clone());
    graphic
}

/// Widens the box of the form drawn on `surface` to `room`, drawing
/// nothing: a form's box clips it, and krilla makes it the exact bounds of
/// what was drawn (see [`FORM_MARGIN_PT`]). An invisible fill does it.
fn keep_room(surface: &mut Surface<'_>, room: Rect) {
    let mut pb = PdfPath::default();
    push_rounded_rect(&mut pb, room, 0.0);
    if let Some(room) = pb.finish() {
        surface.set_stroke(None);
        surface.set_fill(Some(Fill {
            opacity: NormalizedF32::ZERO,
            ..fill(Color32::BLACK, FillRule::NonZero)
        }));
        surface.draw_path(&room);
    }
}

fn fill_path(surface: &mut Surface<'_>, path: &Path, color: Color32, rule: FillRule) {
    if color.a() == 0 {
        return;
    }
    surface.set_stroke(None);
    surface.set_fill(Some(fill(color, rule)));
    surface.draw_path(path);
}

fn stroke_path(surface: &mut Surface<'_>, path: &Path, stroke: Stroke) {
    if stroke.is_empty() {
        return;
    }
    surface.set_fill(None);
    surface.set_stroke(Some(pdf_stroke(stroke)));
    surface.draw_path(path);
}

/// A feature's rings on screen as one path, and its bounds.
fn rings_path(shape: &FeatureShape, to_screen: &ScreenFromWorld) -> Option<(Path, Rect)> {
    let mut pb = PdfPath::default();
    for ring in shape.rings.iter().filter(|r| r.len() >= 3) {
        push_subpath(
            &mut pb,
            ring.iter().map(|&w| to_screen.screen_from_world(w)),
            MIN_STEP_PT,
            true,
        );
    }
    pb.finish_with_bounds()
}

/// `text` shaped in `face` as krilla's `Surface::draw_text` shapes it (in
/// one font, the direction guessed from the text), as krilla's glyphs:
/// advances and offsets in ems, each glyph with the bytes of `text` its
/// cluster covers.
#[expect(
    clippy::cast_precision_loss,
    reason = "positions in font units, a few thousand an em, are exact in f32 (krilla converts them alike)"
)]
fn shape(face: &PdfFace, text: &str) -> Vec<KrillaGlyph> {
    let Some(parsed) = rustybuzz::Face::from_slice(face.data.font.as_ref().as_ref(), face.data.index) else {
        return Vec::new();
    };
    let em = face.font.units_per_em();
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    let forward = matches!(
        buffer.direction(),
        rustybuzz::Direction::LeftToRight | rustybuzz::Direction::TopToBottom
    );
    let shaped = rustybuzz::shape(&parsed, &[], buffer);
    let infos = shaped.glyph_infos();
    infos
        .iter()
        .zip(shaped.glyph_positions())
        .enumerate()
        .map(|(i, (info, position))| {
            // The cluster ends where the next one in the text begins: the
            // next glyph's in visual order, or, right to left, the one
            // before.
            let differs = |other: &&rustybuzz::GlyphInfo| other.cluster != info.cluster;
            let next = if forward {
                infos.get(i + 1..).and_then(|after| after.iter().find(differs))
            } else {
                infos.get(..i).and_then(|before| before.iter().rev().find(differs))
            };
            let end = next.map_or(text.len(), |other| other.cluster as usize);
            KrillaGlyph::new(
                GlyphId::new(info.glyph_id),
                position.x_advance as f32 / em,
                position.x_offset as f32 / em,
                position.y_offset as f32 / em,
                position.y_advance as f32 / em,
                info.cluster as usize..end,
                None,
            )
        })
        .collect()
}

/// What the text layer says for a character no font has: the first face
/// (Ubuntu-Light) has no U+FFFD, and a question mark is what a reader
/// takes for "unknown character" in copied text.
const MISSING_TEXT: &str = "?";

/// krilla's path builder, which also keeps the bounds of its points.
struct PdfPath {
    builder: PathBuilder,
    bounds: Rect,
}

impl Default for PdfPath {
    fn default() -> Self {
        Self {
            builder: PathBuilder::new(),
            bounds: Rect::NOTHING,
        }
    }
}

impl PdfPath {
    fn finish(self) -> Option<Path> {
        self.builder.finish()
    }

    fn finish_with_bounds(self) -> Option<(Path, Rect)> {
        let bounds = self.bounds;
        Some((self.builder.finish()?, bounds))
    }

    fn point(&mut self, p: Pos2) -> (f32, f32) {
        let (x, y) = (hundredths(p.x), hundredths(p.y));
        self.bounds.extend_with(Pos2::new(x, y));
        (x, y)
    }
}

/// A path's coordinate rounded to 1/100 (of a point at scale 1), as the
/// SVG writes them: `235.34`, not `235.33911`. A page's content stream is
/// a quarter shorter, and krilla's deflate of it (most of a PDF book's
/// work) as much faster; the file a third smaller.
fn hundredths(x: f32) -> f32 {
    (x * 100.0).round() / 100.0
}

impl PathSink for PdfPath {
    fn move_to(&mut self, p: Pos2) {
        let (x, y) = self.point(p);
        self.builder.move_to(x, y);
    }

    fn line_to(&mut self, p: Pos2) {
        let (x, y) = self.point(p);
        self.builder.line_to(x, y);
    }

    fn cubic_to(&mut self, c1: Pos2, c2: Pos2, p: Pos2) {
        let [c1, c2, p] = [c1, c2, p].map(|q| self.point(q));
        self.builder.cubic_to(c1.0, c1.1, c2.0, c2.1, p.0, p.1);
    }

    fn close(&mut self) {
        self.builder.close();
    }
}

/// An egui colour (premultiplied) as a PDF colour and opacity.
fn paint_of(color: Color32) -> (rgb::Color, NormalizedF32) {
    let [r, g, b, a] = color.to_srgba_unmultiplied();
    let opacity = NormalizedF32::new(f32::from(a) / 255.0).unwrap_or(NormalizedF32::ONE);
    (rgb::Color::new(r, g, b), opacity)
}

fn fill(color: Color32, rule: FillRule) -> Fill {
    let (paint, opacity) = paint_of(color);
    Fill {
        paint: paint.into(),
        opacity,
        rule,
    }
}

fn pdf_stroke(stroke: Stroke) -> krilla::paint::Stroke {
    let (paint, opacity) = paint_of(stroke.color);
    krilla::paint::Stroke {
        paint: paint.into(),
        width: stroke.width,
        line_cap: LineCap::Round,
        line_join: LineJoin::Round,
        opacity,
        ..krilla::paint::Stroke::default()
    }
}

impl Canvas for PdfCanvas<'_, '_> {
    fn fill_feature(&mut self, shape: &FeatureShape, to_screen: &ScreenFromWorld, color: Color32) {
        if color.a() == 0 {
            return;
        }
        let key = FormKey::Fill {
            shape: shape.id,
            view: view_key(to_screen),
            color,
        };
        self.draw_form(key, 0.0, |surface| {
            let (path, bounds) = rings_path(shape, to_screen)?;
            fill_path(surface, &path, color, FillRule::EvenOdd);
            Some(bounds)
        });
    }

    fn stroke_world(&mut self, line: WorldLine<'_>, closed: bool, to_screen: &ScreenFromWorld, stroke: Stroke) {
        if stroke.is_empty() {
            return;
        }
        let draw = |surface: &mut Surface<'_>| {
            let mut pb = PdfPath::default();
            let points = line.points.iter().map(|&p| to_screen.screen_from_world(p));
            if push_subpath(&mut pb, points, MIN_STEP_PT, closed) < 2 {
                return None;
            }
            let (path, bounds) = pb.finish_with_bounds()?;
            stroke_path(surface, &path, stroke);
            Some(bounds)
        };
        match line.id {
            // Static geometry: the same line on every page.
            Some(id) => {
                let key = FormKey::Stroke {
                    line: id,
                    closed,
                    view: view_key(to_screen),
                    width_bits: stroke.width.to_bits(),
                    color: stroke.color,
                };
                self.draw_form(key, stroke.width, draw);
            }
            None => {
                draw(self.surface);
            }
        }
    }

    fn hatch_feature(&mut self, shape: &FeatureShape, to_screen: &ScreenFromWorld, stripe: Color32, period: f32) {
        if stripe.a() == 0 {
            return;
        }
        let key = FormKey::Hatch {
            shape: shape.id,
            view: view_key(to_screen),
            stripe,
            period_bits: period.to_bits(),
        };
        self.draw_form(key, 0.0, |surface| {
            let (region, region_bounds) = rings_path(shape, to_screen)?;
            let screen: Vec<Pos2> = shape
                .rings
                .iter()
                .flatten()
                .map(|&w| to_screen.screen_from_world(w))
                .collect();
            let bounds = Rect::from_points(&screen);
            let mut pb = PdfPath::default();
            push_hatch_stripes(&mut pb, bounds, to_screen.origin, period);
            let stripes = pb.finish()?;
            surface.push_clip_path(&region, &FillRule::EvenOdd);
            fill_path(surface, &stripes, stripe, FillRule::NonZero);
            surface.pop();
            Some(region_bounds)
        });
    }

    fn rect(&mut self, rect: Rect, corner_radius: f32, fill: Color32, stroke: Stroke) {
        if fill.a() > 0 {
            let mut pb = PdfPath::default();
            push_rounded_rect(&mut pb, rect, corner_radius);
            if let Some(path) = pb.finish() {
                fill_path(self.surface, &path, fill, FillRule::NonZero);
            }
        }
        if !stroke.is_empty() {
            // egui's StrokeKind::Inside: the stroke lies within the rectangle.
            let h = stroke.width / 2.0;
            let mut pb = PdfPath::default();
            push_rounded_rect(&mut pb, rect.shrink(h), (corner_radius - h).max(0.0));
            if let Some(path) = pb.finish() {
                stroke_path(self.surface, &path, stroke);
            }
        }
    }

    fn circle(&mut self, centre: Pos2, radius: f32, fill: Color32, stroke: Stroke) {
        let mut pb = PdfPath::default();
        push_circle(&mut pb, centre, radius);
        if let Some(path) = pb.finish() {
            fill_path(self.surface, &path, fill, FillRule::NonZero);
            stroke_path(self.surface, &path, stroke);
        }
    }

    fn convex_polygon(&mut self, points: &[Pos2], fill: Color32, stroke: Stroke) {
        let mut pb = PdfPath::default();
        if push_subpath(&mut pb, points.iter().copied(), MIN_STEP_PT, true) < 3 {
            return;
        }
        if let Some(path) = pb.finish() {
            fill_path(self.surface, &path, fill, FillRule::NonZero);
            stroke_path(self.surface, &path, stroke);
        }
    }

    fn line_segment(&mut self, points: [Pos2; 2], stroke: Stroke) {
        let mut pb = PdfPath::default();
        if push_subpath(&mut pb, points, MIN_STEP_PT, false) < 2 {
            return;
        }
        if let Some(path) = pb.finish() {
            stroke_path(self.surface, &path, stroke);
        }
    }

    fn text(&mut self, spec: &TextSpec<'_>, pos: Pos2, anchor: Align2) -> Rect {
        let size = self.measure(spec);
        let rect = anchor.anchor_size(pos, size);
        self.draw_text_rows(spec, rect.min);
        rect
    }

    fn measure(&mut self, spec: &TextSpec<'_>) -> Vec2 {
        self.text.layout(spec, self.pixels_per_point).size()
    }
}

impl VectorCanvas for PdfCanvas<'_, '_> {
    fn push_area(&mut self, offset: Vec2, size: Vec2) {
        self.surface
            .push_transform(&Transform::from_translate(offset.x, offset.y));
        let mut pb = PdfPath::default();
        push_rounded_rect(&mut pb, Rect::from_min_size(Pos2::ZERO, size), 0.0);
        if let Some(clip) = pb.finish() {
            self.surface.push_clip_path(&clip, &FillRule::NonZero);
        } else {
            // Keep the pops paired: an empty area clips everything.
            self.surface.push_transform(&Transform::identity());
        }
    }

    fn pop_area(&mut self) {
        self.surface.pop();
        self.surface.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PDF of `pages` pages with `text` drawn on each (with a halo, as
    /// map labels are), a little lower on each page.
    fn labelled_pages(text: &str, pages: usize) -> lopdf::Document {
        let mut document = krilla::Document::new();
        let mut shared = PdfShared::shared_by(pages);
        let mut engine = TextEngine::new();
        engine.begin_frame(crate::render::Theme::Light);
        let Some(settings) = krilla::page::PageSettings::from_wh(600.0, 200.0) else {
            panic!("a page of 600 × 200 pt");
        };
        for n in 0..pages {
            let top = 10.0 + 7.3 * f32::from(u8::try_from(n).unwrap());
            let mut page = document.start_page_with(settings.clone());
            let mut surface = page.surface();
            let mut canvas = PdfCanvas::new(&mut surface, &mut engine, &mut shared, 1.0);
            let spec = TextSpec {
                text,
                size: 20.0,
                color: Color32::BLACK,
                halo: Some(Color32::WHITE),
                wrap_width: None,
                max_rows: None,
            };
            canvas.text(&spec, Pos2::new(10.0, top), Align2::LEFT_TOP);
            surface.finish();
            page.finish();
        }
        let bytes = document.finish().unwrap();
        lopdf::Document::load_mem(&bytes).unwrap()
    }

    /// The text lopdf extracts from a one-page PDF with `text` drawn on it
    /// (with a halo, as map labels are).
    fn extracted(text: &str) -> String {
        labelled_pages(text, 1).extract_text(&[1]).unwrap()
    }

    /// The operators of a content stream.
    fn operators(content: &[u8]) -> Vec<String> {
        let content = lopdf::content::Content::decode(content).unwrap();
        content.operations.into_iter().map(|op| op.operator).collect()
    }

    #[test]
    fn a_halo_drawn_on_every_page_is_written_once_as_paths_and_the_text_once_a_page() {
        let doc = labelled_pages("Baghdad", 3);
        let forms: Vec<&lopdf::Stream> = doc
            .objects
            .values()
            .filter_map(|o| o.as_stream().ok())
            .filter(|s| s.dict.get(b"Subtype").and_then(lopdf::Object::as_name).ok() == Some(b"Form".as_slice()))
            .collect();
        // The run's halo, and its letters' (B, a, g, h, d), each once.
        assert_eq!(forms.len(), 1 + 5, "shared by the pages and the letters");
        assert_eq!(
            labelled_pages("Baghdad", 2).objects.len(),
            doc.objects.len() - 2,
            "a page adds only itself and its content"
        );
        let mut outlined = 0;
        for form in &forms {
            let halo = operators(&form.decompressed_content().unwrap());
            assert!(!halo.iter().any(|op| op == "BT"), "no text in a halo: {halo:?}");
            outlined += usize::from(halo.iter().any(|op| op == "c") && halo.iter().any(|op| op == "S"));
            // Its box reaches well past the glyphs' strokes, so that no
            // viewer clips the halo's edge.
            let bbox: Vec<f32> = form
                .dict
                .get(b"BBox")
                .and_then(lopdf::Object::as_array)
                .unwrap()
                .iter()
                .map(|v| v.as_float().unwrap())
                .collect();
            assert!(bbox[0] <= -20.0, "{bbox:?}");
        }
        assert_eq!(outlined, 5, "each letter's outline stroked");
        for (number, id) in doc.get_pages() {
            let page = operators(&doc.get_page_content(id));
            assert_eq!(
                page.iter().filter(|op| *op == "Do").count(),
                1,
                "page {number}: {page:?}"
            );
            assert!(
                !page.iter().any(|op| op == "c"),
                "no outlines on page {number}: {page:?}"
            );
            let text = doc.extract_text(&[number]).unwrap();
            assert_eq!(
                text.split_whitespace().collect::<Vec<_>>(),
                ["Baghdad"],
                "page {number}"
            );
        }
    }

    #[test]
    fn text_no_font_has_copies_as_a_question_mark_in_its_place_and_keeps_the_rest() {
        let copied = |text: &str| -> String { extracted(text).chars().filter(|c| !c.is_whitespace()).collect() };
        // The first character no font has used to be glyph 0 with no
        // Unicode mapping: lost when copied (lopdf reads it as U+FFFD).
        assert_eq!(copied("x\u{1F600}y\u{263A}z"), "x?y?z");
        assert_eq!(copied("Base 北京 Ab"), "Base??Ab");
        assert_eq!(
            copied("Base \u{0628}\u{063A}\u{062F}\u{0627}\u{062F} Ab"),
            "Base?????Ab"
        );
        assert_eq!(copied("A\u{10FFFD}BC"), "A?BC");
    }

    #[test]
    fn a_run_is_shaped_once_a_document_each_glyph_naming_the_bytes_it_draws() {
        let mut shared = PdfShared::shared_by(2);
        for text in ["Ain al-Asad office", "naïve — Tanf"] {
            let glyphs = shared.shaped(0, text);
            assert!(Rc::ptr_eq(&glyphs, &shared.shaped(0, text)), "shaped once: {text}");
            assert!(!glyphs.is_empty() && glyphs.len() <= text.chars().count(), "{text}");
            // Left to right, the glyphs' clusters cover the text in order,
            // each from where the last one ended (a ligature covers more;
            // glyphs of one cluster share it).
            let mut last = 0..0;
            for glyph in glyphs.iter() {
                let range = glyph.text_range.clone();
                assert!(
                    range == last || range.start == last.end,
                    "{text}: {last:?} then {range:?}"
                );
                assert!(
                    range.end > range.start && text.is_char_boundary(range.end),
                    "{text}: {range:?}"
                );
                assert!(
                    glyph.x_advance > 0.0 && glyph.x_advance < 2.0,
                    "in ems: {}",
                    glyph.x_advance
                );
                last = range;
            }
            assert_eq!(last.end, text.len(), "{text}");
        }
    }

    #[test]
    fn every_default_font_loads_and_text_takes_the_first_that_has_a_character() {
        let mut fonts = PdfShared::new();
        assert!(fonts.faces.len() >= 2, "Ubuntu-Light and its fallbacks");
        assert_eq!(fonts.face_of('B'), Some(0), "Latin text is Ubuntu-Light");
        assert_eq!(fonts.face_of('é'), Some(0));
        // A character Ubuntu-Light lacks and a fallback has.
        let fallback = ['☺', '⚠', '✈', '⛔']
            .into_iter()
            .find(|&c| !fonts.faces[0].has(c) && fonts.faces.iter().any(|f| f.has(c)));
        if let Some(c) = fallback {
            assert!(fonts.face_of(c) > Some(0), "{c}");
        }
        assert_eq!(fonts.face_of('\u{10FFFD}'), None, "no font has it");
    }
}
