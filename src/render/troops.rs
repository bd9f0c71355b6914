//! Troop levels as the record reports them: each group's figures as steps
//! (a figure holds until the next one), the span they cover, the groups'
//! colours and marks, and the compact panel an exported image shows them
//! in, drawn with [`Canvas`] primitives only.
//!
//! The window shows the same series in an interactive plot
//! ([`crate::ui::troop_panel`]); both take the steps, colours and wording
//! from here, so that a slide and the screen say the same numbers.
//!
//! The panel belongs to the panels pass ([`super::PaintPass::Panels`]): it
//! marks the date, so it changes every frame, and it leaves the map under
//! it alone ([`super::BaseLayerKey`] needs nothing of it).

use chrono::Datelike as _;
use egui::{Align2, Color32, Pos2, Rect, Stroke, pos2, vec2};

use super::canvas::{Canvas, TextSpec, WorldLine};
use super::layer::MapLayer;
use super::scene::{MapLayout, MapScene};
use super::style::{MapStyle, TROOP_GROUP_HUES};
use super::view::ScreenFromWorld;
use crate::model::date_format;
use crate::model::{Date, DateRange, Scenario, TroopFigure, TroopGroupIdx};

/// The panel's title (also the GUI's heading of its own panel, and the
/// layer's label).
pub const TROOP_PANEL_TITLE: &str = MapLayer::TroopLevels.label();

/// What the title adds: whose figures they are.
pub const TROOP_PANEL_SUBTITLE: &str = "as reported (US and coalition personnel)";

/// The y axis's name.
pub const TROOP_AXIS_LABEL: &str = "troops";

/// Days of room the panels leave before a group's first figure and after
/// the last.
pub const SPAN_MARGIN_DAYS: u64 = 45;

/// One step of a group's series: a figure, from its date until the next
/// figure of the group takes over.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TroopStep<'a> {
    pub figure: &'a TroopFigure,
    /// The first day of the next figure; `None` for the group's last
    /// figure: the latest on record, held for want of a newer report.
    pub until: Option<Date>,
}

/// How a group's points are marked, besides its colour (so that the lines
/// read in greyscale and on a washed-out projector).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TroopMark {
    Dot,
    Square,
    Ring,
}

/// `group`'s figures as steps, by date.
pub fn troop_steps(scenario: &Scenario, group: TroopGroupIdx) -> Vec<TroopStep<'_>> {
    let figures = scenario.troops_for(group);
    figures
        .iter()
        .enumerate()
        .map(|(i, figure)| TroopStep {
            figure,
            until: figures.get(i + 1).map(|next| next.date),
        })
        .collect()
}

/// The days the panels show by default: [`SPAN_MARGIN_DAYS`] before the
/// first figure of any group to as long after the last, within the
/// scenario's range. `None` when the scenario has no figures.
pub fn troop_span(scenario: &Scenario) -> Option<DateRange> {
    let first = scenario.troops.iter().map(|t| t.date).min()?;
    let last = scenario.troops.iter().map(|t| t.date).max()?;
    let margin = chrono::Days::new(SPAN_MARGIN_DAYS);
    let range = scenario.range;
    Some(DateRange {
        start: range.clamp(first.checked_sub_days(margin).unwrap_or(first)),
        end: range.clamp(last.checked_add_days(margin).unwrap_or(last)),
    })
}

/// The largest figure of any group (the top of the y axis); 0 without any.
pub fn troop_max(scenario: &Scenario) -> u32 {
    scenario.troops.iter().map(|t| t.high).max().unwrap_or(0)
}

/// The y axis's top and step: the first "nice" step (1, 2 or 5 × 10^k,
/// from 500 up) that puts the largest figure under four steps, and the
/// whole step above it (room above the highest line, few labels). Any
/// figure the loader accepts gets at most five grid lines: a fixed list
/// of steps would draw thousands of labels for a figure in the billions.
pub fn troop_axis(max: u32) -> (u64, u64) {
    let max = u64::from(max);
    let step = nice_steps(500).find(|step| max / step < 4).unwrap_or(u64::MAX / 8);
    ((max / step + 1).saturating_mul(step), step)
}

/// At most this many year marks on the time axis, whatever its span.
const MAX_YEAR_MARKS: u64 = 12;

