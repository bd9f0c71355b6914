//! A brief's furniture over a picture of the map: the classification
//! banner along the top and the bottom, the logo, the stop's title, and
//! callouts (a text box with an arrow to a place). Every canvas takes
//! it, so that a slide, a book's page, a video's frame and the window
//! show the same marks.
//!
//! It is painted around the composition, not as one of its layers
//! ([`super::MapLayer`]): the banners take bands of the whole picture
//! (both maps of a comparison share them) and the map is laid out in what
//! they leave ([`Furniture::map_area`]); the callouts are painted on each
//! map with that map's transform ([`Furniture::paint_callouts`]); the
//! banners, title and logo over the whole picture last
//! ([`Furniture::paint_frame`]). Its inputs are plain values (text, a
//! marking, a lon/lat), so that it knows nothing of the story file that
//! fills them.

use std::sync::Arc;

use egui::{Align2, Pos2, Rect, Stroke, Vec2, pos2, vec2};

pub use super::canvas::Logo;
use super::canvas::{Canvas, TextSpec};
use super::scene::MapLayout;
use super::style::{BannerColors, MapStyle};
use super::style::{CITY_LABEL_UNITS, legible_pt};
use super::view::ScreenFromWorld;
use crate::geo::MapGeometry;

/// A classification marking, by its banner's colour: the usual colours
/// for the usual markings, a neutral one for any other text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Marking {
    Unclassified,
    /// Controlled unclassified information.
    Cui,
    Confidential,
    Secret,
    TopSecret,
    /// Any other text (a caveat, a release marking).
    Other,
}

impl Marking {
    /// The marking a banner's text starts with (`SECRET//REL TO …` is
    /// secret), in any case; anything else is [`Self::Other`].
    pub fn of_text(text: &str) -> Self {
        let upper = text.trim().to_uppercase();
        let starts = |prefix: &str| {
            upper
                .strip_prefix(prefix)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(|c: char| !c.is_alphanumeric()))
        };
        if starts("TOP SECRET") {
            Self::TopSecret
        } else if starts("SECRET") {
            Self::Secret
        } else if starts("CONFIDENTIAL") {
            Self::Confidential
        } else if starts("CUI") || starts("CONTROLLED UNCLASSIFIED INFORMATION") || starts("CONTROLLED") {
            Self::Cui
        } else if starts("UNCLASSIFIED") {
            Self::Unclassified
        } else {
            Self::Other
        }
    }
}

/// A banner's ground and text colours for `marking`: the usual colours
/// for the usual markings, a neutral one for any other text.
pub fn banner_colors(marking: Marking) -> BannerColors {
    use super::style::banner;
    match marking {
        Marking::Unclassified => banner::UNCLASSIFIED,
        Marking::Cui => banner::CUI,
        Marking::Confidential => banner::CONFIDENTIAL,
        Marking::Secret => banner::SECRET,
        Marking::TopSecret => banner::TOP_SECRET,
        Marking::Other => banner::OTHER,
    }
}

/// A classification banner: its text and the marking that colours it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Banner {
    pub text: String,
    pub marking: Marking,
}

impl Banner {
    /// The banner of `text`, coloured by the marking it starts with
    /// ([`Marking::of_text`]).
    pub fn of_text(text: &str) -> Self {
        Self {
            text: text.trim().to_owned(),
            marking: Marking::of_text(text),
        }
    }
}

/// A text box with an arrow to a place.
#[derive(Clone, Debug, PartialEq)]
pub struct Callout {
    pub text: String,
    /// Where the arrow points: longitude, latitude in degrees.
    pub lonlat: [f64; 2],
}

/// What a brief puts over a picture of the map; all of it optional.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Furniture {
    /// Along the top and the bottom of the picture.
    pub banner: Option<Banner>,
    /// At the right end of the headline, or in the top right corner of
    /// the map without one.
    pub logo: Option<Arc<Logo>>,
    /// A headline in a band over the map (a stop's title), one row.
    pub title: Option<String>,
    pub callouts: Vec<Callout>,
    /// Also show the title as a card in the middle of the map (a video's
    /// first moments at a stop).
    pub card: bool,
}

