//! The story file: every key read, every mistake located at its line and
//! column, the file written back loading as the same story, and a story
//! resolved against the shipped scenario.

use std::path::{Path, PathBuf};

use drawdown::{
    Callout, Classification, Date, GeoBox, LayerSet, MAX_DRAFT_NOTES_CHARS, MAX_STOPS, MapLayer, Marking,
    ResolvedStop, StopDate, StopLayout, Story, TrackIdx, TrackLayout, draft_story, load_story, story_to_toml,
};

use crate::support::{data, date, drawdown, names_in, path, stderr};

/// A story using every key.
const FULL: &str = r#"title = "Coalition drawdown: where it stands"
subtitle = "Brief, 7 Dec 2026"
classification = "UNCLASSIFIED"
prepared_by = "Analysis cell"
logo = "logo.png"
scenario = "my-scenario.toml"

[[stops]]
date = "2025-09-30"
layout = "compare"
track = "reported"
title = "Phase 1 deadline: federal Iraq"
notes = """Talking points,
as many lines as needed."""
hold = 6
view = { west = 38.0, south = 32.0, east = 44.5, north = 37.5 }
hide = ["incidents", "troop-levels"]

[[stops.callouts]]
text = "Reinforced again 11 Mar"
at = [40.50, 36.67]

[[stops.callouts]]
text = "Erbil"
at = [44, 36.19]

[[stops]]
date = "today"
"#;

fn origin() -> PathBuf {
    PathBuf::from("/briefs/brief.toml")
}

fn load(text: &str) -> Story {
    load_story(&origin(), text).unwrap_or_else(|e| panic!("does not load:\n{e}\n{text}"))
}

/// The one error loading `text` gives, as printed.
fn error_of(text: &str) -> String {
    let errors = load_story(Path::new("b.toml"), text).unwrap_err();
    assert_eq!(errors.0.len(), 1, "{errors}");
    errors.to_string()
}

#[test]
fn every_key_of_a_story_file_is_read() {
    let story = load(FULL);
    assert_eq!(story.title, "Coalition drawdown: where it stands");
    assert_eq!(story.subtitle.as_deref(), Some("Brief, 7 Dec 2026"));
    assert_eq!(story.classification, Some(Classification::new("UNCLASSIFIED")));
    assert_eq!(story.classification.as_ref().map(Classification::marking), Some(Marking::Unclassified));
    assert_eq!(story.prepared_by.as_deref(), Some("Analysis cell"));
    assert_eq!(story.logo_path(), Some(PathBuf::from("/briefs/logo.png")));
    assert_eq!(story.scenario_path(), Some(PathBuf::from("/briefs/my-scenario.toml")));
    assert_eq!(story.stops.len(), 2);
    let first = &story.stops[0];
    assert_eq!(first.date, StopDate::On(date("2025-09-30")));
    assert_eq!(first.layout, StopLayout::Compare);
    assert_eq!(first.track.as_deref(), Some("reported"));
    assert_eq!(first.title.as_deref(), Some("Phase 1 deadline: federal Iraq"));
    assert_eq!(first.notes, "Talking points,\nas many lines as needed.");
    assert_eq!(first.hold_secs, 6.0);
    assert_eq!(first.view, Some(GeoBox { west: 38.0, south: 32.0, east: 44.5, north: 37.5 }));
    assert_eq!(
        first.hide,
        [MapLayer::Incidents, MapLayer::TroopLevels].into_iter().collect::<LayerSet>()
    );
    assert_eq!(
        first.callouts,
        [
            Callout {
                text: "Reinforced again 11 Mar".to_owned(),
                lonlat: [40.5, 36.67]
            },
            Callout {
                text: "Erbil".to_owned(),
                lonlat: [44.0, 36.19]
            }
        ]
    );
    assert_eq!(first.line, Some(8), "the line of its [[stops]] header");
}

