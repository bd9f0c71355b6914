//! The one composition of the map: what goes where, in which colour and
//! size. The screen and the exporter both call [`paint_map`] with their own
//! [`Canvas`], so an exported slide is the map the briefer saw, not a
//! second drawing that drifts.

use std::sync::Arc;

use egui::{Align2, Color32, Pos2, Rect, Stroke, Vec2, pos2, vec2};

use super::style::{MapStyle, color32};
use super::view::{MapView, ScreenFromWorld};
use crate::geo::{BorderLine, FeatureShape, MapGeometry};
use crate::model::{Date, Place, PlaceKind, RegionIdx, Scenario, StatusIdx, TrackIdx};

/// Text to draw: content, size in points, colour and options.
#[derive(Clone, Copy, Debug)]
pub struct TextSpec<'a> {
    pub text: &'a str,
    pub size: f32,
    pub color: Color32,
    /// Outline in this colour, for labels over the map.
    pub halo: Option<Color32>,
    /// Wrap lines at this width (points).
    pub wrap_width: Option<f32>,
}

/// Eight directions of a text halo, unit length.
const HALO_OFFSETS: [Vec2; 8] = [
    vec2(1.0, 0.0),
    vec2(-1.0, 0.0),
    vec2(0.0, 1.0),
    vec2(0.0, -1.0),
    vec2(0.7, 0.7),
    vec2(-0.7, 0.7),
    vec2(0.7, -0.7),
    vec2(-0.7, -0.7),
];

/// Where a text's halo copies go, for text laid out at `origin`: eight
/// directions at ~9 % of the text size, so that every canvas outlines
/// labels the same way.
pub fn halo_positions(spec: &TextSpec<'_>, origin: Pos2) -> impl Iterator<Item = Pos2> {
    let width = (spec.size * 0.09).max(1.0);
    HALO_OFFSETS.into_iter().map(move |offset| origin + offset * width)
}

