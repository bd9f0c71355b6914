//! The troop-levels panel: each troop group's reported figures as a step
//! line over its low–high band, a mark per figure (hover: its source,
//! note and confidence), the current date marked, and each group's latest
//! figure on that date listed below.
//!
//! Built on egui_plot, like [`super::timeline_chart`]: x is the chart's
//! own day coordinate ([`plot_x`], days since the scenario's start), so
//! its calendar marks and limits apply, and time zooms and pans the same
//! way; y is troops, from zero. A throwaway builder: the date lives in the
//! app; a click returns the day clicked.
//!
//! The steps, colours, marks and wording come from [`crate::render::troops`],
//! which also draws the exported images' panel: the screen and a slide
//! give the same numbers.

use chrono::Datelike as _;
use egui::accesskit::Role;
use egui::{Color32, IdSalt, PointerButton, Pos2, Rangef, Response, RichText, Stroke, Ui, WidgetInfo};
use egui_plot::{
    AxisHints, GridInput, Line, LineStyle, MarkerShape, Plot, PlotPoints, PlotResponse, PlotTransform, Points, Polygon,
    VLine,
};

use crate::model::date_format;
use crate::model::{Date, DateRange, Scenario, TroopFigure, TroopGroupIdx};
use crate::render::troops::{
    TROOP_AXIS_LABEL, TROOP_PANEL_SUBTITLE, TroopMark, TroopStep, figure_f64, figure_mid, figure_text, group_color,
    group_mark, held_note, thousands, troop_axis, troop_max, troop_span, troop_steps,
};
use crate::render::{MapStyle, Theme};
use crate::ui::timeline_chart::{
    calendar_label, calendar_marks, clamp_stored_view, date_from_plot_x, plot_x, reset_view_on_range_change,
};

/// Accessible name of the panel's plot (screen readers, UI tests).
pub const TROOP_PANEL_LABEL: &str = "Troop levels chart";

/// Pixels from a figure's mark within which the pointer hovers it.
const FIGURE_HOVER_PX: f32 = 10.0;

/// One group as the panel shows it on a date.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupSeries<'a> {
    pub group: TroopGroupIdx,
    pub name: &'a str,
    /// Every figure of the group, by date, and how long it held.
    pub steps: Vec<TroopStep<'a>>,
    /// The latest figure on or before the date: what the list says.
    pub on_date: Option<&'a TroopFigure>,
}

/// What the panel shows on `date`: every group, in group order.
pub fn panel_series(scenario: &Scenario, date: Date) -> Vec<GroupSeries<'_>> {
    scenario
        .troop_groups
        .iter()
        .enumerate()
        .map(|(i, group)| {
            let g = TroopGroupIdx(i);
            GroupSeries {
                group: g,
                name: &group.name,
                steps: troop_steps(scenario, g),
                on_date: scenario.latest_troops(g, date),
            }
        })
        .collect()
}

/// How old a figure of `as_of` is on `date`, in the unit a briefer
/// would say: "the day shown", "3 days earlier", "14 months earlier". A
/// figure is the latest on or before the date, so it may be long stale:
/// the list says so rather than let an old number pass for today's.
pub fn figure_age(as_of: Date, date: Date) -> String {
    let days = (date - as_of).num_days();
    if days <= 0 {
        return "the day shown".to_owned();
    }
    // Whole months: the calendar's, as a briefer counts them.
    let mut months =
        (i64::from(date.year()) - i64::from(as_of.year())) * 12 + i64::from(date.month()) - i64::from(as_of.month());
    if date.day() < as_of.day() {
        months -= 1;
    }
    match (days, months) {
        (1, _) => "1 day earlier".to_owned(),
        (_, 0) => format!("{days} days earlier"),
        (_, 1) => "1 month earlier".to_owned(),
        _ => format!("{months} months earlier"),
    }
}