#[test]
fn a_stop_that_says_only_its_date_takes_every_default() {
    let story = load("title = \"B\"\n[[stops]]\ndate = 2025-10-01\n");
    let stop = &story.stops[0];
    assert_eq!(stop.date, StopDate::On(date("2025-10-01")), "a TOML date, unquoted");
    assert_eq!(stop.layout, StopLayout::Single);
    assert_eq!((stop.track.as_ref(), stop.title.as_ref()), (None, None));
    assert_eq!(stop.notes, "");
    assert_eq!(stop.hold_secs, 4.0);
    assert_eq!(stop.view, None);
    assert_eq!(stop.hide, LayerSet::NONE);
    assert!(stop.callouts.is_empty());
    assert_eq!(story.classification, None);
    assert_eq!(story.logo, None);
    assert_eq!(story.scenario_path(), None, "the embedded scenario");
    assert!(load("title = \"No stops yet\"\n").stops.is_empty());
}

#[test]
fn a_story_written_out_loads_back_the_same() {
    let story = load(FULL);
    let text = story_to_toml(&story);
    assert_eq!(without_lines(load(&text)), without_lines(story.clone()), "{text}");
    let mut tricky = story.clone();
    tricky.title = "Quotes \" and \\ backslashes, 'single' too".to_owned();
    tricky.stops[0].notes = "Line one\n\tindented \"\"\" triple quotes\nends with a quote\"".to_owned();
    tricky.stops[1].notes = "one line, no break".to_owned();
    tricky.stops[1].hold_secs = 2.5;
    tricky.stops[1].hide = LayerSet::all();
    tricky.stops[1].view = Some(GeoBox { west: -180.0, south: -90.0, east: 179.999_999_9, north: 0.1 });
    let text = story_to_toml(&tricky);
    assert_eq!(without_lines(load(&text)), without_lines(tricky), "{text}");
}

/// The story without the lines its stops were read from: a written file
/// has lines of its own.
fn without_lines(mut story: Story) -> Story {
    for stop in &mut story.stops {
        assert!(stop.line.is_some(), "a loaded stop knows its line");
        stop.line = None;
    }
    story
}

#[test]
fn a_story_written_out_leaves_defaults_unsaid() {
    let text = story_to_toml(&load("title = \"B\"\n[[stops]]\ndate = \"today\"\n"));
    assert_eq!(text, "title = \"B\"\n\n[[stops]]\ndate = \"today\"\n");
}

