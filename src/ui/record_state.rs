//! The record form's state and its checks, without widgets: what the
//! form holds ([`RecordForm`]), its fields, and the report it makes. The
//! form's window ([`super::record_form`]) draws it; the app keeps it.

use crate::model::{Confidence, Date, NO_REPORT_STATUS_ID, Scenario, TrackIdx, date_format};
use crate::record::{
    EntityRef, IncidentReport, IncidentSite, MilestoneReport, PeriodReport, Report, ReportField, TroopReport,
};

/// Accessible label of the path field for a copy of the embedded data.
pub const COPY_PATH_LABEL: &str = "Save the copy to";

/// A field of the form: where a problem is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FormField {
    Track,
    Entity,
    From,
    To,
    AsOf,
    Status,
    Source,
    Note,
    Confidence,
    Disputed,
    /// A troop figure's group of regions.
    Group,
    /// A troop figure: the lowest and highest number stated.
    Low,
    High,
    /// Where an incident happened.
    Site,
    /// An incident's or a milestone's title.
    Title,
    /// Its sentence for the caption.
    Detail,
    /// The path of a copy.
    CopyPath,
}

impl FormField {
    /// The field's label in the form.
    pub fn label(self) -> &'static str {
        match self {
            Self::Track => "Track",
            Self::Entity => "Region or base",
            Self::From => "Event date",
            Self::To => "Until",
            Self::AsOf => "Report date",
            Self::Status => "Status",
            Self::Source => "Source",
            Self::Note => "Note",
            Self::Confidence => "Confidence",
            Self::Disputed => "Disputed",
            Self::Group => "Troops in",
            Self::Low => "Troops (lowest)",
            Self::High => "Troops (highest)",
            Self::Site => "Where",
            Self::Title => "Title",
            Self::Detail => "Detail",
            Self::CopyPath => COPY_PATH_LABEL,
        }
    }
}

/// What kind of report the form records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportKind {
    /// A region's or a base's status on a track.
    Period,
    Troops,
    Incident,
    Milestone,
}

impl ReportKind {
    /// In the form's order.
    pub const ALL: [Self; 4] = [Self::Period, Self::Troops, Self::Incident, Self::Milestone];

    /// The form's tab.
    pub fn label(self) -> &'static str {
        match self {
            Self::Period => "Region or base status",
            Self::Troops => "Troop figure",
            Self::Incident => "Incident",
            Self::Milestone => "Milestone",
        }
    }
}

/// What the report is about: a region or a base, by id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntityPick {
    Region(String),
    Base(String),
}

/// What is wrong with the form, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormProblem {
    /// `None`: the report as a whole (shown above the buttons).
    pub field: Option<FormField>,
    pub message: String,
}

impl FormProblem {
    pub fn at(field: FormField, message: impl Into<String>) -> Self {
        Self {
            field: Some(field),
            message: message.into(),
        }
    }
}

/// The form's check, as the app last made it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum FormCheck {
    /// Not checked yet.
    #[default]
    Unchecked,
    Problem(FormProblem),
    /// The report fits: what it changes in the file.
    Ready {
        diff: String,
        /// What else the report changes beyond its own lines: a track's
        /// record end that moves (every region and base without a later
        /// report then holds its last status until the new end).
        moves: Vec<String>,
    },
}

/// The calendar under a date field: which field, and the month shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Calendar {
    pub field: FormField,
    /// Any day of the month shown.
    pub month: Date,
}

/// Where to save a copy, typed, when the desktop has no file dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CopyPath {
    pub text: String,
    /// Why there is no dialog, shown above the field.
    pub reason: String,
}

/// The form's fields as typed, and what the app found in them.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordForm {
    pub kind: ReportKind,
    /// The track's id (for a milestone, blank: every track).
    pub track: String,
    pub entity: EntityPick,
    /// The first day the status holds (`YYYY-MM-DD`).
    pub from: String,
    /// Its last day; blank: until the next period, or open.
    pub to: String,
    /// The report's date; blank: the event date.
    pub as_of: String,
    /// The status's id.
    pub status: String,
    pub source: String,
    pub note: String,
    pub confidence: Option<Confidence>,
    pub disputed: String,
    /// A troop figure's group's id.
    pub group: String,
    pub low: String,
    /// Blank: the lowest (a single figure).
    pub high: String,
    /// An incident's place's id.
    pub site: String,
    pub title: String,
    pub detail: String,
    pub check: FormCheck,
    pub calendar: Option<Calendar>,
    pub copy_path: Option<CopyPath>,
}

