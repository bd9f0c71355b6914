//! File → Record a report… (Ctrl+R): the form a briefer fills to add
//! tomorrow's report to the scenario, its calendar, the "Preview — not
//! saved" bar over the map, and the path field for a copy when no file
//! dialog can open. Throwaway builders: the form ([`RecordForm`]) lives in
//! the app, every edit comes back as [`RecordCommand::Edit`], and the app
//! checks it on each edit and writes what the problem is by its field.

use std::path::PathBuf;

use chrono::Datelike;
use egui::{Align2, Key, RichText, Ui};

use crate::model::{Confidence, Date, DateRange, PlaceKind, Scenario, TrackIdx, date_format};
use crate::record::{
    EntityRef, IncidentReport, IncidentSite, MilestoneReport, PeriodReport, Report, ReportField, TroopReport,
};
use crate::ui::Command;

/// The form's window title, and how tests find it.
pub const RECORD_TITLE: &str = "Record a report";

/// The File menu's entry.
pub const RECORD_MENU_LABEL: &str = "Record a report…";

/// The Edit menu's entry.
pub const UNDO_MENU_LABEL: &str = "Undo record";

/// What the bar over a previewed map says.
pub const PREVIEW_LABEL: &str = "Preview — not saved";

/// The form's buttons.
pub const PREVIEW_BUTTON: &str = "Preview on the map";
pub const SAVE_BUTTON: &str = "Save";
pub const CANCEL_BUTTON: &str = "Cancel";
/// The preview bar's way back to the form.
pub const BACK_BUTTON: &str = "Back to the form";

/// Accessible label of the path field for a copy of the embedded data.
pub const COPY_PATH_LABEL: &str = "Save the copy to";

/// The record form's commands (and undo, which outlives it).
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum RecordCommand {
    /// Ctrl+R: the form, on the shown track and date.
    Open,
    /// The form as edited: checked at once.
    Edit(Box<RecordForm>),
    /// Cancel / Esc: the form closes (a preview ends).
    Close,
    /// The form's change shown on the map, not saved.
    Preview,
    /// The preview bar's way back: the saved data again, the form open.
    EndPreview,
    /// Save into the opened scenario file; with the embedded data, ask
    /// where to save a copy.
    Save,
    /// The copy of the embedded data goes here (the dialog's answer).
    SaveCopyTo(PathBuf),
    /// No file dialog could open (the reason): the form offers a path
    /// field.
    PickCopyFailed(String),
    /// Save with the path field.
    SaveCopyTyped,
    /// Ctrl+Z: the last recorded change undone, on disk too.
    Undo,
}

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
    /// The form as it opens: the shown track and date, the first region
    /// and its status that day, everything else blank.
    pub fn new(scenario: &Scenario, track: TrackIdx, date: Date) -> Self {
        let region = scenario.regions.first().map(|r| r.id.clone()).unwrap_or_default();
        let status = scenario
            .status_on(track, crate::model::RegionIdx(0), date)
            .and_then(|s| scenario.statuses.get(s.0))
            .or(scenario.statuses.first())
            .map(|s| s.id.clone())
            .unwrap_or_default();
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

/// The form's window.
pub struct RecordFormView<'a> {
    pub form: &'a RecordForm,
    pub scenario: &'a Scenario,
    /// Where a save goes: the opened file, or `None` for the embedded
    /// data (a copy is asked for).
    pub target: Option<&'a std::path::Path>,
}

