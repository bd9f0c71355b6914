//! Finds rings that cross themselves or each other within one polygon (a
//! bow-tie exterior, a hole poking out through the exterior), which
//! earcut would triangulate into wrong, overlapping fills.
//!
//! A sweep over the segments' bounding boxes: segments are sorted by their
//! lower edge along one axis, kept in strips across it, and only pairs
//! whose boxes overlap on both axes get the exact test (orientation
//! predicates from `robust`, so a near-collinear pair is judged exactly,
//! not by rounding). Real boundaries keep few segments in a strip at once,
//! so this is close to O(n log n); the axis is chosen per polygon so that a
//! zig-zag stacked along one axis does not fill the sweep. Adversarial
//! shapes (a star of a million long spikes) could still make pairs
//! quadratic, so the number of exact tests is capped and a polygon over
//! the cap is refused with a message instead of hanging the load.
//!
//! Touching is allowed: neighbouring segments share their end, and rings
//! may meet at single points (a hole touching the exterior). A proper
//! crossing (each segment's ends strictly on both sides of the other) and a
//! collinear overlap of non-neighbouring segments are errors, and so is a
//! ring that runs through a vertex lying inside another segment (a T) from
//! one side of that segment to the other. Not detected here: two branches
//! that cross exactly at a vertex both have; the loader refuses a ring
//! through the same point twice.

use robust::{Coord, orient2d};

/// A crossing found: the segments start at `position_a` of ring `ring_a`
/// and `position_b` of ring `ring_b` (indices into the rings as passed),
/// near `at` (longitude, latitude).
#[derive(Clone, Debug, PartialEq)]
pub struct Crossing {
    pub ring_a: usize,
    pub position_a: usize,
    pub ring_b: usize,
    pub position_b: usize,
    pub at: [f64; 2],
}

/// Why a polygon could not be judged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TooComplex {
    pub segments: usize,
    pub tests: u64,
}

/// Exact tests allowed per segment (on top of a fixed allowance). The
/// shipped boundaries need under 1 per segment, and so does a copy
/// densified to a million vertices.
const TESTS_PER_SEGMENT: u64 = 64;
const TESTS_BASE: u64 = 4_000_000;

/// At most this many strips across the sweep.
const MAX_STRIPS: usize = 1 << 16;

#[derive(Clone, Copy)]
struct Segment {
    /// Lower and upper bound along the sweep axis, then across it.
    lo: f64,
    hi: f64,
    across_lo: f64,
    across_hi: f64,
    ring: u32,
    index: u32,
    /// The first strip the segment is in.
    strip: u32,
}

