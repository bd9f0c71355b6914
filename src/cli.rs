//! Command line: clap structs and the headless commands. No egui here;
//! `main.rs` opens the GUI when no subcommand is given.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::data::{MapData, Sources};
use crate::load::InputErrors;
use crate::load::scenario::{DEFAULT_SCENARIO_NAME, DEFAULT_SCENARIO_TOML, load_scenario_file, parse_scenario};
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
    }
}

fn load_scenario(inputs: &InputArgs) -> Result<Scenario, InputErrors> {
    match &inputs.scenario {
        Some(path) => load_scenario_file(path),
        None => parse_scenario(DEFAULT_SCENARIO_TOML, DEFAULT_SCENARIO_NAME),
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
    let name = |p: &Option<PathBuf>, default: &str| p.as_ref().map_or(default.to_owned(), |p| p.display().to_string());
    format!(
        "ok: {}: {} statuses, {} regions, {} tracks, {periods} periods, {phases} phases, {} milestones, {} places; range {}..{}\n\
         ok: {}: {} features ({}), {} vertices incl. context, {triangles} triangles\n",
        name(&data.sources.scenario, DEFAULT_SCENARIO_NAME),
        s.statuses.len(),
        s.regions.len(),
        s.tracks.len(),
        s.milestones.len(),
        s.places.len(),
        s.range.start,
        s.range.end,
        name(&data.sources.regions, crate::load::geojson::DEFAULT_REGIONS_NAME),
        g.features.len(),
        per_region.join(", "),
        g.vertex_count(),
    )
}

/// Turns a date that came from the command line into the GUI's start.
pub fn start_track(scenario: &Scenario, track: Option<TrackArg>) -> Result<Option<TrackIdx>, CliError> {
    track.map(|t| resolve_track(scenario, t)).transpose()
}
