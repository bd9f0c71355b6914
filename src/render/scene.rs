//! The one composition of the map: what goes where, in which colour and
//! size. The screen and the exporter both call [`paint_map`] (or
//! [`paint_map_pass`]) with their own [`Canvas`], so an exported slide is
//! the map the briefer saw, not a second drawing that drifts.
//!
//! This file holds the scene (what a frame depends on), its layout and
//! the map layer itself (sea, countries, regions, borders, marks); the
//! labels ([`super::labels`]) and the text panels ([`super::panels`]) are
//! painted from here.

use egui::{Color32, Rect, Stroke, pos2, vec2};

use super::canvas::{Canvas, WorldLine};
use super::labels::{LabelLayoutCache, paint_places_and_labels};
use super::marks::{MapMarks, REGION_HATCH_PERIOD_U, item_name};
use super::panels::{paint_footer, paint_panel};
use super::style::{MapStyle, color32};
use super::view::{MapView, ScreenFromWorld};
use crate::geo::{BorderLine, MapGeometry};
use crate::model::{Date, PlaceIdx, RegionIdx, Scenario, TrackIdx};

/// Which overlays to draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Overlays {
    /// Date, track and phase title.
    pub title: bool,
    pub legend: bool,
    pub region_labels: bool,
    pub cities: bool,
    /// Coalition bases (places of kind "base").
    pub bases: bool,
    /// Incidents near the date (attacks on coalition sites), fading.
    pub incidents: bool,
    /// Source line and credit along the bottom.
    pub footer: bool,
    /// Fill the background (sea); off for transparent exports.
    pub background: bool,
    /// The compact troop-levels panel ([`super::troops`]); the window
    /// shows its own interactive one instead.
    pub troops: bool,
}

impl Default for Overlays {
    fn default() -> Self {
        Self {
            title: true,
            legend: true,
            region_labels: true,
            cities: true,
            bases: true,
            incidents: true,
            footer: true,
            background: true,
            troops: false,
        }
    }
}

/// Everything one frame of the map depends on.
#[derive(Clone, Copy, Debug)]
pub struct MapScene<'a> {
    pub scenario: &'a Scenario,
    pub geometry: &'a MapGeometry,
    pub track: TrackIdx,
    pub date: Date,
    pub view: MapView,
    pub style: &'a MapStyle,
    pub overlays: Overlays,
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

/// Paints the map and its overlays into `rect`. The label placement is
/// taken from `labels` if it holds this frame's, and kept there if not;
/// without a cache it is worked out anew.
pub fn paint_map(
    scene: &MapScene<'_>,
    rect: Rect,
    canvas: &mut dyn Canvas,
    labels: Option<&mut LabelLayoutCache>,
) -> MapLayout {
    paint_map_pass(scene, rect, canvas, PaintPass::All, labels)
}

/// Which of a frame's two passes to paint, or both (`All`), in this
/// order: the map (`Base`: sea, countries, regions, borders, places and
/// labels), which depends on the date only through [`BaseLayerKey`], and
/// on top of it the text panels (`Panels`: title, legend, source line),
/// which depend on the date itself. A frame painted as `Base` then
/// `Panels` on the same canvas is the frame painted as `All`, pixel for
/// pixel: a sequence exporter paints each distinct base once and only the
/// panels per frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaintPass {
    All,
    Base,
    Panels,
}

/// What the base layer of a scene depends on that changes from one date
/// to another (the view, style, overlays and size are the caller's to
/// hold fixed): each region's and each base's marks (status, hatch, low
/// confidence), the incidents shown with their fade, and the regions
/// outlined as disagreeing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseLayerKey {
    marks: MapMarks,
    disagree: Vec<RegionIdx>,
}

