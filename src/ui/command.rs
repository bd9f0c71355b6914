//! Intents: what the user asked for, produced by widgets and keys, applied
//! in one place ([`crate::app::DrawdownApp::apply`]).

use crate::model::{Date, TrackIdx};
use crate::render::Theme;

#[must_use]
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Command {
    SetDate(Date),
    StepDays(i64),
    StepMonths(i32),
    StepYears(i32),
    NextMilestone,
    PrevMilestone,
    RangeStart,
    RangeEnd,
    SetTrack(TrackIdx),
    /// The next track (T key).
    CycleTrack,
    ResetView,
    SetTheme(Theme),
}
