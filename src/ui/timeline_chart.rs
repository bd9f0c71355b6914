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
//! Plot x is days since `range.start` ([`plot_x`]); a day `d` covers
//! `plot_x(d)..plot_x(d) + 1`, and the cursor sits at its start, so the
//! status right of the cursor is the one the map shows.
#![expect(clippy::disallowed_methods, reason = "moved to tokens by the chart split")]

use std::ops::RangeInclusive;

use chrono::Datelike as _;
use egui::accesskit::Role;
use egui::{
    Align2, Color32, FontId, Id, IdSalt, PointerButton, Pos2, Rangef, Rect, Response, Sense, Shape, Stroke, Ui,
    WidgetInfo, pos2, vec2,
};
use egui_plot::{
    AxisHints, GridInput, GridMark, Plot, PlotBounds, PlotGeometry, PlotItem, PlotItemBase, PlotMemory, PlotPoint,
    PlotResponse, PlotTransform,
};

use crate::model::date_format;
use crate::model::{
    Date, DateRange, Entity, Incident, Milestone, Period, PlaceIdx, PlaceKind, RegionIdx, Scenario, StatusIdx, TrackIdx,
};
use crate::render::style::color32;
use crate::ui::time_slider::{year_step, years_every};

/// Accessible name of the chart (screen readers, UI tests).
pub const CHART_LABEL: &str = "Timeline chart";

/// Accessible name of the base group's header (a disclosure triangle).
pub const BASES_GROUP_LABEL: &str = "Bases";

/// Accessible name of the base rows' plot, when the group is open.
pub const BASE_ROWS_LABEL: &str = "Timeline chart, bases";

/// What a base row's label adds when the base shows its region's status.
pub const FOLLOWS_REGION_SUFFIX: &str = "(region)";

/// Row pitch of the base rows, points.
pub const BASE_ROW_PX: f32 = 18.0;

/// The share of the window's height the open base rows take at most before
/// they scroll: about a dozen rows on a 1080-point window, and the map
/// keeps most of its height.
pub const BASE_ROWS_MAX_SHARE: f32 = 0.22;

/// Height of the strip above the bands that holds milestone labels, the
/// cursor's date and "today".
pub const LABEL_STRIP_HEIGHT: f32 = 36.0;

/// The narrowest view, in days, that zooming in can reach.
pub const MIN_VIEW_DAYS: f64 = 7.0;

/// Shown in the hover tooltip: how the chart reacts to the pointer.
pub const INTERACTION_HINT: &str = "Click or drag: set the date · click a milestone label: jump to it\n\
     Scroll or Ctrl+scroll: zoom in time · right/middle-drag or Shift+scroll: pan · double-click: reset zoom";

const LABEL_ROWS: usize = 2;
const LABEL_FONT_SIZE: f32 = 12.0;
const BAND_FONT_SIZE: f32 = 11.0;
/// Half the height of a band, in rows (1.0 = row pitch); the rest is gap.
const BAND_HALF_HEIGHT: f64 = 0.36;
/// Pixels from a milestone line within which the pointer hovers it.
const MILESTONE_HOVER_PX: f32 = 5.0;
/// Pixels from an incident tick within which the pointer hovers it.
const INCIDENT_HOVER_PX: f32 = 5.0;
/// Height of an incident tick, points: a small triangle on the strip's
/// bottom edge, pointing at the bands.
const INCIDENT_TICK_PX: f32 = 7.0;
/// How far towards the plot's ground a band's colour goes where a base
/// shows its region's status: lighter than the base's own reports, and
/// opaque, so that the grid does not stripe it.
const FOLLOWS_REGION_FADE: f32 = 0.6;
/// Incident ticks: a crimson apart from every status colour.
const INCIDENT_COLOR: Color32 = Color32::from_rgb(0xa5, 0x1c, 0x30);
/// Extra room allowed beyond the range when panning, as a fraction of it.
const PAN_MARGIN: f64 = 0.02;

