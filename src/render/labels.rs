//! Where the map's labels go, and drawing them: region names with their
//! status chips, then city and base labels, none overlapping another.
//!
//! Placement measures every label and checks it against those placed
//! before, which is worth keeping between frames: a [`LabelLayoutCache`],
//! held by whoever paints frames repeatedly (the map widget), keeps the
//! last placement for its [`LabelKey`]. The cache is the caller's, not the
//! canvas's: a canvas only draws.

use egui::{Align2, Pos2, Rect, Stroke, Vec2, pos2, vec2};

use super::canvas::{Canvas, TextSpec};
use super::marks::{MapMarks, MarkSizes, incident_rects, paint_base_markers, paint_incidents};
use super::scene::{MapScene, Overlays};
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
    overlays: Overlays,
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

/// City and base markers, their labels and the region labels, then the
/// incidents (over everything, so that no label hides one). Labels
/// never overlap: region labels are placed first, then each city's and
/// each base's label tries right, left, above and below its marker and is
/// left out when none is free (the marker stays; the legend and the hover
/// tooltip still tell). The placement comes from `labels` if it holds one
/// for this frame's [`LabelKey`], else it is worked out (and kept there).
pub(super) fn paint_places_and_labels(
    scene: &MapScene<'_>,
    marks: &MapMarks,
    to_screen: &ScreenFromWorld,
    u: f32,
    canvas: &mut dyn Canvas,
    labels: Option<&mut LabelLayoutCache>,
) {
    let style = scene.style;
    let key = LabelKey {
        statuses: scene.scenario.statuses_on(scene.track, scene.date).collect(),
        overlays: scene.overlays,
        unit_bits: u.to_bits(),
    };
    let placed_now;
    let layout = match labels {
        Some(cache) => cache.get_or_place(key, |statuses| place_labels(scene, to_screen, u, statuses, canvas)),
        None => {
            placed_now = place_labels(scene, to_screen, u, &key.statuses, canvas);
            &placed_now
        }
    };

    // Markers first, all of them, so that no label covers a marker.
    for (_, place, at) in shown_places(scene, to_screen) {
        if place.kind == PlaceKind::City {
            canvas.circle(at, 0.42 * u, style.city_marker, Stroke::new(0.18 * u, style.halo));
        }
    }
    // Each base filled and shaped by its own status.
    paint_base_markers(scene, marks, to_screen, u, canvas);
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
    // Incidents over everything else of the map: a region's name may run
    // across one, never hide it.
    paint_incidents(scene, marks, to_screen, u, canvas);
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
    let sizes = MarkSizes::new(u);
    let city_markers: Vec<Rect> = places
        .iter()
        .filter(|(_, p, _)| p.kind == PlaceKind::City)
        .map(|(_, _, at)| Rect::from_center_size(*at, Vec2::splat(1.2 * u)))
        .collect();
    // Where incidents show (all of them, so that labels do not move as
    // incidents come and go during playback).
    let incident_spots = if scene.overlays.incidents {
        incident_rects(scene, to_screen, &sizes)
    } else {
        Vec::new()
    };
    let marker_rect = |kind: PlaceKind, at: Pos2| match kind {
        PlaceKind::City => Rect::from_center_size(at, Vec2::splat(1.2 * u)),
        PlaceKind::Base => sizes.base_rect(at),
    };
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
            let block = |at: Pos2| {
                Rect::from_min_max(
                    at - vec2(name_size.x / 2.0, name_size.y),
                    at + vec2(name_size.x / 2.0, 2.4 * u),
                )
            };
            let clear_of = |marks: &[Rect], at: Pos2| !marks.iter().any(|m| block(at).intersects(*m));
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

    taken.extend(places.iter().map(|(_, p, at)| marker_rect(p.kind, *at)));
    taken.extend(incident_spots);
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
            !taken.iter().any(|t| t.shrink(0.1 * u).intersects(rect))
        });
        if let Some((anchor, pos)) = free {
            taken.push(anchor.anchor_size(pos, size));
            layout.places.push((i, anchor, pos));
        }
    }
    layout
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(unit: f32) -> LabelKey {
        LabelKey {
            statuses: vec![None, Some(StatusIdx(1))],
            overlays: Overlays::default(),
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
}
