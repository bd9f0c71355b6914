//! A brief's furniture on every export (the classification banners, the
//! logo, the title, the callouts) read back from the pixels of a PNG and
//! the text of an SVG and a PDF; an export's view box.

use std::sync::Arc;

use drawdown::{
    Banner, ExportOptions, ExportView, Furniture, GeoBox, ImageFormat, Logo, Callout, Marking, RgbaImage, TrackLayout,
    banner, render_compare, render_rgba,
};

use crate::support::{data, date as d, drawdown as run};

fn small() -> ExportOptions {
    ExportOptions {
        size_px: [1280, 720],
        ..ExportOptions::default()
    }
}

fn reported_track() -> drawdown::TrackIdx {
    data().scenario.track_idx("reported").unwrap()
}

fn reported() -> TrackLayout {
    TrackLayout::Single(reported_track())
}

/// Furniture with a banner of `text`, a red logo, a title and a callout
/// at Qasrak.
fn furniture(text: &str) -> Furniture {
    Furniture {
        banner: Some(Banner::of_text(text)),
        logo: Some(Arc::new(Logo {
            width: 4,
            height: 4,
            rgba: [0xcc, 0x11, 0x22, 0xff].repeat(16),
        })),
        title: Some("Qasrak holds".to_owned()),
        callouts: vec![Callout {
            text: "Reinforced again 11 Mar".to_owned(),
            lonlat: [40.50, 36.67],
        }],
        card: false,
    }
}

fn decode_png(bytes: &[u8]) -> RgbaImage {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::ALPHA);
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgba);
    RgbaImage {
        width: info.width,
        height: info.height,
        pixels,
    }
}

fn rgb(c: egui::Color32) -> [u8; 3] {
    [c.r(), c.g(), c.b()]
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_banner_colours_the_top_and_bottom_rows_of_a_png_by_its_marking() {
    for (text, colors) in [
        ("UNCLASSIFIED", banner::UNCLASSIFIED),
        ("SECRET//REL TO USA, GBR", banner::SECRET),
        ("TOP SECRET", banner::TOP_SECRET),
        ("Draft for discussion", banner::OTHER),
    ] {
        let bytes = ImageFormat::Png
            .render_with(data(), reported(), d("2026-03-11"), Some(&furniture(text)), &small())
            .unwrap();
        let image = decode_png(&bytes);
        assert_eq!((image.width, image.height), (1280, 720));
        // A column clear of the banner's centred text.
        for (x, y) in [(4, 0), (4, 2), (1275, 1), (4, 719), (1275, 717)] {
            let p = image.pixel(x, y).unwrap();
            assert_eq!([p[0], p[1], p[2]], rgb(colors.fill), "{text}: ({x}, {y})");
        }
        // The banner's text is drawn in its text colour at its centre row.
        let centre_row: Vec<[u8; 3]> = (400..880)
            .map(|x| {
                let p = image.pixel(x, 8).unwrap();
                [p[0], p[1], p[2]]
            })
            .collect();
        assert!(
            centre_row.iter().any(|p| *p != rgb(colors.fill)),
            "{text}: the banner has text"
        );
    }
}

#[test]
fn without_a_banner_or_a_title_the_map_keeps_the_whole_picture() {
    let plain = render_rgba(data(), reported_track(), d("2026-03-11"), &small()).unwrap();
    let no_banner = Furniture {
        banner: None,
        title: None,
        ..furniture("")
    };
    let bytes = ImageFormat::Png
        .render_with(data(), reported(), d("2026-03-11"), Some(&no_banner), &small())
        .unwrap();
    let furnished = decode_png(&bytes);
    // The top left corner (the sea, the title block) is the same picture.
    for (x, y) in [(2, 2), (100, 40), (2, 700)] {
        assert_eq!(furnished.pixel(x, y), plain.pixel(x, y), "({x}, {y})");
    }
    assert_ne!(furnished.pixels, plain.pixels, "the callout and the logo are drawn");
}

#[test]
fn the_logo_is_drawn_in_its_own_colours_in_the_top_right_corner_of_the_map() {
    let bytes = ImageFormat::Png
        .render_with(
            data(),
            reported(),
            d("2026-03-11"),
            Some(&furniture("UNCLASSIFIED")),
            &small(),
        )
        .unwrap();
    let image = decode_png(&bytes);
    let red = (1000..1280)
        .flat_map(|x| (18..120).map(move |y| (x, y)))
        .filter(|&(x, y)| image.pixel(x, y).unwrap()[..3] == [0xcc, 0x11, 0x22])
        .count();
    assert!(red > 500, "{red} logo pixels in the corner");
}

#[test]
fn the_banner_title_and_callout_are_text_in_svg_and_pdf() {
    let furniture = furniture("SECRET//REL TO USA, GBR");
    let svg = ImageFormat::Svg
        .render_with(data(), reported(), d("2026-03-11"), Some(&furniture), &small())
        .unwrap();
    let svg = String::from_utf8(svg).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let texts: String = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().to_owned() + " ")
        .collect();
    for said in ["SECRET//REL TO USA, GBR", "Qasrak holds", "Reinforced again 11 Mar"] {
        assert!(squeeze(&texts).contains(said), "{said} in {texts}");
    }
    let titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("title"))
        .filter_map(|n| n.text())
        .collect();
    assert!(titles.contains(&"Callout: Reinforced again 11 Mar"), "{titles:?}");
    assert_eq!(
        titles.iter().filter(|t| t.starts_with("Classification")).count(),
        1,
        "{titles:?}"
    );

    let pdf = ImageFormat::Pdf
        .render_with(data(), reported(), d("2026-03-11"), Some(&furniture), &small())
        .unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let text = squeeze(&doc.extract_text(&[1]).unwrap());
    for said in ["SECRET//REL TO USA, GBR", "Qasrak holds", "Reinforced again 11 Mar"] {
        assert!(text.contains(said), "{said} in {text}");
    }
    assert_eq!(
        text.matches("SECRET//REL TO USA, GBR").count(),
        2,
        "top and bottom: {text}"
    );
}

