//! The GUI driven headless with egui_kittest: widgets found by their
//! accessible labels, keys pressed, and the state and the map's accessible
//! status summary asserted. No display, no GPU.

use crate::support::{broken_scenario, date, harness, load_file};
use drawdown::{DrawdownApp, FileKind, LoadCommand, OverlayCommand, Scenario, TrackIdx};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};

/// The label a status has in the embedded scenario, looked up by id so
/// that the tests say which status they expect, not how it is worded.
fn label(scenario: &Scenario, status_id: &str) -> String {
    scenario.status(scenario.status_idx(status_id).unwrap()).label.clone()
}

/// The map's accessible summary must say `region — status label`.
fn assert_map_says(harness: &Harness<'_, DrawdownApp>, region: &str, status_id: &str) {
    let expected = format!("{region} — {}", label(&harness.state().data().scenario, status_id));
    let map = harness.get_by_label_contains("Map, ");
    let text = map.accesskit_node().label().unwrap_or_default();
    assert!(text.contains(&expected), "expected {expected:?} in {text:?}");
}

fn days_from_start(harness: &Harness<'_, DrawdownApp>, d: &str) -> f64 {
    harness.state().data().scenario.range.days_from_start(date(d)) as f64
}

#[test]
fn slider_sets_the_date_and_the_map_follows_the_phase_boundary() {
    let mut harness = harness("2024-01-01", 0);
    let value = days_from_start(&harness, "2025-09-30");
    harness.get_by_label("Date").set_value_accesskit(value);
    harness.run();
    assert_eq!(harness.state().date(), date("2025-09-30"));
    assert_map_says(&harness, "Federal Iraq", "drawdown");
    assert_map_says(&harness, "Kurdistan Region", "active");

    harness.get_by_label("Date").increment_accesskit();
    harness.run();
    assert_eq!(harness.state().date(), date("2025-10-01"));
    assert_map_says(&harness, "Federal Iraq", "ended");
    assert_map_says(&harness, "Kurdistan Region", "syria_support");
    assert_map_says(&harness, "Syria", "active");

    harness.get_by_label("Date").decrement_accesskit();
    harness.run();
    assert_eq!(harness.state().date(), date("2025-09-30"));
}

#[test]
fn track_selector_switches_between_plan_and_reports() {
    let mut harness = harness("2025-12-01", 0);
    assert_map_says(&harness, "Federal Iraq", "ended");
    harness.get_by_label("Reported").click();
    harness.run();
    assert_eq!(harness.state().track(), TrackIdx(1));
    assert_map_says(&harness, "Federal Iraq", "drawdown");
    harness.get_by_label("Announced plan").click();
    harness.run();
    assert_eq!(harness.state().track(), TrackIdx(0));
    assert_map_says(&harness, "Federal Iraq", "ended");
}

#[test]
fn arrow_keys_step_days_months_and_years_anywhere_in_the_window() {
    let mut harness = harness("2025-09-30", 0);
    harness.key_press(Key::ArrowRight);
    harness.run();
    assert_eq!(harness.state().date(), date("2025-10-01"));
    assert_map_says(&harness, "Federal Iraq", "ended");
    harness.key_press_modifiers(egui::Modifiers::SHIFT, Key::ArrowRight);
    harness.run();
    assert_eq!(harness.state().date(), date("2025-11-01"));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::ArrowLeft);
    harness.run();
    assert_eq!(harness.state().date(), date("2024-11-01"));
    harness.key_press(Key::ArrowLeft);
    harness.run();
    assert_eq!(harness.state().date(), date("2024-10-31"));
}

#[test]
fn page_keys_jump_between_milestones_and_home_end_to_the_range() {
    let mut harness = harness("2024-09-01", 0);
    harness.key_press(Key::PageDown);
    harness.run();
    assert_eq!(harness.state().date(), date("2024-09-27"), "the joint statement");
    harness.key_press(Key::PageUp);
    harness.run();
    assert_eq!(
        harness.state().date(),
        date("2023-10-17"),
        "attacks on coalition forces begin"
    );
    harness.key_press(Key::End);
    harness.run();
    assert_eq!(harness.state().date(), date("2027-06-30"));
    harness.key_press(Key::Home);
    harness.run();
    assert_eq!(harness.state().date(), date("2014-08-01"));
    assert_map_says(&harness, "Syria", "none");
}

