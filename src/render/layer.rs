//! The map's layers: one row each (paint order, label, name, default),
//! and the set of them that shows. The View menu, the settings file, the
//! export dialog, the command line's `--hide` and the paint step
//! ([`super::paint`]) all go through [`MapLayer::ALL`], so that a new
//! layer is one row here and one arm of the paint step's `match`.
//!
//! Under every layer lies the map itself (sea, countries, regions,
//! borders and the marks on regions), which always shows; the sea is left
//! out only for a transparent export ([`super::MapScene::background`]).

use std::fmt;

/// One layer of the map, drawn over the map itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MapLayer {
    /// City dots and their names.
    Cities,
    /// Coalition bases (places of kind "base"): markers by status, names.
    Bases,
    /// Each region's name and its status chip.
    RegionLabels,
    /// Incidents near the date (attacks on coalition sites), fading.
    Incidents,
    /// The source line and the credit along the bottom.
    Sources,
    /// Track, date, phase, milestone and caption.
    Title,
    Legend,
    /// The compact troop-levels panel ([`super::troops`]). The window
    /// shows its own interactive panel beside the map instead.
    TroopLevels,
}

impl MapLayer {
    /// Every layer, in paint order: the layers on the map, then the
    /// panels over it (the sources first: the legend stands on them).
    pub const ALL: [Self; 8] = [
        Self::Cities,
        Self::Bases,
        Self::RegionLabels,
        Self::Incidents,
        Self::Sources,
        Self::Title,
        Self::Legend,
        Self::TroopLevels,
    ];

    /// How the View menu and the export dialog name it.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Cities => "Cities",
            Self::Bases => "Bases",
            Self::RegionLabels => "Region labels",
            Self::Incidents => "Incidents",
            Self::Sources => "Sources",
            Self::Title => "Title",
            Self::Legend => "Legend",
            Self::TroopLevels => "Troop levels",
        }
    }

    /// The name the command line (`--hide`) and the settings file use:
    /// the label in lower case, words joined by `-`.
    pub const fn id(self) -> &'static str {
        match self {
            Self::Cities => "cities",
            Self::Bases => "bases",
            Self::RegionLabels => "region-labels",
            Self::Incidents => "incidents",
            Self::Sources => "sources",
            Self::Title => "title",
            Self::Legend => "legend",
            Self::TroopLevels => "troop-levels",
        }
    }

    /// Whether it shows unless the briefer hides it.
    pub const fn default_shown(self) -> bool {
        match self {
            Self::Cities
            | Self::Bases
            | Self::RegionLabels
            | Self::Incidents
            | Self::Sources
            | Self::Title
            | Self::Legend => true,
            Self::TroopLevels => false,
        }
    }

    /// Whether it is drawn on the map itself, rather than in a panel over
    /// it. A panel depends on the date itself, the layers on the map only
    /// through their marks: an exporter paints the map once for frames
    /// that share it and the panels on each frame ([`super::PaintPass`]).
    pub const fn on_map(self) -> bool {
        match self {
            Self::Cities | Self::Bases | Self::RegionLabels | Self::Incidents => true,
            Self::Sources | Self::Title | Self::Legend | Self::TroopLevels => false,
        }
    }

    /// The layer named `name` ([`Self::id`]); an older settings file's
    /// spelling with `_` for `-` (`region_labels`) is accepted too.
    pub fn from_id(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|l| l.id() == name || l.id().replace('-', "_") == name)
    }

    /// Its position in [`Self::ALL`]: its bit in a [`LayerSet`].
    const fn index(self) -> u32 {
        match self {
            Self::Cities => 0,
            Self::Bases => 1,
            Self::RegionLabels => 2,
            Self::Incidents => 3,
            Self::Sources => 4,
            Self::Title => 5,
            Self::Legend => 6,
            Self::TroopLevels => 7,
        }
    }

    const fn bit(self) -> u16 {
        1 << self.index()
    }
}

impl fmt::Display for MapLayer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// Which layers show: a set of [`MapLayer`]s, listed in paint order.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct LayerSet {
    bits: u16,
}

impl Default for LayerSet {
    /// The layers shown by default ([`MapLayer::default_shown`]).
    fn default() -> Self {
        MapLayer::ALL.into_iter().filter(|l| l.default_shown()).collect()
    }
}

impl LayerSet {
    /// No layer: the map alone.
    pub const NONE: Self = Self { bits: 0 };

    /// Every layer.
    pub fn all() -> Self {
        MapLayer::ALL.into_iter().collect()
    }

    pub fn contains(self, layer: MapLayer) -> bool {
        self.bits & layer.bit() != 0
    }

    pub fn show(&mut self, layer: MapLayer) {
        self.bits |= layer.bit();
    }

    pub fn hide(&mut self, layer: MapLayer) {
        self.bits &= !layer.bit();
    }

    pub fn toggle(&mut self, layer: MapLayer) {
        self.bits ^= layer.bit();
    }

    /// This set with `layer` shown (`on`) or hidden.
    #[must_use]
    pub fn with(mut self, layer: MapLayer, on: bool) -> Self {
        if on {
            self.show(layer);
        } else {
            self.hide(layer);
        }
        self
    }

    /// The layers in the set, in paint order.
    pub fn iter(self) -> impl Iterator<Item = MapLayer> {
        MapLayer::ALL.into_iter().filter(move |l| self.contains(*l))
    }