/// One horizontal band of the chart: a region's periods in one track.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub region: RegionIdx,
    pub track: TrackIdx,
    /// y-axis label, e.g. "Federal Iraq · announced" (region name · track id).
    pub label: String,
    /// The track's periods for the region, in order, as the scenario has them.
    pub spans: Vec<RowSpan>,
}

/// One period of a [`Row`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RowSpan {
    pub from: Date,
    /// Last day, inclusive; `None` = open-ended.
    pub to: Option<Date>,
    pub status: StatusIdx,
}

/// The chart's rows, top to bottom: for each region, its band in each of
/// `tracks` (region-major, so that plan and report sit next to each other).
/// Tracks not in the scenario are skipped.
pub fn rows(scenario: &Scenario, tracks: &[TrackIdx]) -> Vec<Row> {
    let tracks: Vec<TrackIdx> = tracks.iter().copied().filter(|t| t.0 < scenario.tracks.len()).collect();
    let mut rows = Vec::with_capacity(scenario.regions.len() * tracks.len());
    for (r, region) in scenario.regions.iter().enumerate() {
        for &track in &tracks {
            let t = scenario.track(track);
            let spans = t.periods.get(r).map(|periods| spans_of(periods)).unwrap_or_default();
            rows.push(Row {
                region: RegionIdx(r),
                track,
                label: format!("{} · {}", region.name, t.id),
                spans,
            });
        }
    }
    rows
}

/// One band of the base group: a base's periods in one track.
#[derive(Clone, Debug, PartialEq)]
pub struct BaseRow {
    pub place: PlaceIdx,
    pub track: TrackIdx,
    /// y-axis label, e.g. "Erbil Air Base · reported", with
    /// [`FOLLOWS_REGION_SUFFIX`] where the base shows its region's status.
    pub label: String,
    /// The base has no periods of its own in this track: the spans are its
    /// region's.
    pub follows_region: bool,
    /// `periods_of(track, Entity::Base(place))`, in order.
    pub spans: Vec<RowSpan>,
}

/// The base group's rows, top to bottom: for each base (in file order),
/// its band in each of `tracks`. Tracks not in the scenario are skipped.
pub fn base_rows(scenario: &Scenario, tracks: &[TrackIdx]) -> Vec<BaseRow> {
    let tracks: Vec<TrackIdx> = tracks.iter().copied().filter(|t| t.0 < scenario.tracks.len()).collect();
    let mut rows = Vec::new();
    for (place, base) in scenario.bases() {
        for &track in &tracks {
            let follows_region = scenario.base_follows_region(track, place);
            let track_id = &scenario.track(track).id;
            let label = if follows_region {
                format!("{} · {track_id} {FOLLOWS_REGION_SUFFIX}", base.name)
            } else {
                format!("{} · {track_id}", base.name)
            };
            rows.push(BaseRow {
                place,
                track,
                label,
                follows_region,
                spans: spans_of(scenario.periods_of(track, Entity::Base(place))),
            });
        }
    }
    rows
}

fn spans_of(periods: &[Period]) -> Vec<RowSpan> {
    periods
        .iter()
        .map(|p| RowSpan {
            from: p.from,
            to: p.to,
            status: p.status,
        })
        .collect()
}

/// What the base rows add to [`summary`]: each row's status on `date`, in
/// the bases' wording ("; Erbil Air Base · reported: In use by the
/// coalition").
pub fn base_summary(scenario: &Scenario, rows: &[BaseRow], date: Date) -> String {
    let mut text = String::new();
    for row in rows {
        let status = scenario
            .base_status_on(row.track, row.place, date)
            .map_or("no data", |s| scenario.status(s).label_for(PlaceKind::Base));
        text.push_str(&format!("; {}: {status}", row.label));
    }
    text
}

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
pub fn screen_x(frame: Rect, x_bounds: [f64; 2], x: f64) -> f32 {
    let [min, max] = x_bounds;
    let t = if max > min { (x - min) / (max - min) } else { 0.0 };
    #[expect(clippy::cast_possible_truncation, reason = "screen coordinates")]
    let sx = (f64::from(frame.left()) + t * f64::from(frame.width())) as f32;
    sx
}

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

