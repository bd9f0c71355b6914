//! The vector exports read back: the SVG parsed as XML (each region's
//! fill against its status on both sides of a boundary, the text
//! elements), the PDF parsed as PDF (pages, bookmarks, extracted text),
//! both deterministic, the command's flags and its refusals.

use std::collections::HashMap;
use std::path::Path;

use drawdown::{
    BookPage, Date, ExportError, ExportOptions, RegionIdx, TrackIdx, TrackLayout, book_pages, date_format,
    milestone_dates, pdf_book, render_pdf, render_svg, write_pdf_book,
};

use crate::support::{data, date as d, drawdown as run};

fn track(id: &str) -> TrackIdx {
    data().scenario.track_idx(id).unwrap()
}

fn small() -> ExportOptions {
    ExportOptions {
        size_px: [1280, 720],
        ..ExportOptions::default()
    }
}

fn announced() -> TrackLayout {
    TrackLayout::Single(track("announced"))
}

fn svg_of(layout: TrackLayout, date: Date) -> String {
    String::from_utf8(render_svg(data(), layout, date, &small()).unwrap()).unwrap()
}

fn status_hex(track: TrackIdx, region: RegionIdx, date: Date) -> String {
    let s = &data().scenario;
    let c = s.status(s.status_on(track, region, date).unwrap()).color;
    format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b)
}

/// White space squeezed to single spaces: wrapped rows read as one text.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Asserts that every path titled with a region feature's name is filled
/// with that region's status colour on `date`; returns each region's fill.
fn assert_svg_fills(svg: &str, track: TrackIdx, date: Date) -> HashMap<RegionIdx, String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let region_of: HashMap<&str, RegionIdx> = data()
        .geometry
        .features
        .iter()
        .map(|f| (f.shape.name.as_str(), f.region))
        .collect();
    let mut fills = HashMap::new();
    for path in doc.descendants().filter(|n| n.has_tag_name("path")) {
        let Some(title) = path.children().find(|c| c.has_tag_name("title")).and_then(|t| t.text()) else {
            continue;
        };
        let Some(&region) = region_of.get(title) else {
            continue;
        };
        let fill = path.attribute("fill").unwrap();
        assert_eq!(fill, status_hex(track, region, date), "{title} on {date}");
        assert_eq!(path.attribute("fill-rule"), Some("evenodd"), "{title}");
        assert_eq!(path.attribute("fill-opacity"), None, "status colours are opaque");
        fills.insert(region, fill.to_owned());
    }
    assert_eq!(
        fills.len(),
        data().scenario.regions.len(),
        "every region is drawn: {fills:?}"
    );
    fills
}

fn svg_text(svg: &str) -> String {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let rows: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    squeeze(&rows.join(" "))
}

#[test]
fn svg_region_fills_are_the_status_colours_on_both_sides_of_a_boundary() {
    // The announced track ends the federal mission on 1 October 2025.
    let t = track("announced");
    let before = assert_svg_fills(&svg_of(announced(), d("2025-09-30")), t, d("2025-09-30"));
    let after = assert_svg_fills(&svg_of(announced(), d("2025-10-01")), t, d("2025-10-01"));
    let iraq = data().scenario.region_idx("federal_iraq").unwrap();
    assert_ne!(before[&iraq], after[&iraq], "the boundary changes federal Iraq's fill");
    // And on the reported track, where the same day changes nothing.
    let r = track("reported");
    let reported = TrackLayout::Single(r);
    assert_svg_fills(&svg_of(reported, d("2025-10-01")), r, d("2025-10-01"));
}

#[test]
fn svg_text_is_real_text_with_the_title_the_date_and_the_milestone() {
    // The joint statement's day: a milestone of both tracks.
    let date = d("2024-09-27");
    let svg = svg_of(announced(), date);
    let text = svg_text(&svg);
    assert!(text.contains(&date_format::long(date)), "{text}");
    assert!(text.contains("ANNOUNCED"), "{text}");
    let milestone = data().scenario.milestone_on(track("announced"), date).unwrap();
    assert!(
        text.contains(&squeeze(&format!("Milestone: {}", milestone.title))),
        "{text}"
    );
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let root = doc.root_element();
    assert_eq!(root.attribute("width"), Some("1280"));
    assert_eq!(root.attribute("viewBox"), Some("0 0 1280 720"));
    assert!(root.attribute("font-family").unwrap().contains("Ubuntu"));
    let title = root.children().find(|c| c.has_tag_name("title")).unwrap();
    assert!(title.text().unwrap().contains(&date_format::long(date)));
}

