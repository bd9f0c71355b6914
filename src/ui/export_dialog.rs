//! The export dialog (Ctrl+E), the "replace the file?" question and the
//! progress window of a running sequence. Throwaway builders: the form's
//! choices ([`ExportForm`]) live in the app, and every edit comes back as
//! a command, like the rest of the window.

use egui::{Align2, Key, RichText, Ui};

use crate::export::{
    DEFAULT_GIF_FPS, DEFAULT_SIZE_PX, ExportOptions, ExportView, FPS_RANGE, ImageFormat, MAX_SIDE_PX, OutputKind,
    PageSize, default_file_name, frame_name_pattern, gif_file_name,
};
use crate::inputs::LoadedInputs;
use crate::model::{Date, DateRange, Scenario, TrackIdx, TrackLayout};
use crate::render::{LayerSet, MapLayer, Theme};
use crate::ui::Command;
use crate::ui::command::ExportCommand;

/// Size presets of the dialog, pixels.
pub const SIZE_PRESETS: [([u32; 2], &str); 3] = [
    ([1280, 720], "1280 × 720 (HD)"),
    (DEFAULT_SIZE_PX, "1920 × 1080 (Full HD)"),
    ([3840, 2160], "3840 × 2160 (4K)"),
];

/// The dialog's checkbox for the troop-levels panel (the layer's label,
/// as for every layer).
#[cfg(feature = "testing")]
pub const TROOPS_CHECKBOX_LABEL: &str = MapLayer::TroopLevels.label();

/// What to export: one picture, or a run of dates as frames, a slide
/// deck or a briefing book.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// The shown date as one PNG, SVG or PDF.
    Image,
    /// PNG frames, an animated GIF and/or an MP4 video, into a folder.
    Sequence,
    /// A PowerPoint deck: a slide per date, with speaker notes.
    Deck,
    /// A PDF briefing book: a page per date, a bookmark per milestone.
    Book,
}

impl ExportKind {
    /// In the dialog's order.
    pub const ALL: [Self; 4] = [Self::Image, Self::Sequence, Self::Deck, Self::Book];

    /// The dialog's tab.
    pub fn label(self) -> &'static str {
        match self {
            Self::Image => "Image",
            Self::Sequence => "Sequence",
            Self::Deck => "Slides (PPTX)",
            Self::Book => "Briefing book (PDF)",
        }
    }

    /// Whether the export covers a run of dates (the dates and frames rows).
    pub fn is_sequence(self) -> bool {
        !matches!(self, Self::Image)
    }

    /// The one output of a document (a deck, a book) written to the
    /// chosen file.
    pub fn document(self) -> Option<OutputKind> {
        match self {
            Self::Deck => Some(OutputKind::Pptx),
            Self::Book => Some(OutputKind::PdfBook),
            Self::Image | Self::Sequence => None,
        }
    }
}

/// The dialog's choices; lives in the app while the dialog is open.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportForm {
    pub kind: ExportKind,
    /// Index into [`SIZE_PRESETS`]; None: custom.
    pub preset: Option<usize>,
    pub custom: [u32; 2],
    pub theme: Theme,
    /// The layers drawn over the map.
    pub layers: LayerSet,
    pub transparent: bool,
    pub compare: bool,
    pub from: String,
    pub to: String,
    pub step: String,
    pub milestones: bool,
    /// An image's format (its file name's extension).
    pub image_format: ImageFormat,
    /// What a sequence writes into its folder (of
    /// [`OutputKind::IN_FOLDER`]), in [`OutputKind::ALL`] order.
    pub writes: Vec<OutputKind>,
    /// Frames a second of the GIF and the video.
    pub fps: u16,
    /// Why the last attempt failed, shown in the dialog.
    pub error: Option<String>,
    /// The path field shown where no native dialog can open.
    pub typed_path: Option<TypedPath>,
    /// Where a sequence, a deck or a book takes its frames when a story
    /// is open: `Some(true)` the story's stops, `Some(false)` the dates
    /// of this view; `None` (no story open) offers no choice.
    pub from_story: Option<bool>,
}

/// Where to save, typed: what the dialog offers when the desktop has no
/// file dialog, so that *Save as…* never just does nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypedPath {
    /// The path as typed (it opens as the proposed folder and name).
    pub text: String,
    /// Why there is no native dialog, shown above the field.
    pub reason: String,
}

