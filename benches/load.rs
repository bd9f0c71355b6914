//! Load + validate + project + triangulate the embedded assets
//! (`LoadedInputs::embedded()`), and each stage alone. `cargo bench --bench load`.
//! With `DRAWDOWN_BIG_REGIONS=big.geojson` it loads that regions file instead.

#![expect(
    clippy::unwrap_used,
    reason = "a bench whose input does not load has nothing to measure: stopping at once is right"
)]

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use drawdown::{
    DEFAULT_CONTEXT_GEOJSON, DEFAULT_CONTEXT_NAME, DEFAULT_REGIONS_GEOJSON, DEFAULT_REGIONS_NAME,
    DEFAULT_SCENARIO_NAME, DEFAULT_SCENARIO_TOML, FeatureKind, LoadedInputs, MapGeometry, Projection, Sources,
    parse_features, parse_scenario,
};

fn load(c: &mut Criterion) {
    let regions_path = std::env::var_os("DRAWDOWN_BIG_REGIONS").map(PathBuf::from);
    let regions_text = regions_path.as_ref().map_or_else(
        || DEFAULT_REGIONS_GEOJSON.to_owned(),
        |p| std::fs::read_to_string(p).unwrap(),
    );
    let sources = Sources {
        scenario: None,
        regions: regions_path,
    };
    let mut group = c.benchmark_group("load");
    group.sample_size(20).measurement_time(Duration::from_secs(10));
    group.bench_function("LoadedInputs::load (parse + validate + project + triangulate)", |b| {
        b.iter(|| black_box(LoadedInputs::load(&sources).unwrap()));
    });
    group.bench_function("parse + validate scenario TOML", |b| {
        b.iter(|| black_box(parse_scenario(DEFAULT_SCENARIO_TOML, DEFAULT_SCENARIO_NAME).unwrap()));
    });
    group.bench_function("parse + validate regions and context GeoJSON", |b| {
        b.iter(|| {
            black_box(parse_features(&regions_text, DEFAULT_REGIONS_NAME, FeatureKind::Region).unwrap());
            black_box(parse_features(DEFAULT_CONTEXT_GEOJSON, DEFAULT_CONTEXT_NAME, FeatureKind::Context).unwrap());
        });
    });
    let scenario = parse_scenario(DEFAULT_SCENARIO_TOML, DEFAULT_SCENARIO_NAME).unwrap();
    let regions = parse_features(&regions_text, DEFAULT_REGIONS_NAME, FeatureKind::Region).unwrap();
    let context = parse_features(DEFAULT_CONTEXT_GEOJSON, DEFAULT_CONTEXT_NAME, FeatureKind::Context).unwrap();
    group.bench_function("project + triangulate + dissolve (MapGeometry::build)", |b| {
        b.iter(|| {
            black_box(
                MapGeometry::build(
                    &scenario,
                    &regions,
                    DEFAULT_REGIONS_NAME,
                    &context,
                    DEFAULT_CONTEXT_NAME,
                    Projection::drawdown(),
                )
                .unwrap(),
            )
        });
    });
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
