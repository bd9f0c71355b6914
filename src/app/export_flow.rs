//! Exporting from the window: the dialog's form, the "replace the file?"
//! question and the background sequence job, and the steps between them
//! (pick a target, ask before replacing, render, report), as the export
//! subsystem's commands ([`ExportState::apply`]). The pixels come from the
//! same exporter as `drawdown export`; the dialog itself is
//! [`crate::ui::export_dialog`].

use std::path::{Path, PathBuf};

use super::export_job::ExportJob;
use super::file_dialog::{default_folder, expand_home, target_command};
use super::{Effect, Outcome};
use crate::atomic_write::{OutputPlan, WriteError};
use crate::export::story::{StorySpec, plan_story};
use crate::export::{
    ExportError, ExportOptions, ExportView, FrameDates, OutputKind, SequenceOutput, SequenceRequest, SequenceSpec,
    Step, plan_sequence, render_image, write_image,
};
use crate::inputs::LoadedInputs;
use crate::model::printable::shown_path;
use crate::model::{Date, TrackIdx, TrackLayout};
use crate::render::{LayerSet, MapView, Theme};
use crate::story::Story;
use crate::ui::command::ExportCommand;
use crate::ui::export_form::{ExportForm, ExportKind};
use crate::ui::notice::{Notice, folder_of};
use crate::ui::path_field::TypedPath;

/// Everything the app keeps about exporting.
#[derive(Default)]
pub struct ExportState {
    /// The open dialog's choices.
    pub form: Option<ExportForm>,
    /// A write waiting for "replace the file?".
    pub pending_overwrite: Option<PendingWrite>,
    pub job: Option<ExportJob>,
}

/// What exporting reads of the rest of the app: the inputs shown, and the
/// date, track, theme and compare mode of the window.
pub struct ExportContext<'a> {
    pub inputs: &'a LoadedInputs,
    pub date: Date,
    pub track: TrackIdx,
    pub theme: Theme,
    pub compare: bool,
    /// The map layers the window shows: exports start from them.
    pub layers: LayerSet,
    /// The window's today: a plan's later dates read as planned.
    pub today: Option<Date>,
    /// The window's zoom and pan: an export shows what the briefer framed.
    pub view: MapView,
    /// The open story: the dialog offers its stops as a sequence's,
    /// a deck's or a book's source.
    pub story: Option<&'a Story>,
}

impl ExportContext<'_> {
    /// The tracks the window shows.
    fn shown_tracks(&self) -> TrackLayout {
        TrackLayout::shown(self.compare, self.track, &self.inputs.scenario)
    }
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

impl ExportState {
    /// Applies an export command; what it writes and renders comes from
    /// `ctx`, and what it reports comes back as the outcome's notice.
    pub fn apply(&mut self, command: ExportCommand, ctx: &ExportContext<'_>) -> Outcome {
        match command {
            ExportCommand::Open => {
                self.open_export(ctx);
                Outcome::none()
            }
            ExportCommand::Edit(form) => {
                if self.form.is_some() {
                    self.form = Some(*form);
                }
                Outcome::none()
            }
            ExportCommand::Close => {
                self.form = None;
                Outcome::none()
            }
            ExportCommand::Pick => self.pick_export_target(ctx).into(),
            ExportCommand::PickFailed(reason) => {
                self.offer_typed_path(reason, ctx);
                Outcome::none()
            }
            ExportCommand::SaveTyped => self.save_typed(),
            ExportCommand::ImageTo { path, force } => self.export_image(path, force, ctx),
            ExportCommand::SequenceTo { dir, force } => self.export_sequence(dir, force, ctx),
            ExportCommand::DocumentTo { path, force } => self.export_document(path, force, ctx),
            ExportCommand::ConfirmOverwrite(replace) => self.confirm_overwrite(replace, ctx),
            ExportCommand::Cancel => {
                if let Some(job) = &self.job {
                    job.cancel();
                }
                Outcome::none()
            }
            ExportCommand::Finished(outcome) => {
                self.job = None;
                Outcome::notice(outcome.unwrap_or_else(|e| format!("Export stopped: {e}").into()))
            }
            ExportCommand::CopyImage => copy_image(ctx),
        }
    }

