//! The time slider: the scenario's range at day resolution, year ticks and
//! milestone ticks (click one to jump to it). A throwaway builder: the date
//! lives in the app; the slider returns the date the user picked.
//!
//! Milestones a few points apart (the reported record's weeks of February
//! and March 2026 span a dozen points on a full-HD slider) are drawn as one
//! cluster: a bracket over their ticks, one label ("12 milestones, Jan–Mar
//! 2026"), a tooltip listing each, and a click that steps to the next of
//! them after the current date.
//!
//! The rail spans the whole range or, zoomed, part of it: the wheel over
//! the slider zooms around the pointer (a horizontal wheel pans), and
//! presets ("All", and any the app names, such as the drawdown from the
//! joint statement to today) set the span. A 13-year range on a full-HD
//! rail gives three days a point; the months that matter need more. The
//! span lives in egui's memory under the slider's id, as the chart's
//! window does in egui_plot's, and follows the date when it moves out of
//! view.

use std::ops::Range;

use chrono::Datelike as _;
use egui::{Align2, FontId, Pos2, Rangef, Rect, Response, Sense, Stroke, Ui, WidgetInfo, pos2, vec2};

use crate::model::date_format;
use crate::model::{Date, DateRange};
use crate::ui::calendar_ticks::calendar_ticks;

/// Accessible name of the slider (screen readers, UI tests).
pub const SLIDER_LABEL: &str = "Date";

/// A tick closer than this to the one before it (points) joins its cluster.
pub const CLUSTER_GAP_PX: f32 = 8.0;

/// The widest a cluster grows, points, from its first tick: a dense decade
/// does not fuse into one band.
pub const CLUSTER_MAX_SPAN_PX: f32 = 48.0;

/// A milestone tick on the slider.
#[derive(Clone, Copy, Debug)]
pub struct Tick<'a> {
    pub date: Date,
    pub title: &'a str,
    pub detail: &'a str,
}

/// Groups ticks at screen x `xs` (sorted) into clusters: runs in which each
/// tick lies within [`CLUSTER_GAP_PX`] of the one before and within
/// [`CLUSTER_MAX_SPAN_PX`] of the first. A lone tick is a cluster of one.
pub fn cluster_ticks(xs: &[f32]) -> Vec<Range<usize>> {
    let mut clusters: Vec<Range<usize>> = Vec::new();
    for (i, &x) in xs.iter().enumerate() {
        let joins = clusters.last().is_some_and(|c| {
            let (first, previous) = (xs[c.start], xs[i - 1]);
            x - previous <= CLUSTER_GAP_PX && x - first <= CLUSTER_MAX_SPAN_PX
        });
        match clusters.last_mut() {
            Some(c) if joins => c.end = i + 1,
            _ => clusters.push(i..i + 1),
        }
    }
    clusters
}

/// The label of a cluster of `ticks`: a lone milestone's title, else how
/// many and when ("12 milestones, Jan–Mar 2026").
pub fn cluster_label(ticks: &[Tick<'_>]) -> String {
    match ticks {
        [] => String::new(),
        [one] => one.title.to_owned(),
        [first, .., last] => {
            let (a, b) = (first.date, last.date);
            let when = if (a.year(), a.month()) == (b.year(), b.month()) {
                date_format::month_year(a)
            } else if a.year() == b.year() {
                format!("{}–{}", a.format("%b"), date_format::month_year(b))
            } else {
                format!("{}–{}", date_format::month_year(a), date_format::month_year(b))
            };
            format!("{} milestones, {when}", ticks.len())
        }
    }
}

/// Where a click on a cluster goes from `date`: the first of its dates
/// after `date`, or its first once `date` is past them all, so that
/// clicking again steps through the cluster.
pub fn cluster_target(ticks: &[Tick<'_>], date: Date) -> Option<Date> {
    ticks
        .iter()
        .map(|t| t.date)
        .find(|&d| d > date)
        .or_else(|| ticks.first().map(|t| t.date))
}

/// The narrowest span the slider zooms to, days.
pub const MIN_SPAN_DAYS: i64 = 30;

/// The span zoomed to by one point of wheel scrolling: `exp(-points ×
/// this)`, so that a wheel notch (about 50 points) zooms by about a fifth.
const ZOOM_PER_SCROLL_POINT: f64 = 0.004;

/// Accessible label of the "whole range" preset.
pub const ALL_PRESET_LABEL: &str = "All";

/// The day `x` (screen) names on a rail over `rail` spanning `span`,
/// clamped to the span.
pub fn date_at_x(rail: Rangef, span: DateRange, x: f32) -> Date {
    let t = ((x - rail.min) / rail.span().max(1.0)).clamp(0.0, 1.0);
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_precision_loss,
        reason = "rounded day index"
    )]
    let days = (f64::from(t) * span.len_days() as f64).round() as i64;
    span.date_at(days)
}