/// A banner's height, layout units.
const BANNER_U: f32 = 2.6;
/// A banner's text, layout units.
const BANNER_TEXT_U: f32 = 1.5;
/// The headline's text, layout units.
const TITLE_TEXT_U: f32 = 2.6;
/// The title card's text, layout units.
const CARD_TEXT_U: f32 = 4.4;
/// The headline's band, layout units: a row of its text and a margin.
const HEADLINE_U: f32 = 4.6;
/// The logo's height, layout units.
const LOGO_U: f32 = 7.0;
/// A callout's text, layout units: a region's name, larger than the
/// places' names, to be read from the back of the room.
const CALLOUT_TEXT_U: f32 = 2.0;
/// The widest a callout's text runs before it wraps, layout units (and
/// never more than [`CALLOUT_WRAP_SHARE`] of the map's width).
const CALLOUT_WRAP_U: f32 = 40.0;
/// The widest a callout's box is, as a share of the map's width.
const CALLOUT_WRAP_SHARE: f32 = 0.45;
/// The most rows of a callout's text; the rest is elided.
const CALLOUT_MAX_ROWS: usize = 4;
/// How far a callout's box stands from the place it points to, layout units.
const CALLOUT_GAP_U: f32 = 5.0;

impl Furniture {
    /// Whether there is nothing to paint.
    pub fn is_empty(&self) -> bool {
        self.banner.is_none() && self.logo.is_none() && self.title.is_none() && self.callouts.is_empty()
    }

    /// The layout unit of a picture `area` (the map's own, so that the
    /// furniture grows with the map's text).
    fn unit(area: Rect, style: &MapStyle) -> f32 {
        MapLayout::new(area, style).unit
    }

    /// The heights of the bands the furniture takes at the top (a
    /// banner, then the headline) and the bottom (a banner) of a picture
    /// `area`, points.
    pub fn bands(&self, area: Rect, style: &MapStyle) -> [f32; 2] {
        let u = Self::unit(area, style);
        let banner = if self.banner.is_some() { BANNER_U * u } else { 0.0 };
        let headline = if self.headline().is_some() { HEADLINE_U * u } else { 0.0 };
        [banner + headline, banner]
    }

    /// The part of the picture `area` the map is laid out in: all of it
    /// but the bands ([`Self::bands`]).
    pub fn map_area(&self, area: Rect, style: &MapStyle) -> Rect {
        let [top, bottom] = self.bands(area, style);
        let inner = Rect::from_min_max(area.min + vec2(0.0, top), area.max - vec2(0.0, bottom));
        if inner.is_positive() { inner } else { area }
    }

    /// The title, if it has text.
    fn headline(&self) -> Option<&str> {
        self.title.as_deref().filter(|t| !t.trim().is_empty())
    }