#[test]
fn a_title_card_shows_the_title_a_second_time_in_the_middle_of_the_map() {
    let svg_texts = |furniture: &Furniture| {
        let svg = ImageFormat::Svg
            .render_with(data(), reported(), d("2026-03-11"), Some(furniture), &small())
            .unwrap();
        let svg = String::from_utf8(svg).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        doc.descendants()
            .filter(|n| n.has_tag_name("title"))
            .filter_map(|n| n.text().map(str::to_owned))
            .collect::<Vec<_>>()
    };
    let plain = svg_texts(&furniture("UNCLASSIFIED"));
    assert!(!plain.iter().any(|t| t == "Title card"), "{plain:?}");
    let carded = svg_texts(&Furniture {
        card: true,
        ..furniture("UNCLASSIFIED")
    });
    assert!(carded.iter().any(|t| t == "Title card"), "{carded:?}");
}

#[test]
fn a_comparison_shares_one_banner_across_both_maps() {
    let pair = TrackLayout::SideBySide(data().scenario.compare_pair().unwrap());
    let bytes = ImageFormat::Png
        .render_with(data(), pair, d("2026-03-11"), Some(&furniture("CUI")), &small())
        .unwrap();
    let image = decode_png(&bytes);
    for x in [2, 639, 640, 1277] {
        let p = image.pixel(x, 1).unwrap();
        assert_eq!([p[0], p[1], p[2]], rgb(banner::CUI.fill), "({x}, 1)");
    }
    assert_eq!(Banner::of_text("cui").marking, Marking::Cui);
    let plain = render_compare(data(), data().scenario.compare_pair().unwrap(), d("2026-03-11"), &small()).unwrap();
    assert_ne!(plain.pixel(2, 1), image.pixel(2, 1), "the banner is over the picture");
}

#[test]
fn a_view_box_zooms_the_export_to_it() {
    let home = render_rgba(data(), reported_track(), d("2026-03-11"), &small()).unwrap();
    let zoomed_opts = ExportOptions {
        view: ExportView::Box(GeoBox::new(40.0, 35.5, 42.0, 37.5).unwrap()),
        ..small()
    };
    let zoomed = render_rgba(data(), reported_track(), d("2026-03-11"), &zoomed_opts).unwrap();
    assert_ne!(home.pixels, zoomed.pixels);
    // Zoomed in on north-east Syria the picture shows no sea; home shows the
    // Mediterranean at the left of the map.
    let sea = drawdown::MapStyle::for_theme(drawdown::Theme::Light).sea;
    let count_sea = |image: &RgbaImage| {
        (700..1270)
            .step_by(10)
            .flat_map(|x| (100..700).step_by(10).map(move |y| (x, y)))
            .filter(|&(x, y)| image.pixel(x, y).unwrap()[..3] == rgb(sea))
            .count()
    };
    assert!(count_sea(&zoomed) < count_sea(&home), "zoomed in: less sea in view");
}

