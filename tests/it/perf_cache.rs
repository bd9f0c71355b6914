//! The map's screen cache ("no waste per frame"): changing only
//! the date recolours the cached meshes but neither rebuilds the cache nor
//! transforms or tessellates geometry again; a pan, a zoom, a resize or new
//! data does rebuild it, a clone of the same data does not. Labels are
//! placed again only when a region's status (its chip) or the cache's
//! geometry changes. The compare view's dashed outlines are cached like the
//! other strokes; a hatched region's stripes are its mesh, built once and
//! recoloured; base markers and incidents are tessellated once while they
//! stay the same.

use drawdown::{
    CacheStats, Date, LayerSet, LoadedInputs, MapEffects, MapStyle, MapView, MapWidget, NO_EFFECTS, RegionIdx, Theme,
    TrackIdx,
};
use egui::{Context, RawInput, Rect, Shape, pos2, vec2};

/// What every test starts from: a fresh egui context and the embedded data.
struct Fixture {
    ctx: Context,
    data: LoadedInputs,
}

impl Fixture {
    fn new() -> Self {
        Self {
            ctx: Context::default(),
            data: LoadedInputs::embedded().unwrap(),
        }
    }

    /// A full-HD frame of the fixture's data.
    fn frame(&self) -> Frame<'_> {
        Frame {
            ctx: &self.ctx,
            data: &self.data,
            size: [1920.0, 1080.0],
            effects: &NO_EFFECTS,
            track: TrackIdx(0),
        }
    }
}

struct Frame<'a> {
    ctx: &'a Context,
    data: &'a LoadedInputs,
    size: [f32; 2],
    effects: &'a MapEffects,
    track: TrackIdx,
}

/// What one frame did.
struct Shown {
    stats: CacheStats,
    /// Lines handed to egui as paths, to be tessellated this frame: what
    /// the cache did not cover.
    paths: usize,
}

impl Frame<'_> {
    /// Runs one frame showing the map; returns the cache's counters.
    fn show(&self, date: &str, view: &mut MapView) -> CacheStats {
        self.run(date, view).stats
    }

    fn run(&self, date: &str, view: &mut MapView) -> Shown {
        let date: Date = date.parse().unwrap();
        let style = MapStyle::for_theme(Theme::Light);
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(self.size[0], self.size[1]))),
            ..RawInput::default()
        };
        let mut stats = None;
        let mut output = self.ctx.run_ui(input, |ui| {
            let response = MapWidget {
                scenario: &self.data.scenario,
                geometry: &self.data.geometry,
                track: self.track,
                date,
                style: &style,
                layers: LayerSet::default(),
                background: true,
                effects: self.effects,
                greyscale: false,
                compare_with: None,
            }
            .ui(ui, view);
            stats = MapWidget::cache_stats(ui.ctx(), &response);
        });
        // No renderer here: the font atlas's updates are dropped on purpose.
        output.textures_delta.clear();
        let paths = output.shapes.iter().map(|clipped| count_paths(&clipped.shape)).sum();
        // Tessellate as eframe does, so the frame's shapes are released.
        let primitives = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        assert!(!primitives.is_empty());
        Shown {
            stats: stats.expect("the map keeps a cache"),
            paths,
        }
    }
}

fn count_paths(shape: &Shape) -> usize {
    match shape {
        Shape::Vec(shapes) => shapes.iter().map(count_paths).sum(),
        Shape::Path(_) | Shape::LineSegment { .. } => 1,
        _ => 0,
    }
}

#[test]
fn changing_only_the_date_reuses_the_cache_and_recolours() {
    let fixture = Fixture::new();
    let frame = fixture.frame();
    let mut view = MapView::HOME;
    let first = frame.show("2024-01-01", &mut view);
    assert_eq!(first.builds, 1);
    assert!(
        first.meshes_transformed > 0 && first.strokes_tessellated > 0,
        "{first:?}"
    );

    // Federal Iraq changes status between these dates: colours change.
    let later = frame.show("2025-12-01", &mut view);
    let again = frame.show("2026-12-01", &mut view);
    let back = frame.show("2024-01-01", &mut view);
    for stats in [later, again, back] {
        assert_eq!(stats.builds, first.builds, "date change rebuilt the cache: {stats:?}");
        assert_eq!(stats.meshes_transformed, first.meshes_transformed, "{stats:?}");
        assert_eq!(stats.strokes_tessellated, first.strokes_tessellated, "{stats:?}");
    }
    assert!(
        back.meshes_recoloured > first.meshes_recoloured,
        "the fills must follow the date: {back:?}"
    );
}

