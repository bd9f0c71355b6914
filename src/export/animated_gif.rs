//! The animated GIF of a sequence: a palette per run of frames that share
//! a map, each frame quantised in the worker that rendered it, appended in
//! order as the rectangle that changed.
//!
//! Frames with the same marks (regions' and bases' statuses, hatches,
//! incidents) share a palette, so that each frame after the first of its
//! run is stored as the rectangle that changed (mostly the date).

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use rayon::prelude::*;
use tiny_skia::Pixmap;

use super::checked::OutputFiles;
use super::frame::{Frame, FrameRenderer, stop_if_cancelled};
use super::{ExportError, ExportOptions, straight_rgba};
use crate::atomic_write::SafeFile;
use crate::render::marks::MapMarks;

/// Frames per second of a GIF when none is asked for: the command line's
/// default and the export dialog's.
pub const DEFAULT_GIF_FPS: u16 = 8;

/// Whether a GIF can be made of frames of `opts`; checked before anything
/// is rendered.
pub fn check_gif(opts: &ExportOptions) -> Result<(), ExportError> {
    gif_size(opts).map(drop)
}

/// Starts the GIF of `frames` at `fps` in `files` (one file): creates it
/// and works out the palette of each run of frames. Returns how the
/// workers quantise frames and the writer that appends them in order.
pub fn begin_gif<'w>(
    files: OutputFiles<'w>,
    renderer: &FrameRenderer<'_>,
    frames: &[Frame],
    fps: u16,
    cancel: &AtomicBool,
) -> Result<(GifFrames, GifWriter<'w>), ExportError> {
    let [w, h] = gif_size(renderer.opts)?;
    let path = files.files().first().cloned().unwrap_or_default();
    let file = files.create(&path)?;
    let mut encoder = gif::Encoder::new(file, w, h, &[])?;
    encoder.set_repeat(gif::Repeat::Infinite)?;
    let palettes = run_palettes(renderer, frames, cancel)?;
    let quantiser = GifFrames {
        palettes,
        delay: gif_delay(fps),
    };
    let writer = GifWriter {
        files,
        encoder,
        previous: None,
    };
    Ok((quantiser, writer))
}

/// How the frames of a GIF are quantised, in the workers.
pub struct GifFrames {
    palettes: RunPalettes,
    /// Hundredths of a second.
    delay: u16,
}

impl GifFrames {
    /// Frame `index` of the sequence in its run's palette.
    /// A frame with a hold ([`Frame::hold_secs`]) keeps it as its delay.
    pub fn quantise(&self, index: usize, frame: &Frame, pixmap: &Pixmap) -> Result<Quantised, ExportError> {
        let delay = frame.hold_secs.map_or(self.delay, |secs| {
            #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "clamped")]
            let hundredths = (secs * 100.0).round().clamp(1.0, f64::from(u16::MAX)) as u16;
            hundredths
        });
        Quantised::new(pixmap, self.palettes.for_frame(index), delay)
    }
}

/// The GIF palette of each run of frames that share a map: the dates are
/// grouped by the marks (the regions' and bases' statuses, hatches and low
/// confidence, the incidents shown: what the base layer depends on), and
/// each group's palette is that of its first frame.
struct RunPalettes {
    /// Index into `palettes` for each frame.
    run_of_frame: Vec<usize>,
    palettes: Vec<Arc<Palette>>,
}

impl RunPalettes {
    fn for_frame(&self, frame: usize) -> &Arc<Palette> {
        let run = self.run_of_frame.get(frame).copied().unwrap_or(0);
        &self.palettes[run.min(self.palettes.len() - 1)]
    }
}

