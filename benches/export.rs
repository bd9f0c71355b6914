//! Export benchmarks, in process: one 1920×1080 PNG, one 3840×2160 PNG
//! (render + encode, and each part alone), and a 100-frame weekly
//! sequence written to disk. Run with `cargo bench --bench export`;
//! `benches/commands.sh` times whole commands.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use drawdown::export::{
    ExportOptions, SequenceRequest, Step, encode_png, export_sequence, render_pixmap, render_png_bytes,
};
use drawdown::inputs::LoadedInputs;
use drawdown::model::{Date, TrackLayout};
use drawdown::render::TextEngine;

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn options(size_px: [u32; 2]) -> ExportOptions {
    ExportOptions {
        size_px,
        ..ExportOptions::default()
    }
}

fn frames(c: &mut Criterion) {
    let data = LoadedInputs::embedded().unwrap();
    let track = data.scenario.track_idx("announced").unwrap();
    let date = d("2025-10-01");
    for (name, size) in [("1920x1080", [1920, 1080]), ("3840x2160", [3840, 2160])] {
        let opts = options(size);
        c.bench_function(&format!("png {name} (render + encode)"), |b| {
            b.iter(|| black_box(render_png_bytes(&data, track, date, &opts).unwrap()));
        });
        let mut engine = TextEngine::new();
        c.bench_function(&format!("render {name}"), |b| {
            b.iter(|| black_box(render_pixmap(&mut engine, &data, TrackLayout::Single(track), date, &opts).unwrap()));
        });
        let pixmap = render_pixmap(&mut engine, &data, TrackLayout::Single(track), date, &opts).unwrap();
        c.bench_function(&format!("encode {name}"), |b| {
            b.iter(|| black_box(encode_png(&pixmap).unwrap()));
        });
    }
    // What a fresh process pays once: fonts parsed and glyphs rasterised.
    let opts = options([1920, 1080]);
    c.bench_function("render 1920x1080 with a new text engine", |b| {
        b.iter(|| {
            black_box(render_pixmap(&mut TextEngine::new(), &data, TrackLayout::Single(track), date, &opts).unwrap())
        });
    });
    c.bench_function("load the embedded data", |b| {
        b.iter(|| black_box(LoadedInputs::embedded().unwrap()))
    });
}

fn sequence(c: &mut Criterion) {
    let data = LoadedInputs::embedded().unwrap();
    let track = data.scenario.track_idx("announced").unwrap();
    let dates = Step::Weeks(1).dates(d("2024-09-01"), d("2026-12-31")).unwrap();
    let dates = dates[..100].to_vec();
    let dir = tempfile::tempdir().unwrap();
    let request = SequenceRequest {
        tracks: TrackLayout::Single(track),
        dates,
        out_dir: dir.path().join("frames"),
        gif: None,
        fps: 8,
        force: true,
        opts: options([1920, 1080]),
    };
    let mut group = c.benchmark_group("sequence");
    group.sample_size(10).measurement_time(Duration::from_secs(30));
    group.bench_function("100 weekly frames 1920x1080 to PNG files", |b| {
        b.iter(|| black_box(export_sequence(&data, &request, &|| {}, &AtomicBool::new(false)).unwrap()));
    });
    group.finish();
}

criterion_group!(benches, frames, sequence);
criterion_main!(benches);
