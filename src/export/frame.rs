//! The frames of a sequence and their renderer: what each frame shows
//! ([`Frame`]), which dates a sequence has ([`Step`], [`milestone_dates`])
//! and the parallel renderer that hands rendered frames, in order, to the
//! writers.
//!
//! The writers (PNG frames, GIF, video, deck, book) depend on this module
//! and never on the sequence's conductor: a writer is given
//! frames, rendered, and where to write; it never sees the request. A
//! frame's field added here (a view, layers, a title) reaches every
//! writer through [`FrameRenderer`] without touching one.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{Days, Months};
use rayon::prelude::*;
use tiny_skia::Pixmap;

use super::workers::{PIXEL_BUDGET_BYTES, WorkerPlan, plan_workers};
use super::{
    BaseLayerCache, ExportError, ExportOptions, ExportView, MAX_FRAMES, paint_vector, render_picture, with_text_engine,
};
use crate::inputs::LoadedInputs;
use crate::model::{Date, Scenario, TrackLayout};
use crate::render::canvas::VectorCanvas;
use crate::render::{Furniture, LayerSet};

/// One frame of a sequence: everything its renderer needs to paint it.
///
/// Today a frame is a date shown in a track layout; a frame's further
/// settings (a view, layers, a title, callouts, how long it holds) are
/// fields here, read by [`FrameRenderer`], so that no writer changes when
/// one is added.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    pub date: Date,
    /// One map, or two side by side.
    pub layout: TrackLayout,
    /// A brief's furniture over the map (banners, logo, title, callouts).
    pub furniture: Option<Arc<Furniture>>,
    /// How long a video or a GIF shows it, seconds; `None`: one frame
    /// (1/fps).
    pub hold_secs: Option<f64>,
    /// What part of the map it shows; `None`: the request's view.
    pub view: Option<ExportView>,
    /// The layers it shows; `None`: the request's.
    pub layers: Option<LayerSet>,
    /// The brief's stop it shows (its slide, its pages); `None` for a
    /// frame of a dated sequence.
    pub stop: Option<Arc<StopPage>>,
    /// A frame of the move from one stop to the next: shown by a video
    /// or a GIF, not by a deck, a book or the PNG frames.
    pub between: bool,
}

/// A brief's stop as its slide and its pages tell it.
#[derive(Clone, Debug, PartialEq)]
pub struct StopPage {
    /// Its place in the brief, from 1.
    pub number: usize,
    /// How many stops the brief has.
    pub count: usize,
    pub title: String,
    /// The briefer's talking points.
    pub notes: String,
    /// The brief it belongs to (its deck's title slide, its book's cover).
    pub brief: Arc<BriefCover>,
}

/// What a brief's title slide and cover say.
#[derive(Clone, Debug, PartialEq)]
pub struct BriefCover {
    pub title: String,
    pub subtitle: Option<String>,
    pub prepared_by: Option<String>,
    /// The day it was made.
    pub date: Date,
    pub classification: Option<String>,
}

impl Frame {
    /// `layout` on `date`, nothing over it.
    pub fn new(layout: TrackLayout, date: Date) -> Self {
        Self {
            date,
            layout,
            furniture: None,
            hold_secs: None,
            view: None,
            layers: None,
            stop: None,
            between: false,
        }
    }

    /// The options it is rendered with: `opts` with its own view and
    /// layers.
    pub fn options(&self, opts: &ExportOptions) -> ExportOptions {
        ExportOptions {
            view: self.view.unwrap_or(opts.view),
            layers: self.layers.unwrap_or(opts.layers),
            ..*opts
        }
    }

    /// How many frames at `fps` a video shows it: its hold, rounded to
    /// whole frames (at least one).
    pub fn video_frames(&self, fps: u16) -> u32 {
        let Some(secs) = self.hold_secs else { return 1 };
        let frames = (secs * f64::from(fps.max(1))).round();
        #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "clamped")]
        let frames = frames.clamp(1.0, f64::from(MAX_HOLD_FRAMES)) as u32;
        frames
    }

