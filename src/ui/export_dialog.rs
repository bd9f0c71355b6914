//! The export dialog (Ctrl+E), the "replace the file?" question and the
//! progress window of a running sequence. Throwaway builders: the form's
//! choices ([`ExportForm`], in [`super::export_form`]) live in the app,
//! and every edit comes back as a command, like the rest of the window.

use egui::{Align2, RichText, Ui};

use crate::export::{FPS_RANGE, ImageFormat, MAX_SIDE_PX, OutputKind, frame_name_pattern};
use crate::inputs::LoadedInputs;
use crate::model::printable::shown_path;
use crate::model::{Date, TrackIdx};
use crate::render::{MapLayer, Theme};
use crate::ui::Command;
use crate::ui::command::ExportCommand;
use crate::ui::export_form::{ExportForm, ExportKind, SIZE_PRESETS};
use crate::ui::path_field::PathField;

/// Accessible label of the path field offered without a native dialog.
pub const PATH_FIELD_LABEL: &str = "Save to";

/// The dialog's checkbox for the troop-levels panel (the layer's label,
/// as for every layer).
#[cfg(feature = "testing")]
pub const TROOPS_CHECKBOX_LABEL: &str = MapLayer::TroopLevels.label();

/// The dialog's window over `form`; the edited form comes back as
/// [`ExportCommand::Edit`].
#[must_use = "call .ui(ui) to show the dialog"]
pub struct ExportDialog<'a> {
    pub form: &'a ExportForm,
    pub data: &'a LoadedInputs,
    pub track: TrackIdx,
    pub date: Date,
}

