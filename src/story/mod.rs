//! A brief: a story of stops (a date, one track or two side by side, a
//! title, talking points, how long a video holds it, a view box, hidden
//! layers and callouts) that the clicker, the presenter view and the
//! story exports walk through in order.
//!
//! The file format is TOML ([`load_story`], [`story_to_toml`]); a story is
//! resolved against a loaded scenario ([`Story::resolve`]) into concrete
//! dates, track layouts and titles; [`draft_story`] writes a default one
//! from the scenario's own data. Above `render` (a stop names map layers)
//! and below `export` and `ui`, which present it.

pub mod draft;
pub mod edit;
pub mod file;
mod resolve;
mod save;

use std::path::{Path, PathBuf};

pub use self::draft::draft_story;
pub use self::file::{load_story, load_story_file};
pub use self::resolve::{ResolvedStop, StoryError};
pub use self::save::{save_story_file, story_to_toml};
use crate::model::Date;
// A stop's view box and callouts, and the marking of its banner, are the
// furniture's own types (render paints them): named here as the story's.
use crate::render::LayerSet;
pub use crate::render::view::GeoBox;
pub use crate::render::{Callout, Marking};

/// How long a video holds a stop unless the stop says otherwise, seconds.
pub const DEFAULT_HOLD_SECS: f64 = 4.0;

/// The longest a stop may be held, seconds: an hour is far beyond any
/// brief, and bounds what a video export of a hand-written file costs.
pub const MAX_HOLD_SECS: f64 = 3600.0;

/// A brief: its cover and its stops, in order.
#[derive(Clone, Debug, PartialEq)]
pub struct Story {
    pub title: String,
    pub subtitle: Option<String>,
    /// The banner top and bottom of every map, slide and page.
    pub classification: Option<Classification>,
    pub prepared_by: Option<String>,
    /// As written in the file: relative to the story file's folder
    /// ([`Self::logo_path`] resolves it).
    pub logo: Option<PathBuf>,
    /// The scenario the story is about, as written (relative to the story
    /// file's folder, [`Self::scenario_path`]); `None`: the embedded one.
    pub scenario: Option<PathBuf>,
    pub stops: Vec<Stop>,
    /// The file the story was read from or is to be saved as: relative
    /// paths in it are relative to its folder. `None`: not tied to a file
    /// (relative to the current directory).
    pub origin: Option<PathBuf>,
}

/// The day a stop shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopDate {
    /// The day the brief is given (clamped to the scenario's range).
    Today,
    On(Date),
}

/// One map, or the scenario's compare pair side by side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum StopLayout {
    #[default]
    Single,
    Compare,
}

impl StopLayout {
    /// The word the file uses.
    pub const fn id(self) -> &'static str {
        match self {
            Self::Single => "single",
            Self::Compare => "compare",
        }
    }
}

/// One view of the brief.
#[derive(Clone, Debug, PartialEq)]
pub struct Stop {
    pub date: StopDate,
    pub layout: StopLayout,
    /// A track id of the scenario, for a single layout; `None`: the
    /// scenario's default track. Checked when the story is resolved.
    pub track: Option<String>,
    /// `None`: the date and that day's milestone ([`Story::resolve`]).
    pub title: Option<String>,
    /// Talking points, as many lines as needed.
    pub notes: String,
    /// Seconds a video holds the stop.
    pub hold_secs: f64,
    /// `None`: the map's home view.
    pub view: Option<GeoBox>,
    /// The layers hidden at this stop.
    pub hide: LayerSet,
    /// Each a label with an arrow to a lon/lat (the file's `at`).
    pub callouts: Vec<Callout>,
    /// The line of the file its `[[stops]]` table starts on, for messages
    /// ("stop 3 (line 41): …"); `None` for a stop made in the app.
    pub line: Option<usize>,
}

impl Stop {
    /// A stop on `date` with every other setting at its default.
    pub fn on(date: StopDate) -> Self {
        Self {
            date,
            layout: StopLayout::Single,
            track: None,
            title: None,
            notes: String::new(),
            hold_secs: DEFAULT_HOLD_SECS,
            view: None,
            hide: LayerSet::NONE,
            callouts: Vec::new(),
            line: None,
        }
    }
}

/// The classification line of a brief, as written ("SECRET//NOFORN"):
/// the banner top and bottom of every map, slide and page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Classification {
    pub text: String,
}

impl Classification {
    pub fn new(text: impl Into<String>) -> Self {
        Self { text: text.into() }
    }

    /// The marking the text starts with, which colours the banner.
    pub fn marking(&self) -> Marking {
        Marking::of_text(&self.text)
    }
}

impl Story {
    /// A story without stops.
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            subtitle: None,
            classification: None,
            prepared_by: None,
            logo: None,
            scenario: None,
            stops: Vec::new(),
            origin: None,
        }
    }

    /// The folder relative paths in the story start from.
    fn folder(&self) -> &Path {
        self.origin
            .as_deref()
            .and_then(Path::parent)
            .unwrap_or_else(|| Path::new(""))
    }

    /// The logo's path, resolved against the story file's folder.
    pub fn logo_path(&self) -> Option<PathBuf> {
        self.logo.as_ref().map(|logo| self.folder().join(logo))
    }

    /// The scenario's path, resolved against the story file's folder;
    /// `None`: the embedded scenario.
    pub fn scenario_path(&self) -> Option<PathBuf> {
        self.scenario.as_ref().map(|scenario| self.folder().join(scenario))
    }

    /// Ties the story to another file (a "Save as"): relative paths are
    /// rewritten so that they still name the same files from the new
    /// file's folder (absolute when the folder changes).
    pub fn move_to(&mut self, file: &Path) {
        let old = self.folder().to_owned();
        let new = file.parent().unwrap_or_else(|| Path::new(""));
        if old != new {
            for path in [&mut self.logo, &mut self.scenario].into_iter().flatten() {
                if path.is_relative() {
                    let joined = old.join(&*path);
                    *path = std::path::absolute(&joined).unwrap_or(joined);
                }
            }
        }
        self.origin = Some(file.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_classification_is_coloured_by_the_marking_it_starts_with() {
        assert_eq!(Classification::new("SECRET//NOFORN").marking(), Marking::Secret);
        assert_eq!(Classification::new("unclassified").marking(), Marking::Unclassified);
        assert_eq!(Classification::new("Draft").marking(), Marking::Other);
    }

    #[test]
    fn relative_paths_start_from_the_story_files_folder_and_survive_a_move() {
        let mut story = Story::new("Brief");
        story.logo = Some(PathBuf::from("logo.png"));
        story.scenario = Some(PathBuf::from("/data/s.toml"));
        assert_eq!(story.logo_path(), Some(PathBuf::from("logo.png")));
        story.origin = Some(PathBuf::from("/briefs/b.toml"));
        assert_eq!(story.logo_path(), Some(PathBuf::from("/briefs/logo.png")));
        assert_eq!(story.scenario_path(), Some(PathBuf::from("/data/s.toml")));
        story.move_to(Path::new("/briefs/c.toml"));
        assert_eq!(story.logo, Some(PathBuf::from("logo.png")), "same folder: as written");
        story.move_to(Path::new("/elsewhere/b.toml"));
        assert_eq!(story.logo_path(), Some(PathBuf::from("/briefs/logo.png")));
        assert_eq!(story.scenario_path(), Some(PathBuf::from("/data/s.toml")));
    }
}