/// The years from `first` to `last` that get a mark: every year, or every
/// 2nd, 5th, 10th… (on multiples of the step), at most
/// [`MAX_YEAR_MARKS`]: a hostile range of centuries would otherwise draw
/// a label per year.
fn year_marks(first: i32, last: i32) -> impl Iterator<Item = i32> {
    let years = u64::try_from(i64::from(last) - i64::from(first)).unwrap_or(0) + 1;
    let step = nice_steps(1).find(|step| years / step < MAX_YEAR_MARKS).unwrap_or(1);
    let step = i32::try_from(step).unwrap_or(i32::MAX);
    let below = first.div_euclid(step).saturating_mul(step);
    let first_mark = if below < first {
        below.saturating_add(step)
    } else {
        below
    };
    std::iter::successors(Some(first_mark), move |y| y.checked_add(step)).take_while(move |&y| y <= last)
}

/// A figure on the axis as a coordinate; axis values stay far below
/// 2^53, so the conversion is exact.
#[expect(clippy::cast_precision_loss, reason = "axis values (≤ 5 × 2^32) are exact in f64")]
pub fn figure_f64(value: u64) -> f64 {
    value as f64
}

/// 1, 2, 5 × 10^k from `first` (itself one of them) up, while they fit.
fn nice_steps(first: u64) -> impl Iterator<Item = u64> {
    std::iter::successors(Some(first), |&step| {
        let leading_digit = step / 10u64.pow(step.checked_ilog10().unwrap_or(0));
        if leading_digit == 2 {
            (step / 2).checked_mul(5)
        } else {
            step.checked_mul(2)
        }
    })
}

/// A group's line colour on `style`: the text colour first, then the
/// hues of [`TROOP_GROUP_HUES`].
pub fn group_color(style: &MapStyle, group: TroopGroupIdx) -> Color32 {
    match group.0 % 3 {
        0 => style.text,
        1 => TROOP_GROUP_HUES[0],
        _ => TROOP_GROUP_HUES[1],
    }
}

/// A group's point mark.
pub fn group_mark(group: TroopGroupIdx) -> TroopMark {
    match group.0 % 3 {
        0 => TroopMark::Dot,
        1 => TroopMark::Square,
        _ => TroopMark::Ring,
    }
}

/// A whole number with thousands separators: `2,500`.
pub use crate::model::number_format::thousands;

/// A figure as stated: `2,500`, or `900–1,000` for a range.
pub fn figure_text(figure: &TroopFigure) -> String {
    crate::model::number_format::figure_range(figure.low, figure.high)
}

/// The figure's value where a line is drawn: the middle of its range.
pub fn figure_mid(figure: &TroopFigure) -> f64 {
    0.5 * (f64::from(figure.low) + f64::from(figure.high))
}

/// What the panel says of a group on `date`: "900–1,000 (18 Feb 2026)",
/// or that there is no figure yet.
pub fn value_on_text(scenario: &Scenario, group: TroopGroupIdx, date: Date) -> String {
    match scenario.latest_troops(group, date) {
        Some(figure) => format!("{} ({})", figure_text(figure), date_format::short(figure.date)),
        None => "no figure yet".to_owned(),
    }
}

/// The panel's footnote on what the dashed ends mean.
pub fn held_note(last: Date) -> String {
    format!("Dashed: last figure held; none after {}", date_format::short(last))
}

/// Paints the compact troop panel of an exported image: in the info
/// column on wide areas, between the title block and the legend; in the
/// bottom-right corner of narrow ones (a half of a comparison).
pub(super) fn paint_troop_panel(scene: &MapScene<'_>, layout: &MapLayout, footer_top: f32, canvas: &mut dyn Canvas) {
    let scenario = scene.scenario;
    let Some(span) = troop_span(scenario) else {
        return;
    };
    if scenario.troop_groups.is_empty() || span.len_days() <= 0 {
        return;
    }
    let rect = troop_panel_rect(layout, footer_top, scenario.troop_groups.len());
    TroopChart {
        scene,
        span,
        u: panel_unit(layout),
    }
    .paint(rect, canvas);
}

