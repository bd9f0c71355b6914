//! The story panel edits the whole story, driven headless as a briefer
//! would: a blank story built stop by stop and saved where the path field
//! says; the story's own fields (title, subtitle, classification with its
//! markings, prepared by, logo); a stop's date, layout, track, view and
//! hidden layers; every edit undone; the stop list and the stop editor
//! each scrolling on its own at 1024×768.

use std::path::{Path, PathBuf};

use crate::support::{app_at, date, harness, harness_with};
use drawdown::{
    ADD_VIEW_LABEL, CHOOSE_LOGO_LABEL, CLASSIFICATION_LABEL, COMPARE_LAYOUT_LABEL, DrawdownApp, Effect,
    HOME_VIEW_LABEL, LOGO_LABEL, LookCommand, MARKINGS_LABEL, MapLayer, MapView, Marking, NEW_BLANK_STORY_LABEL,
    NOTES_LABEL, PREPARED_BY_LABEL, SAVE_LABEL, SAVE_PATH_LABEL, SINGLE_LAYOUT_LABEL, STOP_DATE_LABEL,
    STOP_TRACK_LABEL, STORY_DETAILS_LABEL, STORY_TITLE_LABEL, SUBTITLE_LABEL, StopDate, StopLayout, StoryCommand,
    TITLE_LABEL, TrackIdx, UNDO_LABEL, USE_LAYERS_LABEL, USE_VIEW_LABEL, load_story_file,
};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// Two stops: the joint statement on the default track, and the Phase 1
/// deadline compared, zoomed, without incidents.
const BRIEF: &str = r#"
title = "Coalition drawdown: where it stands"
classification = "UNCLASSIFIED"

[[stops]]
date = "2024-09-27"
title = "The joint statement"

[[stops]]
date = "2025-09-30"
layout = "compare"
title = "Phase 1 deadline"
view = { west = 38.0, south = 32.0, east = 44.5, north = 37.5 }
hide = ["incidents"]
"#;

fn write_brief(dir: &Path) -> PathBuf {
    let path = dir.join("brief.toml");
    std::fs::write(&path, BRIEF).unwrap();
    path
}

fn with_brief(dir: &Path) -> Harness<'static, DrawdownApp> {
    let path = write_brief(dir);
    let mut h = harness("2020-01-01", 0);
    h.state_mut().apply(StoryCommand::Open(path).into());
    h.run_steps(3);
    h
}

fn step(h: &mut Harness<'_, DrawdownApp>) {
    h.run_steps(2);
}

/// Clicks the widget labelled `label`, scrolled into sight first (as a
/// briefer scrolls the editor to it).
fn click(h: &mut Harness<'_, DrawdownApp>, label: &str) {
    scroll_to(h, label);
    h.get_by_label(label).click();
    step(h);
}

/// Scrolls the widget labelled `label` into sight (the scroll lands
/// over a few frames).
fn scroll_to(h: &mut Harness<'_, DrawdownApp>, label: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run_steps(4);
}

/// Replaces the text of the field labelled `label` with `text`.
fn type_into(h: &mut Harness<'_, DrawdownApp>, label: &str, text: &str) {
    scroll_to(h, label);
    h.get_by_label(label).focus();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(1);
    h.key_press(Key::Backspace);
    h.run_steps(1);
    if !text.is_empty() {
        h.get_by_label(label).type_text(text);
    }
    step(h);
}

/// Types `text` into the field labelled `label` and presses Enter.
fn enter_into(h: &mut Harness<'_, DrawdownApp>, label: &str, text: &str) {
    type_into(h, label, text);
    h.key_press(Key::Enter);
    step(h);
}

fn story(h: &Harness<'_, DrawdownApp>) -> drawdown::Story {
    h.state().story_edited().unwrap().clone()
}

fn undo(h: &mut Harness<'_, DrawdownApp>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    step(h);
}

