//! Tracks of reports (`record = "track" | "entity"`): the record's end
//! derived from report dates, each region and base falling silent after
//! it, and every rule of the format at file:line:column.

use drawdown::{DEFAULT_SCENARIO_TOML, PlaceIdx, RegionIdx, Scenario, TrackIdx, default_scenario, parse_scenario};

use crate::support::date;

/// A plan and a record track ("news"). In news, region a is open from
/// 04-01 on a report of 06-15 (the latest: the record end), region b is
/// closed on 05-31, base x is open from 01-01 on a report of 05-01, and a
/// news milestone falls on 06-01. Every edited value is unique.
const RECORD: &str = r##"title = "Records"

[range]
start = 2025-01-01
end = 2025-12-31

[[statuses]]
id = "off"
label = "Off"
color = "#f0f0f0"

[[statuses]]
id = "on"
label = "On"
color = "#0072B2"

[[statuses]]
id = "no_report"
label = "No report"
color = "#C0C0C0"

[[regions]]
id = "a"
name = "Region A"

[[regions]]
id = "b"
name = "Region B"

[[tracks]]
id = "plan"
name = "Plan"

[[tracks.periods]]
region = "a"
from = 2025-01-01
status = "on"
source = "P1"

[[tracks.periods]]
region = "b"
from = 2025-01-01
status = "off"
source = "P2"

[[tracks]]
id = "news"
name = "News"
record = "track"

[[tracks.phases]]
from = 2025-01-01
title = "Talks"
source = "N0"

[[tracks.periods]]
region = "a"
from = 2024-12-01
to = 2025-03-31
status = "off"
source = "N1"

[[tracks.periods]]
region = "a"
from = 2025-04-01
reported = 2025-06-15
status = "on"
source = "Gazette, 15 Jun 2025"
unknown_after = "Nor is the vote."

[[tracks.periods]]
region = "b"
from = 2025-01-01
to = 2025-05-31
status = "on"
source = "N3"

[[tracks.base_periods]]
base = "x"
from = 2025-01-01
reported = 2025-05-01
status = "on"
source = "N4"

[[milestones]]
date = 2025-06-01
title = "Vote called"
source = "N5"
track = "news"

[[places]]
id = "x"
name = "Base X"
kind = "base"
lat = 33.5
lon = 44.25
region = "a"
"##;

const FILE: &str = "records.toml";
const PLAN: TrackIdx = TrackIdx(0);
const NEWS: TrackIdx = TrackIdx(1);
const A: RegionIdx = RegionIdx(0);
const B: RegionIdx = RegionIdx(1);
const X: PlaceIdx = PlaceIdx(0);

/// RECORD with each `(old, new)` replaced; each `old` must occur once.
fn edit(edits: &[(&str, &str)]) -> String {
    let mut text = RECORD.to_owned();
    for (old, new) in edits {
        assert_eq!(text.matches(old).count(), 1, "edit target {old:?} is not unique");
        text = text.replacen(old, new, 1);
    }
    text
}

fn load(text: &str) -> Scenario {
    parse_scenario(text, FILE).unwrap_or_else(|e| panic!("{e}"))
}

/// The status id of a region (or, with `base`, of base x) on `day`.
fn region_on(s: &Scenario, region: RegionIdx, day: &str) -> String {
    s.status_on(NEWS, region, date(day)).map_or("-".to_owned(), |i| s.status(i).id.clone())
}

fn base_on(s: &Scenario, day: &str) -> String {
    s.base_status_on(NEWS, X, date(day)).map_or("-".to_owned(), |i| s.status(i).id.clone())
}

/// "line:column" (1-based) of the one occurrence of `needle` in `text`.
fn at(text: &str, needle: &str) -> String {
    assert_eq!(text.matches(needle).count(), 1, "needle {needle:?} is not unique");
    let before = &text[..text.find(needle).unwrap()];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
    format!("{line}:{column}")
}

/// Asserts that exactly one error is reported, at `needle`, containing
/// every one of `parts`.
#[track_caller]
fn assert_one_error(text: &str, needle: &str, parts: &[&str]) {
    let errors: Vec<String> = match parse_scenario(text, FILE) {
        Ok(_) => Vec::new(),
        Err(e) => e.0.iter().map(ToString::to_string).collect(),
    };
    assert_eq!(errors.len(), 1, "expected one error, got {errors:#?}");
    let prefix = format!("{FILE}:{}: ", at(text, needle));
    assert!(errors[0].starts_with(&prefix), "expected {prefix:?}…, got {:?}", errors[0]);
    for part in parts {
        assert!(errors[0].contains(part), "{:?} lacks {part:?}", errors[0]);
    }
}

// --- what a record track shows ------------------------------------------------

