//! Design tokens: every colour and text size the map uses, per theme.
//! Status colours come from the scenario; everything else lives here so
//! screen and export look the same and a theme is one table. Colours are
//! made nowhere else: `clippy.toml` disallows egui's colour constructors
//! outside this file.
#![expect(
    clippy::disallowed_methods,
    reason = "the design tokens: the one place where colours are made"
)]

use egui::{Color32, Stroke};

use crate::model::Rgb;

/// The look of the map and its overlays.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Theme {
    #[default]
    Light,
    Dark,
    /// High contrast for washed-out projectors: white ground, black lines,
    /// larger text.
    Projector,
}

impl Theme {
    pub const ALL: [Self; 3] = [Self::Light, Self::Dark, Self::Projector];

    /// The name the command line takes (`--theme projector`).
    pub fn id(self) -> &'static str {
        match self {
            Self::Light => "light",
            Self::Dark => "dark",
            Self::Projector => "projector",
        }
    }

    /// The theme named `id` ([`Self::id`]).
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.id() == id)
    }

    /// How the GUI names it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Light => "Light",
            Self::Dark => "Dark",
            Self::Projector => "Projector",
        }
    }

    pub fn is_dark(self) -> bool {
        self == Self::Dark
    }
}

/// Colours and proportions of one theme.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapStyle {
    pub theme: Theme,
    pub sea: Color32,
    pub context_fill: Color32,
    pub context_border: Stroke,
    /// Between governorates of the same region.
    pub internal_border: Stroke,
    /// Around each region (federal Iraq, Kurdistan Region, Syria).
    pub region_border: Stroke,
    pub hover_border: Stroke,
    pub text: Color32,
    pub muted_text: Color32,
    /// Outline drawn around map labels so they read on any fill.
    pub halo: Color32,
    pub panel_fill: Color32,
    pub panel_border: Stroke,
    pub city_marker: Color32,
    /// Ring, stroke and dots of a base marker and an incident's outline:
    /// dark on every theme, since they sit on the status fills, which are
    /// the same on every theme.
    pub marker_ring: Color32,
    /// Around a marker, keeping it apart from the fill under it.
    pub marker_halo: Color32,
    /// Outline of a region whose status just changed.
    pub pulse: Color32,
    /// Dashed outline of a region where the tracks disagree.
    pub disagree: Stroke,
    /// Dashed outline of a region where one track has no report but its
    /// last report agreed with the other: not confirmed either way.
    pub unconfirmed: Stroke,
    /// Multiplies every text size (the projector theme reads from the back
    /// of a room).
    pub text_scale: f32,
}

impl MapStyle {
    pub fn for_theme(theme: Theme) -> Self {
        match theme {
            Theme::Light => Self {
                theme,
                sea: Color32::from_rgb(0xd6, 0xe2, 0xea),
                context_fill: Color32::from_rgb(0xe8, 0xe5, 0xdf),
                context_border: Stroke::new(0.8, Color32::from_rgb(0xb4, 0xae, 0xa4)),
                // Each border is stroked once (see `geo::Borders`): nearly
                // opaque, so that districts still read on pale fills.
                internal_border: Stroke::new(0.7, Color32::from_rgba_unmultiplied(255, 255, 255, 240)),
                region_border: Stroke::new(2.2, Color32::from_rgb(0x20, 0x20, 0x20)),
                hover_border: Stroke::new(3.0, Color32::from_rgb(0x00, 0x00, 0x00)),
                text: Color32::from_rgb(0x16, 0x16, 0x16),
                muted_text: Color32::from_rgb(0x4a, 0x4a, 0x4a),
                halo: Color32::from_rgba_unmultiplied(255, 255, 255, 215),
                panel_fill: Color32::from_rgba_unmultiplied(255, 255, 255, 230),
                panel_border: Stroke::new(1.0, Color32::from_rgb(0xc8, 0xc8, 0xc8)),
                city_marker: Color32::from_rgb(0x16, 0x16, 0x16),
                marker_ring: Color32::from_rgb(0x16, 0x16, 0x16),
                marker_halo: Color32::from_rgba_unmultiplied(255, 255, 255, 215),
                pulse: Color32::from_rgb(0xcc, 0x79, 0xa7),
                disagree: Stroke::new(3.0, Color32::from_rgb(0xf0, 0xe4, 0x42)),
                unconfirmed: Stroke::new(3.0, Color32::from_rgb(0x56, 0xb4, 0xe9)),
                text_scale: 1.0,
            },
            Theme::Dark => Self {
                theme,
                sea: Color32::from_rgb(0x14, 0x1c, 0x26),
                context_fill: Color32::from_rgb(0x2a, 0x30, 0x3a),
                context_border: Stroke::new(0.8, Color32::from_rgb(0x4c, 0x55, 0x63)),
                internal_border: Stroke::new(0.7, Color32::from_rgba_unmultiplied(0, 0, 0, 220)),
                region_border: Stroke::new(2.2, Color32::from_rgb(0xf2, 0xf2, 0xf2)),
                hover_border: Stroke::new(3.0, Color32::from_rgb(0xff, 0xff, 0xff)),
                text: Color32::from_rgb(0xf2, 0xf2, 0xf2),
                muted_text: Color32::from_rgb(0xb8, 0xb8, 0xb8),
                halo: Color32::from_rgba_unmultiplied(0, 0, 0, 200),
                panel_fill: Color32::from_rgba_unmultiplied(0x10, 0x14, 0x1a, 230),
                panel_border: Stroke::new(1.0, Color32::from_rgb(0x3a, 0x42, 0x4e)),
                city_marker: Color32::from_rgb(0xf2, 0xf2, 0xf2),
                marker_ring: Color32::from_rgb(0x11, 0x11, 0x11),
                marker_halo: Color32::from_rgba_unmultiplied(0xf2, 0xf2, 0xf2, 220),
                pulse: Color32::from_rgb(0xf0, 0xe4, 0x42),
                disagree: Stroke::new(3.0, Color32::from_rgb(0x11, 0x11, 0x11)),
                unconfirmed: Stroke::new(3.0, Color32::from_rgb(0x56, 0xb4, 0xe9)),
                text_scale: 1.0,
            },
            Theme::Projector => Self {
                theme,
                sea: Color32::WHITE,
                context_fill: Color32::from_rgb(0xe4, 0xe4, 0xe4),
                context_border: Stroke::new(1.0, Color32::from_rgb(0x90, 0x90, 0x90)),
                internal_border: Stroke::new(1.0, Color32::WHITE),
                region_border: Stroke::new(3.2, Color32::BLACK),
                hover_border: Stroke::new(4.0, Color32::BLACK),
                text: Color32::BLACK,
                muted_text: Color32::from_rgb(0x20, 0x20, 0x20),
                halo: Color32::WHITE,
                panel_fill: Color32::from_rgba_unmultiplied(255, 255, 255, 240),
                panel_border: Stroke::new(1.5, Color32::BLACK),
                city_marker: Color32::BLACK,
                marker_ring: Color32::BLACK,
                marker_halo: Color32::WHITE,
                pulse: Color32::from_rgb(0xcc, 0x79, 0xa7),
                disagree: Stroke::new(4.0, Color32::from_rgb(0xf0, 0xe4, 0x42)),
                unconfirmed: Stroke::new(4.0, Color32::from_rgb(0x00, 0x72, 0xb2)),
                text_scale: 1.15,
            },
        }
    }
}

