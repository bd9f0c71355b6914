//! The last status change crossed, and what it does to the map for a
//! moment: the changed regions' outlines and bases' markers pulse, the
//! regions' colours cross-fade while playing, and a caption says what
//! changed.
//!
//! The caption must be true of the day it shows: a jump (a typed date, a
//! slider drag, a chart click) compares with the date viewed before, and a
//! change found that way may have happened on any day in between. So the
//! caption states a change plainly only when it happened on the shown day;
//! otherwise it says what it compares with ("Since 1 Mar 2025: …").

use crate::model::date_format;
use crate::model::{BaseStatusChange, Date, PlaceKind, Scenario, StatusChange, StatusIdx, TrackIdx};
use crate::render::MapEffects;
use crate::render::style::color32;

/// How long a changed region's outline pulses, seconds.
pub const PULSE_SECS: f64 = 1.6;
/// How long colours cross-fade while playing, seconds.
const FADE_SECS: f64 = 0.35;
/// A caption names at most this many bases that changed to one status;
/// more are counted ("14 bases: No report"), so that the line stays short.
const MAX_BASES_NAMED: usize = 3;

/// The last boundary crossed: which regions and bases changed, for the
/// pulse, the cross-fade and the caption.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangeFx {
    pub started_secs: f64,
    /// The date the change was seen on; the caption stays while it shows.
    pub date: Date,
    /// The date viewed before: the changes are those between it and
    /// `date`.
    pub since: Date,
    /// Whether the changes are exactly the shown day's own (what changed
    /// from the day before to `date`), so that the caption may state them
    /// without naming `since`.
    pub on_the_day: bool,
    pub track: TrackIdx,
    pub changes: Vec<StatusChange>,
    /// Bases with a record of their own in the track (the others change
    /// with their region).
    pub base_changes: Vec<BaseStatusChange>,
    /// Whether the change happened while playing (colours cross-fade).
    pub fade: bool,
}

impl ChangeFx {
    /// The change seen moving from `since` to `date` on `track`, or `None`
    /// if no region or base (with a record of its own) differs.
    pub fn crossing(
        scenario: &Scenario,
        track: TrackIdx,
        since: Date,
        date: Date,
        started_secs: f64,
        fade: bool,
    ) -> Option<Self> {
        let changes_to_date = |from: Date| {
            let changes = scenario.changes_between(track, from, date);
            // A base without a record of its own in this track changes with
            // its region, which the caption names already.
            let mut base_changes = scenario.base_changes_between(track, from, date);
            base_changes.retain(|c| !scenario.base_follows_region(track, c.place));
            (changes, base_changes)
        };
        let (changes, base_changes) = changes_to_date(since);
        if changes.is_empty() && base_changes.is_empty() {
            return None;
        }
        let day_before = date.pred_opt();
        let on_the_day = since < date
            && (Some(since) == day_before
                || day_before.map(changes_to_date) == Some((changes.clone(), base_changes.clone())));
        Some(Self {
            started_secs,
            date,
            since,
            on_the_day,
            track,
            changes,
            base_changes,
            fade,
        })
    }

    /// Whether the pulse still runs at `now_secs`.
    pub fn is_pulsing(&self, now_secs: f64) -> bool {
        now_secs - self.started_secs < PULSE_SECS
    }

    /// "Federal Iraq: Transition under way » Coalition mission over;
    /// Al-Tanf garrison: Handed over or vacated (Reported)": each region's
    /// change, then the bases by the status they changed to (as a base
    /// marker says it), named if a few, counted if many. After a jump the
    /// line starts with the date it compares with: "Since 1 Mar 2025: …"
    /// forwards, "Back from 7 Dec 2026: …" backwards.
    pub fn caption(&self, scenario: &Scenario) -> String {
        let mut parts: Vec<String> = self
            .changes
            .iter()
            .map(|c| {
                format!(
                    "{}: {} » {}",
                    scenario.region(c.region).name,
                    scenario.status(c.from).label,
                    scenario.status(c.to).label
                )
            })
            .collect();
        let mut to_statuses: Vec<StatusIdx> = Vec::new();
        for c in &self.base_changes {
            if !to_statuses.contains(&c.to) {
                to_statuses.push(c.to);
            }
        }
        for to in to_statuses {
            let names: Vec<&str> = self
                .base_changes
                .iter()
                .filter(|c| c.to == to)
                .map(|c| scenario.place(c.place).name.as_str())
                .collect();
            let who = if names.len() <= MAX_BASES_NAMED {
                names.join(", ")
            } else {
                format!("{} bases", names.len())
            };
            parts.push(format!("{who}: {}", scenario.status(to).label_for(PlaceKind::Base)));
        }
        let compared = if self.on_the_day {
            String::new()
        } else if self.since < self.date {
            format!("Since {}: ", date_format::short(self.since))
        } else {
            format!("Back from {}: ", date_format::short(self.since))
        };
        format!("{compared}{} ({})", parts.join("; "), scenario.track(self.track).name)
    }

