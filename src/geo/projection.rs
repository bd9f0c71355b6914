//! Lambert conformal conic projection, spherical form.
//!
//! The map spans roughly 29°N–38°N. A conic projection with standard
//! parallels inside that band keeps shapes true (conformal) and areas close
//! to true across the whole of Iraq and Syria, which plain equirectangular
//! or Mercator do not. World coordinates are kilometres on a sphere of the
//! mean Earth radius, x east, y north, with the origin at the projection's
//! reference point.

/// Mean Earth radius, km.
pub const EARTH_RADIUS_KM: f64 = 6371.0;

/// Parameters of a spherical Lambert conformal conic projection.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Projection {
    /// Central meridian, radians.
    lon0: f64,
    /// Cone constant.
    n: f64,
    /// Scale factor F of the projection equations (unit sphere).
    f: f64,
    /// Radius of the reference latitude's parallel (unit sphere).
    rho0: f64,
}

impl Projection {
    /// A conic projection with standard parallels `lat1_deg`, `lat2_deg` and
    /// origin at (`lon0_deg`, `lat0_deg`). The parallels must differ and lie
    /// strictly between the poles on one side of the equator.
    pub fn lambert_conformal_conic(lon0_deg: f64, lat0_deg: f64, lat1_deg: f64, lat2_deg: f64) -> Self {
        let (lat0, lat1, lat2) = (lat0_deg.to_radians(), lat1_deg.to_radians(), lat2_deg.to_radians());
        let t = |lat: f64| (std::f64::consts::FRAC_PI_4 + lat / 2.0).tan();
        let n = if (lat1 - lat2).abs() < 1e-12 {
            lat1.sin()
        } else {
            (lat1.cos() / lat2.cos()).ln() / (t(lat2) / t(lat1)).ln()
        };
        let f = lat1.cos() * t(lat1).powf(n) / n;
        let rho0 = f / t(lat0).powf(n);
        Self {
            lon0: lon0_deg.to_radians(),
            n,
            f,
            rho0,
        }
    }

    /// The projection drawdown uses: standard parallels 30°N and 37°N,
    /// centred on 42°E 33.5°N (between Baghdad and Deir ez-Zor).
    pub fn drawdown() -> Self {
        Self::lambert_conformal_conic(42.0, 33.5, 30.0, 37.0)
    }

    /// World position (km) of a (longitude, latitude) in degrees.
    pub fn world_from_lonlat(&self, lonlat: [f64; 2]) -> [f64; 2] {
        let [lon, lat] = lonlat;
        // Just short of the poles, where the cone's radius is infinite.
        let limit = std::f64::consts::FRAC_PI_2 - 1e-4;
        let lat = lat.to_radians().clamp(-limit, limit);
        let rho = self.f / (std::f64::consts::FRAC_PI_4 + lat / 2.0).tan().powf(self.n);
        let theta = self.n * wrap_radians(lon.to_radians() - self.lon0);
        [
            EARTH_RADIUS_KM * rho * theta.sin(),
            EARTH_RADIUS_KM * (self.rho0 - rho * theta.cos()),
        ]
    }

    /// The meridian opposite the central one, degrees east in (−180, 180]:
    /// where the cone is cut open, so that positions just either side of it
    /// project to opposite edges of the map.
    pub fn cut_longitude_deg(&self) -> f64 {
        wrap_radians(self.lon0 + std::f64::consts::PI).to_degrees()
    }

    /// Whether the straight segment from `a` to `b` (longitude, latitude
    /// in degrees, less than 180° of longitude apart) crosses the cut
    /// meridian: projected, its ends land on opposite edges of the map and
    /// the segment runs the other way round, across the whole map.
    pub fn crosses_cut(&self, a: [f64; 2], b: [f64; 2]) -> bool {
        let relative = |lon: f64| wrap_radians(lon.to_radians() - self.lon0);
        (relative(a[0]) - relative(b[0])).abs() > std::f64::consts::PI
    }

    /// (Longitude, latitude) in degrees of a world position (km).
    pub fn lonlat_from_world(&self, world: [f64; 2]) -> [f64; 2] {
        let x = world[0] / EARTH_RADIUS_KM;
        let y = self.rho0 - world[1] / EARTH_RADIUS_KM;
        let rho = self.n.signum() * x.hypot(y);
        let theta = if self.n > 0.0 { x.atan2(y) } else { (-x).atan2(-y) };
        let lat = 2.0 * (self.f / rho).powf(1.0 / self.n).atan() - std::f64::consts::FRAC_PI_2;
        let lon = self.lon0 + theta / self.n;
        [lon.to_degrees(), lat.to_degrees()]
    }
}

/// Wraps an angle into (−π, π] so that longitudes either side of the
/// antimeridian project next to each other.
fn wrap_radians(angle: f64) -> f64 {
    let tau = std::f64::consts::TAU;
    let wrapped = (angle + std::f64::consts::PI).rem_euclid(tau) - std::f64::consts::PI;
    if wrapped <= -std::f64::consts::PI {
        wrapped + tau
    } else {
        wrapped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_projects_to_zero() {
        let p = Projection::drawdown();
        let [x, y] = p.world_from_lonlat([42.0, 33.5]);
        assert!(x.abs() < 1e-9 && y.abs() < 1e-9, "({x}, {y})");
    }

    #[test]
    fn round_trips_across_the_map() {
        let p = Projection::drawdown();
        for lon in (20..=62).step_by(3) {
            for lat in (18..=46).step_by(2) {
                let lonlat = [f64::from(lon) + 0.25, f64::from(lat) + 0.5];
                let back = p.lonlat_from_world(p.world_from_lonlat(lonlat));
                assert!((back[0] - lonlat[0]).abs() < 1e-9, "{lonlat:?} -> {back:?}");
                assert!((back[1] - lonlat[1]).abs() < 1e-9, "{lonlat:?} -> {back:?}");
            }
        }
    }

    #[test]
    fn the_cut_is_opposite_the_central_meridian() {
        let p = Projection::drawdown();
        assert!(
            (p.cut_longitude_deg() + 138.0).abs() < 1e-9,
            "{}",
            p.cut_longitude_deg()
        );
        assert!(p.crosses_cut([-140.0, 10.0], [-130.0, 10.0]));
        assert!(p.crosses_cut([-130.0, 10.0], [-140.0, 10.0]));
        assert!(!p.crosses_cut([40.0, 30.0], [50.0, 30.0]));
        // Across the antimeridian the short way: no cut there.
        assert!(!p.crosses_cut([179.0, 10.0], [-179.0, 10.0]));
        assert!(p.crosses_cut([-100.0, 10.0], [-170.0, 10.0]));
    }

    #[test]
    fn north_is_up_and_east_is_right() {
        let p = Projection::drawdown();
        let baghdad = p.world_from_lonlat([44.36, 33.31]);
        let erbil = p.world_from_lonlat([44.01, 36.19]);
        let basra = p.world_from_lonlat([47.78, 30.51]);
        assert!(erbil[1] > baghdad[1]);
        assert!(basra[0] > baghdad[0]);
    }

    #[test]
    fn distances_are_close_to_true_on_the_standard_parallels() {
        // Baghdad–Erbil is about 322 km along the great circle.
        let p = Projection::drawdown();
        let a = p.world_from_lonlat([44.36, 33.31]);
        let b = p.world_from_lonlat([44.01, 36.19]);
        let km = (a[0] - b[0]).hypot(a[1] - b[1]);
        assert!((km - 322.0).abs() < 5.0, "{km}");
    }
}