    /// The banners, the headline and the logo over the picture `area`,
    /// whose maps were laid out in `map_area` (about [`Self::map_area`],
    /// rounded to pixels by a raster canvas): the banners fill the bands
    /// above and below it, the headline its band under the top banner.
    /// Painted last.
    pub fn paint_frame(&self, area: Rect, map_area: Rect, style: &MapStyle, canvas: &mut dyn Canvas) {
        let u = Self::unit(area, style);
        let banner_h = if self.banner.is_some() { BANNER_U * u } else { 0.0 };
        let headline_band = Rect::from_min_max(
            pos2(area.left(), area.top() + banner_h),
            pos2(area.right(), map_area.top()),
        );
        if let Some(banner) = &self.banner {
            let colors = banner_colors(banner.marking);
            canvas.begin_item(&format!("Classification: {}", banner.text));
            for rect in [
                Rect::from_min_max(area.min, pos2(area.right(), headline_band.top())),
                Rect::from_min_max(pos2(area.left(), map_area.bottom()), area.max),
            ] {
                canvas.rect(rect, 0.0, colors.fill, Stroke::NONE);
                let spec = TextSpec {
                    text: &banner.text,
                    size: BANNER_TEXT_U * u,
                    color: colors.text,
                    halo: None,
                    wrap_width: Some(rect.width() - 2.0 * u),
                    max_rows: Some(1),
                };
                canvas.text(&spec, rect.center(), Align2::CENTER_CENTER);
            }
            canvas.end_item();
        }
        let margin = 1.6 * u;
        let headline = self.headline().filter(|_| headline_band.height() > 0.0);
        let logo_rect = self.logo.as_ref().map(|logo| {
            // In the headline's band, at its right end; else in the map's
            // top right corner.
            let height = if headline.is_some() {
                headline_band.height() - 0.8 * u
            } else {
                LOGO_U * u
            };
            #[expect(clippy::cast_precision_loss, reason = "at most MAX_LOGO_SIDE_PX")]
            let aspect = logo.width as f32 / logo.height.max(1) as f32;
            let size = vec2((height * aspect).min(3.0 * height), height);
            let top = if headline.is_some() {
                headline_band.top() + 0.4 * u
            } else {
                map_area.top() + margin
            };
            Rect::from_min_size(pos2(area.right() - margin - size.x, top), size)
        });
        if let Some(title) = headline {
            canvas.begin_item("Title");
            canvas.rect(headline_band, 0.0, style.panel_fill, Stroke::NONE);
            canvas.line_segment(
                [headline_band.left_bottom(), headline_band.right_bottom()],
                style.panel_border,
            );
            let reserve = logo_rect.map_or(0.0, |r| r.width() + margin);
            let spec = TextSpec {
                text: title,
                size: TITLE_TEXT_U * u,
                color: style.text,
                halo: None,
                wrap_width: Some((headline_band.width() - 2.0 * (reserve + margin)).max(10.0 * u)),
                max_rows: Some(1),
            };
            canvas.text(&spec, headline_band.center(), Align2::CENTER_CENTER);
            canvas.end_item();
        }
        if let Some(title) = headline.filter(|_| self.card) {
            let spec = TextSpec {
                text: title,
                size: CARD_TEXT_U * u,
                color: style.text,
                halo: None,
                wrap_width: Some(map_area.width() * 0.6),
                max_rows: Some(3),
            };
            let size = canvas.measure(&spec) + vec2(6.0 * u, 4.0 * u);
            let card = Rect::from_center_size(map_area.center(), size);
            canvas.begin_item("Title card");
            canvas.rect(card, 1.2 * u, style.panel_fill, style.panel_border);
            canvas.text(&spec, card.center(), Align2::CENTER_CENTER);
            canvas.end_item();
        }
        if let (Some(logo), Some(rect)) = (&self.logo, logo_rect) {
            canvas.begin_item("Logo");
            canvas.image(rect, logo);
            canvas.end_item();
        }
    }

    /// The callouts on one map, shown by `to_screen` in the map's whole
    /// area `map_rect` (as [`MapLayout`] lays it out): each a box with an
    /// arrow to its place, the box kept inside the map proper (clear of
    /// the title block, the legend and the source line), off its place
    /// and off the boxes before it. Returns the boxes.
    pub fn paint_callouts(
        &self,
        geometry: &MapGeometry,
        to_screen: &ScreenFromWorld,
        map_rect: Rect,
        style: &MapStyle,
        canvas: &mut dyn Canvas,
    ) -> Vec<Rect> {
        let layout = MapLayout::new(map_rect, style);
        let u = layout.unit;
        let bounds = layout.fit_rect.shrink(1.0 * u);
        let text_size = legible_pt(CALLOUT_TEXT_U, u).max(legible_pt(CITY_LABEL_UNITS, u));
        let wrap_limit = (CALLOUT_WRAP_U * u)
            .min(bounds.width() * CALLOUT_WRAP_SHARE)
            .max(10.0 * text_size);
        let mut boxes: Vec<Rect> = Vec::with_capacity(self.callouts.len());
        for callout in &self.callouts {
            let [lon, lat] = callout.lonlat;
            let target = to_screen.screen_from_world(geometry.world_from_lonlat(lon, lat));
            if !(target.x.is_finite() && target.y.is_finite()) {
                continue;
            }
            let on_map = bounds.contains(target);
            let spec = TextSpec {
                text: &callout.text,
                size: text_size,
                color: style.text,
                halo: None,
                wrap_width: Some(callout_wrap_width(&callout.text, text_size, wrap_limit, canvas)),
                max_rows: Some(CALLOUT_MAX_ROWS),
            };
            let pad = vec2(0.8 * text_size, 0.5 * text_size);
            let size = canvas.measure(&spec) + pad;
            let placed = place_callout(bounds.clamp(target), size, CALLOUT_GAP_U * u, bounds, &boxes);
            canvas.begin_item(&format!("Callout: {}", callout.text));
            if on_map {
                paint_arrow(placed, target, u, style, canvas);
            }
            canvas.rect(placed, 0.6 * u, style.panel_fill, Stroke::new(0.15 * u, style.text));
            canvas.text(&spec, placed.center(), Align2::CENTER_CENTER);
            canvas.end_item();
            boxes.push(placed);
        }
        boxes
    }
}

