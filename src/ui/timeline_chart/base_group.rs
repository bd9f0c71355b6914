//! The base group under the regions: a header that opens and closes it,
//! and, open, a band per base and track in a plot of its own that follows
//! the regions' time window (it neither zooms nor pans by itself, so the
//! wheel scrolls its rows), with the milestone lines, "today" and the
//! cursor drawn across it. It opens collapsed: the three regions are the
//! briefing's story, the bases its detail, and the map keeps its height.

use egui::accesskit::Role;
use egui::{Align2, FontId, Id, PointerButton, Pos2, Response, Sense, Shape, Stroke, Ui, WidgetInfo, pos2, vec2};
use egui_plot::{GridInput, Plot, PlotBounds, PlotResponse, PlotTransform};

use super::bands::{BandSource, GanttBands};
use super::plot::row_axis;
use super::rows::{BaseRow, row_at_y, rows_y_max};
use super::time_axis::{calendar_marks, date_from_plot_x, plot_x};
use super::{
    BASE_ROW_PX, BASE_ROWS_LABEL, BASE_ROWS_MAX_SHARE, BASES_GROUP_LABEL, ChartContent, ChartView, LABEL_FONT_SIZE,
    TimelineChart,
};
use crate::model::{Date, Milestone, PlaceKind, date_format};
use crate::render::style::ChartStyle;