    /// Esc over the overwrite question, else over the dialog: closes it.
    /// Whether one was open.
    pub fn close_topmost(&mut self) -> bool {
        self.pending_overwrite.take().is_some() || self.form.take().is_some()
    }

    fn open_export(&mut self, ctx: &ExportContext<'_>) {
        let range = ctx.inputs.scenario.range;
        let mut form = ExportForm::new(ctx.theme, ctx.layers, ctx.compare, range, ctx.date);
        form.from_story = ctx.story.map(|_| false);
        self.form = Some(form);
    }

    /// The native save / folder dialog for the form's choice.
    fn pick_export_target(&self, ctx: &ExportContext<'_>) -> Option<Effect> {
        let form = self.form.as_ref()?;
        let (file_name, extension) = proposed_target(form, ctx);
        Some(Effect::PickExportTarget {
            kind: form.kind,
            file_name,
            extension,
        })
    }

    /// No native dialog: the form offers a path field, opening on the
    /// proposed folder and name, and says why.
    fn offer_typed_path(&mut self, reason: String, ctx: &ExportContext<'_>) {
        let Some(form) = &mut self.form else {
            return;
        };
        let (file_name, _) = proposed_target(form, ctx);
        let path = default_folder().join(file_name);
        form.typed_path = Some(TypedPath {
            text: shown_path(&path).to_string(),
            reason,
        });
    }

    /// Save with the path field: the write the native dialog would have
    /// asked for, through the same checks.
    fn save_typed(&mut self) -> Outcome {
        let Some(form) = &mut self.form else {
            return Outcome::none();
        };
        let Some(typed) = &form.typed_path else {
            return Outcome::none();
        };
        let text = typed.text.trim();
        if text.is_empty() {
            form.error = Some("Type the path to save to".to_owned());
            return Outcome::none();
        }
        let extension = match form.kind {
            ExportKind::Image => form.image_format.extension(),
            ExportKind::Sequence | ExportKind::Deck | ExportKind::Book => {
                form.kind.document().map_or("", OutputKind::extension)
            }
        };
        Outcome::then(target_command(form.kind, expand_home(text), extension))
    }

    /// Writes the form's image (or a slide-sized one without a dialog);
    /// asks first if the file exists and `force` is not set. A target that
    /// cannot be written (not a regular file, no such directory) is an
    /// error at once, not a question.
    fn export_image(&mut self, path: PathBuf, force: bool, ctx: &ExportContext<'_>) -> Outcome {
        let checked = OutputPlan::new(force).file(&path).map_err(ExportError::from);
        if let Some(stop) = self.asks_before_writing(checked, PendingWrite::Image(path.clone())) {
            return stop;
        }
        let (mut opts, tracks) = match &self.form {
            Some(form) => (form.options(), form.tracks(ctx.track, &ctx.inputs.scenario)),
            None => (
                ExportOptions {
                    theme: ctx.theme,
                    layers: ctx.layers,
                    ..Default::default()
                },
                ctx.shown_tracks(),
            ),
        };
        opts.today = ctx.today;
        opts.view = ExportView::Map(ctx.view);
        // The format comes from the file's name, as on the command line.
        match write_image(ctx.inputs, tracks, ctx.date, &opts, &path, force) {
            Ok(_) => {
                self.form = None;
                Outcome::notice(Notice::about_file(format!("Exported {}", shown_path(&path)), &path))
            }
            Err(e) => self.show_export_error(&e),
        }
    }

    /// Starts the form's sequence (frames, GIF, video) into `dir` on a
    /// worker thread; asks first if any output exists and `force` is not
    /// set (the same checks as the export's own, before it starts).
    fn export_sequence(&mut self, dir: PathBuf, force: bool, ctx: &ExportContext<'_>) -> Outcome {
        self.start_sequence(SequenceTarget::Folder(dir), force, ctx)
    }

    /// Starts the form's deck or book into `path`, as [`Self::export_sequence`].
    fn export_document(&mut self, path: PathBuf, force: bool, ctx: &ExportContext<'_>) -> Outcome {
        self.start_sequence(SequenceTarget::Document(path), force, ctx)
    }

