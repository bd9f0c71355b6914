//! Everything static about the map, derived once from the inputs: projected
//! and triangulated features, each region's dissolved outline, label
//! anchors and the home view's bounds.

use std::collections::HashMap;

use egui::{Pos2, Rect, pos2};
use rayon::prelude::*;

use super::lod::{self, Detail, Inputs, Lod};
use super::projection::Projection;
use super::shape::FeatureShape;
use crate::load::{InputError, InputErrors, Location, geojson::GeoFeature};
use crate::model::{RegionIdx, Scenario};

/// A feature of one of the scenario's regions.
#[derive(Clone, Debug, PartialEq)]
pub struct RegionFeature {
    pub region: RegionIdx,
    pub shape: FeatureShape,
}

/// The static map: rebuilt only when the scenario or a GeoJSON file changes.
#[derive(Clone, Debug, PartialEq)]
pub struct MapGeometry {
    pub projection: Projection,
    pub features: Vec<RegionFeature>,
    /// Neighbouring countries, drawn muted for context.
    pub context: Vec<FeatureShape>,
    /// Per region (index = `RegionIdx.0`): the polylines of its outer
    /// boundary, i.e. the feature edges not shared with another feature of
    /// the same region. Drawn strong so the three regions read at a glance.
    pub region_outlines: Vec<Vec<Vec<Pos2>>>,
    /// Borders within regions and between context countries, each once,
    /// at full detail: built on first use (a zoom that draws full detail),
    /// so that `check` on a large file does not pay for them.
    borders: LazyBorders,
    /// Per region: where its name label goes (None if it has no features).
    pub region_label_anchors: Vec<Option<Pos2>>,
    /// Bounds of the region features: the home view.
    pub bounds: Rect,
    /// Simplified copies for zoomed-out views, each built on first use;
    /// none for small inputs (see [`super::lod`]).
    pub lod: Lod,
    /// Unique per [`MapGeometry::build`] (clones share it): caches of derived
    /// screen data key on it, so a reload invalidates them even when the new
    /// geometry lands at the same address.
    pub generation: u64,
}

