//! Opening the window: eframe's options, the saved settings, the playback
//! benchmark, the crash safety net and the "today" line's date. What the
//! binary calls when no subcommand is given.

use std::path::PathBuf;

use super::bench::{FirstFrameBench, PlaybackBench};
use super::{DrawdownApp, Settings, StartOptions};
use crate::inputs::{LoadedInputs, Sources};
use crate::load::InputErrors;
use crate::model::{Date, local_date};

/// The window's size when it opens, points.
const WINDOW_SIZE: [f32; 2] = [1600.0, 960.0];

/// The smallest size the window may be made, points.
const MIN_WINDOW_SIZE: [f32; 2] = [640.0, 420.0];

/// What the window opens on: the inputs, already loaded and checked.
pub struct NativeStart {
    pub data: LoadedInputs,
    /// The files asked for that did not load: the window opens on the
    /// embedded data (`data`) with these errors in its banner.
    pub load_error: Option<LaunchFailure>,
    pub start: StartOptions,
    /// A story file to open (`drawdown brief.toml`): its first stop shows.
    pub story: Option<PathBuf>,
    /// Run a benchmark instead of the briefer's app.
    pub bench: Option<BenchRun>,
}

/// Files named on the command line that did not load.
#[derive(Debug)]
pub struct LaunchFailure {
    pub errors: InputErrors,
    /// The files asked for: watched, so that fixing one loads it.
    pub sources: Sources,
}

/// `--bench-playback FILE` or `--bench-first-frame FILE`, with
/// `--bench-size WxH`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BenchRun {
    pub kind: BenchKind,
    /// Where the result goes: the frame log (CSV), or the first frame's
    /// time.
    pub log: PathBuf,
    pub window_size_px: [u32; 2],
}

/// Which benchmark runs in the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BenchKind {
    /// Plays for a few seconds and logs every frame.
    Playback,
    /// Writes when the first frame has been shown, then quits.
    FirstFrame,
}

/// Opens the window and runs the app until it is closed.
pub fn run_native(start: NativeStart) -> Result<(), eframe::Error> {
    crate::logging::install_panic_hook();
    let NativeStart {
        data,
        load_error,
        start,
        story,
        bench,
    } = start;
    #[expect(clippy::cast_precision_loss, reason = "at most 16384")]
    let size = bench
        .as_ref()
        .map_or(WINDOW_SIZE, |b| b.window_size_px.map(|side| side as f32));
    let viewport = egui::ViewportBuilder::default()
        .with_title(super::window_title(&data))
        .with_inner_size(size)
        .with_min_inner_size(MIN_WINDOW_SIZE)
        .with_icon(std::sync::Arc::new(crate::icon::window_icon()))
        // The desktop entry's name, so that docks group the window with it.
        .with_app_id("drawdown");
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    let today = today_local();
    eframe::run_native(
        "drawdown",
        options,
        Box::new(move |_cc| -> Result<Box<dyn eframe::App>, _> {
            if let Some(run) = bench {
                // The benchmark runs on default settings and saves none.
                let app = DrawdownApp::with_settings(data, start, Settings::default()).with_today(Some(today));
                return Ok(match run.kind {
                    BenchKind::Playback => Box::new(PlaybackBench::new(app, run.log)),
                    BenchKind::FirstFrame => Box::new(FirstFrameBench::new(app, run.log)),
                });
            }
            let path = Settings::default_path();
            let (settings, notice) = path.as_deref().map(Settings::load).unwrap_or_default();
            // A FIFO or a device in the settings' place is never replaced.
            let save_to = path.filter(|p| Settings::can_save_to(p));
            let app = DrawdownApp::with_settings(data, start, settings)
                .with_today(Some(today))
                .with_settings_file(save_to)
                .with_notice(notice)
                .with_load_error(load_error)
                .with_story(story);
            Ok(Box::new(app))
        }),
    )
}

/// Today on the user's clock, for the timeline's "today" line.
pub fn today_local() -> Date {
    let now = chrono::Local::now();
    local_date(now.to_utc(), now.fixed_offset().timezone())
}
