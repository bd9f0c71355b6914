//! The bases layer and the marks over the map, in exported images and on
//! screen: each base marker is filled with the base's own status colour
//! (following its region where it has no record of its own), a region or
//! base with no report after an earlier one is hatched, low-confidence
//! periods are dotted, incidents fade with distance from their date, and
//! hovering a base or an incident tells its record.

use drawdown::{
    BaseShape, Confidence, Date, Entity, ExportOptions, INCIDENT_COLOR, LoadedInputs, MapLayout, MapStyle, MapView,
    MarkSizes, PlaceIdx, Theme, TrackIdx, base_fill_point, marker_status, render_rgba,
};
use egui::{Pos2, Rect};
use egui_kittest::kittest::Queryable;

use crate::support::{data, date as d, harness};

fn track(id: &str) -> TrackIdx {
    data().scenario.track_idx(id).unwrap()
}

fn place(id: &str) -> PlaceIdx {
    data().scenario.place_idx(id).unwrap()
}

fn full_hd() -> ExportOptions {
    ExportOptions::default()
}

/// Where (lon, lat) lands in an export laid out with `opts`, in points.
fn at_in(data: &LoadedInputs, opts: &ExportOptions, lon: f64, lat: f64) -> Pos2 {
    let style = MapStyle::for_theme(opts.theme);
    let layout = MapLayout::new(opts.logical_rect(), &style);
    let to_screen = layout.screen_from_world(&MapView::HOME, &data.geometry);
    to_screen.screen_from_world(data.geometry.world_from_lonlat(lon, lat))
}

fn unit(opts: &ExportOptions) -> f32 {
    MapLayout::new(opts.logical_rect(), &MapStyle::for_theme(opts.theme)).unit
}

fn pixel(img: &drawdown::RgbaImage, p: Pos2, scale: f32) -> [u8; 4] {
    let p = p * scale;
    img.pixel(p.x.floor() as u32, p.y.floor() as u32).unwrap()
}

fn status_rgba(data: &LoadedInputs, status: drawdown::StatusIdx) -> [u8; 4] {
    let c = data.scenario.status(status).color;
    [c.r, c.g, c.b, 255]
}

/// The colour of the filled part of `base`'s marker on `date`, and the
/// status it should show (the base's own).
fn marker_fill(data: &LoadedInputs, track: TrackIdx, date: Date, base: PlaceIdx) -> ([u8; 4], [u8; 4]) {
    let opts = full_hd();
    let img = render_rgba(data, track, date, &opts).unwrap();
    let s = &data.scenario;
    let status = s.base_status_on(track, base, date).unwrap();
    let p = s.place(base);
    let shape = BaseShape::of_status(s.status(status));
    let point = base_fill_point(shape, at_in(data, &opts, p.lon, p.lat), &MarkSizes::new(unit(&opts)));
    (pixel(&img, point, opts.scale), status_rgba(data, status))
}

#[test]
fn a_base_marker_is_filled_with_the_base_s_own_status_on_either_side_of_its_handover() {
    let (reported, al_tanf) = (track("reported"), place("al_tanf"));
    let s = &data().scenario;
    assert_eq!(
        s.status(s.base_status_on(reported, al_tanf, d("2026-02-10")).unwrap())
            .id,
        "drawdown"
    );
    assert_eq!(
        s.status(s.base_status_on(reported, al_tanf, d("2026-02-11")).unwrap())
            .id,
        "ended"
    );
    let (before, drawdown) = marker_fill(data(), reported, d("2026-02-10"), al_tanf);
    let (after, ended) = marker_fill(data(), reported, d("2026-02-11"), al_tanf);
    assert_eq!(before, drawdown, "al-Tanf drawing down on 10 Feb 2026");
    assert_eq!(after, ended, "al-Tanf handed over on 11 Feb 2026");
    assert_ne!(before, after);
    // Its region, Syria, is drawing down on both days: the marker is not
    // the region's colour once the base is handed over.
    let syria = s.region_idx("syria").unwrap();
    assert_ne!(
        after,
        status_rgba(data(), s.status_on(reported, syria, d("2026-02-11")).unwrap())
    );
}

