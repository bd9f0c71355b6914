//! Soak: 20,000 seeded random actions through the whole UI — presenter
//! keys, drags, scrolls and zooms on the map and the timeline, track and
//! mode switches, resizes from 1×1 to 8K — must never panic, and must leave
//! the state valid; at a fixed size, memory must level off.
//! `benches/soak.sh` runs a long release soak and prints the memory. Set
//! `SOAK_ACTIONS` to run more or fewer.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "test")]
#![expect(
    clippy::cast_possible_truncation,
    clippy::cast_precision_loss,
    reason = "random picks below small bounds"
)]

// They name what the crate re-exports for tests alone (src/lib.rs).
#[cfg(not(feature = "testing"))]
compile_error!("the tests need the `testing` feature: run `cargo test --features testing`");

use drawdown::{DrawdownApp, LoadedInputs, StartOptions};
use egui::{Key, Modifiers, Vec2, pos2, vec2};
use egui_kittest::Harness;

/// xorshift64*: a seeded sequence, so a failure replays exactly.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn f32(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }
}

/// Keys a presenter may press (not Ctrl+E: its dialog's buttons would open
/// native file dialogs, which need a desktop).
const KEYS: &[(Modifiers, Key)] = &[
    (Modifiers::NONE, Key::ArrowLeft),
    (Modifiers::NONE, Key::ArrowRight),
    (Modifiers::SHIFT, Key::ArrowRight),
    (Modifiers::COMMAND, Key::ArrowLeft),
    (Modifiers::NONE, Key::PageDown),
    (Modifiers::NONE, Key::PageUp),
    (Modifiers::NONE, Key::Home),
    (Modifiers::NONE, Key::End),
    (Modifiers::NONE, Key::Space),
    (Modifiers::SHIFT, Key::Space),
    (Modifiers::NONE, Key::T),
    (Modifiers::NONE, Key::C),
    (Modifiers::NONE, Key::F5),
    (Modifiers::NONE, Key::B),
    (Modifiers::NONE, Key::G),
    (Modifiers::NONE, Key::Questionmark),
    (Modifiers::NONE, Key::L),
    (Modifiers::NONE, Key::Num0),
    (Modifiers::NONE, Key::Escape),
    (Modifiers::NONE, Key::Enter),
];

const SIZES: &[Vec2] = &[
    vec2(1.0, 1.0),
    vec2(7680.0, 4320.0),
    vec2(640.0, 420.0),
    vec2(1920.0, 1080.0),
    vec2(300.0, 900.0),
    vec2(1500.0, 950.0),
];

/// Queues one random action.
fn act(harness: &mut Harness<'_, DrawdownApp>, rng: &mut Rng, size: &mut Vec2, resize: bool) {
    let at = |rng: &mut Rng, size: Vec2| pos2(rng.f32() * size.x, rng.f32() * size.y);
    match rng.below(10) {
        0..=3 => {
            let (modifiers, key) = KEYS[rng.below(KEYS.len() as u64) as usize];
            harness.key_press_modifiers(modifiers, key);
        }
        4 => {
            // Drag somewhere in the lower two thirds (map, chart, slider),
            // clear of the top bar's menus.
            let from = pos2(rng.f32() * size.x, size.y * (0.35 + 0.6 * rng.f32()));
            let to = from + vec2(rng.f32() * 400.0 - 200.0, rng.f32() * 200.0 - 100.0);
            harness.drag_at(from);
            harness.hover_at(to);
            harness.drop_at(to);
        }
        5 => {
            harness.hover_at(at(rng, *size));
            harness.event(egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: vec2(0.0, rng.f32() * 600.0 - 300.0),
                phase: egui::TouchPhase::Move,
                modifiers: Modifiers::NONE,
                source: egui::MouseWheelSource::Wheel,
            });
        }
        6 => {
            harness.hover_at(at(rng, *size));
            harness.event(egui::Event::Zoom(0.5 + rng.f32() * 1.5));
        }
        7 => harness.hover_at(at(rng, *size)),
        // Without resizes the window keeps one size: that separates leaks
        // from the glyphs egui's font atlas keeps for every text size.
        8 if resize => {
            *size = SIZES[rng.below(SIZES.len() as u64) as usize];
            harness.set_size(*size);
        }
        8 => harness.hover_at(at(rng, *size)),
        _ => harness.event(egui::Event::Text(char::from(b'0' + rng.below(10) as u8).to_string())),
    }
}

/// Runs `actions` random actions from `seed`; checks the state after every
/// frame; returns the resident memory (MiB) at each eighth of the run.
pub fn soak(actions: usize, seed: u64, resize: bool) -> Vec<f64> {
    let app = DrawdownApp::new(LoadedInputs::embedded().unwrap(), StartOptions::default());
    let mut size = vec2(1500.0, 950.0);
    let mut harness = Harness::builder()
        .with_size(size)
        .with_accessibility_check(false)
        .build_ui_state(|ui, app: &mut DrawdownApp| app.show(ui), app);
    let mut rng = Rng(seed);
    let mut rss_mib = Vec::new();
    for i in 0..actions {
        act(&mut harness, &mut rng, &mut size, resize);
        // A frame every few actions: events queue up as they would on a
        // busy machine, and 20,000 actions stay quick.
        if i % 4 == 3 {
            harness.step();
            let app = harness.state();
            let range = app.data().scenario.range;
            assert!(
                range.contains(app.date()),
                "action {i}: date {} left the range",
                app.date()
            );
            assert!(app.track().0 < app.data().scenario.tracks.len(), "action {i}");
            let view = app.view();
            assert!(view.zoom.is_finite() && view.zoom > 0.0, "action {i}: {view:?}");
        }
        if (i + 1) % (actions / 8).max(1) == 0
            && let Some(rss) = resident_mib()
        {
            eprintln!("soak: {:>6} actions, resident {rss:.1} MiB", i + 1);
            rss_mib.push(rss);
        }
    }
    harness.step();
    rss_mib
}

/// This process's resident memory (Linux), MiB.
fn resident_mib() -> Option<f64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: f64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096.0 / (1024.0 * 1024.0))
}

/// One test, so that no other test shares the process's memory:
///
/// 1. At one window size memory must level off after warm-up: a leak per
///    frame or per action would keep it climbing. (With resizes it rises in
///    steps as egui's font atlas keeps glyphs for each new text size, up to
///    the atlas's own limit, so that run is not measured.)
/// 2. 20,000 actions with resizes from 1×1 to 8K never panic.
#[test]
fn random_actions_never_panic_and_memory_levels_off() {
    let actions = |default: usize| {
        std::env::var("SOAK_ACTIONS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(default)
    };
    let rss = soak(actions(10_000), 0x0dd_ba11_cafe_f00d, false);
    if let (Some(&warm), Some(&last)) = (rss.get(2), rss.last()) {
        eprintln!("soak: fixed size: resident after warm-up {warm:.1} MiB, at the end {last:.1} MiB");
        assert!(
            last <= warm + 24.0,
            "memory grew from {warm:.1} to {last:.1} MiB: {rss:?}"
        );
    }
    soak(actions(20_000), 0x5eed_d0d0_1234_5678, true);
}
