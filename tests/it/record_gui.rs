//! Keeping the record current from the window: the Sources window (every
//! source and what cites it, a click shows it) and the record form.

use std::path::PathBuf;

use crate::support::{app_at, date, harness, harness_with, load_file};
use drawdown::{
    BACK_BUTTON, COPY_PATH_LABEL, DEFAULT_SCENARIO_TOML, DrawdownApp, Effect, EntityPick, FileKind, FormCheck, FormField,
    PREVIEW_BUTTON, PREVIEW_LABEL, RECORD_MENU_LABEL, RECORD_TITLE, RecordCommand, RecordForm, ReportKind, SAVE_BUTTON,
    SOURCES_FILTER_LABEL, SOURCES_MENU_LABEL, SourcesCommand, TrackIdx, calendar_button_label, load_scenario_file,
};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

#[test]
fn the_sources_window_filters_and_a_click_shows_the_claim_on_its_track_and_day() {
    let mut h = harness("2025-10-01", 0);
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label(SOURCES_MENU_LABEL).click();
    h.run_steps(2);
    assert!(h.state().is_sources_open());
    // The menu closes, then the window shows.
    h.run_steps(2);
    h.get_by_label(SOURCES_FILTER_LABEL).click();
    h.run_steps(1);
    h.get_by_label(SOURCES_FILTER_LABEL).type_text("centcom, 12 feb");
    h.run_steps(2);
    assert_eq!(h.state().sources_filter(), "centcom, 12 feb");
    // Al-Tanf's handover rests on CENTCOM's report: its period on the
    // reported track, from 11 February 2026.
    let handover = h
        .get_all_by_label_contains("Al-Tanf garrison · ")
        .find(|row| {
            let label = row.accesskit_node().label().unwrap_or_default();
            label.starts_with("period: Reported") && label.contains("11 Feb 2026")
        })
        .unwrap_or_else(|| panic!("no row for Al-Tanf's handover"));
    handover.click();
    h.run_steps(2);
    let reported = h.state().data().scenario.track_idx("reported");
    assert_eq!(Some(h.state().track()), reported);
    assert_ne!(reported, Some(TrackIdx(0)), "the click changed the track");
    assert_eq!(h.state().date(), date("2026-02-11"));
    assert!(h.state().is_sources_open(), "the window stays for the next look-up");
}

#[test]
fn a_filter_that_finds_nothing_lists_no_claim_and_closing_forgets_the_index() {
    let mut h = harness("2025-10-01", 0);
    h.state_mut().apply(SourcesCommand::Toggle.into());
    h.run_steps(2);
    assert!(
        h.query_all_by_label_contains("period: ").next().is_some(),
        "open: claims listed"
    );
    h.state_mut()
        .apply(SourcesCommand::Filter("no source is called this".to_owned()).into());
    h.run_steps(2);
    assert!(h.query_all_by_label_contains("period: ").next().is_none());
    h.get_by_label_contains("0 of ");
    h.state_mut().apply(SourcesCommand::Toggle.into());
    h.run_steps(2);
    assert!(!h.state().is_sources_open());
    assert!(h.query_by_label_contains("0 of ").is_none());
}

/// Types `text` into the field labelled `label` (after what is there).
fn type_into(h: &mut Harness<'_, DrawdownApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run_steps(1);
    h.get_by_label(label).type_text(text);
    h.run_steps(2);
}

fn open_form(h: &mut Harness<'_, DrawdownApp>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::R);
    h.run_steps(3);
}

fn form(h: &Harness<'_, DrawdownApp>) -> RecordForm {
    h.state().record_form().cloned().expect("the form is open")
}

#[test]
fn ctrl_r_opens_the_form_on_the_shown_track_and_day_and_esc_closes_it() {
    let mut h = harness("2026-03-10", 1);
    open_form(&mut h);
    let opened = form(&h);
    assert_eq!(opened.track, "reported");
    assert_eq!(opened.from, "2026-03-10");
    h.get_by_label(RECORD_TITLE);
    h.get_by_label(FormField::Source.label());
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.state().record_form().is_none());
    assert!(h.query_by_label(RECORD_TITLE).is_none());
}

#[test]
fn the_file_menu_opens_the_form_too() {
    let mut h = harness("2026-03-10", 1);
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label(RECORD_MENU_LABEL).click();
    h.run_steps(3);
    assert!(h.state().record_form().is_some());
}

