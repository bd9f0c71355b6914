//! The story in the window, driven headless: opening a story shows its
//! first stop; the panel adds the view, reorders, places a callout,
//! saves and undoes; the clicker walks the story's stops with a short
//! move of date and view; the presenter view shows the notes, the next
//! stop and the time.

use std::path::{Path, PathBuf};

use crate::support::{date, harness, harness_with};
use drawdown::{
    ADD_CALLOUT_LABEL, ADD_VIEW_LABEL, CALLOUT_TEXT_LABEL, DrawdownApp, MOVE_UP_LABEL, MapView, SAVE_LABEL,
    StopDate, StoryCommand, TrackIdx, UNDO_LABEL, is_story_file, load_story_file,
};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// A three-stop brief: the joint statement, a zoomed compare stop on the
/// Phase 1 deadline with notes and a callout, and the record's end on the
/// reported track.
const BRIEF: &str = r#"
title = "Coalition drawdown: where it stands"
classification = "UNCLASSIFIED"

[[stops]]
date = "2024-09-27"
title = "The joint statement"
notes = "Two phases: federal Iraq first, then Kurdistan."

[[stops]]
date = "2025-09-30"
layout = "compare"
title = "Phase 1 deadline"
notes = """Federal Iraq: the plan ends the mission today.
The record lags."""
hold = 6
view = { west = 38.0, south = 32.0, east = 44.5, north = 37.5 }
hide = ["incidents"]

[[stops.callouts]]
text = "Reinforced again 11 Mar"
at = [40.5, 36.67]

[[stops]]
date = "2026-03-13"
track = "reported"
title = "Where the record ends"
"#;

fn write_brief(dir: &Path) -> PathBuf {
    let path = dir.join("brief.toml");
    std::fs::write(&path, BRIEF).unwrap();
    path
}

fn press(h: &mut Harness<'_, DrawdownApp>, key: Key) {
    h.key_press(key);
    h.run_steps(2);
}

/// The app at `start` with the brief opened through its own command, as
/// File → Open story… and a dropped file do.
fn with_brief(dir: &Path, start: &str) -> Harness<'static, DrawdownApp> {
    let path = write_brief(dir);
    let mut h = harness(start, 0);
    h.state_mut().apply(StoryCommand::Open(path).into());
    // The first stop shows on the next frame (after the story's scenario,
    // if it names one, has loaded).
    h.run_steps(3);
    h
}

/// Steps frames until the move between stops has landed (kittest steps
/// a quarter of a second a frame).
fn settle(h: &mut Harness<'_, DrawdownApp>) {
    h.run_steps(4);
}

#[test]
fn a_story_file_is_told_from_a_scenario_by_its_stops() {
    let dir = tempfile::tempdir().unwrap();
    assert!(is_story_file(&write_brief(dir.path())));
    let scenario = dir.path().join("s.toml");
    std::fs::write(&scenario, drawdown::DEFAULT_SCENARIO_TOML).unwrap();
    assert!(!is_story_file(&scenario));
    assert!(!is_story_file(&dir.path().join("missing.toml")));
    let broken = dir.path().join("broken.toml");
    std::fs::write(&broken, "title = \"Brief\n\n[[stops]]\ndate = 2025-13-01\n").unwrap();
    assert!(is_story_file(&broken), "a broken story is still a story: its own loader says why");
}

#[test]
fn opening_a_story_shows_its_first_stop_and_its_panel() {
    let dir = tempfile::tempdir().unwrap();
    let h = with_brief(dir.path(), "2020-01-01");
    assert_eq!(h.state().date(), date("2024-09-27"));
    assert_eq!(h.state().current_stop(), Some(0));
    h.get_by_label(ADD_VIEW_LABEL);
    h.get_by_label_contains("1. The joint statement");
    h.get_by_label_contains("3. Where the record ends");
}

