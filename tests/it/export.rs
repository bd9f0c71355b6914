//! The exporter, end to end and headless: decode the PNGs it writes and
//! check their size and, at interior points of each region projected with
//! the view's own transform, the exact status colour of the scenario for
//! that date and track. Also the flags, sequences, GIFs, determinism, safe
//! writes and the command's exit codes (run as a process).

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::atomic::AtomicBool;

use drawdown::{
    Date, ExportError, ExportOptions, Frame, LayerSet, MapLayer, MapLayout, MapStyle, MapView, OutputKind, RegionIdx,
    SequenceOutput, SequenceRequest, Step, Theme, TrackIdx, TrackLayout, compare_halves, export_sequence,
    render_compare, render_png, render_png_bytes, render_rgba,
};
use egui::Rect;

use crate::support::{data, date as d, drawdown as run, names_in, path, stderr};

fn track(id: &str) -> TrackIdx {
    data()
        .scenario
        .track_idx(id)
        .unwrap_or_else(|| panic!("no track {id:?}"))
}

fn region(id: &str) -> RegionIdx {
    data()
        .scenario
        .region_idx(id)
        .unwrap_or_else(|| panic!("no region {id:?}"))
}

/// Interior points (lon, lat), at least one per region, well inside a
/// governorate and away from labels, markers and borders: the Anbar desert,
/// the Muthanna desert (far south-east: where a comparison's left map meets
/// the right one), the north of the Erbil governorate and the Raqqa
/// governorate south of the river. Labels keep an 11 pt minimum, so in a
/// 320×180 to 640×360 picture they cover much of the map: each point was
/// chosen with its neighbours clear in every picture the tests export (5
/// pixels each way in a video's 640×360 frames, where H.264 smears colour
/// near text and borders).
pub(crate) const PROBES: [(&str, f64, f64); 4] = [
    ("federal_iraq", 41.0, 32.3),
    ("federal_iraq", 45.3, 29.8),
    ("kurdistan", 44.55, 36.85),
    ("syria", 38.7, 35.55),
];

/// Open sea (the Mediterranean south of Cyprus), clear of every overlay.
const SEA: (f64, f64) = (34.0, 33.3);

fn small() -> ExportOptions {
    ExportOptions {
        size_px: [1280, 720],
        ..ExportOptions::default()
    }
}

/// A decoded PNG, as straight RGBA.
struct Decoded {
    width: u32,
    height: u32,
    rgba: Vec<u8>,
}

impl Decoded {
    fn pixel(&self, (x, y): (u32, u32)) -> [u8; 4] {
        assert!(
            x < self.width && y < self.height,
            "({x}, {y}) outside {}x{}",
            self.width,
            self.height
        );
        let i = ((y * self.width + x) * 4) as usize;
        self.rgba[i..i + 4].try_into().unwrap()
    }
}

fn decode_png(bytes: &[u8]) -> Decoded {
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes)).read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    let rgba = match info.color_type {
        png::ColorType::Rgba => buf[..info.buffer_size()].to_vec(),
        png::ColorType::Rgb => buf[..info.buffer_size()]
            .chunks_exact(3)
            .flat_map(|p| [p[0], p[1], p[2], 255])
            .collect(),
        other => panic!("unexpected colour type {other:?}"),
    };
    Decoded {
        width: info.width,
        height: info.height,
        rgba,
    }
}

