//! Everything static about the map, derived once from the inputs: projected
//! and triangulated features, each region's dissolved outline, label
//! anchors and the home view's bounds.

use emath::{Pos2, Rect, pos2, vec2};
use rayon::prelude::*;

use super::borders::{BorderLine, Borders, region_outlines, shapes_of_region};
use super::ids::next_generation;
use super::lod::{self, Detail, Inputs, Lod};
use super::projection::Projection;
use super::shape::{FeatureShape, RegionFeature, Triangulate};
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
    /// at full detail: built while an export loads, else on first use (a
    /// zoom that draws full detail), so that `check` on a large file does
    /// not pay for them ([`BordersBuilt`]).
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

/// One GeoJSON's features for [`MapGeometry::build_from`]: what the file is
/// called in messages and when its polygons are triangulated.
#[derive(Clone, Copy, Debug)]
pub struct GeometryInput<'a> {
    pub features: &'a [GeoFeature],
    pub file: &'a str,
    pub triangulate: Triangulate,
}

/// When the full detail's thin borders ([`Borders`]) are built.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BordersBuilt {
    /// While loading, beside the regions' outlines: an export, which
    /// draws them first thing (for a million-vertex file, a third of
    /// its work that the other core does while the outlines are made).
    AtLoad,
    /// On the first drawing at full detail: the window and `check`, which
    /// may never need them.
    OnFirstUse,
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
        let input = |features, file| GeometryInput {
            features,
            file,
            triangulate: Triangulate::AtLoad,
        };
        Self::build_from(
            scenario,
            input(regions, regions_file),
            input(context, context_file),
            projection,
            BordersBuilt::OnFirstUse,
        )
    }

    /// [`Self::build`], each input triangulated when it says: the
    /// embedded data on first use, so that a command that only fills rings
    /// (every export) never triangulates.
    pub fn build_from(
        scenario: &Scenario,
        regions_input: GeometryInput<'_>,
        context_input: GeometryInput<'_>,
        projection: Projection,
        borders_built: BordersBuilt,
    ) -> Result<Self, InputErrors> {
        let GeometryInput {
            features: regions,
            file: regions_file,
            triangulate: regions_triangulate,
        } = regions_input;
        let GeometryInput {
            features: context,
            file: context_file,
            triangulate: context_triangulate,
        } = context_input;
        let mut errors = Vec::new();
        let mut features = Vec::with_capacity(regions.len());
        // Triangulation dominates a large file's load: features are
        // triangulated in parallel, results kept in file order.
        let region_shapes: Vec<_> = regions
            .par_iter()
            .map(|feature| {
                let region_id = feature.region.as_deref().unwrap_or_default();
                let region = scenario.region_idx(region_id);
                let shape = region.map(|_| FeatureShape::build_with(feature, &projection, regions_triangulate));
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
            .map(|feature| {
                (
                    feature,
                    FeatureShape::build_with(feature, &projection, context_triangulate),
                )
            })
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
        let (region_outlines, borders) = match borders_built {
            BordersBuilt::AtLoad => {
                let (outlines, borders) = rayon::join(
                    || region_outlines(&features, region_count),
                    || Borders::new(&features, &context_shapes),
                );
                (outlines, std::sync::OnceLock::from(borders))
            }
            BordersBuilt::OnFirstUse => (region_outlines(&features, region_count), std::sync::OnceLock::new()),
        };
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
            borders,
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
            None => self.full_detail(),
        }
    }

    /// Everything at full detail, whatever the zoom: what a canvas that
    /// fills rings draws (an export), where simplifying would cost more
    /// than the vertices it saves.
    pub fn full_detail(&self) -> Detail<'_> {
        Detail {
            generation: self.generation,
            tolerance_km: 0.0,
            features: &self.features,
            context: &self.context,
            region_outlines: &self.region_outlines,
            borders: self.borders.get_or_init(|| Borders::new(&self.features, &self.context)),
        }
    }

    /// Whether the full detail's thin borders are built (tests).
    #[cfg(test)]
    pub fn borders_built(&self) -> bool {
        self.borders.get().is_some()
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

/// A label position inside the region: its centroid (from the rings:
/// exteriors less holes) if that falls inside, else the centroid of its
/// largest triangle (always inside; only then are its features
/// triangulated, when they were not at load).
fn label_anchor<'a>(shapes: impl Iterator<Item = &'a FeatureShape> + Clone) -> Option<Pos2> {
    let mut sum = (0.0_f64, 0.0_f64, 0.0_f64);
    for shape in shapes.clone() {
        for range in &shape.polygon_rings {
            for (k, ring) in shape.rings.get(range.clone()).unwrap_or_default().iter().enumerate() {
                let (area, mx, my) = ring_moments(ring);
                // An exterior adds its area, a hole takes its own away,
                // whichever way each is wound.
                let sign = area.signum() * if k == 0 { 1.0 } else { -1.0 };
                sum.0 += sign * mx;
                sum.1 += sign * my;
                sum.2 += sign * area;
            }
        }
    }
    if sum.2.is_nan() || sum.2 <= 0.0 {
        return None;
    }
    #[expect(clippy::cast_possible_truncation, reason = "km fit f32")]
    let centroid = pos2((sum.0 / sum.2) as f32, (sum.1 / sum.2) as f32);
    let mut inside = shapes.clone();
    if inside.any(|s| s.contains(centroid)) {
        return Some(centroid);
    }
    let mut largest: Option<(f64, Pos2)> = None;
    for shape in shapes {
        for [a, b, c] in shape.mesh().triangles() {
            let area = triangle_area(a, b, c);
            if largest.is_none_or(|(best, _)| area > best) {
                largest = Some((area, pos2((a.x + b.x + c.x) / 3.0, (a.y + b.y + c.y) / 3.0)));
            }
        }
    }
    largest.map(|(_, c)| c)
}

