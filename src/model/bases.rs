//! Bases as data: a base's status on a date in a track (its own periods,
//! or its region's where it has none), what changed between two dates, and
//! what was last reported before the record fell silent.

use super::scenario::{change_days, period_in, period_index_in};
use super::{Date, Period, PlaceIdx, RegionIdx, Scenario, StatusIdx, TrackIdx};

/// The id of the status that means "nothing on record for this date": on a
/// record track every region and base falls silent in it after its last
/// report (periods made at load, see [`Scenario::close_records`]), so a
/// record track needs it.
pub const NO_REPORT_STATUS_ID: &str = "no_report";

/// What a status belongs to on the map: a region's fill or a base's marker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Entity {
    Region(RegionIdx),
    Base(PlaceIdx),
}

/// A base whose status on one track differs between two dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BaseStatusChange {
    pub place: PlaceIdx,
    pub from: StatusIdx,
    pub to: StatusIdx,
}

/// The last reported state before a run of "no report" days.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LastReported<'a> {
    pub status: StatusIdx,
    /// The last day of that state: the day before the record fell silent.
    pub until: Date,
    pub period: &'a Period,
}

impl Scenario {
    /// The "no report" status, if the scenario has one.
    pub fn no_report_status(&self) -> Option<StatusIdx> {
        self.status_idx(NO_REPORT_STATUS_ID)
    }

    /// Whether the base has no periods of its own in `track` and so shows
    /// its region's status there (as every base does in a track that names
    /// no bases). `true` for a place that is not a base, too.
    pub fn base_follows_region(&self, track: TrackIdx, place: PlaceIdx) -> bool {
        self.track(track).base_periods.get(place.0).is_none_or(Vec::is_empty)
    }

    /// The periods that give `entity` its status in `track`: a region's, a
    /// base's own, or (for a base without any) its region's. Empty for a
    /// base without periods or region, and for indices out of range.
    pub fn periods_of(&self, track: TrackIdx, entity: Entity) -> &[Period] {
        let t = self.track(track);
        let region_periods = |r: RegionIdx| t.periods.get(r.0).map_or(&[][..], Vec::as_slice);
        match entity {
            Entity::Region(r) => region_periods(r),
            Entity::Base(p) => match t.base_periods.get(p.0) {
                Some(own) if !own.is_empty() => own,
                _ => self
                    .places
                    .get(p.0)
                    .and_then(|place| place.region)
                    .map_or(&[][..], region_periods),
            },
        }
    }

    /// The period of `entity` in `track` that contains `date`.
    pub fn entity_period_on(&self, track: TrackIdx, entity: Entity, date: Date) -> Option<&Period> {
        period_in(self.periods_of(track, entity), date)
    }

    /// A base's period in `track` on `date`: its own, or its region's if it
    /// has none there.
    pub fn base_period_on(&self, track: TrackIdx, place: PlaceIdx, date: Date) -> Option<&Period> {
        self.entity_period_on(track, Entity::Base(place), date)
    }

    /// A base's status in `track` on `date` (see [`Self::base_period_on`]).
    pub fn base_status_on(&self, track: TrackIdx, place: PlaceIdx, date: Date) -> Option<StatusIdx> {
        self.base_period_on(track, place, date).map(|p| p.status)
    }

