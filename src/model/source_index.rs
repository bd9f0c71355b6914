//! Every source the scenario cites, and what cites it: the periods of
//! regions and bases, phases, milestones, troop figures and incidents.
//!
//! A briefer asked "where does that come from?" looks a source up the
//! other way round from the map: by its name, to every claim resting on
//! it. A `source` field often names several reports ("WAM, 13 Mar 2026;
//! Shafaq News, 11 Mar 2026"), so the index splits it into its items the
//! way the map's source line does ([`super::sources::source_items`]) and
//! files each claim under every item it names.

use std::collections::BTreeMap;

use super::printable::shortened;
use super::sources::source_items;
use super::{Date, Entity, PlaceIdx, RegionIdx, Scenario, TrackIdx, date_format, number_format};

/// The longest title or name a citation's line quotes, characters: a
/// hostile file's megabyte title is not laid out whole.
const MAX_QUOTED_CHARS: usize = 120;

/// The longest source item the index keeps as a name, characters.
pub const MAX_SOURCE_CHARS: usize = 300;

/// What kind of claim cites a source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CitedBy {
    /// A region's or a base's period on a track.
    Period,
    Phase,
    Milestone,
    /// A troop figure.
    Troops,
    Incident,
}

impl CitedBy {
    /// The word a listing puts before the claim.
    pub fn label(self) -> &'static str {
        match self {
            Self::Period => "period",
            Self::Phase => "phase",
            Self::Milestone => "milestone",
            Self::Troops => "troops",
            Self::Incident => "incident",
        }
    }
}

/// One claim that cites a source, and where the map shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    pub kind: CitedBy,
    /// The day to show: the claim's first day, within the range.
    pub date: Date,
    /// The track it belongs to; `None` for what belongs to every track
    /// (troop figures, incidents, shared milestones).
    pub track: Option<TrackIdx>,
    /// The region or base whose status it gives (periods only).
    pub entity: Option<Entity>,
    /// One line for a reader: "Reported · Federal Iraq · 1 Jan 2025 –
    /// 9 Jan 2025: Transition under way".
    pub text: String,
}

/// A source item and every claim citing it, in the scenario's order
/// (periods by track, then phases, milestones, troops, incidents).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceEntry {
    pub source: String,
    pub citations: Vec<Citation>,
}

/// Every source item of a scenario, sorted by name (case ignored).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceIndex {
    pub entries: Vec<SourceEntry>,
}

impl SourceIndex {
    /// Indexes every `source` of `scenario`.
    pub fn new(scenario: &Scenario) -> Self {
        let mut by_source: BTreeMap<(String, String), Vec<Citation>> = BTreeMap::new();
        let mut cite = |source: &str, citation: Citation| {
            let mut items = source_items(source);
            // "WAM; WAM" cites WAM once.
            items.sort_unstable();
            items.dedup();
            for item in items {
                let name = shortened(item, MAX_SOURCE_CHARS);
                by_source
                    .entry((name.to_lowercase(), name))
                    .or_default()
                    .push(citation.clone());
            }
        };
        let range = scenario.range;
        for (t, track) in scenario.tracks.iter().enumerate() {
            let track_idx = TrackIdx(t);
            let track_name = shortened(&track.name, MAX_QUOTED_CHARS);
            let regions = track.periods.iter().enumerate().map(|(r, periods)| {
                let name = scenario.regions.get(r).map_or("", |region| region.name.as_str());
                (Entity::Region(RegionIdx(r)), name, periods)
            });
            let bases = track.base_periods.iter().enumerate().map(|(p, periods)| {
                let name = scenario.places.get(p).map_or("", |place| place.name.as_str());
                (Entity::Base(PlaceIdx(p)), name, periods)
            });
            for (entity, name, periods) in regions.chain(bases) {
                let kind = match entity {
                    Entity::Region(_) => super::PlaceKind::City,
                    Entity::Base(_) => super::PlaceKind::Base,
                };
                for period in periods {
                    let status = scenario.statuses.get(period.status.0).map_or("", |s| s.label_for(kind));
                    let text = format!(
                        "{track_name} · {} · {}: {status}",
                        shortened(name, MAX_QUOTED_CHARS),
                        span(period.from, period.to)
                    );
                    cite(
                        &period.source,
                        Citation {
                            kind: CitedBy::Period,
                            date: range.clamp(period.from),
                            track: Some(track_idx),
                            entity: Some(entity),
                            text,
                        },
                    );
                }
            }
            for phase in &track.phases {
                let text = format!(
                    "{track_name} · “{}” · {}",
                    shortened(&phase.title, MAX_QUOTED_CHARS),
                    span(phase.from, phase.to)
                );
                cite(
                    &phase.source,
                    Citation {
                        kind: CitedBy::Phase,
                        date: range.clamp(phase.from),
                        track: Some(track_idx),
                        entity: None,
                        text,
                    },
                );
            }
        }
        for milestone in &scenario.milestones {
            let track_name = milestone
                .track
                .and_then(|t| scenario.tracks.get(t.0))
                .map_or("every track".to_owned(), |t| shortened(&t.name, MAX_QUOTED_CHARS));
            let text = format!(
                "{} · “{}” · {track_name}",
                date_format::short(milestone.date),
                shortened(&milestone.title, MAX_QUOTED_CHARS)
            );
            cite(
                &milestone.source,
                Citation {
                    kind: CitedBy::Milestone,
                    date: range.clamp(milestone.date),
                    track: milestone.track,
                    entity: None,
                    text,
                },
            );
        }
        for figure in &scenario.troops {
            let group = scenario
                .troop_groups
                .get(figure.group.0)
                .map_or("", |g| g.name.as_str());
            let text = format!(
                "{} · {}: {} troops",
                date_format::short(figure.date),
                shortened(group, MAX_QUOTED_CHARS),
                number_format::figure_range(figure.low, figure.high)
            );
            cite(
                &figure.source,
                Citation {
                    kind: CitedBy::Troops,
                    date: range.clamp(figure.date),
                    track: None,
                    entity: None,
                    text,
                },
            );
        }
        for incident in &scenario.incidents {
            let text = format!(
                "{} · “{}”",
                date_format::short(incident.date),
                shortened(&incident.title, MAX_QUOTED_CHARS)
            );
            cite(
                &incident.source,
                Citation {
                    kind: CitedBy::Incident,
                    date: range.clamp(incident.date),
                    track: None,
                    entity: None,
                    text,
                },
            );
        }
        Self {
            entries: by_source
                .into_iter()
                .map(|((_, source), citations)| SourceEntry { source, citations })
                .collect(),
        }
    }

