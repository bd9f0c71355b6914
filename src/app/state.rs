//! The app's state, grouped by what it is about. Only
//! [`DrawdownApp::apply`](super::DrawdownApp::apply) changes it; the
//! chrome reads it.

use crate::model::printable::shortened;
use std::path::PathBuf;

use super::change_fx::ChangeFx;
use super::load_job::LoadJob;
use super::playback::Playback;
use super::settings::Settings;
use super::watch::FileWatch;
use crate::inputs::Sources;
use crate::load::InputErrors;
use crate::model::{Date, TrackIdx};
use crate::render::{LayerSet, MapView, Theme};
use crate::ui::notice::Notice;
use crate::ui::panel::PanelSet;

/// What the briefer is showing: the date, the track, playback and the
/// last status change crossed.
#[derive(Clone, Debug)]
pub struct Briefing {
    pub date: Date,
    pub track: TrackIdx,
    pub playback: Playback,
    pub change: Option<ChangeFx>,
    /// The date the "today" line marks; None hides it (tests).
    pub today: Option<Date>,
}

/// How the map looks: what persists with the settings besides the date.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Look {
    pub view: MapView,
    pub theme: Theme,
    /// The map's layers shown.
    pub layers: LayerSet,
    /// The window's panels shown.
    pub panels: PanelSet,
    pub greyscale: bool,
    pub compare: bool,
}

/// What covers the map or changes the window's mode.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OverlayState {
    pub presenting: bool,
    pub black_screen: bool,
    pub help_open: bool,
    /// The go-to-date box (G), when open.
    pub goto: Option<GoTo>,
}

/// The go-to-date box: what is typed and why it was refused.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GoTo {
    pub text: String,
    pub error: Option<String>,
}

/// Files: what is watched, what failed to load, what is saved where, and
/// the messages about them.
#[derive(Debug, Default)]
pub struct Io {
    pub watch: FileWatch,
    /// Files asked for whose load failed: a reload retries them.
    pub pending_sources: Option<Sources>,
    /// The load under way, if any (the newest asked for).
    pub loading: Option<LoadJob>,
    /// How many loads were asked for: the next one's number.
    pub loads_asked: u64,
    /// The last load error, shown in a banner; the last good data stays.
    pub error: Option<ShownErrors>,
    /// Short notice ("Loaded …"), shown in the top bar.
    pub notice: Option<Notice>,
    /// Where settings are saved; None: not saved (tests).
    pub settings_path: Option<PathBuf>,
    /// What was last saved, and when (egui clock), to save only changes
    /// and at most once a second.
    pub saved: Option<(Settings, f64)>,
}

/// A failed load's errors as the banner shows them: the whole text, and
/// the first [`MAX_LISTED_ERRORS`] errors each cut to
/// [`MAX_SHOWN_ERROR_CHARS`], so that no frame lays out megabytes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShownErrors {
    /// Every error, one a line.
    pub text: String,
    /// The errors listed, cut.
    pub lines: Vec<String>,
    /// How many errors there are in all.
    pub total: usize,
}

/// The most errors the banner lists; the rest are counted.
pub const MAX_LISTED_ERRORS: usize = 500;

/// The longest error line the banner shows, characters (then "…").
pub const MAX_SHOWN_ERROR_CHARS: usize = 500;

impl ShownErrors {
    pub fn new(errors: &InputErrors) -> Self {
        Self {
            text: errors.to_string(),
            lines: errors
                .0
                .iter()
                .take(MAX_LISTED_ERRORS)
                .map(|e| shortened(&e.to_string(), MAX_SHOWN_ERROR_CHARS))
                .collect(),
            total: errors.0.len(),
        }
    }
}
