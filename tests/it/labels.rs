//! Where the map's labels go at the home view: every base named, the
//! region names and the largest cities after them, none over another or
//! over a marker, none cut at the picture's edge, in the sizes an export
//! and a window take, on every theme, alone and as half of a comparison.
//! Read from the label layout the painter keeps, not from pixels.

use drawdown::{CpuCanvas, Date, ExportOptions, LabelBox, LabelKind, LabelLayoutCache, LayerSet, LoadedInputs, MapLayout, MapScene, MapStyle, MapView, NO_EFFECTS, PlaceKind, TextEngine, Theme, TrackIdx, compare_halves, paint_map};
use drawdown::LabelLayout;
use egui::{Pos2, Rect, vec2};

const SIZES: [[u32; 2]; 3] = [[1920, 1080], [1280, 720], [1024, 768]];

/// The label layout of the home view on `date`, painted into `area`.
fn layout_of(data: &LoadedInputs, style: &MapStyle, track: TrackIdx, date: Date, area: Rect) -> LabelLayout {
    let scene = MapScene {
        scenario: &data.scenario,
        geometry: &data.geometry,
        track,
        date,
        view: MapView::HOME,
        style,
        layers: LayerSet::default(),
        background: true,
        hovered_feature: None,
        effects: &NO_EFFECTS,
    };
    // The layout does not depend on the pixels: a small pixmap is enough.
    let mut pixmap = tiny_skia::Pixmap::new(8, 8).unwrap();
    let mut engine = TextEngine::new();
    engine.begin_frame(style.theme);
    let mut cache = LabelLayoutCache::default();
    paint_map(
        &scene,
        area,
        &mut CpuCanvas::new(&mut pixmap, &mut engine, 1.0),
        Some(&mut cache),
    );
    cache.layout().cloned().expect("a label layout")
}

/// Every case: a name, the picture's size, the area and the layout there.
fn cases(data: &LoadedInputs, date: &str) -> Vec<(String, [u32; 2], Rect, LabelLayout)> {
    let date: Date = date.parse().unwrap();
    let scenario = &data.scenario;
    let mut found = Vec::new();
    for theme in Theme::ALL {
        let style = MapStyle::for_theme(theme);
        for [w, h] in SIZES {
            let opts = ExportOptions {
                size_px: [w, h],
                theme,
                ..ExportOptions::default()
            };
            let whole = opts.logical_rect();
            let name = format!("{} {w}×{h}", theme.id());
            found.push((
                name.clone(),
                [w, h],
                whole,
                layout_of(data, &style, scenario.default_track, date, whole),
            ));
            let pair = scenario.compare_pair().unwrap_or([scenario.default_track; 2]);
            for (half, (area, track)) in compare_halves(&opts).into_iter().zip(pair).enumerate() {
                found.push((
                    format!("{name}, compare half {half}"),
                    [w, h],
                    area,
                    layout_of(data, &style, track, date, area),
                ));
            }
        }
    }
    found
}

fn of_kind<'a>(boxes: &'a [LabelBox<'a>], kind: LabelKind) -> impl Iterator<Item = &'a LabelBox<'a>> {
    boxes.iter().filter(move |b| b.kind == kind)
}

#[test]
fn every_base_is_labelled_whole_at_the_home_view_in_a_1920_and_a_1280_picture_and_its_halves() {
    let data = LoadedInputs::embedded().unwrap();
    let bases: Vec<&str> = data
        .scenario
        .places
        .iter()
        .filter(|p| p.kind == PlaceKind::Base)
        .map(|p| p.name.as_str())
        .collect();
    assert!(bases.len() > 10, "the shipped scenario has many bases");
    for date in ["2026-03-12", "2025-06-01"] {
        for (name, size, _, layout) in cases(&data, date) {
            let boxes = layout.boxes();
            let labelled: Vec<&str> = of_kind(&boxes, LabelKind::Base).map(|b| b.text).collect();
            if size != [1024, 768] {
                for base in &bases {
                    assert!(
                        labelled.contains(base),
                        "{date} {name}: {base:?} unlabelled; {labelled:?}"
                    );
                }
            }
            for label in of_kind(&boxes, LabelKind::Base) {
                assert!(label.whole, "{date} {name}: {:?} elided", label.text);
                assert!(
                    bases.contains(&label.text),
                    "{date} {name}: {:?} is no base's name",
                    label.text
                );
            }
        }
    }
}

