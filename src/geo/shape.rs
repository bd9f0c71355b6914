//! Projected, triangulated features: built once at load, drawn every frame.
//!
//! egui fills only convex paths correctly, so every polygon (concave
//! governorates, holes, multipolygons) is triangulated here with earcut into
//! a mesh in world space. A frame then only maps vertices to the screen.

use emath::{Pos2, Rect, pos2};

use super::ids::ShapeId;
use super::projection::Projection;
use crate::load::geojson::GeoFeature;
use crate::model::RegionIdx;
use crate::polygon::{EarcutInput, signed_ring_area, triangle_area};

/// Triangles in world space (km, y north).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WorldMesh {
    pub vertices: Vec<Pos2>,
    /// Three indices into `vertices` per triangle.
    pub indices: Vec<u32>,
}

impl WorldMesh {
    /// The triangles of polygons given as `rings`, each polygon owning the
    /// range of them in `polygon_rings` (exterior, then holes); an error if
    /// one cannot be triangulated.
    pub fn of_polygons(rings: &[Vec<Pos2>], polygon_rings: &[std::ops::Range<usize>]) -> Result<Self, String> {
        let mut mesh = Self::default();
        for range in polygon_rings {
            let polygon = rings
                .get(range.clone())
                .ok_or_else(|| format!("rings {range:?} out of {}", rings.len()))?;
            let input = EarcutInput::of_rings(polygon.iter().map(|ring| ring.iter().copied()));
            mesh.push_polygon(polygon, &input)?;
        }
        Ok(mesh)
    }

    /// Appends one polygon's triangles: earcut over `input`, the points of
    /// `rings` (exterior, then holes).
    fn push_polygon(&mut self, rings: &[Vec<Pos2>], input: &EarcutInput) -> Result<(), String> {
        let too_many = |_| "too many vertices".to_owned();
        let triangles = input.triangulate()?;
        let base = u32::try_from(self.vertices.len()).map_err(too_many)?;
        self.vertices.extend(rings.iter().flatten().copied());
        for i in triangles {
            self.indices.push(base + u32::try_from(i).map_err(too_many)?);
        }
        Ok(())
    }

    /// Sum of the triangles' areas, km² (tests: a mesh covers its rings).
    #[doc(hidden)]
    pub fn area_km2(&self) -> f64 {
        self.triangles().map(|[a, b, c]| triangle_area(a, b, c)).sum()
    }

    /// The corners of each triangle.
    pub fn triangles(&self) -> impl Iterator<Item = [Pos2; 3]> + '_ {
        self.indices
            .chunks_exact(3)
            .map(|t| [t[0], t[1], t[2]].map(|i| self.vertices[i as usize]))
    }
}

/// A feature of one of the scenario's regions.
#[derive(Clone, Debug, PartialEq)]
pub struct RegionFeature {
    pub region: RegionIdx,
    pub shape: FeatureShape,
}

/// One feature, projected and triangulated.
#[derive(Clone, Debug, PartialEq)]
pub struct FeatureShape {
    /// Fresh for every shape built (a simplified copy gets its own).
    pub id: ShapeId,
    pub name: String,
    /// Index of the feature in its source file, for messages.
    pub source_index: usize,
    /// Open rings in world space; for each polygon the exterior then its
    /// holes. Used for outlines and hit tests.
    pub rings: Vec<Vec<Pos2>>,
    /// For each polygon, the range of `rings` it owns.
    pub polygon_rings: Vec<std::ops::Range<usize>>,
    pub mesh: WorldMesh,
    pub bounds: Rect,
}

impl FeatureShape {
    /// Projects and triangulates a feature. Polygons that earcut cannot
    /// triangulate are reported by name.
    pub fn build(feature: &GeoFeature, projection: &Projection) -> Result<Self, String> {
        let mut rings = Vec::new();
        let mut polygon_rings = Vec::new();
        let mut mesh = WorldMesh::default();
        let mut bounds = Rect::NOTHING;
        for (p, polygon) in feature.polygons.iter().enumerate() {
            if let Some(e) = cut_segment(polygon, projection) {
                return Err(format!("polygon {p}: {e}"));
            }
            let first_ring = rings.len();
            // Earcut sees the projection's own f64 positions, not the f32
            // ones kept for drawing.
            let projected: Vec<Vec<[f64; 2]>> = polygon
                .rings
                .iter()
                .map(|ring| {
                    ring.iter()
                        .map(|&lonlat| projection.world_from_lonlat(lonlat))
                        .collect()
                })
                .collect();
            for ring in &projected {
                let world: Vec<Pos2> = ring
                    .iter()
                    .map(|&[x, y]| {
                        #[expect(clippy::cast_possible_truncation, reason = "km fit f32 with metre precision")]
                        pos2(x as f32, y as f32)
                    })
                    .collect();
                for &v in &world {
                    bounds.extend_with(v);
                }
                rings.push(world);
            }
            let input = EarcutInput::of_rings(projected.iter().map(|ring| ring.iter().copied()));
            mesh.push_polygon(&rings[first_ring..], &input)
                .map_err(|e| format!("polygon {p} cannot be triangulated: {e}"))?;
            polygon_rings.push(first_ring..rings.len());
        }
        Ok(Self {
            id: ShapeId::fresh(),
            name: feature.name.clone(),
            source_index: feature.index,
            rings,
            polygon_rings,
            mesh,
            bounds,
        })
    }