#[test]
fn each_mistake_in_a_story_is_reported_at_its_line_and_column() {
    let cases: &[(&str, &str)] = &[
        ("", "b.toml: file has no story"),
        ("title = \"B\"\ncolour = 1\n", "b.toml:2:1: unknown field `colour`"),
        ("subtitle = \"S\"\n", "b.toml:1:1: missing field `title`"),
        ("title = \"  \"\n", "b.toml:1:9: \"title\" is empty"),
        ("title = \"a\\nb\"\n", "b.toml:1:9: \"title\" contains the character \\u{a}"),
        ("title = \"B\"\nclassification = \"\"\n", "b.toml:2:18: \"classification\" is empty"),
        ("title = \"B\"\n[[stops]]\nlayout = \"single\"\n", "b.toml:2:1: missing field `date`"),
        (
            "title = \"B\"\n[[stops]]\ndate = \"30 Sep 2025\"\n",
            "b.toml:3:8: \"date\" of stop 1 \"30 Sep 2025\" is not a date; expected a date like 2025-09-30, or \"today\"",
        ),
        ("title = \"B\"\n[[stops]]\ndate = 2025-02-30\n", "b.toml:3:8:"),
        ("title = \"B\"\n[[stops]]\ndate = 2025-09-30T10:00:00\n", "no time of day"),
        ("title = \"B\"\n[[stops]]\ndate = 3\n", "b.toml:3:8: \"date\" of stop 1 is the integer 3"),
        (
            "title = \"B\"\n[[stops]]\ndate = \"today\"\nlayout = \"split\"\n",
            "b.toml:4:10: \"layout\" of stop 1 is \"split\"; expected \"single\" (one map) or \"compare\"",
        ),
        ("title = \"B\"\n[[stops]]\ndate = \"today\"\ntrack = \"\"\n", "b.toml:4:9: \"track\" of stop 1 is empty"),
        ("title = \"B\"\n[[stops]]\ndate = \"today\"\ntitle = \"\"\n", "b.toml:4:9: \"title\" of stop 1 is empty"),
        (
            "title = \"B\"\n[[stops]]\ndate = \"today\"\nnotes = \"a\\u001bb\"\n",
            "b.toml:4:9: \"notes\" of stop 1 contains the character \\u{1b}",
        ),
        (
            "title = \"B\"\n[[stops]]\ndate = \"today\"\nhold = \"6\"\n",
            "b.toml:4:8: \"hold\" of stop 1 is the text \"6\"; expected a number of seconds",
        ),
        (
            "title = \"B\"\n[[stops]]\ndate = \"today\"\nhold = 0\n",
            "b.toml:4:8: \"hold\" of stop 1 is 0 seconds; expected more than 0 and at most 3600",
        ),
        (
            "title = \"B\"\n[[stops]]\ndate = \"today\"\nview = { west = 44.5, south = 32, east = 38, north = 37.5 }\n",
            "b.toml:4:8: \"view\" of stop 1: west = 44.5 is not west of east = 38; expected west < east",
        ),
        (
            "title = \"B\"\n[[stops]]\ndate = \"today\"\nview = { west = 38, south = 37.5, east = 44, north = 32 }\n",
            "expected south < north",
        ),
        (
            "title = \"B\"\n[[stops]]\ndate = \"today\"\nview = { west = 38, south = 32, east = 200, north = 37 }\n",
            "b.toml:4:8: \"view\" of stop 1: east = 200 is off the globe",
        ),
        (
            "title = \"B\"\n[[stops]]\ndate = \"today\"\nview = { west = \"38\", south = 32, east = 44, north = 37 }\n",
            "b.toml:4:17: \"view\" west of stop 1 is the text \"38\"; expected a number of degrees",
        ),
        (
            "title = \"B\"\n[[stops]]\ndate = \"today\"\nview = { west = 38, south = 32, east = 44 }\n",
            "missing field `north`",
        ),
        (
            "title = \"B\"\n[[stops]]\ndate = \"today\"\nhide = [\"legend\", \"roads\"]\n",
            "b.toml:4:19: \"hide\" of stop 1 names the layer \"roads\", which drawdown does not have; the layers are: \
             cities, bases, region-labels, incidents, sources, title, legend, troop-levels",
        ),
        (
            "title = \"B\"\n[[stops]]\ndate = \"today\"\n[[stops.callouts]]\ntext = \"\"\nat = [1, 2]\n",
            "b.toml:5:8: \"text\" of stop 1's callout 1 is empty",
        ),
        (
            "title = \"B\"\n[[stops]]\ndate = \"today\"\n[[stops.callouts]]\ntext = \"x\"\nat = [1]\n",
            "b.toml:6:6: \"at\" of stop 1's callout 1 has 1 numbers; expected two, longitude then latitude",
        ),
        (
            "title = \"B\"\n[[stops]]\ndate = \"today\"\n[[stops.callouts]]\ntext = \"x\"\nat = [36.7, 140.5]\n",
            "b.toml:6:13: the latitude in \"at\" of stop 1's callout 1 is 140.5; expected -90 to 90",
        ),
        (
            "title = \"B\"\n[[stops]]\ndate = \"today\"\n[[stops.callouts]]\ntext = \"x\"\nat = [190, 36]\n",
            "b.toml:6:7: the longitude in \"at\" of stop 1's callout 1 is 190",
        ),
        (
            "title = \"B\"\n[[stops]]\ndate = \"today\"\n[[stops.callouts]]\ntext = \"x\"\n",
            "missing field `at`",
        ),
    ];
    for (text, expected) in cases {
        let error = error_of(text);
        assert!(error.starts_with(expected) || error.contains(expected), "{text:?}\n{error}");
    }
}

