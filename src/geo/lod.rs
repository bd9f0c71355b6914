//! Level of detail: precomputed simplifications of the map, chosen by zoom.
//!
//! A full-resolution boundary file (a million vertices) draws far more
//! vertices than a 1080p screen has pixels along the borders. At load, the
//! rings are cut into arcs at topology nodes (vertices where the set of
//! features changes: junctions of three features, the ends of a shared
//! boundary), and each arc is simplified once with Douglas–Peucker, in a
//! canonical direction, then reused by every ring that runs along it. So
//! neighbours keep identical shared boundaries at every level: no gaps or
//! overlaps between fills, and a region's outline still dissolves from
//! edges that only one of its features uses. Each level is triangulated
//! once, at load.
//!
//! Douglas–Peucker is run once per arc to rank its vertices: a vertex is
//! kept at tolerance `t` iff the distances at which it and all of its
//! ancestors in the recursion were split exceed `t`, which is exactly what
//! a run at `t` would keep. Levels then cost a filter each.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::{Arc, OnceLock};

use emath::Pos2;

use super::borders::{BorderLine, Borders, region_outlines};
use super::edges::{VertexKey, vertex_key};
use super::ids::next_generation;
use super::shape::{FeatureShape, RegionFeature, WorldMesh};

/// Below this many vertices (hand-made test inputs) there are no levels.
/// The embedded assets (24k vertices) have them: at the home view a third
/// fewer triangles per frame, and a 100-frame export ~10% faster.
pub const LOD_MIN_VERTICES: usize = 10_000;

/// Simplification tolerances of the levels, km, finest first.
pub const LEVEL_TOLERANCES_KM: [f32; 5] = [0.015, 0.05, 0.15, 0.5, 1.5];

/// Largest allowed deviation from the full detail, screen points: a
/// quarter point stays under half a pixel at two pixels per point.
pub const MAX_DEVIATION_POINTS: f32 = 0.25;

/// One simplified copy of the map's features.
#[derive(Clone, Debug, PartialEq)]
pub struct DetailLevel {
    /// Unique per level built, as [`super::MapGeometry::generation`] is per
    /// map built.
    pub generation: u64,
    /// Largest distance of a dropped vertex from the simplified line, km.
    pub tolerance_km: f32,
    pub features: Vec<RegionFeature>,
    pub context: Vec<FeatureShape>,
    /// As [`super::MapGeometry::region_outlines`], from the simplified rings.
    pub region_outlines: Vec<Vec<BorderLine>>,
    pub borders: Borders,
}

/// What to draw at one zoom: borrowed from the full geometry or a level.
#[derive(Clone, Copy, Debug)]
pub struct Detail<'a> {
    /// The map's generation at full detail, the level's otherwise: what a
    /// cache of this detail's derived data keys on.
    pub generation: u64,
    pub tolerance_km: f32,
    pub features: &'a [RegionFeature],
    pub context: &'a [FeatureShape],
    pub region_outlines: &'a [Vec<BorderLine>],
    pub borders: &'a Borders,
}

/// The full-detail inputs a level is simplified from.
#[derive(Clone, Copy)]
pub struct Inputs<'a> {
    pub features: &'a [RegionFeature],
    pub context: &'a [FeatureShape],
    pub region_count: usize,
}

/// The levels of detail of a map, each built on first use: a one-frame
/// export or a window at one zoom pays only for the level it draws.
///
/// Levels are built on one thread, never with rayon: a sequence's workers
/// (rayon threads) may wait on a level that another thread is building,
/// and a build that needed rayon's workers would then wait for them in
/// turn — a deadlock seen in the export tests.
#[derive(Clone, Debug, Default)]
pub struct Lod {
    topology: OnceLock<Arc<Topology>>,
    /// Tolerance (km, ascending) and the level, once built.
    levels: Vec<(f32, OnceLock<Arc<DetailLevel>>)>,
}

impl Lod {
    /// Levels at `tolerances_km` (ascending), none built yet.
    pub fn new(tolerances_km: &[f32]) -> Self {
        Self {
            topology: OnceLock::new(),
            levels: tolerances_km.iter().map(|&t| (t, OnceLock::new())).collect(),
        }
    }

    pub fn tolerances(&self) -> impl Iterator<Item = f32> + '_ {
        self.levels.iter().map(|(t, _)| *t)
    }

    /// The coarsest level within `max_tolerance_km`, built from `inputs`
    /// if this is its first use; `None` if every level is coarser.
    pub fn level(&self, max_tolerance_km: f32, inputs: Inputs<'_>) -> Option<&DetailLevel> {
        let (tolerance_km, cell) = self.levels.iter().rev().find(|(t, _)| *t <= max_tolerance_km)?;
        let level = cell.get_or_init(|| {
            let topology = self.topology.get_or_init(|| Arc::new(Topology::of(inputs)));
            Arc::new(build_level(topology, *tolerance_km, inputs))
        });
        Some(level)
    }
}