#[test]
fn the_clicker_walks_the_storys_stops_with_their_layout_view_and_layers() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = with_brief(dir.path(), "2020-01-01");
    // On its way, a frame after the key: the date moves through the days
    // between the stops.
    press(&mut h, Key::PageDown);
    let between = h.state().date();
    assert!(
        between > date("2024-09-27") && between < date("2025-09-30"),
        "the move is animated, at {between}"
    );
    settle(&mut h);
    assert_eq!(h.state().date(), date("2025-09-30"));
    assert_eq!(h.state().current_stop(), Some(1));
    assert!(h.state().is_comparing(), "the stop's layout");
    assert!(!h.state().layers().contains(drawdown::MapLayer::Incidents), "hidden at this stop");
    assert!(h.state().view().zoom > 1.2, "the stop's view box zooms in: {:?}", h.state().view());

    press(&mut h, Key::PageDown);
    settle(&mut h);
    assert_eq!(h.state().date(), date("2026-03-13"));
    assert!(!h.state().is_comparing());
    assert_eq!(h.state().track(), TrackIdx(1), "the reported track");
    assert_eq!(h.state().view(), MapView::HOME, "no view box: the home view");
    assert!(h.state().layers().contains(drawdown::MapLayer::Incidents), "shown again");
    assert_eq!(h.state().stop_cue(), Some("End of stops"));

    press(&mut h, Key::PageDown);
    settle(&mut h);
    assert_eq!(h.state().current_stop(), Some(2), "the last stop stays");

    press(&mut h, Key::PageUp);
    settle(&mut h);
    press(&mut h, Key::PageUp);
    settle(&mut h);
    assert_eq!(h.state().date(), date("2024-09-27"));
    assert_eq!(h.state().stop_cue(), Some("Start of stops"));
}

#[test]
fn the_storys_classification_runs_along_the_top_and_the_bottom_of_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness("2020-01-01", 0);
    assert_eq!(h.query_all_by_label("UNCLASSIFIED").count(), 0);
    let path = write_brief(dir.path());
    h.state_mut().apply(StoryCommand::Open(path).into());
    h.run_steps(3);
    let bands: Vec<_> = h.query_all_by_label("UNCLASSIFIED").map(|n| n.rect()).collect();
    assert_eq!(bands.len(), 2, "a band at the top and one at the bottom");
    // kittest frames the app with a margin of 8 points.
    assert!(bands[0].top() < 10.0 && bands[1].bottom() > 940.0, "{bands:?}");
}

#[test]
fn without_a_story_the_clicker_goes_to_the_scenarios_stops() {
    let mut h = harness("2024-09-01", 0);
    press(&mut h, Key::PageDown);
    assert_eq!(h.state().date(), date("2024-09-27"), "the joint statement");
    assert_eq!(h.state().current_stop(), None);
}

#[test]
fn presentation_mode_counts_the_stops() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = with_brief(dir.path(), "2020-01-01");
    assert!(h.query_by_label("1 / 3").is_none(), "only while presenting");
    press(&mut h, Key::F5);
    h.get_by_label("1 / 3");
    // The room reads the stop's title too, as the slide has it.
    h.get_by_label("The joint statement");
    press(&mut h, Key::PageDown);
    settle(&mut h);
    h.get_by_label("2 / 3");
    h.get_by_label("Phase 1 deadline");
}

