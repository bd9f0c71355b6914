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
//! icon and emoji fonts), shaped by krilla; a character none has is its
//! "missing glyph" as a path over an invisible `?` (see
//! `PdfCanvas::draw_missing`). A label's halo is the row's
//! glyph outlines stroked under the text, drawn as paths, so that the text
//! is on the page once; the paths of a run's halo are written once per
//! document, as a form XObject each page draws where the run is (a book's
//! labels are the same on every page).

use std::collections::HashMap;

use egui::epaint::text::{FontData, FontDefinitions};
use egui::{Align2, Color32, FontFamily, Pos2, Rect, Stroke, Vec2};
use krilla::color::rgb;
use krilla::geom::{Path, PathBuilder, Point, Transform};
use krilla::graphic::Graphic;
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, FillRule, LineCap, LineJoin};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use skrifa::MetadataProvider as _;

use super::canvas::{
    Canvas, PathSink, TextSpec, VectorCanvas, WorldLine, halo_width, push_circle, push_hatch_stripes,
    push_rounded_rect, push_subpath,
};
use super::cpu_canvas::TextEngine;
use super::vector_text::galley_lines;
use super::view::ScreenFromWorld;
use crate::geo::FeatureShape;

/// Vertices closer than this (points) to the last one kept are left out:
/// a tenth of a pixel of a 1080p slide, far below what a page shows.
const MIN_STEP_PT: f32 = 0.1;

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

/// A run of a row to draw a halo under: its face, size (points), advance
/// (points, from its pen position to the next run's) and halo.
struct HaloRun {
    face: usize,
    font_size: f32,
    advance: f32,
    stroke: Stroke,
}

/// egui's default proportional fonts (the ones the screen and the PNG
/// use), in their fallback order, parsed once for a document: krilla
/// embeds each font used once, as a subset of the glyphs drawn. Also
/// what the document's pages share: the halos drawn so far.
pub struct PdfFonts {
    faces: Vec<PdfFace>,
    /// Which face draws a character, as found.
    face_of: HashMap<char, Option<usize>>,
    /// Each run's halo, as a graphic of this document: its outlines are
    /// most of a labelled page's content, and written out on every page
    /// they were most of a book's deflate.
    halos: HashMap<HaloKey, Graphic>,
}

impl Default for PdfFonts {
    fn default() -> Self {
        Self::new()
    }
}

impl PdfFonts {
    pub fn new() -> Self {
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
            faces,
            face_of: HashMap::new(),
            halos: HashMap::new(),
        }
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
    fonts: &'c mut PdfFonts,
    pixels_per_point: f32,
}

impl<'c, 's> PdfCanvas<'c, 's> {
    /// A canvas on `surface` whose text is laid out by `text` at
    /// `pixels_per_point` (the export's scale: the same rows as the PNG of
    /// the same options) and drawn in `fonts`.
    pub fn new(
        surface: &'c mut Surface<'s>,
        text: &'c mut TextEngine,
        fonts: &'c mut PdfFonts,
        pixels_per_point: f32,
    ) -> Self {
        Self {
            surface,
            text,
            fonts,
            pixels_per_point,
        }
    }

    fn fill_path(&mut self, path: &Path, color: Color32, rule: FillRule) {
        if color.a() == 0 {
            return;
        }
        self.surface.set_stroke(None);
        self.surface.set_fill(Some(fill(color, rule)));
        self.surface.draw_path(path);
    }

    fn stroke_path(&mut self, path: &Path, stroke: Stroke) {
        if stroke.is_empty() {
            return;
        }
        self.surface.set_fill(None);
        self.surface.set_stroke(Some(pdf_stroke(stroke)));
        self.surface.draw_path(path);
    }

