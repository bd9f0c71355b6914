//! Every validation rule of the scenario loader, each on a small TOML made
//! by editing one valid scenario, asserting both the message and where it
//! points (file:line:column).

use drawdown::load::scenario::{
    DEFAULT_SCENARIO_NAME, DEFAULT_SCENARIO_TOML, default_scenario, load_scenario_file, parse_scenario,
};

/// A valid scenario: two statuses, two regions, two tracks. Every value an
/// edit targets is unique in the text.
const MINIMAL: &str = r##"title = "Test"

[range]
start = 2025-01-01
end = 2025-12-31

[[statuses]]
id = "off"
label = "Off"
description = "Nothing"
color = "#f0f0f0"

[[statuses]]
id = "on"
label = "On"
description = "Something"
color = "#0072B2"

[[regions]]
id = "a"
name = "Region A"

[[regions]]
id = "b"
name = "Region B"

[[tracks]]
id = "plan"
name = "Plan"
description = "As planned"

[[tracks.phases]]
from = 2025-01-01
to = 2025-06-30
title = "First half"
source = "S1"

[[tracks.phases]]
from = 2025-07-01
title = "Second half"
source = "S2"

[[tracks.periods]]
region = "a"
from = 2024-12-01
to = 2025-09-30
status = "off"
note = "a1"
source = "S3"

[[tracks.periods]]
region = "a"
from = 2025-10-01
status = "on"
note = "a2"
source = "S4"

[[tracks.periods]]
region = "b"
from = 2025-01-01
status = "on"
source = "S5"

[[tracks]]
id = "news"
name = "News"

[[tracks.periods]]
region = "a"
from = "2025-01-01"
to = "2025-12-31"
status = "off"
source = "S6"

[[tracks.periods]]
region = "b"
from = 2024-11-15
to = 2026-03-31
status = "on"
source = "S7"

[[milestones]]
date = 2025-10-01
title = "Plan only"
source = "S9"
track = "plan"

[[milestones]]
date = 2025-03-01
title = "Shared"
source = "S8"

[[places]]
id = "base"
name = "Base"
kind = "base"
lat = 33.5
lon = 44.25
region = "a"

[[places]]
id = "town"
name = "Town"
kind = "city"
lat = 36
lon = 43.0
"##;

const FILE: &str = "test.toml";

/// MINIMAL with each `(old, new)` replaced; each `old` must occur once.
fn edit(edits: &[(&str, &str)]) -> String {
    let mut text = MINIMAL.to_owned();
    for (old, new) in edits {
        assert_eq!(text.matches(old).count(), 1, "edit target {old:?} is not unique");
        text = text.replacen(old, new, 1);
    }
    text
}

/// "line:column" (1-based) of the one occurrence of `needle` in `text`,
/// counted independently of the loader.
fn at(text: &str, needle: &str) -> String {
    assert_eq!(text.matches(needle).count(), 1, "needle {needle:?} is not unique");
    let offset = text.find(needle).unwrap();
    let before = &text[..offset];
    let line = before.lines().count() + usize::from(before.ends_with('\n') || before.is_empty());
    let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
    format!("{line}:{column}")
}

fn errors(text: &str) -> Vec<String> {
    match parse_scenario(text, FILE) {
        Ok(_) => Vec::new(),
        Err(e) => e.0.iter().map(ToString::to_string).collect(),
    }
}

/// Asserts that exactly one error is reported, at `needle`, containing
/// every one of `parts`.
#[track_caller]
fn assert_one_error(text: &str, needle: &str, parts: &[&str]) {
    let errors = errors(text);
    assert_eq!(errors.len(), 1, "expected one error, got {errors:#?}");
    assert_error(&errors[0], text, needle, parts);
}

#[track_caller]
fn assert_error(error: &str, text: &str, needle: &str, parts: &[&str]) {
    let prefix = format!("{FILE}:{}: ", at(text, needle));
    assert!(error.starts_with(&prefix), "expected {prefix:?}…, got {error:?}");
    for part in parts {
        assert!(error.contains(part), "{error:?} lacks {part:?}");
    }
}

// --- valid input --------------------------------------------------------------

