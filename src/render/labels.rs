//! Where the map's labels go, and drawing them. Every label of a frame
//! is placed at once, by priority: base names first (every base is a
//! place the briefing is about), then region names with their status
//! chips, then city names; none overlaps another or covers a marker, and
//! each layer draws its part in paint order. Labels only: the markers they name are [`super::marks`]'s, and which
//! layer is painted when is the conductor's ([`super::paint`]).
//!
//! Placement measures every label and checks it against those placed
//! before, which is worth keeping between frames: a [`LabelLayoutCache`],
//! held by whoever paints frames repeatedly (the map widget), keeps the
//! last placement for its [`LabelKey`]. The cache is the caller's, not the
//! canvas's: a canvas only draws.

use std::borrow::Cow;
use std::collections::HashMap;

use egui::{Align, Align2, Pos2, Rect, Stroke, Vec2, pos2, vec2};

use super::canvas::{Canvas, TextSpec};
use super::layer::{LayerSet, MapLayer};
use super::marks::{MarkSizes, incident_rects};
use super::scene::{MapLayout, MapScene};
use super::style::{
    CHIP_LABEL_UNITS, CITY_LABEL_UNITS, LEADER_LINE_UNITS, MIN_TEXT_PT, MapStyle, REGION_LABEL_UNITS, legible_pt,
};
use super::view::ScreenFromWorld;
use crate::model::{Entity, Place, PlaceKind, RegionIdx, StatusIdx};

/// The widest a label over the map may be, in ems of its text size: the
/// shipped scenario's longest (a status's label in a chip, 31 characters)
/// takes about 15; a longer one is elided on its one line with `…`.
pub const LABEL_MAX_EMS: f32 = 20.0;

/// A region's status chip: no halo (it has its own box) and up to two
/// lines, so that "No report since 14 Mar — last: Transition under way"
/// reads whole.
fn chip_label<'a>(text: &'a str, size: f32, style: &MapStyle) -> TextSpec<'a> {
    TextSpec {
        halo: None,
        max_rows: Some(2),
        ..label(text, size, style)
    }
}

/// The text of a region's chip on the scene's date: its status, or how
/// long the record has been silent and what it said last.
fn chip_text(scene: &MapScene<'_>, region: RegionIdx) -> Option<String> {
    scene
        .scenario
        .status_line(scene.track, Entity::Region(region), scene.date)
}

/// A label over the map: one line, at most [`LABEL_MAX_EMS`] wide.
fn label<'a>(text: &'a str, size: f32, style: &MapStyle) -> TextSpec<'a> {
    TextSpec {
        text,
        size,
        color: style.text,
        halo: Some(style.halo),
        wrap_width: Some(LABEL_MAX_EMS * size),
        max_rows: Some(1),
    }
}

/// What the placement of the labels depends on besides what the caller
/// holds fixed while it keeps a [`LabelLayoutCache`] (map, transform,
/// area, pixels per point): each region's status (its chip's text and
/// width), the layers shown, the layout unit and the base labels' size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelKey {
    statuses: Vec<Option<StatusIdx>>,
    /// The chips' texts: a silent record's chip also says since when and
    /// what was last reported.
    chips: Vec<Option<String>>,
    layers: LayerSet,
    unit_bits: u32,
    base_label_bits: u32,
}

/// What a label names.
#[cfg(feature = "testing")]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelKind {
    Base,
    City,
    /// A region's name.
    Region,
    /// A region's status, in its chip under the name.
    Chip,
}

/// One placed label, as a reader of a [`LabelLayout`] sees it.
#[cfg(feature = "testing")]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelBox<'a> {
    pub kind: LabelKind,
    pub text: &'a str,
    /// The box its text (or its chip) takes, screen points.
    pub rect: Rect,
    /// Its text size, points.
    pub size_pt: f32,
    /// Whether the text shows whole, not elided to fit [`LABEL_MAX_EMS`].
    pub whole: bool,
    /// The line from its marker to it, when it sits away from the marker.
    pub leader: Option<[Pos2; 2]>,
}