    fn start_sequence(&mut self, target: SequenceTarget, force: bool, ctx: &ExportContext<'_>) -> Outcome {
        if self.job.is_some() {
            return Outcome::none();
        }
        let Some(form) = &mut self.form else {
            return Outcome::none();
        };
        let request = match sequence_request(form, ctx, &target, force) {
            Ok(request) => request,
            Err(e) => {
                form.error = Some(sentence(&e));
                return Outcome::none();
            }
        };
        // The export's own check, before it starts: a taken file is a
        // question, any other refusal shows in the dialog at once.
        let checked = request.check(ctx.inputs).map(drop);
        let (pending, folder) = match target {
            SequenceTarget::Folder(dir) => (PendingWrite::Sequence(dir.clone()), dir),
            SequenceTarget::Document(path) => {
                let folder = folder_of(&path);
                (PendingWrite::Document(path), folder)
            }
        };
        if let Some(stop) = self.asks_before_writing(checked, pending) {
            return stop;
        }
        self.job = Some(ExportJob::start(ctx.inputs, request, folder));
        self.form = None;
        Outcome::none()
    }

    /// After checking a request's outputs: whether to stop here (Some),
    /// having asked to replace taken files (`write`) or shown why the
    /// outputs cannot be written.
    fn asks_before_writing(&mut self, checked: Result<(), ExportError>, write: PendingWrite) -> Option<Outcome> {
        match checked {
            Ok(()) => None,
            Err(ExportError::Write(WriteError::Exists { .. })) => {
                self.pending_overwrite = Some(write);
                Some(Outcome::none())
            }
            Err(e) => Some(self.show_export_error(&e)),
        }
    }

    /// An export's error: in the dialog if it is open, else as a notice.
    fn show_export_error(&mut self, error: &ExportError) -> Outcome {
        match &mut self.form {
            Some(form) => {
                form.error = Some(sentence(&error.to_string()));
                Outcome::none()
            }
            None => Outcome::notice(format!("Export failed: {error}")),
        }
    }

    /// The answer to "replace the file?".
    fn confirm_overwrite(&mut self, replace: bool, ctx: &ExportContext<'_>) -> Outcome {
        match self.pending_overwrite.take() {
            Some(PendingWrite::Image(path)) if replace => self.export_image(path, true, ctx),
            Some(PendingWrite::Sequence(dir)) if replace => self.export_sequence(dir, true, ctx),
            Some(PendingWrite::Document(path)) if replace => self.export_document(path, true, ctx),
            Some(PendingWrite::Image(_) | PendingWrite::Sequence(_) | PendingWrite::Document(_)) | None => {
                Outcome::none()
            }
        }
    }
}

/// Renders the shown map like a slide for the clipboard.
fn copy_image(ctx: &ExportContext<'_>) -> Outcome {
    match clipboard_image(
        ctx.inputs,
        ctx.shown_tracks(),
        ctx.date,
        ctx.theme,
        ctx.layers,
        ctx.today,
    ) {
        Ok(image) => {
            let [w, h] = image.size;
            Outcome {
                effects: vec![Effect::CopyImage(image)],
                notice: Some(format!("Copied the map ({w}×{h}) to the clipboard").into()),
                then: None,
            }
        }
        Err(e) => Outcome::notice(format!("Copy failed: {e}")),
    }
}

/// The sequence the form describes, written to `target`: the form's
/// fields read, then the export's one planner.
fn sequence_request(
    form: &ExportForm,
    ctx: &ExportContext<'_>,
    target: &SequenceTarget,
    force: bool,
) -> Result<SequenceRequest, String> {
    let (data, track) = (ctx.inputs, ctx.track);
    if let (true, Some(story)) = (form.is_story(), ctx.story) {
        return story_request(form, ctx, story, target, force);
    }
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
        opts: ExportOptions {
            today: ctx.today,
            view: ExportView::Map(ctx.view),
            ..form.options()
        },
        hold_milestones: None,
    };
    plan_sequence(data, spec).map_err(|e| e.to_string())
}

