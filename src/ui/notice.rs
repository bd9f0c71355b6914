//! The top bar's one-line notice ("Exported …", "Loaded …") and, after an
//! export, its *Open folder* button. The notice is state in the app; this
//! is its value and a throwaway builder that shows it. The commands carry
//! the value and the builder returns plain values (the folder to open),
//! so this file imports no command: neither imports the other back.

use std::path::{Path, PathBuf};

use egui::Ui;

use crate::model::printable::shown_path;

/// What the top bar says, and the folder an export wrote into.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    /// Offered as *Open folder* (the folder of what was just written).
    pub folder: Option<PathBuf>,
}

impl Notice {
    pub fn text(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            folder: None,
        }
    }

    /// A notice about files written into `folder`.
    pub fn with_folder(text: impl Into<String>, folder: impl Into<PathBuf>) -> Self {
        Self {
            text: text.into(),
            folder: Some(folder.into()),
        }
    }

    /// A notice about `file`, offering the folder it is in.
    pub fn about_file(text: impl Into<String>, file: &Path) -> Self {
        Self::with_folder(text, folder_of(file))
    }
}

/// The folder `file` is in (the working directory for a bare name).
pub fn folder_of(file: &Path) -> PathBuf {
    match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    }
}

impl From<String> for Notice {
    fn from(text: String) -> Self {
        Self::text(text)
    }
}

/// The notice's label (and button), in the top bar: the button first, so
/// that a long text is elided in the room left, never the button. Its
/// width is what the caller's `ui` leaves: the text never runs past it.
#[must_use = "call .ui(ui) to show the notice"]
pub struct NoticeLine<'a> {
    /// The text as shown (cut by the caller to what a bar can hold).
    pub text: &'a str,
    pub folder: Option<&'a Path>,
}

/// The button's text.
pub const OPEN_FOLDER_LABEL: &str = "Open folder";

impl NoticeLine<'_> {
    /// Shows the notice; the folder to open when *Open folder* was clicked.
    pub fn ui(self, ui: &mut Ui) -> Option<PathBuf> {
        let mut open = None;
        if let Some(folder) = self.folder {
            let button = ui
                .small_button(OPEN_FOLDER_LABEL)
                .on_hover_text(shown_path(&folder).to_string());
            if button.clicked() {
                open = Some(folder.to_owned());
            }
        }
        ui.add(egui::Label::new(egui::RichText::new(self.text).weak()).truncate());
        open
    }
}