/// Where every label of a frame goes (screen points), decided for all
/// layers together; each layer draws its part.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LabelLayout {
    regions: Vec<RegionLabel>,
    /// Labels of places that found room, in drawing order.
    places: Vec<PlaceLabel>,
    /// Every marker's box (cities, bases, incidents): no label covers one.
    markers: Vec<Rect>,
    /// The area the labels keep inside (the map proper).
    area: Option<Rect>,
}

impl LabelLayout {
    /// Every placed label: bases, cities, region names and their chips.
    #[cfg(feature = "testing")]
    pub fn boxes(&self) -> Vec<LabelBox<'_>> {
        let places = self.places.iter().map(|p| LabelBox {
            kind: match p.kind {
                PlaceKind::Base => LabelKind::Base,
                PlaceKind::City => LabelKind::City,
            },
            text: &p.text,
            rect: p.rect,
            size_pt: p.size_pt,
            whole: p.whole,
            leader: p.leader,
        });
        let regions = self.regions.iter().flat_map(|r| {
            let name = LabelBox {
                kind: LabelKind::Region,
                text: &r.name,
                rect: r.name_rect,
                size_pt: r.name_size_pt,
                whole: r.whole,
                leader: None,
            };
            let chip = r.chip.as_ref().map(|(text, rect)| LabelBox {
                kind: LabelKind::Chip,
                text,
                rect: *rect,
                size_pt: r.chip_size_pt,
                whole: true,
                leader: None,
            });
            std::iter::once(name).chain(chip)
        });
        places.chain(regions).collect()
    }

    /// The box of every marker the labels keep off (cities, bases and
    /// incidents shown), screen points.
    #[cfg(feature = "testing")]
    pub fn marker_boxes(&self) -> &[Rect] {
        &self.markers
    }

    /// The area the labels keep inside, if any was laid out.
    #[cfg(feature = "testing")]
    pub fn area(&self) -> Option<Rect> {
        self.area
    }
}

#[derive(Clone, Debug, PartialEq)]
struct RegionLabel {
    name: String,
    name_rect: Rect,
    name_size_pt: f32,
    whole: bool,
    /// Status label and its chip.
    chip: Option<(String, Rect)>,
    chip_size_pt: f32,
}

#[derive(Clone, Debug, PartialEq)]
struct PlaceLabel {
    kind: PlaceKind,
    text: String,
    anchor: Align2,
    pos: Pos2,
    rect: Rect,
    size_pt: f32,
    whole: bool,
    leader: Option<[Pos2; 2]>,
}

/// The last label placement and its key, kept by a caller that paints
/// frame after frame. The caller clears it whenever what [`LabelKey`]
/// leaves out changes (the map, the transform, the area, the pixels per
/// point): the map widget does so when its screen cache starts over.
#[derive(Debug, Default)]
pub struct LabelLayoutCache {
    kept: Option<(LabelKey, LabelLayout)>,
    /// Placements worked out (cache misses), for tests and benchmarks.
    layouts_placed: u64,
}

impl LabelLayoutCache {
    /// Forgets the kept placement.
    pub fn clear(&mut self) {
        self.kept = None;
    }

    /// How many placements were worked out rather than reused.
    #[cfg(any(test, feature = "testing"))]
    pub fn layouts_placed(&self) -> u64 {
        self.layouts_placed
    }

    /// The placement kept last, if any.
    #[cfg(feature = "testing")]
    pub fn layout(&self) -> Option<&LabelLayout> {
        self.kept.as_ref().map(|(_, layout)| layout)
    }

    /// The kept placement if its key is `key`, else `place(statuses)`,
    /// kept from now on.
    fn get_or_place(&mut self, key: LabelKey, place: impl FnOnce(&[Option<StatusIdx>]) -> LabelLayout) -> &LabelLayout {
        let kept = match self.kept.take() {
            Some((kept_key, layout)) if kept_key == key => (kept_key, layout),
            _ => {
                self.layouts_placed += 1;
                let layout = place(&key.statuses);
                (key, layout)
            }
        };
        &self.kept.insert(kept).1
    }
}

