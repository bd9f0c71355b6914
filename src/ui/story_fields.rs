//! The story panel's two forms: the story's own fields (title, subtitle,
//! classification with the usual markings offered, prepared by, logo) and
//! the shown stop's settings (date, layout, track, view, hidden layers).
//! Throwaway builders over the open story; every edit comes back as a
//! [`StoryCommand`], each problem is written under its field.

use egui::{RichText, Ui};

use crate::render::LayerSet;
use crate::story::edit::{MARKINGS, date_text, line_problem};
use crate::story::{GeoBox, Stop, StopLayout, Story};
use crate::ui::Command;
use crate::ui::command::{StoryCommand, StoryText};

/// The collapsing section that holds the story's own fields.
pub const STORY_DETAILS_LABEL: &str = "Story details";
/// Accessible labels of the story's own fields.
pub const STORY_TITLE_LABEL: &str = "Story title";
pub const SUBTITLE_LABEL: &str = "Subtitle";
pub const CLASSIFICATION_LABEL: &str = "Classification";
/// The menu of the usual markings beside the classification field.
pub const MARKINGS_LABEL: &str = "Markings";
pub const PREPARED_BY_LABEL: &str = "Prepared by";
pub const LOGO_LABEL: &str = "Logo (PNG)";
/// Opens the file dialog for the logo.
pub const CHOOSE_LOGO_LABEL: &str = "Choose logo…";

/// Accessible label of the shown stop's date field.
pub const STOP_DATE_LABEL: &str = "Stop date";
pub const SINGLE_LAYOUT_LABEL: &str = "One map";
pub const COMPARE_LAYOUT_LABEL: &str = "Compare side by side";
/// The combo of the scenario's tracks, for a single layout.
pub const STOP_TRACK_LABEL: &str = "Track";
pub const USE_VIEW_LABEL: &str = "Use the current view";
pub const HOME_VIEW_LABEL: &str = "Home view";
pub const USE_LAYERS_LABEL: &str = "Use the current layers";

/// The shown stop's date as typed, and why it was refused: kept apart
/// from the stop until it is a date the scenario has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateField {
    /// The stop it was typed for.
    pub stop: usize,
    pub text: String,
    /// Set when Enter (or leaving the field) found no date in it.
    pub problem: Option<String>,
}

/// A track the stop may show: its id (what the file writes) and its name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrackChoice {
    pub id: String,
    pub name: String,
}

/// The story's own fields.
#[must_use = "call .ui(ui) to show the fields"]
pub struct StoryFields<'a> {
    pub story: &'a Story,
    /// Why the logo cannot be drawn, from the last check of its file.
    pub logo_problem: Option<&'a str>,
}

impl StoryFields<'_> {
    pub fn ui(self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let story = self.story;
        text_row(
            ui,
            StoryText::Title,
            &story.title,
            "Coalition drawdown: where it stands",
            &mut commands,
        );
        let subtitle = story.subtitle.as_deref().unwrap_or("");
        text_row(ui, StoryText::Subtitle, subtitle, "optional", &mut commands);
        let classification = story.classification.as_ref().map_or("", |c| c.text.as_str());
        text_row(
            ui,
            StoryText::Classification,
            classification,
            "optional: the banner top and bottom",
            &mut commands,
        );
        ui.menu_button(MARKINGS_LABEL, |ui| {
            for text in MARKINGS {
                if ui.button(text).clicked() {
                    commands.push(StoryCommand::SetClassification(text.to_owned()).into());
                }
            }
        })
        .response
        .on_hover_text("The usual markings, in their banner colours; or type any other text (caveats after //)");
        let prepared_by = story.prepared_by.as_deref().unwrap_or("");
        text_row(ui, StoryText::PreparedBy, prepared_by, "optional", &mut commands);
        let logo = story
            .logo
            .as_ref()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default();
        // The logo: typed, or chosen beside the field; what is wrong with
        // the file right under it.
        let mut typed = logo.clone();
        let label = ui.label(LOGO_LABEL);
        ui.horizontal(|ui| {
            let choose = ui
                .button(CHOOSE_LOGO_LABEL)
                .on_hover_text("Pick the PNG; beside the story file, it is written relative to it");
            if choose.clicked() {
                commands.push(StoryCommand::PickLogo.into());
            }
            let edit = egui::TextEdit::singleline(&mut typed)
                .id(egui::Id::unique(("story_text_field", StoryText::Logo)))
                .hint_text("optional: relative to the story file")
                .desired_width(f32::INFINITY);
            if ui.add(edit).labelled_by(label.id).changed() {
                commands.push(StoryCommand::EditStoryText(StoryText::Logo, typed.clone()).into());
            }
        });
        let problem = line_problem(&typed)
            .filter(|_| !typed.trim().is_empty())
            .map(|problem| format!("{} {problem}", problem_name(StoryText::Logo)))
            .or_else(|| self.logo_problem.filter(|_| !logo.trim().is_empty()).map(str::to_owned));
        if let Some(problem) = problem {
            ui.colored_label(ui.visuals().error_fg_color, problem);
        }
        commands
    }
}

