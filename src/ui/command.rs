//! Intents: what the user asked for, produced by widgets and keys, applied
//! in one place ([`crate::app::DrawdownApp::apply`]).
//!
//! Commands are grouped by the subsystem that owns them: each group is
//! applied by one part of the app's state (time by the briefing, looks by
//! the look, and so on), so a new command is one variant in its group and
//! one arm in that group's `apply`. Emitters write
//! `TimeCommand::SetDate(d).into()`.

use std::path::PathBuf;

use crate::model::{Date, TrackIdx};
use crate::render::{MapLayer, MapView, Theme};
use crate::story::StopLayout;
use crate::ui::export_form::ExportForm;
use crate::ui::notice::Notice;
use crate::ui::panel::Panel;

pub use crate::inputs::FileKind;
use crate::inputs::FinishedLoad;
use crate::ui::record_state::RecordForm;

/// Everything the user (or the clock, or a finished job) can ask of the
/// app, by the subsystem that applies it;
/// [`crate::app::DrawdownApp::apply`] hands each group to its owner.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// The date, the track and playback.
    Time(TimeCommand),
    /// How the map looks: view, theme, layers, greyscale, compare.
    Look(LookCommand),
    /// What covers the map or changes the window's mode.
    Overlay(OverlayCommand),
    /// The export dialog, its writes and the clipboard.
    Export(ExportCommand),
    /// Input files: open, load, reload, and the load error banner.
    Load(LoadCommand),
    /// The top bar's notice.
    Notice(NoticeCommand),
    /// The Sources window (View → Sources).
    Sources(SourcesCommand),
    /// The record form (File → Record a report…) and its undo.
    Record(RecordCommand),
    /// The open story: its stops, the panel that edits them, presenting
    /// them and the presenter view.
    Story(StoryCommand),
    /// Esc: close the topmost dialog or overlay, else dismiss the error
    /// banner, else leave presentation mode. It spans the overlays, the
    /// export dialog and the banner, so it belongs to none of them.
    Escape,
    /// Ctrl+Z: the story's last edit while its panel is open and has one,
    /// else the last recorded report (on disk too). One key, two undo
    /// histories: which one it takes back is decided in one place.
    Undo,
}

/// The date, the track and playback (the briefing's own).
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum TimeCommand {
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
    TogglePlay,
    /// Play backwards (or forwards again).
    ToggleDirection,
    ToggleLoop,
    SetSpeed(f64),
}

/// How the map looks (what persists with the settings besides the date).
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum LookCommand {
    /// The map was panned or zoomed to this view.
    SetView(MapView),
    ResetView,
    SetTheme(Theme),
    ToggleCompare,
    ToggleGreyscale,
    /// Show or hide a layer of the map (the View menu).
    ToggleLayer(MapLayer),
    /// Show or hide a panel of the window (the View menu).
    TogglePanel(Panel),
}

/// What covers the map or changes the window's mode.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum OverlayCommand {
    TogglePresentation,
    ToggleBlackScreen,
    ToggleHelp,
    OpenGoTo,
    /// The go-to box's text as typed.
    EditGoTo(String),
    /// Enter in the go-to box: the date typed, or why not.
    SubmitGoTo,
    CloseGoTo,
}

/// The export dialog, its writes, the background job and the clipboard.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum ExportCommand {
    /// Ctrl+E: the export dialog.
    Open,
    /// The export dialog's choices as edited.
    Edit(Box<ExportForm>),
    Close,
    /// The dialog's Save / Choose folder button: the native dialog.
    Pick,
    /// No native dialog could open (the reason): the dialog offers a path
    /// field instead.
    PickFailed(String),
    /// Save / Enter with the path field: write to the path typed.
    SaveTyped,
    /// Write the dialog's image here; `force` replaces an existing file.
    ImageTo {
        path: PathBuf,
        force: bool,
    },
    /// Write the dialog's sequence into this folder.
    SequenceTo {
        dir: PathBuf,
        force: bool,
    },
    /// Write the dialog's deck or book to this file.
    DocumentTo {
        path: PathBuf,
        force: bool,
    },
    /// The overwrite question's answer.
    ConfirmOverwrite(bool),
    Cancel,
    /// The background export ended: the notice, or why it stopped.
    Finished(Result<Notice, String>),
    /// Ctrl+Shift+C: the map, slide-sized, to the clipboard.
    CopyImage,
}

