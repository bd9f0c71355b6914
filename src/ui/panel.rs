//! The window's panels around the map: the timeline chart under it and
//! the troop-levels panel beside it. They are the window's, not the
//! map's: an export has none of them, and hiding one changes no pixel of
//! the map. The map's own layers are [`crate::render::MapLayer`]s.

use crate::render::MapLayer;
use crate::render::troops::TROOP_PANEL_TITLE;

/// A panel of the window that the briefer can switch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Panel {
    /// The timeline chart under the map.
    Chart,
    /// The interactive troop-levels panel beside the map.
    Troops,
}

impl Panel {
    /// In the View menu's order.
    pub const ALL: [Self; 2] = [Self::Chart, Self::Troops];

    /// How the View menu names it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Chart => "Timeline chart",
            Self::Troops => TROOP_PANEL_TITLE,
        }
    }

    /// The name the settings file keeps it under.
    pub fn id(self) -> &'static str {
        match self {
            Self::Chart => "chart",
            Self::Troops => "troops",
        }
    }

    pub fn default_shown(self) -> bool {
        match self {
            Self::Chart => true,
            Self::Troops => false,
        }
    }

    /// The map layer this panel shows in the window instead: an export
    /// of what the window shows draws that layer on the picture, and the
    /// View menu offers the panel rather than the layer.
    pub fn stands_for(self) -> Option<MapLayer> {
        match self {
            Self::Chart => None,
            Self::Troops => Some(MapLayer::TroopLevels),
        }
    }

    fn bit(self) -> u8 {
        match self {
            Self::Chart => 1,
            Self::Troops => 2,
        }
    }
}

/// Which of the window's panels show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PanelSet {
    bits: u8,
}

impl Default for PanelSet {
    /// The panels shown by default ([`Panel::default_shown`]).
    fn default() -> Self {
        let mut set = Self { bits: 0 };
        for panel in Panel::ALL.into_iter().filter(|p| p.default_shown()) {
            set.toggle(panel);
        }
        set
    }
}

impl PanelSet {
    pub fn contains(self, panel: Panel) -> bool {
        self.bits & panel.bit() != 0
    }

    pub fn toggle(&mut self, panel: Panel) {
        self.bits ^= panel.bit();
    }

    /// This set with `panel` shown (`on`) or hidden.
    #[must_use]
    pub fn with(mut self, panel: Panel, on: bool) -> Self {
        if self.contains(panel) != on {
            self.toggle(panel);
        }
        self
    }

    /// The set that `flags` (name → shown) describe; a panel they do not
    /// name keeps its default, other names are passed over.
    pub fn from_flags<'a>(flags: impl IntoIterator<Item = (&'a str, bool)>) -> Self {
        let mut set = Self::default();
        for (name, on) in flags {
            if let Some(panel) = Panel::ALL.into_iter().find(|p| p.id() == name) {
                set = set.with(panel, on);
            }
        }
        set
    }

    /// Each panel's name and whether it is in the set.
    pub fn flags(self) -> impl Iterator<Item = (&'static str, bool)> {
        Panel::ALL.into_iter().map(move |p| (p.id(), self.contains(p)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chart_shows_and_the_troop_panel_not_by_default_and_flags_round_trip() {
        let set = PanelSet::default();
        assert!(set.contains(Panel::Chart) && !set.contains(Panel::Troops));
        let set = PanelSet::from_flags([("chart", false), ("troops", true), ("cities", false)]);
        assert!(!set.contains(Panel::Chart) && set.contains(Panel::Troops));
        assert_eq!(PanelSet::from_flags(set.flags()), set);
        assert_eq!(
            set.with(Panel::Troops, false).with(Panel::Troops, false),
            PanelSet::from_flags([("chart", false)])
        );
    }
}
