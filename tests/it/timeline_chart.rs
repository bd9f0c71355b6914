//! The timeline chart: its pure mappings (plot x ↔ date, rows, calendar
//! marks, view limits), and the widget driven headless with egui_kittest —
//! clicks and drags set the date, right-drag pans, the wheel zooms, the
//! milestone labels jump. No display, no GPU, no wall clock.

use drawdown::load::scenario::{DEFAULT_SCENARIO_NAME, DEFAULT_SCENARIO_TOML, parse_scenario};
use drawdown::model::{Date, DateRange, Scenario, TrackIdx};
use drawdown::ui::timeline_chart::{
    CHART_LABEL, MIN_VIEW_DAYS, RowSpan, TimelineChart, calendar_label, calendar_marks, clamp_view_x, date_from_plot_x,
    default_x_bounds, plot_x, rows, screen_x, summary,
};
use egui::{Event, Modifiers, PointerButton, Pos2, Rect, Shape, Vec2, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use egui_plot::GridMark;

use crate::support::date;

fn scenario() -> Scenario {
    parse_scenario(DEFAULT_SCENARIO_TOML, DEFAULT_SCENARIO_NAME).unwrap()
}

/// What the harness shows: the chart over the embedded scenario, the date
/// it sets, and every date it returned (to tell "nothing" from "the same").
struct State {
    scenario: Scenario,
    date: Date,
    tracks: Option<Vec<TrackIdx>>,
    today: Option<Date>,
    picks: Vec<Date>,
}

const CHART_HEIGHT: f32 = 240.0;

fn harness_with(date: Date, tracks: Option<Vec<TrackIdx>>, today: Option<Date>) -> Harness<'static, State> {
    harness_stepping(date, tracks, today, 0.25)
}

/// `step_dt`: seconds per frame. The harness feeds one queued event per
/// frame, so a double-click needs frames shorter than egui's 0.3 s limit.
fn harness_stepping(
    date: Date,
    tracks: Option<Vec<TrackIdx>>,
    today: Option<Date>,
    step_dt: f32,
) -> Harness<'static, State> {
    let state = State {
        scenario: scenario(),
        date,
        tracks,
        today,
        picks: Vec::new(),
    };
    let mut harness = Harness::builder()
        .with_size([1200.0, 300.0])
        .with_step_dt(step_dt)
        .build_ui_state(
            |ui, state: &mut State| {
                let mut chart = TimelineChart::new(&state.scenario, state.date)
                    .with_today(state.today)
                    .with_height(CHART_HEIGHT);
                if let Some(tracks) = &state.tracks {
                    chart = chart.with_tracks(tracks);
                }
                if let Some(d) = chart.ui(ui) {
                    state.picks.push(d);
                    state.date = d;
                }
            },
            state,
        );
    harness.run();
    harness
}

fn harness(date: Date) -> Harness<'static, State> {
    harness_with(date, None, None)
}

/// The plot frame: the rect of the chart's accessible node.
fn frame(harness: &Harness<'_, State>) -> Rect {
    harness.get_by_label(CHART_LABEL).rect()
}

/// Where `d` sits on screen before any zoom or pan.
fn default_pos(harness: &Harness<'_, State>, d: Date) -> Pos2 {
    let range = harness.state().scenario.range;
    let frame = frame(harness);
    pos2(
        screen_x(frame, default_x_bounds(range), plot_x(range, d)),
        frame.center().y,
    )
}

fn press(harness: &Harness<'_, State>, pos: Pos2, button: PointerButton, pressed: bool) {
    harness.event(Event::PointerButton {
        pos,
        button,
        pressed,
        modifiers: Modifiers::NONE,
    });
}

fn click_at(harness: &mut Harness<'_, State>, pos: Pos2) {
    harness.hover_at(pos);
    press(harness, pos, PointerButton::Primary, true);
    press(harness, pos, PointerButton::Primary, false);
    harness.run_steps(4);
}

/// Drags with `button` from `from` through `to` in `steps` frames, then
/// releases; returns the date after each frame of the drag.
fn drag(harness: &mut Harness<'_, State>, button: PointerButton, from: Pos2, to: &[Pos2]) -> Vec<Date> {
    harness.hover_at(from);
    press(harness, from, button, true);
    harness.run();
    let mut dates = Vec::new();
    for &p in to {
        harness.hover_at(p);
        harness.run();
        dates.push(harness.state().date);
    }
    let last = to.last().copied().unwrap_or(from);
    press(harness, last, button, false);
    harness.run();
    dates
}