/// The largest step a year mark claims: ten thousand years.
const MAX_MARK_STEP_YEARS: i32 = 10_000;

/// Grid marks for the time axis: 1 January of every year, with larger step
/// sizes on even, 5th and 10th years so that labels thin out when zoomed out;
/// the first of each month once months are at least 8 px apart; and days
/// once days are. `min_step_days` is egui_plot's `GridInput::base_step_size`.
pub fn calendar_marks(range: DateRange, x_bounds: (f64, f64), min_step_days: f64) -> Vec<GridMark> {
    const YEAR: f64 = 365.25;
    const MONTH: f64 = 30.44;
    let (lo, hi) = x_bounds;
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo {
        return Vec::new();
    }
    let (Some(first), Some(last)) = (date_unclamped(range, lo.floor()), date_unclamped(range, hi.ceil())) else {
        return Vec::new();
    };
    let mut marks = Vec::new();
    let mut push = |date: Date, step_size: f64| {
        let value = plot_x(range, date);
        if (lo..=hi).contains(&value) {
            marks.push(GridMark { value, step_size });
        }
    };
    // Only every `stride`th year, so that however long the range the marks
    // stay some points apart (egui_plot asks for steps of at least
    // `min_step_days`): a handful hundred at most, not one per year.
    let stride = year_step(min_step_days / YEAR);
    for year in years_every(first.year(), last.year(), stride) {
        // The largest of 1, 2, 5, 10, 20, … years that divides the year:
        // 2020 outranks 2025, which outranks 2021.
        let (mut step, mut nice) = (stride, stride);
        while nice < MAX_MARK_STEP_YEARS {
            nice = year_step(f64::from(nice) + 0.5);
            if year % nice == 0 {
                step = nice;
            }
        }
        if let Some(jan1) = Date::from_ymd_opt(year, 1, 1) {
            push(jan1, f64::from(step) * YEAR);
        }
    }
    if min_step_days <= MONTH {
        let mut month = first.with_day(1);
        while let Some(m) = month.filter(|m| *m <= last) {
            let step = match m.month() {
                1 => YEAR,
                7 => YEAR / 2.0,
                4 | 10 => YEAR / 4.0,
                _ => MONTH,
            };
            if m.month() != 1 {
                push(m, step);
            }
            month = m.checked_add_months(chrono::Months::new(1));
        }
    }
    if min_step_days <= 1.0 && hi - lo <= 5000.0 {
        for day in first.iter_days().take_while(|d| *d <= last) {
            match day.day() {
                1 => {}
                8 | 15 | 22 => push(day, 7.0),
                _ => push(day, 1.0),
            }
        }
    }
    marks
}

/// The time axis label of a [`calendar_marks`] mark: "2025" for years,
/// "Oct 2025" for months, "8 Oct" for days.
pub fn calendar_label(range: DateRange, mark: GridMark) -> String {
    let Some(date) = date_unclamped(range, mark.value.round()) else {
        return String::new();
    };
    if mark.step_size >= 365.0 {
        date.year().to_string()
    } else if mark.step_size >= 28.0 {
        date_format::month_year(date)
    } else {
        date_format::day_month(date)
    }
}