/// The places shown with their screen positions.
fn shown_places<'a>(scene: &MapScene<'a>, to_screen: &ScreenFromWorld) -> Vec<(usize, &'a Place, Pos2)> {
    scene
        .scenario
        .places
        .iter()
        .enumerate()
        .filter(|(_, p)| match p.kind {
            PlaceKind::City => scene.layers.contains(MapLayer::Cities),
            PlaceKind::Base => scene.layers.contains(MapLayer::Bases),
        })
        .map(|(i, p)| {
            let at = to_screen.screen_from_world(scene.geometry.world_from_lonlat(p.lon, p.lat));
            (i, p, at)
        })
        .collect()
}

/// A place's label: a base's name, larger when text is scaled up
/// ([`MapStyle::base_label_units`]), or a city's; never below
/// [`MIN_TEXT_PT`].
fn place_label_spec<'a>(place: &'a Place, u: f32, style: &MapStyle) -> TextSpec<'a> {
    match place.kind {
        PlaceKind::City => label(&place.name, legible_pt(CITY_LABEL_UNITS, u), style),
        PlaceKind::Base => TextSpec {
            color: style.muted_text,
            ..label(&place.name, legible_pt(style.base_label_units(), u), style)
        },
    }
}

/// Whether a label of `spec` measuring `size` shows its whole text: an
/// elided one fills the wrap width to its `…`.
fn shows_whole(spec: &TextSpec<'_>, size: Vec2) -> bool {
    spec.wrap_width.is_none_or(|width| size.x < 0.98 * width)
}

/// Where this frame's labels go (see [`place_labels`]). The placement
/// comes from `cache` if it holds one for this frame's [`LabelKey`], else
/// it is worked out (and kept there).
pub(super) fn placed_labels<'c>(
    scene: &MapScene<'_>,
    layout: &MapLayout,
    to_screen: &ScreenFromWorld,
    canvas: &mut dyn Canvas,
    cache: Option<&'c mut LabelLayoutCache>,
) -> Cow<'c, LabelLayout> {
    let key = LabelKey {
        statuses: scene.scenario.statuses_on(scene.track, scene.date).collect(),
        chips: (0..scene.scenario.regions.len())
            .map(|r| chip_text(scene, RegionIdx(r)))
            .collect(),
        layers: scene.layers,
        unit_bits: layout.unit.to_bits(),
        base_label_bits: scene.style.base_label_units().to_bits(),
    };
    match cache {
        Some(cache) => {
            Cow::Borrowed(cache.get_or_place(key, |statuses| place_labels(scene, layout, to_screen, statuses, canvas)))
        }
        None => Cow::Owned(place_labels(scene, layout, to_screen, &key.statuses, canvas)),
    }
}

/// The labels of the places of `kind` that found room, each with its
/// leader line if it sits away from its marker.
pub(super) fn paint_place_labels(
    scene: &MapScene<'_>,
    layout: &LabelLayout,
    kind: PlaceKind,
    u: f32,
    canvas: &mut dyn Canvas,
) {
    let style = scene.style;
    let leader = Stroke::new((LEADER_LINE_UNITS * u).max(0.75), style.muted_text);
    let leader_halo = Stroke::new(3.0 * leader.width, style.halo);
    for placed in layout.places.iter().filter(|p| p.kind == kind) {
        if let Some(line) = placed.leader {
            canvas.line_segment(line, leader_halo);
            canvas.line_segment(line, leader);
        }
        let spec = match kind {
            PlaceKind::City => label(&placed.text, placed.size_pt, style),
            PlaceKind::Base => TextSpec {
                color: style.muted_text,
                ..label(&placed.text, placed.size_pt, style)
            },
        };
        canvas.text(&spec, placed.pos, placed.anchor);
    }
}

/// Each region's name and its status chip.
pub(super) fn paint_region_labels(scene: &MapScene<'_>, layout: &LabelLayout, u: f32, canvas: &mut dyn Canvas) {
    let style = scene.style;
    for region in &layout.regions {
        canvas.text(
            &label(&region.name, region.name_size_pt, style),
            region.name_rect.center(),
            Align2::CENTER_CENTER,
        );
        if let Some((text, rect)) = &region.chip {
            // A chip, not halo text: it must read on every status colour.
            canvas.rect(*rect, 0.5 * u, style.panel_fill, style.panel_border);
            canvas.text(
                &chip_label(text, region.chip_size_pt, style),
                rect.center(),
                Align2::CENTER_CENTER,
            );
        }
    }
}

