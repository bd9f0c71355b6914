use std::path::Path;

use super::*;
use crate::load::scenario::DEFAULT_SCENARIO_TOML;
use crate::model::TrackIdx;

/// A small scenario: one track, one region in three periods (the last
/// open), a base with two, comments between the tables.
const FIXTURE: &str = r##"# A fixture for recording.
title = "Fixture"

[range]
start = 2020-01-01
end = 2021-12-31

[[statuses]]
id = "active"
label = "Active"
color = "#0072B2"

[[statuses]]
id = "drawdown"
label = "Drawing down"
color = "#E69F00"

[[statuses]]
id = "ended"
label = "Ended"
color = "#ADE3D3"

[[regions]]
id = "north"
name = "North"

[[tracks]]
id = "plan"
name = "Plan"

# North ---------------------------------------------------------------------

[[tracks.periods]]
region = "north"
from = 2020-01-01
to = 2020-06-30   # half a year
status = "active"
source = "A"

[[tracks.periods]]
region = "north"
from = 2020-07-01
to = 2020-12-31
status = "drawdown"
source = "B"

[[tracks.periods]]
region = "north"
from = 2021-01-01
status = "ended"
source = "C"

# The base's own periods.
[[tracks.base_periods]]
base = "camp"
from = 2020-01-01
to = 2020-09-30
status = "active"
source = "D"

[[tracks.base_periods]]
base = "camp"
from = 2020-10-01
status = "ended"
source = "E"

# MILESTONES
[[milestones]]
date = 2020-03-01
title = "First"
source = "F"

[[milestones]]
date = 2020-09-01
title = "Second"
source = "G"

[[places]]
id = "camp"
name = "Camp"
kind = "base"
lat = 33.0
lon = 44.0
region = "north"

[[places]]
id = "town"
name = "Town"
kind = "city"
lat = 34.0
lon = 44.0

[[troop_groups]]
id = "all"
name = "All"
regions = ["north"]

[[troops]]
where = "all"
date = 2020-02-01
low = 100
high = 100
source = "H"

[[troops]]
where = "all"
date = 2020-08-01
low = 50
high = 50
source = "I"

[[incidents]]
date = 2020-05-05
place = "camp"
title = "Rockets"
source = "J"
"##;

fn day(text: &str) -> Date {
    crate::model::date_format::parse_iso(text).unwrap()
}

fn period(entity: EntityRef, from: &str, to: Option<&str>, status: &str) -> Report {
    Report::Period(PeriodReport {
        track: "plan".to_owned(),
        entity,
        from: day(from),
        to: to.map(day),
        as_of: None,
        status: status.to_owned(),
        source: "New source, 1 May 2020".to_owned(),
        note: None,
        confidence: None,
        disputed: None,
    })
}

fn north(from: &str, to: Option<&str>, status: &str) -> Report {
    period(EntityRef::Region("north".to_owned()), from, to, status)
}

fn recorded(report: &Report) -> RecordedEdit {
    record(Path::new("fixture.toml"), FIXTURE, report).unwrap()
}

/// The region's periods after the edit: (from, to, status id).
fn north_runs(edit: &RecordedEdit) -> Vec<(String, Option<String>, String)> {
    let s = &edit.scenario;
    s.tracks[0].periods[0]
        .iter()
        .map(|p| {
            (
                p.from.to_string(),
                p.to.map(|d| d.to_string()),
                s.status(p.status).id.clone(),
            )
        })
        .collect()
}

fn run(from: &str, to: Option<&str>, status: &str) -> (String, Option<String>, String) {
    (from.to_owned(), to.map(str::to_owned), status.to_owned())
}

#[test]
fn recording_into_the_middle_of_a_period_splits_it_around_the_report() {
    let edit = recorded(&north("2020-03-01", Some("2020-03-31"), "drawdown"));
    assert_eq!(
        north_runs(&edit),
        [
            run("2020-01-01", Some("2020-02-29"), "active"),
            run("2020-03-01", Some("2020-03-31"), "drawdown"),
            run("2020-04-01", Some("2020-06-30"), "active"),
            run("2020-07-01", Some("2020-12-31"), "drawdown"),
            run("2021-01-01", None, "ended"),
        ]
    );
    // The first part keeps its comment after `to`; the tail is a copy.
    assert!(edit.text.contains("to = 2020-02-29   # half a year"), "{}", edit.text);
}

