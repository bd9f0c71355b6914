//! The conductor: paints a scene ([`MapScene`]) on a [`Canvas`], the map
//! first ([`super::basemap`]), then each shown layer in paint order
//! ([`MapLayer::ALL`]), each drawn by the module it belongs to. The screen
//! and the exporter both call [`paint_map`] (or [`paint_map_pass`]) with
//! their own canvas, so an exported slide is the map the briefer saw, not
//! a second drawing that drifts.

use std::borrow::Cow;

use egui::Rect;

use super::basemap::paint_basemap;
use super::canvas::Canvas;
use super::labels::{LabelLayout, LabelLayoutCache, paint_place_labels, paint_region_labels, placed_labels};
use super::layer::{LayerSet, MapLayer};
use super::marks::{EntityMark, MapMarks, paint_base_markers, paint_city_markers, paint_incidents};
use super::panels::{paint_footer, paint_legend, paint_title};
use super::scene::{MapLayout, MapScene};
use super::style::{MapStyle, REFERENCE_UNIT};
use super::troops::paint_troop_panel;
use super::view::ScreenFromWorld;
use crate::model::{PlaceKind, RegionIdx};

/// Paints the map and its layers into `rect`. The label placement is
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
/// order: the map and the layers on it (`Base`: sea, countries, regions,
/// borders, places, labels and incidents), which depend on the date only
/// through [`BaseLayerKey`], and on top of it the panels (`Panels`:
/// sources, title, legend, troop levels; [`MapLayer::on_map`] tells
/// which), which depend on the date itself. A frame painted as `Base`
/// then `Panels` on the same canvas is the frame painted as `All`, pixel
/// for pixel: a sequence exporter paints each distinct base once and only
/// the panels per frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaintPass {
    All,
    Base,
    Panels,
}

impl PaintPass {
    /// Whether this pass starts with the ground ([`paint_ground`]).
    pub fn has_ground(self) -> bool {
        self != Self::Panels
    }

    /// Whether this pass paints `layer`.
    fn paints(self, layer: MapLayer) -> bool {
        match self {
            Self::All => true,
            Self::Base => layer.on_map(),
            Self::Panels => !layer.on_map(),
        }
    }
}

/// What the base layer of a scene depends on that changes from one date
/// to another (the view, style, layers and size are the caller's to
/// hold fixed): each region's and each base's marks (status, hatch, low
/// confidence), the incidents shown with their fade, and the regions
/// outlined as disagreeing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseLayerKey {
    marks: MapMarks,
    disagree: Vec<RegionIdx>,
    unconfirmed: Vec<RegionIdx>,
    /// The view's centre and zoom as bits, and the layers: a brief's
    /// frames differ in both, a date sequence's in neither.
    view_bits: (Option<[u32; 2]>, u32),
    layers: LayerSet,
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
            unconfirmed: effects.unconfirmed.clone(),
            view_bits: (
                scene.view.centre.map(|c| c.map(f32::to_bits)),
                scene.view.zoom.to_bits(),
            ),
            layers: scene.layers,
        })
    }

    /// The key of this layer's ground ([`paint_ground`]): what of it the
    /// ground shows. Frames of different base layers often share it (a
    /// deck's milestones: a base's status changes, the regions' do not).
    pub fn ground(&self) -> GroundKey {
        GroundKey {
            regions: self.marks.regions.clone(),
            disagree: self.disagree.clone(),
            unconfirmed: self.unconfirmed.clone(),
            view_bits: self.view_bits,
        }
    }
}

/// What a scene's ground ([`paint_ground`]) depends on that changes
/// from one frame to another: each region's mark (status, hatch, low
/// confidence), the outlines of disagreement, the view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroundKey {
    regions: Vec<EntityMark>,
    disagree: Vec<RegionIdx>,
    unconfirmed: Vec<RegionIdx>,
    view_bits: (Option<[u32; 2]>, u32),
}

/// What the layers on the map share in a frame: the marks and where the
/// labels go.
struct OnMap<'c> {
    to_screen: ScreenFromWorld,
    marks: MapMarks,
    labels: Cow<'c, LabelLayout>,
}

/// Where the panels painted so far leave room for the next.
struct PanelRoom {
    /// The top of the sources' band (the bottom of the area without it).
    footer_top: f32,
    /// The bottom of the title block (the top of the left column without it).
    title_bottom: f32,
    /// The legend's box, once painted.
    legend: Option<Rect>,
    /// The title block, once painted.
    title: Option<Rect>,
}

/// Paints `pass` of the map into `rect`; `labels` as for [`paint_map`].
pub fn paint_map_pass(
    scene: &MapScene<'_>,
    rect: Rect,
    canvas: &mut dyn Canvas,
    pass: PaintPass,
    labels: Option<&mut LabelLayoutCache>,
) -> MapLayout {
    paint_parts(scene, rect, canvas, pass, labels, Parts::Whole)
}

