//! The one planner of a sequence: what a user asks for (the command
//! line's flags or the export dialog's form, as a [`SequenceSpec`]) → a
//! [`SequenceRequest`], with one set of messages for both.
//!
//! The planner checks what the user chose (an output at all, dates in the
//! scenario's range, a frame at all); the request's own check
//! ([`SequenceRequest::check`]) then checks what is written.
//!
//! It also plans how many frames are rendered at once ([`plan_workers`]):
//! one per core, fewer when frames are so large that their pixels would
//! pass [`PIXEL_BUDGET_BYTES`].

use super::frame::MAX_HOLD_SECS;
use super::frame::{Frame, Step, milestone_dates};
use super::output::SequenceOutput;
use super::sequence::SequenceRequest;
use super::{ExportError, ExportOptions, MAX_FRAMES};
use crate::inputs::LoadedInputs;
use crate::model::{Date, TrackLayout};

/// Which dates of the range get a frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameDates {
    /// The first date, then one every step.
    Every(Step),
    /// Each day with a milestone of the shown tracks.
    Milestones,
}

/// A sequence as the user describes it.
#[derive(Clone, Debug, PartialEq)]
pub struct SequenceSpec {
    pub layout: TrackLayout,
    /// The first date (the scenario's first if none).
    pub from: Option<Date>,
    /// The last date, inclusive (the scenario's last if none).
    pub to: Option<Date>,
    pub dates: FrameDates,
    pub outputs: Vec<SequenceOutput>,
    pub fps: u16,
    pub force: bool,
    pub opts: ExportOptions,
    /// In a video or a GIF, hold each day with a milestone this many
    /// seconds.
    pub hold_milestones: Option<f64>,
}

/// The request `spec` describes: refused if it writes nothing, if a date
/// is outside the scenario's range or ends before it starts, or if no
/// date gets a frame.
pub fn plan_sequence(data: &LoadedInputs, spec: SequenceSpec) -> Result<SequenceRequest, ExportError> {
    if spec.outputs.is_empty() {
        return Err(ExportError::NoOutput);
    }
    let range = data.scenario.range;
    let from = spec.from.unwrap_or(range.start);
    let to = spec.to.unwrap_or(range.end);
    for date in [from, to] {
        if !range.contains(date) {
            return Err(ExportError::Invalid(format!(
                "date {date} is outside the scenario's range {}..{}",
                range.start, range.end
            )));
        }
    }
    let dates = match spec.dates {
        FrameDates::Every(step) => {
            let mut dates = step.dates(from, to)?;
            // The last step may fall short of the end: the sequence (a
            // video's last frame) ends on the date asked for.
            if dates.last().is_some_and(|&last| last < to) {
                if dates.len() == MAX_FRAMES {
                    return Err(ExportError::TooManyFrames);
                }
                dates.push(to);
            }
            dates
        }
        FrameDates::Milestones => milestone_dates(&data.scenario, spec.layout, from, to)?,
    };
    if dates.is_empty() {
        return Err(ExportError::Invalid(format!("no milestone between {from} and {to}")));
    }
    let mut frames = Frame::on_dates(spec.layout, &dates);
    if let Some(secs) = spec.hold_milestones {
        if !(secs.is_finite() && secs > 0.0 && secs <= MAX_HOLD_SECS) {
            return Err(ExportError::Invalid(format!(
                "a hold of {secs} seconds is out of range: expected more than 0, at most {MAX_HOLD_SECS}"
            )));
        }
        let held = milestone_dates(&data.scenario, spec.layout, from, to)?;
        for frame in &mut frames {
            if held.binary_search(&frame.date).is_ok() {
                frame.hold_secs = Some(secs);
            }
        }
    }
    Ok(SequenceRequest {
        frames,
        outputs: spec.outputs,
        fps: spec.fps,
        force: spec.force,
        opts: spec.opts,
    })
}

/// The pixel buffers the frames of a sequence in flight may take together,
/// bytes: 512 MiB. A 1080p frame in flight takes ~25 MB, so every core
/// renders one; a 16384×16384 frame takes 1 GiB for its pixmap alone, so
/// one renders at a time, without a kept base layer, however many cores
/// the machine has (its buffers are then what one frame needs, over the
/// budget: nothing smaller can be drawn).
pub const PIXEL_BUDGET_BYTES: u64 = 512 << 20;

/// How the frames of a sequence are rendered at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkerPlan {
    /// Frames rendered at once, each by its own worker.
    pub workers: usize,
    /// Whether base layers are kept between frames (the same bytes either
    /// way; kept, a frame paints only its panels).
    pub keep_base_layers: bool,
    /// The most finished frames that may wait for their writer.
    pub frames_waiting: usize,
}