/// Every text painted this frame.
fn painted_texts(harness: &Harness<'_, State>) -> Vec<(String, Rect)> {
    fn walk(shape: &Shape, out: &mut Vec<(String, Rect)>) {
        match shape {
            Shape::Text(text) => out.push((text.galley.text().to_owned(), text.visual_bounding_rect())),
            Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &harness.output().shapes {
        walk(&clipped.shape, &mut out);
    }
    out
}

fn painted(harness: &Harness<'_, State>, text: &str) -> bool {
    painted_texts(harness).iter().any(|(t, _)| t == text)
}

// --- Pure mappings -------------------------------------------------------

#[test]
fn plot_x_round_trips_at_the_range_ends_and_every_boundary() {
    let s = scenario();
    let range = s.range;
    assert_eq!(plot_x(range, range.start), 0.0);
    assert_eq!(plot_x(range, range.end), range.len_days() as f64);
    let mut days = vec![range.start, range.end, date("2025-10-01"), date("2024-02-29")];
    for t in 0..s.tracks.len() {
        days.extend(s.boundaries(TrackIdx(t)));
    }
    days.extend(s.milestones.iter().map(|m| m.date));
    assert!(days.len() > 10, "the scenario has boundaries");
    for d in days {
        let x = plot_x(range, d);
        assert_eq!(date_from_plot_x(range, x), d, "{d}");
        // Anywhere within half a day of the day's start is still that day.
        assert_eq!(date_from_plot_x(range, x + 0.49), d, "{d} + 0.49");
        if d > range.start {
            assert_eq!(date_from_plot_x(range, x - 0.49), d, "{d} - 0.49");
        }
    }
}

#[test]
fn date_from_plot_x_rounds_and_clamps() {
    let range = DateRange {
        start: date("2024-02-27"),
        end: date("2024-03-02"),
    };
    assert_eq!(date_from_plot_x(range, 1.4), date("2024-02-28"));
    assert_eq!(date_from_plot_x(range, 1.6), date("2024-02-29"));
    assert_eq!(date_from_plot_x(range, -3.0), range.start);
    assert_eq!(date_from_plot_x(range, 99.0), range.end);
    assert_eq!(date_from_plot_x(range, 5.0), range.end, "the end of the last day");
    assert_eq!(date_from_plot_x(range, f64::NAN), range.start);
    assert_eq!(date_from_plot_x(range, f64::INFINITY), range.end);
    assert_eq!(date_from_plot_x(range, f64::NEG_INFINITY), range.start);
    assert_eq!(default_x_bounds(range), [0.0, 5.0]);
}

#[test]
fn screen_x_is_the_plots_linear_mapping() {
    let frame = Rect::from_min_max(pos2(100.0, 0.0), pos2(600.0, 50.0));
    assert_eq!(screen_x(frame, [0.0, 10.0], 0.0), 100.0);
    assert_eq!(screen_x(frame, [0.0, 10.0], 10.0), 600.0);
    assert_eq!(screen_x(frame, [0.0, 10.0], 5.0), 350.0);
    assert_eq!(screen_x(frame, [-10.0, 10.0], 0.0), 350.0);
}

#[test]
fn rows_are_region_major_and_match_the_periods() {
    let s = scenario();
    let all: Vec<TrackIdx> = (0..s.tracks.len()).map(TrackIdx).collect();
    let rows = rows(&s, &all);
    assert_eq!(rows.len(), s.regions.len() * s.tracks.len());
    assert_eq!(rows[0].label, "Federal Iraq · announced");
    assert_eq!(rows[1].label, "Federal Iraq · reported");
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(row.region.0, i / s.tracks.len());
        assert_eq!(row.track.0, i % s.tracks.len());
        let periods = &s.track(row.track).periods[row.region.0];
        let expected: Vec<RowSpan> = periods
            .iter()
            .map(|p| RowSpan {
                from: p.from,
                to: p.to,
                status: p.status,
            })
            .collect();
        assert_eq!(row.spans, expected, "{}", row.label);
        assert!(!row.spans.is_empty());
    }
}

#[test]
fn with_one_track_only_its_rows_exist() {
    let s = scenario();
    let reported = s.track_idx("reported").unwrap();
    let only = rows(&s, &[reported]);
    assert_eq!(only.len(), s.regions.len());
    assert!(
        only.iter()
            .all(|r| r.track == reported && r.label.ends_with("· reported"))
    );
    let names: Vec<&str> = only.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(
        names,
        [
            "Federal Iraq · reported",
            "Kurdistan Region · reported",
            "Syria · reported"
        ]
    );
    // Unknown tracks are skipped, not a panic.
    assert!(rows(&s, &[TrackIdx(99)]).is_empty());
    assert!(rows(&s, &[]).is_empty());
}

#[test]
fn calendar_marks_label_years_then_months_when_zoomed_in() {
    let range = scenario().range;
    let whole = default_x_bounds(range);
    // The whole range at ~0.25 px/day: base step of 8 px is ~32 days.
    let marks = calendar_marks(range, (whole[0], whole[1]), 32.0);
    let years: Vec<String> = marks
        .iter()
        .filter(|m| m.step_size >= 365.0)
        .map(|m| calendar_label(range, *m))
        .collect();
    assert_eq!(years.first().map(String::as_str), Some("2015"));
    assert_eq!(years.last().map(String::as_str), Some("2027"));
    assert_eq!(years.len(), 13);
    assert!(marks.iter().all(|m| m.step_size >= 365.0), "no months at this scale");
    // 1 January 2020 is a ten-year mark, 2025 a five-year one.
    let step_of = |d: &str| {
        marks
            .iter()
            .find(|m| m.value == plot_x(range, date(d)))
            .map(|m| m.step_size)
    };
    assert!(step_of("2020-01-01").unwrap() > step_of("2025-01-01").unwrap());
    assert!(step_of("2025-01-01").unwrap() > step_of("2021-01-01").unwrap());

    // Two months in view at ~10 px/day: months and days.
    let lo = plot_x(range, date("2025-09-10"));
    let hi = plot_x(range, date("2025-11-10"));
    let marks = calendar_marks(range, (lo, hi), 0.8);
    let oct = marks
        .iter()
        .find(|m| m.value == plot_x(range, date("2025-10-01")))
        .unwrap();
    assert_eq!(calendar_label(range, *oct), "Oct 2025");
    let day = marks
        .iter()
        .find(|m| m.value == plot_x(range, date("2025-10-15")))
        .unwrap();
    assert_eq!(calendar_label(range, *day), "15 Oct");
    assert!(marks.iter().all(|m| (lo..=hi).contains(&m.value)));
    assert_eq!(
        calendar_label(
            range,
            GridMark {
                value: plot_x(range, date("2026-01-01")),
                step_size: 365.25
            }
        ),
        "2026"
    );
    // Degenerate bounds give nothing rather than a flood of marks.
    assert!(calendar_marks(range, (0.0, f64::INFINITY), 1.0).is_empty());
    assert!(calendar_marks(range, (5.0, 5.0), 1.0).is_empty());
}

#[test]
fn the_view_stays_near_the_range_and_no_narrower_than_a_week() {
    let range = scenario().range;
    let [lo, hi] = default_x_bounds(range);
    assert_eq!(clamp_view_x(range, [lo, hi]), [lo, hi], "the default view is kept");
    let inside = [1000.0, 1100.0];
    assert_eq!(clamp_view_x(range, inside), inside);
    // Zoomed out too far: the range plus a small margin.
    let [a, b] = clamp_view_x(range, [-1e5, 1e5]);
    assert!(a < lo && b > hi && b - a < 1.05 * (hi - lo), "{a} {b}");
    // Zoomed in too far: a week around the same centre.
    let [a, b] = clamp_view_x(range, [1000.0, 1000.5]);
    assert!((b - a - MIN_VIEW_DAYS).abs() < 1e-9 && (a + b - 2000.5).abs() < 1e-9);
    // Panned past the end: pulled back, width kept.
    let [a, b] = clamp_view_x(range, [hi + 500.0, hi + 600.0]);
    assert!((b - a - 100.0).abs() < 1e-9 && b <= hi * 1.03, "{a} {b}");
    assert_eq!(clamp_view_x(range, [f64::NAN, 3.0]), [lo, hi]);
}

// --- The widget ----------------------------------------------------------

#[test]
fn the_chart_has_an_accessible_name_and_says_what_the_date_shows() {
    let harness = harness(date("2025-10-01"));
    let node = harness.get_by_label(CHART_LABEL);
    let value = node.value().unwrap_or_default();
    assert!(value.starts_with("1 October 2025"), "{value}");
    let s = &harness.state().scenario;
    let fed = s.region_idx("federal_iraq").unwrap();
    let label = |t: &str| {
        let status = s.status_on(s.track_idx(t).unwrap(), fed, date("2025-10-01")).unwrap();
        s.status(status).label.clone()
    };
    assert!(
        value.contains(&format!("Federal Iraq · announced: {}", label("announced"))),
        "{value}"
    );
    assert!(
        value.contains(&format!("Federal Iraq · reported: {}", label("reported"))),
        "{value}"
    );
    assert!(frame(&harness).width() > 800.0, "the plot fills the width");
}

#[test]
fn clicking_sets_the_date_under_the_pointer_exactly() {
    let mut harness = harness(date("2018-01-01"));
    for target in ["2025-10-01", "2014-08-01", "2027-06-30", "2021-12-09"] {
        let pos = default_pos(&harness, date(target));
        click_at(&mut harness, pos);
        assert_eq!(harness.state().date, date(target), "click at {pos:?}");
    }
    assert_eq!(harness.state().picks.len(), 4);
    // Clicking the current date again returns nothing.
    let pos = default_pos(&harness, date("2021-12-09"));
    click_at(&mut harness, pos);
    assert_eq!(harness.state().picks.len(), 4);
}

#[test]
fn dragging_moves_the_date_continuously() {
    let mut harness = harness(date("2016-01-01"));
    let start = default_pos(&harness, date("2016-01-01"));
    let stops = ["2018-06-15", "2020-03-01", "2023-11-20", "2019-07-04"];
    let path: Vec<Pos2> = stops.iter().map(|d| default_pos(&harness, date(d))).collect();
    let dates = drag(&mut harness, PointerButton::Primary, start, &path);
    let expected: Vec<Date> = stops.iter().map(|d| date(d)).collect();
    assert_eq!(dates, expected);
    // Past the end of the plot: clamped to the range.
    let f = frame(&harness);
    let dates = drag(
        &mut harness,
        PointerButton::Primary,
        path[3],
        &[pos2(f.right() + 200.0, f.center().y)],
    );
    assert_eq!(dates, [harness.state().scenario.range.end]);
}

/// Scrolls the wheel by `dy` points over `pos` and lets the smoothing settle.
fn wheel(harness: &mut Harness<'_, State>, pos: Pos2, dy: f32) {
    harness.hover_at(pos);
    harness.event(Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: Vec2::new(0.0, dy),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: Modifiers::NONE,
    });
    harness.run_steps(30);
}