#[test]
fn a_compared_svg_clips_each_track_to_its_half() {
    let svg = svg_of(
        TrackLayout::SideBySide([track("announced"), track("reported")]),
        d("2025-12-01"),
    );
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let halves: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("clip-path").is_some())
        .collect();
    assert_eq!(halves.len(), 2);
    assert_eq!(halves[1].attribute("transform"), Some("translate(640 0)"));
    let text = svg_text(&svg);
    assert!(text.contains("ANNOUNCED") && text.contains("REPORTED"), "{text}");
}

#[test]
fn the_same_vector_export_twice_gives_identical_bytes() {
    let date = d("2025-12-01");
    let compare = TrackLayout::SideBySide([track("announced"), track("reported")]);
    for layout in [announced(), compare] {
        assert_eq!(
            render_svg(data(), layout, date, &small()).unwrap(),
            render_svg(data(), layout, date, &small()).unwrap()
        );
        assert_eq!(
            render_pdf(data(), layout, date, &small()).unwrap(),
            render_pdf(data(), layout, date, &small()).unwrap()
        );
    }
    let pages = book_pages(&data().scenario, announced(), &[d("2025-09-30"), d("2025-10-01")]);
    assert_eq!(
        pdf_book(data(), announced(), &pages, &small()).unwrap(),
        pdf_book(data(), announced(), &pages, &small()).unwrap()
    );
}

fn pdf_page_text(doc: &lopdf::Document, page: u32) -> String {
    squeeze(&doc.extract_text(&[page]).unwrap())
}

#[test]
fn a_book_has_a_page_and_a_bookmark_per_milestone_with_their_dates_and_titles() {
    let s = &data().scenario;
    let layout = announced();
    let dates = milestone_dates(s, layout, s.range.start, s.range.end).unwrap();
    let pages = book_pages(s, layout, &dates);
    assert!(
        pages.len() > 5 && pages.iter().all(|p| p.milestone.is_some()),
        "{pages:?}"
    );
    let bytes = pdf_book(data(), layout, &pages, &small()).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    assert_eq!(doc.get_pages().len(), pages.len());
    let toc = doc.get_toc().unwrap();
    assert_eq!(toc.toc.len(), pages.len(), "{:?}", toc.errors);
    for (i, (entry, page)) in toc.toc.iter().zip(&pages).enumerate() {
        assert_eq!(entry.page, i + 1, "{entry:?}");
        assert_eq!(Some(entry.title.clone()), page.bookmark());
        assert!(entry.title.starts_with(&date_format::iso(page.date)), "{entry:?}");
    }
    for (n, page) in [
        (1, &pages[0]),
        (u32::try_from(pages.len()).unwrap(), pages.last().unwrap()),
    ] {
        let text = pdf_page_text(&doc, n);
        assert!(text.contains(&date_format::long(page.date)), "page {n}: {text}");
        let title = squeeze(page.milestone.as_deref().unwrap());
        assert!(text.contains(&title), "page {n} names {title:?}: {text}");
    }
}

#[test]
fn a_book_bookmarks_only_the_pages_with_a_milestone() {
    let pages = book_pages(
        &data().scenario,
        announced(),
        &[d("2024-09-26"), d("2024-09-27"), d("2024-11-15")],
    );
    assert_eq!(pages[0].milestone, None);
    assert!(pages[1].milestone.is_some());
    let bytes = pdf_book(data(), announced(), &pages, &small()).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    assert_eq!(doc.get_pages().len(), 3);
    let toc = doc.get_toc().unwrap().toc;
    assert_eq!(toc.len(), 1);
    assert_eq!(toc[0].page, 2);
    // The page size is the layout in CSS pixels: 1280 x 720 px = 960 x 540 pt.
    let page = doc.get_pages()[&1];
    let media_box = doc
        .get_dictionary(page)
        .unwrap()
        .get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap();
    let sides: Vec<f32> = media_box.iter().map(|v| v.as_float().unwrap()).collect();
    assert_eq!(sides, [0.0, 0.0, 960.0, 540.0]);
}