/// "900–1,000, as of 30 Sep 2025, 14 months earlier": a group's latest
/// figure on `date` and how old it is.
pub fn figure_as_of(figure: &TroopFigure, date: Date) -> String {
    format!(
        "{}, as of {}, {}",
        figure_text(figure),
        date_format::short(figure.date),
        figure_age(figure.date, date)
    )
}

/// The days the plot shows before any zoom: every figure, and the date
/// (a date after the last figure, or before the first, is still in view,
/// where the held line and the date's mark tell how old the figure is).
pub fn panel_x_span(scenario: &Scenario, date: Date) -> DateRange {
    let range = scenario.range;
    let span = troop_span(scenario).unwrap_or(range);
    let date = range.clamp(date);
    DateRange {
        start: span.start.min(date),
        end: span.end.max(date),
    }
}

/// What the panel says to a screen reader: the date and each group's
/// latest figure and its age ("Syria: 900–1,000 (18 Feb 2026), 2 days
/// earlier").
pub fn panel_summary(series: &[GroupSeries<'_>], date: Date) -> String {
    let mut text = date_format::long(date);
    for s in series {
        let value = s.on_date.map_or_else(
            || "no figure yet".to_owned(),
            |f| {
                format!(
                    "{} ({}), {}",
                    figure_text(f),
                    date_format::short(f.date),
                    figure_age(f.date, date)
                )
            },
        );
        text.push_str(&format!("; {}: {value}", s.name));
    }
    text
}

#[must_use = "call .ui(ui) to show the panel"]
pub struct TroopPanel<'a> {
    scenario: &'a Scenario,
    date: Date,
    plot_height: f32,
    id_salt: IdSalt,
}

impl<'a> TroopPanel<'a> {
    pub fn new(scenario: &'a Scenario, date: Date) -> Self {
        Self {
            scenario,
            date,
            plot_height: 240.0,
            id_salt: IdSalt::new("troop_panel"),
        }
    }

    /// The plot's height, axes included (default 240 points).
    pub fn with_plot_height(mut self, height: f32) -> Self {
        self.plot_height = height;
        self
    }

    /// Shows the panel; returns the day the user clicked in the plot (only
    /// if it differs from the current one).
    pub fn ui(self, ui: &mut Ui) -> Option<Date> {
        let style = MapStyle::for_theme(if ui.visuals().dark_mode {
            Theme::Dark
        } else {
            Theme::Light
        });
        let series = panel_series(self.scenario, self.date);
        ui.vertical(|ui| {
            ui.label(RichText::new(crate::render::troops::TROOP_PANEL_TITLE).strong());
            ui.weak(TROOP_PANEL_SUBTITLE);
            let picked = if series.is_empty() {
                ui.weak("The scenario reports no troop figures.");
                None
            } else {
                self.plot_ui(ui, &style, &series)
            };
            self.list_ui(ui, &style, &series);
            if let Some(last) = self.scenario.troops.iter().map(|t| t.date).max() {
                ui.weak(held_note(last));
            }
            picked
        })
        .inner
        .filter(|&d| d != self.date)
    }

