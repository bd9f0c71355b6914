//! The bad-input corpus (`tests/data/bad/`, listed with the message each
//! must give in `tests/data/bad/expected.toml`) through the real binary
//! and through `LoadedInputs::load`, which the GUI's error banner shows: exit
//! code 2, one message per error, starting `drawdown: error: `, naming the
//! file and the line:column or feature, saying what was expected — and
//! never a panic or a backtrace.
//!
//! The inputs that cannot be committed (a file over the size limit, a
//! directory, a missing file, a file without read permission) are made
//! here in a temporary directory.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use drawdown::{LoadedInputs, MAX_INPUT_BYTES, Sources};

const CORPUS: &str = "tests/data/bad";

/// One row of `expected.toml`.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    file: String,
    flag: String,
    /// "line:col", "feature N" or "" (the whole file).
    location: String,
    contains: String,
    /// How many errors the file has (one message line each); 1 unless said.
    #[serde(default = "one")]
    errors: usize,
}

fn one() -> usize {
    1
}

#[derive(serde::Deserialize)]
struct Manifest {
    case: Vec<Case>,
}

fn manifest() -> Vec<Case> {
    let text = std::fs::read_to_string(Path::new(CORPUS).join("expected.toml")).unwrap();
    toml::from_str::<Manifest>(&text).unwrap().case
}

/// Runs the binary from the crate root (so that paths in messages are the
/// relative ones given), with backtraces on: a panic could not hide.
use crate::support::drawdown;

/// What the first line must start with after `drawdown: error: `.
fn expected_prefix(path: &str, location: &str) -> String {
    if location.is_empty() {
        format!("{path}: ")
    } else if let Some(index) = location.strip_prefix("feature ") {
        format!("{path}: feature {index}: ")
    } else {
        format!("{path}:{location}: ")
    }
}

/// Checks one error report: the messages alone, as `LoadedInputs::load` gives
/// them (no `drawdown: error: ` prefix). The first names `location` and
/// contains `contains`; every further one (`count` in all) names the file.
fn check_message(message: &str, path: &str, location: &str, contains: &str, count: usize) -> Result<(), String> {
    let lines: Vec<&str> = message.lines().collect();
    let prefix = expected_prefix(path, location);
    if lines.len() != count {
        return Err(format!("expected {count} message(s), got {}:\n{message}", lines.len()));
    }
    if !message.starts_with(&prefix) {
        return Err(format!("expected the message to start with {prefix:?}:\n{message}"));
    }
    if !lines.first().is_some_and(|first| first.contains(contains)) {
        return Err(format!(
            "expected the first message to contain {contains:?}:\n{message}"
        ));
    }
    if let Some(other) = lines.iter().find(|line| !line.starts_with(&format!("{path}:"))) {
        return Err(format!("a further message does not name the file: {other}"));
    }
    Ok(())
}

/// Checks a run of the binary that must fail on bad input.
fn check_run(output: &Output, path: &str, location: &str, contains: &str, count: usize) -> Result<String, String> {
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    for bad in ["panicked", "RUST_BACKTRACE", "stack backtrace", "note: run with"] {
        if stderr.contains(bad) {
            return Err(format!("stderr contains {bad:?}:\n{stderr}"));
        }
    }
    if output.status.code() != Some(2) {
        return Err(format!(
            "exit code {:?}, expected 2; stderr:\n{stderr}",
            output.status.code()
        ));
    }
    if !output.stdout.is_empty() {
        return Err(format!("stdout not empty: {}", String::from_utf8_lossy(&output.stdout)));
    }
    let Some(message) = stderr.strip_prefix("drawdown: error: ") else {
        return Err(format!("stderr does not start with \"drawdown: error: \":\n{stderr}"));
    };
    let message = message.trim_end_matches('\n');
    check_message(message, path, location, contains, count)?;
    Ok(message.to_owned())
}

fn sources(flag: &str, path: &Path) -> Sources {
    match flag {
        "--scenario" => Sources {
            scenario: Some(path.to_owned()),
            regions: None,
        },
        "--regions" => Sources {
            scenario: None,
            regions: Some(path.to_owned()),
        },
        other => panic!("unknown flag {other}"),
    }
}