/// The width a callout's `text` at `size` wraps at: its own width where
/// that is within `limit` (one row), else rows of about equal width, so
/// that a word is never left alone on the last row ("11 / Feb"). Text
/// wraps between words only.
fn callout_wrap_width(text: &str, size: f32, limit: f32, canvas: &mut dyn Canvas) -> f32 {
    let one_row = canvas
        .measure(&TextSpec {
            text,
            size,
            color: egui::Color32::BLACK,
            halo: None,
            wrap_width: None,
            max_rows: None,
        })
        .x;
    if one_row <= limit {
        // A little over, so that the row laid out again does not wrap.
        return one_row + 0.5 * size;
    }
    #[expect(clippy::cast_precision_loss, reason = "at most CALLOUT_MAX_ROWS")]
    let rows = (one_row / limit).ceil().min(CALLOUT_MAX_ROWS as f32);
    // A word longer than the share still takes the limit.
    (one_row / rows + 2.0 * size).min(limit)
}

/// An arrow from the edge of `from` to `target`, its head at the target.
fn paint_arrow(from: Rect, target: Pos2, u: f32, style: &MapStyle, canvas: &mut dyn Canvas) {
    let start = from.clamp(target);
    let along = target - start;
    let length = along.length();
    if length < 1.0 * u {
        return;
    }
    let dir = along / length;
    let normal = vec2(-dir.y, dir.x);
    let head = 1.4 * u;
    let base = target - dir * head;
    let stroke = Stroke::new(0.3 * u, style.text);
    // A halo under the line keeps it apart from the fills it crosses.
    canvas.line_segment([start, base], Stroke::new(0.7 * u, style.halo));
    canvas.line_segment([start, base], stroke);
    let points = [target, base + normal * 0.6 * u, base - normal * 0.6 * u];
    canvas.convex_polygon(&points, style.text, Stroke::new(0.1 * u, style.halo));
}

/// Where a callout's box of `size` goes for a place at `target`: `gap`
/// away from it in the first direction (up-right, up-left, down-right,
/// down-left, right, left, up, down) where the box lies inside `bounds`
/// and meets none of `taken`; failing that, the first that lies inside
/// `bounds`, then the first, moved inside `bounds`. A box never covers
/// its place unless `bounds` is too small to leave it free.
pub fn place_callout(target: Pos2, size: Vec2, gap: f32, bounds: Rect, taken: &[Rect]) -> Rect {
    let diagonal = gap * std::f32::consts::FRAC_1_SQRT_2;
    let candidates: [(Vec2, Align2); 8] = [
        (vec2(diagonal, -diagonal), Align2::LEFT_BOTTOM),
        (vec2(-diagonal, -diagonal), Align2::RIGHT_BOTTOM),
        (vec2(diagonal, diagonal), Align2::LEFT_TOP),
        (vec2(-diagonal, diagonal), Align2::RIGHT_TOP),
        (vec2(gap, 0.0), Align2::LEFT_CENTER),
        (vec2(-gap, 0.0), Align2::RIGHT_CENTER),
        (vec2(0.0, -gap), Align2::CENTER_BOTTOM),
        (vec2(0.0, gap), Align2::CENTER_TOP),
    ];
    let boxes = candidates.map(|(offset, anchor)| anchor.anchor_size(target + offset, size));
    let inside = |r: &Rect| bounds.contains_rect(*r);
    let free = |r: &Rect| !taken.iter().any(|t| t.intersects(*r));
    if let Some(best) = boxes.iter().find(|r| inside(r) && free(r)) {
        return *best;
    }
    // Moved inside the bounds, a box that still leaves its place free.
    let moved = boxes.map(|r| move_inside(r, bounds));
    let clear = |r: &Rect| !r.expand(0.5 * gap).contains(target);
    moved
        .iter()
        .find(|r| clear(r) && free(r))
        .or_else(|| moved.iter().find(|r| clear(r)))
        .copied()
        .unwrap_or(moved[0])
}