fn build_level(topology: &Topology, tolerance_km: f32, inputs: Inputs<'_>) -> DetailLevel {
    let simplify = |shape: &FeatureShape| topology.simplify_shape(shape, tolerance_km);
    let features: Vec<RegionFeature> = inputs
        .features
        .iter()
        .map(|f| RegionFeature {
            region: f.region,
            shape: simplify(&f.shape),
        })
        .collect();
    let context: Vec<FeatureShape> = inputs.context.iter().map(simplify).collect();
    let region_outlines = region_outlines(&features, inputs.region_count);
    let borders = Borders::new(&features, &context);
    DetailLevel {
        generation: next_generation(),
        tolerance_km,
        features,
        context,
        region_outlines,
        borders,
    }
}

/// Nodes of the rings and each arc's Douglas–Peucker ranks.
#[derive(Debug)]
struct Topology {
    nodes: HashSet<VertexKey>,
    /// Canonical arc (its first two and last two vertices, in canonical
    /// direction) → rank of each of its vertices.
    ranks: HashMap<[VertexKey; 4], Vec<f32>>,
}

impl Topology {
    /// The topology of every shape the levels simplify.
    fn of(inputs: Inputs<'_>) -> Self {
        let shapes: Vec<&FeatureShape> = inputs.features.iter().map(|f| &f.shape).chain(inputs.context).collect();
        let mut uses: HashMap<VertexKey, u32> = HashMap::default();
        for ring in shapes.iter().flat_map(|s| &s.rings) {
            for &p in ring {
                *uses.entry(vertex_key(p)).or_default() += 1;
            }
        }
        let count = |p: Pos2| uses.get(&vertex_key(p)).copied().unwrap_or(0);
        // A vertex whose use count differs from a ring neighbour's is where
        // a shared boundary starts or ends; three or more uses is a junction.
        let mut nodes = HashSet::default();
        for ring in shapes.iter().flat_map(|s| &s.rings) {
            let n = ring.len();
            for i in 0..n {
                let c = count(ring[i]);
                if c >= 3 || c != count(ring[(i + 1) % n]) || c != count(ring[(i + n - 1) % n]) {
                    nodes.insert(vertex_key(ring[i]));
                }
            }
        }
        // Rings without a node (islands, a whole shared enclave): start at
        // their smallest vertex, the same for every ring that runs there.
        for ring in shapes.iter().flat_map(|s| &s.rings) {
            if !ring.iter().any(|&p| nodes.contains(&vertex_key(p)))
                && let Some(min) = ring.iter().map(|&p| vertex_key(p)).min()
            {
                nodes.insert(min);
            }
        }
        let mut topology = Self {
            nodes,
            ranks: HashMap::default(),
        };
        let mut arcs: HashMap<[VertexKey; 4], Vec<Pos2>> = HashMap::default();
        for ring in shapes.iter().flat_map(|s| &s.rings) {
            for arc in topology.arcs(ring) {
                let (canonical_key, forward) = canonical(&arc);
                arcs.entry(canonical_key)
                    .or_insert_with(|| if forward { arc } else { arc.into_iter().rev().collect() });
            }
        }
        topology.ranks = arcs.into_iter().map(|(k, arc)| (k, ranks(&arc))).collect();
        topology
    }

    /// The ring cut at its nodes: each arc from a node to the next,
    /// both included; the last one wraps round to the first node.
    fn arcs(&self, ring: &[Pos2]) -> Vec<Vec<Pos2>> {
        let n = ring.len();
        let Some(first) = ring.iter().position(|&p| self.nodes.contains(&vertex_key(p))) else {
            return Vec::new();
        };
        let mut arcs = Vec::new();
        let mut arc = vec![ring[first]];
        for step in 1..=n {
            let p = ring[(first + step) % n];
            arc.push(p);
            if self.nodes.contains(&vertex_key(p)) {
                arcs.push(std::mem::replace(&mut arc, vec![p]));
            }
        }
        arcs
    }

