//! Recording a report into a scenario file: a period of a region or base,
//! a troop figure, an incident or a milestone, written into the file's
//! text with everything else kept byte for byte.
//!
//! [`record`] checks the report against the loaded scenario (each bad
//! field named, so that a form can mark it), edits the TOML with
//! `toml_edit` (comments, order and formatting of the rest stay as they
//! are), loads the result with the scenario loader (a report that would
//! make the file invalid is refused with the loader's located message) and
//! describes the change as a short unified diff. [`write_recorded`] then
//! puts the new text in place atomically, unless the file changed on disk
//! meanwhile. The command line (`drawdown record`) and the window's form
//! share both.
//!
//! A period is inserted into its entity's run of periods on its track:
//! the neighbours it overlaps are trimmed, split or replaced, so that the
//! run stays sorted and gap-free. Without `to` it lasts until the next
//! period that starts after it, or stays open. The record's end moves by
//! itself: the loader takes it from the latest report on the track.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::atomic_write::{WriteError, write_file};
use crate::load::file::read_text_file;
use crate::load::scenario::{MAX_SCENARIO_BYTES, parse_scenario};
use crate::model::printable::shown_path;
use crate::model::printable::{quoted, quoted_list};
use crate::model::{Confidence, Date, PlaceKind, Scenario};

mod diff;
mod edit;
#[cfg(test)]
mod tests;

/// One report, as a briefer gives it.
#[derive(Clone, Debug, PartialEq)]
pub enum Report {
    Period(PeriodReport),
    Troops(TroopReport),
    Incident(IncidentReport),
    Milestone(MilestoneReport),
    /// Nothing on record for an entity from a date on (its last period
    /// closes the day before).
    Silence(NoReportFrom),
}

/// A status of a region or base on a track from an event date.
#[derive(Clone, Debug, PartialEq)]
pub struct PeriodReport {
    /// The track's id.
    pub track: String,
    pub entity: EntityRef,
    /// The event's first day.
    pub from: Date,
    /// The period's last day; `None`: until the next period that starts
    /// after `from`, or open.
    pub to: Option<Date>,
    /// The report's date; `None`: the loader's default (`to` when closed,
    /// `from` when open).
    pub as_of: Option<Date>,
    /// The status's id.
    pub status: String,
    pub source: String,
    pub note: Option<String>,
    pub confidence: Option<Confidence>,
    pub disputed: Option<String>,
}

/// Whose period: a region's or a base's, by id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntityRef {
    Region(String),
    Base(String),
}

/// The first day without a report on a region or base, on a record track
/// whose other reports go on later: its last period, open (it would hold
/// until the track's latest report), closes the day before, keeping its
/// report's date, and the loader shows "no report" from `from` on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoReportFrom {
    /// The track's id.
    pub track: String,
    pub entity: EntityRef,
    pub from: Date,
}

/// A troop figure for a troop group (`[[troops]]`).
#[derive(Clone, Debug, PartialEq)]
pub struct TroopReport {
    /// The troop group's id (`where` in the file).
    pub group: String,
    pub date: Date,
    /// The figures as stated; `low == high` for a single figure.
    pub low: i64,
    pub high: i64,
    pub source: String,
    pub note: Option<String>,
    pub confidence: Option<Confidence>,
}

/// Where an incident happened.
#[derive(Clone, Debug, PartialEq)]
pub enum IncidentSite {
    /// A place's id.
    Place(String),
    /// WGS84 degrees.
    Point { lat: f64, lon: f64 },
}

/// An attack on a coalition or US site (`[[incidents]]`).
#[derive(Clone, Debug, PartialEq)]
pub struct IncidentReport {
    pub date: Date,
    pub site: IncidentSite,
    pub title: String,
    pub detail: Option<String>,
    pub source: String,
    pub confidence: Option<Confidence>,
    pub disputed: Option<String>,
}

/// A dated event on the slider (`[[milestones]]`).
#[derive(Clone, Debug, PartialEq)]
pub struct MilestoneReport {
    pub date: Date,
    pub title: String,
    pub detail: Option<String>,
    pub source: String,
    /// The track's id; `None`: both tracks.
    pub track: Option<String>,
    pub confidence: Option<Confidence>,
    pub disputed: Option<String>,
}

