//! The one place where the app's state changes. Each [`Command`] group
//! goes to the sub-state that owns it (time to the briefing, looks to the
//! look, …), which applies it and returns an [`Outcome`]: effects for the
//! OS, a notice for the top bar, or a command for another subsystem. The
//! match over groups is exhaustive, so a new group does not compile until
//! it has an owner; the few things that span sub-states (Esc, newly loaded
//! inputs) are here, by name.

use super::export_flow::ExportContext;
use super::{DrawdownApp, Effect, Outcome};
use crate::inputs::LoadedInputs;
use crate::ui::Command;
use crate::ui::command::{NoticeCommand, RecordCommand, StoryCommand};

impl DrawdownApp {
    /// Applies one intent, and the commands its outcome hands on; returns
    /// what they ask of the window or the desktop (run by
    /// [`DrawdownApp::show`], dropped by tests).
    pub fn apply(&mut self, command: Command) -> Vec<Effect> {
        let mut effects = Vec::new();
        let mut next = Some(command);
        while let Some(command) = next.take() {
            let outcome = self.dispatch(command);
            effects.extend(outcome.effects);
            if let Some(notice) = outcome.notice {
                self.io.notice = Some(notice);
            }
            next = outcome.then;
        }
        effects
    }

    /// Hands `command` to the sub-state that owns its group, with what
    /// that one reads of the rest.
    fn dispatch(&mut self, command: Command) -> Outcome {
        match command {
            Command::Time(command) => {
                let shown = self.shown_tracks();
                self.briefing.apply(command, &self.inputs.scenario, shown.as_slice())
            }
            Command::Look(command) => self.look.apply(command),
            Command::Overlay(command) => self
                .overlays
                .apply(command, self.briefing.date, self.inputs.scenario.range),
            Command::Export(command) => {
                let context = ExportContext {
                    inputs: &self.inputs,
                    date: self.briefing.date,
                    track: self.briefing.track,
                    theme: self.look.theme,
                    compare: self.look.compare,
                    layers: self.shown_layers(),
                    today: self.briefing.today,
                    view: self.look.view,
                    // A sequence, deck or book may take the open story's stops.
                    story: self.story.open.as_ref().map(|open| &open.story),
                };
                self.export.apply(command, &context)
            }
            Command::Load(command) => {
                let (outcome, loaded) = self.io.apply(command, &self.inputs);
                if let Some(inputs) = loaded {
                    self.show_inputs(inputs);
                }
                outcome
            }
            Command::Notice(command) => notice(command),
            Command::Sources(command) => self.sources.apply(command, &self.inputs.scenario),
            Command::Record(command) => self.apply_record(command),
            Command::Story(command) => self.apply_story(command),
            Command::Escape => self.escape(),
            Command::Undo => {
                let story_edits = self.story.panel_open && self.story.open.as_ref().is_some_and(|o| o.can_undo());
                if story_edits {
                    self.apply_story(StoryCommand::Undo)
                } else {
                    self.apply_record(RecordCommand::Undo)
                }
            }
        }
    }

    /// Newly loaded inputs in place of the shown ones: the briefing keeps
    /// its track (by id) and date on them.
    fn show_inputs(&mut self, inputs: LoadedInputs) {
        self.briefing.follow(&self.inputs.scenario, &inputs.scenario);
        self.record.inputs_replaced();
        self.inputs = inputs;
        self.derive_from_scenario();
    }

    /// Esc: closes the topmost overlay or dialog (black screen, the
    /// story's callout tool, the overwrite question, export, the open path
    /// field, go to, help), else leaves presentation
    /// mode, else dismisses the error banner.
    fn escape(&mut self) -> Outcome {
        // While presenting the banner is hidden: Esc leaves presentation
        // mode first and the banner shows, rather than dropping an error
        // nobody has seen.
        let closed = self.overlays.close_black_screen()
            || self.cancel_callout()
            || self.export.close_topmost()
            || self.io.close_typed_open()
            || self.close_record()
            || self.overlays.close_dialog()
            || (!self.overlays.presenting && self.io.dismiss_error());
        if closed {
            Outcome::none()
        } else {
            self.overlays.leave_presentation()
        }
    }
}

/// The notice's commands need no state: a notice to show, a folder to
/// open.
fn notice(command: NoticeCommand) -> Outcome {
    match command {
        NoticeCommand::Show(text) => Outcome::notice(text),
        NoticeCommand::OpenFolder(folder) => Outcome::effect(Effect::OpenFolder(folder)),
    }
}