    /// The entries that `filter` finds (case ignored, blank finds all):
    /// a source whose name matches, with all its citations, or the
    /// citations whose line matches, under their source.
    pub fn filtered(&self, filter: &str) -> Vec<(&SourceEntry, Vec<&Citation>)> {
        let needle = filter.trim().to_lowercase();
        self.entries
            .iter()
            .filter_map(|entry| {
                if needle.is_empty() || entry.source.to_lowercase().contains(&needle) {
                    return Some((entry, entry.citations.iter().collect()));
                }
                let found: Vec<&Citation> = entry
                    .citations
                    .iter()
                    .filter(|c| c.text.to_lowercase().contains(&needle))
                    .collect();
                (!found.is_empty()).then_some((entry, found))
            })
            .collect()
    }
}

/// "1 Jan 2025 – 9 Jan 2025", or "from 1 Jan 2025" for an open end.
fn span(from: Date, to: Option<Date>) -> String {
    match to {
        Some(to) => format!("{} – {}", date_format::short(from), date_format::short(to)),
        None => format!("from {}", date_format::short(from)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario::tests::{d, period, tiny};
    use crate::model::{Incident, IncidentLocation, Place, PlaceKind, TroopFigure, TroopGroup, TroopGroupIdx};

    /// [`tiny`] with sources: two reports on one period, one shared with
    /// a milestone, a base of its own, a troop figure and an incident.
    fn cited() -> Scenario {
        let mut s = tiny();
        s.tracks[0].periods[0][1].source = "WAM, 10 Jan 2025; Rudaw (Arabic; Kurdish), 9 Jan 2025".to_owned();
        s.tracks[0].periods[1][0].source = "rudaw (Arabic; Kurdish), 9 Jan 2025".to_owned();
        s.milestones[1].source = "WAM, 10 Jan 2025".to_owned();
        s.places = vec![Place {
            id: "camp".to_owned(),
            name: "Camp X".to_owned(),
            kind: PlaceKind::Base,
            lon: 44.0,
            lat: 36.0,
            region: Some(RegionIdx(0)),
            approximate: false,
            note: String::new(),
        }];
        let mut base = period("2025-01-01", None, 2);
        base.source = "Base log; Base log".to_owned();
        s.tracks[1].base_periods = vec![vec![base]];
        s.troop_groups = vec![TroopGroup {
            id: "all".to_owned(),
            name: "All".to_owned(),
            regions: vec![RegionIdx(0)],
        }];
        s.troops = vec![TroopFigure {
            group: TroopGroupIdx(0),
            date: d("2025-01-12"),
            low: 900,
            high: 1000,
            note: String::new(),
            source: "CENTCOM, 12 Jan 2025".to_owned(),
            confidence: None,
        }];
        s.incidents = vec![Incident {
            date: d("2025-01-20"),
            location: IncidentLocation::Place(PlaceIdx(0)),
            title: "Drone attack".to_owned(),
            detail: String::new(),
            source: "WAM, 10 Jan 2025".to_owned(),
            confidence: None,
            disputed: None,
        }];
        s
    }

    fn entry<'a>(index: &'a SourceIndex, source: &str) -> &'a SourceEntry {
        index
            .entries
            .iter()
            .find(|e| e.source == source)
            .unwrap_or_else(|| panic!("no entry {source:?} in {:#?}", index.entries))
    }

    #[test]
    fn each_item_of_a_source_line_is_a_source_of_its_own() {
        let index = SourceIndex::new(&cited());
        let wam = entry(&index, "WAM, 10 Jan 2025");
        let kinds: Vec<CitedBy> = wam.citations.iter().map(|c| c.kind).collect();
        assert_eq!(kinds, [CitedBy::Period, CitedBy::Milestone, CitedBy::Incident]);
        // The semicolons inside parentheses do not split the item.
        let rudaw = entry(&index, "Rudaw (Arabic; Kurdish), 9 Jan 2025");
        assert_eq!(rudaw.citations.len(), 1);
        assert_eq!(rudaw.citations[0].text, "Plan · A · 10 Jan 2025 – 19 Jan 2025: on");
    }

    #[test]
    fn sources_are_sorted_by_name_whatever_the_case_and_spellings_stay_apart() {
        let index = SourceIndex::new(&cited());
        let names: Vec<&str> = index.entries.iter().map(|e| e.source.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort_by_key(|n| n.to_lowercase());
        assert_eq!(names, sorted);
        assert!(names.contains(&"rudaw (Arabic; Kurdish), 9 Jan 2025"));
        assert!(names.contains(&"Rudaw (Arabic; Kurdish), 9 Jan 2025"));
    }

    #[test]
    fn a_citation_knows_its_day_track_and_entity() {
        let index = SourceIndex::new(&cited());
        let base = &entry(&index, "Base log").citations;
        assert_eq!(base.len(), 1, "an item named twice in one line cites once");
        assert_eq!(base[0].track, Some(TrackIdx(1)));
        assert_eq!(base[0].entity, Some(Entity::Base(PlaceIdx(0))));
        assert_eq!(base[0].text, "News · Camp X · from 1 Jan 2025: gone");
        // A period that starts before the range jumps to its first day.
        let early = &entry(&index, "rudaw (Arabic; Kurdish), 9 Jan 2025").citations[0];
        assert_eq!(early.text, "Plan · B · 1 Dec 2024 – 14 Jan 2025: off");
        assert_eq!(early.date, d("2025-01-01"));
        assert_eq!(early.entity, Some(Entity::Region(RegionIdx(1))));
        let troops = &entry(&index, "CENTCOM, 12 Jan 2025").citations[0];
        assert_eq!((troops.date, troops.track), (d("2025-01-12"), None));
        assert_eq!(troops.text, "12 Jan 2025 · All: 900–1,000 troops");
        let milestone = &entry(&index, "WAM, 10 Jan 2025").citations[1];
        assert_eq!(milestone.track, Some(TrackIdx(0)));
        assert_eq!(milestone.text, "10 Jan 2025 · “plan only” · Plan");
    }

    #[test]
    fn the_filter_finds_a_source_by_name_or_a_claim_by_its_line() {
        let index = SourceIndex::new(&cited());
        let found = index.filtered("  wam ");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1.len(), 3, "a source found by name shows all its claims");
        let found = index.filtered("drone");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0.source, "WAM, 10 Jan 2025");
        assert_eq!(found[0].1.len(), 1, "only the claim that matched");
        assert_eq!(index.filtered("").len(), index.entries.len());
        assert!(index.filtered("nothing like this").is_empty());
    }

    #[test]
    fn the_embedded_scenario_cites_every_kind_and_no_empty_source() {
        let scenario = crate::load::scenario::default_scenario().unwrap();
        let index = SourceIndex::new(&scenario);
        assert!(index.entries.len() > 20, "{}", index.entries.len());
        assert!(index.entries.iter().all(|e| !e.source.is_empty()));
        for kind in [
            CitedBy::Period,
            CitedBy::Phase,
            CitedBy::Milestone,
            CitedBy::Troops,
            CitedBy::Incident,
        ] {
            assert!(
                index.entries.iter().flat_map(|e| &e.citations).any(|c| c.kind == kind),
                "no {kind:?} cited"
            );
        }
        let periods = scenario
            .tracks
            .iter()
            .flat_map(|t| t.periods.iter().chain(&t.base_periods))
            .flatten()
            .filter(|p| !source_items(&p.source).is_empty())
            .count();
        let cited_periods: std::collections::HashSet<(Option<TrackIdx>, Option<Entity>, Date, &str)> = index
            .entries
            .iter()
            .flat_map(|e| &e.citations)
            .filter(|c| c.kind == CitedBy::Period)
            .map(|c| (c.track, c.entity, c.date, c.text.as_str()))
            .collect();
        assert_eq!(cited_periods.len(), periods, "every period is cited under some source");
    }
}
