//! What a 1024×768 window (a projector's) shows, read the way a room
//! would: every text over the map at least the legible minimum, the left
//! map of a comparison taking the room its (shared) legend leaves, and the
//! legend listing every row the map needs, the bases' too. The window's
//! maps are found by their accessible label and painted again through
//! the same composition into the same rectangles.

use drawdown::{
    Callout, CpuCanvas, Date, DrawdownApp, EguiCanvas, Furniture, LabelKind, LabelLayout, LabelLayoutCache, LayerSet, LoadedInputs, MIN_TEXT_PT,
    MapEffects, MapLayer, MapLayout, MapScene, MapStyle, MapView, MapWidget, TextEngine, Theme, TrackIdx, paint_map,
};
use egui::{Context, RawInput, Rect, Shape};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::support::app_at;

/// `app` in a `size` headless window, after its first frames.
fn window(app: DrawdownApp, size: [f32; 2]) -> Harness<'static, DrawdownApp> {
    let mut harness = Harness::builder()
        .with_size(size)
        .with_max_steps(240)
        .build_ui_state(|ui, app: &mut DrawdownApp| app.show(ui), app);
    harness.run_steps(2);
    harness
}

/// One map of the window: where it is and what it shows.
struct Pane {
    rect: Rect,
    track: TrackIdx,
    layers: LayerSet,
    effects: MapEffects,
}

/// The window's maps, left to right, with the layers the window gives
/// each: the troop levels are a panel of the window, not on the map, and
/// a comparison shows its one legend on the right.
fn panes(h: &Harness<'_, DrawdownApp>) -> Vec<Pane> {
    let app = h.state();
    let mut rects: Vec<Rect> = h.query_all_by_label_contains("Map, ").map(|n| n.rect()).collect();
    rects.sort_by(|a, b| a.left().total_cmp(&b.left()));
    let layers = app.layers().with(MapLayer::TroopLevels, false);
    let scenario = &app.data().scenario;
    if app.is_comparing() {
        let [left, right] = scenario.compare_pair().unwrap();
        assert_eq!(rects.len(), 2, "two maps side by side");
        vec![
            Pane {
                rect: rects[0],
                track: left,
                layers: layers.with(MapLayer::Legend, false),
                effects: MapEffects::comparing(scenario, left, right, app.date()),
            },
            Pane {
                rect: rects[1],
                track: right,
                layers,
                effects: MapEffects::comparing(scenario, right, left, app.date()),
            },
        ]
    } else {
        assert_eq!(rects.len(), 1);
        vec![Pane {
            rect: rects[0],
            track: app.track(),
            layers,
            effects: MapEffects::default(),
        }]
    }
}

/// The label layout of `pane` on `date`, painted as the window paints it
/// (the layout does not depend on the pixels: a small pixmap is enough).
fn labels_of(data: &LoadedInputs, style: &MapStyle, pane: &Pane, date: Date) -> (LabelLayout, MapLayout) {
    let scene = MapScene {
        scenario: &data.scenario,
        geometry: &data.geometry,
        track: pane.track,
        date,
        view: MapView::HOME,
        style,
        layers: pane.layers,
        background: true,
        hovered_feature: None,
        effects: &pane.effects,
    };
    let mut pixmap = tiny_skia::Pixmap::new(8, 8).unwrap();
    let mut engine = TextEngine::new();
    engine.begin_frame(style.theme);
    let mut cache = LabelLayoutCache::default();
    let layout = paint_map(
        &scene,
        pane.rect,
        &mut CpuCanvas::new(&mut pixmap, &mut engine, 1.0),
        Some(&mut cache),
    );
    (cache.layout().cloned().unwrap(), layout)
}