/// One of the story's one-line fields: its label, the field, and what
/// is wrong with the text under it (an optional field may be blank: it
/// is left out of the file).
fn text_row(ui: &mut Ui, which: StoryText, text: &str, hint: &str, commands: &mut Vec<Command>) {
    let mut typed = text.to_owned();
    let label = ui.label(field_label(which));
    let edit = egui::TextEdit::singleline(&mut typed)
        // Its own id, not one counted in the panel: the classification's
        // banner comes and goes as it is typed, which shifts the panel's
        // counted ids, and the field would lose the keyboard.
        .id(egui::Id::unique(("story_text_field", which)))
        .hint_text(hint)
        .desired_width(f32::INFINITY);
    if ui.add(edit).labelled_by(label.id).changed() {
        commands.push(StoryCommand::EditStoryText(which, typed.clone()).into());
    }
    let required = which == StoryText::Title;
    if let Some(problem) = line_problem(&typed).filter(|_| required || !typed.trim().is_empty()) {
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!("{} {problem}", problem_name(which)),
        );
    }
}

/// The field's label, also its accessible name.
fn field_label(which: StoryText) -> &'static str {
    match which {
        StoryText::Title => STORY_TITLE_LABEL,
        StoryText::Subtitle => SUBTITLE_LABEL,
        StoryText::Classification => CLASSIFICATION_LABEL,
        StoryText::PreparedBy => PREPARED_BY_LABEL,
        StoryText::Logo => LOGO_LABEL,
    }
}

/// The field's name in a problem under it.
fn problem_name(which: StoryText) -> &'static str {
    match which {
        StoryText::Title => "The title",
        StoryText::Subtitle => "The subtitle",
        StoryText::Classification => "The classification",
        StoryText::PreparedBy => "\"Prepared by\"",
        StoryText::Logo => "The logo's path",
    }
}

/// The shown stop's date, layout, track, view and hidden layers.
#[must_use = "call .ui(ui) to show the settings"]
pub struct StopSettings<'a> {
    pub stop: &'a Stop,
    /// Its place in the story, from 0.
    pub index: usize,
    /// The date as typed, when it is this stop's.
    pub date_field: Option<&'a DateField>,
    pub tracks: &'a [TrackChoice],
    /// The name of the track a stop without one shows.
    pub default_track: &'a str,
    /// Whether the scenario has two tracks to compare.
    pub can_compare: bool,
}

