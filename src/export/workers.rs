//! How many frames of a sequence render at once: one per core, fewer when
//! frames are so large that their pixels would pass [`PIXEL_BUDGET_BYTES`]
//! (a 16384×16384 frame is 1 GiB of RGBA; a worker per core, each with its
//! kept base layer, would need several times that on every core).

/// The pixel buffers the frames of a sequence in flight may take together,
/// bytes: 512 MiB. A 1080p frame in flight takes ~25 MB, so every core
/// renders one; a 16384×16384 frame takes 1 GiB for its pixmap alone, so
/// one renders at a time, without a kept base layer, however many cores
/// the machine has (its buffers are then what one frame needs, over the
/// budget: nothing smaller can be drawn).
pub const PIXEL_BUDGET_BYTES: u64 = 512 << 20;

/// How the frames of a sequence are rendered at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkerPlan {
    /// Frames rendered at once, each by its own worker.
    pub workers: usize,
    /// Whether base layers are kept between frames (the same bytes either
    /// way; kept, a frame paints only its panels).
    pub keep_base_layers: bool,
    /// The most finished frames that may wait for their writer.
    pub frames_waiting: usize,
}

/// Plans the workers of a sequence of `size_px` frames (`comparison`: two
/// maps side by side) on `cores` cores within `budget_bytes` of pixel
/// buffers. A worker's frame takes four bytes a pixel for its pixmap,
/// as many for what its writer makes of it (a PNG, a YUV picture, palette
/// indices: at most that), as many for its base layers kept (one map, or
/// two halves), and as many again for a comparison's two halves before
/// they are joined. Workers = budget ÷ a worker's bytes, at least one, at
/// most one per core; when even one worker's bytes pass the budget, no
/// base layer is kept.
pub fn plan_workers(size_px: [u32; 2], comparison: bool, cores: usize, budget_bytes: u64) -> WorkerPlan {
    let [w, h] = size_px.map(u64::from);
    let frame_bytes = (w * h * 4).max(1);
    let drawn = if comparison { 3 } else { 2 };
    let with_layers = frame_bytes.saturating_mul(drawn + 1);
    let keep_base_layers = with_layers <= budget_bytes;
    let per_worker = if keep_base_layers {
        with_layers
    } else {
        frame_bytes.saturating_mul(drawn)
    };
    let fits = |per: u64| usize::try_from(budget_bytes / per).unwrap_or(usize::MAX);
    WorkerPlan {
        workers: fits(per_worker).clamp(1, cores.max(1)),
        keep_base_layers,
        frames_waiting: fits(frame_bytes).max(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_in_flight_stay_within_the_pixel_budget_at_any_size_and_core_count() {
        const MIB: u64 = 1 << 20;
        let budget = PIXEL_BUDGET_BYTES;
        assert_eq!(budget, 512 * MIB);
        // 1080p: ~8 MB a frame, ~25 MB a worker: every core renders.
        for cores in [1, 2, 4, 16] {
            let plan = plan_workers([1920, 1080], false, cores, budget);
            assert_eq!((plan.workers, plan.keep_base_layers), (cores, true), "{cores} cores");
        }
        assert_eq!(plan_workers([1920, 1080], false, 64, budget).workers, 21);
        // 4096²: 64 MiB a frame, 192 a worker, 256 in a comparison.
        assert_eq!(plan_workers([4096, 4096], false, 16, budget).workers, 2);
        assert_eq!(plan_workers([4096, 4096], true, 16, budget).workers, 2);
        assert_eq!(plan_workers([4096, 4096], true, 16, 767 * MIB).workers, 2);
        assert_eq!(plan_workers([4096, 4096], true, 16, 768 * MIB).workers, 3);
        // 16384²: 1 GiB a frame, more than the budget alone: one at a
        // time and no base layer kept, on 2 cores or on 64.
        for cores in [2, 64] {
            let plan = plan_workers([16384, 16384], false, cores, budget);
            assert_eq!(plan.workers, 1);
            assert!(!plan.keep_base_layers);
            assert_eq!(plan.frames_waiting, 1);
        }
        // 8192²: 256 MiB a frame; with its base layer a worker needs 768.
        let plan = plan_workers([8192, 8192], false, 8, budget);
        assert_eq!(
            (plan.workers, plan.keep_base_layers, plan.frames_waiting),
            (1, false, 2)
        );
        let plan = plan_workers([8192, 8192], false, 8, 768 * MIB);
        assert_eq!((plan.workers, plan.keep_base_layers), (1, true));
        // No core reported still renders.
        assert_eq!(plan_workers([1920, 1080], false, 0, budget).workers, 1);
    }
}
