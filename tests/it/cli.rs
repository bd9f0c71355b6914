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
    let out = drawdown(&["status", "--date", "2025-10-01", "--track", "announced", "--json"]);
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
    let text = drawdown::DEFAULT_SCENARIO_TOML.replace("color = \"#0072B2\"", "color = \"blue\"");
    assert_ne!(
        text,
        drawdown::DEFAULT_SCENARIO_TOML,
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

/// `drawdown FILE` (what the desktop entry runs) checks the name before
/// any window opens: a name it cannot place fails on the terminal with
/// exit 2. A file that does not load opens the window (see below).
#[test]
fn a_file_to_open_is_checked_before_the_window() {
    let out = drawdown(&["notes.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("notes.txt: cannot tell what the file is"), "{err}");
    assert!(err.contains(".toml") && err.contains(".geojson"), "{err}");

    // A missing file is an error kept for the window's banner.
    let cli = <drawdown::Cli as clap::Parser>::try_parse_from(["drawdown", "/nonexistent/brief.toml"]).unwrap();
    let start = drawdown::native_start(&cli).unwrap();
    let err = start.load_error.unwrap().errors.to_string();
    assert!(err.contains("/nonexistent/brief.toml: no such file"), "{err}");
}

/// From the desktop there is no terminal: a broken file opens the window
/// on the embedded data, its errors in the banner and its file watched.
#[test]
fn a_broken_file_at_launch_opens_the_embedded_data_with_the_error_in_the_banner() {
    use drawdown::DrawdownApp;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.toml");
    std::fs::write(&path, "title = 3").unwrap();
    let path_arg = path.to_str().unwrap();
    // The flags were meant for the broken file: a date outside the embedded
    // range is clamped, not refused.
    let cli = <drawdown::Cli as clap::Parser>::try_parse_from([
        "drawdown",
        path_arg,
        "--track",
        "reported",
        "--date",
        "2030-01-01",
    ])
    .unwrap();
    let start = drawdown::native_start(&cli).unwrap();
    assert_eq!(start.data.sources, drawdown::Sources::default(), "the embedded data");
    let failure = start.load_error.as_ref().unwrap();
    assert_eq!(failure.sources.scenario.as_deref(), Some(path.as_path()));
    let app = DrawdownApp::new(start.data, start.start).with_load_error(start.load_error);
    let error = app.error().unwrap();
    assert!(error.contains(path_arg), "{error}");
    assert_eq!(app.data().scenario.track(app.track()).id, "reported");
    assert_eq!(app.date(), app.data().scenario.range.end);

    // Fixing the file loads it: the failed file is the one retried.
    std::fs::write(&path, drawdown::DEFAULT_SCENARIO_TOML).unwrap();
    let mut app = app;
    let _ = app.apply(drawdown::LoadCommand::Reload.into());
    let _ = app.wait_for_load();
    assert_eq!(app.error(), None);
    assert_eq!(app.data().sources.scenario.as_deref(), Some(path.as_path()));
}

#[test]
fn the_commands_still_exit_2_on_a_broken_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.toml");
    std::fs::write(&path, "title = 3").unwrap();
    let scenario = path.to_str().unwrap();
    let out_png = dir.path().join("map.png");
    let runs: [&[&str]; 3] = [
        &["check", "--scenario", scenario],
        &["status", "--scenario", scenario, "--date", "2025-10-01"],
        &[
            "export",
            "--scenario",
            scenario,
            "--date",
            "2025-10-01",
            "--out",
            out_png.to_str().unwrap(),
        ],
    ];
    for args in runs {
        let out = drawdown(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("broken.toml"), "{args:?}: {err}");
    }
    assert!(!out_png.exists());
}

#[test]
fn the_inputs_kind_is_told_by_the_files_extension() {
    use drawdown::FileKind;
    use std::path::Path;
    assert_eq!(FileKind::of_path(Path::new("a/Brief.TOML")), Some(FileKind::Scenario));
    assert_eq!(FileKind::of_path(Path::new("regions.geojson")), Some(FileKind::Regions));
    assert_eq!(FileKind::of_path(Path::new("regions.json")), Some(FileKind::Regions));
    assert_eq!(FileKind::of_path(Path::new("map.png")), None);
    assert_eq!(FileKind::of_path(Path::new("toml")), None);
}

/// A JSON object's keys in the order its text gives them (a
/// `serde_json::Value` sorts them, and the order is part of the format).
struct KeysInOrder(Vec<String>);

impl<'de> serde::Deserialize<'de> for KeysInOrder {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Keys;
        impl<'de> serde::de::Visitor<'de> for Keys {
            type Value = KeysInOrder;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<KeysInOrder, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    map.next_value::<serde::de::IgnoredAny>()?;
                    keys.push(key);
                }
                Ok(KeysInOrder(keys))
            }
        }
        deserializer.deserialize_map(Keys)
    }
}

