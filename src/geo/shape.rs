//! Projected, triangulated features: built once, drawn every frame.
//!
//! egui fills only convex paths correctly, so every polygon (concave
//! governorates, holes, multipolygons) is triangulated here with earcut into
//! a mesh in world space. A frame then only maps vertices to the screen.
//! The raster and vector exports fill the rings and never need the mesh:
//! a user's file is triangulated at load (a polygon earcut cannot cover is
//! refused there), the embedded one, checked when it was made, on first use.

use std::sync::OnceLock;

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

/// One feature, projected (and triangulated, at once or on first use).
#[derive(Clone, Debug)]
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
    /// The triangles, once made: see [`Self::mesh`].
    mesh: OnceLock<WorldMesh>,
    pub bounds: Rect,
}

/// The same shape: the mesh is derived from the rings, built or not.
impl PartialEq for FeatureShape {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
            && self.name == other.name
            && self.source_index == other.source_index
            && self.rings == other.rings
            && self.polygon_rings == other.polygon_rings
            && self.bounds == other.bounds
    }
}

/// When a feature's polygons are triangulated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Triangulate {
    /// While it is built, from the projection's own f64 positions: a
    /// polygon earcut cannot cover is an error of the load (a user's file).
    AtLoad,
    /// On the first [`FeatureShape::mesh`] (the embedded data, which a test
    /// triangulates in full): a command that only fills rings never pays.
    OnFirstUse,
}

impl FeatureShape {
    /// Projects and triangulates a feature. Polygons that earcut cannot
    /// triangulate are reported by name.
    pub fn build(feature: &GeoFeature, projection: &Projection) -> Result<Self, String> {
        Self::build_with(feature, projection, Triangulate::AtLoad)
    }

    /// A shape of `rings` (world space; for each polygon the exterior, then
    /// its holes, in the range of `polygon_rings`) with the triangles of
    /// `mesh`, or triangulated on first use when `mesh` is `None`.
    pub fn from_parts(
        name: String,
        source_index: usize,
        rings: Vec<Vec<Pos2>>,
        polygon_rings: Vec<std::ops::Range<usize>>,
        mesh: Option<WorldMesh>,
        bounds: Rect,
    ) -> Self {
        Self {
            id: ShapeId::fresh(),
            name,
            source_index,
            rings,
            polygon_rings,
            mesh: mesh.map(OnceLock::from).unwrap_or_default(),
            bounds,
        }
    }

    /// The triangles of the polygons, in world space: made now if the
    /// shape was built without them. A polygon earcut cannot cover then
    /// adds no triangles (the embedded data has none: a test checks it).
    pub fn mesh(&self) -> &WorldMesh {
        self.mesh.get_or_init(|| {
            let mut mesh = WorldMesh::default();
            for range in &self.polygon_rings {
                if let Some(polygon) = self.rings.get(range.clone()) {
                    let input = EarcutInput::of_rings(polygon.iter().map(|ring| ring.iter().copied()));
                    let kept = (mesh.vertices.len(), mesh.indices.len());
                    if mesh.push_polygon(polygon, &input).is_err() {
                        mesh.vertices.truncate(kept.0);
                        mesh.indices.truncate(kept.1);
                    }
                }
            }
            mesh
        })
    }

    /// Whether the triangles are made (tests: a command that fills rings
    /// never makes them).
    #[doc(hidden)]
    pub fn is_triangulated(&self) -> bool {
        self.mesh.get().is_some()
    }

    /// [`Self::build`], triangulating when `triangulate` says.
    pub fn build_with(feature: &GeoFeature, projection: &Projection, triangulate: Triangulate) -> Result<Self, String> {
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
            if triangulate == Triangulate::AtLoad {
                let input = EarcutInput::of_rings(projected.iter().map(|ring| ring.iter().copied()));
                mesh.push_polygon(&rings[first_ring..], &input)
                    .map_err(|e| format!("polygon {p} cannot be triangulated: {e}"))?;
            }
            polygon_rings.push(first_ring..rings.len());
        }
        let mesh = (triangulate == Triangulate::AtLoad).then_some(mesh);
        Ok(Self::from_parts(
            feature.name.clone(),
            feature.index,
            rings,
            polygon_rings,
            mesh,
            bounds,
        ))
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
        let (mesh, rings) = (shape.mesh().area_km2(), shape.ring_area_km2());
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