/// What the composition draws on: egui's painter on screen, a CPU
/// rasterizer for export. Positions are screen points (y down) unless a
/// [`ScreenFromWorld`] is passed.
pub trait Canvas {
    /// Fills a feature (its triangulated mesh, or its rings even–odd).
    fn fill_feature(&mut self, shape: &FeatureShape, to_screen: &ScreenFromWorld, color: Color32);
    /// Strokes a polyline given in world space.
    fn stroke_world(&mut self, points: &[Pos2], closed: bool, to_screen: &ScreenFromWorld, stroke: Stroke);
    fn rect(&mut self, rect: Rect, corner_radius: f32, fill: Color32, stroke: Stroke);
    fn circle(&mut self, centre: Pos2, radius: f32, fill: Color32, stroke: Stroke);
    /// Draws text anchored at `pos`; returns where it went.
    fn text(&mut self, spec: &TextSpec<'_>, pos: Pos2, anchor: Align2) -> Rect;
    /// The size `text` would take.
    fn measure(&mut self, spec: &TextSpec<'_>) -> Vec2;

    /// The label layout kept for `key` by an earlier frame, if this canvas
    /// keeps layouts (the screen's does, with its other cached geometry).
    fn cached_label_layout(&mut self, _key: &LabelKey) -> Option<Arc<LabelLayout>> {
        None
    }

    /// Keeps `layout` for later frames with the same `key`, if this canvas
    /// keeps layouts.
    fn keep_label_layout(&mut self, _key: LabelKey, _layout: Arc<LabelLayout>) {}

    /// Strokes a dashed polyline given in world space; dash and gap in
    /// screen points. Built on [`Self::stroke_world`] through
    /// [`dash_pieces`], so every canvas dashes the same way.
    fn stroke_world_dashed(
        &mut self,
        points: &[Pos2],
        to_screen: &ScreenFromWorld,
        stroke: Stroke,
        dash_gap: [f32; 2],
    ) {
        dash_pieces(points, to_screen, dash_gap, |piece| {
            self.stroke_world(piece, false, to_screen, stroke);
        });
    }
}

/// Cuts a polyline given in world space into dashes of `dash_gap` (dash
/// and gap in screen points under `to_screen`) and hands each dash, in
/// world space, to `dash`.
pub fn dash_pieces(points: &[Pos2], to_screen: &ScreenFromWorld, dash_gap: [f32; 2], mut dash: impl FnMut(&[Pos2])) {
    let scale = to_screen.scale.max(1e-6);
    let (dash_len, gap_len) = (dash_gap[0].max(0.5) / scale, dash_gap[1].max(0.5) / scale);
    let mut piece: Vec<Pos2> = Vec::new();
    let mut drawing = true;
    let mut left = dash_len;
    for pair in points.windows(2) {
        let (mut a, b) = (pair[0], pair[1]);
        let mut length = a.distance(b);
        while length > 0.0 {
            let step = left.min(length);
            let next = a + (b - a) * (step / length);
            if drawing {
                if piece.is_empty() {
                    piece.push(a);
                }
                piece.push(next);
            }
            left -= step;
            length -= step;
            a = next;
            if left <= 0.0 {
                if drawing {
                    dash(&piece);
                    piece.clear();
                }
                drawing = !drawing;
                left = if drawing { dash_len } else { gap_len };
            }
        }
    }
    if drawing && piece.len() > 1 {
        dash(&piece);
    }
}

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
    /// Source line and credit along the bottom.
    pub footer: bool,
    /// Fill the background (sea); off for transparent exports.
    pub background: bool,
}

impl Default for Overlays {
    fn default() -> Self {
        Self {
            title: true,
            legend: true,
            region_labels: true,
            cities: true,
            bases: true,
            footer: true,
            background: true,
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

/// Paints the map and its overlays into `rect`.
pub fn paint_map(scene: &MapScene<'_>, rect: Rect, canvas: &mut dyn Canvas) -> MapLayout {
    paint_map_layers(scene, rect, canvas, Layers::All)
}

/// The two layers of a frame, painted in this order: the map (sea,
/// countries, regions, borders, places and labels), which depends on the
/// date only through [`BaseLayerKey`], and on top of it the text panels
/// (title, legend, source line), which depend on the date itself. A frame
/// painted as `Base` then `Panels` on the same canvas is the frame painted
/// as `All`, pixel for pixel: a sequence exporter paints each distinct base
/// once and only the panels per frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layers {
    All,
    Base,
    Panels,
}

/// What the base layer of a scene depends on that changes from one date
/// to another (the view, style, overlays and size are the caller's to
/// hold fixed): each region's status and the regions outlined as
/// disagreeing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseLayerKey {
    statuses: Vec<Option<StatusIdx>>,
    disagree: Vec<RegionIdx>,
}

impl BaseLayerKey {
    /// The key of `scene`'s base layer; `None` when the scene has effects
    /// that change every frame (cross-fade, pulse, hover), which are not
    /// worth keeping.
    pub fn of(scene: &MapScene<'_>) -> Option<Self> {
        let effects = scene.effects;
        if effects.region_fills.is_some() || !effects.pulse.is_empty() || scene.hovered_feature.is_some() {
            return None;
        }
        Some(Self {
            statuses: scene.scenario.statuses_on(scene.track, scene.date).collect(),
            disagree: effects.disagree.clone(),
        })
    }
}

/// Paints `layers` of the map into `rect`.
pub fn paint_map_layers(scene: &MapScene<'_>, rect: Rect, canvas: &mut dyn Canvas, layers: Layers) -> MapLayout {
    let layout = MapLayout::new(rect, scene.style);
    // Lines keep their weight relative to the picture in large exports;
    // below the reference size they stay as designed, to stay visible.
    let stroke_scale = (layout.unit / super::style::REFERENCE_UNIT).max(1.0);
    let scaled_style = scene.style.with_stroke_scale(stroke_scale);
    let scene = &MapScene {
        style: &scaled_style,
        ..*scene
    };
    if layers != Layers::Panels {
        paint_base_layer(scene, &layout, canvas);
    }
    if layers != Layers::Base {
        // The footer first: the legend stands on it.
        let footer_top = if scene.overlays.footer {
            paint_footer(scene, &layout, canvas)
        } else {
            layout.rect.bottom()
        };
        if scene.overlays.title || scene.overlays.legend {
            paint_panel(scene, &layout, footer_top, canvas);
        }
    }
    layout
}

/// Sea, countries, regions, borders, marks, places and labels.
fn paint_base_layer(scene: &MapScene<'_>, layout: &MapLayout, canvas: &mut dyn Canvas) {
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
        canvas.stroke_world(&line.points, false, &to_screen, style.context_border);
    }