#[test]
fn pan_zoom_resize_and_new_data_rebuild_the_cache() {
    let fixture = Fixture::new();
    let data = &fixture.data;
    let mut frame = fixture.frame();
    let mut view = MapView::HOME;
    let mut builds = frame.show("2025-10-01", &mut view).builds;
    let mut expect_rebuild = |frame: &Frame<'_>, view: &mut MapView, what: &str| {
        let stats = frame.show("2025-10-01", view);
        assert_eq!(stats.builds, builds + 1, "{what} must rebuild: {stats:?}");
        builds = stats.builds;
    };

    view.pan(
        vec2(40.0, -25.0),
        data.geometry.bounds,
        Rect::from_min_size(pos2(0.0, 0.0), vec2(1920.0, 1080.0)),
    );
    expect_rebuild(&frame, &mut view, "a pan");
    view.zoom = 2.0;
    expect_rebuild(&frame, &mut view, "a zoom");
    frame.size = [1280.0, 720.0];
    expect_rebuild(&frame, &mut view, "a resize");
    let reloaded = LoadedInputs::embedded().unwrap();
    let frame = Frame {
        data: &reloaded,
        ..frame
    };
    expect_rebuild(&frame, &mut view, "new data");
    // And a frame with nothing changed keeps it.
    assert_eq!(frame.show("2025-10-01", &mut view).builds, builds);
}

#[test]
fn labels_are_placed_again_only_when_a_status_or_the_view_changes() {
    let fixture = Fixture::new();
    let frame = fixture.frame();
    let mut view = MapView::HOME;
    let placed = |date: &str, view: &mut MapView| frame.show(date, view).label_layouts;
    assert_eq!(placed("2025-01-01", &mut view), 1);
    // The same statuses on the announced track: the layout is kept.
    assert_eq!(placed("2025-06-01", &mut view), 1);
    assert_eq!(placed("2025-09-30", &mut view), 1);
    // Federal Iraq's chip changes on 1 Oct 2025: placed again, then kept.
    assert_eq!(placed("2025-10-01", &mut view), 2);
    assert_eq!(placed("2025-11-01", &mut view), 2);
    // A zoom moves every label.
    view.zoom = 1.5;
    assert_eq!(placed("2025-11-01", &mut view), 3);
}

#[test]
fn dashed_outlines_where_tracks_disagree_are_tessellated_once() {
    let fixture = Fixture::new();
    let regions = fixture.data.scenario.regions.len();
    assert!(regions >= 3, "{regions} regions");
    let one = MapEffects {
        disagree: vec![RegionIdx(0)],
        ..MapEffects::default()
    };
    let all = MapEffects {
        disagree: (0..regions).map(RegionIdx).collect(),
        ..MapEffects::default()
    };
    let mut view = MapView::HOME;
    let frame = Frame {
        effects: &one,
        ..fixture.frame()
    };
    let legend_only = frame.run("2025-10-01", &mut view).paths;
    assert!(legend_only < 20, "{legend_only} paths for the legend's sample");
    let frame = Frame {
        effects: &all,
        ..fixture.frame()
    };
    let first = frame.run("2025-10-01", &mut view);
    // Only the legend's sample is built per frame, however many outlines
    // are dashed.
    assert_eq!(first.paths, legend_only, "dashes built outside the cache");
    for date in ["2025-12-01", "2026-06-01", "2024-01-01"] {
        let again = frame.run(date, &mut view);
        assert_eq!(again.paths, legend_only, "{date}");
        assert_eq!(
            again.stats.strokes_tessellated, first.stats.strokes_tessellated,
            "{date}: dashes tessellated again"
        );
    }
}