#[test]
fn recording_at_a_periods_start_without_an_end_replaces_that_period() {
    let edit = recorded(&north("2020-07-01", None, "ended"));
    assert_eq!(
        north_runs(&edit),
        [
            run("2020-01-01", Some("2020-06-30"), "active"),
            run("2020-07-01", Some("2020-12-31"), "ended"),
            run("2021-01-01", None, "ended"),
        ]
    );
    assert!(!edit.text.contains("source = \"B\""), "the replaced period is gone");
}

#[test]
fn recording_at_a_periods_last_day_trims_it_by_that_day() {
    let edit = recorded(&north("2020-12-31", None, "ended"));
    assert_eq!(
        north_runs(&edit),
        [
            run("2020-01-01", Some("2020-06-30"), "active"),
            run("2020-07-01", Some("2020-12-30"), "drawdown"),
            run("2020-12-31", Some("2020-12-31"), "ended"),
            run("2021-01-01", None, "ended"),
        ]
    );
}

#[test]
fn recording_across_several_periods_trims_the_ends_and_drops_those_inside() {
    let edit = recorded(&north("2020-05-01", Some("2021-02-28"), "drawdown"));
    assert_eq!(
        north_runs(&edit),
        [
            run("2020-01-01", Some("2020-04-30"), "active"),
            run("2020-05-01", Some("2021-02-28"), "drawdown"),
            run("2021-03-01", None, "ended"),
        ]
    );
    assert!(!edit.text.contains("source = \"B\""));
}

#[test]
fn recording_after_the_last_periods_start_closes_it_and_stays_open() {
    let edit = recorded(&north("2021-06-01", None, "active"));
    assert_eq!(
        north_runs(&edit),
        [
            run("2020-01-01", Some("2020-06-30"), "active"),
            run("2020-07-01", Some("2020-12-31"), "drawdown"),
            run("2021-01-01", Some("2021-05-31"), "ended"),
            run("2021-06-01", None, "active"),
        ]
    );
    // An open period gains its `to` right after its `from`.
    assert!(
        edit.text
            .contains("from = 2021-01-01\nto = 2021-05-31\nstatus = \"ended\""),
        "{}",
        edit.text
    );
}

#[test]
fn a_base_period_goes_into_the_bases_own_run() {
    let edit = recorded(&period(
        EntityRef::Base("camp".to_owned()),
        "2020-09-15",
        None,
        "drawdown",
    ));
    let s = &edit.scenario;
    let base = s.tracks[0].base_periods[s.place_idx("camp").unwrap().0]
        .iter()
        .map(|p| (p.from.to_string(), s.status(p.status).id.clone()))
        .collect::<Vec<_>>();
    assert_eq!(
        base,
        [
            ("2020-01-01".to_owned(), "active".to_owned()),
            ("2020-09-15".to_owned(), "drawdown".to_owned()),
            ("2020-10-01".to_owned(), "ended".to_owned()),
        ]
    );
}

#[test]
fn everything_the_report_does_not_touch_stays_byte_for_byte() {
    let edit = recorded(&north("2020-03-01", Some("2020-03-31"), "drawdown"));
    let removed: Vec<&str> = edit
        .diff
        .lines()
        .filter(|l| l.starts_with('-') && !l.starts_with("---"))
        .collect();
    assert!(removed.is_empty(), "{}", edit.diff);
    let added = edit
        .diff
        .lines()
        .filter(|l| l.starts_with('+') && !l.starts_with("+++"));
    assert_eq!(added.count(), 14, "two periods and a split's first part: {}", edit.diff);
    // The text before the change and after it is the file's own.
    let at = FIXTURE.find("to = 2020-06-30").unwrap();
    assert_eq!(&edit.text[..at], &FIXTURE[..at]);
    let tail = &FIXTURE[FIXTURE
        .find("[[tracks.periods]]\nregion = \"north\"\nfrom = 2020-07-01")
        .unwrap()..];
    assert!(edit.text.ends_with(tail));
}

#[test]
fn the_diff_shows_the_new_period_with_its_fields() {
    let Report::Period(mut report) = north("2020-03-01", Some("2020-03-31"), "drawdown") else {
        unreachable!()
    };
    report.note = Some("Convoys leave \"the\" camp".to_owned());
    report.confidence = Some(Confidence::Medium);
    let edit = recorded(&Report::Period(report));
    for line in [
        "+++ fixture.toml",
        "+[[tracks.periods]]",
        "+region = \"north\"",
        "+from = 2020-03-01",
        "+to = 2020-03-31",
        "+status = \"drawdown\"",
        "+confidence = \"medium\"",
        "+source = \"New source, 1 May 2020\"",
    ] {
        assert!(edit.diff.lines().any(|l| l == line), "{line} in\n{}", edit.diff);
    }
}

