//! `drawdown status`: each region's status on a date, as text or JSON.

use super::{CliError, InputArgs, TrackArg, check_in_range, load_scenario, resolve_track};
use crate::model::{Date, RegionIdx, Scenario, TrackIdx};

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
        Ok(report.to_text(&scenario))
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