fn decode_file(path: &Path) -> Decoded {
    decode_png(&std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

/// The pixel that (lon, lat) lands on in an image laid out in `area`
/// (points) with `opts`: the same layout and home view as the exporter.
fn pixel_in(area: Rect, opts: &ExportOptions, lon: f64, lat: f64) -> (u32, u32) {
    let style = MapStyle::for_theme(opts.theme);
    pixel_in_layout(&MapLayout::new(area, &style), opts, lon, lat)
}

/// As [`pixel_in`], for a map laid out as `layout`.
fn pixel_in_layout(layout: &MapLayout, opts: &ExportOptions, lon: f64, lat: f64) -> (u32, u32) {
    let to_screen = layout.screen_from_world(&MapView::HOME, &data().geometry);
    let p = to_screen.screen_from_world(data().geometry.world_from_lonlat(lon, lat)) * opts.scale;
    (p.x.floor() as u32, p.y.floor() as u32)
}

/// How the two maps of an exported comparison are laid out: the left one
/// without the legend (the right one holds it), so it takes its room.
fn compare_layouts(opts: &ExportOptions) -> [MapLayout; 2] {
    let style = MapStyle::for_theme(opts.theme);
    let [left, right] = compare_halves(opts);
    [MapLayout::new(left, &style), MapLayout::new(right, &style)]
}

fn pixel_of(opts: &ExportOptions, lon: f64, lat: f64) -> (u32, u32) {
    pixel_in(opts.logical_rect(), opts, lon, lat)
}

fn status_rgba(track: TrackIdx, region: RegionIdx, date: Date) -> [u8; 4] {
    let s = &data().scenario;
    let status = s
        .status_on(track, region, date)
        .unwrap_or_else(|| panic!("no status for {region:?} on {date}"));
    let c = s.status(status).color;
    [c.r, c.g, c.b, 255]
}

fn status_id(track: TrackIdx, region: RegionIdx, date: Date) -> &'static str {
    let s = &data().scenario;
    &s.status(s.status_on(track, region, date).unwrap()).id
}

fn rgba(c: egui::Color32) -> [u8; 4] {
    c.to_srgba_unmultiplied()
}

/// Asserts the pixel at each probe and its 8 neighbours (so the probe is
/// truly interior, clear of anti-aliased edges) is the status colour.
fn assert_region_colours(img: &Decoded, area: Rect, opts: &ExportOptions, track: TrackIdx, date: Date, what: &str) {
    let style = MapStyle::for_theme(opts.theme);
    assert_region_colours_in(img, &MapLayout::new(area, &style), opts, track, date, what);
}

/// As [`assert_region_colours`], for a map laid out as `layout`.
fn assert_region_colours_in(
    img: &Decoded,
    layout: &MapLayout,
    opts: &ExportOptions,
    track: TrackIdx,
    date: Date,
    what: &str,
) {
    for (id, lon, lat) in PROBES {
        let expected = status_rgba(track, region(id), date);
        let (x, y) = pixel_in_layout(layout, opts, lon, lat);
        for (dx, dy) in [
            (0, 0),
            (-1, -1),
            (0, -1),
            (1, -1),
            (-1, 0),
            (1, 0),
            (-1, 1),
            (0, 1),
            (1, 1),
        ] {
            let at = (x.checked_add_signed(dx).unwrap(), y.checked_add_signed(dy).unwrap());
            assert_eq!(
                img.pixel(at),
                expected,
                "{what}: {id} at {at:?} on {date} should be {} ({expected:?})",
                status_id(track, region(id), date)
            );
        }
    }
}

fn render(track: TrackIdx, date: Date, opts: &ExportOptions) -> Decoded {
    let img = decode_png(&render_png_bytes(data(), track, date, opts).unwrap());
    assert_eq!([img.width, img.height], opts.output_size_px());
    img
}

// ---------------------------------------------------------------------------
// Pixels

#[test]
fn the_png_has_the_requested_size() {
    for size_px in [[1280, 720], [1920, 1080], [800, 800], [600, 1000]] {
        let opts = ExportOptions {
            size_px,
            ..ExportOptions::default()
        };
        let img = render(track("announced"), d("2025-10-01"), &opts);
        assert_eq!([img.width, img.height], size_px);
    }
}

#[test]
fn probes_lie_inside_their_regions() {
    let g = &data().geometry;
    for (id, lon, lat) in PROBES {
        let feature = g
            .feature_at(g.world_from_lonlat(lon, lat))
            .unwrap_or_else(|| panic!("{id}: outside"));
        assert_eq!(g.features[feature].region, region(id), "{id} probe");
    }
    assert_eq!(g.feature_at(g.world_from_lonlat(SEA.0, SEA.1)), None);
}

#[test]
fn regions_have_their_status_colour_on_both_sides_of_every_announced_boundary() {
    let announced = track("announced");
    let boundaries = data().scenario.boundaries(announced);
    assert!(boundaries.len() >= 4, "{boundaries:?}");
    let opts = small();
    for boundary in boundaries {
        for date in [boundary.pred_opt().unwrap(), boundary] {
            let img = render(announced, date, &opts);
            assert_region_colours(&img, opts.logical_rect(), &opts, announced, date, "announced");
        }
    }
}

#[test]
fn on_2025_12_01_federal_iraq_is_in_transition_when_reported_and_over_when_announced() {
    let date = d("2025-12-01");
    let opts = small();
    let federal = region("federal_iraq");
    let (x, y) = pixel_of(&opts, PROBES[0].1, PROBES[0].2);
    for (id, status) in [("reported", "drawdown"), ("announced", "ended")] {
        assert_eq!(status_id(track(id), federal, date), status);
        let img = render(track(id), date, &opts);
        assert_region_colours(&img, opts.logical_rect(), &opts, track(id), date, id);
        let s = &data().scenario;
        let c = s.status(s.status_idx(status).unwrap()).color;
        assert_eq!(img.pixel((x, y)), [c.r, c.g, c.b, 255], "{id}");
    }
}

#[test]
fn compare_puts_announced_left_and_reported_right() {
    let date = d("2025-12-01");
    let opts = small();
    let tracks = [track("announced"), track("reported")];
    let image = render_compare(data(), tracks, date, &opts).unwrap();
    assert_eq!([image.width, image.height], [1280, 720]);
    let img = Decoded {
        width: image.width,
        height: image.height,
        rgba: image.pixels,
    };
    for (layout, t) in compare_layouts(&opts).iter().zip(tracks) {
        assert_region_colours_in(&img, layout, &opts, t, date, "compare");
    }
}

#[test]
fn an_exported_comparison_draws_both_maps_at_one_scale_with_a_base_at_the_same_offset_in_each_half() {
    // The layouts are those whose region colours the comparison's pixels
    // are checked against (compare_puts_announced_left_and_reported_right).
    for opts in [small(), ExportOptions { size_px: [1920, 1080], ..small() }] {
        let halves = compare_halves(&opts);
        let [left, right] = compare_layouts(&opts);
        let (lf, rf) = (left.fit_rect, right.fit_rect);
        assert!((lf.size() - rf.size()).length() < 0.5, "one scale: {lf:?} and {rf:?}");
        let qasrak = data().scenario.place(data().scenario.place_idx("qasrak").unwrap());
        let [l, r] = [(&left, halves[0]), (&right, halves[1])].map(|(layout, half)| {
            let at = layout
                .screen_from_world(&MapView::HOME, &data().geometry)
                .screen_from_world(data().geometry.world_from_lonlat(qasrak.lon, qasrak.lat));
            at - half.min
        });
        assert!((l - r).length() < 0.5, "Qasrak at {l:?} in the left half, {r:?} in the right");
    }
}

#[test]
fn themes_change_the_sea_but_not_the_status_colours() {
    let date = d("2025-10-01");
    let announced = track("announced");
    let mut seas = Vec::new();
    for theme in Theme::ALL {
        let opts = ExportOptions { theme, ..small() };
        let img = render(announced, date, &opts);
        assert_region_colours(&img, opts.logical_rect(), &opts, announced, date, theme.label());
        let sea = img.pixel(pixel_of(&opts, SEA.0, SEA.1));
        assert_eq!(sea, rgba(MapStyle::for_theme(theme).sea), "{theme:?}");
        seas.push(sea);
    }
    seas.dedup();
    assert_eq!(seas.len(), 3, "each theme has its own sea: {seas:?}");
}

/// Pixels of the "Support for operations in Syria" swatch colour in the
/// lower left, where the legend sits in the info column (only the
/// Kurdistan Region, far to the right, has that status on 2025-10-01 on
/// the announced track, and the legend lists only what the map shows).
fn legend_swatch_pixels(img: &Decoded) -> usize {
    let c = data().scenario.statuses[data().scenario.status_idx("syria_support").unwrap().0].color;
    let mut n = 0;
    for y in img.height * 6 / 10..img.height {
        for x in 0..img.width / 4 {
            if img.pixel((x, y)) == [c.r, c.g, c.b, 255] {
                n += 1;
            }
        }
    }
    n
}

#[test]
fn no_legend_removes_the_legend_and_nothing_else() {
    let date = d("2025-10-01");
    let announced = track("announced");
    let with = render(announced, date, &small());
    let opts = ExportOptions {
        layers: LayerSet::default().with(MapLayer::Legend, false),
        ..small()
    };
    let without = render(announced, date, &opts);
    assert!(legend_swatch_pixels(&with) > 50, "{}", legend_swatch_pixels(&with));
    assert_eq!(legend_swatch_pixels(&without), 0);
    assert_region_colours(&without, opts.logical_rect(), &opts, announced, date, "no legend");
}

#[test]
fn transparent_leaves_the_sea_clear_and_the_map_opaque() {
    let date = d("2025-10-01");
    let announced = track("announced");
    let opts = ExportOptions {
        transparent: true,
        ..small()
    };
    let img = render(announced, date, &opts);
    assert_eq!(img.pixel(pixel_of(&opts, SEA.0, SEA.1))[3], 0, "sea");
    assert_eq!(img.pixel((1, img.height / 2))[3], 0, "left edge, over the sea");
    assert_region_colours(&img, opts.logical_rect(), &opts, announced, date, "transparent");
    let opaque = render(announced, date, &small());
    assert_eq!(opaque.pixel((1, opaque.height / 2))[3], 255);
}

#[test]
fn scale_2_doubles_the_pixels_of_the_same_picture() {
    let date = d("2025-10-01");
    let announced = track("announced");
    // Above the size where text is held at its legible minimum (which is
    // in points: a 640×360 layout keeps 11 pt text and a column wide
    // enough for it, so it is no scaled-down 1280×720), 1600×900 at scale
    // 2 is 3200×1800.
    let opts = ExportOptions {
        size_px: [1600, 900],
        scale: 2.0,
        ..ExportOptions::default()
    };
    let large = ExportOptions {
        size_px: [3200, 1800],
        ..ExportOptions::default()
    };
    let img = render(announced, date, &opts);
    assert_eq!([img.width, img.height], [3200, 1800]);
    assert_region_colours(&img, opts.logical_rect(), &opts, announced, date, "scale 2");
    // The same picture as 3200×1800 at scale 1: the probes land on the same pixels.
    for (_, lon, lat) in PROBES {
        assert_eq!(pixel_of(&opts, lon, lat), pixel_of(&large, lon, lat));
    }
}

#[test]
fn rgba_is_straight_alpha_and_matches_the_png() {
    let date = d("2025-10-01");
    let opts = ExportOptions {
        transparent: true,
        ..small()
    };
    let image = render_rgba(data(), track("announced"), date, &opts).unwrap();
    let png = render(track("announced"), date, &opts);
    assert_eq!([image.width, image.height], [png.width, png.height]);
    assert!(image.pixels == png.rgba, "the PNG holds exactly the RGBA image");
}

#[test]
fn bad_options_are_refused() {
    let a = track("announced");
    for opts in [
        ExportOptions {
            size_px: [0, 5],
            ..small()
        },
        ExportOptions {
            size_px: [20_000, 100],
            ..small()
        },
        ExportOptions {
            size_px: [10_000, 100],
            scale: 2.0,
            ..small()
        },
        ExportOptions {
            scale: f32::NAN,
            ..small()
        },
    ] {
        let err = render_png_bytes(data(), a, d("2025-10-01"), &opts).unwrap_err();
        assert!(matches!(err, ExportError::Invalid(_)) && err.is_bad_request(), "{err}");
    }
}

// ---------------------------------------------------------------------------
// Determinism

#[test]
fn the_same_export_twice_gives_identical_bytes() {
    let opts = small();
    let a = render_png_bytes(data(), track("reported"), d("2025-12-01"), &opts).unwrap();
    let b = render_png_bytes(data(), track("reported"), d("2025-12-01"), &opts).unwrap();
    assert!(a == b, "two renders differ");
    // A different date is a different picture.
    let c = render_png_bytes(data(), track("reported"), d("2024-01-01"), &opts).unwrap();
    assert!(a != c);
}

#[test]
fn the_same_command_twice_gives_identical_files() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.png"), dir.path().join("b.png"));
    for out in [&a, &b] {
        let o = run(&[
            "export",
            "--date",
            "2025-10-01",
            "--size",
            "960x540",
            "--out",
            path(out),
        ]);
        assert_ok(&o);
    }
    assert!(std::fs::read(&a).unwrap() == std::fs::read(&b).unwrap());
}