#[test]
fn the_command_line_takes_a_view_box_and_refuses_a_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("zoomed.png");
    let ok = run(&[
        "export",
        "--date",
        "2026-03-11",
        "--size",
        "640x360",
        "--view",
        "38,32,44.5,37.5",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    let home = dir.path().join("home.png");
    let plain = run(&[
        "export",
        "--date",
        "2026-03-11",
        "--size",
        "640x360",
        "--out",
        home.to_str().unwrap(),
    ]);
    assert!(plain.status.success());
    assert_ne!(std::fs::read(&out).unwrap(), std::fs::read(&home).unwrap());
    let bad = run(&[
        "export",
        "--view",
        "44,32,38,37",
        "--out",
        dir.path().join("bad.png").to_str().unwrap(),
    ]);
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("west to east"), "{err}");
}

#[test]
fn the_windows_image_export_keeps_its_zoom_and_pan() {
    let dir = tempfile::tempdir().unwrap();
    let export = |view: Option<drawdown::MapView>, name: &str| {
        let mut h = crate::support::harness("2026-03-11", 1);
        if let Some(view) = view {
            h.state_mut().apply(drawdown::LookCommand::SetView(view).into());
        }
        h.state_mut().apply(drawdown::ExportCommand::Open.into());
        let path = dir.path().join(name);
        h.state_mut().apply(
            drawdown::ExportCommand::ImageTo {
                path: path.clone(),
                force: false,
            }
            .into(),
        );
        h.run_steps(2);
        std::fs::read(&path).unwrap()
    };
    let home = export(None, "home.png");
    let zoom = drawdown::MapView {
        centre: Some([0.0, 0.0]),
        zoom: 3.0,
    };
    let zoomed = export(Some(zoom), "zoomed.png");
    assert_ne!(home, zoomed, "the zoomed window exports a zoomed map");
    // The same view, rendered directly, is the same picture.
    let mut h = crate::support::harness("2026-03-11", 1);
    let form = {
        h.state_mut().apply(drawdown::ExportCommand::Open.into());
        h.run_steps(1);
        h.state().export_form().unwrap().clone()
    };
    let opts = ExportOptions {
        view: ExportView::Map(zoom),
        today: None,
        ..form.options()
    };
    let layout = form.tracks(h.state().track(), &h.state().data().scenario);
    let direct = ImageFormat::Png
        .render(h.state().data(), layout, d("2026-03-11"), &opts)
        .unwrap();
    assert_eq!(zoomed, direct);
}

/// A video's sample durations (timescale units) and its timescale.
fn video_timing(path: &std::path::Path) -> (Vec<u32>, u32) {
    let bytes = std::fs::read(path).unwrap();
    let size = bytes.len() as u64;
    let mut mp4 = mp4::Mp4Reader::read_header(std::io::Cursor::new(bytes), size).unwrap();
    let (&id, track) = mp4.tracks().iter().next().unwrap();
    let timescale = track.timescale();
    let count = mp4.sample_count(id).unwrap();
    let durations = (1..=count)
        .map(|n| mp4.read_sample(id, n).unwrap().unwrap().duration)
        .collect();
    (durations, timescale)
}