#[test]
fn erbil_and_erbil_air_base_are_both_labelled_on_every_theme_and_size() {
    let data = LoadedInputs::embedded().unwrap();
    for (name, _, _, layout) in cases(&data, "2026-03-12") {
        let boxes = layout.boxes();
        assert!(
            of_kind(&boxes, LabelKind::City).any(|b| b.text == "Erbil"),
            "{name}: no label for the city of Erbil"
        );
        assert!(
            of_kind(&boxes, LabelKind::Base).any(|b| b.text == "Erbil Air Base"),
            "{name}: no label for Erbil Air Base"
        );
    }
}

#[test]
fn no_label_overlaps_another_or_covers_a_marker_or_leaves_the_map() {
    let data = LoadedInputs::embedded().unwrap();
    let places = data.scenario.places.len();
    for date in ["2026-03-12", "2025-06-01"] {
        for (name, _, area, layout) in cases(&data, date) {
            let boxes = layout.boxes();
            let markers = layout.marker_boxes();
            assert!(
                markers.len() >= places,
                "{date} {name}: {} markers for {places} places",
                markers.len()
            );
            let map = layout.area().expect("an area");
            assert!(area.contains_rect(map), "{date} {name}: {map:?} outside {area:?}");
            for (i, a) in boxes.iter().enumerate() {
                assert!(
                    map.contains_rect(a.rect),
                    "{date} {name}: {:?} at {:?} leaves the map {map:?}",
                    a.text,
                    a.rect
                );
                for b in &boxes[i + 1..] {
                    assert!(
                        !a.rect.intersects(b.rect),
                        "{date} {name}: {:?} {:?} overlaps {:?} {:?}",
                        a.text,
                        a.rect,
                        b.text,
                        b.rect
                    );
                }
                for marker in markers {
                    assert!(
                        !a.rect.intersects(*marker),
                        "{date} {name}: {:?} {:?} covers a marker at {marker:?}",
                        a.text,
                        a.rect
                    );
                }
            }
        }
    }
}

#[test]
fn region_names_come_before_cities_and_the_largest_cities_are_named() {
    let data = LoadedInputs::embedded().unwrap();
    for (name, size, _, layout) in cases(&data, "2026-03-12") {
        let boxes = layout.boxes();
        let regions = of_kind(&boxes, LabelKind::Region).count();
        assert_eq!(regions, data.scenario.regions.len(), "{name}: every region named");
        // The 1024×768 picture is held to no overlaps and the bases; a
        // city there may give way to them.
        let cities: &[&str] = if size == [1024, 768] {
            &["Erbil"]
        } else {
            &["Baghdad", "Erbil", "Mosul"]
        };
        for city in cities {
            let label = of_kind(&boxes, LabelKind::City).find(|b| b.text == *city);
            assert!(label.is_some_and(|b| b.whole), "{name}: {city} not named whole");
        }
        for label in &boxes {
            assert!(label.whole, "{name}: {:?} elided", label.text);
        }
    }
}

#[test]
fn a_label_set_away_from_its_marker_has_a_line_to_it() {
    let data = LoadedInputs::embedded().unwrap();
    let mut leaders = 0;
    for (name, _, _, layout) in cases(&data, "2026-03-12") {
        for label in layout.boxes() {
            if let Some([from, to]) = label.leader {
                leaders += 1;
                let near = |p: Pos2, r: Rect| r.expand(1.0).contains(p);
                assert!(near(to, label.rect), "{name}: {:?}'s line ends off it", label.text);
                assert!(!near(from, label.rect), "{name}: {:?}'s line starts at it", label.text);
            }
        }
    }
    assert!(leaders > 0, "the crowded north-east needs some lines");
}

