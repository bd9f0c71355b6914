//! Frame sequences: one PNG per date, an animated GIF, a PowerPoint deck
//! ([`super::pptx`]) and an H.264 video ([`super::mp4`]), any of them.
//!
//! Frames are rendered in parallel (rayon, one text engine per worker from
//! the pool) in chunks, so memory stays bounded however long the sequence;
//! frames with the same marks (regions' and bases' statuses, hatches,
//! incidents) share one painted base layer
//! ([`super::BaseLayerCache`]) and paint only their panels; in a GIF they
//! also share a palette, so that each frame after the first of its run is
//! stored as the rectangle that changed (mostly the date);
//! GIF frames are quantised in the workers and appended in date order.
//! Every file is written atomically ([`crate::atomic_write`]); every
//! output of a request is checked before anything is rendered
//! ([`SequenceRequest::output_plan`]), and a failed or cancelled request
//! removes the files and directories it made.

use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{Days, Months};
use rayon::prelude::*;
use tiny_skia::Pixmap;

use super::format::ImageFormat;
use super::{
    BaseLayerCache, ExportError, ExportOptions, encode_png, render_pixmap_cached, straight_rgba, with_text_engine,
};
use crate::atomic_write::{OutputPlan, SafeFile, Writes};
use crate::inputs::LoadedInputs;
use crate::model::{Date, Scenario, TrackLayout, date_format};
use crate::render::marks::MapMarks;

/// Most frames one sequence may have (daily over 27 years).
pub const MAX_FRAMES: usize = 10_000;

/// Frames per second a GIF or a video may have (GIF delays are whole
/// hundredths).
pub const FPS_RANGE: std::ops::RangeInclusive<u16> = 1..=50;

/// Frames per second of a GIF when none is asked for: the command line's
/// default and the export dialog's.
pub const DEFAULT_GIF_FPS: u16 = 8;

/// Distance between frames: `1d`, `2w`, `1m` (calendar months).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Days(u32),
    Weeks(u32),
    Months(u32),
}

impl FromStr for Step {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let bad =
            |why: &str| format!("\"{text}\" is not a step: {why} (expected a count and d, w or m: 1d, 1w, 2w, 1m)");
        let t = text.trim();
        let unit = t.chars().last().ok_or_else(|| bad("it is empty"))?;
        let count = &t[..t.len() - unit.len_utf8()];
        let n: u32 = if count.is_empty() {
            1
        } else {
            count.parse().map_err(|_| bad("the count is not a whole number"))?
        };
        if n == 0 || n > 10_000 {
            return Err(bad("the count must be 1 to 10000"));
        }
        match unit.to_ascii_lowercase() {
            'd' => Ok(Self::Days(n)),
            'w' => Ok(Self::Weeks(n)),
            'm' => Ok(Self::Months(n)),
            _ => Err(bad("the unit is not d, w or m")),
        }
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Days(n) => write!(f, "{n}d"),
            Self::Weeks(n) => write!(f, "{n}w"),
            Self::Months(n) => write!(f, "{n}m"),
        }
    }
}

impl Step {
    /// `from`, then every step after it up to `to` inclusive. Months count
    /// from `from` (31 Jan, 28/29 Feb, 31 Mar…), so they do not drift.
    pub fn dates(self, from: Date, to: Date) -> Result<Vec<Date>, ExportError> {
        check_order(from, to)?;
        let mut dates = Vec::new();
        for k in 0_u32.. {
            let date = match self {
                Self::Days(n) => from.checked_add_days(Days::new(u64::from(k) * u64::from(n))),
                Self::Weeks(n) => from.checked_add_days(Days::new(u64::from(k) * u64::from(n) * 7)),
                Self::Months(n) => k.checked_mul(n).and_then(|m| from.checked_add_months(Months::new(m))),
            };
            let Some(date) = date.filter(|&d| d <= to) else {
                break;
            };
            if dates.len() == MAX_FRAMES {
                return Err(too_many_frames());
            }
            dates.push(date);
        }
        Ok(dates)
    }
}

fn check_order(from: Date, to: Date) -> Result<(), ExportError> {
    if from > to {
        return Err(ExportError::Invalid(format!(
            "the sequence starts ({from}) after it ends ({to})"
        )));
    }
    Ok(())
}

fn too_many_frames() -> ExportError {
    ExportError::TooManyFrames
}

