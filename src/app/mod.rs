//! The eframe app: owns the state, grouped (`state.rs`), hands widgets' and
//! keys' intents to the sub-state that owns them in one place
//! ([`DrawdownApp::apply`], in `reduce.rs`) and runs the effects those
//! return ([`Effect`]) where egui's context is at hand.

pub mod bench;
mod change_fx;
mod chrome;
mod effect;
mod export_flow;
mod export_job;
mod file_dialog;
mod load_job;
pub mod native;
pub mod playback;
mod presenter;
mod record_form;
mod reduce;
pub mod settings;
mod sources;
mod state;
mod story;
pub mod watch;

use std::collections::VecDeque;
use std::path::PathBuf;

use egui::Ui;

use crate::inputs::{LoadedInputs, Sources};
use crate::model::printable::shown_path;
use crate::model::{Date, TrackIdx, TrackLayout};
#[cfg(feature = "testing")]
use crate::render::Theme;
use crate::render::{LayerSet, MapEffects, MapStyle, MapView};
use crate::ui::command::{ExportCommand, FileKind, LoadCommand, TimeCommand};
#[cfg(feature = "testing")]
use crate::ui::export_form::ExportForm;
use crate::ui::notice::Notice;
use crate::ui::panel::Panel;
#[cfg(feature = "testing")]
use crate::ui::panel::PanelSet;
#[cfg(feature = "testing")]
use crate::ui::record_form::RecordForm;
use crate::ui::{Command, keys};
#[cfg(feature = "testing")]
pub use chrome::{LOAD_PROBLEM_MARK_LABEL, OPEN_PATH_LABEL};
pub use effect::Effect;
use effect::Outcome;
use export_flow::ExportState;
#[cfg(feature = "testing")]
pub use export_flow::clipboard_image;
pub use playback::Playback;
use record_form::RecordState;
pub use settings::Settings;
use sources::SourcesState;
use state::{Briefing, Io, Look, OverlayState, ShownErrors};
use story::StoryState;
pub use story::is_story_file;
use watch::FileWatch;

/// Where `scenario`'s compared tracks first differ, if they do.
fn tracks_part(scenario: &crate::model::Scenario) -> Option<Date> {
    scenario
        .compare_pair()
        .and_then(|[a, b]| scenario.first_difference(a, b))
}

/// Where the app opens.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StartOptions {
    pub date: Option<Date>,
    pub track: Option<TrackIdx>,
}

/// The whole GUI state.
pub struct DrawdownApp {
    inputs: LoadedInputs,
    /// Where the scenario's compared tracks first differ: the slider's
    /// Drawdown span starts there. A scan of both tracks' boundaries,
    /// so worked out once per loaded scenario, not every frame.
    tracks_part: Option<Date>,
    briefing: Briefing,
    look: Look,
    overlays: OverlayState,
    export: ExportState,
    io: Io,
    sources: SourcesState,
    record: RecordState,
    /// The open story, its panel and the presenter view.
    story: StoryState,
}

impl DrawdownApp {
    /// What is worked out from the shown scenario, worked out again: the
    /// one place a new or edited scenario's dependents follow it.
    fn derive_from_scenario(&mut self) {
        self.tracks_part = tracks_part(&self.inputs.scenario);
        self.sources.refresh(&self.inputs.scenario);
        self.story.scenario_replaced();
    }

    pub fn new(inputs: LoadedInputs, start: StartOptions) -> Self {
        Self::with_settings(inputs, start, Settings::default())
    }