#[test]
fn a_report_dated_as_its_default_writes_no_reported_key() {
    let Report::Period(mut report) = north("2020-03-01", Some("2020-03-31"), "drawdown") else {
        unreachable!()
    };
    report.as_of = Some(day("2020-03-31"));
    let text = edit::edited(FIXTURE, &Report::Period(report)).unwrap();
    assert!(!text.contains("reported ="), "{text}");
}

#[test]
fn every_comment_line_of_the_shipped_scenario_survives_a_record() {
    let before = DEFAULT_SCENARIO_TOML;
    let report = Report::Period(PeriodReport {
        track: "reported".to_owned(),
        entity: EntityRef::Base("victory_base".to_owned()),
        from: day("2026-03-19"),
        to: None,
        as_of: None,
        status: "ended".to_owned(),
        source: "Test report, 20 Mar 2026".to_owned(),
        note: None,
        confidence: Some(Confidence::High),
        disputed: None,
    });
    let edit = record(Path::new("scenario.toml"), before, &report).unwrap();
    let after: Vec<&str> = edit.text.lines().collect();
    let mut at = 0;
    for comment in before.lines().filter(|l| l.trim_start().starts_with('#')) {
        let found = after[at..].iter().position(|l| *l == comment);
        assert!(found.is_some(), "lost or moved: {comment}");
        at += found.unwrap() + 1;
    }
}

#[test]
fn the_shipped_scenario_reads_and_writes_back_unchanged() {
    let doc: toml_edit::DocumentMut = DEFAULT_SCENARIO_TOML.parse().unwrap();
    assert_eq!(doc.to_string(), DEFAULT_SCENARIO_TOML);
}

#[test]
fn troops_incidents_and_milestones_go_in_date_order() {
    let troops = recorded(&Report::Troops(TroopReport {
        group: "all".to_owned(),
        date: day("2020-05-01"),
        low: 70,
        high: 80,
        source: "K".to_owned(),
        note: Some("About 70–80".to_owned()),
        confidence: Some(Confidence::Low),
    }));
    let lows: Vec<u32> = troops.scenario.troops.iter().map(|t| t.low).collect();
    assert_eq!(lows, [100, 70, 50]);
    let a = troops.text.find("low = 100").unwrap();
    let b = troops.text.find("low = 70").unwrap();
    let c = troops.text.find("low = 50").unwrap();
    assert!(a < b && b < c, "{}", troops.text);

    let incident = recorded(&Report::Incident(IncidentReport {
        date: day("2020-01-15"),
        site: IncidentSite::Point { lat: 33.5, lon: 44.5 },
        title: "Drone".to_owned(),
        detail: None,
        source: "L".to_owned(),
        confidence: None,
        disputed: Some("Denied (M)".to_owned()),
    }));
    assert_eq!(incident.scenario.incidents.len(), 2);
    let first = incident.text.find("title = \"Drone\"").unwrap();
    assert!(first < incident.text.find("title = \"Rockets\"").unwrap());

    let milestone = recorded(&Report::Milestone(MilestoneReport {
        date: day("2020-06-01"),
        title: "Between".to_owned(),
        detail: Some("In the middle".to_owned()),
        source: "M".to_owned(),
        track: Some("plan".to_owned()),
        confidence: Some(Confidence::High),
        disputed: None,
    }));
    let titles: Vec<&str> = milestone.scenario.milestones.iter().map(|m| m.title.as_str()).collect();
    assert_eq!(titles, ["First", "Between", "Second"]);
    assert_eq!(milestone.scenario.milestones[1].track, Some(TrackIdx(0)));
}

#[test]
fn an_entry_earlier_than_all_others_goes_under_the_sections_heading() {
    let edit = recorded(&Report::Milestone(MilestoneReport {
        date: day("2020-01-02"),
        title: "Earliest".to_owned(),
        detail: None,
        source: "N".to_owned(),
        track: None,
        confidence: None,
        disputed: None,
    }));
    let heading = edit.text.find("# MILESTONES").unwrap();
    let earliest = edit.text.find("title = \"Earliest\"").unwrap();
    assert!(heading < earliest && earliest < edit.text.find("title = \"First\"").unwrap());
}