impl ExportDialog<'_> {
    pub fn ui(self, ui: &Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let mut form = self.form.clone();
        let mut open = true;
        egui::Window::new("Export")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .anchor(Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ui.ctx(), |ui| {
                ui.horizontal(|ui| {
                    for kind in ExportKind::ALL {
                        ui.selectable_value(&mut form.kind, kind, kind.label());
                    }
                });
                ui.separator();
                egui::Grid::new("export_grid")
                    .num_columns(2)
                    .spacing([12.0, 6.0])
                    .show(ui, |ui| self.choices_ui(ui, &mut form));
                self.summary_ui(ui, &form);
                let mut entered = false;
                if let Some(typed) = &mut form.typed_path {
                    entered = PathField {
                        typed,
                        label: PATH_FIELD_LABEL,
                    }
                    .ui(ui);
                }
                if let Some(error) = &form.error {
                    ui.colored_label(ui.visuals().error_fg_color, error);
                }
                ui.horizontal(|ui| {
                    let label = match (form.kind, form.typed_path.is_some()) {
                        (_, true) => "Save",
                        (ExportKind::Image | ExportKind::Deck | ExportKind::Book, false) => "Save as…",
                        (ExportKind::Sequence, false) => "Choose folder…",
                    };
                    if ui.button(RichText::new(label).strong()).clicked() || entered {
                        commands.push(if form.typed_path.is_some() {
                            ExportCommand::SaveTyped.into()
                        } else {
                            ExportCommand::Pick.into()
                        });
                    }
                    if ui.button("Cancel").clicked() {
                        commands.push(ExportCommand::Close.into());
                    }
                });
            });
        if form != *self.form {
            // Before the buttons' commands: "Save as…" uses what was chosen.
            commands.insert(0, ExportCommand::Edit(Box::new(form)).into());
        }
        if !open {
            commands.push(ExportCommand::Close.into());
        }
        commands
    }

    fn choices_ui(&self, ui: &mut Ui, form: &mut ExportForm) {
        if form.kind == ExportKind::Image {
            ui.label("Format");
            ui.horizontal(|ui| {
                for &(format, extension) in ImageFormat::ALL {
                    ui.radio_value(&mut form.image_format, format, extension.to_uppercase());
                }
            });
            ui.end_row();
        }
        ui.label("Size");
        ui.vertical(|ui| {
            for (i, (_, label)) in SIZE_PRESETS.iter().enumerate() {
                ui.radio_value(&mut form.preset, Some(i), *label);
            }
            ui.horizontal(|ui| {
                ui.radio_value(&mut form.preset, None, "Custom");
                ui.add(
                    egui::DragValue::new(&mut form.custom[0])
                        .range(16..=MAX_SIDE_PX)
                        .suffix(" px"),
                );
                ui.label("×");
                ui.add(
                    egui::DragValue::new(&mut form.custom[1])
                        .range(16..=MAX_SIDE_PX)
                        .suffix(" px"),
                );
            });
        });
        ui.end_row();
        ui.label("Theme");
        ui.horizontal(|ui| {
            for t in Theme::ALL {
                ui.selectable_value(&mut form.theme, t, t.label());
            }
        });
        ui.end_row();
        ui.label("Content");
        ui.vertical(|ui| {
            for layer in MapLayer::ALL {
                let mut shown = form.layers.contains(layer);
                if ui.checkbox(&mut shown, layer.label()).changed() {
                    form.layers.toggle(layer);
                }
            }
            ui.checkbox(&mut form.transparent, "Transparent background");
            // A story's stops choose their own layout.
            if self.data.scenario.tracks.len() > 1 && !form.is_story() {
                ui.checkbox(&mut form.compare, "Both tracks side by side");
            }
        });
        ui.end_row();
        if let (true, Some(from_story)) = (form.kind.is_sequence(), form.from_story.as_mut()) {
            ui.label("Source");
            ui.horizontal(|ui| {
                ui.radio_value(from_story, false, "This view's dates");
                ui.radio_value(from_story, true, "The story's stops");
            });
            ui.end_row();
        }
        if form.kind.is_sequence() && !form.is_story() {
            ui.label("Dates");
            ui.horizontal(|ui| {
                ui.add(egui::TextEdit::singleline(&mut form.from).desired_width(90.0));
                ui.label("to");
                ui.add(egui::TextEdit::singleline(&mut form.to).desired_width(90.0));
            });
            ui.end_row();
            ui.label("Frames");
            ui.vertical(|ui| {
                ui.checkbox(&mut form.milestones, "One per milestone");
                ui.add_enabled_ui(!form.milestones, |ui| {
                    ui.horizontal(|ui| {
                        ui.label("Every");
                        ui.add(egui::TextEdit::singleline(&mut form.step).desired_width(40.0))
                            .on_hover_text("1d, 1w, 1m, or N days/weeks/months: 3d, 2w, 6m");
                    });
                });
            });
            ui.end_row();
        }
        if form.kind == ExportKind::Sequence {
            ui.label("Write");
            ui.vertical(|ui| {
                for kind in OutputKind::IN_FOLDER {
                    let mut on = form.writes(kind);
                    if ui.checkbox(&mut on, kind.label()).changed() {
                        form.set_writes(kind, on);
                    }
                }
                let animated = form.writes(OutputKind::Gif) || form.writes(OutputKind::Mp4);
                ui.add_enabled_ui(animated, |ui| {
                    ui.horizontal(|ui| {
                        ui.add(egui::DragValue::new(&mut form.fps).range(FPS_RANGE));
                        ui.label("frames/s");
                    });
                });
            });
            ui.end_row();
        }
    }

    /// The file name and size (an image) or the frames' names (a sequence).
    fn summary_ui(&self, ui: &mut Ui, form: &ExportForm) {
        let tracks = form.tracks(self.track, &self.data.scenario);
        let [w, h] = form.options().output_size_px();
        let label = tracks.file_label(&self.data.scenario);
        let text = match form.kind {
            ExportKind::Image => format!(
                "{} · {w}×{h} px",
                form.image_file_name(self.data, self.track, self.date)
            ),
            ExportKind::Sequence => {
                let names: Vec<String> = form
                    .writes
                    .iter()
                    .map(|&kind| match kind {
                        OutputKind::Frames => format!("frames named {}", frame_name_pattern(&label)),
                        _ => form.sequence_file_name(&label, self.data, kind.extension()),
                    })
                    .collect();
                if names.is_empty() {
                    "Choose what to write".to_owned()
                } else {
                    format!("{} · {w}×{h} px", names.join(", "))
                }
            }
            ExportKind::Deck => format!("{} · 16:9 slides", form.sequence_file_name(&label, self.data, "pptx")),
            ExportKind::Book => format!(
                "{} · a page per date",
                form.sequence_file_name(&label, self.data, "pdf")
            ),
        };
        ui.weak(text);
    }
}

/// Asks before replacing a file. Returns Some(true) to replace, Some(false)
/// to keep it.
pub fn confirm_overwrite_ui(ui: &Ui, path: &std::path::Path) -> Option<bool> {
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("confirm_overwrite")).show(ui.ctx(), |ui| {
        ui.heading("Replace the file?");
        ui.label(format!("{} already exists.", shown_path(&path)));
        ui.horizontal(|ui| {
            if ui.button("Replace").clicked() {
                answer = Some(true);
            }
            if ui.button("Keep it").clicked() {
                answer = Some(false);
            }
        });
    });
    answer
}

/// Progress of a running sequence (`done` of `total` frames), with a
/// Cancel button.
pub fn export_progress_ui(ui: &Ui, done: usize, total: usize) -> Option<Command> {
    let mut cancel = false;
    egui::Window::new("Exporting")
        .collapsible(false)
        .resizable(false)
        .anchor(Align2::RIGHT_BOTTOM, egui::vec2(-16.0, -16.0))
        .show(ui.ctx(), |ui| {
            #[expect(clippy::cast_precision_loss, reason = "a progress fraction")]
            let fraction = done as f32 / total.max(1) as f32;
            ui.add(
                egui::ProgressBar::new(fraction)
                    .text(format!("{done} / {total} frames"))
                    .desired_width(260.0),
            );
            if ui.button("Cancel").clicked() {
                cancel = true;
            }
        });
    cancel.then_some(ExportCommand::Cancel.into())
}
