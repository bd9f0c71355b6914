//! The last status change crossed, and what it does to the map for a
//! moment: the changed regions' outlines and bases' markers pulse, the
//! regions' colours cross-fade while playing, and a caption says what
//! changed.

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
    pub track: TrackIdx,
    pub changes: Vec<StatusChange>,
    /// Bases with a record of their own in the track (the others change
    /// with their region).
    pub base_changes: Vec<BaseStatusChange>,
    /// Whether the change happened while playing (colours cross-fade).
    pub fade: bool,
}

impl ChangeFx {
    /// Whether the pulse still runs at `now_secs`.
    pub fn is_pulsing(&self, now_secs: f64) -> bool {
        now_secs - self.started_secs < PULSE_SECS
    }

    /// "Federal Iraq: Transition under way » Coalition mission over;
    /// Al-Tanf garrison: Handed over or vacated (Reported)": each region's
    /// change, then the bases by the status they changed to (as a base
    /// marker says it), named if a few, counted if many.
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
        format!("{} ({})", parts.join("; "), scenario.track(self.track).name)
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