/// A ring's signed area (shoelace, positive counter-clockwise) and its
/// first moments (area × centroid), km² and km³. Each vertex is taken
/// from the first, so that the products keep their precision far from
/// the projection's origin.
fn ring_moments(ring: &[Pos2]) -> (f64, f64, f64) {
    let Some(&origin) = ring.first() else {
        return (0.0, 0.0, 0.0);
    };
    let (ox, oy) = (f64::from(origin.x), f64::from(origin.y));
    let local = |p: Pos2| (f64::from(p.x) - ox, f64::from(p.y) - oy);
    let (mut twice_area, mut mx, mut my) = (0.0, 0.0, 0.0);
    for (i, &p) in ring.iter().enumerate() {
        let (x0, y0) = local(p);
        let (x1, y1) = local(ring[(i + 1) % ring.len()]);
        let cross = x0 * y1 - x1 * y0;
        twice_area += cross;
        mx += (x0 + x1) * cross;
        my += (y0 + y1) * cross;
    }
    let area = twice_area / 2.0;
    (area, mx / 6.0 + area * ox, my / 6.0 + area * oy)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The old anchor: the area-weighted centroid of the triangles.
    fn triangle_centroid(shapes: &[&FeatureShape]) -> Pos2 {
        let mut sum = (0.0_f64, 0.0_f64, 0.0_f64);
        for [a, b, c] in shapes.iter().flat_map(|s| s.mesh().triangles()) {
            let area = triangle_area(a, b, c);
            sum.0 += area * f64::from(a.x + b.x + c.x) / 3.0;
            sum.1 += area * f64::from(a.y + b.y + c.y) / 3.0;
            sum.2 += area;
        }
        #[expect(clippy::cast_possible_truncation, reason = "km fit f32")]
        pos2((sum.0 / sum.2) as f32, (sum.1 / sum.2) as f32)
    }

    #[test]
    fn region_anchors_from_the_rings_sit_where_the_triangles_put_them() {
        let inputs = crate::inputs::LoadedInputs::embedded().unwrap();
        let geometry = &inputs.geometry;
        for (r, anchor) in geometry.region_label_anchors.iter().enumerate() {
            let shapes: Vec<_> = shapes_of_region(&geometry.features, r).collect();
            let Some(anchor) = anchor else { continue };
            if shapes.iter().any(|s| s.contains(triangle_centroid(&shapes))) {
                let d = anchor.distance(triangle_centroid(&shapes));
                assert!(d < 1e-3, "region {r}: {d} km from the triangles' centroid");
            }
        }
    }

    #[test]
    fn a_hole_moves_the_centroid_away_from_it_whichever_way_rings_wind() {
        let square = |x0: f32, y0: f32, side: f32| {
            vec![
                pos2(x0, y0),
                pos2(x0 + side, y0),
                pos2(x0 + side, y0 + side),
                pos2(x0, y0 + side),
            ]
        };
        let mut hole = square(1.0, 1.0, 1.0);
        hole.reverse();
        let shape = FeatureShape::from_parts(
            String::new(),
            0,
            vec![square(0.0, 0.0, 4.0), hole],
            std::iter::once(0..2).collect(),
            None,
            Rect::from_min_max(pos2(0.0, 0.0), pos2(4.0, 4.0)),
        );
        let anchor = label_anchor(std::iter::once(&shape)).unwrap();
        // (16 × (2, 2) − 1 × (1.5, 1.5)) / 15
        let expected = (16.0 * 2.0 - 1.5) / 15.0;
        assert!(
            (anchor.x - expected).abs() < 1e-5 && (anchor.y - expected).abs() < 1e-5,
            "{anchor:?}"
        );
        assert!(!shape.is_triangulated(), "inside: no triangles needed");
    }
}