impl RecordFormView<'_> {
    pub fn ui(self, ui: &Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let mut form = self.form.clone();
        let mut open = true;
        egui::Window::new(RECORD_TITLE)
            .open(&mut open)
            .collapsible(false)
            // Sized to its content, at least as wide as a problem's line,
            // so that it does not jump as problems come and go.
            .resizable(false)
            .min_width(600.0)
            .anchor(Align2::RIGHT_TOP, egui::vec2(-16.0, 48.0))
            .show(ui.ctx(), |ui| {
                commands.extend(self.fields_ui(ui, &mut form));
            });
        // The check and the calendar are the app's to set: an edit is the
        // fields alone.
        let edited = RecordForm {
            check: self.form.check.clone(),
            ..form.clone()
        };
        if edited != *self.form {
            commands.insert(0, RecordCommand::Edit(Box::new(form)).into());
        }
        if !open {
            commands.push(RecordCommand::Close.into());
        }
        commands
    }

    fn fields_ui(&self, ui: &mut Ui, form: &mut RecordForm) -> Vec<Command> {
        let commands = Vec::new();
        let scenario = self.scenario;
        ui.horizontal(|ui| {
            ui.label("Report:");
            for kind in ReportKind::ALL {
                ui.selectable_value(&mut form.kind, kind, kind.label());
            }
        });
        ui.add_space(4.0);
        egui::Grid::new("record_form")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| match form.kind {
                ReportKind::Period => {
                    track_row(ui, form, scenario, false);
                    entity_row(ui, form, scenario);
                    for (field, hint) in [
                        (FormField::From, "the first day the status holds"),
                        (FormField::To, "blank: until the next period, or open"),
                        (FormField::AsOf, "blank: the event date"),
                    ] {
                        date_row(ui, form, field, hint, scenario.range);
                    }
                    status_row(ui, form, scenario);
                    text_row(ui, form, FormField::Source, SOURCE_HINT);
                    text_row(ui, form, FormField::Note, "caveats for the briefer (optional)");
                    confidence_row(ui, form);
                    text_row(ui, form, FormField::Disputed, DISPUTED_HINT);
                }
                ReportKind::Troops => {
                    let groups = scenario.troop_groups.iter().map(|g| (g.id.clone(), g.name.clone()));
                    id_combo_row(ui, form, FormField::Group, groups.collect());
                    date_row(ui, form, FormField::From, "the day the figure is for", scenario.range);
                    text_row(ui, form, FormField::Low, "2,500");
                    text_row(ui, form, FormField::High, "blank: a single figure");
                    text_row(ui, form, FormField::Source, SOURCE_HINT);
                    text_row(
                        ui,
                        form,
                        FormField::Note,
                        "about / fewer than / whose troops (optional)",
                    );
                    confidence_row(ui, form);
                }
                ReportKind::Incident => {
                    date_row(ui, form, FormField::From, "the day it happened", scenario.range);
                    let places = scenario.places.iter().map(|p| (p.id.clone(), p.name.clone()));
                    id_combo_row(ui, form, FormField::Site, places.collect());
                    text_row(ui, form, FormField::Title, "short: it labels a marker");
                    text_row(ui, form, FormField::Detail, "a sentence for the caption (optional)");
                    text_row(ui, form, FormField::Source, SOURCE_HINT);
                    confidence_row(ui, form);
                    text_row(ui, form, FormField::Disputed, DISPUTED_HINT);
                }
                ReportKind::Milestone => {
                    date_row(ui, form, FormField::From, "the day of the event", scenario.range);
                    track_row(ui, form, scenario, true);
                    text_row(ui, form, FormField::Title, "short: it labels a slider tick");
                    text_row(ui, form, FormField::Detail, "a sentence for the caption (optional)");
                    text_row(ui, form, FormField::Source, SOURCE_HINT);
                    confidence_row(ui, form);
                    text_row(ui, form, FormField::Disputed, DISPUTED_HINT);
                }
            });
        self.buttons_ui(ui, form, commands)
    }

    /// The copy's path (when asked for), the buttons and the diff.
    fn buttons_ui(&self, ui: &mut Ui, form: &mut RecordForm, mut commands: Vec<Command>) -> Vec<Command> {
        if let Some(copy) = &mut form.copy_path {
            ui.colored_label(ui.visuals().warn_fg_color, &copy.reason);
            ui.horizontal(|ui| {
                let label = ui.label(COPY_PATH_LABEL);
                let edit = egui::TextEdit::singleline(&mut copy.text).desired_width(380.0);
                let response = ui.add(edit).labelled_by(label.id);
                if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                    commands.push(RecordCommand::SaveCopyTyped.into());
                }
            });
            if let Some(problem) = self.form.problem_at(FormField::CopyPath) {
                ui.colored_label(ui.visuals().error_fg_color, problem);
            }
        }
        ui.separator();
        let ready = matches!(self.form.check, FormCheck::Ready { .. });
        let save_hint = self.target.map_or_else(
            || "The embedded data cannot change: asks where to save a copy, then opens it".to_owned(),
            |path| format!("Writes into {} (Ctrl+Z undoes)", path.display()),
        );
        ui.horizontal(|ui| {
            if ui
                .add_enabled(ready, egui::Button::new(PREVIEW_BUTTON))
                .on_hover_text("Shows the change on the map before saving")
                .clicked()
            {
                commands.push(RecordCommand::Preview.into());
            }
            if ui
                .add_enabled(ready, egui::Button::new(SAVE_BUTTON))
                .on_hover_text(save_hint)
                .clicked()
            {
                let save = if form.copy_path.is_some() {
                    RecordCommand::SaveCopyTyped
                } else {
                    RecordCommand::Save
                };
                commands.push(save.into());
            }
            if ui.button(CANCEL_BUTTON).on_hover_text("Esc").clicked() {
                commands.push(RecordCommand::Close.into());
            }
        });
        // Under the buttons, so that a long diff never pushes them out of
        // the window.
        match &self.form.check {
            FormCheck::Problem(FormProblem { field: None, message }) => {
                ui.colored_label(ui.visuals().error_fg_color, message);
            }
            FormCheck::Ready { diff } => {
                egui::CollapsingHeader::new("What changes in the file")
                    .default_open(false)
                    .show(ui, |ui| {
                        egui::ScrollArea::vertical().max_height(180.0).show(ui, |ui| {
                            ui.add(egui::Label::new(RichText::new(diff).monospace()).wrap());
                        });
                    });
            }
            FormCheck::Problem(_) | FormCheck::Unchecked => {}
        }
        commands
    }
}