    fn simplify_ring(&self, ring: &[Pos2], tolerance_km: f32) -> Vec<Pos2> {
        let mut out = Vec::new();
        for arc in self.arcs(ring) {
            let (k, forward) = canonical(&arc);
            let Some(ranks) = self.ranks.get(&k).filter(|r| r.len() == arc.len()) else {
                out.extend(arc.iter().skip(1));
                continue;
            };
            let n = arc.len();
            // Skip the arc's first vertex: the previous arc ended there.
            for i in 1..n {
                let rank = if forward { ranks[i] } else { ranks[n - 1 - i] };
                if rank > tolerance_km {
                    out.push(arc[i]);
                }
            }
        }
        out
    }

    fn simplify_shape(&self, shape: &FeatureShape, tolerance_km: f32) -> FeatureShape {
        let rings: Vec<Vec<Pos2>> = shape
            .rings
            .iter()
            .map(|ring| self.simplify_ring(ring, tolerance_km))
            .collect();
        match WorldMesh::of_polygons(&rings, &shape.polygon_rings) {
            Ok(mesh) => FeatureShape::from_parts(
                shape.name.clone(),
                shape.source_index,
                rings,
                shape.polygon_rings.clone(),
                Some(mesh),
                shape.bounds,
            ),
            // Triangulation failed on the simplified rings: full detail
            // (the same content, so the same id).
            Err(_) => shape.clone(),
        }
    }
}

/// The arc's key in its canonical direction, and whether that is the
/// direction it is given in. The same boundary walked by the neighbour
/// (reversed) gets the same key.
fn canonical(arc: &[Pos2]) -> ([VertexKey; 4], bool) {
    let n = arc.len();
    let at = |i: usize| arc.get(i).map_or((0, 0), |&p| vertex_key(p));
    let forward = [at(0), at(1), at(n.saturating_sub(2)), at(n.saturating_sub(1))];
    let backward = [at(n.saturating_sub(1)), at(n.saturating_sub(2)), at(1), at(0)];
    if forward <= backward {
        (forward, true)
    } else {
        (backward, false)
    }
}

/// Douglas–Peucker rank of each vertex of an arc: the ends are always kept
/// (infinite rank); a closed arc (first = last) also keeps its farthest
/// vertex from the ends, so it never collapses below a triangle's worth.
fn ranks(arc: &[Pos2]) -> Vec<f32> {
    let n = arc.len();
    let mut rank = vec![0.0_f32; n];
    if n == 0 {
        return rank;
    }
    rank[0] = f32::INFINITY;
    rank[n - 1] = f32::INFINITY;
    let mut stack: Vec<(usize, usize, f32)> = Vec::new();
    if n > 2 && arc[0] == arc[n - 1] {
        let far = (1..n - 1)
            .max_by(|&a, &b| arc[0].distance_sq(arc[a]).total_cmp(&arc[0].distance_sq(arc[b])))
            .unwrap_or(1);
        rank[far] = f32::INFINITY;
        stack.push((0, far, f32::INFINITY));
        stack.push((far, n - 1, f32::INFINITY));
    } else {
        stack.push((0, n - 1, f32::INFINITY));
    }
    while let Some((a, b, parent)) = stack.pop() {
        if b <= a + 1 {
            continue;
        }
        let (i, d) = (a + 1..b)
            .map(|i| (i, segment_distance(arc[i], arc[a], arc[b])))
            .max_by(|x, y| x.1.total_cmp(&y.1))
            .unwrap_or((a + 1, 0.0));
        let r = d.min(parent);
        rank[i] = r;
        stack.push((a, i, r));
        stack.push((i, b, r));
    }
    rank
}

/// Distance from `p` to the segment `a`–`b`, km.
fn segment_distance(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let len_sq = ab.length_sq();
    if len_sq <= f32::EPSILON {
        return p.distance(a);
    }
    let t = ((p - a).dot(ab) / len_sq).clamp(0.0, 1.0);
    p.distance(a + ab * t)
}

#[cfg(test)]
#[expect(clippy::cast_precision_loss, reason = "test values are small and positive")]
mod tests {
    use emath::{Rect, pos2};

    use super::*;
    use crate::model::RegionIdx;

    /// A square's ring from (x0, 0) to (x0 + 10, 10), counter-clockwise,
    /// with a wiggly shared edge x = 10 when `x0` is 0 (east side) or 10
    /// (west side), densified with `n` points.
    fn wiggly_edge(n: usize) -> Vec<Pos2> {
        (0..=n)
            .map(|i| {
                let t = i as f32 / n as f32;
                pos2(10.0 + 0.3 * (t * 40.0).sin(), 10.0 * t)
            })
            .collect()
    }

