//! `drawdown`: parse the command line, then run a command or open the GUI.

use std::process::ExitCode;

use drawdown::app::native::run_native;
use drawdown::cli::{self, Cli, CliError};

fn main() -> ExitCode {
    let cli = Cli::parse();
    drawdown::logging::init();
    let outcome = match &cli.command {
        Some(command) => cli::run(command, &cli.inputs).and_then(|out| cli::print_stdout(&out)),
        None => cli::native_start(&cli).and_then(|start| run_native(start).map_err(CliError::from)),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => error.report(),
    }
}
