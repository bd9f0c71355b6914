//! The scenario: what the map shows on each day, for each track.
//!
//! A *track* is one account of events (the announced plan, or what was
//! reported afterwards). For each region it holds a sorted, gap-free run of
//! [`Period`]s, so that every day of the range has exactly one status; its
//! [`Phase`]s name the stage of the plan and may leave gaps. Milestones are
//! the dated events the slider can jump between.
//!
//! The loader validates all of that once ([`crate::load::scenario`]); the
//! queries here rely on it and stay simple and fast enough to run every
//! frame (binary searches, no allocation except [`Scenario::boundaries`]).

use super::{Confidence, Date, DateRange, Incident, Rgb, TroopFigure, TroopGroup};

/// Index into [`Scenario::statuses`]; also the legend order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StatusIdx(pub usize);

/// Index into [`Scenario::regions`] and into each [`Track::periods`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RegionIdx(pub usize);

/// Index into [`Scenario::tracks`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TrackIdx(pub usize);

/// Index into [`Scenario::places`] and into each [`Track::base_periods`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PlaceIdx(pub usize);

/// What the coalition is doing in a region: one legend entry and one fill.
#[derive(Clone, Debug, PartialEq)]
pub struct Status {
    /// Stable id used in the scenario file (`"drawdown"`).
    pub id: String,
    /// Short legend text.
    pub label: String,
    /// One sentence for tooltips and the legend's details.
    pub description: String,
    pub color: Rgb,
    /// What a *base* in this status is called, where the region's wording
    /// would read wrong on a marker ("Handed over or vacated" rather than
    /// "Coalition mission over"); `None` = the same as [`Self::label`].
    pub base_label: Option<String>,
}

impl Status {
    /// The legend text for a place of `kind`: the base label for bases
    /// (when the status has one), the label otherwise.
    pub fn label_for(&self, kind: PlaceKind) -> &str {
        match (kind, &self.base_label) {
            (PlaceKind::Base, Some(base_label)) => base_label,
            _ => &self.label,
        }
    }
}

/// A map region as the plan names it (federal Iraq, Kurdistan Region, Syria).
/// The geometry refers to it by `id`.
#[derive(Clone, Debug, PartialEq)]
pub struct Region {
    pub id: String,
    pub name: String,
}

/// One status held by one region over a run of days, with its source.
#[derive(Clone, Debug, PartialEq)]
pub struct Period {
    pub from: Date,
    /// Last day, inclusive; `None` = open-ended (only the last period).
    pub to: Option<Date>,
    pub status: StatusIdx,
    /// Caveats for the briefer, e.g. where a vague "by September" was
    /// encoded as the last day of the month.
    pub note: String,
    pub source: String,
    /// How well the sources support the period; `None` = not stated.
    pub confidence: Option<Confidence>,
    /// The other version where sources disagree, and who reported it;
    /// `None` = no conflict on record.
    pub disputed: Option<String>,
    /// The date of the report the period rests on (`reported`), on a
    /// record track only; `None` = the default of [`Self::report_date`].
    /// Where the loader ends an open last period at the record's end, it
    /// writes the date out first, so that it still names the report.
    pub reported: Option<Date>,
    /// What the record leaves unknown once it falls silent on this entity
    /// (`unknown_after`): appended to the generated no-report note. Only on
    /// the last period of a record track's entity.
    pub unknown_after: Option<String>,
}

impl Period {
    /// Whether `date` falls in this period (both ends inclusive).
    pub fn contains(&self, date: Date) -> bool {
        self.from <= date && self.to.is_none_or(|to| date <= to)
    }

    /// The date of the report the period rests on: `reported` as written,
    /// else its last day when closed, else its first day (an open period
    /// was reported when it began).
    pub fn report_date(&self) -> Date {
        self.reported.or(self.to).unwrap_or(self.from)
    }
}

/// A stage of the plan, shown as a caption over the map.
#[derive(Clone, Debug, PartialEq)]
pub struct Phase {
    pub from: Date,
    /// Last day, inclusive; `None` = open-ended.
    pub to: Option<Date>,
    pub title: String,
    pub source: String,
}

impl Phase {
    /// Whether `date` falls in this phase (both ends inclusive).
    pub fn contains(&self, date: Date) -> bool {
        self.from <= date && self.to.is_none_or(|to| date <= to)
    }
}

/// How far an entity's last report reaches on a track of reports (the
/// track's `record` key): what its open last period holds until.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordCoverage {
    /// `record = "track"`: a report covers the whole track, so an open
    /// last period holds until the track's record end (the latest report
    /// on any of its regions, bases or milestones).
    Track,
    /// `record = "entity"`: an open last period holds until the latest
    /// report on its own region or base.
    Entity,
}