#[test]
fn t_switches_track() {
    let mut harness = harness("2026-03-01", 0);
    assert_map_says(&harness, "Federal Iraq", "ended");
    assert_map_says(&harness, "Kurdistan Region", "syria_support");
    harness.key_press(Key::T);
    harness.run();
    assert_eq!(harness.state().track(), TrackIdx(1));
    // Partners leaving Erbil (the record runs to 13 March 2026).
    assert_map_says(&harness, "Kurdistan Region", "drawdown");
    harness.key_press(Key::T);
    harness.run();
    assert_eq!(harness.state().track(), TrackIdx(0));
}

#[test]
fn dates_outside_the_range_are_clamped() {
    let mut harness = harness("2027-06-29", 0);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::ArrowRight);
    harness.run();
    assert_eq!(harness.state().date(), date("2027-06-30"));
}

#[test]
fn a_failed_reload_shows_the_error_and_keeps_the_last_good_data() {
    let mut harness = harness("2025-10-01", 0);
    let dir = tempfile::tempdir().unwrap();
    load_file(harness.state_mut(), FileKind::Scenario, &broken_scenario(dir.path()));
    harness.run();
    // `get_by_*` panics unless exactly one widget shows the located error.
    harness.get_by_label_contains("broken.toml:1:");
    harness.get_by_label_contains("Still showing the last data that loaded.");
    assert_map_says(&harness, "Federal Iraq", "ended");
    harness.get_by_label("Dismiss").click();
    harness.run();
    assert!(harness.state().error().is_none());
}

#[test]
fn clicking_near_a_milestone_tick_on_the_slider_jumps_exactly_to_it() {
    let mut harness = harness("2016-01-01", 0);
    let range = harness.state().data().scenario.range;
    let rect = harness.get_by_label("Date").rect();
    // The slider's rail runs 14 points in from each side; ticks sit at
    // the milestone's day along it, just above the rail.
    let x_of = |d: &str| {
        let t = range.days_from_start(date(d)) as f32 / range.len_days() as f32;
        rect.left() + 14.0 + t * (rect.width() - 28.0)
    };
    // A few points off the tick: a plain rail click would land days away.
    let at = egui::pos2(x_of("2021-12-09") + 3.0, rect.top() + 40.0);
    harness.hover_at(at);
    harness.run();
    harness.drag_at(at);
    harness.drop_at(at);
    harness.run();
    assert_eq!(harness.state().date(), date("2021-12-09"), "combat role in Iraq ends");
}

/// `n` small squares in Iraq with a name but no `region`: what dropping a
/// real admin-1 file gives (one error a feature).
fn regions_without_region_ids(n: usize) -> String {
    let features: Vec<String> = (0..n)
        .map(|i| {
            let (lon, lat) = (40.0 + (i % 20) as f64 * 0.4, 30.0 + (i / 20) as f64 * 0.4);
            format!(
                r#"{{"type":"Feature","properties":{{"name":"Province {i}"}},"geometry":{{"type":"Polygon","coordinates":[[[{lon},{lat}],[{},{lat}],[{},{}],[{lon},{}],[{lon},{lat}]]]}}}}"#,
                lon + 0.2,
                lon + 0.2,
                lat + 0.2,
                lat + 0.2
            )
        })
        .collect();
    format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(","))
}