/// The eight directions a label may sit in from its marker (screen
/// points, y down), beside first: text reads best level with its mark.
const DIRECTIONS: [Vec2; 8] = [
    vec2(1.0, 0.0),
    vec2(-1.0, 0.0),
    vec2(0.0, -1.0),
    vec2(0.0, 1.0),
    vec2(1.0, -1.0),
    vec2(-1.0, -1.0),
    vec2(1.0, 1.0),
    vec2(-1.0, 1.0),
];

/// How far out along a direction a base's label may go on a leader line
/// when no place beside its marker is free, in layout units.
const LEADER_REACH_UNITS: [f32; 6] = [2.0, 3.5, 5.0, 7.0, 9.0, 11.5];

/// As [`LEADER_REACH_UNITS`], for a city's label.
const CITY_LEADER_REACH_UNITS: [f32; 5] = [1.5, 3.0, 4.5, 6.0, 8.0];

/// The side of a label that faces its marker, for a label in direction
/// `dir` from it.
fn anchor_towards(dir: Vec2) -> Align2 {
    let side = |d: f32| {
        if d > 0.1 {
            Align::Min
        } else if d < -0.1 {
            Align::Max
        } else {
            Align::Center
        }
    };
    Align2([side(dir.x), side(dir.y)])
}

/// The boxes placed so far and the area labels keep inside.
struct Room {
    taken: TakenBoxes,
    area: Rect,
    /// Space kept between a label and whatever it is beside, points.
    clearance: f32,
    /// Where the region names would go at their anchors: a place's label
    /// keeps off them when it has another spot (a base wins a spot it
    /// needs, but takes it from a region's name only then).
    reserved: TakenBoxes,
}

impl Room {
    fn fits(&self, rect: Rect) -> bool {
        self.area.contains_rect(rect) && !self.taken.any_hits(rect.expand(self.clearance), |t| t)
    }

    /// Whether a line along `line` crosses nothing placed (its start lies
    /// just outside its own marker).
    fn line_is_clear(&self, line: [Pos2; 2], step: f32) -> bool {
        let length = line[0].distance(line[1]);
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a few dozen steps, clamped"
        )]
        let steps = (length / step).ceil().clamp(1.0, 200.0) as usize;
        (0..=steps).all(|k| {
            #[expect(clippy::cast_precision_loss, reason = "a few dozen steps")]
            let p = line[0].lerp(line[1], k as f32 / steps as f32);
            // A line may start inside another marker over its own (a city
            // under a base of its name), never cross one further out.
            let beyond_start = |t: Rect| if t.contains(line[0]) { Rect::NOTHING } else { t };
            !self
                .taken
                .any_hits(Rect::from_center_size(p, Vec2::splat(step)), beyond_start)
        })
    }

    /// A place's label beside its marker, else (with `reach`) further out
    /// on a leader line; `None` when no spot is free.
    fn place(
        &mut self,
        kind: PlaceKind,
        spec: &TextSpec<'_>,
        size: Vec2,
        at: Pos2,
        marker: Rect,
        reach: &[f32],
    ) -> Option<PlaceLabel> {
        let gap = marker.width() / 2.0 + self.clearance * 2.0;
        let beside = DIRECTIONS.iter().map(|&dir| (dir, at + dir * gap, None));
        let away = reach.iter().flat_map(|&out| {
            DIRECTIONS.iter().map(move |&dir| {
                let pos = at + dir * (gap + out);
                let start = at + dir * gap;
                (dir, pos, Some([start, pos]))
            })
        });
        let step = self.clearance * 2.0;
        let candidates: Vec<_> = beside.chain(away).collect();
        let free = |&&(dir, pos, leader): &&(Vec2, Pos2, Option<[Pos2; 2]>)| {
            self.fits(anchor_towards(dir).anchor_size(pos, size))
                && leader.is_none_or(|line| self.line_is_clear(line, step))
        };
        let unreserved = |&&(dir, pos, _): &&(Vec2, Pos2, Option<[Pos2; 2]>)| {
            let rect = anchor_towards(dir).anchor_size(pos, size);
            !self.reserved.any_hits(rect.expand(self.clearance), |t| t)
        };
        let &(dir, pos, leader) = candidates
            .iter()
            .find(|c| free(c) && unreserved(c))
            .or_else(|| candidates.iter().find(free))?;
        let anchor = anchor_towards(dir);
        let rect = anchor.anchor_size(pos, size);
        self.taken.push(rect);
        if let Some([start, end]) = leader {
            // Later labels keep off the line too.
            let length = start.distance(end);
            let mut along = 0.0;
            while along <= length {
                self.taken.push(Rect::from_center_size(
                    start + (end - start).normalized() * along,
                    Vec2::splat(step),
                ));
                along += step;
            }
        }
        Some(PlaceLabel {
            kind,
            text: spec.text.to_owned(),
            anchor,
            pos,
            rect,
            size_pt: spec.size,
            whole: shows_whole(spec, size),
            leader,
        })
    }
}