/// Accessible label of the path field.
pub const PATH_FIELD_LABEL: &str = "Save to";

impl ExportForm {
    /// The form as it opens: the window's theme, layers and layout, an
    /// image, a year of weekly frames from `date` for a sequence.
    pub fn new(theme: Theme, layers: LayerSet, compare: bool, range: DateRange, date: Date) -> Self {
        Self {
            kind: ExportKind::Image,
            preset: Some(1),
            custom: [1600, 900],
            theme,
            layers,
            transparent: false,
            compare,
            from: date.to_string(),
            to: range.end.min(date + chrono::Days::new(365)).to_string(),
            step: "1w".to_owned(),
            milestones: false,
            image_format: ImageFormat::Png,
            writes: vec![OutputKind::Frames],
            fps: DEFAULT_GIF_FPS,
            error: None,
            typed_path: None,
            from_story: None,
        }
    }

    /// Whether the sequence, deck or book is the open story's.
    pub fn is_story(&self) -> bool {
        self.kind.is_sequence() && self.from_story == Some(true)
    }

    pub fn options(&self) -> ExportOptions {
        ExportOptions {
            size_px: self
                .preset
                .and_then(|i| SIZE_PRESETS.get(i))
                .map_or(self.custom, |(s, _)| *s),
            scale: 1.0,
            theme: self.theme,
            layers: self.layers,
            transparent: self.transparent,
            today: None,
            view: ExportView::default(),
            page: PageSize::default(),
        }
    }

    /// Whether the sequence writes `kind` into its folder.
    pub fn writes(&self, kind: OutputKind) -> bool {
        self.writes.contains(&kind)
    }

    /// Writes `kind` into the sequence's folder, or not.
    pub fn set_writes(&mut self, kind: OutputKind, on: bool) {
        self.writes.retain(|&k| k != kind);
        if on {
            self.writes.push(kind);
            self.writes.sort_unstable();
        }
    }

    pub fn tracks(&self, track: TrackIdx, scenario: &Scenario) -> TrackLayout {
        TrackLayout::shown(self.compare, track, scenario)
    }

    /// The proposed name of an image of `date`, in the chosen format.
    pub fn image_file_name(&self, data: &LoadedInputs, track: TrackIdx, date: Date) -> String {
        let name = default_file_name(data, self.tracks(track, &data.scenario), date);
        with_extension(&name, self.image_format.extension())
    }

    /// The proposed name of the sequence's GIF, video, deck or book: the
    /// tracks' label and the dates as typed (the day's date where they do
    /// not parse yet; the export itself refuses them).
    pub fn sequence_file_name(&self, label: &str, data: &LoadedInputs, extension: &str) -> String {
        let range = data.scenario.range;
        let parse = |text: &str| range.parse_date_in(text).unwrap_or(range.start);
        with_extension(&gif_file_name(label, parse(&self.from), parse(&self.to)), extension)
    }
}

/// `name` with its extension replaced by `extension`.
fn with_extension(name: &str, extension: &str) -> String {
    std::path::Path::new(name)
        .with_extension(extension)
        .to_string_lossy()
        .into_owned()
}

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
                    entered = typed_path_ui(ui, typed);
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
            if self.data.scenario.tracks.len() > 1 {
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

/// Why there is no file dialog, and the path field; whether Enter was
/// pressed in it.
fn typed_path_ui(ui: &mut Ui, typed: &mut TypedPath) -> bool {
    ui.colored_label(ui.visuals().warn_fg_color, &typed.reason);
    ui.horizontal(|ui| {
        let label = ui.label(PATH_FIELD_LABEL);
        let edit = egui::TextEdit::singleline(&mut typed.text).desired_width(420.0);
        let response = ui.add(edit).labelled_by(label.id);
        response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter))
    })
    .inner
}

/// Asks before replacing a file. Returns Some(true) to replace, Some(false)
/// to keep it.
pub fn confirm_overwrite_ui(ui: &Ui, path: &std::path::Path) -> Option<bool> {
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("confirm_overwrite")).show(ui.ctx(), |ui| {
        ui.heading("Replace the file?");
        ui.label(format!("{} already exists.", path.display()));
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
