//! The interactive map: pan with drag, zoom with scroll or pinch toward
//! the pointer, double-click to go home, hover for a region's details.
//! A throwaway builder; the view state ([`MapView`]) lives in the app,
//! the screen-space geometry cache ([`ScreenCache`]) in egui's memory
//! under the widget's id.

use std::sync::Arc;

use egui::mutex::Mutex;
use egui::{Context, Id, Response, Role, Sense, Ui, WidgetInfo};

use crate::geo::MapGeometry;
use crate::model::date_format;
use crate::model::{Date, Lag, Scenario, TrackIdx};
use crate::render::compose::{Canvas, MapEffects, MapLayout, MapScene, Overlays, paint_map};
use crate::render::egui_canvas::{CacheStats, EguiCanvas, ScreenCache};
use crate::render::greyscale::GreyscaleCanvas;
use crate::render::{MapStyle, MapView};

/// Accessible name prefix of the map (screen readers, UI tests): the full
/// label lists each region's status on the shown date.
pub const MAP_LABEL: &str = "Map";

/// The map's cache as kept in egui's memory (which wants `Clone + Send +
/// Sync` values): shared, locked while a frame paints.
type SharedCache = Arc<Mutex<ScreenCache>>;

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
    pub overlays: Overlays,
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
        let hovered_feature = response
            .hover_pos()
            .filter(|_| !response.dragged())
            .and_then(|p| self.geometry.feature_at(to_screen.world_from_screen(p)));

        let scene = MapScene {
            scenario: self.scenario,
            geometry: self.geometry,
            track: self.track,
            date: self.date,
            view: *view,
            style: self.style,
            overlays: self.overlays,
            hovered_feature,
            effects: self.effects,
        };
        let painter = ui.painter_at(rect);
        let shared = ui.data_mut(|d| d.get_temp_mut_or_default::<SharedCache>(cache_id(response.id)).clone());
        let mut cache = shared.lock();
        let (pixels_per_point, options) = (ui.ctx().pixels_per_point(), ui.ctx().tessellation_options(|o| *o));
        cache.prepare(self.geometry, to_screen, rect, pixels_per_point, options);
        let mut canvas = EguiCanvas {
            painter: &painter,
            cache: Some(&mut cache),
        };
        if self.greyscale {
            paint_map(
                &scene,
                rect,
                &mut GreyscaleCanvas {
                    inner: &mut canvas as &mut dyn Canvas,
                },
            );
        } else {
            paint_map(&scene, rect, &mut canvas);
        }
        cache.end_frame();
        drop(cache);

        // egui calls this only when a screen reader or an event wants it.
        response.widget_info(|| WidgetInfo::labeled(Role::Image, true, self.summary()));
        match hovered_feature {
            Some(i) => response.on_hover_ui_at_pointer(|ui| self.tooltip_ui(ui, i)),
            None => response,
        }
    }

    /// The counters of the screen cache of the map that `response` (what
    /// [`Self::ui`] returned) belongs to; `None` before its first frame.
    pub fn cache_stats(ctx: &Context, response: &Response) -> Option<CacheStats> {
        ctx.data(|d| d.get_temp::<SharedCache>(cache_id(response.id)))
            .map(|cache| cache.lock().stats())
    }

    /// "Map, 1 October 2025, Announced plan: Federal Iraq — Ended; …".
    fn summary(&self) -> String {
        let track = &self.scenario.track(self.track).name;
        let statuses = self.scenario.statuses_on(self.track, self.date);
        let regions: Vec<String> = self
            .scenario
            .regions
            .iter()
            .zip(statuses)
            .map(|(region, status)| {
                let status = status.map_or("unknown", |s| self.scenario.status(s).label.as_str());
                format!("{} — {status}", region.name)
            })
            .collect();
        format!(
            "{MAP_LABEL}, {}, {track}: {}",
            crate::render::format_date_long(self.date),
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
        let Some(period) = self.scenario.period_on(self.track, feature.region, self.date) else {
            ui.label("No status on this date");
            return;
        };
        let status = self.scenario.status(period.status);
        ui.horizontal(|ui| {
            let (swatch, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), Sense::hover());
            ui.painter()
                .rect_filled(swatch, 2.0, crate::render::style::color32(status.color));
            ui.strong(&status.label);
        });
        let until = period.to.map_or_else(|| "open-ended".to_owned(), date_format::short);
        ui.label(format!("{} – {until}", date_format::short(period.from)));
        if !period.note.is_empty() {
            ui.label(&period.note);
        }
        ui.weak(format!("Source: {}", period.source));
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
}
