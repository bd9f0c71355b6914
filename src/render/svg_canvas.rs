//! [`Canvas`] as SVG: the composition written as vector elements, for
//! slides and editing (the export's `.svg`).
//!
//! Fills are `#rrggbb` colours (with an opacity only where the colour has
//! one), a feature's rings one path filled even–odd as on the CPU canvas
//! and titled with the feature's name; lines are round-capped,
//! round-joined strokes; a hatch is its stripes clipped to the feature.
//! Text is real `<text>`, one element per row of epaint's layout (the
//! galleys the PNG export blits, [`TextEngine::layout`]), at the pen
//! position of the row's first character on its baseline, so that it can
//! be selected, searched and edited in a slide; a label's halo is one
//! copy of the row stroked in the halo's colour, drawn under it, not eight
//! copies of the text. (`paint-order` would do it in one element, but
//! LibreOffice ignores it and paints the halo over the letters.)
//!
//! Each region, base and incident is a `<g>` whose `<title>` names it
//! ([`Canvas::begin_item`]): a browser shows the name on hover, and a
//! slide keeps it.
//!
//! The XML is written by quick-xml, which escapes every attribute and text
//! (`& < > " '`); control characters are dropped before
//! ([`super::vector_text::clean_text`]). Numbers are written rounded to
//! 1/100 point, so the same picture gives the same bytes.

use std::io;

use egui::{Align2, Color32, Pos2, Rect, Stroke, Vec2};
use quick_xml::Writer;
use quick_xml::escape::escape;
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};

use super::canvas::{
    Canvas, PathSink, TextSpec, VectorCanvas, WorldLine, halo_width, push_hatch_stripes, push_subpath,
};
use super::cpu_canvas::TextEngine;
use super::vector_text::{clean_text, galley_lines};
use super::view::ScreenFromWorld;
use crate::geo::FeatureShape;
use crate::model::printable::document_text;

/// The font the text names: egui's default (`Ubuntu-Light`, family
/// "Ubuntu" at weight 300, what the PNG shows), then any sans-serif.
pub const SVG_FONT_FAMILY: &str = "'Ubuntu Light', Ubuntu, sans-serif";

/// Vertices closer than this many output pixels to the last one kept are
/// left out, as on the CPU canvas: they change nothing visible and make
/// the file several times larger at full detail.
const MIN_STEP_PX: f32 = 0.3;

/// Paints the composition as SVG elements; [`Self::finish`] wraps them in
/// a document.
pub struct SvgCanvas<'a> {
    text: &'a mut TextEngine,
    pixels_per_point: f32,
    body: Writer<Vec<u8>>,
    defs: Writer<Vec<u8>>,
    /// Number of the next `<defs>` entry (clip paths): ids in drawing order.
    next_id: usize,
    /// Areas opened by [`Self::push_area`] and not closed yet.
    open_areas: usize,
    /// Items opened by [`Canvas::begin_item`] and not closed yet.
    open_items: usize,
    /// The first write that failed (none can into memory, but a writer
    /// says so by type).
    error: Option<io::Error>,
}

impl<'a> SvgCanvas<'a> {
    /// A canvas whose text is laid out by `text` at `pixels_per_point` (the
    /// export's scale: the same rows as the PNG of the same options).
    pub fn new(text: &'a mut TextEngine, pixels_per_point: f32) -> Self {
        Self {
            text,
            pixels_per_point,
            body: Writer::new_with_indent(Vec::new(), b' ', 0),
            defs: Writer::new_with_indent(Vec::new(), b' ', 0),
            next_id: 0,
            open_areas: 0,
            open_items: 0,
            error: None,
        }
    }

