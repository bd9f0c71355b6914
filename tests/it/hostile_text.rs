//! Hostile text and size (issue 12): a huge name, many errors, control and
//! bidi characters, and scenarios over the caps. The inputs are generated
//! here, never committed.

use std::path::{Path, PathBuf};

use drawdown::{DEFAULT_SCENARIO_TOML, MAX_PLACES, MAX_SCENARIO_BYTES, parse_scenario};

use crate::support::drawdown;

const SQUARE: &str = r#"{"type":"Polygon","coordinates":[[[44,33],[45,33],[45,34],[44,34],[44,33]]]}"#;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn stderr(args: &[&str]) -> (Option<i32>, String) {
    let out = drawdown(args);
    (out.status.code(), String::from_utf8(out.stderr).unwrap())
}

/// `n` features without a `region`, the first named `first_name`.
fn features_without_region(n: usize, first_name: &str) -> String {
    let features: Vec<String> = (0..n)
        .map(|i| {
            let name = if i == 0 {
                first_name.to_owned()
            } else {
                format!("District {i}")
            };
            format!(
                r#"{{"type":"Feature","properties":{{"name":{}}},"geometry":{SQUARE}}}"#,
                serde_json::Value::String(name)
            )
        })
        .collect();
    format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(","))
}

#[test]
fn a_ten_megabyte_name_becomes_a_short_error_line_that_gives_its_length() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "huge_name.geojson",
        &features_without_region(1, &"A".repeat(10_000_000)),
    );
    let path = path.to_str().unwrap();
    let (code, err) = stderr(&["check", "--regions", path]);
    assert_eq!(code, Some(2), "{}", &err[..err.len().min(500)]);
    assert_eq!(err.lines().count(), 1, "{}", &err[..err.len().min(500)]);
    // Less the path the test chose, the line is short.
    assert!(
        err.len() - path.len() < 300,
        "{} bytes: {}",
        err.len(),
        &err[..err.len().min(500)]
    );
    let shown = format!("({}… (10,000,000 characters))", "A".repeat(80));
    assert!(err.contains(&shown), "{err}");
    assert!(
        err.trim_end()
            .ends_with("expected a region id such as \"federal_iraq\""),
        "{err}"
    );
}

#[test]
fn two_hundred_and_fifty_errors_print_the_first_hundred_and_count_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "many.geojson", &features_without_region(250, "District 0"));
    let (code, err) = stderr(&["check", "--regions", path.to_str().unwrap()]);
    assert_eq!(code, Some(2));
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 101, "{err}");
    assert!(
        lines[0].starts_with("drawdown: error: ") && lines[0].contains("feature 0:"),
        "{}",
        lines[0]
    );
    assert!(
        lines[99].contains("feature 99: (District 99) has no \"region\""),
        "{}",
        lines[99]
    );
    assert_eq!(lines[100], "… and 150 more errors");
    // `status` loads the same regions and says the same.
    let (code, status_err) = stderr(&["status", "--date", "2025-10-01", "--regions", path.to_str().unwrap()]);
    assert_eq!((code, status_err.lines().count()), (Some(2), 101));
}

/// The shipped scenario with one more city, `lines` its fields.
fn with_extra_city(fields: &str) -> String {
    format!("{DEFAULT_SCENARIO_TOML}\n[[places]]\n{fields}\n")
}

#[test]
fn an_id_with_a_control_or_bidi_character_is_refused_where_it_is() {
    for (written, shown) in [
        ("\\u001b[2J", "\\u{1b}"),
        ("a\\nb", "\\u{a}"),
        ("\\u202Eevil", "\\u{202e}"),
        ("x\\u2066", "\\u{2066}"),
        ("x\\u200F", "\\u{200f}"),
        ("x\\u061C", "\\u{61c}"),
    ] {
        let text = with_extra_city(&format!(
            "id = \"{written}\"\nname = \"N\"\nkind = \"city\"\nlat = 33.0\nlon = 44.0"
        ));
        let errors = parse_scenario(&text, "s.toml").unwrap_err();
        assert_eq!(errors.0.len(), 1, "{written}: {errors}");
        let message = errors.0[0].to_string();
        let line = text
            .lines()
            .position(|l| l.starts_with("id = \"") && l.contains(written))
            .unwrap()
            + 1;
        assert!(
            message.starts_with(&format!("s.toml:{line}:6: place \"id\" ")),
            "{message}"
        );
        assert!(
            message.contains("contains the ") && message.contains(shown),
            "{message}"
        );
        assert!(message.ends_with("ids are plain text"), "{message}");
        assert!(
            !message
                .chars()
                .any(|c| c.is_control() || ('\u{2066}'..='\u{2069}').contains(&c)),
            "{message:?}"
        );
    }
    // Statuses, regions and tracks: the same rule, one home.
    let text = DEFAULT_SCENARIO_TOML.replacen("id = \"announced\"", "id = \"announ\\u202Dced\"", 1);
    assert_ne!(text, DEFAULT_SCENARIO_TOML, "the fixture must change the file");
    let errors = parse_scenario(&text, "s.toml").unwrap_err().to_string();
    assert!(
        errors.contains("track \"id\" \"announ\\u{202d}ced\" contains the bidirectional or separator character"),
        "{errors}"
    );
}