    /// The pulse and (while `playing`) the cross-fade at `now_secs`, added
    /// to `effects` for a map of this change's track on `date`.
    pub fn add_to(&self, effects: &mut MapEffects, scenario: &Scenario, date: Date, now_secs: f64, playing: bool) {
        let age = now_secs - self.started_secs;
        if (0.0..PULSE_SECS).contains(&age) {
            // Two soft beats fading out.
            #[expect(clippy::cast_possible_truncation, reason = "0..1")]
            let strength =
                ((1.0 - age / PULSE_SECS) * (0.65 + 0.35 * (age * std::f64::consts::TAU * 1.2).cos())) as f32;
            effects.pulse = self.changes.iter().map(|c| (c.region, strength)).collect();
            effects.base_pulse = self.base_changes.iter().map(|c| (c.place, strength)).collect();
        }
        if self.fade && playing && (0.0..FADE_SECS).contains(&age) {
            #[expect(clippy::cast_possible_truncation, reason = "0..1")]
            let t = (age / FADE_SECS) as f32;
            let mut fills = crate::render::status_fills(scenario, self.track, date);
            for c in &self.changes {
                let from = color32(scenario.status(c.from).color);
                let to = color32(scenario.status(c.to).color);
                if let Some(fill) = fills.get_mut(c.region.0) {
                    *fill = from.lerp_to_gamma(to, t);
                }
            }
            effects.region_fills = Some(fills);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TrackIdx;

    /// A plain caption (no "Since", no "Back from") names only what
    /// changed from the day before the shown day to it, whichever date the
    /// move came from.
    #[test]
    fn a_plain_caption_is_always_the_shown_days_own_change() {
        let s = crate::load::scenario::default_scenario().unwrap();
        let mut plain = 0;
        let mut compared = 0;
        for t in 0..s.tracks.len() {
            let track = TrackIdx(t);
            for date in s.boundaries(track).into_iter().chain(s.base_boundaries(track)) {
                let starts = [1_u64, 2, 7, 40, 400].into_iter().flat_map(|days| {
                    [
                        date.checked_sub_days(chrono::Days::new(days)),
                        date.checked_add_days(chrono::Days::new(days)),
                    ]
                });
                for since in starts.flatten().filter(|d| s.range.contains(*d)) {
                    let Some(fx) = ChangeFx::crossing(&s, track, since, date, 0.0, false) else {
                        continue;
                    };
                    let caption = fx.caption(&s);
                    if !fx.on_the_day {
                        compared += 1;
                        assert!(
                            caption.starts_with("Since ") || caption.starts_with("Back from "),
                            "{caption}"
                        );
                        continue;
                    }
                    plain += 1;
                    let day_before = date.pred_opt().unwrap();
                    for c in &fx.changes {
                        assert_eq!(s.status_on(track, c.region, day_before), Some(c.from), "{caption}");
                        assert_eq!(s.status_on(track, c.region, date), Some(c.to), "{caption}");
                    }
                    for c in &fx.base_changes {
                        assert_eq!(s.base_status_on(track, c.place, day_before), Some(c.from), "{caption}");
                        assert_eq!(s.base_status_on(track, c.place, date), Some(c.to), "{caption}");
                    }
                    assert_eq!(fx.changes, s.changes_between(track, day_before, date), "{caption}");
                }
            }
        }
        assert!(plain > 10 && compared > 10, "{plain} plain, {compared} compared");
    }
}
