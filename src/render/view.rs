//! The map's view: which part of the world shows, and the transform from
//! world space (km, y north) to screen space (points, y down).

use egui::{Pos2, Rect, Vec2, pos2, vec2};

/// Maps world positions (km, y north) to screen positions (points, y down)
/// with one uniform scale, so the map keeps its aspect on any window.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScreenFromWorld {
    /// Screen points per world km.
    pub scale: f32,
    /// Screen position of the world origin.
    pub origin: Pos2,
}

impl ScreenFromWorld {
    /// The transform that centres `world` in `screen` at the largest scale
    /// that shows all of it.
    pub fn fit(world: Rect, screen: Rect) -> Self {
        let scale = (screen.width() / world.width().max(1e-3)).min(screen.height() / world.height().max(1e-3));
        let scale = if scale.is_finite() && scale > 0.0 { scale } else { 1.0 };
        Self::centred(world.center(), screen.center(), scale)
    }

    /// The transform that puts `world_centre` at `screen_centre`.
    pub fn centred(world_centre: Pos2, screen_centre: Pos2, scale: f32) -> Self {
        Self {
            scale,
            origin: pos2(
                screen_centre.x - scale * world_centre.x,
                screen_centre.y + scale * world_centre.y,
            ),
        }
    }

    pub fn screen_from_world(&self, world: Pos2) -> Pos2 {
        pos2(
            self.origin.x + self.scale * world.x,
            self.origin.y - self.scale * world.y,
        )
    }

    pub fn world_from_screen(&self, screen: Pos2) -> Pos2 {
        pos2(
            (screen.x - self.origin.x) / self.scale,
            (self.origin.y - screen.y) / self.scale,
        )
    }

    /// The world rectangle that `screen` shows.
    pub fn world_rect(&self, screen: Rect) -> Rect {
        Rect::from_two_pos(self.world_from_screen(screen.min), self.world_from_screen(screen.max))
    }
}

/// Persistent view state: where the map is centred and how far it is
/// zoomed relative to the home view. Independent of the window size, so a
/// resize keeps what the briefer framed.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MapView {
    /// World position (km) at the centre of the map area; None = home.
    pub centre: Option<[f32; 2]>,
    /// 1 = home view; 2 = twice as close.
    pub zoom: f32,
}

impl Default for MapView {
    fn default() -> Self {
        Self::HOME
    }
}

/// Zoom limits: a little wider than home, up to a city's scale.
pub const MIN_ZOOM: f32 = 0.5;
pub const MAX_ZOOM: f32 = 40.0;

impl MapView {
    pub const HOME: Self = Self {
        centre: None,
        zoom: 1.0,
    };

    /// The transform for this view of `home` (world) shown in `fit_rect`
    /// (the screen area the home view fills).
    pub fn screen_from_world(&self, home: Rect, fit_rect: Rect) -> ScreenFromWorld {
        let fitted = ScreenFromWorld::fit(home, fit_rect);
        let centre = self.centre.map_or(home.center(), |[x, y]| pos2(x, y));
        ScreenFromWorld::centred(centre, fit_rect.center(), fitted.scale * self.zoom)
    }

    /// Zooms by `factor` keeping the world point under `screen_pos` fixed.
    pub fn zoom_at(&mut self, factor: f32, screen_pos: Pos2, home: Rect, fit_rect: Rect) {
        if !factor.is_finite() || factor <= 0.0 {
            return;
        }
        let before = self.screen_from_world(home, fit_rect);
        let anchor = before.world_from_screen(screen_pos);
        self.zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let scale = ScreenFromWorld::fit(home, fit_rect).scale * self.zoom;
        // Choose the centre so that `anchor` stays under the cursor.
        let offset: Vec2 = (screen_pos - fit_rect.center()) / scale;
        self.centre = Some([anchor.x - offset.x, anchor.y + offset.y]);
    }

    /// Moves the map by a screen-space drag.
    pub fn pan(&mut self, drag_screen: Vec2, home: Rect, fit_rect: Rect) {
        let t = self.screen_from_world(home, fit_rect);
        let centre = self.centre.map_or(home.center(), |[x, y]| pos2(x, y));
        let moved = centre + vec2(-drag_screen.x, drag_screen.y) / t.scale;
        if moved.x.is_finite() && moved.y.is_finite() {
            self.centre = Some([moved.x, moved.y]);
        }
    }
}

/// A box of longitude and latitude, degrees: what a brief's stop or the
/// command line's `--view` frames.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct GeoBox {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl GeoBox {
    /// The box of these sides, if it is one ([`Self::check`]).
    pub fn new(west: f64, south: f64, east: f64, north: f64) -> Result<Self, String> {
        let geo_box = Self {
            west,
            south,
            east,
            north,
        };
        geo_box.check().map(|()| geo_box)
    }

    /// Whether the box is a box on the earth: finite, west of east, south
    /// of north, within ±180° and ±90°. The error says what is wrong.
    pub fn check(&self) -> Result<(), String> {
        let Self {
            west,
            south,
            east,
            north,
        } = *self;
        if ![west, south, east, north].iter().all(|v| v.is_finite()) {
            return Err("a view's sides must be numbers".to_owned());
        }
        if !((-180.0..=180.0).contains(&west) && (-180.0..=180.0).contains(&east)) {
            return Err(format!("longitudes {west} and {east} must be within -180 to 180"));
        }
        if !((-90.0..=90.0).contains(&south) && (-90.0..=90.0).contains(&north)) {
            return Err(format!("latitudes {south} and {north} must be within -90 to 90"));
        }
        if west >= east || south >= north {
            return Err(format!(
                "a view runs west to east and south to north: {west} must be less than {east}, {south} less than {north}"
            ));
        }
        Ok(())
    }
}