/// Where `date` lies on a rail over `rail` spanning `span` (outside the
/// rail for a date outside the span).
pub fn x_of(rail: Rangef, span: DateRange, date: Date) -> f32 {
    #[expect(clippy::cast_precision_loss, reason = "days fit f64 exactly")]
    let t = span.days_from_start(date) as f64 / span.len_days().max(1) as f64;
    #[expect(clippy::cast_possible_truncation, reason = "a screen position")]
    let x = rail.min + (t * f64::from(rail.span())) as f32;
    x
}

/// `start..=end` as a span of `range`: within it, and at least
/// [`MIN_SPAN_DAYS`] long (or the whole range, if shorter), widened
/// around its middle.
pub fn span_within(range: DateRange, start: Date, end: Date) -> DateRange {
    let (start, end) = (range.clamp(start.min(end)), range.clamp(start.max(end)));
    let len = range.len_days().max(0);
    let want = (end - start).num_days().max(MIN_SPAN_DAYS).min(len);
    let from = range.days_from_start(start) - (want - (end - start).num_days()) / 2;
    let from = from.clamp(0, len - want);
    DateRange {
        start: range.date_at(from),
        end: range.date_at(from + want),
    }
}

/// `span` zoomed by `factor` (below 1 in, above 1 out) around `anchor`,
/// which keeps its place on the rail; within `range`, at least
/// [`MIN_SPAN_DAYS`] long.
pub fn zoom_span(range: DateRange, span: DateRange, anchor: Date, factor: f64) -> DateRange {
    let len = span.len_days().max(1);
    #[expect(clippy::cast_precision_loss, reason = "days fit f64 exactly")]
    let (len_f, at) = (
        len as f64,
        span.days_from_start(anchor.clamp(span.start, span.end)) as f64,
    );
    let factor = if factor.is_finite() && factor > 0.0 {
        factor
    } else {
        1.0
    };
    #[expect(clippy::cast_precision_loss, reason = "days fit f64 exactly")]
    let new_len = (len_f * factor).clamp(MIN_SPAN_DAYS as f64, range.len_days().max(1) as f64);
    #[expect(clippy::cast_possible_truncation, reason = "rounded days")]
    let (before, new_len) = ((at / len_f * new_len).round() as i64, new_len.round() as i64);
    let from = range.days_from_start(span.start) + span.days_from_start(anchor.clamp(span.start, span.end)) - before;
    let from = from.clamp(0, (range.len_days() - new_len).max(0));
    DateRange {
        start: range.date_at(from),
        end: range.date_at(from + new_len),
    }
}

/// `span` moved by `days` (later if positive), kept within `range`.
pub fn pan_span(range: DateRange, span: DateRange, days: i64) -> DateRange {
    let len = span.len_days();
    let from = (range.days_from_start(span.start) + days).clamp(0, (range.len_days() - len).max(0));
    DateRange {
        start: range.date_at(from),
        end: range.date_at(from + len),
    }
}

/// What the slider keeps between frames: its span, and the date it last
/// showed (the span follows a date that moved out of view, not one the
/// briefer zoomed away from).
#[derive(Clone, Copy, Debug, PartialEq)]
struct SliderMemory {
    range: DateRange,
    span: DateRange,
    date: Date,
}