#[test]
fn the_record_end_is_the_latest_report_and_an_open_period_holds_until_it() {
    let s = load(RECORD);
    assert_eq!(s.record_end(NEWS), Some(date("2025-06-15")));
    assert_eq!(s.record_end(PLAN), None, "a plan has no record end");
    assert_eq!(region_on(&s, A, "2025-06-15"), "on", "the day of the record end");
    assert_eq!(region_on(&s, A, "2025-06-16"), "no_report", "the day after");
    assert_eq!(region_on(&s, A, "2025-12-31"), "no_report");
    // record = "track": base x, reported on 05-01, holds to the track's end.
    assert_eq!(base_on(&s, "2025-06-15"), "on");
    assert_eq!(base_on(&s, "2025-06-16"), "no_report");
}

#[test]
fn a_closed_last_period_falls_silent_the_day_after_its_to() {
    let s = load(RECORD);
    assert_eq!(region_on(&s, B, "2025-05-31"), "on");
    assert_eq!(region_on(&s, B, "2025-06-01"), "no_report");
    assert_eq!(
        s.status_line(NEWS, drawdown::Entity::Region(B), date("2025-09-01")).as_deref(),
        Some("No report since 1 Jun — last: On")
    );
}

#[test]
fn with_record_entity_each_entity_holds_until_its_own_latest_report() {
    let s = load(&edit(&[("record = \"track\"", "record = \"entity\"")]));
    assert_eq!(s.record_end(NEWS), Some(date("2025-06-15")), "the track's end is the same");
    assert_eq!(base_on(&s, "2025-05-01"), "on", "x: the day of its own last report");
    assert_eq!(base_on(&s, "2025-05-02"), "no_report", "x: the day after");
    assert_eq!(region_on(&s, A, "2025-06-15"), "on");
    assert_eq!(region_on(&s, A, "2025-06-16"), "no_report");
}

#[test]
fn a_later_milestone_of_the_track_moves_the_record_end_and_every_silence_with_it() {
    let s = load(&edit(&[("date = 2025-06-01", "date = 2025-07-01")]));
    assert_eq!(s.record_end(NEWS), Some(date("2025-07-01")));
    assert_eq!(region_on(&s, A, "2025-07-01"), "on");
    assert_eq!(region_on(&s, A, "2025-07-02"), "no_report");
    assert_eq!(base_on(&s, "2025-07-01"), "on");
    assert_eq!(region_on(&s, B, "2025-06-01"), "no_report", "a closed period does not move");
    // A shared milestone is history, not a report of the track.
    let s = load(&edit(&[("date = 2025-06-01", "date = 2025-07-01"), ("track = \"news\"\n", "")]));
    assert_eq!(s.record_end(NEWS), Some(date("2025-06-15")));
}

#[test]
fn the_no_report_period_and_phase_are_written_from_the_record_end() {
    let s = load(RECORD);
    let silent = s.period_on(NEWS, A, date("2025-07-01")).unwrap();
    assert_eq!(silent.note, "Nothing later than 15 Jun 2025 is on record. Nor is the vote.");
    assert_eq!(
        silent.source,
        "Nothing on record after 15 Jun 2025 (last: Gazette, 15 Jun 2025)"
    );
    let title = |day| s.phase_on(NEWS, date(day)).map(|p| p.title.clone());
    assert_eq!(title("2025-06-15").as_deref(), Some("Talks"), "the open phase ends at the record end");
    assert_eq!(title("2025-06-16").as_deref(), Some("No report after 15 June 2025"));
    assert_eq!(title("2025-12-31").as_deref(), Some("No report after 15 June 2025"));
}

#[test]
fn a_record_reported_to_the_ranges_end_never_falls_silent() {
    let s = load(&edit(&[("reported = 2025-06-15", "reported = 2025-12-31")]));
    assert_eq!(s.record_end(NEWS), Some(date("2025-12-31")));
    assert_eq!(region_on(&s, A, "2025-12-31"), "on");
    assert_eq!(s.phase_on(NEWS, date("2025-12-31")).map(|p| p.title.as_str()), Some("Talks"));
}

// --- the rules, located -------------------------------------------------------

#[test]
fn reported_before_from_is_refused_at_the_date() {
    let text = edit(&[("reported = 2025-06-15", "reported = 2025-03-15")]);
    assert_one_error(
        &text,
        "2025-03-15",
        &["period \"reported\" 2025-03-15 is before its \"from\" 2025-04-01", "track \"news\", region \"a\""],
    );
}

#[test]
fn reported_on_a_plan_is_refused() {
    let text = edit(&[("status = \"off\"\nsource = \"P2\"", "status = \"off\"\nreported = 2025-02-02\nsource = \"P2\"")]);
    assert_one_error(&text, "2025-02-02", &["\"reported\" on a plan", "record = \"track\""]);
}

#[test]
fn reported_after_the_range_is_refused() {
    let text = edit(&[("reported = 2025-05-01", "reported = 2026-01-05")]);
    assert_one_error(&text, "2026-01-05", &["after the range end 2025-12-31", "base \"x\""]);
}