#[test]
fn a_dated_video_ends_exactly_on_its_last_date() {
    let dir = tempfile::tempdir().unwrap();
    let video = dir.path().join("weeks.mp4");
    let frames = dir.path().join("frames");
    let out = run(&[
        "export",
        "--track",
        "announced",
        "--step",
        "1w",
        "--from",
        "2025-01-01",
        "--to",
        "2025-01-20",
        "--size",
        "320x180",
        "--fps",
        "5",
        "--mp4",
        video.to_str().unwrap(),
        "--out-dir",
        frames.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let names = crate::support::names_in(&frames);
    assert_eq!(names.len(), 4, "{names:?}");
    assert!(names.last().unwrap().contains("2025-01-20"), "{names:?}");
    let (durations, _) = video_timing(&video);
    assert_eq!(durations.len(), 4, "01, 08, 15 and the last date, 20 January");
}

#[test]
fn a_video_holds_each_milestone_day_for_the_seconds_asked() {
    let dir = tempfile::tempdir().unwrap();
    let video = dir.path().join("held.mp4");
    let layout = TrackLayout::Single(data().scenario.track_idx("announced").unwrap());
    let (from, to) = (d("2024-09-13"), d("2024-10-11"));
    let dates: Vec<_> = (0..5).map(|w| from + chrono::Days::new(7 * w)).collect();
    assert_eq!(*dates.last().unwrap(), to);
    let milestones = drawdown::milestone_dates(&data().scenario, layout, from, to).unwrap();
    let held = dates.iter().filter(|d| milestones.contains(d)).count();
    assert!(held >= 1, "a milestone on a weekly date: {milestones:?}");
    let out = run(&[
        "export",
        "--track",
        "announced",
        "--step",
        "1w",
        "--from",
        "2024-09-13",
        "--to",
        "2024-10-11",
        "--size",
        "320x180",
        "--fps",
        "5",
        "--hold-milestones",
        "2",
        "--mp4",
        video.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (durations, timescale) = video_timing(&video);
    // Each milestone day 2 s (10 frames at 5 fps), the other days a frame.
    assert_eq!(durations.len(), (dates.len() - held) + 10 * held);
    let total: u64 = durations.iter().map(|&t| u64::from(t)).sum();
    let secs = total as f64 / f64::from(timescale);
    let expected = (dates.len() - held) as f64 / 5.0 + 2.0 * held as f64;
    assert!((secs - expected).abs() <= 0.2 + 1e-9, "{secs} s, expected {expected}");

    let refused = run(&[
        "export",
        "--step",
        "1w",
        "--hold-milestones",
        "-1",
        "--mp4",
        dir.path().join("bad.mp4").to_str().unwrap(),
    ]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("hold"));
}

// ---------------------------------------------------------------------------
// A brief's exports

/// A brief of three stops (a comparison; a zoomed stop with a callout and
/// incidents hidden; today) with a banner and a logo, in `dir`.
fn brief_file(dir: &std::path::Path) -> std::path::PathBuf {
    let mut logo = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut logo, 8, 4);
        encoder.set_color(png::ColorType::Rgba);
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(&[0xcc, 0x11, 0x22, 0xff].repeat(32)).unwrap();
    }
    std::fs::write(dir.join("logo.png"), logo).unwrap();
    let path = dir.join("brief.toml");
    std::fs::write(
        &path,
        r#"title = "Coalition drawdown: where it stands"
subtitle = "Brief, 7 Dec 2026"
classification = "UNCLASSIFIED"
prepared_by = "Analysis cell"
logo = "logo.png"

[[stops]]
date = "2025-09-30"
layout = "compare"
title = "Phase 1 deadline: federal Iraq"
notes = """The plan said federal Iraq ends its mission by 30 Sep 2025.
What was reported lags it."""
hold = 3

[[stops]]
date = "2026-03-11"
track = "reported"
title = "Qasrak: reinforced again"
notes = "Qasrak was reinforced again on 11 Mar."
hold = 2
view = { west = 38.0, south = 32.0, east = 44.5, north = 37.5 }
hide = ["incidents"]

[[stops.callouts]]
text = "Reinforced again 11 Mar"
at = [40.50, 36.67]

[[stops]]
date = "2026-03-13"
track = "reported"
title = "The record's end"
notes = "Nothing on record after 13 Mar."
"#,
    )
    .unwrap();
    path
}

/// Runs `drawdown export --story brief` with `extra`; returns what it
/// printed.
fn export_brief(brief: &std::path::Path, extra: &[&str]) -> String {
    let mut args = vec!["export", "--story", brief.to_str().unwrap(), "--size", "640x360"];
    args.extend_from_slice(extra);
    let out = run(&args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The text runs (`<a:t>`) of a deck's part.
fn part_runs(zip: &mut zip::ZipArchive<std::io::Cursor<Vec<u8>>>, name: &str) -> Vec<String> {
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut xml).unwrap();
    xml.split("<a:t>")
        .skip(1)
        .map(|s| s.split("</a:t>").next().unwrap().replace("&apos;", "'").replace("&amp;", "&"))
        .collect()
}

#[test]
fn a_briefs_deck_has_a_title_slide_then_a_slide_per_stop_with_its_title_notes_and_number() {
    let dir = tempfile::tempdir().unwrap();
    let brief = brief_file(dir.path());
    let deck = dir.path().join("brief.pptx");
    export_brief(&brief, &["--pptx", deck.to_str().unwrap()]);
    let bytes = std::fs::read(&deck).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let slides = zip
        .file_names()
        .filter_map(Result::ok)
        .filter(|n| n.starts_with("ppt/slides/slide") && n.ends_with(".xml"))
        .count();
    assert_eq!(slides, 4, "a title slide and a slide per stop");
    let cover = part_runs(&mut zip, "ppt/slides/slide1.xml");
    assert_eq!(cover[0], "Coalition drawdown: where it stands");
    for said in ["Brief, 7 Dec 2026", "Prepared by Analysis cell", "UNCLASSIFIED"] {
        assert!(cover.iter().any(|r| r == said), "{said} in {cover:?}");
    }
    assert!(cover.iter().any(|r| r.starts_with("Sources: ")), "{cover:?}");
    let mut title_xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("ppt/slides/slide1.xml").unwrap(), &mut title_xml).unwrap();
    let green = format!("srgbClr val=\"{:02X}{:02X}{:02X}\"", 0x00, 0x7a, 0x33);
    assert_eq!(
        rgb(banner::UNCLASSIFIED.fill),
        [0x00, 0x7a, 0x33],
        "the usual green"
    );
    assert_eq!(title_xml.matches(&green).count(), 2, "a banner top and bottom of the title slide");
    for (n, title) in [
        (2, "Phase 1 deadline: federal Iraq"),
        (3, "Qasrak: reinforced again"),
        (4, "The record's end"),
    ] {
        let runs = part_runs(&mut zip, &format!("ppt/slides/slide{n}.xml"));
        assert_eq!(runs[0], title, "slide {n}");
        assert!(runs.contains(&format!("{} / 3", n - 1)), "slide {n}'s number: {runs:?}");
    }
    let notes = part_runs(&mut zip, "ppt/notesSlides/notesSlide2.xml");
    assert_eq!(notes[0], "The plan said federal Iraq ends its mission by 30 Sep 2025.");
    assert_eq!(notes[1], "What was reported lags it.");
    assert!(
        notes[2..].iter().any(|n| n.starts_with("Status on 30 September 2025")),
        "the digest follows the talking points: {notes:?}"
    );
    assert!(notes.iter().filter(|n| n.contains("Source:")).count() > 5, "{notes:?}");
    // The map carries the banner top and bottom.
    let mut png_bytes = Vec::new();
    std::io::Read::read_to_end(&mut zip.by_name("ppt/media/image3.png").unwrap(), &mut png_bytes).unwrap();
    let map = decode_png(&png_bytes);
    for y in [0, map.height - 1] {
        let p = map.pixel(3, y).unwrap();
        assert_eq!([p[0], p[1], p[2]], rgb(banner::UNCLASSIFIED.fill), "row {y}");
    }
}

#[test]
fn a_briefs_book_has_a_cover_then_a_map_and_a_text_page_per_stop_on_a4() {
    let dir = tempfile::tempdir().unwrap();
    let brief = brief_file(dir.path());
    let book = dir.path().join("brief.pdf");
    let said = export_brief(&brief, &["--pdf", book.to_str().unwrap(), "--page", "a4"]);
    let doc = lopdf::Document::load_mem(&std::fs::read(&book).unwrap()).unwrap();
    let pages = doc.get_pages();
    assert!(
        said.contains(&format!("brief.pdf ({} pages, 3 bookmarks)", pages.len())),
        "{said}"
    );
    let (cover, stops) = (1, 3);
    assert!(pages.len() >= cover + 2 * stops, "{} pages", pages.len());
    for (&n, &id) in &pages {
        let media_box = doc.get_dictionary(id).unwrap().get(b"MediaBox").unwrap().as_array().unwrap();
        let side = |i: usize| media_box[i].as_float().unwrap();
        assert!(
            (side(2) - 841.89).abs() < 0.1 && (side(3) - 595.28).abs() < 0.1,
            "page {n}: {media_box:?}"
        );
    }
    let text = |page: u32| squeeze(&doc.extract_text(&[page]).unwrap());
    let cover = text(1);
    for said in ["Coalition drawdown: where it stands", "Prepared by Analysis cell", "UNCLASSIFIED"] {
        assert!(cover.contains(said), "{said} on the cover: {cover}");
    }
    let toc = doc.get_toc().unwrap();
    let titles: Vec<&str> = toc.toc.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "1. Phase 1 deadline: federal Iraq",
            "2. Qasrak: reinforced again",
            "3. The record's end"
        ]
    );
    // Each bookmark opens its stop's map; the page after it is its text.
    for entry in &toc.toc {
        let page = entry.page as u32;
        let title = entry.title.split_once(". ").unwrap().1;
        assert!(text(page).contains(title), "the map's headline: {}", text(page));
        let words = text(page + 1);
        assert!(words.contains("Talking points") && words.contains(title), "{words}");
    }
    let zoomed = toc.toc[1].page as u32;
    assert!(text(zoomed).contains("Reinforced again 11 Mar"), "the callout: {}", text(zoomed));
}

