//! Headless image export, shared by the GUI and the CLI.
//!
//! The image is painted by the screen's own composition
//! ([`crate::render::paint_map`]) on a CPU canvas ([`CpuCanvas`]), so an
//! exported slide shows exactly what the briefer framed in the app's home
//! view — title, phase, milestone, legend, source line and credit
//! included — with no display and no GPU, and the same bytes on every
//! machine. [`mod@format`] names the formats and [`mod@image`] renders
//! and writes one image in the format its name says; [`crate::atomic_write`]
//! puts files in place atomically. A sequence is a list of frames
//! ([`frame`]: what each shows, and their parallel renderer) and a list of
//! outputs ([`output`]); [`plan`] builds it from what the user asked for,
//! [`checked`] checks every output's files before anything is rendered,
//! and [`sequence`] conducts it through the writers ([`png_frames`],
//! [`animated_gif`], [`mp4`], [`pptx`], [`pdf`]), which know frames, not
//! the request. The shared types and the one-image renderer live here;
//! the modules import them, never the reverse. The command line
//! (`drawdown export`) and the GUI are both callers:
//! nothing here knows either, and errors speak of the request, not of the
//! flags or buttons that made it.
//!
//! Why a CPU path renderer (tiny-skia) rather than egui's own GPU path
//! offscreen: on a machine without a GPU, wgpu's software adapters cost
//! ~275 ms per 1080p frame and need a Vulkan or GL driver installed;
//! tiny-skia needs neither and renders a 1080p frame in milliseconds.

pub mod animated_gif;
pub mod base_cache;
pub mod checked;
pub mod format;
pub mod frame;
pub mod image;
pub mod mp4;
pub mod names;
pub mod output;
pub mod pdf;
pub mod plan;
pub mod png_frames;
pub mod pptx;
pub mod sequence;
pub mod story;
pub mod svg;
pub mod workers;

use std::fmt;
use std::str::FromStr;
use std::sync::{LazyLock, Mutex, PoisonError};

use egui::{Pos2, Rect, Stroke, Vec2, pos2, vec2};
use tiny_skia::Pixmap;

pub use self::animated_gif::DEFAULT_GIF_FPS;
pub use self::base_cache::BaseLayerCache;
pub use self::format::{FormatError, ImageFormat};
pub use self::frame::{Frame, Step};
pub use self::image::{write_furnished_image, write_image};
pub use self::names::{default_file_name, frame_name_pattern, gif_file_name};
pub use self::output::{OutputKind, SequenceOutput};
#[cfg(feature = "testing")]
pub use self::pdf::{BookPage, book_pages, pdf_book, render_pdf, write_pdf_book};
pub use self::plan::{FrameDates, SequenceSpec, plan_sequence};
pub use self::sequence::{SequenceRequest, export_sequence};
#[cfg(feature = "testing")]
pub use self::svg::render_svg;
use crate::atomic_write::WriteError;
use crate::inputs::LoadedInputs;
use crate::model::{Date, TrackIdx, TrackLayout};
use crate::render::canvas::VectorCanvas;
use crate::render::view::GeoBox;
use crate::render::{
    BaseLayerKey, Canvas, CpuCanvas, Furniture, LayerSet, MapEffects, MapLayer, MapLayout, MapScene, MapStyle, MapView,
    PaintPass, TextEngine, Theme, paint_map_pass, paint_map_raster,
};

/// Most frames one sequence may have (daily over 27 years).
pub const MAX_FRAMES: usize = 10_000;

/// Frames per second a GIF or a video may have (GIF delays are whole
/// hundredths).
pub const FPS_RANGE: std::ops::RangeInclusive<u16> = 1..=50;

/// Largest image side, pixels (after `scale`): 16384² RGBA is 1 GiB.
pub const MAX_SIDE_PX: u32 = 16_384;

/// The size of an image when none is asked for, pixels at scale 1: a Full
/// HD slide. The command line's default and the dialog's presets use it.
pub const DEFAULT_SIZE_PX: [u32; 2] = [1920, 1080];

/// Smallest and largest `scale` (pixels per point).
pub const SCALE_RANGE: std::ops::RangeInclusive<f32> = 0.25..=8.0;

/// How to render one image.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ExportOptions {
    /// The image's size in pixels at scale 1, i.e. in layout points; the
    /// image is `size_px × scale` pixels (see [`Self::output_size_px`]).
    pub size_px: [u32; 2],
    /// Pixels per point: 2 renders the same picture at twice the pixels,
    /// with text rasterised at that size (crisp, not upscaled).
    pub scale: f32,
    pub theme: Theme,
    /// The layers shown over the map (the troop-levels panel is drawn
    /// with the panels, so a sequence's shared map does not change).
    pub layers: LayerSet,
    /// No background: the sea and the area around the map stay transparent.
    pub transparent: bool,
    /// The user's today: on a track without a record, a date after it
    /// reads "Plan — not yet reached". `None` (the default) leaves the
    /// line out, so that an export does not depend on the clock; the CLI
    /// and the window pass their today.
    pub today: Option<Date>,
    /// What part of the map shows: the home view unless asked.
    pub view: ExportView,
    /// A PDF book's page.
    pub page: PageSize,
}