    let region_colors = region_colors(scene);
    for feature in detail
        .features
        .iter()
        .filter(|f| f.shape.bounds.intersects(visible_world))
    {
        canvas.fill_feature(&feature.shape, &to_screen, region_colors[feature.region.0]);
    }
    for line in detail.borders.internal.iter().filter(visible) {
        canvas.stroke_world(&line.points, false, &to_screen, style.internal_border);
    }
    for outline in detail.region_outlines.iter().flatten() {
        canvas.stroke_world(outline, false, &to_screen, style.region_border);
    }
    for &(region, strength) in &scene.effects.pulse {
        let strength = strength.clamp(0.0, 1.0);
        let stroke = Stroke::new(
            style.region_border.width * (1.0 + 2.5 * strength),
            style.pulse.gamma_multiply(strength),
        );
        for outline in detail.region_outlines.get(region.0).into_iter().flatten() {
            canvas.stroke_world(outline, false, &to_screen, stroke);
        }
    }
    for region in &scene.effects.disagree {
        for outline in detail.region_outlines.get(region.0).into_iter().flatten() {
            disagree_line(canvas, outline, &to_screen, style, 1.0);
        }
    }
    if let Some(feature) = scene.hovered_feature.and_then(|i| detail.features.get(i)) {
        for ring in &feature.shape.rings {
            canvas.stroke_world(ring, true, &to_screen, style.hover_border);
        }
    }

    paint_places_and_labels(scene, &to_screen, layout.unit, &region_colors, canvas);
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

fn label<'a>(text: &'a str, size: f32, style: &MapStyle) -> TextSpec<'a> {
    TextSpec {
        text,
        size,
        color: style.text,
        halo: Some(style.halo),
        wrap_width: None,
    }
}

/// What the placement of the labels depends on besides what a caching
/// canvas keys its geometry on (map, transform, area, pixels per point):
/// each region's status (its chip's text and width), the layers shown and
/// the layout unit (text sizes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelKey {
    statuses: Vec<Option<StatusIdx>>,
    overlays: Overlays,
    unit_bits: u32,
}

/// Where the region labels, their status chips and the place labels go.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LabelLayout {
    regions: Vec<RegionLabel>,
    /// Labels of places that found room (index into the scenario's places),
    /// in drawing order.
    places: Vec<(usize, Align2, Pos2)>,
}

#[derive(Clone, Debug, PartialEq)]
struct RegionLabel {
    name: String,
    name_rect: Rect,
    /// Status label and its chip.
    chip: Option<(String, Rect)>,
}

/// The places shown with their screen positions.
fn shown_places<'a>(scene: &MapScene<'a>, to_screen: &ScreenFromWorld) -> Vec<(usize, &'a Place, Pos2)> {
    scene
        .scenario
        .places
        .iter()
        .enumerate()
        .filter(|(_, p)| match p.kind {
            PlaceKind::City => scene.overlays.cities,
            PlaceKind::Base => scene.overlays.bases,
        })
        .map(|(i, p)| {
            let at = to_screen.screen_from_world(scene.geometry.world_from_lonlat(p.lon, p.lat));
            (i, p, at)
        })
        .collect()
}

fn place_label_spec<'a>(place: &'a Place, u: f32, style: &MapStyle) -> TextSpec<'a> {
    match place.kind {
        PlaceKind::City => label(&place.name, 1.45 * u, style),
        PlaceKind::Base => TextSpec {
            color: style.muted_text,
            ..label(&place.name, (1.25 * u).max(10.0), style)
        },
    }
}

