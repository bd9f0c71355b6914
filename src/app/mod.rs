//! The eframe app: owns the state, turns widgets' and keys' intents into
//! state changes in one place ([`DrawdownApp::apply`]), nothing else.

pub mod bench;
mod chrome;
pub mod export_ui;
pub mod playback;
pub mod settings;
pub mod watch;

use std::path::PathBuf;

use chrono::Months;
use egui::Ui;

use crate::data::{MapData, Sources};
use crate::export::write::occupied;
use crate::model::{Date, StatusChange, TrackIdx};
use crate::render::style::color32;
use crate::render::{MapEffects, MapStyle, MapView, Theme};
use crate::ui::command::{FileKind, Layer};
use crate::ui::{Command, keys};
pub use playback::Playback;
pub use settings::{Layers, Settings};
use watch::FileWatch;

/// Where the app opens.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StartOptions {
    pub date: Option<Date>,
    pub track: Option<TrackIdx>,
}

/// How long a changed region's outline pulses, seconds.
const PULSE_SECS: f64 = 1.6;
/// How long colours cross-fade while playing, seconds.
const FADE_SECS: f64 = 0.35;

/// The last boundary crossed: which regions changed, for the pulse, the
/// cross-fade and the caption.
#[derive(Clone, Debug, PartialEq)]
struct ChangeFx {
    started_secs: f64,
    /// The date the change was seen on; the caption stays while it shows.
    date: Date,
    track: TrackIdx,
    changes: Vec<StatusChange>,
    /// Whether the change happened while playing (colours cross-fade).
    fade: bool,
}

/// The go-to-date box (G).
#[derive(Clone, Debug, Default, PartialEq)]
struct GoTo {
    text: String,
    error: Option<String>,
}

/// The whole GUI state.
pub struct DrawdownApp {
    data: MapData,
    date: Date,
    track: TrackIdx,
    view: MapView,
    theme: Theme,
    layers: Layers,
    playback: Playback,
    greyscale: bool,
    compare: bool,
    presenting: bool,
    black_screen: bool,
    help_open: bool,
    goto: Option<GoTo>,
    change: Option<ChangeFx>,
    /// The last load error, shown in a banner; the last good data stays.
    error: Option<String>,
    /// Short notice ("Loaded …"), shown in the top bar.
    notice: Option<String>,
    watch: FileWatch,
    /// The date the "today" line marks; None hides it (tests).
    today: Option<Date>,
    /// Files asked for whose load failed: a reload retries them.
    pending_sources: Option<Sources>,
    /// egui's clock this frame, seconds.
    now_secs: f64,
    /// Where settings are saved; None: not saved (tests).
    settings_path: Option<PathBuf>,
    /// What was last saved, and when (egui clock), to save only changes
    /// and at most once a second.
    saved: Option<(Settings, f64)>,
    export_dialog: Option<export_ui::ExportDialog>,
    /// A write waiting for "replace the file?".
    confirm_overwrite: Option<PendingWrite>,
    export_job: Option<export_ui::ExportJob>,
    /// egui's context, for clipboard output from `apply`.
    ctx: Option<egui::Context>,
}

/// A write that needs the user's consent to replace existing files.
#[derive(Clone, Debug, PartialEq)]
enum PendingWrite {
    Image(PathBuf),
    Sequence(PathBuf),
}

impl DrawdownApp {
    pub fn new(data: MapData, start: StartOptions) -> Self {
        Self::with_settings(data, start, Settings::default())
    }

