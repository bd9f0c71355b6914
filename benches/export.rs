//! Export benchmarks, in process: one 1920×1080 PNG, one 3840×2160 PNG
//! (render + encode, and each part alone), and a 100-frame weekly
//! sequence written to disk; a 100-frame 1080p MP4 (encoding alone, and
//! the whole export) and a PPTX of every milestone. Run with `cargo bench --bench export`;
//! `benches/commands.sh` times whole commands.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use drawdown::{
    Date, ExportOptions, Frame, LoadedInputs, SequenceOutput, SequenceRequest, Step, TextEngine, TrackLayout,
    encode_png, export_sequence, render_pixmap, render_png_bytes,
};

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
        frames: Frame::on_dates(TrackLayout::Single(track), &dates),
        outputs: vec![SequenceOutput::Frames(dir.path().join("frames"))],
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

/// A 100-frame weekly 1080p video: the H.264 encoding and muxing alone (the
/// frames rendered and converted to YUV beforehand), and the whole export;
/// a deck of every milestone.
fn video_and_deck(c: &mut Criterion) {
    let data = LoadedInputs::embedded().unwrap();
    let track = data.scenario.track_idx("announced").unwrap();
    let dates = Step::Weeks(1).dates(d("2024-09-01"), d("2026-12-31")).unwrap();
    let dates = dates[..100].to_vec();
    let opts = options([1920, 1080]);
    let mut engine = TextEngine::new();
    let frames: Vec<_> = dates
        .iter()
        .map(|&date| {
            let pixmap = render_pixmap(&mut engine, &data, TrackLayout::Single(track), date, &opts).unwrap();
            drawdown::yuv_frame(&pixmap)
        })
        .collect();
    let mut group = c.benchmark_group("video");
    group.sample_size(10).measurement_time(Duration::from_secs(30));
    group.bench_function("encode + mux 100 frames 1920x1080 (H.264, MP4 in memory)", |b| {
        b.iter(|| {
            let mut video = drawdown::VideoWriter::new(Vec::new(), [1920, 1080], 8).unwrap();
            for frame in &frames {
                video.push(frame).unwrap();
            }
            black_box(video.finish().unwrap())
        });
    });
    drop(frames);
    let dir = tempfile::tempdir().unwrap();
    let request = SequenceRequest {
        frames: Frame::on_dates(TrackLayout::Single(track), &dates),
        outputs: vec![SequenceOutput::Mp4(dir.path().join("anim.mp4"))],
        fps: 8,
        force: true,
        opts,
    };
    group.bench_function("100 weekly frames 1920x1080 to MP4 (render + encode + write)", |b| {
        b.iter(|| black_box(export_sequence(&data, &request, &|| {}, &AtomicBool::new(false)).unwrap()));
    });
    let layout = TrackLayout::Single(track);
    let range = data.scenario.range;
    let milestones = drawdown::milestone_dates(&data.scenario, layout, range.start, range.end).unwrap();
    let deck = SequenceRequest {
        frames: Frame::on_dates(layout, &milestones),
        outputs: vec![SequenceOutput::Pptx(dir.path().join("deck.pptx"))],
        ..request.clone()
    };
    group.bench_function("PPTX of every milestone 1920x1080", |b| {
        b.iter(|| black_box(export_sequence(&data, &deck, &|| {}, &AtomicBool::new(false)).unwrap()));
    });
    group.finish();
}

criterion_group!(benches, frames, sequence, video_and_deck);
criterion_main!(benches);
