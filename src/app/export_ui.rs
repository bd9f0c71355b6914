//! Exporting from the GUI: the export dialog (Ctrl+E), overwrite
//! confirmation, background sequence jobs with progress and cancel, and
//! copying the map to the clipboard (Ctrl+Shift+C). The pixels come from
//! the same exporter as `drawdown export`.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;

use egui::{Align2, RichText, Ui};

use crate::atomic_write::write_file;
use crate::data::MapData;
use crate::export::sequence::{SequenceRequest, Step, export_sequence, milestone_dates};
use crate::export::{
    DEFAULT_GIF_FPS, ExportOptions, default_file_name, frame_name_pattern, gif_file_name, render_image, render_png,
};
use crate::model::{Date, DateRange, Scenario, TrackIdx, TrackLayout};
use crate::render::Theme;
use crate::ui::Command;

/// Size presets of the dialog, pixels.
pub const SIZE_PRESETS: [([u32; 2], &str); 3] = [
    ([1280, 720], "1280 × 720 (HD)"),
    ([1920, 1080], "1920 × 1080 (Full HD)"),
    ([3840, 2160], "3840 × 2160 (4K)"),
];

/// What to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    Image,
    Sequence,
}

/// The dialog's choices; lives while the dialog is open.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportDialog {
    pub kind: ExportKind,
    /// Index into [`SIZE_PRESETS`]; None: custom.
    pub preset: Option<usize>,
    pub custom: [u32; 2],
    pub theme: Theme,
    pub legend: bool,
    pub transparent: bool,
    pub compare: bool,
    pub from: String,
    pub to: String,
    pub step: String,
    pub milestones: bool,
    pub gif: bool,
    pub fps: u16,
    pub error: Option<String>,
}

impl ExportDialog {
    pub fn new(theme: Theme, compare: bool, range: DateRange, date: Date) -> Self {
        Self {
            kind: ExportKind::Image,
            preset: Some(1),
            custom: [1600, 900],
            theme,
            legend: true,
            transparent: false,
            compare,
            from: date.to_string(),
            to: range.end.min(date + chrono::Days::new(365)).to_string(),
            step: "1w".to_owned(),
            milestones: false,
            gif: false,
            fps: DEFAULT_GIF_FPS,
            error: None,
        }
    }

    pub fn options(&self) -> ExportOptions {
        ExportOptions {
            size_px: self
                .preset
                .and_then(|i| SIZE_PRESETS.get(i))
                .map_or(self.custom, |(s, _)| *s),
            scale: 1.0,
            theme: self.theme,
            legend: self.legend,
            transparent: self.transparent,
        }
    }

    pub fn tracks(&self, track: TrackIdx, scenario: &Scenario) -> TrackLayout {
        TrackLayout::shown(self.compare, track, scenario)
    }
}

/// A sequence export running on a worker thread.
pub struct ExportJob {
    pub done: Arc<AtomicUsize>,
    pub total: usize,
    pub cancel: Arc<AtomicBool>,
    handle: Option<JoinHandle<Result<String, String>>>,
}

impl ExportJob {
    /// The job's outcome once it finished (then it is over).
    pub fn finished(&mut self) -> Option<Result<String, String>> {
        if !self.handle.as_ref().is_some_and(JoinHandle::is_finished) {
            return None;
        }
        let handle = self.handle.take()?;
        Some(
            handle
                .join()
                .unwrap_or_else(|_| Err("the export stopped unexpectedly".to_owned())),
        )
    }
}

/// Writes one image; `force` replaces an existing file. Returns the notice.
pub fn export_image(
    data: &MapData,
    tracks: TrackLayout,
    date: Date,
    opts: &ExportOptions,
    path: &Path,
    force: bool,
) -> Result<String, String> {
    let bytes = render_png(data, tracks, date, opts).map_err(|e| e.to_string())?;
    write_file(path, &bytes, force).map_err(|e| e.to_string())?;
    Ok(format!("Exported {}", path.display()))
}

