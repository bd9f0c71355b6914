//! What the record reports beside the statuses: troop figures for groups of
//! regions, and dated incidents at places or points.
//!
//! Neither belongs to a track: both are reports, not plans. The loader
//! sorts and validates them ([`crate::load::scenario`]); the queries here
//! rely on that.

use super::{Confidence, Date, PlaceIdx, RegionIdx, Scenario};

/// How many days either side of the shown date an incident is shown (on
/// the map, in exports and by `drawdown status`): one window everywhere.
pub const INCIDENT_WINDOW_DAYS: u32 = 7;

/// Index into [`Scenario::troop_groups`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TroopGroupIdx(pub usize);

/// A set of regions the sources give one troop figure for: "Iraq" is
/// federal Iraq and the Kurdistan Region together.
#[derive(Clone, Debug, PartialEq)]
pub struct TroopGroup {
    /// Stable id used in the scenario file (`"iraq"`).
    pub id: String,
    pub name: String,
    /// Not empty, no region twice.
    pub regions: Vec<RegionIdx>,
}

/// One reported troop figure: `low..=high` personnel (`low == high` for a
/// single figure), as stated; the note keeps the source's qualifier
/// ("about", "fewer than", "at least") and whose troops they are.
#[derive(Clone, Debug, PartialEq)]
pub struct TroopFigure {
    pub group: TroopGroupIdx,
    pub date: Date,
    pub low: u32,
    /// `>= low`.
    pub high: u32,
    pub note: String,
    pub source: String,
    /// `None` = not stated.
    pub confidence: Option<Confidence>,
}

/// Where an incident happened.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum IncidentLocation {
    /// At (or near) a place of the scenario.
    Place(PlaceIdx),
    /// At a point given by its own coordinates, WGS84 degrees.
    Point { lat: f64, lon: f64 },
}

/// A dated attack or other event at a site: a marker and a caption.
#[derive(Clone, Debug, PartialEq)]
pub struct Incident {
    pub date: Date,
    pub location: IncidentLocation,
    /// Short: it labels a marker.
    pub title: String,
    /// A sentence for the caption.
    pub detail: String,
    pub source: String,
    /// `None` = not stated.
    pub confidence: Option<Confidence>,
    /// The other version where sources disagree, and who reported it.
    pub disputed: Option<String>,
}

impl Scenario {
    /// The troop group with this id.
    pub fn troop_group_idx(&self, id: &str) -> Option<TroopGroupIdx> {
        self.troop_groups.iter().position(|g| g.id == id).map(TroopGroupIdx)
    }

    pub fn troop_group(&self, i: TroopGroupIdx) -> &TroopGroup {
        &self.troop_groups[i.0]
    }

    /// The figures for `group`, by date.
    pub fn troops_for(&self, group: TroopGroupIdx) -> &[TroopFigure] {
        let start = self.troops.partition_point(|t| t.group < group);
        let end = self.troops.partition_point(|t| t.group <= group);
        self.troops.get(start..end).unwrap_or_default()
    }

    /// The latest figure for `group` dated on or before `date`: what a
    /// caption can say about troop numbers on that day. `None` before the
    /// first figure.
    pub fn latest_troops(&self, group: TroopGroupIdx, date: Date) -> Option<&TroopFigure> {
        let figures = self.troops_for(group);
        let after = figures.partition_point(|t| t.date <= date);
        figures.get(after.checked_sub(1)?)
    }

