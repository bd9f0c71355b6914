//! Decks and videos of a sequence, end to end: the PPTX read back with the
//! zip crate (its slides, pictures and speaker notes), the MP4 demuxed
//! (mp4), its colour signalling read from the sequence parameter set
//! (h264-reader) and its frames decoded (openh264's decoder) and checked at
//! interior points of each region against the statuses; the same bytes
//! twice; and the requests refused before anything is written.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::atomic::AtomicBool;

use drawdown::{
    Date, ExportOptions, Frame, MapLayout, MapStyle, MapView, SequenceOutput, SequenceRequest, TrackIdx, TrackLayout,
    date_format::long, export_sequence, milestone_dates,
};

use crate::export::{PROBES, assert_fails};
use crate::support::{data, date as d, drawdown as run};
use crate::support::{names_in, path, stderr};

fn track(id: &str) -> TrackIdx {
    data().scenario.track_idx(id).unwrap()
}

fn small() -> ExportOptions {
    ExportOptions {
        size_px: [640, 360],
        ..ExportOptions::default()
    }
}

fn pixel_of(opts: &ExportOptions, lon: f64, lat: f64) -> (usize, usize) {
    let style = MapStyle::for_theme(opts.theme);
    let to_screen = MapLayout::new(opts.logical_rect(), &style).screen_from_world(&MapView::HOME, &data().geometry);
    let p = to_screen.screen_from_world(data().geometry.world_from_lonlat(lon, lat)) * opts.scale;
    (p.x.floor() as usize, p.y.floor() as usize)
}

fn status_rgb(track: TrackIdx, region: &str, date: Date) -> [u8; 3] {
    let s = &data().scenario;
    let status = s.status_on(track, s.region_idx(region).unwrap(), date).unwrap();
    let c = s.status(status).color;
    [c.r, c.g, c.b]
}

/// A sequence of `tracks` on `dates` (small, 4 fps) writing `outputs`.
fn request(tracks: TrackLayout, dates: Vec<Date>, outputs: Vec<SequenceOutput>) -> SequenceRequest {
    SequenceRequest {
        frames: Frame::on_dates(tracks, &dates),
        outputs,
        fps: 4,
        force: false,
        opts: small(),
    }
}

// ---------------------------------------------------------------------------
// PPTX

/// A deck read back: each part's text by name, and the raw bytes of each.
struct Deck {
    zip: zip::ZipArchive<std::io::Cursor<Vec<u8>>>,
}

impl Deck {
    fn open(file: &Path) -> Self {
        let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        Self {
            zip: zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap(),
        }
    }

    fn bytes(&mut self, name: &str) -> Vec<u8> {
        let mut entry = self.zip.by_name(name).unwrap_or_else(|e| panic!("no part {name}: {e}"));
        let mut out = Vec::new();
        entry.read_to_end(&mut out).unwrap();
        out
    }

    fn text(&mut self, name: &str) -> String {
        String::from_utf8(self.bytes(name)).unwrap()
    }

    fn slide_count(&self) -> usize {
        self.zip
            .file_names()
            .filter_map(Result::ok)
            .filter(|n| n.starts_with("ppt/slides/slide") && n.ends_with(".xml"))
            .count()
    }
}

/// The text runs (`<a:t>`) of an XML part, in order, unescaped enough for
/// the scenario's text (`&amp;` and the quotes).
fn runs(xml: &str) -> Vec<String> {
    xml.split("<a:t>")
        .skip(1)
        .map(|s| {
            s.split("</a:t>")
                .next()
                .unwrap()
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&")
        })
        .collect()
}

