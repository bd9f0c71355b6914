//! `drawdown story init FILE` (a default brief drafted from the
//! scenario) and `drawdown story check FILE` (validate a story against
//! its scenario).

use std::path::{Path, PathBuf};

use clap::Subcommand;

use super::{CliError, InputArgs, check_in_range, load_scenario};
use crate::app::native::today_local;
use crate::atomic_write::WriteError;
use crate::load::scenario::DEFAULT_SCENARIO_NAME;
use crate::model::date_format::{iso, parse_iso_or_today};
use crate::model::printable::shown_path;
use crate::model::{Date, Scenario};
use crate::story::{StopLayout, Story, draft_story, load_story_file, save_story_file};

/// `drawdown story …`.
#[derive(Debug, Clone, clap::Args)]
pub struct StoryArgs {
    #[command(subcommand)]
    pub command: StoryCommand,
}

#[derive(Debug, Clone, Subcommand)]
pub enum StoryCommand {
    /// Write a default brief drafted from the scenario: from the day its
    /// compared tracks part to today, a stop on each milestone of both
    /// tracks, each deadline, each record's end and today, with titles and
    /// draft talking points from the data.
    #[command(after_help = "Examples:\n  \
        drawdown story init brief.toml\n  \
        drawdown story init brief.toml --from 2025-06-01 --to 2026-03-31 --force\n  \
        drawdown --scenario my-scenario.toml story init brief.toml")]
    Init {
        /// The story file to write (TOML).
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The first day of the brief, YYYY-MM-DD or today (default: the
        /// day the scenario's compared tracks part).
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        from: Option<Date>,
        /// The last day of the brief, YYYY-MM-DD or today (default: today).
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        to: Option<Date>,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Validate a story file: its keys, and its stops against the
    /// scenario it names (or --scenario, or the embedded one).
    Check {
        /// The story file (TOML).
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

/// `YYYY-MM-DD`, or `today` on the user's clock.
fn parse_date(text: &str) -> Result<Date, String> {
    parse_iso_or_today(text, today_local())
}

/// Runs `drawdown story …`; returns what to print on stdout.
pub fn run_story(args: &StoryArgs, inputs: &InputArgs) -> Result<String, CliError> {
    match &args.command {
        StoryCommand::Init { file, from, to, force } => init(file, (*from, *to), *force, inputs),
        StoryCommand::Check { file } => check(file, inputs),
    }
}

fn init(
    file: &Path,
    (from, to): (Option<Date>, Option<Date>),
    force: bool,
    inputs: &InputArgs,
) -> Result<String, CliError> {
    let scenario = load_scenario(inputs)?;
    for (flag, date) in [("--from", from), ("--to", to)] {
        if let Some(date) = date {
            check_in_range(&scenario, date).map_err(|e| CliError::Invalid(format!("{flag}: {e}")))?;
        }
    }
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        return Err(CliError::Invalid(format!("--from {from} is after --to {to}")));
    }
    let mut story = draft_story(&scenario, today_local(), from, to);
    if story.stops.is_empty() {
        return Err(CliError::Invalid(format!(
            "the brief would have no stops: today is before the day the scenario's tracks part; give --from and --to \
             in its range {}..{}",
            scenario.range.start, scenario.range.end
        )));
    }
    story.origin = Some(file.to_owned());
    story.scenario = inputs.scenario.as_deref().map(|path| scenario_as_seen_from(file, path));
    save_story_file(&story, file, force).map_err(|e| write_error(&e))?;
    Ok(format!(
        "wrote {}: {}\n",
        shown_path(&file),
        summary(&story, &scenario)?
    ))
}

/// The scenario's path as the story file names it: as given when the
/// story is written into the current directory, else absolute (a path
/// relative to here would not be relative to the story's folder).
fn scenario_as_seen_from(story_file: &Path, scenario: &Path) -> PathBuf {
    let here = story_file.parent().is_none_or(|dir| dir.as_os_str().is_empty());
    if here || scenario.is_absolute() {
        scenario.to_owned()
    } else {
        std::path::absolute(scenario).unwrap_or_else(|_| scenario.to_owned())
    }
}

fn write_error(error: &WriteError) -> CliError {
    match error {
        WriteError::Exists { path } => CliError::Invalid(format!(
            "will not overwrite an existing file (use --force to replace it): {}",
            shown_path(&path)
        )),
        e if e.is_bad_path() => CliError::Invalid(e.to_string()),
        e => CliError::Other(e.to_string()),
    }
}

fn check(file: &Path, inputs: &InputArgs) -> Result<String, CliError> {
    let story = load_story_file(file)?;
    // --scenario over the story's own; the embedded one without either.
    let mut inputs = inputs.clone();
    if inputs.scenario.is_none() {
        inputs.scenario = story.scenario_path();
    }
    let scenario = load_scenario(&inputs)?;
    if let Some(logo) = story.logo_path()
        && !logo.is_file()
    {
        return Err(CliError::Invalid(format!(
            "{}: the logo is not a file: {}",
            shown_path(&file),
            shown_path(&logo)
        )));
    }
    let scenario_name = inputs.scenario.as_ref().map_or_else(
        || DEFAULT_SCENARIO_NAME.to_owned(),
        |path| shown_path(&path).to_string(),
    );
    Ok(format!(
        "ok: {}: {} (scenario {scenario_name})\n",
        shown_path(&file),
        summary(&story, &scenario)?
    ))
}

/// "14 stops (9 compared), 2024-09-27 to 2026-12-07", checked against the
/// scenario.
fn summary(story: &Story, scenario: &Scenario) -> Result<String, CliError> {
    let stops = story
        .resolve(scenario, today_local())
        .map_err(|e| CliError::Invalid(e.to_string()))?;
    let compared = story.stops.iter().filter(|s| s.layout == StopLayout::Compare).count();
    let noun = if stops.len() == 1 { "stop" } else { "stops" };
    let span = match (stops.iter().map(|s| s.date).min(), stops.iter().map(|s| s.date).max()) {
        (Some(first), Some(last)) => format!(", {} to {}", iso(first), iso(last)),
        _ => String::new(),
    };
    Ok(format!("{} {noun} ({compared} compared){span}", stops.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scenario_path_stays_as_given_only_when_the_story_is_written_here() {
        assert_eq!(
            scenario_as_seen_from(Path::new("brief.toml"), Path::new("s.toml")),
            PathBuf::from("s.toml")
        );
        let elsewhere = scenario_as_seen_from(Path::new("out/brief.toml"), Path::new("s.toml"));
        assert!(
            elsewhere.is_absolute() && elsewhere.ends_with("s.toml"),
            "{}",
            shown_path(&elsewhere)
        );
    }
}
