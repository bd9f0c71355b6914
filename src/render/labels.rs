//! Where the map's labels go, and drawing them: region names with their
//! status chips, then city and base labels, none overlapping another.
//! Labels only: the markers they name are [`super::marks`]'s, and which
//! layer is painted when is the conductor's ([`super::paint`]).
//!
//! Placement measures every label and checks it against those placed
//! before, which is worth keeping between frames: a [`LabelLayoutCache`],
//! held by whoever paints frames repeatedly (the map widget), keeps the
//! last placement for its [`LabelKey`]. The cache is the caller's, not the
//! canvas's: a canvas only draws.

use std::borrow::Cow;
use std::collections::HashMap;

use egui::{Align2, Pos2, Rect, Vec2, pos2, vec2};

use super::canvas::{Canvas, TextSpec};
use super::layer::{LayerSet, MapLayer};
use super::marks::{MarkSizes, incident_rects};
use super::scene::MapScene;
use super::style::MapStyle;
use super::view::ScreenFromWorld;
use crate::model::{Place, PlaceKind, StatusIdx};

/// The widest a label over the map may be, in ems of its text size: the
/// shipped scenario's longest (a status's label in a chip, 31 characters)
/// takes about 15; a longer one is elided on its one line with `…`.
pub const LABEL_MAX_EMS: f32 = 20.0;

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
/// width), the layers shown and the layout unit (text sizes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelKey {
    statuses: Vec<Option<StatusIdx>>,
    layers: LayerSet,
    unit_bits: u32,
}

/// Where the region labels, their status chips and the place labels go
/// (screen points).
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

fn place_label_spec<'a>(place: &'a Place, u: f32, style: &MapStyle) -> TextSpec<'a> {
    match place.kind {
        PlaceKind::City => label(&place.name, 1.45 * u, style),
        PlaceKind::Base => TextSpec {
            color: style.muted_text,
            ..label(&place.name, (1.25 * u).max(10.0), style)
        },
    }
}

/// Where this frame's labels go. Labels never overlap: region labels are
/// placed first, then each city's and each base's label tries right,
/// left, above and below its marker and is left out when none is free
/// (the marker stays; the legend and the hover tooltip still tell). The
/// placement comes from `cache` if it holds one for this frame's
/// [`LabelKey`], else it is worked out (and kept there).
pub(super) fn placed_labels<'c>(
    scene: &MapScene<'_>,
    to_screen: &ScreenFromWorld,
    u: f32,
    canvas: &mut dyn Canvas,
    cache: Option<&'c mut LabelLayoutCache>,
) -> Cow<'c, LabelLayout> {
    let key = LabelKey {
        statuses: scene.scenario.statuses_on(scene.track, scene.date).collect(),
        layers: scene.layers,
        unit_bits: u.to_bits(),
    };
    match cache {
        Some(cache) => {
            Cow::Borrowed(cache.get_or_place(key, |statuses| place_labels(scene, to_screen, u, statuses, canvas)))
        }
        None => Cow::Owned(place_labels(scene, to_screen, u, &key.statuses, canvas)),
    }
}

/// The labels of the places of `kind` that found room.
pub(super) fn paint_place_labels(
    scene: &MapScene<'_>,
    layout: &LabelLayout,
    kind: PlaceKind,
    u: f32,
    canvas: &mut dyn Canvas,
) {
    for &(i, anchor, pos) in &layout.places {
        if let Some(place) = scene.scenario.places.get(i).filter(|p| p.kind == kind) {
            canvas.text(&place_label_spec(place, u, scene.style), pos, anchor);
        }
    }
}