#[test]
fn a_milestone_deck_has_a_title_slide_then_a_slide_per_milestone_with_its_map_and_notes() {
    let dir = tempfile::tempdir().unwrap();
    let deck_path = dir.path().join("deck.pptx");
    let o = run(&[
        "export",
        "--milestones",
        "--track",
        "reported",
        "--from",
        "2024-01-01",
        // To the last day on record in every region: later slides show
        // silent regions hatched, not in one status colour to probe.
        "--to",
        "2026-03-13",
        "--size",
        "640x360",
        "--pptx",
        path(&deck_path),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        names_in(dir.path()),
        ["deck.pptx"],
        "no PNG frames without a frame directory"
    );
    let reported = track("reported");
    let layout = TrackLayout::Single(reported);
    let s = &data().scenario;
    let dates = milestone_dates(s, layout, d("2024-01-01"), d("2026-03-13")).unwrap();
    assert!(dates.len() >= 5, "{dates:?}");

    let mut deck = Deck::open(&deck_path);
    assert_eq!(
        deck.slide_count(),
        dates.len() + 1,
        "a title slide and one per milestone"
    );
    let presentation = deck.text("ppt/presentation.xml");
    assert_eq!(presentation.matches("<p:sldId ").count(), dates.len() + 1);
    assert!(
        presentation.contains("<p:sldSz cx=\"12192000\" cy=\"6858000\"/>"),
        "16:9"
    );
    for part in [
        "[Content_Types].xml",
        "ppt/slideMasters/slideMaster1.xml",
        "ppt/slideLayouts/slideLayout1.xml",
        "ppt/theme/theme1.xml",
        "ppt/notesMasters/notesMaster1.xml",
        "ppt/theme/theme2.xml",
        "docProps/core.xml",
        "docProps/app.xml",
    ] {
        assert!(!deck.bytes(part).is_empty(), "{part}");
    }

    let title = runs(&deck.text("ppt/slides/slide1.xml"));
    assert_eq!(title[0], s.title);
    let subtitle = title[1..].join("\n");
    assert!(subtitle.contains(&s.track(reported).name), "{subtitle}");
    assert!(
        subtitle.contains(&long(dates[0])) && subtitle.contains(&long(*dates.last().unwrap())),
        "{subtitle}"
    );
    assert!(subtitle.contains("Sources: "), "{subtitle}");

    for (i, &date) in dates.iter().enumerate() {
        let n = i + 2;
        let slide = deck.text(&format!("ppt/slides/slide{n}.xml"));
        let milestone = s.milestone_on(reported, date).unwrap();
        let slide_title = &runs(&slide)[0];
        assert!(
            slide_title.contains(&long(date)) && slide_title.contains(&milestone.title),
            "slide {n}: {slide_title}"
        );
        assert!(
            slide.contains("<p:pic>") && slide.contains("r:embed=\"rId3\""),
            "slide {n}"
        );
        let rels = deck.text(&format!("ppt/slides/_rels/slide{n}.xml.rels"));
        assert!(rels.contains(&format!("../media/image{n}.png")), "{rels}");
        assert!(rels.contains(&format!("../notesSlides/notesSlide{n}.xml")), "{rels}");

        // The picture is the map at the export's size, with the statuses.
        let png = deck.bytes(&format!("ppt/media/image{n}.png"));
        let mut reader = png::Decoder::new(std::io::Cursor::new(png)).read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!([info.width, info.height], [640, 360]);
        assert_eq!(info.color_type, png::ColorType::Rgb);
        for (region, lon, lat) in PROBES {
            let (x, y) = pixel_of(&small(), lon, lat);
            let at = (y * 640 + x) * 3;
            assert_eq!(
                buf[at..at + 3],
                status_rgb(reported, region, date),
                "{region} on {date}"
            );
        }

        // Notes: the milestone's detail, then every region's status with its source.
        let notes = runs(&deck.text(&format!("ppt/notesSlides/notesSlide{n}.xml")));
        let all = notes.join("\n");
        assert!(notes[0].starts_with(milestone.detail.trim()), "{}", notes[0]);
        assert!(notes[0].contains(&milestone.source), "{}", notes[0]);
        assert!(all.contains(&long(date)), "{all}");
        for region in &s.regions {
            let r = s.region_idx(&region.id).unwrap();
            let period = s.period_on(reported, r, date).unwrap();
            let label = &s.status(period.status).label;
            let line = notes
                .iter()
                .find(|l| l.starts_with(&format!("{}: ", region.name)))
                .unwrap_or_else(|| panic!("no line for {} on {date}: {all}", region.name));
            assert!(line.contains(label.as_str()), "{line}");
            assert!(line.ends_with(&format!("Source: {}", period.source)), "{line}");
        }
        for (p, place) in s.bases() {
            if let Some(period) = s.base_period_on(reported, p, date) {
                assert!(
                    notes.iter().any(|l| l.starts_with(&format!("– {}: ", place.name))
                        && l.ends_with(&format!("Source: {}", period.source))),
                    "no line for base {} on {date}: {all}",
                    place.name
                );
            }
        }
    }
}

#[test]
fn the_same_deck_twice_gives_the_same_bytes_and_frames_come_with_a_frame_directory() {
    let dir = tempfile::tempdir().unwrap();
    let dates = vec![d("2025-09-01"), d("2025-10-01"), d("2025-12-01")];
    let compare = TrackLayout::SideBySide(data().scenario.compare_pair().unwrap());
    let first = request(
        compare,
        dates.clone(),
        vec![
            SequenceOutput::Pptx(dir.path().join("a.pptx")),
            SequenceOutput::Frames(dir.path().join("frames")),
        ],
    );
    let outcome = export_sequence(data(), &first, &|| {}, &AtomicBool::new(false)).unwrap();
    assert_eq!(outcome.frames().len(), 3, "PNG frames with a frame directory");
    assert_eq!(names_in(&dir.path().join("frames")).len(), 3);
    let second = request(compare, dates, vec![SequenceOutput::Pptx(dir.path().join("b.pptx"))]);
    export_sequence(data(), &second, &|| {}, &AtomicBool::new(false)).unwrap();
    let [a, b] = ["a.pptx", "b.pptx"].map(|n| std::fs::read(dir.path().join(n)).unwrap());
    assert!(a == b, "the same deck twice differs");
    // A comparison's notes give both tracks' statuses.
    let mut deck = Deck::open(&dir.path().join("a.pptx"));
    assert_eq!(deck.slide_count(), 4);
    let notes = runs(&deck.text("ppt/notesSlides/notesSlide3.xml")).join("\n");
    for t in data().scenario.compare_pair().unwrap() {
        assert!(notes.contains(&data().scenario.track(t).name), "{notes}");
    }
}

#[test]
fn a_cancelled_deck_or_video_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let cancel = AtomicBool::new(true);
    let cancelled = request(
        TrackLayout::Single(track("announced")),
        vec![d("2025-01-01"), d("2025-02-01")],
        vec![
            SequenceOutput::Pptx(dir.path().join("deck.pptx")),
            SequenceOutput::Mp4(dir.path().join("anim.mp4")),
        ],
    );
    let err = export_sequence(data(), &cancelled, &|| {}, &cancel).unwrap_err();
    assert!(matches!(err, drawdown::ExportError::Cancelled), "{err}");
    assert!(names_in(dir.path()).is_empty(), "{:?}", names_in(dir.path()));
}