#[test]
fn the_panel_adds_the_view_reorders_places_a_callout_saves_and_undoes() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = with_brief(dir.path(), "2020-01-01");
    // Frame a view the briefer chose: a later day, zoomed in.
    h.state_mut().apply(drawdown::TimeCommand::SetDate(date("2025-12-01")).into());
    let zoomed = MapView {
        centre: Some([0.0, 0.0]),
        zoom: 2.0,
    };
    h.state_mut().apply(drawdown::LookCommand::SetView(zoomed).into());
    h.run_steps(2);

    h.get_by_label(ADD_VIEW_LABEL).click();
    h.run_steps(2);
    let stops = h.state().story_stops().unwrap();
    assert_eq!(stops.len(), 4);
    assert_eq!(stops[1].date, StopDate::On(date("2025-12-01")), "after the shown stop");
    assert_eq!(stops[1].track.as_deref(), Some("reported"), "the first stop's: the default track");
    let view = stops[1].view.expect("a zoomed view keeps its box");
    assert!(view.west < 42.0 && view.east > 42.0 && view.south < 33.5 && view.north > 33.5, "{view:?}");
    assert_eq!(h.state().current_stop(), Some(1));

    // Reorder: the new stop first.
    h.get_by_label(MOVE_UP_LABEL).click();
    h.run_steps(2);
    assert_eq!(h.state().story_stops().unwrap()[0].date, StopDate::On(date("2025-12-01")));
    assert_eq!(h.state().current_stop(), Some(0));

    // A callout: arm the tool (below the editor's fold: scrolled to),
    // click the map, type, Enter.
    h.get_by_label(ADD_CALLOUT_LABEL).scroll_to_me();
    h.run_steps(4);
    h.get_by_label(ADD_CALLOUT_LABEL).click();
    h.run_steps(2);
    h.get_by_label_contains("Map, ").click();
    h.run_steps(2);
    let field = h.get_by_label(CALLOUT_TEXT_LABEL);
    field.focus();
    field.type_text("Al-Asad: handed over");
    h.run_steps(2);
    press(&mut h, Key::Enter);
    let callouts = h.state().story_stops().unwrap()[0].callouts.clone();
    assert_eq!(callouts.len(), 1);
    assert_eq!(callouts[0].text, "Al-Asad: handed over");
    let [lon, lat] = callouts[0].lonlat;
    assert!((35.0..50.0).contains(&lon) && (29.0..38.0).contains(&lat), "on the map: {lon}, {lat}");
    assert!(h.state().is_story_dirty());

    // Save: the file loads back as the story shown.
    h.get_by_label(SAVE_LABEL).click();
    h.run_steps(2);
    assert!(!h.state().is_story_dirty());
    let saved = load_story_file(&dir.path().join("brief.toml")).unwrap();
    assert_eq!(saved.stops.len(), 4);
    assert_eq!(saved.stops[0].callouts[0].text, "Al-Asad: handed over");
    assert_eq!(saved.stops[0].view, Some(view));

    // Undo takes back the callout, then the move.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(h.state().story_stops().unwrap()[0].callouts.is_empty());
    h.get_by_label(UNDO_LABEL).click();
    h.run_steps(2);
    assert_eq!(h.state().story_stops().unwrap()[1].date, StopDate::On(date("2025-12-01")));
    assert!(h.state().is_story_dirty(), "undone edits are not saved yet");
}

#[test]
fn a_callout_placed_on_either_compared_map_points_where_it_was_clicked() {
    // Qasrak, in north-east Syria, clicked in each compared pane through
    // that pane's own layout.
    let dir = tempfile::tempdir().unwrap();
    let mut h = with_brief(dir.path(), "2020-01-01");
    press(&mut h, Key::PageDown);
    settle(&mut h);
    assert_eq!(h.state().current_stop(), Some(1), "the compare stop");
    let maps: Vec<egui::Rect> = h.get_all_by_label_contains("Map, ").map(|n| n.rect()).collect();
    assert_eq!(maps.len(), 2, "two compared maps");
    let style = drawdown::MapStyle::for_theme(h.state().theme());
    let (lon, lat) = {
        let data = h.state().data();
        let p = data.scenario.place(data.scenario.place_idx("qasrak").unwrap());
        (p.lon, p.lat)
    };
    for (pane, map) in maps.into_iter().enumerate() {
        let layout = drawdown::MapLayout::new(map, &style);
        let at = {
            let data = h.state().data();
            let to_screen = layout.screen_from_world(&h.state().view(), &data.geometry);
            to_screen.screen_from_world(data.geometry.world_from_lonlat(lon, lat))
        };
        h.get_by_label(ADD_CALLOUT_LABEL).scroll_to_me();
        h.run_steps(4);
        h.get_by_label(ADD_CALLOUT_LABEL).click();
        h.run_steps(2);
        click_at(&mut h, at);
        // The text as the panel's field gives it (the field may sit below
        // the editor's fold once the stop lists a callout).
        h.state_mut().apply(StoryCommand::EditCalloutText("Qasrak".to_owned()).into());
        h.state_mut().apply(StoryCommand::CommitCallout.into());
        h.run_steps(2);
        let callouts = h.state().story_stops().unwrap()[1].callouts.clone();
        // The brief's own callout, then one a pane.
        assert_eq!(callouts.len(), 2 + pane, "pane {pane}: the click placed a callout");
        assert_eq!(callouts.last().unwrap().text, "Qasrak");
        let [got_lon, got_lat] = callouts.last().unwrap().lonlat;
        assert!(
            (got_lon - lon).abs() < 0.05 && (got_lat - lat).abs() < 0.05,
            "pane {pane}: clicked Qasrak ({lon}, {lat}), got ({got_lon}, {got_lat})"
        );
    }
}

