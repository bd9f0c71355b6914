//! `drawdown record` and `drawdown scenario init` as a briefer runs them:
//! the real binary on a copy of the shipped scenario, the file's bytes
//! compared before and after.

use std::path::{Path, PathBuf};

use drawdown::DEFAULT_SCENARIO_TOML;

use crate::support::{drawdown, names_in, path, stderr};

/// A copy of the shipped scenario in a fresh directory.
fn scenario_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("scenario.toml");
    let out = drawdown(&["scenario", "init", path(&file)]);
    assert!(out.status.success(), "{}", stderr(&out));
    (dir, file)
}

fn read(file: &Path) -> String {
    std::fs::read_to_string(file).unwrap()
}

/// A realistic report: the base's next status, the day after its last
/// report (18 March 2026).
fn victory_base_report<'a>(file: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "record",
        "--scenario",
        file,
        "--track",
        "reported",
        "--base",
        "victory_base",
        "--from",
        "2026-03-19",
        "--status",
        "ended",
        "--source",
        "Test wire, 20 Mar 2026",
        "--confidence",
        "high",
    ];
    args.extend_from_slice(extra);
    args
}

#[test]
fn scenario_init_writes_the_embedded_scenario_and_refuses_to_overwrite_it() {
    let (dir, file) = scenario_copy();
    assert_eq!(read(&file), DEFAULT_SCENARIO_TOML);
    std::fs::write(&file, "# mine\n").unwrap();
    let out = drawdown(&["scenario", "init", path(&file)]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(read(&file), "# mine\n");
    assert_eq!(names_in(dir.path()), ["scenario.toml"]);
    let out = drawdown(&["scenario", "init", path(&file), "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(read(&file), DEFAULT_SCENARIO_TOML);
}

#[test]
fn record_without_a_scenario_file_refuses_and_points_to_scenario_init() {
    let out = drawdown(&[
        "record", "--track", "reported", "--region", "kurdistan", "--from", "2026-03-15", "--status", "drawdown",
        "--source", "X",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("drawdown scenario init FILE"), "{}", stderr(&out));
}

#[test]
fn a_recorded_period_is_written_shown_as_a_diff_and_loads() {
    let (dir, file) = scenario_copy();
    let out = drawdown(&victory_base_report(path(&file), &["--note", "NATO Mission Iraq's staff leave."]));
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("+from = 2026-03-19"), "{stdout}");
    assert!(stdout.contains("+source = \"Test wire, 20 Mar 2026\""), "{stdout}");
    assert!(stdout.contains("recorded into"), "{stdout}");
    let after = read(&file);
    assert_ne!(after, DEFAULT_SCENARIO_TOML);
    assert!(after.contains("note = \"NATO Mission Iraq's staff leave.\""));
    let check = drawdown(&["check", "--scenario", path(&file)]);
    assert!(check.status.success(), "{}", stderr(&check));
    let status = drawdown(&["status", "--scenario", path(&file), "--date", "2026-03-19", "--track", "reported"]);
    assert!(String::from_utf8_lossy(&status.stdout).contains("Test wire, 20 Mar 2026"));
    assert_eq!(names_in(dir.path()), ["scenario.toml"], "nothing beside it");
}

#[test]
fn a_dry_run_prints_the_change_and_leaves_the_bytes() {
    let (dir, file) = scenario_copy();
    let out = drawdown(&victory_base_report(path(&file), &["--dry-run"]));
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("+from = 2026-03-19") && stdout.contains("dry run"), "{stdout}");
    assert_eq!(read(&file), DEFAULT_SCENARIO_TOML);
    assert_eq!(names_in(dir.path()), ["scenario.toml"]);
}

#[test]
fn each_bad_input_exits_2_with_the_reason_and_leaves_the_file_alone() {
    let (dir, file) = scenario_copy();
    let f = path(&file);
    let base = |flag: &'static str, value: &'static str| -> Vec<String> {
        let mut args: Vec<String> = victory_base_report(f, &[]).into_iter().map(str::to_owned).collect();
        let at = args.iter().position(|a| a == flag).unwrap();
        args[at + 1] = value.to_owned();
        args
    };
    let cases: Vec<(Vec<String>, &str)> = vec![
        (base("--track", "rumoured"), "no track \"rumoured\""),
        (base("--status", "gone"), "no status \"gone\""),
        (base("--from", "2026-02-30"), "not a date"),
        (base("--from", "2030-01-01"), "outside the scenario's range"),
        (base("--confidence", "certain"), "certain"),
        (base("--base", "erbil"), "is a city, not a base"),
        (base("--base", "camp_nowhere"), "no base \"camp_nowhere\""),
        (
            {
                let mut args = base("--base", "victory_base");
                args.extend(["--to".to_owned(), "2026-03-01".to_owned()]);
                args
            },
            "ends (2026-03-01) before it starts (2026-03-19)",
        ),
        (
            {
                let mut args: Vec<String> = victory_base_report(f, &[]).into_iter().map(str::to_owned).collect();
                let at = args.iter().position(|a| a == "--base").unwrap();
                args[at] = "--region".to_owned();
                args[at + 1] = "atlantis".to_owned();
                args
            },
            "no region \"atlantis\"",
        ),
    ];
    for (args, reason) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = drawdown(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(reason), "{reason}: {}", stderr(&out));
        assert_eq!(read(&file), DEFAULT_SCENARIO_TOML, "{args:?}");
        assert_eq!(names_in(dir.path()), ["scenario.toml"], "{args:?}");
    }
}

#[test]
fn troops_incidents_and_milestones_are_recorded_through_their_subcommands() {
    let (_dir, file) = scenario_copy();
    let f = path(&file);
    let runs: [&[&str]; 3] = [
        &[
            "record", "troops", "--scenario", f, "--group", "iraq", "--date", "2026-03-21", "--low", "900",
            "--high", "1000", "--note", "Fewer than 1,000 US troops.", "--source", "Test wire, 20 Mar 2026",
            "--confidence", "medium",
        ],
        &[
            "record", "incident", "--scenario", f, "--date", "2026-03-17", "--place", "victory_base", "--title",
            "Drones at Victoria base", "--source", "Test wire, 17 Mar 2026",
        ],
        &[
            "record", "milestone", "--scenario", f, "--date", "2026-03-20", "--track", "reported", "--title",
            "A test milestone", "--source", "Test wire, 20 Mar 2026",
        ],
    ];
    for args in runs {
        let out = drawdown(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    let text = read(&file);
    let scenario = drawdown::parse_scenario(&text, "copy").unwrap();
    assert!(scenario.troops.iter().any(|t| t.low == 900 && t.high == 1000));
    assert!(scenario.incidents.iter().any(|i| i.title == "Drones at Victoria base"));
    assert!(scenario.milestones.iter().any(|m| m.title == "A test milestone"));
    // The new figure follows Iraq's last one, before the next group's.
    let new = text.find("low = 900").unwrap();
    assert!(text[..new].rfind("where = \"iraq\"").is_some());
    assert!(text[new..].contains("where = \"kurdistan\""));
}

#[test]
fn a_period_can_be_recorded_as_record_period_too() {
    let (_dir, file) = scenario_copy();
    let mut args = victory_base_report(path(&file), &["--dry-run"]);
    args.insert(1, "period");
    let out = drawdown(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("+from = 2026-03-19"));
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A region's or base's status on a date of the reported track, from
/// `drawdown status --json`.
fn status_on(file: &Path, date: &str, kind: &str, id: &str) -> String {
    let out = drawdown(&["status", "--scenario", path(file), "--date", date, "--track", "reported", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let entry = json[kind].as_array().unwrap().iter().find(|e| e["id"] == id).unwrap();
    entry["status"].as_str().unwrap().to_owned()
}

#[test]
fn a_report_after_the_records_end_moves_it() {
    let (_dir, file) = scenario_copy();
    assert_eq!(status_on(&file, "2026-04-01", "regions", "federal_iraq"), "no_report");
    let out = drawdown(&[
        "record", "--scenario", path(&file), "--track", "reported", "--region", "federal_iraq", "--from",
        "2026-04-01", "--status", "ended", "--source", "Test wire, 1 Apr 2026",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("track reported: the record ends on 2026-04-01"), "{}", stdout(&out));
    assert_eq!(status_on(&file, "2026-04-01", "regions", "federal_iraq"), "ended");
    assert_eq!(status_on(&file, "2026-04-02", "regions", "federal_iraq"), "no_report");
}

#[test]
fn no_report_ends_a_bases_record_before_the_tracks() {
    let (_dir, file) = scenario_copy();
    assert_eq!(status_on(&file, "2026-03-01", "bases", "ain_al_asad"), "ended");
    let out = drawdown(&[
        "record", "no-report", "--scenario", path(&file), "--track", "reported", "--base", "ain_al_asad", "--from",
        "2026-03-01",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(status_on(&file, "2026-02-28", "bases", "ain_al_asad"), "ended");
    assert_eq!(status_on(&file, "2026-03-01", "bases", "ain_al_asad"), "no_report");
    assert!(stdout(&out).contains("track reported: the record ends on 2026-03-20"), "the track's end stays");
    let plan = drawdown(&[
        "record", "no-report", "--scenario", path(&file), "--track", "announced", "--base", "ain_al_asad", "--from",
        "2026-03-01",
    ]);
    assert_eq!(plan.status.code(), Some(2));
    assert!(stderr(&plan).contains("is a plan"), "{}", stderr(&plan));
}

#[test]
fn a_milestone_of_no_track_moves_no_records_end_and_one_of_the_track_does() {
    let (_dir, file) = scenario_copy();
    let milestone = |track: Option<&str>| {
        let mut args = vec![
            "record", "milestone", "--scenario", path(&file), "--date", "2026-08-01", "--title", "A test event",
            "--source", "Test wire, 1 Aug 2026", "--dry-run",
        ];
        if let Some(track) = track {
            args.extend(["--track", track]);
        }
        let out = drawdown(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    assert!(milestone(None).contains("the record ends on 2026-03-20"));
    assert!(milestone(Some("reported")).contains("the record ends on 2026-08-01"));
}

/// Splits a shell command line of the README into its words: plain words
/// and "double-quoted" ones (no escapes in the examples).
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut rest = line.trim();
    while !rest.is_empty() {
        if let Some(quoted) = rest.strip_prefix('"') {
            let end = quoted.find('"').unwrap();
            words.push(quoted[..end].to_owned());
            rest = quoted[end + 1..].trim_start();
        } else {
            let end = rest.find(' ').unwrap_or(rest.len());
            words.push(rest[..end].to_owned());
            rest = rest[end..].trim_start();
        }
    }
    words
}

#[test]
fn the_readmes_record_examples_run_on_the_shipped_scenario() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = &readme[readme.find("## Recording a report").unwrap()..];
    let block = &section[section.find("```sh\ndrawdown record").unwrap() + 6..];
    let block = &block[..block.find("```").unwrap()];
    let commands: Vec<String> = block.replace("\\\n", " ").lines().map(str::to_owned).collect();
    assert!(commands.len() >= 5, "{commands:?}");
    for command in commands {
        let (_dir, file) = scenario_copy();
        let words: Vec<String> = shell_words(&command)
            .into_iter()
            .filter(|w| w != "[--track" && w != "reported]")
            .map(|w| match w.as_str() {
                "FILE" | "~/.config/drawdown/scenario.toml" => path(&file).to_owned(),
                "…" => "Test text".to_owned(),
                _ => w,
            })
            .collect();
        assert_eq!(words[0], "drawdown", "{command}");
        let mut args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
        args.push("--dry-run");
        let out = drawdown(&args);
        assert!(out.status.success(), "{command}: {}", stderr(&out));
    }
}
