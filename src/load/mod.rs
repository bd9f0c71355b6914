//! File formats → model: the scenario TOML and the regions GeoJSON.
//! No egui here; every error names the file and the place in it.

pub mod containment;
pub mod crossing;
pub mod error;
pub mod file;
pub mod geojson;
pub mod scenario;

pub use error::{InputError, InputErrors, Location};
