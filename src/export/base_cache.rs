//! Base layers kept between the frames of a sequence.
//!
//! A weekly sequence over two years has a hundred dates but only a handful
//! of distinct maps: the regions' and bases' statuses change at a few
//! boundaries, incidents show for a fortnight each, and what changes
//! every frame is the text in the panels. Painting each
//! distinct base layer once ([`crate::render::PaintPass`]) and only
//! the panels per frame gives the same bytes at a fraction of the work.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};

use tiny_skia::Pixmap;

use crate::render::BaseLayerKey;

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
}

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
        if let Some(pixmap) = layer.as_ref() {
            return Ok(Arc::clone(pixmap));
        }
        let pixmap = Arc::new(paint()?);
        *layer = Some(Arc::clone(&pixmap));
        Ok(pixmap)
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
        let entry = match entries.iter().position(|e| e.size_px == size_px && e.key == key) {
            Some(at) => entries.remove(at),
            None => None,
        };
        let entry = entry.unwrap_or_else(|| Entry {
            key,
            size_px,
            layer: Arc::default(),
        });
        let layer = Arc::clone(&entry.layer);
        // Most recently used last.
        entries.push_back(entry);
        while entries.len() > self.capacity {
            entries.pop_front();
        }
        layer
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<Entry>> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
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
