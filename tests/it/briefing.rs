//! Briefing mode driven headless: every presenter key, playback, compare,
//! change captions, settings and reloads. State is asserted after each key.

use crate::support::{date, harness, harness_with};
use drawdown::{
    Command, DrawdownApp, Effect, FileKind, LoadCommand, LoadedInputs, LookCommand, MapLayer, OverlayCommand, Panel,
    Settings, Sources, StartOptions, Theme, TimeCommand, TrackIdx,
};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn press(harness: &mut Harness<'_, DrawdownApp>, key: Key) {
    harness.key_press(key);
    harness.run_steps(2);
}

#[test]
fn space_plays_and_pauses_and_the_date_advances_with_time() {
    let mut h = harness("2020-01-01", 0);
    press(&mut h, Key::Space);
    assert!(h.state().playback().playing);
    let before = h.state().date();
    // Playback follows frame time: kittest steps 1/60 s per frame.
    h.run_steps(30);
    let after = h.state().date();
    assert!(after > before, "{before} -> {after}");
    press(&mut h, Key::Space);
    assert!(!h.state().playback().playing);
    let paused = h.state().date();
    h.run_steps(30);
    assert_eq!(h.state().date(), paused, "paused playback does not move");
}

#[test]
fn shift_space_plays_backwards_and_l_loops() {
    let mut h = harness("2020-01-01", 0);
    h.key_press_modifiers(Modifiers::SHIFT, Key::Space);
    h.run_steps(2);
    assert!(h.state().playback().backwards);
    press(&mut h, Key::Space);
    h.run_steps(30);
    assert!(h.state().date() < date("2020-01-01"));
    press(&mut h, Key::L);
    assert!(h.state().playback().looping);
}

#[test]
fn bracket_keys_step_milestones_like_page_keys() {
    let mut h = harness("2024-09-01", 0);
    press(&mut h, Key::CloseBracket);
    assert_eq!(h.state().date(), date("2024-09-27"));
    press(&mut h, Key::OpenBracket);
    assert_eq!(h.state().date(), date("2023-10-17"));
}

#[test]
fn f5_and_f11_toggle_presentation_mode_and_esc_leaves_it() {
    let mut h = harness("2025-10-01", 0);
    press(&mut h, Key::F5);
    assert!(h.state().is_presenting());
    // Chrome is hidden: no track selector, only the map and the slim timeline.
    assert!(h.query_by_label("Reported").is_none());
    h.get_by_label("Date");
    press(&mut h, Key::Escape);
    assert!(!h.state().is_presenting());
    h.get_by_label("Reported");
    press(&mut h, Key::F11);
    assert!(h.state().is_presenting());
    press(&mut h, Key::F11);
    assert!(!h.state().is_presenting());
}

#[test]
fn b_blacks_out_the_screen_and_keys_still_work() {
    let mut h = harness("2025-10-01", 0);
    press(&mut h, Key::F5);
    press(&mut h, Key::B);
    assert!(h.state().is_black_screen());
    press(&mut h, Key::PageDown);
    assert!(h.state().date() > date("2025-10-01"), "clicker still moves the date");
    press(&mut h, Key::Escape);
    assert!(!h.state().is_black_screen(), "Esc first lifts the black screen");
    assert!(h.state().is_presenting(), "and only then leaves presentation mode");
    press(&mut h, Key::B);
    press(&mut h, Key::B);
    assert!(!h.state().is_black_screen());
}

#[test]
fn questionmark_opens_the_help_overlay_listing_the_keys() {
    let mut h = harness("2025-10-01", 0);
    press(&mut h, Key::Questionmark);
    assert!(h.state().is_help_open());
    h.get_by_label("Keyboard shortcuts");
    h.get_by_label("presentation mode (full screen)");
    h.get_by_label("next stop: the story's, else milestone, record's end, today (clicker: next)");
    press(&mut h, Key::Escape);
    assert!(!h.state().is_help_open());
}

