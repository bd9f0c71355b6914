//! `drawdown --bench-playback FILE [--bench-size WxH]`: the playback
//! benchmark in the real window (see `benches/playback.sh`); and
//! `--bench-first-frame FILE`: when the first frame was shown
//! (`benches/targets.sh`).
//!
//! Wraps the app: starts playing at one year a second, looping, so that
//! every status boundary is crossed (cross-fades, pulses, captions) several
//! times; records each frame's CPU time as eframe measures it (the app's
//! update, tessellation and paint submission) and the interval since the
//! previous frame. The first half runs in the window as it opens, the second
//! in presentation mode (F5), what a briefer plays in front of an audience.
//! After [`BENCH_SECS`] writes the log as CSV and closes the window.
//! Nothing else changes: the app is the one a briefer runs.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::Ui;

use super::DrawdownApp;
use crate::atomic_write::write_file;
use crate::ui::Command;
use crate::ui::command::{OverlayCommand, TimeCommand};

/// How long the benchmark plays.
pub const BENCH_SECS: f64 = 12.0;

/// Playback speed during the benchmark, days a second.
const BENCH_DAYS_PER_SEC: f64 = 365.0;

/// One frame's times.
struct Sample {
    /// Since the benchmark started.
    t_secs: f64,
    /// Since the previous frame started: what the audience sees.
    interval_ms: f64,
    /// eframe's CPU time of the previous frame: the app, tessellation and
    /// the GL calls (not the wait for the buffer swap).
    prev_cpu_ms: Option<f32>,
    /// The app's own share of this frame: state, layout and painting
    /// commands.
    app_ms: f64,
    presenting: bool,
}

/// The app, playing, with a frame log.
pub struct PlaybackBench {
    app: DrawdownApp,
    path: PathBuf,
    duration: Duration,
    started: Option<Instant>,
    last_frame: Option<Instant>,
    samples: Vec<Sample>,
    written: bool,
}

impl PlaybackBench {
    pub fn new(mut app: DrawdownApp, path: PathBuf) -> Self {
        let start = app.data().scenario.range.start;
        for command in [
            Command::from(TimeCommand::SetDate(start)),
            Command::from(TimeCommand::SetSpeed(BENCH_DAYS_PER_SEC)),
            Command::from(TimeCommand::ToggleLoop),
            Command::from(TimeCommand::TogglePlay),
        ] {
            // None of these asks anything of the window.
            let _ = app.apply(command);
        }
        Self {
            app,
            path,
            duration: Duration::from_secs_f64(BENCH_SECS),
            started: None,
            last_frame: None,
            samples: Vec::new(),
            written: false,
        }
    }

    /// The log as CSV: one row per frame.
    fn csv(&self) -> String {
        let mut out = String::from("t_secs,interval_ms,prev_cpu_ms,app_ms,mode\n");
        for sample in &self.samples {
            let cpu = sample.prev_cpu_ms.map(|c| format!("{c:.3}")).unwrap_or_default();
            let _ = writeln!(
                out,
                "{:.4},{:.3},{cpu},{:.3},{}",
                sample.t_secs,
                sample.interval_ms,
                sample.app_ms,
                if sample.presenting { "presenting" } else { "window" }
            );
        }
        out
    }
}

impl eframe::App for PlaybackBench {
    fn ui(&mut self, ui: &mut Ui, frame: &mut eframe::Frame) {
        let now = Instant::now();
        let started = *self.started.get_or_insert(now);
        if !self.app.is_presenting() && now.duration_since(started) >= self.duration / 2 {
            self.app
                .run(ui.ctx(), [Command::from(OverlayCommand::TogglePresentation)]);
        }
        self.app.show(ui);
        if let Some(last) = self.last_frame {
            self.samples.push(Sample {
                t_secs: now.duration_since(started).as_secs_f64(),
                interval_ms: now.duration_since(last).as_secs_f64() * 1000.0,
                prev_cpu_ms: frame.info().cpu_usage.map(|secs| secs * 1000.0),
                app_ms: now.elapsed().as_secs_f64() * 1000.0,
                presenting: self.app.is_presenting(),
            });
        }
        self.last_frame = Some(now);
        if now.duration_since(started) >= self.duration && !self.written {
            self.written = true;
            if let Err(error) = write_file(&self.path, self.csv().as_bytes(), true) {
                eprintln!("drawdown: error: {error}");
            }
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        self.app.clear_color(visuals)
    }

    fn on_exit(&mut self, gl: Option<&eframe::glow::Context>) {
        self.app.on_exit(gl);
    }
}

/// The app until its first frame has been shown: then the time goes to a
/// file and the window closes. The second call to `ui` comes after eframe
/// painted and swapped the first frame, so its clock reading is when the
/// briefer first saw the map.
pub struct FirstFrameBench {
    app: DrawdownApp,
    path: PathBuf,
    frames: u32,
}

impl FirstFrameBench {
    pub fn new(app: DrawdownApp, path: PathBuf) -> Self {
        Self { app, path, frames: 0 }
    }
}

impl eframe::App for FirstFrameBench {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.frames += 1;
        if self.frames == 2 {
            let shown_ms = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0.0, |d| d.as_secs_f64() * 1000.0);
            if let Err(error) = write_file(&self.path, format!("{shown_ms:.3}\n").as_bytes(), true) {
                eprintln!("drawdown: error: {error}");
            }
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
        self.app.show(ui);
        // A second frame comes without input.
        ui.ctx().request_repaint();
    }

    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        self.app.clear_color(visuals)
    }

    fn on_exit(&mut self, gl: Option<&eframe::glow::Context>) {
        self.app.on_exit(gl);
    }
}