/// The bar over a previewed map: it says the change is not saved, and
/// offers Save and the way back.
pub fn preview_bar_ui(ui: &Ui, target: Option<&std::path::Path>) -> Vec<Command> {
    let mut commands = Vec::new();
    egui::Area::new(egui::Id::unique("record_preview_bar"))
        .order(egui::Order::Foreground)
        .anchor(Align2::CENTER_TOP, egui::vec2(0.0, 44.0))
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    let color = ui.visuals().warn_fg_color;
                    ui.label(RichText::new(PREVIEW_LABEL).heading().strong().color(color));
                    let where_to = target.map_or_else(|| "a copy".to_owned(), |p| p.display().to_string());
                    if ui
                        .button(SAVE_BUTTON)
                        .on_hover_text(format!("Save into {where_to}"))
                        .clicked()
                    {
                        commands.push(RecordCommand::Save.into());
                    }
                    if ui.button(BACK_BUTTON).clicked() {
                        commands.push(RecordCommand::EndPreview.into());
                    }
                });
            });
        });
    commands
}

/// The hint of every source field.
const SOURCE_HINT: &str = "Outlet, 14 Mar 2026; another, 15 Mar 2026";

/// The hint of every disputed field.
const DISPUTED_HINT: &str = "the other version, and who reported it (optional)";

/// The track combo; a milestone may belong to every track (blank).
fn track_row(ui: &mut Ui, form: &mut RecordForm, scenario: &Scenario, every_track: bool) {
    let label = ui.label(FormField::Track.label());
    let track_name = |id: &str| {
        if id.is_empty() && every_track {
            return "every track".to_owned();
        }
        scenario
            .tracks
            .iter()
            .find(|t| t.id == id)
            .map_or_else(|| id.to_owned(), |t| t.name.clone())
    };
    egui::ComboBox::from_id_salt("record_track")
        .selected_text(track_name(&form.track))
        .show_ui(ui, |ui| {
            if every_track {
                ui.selectable_value(&mut form.track, String::new(), "every track");
            }
            for track in &scenario.tracks {
                ui.selectable_value(&mut form.track, track.id.clone(), &track.name);
            }
        })
        .response
        .labelled_by(label.id);
    ui.end_row();
    problem_row(ui, form, FormField::Track);
}