/// Collects failures so that one run lists every broken case.
fn report(failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} failure(s):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn the_corpus_has_every_case_in_its_manifest() {
    let cases = manifest();
    let mut files: Vec<String> = std::fs::read_dir(CORPUS)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name != "expected.toml")
        .collect();
    files.sort();
    let mut listed: Vec<String> = cases.iter().map(|c| c.file.clone()).collect();
    listed.sort();
    assert_eq!(files, listed, "files in {CORPUS} vs cases in expected.toml");
    assert!(files.len() >= 32, "only {} files", files.len());
    for case in &cases {
        assert!(matches!(case.flag.as_str(), "--scenario" | "--regions"), "{case:?}");
        assert!(!case.contains.is_empty(), "{case:?}");
    }
}

#[test]
fn the_base_files_the_cases_edit_are_valid() {
    let (scenario, regions) = ("tests/data/bad/base/valid.toml", "tests/data/bad/base/valid.geojson");
    let check = drawdown(&["check", "--scenario", scenario, "--regions", regions]);
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    let status = drawdown(&[
        "status",
        "--date",
        "2025-10-01",
        "--scenario",
        scenario,
        "--regions",
        regions,
    ]);
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    LoadedInputs::load(&Sources {
        scenario: Some(scenario.into()),
        regions: Some(regions.into()),
    })
    .unwrap();
}

#[test]
fn check_reports_each_bad_file_once_with_its_location() {
    let mut failures = Vec::new();
    for case in manifest() {
        let path = format!("{CORPUS}/{}", case.file);
        let output = drawdown(&["check", &case.flag, &path]);
        if let Err(e) = check_run(&output, &path, &case.location, &case.contains, case.errors) {
            failures.push(format!("check {} {path}: {e}", case.flag));
        }
    }
    report(&failures);
}

#[test]
fn status_reports_each_bad_input_once_with_its_location() {
    let mut failures = Vec::new();
    for case in manifest() {
        let path = format!("{CORPUS}/{}", case.file);
        let output = drawdown(&["status", "--date", "2025-10-01", &case.flag, &path]);
        if let Err(e) = check_run(&output, &path, &case.location, &case.contains, case.errors) {
            failures.push(format!("status {} {path}: {e}", case.flag));
        }
    }
    report(&failures);
}

#[test]
fn export_reports_each_bad_input_once_and_writes_nothing() {
    let out_dir = temp_dir();
    let out = out_dir.path().join("map.png");
    let out_text = out.display().to_string();
    let mut failures = Vec::new();
    for case in manifest() {
        let path = format!("{CORPUS}/{}", case.file);
        let output = drawdown(&["export", "--date", "2025-10-01", "--out", &out_text, &case.flag, &path]);
        if let Err(e) = check_run(&output, &path, &case.location, &case.contains, case.errors) {
            failures.push(format!("export {} {path}: {e}", case.flag));
        }
    }
    let left: Vec<_> = std::fs::read_dir(out_dir.path()).unwrap().collect();
    if !left.is_empty() {
        failures.push(format!("export left {} file(s) behind", left.len()));
    }
    report(&failures);
}

#[test]
fn map_data_load_gives_the_gui_the_same_message() {
    let mut failures = Vec::new();
    for case in manifest() {
        let path = format!("{CORPUS}/{}", case.file);
        match LoadedInputs::load(&sources(&case.flag, Path::new(&path))) {
            Ok(_) => failures.push(format!("LoadedInputs::load {path}: Ok, expected an error")),
            Err(errors) => {
                if let Err(e) = check_message(&errors.to_string(), &path, &case.location, &case.contains, case.errors) {
                    failures.push(format!("LoadedInputs::load {path}: {e}"));
                }
            }
        }
    }
    report(&failures);
}

