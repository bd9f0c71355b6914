//! The Sources window (View → Sources): every source the scenario cites,
//! with the claims citing it, filtered as the briefer types; a click on
//! a claim shows its day (and track) on the map. A throwaway builder: the
//! index and the filter live in the app.

use egui::{RichText, Ui};

use crate::model::source_index::{Citation, SourceIndex};
use crate::ui::Command;
pub use crate::ui::command::SourcesCommand;
use crate::ui::command::TimeCommand;

/// The window's title, and how tests find it.
pub const SOURCES_TITLE: &str = "Sources";

/// The View menu's entry.
pub const SOURCES_MENU_LABEL: &str = "Sources…";

/// Accessible label of the filter box.
pub const SOURCES_FILTER_LABEL: &str = "Filter sources";

/// One line of the list: a source's heading or one claim under it.
enum Row<'a> {
    Source(&'a str, usize),
    Claim(&'a Citation),
}

/// The window over the map.
pub struct SourcesView<'a> {
    pub index: &'a SourceIndex,
    pub filter: &'a str,
}

impl SourcesView<'_> {
    /// Draws the window; returns the filter's edits, the close, and a
    /// clicked claim's track and date.
    pub fn ui(self, ui: &Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let mut open = true;
        egui::Window::new(SOURCES_TITLE)
            .open(&mut open)
            .default_size([520.0, 560.0])
            .resizable(true)
            .show(ui.ctx(), |ui| commands.extend(self.contents_ui(ui)));
        if !open {
            commands.push(SourcesCommand::Toggle.into());
        }
        commands
    }

    fn contents_ui(&self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let mut filter = self.filter.to_owned();
        ui.horizontal(|ui| {
            let label = ui.label(SOURCES_FILTER_LABEL);
            let edit = egui::TextEdit::singleline(&mut filter)
                .hint_text("a source, a place, a title…")
                .desired_width(f32::INFINITY);
            ui.add(edit).labelled_by(label.id);
        });
        if filter != self.filter {
            commands.push(SourcesCommand::Filter(filter).into());
        }
        let found = self.index.filtered(self.filter);
        let claims: usize = found.iter().map(|(_, c)| c.len()).sum();
        ui.weak(format!(
            "{} of {} sources, {claims} claims. Click a claim to show its day on the map.",
            found.len(),
            self.index.entries.len()
        ));
        ui.separator();
        let rows: Vec<Row<'_>> = found
            .iter()
            .flat_map(|(entry, citations)| {
                std::iter::once(Row::Source(&entry.source, citations.len()))
                    .chain(citations.iter().map(|&c| Row::Claim(c)))
            })
            .collect();
        // Rows of one height, so that only those in view are laid out: the
        // shipped scenario lists hundreds.
        let row_height = ui.spacing().interact_size.y;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show_rows(ui, row_height, rows.len(), |ui, shown| {
                for row in rows.get(shown).unwrap_or_default() {
                    match row {
                        Row::Source(name, count) => {
                            let heading = format!("{name}  ({count})");
                            ui.add(egui::Label::new(RichText::new(heading).strong()).truncate());
                        }
                        Row::Claim(citation) => {
                            commands.extend(claim_ui(ui, citation));
                        }
                    }
                }
            });
        commands
    }
}

/// A claim's row: its kind and line; a click shows it (its track first,
/// so that the date's change is noted on the track shown).
fn claim_ui(ui: &mut Ui, citation: &Citation) -> Vec<Command> {
    let text = format!("{}: {}", citation.kind.label(), citation.text);
    let button = egui::Button::new(RichText::new(&text)).frame(false).truncate();
    let response = ui
        .horizontal(|ui| {
            ui.add_space(16.0);
            ui.add(button)
        })
        .inner;
    if !response.on_hover_text(format!("Show on the map: {text}")).clicked() {
        return Vec::new();
    }
    citation
        .track
        .map(|t| TimeCommand::SetTrack(t).into())
        .into_iter()
        .chain(std::iter::once(TimeCommand::SetDate(citation.date).into()))
        .collect()
}
