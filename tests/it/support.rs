//! What the test modules share: dates from text, the embedded inputs loaded
//! once, the binary run as a process (and what it printed and left), the
//! app in a headless window at a date and track, and files loaded into it
//! through its own commands.

use std::path::Path;
use std::process::{Command, Output};
use std::sync::OnceLock;

use drawdown::{Date, DrawdownApp, Effect, FileKind, LoadCommand, LoadedInputs, StartOptions, TrackIdx};
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

/// Loads `path` as the `kind` input through the app's own command (what a
/// file dropped on the window does) and waits for the worker; returns what
/// the load asks of the window.
pub fn load_file(app: &mut DrawdownApp, kind: FileKind, path: &Path) -> Vec<Effect> {
    let asked = app.apply(LoadCommand::File(kind, path.to_owned()).into());
    assert_eq!(asked, vec![], "a load asks nothing of the window until it ends");
    app.wait_for_load()
}

/// `broken.toml` in `dir`: a scenario whose title is a number, so that its
/// load fails at line 1.
pub fn broken_scenario(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("broken.toml");
    std::fs::write(&path, "title = 3").unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    path
}