// ---------------------------------------------------------------------------
// MP4

/// A demuxed and decoded video: the colour signalling of its SPS, its
/// sample durations (timescale units), its timescale and its frames as
/// RGB by BT.601 limited range.
struct Video {
    matrix: u8,
    full_range: bool,
    timescale: u32,
    durations: Vec<u32>,
    frames: Vec<Vec<[u8; 3]>>,
    size: [usize; 2],
    top_level_boxes: Vec<String>,
}

fn top_level_boxes(bytes: &[u8]) -> Vec<String> {
    let mut boxes = Vec::new();
    let mut at = 0;
    while at + 8 <= bytes.len() {
        let size = u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
        boxes.push(String::from_utf8_lossy(&bytes[at + 4..at + 8]).into_owned());
        assert!(size >= 8, "box size {size}");
        at += size;
    }
    boxes
}

/// BT.601 limited range YCbCr → RGB (what the video signals).
fn bt601_limited(y: u8, cb: u8, cr: u8) -> [u8; 3] {
    let (y, cb, cr) = (f64::from(y) - 16.0, f64::from(cb) - 128.0, f64::from(cr) - 128.0);
    let c = |v: f64| v.round().clamp(0.0, 255.0) as u8;
    [
        c(1.164_383 * y + 1.596_027 * cr),
        c(1.164_383 * y - 0.391_762 * cb - 0.812_968 * cr),
        c(1.164_383 * y + 2.017_232 * cb),
    ]
}