impl RecordForm {
    /// The form as it opens: the shown track and date, the first region,
    /// everything else blank (the status too: it must be picked).
    pub fn new(scenario: &Scenario, track: TrackIdx, date: Date) -> Self {
        let region = scenario.regions.first().map(|r| r.id.clone()).unwrap_or_default();
        // No status until one is picked: a default (the shown one, often
        // "No report") would make recording the wrong thing one click away.
        let status = String::new();
        Self {
            kind: ReportKind::Period,
            track: scenario.tracks.get(track.0).map(|t| t.id.clone()).unwrap_or_default(),
            entity: EntityPick::Region(region),
            from: date_format::iso(date),
            to: String::new(),
            as_of: String::new(),
            status,
            source: String::new(),
            note: String::new(),
            confidence: None,
            disputed: String::new(),
            group: scenario.troop_groups.first().map(|g| g.id.clone()).unwrap_or_default(),
            low: String::new(),
            high: String::new(),
            site: scenario.bases().next().map(|(_, p)| p.id.clone()).unwrap_or_default(),
            title: String::new(),
            detail: String::new(),
            check: FormCheck::Unchecked,
            calendar: None,
            copy_path: None,
        }
    }

    /// The problem shown by `field`, if any.
    pub fn problem_at(&self, field: FormField) -> Option<&str> {
        match &self.check {
            FormCheck::Problem(p) if p.field == Some(field) => Some(&p.message),
            _ => None,
        }
    }

    /// The checks that need only the scenario (the record's engine checks
    /// the rest): every id known, every date a day of the range, the
    /// period not ending before it starts, a source named. Returns the
    /// dates read.
    pub fn check_fields(&self, scenario: &Scenario) -> Result<CheckedDates, FormProblem> {
        if scenario.track_idx(&self.track).is_none() {
            return Err(FormProblem::at(FormField::Track, "Pick a track"));
        }
        match &self.entity {
            EntityPick::Region(id) if scenario.region_idx(id).is_some() => {}
            EntityPick::Base(id) if scenario.bases().any(|(_, p)| p.id == *id) => {}
            _ => return Err(FormProblem::at(FormField::Entity, "Pick a region or a base")),
        }
        let range = scenario.range;
        let date = |field: FormField, text: &str| -> Result<Option<Date>, FormProblem> {
            if text.trim().is_empty() {
                return Ok(None);
            }
            range
                .parse_date_in(text)
                .map(Some)
                .map_err(|message| FormProblem::at(field, message))
        };
        let from = date(FormField::From, &self.from)?
            .ok_or_else(|| FormProblem::at(FormField::From, "Type the first day the status holds (YYYY-MM-DD)"))?;
        let to = date(FormField::To, &self.to)?;
        if let Some(to) = to
            && to < from
        {
            return Err(FormProblem::at(
                FormField::To,
                format!(
                    "{} is before the event date {}",
                    date_format::iso(to),
                    date_format::iso(from)
                ),
            ));
        }
        let as_of = date(FormField::AsOf, &self.as_of)?;
        if scenario.status_idx(&self.status).is_none() {
            return Err(FormProblem::at(FormField::Status, "Pick a status"));
        }
        if self.status == NO_REPORT_STATUS_ID {
            return Err(FormProblem::at(
                FormField::Status,
                "\"No report\" is not a report: the map says it by itself after the last report",
            ));
        }
        if self.source.trim().is_empty() {
            return Err(FormProblem::at(
                FormField::Source,
                "Name the source: outlet or authority, and the report's date",
            ));
        }
        Ok(CheckedDates { from, to, as_of })
    }