#[test]
fn a_pdf_writes_its_paths_in_hundredths_as_the_svg_does() {
    let bytes = render_pdf(data(), announced(), d("2025-10-01"), &small()).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let page = doc.get_pages()[&1];
    let content = String::from_utf8_lossy(&doc.get_page_content(page)).into_owned();
    // The features' rings, filled even–odd (krilla writes the outlines of
    // the labels' halo glyphs itself, at its own precision).
    let (mut path, mut numbers) = (Vec::new(), 0);
    for line in content.lines() {
        let mut words: Vec<&str> = line.split_whitespace().collect();
        match words.pop() {
            Some("m" | "l" | "c") => path.extend(words),
            Some("h") => {}
            Some("f*") => {
                for number in path.drain(..) {
                    numbers += 1;
                    let decimals = number.split_once('.').map_or(0, |(_, d)| d.len());
                    assert!(decimals <= 2, "{number} in a ring");
                }
            }
            _ => path.clear(),
        }
    }
    assert!(numbers > 1000, "the map's rings are there: {numbers} numbers");
}

#[test]
fn a_single_page_pdf_has_the_maps_text_and_embeds_its_font() {
    let date = d("2025-10-01");
    let bytes = render_pdf(data(), announced(), date, &small()).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    assert_eq!(doc.get_pages().len(), 1);
    assert!(doc.get_toc().map(|t| t.toc.is_empty()).unwrap_or(true));
    let text = pdf_page_text(&doc, 1);
    assert!(
        text.contains(&date_format::long(date)) && text.contains("ANNOUNCED"),
        "{text}"
    );
    let fonts = doc.get_pages()[&1];
    let names: Vec<String> = doc
        .get_page_fonts(fonts)
        .unwrap()
        .values()
        .map(|f| String::from_utf8_lossy(f.get(b"BaseFont").unwrap().as_name().unwrap()).into_owned())
        .collect();
    assert!(names.iter().any(|n| n.contains("Ubuntu")), "{names:?}");
}

#[test]
fn bad_book_requests_are_refused_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let pages = vec![BookPage {
        date: d("2025-10-01"),
        milestone: None,
    }];
    let refuse = |name: &str, pages: &[BookPage]| {
        let out = dir.path().join(name);
        let err = write_pdf_book(data(), announced(), pages, &small(), &out, false).unwrap_err();
        assert!(err.is_bad_request(), "{name}: {err}");
        err
    };
    let err = refuse("book.png", &pages);
    assert!(
        err.to_string().contains(".pdf") && err.to_string().contains("book.png"),
        "{err}"
    );
    let err = refuse("empty.pdf", &[]);
    assert!(err.to_string().contains("at least one page"), "{err}");
    let err = refuse("missing/dir/book.pdf", &pages);
    assert!(matches!(err, ExportError::Write(_)), "{err}");
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "nothing written"
    );
}

// ---------------------------------------------------------------------------
// The command

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn export_writes_svg_and_pdf_by_the_outputs_extension() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["map.svg", "MAP.PDF"] {
        let out = dir.path().join(name);
        let o = run(&[
            "export",
            "--date",
            "2025-10-01",
            "--size",
            "640x360",
            "--out",
            path(&out),
        ]);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        let bytes = std::fs::read(&out).unwrap();
        if name.ends_with("svg") {
            let svg = String::from_utf8(bytes).unwrap();
            let doc = roxmltree::Document::parse(&svg).unwrap();
            assert_eq!(doc.root_element().attribute("width"), Some("640"));
        } else {
            assert!(bytes.starts_with(b"%PDF-"), "{name}");
            assert_eq!(lopdf::Document::load_mem(&bytes).unwrap().get_pages().len(), 1);
        }
    }
}