/// The next [`MapGeometry::generation`].
fn next_generation() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl MapGeometry {
    /// Projects and triangulates the features. A region feature whose
    /// `region` is not one of the scenario's is an error naming
    /// `regions_file` and the feature index.
    pub fn build(
        scenario: &Scenario,
        regions: &[GeoFeature],
        regions_file: &str,
        context: &[GeoFeature],
        context_file: &str,
        projection: Projection,
    ) -> Result<Self, InputErrors> {
        let mut errors = Vec::new();
        let mut features = Vec::with_capacity(regions.len());
        // Triangulation dominates a large file's load: features are
        // triangulated in parallel, results kept in file order.
        let region_shapes: Vec<_> = regions
            .par_iter()
            .map(|feature| {
                let region_id = feature.region.as_deref().unwrap_or_default();
                let region = scenario.region_idx(region_id);
                let shape = region.map(|_| FeatureShape::build(feature, &projection));
                (feature, region_id, region, shape)
            })
            .collect();
        for (feature, region_id, region, shape) in region_shapes {
            let at = Some(Location::Feature { index: feature.index });
            match (region, shape) {
                (Some(region), Some(Ok(shape))) => features.push(RegionFeature { region, shape }),
                (Some(_), Some(Err(e))) => {
                    errors.push(InputError::new(regions_file, at, format!("({}) {e}", feature.name)));
                }
                _ => {
                    let known: Vec<&str> = scenario.regions.iter().map(|r| r.id.as_str()).collect();
                    errors.push(InputError::new(
                        regions_file,
                        at,
                        format!(
                            "({}) region \"{region_id}\" is not in the scenario; expected one of {known:?}",
                            feature.name
                        ),
                    ));
                }
            }
        }
        let context_results: Vec<_> = context
            .par_iter()
            .map(|feature| (feature, FeatureShape::build(feature, &projection)))
            .collect();
        let mut context_shapes = Vec::with_capacity(context.len());
        for (feature, shape) in context_results {
            match shape {
                Ok(shape) => context_shapes.push(shape),
                Err(e) => errors.push(InputError::new(
                    context_file,
                    Some(Location::Feature { index: feature.index }),
                    format!("({}) {e}", feature.name),
                )),
            }
        }
        if !errors.is_empty() {
            return Err(InputErrors(errors));
        }

        let region_count = scenario.regions.len();
        let region_outlines = region_outlines(&features, region_count);
        let region_label_anchors = (0..region_count)
            .map(|r| label_anchor(shapes_of_region(&features, r)))
            .collect();
        let mut bounds = features.iter().fold(Rect::NOTHING, |b, f| b.union(f.shape.bounds));
        if !bounds.is_positive() {
            // No region features at all: show the context, or a fixed box.
            bounds = context_shapes.iter().fold(Rect::NOTHING, |b, s| b.union(s.bounds));
            if !bounds.is_positive() {
                bounds = Rect::from_center_size(Pos2::ZERO, egui::vec2(1000.0, 1000.0));
            }
        }
        let vertices = vertex_count(&features, &context_shapes);
        let lod = Lod::new(if vertices >= lod::LOD_MIN_VERTICES {
            &lod::LEVEL_TOLERANCES_KM
        } else {
            &[]
        });
        Ok(Self {
            lod,
            borders: LazyBorders::default(),
            projection,
            features,
            context: context_shapes,
            region_outlines,
            region_label_anchors,
            bounds,
            generation: next_generation(),
        })
    }

    /// What to draw at `points_per_km` (the screen transform's scale): the
    /// coarsest level of detail that stays within
    /// [`lod::MAX_DEVIATION_POINTS`] of the full geometry, or the full one.
    pub fn detail_for(&self, points_per_km: f32) -> Detail<'_> {
        let max_tolerance_km = lod::MAX_DEVIATION_POINTS / points_per_km.max(1e-6);
        let inputs = Inputs {
            features: &self.features,
            context: &self.context,
            region_count: self.region_outlines.len(),
        };
        match self.lod.level(max_tolerance_km, inputs) {
            Some(level) => Detail {
                tolerance_km: level.tolerance_km,
                features: &level.features,
                context: &level.context,
                region_outlines: &level.region_outlines,
                borders: &level.borders,
            },
            None => Detail {
                tolerance_km: 0.0,
                features: &self.features,
                context: &self.context,
                region_outlines: &self.region_outlines,
                borders: self
                    .borders
                    .0
                    .get_or_init(|| Borders::new(&self.features, &self.context)),
            },
        }
    }

    /// The region feature under a world position, if any.
    pub fn feature_at(&self, world: Pos2) -> Option<usize> {
        self.features.iter().position(|f| f.shape.contains(world))
    }

    /// World position of a (longitude, latitude) in degrees.
    pub fn world_from_lonlat(&self, lon: f64, lat: f64) -> Pos2 {
        let [x, y] = self.projection.world_from_lonlat([lon, lat]);
        #[expect(clippy::cast_possible_truncation, reason = "km fit f32 with metre precision")]
        pos2(x as f32, y as f32)
    }

    /// Number of vertices in all rings (region and context).
    pub fn vertex_count(&self) -> usize {
        vertex_count(&self.features, &self.context)
    }
}

fn vertex_count(features: &[RegionFeature], context: &[FeatureShape]) -> usize {
    let shapes = features.iter().map(|f| &f.shape).chain(context);
    shapes.map(|s| s.rings.iter().map(Vec::len).sum::<usize>()).sum()
}

/// The shapes of region `r`'s features.
fn shapes_of_region(features: &[RegionFeature], r: usize) -> impl Iterator<Item = &FeatureShape> + Clone {
    features.iter().filter(move |f| f.region.0 == r).map(|f| &f.shape)
}

/// Each region's outline, dissolved from its features.
pub(super) fn region_outlines(features: &[RegionFeature], region_count: usize) -> Vec<Vec<Vec<Pos2>>> {
    (0..region_count)
        .map(|r| dissolved_outline(shapes_of_region(features, r)))
        .collect()
}