/// Renders the first frame of each run (a handful) for its palette. The
/// base layers of the last runs stay in the renderer's cache; the frames,
/// rendered in order afterwards, paint the others again.
fn run_palettes(
    renderer: &FrameRenderer<'_>,
    frames: &[Frame],
    cancel: &AtomicBool,
) -> Result<RunPalettes, ExportError> {
    // What each half's base layer depends on (its BaseLayerKey without the
    // disagreement marks, which follow from the statuses of both).
    let scenario = &renderer.data.scenario;
    let statuses = |frame: &Frame| -> Vec<MapMarks> {
        frame
            .layout
            .as_slice()
            .iter()
            .map(|&t| MapMarks::of(scenario, t, frame.date))
            .collect()
    };
    let mut keys: Vec<Vec<MapMarks>> = Vec::new();
    let mut first_frames = Vec::new();
    let mut run_of_frame = Vec::with_capacity(frames.len());
    for frame in frames {
        let key = statuses(frame);
        let run = match keys.iter().position(|k| *k == key) {
            Some(run) => run,
            None => {
                keys.push(key);
                first_frames.push(frame);
                keys.len() - 1
            }
        };
        run_of_frame.push(run);
    }
    let palettes = renderer.install(|| {
        first_frames
            .par_iter()
            .map(|frame| {
                stop_if_cancelled(cancel)?;
                let pixmap = renderer.render(frame)?;
                Ok(Arc::new(Palette::of(&pixmap)))
            })
            .collect::<Result<Vec<_>, ExportError>>()
    })?;
    Ok(RunPalettes { run_of_frame, palettes })
}

/// GIF sides are 16-bit.
fn gif_size(opts: &ExportOptions) -> Result<[u16; 2], ExportError> {
    let [w, h] = opts.output_size_px();
    match (u16::try_from(w), u16::try_from(h)) {
        (Ok(w), Ok(h)) => Ok([w, h]),
        _ => Err(ExportError::Invalid(format!(
            "a GIF can be at most 65535 px a side, not {w}x{h}"
        ))),
    }
}

/// Frame delay in hundredths of a second for `fps` (8 fps → 13).
pub fn gif_delay(fps: u16) -> u16 {
    let fps = fps.max(1);
    (100 + fps / 2) / fps
}

/// A GIF palette: up to 256 colours, the most frequent first.
///
/// A map is flat fills plus anti-aliased edges and text, so the palette is
/// a frame's most frequent colours, exactly (the status colours come out
/// unchanged), and every other colour takes its nearest palette entry.
/// NeuQuant (`gif::Frame::from_rgba_speed`) was slower (~100 ms a 1080p
/// frame) and shifted flat fills by up to a dozen levels. GIF has 1-bit
/// alpha: pixels under half opaque become the transparent index, the entry
/// after the colours.
struct Palette {
    /// 0x00RRGGBB.
    keys: Vec<u32>,
    index_of: HashMap<u32, u8>,
}

impl Palette {
    /// The palette of `pixmap`: its most frequent colours.
    fn of(pixmap: &Pixmap) -> Self {
        let mut counts: HashMap<u32, u64> = HashMap::new();
        for (p, run) in pixel_runs(pixmap) {
            *counts.entry(gif_key(p)).or_default() += run;
        }
        // A slot for the transparent index, if the frame needs one.
        let slots = if counts.remove(&CLEAR_KEY).is_some() { 255 } else { 256 };
        let mut by_count: Vec<(u32, u64)> = counts.into_iter().collect();
        by_count.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let keys: Vec<u32> = by_count.iter().take(slots).map(|&(key, _)| key).collect();
        let index_of = keys
            .iter()
            .enumerate()
            .map(|(i, &key)| (key, u8::try_from(i).unwrap_or(u8::MAX)))
            .collect();
        Self { keys, index_of }
    }

    /// The transparent index: the entry after the colours (the last one
    /// when the palette is full).
    fn clear_index(&self) -> u8 {
        u8::try_from(self.keys.len()).unwrap_or(u8::MAX)
    }

