//! Which ring lies inside which: every hole inside its exterior, no hole
//! inside another hole, no part of a MultiPolygon inside another part.
//!
//! Runs after the crossing check ([`super::crossing`]): rings that do not
//! cross can only nest or lie apart (touching at points), so one position
//! of a ring that is not on the other's boundary tells where the whole ring
//! is. Point-in-ring tests are exact (orientation predicates from
//! `robust`, even–odd rule): a position on a boundary is recognised as
//! such, and the next position of the ring is tried instead.
//!
//! The work is bounded. Points are sorted once, and each segment of the
//! ring tested against looks only at the points level with it; candidate
//! pairs of rings come from a sweep over their bounding boxes, so islands
//! and holes that lie apart cost next to nothing. Every edge visit, point
//! test and box comparison counts against a budget proportional to the
//! polygon's positions; a shape over it is refused (as
//! [`TooComplex`]) rather than ground through.

use robust::{Coord, orient2d};

use super::crossing::TooComplex;

/// Tests allowed per position of the feature, on top of a fixed allowance
/// (the same scale as the crossing check's budget).
const TESTS_PER_POSITION: u64 = 64;
const TESTS_BASE: u64 = 4_000_000;

/// The work left for one feature's checks.
#[derive(Clone, Debug)]
pub struct Budget {
    positions: usize,
    tests: u64,
    limit: u64,
}

impl Budget {
    /// The allowance for a feature of `positions` positions in all.
    pub fn for_positions(positions: usize) -> Self {
        Self {
            positions,
            tests: 0,
            limit: TESTS_BASE.saturating_add(TESTS_PER_POSITION.saturating_mul(positions as u64)),
        }
    }

    fn spend(&mut self, tests: usize) -> Result<(), TooComplex> {
        self.tests = self.tests.saturating_add(tests as u64);
        if self.tests > self.limit {
            return Err(TooComplex {
                segments: self.positions,
                tests: self.tests,
            });
        }
        Ok(())
    }
}

/// Where a point lies relative to a ring.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Inside,
    Outside,
    Boundary,
}

/// A ring found where it must not be. Rings are indices into the polygon's
/// rings (0 the exterior), `position` the position of the misplaced ring
/// that showed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Misplaced {
    /// Hole `hole` lies outside the exterior ring.
    HoleOutside { hole: usize, position: usize },
    /// Hole `hole` lies inside hole `outer`.
    HoleInHole { hole: usize, outer: usize, position: usize },
}

/// Where each of `points` lies relative to the open `ring` (even–odd).
pub fn classify(ring: &[[f64; 2]], points: &[[f64; 2]], budget: &mut Budget) -> Result<Vec<Side>, TooComplex> {
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_unstable_by(|&a, &b| points[a][1].total_cmp(&points[b][1]));
    let ys: Vec<f64> = order.iter().map(|&i| points[i][1]).collect();
    let mut inside = vec![false; points.len()];
    let mut boundary = vec![false; points.len()];
    let n = ring.len();
    budget.spend(n)?;
    let coord = |p: [f64; 2]| Coord { x: p[0], y: p[1] };
    for i in 0..n {
        let (a, b) = (ring[i], ring[(i + 1) % n]);
        let (lo, hi) = (a[1].min(b[1]), a[1].max(b[1]));
        // The points level with the segment, ends included.
        let (start, end) = (ys.partition_point(|&y| y < lo), ys.partition_point(|&y| y <= hi));
        let Some(level) = order.get(start..end) else { continue };
        budget.spend(level.len())?;
        for &q in level {
            let p = points[q];
            let o = orient2d(coord(a), coord(b), coord(p));
            if o == 0.0 && a[0].min(b[0]) <= p[0] && p[0] <= a[0].max(b[0]) {
                boundary[q] = true;
                continue;
            }
            // Half-open rule: the segment counts if it straddles the
            // point's line and passes east of the point.
            if (a[1] > p[1]) != (b[1] > p[1]) && (o > 0.0) == (b[1] > a[1]) {
                inside[q] = !inside[q];
            }
        }
    }
    Ok((0..points.len())
        .map(|q| match (boundary[q], inside[q]) {
            (true, _) => Side::Boundary,
            (false, true) => Side::Inside,
            (false, false) => Side::Outside,
        })
        .collect())
}

