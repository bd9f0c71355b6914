//! Comparisons between dates and between tracks: what changed when the
//! date moved, and how far one track lags or leads another.

use super::{Date, Entity, RegionIdx, Scenario, StatusIdx, TrackIdx};

/// How two tracks stand for one region on a date, as the compare view
/// marks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Agreement {
    /// Both give the same status.
    Same,
    /// The statuses differ, and neither is explained by a silent record.
    Differs,
    /// One track has no report on the date, but its last report gave the
    /// other track's status: nothing says they differ, nothing confirms
    /// they agree.
    Unconfirmed,
}

/// A region whose status differs between two dates on one track.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusChange {
    pub region: RegionIdx,
    pub from: StatusIdx,
    pub to: StatusIdx,
}

/// How a track stands against a reference track for one region on a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lag {
    /// Both tracks give the same status.
    Agree,
    /// The track reaches the reference's current status this many days
    /// after the reference did.
    Behind { days: i64 },
    /// The track reached its current status this many days before the
    /// reference does.
    Ahead { days: i64 },
    /// The statuses differ and the track never reaches the reference's
    /// status (e.g. its record ends first).
    Diverge,
}

impl Scenario {
    /// Regions whose status on `track` differs between `before` and `after`.
    pub fn changes_between(&self, track: TrackIdx, before: Date, after: Date) -> Vec<StatusChange> {
        (0..self.regions.len())
            .map(RegionIdx)
            .filter_map(|region| {
                let from = self.status_on(track, region, before)?;
                let to = self.status_on(track, region, after)?;
                (from != to).then_some(StatusChange { region, from, to })
            })
            .collect()
    }

    /// Regions whose status on `date` differs between tracks `a` and `b`:
    /// what the compare view (on screen and exported) marks.
    pub fn regions_differing(&self, a: TrackIdx, b: TrackIdx, date: Date) -> Vec<RegionIdx> {
        (0..self.regions.len())
            .map(RegionIdx)
            .filter(|&r| self.status_on(a, r, date) != self.status_on(b, r, date))
            .collect()
    }

    /// How `a` and `b` stand for `region` on `date`: a "no report" whose
    /// last report matches the other track is [`Agreement::Unconfirmed`],
    /// not a difference (a stale record is not evidence of a change).
    pub fn agreement(&self, a: TrackIdx, b: TrackIdx, region: RegionIdx, date: Date) -> Agreement {
        let (sa, sb) = (self.status_on(a, region, date), self.status_on(b, region, date));
        if sa == sb {
            return Agreement::Same;
        }
        let entity = Entity::Region(region);
        let silent_but_agreed = |silent: TrackIdx, other: Option<StatusIdx>| {
            self.last_reported(silent, entity, date)
                .is_some_and(|last| Some(last.status) == other)
        };
        if silent_but_agreed(a, sb) || silent_but_agreed(b, sa) {
            Agreement::Unconfirmed
        } else {
            Agreement::Differs
        }
    }

    /// The regions whose [`Self::agreement`] between `a` and `b` on `date`
    /// is `kind`: what the compare view outlines as differing or
    /// unconfirmed.
    pub fn regions_where(&self, a: TrackIdx, b: TrackIdx, date: Date, kind: Agreement) -> Vec<RegionIdx> {
        (0..self.regions.len())
            .map(RegionIdx)
            .filter(|&r| self.agreement(a, b, r, date) == kind)
            .collect()
    }

    /// The first day `status` holds for `region` on `track`.
    pub fn first_day_of_status(&self, track: TrackIdx, region: RegionIdx, status: StatusIdx) -> Option<Date> {
        let periods = self.tracks.get(track.0)?.periods.get(region.0)?;
        periods.iter().find(|p| p.status == status).map(|p| p.from)
    }

    /// How `track` stands against `reference` for `region` on `date`:
    /// e.g. on 1 Dec 2025 federal Iraq is still in transition on the
    /// reported track, which reaches "ended" 109 days after the plan did.
    pub fn lag(&self, track: TrackIdx, reference: TrackIdx, region: RegionIdx, date: Date) -> Option<Lag> {
        let own = self.period_on(track, region, date)?;
        let theirs = self.period_on(reference, region, date)?;
        if own.status == theirs.status {
            return Some(Lag::Agree);
        }
        if let Some(reached) = self.first_day_of_status(track, region, theirs.status)
            && reached > date
        {
            return Some(Lag::Behind {
                days: (reached - theirs.from).num_days(),
            });
        }
        if let Some(reached) = self.first_day_of_status(reference, region, own.status)
            && reached > date
        {
            return Some(Lag::Ahead {
                days: (reached - own.from).num_days(),
            });
        }
        Some(Lag::Diverge)
    }
}