    fn shape(rings: Vec<Vec<Pos2>>) -> FeatureShape {
        let polygon_rings = std::iter::once(0..rings.len()).collect::<Vec<_>>();
        let mesh = WorldMesh::of_polygons(&rings, &polygon_rings).unwrap();
        let bounds = rings.iter().flatten().fold(Rect::NOTHING, |mut b, &p| {
            b.extend_with(p);
            b
        });
        FeatureShape::from_parts(String::new(), 0, rings, polygon_rings, Some(mesh), bounds)
    }

    fn neighbours(n: usize) -> Vec<RegionFeature> {
        let edge = wiggly_edge(n);
        // West square: (0,0) → edge up → (0,10); east square: edge down.
        let mut west = vec![pos2(0.0, 0.0)];
        west.extend(edge.iter().copied());
        west.push(pos2(0.0, 10.0));
        let mut east: Vec<Pos2> = edge.iter().rev().copied().collect();
        east.extend([pos2(20.0, 0.0), pos2(20.0, 10.0)]);
        east.rotate_right(2);
        vec![
            RegionFeature {
                region: RegionIdx(0),
                shape: shape(vec![west]),
            },
            RegionFeature {
                region: RegionIdx(0),
                shape: shape(vec![east]),
            },
        ]
    }

    /// Simplifies the features and the context at each of `tolerances_km`.
    fn build_levels(inputs: Inputs<'_>, tolerances_km: &[f32]) -> Vec<DetailLevel> {
        let topology = Topology::of(inputs);
        let level = |&tolerance_km| build_level(&topology, tolerance_km, inputs);
        tolerances_km.iter().map(level).collect()
    }

    fn inputs(features: &[RegionFeature]) -> Inputs<'_> {
        Inputs {
            features,
            context: &[],
            region_count: 1,
        }
    }

    fn shared(a: &[Pos2], b: &[Pos2]) -> Vec<Pos2> {
        let on_b: std::collections::HashSet<_> = b.iter().map(|&p| vertex_key(p)).collect();
        a.iter().copied().filter(|p| on_b.contains(&vertex_key(*p))).collect()
    }

    #[test]
    fn shared_boundaries_simplify_identically_and_fewer_vertices_remain() {
        let features = neighbours(2000);
        let levels = build_levels(inputs(&features), &[0.05, 0.5]);
        let full_shared = shared(&features[0].shape.rings[0], &features[1].shape.rings[0]).len();
        assert_eq!(full_shared, 2001);
        let mut last = usize::MAX;
        for level in &levels {
            let [west, east] = [&level.features[0].shape.rings[0], &level.features[1].shape.rings[0]];
            let west_shared = shared(west, east);
            let east_shared = shared(east, west);
            // Every vertex of the shared boundary kept on one side is kept
            // on the other, and no other vertex is shared.
            assert_eq!(west_shared.len() + 2, west.len(), "west keeps only shared + 2 corners");
            assert_eq!(east_shared.len() + 2, east.len(), "east keeps only shared + 2 corners");
            let mut back = east_shared.clone();
            back.reverse();
            assert_eq!(west_shared, back, "the same boundary, walked the other way");
            assert!(west_shared.len() > 2, "the wiggle needs more than its ends");
            assert!(west.len() < last, "coarser levels have fewer vertices");
            last = west.len();
            assert!(west.len() < 400, "{} vertices at {}", west.len(), level.tolerance_km);
            assert!(!level.features[0].shape.mesh().indices.is_empty(), "triangulated");
        }
    }

    #[test]
    fn simplified_rings_stay_within_the_tolerance() {
        let features = neighbours(2000);
        let levels = build_levels(inputs(&features), &[0.05]);
        let kept = &levels[0].features[0].shape.rings[0];
        for &p in &features[0].shape.rings[0] {
            let d = (0..kept.len())
                .map(|i| segment_distance(p, kept[i], kept[(i + 1) % kept.len()]))
                .fold(f32::INFINITY, f32::min);
            assert!(d <= 0.05 + 1e-4, "{p:?} is {d} km off");
        }
    }

    #[test]
    fn lod_builds_the_coarsest_level_within_the_tolerance_on_first_use() {
        let features = neighbours(2000);
        let lod = Lod::new(&[0.1, 1.0, 10.0]);
        let level = |max| lod.level(max, inputs(&features)).map(|l| l.tolerance_km);
        assert_eq!(level(2.0), Some(1.0));
        assert_eq!(level(0.01), None);
        assert_eq!(level(100.0), Some(10.0));
        let built = lod.levels.iter().filter(|(_, l)| l.get().is_some()).count();
        assert_eq!(built, 2, "only the levels asked for are built");
        // Built or not, a level is the same level: the tolerances say which.
        assert!(lod.tolerances().eq(Lod::new(&[0.1, 1.0, 10.0]).tolerances()));
    }
}