impl std::str::FromStr for GeoBox {
    type Err = String;

    /// Parses `west,south,east,north` in degrees: `38,32,44.5,37.5`.
    fn from_str(text: &str) -> Result<Self, String> {
        let bad = |why: &str| {
            format!(
                "{} is not a view: {why} (expected west,south,east,north in degrees, e.g. 38,32,44.5,37.5)",
                crate::model::printable::quoted(text)
            )
        };
        let numbers: Vec<f64> = text
            .split(',')
            .map(|part| part.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|_| bad("a side is not a number"))?;
        let [west, south, east, north] = numbers[..] else {
            return Err(bad("it needs four numbers"));
        };
        let geo_box = Self {
            west,
            south,
            east,
            north,
        };
        geo_box.check().map_err(|why| bad(&why))?;
        Ok(geo_box)
    }
}

impl MapView {
    /// The view that shows all of `geo_box` as large as it fits in
    /// `fit_rect` (the screen area the home view `home` fills), with
    /// `world_from_lonlat` the map's projection. The zoom is kept within
    /// the map's limits.
    pub fn framing(geo_box: &GeoBox, world_from_lonlat: impl Fn(f64, f64) -> Pos2, home: Rect, fit_rect: Rect) -> Self {
        // The box's edges curve under the projection: take points along them.
        const STEPS: u32 = 8;
        let mut world = Rect::NOTHING;
        for i in 0..=STEPS {
            let t = f64::from(i) / f64::from(STEPS);
            let lon = geo_box.west + (geo_box.east - geo_box.west) * t;
            let lat = geo_box.south + (geo_box.north - geo_box.south) * t;
            for p in [
                world_from_lonlat(lon, geo_box.south),
                world_from_lonlat(lon, geo_box.north),
                world_from_lonlat(geo_box.west, lat),
                world_from_lonlat(geo_box.east, lat),
            ] {
                if p.x.is_finite() && p.y.is_finite() {
                    world.extend_with(p);
                }
            }
        }
        if !world.is_positive() {
            return Self::HOME;
        }
        let home_scale = ScreenFromWorld::fit(home, fit_rect).scale;
        let box_scale = ScreenFromWorld::fit(world, fit_rect).scale;
        let centre = world.center();
        Self {
            centre: Some([centre.x, centre.y]),
            zoom: (box_scale / home_scale.max(1e-9)).clamp(MIN_ZOOM, MAX_ZOOM),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn world() -> Rect {
        Rect::from_min_max(pos2(-700.0, -500.0), pos2(700.0, 500.0))
    }

    #[test]
    fn screen_and_world_round_trip() {
        let t = MapView {
            centre: Some([120.0, -40.0]),
            zoom: 3.0,
        }
        .screen_from_world(world(), Rect::from_min_size(pos2(10.0, 20.0), vec2(800.0, 600.0)));
        for p in [pos2(0.0, 0.0), pos2(-650.0, 480.0), pos2(333.3, -12.5)] {
            let back = t.world_from_screen(t.screen_from_world(p));
            assert!((back - p).length() < 1e-3, "{p:?} -> {back:?}");
        }
    }

    #[test]
    fn fit_keeps_aspect_and_flips_y() {
        let screen = Rect::from_min_size(Pos2::ZERO, vec2(2000.0, 500.0));
        let t = ScreenFromWorld::fit(world(), screen);
        assert!((t.scale - 0.5).abs() < 1e-6, "height limits the scale: {}", t.scale);
        let north = t.screen_from_world(pos2(0.0, 500.0));
        assert!((north.y - 0.0).abs() < 1e-3, "north edge at the top: {north:?}");
    }

    #[test]
    fn a_view_box_is_framed_whole_and_zoomed_in_on() {
        let geo_box = GeoBox::new(38.0, 32.0, 44.5, 37.5).unwrap();
        // A plate carrée stand-in: 100 km a degree.
        #[expect(clippy::cast_possible_truncation, reason = "small test coordinates")]
        let project = |lon: f64, lat: f64| pos2((lon * 100.0) as f32, (lat * 100.0) as f32);
        let home = Rect::from_min_max(pos2(3500.0, 2900.0), pos2(4900.0, 3800.0));
        let fit_rect = Rect::from_min_size(Pos2::ZERO, vec2(1400.0, 900.0));
        let view = MapView::framing(&geo_box, project, home, fit_rect);
        let t = view.screen_from_world(home, fit_rect);
        for corner in [project(38.0, 32.0), project(44.5, 37.5)] {
            let on_screen = t.screen_from_world(corner);
            assert!(fit_rect.expand(0.5).contains(on_screen), "{on_screen:?}");
        }
        assert!(view.zoom > 1.0, "a smaller box than home is a zoom in: {}", view.zoom);
    }

    #[test]
    fn zoom_keeps_the_point_under_the_cursor() {
        let fit_rect = Rect::from_min_size(Pos2::ZERO, vec2(800.0, 600.0));
        let mut view = MapView::HOME;
        let cursor = pos2(600.0, 150.0);
        let before = view.screen_from_world(world(), fit_rect).world_from_screen(cursor);
        view.zoom_at(2.0, cursor, world(), fit_rect);
        let after = view.screen_from_world(world(), fit_rect).world_from_screen(cursor);
        assert!((before - after).length() < 1e-2, "{before:?} vs {after:?}");
        assert!((view.zoom - 2.0).abs() < 1e-6);
    }
}