#[test]
fn two_hundred_errors_keep_the_banner_short_dismiss_in_view_and_esc_dismisses() {
    let mut harness = harness("2025-10-01", 0);
    // A one-line banner first, as a FIFO swap would give, then the 200.
    let dir = tempfile::tempdir().unwrap();
    load_file(harness.state_mut(), FileKind::Scenario, &broken_scenario(dir.path()));
    harness.run();
    let path = dir.path().join("admin1.geojson");
    std::fs::write(&path, regions_without_region_ids(200)).unwrap();
    // Built on the inputs shown: the embedded scenario with these regions.
    load_file(harness.state_mut(), FileKind::Regions, &path);
    harness.run();
    let (lines, total) = harness.state().error_lines().unwrap();
    assert_eq!((lines.len(), total), (200, 200));
    harness.get_by_label("200 problems");
    harness.get_by_label("… and 195 more:");
    // The banner ends well above the middle of the 950-point window; the
    // map keeps most of it and Dismiss is on screen.
    let hint = harness.get_by_label_contains("Still showing the last data").rect();
    assert!(hint.bottom() < 950.0 * 0.5, "banner ends at {}", hint.bottom());
    let map = harness.get_by_label_contains("Map, 1 October 2025").rect();
    assert!(map.height() > 280.0, "map {map:?}");
    let dismiss = harness.get_by_label("Dismiss").rect();
    assert!(dismiss.top() >= 0.0 && dismiss.bottom() < hint.top(), "{dismiss:?}");
    // The hint under the list is painted inside its clip, not cut off.
    let hint_painted = harness.output().shapes.iter().any(|clipped| match &clipped.shape {
        egui::Shape::Text(text) => {
            text.galley.text().starts_with("Still showing the last data")
                && clipped.clip_rect.contains_rect(text.visual_bounding_rect())
        }
        _ => false,
    });
    assert!(hint_painted, "the hint under the list is clipped");
    assert_map_says(&harness, "Federal Iraq", "ended");
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.state().error().is_none(), "Esc dismisses the banner");
}

#[test]
fn a_megabyte_error_line_is_shown_cut_to_a_few_hundred_characters() {
    use drawdown::{InputError, InputErrors};
    let mut harness = harness("2025-10-01", 0);
    let huge = format!("(\"{}\") has no \"region\" property", "N".repeat(1_000_000));
    let errors = InputErrors(vec![InputError::new("huge.geojson", None, huge)]);
    // No file gives such a line (names in messages are bounded), so the
    // test answers the app's first load itself, as its worker would.
    let _ = harness.state_mut().apply(LoadCommand::Reload.into());
    let done = drawdown::FinishedLoad {
        id: 1,
        sources: drawdown::Sources::default(),
        result: std::sync::Arc::new(Err(errors)),
    };
    let _ = harness.state_mut().apply(LoadCommand::Finished(done).into());
    harness.run();
    assert!(
        harness.state().error().unwrap().len() > 1_000_000,
        "the whole text is kept"
    );
    let node = harness.get_by_label_contains("huge.geojson: (\"NNN");
    // A label's text is its accessible value.
    let shown = node.accesskit_node().value().unwrap();
    assert!(
        shown.chars().count() <= 501,
        "{} characters shown",
        shown.chars().count()
    );
    assert!(shown.ends_with('…'), "the cut is marked");
}

#[test]
fn esc_closes_a_dialog_first_then_leaves_full_screen_then_dismisses_the_error() {
    use drawdown::Command;
    let mut app = crate::support::app_at("2025-10-01", 0);
    let dir = tempfile::tempdir().unwrap();
    load_file(&mut app, FileKind::Scenario, &broken_scenario(dir.path()));
    let _ = app.apply(OverlayCommand::TogglePresentation.into());
    let _ = app.apply(OverlayCommand::ToggleHelp.into());
    let _ = app.apply(Command::Escape);
    assert!(!app.is_help_open(), "the help closes first");
    assert!(app.error().is_some() && app.is_presenting());
    // While presenting the banner is hidden, so Esc must not drop an error
    // nobody has read: it leaves full screen and the banner shows.
    assert_eq!(app.apply(Command::Escape), vec![drawdown::Effect::Fullscreen(false)]);
    assert!(
        app.error().is_some() && !app.is_presenting(),
        "the error waits for the banner"
    );
    assert!(app.apply(Command::Escape).is_empty(), "then the banner goes");
    assert!(app.error().is_none());
}