/// What the chart says to a screen reader: the date and each row's status.
pub fn summary(scenario: &Scenario, rows: &[Row], date: Date) -> String {
    let mut text = date_format::long(date);
    for row in rows {
        let status = scenario
            .status_on(row.track, row.region, date)
            .map_or("no data", |s| scenario.status(s).label.as_str());
        text.push_str(&format!("; {}: {status}", row.label));
    }
    text
}

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
    pub fn with_height(mut self, height: f32) -> Self {
        self.height = Some(height);
        self
    }

    /// The most the open base group's rows take before they scroll.
    /// Default: [`BASE_ROWS_MAX_SHARE`] of the window's height.
    pub fn with_base_rows_max_height(mut self, height: f32) -> Self {
        self.base_rows_max_height = Some(height);
        self
    }

    /// Needed only to show two charts in the same `Ui`: their zoom is
    /// remembered per id.
    pub fn with_id_salt(mut self, salt: impl egui::AsIdSalt) -> Self {
        self.id_salt = IdSalt::new(salt);
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
                    .layout_no_wrap(label.clone(), font.clone(), Color32::WHITE)
                    .size()
                    .x
            })
            .fold(0.0_f32, f32::max)
            + 12.0
    }

    /// The base group's header: a disclosure triangle and "Bases"; returns
    /// whether it was clicked.
    fn group_header_ui(&self, ui: &mut Ui, open: bool, n_rows: usize) -> bool {
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
    fn base_group_ui(&self, ui: &mut Ui, plot_id: Id, content: &ChartContent<'_>, view: &ChartView) -> Option<Date> {
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
        #[expect(clippy::cast_precision_loss, reason = "a few dozen rows")]
        let y_max = rows.len().max(1) as f64 - 0.5;
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
        for m in milestones {
            painter.vline(
                x_of(m.date),
                frame.y_range(),
                Stroke::new(1.0, visuals.text_color().gamma_multiply(0.35)),
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

    /// The egui_plot part: bands, axes, zoom and pan in x only.
    fn plot(&self, ui: &mut Ui, plot_id: Id, rows: &[Row], height: f32, axis_width: f32) -> PlotResponse<()> {
        let range = self.scenario.range;
        let [x_min, x_max] = default_x_bounds(range);
        #[expect(clippy::cast_precision_loss, reason = "a handful of rows")]
        let y_max = rows.len().max(1) as f64 - 0.5;
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
                        plot_ui.zoom_bounds_around_hovered(vec2((scroll * 0.002).exp(), 1.0));
                        plot_ui.ctx().input_mut(|i| i.smooth_scroll_delta.y = 0.0);
                    }
                }
                // y never moves, whatever the memory says.
                plot_ui.set_plot_bounds_y(-0.5..=y_max);
                plot_ui.add(bands);
            })
    }

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

/// The incidents under the pointer: date, title, place, source, grade; the
/// detail too when there are few (at the whole range's zoom, a fortnight
/// of incidents shares a few pixels).
fn incident_tooltip(response: &Response, scenario: &Scenario, incidents: &[&Incident]) {
    const DETAILED: usize = 3;
    response.clone().on_hover_ui_at_pointer(|ui| {
        for incident in incidents {
            let place = match incident.location {
                crate::model::IncidentLocation::Place(p) => scenario.places.get(p.0).map(|p| p.name.as_str()),
                crate::model::IncidentLocation::Point { .. } => None,
            };
            let title = format!("{} — {}", date_format::short(incident.date), incident.title);
            ui.strong(match place {
                Some(place) => format!("{title} ({place})"),
                None => title,
            });
            if incidents.len() <= DETAILED {
                if !incident.detail.is_empty() {
                    ui.label(&incident.detail);
                }
                if let Some(disputed) = &incident.disputed {
                    ui.weak(format!("Disputed: {disputed}"));
                }
            }
            ui.weak(format!(
                "Source: {} · {}",
                incident.source,
                incident.confidence.map_or("confidence not stated", |c| c.label())
            ));
        }
        if incidents.len() > DETAILED {
            ui.weak("Zoom in (scroll) to tell them apart and read each one's detail");
        }
        ui.weak("Click to go to the first one's date");
    });
}