/// A 2×2 PNG, the smallest logo.
fn write_png(path: &Path) {
    let file = std::fs::File::create(path).unwrap();
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), 2, 2);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&[200; 16]).unwrap();
}

#[test]
fn a_blank_story_is_titled_after_the_scenario_takes_the_view_and_asks_where_to_save() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness("2025-10-01", 0);
    h.get_by_label("Story").click();
    step(&mut h);
    h.get_by_label(NEW_BLANK_STORY_LABEL).click();
    step(&mut h);
    let blank = story(&h);
    assert!(blank.stops.is_empty());
    assert_eq!(blank.title, h.state().data().scenario.title.lines().next().unwrap().trim());
    assert_eq!(blank.origin, None, "tied to no file yet");
    // Its own fields show at once: they are all it has.
    assert_eq!(
        h.get_by_label(STORY_TITLE_LABEL).value().as_deref(),
        Some(blank.title.as_str())
    );
    assert!(!h.state().is_story_dirty(), "nothing to lose yet");
    assert_eq!(h.state().date(), date("2025-10-01"), "the map stays where it was");

    click(&mut h, ADD_VIEW_LABEL);
    let stops = h.state().story_stops().unwrap().to_vec();
    assert_eq!(stops.len(), 1);
    assert_eq!(stops[0].date, StopDate::On(date("2025-10-01")));
    assert!(h.state().is_story_dirty());

    // Save asks where (the dialog's effect); without a dialog on this
    // desktop the panel's path field takes the path.
    let effects = h.state_mut().apply(StoryCommand::Save.into());
    let [Effect::PickStorySaveTarget(proposed)] = effects.as_slice() else {
        panic!("the save dialog is asked for: {effects:?}");
    };
    assert_eq!(proposed.extension().and_then(|e| e.to_str()), Some("toml"));
    let _ = h
        .state_mut()
        .apply(StoryCommand::SavePickFailed("No file dialog here".to_owned()).into());
    step(&mut h);
    let path = dir.path().join("blank.toml");
    enter_into(&mut h, SAVE_PATH_LABEL, path.to_str().unwrap());
    assert!(!h.state().is_story_dirty(), "{:?}", h.state().notice());
    let saved = load_story_file(&path).unwrap();
    assert_eq!(saved.title, blank.title);
    assert_eq!(saved.stops.len(), 1);
    assert_eq!(saved.stops[0].date, StopDate::On(date("2025-10-01")));
}

#[test]
fn the_storys_own_fields_are_typed_saved_and_undone_and_the_banner_follows_the_marking() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = with_brief(dir.path());
    assert!(h.query_by_label(SUBTITLE_LABEL).is_none(), "folded away while the stops are the work");
    h.get_by_label(STORY_DETAILS_LABEL).click();
    step(&mut h);

    type_into(&mut h, SUBTITLE_LABEL, "Brief, 7 Dec 2026");
    type_into(&mut h, PREPARED_BY_LABEL, "Analysis cell");
    // A marking from the menu: the banner turns its colour.
    click(&mut h, MARKINGS_LABEL);
    h.get_by_label("SECRET").click();
    step(&mut h);

    let edited = story(&h);
    assert_eq!(edited.subtitle.as_deref(), Some("Brief, 7 Dec 2026"));
    assert_eq!(edited.prepared_by.as_deref(), Some("Analysis cell"));
    assert_eq!(edited.classification.as_ref().unwrap().marking(), Marking::Secret);
    assert_eq!(h.query_all_by_label("SECRET").count(), 2, "the window's banner, top and bottom");
    // Typed by hand, with a caveat: the marking still colours it. The
    // field keeps the keyboard while the banner goes (cleared) and comes
    // back.
    type_into(&mut h, CLASSIFICATION_LABEL, "TOP SECRET//NOFORN");
    assert!(h.get_by_label(CLASSIFICATION_LABEL).is_focused());
    assert_eq!(story(&h).classification.unwrap().marking(), Marking::TopSecret);
    type_into(&mut h, STORY_TITLE_LABEL, "Where the drawdown stands");

    click(&mut h, SAVE_LABEL);
    assert!(!h.state().is_story_dirty());
    let saved = load_story_file(&dir.path().join("brief.toml")).unwrap();
    assert_eq!(saved.title, "Where the drawdown stands");
    assert_eq!(saved.subtitle.as_deref(), Some("Brief, 7 Dec 2026"));
    assert_eq!(saved.prepared_by.as_deref(), Some("Analysis cell"));
    assert_eq!(saved.classification.unwrap().text, "TOP SECRET//NOFORN");

    // Each field typed is one step back.
    undo(&mut h);
    assert_eq!(story(&h).title, "Coalition drawdown: where it stands");
    undo(&mut h);
    assert_eq!(story(&h).classification.unwrap().text, "SECRET");
    undo(&mut h);
    assert_eq!(story(&h).classification.unwrap().text, "UNCLASSIFIED");
    undo(&mut h);
    assert_eq!(story(&h).prepared_by, None);
    // A blank optional field is left out of the file.
    type_into(&mut h, SUBTITLE_LABEL, "");
    assert_eq!(story(&h).subtitle, None);
}

