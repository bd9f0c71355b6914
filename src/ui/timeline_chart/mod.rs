//! The timeline chart: a Gantt of the scenario under the map. One band per
//! (region, track), each period filled with its status colour; milestone
//! lines with labels; incident ticks; a cursor at the current date; a
//! dashed "today" line.
//!
//! Below the regions, a group of base rows ("Bases", collapsed when the
//! chart opens: the three regions are the briefing's story, the bases its
//! detail, and the map keeps its height). Its header toggles it; expanded,
//! it shows a band per base and track, in the base's own status, or, where
//! the base has no report of its own in a track, its region's drawn lighter
//! and labelled "(region)". The rows scroll (the wheel over them scrolls)
//! once they would take more than a fifth or so of the window; they follow
//! the chart's time window. Whether the group is open is widget memory.
//!
//! Built on egui_plot so that time zooms and pans like any plot; the y axis
//! is fixed (one row per band). A throwaway builder like
//! [`super::time_slider::TimeSlider`]: the date lives in the app, the chart
//! returns the date the user clicked or dragged to.
//!
//! Interaction (also in the chart's hover hint):
//! - primary click or drag in the bands: set the date;
//! - click a milestone label above the bands: jump to that milestone;
//! - scroll wheel, Ctrl+scroll or pinch: zoom in time around the pointer;
//! - right- or middle-drag, Shift+scroll or a sideways swipe: pan in time;
//! - double-click: reset the zoom to the scenario's range;
//! - hover an incident tick (a small mark on the strip's edge): what,
//!   when, the source; click it: go to its date.
//!
//! This file is the widget: the builder, its `ui`, and what the pointer
//! does. Each concept it draws on has a file of its own:
//!
//! - `rows.rs`: which rows, in what order, and their screen-reader summary;
//! - `time_axis.rs`: plot x ↔ date ↔ screen x, and the calendar ticks
//!   ([`crate::ui::calendar_ticks`]) as grid marks;
//! - `window.rs`: the time window's limits and its state in egui memory;
//! - `plot.rs`: the regions' egui_plot and the row axis;
//! - `bands.rs`: the status bands;
//! - `overlay.rs`: milestone lines, "today" and the cursor over the plot;
//! - `milestone_labels.rs`: where the strip's labels go, none over another;
//! - `incident_ticks.rs`: the incident ticks on the strip;
//! - `base_group.rs`: the base rows under the regions.

mod bands;
mod base_group;
mod incident_ticks;
mod milestone_labels;
mod overlay;
mod plot;
mod rows;
mod time_axis;
mod window;

use egui::accesskit::Role;
use egui::{FontId, Id, IdSalt, PointerButton, Pos2, Response, Sense, Ui, WidgetInfo, vec2};
use egui_plot::{PlotResponse, PlotTransform};

pub use rows::{BaseRow, Row, base_rows, base_summary, rows, summary};
#[cfg(feature = "testing")]
pub use rows::{FOLLOWS_REGION_SUFFIX, RowSpan};
pub use time_axis::{calendar_label, calendar_marks, date_from_plot_x, plot_x};
#[cfg(feature = "testing")]
pub use time_axis::{default_x_bounds, screen_x};
#[cfg(feature = "testing")]
pub use window::{MIN_VIEW_DAYS, clamp_view_x};
pub use window::{clamp_stored_view, reset_view_on_range_change};

use crate::model::{Date, Incident, Milestone, Scenario, TrackIdx, date_format};
use incident_ticks::incident_tooltip;
use overlay::{Overlay, milestone_tooltip};
use rows::row_at_y;

/// Accessible name of the chart (screen readers, UI tests).
pub const CHART_LABEL: &str = "Timeline chart";

/// Accessible name of the base group's header (a disclosure triangle).
pub const BASES_GROUP_LABEL: &str = "Bases";

/// Accessible name of the base rows' plot, when the group is open.
pub const BASE_ROWS_LABEL: &str = "Timeline chart, bases";

/// Row pitch of the base rows, points.
pub const BASE_ROW_PX: f32 = 18.0;

/// The share of the window's height the open base rows take at most before
/// they scroll: about a dozen rows on a 1080-point window, and the map
/// keeps most of its height.
pub const BASE_ROWS_MAX_SHARE: f32 = 0.22;

/// Height of the strip above the bands that holds milestone labels, the
/// cursor's date and "today".
pub const LABEL_STRIP_HEIGHT: f32 = 36.0;

/// Shown in the hover tooltip: how the chart reacts to the pointer.
pub const INTERACTION_HINT: &str = "Click or drag: set the date · click a milestone label: jump to it\n\
     Scroll or Ctrl+scroll: zoom in time · right/middle-drag or Shift+scroll: pan · double-click: reset zoom";