fn milestone_tooltip(response: Response, milestone: Option<&Milestone>) {
    let Some(m) = milestone else { return };
    response.on_hover_ui_at_pointer(|ui| {
        ui.strong(format!("{} — {}", date_format::short(m.date), m.title));
        if !m.detail.is_empty() {
            ui.label(&m.detail);
        }
        ui.weak("Click the label to jump to this milestone");
    });
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

/// The y axis of a band plot: a grid mark at each row and the row's label
/// beside it (region rows and base rows alike).
fn row_axis(labels: Vec<&str>, font: FontId, min_width: f32) -> (Vec<GridMark>, AxisHints<'_>) {
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

/// Plot y of row `i` of `n` (row 0 on top).
fn row_y(n: usize, i: usize) -> f64 {
    #[expect(clippy::cast_precision_loss, reason = "a handful of rows")]
    let y = n.saturating_sub(1 + i) as f64;
    y
}

/// The row whose band area (its pitch, gap included) contains plot y `y`.
fn row_at_y(n: usize, y: f64) -> Option<usize> {
    let rounded = y.round();
    #[expect(clippy::cast_precision_loss, reason = "a handful of rows")]
    let in_range = rounded >= 0.0 && rounded < n as f64;
    if !in_range {
        return None;
    }
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "checked range")]
    let from_bottom = rounded as usize;
    Some(n - 1 - from_bottom)
}

fn days_f64(days: i64) -> f64 {
    #[expect(clippy::cast_precision_loss, reason = "day counts fit f64 exactly")]
    let x = days as f64;
    x
}

fn date_unclamped(range: DateRange, days: f64) -> Option<Date> {
    if !days.is_finite() || days.abs() > 1e9 {
        return None;
    }
    #[expect(clippy::cast_possible_truncation, reason = "bounded above")]
    let days = days as i64;
    range.start.checked_add_signed(chrono::TimeDelta::try_days(days)?)
}

/// All bands as one plot item: axis-aligned rectangles in plot coordinates,
/// with the status label inside where it fits. Built once per frame from
/// the rows (consecutive periods of the same status merged).
struct GanttBands {
    base: PlotItemBase,
    bands: Vec<Band>,
    bounds: PlotBounds,
}

struct Band {
    x: [f64; 2],
    y: f64,
    color: Color32,
    /// Drawn towards the plot's ground ([`FOLLOWS_REGION_FADE`]).
    faded: bool,
    text_color: Color32,
    /// Empty: no text (a lighter band says nothing of its own).
    label: String,
}

/// One row's spans as the bands draw them.
struct BandSource<'s> {
    spans: &'s [RowSpan],
    /// A base's row: statuses in the bases' wording.
    base: bool,
    /// Lighter, without text: a base that shows its region's status.
    faded: bool,
}

impl GanttBands {
    fn new(scenario: &Scenario, rows: &[BandSource<'_>], name: &str) -> Self {
        let range = scenario.range;
        let [lo, hi] = default_x_bounds(range);
        let mut bands = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            let y = row_y(rows.len(), i);
            let mut current: Option<Band> = None;
            for span in row.spans {
                let x0 = plot_x(range, span.from).max(lo);
                let x1 = span.to.map_or(hi, |to| plot_x(range, to) + 1.0).min(hi);
                if x1 <= x0 {
                    continue;
                }
                let status = scenario.status(span.status);
                let color = color32(status.color);
                if let Some(band) = current.as_mut().filter(|b| b.color == color && b.x[1] >= x0) {
                    band.x[1] = x1;
                    continue;
                }
                bands.extend(current.take());
                let text_color = if status.color.relative_luminance() > 0.179 {
                    Color32::BLACK
                } else {
                    Color32::WHITE
                };
                let label = match (row.faded, row.base) {
                    (true, _) => String::new(),
                    (false, true) => status.label_for(PlaceKind::Base).to_owned(),
                    (false, false) => status.label.clone(),
                };
                current = Some(Band {
                    x: [x0, x1],
                    y,
                    color,
                    faded: row.faded,
                    text_color,
                    label,
                });
            }
            bands.extend(current);
        }
        #[expect(clippy::cast_precision_loss, reason = "a handful of rows")]
        let y_max = rows.len().max(1) as f64 - 0.5;
        Self {
            base: PlotItemBase::new(name.to_owned()),
            bands,
            bounds: PlotBounds::from_min_max([lo, -0.5], [hi, y_max]),
        }
    }
}

