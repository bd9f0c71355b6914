//! Every validation rule of the scenario loader, each on a small TOML made
//! by editing one valid scenario, asserting both the message and where it
//! points (file:line:column).

use drawdown::{
    DEFAULT_SCENARIO_NAME, DEFAULT_SCENARIO_TOML, OpeningDate, TrackIdx, default_scenario, load_scenario_file,
    parse_scenario,
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

// --- the header: default track, compare pair, opening date --------------------

/// MINIMAL with `keys` (TOML lines) in its header, after the title.
fn with_header(keys: &str) -> String {
    edit(&[("title = \"Test\"\n", &format!("title = \"Test\"\n{keys}\n"))])
}

#[test]
fn without_header_keys_the_first_track_shows_the_first_two_compare_and_the_window_opens_today() {
    let s = parse_scenario(MINIMAL, FILE).unwrap();
    assert_eq!(s.default_track, TrackIdx(0));
    assert_eq!(s.compare_pair(), Some([TrackIdx(0), TrackIdx(1)]));
    assert_eq!(s.opening, OpeningDate::Today);
    // A scenario of one track has nothing to compare.
    let one_track = &MINIMAL[..MINIMAL.find("[[tracks]]\nid = \"news\"").unwrap()];
    let one_track = one_track.to_owned() + &MINIMAL[MINIMAL.find("[[milestones]]").unwrap()..];
    let s = parse_scenario(&one_track, FILE).unwrap();
    assert_eq!(s.compare_pair(), None);
    assert_eq!(s.default_track, TrackIdx(0));
}

#[test]
fn the_header_names_the_default_track_the_compare_pair_and_the_opening_date() {
    let text = with_header("default_track = \"news\"\ncompare = [\"news\", \"plan\"]\nopening_date = 2025-03-01");
    let s = parse_scenario(&text, FILE).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.default_track, TrackIdx(1));
    assert_eq!(
        s.compare_pair(),
        Some([TrackIdx(1), TrackIdx(0)]),
        "left, then right, as written"
    );
    assert_eq!(s.opening, OpeningDate::On(crate::support::date("2025-03-01")));
    let s = parse_scenario(&with_header("opening_date = \"2025-03-01\""), FILE).unwrap();
    assert_eq!(
        s.opening,
        OpeningDate::On(crate::support::date("2025-03-01")),
        "a string date too"
    );
    let s = parse_scenario(&with_header("opening_date = \"today\""), FILE).unwrap();
    assert_eq!(s.opening, OpeningDate::Today);
}

#[test]
fn an_unknown_default_track_is_refused_at_its_value_listing_the_tracks() {
    let text = with_header("default_track = \"reported\"");
    assert_one_error(
        &text,
        "\"reported\"",
        &[
            "unknown track \"reported\" in \"default_track\"",
            "expected one of: \"plan\", \"news\"",
        ],
    );
}

#[test]
fn compare_must_name_two_different_known_tracks() {
    let text = with_header("compare = [\"plan\"]");
    assert_one_error(
        &text,
        "[\"plan\"]",
        &["\"compare\" lists 1 track ids; expected two, left then right"],
    );
    let text = with_header("compare = [\"plan\", \"news\", \"plan\"]");
    assert_one_error(&text, "[\"plan\", \"news\"", &["lists 3 track ids"]);
    let text = with_header("compare = [\"plan\", \"reported\"]");
    assert_one_error(
        &text,
        "\"reported\"",
        &[
            "unknown track \"reported\" in \"compare\"",
            "expected one of: \"plan\", \"news\"",
        ],
    );
    let text = with_header("compare = [\"news\", \"news\"]");
    assert_one_error(
        &text,
        "\"news\"]",
        &["\"compare\" names the track \"news\" twice; expected two different tracks"],
    );
}

