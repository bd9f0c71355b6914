//! The types every part of the composition shares: the scene (what a
//! frame depends on), the briefing's effects on it, and its layout. Only
//! types: the conductor is [`super::paint`], and what it paints
//! ([`super::basemap`], [`super::marks`], [`super::labels`],
//! [`super::panels`], [`super::troops`]) imports this file, never the
//! reverse.

use egui::{Color32, Rect, pos2, vec2};

use super::layer::LayerSet;
use super::style::MapStyle;
use super::view::{MapView, ScreenFromWorld};
use crate::geo::MapGeometry;
use crate::model::{Date, PlaceIdx, RegionIdx, Scenario, TrackIdx};

/// Everything one frame of the map depends on.
#[derive(Clone, Copy, Debug)]
pub struct MapScene<'a> {
    pub scenario: &'a Scenario,
    pub geometry: &'a MapGeometry,
    pub track: TrackIdx,
    pub date: Date,
    pub view: MapView,
    pub style: &'a MapStyle,
    /// The layers drawn over the map.
    pub layers: LayerSet,
    /// Fill the background (the sea); off for a transparent export, and
    /// on screen, where the window is cleared to the sea's colour.
    pub background: bool,
    /// Region feature under the pointer, outlined.
    pub hovered_feature: Option<usize>,
    pub effects: &'a MapEffects,
}

/// What the briefing adds on top of the plain map for a moment or a mode.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapEffects {
    /// Fill per region (index = `RegionIdx.0`) instead of the status colour:
    /// colours cross-fade while playing.
    pub region_fills: Option<Vec<Color32>>,
    /// Regions whose status just changed, outlined with this strength (0..1).
    pub pulse: Vec<(RegionIdx, f32)>,
    /// Bases whose status just changed, ringed with this strength (0..1).
    pub base_pulse: Vec<(PlaceIdx, f32)>,
    /// Regions where this track disagrees with the other (compare view),
    /// outlined dashed; the legend explains the mark.
    pub disagree: Vec<RegionIdx>,
    /// One line under the title: what changed at the last boundary.
    pub caption: Option<String>,
}

/// The plain map: no effects.
pub static NO_EFFECTS: MapEffects = MapEffects {
    region_fills: None,
    pulse: Vec::new(),
    base_pulse: Vec::new(),
    disagree: Vec::new(),
    caption: None,
};

/// Where the parts of the map go in an area.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapLayout {
    /// The whole area.
    pub rect: Rect,
    /// The area the home view fills (the map proper, clear of the panel).
    pub fit_rect: Rect,
    /// The info column on the left (title and legend), if there is room.
    pub panel_rect: Rect,
    /// One layout unit, points: text sizes and margins are multiples.
    pub unit: f32,
}

impl MapLayout {
    /// Lays out `rect`. Sizes follow the area's height so that a 1280×720
    /// slide and a 4K export show the same picture.
    pub fn new(rect: Rect, style: &MapStyle) -> Self {
        let unit = (rect.height().min(rect.width() * 0.8) / 100.0).max(0.5) * style.text_scale;
        let margin = 1.6 * unit;
        let footer_h = 3.0 * unit;
        let wide = rect.width() >= 1.25 * rect.height();
        let panel_w = if wide {
            (46.0 * unit).min(rect.width() * 0.3)
        } else {
            0.0
        };
        let panel_rect = Rect::from_min_max(
            rect.min + vec2(margin, margin),
            pos2(rect.left() + margin + panel_w, rect.bottom() - footer_h),
        );
        let fit_left = if wide {
            panel_rect.right() + margin
        } else {
            rect.left() + margin
        };
        // Narrow areas (a half of the compare view, a portrait window) keep
        // a band at the top for the title block instead of a column.
        let fit_top = if wide {
            rect.top() + margin
        } else {
            rect.top() + margin + 12.0 * unit
        };
        let fit_rect = Rect::from_min_max(
            pos2(fit_left, fit_top),
            pos2(rect.right() - margin, rect.bottom() - footer_h),
        );
        let fit_rect = if fit_rect.is_positive() { fit_rect } else { rect };
        Self {
            rect,
            fit_rect,
            panel_rect,
            unit,
        }
    }

    pub fn screen_from_world(&self, view: &MapView, geometry: &MapGeometry) -> ScreenFromWorld {
        view.screen_from_world(geometry.bounds, self.fit_rect)
    }
}