/// A region's fill on a date its track gives it no status.
pub const NO_STATUS_FILL: Color32 = Color32::GRAY;

/// The lines of the second and third troop groups (the first takes the
/// text colour): two Okabe–Ito hues that the status fills do not use.
pub const TROOP_GROUP_HUES: [Color32; 2] = [Color32::from_rgb(0xcc, 0x79, 0xa7), Color32::from_rgb(0x00, 0x9e, 0x73)];

/// The layout unit (points) at which the stroke widths above are drawn:
/// a map about 1080 points tall.
pub const REFERENCE_UNIT: f32 = 10.8;

impl MapStyle {
    /// The style with every line `factor` times as wide: exports larger
    /// than the reference keep the borders' weight relative to the picture.
    #[must_use]
    pub fn with_stroke_scale(&self, factor: f32) -> Self {
        let scale = |stroke: Stroke| Stroke::new(stroke.width * factor, stroke.color);
        Self {
            context_border: scale(self.context_border),
            internal_border: scale(self.internal_border),
            region_border: scale(self.region_border),
            hover_border: scale(self.hover_border),
            panel_border: scale(self.panel_border),
            disagree: scale(self.disagree),
            unconfirmed: scale(self.unconfirmed),
            ..*self
        }
    }
}

// ---------------------------------------------------------------------
// The map labels' sizes, in layout units (the unit already follows
// `text_scale`).

/// A region's name.
pub const REGION_LABEL_UNITS: f32 = 2.0;
/// A region's status, in its chip.
pub const CHIP_LABEL_UNITS: f32 = 1.45;
/// A city's name.
pub const CITY_LABEL_UNITS: f32 = 1.45;
/// A base's name at `text_scale` 1 ([`MapStyle::base_label_units`]).
pub const BASE_LABEL_UNITS: f32 = 1.25;
/// The least a base's name is, points: below it a name stops reading.
pub const BASE_LABEL_MIN_PT: f32 = 10.0;
/// The width of the line from a base's marker to a label set away from it.
pub const LEADER_LINE_UNITS: f32 = 0.12;
/// How much larger all text is while presenting (read from the back of
/// the room).
pub const PRESENTING_TEXT_SCALE: f32 = 1.3;

impl MapStyle {
    /// A base's name size in layout units. It grows faster than the rest
    /// of the text when the text is scaled up (the projector theme,
    /// presenting): a base's name is the smallest text the audience must
    /// read, and the one the briefing is about.
    pub fn base_label_units(&self) -> f32 {
        BASE_LABEL_UNITS * (1.0 + (self.text_scale - 1.0).clamp(0.0, 0.35))
    }

