//! The loaded inputs: what the app shows, loaded and derived together —
//! scenario, regions and context geometry. One load path for the GUI, the CLI and
//! the tests; a failed load leaves whatever was shown before untouched.

use std::path::{Path, PathBuf};

use crate::geo::{MapGeometry, Projection};
use crate::load::geojson::{
    DEFAULT_CONTEXT_GEOJSON, DEFAULT_CONTEXT_NAME, DEFAULT_REGIONS_GEOJSON, DEFAULT_REGIONS_NAME, FeatureKind,
    parse_features,
};
use crate::load::scenario::{default_scenario, load_scenario_file};
use crate::load::error::{MAX_INPUT_BYTES, read_text_file};
use crate::load::InputErrors;
use crate::model::Scenario;

/// Which input file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Scenario,
    Regions,
}

impl FileKind {
    /// What a file is by its name: `.toml` a scenario, `.geojson` or
    /// `.json` a regions file (a file dropped on the window, a file named
    /// on the command line).
    pub fn of_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "toml" => Some(Self::Scenario),
            "geojson" | "json" => Some(Self::Regions),
            _ => None,
        }
    }
}

/// Where the inputs come from: a file, or the copy embedded in the binary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sources {
    pub scenario: Option<PathBuf>,
    pub regions: Option<PathBuf>,
}

impl Sources {
    /// These sources with `path` in place of the `kind` file.
    #[must_use]
    pub fn with_file(mut self, kind: FileKind, path: PathBuf) -> Self {
        match kind {
            FileKind::Scenario => self.scenario = Some(path),
            FileKind::Regions => self.regions = Some(path),
        }
        self
    }

    /// How to name the scenario and the regions: each file's path, or
    /// `embedded`'s name for the one embedded.
    pub fn names(&self, embedded: [&str; 2]) -> [String; 2] {
        let name = |path: &Option<PathBuf>, embedded: &str| path.as_deref().map_or(embedded.to_owned(), display);
        [name(&self.scenario, embedded[0]), name(&self.regions, embedded[1])]
    }
}

/// A scenario with its map geometry, ready to draw.
#[derive(Clone, Debug)]
pub struct LoadedInputs {
    pub scenario: Scenario,
    pub geometry: MapGeometry,
    pub sources: Sources,
}

impl LoadedInputs {
    /// Loads, validates, projects and triangulates the inputs.
    pub fn load(sources: &Sources) -> Result<Self, InputErrors> {
        let scenario = match &sources.scenario {
            Some(path) => load_scenario_file(path)?,
            None => default_scenario()?,
        };
        let (regions_text, regions_name) = match &sources.regions {
            Some(path) => (read_text_file(path, MAX_INPUT_BYTES, "inputs")?, display(path)),
            None => (DEFAULT_REGIONS_GEOJSON.to_owned(), DEFAULT_REGIONS_NAME.to_owned()),
        };
        let regions = parse_features(&regions_text, &regions_name, FeatureKind::Region)?;
        let context = parse_features(DEFAULT_CONTEXT_GEOJSON, DEFAULT_CONTEXT_NAME, FeatureKind::Context)?;
        let geometry = MapGeometry::build(
            &scenario,
            &regions,
            &regions_name,
            &context,
            DEFAULT_CONTEXT_NAME,
            Projection::drawdown(),
        )?;
        Ok(Self {
            scenario,
            geometry,
            sources: sources.clone(),
        })
    }

    /// The embedded defaults.
    pub fn embedded() -> Result<Self, InputErrors> {
        Self::load(&Sources::default())
    }
}

fn display(path: &Path) -> String {
    path.display().to_string()
}
