//! `drawdown status`: on a date and a track, each region's and each base's
//! status, the latest troop figures and the incidents around the date, as
//! text or JSON.

use std::fmt::Write as _;

use super::{CliError, InputArgs, TrackArg, check_in_range, load_scenario, resolve_track};
use crate::model::status_report::{StatusReport, one_line, status_report, uncertainty};
use crate::model::{Date, INCIDENT_WINDOW_DAYS, Scenario};

/// Runs `drawdown status`; returns what to print on stdout.
pub fn run_status(inputs: &InputArgs, date: Date, track: TrackArg, json: bool) -> Result<String, CliError> {
    let scenario = load_scenario(inputs)?;
    let track = resolve_track(&scenario, track)?;
    check_in_range(&scenario, date)?;
    let report = status_report(&scenario, track, date);
    if json {
        serde_json::to_string(&report)
            .map(|json| json + "\n")
            .map_err(|e| CliError::Other(e.to_string()))
    } else {
        Ok(status_text(&report, &scenario))
    }
}

/// The report as text: a heading line, the rows in aligned columns, then
/// the incidents.
fn status_text(report: &StatusReport, scenario: &Scenario) -> String {
    let track_name = scenario
        .track_idx(&report.track)
        .map_or(report.track.as_str(), |t| scenario.track(t).name.as_str());
    let rows = report.rows(scenario);
    // Columns as wide as their widest entry, so that long labels
    // ("Support for operations in Syria") keep the columns aligned.
    let name_width = rows.iter().map(|r| r.indent.len() + width(&r.name)).max().unwrap_or(0);
    let label_width = rows.iter().map(|r| width(&r.label)).max().unwrap_or(0);
    let mut out = format!("{} · {}\n", report.date, one_line(track_name));
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