impl RecordCoverage {
    /// The values of the `record` key, in the order messages list them.
    pub const IDS: [&'static str; 2] = ["track", "entity"];

    /// The coverage a `record` value names.
    pub fn from_id(id: &str) -> Option<Self> {
        match id {
            "track" => Some(Self::Track),
            "entity" => Some(Self::Entity),
            _ => None,
        }
    }
}

/// One account of events: the announced plan, or what was reported.
#[derive(Clone, Debug, PartialEq)]
pub struct Track {
    pub id: String,
    pub name: String,
    pub description: String,
    /// `Some` for a track of reports (`record = …`), whose entities fall
    /// silent after their last report; `None` for a plan, whose periods
    /// run as written.
    pub record: Option<RecordCoverage>,
    /// The latest report date on a record track (its periods' report
    /// dates and its own milestones'); `None` for a plan. Set by
    /// [`Scenario::close_records`].
    pub record_end: Option<Date>,
    /// Outer index = [`RegionIdx`]`.0`. Each inner list is sorted by `from`,
    /// contiguous (no gaps, no overlaps) and covers the scenario's range;
    /// on a record track the no-report span after an entity's last report
    /// is a period of the `no_report` status, made at load.
    pub periods: Vec<Vec<Period>>,
    /// A base's own periods. Outer index = [`PlaceIdx`]`.0` (one list per
    /// place, so that lookups index directly); empty for cities and for a
    /// base that follows its region in this track. A non-empty list obeys
    /// the same rules as a region's.
    pub base_periods: Vec<Vec<Period>>,
    /// Sorted by `from`, non-overlapping; may have gaps.
    pub phases: Vec<Phase>,
}

/// A dated event: a slider tick and a caption.
#[derive(Clone, Debug, PartialEq)]
pub struct Milestone {
    pub date: Date,
    /// Short: it labels a slider tick.
    pub title: String,
    /// A sentence for the caption.
    pub detail: String,
    pub source: String,
    /// The track it belongs to; `None` = both (shared history).
    pub track: Option<TrackIdx>,
    /// How well the sources support it; `None` = not stated.
    pub confidence: Option<Confidence>,
    /// The other version where sources disagree, and who reported it.
    pub disputed: Option<String>,
}

impl Milestone {
    /// Whether the milestone belongs with `tracks`: shared history, or one
    /// of theirs.
    pub fn shown_with(&self, tracks: &[TrackIdx]) -> bool {
        self.track.is_none_or(|t| tracks.contains(&t))
    }
}

/// What a [`Place`] marker stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceKind {
    /// A military base (marker).
    Base,
    /// A city (label only).
    City,
}

/// A point on the map (bases layer, city labels), WGS84 degrees.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// Stable id used in the scenario file (`"ain_al_asad"`): base periods
    /// and incidents refer to the place by it.
    pub id: String,
    pub name: String,
    pub kind: PlaceKind,
    pub lon: f64,
    pub lat: f64,
    /// The region it lies in, if any; lets a base marker follow its
    /// region's status.
    pub region: Option<RegionIdx>,
    /// The position comes from no source (an estimate from general
    /// geography): a tooltip should say so.
    pub approximate: bool,
    /// What the position or the name stands for, where it needs saying
    /// ("coordinates are for Makhmour town"); empty if nothing.
    pub note: String,
}

/// The day the window opens on, as the scenario's header
/// (`opening_date`) asks: the user's today, or a fixed day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OpeningDate {
    /// Today on the user's clock; what a briefing about the present wants.
    #[default]
    Today,
    /// A fixed day, for a scenario about a past event.
    On(Date),
}

/// Everything the app shows, validated by the loader.
///
/// The indices ([`StatusIdx`], [`RegionIdx`], [`TrackIdx`]) handed to the
/// accessors must come from this scenario; they index the vectors directly
/// and panic otherwise, like slice indexing.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    pub title: String,
    pub range: DateRange,
    /// Legend order.
    pub statuses: Vec<Status>,
    pub regions: Vec<Region>,
    pub tracks: Vec<Track>,
    /// Sorted by date; events on the same day keep their file order.
    pub milestones: Vec<Milestone>,
    pub places: Vec<Place>,
    /// The sets of regions troop figures are given for (Iraq = federal
    /// Iraq + Kurdistan Region, …).
    pub troop_groups: Vec<TroopGroup>,
    /// Sorted by group, then by date (strictly increasing within a group).
    pub troops: Vec<TroopFigure>,
    /// Sorted by date; incidents on the same day keep their file order.
    pub incidents: Vec<Incident>,
    /// The track every view shows when none is chosen: the header's
    /// `default_track`, else the first track.
    pub default_track: TrackIdx,
    /// The two tracks a comparison shows, left to right: the header's
    /// `compare`, else the first two tracks; `None` with fewer than two.
    pub compare: Option<[TrackIdx; 2]>,
    /// The header's `opening_date` (today when it is left out); see
    /// [`Scenario::opening_date`].
    pub opening: OpeningDate,
}

