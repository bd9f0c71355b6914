//! What the test modules share: dates from text, the embedded inputs loaded
//! once, the binary run as a process (and what it printed and left), and the
//! app in a headless window at a date and track.

use std::path::Path;
use std::process::{Command, Output};
use std::sync::OnceLock;

use drawdown::app::{DrawdownApp, StartOptions};
use drawdown::inputs::LoadedInputs;
use drawdown::model::{Date, TrackIdx};
use egui_kittest::Harness;

/// A date written `YYYY-MM-DD`.
pub fn date(s: &str) -> Date {
    s.parse().unwrap_or_else(|e| panic!("{s:?} is not a date: {e}"))
}

/// The embedded inputs, loaded once for the whole test binary.
pub fn data() -> &'static LoadedInputs {
    static DATA: OnceLock<LoadedInputs> = OnceLock::new();
    DATA.get_or_init(|| LoadedInputs::embedded().unwrap_or_else(|e| panic!("embedded data does not load:\n{e}")))
}

/// Runs the `drawdown` binary from the crate's root with `args`.
pub fn drawdown(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_drawdown"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .env("RUST_BACKTRACE", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run drawdown: {e}"))
}

/// A path as an argument (the tests' paths are UTF-8).
pub fn path(p: &Path) -> &str {
    p.to_str().unwrap_or_else(|| panic!("not UTF-8: {}", p.display()))
}

/// What a run printed on stderr.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every name in `dir`, sorted (hidden ones too: a stray temporary file
/// shows).
pub fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.map_or_else(|e| panic!("{e}"), |e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    names.sort();
    names
}

/// The app on the embedded data at `start` on track `track`.
pub fn app_at(start: &str, track: usize) -> DrawdownApp {
    DrawdownApp::new(
        data().clone(),
        StartOptions {
            date: Some(date(start)),
            track: Some(TrackIdx(track)),
        },
    )
}

/// `app` in a 1500×950 headless window, after its first frames.
pub fn harness_with(app: DrawdownApp) -> Harness<'static, DrawdownApp> {
    let mut harness = Harness::builder()
        .with_size([1500.0, 950.0])
        // A status change pulses for 1.6 s before the UI settles.
        .with_max_steps(240)
        .build_ui_state(|ui, app: &mut DrawdownApp| app.show(ui), app);
    harness.run_steps(2);
    harness
}

pub fn harness(start: &str, track: usize) -> Harness<'static, DrawdownApp> {
    harness_with(app_at(start, track))
}
