//! `drawdown`: parse the command line, then run a command or open the GUI.

use std::process::ExitCode;

use drawdown::{Cli, CliError, init_logging, native_start, print_stdout, run_cli, run_native};

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging();
    let outcome = match &cli.command {
        Some(command) => run_cli(command, &cli.inputs).and_then(|out| print_stdout(&out)),
        None => native_start(&cli).and_then(|start| run_native(start).map_err(CliError::from)),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => error.report(),
    }
}