// ---------------------------------------------------------------------------
// Sequences and GIFs

#[test]
fn a_weekly_sequence_writes_one_named_png_per_week_and_a_gif() {
    let dir = tempfile::tempdir().unwrap();
    let frames = dir.path().join("frames");
    let gif = dir.path().join("anim.gif");
    let o = run(&[
        "export",
        "--track",
        "announced",
        "--from",
        "2025-09-01",
        "--to",
        "2025-10-13",
        "--step",
        "1w",
        "--size",
        "320x180",
        "--out-dir",
        path(&frames),
        "--gif",
        path(&gif),
        "--fps",
        "4",
    ]);
    assert_ok(&o);
    let expected: Vec<String> = ["01", "08", "15", "22", "29"]
        .iter()
        .map(|day| format!("drawdown-announced-2025-09-{day}.png"))
        .chain([
            "drawdown-announced-2025-10-06.png".to_owned(),
            "drawdown-announced-2025-10-13.png".to_owned(),
        ])
        .collect();
    assert_eq!(names_in(&frames), expected);
    for name in &expected {
        let img = decode_file(&frames.join(name));
        assert_eq!([img.width, img.height], [320, 180], "{name}");
    }
    // The frame of 29 September is the single export of that day, byte for byte.
    let single = render_png_bytes(
        data(),
        track("announced"),
        d("2025-09-29"),
        &ExportOptions {
            size_px: [320, 180],
            ..ExportOptions::default()
        },
    )
    .unwrap();
    assert!(std::fs::read(frames.join(&expected[4])).unwrap() == single);

    let frames = decode_gif(&gif);
    assert_eq!(frames.len(), expected.len());
    let opts = ExportOptions {
        size_px: [320, 180],
        ..ExportOptions::default()
    };
    for frame in &frames {
        assert_eq!(frame.delay, 25, "4 fps");
        assert_eq!((frame.width, frame.height), (320, 180));
    }
    assert_gif_region_colours(&frames[0], &opts, track("announced"), d("2025-09-01"));
    assert_gif_region_colours(&frames[6], &opts, track("announced"), d("2025-10-13"));
    assert_eq!(names_in(dir.path()), ["anim.gif", "frames"], "no stray temporary file");
}