#[test]
fn each_bad_field_is_refused_naming_the_field() {
    let cases: [(Report, ReportField, &str); 8] = [
        (
            {
                let Report::Period(mut p) = north("2020-03-01", None, "active") else {
                    unreachable!()
                };
                p.track = "nope".to_owned();
                Report::Period(p)
            },
            ReportField::Track,
            "no track \"nope\"",
        ),
        (
            period(EntityRef::Region("south".to_owned()), "2020-03-01", None, "active"),
            ReportField::Entity,
            "no region \"south\"",
        ),
        (
            period(EntityRef::Base("town".to_owned()), "2020-03-01", None, "active"),
            ReportField::Entity,
            "is a city, not a base",
        ),
        (
            period(EntityRef::Base("fort".to_owned()), "2020-03-01", None, "active"),
            ReportField::Entity,
            "no base \"fort\"; it has \"camp\"",
        ),
        (
            north("2020-03-01", None, "gone"),
            ReportField::Status,
            "no status \"gone\"",
        ),
        (
            north("2019-03-01", None, "active"),
            ReportField::From,
            "outside the scenario's range",
        ),
        (
            north("2020-03-01", Some("2020-02-01"), "active"),
            ReportField::To,
            "ends (2020-02-01) before it starts (2020-03-01)",
        ),
        (
            {
                let Report::Period(mut p) = north("2020-03-01", None, "active") else {
                    unreachable!()
                };
                p.source = "  ".to_owned();
                Report::Period(p)
            },
            ReportField::Source,
            "needs its source",
        ),
    ];
    for (report, field, message) in cases {
        let error = record(Path::new("fixture.toml"), FIXTURE, &report).unwrap_err();
        assert_eq!(error.field, Some(field), "{error}");
        assert!(error.message.contains(message), "{message}: {error}");
    }
}

#[test]
fn a_period_that_would_leave_days_without_one_is_refused_with_the_days() {
    // On a track of reports a base's last period may end early.
    let gap_fixture = record_fixture().replace(
        "from = 2020-10-01\nstatus = \"ended\"\nsource = \"E\"",
        "from = 2020-10-01\nto = 2020-10-31\nstatus = \"ended\"\nsource = \"E\"",
    );
    let report = period(EntityRef::Base("camp".to_owned()), "2020-12-01", None, "active");
    let error = record(Path::new("fixture.toml"), &gap_fixture, &report).unwrap_err();
    assert_eq!(error.field, Some(ReportField::From));
    assert!(error.message.contains("2020-11-01 to 2020-11-30"), "{error}");
    // The form in the window shows the same message: no command-line flags.
    assert!(!error.message.contains("--"), "{error}");
}

#[test]
fn a_file_that_does_not_load_is_not_recorded_into() {
    let broken = FIXTURE.replace(
        "status = \"drawdown\"\nsource = \"B\"",
        "status = \"zzz\"\nsource = \"B\"",
    );
    let error = record(Path::new("broken.toml"), &broken, &north("2020-03-01", None, "active")).unwrap_err();
    assert_eq!(error.field, None);
    assert!(error.message.contains("does not load as it is"), "{error}");
    assert!(error.message.contains("broken.toml:"), "located: {error}");
}

#[test]
fn writing_refuses_a_file_changed_since_it_was_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.toml");
    std::fs::write(&path, FIXTURE).unwrap();
    let edit = record(&path, FIXTURE, &north("2020-03-01", None, "active")).unwrap();
    std::fs::write(&path, format!("{FIXTURE}# edited by hand\n")).unwrap();
    let error = write_recorded(&path, FIXTURE, &edit).unwrap_err();
    assert!(matches!(error, RecordWriteError::Changed { .. }), "{error}");
    assert!(std::fs::read_to_string(&path).unwrap().ends_with("# edited by hand\n"));
    std::fs::write(&path, FIXTURE).unwrap();
    write_recorded(&path, FIXTURE, &edit).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edit.text);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "nothing beside it");
}

/// The fixture as a track of reports: each report covers the whole track,
/// and the record ends with the latest one (2021-01-01, north's open last
/// period), after which the loader shows "no report".
fn record_fixture() -> String {
    FIXTURE
        .replace("name = \"Plan\"\n", "name = \"Plan\"\nrecord = \"track\"\n")
        .replace(
            "[[regions]]",
            "[[statuses]]\nid = \"no_report\"\nlabel = \"No report\"\ncolor = \"#C0C0C0\"\n\n[[regions]]",
        )
        .replace(
            "status = \"ended\"\nsource = \"C\"\n",
            "status = \"ended\"\nsource = \"C\"\nunknown_after = \"Nor is what came next.\"\n",
        )
}

