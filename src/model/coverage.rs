//! Where a record track falls silent, derived from its report dates.
//!
//! A track of reports (`record = "track" | "entity"`) writes what each
//! report said and when it was made, never where the record ends: the
//! track's record end is its latest report date, and everything said about
//! the record's end (the no-report span of each region and base, its note
//! and source, the "No report after …" phase) is made here from it, once,
//! when the scenario is loaded. A new report moves all of it by itself.

use super::date_format::{long, short};
use super::{Date, Milestone, Period, Phase, RecordCoverage, Scenario, StatusIdx, Track, TrackIdx};

/// The note of a generated no-report period: the entity's last day on
/// record, then what the scenario says stays unknown (`unknown_after`).
pub fn no_report_note(last_day: Date, unknown_after: Option<&str>) -> String {
    let note = format!("Nothing later than {} is on record.", short(last_day));
    match unknown_after.map(str::trim).filter(|u| !u.is_empty()) {
        Some(unknown) => format!("{note} {unknown}"),
        None => note,
    }
}

/// The source of a generated no-report period or phase: what the silence
/// rests on, the last report before it.
pub fn no_report_source(last_day: Date, last_source: &str) -> String {
    format!("Nothing on record after {} (last: {last_source})", short(last_day))
}

/// The sources a [`no_report_source`] names (its "last: …"), or `source`
/// itself if it is not one: a list of sources (a deck's title slide)
/// cites those, not the sentence about the silence.
pub fn cited_sources(source: &str) -> &str {
    source
        .strip_prefix("Nothing on record after ")
        .and_then(|rest| rest.split_once(" (last: "))
        .and_then(|(_, last)| last.strip_suffix(')'))
        .unwrap_or(source)
}

/// The title of a record track's last, generated phase.
pub fn no_report_phase_title(record_end: Date) -> String {
    format!("No report after {}", long(record_end))
}

/// The latest report date on `track` (index `t`): its periods' report
/// dates and its own milestones' dates. `None` without any.
pub fn latest_report(track: &Track, t: TrackIdx, milestones: &[Milestone]) -> Option<Date> {
    let periods = track.periods.iter().chain(&track.base_periods).flatten();
    periods
        .map(Period::report_date)
        .chain(milestones.iter().filter(|m| m.track == Some(t)).map(|m| m.date))
        .max()
}

impl Scenario {
    /// Derives every record track's end and silence: sets
    /// [`Track::record_end`], ends
    /// each entity's open last period at its coverage end (the record end,
    /// or for [`RecordCoverage::Entity`] its own latest report), appends
    /// the no-report period after an entity's last period where that ends
    /// inside the range, closes the last written phase at the record end
    /// and appends the "No report after …" phase. Plans are left as
    /// written.
    ///
    /// The loader calls it once on a validated scenario (a record track
    /// has the `no_report` status and no phase past its end); without that
    /// status it only sets the record ends.
    pub fn close_records(&mut self) {
        let no_report = self.no_report_status();
        let range_end = self.range.end;
        for (t, track) in self.tracks.iter_mut().enumerate() {
            let Some(coverage) = track.record else {
                track.record_end = None;
                continue;
            };
            let end = latest_report(track, TrackIdx(t), &self.milestones);
            track.record_end = end;
            let (Some(end), Some(no_report)) = (end, no_report) else {
                continue;
            };
            let last_source = latest_source(track, TrackIdx(t), &self.milestones, end);
            for periods in track.periods.iter_mut().chain(track.base_periods.iter_mut()) {
                fall_silent(periods, coverage, end, range_end, no_report);
            }
            close_phases(&mut track.phases, end, range_end, last_source);
        }
    }
}

/// The source of a report made on `end`: the track's own milestone of that
/// day if any (it names the report itself), else the first period, regions
/// before bases, reported that day.
fn latest_source(track: &Track, t: TrackIdx, milestones: &[Milestone], end: Date) -> String {
    let milestone = milestones.iter().find(|m| m.track == Some(t) && m.date == end);
    let period = || {
        track
            .periods
            .iter()
            .chain(&track.base_periods)
            .flatten()
            .find(|p| p.report_date() == end)
    };
    milestone
        .map(|m| m.source.clone())
        .or_else(|| period().map(|p| p.source.clone()))
        .unwrap_or_default()
}

