//! The interactive map: pan with drag, zoom with scroll or pinch toward
//! the pointer, double-click to go home, hover for the details of a
//! region, a base or an incident (a marker wins over the region under it).
//! A throwaway builder; the view state ([`MapView`]) lives in the app,
//! the screen-space geometry cache ([`ScreenCache`]) and the label
//! placement ([`LabelLayoutCache`]) in egui's memory under the widget's id.

use std::sync::Arc;

#[cfg(feature = "testing")]
use egui::Context;
use egui::mutex::Mutex;
use egui::{Id, Response, Role, Sense, Ui, WidgetInfo};

use crate::geo::MapGeometry;
use crate::model::date_format;
use crate::model::{Confidence, Date, Entity, Lag, Period, PlaceIdx, PlaceKind, RegionIdx, Scenario, TrackIdx};
#[cfg(feature = "testing")]
use crate::render::egui_canvas::CacheStats;
use crate::render::egui_canvas::{EguiCanvas, ScreenCache};
use crate::render::greyscale::GreyscaleCanvas;
use crate::render::marks::{MapMark, mark_at};
use crate::render::style::color32;
use crate::render::{
    Canvas, LabelLayoutCache, LayerSet, MapEffects, MapLayout, MapScene, MapStyle, MapView, paint_map,
};

/// Accessible name prefix of the map (screen readers, UI tests): the full
/// label lists each region's status on the shown date.
pub const MAP_LABEL: &str = "Map";

/// What the map keeps between frames: screen-space geometry, and the label
/// placement, valid as long as the screen cache does not start over.
#[derive(Default)]
struct MapCaches {
    screen: ScreenCache,
    labels: LabelLayoutCache,
}

/// The map's caches as kept in egui's memory (which wants `Clone + Send +
/// Sync` values): shared, locked while a frame paints.
type SharedCache = Arc<Mutex<MapCaches>>;

fn cache_id(map_id: Id) -> Id {
    map_id.with("drawdown::screen_cache")
}

#[must_use = "call .ui(ui) to show the map"]
pub struct MapWidget<'a> {
    pub scenario: &'a Scenario,
    pub geometry: &'a MapGeometry,
    pub track: TrackIdx,
    pub date: Date,
    pub style: &'a MapStyle,
    /// The layers drawn over the map.
    pub layers: LayerSet,
    /// Fill the background with the sea (the window need not: it is
    /// cleared to the sea's colour).
    pub background: bool,
    pub effects: &'a MapEffects,
    /// Show the map as a monochrome printer would.
    pub greyscale: bool,
    /// In the compare view: the other track, for the tooltip's lag.
    pub compare_with: Option<TrackIdx>,
}