#[test]
fn on_the_announced_track_a_base_marker_follows_its_region() {
    let (announced, al_tanf) = (track("announced"), place("al_tanf"));
    let s = &data().scenario;
    assert!(s.base_follows_region(announced, al_tanf));
    let syria = s.region_idx("syria").unwrap();
    let mut seen = Vec::new();
    for date in ["2014-09-01", "2026-02-11"] {
        let date = d(date);
        let (shown, expected) = marker_fill(data(), announced, date, al_tanf);
        assert_eq!(
            expected,
            status_rgba(data(), s.status_on(announced, syria, date).unwrap())
        );
        assert_eq!(shown, expected, "al-Tanf on {date} shows Syria's status");
        seen.push(shown);
    }
    assert_ne!(seen[0], seen[1], "before the coalition, then in use");
}

/// The colours in a square of `half` pixels either side of (lon, lat), by
/// how many pixels show each.
fn colours_around(
    img: &drawdown::RgbaImage,
    opts: &ExportOptions,
    lon: f64,
    lat: f64,
    half: i32,
) -> Vec<([u8; 4], usize)> {
    let c = at_in(data(), opts, lon, lat) * opts.scale;
    let mut counts: Vec<([u8; 4], usize)> = Vec::new();
    for dy in -half..=half {
        for dx in -half..=half {
            let (x, y) = ((c.x as i32 + dx) as u32, (c.y as i32 + dy) as u32);
            let p = img.pixel(x, y).unwrap();
            match counts.iter_mut().find(|(q, _)| *q == p) {
                Some((_, n)) => *n += 1,
                None => counts.push((p, 1)),
            }
        }
    }
    counts
}

fn count_of(counts: &[([u8; 4], usize)], colour: [u8; 4]) -> usize {
    counts.iter().find(|(c, _)| *c == colour).map_or(0, |(_, n)| *n)
}

/// Interior points, clear of labels and markers: the Anbar desert and the
/// Dayr Az Zawr governorate.
const FEDERAL_IRAQ: (f64, f64) = (41.5, 32.8);
const SYRIA: (f64, f64) = (40.5, 34.8);

#[test]
fn after_the_record_ends_a_region_shows_its_last_report_hatched_with_the_no_report_grey() {
    let s = &data().scenario;
    let reported = track("reported");
    let grey = status_rgba(data(), s.no_report_status().unwrap());
    let opts = full_hd();
    for (id, (lon, lat)) in [("federal_iraq", FEDERAL_IRAQ), ("syria", SYRIA)] {
        let region = s.region_idx(id).unwrap();
        let date = d("2026-03-21");
        assert_eq!(s.status_on(reported, region, date), s.no_report_status());
        let last = s.last_reported(reported, Entity::Region(region), date).unwrap();
        let last_colour = status_rgba(data(), last.status);
        let img = render_rgba(data(), reported, date, &opts).unwrap();
        let counts = colours_around(&img, &opts, lon, lat, 20);
        let (n_grey, n_last) = (count_of(&counts, grey), count_of(&counts, last_colour));
        assert!(
            n_grey > 300 && n_last > 300,
            "{id}: {n_grey} grey and {n_last} last reported pixels of 1681"
        );

        // On the record's last day the same place is its current report,
        // whole.
        let current = d("2026-03-13");
        let img = render_rgba(data(), reported, current, &opts).unwrap();
        let counts = colours_around(&img, &opts, lon, lat, 20);
        let colour = status_rgba(data(), s.status_on(reported, region, current).unwrap());
        assert_eq!(count_of(&counts, colour), 41 * 41, "{id} on {current}: {counts:?}");
    }
}

#[test]
fn a_no_report_with_nothing_reported_before_stays_plain_grey() {
    let mut data = data().clone();
    let reported = data.scenario.track_idx("reported").unwrap();
    let syria = data.scenario.region_idx("syria").unwrap();
    let no_report = data.scenario.no_report_status().unwrap();
    let periods = &mut data.scenario.tracks[reported.0].periods[syria.0];
    let mut only = periods[0].clone();
    only.status = no_report;
    only.to = None;
    *periods = vec![only];
    let date = d("2026-03-20");
    assert_eq!(data.scenario.last_reported(reported, Entity::Region(syria), date), None);
    let opts = full_hd();
    let img = render_rgba(&data, reported, date, &opts).unwrap();
    let c = at_in(&data, &opts, SYRIA.0, SYRIA.1) * opts.scale;
    let grey = status_rgba(&data, no_report);
    for dy in -20..=20 {
        for dx in -20..=20 {
            let p = img.pixel((c.x as i32 + dx) as u32, (c.y as i32 + dy) as u32).unwrap();
            assert_eq!(p, grey, "({dx}, {dy})");
        }
    }
}