impl Scenario {
    /// The status with this id.
    pub fn status_idx(&self, id: &str) -> Option<StatusIdx> {
        self.statuses.iter().position(|s| s.id == id).map(StatusIdx)
    }

    /// The region with this id (the geometry's key).
    pub fn region_idx(&self, id: &str) -> Option<RegionIdx> {
        self.regions.iter().position(|r| r.id == id).map(RegionIdx)
    }

    /// The track with this id.
    pub fn track_idx(&self, id: &str) -> Option<TrackIdx> {
        self.tracks.iter().position(|t| t.id == id).map(TrackIdx)
    }

    /// The two tracks a comparison shows, left to right, as the scenario's
    /// header says ([`Self::compare`]); `None` with fewer than two tracks.
    /// The window, the export dialog and `drawdown export --compare` all
    /// use this one pair.
    pub fn compare_pair(&self) -> Option<[TrackIdx; 2]> {
        self.compare
    }

    /// The day the window opens on without a saved one: `today` or the
    /// header's fixed day, clamped to the range (a briefing given after the
    /// scenario's end opens on its last day).
    pub fn opening_date(&self, today: Date) -> Date {
        self.range.clamp(match self.opening {
            OpeningDate::Today => today,
            OpeningDate::On(date) => date,
        })
    }

    /// The last day `track` has on record: the latest report date on it
    /// (its regions' and bases' periods, its own milestones). `None` for a
    /// plan (a track without `record`), which runs as written.
    ///
    /// The day after it, the record track's generated "No report after …"
    /// phase begins, and so does the no-report span of every entity whose
    /// open last period holds until it ([`RecordCoverage::Track`]).
    pub fn record_end(&self, track: TrackIdx) -> Option<Date> {
        self.track(track).record_end
    }

    pub fn status(&self, i: StatusIdx) -> &Status {
        &self.statuses[i.0]
    }

    pub fn region(&self, i: RegionIdx) -> &Region {
        &self.regions[i.0]
    }

    pub fn track(&self, i: TrackIdx) -> &Track {
        &self.tracks[i.0]
    }

    /// The place with this id.
    pub fn place_idx(&self, id: &str) -> Option<PlaceIdx> {
        self.places.iter().position(|p| p.id == id).map(PlaceIdx)
    }

    pub fn place(&self, i: PlaceIdx) -> &Place {
        &self.places[i.0]
    }