#[test]
fn base_labels_grow_more_than_the_layout_in_the_projector_theme_and_while_presenting() {
    let data = LoadedInputs::embedded().unwrap();
    let date: Date = "2026-03-12".parse().unwrap();
    let area = Rect::from_min_size(Pos2::ZERO, vec2(1920.0, 1080.0));
    let base_size = |style: &MapStyle| {
        let layout = layout_of(&data, style, data.scenario.default_track, date, area);
        let unit = MapLayout::new(area, style).unit;
        let boxes = layout.boxes();
        let size = of_kind(&boxes, LabelKind::Base)
            .map(|b| b.size_pt)
            .next()
            .expect("a base label");
        (size, size / unit)
    };
    let light = MapStyle::for_theme(Theme::Light);
    let (light_pt, light_ems) = base_size(&light);
    for (name, style) in [
        ("projector", MapStyle::for_theme(Theme::Projector)),
        ("presenting", light.presenting()),
        (
            "presenting on the projector",
            MapStyle::for_theme(Theme::Projector).presenting(),
        ),
    ] {
        let (pt, ems) = base_size(&style);
        assert!(pt > light_pt, "{name}: {pt} pt, not above light's {light_pt}");
        assert!(ems > light_ems, "{name}: {ems} units, not above light's {light_ems}");
    }
}

#[test]
fn a_silent_regions_chip_says_since_when_and_what_was_last_reported() {
    let data = LoadedInputs::embedded().unwrap();
    let reported = data.scenario.track_idx("reported").unwrap();
    let style = MapStyle::for_theme(Theme::Light);
    let area = Rect::from_min_size(Pos2::ZERO, vec2(1920.0, 1080.0));
    let chips = |date: &str| -> Vec<String> {
        let layout = layout_of(
            &data,
            &style,
            reported,
            Date::parse_from_str(date, "%Y-%m-%d").unwrap(),
            area,
        );
        of_kind(&layout.boxes(), LabelKind::Chip)
            .map(|b| {
                assert!(b.whole, "{date}: the chip {:?} is cut", b.text);
                b.text.to_owned()
            })
            .collect()
    };
    // The last day on record: each chip is a status.
    let on_record = chips("2026-03-13");
    assert!(on_record.iter().all(|c| !c.starts_with("No report")), "{on_record:?}");
    // The day after the record's end: every chip says since when its
    // region is silent, and what it said last.
    let silent = chips("2026-03-21");
    assert_eq!(silent.len(), 3, "{silent:?}");
    for chip in [
        "No report since 21 Mar — last: Coalition mission over",
        "No report since 16 Mar — last: Transition under way",
        "No report since 14 Mar — last: Transition under way",
    ] {
        assert!(silent.contains(&chip.to_owned()), "{chip}: {silent:?}");
    }
}