#[test]
fn a_base_with_no_report_after_its_last_one_is_hatched_in_that_report_s_colour() {
    let s = &data().scenario;
    let (reported, hemo) = (track("reported"), place("hemo"));
    let date = d("2026-03-12");
    let last = s.last_reported(reported, Entity::Base(hemo), date).unwrap();
    assert_eq!(s.status(last.status).id, "active");
    let opts = full_hd();
    let img = render_rgba(data(), reported, date, &opts).unwrap();
    let p = s.place(hemo);
    let at = at_in(data(), &opts, p.lon, p.lat);
    let r = MarkSizes::new(unit(&opts)).base_radius * 0.6;
    let inside: Vec<[u8; 4]> = (-4..=4)
        .flat_map(|j| (-4..=4).map(move |i| (i, j)))
        .map(|(i, j)| pixel(&img, at + egui::vec2(i as f32, j as f32) * r / 4.0, opts.scale))
        .collect();
    let grey = status_rgba(data(), s.no_report_status().unwrap());
    let active = status_rgba(data(), last.status);
    assert!(inside.contains(&grey) && inside.contains(&active), "{inside:?}");
}

/// Dark pixels (the markers' rings and the low-confidence dots are the
/// map's text colour) in a ring just outside a base's marker.
fn dark_pixels_around_marker(data: &LoadedInputs, track: TrackIdx, date: Date, base: PlaceIdx) -> usize {
    let opts = full_hd();
    let img = render_rgba(data, track, date, &opts).unwrap();
    let p = data.scenario.place(base);
    let at = at_in(data, &opts, p.lon, p.lat);
    let sizes = MarkSizes::new(unit(&opts));
    // Dark: the rings and dots are the text colour, anti-aliased.
    let dark = |p: [u8; 4]| u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2]) < 240;
    let (inner, outer) = (
        sizes.base_radius + sizes.ring * 1.2,
        sizes.base_radius + sizes.ring * 4.0 + 2.0,
    );
    let mut n = 0;
    let reach = outer.ceil() as i32;
    for dy in -reach..=reach {
        for dx in -reach..=reach {
            let dist = ((dx * dx + dy * dy) as f32).sqrt();
            if (inner..=outer).contains(&dist) && dark(pixel(&img, at + egui::vec2(dx as f32, dy as f32), 1.0)) {
                n += 1;
            }
        }
    }
    n
}

#[test]
fn a_low_confidence_period_rings_its_base_with_dots() {
    let s = &data().scenario;
    let (reported, al_tanf) = (track("reported"), place("al_tanf"));
    let date = d("2026-02-05");
    assert_eq!(
        s.base_period_on(reported, al_tanf, date).unwrap().confidence,
        Some(Confidence::Low)
    );
    let dotted = dark_pixels_around_marker(data(), reported, date, al_tanf);
    let mut sure = data().clone();
    let periods = &mut sure.scenario.tracks[reported.0].base_periods[al_tanf.0];
    for p in periods.iter_mut() {
        p.confidence = Some(Confidence::High);
    }
    let plain = dark_pixels_around_marker(&sure, reported, date, al_tanf);
    assert!(
        dotted > plain + 15,
        "dots: {dotted} dark pixels against {plain} without"
    );
}

#[test]
fn a_low_confidence_period_dots_its_region_s_outline() {
    let announced = track("announced");
    let date = d("2025-06-01");
    let white = |data: &LoadedInputs| {
        let img = render_rgba(data, announced, date, &full_hd()).unwrap();
        img.pixels
            .chunks_exact(4)
            .filter(|p| p == &[255, 255, 255, 255])
            .count()
    };
    let plain = white(data());
    let mut unsure = data().clone();
    let kurdistan = unsure.scenario.region_idx("kurdistan").unwrap();
    for p in &mut unsure.scenario.tracks[announced.0].periods[kurdistan.0] {
        p.confidence = Some(Confidence::Low);
    }
    let dotted = white(&unsure);
    assert!(dotted > plain + 300, "{dotted} white pixels against {plain}: the dots");
}