/// The page of a PDF book.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PageSize {
    /// The map's own size (a 1920×1080 map is a 20 × 11.25 inch page).
    #[default]
    Wide,
    /// A4 landscape; the map fitted to it.
    A4,
    /// US Letter landscape; the map fitted to it.
    Letter,
}

impl PageSize {
    pub const ALL: [Self; 3] = [Self::Wide, Self::A4, Self::Letter];

    /// The name the command line takes (`--page a4`).
    pub fn id(self) -> &'static str {
        match self {
            Self::Wide => "16:9",
            Self::A4 => "a4",
            Self::Letter => "letter",
        }
    }

    /// The page named `id` ([`Self::id`]).
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.id() == id)
    }

    /// The page's width and height in PDF points; `None`: the map's own
    /// size.
    pub fn points(self) -> Option<[f32; 2]> {
        match self {
            Self::Wide => None,
            Self::A4 => Some([841.89, 595.28]),
            Self::Letter => Some([792.0, 612.0]),
        }
    }
}

/// What part of the map an export shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ExportView {
    /// A view as the window keeps it (zoom and centre, whatever the
    /// size): the window's current view, or the home view.
    Map(MapView),
    /// A box of longitude and latitude, shown as large as it fits.
    Box(GeoBox),
    /// A fraction `t` (0 to 1) of the way from one box (`None`: the home
    /// view) to another: a video's move between two stops, the centre
    /// moving evenly and the zoom by equal factors.
    Between {
        from: Option<GeoBox>,
        to: Option<GeoBox>,
        t: f32,
    },
}

impl Default for ExportView {
    fn default() -> Self {
        Self::Map(MapView::HOME)
    }
}

impl ExportView {
    /// The view of the map laid out in `fit_rect` (the area the home
    /// view fills).
    pub fn map_view(&self, data: &LoadedInputs, fit_rect: Rect) -> MapView {
        let geometry = &data.geometry;
        let framing = |geo_box: &Option<GeoBox>| match geo_box {
            Some(geo_box) => MapView::framing(
                geo_box,
                |lon, lat| geometry.world_from_lonlat(lon, lat),
                geometry.bounds,
                fit_rect,
            ),
            None => MapView::HOME,
        };
        match self {
            Self::Map(view) => *view,
            Self::Box(geo_box) => framing(&Some(*geo_box)),
            Self::Between { from, to, t } => {
                let (a, b) = (framing(from), framing(to));
                let home = geometry.bounds.center();
                let centre = |v: &MapView| v.centre.map_or(home, |[x, y]| pos2(x, y));
                let t = t.clamp(0.0, 1.0);
                let c = centre(&a).lerp(centre(&b), t);
                MapView {
                    centre: Some([c.x, c.y]),
                    zoom: a.zoom.max(1e-3) * (b.zoom.max(1e-3) / a.zoom.max(1e-3)).powf(t),
                }
            }
        }
    }
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self {
            size_px: DEFAULT_SIZE_PX,
            scale: 1.0,
            theme: Theme::Light,
            layers: LayerSet::default(),
            transparent: false,
            today: None,
            view: ExportView::default(),
            page: PageSize::default(),
        }
    }
}

impl ExportOptions {
    /// The image's size in pixels: `size_px × scale`, rounded.
    pub fn output_size_px(&self) -> [u32; 2] {
        self.size_px.map(|side| {
            let scaled = (f64::from(side) * f64::from(self.scale)).round();
            #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "clamped")]
            let px = scaled.clamp(0.0, f64::from(u32::MAX)) as u32;
            px
        })
    }

    /// The area the composition lays out, in points.
    pub fn logical_rect(&self) -> Rect {
        let [w, h] = self.output_size_px();
        #[expect(clippy::cast_precision_loss, reason = "at most 16384")]
        let size = vec2(w as f32, h as f32) / self.scale;
        Rect::from_min_size(Pos2::ZERO, size)
    }

