//! Geography: projection (pure functions), and the static map geometry —
//! projected, triangulated and outlined once at load, never per frame.

pub mod lod;
pub mod map;
pub mod projection;
pub mod shape;

pub use lod::{Detail, DetailLevel, Lod};
pub use map::{BorderLine, Borders, MapGeometry, RegionFeature};
pub use projection::Projection;
pub use shape::{FeatureShape, WorldMesh};
