//! The scenario loader on arbitrary bytes: Ok or located errors, never a
//! panic, never an unbounded allocation.
#![no_main]

use drawdown::parse_scenario;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Files reach the parser only as UTF-8 (read_text_file refuses the rest).
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Err(errors) = parse_scenario(text, "fuzz.toml") {
        assert!(!errors.0.is_empty(), "an Err with no error");
        for error in &errors.0 {
            assert!(error.to_string().starts_with("fuzz.toml"), "{error}");
        }
    }
});