/// The days with a milestone of `layout`'s tracks (either, for a comparison) in
/// `from..=to`, each once, in order.
pub fn milestone_dates(
    scenario: &Scenario,
    layout: TrackLayout,
    from: Date,
    to: Date,
) -> Result<Vec<Date>, ExportError> {
    check_order(from, to)?;
    let shown = layout.as_slice();
    let mut dates: Vec<Date> = scenario
        .milestones
        .iter()
        .filter(|m| m.shown_with(shown))
        .map(|m| m.date)
        .filter(|d| (from..=to).contains(d))
        .collect();
    dates.sort_unstable();
    dates.dedup();
    Ok(dates)
}

/// `drawdown-{label}-{YYYY-MM-DD}.png`; the label is a track id or
/// `compare` ([`TrackLayout::file_label`]). Also a single image's default
/// name.
pub fn frame_file_name(label: &str, date: Date) -> String {
    frame_name(label, &date_format::iso(date))
}

/// How a sequence's frames are named, for a reader:
/// `drawdown-{label}-YYYY-MM-DD.png`.
pub fn frame_name_pattern(label: &str) -> String {
    frame_name(label, "YYYY-MM-DD")
}

fn frame_name(label: &str, day: &str) -> String {
    format!("drawdown-{label}-{day}.{}", ImageFormat::Png.extension())
}

/// The default name of a sequence's GIF:
/// `drawdown-{label}-{from}-to-{to}.gif`, dates as YYYY-MM-DD.
pub fn gif_file_name(label: &str, from: Date, to: Date) -> String {
    format!(
        "drawdown-{label}-{}-to-{}.gif",
        date_format::iso(from),
        date_format::iso(to)
    )
}

/// A sequence to export: at least one of the outputs (`out_dir`, `gif`,
/// `pptx`, `mp4`).
#[derive(Clone, Debug, PartialEq)]
pub struct SequenceRequest {
    pub tracks: TrackLayout,
    /// One frame per date, in this order.
    pub dates: Vec<Date>,
    /// Write one PNG per frame into this directory (created if missing).
    pub out_dir: Option<PathBuf>,
    /// Also write an animated GIF here.
    pub gif: Option<PathBuf>,
    /// Frames per second of the GIF and the video.
    pub fps: u16,
    /// Replace existing files.
    pub force: bool,
    pub opts: ExportOptions,
    /// Also write a PowerPoint deck here: a title slide, then a slide per
    /// frame with its speaker notes.
    pub pptx: Option<PathBuf>,
    /// Also write an H.264 video (MP4) here, a frame per date.
    pub mp4: Option<PathBuf>,
    /// Also write a PDF briefing book here: a page per frame, a bookmark
    /// per milestone.
    pub pdf: Option<PathBuf>,
}

impl SequenceRequest {
    /// The file of each frame, in the order of `dates`; none without an
    /// output directory.
    pub fn frame_paths(&self, data: &LoadedInputs) -> Vec<PathBuf> {
        let Some(out_dir) = &self.out_dir else {
            return Vec::new();
        };
        let label = self.tracks.file_label(&data.scenario);
        let frame_path = |&date| out_dir.join(frame_file_name(&label, date));
        self.dates.iter().map(frame_path).collect()
    }

    /// Whether the request writes anything: frames, a GIF, a deck, a video
    /// or a book.
    pub fn has_output(&self) -> bool {
        self.out_dir.is_some() || self.gif.is_some() || self.pptx.is_some() || self.mp4.is_some() || self.pdf.is_some()
    }

    /// How many times `progress` is called: once per frame for each pass
    /// (the PNG frames and the GIF share one, the deck and the video have
    /// their own).
    pub fn progress_steps(&self) -> usize {
        let passes = usize::from(self.out_dir.is_some() || self.gif.is_some())
            + usize::from(self.pptx.is_some())
            + usize::from(self.mp4.is_some())
            + usize::from(self.pdf.is_some());
        self.dates.len() * passes
    }

    /// Every file the request writes, in one list: the frames, then the
    /// GIF, the deck and the video. An output added to the request goes
    /// here too, and so is checked with the others before anything is
    /// rendered.
    pub fn output_files(&self, data: &LoadedInputs) -> Vec<PathBuf> {
        let mut files = self.frame_paths(data);
        files.extend(
            self.gif
                .iter()
                .chain(&self.pptx)
                .chain(&self.mp4)
                .chain(&self.pdf)
                .cloned(),
        );
        files
    }

    /// The request's outputs, checked together: `out_dir` is a directory
    /// or can be made one; each file's directory exists (or is `out_dir`);
    /// none is taken unless `force`, none is anything but a regular file,
    /// and no two are the same file, however spelled. Nothing is made.
    pub fn output_plan(&self, data: &LoadedInputs) -> Result<OutputPlan, ExportError> {
        let mut plan = OutputPlan::new(self.force);
        if let Some(out_dir) = &self.out_dir {
            plan.directory(out_dir)?;
        }
        for path in self.output_files(data) {
            plan.file(&path)?;
        }
        Ok(plan)
    }
}