/// Places every label of the frame, measuring text on `canvas` without
/// drawing, in priority order: each base's name (beside its marker, else
/// further out on a leader line), then each region's name with its status
/// chip (near the region's anchor), then each city's name (beside its
/// dot) in the scenario's order, which lists the largest first. A base's
/// label keeps off where a region's name would sit at its anchor unless
/// it has no other spot, so that names stay where the region reads. No label
/// overlaps another, covers a marker (a city's, a base's or an
/// incident's) or leaves the map proper (so that none is cut at the
/// picture's edge); a label with no free spot is left out (the marker
/// stays; the legend and the hover tooltip still tell).
fn place_labels(
    scene: &MapScene<'_>,
    layout: &MapLayout,
    to_screen: &ScreenFromWorld,
    statuses: &[Option<StatusIdx>],
    canvas: &mut dyn Canvas,
) -> LabelLayout {
    let u = layout.unit;
    let style = scene.style;
    let places = shown_places(scene, to_screen);
    let sizes = MarkSizes::new(u);
    let marker_rect = |kind: PlaceKind, at: Pos2| match kind {
        PlaceKind::City => Rect::from_center_size(at, Vec2::splat(1.2 * u)),
        PlaceKind::Base => sizes.base_rect(at),
    };
    let mut markers: Vec<Rect> = places.iter().map(|(_, p, at)| marker_rect(p.kind, *at)).collect();
    // Where incidents show (all of them, so that labels do not move as
    // incidents come and go during playback).
    if scene.layers.contains(MapLayer::Incidents) {
        markers.extend(incident_rects(scene, to_screen, &sizes));
    }
    // Cells about a label's height: most boxes fall in a few.
    let mut room = Room {
        taken: TakenBoxes::new(3.0 * u),
        area: layout.fit_rect,
        clearance: 0.15 * u,
        reserved: TakenBoxes::new(3.0 * u),
    };
    for marker in &markers {
        room.taken.push(*marker);
    }
    let mut labels = LabelLayout {
        area: Some(room.area),
        markers: markers.clone(),
        ..LabelLayout::default()
    };

    if scene.layers.contains(MapLayer::RegionLabels) {
        // Where each region's name goes with only the markers in its way.
        let mut trial = Room {
            taken: TakenBoxes::new(3.0 * u),
            area: room.area,
            clearance: room.clearance,
            reserved: TakenBoxes::new(3.0 * u),
        };
        for marker in &markers {
            trial.taken.push(*marker);
        }
        for r in 0..scene.scenario.regions.len() {
            if let Some(region) = place_region(scene, to_screen, RegionIdx(r), statuses, u, &mut trial, canvas) {
                room.reserved.push(region.name_rect);
                if let Some((_, chip)) = region.chip {
                    room.reserved.push(chip);
                }
            }
        }
    }
    // How far a label may go from its marker follows the labels' size:
    // where text is held at the legible minimum (a small map), a reach in
    // the map's own unit would be shorter than the label is tall.
    let lu = label_unit(u);
    let leader_reach = LEADER_REACH_UNITS.map(|r| r * lu);
    // A place whose marker lies outside the map proper (under the info
    // column, past the edge of a zoomed view, under the source line) gets
    // no label: one set in from the edge on a leader line points at
    // nothing the map shows.
    let map_area = room.area;
    let on_map = |at: Pos2| map_area.contains(at);
    for &(_, place, at) in places
        .iter()
        .filter(|(_, p, at)| p.kind == PlaceKind::Base && on_map(*at))
    {
        let spec = place_label_spec(place, u, style);
        let size = canvas.measure(&spec);
        if let Some(placed) = room.place(place.kind, &spec, size, at, marker_rect(place.kind, at), &leader_reach) {
            labels.places.push(placed);
        }
    }

    if scene.layers.contains(MapLayer::RegionLabels) {
        for r in 0..scene.scenario.regions.len() {
            if let Some(placed) = place_region(scene, to_screen, RegionIdx(r), statuses, u, &mut room, canvas) {
                labels.regions.push(placed);
            }
        }
    }

    // A city's name may go out on a shorter line: a city beside a base of
    // the same name (Erbil) still gets its own.
    let city_reach = CITY_LEADER_REACH_UNITS.map(|r| r * lu);
    for &(_, place, at) in places
        .iter()
        .filter(|(_, p, at)| p.kind == PlaceKind::City && on_map(*at))
    {
        let spec = place_label_spec(place, u, style);
        let size = canvas.measure(&spec);
        if let Some(placed) = room.place(place.kind, &spec, size, at, marker_rect(place.kind, at), &city_reach) {
            labels.places.push(placed);
        }
    }
    labels
}

