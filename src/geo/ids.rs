//! Identities of the map's static geometry: an id per feature shape and
//! per border or outline line, made when the piece is built, and a
//! generation per build of a map (or of one of its levels of detail).
//!
//! Caches of derived data (the screen's meshes and strokes) key on these
//! rather than on where the geometry happens to live in memory: a clone
//! shares its ids (same content, same cached meshes), while a rebuild or
//! a different shape never shares one, wherever it lands.

use std::sync::atomic::{AtomicU64, Ordering};

/// One piece of static geometry (a [`super::FeatureShape`] or a
/// [`super::BorderLine`]): unique in the process, shared only by clones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ShapeId(u64);

impl ShapeId {
    /// An id no piece of geometry has had before. Pieces built in parallel
    /// get theirs in no particular order; only uniqueness matters.
    pub fn fresh() -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        Self(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

/// One polyline of the static geometry, as a caching canvas keys its
/// strokes: a whole border or outline line, or one ring of a feature
/// (the hover outline strokes those).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LineId {
    Line(ShapeId),
    Ring { shape: ShapeId, ring: usize },
}

/// A generation no build has had before: see
/// [`super::MapGeometry::generation`].
pub fn next_generation() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_ids_and_generations_never_repeat() {
        let ids: std::collections::HashSet<ShapeId> = (0..1000).map(|_| ShapeId::fresh()).collect();
        assert_eq!(ids.len(), 1000);
        let generations: std::collections::HashSet<u64> = (0..1000).map(|_| next_generation()).collect();
        assert_eq!(generations.len(), 1000);
    }
}