/// What a sequence export wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SequenceOutcome {
    pub frames: Vec<PathBuf>,
    pub gif: Option<PathBuf>,
    pub pptx: Option<PathBuf>,
    pub mp4: Option<PathBuf>,
    pub pdf: Option<PathBuf>,
}

/// Renders and writes every frame and the GIF, then the deck, then the
/// video. Calls `progress` [`SequenceRequest::progress_steps`] times (from
/// worker threads) and stops with [`ExportError::Cancelled`] soon after
/// `cancel` is set. Nothing is rendered if the request is bad (no output,
/// no dates, an odd video size…) or unless every output passes
/// [`SequenceRequest::output_plan`]. A request that fails or is cancelled
/// leaves nothing it made: the frames it wrote anew, a partial GIF, deck
/// or video, and `out_dir` (and its parents) if it made them and they are
/// empty (frames it replaced stay replaced; see [`crate::atomic_write::plan`]).
pub fn export_sequence(
    data: &LoadedInputs,
    request: &SequenceRequest,
    progress: &(dyn Fn() + Sync),
    cancel: &AtomicBool,
) -> Result<SequenceOutcome, ExportError> {
    request.opts.validate()?;
    if !request.has_output() {
        return Err(ExportError::Invalid(
            "the sequence has no output: no frame directory, GIF, deck, video or book".to_owned(),
        ));
    }
    if request.dates.is_empty() {
        return Err(ExportError::Invalid("the sequence has no dates".to_owned()));
    }
    if request.dates.len() > MAX_FRAMES {
        return Err(too_many_frames());
    }
    if !FPS_RANGE.contains(&request.fps) {
        return Err(ExportError::FpsOutOfRange { fps: request.fps });
    }
    let gif_size = match request.gif {
        Some(_) => Some(gif_size(&request.opts)?),
        None => None,
    };
    if request.mp4.is_some() {
        super::mp4::check_request(request)?;
    }
    let book = match &request.pdf {
        Some(path) => {
            super::pdf::check_book_path(path)?;
            let pages = super::pdf::book_pages(&data.scenario, request.tracks, &request.dates);
            super::pdf::check_book(&pages, &request.opts)?;
            Some((path, pages))
        }
        None => None,
    };

    let writes = request.output_plan(data)?.begin()?;
    let frames = request.frame_paths(data);
    let (gif_path, frames) = if request.out_dir.is_some() || request.gif.is_some() {
        export_frames_and_gif(data, request, &writes, frames, gif_size, progress, cancel)?
    } else {
        (None, frames)
    };
    if let Some(path) = &request.pptx {
        super::pptx::write_deck(data, request, &writes, path, progress, cancel)?;
    }
    if let Some(path) = &request.mp4 {
        super::mp4::write_video(data, request, &writes, path, progress, cancel)?;
    }
    if let Some((path, pages)) = book {
        stop_if_cancelled(cancel)?;
        super::pdf::write_book(data, request.tracks, &pages, &request.opts, &writes, path)?;
        // The book is one document: its pages count when it is written.
        (0..pages.len()).for_each(|_| progress());
    }
    stop_if_cancelled(cancel)?;
    writes.finish();
    Ok(SequenceOutcome {
        frames,
        gif: gif_path,
        pptx: request.pptx.clone(),
        mp4: request.mp4.clone(),
        pdf: request.pdf.clone(),
    })
}

