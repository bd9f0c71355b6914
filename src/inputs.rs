//! The loaded inputs: what the app shows, loaded and derived together —
//! scenario, regions and context geometry. One load path for the GUI, the CLI and
//! the tests; a failed load leaves whatever was shown before untouched.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::geo::map::{BordersBuilt, GeometryInput};
use crate::geo::shape::Triangulate;
use crate::geo::{MapGeometry, Projection};
use crate::load::error::MAX_INPUT_BYTES;
use crate::load::file::read_text_file;
use crate::load::geojson::{
    Checks, DEFAULT_CONTEXT_GEOJSON, DEFAULT_CONTEXT_NAME, DEFAULT_REGIONS_GEOJSON, DEFAULT_REGIONS_NAME, FeatureKind,
    parse_features_with,
};
use crate::load::scenario::{default_scenario, load_scenario_file};
use crate::load::{InputError, InputErrors};
use crate::model::Scenario;
use crate::model::printable::shown_path;

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
    /// What loaded but is likely a mistake (a scenario region without
    /// features): `check` prints them, the window shows them as a notice.
    pub warnings: Vec<InputError>,
}

impl LoadedInputs {
    /// Loads, validates, projects and triangulates the inputs: a user's
    /// file in full at once; the embedded data, checked in full when it
    /// was made (a test here does it again), without the costly checks and
    /// triangulated on first use.
    pub fn load(sources: &Sources) -> Result<Self, InputErrors> {
        Self::load_with(sources, USER_FILE, BordersBuilt::OnFirstUse)
    }

    /// [`Self::load`] for a command that exports and exits: a user's file
    /// is checked in full as ever, but its polygons are not triangulated,
    /// which only the window's fills need (the export canvases fill the
    /// rings): for a large file, a third of an export. `check` and the
    /// window still report a polygon earcut cannot cover. The thin borders
    /// are built while loading ([`BordersBuilt::AtLoad`]).
    pub fn load_to_export(sources: &Sources) -> Result<Self, InputErrors> {
        Self::load_with(sources, (Checks::Full, Triangulate::OnFirstUse), BordersBuilt::AtLoad)
    }

    /// Loads `sources`, a user's regions file taken as `user_file` says.
    fn load_with(
        sources: &Sources,
        user_file: (Checks, Triangulate),
        borders_built: BordersBuilt,
    ) -> Result<Self, InputErrors> {
        let (regions_name, regions_origin) = match &sources.regions {
            Some(path) => (display(path), user_file),
            None => (DEFAULT_REGIONS_NAME.to_owned(), EMBEDDED),
        };
        // The three inputs are parsed side by side (a third of a one-frame
        // export's work before this); the errors come in the same order.
        let (scenario, (regions, context)) = rayon::join(
            || match &sources.scenario {
                Some(path) => load_scenario_file(path),
                None => default_scenario(),
            },
            || {
                rayon::join(
                    || {
                        let text = match &sources.regions {
                            Some(path) => std::borrow::Cow::Owned(read_text_file(path, MAX_INPUT_BYTES, "inputs")?),
                            None => std::borrow::Cow::Borrowed(DEFAULT_REGIONS_GEOJSON),
                        };
                        parse_features_with(&text, &regions_name, FeatureKind::Region, regions_origin.0)
                    },
                    || {
                        parse_features_with(
                            DEFAULT_CONTEXT_GEOJSON,
                            DEFAULT_CONTEXT_NAME,
                            FeatureKind::Context,
                            EMBEDDED.0,
                        )
                    },
                )
            },
        );
        let (scenario, regions, context) = (scenario?, regions?, context?);
        let geometry = MapGeometry::build_from(
            &scenario,
            GeometryInput {
                features: &regions,
                file: &regions_name,
                triangulate: regions_origin.1,
            },
            GeometryInput {
                features: &context,
                file: DEFAULT_CONTEXT_NAME,
                triangulate: EMBEDDED.1,
            },
            Projection::drawdown(),
            borders_built,
        )?;
        let warnings = regions_without_features(&scenario, &geometry, &regions_name);
        Ok(Self {
            scenario,
            geometry,
            sources: sources.clone(),
            warnings,
        })
    }

    /// The embedded defaults.
    pub fn embedded() -> Result<Self, InputErrors> {
        Self::load(&Sources::default())
    }
}

/// How a user's file is taken: every check, triangulated at load.
const USER_FILE: (Checks, Triangulate) = (Checks::Full, Triangulate::AtLoad);
/// How the embedded data is taken: see [`Checks::Embedded`] and
/// [`Triangulate::OnFirstUse`].
const EMBEDDED: (Checks, Triangulate) = (Checks::Embedded, Triangulate::OnFirstUse);

/// A load that ended (on a worker thread, in the GUI): which request it
/// answers, what it loaded and what came of it. Shared, not copied: the
/// inputs can be large.
#[derive(Clone, Debug)]
pub struct FinishedLoad {
    /// The request's number; a newer request has a larger one.
    pub id: u64,
    pub sources: Sources,
    pub result: Arc<Result<LoadedInputs, InputErrors>>,
}