#[test]
fn every_mistake_is_listed_in_file_order_in_one_run() {
    let text = "title = \"B\"\n[[stops]]\ndate = \"soon\"\nhold = -1\n[[stops]]\ndate = \"today\"\nlayout = \"x\"\n";
    let errors = load_story(Path::new("b.toml"), text).unwrap_err().to_string();
    let lines: Vec<&str> = errors.lines().collect();
    assert_eq!(lines.len(), 3, "{errors}");
    assert!(lines[0].starts_with("b.toml:3:8: \"date\" of stop 1"), "{errors}");
    assert!(lines[1].starts_with("b.toml:4:8: \"hold\" of stop 1"), "{errors}");
    assert!(lines[2].starts_with("b.toml:7:10: \"layout\" of stop 2"), "{errors}");
}

#[test]
fn a_story_too_long_or_too_large_is_refused_naming_the_limit() {
    let mut text = String::from("title = \"B\"\n");
    for _ in 0..=MAX_STOPS {
        text.push_str("[[stops]]\ndate = \"today\"\n");
    }
    let error = error_of(&text);
    assert!(error.contains(&format!("more than the {MAX_STOPS}")), "{error}");
    let huge = format!("title = \"B\"\n# {}\n", "x".repeat(2 * 1024 * 1024));
    let error = error_of(&huge);
    assert!(error.contains("larger than the 1 MiB limit for stories"), "{error}");
}

#[test]
fn a_story_resolves_each_stops_date_tracks_and_title_against_the_scenario() {
    let scenario = &data().scenario;
    let text = "title = \"B\"\n[[stops]]\ndate = \"2025-09-30\"\nlayout = \"compare\"\n\
                [[stops]]\ndate = \"2025-09-30\"\ntrack = \"announced\"\ntitle = \"Mine\"\n\
                [[stops]]\ndate = \"today\"\n[[stops]]\ndate = \"2025-09-29\"\n";
    let stops = load(text).resolve(scenario, date("2030-01-01")).unwrap();
    let announced = scenario.track_idx("announced").unwrap();
    assert_eq!(stops[0].layout, TrackLayout::SideBySide(scenario.compare_pair().unwrap()));
    assert_eq!(stops[0].title, "30 Sep 2025 — Phase 1 deadline: federal Iraq");
    assert_eq!(stops[1].layout, TrackLayout::Single(announced));
    assert_eq!(stops[1].title, "Mine");
    assert_eq!(stops[2].date, scenario.range.end, "today past the range: its end");
    assert_eq!(stops[2].layout, TrackLayout::Single(scenario.default_track));
    assert_eq!(stops[3].title, "29 Sep 2025", "a day without a milestone: the date");
    assert_eq!(stops.iter().map(|s| s.number).collect::<Vec<_>>(), [1, 2, 3, 4]);
    assert_eq!(stops[0].hold_secs, 4.0);
    assert_ne!(announced, TrackIdx(usize::MAX));
}

#[test]
fn a_stop_the_scenario_cannot_show_is_named_with_its_line() {
    let scenario = &data().scenario;
    let text = "title = \"B\"\n[[stops]]\ndate = \"today\"\n\n[[stops]]\ndate = \"today\"\ntrack = \"rumoured\"\n\
                [[stops]]\ndate = \"2040-01-01\"\n";
    let error = load(text).resolve(scenario, date("2026-12-07")).unwrap_err().to_string();
    let lines: Vec<&str> = error.lines().collect();
    assert_eq!(
        lines,
        [
            "/briefs/brief.toml: stop 2 (line 5): unknown track \"rumoured\"; the scenario has \"announced\", \"reported\"",
            "/briefs/brief.toml: stop 3 (line 8): the date 2040-01-01 is outside the scenario's range 2014-08-01..2027-06-30",
        ]
    );
}

