//! Troop levels: the steps and values the window's panel shows, the layer
//! that shows it, the export dialog's checkbox, and `--troops` in exported
//! images and sequences (pixels in the panel's place, nothing else
//! changed, the same bytes every time and in a sequence).

use std::sync::atomic::AtomicBool;

use drawdown::{
    ExportCommand, ExportOptions, Frame, LayerSet, LookCommand, MapLayer, MapLayout, MapStyle, OverlayCommand, Panel,
    SequenceOutput, SequenceRequest, TROOP_PANEL_LABEL, TROOPS_CHECKBOX_LABEL, Theme, TrackLayout, TroopGroupIdx,
    export_sequence, figure_text, panel_series, panel_summary, render_png, render_png_bytes, render_rgba,
    troop_panel_rect, troop_span, troop_steps,
};
use egui::{Pos2, Rect};
use egui_kittest::kittest::Queryable as _;

use crate::support::{data, date, drawdown, harness};

fn group(id: &str) -> TroopGroupIdx {
    data().scenario.troop_group_idx(id).unwrap()
}

// --- The data the panels show ---------------------------------------------

#[test]
fn each_figure_holds_until_the_next_and_the_last_is_held_open() {
    let s = &data().scenario;
    for (g, _) in s.troop_groups.iter().enumerate() {
        let g = TroopGroupIdx(g);
        let figures = s.troops_for(g);
        let steps = troop_steps(s, g);
        assert_eq!(steps.len(), figures.len());
        for (i, step) in steps.iter().enumerate() {
            assert_eq!(step.figure, &figures[i]);
            assert_eq!(step.until, figures.get(i + 1).map(|f| f.date));
        }
        assert_eq!(steps.last().map(|s| s.until), Some(None), "the latest figure holds");
    }
    let span = troop_span(s).unwrap();
    assert!(
        span.start < date("2024-09-27") && date("2026-02-18") < span.end,
        "{span:?}"
    );
    assert!(s.range.contains(span.start) && s.range.contains(span.end));
}

#[test]
fn on_20_february_2026_the_panel_gives_each_groups_latest_figure() {
    let s = &data().scenario;
    let on = date("2026-02-20");
    let series = panel_series(s, on);
    assert_eq!(series.len(), s.troop_groups.len());
    for (i, group) in series.iter().enumerate() {
        let g = TroopGroupIdx(i);
        assert_eq!(group.group, g);
        assert_eq!(group.name, s.troop_group(g).name);
        assert_eq!(group.on_date, s.latest_troops(g, on), "{}", group.name);
        assert_eq!(group.steps, troop_steps(s, g));
    }
    let syria = &series[group("syria").0];
    let figure = syria.on_date.unwrap();
    assert_eq!((figure.low, figure.high, figure.date), (900, 1000, date("2026-02-18")));
    assert_eq!(figure_text(figure), "900–1,000");
    let summary = panel_summary(&series, on);
    assert!(summary.starts_with("20 February 2026; "), "{summary}");
    assert!(summary.contains("Syria: 900–1,000 (18 Feb 2026)"), "{summary}");
    assert!(summary.contains("Iraq: 2,000 (30 Sep 2025)"), "{summary}");
    // Before the first figure there is none to give.
    let early = panel_series(s, date("2020-01-01"));
    assert!(early.iter().all(|g| g.on_date.is_none()));
    assert!(panel_summary(&early, date("2020-01-01")).contains("Syria: no figure yet"));
}

// --- The window -------------------------------------------------------------

#[test]
fn the_troop_panel_is_shown_only_while_its_layer_is_on_presenting_too() {
    let mut h = harness("2026-02-20", 1);
    assert!(!h.state().panels().contains(Panel::Troops), "off by default");
    assert!(h.query_by_label(TROOP_PANEL_LABEL).is_none());

    h.state_mut().apply(LookCommand::TogglePanel(Panel::Troops).into());
    h.run_steps(2);
    assert!(h.state().panels().contains(Panel::Troops));
    let value = h.get_by_label(TROOP_PANEL_LABEL).value().unwrap_or_default();
    assert!(value.contains("Syria: 900–1,000 (18 Feb 2026)"), "{value}");
    let map = h.get_by_label_contains("Map, ").rect();
    let panel = h.get_by_label(TROOP_PANEL_LABEL).rect();
    assert!(panel.left() >= map.right() - 1.0, "beside the map: {panel:?} {map:?}");

    h.state_mut().apply(OverlayCommand::TogglePresentation.into());
    h.run_steps(2);
    h.get_by_label(TROOP_PANEL_LABEL);

    h.state_mut().apply(LookCommand::TogglePanel(Panel::Troops).into());
    h.run_steps(2);
    assert!(h.query_by_label(TROOP_PANEL_LABEL).is_none());
}