    /// Checks the size and scale.
    pub fn validate(&self) -> Result<(), ExportError> {
        if !(self.scale.is_finite() && SCALE_RANGE.contains(&self.scale)) {
            return Err(ExportError::Invalid(format!(
                "scale {} is out of range: expected {} to {}",
                self.scale,
                SCALE_RANGE.start(),
                SCALE_RANGE.end()
            )));
        }
        let [w, h] = self.output_size_px();
        if w == 0 || h == 0 || w > MAX_SIDE_PX || h > MAX_SIDE_PX {
            return Err(ExportError::Invalid(format!(
                "image size {w}x{h} px ({} at scale {}) is out of range: each side must be 1 to {MAX_SIDE_PX} px",
                ImageSize::from(self.size_px),
                self.scale
            )));
        }
        Ok(())
    }
}

/// `WIDTHxHEIGHT`, e.g. `1920x1080`: an image size as a user types it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImageSize {
    pub width: u32,
    pub height: u32,
}

impl From<[u32; 2]> for ImageSize {
    fn from([width, height]: [u32; 2]) -> Self {
        Self { width, height }
    }
}

impl From<ImageSize> for [u32; 2] {
    fn from(size: ImageSize) -> Self {
        [size.width, size.height]
    }
}

impl fmt::Display for ImageSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}x{}", self.width, self.height)
    }
}

impl FromStr for ImageSize {
    type Err = String;

    /// Parses `1920x1080` (also `1920X1080`, `1920×1080`); each side 1 to
    /// [`MAX_SIDE_PX`].
    fn from_str(text: &str) -> Result<Self, String> {
        let bad = |why: &str| format!("\"{text}\" is not an image size: {why} (expected WIDTHxHEIGHT, e.g. 1920x1080)");
        let t = text.trim();
        let (w, h) = t
            .split_once(['x', 'X', '×'])
            .ok_or_else(|| bad("no 'x' between width and height"))?;
        let side = |s: &str, name: &str| -> Result<u32, String> {
            let v: u32 = s
                .trim()
                .parse()
                .map_err(|_| bad(&format!("the {name} is not a whole number")))?;
            if v == 0 || v > MAX_SIDE_PX {
                return Err(bad(&format!("the {name} must be 1 to {MAX_SIDE_PX} px")));
            }
            Ok(v)
        };
        Ok(Self {
            width: side(w, "width")?,
            height: side(h, "height")?,
        })
    }
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// A request that cannot be rendered (size, scale, dates…).
    #[error("{0}")]
    Invalid(String),
    /// The output's name does not say a format the exporter writes.
    #[error(transparent)]
    Format(#[from] FormatError),
    /// A GIF's or a video's frame rate outside [`FPS_RANGE`].
    #[error(
        "a frame rate of {fps} frames a second is out of range: expected {} to {}",
        FPS_RANGE.start(),
        FPS_RANGE.end()
    )]
    FpsOutOfRange { fps: u16 },
    /// A sequence of more than [`MAX_FRAMES`] dates.
    #[error("the sequence would have more than {MAX_FRAMES} frames: take a longer step or a shorter range")]
    TooManyFrames,
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("PNG encoding failed: {0}")]
    Png(#[from] png::EncodingError),
    #[error("GIF encoding failed: {0}")]
    Gif(#[from] gif::EncodingError),
    /// The H.264 encoder or the MP4 muxer failed.
    #[error("{0}")]
    Video(String),
    #[error("SVG writing failed: {0}")]
    Svg(std::io::Error),
    #[error("PDF writing failed: {0}")]
    Pdf(String),
    /// A sequence that writes nothing.
    #[error("choose what to write: PNG frames, a GIF, a video, a deck or a book")]
    NoOutput,
    /// Stopped on request; what the export had written was removed.
    #[error("cancelled; the files it had written were removed")]
    Cancelled,
}

impl ExportError {
    /// Whether the request itself was wrong (bad size, existing or
    /// unwritable path…), as opposed to a failure while writing.
    pub fn is_bad_request(&self) -> bool {
        match self {
            Self::Invalid(_) | Self::Format(_) | Self::FpsOutOfRange { .. } | Self::TooManyFrames | Self::NoOutput => {
                true
            }
            Self::Write(e) => e.is_bad_path(),
            Self::Png(_) | Self::Gif(_) | Self::Video(_) | Self::Svg(_) | Self::Pdf(_) | Self::Cancelled => false,
        }
    }
}

/// An image in straight (unpremultiplied) RGBA8, rows top to bottom: what
/// the clipboard and image libraries take.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RgbaImage {
    pub width: u32,
    pub height: u32,
    /// `width × height × 4` bytes.
    pub pixels: Vec<u8>,
}

impl RgbaImage {
    /// The pixel at (x, y), if inside.
    #[cfg(feature = "testing")]
    pub fn pixel(&self, x: u32, y: u32) -> Option<[u8; 4]> {
        if x >= self.width || y >= self.height {
            return None;
        }
        let i = (usize::try_from(y).ok()? * usize::try_from(self.width).ok()? + usize::try_from(x).ok()?) * 4;
        let p = self.pixels.get(i..i + 4)?;
        Some([p[0], p[1], p[2], p[3]])
    }

