//! The app's state, grouped by what it is about, and each group's own
//! commands: a sub-state's `apply` changes only itself and returns what it
//! asks of the rest as an [`Outcome`]. Only
//! [`DrawdownApp::apply`](super::DrawdownApp::apply) calls them; the
//! chrome reads the state.

use crate::model::printable::shortened;
use crate::model::printable::shown_path;
use std::path::PathBuf;

use chrono::{Months, TimeDelta};

use super::change_fx::ChangeFx;
use super::effect::{Effect, Outcome};
use super::file_dialog::{default_folder, expand_home};
use super::load_job::LoadJob;
use super::playback::Playback;
use super::settings::Settings;
use super::watch::FileWatch;
use super::{describe_sources, loading_names, warnings_notice, watched_paths, window_title};
use crate::inputs::{FileKind, FinishedLoad, LoadedInputs, Sources};
use crate::load::InputErrors;
use crate::model::{Date, DateRange, Scenario, TrackIdx};
use crate::render::{LayerSet, MapView, Theme};
use crate::ui::command::{LoadCommand, LookCommand, OverlayCommand, TimeCommand};
use crate::ui::notice::Notice;
use crate::ui::panel::PanelSet;
use crate::ui::path_field::TypedPath;

/// What the briefer is showing: the date, the track, playback and the
/// last status change crossed (timed by the frame clock it keeps).
#[derive(Clone, Debug)]
pub struct Briefing {
    pub date: Date,
    pub track: TrackIdx,
    pub playback: Playback,
    pub change: Option<ChangeFx>,
    /// The date the "today" line marks; None hides it (tests).
    pub today: Option<Date>,
    /// egui's clock at the last frame, seconds: when a change was seen.
    pub now_secs: f64,
    /// "End of stops" / "Start of stops", and when (egui clock) the
    /// clicker met that end.
    pub stop_cue: Option<(StopCue, f64)>,
}

/// The cue shown when the clicker is at the first or last stop, so that
/// a briefer who presses again knows why the map does not move.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopCue {
    Start,
    End,
}

impl StopCue {
    /// How long the cue shows, seconds.
    pub const SHOWN_SECS: f64 = 2.0;

    pub fn text(self) -> &'static str {
        match self {
            Self::Start => "Start of stops",
            Self::End => "End of stops",
        }
    }
}

impl Briefing {
    /// Applies a time command on `scenario` (the inputs shown), whose
    /// `shown` tracks the clicker steps through.
    pub fn apply(&mut self, command: TimeCommand, scenario: &Scenario, shown: &[TrackIdx]) -> Outcome {
        let range = scenario.range;
        let (date, track) = (self.date, self.track);
        match command {
            TimeCommand::SetDate(d) => self.go_to(scenario, Some(d)),
            TimeCommand::Today => {
                let today = self.today.unwrap_or_else(super::native::today_local);
                self.go_to(scenario, Some(today));
            }
            TimeCommand::StepDays(n) => self.go_to(scenario, date.checked_add_signed(TimeDelta::days(n))),
            TimeCommand::StepMonths(n) => self.go_to(scenario, add_months(date, n)),
            TimeCommand::StepYears(n) => self.go_to(scenario, add_months(date, n.saturating_mul(12))),
            TimeCommand::NextMilestone => self.step_stop(scenario, shown, true),
            TimeCommand::PrevMilestone => self.step_stop(scenario, shown, false),
            TimeCommand::RangeStart => self.go_to(scenario, Some(range.start)),
            TimeCommand::RangeEnd => self.go_to(scenario, Some(range.end)),
            TimeCommand::TogglePlay => {
                let restart = self.playback.toggle(date, range);
                self.go_to(scenario, restart);
            }
            TimeCommand::Tick { now_secs, dt_secs } => {
                self.now_secs = now_secs;
                if let Some(next) = self.playback.advance(dt_secs, date, range) {
                    self.move_to(scenario, next, true);
                }
            }
            TimeCommand::SetTrack(t) => {
                if t.0 < scenario.tracks.len() {
                    self.track = t;
                }
            }
            TimeCommand::CycleTrack => self.track = TrackIdx((track.0 + 1) % scenario.tracks.len().max(1)),
            TimeCommand::ToggleDirection => self.playback.backwards = !self.playback.backwards,
            TimeCommand::ToggleLoop => self.playback.looping = !self.playback.looping,
            TimeCommand::SetSpeed(days_per_sec) => self.playback.set_speed(days_per_sec),
        }
        Outcome::none()
    }