#[test]
fn the_wheel_zooms_in_time_around_the_pointer() {
    let mut harness = harness(date("2020-01-01"));
    let centre = date("2025-10-01");
    let pos = default_pos(&harness, centre);
    let right = pos + Vec2::new(100.0, 0.0);
    click_at(&mut harness, right);
    let before = harness.state().date;
    let days_before = (before - centre).num_days();

    wheel(&mut harness, pos, 400.0);
    assert_eq!(harness.state().date, before, "zooming leaves the date alone");
    click_at(&mut harness, pos);
    let at_pointer = harness.state().date;
    assert!((at_pointer - centre).num_days().abs() <= 1, "{at_pointer}");
    click_at(&mut harness, right);
    let days_after = (harness.state().date - at_pointer).num_days();
    assert!(
        days_after > 0 && days_after * 2 < days_before,
        "100 px spanned {days_before} days before the zoom, {days_after} after"
    );
}

#[test]
fn right_drag_pans_in_time_without_setting_the_date_and_double_click_resets() {
    let mut harness = harness_stepping(date("2020-01-01"), None, None, 0.05);
    let target = date("2022-01-01");
    let pos = default_pos(&harness, target);
    // At the whole range there is (almost) nowhere to pan: zoom in first.
    wheel(&mut harness, pos, 400.0);
    click_at(&mut harness, pos);
    let zoomed = harness.state().date;
    assert!((zoomed - target).num_days().abs() <= 1, "{zoomed}");
    click_at(&mut harness, pos + Vec2::new(100.0, 0.0));
    let days_per_100px = (harness.state().date - zoomed).num_days();

    let dates = drag(
        &mut harness,
        PointerButton::Secondary,
        pos,
        &[pos + Vec2::new(60.0, 0.0), pos + Vec2::new(100.0, 40.0)],
    );
    let before_pan = harness.state().date;
    assert_eq!(dates, [before_pan; 2], "panning leaves the date alone");
    // The content moved right by 100 px: the same screen x now shows a day
    // about 100 px worth of days earlier (egui eats the drag threshold).
    click_at(&mut harness, pos);
    let panned = (zoomed - harness.state().date).num_days();
    assert!(
        panned > days_per_100px * 8 / 10 && panned <= days_per_100px + 1,
        "panned {panned} days, 100 px = {days_per_100px} days"
    );

    // Middle-drag pans too: 100 px back to the left undoes it.
    let before_pan = harness.state().date;
    let dates = drag(
        &mut harness,
        PointerButton::Middle,
        pos,
        &[pos - Vec2::new(60.0, 0.0), pos - Vec2::new(100.0, 0.0)],
    );
    assert_eq!(dates, [before_pan; 2], "panning leaves the date alone");
    click_at(&mut harness, pos);
    let back = (harness.state().date - zoomed).num_days().abs();
    assert!(back * 5 < days_per_100px, "{} vs {zoomed}", harness.state().date);

    // Double-click: back to the whole range, so the same x is the target again.
    harness.run_steps(20);
    harness.hover_at(pos);
    for pressed in [true, false, true, false] {
        press(&harness, pos, PointerButton::Primary, pressed);
    }
    harness.run_steps(4);
    click_at(&mut harness, pos);
    assert_eq!(harness.state().date, target);
}