#[test]
fn a_blank_title_is_said_under_its_field_and_keeps_the_story_from_saving() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = with_brief(dir.path());
    h.get_by_label(STORY_DETAILS_LABEL).click();
    step(&mut h);
    type_into(&mut h, STORY_TITLE_LABEL, "");
    h.get_by_label("The title is empty");
    click(&mut h, SAVE_LABEL);
    assert!(h.state().is_story_dirty(), "not saved");
    h.get_by_label("Not saved: the story's title is empty");
    assert_eq!(std::fs::read_to_string(dir.path().join("brief.toml")).unwrap(), BRIEF);
}

#[test]
fn a_bad_logo_is_said_under_its_field_and_a_picked_one_is_written_beside_the_story() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = with_brief(dir.path());
    h.get_by_label(STORY_DETAILS_LABEL).click();
    step(&mut h);
    type_into(&mut h, LOGO_LABEL, "missing.png");
    assert_eq!(story(&h).logo.as_deref(), Some(Path::new("missing.png")));
    // The problem under the field, as an export would refuse it.
    h.get_by_label_contains("missing.png");
    // Not a PNG: said too, and nothing breaks.
    std::fs::write(dir.path().join("notes.png"), "not a picture").unwrap();
    type_into(&mut h, LOGO_LABEL, "notes.png");
    h.get_by_label_contains("notes.png");
    assert!(h.query_by_label_contains("missing.png").is_none());

    // *Choose…* asks the desktop for a file, opening in the story's folder.
    let effects = h.state_mut().apply(StoryCommand::PickLogo.into());
    assert_eq!(effects, vec![Effect::PickStoryLogo(Some(dir.path().to_owned()))]);
    assert!(h.query_by_label(CHOOSE_LOGO_LABEL).is_some());
    let logo = dir.path().join("img").join("logo.png");
    std::fs::create_dir(dir.path().join("img")).unwrap();
    write_png(&logo);
    let _ = h.state_mut().apply(StoryCommand::LogoPicked(logo).into());
    step(&mut h);
    assert_eq!(story(&h).logo.as_deref(), Some(Path::new("img/logo.png")), "relative to the story");
    assert_eq!(h.get_by_label(LOGO_LABEL).value().as_deref(), Some("img/logo.png"));
    assert!(h.query_by_label_contains("logo.png").is_none(), "no problem under it");
    click(&mut h, SAVE_LABEL);
    let saved = load_story_file(&dir.path().join("brief.toml")).unwrap();
    assert_eq!(saved.logo_path(), Some(dir.path().join("img/logo.png")));
    undo(&mut h);
    assert_eq!(story(&h).logo.as_deref(), Some(Path::new("notes.png")));
}

