//! The types every part of the composition shares: the scene (what a
//! frame depends on), the briefing's effects on it, and its layout. Only
//! types: the conductor is [`super::paint`], and what it paints
//! ([`super::basemap`], [`super::marks`], [`super::labels`],
//! [`super::panels`], [`super::troops`]) imports this file, never the
//! reverse.

use egui::{Color32, Rect, pos2, vec2};

use super::layer::LayerSet;
use super::style::{MIN_TEXT_PT, MapStyle, legible_pt};
use super::view::{MapView, ScreenFromWorld};
use crate::geo::MapGeometry;
use crate::model::{Agreement, Date, PlaceIdx, RegionIdx, Scenario, TrackIdx};

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

impl<'a> MapScene<'a> {
    /// `track` on `date` at the home view with the default layers and the
    /// sea painted, nothing hovered: the scene of most tests.
    #[cfg(test)]
    pub fn home(
        scenario: &'a Scenario,
        geometry: &'a MapGeometry,
        (track, date): (TrackIdx, Date),
        style: &'a MapStyle,
        effects: &'a MapEffects,
    ) -> Self {
        Self {
            scenario,
            geometry,
            track,
            date,
            view: MapView::HOME,
            style,
            layers: LayerSet::default(),
            background: true,
            hovered_feature: None,
            effects,
        }
    }
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
    /// Regions where one track has no report but its last report agreed
    /// with the other (compare view): outlined in their own dashes, not
    /// as differing.
    pub unconfirmed: Vec<RegionIdx>,
    /// The other track of a comparison: the one legend (painted on one
    /// side only) explains the marks of both.
    pub compare_with: Option<TrackIdx>,
    /// The user's today, for the currency line: a date after it on a
    /// track without a record reads as a plan not yet reached. `None`
    /// says nothing of it (a fixed test date needs no clock).
    pub today: Option<Date>,
    /// One line under the title: what changed at the last boundary.
    pub caption: Option<String>,
}

impl MapEffects {
    /// The marks of `track` shown beside `other` on `date`: regions where
    /// they differ, regions where a silent record last agreed with the
    /// other ("unconfirmed"), and the other track for the one legend.
    /// The window's panes and an exported comparison both take them
    /// from here.
    pub fn comparing(scenario: &Scenario, track: TrackIdx, other: TrackIdx, date: Date) -> Self {
        Self {
            disagree: scenario.regions_where(track, other, date, Agreement::Differs),
            unconfirmed: scenario.regions_where(track, other, date, Agreement::Unconfirmed),
            compare_with: Some(other),
            ..Self::default()
        }
    }
}

/// The plain map: no effects.
pub static NO_EFFECTS: MapEffects = MapEffects {
    region_fills: None,
    pulse: Vec::new(),
    base_pulse: Vec::new(),
    disagree: Vec::new(),
    unconfirmed: Vec::new(),
    compare_with: None,
    today: None,
    caption: None,
};

/// Height of the legend's band under a narrow map, layout units: a title
/// and five rows.
const LEGEND_BAND_U: f32 = 17.5;

/// The title block's lines over a narrow map (the panels' title block),
/// each its text size and the gap under it, layout units: the track, the
/// date, the record's currency, the phase and the milestone, a row each
/// (the block is wide enough over a narrow map for the shipped ones).
const TITLE_ROWS_U: [(f32, f32); 5] = [(1.5, 0.3), (4.4, 0.3), (1.5, 0.5), (2.1, 0.8), (1.65, 0.3)];

/// A row of text's height per point of its size (the text engine's line
/// height for egui's fonts, a little over).
const ROW_PER_PT: f32 = 1.19;

/// The title band the legend's spare height under a narrow map was sized
/// beside (a track, a date and a phase), layout units: what the title
/// takes beyond it comes out of that spare height.
const LEGEND_SHARE_TITLE_U: f32 = 12.0;

/// The title block's padding, top and bottom together, layout units.
const TITLE_PADDING_U: f32 = 2.4;

