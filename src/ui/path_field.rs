//! A path typed by hand: what the window offers where the desktop has no
//! native file dialog (no XDG portal, no zenity), so that *Save as…* and
//! *Open…* never just do nothing. One value and one field, used by the
//! export dialog and by *File → Open*.

use egui::{Key, Ui};

/// A path as typed, and why there is no native dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypedPath {
    /// The path as typed (it opens as the proposed folder and name).
    pub text: String,
    /// Why there is no native dialog, shown above the field.
    pub reason: String,
}

/// The reason, then the field with its label; a throwaway builder over
/// the app's [`TypedPath`], edited in place.
#[must_use = "call .ui(ui) to show the field"]
pub struct PathField<'a> {
    pub typed: &'a mut TypedPath,
    /// The field's label, also its accessible name.
    pub label: &'a str,
}

impl PathField<'_> {
    /// Shows the field; whether Enter was pressed in it.
    pub fn ui(self, ui: &mut Ui) -> bool {
        ui.colored_label(ui.visuals().warn_fg_color, &self.typed.reason);
        ui.horizontal(|ui| {
            let label = ui.label(self.label);
            let edit = egui::TextEdit::singleline(&mut self.typed.text).desired_width(420.0);
            let response = ui.add(edit).labelled_by(label.id);
            response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter))
        })
        .inner
    }
}
