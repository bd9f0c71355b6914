//! The native file dialogs (rfd) and what stands in for them: whether
//! one can open at all, and the typed path's folder and `~`. Opening an
//! input and saving an export both ask here; where no dialog can open,
//! each answers with its path field's command
//! ([`LoadCommand::PickFailed`], [`ExportCommand::PickFailed`]) instead
//! of doing nothing visible.

use std::path::{Path, PathBuf};

use crate::inputs::FileKind;
use crate::ui::Command;
use crate::ui::command::{ExportCommand, LoadCommand, RecordCommand, StoryCommand};
use crate::ui::export_form::ExportKind;

/// The native dialog to open an input file: the file picked, as the
/// command to load it; where none can open, the path field's command.
pub(super) fn pick_input_file(kind: FileKind) -> Option<Command> {
    if let Some(reason) = missing_file_dialog() {
        return Some(LoadCommand::PickFailed(kind, reason.to_owned()).into());
    }
    let dialog = rfd::FileDialog::new();
    let dialog = match kind {
        FileKind::Scenario => dialog
            .set_title("Open a scenario")
            .add_filter("Scenario (TOML)", &["toml"]),
        FileKind::Regions => dialog
            .set_title("Open regions")
            .add_filter("Regions (GeoJSON)", &["geojson", "json"]),
    };
    dialog.pick_file().map(|path| LoadCommand::File(kind, path).into())
}

/// The write to `path` for `kind`: into the folder for a sequence, else to
/// the file, which gets `extension` when typed without one.
pub(super) fn target_command(kind: ExportKind, mut path: PathBuf, extension: &str) -> ExportCommand {
    match kind {
        ExportKind::Sequence => ExportCommand::SequenceTo {
            dir: path,
            force: false,
        },
        ExportKind::Image | ExportKind::Deck | ExportKind::Book => {
            if path.extension().is_none() && !extension.is_empty() {
                path.set_extension(extension);
            }
            if kind == ExportKind::Image {
                ExportCommand::ImageTo { path, force: false }
            } else {
                ExportCommand::DocumentTo { path, force: false }
            }
        }
    }
}

/// The folder a path field proposes: the home folder (where a desktop
/// starts the app), else the working one.
pub(super) fn default_folder() -> PathBuf {
    directories::BaseDirs::new()
        .map(|dirs| dirs.home_dir().to_owned())
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default()
}

/// `~/…` typed as the shell would read it.
pub(super) fn expand_home(text: &str) -> PathBuf {
    match (text.strip_prefix("~/"), directories::BaseDirs::new()) {
        (Some(rest), Some(dirs)) => dirs.home_dir().join(rest),
        _ => PathBuf::from(text),
    }
}

/// What the dialog says when no native file dialog can open.
pub const NO_FILE_DIALOG: &str = "No file dialog on this desktop (no XDG portal or zenity) — type the path";

/// Why no native file dialog can open here, if none can. On Linux rfd
/// asks the desktop portal, then runs zenity, and when both are missing
/// returns nothing, as if the briefer had cancelled: *Save as…* and
/// *Open…* would do nothing visible. Elsewhere the system has its own
/// dialog.
pub(super) fn missing_file_dialog() -> Option<&'static str> {
    if cfg!(target_os = "linux") && !has_zenity() && !has_portal_file_chooser() {
        Some(NO_FILE_DIALOG)
    } else {
        None
    }
}

fn has_zenity() -> bool {
    std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join("zenity").is_file()))
}

/// Whether a desktop portal can show a file chooser: inside a Flatpak
/// sandbox always; else a session bus and an installed portal backend
/// that offers one (the portal alone shows no dialog).
fn has_portal_file_chooser() -> bool {
    if Path::new("/.flatpak-info").exists() {
        return true;
    }
    let runtime_bus = std::env::var_os("XDG_RUNTIME_DIR").is_some_and(|dir| Path::new(&dir).join("bus").exists());
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() && !runtime_bus {
        return false;
    }
    let data_dirs = std::env::var("XDG_DATA_DIRS")
        .ok()
        .filter(|dirs| !dirs.is_empty())
        .unwrap_or_else(|| "/usr/local/share:/usr/share".to_owned());
    data_dirs.split(':').any(|dir| {
        std::fs::read_dir(Path::new(dir).join("xdg-desktop-portal/portals")).is_ok_and(|entries| {
            entries.flatten().any(|entry| {
                std::fs::read_to_string(entry.path())
                    .is_ok_and(|text| text.contains("org.freedesktop.impl.portal.FileChooser"))
            })
        })
    })
}