/// Every text `pane` paints on `date` through the map widget, with its
/// font size.
fn texts_of(data: &LoadedInputs, style: &MapStyle, pane: &Pane, date: Date) -> Vec<(String, Rect, f32)> {
    let ctx = Context::default();
    let input = RawInput {
        screen_rect: Some(pane.rect),
        ..RawInput::default()
    };
    let mut view = MapView::HOME;
    let mut output = ctx.run_ui(input, |ui| {
        let mut child = ui.new_child(egui::UiBuilder::new().max_rect(pane.rect));
        MapWidget {
            scenario: &data.scenario,
            geometry: &data.geometry,
            track: pane.track,
            date,
            style,
            layers: pane.layers,
            background: true,
            effects: &pane.effects,
            greyscale: false,
            compare_with: None,
        }
        .ui(&mut child, &mut view);
    });
    output.textures_delta.clear();
    let shapes: Vec<Shape> = output.shapes.into_iter().map(|clipped| clipped.shape).collect();
    let mut found = Vec::new();
    collect_texts(&shapes, &mut found);
    found
}

fn collect_texts(shapes: &[Shape], found: &mut Vec<(String, Rect, f32)>) {
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
            Shape::Vec(inner) => collect_texts(inner, found),
            _ => {}
        }
    }
}

/// The windows looked at: 1024×768 single and compared, on the record's
/// last days and after it.
fn windows_1024() -> Vec<(String, Harness<'static, DrawdownApp>)> {
    let mut found = Vec::new();
    for day in ["2026-03-12", "2026-12-07"] {
        for compare in [false, true] {
            let mut app = app_at(day, 1);
            if compare {
                let _ = app.apply(drawdown::LookCommand::ToggleCompare.into());
            }
            found.push((format!("{day}, compare {compare}"), window(app, [1024.0, 768.0])));
        }
    }
    found
}

#[test]
fn at_1024_by_768_every_label_chip_and_panel_text_on_the_window_map_is_at_least_the_legible_minimum() {
    let style = MapStyle::for_theme(Theme::Light);
    for (name, h) in windows_1024() {
        let data = h.state().data();
        let day = h.state().date();
        for (i, pane) in panes(&h).iter().enumerate() {
            let (labels, _) = labels_of(data, &style, pane, day);
            let boxes = labels.boxes();
            for kind in [LabelKind::Region, LabelKind::Chip, LabelKind::City, LabelKind::Base] {
                assert!(
                    boxes.iter().any(|b| b.kind == kind),
                    "{name}, map {i}: no {kind:?} label at all"
                );
            }
            for b in &boxes {
                assert!(
                    b.size_pt >= MIN_TEXT_PT && b.rect.height() >= MIN_TEXT_PT,
                    "{name}, map {i}: {:?} {:?} at {} pt in {:?}",
                    b.kind,
                    b.text,
                    b.size_pt,
                    b.rect
                );
            }
            for (text, _, size) in texts_of(data, &style, pane, day) {
                assert!(size >= MIN_TEXT_PT, "{name}, map {i}: {text:?} at {size} pt");
            }
        }
    }
}

#[test]
fn both_maps_of_a_comparison_share_one_scale_and_draw_a_base_at_the_same_offset_in_their_pane() {
    let style = MapStyle::for_theme(Theme::Light);
    // With the chart (each map wide and short), without it (each map
    // narrow: the legend is a band under the right one), and full HD.
    for (size, chart) in [([1024.0, 768.0], true), ([1024.0, 768.0], false), ([1920.0, 1080.0], true)] {
        let mut app = app_at("2026-03-12", 1);
        let _ = app.apply(drawdown::LookCommand::ToggleCompare.into());
        if !chart {
            let _ = app.apply(drawdown::LookCommand::TogglePanel(drawdown::Panel::Chart).into());
        }
        let h = window(app, size);
        let data = h.state().data();
        let panes = panes(&h);
        let [(_, left), (_, right)] = [&panes[0], &panes[1]].map(|pane| labels_of(data, &style, pane, h.state().date()));
        let name = format!("{size:?}, chart {chart}");
        assert!(left.legend_box.is_none() && right.legend_box.is_some(), "{name}: one legend, on the right");
        let (lf, rf) = (left.fit_rect, right.fit_rect);
        assert!(
            (lf.size() - rf.size()).length() < 0.5 && (lf.top() - rf.top()).abs() < 0.5,
            "{name}: the left map is fitted in {lf:?}, the right in {rf:?}"
        );
        let qasrak = data.scenario.place(data.scenario.place_idx("qasrak").unwrap());
        let [l, r] = [(&left, &panes[0]), (&right, &panes[1])].map(|(layout, pane)| {
            let at = layout
                .screen_from_world(&MapView::HOME, &data.geometry)
                .screen_from_world(data.geometry.world_from_lonlat(qasrak.lon, qasrak.lat));
            at - pane.rect.min
        });
        assert!(
            (l - r).length() < 0.5,
            "{name}: Qasrak is drawn at {l:?} from the left pane's corner, {r:?} from the right's"
        );
    }
}