/// The PNG frames (with an output directory) and the GIF, in one pass.
fn export_frames_and_gif(
    data: &LoadedInputs,
    request: &SequenceRequest,
    writes: &Writes,
    frames: Vec<PathBuf>,
    gif_size: Option<[u16; 2]>,
    progress: &(dyn Fn() + Sync),
    cancel: &AtomicBool,
) -> Result<(Option<PathBuf>, Vec<PathBuf>), ExportError> {
    let mut gif = match (&request.gif, gif_size) {
        (Some(path), Some([w, h])) => {
            let file = writes.create(path)?;
            let mut encoder = gif::Encoder::new(file, w, h, &[])?;
            encoder.set_repeat(gif::Repeat::Infinite)?;
            Some(GifWriter {
                encoder,
                previous: None,
            })
        }
        _ => None,
    };
    let threads = rayon::current_num_threads().max(1);
    // A comparison frame paints two halves, each with its own base layer.
    let cache = BaseLayerCache::new(threads * request.tracks.as_slice().len());
    let palettes = match gif {
        Some(_) => Some(run_palettes(data, request, &cache, cancel)?),
        None => None,
    };
    let delay = gif_delay(request.fps);
    let cancelled = || stop_if_cancelled(cancel);

    // Chunks bound memory: quantised GIF frames (a byte a pixel) wait here
    // to be appended in order.
    let chunk = threads * if gif.is_some() { 1 } else { 4 };
    let no_paths: Vec<Option<&PathBuf>> = vec![None; request.dates.len()];
    let paths: Vec<Option<&PathBuf>> = if frames.is_empty() {
        no_paths
    } else {
        frames.iter().map(Some).collect()
    };
    for (k, (dates, paths)) in request.dates.chunks(chunk).zip(paths.chunks(chunk)).enumerate() {
        let gif_frames = dates
            .par_iter()
            .zip(paths)
            .enumerate()
            .map(|(i, (&date, &path))| {
                cancelled()?;
                let palette = palettes.as_ref().map(|p| p.for_frame(k * chunk + i));
                let frame = render_frame(data, request, &cache, date, (writes, path), palette.map(|p| (p, delay)))?;
                progress();
                Ok(frame)
            })
            .collect::<Result<Vec<_>, ExportError>>()?;
        if let Some(writer) = &mut gif {
            for frame in gif_frames.into_iter().flatten() {
                cancelled()?;
                writer.append(frame)?;
            }
        }
    }

    let gif_path = match gif {
        Some(writer) => {
            cancelled()?;
            let file = writer.encoder.into_inner()?;
            let path = file.path().to_owned();
            writes.commit(file)?;
            Some(path)
        }
        None => None,
    };
    Ok((gif_path, frames))
}

/// [`ExportError::Cancelled`] once `cancel` is set.
fn stop_if_cancelled(cancel: &AtomicBool) -> Result<(), ExportError> {
    if cancel.load(Ordering::Relaxed) {
        Err(ExportError::Cancelled)
    } else {
        Ok(())
    }
}

/// Renders one frame, writes its PNG (with a path) and, with a GIF palette
/// and delay, returns it quantised for the GIF.
fn render_frame(
    data: &LoadedInputs,
    request: &SequenceRequest,
    cache: &BaseLayerCache,
    date: Date,
    (writes, path): (&Writes, Option<&PathBuf>),
    gif: Option<(&Arc<Palette>, u16)>,
) -> Result<Option<Quantised>, ExportError> {
    let pixmap = with_text_engine(|engine| {
        render_pixmap_cached(engine, data, request.tracks, date, &request.opts, Some(cache))
    })?;
    if let Some(path) = path {
        let png = encode_png(&pixmap)?;
        writes.write_file(path, &png)?;
    }
    let Some((palette, delay)) = gif else {
        return Ok(None);
    };
    Ok(Some(Quantised::new(&pixmap, palette, delay)?))
}