    fn rings_path(shape: &FeatureShape, to_screen: &ScreenFromWorld) -> Option<Path> {
        let mut pb = PdfPath::default();
        for ring in shape.rings.iter().filter(|r| r.len() >= 3) {
            push_subpath(
                &mut pb,
                ring.iter().map(|&w| to_screen.screen_from_world(w)),
                MIN_STEP_PT,
                true,
            );
        }
        pb.finish()
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
                let face = self.fonts.face_of(c);
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
                let Some(face) = self.fonts.faces.get(face_index) else {
                    continue;
                };
                let (font, font_size) = (face.font.clone(), size * face.scale);
                if let Some(halo) = spec.halo.filter(|c| c.a() > 0) {
                    let stroke = Stroke::new(2.0 * halo_width(spec), halo);
                    let run = HaloRun {
                        face: face_index,
                        font_size,
                        advance: end - x,
                        stroke,
                    };
                    let graphic = self.halo_graphic(&run, font.clone(), &text);
                    self.surface.push_transform(&Transform::from_translate(at.x, at.y));
                    self.surface.draw_graphic(graphic);
                    self.surface.pop();
                }
                self.surface.set_stroke(None);
                self.surface.set_fill(Some(fill(spec.color, FillRule::NonZero)));
                self.surface
                    .draw_text(at, font, font_size, &text, false, TextDirection::Auto);
            }
        }
    }

    /// The halo of a run of `text` drawn from the pen position (0, 0):
    /// its glyphs' outlines stroked, paths only (the text itself is on the
    /// page once), made the first time the document needs it.
    fn halo_graphic(&mut self, run: &HaloRun, font: Font, text: &str) -> Graphic {
        let key = HaloKey {
            face: run.face,
            font_size_bits: run.font_size.to_bits(),
            width_bits: run.stroke.width.to_bits(),
            color: run.stroke.color,
            text: text.to_owned(),
        };
        if let Some(graphic) = self.fonts.halos.get(&key) {
            return graphic.clone();
        }
        let mut builder = self.surface.stream_builder();
        let mut surface = builder.surface();
        // A form's bounding box clips it, and krilla makes it the stroke's
        // exact bounds: viewers that snap strokes to pixels (poppler) then
        // cut the halo's outermost pixels. An invisible box a text size
        // wider on every side keeps them.
        let margin = run.font_size + run.stroke.width;
        let room = Rect::from_min_max(
            Pos2::new(-margin, -run.font_size - margin),
            Pos2::new(run.advance.max(0.0) + margin, margin),
        );
        let mut pb = PdfPath::default();
        push_rounded_rect(&mut pb, room, 0.0);
        if let Some(room) = pb.finish() {
            surface.set_stroke(None);
            surface.set_fill(Some(Fill {
                opacity: NormalizedF32::ZERO,
                ..fill(run.stroke.color, FillRule::NonZero)
            }));
            surface.draw_path(&room);
        }
        surface.set_fill(None);
        surface.set_stroke(Some(pdf_stroke(run.stroke)));
        surface.draw_text(
            Point::from_xy(0.0, 0.0),
            font,
            run.font_size,
            text,
            true,
            TextDirection::Auto,
        );
        surface.finish();
        let graphic = Graphic::new(builder.finish(), false);
        self.fonts.halos.insert(key, graphic.clone());
        graphic
    }

    /// A character no font has: its "missing glyph" drawn as a path, as
    /// epaint draws it, and an invisible [`MISSING_TEXT`] for the text
    /// layer. Written as text, the missing glyph is glyph 0, which a PDF's
    /// Unicode map cannot name: viewers dropped the first such character
    /// of a document when copying or searching (later ones only kept
    /// their text through krilla's `ActualText` spans).
    fn draw_missing(&mut self, spec: &TextSpec<'_>, at: Point, size: f32, text: &str) {
        let Some(face) = self.fonts.faces.first() else {
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

/// What the text layer says for a character no font has: the first face
/// (Ubuntu-Light) has no U+FFFD, and a question mark is what a reader
/// takes for "unknown character" in copied text.
const MISSING_TEXT: &str = "?";

/// krilla's path builder under the name the canvases build through.
type PdfPath = PathBuilder;

/// A path's coordinate rounded to 1/100 (of a point at scale 1), as the
/// SVG writes them: `235.34`, not `235.33911`. A page's content stream is
/// a quarter shorter, and krilla's deflate of it (most of a PDF book's
/// work) as much faster; the file a third smaller.
fn hundredths(x: f32) -> f32 {
    (x * 100.0).round() / 100.0
}

impl PathSink for PathBuilder {
    fn move_to(&mut self, p: Pos2) {
        Self::move_to(self, hundredths(p.x), hundredths(p.y));
    }

    fn line_to(&mut self, p: Pos2) {
        Self::line_to(self, hundredths(p.x), hundredths(p.y));
    }

    fn cubic_to(&mut self, c1: Pos2, c2: Pos2, p: Pos2) {
        let [c1, c2, p] = [c1, c2, p].map(|q| (hundredths(q.x), hundredths(q.y)));
        Self::cubic_to(self, c1.0, c1.1, c2.0, c2.1, p.0, p.1);
    }

    fn close(&mut self) {
        Self::close(self);
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
        if let Some(path) = Self::rings_path(shape, to_screen) {
            self.fill_path(&path, color, FillRule::EvenOdd);
        }
    }

    fn stroke_world(&mut self, line: WorldLine<'_>, closed: bool, to_screen: &ScreenFromWorld, stroke: Stroke) {
        if stroke.is_empty() {
            return;
        }
        let mut pb = PdfPath::default();
        let points = line.points.iter().map(|&p| to_screen.screen_from_world(p));
        if push_subpath(&mut pb, points, MIN_STEP_PT, closed) < 2 {
            return;
        }
        if let Some(path) = pb.finish() {
            self.stroke_path(&path, stroke);
        }
    }

    fn hatch_feature(&mut self, shape: &FeatureShape, to_screen: &ScreenFromWorld, stripe: Color32, period: f32) {
        if stripe.a() == 0 {
            return;
        }
        let Some(region) = Self::rings_path(shape, to_screen) else {
            return;
        };
        let screen: Vec<Pos2> = shape
            .rings
            .iter()
            .flatten()
            .map(|&w| to_screen.screen_from_world(w))
            .collect();
        let bounds = Rect::from_points(&screen);
        let mut pb = PdfPath::default();
        push_hatch_stripes(&mut pb, bounds, to_screen.origin, period);
        let Some(stripes) = pb.finish() else {
            return;
        };
        self.surface.push_clip_path(&region, &FillRule::EvenOdd);
        self.fill_path(&stripes, stripe, FillRule::NonZero);
        self.surface.pop();
    }

    fn rect(&mut self, rect: Rect, corner_radius: f32, fill: Color32, stroke: Stroke) {
        if fill.a() > 0 {
            let mut pb = PdfPath::default();
            push_rounded_rect(&mut pb, rect, corner_radius);
            if let Some(path) = pb.finish() {
                self.fill_path(&path, fill, FillRule::NonZero);
            }
        }
        if !stroke.is_empty() {
            // egui's StrokeKind::Inside: the stroke lies within the rectangle.
            let h = stroke.width / 2.0;
            let mut pb = PdfPath::default();
            push_rounded_rect(&mut pb, rect.shrink(h), (corner_radius - h).max(0.0));
            if let Some(path) = pb.finish() {
                self.stroke_path(&path, stroke);
            }
        }
    }

    fn circle(&mut self, centre: Pos2, radius: f32, fill: Color32, stroke: Stroke) {
        let mut pb = PdfPath::default();
        push_circle(&mut pb, centre, radius);
        if let Some(path) = pb.finish() {
            self.fill_path(&path, fill, FillRule::NonZero);
            self.stroke_path(&path, stroke);
        }
    }

    fn convex_polygon(&mut self, points: &[Pos2], fill: Color32, stroke: Stroke) {
        let mut pb = PdfPath::default();
        if push_subpath(&mut pb, points.iter().copied(), MIN_STEP_PT, true) < 3 {
            return;
        }
        if let Some(path) = pb.finish() {
            self.fill_path(&path, fill, FillRule::NonZero);
            self.stroke_path(&path, stroke);
        }
    }

    fn line_segment(&mut self, points: [Pos2; 2], stroke: Stroke) {
        let mut pb = PdfPath::default();
        if push_subpath(&mut pb, points, MIN_STEP_PT, false) < 2 {
            return;
        }
        if let Some(path) = pb.finish() {
            self.stroke_path(&path, stroke);
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
        let mut fonts = PdfFonts::new();
        let mut engine = TextEngine::new();
        engine.begin_frame(crate::render::Theme::Light);
        let Some(settings) = krilla::page::PageSettings::from_wh(600.0, 200.0) else {
            panic!("a page of 600 × 200 pt");
        };
        for n in 0..pages {
            let top = 10.0 + 7.3 * f32::from(u8::try_from(n).unwrap());
            let mut page = document.start_page_with(settings.clone());
            let mut surface = page.surface();
            let mut canvas = PdfCanvas::new(&mut surface, &mut engine, &mut fonts, 1.0);
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
        assert_eq!(forms.len(), 1, "one halo, shared by the pages");
        let halo = operators(&forms[0].decompressed_content().unwrap());
        assert!(
            halo.iter().any(|op| op == "c") && halo.iter().any(|op| op == "S"),
            "{halo:?}"
        );
        assert!(!halo.iter().any(|op| op == "BT"), "no text in the halo: {halo:?}");
        // Its box reaches well past the glyphs' strokes, so that no viewer
        // clips the halo's edge.
        let bbox: Vec<f32> = forms[0]
            .dict
            .get(b"BBox")
            .and_then(lopdf::Object::as_array)
            .unwrap()
            .iter()
            .map(|v| v.as_float().unwrap())
            .collect();
        assert!(bbox[0] <= -20.0, "{bbox:?}");
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
    fn every_default_font_loads_and_text_takes_the_first_that_has_a_character() {
        let mut fonts = PdfFonts::new();
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