#[test]
fn the_form_says_what_is_wrong_by_the_field_as_you_type() {
    let mut h = harness("2026-03-10", 1);
    open_form(&mut h);
    // No status until one is picked, and "No report" is not offered: the
    // map says it by itself after the last report.
    assert_eq!(form(&h).status, "");
    assert!(
        matches!(&form(&h).check, FormCheck::Problem(p) if p.field == Some(FormField::Status)),
        "{:?}",
        form(&h).check
    );
    h.get_by_label(FormField::Status.label()).click();
    h.run_steps(2);
    assert!(h.query_all_by_label("No report").next().is_none(), "no_report is offered");
    h.get_all_by_label("Transition under way").last().unwrap().click();
    h.run_steps(2);
    assert_eq!(form(&h).status, "drawdown");
    assert!(
        matches!(&form(&h).check, FormCheck::Problem(p) if p.field == Some(FormField::Source)),
        "{:?}",
        form(&h).check
    );
    h.get_by_label_contains("Name the source");
    type_into(&mut h, FormField::Source.label(), "Rudaw, 10 Mar 2026");
    assert_eq!(form(&h).source, "Rudaw, 10 Mar 2026");
    assert!(h.query_all_by_label_contains("Name the source").next().is_none());
    assert!(
        !matches!(form(&h).check, FormCheck::Problem(_)),
        "{:?}",
        form(&h).check
    );

    type_into(&mut h, FormField::To.label(), "2026-03-01");
    assert!(
        matches!(&form(&h).check, FormCheck::Problem(p) if p.field == Some(FormField::To)),
        "{:?}",
        form(&h).check
    );
    h.get_by_label_contains("is before the event date 2026-03-10");

    let impossible = RecordForm {
        to: "2026-02-30".to_owned(),
        ..form(&h)
    };
    h.state_mut()
        .apply(RecordCommand::Edit(Box::new(impossible)).into());
    assert!(
        matches!(&form(&h).check, FormCheck::Problem(p) if p.field == Some(FormField::To) && p.message.contains("not a date")),
        "{:?}",
        form(&h).check
    );
}

#[test]
fn the_calendar_under_a_date_field_picks_a_day() {
    let mut h = harness("2026-03-10", 1);
    open_form(&mut h);
    h.get_by_label(&calendar_button_label(FormField::To)).click();
    h.run_steps(2);
    // It opens on the event date's month.
    h.get_by_label("21 March 2026").click();
    h.run_steps(2);
    assert_eq!(form(&h).to, "2026-03-21");
    assert_eq!(form(&h).calendar, None, "a pick closes it");
}

/// A copy of the shipped scenario in a temporary folder, opened in the
/// app on the reported track.
fn opened_copy(start: &str) -> (tempfile::TempDir, PathBuf, Harness<'static, DrawdownApp>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scenario.toml");
    std::fs::write(&path, DEFAULT_SCENARIO_TOML).unwrap();
    let mut app = app_at(start, 1);
    load_file(&mut app, FileKind::Scenario, &path);
    assert_eq!(app.data().sources.scenario.as_deref(), Some(path.as_path()));
    (dir, path, harness_with(app))
}

/// Replaces what the field labelled `label` holds with `text`.
fn replace_in(h: &mut Harness<'_, DrawdownApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(1);
    h.get_by_label(label).type_text(text);
    h.run_steps(2);
}

/// The status id of `region` on `day` on the reported track, as shown.
fn shown_status(h: &Harness<'_, DrawdownApp>, region: &str, day: &str) -> String {
    let s = &h.state().data().scenario;
    let track = s.track_idx("reported").unwrap();
    let region = s.region_idx(region).unwrap();
    let status = s.status_on(track, region, date(day)).unwrap();
    s.statuses[status.0].id.clone()
}

/// Fills the form through its widgets: Federal Iraq (the first region)
/// handed over on 21 March 2026, with its source.
fn fill_handover(h: &mut Harness<'_, DrawdownApp>) {
    open_form(h);
    assert_eq!(form(h).entity, EntityPick::Region("federal_iraq".to_owned()));
    replace_in(h, FormField::From.label(), "2026-03-21");
    h.get_by_label(FormField::Status.label()).click();
    h.run_steps(2);
    h.get_all_by_label("Coalition mission over").last().unwrap().click();
    h.run_steps(2);
    assert_eq!(form(h).status, "ended");
    type_into(h, FormField::Source.label(), "Test wire, 21 Mar 2026");
    assert!(
        matches!(form(h).check, FormCheck::Ready { .. }),
        "{:?}",
        form(h).check
    );
}

