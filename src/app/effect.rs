//! Effects: what a command asks of the operating system (a file dialog,
//! the clipboard, full screen, the window's title), returned as values by
//! [`DrawdownApp::apply`](super::DrawdownApp::apply) and run where egui's
//! context is at hand. Tests apply commands without running them, so no
//! dialog ever opens in a test. [`Outcome`] is what one subsystem's
//! `apply` returns: its effects, a notice, and a command for another
//! subsystem.

use std::path::PathBuf;

use crate::model::printable::shown_path;
use crate::ui::Command;
use crate::ui::command::{FileKind, NoticeCommand};
use crate::ui::export_form::ExportKind;
use crate::ui::notice::Notice;

/// What applying one command asks of the rest of the app, as values: a
/// sub-state changes only itself and says the rest here, so that
/// [`DrawdownApp::apply`](super::DrawdownApp::apply) is the one place that
/// joins them.
#[must_use]
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcome {
    /// For the window or the desktop.
    pub effects: Vec<Effect>,
    /// For the top bar (a notice already shown stays when this is None).
    pub notice: Option<Notice>,
    /// For another subsystem, applied right after this one (the go-to
    /// box's date goes to the briefing).
    pub then: Option<Command>,
}

impl Outcome {
    /// Nothing more to do.
    pub fn none() -> Self {
        Self::default()
    }

    pub fn effect(effect: Effect) -> Self {
        Self {
            effects: vec![effect],
            ..Self::default()
        }
    }

    pub fn notice(notice: impl Into<Notice>) -> Self {
        Self {
            notice: Some(notice.into()),
            ..Self::default()
        }
    }

    pub fn then(command: impl Into<Command>) -> Self {
        Self {
            then: Some(command.into()),
            ..Self::default()
        }
    }
}

impl From<Option<Effect>> for Outcome {
    fn from(effect: Option<Effect>) -> Self {
        Self {
            effects: effect.into_iter().collect(),
            ..Self::default()
        }
    }
}

/// Something for the window or the desktop to do.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// The native dialog to open an input file; the choice comes back as
    /// [`LoadCommand::File`](crate::ui::command::LoadCommand::File), or,
    /// where no dialog can open, as
    /// [`LoadCommand::PickFailed`](crate::ui::command::LoadCommand::PickFailed)
    /// (the window's path field).
    PickInputFile(FileKind),
    /// The native save / folder dialog of the export form; the choice
    /// comes back as an [`ExportCommand`](crate::ui::command::ExportCommand)
    /// to write there.
    PickExportTarget {
        kind: ExportKind,
        /// The proposed name (none for a folder).
        file_name: String,
        /// The extension the dialog filters for (none for a folder).
        extension: &'static str,
    },
    /// Where to save a copy of the embedded scenario with a recorded
    /// report; the choice comes back as
    /// [`RecordCommand::SaveCopyTo`](crate::ui::command::RecordCommand::SaveCopyTo).
    PickScenarioCopy,
    /// The notice's *Open folder*: the desktop's file manager on it.
    OpenFolder(PathBuf),
    CopyImage(egui::ColorImage),
    Fullscreen(bool),
    WindowTitle(String),
    /// The native dialog to open a story; the choice comes back as
    /// [`StoryCommand::Open`](crate::ui::command::StoryCommand::Open).
    PickStory,
    /// The native dialog to save the story, proposing this path; the
    /// choice comes back as
    /// [`StoryCommand::SaveTo`](crate::ui::command::StoryCommand::SaveTo).
    PickStorySaveTarget(PathBuf),
    /// The native dialog to pick the story's logo, opening in this folder
    /// (the story file's); the choice comes back as
    /// [`StoryCommand::LogoPicked`](crate::ui::command::StoryCommand::LogoPicked).
    PickStoryLogo(Option<PathBuf>),
}

impl Effect {
    /// Runs the effect; a dialog's answer is the command it returns.
    pub fn run(self, ctx: &egui::Context) -> Option<Command> {
        match self {
            Self::PickInputFile(kind) => super::file_dialog::pick_input_file(kind),
            Self::PickExportTarget {
                kind,
                file_name,
                extension,
            } => super::file_dialog::pick_export_target(kind, &file_name, extension),
            Self::PickScenarioCopy => super::file_dialog::pick_copy_target(),
            Self::OpenFolder(folder) => opener::open(&folder)
                .err()
                .map(|e| NoticeCommand::Show(format!("Could not open {}: {e}", shown_path(&folder))).into()),
            Self::CopyImage(image) => {
                ctx.copy_image(image);
                None
            }
            Self::Fullscreen(on) => {
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(on));
                None
            }
            Self::WindowTitle(title) => {
                ctx.send_viewport_cmd(egui::ViewportCommand::Title(title));
                None
            }
            Self::PickStory => super::file_dialog::pick_story(),
            Self::PickStorySaveTarget(proposed) => super::file_dialog::pick_story_save_target(&proposed),
            Self::PickStoryLogo(folder) => super::file_dialog::pick_story_logo(folder.as_deref()),
        }
    }
}
