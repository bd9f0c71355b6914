//! Tracks are data: the shipped scenario with its tracks renamed `plan`
//! and `record` works in every command and in the window, because nothing
//! in the code names a track; and the window opens on the scenario's
//! opening date and default track, with a way back to today.

use std::path::{Path, PathBuf};

use drawdown::{DrawdownApp, LoadedInputs, Settings, Sources, StartOptions, TrackIdx, TrackLayout, today_local};
use egui::Key;
use egui_kittest::kittest::{NodeT as _, Queryable};

use crate::support::{date, drawdown, harness_with, names_in, path, stderr};

/// The shipped scenario with the track ids `announced` → `plan` and
/// `reported` → `record`, everywhere they are used (tracks, milestones,
/// the header).
fn plan_record_scenario(dir: &Path) -> PathBuf {
    let text = drawdown::DEFAULT_SCENARIO_TOML
        .replace("\"announced\"", "\"plan\"")
        .replace("\"reported\"", "\"record\"");
    assert!(
        !text.contains("\"announced\"") && !text.contains("\"reported\""),
        "every id is renamed"
    );
    assert!(text.contains("id = \"plan\"") && text.contains("compare = [\"plan\", \"record\"]"));
    let path = dir.join("plan-record.toml");
    std::fs::write(&path, text).unwrap();
    path
}

