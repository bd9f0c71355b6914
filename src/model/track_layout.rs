//! Which tracks one picture shows, and where: the window's map, an
//! exported image and a sequence's frames all follow it.

use super::{Scenario, TrackIdx};

/// The tracks of one picture: one track, or two side by side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrackLayout {
    Single(TrackIdx),
    /// Left | right, each half with its own title (the track's name),
    /// legend and source line.
    SideBySide([TrackIdx; 2]),
}

impl TrackLayout {
    /// What a view shows: the scenario's compare pair
    /// ([`Scenario::compare_pair`]) when comparing and the scenario has
    /// one, else `track`.
    pub fn shown(compare: bool, track: TrackIdx, scenario: &Scenario) -> Self {
        match scenario.compare_pair() {
            Some(pair) if compare => Self::SideBySide(pair),
            _ => Self::Single(track),
        }
    }

    /// The tracks shown, left to right.
    pub fn as_slice(&self) -> &[TrackIdx] {
        match self {
            Self::Single(t) => std::slice::from_ref(t),
            Self::SideBySide(ts) => ts,
        }
    }

    /// The label in file names: the track's id, or `compare`.
    pub fn file_label(self, scenario: &Scenario) -> String {
        match self {
            Self::Single(t) => scenario.track(t).id.clone(),
            Self::SideBySide(_) => "compare".to_owned(),
        }
    }
}