/// Where the panel of `groups` troop groups goes. On wide areas, in the
/// info column: centred at 40 % of its height, but never higher than
/// `TITLE_RESERVE` below its top (a title block with a two-line phase
/// and a milestone) nor lower than `LEGEND_RESERVE` above its bottom.
/// Else a box in the bottom-right corner above `footer_top`.
pub fn troop_panel_rect(layout: &MapLayout, footer_top: f32, groups: usize) -> Rect {
    let u = panel_unit(layout);
    let height = panel_height(u, groups);
    let column = layout.panel_rect;
    if column.width() > 0.0 {
        let lu = layout.unit;
        let centred = column.top() + 0.4 * column.height() - 0.5 * height;
        let top = centred
            .max(column.top() + TITLE_RESERVE * lu)
            .min(column.bottom() - LEGEND_RESERVE * lu - height);
        Rect::from_min_size(pos2(column.left(), top), vec2(column.width(), height))
    } else {
        let width = (layout.rect.width() * 0.5)
            .max(30.0 * u)
            .min(layout.rect.width() - 3.2 * u);
        let bottom = footer_top.min(layout.rect.bottom()) - 0.6 * u;
        Rect::from_min_max(
            pos2(layout.rect.right() - 1.6 * u - width, bottom - height),
            pos2(layout.rect.right() - 1.6 * u, bottom),
        )
    }
}

/// The title block's height that the panel keeps clear of, layout units:
/// track, date, a phase title on two lines and a milestone line (the
/// block is [`super::panels`]'s; measured from its wording and sizes).
const TITLE_RESERVE: f32 = 20.0;

/// The legend's height that the panel keeps clear of, layout units: six
/// statuses and a row more.
const LEGEND_RESERVE: f32 = 22.0;

/// Rows of the panel, layout units: title and subtitle, the axis name, the
/// plot, its x labels, one row per group and the footnote.
const TITLE_H: f32 = 4.2;
const AXIS_NAME_H: f32 = 2.4;
const PLOT_H: f32 = 13.0;
const X_LABELS_H: f32 = 2.4;
const GROUP_ROW_H: f32 = 2.3;
const NOTE_H: f32 = 2.2;
const PAD: f32 = 1.2;

/// Text sizes, layout units.
const TITLE_SIZE: f32 = 1.75;
const LABEL_SIZE: f32 = 1.4;
const ROW_SIZE: f32 = 1.55;

/// The least layout unit the panel is drawn at, points: its smallest text
/// (1.4 units) is then 11 points, about what a projector needs to read. A
/// 1280×720 slide's unit is 7.2 points, half of a comparison's less; the
/// panel then takes a little more of the picture rather than shrink.
const LEAST_UNIT: f32 = 8.0;

/// The panel's layout unit in `layout`.
fn panel_unit(layout: &MapLayout) -> f32 {
    layout.unit.max(LEAST_UNIT)
}

fn panel_height(u: f32, groups: usize) -> f32 {
    #[expect(clippy::cast_precision_loss, reason = "a handful of groups")]
    let rows = groups as f32;
    u * (2.0 * PAD + TITLE_H + AXIS_NAME_H + PLOT_H + X_LABELS_H + GROUP_ROW_H * rows + NOTE_H)
}

/// The panel's drawing: one layout unit `u`, the days `span`.
struct TroopChart<'a> {
    scene: &'a MapScene<'a>,
    span: DateRange,
    u: f32,
}

