//! The integration tests, one binary (each test binary links egui, so one
//! link instead of one per area): a module per area, helpers in
//! [`support`]. The soak and the loader property tests stand alone.

// Helpers outside #[test] functions panic on purpose: a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
// The tests build the messages they expect from the temporary paths they
// made (plain ASCII, where Path::display and the app's escaped form agree);
// the app itself prints paths through printable::shown_path.
#![expect(
    clippy::disallowed_methods,
    reason = "expected messages name the tests' own plain paths"
)]
// Pixel positions, day counts and indices in tests are small and positive.
#![expect(
    clippy::cast_possible_truncation,
    clippy::cast_precision_loss,
    clippy::cast_sign_loss,
    reason = "test values are small and positive"
)]

// The tests name what the crate re-exports for them alone (src/lib.rs,
// the `testing` feature). Without it the modules are left out, so that
// `cargo test` prints this one error, not one per missing name.
#[cfg(not(feature = "testing"))]
compile_error!("the integration tests need the `testing` feature: run `cargo test --features testing`");

/// Each item only with the `testing` feature.
macro_rules! with_testing {
    ($($item:item)*) => { $(#[cfg(feature = "testing")] $item)* };
}

with_testing! {
    mod support;

    mod architecture;
    mod bad_inputs;
    mod bases_map;
    mod briefing;
    mod captions;
    mod cli;
    mod docs_match;
    mod deck_export;
    mod export;
    mod export_gui;
    mod export_writes;
    mod geometry;
    mod geometry_edge_cases;
    mod hostile_text;
    mod labels;
    mod layers;
    mod legible;
    mod layout;
    mod perf_cache;
    mod record;
    mod record_gui;
    mod scenario_boundaries;
    mod scenario_records;
    mod scenario_validation;
    mod status_runs;
    mod story;
    mod story_edit;
    mod story_export;
    mod story_ui;
    mod timeline_chart;
    mod tracks;
    mod troops;
    mod ui;
    mod vector_export;
}
