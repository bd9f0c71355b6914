//! Property tests of the loaders on mutations of the shipped assets (byte
//! flips, truncations, deletions, duplicated lines, numbers replaced with
//! extremes, dates shifted): never a panic; every result is `Ok` or errors
//! that name the file and a place inside it.
//!
//! The case count is kept small so that the test command stays fast; for a
//! long run set `PROPTEST_CASES` (e.g. `PROPTEST_CASES=100000 cargo test
//! --release --features testing --test proptest_loaders`). The libFuzzer targets in `fuzz/` do the same
//! with coverage guidance.

// Helpers outside #[test] functions panic on purpose: a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

// They name what the crate re-exports for tests alone (src/lib.rs).
#[cfg(not(feature = "testing"))]
compile_error!("the tests need the `testing` feature: run `cargo test --features testing`");

use drawdown::{
    Callout, DEFAULT_REGIONS_GEOJSON, DEFAULT_SCENARIO_TOML, FeatureKind, GeoBox, InputErrors, LayerSet, Location,
    MapGeometry, Projection, default_scenario, draft_story, load_story, parse_features, parse_scenario, story_to_toml,
};
use proptest::prelude::*;

/// One edit of a text. Positions are fractions of the length (or of the
/// count of matches), so that one strategy fits any input.
#[derive(Clone, Debug)]
enum Mutation {
    FlipByte {
        at: f64,
        mask: u8,
    },
    Truncate {
        at: f64,
    },
    Delete {
        at: f64,
        len: usize,
    },
    DuplicateLine {
        at: f64,
        times: usize,
    },
    ExtremeNumber {
        which: f64,
        value: &'static str,
    },
    ShiftDate {
        which: f64,
        days: i64,
        raw: Option<&'static str>,
    },
}

const EXTREMES: &[&str] = &[
    "0",
    "-0",
    "-1",
    "1e308",
    "-1e308",
    "1e999",
    "-1e999",
    "5e-324",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "Infinity",
    "180.0000001",
    "-90.0000001",
    "2147483648",
    "4294967296",
    "18446744073709551616",
    "99999999999999999999999999999",
    "0x7fffffff",
    "1_000",
    "",
    "\"1\"",
    "[]",
    "{}",
    "null",
    "true",
];

const RAW_DATES: &[&str] = &[
    "2025-02-30",
    "2025-02-29",
    "2024-02-29",
    "0000-01-01",
    "9999-12-31",
    "2025-13-01",
    "2025-00-10",
    "2025-1-1",
    "2025-01-01T00:00:00",
    "2025-01-01T00:00:00Z",
    "10:00:00",
    "\"2025-01-01\"",
    "\"2025-02-30\"",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0.0..1.0, any::<u8>()).prop_map(|(at, mask)| Mutation::FlipByte { at, mask: mask | 1 }),
        (0.0..1.0).prop_map(|at| Mutation::Truncate { at }),
        (0.0..1.0, 1usize..200).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (0.0..1.0, 1usize..4).prop_map(|(at, times)| Mutation::DuplicateLine { at, times }),
        (0.0..1.0, proptest::sample::select(EXTREMES))
            .prop_map(|(which, value)| Mutation::ExtremeNumber { which, value }),
        (
            0.0..1.0,
            -20_000i64..20_000,
            proptest::option::weighted(0.3, proptest::sample::select(RAW_DATES))
        )
            .prop_map(|(which, days, raw)| Mutation::ShiftDate { which, days, raw }),
    ]
}

#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss,
    reason = "a fraction of a length"
)]
fn index(fraction: f64, len: usize) -> usize {
    ((fraction * len as f64) as usize).min(len.saturating_sub(1))
}