    /// Restores persisted settings; the command line's date and track win.
    pub fn with_settings(inputs: LoadedInputs, start: StartOptions, settings: Settings) -> Self {
        let scenario = &inputs.scenario;
        let range = scenario.range;
        // Without a saved date: the scenario's opening date (today unless
        // its header names a day), clamped to its range.
        let default_date = scenario.opening_date(native::today_local());
        let saved_date = settings.date.as_deref().and_then(|s| s.parse::<Date>().ok());
        let saved_track = settings.track.as_deref().and_then(|id| scenario.track_idx(id));
        let track = start
            .track
            .or(saved_track)
            .filter(|t| t.0 < scenario.tracks.len())
            .unwrap_or(scenario.default_track);
        let mut playback = Playback::default();
        playback.looping = settings.looping;
        playback.set_speed(settings.speed_days_per_sec);
        Self {
            briefing: Briefing {
                date: range.clamp(start.date.or(saved_date).unwrap_or(default_date)),
                track,
                playback,
                change: None,
                today: None,
                now_secs: 0.0,
                stop_cue: None,
            },
            look: Look {
                view: sanitize_view(settings.view, inputs.geometry.bounds),
                theme: settings.theme,
                layers: settings.layers,
                panels: settings.panels,
                greyscale: settings.greyscale,
                compare: settings.compare,
            },
            overlays: OverlayState::default(),
            export: ExportState::default(),
            sources: SourcesState::default(),
            record: RecordState::default(),
            story: StoryState::default(),
            io: Io {
                watch: FileWatch::new(watched_paths(&inputs.sources)),
                notice: warnings_notice(&inputs).map(Notice::text),
                ..Io::default()
            },
            tracks_part: tracks_part(&inputs.scenario),
            inputs,
        }
    }

    /// Opens with the errors of files that did not load at launch in the
    /// banner (the inputs are then the embedded ones); the files are
    /// watched and retried, as after a failed load in the window.
    #[must_use]
    pub fn with_load_error(mut self, failure: Option<native::LaunchFailure>) -> Self {
        if let Some(failure) = failure {
            self.io.error = Some(ShownErrors::new(&failure.errors));
            self.io.watch = FileWatch::new(watched_paths(&failure.sources).chain(watched_paths(&self.inputs.sources)));
            self.io.pending_sources = Some(failure.sources);
        }
        self
    }

    /// Shows a "today" line in the timeline chart.
    #[must_use]
    pub fn with_today(mut self, today: Option<Date>) -> Self {
        self.briefing.today = today;
        self
    }

    /// Saves settings to `path` whenever they change (at most once a
    /// second) and on exit. What the app starts with counts as saved: a
    /// settings file that was ignored (corrupt, too big) is replaced only
    /// once the briefer changes something, not silently at start.
    #[must_use]
    pub fn with_settings_file(mut self, path: Option<PathBuf>) -> Self {
        self.io.saved = Some((self.settings(), f64::NEG_INFINITY));
        self.io.settings_path = path;
        self
    }

    /// Opens the story file `path` (the command line's `drawdown
    /// brief.toml`): its first stop shows once its scenario has loaded.
    #[must_use]
    pub fn with_story(mut self, path: Option<PathBuf>) -> Self {
        if let Some(path) = path {
            let _ = self.apply(crate::ui::command::StoryCommand::Open(path).into());
        }
        self
    }

    /// Shows a one-line notice in the top bar (e.g. ignored settings).
    #[must_use]
    pub fn with_notice(mut self, notice: Option<String>) -> Self {
        self.io.notice = notice.map(Notice::text);
        self
    }

    /// Saves the settings if they changed since the last save and a
    /// second has passed (or `now` is set, on exit).
    fn autosave(&mut self, now: bool) {
        let Some(path) = self.io.settings_path.as_deref() else {
            return;
        };
        // Checked before `settings()` is built, so that a frame within the
        // second after a save allocates nothing for it (playback saves at
        // most once a second, and would otherwise build it every frame).
        if let Some((_, at)) = &self.io.saved
            && !now
            && self.briefing.now_secs - at < 1.0
        {
            return;
        }
        let settings = self.settings();
        if self.io.saved.as_ref().is_none_or(|(last, _)| *last != settings) {
            if let Err(e) = settings.save(path) {
                self.io.notice = Some(format!("Settings not saved: {e}").into());
            }
            self.io.saved = Some((settings, self.briefing.now_secs));
        }
    }

    /// What to persist.
    pub fn settings(&self) -> Settings {
        let Look {
            view,
            theme,
            layers,
            panels,
            greyscale,
            compare,
        } = self.look;
        Settings {
            date: Some(self.briefing.date.to_string()),
            track: Some(self.inputs.scenario.track(self.briefing.track).id.clone()),
            view,
            theme,
            layers,
            panels,
            speed_days_per_sec: self.briefing.playback.speed_days_per_sec,
            looping: self.briefing.playback.looping,
            greyscale,
            compare,
        }
    }

    #[cfg(feature = "testing")]
    pub fn date(&self) -> Date {
        self.briefing.date
    }

    #[cfg(feature = "testing")]
    pub fn track(&self) -> TrackIdx {
        self.briefing.track
    }

