//! Base layers kept between the frames of a sequence.
//!
//! A weekly sequence over two years has a hundred dates but only a handful
//! of distinct maps: the regions' and bases' statuses change at a few
//! boundaries, incidents show for a fortnight each, and what changes
//! every frame is the text in the panels. Painting each
//! distinct base layer once ([`crate::render::PaintPass`]) and only
//! the panels per frame gives the same bytes at a fraction of the work.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use tiny_skia::Pixmap;

use crate::render::{BaseLayerKey, GroundKey, GroundStore};

/// The most recently used base layers, shared by a sequence's workers.
///
/// Frames are rendered in date order, so one entry per worker and area (a
/// comparison has two halves) hits nearly every time (a miss only repaints
/// a layer) while keeping memory to a few pixmaps: 8 MB a frame at 1080p.
pub struct BaseLayerCache {
    capacity: usize,
    entries: Mutex<VecDeque<Entry>>,
    /// Frames' pixmaps done with ([`Self::recycle`]), to copy the next
    /// frames' base layers into: a fresh 8 MB pixmap a frame was a
    /// page-faulted 2,000 pages, an eighth of a 1080p sequence's time.
    spares: Mutex<Vec<Pixmap>>,
    /// Grounds kept ([`GroundKey`]), once [`Self::grounds_pay`].
    grounds: Mutex<VecDeque<KeptGround>>,
    /// Base layers asked for, and those painted (not kept).
    lookups: AtomicUsize,
    misses: AtomicUsize,
}

/// A ground kept: its key, its size and its pixels.
type KeptGround = (GroundKey, [u32; 2], Arc<Pixmap>);

struct Entry {
    key: BaseLayerKey,
    size_px: [u32; 2],
    /// The layer once painted. The worker painting it holds the lock, so
    /// that another worker wanting it waits instead of painting it too.
    layer: Arc<Mutex<Option<Arc<Pixmap>>>>,
}