/// The keys of `status --json`'s objects, in their order.
#[derive(serde::Deserialize)]
struct StatusKeys {
    regions: Vec<KeysInOrder>,
    bases: Vec<KeysInOrder>,
    troops: Vec<KeysInOrder>,
    incidents: Vec<KeysInOrder>,
}

fn status_text(args: &[&str]) -> String {
    let out = drawdown(args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Regions, bases, troop figures and incidents each have their documented
/// keys in their documented order; `last_reported` comes last, on a "no
/// report" day only.
#[test]
fn status_json_lists_bases_troops_and_incidents_with_keys_in_the_documented_order() {
    const REGION: &[&str] = &["id", "status", "label", "color", "from", "to", "source"];
    const BASE: &[&str] = &[
        "id",
        "name",
        "region",
        "status",
        "label",
        "color",
        "from",
        "to",
        "source",
        "confidence",
        "disputed",
        "approximate",
        "follows_region",
    ];
    const TROOPS: &[&str] = &["where", "low", "high", "as_of", "source", "note", "confidence"];
    const INCIDENT: &[&str] = &[
        "date",
        "title",
        "place",
        "lat",
        "lon",
        "detail",
        "source",
        "confidence",
        "disputed",
    ];
    for date in ["2026-03-05", "2026-03-25"] {
        let text = status_text(&["status", "--date", date, "--track", "reported", "--json"]);
        let top: KeysInOrder = serde_json::from_str(&text).unwrap();
        assert_eq!(
            top.0,
            [
                "date",
                "track",
                "regions",
                "bases",
                "troops",
                "incidents",
                "phase",
                "milestones",
                "record_end"
            ],
            "{date}"
        );
        let keys: StatusKeys = serde_json::from_str(&text).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        let with_last = |base: &[&str], status: &serde_json::Value| {
            let mut want: Vec<String> = base.iter().map(|k| (*k).to_owned()).collect();
            if status == "no_report" {
                want.push("last_reported".to_owned());
            }
            want
        };
        assert_eq!(keys.regions.len(), 3, "{date}");
        for (i, region) in keys.regions.iter().enumerate() {
            assert_eq!(region.0, with_last(REGION, &json["regions"][i]["status"]), "{date}");
        }
        assert_eq!(keys.bases.len(), 14, "{date}: every base of the scenario");
        for (i, base) in keys.bases.iter().enumerate() {
            assert_eq!(base.0, with_last(BASE, &json["bases"][i]["status"]), "{date}");
        }
        assert_eq!(keys.troops.len(), 3, "{date}");
        for troops in &keys.troops {
            assert_eq!(troops.0, TROOPS, "{date}");
        }
        for incident in &keys.incidents {
            assert_eq!(incident.0, INCIDENT, "{date}");
        }
        let no_reports = json["regions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["status"] == "no_report")
            .count();
        assert_eq!(no_reports, if date == "2026-03-25" { 3 } else { 0 }, "{date}");
    }
    let first_base = &status_json("2026-03-05", "reported")["bases"][0];
    assert_eq!(first_base["id"], "ain_al_asad");
    assert_eq!(first_base["name"], "Ain al-Asad Air Base");
    assert_eq!(first_base["region"], "federal_iraq");
    let color = first_base["color"].as_str().unwrap();
    assert!(color.len() == 7 && color.starts_with('#'), "{color}");
    assert_eq!(first_base["approximate"], true);
}

#[test]
fn al_tanf_is_drawing_down_on_10_february_2026_and_handed_over_on_the_11th() {
    let base_on = |date| {
        let json = status_json(date, "reported");
        json["bases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["id"] == "al_tanf")
            .cloned()
            .unwrap_or_else(|| panic!("no al_tanf on {date}: {json}"))
    };
    let before = base_on("2026-02-10");
    assert_eq!(before["status"], "drawdown");
    assert_eq!(before["label"], "Drawing down");
    assert_eq!(before["from"], "2026-01-28");
    assert_eq!(before["to"], "2026-02-10");
    assert_eq!(before["confidence"], "low");
    assert_eq!(before["region"], "syria");
    assert_eq!(before["approximate"], false, "al-Tanf's coordinates are published");
    assert_eq!(before["follows_region"], false);
    assert!(before.get("last_reported").is_none(), "{before}");
    let after = base_on("2026-02-11");
    assert_eq!(after["status"], "ended");
    assert_eq!(after["label"], "Handed over or vacated");
    assert_eq!(after["from"], "2026-02-11");
    assert_eq!(after["to"], "2026-03-13");
    assert_eq!(after["confidence"], "high");
    assert!(!after["source"].as_str().unwrap().is_empty(), "{after}");
}

/// The announced plan names no bases: each shows its region's period,
/// under a base's label, and says that it follows its region.
#[test]
fn a_base_on_the_announced_track_reports_its_regions_period_and_follows_it() {
    let json = status_json("2025-10-01", "announced");
    let bases = json["bases"].as_array().unwrap();
    assert_eq!(bases.len(), 14);
    for base in bases {
        assert_eq!(base["follows_region"], true, "{base}");
        let region = json["regions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == base["region"])
            .unwrap_or_else(|| panic!("no region for {base}"));
        for key in ["status", "color", "from", "to", "source"] {
            assert_eq!(base[key], region[key], "{key}: {base} vs {region}");
        }
    }
    let ain_al_asad = &bases[0];
    assert_eq!(ain_al_asad["id"], "ain_al_asad");
    assert_eq!(ain_al_asad["status"], "ended");
    assert_eq!(ain_al_asad["label"], "Handed over or vacated");
    assert_eq!(json["regions"][0]["label"], "Coalition mission over");
    assert_eq!(ain_al_asad["from"], "2025-10-01");
    assert_eq!(ain_al_asad["to"], serde_json::Value::Null);
    // On the reported track the same base has periods of its own.
    let reported = status_json("2025-10-01", "reported");
    assert_eq!(reported["bases"][0]["follows_region"], false);
    assert_eq!(reported["bases"][0]["status"], "drawdown");
}

#[test]
fn after_the_record_ends_a_region_is_no_report_with_what_was_last_reported() {
    let json = status_json("2026-03-25", "reported");
    let last: Vec<(&str, &str, &str, &str)> = json["regions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap(),
                r["status"].as_str().unwrap(),
                r["last_reported"]["status"].as_str().unwrap(),
                r["last_reported"]["date"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        last,
        [
            ("federal_iraq", "no_report", "ended", "2026-03-20"),
            ("kurdistan", "no_report", "drawdown", "2026-03-15"),
            ("syria", "no_report", "drawdown", "2026-03-13"),
        ]
    );
    assert_eq!(json["regions"][0]["from"], "2026-03-21");
    let al_tanf = json["bases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == "al_tanf")
        .unwrap();
    assert_eq!(al_tanf["status"], "no_report");
    assert_eq!(al_tanf["last_reported"]["status"], "ended");
    assert_eq!(al_tanf["last_reported"]["date"], "2026-03-13");
    // While the record runs there is nothing "last reported" to say; a base
    // whose own record fell silent earlier (Rmeilan) says what it was.
    let json = status_json("2026-03-13", "reported");
    for region in json["regions"].as_array().unwrap() {
        assert!(region.get("last_reported").is_none(), "{region}");
    }
    for base in json["bases"].as_array().unwrap() {
        let silent = base["status"] == "no_report";
        assert_eq!(base.get("last_reported").is_some(), silent, "{base}");
    }
    let rmeilan = json["bases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == "rmeilan")
        .unwrap();
    assert_eq!(rmeilan["last_reported"]["status"], "active", "{rmeilan}");
    assert_eq!(rmeilan["last_reported"]["date"], "2026-02-23", "{rmeilan}");
}

#[test]
fn troops_give_the_latest_figure_of_each_group_on_or_before_the_date() {
    let troops = |date| {
        status_json(date, "reported")["troops"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t["where"].as_str().unwrap().to_owned(),
                    t["low"].as_u64().unwrap(),
                    t["high"].as_u64().unwrap(),
                    t["as_of"].as_str().unwrap().to_owned(),
                )
            })
            .collect::<Vec<_>>()
    };
    let own = |w: &str, low, high, as_of: &str| (w.to_owned(), low, high, as_of.to_owned());
    assert_eq!(
        troops("2026-02-20"),
        [
            own("iraq", 2000, 2000, "2025-09-30"),
            own("kurdistan", 1500, 1500, "2025-11-26"),
            own("syria", 900, 1000, "2026-02-18"),
        ]
    );
    // Groups without a figure yet are left out.
    assert_eq!(troops("2024-09-27"), [own("iraq", 2500, 2500, "2024-09-27")]);
    assert!(troops("2024-01-01").is_empty());
    // Troop figures belong to no track: the plan shows the same ones.
    assert_eq!(
        status_json("2026-02-20", "announced")["troops"],
        status_json("2026-02-20", "reported")["troops"]
    );
}

#[test]
fn incidents_are_those_within_the_maps_window_of_the_date() {
    let titles = |date| {
        status_json(date, "reported")["incidents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["title"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    let erbil_strikes = titles("2026-03-05");
    assert_eq!(erbil_strikes.len(), 13, "{erbil_strikes:?}");
    assert_eq!(erbil_strikes[0], "Missiles and drones at Erbil");
    assert!(erbil_strikes.iter().any(|t| t == "Fire at the Erbil airport base"));
    // Seven days after the date is still inside the window.
    assert_eq!(erbil_strikes[12], "Drone downed near a Hasakah base");
    assert_eq!(drawdown::INCIDENT_WINDOW_DAYS, 7, "the window this test's dates assume");
    // 28 February is eight days after the 20th, seven after the 21st.
    assert!(titles("2026-02-20").is_empty());
    assert_eq!(titles("2026-02-21"), ["Missiles and drones at Erbil", "Explosions near Harir"]);
    assert!(titles("2025-06-01").is_empty());

    let json = status_json("2026-03-05", "reported");
    let first = &json["incidents"][0];
    assert_eq!(first["date"], "2026-02-28");
    assert_eq!(first["place"], "erbil_air_base");
    assert_eq!(first["lat"], 36.24);
    assert_eq!(first["lon"], 43.96);
    assert_eq!(first["confidence"], "high");
    assert_eq!(first["disputed"], serde_json::Value::Null);
    assert!(first["detail"].as_str().unwrap().contains("Patriots"), "{first}");
}

#[test]
fn status_text_lists_each_regions_bases_under_it_then_troops_and_incidents() {
    let text = status_text(&["status", "--date", "2026-03-25", "--track", "reported"]);
    let line_of = |start: &str| {
        text.lines()
            .position(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no line starting {start:?}:\n{text}"))
    };
    let order = [
        line_of("Federal Iraq"),
        line_of("  Ain al-Asad Air Base"),
        line_of("  Victory Base Complex"),
        line_of("Kurdistan Region"),
        line_of("  Erbil Air Base"),
        line_of("  Makhmour"),
        line_of("Syria"),
        line_of("  Al-Tanf garrison"),
        line_of("  Tel Baydar"),
        line_of("Troops, latest figure on or before 2026-03-25"),
        line_of("  Syria"),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}\n{text}");
    let al_tanf = text.lines().nth(line_of("  Al-Tanf garrison")).unwrap();
    assert!(
        al_tanf.contains("no report since 2026-03-14 — last reported: Handed over or vacated (until 2026-03-13)"),
        "{al_tanf}"
    );
    let federal_iraq = text.lines().nth(line_of("Federal Iraq")).unwrap();
    assert!(
        federal_iraq.contains("last reported: Coalition mission over (until 2026-03-20)"),
        "{federal_iraq}"
    );
    assert!(text.contains("900–1,000"), "{text}");
    // Nothing happened within a week of 25 March 2026.
    assert!(!text.contains("Incidents"), "{text}");

    let text = status_text(&["status", "--date", "2026-03-05", "--track", "reported"]);
    let incidents = text
        .lines()
        .position(|l| l == "Incidents within 7 days of 2026-03-05")
        .unwrap_or_else(|| panic!("{text}"));
    let listed: Vec<&str> = text.lines().skip(incidents + 1).collect();
    assert_eq!(listed.len(), 13, "{text}");
    assert!(
        listed[0].starts_with("  2026-02-28  Erbil Air Base: Missiles and drones at Erbil (high confidence)"),
        "{}",
        listed[0]
    );
    let al_tanf = text.lines().find(|l| l.starts_with("  Al-Tanf garrison")).unwrap();
    assert!(al_tanf.contains("Handed over or vacated") && al_tanf.contains("2026-02-11 – 2026-03-13"));
}

/// Names and titles come from a file: a line break or a terminal escape
/// in one must not break the text's one line per item; they are shown
/// escaped.
#[test]
fn status_text_keeps_one_line_per_item_whatever_the_file_writes_in_a_name() {
    let dir = std::env::temp_dir().join(format!("drawdown-cli-one-line-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("names.toml");
    let original = drawdown::DEFAULT_SCENARIO_TOML;
    let text = original
        .replace(
            "name = \"Al-Tanf garrison\"",
            "name = \"Al-Tanf\\ngarrison\\u001b[31m\"",
        )
        .replace(
            "title = \"Italian base in Erbil hit\"",
            "title = \"Italian base\\r\\nin Erbil hit\"",
        );
    assert_eq!(text.matches("\\u001b").count(), 1, "the fixture must change the file");
    assert!(
        text.contains("Italian base\\r\\nin"),
        "the fixture must change the file"
    );
    std::fs::write(&path, text).unwrap();
    let out = status_text(&[
        "status",
        "--date",
        "2026-03-11",
        "--track",
        "reported",
        "--scenario",
        path.to_str().unwrap(),
    ]);
    assert!(!out.contains('\u{1b}') && !out.contains('\r'), "{out:?}");
    assert!(
        !out.lines()
            .any(|l| l.starts_with("garrison") || l.starts_with("in Erbil")),
        "{out}"
    );
    // Shown escaped, as a reader can see (and report) what the file holds.
    assert!(out.contains("  Al-Tanf\\ngarrison\\u{1b}[31m"), "{out}");
    assert!(out.contains("Italian base\\r\\nin Erbil hit"), "{out}");
    // JSON keeps the text as the file has it (escaped).
    let json = drawdown(&[
        "status",
        "--date",
        "2026-03-11",
        "--track",
        "reported",
        "--json",
        "--scenario",
        path.to_str().unwrap(),
    ]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let al_tanf = json["bases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == "al_tanf")
        .unwrap();
    assert_eq!(al_tanf["name"], "Al-Tanf\ngarrison\u{1b}[31m");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn check_counts_bases_troop_figures_and_incidents() {
    let out = drawdown(&["check"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("14 bases, 62 base periods, 3 troop groups, 12 troop figures, 16 incidents; range"),
        "{text}"
    );
    // Still one "ok" line per file.
    assert_eq!(text.lines().filter(|l| l.starts_with("ok: ")).count(), 2, "{text}");
}

#[test]
fn without_a_display_the_window_error_is_plain_and_names_the_headless_commands() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_drawdown"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WAYLAND_SOCKET")
        .env("XDG_CONFIG_HOME", std::env::temp_dir().join("drawdown-no-display"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("drawdown: error: cannot open the window: "),
        "{stderr}"
    );
    assert!(!stderr.contains(".rs:") && !stderr.contains("/.cargo/"), "{stderr}");
    assert!(stderr.contains("`drawdown check`"), "{stderr}");
}

/// `drawdown export` of one small image of 2026-03-02 with `extra`
/// flags, into `dir/name`; its output.
fn export_small(dir: &std::path::Path, name: &str, extra: &[&str]) -> std::process::Output {
    let path = dir.join(name);
    let mut args = vec![
        "export",
        "--date",
        "2026-03-02",
        "--track",
        "reported",
        "--size",
        "640x360",
        "--out",
        path.to_str().unwrap(),
    ];
    args.extend(extra);
    drawdown(&args)
}

#[test]
fn hide_leaves_out_the_layers_it_names_as_the_options_would() {
    use drawdown::{ExportOptions, render_png_bytes};
    use drawdown::{LayerSet, MapLayer};

    let dir = tempfile::tempdir().unwrap();
    for (name, extra) in [
        ("hidden.png", &["--hide", "bases,incidents"][..]),
        ("plain.png", &[][..]),
    ] {
        let out = export_small(dir.path(), name, extra);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let data = crate::support::data();
    let expected = render_png_bytes(
        data,
        data.scenario.track_idx("reported").unwrap(),
        crate::support::date("2026-03-02"),
        &ExportOptions {
            size_px: [640, 360],
            layers: LayerSet::default()
                .with(MapLayer::Bases, false)
                .with(MapLayer::Incidents, false),
            ..ExportOptions::default()
        },
    )
    .unwrap();
    let hidden = std::fs::read(dir.path().join("hidden.png")).unwrap();
    assert!(hidden == expected, "--hide is the options' layer set");
    assert!(hidden != std::fs::read(dir.path().join("plain.png")).unwrap());
}

#[test]
fn no_legend_is_hide_legend_and_hide_may_be_given_twice() {
    let dir = tempfile::tempdir().unwrap();
    for (name, extra) in [
        ("no-legend.png", &["--no-legend"][..]),
        ("hide-legend.png", &["--hide", "legend"][..]),
        ("twice.png", &["--hide", "legend", "--hide", "title"][..]),
        ("once.png", &["--hide", "legend,title"][..]),
    ] {
        let out = export_small(dir.path(), name, extra);
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let read = |name: &str| std::fs::read(dir.path().join(name)).unwrap();
    assert!(read("no-legend.png") == read("hide-legend.png"));
    assert!(read("twice.png") == read("once.png"));
    assert!(read("once.png") != read("hide-legend.png"));
}

#[test]
fn an_unknown_layer_exits_2_naming_it_and_listing_the_known_ones() {
    let dir = tempfile::tempdir().unwrap();
    let out = export_small(dir.path(), "x.png", &["--hide", "bases,incidnets"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("unknown layer \"incidnets\" (name 2 of the list)"),
        "{stderr}"
    );
    for layer in drawdown::MapLayer::ALL {
        assert!(stderr.contains(layer.id()), "{layer}: {stderr}");
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!dir.path().join("x.png").exists(), "nothing written");
}

// --- today, the default track and what the record covers -----------------------

/// Today on this machine's clock, as the binary reads it.
fn today() -> drawdown::Date {
    drawdown::today_local()
}

/// The shipped scenario with its range running to 2099, so that today
/// lies inside it whenever the tests run.
fn scenario_to_2099(dir: &std::path::Path) -> std::path::PathBuf {
    let text = drawdown::DEFAULT_SCENARIO_TOML;
    let far = text.replacen("end = 2027-06-30", "end = 2099-12-31", 1);
    assert_ne!(far, text, "the fixture must change the range");
    let path = dir.join("to-2099.toml");
    std::fs::write(&path, far).unwrap();
    path
}

#[test]
fn status_without_date_or_track_shows_today_on_the_scenarios_default_track() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = scenario_to_2099(dir.path());
    let scenario = crate::support::path(&scenario);
    let out = drawdown(&["--scenario", scenario, "status", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["date"], today().to_string());
    assert_eq!(json["track"], "reported", "the shipped scenario's default track");
    // `--date today` is the same day, in every command that takes a date.
    let out = drawdown(&["--scenario", scenario, "status", "--date", "today", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["date"], today().to_string());
    // And the text names the track too.
    let text = status_text(&["--scenario", scenario, "status"]);
    assert!(text.starts_with(&format!("{} · Reported", today())), "{text}");
}

#[test]
fn a_single_image_export_without_a_date_shows_today_and_sequences_take_today_as_an_end() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = scenario_to_2099(dir.path());
    let scenario = crate::support::path(&scenario);
    let out_png = dir.path().join("today.png");
    let out = drawdown(&[
        "--scenario",
        scenario,
        "export",
        "--size",
        "320x200",
        "--out",
        crate::support::path(&out_png),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out_png.is_file());
    // `--from today` for a sequence of one day: the frame is named for today.
    let frames = dir.path().join("frames");
    let out = drawdown(&[
        "--scenario",
        scenario,
        "export",
        "--size",
        "320x200",
        "--from",
        "today",
        "--to",
        "today",
        "--step",
        "1d",
        "--out-dir",
        crate::support::path(&frames),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        crate::support::names_in(&frames),
        [format!("drawdown-reported-{}.png", today())],
        "without --track: the default track"
    );
}

#[test]
fn today_outside_the_scenarios_range_is_refused_naming_the_range() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2000.toml");
    std::fs::write(
        &path,
        r##"title = "The year 2000"
[range]
start = 2000-01-01
end = 2000-12-31
[[statuses]]
id = "on"
label = "On"
color = "#0072B2"
[[regions]]
id = "federal_iraq"
name = "Federal Iraq"
[[tracks]]
id = "only"
name = "Only"
[[tracks.periods]]
region = "federal_iraq"
from = 2000-01-01
status = "on"
source = "Test"
"##,
    )
    .unwrap();
    let scenario = crate::support::path(&path);
    for args in [&["status"][..], &["status", "--date", "today"]] {
        let out = drawdown(&[&["--scenario", scenario][..], args].concat());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&today().to_string()), "{args:?}: {err}");
        assert!(
            err.contains("outside the scenario's range 2000-01-01..2000-12-31"),
            "{args:?}: {err}"
        );
    }
    let out = drawdown(&["--scenario", scenario, "status", "--date", "2000-06-01"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// The keys of `status --json`'s top-level object, in order.
fn top_level_keys(text: &str) -> Vec<String> {
    serde_json::from_str::<KeysInOrder>(text).unwrap().0
}

#[test]
fn status_json_gives_the_phase_the_days_milestones_and_the_record_end_after_the_old_keys() {
    let out = drawdown(&["status", "--date", "2025-09-30", "--track", "announced", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        top_level_keys(&text),
        [
            "date",
            "track",
            "regions",
            "bases",
            "troops",
            "incidents",
            "phase",
            "milestones",
            "record_end"
        ]
    );
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let scenario = crate::support::data().scenario.clone();
    let announced = scenario.track_idx("announced").unwrap();
    let date = crate::support::date("2025-09-30");
    let phase = scenario.phase_on(announced, date).unwrap();
    assert_eq!(json["phase"]["title"], phase.title.as_str());
    assert_eq!(json["phase"]["from"], phase.from.to_string());
    assert_eq!(
        json["phase"]["to"],
        phase.to.map_or(serde_json::Value::Null, |to| to.to_string().into())
    );
    let want: Vec<&str> = scenario
        .milestones_for(announced)
        .filter(|m| m.date == date)
        .map(|m| m.title.as_str())
        .collect();
    assert!(!want.is_empty(), "the fixture date has a milestone");
    let milestones = json["milestones"].as_array().unwrap();
    let got: Vec<&str> = milestones.iter().map(|m| m["title"].as_str().unwrap()).collect();
    assert_eq!(got, want);
    #[derive(serde::Deserialize)]
    struct MilestoneKeys {
        milestones: Vec<KeysInOrder>,
    }
    let keys = &serde_json::from_str::<MilestoneKeys>(&text).unwrap().milestones[0].0;
    assert_eq!(keys, &["title", "detail", "source", "track"]);
    assert!(milestones[0]["source"].as_str().is_some_and(|s| !s.is_empty()));
    assert!(milestones[0]["detail"].as_str().is_some_and(|s| !s.is_empty()));
    assert_eq!(milestones[0]["track"], "announced");
    assert_eq!(json["record_end"], serde_json::Value::Null, "a plan has no record end");
    // Shared history belongs to every track: its track is null.
    let json = status_json("2024-09-27", "announced");
    assert_eq!(json["milestones"][0]["title"], "Joint statement: two-phase transition");
    assert_eq!(json["milestones"][0]["track"], serde_json::Value::Null);

    // The record: its end, and its last phase after it.
    let json = status_json("2026-03-25", "reported");
    assert_eq!(json["record_end"], "2026-03-20");
    assert_eq!(json["phase"]["title"], "No report after 20 March 2026");
    assert_eq!(json["phase"]["from"], "2026-03-21");
    assert_eq!(json["phase"]["to"], serde_json::Value::Null);
    assert_eq!(json["milestones"], serde_json::json!([]), "no milestone that day");
    let text = status_text(&["status", "--date", "2026-03-25", "--track", "reported"]);
    assert!(
        text.starts_with("2026-03-25 · Reported · on record to 2026-03-20\n"),
        "{text}"
    );
}

#[test]
fn an_unknown_track_exits_2_listing_the_scenarios_tracks() {
    for args in [
        &["status", "--date", "2025-10-01", "--track", "plan"][..],
        &[
            "export",
            "--date",
            "2025-10-01",
            "--track",
            "plan",
            "--out",
            "never.png",
        ],
        &["--track", "plan"],
    ] {
        let out = drawdown(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("the scenario has no track \"plan\"; it has \"announced\", \"reported\""),
            "{args:?}: {err}"
        );
    }
}
