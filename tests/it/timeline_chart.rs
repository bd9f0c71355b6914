//! The timeline chart: its pure mappings (plot x ↔ date, rows, calendar
//! marks, view limits), and the widget driven headless with egui_kittest —
//! clicks and drags set the date, right-drag pans, the wheel zooms, the
//! milestone labels jump. No display, no GPU, no wall clock.

use drawdown::{
    BASE_ROWS_LABEL, BASES_GROUP_LABEL, CHART_LABEL, DEFAULT_SCENARIO_NAME, DEFAULT_SCENARIO_TOML, Date, DateRange,
    Entity, FOLLOWS_REGION_SUFFIX, MIN_VIEW_DAYS, PlaceKind, RowSpan, SLIDER_LABEL, Scenario, Tick, TimeSlider,
    TimelineChart, TrackIdx, base_rows, base_summary, calendar_label, calendar_marks, clamp_view_x, cluster_label,
    cluster_target, cluster_ticks, date_from_plot_x, default_x_bounds, parse_scenario, plot_x, rows, screen_x, summary,
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
    /// The open base group's most height before it scrolls (None: the
    /// chart's default).
    base_rows_max_height: Option<f32>,
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
    harness_of(
        State {
            scenario: scenario(),
            date,
            tracks,
            today,
            picks: Vec::new(),
            base_rows_max_height: None,
        },
        [1200.0, 300.0],
        step_dt,
    )
}

/// The chart in a window of `size`, tall enough for the open base group.
fn harness_tall(
    date: Date,
    tracks: Option<Vec<TrackIdx>>,
    base_rows_max_height: Option<f32>,
) -> Harness<'static, State> {
    harness_of(
        State {
            scenario: scenario(),
            date,
            tracks,
            today: None,
            picks: Vec::new(),
            base_rows_max_height,
        },
        [1200.0, 1000.0],
        0.25,
    )
}