impl StopSettings<'_> {
    pub fn ui(self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        // One id whichever stop is shown: a grid new to egui asks for a
        // second layout pass, which would advance the move between stops.
        egui::Grid::new("stop_settings")
            .num_columns(2)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                self.date_row(ui, &mut commands);
                self.layout_rows(ui, &mut commands);
                self.view_rows(ui, &mut commands);
            });
        commands
    }

    /// The date as typed: applied on Enter (or leaving the field) when it
    /// is one, else the problem under it.
    fn date_row(&self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let (stop, i) = (self.stop, self.index);
        let field = self.date_field.filter(|f| f.stop == i);
        let mut typed = field.map_or_else(|| date_text(stop.date), |f| f.text.clone());
        let label = ui.label(STOP_DATE_LABEL);
        let edit = egui::TextEdit::singleline(&mut typed)
            .hint_text("YYYY-MM-DD or today")
            .desired_width(110.0);
        let response = ui
            .add(edit)
            .labelled_by(label.id)
            .on_hover_text("YYYY-MM-DD or today, then Enter");
        if response.changed() {
            commands.push(StoryCommand::EditDateText(i, typed.clone()).into());
        }
        if response.lost_focus() && (field.is_some() || response.changed()) {
            commands.push(StoryCommand::CommitDate(i).into());
        }
        ui.end_row();
        if let Some(problem) = field.and_then(|f| f.problem.as_deref()) {
            ui.label("");
            ui.colored_label(ui.visuals().error_fg_color, format!("Not applied: {problem}"));
            ui.end_row();
        }
    }

    /// One map or two, and the one map's track.
    fn layout_rows(&self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let (stop, i) = (self.stop, self.index);
        ui.label("Layout");
        ui.horizontal_wrapped(|ui| {
            if ui
                .radio(stop.layout == StopLayout::Single, SINGLE_LAYOUT_LABEL)
                .clicked()
            {
                commands.push(StoryCommand::SetLayout(i, StopLayout::Single).into());
            }
            let compare = ui
                .add_enabled(
                    self.can_compare,
                    egui::RadioButton::new(stop.layout == StopLayout::Compare, COMPARE_LAYOUT_LABEL),
                )
                .on_disabled_hover_text("The scenario has one track");
            if compare.clicked() {
                commands.push(StoryCommand::SetLayout(i, StopLayout::Compare).into());
            }
        });
        ui.end_row();
        let label = ui.label(STOP_TRACK_LABEL);
        // Not `add_enabled_ui`: its scope takes a grid cell's whole height.
        let name = |id: &str| {
            self.tracks
                .iter()
                .find(|t| t.id == id)
                .map_or_else(|| id.to_owned(), |t| t.name.clone())
        };
        let default = format!("{} (default)", self.default_track);
        let shown = stop.track.as_deref().map_or_else(|| default.clone(), name);
        let mut chosen = stop.track.clone();
        ui.horizontal(|ui| {
            if stop.layout != StopLayout::Single {
                ui.disable();
            }
            egui::ComboBox::from_id_salt("stop_track")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut chosen, None, default.as_str());
                    for track in self.tracks {
                        ui.selectable_value(&mut chosen, Some(track.id.clone()), &track.name);
                    }
                })
                .response
                .labelled_by(label.id)
                .on_disabled_hover_text("A comparison shows the scenario's two tracks");
        });
        if chosen != stop.track {
            commands.push(StoryCommand::SetTrack(i, chosen).into());
        }
        ui.end_row();
    }

    /// The view box and the hidden layers, each taken from the window.
    fn view_rows(&self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let (stop, i) = (self.stop, self.index);
        ui.label("View");
        ui.vertical(|ui| {
            ui.label(RichText::new(view_text(stop.view.as_ref())).weak());
            ui.horizontal_wrapped(|ui| {
                if ui
                    .button(USE_VIEW_LABEL)
                    .on_hover_text("The map's zoom and pan, as a longitude / latitude box")
                    .clicked()
                {
                    commands.push(StoryCommand::UseCurrentView(i).into());
                }
                if ui
                    .add_enabled(stop.view.is_some(), egui::Button::new(HOME_VIEW_LABEL))
                    .on_hover_text("The whole map")
                    .clicked()
                {
                    commands.push(StoryCommand::HomeView(i).into());
                }
            });
        });
        ui.end_row();
        ui.label("Layers");
        ui.vertical(|ui| {
            ui.label(RichText::new(hidden_text(stop.hide)).weak());
            if ui
                .button(USE_LAYERS_LABEL)
                .on_hover_text("Hide at this stop what View hides now")
                .clicked()
            {
                commands.push(StoryCommand::UseCurrentLayers(i).into());
            }
        });
        ui.end_row();
    }
}

/// "38.00° to 44.50° E, 32.00° to 37.50° N", or the home view.
fn view_text(view: Option<&GeoBox>) -> String {
    view.map_or_else(
        || "the home view (the whole map)".to_owned(),
        |b| {
            format!(
                "{:.2}° to {:.2}° E, {:.2}° to {:.2}° N",
                b.west, b.east, b.south, b.north
            )
        },
    )
}

/// "hidden: Incidents, Cities", or none.
fn hidden_text(hide: LayerSet) -> String {
    let names: Vec<&str> = hide.iter().map(crate::render::MapLayer::label).collect();
    if names.is_empty() {
        "none hidden".to_owned()
    } else {
        format!("hidden: {}", names.join(", "))
    }
}