// ---------------------------------------------------------------------------
// The drafted brief (`drawdown story init`).

/// The day the brief is drafted on in these tests.
fn drafting_day() -> Date {
    date("2026-12-07")
}

fn drafted() -> Story {
    draft_story(&data().scenario, drafting_day(), None, None)
}

/// The drafted stops, resolved on the drafting day.
fn drafted_stops() -> Vec<ResolvedStop> {
    drafted().resolve(&data().scenario, drafting_day()).unwrap()
}

#[test]
fn the_drafted_brief_stops_on_both_deadlines_the_records_end_and_today() {
    let scenario = &data().scenario;
    let dates: Vec<Date> = drafted_stops().iter().map(|s| s.date).collect();
    // The deadlines: the ends of the plan's phases, as the scenario gives them.
    let [plan, record] = scenario.compare_pair().unwrap();
    let deadline = |title_starts: &str| {
        scenario
            .track(plan)
            .phases
            .iter()
            .find(|p| p.title.starts_with(title_starts))
            .and_then(|p| p.to)
            .unwrap()
    };
    assert_eq!(deadline("Phase 1"), date("2025-09-30"));
    assert_eq!(deadline("Phase 2"), date("2026-09-30"));
    for day in [
        deadline("Phase 1"),
        deadline("Phase 2"),
        scenario.record_end(record).unwrap(),
        drafting_day(),
    ] {
        assert!(dates.contains(&day), "no stop on {day}: {dates:?}");
    }
    assert_eq!(drafted().stops.last().map(|s| s.date), Some(StopDate::Today));
    assert!(dates.windows(2).all(|w| w[0] < w[1]), "in order, once each: {dates:?}");
    for m in scenario.milestones.iter().filter(|m| m.date >= dates[0]) {
        assert!(dates.contains(&m.date), "the milestone {:?} has no stop", m.title);
    }
}

#[test]
fn the_drafted_brief_starts_where_the_plan_and_the_record_part_not_before_2024() {
    let scenario = &data().scenario;
    let stops = drafted_stops();
    let [plan, record] = scenario.compare_pair().unwrap();
    let parting = scenario.first_difference(plan, record).unwrap();
    assert_eq!(stops[0].date, parting);
    assert!(
        stops[0].title.contains("Joint statement"),
        "the joint statement opens the brief: {}",
        stops[0].title
    );
    assert!(stops.iter().all(|s| s.date >= date("2024-01-01")));
    let asked = draft_story(scenario, drafting_day(), Some(date("2014-08-01")), Some(date("2015-01-01")));
    let asked = asked.resolve(scenario, drafting_day()).unwrap();
    assert_eq!(asked.first().map(|s| s.date), Some(date("2014-08-01")));
    assert_eq!(asked.last().map(|s| s.date), Some(date("2015-01-01")));
    assert!(asked.iter().any(|s| s.title.contains("US air strikes in Iraq begin")));
    let backwards = draft_story(scenario, drafting_day(), Some(date("2026-01-01")), Some(date("2025-01-01")));
    assert!(backwards.stops.is_empty());
}

#[test]
fn the_drafted_brief_compares_the_tracks_where_they_disagree() {
    let scenario = &data().scenario;
    let [plan, record] = scenario.compare_pair().unwrap();
    let stops = drafted_stops();
    for stop in &stops {
        let disagree = !scenario.regions_differing(plan, record, stop.date).is_empty();
        let compared = matches!(stop.layout, TrackLayout::SideBySide(_));
        assert_eq!(compared, disagree, "{}: {:?}", stop.title, stop.layout);
    }
    assert!(stops.iter().any(|s| matches!(s.layout, TrackLayout::SideBySide(_))));
    assert!(stops.iter().any(|s| matches!(s.layout, TrackLayout::Single(_))));
}

