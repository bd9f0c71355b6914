//! Recording a report from the window: the form's state, its check on
//! every edit, the preview (the map shows the change, not saved), the
//! save into the opened scenario file (or a copy of the embedded data)
//! and its undo.
//!
//! Recording spans the app's state: a preview swaps the shown scenario,
//! a save tells the file watch that the change on disk is the app's own,
//! and the map then shows the recorded day. So its commands are applied
//! by [`DrawdownApp::apply_record`], beside Esc, not by a sub-state alone.

use std::path::{Path, PathBuf};

use egui::Ui;

use super::{DrawdownApp, Outcome};
use crate::load::file::read_text_file;
use crate::load::scenario::{DEFAULT_SCENARIO_NAME, DEFAULT_SCENARIO_TOML, MAX_SCENARIO_BYTES};
use crate::model::Scenario;
use crate::ui::Command;
use crate::ui::record_form::{FormCheck, FormProblem, RecordCommand, RecordForm, RecordFormView, preview_bar_ui};

/// Everything the app keeps about recording.
#[derive(Debug, Default)]
pub struct RecordState {
    /// The open form.
    pub form: Option<RecordForm>,
    /// While the map previews the form's change: the scenario it stands
    /// in for (shown again when the preview ends).
    pub preview: Option<Scenario>,
    /// The scenario file's text the form records into, read when first
    /// needed and again after new inputs came.
    pub base: Option<BaseText>,
    /// The last recorded change, for Ctrl+Z.
    pub undo: Option<UndoRecord>,
}

/// A recorded change that Ctrl+Z can take back: the file, the text before
/// it, the text written (the undo writes only over that) and the
/// scenario before it.
#[derive(Clone, Debug)]
pub struct UndoRecord {
    pub file: PathBuf,
    pub before: String,
    pub written: String,
    pub scenario: Scenario,
}

/// The text a report is recorded into, and where it came from.
#[derive(Clone, Debug)]
pub struct BaseText {
    /// The opened scenario file; `None` for the embedded data.
    pub file: Option<PathBuf>,
    pub text: String,
}

impl BaseText {
    /// The name messages give the text.
    pub fn origin(&self) -> &Path {
        self.file.as_deref().unwrap_or(Path::new(DEFAULT_SCENARIO_NAME))
    }
}

impl RecordState {
    /// New inputs are shown (a load, a reload): a preview of the old ones
    /// is over, and the text to record into is read again.
    pub fn inputs_replaced(&mut self) {
        self.preview = None;
        self.base = None;
    }
}

impl DrawdownApp {
    /// Applies a record command: it may swap the shown scenario (a
    /// preview), write the scenario file and tell the watch so.
    pub(super) fn apply_record(&mut self, command: RecordCommand) -> Outcome {
        match command {
            RecordCommand::Open => {
                if self.record.form.is_none() && self.record.preview.is_none() {
                    let form = RecordForm::new(&self.inputs.scenario, self.briefing.track, self.briefing.date);
                    self.record.form = Some(form);
                    return self.check_record_form();
                }
                Outcome::none()
            }
            RecordCommand::Edit(form) => {
                if self.record.form.is_none() {
                    return Outcome::none();
                }
                self.record.form = Some(*form);
                self.check_record_form()
            }
            RecordCommand::Close => {
                self.end_record_preview();
                self.record.form = None;
                Outcome::none()
            }
            RecordCommand::EndPreview => {
                self.end_record_preview();
                Outcome::none()
            }
            RecordCommand::Preview
            | RecordCommand::Save
            | RecordCommand::SaveCopyTo(_)
            | RecordCommand::PickCopyFailed(_)
            | RecordCommand::SaveCopyTyped
            | RecordCommand::Undo => Outcome::none(),
        }
    }

    /// Esc: the preview ends, else the form closes. Whether either was
    /// open.
    pub(super) fn close_record(&mut self) -> bool {
        if self.record.preview.is_some() {
            self.end_record_preview();
            return true;
        }
        self.record.form.take().is_some()
    }

    /// The scenario text the form records into: the opened file's (read
    /// once), or the embedded one.
    fn record_base(&mut self) -> Result<&BaseText, FormProblem> {
        let file = self.inputs.sources.scenario.clone();
        if self.record.base.as_ref().is_none_or(|b| b.file != file) {
            let text = match &file {
                Some(path) => read_text_file(path, MAX_SCENARIO_BYTES, "scenarios").map_err(|e| FormProblem {
                    field: None,
                    message: e.to_string(),
                })?,
                None => DEFAULT_SCENARIO_TOML.to_owned(),
            };
            self.record.base = Some(BaseText { file, text });
        }
        self.record.base.as_ref().ok_or_else(|| FormProblem {
            field: None,
            message: "the scenario's text is not at hand".to_owned(),
        })
    }

    /// Checks the form as it stands against the shown scenario and sets
    /// what it found, by the field.
    fn check_record_form(&mut self) -> Outcome {
        let Some(form) = &self.record.form else {
            return Outcome::none();
        };
        let checked = form.check_fields(&self.inputs.scenario);
        let check = match checked.and_then(|_| self.record_base().map(|_| ())) {
            Ok(()) => FormCheck::Ready { diff: String::new() },
            Err(problem) => FormCheck::Problem(problem),
        };
        if let Some(form) = &mut self.record.form {
            form.check = check;
        }
        Outcome::none()
    }

    /// The saved data again in place of a preview.
    fn end_record_preview(&mut self) {
        if let Some(saved) = self.record.preview.take() {
            self.inputs.scenario = saved;
            self.scenario_changed();
        }
    }

    /// The shown scenario changed in place (a preview, a save, an undo):
    /// what is worked out from it follows.
    fn scenario_changed(&mut self) {
        self.tracks_part = super::tracks_part(&self.inputs.scenario);
        self.sources.refresh(&self.inputs.scenario);
        self.briefing.change = None;
    }

    /// The form, or the preview's bar over the map.
    pub(super) fn record_ui(&self, ui: &Ui) -> Vec<Command> {
        let target = self.inputs.sources.scenario.as_deref();
        if self.record.preview.is_some() {
            return preview_bar_ui(ui, target);
        }
        match &self.record.form {
            Some(form) => RecordFormView {
                form,
                scenario: &self.inputs.scenario,
                target,
            }
            .ui(ui),
            None => Vec::new(),
        }
    }
}