/// Runs every command on a made-up path under both flags and through
/// `LoadedInputs::load`; each must refuse with `contains`.
fn refuse_everywhere(path: &Path, contains: &str) {
    let path_text = path.display().to_string();
    let mut failures = Vec::new();
    for flag in ["--scenario", "--regions"] {
        let out = std::env::temp_dir().join(format!("drawdown-refused-{}.png", std::process::id()));
        let out_text = out.display().to_string();
        let runs = vec![
            ("check", drawdown(&["check", flag, &path_text])),
            (
                "status",
                drawdown(&["status", "--date", "2025-10-01", flag, &path_text]),
            ),
            (
                "export",
                drawdown(&["export", "--date", "2025-10-01", "--out", &out_text, flag, &path_text]),
            ),
        ];
        if out.exists() {
            failures.push(format!("export {flag}: wrote {out_text} from a refused input"));
        }
        for (command, output) in runs {
            if let Err(e) = check_run(&output, &path_text, "", contains, 1) {
                failures.push(format!("{command} {flag}: {e}"));
            }
        }
        match LoadedInputs::load(&sources(flag, path)) {
            Ok(_) => failures.push(format!("LoadedInputs::load {flag}: Ok")),
            Err(errors) => {
                if let Err(e) = check_message(&errors.to_string(), &path_text, "", contains, 1) {
                    failures.push(format!("LoadedInputs::load {flag}: {e}"));
                }
            }
        }
    }
    report(&failures);
}

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn a_file_over_the_limit_is_refused_without_being_read() {
    let dir = temp_dir();
    for (name, len) in [("just_over.toml", MAX_INPUT_BYTES + 1), ("one_gib.geojson", 1 << 30)] {
        let path = dir.path().join(name);
        // Sparse: no disk space, and reading it whole would take a while
        // and a GiB of memory.
        std::fs::File::create(&path).unwrap().set_len(len).unwrap();
        let started = Instant::now();
        // Under `--scenario` the smaller cap for scenarios refuses it.
        refuse_everywhere(&path, "MiB limit for ");
        // Six runs in all; reading 1 GiB six times would not fit.
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{name}: {:?}",
            started.elapsed()
        );
    }
    let limit_mib = MAX_INPUT_BYTES / (1024 * 1024);
    let message = LoadedInputs::load(&sources("--regions", &dir.path().join("one_gib.geojson")))
        .unwrap_err()
        .to_string();
    assert!(
        message.ends_with(&format!(
            "file is 1024 MiB, larger than the {limit_mib} MiB limit for inputs"
        )),
        "{message}"
    );
}

#[test]
fn a_directory_is_refused() {
    let dir = temp_dir();
    refuse_everywhere(dir.path(), "is a directory, expected a file");
}

#[test]
fn a_missing_file_is_refused() {
    let dir = temp_dir();
    refuse_everywhere(&dir.path().join("no_such_scenario.toml"), "no such file");
}

/// Whether this process can read a file whatever its permissions (root,
/// as CI runs, or CAP_DAC_OVERRIDE): then chmod 000 does not stop a read.
fn reads_despite_permissions(path: &Path) -> bool {
    std::fs::File::open(path).is_ok()
}

#[cfg(unix)]
#[test]
fn a_file_without_read_permission_is_refused() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = temp_dir();
    let path: PathBuf = dir.path().join("unreadable.toml");
    std::fs::copy("tests/data/bad/base/valid.toml", &path).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if reads_despite_permissions(&path) {
        // As root the permission check passes: the file is simply read,
        // and being valid, it loads. Assert that, rather than nothing.
        eprintln!(
            "note: running as root (or with CAP_DAC_OVERRIDE): a chmod 000 file is readable; checking that it loads"
        );
        let output = drawdown(&["check", "--scenario", &path.display().to_string()]);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        LoadedInputs::load(&sources("--scenario", &path)).unwrap();
    } else {
        refuse_everywhere(&path, "permission denied (cannot read the file)");
    }
}

#[cfg(unix)]
#[test]
fn an_endless_device_is_refused_at_once_as_not_a_regular_file() {
    // /dev/zero reports size 0 and never ends: it is refused before it is
    // opened, for what it is.
    let path = Path::new("/dev/zero");
    if !path.exists() {
        eprintln!("note: no /dev/zero here; skipped");
        return;
    }
    let started = Instant::now();
    let message = LoadedInputs::load(&sources("--scenario", path))
        .unwrap_err()
        .to_string();
    assert_eq!(message, "/dev/zero: is a character device, not a regular file");
    assert!(started.elapsed() < Duration::from_secs(20), "{:?}", started.elapsed());
}