#[test]
fn with_tracks_shows_only_those_bands() {
    let s = scenario();
    let reported = s.track_idx("reported").unwrap();
    let one = harness_with(date("2025-10-01"), Some(vec![reported]), None);
    let value = one.get_by_label(CHART_LABEL).value().unwrap_or_default();
    assert!(value.contains("Syria · reported"), "{value}");
    assert!(!value.contains("announced"), "{value}");
    assert!(painted(&one, "Kurdistan Region · reported"), "y-axis label");
    assert!(!painted(&one, "Kurdistan Region · announced"));

    let both = harness(date("2025-10-01"));
    assert!(painted(&both, "Kurdistan Region · announced"));
    assert!(painted(&both, "Kurdistan Region · reported"));
}

#[test]
fn today_is_marked_only_inside_the_range() {
    let harness = harness_with(date("2020-01-01"), None, Some(date("2026-03-15")));
    assert!(painted(&harness, "today"));
    // Even right next to the cursor's date chip (a row higher).
    let harness = harness_with(date("2025-10-01"), None, Some(date("2026-03-15")));
    assert!(painted(&harness, "today"));
    let harness = harness_with(date("2020-01-01"), None, Some(date("2030-01-01")));
    assert!(!painted(&harness, "today"));
    let harness = harness_with(date("2020-01-01"), None, None);
    assert!(!painted(&harness, "today"));
}