/// The region-or-base combo: regions first, then bases.
fn entity_row(ui: &mut Ui, form: &mut RecordForm, scenario: &Scenario) {
    let label = ui.label(FormField::Entity.label());
    egui::ComboBox::from_id_salt("record_entity")
        .selected_text(entity_name(scenario, &form.entity))
        .height(360.0)
        .show_ui(ui, |ui| {
            for region in &scenario.regions {
                let pick = EntityPick::Region(region.id.clone());
                ui.selectable_value(&mut form.entity, pick, &region.name);
            }
            ui.separator();
            for (_, base) in scenario.bases() {
                let pick = EntityPick::Base(base.id.clone());
                ui.selectable_value(&mut form.entity, pick, format!("{} (base)", base.name));
            }
        })
        .response
        .labelled_by(label.id);
    ui.end_row();
    problem_row(ui, form, FormField::Entity);
}

/// The status combo, in the words of a region or a base as picked.
fn status_row(ui: &mut Ui, form: &mut RecordForm, scenario: &Scenario) {
    let label = ui.label(FormField::Status.label());
    let kind = match form.entity {
        EntityPick::Region(_) => PlaceKind::City,
        EntityPick::Base(_) => PlaceKind::Base,
    };
    let status_label = |id: &str| {
        scenario
            .statuses
            .iter()
            .find(|s| s.id == id)
            .map_or_else(|| id.to_owned(), |s| s.label_for(kind).to_owned())
    };
    egui::ComboBox::from_id_salt("record_status")
        .selected_text(status_label(&form.status))
        .show_ui(ui, |ui| {
            for status in &scenario.statuses {
                ui.selectable_value(&mut form.status, status.id.clone(), status.label_for(kind));
            }
        })
        .response
        .labelled_by(label.id);
    ui.end_row();
    problem_row(ui, form, FormField::Status);
}

fn confidence_row(ui: &mut Ui, form: &mut RecordForm) {
    let label = ui.label(FormField::Confidence.label());
    let shown = form.confidence.map_or("not stated", Confidence::label);
    egui::ComboBox::from_id_salt("record_confidence")
        .selected_text(shown)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut form.confidence, None, "not stated");
            for c in Confidence::ALL {
                ui.selectable_value(&mut form.confidence, Some(c), c.label());
            }
        })
        .response
        .labelled_by(label.id);
    ui.end_row();
}

/// A combo of (id, name) choices: a troop figure's group, an incident's
/// place.
fn id_combo_row(ui: &mut Ui, form: &mut RecordForm, field: FormField, choices: Vec<(String, String)>) {
    let label = ui.label(field.label());
    let value = match field {
        FormField::Group => &mut form.group,
        _ => &mut form.site,
    };
    let shown = choices
        .iter()
        .find(|(id, _)| id == value)
        .map_or_else(|| value.clone(), |(_, name)| name.clone());
    egui::ComboBox::from_id_salt(("record_choice", field))
        .selected_text(shown)
        .height(360.0)
        .show_ui(ui, |ui| {
            for (id, name) in choices {
                ui.selectable_value(value, id, name);
            }
        })
        .response
        .labelled_by(label.id);
    ui.end_row();
    problem_row(ui, form, field);
}

/// What the entity combo shows for `pick`.
fn entity_name(scenario: &Scenario, pick: &EntityPick) -> String {
    match pick {
        EntityPick::Region(id) => scenario
            .regions
            .iter()
            .find(|r| r.id == *id)
            .map_or_else(|| id.clone(), |r| r.name.clone()),
        EntityPick::Base(id) => scenario
            .bases()
            .find(|(_, p)| p.id == *id)
            .map_or_else(|| id.clone(), |(_, p)| format!("{} (base)", p.name)),
    }
}

/// A row's problem, under it, in the error colour.
fn problem_row(ui: &mut Ui, form: &RecordForm, field: FormField) {
    if let Some(problem) = form.problem_at(field) {
        ui.label("");
        ui.colored_label(ui.visuals().error_fg_color, problem);
        ui.end_row();
    }
}

/// The text of a typed field.
fn text_mut(form: &mut RecordForm, field: FormField) -> &mut String {
    match field {
        FormField::From => &mut form.from,
        FormField::To => &mut form.to,
        FormField::AsOf => &mut form.as_of,
        FormField::Source => &mut form.source,
        FormField::Note => &mut form.note,
        FormField::Low => &mut form.low,
        FormField::High => &mut form.high,
        FormField::Title => &mut form.title,
        FormField::Detail => &mut form.detail,
        _ => &mut form.disputed,
    }
}