#[test]
fn a_long_notice_is_cut_to_the_room_beside_the_buttons() {
    let long = format!("Loaded {}", "/a/very/long/path".repeat(200));
    let harness = crate::support::harness_with(crate::support::app_at("2025-10-01", 0).with_notice(Some(long)));
    let reset = harness.get_by_label("Reset view").rect();
    let date = harness
        .get_by_label(&drawdown::date_format::with_weekday(date("2025-10-01")))
        .rect();
    let notice = harness.get_by_label_contains("Loaded /a/very/long/path").rect();
    assert!(
        notice.left() >= date.right(),
        "notice {notice:?} covers the date {date:?}"
    );
    assert!(
        notice.right() <= reset.left(),
        "notice {notice:?} covers Reset view {reset:?}"
    );
}

#[test]
fn an_image_export_that_cannot_be_written_with_the_dialog_closed_says_why_in_the_top_bar() {
    use drawdown::ExportCommand;
    let mut harness = harness("2025-10-01", 0);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no such folder").join("map.png");
    let effects = harness
        .state_mut()
        .apply(ExportCommand::ImageTo { path, force: false }.into());
    assert_eq!(effects, vec![]);
    harness.run();
    let notice = harness.state().notice().unwrap();
    assert!(notice.starts_with("Export failed: "), "{notice}");
    assert!(notice.contains("no such folder"), "{notice}");
    harness.get_by_label_contains("Export failed: ");
    assert!(!harness.state().is_export_open());
}

#[test]
fn a_notice_command_shows_its_text_in_the_top_bar() {
    use drawdown::NoticeCommand;
    let mut harness = harness("2025-10-01", 0);
    let text = "Could not open /srv: denied";
    let effects = harness.state_mut().apply(NoticeCommand::Show(text.to_owned()).into());
    assert_eq!(effects, vec![]);
    harness.run();
    assert_eq!(harness.state().notice(), Some(text));
    harness.get_by_label_contains(text);
}

#[test]
fn esc_answers_no_to_replacing_a_file_before_it_closes_the_export_dialog() {
    use drawdown::ExportCommand;
    let mut app = crate::support::app_at("2025-10-01", 0);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("slide.png");
    std::fs::write(&path, b"keep me").unwrap();
    let _ = app.apply(ExportCommand::Open.into());
    let _ = app.apply(
        ExportCommand::ImageTo {
            path: path.clone(),
            force: false,
        }
        .into(),
    );
    assert_eq!(app.pending_overwrite(), Some(path.as_path()));
    let _ = app.apply(drawdown::Command::Escape);
    assert_eq!(app.pending_overwrite(), None, "the question goes first");
    assert!(app.is_export_open(), "the dialog stays");
    let _ = app.apply(drawdown::Command::Escape);
    assert!(!app.is_export_open());
    assert_eq!(std::fs::read(&path).unwrap(), b"keep me");
}

#[test]
fn an_error_while_presenting_shows_a_small_mark_and_the_path_only_after() {
    use drawdown::LOAD_PROBLEM_MARK_LABEL;
    let mut harness = harness("2025-10-01", 0);
    harness.key_press(Key::F5);
    harness.run();
    assert!(harness.state().is_presenting());
    let path = "/home/briefer/private/regions.geojson";
    harness
        .state_mut()
        .apply(drawdown::LoadCommand::File(drawdown::FileKind::Regions, path.into()).into());
    harness.state_mut().wait_for_load();
    harness.run();
    assert!(harness.state().error().unwrap().contains(path));
    harness.get_by_label(LOAD_PROBLEM_MARK_LABEL);
    assert!(
        harness.query_by_label_contains("/home/briefer").is_none(),
        "the path is not shown to the room"
    );
    assert!(harness.query_by_label("Could not load:").is_none());
    assert!(harness.query_by_label("Dismiss").is_none());

    harness.key_press(Key::Escape);
    harness.run();
    assert!(!harness.state().is_presenting());
    assert!(harness.query_by_label(LOAD_PROBLEM_MARK_LABEL).is_none());
    harness.get_by_label("Could not load:");
    harness.get_by_label_contains("/home/briefer/private/regions.geojson");
}

