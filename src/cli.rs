//! Command line: clap structs and the headless commands. No egui here;
//! `main.rs` opens the GUI when no subcommand is given.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::data::{MapData, Sources};
use crate::load::InputErrors;
use crate::load::geojson::DEFAULT_REGIONS_NAME;
use crate::load::scenario::{DEFAULT_SCENARIO_NAME, default_scenario, load_scenario_file};
use crate::model::{Date, RegionIdx, Scenario, TrackIdx};

#[derive(Debug, Parser)]
#[command(
    name = "drawdown",
    version,
    about = "Map of the coalition drawdown from Iraq, phase by phase"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<CliCommand>,
    #[command(flatten)]
    pub inputs: InputArgs,
    /// Open the map on this date (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date, global = false)]
    pub date: Option<Date>,
    /// Open the map on this track.
    #[arg(long, value_enum)]
    pub track: Option<TrackArg>,
    /// Benchmark: play for a few seconds at 1920×1080, write each frame's
    /// times to FILE (CSV) and quit (benches/playback.sh).
    #[arg(long, value_name = "FILE", hide = true)]
    pub bench_playback: Option<std::path::PathBuf>,
    /// The window's size for --bench-playback.
    #[arg(
        long,
        value_name = "WxH",
        default_value = "1920x1080",
        hide = true,
        requires = "bench_playback"
    )]
    pub bench_size: crate::export::ImageSize,
}

/// Input files; the embedded defaults when absent.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct InputArgs {
    /// Scenario file (TOML) instead of the embedded one.
    #[arg(long, value_name = "FILE", global = true)]
    pub scenario: Option<PathBuf>,
    /// Regions file (GeoJSON) instead of the embedded one.
    #[arg(long, value_name = "FILE", global = true)]
    pub regions: Option<PathBuf>,
}