/// A GIF frame as shown: drawn over the frames before it.
struct ShownFrame {
    delay: u16,
    width: u16,
    height: u16,
    rgba: Vec<u8>,
    /// Where the frame itself was stored: left, top, width, height.
    stored: [u16; 4],
}

/// The GIF's frames as a viewer shows them: each stored rectangle drawn
/// over the picture so far (its transparent pixels leave what is under
/// them), then cleared if its disposal says so.
fn decode_gif(path: &Path) -> Vec<ShownFrame> {
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    let mut decoder = options.read_info(std::fs::File::open(path).unwrap()).unwrap();
    let (width, height) = (decoder.width(), decoder.height());
    let mut canvas = vec![0_u8; usize::from(width) * usize::from(height) * 4];
    let mut frames = Vec::new();
    while let Some(frame) = decoder.read_next_frame().unwrap() {
        let (left, top) = (usize::from(frame.left), usize::from(frame.top));
        let rows = frame.buffer.chunks_exact(usize::from(frame.width) * 4);
        for (y, row) in rows.enumerate() {
            for (x, px) in row.chunks_exact(4).enumerate() {
                if px[3] != 0 {
                    let i = ((top + y) * usize::from(width) + left + x) * 4;
                    canvas[i..i + 4].copy_from_slice(px);
                }
            }
        }
        frames.push(ShownFrame {
            delay: frame.delay,
            width,
            height,
            rgba: canvas.clone(),
            stored: [frame.left, frame.top, frame.width, frame.height],
        });
        if frame.dispose == gif::DisposalMethod::Background {
            for y in top..top + usize::from(frame.height) {
                let i = (y * usize::from(width) + left) * 4;
                canvas[i..i + usize::from(frame.width) * 4].fill(0);
            }
        }
    }
    frames
}

fn gif_pixel(frame: &ShownFrame, (x, y): (u32, u32)) -> [u8; 4] {
    let i = (y as usize * usize::from(frame.width) + x as usize) * 4;
    frame.rgba[i..i + 4].try_into().unwrap()
}

/// GIF palettes keep a frame's most frequent colours exactly: the fills.
fn assert_gif_region_colours(frame: &ShownFrame, opts: &ExportOptions, track: TrackIdx, date: Date) {
    for (id, lon, lat) in PROBES {
        let expected = status_rgba(track, region(id), date);
        let got = gif_pixel(frame, pixel_of(opts, lon, lat));
        assert_eq!(got, expected, "{id} on {date}");
    }
}