    /// The style while presenting: every text larger.
    #[must_use]
    pub fn presenting(self) -> Self {
        Self {
            text_scale: self.text_scale * PRESENTING_TEXT_SCALE,
            ..self
        }
    }
}

/// A scenario colour as an egui colour.
pub fn color32(rgb: Rgb) -> Color32 {
    Color32::from_rgb(rgb.r, rgb.g, rgb.b)
}

/// A classification banner's ground and text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BannerColors {
    pub fill: Color32,
    pub text: Color32,
}

/// The classification banners' colours: the usual ones for the usual
/// markings (the text black or white, whichever reads on the ground), a
/// neutral grey for any other text. The same on every theme: a marking's
/// colour is not a matter of taste.
pub mod banner {
    use super::{BannerColors, Color32};

    pub const UNCLASSIFIED: BannerColors = BannerColors {
        fill: Color32::from_rgb(0x00, 0x7a, 0x33),
        text: Color32::WHITE,
    };
    pub const CUI: BannerColors = BannerColors {
        fill: Color32::from_rgb(0x50, 0x2b, 0x85),
        text: Color32::WHITE,
    };
    pub const CONFIDENTIAL: BannerColors = BannerColors {
        fill: Color32::from_rgb(0x00, 0x33, 0xa0),
        text: Color32::WHITE,
    };
    pub const SECRET: BannerColors = BannerColors {
        fill: Color32::from_rgb(0xc8, 0x10, 0x2e),
        text: Color32::WHITE,
    };
    pub const TOP_SECRET: BannerColors = BannerColors {
        fill: Color32::from_rgb(0xff, 0x8c, 0x00),
        text: Color32::BLACK,
    };
    pub const OTHER: BannerColors = BannerColors {
        fill: Color32::from_rgb(0xd9, 0xd9, 0xd9),
        text: Color32::BLACK,
    };
}

// ---------------------------------------------------------------------
// The timeline chart's tokens, and the one incident colour. The chart
// follows egui's visuals (text, ground, selection) like every widget;
// what is its own is here.

/// The red-orange of an incident, on the map (a marker) and on the
/// timeline chart (a tick): apart from every status colour by its hue and,
/// with its dark outline and triangle, by its shape.
pub const INCIDENT_COLOR: Color32 = Color32::from_rgb(0xE8, 0x3A, 0x1E);

/// The timeline chart's own colours and shades: the status bands are the
/// scenario's colours, these are the rest.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChartStyle {
    /// Incident ticks: the map's [`INCIDENT_COLOR`].
    pub incident: Color32,
    /// A band's text on a light status colour.
    pub band_text_on_light: Color32,
    /// A band's text on a dark status colour.
    pub band_text_on_dark: Color32,
    /// The relative luminance above which a status colour counts as light:
    /// where black and white text have the same contrast on it.
    pub light_fill_luminance: f32,
    /// How far towards the plot's ground a band's colour goes where a base
    /// shows its region's status: lighter than the base's own reports, and
    /// opaque, so that the grid does not stripe it.
    pub follows_region_fade: f32,
    /// Opacity of a milestone's line over the regions' bands (the text
    /// colour's): seen, but under the cursor.
    pub milestone_line_opacity: f32,
    /// Opacity of a milestone's line across the base rows: fainter, since
    /// there are many more rows under it.
    pub base_milestone_line_opacity: f32,
}

impl ChartStyle {
    /// The chart's tokens, the same on every theme: the chart's ground and
    /// text are egui's, the status colours the scenario's.
    pub const STANDARD: Self = Self {
        incident: INCIDENT_COLOR,
        band_text_on_light: Color32::BLACK,
        band_text_on_dark: Color32::WHITE,
        light_fill_luminance: 0.179,
        follows_region_fade: 0.6,
        milestone_line_opacity: 0.55,
        base_milestone_line_opacity: 0.35,
    };

    /// The text colour that reads on a band of status colour `fill`.
    pub fn band_text(&self, fill: Rgb) -> Color32 {
        if fill.relative_luminance() > self.light_fill_luminance {
            self.band_text_on_light
        } else {
            self.band_text_on_dark
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_theme_is_found_by_its_id_and_ids_are_lowercase_labels() {
        for theme in Theme::ALL {
            assert_eq!(Theme::from_id(theme.id()), Some(theme));
            assert_eq!(theme.id(), theme.label().to_lowercase());
        }
        assert_eq!(Theme::from_id("Projector"), None, "ids are exact");
    }

    #[test]
    fn band_text_is_black_on_light_statuses_and_white_on_dark_ones() {
        let chart = ChartStyle::STANDARD;
        let text_on = |hex: &str| chart.band_text(Rgb::from_hex(hex).unwrap());
        assert_eq!(text_on("#f0e442"), Color32::BLACK, "yellow");
        assert_eq!(text_on("#ffffff"), Color32::BLACK);
        assert_eq!(text_on("#0072b2"), Color32::WHITE, "blue");
        assert_eq!(text_on("#000000"), Color32::WHITE);
        assert_eq!(chart.incident, INCIDENT_COLOR, "one incident colour, map and chart");
    }
}