#[test]
fn the_opening_date_is_today_or_a_day_of_the_range() {
    let text = with_header("opening_date = \"tomorrow\"");
    assert_one_error(
        &text,
        "\"tomorrow\"",
        &[
            "\"opening_date\" \"tomorrow\" is not a date",
            "2024-09-27, or \"today\"",
        ],
    );
    let text = with_header("opening_date = 2030-01-01");
    assert_one_error(
        &text,
        "2030-01-01",
        &[
            "\"opening_date\" 2030-01-01 is outside the range 2025-01-01..2025-12-31",
            "or \"today\"",
        ],
    );
    let text = with_header("opening_date = 7");
    assert_one_error(&text, "7\n", &["\"opening_date\" is the integer 7", "or \"today\""]);
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

// --- bases, confidence, troop figures and incidents ----------------------------

/// Base periods for the "news" track (inserted before the milestones).
const BASE_PERIODS: &str = r##"[[tracks.base_periods]]
base = "base"
from = 2025-01-01
to = 2025-04-30
status = "on"
source = "B1"
confidence = "low"
disputed = "Gone by March, says another outlet."

[[tracks.base_periods]]
base = "base"
from = 2025-05-01
status = "off"
note = "Handed over."
source = "B2"

"##;

/// Troop groups, figures and incidents (appended).
const RECORD: &str = r##"
[[troop_groups]]
id = "both"
name = "Both regions"
regions = ["a", "b"]

[[troop_groups]]
id = "only_b"
name = "Region B only"
regions = ["b"]

[[troops]]
where = "both"
date = 2025-02-01
low = 2000
high = 2500
source = "T1"

[[troops]]
where = "only_b"
date = 2025-03-01
low = 900
high = 900
source = "T3"
confidence = "medium"

[[troops]]
where = "both"
date = 2025-06-01
low = 1500
high = 1500
note = "About 1,500."
source = "T2"

[[incidents]]
date = 2025-04-02
lat = 36.5
lon = 40.5
title = "Drone downed"
source = "I2"
disputed = "A rocket, says another outlet."

[[incidents]]
date = 2025-04-01
place = "base"
title = "Attack at the base"
detail = "Drones."
source = "I1"
confidence = "high"
"##;

/// MINIMAL with a base's own periods in "news", troop figures and
/// incidents; then each `(old, new)` replaced (each `old` once).
fn edit_record(edits: &[(&str, &str)]) -> String {
    let mut text = MINIMAL.replacen(
        "[[milestones]]\ndate = 2025-10-01",
        &format!("{BASE_PERIODS}[[milestones]]\ndate = 2025-10-01"),
        1,
    );
    text.push_str(RECORD);
    for (old, new) in edits {
        assert_eq!(text.matches(old).count(), 1, "edit target {old:?} is not unique");
        text = text.replacen(old, new, 1);
    }
    text
}

#[test]
fn a_scenario_with_bases_troops_and_incidents_is_valid() {
    use drawdown::{Confidence, IncidentLocation, PlaceKind};
    let text = edit_record(&[]);
    let s = parse_scenario(&text, FILE).unwrap_or_else(|e| panic!("{e}"));
    let (plan, news) = (s.track_idx("plan").unwrap(), s.track_idx("news").unwrap());
    let base = s.place_idx("base").unwrap();
    assert_eq!(s.place(base).kind, PlaceKind::Base);
    // One list per place in a track with base periods; none in the other.
    assert_eq!(s.track(news).base_periods.len(), 2);
    assert!(s.track(plan).base_periods.is_empty());
    assert!(s.base_follows_region(plan, base));
    assert!(!s.base_follows_region(news, base));
    let p = &s.track(news).base_periods[base.0][0];
    assert_eq!(
        (p.confidence, p.disputed.as_deref()),
        (Some(Confidence::Low), Some("Gone by March, says another outlet."))
    );
    let date = |x: &str| x.parse().unwrap();
    let status = |t, x| s.status(s.base_status_on(t, base, date(x)).unwrap()).id.as_str();
    assert_eq!(status(news, "2025-04-30"), "on");
    assert_eq!(status(news, "2025-05-01"), "off");
    // The plan: region a's status.
    assert_eq!(status(plan, "2025-05-01"), "off");
    assert_eq!(status(plan, "2025-10-01"), "on");
    // Unstated confidence is None, not a default.
    assert_eq!(s.tracks[0].periods[0][0].confidence, None);
    assert!(!s.places[0].approximate);
    // Troops: by group, then date.
    let figures: Vec<(&str, String)> = s
        .troops
        .iter()
        .map(|f| (s.troop_group(f.group).id.as_str(), f.date.to_string()))
        .collect();
    assert_eq!(
        figures,
        [
            ("both", "2025-02-01".to_owned()),
            ("both", "2025-06-01".to_owned()),
            ("only_b", "2025-03-01".to_owned())
        ]
    );
    assert_eq!(s.troops[2].confidence, Some(Confidence::Medium));
    // Incidents: by date, at a place or a point.
    assert_eq!(s.incidents[0].title, "Attack at the base");
    assert_eq!(s.incidents[0].location, IncidentLocation::Place(base));
    assert_eq!(
        s.incidents[1].location,
        IncidentLocation::Point { lat: 36.5, lon: 40.5 }
    );
    assert_eq!(s.incidents[1].confidence, None);
}

#[test]
fn places_need_a_plain_unique_id() {
    let text = edit(&[("id = \"town\"\n", "")]);
    let errors = errors(&text);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].contains("missing field `id`"), "{errors:?}");
    let text = edit(&[("id = \"town\"", "id = \"base\" # dup")]);
    assert_one_error(
        &text,
        "\"base\" # dup",
        &["duplicate place id \"base\"", "first defined on line 94"],
    );
    let text = edit(&[("id = \"town\"", "id = \"  \"")]);
    assert_one_error(&text, "\"  \"", &["place \"id\" is empty"]);
    let text = edit(&[("id = \"town\"", "id = \"to\\u0007wn\"")]);
    assert_one_error(
        &text,
        "\"to\\u0007wn\"",
        &[
            "place \"id\" \"to\\u{7}wn\" contains the control character \\u{7}",
            "plain text",
        ],
    );
}