    /// The SVG document: `size_px` its nominal size in pixels, `view` the
    /// area painted (points), `title` its title.
    pub fn finish(mut self, size_px: [u32; 2], view: Rect, title: &str) -> io::Result<Vec<u8>> {
        while self.open_items > 0 {
            self.end_item();
        }
        while self.open_areas > 0 {
            self.pop_area();
        }
        if let Some(error) = self.error {
            return Err(error);
        }
        let mut doc = Writer::new_with_indent(Vec::new(), b' ', 0);
        doc.write_event(Event::Decl(quick_xml::events::BytesDecl::new(
            "1.0",
            Some("UTF-8"),
            None,
        )))?;
        let view_box = format!(
            "{} {} {} {}",
            num(view.left()),
            num(view.top()),
            num(view.width()),
            num(view.height())
        );
        let [width, height] = size_px.map(|px| px.to_string());
        let root = BytesStart::new("svg").with_attributes([
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("version", "1.1"),
            ("width", width.as_str()),
            ("height", height.as_str()),
            ("viewBox", view_box.as_str()),
            ("font-family", SVG_FONT_FAMILY),
            ("font-weight", "300"),
            ("stroke-linecap", "round"),
            ("stroke-linejoin", "round"),
            ("xml:space", "preserve"),
        ]);
        doc.write_event(Event::Start(root))?;
        doc.create_element("title")
            .write_text_content(xml_text(&document_text(title)))?;
        let defs = self.defs.into_inner();
        if !defs.is_empty() {
            doc.write_event(Event::Start(BytesStart::new("defs")))?;
            doc.get_mut().extend_from_slice(&defs);
            doc.write_event(Event::End(BytesEnd::new("defs")))?;
        }
        doc.get_mut().extend_from_slice(&self.body.into_inner());
        doc.write_event(Event::End(BytesEnd::new("svg")))?;
        let mut bytes = doc.into_inner();
        bytes.push(b'\n');
        Ok(bytes)
    }

    fn keep(&mut self, result: io::Result<()>) {
        if let Err(error) = result {
            self.error.get_or_insert(error);
        }
    }

    fn new_id(&mut self, kind: &str) -> String {
        self.next_id += 1;
        format!("{kind}{}", self.next_id)
    }

    /// Writes an empty element with these attributes into the body.
    fn element(&mut self, name: &str, attributes: &[(&str, String)]) {
        let result = self
            .body
            .create_element(name)
            .with_attributes(attributes.iter().map(|(k, v)| (*k, v.as_str())))
            .write_empty()
            .map(drop);
        self.keep(result);
    }

    /// Path data of `rings` (screen points), each a closed subpath.
    fn rings_data(&self, shape: &FeatureShape, to_screen: &ScreenFromWorld) -> String {
        let mut d = PathData::default();
        for ring in shape.rings.iter().filter(|r| r.len() >= 3) {
            self.push_subpath(&mut d, ring.iter().map(|&w| to_screen.screen_from_world(w)), true);
        }
        d.0
    }

    /// Appends `points` (screen points) to `d` as one subpath, leaving out
    /// sub-pixel steps; returns how many points went in.
    fn push_subpath(&self, d: &mut PathData, points: impl IntoIterator<Item = Pos2>, closed: bool) -> usize {
        push_subpath(d, points, MIN_STEP_PX / self.pixels_per_point.max(1e-3), closed)
    }

    fn text_element(&mut self, spec: &TextSpec<'_>, rect: Rect) {
        let galley = self.text.layout(spec, self.pixels_per_point);
        for line in galley_lines(&galley, rect.min) {
            let geometry = vec![
                ("x", num(line.origin.x)),
                ("y", num(line.origin.y)),
                ("font-size", num(spec.size.max(1.0))),
                // The laid-out width: a viewer without Ubuntu Light fits its
                // stand-in font to it, so that text stays inside its panel.
                ("textLength", num(line.width)),
                ("lengthAdjust", "spacingAndGlyphs".to_owned()),
            ];
            let text = line.text();
            if let Some(halo) = spec.halo.filter(|c| c.a() > 0) {
                // The underlay: drawn first, so every viewer paints the
                // letters over it; hidden from screen readers, which would
                // read the row twice.
                let mut attributes = geometry.clone();
                push_paint(&mut attributes, "fill", halo);
                push_paint(&mut attributes, "stroke", halo);
                attributes.push(("stroke-width", num(2.0 * halo_width(spec))));
                attributes.push(("aria-hidden", "true".to_owned()));
                self.text_row(&attributes, &text);
            }
            let mut attributes = geometry;
            push_paint(&mut attributes, "fill", spec.color);
            self.text_row(&attributes, &text);
        }
    }

    /// One `<text>` element.
    fn text_row(&mut self, attributes: &[(&str, String)], text: &str) {
        let result = self
            .body
            .create_element("text")
            .with_attributes(attributes.iter().map(|(k, v)| (*k, v.as_str())))
            .write_text_content(xml_text(text))
            .map(drop);
        self.keep(result);
    }
}

/// Escaped text for an element's content, control characters dropped.
fn xml_text(text: &str) -> BytesText<'static> {
    BytesText::from_escaped(escape(clean_text(text)).into_owned())
}