#[test]
fn the_cursor_date_and_milestone_labels_are_painted_without_overlap() {
    let harness = harness(date("2025-10-01"));
    assert!(painted(&harness, "1 Oct 2025"), "the cursor's date");
    let s = &harness.state().scenario;
    let texts = painted_texts(&harness);
    let labels: Vec<&(String, Rect)> = texts
        .iter()
        .filter(|(t, _)| s.milestones.iter().any(|m| &m.title == t))
        .collect();
    assert!(labels.len() >= 4, "{labels:?}");
    assert!(
        labels.len() < s.milestones.len(),
        "some titles cannot fit at this width"
    );
    for (i, (a, ra)) in labels.iter().enumerate() {
        for (b, rb) in &labels[i + 1..] {
            assert!(!ra.intersects(*rb), "{a:?} overlaps {b:?}");
        }
    }
}

#[test]
fn clicking_a_milestone_label_jumps_to_it() {
    let mut harness = harness(date("2016-01-01"));
    let texts = painted_texts(&harness);
    let s = &harness.state().scenario;
    let (milestone, rect) = s
        .milestones
        .iter()
        .filter(|m| m.date > date("2020-01-01"))
        .find_map(|m| texts.iter().find(|(t, _)| *t == m.title).map(|(_, r)| (m.clone(), *r)))
        .expect("a labelled milestone after 2020");
    click_at(&mut harness, rect.center());
    assert_eq!(harness.state().date, milestone.date, "{}", milestone.title);
}

#[test]
fn the_screen_reader_summary_names_each_rows_status_on_the_date() {
    let s = scenario();
    let label = |id: &str| s.status(s.status_idx(id).unwrap()).label.clone();
    let tracks: Vec<TrackIdx> = (0..s.tracks.len()).map(TrackIdx).collect();
    let chart_rows = rows(&s, &tracks);
    // Federal Iraq's announced mission ends with Phase 1, on 30 Sep 2025.
    let before = summary(&s, &chart_rows, date("2025-09-30"));
    let after = summary(&s, &chart_rows, date("2025-10-01"));
    assert!(before.starts_with("30 September 2025; "), "{before}");
    assert!(after.starts_with("1 October 2025; "), "{after}");
    let announced = |status: &str| format!("Federal Iraq · announced: {}", label(status));
    assert!(before.contains(&announced("drawdown")), "{before}");
    assert!(after.contains(&announced("ended")), "{after}");
    assert_eq!(
        after.matches("; ").count(),
        chart_rows.len(),
        "one entry a row: {after}"
    );
}
