//! A pass of a map painted onto a pixmap on two cores: the ground (sea,
//! countries, regions, borders: shapes only) on one, and on the other the
//! text of everything over it laid out, its glyphs rasterised and the
//! labels placed; then the layers over the ground are painted with that
//! work done, which leaves little but copying glyphs. The pixels are those
//! of [`paint_map_pass`] on one [`CpuCanvas`]: the same operations reach
//! the pixmap in the same order.

use std::sync::Arc;

use egui::Rect;
use tiny_skia::Pixmap;

use super::cpu_canvas::{CpuCanvas, TextEngine};
use super::labels::LabelLayoutCache;
use super::paint::{PaintPass, paint_ground, paint_map_pass, paint_map_pass_over_ground};
use super::scene::{MapLayout, MapScene};

/// Paints `pass` of `scene` into `rect` (points) of `pixmap`, whose
/// pixels are `pixels_per_point` to a point, with `engine`'s fonts; the
/// ground and the text's layout in parallel when the pass has a ground.
pub fn paint_map_raster(
    scene: &MapScene<'_>,
    rect: Rect,
    pixmap: &mut Pixmap,
    engine: &mut TextEngine,
    pixels_per_point: f32,
    pass: PaintPass,
    grounds: Option<&dyn GroundStore>,
) -> MapLayout {
    if !pass.has_ground() {
        let canvas = &mut CpuCanvas::new(pixmap, engine, pixels_per_point);
        return paint_map_pass(scene, rect, canvas, pass, None);
    }
    let mut labels = LabelLayoutCache::default();
    {
        let (mut layout_only, scratch) = engine.split(pixels_per_point);
        let labels = &mut labels;
        // A thread of its own, not a rayon job: a rayon worker waiting
        // for a stolen job runs other jobs meanwhile, and a sequence's
        // frame run inside the painting of its own base layer would wait
        // for that layer (the exporter paints each layer once) forever.
        std::thread::scope(|scope| {
            let text = std::thread::Builder::new()
                .name("text layout".to_owned())
                .spawn_scoped(scope, || {
                    paint_map_pass_over_ground(scene, rect, &mut layout_only, pass, Some(labels));
                });
            match grounds.and_then(GroundStore::kept) {
                Some(kept) if kept.data().len() == pixmap.data().len() => {
                    pixmap.data_mut().copy_from_slice(kept.data());
                }
                _ => {
                    paint_ground(
                        scene,
                        rect,
                        &mut CpuCanvas::shapes_only(pixmap, scratch, pixels_per_point),
                    );
                    if let Some(grounds) = grounds {
                        grounds.keep(pixmap);
                    }
                }
            }
            // Without the thread (or should it fail), the pass below lays
            // out its text itself: the same pixels, later.
            if let Ok(text) = text {
                let _ = text.join();
            }
        });
    }
    let canvas = &mut CpuCanvas::new(pixmap, engine, pixels_per_point);
    paint_map_pass_over_ground(scene, rect, canvas, pass, Some(&mut labels))
}

/// Where a pass may find its ground already painted, and keep the one it
/// paints: an exporter's frames of different base layers often share
/// their ground ([`super::GroundKey`]).
pub trait GroundStore: Sync {
    /// The ground, if kept (the same size as the pass's pixmap).
    fn kept(&self) -> Option<Arc<Pixmap>>;
    /// Keeps `ground`, just painted.
    fn keep(&self, ground: &Pixmap);
}

#[cfg(test)]
mod tests {
    use egui::{Pos2, vec2};

    use super::*;
    use crate::inputs::LoadedInputs;
    use crate::model::{Date, TrackIdx};
    use crate::render::{MapEffects, MapStyle, Theme};

    /// `pass` of the embedded map on `date` (track `track`, `theme`), 960
    /// × 540 pixels at 1.5 pixels a point, painted on two cores here and
    /// on one canvas by [`paint_map_pass`].
    fn both_ways(track: &str, date: &str, theme: Theme, pass: PaintPass) -> [Pixmap; 2] {
        let data = LoadedInputs::embedded().unwrap();
        let style = MapStyle::for_theme(theme);
        let effects = MapEffects::default();
        let track = data.scenario.track_idx(track).unwrap_or(TrackIdx(0));
        let on = (track, date.parse::<Date>().unwrap());
        let scene = MapScene::home(&data.scenario, &data.geometry, on, &style, &effects);
        let rect = Rect::from_min_size(Pos2::ZERO, vec2(640.0, 360.0));
        let [mut two_cores, mut one] = [(); 2].map(|()| Pixmap::new(960, 540).unwrap());
        let mut engine = TextEngine::new();
        engine.begin_frame(theme);
        paint_map_raster(&scene, rect, &mut two_cores, &mut engine, 1.5, pass, None);
        let mut engine = TextEngine::new();
        engine.begin_frame(theme);
        paint_map_pass(
            &scene,
            rect,
            &mut CpuCanvas::new(&mut one, &mut engine, 1.5),
            pass,
            None,
        );
        [two_cores, one]
    }

    #[test]
    fn a_pass_painted_on_two_cores_is_the_pass_painted_on_one_canvas_pixel_for_pixel() {
        // A date of a status change, one after the record's end (hatched
        // regions), and the dark theme; the whole frame and its base.
        for (track, date, theme, pass) in [
            ("announced", "2025-10-01", Theme::Light, PaintPass::All),
            ("reported", "2026-03-25", Theme::Light, PaintPass::All),
            ("reported", "2026-03-25", Theme::Dark, PaintPass::Base),
        ] {
            let [two_cores, one] = both_ways(track, date, theme, pass);
            let differing = two_cores.data().iter().zip(one.data()).filter(|(a, b)| a != b).count();
            assert_eq!(differing, 0, "{track} {date} {theme:?} {pass:?}");
            // Not a blank picture that would match anything.
            let distinct: std::collections::HashSet<&[u8]> = one.data().chunks_exact(4).collect();
            assert!(distinct.len() > 50, "{track} {date}: {} colours", distinct.len());
        }
    }
}