/// `x` rounded to 1/100, without trailing zeros: `12.5`, `3`, `-0.25`.
fn num(x: f32) -> String {
    if !x.is_finite() {
        return "0".to_owned();
    }
    let text = format!("{:.2}", f64::from(x));
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" { "0".to_owned() } else { text.to_owned() }
}

/// SVG path data (`M x y L x y … Z`) as it is built.
#[derive(Default)]
struct PathData(String);

impl PathData {
    fn command(&mut self, command: char, points: &[Pos2]) {
        self.0.push(command);
        for (i, p) in points.iter().enumerate() {
            if i > 0 {
                self.0.push(' ');
            }
            self.0.push_str(&num(p.x));
            self.0.push(' ');
            self.0.push_str(&num(p.y));
        }
    }
}

impl PathSink for PathData {
    fn move_to(&mut self, p: Pos2) {
        self.command('M', &[p]);
    }

    fn line_to(&mut self, p: Pos2) {
        self.command('L', &[p]);
    }

    fn cubic_to(&mut self, c1: Pos2, c2: Pos2, p: Pos2) {
        self.command('C', &[c1, c2, p]);
    }

    fn close(&mut self) {
        self.0.push('Z');
    }
}

/// `#rrggbb` of an egui colour (premultiplied) and its opacity, if any.
fn hex(color: Color32) -> (String, Option<String>) {
    let [r, g, b, a] = color.to_srgba_unmultiplied();
    let opacity = (a < 255).then(|| num(f32::from(a) / 255.0));
    (format!("#{r:02x}{g:02x}{b:02x}"), opacity)
}