/// Runs the binary with `args`; a run that has not answered after a
/// minute (a read blocked on a FIFO) is killed and fails the test rather
/// than hanging it.
#[cfg(unix)]
fn drawdown_answering(args: &[&str]) -> Output {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_drawdown"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            let _ = child.wait();
            panic!("drawdown {args:?} did not answer within a minute");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_at_once_not_waited_on() {
    let dir = temp_dir();
    let fifo = dir.path().join("regions.geojson");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success(), "mkfifo failed");
    let fifo_text = fifo.display().to_string();
    let expected = "is a FIFO (named pipe), not a regular file";
    let mut failures = Vec::new();
    for flag in ["--regions", "--scenario"] {
        for args in [
            vec!["check", flag, &fifo_text],
            vec!["status", "--date", "2025-10-01", flag, &fifo_text],
        ] {
            let output = drawdown_answering(&args);
            if let Err(e) = check_run(&output, &fifo_text, "", expected, 1) {
                failures.push(format!("{args:?}: {e}"));
            }
        }
        match LoadedInputs::load(&sources(flag, &fifo)) {
            Ok(_) => failures.push(format!("LoadedInputs::load {flag}: Ok")),
            Err(errors) => {
                if let Err(e) = check_message(&errors.to_string(), &fifo_text, "", expected, 1) {
                    failures.push(format!("LoadedInputs::load {flag}: {e}"));
                }
            }
        }
    }
    report(&failures);
}

/// A scenario with `n` regions, one track whose periods all name an
/// unknown status, and every region id given twice.
fn huge_scenario(n: usize) -> String {
    let mut text = String::from(
        "title = \"Huge\"\n[range]\nstart = 2024-01-01\nend = 2024-12-31\n\
         [[statuses]]\nid = \"on\"\nlabel = \"On\"\ncolor = \"#000000\"\n",
    );
    for _ in 0..2 {
        for i in 0..n {
            text += &format!("[[regions]]\nid = \"r{i}\"\nname = \"R\"\n");
        }
    }
    text += "[[tracks]]\nid = \"t\"\nname = \"T\"\n";
    for i in 0..n {
        text +=
            &format!("[[tracks.periods]]\nregion = \"r{i}\"\nfrom = 2024-01-01\nstatus = \"off\"\nsource = \"S\"\n");
    }
    text
}

#[test]
fn many_ids_and_errors_stay_linear_in_time_and_output() {
    // Quadratic lookups, duplicate checks or locations would take minutes
    // here; and an "expected one of" listing every id in every message
    // would print gigabytes.
    // The table caps now stop a scenario at 1,000 regions (each id twice
    // here): 40,000 gets that one error, and the lookups are timed at the
    // cap.
    let errors = drawdown::parse_scenario(&huge_scenario(40_000), "huge.toml").unwrap_err();
    assert_eq!(errors.0.len(), 1, "{errors}");
    assert!(
        errors.to_string().contains("[[regions]] entries, more than the 1,000"),
        "{errors}"
    );
    let n = 500;
    let text = huge_scenario(n);
    let started = Instant::now();
    let errors = drawdown::parse_scenario(&text, "huge.toml").unwrap_err();
    let elapsed = started.elapsed();
    assert_eq!(errors.0.len(), 2 * n, "n duplicates and n unknown statuses");
    let output = errors.to_string();
    assert!(output.len() < 250 * 2 * n, "{} bytes of messages", output.len());
    assert!(elapsed < Duration::from_secs(15), "{elapsed:?}");
    let last = errors.0.last().unwrap().to_string();
    assert!(
        last.starts_with(&format!(
            "huge.toml:{}:10: unknown status \"off\"",
            text.lines().count() - 1
        )),
        "{last}"
    );
}