#[test]
fn minimal_scenario_is_valid() {
    let s = parse_scenario(MINIMAL, FILE).unwrap();
    assert_eq!(s.tracks.len(), 2);
    assert_eq!(s.regions.len(), 2);
    // Strings and TOML dates both read as dates.
    assert_eq!(s.tracks[1].periods[0][0].from.to_string(), "2025-01-01");
    // Milestones are sorted by date.
    assert_eq!(s.milestones[0].title, "Shared");
    assert_eq!(s.places[1].lat, 36.0);
}

#[test]
fn default_scenario_round_trips_without_errors() {
    let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    let again = parse_scenario(DEFAULT_SCENARIO_TOML, DEFAULT_SCENARIO_NAME).unwrap();
    assert_eq!(s, again);
    assert_eq!(s.statuses.len(), 6);
    assert_eq!(s.regions.len(), 3);
    assert_eq!(s.tracks.len(), 2);
}

#[test]
fn at_counts_lines_and_columns_from_one() {
    assert_eq!(at(MINIMAL, "title = \"Test\""), "1:1");
    assert_eq!(at(MINIMAL, "2025-12-31\n\n[[statuses]]"), "5:7");
}

// --- TOML syntax and shape ----------------------------------------------------

#[test]
fn syntax_error_points_at_the_line() {
    let text = edit(&[("title = \"Test\"", "title = \"Test")]);
    let errors = errors(&text);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].starts_with("test.toml:1:"), "{errors:?}");
    assert!(errors[0].contains("string"), "{errors:?}");
}

#[test]
fn unknown_field_is_refused() {
    let text = edit(&[("color = \"#f0f0f0\"", "colour = \"#f0f0f0\"")]);
    assert_one_error(&text, "colour", &["unknown field `colour`", "`color`"]);
}

#[test]
fn missing_field_is_reported_at_its_table() {
    let text = edit(&[("source = \"S5\"\n", "")]);
    let errors = errors(&text);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].contains("missing field `source`"), "{errors:?}");
    // The third [[tracks.periods]] table (line 58 in MINIMAL).
    assert!(errors[0].starts_with("test.toml:58:1: "), "{errors:?}");
}

#[test]
fn wrong_type_is_refused() {
    let text = edit(&[("lat = 33.5", "lat = \"north\"")]);
    assert_one_error(&text, "\"north\"", &["invalid type", "\"north\"", "f64"]);
}

// --- ids ------------------------------------------------------------------------

#[test]
fn duplicate_ids_are_reported_with_the_first_definition() {
    let text = edit(&[
        (
            "[[regions]]\nid = \"a\"",
            "[[statuses]]\nid = \"off\" # dup\nlabel = \"X\"\ncolor = \"#000000\"\n\n[[regions]]\nid = \"a\"",
        ),
        (
            "[[tracks]]\nid = \"plan\"",
            "[[regions]]\nid = \"a\" # dup\nname = \"X\"\n\n[[tracks]]\nid = \"plan\"",
        ),
    ]);
    let errors = errors(&text);
    // Nothing else: the periods of "a" go to the first "a"; the second is
    // not reported again for having none.
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_error(
        &errors[0],
        &text,
        "\"off\" # dup",
        &["duplicate status id \"off\"", "first defined on line 8"],
    );
    assert_error(
        &errors[1],
        &text,
        "\"a\" # dup",
        &["duplicate region id \"a\"", "first defined on line 25"],
    );
}

#[test]
fn duplicate_track_id_is_reported() {
    let text = edit(&[("id = \"news\"", "id = \"plan\" # dup")]);
    // The periods of the second "plan" are still checked as their own track.
    assert_one_error(
        &text,
        "\"plan\" # dup",
        &["duplicate track id \"plan\"", "first defined on line 28"],
    );
}

#[test]
fn unknown_status_lists_the_known_ones() {
    let text = edit(&[("status = \"off\"\nnote = \"a1\"", "status = \"of\"\nnote = \"a1\"")]);
    assert_one_error(
        &text,
        "\"of\"",
        &[
            "unknown status \"of\"",
            "track \"plan\", region \"a\"",
            "\"off\", \"on\"",
        ],
    );
}