/// A region's name with its status chip under it, at the first free spot
/// near `anchor` (screen points): the anchor itself, then further off,
/// up and down before sideways.
fn place_region(
    scene: &MapScene<'_>,
    to_screen: &ScreenFromWorld,
    region: RegionIdx,
    statuses: &[Option<StatusIdx>],
    u: f32,
    room: &mut Room,
    canvas: &mut dyn Canvas,
) -> Option<RegionLabel> {
    let anchor = to_screen.screen_from_world(scene.geometry.region_label_anchors.get(region.0).copied().flatten()?);
    let name = scene.scenario.regions.get(region.0)?.name.to_uppercase();
    let status = statuses.get(region.0).copied().flatten();
    let style = scene.style;
    let name_size_pt = legible_pt(REGION_LABEL_UNITS, u);
    let chip_size_pt = legible_pt(CHIP_LABEL_UNITS, u);
    let name_spec = label(&name, name_size_pt, style);
    let name_size = canvas.measure(&name_spec);
    let whole = shows_whole(&name_spec, name_size);
    let chip = status.and_then(|_| chip_text(scene, region)).map(|text| {
        let size = canvas.measure(&chip_label(&text, chip_size_pt, style)) + vec2(1.2 * u, 0.5 * u);
        (text, size)
    });
    let boxes_at = |at: Pos2| {
        let name_rect = Align2::CENTER_BOTTOM.anchor_size(at, name_size);
        let chip_rect = chip
            .as_ref()
            .map(|(_, size)| Rect::from_min_size(pos2(at.x - size.x / 2.0, name_rect.bottom() + 0.3 * u), *size));
        (name_rect, chip_rect)
    };
    let mut offsets: Vec<Vec2> = REGION_NUDGE_UNITS
        .iter()
        .flat_map(|&dx| REGION_NUDGE_UNITS.iter().map(move |&dy| vec2(dx * 1.2, dy)))
        .collect();
    offsets.sort_by(|a, b| a.length_sq().total_cmp(&b.length_sq()));
    let fits =
        |(name_rect, chip_rect): &(Rect, Option<Rect>)| room.fits(*name_rect) && chip_rect.is_none_or(|c| room.fits(c));
    // Inside its own region if there is room there (a name off in the
    // neighbour's fill reads as the neighbour's), else the nearest spot.
    let in_region = |at: Pos2| {
        let geometry = scene.geometry;
        geometry
            .feature_at(to_screen.world_from_screen(at))
            .and_then(|f| geometry.features.get(f))
            .is_some_and(|f| f.region == region)
    };
    let lu = label_unit(u);
    let candidates: Vec<(Rect, Option<Rect>)> = offsets.into_iter().map(|d| boxes_at(anchor + d * lu)).collect();
    let (name_rect, chip_rect) = candidates
        .iter()
        .find(|boxes| fits(boxes) && in_region(boxes.0.center()))
        .or_else(|| candidates.iter().find(|boxes| fits(boxes)))
        .copied()?;
    room.taken.push(name_rect);
    if let Some(rect) = chip_rect {
        room.taken.push(rect);
    }
    Some(RegionLabel {
        name,
        name_rect,
        name_size_pt,
        whole,
        chip: chip.zip(chip_rect).map(|((text, _), rect)| (text, rect)),
        chip_size_pt,
    })
}

