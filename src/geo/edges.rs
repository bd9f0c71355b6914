//! Exact edges of the map's rings: vertex and edge keys, a ring's edges,
//! runs of chosen edges and their joining into longer polylines.
//!
//! Clean boundary data (Natural Earth) shares the vertices of common
//! edges bit for bit, so comparing positions by their bits finds shared
//! edges and topology nodes with no tolerance. Used by the outlines and
//! borders ([`super::borders`]) and by the levels of detail
//! ([`super::lod`]).

use emath::Pos2;
use rustc_hash::FxHashMap;

/// Key of a world position for matching shared vertices exactly.
pub(super) type VertexKey = (u32, u32);

pub(super) fn vertex_key(p: Pos2) -> VertexKey {
    (p.x.to_bits(), p.y.to_bits())
}

/// An undirected edge between two exact vertices.
pub(super) type EdgeKey = (VertexKey, VertexKey);

pub(super) fn edge_key(a: Pos2, b: Pos2) -> EdgeKey {
    let (ka, kb) = (vertex_key(a), vertex_key(b));
    if ka <= kb { (ka, kb) } else { (kb, ka) }
}

/// A ring's edges, the closing one included.
pub(super) fn ring_edges(ring: &[Pos2]) -> impl Iterator<Item = (Pos2, Pos2)> + '_ {
    (0..ring.len()).map(move |i| (ring[i], ring[(i + 1) % ring.len()]))
}

/// The runs of consecutive edges of `rings` that `take` accepts (asked
/// once per edge, ring by ring, in order), as polylines; a ring whose
/// every edge is taken is one closed polyline (first point repeated).
pub(super) fn edge_runs<'a>(
    rings: impl Iterator<Item = &'a Vec<Pos2>>,
    mut take: impl FnMut(EdgeKey) -> bool,
) -> Vec<Vec<Pos2>> {
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

/// Joins polylines end to start. Rings of clean data run the same way
/// round (exteriors counter-clockwise), so a region's outside edges chain
/// into closed loops, which stroke without joints.
pub(super) fn join_runs(mut runs: Vec<Vec<Pos2>>) -> Vec<Vec<Pos2>> {
    let mut by_start: FxHashMap<VertexKey, Vec<usize>> = FxHashMap::default();
    for (i, run) in runs.iter().enumerate() {
        if let Some(&first) = run.first() {
            by_start.entry(vertex_key(first)).or_default().push(i);
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
                .get(&vertex_key(end))
                .and_then(|candidates| candidates.iter().copied().find(|&j| !used[j]));
            let Some(j) = next else { break };
            used[j] = true;
            chain.extend(runs[j].iter().skip(1).copied());
        }
        joined.push(chain);
    }
    joined
}

#[cfg(test)]
mod tests {
    use emath::pos2;

    use super::*;

    fn square() -> Vec<Pos2> {
        vec![pos2(0.0, 0.0), pos2(1.0, 0.0), pos2(1.0, 1.0), pos2(0.0, 1.0)]
    }

    #[test]
    fn an_edge_has_one_key_whichever_way_it_is_walked() {
        let [a, b] = [pos2(0.0, 0.0), pos2(1.0, 0.5)];
        assert_eq!(edge_key(a, b), edge_key(b, a));
        assert_ne!(edge_key(a, b), edge_key(a, pos2(1.0, 0.500_001)));
        assert_eq!(ring_edges(&square()).count(), 4, "the closing edge included");
    }

    #[test]
    fn runs_follow_the_ring_and_a_fully_taken_ring_closes() {
        let ring = square();
        let all = edge_runs(std::iter::once(&ring), |_| true);
        assert_eq!(all, [vec![ring[0], ring[1], ring[2], ring[3], ring[0]]]);
        // All but the bottom edge: one run from (1, 0) round to (0, 0).
        let bottom = edge_key(ring[0], ring[1]);
        let open = edge_runs(std::iter::once(&ring), |edge| edge != bottom);
        assert_eq!(open, [vec![ring[1], ring[2], ring[3], ring[0]]]);
    }

    #[test]
    fn runs_that_meet_end_to_start_join_into_one_loop() {
        let ring = square();
        let halves = vec![vec![ring[2], ring[3], ring[0]], vec![ring[0], ring[1], ring[2]]];
        assert_eq!(join_runs(halves), [vec![ring[2], ring[3], ring[0], ring[1], ring[2]]]);
    }
}