#[test]
fn a_briefs_video_lasts_its_holds_and_moves_and_ends_on_its_last_stop() {
    let dir = tempfile::tempdir().unwrap();
    let brief = brief_file(dir.path());
    let video = dir.path().join("brief.mp4");
    let frames = dir.path().join("frames");
    let stdout = export_brief(
        &brief,
        &[
            "--mp4",
            video.to_str().unwrap(),
            "--fps",
            "5",
            "--out-dir",
            frames.to_str().unwrap(),
        ],
    );
    let (durations, timescale) = video_timing(&video);
    // The "wrote" line counts the video's frames, not its stops.
    assert!(
        stdout.contains(&format!("brief.mp4 ({} frames, 640x360 px, 5 fps)", durations.len())),
        "{stdout}"
    );
    let total: u64 = durations.iter().map(|&t| u64::from(t)).sum();
    let secs = total as f64 / f64::from(timescale);
    // Holds 3 + 2 + 4 (the default) and two moves of a second.
    let expected = 3.0 + 2.0 + 4.0 + 2.0 * drawdown::MOVE_SECS;
    assert!((secs - expected).abs() <= 1.0 / 5.0 + 1e-9, "{secs} s, expected {expected}");
    // The PNG frames are the stops alone, in order.
    let names = crate::support::names_in(&frames);
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(names[0].starts_with("drawdown-stop-01-") && names[2].contains("2026-03-13"), "{names:?}");

    // The last frame decoded is the last stop's picture.
    let bytes = std::fs::read(&video).unwrap();
    let size = bytes.len() as u64;
    let mut mp4 = mp4::Mp4Reader::read_header(std::io::Cursor::new(bytes), size).unwrap();
    let (&id, track) = mp4.tracks().iter().next().unwrap();
    let (sps, pps) = (
        track.sequence_parameter_set().unwrap().to_vec(),
        track.picture_parameter_set().unwrap().to_vec(),
    );
    let mut decoder = openh264::decoder::Decoder::new().unwrap();
    let mut last = None;
    for n in 1..=mp4.sample_count(id).unwrap() {
        let sample = mp4.read_sample(id, n).unwrap().unwrap();
        let mut annex_b = Vec::new();
        if n == 1 {
            for nal in [&sps, &pps] {
                annex_b.extend([0, 0, 0, 1]);
                annex_b.extend(nal.iter());
            }
        }
        let mut rest = &sample.bytes[..];
        while rest.len() > 4 {
            let len = u32::from_be_bytes(rest[..4].try_into().unwrap()) as usize;
            annex_b.extend([0, 0, 0, 1]);
            annex_b.extend(&rest[4..4 + len]);
            rest = &rest[4 + len..];
        }
        if let Some(yuv) = decoder.decode(&annex_b).unwrap() {
            let mut rgb = vec![0; 640 * 360 * 3];
            yuv.write_rgb8(&mut rgb);
            last = Some(rgb);
        }
    }
    let last = last.unwrap();
    let stop = decode_png(&std::fs::read(frames.join(&names[2])).unwrap());
    let off: u64 = (0..640 * 360)
        .step_by(7)
        .map(|i| {
            let p = stop.pixel((i % 640) as u32, (i / 640) as u32).unwrap();
            (0..3).map(|c| u64::from(p[c].abs_diff(last[i * 3 + c]))).sum::<u64>()
        })
        .sum::<u64>()
        / (640 * 360 / 7);
    assert!(off < 12, "the video ends on the last stop: mean difference {off}");
}