/// Region labels, then city and base markers with their labels. Labels
/// never overlap: region labels are placed first, then each city's and
/// each base's label tries right, left, above and below its marker and is
/// left out when none is free (the marker stays; the legend and the hover
/// tooltip still tell). The placement is kept by a caching canvas and
/// redone only when its [`LabelKey`] or the canvas's geometry changes.
fn paint_places_and_labels(
    scene: &MapScene<'_>,
    to_screen: &ScreenFromWorld,
    u: f32,
    colors: &[Color32],
    canvas: &mut dyn Canvas,
) {
    let style = scene.style;
    let key = LabelKey {
        statuses: scene.scenario.statuses_on(scene.track, scene.date).collect(),
        overlays: scene.overlays,
        unit_bits: u.to_bits(),
    };
    let layout = match canvas.cached_label_layout(&key) {
        Some(layout) => layout,
        None => {
            let layout = Arc::new(place_labels(scene, to_screen, u, &key.statuses, canvas));
            canvas.keep_label_layout(key, Arc::clone(&layout));
            layout
        }
    };

    // Markers first, all of them, so that no label covers a marker.
    for (_, place, at) in shown_places(scene, to_screen) {
        match place.kind {
            PlaceKind::City => canvas.circle(at, 0.42 * u, style.city_marker, Stroke::new(0.18 * u, style.halo)),
            PlaceKind::Base => {
                // Filled with its region's status colour on the date.
                let fill = place
                    .region
                    .and_then(|r| colors.get(r.0).copied())
                    .unwrap_or(style.context_fill);
                let marker = Rect::from_center_size(at, Vec2::splat(1.1 * u));
                canvas.rect(marker, 0.15 * u, fill, Stroke::new(0.22 * u, style.text));
            }
        }
    }
    for &(i, anchor, pos) in &layout.places {
        if let Some(place) = scene.scenario.places.get(i) {
            canvas.text(&place_label_spec(place, u, style), pos, anchor);
        }
    }
    for region in &layout.regions {
        canvas.text(
            &label(&region.name, 2.0 * u, style),
            region.name_rect.center(),
            Align2::CENTER_CENTER,
        );
        if let Some((text, rect)) = &region.chip {
            // A chip, not halo text: it must read on every status colour.
            canvas.rect(*rect, 0.5 * u, style.panel_fill, style.panel_border);
            let spec = TextSpec {
                halo: None,
                ..label(text, 1.45 * u, style)
            };
            canvas.text(&spec, rect.center(), Align2::CENTER_CENTER);
        }
    }
}

/// Places the labels (see [`paint_places_and_labels`]), measuring text on
/// `canvas` without drawing.
fn place_labels(
    scene: &MapScene<'_>,
    to_screen: &ScreenFromWorld,
    u: f32,
    statuses: &[Option<StatusIdx>],
    canvas: &mut dyn Canvas,
) -> LabelLayout {
    let style = scene.style;
    let mut taken: Vec<Rect> = Vec::new();
    let mut layout = LabelLayout::default();
    let places = shown_places(scene, to_screen);
    let city_markers: Vec<Rect> = places
        .iter()
        .filter(|(_, p, _)| p.kind == PlaceKind::City)
        .map(|(_, _, at)| Rect::from_center_size(*at, Vec2::splat(1.2 * u)))
        .collect();
    if scene.overlays.region_labels {
        for (r, region) in scene.scenario.regions.iter().enumerate() {
            let Some(anchor) = scene.geometry.region_label_anchors.get(r).copied().flatten() else {
                continue;
            };
            let name = region.name.to_uppercase();
            let name_size = canvas.measure(&label(&name, 2.0 * u, style));
            // Nudge the label off any city it would cover (Erbil sits at
            // the Kurdistan Region's centre): below, above, further out.
            let anchor = to_screen.screen_from_world(anchor);
            let at = [0.0, 3.5, -3.5, 7.0, -7.0]
                .into_iter()
                .map(|dy| anchor + vec2(0.0, dy * u))
                .find(|&at| {
                    let block = Rect::from_min_max(
                        at - vec2(name_size.x / 2.0, name_size.y),
                        at + vec2(name_size.x / 2.0, 2.4 * u),
                    );
                    !city_markers.iter().any(|m| block.intersects(*m))
                })
                .unwrap_or(anchor);
            let name_rect = Align2::CENTER_BOTTOM.anchor_size(at, name_size);
            let chip = statuses.get(r).copied().flatten().map(|status| {
                let text = scene.scenario.status(status).label.clone();
                let spec = TextSpec {
                    halo: None,
                    ..label(&text, 1.45 * u, style)
                };
                let size = canvas.measure(&spec) + vec2(1.2 * u, 0.5 * u);
                let rect = Rect::from_min_size(pos2(at.x - size.x / 2.0, name_rect.bottom() + 0.3 * u), size);
                (text, rect)
            });
            taken.push(name_rect);
            if let Some((_, rect)) = &chip {
                taken.push(*rect);
            }
            layout.regions.push(RegionLabel { name, name_rect, chip });
        }
    }

    taken.extend(
        places
            .iter()
            .map(|(_, _, at)| Rect::from_center_size(*at, Vec2::splat(1.2 * u))),
    );
    // Cities before bases: they orient the audience.
    let mut ordered: Vec<_> = places.iter().collect();
    ordered.sort_by_key(|(_, p, _)| p.kind == PlaceKind::Base);
    for &&(i, place, at) in &ordered {
        let size = canvas.measure(&place_label_spec(place, u, style));
        let gap = 0.8 * u;
        let candidates = [
            (Align2::LEFT_CENTER, at + vec2(gap, 0.0)),
            (Align2::RIGHT_CENTER, at - vec2(gap, 0.0)),
            (Align2::CENTER_BOTTOM, at - vec2(0.0, gap * 0.8)),
            (Align2::CENTER_TOP, at + vec2(0.0, gap * 0.8)),
        ];
        let free = candidates.into_iter().find(|(anchor, pos)| {
            let rect = anchor.anchor_size(*pos, size);
            !taken.iter().any(|t| t.shrink(0.1 * u).intersects(rect))
        });
        if let Some((anchor, pos)) = free {
            taken.push(anchor.anchor_size(pos, size));
            layout.places.push((i, anchor, pos));
        }
    }
    layout
}

