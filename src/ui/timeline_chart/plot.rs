//! The regions' plot: egui_plot set up so that time zooms and pans like any
//! plot while the y axis stays put (one row per band), the wheel zooms in
//! time like the map, and the calendar ticks make the time axis. Also the
//! row axis (a label per row) that the base rows' plot shares.

use egui::{FontId, Id, PointerButton, Rangef, Ui, vec2};
use egui_plot::{AxisHints, GridInput, GridMark, Plot, PlotResponse};

use super::bands::{BandSource, GanttBands};
use super::rows::{Row, row_at_y, row_y, rows_y_max};
use super::time_axis::{calendar_label, calendar_marks, default_x_bounds};
use super::{LABEL_FONT_SIZE, TimelineChart};

/// How much one point of wheel scroll zooms (the exponent's factor).
const WHEEL_ZOOM_PER_POINT: f32 = 0.002;

impl TimelineChart<'_> {
    /// The egui_plot part: bands, axes, zoom and pan in x only.
    pub(super) fn plot(
        &self,
        ui: &mut Ui,
        plot_id: Id,
        rows: &[Row],
        height: f32,
        axis_width: f32,
    ) -> PlotResponse<()> {
        let range = self.scenario.range;
        let [x_min, x_max] = default_x_bounds(range);
        let y_max = rows_y_max(rows.len());
        let font = FontId::proportional(LABEL_FONT_SIZE);
        let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
        let (row_marks, y_axis) = row_axis(labels, font.clone(), axis_width);
        let x_axis = AxisHints::new_x()
            .formatter(move |mark, _| calendar_label(range, mark))
            .tick_label_font(font)
            .label_spacing(Rangef::new(32.0, 48.0));
        let sources: Vec<BandSource<'_>> = rows
            .iter()
            .map(|r| BandSource {
                spans: &r.spans,
                base: false,
                faded: false,
            })
            .collect();
        let bands = GanttBands::new(self.scenario, &sources, "bands");

        Plot::new("timeline_chart_plot")
            .id(plot_id)
            .height(height)
            .default_x_bounds(x_min, x_max)
            .default_y_bounds(-0.5, y_max)
            .allow_zoom([true, false])
            .allow_scroll([true, false])
            .allow_drag([true, false])
            .allow_axis_zoom_drag([true, false])
            .allow_boxed_zoom(false)
            .pan_pointer_button(PointerButton::Secondary)
            .allow_double_click_reset(true)
            .show_x(true)
            .show_y(false)
            .show_grid([true, false])
            .custom_x_axes(vec![x_axis])
            .custom_y_axes(vec![y_axis])
            .x_grid_spacer(move |input: GridInput| calendar_marks(range, input.bounds, input.base_step_size))
            .y_grid_spacer(move |_| row_marks.clone())
            .show(ui, move |plot_ui| {
                let response = plot_ui.response().clone();
                // Middle-drag pans too (the plot pans with the secondary button).
                if response.dragged_by(PointerButton::Middle) {
                    let delta = plot_ui.pointer_coordinate_drag_delta();
                    plot_ui.translate_bounds(vec2(-delta.x, 0.0));
                }
                // A plain scroll wheel zooms in time, like the map; consumed so
                // that a surrounding scroll area stays put.
                if response.contains_pointer() {
                    let scroll = plot_ui.ctx().input(|i| i.smooth_scroll_delta.y);
                    if scroll != 0.0 {
                        plot_ui.zoom_bounds_around_hovered(vec2((scroll * WHEEL_ZOOM_PER_POINT).exp(), 1.0));
                        plot_ui.ctx().input_mut(|i| i.smooth_scroll_delta.y = 0.0);
                    }
                }
                // y never moves, whatever the memory says.
                plot_ui.set_plot_bounds_y(-0.5..=y_max);
                plot_ui.add(bands);
            })
    }
}

/// The y axis of a band plot: a grid mark at each row and the row's label
/// beside it (region rows and base rows alike).
pub(super) fn row_axis(labels: Vec<&str>, font: FontId, min_width: f32) -> (Vec<GridMark>, AxisHints<'_>) {
    let count = labels.len();
    let marks = (0..count)
        .map(|i| GridMark {
            value: row_y(count, i),
            step_size: 1.0,
        })
        .collect();
    let axis = AxisHints::new_y()
        .formatter(move |mark, _| {
            row_at_y(count, mark.value)
                .and_then(|i| labels.get(i))
                .map(|label| (*label).to_owned())
                .unwrap_or_default()
        })
        .tick_label_font(font)
        .label_spacing(Rangef::new(8.0, 12.0))
        .min_thickness(min_width);
    (marks, axis)
}