#[test]
fn one_stop_is_written_as_a_picture_and_a_stop_not_in_the_brief_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let brief = brief_file(dir.path());
    let svg = dir.path().join("stop2.svg");
    export_brief(&brief, &["--stop", "2", "--out", svg.to_str().unwrap()]);
    let text = std::fs::read_to_string(&svg).unwrap();
    for said in ["Reinforced again 11 Mar", "Qasrak: reinforced again", "UNCLASSIFIED"] {
        assert!(text.contains(said), "{said}");
    }
    let refused = run(&[
        "export",
        "--story",
        brief.to_str().unwrap(),
        "--stop",
        "9",
        "--out",
        dir.path().join("nine.png").to_str().unwrap(),
    ]);
    assert_eq!(refused.status.code(), Some(2));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("3 stops") && err.contains("stop 9"), "{err}");
    assert!(!dir.path().join("nine.png").exists());
}

#[test]
fn a_stops_text_page_and_speaker_notes_say_what_the_record_said_on_its_day() {
    let dir = tempfile::tempdir().unwrap();
    let brief = brief_file(dir.path());
    let (book, deck) = (dir.path().join("brief.pdf"), dir.path().join("brief.pptx"));
    export_brief(
        &brief,
        &["--pdf", book.to_str().unwrap(), "--pptx", deck.to_str().unwrap(), "--page", "a4"],
    );
    let scenario = &data().scenario;
    let day = d("2026-03-11");
    // Qasrak was reinforced on 11 Mar; the record later closes that
    // period at its end, 20 Mar, which nobody knew on the 11th.
    let qasrak = scenario.place_idx("qasrak").unwrap();
    let whole = scenario.base_period_on(reported_track(), qasrak, day).unwrap();
    assert!(whole.to.is_some_and(|to| to > day), "the period ends after the stop: {:?}", whole.to);
    let later = crate::story::sources_dated_after(scenario, day);
    assert!(later.len() > 20, "{later:?}");

    let doc = lopdf::Document::load_mem(&std::fs::read(&book).unwrap()).unwrap();
    let toc = doc.get_toc().unwrap();
    let map_page = toc.toc[1].page as u32;
    let text = squeeze(&doc.extract_text(&[map_page + 1, map_page + 2]).unwrap());
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(std::fs::read(&deck).unwrap())).unwrap();
    let notes = part_runs(&mut zip, "ppt/notesSlides/notesSlide3.xml").join(" ");
    for (what, said) in [("book", &text), ("notes", &notes)] {
        assert!(said.contains("– Qasrak: In use by the coalition, since 11 Mar 2026"), "{what}: {said}");
        assert!(!said.contains("20 Mar 2026"), "{what} names the record's later end: {said}");
        for item in &later {
            assert!(!said.contains(item.as_str()), "{what} cites {item:?}, dated after the stop: {said}");
        }
    }
}

