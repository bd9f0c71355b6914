//! Geography: projection (pure functions), and the static map geometry —
//! projected, triangulated and outlined once at load, never per frame.
//! Built on `emath` alone (no GUI types), like the layers below it.

pub mod borders;
mod edges;
pub mod ids;
pub mod lod;
pub mod map;
pub mod projection;
pub mod shape;

pub use borders::BorderLine;
pub use ids::{LineId, ShapeId};
pub use map::MapGeometry;
pub use projection::Projection;
pub use shape::FeatureShape;
