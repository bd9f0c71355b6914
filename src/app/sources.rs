//! The Sources window's state: whether it is open, the filter typed, and
//! the index of the shown scenario's sources (built when the window opens
//! and when new inputs come while it is open, never per frame).

use super::Outcome;
use crate::model::Scenario;
use crate::model::source_index::SourceIndex;
use crate::ui::sources_view::SourcesCommand;

#[derive(Clone, Debug, Default)]
pub struct SourcesState {
    pub open: bool,
    pub filter: String,
    /// The shown scenario's sources, while the window is open.
    pub index: SourceIndex,
}

impl SourcesState {
    /// Applies a command of the window; the index comes from `scenario`,
    /// the one shown.
    pub fn apply(&mut self, command: SourcesCommand, scenario: &Scenario) -> Outcome {
        match command {
            SourcesCommand::Toggle => {
                self.open = !self.open;
                self.refresh(scenario);
            }
            SourcesCommand::Filter(text) => self.filter = text,
        }
        Outcome::none()
    }

    /// `scenario` is shown now: the index follows it while the window is
    /// open (and is dropped while it is closed).
    pub fn refresh(&mut self, scenario: &Scenario) {
        self.index = if self.open {
            SourceIndex::new(scenario)
        } else {
            SourceIndex::default()
        };
    }
}