/// Key of a world position for matching shared vertices exactly.
pub(super) type VertexKey = (u32, u32);

pub(super) fn key(p: Pos2) -> VertexKey {
    (p.x.to_bits(), p.y.to_bits())
}

/// The outer boundary of a set of features that share their common edges'
/// vertices (as topologically clean data like Natural Earth does): edges
/// used once are on the outside. Each ring is split into runs of outside
/// edges, so the polylines follow the rings' own order. Data whose
/// neighbours do not share vertices degrades gracefully: every feature's
/// outline is drawn strong.
fn dissolved_outline<'a>(shapes: impl Iterator<Item = &'a FeatureShape> + Clone) -> Vec<Vec<Pos2>> {
    let mut edge_uses: HashMap<EdgeKey, u32> = HashMap::new();
    for ring in shapes.clone().flat_map(|s| &s.rings) {
        for (a, b) in ring_edges(ring) {
            *edge_uses.entry(edge_key(a, b)).or_default() += 1;
        }
    }
    let rings = shapes.flat_map(|s| &s.rings);
    join_runs(edge_runs(rings, |edge| edge_uses.get(&edge) == Some(&1)))
}

/// An undirected edge between two exact vertices.
type EdgeKey = (VertexKey, VertexKey);

fn edge_key(a: Pos2, b: Pos2) -> EdgeKey {
    let (ka, kb) = (key(a), key(b));
    if ka <= kb { (ka, kb) } else { (kb, ka) }
}

/// A ring's edges, the closing one included.
fn ring_edges(ring: &[Pos2]) -> impl Iterator<Item = (Pos2, Pos2)> + '_ {
    (0..ring.len()).map(move |i| (ring[i], ring[(i + 1) % ring.len()]))
}

/// The runs of consecutive edges of `rings` that `take` accepts (asked
/// once per edge, ring by ring, in order), as polylines; a ring whose
/// every edge is taken is one closed polyline (first point repeated).
fn edge_runs<'a>(rings: impl Iterator<Item = &'a Vec<Pos2>>, mut take: impl FnMut(EdgeKey) -> bool) -> Vec<Vec<Pos2>> {
    let mut polylines = Vec::new();
    for ring in rings {
        let taken: Vec<bool> = ring_edges(ring).map(|(a, b)| take(edge_key(a, b))).collect();
        let n = ring.len();
        let Some(start) = taken.iter().position(|&t| !t) else {
            if n >= 2 {
                let mut closed = ring.clone();
                closed.push(ring[0]);
                polylines.push(closed);
            }
            continue;
        };
        // Walk from an edge not taken so that no run wraps around the start.
        let mut run: Vec<Pos2> = Vec::new();
        for step in 1..=n {
            let i = (start + step) % n;
            if taken[i] {
                if run.is_empty() {
                    run.push(ring[i]);
                }
                run.push(ring[(i + 1) % n]);
            } else if !run.is_empty() {
                polylines.push(std::mem::take(&mut run));
            }
        }
        if !run.is_empty() {
            polylines.push(run);
        }
    }
    polylines
}

/// [`Borders`] built on first use. Derived data: equal whether built or not.
#[derive(Clone, Debug, Default)]
struct LazyBorders(std::sync::OnceLock<Borders>);