    /// The frames of `layout` on each of `dates`, in that order: the frame
    /// planner of a sequence whose frames differ only in their date.
    pub fn on_dates(layout: TrackLayout, dates: &[Date]) -> Vec<Self> {
        dates.iter().map(|&date| Self::new(layout, date)).collect()
    }
}

/// The most video frames one frame of a sequence may be held for: a
/// minute at the highest frame rate.
pub const MAX_HOLD_FRAMES: u32 = 3_000;

/// The longest hold of one frame, seconds.
pub const MAX_HOLD_SECS: f64 = 60.0;

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
                return Err(ExportError::TooManyFrames);
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

/// [`ExportError::Cancelled`] once `cancel` is set.
pub(crate) fn stop_if_cancelled(cancel: &AtomicBool) -> Result<(), ExportError> {
    if cancel.load(Ordering::Relaxed) {
        Err(ExportError::Cancelled)
    } else {
        Ok(())
    }
}

/// Renders the frames of one sequence with one set of options: pixels
/// (sharing painted base layers between frames with the same map) or
/// vectors. As many frames render at once as [`plan_workers`] allows for
/// their size, on a pool of that many threads when it is fewer than the
/// cores.
pub struct FrameRenderer<'a> {
    pub data: &'a LoadedInputs,
    pub opts: &'a ExportOptions,
    cache: Option<BaseLayerCache>,
    plan: WorkerPlan,
    /// The workers, when fewer than rayon's global pool has.
    pool: Option<rayon::ThreadPool>,
}

impl<'a> FrameRenderer<'a> {
    /// A renderer of `frames` (which size its cache of base layers).
    pub fn new(data: &'a LoadedInputs, opts: &'a ExportOptions, frames: &[Frame]) -> Self {
        let cores = rayon::current_num_threads().max(1);
        // A comparison frame paints two halves, each with its own base layer.
        let areas = frames.iter().map(|f| f.layout.as_slice().len()).max().unwrap_or(1);
        let plan = plan_workers(opts.output_size_px(), areas > 1, cores, PIXEL_BUDGET_BYTES);
        // Should no pool start, the frames waiting still bound the memory.
        let pool = (plan.workers < cores)
            .then(|| rayon::ThreadPoolBuilder::new().num_threads(plan.workers).build().ok())
            .flatten();
        Self {
            data,
            opts,
            cache: plan.keep_base_layers.then(|| BaseLayerCache::new(plan.workers * areas)),
            plan,
            pool,
        }
    }

    /// How many frames render at once.
    pub fn workers(&self) -> usize {
        self.plan.workers
    }

    /// Runs `f` on the renderer's workers: its parallel iterators use as
    /// many threads as [`Self::workers`].
    pub fn install<R: Send>(&self, f: impl FnOnce() -> R + Send) -> R {
        match &self.pool {
            Some(pool) => pool.install(f),
            None => f(),
        }
    }

    /// `frame` as pixels (premultiplied RGBA), with a text engine from the
    /// pool: the bytes [`super::render_pixmap`] gives.
    pub fn render(&self, frame: &Frame) -> Result<Pixmap, ExportError> {
        let opts = frame.options(self.opts);
        with_text_engine(|engine| {
            render_picture(
                engine,
                self.data,
                frame.layout,
                frame.date,
                frame.furniture.as_deref(),
                &opts,
                self.cache.as_ref(),
            )
        })
    }

    /// `frame` painted on a vector canvas (a page of a book).
    pub fn paint_vector(&self, canvas: &mut dyn VectorCanvas, frame: &Frame) {
        let opts = frame.options(self.opts);
        paint_vector(
            canvas,
            self.data,
            frame.layout,
            frame.date,
            frame.furniture.as_deref(),
            &opts,
        );
    }

