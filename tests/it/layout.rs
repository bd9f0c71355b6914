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
        "Incident (fades over ±7 days)",
    ];
    for size in [vec2(1280.0, 720.0), vec2(640.0, 720.0), vec2(800.0, 640.0)] {
        let area = Rect::from_min_size(pos2(0.0, 0.0), size);
        let shapes = paint(&data, "reported", "2026-03-14", area);
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
        // Nothing on this map is graded low confidence: no row for it.
        assert!(
            !texts.iter().any(|(text, _)| text == "Low confidence (dotted)"),
            "{size:?}: a legend row for a mark the map does not show"
        );
        assert!(
            area.contains_rect(legend),
            "{size:?}: legend {legend:?} leaves the picture"
        );
        let title = box_around(&shapes, rect_of("14 March 2026")).expect("the title block");
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

/// The shapes of one frame of `track` on `date` in `area` with `effects`
/// and `layers`.
fn paint_with(
    data: &LoadedInputs,
    track: &str,
    date: &str,
    area: Rect,
    effects: &drawdown::MapEffects,
    layers: LayerSet,
) -> Vec<Shape> {
    let ctx = Context::default();
    let style = MapStyle::for_theme(Theme::Light);
    let input = RawInput {
        screen_rect: Some(area),
        ..RawInput::default()
    };
    let mut view = MapView::HOME;
    let mut output = ctx.run_ui(input, |ui| {
        MapWidget {
            scenario: &data.scenario,
            geometry: &data.geometry,
            track: data.scenario.track_idx(track).unwrap(),
            date: date.parse().unwrap(),
            style: &style,
            layers,
            background: true,
            effects,
            greyscale: false,
            compare_with: None,
        }
        .ui(ui, &mut view);
    });
    output.textures_delta.clear();
    output.shapes.into_iter().map(|clipped| clipped.shape).collect()
}

/// Each text's string, bounds and font size.
fn sized_texts(shapes: &[Shape]) -> Vec<(String, Rect, f32)> {
    let mut found = Vec::new();
    for shape in shapes {
        match shape {
            Shape::Text(text) => {
                let size = text
                    .galley
                    .job
                    .sections
                    .iter()
                    .map(|s| s.format.font_id.size)
                    .fold(f32::INFINITY, f32::min);
                found.push((text.galley.text().to_owned(), shape.visual_bounding_rect(), size));
            }
            Shape::Vec(inner) => found.extend(sized_texts(inner)),
            _ => {}
        }
    }
    found
}

#[test]
fn the_legend_covers_no_region_at_a_slide_a_window_and_a_1024_screen_nor_in_half_of_one() {
    let data = LoadedInputs::embedded().unwrap();
    let style = MapStyle::for_theme(Theme::Light);
    for size in [
        vec2(1920.0, 1080.0),
        vec2(1280.0, 720.0),
        vec2(1024.0, 768.0),
        vec2(512.0, 768.0),
        vec2(960.0, 1080.0),
    ] {
        let area = Rect::from_min_size(pos2(0.0, 0.0), size);
        let to_screen =
            drawdown::MapLayout::new(area, &style).screen_from_world(&MapView::HOME, &data.geometry);
        for (track, date) in [
            ("reported", "2026-03-12"),
            ("announced", "2025-09-30"),
            ("reported", "2026-12-07"),
        ] {
            let shapes = paint(&data, track, date, area);
            let texts = texts(&shapes);
            let title = texts
                .iter()
                .find(|(text, _)| text == "Coalition status")
                .map(|(_, rect)| *rect)
                .unwrap_or_else(|| panic!("{size:?} {track} {date}: no legend"));
            let legend = box_around(&shapes, title).expect("the legend's box");
            for feature in &data.geometry.features {
                let bounds = feature.shape.bounds;
                let screen = Rect::from_two_pos(
                    to_screen.screen_from_world(bounds.min),
                    to_screen.screen_from_world(bounds.max),
                );
                assert!(
                    !legend.intersects(screen),
                    "{size:?} {track} {date}: legend {legend:?} over {} {screen:?}",
                    feature.shape.name
                );
            }
        }
    }
}

#[test]
fn the_title_and_legend_text_stay_legible_when_the_map_is_short() {
    let data = LoadedInputs::embedded().unwrap();
    // A 1024x768 window with the chart's base rows and the troop panel
    // open leaves the map about this much (and half of it in compare).
    for size in [vec2(1024.0, 500.0), vec2(512.0, 420.0), vec2(1024.0, 768.0)] {
        let area = Rect::from_min_size(pos2(0.0, 0.0), size);
        let shapes = paint(&data, "reported", "2026-03-12", area);
        let texts = sized_texts(&shapes);
        let panel_texts = [
            "REPORTED",
            "12 March 2026",
            "Coalition status",
            "Record current to 13 Mar 2026 · shown 12 Mar 2026",
        ];
        for wanted in panel_texts {
            for (text, _, font) in texts.iter().filter(|(text, _, _)| text == wanted) {
                assert!(*font >= 11.0, "{size:?}: {text:?} at {font} pt");
            }
        }
        for wanted in ["REPORTED", "Coalition status"] {
            assert!(
                texts.iter().any(|(text, _, _)| text == wanted),
                "{size:?}: {wanted:?} stays"
            );
        }
    }
}

#[test]
fn a_plan_date_after_today_reads_as_not_yet_reached_and_one_before_does_not() {
    let data = LoadedInputs::embedded().unwrap();
    let area = Rect::from_min_size(pos2(0.0, 0.0), vec2(1280.0, 720.0));
    let effects = drawdown::MapEffects {
        today: Some("2026-03-12".parse().unwrap()),
        ..drawdown::MapEffects::default()
    };
    let line = |track: &str, date: &str| -> Vec<String> {
        texts(&paint_with(&data, track, date, area, &effects, LayerSet::default()))
            .into_iter()
            .map(|(text, _)| text)
            .filter(|text| text.starts_with("Plan —") || text.starts_with("Record current"))
            .collect()
    };
    assert_eq!(line("announced", "2026-12-07"), ["Plan — not yet reached"]);
    assert!(line("announced", "2025-09-30").is_empty());
    assert_eq!(
        line("reported", "2026-12-07"),
        ["Record current to 20 Mar 2026 · shown 7 Dec 2026"]
    );
    assert_eq!(
        line("reported", "2025-09-30"),
        ["Record current to 20 Mar 2026 · shown 30 Sep 2025"]
    );
}

#[test]
fn the_legend_lists_only_what_the_map_shows() {
    let data = LoadedInputs::embedded().unwrap();
    let area = Rect::from_min_size(pos2(0.0, 0.0), vec2(1280.0, 720.0));
    let names = |track: &str, date: &str, layers: LayerSet| -> Vec<String> {
        texts(&paint_with(
            &data,
            track,
            date,
            area,
            &drawdown::NO_EFFECTS,
            layers,
        ))
        .into_iter()
        .map(|(text, _)| text)
        .collect()
    };
    // 1 Oct 2025 on the plan: no region is drawing down or without report.
    let plan = names("announced", "2025-10-01", LayerSet::default());
    assert!(!plan.iter().any(|t| t == "Transition under way"), "{plan:?}");
    assert!(!plan.iter().any(|t| t == "No report"), "{plan:?}");
    assert!(plan.iter().any(|t| t == "Support for operations in Syria"), "{plan:?}");
    assert!(plan.iter().any(|t| t == "Not named in this track"), "{plan:?}");
    let no_bases = names(
        "announced",
        "2025-10-01",
        LayerSet::default().with(drawdown::MapLayer::Bases, false),
    );
    assert!(!no_bases.iter().any(|t| t == "Not named in this track"), "{no_bases:?}");
}