/// After the first frame of a run of frames that share a map, a GIF frame
/// stores only the rectangle that changed (the date in the title), yet
/// every frame shows its own date: the picture a viewer composes matches
/// the frame's PNG, and where two consecutive PNGs differ it shows the new
/// one, not the old.
#[test]
fn gif_frames_store_only_what_changed_and_show_their_own_date() {
    let dir = tempfile::tempdir().unwrap();
    let opts = ExportOptions {
        size_px: [480, 270],
        ..ExportOptions::default()
    };
    // Weekly in the transition phase of the announced track: one map.
    let dates: Vec<Date> = (0..6)
        .map(|w| d("2025-01-05").checked_add_days(chrono::Days::new(7 * w)).unwrap())
        .collect();
    let request = SequenceRequest {
        frames: Frame::on_dates(TrackLayout::Single(track("announced")), &dates),
        outputs: vec![
            SequenceOutput::Frames(dir.path().join("frames")),
            SequenceOutput::Gif(dir.path().join("run.gif")),
        ],
        fps: 8,
        force: false,
        opts,
    };
    let outcome = export_sequence(data(), &request, &|| {}, &AtomicBool::new(false)).unwrap();
    let shown = decode_gif(&dir.path().join("run.gif"));
    assert_eq!(shown.len(), dates.len());
    assert_eq!(shown[0].stored, [0, 0, 480, 270], "the first frame is whole");
    let pixels = 480 * 270;
    let pngs: Vec<Decoded> = outcome.frames().iter().map(|p| decode_file(p)).collect();
    let distance = |a: &[u8], b: &[u8]| a.iter().zip(b).map(|(x, y)| x.abs_diff(*y) as u32).max().unwrap_or(0);
    for (k, frame) in shown.iter().enumerate() {
        if k > 0 {
            let [_, _, w, h] = frame.stored;
            let area = u32::from(w) * u32::from(h);
            assert!(area * 10 < pixels, "frame {k} stores {w}x{h} of 480x270");
        }
        let png = &pngs[k];
        let off = frame
            .rgba
            .chunks_exact(4)
            .zip(png.rgba.chunks_exact(4))
            .filter(|(g, p)| distance(g, p) > 48)
            .count();
        assert!(off * 200 < pixels as usize, "frame {k}: {off} pixels far from its PNG");
        if k > 0 {
            let before = &pngs[k - 1];
            let stale = frame
                .rgba
                .chunks_exact(4)
                .zip(png.rgba.chunks_exact(4).zip(before.rgba.chunks_exact(4)))
                .filter(|(g, (p, b))| distance(p, b) > 96 && distance(g, b) < distance(g, p))
                .count();
            assert_eq!(stale, 0, "frame {k} still shows the date before");
        }
        assert_gif_region_colours(frame, &opts, track("announced"), dates[k]);
    }
}

#[test]
fn a_transparent_gif_keeps_the_sea_clear() {
    let dir = tempfile::tempdir().unwrap();
    let opts = ExportOptions {
        size_px: [320, 180],
        transparent: true,
        ..ExportOptions::default()
    };
    let request = SequenceRequest {
        frames: Frame::on_dates(
            TrackLayout::Single(track("reported")),
            &[d("2025-12-01"), d("2026-06-01")],
        ),
        outputs: vec![
            SequenceOutput::Frames(dir.path().to_owned()),
            SequenceOutput::Gif(dir.path().join("clear.gif")),
        ],
        fps: 8,
        force: false,
        opts,
    };
    export_sequence(data(), &request, &|| {}, &AtomicBool::new(false)).unwrap();
    let frames = decode_gif(&dir.path().join("clear.gif"));
    assert_eq!(frames.len(), 2);
    assert_eq!(frames[0].delay, 13, "8 fps");
    assert_eq!(gif_pixel(&frames[0], pixel_of(&opts, SEA.0, SEA.1))[3], 0, "sea");
    assert_gif_region_colours(&frames[0], &opts, track("reported"), d("2025-12-01"));
}

#[test]
fn milestones_give_one_frame_per_milestone_day_of_the_track() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(&[
        "export",
        "--milestones",
        "--track",
        "reported",
        "--size",
        "320x180",
        "--out-dir",
        path(dir.path()),
    ]);
    assert_ok(&o);
    let reported = track("reported");
    let mut days: Vec<Date> = data().scenario.milestones_for(reported).map(|m| m.date).collect();
    days.dedup();
    assert!(days.len() >= 3, "{days:?}");
    let expected: Vec<String> = days.iter().map(|day| format!("drawdown-reported-{day}.png")).collect();
    assert_eq!(names_in(dir.path()), expected);
}

#[test]
fn a_sequence_in_process_reports_progress_and_can_be_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let announced = TrackLayout::Single(track("announced"));
    let request = SequenceRequest {
        frames: Frame::on_dates(announced, &[d("2025-01-01"), d("2025-02-01"), d("2025-03-01")]),
        outputs: vec![
            SequenceOutput::Frames(dir.path().join("seq")),
            SequenceOutput::Gif(dir.path().join("seq.gif")),
        ],
        fps: 8,
        force: false,
        opts: ExportOptions {
            size_px: [160, 90],
            ..ExportOptions::default()
        },
    };
    let done = std::sync::atomic::AtomicUsize::new(0);
    let progress = || {
        done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    };
    let outcome = export_sequence(data(), &request, &progress, &AtomicBool::new(false)).unwrap();
    assert_eq!(outcome.frames().len(), 3);
    assert_eq!(done.into_inner(), 3);
    assert_eq!(
        outcome.file(OutputKind::Gif),
        Some(dir.path().join("seq.gif").as_path())
    );

    // Again without force: refused before anything is rendered.
    let err = export_sequence(data(), &request, &|| {}, &AtomicBool::new(false)).unwrap_err();
    assert!(
        err.is_bad_request() && err.to_string().contains("drawdown-announced-2025-01-01.png"),
        "{err}"
    );

    // Cancelled before the first frame: no frame, no GIF, no temporary
    // file, and not the directory it would have made.
    let cancelled = SequenceRequest {
        outputs: vec![
            SequenceOutput::Frames(dir.path().join("cancelled")),
            SequenceOutput::Gif(dir.path().join("cancelled.gif")),
        ],
        ..request.clone()
    };
    let err = export_sequence(data(), &cancelled, &|| {}, &AtomicBool::new(true)).unwrap_err();
    assert!(matches!(err, ExportError::Cancelled), "{err}");
    assert_eq!(names_in(dir.path()), ["seq", "seq.gif"]);

    // Cancelled once frames are written (by the first one's progress): the
    // frames it wrote go too; a directory that was there stays, with what
    // it had.
    let existing = dir.path().join("existing");
    std::fs::create_dir(&existing).unwrap();
    std::fs::write(existing.join("notes.txt"), b"mine").unwrap();
    let midway = SequenceRequest {
        outputs: vec![
            SequenceOutput::Frames(existing.clone()),
            SequenceOutput::Gif(existing.join("midway.gif")),
        ],
        frames: Frame::on_dates(
            announced,
            &Step::Weeks(1).dates(d("2025-01-01"), d("2025-03-01")).unwrap(),
        ),
        ..request
    };
    let cancel = AtomicBool::new(false);
    let written = std::sync::atomic::AtomicUsize::new(0);
    let progress = || {
        written.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        cancel.store(true, std::sync::atomic::Ordering::Relaxed);
    };
    let err = export_sequence(data(), &midway, &progress, &cancel).unwrap_err();
    assert!(matches!(err, ExportError::Cancelled), "{err}");
    assert!(written.into_inner() >= 1, "some frames were written first");
    assert_eq!(names_in(&existing), ["notes.txt"]);
}