impl TroopChart<'_> {
    fn text<'t>(&self, text: &'t str, size: f32, color: Color32) -> TextSpec<'t> {
        TextSpec {
            text,
            size: size * self.u,
            color,
            halo: None,
            wrap_width: None,
            max_rows: None,
        }
    }

    fn paint(&self, rect: Rect, canvas: &mut dyn Canvas) {
        let (style, u) = (self.scene.style, self.u);
        let scenario = self.scene.scenario;
        canvas.rect(rect, 0.8 * u, style.panel_fill, style.panel_border);
        let inner = rect.shrink(PAD * u).shrink2(vec2(0.3 * u, 0.0));

        let title = self.text(TROOP_PANEL_TITLE, TITLE_SIZE, style.text);
        let title_rect = canvas.text(&title, inner.left_top(), Align2::LEFT_TOP);
        let subtitle = self.text(TROOP_PANEL_SUBTITLE, LABEL_SIZE, style.muted_text);
        let subtitle_rect = canvas.text(
            &subtitle,
            pos2(inner.left(), title_rect.bottom() + 0.2 * u),
            Align2::LEFT_TOP,
        );

        let (y_top, y_step) = troop_axis(troop_max(scenario));
        let label_size = LABEL_SIZE;
        let top_label = canvas.measure(&self.text(&thousands(y_top), label_size, style.muted_text));
        // Below the subtitle: the axis name, then half the top figure,
        // which is centred on the plot's top edge.
        let plot_top = (subtitle_rect.bottom() + 0.6 * u + 1.5 * top_label.y + 0.3 * u)
            .max(inner.top() + (TITLE_H + AXIS_NAME_H) * u);
        let plot_bottom = inner.top() + (TITLE_H + AXIS_NAME_H + PLOT_H) * u;
        let plot = Rect::from_min_max(
            pos2(inner.left() + top_label.x + 0.8 * u, plot_top),
            pos2(inner.right() - 0.6 * u, plot_bottom.max(plot_top + 4.0 * u)),
        );
        let axes = Axes {
            plot,
            span: self.span,
            y_top: figure_f64(y_top),
        };
        self.paint_grid(&axes, y_step, label_size, canvas);
        for (g, _) in scenario.troop_groups.iter().enumerate() {
            self.paint_group(&axes, TroopGroupIdx(g), canvas);
        }
        self.paint_date(&axes, canvas);

        let names_w = scenario
            .troop_groups
            .iter()
            .map(|g| canvas.measure(&self.text(&g.name, ROW_SIZE, style.text)).x)
            .fold(0.0_f32, f32::max);
        let value_x = inner.left() + 3.2 * u + names_w + 1.2 * u;
        let mut y = plot.bottom() + X_LABELS_H * u;
        for (g, group) in scenario.troop_groups.iter().enumerate() {
            self.paint_group_row(TroopGroupIdx(g), &group.name, pos2(inner.left(), y), value_x, canvas);
            y += GROUP_ROW_H * u;
        }
        if let Some(last) = scenario.troops.iter().map(|t| t.date).max() {
            let note = held_note(last);
            canvas.text(
                &self.text(&note, LABEL_SIZE, style.muted_text),
                pos2(inner.left(), y + 0.4 * u),
                Align2::LEFT_TOP,
            );
        }
    }

    /// Horizontal lines at each y step with their figures, the axis name,
    /// and a mark with the year at each 1 January of the span.
    fn paint_grid(&self, axes: &Axes, y_step: u64, label_size: f32, canvas: &mut dyn Canvas) {
        let (style, u) = (self.scene.style, self.u);
        let plot = axes.plot;
        let grid = style.panel_border.color;
        let (y_top, _) = troop_axis(troop_max(self.scene.scenario));
        let lines = y_top / y_step.max(1);
        for value in (0..=lines).map(|i| i * y_step) {
            let y = axes.y_of(figure_f64(value));
            let width = if value == 0 { 0.15 * u } else { 0.08 * u };
            canvas.rect(
                Rect::from_min_max(pos2(plot.left(), y - 0.5 * width), pos2(plot.right(), y + 0.5 * width)),
                0.0,
                if value == 0 { style.muted_text } else { grid },
                Stroke::NONE,
            );
            let text = thousands(value);
            canvas.text(
                &self.text(&text, label_size, style.muted_text),
                pos2(plot.left() - 0.6 * u, y),
                Align2::RIGHT_CENTER,
            );
        }
        // Above the figures' column: the top figure is centred on the
        // plot's top edge, so the name sits a half line higher.
        let label_h = canvas
            .measure(&self.text(TROOP_AXIS_LABEL, label_size, style.muted_text))
            .y;
        canvas.text(
            &self.text(TROOP_AXIS_LABEL, label_size, style.muted_text),
            pos2(plot.left() - 0.6 * u, plot.top() - 0.5 * label_h - 0.3 * u),
            Align2::RIGHT_BOTTOM,
        );
        for year in year_marks(self.span.start.year(), self.span.end.year()) {
            let Some(jan1) = Date::from_ymd_opt(year, 1, 1) else {
                continue;
            };
            if !self.span.contains(jan1) {
                continue;
            }
            let x = axes.x_of(jan1);
            canvas.rect(
                Rect::from_min_max(
                    pos2(x - 0.05 * u, plot.top()),
                    pos2(x + 0.05 * u, plot.bottom() + 0.5 * u),
                ),
                0.0,
                grid,
                Stroke::NONE,
            );
            canvas.text(
                &self.text(&year.to_string(), label_size, style.muted_text),
                pos2(x, plot.bottom() + 0.6 * u),
                Align2::CENTER_TOP,
            );
        }
    }

    /// A group's bands (low to high), its step line, the held-over last
    /// figure dashed, and a mark at each figure.
    fn paint_group(&self, axes: &Axes, group: TroopGroupIdx, canvas: &mut dyn Canvas) {
        let (style, u) = (self.scene.style, self.u);
        let color = group_color(style, group);
        let steps = troop_steps(self.scene.scenario, group);
        let line_w = 0.3 * u;
        let stroke = Stroke::new(line_w, color);
        let flip = ScreenFromWorld {
            scale: 1.0,
            origin: Pos2::ZERO,
        };
        let end_x = axes.plot.right();
        let mut solid: Vec<Pos2> = Vec::new();
        for step in &steps {
            let x0 = axes.x_of(step.figure.date).max(axes.plot.left());
            let x1 = step.until.map_or(end_x, |d| axes.x_of(d)).min(end_x);
            if x1 < x0 {
                continue;
            }
            let (lo, hi) = (
                axes.y_of(f64::from(step.figure.low)),
                axes.y_of(f64::from(step.figure.high)),
            );
            if hi < lo {
                canvas.rect(
                    Rect::from_min_max(pos2(x0, hi), pos2(x1, lo)),
                    0.0,
                    color.gamma_multiply(0.22),
                    Stroke::NONE,
                );
            }
            let y = axes.y_of(figure_mid(step.figure));
            // World space is y up: the flip maps (x, -y) back to the screen.
            solid.push(pos2(x0, -y));
            match step.until {
                Some(_) => solid.push(pos2(x1, -y)),
                None => {
                    canvas.stroke_world(WorldLine::unkeyed(&solid), false, &flip, stroke);
                    let held = [pos2(x0, -y), pos2(x1, -y)];
                    canvas.stroke_world_dashed(WorldLine::unkeyed(&held), &flip, stroke, [0.9 * u, 0.6 * u]);
                    solid.clear();
                }
            }
        }
        if solid.len() > 1 {
            canvas.stroke_world(WorldLine::unkeyed(&solid), false, &flip, stroke);
        }
        for step in &steps {
            let at = pos2(axes.x_of(step.figure.date), axes.y_of(figure_mid(step.figure)));
            if axes.plot.x_range().contains(at.x) {
                paint_mark(canvas, group_mark(group), at, 0.6 * u, color, style.panel_fill);
            }
        }
    }

    /// The date: a line across the plot, at its edge (dashed) when the
    /// date lies outside the span.
    fn paint_date(&self, axes: &Axes, canvas: &mut dyn Canvas) {
        let (style, u) = (self.scene.style, self.u);
        let date = self.scene.date;
        let x = axes.x_of(self.span.clamp(date));
        let stroke = Stroke::new(0.25 * u, style.text);
        let flip = ScreenFromWorld {
            scale: 1.0,
            origin: Pos2::ZERO,
        };
        let line = [pos2(x, -axes.plot.top()), pos2(x, -axes.plot.bottom())];
        if self.span.contains(date) {
            canvas.stroke_world(WorldLine::unkeyed(&line), false, &flip, stroke);
        } else {
            canvas.stroke_world_dashed(WorldLine::unkeyed(&line), &flip, stroke, [0.6 * u, 0.5 * u]);
        }
    }

    /// "● Iraq   2,000 (30 Sep 2025)": the group's mark, name and its
    /// latest figure on the date.
    fn paint_group_row(&self, group: TroopGroupIdx, name: &str, at: Pos2, value_x: f32, canvas: &mut dyn Canvas) {
        let (style, u) = (self.scene.style, self.u);
        let color = group_color(style, group);
        let centre_y = at.y + 0.5 * GROUP_ROW_H * u;
        canvas.rect(
            Rect::from_center_size(pos2(at.x + 1.2 * u, centre_y), vec2(2.4 * u, 0.3 * u)),
            0.0,
            color,
            Stroke::NONE,
        );
        paint_mark(
            canvas,
            group_mark(group),
            pos2(at.x + 1.2 * u, centre_y),
            0.6 * u,
            color,
            style.panel_fill,
        );
        canvas.text(
            &self.text(name, ROW_SIZE, style.text),
            pos2(at.x + 3.2 * u, centre_y),
            Align2::LEFT_CENTER,
        );
        let value = value_on_text(self.scene.scenario, group, self.scene.date);
        canvas.text(
            &self.text(&value, ROW_SIZE, style.text),
            pos2(value_x, centre_y),
            Align2::LEFT_CENTER,
        );
    }
}