    /// The bases (places of kind "base"), in file order.
    pub fn bases(&self) -> impl Iterator<Item = (PlaceIdx, &Place)> {
        self.places
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind == PlaceKind::Base)
            .map(|(i, p)| (PlaceIdx(i), p))
    }

    /// The period of `region` in `track` that contains `date`, in O(log n).
    /// `None` outside the periods (before the first, or after a closed last
    /// one); a validated scenario has one for every day of its range.
    pub fn period_on(&self, track: TrackIdx, region: RegionIdx, date: Date) -> Option<&Period> {
        period_in(self.track(track).periods.get(region.0)?, date)
    }

    /// The status of `region` in `track` on `date`: what colours the map.
    pub fn status_on(&self, track: TrackIdx, region: RegionIdx, date: Date) -> Option<StatusIdx> {
        self.period_on(track, region, date).map(|p| p.status)
    }

    /// The status of every region (in [`RegionIdx`] order) in `track` on
    /// `date`.
    pub fn statuses_on(&self, track: TrackIdx, date: Date) -> impl Iterator<Item = Option<StatusIdx>> + '_ {
        (0..self.regions.len()).map(move |r| self.status_on(track, RegionIdx(r), date))
    }

    /// The phase of `track` on `date`; `None` in a gap between phases.
    pub fn phase_on(&self, track: TrackIdx, date: Date) -> Option<&Phase> {
        let phases = &self.track(track).phases;
        self.phase_index_on(track, date).and_then(|i| phases.get(i))
    }

    fn phase_index_on(&self, track: TrackIdx, date: Date) -> Option<usize> {
        let phases = &self.track(track).phases;
        let i = phases.partition_point(|p| p.from <= date).checked_sub(1)?;
        phases.get(i).filter(|p| p.contains(date)).map(|_| i)
    }

    /// The milestones shown with `track`: its own and the shared ones, by date.
    pub fn milestones_for(&self, track: TrackIdx) -> impl Iterator<Item = &Milestone> {
        self.milestones.iter().filter(move |m| m.shown_with(&[track]))
    }

    /// The first milestone of `track` strictly after `after` ("next" key).
    pub fn next_milestone(&self, track: TrackIdx, after: Date) -> Option<&Milestone> {
        let start = self.milestones.partition_point(|m| m.date <= after);
        self.milestones.get(start..)?.iter().find(|m| m.shown_with(&[track]))
    }

    /// The last milestone of `track` strictly before `before` ("previous"
    /// key). Of several on that day, the last in file order.
    pub fn prev_milestone(&self, track: TrackIdx, before: Date) -> Option<&Milestone> {
        let end = self.milestones.partition_point(|m| m.date < before);
        self.milestones
            .get(..end)?
            .iter()
            .rev()
            .find(|m| m.shown_with(&[track]))
    }

    /// Where the clicker stops (PageDown / PageUp): every milestone shown
    /// with `tracks` (both tracks' when comparing), each track's record end
    /// ([`Self::record_end`]) and `today`, clamped to the range. Sorted,
    /// without duplicates.
    ///
    /// A briefer stepping through a comparison must reach both tracks'
    /// deadlines, and the last milestone is not where the record or the
    /// present is: stepping on from it must reach them too.
    pub fn stops(&self, tracks: &[TrackIdx], today: Option<Date>) -> Vec<Date> {
        let mut stops: Vec<Date> = self
            .milestones
            .iter()
            .filter(|m| m.shown_with(tracks))
            .map(|m| m.date)
            .chain(tracks.iter().filter_map(|&t| self.record_end(t)))
            .chain(today)
            .map(|d| self.range.clamp(d))
            .collect();
        stops.sort_unstable();
        stops.dedup();
        stops
    }

    /// The first day on which tracks `a` and `b` part: some region's
    /// status or the phase's title differs. `None` if they agree all along.
    ///
    /// Where a plan and its record part is where the story of the
    /// comparison starts: the slider's "Drawdown" span begins there.
    pub fn first_difference(&self, a: TrackIdx, b: TrackIdx) -> Option<Date> {
        // A difference starts on the range's first day or where one of
        // the tracks changes.
        let mut days = self.boundaries(a);
        days.extend(self.boundaries(b));
        days.push(self.range.start);
        days.sort_unstable();
        days.dedup();
        let title = |t, d| self.phase_on(t, d).map(|p| p.title.as_str());
        days.into_iter().find(|&d| {
            title(a, d) != title(b, d)
                || (0..self.regions.len())
                    .map(RegionIdx)
                    .any(|r| self.status_on(a, r, d) != self.status_on(b, r, d))
        })
    }

    /// The (first) milestone of `track` on exactly `date`, for the caption.
    pub fn milestone_on(&self, track: TrackIdx, date: Date) -> Option<&Milestone> {
        let start = self.milestones.partition_point(|m| m.date < date);
        self.milestones
            .get(start..)?
            .iter()
            .take_while(|m| m.date == date)
            .find(|m| m.shown_with(&[track]))
    }

    /// Every day of the range (after its first) on which the map or the
    /// caption of `track` changes: some region's status, or the phase,
    /// differs from the day before. Sorted, without duplicates.
    ///
    /// Slider ticks and "step to next change" use it; a period split in two
    /// with the same status (say, for a new source) is not a boundary.
    pub fn boundaries(&self, track: TrackIdx) -> Vec<Date> {
        let t = self.track(track);
        let intervals = t
            .periods
            .iter()
            .flatten()
            .map(|p| (p.from, p.to))
            .chain(t.phases.iter().map(|p| (p.from, p.to)));
        change_days(self.range, intervals, |before, d| {
            let status_changed = (0..t.periods.len())
                .map(RegionIdx)
                .any(|region| self.status_on(track, region, before) != self.status_on(track, region, d));
            status_changed || self.phase_index_on(track, before) != self.phase_index_on(track, d)
        })
    }
}

/// The days of `range` (after its first) on which something may change:
/// the first day of each inclusive `(from, to)` interval and the day after
/// its end. Sorted, without duplicates, and only those where
/// `changed(day before, day)` says something did, as an interval may
/// follow one with the same status.
pub(super) fn change_days(
    range: DateRange,
    intervals: impl Iterator<Item = (Date, Option<Date>)>,
    changed: impl Fn(Date, Date) -> bool,
) -> Vec<Date> {
    let mut candidates: Vec<Date> = intervals
        .flat_map(|(from, to)| [Some(from), to.and_then(|to| to.succ_opt())])
        .flatten()
        .filter(|&d| range.start < d && d <= range.end)
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    candidates.retain(|&d| d.pred_opt().is_some_and(|before| changed(before, d)));
    candidates
}

/// The period of a sorted, non-overlapping run that contains `date`, in
/// O(log n) (the index of it with [`period_index_in`]).
pub(super) fn period_in(periods: &[Period], date: Date) -> Option<&Period> {
    periods.get(period_index_in(periods, date)?)
}