#[test]
fn every_drafted_stop_has_bounded_talking_points_naming_their_sources() {
    let scenario = &data().scenario;
    let stops = drafted_stops();
    for stop in &stops {
        assert!(!stop.notes.trim().is_empty(), "{}", stop.title);
        assert!(stop.notes.contains("Sources: "), "{}:\n{}", stop.title, stop.notes);
        assert!(stop.notes.chars().count() <= MAX_DRAFT_NOTES_CHARS, "{}", stop.title);
        assert!(stop.notes.contains("Confidence: "), "{}:\n{}", stop.title, stop.notes);
    }
    // What changed, with its source: the day Ain al-Asad was handed over.
    let handover = scenario
        .milestones
        .iter()
        .find(|m| m.title == "Ain al-Asad handed over")
        .unwrap();
    let stop = stops.iter().find(|s| s.date == handover.date).unwrap();
    assert!(stop.notes.contains("Ain al-Asad Air Base now Handed over or vacated"), "{}", stop.notes);
    assert!(stop.notes.contains(&handover.source), "{}", stop.notes);
    // The lag between the tracks, in days, where they disagree: as it
    // stood on the stop's day, not when the record later caught up.
    let [plan, record] = scenario.compare_pair().unwrap();
    let federal = scenario.region_idx("federal_iraq").unwrap();
    let Some(drawdown::Lag::Behind { days: later }) = scenario.lag(record, plan, federal, stop.date) else {
        panic!("the record lags the plan in federal Iraq on {}", stop.date)
    };
    let plan_from = scenario.period_on(plan, federal, stop.date).unwrap().from;
    let days = (stop.date - plan_from).num_days();
    assert!(days < later, "the record caught up after the stop");
    assert!(
        stop.notes.contains(&format!("{days} days after Announced plan reached “Coalition mission over”, Reported has not.")),
        "{}",
        stop.notes
    );
    assert!(!stop.notes.contains(&format!("{later} days after")), "{}", stop.notes);
    // What the record does not say: after its end, since when nothing was.
    let end = scenario.record_end(record).unwrap();
    let since = drawdown::date_format::short(end.succ_opt().unwrap());
    let last = stops.last().unwrap();
    assert!(last.notes.contains(&format!("No report since {since}")), "{}", last.notes);
    assert!(last.title.starts_with("Today, 7 Dec 2026"), "{}", last.title);
}

#[test]
fn the_drafted_brief_is_written_and_read_back_as_the_same_story() {
    let story = drafted();
    let text = story_to_toml(&story);
    let back = load_story(&origin(), &text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let mut expected = story.clone();
    expected.origin = Some(origin());
    assert_eq!(without_lines(back), expected, "{text}");
}

// ---------------------------------------------------------------------------
// The command line.

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn story_init_writes_a_brief_that_checks_and_will_not_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("brief.toml");
    let out = drawdown(&["story", "init", path(&file)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with(&format!("wrote {}: ", file.display())), "{stdout}");
    let story = drawdown::load_story_file(&file).unwrap();
    assert!(story.stops.len() > 10, "{}", story.stops.len());
    assert_eq!(story.scenario, None, "the embedded scenario");
    let checked = drawdown(&["story", "check", path(&file)]);
    assert_eq!(checked.status.code(), Some(0), "{}", stderr(&checked));
    assert!(String::from_utf8_lossy(&checked.stdout).starts_with("ok: "));
    let before = std::fs::read(&file).unwrap();
    std::fs::write(&file, "title = \"Mine\"\n").unwrap();
    let again = drawdown(&["story", "init", path(&file)]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("use --force"), "{}", stderr(&again));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "title = \"Mine\"\n", "left alone");
    let forced = drawdown(&["story", "init", path(&file), "--force"]);
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    assert_eq!(std::fs::read(&file).unwrap().len(), before.len());
    assert_eq!(names_in(dir.path()), ["brief.toml"], "no temporary file left");
}