    fn from_pixmap(pixmap: &Pixmap) -> Self {
        let mut pixels = pixmap.data().to_vec();
        for p in pixels.chunks_exact_mut(4) {
            if let Ok(premultiplied) = <[u8; 4]>::try_from(&*p) {
                p.copy_from_slice(&straight_rgba(premultiplied));
            }
        }
        Self {
            width: pixmap.width(),
            height: pixmap.height(),
            pixels,
        }
    }
}

/// A premultiplied RGBA pixel (tiny-skia's) in straight RGBA.
pub(crate) fn straight_rgba(p: [u8; 4]) -> [u8; 4] {
    let a = u32::from(p[3]);
    if a == 255 || a == 0 {
        return p;
    }
    let straight = |c: u8| u8::try_from((u32::from(c) * 255 + a / 2) / a).unwrap_or(u8::MAX);
    [straight(p[0]), straight(p[1]), straight(p[2]), p[3]]
}

/// Renders one image into a pixmap (premultiplied RGBA) with `engine`'s
/// fonts. The building block of everything else here.
pub fn render_pixmap(
    engine: &mut TextEngine,
    data: &LoadedInputs,
    layout: TrackLayout,
    date: Date,
    opts: &ExportOptions,
) -> Result<Pixmap, ExportError> {
    render_pixmap_cached(engine, data, layout, date, opts, None)
}

/// [`render_pixmap`], taking the map under the panels from `cache` when
/// an earlier frame had the same one (the same bytes either way).
pub fn render_pixmap_cached(
    engine: &mut TextEngine,
    data: &LoadedInputs,
    layout: TrackLayout,
    date: Date,
    opts: &ExportOptions,
    cache: Option<&BaseLayerCache>,
) -> Result<Pixmap, ExportError> {
    render_picture(engine, data, layout, date, None, opts, cache)
}

/// How many pixels the bands of `furniture` take at the top and the
/// bottom of an image of `opts` ([`Furniture::bands`]; none without it).
fn bands_px(opts: &ExportOptions, furniture: Option<&Furniture>) -> [u32; 2] {
    let Some(furniture) = furniture else { return [0, 0] };
    let style = MapStyle::for_theme(opts.theme);
    let [_, h] = opts.output_size_px();
    furniture.bands(opts.logical_rect(), &style).map(|band_pt| {
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "within the image"
        )]
        let band_px = (band_pt * opts.scale).round().max(0.0) as u32;
        band_px.min(h / 3)
    })
}

/// The part of the image of `opts` the maps take, points: all of it but
/// the furniture's bands ([`bands_px`]).
fn maps_rect(opts: &ExportOptions, [top_px, bottom_px]: [u32; 2]) -> Rect {
    let area = opts.logical_rect();
    #[expect(clippy::cast_precision_loss, reason = "at most 16384")]
    let px = |n: u32| n as f32 / opts.scale;
    Rect::from_min_max(area.min + vec2(0.0, px(top_px)), area.max - vec2(0.0, px(bottom_px)))
}

/// [`render_pixmap_cached`] with a brief's `furniture` over it: the maps
/// between the banners, the callouts on each map, the banners, title and
/// logo over the whole image.
pub(crate) fn render_picture(
    engine: &mut TextEngine,
    data: &LoadedInputs,
    layout: TrackLayout,
    date: Date,
    furniture: Option<&Furniture>,
    opts: &ExportOptions,
    cache: Option<&BaseLayerCache>,
) -> Result<Pixmap, ExportError> {
    opts.validate()?;
    let [w, h] = opts.output_size_px();
    engine.begin_frame(opts.theme);
    let bands = bands_px(opts, furniture);
    let (effects, plans) = plan_areas(data, layout, date, opts, bands);
    let mut paint_area = |plan: &AreaPlan| plan.area(data, date, opts, &effects, furniture).paint(engine, cache);
    let furnished = furniture.is_some_and(|f| !f.is_empty());
    let mut pixmap = match plans.as_slice() {
        [single] if !furnished => return paint_area(single),
        _ => {
            // Each map is painted on its own pixmap: the composition draws
            // whole features and relies on the target to clip (egui's
            // painter clips to the map widget), so one half must not spill
            // onto the other.
            let maps = plans.iter().map(&mut paint_area).collect::<Result<Vec<_>, _>>()?;
            let mut pixmap = new_pixmap(w, h)?;
            if !opts.transparent {
                // The ground under the bands: what shows through the headline's panel.
                let [r, g, b, a] = MapStyle::for_theme(opts.theme).sea.to_array();
                pixmap.fill(tiny_skia::Color::from_rgba8(r, g, b, a));
            }
            let row = w as usize * 4;
            for (plan, map) in plans.iter().zip(&maps) {
                let len = plan.size_px[0] as usize * 4;
                let start = plan.left_px as usize * 4;
                let top = plan.top_px as usize;
                for (y, src) in map.data().chunks_exact(len).enumerate() {
                    if let Some(part) = pixmap
                        .data_mut()
                        .get_mut((top + y) * row + start..(top + y) * row + start + len)
                    {
                        part.copy_from_slice(src);
                    }
                }
            }
            pixmap
        }
    };
    let mut canvas = CpuCanvas::new(&mut pixmap, engine, opts.scale);
    if plans.len() > 1 {
        paint_divider(&mut canvas, opts, bands);
    }
    if let Some(furniture) = furniture {
        let style = MapStyle::for_theme(opts.theme);
        furniture.paint_frame(opts.logical_rect(), maps_rect(opts, bands), &style, &mut canvas);
    }
    Ok(pixmap)
}