#[test]
fn a_base_period_must_name_a_known_base() {
    let text = edit_record(&[(
        "base = \"base\"\nfrom = 2025-05-01",
        "base = \"bsae\"\nfrom = 2025-05-01",
    )]);
    // The base's other period then leaves the end of the range uncovered.
    let errors = errors(&text);
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_error(
        &errors[0],
        &text,
        "2025-04-30\nstatus = \"on\"",
        &["last period ends 2025-04-30", "(track \"news\", base \"base\")"],
    );
    assert_error(
        &errors[1],
        &text,
        "\"bsae\"",
        &["unknown base \"bsae\" (track \"news\")", "expected one of: \"base\""],
    );
}

#[test]
fn a_city_has_no_periods_of_its_own() {
    let text = edit_record(&[
        (
            "base = \"base\"\nfrom = 2025-01-01",
            "base = \"town\"\nfrom = 2025-01-01",
        ),
        (
            "base = \"base\"\nfrom = 2025-05-01",
            "base = \"town\" # again\nfrom = 2025-05-01",
        ),
    ]);
    let errors = errors(&text);
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_error(
        &errors[0],
        &text,
        "\"town\"\nfrom = 2025-01-01",
        &[
            "place \"town\" is a city, not a base (track \"news\")",
            "only places of kind \"base\" have periods",
        ],
    );
    assert_error(&errors[1], &text, "\"town\" # again", &["is a city, not a base"]);
}

#[test]
fn an_unknown_place_kind_is_one_error_that_lists_the_known_kinds() {
    // The base has periods in the news track: read as a city, each of them
    // used to add an "is a city" error for the same mistake.
    let text = edit_record(&[("kind = \"base\"", "kind = \"town\"")]);
    assert_one_error(
        &text,
        "\"town\"\nlat",
        &["place \"kind\" \"town\" is unknown (place \"Base\")", "expected \"base\" or \"city\""],
    );
}

