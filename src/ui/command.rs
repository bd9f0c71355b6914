//! Intents: what the user asked for, produced by widgets and keys, applied
//! in one place ([`crate::app::DrawdownApp::apply`]).

use std::path::PathBuf;

use crate::model::{Date, TrackIdx};
use crate::render::{MapView, Theme};
use crate::ui::export_dialog::ExportForm;
use crate::ui::notice::Notice;

pub use crate::inputs::FileKind;
use crate::inputs::FinishedLoad;

/// A map layer the briefer can switch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layer {
    Cities,
    Bases,
    RegionLabels,
    Legend,
    Chart,
    /// The troop-levels panel.
    Troops,
    Incidents,
}

/// Everything the user (or the clock, or a finished job) can ask of the
/// app; [`crate::app::DrawdownApp::apply`] matches each one.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    SetDate(Date),
    /// Today (the day the timeline's "today" line marks), clamped to the
    /// range.
    Today,
    StepDays(i64),
    StepMonths(i32),
    StepYears(i32),
    NextMilestone,
    PrevMilestone,
    RangeStart,
    RangeEnd,
    /// A new frame: egui's clock and the time since the last frame;
    /// playback advances by it.
    Tick {
        now_secs: f64,
        dt_secs: f64,
    },
    SetTrack(TrackIdx),
    /// The next track (T key).
    CycleTrack,
    /// The map was panned or zoomed to this view.
    SetView(MapView),
    ResetView,
    SetTheme(Theme),
    TogglePlay,
    /// Play backwards (or forwards again).
    ToggleDirection,
    ToggleLoop,
    SetSpeed(f64),
    TogglePresentation,
    ToggleBlackScreen,
    /// Esc: close the topmost dialog or overlay, else dismiss the error
    /// banner, else leave presentation mode.
    Escape,
    OpenGoTo,
    /// The go-to box's text as typed.
    EditGoTo(String),
    /// Enter in the go-to box.
    SubmitGoTo,
    CloseGoTo,
    /// The load error banner's Dismiss.
    DismissError,
    ToggleHelp,
    ToggleCompare,
    ToggleGreyscale,
    ToggleLayer(Layer),
    /// Ask for a file with the native dialog.
    OpenFileDialog(FileKind),
    /// Load this file in place of the current one of its kind (on a
    /// worker thread; the answer comes back as [`Command::LoadFinished`]).
    LoadFile(FileKind, PathBuf),
    /// Load the current files again (or the ones whose load failed).
    Reload,
    /// A load ended: applied if it is the newest asked for.
    LoadFinished(FinishedLoad),
    /// Ctrl+E: the export dialog.
    OpenExport,
    /// The export dialog's choices as edited.
    EditExport(Box<ExportForm>),
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
    /// Write the dialog's deck or book to this file.
    ExportDocumentTo {
        path: PathBuf,
        force: bool,
    },
    /// The overwrite question's answer.
    ConfirmOverwrite(bool),
    CancelExport,
    /// The background export ended: the notice, or why it stopped.
    ExportFinished(Result<Notice, String>),
    /// The notice's *Open folder*: the folder in the desktop's file manager.
    OpenFolder(PathBuf),
    /// A one-line notice in the top bar (e.g. why a folder did not open).
    ShowNotice(String),
    /// Ctrl+Shift+C: the map, slide-sized, to the clipboard.
    CopyImage,
}
