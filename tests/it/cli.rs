//! The command line as a user runs it: the real binary, its output and its
//! exit codes.

use crate::support::drawdown;

fn status_json(date: &str, track: &str) -> serde_json::Value {
    let out = drawdown(&["status", "--date", date, "--track", track, "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Statuses (federal Iraq, Kurdistan Region, Syria) the issue and the fact
/// sheet give for the dates either side of each announced phase boundary.
const EXPECTED: &[(&str, &str, [&str; 3])] = &[
    ("2024-09-26", "announced", ["active", "active", "active"]),
    ("2024-09-27", "announced", ["drawdown", "active", "active"]),
    ("2025-09-30", "announced", ["drawdown", "active", "active"]),
    ("2025-10-01", "announced", ["ended", "syria_support", "active"]),
    ("2026-09-30", "announced", ["ended", "syria_support", "active"]),
    ("2026-10-01", "announced", ["ended", "ended", "active"]),
    ("2024-09-26", "reported", ["active", "active", "active"]),
    ("2024-09-27", "reported", ["drawdown", "active", "active"]),
    ("2025-09-30", "reported", ["drawdown", "active", "active"]),
    // Advisers stayed at Ain al-Asad past the announced deadline.
    ("2025-10-01", "reported", ["drawdown", "active", "active"]),
    // Nothing on record after January 2026.
    ("2026-09-30", "reported", ["no_report", "no_report", "no_report"]),
    ("2026-10-01", "reported", ["no_report", "no_report", "no_report"]),
];

#[test]
fn status_json_gives_the_statuses_at_every_phase_boundary_in_both_tracks() {
    for (date, track, statuses) in EXPECTED {
        let json = status_json(date, track);
        assert_eq!(json["date"], *date);
        assert_eq!(json["track"], *track);
        let regions = json["regions"].as_array().unwrap();
        let got: Vec<(&str, &str)> = regions
            .iter()
            .map(|r| (r["id"].as_str().unwrap(), r["status"].as_str().unwrap()))
            .collect();
        let want: Vec<(&str, &str)> = ["federal_iraq", "kurdistan", "syria"]
            .into_iter()
            .zip(*statuses)
            .collect();
        assert_eq!(got, want, "{track} on {date}");
    }
}

#[test]
fn status_json_has_exactly_the_documented_shape() {
    let out = drawdown(&["status", "--date", "2025-10-01", "--json"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with(
            r#"{"date":"2025-10-01","track":"announced","regions":[{"id":"federal_iraq","status":"ended","label":""#
        ),
        "{text}"
    );
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let region = &json["regions"][0];
    let keys: Vec<&String> = region.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 7, "{keys:?}");
    // Field order is part of the format: check it in the raw text.
    let first_region = &text[text.find("{\"id\"").unwrap()..text.find('}').unwrap()];
    let positions: Vec<usize> = ["id", "status", "label", "color", "from", "to", "source"]
        .iter()
        .map(|k| first_region.find(&format!("\"{k}\":")).unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{first_region}");
    assert_eq!(region["from"], "2025-10-01");
    assert_eq!(region["to"], serde_json::Value::Null);
    let color = region["color"].as_str().unwrap();
    assert!(color.len() == 7 && color.starts_with('#'), "{color}");
    assert_eq!(json["regions"][1]["to"], "2026-09-30");
}

#[test]
fn status_text_names_regions_and_sources() {
    let out = drawdown(&["status", "--date", "2025-12-01", "--track", "reported"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Federal Iraq"), "{text}");
    assert!(text.contains("Transition under way"), "{text}");
    assert!(text.contains("Shafaq News"), "{text}");
}

#[test]
fn bad_dates_exit_2_with_a_clear_message() {
    for (date, expected) in [
        ("2025-02-30", "not a date"),
        ("yesterday", "expected YYYY-MM-DD"),
        ("2030-01-01", "outside the scenario's range 2014-08-01..2027-06-30"),
    ] {
        let out = drawdown(&["status", "--date", date]);
        assert_eq!(out.status.code(), Some(2), "{date}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expected), "{date}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn check_counts_what_it_loaded() {
    let out = drawdown(&["check"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("3 regions, 2 tracks"), "{text}");
    assert!(
        text.contains("33 features (federal_iraq 15, kurdistan 3, syria 15)"),
        "{text}"
    );
}

#[test]
fn check_reports_a_broken_scenario_with_file_line_and_column() {
    let dir = std::env::temp_dir().join(format!("drawdown-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("broken.toml");
    let text = drawdown::load::scenario::DEFAULT_SCENARIO_TOML.replace("color = \"#0072B2\"", "color = \"blue\"");
    assert_ne!(
        text,
        drawdown::load::scenario::DEFAULT_SCENARIO_TOML,
        "the fixture must change the file"
    );
    std::fs::write(&path, text).unwrap();
    let out = drawdown(&["check", "--scenario", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let prefix = format!("drawdown: error: {}:", path.display());
    assert!(stderr.starts_with(&prefix), "{stderr}");
    assert!(stderr.contains("\"blue\""), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn completions_are_printed_for_bash_zsh_and_fish_only() {
    for shell in ["bash", "zsh", "fish"] {
        let out = drawdown(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(
            script.contains("drawdown") && script.contains("export"),
            "{shell}: {script}"
        );
    }
    let out = drawdown(&["completions", "cmd.exe"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bash") && stderr.contains("fish"), "{stderr}");
}

#[test]
fn man_prints_a_roff_page_naming_the_commands() {
    let out = drawdown(&["man"]);
    assert_eq!(out.status.code(), Some(0));
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains(".TH drawdown 1"), "{page}");
    for command in ["status", "check", "export", "completions"] {
        assert!(page.contains(command), "no {command}: {page}");
    }
}

/// `drawdown FILE` (what the desktop entry runs) checks the file before
/// any window opens: a name it cannot place, or a file that does not load,
/// fails on the terminal with exit 2.
#[test]
fn a_file_to_open_is_checked_before_the_window() {
    let out = drawdown(&["notes.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("notes.txt: cannot tell what the file is"), "{err}");
    assert!(err.contains(".toml") && err.contains(".geojson"), "{err}");

    let out = drawdown(&["/nonexistent/brief.toml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/nonexistent/brief.toml: no such file"), "{err}");
}

#[test]
fn the_inputs_kind_is_told_by_the_files_extension() {
    use drawdown::inputs::FileKind;
    use std::path::Path;
    assert_eq!(FileKind::of_path(Path::new("a/Brief.TOML")), Some(FileKind::Scenario));
    assert_eq!(FileKind::of_path(Path::new("regions.geojson")), Some(FileKind::Regions));
    assert_eq!(FileKind::of_path(Path::new("regions.json")), Some(FileKind::Regions));
    assert_eq!(FileKind::of_path(Path::new("map.png")), None);
    assert_eq!(FileKind::of_path(Path::new("toml")), None);
}
