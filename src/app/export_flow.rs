//! Exporting from the window: the dialog's form, the "replace the file?"
//! question and the background sequence job, and the steps between them
//! (pick a target, ask before replacing, render, report). The pixels come
//! from the same exporter as `drawdown export`; the dialog itself is
//! [`crate::ui::export_dialog`].

use std::path::{Path, PathBuf};

use super::export_job::ExportJob;
use super::{DrawdownApp, Effect};
use crate::atomic_write::{OutputPlan, WriteError};
use crate::export::sequence::{SequenceRequest, Step, milestone_dates};
use crate::export::{ExportError, ExportOptions, default_file_name, gif_file_name, render_image, write_image};
use crate::inputs::LoadedInputs;
use crate::model::{Date, TrackIdx, TrackLayout};
use crate::render::Theme;
use crate::ui::export_dialog::{ExportForm, ExportKind};

/// Everything the app keeps about exporting.
#[derive(Default)]
pub struct ExportState {
    /// The open dialog's choices.
    pub form: Option<ExportForm>,
    /// A write waiting for "replace the file?".
    pub pending_overwrite: Option<PendingWrite>,
    pub job: Option<ExportJob>,
}

/// A write that needs the user's consent to replace existing files.
#[derive(Clone, Debug, PartialEq)]
pub enum PendingWrite {
    Image(PathBuf),
    Sequence(PathBuf),
}

impl PendingWrite {
    pub fn path(&self) -> &Path {
        match self {
            Self::Image(p) | Self::Sequence(p) => p,
        }
    }
}

impl DrawdownApp {
    pub(super) fn open_export(&mut self) {
        let range = self.inputs.scenario.range;
        self.export.form = Some(ExportForm::new(
            self.look.theme,
            self.look.compare,
            range,
            self.briefing.date,
        ));
    }

    /// The native save / folder dialog for the form's choice.
    pub(super) fn pick_export_target(&self) -> Option<Effect> {
        let form = self.export.form.as_ref()?;
        let tracks = form.tracks(self.briefing.track, &self.inputs.scenario);
        Some(Effect::PickExportTarget {
            kind: form.kind,
            file_name: default_file_name(&self.inputs, tracks, self.briefing.date),
        })
    }

    /// Writes the form's image (or a slide-sized one without a dialog);
    /// asks first if the file exists and `force` is not set. A target that
    /// cannot be written (not a regular file, no such directory) is an
    /// error at once, not a question.
    pub(super) fn export_image(&mut self, path: PathBuf, force: bool) {
        let checked = OutputPlan::new(force).file(&path).map_err(ExportError::from);
        if self.asks_before_writing(checked, PendingWrite::Image(path.clone())) {
            return;
        }
        let (opts, tracks) = match &self.export.form {
            Some(form) => (form.options(), form.tracks(self.briefing.track, &self.inputs.scenario)),
            None => (
                ExportOptions {
                    theme: self.look.theme,
                    ..Default::default()
                },
                self.shown_tracks(),
            ),
        };
        // The format comes from the file's name, as on the command line.
        match write_image(&self.inputs, tracks, self.briefing.date, &opts, &path, force) {
            Ok(_) => {
                self.io.notice = Some(format!("Exported {}", path.display()));
                self.export.form = None;
            }
            Err(e) => self.show_export_error(&e),
        }
    }

    /// Starts the form's sequence on a worker thread; asks first if any
    /// output exists and `force` is not set (the same checks as the
    /// export's own, before it starts).
    pub(super) fn export_sequence(&mut self, dir: PathBuf, force: bool) {
        if self.export.job.is_some() {
            return;
        }
        let Some(form) = &mut self.export.form else { return };
        let request = match sequence_request(form, &self.inputs, self.briefing.track, dir.clone(), force) {
            Ok(request) => request,
            Err(e) => {
                form.error = Some(e);
                return;
            }
        };
        let checked = request.output_plan(&self.inputs).map(drop);
        if self.asks_before_writing(checked, PendingWrite::Sequence(dir)) {
            return;
        }
        self.export.job = Some(ExportJob::start(&self.inputs, request));
        self.export.form = None;
    }

