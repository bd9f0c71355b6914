//! The chart's x axis: plot x is days since the range's start, a day `d`
//! covers `plot_x(d)..plot_x(d) + 1`, and the cursor sits at its start, so
//! that the status right of the cursor is the one the map shows. Here are
//! the mappings date ↔ plot x ↔ screen x, and the calendar ticks
//! ([`crate::ui::calendar_ticks`]) as egui_plot grid marks and labels. The
//! troop panel's plot shares this axis, so its dates line up with the
//! chart's.

#[cfg(feature = "testing")]
use egui::Rect;
use egui_plot::GridMark;

use crate::model::{Date, DateRange};
use crate::ui::calendar_ticks;

/// Plot x of the start of `date`: days since `range.start` (not clamped).
pub fn plot_x(range: DateRange, date: Date) -> f64 {
    days_f64(range.days_from_start(date))
}

/// The day at plot x `x`, rounded to the nearest day start and clamped to
/// the range; NaN gives the range's start.
pub fn date_from_plot_x(range: DateRange, x: f64) -> Date {
    if x.is_nan() {
        return range.start;
    }
    #[expect(clippy::cast_possible_truncation, reason = "rounded and bounded first")]
    let days = x.round().clamp(-1e12, 1e12) as i64;
    range.date_at(days)
}

/// The x bounds the chart opens with and double-click returns to: the whole
/// range, its last day included.
pub fn default_x_bounds(range: DateRange) -> [f64; 2] {
    [0.0, days_f64(range.len_days().max(0) + 1)]
}

/// Screen x of plot x `x` in a plot frame showing `x_bounds` (the plot's own
/// linear mapping); with [`default_x_bounds`] this is where a date sits
/// before any zoom.
#[cfg(feature = "testing")]
pub fn screen_x(frame: Rect, x_bounds: [f64; 2], x: f64) -> f32 {
    let [min, max] = x_bounds;
    let t = if max > min { (x - min) / (max - min) } else { 0.0 };
    #[expect(clippy::cast_possible_truncation, reason = "screen coordinates")]
    let sx = (f64::from(frame.left()) + t * f64::from(frame.width())) as f32;
    sx
}

/// Grid marks for the time axis between plot x `x_bounds`, at least
/// `min_step_days` apart (egui_plot's `GridInput::base_step_size`): the
/// [`calendar_ticks::calendar_ticks`] of the dates in view, each mark's
/// step its tick's rank, so that egui_plot thins the labels to the round
/// years. Nothing for empty or non-finite bounds.
pub fn calendar_marks(range: DateRange, x_bounds: (f64, f64), min_step_days: f64) -> Vec<GridMark> {
    let (lo, hi) = x_bounds;
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo {
        return Vec::new();
    }
    let (Some(first), Some(last)) = (date_unclamped(range, lo.floor()), date_unclamped(range, hi.ceil())) else {
        return Vec::new();
    };
    calendar_ticks::calendar_ticks(first, last, min_step_days)
        .into_iter()
        .map(|tick| GridMark {
            value: plot_x(range, tick.date),
            step_size: tick.step_days,
        })
        .filter(|mark| (lo..=hi).contains(&mark.value))
        .collect()
}

/// The time axis label of a [`calendar_marks`] mark: "2025" for years,
/// "Oct 2025" for months, "8 Oct" for days ([`calendar_ticks::label`]).
pub fn calendar_label(range: DateRange, mark: GridMark) -> String {
    date_unclamped(range, mark.value.round())
        .map_or_else(String::new, |date| calendar_ticks::label(date, mark.step_size))
}

fn days_f64(days: i64) -> f64 {
    #[expect(clippy::cast_precision_loss, reason = "day counts fit f64 exactly")]
    let x = days as f64;
    x
}

/// The day `days` after the range's start, outside the range too (an axis
/// zoomed out past its ends); `None` beyond what a date can hold.
fn date_unclamped(range: DateRange, days: f64) -> Option<Date> {
    if !days.is_finite() || days.abs() > 1e9 {
        return None;
    }
    #[expect(clippy::cast_possible_truncation, reason = "bounded above")]
    let days = days as i64;
    range.start.checked_add_signed(chrono::TimeDelta::try_days(days)?)
}
