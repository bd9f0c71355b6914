//! `drawdown scenario init FILE`: the embedded scenario written out, so
//! that a briefer who has only the binary has a file to record reports
//! into and edit.

use std::path::{Path, PathBuf};

use clap::Subcommand;

use super::CliError;
use crate::atomic_write::{WriteError, write_file};
use crate::load::scenario::DEFAULT_SCENARIO_TOML;
use crate::model::printable::shown_path;

/// `drawdown scenario …`.
#[derive(Debug, clap::Args)]
pub struct ScenarioArgs {
    #[command(subcommand)]
    pub command: ScenarioCommand,
}

#[derive(Debug, Subcommand)]
pub enum ScenarioCommand {
    /// Write the embedded scenario to FILE, to edit it or record reports
    /// into it (`drawdown record --scenario FILE …`).
    #[command(after_help = "Example:\n  \
        mkdir -p ~/.config/drawdown && drawdown scenario init ~/.config/drawdown/scenario.toml")]
    Init {
        /// Where to write it.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Replace an existing file.
        #[arg(long)]
        force: bool,
    },
}

/// Runs `drawdown scenario …`; returns what to print on stdout.
pub fn run_scenario(args: &ScenarioArgs) -> Result<String, CliError> {
    match &args.command {
        ScenarioCommand::Init { file, force } => init(file, *force),
    }
}

fn init(file: &Path, force: bool) -> Result<String, CliError> {
    write_file(file, DEFAULT_SCENARIO_TOML.as_bytes(), force).map_err(|error| match &error {
        WriteError::Exists { path } => CliError::Invalid(format!(
            "will not overwrite an existing file (use --force to replace it): {}",
            shown_path(&path)
        )),
        _ if error.is_bad_path() => CliError::Invalid(error.to_string()),
        _ => CliError::Other(error.to_string()),
    })?;
    Ok(format!(
        "wrote the embedded scenario to {}; record reports into it with `drawdown record --scenario {} …`\n",
        shown_path(&file),
        shown_path(&file)
    ))
}