/// A clone of the map (the app's data copied, say) is the same geometry:
/// its shapes keep their ids, so the widget's cache carries on.
#[test]
fn a_clone_of_the_data_keeps_the_cache() {
    let fixture = Fixture::new();
    let mut view = MapView::HOME;
    let first = fixture.frame().show("2025-10-01", &mut view);
    let clone = fixture.data.clone();
    let frame = Frame {
        data: &clone,
        ..fixture.frame()
    };
    let again = frame.show("2025-10-01", &mut view);
    assert_eq!(again.builds, first.builds, "{again:?}");
    assert_eq!(again.meshes_transformed, first.meshes_transformed, "{again:?}");
    assert_eq!(again.strokes_tessellated, first.strokes_tessellated, "{again:?}");
    assert_eq!(again.label_layouts, first.label_layouts, "{again:?}");
}

fn reported(fixture: &Fixture) -> Frame<'_> {
    Frame {
        track: fixture.data.scenario.track_idx("reported").unwrap(),
        ..fixture.frame()
    }
}

/// 12 and 13 Feb 2026 on the reported track: no region, no base and no
/// incident changes (al-Tanf was handed over on the 11th, Shaddadi is on
/// the 15th). The second frame builds nothing: no mesh, stroke, hatch,
/// marker or label placement.
#[test]
fn a_date_change_that_changes_no_region_base_or_incident_builds_nothing() {
    let fixture = Fixture::new();
    let frame = reported(&fixture);
    let s = &fixture.data.scenario;
    let track = frame.track;
    let (a, b) = ("2026-02-12".parse().unwrap(), "2026-02-13".parse().unwrap());
    assert_eq!(drawdown::MapMarks::of(s, track, a), drawdown::MapMarks::of(s, track, b));
    let mut view = MapView::HOME;
    let first = frame.show("2026-02-12", &mut view);
    assert!(first.marks_tessellated > 0, "{first:?}");
    let second = frame.show("2026-02-13", &mut view);
    assert_eq!(second, first, "the frame of the next day built something");
    // A base changes (Shaddadi handed over): its marker again, nothing else.
    let third = frame.show("2026-02-15", &mut view);
    assert!(third.marks_tessellated > second.marks_tessellated, "{third:?}");
    assert_eq!(
        (
            third.builds,
            third.meshes_transformed,
            third.strokes_tessellated,
            third.hatch_meshes_built
        ),
        (
            first.builds,
            first.meshes_transformed,
            first.strokes_tessellated,
            first.hatch_meshes_built
        ),
        "{third:?}"
    );
}

/// After the record ends (14 Mar 2026) every region is hatched: each
/// feature's stripes are built once, then only recoloured or reused,
/// however the date moves, and no stripe is handed to egui as a path.
#[test]
fn hatched_regions_build_their_stripes_once() {
    let fixture = Fixture::new();
    let frame = reported(&fixture);
    let mut view = MapView::HOME;
    let before = frame.run("2026-03-13", &mut view);
    assert_eq!(before.stats.hatch_meshes_built, 0, "a current report is not hatched");
    let silent = frame.run("2026-03-21", &mut view);
    let built = silent.stats.hatch_meshes_built;
    let features = fixture.data.geometry.features.len() as u64;
    assert!(
        built > 0 && built <= features,
        "{built} hatch meshes for {features} features"
    );
    for date in ["2026-06-01", "2026-03-13", "2027-01-01", "2026-03-22"] {
        let again = frame.run(date, &mut view);
        assert_eq!(again.stats.hatch_meshes_built, built, "{date}: stripes built again");
        assert_eq!(again.stats.builds, before.stats.builds, "{date}");
        assert_eq!(
            again.stats.meshes_transformed, before.stats.meshes_transformed,
            "{date}"
        );
        assert_eq!(again.paths, before.paths, "{date}: stripes or marks as paths");
    }
    // Two silent days alike: nothing at all is built for the second.
    let a = frame.show("2026-04-01", &mut view);
    let b = frame.show("2026-04-02", &mut view);
    assert_eq!(a, b);
}