#[test]
fn a_stops_date_applies_on_enter_and_a_wrong_one_is_said_inline_and_not_applied() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = with_brief(dir.path());
    assert_eq!(
        h.get_by_label(STOP_DATE_LABEL).value().as_deref(),
        Some("2024-09-27")
    );
    enter_into(&mut h, STOP_DATE_LABEL, "2025-02-30");
    h.get_by_label_contains("Not applied: not a date");
    assert_eq!(story(&h).stops[0].date, StopDate::On(date("2024-09-27")), "the stop keeps its date");
    assert_eq!(h.state().date(), date("2024-09-27"));
    enter_into(&mut h, STOP_DATE_LABEL, "2031-01-01");
    h.get_by_label_contains("outside the scenario");
    assert_eq!(story(&h).stops[0].date, StopDate::On(date("2024-09-27")));

    enter_into(&mut h, STOP_DATE_LABEL, "2025-06-01");
    assert_eq!(story(&h).stops[0].date, StopDate::On(date("2025-06-01")));
    assert_eq!(h.state().date(), date("2025-06-01"), "the map shows the stop's new day");
    assert!(h.query_by_label_contains("Not applied").is_none());
    enter_into(&mut h, STOP_DATE_LABEL, "today");
    assert_eq!(story(&h).stops[0].date, StopDate::Today);

    undo(&mut h);
    assert_eq!(story(&h).stops[0].date, StopDate::On(date("2025-06-01")));
    undo(&mut h);
    assert_eq!(story(&h).stops[0].date, StopDate::On(date("2024-09-27")));
    assert_eq!(h.state().date(), date("2024-09-27"), "and the map goes back with it");
    assert!(!h.state().is_story_dirty());
    // Typed, then left for another stop: applied, not dropped.
    type_into(&mut h, STOP_DATE_LABEL, "2025-01-15");
    h.get_by_label_contains("2. Phase 1 deadline").click();
    h.run_steps(6);
    assert_eq!(story(&h).stops[0].date, StopDate::On(date("2025-01-15")));
    assert_eq!(h.state().current_stop(), Some(1));
    assert_eq!(h.state().date(), date("2025-09-30"), "the stop clicked is shown");
}

#[test]
fn a_stops_layout_track_view_and_layers_are_set_from_the_panel_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = with_brief(dir.path());
    // Layout: the comparison, then one map again.
    click(&mut h, COMPARE_LAYOUT_LABEL);
    assert_eq!(story(&h).stops[0].layout, StopLayout::Compare);
    assert!(h.state().is_comparing(), "the map shows the stop as it now is");
    click(&mut h, SINGLE_LAYOUT_LABEL);
    assert_eq!(story(&h).stops[0].layout, StopLayout::Single);
    assert!(!h.state().is_comparing());

    // Track: from the combo of the scenario's tracks.
    let tracks = h.state().data().scenario.tracks.clone();
    let other = &tracks[1];
    click(&mut h, STOP_TRACK_LABEL);
    h.get_all_by_label(&other.name).last().unwrap().click();
    step(&mut h);
    assert_eq!(story(&h).stops[0].track.as_deref(), Some(other.id.as_str()));
    assert_eq!(h.state().track(), TrackIdx(1));

    // View: the map's zoom and pan, then the home view again.
    let zoomed = MapView {
        centre: Some([0.0, 0.0]),
        zoom: 2.0,
    };
    let _ = h.state_mut().apply(LookCommand::SetView(zoomed).into());
    click(&mut h, USE_VIEW_LABEL);
    let view = story(&h).stops[0].view.expect("a box");
    assert!(view.west < 42.0 && view.east > 42.0 && view.south < 33.5 && view.north > 33.5, "{view:?}");
    assert_eq!(h.state().view(), zoomed, "the map stays where the briefer put it");
    h.get_by_label_contains("° E,");
    click(&mut h, HOME_VIEW_LABEL);
    assert_eq!(story(&h).stops[0].view, None);
    assert_eq!(h.state().view(), MapView::HOME);

    // Layers: what View hides now.
    let _ = h.state_mut().apply(LookCommand::ToggleLayer(MapLayer::Cities).into());
    click(&mut h, USE_LAYERS_LABEL);
    let hide = story(&h).stops[0].hide;
    assert!(hide.contains(MapLayer::Cities) && !hide.contains(MapLayer::Incidents), "{hide:?}");
    h.get_by_label_contains("hidden: ");

    // Each a step back, in order.
    let expected_hold = story(&h).stops[0].hold_secs;
    click(&mut h, UNDO_LABEL);
    assert_eq!(story(&h).stops[0].hide, drawdown::LayerSet::NONE);
    click(&mut h, UNDO_LABEL);
    assert_eq!(story(&h).stops[0].view, Some(view));
    click(&mut h, UNDO_LABEL);
    assert_eq!(story(&h).stops[0].view, None);
    click(&mut h, UNDO_LABEL);
    assert_eq!(story(&h).stops[0].track, None);
    click(&mut h, UNDO_LABEL);
    assert_eq!(story(&h).stops[0].layout, StopLayout::Compare);
    click(&mut h, UNDO_LABEL);
    assert_eq!(story(&h).stops[0].layout, StopLayout::Single);
    assert_eq!(story(&h).stops[0].hold_secs, expected_hold);
    assert!(!h.state().is_story_dirty(), "back to the file as saved");
}