/// Byte ranges of numbers (digits with an optional sign, fraction and
/// exponent) that do not sit inside a word.
fn number_spans(text: &[u8]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let starts = text[i].is_ascii_digit() || (text[i] == b'-' && text.get(i + 1).is_some_and(u8::is_ascii_digit));
        let in_word = i > 0 && (text[i - 1].is_ascii_alphanumeric() || text[i - 1] == b'_' || text[i - 1] == b'-');
        if starts && !in_word {
            let start = i;
            i += 1;
            while i < text.len() && (text[i].is_ascii_digit() || matches!(text[i], b'.' | b'e' | b'E' | b'+' | b'-')) {
                i += 1;
            }
            spans.push((start, i));
        } else {
            i += 1;
        }
    }
    spans
}

/// Byte ranges of `YYYY-MM-DD`.
fn date_spans(text: &[u8]) -> Vec<(usize, usize)> {
    text.windows(10)
        .enumerate()
        .filter(|(_, w)| {
            w.iter().enumerate().all(|(k, b)| match k {
                4 | 7 => *b == b'-',
                _ => b.is_ascii_digit(),
            })
        })
        .map(|(i, _)| (i, i + 10))
        .collect()
}

fn splice(text: &[u8], (start, end): (usize, usize), with: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + with.len());
    out.extend_from_slice(&text[..start]);
    out.extend_from_slice(with);
    out.extend_from_slice(&text[end..]);
    out
}