/// Input files and the load error banner.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum LoadCommand {
    /// Ask for a file with the native dialog.
    OpenFileDialog(FileKind),
    /// No native dialog could open (the reason): the window offers a path
    /// field instead, as the export dialog does.
    PickFailed(FileKind, String),
    /// The path field's text as typed.
    EditTyped(String),
    /// Open / Enter in the path field: load the file typed.
    OpenTyped,
    /// The path field's Cancel.
    CloseTyped,
    /// Load this file in place of the current one of its kind (on a
    /// worker thread; the answer comes back as [`LoadCommand::Finished`]).
    File(FileKind, PathBuf),
    /// Load the current files again (or the ones whose load failed).
    Reload,
    /// A load ended: applied if it is the newest asked for.
    Finished(FinishedLoad),
    /// The load error banner's Dismiss.
    DismissError,
}

/// The one-line notice in the top bar.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum NoticeCommand {
    /// Show this (e.g. why a folder did not open).
    Show(String),
    /// The notice's *Open folder*: the folder in the desktop's file manager.
    OpenFolder(PathBuf),
}

/// The story (a brief: stops in order), its panel, the clicker through its
/// stops and the presenter view. Stops and callouts are named by index in
/// the open story.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum StoryCommand {
    /// File → Open story…: the native dialog; its answer comes back as
    /// [`StoryCommand::Open`].
    OpenDialog,
    /// Open this story file (the dialog's answer, a dropped file, the
    /// command line) and show its first stop.
    Open(PathBuf),
    /// Story → New from the scenario: a drafted story, not yet saved.
    NewFromScenario,
    /// Story → New blank story: titled after the scenario, no stops, not
    /// yet saved (saving asks where).
    NewBlank,
    /// Close the story (the keys go back to the scenario's stops).
    Close,
    /// Show or hide the story panel.
    TogglePanel,
    /// The clicker (PageDown / PageUp): the next or previous stop; the
    /// scenario's stops when no story is open.
    Step {
        forward: bool,
    },
    /// Show this stop.
    GoTo(usize),
    /// *Add this view as a stop*: the date, layout, track, zoom and pan and
    /// hidden layers shown, after the current stop.
    AddView,
    /// Reorder: the stop at `from` moves to `to`.
    Move {
        from: usize,
        to: usize,
    },
    Duplicate(usize),
    Delete(usize),
    EditTitle(usize, String),
    EditNotes(usize, String),
    /// Seconds a video holds the stop.
    SetHold(usize, f64),
    /// The stop's date field as typed (kept, not applied, until
    /// [`StoryCommand::CommitDate`]).
    EditDateText(usize, String),
    /// Enter in (or leaving) the stop's date field: the date typed applies
    /// if it is `YYYY-MM-DD` in the scenario or `today`; otherwise the
    /// field says why and the stop keeps its date.
    CommitDate(usize),
    /// One map or the scenario's two tracks side by side.
    SetLayout(usize, StopLayout),
    /// The track of a single layout (`None`: the scenario's default).
    SetTrack(usize, Option<String>),
    /// *Use the current view*: the stop's view box becomes the map's zoom
    /// and pan.
    UseCurrentView(usize),
    /// *Home view*: the stop shows the whole map.
    HomeView(usize),
    /// *Use the current layers*: the stop hides what *View* hides now.
    UseCurrentLayers(usize),
    /// One of the story's own one-line fields as typed (blank: an
    /// optional one is left out).
    EditStoryText(StoryText, String),
    /// A marking picked from the menu beside the classification field:
    /// the classification becomes it (one undo step, not typing).
    SetClassification(String),
    /// The logo's *Choose…*: the native dialog; its answer comes back as
    /// [`StoryCommand::LogoPicked`].
    PickLogo,
    /// The file picked as the logo (written relative to the story's
    /// folder when it lies under it).
    LogoPicked(PathBuf),
    /// *Add callout*: the next click on the map places one on the current
    /// stop (again: cancel).
    ToggleCalloutMode,
    /// A click on the map in callout mode, at this longitude and latitude:
    /// the callout's text field opens there.
    PlaceCallout([f64; 2]),
    /// The new callout's text as typed.
    EditCalloutText(String),
    /// Enter in the callout's text field: the callout joins the stop.
    CommitCallout,
    DeleteCallout {
        stop: usize,
        callout: usize,
    },
    /// Take back the last edit.
    Undo,
    /// Save to the story's file (or ask where, for a new story).
    Save,
    /// Save to this file (the dialog's answer, the path field's).
    SaveTo(PathBuf),
    /// No native dialog could open (the reason): the panel offers a path
    /// field instead.
    SavePickFailed(String),
    /// The save path field as typed.
    EditSavePath(String),
    /// Save / Enter with the path field: save to the path typed.
    SaveTyped,
    /// Show or close the presenter view (a second window).
    TogglePresenter,
    /// A new frame (egui's clock, seconds): the move between stops
    /// advances, the story file is checked for edits.
    Tick(f64),
}