/// One map of an image: `track` painted `size_px` pixels large with its
/// left edge at `left_px` of the image; `with_troops`: whether it may show
/// the troop panel that [`ExportOptions::layers`] asks for.
struct AreaPlan {
    track: TrackIdx,
    size_px: [u32; 2],
    left_px: u32,
    /// How far down the image the map starts (under a banner), pixels.
    top_px: u32,
    with_troops: bool,
}

impl AreaPlan {
    fn area<'a>(
        &self,
        data: &'a LoadedInputs,
        date: Date,
        opts: &'a ExportOptions,
        effects: &'a MapEffects,
        furniture: Option<&'a Furniture>,
    ) -> Area<'a> {
        Area {
            data,
            track: self.track,
            date,
            opts,
            effects,
            furniture,
            size_px: self.size_px,
            with_troops: self.with_troops,
        }
    }

    /// Where the map goes in the image and how large it is, points.
    fn offset_and_size(&self, opts: &ExportOptions) -> (Vec2, Vec2) {
        #[expect(clippy::cast_precision_loss, reason = "at most 16384")]
        let px = |x: u32| x as f32 / opts.scale;
        (
            vec2(px(self.left_px), px(self.top_px)),
            vec2(px(self.size_px[0]), px(self.size_px[1])),
        )
    }
}

/// The maps `layout` puts in an image of `opts`, left to right, between
/// `bands` of pixels at the top and the bottom, and the effects they
/// share.
fn plan_areas(
    data: &LoadedInputs,
    layout: TrackLayout,
    date: Date,
    opts: &ExportOptions,
    bands: [u32; 2],
) -> (MapEffects, Vec<AreaPlan>) {
    let [w, full_h] = opts.output_size_px();
    let h = full_h.saturating_sub(bands[0] + bands[1]).max(1);
    let band_px = bands[0];
    match layout {
        TrackLayout::Single(track) => (
            MapEffects {
                today: opts.today,
                ..MapEffects::default()
            },
            vec![AreaPlan {
                track,
                size_px: [w, h],
                left_px: 0,
                top_px: band_px,
                with_troops: true,
            }],
        ),
        TrackLayout::SideBySide([left, right]) => {
            // As in the app's compare view, regions where the tracks
            // disagree are outlined dashed on both sides.
            // A region whose record fell silent on the other track's
            // status is "unconfirmed", not differing. One legend, on the
            // right, explains both maps.
            // The marks are symmetric; the legend, painted on the right
            // half only, names the left track as the other one.
            let effects = MapEffects {
                today: opts.today,
                ..MapEffects::comparing(&data.scenario, right, left, date)
            };
            let left_w = w / 2;
            // The troop figures are reports and belong to no track: one
            // panel, on the right (the reported side), not the same twice.
            let plans = vec![
                AreaPlan {
                    track: left,
                    size_px: [left_w, h],
                    left_px: 0,
                    top_px: band_px,
                    with_troops: false,
                },
                AreaPlan {
                    track: right,
                    size_px: [w - left_w, h],
                    left_px: left_w,
                    top_px: band_px,
                    with_troops: true,
                },
            ];
            (effects, plans)
        }
    }
}

/// The line between the two maps of a comparison.
fn paint_divider(canvas: &mut dyn Canvas, opts: &ExportOptions, bands: [u32; 2]) {
    let style = MapStyle::for_theme(opts.theme);
    let area = maps_rect(opts, bands);
    let unit = MapLayout::new(opts.logical_rect(), &style).unit;
    let mid = compare_halves(opts)[1].left();
    let divider = Rect::from_center_size(pos2(mid, area.center().y), vec2(0.3 * unit, area.height()));
    canvas.rect(divider, 0.0, style.panel_border.color, Stroke::NONE);
}