impl PartialEq for LazyBorders {
    fn eq(&self, _other: &Self) -> bool {
        true
    }
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

/// A polyline and its bounds (world).
#[derive(Clone, Debug, PartialEq)]
pub struct BorderLine {
    pub points: Vec<Pos2>,
    pub bounds: Rect,
}

impl Borders {
    /// Drawing every ring would stroke each shared border twice (and every
    /// region edge under its outline): twice the triangles for the same
    /// picture, which software GL pays for on every frame.
    pub fn new(features: &[RegionFeature], context: &[FeatureShape]) -> Self {
        // Region of each internal edge's first use; `None` once a second
        // region uses it (then it is on both regions' outlines).
        let mut internal_uses: HashMap<EdgeKey, (u32, Option<RegionIdx>)> = HashMap::new();
        for feature in features {
            for (a, b) in feature.shape.rings.iter().flat_map(|r| ring_edges(r)) {
                let entry = internal_uses.entry(edge_key(a, b)).or_insert((0, Some(feature.region)));
                entry.0 += 1;
                if entry.1 != Some(feature.region) {
                    entry.1 = None;
                }
            }
        }
        let mut drawn = std::collections::HashSet::new();
        let internal_rings = features.iter().flat_map(|f| &f.shape.rings);
        let internal = edge_runs(internal_rings, |edge| {
            matches!(internal_uses.get(&edge), Some((2.., Some(_)))) && drawn.insert(edge)
        });
        let mut drawn = std::collections::HashSet::new();
        let context = edge_runs(context.iter().flat_map(|s| &s.rings), |edge| drawn.insert(edge));
        Self {
            internal: lines(internal),
            context: lines(context),
        }
    }
}

fn lines(polylines: Vec<Vec<Pos2>>) -> Vec<BorderLine> {
    join_runs(polylines)
        .into_iter()
        .map(|points| BorderLine {
            bounds: Rect::from_points(&points),
            points,
        })
        .collect()
}

/// Joins polylines end to start. Rings of clean data run the same way
/// round (exteriors counter-clockwise), so a region's outside edges chain
/// into closed loops, which stroke without joints.
fn join_runs(mut runs: Vec<Vec<Pos2>>) -> Vec<Vec<Pos2>> {
    let mut by_start: HashMap<VertexKey, Vec<usize>> = HashMap::new();
    for (i, run) in runs.iter().enumerate() {
        if let Some(&first) = run.first() {
            by_start.entry(key(first)).or_default().push(i);
        }
    }
    let mut used = vec![false; runs.len()];
    let mut joined = Vec::new();
    for i in 0..runs.len() {
        if used[i] {
            continue;
        }
        used[i] = true;
        let mut chain = std::mem::take(&mut runs[i]);
        while chain.first() != chain.last() || chain.len() < 2 {
            let Some(&end) = chain.last() else { break };
            let next = by_start
                .get(&key(end))
                .and_then(|candidates| candidates.iter().copied().find(|&j| !used[j]));
            let Some(j) = next else { break };
            used[j] = true;
            chain.extend(runs[j].iter().skip(1).copied());
        }
        joined.push(chain);
    }
    joined
}

/// A label position inside the region: the area-weighted centroid of its
/// triangles if that falls inside, else the centroid of its largest
/// triangle (always inside).
fn label_anchor<'a>(shapes: impl Iterator<Item = &'a FeatureShape> + Clone) -> Option<Pos2> {
    let mut sum = (0.0_f64, 0.0_f64, 0.0_f64);
    let mut largest: Option<(f64, Pos2)> = None;
    for shape in shapes.clone() {
        for t in shape.mesh.indices.chunks_exact(3) {
            let [a, b, c] = [t[0], t[1], t[2]].map(|i| shape.mesh.vertices[i as usize]);
            let area = f64::from((b - a).x * (c - a).y - (c - a).x * (b - a).y).abs() / 2.0;
            let centre = pos2((a.x + b.x + c.x) / 3.0, (a.y + b.y + c.y) / 3.0);
            sum.0 += area * f64::from(centre.x);
            sum.1 += area * f64::from(centre.y);
            sum.2 += area;
            if largest.is_none_or(|(best, _)| area > best) {
                largest = Some((area, centre));
            }
        }
    }
    if sum.2 <= 0.0 {
        return None;
    }
    #[expect(clippy::cast_possible_truncation, reason = "km fit f32")]
    let centroid = pos2((sum.0 / sum.2) as f32, (sum.1 / sum.2) as f32);
    let mut shapes = shapes;
    if shapes.any(|s| s.contains(centroid)) {
        Some(centroid)
    } else {
        largest.map(|(_, c)| c)
    }
}