/// The field of a report an error is about, for a form to mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportField {
    Track,
    Entity,
    From,
    To,
    AsOf,
    Status,
    Source,
    Group,
    Date,
    Low,
    High,
    Site,
    Title,
}

/// A report recorded into a scenario's text, not yet written.
#[derive(Clone, Debug)]
pub struct RecordedEdit {
    /// The whole new file.
    pub text: String,
    /// The new file, loaded.
    pub scenario: Scenario,
    /// A short unified diff of the change, for people.
    pub diff: String,
}

/// Why a report cannot be recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordError {
    /// The report's field at fault; `None` when the scenario as a whole is.
    pub field: Option<ReportField>,
    pub message: String,
}

impl RecordError {
    fn at(field: ReportField, message: impl Into<String>) -> Self {
        Self {
            field: Some(field),
            message: message.into(),
        }
    }

    fn whole(message: impl Into<String>) -> Self {
        Self {
            field: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for RecordError {}

/// Why a recorded edit was not written.
#[derive(Debug, thiserror::Error)]
pub enum RecordWriteError {
    /// The file is no longer the text the report was recorded into.
    #[error(
        "{} changed on disk since it was read; nothing was written: record the report again",
        shown_path(path)
    )]
    Changed { path: PathBuf },
    #[error("cannot read {}: {message}", shown_path(path))]
    Read { path: PathBuf, message: String },
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// Records `report` into the scenario `text`; `origin` names the file in
/// messages. Nothing is written: see [`write_recorded`].
pub fn record(origin: &Path, text: &str, report: &Report) -> Result<RecordedEdit, RecordError> {
    let name = shown_path(&origin).to_string();
    let before = parse_scenario(text, &name).map_err(|errors| {
        RecordError::whole(format!(
            "the scenario does not load as it is, so nothing can be recorded into it; fix it first:\n{errors}"
        ))
    })?;
    check_report(&before, report)?;
    let new_text = edit::edited(text, report)?;
    let scenario = parse_scenario(&new_text, &name).map_err(|errors| {
        RecordError::whole(format!(
            "the report would leave the scenario invalid, so it was not recorded:\n{errors}"
        ))
    })?;
    let diff = diff::short_diff(text, &new_text, &name);
    Ok(RecordedEdit {
        text: new_text,
        scenario,
        diff,
    })
}

/// Writes `edit` to `path` atomically, if the file there is still
/// `before` (the text the report was recorded into): an edit made
/// meanwhile, by hand or by another window, is never overwritten.
pub fn write_recorded(path: &Path, before: &str, edit: &RecordedEdit) -> Result<(), RecordWriteError> {
    let now = read_text_file(path, MAX_SCENARIO_BYTES, "scenarios").map_err(|errors| RecordWriteError::Read {
        path: path.to_owned(),
        message: errors.to_string(),
    })?;
    if now != before {
        return Err(RecordWriteError::Changed { path: path.to_owned() });
    }
    write_file(path, edit.text.as_bytes(), true)?;
    Ok(())
}

/// The report's fields against the scenario: ids that exist, dates in
/// the range and in order, a source.
fn check_report(scenario: &Scenario, report: &Report) -> Result<(), RecordError> {
    match report {
        Report::Period(p) => {
            check_track(scenario, &p.track, ReportField::Track)?;
            check_entity(scenario, &p.entity)?;
            if scenario.status_idx(&p.status).is_none() {
                let known = quoted_list(scenario.statuses.iter().map(|s| s.id.as_str()), scenario.statuses.len());
                return Err(RecordError::at(
                    ReportField::Status,
                    format!("the scenario has no status {}; it has {known}", quoted(&p.status)),
                ));
            }
            check_date(scenario, p.from, ReportField::From, "the period's start")?;
            if let Some(to) = p.to {
                check_date(scenario, to, ReportField::To, "the period's end")?;
                if to < p.from {
                    return Err(RecordError::at(
                        ReportField::To,
                        format!("the period ends ({to}) before it starts ({})", p.from),
                    ));
                }
            }
            if let Some(as_of) = p.as_of {
                check_date(scenario, as_of, ReportField::AsOf, "the report's date")?;
            }
            check_source(&p.source)
        }
        Report::Silence(n) => {
            check_track(scenario, &n.track, ReportField::Track)?;
            check_entity(scenario, &n.entity)?;
            check_date(scenario, n.from, ReportField::From, "the first day without a report")
        }
        Report::Troops(t) => {
            if scenario.troop_group_idx(&t.group).is_none() {
                let known = quoted_list(
                    scenario.troop_groups.iter().map(|g| g.id.as_str()),
                    scenario.troop_groups.len(),
                );
                return Err(RecordError::at(
                    ReportField::Group,
                    format!("the scenario has no troop group {}; it has {known}", quoted(&t.group)),
                ));
            }
            check_date(scenario, t.date, ReportField::Date, "the figure's date")?;
            if t.low < 0 {
                return Err(RecordError::at(ReportField::Low, "a troop figure cannot be negative"));
            }
            if t.high < t.low {
                return Err(RecordError::at(
                    ReportField::High,
                    format!("the high figure ({}) is below the low one ({})", t.high, t.low),
                ));
            }
            check_source(&t.source)
        }
        Report::Incident(i) => {
            check_date(scenario, i.date, ReportField::Date, "the incident's date")?;
            if let IncidentSite::Place(id) = &i.site
                && scenario.place_idx(id).is_none()
            {
                return Err(RecordError::at(
                    ReportField::Site,
                    format!("the scenario has no place {}", quoted(id)),
                ));
            }
            check_title(&i.title)?;
            check_source(&i.source)
        }
        Report::Milestone(m) => {
            check_date(scenario, m.date, ReportField::Date, "the milestone's date")?;
            if let Some(track) = &m.track {
                check_track(scenario, track, ReportField::Track)?;
            }
            check_title(&m.title)?;
            check_source(&m.source)
        }
    }
}

fn check_track(scenario: &Scenario, id: &str, field: ReportField) -> Result<(), RecordError> {
    if scenario.track_idx(id).is_some() {
        return Ok(());
    }
    let known = quoted_list(scenario.tracks.iter().map(|t| t.id.as_str()), scenario.tracks.len());
    Err(RecordError::at(
        field,
        format!("the scenario has no track {}; it has {known}", quoted(id)),
    ))
}

fn check_entity(scenario: &Scenario, entity: &EntityRef) -> Result<(), RecordError> {
    match entity {
        EntityRef::Region(id) => {
            if scenario.region_idx(id).is_some() {
                return Ok(());
            }
            let known = quoted_list(scenario.regions.iter().map(|r| r.id.as_str()), scenario.regions.len());
            Err(RecordError::at(
                ReportField::Entity,
                format!("the scenario has no region {}; it has {known}", quoted(id)),
            ))
        }
        EntityRef::Base(id) => match scenario.place_idx(id).map(|i| scenario.place(i).kind) {
            Some(PlaceKind::Base) => Ok(()),
            Some(PlaceKind::City) => Err(RecordError::at(
                ReportField::Entity,
                format!("place {} is a city, not a base", quoted(id)),
            )),
            None => {
                let bases: Vec<&str> = scenario.bases().map(|(_, p)| p.id.as_str()).collect();
                let known = quoted_list(bases.iter().copied(), bases.len());
                Err(RecordError::at(
                    ReportField::Entity,
                    format!("the scenario has no base {}; it has {known}", quoted(id)),
                ))
            }
        },
    }
}

fn check_date(scenario: &Scenario, date: Date, field: ReportField, what: &str) -> Result<(), RecordError> {
    let range = scenario.range;
    if range.contains(date) {
        Ok(())
    } else {
        Err(RecordError::at(
            field,
            format!(
                "{what}, {date}, is outside the scenario's range {}..{}",
                range.start, range.end
            ),
        ))
    }
}

fn check_source(source: &str) -> Result<(), RecordError> {
    if source.trim().is_empty() {
        Err(RecordError::at(
            ReportField::Source,
            "a report needs its source: the outlet or authority and the report's date",
        ))
    } else {
        Ok(())
    }
}

fn check_title(title: &str) -> Result<(), RecordError> {
    if title.trim().is_empty() {
        Err(RecordError::at(ReportField::Title, "a title is needed"))
    } else {
        Ok(())
    }
}