/// The colour at the centre of the incident triangle of `incident` (an
/// index into the scenario's incidents), on `date`.
fn incident_centre_pixel(date: Date, incident: usize) -> [u8; 4] {
    let s = &data().scenario;
    let opts = full_hd();
    let img = render_rgba(data(), track("reported"), date, &opts).unwrap();
    let (lat, lon) = s.incident_lat_lon(&s.incidents[incident]).unwrap();
    let centre = MarkSizes::new(unit(&opts)).incident_centre(at_in(data(), &opts, lon, lat));
    pixel(&img, centre, opts.scale)
}

#[test]
fn an_incident_shows_in_full_on_its_day_fades_over_a_week_and_goes() {
    let s = &data().scenario;
    let makhmour = place("makhmour");
    let incident = s
        .incidents
        .iter()
        .position(|i| i.location == drawdown::IncidentLocation::Place(makhmour))
        .unwrap();
    let day = s.incidents[incident].date;
    let red = INCIDENT_COLOR.to_srgba_unmultiplied();
    let distance = |p: [u8; 4]| (0..3).map(|k| i32::from(p[k]).abs_diff(i32::from(red[k]))).sum::<u32>();
    let on_the_day = incident_centre_pixel(day, incident);
    assert_eq!(on_the_day, red, "full on {day}");
    let later: Vec<u32> = [3, 6, 8]
        .map(|days| {
            distance(incident_centre_pixel(
                day.checked_add_days(chrono::Days::new(days)).unwrap(),
                incident,
            ))
        })
        .into();
    assert!(0 < later[0] && later[0] < later[1], "fading: {later:?}");
    assert!(later[2] > later[1], "gone after a week: {later:?}");
}

// ---------------------------------------------------------------------------
// Hover

/// Hovers the marker of `base` in the app's map and returns how many
/// widgets say each of `texts` before and after.
fn hover_base(date: &str, track: usize, base: &str, texts: &[&str]) -> Vec<(usize, usize)> {
    let mut h = harness(date, track);
    let count =
        |h: &egui_kittest::Harness<'_, drawdown::DrawdownApp>, text: &str| h.query_all_by_label_contains(text).count();
    let before: Vec<usize> = texts.iter().map(|t| count(&h, t)).collect();
    let map: Rect = h.get_by_label_contains("Map, ").rect();
    let style = MapStyle::for_theme(h.state().theme());
    let layout = MapLayout::new(map, &style);
    let data = h.state().data();
    let to_screen = layout.screen_from_world(&h.state().view(), &data.geometry);
    let p = data.scenario.place(data.scenario.place_idx(base).unwrap());
    let at = to_screen.screen_from_world(data.geometry.world_from_lonlat(p.lon, p.lat));
    h.hover_at(at);
    h.run_steps(40);
    texts
        .iter()
        .zip(before)
        .map(|(t, before)| (before, count(&h, t)))
        .collect()
}

#[test]
fn hovering_a_base_shows_its_name_status_source_and_the_period() {
    let s = &data().scenario;
    let reported = track("reported");
    let al_tanf = place("al_tanf");
    let period = s.base_period_on(reported, al_tanf, d("2026-02-11")).unwrap();
    let label = s.status(period.status).label_for(drawdown::PlaceKind::Base).to_owned();
    let source = format!("Source: {}", period.source);
    let texts = [
        "Al-Tanf garrison",
        label.as_str(),
        source.as_str(),
        "Approximate location",
        "11 Feb 2026",
    ];
    let seen = hover_base("2026-02-11", reported.0, "al_tanf", &texts);
    for (text, (before, after)) in texts.iter().zip(&seen).take(3) {
        assert!(after > before, "{text:?} not in the tooltip: {seen:?}");
    }
    assert_eq!(seen[3].0, seen[3].1, "al-Tanf's position is published: {seen:?}");
    assert!(seen[4].1 > seen[4].0, "the period's first day: {seen:?}");
}

