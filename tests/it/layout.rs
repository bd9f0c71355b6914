//! Where the map's panels go in a narrow area (half of the compare view):
//! a source line that wraps stays inside the picture and clear of the
//! legend. Painted headless through egui; no display, no GPU.

use drawdown::{Date, LayerSet, LoadedInputs, MapStyle, MapView, MapWidget, NO_EFFECTS, Theme};
use egui::{Context, RawInput, Rect, Shape, pos2, vec2};

/// The shapes of one frame of the map alone in `area`.
fn paint(data: &LoadedInputs, track: &str, date: &str, area: Rect) -> Vec<Shape> {
    let ctx = Context::default();
    let style = MapStyle::for_theme(Theme::Light);
    let date: Date = date.parse().unwrap();
    let track = data.scenario.track_idx(track).unwrap();
    let input = RawInput {
        screen_rect: Some(area),
        ..RawInput::default()
    };
    let mut view = MapView::HOME;
    let mut output = ctx.run_ui(input, |ui| {
        MapWidget {
            scenario: &data.scenario,
            geometry: &data.geometry,
            track,
            date,
            style: &style,
            layers: LayerSet::default(),
            background: true,
            effects: &NO_EFFECTS,
            greyscale: false,
            compare_with: None,
        }
        .ui(ui, &mut view);
    });
    // No renderer here: the font atlas's updates are dropped on purpose.
    output.textures_delta.clear();
    output.shapes.into_iter().map(|clipped| clipped.shape).collect()
}

fn texts(shapes: &[Shape]) -> Vec<(String, Rect)> {
    let mut found = Vec::new();
    for shape in shapes {
        match shape {
            Shape::Text(text) => found.push((text.galley.text().to_owned(), shape.visual_bounding_rect())),
            Shape::Vec(inner) => found.extend(texts(inner)),
            _ => {}
        }
    }
    found
}

#[test]
fn a_wrapped_source_line_stays_in_the_picture_and_under_the_legend() {
    let data = LoadedInputs::embedded().unwrap();
    // The size of one half of the compare view in a 1920×1080 window.
    let area = Rect::from_min_size(pos2(0.0, 0.0), vec2(800.0, 640.0));
    // The phase's last day: every report its source names is dated by
    // then, so the whole (long) source line shows.
    let shapes = paint(&data, "reported", "2026-01-17", area);
    let texts = texts(&shapes);
    let (source, source_rect) = texts
        .iter()
        .find(|(text, _)| text.starts_with("Source:"))
        .expect("a source line");
    let legend_title = texts
        .iter()
        .find(|(text, _)| text == "Coalition status")
        .map(|(_, rect)| *rect)
        .expect("a legend");
    assert!(
        source_rect.height() > 1.5 * legend_title.height(),
        "the source must wrap here for this test to say anything: {source} {source_rect:?}"
    );
    assert!(
        source_rect.bottom() <= area.bottom() && source_rect.min.x >= area.left(),
        "{source_rect:?} leaves {area:?}"
    );
    // The legend's box, which holds its title, ends above the source.
    let legend_box = shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Rect(r) if r.rect.contains_rect(legend_title) => Some(r.rect),
            _ => None,
        })
        .min_by(|a, b| a.area().total_cmp(&b.area()))
        .expect("the legend's box");
    assert!(
        legend_box.bottom() <= source_rect.top(),
        "legend {legend_box:?} over the source {source_rect:?}"
    );
}

/// The smallest rectangle among `shapes` that contains `inner`: the box a
/// panel's text sits in.
fn box_around(shapes: &[Shape], inner: Rect) -> Option<Rect> {
    let mut found = Vec::new();
    collect_rects(shapes, &mut found);
    found
        .into_iter()
        .filter(|r| r.contains_rect(inner))
        .min_by(|a, b| a.area().total_cmp(&b.area()))
}

fn collect_rects(shapes: &[Shape], found: &mut Vec<Rect>) {
    for shape in shapes {
        match shape {
            Shape::Rect(r) => found.push(r.rect),
            Shape::Vec(inner) => collect_rects(inner, found),
            _ => {}
        }
    }
}

/// On a 1280×720 slide and in half of the compare view there (and of a
/// 1920×1080 window), the legend explains the statuses, the base markers'
/// shapes, the hatch, low confidence and incidents, all inside its box,
/// which stays inside the picture, clear of the title block and above the
/// source line.
#[test]
fn the_legend_with_bases_hatch_confidence_and_incidents_fits_a_slide_and_half_of_one() {
    let data = LoadedInputs::embedded().unwrap();
    let entries = [
        "Coalition status",
        "No report",
        "Bases",
        "In use by the coalition",
        "Drawing down",
        "Handed over or vacated",
        "No report since — last reported",
        "Low confidence (dotted)",
        "Incident (fades over ±7 days)",
    ];
    for size in [vec2(1280.0, 720.0), vec2(640.0, 720.0), vec2(800.0, 640.0)] {
        let area = Rect::from_min_size(pos2(0.0, 0.0), size);
        let shapes = paint(&data, "reported", "2026-03-20", area);
        let texts = texts(&shapes);
        let rect_of = |wanted: &str| {
            texts
                .iter()
                .find(|(text, _)| text == wanted)
                .map(|(_, rect)| *rect)
                .unwrap_or_else(|| {
                    panic!(
                        "{size:?}: no {wanted:?} in {:?}",
                        texts.iter().map(|t| &t.0).collect::<Vec<_>>()
                    )
                })
        };
        let legend = box_around(&shapes, rect_of("Coalition status")).expect("the legend's box");
        for entry in entries {
            // The chip of a region may say the same ("No report").
            let inside = texts
                .iter()
                .any(|(text, rect)| text == entry && legend.contains_rect(*rect));
            assert!(inside, "{size:?}: {entry:?} not inside the legend {legend:?}");
        }
        assert!(
            area.contains_rect(legend),
            "{size:?}: legend {legend:?} leaves the picture"
        );
        let title = box_around(&shapes, rect_of("20 March 2026")).expect("the title block");
        assert!(
            !title.intersects(legend),
            "{size:?}: title {title:?} over the legend {legend:?}"
        );
        let source = texts
            .iter()
            .find(|(text, _)| text.starts_with("Source:"))
            .map(|(_, rect)| *rect)
            .expect("a source line");
        assert!(
            legend.bottom() <= source.top(),
            "{size:?}: legend {legend:?} over the source {source:?}"
        );
    }
}