    fn plot_ui(&self, ui: &mut Ui, style: &MapStyle, series: &[GroupSeries<'_>]) -> Option<Date> {
        let range = self.scenario.range;
        let span = panel_x_span(self.scenario, self.date);
        let (x_min, x_max) = (plot_x(range, span.start), plot_x(range, span.end) + 1.0);
        let (y_top, _) = troop_axis(troop_max(self.scenario));
        let y_top = figure_f64(y_top);
        let plot_id = ui.make_persistent_id(self.id_salt);
        let x_axis = AxisHints::new_x().formatter(move |mark, _| calendar_label(range, mark));
        let y_axis = AxisHints::new_y()
            .label(TROOP_AXIS_LABEL)
            .formatter(|mark, _| {
                #[expect(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    reason = "rounded, clamped"
                )]
                let n = mark.value.round().clamp(0.0, f64::from(u32::MAX)) as u32;
                if mark.value < -0.5 { String::new() } else { thousands(n) }
            })
            .label_spacing(Rangef::new(16.0, 24.0));
        let date_x = plot_x(range, self.date);
        let date_color = ui.visuals().strong_text_color();
        reset_view_on_range_change(ui, plot_id, range);
        let PlotResponse {
            response, transform, ..
        } = Plot::new("troop_panel_plot")
            .id(plot_id)
            .height(self.plot_height)
            .default_x_bounds(x_min, x_max)
            .default_y_bounds(0.0, y_top)
            .allow_zoom([true, false])
            .allow_scroll([true, false])
            .allow_drag([true, false])
            .allow_boxed_zoom(false)
            .allow_double_click_reset(true)
            .show_x(false)
            .show_y(false)
            .custom_x_axes(vec![x_axis])
            .custom_y_axes(vec![y_axis])
            .x_grid_spacer(move |input: GridInput| calendar_marks(range, input.bounds, input.base_step_size))
            .show(ui, |plot_ui| {
                plot_ui.set_plot_bounds_y(0.0..=y_top);
                let right = plot_ui.plot_bounds().max()[0].max(x_max);
                for s in series {
                    add_group(plot_ui, style, s, range, right);
                }
                plot_ui.vline(VLine::new("date", date_x).color(date_color).width(2.0));
            });
        clamp_stored_view(ui, plot_id, range);

        response.widget_info(|| WidgetInfo {
            current_text_value: Some(panel_summary(series, self.date)),
            ..WidgetInfo::labeled(Role::Figure, ui.is_enabled(), TROOP_PANEL_LABEL)
        });
        let hovered = response
            .hover_pos()
            .and_then(|p| figure_near(self.scenario, series, &transform, p));
        let clicked = response
            .clicked_by(PointerButton::Primary)
            .then(|| response.interact_pointer_pos())
            .flatten()
            .map(|p| date_from_plot_x(range, transform.value_from_position(p).x));
        if let Some((group, figure)) = hovered {
            figure_tooltip(response, series, group, figure);
        }
        clicked
    }

    /// Each group's mark, name and latest figure on the date.
    fn list_ui(&self, ui: &mut Ui, style: &MapStyle, series: &[GroupSeries<'_>]) {
        ui.label(format!("On {}:", date_format::short(self.date)));
        egui::Grid::new(ui.make_persistent_id(self.id_salt).with("list"))
            .num_columns(2)
            .spacing([12.0, 2.0])
            .show(ui, |ui| {
                for s in series {
                    let color = group_color(style, s.group);
                    ui.horizontal(|ui| {
                        mark_ui(ui, group_mark(s.group), color);
                        ui.label(RichText::new(s.name).color(color).strong());
                    });
                    match s.on_date {
                        Some(f) => ui.label(figure_as_of(f, self.date)),
                        None => ui.weak("no figure yet"),
                    };
                    ui.end_row();
                }
            });
    }
}