    /// The clicker: the next (or previous) stop of the `shown` tracks
    /// ([`Scenario::stops`]); at the last (first) one the date stays and
    /// the cue says so, as it does on arriving there.
    fn step_stop(&mut self, scenario: &Scenario, shown: &[TrackIdx], forward: bool) {
        let stops = scenario.stops(shown, self.today);
        let date = self.date;
        let target = if forward {
            stops.iter().find(|&&d| d > date)
        } else {
            stops.iter().rev().find(|&&d| d < date)
        };
        if let Some(&d) = target {
            self.go_to(scenario, Some(d));
        }
        let (first, last) = (stops.first().copied(), stops.last().copied());
        let at_end = if forward {
            last.is_none_or(|l| self.date >= l)
        } else {
            first.is_none_or(|f| self.date <= f)
        };
        self.stop_cue = match (at_end, forward) {
            (true, true) => Some((StopCue::End, self.now_secs)),
            (true, false) => Some((StopCue::Start, self.now_secs)),
            (false, _) => None,
        };
    }

    /// The stop cue, while it shows.
    pub fn shown_stop_cue(&self) -> Option<StopCue> {
        self.stop_cue
            .filter(|&(_, since)| self.now_secs - since < StopCue::SHOWN_SECS)
            .map(|(cue, _)| cue)
    }

    /// The same track (by id) and date (clamped) on newly `loaded` inputs
    /// in place of `shown`; the last change crossed was the old inputs'.
    pub fn follow(&mut self, shown: &Scenario, loaded: &Scenario) {
        let track_id = &shown.track(self.track).id;
        self.track = loaded.track_idx(track_id).unwrap_or(loaded.default_track);
        self.date = loaded.range.clamp(self.date);
        self.change = None;
    }

    /// Moves to `date` (clamped to the range) if there is one.
    fn go_to(&mut self, scenario: &Scenario, date: Option<Date>) {
        if let Some(d) = date {
            self.move_to(scenario, scenario.range.clamp(d), false);
        }
    }

    /// Moves to `date`, noting which regions and bases change status on
    /// the way.
    fn move_to(&mut self, scenario: &Scenario, date: Date, playing: bool) {
        if date == self.date {
            return;
        }
        let seen = ChangeFx::crossing(scenario, self.track, self.date, date, self.now_secs, playing);
        if seen.is_some() {
            self.change = seen;
        }
        self.date = date;
    }
}

fn add_months(date: Date, n: i32) -> Option<Date> {
    let m = Months::new(n.unsigned_abs());
    if n >= 0 {
        date.checked_add_months(m)
    } else {
        date.checked_sub_months(m)
    }
}

/// How the map looks: what persists with the settings besides the date.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Look {
    pub view: MapView,
    pub theme: Theme,
    /// The map's layers shown.
    pub layers: LayerSet,
    /// The window's panels shown.
    pub panels: PanelSet,
    pub greyscale: bool,
    pub compare: bool,
}

impl Look {
    pub fn apply(&mut self, command: LookCommand) -> Outcome {
        match command {
            LookCommand::SetView(view) => self.view = view,
            LookCommand::ResetView => self.view = MapView::HOME,
            LookCommand::SetTheme(theme) => self.theme = theme,
            LookCommand::ToggleCompare => self.compare = !self.compare,
            LookCommand::ToggleGreyscale => self.greyscale = !self.greyscale,
            LookCommand::ToggleLayer(layer) => self.layers.toggle(layer),
            LookCommand::TogglePanel(panel) => self.panels.toggle(panel),
        }
        Outcome::none()
    }
}

/// What covers the map or changes the window's mode.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OverlayState {
    pub presenting: bool,
    pub black_screen: bool,
    pub help_open: bool,
    /// The go-to-date box (G), when open.
    pub goto: Option<GoTo>,
}

impl OverlayState {
    /// Applies an overlay command; the go-to box opens at `date` and takes
    /// dates in `range`.
    pub fn apply(&mut self, command: OverlayCommand, date: Date, range: DateRange) -> Outcome {
        match command {
            OverlayCommand::TogglePresentation => {
                self.presenting = !self.presenting;
                return Outcome::effect(Effect::Fullscreen(self.presenting));
            }
            OverlayCommand::ToggleBlackScreen => self.black_screen = !self.black_screen,
            OverlayCommand::ToggleHelp => self.help_open = !self.help_open,
            OverlayCommand::OpenGoTo => {
                self.goto = Some(GoTo {
                    text: date.to_string(),
                    error: None,
                });
            }
            OverlayCommand::EditGoTo(text) => {
                if let Some(goto) = &mut self.goto {
                    goto.text = text;
                }
            }
            OverlayCommand::SubmitGoTo => return self.submit_goto(range),
            OverlayCommand::CloseGoTo => self.goto = None,
        }
        Outcome::none()
    }