#[test]
fn unknown_region_in_a_period_lists_the_known_ones() {
    let text = edit(&[("region = \"b\"\nfrom = 2025-01-01", "region = \"c\"\nfrom = 2025-01-01")]);
    assert_one_error(
        &text,
        "\"c\"",
        &["unknown region \"c\"", "track \"plan\"", "\"a\", \"b\""],
    );
}

#[test]
fn unknown_track_in_a_milestone_lists_the_known_ones() {
    let text = edit(&[("track = \"plan\"", "track = \"plans\"")]);
    assert_one_error(
        &text,
        "\"plans\"",
        &["unknown track \"plans\"", "\"Plan only\"", "\"plan\", \"news\""],
    );
}

#[test]
fn unknown_region_in_a_place_is_reported() {
    let text = edit(&[("region = \"a\"\n\n[[places]]", "region = \"z\"\n\n[[places]]")]);
    assert_one_error(&text, "\"z\"", &["unknown region \"z\"", "place \"Base\""]);
}

#[test]
fn empty_status_list_is_reported() {
    let (head, rest) = MINIMAL.split_once("[[statuses]]").unwrap();
    let rest = rest.split_once("[[regions]]").unwrap().1;
    let text = format!("statuses = []\n{head}[[regions]]{rest}");
    let errors = errors(&text);
    // Then every period's status is unknown, too.
    assert_error(&errors[0], &text, "[]", &["no statuses; at least one is needed"]);
    assert_eq!(errors.len(), 1 + 5, "{errors:#?}");
}

// --- colours and strings ----------------------------------------------------

#[test]
fn invalid_colours_are_reported() {
    for bad in ["\"#0072B\"", "\"red\"", "\"0072B2\"", "\"#0072B2FF\""] {
        let text = edit(&[("\"#0072B2\"", bad)]);
        assert_one_error(&text, bad, &["status \"on\"", bad, "expected \"#rrggbb\""]);
    }
}

#[test]
fn empty_required_strings_are_reported() {
    for (old, new, part) in [
        ("title = \"Test\"", "title = \"\"", "scenario \"title\" is empty"),
        (
            "label = \"Off\"",
            "label = \"  \"",
            "status \"off\": \"label\" is empty",
        ),
        ("id = \"a\"", "id = \"\"", "region \"id\" is empty"),
        ("name = \"Region B\"", "name = \"\"", "region \"b\": \"name\" is empty"),
        ("name = \"News\"", "name = \"\"", "track \"news\": \"name\" is empty"),
        (
            "title = \"First half\"",
            "title = \"\"",
            "phase \"title\" is empty (track \"plan\"); a value is required",
        ),
        (
            "source = \"S2\"",
            "source = \"\"",
            "phase \"source\" is empty (track \"plan\")",
        ),
        (
            "source = \"S4\"",
            "source = \" \"",
            "period \"source\" is empty (track \"plan\", region \"a\"); every period, phase and milestone must name its source",
        ),
        (
            "source = \"S8\"",
            "source = \"\"",
            "milestone \"source\" is empty (milestone \"Shared\")",
        ),
        ("title = \"Shared\"", "title = \"\"", "milestone \"title\" is empty"),
        ("name = \"Town\"", "name = \"\"", "place \"name\" is empty"),
    ] {
        let text = edit(&[(old, new)]);
        let errors = errors(&text);
        // An empty region id also makes the periods that name "a" unknown:
        // the empty id comes first.
        assert!(!errors.is_empty(), "{old} → {new}: no error");
        let (line, column) = at(&text, new)
            .split_once(':')
            .map(|(l, c)| (l.to_owned(), c.to_owned()))
            .unwrap();
        let value_column = column.parse::<usize>().unwrap() + new.find('"').unwrap();
        let prefix = format!("{FILE}:{line}:{value_column}: ");
        assert!(
            errors[0].starts_with(&prefix),
            "{old} → {new}: expected {prefix:?}, got {errors:#?}"
        );
        assert!(errors[0].contains(part), "{old} → {new}: {errors:#?}");
    }
}

// --- dates --------------------------------------------------------------------