#[test]
fn a_report_filled_in_the_form_previews_on_the_map_saves_into_the_file_and_undoes() {
    let (_dir, path, mut h) = opened_copy("2026-03-10");
    let original = std::fs::read(&path).unwrap();
    let before = shown_status(&h, "federal_iraq", "2026-03-21");
    assert_ne!(before, "ended");
    fill_handover(&mut h);

    h.get_by_label(PREVIEW_BUTTON).click();
    // The bar over the map is sized in its first frame, shown in the next.
    h.run_steps(4);
    assert!(h.state().is_previewing());
    h.get_by_label(PREVIEW_LABEL);
    assert_eq!(h.state().date(), date("2026-03-21"), "the preview shows the recorded day");
    assert_eq!(shown_status(&h, "federal_iraq", "2026-03-21"), "ended");
    assert_eq!(std::fs::read(&path).unwrap(), original, "a preview writes nothing");

    h.get_by_label(SAVE_BUTTON).click();
    h.run_steps(2);
    assert!(!h.state().is_previewing());
    assert!(h.state().record_form().is_none(), "saved: the form closes");
    let saved = std::fs::read_to_string(&path).unwrap();
    assert_ne!(saved.as_bytes(), original.as_slice());
    assert!(saved.contains("Test wire, 21 Mar 2026"), "{saved}");
    assert_eq!(
        h.state().data().scenario,
        load_scenario_file(&path).unwrap(),
        "the app shows what the file now says"
    );
    assert_eq!(shown_status(&h, "federal_iraq", "2026-03-21"), "ended");
    // A second and more of frames: the watch has polled the file since.
    h.run_steps(90);
    assert!(!h.state().is_loading(), "the app's own write is not reloaded");
    let notice = h.state().notice().unwrap_or_default().to_owned();
    assert!(notice.starts_with("Recorded in"), "{notice}");

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(std::fs::read(&path).unwrap(), original, "undone on disk");
    assert_eq!(shown_status(&h, "federal_iraq", "2026-03-21"), before);
    h.run_steps(90);
    assert!(!h.state().is_loading(), "nor is the undo's");
    assert!(!h.state().can_undo_record());
}

#[test]
fn undo_keeps_an_edit_made_to_the_file_since() {
    let (_dir, path, mut h) = opened_copy("2026-03-10");
    fill_handover(&mut h);
    h.state_mut().apply(RecordCommand::Save.into());
    let mut edited = std::fs::read_to_string(&path).unwrap();
    edited.push_str("\n# edited by hand\n");
    std::fs::write(&path, &edited).unwrap();
    h.state_mut().apply(RecordCommand::Undo.into());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
    let notice = h.state().notice().unwrap_or_default().to_owned();
    assert!(notice.starts_with("Not undone"), "{notice}");
}

#[test]
fn with_the_embedded_data_a_save_asks_where_to_save_a_copy_and_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness("2026-03-10", 1);
    fill_handover(&mut h);
    let asked = h.state_mut().apply(RecordCommand::Save.into());
    assert_eq!(asked, vec![Effect::PickScenarioCopy]);
    // No file dialog on this desktop: the form offers a path field.
    h.state_mut()
        .apply(RecordCommand::PickCopyFailed("no dialog here".to_owned()).into());
    h.run_steps(2);
    let copy = dir.path().join("my scenario.toml");
    replace_in(&mut h, COPY_PATH_LABEL, copy.to_str().unwrap());
    h.get_by_label(SAVE_BUTTON).click();
    h.run_steps(2);
    let written = std::fs::read_to_string(&copy).unwrap();
    assert!(written.contains("Test wire, 21 Mar 2026"));
    h.state_mut().wait_for_load();
    assert_eq!(h.state().data().sources.scenario.as_deref(), Some(copy.as_path()));
    assert_eq!(shown_status(&h, "federal_iraq", "2026-03-21"), "ended");
}

#[test]
fn back_to_the_form_shows_the_saved_data_again_and_esc_ends_a_preview() {
    let mut h = harness("2026-03-10", 1);
    let before = shown_status(&h, "federal_iraq", "2026-03-21");
    fill_handover(&mut h);
    h.get_by_label(PREVIEW_BUTTON).click();
    // The bar over the map is sized in its first frame, shown in the next.
    h.run_steps(4);
    assert_eq!(shown_status(&h, "federal_iraq", "2026-03-21"), "ended");
    h.get_by_label(BACK_BUTTON).click();
    h.run_steps(2);
    assert!(!h.state().is_previewing());
    assert_eq!(shown_status(&h, "federal_iraq", "2026-03-21"), before);
    assert_eq!(form(&h).source, "Test wire, 21 Mar 2026", "the form keeps what was typed");

    h.get_by_label(PREVIEW_BUTTON).click();
    // The bar over the map is sized in its first frame, shown in the next.
    h.run_steps(4);
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(!h.state().is_previewing());
    assert_eq!(shown_status(&h, "federal_iraq", "2026-03-21"), before);
    assert!(h.state().record_form().is_some(), "Esc ends the preview first");
}