/// A brief of `stops` stops, the last with `note_lines` lines of notes.
fn long_brief(dir: &Path, stops: usize, note_lines: usize) -> PathBuf {
    let mut text = String::from("title = \"A long brief\"\n");
    let mut day = date("2024-10-01");
    for i in 0..stops {
        day += chrono::TimeDelta::days(7);
        text.push_str(&format!("\n[[stops]]\ndate = \"{day}\"\ntitle = \"Stop number {} of the brief\"\n", i + 1));
    }
    let notes: Vec<String> = (1..=note_lines).map(|n| format!("Point {n}.")).collect();
    text.push_str(&format!("notes = \"\"\"{}\"\"\"\n", notes.join("\n")));
    let path = dir.join("long.toml");
    std::fs::write(&path, text).unwrap();
    path
}

fn small_window(path: PathBuf) -> Harness<'static, DrawdownApp> {
    let app = app_at("2020-01-01", 0).with_story(Some(path));
    Harness::builder()
        .with_size([1024.0, 768.0])
        .with_max_steps(240)
        .build_ui_state(|ui, app: &mut DrawdownApp| app.show(ui), app)
}

#[test]
fn at_1024_by_768_a_long_list_keeps_the_editor_in_sight_and_long_notes_keep_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = small_window(long_brief(dir.path(), 40, 200));
    h.run_steps(3);
    let height = 768.0;
    let visible = |h: &Harness<'_, DrawdownApp>, label: &str| {
        let rect = h.get_by_label(label).rect();
        rect.min.y >= 0.0 && rect.max.y <= height
    };
    // The first stop: its editor shows under a list of forty.
    assert!(visible(&h, TITLE_LABEL), "{:?}", h.get_by_label(TITLE_LABEL).rect());
    assert!(visible(&h, NOTES_LABEL));
    assert!(h.get_by_label_contains("1. Stop number 1 of the brief").rect().max.y <= height);

    // The last stop, with 200 lines of notes: the list is still there, and
    // scrolled to the stop shown.
    for _ in 0..39 {
        h.key_press(Key::PageDown);
        h.run_steps(1);
    }
    h.run_steps(6);
    assert_eq!(h.state().current_stop(), Some(39));
    let list_item = h.get_by_label_contains("40. Stop number 40 of the brief").rect();
    let title = h.get_by_label(TITLE_LABEL).rect();
    assert!(list_item.max.y <= title.min.y && list_item.min.y >= 0.0, "{list_item:?} above {title:?}");
    assert!(visible(&h, TITLE_LABEL), "{title:?}");
    assert!(visible(&h, "Stops (40)"));
    // Scrolling the editor down to the end of the notes leaves the list.
    h.get_by_label(drawdown::ADD_CALLOUT_LABEL).scroll_to_me();
    h.run_steps(3);
    assert!(visible(&h, drawdown::ADD_CALLOUT_LABEL));
    assert_eq!(h.get_by_label_contains("40. Stop number 40 of the brief").rect(), list_item, "the list did not move");
}