/// A group's band, step line (the last figure held, dashed, to `right`)
/// and marks. x in [`plot_x`] days of `range`.
fn add_group(
    plot_ui: &mut egui_plot::PlotUi<'_>,
    style: &MapStyle,
    series: &GroupSeries<'_>,
    range: crate::model::DateRange,
    right: f64,
) {
    let color = group_color(style, series.group);
    let name = series.name;
    let mut solid: Vec<[f64; 2]> = Vec::new();
    let mut held: Option<[[f64; 2]; 2]> = None;
    for step in &series.steps {
        let x0 = plot_x(range, step.figure.date);
        let x1 = step.until.map_or(right, |d| plot_x(range, d)).max(x0);
        let mid = figure_mid(step.figure);
        let (low, high) = (f64::from(step.figure.low), f64::from(step.figure.high));
        if low < high {
            // One rectangle per step (convex, as egui fills): a band across
            // steps would slant between them.
            let corners = vec![[x0, low], [x1, low], [x1, high], [x0, high]];
            plot_ui.polygon(
                Polygon::new(format!("{name} range {}", step.figure.date), PlotPoints::from(corners))
                    .fill_color(color.gamma_multiply(0.2))
                    .stroke(Stroke::NONE)
                    .allow_hover(false),
            );
        }
        solid.push([x0, mid]);
        match step.until {
            Some(_) => solid.push([x1, mid]),
            None => held = Some([[x0, mid], [x1, mid]]),
        }
    }
    // No band aggregation: a step's two points at one x would merge into
    // a band between the steps' values.
    plot_ui.line(
        Line::new(name, PlotPoints::from(solid))
            .color(color)
            .width(2.0)
            .allow_band(false),
    );
    if let Some(held) = held {
        plot_ui.line(
            Line::new(format!("{name} held"), PlotPoints::from(held.to_vec()))
                .color(color)
                .width(2.0)
                .style(LineStyle::dashed_loose()),
        );
    }
    let points: Vec<[f64; 2]> = series
        .steps
        .iter()
        .map(|s| [plot_x(range, s.figure.date), figure_mid(s.figure)])
        .collect();
    let (shape, filled) = match group_mark(series.group) {
        TroopMark::Dot => (MarkerShape::Circle, true),
        TroopMark::Square => (MarkerShape::Square, true),
        TroopMark::Ring => (MarkerShape::Circle, false),
    };
    plot_ui.points(
        Points::new(format!("{name} figures"), PlotPoints::from(points))
            .shape(shape)
            .filled(filled)
            .radius(4.5)
            .color(color),
    );
}

/// The figure whose mark is nearest `pointer`, within [`FIGURE_HOVER_PX`].
fn figure_near<'s>(
    scenario: &'s Scenario,
    series: &[GroupSeries<'s>],
    transform: &PlotTransform,
    pointer: Pos2,
) -> Option<(TroopGroupIdx, &'s TroopFigure)> {
    let range = scenario.range;
    series
        .iter()
        .flat_map(|s| s.steps.iter().map(move |step| (s.group, step.figure)))
        .map(|(group, figure)| {
            let at = transform.position_from_point(&egui_plot::PlotPoint::new(
                plot_x(range, figure.date),
                figure_mid(figure),
            ));
            (group, figure, at.distance(pointer))
        })
        .filter(|&(_, _, d)| d <= FIGURE_HOVER_PX)
        .min_by(|a, b| a.2.total_cmp(&b.2))
        .map(|(group, figure, _)| (group, figure))
}

fn figure_tooltip(response: Response, series: &[GroupSeries<'_>], group: TroopGroupIdx, figure: &TroopFigure) {
    let name = series.iter().find(|s| s.group == group).map_or("", |s| s.name);
    response.on_hover_ui_at_pointer(|ui| {
        ui.strong(format!("{name}: {} troops", figure_text(figure)));
        ui.label(date_format::short(figure.date));
        if !figure.note.is_empty() {
            ui.label(&figure.note);
        }
        ui.weak(format!("Source: {}", figure.source));
        ui.weak(figure.confidence.map_or("Confidence not stated", |c| c.label()));
    });
}

/// A group's mark on a short line, as in the plot, for the list.
fn mark_ui(ui: &mut Ui, mark: TroopMark, color: Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(22.0, 12.0), egui::Sense::hover());
    let painter = ui.painter();
    let centre = rect.center();
    painter.hline(rect.x_range(), centre.y, egui::Stroke::new(2.0, color));
    match mark {
        TroopMark::Dot => painter.circle_filled(centre, 4.5, color),
        TroopMark::Square => {
            painter.rect_filled(egui::Rect::from_center_size(centre, egui::vec2(8.0, 8.0)), 0.0, color)
        }
        TroopMark::Ring => painter.circle(centre, 4.0, ui.visuals().panel_fill, egui::Stroke::new(2.0, color)),
    };
}
