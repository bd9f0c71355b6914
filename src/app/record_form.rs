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

use super::{DrawdownApp, Effect, Outcome};
use crate::inputs::FileKind;
use crate::load::file::read_text_file;
use crate::load::scenario::{DEFAULT_SCENARIO_NAME, DEFAULT_SCENARIO_TOML, MAX_SCENARIO_BYTES};
use crate::model::Scenario;
use crate::model::printable::shown_path;
use crate::record::{RecordedEdit, record, write_recorded};
use crate::ui::Command;
use crate::ui::command::{LoadCommand, TimeCommand};
use crate::ui::panel::Panel;
use crate::ui::record_form::{
    CopyPath, EntityPick, FormCheck, FormField, FormProblem, FormReport, RecordCommand, RecordForm, RecordFormView,
    ReportKind, form_field, preview_bar_ui,
};

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
                    self.check_record_form();
                }
                Outcome::none()
            }
            RecordCommand::Edit(form) => {
                if self.record.form.is_some() && self.record.preview.is_none() {
                    self.record.form = Some(*form);
                    self.check_record_form();
                }
                Outcome::none()
            }
            RecordCommand::Close => {
                self.end_record_preview();
                self.record.form = None;
                Outcome::none()
            }
            RecordCommand::Preview => {
                self.preview_record();
                Outcome::none()
            }
            RecordCommand::EndPreview => {
                self.end_record_preview();
                Outcome::none()
            }
            RecordCommand::Save => self.save_record(),
            RecordCommand::SaveCopyTo(path) => self.save_record_copy(path, true),
            RecordCommand::PickCopyFailed(reason) => {
                self.end_record_preview();
                if let Some(form) = &mut self.record.form {
                    let text = super::file_dialog::scenario_copy_path().to_string_lossy().into_owned();
                    form.copy_path = Some(CopyPath { text, reason });
                }
                Outcome::none()
            }
            RecordCommand::SaveCopyTyped => {
                let typed = self.record.form.as_ref().and_then(|f| f.copy_path.as_ref());
                match typed.map(|c| c.text.trim().to_owned()) {
                    Some(text) if !text.is_empty() => {
                        self.save_record_copy(super::file_dialog::expand_home(&text), false)
                    }
                    Some(_) => {
                        self.set_record_problem(FormProblem::at(FormField::CopyPath, "Type the path to save to"));
                        Outcome::none()
                    }
                    None => Outcome::none(),
                }
            }
            RecordCommand::Undo => self.undo_record(),
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

    /// Checks the form as it stands (through the record engine, which
    /// is cheap enough to run on every edit) and sets what it found: the
    /// change in the file, or the problem by its field.
    fn check_record_form(&mut self) {
        let check = match self.recorded_edit() {
            Ok(edit) => {
                let mut moves = record_end_moves(&self.inputs.scenario, &edit.scenario);
                if let Some(form) = &self.record.form {
                    moves.extend(inherited_unknown(&edit.scenario, form));
                }
                FormCheck::Ready { moves, diff: edit.diff }
            }
            Err(problem) => FormCheck::Problem(problem),
        };
        if let Some(form) = &mut self.record.form {
            form.check = check;
        }
    }

    /// The form's report recorded into the scenario's text (nothing
    /// written): the new text, its scenario and the diff.
    fn recorded_edit(&mut self) -> Result<RecordedEdit, FormProblem> {
        self.record_base()?;
        let (Some(form), Some(base)) = (&self.record.form, &self.record.base) else {
            return Err(FormProblem {
                field: None,
                message: "No report to record".to_owned(),
            });
        };
        // Checked against the saved data, also while a preview shows.
        let saved = self.record.preview.as_ref().unwrap_or(&self.inputs.scenario);
        let report = form.report(saved)?.report;
        record(base.origin(), &base.text, &report).map_err(|e| FormProblem {
            field: e.field.map(form_field),
            message: e.message,
        })
    }

    fn set_record_problem(&mut self, problem: FormProblem) {
        if let Some(form) = &mut self.record.form {
            form.check = FormCheck::Problem(problem);
        }
    }

    /// The form's change on the map, not saved: the saved scenario is
    /// kept aside, the map goes to the recorded day on its track.
    fn preview_record(&mut self) {
        if self.record.preview.is_some() {
            return;
        }
        match self.recorded_edit() {
            Ok(edit) => {
                let saved = std::mem::replace(&mut self.inputs.scenario, edit.scenario);
                self.record.preview = Some(saved);
                self.scenario_changed();
                self.show_recorded_day();
                // A troop figure shows only in the troop panel: open it, or
                // the preview would show nothing new.
                let troops = self.record.form.as_ref().is_some_and(|f| f.kind == ReportKind::Troops);
                if troops && !self.look.panels.contains(Panel::Troops) {
                    self.look.panels.toggle(Panel::Troops);
                }
            }
            Err(problem) => self.set_record_problem(problem),
        }
    }

    /// The map on the recorded period's first day, on its track.
    fn show_recorded_day(&mut self) {
        let Some(form) = &self.record.form else {
            return;
        };
        let scenario = &self.inputs.scenario;
        let Ok(FormReport { track, date, .. }) = form.report(scenario) else {
            return;
        };
        let shown = self.shown_tracks();
        if let Some(track) = track {
            let _ = self
                .briefing
                .apply(TimeCommand::SetTrack(track), scenario, shown.as_slice());
        }
        let _ = self
            .briefing
            .apply(TimeCommand::SetDate(date), scenario, shown.as_slice());
    }

    /// Save: into the opened scenario file (only over the text the form
    /// was checked against), or, for the embedded data, a copy where the
    /// briefer says.
    fn save_record(&mut self) -> Outcome {
        let edit = match self.recorded_edit() {
            Ok(edit) => edit,
            Err(problem) => {
                self.end_record_preview();
                self.set_record_problem(problem);
                return Outcome::none();
            }
        };
        let Some(BaseText { file: Some(path), text }) = self.record.base.clone() else {
            return Outcome::effect(Effect::PickScenarioCopy);
        };
        if let Err(e) = write_recorded(&path, &text, &edit) {
            self.end_record_preview();
            self.record.base = None;
            self.set_record_problem(FormProblem {
                field: None,
                message: format!("Not saved: {e}"),
            });
            return Outcome::none();
        }
        // The watch would see the new bytes as an edit from outside and
        // load what is already shown.
        self.io.watch.note_own_write(&path);
        let before = self
            .record
            .preview
            .take()
            .unwrap_or_else(|| self.inputs.scenario.clone());
        self.record.undo = Some(UndoRecord {
            file: path.clone(),
            before: text,
            written: edit.text.clone(),
            scenario: before,
        });
        self.inputs.scenario = edit.scenario;
        self.scenario_changed();
        self.show_recorded_day();
        self.record.base = Some(BaseText {
            file: Some(path.clone()),
            text: edit.text,
        });
        self.record.form = None;
        Outcome::notice(format!("Recorded in {} (Ctrl+Z undoes)", shown_path(&path)))
    }

    /// The embedded data with the report, written to `path` (replacing a
    /// file there only if the file dialog asked), then opened.
    fn save_record_copy(&mut self, path: PathBuf, replace: bool) -> Outcome {
        self.end_record_preview();
        let edit = match self.recorded_edit() {
            Ok(edit) => edit,
            Err(problem) => {
                self.set_record_problem(problem);
                return Outcome::none();
            }
        };
        if let Err(e) = crate::atomic_write::write_file(&path, edit.text.as_bytes(), replace) {
            self.set_record_problem(FormProblem::at(FormField::CopyPath, format!("Not saved: {e}")));
            return Outcome::none();
        }
        self.record.undo = Some(UndoRecord {
            file: path.clone(),
            before: self.record.base.as_ref().map_or_else(String::new, |b| b.text.clone()),
            written: edit.text,
            scenario: self.inputs.scenario.clone(),
        });
        self.record.form = None;
        let notice = format!("Recorded in a copy, {} (Ctrl+Z undoes)", shown_path(&path));
        Outcome {
            notice: Some(notice.into()),
            then: Some(LoadCommand::File(FileKind::Scenario, path).into()),
            ..Outcome::none()
        }
    }

    /// Ctrl+Z: the text before the last recorded change written back,
    /// only over what the app wrote (an edit made since is kept), and
    /// shown again.
    fn undo_record(&mut self) -> Outcome {
        self.end_record_preview();
        let Some(undo) = self.record.undo.take() else {
            return Outcome::notice("Nothing recorded to undo".to_owned());
        };
        let back = RecordedEdit {
            text: undo.before,
            scenario: undo.scenario,
            diff: String::new(),
        };
        if let Err(e) = write_recorded(&undo.file, &undo.written, &back) {
            return Outcome::notice(format!("Not undone: {e}"));
        }
        self.io.watch.note_own_write(&undo.file);
        self.record.base = None;
        if self.inputs.sources.scenario.as_deref() == Some(undo.file.as_path()) {
            self.inputs.scenario = back.scenario;
            self.scenario_changed();
        }
        Outcome::notice(format!("Undid the last record in {}", shown_path(&undo.file)))
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
        self.derive_from_scenario();
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

/// Each track whose record end the edit moves, in a sentence: a report on
/// one base can move the whole track's end, so the form says so.
fn record_end_moves(before: &Scenario, after: &Scenario) -> Vec<String> {
    use crate::model::TrackIdx;
    (0..after.tracks.len())
        .filter_map(|i| {
            let track = TrackIdx(i);
            let (old, new) = (before.record_end(track)?, after.record_end(track)?);
            (old != new).then(|| {
                format!(
                    "Moves the record's end of \"{}\" from {} to {}: every region and base without a later report \
                     holds its last status until then.",
                    after.track(track).name,
                    crate::model::date_format::long(old),
                    crate::model::date_format::long(new)
                )
            })
        })
        .collect()
}

/// When the report becomes its region's or base's last period, it takes
/// over the text of what stayed unknown after the old last one (which
/// may be about something else, as "nothing is on record about September
/// 2026", so it is kept); the form quotes it so that the briefer can
/// change it where the report answers it.
fn inherited_unknown(after: &Scenario, form: &RecordForm) -> Option<String> {
    let track = after.tracks.get(after.track_idx(&form.track)?.0)?;
    let periods = match &form.entity {
        EntityPick::Region(id) => track.periods.get(after.region_idx(id)?.0)?,
        EntityPick::Base(id) => track.base_periods.get(after.place_idx(id)?.0)?,
    };
    let from = form.from.parse::<crate::model::Date>().ok()?;
    let last = periods.iter().rev().find(|p| p.unknown_after.is_some())?;
    let text = last.unknown_after.as_deref().filter(|_| last.from == from)?;
    Some(format!(
        "This report is now the last on record here, followed by what was written as still unknown: \"{text}\" \
         If the report answers that, change it in the file."
    ))
}
