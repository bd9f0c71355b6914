//! One GUI frame of the map view at 1920×1080, headless: an egui context
//! run that shows [`MapWidget`] with every layer, plus `ctx.tessellate`
//! (what eframe does before handing triangles to the GPU). The date walks
//! through 100 days spread over the scenario's range, so per-date work
//! (status lookup, colours, labels) is exercised every frame. Also: the
//! whole app's frame ([`DrawdownApp::show`]: map, slider, timeline chart)
//! and start-up to the first frame (data load + first run + tessellate).
//!
//! `cargo bench --bench frame`. With `DRAWDOWN_BIG_REGIONS=big.geojson` the
//! map frame uses that regions file instead of the embedded one (the
//! 1M-vertex scale test; see `tools/densify.py`).

#![expect(
    clippy::unwrap_used,
    reason = "a bench whose input does not load has nothing to measure: stopping at once is right"
)]

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use drawdown::{
    Date, DrawdownApp, LayerSet, LoadedInputs, MapStyle, MapView, MapWidget, NO_EFFECTS, Sources, StartOptions, Theme,
    TrackIdx,
};
use egui::{Context, FullOutput, RawInput, Rect, pos2, vec2};

const SIZE: [f32; 2] = [1920.0, 1080.0];

fn input() -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(SIZE[0], SIZE[1]))),
        ..RawInput::default()
    }
}

fn load() -> LoadedInputs {
    let regions = std::env::var_os("DRAWDOWN_BIG_REGIONS").map(PathBuf::from);
    LoadedInputs::load(&Sources {
        scenario: None,
        regions,
    })
    .unwrap()
}

/// 100 dates spread evenly over the scenario's range.
fn dates(data: &LoadedInputs) -> Vec<Date> {
    let range = data.scenario.range;
    (0..100).map(|i| range.date_at(range.len_days() * i / 99)).collect()
}

/// One map frame: context run + tessellation. Returns the triangle count.
fn map_frame(ctx: &Context, data: &LoadedInputs, date: Date, view: &mut MapView, style: &MapStyle) -> usize {
    let FullOutput {
        shapes,
        pixels_per_point,
        mut textures_delta,
        ..
    } = ctx.run_ui(input(), |ui| {
        let _response = MapWidget {
            scenario: &data.scenario,
            geometry: &data.geometry,
            track: TrackIdx(0),
            date,
            style,
            layers: LayerSet::default(),
            background: true,
            effects: &NO_EFFECTS,
            greyscale: false,
            compare_with: None,
        }
        .ui(ui, view);
    });
    // No renderer: the font atlas's updates are dropped on purpose.
    textures_delta.clear();
    let primitives = ctx.tessellate(shapes, pixels_per_point);
    primitives
        .iter()
        .map(|p| match &p.primitive {
            egui::epaint::Primitive::Mesh(m) => m.indices.len() / 3,
            egui::epaint::Primitive::Callback(_) => 0,
        })
        .sum()
}

fn gui_frame(c: &mut Criterion) {
    let data = load();
    let dates = dates(&data);
    let style = MapStyle::for_theme(Theme::Light);
    let ctx = Context::default();
    let mut view = MapView::HOME;
    // Warm up: fonts, galleys of the first date, the map's screen cache.
    let triangles = map_frame(&ctx, &data, dates[0], &mut view, &style);
    eprintln!(
        "map frame: {} vertices in rings, {triangles} triangles after tessellation",
        data.geometry.vertex_count()
    );
    let mut group = c.benchmark_group("gui");
    group.measurement_time(Duration::from_secs(10));
    let mut i = 0;
    group.bench_function("map frame 1920x1080, 100 dates (run + tessellate)", |b| {
        b.iter(|| {
            i = (i + 1) % dates.len();
            black_box(map_frame(&ctx, &data, dates[i], &mut view, &style))
        });
    });
    // Panning: the transform changes every frame, so the screen cache is
    // rebuilt every frame (the cost of a drag).
    let mut zoom_in = false;
    group.bench_function("map frame 1920x1080 while panning", |b| {
        b.iter(|| {
            zoom_in = !zoom_in;
            let mut view = MapView {
                centre: None,
                zoom: if zoom_in { 1.01 } else { 1.0 },
            };
            black_box(map_frame(&ctx, &data, dates[50], &mut view, &style))
        });
    });
    if std::env::var_os("DRAWDOWN_BIG_REGIONS").is_none() {
        let mut app = DrawdownApp::new(
            data.clone(),
            StartOptions {
                date: Some(dates[0]),
                track: None,
            },
        );
        let app_ctx = Context::default();
        let mut j = 0;
        group.bench_function("whole app frame 1920x1080 (map + slider + timeline)", |b| {
            b.iter(|| {
                j = (j + 1) % dates.len();
                let mut out = app_ctx.run_ui(input(), |ui| app.show(ui));
                out.textures_delta.clear();
                black_box(app_ctx.tessellate(out.shapes, out.pixels_per_point))
            });
        });
    }
    group.finish();
}

fn startup(c: &mut Criterion) {
    let style = MapStyle::for_theme(Theme::Light);
    let mut group = c.benchmark_group("startup");
    group.sample_size(20).measurement_time(Duration::from_secs(10));
    group.bench_function("load data + first map frame 1920x1080", |b| {
        b.iter(|| {
            let data = load();
            let ctx = Context::default();
            let mut view = MapView::HOME;
            let date = data.scenario.range.start;
            black_box(map_frame(&ctx, &data, date, &mut view, &style))
        });
    });
    group.finish();
}

criterion_group!(benches, gui_frame, startup);
criterion_main!(benches);