fn click_at(h: &mut Harness<'_, DrawdownApp>, pos: egui::Pos2) {
    h.hover_at(pos);
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run_steps(2);
}

#[test]
fn presenting_a_story_heads_the_map_with_the_stop_in_text_the_back_of_the_room_reads() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = with_brief(dir.path(), "2020-01-01");
    press(&mut h, Key::F5);
    let counter = h.get_by_label("1 / 3").rect();
    let title = h.get_by_label_contains("The joint statement").rect();
    // At least 1/32 of the window's height: ~34 px on a 1080p projector.
    let least = 950.0 / 32.0;
    assert!(counter.height() >= least, "the counter is {counter:?}");
    assert!(title.height() >= least, "the title is {title:?}");
    assert!(counter.bottom() <= title.bottom() + 1.0 && counter.top() < 60.0, "a band at the top");
}

#[test]
fn typing_a_title_is_one_undo_step_and_duplicate_and_delete_are_one_each() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = with_brief(dir.path(), "2020-01-01");
    let app = h.state_mut();
    for title in ["B", "Br", "Bri", "Brief"] {
        app.apply(StoryCommand::EditTitle(0, title.to_owned()).into());
    }
    app.apply(StoryCommand::Duplicate(0).into());
    app.apply(StoryCommand::Delete(2).into());
    assert_eq!(app.story_stops().unwrap().len(), 3);
    assert_eq!(app.story_stops().unwrap()[1].title.as_deref(), Some("Brief"));
    app.apply(StoryCommand::Undo.into());
    assert_eq!(app.story_stops().unwrap().len(), 4, "the delete undone");
    app.apply(StoryCommand::Undo.into());
    assert_eq!(app.story_stops().unwrap().len(), 3, "the duplicate undone");
    assert!(app.is_story_dirty());
    app.apply(StoryCommand::Undo.into());
    assert_eq!(
        app.story_stops().unwrap()[0].title.as_deref(),
        Some("The joint statement"),
        "the typing undone at once"
    );
    assert!(!app.is_story_dirty(), "back to the file as saved: nothing unsaved");
}

#[test]
fn the_presenter_view_shows_the_notes_the_next_stop_and_the_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = with_brief(dir.path(), "2020-01-01");
    assert!(h.state().presenter_content().is_some());
    press(&mut h, Key::P);
    assert!(h.state().is_presenter_open());
    press(&mut h, Key::PageDown);
    settle(&mut h);
    let content = h.state().presenter_content().unwrap();
    assert_eq!(content.counter, "Stop 2 of 3");
    assert_eq!(content.title, "Phase 1 deadline");
    assert!(content.notes.starts_with("Federal Iraq: the plan ends the mission today."));
    assert_eq!(content.next_title.as_deref(), Some("Where the record ends"));
    let (minutes, seconds) = content.elapsed.split_once(':').unwrap();
    assert_eq!((minutes, seconds.len()), ("0", 2), "under a minute as m:ss: {}", content.elapsed);
    assert_eq!(content.clock.len(), 5, "HH:MM: {}", content.clock);
    // Embedded here (no second native window in a test): the same content.
    h.get_by_label_contains("Federal Iraq: the plan ends the mission today.");
    h.get_by_label("Next: Where the record ends");
    h.get_by_label("The next stop: Where the record ends");
    // With the presenter view, the room's window shows only the map.
    press(&mut h, Key::F5);
    assert!(h.query_by_label("Date").is_none(), "no timeline while the presenter view has it");
    press(&mut h, Key::P);
    assert!(!h.state().is_presenter_open());
}

