//! What persists between runs: date, track, view, layers, theme, playback
//! speed. Stored as JSON in the user's config directory and written
//! atomically (temporary file, then rename): a crash mid-write never loses
//! the previous settings.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::load::file::read_regular_file;
use crate::model::printable::shown_path;
use crate::render::{LayerSet, MapView, Theme};
use crate::ui::panel::PanelSet;

/// Settings files larger than this are ignored: a real one is under a KiB.
pub const MAX_SETTINGS_BYTES: u64 = 1024 * 1024;

/// What persists. Read and written in the file's own shape (the private
/// `SettingsFile`), so that files written by older versions still load.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(from = "SettingsFile", into = "SettingsFile")]
pub struct Settings {
    /// YYYY-MM-DD; a string so that a stale or hand-edited value is
    /// checked on load rather than trusted.
    pub date: Option<String>,
    /// Track id.
    pub track: Option<String>,
    pub view: MapView,
    pub theme: Theme,
    /// The map's layers shown in the window.
    pub layers: LayerSet,
    /// The window's panels shown.
    pub panels: PanelSet,
    pub speed_days_per_sec: f64,
    pub looping: bool,
    pub greyscale: bool,
    pub compare: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            date: None,
            track: None,
            view: MapView::HOME,
            theme: Theme::Light,
            layers: LayerSet::default(),
            panels: PanelSet::default(),
            speed_days_per_sec: super::playback::DEFAULT_SPEED_DAYS_PER_SEC,
            looping: false,
            greyscale: false,
            compare: false,
        }
    }
}

/// The settings file's shape. Layers and panels are kept by name (a
/// name → shown map), so that a file names only what it knew of and the
/// rest takes its default. Files written before the window's panels were
/// told apart from the map's layers list the panels among the layers
/// (`"layers": {"chart": true, "troops": false, "region_labels": true,
/// …}`); they load as they were meant.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(default)]
struct SettingsFile {
    date: Option<String>,
    track: Option<String>,
    view: MapView,
    theme: Theme,
    layers: BTreeMap<String, bool>,
    /// Absent from older files: then the panels are read from `layers`.
    #[serde(default)]
    panels: Option<BTreeMap<String, bool>>,
    speed_days_per_sec: f64,
    looping: bool,
    greyscale: bool,
    compare: bool,
}

impl Default for SettingsFile {
    fn default() -> Self {
        Settings::default().into()
    }
}

impl From<Settings> for SettingsFile {
    fn from(settings: Settings) -> Self {
        Self {
            date: settings.date,
            track: settings.track,
            view: settings.view,
            theme: settings.theme,
            layers: named(settings.layers.flags()),
            panels: Some(named(settings.panels.flags())),
            speed_days_per_sec: settings.speed_days_per_sec,
            looping: settings.looping,
            greyscale: settings.greyscale,
            compare: settings.compare,
        }
    }
}

impl From<SettingsFile> for Settings {
    fn from(file: SettingsFile) -> Self {
        let panels = file.panels.as_ref().unwrap_or(&file.layers);
        Self {
            date: file.date,
            track: file.track,
            view: file.view,
            theme: file.theme,
            layers: LayerSet::from_flags(flags(&file.layers)),
            panels: PanelSet::from_flags(flags(panels)),
            speed_days_per_sec: file.speed_days_per_sec,
            looping: file.looping,
            greyscale: file.greyscale,
            compare: file.compare,
        }
    }
}

/// A name → shown map of `flags`.
fn named(flags: impl Iterator<Item = (&'static str, bool)>) -> BTreeMap<String, bool> {
    flags.map(|(name, on)| (name.to_owned(), on)).collect()
}

/// The (name, shown) pairs of a name → shown map.
fn flags(map: &BTreeMap<String, bool>) -> impl Iterator<Item = (&str, bool)> {
    map.iter().map(|(name, on)| (name.as_str(), *on))
}

impl Settings {
    /// `~/.config/drawdown/settings.json` on Linux (the platform's config
    /// directory elsewhere); None when there is no home directory.
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "drawdown").map(|dirs| dirs.config_dir().join("settings.json"))
    }

    /// Reads settings; a missing file gives the defaults, an unreadable,
    /// oversized ([`MAX_SETTINGS_BYTES`]), corrupt or not regular one (a
    /// FIFO, a device: refused before it is opened, so the window never
    /// waits on it) the defaults and a notice saying what was wrong.
    pub fn load(path: &Path) -> (Self, Option<String>) {
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Self::default(), None),
            _ => {}
        }
        let ignored = |why: String| {
            let what_next = if Self::can_save_to(path) {
                "it is replaced when you change a setting"
            } else {
                "settings are not saved this session"
            };
            (
                Self::default(),
                Some(format!("{why} — settings ignored, using defaults ({what_next})")),
            )
        };
        let bytes = match read_regular_file(path, MAX_SETTINGS_BYTES, "settings") {
            Ok(bytes) => bytes,
            Err(e) => return ignored(e.to_string()),
        };
        match serde_json::from_slice(&bytes) {
            Ok(settings) => (settings, None),
            Err(e) => ignored(format!("{}: not valid settings ({e})", shown_path(&path))),
        }
    }

    /// Whether settings may be written to `path`: nothing is there yet, or
    /// a regular file is (never a FIFO or a device put in its place).
    pub fn can_save_to(path: &Path) -> bool {
        match std::fs::metadata(path) {
            Ok(m) => m.is_file(),
            Err(e) => e.kind() == std::io::ErrorKind::NotFound,
        }
    }

    /// Writes settings atomically, creating the directory if needed.
    pub fn save(&self, path: &Path) -> Result<(), String> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", shown_path(&dir)))?;
        }
        let json = serde_json::to_string_pretty(self).map_err(|e| e.to_string())?;
        crate::atomic_write::write_file(path, json.as_bytes(), true).map_err(|e| e.to_string())
    }
}