#[test]
fn no_marker_or_label_lies_under_a_title_block_alone_or_compared() {
    use drawdown::MapEffects;
    let data = LoadedInputs::embedded().unwrap();
    let scenario = &data.scenario;
    let [plan, record] = scenario.compare_pair().unwrap();
    let mut checked = 0;
    // A milestone on the record's side makes its title block the tallest:
    // track, date, the record's currency, the phase and the milestone.
    for (theme, date) in Theme::ALL
        .into_iter()
        .flat_map(|t| ["2026-02-21", "2026-03-12", "2025-06-01", "2026-12-07"].map(|d| (t, d)))
    {
        let style = MapStyle::for_theme(theme);
        let date: Date = date.parse().unwrap();
        for [w, h] in [[1920, 1080], [1024, 768]] {
            let opts = ExportOptions {
                size_px: [w, h],
                ..ExportOptions::default()
            };
            let alone = (opts.logical_rect(), scenario.default_track, NO_EFFECTS.clone());
            let halves = compare_halves(&opts);
            let compared = [
                (halves[0], plan, MapEffects::comparing(scenario, plan, record, date)),
                (halves[1], record, MapEffects::comparing(scenario, record, plan, date)),
            ];
            for (i, (area, track, effects)) in std::iter::once(alone).chain(compared).enumerate() {
                let scene = MapScene {
                    scenario,
                    geometry: &data.geometry,
                    track,
                    date,
                    view: MapView::HOME,
                    style: &style,
                    layers: LayerSet::default(),
                    background: true,
                    hovered_feature: None,
                    effects: &effects,
                };
                let mut pixmap = tiny_skia::Pixmap::new(8, 8).unwrap();
                let mut engine = TextEngine::new();
                engine.begin_frame(style.theme);
                let mut cache = LabelLayoutCache::default();
                let painted = paint_map(
                    &scene,
                    area,
                    &mut CpuCanvas::new(&mut pixmap, &mut engine, 1.0),
                    Some(&mut cache),
                );
                let name = format!("{} {date} {w}×{h} {}", theme.id(), ["alone", "compare left", "compare right"][i]);
                let title = painted.title_box.unwrap_or_else(|| panic!("{name}: no title block"));
                let labels = cache.layout().cloned().unwrap();
                for marker in labels.marker_boxes() {
                    assert!(!title.intersects(*marker), "{name}: a marker at {marker:?} under the title {title:?}");
                }
                for label in labels.boxes() {
                    assert!(
                        !title.intersects(label.rect),
                        "{name}: {:?} at {:?} under the title {title:?}",
                        label.text,
                        label.rect
                    );
                }
                checked += labels.marker_boxes().len();
            }
        }
    }
    assert!(checked > 200, "{checked} markers");
}

#[test]
fn a_place_label_at_each_edge_of_the_picture_stays_inside_it() {
    let data = LoadedInputs::embedded().unwrap();
    let scenario = &data.scenario;
    let style = MapStyle::for_theme(Theme::Light);
    let home = data.geometry.bounds;
    let date: Date = "2026-03-12".parse().unwrap();
    for [w, h] in [[1920, 1080], [1024, 768], [480, 270]] {
        let opts = ExportOptions {
            size_px: [w, h],
            ..ExportOptions::default()
        };
        let picture = opts.logical_rect();
        let fit = MapLayout::new(picture, &style).fit_rect;
        let u = MapLayout::new(picture, &style).unit;
        for name in ["Basra", "Aleppo", "Al-Tanf garrison", "Erbil Air Base"] {
            let place = scenario.places.iter().find(|p| p.name == name).unwrap();
            let world = data.geometry.world_from_lonlat(place.lon, place.lat);
            // The place's marker this far inside each edge of the map, and
            // just outside it (in the margin, at the picture's edge).
            for inset in [0.4 * u, 1.5 * u, -1.2 * u] {
                for at in [
                    egui::pos2(fit.left() + inset, fit.center().y),
                    egui::pos2(fit.right() - inset, fit.center().y),
                    egui::pos2(fit.center().x, fit.top() + inset),
                    egui::pos2(fit.center().x, fit.bottom() - inset),
                ] {
                    let zoom = 4.0;
                    let scale = drawdown::ScreenFromWorld::fit(home, fit).scale * zoom;
                    let centre = [world.x - (at.x - fit.center().x) / scale, world.y + (at.y - fit.center().y) / scale];
                    let view = MapView { centre: Some(centre), zoom };
                    let shown = view.screen_from_world(home, fit).screen_from_world(world);
                    assert!(shown.distance(at) < 0.01, "{shown:?} {at:?}");
                    let scene = MapScene {
                        scenario,
                        geometry: &data.geometry,
                        track: scenario.default_track,
                        date,
                        view,
                        style: &style,
                        layers: LayerSet::default(),
                        background: true,
                        hovered_feature: None,
                        effects: &NO_EFFECTS,
                    };
                    let mut pixmap = tiny_skia::Pixmap::new(8, 8).unwrap();
                    let mut engine = TextEngine::new();
                    engine.begin_frame(style.theme);
                    let mut cache = LabelLayoutCache::default();
                    paint_map(&scene, picture, &mut CpuCanvas::new(&mut pixmap, &mut engine, 1.0), Some(&mut cache));
                    let layout = cache.layout().cloned().unwrap();
                    let boxes = layout.boxes();
                    let case = format!("{w}×{h}: {name} at {at:?}");
                    for label in &boxes {
                        assert!(picture.contains_rect(label.rect), "{case}: {:?} at {:?} runs off", label.text, label.rect);
                    }
                    if inset > 0.0 {
                        // On the map: labelled, on its other side if need be.
                        let own = boxes.iter().find(|b| b.text == name);
                        let own = own.unwrap_or_else(|| panic!("{case}: unlabelled"));
                        assert!(own.whole, "{case}: elided");
                    } else {
                        // Off it: no label points at it from the map.
                        assert!(boxes.iter().all(|b| b.text != name), "{case}: labelled off the map");
                    }
                }
            }
        }
    }
}

