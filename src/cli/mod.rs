//! The command line: its grammar ([`args`]), its errors and exit codes
//! ([`error`]) and one module per command. The only user of clap and
//! indicatif; `main.rs` opens the GUI when no subcommand is given.

pub mod args;
mod check;
mod completions;
pub mod error;
mod export;
pub mod interrupt;
mod man;
mod record;
mod scenario_init;
pub mod status;
mod story;

use std::io::Write as _;

pub use self::args::{Cli, CliCommand, ExportArgs, InputArgs, TrackArg, date_or_today, resolve_track, start_track};
pub use self::error::CliError;
use crate::app::StartOptions;
use crate::app::native::{BenchKind, BenchRun, LaunchFailure, NativeStart};
use crate::inputs::{FileKind, LoadedInputs};
use crate::load::InputErrors;
use crate::load::scenario::{default_scenario, load_scenario_file};
use crate::model::printable::shown_path;
use crate::model::{Date, Scenario};

/// Runs a headless command; returns what to print on stdout.
pub fn run(command: &CliCommand, inputs: &InputArgs) -> Result<String, CliError> {
    match command {
        CliCommand::Status { date, track, json } => status::run_status(inputs, *date, track.as_ref(), *json),
        CliCommand::Check => check::run_check(inputs),
        CliCommand::Export(args) => export::run_export(args, inputs),
        CliCommand::Completions { shell } => Ok(completions::completions(*shell)),
        CliCommand::Man => man::man_page(),
        CliCommand::Story(args) => story::run_story(args, inputs),
        CliCommand::Record(args) => record::run_record(args, inputs),
        CliCommand::Scenario(args) => scenario_init::run_scenario(args),
    }
}

/// Writes a command's output to stdout. A reader that stops early
/// (`drawdown man | head`) is not an error.
pub fn print_stdout(text: &str) -> Result<(), CliError> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(CliError::Other(format!("cannot write the output: {e}")))
        }
        _ => Ok(()),
    }
}

/// What the window opens on: the inputs loaded and the flags checked, so
/// that a bad flag fails here, on the terminal, before any window. A file
/// that does not load opens the window all the same, on the embedded data
/// with the errors in its banner: opened from the desktop, there is no
/// terminal to read a message on.
pub fn native_start(cli: &Cli) -> Result<NativeStart, CliError> {
    let mut sources = cli.inputs.sources();
    // A story names its scenario itself: the window loads it on opening
    // the story.
    let story = cli.file.clone().filter(|file| crate::app::is_story_file(file));
    if let Some(file) = cli.file.as_ref().filter(|_| story.is_none()) {
        let kind = FileKind::of_path(file).ok_or_else(|| {
            CliError::Invalid(format!(
                "{}: cannot tell what the file is: expected a scenario (.toml) or regions (.geojson, .json)",
                shown_path(&file)
            ))
        })?;
        sources = sources.with_file(kind, file.clone());
    }
    let (data, load_error) = match LoadedInputs::load(&sources) {
        Ok(data) => (data, None),
        Err(errors) => match LoadedInputs::embedded() {
            Ok(embedded) => (embedded, Some(LaunchFailure { errors, sources })),
            Err(_) => return Err(errors.into()),
        },
    };
    let track = match &load_error {
        // The flags were meant for the file that failed: the embedded data
        // may lack the track, and the app clamps the date to its range.
        Some(_) => start_track(&data.scenario, cli.track.as_ref()).unwrap_or_default(),
        None => {
            if let Some(date) = cli.date {
                check_in_range(&data.scenario, date)?;
            }
            start_track(&data.scenario, cli.track.as_ref())?
        }
    };
    if let Some(failure) = &load_error {
        log::error!("{}", failure.errors);
    }
    Ok(NativeStart {
        data,
        load_error,
        start: StartOptions { date: cli.date, track },
        story,
        bench: cli
            .bench_playback
            .clone()
            .map(|log| (BenchKind::Playback, log))
            .or_else(|| cli.bench_first_frame.clone().map(|log| (BenchKind::FirstFrame, log)))
            .map(|(kind, log)| BenchRun {
                kind,
                log,
                window_size_px: cli.bench_size.into(),
            }),
    })
}

/// The scenario; with `--regions`, the regions are loaded and checked
/// too, so that a bad file the user named is never silently ignored.
fn load_scenario(inputs: &InputArgs) -> Result<Scenario, InputErrors> {
    if inputs.regions.is_some() {
        return LoadedInputs::load(&inputs.sources()).map(|data| data.scenario);
    }
    match &inputs.scenario {
        Some(path) => load_scenario_file(path),
        None => default_scenario(),
    }
}

pub fn check_in_range(scenario: &Scenario, date: Date) -> Result<(), CliError> {
    let range = scenario.range;
    if range.contains(date) {
        Ok(())
    } else {
        Err(CliError::Invalid(format!(
            "date {date} is outside the scenario's range {}..{}",
            range.start, range.end
        )))
    }
}