impl MapWidget<'_> {
    /// Shows the map, applying pan and zoom to `view`.
    pub fn ui(self, ui: &mut Ui, view: &mut MapView) -> Response {
        let rect = ui.available_rect_before_wrap();
        let response = ui.allocate_rect(rect, Sense::click_and_drag());
        let layout = MapLayout::new(rect, self.style);
        let home = self.geometry.bounds;

        if response.double_clicked() {
            *view = MapView::HOME;
        } else if response.dragged() {
            view.pan(response.drag_delta(), home, layout.fit_rect);
        }
        if let Some(pointer) = response.hover_pos() {
            let (scroll, pinch) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
            let factor = pinch * (scroll * 0.002).exp();
            if (factor - 1.0).abs() > 1e-4 {
                view.zoom_at(factor, pointer, home, layout.fit_rect);
            }
        }

        let to_screen = layout.screen_from_world(view, self.geometry);
        let mut scene = MapScene {
            scenario: self.scenario,
            geometry: self.geometry,
            track: self.track,
            date: self.date,
            view: *view,
            style: self.style,
            layers: self.layers,
            background: self.background,
            hovered_feature: None,
            effects: self.effects,
        };
        // A base or an incident under the pointer takes precedence over
        // the governorate under it.
        let pointer = response.hover_pos().filter(|_| !response.dragged());
        let hovered_mark = pointer.and_then(|p| mark_at(&scene, &to_screen, layout.unit, p));
        let hovered_feature = pointer
            .filter(|_| hovered_mark.is_none())
            .and_then(|p| self.geometry.feature_at(to_screen.world_from_screen(p)));
        scene.hovered_feature = hovered_feature;
        let painter = ui.painter_at(rect);
        let shared = ui.data_mut(|d| d.get_temp_mut_or_default::<SharedCache>(cache_id(response.id)).clone());
        let mut caches = shared.lock();
        let MapCaches { screen, labels } = &mut *caches;
        let (pixels_per_point, options) = (ui.ctx().pixels_per_point(), ui.ctx().tessellation_options(|o| *o));
        if screen.prepare(self.geometry, to_screen, rect, pixels_per_point, options) {
            labels.clear();
        }
        let mut canvas = EguiCanvas {
            painter: &painter,
            cache: Some(&mut *screen),
        };
        if self.greyscale {
            let mut grey = GreyscaleCanvas {
                inner: &mut canvas as &mut dyn Canvas,
            };
            paint_map(&scene, rect, &mut grey, Some(labels));
        } else {
            paint_map(&scene, rect, &mut canvas, Some(labels));
        }
        screen.end_frame();
        drop(caches);

        // egui calls this only when a screen reader or an event wants it.
        response.widget_info(|| WidgetInfo::labeled(Role::Image, true, self.summary()));
        match (hovered_mark, hovered_feature) {
            (Some(MapMark::Base(place)), _) => response.on_hover_ui_at_pointer(|ui| self.base_tooltip_ui(ui, place)),
            (Some(MapMark::Incidents(incidents)), _) => {
                response.on_hover_ui_at_pointer(|ui| self.incidents_tooltip_ui(ui, &incidents))
            }
            (None, Some(i)) => response.on_hover_ui_at_pointer(|ui| self.tooltip_ui(ui, i)),
            (None, None) => response,
        }
    }

    /// The counters of the screen cache of the map that `response` (what
    /// [`Self::ui`] returned) belongs to; `None` before its first frame.
    /// For tests and benchmarks.
    #[doc(hidden)]
    #[cfg(feature = "testing")]
    pub fn cache_stats(ctx: &Context, response: &Response) -> Option<CacheStats> {
        ctx.data(|d| d.get_temp::<SharedCache>(cache_id(response.id)))
            .map(|shared| {
                let caches = shared.lock();
                CacheStats {
                    label_layouts: caches.labels.layouts_placed(),
                    ..caches.screen.stats()
                }
            })
    }

    /// "Map, 1 October 2025, Announced plan: Federal Iraq — Ended; …".
    fn summary(&self) -> String {
        let track = &self.scenario.track(self.track).name;
        // A silent record reads "No report since 14 Mar — last: …", never
        // a bare "No report".
        let regions: Vec<String> = (0..self.scenario.regions.len())
            .map(RegionIdx)
            .map(|r| {
                let status = self
                    .scenario
                    .status_line(self.track, Entity::Region(r), self.date)
                    .unwrap_or_else(|| "unknown".to_owned());
                format!("{} — {status}", self.scenario.region(r).name)
            })
            .collect();
        format!(
            "{MAP_LABEL}, {}, {track}: {}",
            date_format::long(self.date),
            regions.join("; ")
        )
    }

    fn tooltip_ui(&self, ui: &mut Ui, feature: usize) {
        let Some(feature) = self.geometry.features.get(feature) else {
            return;
        };
        let region = self.scenario.region(feature.region);
        ui.heading(&region.name);
        ui.weak(&feature.shape.name);
        let entity = Entity::Region(feature.region);
        let Some(period) = self.scenario.entity_period_on(self.track, entity, self.date) else {
            ui.label("No status on this date");
            return;
        };
        self.status_ui(ui, entity, period, PlaceKind::City);
        if let Some(other) = self.compare_with {
            let other_name = &self.scenario.track(other).name;
            let text = match self.scenario.lag(self.track, other, feature.region, self.date) {
                Some(Lag::Agree) | None => format!("Same status as the {other_name} track."),
                Some(Lag::Behind { days }) => format!("{days} days behind the {other_name} track."),
                Some(Lag::Ahead { days }) => format!("{days} days ahead of the {other_name} track."),
                Some(Lag::Diverge) => format!("Differs from the {other_name} track, which never shows this status."),
            };
            ui.separator();
            ui.label(egui::RichText::new(text).strong());
        }
    }

    /// A base: name, status (as a base marker says it), the period and
    /// what the record says of it, where the position comes from.
    fn base_tooltip_ui(&self, ui: &mut Ui, place: PlaceIdx) {
        let Some(base) = self.scenario.places.get(place.0) else {
            return;
        };
        ui.heading(&base.name);
        let region = base.region.map(|r| self.scenario.region(r).name.as_str());
        ui.weak(region.map_or_else(|| "Base".to_owned(), |r| format!("Base · {r}")));
        let entity = Entity::Base(place);
        match self.scenario.entity_period_on(self.track, entity, self.date) {
            Some(period) => {
                self.status_ui(ui, entity, period, PlaceKind::Base);
                if self.scenario.base_follows_region(self.track, place) {
                    let region = region.unwrap_or("its region");
                    ui.weak(format!(
                        "No record of this base in this track: it shows {region}'s status."
                    ));
                }
            }
            None => {
                ui.label("No status on this date");
            }
        }
        if !base.note.is_empty() {
            ui.label(drawable(&base.note));
        }
        if base.approximate {
            ui.label(egui::RichText::new("Approximate location").italics());
        }
    }

    /// What a region or a base shows on the date: the status with its
    /// swatch (or, after the record fell silent, since when and what was
    /// last reported), the period's dates, note, source, confidence and
    /// the disputed version.
    fn status_ui(&self, ui: &mut Ui, entity: Entity, period: &Period, kind: PlaceKind) {
        let s = self.scenario;
        let status = s.status(period.status);
        ui.horizontal(|ui| {
            let (swatch, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), Sense::hover());
            ui.painter().rect_filled(swatch, 2.0, color32(status.color));
            ui.strong(status.label_for(kind));
        });
        let dates = |p: &Period| {
            let until = p.to.map_or_else(|| "open-ended".to_owned(), date_format::short);
            format!("{} – {until}", date_format::short(p.from))
        };
        ui.label(dates(period));
        if let Some(last) = s.last_reported(self.track, entity, self.date) {
            let since = last.until.succ_opt().unwrap_or(last.until);
            let last_status = s.status(last.status);
            ui.horizontal(|ui| {
                let (swatch, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), Sense::hover());
                ui.painter().rect_filled(swatch, 2.0, color32(last_status.color));
                ui.strong(no_report_since_text(since, last_status.label_for(kind)));
            });
            ui.weak(format!(
                "Last report: {}; source: {}",
                dates(last.period),
                last.period.source
            ));
        }
        if !period.note.is_empty() {
            ui.label(drawable(&period.note));
        }
        ui.weak(drawable(&format!("Source: {}", period.source)));
        confidence_ui(ui, period.confidence, period.disputed.as_deref());
    }

    /// The incidents at one spot: each one's title, date, detail, source,
    /// confidence and the disputed version.
    fn incidents_tooltip_ui(&self, ui: &mut Ui, incidents: &[usize]) {
        for (k, incident) in incidents
            .iter()
            .filter_map(|&i| self.scenario.incidents.get(i))
            .enumerate()
        {
            if k > 0 {
                ui.separator();
            }
            ui.heading(&incident.title);
            let days = (incident.date - self.date).num_days();
            let when = match days {
                0 => "the shown date".to_owned(),
                1 => "the day after the shown date".to_owned(),
                -1 => "the day before the shown date".to_owned(),
                d if d > 0 => format!("{d} days after the shown date"),
                d => format!("{} days before the shown date", -d),
            };
            ui.weak(format!("Incident, {} ({when})", date_format::short(incident.date)));
            ui.label(drawable(&incident.detail));
            ui.weak(drawable(&format!("Source: {}", incident.source)));
            confidence_ui(ui, incident.confidence, incident.disputed.as_deref());
        }
    }
}

/// `text` with the few characters the record uses that egui's bundled
/// fonts cannot draw (the primes of coordinates, 33°30′21″N) written as
/// their ASCII look-alikes, so that a tooltip shows no boxes.
fn drawable(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(['′', '″']) {
        std::borrow::Cow::Owned(text.replace('′', "'").replace('″', "\""))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// "No report since 14 Mar 2026 — last reported: Handed over or vacated".
pub fn no_report_since_text(since: Date, last_label: &str) -> String {
    format!(
        "No report since {} — last reported: {last_label}",
        date_format::short(since)
    )
}

/// The grade the record gives (if stated) and the other version where
/// sources disagree.
fn confidence_ui(ui: &mut Ui, confidence: Option<Confidence>, disputed: Option<&str>) {
    if let Some(confidence) = confidence {
        let text = format!("Confidence: {}", confidence.id());
        if confidence == Confidence::Low {
            ui.label(egui::RichText::new(text).strong());
        } else {
            ui.weak(text);
        }
    }
    if let Some(disputed) = disputed {
        ui.label(drawable(&format!("Disputed: {disputed}")));
    }
}
