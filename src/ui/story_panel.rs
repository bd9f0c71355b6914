//! The story panel: the story's own fields, the stops in order, *Add this
//! view as a stop*, and the shown stop's editor (title, talking points,
//! hold, date, layout, track, view, hidden layers, reorder, duplicate,
//! delete, callouts), with Undo and Save. The list and the editor scroll
//! each on its own, so that a long brief does not push the editor away nor
//! long talking points the list. A throwaway builder over the open story;
//! every edit comes back as a [`StoryCommand`].

use egui::{Key, RichText, Ui};

use crate::story::Story;
use crate::ui::Command;
use crate::ui::command::StoryCommand;
use crate::ui::path_field::{PathField, TypedPath};
use crate::ui::story_fields::{DateField, STORY_DETAILS_LABEL, StopSettings, StoryFields, TrackChoice};

/// *Story → New blank story*: beside *New from the scenario*.
pub const NEW_BLANK_STORY_LABEL: &str = "New blank story";

/// Accessible label of the path field offered when no file dialog opens.
pub const SAVE_PATH_LABEL: &str = "Save the story to";

/// The panel's button that adds what the window shows as a stop.
pub const ADD_VIEW_LABEL: &str = "Add this view as a stop";
/// Accessible label of the shown stop's title field.
pub const TITLE_LABEL: &str = "Title";
/// Accessible label of the shown stop's talking points.
pub const NOTES_LABEL: &str = "Talking points";
/// Accessible label of the shown stop's hold, seconds.
pub const HOLD_LABEL: &str = "Hold (seconds)";
/// The button that arms the map: its next click places a callout.
pub const ADD_CALLOUT_LABEL: &str = "Add callout";
/// Accessible label of the new callout's text field.
pub const CALLOUT_TEXT_LABEL: &str = "Callout text";
pub const MOVE_UP_LABEL: &str = "Move stop up";
pub const MOVE_DOWN_LABEL: &str = "Move stop down";
pub const DUPLICATE_LABEL: &str = "Duplicate stop";
pub const DELETE_LABEL: &str = "Delete stop";
pub const UNDO_LABEL: &str = "Undo";
pub const SAVE_LABEL: &str = "Save story";

/// The callout tool: off, waiting for a click on the map, or typing the
/// text of one placed.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum CalloutEdit {
    #[default]
    Off,
    /// The next click on the map places a callout.
    Armed,
    /// Placed at this longitude and latitude; its text as typed.
    Typing { at: [f64; 2], text: String },
}

/// The panel over an open story.
#[must_use = "call .ui(ui) to show the panel"]
pub struct StoryPanel<'a> {
    pub story: &'a Story,
    /// Each stop's title as shown (its own, or the generated one).
    pub titles: &'a [String],
    /// Each stop's date as shown.
    pub dates: &'a [String],
    pub current: usize,
    /// The file's name, or "unsaved".
    pub file_name: &'a str,
    pub dirty: bool,
    pub can_undo: bool,
    pub callout: &'a CalloutEdit,
    pub save_path: Option<&'a TypedPath>,
    pub error: Option<&'a str>,
    /// The shown stop's date as typed, not applied yet.
    pub date_field: Option<&'a DateField>,
    /// Why the logo cannot be drawn.
    pub logo_problem: Option<&'a str>,
    /// The scenario's tracks, the default one's name, and whether it can
    /// compare two.
    pub tracks: &'a [TrackChoice],
    pub default_track: &'a str,
    pub can_compare: bool,
}

/// The share of the panel's height below its header the stop list may
/// take: the editor keeps the rest.
const LIST_SHARE: f32 = 0.4;
/// The share of the panel's height below its header the story's own
/// fields may take when open.
const DETAILS_SHARE: f32 = 0.45;
/// The height the stop list (and the story's fields) keep however short
/// the panel, points: about three stops.
const MIN_LIST_HEIGHT: f32 = 72.0;

