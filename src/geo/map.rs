//! Everything static about the map, derived once from the inputs: projected
//! and triangulated features, each region's dissolved outline, label
//! anchors and the home view's bounds.

use emath::{Pos2, Rect, pos2, vec2};
use rayon::prelude::*;

use super::borders::{BorderLine, Borders, region_outlines, shapes_of_region};
use super::ids::next_generation;
use super::lod::{self, Detail, Inputs, Lod};
use super::projection::Projection;
use super::shape::{FeatureShape, RegionFeature};
use crate::load::{InputError, InputErrors, Location, geojson::GeoFeature};
use crate::model::Scenario;
use crate::model::printable::{bounded, quoted, quoted_list};
use crate::polygon::triangle_area;

/// The static map: rebuilt only when the scenario or a GeoJSON file changes.
#[derive(Clone, Debug)]
pub struct MapGeometry {
    pub projection: Projection,
    pub features: Vec<RegionFeature>,
    /// Neighbouring countries, drawn muted for context.
    pub context: Vec<FeatureShape>,
    /// Per region (index = `RegionIdx.0`): the polylines of its outer
    /// boundary, i.e. the feature edges not shared with another feature of
    /// the same region. Drawn strong so the three regions read at a glance.
    pub region_outlines: Vec<Vec<BorderLine>>,
    /// Borders within regions and between context countries, each once,
    /// at full detail: built on first use (a zoom that draws full detail),
    /// so that `check` on a large file does not pay for them.
    borders: std::sync::OnceLock<Borders>,
    /// Per region: where its name label goes (None if it has no features).
    pub region_label_anchors: Vec<Option<Pos2>>,
    /// Bounds of the region features: the home view.
    pub bounds: Rect,
    /// Simplified copies for zoomed-out views, each built on first use;
    /// none for small inputs (see [`super::lod`]).
    pub lod: Lod,
    /// Unique per [`MapGeometry::build`] (clones share it): caches of derived
    /// screen data key on it (and on the pieces' [`super::ShapeId`]s), so a
    /// reload invalidates them.
    pub generation: u64,
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
                    errors.push(InputError::new(
                        regions_file,
                        at,
                        format!("({}) {e}", bounded(&feature.name)),
                    ));
                }
                _ => {
                    let known = quoted_list(scenario.regions.iter().map(|r| r.id.as_str()), scenario.regions.len());
                    errors.push(InputError::new(
                        regions_file,
                        at,
                        format!(
                            "({}) region {} is not in the scenario; expected one of {known}",
                            bounded(&feature.name),
                            quoted(region_id)
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
                    format!("({}) {e}", bounded(&feature.name)),
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
                bounds = Rect::from_center_size(Pos2::ZERO, vec2(1000.0, 1000.0));
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
            borders: std::sync::OnceLock::new(),
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
                generation: level.generation,
                tolerance_km: level.tolerance_km,
                features: &level.features,
                context: &level.context,
                region_outlines: &level.region_outlines,
                borders: &level.borders,
            },
            None => Detail {
                generation: self.generation,
                tolerance_km: 0.0,
                features: &self.features,
                context: &self.context,
                region_outlines: &self.region_outlines,
                borders: self.borders.get_or_init(|| Borders::new(&self.features, &self.context)),
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

/// A label position inside the region: the area-weighted centroid of its
/// triangles if that falls inside, else the centroid of its largest
/// triangle (always inside).
fn label_anchor<'a>(shapes: impl Iterator<Item = &'a FeatureShape> + Clone) -> Option<Pos2> {
    let mut sum = (0.0_f64, 0.0_f64, 0.0_f64);
    let mut largest: Option<(f64, Pos2)> = None;
    for shape in shapes.clone() {
        for [a, b, c] in shape.mesh.triangles() {
            let area = triangle_area(a, b, c);
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