    /// Enter in the go-to box: the briefing goes there, or the box says
    /// why not.
    fn submit_goto(&mut self, range: DateRange) -> Outcome {
        let Some(goto) = self.goto.as_mut() else {
            return Outcome::none();
        };
        match range.parse_date_in(&goto.text) {
            Ok(date) => {
                self.goto = None;
                Outcome::then(TimeCommand::SetDate(date))
            }
            Err(message) => {
                goto.error = Some(message);
                Outcome::none()
            }
        }
    }

    /// Esc on the black screen: the map again. Whether it was black.
    pub fn close_black_screen(&mut self) -> bool {
        std::mem::take(&mut self.black_screen)
    }

    /// Esc over the go-to box, else the help: closes it. Whether one was
    /// open.
    pub fn close_dialog(&mut self) -> bool {
        if self.goto.take().is_some() {
            return true;
        }
        std::mem::take(&mut self.help_open)
    }

    /// Esc with nothing else open: out of presentation mode, if in it.
    pub fn leave_presentation(&mut self) -> Outcome {
        if std::mem::take(&mut self.presenting) {
            Outcome::effect(Effect::Fullscreen(false))
        } else {
            Outcome::none()
        }
    }
}

/// The go-to-date box: what is typed and why it was refused.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GoTo {
    pub text: String,
    pub error: Option<String>,
}

/// Files: what is watched, what failed to load, what is saved where, and
/// the messages about them.
#[derive(Debug, Default)]
pub struct Io {
    pub watch: FileWatch,
    /// Files asked for whose load failed: a reload retries them.
    pub pending_sources: Option<Sources>,
    /// The load under way, if any (the newest asked for).
    pub loading: Option<LoadJob>,
    /// How many loads were asked for: the next one's number.
    pub loads_asked: u64,
    /// The last load error, shown in a banner; the last good data stays.
    pub error: Option<ShownErrors>,
    /// Short notice ("Loaded …"), shown in the top bar.
    pub notice: Option<Notice>,
    /// The path field offered for *File → Open* where no native dialog
    /// can open, and which input it opens.
    pub typed_open: Option<(FileKind, TypedPath)>,
    /// Where settings are saved; None: not saved (tests).
    pub settings_path: Option<PathBuf>,
    /// What was last saved, and when (egui clock), to save only changes
    /// and at most once a second.
    pub saved: Option<(Settings, f64)>,
}

impl Io {
    /// Applies a load command while `shown` is on screen. A load that ends
    /// well comes back as the inputs to show in place of `shown` (with the
    /// window's title naming them); the briefing follows them (see
    /// [`Briefing::follow`]).
    pub fn apply(&mut self, command: LoadCommand, shown: &LoadedInputs) -> (Outcome, Option<LoadedInputs>) {
        let outcome = match command {
            LoadCommand::OpenFileDialog(kind) => Outcome::effect(Effect::PickInputFile(kind)),
            LoadCommand::PickFailed(kind, reason) => {
                self.offer_typed_open(kind, reason, shown);
                Outcome::none()
            }
            LoadCommand::EditTyped(text) => {
                if let Some((_, typed)) = &mut self.typed_open {
                    typed.text = text;
                }
                Outcome::none()
            }
            LoadCommand::OpenTyped => self.open_typed(),
            LoadCommand::CloseTyped => {
                self.typed_open = None;
                Outcome::none()
            }
            LoadCommand::File(kind, path) => self.load_file(kind, path, shown),
            LoadCommand::Reload => {
                let sources = self.reload_sources(shown);
                self.load(&sources, shown)
            }
            LoadCommand::Finished(done) => return self.finish_load(done, shown),
            LoadCommand::DismissError => {
                self.dismiss_error();
                Outcome::none()
            }
        };
        (outcome, None)
    }

    /// No native dialog: the window offers a path field, opening on the
    /// file of that kind shown now (else the home folder), and says why.
    fn offer_typed_open(&mut self, kind: FileKind, reason: String, shown: &LoadedInputs) {
        let current = match kind {
            FileKind::Scenario => shown.sources.scenario.as_ref(),
            FileKind::Regions => shown.sources.regions.as_ref(),
        };
        let text = current.map_or_else(
            || format!("{}{}", default_folder().to_string_lossy(), std::path::MAIN_SEPARATOR),
            |path| shown_path(&path).to_string(),
        );
        self.typed_open = Some((kind, TypedPath { text, reason }));
    }