#[test]
fn export_writes_a_book_of_the_milestones_without_frames() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("book.pdf");
    let o = run(&[
        "export",
        "--track",
        "announced",
        "--milestones",
        "--from",
        "2025-01-01",
        "--to",
        "2026-12-31",
        "--size",
        "640x360",
        "--pdf",
        path(&out),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = &data().scenario;
    let dates = milestone_dates(s, announced(), d("2025-01-01"), d("2026-12-31")).unwrap();
    let doc = lopdf::Document::load_mem(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(doc.get_pages().len(), dates.len());
    assert_eq!(doc.get_toc().unwrap().toc.len(), dates.len());
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["book.pdf"], "only the book");
    let again = run(&["export", "--milestones", "--size", "640x360", "--pdf", path(&out)]);
    assert_eq!(again.status.code(), Some(2), "kept without --force: {}", stderr(&again));
    assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
}

#[test]
fn export_refuses_an_unknown_image_extension_naming_the_known_ones() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["map.svgz", "map.tiff"] {
        let out = dir.path().join(name);
        let o = run(&["export", "--date", "2025-10-01", "--out", path(&out)]);
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
        assert!(stderr(&o).contains(".png, .svg or .pdf"), "{}", stderr(&o));
    }
    let out = dir.path().join("book.svg");
    let o = run(&["export", "--milestones", "--pdf", path(&out)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "nothing written"
    );
}

/// A write that fails part-way (a 64 KiB file size limit, as on a full
/// disk) leaves no SVG or PDF behind; both are larger than that.
#[test]
fn a_vector_write_failing_part_way_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["map.svg", "map.pdf"] {
        let out = dir.path().join(name);
        let script = format!(
            "trap '' XFSZ; ulimit -f 64; exec '{}' export --date 2025-10-01 --out '{}'",
            env!("CARGO_BIN_EXE_drawdown"),
            out.display()
        );
        let o = std::process::Command::new("bash")
            .args(["-c", &script])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{name}: {}", stderr(&o));
        assert!(stderr(&o).contains(&out.display().to_string()), "{}", stderr(&o));
    }
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "nothing left behind"
    );
}

/// The `<title>` of each `<g>` in `svg`, in document order.
fn group_titles(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("g"))
        .filter_map(|g| g.children().find(|c| c.is_element()))
        .filter(|first| first.has_tag_name("title"))
        .filter_map(|t| t.text().map(str::to_owned))
        .collect()
}

#[test]
fn every_region_base_and_incident_is_a_group_titled_with_its_name() {
    use drawdown::{INCIDENT_WINDOW_DAYS, PlaceKind};
    // 10 Mar 2026 on the reported track: bases of their own and incidents.
    let (r, date) = (track("reported"), d("2026-03-10"));
    let svg = svg_of(TrackLayout::Single(r), date);
    let titles = group_titles(&svg);
    let s = &data().scenario;
    for (i, region) in s.regions.iter().enumerate() {
        let status = s.status(s.status_on(r, RegionIdx(i), date).unwrap());
        let expected = format!("{} — {}", region.name, status.label);
        assert!(titles.contains(&expected), "no group {expected:?} in {titles:?}");
    }
    let mut bases = 0;
    for (p, place) in s.bases() {
        if let Some(status) = s.base_status_on(r, p, date) {
            // A base the track does not name says so, and its region's status.
            if s.base_follows_region(r, p) {
                let expected = format!(
                    "{} — Not named in this track (region: {})",
                    place.name,
                    s.status(status).label
                );
                assert!(titles.contains(&expected), "no group {expected:?} in {titles:?}");
                bases += 1;
                continue;
            }
            // "… (last reported: …)" follows on a "no report" day.
            let expected = format!("{} — {}", place.name, s.status(status).label_for(PlaceKind::Base));
            assert!(
                titles
                    .iter()
                    .any(|t| t == &expected || t.starts_with(&format!("{expected} (last reported: "))),
                "no group {expected:?} in {titles:?}"
            );
            bases += 1;
        }
    }
    // After the record: the status, and the last one reported, which the
    // hatched marker shows.
    let later = group_titles(&svg_of(TrackLayout::Single(r), d("2026-04-01")));
    assert!(
        later.contains(&"Rmeilan — No report (last reported: In use by the coalition)".to_owned()),
        "{later:?}"
    );
    assert!(bases >= 5, "{bases} bases");
    let incidents = s.incidents_near(date, INCIDENT_WINDOW_DAYS);
    assert!(!incidents.is_empty());
    for incident in incidents {
        let expected = format!("{} — {}", incident.title, date_format::short(incident.date));
        assert!(titles.contains(&expected), "no group {expected:?} in {titles:?}");
    }
    // Each region's features are inside its group.
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let feature = &data().geometry.features[0];
    let region_name = &s.region(feature.region).name;
    let path = doc
        .descendants()
        .find(|n| n.has_tag_name("path") && n.children().any(|c| c.text() == Some(feature.shape.name.as_str())))
        .unwrap();
    let group_title = path
        .parent()
        .unwrap()
        .children()
        .find(|c| c.has_tag_name("title"))
        .unwrap();
    assert!(group_title.text().unwrap().starts_with(region_name.as_str()));
}

