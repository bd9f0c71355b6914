//! The shipped scenario encodes the fact sheet and the compiled record of
//! reports to 13 March 2026: statuses of regions and bases on and around
//! every boundary, phases, milestones, troop figures, incidents, sources
//! and a palette that survives greyscale. The expected values are written
//! out by hand from the fact sheet and the record, not derived from the
//! scenario file.

use std::collections::BTreeSet;

use drawdown::{
    Confidence, Date, Entity, IncidentLocation, OpeningDate, PlaceIdx, PlaceKind, Scenario, TrackIdx, default_scenario,
};

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
    // The record goes on past January 2026 (it once ended here).
    ("2026-02-01", ["ended", "syria_support", "active"],           ["ended", "syria_support", "active"]),
    ("2026-02-02", ["ended", "syria_support", "active"],           ["ended", "syria_support", "active"]),
    ("2026-02-03", ["ended", "syria_support", "active"],           ["ended", "syria_support", "active"]),
    // Partners leave Erbil from 4 February; the US leaves Shaddadi from 5 February.
    ("2026-02-04", ["ended", "syria_support", "active"],           ["ended", "drawdown", "active"]),
    ("2026-02-05", ["ended", "syria_support", "active"],           ["ended", "drawdown", "drawdown"]),
    ("2026-02-06", ["ended", "syria_support", "active"],           ["ended", "drawdown", "drawdown"]),
    // The war with Iran (a new phase, the same statuses).
    ("2026-02-27", ["ended", "syria_support", "active"],           ["ended", "drawdown", "drawdown"]),
    ("2026-02-28", ["ended", "syria_support", "active"],           ["ended", "drawdown", "drawdown"]),
    ("2026-03-01", ["ended", "syria_support", "active"],           ["ended", "drawdown", "drawdown"]),
    // The record falls silent region by region: Syria after 13 March
    // 2026, the Kurdistan Region after the 15th, federal Iraq after the
    // 20th (the record's end).
    ("2026-03-13", ["ended", "syria_support", "active"],           ["ended", "drawdown", "drawdown"]),
    ("2026-03-14", ["ended", "syria_support", "active"],           ["ended", "drawdown", "no_report"]),
    ("2026-03-15", ["ended", "syria_support", "active"],           ["ended", "drawdown", "no_report"]),
    ("2026-03-16", ["ended", "syria_support", "active"],           ["ended", "no_report", "no_report"]),
    ("2026-03-17", ["ended", "syria_support", "active"],           ["ended", "no_report", "no_report"]),
    ("2026-03-20", ["ended", "syria_support", "active"],           ["ended", "no_report", "no_report"]),
    ("2026-03-21", ["ended", "syria_support", "active"],           ["no_report", "no_report", "no_report"]),
    ("2026-03-22", ["ended", "syria_support", "active"],           ["no_report", "no_report", "no_report"]),
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
fn the_shipped_scenario_opens_today_on_reported_and_compares_announced_left() {
    let s = scenario();
    assert_eq!(s.default_track, track(&s, "reported"));
    assert_eq!(s.compare_pair(), Some([track(&s, "announced"), track(&s, "reported")]));
    assert_eq!(s.opening, OpeningDate::Today);
    assert_eq!(s.opening_date(d("2026-12-07")), d("2026-12-07"));
    assert_eq!(
        s.opening_date(d("2030-01-01")),
        s.range.end,
        "after the range: its last day"
    );
}

#[test]
fn the_reported_record_ends_on_20_march_2026_and_the_plan_has_no_record_end() {
    let s = scenario();
    let reported = track(&s, "reported");
    assert_eq!(s.record_end(reported), Some(d("2026-03-20")));
    assert_eq!(s.record_end(track(&s, "announced")), None);
    // Either side of the regions' ends: every region on record on the
    // 13th, every region silent from the 21st.
    let no_report = s.no_report_status();
    let statuses_on = |date| s.statuses_on(reported, d(date)).collect::<Vec<_>>();
    assert!(statuses_on("2026-03-13").iter().all(|st| *st != no_report));
    assert!(statuses_on("2026-03-20").iter().any(|st| *st != no_report));
    assert!(statuses_on("2026-03-21").iter().all(|st| *st == no_report));
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
                    s.status_on(TrackIdx(t), drawdown::RegionIdx(r), day).is_some(),
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
            "2026-02-04",
            "2026-02-05",
            "2026-02-28",
            "2026-03-14",
            "2026-03-16",
            "2026-03-21"
        ])
    );
}