#[test]
fn g_goes_to_a_typed_date() {
    let mut h = harness("2025-10-01", 0);
    press(&mut h, Key::G);
    assert!(h.state().is_goto_open());
    let field = h.get_by_label("Go to date");
    field.focus();
    field.type_text("");
    h.run_steps(2);
    // Replace the proposed text with a new date.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Go to date").type_text("2026-01-18");
    h.run_steps(2);
    press(&mut h, Key::Enter);
    assert!(!h.state().is_goto_open());
    assert_eq!(h.state().date(), date("2026-01-18"));
}

#[test]
fn g_with_a_bad_date_says_why_and_keeps_the_date() {
    let mut h = harness("2025-10-01", 0);
    press(&mut h, Key::G);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Go to date").type_text("2030-01-01");
    h.run_steps(2);
    press(&mut h, Key::Enter);
    assert!(h.state().is_goto_open());
    h.get_by_label_contains("outside 2014-08-01..2027-06-30");
    assert_eq!(h.state().date(), date("2025-10-01"));
    press(&mut h, Key::Escape);
    assert!(!h.state().is_goto_open());
}

#[test]
fn typing_in_the_goto_box_does_not_trigger_global_keys() {
    let mut h = harness("2025-10-01", 0);
    press(&mut h, Key::G);
    h.get_by_label("Go to date").type_text("T");
    h.run_steps(2);
    assert_eq!(
        h.state().track(),
        TrackIdx(0),
        "T typed into the box must not switch track"
    );
}

#[test]
fn c_compares_both_tracks_in_two_maps_marking_disagreement() {
    let mut h = harness("2025-12-01", 0);
    press(&mut h, Key::C);
    assert!(h.state().is_comparing());
    let maps = h.get_all_by_label_contains("Map, ").count();
    assert_eq!(maps, 2, "announced | reported");
    h.get_by_label_contains("Announced plan: Federal Iraq — Coalition mission over");
    h.get_by_label_contains("Reported: Federal Iraq — Transition under way");
    press(&mut h, Key::C);
    assert_eq!(h.get_all_by_label_contains("Map, ").count(), 1);
}

#[test]
fn crossing_a_boundary_captions_what_changed() {
    let mut h = harness("2025-09-30", 0);
    assert_eq!(h.state().change_caption(), None);
    press(&mut h, Key::ArrowRight);
    let caption = h.state().change_caption().unwrap();
    assert_eq!(
        caption,
        "Federal Iraq: Transition under way » Coalition mission over; \
         Kurdistan Region: Coalition military mission » Support for operations in Syria (Announced plan)"
    );
    press(&mut h, Key::ArrowRight);
    assert_eq!(
        h.state().change_caption(),
        None,
        "the caption belongs to the boundary's date"
    );
}

#[test]
fn crossing_a_base_handover_captions_the_base() {
    // 11 Feb 2026 on the reported track: al-Tanf is handed over; no
    // region changes status that day.
    let mut h = harness("2026-02-10", 1);
    assert_eq!(h.state().data().scenario.track(TrackIdx(1)).id, "reported");
    press(&mut h, Key::ArrowRight);
    assert_eq!(h.state().date(), date("2026-02-11"));
    assert_eq!(
        h.state().change_caption().as_deref(),
        Some("Al-Tanf garrison: Handed over or vacated (Reported)")
    );
}

#[test]
fn when_the_record_ends_the_caption_counts_the_bases_and_names_the_regions() {
    // Syria's record ends on 13 March 2026, with six of its bases'.
    let mut h = harness("2026-03-13", 1);
    press(&mut h, Key::ArrowRight);
    let caption = h.state().change_caption().unwrap();
    assert!(
        caption.starts_with("Syria: Transition under way » No report; "),
        "{caption}"
    );
    assert!(caption.contains(" bases: No report"), "counted, not listed: {caption}");
    assert!(!caption.contains("Al-Tanf"), "{caption}");
}

#[test]
fn a_base_that_follows_its_region_is_not_named_twice() {
    // On the announced track every base follows its region: the caption
    // of 1 Oct 2025 names the regions only (see above), and a date where
    // no region changes says nothing.
    let mut h = harness("2025-09-30", 0);
    press(&mut h, Key::ArrowRight);
    let caption = h.state().change_caption().unwrap();
    assert!(
        !caption.contains("Ain al-Asad") && !caption.contains("bases"),
        "{caption}"
    );
}