/// For each of the rings `queries` (none crossing `target`), whether it
/// lies inside `target`, and which of its positions showed it: the first
/// position not on `target`'s boundary (or, if every position is, the
/// middle of its first segment).
pub fn locate_rings(
    target: &[[f64; 2]],
    queries: &[&[[f64; 2]]],
    budget: &mut Budget,
) -> Result<Vec<(bool, usize)>, TooComplex> {
    let mut located = vec![(false, 0); queries.len()];
    let mut pending: Vec<usize> = (0..queries.len()).collect();
    let mut k = 0;
    while !pending.is_empty() {
        let points: Vec<[f64; 2]> = pending
            .iter()
            .map(|&q| {
                let ring = queries[q];
                match (ring.get(k), ring.first(), ring.get(1)) {
                    (Some(&p), _, _) => p,
                    (None, Some(a), Some(b)) => [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0],
                    _ => [f64::NAN, f64::NAN],
                }
            })
            .collect();
        let sides = classify(target, &points, budget)?;
        let mut still = Vec::new();
        for (&q, side) in pending.iter().zip(sides) {
            let last_try = k >= queries[q].len();
            let position = if last_try { 0 } else { k };
            match side {
                Side::Inside => located[q] = (true, position),
                Side::Outside => located[q] = (false, position),
                // On the boundary at every position: it cannot be told
                // apart from the target's edge; call it outside.
                Side::Boundary if last_try => located[q] = (false, position),
                Side::Boundary => still.push(q),
            }
        }
        pending = still;
        k += 1;
    }
    Ok(located)
}

/// Bounding box of an open ring: min x, min y, max x, max y.
fn bounding_box(ring: &[[f64; 2]]) -> [f64; 4] {
    ring.iter().fold(
        [f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY],
        |[x0, y0, x1, y1], &[x, y]| [x0.min(x), y0.min(y), x1.max(x), y1.max(y)],
    )
}

/// Most cells along each side of the grid that [`points_in_boxes`] uses.
const MAX_GRID_SIDE: usize = 1024;

/// Every pair (point, box) with the point in the box (edges included).
/// Boxes go into the cells of a grid of about as many cells as boxes, and
/// each point looks only at the boxes of its cell: boxes that lie apart
/// (islands, holes) cost a few cell entries each.
fn points_in_boxes(
    points: &[[f64; 2]],
    boxes: &[[f64; 4]],
    budget: &mut Budget,
) -> Result<Vec<(usize, usize)>, TooComplex> {
    let all = boxes.iter().fold(
        [f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY],
        |[x0, y0, x1, y1], b| [x0.min(b[0]), y0.min(b[1]), x1.max(b[2]), y1.max(b[3])],
    );
    if boxes.is_empty() || !all.iter().all(|v| v.is_finite()) {
        return Ok(Vec::new());
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss,
        reason = "a grid size, at most MAX_GRID_SIDE"
    )]
    let side = ((boxes.len() as f64).sqrt().ceil() as usize).clamp(1, MAX_GRID_SIDE);
    #[expect(clippy::cast_precision_loss, reason = "at most MAX_GRID_SIDE")]
    let cells = side as f64;
    let size = [
        ((all[2] - all[0]) / cells).max(f64::MIN_POSITIVE),
        ((all[3] - all[1]) / cells).max(f64::MIN_POSITIVE),
    ];
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "clamped to the grid; NaN becomes 0"
    )]
    let cell = |v: f64, axis: usize| (((v - all[axis]) / size[axis]).max(0.0) as usize).min(side - 1);
    let mut grid: Vec<Vec<usize>> = vec![Vec::new(); side * side];
    for (b, &[x0, y0, x1, y1]) in boxes.iter().enumerate() {
        let (cx, cy) = (cell(x0, 0)..=cell(x1, 0), cell(y0, 1)..=cell(y1, 1));
        budget.spend(cx.clone().count() * cy.clone().count())?;
        for y in cy {
            for x in cx.clone() {
                if let Some(entries) = grid.get_mut(y * side + x) {
                    entries.push(b);
                }
            }
        }
    }
    let mut pairs = Vec::new();
    for (q, &[x, y]) in points.iter().enumerate() {
        if !(all[0] <= x && x <= all[2] && all[1] <= y && y <= all[3]) {
            continue;
        }
        let entries = grid.get(cell(y, 1) * side + cell(x, 0)).map_or(&[][..], Vec::as_slice);
        budget.spend(entries.len())?;
        for &b in entries {
            let [x0, y0, x1, y1] = boxes[b];
            if x0 <= x && x <= x1 && y0 <= y && y <= y1 {
                pairs.push((q, b));
            }
        }
    }
    Ok(pairs)
}