/// The id the slider keeps its span under.
fn memory_id() -> egui::Id {
    egui::Id::unique("time_slider_span")
}

/// The span the slider shows, as of its last frame (None before one).
#[cfg(feature = "testing")]
pub fn shown_span(ctx: &egui::Context) -> Option<DateRange> {
    ctx.data(|d| d.get_temp::<SliderMemory>(memory_id())).map(|m| m.span)
}

#[must_use = "call .ui(ui) to show the slider"]
pub struct TimeSlider<'a> {
    range: DateRange,
    date: Date,
    ticks: &'a [Tick<'a>],
    /// Named spans offered as buttons besides "All"; none: no buttons.
    presets: Vec<(&'a str, DateRange)>,
    show_presets: bool,
}

const RAIL_MARGIN: f32 = 14.0;
const LABEL_ROWS: usize = 2;

impl<'a> TimeSlider<'a> {
    pub fn new(range: DateRange, date: Date, ticks: &'a [Tick<'a>]) -> Self {
        Self {
            range,
            date,
            ticks,
            presets: Vec::new(),
            show_presets: false,
        }
    }

    /// A row of span buttons above the rail: "All" and `presets`.
    pub fn with_presets(mut self, presets: Vec<(&'a str, DateRange)>) -> Self {
        self.presets = presets;
        self.show_presets = true;
        self
    }

    /// The span from memory (the whole range at first, or after the range
    /// changed), moved to show the date if it moved out of view.
    fn span(&self, ui: &Ui) -> DateRange {
        let remembered = ui.data(|d| d.get_temp::<SliderMemory>(memory_id()));
        match remembered {
            Some(m) if m.range == self.range => {
                let span = m.span;
                if m.date == self.date || span.contains(self.date) {
                    span
                } else if self.date < span.start {
                    pan_span(self.range, span, (self.date - span.start).num_days())
                } else {
                    pan_span(self.range, span, (self.date - span.end).num_days())
                }
            }
            _ => self.range,
        }
    }

    /// Shows the slider; returns the date the user chose this frame.
    pub fn ui(self, ui: &mut Ui) -> Option<Date> {
        let mut span = self.span(ui);
        if self.show_presets {
            span = self.presets_ui(ui, span);
        }
        let height = 76.0;
        let (rect, response) = ui.allocate_exact_size(vec2(ui.available_width(), height), Sense::click_and_drag());
        let mut geometry = SliderGeometry::new(rect, span);
        if let Some(pointer) = response.hover_pos() {
            let (scroll_x, scroll_y) = ui.input(|i| (i.smooth_scroll_delta.x, i.smooth_scroll_delta.y));
            if scroll_y != 0.0 {
                let anchor = geometry.date_at_x(pointer.x);
                span = zoom_span(
                    self.range,
                    span,
                    anchor,
                    (-f64::from(scroll_y) * ZOOM_PER_SCROLL_POINT).exp(),
                );
            }
            if scroll_x != 0.0 {
                #[expect(clippy::cast_precision_loss, reason = "days fit f64 exactly")]
                let days_per_point = span.len_days() as f64 / f64::from(geometry.rail.width().max(1.0));
                #[expect(clippy::cast_possible_truncation, reason = "rounded days")]
                let days = (-f64::from(scroll_x) * days_per_point).round() as i64;
                span = pan_span(self.range, span, days);
            }
            if scroll_x != 0.0 || scroll_y != 0.0 {
                // The wheel zoomed the slider: nothing around it scrolls.
                ui.input_mut(|i| i.smooth_scroll_delta = egui::Vec2::ZERO);
                geometry = SliderGeometry::new(rect, span);
            }
        }
        let memory = SliderMemory {
            range: self.range,
            span,
            date: self.date,
        };
        ui.data_mut(|d| d.insert_temp(memory_id(), memory));
        // Only the milestones in view: clusters and labels are the span's.
        let ticks: Vec<Tick<'a>> = self.ticks.iter().filter(|t| span.contains(t.date)).copied().collect();
        let this = TimeSlider {
            ticks: &ticks,
            presets: Vec::new(),
            ..self
        };
        this.rail_ui(ui, &response, &geometry)
    }

    /// The span buttons; returns the span after a click.
    fn presets_ui(&self, ui: &mut Ui, span: DateRange) -> DateRange {
        let mut span = span;
        ui.horizontal(|ui| {
            ui.weak("Slider:");
            if ui
                .selectable_label(span == self.range, ALL_PRESET_LABEL)
                .on_hover_text("The whole range (scroll over the slider to zoom)")
                .clicked()
            {
                span = self.range;
            }
            for &(label, preset) in &self.presets {
                let preset = span_within(self.range, preset.start, preset.end);
                let hover = format!(
                    "{} – {}",
                    date_format::short(preset.start),
                    date_format::short(preset.end)
                );
                if ui
                    .selectable_label(span == preset, label)
                    .on_hover_text(hover)
                    .clicked()
                {
                    span = preset;
                }
            }
            if span != self.range {
                ui.weak(format!(
                    "{} – {}",
                    date_format::short(span.start),
                    date_format::short(span.end)
                ));
            }
        });
        span
    }

    /// The rail over `geometry`'s span: ticks, clicks, drags, the handle.
    fn rail_ui(&self, ui: &mut Ui, response: &Response, geometry: &SliderGeometry) -> Option<Date> {
        let xs: Vec<f32> = self.ticks.iter().map(|t| geometry.x_of(t.date)).collect();
        let clusters = cluster_ticks(&xs);
        let mut picked = None;

        let hit = response
            .hover_pos()
            .and_then(|p| cluster_near(geometry, &xs, &clusters, p));
        let hit_ticks = hit
            .and_then(|c| clusters.get(c))
            .and_then(|c| self.ticks.get(c.clone()));
        if let Some(ticks) = hit_ticks {
            response.clone().on_hover_ui_at_pointer(|ui| cluster_tooltip(ui, ticks));
        }
        if response.clicked()
            && let Some(ticks) = hit_ticks
        {
            picked = cluster_target(ticks, self.date);
        }
        if picked.is_none()
            && (response.dragged() || response.clicked())
            && let Some(p) = response.interact_pointer_pos()
        {
            picked = Some(geometry.date_at_x(p.x));
        }
        let value = self.range.days_from_start(self.date);
        if let Some(days) = accesskit_value_request(ui, response, value) {
            picked = Some(self.range.date_at(days));
        }
        #[expect(clippy::cast_precision_loss, reason = "days fit f64 exactly")]
        response.widget_info(|| WidgetInfo::slider(true, value as f64, SLIDER_LABEL));
        declare_accesskit_slider(ui, response, self.range.len_days());

        if ui.is_rect_visible(geometry.rect) {
            self.paint(ui, geometry, response, &xs, &clusters, hit);
        }
        picked.filter(|&d| d != self.date)
    }

    fn paint(
        &self,
        ui: &Ui,
        geometry: &SliderGeometry,
        response: &Response,
        xs: &[f32],
        clusters: &[Range<usize>],
        hovered: Option<usize>,
    ) {
        let painter = ui.painter_at(geometry.rect.expand(2.0));
        let visuals = ui.visuals();
        let text_color = visuals.text_color();
        let weak = visuals.weak_text_color();
        let accent = visuals.selection.bg_fill;
        let rail = geometry.rail;

        painter.rect_filled(rail, 3.0, visuals.widgets.inactive.bg_fill);
        let now_x = geometry.x_of(geometry.span.clamp(self.date));
        painter.rect_filled(
            Rect::from_min_max(rail.min, pos2(now_x, rail.max.y)),
            3.0,
            accent.linear_multiply(0.6),
        );

        // Calendar ticks below the rail over the span, thinned to fit by
        // the calendar's rule: marks at least 4 points apart, labels at
        // least 64 (years over the whole range, months zoomed in; a range
        // of ten thousand years draws a few dozen, not a black band).
        let span = geometry.span;
        #[expect(clippy::cast_precision_loss, reason = "days fit f64 exactly")]
        let days_per_point = span.len_days().max(1) as f64 / f64::from(rail.width().max(1.0));
        for tick in calendar_ticks(span.start, span.end, 4.0 * days_per_point) {
            let x = geometry.x_of(tick.date);
            painter.vline(x, rail.bottom()..=rail.bottom() + 5.0, Stroke::new(1.0, weak));
        }
        for tick in calendar_ticks(span.start, span.end, 64.0 * days_per_point) {
            let x = geometry.x_of(tick.date);
            painter.vline(x, rail.bottom()..=rail.bottom() + 5.0, Stroke::new(1.0, weak));
            painter.text(
                pos2(x, rail.bottom() + 6.0),
                Align2::CENTER_TOP,
                tick.label(),
                FontId::proportional(12.0),
                weak,
            );
        }

        // Milestone ticks above the rail, a bracket over each cluster; one
        // label per cluster in staggered rows, skipped where it would
        // collide (hover shows every title).
        let font = FontId::proportional(12.0);
        let mut labels = LabelRows::default();
        let mut placed: Vec<Option<(usize, f32)>> = vec![None; clusters.len()];
        let galleys: Vec<_> = clusters
            .iter()
            .map(|c| {
                let ticks = self.ticks.get(c.clone()).unwrap_or_default();
                painter.layout_no_wrap(cluster_label(ticks), font.clone(), weak)
            })
            .collect();
        // Labels by priority: the clusters with most milestones first (a
        // dense stretch gets its label before its neighbours take the
        // room), then by date.
        let mut order: Vec<usize> = (0..clusters.len()).collect();
        order.sort_by_key(|&c| std::cmp::Reverse(clusters[c].len()));
        for c in order {
            let (Some(&x), Some(galley)) = (xs.get(clusters[c].start), galleys.get(c)) else {
                continue;
            };
            placed[c] = labels.place(x, galley.size().x, geometry.rect.x_range());
        }
        for (c, cluster) in clusters.iter().enumerate() {
            let (Some(ticks), Some(cluster_xs)) = (self.ticks.get(cluster.clone()), xs.get(cluster.clone())) else {
                continue;
            };
            let (Some(&x), Some(&x_last)) = (cluster_xs.first(), cluster_xs.last()) else {
                continue;
            };
            let is_hovered = hovered == Some(c);
            let color = if is_hovered { text_color } else { weak };
            let width = match (is_hovered, ticks.len()) {
                (true, _) => 2.0,
                (false, 1) => 1.2,
                // Many lines a point or two apart: thin, or they merge.
                (false, _) => 0.8,
            };
            for &tx in cluster_xs {
                painter.vline(tx, rail.top() - 7.0..=rail.bottom(), Stroke::new(width, color));
            }
            if ticks.len() > 1 {
                let bracket = Rect::from_min_max(pos2(x - 1.0, rail.top() - 9.0), pos2(x_last + 1.0, rail.top() - 6.0));
                painter.rect_filled(bracket, 1.0, color);
            }
            if let Some((row, left)) = placed.get(c).copied().flatten() {
                #[expect(clippy::cast_precision_loss, reason = "two rows")]
                let y = rail.top() - 10.0 - 15.0 * (LABEL_ROWS - row) as f32;
                painter.vline(x, y + 14.0..=rail.top() - 7.0, Stroke::new(0.5, weak));
                let text = cluster_label(ticks);
                painter.text(pos2(left, y), Align2::LEFT_TOP, text, font.clone(), color);
            }
        }

        // The handle.
        let handle = Rect::from_center_size(pos2(now_x, rail.center().y), vec2(6.0, 22.0));
        let stroke = if response.has_focus() {
            Stroke::new(2.5, visuals.selection.stroke.color)
        } else {
            Stroke::new(1.0, visuals.widgets.active.fg_stroke.color)
        };
        painter.rect(handle, 2.0, accent, stroke, egui::StrokeKind::Outside);
    }
}