/// A labelled one-line text field.
fn text_row(ui: &mut Ui, form: &mut RecordForm, field: FormField, hint: &str) {
    let label = ui.label(field.label());
    let edit = egui::TextEdit::singleline(text_mut(form, field))
        .hint_text(hint)
        .desired_width(380.0);
    ui.add(edit).labelled_by(label.id);
    ui.end_row();
    problem_row(ui, form, field);
}

/// A date field: typed (`YYYY-MM-DD`), or picked on the calendar its
/// button opens under it.
fn date_row(ui: &mut Ui, form: &mut RecordForm, field: FormField, hint: &str, range: DateRange) {
    let label = ui.label(field.label());
    let typed = range.parse_date_in(text_mut(form, field)).ok();
    ui.horizontal(|ui| {
        let edit = egui::TextEdit::singleline(text_mut(form, field))
            .hint_text(hint)
            .desired_width(260.0);
        ui.add(edit).labelled_by(label.id);
        let open = form.calendar.is_some_and(|c| c.field == field);
        let button = ui
            .selectable_label(open, "Pick…")
            .on_hover_text(format!("Pick the {} on a calendar", field.label().to_lowercase()));
        button.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, open, calendar_button_label(field)));
        if button.clicked() {
            // Opens on the day typed, else the event date's month, else
            // the range's last month (where new reports go).
            let event = range.parse_date_in(&form.from).ok();
            form.calendar = (!open).then(|| Calendar {
                field,
                month: typed.or(event).unwrap_or(range.end),
            });
        }
    });
    ui.end_row();
    if let Some(calendar) = form.calendar.filter(|c| c.field == field) {
        ui.label("");
        if let Some(picked) = calendar_ui(ui, form, calendar, typed, range) {
            *text_mut(form, field) = date_format::iso(picked);
            form.calendar = None;
        }
        ui.end_row();
    }
    problem_row(ui, form, field);
}

/// The accessible label of a date field's calendar button.
pub fn calendar_button_label(field: FormField) -> String {
    format!("Calendar: {}", field.label())
}

/// A month of days: ‹ and › change the month; a day of the range is a
/// button. Returns the day picked.
fn calendar_ui(
    ui: &mut Ui,
    form: &mut RecordForm,
    calendar: Calendar,
    selected: Option<Date>,
    range: DateRange,
) -> Option<Date> {
    let mut picked = None;
    let first = calendar.month.with_day(1).unwrap_or(calendar.month);
    ui.vertical(|ui| {
        ui.horizontal(|ui| {
            if ui.small_button("‹").on_hover_text("Previous month").clicked()
                && let Some(prev) = first.checked_sub_months(chrono::Months::new(1))
            {
                form.calendar = Some(Calendar {
                    month: prev,
                    ..calendar
                });
            }
            ui.label(RichText::new(first.format("%B %Y").to_string()).strong());
            if ui.small_button("›").on_hover_text("Next month").clicked()
                && let Some(next) = first.checked_add_months(chrono::Months::new(1))
            {
                form.calendar = Some(Calendar {
                    month: next,
                    ..calendar
                });
            }
        });
        egui::Grid::new(("record_calendar", calendar.field))
            .num_columns(7)
            .spacing([2.0, 2.0])
            .show(ui, |ui| {
                for day in ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"] {
                    ui.weak(day);
                }
                ui.end_row();
                for _ in 0..first.weekday().num_days_from_monday() {
                    ui.label("");
                }
                let mut day = first;
                while day.month() == first.month() {
                    let button = egui::Button::selectable(selected == Some(day), day.day().to_string());
                    let response = ui.add_enabled(range.contains(day), button);
                    let name = date_format::long(day);
                    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
                    if response.clicked() {
                        picked = Some(day);
                    }
                    if day.weekday() == chrono::Weekday::Sun {
                        ui.end_row();
                    }
                    let Some(next) = day.succ_opt() else { break };
                    day = next;
                }
            });
    });
    picked
}