fn recorded_on_record_track(report: &Report) -> RecordedEdit {
    record(Path::new("record.toml"), &record_fixture(), report).unwrap()
}

fn status_of_camp(edit: &RecordedEdit, on: &str) -> String {
    let s = &edit.scenario;
    let camp = s.place_idx("camp").unwrap();
    s.status(s.base_status_on(TrackIdx(0), camp, day(on)).unwrap())
        .id
        .clone()
}

#[test]
fn a_report_after_the_records_end_moves_the_end_and_every_open_period_with_it() {
    let before = crate::load::scenario::parse_scenario(&record_fixture(), "record.toml").unwrap();
    assert_eq!(before.record_end(TrackIdx(0)), Some(day("2021-01-01")));
    let edit = recorded_on_record_track(&north("2021-06-01", None, "active"));
    assert_eq!(edit.scenario.record_end(TrackIdx(0)), Some(day("2021-06-01")));
    // The base's open period holds to the new end: the report covers the track.
    assert_eq!(status_of_camp(&edit, "2021-06-01"), "ended");
    assert_eq!(status_of_camp(&edit, "2021-06-02"), "no_report");
    // The period it closes keeps the date of the report it rested on.
    assert!(
        edit.text
            .contains("from = 2021-01-01\nto = 2021-05-31\nreported = 2021-01-01\nstatus = \"ended\""),
        "{}",
        edit.text
    );
}

#[test]
fn the_reports_date_is_written_as_reported_and_moves_the_end() {
    let Report::Period(mut report) = north("2021-03-01", None, "drawdown") else {
        unreachable!()
    };
    report.as_of = Some(day("2021-04-10"));
    let edit = recorded_on_record_track(&Report::Period(report));
    assert!(
        edit.text.contains("from = 2021-03-01\nreported = 2021-04-10\n"),
        "{}",
        edit.text
    );
    assert_eq!(edit.scenario.record_end(TrackIdx(0)), Some(day("2021-04-10")));
}

#[test]
fn a_closed_report_inside_an_open_period_ends_it_with_no_copy_after() {
    let edit = recorded_on_record_track(&north("2021-03-01", Some("2021-03-31"), "drawdown"));
    assert_eq!(
        north_runs(&edit),
        [
            run("2020-01-01", Some("2020-06-30"), "active"),
            run("2020-07-01", Some("2020-12-31"), "drawdown"),
            run("2021-01-01", Some("2021-02-28"), "ended"),
            run("2021-03-01", Some("2021-03-31"), "drawdown"),
            run("2021-04-01", None, "no_report"),
        ]
    );
    // What stays unknown follows the record to its new last period.
    let at = edit.text.find("unknown_after").unwrap();
    assert!(
        edit.text[..at]
            .rfind("from = 2021-03-01")
            .is_some_and(|f| f > edit.text.find("source = \"C\"").unwrap())
    );
    assert_eq!(edit.text.matches("unknown_after").count(), 1);
}

#[test]
fn no_report_from_a_date_closes_the_entitys_last_period_keeping_its_report() {
    let silence = |from: &str, track: &str| {
        Report::Silence(NoReportFrom {
            track: track.to_owned(),
            entity: EntityRef::Base("camp".to_owned()),
            from: day(from),
        })
    };
    let edit = recorded_on_record_track(&silence("2020-12-01", "plan"));
    assert_eq!(status_of_camp(&edit, "2020-11-30"), "ended");
    assert_eq!(status_of_camp(&edit, "2020-12-01"), "no_report");
    assert!(
        edit.text
            .contains("from = 2020-10-01\nto = 2020-11-30\nreported = 2020-10-01\n"),
        "{}",
        edit.text
    );
    assert_eq!(
        edit.scenario.record_end(TrackIdx(0)),
        Some(day("2021-01-01")),
        "the track's end stays"
    );

    let early = record(Path::new("r"), &record_fixture(), &silence("2020-10-01", "plan")).unwrap_err();
    assert_eq!(early.field, Some(ReportField::From));
    assert!(early.message.contains("2020-10-02 at the earliest"), "{early}");
    let on_a_plan = record(Path::new("f"), FIXTURE, &silence("2020-12-01", "plan")).unwrap_err();
    assert!(on_a_plan.message.contains("is a plan"), "{on_a_plan}");
}