#[test]
fn an_open_period_that_is_not_the_last_is_refused_on_a_record_track_too() {
    let text = edit(&[("to = 2025-03-31\n", "")]);
    assert_one_error(&text, "2024-12-01", &["has no \"to\"", "only the last period may leave \"to\" out"]);
}

#[test]
fn an_unknown_record_value_lists_the_known_ones() {
    let text = edit(&[("record = \"track\"", "record = \"tracks\"")]);
    assert_one_error(&text, "\"tracks\"", &["record \"tracks\" is unknown", "\"track\"", "\"entity\""]);
}

#[test]
fn a_record_track_without_the_no_report_status_is_refused() {
    let text = edit(&[(
        "[[statuses]]\nid = \"no_report\"\nlabel = \"No report\"\ncolor = \"#C0C0C0\"\n",
        "",
    )]);
    assert_one_error(&text, "\"track\"", &["no status \"no_report\"", "track \"news\""]);
}

#[test]
fn a_phase_past_the_record_end_is_refused() {
    let text = edit(&[("title = \"Talks\"", "to = 2025-08-31\ntitle = \"Talks\"")]);
    assert_one_error(&text, "2025-08-31", &["after the record's end 2025-06-15", "leave \"to\" out"]);
}

#[test]
fn a_phase_starting_after_the_record_end_is_refused_at_its_from() {
    let text = edit(&[(
        "source = \"N0\"\n",
        "source = \"N0\"\nto = 2025-06-30\n\n[[tracks.phases]]\nfrom = 2025-07-01\ntitle = \"Later\"\nsource = \"N9\"\n",
    )]);
    let errors = match parse_scenario(&text, FILE) {
        Ok(_) => panic!("a phase after the record's end loaded"),
        Err(e) => e.0.iter().map(ToString::to_string).collect::<Vec<_>>(),
    };
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(errors[0].starts_with(&format!("{FILE}:{}: ", at(&text, "2025-06-30"))), "{errors:?}");
    assert!(errors[1].starts_with(&format!("{FILE}:{}: ", at(&text, "2025-07-01"))), "{errors:?}");
    assert!(errors[1].contains("phase \"from\" 2025-07-01 is after the record's end 2025-06-15"), "{errors:?}");
}

#[test]
fn unknown_after_belongs_on_a_record_tracks_last_period() {
    let not_last = edit(&[("status = \"off\"\nsource = \"N1\"", "status = \"off\"\nsource = \"N1\"\nunknown_after = \"Early\"")]);
    assert_one_error(&not_last, "\"Early\"", &["not the last", "track \"news\", region \"a\""]);
    let on_a_plan = edit(&[("source = \"P1\"", "source = \"P1\"\nunknown_after = \"Planned\"")]);
    assert_one_error(&on_a_plan, "\"Planned\"", &["\"unknown_after\" on a plan"]);
    let empty = edit(&[("\"Nor is the vote.\"", "\" \"")]);
    assert_one_error(&empty, "\" \"", &["\"unknown_after\" is empty"]);
}

#[test]
fn a_plans_last_period_must_still_reach_the_range_end() {
    let text = edit(&[("status = \"on\"\nsource = \"P1\"", "to = 2025-06-30\nstatus = \"on\"\nsource = \"P1\"")]);
    assert_one_error(&text, "2025-06-30", &["last period ends 2025-06-30, before the range end"]);
}

// --- the shipped scenario -----------------------------------------------------

#[test]
fn the_shipped_scenario_writes_its_record_end_once_and_no_no_report_period() {
    // The record's end, 20 March 2026, is written once as a report's
    // date; the other lines of that day date its events (the NATO
    // milestone, a troop figure), and no period ends on it.
    let of_the_end: Vec<&str> = DEFAULT_SCENARIO_TOML
        .lines()
        .filter(|l| l.contains("2026-03-20"))
        .collect();
    assert_eq!(
        of_the_end,
        ["reported = 2026-03-20", "date = 2026-03-20", "date = 2026-03-20"],
        "the reported track's last report, written once"
    );
    assert!(!DEFAULT_SCENARIO_TOML.contains("status = \"no_report\""));
    assert!(!DEFAULT_SCENARIO_TOML.contains("title = \"No report after"), "the last phase is made");
    let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
    let reported = s.track_idx("reported").unwrap();
    assert_eq!(s.record_end(reported), Some(date("2026-03-20")));
    // Syria's own record ends before the track's, and still says what
    // stays unknown.
    let syria = s.region_idx("syria").unwrap();
    let silent = s.period_on(reported, syria, date("2026-03-14")).unwrap();
    assert!(silent.note.starts_with("Nothing later than 13 Mar 2026 is on record. Nor is whether"), "{}", silent.note);
}