    /// Restores persisted settings; the command line's date and track win.
    pub fn with_settings(data: MapData, start: StartOptions, settings: Settings) -> Self {
        let scenario = &data.scenario;
        let range = scenario.range;
        // Without a saved date: the day the plan's Phase 2 begins.
        let default_date = Date::from_ymd_opt(2025, 10, 1).unwrap_or(range.start);
        let saved_date = settings.date.as_deref().and_then(|s| s.parse::<Date>().ok());
        let saved_track = settings.track.as_deref().and_then(|id| scenario.track_idx(id));
        let track = start
            .track
            .or(saved_track)
            .filter(|t| t.0 < scenario.tracks.len())
            .unwrap_or(TrackIdx(0));
        let mut playback = Playback::default();
        playback.looping = settings.looping;
        playback.set_speed(settings.speed_days_per_sec);
        let watch = FileWatch::new(watched_paths(&data.sources));
        Self {
            date: range.clamp(start.date.or(saved_date).unwrap_or(default_date)),
            track,
            view: sanitize_view(settings.view),
            theme: settings.theme,
            layers: settings.layers,
            playback,
            greyscale: settings.greyscale,
            compare: settings.compare,
            presenting: false,
            black_screen: false,
            help_open: false,
            goto: None,
            change: None,
            error: None,
            notice: None,
            watch,
            today: None,
            pending_sources: None,
            now_secs: 0.0,
            settings_path: None,
            saved: None,
            export_dialog: None,
            confirm_overwrite: None,
            export_job: None,
            ctx: None,
            data,
        }
    }

    /// Shows a "today" line in the timeline chart.
    #[must_use]
    pub fn with_today(mut self, today: Option<Date>) -> Self {
        self.today = today;
        self
    }

    /// Saves settings to `path` whenever they change (at most once a
    /// second) and on exit.
    #[must_use]
    pub fn with_settings_file(mut self, path: Option<PathBuf>) -> Self {
        self.saved = None;
        self.settings_path = path;
        self
    }

    /// Shows a one-line notice in the top bar (e.g. ignored settings).
    #[must_use]
    pub fn with_notice(mut self, notice: Option<String>) -> Self {
        self.notice = notice;
        self
    }

    /// Saves the settings if they changed since the last save and a
    /// second has passed (or `now` is set, on exit).
    fn autosave(&mut self, now: bool) {
        let Some(path) = self.settings_path.as_deref() else {
            return;
        };
        // Checked before `settings()` is built, so that a frame within the
        // second after a save allocates nothing for it (playback saves at
        // most once a second, and would otherwise build it every frame).
        if let Some((_, at)) = &self.saved
            && !now
            && self.now_secs - at < 1.0
        {
            return;
        }
        let settings = self.settings();
        if self.saved.as_ref().is_none_or(|(last, _)| *last != settings) {
            if let Err(e) = settings.save(path) {
                self.notice = Some(format!("Settings not saved: {e}"));
            }
            self.saved = Some((settings, self.now_secs));
        }
    }

    /// What to persist.
    pub fn settings(&self) -> Settings {
        Settings {
            date: Some(self.date.to_string()),
            track: Some(self.data.scenario.track(self.track).id.clone()),
            view: self.view,
            theme: self.theme,
            layers: self.layers,
            speed_days_per_sec: self.playback.speed_days_per_sec,
            looping: self.playback.looping,
            greyscale: self.greyscale,
            compare: self.compare,
        }
    }

    pub fn date(&self) -> Date {
        self.date
    }

    pub fn track(&self) -> TrackIdx {
        self.track
    }

    pub fn view(&self) -> MapView {
        self.view
    }

    pub fn data(&self) -> &MapData {
        &self.data
    }

    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    pub fn playback(&self) -> &Playback {
        &self.playback
    }

    pub fn layers(&self) -> Layers {
        self.layers
    }

    pub fn is_presenting(&self) -> bool {
        self.presenting
    }

    pub fn is_black_screen(&self) -> bool {
        self.black_screen
    }

    pub fn is_help_open(&self) -> bool {
        self.help_open
    }

    pub fn is_goto_open(&self) -> bool {
        self.goto.is_some()
    }

    pub fn is_comparing(&self) -> bool {
        self.compare
    }

    pub fn is_export_open(&self) -> bool {
        self.export_dialog.is_some()
    }

    /// The open export dialog's choices (tests set them as a user would).
    pub fn export_dialog_mut(&mut self) -> Option<&mut export_ui::ExportDialog> {
        self.export_dialog.as_mut()
    }

    /// The file that waits for "replace?", if any.
    pub fn pending_overwrite(&self) -> Option<&std::path::Path> {
        match &self.confirm_overwrite {
            Some(PendingWrite::Image(p) | PendingWrite::Sequence(p)) => Some(p),
            None => None,
        }
    }

