//! The application icon, drawn in code so that it stays in step with the
//! map's colours and needs no image editor: a rounded square of the map's
//! sea, Syria and Iraq outlined as on the map (Syria in the "active" status
//! colour, Iraq handed over, in the "ended" colour) and a descending step
//! chart, the drawdown. [`window_icon`] is the window's icon;
//! `assets/drawdown.png` (256 px, for the desktop entry) is generated from
//! [`icon_rgba`] and a unit test keeps the two equal.

use tiny_skia::{FillRule, LineCap, LineJoin, Paint, Path, PathBuilder, Pixmap, Stroke, Transform};

/// Side of [`window_icon`] in pixels: large enough for a high-DPI title bar
/// and task switcher (window managers scale it down for smaller places).
pub const WINDOW_ICON_SIDE_PX: u32 = 128;

/// The drawing is laid out on a square of this many design units a side and
/// scaled to the requested size.
const DESIGN_SIDE: f32 = 256.0;

// Colours as straight RGBA, copied so that an edited scenario or theme does
// not change the shipped icon. The sea is the light theme's
// (`render::style`), the fills are the statuses "active", "ended" and
// "drawdown" (the chart) of `assets/scenario.toml`, and the ink is the map's
// region border, so the icon looks like the map. The sea's edge is darker so
// that the square stands out on a light desktop.
const SEA: [u8; 4] = [0xd6, 0xe2, 0xea, 0xff];
const SEA_EDGE: [u8; 4] = [0x5f, 0x7d, 0x95, 0xff];
const ACTIVE: [u8; 4] = [0x00, 0x72, 0xb2, 0xff];
const ENDED: [u8; 4] = [0xad, 0xe3, 0xd3, 0xff];
const DRAWDOWN: [u8; 4] = [0xe6, 0x9f, 0x00, 0xff];
const INK: [u8; 4] = [0x20, 0x20, 0x20, 0xff];

/// Iraq, where the coalition's mission is over ("ended"): its outline from
/// `assets/regions.geojson`, simplified and fitted to the design square by
/// `tools/icon-outlines.py`, in design units.
const ENDED_REGION: [[f32; 2]; 34] = [
    [70.3, 103.8],
    [74.7, 125.1],
    [79.2, 126.9],
    [76.7, 129.4],
    [98.6, 133.5],
    [126.9, 150.7],
    [171.7, 189.0],
    [203.3, 191.2],
    [214.7, 172.0],
    [238.0, 173.8],
    [228.6, 163.2],
    [228.6, 152.5],
    [222.8, 152.4],
    [225.6, 135.8],
    [218.3, 123.8],
    [195.8, 112.4],
    [196.8, 106.1],
    [183.5, 91.5],
    [185.6, 78.9],
    [189.0, 79.7],
    [188.4, 74.5],
    [196.7, 68.3],
    [194.2, 56.8],
    [199.6, 53.9],
    [182.5, 50.2],
    [172.4, 26.3],
    [164.7, 30.3],
    [161.4, 23.3],
    [156.6, 25.6],
    [139.0, 22.0],
    [131.7, 27.4],
    [113.2, 42.9],
    [114.7, 57.2],
    [107.8, 82.8],
];

/// Syria, where the coalition is still active, from the same script: it
/// shares its border with [`ENDED_REGION`] point for point.
const ACTIVE_REGION: [[f32; 2]; 24] = [
    [70.3, 103.8],
    [36.6, 125.5],
    [18.6, 116.6],
    [21.9, 96.9],
    [28.9, 94.6],
    [33.1, 86.9],
    [28.2, 80.5],
    [30.3, 78.1],
    [22.2, 77.7],
    [21.4, 62.0],
    [18.0, 58.7],
    [19.3, 53.2],
    [25.4, 53.7],
    [29.1, 45.5],
    [34.1, 45.4],
    [33.7, 33.2],
    [47.5, 37.1],
    [60.9, 31.5],
    [78.3, 36.6],
    [129.2, 23.0],
    [131.7, 27.4],
    [113.2, 42.9],
    [114.7, 57.2],
    [107.8, 82.8],
];

/// The step chart's bars, left to right, as (left, right, top) in design
/// units (y grows downwards), in the empty corner under the two countries;
/// every bar ends at [`CHART_BASE_Y`].
const CHART_STEPS: [(f32, f32, f32); 4] = [
    (26.0, 62.0, 142.0),
    (62.0, 98.0, 162.0),
    (98.0, 134.0, 182.0),
    (134.0, 170.0, 204.0),
];
const CHART_BASE_Y: f32 = 232.0;