/// The open story's stops as the form's sequence, deck or book.
fn story_request(
    form: &ExportForm,
    ctx: &ExportContext<'_>,
    story: &Story,
    target: &SequenceTarget,
    force: bool,
) -> Result<SequenceRequest, String> {
    let label = "story";
    let outputs: Vec<SequenceOutput> = match target {
        SequenceTarget::Folder(dir) => form
            .writes
            .iter()
            .map(|kind| kind.in_folder(dir, |extension| format!("drawdown-{label}.{extension}")))
            .collect(),
        SequenceTarget::Document(path) => form
            .kind
            .document()
            .map(|kind| kind.at(path.clone()))
            .into_iter()
            .collect(),
    };
    let spec = StorySpec {
        story,
        today: ctx.today.unwrap_or_else(crate::app::native::today_local),
        outputs,
        fps: form.fps,
        force,
        opts: ExportOptions {
            today: ctx.today,
            ..form.options()
        },
    };
    plan_story(ctx.inputs, spec).map_err(|e| e.to_string())
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
/// like a 1920×1080 slide, with the window's `layers` and `today`.
pub fn clipboard_image(
    data: &LoadedInputs,
    tracks: TrackLayout,
    date: Date,
    theme: Theme,
    layers: LayerSet,
    today: Option<Date>,
) -> Result<egui::ColorImage, String> {
    let opts = ExportOptions {
        theme,
        layers,
        today,
        ..ExportOptions::default()
    };
    let image = render_image(data, tracks, date, &opts).map_err(|e| e.to_string())?;
    let size = [
        usize::try_from(image.width).unwrap_or(0),
        usize::try_from(image.height).unwrap_or(0),
    ];
    Ok(egui::ColorImage::from_rgba_unmultiplied(size, &image.pixels))
}

/// The name proposed for the form's output and its extension (none for a
/// sequence's folder).
fn proposed_target(form: &ExportForm, ctx: &ExportContext<'_>) -> (String, &'static str) {
    let label = form
        .tracks(ctx.track, &ctx.inputs.scenario)
        .file_label(&ctx.inputs.scenario);
    match form.kind {
        ExportKind::Image => (
            form.image_file_name(ctx.inputs, ctx.track, ctx.date),
            form.image_format.extension(),
        ),
        // A folder has no name to propose.
        ExportKind::Sequence => (String::new(), ""),
        ExportKind::Deck | ExportKind::Book => {
            let extension = form.kind.document().map_or("", OutputKind::extension);
            (form.sequence_file_name(&label, ctx.inputs, extension), extension)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::story::{Stop, StopDate};

    #[test]
    fn with_a_story_open_the_dialog_offers_its_stops_as_a_decks_source() {
        let inputs = LoadedInputs::embedded().unwrap();
        let mut story = Story::new("Brief");
        for (date, title) in [("2025-09-30", "Deadline"), ("2026-03-11", "Qasrak")] {
            story.stops.push(Stop {
                title: Some(title.to_owned()),
                ..Stop::on(StopDate::On(date.parse().unwrap()))
            });
        }
        let date: Date = "2025-01-01".parse().unwrap();
        let ctx = |story: Option<&'static Story>| ExportContext {
            inputs: &inputs,
            date,
            track: TrackIdx(0),
            theme: Theme::Light,
            compare: false,
            layers: LayerSet::default(),
            today: Some(date),
            view: MapView::HOME,
            story,
        };
        let story: &'static Story = Box::leak(Box::new(story));
        let mut state = ExportState::default();
        let _ = state.apply(ExportCommand::Open, &ctx(None));
        assert_eq!(state.form.as_ref().unwrap().from_story, None, "no story, no choice");
        let _ = state.apply(ExportCommand::Open, &ctx(Some(story)));
        let mut form = state.form.clone().unwrap();
        assert_eq!(
            form.from_story,
            Some(false),
            "this view's dates unless the story is chosen"
        );
        form.kind = ExportKind::Deck;
        form.from_story = Some(true);
        let target = SequenceTarget::Document("brief.pptx".into());
        let request = sequence_request(&form, &ctx(Some(story)), &target, false).unwrap();
        let titles: Vec<&str> = request
            .frames
            .iter()
            .filter_map(|f| f.stop.as_ref().map(|s| s.title.as_str()))
            .collect();
        assert_eq!(titles, ["Deadline", "Qasrak"]);
        form.from_story = Some(false);
        let dated = sequence_request(&form, &ctx(Some(story)), &target, false).unwrap();
        assert!(dated.frames.iter().all(|f| f.stop.is_none()));
    }
}
