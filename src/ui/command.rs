//! Intents: what the user asked for, produced by widgets and keys, applied
//! in one place ([`crate::app::DrawdownApp::apply`]).

use std::path::PathBuf;

use crate::model::{Date, TrackIdx};
use crate::render::Theme;

/// Which input file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Scenario,
    Regions,
}

/// A map layer the briefer can switch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layer {
    Cities,
    Bases,
    RegionLabels,
    Legend,
    Chart,
}

#[must_use]
#[derive(Clone, Debug, PartialEq)]
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
    TogglePlay,
    /// Play backwards (or forwards again).
    ToggleDirection,
    ToggleLoop,
    SetSpeed(f64),
    TogglePresentation,
    ToggleBlackScreen,
    /// Esc: close the topmost overlay, else leave presentation mode.
    Escape,
    OpenGoTo,
    ToggleHelp,
    ToggleCompare,
    ToggleGreyscale,
    ToggleLayer(Layer),
    /// Ask for a file with the native dialog.
    OpenFileDialog(FileKind),
    LoadFile(FileKind, PathBuf),
    Reload,
    /// Ctrl+E: the export dialog.
    OpenExport,
    CloseExport,
    /// The dialog's Save / Choose folder button: the native dialog.
    ExportPick,
    /// Write the dialog's image here; `force` replaces an existing file.
    ExportImageTo {
        path: PathBuf,
        force: bool,
    },
    /// Write the dialog's sequence into this folder.
    ExportSequenceTo {
        dir: PathBuf,
        force: bool,
    },
    /// The overwrite question's answer.
    ConfirmOverwrite(bool),
    CancelExport,
    /// Ctrl+Shift+C: the map, slide-sized, to the clipboard.
    CopyImage,
}