impl BaseLayerKey {
    /// The key of `scene`'s base layer; `None` when the scene has effects
    /// that change every frame (cross-fade, pulse, hover), which are not
    /// worth keeping.
    pub fn of(scene: &MapScene<'_>) -> Option<Self> {
        let effects = scene.effects;
        if effects.region_fills.is_some()
            || !effects.pulse.is_empty()
            || !effects.base_pulse.is_empty()
            || scene.hovered_feature.is_some()
        {
            return None;
        }
        Some(Self {
            marks: MapMarks::of(scene.scenario, scene.track, scene.date),
            disagree: effects.disagree.clone(),
        })
    }
}

/// Paints `pass` of the map into `rect`; `labels` as for [`paint_map`].
pub fn paint_map_pass(
    scene: &MapScene<'_>,
    rect: Rect,
    canvas: &mut dyn Canvas,
    pass: PaintPass,
    labels: Option<&mut LabelLayoutCache>,
) -> MapLayout {
    let layout = MapLayout::new(rect, scene.style);
    // Lines keep their weight relative to the picture in large exports;
    // below the reference size they stay as designed, to stay visible.
    let stroke_scale = (layout.unit / super::style::REFERENCE_UNIT).max(1.0);
    let scaled_style = scene.style.with_stroke_scale(stroke_scale);
    let scene = &MapScene {
        style: &scaled_style,
        ..*scene
    };
    if pass != PaintPass::Panels {
        paint_base_layer(scene, &layout, canvas, labels);
    }
    if pass != PaintPass::Base {
        // The footer first: the legend stands on it.
        let footer_top = if scene.overlays.footer {
            paint_footer(scene, &layout, canvas)
        } else {
            layout.rect.bottom()
        };
        if scene.overlays.title || scene.overlays.legend {
            paint_panel(scene, &layout, footer_top, canvas);
        }
        if scene.overlays.troops {
            super::troops::paint_troop_panel(scene, &layout, footer_top, canvas);
        }
    }
    layout
}

/// Sea, countries, regions, borders, marks, places and labels.
fn paint_base_layer(
    scene: &MapScene<'_>,
    layout: &MapLayout,
    canvas: &mut dyn Canvas,
    labels: Option<&mut LabelLayoutCache>,
) {
    let rect = layout.rect;
    let to_screen = layout.screen_from_world(&scene.view, scene.geometry);
    let style = scene.style;
    let visible_world = to_screen.world_rect(rect);
    // Level of detail for this zoom: the same picture within a fraction
    // of a point, with far fewer vertices on full-resolution boundaries.
    let detail = scene.geometry.detail_for(to_screen.scale);

    if scene.overlays.background {
        canvas.rect(rect, 0.0, style.sea, Stroke::NONE);
    }
    for shape in detail.context.iter().filter(|s| s.bounds.intersects(visible_world)) {
        canvas.fill_feature(shape, &to_screen, style.context_fill);
    }
    let visible = |line: &&BorderLine| line.bounds.intersects(visible_world);
    for line in detail.borders.context.iter().filter(visible) {
        canvas.stroke_world(WorldLine::border(line), false, &to_screen, style.context_border);
    }

    let marks = MapMarks::of(scene.scenario, scene.track, scene.date);
    let region_colors = region_colors(scene);
    let hatch_period = REGION_HATCH_PERIOD_U * layout.unit;
    // Region by region, so that a vector canvas groups each under its name.
    for (r, region) in scene.scenario.regions.iter().enumerate() {
        let mut features = detail
            .features
            .iter()
            .filter(|f| f.region.0 == r && f.shape.bounds.intersects(visible_world))
            .peekable();
        if features.peek().is_none() {
            continue;
        }
        match marks.regions.get(r) {
            Some(mark) => canvas.begin_item(&item_name(scene.scenario, &region.name, false, mark)),
            None => canvas.begin_item(&region.name),
        }
        for feature in features {
            canvas.fill_feature(&feature.shape, &to_screen, region_colors[feature.region.0]);
            // No report since the last one: that report's colour in stripes
            // over the grey.
            let last = marks.regions.get(feature.region.0).and_then(|m| m.last_reported);
            if let Some(last) = last {
                let stripe = color32(scene.scenario.status(last).color);
                canvas.hatch_feature(&feature.shape, &to_screen, stripe, hatch_period);
            }
        }
        canvas.end_item();
    }
    for line in detail.borders.internal.iter().filter(visible) {
        canvas.stroke_world(WorldLine::border(line), false, &to_screen, style.internal_border);
    }
    for outline in detail.region_outlines.iter().flatten() {
        canvas.stroke_world(WorldLine::border(outline), false, &to_screen, style.region_border);
    }
    for (r, _) in marks.regions.iter().enumerate().filter(|(_, m)| m.low_confidence) {
        for outline in detail.region_outlines.get(r).into_iter().flatten() {
            low_confidence_line(canvas, WorldLine::border(outline), &to_screen, style);
        }
    }
    for &(region, strength) in &scene.effects.pulse {
        let strength = strength.clamp(0.0, 1.0);
        let stroke = Stroke::new(
            style.region_border.width * (1.0 + 2.5 * strength),
            style.pulse.gamma_multiply(strength),
        );
        for outline in detail.region_outlines.get(region.0).into_iter().flatten() {
            canvas.stroke_world(WorldLine::border(outline), false, &to_screen, stroke);
        }
    }
    for region in &scene.effects.disagree {
        for outline in detail.region_outlines.get(region.0).into_iter().flatten() {
            disagree_line(canvas, WorldLine::border(outline), &to_screen, style, 1.0);
        }
    }
    if let Some(feature) = scene.hovered_feature.and_then(|i| detail.features.get(i)) {
        for ring in (0..feature.shape.rings.len()).filter_map(|r| WorldLine::ring(&feature.shape, r)) {
            canvas.stroke_world(ring, true, &to_screen, style.hover_border);
        }
    }

    paint_places_and_labels(scene, &marks, &to_screen, layout.unit, canvas, labels);
}

