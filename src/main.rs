//! `drawdown`: parse the command line, then open the GUI or run a command.

use std::process::ExitCode;

use clap::Parser as _;
use drawdown::app::bench::PlaybackBench;
use drawdown::app::{DrawdownApp, Settings, StartOptions};
use drawdown::cli::{Cli, CliError, check_in_range, run_command, start_track};
use drawdown::data::MapData;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(command) = &cli.command {
        return match run_command(command, &cli.inputs) {
            Ok(out) => {
                print!("{out}");
                ExitCode::SUCCESS
            }
            Err(error) => fail(&error),
        };
    }
    match run_gui(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => fail(&error),
    }
}

/// Today's date (UTC) for the timeline's "today" line.
fn today() -> Option<drawdown::model::Date> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    let epoch = drawdown::model::Date::from_ymd_opt(1970, 1, 1)?;
    epoch.checked_add_days(chrono::Days::new(secs / 86_400))
}

fn fail(error: &CliError) -> ExitCode {
    eprintln!("drawdown: error: {error}");
    error.exit_code()
}

fn run_gui(cli: &Cli) -> Result<(), CliError> {
    let data = MapData::load(&cli.inputs.sources())?;
    let track = start_track(&data.scenario, cli.track)?;
    if let Some(date) = cli.date {
        check_in_range(&data.scenario, date)?;
    }
    let start = StartOptions { date: cli.date, track };
    let bench = cli.bench_playback.clone();
    #[expect(clippy::cast_precision_loss, reason = "at most 16384")]
    let size = match bench {
        Some(_) => [cli.bench_size.width as f32, cli.bench_size.height as f32],
        None => [1600.0, 960.0],
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("drawdown — coalition drawdown from Iraq")
            .with_inner_size(size)
            .with_min_inner_size([640.0, 420.0]),
        ..Default::default()
    };
    eframe::run_native(
        "drawdown",
        options,
        Box::new(move |_cc| -> Result<Box<dyn eframe::App>, _> {
            if let Some(log) = bench {
                // The benchmark runs on default settings and saves none.
                let app = DrawdownApp::with_settings(data, start, Settings::default()).with_today(today());
                return Ok(Box::new(PlaybackBench::new(app, log)));
            }
            let path = Settings::default_path();
            let (settings, notice) = path.as_deref().map(Settings::load).unwrap_or_default();
            let app = DrawdownApp::with_settings(data, start, settings)
                .with_today(today())
                .with_settings_file(path)
                .with_notice(notice);
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| CliError::Other(format!("cannot open the window: {e}")))
}
