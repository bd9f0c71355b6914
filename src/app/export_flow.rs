//! Exporting from the window: the dialog's form, the "replace the file?"
//! question and the background sequence job, and the steps between them
//! (pick a target, ask before replacing, render, report). The pixels come
//! from the same exporter as `drawdown export`; the dialog itself is
//! [`crate::ui::export_dialog`].

use std::path::{Path, PathBuf};

use super::export_job::ExportJob;
use super::{DrawdownApp, Effect};
use crate::atomic_write::{OutputPlan, WriteError};
use crate::export::{
    ExportError, ExportOptions, FrameDates, OutputKind, SequenceOutput, SequenceRequest, SequenceSpec, Step,
    plan_sequence, render_image, write_image,
};
use crate::inputs::LoadedInputs;
use crate::model::{Date, TrackIdx, TrackLayout};
use crate::render::Theme;
use crate::ui::export_dialog::{ExportForm, ExportKind};
use crate::ui::notice::{Notice, folder_of};

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
    /// A sequence into this folder.
    Sequence(PathBuf),
    /// A deck or a book into this file.
    Document(PathBuf),
}

impl PendingWrite {
    pub fn path(&self) -> &Path {
        match self {
            Self::Image(p) | Self::Sequence(p) | Self::Document(p) => p,
        }
    }
}

/// Where the form's sequence goes: the folder chosen for a sequence, or
/// the file chosen for a deck or a book.
enum SequenceTarget {
    Folder(PathBuf),
    Document(PathBuf),
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
        let label = form
            .tracks(self.briefing.track, &self.inputs.scenario)
            .file_label(&self.inputs.scenario);
        let (file_name, extension) = match form.kind {
            ExportKind::Image => (
                form.image_file_name(&self.inputs, self.briefing.track, self.briefing.date),
                form.image_format.extension(),
            ),
            // A folder has no name to propose.
            ExportKind::Sequence => (String::new(), ""),
            ExportKind::Deck | ExportKind::Book => {
                let extension = form.kind.document().map_or("", OutputKind::extension);
                (form.sequence_file_name(&label, &self.inputs, extension), extension)
            }
        };
        Some(Effect::PickExportTarget {
            kind: form.kind,
            file_name,
            extension,
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
                self.io.notice = Some(Notice::about_file(format!("Exported {}", path.display()), &path));
                self.export.form = None;
            }
            Err(e) => self.show_export_error(&e),
        }
    }

    /// Starts the form's sequence (frames, GIF, video) into `dir` on a
    /// worker thread; asks first if any output exists and `force` is not
    /// set (the same checks as the export's own, before it starts).
    pub(super) fn export_sequence(&mut self, dir: PathBuf, force: bool) {
        self.start_sequence(SequenceTarget::Folder(dir), force);
    }

    /// Starts the form's deck or book into `path`, as [`Self::export_sequence`].
    pub(super) fn export_document(&mut self, path: PathBuf, force: bool) {
        self.start_sequence(SequenceTarget::Document(path), force);
    }

    fn start_sequence(&mut self, target: SequenceTarget, force: bool) {
        if self.export.job.is_some() {
            return;
        }
        let Some(form) = &mut self.export.form else { return };
        let request = match sequence_request(form, &self.inputs, self.briefing.track, &target, force) {
            Ok(request) => request,
            Err(e) => {
                form.error = Some(sentence(&e));
                return;
            }
        };
        // The export's own check, before it starts: a taken file is a
        // question, any other refusal shows in the dialog at once.
        let checked = request.check(&self.inputs).map(drop);
        let (pending, folder) = match target {
            SequenceTarget::Folder(dir) => (PendingWrite::Sequence(dir.clone()), dir),
            SequenceTarget::Document(path) => {
                let folder = folder_of(&path);
                (PendingWrite::Document(path), folder)
            }
        };
        if self.asks_before_writing(checked, pending) {
            return;
        }
        self.export.job = Some(ExportJob::start(&self.inputs, request, folder));
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
            Some(form) => form.error = Some(sentence(&error.to_string())),
            None => self.io.notice = Some(format!("Export failed: {error}").into()),
        }
    }

    /// The answer to "replace the file?".
    pub(super) fn confirm_overwrite(&mut self, replace: bool) {
        match self.export.pending_overwrite.take() {
            Some(PendingWrite::Image(path)) if replace => self.export_image(path, true),
            Some(PendingWrite::Sequence(dir)) if replace => self.export_sequence(dir, true),
            Some(PendingWrite::Document(path)) if replace => self.export_document(path, true),
            Some(PendingWrite::Image(_) | PendingWrite::Sequence(_) | PendingWrite::Document(_)) | None => {}
        }
    }

    /// Renders the shown map like a slide for the clipboard.
    pub(super) fn copy_image(&mut self) -> Option<Effect> {
        match clipboard_image(&self.inputs, self.shown_tracks(), self.briefing.date, self.look.theme) {
            Ok(image) => {
                let [w, h] = image.size;
                self.io.notice = Some(format!("Copied the map ({w}×{h}) to the clipboard").into());
                Some(Effect::CopyImage(image))
            }
            Err(e) => {
                self.io.notice = Some(format!("Copy failed: {e}").into());
                None
            }
        }
    }
}