impl BaseLayerCache {
    /// A cache holding at most `capacity` (at least 1) layers.
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity: capacity.max(1),
            entries: Mutex::new(VecDeque::new()),
            spares: Mutex::new(Vec::new()),
            grounds: Mutex::new(VecDeque::new()),
            lookups: AtomicUsize::new(0),
            misses: AtomicUsize::new(0),
        }
    }

    /// Whether keeping grounds pays: when at least half the frames so far
    /// (three at least) painted their base layer — a deck of milestones,
    /// each changing some mark. A date sequence's frames share their base
    /// layers, and a ground kept would only hold memory (a video's peak).
    fn grounds_pay(&self) -> bool {
        let misses = self.misses.load(Ordering::Relaxed);
        misses >= 3 && 2 * misses >= self.lookups.load(Ordering::Relaxed)
    }

    /// The ground of `key` at `size_px`, as a [`GroundStore`] for the pass
    /// that paints the base layer of `key`.
    pub fn grounds_for(&self, key: GroundKey, size_px: [u32; 2]) -> KeptGrounds<'_> {
        KeptGrounds {
            cache: self,
            key,
            size_px,
        }
    }

    /// A copy of `base` to paint a frame's panels on: a recycled pixmap
    /// of its size if one is spare, else a new one.
    pub fn copy_of(&self, base: &Pixmap) -> Pixmap {
        let spare = {
            let mut spares = self.spares.lock().unwrap_or_else(PoisonError::into_inner);
            let same_size = spares
                .iter()
                .position(|p| (p.width(), p.height()) == (base.width(), base.height()));
            same_size.map(|at| spares.swap_remove(at))
        };
        match spare {
            Some(mut pixmap) => {
                pixmap.data_mut().copy_from_slice(base.data());
                pixmap
            }
            None => base.clone(),
        }
    }

    /// Keeps `pixmap`, a frame written and no longer needed, for
    /// [`Self::copy_of`]: as many as the cache holds layers, which is one
    /// per worker and area.
    pub fn recycle(&self, pixmap: Pixmap) {
        let mut spares = self.spares.lock().unwrap_or_else(PoisonError::into_inner);
        if spares.len() < self.capacity {
            spares.push(pixmap);
        }
    }

    /// The layer for `key` at `size_px`, painted by `paint` if not kept.
    /// A layer is painted once: a worker wanting a layer that another is
    /// painting waits for it (both painting it doubled the work and the
    /// memory at every change of the map: two more 8 MB pixmaps at 1080p,
    /// a quarter of a video's peak). Should that painting fail, the next
    /// worker paints it.
    pub fn get_or_paint<E>(
        &self,
        key: BaseLayerKey,
        size_px: [u32; 2],
        paint: impl FnOnce() -> Result<Pixmap, E>,
    ) -> Result<Arc<Pixmap>, E> {
        let layer = self.entry(key, size_px);
        let mut layer = layer.lock().unwrap_or_else(PoisonError::into_inner);
        self.lookups.fetch_add(1, Ordering::Relaxed);
        if let Some(pixmap) = layer.as_ref() {
            return Ok(Arc::clone(pixmap));
        }
        self.misses.fetch_add(1, Ordering::Relaxed);
        let pixmap = Arc::new(paint()?);
        *layer = Some(Arc::clone(&pixmap));
        Ok(pixmap)
    }

    fn lock_grounds(&self) -> std::sync::MutexGuard<'_, VecDeque<KeptGround>> {
        self.grounds.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// How many layers are kept.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// The entry of `key` at `size_px`, most recently used from now on; a
    /// new one (the oldest going if the cache is full) if there is none.
    fn entry(&self, key: BaseLayerKey, size_px: [u32; 2]) -> Arc<Mutex<Option<Arc<Pixmap>>>> {
        let mut entries = self.lock();
        if let Some(entry) = most_recent(&mut entries, |e| e.size_px == size_px && e.key == key) {
            return Arc::clone(&entry.layer);
        }
        let layer = Arc::default();
        let entry = Entry {
            key,
            size_px,
            layer: Arc::clone(&layer),
        };
        push_recent(&mut entries, entry, self.capacity);
        layer
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<Entry>> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A base layer's ground in a [`BaseLayerCache`]: kept there when keeping
/// grounds pays ([`BaseLayerCache::grounds_pay`]), as many as base layers.
pub struct KeptGrounds<'c> {
    cache: &'c BaseLayerCache,
    key: GroundKey,
    size_px: [u32; 2],
}

impl GroundStore for KeptGrounds<'_> {
    fn kept(&self) -> Option<Arc<Pixmap>> {
        let mut grounds = self.cache.lock_grounds();
        let found = most_recent(&mut grounds, |(key, size_px, _)| {
            *size_px == self.size_px && *key == self.key
        });
        found.map(|(_, _, ground)| Arc::clone(ground))
    }

    fn keep(&self, ground: &Pixmap) {
        if !self.cache.grounds_pay() {
            return;
        }
        let kept = (self.key.clone(), self.size_px, Arc::new(ground.clone()));
        push_recent(&mut self.cache.lock_grounds(), kept, self.cache.capacity);
    }
}

/// The first of `items` that `matches`, made the most recently used
/// (moved last).
fn most_recent<T>(items: &mut VecDeque<T>, matches: impl Fn(&T) -> bool) -> Option<&T> {
    let at = items.iter().position(matches)?;
    let item = items.remove(at)?;
    items.push_back(item);
    items.back()
}