/// Renders the frames of `request` in parallel, `prepare`s each in the
/// worker that rendered it (PNG-encodes it, converts it to YUV…) and hands
/// the results to `sink` in date order. Chunks of a few frames bound the
/// memory: only a chunk's results wait for the sink. Calls `progress` once
/// per frame and stops soon after `cancel` is set.
pub(crate) fn render_in_order<T: Send>(
    data: &LoadedInputs,
    request: &SequenceRequest,
    prepare: &(dyn Fn(Pixmap) -> Result<T, ExportError> + Sync),
    sink: &mut dyn FnMut(Date, T) -> Result<(), ExportError>,
    progress: &(dyn Fn() + Sync),
    cancel: &AtomicBool,
) -> Result<(), ExportError> {
    let threads = rayon::current_num_threads().max(1);
    let cache = BaseLayerCache::new(threads * request.tracks.as_slice().len());
    for dates in request.dates.chunks(threads) {
        let prepared = dates
            .par_iter()
            .map(|&date| {
                stop_if_cancelled(cancel)?;
                let pixmap = with_text_engine(|engine| {
                    render_pixmap_cached(engine, data, request.tracks, date, &request.opts, Some(&cache))
                })?;
                let frame = prepare(pixmap)?;
                progress();
                Ok(frame)
            })
            .collect::<Result<Vec<_>, ExportError>>()?;
        for (&date, frame) in dates.iter().zip(prepared) {
            stop_if_cancelled(cancel)?;
            sink(date, frame)?;
        }
    }
    Ok(())
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
/// base layers of the last runs stay in `cache`; the frames, rendered in
/// date order afterwards, paint the others again.
fn run_palettes(
    data: &LoadedInputs,
    request: &SequenceRequest,
    cache: &BaseLayerCache,
    cancel: &AtomicBool,
) -> Result<RunPalettes, ExportError> {
    // What each half's base layer depends on (its BaseLayerKey without the
    // disagreement marks, which follow from the statuses of both).
    let statuses = |date: Date| -> Vec<MapMarks> {
        request
            .tracks
            .as_slice()
            .iter()
            .map(|&t| MapMarks::of(&data.scenario, t, date))
            .collect()
    };
    let mut keys: Vec<Vec<MapMarks>> = Vec::new();
    let mut first_dates = Vec::new();
    let mut run_of_frame = Vec::with_capacity(request.dates.len());
    for &date in &request.dates {
        let key = statuses(date);
        let run = match keys.iter().position(|k| *k == key) {
            Some(run) => run,
            None => {
                keys.push(key);
                first_dates.push(date);
                keys.len() - 1
            }
        };
        run_of_frame.push(run);
    }
    let palettes = first_dates
        .par_iter()
        .map(|&date| {
            stop_if_cancelled(cancel)?;
            let pixmap = with_text_engine(|engine| {
                render_pixmap_cached(engine, data, request.tracks, date, &request.opts, Some(cache))
            })?;
            Ok(Arc::new(Palette::of(&pixmap)))
        })
        .collect::<Result<Vec<_>, ExportError>>()?;
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
struct Quantised {
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

/// The GIF being written, frame by frame in date order.
struct GifWriter {
    encoder: gif::Encoder<SafeFile>,
    /// The last frame appended: what the GIF shows before the next.
    previous: Option<Quantised>,
}

impl GifWriter {
    /// Appends `frame`: after a frame with the same palette and no
    /// transparency, only the rectangle that changed (in a weekly sequence
    /// mostly the date in the title); otherwise whole.
    fn append(&mut self, frame: Quantised) -> Result<(), ExportError> {
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

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn steps_parse() {
        assert_eq!("1d".parse(), Ok(Step::Days(1)));
        assert_eq!("w".parse(), Ok(Step::Weeks(1)));
        assert_eq!("3W".parse(), Ok(Step::Weeks(3)));
        assert_eq!("2m".parse(), Ok(Step::Months(2)));
        for bad in ["", "0d", "1y", "xw", "-1d", "1.5w"] {
            assert!(bad.parse::<Step>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn step_dates_include_both_ends_and_months_do_not_drift() {
        let weekly = Step::Weeks(1).dates(d("2025-01-01"), d("2025-01-15")).unwrap();
        assert_eq!(weekly, [d("2025-01-01"), d("2025-01-08"), d("2025-01-15")]);
        let monthly = Step::Months(1).dates(d("2024-01-31"), d("2024-04-30")).unwrap();
        assert_eq!(
            monthly,
            [d("2024-01-31"), d("2024-02-29"), d("2024-03-31"), d("2024-04-30")]
        );
        assert_eq!(Step::Days(1).dates(d("2025-01-01"), d("2025-01-01")).unwrap().len(), 1);
        assert!(Step::Days(1).dates(d("2025-01-02"), d("2025-01-01")).is_err());
        assert!(Step::Days(1).dates(d("1900-01-01"), d("2100-01-01")).is_err());
    }

    #[test]
    fn frame_and_gif_names_follow_one_pattern() {
        assert_eq!(
            frame_file_name("announced", d("2025-10-01")),
            "drawdown-announced-2025-10-01.png"
        );
        assert_eq!(frame_name_pattern("compare"), "drawdown-compare-YYYY-MM-DD.png");
        assert_eq!(
            gif_file_name("reported", d("2025-09-01"), d("2025-09-29")),
            "drawdown-reported-2025-09-01-to-2025-09-29.gif"
        );
    }

    #[test]
    fn errors_speak_of_the_request_not_of_flags() {
        let too_many = Step::Days(1).dates(d("1900-01-01"), d("2100-01-01")).unwrap_err();
        let backwards = Step::Days(1).dates(d("2025-01-02"), d("2025-01-01")).unwrap_err();
        for err in [too_many, backwards, ExportError::FpsOutOfRange { fps: 0 }] {
            assert!(err.is_bad_request(), "{err}");
            assert!(!crate::export::tests::names_a_flag(&err.to_string()), "{err}");
        }
    }

    #[test]
    fn gif_delays_round_to_hundredths() {
        assert_eq!(gif_delay(8), 13);
        assert_eq!(gif_delay(10), 10);
        assert_eq!(gif_delay(1), 100);
        assert_eq!(gif_delay(50), 2);
    }
}