    #[cfg(feature = "testing")]
    pub fn view(&self) -> MapView {
        self.look.view
    }

    pub fn data(&self) -> &LoadedInputs {
        &self.inputs
    }

    /// The last load's errors, one a line, while the banner shows them.
    #[cfg(feature = "testing")]
    pub fn error(&self) -> Option<&str> {
        self.io.error.as_ref().map(|e| e.text.as_str())
    }

    /// What the error banner lists: each error line as shown (cut), and
    /// how many errors there are in all.
    #[cfg(feature = "testing")]
    pub fn error_lines(&self) -> Option<(&[String], usize)> {
        self.io.error.as_ref().map(|e| (&e.lines[..], e.total))
    }

    /// Whether a load is under way (on its worker thread).
    #[cfg(feature = "testing")]
    pub fn is_loading(&self) -> bool {
        self.io.loading.is_some()
    }

    /// Waits for the load under way and applies its outcome; returns what
    /// that asks of the window. For tests and scripts: the window never
    /// waits, it polls each frame.
    #[cfg(feature = "testing")]
    pub fn wait_for_load(&mut self) -> Vec<Effect> {
        match self.io.loading.as_ref().map(load_job::LoadJob::wait) {
            Some(done) => self.apply(LoadCommand::Finished(done).into()),
            None => Vec::new(),
        }
    }

    #[cfg(feature = "testing")]
    pub fn playback(&self) -> &Playback {
        &self.briefing.playback
    }

    /// The map's layers shown in the window.
    #[cfg(feature = "testing")]
    pub fn layers(&self) -> LayerSet {
        self.look.layers
    }

    /// The window's panels shown.
    #[cfg(feature = "testing")]
    pub fn panels(&self) -> PanelSet {
        self.look.panels
    }

    /// The layers an export of what the window shows draws: the window's
    /// layers, with those its panels stand in for ([`Panel::stands_for`])
    /// as the panels are shown.
    pub fn shown_layers(&self) -> LayerSet {
        Panel::ALL
            .into_iter()
            .fold(self.look.layers, |layers, panel| match panel.stands_for() {
                Some(layer) => layers.with(layer, self.look.panels.contains(panel)),
                None => layers,
            })
    }

    pub fn is_presenting(&self) -> bool {
        self.overlays.presenting
    }