    pub fn is_exporting(&self) -> bool {
        self.export_job.is_some()
    }

    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    pub fn is_greyscale(&self) -> bool {
        self.greyscale
    }

    /// The colour the window is cleared to: the map's sea, which the map
    /// does not paint on screen (in grey for the greyscale preview).
    pub fn sea_color(&self) -> egui::Color32 {
        let sea = MapStyle::for_theme(self.theme).sea;
        if self.greyscale {
            crate::render::greyscale::grey(sea)
        } else {
            sea
        }
    }

    pub fn theme(&self) -> Theme {
        self.theme
    }

    /// "Federal Iraq: Transition under way → Coalition mission over
    /// (Announced plan)" for the last boundary crossed, while its date shows.
    pub fn change_caption(&self) -> Option<String> {
        let fx = self
            .change
            .as_ref()
            .filter(|fx| fx.date == self.date && fx.track == self.track)?;
        let s = &self.data.scenario;
        let parts: Vec<String> = fx
            .changes
            .iter()
            .map(|c| {
                format!(
                    "{}: {} » {}",
                    s.region(c.region).name,
                    s.status(c.from).label,
                    s.status(c.to).label
                )
            })
            .collect();
        Some(format!("{} ({})", parts.join("; "), s.track(fx.track).name))
    }

    /// Replaces the data after a successful load, or keeps the current data
    /// and shows the error.
    pub fn set_data(&mut self, loaded: Result<MapData, crate::load::InputErrors>) {
        match loaded {
            Ok(data) => {
                let track_id = self.data.scenario.track(self.track).id.clone();
                self.track = data.scenario.track_idx(&track_id).unwrap_or(TrackIdx(0));
                self.date = data.scenario.range.clamp(self.date);
                self.watch = FileWatch::new(watched_paths(&data.sources));
                self.data = data;
                self.change = None;
                self.error = None;
            }
            Err(errors) => self.error = Some(errors.to_string()),
        }
    }

    /// Applies one intent. The only place where the date, the track, the
    /// view and the modes change in response to the user.
    pub fn apply(&mut self, command: Command) {
        let range = self.data.scenario.range;
        let date = self.date;
        let months = |n: i32| {
            let m = Months::new(n.unsigned_abs());
            if n >= 0 {
                date.checked_add_months(m)
            } else {
                date.checked_sub_months(m)
            }
        };
        let scenario = &self.data.scenario;
        let new_date = match command {
            Command::SetDate(d) => Some(d),
            Command::StepDays(n) => date.checked_add_signed(chrono::TimeDelta::days(n)),
            Command::StepMonths(n) => months(n),
            Command::StepYears(n) => months(n.saturating_mul(12)),
            Command::NextMilestone => scenario.next_milestone(self.track, date).map(|m| m.date),
            Command::PrevMilestone => scenario.prev_milestone(self.track, date).map(|m| m.date),
            Command::RangeStart => Some(range.start),
            Command::RangeEnd => Some(range.end),
            Command::TogglePlay => self.playback.toggle(date, range),
            other => {
                self.apply_mode(other);
                None
            }
        };
        if let Some(d) = new_date {
            self.move_to(range.clamp(d), false);
        }
    }