/// The first crossing found among the open rings of one polygon (exterior
/// then holes; each ring without its closing position and without
/// consecutive duplicates), if any.
///
/// The plane is cut into strips across the sweep, each with its own
/// active list, so that a long run of short segments on one line (a
/// densified border) does not make every step scan all of them. Strips
/// are at least four mean segment extents high, so that all segments
/// together sit in at most about 1.25 strips each: memory and work stay
/// linear in the input.
pub fn find_crossing(rings: &[&[[f64; 2]]]) -> Result<Option<Crossing>, TooComplex> {
    let total: usize = rings.iter().map(|r| r.len()).sum();
    if u32::try_from(total).is_err() || u32::try_from(rings.len()).is_err() {
        return Err(TooComplex {
            segments: total,
            tests: 0,
        });
    }
    let sweep_x = sweep_along_x(rings);
    let (along, across) = if sweep_x { (0, 1) } else { (1, 0) };
    let mut segments = Vec::with_capacity(total);
    let (mut across_min, mut across_max, mut across_sum) = (f64::INFINITY, f64::NEG_INFINITY, 0.0);
    for (r, ring) in rings.iter().enumerate() {
        let n = ring.len();
        for i in 0..n {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            let (lo, hi) = (a[across].min(b[across]), a[across].max(b[across]));
            across_min = across_min.min(lo);
            across_max = across_max.max(hi);
            across_sum += hi - lo;
            #[expect(clippy::cast_possible_truncation, reason = "checked to fit u32 above")]
            segments.push(Segment {
                lo: a[along].min(b[along]),
                hi: a[along].max(b[along]),
                across_lo: lo,
                across_hi: hi,
                ring: r as u32,
                index: i as u32,
                strip: 0,
            });
        }
    }
    if segments.is_empty() {
        return Ok(None);
    }
    #[expect(clippy::cast_precision_loss, reason = "a mean")]
    let mean_extent = across_sum / segments.len() as f64;
    let span = across_max - across_min;
    #[expect(clippy::cast_precision_loss, reason = "a bound")]
    let strip_height = (4.0 * mean_extent).max(span / MAX_STRIPS as f64).max(f64::MIN_POSITIVE);
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "clamped to 0..MAX_STRIPS"
    )]
    let strip_of = |v: f64| (((v - across_min) / strip_height) as usize).min(MAX_STRIPS - 1);
    let strip_count = strip_of(across_max) + 1;
    for s in &mut segments {
        #[expect(clippy::cast_possible_truncation, reason = "below MAX_STRIPS")]
        let strip = strip_of(s.across_lo) as u32;
        s.strip = strip;
    }
    segments.sort_unstable_by(|s, t| s.lo.total_cmp(&t.lo));

    let budget = TESTS_BASE.saturating_add(TESTS_PER_SEGMENT.saturating_mul(total as u64));
    let mut tests: u64 = 0;
    let mut strips: Vec<Vec<u32>> = vec![Vec::new(); strip_count];
    for (si, s) in segments.iter().enumerate() {
        let (first, last) = (s.strip as usize, strip_of(s.across_hi));
        for k in first..=last {
            let Some(active) = strips.get_mut(k) else { continue };
            let mut j = 0;
            while let Some(&ti) = active.get(j) {
                let Some(t) = segments.get(ti as usize) else { break };
                if t.hi < s.lo {
                    // Behind the sweep for good.
                    active.swap_remove(j);
                    continue;
                }
                j += 1;
                // A pair sharing several strips is tested in the first.
                if k != first.max(t.strip as usize) || t.across_hi < s.across_lo || s.across_hi < t.across_lo {
                    continue;
                }
                tests += 1;
                if tests > budget {
                    return Err(TooComplex { segments: total, tests });
                }
                if let Some(crossing) = test_pair(rings, t, s) {
                    return Ok(Some(crossing));
                }
            }
            #[expect(clippy::cast_possible_truncation, reason = "checked to fit u32 above")]
            active.push(si as u32);
        }
    }
    Ok(None)
}

/// Sweeps along the axis on which segments are short compared with the
/// polygon's extent, so that few are active at once.
fn sweep_along_x(rings: &[&[[f64; 2]]]) -> bool {
    let (mut min, mut max) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
    let mut extent_sum = [0.0_f64; 2];
    for ring in rings {
        let n = ring.len();
        for i in 0..n {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            for axis in 0..2 {
                min[axis] = min[axis].min(a[axis]);
                max[axis] = max[axis].max(a[axis]);
                extent_sum[axis] += (a[axis] - b[axis]).abs();
            }
        }
    }
    let ratio = |axis: usize| extent_sum[axis] / (max[axis] - min[axis]).max(f64::MIN_POSITIVE);
    ratio(0) <= ratio(1)
}