/// The first misplaced hole of a polygon (exterior, then holes; no two
/// rings crossing), if any.
pub fn misplaced_hole(rings: &[&[[f64; 2]]], budget: &mut Budget) -> Result<Option<Misplaced>, TooComplex> {
    let Some((exterior, holes)) = rings.split_first() else {
        return Ok(None);
    };
    if holes.is_empty() {
        return Ok(None);
    }
    for (h, (inside, position)) in locate_rings(exterior, holes, budget)?.into_iter().enumerate() {
        if !inside {
            return Ok(Some(Misplaced::HoleOutside { hole: h + 1, position }));
        }
    }
    Ok(nested(holes, budget)?
        .first()
        .map(|&(inner, outer, position)| Misplaced::HoleInHole {
            hole: inner + 1,
            outer: outer + 1,
            position,
        }))
}

/// The first part of a MultiPolygon (each part's rings, exterior first; no
/// two rings of any parts crossing) that lies inside another part rather
/// than in one of its holes: (inner part, outer part, the position of the
/// inner part's exterior that showed it).
pub fn overlapping_part(
    polygons: &[Vec<&[[f64; 2]]>],
    budget: &mut Budget,
) -> Result<Option<(usize, usize, usize)>, TooComplex> {
    let exteriors: Vec<&[[f64; 2]]> = polygons.iter().filter_map(|rings| rings.first().copied()).collect();
    if exteriors.len() != polygons.len() || exteriors.len() < 2 {
        return Ok(None);
    }
    for (inner, outer, position) in nested(&exteriors, budget)? {
        let Some(&point) = exteriors[inner].get(position) else {
            continue;
        };
        let mut in_a_hole = false;
        for hole in polygons[outer].iter().skip(1) {
            budget.spend(hole.len())?;
            let [x0, y0, x1, y1] = bounding_box(hole);
            if (x0..=x1).contains(&point[0])
                && (y0..=y1).contains(&point[1])
                && locate_rings(hole, &[exteriors[inner]], budget)?
                    .first()
                    .is_some_and(|l| l.0)
            {
                in_a_hole = true;
                break;
            }
        }
        if !in_a_hole {
            return Ok(Some((inner, outer, position)));
        }
    }
    Ok(None)
}