    #[cfg(feature = "testing")]
    /// "End of stops" or "Start of stops" while the clicker's cue shows.
    pub fn stop_cue(&self) -> Option<&'static str> {
        self.briefing.shown_stop_cue().map(state::StopCue::text)
    }

    pub fn is_black_screen(&self) -> bool {
        self.overlays.black_screen
    }

    #[cfg(feature = "testing")]
    pub fn is_help_open(&self) -> bool {
        self.overlays.help_open
    }

    #[cfg(feature = "testing")]
    pub fn is_goto_open(&self) -> bool {
        self.overlays.goto.is_some()
    }

    /// The open record form.
    #[cfg(feature = "testing")]
    pub fn record_form(&self) -> Option<&RecordForm> {
        self.record.form.as_ref()
    }

    /// Whether the map shows a recorded change that is not saved.
    #[cfg(feature = "testing")]
    pub fn is_previewing(&self) -> bool {
        self.record.preview.is_some()
    }

    /// Whether Ctrl+Z has a recorded change to take back.
    #[cfg(feature = "testing")]
    pub fn can_undo_record(&self) -> bool {
        self.record.undo.is_some()
    }

    /// Whether the Sources window is open.
    #[cfg(feature = "testing")]
    pub fn is_sources_open(&self) -> bool {
        self.sources.open
    }

    /// The Sources window's filter as typed.
    #[cfg(feature = "testing")]
    pub fn sources_filter(&self) -> &str {
        &self.sources.filter
    }

    #[cfg(feature = "testing")]
    pub fn is_comparing(&self) -> bool {
        self.look.compare
    }

    #[cfg(feature = "testing")]
    pub fn is_export_open(&self) -> bool {
        self.export.form.is_some()
    }

    /// The open export dialog's choices.
    #[cfg(feature = "testing")]
    pub fn export_form(&self) -> Option<&ExportForm> {
        self.export.form.as_ref()
    }

    /// The file that waits for "replace?", if any.
    pub fn pending_overwrite(&self) -> Option<&std::path::Path> {
        self.export
            .pending_overwrite
            .as_ref()
            .map(export_flow::PendingWrite::path)
    }

    #[cfg(feature = "testing")]
    pub fn is_exporting(&self) -> bool {
        self.export.job.is_some()
    }

    #[cfg(feature = "testing")]
    pub fn notice(&self) -> Option<&str> {
        self.io.notice.as_ref().map(|n| n.text.as_str())
    }

    /// The folder the notice offers to open (after an export).
    #[cfg(feature = "testing")]
    pub fn notice_folder(&self) -> Option<&std::path::Path> {
        self.io.notice.as_ref()?.folder.as_deref()
    }

    #[cfg(feature = "testing")]
    pub fn is_greyscale(&self) -> bool {
        self.look.greyscale
    }

    /// The colour the window is cleared to: the map's sea, which the map
    /// does not paint on screen (in grey for the greyscale preview).
    pub fn sea_color(&self) -> egui::Color32 {
        let sea = MapStyle::for_theme(self.look.theme).sea;
        if self.look.greyscale {
            crate::render::greyscale::grey(sea)
        } else {
            sea
        }
    }

    #[cfg(feature = "testing")]
    pub fn theme(&self) -> Theme {
        self.look.theme
    }

    /// "Federal Iraq: Transition under way » Coalition mission over
    /// (Announced plan)" for the last boundary crossed (bases named too:
    /// "Al-Tanf garrison: Handed over or vacated"), while its date shows.
    pub fn change_caption(&self) -> Option<String> {
        let b = &self.briefing;
        let fx = b
            .change
            .as_ref()
            .filter(|fx| fx.date == b.date && fx.track == b.track)?;
        Some(fx.caption(&self.inputs.scenario))
    }

    /// The tracks the window shows.
    fn shown_tracks(&self) -> TrackLayout {
        TrackLayout::shown(self.look.compare, self.briefing.track, &self.inputs.scenario)
    }

    /// The per-frame effects on the map for `track`: pulse and cross-fade
    /// of the last change, dashed outlines where the tracks disagree.
    fn map_effects_for(&self, track: TrackIdx, other: Option<TrackIdx>) -> MapEffects {
        let s = &self.inputs.scenario;
        let b = &self.briefing;
        let mut effects = other.map_or_else(MapEffects::default, |other| {
            MapEffects::comparing(s, track, other, b.date)
        });
        if let Some(fx) = b.change.as_ref().filter(|fx| fx.track == track) {
            fx.add_to(&mut effects, s, b.date, b.now_secs, b.playback.playing);
        }
        if track == b.track {
            effects.caption = self.change_caption();
        }
        effects.today = b.today;
        effects
    }

    /// Whether something on screen is moving and needs the next frame.
    fn is_animating(&self) -> bool {
        self.briefing.playback.playing
            || self.export.job.is_some()
            || self.story_is_animating()
            || self.briefing.shown_stop_cue().is_some()
            || self
                .briefing
                .change
                .as_ref()
                .is_some_and(|fx| fx.is_pulsing(self.briefing.now_secs))
    }

    /// Applies `commands` in order, runs the effects they return and applies
    /// what those answer (a picked file), until nothing is left.
    fn run(&mut self, ctx: &egui::Context, commands: impl IntoIterator<Item = Command>) {
        let mut queue: VecDeque<Command> = commands.into_iter().collect();
        while let Some(command) = queue.pop_front() {
            for effect in self.apply(command) {
                queue.extend(effect.run(ctx));
            }
        }
    }

    /// The whole window's UI. Called by eframe, and by the UI tests.
    pub fn show(&mut self, ui: &mut Ui) {
        // The clock first, so that this frame draws the date it reaches.
        let (now_secs, dt_secs) = ui.input(|i| (i.time, f64::from(i.stable_dt)));
        let mut first = vec![TimeCommand::Tick { now_secs, dt_secs }.into()];
        if let Some(outcome) = self.export.job.as_mut().and_then(export_job::ExportJob::finished) {
            first.push(ExportCommand::Finished(outcome).into());
        }
        if let Some(done) = self.io.loading.as_ref().and_then(load_job::LoadJob::finished) {
            first.push(LoadCommand::Finished(done).into());
        }
        first.push(crate::ui::command::StoryCommand::Tick(now_secs).into());
        self.run(ui.ctx(), first);

        let mut commands = keys::global_key_commands(ui);
        commands.extend(dropped_files(ui));
        if self.io.watch.poll(self.briefing.now_secs) {
            commands.push(LoadCommand::Reload.into());
        }
        commands.extend(self.chrome_ui(ui));
        commands.extend(self.presenter_ui(ui));
        self.run(ui.ctx(), commands);

        self.autosave(false);
        if self.is_animating() {
            ui.ctx().request_repaint();
        } else if self.io.loading.is_some() {
            // Polled, not woken: the worker has no egui context.
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs_f64(LOAD_POLL_SECS));
        } else if !self.io.watch.is_empty() || self.story.open.as_ref().is_some_and(|o| o.path.is_some()) {
            // A watched scenario or story file is polled on a timer: an
            // edit in another program shows without a mouse move.
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs_f64(watch::POLL_SECS));
        }
    }
}

