//! The lines of the map besides its fills: each region's outline,
//! dissolved from its features, and the thin borders within regions and
//! between context countries, each edge stroked once.
//!
//! Built from the exact shared edges of the rings (`geo::edges`), for
//! the full geometry and for every level of detail alike.

use emath::{Pos2, Rect};
use rustc_hash::{FxHashMap, FxHashSet};

use super::edges::{EdgeKey, edge_key, edge_runs, join_runs, ring_edges};
use super::ids::ShapeId;
use super::shape::{FeatureShape, RegionFeature};

/// Each region's outline, dissolved from its features.
/// One region after another, not side by side: levels of detail build
/// their outlines inside a `OnceLock` that rayon workers may be waiting
/// on, and a build needing those workers would wait for ever (a test in
/// `tests/it/geometry.rs` guards it).
pub(super) fn region_outlines(features: &[RegionFeature], region_count: usize) -> Vec<Vec<BorderLine>> {
    (0..region_count)
        .map(|r| as_lines(dissolved_outline(shapes_of_region(features, r))))
        .collect()
}

/// The shapes of region `r`'s features.
pub(super) fn shapes_of_region(features: &[RegionFeature], r: usize) -> impl Iterator<Item = &FeatureShape> + Clone {
    features.iter().filter(move |f| f.region.0 == r).map(|f| &f.shape)
}

/// The outer boundary of a set of features that share their common edges'
/// vertices (as topologically clean data like Natural Earth does): edges
/// used once are on the outside. Each ring is split into runs of outside
/// edges, so the polylines follow the rings' own order. Data whose
/// neighbours do not share vertices degrades gracefully: every feature's
/// outline is drawn strong.
fn dissolved_outline<'a>(shapes: impl Iterator<Item = &'a FeatureShape> + Clone) -> Vec<Vec<Pos2>> {
    let edges = shapes.clone().flat_map(|s| &s.rings).map(Vec::len).sum();
    let mut edge_uses: FxHashMap<EdgeKey, u32> = FxHashMap::with_capacity_and_hasher(edges, Default::default());
    for ring in shapes.clone().flat_map(|s| &s.rings) {
        for (a, b) in ring_edges(ring) {
            *edge_uses.entry(edge_key(a, b)).or_default() += 1;
        }
    }
    let rings = shapes.flat_map(|s| &s.rings);
    join_runs(edge_runs(rings, |edge| edge_uses.get(&edge) == Some(&1)))
}

/// The thin borders of a map, each stroked once.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Borders {
    /// Between two features of the same region (districts of federal Iraq,
    /// say). Edges on a region's outline are left out: the outline is
    /// stroked over them.
    pub internal: Vec<BorderLine>,
    /// Of the context countries: coasts, and each shared border once.
    pub context: Vec<BorderLine>,
}

/// A polyline (world, km) and its bounds: a thin border or a piece of a
/// region's outline.
#[derive(Clone, Debug, PartialEq)]
pub struct BorderLine {
    /// Fresh for every line built.
    pub id: ShapeId,
    pub points: Vec<Pos2>,
    pub bounds: Rect,
}

impl Borders {
    /// Drawing every ring would stroke each shared border twice (and every
    /// region edge under its outline): twice the triangles for the same
    /// picture, which software GL pays for on every frame.
    pub fn new(features: &[RegionFeature], context: &[FeatureShape]) -> Self {
        // Region of each internal edge's first use; `SHARED` once a second
        // region uses it (then it is on both regions' outlines). Eight
        // bytes a value, not 24: at full detail a large file has a million
        // edges, and this map is a drawing's peak memory.
        const SHARED: u32 = u32::MAX;
        let region_of = |f: &RegionFeature| u32::try_from(f.region.0).unwrap_or(SHARED);
        let edges = features.iter().flat_map(|f| &f.shape.rings).map(Vec::len).sum();
        let mut internal_uses: FxHashMap<EdgeKey, (u32, u32)> =
            FxHashMap::with_capacity_and_hasher(edges, Default::default());
        for feature in features {
            let region = region_of(feature);
            for (a, b) in feature.shape.rings.iter().flat_map(|r| ring_edges(r)) {
                let entry = internal_uses.entry(edge_key(a, b)).or_insert((0, region));
                entry.0 += 1;
                if entry.1 != region {
                    entry.1 = SHARED;
                }
            }
        }
        let mut drawn = FxHashSet::default();
        let internal_rings = features.iter().flat_map(|f| &f.shape.rings);
        let internal = edge_runs(internal_rings, |edge| {
            matches!(internal_uses.get(&edge), Some(&(2.., region)) if region != SHARED) && drawn.insert(edge)
        });
        let mut drawn = FxHashSet::default();
        let context = edge_runs(context.iter().flat_map(|s| &s.rings), |edge| drawn.insert(edge));
        Self {
            internal: as_lines(join_runs(internal)),
            context: as_lines(join_runs(context)),
        }
    }
}

/// Each polyline as a line of its own.
fn as_lines(polylines: Vec<Vec<Pos2>>) -> Vec<BorderLine> {
    polylines
        .into_iter()
        .map(|points| BorderLine {
            id: ShapeId::fresh(),
            bounds: Rect::from_points(&points),
            points,
        })
        .collect()
}