/// The unit that distances between labels follow: the map's, or more
/// where the labels' text is held at the legible minimum
/// ([`MIN_TEXT_PT`]), so that a label may move as far, for its size, on a
/// small map as on a large one.
fn label_unit(u: f32) -> f32 {
    u.max(MIN_TEXT_PT / CHIP_LABEL_UNITS)
}

/// How far a region's name may move off its anchor to find room, each
/// way, in layout units (sideways a fifth further).
const REGION_NUDGE_UNITS: [f32; 11] = [0.0, 2.5, -2.5, 5.0, -5.0, 7.5, -7.5, 10.0, -10.0, 13.0, -13.0];

/// The boxes placed so far (screen points), bucketed in a grid of square
/// cells, so that a candidate is checked against the boxes near it rather
/// than all of them: placing n labels takes about n steps, not n² (100,000
/// places took 33 s an export when every box was checked).
struct TakenBoxes {
    cell: f32,
    boxes: Vec<Rect>,
    cells: HashMap<(i32, i32), Vec<usize>>,
    /// Boxes over too many cells (or not finite): checked every time.
    large: Vec<usize>,
}

impl TakenBoxes {
    /// The most cells one box is filed under before it counts as large.
    const MAX_CELLS_PER_BOX: i64 = 64;

    fn new(cell: f32) -> Self {
        Self {
            cell: cell.max(1e-3),
            boxes: Vec::new(),
            cells: HashMap::new(),
            large: Vec::new(),
        }
    }