/// The boxes and texts of `callouts` over `pane` at the home view, as
/// the window paints them over a map laid out as `layout`.
fn callouts_of(
    data: &LoadedInputs,
    style: &MapStyle,
    pane: &Pane,
    layout: &MapLayout,
    callouts: Vec<Callout>,
) -> (Vec<Rect>, Vec<(String, Rect, f32)>) {
    let ctx = Context::default();
    let input = RawInput {
        screen_rect: Some(pane.rect),
        ..RawInput::default()
    };
    let furniture = Furniture {
        callouts,
        ..Furniture::default()
    };
    let to_screen = layout.screen_from_world(&MapView::HOME, &data.geometry);
    let mut boxes = Vec::new();
    let mut output = ctx.run_ui(input, |ui| {
        let painter = ui.painter().clone();
        let mut canvas = EguiCanvas {
            painter: &painter,
            cache: None,
        };
        boxes = furniture.paint_callouts(&data.geometry, &to_screen, pane.rect, style, &mut canvas);
    });
    output.textures_delta.clear();
    let shapes: Vec<Shape> = output.shapes.into_iter().map(|clipped| clipped.shape).collect();
    let mut texts = Vec::new();
    collect_texts(&shapes, &mut texts);
    (boxes, texts)
}

#[test]
fn a_callout_is_as_large_as_the_place_names_as_wide_as_its_text_and_clear_of_the_title_legend_and_source_line() {
    let style = MapStyle::for_theme(Theme::Light);
    let callouts = || {
        vec![
            Callout {
                text: "Qasrak: reinforced again 11 Mar".to_owned(),
                lonlat: [40.558, 36.715],
            },
            Callout {
                text: "Al-Tanf: handed to Syria, 11 Feb".to_owned(),
                lonlat: [38.595, 33.523],
            },
        ]
    };
    for size in [[1920.0, 1080.0], [1024.0, 768.0]] {
        let mut app = app_at("2026-03-11", 1);
        let _ = app.apply(drawdown::LookCommand::ToggleCompare.into());
        let h = window(app, size);
        let data = h.state().data();
        for (i, pane) in panes(&h).iter().enumerate() {
            let name = format!("{size:?}, map {i}");
            let (labels, layout) = labels_of(data, &style, pane, h.state().date());
            let city_pt = labels
                .boxes()
                .iter()
                .filter(|b| matches!(b.kind, LabelKind::City | LabelKind::Base))
                .map(|b| b.size_pt)
                .fold(MIN_TEXT_PT, f32::max);
            let (boxes, texts) = callouts_of(data, &style, pane, &layout, callouts());
            assert_eq!(boxes.len(), 2, "{name}: both callouts");
            let footer = Rect::from_min_max(
                egui::pos2(layout.rect.left(), layout.rect.bottom() - 3.0 * layout.unit),
                layout.rect.max,
            );
            for b in &boxes {
                for (what, avoid) in [("title block", layout.title_box), ("legend", layout.legend_box), ("source line", Some(footer))] {
                    if let Some(avoid) = avoid {
                        assert!(!b.intersects(avoid), "{name}: a callout {b:?} over the {what} {avoid:?}");
                    }
                }
            }
            for callout in callouts() {
                let (_, rect, pt) = texts
                    .iter()
                    .find(|(text, _, _)| *text == callout.text)
                    .unwrap_or_else(|| panic!("{name}: {:?} not painted in {texts:?}", callout.text));
                assert!(*pt >= city_pt, "{name}: {:?} at {pt} pt, place names at {city_pt}", callout.text);
                // Full HD has room for one row; half of a 1024-wide
                // window wraps, into two rows of about equal width.
                let rows = if size[0] > 1900.0 { 1.6 } else { 2.6 };
                assert!(rect.height() < rows * *pt, "{name}: {:?} wraps: {rect:?} at {pt} pt", callout.text);
            }
        }
    }
}

