//! The map's layers as one list: every layer draws something and hiding
//! it takes only that away; the View menu, the settings file, the export
//! dialog and the clipboard copy all go by the window's layers; the
//! window's panels are apart from them.

use drawdown::{
    Effect, ExportCommand, ExportOptions, LayerSet, LookCommand, MapLayer, MapView, Panel, Settings, Theme,
    TrackLayout, clipboard_image, render_rgba,
};
use egui_kittest::kittest::Queryable as _;

use crate::support::{data, date, harness};

fn small(layers: LayerSet) -> ExportOptions {
    ExportOptions {
        size_px: [800, 450],
        layers,
        ..ExportOptions::default()
    }
}

#[test]
fn every_layer_draws_something_of_its_own() {
    let reported = data().scenario.track_idx("reported").unwrap();
    // Incidents around the date, bases and cities on the map.
    let on = date("2026-03-02");
    let render = |layers| render_rgba(data(), reported, on, &small(layers)).unwrap().pixels;
    let all = render(LayerSet::all());
    for layer in MapLayer::ALL {
        let without = render(LayerSet::all().with(layer, false));
        let changed = all.chunks(4).zip(without.chunks(4)).filter(|(a, b)| a != b).count();
        assert!(changed > 20, "{layer}: {changed} pixels differ");
    }
    let nothing = render(LayerSet::NONE);
    let alone = render(LayerSet::NONE.with(MapLayer::Legend, true));
    assert!(nothing != alone, "a layer draws on the bare map too");
}

#[test]
fn a_copy_of_the_map_leaves_out_the_bases_the_window_hides() {
    let mut h = harness("2025-12-01", 1);
    let _ = h.state_mut().apply(LookCommand::ToggleLayer(MapLayer::Bases).into());
    let effects = h.state_mut().apply(ExportCommand::CopyImage.into());
    assert_eq!(effects.len(), 1);
    let Some(Effect::CopyImage(copied)) = effects.first() else {
        panic!("no image copied")
    };
    let app = h.state();
    let tracks = TrackLayout::Single(app.track());
    let render = |layers| clipboard_image(app.data(), tracks, app.date(), Theme::Light, layers, None).unwrap();
    assert!(
        *copied == render(LayerSet::default().with(MapLayer::Bases, false)),
        "the window's layers"
    );
    assert!(*copied != render(LayerSet::default()), "bases hidden");
}

#[test]
fn the_export_dialog_starts_from_the_windows_layers_and_panels() {
    let mut h = harness("2026-02-13", 1);
    let _ = h
        .state_mut()
        .apply(LookCommand::ToggleLayer(MapLayer::Incidents).into());
    let _ = h.state_mut().apply(LookCommand::TogglePanel(Panel::Troops).into());
    assert!(h.state().shown_layers().contains(MapLayer::TroopLevels));
    assert!(
        !h.state().layers().contains(MapLayer::TroopLevels),
        "the window shows the troop levels in its panel, not on the map"
    );
    let _ = h.state_mut().apply(ExportCommand::Open.into());
    h.run_steps(4);
    let layers = h.state().export_form().unwrap().options().layers;
    assert_eq!(layers, h.state().shown_layers());
    assert!(!layers.contains(MapLayer::Incidents));
    assert!(layers.contains(MapLayer::TroopLevels));
    // A checkbox for every layer.
    for layer in MapLayer::ALL {
        assert!(h.query_all_by_label(layer.label()).count() >= 1, "{layer}");
    }
    h.get_by_label(MapLayer::Sources.label()).click();
    h.run_steps(2);
    let layers = h.state().export_form().unwrap().options().layers;
    assert!(!layers.contains(MapLayer::Sources));
    assert!(
        h.state().layers().contains(MapLayer::Sources),
        "the window keeps its own"
    );
}

#[test]
fn the_view_menu_lists_every_layer_on_the_map_and_the_panels_and_switches_them() {
    let mut h = harness("2025-12-01", 1);
    h.get_by_label("View").click();
    h.run_steps(2);
    for layer in MapLayer::ALL.into_iter().filter(|l| *l != MapLayer::TroopLevels) {
        assert!(h.query_all_by_label(layer.label()).count() >= 1, "{layer}");
    }
    for panel in Panel::ALL {
        assert!(h.query_all_by_label(panel.label()).count() >= 1, "{panel:?}");
    }
    h.get_by_label(MapLayer::Title.label()).click();
    h.run_steps(2);
    assert!(!h.state().layers().contains(MapLayer::Title));
    assert!(!h.state().settings().layers.contains(MapLayer::Title), "saved");
}

/// A settings file as the app wrote it before layers were one type: the
/// panels among the layers, `region_labels` with an underscore.
const SETTINGS_BEFORE_LAYER_SETS: &str = r#"{
  "date": "2025-12-01",
  "track": "reported",
  "view": { "centre": null, "zoom": 1.0 },
  "theme": "Dark",
  "layers": {
    "cities": true,
    "bases": false,
    "incidents": true,
    "region_labels": false,
    "legend": true,
    "chart": false,
    "troops": true
  },
  "speed_days_per_sec": 30.0,
  "looping": true,
  "greyscale": false,
  "compare": true
}"#;

#[test]
fn a_settings_file_from_before_layer_sets_loads_its_layers_and_panels() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("settings.json");
    std::fs::write(&path, SETTINGS_BEFORE_LAYER_SETS).unwrap();
    let (settings, notice) = Settings::load(&path);
    assert_eq!(notice, None, "not corrupt");
    let expected = LayerSet::default()
        .with(MapLayer::Bases, false)
        .with(MapLayer::RegionLabels, false);
    assert_eq!(settings.layers, expected);
    assert!(!settings.panels.contains(Panel::Chart));
    assert!(settings.panels.contains(Panel::Troops));
    assert_eq!(settings.theme, Theme::Dark);
    assert_eq!(settings.view, MapView::HOME);
    assert!(settings.looping && settings.compare && !settings.greyscale);
    assert_eq!(settings.date.as_deref(), Some("2025-12-01"));

    // Written back in today's shape, it reads the same.
    settings.save(&path).unwrap();
    let (again, notice) = Settings::load(&path);
    assert_eq!(notice, None);
    assert_eq!(again, settings);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("\"region-labels\": false"), "{text}");
    assert!(text.contains("\"panels\""), "{text}");
}

#[test]
fn a_settings_file_missing_layers_or_some_of_them_takes_the_defaults() {
    let bare: Settings = serde_json::from_str(r#"{"date":"2025-12-01"}"#).unwrap();
    assert_eq!(bare.layers, LayerSet::default());
    assert_eq!(bare.panels, Settings::default().panels);
    let some: Settings = serde_json::from_str(r#"{"layers":{"legend":false,"a-layer-of-tomorrow":true}}"#).unwrap();
    assert_eq!(some.layers, LayerSet::default().with(MapLayer::Legend, false));
    assert!(some.panels.contains(Panel::Chart), "no panels named: the defaults");
}