/// Each region's name and its status chip.
pub(super) fn paint_region_labels(scene: &MapScene<'_>, layout: &LabelLayout, u: f32, canvas: &mut dyn Canvas) {
    let style = scene.style;
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

/// Places the labels (see [`placed_labels`]), measuring text on
/// `canvas` without drawing.
fn place_labels(
    scene: &MapScene<'_>,
    to_screen: &ScreenFromWorld,
    u: f32,
    statuses: &[Option<StatusIdx>],
    canvas: &mut dyn Canvas,
) -> LabelLayout {
    let style = scene.style;
    // Cells about a label's height: most boxes fall in a few.
    let mut taken = TakenBoxes::new(3.0 * u);
    let mut layout = LabelLayout::default();
    let places = shown_places(scene, to_screen);
    let sizes = MarkSizes::new(u);
    let mut city_markers = TakenBoxes::new(3.0 * u);
    for (_, _, at) in places.iter().filter(|(_, p, _)| p.kind == PlaceKind::City) {
        city_markers.push(Rect::from_center_size(*at, Vec2::splat(1.2 * u)));
    }
    // Where incidents show (all of them, so that labels do not move as
    // incidents come and go during playback).
    let incident_rects = if scene.layers.contains(MapLayer::Incidents) {
        incident_rects(scene, to_screen, &sizes)
    } else {
        Vec::new()
    };
    let mut incident_spots = TakenBoxes::new(3.0 * u);
    for spot in &incident_rects {
        incident_spots.push(*spot);
    }
    let marker_rect = |kind: PlaceKind, at: Pos2| match kind {
        PlaceKind::City => Rect::from_center_size(at, Vec2::splat(1.2 * u)),
        PlaceKind::Base => sizes.base_rect(at),
    };
    if scene.layers.contains(MapLayer::RegionLabels) {
        for (r, region) in scene.scenario.regions.iter().enumerate() {
            let Some(anchor) = scene.geometry.region_label_anchors.get(r).copied().flatten() else {
                continue;
            };
            let name = region.name.to_uppercase();
            let name_size = canvas.measure(&label(&name, 2.0 * u, style));
            // Nudge the label off any city it would cover (Erbil sits at
            // the Kurdistan Region's centre): below, above, further out.
            let anchor = to_screen.screen_from_world(anchor);
            let block = |at: Pos2| {
                Rect::from_min_max(
                    at - vec2(name_size.x / 2.0, name_size.y),
                    at + vec2(name_size.x / 2.0, 2.4 * u),
                )
            };
            let clear_of = |marks: &TakenBoxes, at: Pos2| !marks.any_hits(block(at), |m| m);
            let at = [0.0, 3.5, -3.5, 7.0, -7.0]
                .into_iter()
                .map(|dy| anchor + vec2(0.0, dy * u))
                .find(|&at| clear_of(&city_markers, at))
                .unwrap_or(anchor);
            // Then sideways off an incident's spot (Makhmour's sits at the
            // Kurdistan Region's name), if a spot clear of both is near.
            let at = if clear_of(&incident_spots, at) {
                at
            } else {
                [4.0, -4.0, 8.0, -8.0]
                    .into_iter()
                    .map(|dx| at + vec2(dx * u, 0.0))
                    .find(|&at| clear_of(&incident_spots, at) && clear_of(&city_markers, at))
                    .unwrap_or(at)
            };
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

    for (_, p, at) in &places {
        taken.push(marker_rect(p.kind, *at));
    }
    for spot in incident_rects {
        taken.push(spot);
    }
    // Cities before bases: they orient the audience.
    let mut ordered: Vec<_> = places.iter().collect();
    ordered.sort_by_key(|(_, p, _)| p.kind == PlaceKind::Base);
    for &&(i, place, at) in &ordered {
        let size = canvas.measure(&place_label_spec(place, u, style));
        // Clear of the marker: a base's is larger than a city's dot.
        let gap = match place.kind {
            PlaceKind::City => 0.8 * u,
            PlaceKind::Base => marker_rect(place.kind, at).width() / 2.0 + 0.3 * u,
        };
        let candidates = [
            (Align2::LEFT_CENTER, at + vec2(gap, 0.0)),
            (Align2::RIGHT_CENTER, at - vec2(gap, 0.0)),
            (Align2::CENTER_BOTTOM, at - vec2(0.0, gap * 0.8)),
            (Align2::CENTER_TOP, at + vec2(0.0, gap * 0.8)),
        ];
        let free = candidates.into_iter().find(|(anchor, pos)| {
            let rect = anchor.anchor_size(*pos, size);
            !taken.any_hits(rect, |t| t.shrink(0.1 * u))
        });
        if let Some((anchor, pos)) = free {
            taken.push(anchor.anchor_size(pos, size));
            layout.places.push((i, anchor, pos));
        }
    }
    layout
}

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
            layers: LayerSet::default(),
            unit_bits: unit.to_bits(),
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