#[test]
fn on_a_zoomed_stop_only_the_places_on_the_shown_map_are_labelled() {
    let data = LoadedInputs::embedded().unwrap();
    let scenario = &data.scenario;
    let style = MapStyle::for_theme(Theme::Light);
    let date: Date = "2026-02-15".parse().unwrap();
    // The checker's zoomed stop: north-east Syria and the Kurdistan Region.
    let zoom = drawdown::GeoBox {
        west: 38.041,
        south: 34.488,
        east: 46.366,
        north: 38.187,
    };
    for [w, h] in [[1920, 1080], [1024, 768]] {
        let opts = ExportOptions {
            size_px: [w, h],
            ..ExportOptions::default()
        };
        let picture = opts.logical_rect();
        let map = MapLayout::new(picture, &style);
        let view = MapView::framing(&zoom, |lon, lat| data.geometry.world_from_lonlat(lon, lat), data.geometry.bounds, map.fit_rect);
        let scene = MapScene {
            scenario,
            geometry: &data.geometry,
            track: scenario.track_idx("reported").unwrap(),
            date,
            view,
            style: &style,
            layers: LayerSet::default(),
            background: true,
            hovered_feature: None,
            effects: &NO_EFFECTS,
        };
        let mut pixmap = tiny_skia::Pixmap::new(8, 8).unwrap();
        let mut engine = TextEngine::new();
        engine.begin_frame(style.theme);
        let mut cache = LabelLayoutCache::default();
        paint_map(&scene, picture, &mut CpuCanvas::new(&mut pixmap, &mut engine, 1.0), Some(&mut cache));
        let labels = cache.layout().cloned().unwrap();
        let area = labels.area().unwrap();
        let to_screen = map.screen_from_world(&view, &data.geometry);
        let mut named = Vec::new();
        for label in labels.boxes().iter().filter(|b| matches!(b.kind, LabelKind::City | LabelKind::Base)) {
            let place = scenario.places.iter().find(|p| p.name == label.text).unwrap();
            let at = to_screen.screen_from_world(data.geometry.world_from_lonlat(place.lon, place.lat));
            assert!(area.contains(at), "{w}×{h}: {:?} labelled, its marker at {at:?} off the map {area:?}", label.text);
            named.push(label.text.to_string());
        }
        for name in ["Qasrak", "Hemo", "Al-Shaddadi"] {
            assert!(named.iter().any(|n| n == name), "{w}×{h}: {name} unlabelled in {named:?}");
        }
    }
}