#[test]
fn the_reported_headline_and_the_region_chips_agree_on_the_day_partners_leave_erbil() {
    // The record: partners left Erbil on 4 Feb 2026, the US began leaving
    // Syria's bases on 5 Feb. A headline naming Syria over a Syria still
    // "active" would tell the room two things at once.
    let s = scenario();
    let reported = track(&s, "reported");
    let status = |region: &str, date: &str| {
        let r = s.region_idx(region).unwrap_or_else(|| panic!("no region {region}"));
        s.status_on(reported, r, d(date))
            .map(|i| s.status(i).id.clone())
            .unwrap_or_default()
    };
    let title = |date: &str| {
        s.phase_on(reported, d(date))
            .map(|p| p.title.clone())
            .unwrap_or_default()
    };
    assert_eq!(status("kurdistan", "2026-02-04"), "drawdown");
    assert_eq!(status("syria", "2026-02-04"), "active");
    assert!(title("2026-02-04").contains("Erbil"), "{}", title("2026-02-04"));
    assert!(
        !title("2026-02-04").contains("Syria"),
        "Syria still holds on 4 Feb: {}",
        title("2026-02-04")
    );
    assert_eq!(status("syria", "2026-02-05"), "drawdown");
    assert!(title("2026-02-05").contains("Syria"), "{}", title("2026-02-05"));
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
    assert_eq!(
        title("reported", "2026-02-03"),
        "Federal Iraq vacated; support for Syria from Erbil"
    );
    assert_eq!(title("reported", "2026-02-04"), "Partners begin leaving Erbil");
    assert_eq!(
        title("reported", "2026-02-05"),
        "The US leaves Syria's bases; partners leave Erbil"
    );
    assert_eq!(
        title("reported", "2026-02-28"),
        "War with Iran: strikes on the Kurdistan Region"
    );
    assert_eq!(
        title("reported", "2026-03-13"),
        "War with Iran: strikes on the Kurdistan Region"
    );
    assert_eq!(
        title("reported", "2026-03-20"),
        "War with Iran: strikes on the Kurdistan Region"
    );
    assert_eq!(title("reported", "2026-03-21"), "No report after 20 March 2026");
    assert_eq!(title("reported", "2027-06-30"), "No report after 20 March 2026");
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
    // 29 June 2026 is shared history too: no track's report.
    announced.extend(["2025-09-30", "2026-06-29", "2026-09-30"]);
    let mut reported: Vec<&str> = shared.to_vec();
    reported.extend([
        "2025-08-25",
        "2025-10-20",
        "2025-11-03",
        "2025-11-06",
        "2025-12-13",
        "2026-01-17",
        "2026-01-18",
        "2026-01-22",
        "2026-01-29",
        "2026-02-04",
        "2026-02-05",
        "2026-02-11",
        "2026-02-15",
        "2026-02-18",
        "2026-02-21",
        "2026-02-28",
        "2026-03-11",
        "2026-03-11",
        "2026-03-12",
        "2026-03-20",
        "2026-06-29",
    ]);
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
    assert_eq!(next(r, "2026-01-18"), date("2026-01-22"));
    assert_eq!(next(r, "2026-01-29"), date("2026-02-04"));
    assert_eq!(next(r, "2026-03-11"), date("2026-03-12"));
    assert_eq!(next(r, "2026-03-12"), date("2026-03-20"));
    assert_eq!(next(r, "2026-03-20"), date("2026-06-29"));
    assert_eq!(next(r, "2026-06-29"), None);
    assert_eq!(next(a, "2026-09-30"), None);
    assert_eq!(prev(a, "2026-09-30"), date("2026-06-29"));
    assert_eq!(prev(a, "2026-06-29"), date("2025-09-30"));
    assert_eq!(prev(r, "2026-09-30"), date("2026-06-29"));
    assert_eq!(prev(r, "2026-02-04"), date("2026-01-29"));
    assert_eq!(prev(r, "2026-01-22"), date("2026-01-18"));
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
fn places_are_the_fourteen_bases_and_eight_cities() {
    let s = scenario();
    let region_of = |name: &str| {
        let p = s.places.iter().find(|p| p.name.starts_with(name)).unwrap();
        (p.kind, p.region.map(|r| s.region(r).id.clone()))
    };
    let bases = s.places.iter().filter(|p| p.kind == PlaceKind::Base).count();
    let cities = s.places.iter().filter(|p| p.kind == PlaceKind::City).count();
    assert_eq!((bases, cities), (14, 8));
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

// --- bases ------------------------------------------------------------------

/// The base ids, in the file's order: the ones the record dates.
const BASES: [&str; 14] = [
    "ain_al_asad",
    "victory_base",
    "erbil_air_base",
    "harir_air_base",
    "al_tanf",
    "makhmour",
    "shaddadi",
    "qasrak",
    "rmeilan",
    "kharab_al_jir",
    "hemo",
    "green_village",
    "conoco",
    "tel_baydar",
];

/// (base, date, announced, reported): the range ends and the day before,
/// of and after every change of every base's status on either track. On
/// the announced track a base shows its region's status; on the reported
/// one its own periods (Makhmour has none: it shows the Kurdistan Region's).
#[rustfmt::skip]
const BASE_EXPECTED: &[(&str, &str, &str, &str)] = &[
    ("ain_al_asad",   "2014-08-01", "none",          "none"),
    ("ain_al_asad",   "2014-08-07", "none",          "none"),
    ("ain_al_asad",   "2014-08-08", "active",        "active"),
    ("ain_al_asad",   "2014-08-09", "active",        "active"),
    ("ain_al_asad",   "2024-09-26", "active",        "active"),
    ("ain_al_asad",   "2024-09-27", "drawdown",      "active"),
    ("ain_al_asad",   "2024-09-28", "drawdown",      "active"),
    ("ain_al_asad",   "2025-08-17", "drawdown",      "active"),
    ("ain_al_asad",   "2025-08-18", "drawdown",      "drawdown"),
    ("ain_al_asad",   "2025-08-19", "drawdown",      "drawdown"),
    ("ain_al_asad",   "2025-09-30", "drawdown",      "drawdown"),
    ("ain_al_asad",   "2025-10-01", "ended",         "drawdown"),
    ("ain_al_asad",   "2025-10-02", "ended",         "drawdown"),
    ("ain_al_asad",   "2026-01-16", "ended",         "drawdown"),
    ("ain_al_asad",   "2026-01-17", "ended",         "ended"),
    ("ain_al_asad",   "2026-01-18", "ended",         "ended"),
    ("ain_al_asad",   "2026-03-13", "ended",         "ended"),
    ("ain_al_asad",   "2026-03-20", "ended",         "ended"),
    ("ain_al_asad",   "2026-03-21", "ended",         "no_report"),
    ("ain_al_asad",   "2026-03-22", "ended",         "no_report"),
    ("ain_al_asad",   "2027-06-30", "ended",         "no_report"),

    ("victory_base",  "2014-08-01", "none",          "none"),
    ("victory_base",  "2014-08-07", "none",          "none"),
    ("victory_base",  "2014-08-08", "active",        "active"),
    ("victory_base",  "2014-08-09", "active",        "active"),
    ("victory_base",  "2024-09-26", "active",        "active"),
    ("victory_base",  "2024-09-27", "drawdown",      "active"),
    ("victory_base",  "2024-09-28", "drawdown",      "active"),
    ("victory_base",  "2025-08-23", "drawdown",      "active"),
    ("victory_base",  "2025-08-24", "drawdown",      "drawdown"),
    ("victory_base",  "2025-08-25", "drawdown",      "drawdown"),
    ("victory_base",  "2025-09-30", "drawdown",      "drawdown"),
    ("victory_base",  "2025-10-01", "ended",         "drawdown"),
    ("victory_base",  "2025-10-02", "ended",         "drawdown"),
    ("victory_base",  "2026-01-17", "ended",         "drawdown"),
    ("victory_base",  "2026-01-18", "ended",         "ended"),
    ("victory_base",  "2026-01-19", "ended",         "ended"),
    ("victory_base",  "2026-03-13", "ended",         "ended"),
    ("victory_base","2026-03-18", "ended",       "ended"),
    ("victory_base","2026-03-19", "ended",       "no_report"),
    ("victory_base","2026-03-20", "ended",       "no_report"),
    ("victory_base",  "2027-06-30", "ended",         "no_report"),

    ("erbil_air_base","2014-08-01", "none",          "none"),
    ("erbil_air_base","2014-08-07", "none",          "none"),
    ("erbil_air_base","2014-08-08", "active",        "active"),
    ("erbil_air_base","2014-08-09", "active",        "active"),
    ("erbil_air_base","2025-09-30", "active",        "active"),
    ("erbil_air_base","2025-10-01", "syria_support", "active"),
    ("erbil_air_base","2025-10-02", "syria_support", "active"),
    ("erbil_air_base","2026-01-17", "syria_support", "active"),
    ("erbil_air_base","2026-01-18", "syria_support", "syria_support"),
    ("erbil_air_base","2026-01-19", "syria_support", "syria_support"),
    ("erbil_air_base","2026-02-03", "syria_support", "syria_support"),
    ("erbil_air_base","2026-02-04", "syria_support", "drawdown"),
    ("erbil_air_base","2026-02-05", "syria_support", "drawdown"),
    ("erbil_air_base","2026-03-13", "syria_support", "drawdown"),
    ("erbil_air_base","2026-03-15", "syria_support","drawdown"),
    ("erbil_air_base","2026-03-16", "syria_support","no_report"),
    ("erbil_air_base","2026-03-17", "syria_support","no_report"),
    ("erbil_air_base","2026-09-30", "syria_support", "no_report"),
    ("erbil_air_base","2026-10-01", "ended",         "no_report"),
    ("erbil_air_base","2026-10-02", "ended",         "no_report"),
    ("erbil_air_base","2027-06-30", "ended",         "no_report"),

    ("harir_air_base","2014-08-01", "none",          "none"),
    ("harir_air_base","2014-08-07", "none",          "none"),
    ("harir_air_base","2014-08-08", "active",        "active"),
    ("harir_air_base","2014-08-09", "active",        "active"),
    ("harir_air_base","2025-09-30", "active",        "active"),
    ("harir_air_base","2025-10-01", "syria_support", "active"),
    ("harir_air_base","2025-10-02", "syria_support", "active"),
    ("harir_air_base","2026-01-17", "syria_support", "active"),
    ("harir_air_base","2026-01-18", "syria_support", "syria_support"),
    ("harir_air_base","2026-01-19", "syria_support", "syria_support"),
    ("harir_air_base","2026-03-13", "syria_support", "syria_support"),
    ("harir_air_base","2026-03-15", "syria_support","syria_support"),
    ("harir_air_base","2026-03-16", "syria_support","no_report"),
    ("harir_air_base","2026-03-17", "syria_support","no_report"),
    ("harir_air_base","2026-09-30", "syria_support", "no_report"),
    ("harir_air_base","2026-10-01", "ended",         "no_report"),
    ("harir_air_base","2026-10-02", "ended",         "no_report"),
    ("harir_air_base","2027-06-30", "ended",         "no_report"),

    ("al_tanf",       "2014-08-01", "none",          "none"),
    ("al_tanf",       "2014-09-22", "none",          "none"),
    ("al_tanf",       "2014-09-23", "active",        "active"),
    ("al_tanf",       "2014-09-24", "active",        "active"),
    ("al_tanf",       "2026-01-27", "active",        "active"),
    ("al_tanf",       "2026-01-28", "active",        "drawdown"),
    ("al_tanf",       "2026-01-29", "active",        "drawdown"),
    ("al_tanf",       "2026-02-10", "active",        "drawdown"),
    ("al_tanf",       "2026-02-11", "active",        "ended"),
    ("al_tanf",       "2026-02-12", "active",        "ended"),
    ("al_tanf",       "2026-03-13", "active",        "ended"),
    ("al_tanf",       "2026-03-14", "active",        "no_report"),
    ("al_tanf",       "2026-03-15", "active",        "no_report"),
    ("al_tanf",       "2027-06-30", "active",        "no_report"),

    ("makhmour",      "2014-08-01", "none",          "none"),
    ("makhmour",      "2014-08-07", "none",          "none"),
    ("makhmour",      "2014-08-08", "active",        "active"),
    ("makhmour",      "2014-08-09", "active",        "active"),
    ("makhmour",      "2025-09-30", "active",        "active"),
    ("makhmour",      "2025-10-01", "syria_support", "active"),
    ("makhmour",      "2025-10-02", "syria_support", "active"),
    ("makhmour",      "2026-01-17", "syria_support", "active"),
    ("makhmour",      "2026-01-18", "syria_support", "syria_support"),
    ("makhmour",      "2026-01-19", "syria_support", "syria_support"),
    ("makhmour",      "2026-02-03", "syria_support", "syria_support"),
    ("makhmour",      "2026-02-04", "syria_support", "drawdown"),
    ("makhmour",      "2026-02-05", "syria_support", "drawdown"),
    ("makhmour",      "2026-03-13", "syria_support", "drawdown"),
    ("makhmour",    "2026-03-15", "syria_support","drawdown"),
    ("makhmour",    "2026-03-16", "syria_support","no_report"),
    ("makhmour",    "2026-03-17", "syria_support","no_report"),
    ("makhmour",      "2026-09-30", "syria_support", "no_report"),
    ("makhmour",      "2026-10-01", "ended",         "no_report"),
    ("makhmour",      "2026-10-02", "ended",         "no_report"),
    ("makhmour",      "2027-06-30", "ended",         "no_report"),

    ("shaddadi",      "2014-08-01", "none",          "none"),
    ("shaddadi",      "2014-09-22", "none",          "none"),
    ("shaddadi",      "2014-09-23", "active",        "active"),
    ("shaddadi",      "2014-09-24", "active",        "active"),
    ("shaddadi",      "2026-02-04", "active",        "active"),
    ("shaddadi",      "2026-02-05", "active",        "drawdown"),
    ("shaddadi",      "2026-02-06", "active",        "drawdown"),
    ("shaddadi",      "2026-02-14", "active",        "drawdown"),
    ("shaddadi",      "2026-02-15", "active",        "ended"),
    ("shaddadi",      "2026-02-16", "active",        "ended"),
    ("shaddadi",      "2026-03-13", "active",        "ended"),
    ("shaddadi",      "2026-03-14", "active",        "no_report"),
    ("shaddadi",      "2026-03-15", "active",        "no_report"),
    ("shaddadi",      "2027-06-30", "active",        "no_report"),

    ("qasrak",        "2014-08-01", "none",          "none"),
    ("qasrak",        "2014-09-22", "none",          "none"),
    ("qasrak",        "2014-09-23", "active",        "active"),
    ("qasrak",        "2014-09-24", "active",        "active"),
    ("qasrak",        "2026-02-20", "active",        "active"),
    ("qasrak",        "2026-02-21", "active",        "drawdown"),
    ("qasrak",        "2026-02-22", "active",        "drawdown"),
    ("qasrak",        "2026-03-10", "active",        "drawdown"),
    ("qasrak",        "2026-03-11", "active",        "active"),
    ("qasrak",        "2026-03-12", "active",        "active"),
    ("qasrak",        "2026-03-13", "active",        "active"),
    ("qasrak",        "2026-03-14", "active",        "no_report"),
    ("qasrak",        "2026-03-15", "active",        "no_report"),
    ("qasrak",        "2027-06-30", "active",        "no_report"),

    ("rmeilan",       "2014-08-01", "none",          "none"),
    ("rmeilan",       "2014-09-22", "none",          "none"),
    ("rmeilan",       "2014-09-23", "active",        "active"),
    ("rmeilan",       "2014-09-24", "active",        "active"),
    ("rmeilan",       "2026-02-23", "active",        "active"),
    ("rmeilan",       "2026-02-24", "active",        "no_report"),
    ("rmeilan",       "2026-02-25", "active",        "no_report"),
    ("rmeilan",       "2027-06-30", "active",        "no_report"),

    ("kharab_al_jir", "2014-08-01", "none",          "none"),
    ("kharab_al_jir", "2014-09-22", "none",          "none"),
    ("kharab_al_jir", "2014-09-23", "active",        "active"),
    ("kharab_al_jir", "2014-09-24", "active",        "active"),
    ("kharab_al_jir", "2026-02-04", "active",        "active"),
    ("kharab_al_jir", "2026-02-05", "active",        "drawdown"),
    ("kharab_al_jir", "2026-02-06", "active",        "drawdown"),
    ("kharab_al_jir", "2026-02-23", "active",        "drawdown"),
    ("kharab_al_jir", "2026-02-24", "active",        "no_report"),
    ("kharab_al_jir", "2026-02-25", "active",        "no_report"),
    ("kharab_al_jir", "2027-06-30", "active",        "no_report"),

    ("hemo",          "2014-08-01", "none",          "none"),
    ("hemo",          "2014-09-22", "none",          "none"),
    ("hemo",          "2014-09-23", "active",        "active"),
    ("hemo",          "2014-09-24", "active",        "active"),
    ("hemo",          "2026-02-17", "active",        "active"),
    ("hemo",          "2026-02-18", "active",        "no_report"),
    ("hemo",          "2026-02-19", "active",        "no_report"),
    ("hemo",          "2027-06-30", "active",        "no_report"),

    ("green_village", "2014-08-01", "none",          "none"),
    ("green_village", "2014-09-22", "none",          "none"),
    ("green_village", "2014-09-23", "active",        "active"),
    ("green_village", "2014-09-24", "active",        "active"),
    ("green_village", "2025-05-17", "active",        "active"),
    ("green_village", "2025-05-18", "active",        "drawdown"),
    ("green_village", "2025-05-19", "active",        "drawdown"),
    ("green_village", "2025-06-01", "active",        "drawdown"),
    ("green_village", "2025-06-02", "active",        "ended"),
    ("green_village", "2025-06-03", "active",        "ended"),
    ("green_village", "2026-03-13", "active",        "ended"),
    ("green_village", "2026-03-14", "active",        "no_report"),
    ("green_village", "2026-03-15", "active",        "no_report"),
    ("green_village", "2027-06-30", "active",        "no_report"),

    ("conoco",        "2014-08-01", "none",          "none"),
    ("conoco",        "2014-09-22", "none",          "none"),
    ("conoco",        "2014-09-23", "active",        "active"),
    ("conoco",        "2014-09-24", "active",        "active"),
    ("conoco",        "2025-05-17", "active",        "active"),
    ("conoco",        "2025-05-18", "active",        "drawdown"),
    ("conoco",        "2025-05-19", "active",        "drawdown"),
    ("conoco",        "2025-06-01", "active",        "drawdown"),
    ("conoco",        "2025-06-02", "active",        "ended"),
    ("conoco",        "2025-06-03", "active",        "ended"),
    ("conoco",        "2026-03-13", "active",        "ended"),
    ("conoco",        "2026-03-14", "active",        "no_report"),
    ("conoco",        "2026-03-15", "active",        "no_report"),
    ("conoco",        "2027-06-30", "active",        "no_report"),

    ("tel_baydar",    "2014-08-01", "none",          "none"),
    ("tel_baydar",    "2014-09-22", "none",          "none"),
    ("tel_baydar",    "2014-09-23", "active",        "active"),
    ("tel_baydar",    "2014-09-24", "active",        "active"),
    ("tel_baydar",    "2025-06-29", "active",        "active"),
    ("tel_baydar",    "2025-06-30", "active",        "ended"),
    ("tel_baydar",    "2025-07-01", "active",        "ended"),
    ("tel_baydar",    "2026-03-13", "active",        "ended"),
    ("tel_baydar",    "2026-03-14", "active",        "no_report"),
    ("tel_baydar",    "2026-03-15", "active",        "no_report"),
    ("tel_baydar",    "2027-06-30", "active",        "no_report"),
];

fn base(s: &Scenario, id: &str) -> PlaceIdx {
    s.place_idx(id).unwrap_or_else(|| panic!("no place {id:?}"))
}

fn base_status_id(s: &Scenario, track_id: &str, base_id: &str, date: &str) -> String {
    let status = s
        .base_status_on(track(s, track_id), base(s, base_id), d(date))
        .unwrap_or_else(|| panic!("no status for {track_id}/{base_id} on {date}"));
    s.status(status).id.clone()
}

#[test]
fn base_statuses_around_every_boundary_match_the_record() {
    let s = scenario();
    let mut wrong = Vec::new();
    for (base_id, date, announced, reported) in BASE_EXPECTED {
        for (track_id, want) in [("announced", announced), ("reported", reported)] {
            let got = base_status_id(&s, track_id, base_id, date);
            if got != *want {
                wrong.push(format!("{track_id}/{base_id} on {date}: got {got}, expected {want}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_base_table_covers_both_sides_of_every_change_of_every_base() {
    let s = scenario();
    let rows: BTreeSet<(&str, Date)> = BASE_EXPECTED.iter().map(|(b, date, ..)| (*b, d(date))).collect();
    let ids: Vec<&str> = s.bases().map(|(_, p)| p.id.as_str()).collect();
    assert_eq!(ids, BASES);
    let mut all_changes = BTreeSet::new();
    for track_id in ["announced", "reported"] {
        let t = track(&s, track_id);
        for (i, place) in s.bases() {
            let id = place.id.as_str();
            assert!(
                rows.contains(&(id, s.range.start)) && rows.contains(&(id, s.range.end)),
                "{id}"
            );
            let mut day = s.range.start.succ_opt().unwrap();
            while day <= s.range.end {
                let before = day.pred_opt().unwrap();
                if s.base_status_on(t, i, before) != s.base_status_on(t, i, day) {
                    all_changes.insert((track_id, day));
                    for row in [before, day, day.succ_opt().unwrap()] {
                        assert!(
                            rows.contains(&(id, row)),
                            "{track_id}/{id}: change on {day} lacks a row for {row}"
                        );
                    }
                }
                day = day.succ_opt().unwrap();
            }
        }
    }
    // The model's own list of base boundaries is the union of the changes.
    for track_id in ["announced", "reported"] {
        let expected: Vec<Date> = all_changes
            .iter()
            .filter(|(t, _)| *t == track_id)
            .map(|&(_, day)| day)
            .collect();
        assert_eq!(s.base_boundaries(track(&s, track_id)), expected, "{track_id}");
    }
}

#[test]
fn on_the_announced_track_every_base_follows_its_region_every_day() {
    let s = scenario();
    let announced = track(&s, "announced");
    for (i, place) in s.bases() {
        assert!(s.base_follows_region(announced, i), "{}", place.id);
        let region = place.region.unwrap_or_else(|| panic!("{} has no region", place.id));
        let mut day = s.range.start;
        while day <= s.range.end {
            assert_eq!(
                s.base_status_on(announced, i, day),
                s.status_on(announced, region, day),
                "{} on {day}",
                place.id
            );
            day = day.succ_opt().unwrap();
        }
    }
}

#[test]
fn on_the_reported_track_only_makhmour_follows_its_region() {
    let s = scenario();
    let reported = track(&s, "reported");
    let following: Vec<&str> = s
        .bases()
        .filter(|&(i, _)| s.base_follows_region(reported, i))
        .map(|(_, p)| p.id.as_str())
        .collect();
    assert_eq!(following, ["makhmour"]);
    let kurdistan = s.region_idx("kurdistan").unwrap();
    for date in ["2026-01-18", "2026-02-04", "2026-03-12", "2026-03-14"] {
        assert_eq!(
            s.base_status_on(reported, base(&s, "makhmour"), d(date)),
            s.status_on(reported, kurdistan, d(date)),
            "{date}"
        );
    }
}

#[test]
fn every_base_period_names_its_source_and_ends_where_the_record_does() {
    let s = scenario();
    let reported = track(&s, "reported");
    let no_report = s.no_report_status().unwrap();
    for (i, place) in s.bases() {
        for p in s.periods_of(reported, Entity::Base(i)) {
            assert!(!p.source.trim().is_empty(), "{} from {}", place.id, p.from);
            assert!(!p.note.trim().is_empty(), "{} from {} has no note", place.id, p.from);
        }
        // Nothing after the record's last day, 20 March 2026.
        assert_eq!(
            s.base_status_on(reported, i, d("2026-03-21")),
            Some(no_report),
            "{}",
            place.id
        );
    }
    // The announced track names no bases.
    assert!(s.track(track(&s, "announced")).base_periods.iter().all(Vec::is_empty));
}

#[test]
fn bases_are_where_the_gazetteer_puts_them_and_say_when_that_is_approximate() {
    let s = scenario();
    let at = |id: &str| {
        let p = s.place(base(&s, id));
        (p.lat, p.lon, p.approximate)
    };
    // Only al-Tanf's coordinates are published.
    assert_eq!(at("al_tanf"), (33.506, 38.618, false));
    assert_eq!(at("ain_al_asad"), (33.79, 42.44, true));
    assert_eq!(at("victory_base"), (33.27, 44.25, true));
    assert_eq!(at("erbil_air_base"), (36.24, 43.96, true));
    assert_eq!(at("harir_air_base"), (36.54, 44.35, true));
    assert_eq!(at("makhmour"), (35.78, 43.58, true));
    assert_eq!(at("shaddadi"), (36.06, 40.73, true));
    assert_eq!(at("qasrak"), (36.67, 40.50, true));
    assert_eq!(at("rmeilan"), (36.90, 41.95, true));
    assert_eq!(at("kharab_al_jir"), (37.00, 42.05, true));
    assert_eq!(at("hemo"), (37.03, 41.15, true));
    assert_eq!(at("green_village"), (35.05, 40.55, true));
    assert_eq!(at("conoco"), (35.35, 40.30, true));
    assert_eq!(at("tel_baydar"), (36.72, 40.63, true));
    assert!(s.bases().all(|(_, p)| p.approximate == (p.id != "al_tanf")));
    let region_of = |id: &str| s.region(s.place(base(&s, id)).region.unwrap()).id.clone();
    assert_eq!(region_of("makhmour"), "kurdistan");
    assert_eq!(region_of("victory_base"), "federal_iraq");
    assert_eq!(region_of("hemo"), "syria");
}

#[test]
fn a_handed_over_base_reads_handed_over_on_its_marker() {
    let s = scenario();
    let reported = track(&s, "reported");
    let label = |id: &str, date: &str| {
        let status = s.base_status_on(reported, base(&s, id), d(date)).unwrap();
        s.status(status).label_for(PlaceKind::Base).to_owned()
    };
    assert_eq!(label("al_tanf", "2026-02-11"), "Handed over or vacated");
    assert_eq!(label("al_tanf", "2026-02-10"), "Drawing down");
    assert_eq!(label("qasrak", "2026-03-12"), "In use by the coalition");
    assert_eq!(label("harir_air_base", "2026-03-12"), "Support for operations in Syria");
    let ended = s.status(s.status_idx("ended").unwrap());
    assert_eq!(ended.label_for(PlaceKind::City), "Coalition mission over");
}

#[test]
fn base_changes_between_days_name_the_handovers() {
    let s = scenario();
    let reported = track(&s, "reported");
    let changes = |before: &str, after: &str| -> Vec<(String, String, String)> {
        s.base_changes_between(reported, d(before), d(after))
            .iter()
            .map(|c| {
                (
                    s.place(c.place).id.clone(),
                    s.status(c.from).id.clone(),
                    s.status(c.to).id.clone(),
                )
            })
            .collect()
    };
    let one = |b: &str, from: &str, to: &str| vec![(b.to_owned(), from.to_owned(), to.to_owned())];
    assert_eq!(changes("2026-02-10", "2026-02-11"), one("al_tanf", "drawdown", "ended"));
    assert_eq!(
        changes("2026-02-14", "2026-02-15"),
        one("shaddadi", "drawdown", "ended")
    );
    assert_eq!(changes("2026-03-10", "2026-03-11"), one("qasrak", "drawdown", "active"));
    assert_eq!(
        changes("2026-01-16", "2026-01-17"),
        one("ain_al_asad", "drawdown", "ended")
    );
    // Shaddadi and Kharab al-Jir begin drawing down on the same day.
    let both = changes("2026-02-04", "2026-02-05");
    assert_eq!(
        both.iter().map(|(b, ..)| b.as_str()).collect::<Vec<_>>(),
        ["shaddadi", "kharab_al_jir"]
    );
    assert!(changes("2026-02-12", "2026-02-13").is_empty());
}

#[test]
fn where_sources_disagree_the_period_says_so_and_how_sure_it_is() {
    let s = scenario();
    let reported = track(&s, "reported");
    let period = |id: &str, date: &str| s.base_period_on(reported, base(&s, id), d(date)).unwrap();
    // Ain al-Asad: out in September 2025, or in January 2026 (the reading).
    let p = period("ain_al_asad", "2025-09-01");
    assert_eq!(p.confidence, Some(Confidence::Medium));
    assert!(p.disputed.as_deref().unwrap().contains("15 September 2025"), "{p:?}");
    let p = period("ain_al_asad", "2025-12-31");
    assert!(p.disputed.as_deref().unwrap().contains("31 December 2025"), "{p:?}");
    assert_eq!(period("ain_al_asad", "2026-01-17").confidence, Some(Confidence::High));
    // Qasrak: evacuated, then reinforced.
    let p = period("qasrak", "2026-03-12");
    assert_eq!(p.confidence, Some(Confidence::Medium));
    assert!(p.disputed.as_deref().unwrap().contains("Evacuated"), "{p:?}");
    // Kharab al-Jir: vacated, or the last base left; unresolved.
    let p = period("kharab_al_jir", "2026-02-10");
    assert_eq!(p.confidence, Some(Confidence::Low));
    assert!(p.disputed.as_deref().unwrap().contains("last US base"), "{p:?}");
    // Shaddadi: 15 or 16 February.
    let p = period("shaddadi", "2026-02-15");
    assert!(p.disputed.as_deref().unwrap().contains("16 February 2026"), "{p:?}");
    // Al-Tanf's first day of drawdown is derived: low.
    assert_eq!(period("al_tanf", "2026-01-28").confidence, Some(Confidence::Low));
    // The earlier entries state none.
    let fed = s.region_idx("federal_iraq").unwrap();
    assert_eq!(s.period_on(reported, fed, d("2020-01-01")).unwrap().confidence, None);
    // Federal Iraq's transition carries the same conflict.
    let p = s.period_on(reported, fed, d("2025-12-01")).unwrap();
    assert_eq!(p.confidence, Some(Confidence::High));
    assert!(p.disputed.as_deref().unwrap().contains("15 September 2025"), "{p:?}");
}

#[test]
fn the_last_report_before_the_record_falls_silent() {
    let s = scenario();
    let reported = track(&s, "reported");
    let last = |entity: Entity, date: &str| {
        s.last_reported(reported, entity, d(date))
            .map(|l| (s.status(l.status).id.clone(), l.until.to_string()))
    };
    let region = |id: &str| Entity::Region(s.region_idx(id).unwrap());
    let base_e = |id: &str| Entity::Base(base(&s, id));
    let said = |status: &str, until: &str| Some((status.to_owned(), until.to_owned()));
    assert_eq!(last(region("federal_iraq"), "2026-06-01"), said("ended", "2026-03-20"));
    assert_eq!(last(region("kurdistan"), "2026-10-01"), said("drawdown", "2026-03-15"));
    assert_eq!(last(region("syria"), "2026-03-14"), said("drawdown", "2026-03-13"));
    assert_eq!(last(base_e("qasrak"), "2026-04-01"), said("active", "2026-03-13"));
    assert_eq!(last(base_e("al_tanf"), "2027-06-30"), said("ended", "2026-03-13"));
    assert_eq!(last(base_e("hemo"), "2026-03-01"), said("active", "2026-02-17"));
    assert_eq!(last(base_e("rmeilan"), "2026-02-24"), said("active", "2026-02-23"));
    assert_eq!(
        last(base_e("kharab_al_jir"), "2026-03-01"),
        said("drawdown", "2026-02-23")
    );
    // Makhmour has no periods of its own: the Kurdistan Region's record.
    assert_eq!(last(base_e("makhmour"), "2026-05-01"), said("drawdown", "2026-03-15"));
    // On a day with a report, or on the plan, there is nothing to add.
    assert_eq!(last(region("syria"), "2026-03-13"), None);
    assert_eq!(last(base_e("hemo"), "2026-02-17"), None);
    assert_eq!(
        s.last_reported(track(&s, "announced"), region("syria"), d("2026-06-01")),
        None
    );
}

// --- troop figures and incidents ----------------------------------------------

#[test]
fn troop_figures_are_the_records_by_group_and_date() {
    let s = scenario();
    let groups: Vec<(String, Vec<String>)> = s
        .troop_groups
        .iter()
        .map(|g| {
            (
                g.id.clone(),
                g.regions.iter().map(|&r| s.region(r).id.clone()).collect(),
            )
        })
        .collect();
    let group = |id: &str, regions: &[&str]| (id.to_owned(), regions.iter().map(|r| (*r).to_owned()).collect());
    assert_eq!(
        groups,
        [
            group("iraq", &["federal_iraq", "kurdistan"]),
            group("kurdistan", &["kurdistan"]),
            group("syria", &["syria"])
        ]
    );
    let at = |id: &str, date: &str| {
        s.latest_troops(s.troop_group_idx(id).unwrap(), d(date))
            .map(|f| (f.low, f.high, f.date.to_string()))
    };
    let fig = |low, high, date: &str| Some((low, high, date.to_owned()));
    assert_eq!(at("iraq", "2024-09-26"), None);
    assert_eq!(at("iraq", "2024-09-27"), fig(2500, 2500, "2024-09-27"));
    assert_eq!(at("iraq", "2025-08-24"), fig(2500, 2500, "2024-12-31"));
    assert_eq!(at("iraq", "2025-08-25"), fig(2000, 2500, "2025-08-25"));
    assert_eq!(at("iraq", "2025-09-30"), fig(2000, 2000, "2025-09-30"));
    // The last figure, of 20 March 2026, stands after it.
    assert_eq!(at("iraq", "2026-03-19"), fig(2000, 2000, "2025-09-30"));
    assert_eq!(at("iraq", "2026-03-20"), fig(1000, 1000, "2026-03-20"));
    assert_eq!(at("iraq", "2026-06-01"), fig(1000, 1000, "2026-03-20"));
    assert_eq!(at("kurdistan", "2025-11-25"), None);
    assert_eq!(at("kurdistan", "2025-11-26"), fig(1500, 1500, "2025-11-26"));
    assert_eq!(at("syria", "2024-09-28"), fig(900, 900, "2024-09-28"));
    assert_eq!(at("syria", "2025-07-31"), fig(1500, 1500, "2025-07-31"));
    assert_eq!(at("syria", "2026-02-17"), fig(1000, 1000, "2026-01-23"));
    assert_eq!(at("syria", "2026-02-18"), fig(900, 1000, "2026-02-18"));
    for f in &s.troops {
        assert!(!f.source.trim().is_empty() && !f.note.trim().is_empty(), "{f:?}");
        assert!(f.date <= d("2026-03-20"), "no figures after 20 March 2026: {f:?}");
    }
}

#[test]
fn incidents_near_a_date_are_the_attacks_of_those_days() {
    let s = scenario();
    let titles = |date: &str, days| {
        s.incidents_near(d(date), days)
            .iter()
            .map(|i| i.title.as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        titles("2026-03-11", 0),
        ["Fire at the Erbil airport base", "Italian base in Erbil hit", "UAVs hit the Erbil camp"]
    );
    assert_eq!(titles("2026-03-11", 1).len(), 7, "{:?}", titles("2026-03-11", 1));
    assert_eq!(
        titles("2026-03-01", 1),
        ["Missiles and drones at Erbil", "Explosions near Harir", "Drones at Victoria base"]
    );
    assert_eq!(
        titles("2026-03-17", 0),
        ["Drones at the US site by the airport"],
        "the last attack on record"
    );
    assert!(titles("2026-02-20", 3).is_empty());
    assert!(titles("2026-06-01", 30).is_empty(), "nothing after the record ends");
    let at = |title: &str| {
        let i = s.incidents.iter().find(|i| i.title == title).unwrap();
        match i.location {
            IncidentLocation::Place(p) => s.place(p).id.clone(),
            IncidentLocation::Point { .. } => panic!("{title} is not at a place"),
        }
    };
    assert_eq!(at("French soldier killed at Makhmour"), "makhmour");
    assert_eq!(at("Missiles at Harir (claimed)"), "harir_air_base");
    assert_eq!(at("Drones at Victoria base"), "victory_base");
    for i in &s.incidents {
        assert!(!i.source.trim().is_empty() && !i.detail.trim().is_empty(), "{i:?}");
        assert!(i.confidence.is_some(), "{i:?}");
        assert!(s.incident_lat_lon(i).is_some(), "{i:?}");
    }
    let claimed = s.incidents.iter().filter(|i| i.title.contains("(claimed)"));
    assert!(claimed.clone().count() >= 2);
    assert!(claimed.into_iter().all(|i| i.confidence == Some(Confidence::Low)));
}

#[test]
fn the_key_events_of_2026_are_milestones_of_the_reported_track() {
    let s = scenario();
    let reported = track(&s, "reported");
    let on = |date: &str| {
        s.milestones_for(reported)
            .filter(|m| m.date == d(date))
            .map(|m| m.title.as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(on("2026-02-11"), ["Al-Tanf handed over"]);
    assert_eq!(on("2026-02-15"), ["Shaddadi handed over"]);
    assert_eq!(on("2026-02-18"), ["US to leave Syria, reports say"]);
    assert_eq!(on("2026-02-21"), ["Qasrak evacuation begins"]);
    assert_eq!(on("2026-02-28"), ["Iran and militias strike Erbil"]);
    assert_eq!(on("2026-03-11"), ["Qasrak reinforced", "Italy withdraws from Erbil"]);
    assert_eq!(on("2026-03-12"), ["French soldier killed at Makhmour"]);
    assert_eq!(on("2026-03-20"), ["NATO Mission Iraq leaves Iraq"]);
    assert_eq!(on("2026-06-29"), ["Factions told to disarm by 30 Sep"]);
    let m = s.milestone_on(reported, d("2026-03-11")).unwrap();
    assert_eq!(m.confidence, Some(Confidence::Medium));
    assert!(m.disputed.is_some());
    // None of them belongs to the plan.
    let announced = track(&s, "announced");
    // Only the plan's own end and the shared political milestone of late
    // June (no track's report) are the plan's in 2026.
    let in_2026: Vec<(String, bool)> = s
        .milestones_for(announced)
        .filter(|m| m.date >= d("2026-01-01"))
        .map(|m| (m.date.to_string(), m.track.is_none()))
        .collect();
    assert_eq!(in_2026, [("2026-06-29".to_owned(), true), ("2026-09-30".to_owned(), false)]);
}

mod comparisons {
    use drawdown::default_scenario;
    use drawdown::{Lag, RegionIdx, TrackIdx};

    fn d(s: &str) -> drawdown::Date {
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
        // In March 2026 the reported Kurdistan Region is drawing down, a
        // status the plan never gives it.
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
    fn a_region_whose_record_fell_silent_on_the_plans_status_is_unconfirmed_not_differing() {
        use drawdown::Agreement;
        let s = default_scenario().unwrap();
        let (plan, reported) = (TrackIdx(0), TrackIdx(1));
        let ids = |date, kind| -> Vec<String> {
            s.regions_where(plan, reported, d(date), kind)
                .into_iter()
                .map(|r| s.region(r).id.clone())
                .collect()
        };
        // Federal Iraq's mission is over on both accounts, then the record
        // falls silent: nothing says the plan and the reports part there.
        assert_eq!(ids("2026-03-21", Agreement::Unconfirmed), ["federal_iraq"]);
        assert_eq!(ids("2026-03-21", Agreement::Differs), ["kurdistan", "syria"]);
        assert!(ids("2026-03-01", Agreement::Unconfirmed).is_empty());
        assert_eq!(ids("2026-03-01", Agreement::Same), ["federal_iraq"]);
        // Either way round.
        let iraq = s.region_idx("federal_iraq").unwrap();
        assert_eq!(
            s.agreement(reported, plan, iraq, d("2026-03-21")),
            Agreement::Unconfirmed
        );
        let syria = s.region_idx("syria").unwrap();
        assert_eq!(
            s.status_line(reported, drawdown::Entity::Region(syria), d("2026-03-14"))
                .as_deref(),
            Some("No report since 14 Mar — last: Transition under way")
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
            ids("2026-03-21"),
            ["federal_iraq", "kurdistan", "syria"],
            "the record ends"
        );
        // Before it ends, both accounts have federal Iraq's mission over.
        assert_eq!(ids("2026-03-01"), ["kurdistan", "syria"]);
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