    /// Commands that change modes, layers and files rather than the date.
    fn apply_mode(&mut self, command: Command) {
        let tracks = self.data.scenario.tracks.len().max(1);
        match command {
            Command::SetTrack(t) if t.0 < tracks => self.track = t,
            Command::CycleTrack => self.track = TrackIdx((self.track.0 + 1) % tracks),
            Command::ResetView => self.view = MapView::HOME,
            Command::SetTheme(theme) => self.theme = theme,
            Command::ToggleDirection => self.playback.backwards = !self.playback.backwards,
            Command::ToggleLoop => self.playback.looping = !self.playback.looping,
            Command::SetSpeed(days_per_sec) => self.playback.set_speed(days_per_sec),
            Command::TogglePresentation => self.presenting = !self.presenting,
            Command::ToggleBlackScreen => self.black_screen = !self.black_screen,
            Command::Escape => {
                if self.black_screen {
                    self.black_screen = false;
                } else if self.confirm_overwrite.is_some() {
                    self.confirm_overwrite = None;
                } else if self.export_dialog.is_some() {
                    self.export_dialog = None;
                } else if self.goto.is_some() {
                    self.goto = None;
                } else if self.help_open {
                    self.help_open = false;
                } else {
                    self.presenting = false;
                }
            }
            Command::OpenGoTo => {
                self.goto = Some(GoTo {
                    text: self.date.to_string(),
                    error: None,
                });
            }
            Command::ToggleHelp => self.help_open = !self.help_open,
            Command::ToggleCompare => self.compare = !self.compare,
            Command::ToggleGreyscale => self.greyscale = !self.greyscale,
            Command::ToggleLayer(layer) => {
                let l = &mut self.layers;
                let flag = match layer {
                    Layer::Cities => &mut l.cities,
                    Layer::Bases => &mut l.bases,
                    Layer::RegionLabels => &mut l.region_labels,
                    Layer::Legend => &mut l.legend,
                    Layer::Chart => &mut l.chart,
                };
                *flag = !*flag;
            }
            Command::OpenFileDialog(kind) => {
                if let Some(path) = pick_file(kind) {
                    self.apply(Command::LoadFile(kind, path));
                }
            }
            Command::LoadFile(kind, path) => {
                let mut sources = self.data.sources.clone();
                match kind {
                    FileKind::Scenario => sources.scenario = Some(path),
                    FileKind::Regions => sources.regions = Some(path),
                }
                self.load(&sources);
            }
            Command::Reload => {
                let sources = self
                    .pending_sources
                    .clone()
                    .unwrap_or_else(|| self.data.sources.clone());
                self.load(&sources);
            }
            Command::OpenExport => {
                let range = self.data.scenario.range;
                self.export_dialog = Some(export_ui::ExportDialog::new(self.theme, self.compare, range, self.date));
            }
            Command::CloseExport => self.export_dialog = None,
            Command::ExportPick => self.pick_export_target(),
            Command::ExportImageTo { path, force } => self.export_image(path, force),
            Command::ExportSequenceTo { dir, force } => self.export_sequence(dir, force),
            Command::ConfirmOverwrite(replace) => match self.confirm_overwrite.take() {
                Some(PendingWrite::Image(path)) if replace => self.export_image(path, true),
                Some(PendingWrite::Sequence(dir)) if replace => self.export_sequence(dir, true),
                _ => {}
            },
            Command::CancelExport => {
                if let Some(job) = &self.export_job {
                    job.cancel.store(true, std::sync::atomic::Ordering::Relaxed);
                }
            }
            Command::CopyImage => {
                let tracks = self.shown_tracks();
                self.notice = Some(match &self.ctx {
                    Some(ctx) => export_ui::copy_to_clipboard(ctx, &self.data, tracks, self.date, self.theme)
                        .unwrap_or_else(|e| format!("Copy failed: {e}")),
                    None => "Copy failed: no window".to_owned(),
                });
            }
            // Date commands are handled by `apply`; an out-of-range track is ignored.
            _ => {}
        }
    }

    /// The tracks the window shows.
    fn shown_tracks(&self) -> crate::export::Tracks {
        crate::export::Tracks::shown(self.compare, self.track, self.data.scenario.tracks.len())
    }

    /// The native save / folder dialog for the export dialog's choice.
    fn pick_export_target(&mut self) {
        let Some(dialog) = &self.export_dialog else { return };
        let tracks = dialog.tracks(self.track, self.data.scenario.tracks.len());
        match dialog.kind {
            export_ui::ExportKind::Image => {
                let name = crate::export::default_file_name(&self.data, tracks, self.date);
                let picked = rfd::FileDialog::new()
                    .set_title("Export image")
                    .set_file_name(name)
                    .add_filter("PNG image", &["png"])
                    .save_file();
                if let Some(path) = picked {
                    self.export_image(path, false);
                }
            }
            export_ui::ExportKind::Sequence => {
                if let Some(dir) = rfd::FileDialog::new().set_title("Export frames into").pick_folder() {
                    self.export_sequence(dir, false);
                }
            }
        }
    }

