//! How much a scenario may hold: a cap on each table, so that what the
//! loader builds, and the work every frame and every export does over it
//! (label placement over the places, the legend over the statuses), stays
//! bounded whatever the file asks for. The file's size is capped before
//! it is read ([`super::MAX_SCENARIO_BYTES`]); these caps bound what a
//! file under that size can still ask for in one table.
//!
//! Each cap is far above any briefing (the shipped scenario has 6
//! statuses, 22 places and 87 periods) and far below what would make the
//! app slow or large.

use std::ops::Range;

use super::RawScenario;
use crate::model::number_format::thousands;

/// One capped table: its name as written in the file, and its cap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TableCap {
    pub table: &'static str,
    pub max: usize,
}

/// Statuses: each is a legend row and a colour the eye must tell apart.
pub const MAX_STATUSES: TableCap = TableCap {
    table: "[[statuses]]",
    max: 64,
};
pub const MAX_REGIONS: TableCap = TableCap {
    table: "[[regions]]",
    max: 1_000,
};
pub const MAX_TRACKS: TableCap = TableCap {
    table: "[[tracks]]",
    max: 100,
};
/// Region and base periods of all tracks together.
pub const MAX_PERIODS: TableCap = TableCap {
    table: "[[tracks.periods]] and [[tracks.base_periods]]",
    max: 100_000,
};
/// Phases of all tracks together.
pub const MAX_PHASES: TableCap = TableCap {
    table: "[[tracks.phases]]",
    max: 10_000,
};
pub const MAX_MILESTONES: TableCap = TableCap {
    table: "[[milestones]]",
    max: 10_000,
};
/// Places: every one is a marker, and its label is placed, on each map.
pub const MAX_PLACES: TableCap = TableCap {
    table: "[[places]]",
    max: 10_000,
};
pub const MAX_TROOP_GROUPS: TableCap = TableCap {
    table: "[[troop_groups]]",
    max: 100,
};
pub const MAX_TROOPS: TableCap = TableCap {
    table: "[[troops]]",
    max: 100_000,
};
pub const MAX_INCIDENTS: TableCap = TableCap {
    table: "[[incidents]]",
    max: 10_000,
};

/// Each table over its cap, as (byte offset of its first entry past the
/// cap, message); empty when every table fits.
pub(super) fn over_caps(raw: &RawScenario) -> Vec<(usize, String)> {
    let tracks = raw.tracks.get_ref();
    let counted: [(TableCap, usize, Option<Range<usize>>); 10] = [
        over(MAX_STATUSES, raw.statuses.get_ref().iter().map(|s| s.span())),
        over(MAX_REGIONS, raw.regions.get_ref().iter().map(|r| r.span())),
        over(MAX_TRACKS, tracks.iter().map(|t| t.span())),
        over(
            MAX_PERIODS,
            tracks.iter().flat_map(|t| {
                let t = t.get_ref();
                t.periods
                    .iter()
                    .map(|p| p.span())
                    .chain(t.base_periods.iter().map(|p| p.span()))
            }),
        ),
        over(
            MAX_PHASES,
            tracks.iter().flat_map(|t| t.get_ref().phases.iter().map(|p| p.span())),
        ),
        over(MAX_MILESTONES, raw.milestones.iter().map(|m| m.span())),
        over(MAX_PLACES, raw.places.iter().map(|p| p.span())),
        over(MAX_TROOP_GROUPS, raw.troop_groups.iter().map(|g| g.span())),
        over(MAX_TROOPS, raw.troops.iter().map(|t| t.span())),
        over(MAX_INCIDENTS, raw.incidents.iter().map(|i| i.span())),
    ];
    counted
        .into_iter()
        .filter_map(|(cap, count, first_over)| {
            let at = first_over?;
            Some((
                at.start,
                format!(
                    "{} {} entries, more than the {} a scenario may have; \
                     split the scenario, or leave out what the map does not show",
                    thousands(u32::try_from(count).unwrap_or(u32::MAX)),
                    cap.table,
                    thousands(u32::try_from(cap.max).unwrap_or(u32::MAX)),
                ),
            ))
        })
        .collect()
}

/// How many entries `spans` has, and the span of the first past `cap`.
fn over(cap: TableCap, spans: impl Iterator<Item = Range<usize>>) -> (TableCap, usize, Option<Range<usize>>) {
    let mut count = 0;
    let mut first_over = None;
    for span in spans {
        count += 1;
        if count == cap.max + 1 {
            first_over = Some(span);
        }
    }
    (cap, count, first_over)
}