/// Paints `layout` on `date` onto a vector canvas: the picture
/// [`render_pixmap`] paints, each map of a comparison moved to its place
/// and clipped to its half, with `furniture` as [`render_picture`] puts it.
pub(crate) fn paint_vector(
    canvas: &mut dyn VectorCanvas,
    data: &LoadedInputs,
    layout: TrackLayout,
    date: Date,
    furniture: Option<&Furniture>,
    opts: &ExportOptions,
) {
    let bands = bands_px(opts, furniture);
    let (effects, plans) = plan_areas(data, layout, date, opts, bands);
    let furnished = furniture.is_some_and(|f| !f.is_empty());
    if let ([single], false) = (plans.as_slice(), furnished) {
        single.area(data, date, opts, &effects, furniture).paint_on(canvas);
        return;
    }
    for plan in &plans {
        let (offset, size) = plan.offset_and_size(opts);
        canvas.push_area(offset, size);
        plan.area(data, date, opts, &effects, furniture).paint_on(canvas);
        canvas.pop_area();
    }
    if plans.len() > 1 {
        paint_divider(canvas, opts, bands);
    }
    if let Some(furniture) = furniture {
        let style = MapStyle::for_theme(opts.theme);
        furniture.paint_frame(opts.logical_rect(), maps_rect(opts, bands), &style, canvas);
    }
}

fn new_pixmap(w: u32, h: u32) -> Result<Pixmap, ExportError> {
    Pixmap::new(w, h).ok_or_else(|| ExportError::Invalid(format!("cannot allocate a {w}x{h} image")))
}

/// One map to paint: `track` on `date`, `size_px` pixels.
struct Area<'a> {
    data: &'a LoadedInputs,
    track: TrackIdx,
    date: Date,
    opts: &'a ExportOptions,
    effects: &'a MapEffects,
    /// The callouts of it are painted on this map.
    furniture: Option<&'a Furniture>,
    size_px: [u32; 2],
    /// Whether this area may show the troop panel that
    /// [`ExportOptions::layers`] asks for (one half of a comparison only).
    with_troops: bool,
}

impl Area<'_> {
    /// Paints the composition onto a new pixmap; with a cache, the base
    /// layer comes from it (or goes into it) and only the panels are
    /// painted here.
    fn paint(&self, engine: &mut TextEngine, cache: Option<&BaseLayerCache>) -> Result<Pixmap, ExportError> {
        let [w, h] = self.size_px;
        let scale = self.opts.scale;
        self.with_scene(|scene, area| {
            let (mut pixmap, pass) = match (cache, BaseLayerKey::of(scene)) {
                (Some(cache), Some(key)) => {
                    let grounds = cache.grounds_for(key.ground(), self.size_px);
                    let base = cache.get_or_paint(key, self.size_px, || {
                        let mut base = new_pixmap(w, h)?;
                        paint_map_raster(scene, area, &mut base, engine, scale, PaintPass::Base, Some(&grounds));
                        Ok::<_, ExportError>(base)
                    })?;
                    (cache.copy_of(&base), PaintPass::Panels)
                }
                _ => (new_pixmap(w, h)?, PaintPass::All),
            };
            let layout = paint_map_raster(scene, area, &mut pixmap, engine, scale, pass, None);
            let mut canvas = CpuCanvas::new(&mut pixmap, engine, scale);
            self.paint_callouts(scene, &layout, &mut canvas);
            Ok(pixmap)
        })
    }

    /// Paints the composition onto `canvas`, at the origin.
    fn paint_on(&self, canvas: &mut dyn Canvas) {
        self.with_scene(|scene, area| {
            let layout = paint_map_pass(scene, area, canvas, PaintPass::All, None);
            self.paint_callouts(scene, &layout, canvas);
        });
    }

    /// The furniture's callouts on this map, over its panels, kept to
    /// the map's own part (clear of the title column).
    fn paint_callouts(&self, scene: &MapScene<'_>, layout: &MapLayout, canvas: &mut dyn Canvas) {
        if let Some(furniture) = self.furniture.filter(|f| !f.callouts.is_empty()) {
            let to_screen = layout.screen_from_world(&scene.view, scene.geometry);
            furniture.paint_callouts(scene.geometry, &to_screen, layout.rect, scene.style, canvas);
        }
    }

    /// Runs `f` with this area's scene and the rectangle it is painted in
    /// (points).
    fn with_scene<R>(&self, f: impl FnOnce(&MapScene<'_>, Rect) -> R) -> R {
        let style = MapStyle::for_theme(self.opts.theme);
        let [w, h] = self.size_px;
        #[expect(clippy::cast_precision_loss, reason = "at most 16384")]
        let area = Rect::from_min_size(Pos2::ZERO, vec2(w as f32, h as f32) / self.opts.scale);
        let fit_rect = MapLayout::new(area, &style).fit_rect;
        let scene = MapScene {
            scenario: &self.data.scenario,
            geometry: &self.data.geometry,
            track: self.track,
            date: self.date,
            view: self.opts.view.map_view(self.data, fit_rect),
            style: &style,
            // The other half of a comparison holds the one troop panel
            // and the one legend.
            layers: if self.with_troops {
                self.opts.layers
            } else {
                self.opts
                    .layers
                    .with(MapLayer::TroopLevels, false)
                    .with(MapLayer::Legend, false)
            },
            background: !self.opts.transparent,
            hovered_feature: None,
            effects: self.effects,
        };
        f(&scene, area)
    }
}

