//! `drawdown record`: a report recorded into a scenario file — a period of
//! a region or base (the flags directly, or `record period`), a troop
//! figure (`record troops`), an incident (`record incident`) or a
//! milestone (`record milestone`), or where an entity's record stops
//! (`record no-report`). The change is printed as a diff and
//! written atomically; `--dry-run` only prints it.

use std::path::Path;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{ArgGroup, Subcommand};

use super::{CliError, InputArgs};
use crate::app::native::today_local;
use crate::load::file::read_text_file;
use crate::load::scenario::MAX_SCENARIO_BYTES;
use crate::model::date_format::parse_iso_or_today;
use crate::model::printable::shown_path;
use crate::model::{Confidence, Date, Scenario, TrackIdx};
use crate::record::{
    EntityRef, IncidentReport, IncidentSite, MilestoneReport, NoReportFrom, PeriodReport, RecordWriteError, Report,
    ReportField, TroopReport, record, write_recorded,
};

/// `drawdown record …`: a period's flags, or a subcommand for the other
/// kinds of report.
#[derive(Debug, clap::Args)]
// Not args_conflicts_with_subcommands: it would refuse the global
// --scenario before a subcommand (`record --scenario F troops …`); a
// period's flags beside a subcommand are refused in `report` instead.
#[command(subcommand_negates_reqs = true)]
#[command(
    after_help = "The file is named with --scenario; `drawdown scenario init FILE` writes the \
    embedded scenario to start from.\n\nExamples:\n  \
    drawdown record --scenario s.toml --track reported --base ain_al_asad --from 2026-04-02 \\\n    \
    --status ended --source \"Outlet, 2 Apr 2026\" --confidence high --dry-run\n  \
    drawdown record troops --scenario s.toml --group iraq --date 2026-04-02 --low 800 \\\n    \
    --note \"About 800 US troops\" --source \"Outlet, 2 Apr 2026\"\n  \
    drawdown record incident --scenario s.toml --date 2026-04-01 --place victory_base \\\n    \
    --title \"Drones at the airport\" --source \"Outlet, 2 Apr 2026\"\n  \
    drawdown record milestone --scenario s.toml --date 2026-04-02 --track reported \\\n    \
    --title \"What happened\" --source \"Outlet, 2 Apr 2026\"\n  \
    drawdown record no-report --scenario s.toml --track reported --base ain_al_asad --from 2026-02-01"
)]
pub struct RecordArgs {
    #[command(subcommand)]
    pub kind: Option<RecordKind>,
    #[command(flatten)]
    pub period: PeriodArgs,
}

/// The kinds of report besides a period given by the flags directly.
#[derive(Debug, Subcommand)]
pub enum RecordKind {
    /// A region's or base's status from a date (as `drawdown record` with
    /// its flags).
    Period(PeriodArgs),
    /// A troop figure for a troop group.
    Troops(TroopArgs),
    /// An attack on a coalition or US site, at a place or a point.
    Incident(IncidentArgs),
    /// A dated event on the slider, on one track or both.
    Milestone(MilestoneArgs),
    /// Nothing on record for a region or base from a date on, while the
    /// track's record goes on (its last period ends the day before).
    NoReport(NoReportArgs),
}