/// The height of the title block's band over a narrow map, points: its
/// lines at their sizes (text held at the legible minimum, as the block
/// holds it), gaps and padding. The block is held to the band (a line
/// past it is dropped), so that it never covers the map's top: north-east
/// Syria's bases are there.
fn title_band(unit: f32) -> f32 {
    let rows: f32 = TITLE_ROWS_U
        .iter()
        .map(|&(size, gap)| legible_pt(size, unit) * ROW_PER_PT + gap * unit)
        .sum();
    rows + TITLE_PADDING_U * unit
}

/// Where the parts of the map go in an area.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapLayout {
    /// The whole area.
    pub rect: Rect,
    /// The area the home view fills (the map proper, clear of the panel).
    pub fit_rect: Rect,
    /// The info column on the left (title and legend), if there is room.
    pub panel_rect: Rect,
    /// Where the legend goes: the lower part of the info column on wide
    /// areas, a band under the map on narrow ones; never over the map.
    pub legend_rect: Rect,
    /// The legend's box as painted (see [`super::paint_map`]); `None`
    /// before painting, without the legend layer, or without room for it.
    pub legend_box: Option<Rect>,
    /// The title block as painted; `None` before painting or without the
    /// title layer.
    pub title_box: Option<Rect>,
    /// One layout unit, points: text sizes and margins are multiples.
    pub unit: f32,
}

impl MapLayout {
    /// Lays out `rect`, the legend's room kept whether or not the legend
    /// shows. Sizes follow the area's height so that a 1280×720 slide and
    /// a 4K export show the same picture.
    ///
    /// Every map is laid out alike, whatever its layers: both maps of a
    /// comparison keep the legend's room, though only the right one paints
    /// the legend, so that the two halves are one picture at one scale, a
    /// base at the same place in each, and the eye reads the difference and
    /// not a shift; a map alone keeps its room when the legend is hidden, so
    /// that hiding it moves nothing else.
    pub fn new(rect: Rect, style: &MapStyle) -> Self {
        let unit = (rect.height().min(rect.width() * 0.8) / 100.0).max(0.5) * style.text_scale;
        let margin = 1.6 * unit;
        let footer_h = 3.0 * unit;
        let wide = rect.width() >= 1.25 * rect.height();
        // The column is as wide as its text needs at the legible minimum
        // (a short map's unit alone would squeeze the legend's rows until
        // they no longer fit), but never more than a third of the area.
        let panel_w = if wide {
            (46.0 * unit.max(MIN_TEXT_PT / 1.5)).min(rect.width() * 0.3)
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
            // As tall as the title block's text needs at the legible
            // minimum, as the legend's band below, and a small gap.
            rect.top() + margin + title_band(unit) + 0.4 * unit
        };
        // Narrow areas keep a band under the map for the legend, its
        // sections side by side: a legend floating over the map would hide
        // the regions it explains.
        // A narrow map is held by its width, so the band takes height it
        // leaves over (over a fifth of it) where that is more.
        // The title's band takes its share of that first: a band grown
        // to hold the whole title block shrinks the legend's spare
        // height, not the map.
        let legend_band_h = if wide {
            0.0
        } else {
            let title_growth =
                (fit_top - rect.top() - margin - LEGEND_SHARE_TITLE_U * unit.max(MIN_TEXT_PT / 1.5)).max(0.0);
            (LEGEND_BAND_U * unit.max(MIN_TEXT_PT / 1.5)).max(0.22 * rect.height() - title_growth)
        };
        let fit_rect = Rect::from_min_max(
            pos2(fit_left, fit_top),
            pos2(rect.right() - margin, rect.bottom() - footer_h - legend_band_h),
        );
        let fit_rect = if fit_rect.is_positive() { fit_rect } else { rect };
        let legend_rect = if wide {
            panel_rect
        } else {
            Rect::from_min_max(
                pos2(rect.left() + margin, fit_rect.bottom()),
                pos2(rect.right() - margin, rect.bottom() - footer_h),
            )
        };
        Self {
            rect,
            fit_rect,
            panel_rect,
            legend_rect,
            legend_box: None,
            title_box: None,
            unit,
        }
    }

    pub fn screen_from_world(&self, view: &MapView, geometry: &MapGeometry) -> ScreenFromWorld {
        view.screen_from_world(geometry.bounds, self.fit_rect)
    }
}