    /// RGB triples, with black for the transparent index if used.
    fn rgb(&self, transparent: bool) -> Vec<u8> {
        let mut rgb: Vec<u8> = self
            .keys
            .iter()
            .flat_map(|k| {
                let [_, r, g, b] = k.to_be_bytes();
                [r, g, b]
            })
            .collect();
        if transparent && self.keys.len() < 256 {
            rgb.extend([0, 0, 0]);
        }
        rgb
    }
}

/// A frame in palette indices, waiting to go into the GIF.
pub struct Quantised {
    width: u16,
    height: u16,
    /// One palette index per pixel, rows top to bottom.
    indices: Vec<u8>,
    palette: Arc<Palette>,
    /// Whether some pixels are transparent.
    transparent: bool,
    /// Hundredths of a second.
    delay: u16,
}

impl Quantised {
    /// `pixmap` in `palette`'s colours: exact where the palette has the
    /// colour, else the nearest entry.
    fn new(pixmap: &Pixmap, palette: &Arc<Palette>, delay: u16) -> Result<Self, ExportError> {
        let (Ok(width), Ok(height)) = (u16::try_from(pixmap.width()), u16::try_from(pixmap.height())) else {
            return Err(ExportError::Invalid("GIF frame too large".to_owned()));
        };
        // A palette made from an opaque frame has no transparent slot when
        // full: then clear pixels take the colour nearest black.
        let clear = (palette.keys.len() < 256).then(|| palette.clear_index());
        let mut transparent = false;
        let mut nearest_of: HashMap<u32, u8> = HashMap::new();
        let mut indices = Vec::with_capacity(pixmap.data().len() / 4);
        // Runs of equal pixels, looked up once per run: a map is long runs
        // of flat fill.
        for (p, run) in pixel_runs(pixmap) {
            let key = gif_key(p);
            let index = if key == CLEAR_KEY {
                transparent |= clear.is_some();
                clear.unwrap_or_else(|| nearest(&palette.keys, 0))
            } else if let Some(&index) = palette.index_of.get(&key) {
                index
            } else {
                *nearest_of.entry(key).or_insert_with(|| nearest(&palette.keys, key))
            };
            indices.extend(std::iter::repeat_n(index, usize::try_from(run).unwrap_or(0)));
        }
        Ok(Self {
            width,
            height,
            indices,
            palette: Arc::clone(palette),
            transparent,
            delay,
        })
    }

    /// The smallest rectangle (left, top, width, height) holding every
    /// pixel that differs from `previous`, which has the same palette;
    /// `None` if none does.
    fn changed_rect(&self, previous: &Self) -> Option<[u16; 4]> {
        let width = usize::from(self.width);
        let mut rect: Option<[usize; 4]> = None;
        let rows = self
            .indices
            .chunks_exact(width)
            .zip(previous.indices.chunks_exact(width));
        for (y, (row, previous_row)) in rows.enumerate() {
            if row == previous_row {
                continue;
            }
            let differs = |(a, b): (&u8, &u8)| a != b;
            let first = row.iter().zip(previous_row).position(differs).unwrap_or(0);
            let last = row.iter().zip(previous_row).rposition(differs).unwrap_or(width - 1);
            rect = Some(match rect {
                None => [first, y, last, y],
                Some([x0, y0, x1, _]) => [x0.min(first), y0, x1.max(last), y],
            });
        }
        let [x0, y0, x1, y1] = rect?;
        let side = |v: usize| u16::try_from(v).unwrap_or(u16::MAX);
        Some([side(x0), side(y0), side(x1 - x0 + 1), side(y1 - y0 + 1)])
    }

    /// The part of the frame in `[left, top, width, height]`, drawn over
    /// the frame before.
    fn gif_frame(&self, [left, top, width, height]: [u16; 4]) -> gif::Frame<'static> {
        let row = usize::from(self.width);
        let (x0, w) = (usize::from(left), usize::from(width));
        let rows = usize::from(top)..usize::from(top) + usize::from(height);
        let indices: Vec<u8> = rows
            .flat_map(|y| self.indices.get(y * row + x0..y * row + x0 + w).unwrap_or_default())
            .copied()
            .collect();
        let clear = self.transparent.then(|| self.palette.clear_index());
        let mut frame =
            gif::Frame::from_palette_pixels(width, height, indices, self.palette.rgb(self.transparent), clear);
        frame.left = left;
        frame.top = top;
        frame.delay = self.delay;
        // A frame with transparency is whole and clears itself away, so
        // that the frame before never shows through it.
        frame.dispose = if self.transparent {
            gif::DisposalMethod::Background
        } else {
            gif::DisposalMethod::Keep
        };
        frame
    }
}