#[test]
fn at_1024_by_768_the_title_blocks_date_is_one_row() {
    let style = MapStyle::for_theme(Theme::Light);
    // The longest month, and the zoomed stop's day of the checker's brief.
    for day in ["2025-09-30", "2026-02-15"] {
        for compare in [false, true] {
            let mut app = app_at(day, 1);
            if compare {
                let _ = app.apply(drawdown::LookCommand::ToggleCompare.into());
            }
            let h = window(app, [1024.0, 768.0]);
            let data = h.state().data();
            let long = drawdown::date_format::long(h.state().date());
            for (i, pane) in panes(&h).iter().enumerate() {
                let texts = texts_of(data, &style, pane, h.state().date());
                let (_, rect, pt) = texts
                    .iter()
                    .find(|(text, _, _)| *text == long)
                    .unwrap_or_else(|| panic!("{day}, compare {compare}, map {i}: no {long:?} in {texts:?}"));
                assert!(
                    rect.height() < 1.6 * *pt,
                    "{day}, compare {compare}, map {i}: {long:?} wraps: {rect:?} at {pt} pt"
                );
            }
        }
    }
}

#[test]
fn at_1024_by_768_the_legend_lists_every_status_and_base_marker_on_the_map() {
    let style = MapStyle::for_theme(Theme::Light);
    for (name, h) in windows_1024() {
        let data = h.state().data();
        let scenario = &data.scenario;
        let day = h.state().date();
        let panes = panes(&h);
        let legend_pane = panes.last().unwrap();
        let texts: Vec<String> = texts_of(data, &style, legend_pane, day)
            .into_iter()
            .map(|(text, _, _)| text)
            .collect();
        assert!(texts.iter().any(|t| t == "Bases"), "{name}: no Bases section in {texts:?}");
        // Every status a shown map's regions or named bases have.
        let marks: Vec<drawdown::MapMarks> = panes
            .iter()
            .map(|pane| drawdown::MapMarks::of(scenario, pane.track, day))
            .collect();
        for mark in &marks {
            let statuses = mark
                .regions
                .iter()
                .flat_map(|r| [r.status, r.last_reported])
                .chain(mark.bases.iter().filter(|(_, b)| !b.unnamed).flat_map(|(_, b)| [b.status, b.last_reported]))
                .flatten();
            for status in statuses {
                let label = &scenario.status(status).label;
                assert!(texts.contains(label), "{name}: {label:?} not in the legend {texts:?}");
            }
            // Each base marker kind on the map, named as the marker says it.
            for (_, base) in mark.bases.iter().filter(|(_, b)| !b.unnamed) {
                if let Some(status) = drawdown::marker_status(base) {
                    let status = scenario.status(status);
                    let shape = drawdown::BaseShape::of_status(status);
                    let named = scenario
                        .statuses
                        .iter()
                        .filter(|s| drawdown::BaseShape::of_status(s) == shape)
                        .any(|s| texts.iter().any(|t| t == s.label_for(drawdown::PlaceKind::Base)));
                    assert!(named, "{name}: no legend row for a {shape:?} base marker in {texts:?}");
                }
            }
            if mark.bases.iter().any(|(_, b)| b.unnamed && b.status.is_some()) {
                assert!(texts.iter().any(|t| t == "Not named in this track"), "{name}: {texts:?}");
            }
        }
    }
}