#[test]
fn the_view_menu_switches_the_troop_panel() {
    let mut h = harness("2026-02-20", 1);
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label(drawdown::TROOP_PANEL_TITLE).click();
    h.run_steps(2);
    assert!(h.state().panels().contains(Panel::Troops));
    h.get_by_label(TROOP_PANEL_LABEL);
}

#[test]
fn the_export_dialog_has_a_troop_levels_checkbox_that_reaches_the_options() {
    let mut h = harness("2026-02-13", 1);
    h.state_mut().apply(ExportCommand::Open.into());
    // A window sizes itself in its first frames before it takes clicks.
    h.run_steps(4);
    assert!(
        !h.state()
            .export_form()
            .unwrap()
            .options()
            .layers
            .contains(MapLayer::TroopLevels),
        "off by default"
    );
    h.get_by_label(TROOPS_CHECKBOX_LABEL).click();
    h.run_steps(2);
    let form = h.state().export_form().unwrap();
    assert!(form.layers.contains(MapLayer::TroopLevels) && form.options().layers.contains(MapLayer::TroopLevels));
}

// --- Exported images -------------------------------------------------------

fn opts(troops: bool) -> ExportOptions {
    ExportOptions {
        size_px: [1280, 720],
        layers: LayerSet::default().with(MapLayer::TroopLevels, troops),
        ..ExportOptions::default()
    }
}

#[test]
fn troops_add_a_panel_where_the_map_was_and_change_nothing_else() {
    let reported = data().scenario.track_idx("reported").unwrap();
    let on = date("2026-02-13");
    let with = render_rgba(data(), reported, on, &opts(true)).unwrap();
    let without = render_rgba(data(), reported, on, &opts(false)).unwrap();
    let area = opts(true).logical_rect();
    let layout = MapLayout::new(area, &MapStyle::for_theme(Theme::Light));
    let panel = troop_panel_rect(&layout, area.bottom(), data().scenario.troop_groups.len());
    assert!(panel.is_positive() && area.contains_rect(panel), "{panel:?}");
    let inside = |x: u32, y: u32| panel.expand(2.0).contains(Pos2::new(x as f32 + 0.5, y as f32 + 0.5));
    let (mut changed, mut total) = (0_u32, 0_u32);
    for y in 0..with.height {
        for x in 0..with.width {
            let (a, b) = (with.pixel(x, y).unwrap(), without.pixel(x, y).unwrap());
            if inside(x, y) {
                total += 1;
                changed += u32::from(a != b);
            } else {
                assert_eq!(a, b, "({x}, {y}) outside the panel {panel:?}");
            }
        }
    }
    assert!(changed * 2 > total, "{changed} of {total} pixels changed in the panel");
    // Without the panel, its place shows the map's ground (sea and land),
    // not a panel's white.
    let centre = panel.center();
    let ground = without.pixel(centre.x as u32, centre.y as u32).unwrap();
    assert_ne!(ground, [255, 255, 255, 255]);
    let panel_fill = with.pixel(panel.left() as u32 + 6, panel.bottom() as u32 - 6).unwrap();
    assert!(
        panel_fill.iter().take(3).all(|&c| c > 240),
        "the panel's ground: {panel_fill:?}"
    );
}

#[test]
fn troop_exports_are_the_same_bytes_every_time_and_in_a_sequence() {
    let reported = data().scenario.track_idx("reported").unwrap();
    let small = ExportOptions {
        size_px: [480, 270],
        layers: LayerSet::default().with(MapLayer::TroopLevels, true),
        ..ExportOptions::default()
    };
    let a = render_png_bytes(data(), reported, date("2026-02-13"), &small).unwrap();
    let b = render_png_bytes(data(), reported, date("2026-02-13"), &small).unwrap();
    assert!(a == b, "deterministic");
    let plain = render_png_bytes(
        data(),
        reported,
        date("2026-02-13"),
        &ExportOptions {
            layers: LayerSet::default(),
            ..small
        },
    )
    .unwrap();
    assert!(a != plain);
    // Frames share base layers but the panel marks each frame's date:
    // every frame is its single export, in one map and in a comparison.
    let dates = ["2024-09-27", "2025-10-01", "2026-02-13", "2026-02-14", "2026-03-20"]
        .map(date)
        .to_vec();
    for tracks in [
        TrackLayout::Single(reported),
        TrackLayout::SideBySide(data().scenario.compare_pair().unwrap()),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let request = SequenceRequest {
            frames: Frame::on_dates(tracks, &dates),
            outputs: vec![SequenceOutput::Frames(dir.path().to_owned())],
            fps: 8,
            force: false,
            opts: small,
        };
        let outcome = export_sequence(data(), &request, &|| {}, &AtomicBool::new(false)).unwrap();
        for (path, &on) in outcome.frames().iter().zip(&dates) {
            let single = render_png(data(), tracks, on, &small).unwrap();
            assert!(std::fs::read(path).unwrap() == single, "{tracks:?} on {on}");
        }
    }
}