/// The first day without a report on an entity of a record track.
#[derive(Debug, clap::Args)]
#[command(group = ArgGroup::new("entity").args(["region", "base"]).required(true))]
pub struct NoReportArgs {
    /// The track: an id of the scenario's tracks (a track of reports).
    #[arg(long, value_name = "ID")]
    pub track: String,
    /// The region.
    #[arg(long, value_name = "ID")]
    pub region: Option<String>,
    /// The base.
    #[arg(long, value_name = "ID")]
    pub base: Option<String>,
    /// The first day without a report (YYYY-MM-DD or today).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub from: Date,
    /// Print the change and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// A region's or base's status on a track from a date. The fields the
/// grammar requires are options so that a subcommand can stand without
/// them (clap checks them when no subcommand is given).
#[derive(Debug, clap::Args)]
#[command(group = ArgGroup::new("entity").args(["region", "base"]).required(true))]
pub struct PeriodArgs {
    /// The track: an id of the scenario's tracks.
    #[arg(long, value_name = "ID", required = true)]
    pub track: Option<String>,
    /// The region the report is about.
    #[arg(long, value_name = "ID")]
    pub region: Option<String>,
    /// The base (a place of kind "base") the report is about.
    #[arg(long, value_name = "ID")]
    pub base: Option<String>,
    /// The event's first day (YYYY-MM-DD or today).
    #[arg(long, value_name = "DATE", value_parser = parse_day, required = true)]
    pub from: Option<Date>,
    /// The period's last day (default: the day before the next period that
    /// starts after --from, or open).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub to: Option<Date>,
    /// The report's date (default: --from).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub as_of: Option<Date>,
    /// The status: an id of the scenario's statuses.
    #[arg(long, value_name = "ID", required = true)]
    pub status: Option<String>,
    /// Who reported it and when (shown on the map's source line).
    #[arg(long, value_name = "TEXT", required = true)]
    pub source: Option<String>,
    /// What the report says, for the caption.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// How well the sources support it.
    #[arg(long, value_parser = confidence_parser())]
    pub confidence: Option<Confidence>,
    /// The other version and who reported it, where sources disagree.
    #[arg(long, value_name = "TEXT")]
    pub disputed: Option<String>,
    /// Print the change and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// A troop figure (`[[troops]]`).
#[derive(Debug, clap::Args)]
pub struct TroopArgs {
    /// The troop group: an id of the scenario's troop groups (`where` in
    /// the file).
    #[arg(long, visible_alias = "where", value_name = "ID")]
    pub group: String,
    /// The figure's date (YYYY-MM-DD or today).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub date: Date,
    /// The figure, or the low end of a range.
    #[arg(long, value_name = "N")]
    pub low: i64,
    /// The high end of a range (default: --low).
    #[arg(long, value_name = "N")]
    pub high: Option<i64>,
    /// Who reported it and when.
    #[arg(long, value_name = "TEXT")]
    pub source: String,
    /// The source's qualifier ("about", "fewer than") and whose troops.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// How well the sources support it.
    #[arg(long, value_parser = confidence_parser())]
    pub confidence: Option<Confidence>,
    /// Print the change and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// An incident (`[[incidents]]`), at a place or at a point.
#[derive(Debug, clap::Args)]
#[command(group = ArgGroup::new("site").args(["place", "lat"]).required(true))]
pub struct IncidentArgs {
    /// The incident's date (YYYY-MM-DD or today).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub date: Date,
    /// Where: a place's id.
    #[arg(long, value_name = "ID")]
    pub place: Option<String>,
    /// Where, as a point: latitude in degrees (with --lon).
    #[arg(long, value_name = "DEG", requires = "lon", allow_negative_numbers = true)]
    pub lat: Option<f64>,
    /// Longitude in degrees (with --lat).
    #[arg(long, value_name = "DEG", requires = "lat", allow_negative_numbers = true)]
    pub lon: Option<f64>,
    /// A short title for the map.
    #[arg(long, value_name = "TEXT")]
    pub title: String,
    /// What happened, for the caption.
    #[arg(long, value_name = "TEXT")]
    pub detail: Option<String>,
    /// Who reported it and when.
    #[arg(long, value_name = "TEXT")]
    pub source: String,
    /// How well the sources support it.
    #[arg(long, value_parser = confidence_parser())]
    pub confidence: Option<Confidence>,
    /// The other version and who reported it, where sources disagree.
    #[arg(long, value_name = "TEXT")]
    pub disputed: Option<String>,
    /// Print the change and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// A milestone (`[[milestones]]`).
#[derive(Debug, clap::Args)]
pub struct MilestoneArgs {
    /// The milestone's date (YYYY-MM-DD or today).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub date: Date,
    /// The tick's label (keep it under about 40 characters).
    #[arg(long, value_name = "TEXT")]
    pub title: String,
    /// The caption.
    #[arg(long, value_name = "TEXT")]
    pub detail: Option<String>,
    /// Who reported it and when.
    #[arg(long, value_name = "TEXT")]
    pub source: String,
    /// The track it belongs to (default: both).
    #[arg(long, value_name = "ID")]
    pub track: Option<String>,
    /// How well the sources support it.
    #[arg(long, value_parser = confidence_parser())]
    pub confidence: Option<Confidence>,
    /// The other version and who reported it, where sources disagree.
    #[arg(long, value_name = "TEXT")]
    pub disputed: Option<String>,
    /// Print the change and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// `YYYY-MM-DD`, or `today` on the user's clock.
fn parse_day(text: &str) -> Result<Date, String> {
    parse_iso_or_today(text, today_local())
}

/// `--confidence high|medium|low`.
fn confidence_parser() -> impl TypedValueParser<Value = Confidence> {
    // The parser lets only the ids through, so from_id always finds one.
    PossibleValuesParser::new(Confidence::ALL.map(Confidence::id))
        .map(|id| Confidence::from_id(&id).unwrap_or(Confidence::Low))
}

impl RecordArgs {
    /// The report the flags give, and whether to write it.
    fn report(&self) -> Result<(Report, bool), CliError> {
        if self.kind.is_some() && self.period.any_given() {
            return Err(CliError::Invalid(
                "a period's flags (--track, --region, --base, --from, --status …) go without a subcommand, or after \
                 `record period`"
                    .to_owned(),
            ));
        }
        Ok(match &self.kind {
            None => (period_report(&self.period)?, self.period.dry_run),
            Some(RecordKind::Period(p)) => (period_report(p)?, p.dry_run),
            Some(RecordKind::Troops(t)) => (
                Report::Troops(TroopReport {
                    group: t.group.clone(),
                    date: t.date,
                    low: t.low,
                    high: t.high.unwrap_or(t.low),
                    source: t.source.clone(),
                    note: t.note.clone(),
                    confidence: t.confidence,
                }),
                t.dry_run,
            ),
            Some(RecordKind::Incident(i)) => {
                let site = match (&i.place, i.lat, i.lon) {
                    (Some(place), _, _) => IncidentSite::Place(place.clone()),
                    (None, Some(lat), Some(lon)) => IncidentSite::Point { lat, lon },
                    _ => {
                        return Err(CliError::Invalid(
                            "an incident needs --place, or --lat and --lon".to_owned(),
                        ));
                    }
                };
                (
                    Report::Incident(IncidentReport {
                        date: i.date,
                        site,
                        title: i.title.clone(),
                        detail: i.detail.clone(),
                        source: i.source.clone(),
                        confidence: i.confidence,
                        disputed: i.disputed.clone(),
                    }),
                    i.dry_run,
                )
            }
            Some(RecordKind::NoReport(n)) => (
                Report::Silence(NoReportFrom {
                    track: n.track.clone(),
                    entity: match (&n.region, &n.base) {
                        (Some(region), _) => EntityRef::Region(region.clone()),
                        (None, Some(base)) => EntityRef::Base(base.clone()),
                        (None, None) => return Err(CliError::Invalid("no-report needs --region or --base".to_owned())),
                    },
                    from: n.from,
                }),
                n.dry_run,
            ),
            Some(RecordKind::Milestone(m)) => (
                Report::Milestone(MilestoneReport {
                    date: m.date,
                    title: m.title.clone(),
                    detail: m.detail.clone(),
                    source: m.source.clone(),
                    track: m.track.clone(),
                    confidence: m.confidence,
                    disputed: m.disputed.clone(),
                }),
                m.dry_run,
            ),
        })
    }
}

impl PeriodArgs {
    /// Whether any of its flags was given.
    fn any_given(&self) -> bool {
        let Self {
            track,
            region,
            base,
            from,
            to,
            as_of,
            status,
            source,
            note,
            confidence,
            disputed,
            dry_run,
        } = self;
        [track, region, base, status, source, note, disputed]
            .iter()
            .any(|f| f.is_some())
            || [from, to, as_of].iter().any(|f| f.is_some())
            || confidence.is_some()
            || *dry_run
    }
}

/// The period's report; clap has checked that the required flags are
/// there, so a missing one is only named, never assumed.
fn period_report(p: &PeriodArgs) -> Result<Report, CliError> {
    let missing = |flag: &str| CliError::Invalid(format!("a period needs {flag}"));
    let entity = match (&p.region, &p.base) {
        (Some(region), None) => EntityRef::Region(region.clone()),
        (None, Some(base)) => EntityRef::Base(base.clone()),
        _ => return Err(missing("--region ID or --base ID")),
    };
    Ok(Report::Period(PeriodReport {
        track: p.track.clone().ok_or_else(|| missing("--track ID"))?,
        entity,
        from: p.from.ok_or_else(|| missing("--from DATE"))?,
        to: p.to,
        as_of: p.as_of,
        status: p.status.clone().ok_or_else(|| missing("--status ID"))?,
        source: p.source.clone().ok_or_else(|| missing("--source TEXT"))?,
        note: p.note.clone(),
        confidence: p.confidence,
        disputed: p.disputed.clone(),
    }))
}

/// Runs `drawdown record`; returns the diff and what was done.
pub fn run_record(args: &RecordArgs, inputs: &InputArgs) -> Result<String, CliError> {
    let Some(path) = inputs.scenario.as_deref() else {
        return Err(CliError::Invalid(
            "record writes into a scenario file: name it with --scenario FILE (to start one from the embedded \
             scenario, run `drawdown scenario init FILE`)"
                .to_owned(),
        ));
    };
    let (report, dry_run) = args.report()?;
    let before = read_text_file(path, MAX_SCENARIO_BYTES, "scenarios").map_err(|e| CliError::Input(e.into()))?;
    let edit = record(path, &before, &report).map_err(|e| match e.field {
        Some(field) => CliError::Invalid(format!("{}: {}", flag_of(field, &report), e.message)),
        None => CliError::Invalid(e.message),
    })?;
    let ends = record_ends(&edit.scenario);
    if dry_run {
        return Ok(format!(
            "{}{ends}dry run: {} was not changed\n",
            edit.diff,
            shown_path(&path)
        ));
    }
    write_recorded(path, &before, &edit).map_err(|e| write_error(&e, path))?;
    Ok(format!("{}{ends}recorded into {}\n", edit.diff, shown_path(&path)))
}

/// Where each track's record ends after the report: a briefer sees at once
/// whether the report moved it.
fn record_ends(scenario: &Scenario) -> String {
    (0..scenario.tracks.len())
        .filter_map(|t| {
            let end = scenario.record_end(TrackIdx(t))?;
            Some(format!("track {}: the record ends on {end}\n", scenario.tracks[t].id))
        })
        .collect()
}

/// The flag that sets a report's field.
fn flag_of(field: ReportField, report: &Report) -> &'static str {
    match field {
        ReportField::Track => "--track",
        ReportField::Entity => match report {
            Report::Period(PeriodReport {
                entity: EntityRef::Base(_),
                ..
            })
            | Report::Silence(NoReportFrom {
                entity: EntityRef::Base(_),
                ..
            }) => "--base",
            _ => "--region",
        },
        ReportField::From => "--from",
        ReportField::To => "--to",
        ReportField::AsOf => "--as-of",
        ReportField::Status => "--status",
        ReportField::Source => "--source",
        ReportField::Group => "--group",
        ReportField::Date => "--date",
        ReportField::Low => "--low",
        ReportField::High => "--high",
        ReportField::Site => "--place",
        ReportField::Title => "--title",
    }
}

fn write_error(error: &RecordWriteError, path: &Path) -> CliError {
    match error {
        RecordWriteError::Write(write) if write.is_bad_path() => CliError::Invalid(error.to_string()),
        RecordWriteError::Changed { .. } => CliError::Other(error.to_string()),
        _ => CliError::Other(format!("{error} (recording into {})", shown_path(&path))),
    }
}