#[test]
fn base_periods_follow_the_region_rules() {
    // Gap.
    let text = edit_record(&[(
        "from = 2025-05-01\nstatus = \"off\"",
        "from = 2025-05-10\nstatus = \"off\"",
    )]);
    assert_one_error(
        &text,
        "2025-05-10",
        &[
            "gap 2025-05-01..2025-05-09 between periods",
            "(track \"news\", base \"base\")",
        ],
    );
    // Overlap.
    let text = edit_record(&[(
        "from = 2025-05-01\nstatus = \"off\"",
        "from = 2025-04-15\nstatus = \"off\"",
    )]);
    assert_one_error(
        &text,
        "2025-04-15",
        &[
            "period from 2025-04-15 overlaps the previous period 2025-01-01..2025-04-30",
            "base \"base\"",
        ],
    );
    // Coverage of the start.
    let text = edit_record(&[(
        "from = 2025-01-01\nto = 2025-04-30",
        "from = 2025-01-05\nto = 2025-04-30",
    )]);
    assert_one_error(
        &text,
        "2025-01-05",
        &[
            "first period starts 2025-01-05, after the range start 2025-01-01",
            "base \"base\"",
        ],
    );
    // Open-ended, but not last.
    let text = edit_record(&[("to = 2025-04-30\nstatus = \"on\"", "status = \"on\"")]);
    assert_one_error(
        &text,
        "2025-01-01\nstatus = \"on\"\nsource = \"B1\"",
        &[
            "period from 2025-01-01 has no \"to\"",
            "(track \"news\", base \"base\")",
        ],
    );
    // Unsorted.
    let text = edit_record(&[
        (
            "from = 2025-01-01\nto = 2025-04-30",
            "from = 2025-05-01\nto = 2025-12-31",
        ),
        (
            "from = 2025-05-01\nstatus = \"off\"",
            "from = 2025-01-01\nto = 2025-04-30\nstatus = \"off\"",
        ),
    ]);
    assert_one_error(
        &text,
        "2025-01-01\nto = 2025-04-30\nstatus = \"off\"",
        &["periods are not sorted", "(track \"news\", base \"base\")"],
    );
    // To before from.
    let text = edit_record(&[("to = 2025-04-30\nstatus = \"on\"", "to = 2024-04-30\nstatus = \"on\"")]);
    let errors = errors(&text);
    assert_error(
        &errors[0],
        &text,
        "2024-04-30",
        &[
            "period \"to\" 2024-04-30 is before \"from\" 2025-01-01",
            "base \"base\"",
        ],
    );
    // Unknown status; missing source.
    let text = edit_record(&[(
        "status = \"off\"\nnote = \"Handed over.\"",
        "status = \"over\"\nnote = \"Handed over.\"",
    )]);
    assert_one_error(
        &text,
        "\"over\"",
        &[
            "unknown status \"over\" (track \"news\", base \"base\")",
            "\"off\", \"on\"",
        ],
    );
    let text = edit_record(&[("source = \"B2\"", "source = \"\"")]);
    assert_one_error(
        &text,
        "\"\"",
        &[
            "period \"source\" is empty (track \"news\", base \"base\")",
            "must name its source",
        ],
    );
}

#[test]
fn an_empty_base_label_is_refused() {
    let text = edit(&[("color = \"#0072B2\"", "color = \"#0072B2\"\nbase_label = \" \"")]);
    assert_one_error(&text, "\" \"", &["status \"on\": \"base_label\" is empty"]);
    let s = parse_scenario(
        &edit(&[("color = \"#0072B2\"", "color = \"#0072B2\"\nbase_label = \"Manned\"")]),
        FILE,
    )
    .unwrap();
    assert_eq!(s.statuses[1].base_label.as_deref(), Some("Manned"));
}