fn json(out: &std::process::Output) -> serde_json::Value {
    assert!(out.status.success(), "{}", stderr(out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn status_takes_any_track_id_of_the_scenario_and_defaults_to_its_default_track() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = plan_record_scenario(dir.path());
    let scenario = path(&scenario);
    let status = |track: &[&str]| {
        let args = [
            &["--scenario", scenario, "status", "--date", "2025-12-01", "--json"][..],
            track,
        ]
        .concat();
        drawdown(&args)
    };
    let plan = json(&status(&["--track", "plan"]));
    assert_eq!(plan["track"], "plan");
    assert_eq!(
        plan["regions"][0]["status"], "ended",
        "the announced plan's federal Iraq"
    );
    assert_eq!(plan["record_end"], serde_json::Value::Null);
    let record = json(&status(&["--track", "record"]));
    assert_eq!(record["track"], "record");
    assert_eq!(record["regions"][0]["status"], "drawdown", "the record's federal Iraq");
    assert_eq!(record["record_end"], "2026-03-20");
    let default = json(&status(&[]));
    assert_eq!(default["track"], "record", "the header's default_track");

    let out = status(&["--track", "announced"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the scenario has no track \"announced\"; it has \"plan\", \"record\""),
        "{}",
        stderr(&out)
    );
}

#[test]
fn export_takes_any_track_id_for_an_image_a_sequence_and_a_comparison() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = plan_record_scenario(dir.path());
    let scenario = path(&scenario);
    let export = |args: &[&str]| {
        let args = [&["--scenario", scenario, "export", "--size", "320x200"][..], args].concat();
        let out = drawdown(&args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    let image = dir.path().join("plan.png");
    export(&["--date", "2025-10-01", "--track", "plan", "--out", path(&image)]);
    assert!(image.is_file());
    let compared = dir.path().join("compare.svg");
    export(&["--date", "2025-12-01", "--compare", "--out", path(&compared)]);
    let svg = std::fs::read_to_string(&compared).unwrap();
    let (plan_at, record_at) = (svg.find("Announced plan").unwrap(), svg.find("Reported").unwrap());
    assert!(
        plan_at < record_at,
        "the plan left, the record right, as the header says"
    );

    let frames = dir.path().join("frames");
    export(&[
        "--from",
        "2026-03-11",
        "--to",
        "2026-03-12",
        "--milestones",
        "--track",
        "record",
        "--out-dir",
        path(&frames),
    ]);
    assert_eq!(
        names_in(&frames),
        ["drawdown-record-2026-03-11.png", "drawdown-record-2026-03-12.png"]
    );
    let both = dir.path().join("both");
    export(&[
        "--from",
        "2025-09-30",
        "--to",
        "2025-10-01",
        "--step",
        "1d",
        "--compare",
        "--out-dir",
        path(&both),
    ]);
    assert_eq!(
        names_in(&both),
        ["drawdown-compare-2025-09-30.png", "drawdown-compare-2025-10-01.png"]
    );
    // Without --track: the scenario's default track names the frames.
    let default = dir.path().join("default");
    export(&[
        "--from",
        "2025-09-30",
        "--to",
        "2025-09-30",
        "--step",
        "1d",
        "--out-dir",
        path(&default),
    ]);
    assert_eq!(names_in(&default), ["drawdown-record-2025-09-30.png"]);
}

fn plan_record_inputs(dir: &Path) -> LoadedInputs {
    LoadedInputs::load(&Sources {
        scenario: Some(plan_record_scenario(dir)),
        regions: None,
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_window_opens_on_the_default_track_and_today_then_cycles_tracks_and_compares_the_pair() {
    let dir = tempfile::tempdir().unwrap();
    let data = plan_record_inputs(dir.path());
    let (plan, record) = (
        data.scenario.track_idx("plan").unwrap(),
        data.scenario.track_idx("record").unwrap(),
    );
    let range = data.scenario.range;
    let mut h = harness_with(DrawdownApp::new(data, StartOptions::default()));
    assert_eq!(h.state().track(), record, "the header's default_track");
    assert_eq!(h.state().date(), range.clamp(today_local()), "today, within the range");
    h.key_press(Key::T);
    h.run_steps(2);
    assert_eq!(h.state().track(), plan);
    h.key_press(Key::T);
    h.run_steps(2);
    assert_eq!(h.state().track(), record);
    h.key_press(Key::C);
    h.run_steps(2);
    assert!(h.state().is_comparing());
    let shown = TrackLayout::shown(true, h.state().track(), &h.state().data().scenario);
    assert_eq!(shown, TrackLayout::SideBySide([plan, record]));
    let maps: Vec<String> = h
        .get_all_by_label_contains("Map, ")
        .map(|node| node.accesskit_node().label().unwrap_or_default())
        .collect();
    assert_eq!(maps.len(), 2, "{maps:?}");
    assert!(
        maps[0].contains("Announced plan") && maps[1].contains("Reported"),
        "{maps:?}"
    );
}

#[test]
fn saved_settings_still_win_over_the_opening_date_and_the_default_track() {
    let saved = Settings {
        date: Some("2025-06-01".to_owned()),
        track: Some("announced".to_owned()),
        ..Settings::default()
    };
    let app = DrawdownApp::with_settings(LoadedInputs::embedded().unwrap(), StartOptions::default(), saved);
    assert_eq!(app.date(), date("2025-06-01"));
    assert_eq!(app.track(), TrackIdx(0));
    // The first run: today on the shipped scenario's default track.
    let app = DrawdownApp::with_settings(
        LoadedInputs::embedded().unwrap(),
        StartOptions::default(),
        Settings::default(),
    );
    let scenario = &app.data().scenario;
    assert_eq!(app.track(), scenario.track_idx("reported").unwrap());
    assert_eq!(app.date(), scenario.range.clamp(today_local()));
}

#[test]
fn the_today_button_and_n_go_to_the_day_the_today_line_marks() {
    let app = crate::support::app_at("2020-01-01", 0).with_today(Some(date("2026-02-13")));
    let mut h = harness_with(app);
    h.get_by_label("Today").click();
    h.run_steps(2);
    assert_eq!(h.state().date(), date("2026-02-13"));
    let _ = h
        .state_mut()
        .apply(drawdown::TimeCommand::SetDate(date("2020-01-01")).into());
    h.key_press(Key::N);
    h.run_steps(2);
    assert_eq!(h.state().date(), date("2026-02-13"));
    // A today past the range's end goes to its last day.
    let app = crate::support::app_at("2020-01-01", 0).with_today(Some(date("2031-05-05")));
    let mut h = harness_with(app);
    h.key_press(Key::N);
    h.run_steps(2);
    assert_eq!(h.state().date(), h.state().data().scenario.range.end);
}