/// How often a load under way is checked for its end, seconds.
const LOAD_POLL_SECS: f64 = 0.05;

/// Drops a view restored from a hand-edited or stale settings file if it
/// holds nonsense or looks far off the map (`map_bounds`, world km): its
/// centre must lie within the map grown by a quarter of the view's extent,
/// so that some of the map shows.
fn sanitize_view(view: MapView, map_bounds: egui::Rect) -> MapView {
    let finite = view.zoom.is_finite() && view.centre.is_none_or(|[x, y]| x.is_finite() && y.is_finite());
    let near = |zoom: f32| {
        let reach = map_bounds.expand2(map_bounds.size() / (4.0 * zoom));
        view.centre.is_none_or(|[x, y]| reach.contains(egui::pos2(x, y)))
    };
    let zoom = view
        .zoom
        .clamp(crate::render::view::MIN_ZOOM, crate::render::view::MAX_ZOOM);
    if finite && near(zoom) {
        MapView { zoom, ..view }
    } else {
        MapView::HOME
    }
}

fn watched_paths(sources: &Sources) -> impl Iterator<Item = PathBuf> + use<> {
    sources.scenario.clone().into_iter().chain(sources.regions.clone())
}

/// The files a load reads anew: those that differ from the current
/// ones (all of them on a reload).
fn loading_names(sources: &Sources, current: &Sources) -> String {
    let [scenario, regions] = sources.names(["the embedded scenario", "the embedded regions"]);
    match (sources.scenario != current.scenario, sources.regions != current.regions) {
        (true, false) => scenario,
        (false, true) => regions,
        _ => format!("{scenario} and {regions}"),
    }
}

/// The inputs' first warning, and how many more, for the top bar.
fn warnings_notice(inputs: &LoadedInputs) -> Option<String> {
    let first = inputs.warnings.first()?;
    let more = match inputs.warnings.len() {
        1 => String::new(),
        n => format!(" (and {} more)", n - 1),
    };
    Some(format!("Warning: {}{more}", first.message))
}

fn describe_sources(sources: &Sources) -> String {
    let [scenario, regions] = sources.names(["the embedded scenario", "the embedded regions"]);
    format!("Loaded {scenario} and {regions}")
}

/// The window's title: the app, and the scenario file when it is not the
/// embedded one.
pub fn window_title(inputs: &LoadedInputs) -> String {
    match &inputs.sources.scenario {
        Some(path) => {
            let name = path
                .file_name()
                .map_or_else(|| shown_path(&path).to_string(), |n| n.to_string_lossy().into_owned());
            format!("drawdown — {name}")
        }
        None => "drawdown — coalition drawdown from Iraq".to_owned(),
    }
}

/// Files dropped on the window: a `.toml` with stops is a story, another
/// `.toml` a scenario, `.geojson`/`.json` a regions file.
fn dropped_files(ui: &Ui) -> Vec<Command> {
    ui.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .filter_map(|path| {
                if story::is_story_file(&path) {
                    return Some(crate::ui::command::StoryCommand::Open(path).into());
                }
                Some(LoadCommand::File(FileKind::of_path(&path)?, path).into())
            })
            .collect()
    })
}

impl eframe::App for DrawdownApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn clear_color(&self, _visuals: &egui::Visuals) -> [f32; 4] {
        self.sea_color().to_normalized_gamma_f32()
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.autosave(true);
    }
}
