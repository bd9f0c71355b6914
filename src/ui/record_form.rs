//! File → Record a report… (Ctrl+R): the form a briefer fills to add
//! tomorrow's report to the scenario, its calendar, the "Preview — not
//! saved" bar over the map, and the path field for a copy when no file
//! dialog can open. Throwaway builders: the form ([`RecordForm`]) lives in
//! the app, every edit comes back as [`RecordCommand::Edit`], and the app
//! checks it on each edit and writes what the problem is by its field.

use chrono::Datelike;
use egui::{Align2, Key, RichText, Ui};

use crate::model::printable::shown_path;
use crate::model::{Confidence, Date, DateRange, NO_REPORT_STATUS_ID, PlaceKind, Scenario, date_format};
use crate::ui::Command;
pub use crate::ui::command::RecordCommand;
pub use crate::ui::record_state::*;

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

/// The form's window.
pub struct RecordFormView<'a> {
    pub form: &'a RecordForm,
    pub scenario: &'a Scenario,
    /// Where a save goes: the opened file, or `None` for the embedded
    /// data (a copy is asked for).
    pub target: Option<&'a std::path::Path>,
}

/// The form's width, points: its fields and wrapped problems fit a
/// 1024-px window beside the map's edge.
const FORM_WIDTH: f32 = 600.0;

impl RecordFormView<'_> {
    pub fn ui(self, ui: &Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let mut form = self.form.clone();
        let mut open = true;
        // Never taller than the window (a 1024×768 projector): the fields
        // scroll inside it, and problems wrap at the form's width.
        let max_height = (ui.ctx().content_rect().height() - 96.0).max(160.0);
        egui::Window::new(RECORD_TITLE)
            .open(&mut open)
            .collapsible(false)
            // A fixed width, so that it does not jump as problems come
            // and go, and never wider than a 1024-px window can show.
            .resizable(false)
            .min_width(FORM_WIDTH)
            .max_width(FORM_WIDTH)
            .anchor(Align2::RIGHT_TOP, egui::vec2(-16.0, 48.0))
            .show(ui.ctx(), |ui| {
                egui::ScrollArea::vertical().max_height(max_height).show(ui, |ui| {
                    commands.extend(self.fields_ui(ui, &mut form));
                });
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
            |path| format!("Writes into {} (Ctrl+Z undoes)", shown_path(&path)),
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
            FormCheck::Ready { diff, moves } => {
                for line in moves {
                    ui.scope(|ui| {
                        ui.set_max_width(FORM_WIDTH);
                        ui.add(egui::Label::new(RichText::new(line).color(ui.visuals().warn_fg_color)).wrap());
                    });
                }
                egui::CollapsingHeader::new("What changes in the file")
                    .default_open(false)
                    .show(ui, |ui| {
                        // Half the window, so a long diff is read without
                        // scrolling a tiny pane; never under 180 points.
                        let height = (ui.ctx().content_rect().height() * 0.5).max(DIFF_MIN_HEIGHT);
                        egui::ScrollArea::vertical().max_height(height).show(ui, |ui| {
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
        // Top right, over the empty east of the map: at the top centre it
        // covered north-east Syria's bases, often what is being previewed.
        .anchor(Align2::RIGHT_TOP, egui::vec2(-16.0, 44.0))
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    let color = ui.visuals().warn_fg_color;
                    ui.label(RichText::new(PREVIEW_LABEL).heading().strong().color(color));
                    let where_to = target.map_or_else(|| "a copy".to_owned(), |p| shown_path(&p).to_string());
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
/// The diff pane's least height, in points.
const DIFF_MIN_HEIGHT: f32 = 180.0;
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
    let shown = if form.status.is_empty() {
        "Pick a status…".to_owned()
    } else {
        status_label(&form.status)
    };
    egui::ComboBox::from_id_salt("record_status")
        .selected_text(shown)
        .show_ui(ui, |ui| {
            // "No report" is what the map says after the last report, not
            // something a report states.
            for status in scenario.statuses.iter().filter(|s| s.id != NO_REPORT_STATUS_ID) {
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

/// How wide a problem's lines run before they wrap, points.
const PROBLEM_WIDTH: f32 = 440.0;

/// A row's problem, under it, in the error colour.
fn problem_row(ui: &mut Ui, form: &RecordForm, field: FormField) {
    if let Some(problem) = form.problem_at(field) {
        ui.label("");
        let text = RichText::new(problem).color(ui.visuals().error_fg_color);
        ui.scope(|ui| {
            ui.set_max_width(PROBLEM_WIDTH);
            ui.add(egui::Label::new(text).wrap());
        });
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
    // A stable id: a problem line appearing above must not move the
    // field's focus (typing would then reach the window's shortcuts).
    let edit = egui::TextEdit::singleline(text_mut(form, field))
        .id_salt(("record_field", field))
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
            .id_salt(("record_field", field))
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