/// The slider's span as of its last frame.
fn slider_span(harness: &Harness<'_, DrawdownApp>) -> drawdown::DateRange {
    drawdown::shown_span(&harness.ctx).unwrap_or_else(|| panic!("no slider shown"))
}

#[test]
fn the_drawdown_preset_spans_the_slider_from_the_joint_statement_to_today() {
    let app = crate::support::app_at("2025-10-01", 1).with_today(Some(date("2026-12-07")));
    let mut harness = crate::support::harness_with(app);
    let range = harness.state().data().scenario.range;
    assert_eq!(slider_span(&harness), range, "the whole range at first");
    harness.get_by_label("Drawdown").click();
    harness.run();
    let span = slider_span(&harness);
    assert_eq!(
        (span.start, span.end),
        (date("2024-09-27"), date("2026-12-07")),
        "where the plan and the record part (the joint statement), to today"
    );
    // The rail's left end is now the joint statement, not 2014.
    let rect = harness.get_by_label("Date").rect();
    let at = egui::pos2(rect.left() + 14.0, rect.top() + 48.0);
    harness.hover_at(at);
    harness.run();
    harness.drag_at(at);
    harness.drop_at(at);
    harness.run();
    assert_eq!(harness.state().date(), date("2024-09-27"));
    harness.get_by_label("All").click();
    harness.run();
    assert_eq!(slider_span(&harness), range);
}

#[test]
fn the_wheel_over_the_slider_zooms_it_around_the_pointer_down_to_a_month() {
    let mut harness = harness("2025-10-01", 1);
    let range = harness.state().data().scenario.range;
    let rect = harness.get_by_label("Date").rect();
    let at = egui::pos2(rect.center().x, rect.top() + 48.0);
    let under = |span: drawdown::DateRange| {
        drawdown::date_at_x(egui::Rangef::new(rect.left() + 14.0, rect.right() - 14.0), span, at.x)
    };
    let before = under(range);
    let wheel = |harness: &mut Harness<'_, DrawdownApp>, dy: f32| {
        harness.hover_at(at);
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, dy),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: egui::Modifiers::NONE,
        });
        harness.run_steps(30);
    };
    wheel(&mut harness, 200.0);
    let span = slider_span(&harness);
    assert!(span.len_days() < range.len_days() / 2, "zoomed in: {span:?}");
    assert!(
        (under(span) - before).num_days().abs() <= 3,
        "the day under the pointer stays there: {before} → {}",
        under(span)
    );
    for _ in 0..10 {
        wheel(&mut harness, 400.0);
    }
    assert_eq!(slider_span(&harness).len_days(), 30, "no narrower than a month");
    for _ in 0..12 {
        wheel(&mut harness, -400.0);
    }
    assert_eq!(slider_span(&harness), range, "and out to the whole range, no further");
    assert_eq!(
        harness.state().date(),
        date("2025-10-01"),
        "the wheel does not move the date"
    );
}

#[test]
fn without_a_file_dialog_open_scenario_offers_the_export_dialogs_path_field_and_loads_the_file_typed() {
    use egui::Modifiers;
    let reason = "No file dialog on this desktop (no XDG portal or zenity) — type the path";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("typed.toml");
    let text = drawdown::DEFAULT_SCENARIO_TOML.replacen(
        "title = \"The coalition against IS leaves Iraq\"",
        "title = \"A scenario typed in\"",
        1,
    );
    std::fs::write(&path, text).unwrap();
    let mut h = harness("2025-10-01", 0);
    assert!(h.query_by_label(drawdown::OPEN_PATH_LABEL).is_none());
    // What the native dialog's effect answers where none can open.
    let effects = h
        .state_mut()
        .apply(LoadCommand::PickFailed(FileKind::Scenario, reason.to_owned()).into());
    assert_eq!(effects, vec![], "no dialog is tried again");
    h.run_steps(2);
    h.get_by_label(reason);
    h.get_by_label(drawdown::OPEN_PATH_LABEL).focus();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label(drawdown::OPEN_PATH_LABEL)
        .type_text(path.to_str().unwrap());
    h.run_steps(2);
    h.get_by_label("Open").click();
    h.run_steps(2);
    assert!(
        h.query_by_label(drawdown::OPEN_PATH_LABEL).is_none(),
        "the field closes once the load starts"
    );
    let effects = h.state_mut().wait_for_load();
    assert!(h.state().error().is_none(), "{:?}", h.state().error());
    assert_eq!(h.state().data().scenario.title, "A scenario typed in");
    assert_eq!(h.state().data().sources.scenario.as_deref(), Some(path.as_path()));
    assert!(!effects.is_empty(), "the window's title names the file");

    // Esc closes the field without loading anything.
    let _ = h
        .state_mut()
        .apply(LoadCommand::PickFailed(FileKind::Regions, reason.to_owned()).into());
    h.run_steps(2);
    h.get_by_label(drawdown::OPEN_PATH_LABEL);
    let _ = h.state_mut().apply(drawdown::Command::Escape);
    h.run_steps(2);
    assert!(h.query_by_label(drawdown::OPEN_PATH_LABEL).is_none());
}