#[test]
fn impossible_date_literal_is_reported_with_its_value() {
    let text = edit(&[("to = 2025-06-30", "to = 2025-02-30")]);
    assert_one_error(&text, "2025-02-30", &["invalid date", "2025-02-30"]);
}

#[test]
fn impossible_date_string_is_reported_with_its_value() {
    let text = edit(&[("to = \"2025-12-31\"", "to = \"2025-02-30\"")]);
    assert_one_error(
        &text,
        "\"2025-02-30\"",
        &["period \"to\" \"2025-02-30\" is not a calendar date"],
    );
}

#[test]
fn malformed_date_string_is_reported() {
    let text = edit(&[("from = \"2025-01-01\"", "from = \"1 Jan 2025\"")]);
    assert_one_error(
        &text,
        "\"1 Jan 2025\"",
        &["period \"from\" \"1 Jan 2025\" is not a date", "expected a date like"],
    );
}

#[test]
fn date_time_or_time_instead_of_a_date_is_reported() {
    let text = edit(&[("date = 2025-03-01", "date = 2025-03-01T12:00:00")]);
    assert_one_error(
        &text,
        "2025-03-01T12:00:00",
        &[
            "milestone \"date\" is the date-time 2025-03-01T12:00:00",
            "no time of day",
        ],
    );
    let text = edit(&[("date = 2025-03-01", "date = 12:00:00")]);
    assert_one_error(
        &text,
        "12:00:00",
        &["milestone \"date\" is the time 12:00:00", "expected a date"],
    );
    let text = edit(&[("date = 2025-03-01", "date = 20250301")]);
    assert_one_error(
        &text,
        "20250301",
        &["milestone \"date\" is the integer 20250301", "expected a date"],
    );
}

#[test]
fn range_start_after_end_is_reported() {
    let text = edit(&[("start = 2025-01-01", "start = 2026-01-01")]);
    // Range-dependent checks are skipped: only the range is reported.
    assert_one_error(
        &text,
        "2026-01-01",
        &["range \"start\" 2026-01-01 is after its \"end\" 2025-12-31"],
    );
}

// --- periods ------------------------------------------------------------------

#[test]
fn region_without_periods_is_reported_at_the_track() {
    let text = edit(&[(
        "[[tracks.periods]]\nregion = \"b\"\nfrom = 2025-01-01\nstatus = \"on\"\nsource = \"S5\"\n",
        "",
    )]);
    assert_one_error(
        &text,
        "\"plan\"\nname",
        &[
            "track \"plan\" has no periods for region \"b\"",
            "covering the range 2025-01-01..2025-12-31",
        ],
    );
}

#[test]
fn unsorted_periods_are_reported() {
    let text = edit(&[
        (
            "from = 2024-12-01\nto = 2025-09-30",
            "from = 2025-11-01\nto = 2025-12-31",
        ),
        (
            "from = 2025-10-01\nstatus = \"on\"",
            "from = 2024-12-01\nto = 2025-10-31\nstatus = \"on\"",
        ),
    ]);
    assert_one_error(
        &text,
        "2024-12-01",
        &[
            "periods are not sorted",
            "2024-12-01 comes after a period from 2025-11-01",
            "track \"plan\", region \"a\"",
        ],
    );
}

#[test]
fn overlapping_periods_are_reported() {
    let text = edit(&[("from = 2025-10-01\nstatus", "from = 2025-09-15\nstatus")]);
    assert_one_error(
        &text,
        "2025-09-15",
        &[
            "period from 2025-09-15 overlaps the previous period 2024-12-01..2025-09-30",
            "(track \"plan\", region \"a\")",
            "start on 2025-10-01",
        ],
    );
}

#[test]
fn gap_between_periods_names_the_missing_days() {
    let text = edit(&[("from = 2025-10-01\nstatus", "from = 2025-10-15\nstatus")]);
    assert_one_error(
        &text,
        "2025-10-15",
        &[
            "gap 2025-10-01..2025-10-14 between periods",
            "track \"plan\", region \"a\"",
        ],
    );
}