#[test]
fn a_story_that_does_not_load_shows_its_located_errors_in_the_banner() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brief.toml");
    std::fs::write(&path, "title = \"Brief\"\n\n[[stops]]\ndate = \"2025-13-01\"\n").unwrap();
    let mut h = harness("2025-10-01", 0);
    h.state_mut().apply(StoryCommand::Open(path).into());
    h.run_steps(2);
    let error = h.state().error().expect("the banner");
    assert!(error.contains("brief.toml:4:"), "{error}");
    assert_eq!(h.state().current_stop(), None, "no story open");
    assert_eq!(h.state().date(), date("2025-10-01"));
}

#[test]
fn esc_puts_the_callout_tool_away_before_anything_else() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = with_brief(dir.path(), "2020-01-01");
    press(&mut h, Key::F5);
    h.state_mut().apply(StoryCommand::ToggleCalloutMode.into());
    press(&mut h, Key::Escape);
    assert!(h.state().is_presenting(), "the tool went first");
    h.get_by_label_contains("Map, ").click();
    h.run_steps(2);
    assert!(h.query_by_label(CALLOUT_TEXT_LABEL).is_none());
}

#[test]
fn an_edit_of_the_story_file_outside_the_app_shows_unless_the_panel_has_unsaved_edits() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = with_brief(dir.path(), "2020-01-01");
    let path = dir.path().join("brief.toml");
    // A different modification time, whatever the file system's clock
    // resolution.
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&path, BRIEF.replace("The joint statement", "Joint statement, 27 Sep")).unwrap();
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(2);
    std::fs::File::options().write(true).open(&path).unwrap().set_modified(later).unwrap();
    h.run_steps(4);
    assert_eq!(h.state().story_stops().unwrap()[0].title.as_deref(), Some("Joint statement, 27 Sep"));

    h.state_mut().apply(StoryCommand::EditNotes(0, "Unsaved".to_owned()).into());
    std::fs::write(&path, BRIEF).unwrap();
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(4);
    std::fs::File::options().write(true).open(&path).unwrap().set_modified(later).unwrap();
    h.run_steps(4);
    assert_eq!(h.state().story_stops().unwrap()[0].notes, "Unsaved", "the panel's edits are kept");
}

#[test]
fn without_a_story_the_presenter_key_does_nothing() {
    let mut h = harness("2025-10-01", 0);
    press(&mut h, Key::P);
    assert!(!h.state().is_presenter_open());
    assert!(h.state().presenter_content().is_none());
}

#[test]
fn a_drafted_story_starts_unsaved_and_a_story_file_named_at_start_opens() {
    let mut h = harness("2025-10-01", 0);
    h.state_mut().apply(StoryCommand::NewFromScenario.into());
    h.run_steps(3);
    assert!(h.state().story_stops().is_some_and(|s| s.len() >= 3));
    assert!(h.state().is_story_dirty());

    let dir = tempfile::tempdir().unwrap();
    let path = write_brief(dir.path());
    let app = crate::support::app_at("2020-01-01", 0).with_story(Some(path));
    let h = harness_with(app);
    assert_eq!(h.state().date(), date("2024-09-27"));
}

#[test]
fn a_story_named_on_the_command_line_opens_the_window_on_its_first_stop() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_brief(dir.path());
    let cli = <drawdown::Cli as clap::Parser>::try_parse_from(["drawdown", path.to_str().unwrap()]).unwrap();
    let start = drawdown::native_start(&cli).unwrap();
    assert_eq!(start.story.as_deref(), Some(path.as_path()));
    assert!(start.load_error.is_none(), "not read as a scenario");
    assert_eq!(start.data.sources, drawdown::Sources::default(), "the story names no scenario");
    let app = DrawdownApp::new(start.data, start.start).with_story(start.story);
    let h = harness_with(app);
    assert_eq!(h.state().date(), date("2024-09-27"));
    assert_eq!(h.state().current_stop(), Some(0));
}