    /// The cells `rect` covers, inclusive; `None` for a box too large or
    /// not finite.
    fn cell_span(&self, rect: Rect) -> Option<[(i32, i32); 2]> {
        if !(rect.min.is_finite() && rect.max.is_finite()) {
            return None;
        }
        #[expect(
            clippy::cast_possible_truncation,
            reason = "saturating: a far-off box lands in an edge cell"
        )]
        let cell = |v: f32| (v / self.cell).floor() as i32;
        let (x0, y0, x1, y1) = (cell(rect.min.x), cell(rect.min.y), cell(rect.max.x), cell(rect.max.y));
        let count = (i64::from(x1) - i64::from(x0) + 1) * (i64::from(y1) - i64::from(y0) + 1);
        (count <= Self::MAX_CELLS_PER_BOX).then_some([(x0, y0), (x1, y1)])
    }

    fn push(&mut self, rect: Rect) {
        let index = self.boxes.len();
        self.boxes.push(rect);
        match self.cell_span(rect) {
            Some([(x0, y0), (x1, y1)]) => {
                for x in x0..=x1 {
                    for y in y0..=y1 {
                        self.cells.entry((x, y)).or_default().push(index);
                    }
                }
            }
            None => self.large.push(index),
        }
    }

    /// Whether some box placed so far, as `near` sees it, intersects
    /// `rect`. `near` may only shrink a box (so that the cells it was filed
    /// under still cover it).
    fn any_hits(&self, rect: Rect, near: impl Fn(Rect) -> Rect) -> bool {
        let hits = |i: &usize| self.boxes.get(*i).is_some_and(|b| near(*b).intersects(rect));
        if self.large.iter().any(hits) {
            return true;
        }
        match self.cell_span(rect) {
            Some([(x0, y0), (x1, y1)]) => (x0..=x1)
                .flat_map(|x| (y0..=y1).map(move |y| (x, y)))
                .any(|key| self.cells.get(&key).is_some_and(|list| list.iter().any(hits))),
            // A candidate too large for the grid: every box.
            None => (0..self.boxes.len()).any(|i| hits(&i)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::style::MapStyle;

    fn key(unit: f32) -> LabelKey {
        LabelKey {
            statuses: vec![None, Some(StatusIdx(1))],
            chips: vec![None, Some("Coalition mission over".to_owned())],
            layers: LayerSet::default(),
            unit_bits: unit.to_bits(),
            base_label_bits: 1.25_f32.to_bits(),
        }
    }

    #[test]
    fn the_cache_places_again_only_for_another_key_or_after_a_clear() {
        let mut cache = LabelLayoutCache::default();
        let place = |statuses: &[Option<StatusIdx>]| {
            assert_eq!(statuses, [None, Some(StatusIdx(1))]);
            LabelLayout::default()
        };
        cache.get_or_place(key(10.0), place);
        cache.get_or_place(key(10.0), place);
        assert_eq!(cache.layouts_placed(), 1);
        cache.get_or_place(key(12.0), place);
        cache.get_or_place(key(12.0), place);
        assert_eq!(cache.layouts_placed(), 2);
        cache.clear();
        cache.get_or_place(key(12.0), place);
        assert_eq!(cache.layouts_placed(), 3);
    }

    #[test]
    fn the_grid_of_taken_boxes_finds_what_checking_every_box_finds() {
        // A small deterministic generator: boxes of every size, some huge,
        // some off at the far ends of the plane, some touching exactly.
        let mut seed = 0x2545_f491_u32;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            f32::from(u16::try_from(seed >> 16).unwrap_or(0)) / 65535.0
        };
        let mut boxes = Vec::new();
        for i in 0..600 {
            let size = match i % 7 {
                0 => vec2(400.0 * next(), 300.0 * next()),
                1 => vec2(0.0, 0.0),
                _ => vec2(30.0 * next(), 12.0 * next()),
            };
            let at = if i % 50 == 0 {
                pos2(1e9, -1e9)
            } else {
                pos2(500.0 * next(), 400.0 * next())
            };
            boxes.push(Rect::from_min_size(at, size));
        }
        boxes.push(Rect::from_min_size(pos2(0.0, 0.0), vec2(6.0, 6.0)));
        let touching = Rect::from_min_size(pos2(6.0, 0.0), vec2(5.0, 5.0));
        let mut grid = TakenBoxes::new(6.0);
        let mut all: Vec<Rect> = Vec::new();
        for (i, candidate) in boxes.iter().chain([&touching]).enumerate() {
            for shrink in [0.0, 0.5] {
                let near = |b: Rect| b.shrink(shrink);
                let expected = all.iter().any(|b| near(*b).intersects(*candidate));
                assert_eq!(grid.any_hits(*candidate, near), expected, "box {i}: {candidate:?}");
            }
            grid.push(*candidate);
            all.push(*candidate);
        }
    }

    #[test]
    fn a_long_label_is_elided_alike_on_screen_and_in_an_export() {
        use crate::render::cpu_canvas::{CpuCanvas, TextEngine};
        use crate::render::egui_canvas::EguiCanvas;
        use crate::render::style::Theme;

        let style = MapStyle::for_theme(Theme::Light);
        let long = "Al-Tanf ".repeat(100_000);
        let size = 14.0;
        let spec = label(&long, size, &style);
        let mut pixmap = tiny_skia::Pixmap::new(8, 8).unwrap();
        let mut engine = TextEngine::new();
        engine.begin_frame(Theme::Light);
        let export = CpuCanvas::new(&mut pixmap, &mut engine, 1.0).measure(&spec);
        let ctx = egui::Context::default();
        let mut screen = (Vec2::ZERO, false, String::new());
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let painter = ui.painter().clone();
            let mut canvas = EguiCanvas {
                painter: &painter,
                cache: None,
            };
            let galley = painter.layout_job(super::super::canvas::layout_job(&spec));
            let shown: String = galley.rows.iter().map(|row| row.text()).collect();
            screen = (canvas.measure(&spec), galley.elided, shown);
        });
        // The font atlas this frame made is not uploaded anywhere.
        output.textures_delta.clear();
        let (screen_size, elided, shown) = screen;
        assert_eq!(screen_size, export, "screen and export lay the label out alike");
        assert!(elided && shown.ends_with('…'), "{shown}");
        assert!(shown.starts_with("Al-Tanf Al-Tanf"), "{shown}");
        assert!(
            export.x <= LABEL_MAX_EMS * size && export.x > 0.8 * LABEL_MAX_EMS * size,
            "one line up to the width: {export:?}"
        );
        assert!(export.y < 2.0 * size, "one row: {export:?}");
    }
}