    /// The latest figure of every group on or before `date`, in group order.
    pub fn troops_on(&self, date: Date) -> impl Iterator<Item = (TroopGroupIdx, Option<&TroopFigure>)> + '_ {
        (0..self.troop_groups.len())
            .map(TroopGroupIdx)
            .map(move |g| (g, self.latest_troops(g, date)))
    }

    /// Incidents dated within `days` days of `date` (both ends included),
    /// by date. `days = 0` is the day itself.
    pub fn incidents_near(&self, date: Date, days: u32) -> &[Incident] {
        let delta = chrono::Days::new(u64::from(days));
        let first = date.checked_sub_days(delta).unwrap_or(Date::MIN);
        let last = date.checked_add_days(delta).unwrap_or(Date::MAX);
        let start = self.incidents.partition_point(|i| i.date < first);
        let end = self.incidents.partition_point(|i| i.date <= last);
        self.incidents.get(start..end).unwrap_or_default()
    }

    /// Where an incident is, in degrees (lat, lon): its own point, or its
    /// place's position.
    pub fn incident_lat_lon(&self, incident: &Incident) -> Option<(f64, f64)> {
        match incident.location {
            IncidentLocation::Point { lat, lon } => Some((lat, lon)),
            IncidentLocation::Place(p) => self.places.get(p.0).map(|p| (p.lat, p.lon)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario::tests::{d, tiny};

    const IRAQ: TroopGroupIdx = TroopGroupIdx(0);
    const SYRIA: TroopGroupIdx = TroopGroupIdx(1);

    fn figure(group: TroopGroupIdx, date: &str, low: u32, high: u32) -> TroopFigure {
        TroopFigure {
            group,
            date: d(date),
            low,
            high,
            note: String::new(),
            source: "test".to_owned(),
            confidence: None,
        }
    }

    fn incident(date: &str, title: &str, location: IncidentLocation) -> Incident {
        Incident {
            date: d(date),
            location,
            title: title.to_owned(),
            detail: String::new(),
            source: "test".to_owned(),
            confidence: Some(Confidence::High),
            disputed: None,
        }
    }

    fn with_record() -> Scenario {
        let mut s = tiny();
        s.troop_groups = vec![
            TroopGroup {
                id: "iraq".to_owned(),
                name: "Iraq".to_owned(),
                regions: vec![RegionIdx(0), RegionIdx(1)],
            },
            TroopGroup {
                id: "syria".to_owned(),
                name: "Syria".to_owned(),
                regions: vec![RegionIdx(1)],
            },
        ];
        // As the loader leaves them: by group, then date.
        s.troops = vec![
            figure(IRAQ, "2025-01-05", 2500, 2500),
            figure(IRAQ, "2025-01-20", 1500, 2000),
            figure(SYRIA, "2025-01-10", 900, 900),
        ];
        let point = IncidentLocation::Point { lat: 36.0, lon: 44.0 };
        s.incidents = vec![
            incident("2025-01-03", "early", point),
            incident("2025-01-10", "mid", point),
            incident("2025-01-10", "mid too", point),
            incident("2025-01-12", "later", point),
            incident("2025-01-31", "last", point),
        ];
        s
    }

    #[test]
    fn the_latest_figure_on_or_before_a_date_is_per_group() {
        let s = with_record();
        let at = |g, date| s.latest_troops(g, d(date)).map(|f| (f.low, f.high));
        assert_eq!(at(IRAQ, "2025-01-04"), None);
        assert_eq!(at(IRAQ, "2025-01-05"), Some((2500, 2500)));
        assert_eq!(at(IRAQ, "2025-01-19"), Some((2500, 2500)));
        assert_eq!(at(IRAQ, "2025-01-20"), Some((1500, 2000)));
        assert_eq!(at(IRAQ, "2030-01-01"), Some((1500, 2000)));
        assert_eq!(at(SYRIA, "2025-01-09"), None);
        assert_eq!(at(SYRIA, "2025-01-25"), Some((900, 900)));
        assert_eq!(s.troops_for(SYRIA).len(), 1);
        assert_eq!(s.troops_for(TroopGroupIdx(5)), []);
        let on: Vec<_> = s
            .troops_on(d("2025-01-06"))
            .map(|(g, f)| (g, f.map(|f| f.low)))
            .collect();
        assert_eq!(on, [(IRAQ, Some(2500)), (SYRIA, None)]);
        assert_eq!(s.troop_group_idx("syria"), Some(SYRIA));
        assert_eq!(s.troop_group(IRAQ).regions.len(), 2);
    }

    #[test]
    fn incidents_near_a_date_include_both_ends_of_the_window() {
        let s = with_record();
        let titles = |date, days| {
            s.incidents_near(d(date), days)
                .iter()
                .map(|i| i.title.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(titles("2025-01-10", 0), ["mid", "mid too"]);
        assert_eq!(titles("2025-01-10", 2), ["mid", "mid too", "later"]);
        assert_eq!(titles("2025-01-08", 5), ["early", "mid", "mid too", "later"]);
        assert!(titles("2025-01-20", 3).is_empty());
        assert_eq!(titles("2025-01-31", 0), ["last"]);
        // Windows that run off the calendar do not panic.
        assert_eq!(s.incidents_near(Date::MAX, u32::MAX).len(), 5);
        assert_eq!(s.incidents_near(Date::MIN, 1).len(), 0);
    }

    #[test]
    fn an_incident_at_a_place_is_where_the_place_is() {
        let mut s = with_record();
        s.places = vec![crate::model::Place {
            id: "p".to_owned(),
            name: "P".to_owned(),
            kind: crate::model::PlaceKind::Base,
            lon: 40.5,
            lat: 36.5,
            region: None,
            approximate: false,
            note: String::new(),
        }];
        let at_place = incident("2025-01-04", "at p", IncidentLocation::Place(PlaceIdx(0)));
        assert_eq!(s.incident_lat_lon(&at_place), Some((36.5, 40.5)));
        assert_eq!(s.incident_lat_lon(&s.incidents[0]), Some((36.0, 44.0)));
        let nowhere = incident("2025-01-04", "gone", IncidentLocation::Place(PlaceIdx(3)));
        assert_eq!(s.incident_lat_lon(&nowhere), None);
    }
}