/// The icon as straight (not premultiplied) RGBA, `side_px` × `side_px`,
/// row by row from the top. Legible from 32 px up; transparent outside the
/// rounded square. Empty when `side_px` is 0 or too large to allocate.
#[must_use]
pub fn icon_rgba(side_px: u32) -> Vec<u8> {
    let Some(mut pixmap) = Pixmap::new(side_px, side_px) else {
        return Vec::new();
    };
    #[expect(clippy::cast_precision_loss, reason = "icon sides are a few hundred pixels")]
    let px_per_unit = side_px as f32 / DESIGN_SIDE;
    // Lines keep at least this width in pixels, so they still read at 32 px.
    let width_px = |units: f32| (units * px_per_unit).max(1.0);

    let background = rounded_square(6.0, 250.0, 48.0, px_per_unit);
    fill(&mut pixmap, background.as_ref(), SEA);
    stroke(&mut pixmap, background.as_ref(), SEA_EDGE, width_px(5.0));

    let ended = polygon(&ENDED_REGION, px_per_unit);
    let active = polygon(&ACTIVE_REGION, px_per_unit);
    fill(&mut pixmap, ended.as_ref(), ENDED);
    fill(&mut pixmap, active.as_ref(), ACTIVE);
    stroke(&mut pixmap, ended.as_ref(), INK, width_px(7.0));
    stroke(&mut pixmap, active.as_ref(), INK, width_px(7.0));

    let chart = step_chart(px_per_unit);
    fill(&mut pixmap, chart.as_ref(), DRAWDOWN);
    stroke(&mut pixmap, chart.as_ref(), INK, width_px(7.0));

    pixmap
        .pixels()
        .iter()
        .flat_map(|pixel| {
            let straight = pixel.demultiply();
            [straight.red(), straight.green(), straight.blue(), straight.alpha()]
        })
        .collect()
}

/// The icon for the window's title bar and task switcher
/// ([`WINDOW_ICON_SIDE_PX`] a side).
#[must_use]
pub fn window_icon() -> egui::IconData {
    egui::IconData {
        rgba: icon_rgba(WINDOW_ICON_SIDE_PX),
        width: WINDOW_ICON_SIDE_PX,
        height: WINDOW_ICON_SIDE_PX,
    }
}

fn paint(rgba: [u8; 4]) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color_rgba8(rgba[0], rgba[1], rgba[2], rgba[3]);
    paint.anti_alias = true;
    paint
}

fn fill(pixmap: &mut Pixmap, path: Option<&Path>, rgba: [u8; 4]) {
    if let Some(path) = path {
        pixmap.fill_path(path, &paint(rgba), FillRule::Winding, Transform::identity(), None);
    }
}

fn stroke(pixmap: &mut Pixmap, path: Option<&Path>, rgba: [u8; 4], width_px: f32) {
    if let Some(path) = path {
        let style = Stroke {
            width: width_px,
            line_join: LineJoin::Round,
            line_cap: LineCap::Round,
            ..Stroke::default()
        };
        pixmap.stroke_path(path, &paint(rgba), &style, Transform::identity(), None);
    }
}

/// A closed polygon through `points` (design units), in pixels.
fn polygon(points: &[[f32; 2]], px_per_unit: f32) -> Option<Path> {
    let (first, rest) = points.split_first()?;
    let mut pb = PathBuilder::new();
    pb.move_to(first[0] * px_per_unit, first[1] * px_per_unit);
    for point in rest {
        pb.line_to(point[0] * px_per_unit, point[1] * px_per_unit);
    }
    pb.close();
    pb.finish()
}

/// A square from `min` to `max` (design units, both axes) with corners of
/// `radius`, in pixels.
fn rounded_square(min: f32, max: f32, radius: f32, px_per_unit: f32) -> Option<Path> {
    let [lo, hi, r] = [min, max, radius].map(|units| units * px_per_unit);
    // Control points at this fraction of the radius make cubic corners
    // close to quarter circles.
    let k = r * 0.552_284_8;
    let mut pb = PathBuilder::new();
    pb.move_to(lo + r, lo);
    pb.line_to(hi - r, lo);
    pb.cubic_to(hi - r + k, lo, hi, lo + r - k, hi, lo + r);
    pb.line_to(hi, hi - r);
    pb.cubic_to(hi, hi - r + k, hi - r + k, hi, hi - r, hi);
    pb.line_to(lo + r, hi);
    pb.cubic_to(lo + r - k, hi, lo, hi - r + k, lo, hi - r);
    pb.line_to(lo, lo + r);
    pb.cubic_to(lo, lo + r - k, lo + r - k, lo, lo + r, lo);
    pb.close();
    pb.finish()
}