#[test]
fn a_name_with_an_escape_is_printed_escaped_by_check_and_by_status() {
    let dir = tempfile::tempdir().unwrap();
    // `check`: the name is quoted in the message about the place's kind.
    let text =
        with_extra_city("id = \"x\"\nname = \"Evil\\u001b[2J\\u202Eboss\"\nkind = \"town\"\nlat = 33.0\nlon = 44.0");
    let path = write(dir.path(), "escape.toml", &text);
    let (code, err) = stderr(&["check", "--scenario", path.to_str().unwrap()]);
    assert_eq!(code, Some(2));
    assert!(!err.contains('\u{1b}') && !err.contains('\u{202e}'), "{err:?}");
    assert!(err.contains("(place \"Evil\\u{1b}[2J\\u{202e}boss\")"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    // `status` text: a base's name.
    let text = DEFAULT_SCENARIO_TOML.replacen(
        "name = \"Al-Tanf garrison\"",
        "name = \"Al-Tanf\\u202E garrison\\u001b]0;owned\\u0007\"",
        1,
    );
    let path = write(dir.path(), "status.toml", &text);
    let out = drawdown(&[
        "status",
        "--date",
        "2026-03-11",
        "--track",
        "reported",
        "--scenario",
        path.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.chars().any(|c| c == '\u{1b}' || c == '\u{7}' || c == '\u{202e}'),
        "{text:?}"
    );
    assert!(
        text.contains("Al-Tanf\\u{202e} garrison\\u{1b}]0;owned\\u{7}"),
        "{text}"
    );
}

#[test]
fn a_scenario_over_the_size_cap_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let limit_mib = MAX_SCENARIO_BYTES / (1024 * 1024);
    // Just over: sparse, no disk space.
    let path = dir.path().join("over.toml");
    std::fs::File::create(&path)
        .unwrap()
        .set_len(MAX_SCENARIO_BYTES + 1)
        .unwrap();
    let (code, err) = stderr(&["check", "--scenario", path.to_str().unwrap()]);
    assert_eq!(code, Some(2));
    assert!(
        err.trim_end().ends_with(&format!(
            "over.toml: file is {} bytes, larger than the {limit_mib} MiB limit for scenarios",
            drawdown::number_format::thousands(MAX_SCENARIO_BYTES + 1)
        )),
        "{err}"
    );
    // Exactly at the cap (the shipped scenario and a long comment): loads.
    let mut text = DEFAULT_SCENARIO_TOML.to_owned();
    text.push('#');
    let pad = usize::try_from(MAX_SCENARIO_BYTES).unwrap() - text.len() - 1;
    text.push_str(&"x".repeat(pad));
    text.push('\n');
    assert_eq!(text.len() as u64, MAX_SCENARIO_BYTES);
    let path = write(dir.path(), "at_cap.toml", &text);
    let out = drawdown(&["check", "--scenario", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // The same text one byte over, handed to the parser directly.
    text.push('\n');
    let errors = parse_scenario(&text, "s.toml").unwrap_err().to_string();
    assert!(
        errors.ends_with(&format!(
            "s.toml: file is {} bytes, larger than the {limit_mib} MiB limit for scenarios",
            drawdown::number_format::thousands(MAX_SCENARIO_BYTES + 1)
        )),
        "{errors}"
    );
}

/// The shipped scenario with cities added up to `total` places.
fn with_places(total: usize) -> String {
    let shipped = DEFAULT_SCENARIO_TOML.matches("\n[[places]]").count();
    let mut text = DEFAULT_SCENARIO_TOML.to_owned();
    for i in shipped..total {
        text += &format!(
            "\n[[places]]\nid = \"p{i}\"\nname = \"P{i}\"\nkind = \"city\"\nlat = {}\nlon = {}\n",
            30.0 + (i % 70) as f64 * 0.1,
            39.0 + (i / 70 % 90) as f64 * 0.1
        );
    }
    text
}

#[test]
fn places_up_to_the_cap_load_and_one_more_is_refused_naming_table_and_cap() {
    let at_cap = with_places(MAX_PLACES.max);
    let scenario = parse_scenario(&at_cap, "s.toml").unwrap_or_else(|e| panic!("{}", e.first(3)));
    assert_eq!(scenario.places.len(), MAX_PLACES.max);
    let over = with_places(MAX_PLACES.max + 1);
    let errors = parse_scenario(&over, "s.toml").unwrap_err();
    assert_eq!(errors.0.len(), 1, "{}", errors.first(3));
    let message = errors.0[0].to_string();
    // At the first place past the cap: the last one.
    let last_table = over.rfind("\n[[places]]").unwrap() + 1;
    let last_line = over[..last_table].matches('\n').count() + 1;
    assert!(message.starts_with(&format!("s.toml:{last_line}:1: ")), "{message}");
    assert!(
        message.contains("10,001 [[places]] entries, more than the 10,000 a scenario may have"),
        "{message}"
    );
}

#[test]
fn status_json_escapes_del_c1_bidi_and_separators_and_keeps_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = "Ain\u{7f} al-Asad\u{85}\u{202e}\u{2028}\u{2029}";
    let toml_name = "Ain\\u007F al-Asad\\u0085\\u202E\\u2028\\u2029";
    let text = DEFAULT_SCENARIO_TOML.replacen(
        "name = \"Ain al-Asad Air Base\"",
        &format!("name = \"{toml_name}\""),
        1,
    );
    assert_ne!(text, DEFAULT_SCENARIO_TOML, "the fixture must rename a base");
    let scenario = write(dir.path(), "s.toml", &text);
    let out = drawdown(&[
        "--scenario",
        crate::support::path(&scenario),
        "status",
        "--date",
        "2025-10-01",
        "--json",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    for raw in ['\u{7f}', '\u{85}', '\u{202e}', '\u{2028}', '\u{2029}'] {
        assert!(!stdout.contains(raw), "{raw:?} reached the terminal raw: {stdout:?}");
    }
    for escape in ["\\u007f", "\\u0085", "\\u202e", "\\u2028", "\\u2029"] {
        assert!(stdout.contains(escape), "{escape} missing: {stdout}");
    }
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["bases"][0]["name"], hostile, "a program reads the same name");
}

#[test]
fn an_id_with_an_invisible_format_character_is_refused_where_it_is() {
    for (written, shown) in [
        ("sy\\u200Bria", "\\u{200b}"),
        ("sy\\u00ADria", "\\u{ad}"),
        ("\\uFEFFsyria", "\\u{feff}"),
        ("syr\\u2060ia", "\\u{2060}"),
    ] {
        let text = with_extra_city(&format!(
            "id = \"{written}\"\nname = \"N\"\nkind = \"city\"\nlat = 33.0\nlon = 44.0"
        ));
        let errors = parse_scenario(&text, "s.toml").unwrap_err();
        assert_eq!(errors.0.len(), 1, "{written}: {errors}");
        let message = errors.0[0].to_string();
        let line = text.lines().position(|l| l.contains(written)).unwrap() + 1;
        assert!(message.starts_with(&format!("s.toml:{line}:6: place \"id\" ")), "{message}");
        assert!(
            message.contains(&format!("contains the invisible format character {shown}")),
            "{message}"
        );
    }
}

#[test]
fn a_documents_own_texts_are_bounded_whatever_the_scenario_says() {
    let dir = tempfile::tempdir().unwrap();
    let long_title = "T".repeat(100_000);
    let long_milestone = "M".repeat(100_000);
    let huge_name = "N".repeat(1_000_000);
    let text = DEFAULT_SCENARIO_TOML
        .replacen(
            "title = \"The coalition against IS leaves Iraq\"",
            &format!("title = \"{long_title}\""),
            1,
        )
        .replacen(
            "title = \"US air strikes in Iraq begin\"",
            &format!("title = \"{long_milestone}\""),
            1,
        )
        .replacen("name = \"Ain al-Asad Air Base\"", &format!("name = \"{huge_name}\""), 1);
    assert!(text.contains(&long_title) && text.contains(&long_milestone), "the titles changed");
    assert!(text.contains(&huge_name));
    let scenario = write(dir.path(), "s.toml", &text);
    let scenario = crate::support::path(&scenario);
    let (svg, book, deck) = (dir.path().join("m.svg"), dir.path().join("b.pdf"), dir.path().join("d.pptx"));
    let out = drawdown(&[
        "--scenario", scenario, "export", "--date", "2025-10-01", "--size", "320x180", "--out",
        crate::support::path(&svg),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = drawdown(&[
        "--scenario", scenario, "export", "--track", "announced", "--from", "2014-08-01", "--to", "2014-08-29",
        "--step", "1w", "--size", "320x180", "--pdf", crate::support::path(&book), "--pptx",
        crate::support::path(&deck),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let limit = drawdown::DOCUMENT_TEXT_MAX_CHARS + 1;
    let svg = std::fs::read_to_string(&svg).unwrap();
    assert!(svg.len() < 200_000, "the SVG holds no whole name: {} bytes", svg.len());
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let titles: Vec<&str> = doc.descendants().filter(|n| n.has_tag_name("title")).filter_map(|n| n.text()).collect();
    assert!(titles.iter().any(|t| t.starts_with("NNNN")), "the base's item is titled");
    for title in &titles {
        assert!(title.chars().count() <= limit, "an SVG <title> of {} characters", title.chars().count());
    }

    let pdf = lopdf::Document::load(&book).unwrap();
    let toc = pdf.get_toc().unwrap();
    assert!(!toc.toc.is_empty(), "the milestone's page is bookmarked");
    for entry in &toc.toc {
        assert!(entry.title.chars().count() <= limit + 13, "a bookmark of {} characters", entry.title.chars().count());
    }
    let info = pdf.trailer.get(b"Info").and_then(|info| pdf.dereference(info)).unwrap().1.as_dict().unwrap();
    let title = lopdf::decode_text_string(info.get(b"Title").unwrap()).unwrap();
    assert!(title.chars().count() <= limit, "the PDF's title: {} characters", title.chars().count());

    let mut zip = zip::ZipArchive::new(std::fs::File::open(&deck).unwrap()).unwrap();
    let mut core = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("docProps/core.xml").unwrap(), &mut core).unwrap();
    let core = roxmltree::Document::parse(&core).unwrap();
    let title = core.descendants().find(|n| n.has_tag_name("title")).and_then(|n| n.text()).unwrap();
    assert!(title.chars().count() <= limit, "the deck's title: {} characters", title.chars().count());
}

#[test]
fn a_hundred_thousand_part_dotted_key_or_table_name_is_reported_at_its_line() {
    let deep = ["a"; 100_000].join(".");
    for (text, column) in [
        (format!("title = \"x\"\n\n{deep} = 1\n"), 1),
        (format!("title = \"x\"\n\n[{deep}]\nx = 1\n"), 1),
    ] {
        let Err(errors) = parse_scenario(&text, "deep.toml") else {
            panic!("a 100,000-part key loaded");
        };
        let first = errors.0[0].to_string();
        assert!(first.starts_with(&format!("deep.toml:3:{column}: ")), "{first}");
        assert!(first.contains("nest too deep"), "{first}");
    }
}

#[test]
fn paths_are_printed_escaped_in_wrote_lines_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    let name = "map\u{1b}]0;owned\u{7}\u{202e}gnp.png";
    let out = dir.path().join(name);
    let o = drawdown(&[
        "export",
        "--date",
        "2025-10-01",
        "--size",
        "160x90",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.is_file(), "the file keeps its real name");
    let printed = String::from_utf8(o.stdout).unwrap() + &String::from_utf8(o.stderr).unwrap();
    assert!(printed.contains("wrote "), "{printed:?}");
    assert!(
        !printed.contains('\u{1b}') && !printed.contains('\u{7}') && !printed.contains('\u{202e}'),
        "{printed:?}"
    );
    assert!(printed.contains("map\\u{1b}]0;owned\\u{7}\\u{202e}gnp.png"), "{printed}");
    // An error names the path escaped too.
    let missing = dir.path().join("no\u{1b}[2Jdir").join("m.png");
    let (code, err) = stderr(&[
        "export",
        "--date",
        "2025-10-01",
        "--out",
        missing.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(2), "{err}");
    assert!(!err.contains('\u{1b}'), "{err:?}");
    assert!(err.contains("no\\u{1b}[2Jdir"), "{err}");
}

#[test]
fn a_200_character_track_name_does_not_widen_the_top_bar() {
    use egui_kittest::kittest::Queryable as _;
    let dir = tempfile::tempdir().unwrap();
    let long_name = "R".repeat(200);
    let long_id = "r".repeat(200);
    let text = DEFAULT_SCENARIO_TOML
        .replacen("name = \"Reported\"", &format!("name = \"{long_name}\""), 1)
        .replace("\"reported\"", &format!("\"{long_id}\""));
    assert!(text.contains(&long_name) && text.contains(&long_id));
    let path = write(dir.path(), "long.toml", &text);
    let mut app = crate::support::app_at("2026-02-11", 1);
    crate::support::load_file(&mut app, drawdown::FileKind::Scenario, &path);
    let h = crate::support::harness_with(app);
    assert!(h.query_by_label(&long_name).is_none(), "the whole name is not a button");
    h.get_by_label(&format!("{}…", "R".repeat(32)));
}
