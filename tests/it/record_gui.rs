//! Keeping the record current from the window: the Sources window (every
//! source and what cites it, a click shows it) and the record form.

use crate::support::{date, harness};
use drawdown::{
    DrawdownApp, FormCheck, FormField, RECORD_MENU_LABEL, RECORD_TITLE, RecordCommand, RecordForm,
    SOURCES_FILTER_LABEL, SOURCES_MENU_LABEL, SourcesCommand, TrackIdx, calendar_button_label,
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
