//! The "what changed" caption is true of the day it shows, whichever way
//! the date moved: a change is stated plainly only when it happened on the
//! shown day; after a jump the caption names the date it compares with.

use crate::support::{app_at, date, harness};
use drawdown::{CHART_LABEL, DrawdownApp, SLIDER_LABEL, TimeCommand, TrackIdx, default_x_bounds, plot_x, screen_x};
use egui::{Event, Key, Modifiers, PointerButton, Pos2, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

/// What the announced plan says happened on 1 Oct 2025.
const FIRST_OCT_2025: &str = "Federal Iraq: Transition under way » Coalition mission over; \
     Kurdistan Region: Coalition military mission » Support for operations in Syria (Announced plan)";

fn press(h: &mut Harness<'_, DrawdownApp>, key: Key) {
    h.key_press(key);
    h.run_steps(2);
}

fn click_at(h: &mut Harness<'_, DrawdownApp>, pos: Pos2) {
    h.hover_at(pos);
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run_steps(4);
}

fn go_to_typed(h: &mut Harness<'_, DrawdownApp>, text: &str) {
    press(h, Key::G);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Go to date").type_text(text);
    h.run_steps(2);
    press(h, Key::Enter);
}

#[test]
fn a_typed_date_far_back_says_which_date_it_compares_with() {
    // The reported record ends in March 2026; on 27 Sep 2024 federal Iraq
    // entered its transition. "No report » Transition under way" is not
    // what happened on 27 Sep 2024, so the caption must not say it plainly.
    let mut h = harness("2026-12-07", 1);
    go_to_typed(&mut h, "2024-09-27");
    assert_eq!(h.state().date(), date("2024-09-27"));
    let caption = h.state().change_caption().unwrap();
    assert!(
        caption.starts_with("Back from 7 Dec 2026: Federal Iraq: No report » Transition under way"),
        "{caption}"
    );
}

#[test]
fn a_typed_date_far_ahead_says_since_when() {
    let mut h = harness("2024-09-01", 0);
    go_to_typed(&mut h, "2026-01-18");
    let caption = h.state().change_caption().unwrap();
    assert!(caption.starts_with("Since 1 Sep 2024: Federal Iraq: "), "{caption}");
}

#[test]
fn a_typed_date_one_day_on_states_that_days_change_plainly() {
    let mut h = harness("2025-09-30", 0);
    go_to_typed(&mut h, "2025-10-01");
    assert_eq!(h.state().change_caption().as_deref(), Some(FIRST_OCT_2025));
}

#[test]
fn a_step_key_of_a_day_states_the_change_and_a_month_says_since_when() {
    let mut h = harness("2025-09-30", 0);
    press(&mut h, Key::ArrowRight);
    assert_eq!(h.state().change_caption().as_deref(), Some(FIRST_OCT_2025));

    let mut h = harness("2025-09-15", 0);
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    h.run_steps(2);
    assert_eq!(h.state().date(), date("2025-10-15"));
    let caption = h.state().change_caption().unwrap();
    assert_eq!(caption, format!("Since 15 Sep 2025: {FIRST_OCT_2025}"));

    // A day back over the boundary: what changed is the day left behind.
    let mut h = harness("2025-10-01", 0);
    press(&mut h, Key::ArrowLeft);
    let caption = h.state().change_caption().unwrap();
    assert!(
        caption.starts_with("Back from 1 Oct 2025: Federal Iraq: Coalition mission over » Transition under way"),
        "{caption}"
    );
}

#[test]
fn the_next_milestone_on_its_change_day_states_the_change_plainly() {
    // 27 Sep 2024: federal Iraq's transition starts that very day, so the
    // jump from 1 Sep crossed only that day's change.
    let mut h = harness("2024-09-01", 0);
    press(&mut h, Key::PageDown);
    assert_eq!(h.state().date(), date("2024-09-27"));
    assert_eq!(
        h.state().change_caption().as_deref(),
        Some("Federal Iraq: Coalition military mission » Transition under way (Announced plan)")
    );
}

#[test]
fn a_playback_tick_that_lands_past_the_change_day_says_since_when() {
    let mut app = app_at("2025-09-25", 0);
    let _ = app.apply(TimeCommand::SetSpeed(30.0).into());
    let _ = app.apply(TimeCommand::TogglePlay.into());
    // 30 days a second for a quarter second: 7 days, past 1 Oct.
    let _ = app.apply(
        TimeCommand::Tick {
            now_secs: 1.0,
            dt_secs: 0.25,
        }
        .into(),
    );
    assert_eq!(app.date(), date("2025-10-02"));
    assert_eq!(
        app.change_caption(),
        Some(format!("Since 25 Sep 2025: {FIRST_OCT_2025}"))
    );

    // A tick that lands on the change day states it plainly.
    let mut app = app_at("2025-09-25", 0);
    let _ = app.apply(TimeCommand::SetSpeed(30.0).into());
    let _ = app.apply(TimeCommand::TogglePlay.into());
    let _ = app.apply(
        TimeCommand::Tick {
            now_secs: 1.0,
            dt_secs: 0.2,
        }
        .into(),
    );
    assert_eq!(app.date(), date("2025-10-01"));
    assert_eq!(app.change_caption().as_deref(), Some(FIRST_OCT_2025));
}

#[test]
fn a_click_on_the_slider_far_ahead_says_since_when() {
    let mut h = harness("2025-09-30", 0);
    let rail = h.get_by_label(SLIDER_LABEL).rect();
    click_at(&mut h, pos2(rail.right() - 2.0, rail.center().y));
    assert!(h.state().date() > date("2027-01-01"), "{}", h.state().date());
    let caption = h.state().change_caption().unwrap();
    assert!(caption.starts_with("Since 30 Sep 2025: "), "{caption}");
}

#[test]
fn a_click_on_the_chart_says_since_when() {
    let mut h = harness("2025-09-30", 0);
    let range = h.state().data().scenario.range;
    let frame = h.get_by_label(CHART_LABEL).rect();
    let x = screen_x(frame, default_x_bounds(range), plot_x(range, date("2026-01-18")));
    click_at(&mut h, pos2(x, frame.center().y));
    assert_eq!(h.state().date(), date("2026-01-18"));
    assert_eq!(
        h.state().change_caption(),
        Some(format!("Since 30 Sep 2025: {FIRST_OCT_2025}"))
    );
    assert_eq!(h.state().track(), TrackIdx(0));
}