#[test]
fn settings_are_saved_atomically_and_restored() {
    let dir = std::env::temp_dir().join(format!("drawdown-settings-{}", std::process::id()));
    let path = dir.join("nested").join("settings.json");
    let app = DrawdownApp::new(
        LoadedInputs::embedded().unwrap(),
        StartOptions {
            date: Some(date("2025-12-01")),
            track: Some(TrackIdx(1)),
        },
    )
    .with_settings_file(Some(path.clone()));
    let mut h = harness_with(app);
    press(&mut h, Key::L);
    h.state_mut().apply(LookCommand::SetTheme(Theme::Projector).into());
    h.state_mut().apply(TimeCommand::SetSpeed(7.0).into());
    // Saved at most once a second: let a second of frames pass.
    h.run_steps(90);
    let (restored, notice) = Settings::load(&path);
    assert_eq!(notice, None);
    let entries: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
    assert_eq!(entries.len(), 1, "no temporary file left beside settings.json");
    let app = DrawdownApp::with_settings(LoadedInputs::embedded().unwrap(), StartOptions::default(), restored);
    assert_eq!(app.date(), date("2025-12-01"));
    assert_eq!(app.track(), TrackIdx(1));
    assert_eq!(app.theme(), Theme::Projector);
    assert!(app.playback().looping);
    assert!((app.playback().speed_days_per_sec - 7.0).abs() < 1e-9);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_corrupt_settings_file_gives_defaults_and_says_so() {
    let dir = std::env::temp_dir().join(format!("drawdown-settings-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("settings.json");
    std::fs::write(&path, "{ \"date\": 12, ").unwrap();
    let (settings, notice) = Settings::load(&path);
    assert_eq!(settings, Settings::default());
    assert!(notice.unwrap().contains("settings ignored"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn stale_settings_are_checked_not_trusted() {
    let settings = Settings {
        date: Some("2099-13-45".into()),
        track: Some("no-such-track".into()),
        ..Settings::default()
    };
    let app = DrawdownApp::with_settings(LoadedInputs::embedded().unwrap(), StartOptions::default(), settings);
    // An unknown saved track gives the scenario's default track.
    assert_eq!(app.track(), app.data().scenario.default_track);
    assert_eq!(app.track(), TrackIdx(1), "the shipped scenario's \"reported\"");
    assert!(app.data().scenario.range.contains(app.date()));
}

#[test]
fn an_invalid_edit_of_a_watched_scenario_shows_the_error_and_keeps_the_last_good_data() {
    let dir = std::env::temp_dir().join(format!("drawdown-watch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("scenario.toml");
    std::fs::write(&path, drawdown::DEFAULT_SCENARIO_TOML).unwrap();
    let data = LoadedInputs::load(&Sources {
        scenario: Some(path.clone()),
        regions: None,
    })
    .unwrap();
    let mut h = harness_with(DrawdownApp::new(
        data,
        StartOptions {
            date: Some(date("2025-10-01")),
            track: Some(TrackIdx(0)),
        },
    ));
    // An edit that breaks the file: the banner names file:line:column.
    let broken = drawdown::DEFAULT_SCENARIO_TOML.replace("status = \"ended\"", "status = \"over\"");
    std::fs::write(&path, broken).unwrap();
    h.state_mut().apply(LoadCommand::Reload.into());
    h.state_mut().wait_for_load();
    h.run_steps(2);
    let error = h.state().error().unwrap().to_owned();
    assert!(error.starts_with(&format!("{}:", path.display())), "{error}");
    assert!(error.contains("\"over\""), "{error}");
    // Each error on a line of its own in the banner.
    let unknown = error.lines().filter(|l| l.contains("unknown status")).count();
    assert!(unknown >= 1, "{error}");
    assert_eq!(h.get_all_by_label_contains("unknown status").count(), unknown);
    h.get_by_label_contains("Map, 1 October 2025, Announced plan: Federal Iraq — Coalition mission over");
    // Fixing the file clears the banner.
    std::fs::write(&path, drawdown::DEFAULT_SCENARIO_TOML).unwrap();
    h.state_mut().apply(LoadCommand::Reload.into());
    h.state_mut().wait_for_load();
    h.run_steps(2);
    assert_eq!(h.state().error(), None);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn loading_a_missing_file_keeps_the_data_and_names_the_file() {
    let mut h = harness("2025-10-01", 0);
    h.state_mut()
        .apply(LoadCommand::File(FileKind::Regions, "/nonexistent/regions.geojson".into()).into());
    h.state_mut().wait_for_load();
    h.run_steps(2);
    assert_eq!(h.state().error(), Some("/nonexistent/regions.geojson: no such file"));
    assert_eq!(h.state().data().geometry.features.len(), 33);
}

#[test]
fn layer_toggles_and_greyscale_change_state() {
    let mut h = harness("2025-10-01", 0);
    h.state_mut().apply(LookCommand::ToggleGreyscale.into());
    h.state_mut().apply(LookCommand::ToggleLayer(MapLayer::Bases).into());
    h.run_steps(2);
    assert!(h.state().is_greyscale());
    assert!(!h.state().layers().contains(MapLayer::Bases));
}

/// The map leaves the sea to the window's clear colour (a layer of
/// fragments less per frame), so that colour must be the theme's sea, in
/// grey under the greyscale preview.
#[test]
fn the_window_is_cleared_to_the_sea_of_the_theme_and_preview() {
    use drawdown::MapStyle;
    use drawdown::grey;
    use eframe::App as _;
    let mut h = harness("2025-10-01", 0);
    let sea = |theme| MapStyle::for_theme(theme).sea;
    let cleared = |h: &Harness<'_, DrawdownApp>| h.state().clear_color(&egui::Visuals::light());
    assert_eq!(cleared(&h), sea(Theme::Light).to_normalized_gamma_f32());
    h.state_mut().apply(LookCommand::SetTheme(Theme::Dark).into());
    assert_eq!(cleared(&h), sea(Theme::Dark).to_normalized_gamma_f32());
    h.state_mut().apply(LookCommand::ToggleGreyscale.into());
    assert_ne!(grey(sea(Theme::Dark)), sea(Theme::Dark));
    assert_eq!(cleared(&h), grey(sea(Theme::Dark)).to_normalized_gamma_f32());
}

/// What a command asks of the window comes back as a value (the window
/// runs it; a test only reads it).
#[test]
fn presentation_mode_asks_for_full_screen_and_esc_gives_it_back() {
    let mut app = crate::support::app_at("2025-10-01", 0);
    assert_eq!(
        app.apply(OverlayCommand::TogglePresentation.into()),
        vec![Effect::Fullscreen(true)]
    );
    assert_eq!(app.apply(OverlayCommand::ToggleHelp.into()), vec![]);
    assert_eq!(app.apply(Command::Escape), vec![], "Esc first closes the help");
    assert!(app.is_presenting());
    assert_eq!(app.apply(Command::Escape), vec![Effect::Fullscreen(false)]);
    assert!(!app.is_presenting());
    assert_eq!(app.apply(Command::Escape), vec![], "nothing left to leave");
}

#[test]
fn open_asks_for_the_native_dialog_and_a_loaded_file_names_the_window() {
    let mut app = crate::support::app_at("2025-10-01", 0);
    assert_eq!(
        app.apply(LoadCommand::OpenFileDialog(FileKind::Scenario).into()),
        vec![Effect::PickInputFile(FileKind::Scenario)]
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("my-brief.toml");
    std::fs::write(&path, drawdown::DEFAULT_SCENARIO_TOML).unwrap();
    // The load runs on a worker thread; its end names the window.
    assert_eq!(app.apply(LoadCommand::File(FileKind::Scenario, path).into()), vec![]);
    assert_eq!(
        app.wait_for_load(),
        vec![Effect::WindowTitle("drawdown — my-brief.toml".to_owned())]
    );
    // A file that does not load changes neither the data nor the title.
    let missing = dir.path().join("missing.toml");
    assert_eq!(app.apply(LoadCommand::File(FileKind::Scenario, missing).into()), vec![]);
    assert_eq!(app.wait_for_load(), vec![]);
    assert!(app.error().unwrap().contains("missing.toml"));
}

#[test]
fn the_go_to_box_is_edited_and_submitted_through_commands() {
    let mut app = crate::support::app_at("2025-10-01", 0);
    let _ = app.apply(OverlayCommand::OpenGoTo.into());
    let _ = app.apply(OverlayCommand::EditGoTo("2025-02-30".to_owned()).into());
    let _ = app.apply(OverlayCommand::SubmitGoTo.into());
    assert!(app.is_goto_open(), "a bad date keeps the box open");
    assert_eq!(app.date(), date("2025-10-01"));
    let _ = app.apply(OverlayCommand::EditGoTo("2026-01-15".to_owned()).into());
    let _ = app.apply(OverlayCommand::SubmitGoTo.into());
    assert!(!app.is_goto_open());
    assert_eq!(app.date(), date("2026-01-15"));
}

#[test]
fn the_troop_layer_persists_in_settings_and_files_from_before_it_load_without_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("settings.json");
    let app = DrawdownApp::new(LoadedInputs::embedded().unwrap(), StartOptions::default())
        .with_settings_file(Some(path.clone()));
    let mut h = harness_with(app);
    assert!(!h.state().panels().contains(Panel::Troops), "off by default");
    h.state_mut().apply(LookCommand::TogglePanel(Panel::Troops).into());
    // Saved at most once a second: let a second of frames pass.
    h.run_steps(90);
    let (restored, notice) = Settings::load(&path);
    assert_eq!(notice, None);
    assert!(restored.panels.contains(Panel::Troops));
    let app = DrawdownApp::with_settings(LoadedInputs::embedded().unwrap(), StartOptions::default(), restored);
    assert!(app.panels().contains(Panel::Troops));

    // A settings file written before the layer existed has no "troops": it
    // still loads, with the panel off and the rest as saved.
    let old = r#"{"date":"2025-12-01","track":"reported","layers":{"cities":false,"bases":true,"region_labels":true,"legend":true,"chart":true}}"#;
    std::fs::write(&path, old).unwrap();
    let (loaded, notice) = Settings::load(&path);
    assert_eq!(notice, None, "an old file is not corrupt");
    assert!(!loaded.panels.contains(Panel::Troops));
    assert!(!loaded.layers.contains(MapLayer::Cities), "the rest is kept");
    assert_eq!(loaded.date.as_deref(), Some("2025-12-01"));
}

#[test]
fn incidents_can_be_switched_off_and_older_settings_keep_them_on() {
    let mut h = harness("2026-03-01", 1);
    assert!(h.state().layers().contains(MapLayer::Incidents));
    let _ = h
        .state_mut()
        .apply(LookCommand::ToggleLayer(MapLayer::Incidents).into());
    h.run_steps(2);
    assert!(!h.state().layers().contains(MapLayer::Incidents));
    assert!(
        !h.state().settings().layers.contains(MapLayer::Incidents),
        "the choice is saved"
    );
    // A settings file written before the toggle existed has no such key.
    let old: Settings = serde_json::from_str(
        r#"{"layers":{"cities":true,"bases":true,"region_labels":true,"legend":true,"chart":true}}"#,
    )
    .unwrap();
    assert!(old.layers.contains(MapLayer::Incidents));
}

/// A copy of the embedded regions in a fresh folder, and the app on it.
fn app_on_a_regions_copy() -> (tempfile::TempDir, std::path::PathBuf, Harness<'static, DrawdownApp>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.geojson");
    std::fs::write(&path, drawdown::DEFAULT_REGIONS_GEOJSON).unwrap();
    let data = LoadedInputs::load(&Sources {
        scenario: None,
        regions: Some(path.clone()),
    })
    .unwrap();
    let start = StartOptions {
        date: Some(date("2025-10-01")),
        track: Some(TrackIdx(0)),
    };
    (dir, path, harness_with(DrawdownApp::new(data, start)))
}

#[test]
fn a_load_runs_off_the_ui_thread_with_the_last_data_and_a_loading_notice() {
    let (dir, _path, mut h) = app_on_a_regions_copy();
    let scenario = dir.path().join("brief.toml");
    std::fs::write(&scenario, drawdown::DEFAULT_SCENARIO_TOML).unwrap();
    let effects = h
        .state_mut()
        .apply(LoadCommand::File(FileKind::Scenario, scenario.clone()).into());
    assert!(effects.is_empty(), "nothing waits for the load: {effects:?}");
    assert!(h.state().is_loading());
    assert_eq!(
        h.state().notice(),
        Some(format!("Loading {}…", scenario.display()).as_str())
    );
    assert_eq!(
        h.state().data().sources.scenario,
        None,
        "the last data stays until it ends"
    );
    // The window polls the worker: frames until it answers.
    for _ in 0..600 {
        if !h.state().is_loading() {
            break;
        }
        h.run_steps(1);
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(!h.state().is_loading(), "the load never ended");
    assert_eq!(h.state().data().sources.scenario.as_deref(), Some(scenario.as_path()));
    assert!(h.state().notice().unwrap().starts_with("Loaded "));
}

#[test]
fn a_newer_load_supersedes_an_older_one() {
    let (dir, _path, mut h) = app_on_a_regions_copy();
    let missing = dir.path().join("missing.toml");
    let good = dir.path().join("good.toml");
    std::fs::write(&good, drawdown::DEFAULT_SCENARIO_TOML).unwrap();
    let _ = h
        .state_mut()
        .apply(LoadCommand::File(FileKind::Scenario, missing.clone()).into());
    let _ = h
        .state_mut()
        .apply(LoadCommand::File(FileKind::Scenario, good.clone()).into());
    // The older request's answer, arriving late, is dropped.
    let stale = drawdown::FinishedLoad {
        id: 1,
        sources: Sources {
            scenario: Some(missing),
            regions: None,
        },
        result: std::sync::Arc::new(LoadedInputs::embedded()),
    };
    assert_eq!(h.state_mut().apply(LoadCommand::Finished(stale).into()), vec![]);
    assert!(h.state().is_loading(), "the newer load is still awaited");
    let effects = h.state_mut().wait_for_load();
    assert_eq!(effects, vec![Effect::WindowTitle("drawdown — good.toml".to_owned())]);
    assert_eq!(h.state().error(), None);
    // Built on the regions shown: both files count.
    let sources = &h.state().data().sources;
    assert_eq!(sources.scenario.as_deref(), Some(good.as_path()));
    assert!(sources.regions.is_some());
}

#[cfg(unix)]
#[test]
fn a_fifo_swapped_for_the_watched_regions_file_is_refused_and_the_map_stays() {
    let (_dir, path, mut h) = app_on_a_regions_copy();
    std::fs::remove_file(&path).unwrap();
    let made = std::process::Command::new("mkfifo").arg(&path).status().unwrap();
    assert!(made.success(), "mkfifo failed");
    // The watch sees the swap within a second of frames and reloads.
    h.run_steps(90);
    h.state_mut().wait_for_load();
    h.run_steps(2);
    assert_eq!(
        h.state().error(),
        Some(format!("{}: is a FIFO (named pipe), not a regular file", path.display()).as_str())
    );
    h.get_by_label_contains("is a FIFO (named pipe), not a regular file");
    h.get_by_label_contains("Map, 1 October 2025, Announced plan: Federal Iraq — Coalition mission over");
    assert_eq!(h.state().data().geometry.features.len(), 33);
}

#[test]
fn an_oversized_settings_file_gives_defaults_a_notice_and_stays_until_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("settings.json");
    // Valid JSON, 1.5 MiB of it: the size alone refuses it.
    let big = format!(
        "{{\"theme\":\"Dark\",\"date\":\"2025-12-01\",\"pad\":\"{}\"}}",
        " ".repeat(3 * 512 * 1024)
    );
    std::fs::write(&path, &big).unwrap();
    let (settings, notice) = Settings::load(&path);
    assert_eq!(settings, Settings::default());
    let notice = notice.unwrap();
    assert!(
        notice.starts_with(&format!(
            "{}: file is 1.5 MiB, larger than the 1 MiB limit",
            path.display()
        )),
        "{notice}"
    );
    assert!(notice.contains("settings ignored, using defaults"), "{notice}");
    assert!(Settings::can_save_to(&path));
    let app = DrawdownApp::with_settings(LoadedInputs::embedded().unwrap(), StartOptions::default(), settings)
        .with_settings_file(Some(path.clone()))
        .with_notice(Some(notice.clone()));
    let mut h = harness_with(app);
    h.run_steps(90);
    assert_eq!(h.state().notice(), Some(notice.as_str()));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        big,
        "not replaced before a change"
    );
    h.state_mut().apply(LookCommand::SetTheme(Theme::Projector).into());
    h.run_steps(90);
    let (saved, notice) = Settings::load(&path);
    assert_eq!((saved.theme, notice), (Theme::Projector, None), "replaced once changed");
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_as_settings_is_refused_at_once_and_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("settings.json");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success(), "mkfifo failed");
    let link = dir.path().join("zero.json");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    for (path, what) in [(&fifo, "a FIFO (named pipe)"), (&link, "a character device")] {
        let (settings, notice) = Settings::load(path);
        assert_eq!(settings, Settings::default());
        let notice = notice.unwrap();
        assert!(
            notice.starts_with(&format!("{}: is {what}, not a regular file", path.display())),
            "{notice}"
        );
        assert!(notice.ends_with("(settings are not saved this session)"), "{notice}");
        assert!(!Settings::can_save_to(path));
    }
}

#[test]
fn a_saved_view_far_off_the_map_comes_back_home() {
    use drawdown::MapView;
    let far = Settings {
        view: MapView {
            centre: Some([1.0e6, -1.0e6]),
            zoom: 3.0,
        },
        ..Settings::default()
    };
    let app = DrawdownApp::with_settings(LoadedInputs::embedded().unwrap(), StartOptions::default(), far);
    assert_eq!(app.view(), MapView::HOME);
    // A view framed on the map is kept.
    let centre = LoadedInputs::embedded().unwrap().geometry.bounds.center();
    let near = Settings {
        view: MapView {
            centre: Some([centre.x + 50.0, centre.y]),
            zoom: 3.0,
        },
        ..Settings::default()
    };
    let app = DrawdownApp::with_settings(LoadedInputs::embedded().unwrap(), StartOptions::default(), near.clone());
    assert_eq!(app.view(), near.view);
}

#[test]
fn a_date_typed_in_the_go_to_box_crosses_a_boundary_like_a_key_and_captions_it() {
    // The box hands its date to the briefing, which notes the change on
    // the way, as Right does on the same day.
    let mut app = crate::support::app_at("2025-09-30", 0);
    let _ = app.apply(OverlayCommand::OpenGoTo.into());
    let _ = app.apply(OverlayCommand::EditGoTo("2025-10-01".to_owned()).into());
    assert_eq!(app.apply(OverlayCommand::SubmitGoTo.into()), vec![]);
    assert!(!app.is_goto_open());
    assert_eq!(app.date(), date("2025-10-01"));
    let caption = app.change_caption().unwrap();
    assert!(
        caption.starts_with("Federal Iraq: Transition under way » Coalition mission over"),
        "{caption}"
    );
}

#[test]
fn newly_loaded_inputs_keep_the_track_by_id_and_drop_the_last_caption() {
    let dir = tempfile::tempdir().unwrap();
    let same = dir.path().join("same.toml");
    std::fs::write(&same, drawdown::DEFAULT_SCENARIO_TOML).unwrap();
    // The embedded scenario with its tracks' ids swapped: "reported" is
    // the first track there.
    let swapped = dir.path().join("swapped.toml");
    let text = drawdown::DEFAULT_SCENARIO_TOML
        .replace("id = \"announced\"", "id = \"swap\"")
        .replace("id = \"reported\"", "id = \"announced\"")
        .replace("id = \"swap\"", "id = \"reported\"");
    std::fs::write(&swapped, text).unwrap();
    let mut app = crate::support::app_at("2026-02-10", 1);
    let _ = app.apply(TimeCommand::StepDays(1).into());
    assert!(app.change_caption().is_some(), "al-Tanf is handed over");

    let effects = crate::support::load_file(&mut app, FileKind::Scenario, &same);
    assert_eq!(effects, vec![Effect::WindowTitle("drawdown — same.toml".to_owned())]);
    assert_eq!((app.track(), app.date()), (TrackIdx(1), date("2026-02-11")));
    assert_eq!(app.change_caption(), None, "the caption was the old inputs'");

    let _ = crate::support::load_file(&mut app, FileKind::Scenario, &swapped);
    assert_eq!(app.error(), None);
    assert_eq!(app.track(), TrackIdx(0));
    assert_eq!(app.data().scenario.track(app.track()).id, "reported");
    assert_eq!(app.date(), date("2026-02-11"));
}

/// The embedded scenario's tracks.
const ANNOUNCED: usize = 0;
const REPORTED: usize = 1;

#[test]
fn comparing_page_down_stops_at_both_tracks_deadlines() {
    let mut h = harness("2025-09-01", REPORTED);
    press(&mut h, Key::C);
    assert!(h.state().is_comparing());
    press(&mut h, Key::PageDown);
    assert_eq!(
        h.state().date(),
        date("2025-09-30"),
        "the announced end of phase 1, though the reported track is the one chosen"
    );
    let mut seen = vec![h.state().date()];
    while h.state().date() < date("2026-09-30") && seen.len() < 40 {
        press(&mut h, Key::PageDown);
        seen.push(h.state().date());
    }
    assert!(
        seen.contains(&date("2026-09-30")),
        "the announced end of phase 2 is a stop: {seen:?}"
    );
    press(&mut h, Key::PageUp);
    assert!(h.state().date() < date("2026-09-30"), "and PageUp steps back from it");
}

#[test]
fn page_down_goes_on_from_the_last_milestone_to_the_record_end_and_today() {
    let app = crate::support::app_at("2026-03-12", REPORTED).with_today(Some(date("2026-12-07")));
    let record_end = crate::support::data()
        .scenario
        .record_end(TrackIdx(REPORTED))
        .unwrap_or_else(|| panic!("the reported track has a record end"));
    assert_eq!(record_end, date("2026-03-20"));
    let mut h = harness_with(app);
    press(&mut h, Key::PageDown);
    assert_eq!(h.state().date(), record_end, "the record's end is a stop");
    press(&mut h, Key::PageDown);
    assert_eq!(
        h.state().date(),
        date("2026-06-29"),
        "a milestone inside the no-report span is a stop"
    );
    press(&mut h, Key::PageDown);
    assert_eq!(h.state().date(), date("2026-12-07"), "today is a stop");
    assert_eq!(
        h.state().stop_cue(),
        Some("End of stops"),
        "today is the last stop here"
    );
}

#[test]
fn at_either_end_of_the_stops_the_clicker_stays_and_says_so_for_two_seconds() {
    let range = crate::support::data().scenario.range;
    let mut h = harness(&range.end.to_string(), ANNOUNCED);
    assert_eq!(h.state().stop_cue(), None);
    press(&mut h, Key::PageDown);
    assert_eq!(h.state().date(), range.end, "nothing later: the date stays");
    assert_eq!(h.state().stop_cue(), Some("End of stops"));
    h.get_by_label("End of stops");
    h.run_steps(150);
    assert_eq!(h.state().stop_cue(), None, "the cue goes after about two seconds");
    assert!(h.query_by_label("End of stops").is_none());

    let mut h = harness(&range.start.to_string(), ANNOUNCED);
    press(&mut h, Key::PageUp);
    assert_eq!(h.state().date(), range.start);
    assert_eq!(h.state().stop_cue(), Some("Start of stops"));
    h.get_by_label("Start of stops");
    press(&mut h, Key::PageDown);
    assert!(h.state().date() > range.start);
    assert_eq!(h.state().stop_cue(), None, "moving on clears the cue");
}

#[test]
fn the_period_key_blanks_the_screen_like_b() {
    let mut h = harness("2025-10-01", 0);
    press(&mut h, Key::Period);
    assert!(h.state().is_black_screen());
    press(&mut h, Key::Period);
    assert!(!h.state().is_black_screen());
    press(&mut h, Key::Questionmark);
    h.get_by_label("B or .");
}
