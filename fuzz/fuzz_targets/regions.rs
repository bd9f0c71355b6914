//! The GeoJSON loader and the geometry build on arbitrary bytes: Ok or
//! located errors, never a panic (earcut included), never an unbounded
//! allocation.
#![no_main]

use drawdown::{FeatureKind, MapGeometry, Projection, default_scenario, parse_features};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let features = match parse_features(text, "fuzz.geojson", FeatureKind::Region) {
        Ok(features) => features,
        Err(errors) => {
            assert!(!errors.0.is_empty(), "an Err with no error");
            for error in &errors.0 {
                assert!(error.to_string().starts_with("fuzz.geojson"), "{error}");
            }
            return;
        }
    };
    let Ok(scenario) = default_scenario() else { return };
    if let Err(errors) = MapGeometry::build(
        &scenario,
        &features,
        "fuzz.geojson",
        &[],
        "context",
        Projection::drawdown(),
    ) {
        assert!(!errors.0.is_empty(), "an Err with no error");
    }
});
