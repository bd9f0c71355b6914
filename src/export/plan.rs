//! The one planner of a sequence: what a user asks for (the command
//! line's flags or the export dialog's form, as a [`SequenceSpec`]) → a
//! [`SequenceRequest`], with one set of messages for both.
//!
//! The planner checks what the user chose (an output at all, dates in the
//! scenario's range, a frame at all); the request's own check
//! ([`SequenceRequest::check`]) then checks what is written.

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
    fn a_range_without_a_milestone_is_refused_in_the_requests_words() {
        let data = LoadedInputs::embedded().unwrap();
        let quiet = spec("2016-01-02", "2016-01-03", FrameDates::Milestones);
        let err = plan_sequence(&data, quiet).unwrap_err().to_string();
        assert_eq!(err, "no milestone between 2016-01-02 and 2016-01-03");
        assert!(!crate::export::tests::names_a_flag(&err), "{err}");
    }
}