impl TimelineChart<'_> {
    /// The base group's header: a disclosure triangle and "Bases"; returns
    /// whether it was clicked.
    pub(super) fn group_header_ui(&self, ui: &mut Ui, open: bool, n_rows: usize) -> bool {
        let n_bases = self.scenario.bases().count();
        let (rect, response) = ui.allocate_exact_size(vec2(ui.available_width(), 20.0), Sense::click());
        response.widget_info(|| WidgetInfo::labeled(Role::DisclosureTriangle, ui.is_enabled(), BASES_GROUP_LABEL));
        ui.ctx()
            .accesskit_node_builder(response.id, |node| node.set_expanded(open));
        let response = response.on_hover_text(if open {
            "Hide the base rows"
        } else {
            "Show a row per base and track"
        });
        if ui.is_rect_visible(rect) {
            let visuals = ui.style().interact(&response);
            let painter = ui.painter();
            let c = pos2(rect.left() + 10.0, rect.center().y);
            let points = if open {
                vec![c + vec2(-5.0, -3.0), c + vec2(5.0, -3.0), c + vec2(0.0, 4.0)]
            } else {
                vec![c + vec2(-3.0, -5.0), c + vec2(4.0, 0.0), c + vec2(-3.0, 5.0)]
            };
            painter.add(Shape::convex_polygon(points, visuals.fg_stroke.color, Stroke::NONE));
            let font = FontId::proportional(LABEL_FONT_SIZE);
            let title = painter.text(
                pos2(rect.left() + 20.0, rect.center().y),
                Align2::LEFT_CENTER,
                BASES_GROUP_LABEL,
                font.clone(),
                visuals.text_color(),
            );
            let hint =
                format!("{n_bases} bases, {n_rows} rows · lighter rows: no report of their own, their region's status");
            painter.text(
                pos2(title.right() + 10.0, rect.center().y),
                Align2::LEFT_CENTER,
                hint,
                font,
                ui.visuals().weak_text_color(),
            );
        }
        response.clicked()
    }

    /// The open base group: its rows in a plot that follows the chart's
    /// time window, scrolling past [`Self::with_base_rows_max_height`].
    pub(super) fn base_group_ui(
        &self,
        ui: &mut Ui,
        plot_id: Id,
        content: &ChartContent<'_>,
        view: &ChartView,
    ) -> Option<Date> {
        let range = self.scenario.range;
        let rows = &content.base_rows;
        #[expect(clippy::cast_precision_loss, reason = "a few dozen rows")]
        let rows_height = BASE_ROW_PX * rows.len() as f32;
        let max_height = self
            .base_rows_max_height
            .unwrap_or_else(|| ui.ctx().content_rect().height() * BASE_ROWS_MAX_SHARE)
            .max(3.0 * BASE_ROW_PX);
        let width = ui.available_width();
        let bases_id = plot_id.with("bases");
        egui::ScrollArea::vertical()
            .id_salt(plot_id.with("bases_scroll"))
            .max_height(max_height)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                let PlotResponse {
                    mut response,
                    transform,
                    ..
                } = self.base_plot(ui, bases_id, rows, [width, rows_height], view);
                response.widget_info(|| WidgetInfo::labeled(Role::Figure, ui.is_enabled(), BASE_ROWS_LABEL));
                let mut picked = None;
                if (response.clicked_by(PointerButton::Primary) || response.dragged_by(PointerButton::Primary))
                    && let Some(p) = response.interact_pointer_pos()
                {
                    picked = Some(date_from_plot_x(range, transform.value_from_position(p).x));
                    response.mark_changed();
                }
                self.paint_base_lines(ui, &transform, &content.milestones);
                if response.hovered()
                    && let Some(p) = response.hover_pos()
                {
                    self.base_tooltip(response, rows, &transform, p);
                }
                picked
            })
            .inner
    }

    /// The base rows' plot: bands and labels only; x set from the chart's
    /// view each frame, so it neither zooms nor pans by itself and the
    /// wheel scrolls the rows.
    fn base_plot(&self, ui: &mut Ui, id: Id, rows: &[BaseRow], size: [f32; 2], view: &ChartView) -> PlotResponse<()> {
        let range = self.scenario.range;
        let y_max = rows_y_max(rows.len());
        let [x_min, x_max] = view.x_bounds;
        let font = FontId::proportional(LABEL_FONT_SIZE);
        let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
        let (row_marks, y_axis) = row_axis(labels, font, view.axis_width);
        let sources: Vec<BandSource<'_>> = rows
            .iter()
            .map(|r| BandSource {
                spans: &r.spans,
                base: true,
                faded: r.follows_region,
            })
            .collect();
        let bands = GanttBands::new(self.scenario, &sources, "base bands");
        Plot::new("timeline_chart_bases")
            .id(id)
            .width(size[0])
            .height(size[1] + 4.0)
            .default_x_bounds(x_min, x_max)
            .default_y_bounds(-0.5, y_max)
            .allow_zoom(false)
            .allow_scroll(false)
            .allow_drag(false)
            .allow_boxed_zoom(false)
            .allow_double_click_reset(false)
            .show_x(false)
            .show_y(false)
            .show_grid([true, false])
            .custom_x_axes(vec![])
            .custom_y_axes(vec![y_axis])
            .x_grid_spacer(move |input: GridInput| calendar_marks(range, input.bounds, input.base_step_size))
            .y_grid_spacer(move |_| row_marks.clone())
            .show(ui, move |plot_ui| {
                plot_ui.set_plot_bounds(PlotBounds::from_min_max([x_min, -0.5], [x_max, y_max]));
                plot_ui.add(bands);
            })
    }

    /// Milestone lines, "today" and the cursor across the base rows, as in
    /// the regions' part.
    fn paint_base_lines(&self, ui: &Ui, transform: &PlotTransform, milestones: &[&Milestone]) {
        let frame = *transform.frame();
        let range = self.scenario.range;
        let visuals = ui.visuals();
        let painter = ui.painter().with_clip_rect(ui.clip_rect().intersect(frame.expand(1.0)));
        let x_of = |d: Date| transform.position_from_point_x(plot_x(range, d));
        let line_opacity = ChartStyle::STANDARD.base_milestone_line_opacity;
        for m in milestones {
            painter.vline(
                x_of(m.date),
                frame.y_range(),
                Stroke::new(1.0, visuals.text_color().gamma_multiply(line_opacity)),
            );
        }
        let strong = visuals.strong_text_color();
        if let Some(today) = self.today.filter(|d| range.contains(*d)) {
            let x = x_of(today);
            painter.extend(Shape::dashed_line(
                &[pos2(x, frame.top()), pos2(x, frame.bottom())],
                Stroke::new(1.5, strong),
                6.0,
                4.0,
            ));
        }
        let x = x_of(self.date);
        painter.vline(x, frame.y_range(), Stroke::new(4.0, visuals.extreme_bg_color));
        painter.vline(x, frame.y_range(), Stroke::new(2.0, strong));
    }

    fn base_tooltip(&self, response: Response, rows: &[BaseRow], transform: &PlotTransform, pointer: Pos2) {
        let range = self.scenario.range;
        let value = transform.value_from_position(pointer);
        let date = date_from_plot_x(range, value.x);
        let Some(row) = row_at_y(rows.len(), value.y).and_then(|i| rows.get(i)) else {
            return;
        };
        let s = self.scenario;
        response.on_hover_ui_at_pointer(|ui| {
            ui.strong(date_format::short(date));
            ui.label(&row.label);
            if let Some(period) = s.base_period_on(row.track, row.place, date) {
                let to = period.to.map_or_else(|| "…".to_owned(), date_format::short);
                let status = s.status(period.status).label_for(PlaceKind::Base);
                ui.label(format!("{status}: {} – {to}", date_format::short(period.from)));
                if row.follows_region {
                    let region = s
                        .place(row.place)
                        .region
                        .map_or("its region", |r| s.region(r).name.as_str());
                    ui.weak(format!("No report of its own in this track: {region}'s status"));
                } else {
                    if !period.note.is_empty() {
                        ui.weak(&period.note);
                    }
                    if let Some(disputed) = &period.disputed {
                        ui.weak(format!("Disputed: {disputed}"));
                    }
                    ui.weak(period.confidence.map_or("Confidence not stated", |c| c.label()));
                    ui.weak(format!("Source: {}", period.source));
                }
            }
            ui.separator();
            ui.weak("Click or drag: set the date · the wheel scrolls the rows; zoom in the chart above");
        });
    }
}