impl InputArgs {
    pub fn sources(&self) -> Sources {
        Sources {
            scenario: self.scenario.clone(),
            regions: self.regions.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TrackArg {
    Announced,
    Reported,
}

impl TrackArg {
    pub fn id(self) -> &'static str {
        match self {
            Self::Announced => "announced",
            Self::Reported => "reported",
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Print each region's status on a date.
    Status {
        /// The date (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        date: Date,
        #[arg(long, value_enum, default_value = "announced")]
        track: TrackArg,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// Validate the inputs and print what they contain.
    Check,
    /// Render the map to PNG (one date, or a sequence and GIF) without a window.
    Export(ExportArgs),
}

/// `drawdown export`: one image (`--date`, `--out`) or a sequence
/// (`--out-dir` with `--step` or `--milestones`).
#[derive(Debug, Clone, clap::Args)]
#[command(after_help = "Examples:\n  \
    drawdown export --date 2025-10-01 --out map.png --size 1920x1080\n  \
    drawdown export --date 2025-12-01 --compare --out compare.png --theme projector\n  \
    drawdown export --from 2024-09-01 --to 2026-12-31 --step 1w --out-dir frames/ --gif anim.gif")]
pub struct ExportArgs {
    /// The date of a single image (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date, conflicts_with_all = ["from", "to", "step", "milestones", "out_dir", "gif"])]
    pub date: Option<Date>,
    /// The track to show.
    #[arg(long, value_enum, default_value = "announced")]
    pub track: TrackArg,
    /// Output file of a single image (PNG).
    #[arg(long, value_name = "FILE", conflicts_with = "out_dir")]
    pub out: Option<PathBuf>,
    /// Layout size WIDTHxHEIGHT; the image is this times --scale pixels.
    #[arg(long, value_name = "WxH", default_value = "1920x1080")]
    pub size: crate::export::ImageSize,
    /// Pixels per point: 2 doubles the pixels with crisp text.
    #[arg(long, default_value_t = 1.0)]
    pub scale: f32,
    /// Colour theme; projector is high-contrast with larger text.
    #[arg(long, default_value = "light", value_parser = crate::export::command::theme_parser())]
    pub theme: crate::render::Theme,
    /// Leave the legend out.
    #[arg(long)]
    pub no_legend: bool,
    /// Transparent background instead of the sea colour.
    #[arg(long)]
    pub transparent: bool,
    /// Replace existing files.
    #[arg(long)]
    pub force: bool,
    /// Announced | reported side by side in one image.
    #[arg(long)]
    pub compare: bool,
    /// First date of a sequence (default: the scenario's start).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: Option<Date>,
    /// Last date of a sequence, inclusive (default: the scenario's end).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub to: Option<Date>,
    /// Distance between frames: 1d, 1w, 2w, 1m, Nd, Nw, Nm.
    #[arg(long, conflicts_with = "milestones")]
    pub step: Option<crate::export::Step>,
    /// One frame per milestone of the track instead of a fixed step.
    #[arg(long)]
    pub milestones: bool,
    /// Directory of a sequence's PNGs (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Also write the sequence as an animated GIF.
    #[arg(long, value_name = "FILE", requires = "out_dir")]
    pub gif: Option<PathBuf>,
    /// GIF frames per second [default: 8].
    #[arg(long, requires = "gif")]
    pub fps: Option<u16>,
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|e| format!("\"{text}\" is not a date: expected YYYY-MM-DD, a day that exists ({e})"))
}

/// A failed command: bad input (exit 2) or anything else (exit 1).
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}")]
    Input(#[from] InputErrors),
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    Other(String),
}

impl CliError {
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Self::Input(_) | Self::Invalid(_) => ExitCode::from(2),
            Self::Other(_) => ExitCode::from(1),
        }
    }
}

/// Runs a headless command; returns what to print on stdout.
pub fn run_command(command: &CliCommand, inputs: &InputArgs) -> Result<String, CliError> {
    match command {
        CliCommand::Status { date, track, json } => {
            let scenario = load_scenario(inputs)?;
            let track = resolve_track(&scenario, *track)?;
            check_in_range(&scenario, *date)?;
            let report = status_report(&scenario, track, *date);
            if *json {
                serde_json::to_string(&report)
                    .map(|json| json + "\n")
                    .map_err(|e| CliError::Other(e.to_string()))
            } else {
                Ok(report.to_text(&scenario))
            }
        }
        CliCommand::Check => {
            let data = MapData::load(&inputs.sources())?;
            Ok(check_summary(&data))
        }
        CliCommand::Export(args) => crate::export::command::run_export(args, inputs),
    }
}

/// The scenario; with `--regions`, the regions are loaded and checked
/// too, so that a bad file the user named is never silently ignored.
fn load_scenario(inputs: &InputArgs) -> Result<Scenario, InputErrors> {
    if inputs.regions.is_some() {
        return MapData::load(&inputs.sources()).map(|data| data.scenario);
    }
    match &inputs.scenario {
        Some(path) => load_scenario_file(path),
        None => default_scenario(),
    }
}

pub fn resolve_track(scenario: &Scenario, track: TrackArg) -> Result<TrackIdx, CliError> {
    scenario.track_idx(track.id()).ok_or_else(|| {
        let known: Vec<&str> = scenario.tracks.iter().map(|t| t.id.as_str()).collect();
        CliError::Invalid(format!(
            "the scenario has no track \"{}\"; it has {known:?}",
            track.id()
        ))
    })
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

/// `drawdown status --json`: field order is part of the format.
#[derive(Debug, serde::Serialize)]
pub struct StatusReport {
    pub date: String,
    pub track: String,
    pub regions: Vec<RegionStatus>,
}

#[derive(Debug, serde::Serialize)]
pub struct RegionStatus {
    pub id: String,
    pub status: String,
    pub label: String,
    pub color: String,
    pub from: String,
    pub to: Option<String>,
    pub source: String,
}

pub fn status_report(scenario: &Scenario, track: TrackIdx, date: Date) -> StatusReport {
    let regions = scenario
        .regions
        .iter()
        .enumerate()
        .filter_map(|(r, region)| {
            let period = scenario.period_on(track, RegionIdx(r), date)?;
            let status = scenario.status(period.status);
            Some(RegionStatus {
                id: region.id.clone(),
                status: status.id.clone(),
                label: status.label.clone(),
                color: status.color.hex(),
                from: period.from.to_string(),
                to: period.to.map(|d| d.to_string()),
                source: period.source.clone(),
            })
        })
        .collect();
    StatusReport {
        date: date.to_string(),
        track: scenario.track(track).id.clone(),
        regions,
    }
}

impl StatusReport {
    fn to_text(&self, scenario: &Scenario) -> String {
        let track_name = scenario
            .track_idx(&self.track)
            .map_or(self.track.as_str(), |t| scenario.track(t).name.as_str());
        let mut out = format!("{} · {track_name}\n", self.date);
        for region in &self.regions {
            let name = scenario
                .region_idx(&region.id)
                .map_or(region.id.as_str(), |r| scenario.region(r).name.as_str());
            let to = region.to.as_deref().unwrap_or("open-ended");
            out += &format!(
                "{name:<18} {:<28} {} – {to}   source: {}\n",
                region.label, region.from, region.source
            );
        }
        out
    }
}

fn check_summary(data: &MapData) -> String {
    let s = &data.scenario;
    let g = &data.geometry;
    let periods: usize = s.tracks.iter().flat_map(|t| &t.periods).map(Vec::len).sum();
    let phases: usize = s.tracks.iter().map(|t| t.phases.len()).sum();
    let per_region: Vec<String> = s
        .regions
        .iter()
        .enumerate()
        .map(|(r, region)| {
            format!(
                "{} {}",
                region.id,
                g.features.iter().filter(|f| f.region.0 == r).count()
            )
        })
        .collect();
    let triangles: usize = g.features.iter().map(|f| f.shape.mesh.indices.len() / 3).sum();
    let [scenario_name, regions_name] = data.sources.names([DEFAULT_SCENARIO_NAME, DEFAULT_REGIONS_NAME]);
    format!(
        "ok: {}: {} statuses, {} regions, {} tracks, {periods} periods, {phases} phases, {} milestones, {} places; range {}..{}\n\
         ok: {}: {} features ({}), {} vertices incl. context, {triangles} triangles\n",
        scenario_name,
        s.statuses.len(),
        s.regions.len(),
        s.tracks.len(),
        s.milestones.len(),
        s.places.len(),
        s.range.start,
        s.range.end,
        regions_name,
        g.features.len(),
        per_region.join(", "),
        g.vertex_count(),
    )
}

/// Turns a date that came from the command line into the GUI's start.
pub fn start_track(scenario: &Scenario, track: Option<TrackArg>) -> Result<Option<TrackIdx>, CliError> {
    track.map(|t| resolve_track(scenario, t)).transpose()
}