/// `app` in a 1024×768 headless window (a projector's), after its first
/// frames.
fn harness_1024(app: DrawdownApp) -> Harness<'static, DrawdownApp> {
    let mut harness = Harness::builder()
        .with_size([1024.0, 768.0])
        .with_max_steps(240)
        .build_ui_state(|ui, app: &mut DrawdownApp| app.show(ui), app);
    harness.run_steps(2);
    harness
}

#[test]
fn at_1024_wide_every_control_of_the_top_bar_shows_whole_and_apart() {
    // A weekday date is among the widest the bar shows.
    let harness = harness_1024(crate::support::app_at("2024-09-27", 0));
    let labels = [
        "drawdown",
        "File",
        "Edit",
        "Story",
        "Export…",
        "View",
        "Announced plan",
        "Reported",
        "Compare",
        "Fri 27 Sep 2024",
        "Today",
        "Reset view",
    ];
    let rects: Vec<_> = labels.iter().map(|l| (*l, harness.get_by_label(l).rect())).collect();
    for (i, (a, ra)) in rects.iter().enumerate() {
        assert!(ra.left() >= 0.0 && ra.right() <= 1024.0, "{a:?} {ra:?} runs off the window");
        for (b, rb) in &rects[i + 1..] {
            assert!(!ra.shrink(1.0).intersects(rb.shrink(1.0)), "{a:?} {ra:?} overlaps {b:?} {rb:?}");
        }
    }
}

#[test]
fn the_view_menu_sets_the_theme_where_the_bar_has_no_room_for_its_box() {
    let mut harness = harness_1024(crate::support::app_at("2024-09-27", 0));
    assert_eq!(harness.state().theme(), drawdown::Theme::Light);
    harness.get_by_label("View").click();
    harness.run_steps(2);
    harness.get_by_label("Theme").click();
    harness.run_steps(2);
    harness.get_by_label("Projector").click();
    harness.run_steps(2);
    assert_eq!(harness.state().theme(), drawdown::Theme::Projector);
}

#[test]
fn at_1024_wide_the_notice_never_hides_under_a_button_and_stays_legible() {
    for notice in [
        "Loaded scenario.toml and regions.geojson".to_owned(),
        format!("Loaded {}", "/a/very/long/path".repeat(20)),
    ] {
        let harness = harness_1024(crate::support::app_at("2025-10-01", 0).with_notice(Some(notice.clone())));
        let shown = harness.get_by_label_contains(&notice[..20]).rect();
        let buttons = ["drawdown", "File", "Export…", "View", "Today", "Reset view", "Compare"];
        for button in buttons {
            let rect = harness.get_by_label(button).rect();
            assert!(
                !shown.intersects(rect),
                "{notice:.30}: notice {shown:?} under {button:?} {rect:?}"
            );
        }
        // At 1024 px the theme is in the View menu, not on the bar.
        assert!(harness.query_by_label("Theme").is_none());
        assert!(shown.right() <= 1024.0, "{shown:?} runs off the window");
        assert!(
            shown.width() >= 200.0_f32.min(notice.len() as f32 * 5.0),
            "{notice:.30}: cut to {shown:?}"
        );
    }
}
