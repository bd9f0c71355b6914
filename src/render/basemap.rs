//! The map under every layer: the sea, the neighbouring countries, each
//! region filled with its status (hatched after its last report),
//! borders and outlines, and the marks a region itself carries (low
//! confidence, a status change's pulse, the tracks' disagreement, the
//! pointer's hover). It always shows; the layers ([`super::layer`]) are
//! drawn over it.

use egui::{Color32, Stroke};

use super::canvas::{Canvas, WorldLine};
use super::marks::{MapMarks, REGION_HATCH_PERIOD_U, disagree_line, item_name, low_confidence_line, unconfirmed_line};
use super::scene::{MapLayout, MapScene};
use super::style::{NO_STATUS_FILL, color32};
use super::view::ScreenFromWorld;
use crate::geo::BorderLine;
use crate::model::{Date, Scenario, TrackIdx};

/// Sea, countries, regions, borders and the regions' marks.
pub(super) fn paint_basemap(
    scene: &MapScene<'_>,
    layout: &MapLayout,
    to_screen: &ScreenFromWorld,
    marks: &MapMarks,
    canvas: &mut dyn Canvas,
) {
    let rect = layout.rect;
    let style = scene.style;
    let visible_world = to_screen.world_rect(rect);
    // Level of detail for this zoom: the same picture within a fraction
    // of a point, with far fewer vertices on full-resolution boundaries.
    // A raster export draws the full geometry instead.
    let detail = if canvas.draws_levels_of_detail() {
        scene.geometry.detail_for(to_screen.scale)
    } else {
        scene.geometry.full_detail()
    };

    if scene.background {
        canvas.rect(rect, 0.0, style.sea, Stroke::NONE);
    }
    for shape in detail.context.iter().filter(|s| s.bounds.intersects(visible_world)) {
        canvas.fill_feature(shape, to_screen, style.context_fill);
    }
    let visible = |line: &&BorderLine| line.bounds.intersects(visible_world);
    for line in detail.borders.context.iter().filter(visible) {
        canvas.stroke_world(WorldLine::border(line), false, to_screen, style.context_border);
    }

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
            canvas.fill_feature(&feature.shape, to_screen, region_colors[feature.region.0]);
            // No report since the last one: that report's colour in stripes
            // over the grey.
            let last = marks.regions.get(feature.region.0).and_then(|m| m.last_reported);
            if let Some(last) = last {
                let stripe = color32(scene.scenario.status(last).color);
                canvas.hatch_feature(&feature.shape, to_screen, stripe, hatch_period);
            }
        }
        canvas.end_item();
    }
    for line in detail.borders.internal.iter().filter(visible) {
        canvas.stroke_world(WorldLine::border(line), false, to_screen, style.internal_border);
    }
    for outline in detail.region_outlines.iter().flatten() {
        canvas.stroke_world(WorldLine::border(outline), false, to_screen, style.region_border);
    }
    for (r, _) in marks.regions.iter().enumerate().filter(|(_, m)| m.low_confidence) {
        for outline in detail.region_outlines.get(r).into_iter().flatten() {
            low_confidence_line(canvas, WorldLine::border(outline), to_screen, style);
        }
    }
    for &(region, strength) in &scene.effects.pulse {
        let strength = strength.clamp(0.0, 1.0);
        let stroke = Stroke::new(
            style.region_border.width * (1.0 + 2.5 * strength),
            style.pulse.gamma_multiply(strength),
        );
        for outline in detail.region_outlines.get(region.0).into_iter().flatten() {
            canvas.stroke_world(WorldLine::border(outline), false, to_screen, stroke);
        }
    }
    for region in &scene.effects.disagree {
        for outline in detail.region_outlines.get(region.0).into_iter().flatten() {
            disagree_line(canvas, WorldLine::border(outline), to_screen, style, 1.0);
        }
    }
    for region in &scene.effects.unconfirmed {
        for outline in detail.region_outlines.get(region.0).into_iter().flatten() {
            unconfirmed_line(canvas, WorldLine::border(outline), to_screen, style, 1.0);
        }
    }
    if let Some(feature) = scene.hovered_feature.and_then(|i| detail.features.get(i)) {
        for ring in (0..feature.shape.rings.len()).filter_map(|r| WorldLine::ring(&feature.shape, r)) {
            canvas.stroke_world(ring, true, to_screen, style.hover_border);
        }
    }
}

/// The status colour of each region (index = `RegionIdx.0`) on `date`.
pub fn status_fills(scenario: &Scenario, track: TrackIdx, date: Date) -> Vec<Color32> {
    scenario
        .statuses_on(track, date)
        .map(|s| s.map_or(NO_STATUS_FILL, |s| color32(scenario.status(s).color)))
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
