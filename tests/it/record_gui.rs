//! Keeping the record current from the window: the Sources window (every
//! source and what cites it, a click shows it) and the record form.

use crate::support::{date, harness};
use drawdown::{SOURCES_FILTER_LABEL, SOURCES_MENU_LABEL, SourcesCommand, TrackIdx};
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