fn test_pair(rings: &[&[[f64; 2]]], s: &Segment, t: &Segment) -> Option<Crossing> {
    let (ring_s, ring_t) = (rings.get(s.ring as usize)?, rings.get(t.ring as usize)?);
    let (i, j) = (s.index as usize, t.index as usize);
    if s.ring == t.ring {
        let n = ring_s.len();
        let neighbours = i.abs_diff(j) == 1 || (i == 0 && j == n - 1) || (j == 0 && i == n - 1);
        if i == j || neighbours {
            return None;
        }
    }
    let point = |ring: &[[f64; 2]], k: usize| {
        let p = ring[k % ring.len()];
        Coord { x: p[0], y: p[1] }
    };
    let (a, b) = (point(ring_s, i), point(ring_s, i + 1));
    let (c, d) = (point(ring_t, j), point(ring_t, j + 1));
    let (o1, o2) = (orient2d(a, b, c), orient2d(a, b, d));
    let (o3, o4) = (orient2d(c, d, a), orient2d(c, d, b));
    let opposite = |p: f64, q: f64| (p > 0.0 && q < 0.0) || (p < 0.0 && q > 0.0);
    let proper = opposite(o1, o2) && opposite(o3, o4);
    let overlap = o1 == 0.0 && o2 == 0.0 && collinear_overlap(a, b, c, d);
    // A crossing through a T: a ring's vertex lies inside the other
    // segment (not at its ends) and the ring comes from one side of it
    // and leaves to the other. Each such vertex starts one segment, so
    // testing the start of each of the pair finds it.
    let strictly_within = |p: Coord<f64>, q0: Coord<f64>, q1: Coord<f64>| {
        p != q0
            && p != q1
            && p.x >= q0.x.min(q1.x)
            && p.x <= q0.x.max(q1.x)
            && p.y >= q0.y.min(q1.y)
            && p.y <= q0.y.max(q1.y)
    };
    let c_through =
        o1 == 0.0 && strictly_within(c, a, b) && opposite(orient2d(a, b, point(ring_t, j + ring_t.len() - 1)), o2);
    let a_through =
        o3 == 0.0 && strictly_within(a, c, d) && opposite(orient2d(c, d, point(ring_s, i + ring_s.len() - 1)), o4);
    if !(proper || overlap || c_through || a_through) {
        return None;
    }
    let at = if c_through {
        [c.x, c.y]
    } else if a_through {
        [a.x, a.y]
    } else if proper {
        // Where the lines meet, for the message only.
        let denominator = o3 - o4;
        let f = if denominator == 0.0 { 0.5 } else { o3 / denominator };
        [a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f]
    } else {
        [
            c.x.clamp(a.x.min(b.x), a.x.max(b.x)),
            c.y.clamp(a.y.min(b.y), a.y.max(b.y)),
        ]
    };
    // Report in ring order: the earlier ring and position first.
    let (first, second) = if (s.ring, i) <= (t.ring, j) {
        ((s.ring, i), (t.ring, j))
    } else {
        ((t.ring, j), (s.ring, i))
    };
    Some(Crossing {
        ring_a: first.0 as usize,
        position_a: first.1,
        ring_b: second.0 as usize,
        position_b: second.1,
        at,
    })
}

/// Whether collinear segments ab and cd share more than a point.
fn collinear_overlap(a: Coord<f64>, b: Coord<f64>, c: Coord<f64>, d: Coord<f64>) -> bool {
    let key = |p: Coord<f64>| if a.x == b.x { p.y } else { p.x };
    let (lo1, hi1) = (key(a).min(key(b)), key(a).max(key(b)));
    let (lo2, hi2) = (key(c).min(key(d)), key(c).max(key(d)));
    lo1.max(lo2) < hi1.min(hi2)
}

#[cfg(test)]
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_precision_loss,
    reason = "test values are small and positive"
)]
mod tests {
    use super::*;

    fn one(ring: &[[f64; 2]]) -> Result<Option<Crossing>, TooComplex> {
        find_crossing(&[ring])
    }