/// Text size of the strip's labels and the axes' ticks, points.
const LABEL_FONT_SIZE: f32 = 12.0;

#[must_use = "call .ui(ui) to show the chart"]
pub struct TimelineChart<'a> {
    scenario: &'a Scenario,
    date: Date,
    tracks: Option<&'a [TrackIdx]>,
    today: Option<Date>,
    height: Option<f32>,
    base_rows_max_height: Option<f32>,
    id_salt: IdSalt,
}

/// Where the regions' plot ended up this frame: the base rows line up
/// with it.
struct ChartView {
    /// The plot's time window, plot x.
    x_bounds: [f64; 2],
    /// The y axis's width, points.
    axis_width: f32,
}

/// What one frame of the chart works from: its rows, the milestones and
/// incidents it marks, whether the base group is open.
struct ChartContent<'c> {
    rows: Vec<Row>,
    base_rows: Vec<BaseRow>,
    bases_open: bool,
    milestones: Vec<&'c Milestone>,
    incidents: &'c [Incident],
}

impl<'a> TimelineChart<'a> {
    pub fn new(scenario: &'a Scenario, date: Date) -> Self {
        Self {
            scenario,
            date,
            tracks: None,
            today: None,
            height: None,
            base_rows_max_height: None,
            id_salt: IdSalt::new("timeline_chart"),
        }
    }

    /// Which tracks get bands, in this order within each region (default:
    /// all). Milestones of other tracks are left out too.
    #[cfg(feature = "testing")]
    pub fn with_tracks(mut self, tracks: &'a [TrackIdx]) -> Self {
        self.tracks = Some(tracks);
        self
    }

    /// The day to mark "today" (dashed); none if `None` or outside the range.
    /// Passed in so that the chart never reads the clock.
    pub fn with_today(mut self, today: Option<Date>) -> Self {
        self.today = today;
        self
    }

    /// Height of the regions' part, label strip and time axis included.
    /// Default: about 20 px per row. The base group adds its header and,
    /// open, its rows.
    #[cfg(feature = "testing")]
    pub fn with_height(mut self, height: f32) -> Self {
        self.height = Some(height);
        self
    }

    /// The most the open base group's rows take before they scroll.
    /// Default: [`BASE_ROWS_MAX_SHARE`] of the window's height.
    // Only tests set it; the base group's docs name it.
    #[cfg(any(feature = "testing", doc))]
    pub fn with_base_rows_max_height(mut self, height: f32) -> Self {
        self.base_rows_max_height = Some(height);
        self
    }

    /// Shows the chart; returns the date the user picked this frame (only
    /// if it differs from the current one).
    pub fn ui(self, ui: &mut Ui) -> Option<Date> {
        let all_tracks: Vec<TrackIdx> = (0..self.scenario.tracks.len()).map(TrackIdx).collect();
        let tracks = self.tracks.unwrap_or(&all_tracks);
        let plot_id = ui.make_persistent_id(self.id_salt);
        let open_id = plot_id.with("bases_open");
        let content = ChartContent {
            rows: rows(self.scenario, tracks),
            base_rows: base_rows(self.scenario, tracks),
            bases_open: ui.data(|d| d.get_temp::<bool>(open_id)).unwrap_or(false),
            milestones: self
                .scenario
                .milestones
                .iter()
                .filter(|m| m.shown_with(tracks))
                .collect(),
            incidents: &self.scenario.incidents,
        };
        ui.vertical(|ui| {
            let (picked, view) = self.chart_ui(ui, plot_id, &content);
            let mut picked_in_bases = None;
            if !content.base_rows.is_empty() {
                if self.group_header_ui(ui, content.bases_open, content.base_rows.len()) {
                    ui.data_mut(|d| d.insert_temp(open_id, !content.bases_open));
                } else if content.bases_open {
                    picked_in_bases = self.base_group_ui(ui, plot_id, &content, &view);
                }
            }
            picked.or(picked_in_bases)
        })
        .inner
        .filter(|&d| d != self.date)
    }

