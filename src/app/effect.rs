//! Effects: what a command asks of the operating system (a file dialog,
//! the clipboard, full screen, the window's title), returned as values by
//! [`DrawdownApp::apply`](super::DrawdownApp::apply) and run where egui's
//! context is at hand. Tests apply commands without running them, so no
//! dialog ever opens in a test.

use std::path::PathBuf;

use crate::ui::Command;
use crate::ui::command::FileKind;
use crate::ui::export_dialog::ExportKind;

/// Something for the window or the desktop to do.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// The native dialog to open an input file; the choice comes back as
    /// [`Command::LoadFile`].
    PickInputFile(FileKind),
    /// The native save / folder dialog of the export form; the choice
    /// comes back as [`Command::ExportImageTo`] or [`Command::ExportSequenceTo`].
    PickExportTarget {
        kind: ExportKind,
        /// The proposed name (none for a folder).
        file_name: String,
        /// The extension the dialog filters for (none for a folder).
        extension: &'static str,
    },
    /// The notice's *Open folder*: the desktop's file manager on it.
    OpenFolder(PathBuf),
    CopyImage(egui::ColorImage),
    Fullscreen(bool),
    WindowTitle(String),
}

impl Effect {
    /// Runs the effect; a dialog's answer is the command it returns.
    pub fn run(self, ctx: &egui::Context) -> Option<Command> {
        match self {
            Self::PickInputFile(kind) => pick_input_file(kind).map(|path| Command::LoadFile(kind, path)),
            Self::PickExportTarget {
                kind,
                file_name,
                extension,
            } => super::export_flow::pick_export_target(kind, &file_name, extension),
            Self::OpenFolder(folder) => opener::open(&folder)
                .err()
                .map(|e| Command::ShowNotice(format!("Could not open {}: {e}", folder.display()))),
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
        }
    }
}

/// The native file dialog (needs a desktop portal at run time).
fn pick_input_file(kind: FileKind) -> Option<PathBuf> {
    let dialog = rfd::FileDialog::new();
    let dialog = match kind {
        FileKind::Scenario => dialog
            .set_title("Open a scenario")
            .add_filter("Scenario (TOML)", &["toml"]),
        FileKind::Regions => dialog
            .set_title("Open regions")
            .add_filter("Regions (GeoJSON)", &["geojson", "json"]),
    };
    dialog.pick_file()
}