/// The status colour of each region (index = `RegionIdx.0`) on `date`.
pub fn status_fills(scenario: &Scenario, track: TrackIdx, date: Date) -> Vec<Color32> {
    scenario
        .statuses_on(track, date)
        .map(|s| s.map_or(Color32::GRAY, |s| color32(scenario.status(s).color)))
        .collect()
}

/// The fill of each region in this frame: the effects' cross-fade if any,
/// else the status colours.
fn region_colors(scene: &MapScene<'_>) -> Vec<Color32> {
    scene
        .effects
        .region_fills
        .clone()
        .unwrap_or_else(|| status_fills(scene.scenario, scene.track, scene.date))
}

/// Dot and gap of the "low confidence" outline, points (before the
/// stroke scale): short dashes that read as dots.
const LOW_CONFIDENCE_DOTS: [f32; 2] = [2.5, 4.5];

/// The "low confidence" mark of a region: light dots along its dark
/// outline, so that it reads on every fill and apart from the yellow
/// dashes of "tracks disagree".
pub(super) fn low_confidence_line(
    canvas: &mut dyn Canvas,
    line: WorldLine<'_>,
    to_screen: &ScreenFromWorld,
    style: &MapStyle,
) {
    let width = style.region_border.width;
    let dots = LOW_CONFIDENCE_DOTS.map(|d| d * width / 2.2);
    canvas.stroke_world_dashed(line, to_screen, Stroke::new(width * 0.9, style.halo.to_opaque()), dots);
}

/// Dash and gap of the "tracks disagree" outline, points.
const DISAGREE_DASH: [f32; 2] = [9.0, 6.0];

/// The "tracks disagree" mark: a solid line in the border colour under
/// dashes in a contrasting colour, so it reads over the region's own border
/// and on every fill.
pub(super) fn disagree_line(
    canvas: &mut dyn Canvas,
    line: WorldLine<'_>,
    to_screen: &ScreenFromWorld,
    style: &MapStyle,
    dash_scale: f32,
) {
    let base = Stroke::new(style.disagree.width + 1.5, style.region_border.color);
    canvas.stroke_world(line, false, to_screen, base);
    canvas.stroke_world_dashed(line, to_screen, style.disagree, DISAGREE_DASH.map(|d| d * dash_scale));
}