/// Pairs (inner, outer, position) of `rings` (none crossing another) where
/// ring `inner` lies inside ring `outer`, shown by `inner`'s `position`;
/// in order of `outer`, then `inner`.
pub fn nested(rings: &[&[[f64; 2]]], budget: &mut Budget) -> Result<Vec<(usize, usize, usize)>, TooComplex> {
    let firsts: Vec<[f64; 2]> = rings
        .iter()
        .map(|r| r.first().copied().unwrap_or([f64::NAN; 2]))
        .collect();
    let boxes: Vec<[f64; 4]> = rings.iter().map(|r| bounding_box(r)).collect();
    let mut candidates: Vec<(usize, usize)> = points_in_boxes(&firsts, &boxes, budget)?
        .into_iter()
        .filter(|(q, b)| q != b)
        .map(|(q, b)| (b, q))
        .collect();
    candidates.sort_unstable();
    let mut found = Vec::new();
    for group in candidates.chunk_by(|x, y| x.0 == y.0) {
        let Some(&(outer, _)) = group.first() else { continue };
        let inners: Vec<&[[f64; 2]]> = group.iter().map(|&(_, q)| rings[q]).collect();
        for (&(_, inner), (inside, position)) in group.iter().zip(locate_rings(rings[outer], &inners, budget)?) {
            if inside {
                found.push((inner, outer, position));
            }
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(x: f64, y: f64, size: f64) -> Vec<[f64; 2]> {
        vec![[x, y], [x + size, y], [x + size, y + size], [x, y + size]]
    }

    fn budget() -> Budget {
        Budget::for_positions(100)
    }

    #[test]
    fn points_inside_outside_and_on_the_boundary() {
        let ring = square(0.0, 0.0, 4.0);
        let points = [
            [1.0, 1.0],
            [5.0, 1.0],
            [4.0, 2.0],
            [2.0, 0.0],
            [0.0, 0.0],
            [-1.0, 4.0],
            [3.9, 3.9],
        ];
        let sides = classify(&ring, &points, &mut budget()).unwrap();
        use Side::*;
        assert_eq!(sides, [Inside, Outside, Boundary, Boundary, Boundary, Outside, Inside]);
    }

    #[test]
    fn a_concave_ring_counts_its_crossings_exactly() {
        // A "U": the notch between the arms is outside.
        let u = [
            [0.0, 0.0],
            [3.0, 0.0],
            [3.0, 3.0],
            [2.0, 3.0],
            [2.0, 1.0],
            [1.0, 1.0],
            [1.0, 3.0],
            [0.0, 3.0],
        ];
        let sides = classify(
            &u,
            &[[0.5, 2.0], [1.5, 2.0], [2.5, 2.0], [1.5, 1.0], [1.5, 0.5]],
            &mut budget(),
        )
        .unwrap();
        use Side::*;
        assert_eq!(sides, [Inside, Outside, Inside, Boundary, Inside]);
    }

    #[test]
    fn a_hole_touching_the_exterior_is_judged_by_its_next_position() {
        let exterior = square(0.0, 0.0, 4.0);
        let touching = [[0.0, 2.0], [2.0, 1.0], [2.0, 3.0]];
        let located = locate_rings(&exterior, &[&touching], &mut budget()).unwrap();
        assert_eq!(located, [(true, 1)]);
    }

    #[test]
    fn misplaced_holes_are_named() {
        let exterior = square(0.0, 0.0, 10.0);
        let (a, b, outside) = (square(1.0, 1.0, 4.0), square(2.0, 2.0, 1.0), square(20.0, 20.0, 1.0));
        let ok = misplaced_hole(&[&exterior, &a, &square(6.0, 6.0, 1.0)], &mut budget()).unwrap();
        assert_eq!(ok, None);
        let out = misplaced_hole(&[&exterior, &a, &outside], &mut budget()).unwrap();
        assert_eq!(out, Some(Misplaced::HoleOutside { hole: 2, position: 0 }));
        let nested = misplaced_hole(&[&exterior, &a, &b], &mut budget()).unwrap();
        assert_eq!(
            nested,
            Some(Misplaced::HoleInHole {
                hole: 2,
                outer: 1,
                position: 0
            })
        );
    }

    #[test]
    fn rings_side_by_side_on_a_grid_are_cheap() {
        // 10,000 squares in a grid: the sweep compares each first position
        // with the few boxes around it, not with all of them.
        let rings: Vec<Vec<[f64; 2]>> = (0..10_000)
            .map(|i| square(f64::from(i % 100), f64::from(i / 100), 0.5))
            .collect();
        let views: Vec<&[[f64; 2]]> = rings.iter().map(Vec::as_slice).collect();
        let mut budget = Budget::for_positions(0);
        assert_eq!(nested(&views, &mut budget).unwrap(), []);
        assert!(budget.tests < 100_000, "{}", budget.tests);
    }

    #[test]
    fn a_stack_of_nested_rings_is_refused_not_ground_through() {
        // 3,000 concentric squares: every pair nests, so the work grows
        // with the square of their number; the budget stops it.
        let rings: Vec<Vec<[f64; 2]>> = (1..=3_000)
            .map(|i| {
                let r = f64::from(i);
                square(-r, -r, 2.0 * r)
            })
            .collect();
        let views: Vec<&[[f64; 2]]> = rings.iter().map(Vec::as_slice).collect();
        let mut budget = Budget::for_positions(12_000);
        assert!(nested(&views, &mut budget).is_err());
    }
}
