//! Plane polygon arithmetic, in one place: ring and triangle areas, and
//! earcut's input (a polygon's rings flattened, with where each hole
//! starts) and its triangulation.
//!
//! The loader checks rings in longitude/latitude degrees and the map
//! builds meshes in world kilometres; both go through these functions, so
//! a zero-area check and a mesh agree on what a ring's area is. Nothing
//! here depends on the rest of the crate: it sits below both the loader
//! and the geometry, so that layers keep pointing one way.

use emath::Pos2;

/// A point of the plane as two `f64`s, whatever its space: (longitude,
/// latitude) degrees in the loader, world km (x east, y north) here.
pub trait PlanePoint: Copy {
    fn xy(self) -> [f64; 2];
}

impl PlanePoint for [f64; 2] {
    fn xy(self) -> [f64; 2] {
        self
    }
}

impl PlanePoint for Pos2 {
    fn xy(self) -> [f64; 2] {
        [f64::from(self.x), f64::from(self.y)]
    }
}

/// Shoelace area of an open ring, in its unit squared (km² for world
/// rings); positive when the ring runs counter-clockwise with y up.
pub fn signed_ring_area<P: PlanePoint>(ring: &[P]) -> f64 {
    let n = ring.len();
    (0..n)
        .map(|i| {
            let ([ax, ay], [bx, by]) = (ring[i].xy(), ring[(i + 1) % n].xy());
            ax * by - bx * ay
        })
        .sum::<f64>()
        / 2.0
}

/// Area of a triangle, in its unit squared, whichever way round it runs.
pub fn triangle_area<P: PlanePoint>(a: P, b: P, c: P) -> f64 {
    let ([ax, ay], [bx, by], [cx, cy]) = (a.xy(), b.xy(), c.xy());
    ((bx - ax) * (cy - ay) - (cx - ax) * (by - ay)).abs() / 2.0
}

/// Most holes a polygon may have. Earcut bridges each hole to the rings
/// merged so far, and its time grows much faster than the number of holes
/// (measured in release: 1,000 holes ~0.2 s, 3,000 holes 25 s, 5,000
/// holes 106 s); real boundaries have a handful. The loader refuses a
/// polygon over the cap with a message, and [`EarcutInput::triangulate`]
/// refuses it too, so that no path can start the work.
pub const MAX_HOLES_PER_POLYGON: usize = 1_000;

/// Most holes × positions a polygon may have. Each hole earcut bridges
/// costs work along the rings merged so far, so large holes cost more
/// than small ones: 1,000 holes of 100 positions each took 21 s where
/// 1,000 squares take about 1 s. The loader refuses a polygon over this
/// with a message, and [`EarcutInput::triangulate`] refuses it too.
pub const MAX_HOLE_WORK: usize = 10_000_000;

/// Whether a polygon of `holes` holes and `positions` positions in all is
/// within [`MAX_HOLES_PER_POLYGON`] and [`MAX_HOLE_WORK`].
pub fn within_hole_caps(holes: usize, positions: usize) -> bool {
    holes <= MAX_HOLES_PER_POLYGON && holes.saturating_mul(positions) <= MAX_HOLE_WORK
}

/// How far (relative) the area of a polygon's triangles may be from the
/// area inside its rings before the triangulation counts as failed. Right
/// triangulations agree to rounding (about 1e-12); a failed one is off by
/// a triangle or more.
pub const MESH_AREA_TOLERANCE: f64 = 1e-6;

/// Earcut's input for one polygon: the x, y pairs of its rings (exterior,
/// then holes) in one flat list, and the pair index where each hole starts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EarcutInput {
    pub flat_coords: Vec<f64>,
    pub hole_starts: Vec<usize>,
}

impl EarcutInput {
    /// The input for a polygon whose rings are `rings`, exterior first.
    pub fn of_rings<R, P>(rings: impl IntoIterator<Item = R>) -> Self
    where
        R: IntoIterator<Item = P>,
        P: PlanePoint,
    {
        let mut input = Self::default();
        for (r, ring) in rings.into_iter().enumerate() {
            if r > 0 {
                input.hole_starts.push(input.flat_coords.len() / 2);
            }
            input.flat_coords.extend(ring.into_iter().flat_map(PlanePoint::xy));
        }
        input
    }

