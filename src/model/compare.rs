//! Comparisons between dates and between tracks: what changed when the
//! date moved, and how far one track lags or leads another.

use super::{Date, RegionIdx, Scenario, StatusIdx, TrackIdx};

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