/// The descending steps as one outline: up the left edge, across each
/// step's top and down to the next, back along the base.
fn step_chart(px_per_unit: f32) -> Option<Path> {
    let (first, _) = CHART_STEPS.split_first()?;
    let (last, _) = CHART_STEPS.split_last()?;
    let mut points = vec![[first.0, CHART_BASE_Y]];
    for &(left, right, top) in &CHART_STEPS {
        points.push([left, top]);
        points.push([right, top]);
    }
    points.push([last.1, CHART_BASE_Y]);
    polygon(&points, px_per_unit)
}

#[cfg(test)]
#[expect(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "test values are small and positive"
)]
mod tests {
    use super::*;

    const ICON_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/drawdown.png");
    const ICON_FILE_SIDE_PX: u32 = 256;

    fn write_png(path: &str, side_px: u32, rgba: &[u8]) {
        let file = std::fs::File::create(path).unwrap();
        let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), side_px, side_px);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::High);
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(rgba).unwrap();
        writer.finish().unwrap();
    }

    fn read_png(path: &str) -> (u32, u32, Vec<u8>) {
        let file = std::fs::File::open(path).unwrap();
        let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
        decoder.set_transformations(png::Transformations::EXPAND);
        let mut reader = decoder.read_info().unwrap();
        let mut rgba = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut rgba).unwrap();
        assert_eq!(
            (info.color_type, info.bit_depth),
            (png::ColorType::Rgba, png::BitDepth::Eight),
            "{ICON_PATH} is not 8-bit RGBA"
        );
        rgba.truncate(info.buffer_size());
        (info.width, info.height, rgba)
    }

    /// `DRAWDOWN_WRITE_ICON=1 cargo test --lib icon` regenerates the file
    /// after a change to the drawing; without it, a drawing that no longer
    /// matches the file fails here.
    #[test]
    fn the_shipped_icon_file_is_the_drawing_at_256_px() {
        let drawn = icon_rgba(ICON_FILE_SIDE_PX);
        if std::env::var_os("DRAWDOWN_WRITE_ICON").is_some_and(|v| v == "1") {
            write_png(ICON_PATH, ICON_FILE_SIDE_PX, &drawn);
        }
        let (width, height, stored) = read_png(ICON_PATH);
        assert_eq!((width, height), (ICON_FILE_SIDE_PX, ICON_FILE_SIDE_PX));
        let differing = drawn.chunks(4).zip(stored.chunks(4)).filter(|(a, b)| a != b).count();
        assert!(
            drawn == stored,
            "{differing} pixels of {ICON_PATH} differ from icon_rgba({ICON_FILE_SIDE_PX}); \
             regenerate it with DRAWDOWN_WRITE_ICON=1 cargo test --lib icon"
        );
    }

    #[test]
    fn an_icon_has_four_bytes_per_pixel_and_an_empty_side_gives_no_pixels() {
        assert_eq!(icon_rgba(32).len(), 32 * 32 * 4);
        assert!(icon_rgba(0).is_empty());
        let icon = window_icon();
        assert_eq!((icon.width, icon.height), (WINDOW_ICON_SIDE_PX, WINDOW_ICON_SIDE_PX));
        assert_eq!(
            icon.rgba.len(),
            (WINDOW_ICON_SIDE_PX * WINDOW_ICON_SIDE_PX * 4) as usize
        );
    }

    /// The corners are outside the rounded square and the middle of each
    /// shape has its colour, at the smallest size a desktop shows too.
    #[test]
    fn the_icon_shows_sea_regions_and_chart_in_their_colours_at_32_and_256_px() {
        for side_px in [32_u32, 256] {
            let rgba = icon_rgba(side_px);
            let at = |x_units: f32, y_units: f32| {
                let scale = side_px as f32 / DESIGN_SIDE;
                let (x, y) = ((x_units * scale) as usize, (y_units * scale) as usize);
                let i = (y * side_px as usize + x) * 4;
                [rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]]
            };
            assert_eq!(at(0.0, 0.0)[3], 0, "corner transparent at {side_px} px");
            assert_eq!(at(226.0, 224.0), SEA, "sea at {side_px} px");
            assert_eq!(at(160.0, 110.0), ENDED, "ended region at {side_px} px");
            assert_eq!(at(50.0, 70.0), ACTIVE, "active region at {side_px} px");
            assert_eq!(at(80.0, 200.0), DRAWDOWN, "step chart at {side_px} px");
        }
    }
}