/// Where the slider's parts are, and the span its rail shows.
struct SliderGeometry {
    rect: Rect,
    rail: Rect,
    span: DateRange,
}

impl SliderGeometry {
    fn new(rect: Rect, span: DateRange) -> Self {
        let rail = Rect::from_min_max(
            pos2(rect.left() + RAIL_MARGIN, rect.top() + 44.0),
            pos2(rect.right() - RAIL_MARGIN, rect.top() + 52.0),
        );
        Self { rect, rail, span }
    }

    fn x_of(&self, date: Date) -> f32 {
        x_of(self.rail.x_range(), self.span, date)
    }

    fn date_at_x(&self, x: f32) -> Date {
        date_at_x(self.rail.x_range(), self.span, x)
    }
}

/// The label rows above the rail (0 = top) and the spans taken in each.
#[derive(Default)]
struct LabelRows {
    taken: [Vec<Rangef>; LABEL_ROWS],
}

impl LabelRows {
    fn is_free(&self, row: usize, span: Rangef) -> bool {
        self.taken[row].iter().all(|t| t.max < span.min || span.max < t.min)
    }

    /// A label for the tick at `x`: right of it, else left of it; in the
    /// row nearest the rail where it collides with nothing and stays within
    /// `bounds`. A label higher up needs the rows below free where its
    /// line runs down to the tick, and takes that. Returns (row, left).
    fn place(&mut self, x: f32, width: f32, bounds: Rangef) -> Option<(usize, f32)> {
        let connector = Rangef::new(x - 1.0, x + 1.0);
        for row in (0..LABEL_ROWS).rev() {
            if !(row + 1..LABEL_ROWS).all(|below| self.is_free(below, connector)) {
                continue;
            }
            for left in [x - 2.0, x + 2.0 - width] {
                let span = Rangef::new(left - 4.0, left + width + 4.0);
                let inside = bounds.min <= left && left + width <= bounds.max;
                if inside && self.is_free(row, span) {
                    self.taken[row].push(span);
                    for below in row + 1..LABEL_ROWS {
                        self.taken[below].push(connector);
                    }
                    return Some((row, left));
                }
            }
        }
        None
    }
}

