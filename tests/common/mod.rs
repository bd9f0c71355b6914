//! What the UI test files share: dates from text, and the app in a headless
//! window at a date and track.

#![allow(dead_code, reason = "each test file uses a part")]

use drawdown::app::{DrawdownApp, StartOptions};
use drawdown::data::MapData;
use drawdown::model::{Date, TrackIdx};
use egui_kittest::Harness;

pub fn date(s: &str) -> Date {
    s.parse().unwrap()
}

/// The app on the embedded data at `start` on track `track`.
pub fn app_at(start: &str, track: usize) -> DrawdownApp {
    DrawdownApp::new(
        MapData::embedded().unwrap(),
        StartOptions {
            date: Some(date(start)),
            track: Some(TrackIdx(track)),
        },
    )
}

/// `app` in a 1500×950 headless window, after its first frames.
pub fn harness_with(app: DrawdownApp) -> Harness<'static, DrawdownApp> {
    let mut harness = Harness::builder()
        .with_size([1500.0, 950.0])
        // A status change pulses for 1.6 s before the UI settles.
        .with_max_steps(240)
        .build_ui_state(|ui, app: &mut DrawdownApp| app.show(ui), app);
    harness.run_steps(2);
    harness
}

pub fn harness(start: &str, track: usize) -> Harness<'static, DrawdownApp> {
    harness_with(app_at(start, track))
}