/// Starts a sequence export on a worker thread.
pub fn start_sequence(data: &MapData, request: SequenceRequest) -> ExportJob {
    let done = Arc::new(AtomicUsize::new(0));
    let cancel = Arc::new(AtomicBool::new(false));
    let total = request.dates.len();
    let (done_w, cancel_w) = (done.clone(), cancel.clone());
    let data = data.clone();
    let handle = std::thread::spawn(move || {
        let progress = || {
            done_w.fetch_add(1, Ordering::Relaxed);
        };
        let outcome = export_sequence(&data, &request, &progress, &cancel_w).map_err(|e| e.to_string())?;
        let gif = outcome.gif.map(|g| format!(" and {}", g.display())).unwrap_or_default();
        Ok(format!(
            "Exported {} frames to {}{gif}",
            outcome.frames.len(),
            request.out_dir.display()
        ))
    });
    ExportJob {
        done,
        total,
        cancel,
        handle: Some(handle),
    }
}

/// The sequence the dialog describes.
pub fn sequence_request(
    dialog: &ExportDialog,
    data: &MapData,
    track: TrackIdx,
    out_dir: PathBuf,
    force: bool,
) -> Result<SequenceRequest, String> {
    let range = data.scenario.range;
    let parse = |text: &str, what: &str| range.parse_date_in(text).map_err(|e| format!("{what}: {e}"));
    let (from, to) = (parse(&dialog.from, "From")?, parse(&dialog.to, "To")?);
    if to < from {
        return Err(format!("To {to} is before From {from}"));
    }
    let tracks = dialog.tracks(track, &data.scenario);
    let dates = if dialog.milestones {
        milestone_dates(&data.scenario, tracks, from, to).map_err(|e| e.to_string())?
    } else {
        let step: Step = dialog.step.parse().map_err(|e| format!("Every: {e}"))?;
        step.dates(from, to).map_err(|e| e.to_string())?
    };
    let gif = dialog
        .gif
        .then(|| out_dir.join(gif_file_name(&tracks.file_label(&data.scenario), from, to)));
    Ok(SequenceRequest {
        tracks,
        dates,
        out_dir,
        gif,
        fps: dialog.fps,
        force,
        opts: dialog.options(),
    })
}

/// The image Ctrl+Shift+C puts on the clipboard: the current map rendered
/// like a 1920×1080 slide.
pub fn clipboard_image(
    data: &MapData,
    tracks: TrackLayout,
    date: Date,
    theme: Theme,
) -> Result<egui::ColorImage, String> {
    let opts = ExportOptions {
        theme,
        ..ExportOptions::default()
    };
    let image = render_image(data, tracks, date, &opts).map_err(|e| e.to_string())?;
    let size = [
        usize::try_from(image.width).unwrap_or(0),
        usize::try_from(image.height).unwrap_or(0),
    ];
    Ok(egui::ColorImage::from_rgba_unmultiplied(size, &image.pixels))
}

/// Copies the current map to the clipboard; returns the notice.
pub fn copy_to_clipboard(
    ctx: &egui::Context,
    data: &MapData,
    tracks: TrackLayout,
    date: Date,
    theme: Theme,
) -> Result<String, String> {
    let image = clipboard_image(data, tracks, date, theme)?;
    let [w, h] = image.size;
    ctx.copy_image(image);
    Ok(format!("Copied the map ({w}×{h}) to the clipboard"))
}