fn read_video(file: &Path) -> Video {
    use openh264::formats::YUVSource as _;
    let bytes = std::fs::read(file).unwrap();
    let top_level_boxes = top_level_boxes(&bytes);
    let size = bytes.len() as u64;
    let mut mp4 = mp4::Mp4Reader::read_header(std::io::Cursor::new(bytes), size).unwrap();
    let (&id, track) = mp4.tracks().iter().next().unwrap();
    let timescale = track.timescale();
    let sps = track.sequence_parameter_set().unwrap().to_vec();
    let pps = track.picture_parameter_set().unwrap().to_vec();
    let parsed = h264_reader::nal::sps::SeqParameterSet::from_bits(h264_reader::rbsp::BitReader::new(
        h264_reader::rbsp::ByteReader::skipping_h264_header(&sps[..]),
    ))
    .unwrap();
    let signal = parsed.vui_parameters.unwrap().video_signal_type.unwrap();
    let colour = signal.colour_description.unwrap();

    let mut decoder = openh264::decoder::Decoder::new().unwrap();
    let start = [0, 0, 0, 1];
    let mut frames = Vec::new();
    let mut durations = Vec::new();
    let mut frame_size = [0, 0];
    let count = mp4.sample_count(id).unwrap();
    for sample_id in 1..=count {
        let sample = mp4.read_sample(id, sample_id).unwrap().unwrap();
        durations.push(sample.duration);
        // Length-prefixed NAL units → Annex B, parameter sets first.
        let mut annex_b = Vec::new();
        if sample_id == 1 {
            for nal in [&sps, &pps] {
                annex_b.extend(start);
                annex_b.extend(nal.iter());
            }
        }
        let mut rest = &sample.bytes[..];
        while rest.len() > 4 {
            let len = u32::from_be_bytes(rest[..4].try_into().unwrap()) as usize;
            annex_b.extend(start);
            annex_b.extend(&rest[4..4 + len]);
            rest = &rest[4 + len..];
        }
        let Some(yuv) = decoder.decode(&annex_b).unwrap() else {
            continue;
        };
        let (w, h) = yuv.dimensions();
        let (ys, us, vs) = yuv.strides();
        let mut rgb = Vec::with_capacity(w * h);
        for y in 0..h {
            for x in 0..w {
                rgb.push(bt601_limited(
                    yuv.y()[y * ys + x],
                    yuv.u()[(y / 2) * us + x / 2],
                    yuv.v()[(y / 2) * vs + x / 2],
                ));
            }
        }
        frame_size = [w, h];
        frames.push(rgb);
    }
    for yuv in decoder.flush_remaining().unwrap() {
        let _ = yuv;
        frames.push(Vec::new());
    }
    Video {
        matrix: colour.matrix_coefficients,
        full_range: signal.video_full_range_flag,
        timescale,
        durations,
        frames,
        size: frame_size,
        top_level_boxes,
    }
}