/// `rect` moved (not resized) to lie inside `bounds` where it fits.
fn move_inside(rect: Rect, bounds: Rect) -> Rect {
    let dx = if rect.left() < bounds.left() {
        bounds.left() - rect.left()
    } else if rect.right() > bounds.right() {
        (bounds.right() - rect.right()).max(bounds.left() - rect.left())
    } else {
        0.0
    };
    let dy = if rect.top() < bounds.top() {
        bounds.top() - rect.top()
    } else if rect.bottom() > bounds.bottom() {
        (bounds.bottom() - rect.bottom()).max(bounds.top() - rect.top())
    } else {
        0.0
    };
    rect.translate(vec2(dx, dy))
}

#[cfg(test)]
mod tests {
    use egui::Color32;

    use super::*;

    #[test]
    fn each_marking_has_its_own_banner_colour_and_a_banner_reads_its_text() {
        assert_eq!(Banner::of_text(" SECRET//REL TO USA, GBR ").marking, Marking::Secret);
        assert_eq!(Banner::of_text("TOP SECRET//SCI").marking, Marking::TopSecret);
        assert_eq!(Banner::of_text("Draft for discussion").marking, Marking::Other);
        let grounds: Vec<Color32> = [
            Marking::Unclassified,
            Marking::Cui,
            Marking::Confidential,
            Marking::Secret,
            Marking::TopSecret,
            Marking::Other,
        ]
        .map(|m| banner_colors(m).fill)
        .to_vec();
        for (i, a) in grounds.iter().enumerate() {
            assert!(grounds[i + 1..].iter().all(|b| b != a), "each marking its own colour");
        }
    }

    #[test]
    fn a_callout_stays_inside_the_bounds_off_its_place_and_off_the_boxes_before_it() {
        let bounds = Rect::from_min_size(Pos2::ZERO, vec2(800.0, 450.0));
        let size = vec2(160.0, 40.0);
        let targets = [
            pos2(400.0, 225.0),
            pos2(5.0, 5.0),
            pos2(795.0, 5.0),
            pos2(5.0, 445.0),
            pos2(795.0, 445.0),
            pos2(400.0, 2.0),
            pos2(790.0, 225.0),
        ];
        for target in targets {
            let placed = place_callout(target, size, 30.0, bounds, &[]);
            assert!(bounds.contains_rect(placed), "{target:?}: {placed:?}");
            assert!(!placed.contains(target), "{target:?} covered by {placed:?}");
            assert_eq!(placed.size(), size);
        }
        let first = place_callout(pos2(400.0, 225.0), size, 30.0, bounds, &[]);
        let second = place_callout(pos2(405.0, 228.0), size, 30.0, bounds, &[first]);
        assert!(!second.intersects(first), "{first:?} and {second:?}");
        assert!(!second.contains(pos2(405.0, 228.0)));
    }

    #[test]
    fn a_large_logo_is_scaled_down_keeping_its_aspect_and_colour() {
        let logo = Logo {
            width: 1024,
            height: 256,
            rgba: [200, 10, 20, 255].repeat(1024 * 256),
        };
        let small = logo.scaled_within(128);
        assert_eq!((small.width, small.height), (128, 32));
        assert_eq!(small.pixel(64, 16), Some([200, 10, 20, 255]));
        assert_eq!(small.rgba.len(), 128 * 32 * 4);
    }

    #[test]
    fn a_logo_decodes_from_png_of_any_colour_type() {
        let mut bytes = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut bytes, 2, 1);
            encoder.set_color(png::ColorType::Rgb);
            let mut writer = encoder.write_header().unwrap();
            writer.write_image_data(&[255, 0, 0, 0, 0, 255]).unwrap();
        }
        let logo = Logo::from_png(&bytes).unwrap();
        assert_eq!((logo.width, logo.height), (2, 1));
        assert_eq!(logo.pixel(0, 0), Some([255, 0, 0, 255]));
        assert_eq!(logo.pixel(1, 0), Some([0, 0, 255, 255]));
        assert!(Logo::from_png(b"not a png").unwrap_err().contains("not a PNG"));
    }
}