/// Title block (track, date, phase, milestone) and legend, in the left
/// column on wide areas, floating top-left and bottom-left otherwise.
fn paint_panel(scene: &MapScene<'_>, layout: &MapLayout, footer_top: f32, canvas: &mut dyn Canvas) {
    let (style, u) = (scene.style, layout.unit);
    let panel = layout.panel_rect;
    let inner_w = if panel.width() > 0.0 {
        panel.width() - 3.0 * u
    } else {
        (layout.rect.width() * 0.45).max(12.0 * u)
    };
    let left = panel.left() + 1.5 * u;

    if scene.overlays.title {
        let track = scene.scenario.track(scene.track);
        let mut lines: Vec<(String, f32, Color32, f32)> = vec![
            (track.name.to_uppercase(), 1.5 * u, style.muted_text, 0.3 * u),
            (format_date_long(scene.date), 4.4 * u, style.text, 0.5 * u),
        ];
        if let Some(phase) = scene.scenario.phase_on(scene.track, scene.date) {
            lines.push((phase.title.clone(), 2.1 * u, style.text, 0.8 * u));
        }
        if let Some(milestone) = scene.scenario.milestone_on(scene.track, scene.date) {
            lines.push((format!("Milestone: {}", milestone.title), 1.65 * u, style.text, 0.3 * u));
        }
        if let Some(caption) = &scene.effects.caption {
            lines.push((caption.clone(), 1.55 * u, style.muted_text, 0.3 * u));
        }
        let specs: Vec<(TextSpec<'_>, f32)> = lines
            .iter()
            .map(|(text, size, color, gap)| {
                let spec = TextSpec {
                    text,
                    size: *size,
                    color: *color,
                    halo: None,
                    wrap_width: Some(inner_w),
                };
                (spec, *gap)
            })
            .collect();
        let height: f32 = specs.iter().map(|(spec, gap)| canvas.measure(spec).y + gap).sum();
        let block = Rect::from_min_size(panel.min, vec2(inner_w + 3.0 * u, height + 2.4 * u));
        canvas.rect(block, 0.8 * u, style.panel_fill, style.panel_border);
        let mut y = block.top() + 1.2 * u;
        for (spec, gap) in &specs {
            let drawn = canvas.text(spec, pos2(left, y), Align2::LEFT_TOP);
            y = drawn.bottom() + gap;
        }
    }

    if scene.overlays.legend {
        paint_legend(scene, layout, footer_top, canvas);
    }
}

/// The legend at the bottom of the panel, above `footer_top` if a
/// wrapped source line rises higher than the room kept for it.
fn paint_legend(scene: &MapScene<'_>, layout: &MapLayout, footer_top: f32, canvas: &mut dyn Canvas) {
    let (style, u) = (scene.style, layout.unit);
    let row_h = 2.4 * u;
    let swatch = vec2(2.6 * u, 1.6 * u);
    let title = TextSpec {
        text: "Coalition status",
        size: 1.5 * u,
        color: style.muted_text,
        halo: None,
        wrap_width: None,
    };
    let row = |text| TextSpec {
        text,
        size: 1.55 * u,
        color: style.text,
        ..title
    };
    let show_disagree = !scene.effects.disagree.is_empty();
    let disagree_text = "Differs from the other track";
    let labels: Vec<&str> = scene
        .scenario
        .statuses
        .iter()
        .map(|s| s.label.as_str())
        .chain(show_disagree.then_some(disagree_text))
        .collect();
    let mut label_w = canvas.measure(&title).x - swatch.x - 0.8 * u;
    for text in &labels {
        label_w = label_w.max(canvas.measure(&row(text)).x);
    }
    #[expect(clippy::cast_precision_loss, reason = "a handful of rows")]
    let size = vec2(
        3.0 * u + swatch.x + 0.8 * u + label_w,
        4.6 * u + row_h * labels.len() as f32,
    );
    let bottom = layout.panel_rect.bottom().min(footer_top);
    let bottom_left = pos2(layout.panel_rect.left(), bottom - 0.6 * u);
    let block = Rect::from_min_size(bottom_left - vec2(0.0, size.y), size);
    canvas.rect(block, 0.8 * u, style.panel_fill, style.panel_border);
    let left = block.left() + 1.5 * u;
    canvas.text(&title, pos2(left, block.top() + 1.2 * u), Align2::LEFT_TOP);
    let mut y = block.top() + 3.4 * u;
    for (i, text) in labels.iter().enumerate() {
        let swatch_rect = Rect::from_min_size(pos2(left, y + (row_h - swatch.y) / 2.0), swatch);
        match scene.scenario.statuses.get(i) {
            Some(status) => canvas.rect(
                swatch_rect,
                0.2 * u,
                color32(status.color),
                Stroke::new(0.1 * u, style.muted_text),
            ),
            None => {
                // The same mark as on the map, in screen space (scale 1, y flipped).
                let flip = ScreenFromWorld {
                    scale: 1.0,
                    origin: Pos2::ZERO,
                };
                let line = [swatch_rect.left_center(), swatch_rect.right_center()].map(|p| pos2(p.x, -p.y));
                disagree_line(canvas, &line, &flip, style, 0.5);
            }
        }
        canvas.text(
            &row(text),
            pos2(swatch_rect.right() + 0.8 * u, y + row_h / 2.0),
            Align2::LEFT_CENTER,
        );
        y += row_h;
    }
}

/// Dash and gap of the "tracks disagree" outline, points.
const DISAGREE_DASH: [f32; 2] = [9.0, 6.0];

/// The "tracks disagree" mark: a solid line in the border colour under
/// dashes in a contrasting colour, so it reads over the region's own border
/// and on every fill.
fn disagree_line(
    canvas: &mut dyn Canvas,
    points: &[Pos2],
    to_screen: &ScreenFromWorld,
    style: &MapStyle,
    dash_scale: f32,
) {
    let base = Stroke::new(style.disagree.width + 1.5, style.region_border.color);
    canvas.stroke_world(points, false, to_screen, base);
    canvas.stroke_world_dashed(points, to_screen, style.disagree, DISAGREE_DASH.map(|d| d * dash_scale));
}

/// Source line (left) and credit (right) along the bottom edge; returns
/// the top of what it drew.
fn paint_footer(scene: &MapScene<'_>, layout: &MapLayout, canvas: &mut dyn Canvas) -> f32 {
    let (style, u) = (scene.style, layout.unit);
    let rect = layout.rect;
    let y = rect.bottom() - 1.5 * u;
    let credit = TextSpec {
        text: "drawdown · boundaries: Natural Earth",
        // Legible on a 1280×720 slide.
        size: (1.35 * u).max(11.0),
        color: style.muted_text,
        halo: Some(style.halo),
        wrap_width: None,
    };
    let credit_rect = canvas.text(&credit, pos2(rect.right() - 1.6 * u, y), Align2::RIGHT_CENTER);
    let source = scene
        .scenario
        .phase_on(scene.track, scene.date)
        .map(|p| format!("Source: {}", p.source))
        .unwrap_or_default();
    if !source.is_empty() {
        let spec = TextSpec {
            text: &source,
            wrap_width: Some((credit_rect.left() - rect.left() - 4.0 * u).max(10.0 * u)),
            ..credit
        };
        // Bottom-aligned with the one-line credit: a source that wraps (in
        // a half-width comparison) grows upwards, not out of the picture.
        let source_rect = canvas.text(
            &spec,
            pos2(rect.left() + 1.6 * u, credit_rect.bottom()),
            Align2::LEFT_BOTTOM,
        );
        return source_rect.top().min(credit_rect.top());
    }
    credit_rect.top()
}

/// "1 October 2025".
pub fn format_date_long(date: Date) -> String {
    date.format("%-d %B %Y").to_string()
}