/// The cluster under `pointer`: the nearest whose ticks lie within a few
/// points of it, above the rail's bottom.
fn cluster_near(geometry: &SliderGeometry, xs: &[f32], clusters: &[Range<usize>], pointer: Pos2) -> Option<usize> {
    if pointer.y > geometry.rail.bottom() + 2.0 {
        return None;
    }
    clusters
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let first = *xs.get(c.start)?;
            let last = *xs.get(c.end.checked_sub(1)?)?;
            let dx = (first - pointer.x).max(pointer.x - last).max(0.0);
            (dx <= 6.0).then_some((i, dx))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// A lone milestone's title and detail, or every milestone of a cluster.
fn cluster_tooltip(ui: &mut Ui, ticks: &[Tick<'_>]) {
    match ticks {
        [tick] => {
            ui.strong(format!("{} — {}", date_format::short(tick.date), tick.title));
            ui.label(tick.detail);
            ui.weak("Click to jump to this milestone");
        }
        _ => {
            ui.strong(cluster_label(ticks));
            for tick in ticks {
                ui.label(format!("{} — {}", date_format::short(tick.date), tick.title));
            }
            ui.weak("Click: the next of these · PageDown steps through them");
        }
    }
}

/// A screen reader (or a UI test) asking for a value, an increment or a
/// decrement of `current`; in days from the range's start.
fn accesskit_value_request(ui: &Ui, response: &Response, current: i64) -> Option<i64> {
    use egui::accesskit::{Action, ActionData};
    ui.input(|input| {
        let set = input
            .accesskit_action_requests(response.id, Action::SetValue)
            .filter_map(|request| match request.data {
                #[expect(clippy::cast_possible_truncation, reason = "a day index")]
                Some(ActionData::NumericValue(value)) if value.is_finite() => Some(value.round() as i64),
                _ => None,
            })
            .last();
        let up = input.num_accesskit_action_requests(response.id, Action::Increment);
        let down = input.num_accesskit_action_requests(response.id, Action::Decrement);
        #[expect(clippy::cast_possible_wrap, reason = "a few requests per frame")]
        let step = up as i64 - down as i64;
        set.or((step != 0).then_some(current + step))
    })
}

fn declare_accesskit_slider(ui: &Ui, response: &Response, max_days: i64) {
    ui.ctx().accesskit_node_builder(response.id, |builder| {
        use egui::accesskit::Action;
        builder.set_min_numeric_value(0.0);
        #[expect(clippy::cast_precision_loss, reason = "days fit f64 exactly")]
        builder.set_max_numeric_value(max_days as f64);
        builder.set_numeric_value_step(1.0);
        builder.add_action(Action::SetValue);
        builder.add_action(Action::Increment);
        builder.add_action(Action::Decrement);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn range() -> DateRange {
        DateRange {
            start: d("2014-08-01"),
            end: d("2027-06-30"),
        }
    }

    #[test]
    fn a_zoomed_rail_maps_its_ends_and_middle_to_the_spans_days() {
        let rail = Rangef::new(100.0, 1100.0);
        let span = DateRange {
            start: d("2024-09-27"),
            end: d("2026-12-07"),
        };
        assert_eq!(date_at_x(rail, span, 100.0), span.start);
        assert_eq!(date_at_x(rail, span, 1100.0), span.end);
        assert_eq!(
            date_at_x(rail, span, 0.0),
            span.start,
            "left of the rail: the span's start"
        );
        assert_eq!(
            date_at_x(rail, span, 600.0),
            d("2025-11-02"),
            "half of 801 days on, rounded"
        );
        let x = x_of(rail, span, d("2025-11-02"));
        assert!((x - 600.0).abs() < 1.0, "{x}");
        // A day a point and a quarter: every day has its own point, where
        // the whole range gives three days to one.
        let whole = date_at_x(rail, range(), 601.0) - date_at_x(rail, range(), 600.0);
        assert!(whole.num_days() >= 4, "{whole}");
    }

    #[test]
    fn zooming_keeps_the_day_under_the_pointer_and_stays_within_the_range() {
        let anchor = d("2025-10-01");
        let span = zoom_span(range(), range(), anchor, 0.25);
        assert!(span.contains(anchor));
        #[expect(clippy::cast_precision_loss, reason = "days fit f64 exactly")]
        let share = |r: DateRange| r.days_from_start(anchor) as f64 / r.len_days() as f64;
        let (before, after) = (share(range()), share(span));
        assert!((before - after).abs() < 0.01, "{before} vs {after}");
        assert!((span.len_days() - range().len_days() / 4).abs() <= 1, "{span:?}");

        let tight = (0..40).fold(span, |s, _| zoom_span(range(), s, anchor, 0.5));
        assert_eq!(tight.len_days(), MIN_SPAN_DAYS, "no narrower than a month");
        assert!(tight.contains(anchor));

        let out = (0..40).fold(tight, |s, _| zoom_span(range(), s, anchor, 2.0));
        assert_eq!(out, range(), "zooming out stops at the whole range");
        let edge = zoom_span(range(), range(), range().start, 0.1);
        assert_eq!(
            edge.start,
            range().start,
            "zoomed at the range's start: the span starts there"
        );
    }

    #[test]
    fn panning_and_presets_keep_the_span_within_the_range() {
        let span = span_within(range(), d("2025-01-01"), d("2025-12-31"));
        assert_eq!((span.start, span.end), (d("2025-01-01"), d("2025-12-31")));
        assert_eq!(pan_span(range(), span, 31).start, d("2025-02-01"));
        let far = pan_span(range(), span, 100_000);
        assert_eq!(far.end, range().end);
        assert_eq!(far.len_days(), span.len_days());
        let short = span_within(range(), d("2025-03-10"), d("2025-03-12"));
        assert_eq!(short.len_days(), MIN_SPAN_DAYS, "a preset is at least a month");
        assert!(short.contains(d("2025-03-11")));
        let past = span_within(range(), d("2026-01-01"), d("2099-01-01"));
        assert_eq!(past.end, range().end, "today after the range: its end");
    }
}