/// A sequence paints each distinct map once and only the panels per frame
/// (`BaseLayerCache`); its frames must still be the single-frame exports,
/// byte for byte: on both sides of every boundary of both tracks (the
/// regions', the phases' and the bases'), as incidents fade, in a
/// comparison (whose disagreement marks change with the date too), and
/// with the cache evicting and refilling as statuses come back.
#[test]
fn sequence_frames_equal_single_frame_exports_across_every_boundary() {
    let scenario = &data().scenario;
    let (announced, reported) = (track("announced"), track("reported"));
    // Region and phase boundaries, base boundaries (al-Tanf's handover on
    // 11 Feb 2026 changes no region), and the days incidents appear, fade
    // and go.
    let incident_days = scenario
        .incidents
        .iter()
        .flat_map(|i| [0, 3, 7, 8].map(|days| i.date.checked_add_days(chrono::Days::new(days)).unwrap()));
    let mut dates: Vec<Date> = [announced, reported]
        .into_iter()
        .flat_map(|t| scenario.boundaries(t).into_iter().chain(scenario.base_boundaries(t)))
        .chain(incident_days)
        .flat_map(|b| [b.pred_opt().unwrap(), b])
        .collect();
    assert!(dates.contains(&d("2026-02-10")) && dates.contains(&d("2026-02-11")));
    assert!(!scenario.boundaries(reported).contains(&d("2026-02-11")));
    dates.sort_unstable();
    dates.dedup();
    // Back to the start: a map seen before, after other maps were kept.
    let revisit = dates[1].succ_opt().unwrap();
    assert!(!dates.contains(&revisit));
    dates.push(revisit);
    let opts = ExportOptions {
        size_px: [480, 270],
        ..ExportOptions::default()
    };
    for tracks in [
        TrackLayout::Single(announced),
        TrackLayout::Single(reported),
        TrackLayout::SideBySide([announced, reported]),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let request = SequenceRequest {
            frames: Frame::on_dates(tracks, &dates),
            outputs: vec![SequenceOutput::Frames(dir.path().to_owned())],
            fps: 8,
            force: false,
            opts,
        };
        let outcome = export_sequence(data(), &request, &|| {}, &AtomicBool::new(false)).unwrap();
        assert_eq!(outcome.frames().len(), dates.len());
        for (path, &date) in outcome.frames().iter().zip(&dates) {
            let single = render_png(data(), tracks, date, &opts).unwrap();
            assert!(
                std::fs::read(path).unwrap() == single,
                "{tracks:?} on {date}: the sequence frame differs from the single export"
            );
        }
    }
}

/// The frames of a sequence are rendered and PNG-encoded in parallel, each
/// by the worker that rendered it, sharing base layers between workers:
/// how many workers must not change a byte. On one worker (a serial run)
/// and on four, the 20 weekly frames are the same files, and each is its
/// single export.
#[test]
fn a_sequence_on_one_worker_and_on_four_writes_the_same_bytes() {
    let dates = Step::Weeks(1).dates(d("2024-09-01"), d("2025-01-12")).unwrap();
    assert_eq!(dates.len(), 20);
    let layout = TrackLayout::Single(track("reported"));
    let opts = ExportOptions {
        size_px: [480, 270],
        ..ExportOptions::default()
    };
    let frames_on = |threads: usize| -> Vec<Vec<u8>> {
        let dir = tempfile::tempdir().unwrap();
        let request = SequenceRequest {
            frames: Frame::on_dates(layout, &dates),
            outputs: vec![SequenceOutput::Frames(dir.path().to_owned())],
            fps: 8,
            force: false,
            opts,
        };
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        let outcome = pool
            .install(|| export_sequence(data(), &request, &|| {}, &AtomicBool::new(false)))
            .unwrap();
        outcome.frames().iter().map(|p| std::fs::read(p).unwrap()).collect()
    };
    let serial = frames_on(1);
    assert_eq!(serial.len(), dates.len());
    assert!(serial == frames_on(4), "four workers wrote other bytes than one");
    for (bytes, &date) in serial.iter().zip(&dates) {
        assert!(
            *bytes == render_png(data(), layout, date, &opts).unwrap(),
            "{date}: the sequence frame differs from the single export"
        );
    }
}

// ---------------------------------------------------------------------------
// The command: files, safety, exit codes

fn assert_ok(o: &Output) {
    assert!(o.status.success(), "exit {:?}: {}", o.status.code(), stderr(o));
}

pub(crate) fn assert_fails(o: &Output, code: i32, needle: &str) {
    assert_eq!(o.status.code(), Some(code), "stderr: {}", stderr(o));
    assert!(stderr(o).contains(needle), "{needle:?} not in: {}", stderr(o));
}