    /// Open with the path field: the load a picked file would start (a
    /// wrong path ends in the error banner, like any failed load).
    fn open_typed(&mut self) -> Outcome {
        let Some((kind, typed)) = &self.typed_open else {
            return Outcome::none();
        };
        let text = typed.text.trim();
        if text.is_empty() {
            return Outcome::none();
        }
        let command = LoadCommand::File(*kind, expand_home(text));
        self.typed_open = None;
        Outcome::then(command)
    }

    /// Esc over the open path field: closed. Whether it showed.
    pub fn close_typed_open(&mut self) -> bool {
        self.typed_open.take().is_some()
    }

    /// Esc over the error banner: dismissed. Whether it showed.
    pub fn dismiss_error(&mut self) -> bool {
        self.error.take().is_some()
    }

    /// Starts loading `sources` on a worker thread, superseding a load
    /// under way; the last good data stays on screen meanwhile.
    fn load(&mut self, sources: &Sources, shown: &LoadedInputs) -> Outcome {
        self.loads_asked += 1;
        self.notice = Some(format!("Loading {}…", loading_names(sources, &shown.sources)).into());
        self.loading = Some(LoadJob::start(self.loads_asked, sources.clone()));
        Outcome::none()
    }

    /// The files to load again: those of the load under way, else those
    /// whose load failed, else the current ones.
    fn reload_sources(&self, shown: &LoadedInputs) -> Sources {
        self.loading
            .as_ref()
            .map(|job| job.sources.clone())
            .or_else(|| self.pending_sources.clone())
            .unwrap_or_else(|| shown.sources.clone())
    }

    /// Takes a finished load if it is the newest asked for: the inputs, or
    /// the errors for the banner (the shown inputs stay).
    fn finish_load(&mut self, done: FinishedLoad, shown: &LoadedInputs) -> (Outcome, Option<LoadedInputs>) {
        if self.loading.as_ref().is_none_or(|job| job.id != done.id) {
            return (Outcome::none(), None);
        }
        self.loading = None;
        let sources = done.sources.clone();
        match done.into_result() {
            Ok(inputs) => {
                let warning = warnings_notice(&inputs).map(|w| format!(" — {w}"));
                self.notice = Some((describe_sources(&sources) + warning.as_deref().unwrap_or_default()).into());
                self.pending_sources = None;
                self.watch = FileWatch::new(watched_paths(&inputs.sources));
                self.error = None;
                let title = Effect::WindowTitle(window_title(&inputs));
                (Outcome::effect(title), Some(inputs))
            }
            Err(errors) => {
                self.notice = None;
                // Watch the files the user asked for, so that fixing the file
                // reloads it even though it never loaded.
                self.watch = FileWatch::new(watched_paths(&sources).chain(watched_paths(&shown.sources)));
                self.pending_sources = Some(sources);
                self.error = Some(ShownErrors::new(&errors));
                (Outcome::none(), None)
            }
        }
    }

    /// The file the user picked (or dropped) in place of the current one.
    /// Built on the load under way, if any, so that a scenario and a
    /// regions file dropped one after the other both count.
    fn load_file(&mut self, kind: FileKind, path: PathBuf, shown: &LoadedInputs) -> Outcome {
        let base = self.loading.as_ref().map_or(&shown.sources, |job| &job.sources);
        let sources = base.clone().with_file(kind, path);
        self.load(&sources, shown)
    }
}

/// A failed load's errors as the banner shows them: the whole text, and
/// the first [`MAX_LISTED_ERRORS`] errors each cut to
/// [`MAX_SHOWN_ERROR_CHARS`], so that no frame lays out megabytes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShownErrors {
    /// Every error, one a line.
    pub text: String,
    /// The errors listed, cut.
    pub lines: Vec<String>,
    /// How many errors there are in all.
    pub total: usize,
}

/// The most errors the banner lists; the rest are counted.
pub const MAX_LISTED_ERRORS: usize = 500;

/// The longest error line the banner shows, characters (then "…").
pub const MAX_SHOWN_ERROR_CHARS: usize = 500;

impl ShownErrors {
    pub fn new(errors: &InputErrors) -> Self {
        Self {
            text: errors.to_string(),
            lines: errors
                .0
                .iter()
                .take(MAX_LISTED_ERRORS)
                .map(|e| shortened(&e.to_string(), MAX_SHOWN_ERROR_CHARS))
                .collect(),
            total: errors.0.len(),
        }
    }
}