/// The story's own one-line fields, as the panel edits them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StoryText {
    Title,
    Subtitle,
    /// The banner's text; its marking colours it.
    Classification,
    PreparedBy,
    /// A path, relative to the story file's folder.
    Logo,
}

impl From<TimeCommand> for Command {
    fn from(command: TimeCommand) -> Self {
        Self::Time(command)
    }
}

impl From<LookCommand> for Command {
    fn from(command: LookCommand) -> Self {
        Self::Look(command)
    }
}

impl From<OverlayCommand> for Command {
    fn from(command: OverlayCommand) -> Self {
        Self::Overlay(command)
    }
}

impl From<ExportCommand> for Command {
    fn from(command: ExportCommand) -> Self {
        Self::Export(command)
    }
}

impl From<LoadCommand> for Command {
    fn from(command: LoadCommand) -> Self {
        Self::Load(command)
    }
}

impl From<StoryCommand> for Command {
    fn from(command: StoryCommand) -> Self {
        Self::Story(command)
    }
}

impl From<NoticeCommand> for Command {
    fn from(command: NoticeCommand) -> Self {
        Self::Notice(command)
    }
}

impl From<SourcesCommand> for Command {
    fn from(command: SourcesCommand) -> Self {
        Self::Sources(command)
    }
}

impl From<RecordCommand> for Command {
    fn from(command: RecordCommand) -> Self {
        Self::Record(command)
    }
}

/// The record form's commands (and undo, which outlives it).
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum RecordCommand {
    /// Ctrl+R: the form, on the shown track and date.
    Open,
    /// The form as edited: checked at once.
    Edit(Box<RecordForm>),
    /// Cancel / Esc: the form closes (a preview ends).
    Close,
    /// The form's change shown on the map, not saved.
    Preview,
    /// The preview bar's way back: the saved data again, the form open.
    EndPreview,
    /// Save into the opened scenario file; with the embedded data, ask
    /// where to save a copy.
    Save,
    /// The copy of the embedded data goes here (the dialog's answer).
    SaveCopyTo(PathBuf),
    /// No file dialog could open (the reason): the form offers a path
    /// field.
    PickCopyFailed(String),
    /// Save with the path field.
    SaveCopyTyped,
    /// Ctrl+Z: the last recorded change undone, on disk too.
    Undo,
}

/// The Sources window's own commands.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum SourcesCommand {
    /// View → Sources: open or close the window.
    Toggle,
    /// The filter box's text as typed.
    Filter(String),
}