#[test]
fn a_video_has_a_frame_per_date_in_its_status_colours_and_signals_bt601() {
    let dir = tempfile::tempdir().unwrap();
    // The announced plan: the reported track hatches the map after the
    // last report, so its fills are not flat there.
    let announced = track("announced");
    // Across the boundaries: before phase 1, during it, after it, phase 2
    // and after it.
    let dates = vec![
        d("2024-06-01"),
        d("2025-06-01"),
        d("2025-10-01"),
        d("2025-12-01"),
        d("2026-10-01"),
    ];
    let video_path = dir.path().join("anim.mp4");
    let req = SequenceRequest {
        fps: 5,
        ..request(
            TrackLayout::Single(announced),
            dates.clone(),
            vec![SequenceOutput::Mp4(video_path.clone())],
        )
    };
    let steps = std::sync::atomic::AtomicUsize::new(0);
    let progress = || {
        steps.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    };
    export_sequence(data(), &req, &progress, &AtomicBool::new(false)).unwrap();
    assert_eq!(steps.into_inner(), dates.len(), "progress once per frame");
    assert_eq!(names_in(dir.path()), ["anim.mp4"]);

    let video = read_video(&video_path);
    let order: Vec<&str> = video.top_level_boxes.iter().map(String::as_str).collect();
    let moov = order.iter().position(|b| *b == "moov").unwrap();
    let mdat = order.iter().position(|b| *b == "mdat").unwrap();
    assert!(order[0] == "ftyp" && moov < mdat, "the index comes first: {order:?}");
    assert_eq!(video.matrix, 6, "BT.601 matrix signalled");
    assert!(!video.full_range, "limited range signalled");
    assert_eq!(video.durations.len(), dates.len(), "a sample per date");
    for duration in &video.durations {
        assert_eq!(*duration * 5, video.timescale, "each frame lasts 1/fps s");
    }
    assert_eq!(video.frames.len(), dates.len(), "every frame decodes");
    assert_eq!(video.size, [640, 360]);
    // The shared probes, but in the Kurdistan Region a spot further from
    // its labels: H.264 smears colour a few pixels round text and borders,
    // and the region is small in a 640×360 frame.
    let probes = PROBES.map(|probe| match probe {
        ("kurdistan", ..) => ("kurdistan", 45.45, 35.6),
        other => other,
    });
    for (frame, &date) in video.frames.iter().zip(&dates) {
        for (region, lon, lat) in probes {
            let expected = status_rgb(announced, region, date);
            let (x, y) = pixel_of(&small(), lon, lat);
            let got = frame[y * 640 + x];
            let off = got.iter().zip(expected).map(|(&g, e)| g.abs_diff(e)).max().unwrap();
            assert!(
                off <= 6,
                "{region} on {date}: decoded {got:?}, status colour {expected:?}"
            );
        }
    }
}

#[test]
fn the_same_video_twice_gives_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let dates = vec![d("2025-09-01"), d("2025-09-08"), d("2025-10-01")];
    for name in ["a.mp4", "b.mp4"] {
        let req = request(
            TrackLayout::Single(track("announced")),
            dates.clone(),
            vec![SequenceOutput::Mp4(dir.path().join(name))],
        );
        export_sequence(data(), &req, &|| {}, &AtomicBool::new(false)).unwrap();
    }
    let [a, b] = ["a.mp4", "b.mp4"].map(|n| std::fs::read(dir.path().join(n)).unwrap());
    assert!(a == b, "the same video twice differs");
}

// ---------------------------------------------------------------------------
// Bad requests