    /// Writes the dialog's image (or a slide-sized one without a dialog);
    /// asks first if the file exists and `force` is not set.
    fn export_image(&mut self, path: PathBuf, force: bool) {
        if occupied(&path) && !force {
            self.confirm_overwrite = Some(PendingWrite::Image(path));
            return;
        }
        let (opts, tracks) = match &self.export_dialog {
            Some(d) => (d.options(), d.tracks(self.track, self.data.scenario.tracks.len())),
            None => (
                crate::export::ExportOptions {
                    theme: self.theme,
                    ..Default::default()
                },
                self.shown_tracks(),
            ),
        };
        match export_ui::export_image(&self.data, tracks, self.date, &opts, &path, force) {
            Ok(notice) => {
                self.notice = Some(notice);
                self.export_dialog = None;
            }
            Err(e) => match &mut self.export_dialog {
                Some(dialog) => dialog.error = Some(e),
                None => self.notice = Some(format!("Export failed: {e}")),
            },
        }
    }

    /// Starts the dialog's sequence on a worker thread; asks first if any
    /// frame exists and `force` is not set.
    fn export_sequence(&mut self, dir: PathBuf, force: bool) {
        if self.export_job.is_some() {
            return;
        }
        let Some(dialog) = &mut self.export_dialog else { return };
        let request = match export_ui::sequence_request(dialog, &self.data, self.track, dir.clone(), force) {
            Ok(request) => request,
            Err(e) => {
                dialog.error = Some(e);
                return;
            }
        };
        let frames = request.frame_paths(&self.data);
        let exists = frames.iter().chain(&request.gif).any(|p| occupied(p));
        if exists && !force {
            self.confirm_overwrite = Some(PendingWrite::Sequence(dir));
            return;
        }
        self.export_job = Some(export_ui::start_sequence(&self.data, request));
        self.export_dialog = None;
    }

    /// Collects a finished sequence job's outcome.
    fn poll_export_job(&mut self) {
        if let Some(outcome) = self.export_job.as_mut().and_then(export_ui::ExportJob::finished) {
            self.export_job = None;
            self.notice = Some(outcome.unwrap_or_else(|e| format!("Export stopped: {e}")));
        }
    }

    fn load(&mut self, sources: &Sources) {
        let result = MapData::load(sources);
        if result.is_ok() {
            self.notice = Some(describe_sources(sources));
            self.pending_sources = None;
        } else {
            // Watch the files the user asked for, so that fixing the file
            // reloads it even though it never loaded.
            self.watch = FileWatch::new(watched_paths(sources).chain(watched_paths(&self.data.sources)));
            self.pending_sources = Some(sources.clone());
        }
        self.set_data(result);
    }

    /// Moves to `date`, noting which regions change status on the way.
    fn move_to(&mut self, date: Date, playing: bool) {
        if date == self.date {
            return;
        }
        let changes = self.data.scenario.changes_between(self.track, self.date, date);
        if !changes.is_empty() {
            self.change = Some(ChangeFx {
                started_secs: self.now_secs,
                date,
                track: self.track,
                changes,
                fade: playing,
            });
        }
        self.date = date;
    }

    /// The per-frame effects on the map for `track`: pulse and cross-fade
    /// of the last change, dashed outlines where the tracks disagree.
    fn effects_for(&self, track: TrackIdx, other: Option<TrackIdx>) -> MapEffects {
        let s = &self.data.scenario;
        let mut effects = MapEffects::default();
        if let Some(fx) = self.change.as_ref().filter(|fx| fx.track == track) {
            let age = self.now_secs - fx.started_secs;
            if (0.0..PULSE_SECS).contains(&age) {
                // Two soft beats fading out.
                #[expect(clippy::cast_possible_truncation, reason = "0..1")]
                let strength =
                    ((1.0 - age / PULSE_SECS) * (0.65 + 0.35 * (age * std::f64::consts::TAU * 1.2).cos())) as f32;
                effects.pulse = fx.changes.iter().map(|c| (c.region, strength)).collect();
            }
            if fx.fade && self.playback.playing && (0.0..FADE_SECS).contains(&age) {
                #[expect(clippy::cast_possible_truncation, reason = "0..1")]
                let t = (age / FADE_SECS) as f32;
                let mut fills = crate::render::status_fills(s, track, self.date);
                for c in &fx.changes {
                    let from = color32(s.status(c.from).color);
                    let to = color32(s.status(c.to).color);
                    if let Some(fill) = fills.get_mut(c.region.0) {
                        *fill = from.lerp_to_gamma(to, t);
                    }
                }
                effects.region_fills = Some(fills);
            }
        }
        if track == self.track {
            effects.caption = self.change_caption();
        }
        if let Some(other) = other {
            effects.disagree = s.regions_differing(track, other, self.date);
        }
        effects
    }