impl PlotItem for GanttBands {
    fn shapes(&self, ui: &Ui, transform: &PlotTransform, shapes: &mut Vec<Shape>) {
        let frame = *transform.frame();
        let font = FontId::proportional(BAND_FONT_SIZE);
        for band in &self.bands {
            let rect = transform.rect_from_values(
                &PlotPoint::new(band.x[0], band.y - BAND_HALF_HEIGHT),
                &PlotPoint::new(band.x[1], band.y + BAND_HALF_HEIGHT),
            );
            let visible = rect.intersect(frame);
            if !visible.is_positive() {
                continue;
            }
            let color = if band.faded {
                band.color
                    .lerp_to_gamma(ui.visuals().extreme_bg_color, FOLLOWS_REGION_FADE)
            } else {
                band.color
            };
            shapes.push(Shape::rect_filled(rect, 0.0, color));
            if band.label.is_empty() || visible.height() < BAND_FONT_SIZE + 2.0 {
                continue;
            }
            let galley = ui
                .painter()
                .layout_no_wrap(band.label.clone(), font.clone(), band.text_color);
            if galley.size().x + 8.0 <= visible.width() {
                let pos = pos2(visible.left() + 4.0, visible.center().y - 0.5 * galley.size().y);
                shapes.push(Shape::galley(pos, galley, band.text_color));
            }
        }
    }

    fn initialize(&mut self, _x_range: RangeInclusive<f64>) {}

    fn color(&self) -> Color32 {
        Color32::TRANSPARENT
    }

    fn geometry(&self) -> PlotGeometry<'_> {
        PlotGeometry::None
    }

    fn bounds(&self) -> PlotBounds {
        self.bounds
    }

    fn base(&self) -> &PlotItemBase {
        &self.base
    }

    fn base_mut(&mut self) -> &mut PlotItemBase {
        &mut self.base
    }
}

/// Lines and labels drawn over the plot with its final transform: milestone
/// lines and labels, "today", the cursor and its date.
struct Overlay<'o> {
    strip: Rect,
    transform: &'o PlotTransform,
    range: DateRange,
    milestones: &'o [&'o Milestone],
    /// By date.
    incidents: &'o [Incident],
}

/// Where the labels in the strip went (computed once, used for hit tests
/// and painting).
struct PlacedLabels {
    cursor: Option<Rect>,
    today: Option<Rect>,
    /// (milestone index, label rect).
    milestones: Vec<(usize, Rect)>,
}

/// The label rows of the strip (0 = top) and the x spans taken in each.
struct LabelRows {
    /// Labels stay within the plot's x range.
    bounds: Rangef,
    taken: [Vec<Rangef>; LABEL_ROWS],
}

impl LabelRows {
    const BOTTOM: usize = LABEL_ROWS - 1;

    fn is_free(&self, row: usize, span: Rangef) -> bool {
        self.bounds.min <= span.min + 4.0
            && span.max - 4.0 <= self.bounds.max
            && self.taken[row].iter().all(|t| t.max < span.min || span.max < t.min)
    }

    /// A label for the line at `x`: right of it, else left of it; in the
    /// bottom row if possible. With a `connector` (a line from the label down
    /// to the bands), a label higher up needs the rows below free at `x`, and
    /// reserves that. Returns (row, left).
    fn place_at_line(&mut self, x: f32, width: f32, connector: bool) -> Option<(usize, f32)> {
        let connector = connector.then_some(Rangef::new(x - 1.0, x + 1.0));
        for row in (0..LABEL_ROWS).rev() {
            if let Some(c) = connector
                && !(row + 1..LABEL_ROWS).all(|below| self.is_free(below, c))
            {
                continue;
            }
            for left in [x + 3.0, x - 3.0 - width] {
                let span = Rangef::new(left - 4.0, left + width + 4.0);
                if self.is_free(row, span) {
                    self.taken[row].push(span);
                    for below in (row + 1..LABEL_ROWS).filter(|_| connector.is_some()) {
                        self.taken[below].extend(connector);
                    }
                    return Some((row, left));
                }
            }
        }
        None
    }