fn harness_of(state: State, size: [f32; 2], step_dt: f32) -> Harness<'static, State> {
    let mut harness = Harness::builder().with_size(size).with_step_dt(step_dt).build_ui_state(
        |ui, state: &mut State| {
            let mut chart = TimelineChart::new(&state.scenario, state.date)
                .with_today(state.today)
                .with_height(CHART_HEIGHT);
            if let Some(tracks) = &state.tracks {
                chart = chart.with_tracks(tracks);
            }
            if let Some(h) = state.base_rows_max_height {
                chart = chart.with_base_rows_max_height(h);
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

// --- The base group --------------------------------------------------------

fn all_tracks(s: &Scenario) -> Vec<TrackIdx> {
    (0..s.tracks.len()).map(TrackIdx).collect()
}

#[test]
fn base_rows_are_base_major_and_lighter_where_a_base_follows_its_region() {
    let s = scenario();
    let tracks = all_tracks(&s);
    let all = base_rows(&s, &tracks);
    let bases: Vec<_> = s.bases().collect();
    assert_eq!(all.len(), bases.len() * tracks.len());
    for (i, row) in all.iter().enumerate() {
        let (place, base) = bases[i / tracks.len()];
        assert_eq!(
            (row.place, row.track),
            (place, tracks[i % tracks.len()]),
            "{}",
            row.label
        );
        assert!(
            row.label
                .starts_with(&format!("{} · {}", base.name, s.track(row.track).id))
        );
        assert_eq!(row.follows_region, s.base_follows_region(row.track, place));
        assert_eq!(
            row.label.ends_with(FOLLOWS_REGION_SUFFIX),
            row.follows_region,
            "{}",
            row.label
        );
        let expected: Vec<RowSpan> = s
            .periods_of(row.track, Entity::Base(place))
            .iter()
            .map(|p| RowSpan {
                from: p.from,
                to: p.to,
                status: p.status,
            })
            .collect();
        assert_eq!(row.spans, expected, "{}", row.label);
    }
    // The plan names no bases: all follow their region there; the record
    // reports most of them.
    let announced = s.track_idx("announced").unwrap();
    assert!(all.iter().filter(|r| r.track == announced).all(|r| r.follows_region));
    let erbil = s.place_idx("erbil_air_base").unwrap();
    let reported = s.track_idx("reported").unwrap();
    let own = all.iter().find(|r| r.place == erbil && r.track == reported).unwrap();
    assert_eq!(own.label, "Erbil Air Base · reported");
    assert!(!own.follows_region);
    assert!(base_rows(&s, &[reported]).iter().all(|r| r.track == reported));
    assert!(base_rows(&s, &[TrackIdx(99)]).is_empty());
}

#[test]
fn the_base_summary_names_each_bases_status_on_the_date_in_the_bases_wording() {
    let s = scenario();
    let reported = s.track_idx("reported").unwrap();
    let tanf = s.place_idx("al_tanf").unwrap();
    let base_rows = base_rows(&s, &all_tracks(&s));
    // CENTCOM: al-Tanf handed over on 11 February 2026.
    let on = date("2026-02-13");
    let status = s.base_status_on(reported, tanf, on).unwrap();
    assert_eq!(s.status(status).id, "ended");
    let text = base_summary(&s, &base_rows, on);
    assert!(
        text.contains("; Al-Tanf garrison · reported: Handed over or vacated"),
        "{text}"
    );
    let before = base_summary(&s, &base_rows, date("2026-01-20"));
    assert!(
        before.contains("; Al-Tanf garrison · reported: In use by the coalition"),
        "{before}"
    );
    // The plan's row says the region's status, in the bases' words.
    let syria = s.region_idx("syria").unwrap();
    let announced = s.track_idx("announced").unwrap();
    let region_status = s.status(s.status_on(announced, syria, on).unwrap());
    assert!(
        text.contains(&format!(
            "; Al-Tanf garrison · announced {FOLLOWS_REGION_SUFFIX}: {}",
            region_status.label_for(PlaceKind::Base)
        )),
        "{text}"
    );
    assert_eq!(text.matches("; ").count(), base_rows.len(), "one entry a row: {text}");
}

fn is_expanded(harness: &Harness<'_, State>) -> Option<bool> {
    use egui_kittest::kittest::NodeT as _;
    harness
        .get_by_label(BASES_GROUP_LABEL)
        .accesskit_node()
        .data()
        .is_expanded()
}

#[test]
fn the_base_group_opens_collapsed_and_its_header_shows_a_row_per_base_and_track() {
    let mut harness = harness_tall(date("2026-02-13"), None, Some(2000.0));
    assert_eq!(is_expanded(&harness), Some(false), "collapsed when the chart opens");
    assert!(harness.query_by_label(BASE_ROWS_LABEL).is_none());
    let s = harness.state().scenario.clone();
    let closed = harness.get_by_label(CHART_LABEL).value().unwrap_or_default();
    assert!(!closed.contains("Erbil Air Base"), "{closed}");
    for row in base_rows(&s, &all_tracks(&s)) {
        assert!(!painted(&harness, &row.label), "{} before opening", row.label);
    }

    harness.get_by_label(BASES_GROUP_LABEL).click();
    harness.run();
    assert_eq!(is_expanded(&harness), Some(true));
    harness.get_by_label(BASE_ROWS_LABEL);
    let base_rows = base_rows(&s, &all_tracks(&s));
    for row in &base_rows {
        assert!(painted(&harness, &row.label), "{} is a row", row.label);
    }
    // The chart's accessible summary now names every base's status too.
    let open = harness.get_by_label(CHART_LABEL).value().unwrap_or_default();
    assert!(
        open.ends_with(&base_summary(&s, &base_rows, date("2026-02-13"))),
        "{open}"
    );
    assert!(
        open.contains("; Al-Tanf garrison · reported: Handed over or vacated"),
        "{open}"
    );

    harness.get_by_label(BASES_GROUP_LABEL).click();
    harness.run();
    assert_eq!(is_expanded(&harness), Some(false));
    assert!(harness.query_by_label(BASE_ROWS_LABEL).is_none());
}

#[test]
fn the_base_rows_line_up_with_the_chart_and_a_click_in_them_sets_the_date() {
    let mut harness = harness_tall(date("2020-01-01"), None, None);
    harness.get_by_label(BASES_GROUP_LABEL).click();
    harness.run();
    let chart = frame(&harness);
    let bases = harness.get_by_label(BASE_ROWS_LABEL).rect();
    assert!((bases.left() - chart.left()).abs() < 1.0, "{bases:?} vs {chart:?}");
    assert!((bases.right() - chart.right()).abs() < 1.0, "{bases:?} vs {chart:?}");
    assert!(bases.top() > chart.bottom());
    // 28 rows at 18 points would take 504: past a fifth of the window, they scroll.
    let shown = harness.get_by_label(BASE_ROWS_LABEL).rect().height();
    assert!(shown > 3.0 * 18.0, "{shown}");
    let target = date("2025-10-01");
    let x = default_pos(&harness, target).x;
    let at = pos2(x, bases.top() + 20.0);
    click_at(&mut harness, at);
    assert_eq!(harness.state().date, target);
}

#[test]
fn incidents_are_ticks_on_the_strip_whose_hover_names_them_and_click_goes_there() {
    let mut harness = harness_tall(date("2020-01-01"), None, None);
    let s = harness.state().scenario.clone();
    let incident = s
        .incidents
        .iter()
        .find(|i| i.title == "Drone downed near a Hasakah base")
        .unwrap()
        .clone();
    let at = pos2(default_pos(&harness, incident.date).x, frame(&harness).top() - 5.0);
    harness.hover_at(at);
    harness.run();
    let texts = painted_texts(&harness);
    let says = |needle: &str| texts.iter().any(|(t, _)| t.contains(needle));
    assert!(says("Drone downed near a Hasakah base"), "{texts:?}");
    assert!(says("Al-Araby al-Jadeed, 12 Mar 2026"), "the source");
    assert!(says("medium confidence"));
    click_at(&mut harness, at);
    let picked = harness.state().date;
    assert!(
        s.incidents_near(picked, 0)
            .iter()
            .any(|i| (i.date - incident.date).num_days().abs() < 20),
        "went to an incident's date: {picked}"
    );
}

// --- The slider's milestone ticks ----------------------------------------

#[test]
fn ticks_a_few_points_apart_cluster_and_a_cluster_stays_narrow() {
    assert_eq!(cluster_ticks(&[]), Vec::<std::ops::Range<usize>>::new());
    assert_eq!(cluster_ticks(&[10.0, 30.0, 33.0, 40.0, 80.0]), [0..1, 1..4, 4..5]);
    // A long run of close ticks is cut once it spans too far.
    let run: Vec<f32> = (0..40).map(|i| i as f32 * 5.0).collect();
    let clusters = cluster_ticks(&run);
    assert!(clusters.len() > 2, "{clusters:?}");
    assert!(clusters.iter().all(|c| run[c.end - 1] - run[c.start] <= 48.0));
    assert_eq!(clusters.iter().map(|c| c.len()).sum::<usize>(), run.len());
}

#[test]
fn a_cluster_is_labelled_by_count_and_months_and_a_click_steps_through_it() {
    let tick = |d: &str, title: &'static str| Tick {
        date: date(d),
        title,
        detail: "",
    };
    let ticks = [
        tick("2026-01-17", "a"),
        tick("2026-02-11", "b"),
        tick("2026-03-12", "c"),
    ];
    assert_eq!(cluster_label(&ticks[..1]), "a");
    assert_eq!(cluster_label(&ticks), "3 milestones, Jan–Mar 2026");
    assert_eq!(cluster_label(&ticks[1..2]), "b");
    let across = [tick("2025-12-13", "x"), tick("2026-01-17", "y")];
    assert_eq!(cluster_label(&across), "2 milestones, Dec 2025–Jan 2026");
    assert_eq!(cluster_target(&ticks, date("2025-01-01")), Some(date("2026-01-17")));
    assert_eq!(cluster_target(&ticks, date("2026-01-17")), Some(date("2026-02-11")));
    assert_eq!(
        cluster_target(&ticks, date("2026-03-12")),
        Some(date("2026-01-17")),
        "round again"
    );
}

struct SliderState {
    scenario: Scenario,
    track: TrackIdx,
    date: Date,
}

fn slider_harness(width: f32, date: Date) -> Harness<'static, SliderState> {
    let s = scenario();
    let track = s.track_idx("reported").unwrap();
    // Tall enough for a cluster's tooltip.
    let mut harness = Harness::builder().with_size([width, 500.0]).build_ui_state(
        |ui, state: &mut SliderState| {
            let ticks: Vec<Tick<'_>> = state
                .scenario
                .milestones_for(state.track)
                .map(|m| Tick {
                    date: m.date,
                    title: &m.title,
                    detail: &m.detail,
                })
                .collect();
            if let Some(d) = TimeSlider::new(state.scenario.range, state.date, &ticks).ui(ui) {
                state.date = d;
            }
        },
        SliderState {
            scenario: s,
            track,
            date,
        },
    );
    harness.run();
    harness
}

fn painted_slider_texts(harness: &Harness<'_, SliderState>) -> Vec<(String, Rect)> {
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

/// The reported record's weeks of February and March 2026 hold ten
/// milestones within about ten points of a full-HD slider: each must
/// still be named, by a label or by its cluster's tooltip, and no label
/// may cover another.
#[test]
fn the_reported_tracks_new_milestones_are_one_named_cluster_on_the_slider() {
    for width in [1280.0, 1500.0, 1920.0] {
        let mut harness = slider_harness(width, date("2025-06-01"));
        let s = harness.state().scenario.clone();
        let track = harness.state().track;
        let new: Vec<_> = s
            .milestones_for(track)
            .filter(|m| (date("2026-02-01")..=date("2026-03-31")).contains(&m.date))
            .cloned()
            .collect();
        assert!(new.len() >= 8, "{new:?}");
        let texts = painted_slider_texts(&harness);
        let labels: Vec<&(String, Rect)> = texts
            .iter()
            .filter(|(t, _)| !t.chars().all(|c| c.is_ascii_digit()))
            .collect();
        for (i, (a, ra)) in labels.iter().enumerate() {
            for (b, rb) in &labels[i + 1..] {
                assert!(!ra.intersects(*rb), "{width}: {a:?} overlaps {b:?}");
            }
        }
        assert!(
            labels
                .iter()
                .any(|(t, _)| t.contains("milestones, ") && t.ends_with("2026")),
            "{width}: the cluster has a label: {labels:?}"
        );
        // Hovering the cluster names every one of them.
        let slider = harness.get_by_label(SLIDER_LABEL).rect();
        let rail = (slider.left() + 14.0, slider.right() - 14.0);
        let x =
            rail.0 + (rail.1 - rail.0) * s.range.days_from_start(date("2026-02-20")) as f32 / s.range.len_days() as f32;
        harness.hover_at(pos2(x, slider.top() + 40.0));
        harness.run();
        let tips = painted_slider_texts(&harness);
        for m in &new {
            assert!(
                tips.iter().any(|(t, _)| t.ends_with(&m.title)),
                "{width}: {} in {tips:?}",
                m.title
            );
        }
        // A click steps to the first of them after the date.
        harness.get_by_label(SLIDER_LABEL).hover();
        harness.hover_at(pos2(x, slider.top() + 40.0));
        harness.event(Event::PointerButton {
            pos: pos2(x, slider.top() + 40.0),
            button: PointerButton::Primary,
            pressed: true,
            modifiers: Modifiers::NONE,
        });
        harness.event(Event::PointerButton {
            pos: pos2(x, slider.top() + 40.0),
            button: PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::NONE,
        });
        harness.run();
        let picked = harness.state().date;
        assert!(s.milestones_for(track).any(|m| m.date == picked), "{width}: {picked}");
        assert!(
            picked > date("2025-06-01") && picked <= date("2026-03-31"),
            "{width}: {picked}"
        );
    }
}

// --- Ranges of another length --------------------------------------------

#[test]
fn after_a_scenario_with_another_range_the_zoomed_chart_shows_the_date_again() {
    let mut harness = harness(date("2025-10-01"));
    // Zoom far into 2016: the cursor's date leaves the view.
    let pos = default_pos(&harness, date("2016-01-01"));
    wheel(&mut harness, pos, 600.0);
    harness.run_steps(4);
    let in_view = |harness: &Harness<'_, State>| {
        let frame = frame(harness);
        painted_texts(harness)
            .iter()
            .any(|(t, r)| t == "1 Oct 2025" && frame.x_range().contains(r.center().x))
    };
    assert!(!in_view(&harness), "zoomed into 2016, 1 Oct 2025 is out of view");
    // The same scenario running to 2040: plot x still counts from 2014, so
    // the old window would keep showing 2016.
    let longer = DEFAULT_SCENARIO_TOML.replace("end = 2027-06-30", "end = 2040-12-31");
    harness.state_mut().scenario = parse_scenario(&longer, "longer.toml").unwrap();
    harness.run_steps(4);
    assert!(in_view(&harness), "the new range opens whole, the date in it");
}

#[test]
fn year_marks_stay_a_few_hundred_on_a_range_of_thousands_of_years() {
    let start = date("2000-01-01");
    for (years, px) in [(2_000, 1200.0), (10_000, 1200.0), (10_000, 40_000.0)] {
        let range = DateRange {
            start,
            end: Date::from_ymd_opt(2000 + years, 1, 1).unwrap(),
        };
        let [lo, hi] = default_x_bounds(range);
        // egui_plot's base step: the days in 6 points of a plot `px` wide.
        let base_step = (hi - lo) / px * 6.0;
        let marks = calendar_marks(range, (lo, hi), base_step);
        assert!(!marks.is_empty(), "{years} years: no marks at all");
        assert!(
            marks.len() <= px as usize / 6 + 2,
            "{years} years at {px} px: {} marks",
            marks.len()
        );
        let mut steps: Vec<f64> = marks.iter().map(|m| m.step_size).collect();
        steps.sort_by(f64::total_cmp);
        assert!(
            steps[0] >= base_step,
            "{years} years: a step of {} < {base_step}",
            steps[0]
        );
        // A round year outranks the others, so that labels thin to it.
        assert!(steps.last().unwrap() > &steps[0], "{years} years: one rank only");
    }
}

#[test]
fn the_slider_draws_a_few_dozen_year_ticks_on_ten_thousand_years() {
    let mut harness = slider_harness(1500.0, date("2025-06-01"));
    harness.state_mut().scenario.range = DateRange {
        start: date("2000-01-01"),
        end: date("9999-12-31"),
    };
    harness.run();
    let mut ticks = 0;
    let mut years = 0;
    for clipped in &harness.output().shapes {
        match &clipped.shape {
            Shape::LineSegment { .. } => ticks += 1,
            Shape::Text(text) if text.galley.text().parse::<i32>().is_ok() => years += 1,
            _ => {}
        }
    }
    assert!(ticks <= 400, "{ticks} tick lines");
    assert!((4..=40).contains(&years), "{years} year labels");
}