    /// After checking a request's outputs: whether to stop here, having
    /// asked to replace taken files (`write`) or shown why the outputs
    /// cannot be written.
    fn asks_before_writing(&mut self, checked: Result<(), ExportError>, write: PendingWrite) -> bool {
        match checked {
            Ok(()) => false,
            Err(ExportError::Write(WriteError::Exists { .. })) => {
                self.export.pending_overwrite = Some(write);
                true
            }
            Err(e) => {
                self.show_export_error(&e);
                true
            }
        }
    }

    /// An export's error: in the dialog if it is open, else as a notice.
    fn show_export_error(&mut self, error: &ExportError) {
        match &mut self.export.form {
            Some(form) => form.error = Some(error.to_string()),
            None => self.io.notice = Some(format!("Export failed: {error}")),
        }
    }

    /// The answer to "replace the file?".
    pub(super) fn confirm_overwrite(&mut self, replace: bool) {
        match self.export.pending_overwrite.take() {
            Some(PendingWrite::Image(path)) if replace => self.export_image(path, true),
            Some(PendingWrite::Sequence(dir)) if replace => self.export_sequence(dir, true),
            Some(PendingWrite::Image(_) | PendingWrite::Sequence(_)) | None => {}
        }
    }

    /// Renders the shown map like a slide for the clipboard.
    pub(super) fn copy_image(&mut self) -> Option<Effect> {
        match clipboard_image(&self.inputs, self.shown_tracks(), self.briefing.date, self.look.theme) {
            Ok(image) => {
                let [w, h] = image.size;
                self.io.notice = Some(format!("Copied the map ({w}×{h}) to the clipboard"));
                Some(Effect::CopyImage(image))
            }
            Err(e) => {
                self.io.notice = Some(format!("Copy failed: {e}"));
                None
            }
        }
    }
}

/// The sequence the form describes.
fn sequence_request(
    form: &ExportForm,
    data: &LoadedInputs,
    track: TrackIdx,
    out_dir: PathBuf,
    force: bool,
) -> Result<SequenceRequest, String> {
    let range = data.scenario.range;
    let parse = |text: &str, what: &str| range.parse_date_in(text).map_err(|e| format!("{what}: {e}"));
    let (from, to) = (parse(&form.from, "From")?, parse(&form.to, "To")?);
    if to < from {
        return Err(format!("To {to} is before From {from}"));
    }
    let tracks = form.tracks(track, &data.scenario);
    let dates = if form.milestones {
        milestone_dates(&data.scenario, tracks, from, to).map_err(|e| e.to_string())?
    } else {
        let step: Step = form.step.parse().map_err(|e| format!("Every: {e}"))?;
        step.dates(from, to).map_err(|e| e.to_string())?
    };
    let gif = form
        .gif
        .then(|| out_dir.join(gif_file_name(&tracks.file_label(&data.scenario), from, to)));
    Ok(SequenceRequest {
        tracks,
        dates,
        out_dir: Some(out_dir),
        gif,
        fps: form.fps,
        force,
        opts: form.options(),
        pptx: None,
        mp4: None,
        pdf: None,
    })
}

/// The image Ctrl+Shift+C puts on the clipboard: the current map rendered
/// like a 1920×1080 slide.
pub fn clipboard_image(
    data: &LoadedInputs,
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

/// Which kind of target the native dialog asks for.
pub fn pick_export_target(kind: ExportKind, file_name: &str) -> Option<crate::ui::Command> {
    use crate::ui::Command;
    match kind {
        ExportKind::Image => rfd::FileDialog::new()
            .set_title("Export image")
            .set_file_name(file_name)
            .add_filter("PNG image", &["png"])
            .add_filter("SVG drawing", &["svg"])
            .add_filter("PDF page", &["pdf"])
            .save_file()
            .map(|mut path| {
                // A name typed without an extension gets the one the filter shows.
                if path.extension().is_none() {
                    path.set_extension("png");
                }
                Command::ExportImageTo { path, force: false }
            }),
        ExportKind::Sequence => rfd::FileDialog::new()
            .set_title("Export frames into")
            .pick_folder()
            .map(|dir| Command::ExportSequenceTo { dir, force: false }),
    }
}