    /// The polygon's triangles: three indices per triangle into its points
    /// (rings concatenated, in order).
    pub fn triangulate(&self) -> Result<Vec<usize>, String> {
        let (holes, positions) = (self.hole_starts.len(), self.flat_coords.len() / 2);
        if !within_hole_caps(holes, positions) {
            return Err(format!(
                "{holes} holes and {positions} positions, over the caps ({MAX_HOLES_PER_POLYGON} holes, \
                 {MAX_HOLE_WORK} holes × positions)"
            ));
        }
        let triangles = earcutr::earcut(&self.flat_coords, &self.hole_starts, 2).map_err(|e| e.to_string())?;
        // The screen fills these triangles and an export fills the rings:
        // if they do not cover the same area (rings valid in degrees that
        // cross once projected, as a long straight edge is another line on
        // the map than in degrees; or a shape earcut fails on), the two
        // would disagree.
        let point = |i: usize| {
            let at = |k: usize| self.flat_coords.get(k).copied().unwrap_or(f64::NAN);
            [at(2 * i), at(2 * i + 1)]
        };
        let covered: f64 = triangles
            .chunks_exact(3)
            .map(|t| triangle_area(point(t[0]), point(t[1]), point(t[2])))
            .sum();
        let expected = self.rings_area();
        // Written so that NaN (a degenerate ring) counts as a mismatch.
        let matches = (covered - expected).abs() <= MESH_AREA_TOLERANCE * expected;
        if !matches {
            return Err(format!(
                "its triangles cover {:.4}% of the area inside its rings on the map; expected 100% (its rings \
                 may cross once projected: long segments are straight on the map, not in degrees; add positions \
                 along them, or simplify the shape)",
                100.0 * covered / expected
            ));
        }
        Ok(triangles)
    }

    /// Area inside the rings: the exterior's less the holes'.
    fn rings_area(&self) -> f64 {
        let ring_starts = std::iter::once(0).chain(self.hole_starts.iter().copied());
        let ring_ends = self
            .hole_starts
            .iter()
            .copied()
            .chain(std::iter::once(self.flat_coords.len() / 2));
        let mut area = 0.0;
        for (r, (start, end)) in ring_starts.zip(ring_ends).enumerate() {
            let ring: Vec<[f64; 2]> = self
                .flat_coords
                .get(2 * start..2 * end)
                .unwrap_or_default()
                .chunks_exact(2)
                .map(|c| [c[0], c[1]])
                .collect();
            let a = signed_ring_area(&ring).abs();
            area += if r == 0 { a } else { -a };
        }
        area
    }
}

#[cfg(test)]
#[expect(clippy::cast_possible_truncation, reason = "test values are small and positive")]
mod tests {
    use emath::pos2;

    use super::*;

    #[test]
    fn a_counter_clockwise_square_has_positive_area_in_either_point_type() {
        let degrees = [[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0]];
        let world = degrees.map(|[x, y]| pos2(x as f32, y as f32));
        assert!((signed_ring_area(&degrees) - 4.0).abs() < 1e-12);
        assert!((signed_ring_area(&world) - 4.0).abs() < 1e-12);
        let mut clockwise = degrees;
        clockwise.reverse();
        assert!((signed_ring_area(&clockwise) + 4.0).abs() < 1e-12);
        assert!((triangle_area(world[0], world[1], world[2]) - 2.0).abs() < 1e-12);
        assert!((triangle_area(world[2], world[1], world[0]) - 2.0).abs() < 1e-12);
    }

    #[test]
    fn earcut_input_marks_where_each_hole_starts() {
        let exterior = [[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [0.0, 4.0]];
        let hole = [[1.0, 1.0], [1.0, 2.0], [2.0, 2.0]];
        let input = EarcutInput::of_rings([&exterior[..], &hole[..]].map(|r| r.iter().copied()));
        assert_eq!(input.hole_starts, [4]);
        assert_eq!(input.flat_coords.len(), 14);
        let triangles = input.triangulate().unwrap();
        let points: Vec<[f64; 2]> = exterior.iter().chain(&hole).copied().collect();
        let area: f64 = triangles
            .chunks_exact(3)
            .map(|t| triangle_area(points[t[0]], points[t[1]], points[t[2]]))
            .sum();
        assert!((area - 15.5).abs() < 1e-9, "{area}");
    }
}