#[test]
fn the_presenter_view_reads_the_stops_title_and_notes_as_typed_in_the_panel() {
    // The stop's edited title and notes are what the presenter view reads.
    let dir = tempfile::tempdir().unwrap();
    let app = app_at("2020-01-01", 0).with_story(Some(write_brief(dir.path())));
    let mut h = harness_with(app);
    type_into(&mut h, TITLE_LABEL, "Joint statement, 27 Sep");
    type_into(&mut h, NOTES_LABEL, "Two phases.");
    let content = h.state().presenter_content_at("12:00").unwrap();
    assert_eq!(content.title, "Joint statement, 27 Sep");
    assert_eq!(content.notes, "Two phases.");
}

#[test]
fn ctrl_s_saves_while_a_stops_field_has_the_keyboard_and_ctrl_z_is_the_fields_own() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = with_brief(dir.path());
    h.state_mut().apply(StoryCommand::Duplicate(0).into());
    step(&mut h);
    type_into(&mut h, TITLE_LABEL, "Where it began");
    assert!(h.state().is_story_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    step(&mut h);
    assert!(!h.state().is_story_dirty(), "saved with the title field still focused");
    let saved = load_story_file(&dir.path().join("brief.toml")).unwrap();
    assert_eq!(saved.stops[1].title.as_deref(), Some("Where it began"));

    type_into(&mut h, NOTES_LABEL, "Two phases.");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    step(&mut h);
    let saved = load_story_file(&dir.path().join("brief.toml")).unwrap();
    assert_eq!(saved.stops[1].notes, "Two phases.", "saved from the talking points too");

    // In a field Ctrl+Z belongs to the field: the story's duplicated stop stays.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    step(&mut h);
    assert_eq!(story(&h).stops.len(), 3);
}

#[test]
fn a_stops_buttons_keep_their_place_in_view_whatever_its_title_and_the_editors_scroll() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("titles.toml");
    let long = "The Phase 1 deadline passes with federal Iraq still hosting coalition advisers at two bases";
    let notes: Vec<String> = (1..=80).map(|n| format!("Point {n}.")).collect();
    let text = format!(
        "title = \"Titles\"\n\n[[stops]]\ndate = \"2024-09-27\"\ntitle = \"{long}\"\nnotes = \"\"\"{}\"\"\"\n\n\
         [[stops]]\ndate = \"2025-09-30\"\ntitle = \"Short\"\n\n[[stops]]\ndate = \"2026-03-13\"\ntitle = \"{long}\"\n",
        notes.join("\n")
    );
    std::fs::write(&path, text).unwrap();
    let mut h = small_window(path);
    h.run_steps(3);
    let delete = |h: &Harness<'_, DrawdownApp>| h.get_by_label(drawdown::DELETE_LABEL).rect();
    let first = delete(&h);
    assert!(first.min.y >= 0.0 && first.max.y <= 768.0, "{first:?}");
    // Scrolled down the first stop's long notes: the buttons stay.
    scroll_to(&mut h, drawdown::ADD_CALLOUT_LABEL);
    assert_eq!(delete(&h), first, "the editor's scroll does not take them");
    // Another stop, short-titled: the same place.
    h.get_by_label_contains("2. Short").click();
    h.run_steps(6);
    assert_eq!(h.state().current_stop(), Some(1));
    assert_eq!(delete(&h), first, "a short title does not move them");
    h.get_by_label(drawdown::MOVE_DOWN_LABEL).click();
    step(&mut h);
    assert_eq!(h.state().current_stop(), Some(2), "the moved stop stays shown");
    assert_eq!(delete(&h), first, "nor a long one");
}