#[test]
fn the_command_line_troops_flag_writes_the_panel() {
    let dir = tempfile::tempdir().unwrap();
    let out = |name: &str| dir.path().join(name);
    for (name, extra) in [("with.png", Some("--troops")), ("without.png", None)] {
        let path = out(name);
        let mut args = vec![
            "export",
            "--date",
            "2026-02-13",
            "--track",
            "reported",
            "--size",
            "640x360",
            "--out",
            path.to_str().unwrap(),
        ];
        args.extend(extra);
        let o = drawdown(&args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let reported = data().scenario.track_idx("reported").unwrap();
    let expected = render_png_bytes(
        data(),
        reported,
        date("2026-02-13"),
        &ExportOptions {
            size_px: [640, 360],
            layers: LayerSet::default().with(MapLayer::TroopLevels, true),
            ..ExportOptions::default()
        },
    )
    .unwrap();
    let with = std::fs::read(out("with.png")).unwrap();
    assert!(with == expected, "the flag is the option");
    assert!(with != std::fs::read(out("without.png")).unwrap());
}

#[test]
fn a_panel_rect_fits_narrow_areas_above_the_footer() {
    let style = MapStyle::for_theme(Theme::Light);
    let half = Rect::from_min_size(Pos2::ZERO, egui::vec2(640.0, 720.0));
    let layout = MapLayout::new(half, &style);
    let footer_top = 690.0;
    let panel = troop_panel_rect(&layout, footer_top, 3);
    assert!(half.contains_rect(panel), "{panel:?}");
    assert!(panel.bottom() <= footer_top);
    assert!(panel.right() > half.center().x, "in the right-hand corner");
}

// --- How old a figure is ------------------------------------------------------

#[test]
fn a_figures_age_is_said_in_days_then_calendar_months() {
    use drawdown::figure_age;
    assert_eq!(figure_age(date("2025-09-30"), date("2026-12-07")), "14 months earlier");
    assert_eq!(figure_age(date("2026-02-18"), date("2026-02-20")), "2 days earlier");
    assert_eq!(figure_age(date("2026-02-19"), date("2026-02-20")), "1 day earlier");
    assert_eq!(figure_age(date("2026-02-20"), date("2026-02-20")), "the day shown");
    assert_eq!(figure_age(date("2026-01-31"), date("2026-02-28")), "28 days earlier");
    assert_eq!(figure_age(date("2026-01-15"), date("2026-02-15")), "1 month earlier");
    assert_eq!(figure_age(date("2025-01-15"), date("2026-01-14")), "11 months earlier");
}

#[test]
fn the_panels_time_axis_reaches_the_shown_date_past_the_last_figure() {
    use drawdown::panel_x_span;
    let s = &data().scenario;
    let span = troop_span(s).unwrap();
    assert!(
        span.end < date("2026-12-07"),
        "the record stops before December 2026: {span:?}"
    );
    let shown = panel_x_span(s, date("2026-12-07"));
    assert_eq!((shown.start, shown.end), (span.start, date("2026-12-07")));
    // Within the figures' span the axis is the span.
    assert_eq!(panel_x_span(s, date("2026-02-20")), span);
    // Before the first figure it starts at the date.
    assert_eq!(panel_x_span(s, date("2015-01-01")).start, date("2015-01-01"));
}

#[test]
fn the_panels_list_says_how_old_each_figure_is() {
    let mut h = harness("2026-12-07", 1);
    h.state_mut().apply(LookCommand::TogglePanel(Panel::Troops).into());
    h.run_steps(2);
    h.get_by_label("1,000, as of 20 Mar 2026, 8 months earlier");
    let value = h.get_by_label(TROOP_PANEL_LABEL).value().unwrap_or_default();
    assert!(
        value.contains("Iraq: 1,000 (20 Mar 2026), 8 months earlier"),
        "{value}"
    );
}