#[test]
fn export_writes_a_png_of_the_default_size() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.png");
    let o = run(&[
        "export",
        "--date",
        "2025-10-01",
        "--track",
        "announced",
        "--out",
        path(&out),
    ]);
    assert_ok(&o);
    assert!(String::from_utf8_lossy(&o.stdout).contains("map.png"));
    let img = decode_file(&out);
    assert_eq!([img.width, img.height], [1920, 1080]);
    let opts = ExportOptions::default();
    assert_region_colours(
        &img,
        opts.logical_rect(),
        &opts,
        track("announced"),
        d("2025-10-01"),
        "cli",
    );
}

#[test]
fn export_flags_reach_the_image() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("dark2x.png");
    let o = run(&[
        "export",
        "--date",
        "2025-12-01",
        "--track",
        "reported",
        "--size",
        "480x270",
        "--scale",
        "2",
        "--theme",
        "dark",
        "--transparent",
        "--out",
        path(&out),
    ]);
    assert_ok(&o);
    let img = decode_file(&out);
    assert_eq!([img.width, img.height], [960, 540]);
    let opts = ExportOptions {
        size_px: [480, 270],
        scale: 2.0,
        theme: Theme::Dark,
        transparent: true,
        ..ExportOptions::default()
    };
    assert_eq!(img.pixel(pixel_of(&opts, SEA.0, SEA.1))[3], 0);
    assert_region_colours(
        &img,
        opts.logical_rect(),
        &opts,
        track("reported"),
        d("2025-12-01"),
        "flags",
    );

    let compare = dir.path().join("compare.png");
    assert_ok(&run(&[
        "export",
        "--date",
        "2025-12-01",
        "--compare",
        "--size",
        "640x360",
        "--out",
        path(&compare),
    ]));
    assert_eq!(decode_file(&compare).width, 640);
}

#[test]
fn an_existing_file_is_kept_without_force_and_replaced_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.png");
    std::fs::write(&out, b"keep me").unwrap();
    let args = [
        "export",
        "--date",
        "2025-10-01",
        "--size",
        "320x180",
        "--out",
        path(&out),
    ];
    let o = run(&args);
    assert_fails(&o, 2, "--force");
    assert!(stderr(&o).contains(path(&out)), "names the path: {}", stderr(&o));
    assert_eq!(std::fs::read(&out).unwrap(), b"keep me");
    let forced: Vec<&str> = args.iter().copied().chain(["--force"]).collect();
    assert_ok(&run(&forced));
    assert_eq!(decode_file(&out).width, 320);
    assert_eq!(names_in(dir.path()), ["map.png"], "no stray temporary file");
}

#[test]
fn an_unwritable_path_is_an_error_naming_it_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // A directory that does not exist, and one under a regular file.
    let missing = dir.path().join("no/such/dir/map.png");
    let o = run(&[
        "export",
        "--date",
        "2025-10-01",
        "--size",
        "320x180",
        "--out",
        path(&missing),
    ]);
    assert_fails(&o, 2, "no/such/dir");
    std::fs::write(dir.path().join("file"), b"").unwrap();
    let under_file = dir.path().join("file/map.png");
    let o = run(&[
        "export",
        "--date",
        "2025-10-01",
        "--size",
        "320x180",
        "--out",
        path(&under_file),
    ]);
    assert_fails(&o, 2, "file");
    // The output is a directory.
    let o = run(&[
        "export",
        "--date",
        "2025-10-01",
        "--size",
        "320x180",
        "--out",
        path(dir.path()),
    ]);
    assert_fails(&o, 2, "not a file name");
    assert_eq!(names_in(dir.path()), ["file"], "no stray temporary file");

    // A read-only directory (meaningless for root, who may write anyway).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let ro = dir.path().join("ro");
        std::fs::create_dir(&ro).unwrap();
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
        if std::fs::write(ro.join("probe"), b"").is_err() {
            let o = run(&[
                "export",
                "--date",
                "2025-10-01",
                "--size",
                "320x180",
                "--out",
                path(&ro.join("m.png")),
            ]);
            assert_fails(&o, 2, path(&ro));
            assert!(names_in(&ro).is_empty(), "no stray temporary file");
        }
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

#[test]
fn bad_arguments_exit_2_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let out: PathBuf = dir.path().join("x.png");
    let o = path(&out);
    let cases: &[(&[&str], &str)] = &[
        (&["export", "--date", "2025-10-01", "--size", "0x5", "--out", o], "0x5"),
        (&["export", "--date", "2025-10-01", "--size", "abc", "--out", o], "abc"),
        (
            &["export", "--date", "2025-10-01", "--size", "16385x100", "--out", o],
            "16384",
        ),
        (
            &[
                "export",
                "--date",
                "2025-10-01",
                "--size",
                "9000x100",
                "--scale",
                "2",
                "--out",
                o,
            ],
            "16384",
        ),
        (&["export", "--date", "2025-10-01", "--scale", "0", "--out", o], "scale"),
        (&["export", "--date", "2025-13-01", "--out", o], "2025-13-01"),
        (
            &["export", "--date", "1999-01-01", "--out", o],
            "outside the scenario's range",
        ),
        (
            &["export", "--date", "2025-10-01", "--theme", "neon", "--out", o],
            "neon",
        ),
        (&["export", "--date", "2025-10-01"], "--out"),
        (
            &[
                "--scenario",
                "tests/data/scenario/gap.toml",
                "export",
                "--date",
                "2025-10-01",
                "--out",
                o,
            ],
            "gap.toml",
        ),
        (&["export", "--out-dir", o], "--step"),
        (&["export", "--out-dir", o, "--step", "1y"], "1y"),
        (
            &[
                "export",
                "--out-dir",
                o,
                "--step",
                "1w",
                "--from",
                "2026-01-01",
                "--to",
                "2025-01-01",
            ],
            "after it ends",
        ),
        (
            &[
                "export",
                "--out-dir",
                o,
                "--milestones",
                "--from",
                "2026-01-01",
                "--to",
                "2025-01-01",
            ],
            "after it ends",
        ),
        (
            &["export", "--out-dir", o, "--step", "1w", "--gif", o, "--fps", "0"],
            "--fps 0",
        ),
    ];
    for (args, needle) in cases {
        let output = run(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr(&output));
        assert!(
            stderr(&output).contains(needle),
            "{args:?}: {needle:?} not in {}",
            stderr(&output)
        );
    }
    assert!(names_in(dir.path()).is_empty(), "nothing written");
}