    #[test]
    fn a_square_is_simple() {
        assert_eq!(one(&[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]]), Ok(None));
    }

    #[test]
    fn a_bow_tie_crosses_at_its_centre() {
        let crossing = one(&[[0.0, 0.0], [1.0, 1.0], [1.0, 0.0], [0.0, 1.0]]).unwrap().unwrap();
        assert_eq!((crossing.ring_a, crossing.position_a), (0, 0));
        assert_eq!((crossing.ring_b, crossing.position_b), (0, 2));
        assert_eq!(crossing.at, [0.5, 0.5]);
    }

    #[test]
    fn a_hole_touching_the_exterior_at_a_point_is_fine() {
        let exterior = [[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [0.0, 4.0]];
        let hole = [[0.0, 2.0], [2.0, 1.0], [2.0, 3.0]];
        assert_eq!(find_crossing(&[&exterior, &hole]), Ok(None));
    }

    #[test]
    fn a_hole_poking_out_of_the_exterior_is_a_crossing() {
        let exterior = [[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [0.0, 4.0]];
        let hole = [[1.0, 1.0], [5.0, 2.0], [1.0, 3.0]];
        let crossing = find_crossing(&[&exterior, &hole]).unwrap().unwrap();
        assert_eq!((crossing.ring_a, crossing.ring_b), (0, 1));
    }

    #[test]
    fn a_ring_crossing_through_a_vertex_on_its_own_edge_is_a_crossing() {
        // Position 4 [2, 0] lies inside the bottom edge; the ring comes
        // down to it from above and carries on below, without any proper
        // crossing.
        let through = [
            [0.0, 0.0],
            [4.0, 0.0],
            [4.0, 2.0],
            [2.0, 1.0],
            [2.0, 0.0],
            [2.0, -1.0],
            [-1.0, -1.0],
            [-1.0, 0.0],
        ];
        let crossing = one(&through).unwrap().unwrap();
        assert_eq!(crossing.at, [2.0, 0.0]);
        assert_eq!((crossing.position_a, crossing.position_b), (0, 4));
        // Touching the edge there and going back up is not a crossing.
        let touching = [
            [0.0, 0.0],
            [4.0, 0.0],
            [4.0, 2.0],
            [2.5, 1.0],
            [2.0, 0.0],
            [1.5, 1.0],
            [0.0, 2.0],
        ];
        assert_eq!(one(&touching), Ok(None));
    }

    #[test]
    fn a_ring_running_back_along_itself_overlaps() {
        // 0→1→2→3 then back over the bottom edge's middle.
        let ring = [[0.0, 0.0], [4.0, 0.0], [4.0, 2.0], [3.0, 0.0], [1.0, 0.0], [0.0, 2.0]];
        assert!(one(&ring).unwrap().is_some());
    }

    /// Every pair, for comparison.
    fn brute_force(rings: &[&[[f64; 2]]]) -> bool {
        let segments: Vec<Segment> = rings
            .iter()
            .enumerate()
            .flat_map(|(r, ring)| {
                (0..ring.len()).map(move |i| Segment {
                    lo: 0.0,
                    hi: 0.0,
                    across_lo: 0.0,
                    across_hi: 0.0,
                    ring: r as u32,
                    index: i as u32,
                    strip: 0,
                })
            })
            .collect();
        segments
            .iter()
            .enumerate()
            .any(|(k, s)| segments[k + 1..].iter().any(|t| test_pair(rings, s, t).is_some()))
    }

    #[test]
    fn the_sweep_finds_what_brute_force_finds() {
        // A small LCG: deterministic, no dependency.
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move |range: u64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % range
        };
        let (mut crossing, mut simple) = (0, 0);
        for case in 0..3000 {
            let rings: Vec<Vec<[f64; 2]>> = (0..1 + next(2))
                .map(|_| {
                    // Long thin rings in some cases, so that segments span
                    // many strips; integer grids make touching common.
                    let (w, h) = if case % 3 == 0 { (1000, 3) } else { (8, 8) };
                    (0..3 + next(8)).map(|_| [next(w) as f64, next(h) as f64]).collect()
                })
                .collect();
            let views: Vec<&[[f64; 2]]> = rings.iter().map(Vec::as_slice).collect();
            let expected = brute_force(&views);
            let found = find_crossing(&views).unwrap();
            assert_eq!(found.is_some(), expected, "case {case}: {rings:?} → {found:?}");
            if expected {
                crossing += 1;
            } else {
                simple += 1;
            }
        }
        assert!(crossing > 300 && simple > 300, "{crossing} crossing, {simple} simple");
    }

    #[test]
    fn a_star_of_long_spikes_is_refused_not_ground_through() {
        // Every spike's box overlaps every other's near the centre: the
        // pairs to test grow with the square of the spikes. The cap stops
        // it after a bounded number of tests.
        let spikes = 5_000;
        let ring: Vec<[f64; 2]> = (0..2 * spikes)
            .map(|k| {
                let angle = std::f64::consts::TAU * f64::from(k) / f64::from(2 * spikes);
                let radius = if k % 2 == 0 { 10.0 } else { 0.01 };
                [radius * angle.cos(), radius * angle.sin()]
            })
            .collect();
        let result = one(&ring);
        let Err(TooComplex { segments, tests }) = result else {
            panic!("expected TooComplex, got {result:?}");
        };
        assert_eq!(segments, 10_000);
        assert_eq!(tests, TESTS_BASE + TESTS_PER_SEGMENT * 10_000 + 1);
    }

    #[test]
    fn a_stacked_zig_zag_stays_cheap() {
        // Every segment spans the whole width: sweeping along x would keep
        // all of them active; the axis choice sweeps along y instead.
        let n = 200_000;
        let mut ring: Vec<[f64; 2]> = (0..n).map(|i| [f64::from(i % 2), f64::from(i) * 1e-3]).collect();
        ring.push([-1.0, f64::from(n) * 1e-3]);
        ring.push([-1.0, 0.0]);
        assert_eq!(one(&ring), Ok(None));
    }
}