pub(super) fn period_index_in(periods: &[Period], date: Date) -> Option<usize> {
    let i = periods.partition_point(|p| p.from <= date).checked_sub(1)?;
    periods.get(i).filter(|p| p.contains(date)).map(|_| i)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(in crate::model) fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    pub(in crate::model) fn period(from: &str, to: Option<&str>, status: usize) -> Period {
        Period {
            from: d(from),
            to: to.map(d),
            status: StatusIdx(status),
            note: String::new(),
            source: "test".to_owned(),
            confidence: None,
            disputed: None,
            reported: None,
            unknown_after: None,
        }
    }

    fn phase(from: &str, to: Option<&str>, title: &str) -> Phase {
        Phase {
            from: d(from),
            to: to.map(d),
            title: title.to_owned(),
            source: "test".to_owned(),
        }
    }

    fn milestone(date: &str, title: &str, track: Option<usize>) -> Milestone {
        Milestone {
            date: d(date),
            title: title.to_owned(),
            detail: String::new(),
            source: "test".to_owned(),
            track: track.map(TrackIdx),
            confidence: None,
            disputed: None,
        }
    }

    pub(in crate::model) fn status(id: &str) -> Status {
        Status {
            id: id.to_owned(),
            label: id.to_owned(),
            description: String::new(),
            color: Rgb { r: 0, g: 0, b: 0 },
            base_label: None,
        }
    }

    /// Statuses off/on/gone; regions a, b; tracks plan and news.
    ///
    /// plan: a off ..01-09, on 01-10..01-19, gone 01-20..; b off ..01-14,
    /// on 01-15..01-19 then on again 01-20.. (a split, same status).
    /// Phases: "one" 01-01..01-09, gap, "two" 01-15.. .
    /// news: a on all along; b off ..01-24, gone 01-25..01-31 (closed).
    pub(in crate::model) fn tiny() -> Scenario {
        let plan = Track {
            id: "plan".to_owned(),
            name: "Plan".to_owned(),
            description: String::new(),
            record: None,
            record_end: None,
            periods: vec![
                vec![
                    period("2025-01-01", Some("2025-01-09"), 0),
                    period("2025-01-10", Some("2025-01-19"), 1),
                    period("2025-01-20", None, 2),
                ],
                vec![
                    period("2024-12-01", Some("2025-01-14"), 0),
                    period("2025-01-15", Some("2025-01-19"), 1),
                    period("2025-01-20", None, 1),
                ],
            ],
            phases: vec![
                phase("2025-01-01", Some("2025-01-09"), "one"),
                phase("2025-01-15", None, "two"),
            ],
            base_periods: Vec::new(),
        };
        let news = Track {
            id: "news".to_owned(),
            name: "News".to_owned(),
            description: String::new(),
            record: None,
            record_end: None,
            periods: vec![
                vec![period("2025-01-01", None, 1)],
                vec![
                    period("2025-01-01", Some("2025-01-24"), 0),
                    period("2025-01-25", Some("2025-01-31"), 2),
                ],
            ],
            phases: vec![],
            base_periods: Vec::new(),
        };
        Scenario {
            title: "tiny".to_owned(),
            range: DateRange {
                start: d("2025-01-01"),
                end: d("2025-01-31"),
            },
            statuses: vec![status("off"), status("on"), status("gone")],
            regions: vec![
                Region {
                    id: "a".to_owned(),
                    name: "A".to_owned(),
                },
                Region {
                    id: "b".to_owned(),
                    name: "B".to_owned(),
                },
            ],
            tracks: vec![plan, news],
            milestones: vec![
                milestone("2025-01-05", "shared", None),
                milestone("2025-01-10", "plan only", Some(0)),
                milestone("2025-01-10", "news only", Some(1)),
                milestone("2025-01-10", "shared too", None),
                milestone("2025-01-25", "news late", Some(1)),
            ],
            places: vec![],
            troop_groups: vec![],
            troops: vec![],
            incidents: vec![],
            default_track: TrackIdx(0),
            compare: Some([TrackIdx(0), TrackIdx(1)]),
            opening: OpeningDate::Today,
        }
    }

    const PLAN: TrackIdx = TrackIdx(0);
    const NEWS: TrackIdx = TrackIdx(1);
    const A: RegionIdx = RegionIdx(0);
    const B: RegionIdx = RegionIdx(1);

    #[test]
    fn a_base_label_replaces_the_label_on_bases_only() {
        let mut ended = status("ended");
        ended.label = "Coalition mission over".to_owned();
        assert_eq!(ended.label_for(PlaceKind::Base), "Coalition mission over");
        ended.base_label = Some("Handed over or vacated".to_owned());
        assert_eq!(ended.label_for(PlaceKind::Base), "Handed over or vacated");
        assert_eq!(ended.label_for(PlaceKind::City), "Coalition mission over");
    }

    #[test]
    fn ids_map_to_indices() {
        let s = tiny();
        assert_eq!(s.status_idx("gone"), Some(StatusIdx(2)));
        assert_eq!(s.region_idx("b"), Some(B));
        assert_eq!(s.track_idx("news"), Some(NEWS));
        assert_eq!(s.status_idx("Gone"), None);
        assert_eq!(s.track(NEWS).id, "news");
        assert_eq!(s.region(A).name, "A");
        assert_eq!(s.status(StatusIdx(1)).id, "on");
    }

    #[test]
    fn status_changes_on_the_first_day_of_a_period() {
        let s = tiny();
        let on = |track, region, date| s.status_on(track, region, d(date)).map(|i| s.status(i).id.as_str());
        assert_eq!(on(PLAN, A, "2025-01-01"), Some("off"));
        assert_eq!(on(PLAN, A, "2025-01-09"), Some("off"));
        assert_eq!(on(PLAN, A, "2025-01-10"), Some("on"));
        assert_eq!(on(PLAN, A, "2025-01-19"), Some("on"));
        assert_eq!(on(PLAN, A, "2025-01-20"), Some("gone"));
        assert_eq!(on(PLAN, A, "2099-12-31"), Some("gone"));
        assert_eq!(on(PLAN, B, "2024-12-01"), Some("off"));
        assert_eq!(on(PLAN, B, "2025-01-14"), Some("off"));
        assert_eq!(on(PLAN, B, "2025-01-15"), Some("on"));
        assert_eq!(on(NEWS, B, "2025-01-31"), Some("gone"));
    }

    #[test]
    fn no_period_outside_the_periods() {
        let s = tiny();
        assert_eq!(s.period_on(PLAN, A, d("2024-12-31")), None);
        assert_eq!(s.period_on(NEWS, B, d("2025-02-01")), None);
        // An index past the track's regions is simply nothing.
        assert_eq!(s.period_on(PLAN, RegionIdx(7), d("2025-01-05")), None);
    }

    #[test]
    fn period_on_returns_the_period_itself() {
        let s = tiny();
        let p = s.period_on(PLAN, B, d("2025-01-17")).unwrap();
        assert_eq!(p.from, d("2025-01-15"));
        assert_eq!(p.to, Some(d("2025-01-19")));
    }

    #[test]
    fn phases_have_gaps() {
        let s = tiny();
        let title = |date| s.phase_on(PLAN, d(date)).map(|p| p.title.as_str());
        assert_eq!(title("2024-12-31"), None);
        assert_eq!(title("2025-01-01"), Some("one"));
        assert_eq!(title("2025-01-09"), Some("one"));
        assert_eq!(title("2025-01-10"), None);
        assert_eq!(title("2025-01-14"), None);
        assert_eq!(title("2025-01-15"), Some("two"));
        assert_eq!(title("2030-01-01"), Some("two"));
        assert_eq!(s.phase_on(NEWS, d("2025-01-15")), None);
    }

    #[test]
    fn milestones_are_per_track_plus_shared() {
        let s = tiny();
        let titles = |t| s.milestones_for(t).map(|m| m.title.as_str()).collect::<Vec<_>>();
        assert_eq!(titles(PLAN), ["shared", "plan only", "shared too"]);
        assert_eq!(titles(NEWS), ["shared", "news only", "shared too", "news late"]);
    }

    #[test]
    fn next_and_prev_are_strict_and_skip_other_tracks() {
        let s = tiny();
        let next = |t, date| s.next_milestone(t, d(date)).map(|m| m.title.as_str());
        let prev = |t, date| s.prev_milestone(t, d(date)).map(|m| m.title.as_str());
        assert_eq!(next(PLAN, "2025-01-01"), Some("shared"));
        assert_eq!(next(PLAN, "2025-01-05"), Some("plan only"));
        assert_eq!(next(NEWS, "2025-01-05"), Some("news only"));
        assert_eq!(next(PLAN, "2025-01-10"), None);
        assert_eq!(next(NEWS, "2025-01-10"), Some("news late"));
        assert_eq!(prev(PLAN, "2025-01-31"), Some("shared too"));
        assert_eq!(prev(NEWS, "2025-01-25"), Some("shared too"));
        assert_eq!(prev(NEWS, "2025-01-26"), Some("news late"));
        assert_eq!(prev(PLAN, "2025-01-10"), Some("shared"));
        assert_eq!(prev(PLAN, "2025-01-05"), None);
    }

    #[test]
    fn stops_join_the_shown_tracks_milestones_and_today_clamped_and_sorted() {
        let s = tiny();
        let dates = |v: &[&str]| v.iter().map(|x| d(x)).collect::<Vec<_>>();
        assert_eq!(
            s.stops(&[TrackIdx(0)], None),
            dates(&["2025-01-05", "2025-01-10"]),
            "one track: its own and the shared milestones, once a day"
        );
        assert_eq!(
            s.stops(&[TrackIdx(0), TrackIdx(1)], None),
            dates(&["2025-01-05", "2025-01-10", "2025-01-25"]),
            "two tracks: both tracks' milestones"
        );
        assert_eq!(
            s.stops(&[TrackIdx(0)], Some(d("2025-01-07"))),
            dates(&["2025-01-05", "2025-01-07", "2025-01-10"]),
            "today is a stop"
        );
        assert_eq!(
            s.stops(&[TrackIdx(0)], Some(d("2099-01-01"))).last(),
            Some(&s.range.end),
            "today after the range stops at its end"
        );
    }

    #[test]
    fn tracks_part_on_their_first_differing_status_or_phase() {
        let s = tiny();
        // plan: a off until 01-09; news: a on from 01-01.
        assert_eq!(s.first_difference(PLAN, NEWS), Some(d("2025-01-01")));
        assert_eq!(s.first_difference(PLAN, PLAN), None);
        let mut same_start = tiny();
        same_start.tracks[NEWS.0].periods = same_start.tracks[PLAN.0].periods.clone();
        same_start.tracks[NEWS.0].periods[1] = vec![
            period("2024-12-01", Some("2025-01-14"), 0),
            period("2025-01-15", None, 2),
        ];
        same_start.tracks[NEWS.0].phases = same_start.tracks[PLAN.0].phases.clone();
        assert_eq!(same_start.first_difference(PLAN, NEWS), Some(d("2025-01-15")));
    }

    #[test]
    fn milestone_on_matches_the_day_and_the_track() {
        let s = tiny();
        let on = |t, date| s.milestone_on(t, d(date)).map(|m| m.title.as_str());
        assert_eq!(on(PLAN, "2025-01-10"), Some("plan only"));
        assert_eq!(on(NEWS, "2025-01-10"), Some("news only"));
        assert_eq!(on(PLAN, "2025-01-25"), None);
        assert_eq!(on(NEWS, "2025-01-25"), Some("news late"));
        assert_eq!(on(NEWS, "2025-01-11"), None);
    }

    #[test]
    fn boundaries_are_status_or_phase_changes_inside_the_range() {
        let s = tiny();
        // 01-10 (a on; phase one ends), 01-15 (b on; phase two), 01-20 (a gone).
        // Not 01-01 (range start), not 01-20 for b (same status), not 2024-12-01.
        assert_eq!(s.boundaries(PLAN), [d("2025-01-10"), d("2025-01-15"), d("2025-01-20")]);
        // 02-01 (closed last period) lies outside the range.
        assert_eq!(s.boundaries(NEWS), [d("2025-01-25")]);
    }

    #[test]
    fn the_compare_pair_is_the_scenarios_whatever_the_track_ids() {
        let mut s = tiny();
        assert_eq!(s.compare_pair(), Some([PLAN, NEWS]));
        // Ids mean nothing to the rule: "announced" is not put left by code.
        s.tracks[0].id = "reported".to_owned();
        s.tracks[1].id = "announced".to_owned();
        assert_eq!(s.compare_pair(), Some([PLAN, NEWS]), "the header's order, not the ids'");
        s.compare = Some([NEWS, PLAN]);
        assert_eq!(
            s.compare_pair(),
            Some([NEWS, PLAN]),
            "announced left, as the header says"
        );
        s.tracks.truncate(1);
        s.compare = None;
        assert_eq!(s.compare_pair(), None, "one track has nothing to compare");
    }

    #[test]
    fn the_opening_date_is_today_or_the_headers_day_clamped_to_the_range() {
        let mut s = tiny();
        assert_eq!(s.opening_date(d("2025-01-17")), d("2025-01-17"));
        assert_eq!(
            s.opening_date(d("2026-12-07")),
            d("2025-01-31"),
            "after the range: its last day"
        );
        assert_eq!(
            s.opening_date(d("2024-06-01")),
            d("2025-01-01"),
            "before it: its first day"
        );
        s.opening = OpeningDate::On(d("2025-01-10"));
        assert_eq!(
            s.opening_date(d("2025-01-17")),
            d("2025-01-10"),
            "a fixed day ignores today"
        );
        s.opening = OpeningDate::On(d("2030-01-01"));
        assert_eq!(s.opening_date(d("2025-01-17")), d("2025-01-31"));
    }

    /// [`tiny`] with a "no report" status and news a record track of
    /// reports (without its milestone of 01-25): region a open from 01-01
    /// on a report of 01-20, region b closed on 01-14. `edit` changes it
    /// before the record is closed.
    pub(in crate::model) fn with_a_record_and(edit: impl FnOnce(&mut Scenario)) -> Scenario {
        let mut s = tiny();
        s.statuses.push(status(crate::model::NO_REPORT_STATUS_ID));
        s.milestones.retain(|m| m.title != "news late");
        let news = &mut s.tracks[NEWS.0];
        news.record = Some(RecordCoverage::Track);
        let mut a = period("2025-01-01", None, 1);
        a.reported = Some(d("2025-01-20"));
        news.periods = vec![vec![a], vec![period("2025-01-01", Some("2025-01-14"), 0)]];
        edit(&mut s);
        s.close_records();
        s
    }

    fn with_a_record() -> Scenario {
        with_a_record_and(|_| {})
    }

    #[test]
    fn the_record_ends_the_day_before_its_last_no_report_periods_begin() {
        let s = with_a_record();
        let no_report = s.no_report_status();
        assert_eq!(s.record_end(NEWS), Some(d("2025-01-20")));
        // Either side of the boundary: on record, then silent everywhere.
        assert_ne!(s.status_on(NEWS, A, d("2025-01-20")), no_report);
        assert!(s.statuses_on(NEWS, d("2025-01-21")).all(|st| st == no_report));
        // The plan runs to the end of the range: no record end.
        assert_eq!(s.record_end(PLAN), None);
    }

    #[test]
    fn the_record_end_is_a_stop_of_its_track_only() {
        let s = with_a_record();
        assert!(s.stops(&[NEWS], None).contains(&d("2025-01-20")));
        assert!(!s.stops(&[PLAN], None).contains(&d("2025-01-20")));
    }

    #[test]
    fn a_base_reported_after_its_region_moves_the_record_end() {
        let s = with_a_record_and(|s| {
            s.tracks[NEWS.0].base_periods = vec![vec![period("2025-01-01", Some("2025-01-22"), 1)]];
        });
        assert_eq!(s.record_end(NEWS), Some(d("2025-01-22")));
        assert_eq!(
            s.status_on(NEWS, A, d("2025-01-22")),
            Some(StatusIdx(1)),
            "a holds to the new end"
        );
        // A base reported on the range's last day: the record runs to the
        // end, and nothing falls silent but what was closed early.
        let s = with_a_record_and(|s| {
            let mut base = period("2025-01-01", None, 1);
            base.reported = Some(d("2025-01-31"));
            s.tracks[NEWS.0].base_periods = vec![vec![base]];
        });
        assert_eq!(s.record_end(NEWS), Some(s.range.end));
        assert_eq!(s.status_on(NEWS, A, d("2025-01-31")), Some(StatusIdx(1)));
        assert_eq!(s.tracks[NEWS.0].periods[A.0].len(), 1, "no silence after the range");
    }

    #[test]
    fn without_a_no_report_status_or_any_report_there_is_no_record_end() {
        // A plan has no record end, even with "no report" written by hand.
        let mut s = with_a_record_and(|s| s.tracks[NEWS.0].record = None);
        let no_report = s.statuses.len() - 1;
        assert_eq!(s.record_end(NEWS), None, "a plan runs as written");
        s.tracks[NEWS.0].periods = vec![
            vec![period("2025-01-01", None, no_report)],
            vec![period("2025-01-01", None, no_report)],
        ];
        s.close_records();
        assert_eq!(s.record_end(NEWS), None, "nothing on record at all");
        // A record without the status (the loader refuses it) keeps its
        // end but cannot fall silent.
        let s = with_a_record_and(|s| {
            s.statuses.pop();
        });
        assert_eq!(s.no_report_status(), None);
        assert_eq!(s.record_end(NEWS), Some(d("2025-01-20")));
        assert_eq!(s.status_on(NEWS, A, d("2025-01-31")), Some(StatusIdx(1)));
    }
    #[test]
    fn the_shown_layout_compares_the_pair_and_otherwise_shows_the_track() {
        use crate::model::TrackLayout;
        let mut s = tiny();
        s.tracks[0].id = "reported".to_owned();
        s.tracks[1].id = "announced".to_owned();
        s.compare = Some([NEWS, PLAN]);
        assert_eq!(
            TrackLayout::shown(true, PLAN, &s),
            TrackLayout::SideBySide([NEWS, PLAN])
        );
        assert_eq!(TrackLayout::shown(false, PLAN, &s), TrackLayout::Single(PLAN));
        assert_eq!(TrackLayout::shown(true, PLAN, &s).file_label(&s), "compare");
        assert_eq!(TrackLayout::shown(false, NEWS, &s).file_label(&s), "announced");
        s.tracks.truncate(1);
        s.compare = None;
        assert_eq!(TrackLayout::shown(true, PLAN, &s), TrackLayout::Single(PLAN));
    }
}