#[test]
fn bad_deck_and_video_requests_exit_2_and_leave_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = |name: &str| -> PathBuf { dir.path().join(name) };
    let base = ["export", "--size", "320x180"];
    let with = |extra: &[&str]| -> Output {
        let mut args: Vec<&str> = base.to_vec();
        args.extend(extra);
        run(&args)
    };
    // Zero frames: no milestone in the range.
    let deck = out("deck.pptx");
    let o = with(&[
        "--milestones",
        "--from",
        "2014-08-02",
        "--to",
        "2014-08-03",
        "--pptx",
        path(&deck),
    ]);
    assert_fails(&o, 2, "no milestone");
    // An odd size cannot be a video.
    let video = out("anim.mp4");
    let o = run(&[
        "export",
        "--size",
        "321x180",
        "--step",
        "1m",
        "--from",
        "2025-01-01",
        "--to",
        "2025-06-01",
        "--mp4",
        path(&video),
    ]);
    assert_fails(&o, 2, "even");
    // One date has no duration to play.
    let o = with(&[
        "--step",
        "1m",
        "--from",
        "2025-01-01",
        "--to",
        "2025-01-01",
        "--mp4",
        path(&video),
    ]);
    assert_fails(&o, 2, "two dates");
    // A sequence with no output at all.
    let o = with(&["--milestones"]);
    assert_fails(&o, 2, "--pptx");
    // --fps asks for an animation.
    let o = with(&["--milestones", "--pptx", path(&deck), "--fps", "4"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    // Unwritable paths: a missing directory, a directory under a file.
    let missing = out("no/such/dir/deck.pptx");
    let o = with(&["--milestones", "--pptx", path(&missing)]);
    assert_fails(&o, 2, "no/such/dir");
    std::fs::write(out("file"), b"").unwrap();
    let under_file = out("file/anim.mp4");
    let o = with(&[
        "--step",
        "1m",
        "--from",
        "2025-01-01",
        "--to",
        "2025-03-01",
        "--mp4",
        path(&under_file),
    ]);
    assert_fails(&o, 2, "file");
    // A deck that exists is kept without --force, before any frame is written.
    std::fs::write(&deck, b"keep").unwrap();
    let frames = out("frames");
    let o = with(&["--milestones", "--out-dir", path(&frames), "--pptx", path(&deck)]);
    assert_fails(&o, 2, "--force");
    assert_eq!(std::fs::read(&deck).unwrap(), b"keep");
    assert!(!frames.exists(), "no frame, not even the directory, before the refusal");
    assert_eq!(names_in(dir.path()), ["deck.pptx", "file"], "nothing else left behind");
}

#[test]
fn the_command_writes_a_video_and_a_deck_in_one_run_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let (deck, video) = (dir.path().join("deck.pptx"), dir.path().join("anim.mp4"));
    let o = run(&[
        "export",
        "--size",
        "320x180",
        "--step",
        "1m",
        "--from",
        "2025-08-01",
        "--to",
        "2025-11-01",
        "--fps",
        "2",
        "--mp4",
        path(&video),
        "--pptx",
        path(&deck),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("anim.mp4 (4 frames, 320x180 px, 2 fps)"), "{stdout}");
    assert!(stdout.contains("deck.pptx (5 slides)"), "{stdout}");
    assert_eq!(Deck::open(&deck).slide_count(), 5);
    let video = read_video(&video);
    assert_eq!(video.frames.len(), 4);
    assert!(video.durations.iter().all(|&t| t * 2 == video.timescale));
}

/// Every day a deck could show: the first of each month and every
/// milestone, on each track alone and compared.
fn every_slide_of_the_record() -> Vec<(TrackLayout, Date)> {
    let s = &data().scenario;
    let mut dates: Vec<Date> = s.milestones.iter().map(|m| m.date).collect();
    let mut month = s.range.start;
    while month <= s.range.end {
        dates.push(month);
        month = month.checked_add_months(chrono::Months::new(1)).unwrap();
    }
    let layouts = [
        TrackLayout::Single(track("announced")),
        TrackLayout::Single(track("reported")),
        TrackLayout::shown(true, track("announced"), s),
    ];
    layouts
        .into_iter()
        .flat_map(|layout| dates.iter().map(move |&date| (layout, date)))
        .collect()
}

#[test]
fn speaker_notes_never_end_a_sentence_twice_or_say_seed() {
    use drawdown::FrameSlide;
    let s = &data().scenario;
    let mut with_troops = 0;
    for (layout, date) in every_slide_of_the_record() {
        let slide = FrameSlide::of(s, layout, date);
        for note in &slide.notes {
            assert!(!note.contains(".."), "{date}: {note}");
            assert!(!note.contains("(seed)"), "{date}: {note}");
            assert!(!note.contains(". ."), "{date}: {note}");
        }
        with_troops += usize::from(slide.notes.iter().any(|n| n.contains("as of ")));
    }
    assert!(
        with_troops > 20,
        "the troop rows, whose notes end a sentence, are among them"
    );
}

#[test]
fn the_title_slide_names_each_source_once() {
    use drawdown::title_lines;
    let s = &data().scenario;
    let dates = milestone_dates(s, TrackLayout::Single(track("announced")), s.range.start, s.range.end).unwrap();
    let frames = Frame::on_dates(TrackLayout::shown(true, track("announced"), s), &dates);
    let lines = title_lines(s, &frames);
    let sources = lines.iter().find_map(|l| l.strip_prefix("Sources: ")).unwrap();
    let named: Vec<String> = sources.split("; ").map(str::to_lowercase).collect();
    for (i, name) in named.iter().enumerate() {
        assert!(!named[..i].contains(name), "{name:?} twice in {sources}");
    }
    assert!(named.contains(&"public record".to_owned()), "{sources}");
    assert!(named.contains(&"boundaries: natural earth".to_owned()), "{sources}");
}

#[test]
fn a_deck_is_staged_beside_its_target_not_in_tmpdir() {
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("deck.pptx");
    // A $TMPDIR that cannot be written: the deck never goes there.
    let tmpdir = dir.path().join("no-such-tmp");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_drawdown"))
        .args([
            "export", "--track", "announced", "--from", "2025-01-01", "--to", "2025-01-29", "--step", "1w", "--size",
            "160x90", "--pptx",
        ])
        .arg(&deck)
        .env("TMPDIR", &tmpdir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!tmpdir.exists());
    assert_eq!(names_in(dir.path()), ["deck.pptx"], "nothing beside it");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&deck).unwrap()).unwrap();
    assert!(zip.by_name("ppt/slides/slide6.xml").is_ok(), "a title slide and five frames");
    assert!(zip.by_name("ppt/slides/slide7.xml").is_err());
}