impl FinishedLoad {
    /// The outcome, taken out of its share (copied only if still shared).
    pub fn into_result(self) -> Result<LoadedInputs, InputErrors> {
        Arc::try_unwrap(self.result).unwrap_or_else(|shared| (*shared).clone())
    }
}

/// The same request with the same (shared) outcome.
impl PartialEq for FinishedLoad {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id && self.sources == other.sources && Arc::ptr_eq(&self.result, &other.result)
    }
}

/// A warning naming `regions_file` for each scenario region that none of
/// its features belongs to: the region would be in the legend, the
/// timeline and `status`, but nowhere on the map.
fn regions_without_features(scenario: &Scenario, geometry: &MapGeometry, regions_file: &str) -> Vec<InputError> {
    let mut drawn = vec![false; scenario.regions.len()];
    for feature in &geometry.features {
        if let Some(d) = drawn.get_mut(feature.region.0) {
            *d = true;
        }
    }
    scenario
        .regions
        .iter()
        .zip(drawn)
        .filter(|(_, drawn)| !drawn)
        .map(|(region, _)| {
            InputError::new(
                regions_file,
                None,
                format!(
                    "no feature has region \"{}\", so that region of the scenario is not drawn on the map",
                    region.id
                ),
            )
        })
        .collect()
}

fn display(path: &Path) -> String {
    shown_path(&path).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a user's file gets: every check of the loader, and every
    /// polygon triangulated (earcut covering its rings) at load.
    #[test]
    fn the_embedded_data_passes_every_check_a_users_file_gets() {
        let scenario = default_scenario().unwrap();
        let regions = parse_features_with(
            DEFAULT_REGIONS_GEOJSON,
            DEFAULT_REGIONS_NAME,
            FeatureKind::Region,
            Checks::Full,
        )
        .unwrap();
        let context = parse_features_with(
            DEFAULT_CONTEXT_GEOJSON,
            DEFAULT_CONTEXT_NAME,
            FeatureKind::Context,
            Checks::Full,
        )
        .unwrap();
        let full = MapGeometry::build(
            &scenario,
            &regions,
            DEFAULT_REGIONS_NAME,
            &context,
            DEFAULT_CONTEXT_NAME,
            Projection::drawdown(),
        )
        .unwrap();
        let embedded = LoadedInputs::embedded().unwrap();
        assert_eq!(embedded.geometry.features.len(), full.features.len());
        assert_eq!(embedded.geometry.context.len(), full.context.len());
        assert_eq!(embedded.geometry.region_label_anchors, full.region_label_anchors);
    }

    #[test]
    fn the_embedded_data_triangulated_on_first_use_covers_its_rings() {
        let embedded = LoadedInputs::embedded().unwrap();
        let geometry = &embedded.geometry;
        let shapes = geometry.features.iter().map(|f| &f.shape).chain(&geometry.context);
        for shape in shapes {
            assert!(!shape.is_triangulated(), "{}: triangulated at load", shape.name);
            let (mesh, rings) = (shape.mesh().area_km2(), shape.ring_area_km2());
            assert!(
                ((mesh - rings) / rings).abs() < 1e-6,
                "{}: {mesh} km² of {rings}",
                shape.name
            );
        }
    }

    #[test]
    fn a_users_regions_file_is_triangulated_at_load() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("regions.geojson");
        std::fs::write(&path, DEFAULT_REGIONS_GEOJSON).unwrap();
        let inputs = LoadedInputs::load(&Sources::default().with_file(FileKind::Regions, path)).unwrap();
        assert!(inputs.geometry.features.iter().all(|f| f.shape.is_triangulated()));
        assert!(
            inputs.geometry.context.iter().all(|s| !s.is_triangulated()),
            "the context is embedded"
        );
    }

    #[test]
    fn a_users_regions_file_loaded_to_export_is_checked_in_full_but_not_triangulated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("regions.geojson");
        std::fs::write(&path, DEFAULT_REGIONS_GEOJSON).unwrap();
        let sources = Sources::default().with_file(FileKind::Regions, path.clone());
        let inputs = LoadedInputs::load_to_export(&sources).unwrap();
        assert!(inputs.geometry.features.iter().all(|f| !f.shape.is_triangulated()));
        // An export draws the thin borders first thing: built while loading.
        assert!(inputs.geometry.borders_built());
        assert!(
            !LoadedInputs::load(&sources).unwrap().geometry.borders_built(),
            "check and the window: on first use"
        );
        assert_eq!(
            inputs.geometry.features.len(),
            LoadedInputs::load(&sources).unwrap().geometry.features.len()
        );
        // The full checks stay: a ring crossing itself is refused, named.
        let bowtie = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Bow","region":"federal_iraq"},"geometry":{"type":"Polygon","coordinates":[[[40,30],[44,34],[44,30],[40,34],[40,30]]]}}]}"#;
        std::fs::write(&path, bowtie).unwrap();
        let err = LoadedInputs::load_to_export(&sources).unwrap_err().to_string();
        assert!(err.contains("regions.geojson") && err.contains("cross"), "{err}");
    }
}