    /// The regions' part: label strip, bands, axis, overlays. Returns the
    /// date picked and where the plot's frame and time window ended up
    /// (the base rows follow them).
    fn chart_ui(&self, ui: &mut Ui, plot_id: Id, content: &ChartContent<'_>) -> (Option<Date>, ChartView) {
        let range = self.scenario.range;
        let rows = &content.rows;
        let milestones = &content.milestones[..];
        #[expect(clippy::cast_precision_loss, reason = "a handful of rows")]
        let n_rows = rows.len() as f32;
        let height = self
            .height
            .unwrap_or(LABEL_STRIP_HEIGHT + 24.0 + 20.0 * n_rows.max(1.0));
        let width = ui.available_width();
        let (strip_rect, strip_response) = ui.allocate_exact_size(vec2(width, LABEL_STRIP_HEIGHT), Sense::click());
        let axis_width = self.axis_width(ui, content);

        let PlotResponse {
            mut response,
            transform,
            ..
        } = {
            reset_view_on_range_change(ui, plot_id, range);
            self.plot(ui, plot_id, rows, (height - LABEL_STRIP_HEIGHT).max(48.0), axis_width)
        };
        let frame = *transform.frame();

        let overlay = Overlay {
            strip: strip_rect,
            transform: &transform,
            range,
            milestones,
            incidents: content.incidents,
        };
        let labels = overlay.place_labels(ui, self.date, self.today);
        let pointer = ui.input(|i| i.pointer.hover_pos());
        let hovered_incidents = pointer.map(|p| overlay.incidents_near(p)).unwrap_or_default();
        let hovered_milestone = pointer
            .filter(|_| hovered_incidents.is_empty())
            .and_then(|p| overlay.milestone_near(&labels, p));

        let mut picked = None;
        if strip_response.clicked() {
            if let Some(first) = hovered_incidents.first() {
                picked = Some(first.date);
            } else if let Some(i) = hovered_milestone {
                picked = milestones.get(i).map(|m| m.date);
            }
        }
        if (response.clicked_by(PointerButton::Primary) || response.dragged_by(PointerButton::Primary))
            && let Some(p) = response.interact_pointer_pos()
        {
            picked = Some(date_from_plot_x(range, transform.value_from_position(p).x));
        }
        if picked.is_some() {
            response.mark_changed();
        }
        clamp_stored_view(ui, plot_id, range);

        let shown = picked.unwrap_or(self.date);
        response.widget_info(|| {
            let mut text = summary(self.scenario, rows, shown);
            if content.bases_open {
                text.push_str(&base_summary(self.scenario, &content.base_rows, shown));
            }
            WidgetInfo {
                current_text_value: Some(text),
                ..WidgetInfo::labeled(Role::Figure, ui.is_enabled(), CHART_LABEL)
            }
        });

        if ui.is_rect_visible(strip_rect.union(frame)) {
            overlay.paint(ui, &labels, self.date, self.today, hovered_milestone);
            overlay.paint_incidents(ui, &hovered_incidents);
        }
        if !hovered_incidents.is_empty() {
            incident_tooltip(&strip_response, self.scenario, &hovered_incidents);
        } else if let Some(i) = hovered_milestone {
            let target = if strip_response.hovered() {
                strip_response
            } else {
                response
            };
            milestone_tooltip(target, milestones.get(i).copied());
        } else if response.hovered()
            && let Some(p) = pointer
        {
            self.band_tooltip(response, rows, &transform, p);
        }
        let bounds = transform.bounds();
        let view = ChartView {
            x_bounds: [bounds.min()[0], bounds.max()[0]],
            axis_width,
        };
        (picked, view)
    }

    /// The y axis's width: the widest label of the regions' rows and the
    /// bases' (whether the group is open or not, so that opening it does
    /// not move the time axis).
    fn axis_width(&self, ui: &Ui, content: &ChartContent<'_>) -> f32 {
        let font = FontId::proportional(LABEL_FONT_SIZE);
        let labels = content
            .rows
            .iter()
            .map(|r| &r.label)
            .chain(content.base_rows.iter().map(|r| &r.label));
        labels
            .map(|label| {
                ui.painter()
                    .layout_no_wrap(label.clone(), font.clone(), ui.visuals().text_color())
                    .size()
                    .x
            })
            .fold(0.0_f32, f32::max)
            + 12.0
    }

    /// The band under the pointer: the day, the row, its period's status,
    /// dates and note; and how the chart reacts to the pointer.
    fn band_tooltip(&self, response: Response, rows: &[Row], transform: &PlotTransform, pointer: Pos2) {
        let range = self.scenario.range;
        let value = transform.value_from_position(pointer);
        let date = date_from_plot_x(range, value.x);
        let row = row_at_y(rows.len(), value.y).and_then(|i| rows.get(i));
        response.on_hover_ui_at_pointer(|ui| {
            ui.strong(date_format::short(date));
            if let Some(row) = row {
                ui.label(&row.label);
                if let Some(period) = self.scenario.period_on(row.track, row.region, date) {
                    let to = period.to.map_or_else(|| "…".to_owned(), date_format::short);
                    let status = self.scenario.status(period.status);
                    ui.label(format!("{}: {} – {to}", status.label, date_format::short(period.from)));
                    if !period.note.is_empty() {
                        ui.weak(&period.note);
                    }
                }
            }
            ui.separator();
            ui.weak(INTERACTION_HINT);
        });
    }
}