/// `name="#rrggbb"` (and `name-opacity`) for a colour, or `name="none"`
/// for a clear one.
fn push_paint(attributes: &mut Vec<(&'static str, String)>, name: &'static str, color: Color32) {
    if color.a() == 0 {
        attributes.push((name, "none".to_owned()));
        return;
    }
    let (rgb, opacity) = hex(color);
    attributes.push((name, rgb));
    if let Some(opacity) = opacity {
        let key = if name == "fill" {
            "fill-opacity"
        } else {
            "stroke-opacity"
        };
        attributes.push((key, opacity));
    }
}

fn push_stroke(attributes: &mut Vec<(&'static str, String)>, stroke: Stroke) {
    if stroke.is_empty() {
        return;
    }
    push_paint(attributes, "stroke", stroke.color);
    attributes.push(("stroke-width", num(stroke.width)));
}

impl Canvas for SvgCanvas<'_> {
    fn fill_feature(&mut self, shape: &FeatureShape, to_screen: &ScreenFromWorld, color: Color32) {
        if color.a() == 0 {
            return;
        }
        let d = self.rings_data(shape, to_screen);
        if d.is_empty() {
            return;
        }
        let mut attributes = vec![("d", d)];
        push_paint(&mut attributes, "fill", color);
        attributes.push(("fill-rule", "evenodd".to_owned()));
        let result = self
            .body
            .create_element("path")
            .with_attributes(attributes.iter().map(|(k, v)| (*k, v.as_str())))
            .write_inner_content(|w| {
                w.create_element("title")
                    .write_text_content(xml_text(&shape.name))
                    .map(drop)
            })
            .map(drop);
        self.keep(result);
    }

    fn stroke_world(&mut self, line: WorldLine<'_>, closed: bool, to_screen: &ScreenFromWorld, stroke: Stroke) {
        if stroke.is_empty() {
            return;
        }
        let mut d = PathData::default();
        let points = line.points.iter().map(|&p| to_screen.screen_from_world(p));
        if self.push_subpath(&mut d, points, closed) < 2 {
            return;
        }
        let mut attributes = vec![("d", d.0), ("fill", "none".to_owned())];
        push_stroke(&mut attributes, stroke);
        self.element("path", &attributes);
    }

    fn hatch_feature(&mut self, shape: &FeatureShape, to_screen: &ScreenFromWorld, stripe: Color32, period: f32) {
        if stripe.a() == 0 {
            return;
        }
        let d = self.rings_data(shape, to_screen);
        let screen = shape.rings.iter().flatten().map(|&w| to_screen.screen_from_world(w));
        let bounds = Rect::from_points(&screen.collect::<Vec<_>>());
        if d.is_empty() || !bounds.is_positive() {
            return;
        }
        let id = self.new_id("hatch");
        let result = self
            .defs
            .create_element("clipPath")
            .with_attribute(("id", id.as_str()))
            .write_inner_content(|w| {
                w.create_element("path")
                    .with_attributes([("d", d.as_str()), ("clip-rule", "evenodd")])
                    .write_empty()
                    .map(drop)
            })
            .map(drop);
        self.keep(result);
        let mut stripes = PathData::default();
        push_hatch_stripes(&mut stripes, bounds, to_screen.origin, period);
        let mut attributes = vec![("d", stripes.0)];
        push_paint(&mut attributes, "fill", stripe);
        attributes.push(("clip-path", format!("url(#{id})")));
        self.element("path", &attributes);
    }

    fn rect(&mut self, rect: Rect, corner_radius: f32, fill: Color32, stroke: Stroke) {
        let geometry = |r: Rect, radius: f32| {
            let mut attributes = vec![
                ("x", num(r.left())),
                ("y", num(r.top())),
                ("width", num(r.width().max(0.0))),
                ("height", num(r.height().max(0.0))),
            ];
            let radius = radius.min(r.width() / 2.0).min(r.height() / 2.0);
            if radius > 0.0 {
                attributes.push(("rx", num(radius)));
            }
            attributes
        };
        if fill.a() > 0 {
            let mut attributes = geometry(rect, corner_radius);
            push_paint(&mut attributes, "fill", fill);
            self.element("rect", &attributes);
        }
        if !stroke.is_empty() {
            // egui's StrokeKind::Inside: the stroke lies within the rectangle.
            let h = stroke.width / 2.0;
            let mut attributes = geometry(rect.shrink(h), (corner_radius - h).max(0.0));
            attributes.push(("fill", "none".to_owned()));
            push_stroke(&mut attributes, stroke);
            self.element("rect", &attributes);
        }
    }

    fn circle(&mut self, centre: Pos2, radius: f32, fill: Color32, stroke: Stroke) {
        if fill.a() == 0 && stroke.is_empty() {
            return;
        }
        let mut attributes = vec![("cx", num(centre.x)), ("cy", num(centre.y)), ("r", num(radius))];
        push_paint(&mut attributes, "fill", fill);
        push_stroke(&mut attributes, stroke);
        self.element("circle", &attributes);
    }

    fn convex_polygon(&mut self, points: &[Pos2], fill: Color32, stroke: Stroke) {
        let mut d = PathData::default();
        if self.push_subpath(&mut d, points.iter().copied(), true) < 3 {
            return;
        }
        let mut attributes = vec![("d", d.0)];
        push_paint(&mut attributes, "fill", fill);
        push_stroke(&mut attributes, stroke);
        self.element("path", &attributes);
    }

    fn line_segment(&mut self, points: [Pos2; 2], stroke: Stroke) {
        if stroke.is_empty() {
            return;
        }
        let mut attributes = vec![
            ("x1", num(points[0].x)),
            ("y1", num(points[0].y)),
            ("x2", num(points[1].x)),
            ("y2", num(points[1].y)),
        ];
        push_stroke(&mut attributes, stroke);
        self.element("line", &attributes);
    }

    fn text(&mut self, spec: &TextSpec<'_>, pos: Pos2, anchor: Align2) -> Rect {
        let size = self.measure(spec);
        let rect = anchor.anchor_size(pos, size);
        self.text_element(spec, rect);
        rect
    }

    fn measure(&mut self, spec: &TextSpec<'_>) -> Vec2 {
        self.text.layout(spec, self.pixels_per_point).size()
    }

    fn begin_item(&mut self, name: &str) {
        let result = self
            .body
            .write_event(Event::Start(BytesStart::new("g")))
            .and_then(|()| {
                self.body
                    .create_element("title")
                    .write_text_content(xml_text(&document_text(name)))
                    .map(drop)
            });
        self.keep(result);
        self.open_items += 1;
    }

    fn end_item(&mut self) {
        if self.open_items > 0 {
            self.open_items -= 1;
            let result = self.body.write_event(Event::End(BytesEnd::new("g")));
            self.keep(result);
        }
    }
}

impl VectorCanvas for SvgCanvas<'_> {
    fn push_area(&mut self, offset: Vec2, size: Vec2) {
        let id = self.new_id("area");
        let rect = [
            ("x", "0".to_owned()),
            ("y", "0".to_owned()),
            ("width", num(size.x)),
            ("height", num(size.y)),
        ];
        let result = self
            .defs
            .create_element("clipPath")
            .with_attribute(("id", id.as_str()))
            .write_inner_content(|w| {
                w.create_element("rect")
                    .with_attributes(rect.iter().map(|(k, v)| (*k, v.as_str())))
                    .write_empty()
                    .map(drop)
            })
            .map(drop);
        self.keep(result);
        let transform = format!("translate({} {})", num(offset.x), num(offset.y));
        let clip = format!("url(#{id})");
        let start = BytesStart::new("g").with_attributes([("transform", transform.as_str()), ("clip-path", &clip)]);
        let result = self.body.write_event(Event::Start(start));
        self.keep(result);
        self.open_areas += 1;
    }

    fn pop_area(&mut self) {
        if self.open_areas > 0 {
            self.open_areas -= 1;
            let result = self.body.write_event(Event::End(BytesEnd::new("g")));
            self.keep(result);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Theme;

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(3.0), "3");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(-0.25), "-0.25");
        assert_eq!(num(1919.996), "1920");
        assert_eq!(num(f32::NAN), "0");
    }

    #[test]
    fn colours_are_hex_with_an_opacity_only_when_translucent() {
        assert_eq!(hex(Color32::from_rgb(0xc0, 0x39, 0x2b)), ("#c0392b".to_owned(), None));
        let (rgb, opacity) = hex(Color32::from_rgba_unmultiplied(255, 255, 255, 128));
        assert_eq!(rgb, "#ffffff");
        assert_eq!(opacity.as_deref(), Some("0.5"));
    }

    #[test]
    fn hostile_text_is_escaped_and_stripped_of_control_characters() {
        let mut engine = TextEngine::new();
        engine.begin_frame(Theme::Light);
        let mut canvas = SvgCanvas::new(&mut engine, 1.0);
        let spec = TextSpec {
            text: "<b>&\"quoted\" 'x'</b>\u{1b}]0;\u{7}",
            size: 20.0,
            color: Color32::BLACK,
            halo: Some(Color32::WHITE),
            wrap_width: None,
            max_rows: None,
        };
        canvas.text(&spec, Pos2::new(10.0, 10.0), Align2::LEFT_TOP);
        let bytes = canvas
            .finish(
                [100, 50],
                Rect::from_min_size(Pos2::ZERO, Vec2::new(100.0, 50.0)),
                "a & b <c>",
            )
            .unwrap();
        let svg = String::from_utf8(bytes).unwrap();
        assert!(
            svg.contains("&lt;b&gt;&amp;&quot;quoted&quot; &apos;x&apos;&lt;/b&gt;]0;</text>"),
            "{svg}"
        );
        assert!(svg.contains("<title>a &amp; b &lt;c&gt;</title>"), "{svg}");
        assert!(!svg.chars().any(|c| c.is_control() && c != '\n'), "{svg:?}");
        assert!(!svg.contains("paint-order"), "LibreOffice ignores it: {svg}");
        let halo = svg.find("stroke=\"#ffffff\"").expect("a halo underlay");
        let letters = svg.find("fill=\"#000000\"").expect("the letters");
        assert!(halo < letters, "the halo is drawn under the letters: {svg}");
        assert_eq!(svg.matches("<text ").count(), 2, "one underlay and one row: {svg}");
    }

    #[test]
    fn an_item_is_a_group_titled_with_its_name_closed_even_if_left_open() {
        let mut engine = TextEngine::new();
        engine.begin_frame(Theme::Light);
        let mut canvas = SvgCanvas::new(&mut engine, 1.0);
        canvas.begin_item("Al-Tanf & \"garrison\"");
        canvas.circle(Pos2::new(5.0, 5.0), 2.0, Color32::RED, Stroke::NONE);
        canvas.end_item();
        canvas.begin_item("left open");
        let bytes = canvas
            .finish([10, 10], Rect::from_min_size(Pos2::ZERO, Vec2::new(10.0, 10.0)), "t")
            .unwrap();
        let svg = String::from_utf8(bytes).unwrap();
        assert!(
            svg.contains("<g>\n<title>Al-Tanf &amp; &quot;garrison&quot;</title>\n<circle"),
            "{svg}"
        );
        assert_eq!(svg.matches("<g>").count(), svg.matches("</g>").count(), "{svg}");
    }
}