#[test]
fn confidence_is_high_medium_or_low_wherever_it_is_given() {
    let cases = [
        // A region period.
        (
            ("note = \"a2\"", "note = \"a2\"\nconfidence = \"sure\""),
            "(track \"plan\", region \"a\")",
        ),
        // A base period.
        (
            ("confidence = \"low\"", "confidence = \"sure\""),
            "(track \"news\", base \"base\")",
        ),
        // A milestone.
        (
            ("track = \"plan\"", "track = \"plan\"\nconfidence = \"sure\""),
            "(milestone \"Plan only\")",
        ),
        // A troop figure.
        (
            ("confidence = \"medium\"", "confidence = \"sure\""),
            "(troop figure for \"only_b\" on 2025-03-01)",
        ),
        // An incident.
        (
            ("confidence = \"high\"", "confidence = \"sure\""),
            "(incident \"Attack at the base\")",
        ),
    ];
    for ((old, new), context) in cases {
        let text = edit_record(&[(old, new)]);
        assert_one_error(
            &text,
            "\"sure\"",
            &[
                "confidence \"sure\" is unknown",
                context,
                "expected \"high\", \"medium\" or \"low\"",
            ],
        );
    }
}

#[test]
fn disputed_must_say_something_if_given() {
    for (old, new, context) in [
        (
            "disputed = \"Gone by March, says another outlet.\"",
            "disputed = \"\"",
            "(track \"news\", base \"base\")",
        ),
        (
            "disputed = \"A rocket, says another outlet.\"",
            "disputed = \"\"",
            "(incident \"Drone downed\")",
        ),
        (
            "track = \"plan\"",
            "track = \"plan\"\ndisputed = \"\"",
            "(milestone \"Plan only\")",
        ),
    ] {
        let text = edit_record(&[(old, new)]);
        assert_one_error(
            &text,
            "\"\"",
            &[
                "\"disputed\" is empty",
                context,
                "name the other version and who reported it",
            ],
        );
    }
}

#[test]
fn troop_groups_name_known_regions_once() {
    let text = edit_record(&[("regions = [\"a\", \"b\"]", "regions = [\"a\", \"c\"]")]);
    assert_one_error(
        &text,
        "\"c\"]",
        &["unknown region \"c\" (troop group \"both\")", "\"a\", \"b\""],
    );
    let text = edit_record(&[("regions = [\"a\", \"b\"]", "regions = [\"a\", \"a\"]")]);
    assert_one_error(
        &text,
        "\"a\"]",
        &["region \"a\" is listed twice (troop group \"both\")"],
    );
    let text = edit_record(&[("regions = [\"b\"]", "regions = []")]);
    assert_one_error(&text, "[]", &["troop group \"only_b\" has no regions"]);
    let text = edit_record(&[("id = \"only_b\"", "id = \"both\" # dup")]);
    // Its figure then goes to the first "both", after a later one.
    let errors = errors(&text);
    assert_error(
        &errors[0],
        &text,
        "\"both\" # dup",
        &["duplicate troop group id \"both\" (first defined on line"],
    );
}

#[test]
fn troop_figures_are_checked_for_group_numbers_and_dates() {
    let text = edit_record(&[("where = \"only_b\"", "where = \"nowhere\"")]);
    assert_one_error(
        &text,
        "\"nowhere\"",
        &["unknown troop group \"nowhere\"", "\"both\", \"only_b\""],
    );
    let text = edit_record(&[("low = 2000", "low = 2600")]);
    assert_one_error(
        &text,
        "2600",
        &[
            "troop figure \"low\" 2600 is above its \"high\" 2500 (troop figure for \"both\" on 2025-02-01)",
            "low = high for a single figure",
        ],
    );
    let text = edit_record(&[("low = 900", "low = -5")]);
    assert_one_error(
        &text,
        "-5",
        &["troop figure \"low\" -5 is negative", "expected a number of personnel"],
    );
    let text = edit_record(&[("high = 900", "high = 5000000000")]);
    assert_one_error(&text, "5000000000", &["troop figure \"high\" 5000000000 is too large"]);
    let text = edit_record(&[("date = 2025-06-01", "date = 2026-06-01")]);
    assert_one_error(
        &text,
        "2026-06-01",
        &["troop figure \"date\" 2026-06-01 is outside the range 2025-01-01..2025-12-31"],
    );
    let text = edit_record(&[("date = 2025-06-01", "date = 2025-01-15")]);
    assert_one_error(
        &text,
        "2025-01-15",
        &[
            "troop figures for \"both\" are not sorted: 2025-01-15 comes after a figure of 2025-02-01 (line",
            "list each group's figures in date order",
        ],
    );
    let text = edit_record(&[("date = 2025-06-01", "date = 2025-02-01 # again")]);
    assert_one_error(
        &text,
        "2025-02-01 # again",
        &[
            "a second troop figure for \"both\" on 2025-02-01 (the first is on line",
            "low..high",
        ],
    );
    let text = edit_record(&[("source = \"T3\"", "source = \"\"")]);
    assert_one_error(
        &text,
        "\"\"",
        &["troop figure \"source\" is empty", "must name its source"],
    );
}