#[test]
fn a_troop_figure_and_a_milestone_are_recorded_from_the_form_too() {
    let (_dir, path, mut h) = opened_copy("2026-03-22");
    let figures = h.state().data().scenario.troops.len();
    open_form(&mut h);
    h.get_by_label(ReportKind::Troops.label()).click();
    h.run_steps(2);
    assert_eq!(form(&h).kind, ReportKind::Troops);
    type_into(&mut h, FormField::Low.label(), "900");
    type_into(&mut h, FormField::Source.label(), "Test wire, 22 Mar 2026");
    assert!(
        matches!(form(&h).check, FormCheck::Ready { .. }),
        "{:?}",
        form(&h).check
    );
    // A figure shows only in the troop panel: its preview opens it.
    assert!(!h.state().panels().contains(drawdown::Panel::Troops));
    h.state_mut().apply(RecordCommand::Preview.into());
    h.run_steps(2);
    assert!(h.state().panels().contains(drawdown::Panel::Troops), "the preview shows the figure");
    h.get_by_label(SAVE_BUTTON).click();
    h.run_steps(2);
    let scenario = &h.state().data().scenario;
    assert_eq!(scenario.troops.len(), figures + 1);
    assert!(
        scenario
            .troops
            .iter()
            .any(|t| t.date == date("2026-03-22") && t.low == 900 && t.high == 900)
    );
    assert_eq!(scenario, &load_scenario_file(&path).unwrap());

    let milestones = scenario.milestones.len();
    open_form(&mut h);
    h.get_by_label(ReportKind::Milestone.label()).click();
    h.run_steps(2);
    type_into(&mut h, FormField::Title.label(), "Test milestone");
    assert!(
        matches!(&form(&h).check, FormCheck::Problem(p) if p.field == Some(FormField::Source)),
        "{:?}",
        form(&h).check
    );
    type_into(&mut h, FormField::Source.label(), "Test wire, 22 Mar 2026");
    h.state_mut().apply(RecordCommand::Save.into());
    let scenario = &h.state().data().scenario;
    assert_eq!(scenario.milestones.len(), milestones + 1);
    assert!(scenario.milestones.iter().any(|m| m.title == "Test milestone"));
}

#[test]
fn a_report_past_the_record_end_says_the_whole_track_moves_with_it() {
    let mut h = harness("2026-03-10", 1);
    open_form(&mut h);
    let later = RecordForm {
        from: "2026-04-01".to_owned(),
        status: "ended".to_owned(),
        source: "Test wire, 1 Apr 2026".to_owned(),
        ..form(&h)
    };
    h.state_mut().apply(RecordCommand::Edit(Box::new(later)).into());
    h.run_steps(2);
    let FormCheck::Ready { moves, .. } = form(&h).check else {
        panic!("{:?}", form(&h).check);
    };
    assert_eq!(
        moves,
        ["Moves the record's end of \"Reported\" from 20 March 2026 to 1 April 2026: every region and base without \
          a later report holds its last status until then."]
    );
    h.get_by_label_contains("Moves the record's end of \"Reported\"");
    // Inside the record, nothing moves.
    let inside = RecordForm {
        from: "2026-03-05".to_owned(),
        ..form(&h)
    };
    h.state_mut().apply(RecordCommand::Edit(Box::new(inside)).into());
    h.run_steps(2);
    assert!(matches!(&form(&h).check, FormCheck::Ready { moves, .. } if moves.is_empty()), "{:?}", form(&h).check);
}

#[test]
fn a_report_that_becomes_the_last_quotes_what_was_still_unknown() {
    let mut h = harness("2026-03-10", 1);
    open_form(&mut h);
    let handover = RecordForm {
        entity: EntityPick::Base("qasrak".to_owned()),
        from: "2026-03-14".to_owned(),
        as_of: "2026-03-25".to_owned(),
        status: "ended".to_owned(),
        source: "Test wire, 25 Mar 2026".to_owned(),
        ..form(&h)
    };
    h.state_mut().apply(RecordCommand::Edit(Box::new(handover)).into());
    h.run_steps(2);
    let FormCheck::Ready { moves, .. } = form(&h).check else {
        panic!("{:?}", form(&h).check);
    };
    assert!(
        moves.iter().any(|m| m.starts_with("This report is now the last on record here")
            && m.contains("neither a handover nor a later status is on record")),
        "{moves:?}"
    );
}

#[test]
fn esc_in_an_open_dropdown_closes_the_dropdown_not_the_form() {
    let mut h = harness("2026-03-10", 1);
    open_form(&mut h);
    h.get_by_label(FormField::Status.label()).click();
    h.run_steps(2);
    assert!(h.query_all_by_label("Transition under way").next().is_some(), "the list is open");
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.state().record_form().is_some(), "the form and its draft stay");
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.state().record_form().is_none(), "a second Esc closes the form");
}