#[test]
fn svg_label_halos_are_an_underlay_not_paint_order() {
    let svg = svg_of(announced(), d("2025-10-01"));
    assert!(!svg.contains("paint-order"), "LibreOffice ignores paint-order");
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let texts: Vec<roxmltree::Node<'_, '_>> = doc.descendants().filter(|n| n.has_tag_name("text")).collect();
    let mut halos = 0;
    for (i, text) in texts.iter().enumerate() {
        if text.attribute("stroke").is_none() {
            continue;
        }
        halos += 1;
        assert_eq!(text.attribute("aria-hidden"), Some("true"));
        assert_eq!(
            text.attribute("fill"),
            text.attribute("stroke"),
            "the halo's own colour"
        );
        // The letters come next, at the same place, without a stroke.
        let letters = texts[i + 1];
        assert_eq!(letters.text(), text.text());
        assert_eq!(letters.attribute("x"), text.attribute("x"));
        assert_eq!(letters.attribute("y"), text.attribute("y"));
        assert_eq!(letters.attribute("stroke"), None);
    }
    assert!(halos >= 3, "the labels have halos: {halos}");
}

/// The text a reader gets: every row but the halos' underlays.
fn visible_text(svg: &str) -> String {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let rows: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text") && n.attribute("aria-hidden").is_none())
        .filter_map(|n| n.text())
        .collect();
    squeeze(&rows.join(" "))
}

#[test]
fn the_source_line_lists_only_sources_dated_by_the_shown_day() {
    let r = TrackLayout::Single(track("reported"));
    let first_day = visible_text(&svg_of(r, d("2026-02-04")));
    assert!(
        first_day.contains("Source: Stuttgarter Nachrichten, 4 Feb 2026"),
        "{first_day}"
    );
    for later in ["WSJ", "Middle East Eye", "CENTCOM, 12 Feb"] {
        assert!(!first_day.contains(later), "{later} on 4 Feb: {first_day}");
    }
    let later_day = visible_text(&svg_of(r, d("2026-02-19")));
    assert!(later_day.contains("WSJ, CBS and BBC, 18–19 Feb 2026"), "{later_day}");
    assert!(!later_day.contains("Middle East Eye"), "{later_day}");
}

/// The circles of the group titled `title`, as (fill, stroke).
fn group_circles(svg: &str, title: &str) -> Vec<(Option<String>, Option<String>)> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let group = doc
        .descendants()
        .filter(|n| n.has_tag_name("g"))
        .find(|g| g.children().any(|c| c.has_tag_name("title") && c.text() == Some(title)))
        .unwrap_or_else(|| panic!("no group {title:?} in {:?}", group_titles(svg)));
    group
        .descendants()
        .filter(|n| n.has_tag_name("circle"))
        .map(|c| {
            (
                c.attribute("fill").map(str::to_owned),
                c.attribute("stroke").map(str::to_owned),
            )
        })
        .collect()
}