/// Adds `item` as the most recently used, the oldest going beyond
/// `capacity`.
fn push_recent<T>(items: &mut VecDeque<T>, item: T, capacity: usize) {
    items.push_back(item);
    while items.len() > capacity {
        items.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;
    use crate::inputs::LoadedInputs;
    use crate::model::{Date, TrackIdx};
    use crate::render::{MapEffects, MapScene, MapStyle, Theme};

    fn key(data: &LoadedInputs, date: &str) -> BaseLayerKey {
        key_on(data, "announced", date)
    }

    fn key_on(data: &LoadedInputs, track: &str, date: &str) -> BaseLayerKey {
        let style = MapStyle::for_theme(Theme::Light);
        let effects = MapEffects::default();
        let track = data.scenario.track_idx(track).unwrap_or(TrackIdx(0));
        let on = (track, date.parse::<Date>().unwrap());
        let scene = MapScene::home(&data.scenario, &data.geometry, on, &style, &effects);
        BaseLayerKey::of(&scene).unwrap()
    }

    #[test]
    fn a_frame_is_a_copy_of_its_base_in_a_recycled_pixmap_of_its_size() {
        let cache = BaseLayerCache::new(2);
        let mut base = Pixmap::new(8, 4).unwrap();
        base.fill(tiny_skia::Color::from_rgba8(10, 20, 30, 255));
        let first = cache.copy_of(&base);
        assert_eq!(first.data(), base.data());
        let mut done = first;
        done.fill(tiny_skia::Color::WHITE);
        let buffer = done.data().as_ptr();
        cache.recycle(done);
        // Another size takes no spare of this one.
        let other = cache.copy_of(&Pixmap::new(4, 4).unwrap());
        assert_ne!(other.data().as_ptr(), buffer);
        let second = cache.copy_of(&base);
        assert_eq!(second.data().as_ptr(), buffer, "the spare");
        assert_eq!(second.data(), base.data(), "painted over with the base");
        // No more spares kept than layers.
        for _ in 0..5 {
            cache.recycle(Pixmap::new(8, 4).unwrap());
        }
        assert_eq!(cache.spares.lock().unwrap().len(), 2);
    }

    #[test]
    fn keys_follow_statuses_not_dates() {
        let data = LoadedInputs::embedded().unwrap();
        // Phase 1 on both dates; Phase 2 starts on 1 Oct 2025.
        assert_eq!(key(&data, "2025-01-01"), key(&data, "2025-06-01"));
        assert_ne!(key(&data, "2025-09-30"), key(&data, "2025-10-01"));
    }

    #[test]
    fn keys_follow_the_bases_the_hatch_and_the_incidents_too() {
        let data = LoadedInputs::embedded().unwrap();
        let on = |date| key_on(&data, "reported", date);
        // Al-Tanf is handed over on 11 Feb 2026; no region changes then.
        assert_ne!(on("2026-02-10"), on("2026-02-11"));
        assert_eq!(on("2026-02-12"), on("2026-02-13"));
        // The last incident, on 17 Mar 2026, fades day by day and is gone
        // after a week; all the while every status is "no report" (from
        // the 21st, the day after the record's end).
        assert_ne!(on("2026-03-22"), on("2026-03-23"));
        assert_ne!(on("2026-03-24"), on("2026-03-25"));
        assert_eq!(on("2026-03-25"), on("2026-06-01"));
        // The hatch: a region's last report is part of the key.
        let mut other = data.clone();
        let reported = other.scenario.track_idx("reported").unwrap();
        let syria = other.scenario.region_idx("syria").unwrap();
        let active = other.scenario.status_idx("active").unwrap();
        let periods = &mut other.scenario.tracks[reported.0].periods[syria.0];
        let last = periods.len() - 2;
        periods[last].status = active;
        assert_ne!(key_on(&other, "reported", "2026-06-01"), on("2026-06-01"));
    }

    #[test]
    fn two_workers_wanting_a_layer_at_once_paint_it_once_and_a_failed_one_is_painted_again() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::mpsc;
        let data = LoadedInputs::embedded().unwrap();
        let cache = BaseLayerCache::new(2);
        let painted = AtomicUsize::new(0);
        let (started, painting) = mpsc::channel();
        let layers = std::thread::scope(|scope| {
            let first = scope.spawn(|| {
                cache.get_or_paint(key(&data, "2025-01-01"), [4, 4], || {
                    started.send(()).unwrap();
                    // The other worker asks for the layer meanwhile.
                    std::thread::sleep(std::time::Duration::from_millis(100));
                    painted.fetch_add(1, Ordering::SeqCst);
                    Pixmap::new(4, 4).ok_or(())
                })
            });
            painting.recv().unwrap();
            let second = cache.get_or_paint(key(&data, "2025-01-01"), [4, 4], || {
                painted.fetch_add(1, Ordering::SeqCst);
                Pixmap::new(4, 4).ok_or(())
            });
            [first.join().unwrap().unwrap(), second.unwrap()]
        });
        assert_eq!(painted.load(Ordering::SeqCst), 1);
        assert!(Arc::ptr_eq(&layers[0], &layers[1]), "one layer, shared");
        // A painting that fails leaves the layer to the next worker.
        let key = key(&data, "2025-10-01");
        assert!(
            cache
                .get_or_paint(key.clone(), [4, 4], || Err::<Pixmap, _>(()))
                .is_err()
        );
        assert!(cache.get_or_paint(key, [4, 4], || Pixmap::new(4, 4).ok_or(())).is_ok());
    }

    #[test]
    fn grounds_are_kept_once_most_frames_paint_their_base_and_then_found() {
        let data = LoadedInputs::embedded().unwrap();
        let cache = BaseLayerCache::new(2);
        let ground = Pixmap::new(4, 4).unwrap();
        let grounds = cache.grounds_for(key(&data, "2025-01-01").ground(), [4, 4]);
        // A date sequence's frames share their base layer: no ground kept.
        for _ in 0..4 {
            cache
                .get_or_paint(key(&data, "2025-01-01"), [4, 4], || Pixmap::new(4, 4).ok_or(()))
                .unwrap();
        }
        grounds.keep(&ground);
        assert!(grounds.kept().is_none(), "one base painted for four frames");
        // Milestones: a base layer painted for every frame.
        for date in [
            "2025-10-01",
            "2026-01-18",
            "2014-09-01",
            "2019-03-23",
            "2025-09-30",
            "2014-08-08",
        ] {
            cache
                .get_or_paint(key(&data, date), [4, 4], || Pixmap::new(4, 4).ok_or(()))
                .unwrap();
        }
        grounds.keep(&ground);
        assert!(grounds.kept().is_some());
        // Another size, another ground.
        assert!(
            cache
                .grounds_for(key(&data, "2025-01-01").ground(), [8, 4])
                .kept()
                .is_none()
        );
        // Frames with other bases can share the ground: a base's status
        // changes on 11 Feb 2026, no region's.
        let (before, after) = (
            key_on(&data, "reported", "2026-02-10"),
            key_on(&data, "reported", "2026-02-11"),
        );
        assert!(before != after && before.ground() == after.ground());
    }

    #[test]
    fn a_kept_layer_is_painted_once_and_the_oldest_goes_first() {
        let data = LoadedInputs::embedded().unwrap();
        let cache = BaseLayerCache::new(2);
        let painted = Cell::new(0);
        let paint = || {
            painted.set(painted.get() + 1);
            Pixmap::new(4, 4).ok_or(())
        };
        let [a, b, c] = ["2025-01-01", "2025-10-01", "2014-09-01"].map(|d| key(&data, d));
        assert!(a != b && b != c && a != c);
        cache.get_or_paint(a.clone(), [4, 4], paint).unwrap();
        cache.get_or_paint(a.clone(), [4, 4], paint).unwrap();
        assert_eq!(painted.get(), 1, "a hit paints nothing");
        cache.get_or_paint(a.clone(), [8, 4], paint).unwrap();
        assert_eq!(painted.get(), 2, "another size is another layer");
        cache.get_or_paint(b.clone(), [4, 4], paint).unwrap();
        assert_eq!((painted.get(), cache.len()), (3, 2));
        cache.get_or_paint(b, [4, 4], paint).unwrap();
        cache.get_or_paint(a, [4, 4], paint).unwrap();
        assert_eq!(painted.get(), 4, "a at 4x4 was evicted by a at 8x4 and b");
        cache.get_or_paint(c, [4, 4], paint).unwrap();
        assert_eq!((painted.get(), cache.len()), (5, 2));
    }
}
