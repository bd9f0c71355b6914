//! `drawdown status`: on a date (today unless given) and a track (the
//! scenario's default unless given), each region's and each base's status,
//! the latest troop figures and the incidents around the date, as text or
//! JSON; the JSON also gives the phase, the milestones of the day and how
//! far the track's record goes.

use std::fmt::Write as _;

use super::{CliError, InputArgs, TrackArg, date_or_today, load_scenario, resolve_track};
use crate::model::date_format::iso;
use crate::model::printable::json_escaped;
use crate::model::status_report::{StatusReport, one_line, status_report, uncertainty};
use crate::model::{Date, INCIDENT_WINDOW_DAYS, Scenario, TrackIdx};

/// `drawdown status --json`: the [`StatusReport`]'s fields, then these.
/// Field order is part of the format; new fields go after the old ones.
#[derive(Debug, serde::Serialize)]
pub struct StatusJson {
    #[serde(flatten)]
    pub report: StatusReport,
    /// The track's phase on the date; `None` in a gap between phases.
    pub phase: Option<PhaseJson>,
    /// The track's milestones (its own and the shared ones) on the date, in
    /// file order.
    pub milestones: Vec<MilestoneJson>,
    /// The track's last day on record ([`Scenario::record_end`]); `None`
    /// for a track without a record (a plan).
    pub record_end: Option<String>,
}

#[derive(Debug, serde::Serialize)]
pub struct PhaseJson {
    pub title: String,
    pub from: String,
    /// `None` = open-ended.
    pub to: Option<String>,
}

#[derive(Debug, serde::Serialize)]
pub struct MilestoneJson {
    pub title: String,
    pub detail: String,
    pub source: String,
    /// The track id; `None` for shared history (every track's).
    pub track: Option<String>,
}

/// Runs `drawdown status`; returns what to print on stdout.
pub fn run_status(
    inputs: &InputArgs,
    date: Option<Date>,
    track: Option<&TrackArg>,
    json: bool,
) -> Result<String, CliError> {
    let scenario = load_scenario(inputs)?;
    let track = resolve_track(&scenario, track)?;
    let date = date_or_today(&scenario, date)?;
    let report = status_report(&scenario, track, date);
    if json {
        serde_json::to_string(&status_json(report, &scenario, track, date))
            .map(|json| json_escaped(&json) + "\n")
            .map_err(|e| CliError::Other(e.to_string()))
    } else {
        Ok(status_text(&report, &scenario, scenario.record_end(track)))
    }
}

/// The report with the phase, the day's milestones and the record's end.
pub fn status_json(report: StatusReport, scenario: &Scenario, track: TrackIdx, date: Date) -> StatusJson {
    let phase = scenario.phase_on(track, date).map(|p| PhaseJson {
        title: p.title.clone(),
        from: iso(p.from),
        to: p.to.map(iso),
    });
    let milestones = scenario
        .milestones_for(track)
        .filter(|m| m.date == date)
        .map(|m| MilestoneJson {
            title: m.title.clone(),
            detail: m.detail.clone(),
            source: m.source.clone(),
            track: m.track.map(|t| scenario.track(t).id.clone()),
        })
        .collect();
    StatusJson {
        report,
        phase,
        milestones,
        record_end: scenario.record_end(track).map(iso),
    }
}

/// The report as text: a heading line (with the record's end, where the
/// track has one), the rows in aligned columns, then the incidents.
fn status_text(report: &StatusReport, scenario: &Scenario, record_end: Option<Date>) -> String {
    let track_name = scenario
        .track_idx(&report.track)
        .map_or(report.track.as_str(), |t| scenario.track(t).name.as_str());
    let rows = report.rows(scenario);
    // Columns as wide as their widest entry, so that long labels
    // ("Support for operations in Syria") keep the columns aligned.
    let name_width = rows.iter().map(|r| r.indent.len() + width(&r.name)).max().unwrap_or(0);
    let label_width = rows.iter().map(|r| width(&r.label)).max().unwrap_or(0);
    let mut out = format!("{} · {}", report.date, one_line(track_name));
    if let Some(end) = record_end {
        let _ = write!(out, " · on record to {end}");
    }
    out.push('\n');
    for row in &rows {
        if let Some(heading) = &row.heading {
            out += heading;
            out.push('\n');
        }
        let name_width = name_width - row.indent.len();
        let _ = writeln!(
            out,
            "{}{:<name_width$} {:<label_width$} {}   source: {}",
            row.indent, row.name, row.label, row.what, row.source
        );
    }
    if !report.incidents.is_empty() {
        let _ = writeln!(out, "Incidents within {INCIDENT_WINDOW_DAYS} days of {}", report.date);
        for incident in &report.incidents {
            let place = incident
                .place
                .as_deref()
                .and_then(|id| scenario.place_idx(id))
                .map_or_else(
                    || {
                        let (lat, lon) = (incident.lat.unwrap_or_default(), incident.lon.unwrap_or_default());
                        format!("{lat:.2}, {lon:.2}")
                    },
                    |p| one_line(&scenario.place(p).name),
                );
            let _ = writeln!(
                out,
                "  {}  {place}: {}{}   source: {}",
                incident.date,
                one_line(&incident.title),
                uncertainty(incident.confidence, incident.disputed.is_some()),
                one_line(&incident.source)
            );
        }
    }
    out
}

/// The width of `text` in a terminal, taken as one column per character
/// (the scenario's names are Latin script).
fn width(text: &str) -> usize {
    text.chars().count()
}

#[cfg(test)]
mod tests {
    use crate::model::number_format::thousands;

    #[test]
    fn troop_figures_are_grouped_by_thousands() {
        assert_eq!(thousands(0_u32), "0");
        assert_eq!(thousands(900_u32), "900");
        assert_eq!(thousands(1000_u32), "1,000");
        assert_eq!(thousands(25_000_u32), "25,000");
        assert_eq!(thousands(1_234_567_u32), "1,234,567");
    }
}