/// Paints the ground of the map into `rect`: the sea, the countries, the
/// regions and their borders and marks ([`super::basemap`]), which every
/// pass but `Panels` starts with. Shapes only, no text: a raster export
/// paints it on one core while another lays out the text
/// ([`super::raster`]). The ground, then [`paint_map_pass_over_ground`]
/// of a pass, is that pass.
pub fn paint_ground(scene: &MapScene<'_>, rect: Rect, canvas: &mut dyn Canvas) {
    paint_parts(scene, rect, canvas, PaintPass::Base, None, Parts::Ground);
}

/// [`paint_map_pass`] without the ground ([`paint_ground`]): what `pass`
/// paints over it.
pub fn paint_map_pass_over_ground(
    scene: &MapScene<'_>,
    rect: Rect,
    canvas: &mut dyn Canvas,
    pass: PaintPass,
    labels: Option<&mut LabelLayoutCache>,
) -> MapLayout {
    paint_parts(scene, rect, canvas, pass, labels, Parts::OverGround)
}

/// Lines keep their weight relative to the picture in large exports;
/// below the reference size they stay as designed, to stay visible.
fn scaled_style(scene: &MapScene<'_>, layout: &MapLayout) -> MapStyle {
    let stroke_scale = (layout.unit / REFERENCE_UNIT).max(1.0);
    scene.style.with_stroke_scale(stroke_scale)
}

/// Which parts of a pass to paint.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Parts {
    Whole,
    /// Its ground alone ([`paint_ground`]).
    Ground,
    /// All but its ground ([`paint_map_pass_over_ground`]).
    OverGround,
}

/// Paints `parts` of `pass`.
fn paint_parts(
    scene: &MapScene<'_>,
    rect: Rect,
    canvas: &mut dyn Canvas,
    pass: PaintPass,
    labels: Option<&mut LabelLayoutCache>,
    parts: Parts,
) -> MapLayout {
    let layout = MapLayout::new(rect, scene.style);
    let scaled_style = scaled_style(scene, &layout);
    let scene = &MapScene {
        style: &scaled_style,
        ..*scene
    };
    let ground = (pass != PaintPass::Panels).then(|| {
        let to_screen = layout.screen_from_world(&scene.view, scene.geometry);
        let marks = MapMarks::of(scene.scenario, scene.track, scene.date);
        if parts != Parts::OverGround {
            paint_basemap(scene, &layout, &to_screen, &marks, canvas);
        }
        (to_screen, marks)
    });
    if parts == Parts::Ground {
        return layout;
    }
    let on_map = ground.map(|(to_screen, marks)| {
        let labels = placed_labels(scene, &layout, &to_screen, canvas, labels);
        OnMap {
            to_screen,
            marks,
            labels,
        }
    });
    let mut room = PanelRoom {
        footer_top: layout.rect.bottom(),
        title_bottom: layout.panel_rect.top(),
        legend: None,
        title: None,
    };
    for layer in scene.layers.iter().filter(|l| pass.paints(*l)) {
        paint_layer(layer, scene, &layout, on_map.as_ref(), &mut room, canvas);
    }
    MapLayout {
        legend_box: room.legend,
        title_box: room.title,
        ..layout
    }
}

/// Paints one layer: the one place that knows which module draws which
/// layer. A layer on the map is painted only with `on_map` (the base pass).
fn paint_layer(
    layer: MapLayer,
    scene: &MapScene<'_>,
    layout: &MapLayout,
    on_map: Option<&OnMap<'_>>,
    room: &mut PanelRoom,
    canvas: &mut dyn Canvas,
) {
    let u = layout.unit;
    match (layer, on_map) {
        (MapLayer::Cities, Some(map)) => {
            paint_city_markers(scene, &map.to_screen, u, canvas);
            paint_place_labels(scene, &map.labels, PlaceKind::City, u, canvas);
        }
        (MapLayer::Bases, Some(map)) => {
            paint_base_markers(scene, &map.marks, &map.to_screen, u, canvas);
            paint_place_labels(scene, &map.labels, PlaceKind::Base, u, canvas);
        }
        (MapLayer::RegionLabels, Some(map)) => paint_region_labels(scene, &map.labels, u, canvas),
        // Over everything else of the map: a region's name may run across
        // an incident, never hide it.
        (MapLayer::Incidents, Some(map)) => paint_incidents(scene, &map.marks, &map.to_screen, u, canvas),
        (MapLayer::Cities | MapLayer::Bases | MapLayer::RegionLabels | MapLayer::Incidents, None) => {}
        (MapLayer::Sources, _) => room.footer_top = paint_footer(scene, layout, canvas),
        (MapLayer::Title, _) => {
            let block = paint_title(scene, layout, canvas);
            room.title_bottom = block.bottom();
            room.title = Some(block);
        }
        (MapLayer::Legend, _) => {
            room.legend = paint_legend(scene, layout, room.title_bottom, room.footer_top, canvas);
        }
        (MapLayer::TroopLevels, _) => paint_troop_panel(scene, layout, room.footer_top, canvas),
    }
}
