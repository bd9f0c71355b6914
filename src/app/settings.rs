//! What persists between runs: date, track, view, layers, theme, playback
//! speed. Stored as JSON in the user's config directory and written
//! atomically (temporary file, then rename): a crash mid-write never loses
//! the previous settings.

use std::path::{Path, PathBuf};

use crate::load::file::read_regular_file;
use crate::render::{MapView, Theme};

/// Settings files larger than this are ignored: a real one is under a KiB.
pub const MAX_SETTINGS_BYTES: u64 = 1024 * 1024;

/// Map layers the briefer can switch off (saved with the settings; the
/// composition's paint passes are another thing).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct LayerToggles {
    pub cities: bool,
    pub bases: bool,
    /// Incidents near the shown date (absent from older settings: on).
    pub incidents: bool,
    pub region_labels: bool,
    pub legend: bool,
    /// The timeline chart under the map.
    pub chart: bool,
    /// The troop-levels panel beside the map. Off by default, and absent
    /// from settings files written before it existed (they still load).
    pub troops: bool,
}

impl Default for LayerToggles {
    fn default() -> Self {
        Self {
            cities: true,
            bases: true,
            incidents: true,
            region_labels: true,
            legend: true,
            chart: true,
            troops: false,
        }
    }
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    /// YYYY-MM-DD; a string so that a stale or hand-edited value is
    /// checked on load rather than trusted.
    pub date: Option<String>,
    /// Track id.
    pub track: Option<String>,
    pub view: MapView,
    pub theme: Theme,
    pub layers: LayerToggles,
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
            layers: LayerToggles::default(),
            speed_days_per_sec: super::playback::DEFAULT_SPEED_DAYS_PER_SEC,
            looping: false,
            greyscale: false,
            compare: false,
        }
    }
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
            Err(e) => ignored(format!("{}: not valid settings ({e})", path.display())),
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
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        let json = serde_json::to_string_pretty(self).map_err(|e| e.to_string())?;
        crate::atomic_write::write_file(path, json.as_bytes(), true).map_err(|e| e.to_string())
    }
}