#[test]
fn story_init_takes_a_range_and_refuses_one_outside_the_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("early.toml");
    let out = drawdown(&["story", "init", path(&file), "--from", "2014-08-01", "--to", "2015-01-01"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let story = drawdown::load_story_file(&file).unwrap();
    assert_eq!(story.stops.first().map(|s| s.date), Some(StopDate::On(date("2014-08-01"))));
    for args in [["--from", "1999-01-01"], ["--to", "2099-01-01"]] {
        let out = drawdown(&["story", "init", path(&dir.path().join("x.toml")), args[0], args[1]]);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(&format!("{}: date", args[0])), "{}", stderr(&out));
    }
    let out = drawdown(&[
        "story",
        "init",
        path(&dir.path().join("x.toml")),
        "--from",
        "2026-01-01",
        "--to",
        "2025-01-01",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--from 2026-01-01 is after --to 2025-01-01"), "{}", stderr(&out));
    assert!(!dir.path().join("x.toml").exists());
}

#[test]
fn story_check_exits_2_with_located_errors() {
    let dir = tempfile::tempdir().unwrap();
    let broken = write(dir.path(), "b.toml", "title = \"B\"\n[[stops]]\ndate = \"soon\"\n");
    let out = drawdown(&["story", "check", path(&broken)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(&format!("{}:3:8: \"date\" of stop 1", broken.display())),
        "{}",
        stderr(&out)
    );
    let unknown = write(dir.path(), "u.toml", "title = \"B\"\n\n[[stops]]\ndate = \"today\"\ntrack = \"rumoured\"\n");
    let out = drawdown(&["story", "check", path(&unknown)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("stop 1 (line 3): unknown track \"rumoured\""),
        "{}",
        stderr(&out)
    );
    let no_logo = write(dir.path(), "l.toml", "title = \"B\"\nlogo = \"missing.png\"\n");
    let out = drawdown(&["story", "check", path(&no_logo)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("missing.png"), "{}", stderr(&out));
}

#[test]
fn a_story_naming_a_scenario_finds_it_beside_the_story_file() {
    let dir = tempfile::tempdir().unwrap();
    // A scenario of its own: the embedded one with a track renamed, so
    // that only it has the track the story names.
    let scenario = drawdown::DEFAULT_SCENARIO_TOML.replace("\"announced\"", "\"plan\"");
    write(dir.path(), "mine.toml", &scenario);
    let text = "title = \"B\"\nscenario = \"mine.toml\"\n[[stops]]\ndate = \"2025-10-01\"\ntrack = \"plan\"\n";
    let story = write(dir.path(), "brief.toml", text);
    // Run from the crate's root: the scenario is found beside the story.
    let out = drawdown(&["story", "check", path(&story)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains(&dir.path().join("mine.toml").display().to_string()), "{stdout}");
    // The embedded scenario has no track "plan".
    let out = drawdown(&["story", "check", path(&story), "--scenario", "assets/scenario.toml"]);
    assert_eq!(out.status.code(), Some(2), "--scenario wins");
}

#[test]
fn the_readme_example_story_loads_and_uses_every_key() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = &readme[readme.find("## Stories").unwrap()..];
    let start = section.find("```toml\n").unwrap() + "```toml\n".len();
    let example = &section[start..start + section[start..].find("```").unwrap()];
    let story = load(example);
    let first = &story.stops[0];
    assert!(story.subtitle.is_some() && story.prepared_by.is_some() && story.logo.is_some());
    assert_eq!(story.classification.as_ref().map(Classification::marking), Some(Marking::Unclassified));
    assert!(story.scenario.is_some());
    assert!(first.track.is_some() && first.title.is_some() && !first.notes.is_empty());
    assert!(first.layout == StopLayout::Compare && first.hold_secs == 6.0);
    assert!(first.view.is_some() && first.hide != LayerSet::NONE && !first.callouts.is_empty());
    // Every key the example uses is in the README's table of keys, and
    // the file written back uses no key the example lacks.
    let table: String = section.lines().filter(|l| l.starts_with("| `")).collect();
    let keys = [
        "title", "subtitle", "classification", "prepared_by", "logo", "scenario", "date", "layout", "track", "notes",
        "hold", "view", "hide", "[[stops.callouts]]",
    ];
    for key in keys {
        assert!(table.contains(&format!("`{key}`")), "{key} is not in the table");
        assert!(example.contains(key), "{key} is not in the example");
    }
    for line in story_to_toml(&story).lines() {
        if let Some((key, _)) = line.split_once(" = ") {
            assert!(example.contains(&format!("\n{key} = ")), "the example lacks {key}");
        }
    }
}

#[test]
fn drafted_talking_points_never_cut_a_text_of_the_scenario() {
    let story = drafted();
    for stop in &story.stops {
        for line in stop.notes.lines() {
            // Only whole points are left out, and the notes say how many.
            if line.contains('…') {
                assert!(line.starts_with("… ") && line.ends_with("left out."), "cut: {line}");
            }
        }
    }
    let notes: String = story.stops.iter().map(|s| s.notes.as_str()).collect();
    assert!(notes.contains("fewer than 1,000"), "the 20 Mar figure, whole");
}

/// Every dated source item of `scenario` (periods, phases, milestones,
/// troop figures) dated after `day`: what a stop on `day` may not cite.
pub(crate) fn sources_dated_after(scenario: &drawdown::Scenario, day: Date) -> Vec<String> {
    let mut sources: Vec<&str> = Vec::new();
    for track in &scenario.tracks {
        let periods = track.periods.iter().chain(&track.base_periods).flatten();
        sources.extend(periods.map(|p| p.source.as_str()));
        sources.extend(track.phases.iter().map(|p| p.source.as_str()));
    }
    sources.extend(scenario.milestones.iter().map(|m| m.source.as_str()));
    sources.extend(scenario.troops.iter().map(|t| t.source.as_str()));
    let mut later: Vec<String> = sources
        .into_iter()
        .flat_map(drawdown::source_items)
        .filter(|item| drawdown::source_date(item).is_some_and(|dated| dated > day))
        .map(str::to_owned)
        .collect();
    later.sort();
    later.dedup();
    later
}

#[test]
fn drafted_talking_points_cite_no_source_dated_after_their_stop() {
    let scenario = &data().scenario;
    let stops = drafted_stops();
    let mut checked = 0;
    for stop in &stops {
        let later = sources_dated_after(scenario, stop.date);
        checked += later.len();
        for item in &later {
            assert!(
                !stop.notes.contains(item.as_str()),
                "{}: cites {item:?}, dated after the stop:\n{}",
                stop.date,
                stop.notes
            );
        }
    }
    assert!(checked > 100, "the early stops have many later sources to leave out");
    // The joint statement's stop: the statement itself, not the reports of
    // the transition's end a year and more later.
    let first = &stops[0];
    assert!(first.notes.contains("Joint US–Iraq statement, 27 Sep 2024"), "{}", first.notes);
    // A milestone reported only the next day says so instead of citing it.
    let tanf = stops.iter().find(|s| s.title.contains("Al-Tanf handed over")).unwrap();
    assert!(
        tanf.notes.contains("Source: none dated by 11 Feb 2026 (only later reports)."),
        "{}",
        tanf.notes
    );
    // A dispute told only later is not told on the day.
    let advisers = stops.iter().find(|s| s.title.contains("Advisers to stay")).unwrap();
    assert!(!advisers.notes.contains("Disputed: On 31 December 2025"), "{}", advisers.notes);
}