    /// Whether something on screen is moving and needs the next frame.
    fn is_animating(&self) -> bool {
        self.playback.playing
            || self.export_job.is_some()
            || self
                .change
                .as_ref()
                .is_some_and(|fx| self.now_secs - fx.started_secs < PULSE_SECS)
    }

    /// The whole window's UI. Called by eframe, and by the UI tests.
    pub fn show(&mut self, ui: &mut Ui) {
        self.now_secs = ui.input(|i| i.time);
        self.ctx = Some(ui.ctx().clone());
        self.poll_export_job();
        let mut commands = keys::global_key_commands(ui);
        commands.extend(dropped_files(ui));
        if self.watch.poll(self.now_secs) {
            commands.push(Command::Reload);
        }
        let dt = f64::from(ui.input(|i| i.stable_dt));
        if let Some(next) = self.playback.advance(dt, self.date, self.data.scenario.range) {
            self.move_to(next, true);
        }

        commands.extend(self.chrome_ui(ui));

        let was_presenting = self.presenting;
        for command in commands {
            self.apply(command);
        }
        if self.presenting != was_presenting {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Fullscreen(self.presenting));
        }
        self.autosave(false);
        if self.is_animating() {
            ui.ctx().request_repaint();
        } else if !self.watch.is_empty() {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs_f64(watch::POLL_SECS));
        }
    }
}

/// Drops a view restored from a hand-edited or stale settings file if it
/// holds nonsense.
fn sanitize_view(view: MapView) -> MapView {
    let finite = view.zoom.is_finite() && view.centre.is_none_or(|[x, y]| x.is_finite() && y.is_finite());
    if finite {
        MapView {
            zoom: view
                .zoom
                .clamp(crate::render::view::MIN_ZOOM, crate::render::view::MAX_ZOOM),
            ..view
        }
    } else {
        MapView::HOME
    }
}

fn watched_paths(sources: &Sources) -> impl Iterator<Item = PathBuf> + use<> {
    sources.scenario.clone().into_iter().chain(sources.regions.clone())
}

fn describe_sources(sources: &Sources) -> String {
    let [scenario, regions] = sources.names(["the embedded scenario", "the embedded regions"]);
    format!("Loaded {scenario} and {regions}")
}

/// Files dropped on the window: `.toml` is a scenario, `.geojson`/`.json`
/// a regions file.
fn dropped_files(ui: &Ui) -> Vec<Command> {
    ui.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .filter_map(|path| {
                let ext = path.extension()?.to_str()?.to_ascii_lowercase();
                let kind = match ext.as_str() {
                    "toml" => FileKind::Scenario,
                    "geojson" | "json" => FileKind::Regions,
                    _ => return None,
                };
                Some(Command::LoadFile(kind, path))
            })
            .collect()
    })
}

/// The native file dialog (needs a desktop portal at run time; never called
/// by tests, which send `LoadFile` instead).
fn pick_file(kind: FileKind) -> Option<PathBuf> {
    let dialog = rfd::FileDialog::new();
    let dialog = match kind {
        FileKind::Scenario => dialog
            .set_title("Open a scenario")
            .add_filter("Scenario (TOML)", &["toml"]),
        FileKind::Regions => dialog
            .set_title("Open regions")
            .add_filter("Regions (GeoJSON)", &["geojson", "json"]),
    };
    dialog.pick_file()
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