/// The sequence the form describes, written to `target`: the form's
/// fields read, then the export's one planner.
fn sequence_request(
    form: &ExportForm,
    data: &LoadedInputs,
    track: TrackIdx,
    target: &SequenceTarget,
    force: bool,
) -> Result<SequenceRequest, String> {
    let range = data.scenario.range;
    let parse = |text: &str, what: &str| range.parse_date_in(text).map_err(|e| format!("{what}: {e}"));
    let (from, to) = (parse(&form.from, "From")?, parse(&form.to, "To")?);
    let dates = if form.milestones {
        FrameDates::Milestones
    } else {
        FrameDates::Every(form.step.parse::<Step>().map_err(|e| format!("Every: {e}"))?)
    };
    let layout = form.tracks(track, &data.scenario);
    let label = layout.file_label(&data.scenario);
    let outputs: Vec<SequenceOutput> = match target {
        SequenceTarget::Folder(dir) => form
            .writes
            .iter()
            .map(|kind| kind.in_folder(dir, |extension| form.sequence_file_name(&label, data, extension)))
            .collect(),
        SequenceTarget::Document(path) => form
            .kind
            .document()
            .map(|kind| kind.at(path.clone()))
            .into_iter()
            .collect(),
    };
    let spec = SequenceSpec {
        layout,
        from: Some(from),
        to: Some(to),
        dates,
        outputs,
        fps: form.fps,
        force,
        opts: form.options(),
    };
    plan_sequence(data, spec).map_err(|e| e.to_string())
}

/// `text` as the dialog shows it: a sentence, its first letter capital
/// (the export's messages start lower case, to follow a prefix on the
/// command line).
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
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

/// The native dialog for `kind`: a folder for a sequence, else a file
/// named `file_name` with `extension`.
pub fn pick_export_target(kind: ExportKind, file_name: &str, extension: &str) -> Option<crate::ui::Command> {
    use crate::ui::Command;
    let (title, filter) = match kind {
        ExportKind::Sequence => {
            return rfd::FileDialog::new()
                .set_title("Export the sequence into")
                .pick_folder()
                .map(|dir| Command::ExportSequenceTo { dir, force: false });
        }
        ExportKind::Image => ("Export image", format!("{} image", extension.to_uppercase())),
        ExportKind::Deck => ("Export slides", "PowerPoint deck".to_owned()),
        ExportKind::Book => ("Export briefing book", "PDF document".to_owned()),
    };
    let mut path = rfd::FileDialog::new()
        .set_title(title)
        .set_file_name(file_name)
        .add_filter(filter, &[extension])
        .save_file()?;
    // A name typed without an extension gets the one the filter shows.
    if path.extension().is_none() {
        path.set_extension(extension);
    }
    Some(match kind {
        ExportKind::Image => Command::ExportImageTo { path, force: false },
        ExportKind::Sequence | ExportKind::Deck | ExportKind::Book => Command::ExportDocumentTo { path, force: false },
    })
}