#[test]
fn to_before_from_is_reported() {
    let text = edit(&[("to = 2026-03-31", "to = 2024-10-31")]);
    assert_one_error(
        &text,
        "2024-10-31",
        &[
            "period \"to\" 2024-10-31 is before \"from\" 2024-11-15",
            "track \"news\", region \"b\"",
        ],
    );
}

#[test]
fn open_end_only_on_the_last_period() {
    let text = edit(&[("to = 2025-09-30\n", "")]);
    assert_one_error(
        &text,
        "2024-12-01",
        &[
            "period from 2024-12-01 has no \"to\"",
            "only the last period may leave \"to\" out",
        ],
    );
}

#[test]
fn coverage_of_the_range_start_is_reported() {
    let text = edit(&[("from = 2024-11-15", "from = 2025-01-02")]);
    assert_one_error(
        &text,
        "2025-01-02",
        &[
            "first period starts 2025-01-02, after the range start 2025-01-01",
            "track \"news\", region \"b\"",
        ],
    );
}

#[test]
fn coverage_of_the_range_end_is_reported() {
    let text = edit(&[("to = \"2025-12-31\"", "to = \"2025-12-30\"")]);
    assert_one_error(
        &text,
        "\"2025-12-30\"",
        &[
            "last period ends 2025-12-30, before the range end 2025-12-31",
            "track \"news\", region \"a\"",
            "leave \"to\" out",
        ],
    );
}

#[test]
fn only_the_first_period_may_start_before_the_range() {
    // A first period starting before the range is fine (MINIMAL has one);
    // a later one is not.
    let text = edit(&[
        (
            "from = 2024-12-01\nto = 2025-09-30",
            "from = 2024-10-01\nto = 2024-11-30",
        ),
        ("from = 2025-10-01\nstatus", "from = 2024-12-01\nstatus"),
    ]);
    assert_one_error(
        &text,
        "2024-12-01",
        &[
            "period \"from\" 2024-12-01 is outside the range 2025-01-01..2025-12-31",
            "only the first period may start before the range",
        ],
    );
}

#[test]
fn period_starting_after_the_range_is_reported() {
    let text = edit(&[
        ("to = 2025-09-30", "to = 2026-01-31"),
        ("from = 2025-10-01\nstatus", "from = 2026-02-01\nstatus"),
    ]);
    assert_one_error(
        &text,
        "2026-02-01",
        &["period \"from\" 2026-02-01 is outside the range 2025-01-01..2025-12-31"],
    );
}

// --- phases ---------------------------------------------------------------------

#[test]
fn phase_to_before_from_is_reported() {
    let text = edit(&[("to = 2025-06-30", "to = 2024-12-31")]);
    assert_one_error(
        &text,
        "2024-12-31",
        &[
            "phase \"to\" 2024-12-31 is before \"from\" 2025-01-01",
            "track \"plan\"",
        ],
    );
}

#[test]
fn overlapping_phases_are_reported() {
    let text = edit(&[("from = 2025-07-01", "from = 2025-06-30")]);
    assert_one_error(
        &text,
        "2025-06-30\ntitle = \"Second",
        &["phase from 2025-06-30 overlaps the previous phase 2025-01-01..2025-06-30"],
    );
}

#[test]
fn unsorted_phases_are_reported() {
    let text = edit(&[
        (
            "from = 2025-01-01\nto = 2025-06-30",
            "from = 2025-08-01\nto = 2025-08-31",
        ),
        ("from = 2025-07-01\ntitle", "from = 2025-02-01\nto = 2025-03-01\ntitle"),
    ]);
    assert_one_error(
        &text,
        "2025-02-01",
        &[
            "phases are not sorted",
            "2025-02-01 comes after a phase from 2025-08-01",
        ],
    );
}

#[test]
fn open_phase_before_another_is_reported() {
    let text = edit(&[("to = 2025-06-30\n", "")]);
    assert_one_error(
        &text,
        "2025-01-01\ntitle",
        &["phase from 2025-01-01 has no \"to\"", "only the last phase"],
    );
}