#[test]
fn hovering_an_approximate_base_says_so_and_wins_over_the_governorate() {
    let texts = ["Al-Shaddadi", "Approximate location", "Hasaka (Al Haksa)"];
    let seen = hover_base("2026-02-13", track("reported").0, "shaddadi", &texts);
    assert!(seen[0].1 > seen[0].0 && seen[1].1 > seen[1].0, "{seen:?}");
    assert_eq!(seen[2].0, seen[2].1, "no governorate tooltip under a base: {seen:?}");
}

#[test]
fn hovering_an_incident_shows_its_title_detail_and_confidence() {
    let mut h = harness("2026-03-12", track("reported").0);
    let s = &h.state().data().scenario;
    let makhmour = s.place_idx("makhmour").unwrap();
    let incident = s
        .incidents
        .iter()
        .find(|i| i.location == drawdown::IncidentLocation::Place(makhmour))
        .unwrap()
        .clone();
    let texts = [
        incident.title.clone(),
        incident.detail.clone(),
        "Confidence: high".to_owned(),
    ];
    let count =
        |h: &egui_kittest::Harness<'_, drawdown::DrawdownApp>, text: &str| h.query_all_by_label_contains(text).count();
    let before: Vec<usize> = texts.iter().map(|t| count(&h, t)).collect();
    let map: Rect = h.get_by_label_contains("Map, ").rect();
    let layout = MapLayout::new(map, &MapStyle::for_theme(Theme::Light));
    let data = h.state().data();
    let to_screen = layout.screen_from_world(&h.state().view(), &data.geometry);
    let p = data.scenario.place(makhmour);
    let at = to_screen.screen_from_world(data.geometry.world_from_lonlat(p.lon, p.lat));
    h.hover_at(MarkSizes::new(layout.unit).incident_centre(at));
    h.run_steps(40);
    for (text, before) in texts.iter().zip(before) {
        assert!(count(&h, text) > before, "{text:?} not in the tooltip");
    }
}

#[test]
fn the_marker_status_of_a_silent_base_is_its_last_report() {
    let s = &data().scenario;
    let marks = drawdown::MapMarks::of(s, track("reported"), d("2026-03-20"));
    let (_, tanf) = marks.bases.iter().find(|(p, _)| *p == place("al_tanf")).unwrap();
    assert_eq!(tanf.status, s.no_report_status());
    assert_eq!(marker_status(tanf).map(|i| s.status(i).id.as_str()), Some("ended"));
    let syria = marks.regions[s.region_idx("syria").unwrap().0];
    assert_eq!(syria.last_reported.map(|i| s.status(i).id.as_str()), Some("drawdown"));
}

/// Hovers (lon, lat) in the app's map on `date` (reported track) and
/// returns whether `text` appeared.
fn hover_shows(date: &str, lon: f64, lat: f64, text: &str) -> bool {
    let mut h = harness(date, track("reported").0);
    let before = h.query_all_by_label_contains(text).count();
    let map: Rect = h.get_by_label_contains("Map, ").rect();
    let layout = MapLayout::new(map, &MapStyle::for_theme(h.state().theme()));
    let data = h.state().data();
    let to_screen = layout.screen_from_world(&h.state().view(), &data.geometry);
    h.hover_at(to_screen.screen_from_world(data.geometry.world_from_lonlat(lon, lat)));
    h.run_steps(40);
    h.query_all_by_label_contains(text).count() > before
}

#[test]
fn after_the_record_ends_the_tooltip_says_since_when_and_what_was_last_reported() {
    assert!(hover_shows(
        "2026-03-21",
        FEDERAL_IRAQ.0,
        FEDERAL_IRAQ.1,
        "No report since 21 Mar 2026 — last reported: Coalition mission over"
    ));
    let tanf = data().scenario.place(place("al_tanf"));
    assert!(hover_shows(
        "2026-03-20",
        tanf.lon,
        tanf.lat,
        "No report since 14 Mar 2026 — last reported: Handed over or vacated"
    ));
    // A current report says nothing of the kind.
    assert!(!hover_shows(
        "2026-03-13",
        FEDERAL_IRAQ.0,
        FEDERAL_IRAQ.1,
        "No report since"
    ));
}