/// A write that fails part-way, as on a full disk: the process may only
/// write files of 64 KiB (`ulimit -f`), and ignores SIGXFSZ so that the
/// write returns EFBIG instead of killing it. The PNG is ~400 KB.
#[test]
fn a_write_failing_part_way_leaves_no_file_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.png");
    let script = format!(
        "trap '' XFSZ; ulimit -f 64; exec '{}' export --date 2025-10-01 --out '{}'",
        env!("CARGO_BIN_EXE_drawdown"),
        out.display()
    );
    let output = std::process::Command::new("bash")
        .args(["-c", &script])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(1),
        "a failure while writing exits 1: {stderr}"
    );
    assert!(stderr.starts_with("drawdown: error: "), "{stderr}");
    assert!(stderr.contains(&out.display().to_string()), "{stderr}");
    assert!(!stderr.contains(".drawdown-"), "names no temporary file: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "nothing may be left behind: {left:?}");
}

// ---------------------------------------------------------------------------
// The format comes from the output's name

#[test]
fn an_image_name_without_a_known_extension_is_refused_before_rendering() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["map.tiff", "map.jpg", "map"] {
        let out = dir.path().join(name);
        let o = run(&[
            "export",
            "--date",
            "2025-10-01",
            "--size",
            "320x180",
            "--out",
            path(&out),
        ]);
        assert_fails(&o, 2, ".png");
        assert!(stderr(&o).contains(path(&out)), "names the path: {}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    }
    assert!(names_in(dir.path()).is_empty(), "nothing written");
}

#[test]
fn an_upper_case_png_extension_writes_a_png() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("MAP.PNG");
    assert_ok(&run(&[
        "export",
        "--date",
        "2025-10-01",
        "--size",
        "320x180",
        "--out",
        path(&out),
    ]));
    assert_eq!(decode_file(&out).width, 320);
    assert_eq!(names_in(dir.path()), ["MAP.PNG"]);
}

#[test]
fn the_in_process_image_writer_refuses_an_unknown_format_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.tiff");
    let layout = TrackLayout::Single(track("announced"));
    let err = drawdown::write_image(data(), layout, d("2025-10-01"), &small(), &out, false).unwrap_err();
    assert!(matches!(err, ExportError::Format(_)) && err.is_bad_request(), "{err}");
    assert!(
        err.to_string().contains(".png") && !err.to_string().contains("--"),
        "{err}"
    );
    assert!(names_in(dir.path()).is_empty());
}

// ---------------------------------------------------------------------------
// The compare pair

/// The embedded scenario with its two `[[tracks]]` blocks swapped:
/// `reported` first, `announced` second.
fn write_swapped_scenario(dir: &Path) -> PathBuf {
    let text = drawdown::DEFAULT_SCENARIO_TOML;
    let first = text.find("\n[[tracks]]\n").unwrap();
    let second = first + 1 + text[first + 1..].find("\n[[tracks]]\n").unwrap();
    let after = second + text[second..].find("\n[[milestones]]\n").unwrap();
    let swapped = [
        &text[..first],
        &text[second..after],
        &text[first..second],
        &text[after..],
    ]
    .concat();
    assert_eq!(swapped.len(), text.len());
    let path = dir.join("swapped.toml");
    std::fs::write(&path, swapped).unwrap();
    path
}

#[test]
fn a_scenario_listing_reported_first_still_compares_announced_left() {
    let dir = tempfile::tempdir().unwrap();
    let scenario_path = write_swapped_scenario(dir.path());
    let scenario = drawdown::load_scenario_file(&scenario_path).unwrap();
    let ids: Vec<&str> = scenario.tracks.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["reported", "announced"], "the fixture lists reported first");
    let announced = scenario.track_idx("announced").unwrap();
    let reported = scenario.track_idx("reported").unwrap();

    // The window and the export dialog.
    assert_eq!(scenario.compare_pair(), Some([announced, reported]));
    for track in [announced, reported] {
        assert_eq!(
            TrackLayout::shown(true, track, &scenario),
            TrackLayout::SideBySide([announced, reported])
        );
    }

    // The command line: on 2025-12-01 federal Iraq is over when announced
    // and in transition when reported, so each half's fill tells its track.
    let date = d("2025-12-01");
    let federal = region("federal_iraq");
    assert_ne!(
        status_id(track("announced"), federal, date),
        status_id(track("reported"), federal, date)
    );
    let out = dir.path().join("compare.png");
    assert_ok(&run(&[
        "--scenario",
        path(&scenario_path),
        "export",
        "--date",
        "2025-12-01",
        "--compare",
        "--size",
        "1280x720",
        "--out",
        path(&out),
    ]));
    let img = decode_file(&out);
    let opts = small();
    for (side, (layout, id)) in compare_layouts(&opts).iter().zip(["announced", "reported"]).enumerate() {
        assert_region_colours_in(&img, layout, &opts, track(id), date, &format!("{id} on side {side}"));
    }
}