    /// Area of the polygons (exteriors minus holes) from their rings, km²
    /// (tests).
    #[doc(hidden)]
    pub fn ring_area_km2(&self) -> f64 {
        self.polygon_rings
            .iter()
            .map(|range| {
                let mut area = 0.0;
                for (k, ring) in self.rings[range.clone()].iter().enumerate() {
                    let a = signed_ring_area(ring).abs();
                    area += if k == 0 { a } else { -a };
                }
                area
            })
            .sum()
    }

    /// Whether a world position lies inside the feature: inside one of its
    /// polygons, by the even–odd rule over that polygon's rings (so holes
    /// are excluded, and where two parts of a MultiPolygon overlap the
    /// position is still inside).
    pub fn contains(&self, world: Pos2) -> bool {
        if !self.bounds.contains(world) {
            return false;
        }
        self.polygon_rings.iter().any(|range| {
            let mut inside = false;
            for ring in self.rings.get(range.clone()).unwrap_or_default() {
                let Some(&last) = ring.last() else { continue };
                let mut b = last;
                for &a in ring {
                    if (a.y > world.y) != (b.y > world.y) && world.x < (b.x - a.x) * (world.y - a.y) / (b.y - a.y) + a.x
                    {
                        inside = !inside;
                    }
                    b = a;
                }
            }
            inside
        })
    }
}

/// "`<ring>`: the segment from … crosses …" for the first segment of the
/// polygon that crosses the projection's cut meridian, if any.
fn cut_segment(polygon: &crate::load::geojson::LonLatPolygon, projection: &Projection) -> Option<String> {
    polygon.rings.iter().enumerate().find_map(|(r, ring)| {
        let n = ring.len();
        (0..n).find_map(|i| {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            projection.crosses_cut(a, b).then(|| {
                // Rounded for the message: −138, not −138.00000000000003.
                let cut = (projection.cut_longitude_deg() * 1e6).round() / 1e6;
                let ring_name = crate::load::geojson::ring_name(r);
                format!(
                    "{ring_name}: the segment from [{}, {}] to [{}, {}] crosses longitude {cut}°, where the map's \
                     projection is cut open (opposite its central meridian); expected a polygon within 180° of \
                     longitude of the map's centre (drawdown maps a region, not the world)",
                    a[0], a[1], b[0], b[1]
                )
            })
        })
    })
}

#[cfg(test)]
#[expect(clippy::cast_possible_truncation, reason = "test values are small and positive")]
mod tests {
    use super::*;
    use crate::load::geojson::LonLatPolygon;

    fn feature(rings: Vec<Vec<[f64; 2]>>) -> GeoFeature {
        GeoFeature {
            index: 0,
            name: "test".into(),
            region: None,
            polygons: vec![LonLatPolygon { rings }],
        }
    }

    #[test]
    fn concave_polygon_with_hole_triangulates_to_its_area() {
        // A "U" shape with a square hole in its base.
        let u = vec![
            [40.0, 30.0],
            [43.0, 30.0],
            [43.0, 33.0],
            [42.0, 33.0],
            [42.0, 31.5],
            [41.0, 31.5],
            [41.0, 33.0],
            [40.0, 33.0],
        ];
        let hole = vec![[41.2, 30.3], [41.8, 30.3], [41.8, 30.9], [41.2, 30.9]];
        let shape = FeatureShape::build(&feature(vec![u, hole]), &Projection::drawdown()).unwrap();
        let (mesh, rings) = (shape.mesh.area_km2(), shape.ring_area_km2());
        assert!(((mesh - rings) / rings).abs() < 1e-6, "{mesh} vs {rings}");
        let p = Projection::drawdown();
        let at = |lon, lat| {
            let [x, y] = p.world_from_lonlat([lon, lat]);
            pos2(x as f32, y as f32)
        };
        assert!(shape.contains(at(40.5, 32.5)), "left arm");
        assert!(!shape.contains(at(41.5, 32.5)), "notch of the U");
        assert!(!shape.contains(at(41.5, 30.6)), "hole");
    }
}