    /// A label centred on `x` in the bottom row, nudged inside the bounds.
    fn place_centered(&mut self, x: f32, width: f32) -> (usize, f32) {
        let left = (x - 0.5 * width).min(self.bounds.max - width).max(self.bounds.min);
        self.taken[Self::BOTTOM].push(Rangef::new(left - 4.0, left + width + 4.0));
        (Self::BOTTOM, left)
    }
}

impl Overlay<'_> {
    fn x_of(&self, date: Date) -> f32 {
        self.transform.position_from_point_x(plot_x(self.range, date))
    }

    fn frame(&self) -> Rect {
        *self.transform.frame()
    }

    /// Top of label row `row` (0 = top).
    fn row_top(&self, row: usize) -> f32 {
        #[expect(clippy::cast_precision_loss, reason = "two rows")]
        let r = row as f32;
        self.strip.top() + 2.0 + r * 16.0
    }

    /// Cursor chip first, then "today", then milestone labels in date order,
    /// each in the lowest row where it does not collide; labels that fit
    /// nowhere are skipped (hover shows every title).
    fn place_labels(&self, ui: &Ui, date: Date, today: Option<Date>) -> PlacedLabels {
        let frame = self.frame();
        let font = FontId::proportional(LABEL_FONT_SIZE);
        let painter = ui.painter();
        let size = |text: String| painter.layout_no_wrap(text, font.clone(), Color32::WHITE).size().x;
        let in_view = |x: f32| frame.x_range().contains(x);
        let mut rows = LabelRows {
            bounds: frame.x_range(),
            taken: Default::default(),
        };
        let rect = |(row, left): (usize, f32), width: f32| {
            Rect::from_min_size(pos2(left, self.row_top(row)), vec2(width, 15.0))
        };

        let x = self.x_of(date);
        let cursor_w = size(date_format::short(date)) + 8.0;
        let cursor = in_view(x).then(|| rect(rows.place_centered(x, cursor_w), cursor_w));
        let today = today.filter(|d| self.range.contains(*d)).and_then(|d| {
            let x = self.x_of(d);
            let w = size("today".to_owned());
            in_view(x)
                .then(|| rows.place_at_line(x, w, false))
                .flatten()
                .map(|at| rect(at, w))
        });
        let milestones = self
            .milestones
            .iter()
            .enumerate()
            .filter_map(|(i, m)| {
                let x = self.x_of(m.date);
                let w = size(m.title.clone());
                in_view(x)
                    .then(|| rows.place_at_line(x, w, true))
                    .flatten()
                    .map(|at| (i, rect(at, w)))
            })
            .collect();
        PlacedLabels {
            cursor,
            today,
            milestones,
        }
    }

    /// The milestone under the pointer: its label in the strip, or its line
    /// within a few pixels (in the strip or the bands).
    fn milestone_near(&self, labels: &PlacedLabels, pointer: Pos2) -> Option<usize> {
        if let Some(&(i, _)) = labels.milestones.iter().find(|(_, r)| r.contains(pointer)) {
            return Some(i);
        }
        let frame = self.frame();
        let area = Rect::from_x_y_ranges(frame.x_range(), self.strip.top()..=frame.bottom());
        if !area.contains(pointer) {
            return None;
        }
        self.milestones
            .iter()
            .enumerate()
            .map(|(i, m)| (i, (self.x_of(m.date) - pointer.x).abs()))
            .filter(|&(_, dx)| dx <= MILESTONE_HOVER_PX)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i)
    }

    /// The incidents whose tick lies within a few pixels of `pointer`, on
    /// the strip's bottom edge; by date.
    fn incidents_near(&self, pointer: Pos2) -> Vec<&Incident> {
        let frame = self.frame();
        let bottom = self.strip.bottom();
        let zone = Rect::from_x_y_ranges(
            frame.left() - INCIDENT_HOVER_PX..=frame.right() + INCIDENT_HOVER_PX,
            bottom - INCIDENT_TICK_PX - 3.0..=bottom + 3.0,
        );
        if !zone.contains(pointer) {
            return Vec::new();
        }
        self.incidents
            .iter()
            .filter(|i| self.range.contains(i.date))
            .filter(|i| (self.x_of(i.date) - pointer.x).abs() <= INCIDENT_HOVER_PX)
            .collect()
    }

    /// A small triangle per incident on the strip's bottom edge, pointing
    /// at the bands; the hovered ones larger.
    fn paint_incidents(&self, ui: &Ui, hovered: &[&Incident]) {
        let frame = self.frame();
        let painter = ui.painter().with_clip_rect(Rect::from_x_y_ranges(
            frame.left() - 4.0..=frame.right() + 4.0,
            self.strip.top()..=frame.bottom(),
        ));
        let bottom = self.strip.bottom();
        let edge = Stroke::new(1.0, ui.visuals().extreme_bg_color);
        for incident in self.incidents.iter().filter(|i| self.range.contains(i.date)) {
            let x = self.x_of(incident.date);
            if !frame.x_range().contains(x) {
                continue;
            }
            let grow = if hovered.iter().any(|h| std::ptr::eq(*h, incident)) {
                1.5
            } else {
                1.0
            };
            let (h, w) = (INCIDENT_TICK_PX * grow, 0.5 * INCIDENT_TICK_PX * grow);
            let points = vec![pos2(x - w, bottom - h), pos2(x + w, bottom - h), pos2(x, bottom)];
            painter.add(Shape::convex_polygon(points, INCIDENT_COLOR, edge));
        }
    }

    fn paint(&self, ui: &Ui, labels: &PlacedLabels, date: Date, today: Option<Date>, hovered: Option<usize>) {
        let frame = self.frame();
        let visuals = ui.visuals();
        let painter = ui.painter().with_clip_rect(Rect::from_x_y_ranges(
            frame.left() - 1.0..=frame.right() + 1.0,
            self.strip.top()..=frame.bottom(),
        ));
        let font = FontId::proportional(LABEL_FONT_SIZE);
        let weak = visuals.weak_text_color();
        let strong = visuals.strong_text_color();
        let strip_bottom = self.strip.bottom();

        for (i, m) in self.milestones.iter().enumerate() {
            let x = self.x_of(m.date);
            let is_hovered = hovered == Some(i);
            let (width, color) = if is_hovered {
                (2.0, strong)
            } else {
                (1.0, visuals.text_color().gamma_multiply(0.55))
            };
            painter.vline(x, strip_bottom - 3.0..=frame.bottom(), Stroke::new(width, color));
            if let Some(&(_, rect)) = labels.milestones.iter().find(|(j, _)| *j == i) {
                let text_color = if is_hovered { strong } else { weak };
                painter.vline(x, rect.bottom()..=strip_bottom, Stroke::new(0.5, weak));
                painter.text(rect.left_top(), Align2::LEFT_TOP, &m.title, font.clone(), text_color);
            }
        }

        if let Some(today) = today.filter(|d| self.range.contains(*d)) {
            let x = self.x_of(today);
            let stroke = Stroke::new(1.5, strong);
            painter.extend(Shape::dashed_line(
                &[pos2(x, strip_bottom - 4.0), pos2(x, frame.bottom())],
                stroke,
                6.0,
                4.0,
            ));
            if let Some(rect) = labels.today {
                painter.text(rect.left_top(), Align2::LEFT_TOP, "today", font.clone(), strong);
            }
        }

        let x = self.x_of(date);
        if frame.x_range().contains(x) {
            let top = labels.cursor.map_or(strip_bottom, |r| r.bottom());
            painter.vline(x, top..=frame.bottom(), Stroke::new(4.0, visuals.extreme_bg_color));
            painter.vline(x, top..=frame.bottom(), Stroke::new(2.0, strong));
        }
        if let Some(rect) = labels.cursor {
            painter.rect_filled(rect, 3.0, visuals.selection.bg_fill);
            painter.text(
                rect.center(),
                Align2::CENTER_CENTER,
                date_format::short(date),
                font,
                visuals.selection.stroke.color,
            );
        }
    }
}