/// The native dialog for `kind`: a folder for a sequence, else a file
/// named `file_name` with `extension`; where none can open, the dialog's
/// path field instead ([`ExportCommand::PickFailed`]).
pub(super) fn pick_export_target(kind: ExportKind, file_name: &str, extension: &str) -> Option<Command> {
    if let Some(reason) = missing_file_dialog() {
        return Some(ExportCommand::PickFailed(reason.to_owned()).into());
    }
    let (title, filter) = match kind {
        ExportKind::Sequence => {
            return rfd::FileDialog::new()
                .set_title("Export the sequence into")
                .pick_folder()
                .map(|dir| ExportCommand::SequenceTo { dir, force: false }.into());
        }
        ExportKind::Image => ("Export image", format!("{} image", extension.to_uppercase())),
        ExportKind::Deck => ("Export slides", "PowerPoint deck".to_owned()),
        ExportKind::Book => ("Export briefing book", "PDF document".to_owned()),
    };
    let path = rfd::FileDialog::new()
        .set_title(title)
        .set_file_name(file_name)
        .add_filter(filter, &[extension])
        .save_file()?;
    // A name typed without an extension gets the one the filter shows.
    Some(target_command(kind, path, extension).into())
}

/// The native save dialog for a copy of the embedded scenario; without
/// one, the form's path field.
pub fn pick_copy_target() -> Option<Command> {
    if let Some(reason) = missing_file_dialog() {
        return Some(RecordCommand::PickCopyFailed(reason.to_owned()).into());
    }
    rfd::FileDialog::new()
        .set_title("Save a copy of the scenario with the report")
        .set_file_name(COPY_FILE_NAME)
        .set_directory(scenario_copy_path().parent().unwrap_or(Path::new(".")))
        .add_filter("Scenario (TOML)", &["toml"])
        .save_file()
        .map(|path| RecordCommand::SaveCopyTo(path).into())
}

/// The name a copy of the embedded scenario is offered under.
pub(super) const COPY_FILE_NAME: &str = "scenario.toml";

/// The native dialog to open a story.
pub fn pick_story() -> Option<crate::ui::Command> {
    if let Some(reason) = missing_file_dialog() {
        return Some(
            crate::ui::command::NoticeCommand::Show(format!("{reason}: drop the story file on the window")).into(),
        );
    }
    rfd::FileDialog::new()
        .set_title("Open a story")
        .add_filter("Story (TOML)", &["toml"])
        .pick_file()
        .map(|path| StoryCommand::Open(path).into())
}

/// The native dialog to save a story, or the path field where none opens.
pub fn pick_story_save_target(proposed: &Path) -> Option<crate::ui::Command> {
    if let Some(reason) = missing_file_dialog() {
        return Some(StoryCommand::SavePickFailed(reason.to_owned()).into());
    }
    let mut dialog = rfd::FileDialog::new()
        .set_title("Save the story")
        .add_filter("Story (TOML)", &["toml"]);
    if let Some(name) = proposed.file_name() {
        dialog = dialog.set_file_name(name.to_string_lossy());
    }
    if let Some(folder) = proposed.parent() {
        dialog = dialog.set_directory(folder);
    }
    dialog.save_file().map(|path| StoryCommand::SaveTo(path).into())
}

/// The native dialog to pick the story's logo (a PNG), opening in
/// `folder`; where none opens, a notice pointing to the logo's field.
pub fn pick_story_logo(folder: Option<&Path>) -> Option<crate::ui::Command> {
    if let Some(reason) = missing_file_dialog() {
        return Some(
            crate::ui::command::NoticeCommand::Show(format!("{reason}: type the logo's path in its field")).into(),
        );
    }
    let mut dialog = rfd::FileDialog::new()
        .set_title("The story's logo")
        .add_filter("PNG image", &["png"]);
    if let Some(folder) = folder {
        dialog = dialog.set_directory(folder);
    }
    dialog.pick_file().map(|path| StoryCommand::LogoPicked(path).into())
}

/// Where a copy of the embedded scenario is proposed: the user's
/// scenario in drawdown's config folder (`~/.config/drawdown/scenario.toml`
/// on Linux, as the README says), else the home folder.
pub(super) fn scenario_copy_path() -> PathBuf {
    directories::ProjectDirs::from("", "", "drawdown")
        .map_or_else(default_folder, |dirs| dirs.config_dir().to_owned())
        .join(COPY_FILE_NAME)
}