    /// The form as the record engine's report, after the checks that
    /// need only the scenario; with the track and day to show it on.
    pub fn report(&self, scenario: &Scenario) -> Result<FormReport, FormProblem> {
        let optional = |text: &str| Some(text.trim().to_owned()).filter(|t| !t.is_empty());
        if self.kind == ReportKind::Period {
            let dates = self.check_fields(scenario)?;
            let report = Report::Period(PeriodReport {
                track: self.track.clone(),
                entity: match &self.entity {
                    EntityPick::Region(id) => EntityRef::Region(id.clone()),
                    EntityPick::Base(id) => EntityRef::Base(id.clone()),
                },
                from: dates.from,
                to: dates.to,
                as_of: dates.as_of,
                status: self.status.clone(),
                source: self.source.trim().to_owned(),
                note: optional(&self.note),
                confidence: self.confidence,
                disputed: optional(&self.disputed),
            });
            return Ok(FormReport {
                report,
                track: scenario.track_idx(&self.track),
                date: dates.from,
            });
        }
        let date = scenario
            .range
            .parse_date_in(&self.from)
            .map_err(|message| FormProblem::at(FormField::From, message))?;
        let title = || optional(&self.title).ok_or_else(|| FormProblem::at(FormField::Title, "Give it a short title"));
        let source = || {
            optional(&self.source).ok_or_else(|| {
                FormProblem::at(
                    FormField::Source,
                    "Name the source: outlet or authority, and the report's date",
                )
            })
        };
        let (report, track) = match self.kind {
            ReportKind::Period => return Err(FormProblem::at(FormField::Track, "Pick a kind of report")),
            ReportKind::Troops => {
                let number = |field: FormField, text: &str| {
                    text.trim()
                        .replace(',', "")
                        .parse::<i64>()
                        .map_err(|_| FormProblem::at(field, format!("\"{}\" is not a number of troops", text.trim())))
                };
                let low = number(FormField::Low, &self.low)?;
                let high = match optional(&self.high) {
                    Some(high) => number(FormField::High, &high)?,
                    None => low,
                };
                let report = Report::Troops(TroopReport {
                    group: self.group.clone(),
                    date,
                    low,
                    high,
                    source: source()?,
                    note: optional(&self.note),
                    confidence: self.confidence,
                });
                (report, None)
            }
            ReportKind::Incident => {
                let report = Report::Incident(IncidentReport {
                    date,
                    site: IncidentSite::Place(self.site.clone()),
                    title: title()?,
                    detail: optional(&self.detail),
                    source: source()?,
                    confidence: self.confidence,
                    disputed: optional(&self.disputed),
                });
                (report, None)
            }
            ReportKind::Milestone => {
                let track = optional(&self.track);
                let report = Report::Milestone(MilestoneReport {
                    date,
                    title: title()?,
                    detail: optional(&self.detail),
                    source: source()?,
                    track: track.clone(),
                    confidence: self.confidence,
                    disputed: optional(&self.disputed),
                });
                (report, track.and_then(|t| scenario.track_idx(&t)))
            }
        };
        Ok(FormReport { report, track, date })
    }
}

/// The form as a report, and where the map shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct FormReport {
    pub report: Report,
    /// The track to show; `None`: the one shown.
    pub track: Option<TrackIdx>,
    /// The day to show.
    pub date: Date,
}

/// Where the form shows a problem the engine found.
pub fn form_field(field: ReportField) -> FormField {
    match field {
        ReportField::Track => FormField::Track,
        ReportField::Entity => FormField::Entity,
        ReportField::From | ReportField::Date => FormField::From,
        ReportField::To => FormField::To,
        ReportField::AsOf => FormField::AsOf,
        ReportField::Status => FormField::Status,
        ReportField::Source => FormField::Source,
        ReportField::Group => FormField::Group,
        ReportField::Low => FormField::Low,
        ReportField::High => FormField::High,
        ReportField::Site => FormField::Site,
        ReportField::Title => FormField::Title,
    }
}

/// The form's dates, read and checked against the range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CheckedDates {
    pub from: Date,
    pub to: Option<Date>,
    pub as_of: Option<Date>,
}