/// The GIF being written, frame by frame in order.
pub struct GifWriter<'w> {
    files: OutputFiles<'w>,
    encoder: gif::Encoder<SafeFile>,
    /// The last frame appended: what the GIF shows before the next.
    previous: Option<Quantised>,
}

impl GifWriter<'_> {
    /// Appends `frame`: after a frame with the same palette and no
    /// transparency, only the rectangle that changed (in a weekly sequence
    /// mostly the date in the title); otherwise whole.
    pub fn append(&mut self, frame: Quantised) -> Result<(), ExportError> {
        let whole = [0, 0, frame.width, frame.height];
        let rect = match &self.previous {
            Some(previous)
                if Arc::ptr_eq(&previous.palette, &frame.palette) && !previous.transparent && !frame.transparent =>
            {
                // Nothing changed: one pixel carries the frame's delay.
                frame.changed_rect(previous).unwrap_or([0, 0, 1, 1])
            }
            _ => whole,
        };
        self.encoder.write_frame(&frame.gif_frame(rect))?;
        self.previous = Some(frame);
        Ok(())
    }

    /// Puts the GIF in place (removed again if the request fails).
    pub fn finish(self) -> Result<(), ExportError> {
        let file = self.encoder.into_inner()?;
        self.files.commit(file)
    }
}

/// The key of a pixel under half opaque (GIF's transparent index); colour
/// keys are 0x00RRGGBB, so it is never one.
const CLEAR_KEY: u32 = u32::MAX;

/// Runs of equal pixels (premultiplied RGBA) as (pixel, length).
fn pixel_runs(pixmap: &Pixmap) -> impl Iterator<Item = ([u8; 4], u64)> {
    let mut pixels = pixmap
        .data()
        .chunks_exact(4)
        .map(|p| [p[0], p[1], p[2], p[3]])
        .peekable();
    std::iter::from_fn(move || {
        let pixel = pixels.next()?;
        let mut run = 1;
        while pixels.next_if_eq(&pixel).is_some() {
            run += 1;
        }
        Some((pixel, run))
    })
}

/// A pixel's colour key, 0x00RRGGBB straight, or [`CLEAR_KEY`].
fn gif_key(premultiplied: [u8; 4]) -> u32 {
    let [r, g, b, a] = straight_rgba(premultiplied);
    if a >= 128 {
        u32::from_be_bytes([0, r, g, b])
    } else {
        CLEAR_KEY
    }
}

/// The palette index nearest to `key` (0x00RRGGBB), weighted for the eye.
fn nearest(palette: &[u32], key: u32) -> u8 {
    let rgb = |k: u32| {
        let [_, r, g, b] = k.to_be_bytes();
        [i32::from(r), i32::from(g), i32::from(b)]
    };
    let [r, g, b] = rgb(key);
    let mut best = (i32::MAX, 0);
    for (i, &p) in palette.iter().enumerate() {
        let [pr, pg, pb] = rgb(p);
        let d = 2 * (r - pr).pow(2) + 4 * (g - pg).pow(2) + 3 * (b - pb).pow(2);
        if d < best.0 {
            best = (d, i);
        }
    }
    u8::try_from(best.1).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gif_delays_round_to_hundredths() {
        assert_eq!(gif_delay(8), 13);
        assert_eq!(gif_delay(10), 10);
        assert_eq!(gif_delay(1), 100);
        assert_eq!(gif_delay(50), 2);
    }
}