/// Where the left and right maps of a comparison go in the image, in
/// points: the image split at its middle pixel column.
pub fn compare_halves(opts: &ExportOptions) -> [Rect; 2] {
    let area = opts.logical_rect();
    let [w, _] = opts.output_size_px();
    #[expect(clippy::cast_precision_loss, reason = "at most 16384")]
    let mid = (w / 2) as f32 / opts.scale;
    [
        Rect::from_min_max(area.min, pos2(mid, area.bottom())),
        Rect::from_min_max(pos2(mid, area.top()), area.max),
    ]
}

/// Text engines kept between exports (font parsing and glyph rasterising
/// cost more than a frame); one is taken per export, so parallel exports
/// never share one.
static ENGINES: Mutex<Vec<TextEngine>> = Mutex::new(Vec::new());

/// How many engines the pool keeps at most: one per core, plus one.
/// Asked once: the standard library reads the CPU affinity and cgroup
/// limits anew on every call, and this runs once per exported frame.
static ENGINES_KEPT: LazyLock<usize> =
    LazyLock::new(|| std::thread::available_parallelism().map_or(2, usize::from) + 1);

/// Runs `f` with a text engine from the pool (or a new one), then returns
/// the engine to the pool.
pub fn with_text_engine<R>(f: impl FnOnce(&mut TextEngine) -> R) -> R {
    let pooled = ENGINES.lock().unwrap_or_else(PoisonError::into_inner).pop();
    let mut engine = pooled.unwrap_or_default();
    let result = f(&mut engine);
    let mut pool = ENGINES.lock().unwrap_or_else(PoisonError::into_inner);
    if pool.len() < *ENGINES_KEPT {
        pool.push(engine);
    }
    result
}

/// Renders `layout` on `date` into straight RGBA (for the clipboard).
pub fn render_image(
    data: &LoadedInputs,
    layout: TrackLayout,
    date: Date,
    opts: &ExportOptions,
) -> Result<RgbaImage, ExportError> {
    let pixmap = with_text_engine(|engine| render_pixmap(engine, data, layout, date, opts))?;
    Ok(RgbaImage::from_pixmap(&pixmap))
}

/// Renders one track on `date` into straight RGBA (tests and benches;
/// the app and the CLI call [`render_image`]).
#[doc(hidden)]
#[cfg(feature = "testing")]
pub fn render_rgba(
    data: &LoadedInputs,
    track: TrackIdx,
    date: Date,
    opts: &ExportOptions,
) -> Result<RgbaImage, ExportError> {
    render_image(data, TrackLayout::Single(track), date, opts)
}

/// Renders two tracks side by side (`tracks[0]` left) into straight RGBA
/// (tests and benches).
#[doc(hidden)]
#[cfg(feature = "testing")]
pub fn render_compare(
    data: &LoadedInputs,
    tracks: [TrackIdx; 2],
    date: Date,
    opts: &ExportOptions,
) -> Result<RgbaImage, ExportError> {
    render_image(data, TrackLayout::SideBySide(tracks), date, opts)
}

/// Renders one track on `date` as PNG file bytes (tests and benches).
#[doc(hidden)]
pub fn render_png_bytes(
    data: &LoadedInputs,
    track: TrackIdx,
    date: Date,
    opts: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    render_png(data, TrackLayout::Single(track), date, opts)
}

/// Renders `layout` on `date` as PNG file bytes.
pub fn render_png(
    data: &LoadedInputs,
    layout: TrackLayout,
    date: Date,
    opts: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    let pixmap = with_text_engine(|engine| render_pixmap(engine, data, layout, date, opts))?;
    encode_png(&pixmap)
}