    /// The layers named in `list` (`bases,incidents`: [`MapLayer::id`]s
    /// separated by commas, spaces around them ignored), as the command
    /// line's `--hide` takes them.
    pub fn parse_list(list: &str) -> Result<Self, UnknownLayer> {
        let mut set = Self::NONE;
        for (position, name) in list.split(',').enumerate() {
            let name = name.trim();
            let layer = MapLayer::ALL.into_iter().find(|l| l.id() == name);
            match layer {
                Some(layer) => set.show(layer),
                None => {
                    return Err(UnknownLayer {
                        name: name.to_owned(),
                        position: position + 1,
                    });
                }
            }
        }
        Ok(set)
    }

    /// The set that `flags` (name → shown, as a settings file keeps them)
    /// describe; a layer they do not name keeps its default, a name that
    /// is not a layer's is passed over (a newer file's layer, or another
    /// setting in an older file's list).
    pub fn from_flags<'a>(flags: impl IntoIterator<Item = (&'a str, bool)>) -> Self {
        let mut set = Self::default();
        for (name, on) in flags {
            if let Some(layer) = MapLayer::from_id(name) {
                set = set.with(layer, on);
            }
        }
        set
    }

    /// Each layer's name and whether it is in the set, in paint order.
    pub fn flags(self) -> impl Iterator<Item = (&'static str, bool)> {
        MapLayer::ALL.into_iter().map(move |l| (l.id(), self.contains(l)))
    }
}

impl FromIterator<MapLayer> for LayerSet {
    fn from_iter<I: IntoIterator<Item = MapLayer>>(layers: I) -> Self {
        let mut set = Self::NONE;
        for layer in layers {
            set.show(layer);
        }
        set
    }
}

impl fmt::Debug for LayerSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

/// A name in a list of layers that is no layer's.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown layer {name:?} (name {position} of the list); the layers are: {}",
    known_layer_names()
)]
pub struct UnknownLayer {
    pub name: String,
    /// Which name of the list it is, from 1.
    pub position: usize,
}

/// Every layer's name, in paint order, separated by commas.
pub fn known_layer_names() -> String {
    MapLayer::ALL.map(MapLayer::id).join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_layer_is_found_by_its_id_which_is_its_label_in_lower_case() {
        for layer in MapLayer::ALL {
            assert_eq!(MapLayer::from_id(layer.id()), Some(layer));
            assert_eq!(layer.id(), layer.label().to_lowercase().replace(' ', "-"));
            assert_eq!(MapLayer::ALL.get(layer.index() as usize), Some(&layer), "{layer}");
        }
        assert_eq!(MapLayer::from_id("region_labels"), Some(MapLayer::RegionLabels));
        assert_eq!(MapLayer::from_id("Legend"), None, "ids are exact");
    }

    #[test]
    fn layers_on_the_map_are_painted_before_the_panels_over_it() {
        let first_panel = MapLayer::ALL.iter().position(|l| !l.on_map()).unwrap();
        assert!(MapLayer::ALL[first_panel..].iter().all(|l| !l.on_map()));
        assert_eq!(
            MapLayer::ALL[first_panel],
            MapLayer::Sources,
            "the legend stands on the sources"
        );
    }

    #[test]
    fn a_set_shows_hides_and_toggles_and_lists_in_paint_order() {
        let mut set = LayerSet::NONE;
        set.show(MapLayer::Legend);
        set.show(MapLayer::Cities);
        assert_eq!(set.iter().collect::<Vec<_>>(), [MapLayer::Cities, MapLayer::Legend]);
        set.toggle(MapLayer::Cities);
        set.toggle(MapLayer::Bases);
        assert!(!set.contains(MapLayer::Cities) && set.contains(MapLayer::Bases));
        set.hide(MapLayer::Legend);
        assert_eq!(set.iter().collect::<Vec<_>>(), [MapLayer::Bases]);
        assert_eq!(LayerSet::all().iter().count(), MapLayer::ALL.len());
        let default = LayerSet::default();
        assert!(!default.contains(MapLayer::TroopLevels));
        assert_eq!(default.iter().count(), MapLayer::ALL.len() - 1);
    }

    #[test]
    fn a_list_of_names_parses_and_an_unknown_name_is_located_and_the_known_ones_listed() {
        let set = LayerSet::parse_list("bases, incidents").unwrap();
        assert_eq!(set.iter().collect::<Vec<_>>(), [MapLayer::Bases, MapLayer::Incidents]);
        let err = LayerSet::parse_list("bases,incidnets").unwrap_err();
        assert_eq!((err.name.as_str(), err.position), ("incidnets", 2));
        let message = err.to_string();
        assert!(message.contains("\"incidnets\" (name 2 of the list)"), "{message}");
        for layer in MapLayer::ALL {
            assert!(message.contains(layer.id()), "{message}");
        }
        assert!(LayerSet::parse_list("").is_err(), "an empty name is no layer");
    }

    #[test]
    fn flags_keep_defaults_for_what_they_leave_out_and_pass_over_other_names() {
        let set = LayerSet::from_flags([("cities", false), ("chart", true), ("troop-levels", true)]);
        assert!(!set.contains(MapLayer::Cities));
        assert!(set.contains(MapLayer::TroopLevels));
        assert!(set.contains(MapLayer::Incidents), "not named: its default");
        assert_eq!(LayerSet::from_flags(set.flags()), set, "flags round-trip");
    }
}
