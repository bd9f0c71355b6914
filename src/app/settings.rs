//! What persists between runs (eframe storage): date, track, view, layers,
//! theme, playback speed.

use crate::render::{MapView, Theme};

/// Map layers the briefer can switch off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Layers {
    pub cities: bool,
    pub bases: bool,
    pub region_labels: bool,
    pub legend: bool,
    /// The timeline chart under the map.
    pub chart: bool,
}

impl Default for Layers {
    fn default() -> Self {
        Self {
            cities: true,
            bases: true,
            region_labels: true,
            legend: true,
            chart: true,
        }
    }
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    /// YYYY-MM-DD; a string so that a stale or hand-edited value is
    /// checked on load rather than trusted.
    pub date: Option<String>,
    /// Track id.
    pub track: Option<String>,
    pub view: MapView,
    pub theme: Theme,
    pub layers: Layers,
    pub speed_days_per_sec: f64,
    pub looping: bool,
    pub greyscale: bool,
    pub compare: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            date: None,
            track: None,
            view: MapView::HOME,
            theme: Theme::Light,
            layers: Layers::default(),
            speed_days_per_sec: 30.44,
            looping: false,
            greyscale: false,
            compare: false,
        }
    }
}