    /// The status of every base (in place order) in `track` on `date`: with
    /// [`Self::statuses_on`], what a frame's colours depend on.
    pub fn base_statuses_on(
        &self,
        track: TrackIdx,
        date: Date,
    ) -> impl Iterator<Item = (PlaceIdx, Option<StatusIdx>)> + '_ {
        self.bases().map(move |(i, _)| (i, self.base_status_on(track, i, date)))
    }

    /// Bases whose status on `track` differs between `before` and `after`:
    /// the bases' part of a "what changed" caption.
    pub fn base_changes_between(&self, track: TrackIdx, before: Date, after: Date) -> Vec<BaseStatusChange> {
        self.bases()
            .filter_map(|(place, _)| {
                let from = self.base_status_on(track, place, before)?;
                let to = self.base_status_on(track, place, after)?;
                (from != to).then_some(BaseStatusChange { place, from, to })
            })
            .collect()
    }

    /// Every day of the range (after its first) on which some base's
    /// status in `track` differs from the day before; sorted, without
    /// duplicates. Like [`Self::boundaries`], for the base markers.
    pub fn base_boundaries(&self, track: TrackIdx) -> Vec<Date> {
        let t = self.track(track);
        let intervals = t
            .base_periods
            .iter()
            .chain(&t.periods)
            .flatten()
            .map(|p| (p.from, p.to));
        change_days(self.range, intervals, |before, d| {
            self.bases()
                .any(|(p, _)| self.base_status_on(track, p, before) != self.base_status_on(track, p, d))
        })
    }

    /// What `entity`'s status line says on `date` in `track`: its status's
    /// label (as a base or a region says it), or on a "no report" day
    /// "No report since 14 Mar — last: Transition under way", so that a
    /// silent record never reads as a bare "No report".
    pub fn status_line(&self, track: TrackIdx, entity: Entity, date: Date) -> Option<String> {
        let kind = match entity {
            Entity::Region(_) => super::PlaceKind::City,
            Entity::Base(_) => super::PlaceKind::Base,
        };
        let status = self.entity_period_on(track, entity, date)?.status;
        Some(match self.last_reported(track, entity, date) {
            Some(last) => format!(
                "No report since {} — last: {}",
                super::date_format::day_month(last.until + chrono::Days::new(1)),
                self.status(last.status).label_for(kind)
            ),
            None => self.status(status).label_for(kind).to_owned(),
        })
    }

    /// On a date whose status for `entity` in `track` is "no report": the
    /// last state reported before it (status, last day, period). `None` on
    /// a date with a status other than "no report", and when nothing was
    /// reported before.
    pub fn last_reported(&self, track: TrackIdx, entity: Entity, date: Date) -> Option<LastReported<'_>> {
        let no_report = self.no_report_status()?;
        let periods = self.periods_of(track, entity);
        let i = period_index_in(periods, date)?;
        if periods.get(i)?.status != no_report {
            return None;
        }
        periods.get(..i)?.iter().rev().find_map(|p| {
            (p.status != no_report).then_some(LastReported {
                status: p.status,
                until: p.to?,
                period: p,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario::tests::{d, period, status, tiny};
    use crate::model::{Place, PlaceKind};

    const PLAN: TrackIdx = TrackIdx(0);
    const NEWS: TrackIdx = TrackIdx(1);
    const A: RegionIdx = RegionIdx(0);
    const B: RegionIdx = RegionIdx(1);
    /// Base in region a, with its own periods in news only.
    const X: PlaceIdx = PlaceIdx(0);
    /// A city.
    const CITY: PlaceIdx = PlaceIdx(1);
    /// Base in region b, without periods of its own anywhere.
    const Y: PlaceIdx = PlaceIdx(2);
    /// Base without a region or periods.
    const LOST: PlaceIdx = PlaceIdx(3);
    const OFF: StatusIdx = StatusIdx(0);
    const ON: StatusIdx = StatusIdx(1);
    const GONE: StatusIdx = StatusIdx(2);
    const NO_REPORT: StatusIdx = StatusIdx(3);

    fn place(id: &str, kind: PlaceKind, region: Option<RegionIdx>) -> Place {
        Place {
            id: id.to_owned(),
            name: id.to_owned(),
            kind,
            lon: 0.0,
            lat: 0.0,
            region,
            approximate: true,
            note: String::new(),
        }
    }

    /// [`tiny`] plus a "no_report" status and four places. In news, base x
    /// is on ..01-09, gone 01-10..01-19, no report 01-20..; region b is off
    /// ..01-14, no report 01-15..01-24, gone 01-25..01-31.
    fn with_bases() -> Scenario {
        let mut s = tiny();
        s.statuses.push(status(NO_REPORT_STATUS_ID));
        s.places = vec![
            place("x", PlaceKind::Base, Some(A)),
            place("c", PlaceKind::City, Some(A)),
            place("y", PlaceKind::Base, Some(B)),
            place("lost", PlaceKind::Base, None),
        ];
        let news = &mut s.tracks[NEWS.0];
        news.periods[B.0] = vec![
            period("2025-01-01", Some("2025-01-14"), OFF.0),
            period("2025-01-15", Some("2025-01-24"), NO_REPORT.0),
            period("2025-01-25", Some("2025-01-31"), GONE.0),
        ];
        news.base_periods = vec![
            vec![
                period("2025-01-01", Some("2025-01-09"), ON.0),
                period("2025-01-10", Some("2025-01-19"), GONE.0),
                period("2025-01-20", None, NO_REPORT.0),
            ],
            vec![],
            vec![],
            vec![],
        ];
        s
    }

    #[test]
    fn a_base_with_periods_uses_them_and_one_without_follows_its_region() {
        let s = with_bases();
        assert!(!s.base_follows_region(NEWS, X));
        assert!(s.base_follows_region(NEWS, Y));
        // The plan names no bases at all: every base follows its region.
        assert!(s.base_follows_region(PLAN, X));
        for date in ["2025-01-05", "2025-01-12", "2025-01-25"] {
            let date = d(date);
            assert_eq!(s.base_status_on(PLAN, X, date), s.status_on(PLAN, A, date), "{date}");
            assert_eq!(s.base_status_on(NEWS, Y, date), s.status_on(NEWS, B, date), "{date}");
        }
        assert_eq!(s.base_status_on(NEWS, X, d("2025-01-09")), Some(ON));
        assert_eq!(s.base_status_on(NEWS, X, d("2025-01-10")), Some(GONE));
        assert_eq!(s.base_status_on(NEWS, X, d("2025-01-20")), Some(NO_REPORT));
        // Region a is "on" all along in news; its base is not.
        assert_eq!(s.status_on(NEWS, A, d("2025-01-10")), Some(ON));
        let p = s.base_period_on(NEWS, X, d("2025-01-15")).unwrap();
        assert_eq!((p.from, p.to), (d("2025-01-10"), Some(d("2025-01-19"))));
        // No region, no periods: no status; nor out of range.
        assert_eq!(s.base_status_on(NEWS, LOST, d("2025-01-05")), None);
        assert_eq!(s.base_status_on(NEWS, PlaceIdx(99), d("2025-01-05")), None);
    }

    #[test]
    fn base_statuses_on_lists_every_base_in_place_order_and_no_city() {
        let s = with_bases();
        let statuses: Vec<_> = s.base_statuses_on(NEWS, d("2025-01-10")).collect();
        assert_eq!(statuses, [(X, Some(GONE)), (Y, Some(OFF)), (LOST, None)]);
        assert!(s.bases().all(|(i, _)| i != CITY));
    }

    #[test]
    fn base_changes_between_names_each_base_that_changed() {
        let s = with_bases();
        assert_eq!(
            s.base_changes_between(NEWS, d("2025-01-09"), d("2025-01-10")),
            [BaseStatusChange {
                place: X,
                from: ON,
                to: GONE
            }]
        );
        // y follows region b from off to no report; x goes from gone to no report.
        assert_eq!(
            s.base_changes_between(NEWS, d("2025-01-14"), d("2025-01-20")),
            [
                BaseStatusChange {
                    place: X,
                    from: GONE,
                    to: NO_REPORT
                },
                BaseStatusChange {
                    place: Y,
                    from: OFF,
                    to: NO_REPORT
                }
            ]
        );
        assert!(
            s.base_changes_between(NEWS, d("2025-01-10"), d("2025-01-14"))
                .is_empty()
        );
    }

    #[test]
    fn base_boundaries_are_the_days_a_base_marker_changes() {
        let s = with_bases();
        // x: 01-10, 01-20; y (region b): 01-15, 01-25.
        assert_eq!(
            s.base_boundaries(NEWS),
            [d("2025-01-10"), d("2025-01-15"), d("2025-01-20"), d("2025-01-25")]
        );
        // Plan: x follows a (01-10, 01-20), y follows b (01-15; 01-20 is the same status).
        assert_eq!(
            s.base_boundaries(PLAN),
            [d("2025-01-10"), d("2025-01-15"), d("2025-01-20")]
        );
    }

    #[test]
    fn last_reported_gives_the_state_before_the_record_fell_silent() {
        let s = with_bases();
        let last = s.last_reported(NEWS, Entity::Base(X), d("2025-01-31")).unwrap();
        assert_eq!((last.status, last.until), (GONE, d("2025-01-19")));
        assert_eq!(last.period.from, d("2025-01-10"));
        let last = s.last_reported(NEWS, Entity::Region(B), d("2025-01-15")).unwrap();
        assert_eq!((last.status, last.until), (OFF, d("2025-01-14")));
        // A base without periods: its region's record.
        let last = s.last_reported(NEWS, Entity::Base(Y), d("2025-01-24")).unwrap();
        assert_eq!((last.status, last.until), (OFF, d("2025-01-14")));
        // Not a "no report" day: nothing to say.
        assert_eq!(s.last_reported(NEWS, Entity::Region(B), d("2025-01-25")), None);
        assert_eq!(s.last_reported(NEWS, Entity::Base(X), d("2025-01-19")), None);
        assert_eq!(s.last_reported(PLAN, Entity::Region(A), d("2025-01-25")), None);
    }

    #[test]
    fn a_silent_record_says_since_when_and_what_was_last_reported() {
        let s = with_bases();
        assert_eq!(
            s.status_line(NEWS, Entity::Region(B), d("2025-01-20")).as_deref(),
            Some("No report since 15 Jan — last: off")
        );
        assert_eq!(
            s.status_line(NEWS, Entity::Region(B), d("2025-01-10")).as_deref(),
            Some("off")
        );
        assert_eq!(s.status_line(NEWS, Entity::Base(LOST), d("2025-01-10")), None);
    }

    #[test]
    fn last_reported_is_none_when_nothing_came_before_or_there_is_no_such_status() {
        let mut s = with_bases();
        s.tracks[NEWS.0].periods[A.0] = vec![period("2025-01-01", None, NO_REPORT.0)];
        assert_eq!(s.last_reported(NEWS, Entity::Region(A), d("2025-01-05")), None);
        let s = tiny();
        assert_eq!(s.no_report_status(), None);
        assert_eq!(s.last_reported(NEWS, Entity::Region(B), d("2025-01-26")), None);
    }
}