    /// Renders `frames` in parallel, `prepare`s each in the worker that
    /// rendered it (PNG-encodes it, converts it to YUV, quantises it…,
    /// given its index in `frames`; then its pixmap is recycled for a
    /// later frame) and hands the results to `sink` in
    /// order. Chunks of `chunk` frames bound the memory: only a chunk's
    /// results wait for the sink. Calls `progress` once per frame and stops
    /// soon after `cancel` is set.
    pub fn render_in_order<T: Send>(
        &self,
        frames: &[Frame],
        chunk: usize,
        prepare: &(dyn Fn(usize, &Frame, &Pixmap) -> Result<T, ExportError> + Sync),
        sink: &mut dyn FnMut(&Frame, T) -> Result<(), ExportError>,
        progress: &(dyn Fn() + Sync),
        cancel: &AtomicBool,
    ) -> Result<(), ExportError> {
        // A chunk's results wait for the sink: no more than the budget holds.
        let chunk = chunk.clamp(1, self.plan.frames_waiting.max(self.plan.workers));
        for (k, frames) in frames.chunks(chunk).enumerate() {
            let prepared = self.install(|| {
                frames
                    .par_iter()
                    .enumerate()
                    .map(|(i, frame)| {
                        stop_if_cancelled(cancel)?;
                        let pixmap = self.render(frame)?;
                        let prepared = prepare(k * chunk + i, frame, &pixmap);
                        if let Some(cache) = &self.cache {
                            cache.recycle(pixmap);
                        }
                        let prepared = prepared?;
                        progress();
                        Ok(prepared)
                    })
                    .collect::<Result<Vec<_>, ExportError>>()
            })?;
            for (frame, prepared) in frames.iter().zip(prepared) {
                stop_if_cancelled(cancel)?;
                sink(frame, prepared)?;
            }
        }
        Ok(())
    }
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
    fn errors_speak_of_the_request_not_of_flags() {
        let too_many = Step::Days(1).dates(d("1900-01-01"), d("2100-01-01")).unwrap_err();
        let backwards = Step::Days(1).dates(d("2025-01-02"), d("2025-01-01")).unwrap_err();
        for err in [too_many, backwards, ExportError::FpsOutOfRange { fps: 0 }] {
            assert!(err.is_bad_request(), "{err}");
            assert!(!crate::export::tests::names_a_flag(&err.to_string()), "{err}");
        }
    }

    #[test]
    fn a_renderer_of_huge_frames_renders_one_at_a_time_and_keeps_no_base_layer() {
        let data = LoadedInputs::embedded().unwrap();
        let frames = Frame::on_dates(TrackLayout::Single(crate::model::TrackIdx(0)), &[d("2025-01-01")]);
        let sized = |side: u32| ExportOptions {
            size_px: [side, side],
            ..ExportOptions::default()
        };
        let (huge, small) = (sized(16_384), sized(360));
        let four_cores = rayon::ThreadPoolBuilder::new().num_threads(4).build().unwrap();
        four_cores.install(|| {
            let renderer = FrameRenderer::new(&data, &huge, &frames);
            assert_eq!(renderer.workers(), 1);
            assert!(renderer.cache.is_none(), "no 1 GiB base layer kept");
            assert_eq!(renderer.install(rayon::current_num_threads), 1, "a pool of one thread");
            let renderer = FrameRenderer::new(&data, &small, &frames);
            assert_eq!(renderer.workers(), 4);
            assert!(renderer.cache.is_some());
            assert_eq!(renderer.install(rayon::current_num_threads), 4);
        });
    }

    #[test]
    fn the_frame_planner_gives_a_frame_per_date_in_order() {
        let layout = TrackLayout::Single(crate::model::TrackIdx(0));
        let dates = [d("2025-03-01"), d("2025-01-01")];
        let frames = Frame::on_dates(layout, &dates);
        assert_eq!(frames.iter().map(|f| f.date).collect::<Vec<_>>(), dates);
        assert!(frames.iter().all(|f| f.layout == layout));
    }
}