/// A document's title: `Scenario title — Track — 1 October 2025` (both
/// tracks' names for a comparison).
pub(crate) fn document_title(data: &LoadedInputs, layout: TrackLayout, date: Date) -> String {
    let scenario = &data.scenario;
    let tracks: Vec<&str> = layout
        .as_slice()
        .iter()
        .map(|&t| scenario.track(t).name.as_str())
        .collect();
    format!(
        "{} — {} — {}",
        scenario.title,
        tracks.join(" | "),
        crate::model::date_format::long(date)
    )
}

/// Encodes a pixmap as PNG: 8-bit RGB when it is opaque, straight RGBA
/// otherwise. Fastest compression (fdeflate with the "up" filter): a 1080p
/// map encodes in ~1.5 ms at ~410 KB, against ~3.7 ms and ~350 KB with
/// adaptive filtering and ~39 ms and ~280 KB with zlib's default. No
/// timestamps, so equal pixels give equal bytes.
pub fn encode_png(pixmap: &Pixmap) -> Result<Vec<u8>, ExportError> {
    let data = pixmap.data();
    // Alpha is each pixel's last byte; AND-ing whole pixels in blocks
    // vectorises, unlike a per-pixel early exit.
    let opaque = data.chunks(4096).all(|block| {
        let all = block
            .chunks_exact(4)
            .fold(u32::MAX, |acc, p| acc & u32::from_le_bytes([p[0], p[1], p[2], p[3]]));
        all >> 24 == 0xFF
    });
    let mut out = Vec::with_capacity(data.len() / 8);
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fastest);
    encoder.set_color(if opaque {
        png::ColorType::Rgb
    } else {
        png::ColorType::Rgba
    });
    let mut writer = encoder.write_header()?;
    // Row by row, so that no converted copy of the image is held.
    let mut stream = writer.stream_writer()?;
    let row_px = pixmap.width() as usize;
    let channels = if opaque { 3 } else { 4 };
    let mut row = vec![0; row_px * channels];
    for pixels in data.chunks_exact(row_px * 4) {
        if opaque {
            for (out, p) in row.chunks_exact_mut(3).zip(pixels.chunks_exact(4)) {
                out.copy_from_slice(&p[..3]);
            }
        } else {
            for (out, p) in row.chunks_exact_mut(4).zip(pixels.chunks_exact(4)) {
                out.copy_from_slice(&straight_rgba([p[0], p[1], p[2], p[3]]));
            }
        }
        std::io::Write::write_all(&mut stream, &row).map_err(png::EncodingError::from)?;
    }
    stream.finish()?;
    writer.finish()?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `text` has a word like a command-line flag: errors here
    /// speak of the request, the command line adds its flags.
    pub(crate) fn names_a_flag(text: &str) -> bool {
        text.split_whitespace()
            .any(|word| word.trim_start_matches(['(', '"']).starts_with('-'))
    }

    #[test]
    fn request_errors_name_no_flag() {
        let too_big = ExportOptions {
            size_px: [9000, 100],
            scale: 2.0,
            ..ExportOptions::default()
        };
        let bad_scale = ExportOptions {
            scale: 0.0,
            ..ExportOptions::default()
        };
        for opts in [too_big, bad_scale] {
            let err = opts.validate().unwrap_err().to_string();
            assert!(!names_a_flag(&err), "{err}");
        }
        let exists = ExportError::Write(WriteError::Exists { path: "map.png".into() }).to_string();
        assert!(!names_a_flag(&exists) && exists.contains("allow replacing"), "{exists}");
    }

    #[test]
    fn sizes_parse_and_refuse_nonsense() {
        assert_eq!("1920x1080".parse::<ImageSize>(), Ok(ImageSize::from([1920, 1080])));
        assert_eq!(" 640×480 ".parse::<ImageSize>(), Ok(ImageSize::from([640, 480])));
        for bad in ["0x5", "abc", "1920", "1920x", "x1080", "16385x100", "-5x10", "1.5x2"] {
            let err = bad.parse::<ImageSize>().unwrap_err();
            assert!(err.contains(bad), "{bad}: {err}");
        }
    }

    #[test]
    fn scale_multiplies_the_pixel_size_and_is_checked() {
        let opts = ExportOptions {
            size_px: [1280, 720],
            scale: 2.0,
            ..ExportOptions::default()
        };
        assert_eq!(opts.output_size_px(), [2560, 1440]);
        assert_eq!(opts.logical_rect().size(), vec2(1280.0, 720.0));
        opts.validate().unwrap();
        let too_big = ExportOptions {
            size_px: [2560, 1440],
            scale: 8.0,
            ..opts
        };
        assert!(too_big.validate().unwrap_err().to_string().contains("20480x11520"));
        let bad_scale = ExportOptions { scale: 0.0, ..opts };
        assert!(bad_scale.validate().is_err());
    }
}
