//! A story against a loaded scenario: each stop's concrete date, which
//! tracks it shows and its title. What the file alone cannot check (a
//! track id, a date in the scenario's range, a compare pair) is checked
//! here, each problem naming its stop and the stop's line.

use std::fmt;

use super::{Stop, StopDate, StopLayout, Story};
use crate::model::date_format::short;
use crate::model::printable::shown_path;
use crate::model::printable::{quoted, quoted_list};
use crate::model::{Date, Scenario, TrackLayout};
use crate::render::view::GeoBox;
use crate::render::{Callout, LayerSet};

/// A stop as shown: everything concrete.
#[derive(Clone, Debug, PartialEq)]
pub struct ResolvedStop {
    /// Its place in the story, from 1.
    pub number: usize,
    pub date: Date,
    pub layout: TrackLayout,
    /// The stop's own title, or the date and that day's milestone.
    pub title: String,
    pub notes: String,
    pub hold_secs: f64,
    /// `None`: the map's home view.
    pub view: Option<GeoBox>,
    /// The layers hidden at this stop.
    pub hide: LayerSet,
    pub callouts: Vec<Callout>,
}

/// Why a story cannot be shown over a scenario: one line per problem,
/// each naming its stop ("stop 3 (line 41): unknown track …").
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct StoryError {
    pub problems: Vec<String>,
}

impl fmt::Display for StoryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.problems.join("\n"))
    }
}

impl Story {
    /// Each stop against `scenario` on `today`: "today" is `today` within
    /// the scenario's range (its nearest end outside it); a track or a
    /// date the scenario does not have, or a comparison it cannot make,
    /// is an error naming the stop. All problems are returned at once.
    pub fn resolve(&self, scenario: &Scenario, today: Date) -> Result<Vec<ResolvedStop>, StoryError> {
        let mut problems = Vec::new();
        let mut resolved = Vec::with_capacity(self.stops.len());
        for (i, stop) in self.stops.iter().enumerate() {
            match resolve_stop(stop, i + 1, scenario, today) {
                Ok(r) => resolved.push(r),
                Err(problem) => problems.push(self.located(stop, i + 1, &problem)),
            }
        }
        if problems.is_empty() {
            Ok(resolved)
        } else {
            Err(StoryError { problems })
        }
    }

    /// "brief.toml: stop 3 (line 41): `problem`".
    fn located(&self, stop: &Stop, number: usize, problem: &str) -> String {
        let file = self
            .origin
            .as_ref()
            .map_or_else(String::new, |origin| format!("{}: ", shown_path(&origin)));
        let line = stop.line.map_or_else(String::new, |line| format!(" (line {line})"));
        format!("{file}stop {number}{line}: {problem}")
    }
}

fn resolve_stop(stop: &Stop, number: usize, scenario: &Scenario, today: Date) -> Result<ResolvedStop, String> {
    let range = scenario.range;
    let date = match stop.date {
        StopDate::Today => range.clamp(today),
        StopDate::On(date) if range.contains(date) => date,
        StopDate::On(date) => {
            return Err(format!(
                "the date {date} is outside the scenario's range {}..{}",
                range.start, range.end
            ));
        }
    };
    let track = match &stop.track {
        None => scenario.default_track,
        Some(id) => scenario.track_idx(id).ok_or_else(|| {
            let known = quoted_list(scenario.tracks.iter().map(|t| t.id.as_str()), scenario.tracks.len());
            format!("unknown track {}; the scenario has {known}", quoted(id))
        })?,
    };
    let layout = match stop.layout {
        StopLayout::Single => TrackLayout::Single(track),
        StopLayout::Compare => TrackLayout::SideBySide(
            scenario
                .compare_pair()
                .ok_or_else(|| "layout \"compare\" needs two tracks side by side; the scenario has one".to_owned())?,
        ),
    };
    Ok(ResolvedStop {
        number,
        date,
        layout,
        title: stop
            .title
            .clone()
            .unwrap_or_else(|| default_title(scenario, layout, date, stop.date == StopDate::Today)),
        notes: stop.notes.clone(),
        hold_secs: stop.hold_secs,
        view: stop.view,
        hide: stop.hide,
        callouts: stop.callouts.clone(),
    })
}

/// "30 Sep 2025 — Phase 1 deadline: federal Iraq": the date and the
/// milestones of that day shown with the stop's tracks; the date alone
/// on a day without one. A stop on "today" says so ("Today, 7 Dec
/// 2026").
fn default_title(scenario: &Scenario, layout: TrackLayout, date: Date, today: bool) -> String {
    let tracks = layout.as_slice();
    let titles: Vec<&str> = scenario
        .milestones
        .iter()
        .filter(|m| m.date == date && m.shown_with(tracks))
        .map(|m| m.title.as_str())
        .collect();
    let day = if today {
        format!("Today, {}", short(date))
    } else {
        short(date)
    };
    if titles.is_empty() {
        day
    } else {
        format!("{day} — {}", titles.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::scenario::default_scenario;

    #[test]
    fn a_comparison_over_a_scenario_without_a_pair_is_refused_naming_the_stop() {
        let mut scenario = default_scenario().unwrap();
        scenario.compare = None;
        let mut story = Story::new("B");
        let mut stop = Stop::on(StopDate::Today);
        stop.layout = StopLayout::Compare;
        stop.line = Some(7);
        story.stops = vec![Stop::on(StopDate::Today), stop];
        let today = scenario.range.start;
        let error = story.resolve(&scenario, today).unwrap_err();
        assert_eq!(
            error.problems,
            ["stop 2 (line 7): layout \"compare\" needs two tracks side by side; the scenario has one"]
        );
    }

    #[test]
    fn today_before_the_range_is_its_first_day_and_titled_so() {
        let scenario = default_scenario().unwrap();
        let mut story = Story::new("B");
        story.stops = vec![Stop::on(StopDate::Today)];
        let stops = story.resolve(&scenario, Date::MIN).unwrap();
        assert_eq!(stops[0].date, scenario.range.start);
        assert_eq!(stops[0].title, format!("Today, {}", short(scenario.range.start)));
    }
}