#[test]
fn phase_gaps_are_allowed_but_not_outside_the_range() {
    let text = edit(&[("from = 2025-07-01", "from = 2025-09-01")]);
    assert!(errors(&text).is_empty(), "{:#?}", errors(&text));
    let text = edit(&[("from = 2025-07-01", "from = 2026-01-01")]);
    assert_one_error(
        &text,
        "2026-01-01",
        &["phase \"from\" 2026-01-01 is outside the range 2025-01-01..2025-12-31"],
    );
}

// --- milestones and places ----------------------------------------------------

#[test]
fn milestone_outside_the_range_is_reported() {
    let text = edit(&[("date = 2025-03-01", "date = 2024-12-31")]);
    assert_one_error(
        &text,
        "2024-12-31",
        &[
            "milestone \"date\" 2024-12-31 is outside the range 2025-01-01..2025-12-31",
            "\"Shared\"",
        ],
    );
}

#[test]
fn place_coordinates_must_be_degrees() {
    for (old, new, needle, part) in [
        (
            "lat = 33.5",
            "lat = 91.0",
            "91.0",
            "place \"lat\" 91 is outside -90..90",
        ),
        (
            "lat = 33.5",
            "lat = -90.5",
            "-90.5",
            "place \"lat\" -90.5 is outside -90..90",
        ),
        (
            "lon = 44.25",
            "lon = 180.5",
            "180.5",
            "place \"lon\" 180.5 is outside -180..180",
        ),
        ("lon = 44.25", "lon = nan", "nan", "place \"lon\" NaN"),
        ("lat = 33.5", "lat = -inf", "-inf", "place \"lat\" -inf"),
    ] {
        let text = edit(&[(old, new)]);
        assert_one_error(&text, needle, &[part, "(place \"Base\")"]);
    }
    // The poles and the antimeridian are fine.
    let text = edit(&[("lat = 33.5", "lat = -90"), ("lon = 44.25", "lon = 180")]);
    assert!(errors(&text).is_empty(), "{:#?}", errors(&text));
}

#[test]
fn place_kind_must_be_base_or_city() {
    let text = edit(&[("kind = \"city\"", "kind = \"airport\"")]);
    assert_one_error(
        &text,
        "\"airport\"",
        &["place \"kind\" \"airport\" is unknown", "expected \"base\" or \"city\""],
    );
}

// --- all errors, in file order ------------------------------------------------

#[test]
fn all_errors_are_reported_in_file_order() {
    let text = edit(&[
        ("lat = 36", "lat = 100"),
        ("color = \"#f0f0f0\"", "color = \"grey\""),
        ("from = 2025-10-01\nstatus", "from = 2025-10-15\nstatus"),
        ("date = 2025-03-01", "date = 2030-01-01"),
        ("status = \"on\"\nsource = \"S5\"", "status = \"onn\"\nsource = \"S5\""),
    ]);
    let errors = errors(&text);
    let lines: Vec<usize> = errors
        .iter()
        .map(|e| e.split(':').nth(1).unwrap().parse().unwrap())
        .collect();
    assert_eq!(errors.len(), 5, "{errors:#?}");
    assert!(lines.windows(2).all(|w| w[0] <= w[1]), "{errors:#?}");
    assert_error(&errors[0], &text, "\"grey\"", &["color \"grey\""]);
    assert_error(&errors[1], &text, "2025-10-15", &["gap"]);
    assert_error(&errors[2], &text, "\"onn\"", &["unknown status \"onn\""]);
    assert_error(&errors[3], &text, "2030-01-01", &["outside the range"]);
    assert_error(&errors[4], &text, "100", &["place \"lat\" 100"]);
}

// --- files ----------------------------------------------------------------------

#[test]
fn file_errors_name_the_path() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/scenario");
    let path = dir.join("gap.toml");
    let errors = load_scenario_file(&path).unwrap_err();
    assert_eq!(errors.0.len(), 1, "{errors}");
    let message = errors.0[0].to_string();
    assert!(message.starts_with(&format!("{}:", path.display())), "{message}");
    assert!(
        message.contains("gap 2025-04-01..2025-04-30 between periods"),
        "{message}"
    );

    let missing = dir.join("does-not-exist.toml");
    let errors = load_scenario_file(&missing).unwrap_err();
    assert_eq!(errors.to_string(), format!("{}: no such file", missing.display()));
}