/// A point's mark: a dot, a square or a ring of radius `r`.
fn paint_mark(canvas: &mut dyn Canvas, mark: TroopMark, at: Pos2, r: f32, color: Color32, ground: Color32) {
    let edge = Stroke::new(0.12 * r.max(1.0), ground);
    match mark {
        TroopMark::Dot => canvas.circle(at, r, color, edge),
        TroopMark::Square => canvas.rect(Rect::from_center_size(at, vec2(1.7 * r, 1.7 * r)), 0.0, color, edge),
        TroopMark::Ring => canvas.circle(at, r, ground, Stroke::new(0.45 * r, color)),
    }
}

/// The plot's mapping from (date, troops) to screen points.
struct Axes {
    plot: Rect,
    span: DateRange,
    y_top: f64,
}

impl Axes {
    fn x_of(&self, date: Date) -> f32 {
        let days = self.span.len_days().max(1);
        #[expect(clippy::cast_precision_loss, reason = "day counts fit f32 well enough for points")]
        let t = self.span.days_from_start(date) as f32 / days as f32;
        self.plot.left() + t * self.plot.width()
    }

    fn y_of(&self, troops: f64) -> f32 {
        let t = if self.y_top > 0.0 { troops / self.y_top } else { 0.0 };
        #[expect(clippy::cast_possible_truncation, reason = "screen coordinates")]
        let y = self.plot.bottom() - (t as f32) * self.plot.height();
        y
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_separated_and_ranges_joined() {
        assert_eq!(thousands(0_u32), "0");
        assert_eq!(thousands(900_u32), "900");
        assert_eq!(thousands(1000_u32), "1,000");
        assert_eq!(thousands(25_000_u32), "25,000");
        assert_eq!(thousands(1_234_567_u32), "1,234,567");
    }

    #[test]
    fn the_axis_rounds_up_to_a_whole_step() {
        assert_eq!(troop_axis(2500), (3000, 1000));
        assert_eq!(troop_axis(1900), (2000, 500));
        assert_eq!(troop_axis(0), (500, 500));
        assert_eq!(troop_axis(12_000), (15_000, 5000));
        assert_eq!(troop_axis(2000), (3000, 1000), "a figure on a step gets room above");
    }

    #[test]
    fn the_axis_keeps_nice_steps_and_few_lines_at_any_magnitude() {
        assert_eq!(troop_axis(10_000_000), (15_000_000, 5_000_000));
        assert_eq!(troop_axis(150_000), (200_000, 50_000));
        for max in [0, 499, 500, 9_999, 123_456, 10_000_000, 999_999_999, u32::MAX] {
            let (top, step) = troop_axis(max);
            let lines = top / step + 1;
            assert!(top > u64::from(max), "{max}: the top {top} is above the largest figure");
            assert!(lines <= 5, "{max}: {lines} grid lines");
            let leading = step / 10u64.pow(step.ilog10());
            assert!(
                [1, 2, 5].contains(&leading) && step % 10u64.pow(step.ilog10()) == 0,
                "{max}: step {step}"
            );
        }
    }

    #[test]
    fn year_marks_are_every_year_on_short_spans_and_few_on_long_ones() {
        assert_eq!(year_marks(2024, 2026).collect::<Vec<_>>(), [2024, 2025, 2026]);
        assert_eq!(
            year_marks(2014, 2027).collect::<Vec<_>>(),
            [2014, 2016, 2018, 2020, 2022, 2024, 2026]
        );
        let centuries: Vec<_> = year_marks(1, 9999).collect();
        assert!(centuries.len() <= 12, "{} marks", centuries.len());
        assert_eq!(centuries.first(), Some(&1000));
    }
}