/// One entity's periods on a record track: the open last period ended at
/// the coverage end, then the no-report period.
fn fall_silent(periods: &mut Vec<Period>, coverage: RecordCoverage, end: Date, range_end: Date, no_report: StatusIdx) {
    let coverage_end = match coverage {
        RecordCoverage::Track => end,
        RecordCoverage::Entity => match periods.iter().map(Period::report_date).max() {
            Some(own) => own,
            None => return,
        },
    };
    let Some(last) = periods.last_mut() else { return };
    let last_day = match last.to {
        Some(to) => to,
        // A report before the period began is refused by the loader; left
        // open rather than ended before it starts.
        None if coverage_end < last.from => return,
        None => coverage_end,
    };
    if last_day >= range_end {
        return;
    }
    // Its report date, written out before its `to` is: it rests on the
    // report it was written with, not on the day the record ends.
    last.reported = Some(last.report_date());
    last.to = Some(last_day);
    let Some(from) = last_day.succ_opt() else { return };
    let silent = Period {
        from,
        to: None,
        status: no_report,
        note: no_report_note(last_day, last.unknown_after.as_deref()),
        source: no_report_source(last_day, &last.source),
        confidence: None,
        disputed: None,
        reported: None,
        unknown_after: None,
    };
    periods.push(silent);
}

