//! The shipped scenario encodes the fact sheet: statuses on and around
//! every boundary, phases, milestones, sources and a palette that survives
//! greyscale. The expected values are written out by hand from
//! `facts.md`, not derived from the scenario file.

use std::collections::BTreeSet;

use drawdown::load::scenario::default_scenario;
use drawdown::model::{Date, PlaceKind, Scenario, TrackIdx};

use crate::support::date as d;

fn scenario() -> Scenario {
    default_scenario().unwrap_or_else(|e| panic!("embedded scenario does not load:\n{e}"))
}

fn track(s: &Scenario, id: &str) -> TrackIdx {
    s.track_idx(id).unwrap_or_else(|| panic!("no track {id:?}"))
}

const REGIONS: [&str; 3] = ["federal_iraq", "kurdistan", "syria"];

/// (date, announced [federal_iraq, kurdistan, syria], reported [same]).
/// Day before, day of and day after every boundary of both tracks, the
/// range start and end, and a date inside the reported-only transition.
#[rustfmt::skip]
const EXPECTED: &[(&str, [&str; 3], [&str; 3])] = &[
    ("2014-08-01", ["none", "none", "none"],                       ["none", "none", "none"]),
    ("2014-08-07", ["none", "none", "none"],                       ["none", "none", "none"]),
    ("2014-08-08", ["active", "active", "none"],                   ["active", "active", "none"]),
    ("2014-08-09", ["active", "active", "none"],                   ["active", "active", "none"]),
    ("2014-09-22", ["active", "active", "none"],                   ["active", "active", "none"]),
    ("2014-09-23", ["active", "active", "active"],                 ["active", "active", "active"]),
    ("2014-09-24", ["active", "active", "active"],                 ["active", "active", "active"]),
    ("2021-12-08", ["active", "active", "active"],                 ["active", "active", "active"]),
    ("2021-12-09", ["active", "active", "active"],                 ["active", "active", "active"]),
    ("2021-12-10", ["active", "active", "active"],                 ["active", "active", "active"]),
    ("2024-09-26", ["active", "active", "active"],                 ["active", "active", "active"]),
    ("2024-09-27", ["drawdown", "active", "active"],               ["drawdown", "active", "active"]),
    ("2024-09-28", ["drawdown", "active", "active"],               ["drawdown", "active", "active"]),
    ("2025-09-30", ["drawdown", "active", "active"],               ["drawdown", "active", "active"]),
    ("2025-10-01", ["ended", "syria_support", "active"],           ["drawdown", "active", "active"]),
    ("2025-10-02", ["ended", "syria_support", "active"],           ["drawdown", "active", "active"]),
    ("2025-12-01", ["ended", "syria_support", "active"],           ["drawdown", "active", "active"]),
    ("2026-01-17", ["ended", "syria_support", "active"],           ["drawdown", "active", "active"]),
    ("2026-01-18", ["ended", "syria_support", "active"],           ["ended", "syria_support", "active"]),
    ("2026-01-19", ["ended", "syria_support", "active"],           ["ended", "syria_support", "active"]),
    ("2026-01-31", ["ended", "syria_support", "active"],           ["ended", "syria_support", "active"]),
    ("2026-02-01", ["ended", "syria_support", "active"],           ["no_report", "no_report", "no_report"]),
    ("2026-02-02", ["ended", "syria_support", "active"],           ["no_report", "no_report", "no_report"]),
    ("2026-09-30", ["ended", "syria_support", "active"],           ["no_report", "no_report", "no_report"]),
    ("2026-10-01", ["ended", "ended", "active"],                   ["no_report", "no_report", "no_report"]),
    ("2026-10-02", ["ended", "ended", "active"],                   ["no_report", "no_report", "no_report"]),
    ("2027-06-30", ["ended", "ended", "active"],                   ["no_report", "no_report", "no_report"]),
];

fn status_id(s: &Scenario, track_id: &str, region_id: &str, date: &str) -> String {
    let t = track(s, track_id);
    let r = s
        .region_idx(region_id)
        .unwrap_or_else(|| panic!("no region {region_id:?}"));
    let status = s
        .status_on(t, r, d(date))
        .unwrap_or_else(|| panic!("no status for {track_id}/{region_id} on {date}"));
    s.status(status).id.clone()
}