#[test]
fn a_drafted_stops_milestone_paragraph_is_said_once_in_the_speaker_notes_and_the_book() {
    // Phase 1's deadline, and a milestone the digest marks as disputed and
    // of medium confidence (Qasrak reinforced): each in its own words.
    for (from, to, said) in [
        ("2025-09-29", "2025-10-01", "encoded as the last day of that month"),
        ("2026-03-10", "2026-03-11", "about 50 trucks"),
    ] {
        said_once(from, to, said);
    }
}

fn said_once(from: &str, to: &str, said: &str) {
    let dir = tempfile::tempdir().unwrap();
    let brief = dir.path().join("drafted.toml");
    let out = run(&["story", "init", brief.to_str().unwrap(), "--from", from, "--to", to]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (deck, book) = (dir.path().join("drafted.pptx"), dir.path().join("drafted.pdf"));
    export_brief(
        &brief,
        &["--pptx", deck.to_str().unwrap(), "--pdf", book.to_str().unwrap(), "--page", "a4"],
    );
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(std::fs::read(&deck).unwrap())).unwrap();
    let names: Vec<String> = (1..=zip.len())
        .map(|n| format!("ppt/notesSlides/notesSlide{n}.xml"))
        .filter(|n| zip.by_name(n).is_ok())
        .collect();
    let counts: Vec<usize> = names
        .iter()
        .map(|name| part_runs(&mut zip, name).iter().filter(|r| r.contains(said)).count())
        .collect();
    assert!(counts.contains(&1) && counts.iter().all(|&n| n <= 1), "{names:?}: {counts:?}");
    let doc = lopdf::Document::load_mem(&std::fs::read(&book).unwrap()).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = squeeze(&doc.extract_text(&pages).unwrap());
    assert_eq!(text.matches(said).count(), 1, "{text}");
}