#[test]
fn a_book_counts_its_pages_as_it_goes_and_a_cancel_stops_it_between_two() {
    let dir = tempfile::tempdir().unwrap();
    let dates: Vec<Date> = (1..=10).map(|m| d(&format!("2025-{m:02}-01"))).collect();
    let book = request(
        TrackLayout::Single(track("announced")),
        dates,
        vec![SequenceOutput::PdfBook(dir.path().join("book.pdf"))],
    );
    let cancel = AtomicBool::new(false);
    let pages = std::sync::atomic::AtomicUsize::new(0);
    let progress = || {
        // Cancelled as the third page is done.
        if pages.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1 == 3 {
            cancel.store(true, std::sync::atomic::Ordering::SeqCst);
        }
    };
    let err = export_sequence(data(), &book, &progress, &cancel).unwrap_err();
    assert!(matches!(err, drawdown::ExportError::Cancelled), "{err}");
    assert_eq!(pages.load(std::sync::atomic::Ordering::SeqCst), 3, "no page after the cancel");
    assert!(names_in(dir.path()).is_empty(), "{:?}", names_in(dir.path()));
}

#[test]
fn a_title_slide_cites_the_last_reports_not_the_sentence_about_the_silence() {
    let dir = tempfile::tempdir().unwrap();
    let deck_path = dir.path().join("deck.pptx");
    let o = run(&[
        "export", "--track", "reported", "--from", "2026-04-01", "--to", "2026-04-15", "--step", "1w", "--size",
        "320x180", "--pptx", path(&deck_path),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let title = runs(&Deck::open(&deck_path).text("ppt/slides/slide1.xml")).join(" ");
    assert!(!title.contains("Nothing on record"), "{title}");
    assert!(!title.contains("(last:"), "{title}");
    assert!(title.contains("NYT via dnyuz, 20 Mar 2026"), "the last report is cited: {title}");
}