#[test]
fn an_incident_is_at_a_known_place_or_at_a_point_and_inside_the_range() {
    let text = edit_record(&[("place = \"base\"", "place = \"nowhere\"")]);
    assert_one_error(
        &text,
        "\"nowhere\"",
        &[
            "unknown place \"nowhere\" (incident \"Attack at the base\")",
            "\"base\", \"town\"",
        ],
    );
    let text = edit_record(&[("place = \"base\"", "place = \"base\"\nlat = 33.0")]);
    assert_one_error(
        &text,
        "33.0",
        &["incident has both \"place\" and coordinates (incident \"Attack at the base\")"],
    );
    let text = edit_record(&[("place = \"base\"\n", "")]);
    assert_one_error(
        &text,
        "\"Attack at the base\"",
        &[
            "incident has no location",
            "give \"place\" (a place id) or \"lat\" and \"lon\"",
        ],
    );
    let text = edit_record(&[("lon = 40.5\n", "")]);
    assert_one_error(
        &text,
        "36.5",
        &["incident has \"lat\" but no \"lon\" (incident \"Drone downed\")"],
    );
    let text = edit_record(&[("lat = 36.5", "lat = 95.0")]);
    assert_one_error(
        &text,
        "95.0",
        &[
            "incident \"lat\" 95 is outside -90..90 (incident \"Drone downed\")",
            "WGS84",
        ],
    );
    let text = edit_record(&[("date = 2025-04-01", "date = 2024-04-01")]);
    assert_one_error(
        &text,
        "2024-04-01",
        &[
            "incident \"date\" 2024-04-01 is outside the range 2025-01-01..2025-12-31",
            "\"Attack at the base\"",
        ],
    );
    let text = edit_record(&[("source = \"I1\"", "source = \" \"")]);
    assert_one_error(
        &text,
        "\" \"",
        &["incident \"source\" is empty (incident \"Attack at the base\")"],
    );
}

// --- the parser's words, in the scenario's terms -----------------------------

#[test]
fn an_unquoted_written_out_date_is_told_how_dates_are_written() {
    let text = edit(&[("date = 2025-03-01", "date = 20 Mar 2026")]);
    let errors = errors(&text);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let error = &errors[0];
    assert!(error.contains("date must be a date written YYYY-MM-DD"), "{error}");
    assert!(
        error.contains("\"2024-09-27\""),
        "quoting is shown the right way: {error}"
    );
    assert!(!error.contains("string values must be quoted"), "{error}");
    let line = at(&text, "20 Mar 2026");
    let line = line.split(':').next().unwrap();
    assert!(error.starts_with(&format!("{FILE}:{line}:")), "{error}");
}

#[test]
fn a_word_for_a_number_of_people_is_told_a_number_is_expected() {
    let text = edit_record(&[("low = 2000", "low = ten")]);
    let errors = errors(&text);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let error = &errors[0];
    assert!(error.contains("low must be a number of people, like 2500"), "{error}");
    assert!(!error.contains("boolean"), "{error}");
    let line = at(&text, "low = ten");
    let line = line.split(':').next().unwrap();
    assert!(error.starts_with(&format!("{FILE}:{line}:")), "{error}");
}