fn apply(text: &[u8], mutation: &Mutation) -> Vec<u8> {
    if text.is_empty() {
        return Vec::new();
    }
    match *mutation {
        Mutation::FlipByte { at, mask } => {
            let mut out = text.to_vec();
            out[index(at, text.len())] ^= mask;
            out
        }
        Mutation::Truncate { at } => text[..index(at, text.len())].to_vec(),
        Mutation::Delete { at, len } => {
            let start = index(at, text.len());
            splice(text, (start, (start + len).min(text.len())), b"")
        }
        Mutation::DuplicateLine { at, times } => {
            let start = index(at, text.len());
            let line_start = text[..start].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let line_end = text[start..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(text.len(), |i| start + i + 1);
            let line = &text[line_start..line_end];
            splice(text, (line_start, line_start), &line.repeat(times))
        }
        Mutation::ExtremeNumber { which, value } => {
            let spans = number_spans(text);
            if spans.is_empty() {
                return text.to_vec();
            }
            splice(text, spans[index(which, spans.len())], value.as_bytes())
        }
        Mutation::ShiftDate { which, days, raw } => {
            let spans = date_spans(text);
            if spans.is_empty() {
                return text.to_vec();
            }
            let span = spans[index(which, spans.len())];
            let replacement = raw.map_or_else(
                || {
                    let old = std::str::from_utf8(&text[span.0..span.1]).unwrap_or("2025-01-01");
                    chrono::NaiveDate::parse_from_str(old, "%Y-%m-%d")
                        .ok()
                        .and_then(|d| d.checked_add_signed(chrono::TimeDelta::days(days)))
                        .map_or_else(|| "2025-02-30".to_owned(), |d| d.format("%Y-%m-%d").to_string())
                },
                str::to_owned,
            );
            splice(text, span, replacement.as_bytes())
        }
    }
}

fn mutate(original: &str, mutations: &[Mutation]) -> String {
    let mut bytes = original.as_bytes().to_vec();
    for m in mutations {
        bytes = apply(&bytes, m);
    }
    // Files reach the parsers as UTF-8 only (read_text_file refuses the
    // rest, tested in bad_inputs.rs); keep what a flip broke readable.
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Every error names `file`, and a line:column inside `text` or a feature
/// index below `features` (when known).
fn assert_located(errors: &InputErrors, file: &str, text: &str, features: Option<usize>) {
    assert!(!errors.0.is_empty(), "an Err without errors");
    let lines = text.lines().count() + 1;
    for error in &errors.0 {
        assert_eq!(error.file, file, "{error}");
        assert!(!error.message.trim().is_empty(), "{error}");
        match error.location {
            Some(Location::LineColumn { line, column }) => {
                assert!(
                    line >= 1 && line <= lines && column >= 1,
                    "{error} (text has {lines} lines)"
                );
            }
            Some(Location::Feature { index }) => {
                if let Some(count) = features {
                    assert!(index < count, "{error} (only {count} features)");
                }
            }
            None => {}
        }
        assert!(error.to_string().starts_with(file), "{error}");
    }
}

fn cases(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        // Shrinking a 170 kB GeoJSON is slow and the failing input is
        // printed anyway.
        max_shrink_iters: 64,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn the_scenario_loader_never_panics(mutations in proptest::collection::vec(mutation(), 1..4)) {
        let text = mutate(DEFAULT_SCENARIO_TOML, &mutations);
        if let Err(errors) = parse_scenario(&text, "mutated.toml") {
            assert_located(&errors, "mutated.toml", &text, None);
        }
    }
}

proptest! {
    #![proptest_config(cases(96))]

    #[test]
    fn the_regions_loader_and_geometry_never_panic(mutations in proptest::collection::vec(mutation(), 1..4)) {
        let text = mutate(DEFAULT_REGIONS_GEOJSON, &mutations);
        match parse_features(&text, "mutated.geojson", FeatureKind::Region) {
            Err(errors) => assert_located(&errors, "mutated.geojson", &text, None),
            Ok(features) => {
                let scenario = default_scenario().unwrap();
                let count = features.iter().map(|f| f.index + 1).max().unwrap_or(0);
                if let Err(errors) =
                    MapGeometry::build(&scenario, &features, "mutated.geojson", &[], "context", Projection::drawdown())
                {
                    assert_located(&errors, "mutated.geojson", &text, Some(count));
                }
            }
        }
    }
}

#[test]
fn the_mutations_hit_numbers_and_dates_in_the_assets() {
    // Guards the strategies above: they would test little if the helpers
    // found nothing to edit.
    assert!(number_spans(DEFAULT_REGIONS_GEOJSON.as_bytes()).len() > 10_000);
    assert!(date_spans(DEFAULT_SCENARIO_TOML.as_bytes()).len() > 50);
    let shifted = apply(
        b"from = 2025-02-28\n",
        &Mutation::ShiftDate {
            which: 0.0,
            days: 1,
            raw: None,
        },
    );
    assert_eq!(shifted, b"from = 2025-03-01\n");
    let extreme = apply(
        b"[44.5, 37]",
        &Mutation::ExtremeNumber {
            which: 0.99,
            value: "1e999",
        },
    );
    assert_eq!(extreme, b"[44.5, 1e999]");
}

/// A drafted brief of the shipped scenario with every key of a stop used.
fn story_text() -> String {
    let scenario = default_scenario().unwrap();
    let today = "2026-12-07".parse().unwrap();
    let mut story = draft_story(&scenario, today, None, None);
    story.classification = Some(drawdown::Classification::new("SECRET//NOFORN"));
    story.logo = Some("logo.png".into());
    for stop in story.stops.iter_mut().step_by(3) {
        stop.hold_secs = 6.5;
        stop.view = Some(GeoBox {
            west: 38.0,
            south: 32.0,
            east: 44.5,
            north: 37.5,
        });
        stop.hide = LayerSet::all();
        stop.callouts.push(Callout {
            text: "Reinforced again 11 Mar".to_owned(),
            lonlat: [40.5, 36.67],
        });
    }
    story_to_toml(&story)
}

proptest! {
    #![proptest_config(cases(128))]

    #[test]
    fn the_story_loader_never_panics_and_what_loads_resolves_and_saves(
        mutations in proptest::collection::vec(mutation(), 1..4)
    ) {
        let text = mutate(&story_text(), &mutations);
        match load_story(std::path::Path::new("mutated.toml"), &text) {
            Err(errors) => assert_located(&errors, "mutated.toml", &text, None),
            Ok(story) => {
                let scenario = default_scenario().unwrap();
                let _ = story.resolve(&scenario, "2026-12-07".parse().unwrap());
                let saved = story_to_toml(&story);
                let back = load_story(std::path::Path::new("mutated.toml"), &saved);
                assert!(back.is_ok(), "what loaded saves to a file that loads:\n{saved}");
            }
        }
    }
}