/// Plans the workers of a sequence of `size_px` frames (`comparison`: two
/// maps side by side) on `cores` cores within `budget_bytes` of pixel
/// buffers. A worker's frame takes four bytes a pixel for its pixmap,
/// as many for what its writer makes of it (a PNG, a YUV picture, palette
/// indices: at most that), as many for its base layers kept (one map, or
/// two halves), and as many again for a comparison's two halves before
/// they are joined. Workers = budget ÷ a worker's bytes, at least one, at
/// most one per core; when even one worker's bytes pass the budget, no
/// base layer is kept.
pub fn plan_workers(size_px: [u32; 2], comparison: bool, cores: usize, budget_bytes: u64) -> WorkerPlan {
    let [w, h] = size_px.map(u64::from);
    let frame_bytes = (w * h * 4).max(1);
    let drawn = if comparison { 3 } else { 2 };
    let with_layers = frame_bytes.saturating_mul(drawn + 1);
    let keep_base_layers = with_layers <= budget_bytes;
    let per_worker = if keep_base_layers {
        with_layers
    } else {
        frame_bytes.saturating_mul(drawn)
    };
    let fits = |per: u64| usize::try_from(budget_bytes / per).unwrap_or(usize::MAX);
    WorkerPlan {
        workers: fits(per_worker).clamp(1, cores.max(1)),
        keep_base_layers,
        frames_waiting: fits(frame_bytes).max(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TrackIdx;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn spec(from: &str, to: &str, dates: FrameDates) -> SequenceSpec {
        SequenceSpec {
            layout: TrackLayout::Single(TrackIdx(0)),
            from: Some(d(from)),
            to: Some(d(to)),
            dates,
            outputs: vec![SequenceOutput::Gif("a.gif".into())],
            fps: 8,
            force: false,
            opts: ExportOptions::default(),
            hold_milestones: None,
        }
    }

    #[test]
    fn the_planner_gives_a_frame_per_step_and_refuses_what_writes_nothing() {
        let data = LoadedInputs::embedded().unwrap();
        let weekly = plan_sequence(
            &data,
            spec("2025-01-01", "2025-01-15", FrameDates::Every(Step::Weeks(1))),
        )
        .unwrap();
        let dates: Vec<Date> = weekly.frames.iter().map(|f| f.date).collect();
        assert_eq!(dates, [d("2025-01-01"), d("2025-01-08"), d("2025-01-15")]);

        let nothing = SequenceSpec {
            outputs: Vec::new(),
            ..spec("2025-01-01", "2025-01-15", FrameDates::Milestones)
        };
        assert!(matches!(plan_sequence(&data, nothing), Err(ExportError::NoOutput)));
        let backwards = plan_sequence(&data, spec("2025-02-01", "2025-01-01", FrameDates::Milestones)).unwrap_err();
        assert!(backwards.to_string().contains("after it ends"), "{backwards}");
        let outside = plan_sequence(&data, spec("1990-01-01", "2025-01-01", FrameDates::Milestones)).unwrap_err();
        assert!(
            outside.to_string().contains("outside the scenario's range"),
            "{outside}"
        );
    }

    #[test]
    fn frames_in_flight_stay_within_the_pixel_budget_at_any_size_and_core_count() {
        const MIB: u64 = 1 << 20;
        let budget = PIXEL_BUDGET_BYTES;
        assert_eq!(budget, 512 * MIB);
        // 1080p: ~8 MB a frame, ~25 MB a worker: every core renders.
        for cores in [1, 2, 4, 16] {
            let plan = plan_workers([1920, 1080], false, cores, budget);
            assert_eq!((plan.workers, plan.keep_base_layers), (cores, true), "{cores} cores");
        }
        assert_eq!(plan_workers([1920, 1080], false, 64, budget).workers, 21);
        // 4096²: 64 MiB a frame, 192 a worker, 256 in a comparison.
        assert_eq!(plan_workers([4096, 4096], false, 16, budget).workers, 2);
        assert_eq!(plan_workers([4096, 4096], true, 16, budget).workers, 2);
        assert_eq!(plan_workers([4096, 4096], true, 16, 767 * MIB).workers, 2);
        assert_eq!(plan_workers([4096, 4096], true, 16, 768 * MIB).workers, 3);
        // 16384²: 1 GiB a frame, more than the budget alone: one at a
        // time and no base layer kept, on 2 cores or on 64.
        for cores in [2, 64] {
            let plan = plan_workers([16384, 16384], false, cores, budget);
            assert_eq!(plan.workers, 1);
            assert!(!plan.keep_base_layers);
            assert_eq!(plan.frames_waiting, 1);
        }
        // 8192²: 256 MiB a frame; with its base layer a worker needs 768.
        let plan = plan_workers([8192, 8192], false, 8, budget);
        assert_eq!(
            (plan.workers, plan.keep_base_layers, plan.frames_waiting),
            (1, false, 2)
        );
        let plan = plan_workers([8192, 8192], false, 8, 768 * MIB);
        assert_eq!((plan.workers, plan.keep_base_layers), (1, true));
        // No core reported still renders.
        assert_eq!(plan_workers([1920, 1080], false, 0, budget).workers, 1);
    }

    #[test]
    fn a_range_without_a_milestone_is_refused_in_the_requests_words() {
        let data = LoadedInputs::embedded().unwrap();
        let quiet = spec("2016-01-02", "2016-01-03", FrameDates::Milestones);
        let err = plan_sequence(&data, quiet).unwrap_err().to_string();
        assert_eq!(err, "no milestone between 2016-01-02 and 2016-01-03");
        assert!(!crate::export::tests::names_a_flag(&err), "{err}");
    }
}