impl StoryPanel<'_> {
    pub fn ui(self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.add_space(4.0);
        if self.story.title.trim().is_empty() {
            ui.heading(RichText::new("(untitled story)").weak());
        } else {
            ui.heading(&self.story.title);
        }
        let saved = if self.dirty { " · not saved" } else { "" };
        ui.weak(format!("{}{saved}", self.file_name));
        ui.horizontal_wrapped(|ui| {
            if ui
                .button(ADD_VIEW_LABEL)
                .on_hover_text("The date, track, zoom and pan, and hidden layers")
                .clicked()
            {
                commands.push(StoryCommand::AddView.into());
            }
            if ui
                .add_enabled(self.can_undo, egui::Button::new(UNDO_LABEL))
                .on_hover_text("Ctrl+Z")
                .clicked()
            {
                commands.push(StoryCommand::Undo.into());
            }
            if ui.button(SAVE_LABEL).on_hover_text("Ctrl+S").clicked() {
                commands.push(StoryCommand::Save.into());
            }
        });
        if let Some(typed) = self.save_path {
            let mut typed = typed.clone();
            let enter = PathField {
                typed: &mut typed,
                label: SAVE_PATH_LABEL,
            }
            .ui(ui);
            if Some(&typed.text) != self.save_path.map(|t| &t.text) {
                commands.push(StoryCommand::EditSavePath(typed.text.clone()).into());
            }
            if enter || ui.button("Save here").clicked() {
                commands.push(StoryCommand::SaveTyped.into());
            }
        }
        if let Some(error) = self.error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        egui::CollapsingHeader::new(STORY_DETAILS_LABEL)
            .id_salt("story_details")
            // A blank story starts with its fields: they are what it has.
            .default_open(self.story.stops.is_empty())
            .show(ui, |ui| {
                // Bounded and scrolling too: open on a short window, the
                // fields leave the stops their room.
                // Without stops they have the panel to themselves.
                let share = if self.story.stops.is_empty() {
                    1.0
                } else {
                    DETAILS_SHARE
                };
                let details_height = (ui.available_height() * share).max(MIN_LIST_HEIGHT);
                egui::ScrollArea::vertical()
                    .id_salt("story_details_fields")
                    .max_height(details_height)
                    .auto_shrink([false, true])
                    .show(ui, |ui| {
                        commands.extend(
                            StoryFields {
                                story: self.story,
                                logo_problem: self.logo_problem,
                            }
                            .ui(ui),
                        );
                    });
            });
        ui.separator();
        if self.story.stops.is_empty() {
            ui.weak("No stops yet: frame the map, pick the date, and add this view as a stop.");
            return commands;
        }
        ui.label(RichText::new(format!("Stops ({})", self.story.stops.len())).strong());
        let list_height = (ui.available_height() * LIST_SHARE).max(MIN_LIST_HEIGHT);
        egui::ScrollArea::vertical()
            .id_salt("story_stops")
            .max_height(list_height)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for (i, title) in self.titles.iter().enumerate() {
                    let date = self.dates.get(i).map_or("", String::as_str);
                    let text = format!("{}. {title}", i + 1);
                    let selected = i == self.current;
                    // One line a stop, its date at the right: a long title
                    // is cut (whole on hover), so that more stops show.
                    let row = egui::Button::selectable(selected, RichText::new(text).strong())
                        .right_text(RichText::new(date).weak())
                        .truncate()
                        .min_size(egui::vec2(ui.available_width(), 0.0));
                    let hover = format!("{}. {title}\n{date}", i + 1);
                    let response = ui.add(row).on_hover_text(hover);
                    if response.clicked() {
                        commands.push(StoryCommand::GoTo(i).into());
                    }
                    // The shown stop stays in sight when the clicker moves on.
                    if selected && self.current_changed(ui) {
                        response.scroll_to_me(None);
                    }
                }
            });
        ui.separator();
        let i = self.current;
        let title = self.titles.get(i).map_or("", String::as_str);
        // One line, cut (whole on hover), and the stop's buttons under it
        // outside the editor's scroll: they stay in view and in place
        // whatever the title, so that repeated clicks land on the same one.
        ui.add(egui::Label::new(RichText::new(format!("Stop {}: {title}", i + 1)).strong()).truncate());
        commands.extend(self.stop_actions_ui(ui, i));
        egui::ScrollArea::vertical()
            .id_salt("stop_editor")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                commands.extend(self.stop_editor_ui(ui, i));
            });
        commands
    }

    /// The shown stop's reorder, duplicate and delete buttons.
    fn stop_actions_ui(&self, ui: &mut Ui, i: usize) -> Vec<Command> {
        let mut commands = Vec::new();
        let len = self.story.stops.len();
        ui.horizontal_wrapped(|ui| {
            if ui.add_enabled(i > 0, egui::Button::new(MOVE_UP_LABEL)).clicked() {
                commands.push(StoryCommand::Move { from: i, to: i - 1 }.into());
            }
            if ui
                .add_enabled(i + 1 < len, egui::Button::new(MOVE_DOWN_LABEL))
                .clicked()
            {
                commands.push(StoryCommand::Move { from: i, to: i + 1 }.into());
            }
            if ui.button(DUPLICATE_LABEL).clicked() {
                commands.push(StoryCommand::Duplicate(i).into());
            }
            if ui.button(DELETE_LABEL).clicked() {
                commands.push(StoryCommand::Delete(i).into());
            }
        });
        commands
    }

    /// Whether the shown stop is another than at the last frame (kept in
    /// egui's memory under the panel's id).
    fn current_changed(&self, ui: &Ui) -> bool {
        let id = egui::Id::unique("story_panel_shown_stop");
        let last = ui.data_mut(|d| d.get_temp::<usize>(id));
        ui.data_mut(|d| d.insert_temp(id, self.current));
        last != Some(self.current)
    }

    /// The shown stop's fields and callouts.
    fn stop_editor_ui(&self, ui: &mut Ui, i: usize) -> Vec<Command> {
        let mut commands = Vec::new();
        let Some(stop) = self.story.stops.get(i) else {
            return commands;
        };
        let mut title = stop.title.clone().unwrap_or_default();
        let label = ui.label(TITLE_LABEL);
        let edit = egui::TextEdit::singleline(&mut title)
            .hint_text(self.titles.get(i).map_or("", String::as_str))
            .desired_width(f32::INFINITY);
        let response = ui.add(edit).labelled_by(label.id);
        if response.changed() {
            commands.push(StoryCommand::EditTitle(i, title).into());
        }
        let mut notes = stop.notes.clone();
        let label = ui.label(NOTES_LABEL);
        let edit = egui::TextEdit::multiline(&mut notes)
            .desired_rows(5)
            .desired_width(f32::INFINITY);
        let response = ui.add(edit).labelled_by(label.id);
        if response.changed() {
            commands.push(StoryCommand::EditNotes(i, notes).into());
        }
        ui.horizontal(|ui| {
            let label = ui.label(HOLD_LABEL);
            let mut hold = stop.hold_secs;
            let drag = egui::DragValue::new(&mut hold)
                .range(0.5..=600.0)
                .speed(0.5)
                .suffix(" s");
            if ui.add(drag).labelled_by(label.id).changed() {
                commands.push(StoryCommand::SetHold(i, hold).into());
            }
        });
        ui.separator();
        commands.extend(
            StopSettings {
                stop,
                index: i,
                date_field: self.date_field,
                tracks: self.tracks,
                default_track: self.default_track,
                can_compare: self.can_compare,
            }
            .ui(ui),
        );
        ui.separator();
        ui.label(RichText::new("Callouts").strong());
        for (c, callout) in stop.callouts.iter().enumerate() {
            ui.horizontal(|ui| {
                ui.label(&callout.text)
                    .on_hover_text(format!("{:.3}° E, {:.3}° N", callout.lonlat[0], callout.lonlat[1]));
                if ui.small_button("Remove").on_hover_text("Delete this callout").clicked() {
                    commands.push(StoryCommand::DeleteCallout { stop: i, callout: c }.into());
                }
            });
        }
        match self.callout {
            CalloutEdit::Off => {
                if ui
                    .button(ADD_CALLOUT_LABEL)
                    .on_hover_text("Then click the map where its arrow points")
                    .clicked()
                {
                    commands.push(StoryCommand::ToggleCalloutMode.into());
                }
            }
            CalloutEdit::Armed => {
                ui.colored_label(ui.visuals().warn_fg_color, "Click the map where the arrow points…");
                if ui.button("Cancel").clicked() {
                    commands.push(StoryCommand::ToggleCalloutMode.into());
                }
            }
            CalloutEdit::Typing { at, text } => {
                ui.label(format!("At {:.3}° E, {:.3}° N:", at[0], at[1]));
                let mut typed = text.clone();
                let label = ui.label(CALLOUT_TEXT_LABEL);
                let response = ui
                    .add(egui::TextEdit::singleline(&mut typed).hint_text("Reinforced again 11 Mar"))
                    .labelled_by(label.id);
                if !response.has_focus() && !response.lost_focus() && typed.is_empty() {
                    response.request_focus();
                    // Placed from the map: the field may be below the editor's fold.
                    response.scroll_to_me(None);
                }
                if typed != *text {
                    commands.push(StoryCommand::EditCalloutText(typed).into());
                }
                let enter = response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                ui.horizontal(|ui| {
                    if enter || ui.button("Place").clicked() {
                        commands.push(StoryCommand::CommitCallout.into());
                    }
                    if ui.button("Cancel").clicked() {
                        commands.push(StoryCommand::ToggleCalloutMode.into());
                    }
                });
            }
        }
        commands
    }
}