#[test]
fn too_many_track_region_pairs_are_refused_before_allocating_them() {
    use drawdown::MAX_TRACK_REGION_PAIRS;
    // The table caps (1,000 regions, 100 tracks) now refuse such a file
    // first, at the first region past the cap, before any pair exists.
    let regions = 2_000;
    let tracks = MAX_TRACK_REGION_PAIRS / regions + 1;
    let mut text = String::from(
        "title = \"Wide\"\n[range]\nstart = 2024-01-01\nend = 2024-12-31\n\
         [[statuses]]\nid = \"on\"\nlabel = \"On\"\ncolor = \"#000000\"\n",
    );
    for i in 0..regions {
        text += &format!("[[regions]]\nid = \"r{i}\"\nname = \"R\"\n");
    }
    for i in 0..tracks {
        text += &format!("[[tracks]]\nid = \"t{i}\"\nname = \"T\"\n");
    }
    let errors = drawdown::parse_scenario(&text, "wide.toml").unwrap_err();
    assert_eq!(errors.0.len(), 1, "{errors}");
    assert!(
        errors
            .to_string()
            .contains("2,000 [[regions]] entries, more than the 1,000 a scenario may have"),
        "{errors}"
    );
}

#[test]
fn utf16_is_named_with_or_without_a_byte_order_mark() {
    let dir = temp_dir();
    let text = std::fs::read_to_string("tests/data/bad/base/valid.geojson").unwrap();
    let units: Vec<u16> = text.encode_utf16().collect();
    let little: Vec<u8> = units.iter().flat_map(|u| u.to_le_bytes()).collect();
    let big: Vec<u8> = units.iter().flat_map(|u| u.to_be_bytes()).collect();
    for (name, bytes, says) in [
        (
            "le.geojson",
            little.clone(),
            "file is UTF-16 (little-endian), not UTF-8",
        ),
        ("be.toml", big.clone(), "file is UTF-16 (big-endian), not UTF-8"),
        (
            "be_bom.geojson",
            [&[0xFE, 0xFF][..], &big].concat(),
            "file is UTF-16 (big-endian, with a byte-order mark), not UTF-8 text; save it as UTF-8",
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        refuse_everywhere(&path, says);
    }
}

#[test]
fn a_utf8_byte_order_mark_is_accepted_as_the_toml_loader_does() {
    let dir = temp_dir();
    let bom = |from: &str, name: &str| {
        let path = dir.path().join(name);
        let text = std::fs::read_to_string(from).unwrap();
        std::fs::write(&path, format!("\u{feff}{text}")).unwrap();
        path.display().to_string()
    };
    let regions = bom("tests/data/bad/base/valid.geojson", "bom.geojson");
    let scenario = bom("tests/data/bad/base/valid.toml", "bom.toml");
    let check = drawdown(&["check", "--scenario", &scenario, "--regions", &regions]);
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    assert!(
        String::from_utf8_lossy(&check.stdout).contains(": 3 features"),
        "{check:?}"
    );
    // A JSON error after the mark is still at the column an editor shows.
    std::fs::write(dir.path().join("bad.geojson"), "\u{feff}{\"type\": x}").unwrap();
    let message = LoadedInputs::load(&sources("--regions", &dir.path().join("bad.geojson")))
        .unwrap_err()
        .to_string();
    assert!(message.contains("bad.geojson:1:10: not valid JSON"), "{message}");
}

#[test]
fn a_scenario_region_without_features_is_a_warning_not_an_error() {
    let dir = temp_dir();
    // The base file without its one kurdistan feature.
    let text = std::fs::read_to_string("tests/data/bad/base/valid.geojson").unwrap();
    let kept: Vec<&str> = text.lines().filter(|l| !l.contains("\"kurdistan\"")).collect();
    let path = dir.path().join("no_kurdistan.geojson");
    std::fs::write(&path, kept.join("\n")).unwrap();
    let path_text = path.display().to_string();
    let check = drawdown(&[
        "check",
        "--scenario",
        "tests/data/bad/base/valid.toml",
        "--regions",
        &path_text,
    ]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(check.status.success(), "{stderr}");
    assert_eq!(
        stderr.trim_end(),
        format!(
            "drawdown: warning: {path_text}: no feature has region \"kurdistan\", so that region of the scenario \
             is not drawn on the map"
        )
    );
    let loaded = LoadedInputs::load(&Sources {
        scenario: Some("tests/data/bad/base/valid.toml".into()),
        regions: Some(path),
    })
    .unwrap();
    assert_eq!(loaded.warnings.len(), 1);
    // The full inputs have features for every region: no warning.
    assert!(crate::support::data().warnings.is_empty());
}