/// The dialog's window. Returns commands; edits the dialog in place.
pub fn dialog_ui(ui: &Ui, dialog: &mut ExportDialog, data: &MapData, track: TrackIdx, date: Date) -> Vec<Command> {
    let mut commands = Vec::new();
    let mut open = true;
    egui::Window::new("Export")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .anchor(Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ui.ctx(), |ui| {
            ui.horizontal(|ui| {
                ui.selectable_value(&mut dialog.kind, ExportKind::Image, "Image (PNG)");
                ui.selectable_value(&mut dialog.kind, ExportKind::Sequence, "Sequence (PNGs, GIF)");
            });
            ui.separator();
            egui::Grid::new("export_grid")
                .num_columns(2)
                .spacing([12.0, 6.0])
                .show(ui, |ui| {
                    ui.label("Size");
                    ui.vertical(|ui| {
                        for (i, (_, label)) in SIZE_PRESETS.iter().enumerate() {
                            ui.radio_value(&mut dialog.preset, Some(i), *label);
                        }
                        ui.horizontal(|ui| {
                            ui.radio_value(&mut dialog.preset, None, "Custom");
                            let max = crate::export::MAX_SIDE_PX;
                            ui.add(
                                egui::DragValue::new(&mut dialog.custom[0])
                                    .range(16..=max)
                                    .suffix(" px"),
                            );
                            ui.label("×");
                            ui.add(
                                egui::DragValue::new(&mut dialog.custom[1])
                                    .range(16..=max)
                                    .suffix(" px"),
                            );
                        });
                    });
                    ui.end_row();
                    ui.label("Theme");
                    ui.horizontal(|ui| {
                        for t in Theme::ALL {
                            ui.selectable_value(&mut dialog.theme, t, t.label());
                        }
                    });
                    ui.end_row();
                    ui.label("Content");
                    ui.vertical(|ui| {
                        ui.checkbox(&mut dialog.legend, "Legend");
                        ui.checkbox(&mut dialog.transparent, "Transparent background");
                        if data.scenario.tracks.len() > 1 {
                            ui.checkbox(&mut dialog.compare, "Both tracks side by side");
                        }
                    });
                    ui.end_row();
                    if dialog.kind == ExportKind::Sequence {
                        ui.label("Dates");
                        ui.horizontal(|ui| {
                            ui.add(egui::TextEdit::singleline(&mut dialog.from).desired_width(90.0));
                            ui.label("to");
                            ui.add(egui::TextEdit::singleline(&mut dialog.to).desired_width(90.0));
                        });
                        ui.end_row();
                        ui.label("Frames");
                        ui.vertical(|ui| {
                            ui.checkbox(&mut dialog.milestones, "One per milestone");
                            ui.add_enabled_ui(!dialog.milestones, |ui| {
                                ui.horizontal(|ui| {
                                    ui.label("Every");
                                    ui.add(egui::TextEdit::singleline(&mut dialog.step).desired_width(40.0))
                                        .on_hover_text("1d, 1w, 1m, or N days/weeks/months: 3d, 2w, 6m");
                                });
                            });
                            ui.horizontal(|ui| {
                                ui.checkbox(&mut dialog.gif, "Animated GIF at");
                                ui.add(egui::DragValue::new(&mut dialog.fps).range(crate::export::sequence::FPS_RANGE));
                                ui.label("frames/s");
                            });
                        });
                        ui.end_row();
                    }
                });
            let tracks = dialog.tracks(track, &data.scenario);
            let size = dialog.options().output_size_px();
            match dialog.kind {
                ExportKind::Image => {
                    ui.weak(format!(
                        "{} · {}×{} px",
                        default_file_name(data, tracks, date),
                        size[0],
                        size[1]
                    ));
                }
                ExportKind::Sequence => {
                    ui.weak(format!(
                        "Frames named {}",
                        frame_name_pattern(&tracks.file_label(&data.scenario))
                    ));
                }
            }
            if let Some(error) = &dialog.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            ui.horizontal(|ui| {
                let label = match dialog.kind {
                    ExportKind::Image => "Save as…",
                    ExportKind::Sequence => "Choose folder…",
                };
                if ui.button(RichText::new(label).strong()).clicked() {
                    commands.push(Command::ExportPick);
                }
                if ui.button("Cancel").clicked() {
                    commands.push(Command::CloseExport);
                }
            });
        });
    if !open {
        commands.push(Command::CloseExport);
    }
    commands
}

/// Asks before replacing a file. Returns Some(true) to replace, Some(false)
/// to keep it.
pub fn confirm_overwrite_ui(ui: &Ui, path: &Path) -> Option<bool> {
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

/// Progress of a running sequence, with a Cancel button.
pub fn progress_ui(ui: &Ui, job: &ExportJob) -> Option<Command> {
    let mut cancel = false;
    egui::Window::new("Exporting")
        .collapsible(false)
        .resizable(false)
        .anchor(Align2::RIGHT_BOTTOM, egui::vec2(-16.0, -16.0))
        .show(ui.ctx(), |ui| {
            let done = job.done.load(Ordering::Relaxed);
            #[expect(clippy::cast_precision_loss, reason = "a progress fraction")]
            let fraction = done as f32 / job.total.max(1) as f32;
            ui.add(
                egui::ProgressBar::new(fraction)
                    .text(format!("{done} / {} frames", job.total))
                    .desired_width(260.0),
            );
            if ui.button("Cancel").clicked() {
                cancel = true;
            }
        });
    cancel.then_some(Command::CancelExport)
}