#[test]
fn a_base_the_plan_does_not_name_is_a_hollow_ring_titled_so_and_a_reported_one_is_filled() {
    let s = &data().scenario;
    let date = d("2026-02-11");
    let al_tanf = s.place_idx("al_tanf").unwrap();
    let name = &s.place(al_tanf).name;
    let syria = s.region_idx("syria").unwrap();
    let hex = |st: drawdown::StatusIdx| {
        let c = s.status(st).color;
        format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b)
    };
    // The plan: the region's colour as a ring, nothing filled with it.
    let plan = track("announced");
    let region_status = s.status_on(plan, syria, date).unwrap();
    let svg = svg_of(announced(), date);
    let title = format!(
        "{name} — Not named in this track (region: {})",
        s.status(region_status).label
    );
    let circles = group_circles(&svg, &title);
    assert!(
        circles
            .iter()
            .any(|(_, stroke)| stroke.as_deref() == Some(hex(region_status).as_str())),
        "a ring in the region's colour: {circles:?}"
    );
    assert!(
        circles
            .iter()
            .all(|(fill, _)| fill.as_deref() != Some(hex(region_status).as_str())),
        "hollow, not filled: {circles:?}"
    );
    assert!(svg_text(&svg).contains("Not named in this track"), "its legend row");
    // The reported track names al-Tanf: filled with its own status.
    let reported = track("reported");
    let own = s.base_status_on(reported, al_tanf, date).unwrap();
    let svg = svg_of(TrackLayout::Single(reported), date);
    let title = format!("{name} — {}", s.status(own).label_for(drawdown::PlaceKind::Base));
    let circles = group_circles(&svg, &title);
    assert!(
        circles
            .iter()
            .any(|(fill, _)| fill.as_deref() == Some(hex(own).as_str())),
        "filled with its status: {circles:?}"
    );
}

#[test]
fn a_track_with_a_record_states_its_currency_under_the_date_and_the_plan_does_not() {
    let end = data().scenario.record_end(track("reported")).unwrap();
    assert_eq!(end, d("2026-03-20"));
    for (date, shown) in [("2025-09-30", "30 Sep 2025"), ("2026-12-07", "7 Dec 2026")] {
        let text = svg_text(&svg_of(TrackLayout::Single(track("reported")), d(date)));
        let line = format!("Record current to 20 Mar 2026 · shown {shown}");
        assert!(text.contains(&line), "{date}: no {line:?} in {text}");
        let plan = svg_text(&svg_of(announced(), d(date)));
        assert!(
            !plan.contains("Record current"),
            "{date}: the plan has no record: {plan}"
        );
    }
}

#[test]
fn a_comparison_has_one_legend_and_marks_a_silent_agreeing_region_unconfirmed() {
    let compare = TrackLayout::SideBySide([track("announced"), track("reported")]);
    let text = svg_text(&svg_of(compare, d("2026-03-21")));
    assert_eq!(text.matches("Coalition status").count(), 1, "one legend: {text}");
    assert!(text.contains("Unconfirmed (last report agreed)"), "{text}");
    assert!(text.contains("Differs from the other track"), "{text}");
    // Before the record ends nothing is unconfirmed.
    let before = svg_text(&svg_of(compare, d("2026-03-01")));
    assert!(!before.contains("Unconfirmed"), "{before}");
    assert_eq!(before.matches("Coalition status").count(), 1, "one legend: {before}");
}

#[test]
fn an_exported_plan_after_the_exporters_today_reads_as_not_yet_reached() {
    let date = d("2026-09-30");
    let plan_svg = |today: Option<Date>| {
        let opts = ExportOptions { today, ..small() };
        svg_text(&String::from_utf8(render_svg(data(), announced(), date, &opts).unwrap()).unwrap())
    };
    // Exported before the date: the plan's day has not come.
    assert!(plan_svg(Some(d("2026-06-01"))).contains("Plan — not yet reached"));
    // On or after it, or with no today given (reproducible exports): no such line.
    assert!(!plan_svg(Some(date)).contains("not yet reached"));
    assert!(!plan_svg(Some(d("2026-12-07"))).contains("not yet reached"));
    assert!(!plan_svg(None).contains("not yet reached"));
    // The reported track says how current its record is instead.
    let opts = ExportOptions {
        today: Some(d("2026-06-01")),
        ..small()
    };
    let reported = String::from_utf8(render_svg(data(), TrackLayout::Single(track("reported")), date, &opts).unwrap()).unwrap();
    assert!(!svg_text(&reported).contains("not yet reached"));
}