/// A record track's phases: the last one written, if open, ends at the
/// record end, and "No report after …" follows it to the range's end.
fn close_phases(phases: &mut Vec<Phase>, end: Date, range_end: Date, last_source: String) {
    if end >= range_end {
        return;
    }
    if let Some(last) = phases.last_mut()
        && last.to.is_none()
        && last.from <= end
    {
        last.to = Some(end);
    }
    let Some(from) = end.succ_opt() else { return };
    phases.push(Phase {
        from,
        to: None,
        title: no_report_phase_title(end),
        source: no_report_source(end, &last_source),
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_generated_source_cites_the_last_sources_it_names() {
        let day: crate::model::Date = "2026-03-20".parse().unwrap();
        let generated = super::no_report_source(day, "AA, 20 Mar 2026; TASS, 20 Mar 2026");
        assert_eq!(super::cited_sources(&generated), "AA, 20 Mar 2026; TASS, 20 Mar 2026");
        assert_eq!(super::cited_sources("Reuters, 1 Oct 2025"), "Reuters, 1 Oct 2025");
    }

    use super::*;
    use crate::model::scenario::tests::{d, period, tiny, with_a_record_and};
    use crate::model::{Entity, RegionIdx};

    const PLAN: TrackIdx = TrackIdx(0);
    const NEWS: TrackIdx = TrackIdx(1);
    const A: RegionIdx = RegionIdx(0);
    const B: RegionIdx = RegionIdx(1);
    const OFF: StatusIdx = StatusIdx(0);
    const ON: StatusIdx = StatusIdx(1);
    const NO_REPORT: StatusIdx = StatusIdx(3);

    fn on(s: &Scenario, region: RegionIdx, date: &str) -> Option<StatusIdx> {
        s.status_on(NEWS, region, d(date))
    }

    #[test]
    fn an_open_last_period_holds_to_the_record_end_and_falls_silent_the_day_after() {
        let s = with_a_record_and(|_| {});
        assert_eq!(s.record_end(NEWS), Some(d("2025-01-20")));
        assert_eq!(on(&s, A, "2025-01-20"), Some(ON), "the day of the record end");
        assert_eq!(on(&s, A, "2025-01-21"), Some(NO_REPORT), "the day after");
        assert_eq!(on(&s, A, "2025-01-31"), Some(NO_REPORT));
        let silent = s.period_on(NEWS, A, d("2025-01-21")).unwrap();
        assert_eq!((silent.from, silent.to), (d("2025-01-21"), None));
    }

    #[test]
    fn a_closed_last_period_falls_silent_after_its_own_end_not_the_tracks() {
        let s = with_a_record_and(|_| {});
        assert_eq!(on(&s, B, "2025-01-14"), Some(OFF));
        assert_eq!(on(&s, B, "2025-01-15"), Some(NO_REPORT));
        let last = s.last_reported(NEWS, Entity::Region(B), d("2025-01-20")).unwrap();
        assert_eq!((last.status, last.until), (OFF, d("2025-01-14")));
    }

    #[test]
    fn entity_coverage_ends_each_region_at_its_own_latest_report() {
        let open_b = |s: &mut Scenario| {
            let mut b = period("2025-01-01", None, OFF.0);
            b.reported = Some(d("2025-01-05"));
            s.tracks[NEWS.0].periods[B.0] = vec![b];
        };
        let by_track = with_a_record_and(open_b);
        assert_eq!(
            on(&by_track, B, "2025-01-20"),
            Some(OFF),
            "track: b holds to the track's end"
        );
        assert_eq!(on(&by_track, B, "2025-01-21"), Some(NO_REPORT));
        let by_entity = with_a_record_and(|s| {
            open_b(s);
            s.tracks[NEWS.0].record = Some(RecordCoverage::Entity);
        });
        assert_eq!(
            by_entity.record_end(NEWS),
            Some(d("2025-01-20")),
            "the end is the track's all the same"
        );
        assert_eq!(
            on(&by_entity, B, "2025-01-05"),
            Some(OFF),
            "entity: b holds to its own report"
        );
        assert_eq!(on(&by_entity, B, "2025-01-06"), Some(NO_REPORT));
        assert_eq!(on(&by_entity, A, "2025-01-20"), Some(ON));
        assert_eq!(on(&by_entity, A, "2025-01-21"), Some(NO_REPORT));
    }

    #[test]
    fn a_milestone_of_the_track_moves_the_record_end_and_a_shared_one_does_not() {
        let s = with_a_record_and(|s| {
            *s = {
                let mut t = tiny();
                t.statuses = s.statuses.clone();
                t.tracks[NEWS.0] = s.tracks[NEWS.0].clone();
                t
            }
        });
        // tiny's own milestones: "news late" on 01-25 belongs to news.
        assert_eq!(s.record_end(NEWS), Some(d("2025-01-25")));
        assert_eq!(on(&s, A, "2025-01-25"), Some(ON));
        assert_eq!(on(&s, A, "2025-01-26"), Some(NO_REPORT));
        let shared = with_a_record_and(|s| {
            for m in &mut s.milestones {
                m.track = None;
            }
            s.milestones.last_mut().unwrap().date = d("2025-01-30");
        });
        assert_eq!(
            shared.record_end(NEWS),
            Some(d("2025-01-20")),
            "shared history is no report of the track"
        );
    }

    #[test]
    fn a_plan_track_is_left_as_written() {
        let before = with_a_record_and(|_| {});
        let mut after = before.clone();
        after.close_records();
        assert_eq!(after.tracks[PLAN.0], before.tracks[PLAN.0]);
        assert_eq!(after.tracks[PLAN.0], tiny().tracks[PLAN.0], "no record end, no silence");
        assert_eq!(after.record_end(PLAN), None);
    }

    #[test]
    fn the_silence_says_since_when_and_what_it_rests_on() {
        let s = with_a_record_and(|s| {
            s.tracks[NEWS.0].periods[B.0][0].unknown_after = Some("Not whether b reopened.".to_owned());
            s.tracks[NEWS.0].periods[A.0][0].source = "Gazette, 20 Jan 2025".to_owned();
        });
        let a = s.period_on(NEWS, A, d("2025-01-25")).unwrap();
        assert_eq!(a.note, "Nothing later than 20 Jan 2025 is on record.");
        assert_eq!(
            a.source,
            "Nothing on record after 20 Jan 2025 (last: Gazette, 20 Jan 2025)"
        );
        let b = s.period_on(NEWS, B, d("2025-01-25")).unwrap();
        assert_eq!(
            b.note,
            "Nothing later than 14 Jan 2025 is on record. Not whether b reopened."
        );
        assert_eq!(
            s.status_line(NEWS, Entity::Region(A), d("2025-01-25")).as_deref(),
            Some("No report since 21 Jan — last: on")
        );
        // A period ended at the record's end still rests on its own report.
        let a = &s.tracks[NEWS.0].periods[A.0][0];
        assert_eq!((a.to, a.report_date()), (Some(d("2025-01-20")), d("2025-01-20")));
        let open_b = with_a_record_and(|s| s.tracks[NEWS.0].periods[B.0][0].to = None);
        let b = &open_b.tracks[NEWS.0].periods[B.0][0];
        assert_eq!((b.to, b.report_date()), (Some(d("2025-01-20")), d("2025-01-01")));
        assert_eq!(open_b.tracks[NEWS.0].periods[B.0][1].status, NO_REPORT);
    }

    #[test]
    fn the_last_phase_ends_at_the_record_end_and_no_report_after_it_follows() {
        let s = with_a_record_and(|s| {
            s.tracks[NEWS.0].phases = vec![Phase {
                from: d("2025-01-05"),
                to: None,
                title: "Talks".to_owned(),
                source: "Gazette".to_owned(),
            }];
            s.tracks[NEWS.0].periods[A.0][0].source = "Gazette, 20 Jan 2025".to_owned();
        });
        let title = |date| s.phase_on(NEWS, d(date)).map(|p| p.title.as_str());
        assert_eq!(title("2025-01-20"), Some("Talks"));
        assert_eq!(title("2025-01-21"), Some("No report after 20 January 2025"));
        assert_eq!(title("2025-01-31"), Some("No report after 20 January 2025"));
        assert_eq!(
            s.phase_on(NEWS, d("2025-01-21")).map(|p| p.source.as_str()),
            Some("Nothing on record after 20 Jan 2025 (last: Gazette, 20 Jan 2025)")
        );
        assert_eq!(
            s.phase_on(PLAN, d("2025-01-21")).map(|p| p.title.as_str()),
            Some("two"),
            "the plan's phases run as written"
        );
    }

    #[test]
    fn a_report_date_defaults_to_the_end_of_a_closed_period_and_the_start_of_an_open_one() {
        let mut p = period("2025-01-03", Some("2025-01-09"), 0);
        assert_eq!(p.report_date(), d("2025-01-09"));
        p.to = None;
        assert_eq!(p.report_date(), d("2025-01-03"));
        p.reported = Some(d("2025-01-07"));
        assert_eq!(p.report_date(), d("2025-01-07"));
    }
}