#[test]
fn statuses_around_every_boundary_match_the_fact_sheet() {
    let s = scenario();
    let mut wrong = Vec::new();
    for (date, announced, reported) in EXPECTED {
        for (track_id, expected) in [("announced", announced), ("reported", reported)] {
            for (region_id, want) in REGIONS.iter().zip(expected) {
                let got = status_id(&s, track_id, region_id, date);
                if got != *want {
                    wrong.push(format!("{track_id}/{region_id} on {date}: got {got}, expected {want}"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_table_covers_the_range_ends_and_both_sides_of_every_boundary() {
    let s = scenario();
    let dates: BTreeSet<Date> = EXPECTED.iter().map(|(date, ..)| d(date)).collect();
    assert!(dates.contains(&s.range.start) && dates.contains(&s.range.end));
    for track_id in ["announced", "reported"] {
        for b in s.boundaries(track(&s, track_id)) {
            for day in [b.pred_opt().unwrap(), b, b.succ_opt().unwrap()] {
                assert!(dates.contains(&day), "{track_id}: boundary {b} lacks a row for {day}");
            }
        }
    }
}

#[test]
fn reported_lags_announced_in_december_2025() {
    let s = scenario();
    assert_eq!(status_id(&s, "reported", "federal_iraq", "2025-12-01"), "drawdown");
    assert_eq!(status_id(&s, "announced", "federal_iraq", "2025-12-01"), "ended");
}

#[test]
fn range_is_august_2014_to_june_2027() {
    let s = scenario();
    assert_eq!(s.range.start, d("2014-08-01"));
    assert_eq!(s.range.end, d("2027-06-30"));
}

#[test]
fn every_day_of_the_range_has_a_status_in_every_track_and_region() {
    let s = scenario();
    for t in 0..s.tracks.len() {
        for r in 0..s.regions.len() {
            let mut day = s.range.start;
            while day <= s.range.end {
                assert!(
                    s.status_on(TrackIdx(t), drawdown::model::RegionIdx(r), day).is_some(),
                    "track {t} region {r} on {day}"
                );
                day = day.succ_opt().unwrap();
            }
        }
    }
}

#[test]
fn boundaries_of_each_track() {
    let s = scenario();
    let dates = |list: &[&str]| list.iter().map(|x| d(x)).collect::<Vec<_>>();
    assert_eq!(
        s.boundaries(track(&s, "announced")),
        dates(&[
            "2014-08-08",
            "2014-09-23",
            "2021-12-09",
            "2024-09-27",
            "2025-10-01",
            "2026-10-01"
        ])
    );
    assert_eq!(
        s.boundaries(track(&s, "reported")),
        dates(&[
            "2014-08-08",
            "2014-09-23",
            "2021-12-09",
            "2024-09-27",
            "2026-01-18",
            "2026-02-01"
        ])
    );
}

#[test]
fn phases_on_key_dates() {
    let s = scenario();
    let title = |track_id: &str, date: &str| {
        s.phase_on(track(&s, track_id), d(date))
            .map(|p| p.title.clone())
            .unwrap_or_else(|| panic!("no phase for {track_id} on {date}"))
    };
    assert_eq!(title("announced", "2014-08-07"), "Before the coalition");
    assert_eq!(title("announced", "2021-12-08"), "Coalition combat operations");
    assert_eq!(title("announced", "2021-12-09"), "Advise and assist");
    assert_eq!(title("announced", "2024-09-27"), "Phase 1: leaving federal Iraq");
    assert_eq!(
        title("announced", "2025-10-01"),
        "Phase 2: support for Syria from the Kurdistan Region"
    );
    assert!(title("announced", "2026-10-01").starts_with("After the transition"));
    assert_eq!(title("reported", "2024-09-26"), "Advise and assist");
    assert_eq!(title("reported", "2025-12-01"), "Transition in federal Iraq (reported)");
    assert_eq!(
        title("reported", "2026-01-18"),
        "Federal Iraq vacated; support for Syria from Erbil"
    );
    assert_eq!(title("reported", "2027-06-30"), "No report after January 2026");
}

#[test]
fn both_tracks_share_the_history_before_the_announcement() {
    let s = scenario();
    let (a, r) = (track(&s, "announced"), track(&s, "reported"));
    for region in 0..s.regions.len() {
        // Periods that end before the announcement are identical…
        let ended_before = |t: TrackIdx| {
            s.track(t).periods[region]
                .iter()
                .filter(|p| p.to.is_some_and(|to| to < d("2024-09-27")))
                .cloned()
                .collect::<Vec<_>>()
        };
        assert_eq!(ended_before(a), ended_before(r), "region {region}");
        // …and one that spans it starts the same day with the same status
        // (its end, note and sources differ with what followed).
        let started_before = |t: TrackIdx| {
            s.track(t).periods[region]
                .iter()
                .filter(|p| p.from < d("2024-09-27"))
                .map(|p| (p.from, p.status))
                .collect::<Vec<_>>()
        };
        assert_eq!(started_before(a), started_before(r), "region {region}");
    }
    assert_eq!(s.track(a).phases[..3], s.track(r).phases[..3]);
}

#[test]
fn every_period_phase_and_milestone_names_its_source() {
    let s = scenario();
    for t in &s.tracks {
        for (region, periods) in t.periods.iter().enumerate() {
            for p in periods {
                assert!(!p.source.trim().is_empty(), "period {}/{region} from {}", t.id, p.from);
            }
        }
        for p in &t.phases {
            assert!(!p.source.trim().is_empty(), "phase {}/{}", t.id, p.title);
        }
    }
    for m in &s.milestones {
        assert!(!m.source.trim().is_empty(), "milestone {}", m.title);
        assert!(!m.detail.trim().is_empty(), "milestone {} has no detail", m.title);
        assert!(
            m.title.chars().count() <= 40,
            "milestone title too long for a tick: {}",
            m.title
        );
    }
}

#[test]
fn vague_month_ends_are_explained_in_notes() {
    let s = scenario();
    let a = track(&s, "announced");
    let kurdistan = s.region_idx("kurdistan").unwrap();
    let p = s.period_on(a, kurdistan, d("2026-09-30")).unwrap();
    assert_eq!(p.to, Some(d("2026-09-30")));
    assert!(p.note.contains("last day of that month"), "{}", p.note);
    let fed = s.region_idx("federal_iraq").unwrap();
    let p = s.period_on(a, fed, d("2025-09-30")).unwrap();
    assert!(p.note.contains("last day of that month"), "{}", p.note);
}

#[test]
fn milestones_are_sorted_and_belong_to_the_right_tracks() {
    let s = scenario();
    assert!(s.milestones.windows(2).all(|w| w[0].date <= w[1].date));
    let (a, r) = (track(&s, "announced"), track(&s, "reported"));
    let of = |t: TrackIdx| s.milestones_for(t).map(|m| m.date.to_string()).collect::<Vec<_>>();
    let shared = [
        "2014-08-08",
        "2014-09-23",
        "2014-10-17",
        "2017-12-09",
        "2019-03-23",
        "2021-12-09",
        "2023-10-17",
        "2024-09-27",
    ];
    let mut announced: Vec<&str> = shared.to_vec();
    announced.extend(["2025-09-30", "2026-09-30"]);
    let mut reported: Vec<&str> = shared.to_vec();
    reported.extend(["2025-08-25", "2025-11-06", "2026-01-17", "2026-01-18"]);
    assert_eq!(of(a), announced);
    assert_eq!(of(r), reported);
}

#[test]
fn troop_figures_are_in_the_milestone_details() {
    let s = scenario();
    let detail = |date: &str| {
        s.milestones
            .iter()
            .find(|m| m.date == d(date))
            .map(|m| m.detail.clone())
            .unwrap()
    };
    let statement = detail("2024-09-27");
    assert!(statement.contains("2,500") && statement.contains("900"), "{statement}");
    let convoys = detail("2025-08-25");
    assert!(convoys.contains("2,000") && convoys.contains("500"), "{convoys}");
}

#[test]
fn next_and_prev_milestone_step_through_each_track() {
    let s = scenario();
    let (a, r) = (track(&s, "announced"), track(&s, "reported"));
    let next = |t, date| s.next_milestone(t, d(date)).map(|m| m.date.to_string());
    let prev = |t, date| s.prev_milestone(t, d(date)).map(|m| m.date.to_string());
    let date = |x: &str| Some(x.to_owned());
    assert_eq!(next(a, "2014-08-01"), date("2014-08-08"));
    assert_eq!(next(a, "2014-08-08"), date("2014-09-23"));
    // After the announcement the tracks diverge.
    assert_eq!(next(a, "2024-09-27"), date("2025-09-30"));
    assert_eq!(next(r, "2024-09-27"), date("2025-08-25"));
    assert_eq!(next(r, "2026-01-17"), date("2026-01-18"));
    assert_eq!(next(r, "2026-01-18"), None);
    assert_eq!(next(a, "2026-09-30"), None);
    assert_eq!(prev(a, "2026-09-30"), date("2025-09-30"));
    assert_eq!(prev(r, "2026-09-30"), date("2026-01-18"));
    assert_eq!(prev(r, "2025-09-30"), date("2025-08-25"));
    assert_eq!(prev(a, "2025-09-30"), date("2024-09-27"));
    assert_eq!(prev(a, "2014-08-08"), None);
    assert_eq!(
        s.milestone_on(a, d("2025-09-30")).map(|m| m.title.as_str()),
        Some("Phase 1 deadline: federal Iraq")
    );
    assert_eq!(s.milestone_on(r, d("2025-09-30")), None);
    assert_eq!(
        s.milestone_on(r, d("2026-01-17")).map(|m| m.title.as_str()),
        Some("Ain al-Asad handed over")
    );
}

#[test]
fn palette_is_in_legend_order_and_distinct_in_greyscale() {
    let s = scenario();
    let ids: Vec<&str> = s.statuses.iter().map(|st| st.id.as_str()).collect();
    assert_eq!(
        ids,
        ["none", "active", "drawdown", "syria_support", "ended", "no_report"]
    );
    for (i, x) in s.statuses.iter().enumerate() {
        for y in &s.statuses[i + 1..] {
            let gap = (x.color.relative_luminance() - y.color.relative_luminance()).abs();
            assert!(
                gap >= 0.06,
                "{} {} (luminance {:.3}) and {} {} (luminance {:.3}) differ by {gap:.3} < 0.06",
                x.id,
                x.color.hex(),
                x.color.relative_luminance(),
                y.id,
                y.color.hex(),
                y.color.relative_luminance()
            );
        }
    }
    let luma = |id: &str| s.status(s.status_idx(id).unwrap()).color.relative_luminance();
    // `active` is the strongest (darkest) fill; `none` the quietest.
    assert!(
        s.statuses
            .iter()
            .all(|st| st.id == "active" || st.color.relative_luminance() > luma("active"))
    );
    assert!(
        s.statuses
            .iter()
            .all(|st| st.id == "none" || st.color.relative_luminance() < luma("none"))
    );
    // `none` and `no_report` are neutral greys.
    for id in ["none", "no_report"] {
        let c = s.status(s.status_idx(id).unwrap()).color;
        assert!(c.r == c.g && c.g == c.b, "{id} is not grey: {}", c.hex());
    }
}

#[test]
fn places_are_the_five_bases_and_eight_cities() {
    let s = scenario();
    let region_of = |name: &str| {
        let p = s.places.iter().find(|p| p.name.starts_with(name)).unwrap();
        (p.kind, p.region.map(|r| s.region(r).id.clone()))
    };
    let bases = s.places.iter().filter(|p| p.kind == PlaceKind::Base).count();
    let cities = s.places.iter().filter(|p| p.kind == PlaceKind::City).count();
    assert_eq!((bases, cities), (5, 8));
    assert_eq!(region_of("Al-Tanf"), (PlaceKind::Base, Some("syria".to_owned())));
    assert_eq!(
        region_of("Ain al-Asad"),
        (PlaceKind::Base, Some("federal_iraq".to_owned()))
    );
    assert_eq!(region_of("Harir"), (PlaceKind::Base, Some("kurdistan".to_owned())));
    assert_eq!(region_of("Erbil"), (PlaceKind::Base, Some("kurdistan".to_owned())));
    assert_eq!(region_of("Mosul"), (PlaceKind::City, Some("federal_iraq".to_owned())));
    assert_eq!(region_of("Aleppo"), (PlaceKind::City, Some("syria".to_owned())));
    let erbil_city = s.places.iter().find(|p| p.name == "Erbil").unwrap();
    assert_eq!((erbil_city.lat, erbil_city.lon), (36.19, 44.01));
}

mod comparisons {
    use drawdown::load::scenario::default_scenario;
    use drawdown::model::{Lag, RegionIdx, TrackIdx};

    fn d(s: &str) -> drawdown::model::Date {
        s.parse().unwrap()
    }

    #[test]
    fn reported_federal_iraq_lags_the_plan_by_109_days_in_december_2025() {
        let s = default_scenario().unwrap();
        let (announced, reported) = (s.track_idx("announced").unwrap(), s.track_idx("reported").unwrap());
        let iraq = s.region_idx("federal_iraq").unwrap();
        // Plan: ended from 2025-10-01; reported: ended from 2026-01-18.
        assert_eq!(
            s.lag(reported, announced, iraq, d("2025-12-01")),
            Some(Lag::Behind { days: 109 })
        );
        assert_eq!(s.lag(reported, announced, iraq, d("2025-09-30")), Some(Lag::Agree));
        assert_eq!(s.lag(reported, announced, iraq, d("2026-01-18")), Some(Lag::Agree));
    }

    #[test]
    fn reported_kurdistan_support_for_syria_starts_later_and_record_ends() {
        let s = default_scenario().unwrap();
        let (announced, reported) = (TrackIdx(0), TrackIdx(1));
        let kurdistan = s.region_idx("kurdistan").unwrap();
        // Plan: syria_support from 2025-10-01; reported: from 2026-01-18.
        assert_eq!(
            s.lag(reported, announced, kurdistan, d("2025-11-01")),
            Some(Lag::Behind { days: 109 })
        );
        // After January 2026 the reported record ends: no_report never appears in the plan.
        assert_eq!(
            s.lag(reported, announced, kurdistan, d("2026-03-01")),
            Some(Lag::Diverge)
        );
        assert_eq!(
            s.lag(reported, announced, RegionIdx(2), d("2020-01-01")),
            Some(Lag::Agree)
        );
    }

    #[test]
    fn regions_differing_lists_where_plan_and_reports_disagree() {
        let s = default_scenario().unwrap();
        let ids = |date| -> Vec<String> {
            s.regions_differing(TrackIdx(0), TrackIdx(1), d(date))
                .into_iter()
                .map(|r| s.region(r).id.clone())
                .collect()
        };
        assert_eq!(ids("2025-12-01"), ["federal_iraq", "kurdistan"]);
        assert!(ids("2020-01-01").is_empty(), "one shared history before the plan");
        assert_eq!(
            ids("2026-03-01"),
            ["federal_iraq", "kurdistan", "syria"],
            "the record ends"
        );
    }

    #[test]
    fn changes_between_lists_only_regions_whose_status_changed() {
        let s = default_scenario().unwrap();
        let announced = TrackIdx(0);
        let changes = s.changes_between(announced, d("2025-09-30"), d("2025-10-01"));
        let described: Vec<(String, String, String)> = changes
            .iter()
            .map(|c| {
                (
                    s.region(c.region).id.clone(),
                    s.status(c.from).id.clone(),
                    s.status(c.to).id.clone(),
                )
            })
            .collect();
        let want = [
            ("federal_iraq", "drawdown", "ended"),
            ("kurdistan", "active", "syria_support"),
        ]
        .map(|(a, b, c)| (a.to_owned(), b.to_owned(), c.to_owned()));
        assert_eq!(described, want);
        assert!(
            s.changes_between(announced, d("2025-10-01"), d("2025-10-02"))
                .is_empty()
        );
    }
}