#[test]
fn unsaved_edits_are_dropped_only_when_asked_twice() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = with_brief(dir.path(), "2020-01-01");
    let app = h.state_mut();
    app.apply(StoryCommand::Close.into());
    assert_eq!(app.current_stop(), None, "nothing unsaved: closed at once");

    app.apply(StoryCommand::Open(dir.path().join("brief.toml")).into());
    app.apply(StoryCommand::Delete(0).into());
    app.apply(StoryCommand::Close.into());
    assert!(app.story_stops().is_some(), "still open");
    assert!(app.notice().unwrap().contains("unsaved edits"), "{:?}", app.notice());
    app.apply(StoryCommand::Close.into());
    assert_eq!(app.story_stops(), None);
}

#[test]
fn deleting_the_shown_stop_shows_the_stop_that_takes_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = with_brief(dir.path(), "2020-01-01");
    press(&mut h, Key::PageDown);
    settle(&mut h);
    assert_eq!(h.state().current_stop(), Some(1));
    assert!(h.state().is_comparing());
    h.state_mut().apply(StoryCommand::Delete(1).into());
    h.run_steps(2);
    assert_eq!(h.state().current_stop(), Some(1), "the next stop moved up");
    assert_eq!(h.state().date(), date("2026-03-13"), "and the map shows it");
    assert!(!h.state().is_comparing(), "in its layout");
    // Undo brings the deleted stop back, and the map to it.
    h.state_mut().apply(StoryCommand::Undo.into());
    h.run_steps(2);
    assert_eq!(h.state().date(), date("2025-09-30"));
    assert!(h.state().is_comparing());
}

#[test]
fn a_stops_drafted_title_follows_the_scenario_when_it_is_reloaded() {
    let dir = tempfile::tempdir().unwrap();
    let brief = dir.path().join("brief.toml");
    std::fs::write(&brief, "title = \"B\"\n[[stops]]\ndate = \"2024-09-27\"\n").unwrap();
    let mut h = harness("2020-01-01", 0);
    h.state_mut().apply(StoryCommand::Open(brief).into());
    h.run_steps(3);
    let title = |h: &Harness<'_, DrawdownApp>| h.state().presenter_content_at("12:00").unwrap().title;
    assert!(title(&h).contains("Joint statement: two-phase transition"), "{}", title(&h));
    // Read every frame, resolved once: the same again.
    h.run_steps(2);
    assert!(title(&h).contains("Joint statement: two-phase transition"));
    let renamed = drawdown::DEFAULT_SCENARIO_TOML.replacen(
        "title = \"Joint statement: two-phase transition\"",
        "title = \"Joint statement, renamed\"",
        1,
    );
    let scenario = dir.path().join("renamed.toml");
    std::fs::write(&scenario, renamed).unwrap();
    crate::support::load_file(h.state_mut(), drawdown::FileKind::Scenario, &scenario);
    h.run_steps(2);
    assert!(title(&h).contains("Joint statement, renamed"), "{}", title(&h));
}

#[test]
fn opening_a_brief_shows_no_caption_and_the_next_stop_compares_with_the_one_before() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = with_brief(dir.path(), "2026-12-07");
    assert_eq!(h.state().date(), date("2024-09-27"));
    assert_eq!(h.state().change_caption(), None, "the room was shown no day before the first stop");
    press(&mut h, Key::PageDown);
    let caption = h.state().change_caption();
    assert_eq!(caption, None, "not the days the move passes through: {caption:?}");
    settle(&mut h);
    assert_eq!(h.state().date(), date("2025-09-30"));
    // The plan's transition runs from the first stop to the day after
    // the second: nothing changed between them.
    assert_eq!(h.state().change_caption(), None);
    press(&mut h, Key::PageDown);
    settle(&mut h);
    let caption = h.state().change_caption().unwrap();
    assert!(caption.starts_with("Since 30 Sep 2025: "), "{caption}");
}
