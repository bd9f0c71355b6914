//! The chart's time window: how far it may zoom and pan, and its state in
//! egui's memory (egui_plot's `PlotMemory` under the plot's id). The window
//! is the one piece of the chart that outlives a frame; it is kept within
//! sensible limits after each frame's zoom and pan, and forgotten when the
//! scenario's range changes (plot x counts days from the range's start, so
//! the old window would show other dates). The troop panel's plot keeps
//! its window by the same rules.

use egui::{Id, Ui};
use egui_plot::{PlotBounds, PlotMemory};

use super::time_axis::default_x_bounds;
use crate::model::DateRange;

/// The narrowest view, in days, that zooming in can reach.
pub const MIN_VIEW_DAYS: f64 = 7.0;

/// Extra room allowed beyond the range when panning, as a fraction of it.
const PAN_MARGIN: f64 = 0.02;

/// Keeps a view's x bounds sensible: at least [`MIN_VIEW_DAYS`] wide, at
/// most the range plus a small margin, and never panned past that margin.
pub fn clamp_view_x(range: DateRange, x_bounds: [f64; 2]) -> [f64; 2] {
    let [full_lo, full_hi] = default_x_bounds(range);
    let margin = (full_hi - full_lo) * PAN_MARGIN;
    let (lo, hi) = (full_lo - margin, full_hi + margin);
    let [min, max] = x_bounds;
    if !(min.is_finite() && max.is_finite()) || max <= min {
        return [full_lo, full_hi];
    }
    // min/max rather than clamp: rounding can put `hi - width` a hair below
    // `lo`, and clamp panics on an inverted interval.
    let width = (max - min).max(MIN_VIEW_DAYS).min(hi - lo);
    let center = 0.5 * (min + max);
    let new_min = (center - 0.5 * width).min(hi - width).max(lo);
    [new_min, new_min + width]
}

/// Forgets the remembered zoom of a plot over dates when the scenario's
/// range changed since the last frame (plot x counts days from the range's
/// start, so the old window would show other dates, or none of the new
/// range): the plot opens on the whole new range, the date in it. Called
/// before the plot is shown.
pub fn reset_view_on_range_change(ui: &Ui, plot_id: Id, range: DateRange) {
    let range_id = plot_id.with("range");
    let previous: Option<DateRange> = ui.data_mut(|d| {
        let previous = d.get_temp(range_id);
        d.insert_temp(range_id, range);
        previous
    });
    if previous.is_some_and(|p| p != range)
        && let Some(mut memory) = PlotMemory::load(ui.ctx(), plot_id)
    {
        memory.auto_bounds.x = true;
        let [lo, hi] = default_x_bounds(range);
        let bounds = *memory.bounds();
        memory.set_bounds(PlotBounds::from_min_max([lo, bounds.min()[1]], [hi, bounds.max()[1]]));
        memory.store(ui.ctx(), plot_id);
    }
}

/// Keeps the remembered zoom within [`clamp_view_x`]'s limits (applied after
/// the plot has handled this frame's zoom and pan; repaints if it changed).
pub fn clamp_stored_view(ui: &Ui, plot_id: Id, range: DateRange) {
    let Some(mut memory) = PlotMemory::load(ui.ctx(), plot_id) else {
        return;
    };
    if memory.auto_bounds.x {
        return;
    }
    let bounds = *memory.bounds();
    let [min, max] = [bounds.min()[0], bounds.max()[0]];
    let [new_min, new_max] = clamp_view_x(range, [min, max]);
    if (new_min - min).abs() > 1e-9 || (new_max - max).abs() > 1e-9 {
        memory.set_bounds(PlotBounds::from_min_max(
            [new_min, bounds.min()[1]],
            [new_max, bounds.max()[1]],
        ));
        memory.store(ui.ctx(), plot_id);
        ui.ctx().request_repaint();
    }
}
