//! Logging and the crash safety net.
//!
//! Warnings (drawdown's and eframe's, through the `log` facade) go to
//! stderr; `RUST_LOG` overrides the default filter. A panic in the window
//! is not expected, but if one happens it must not just make the window
//! vanish: the panic hook logs it, writes a crash report to a file and
//! says on stderr where that file is.

use std::path::{Path, PathBuf};

use crate::atomic_write::{WriteError, write_file};
use crate::escape::shown_path;

/// What is logged when `RUST_LOG` is not set.
pub const DEFAULT_FILTER: &str = "warn";

/// The crash report's file name, in [`crash_dir`].
pub const CRASH_FILE_NAME: &str = "crash.log";

/// Starts logging to stderr. A second call does nothing.
pub fn init() {
    let env = env_logger::Env::default().default_filter_or(DEFAULT_FILTER);
    // Fails only if a logger is already set (a test, a second call): keep it.
    let _ = env_logger::Builder::from_env(env).try_init();
}

/// Replaces the panic hook with one that logs the panic, writes a crash
/// report to [`crash_dir`] and prints where it is.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.payload_as_str().unwrap_or("(no message)");
        let location = info
            .location()
            .map_or_else(|| "an unknown place".to_owned(), ToString::to_string);
        let thread = std::thread::current().name().unwrap_or("unnamed").to_owned();
        log::error!("panic in thread {thread} at {location}: {message}");
        let report = crash_report(
            message,
            &location,
            &thread,
            &std::backtrace::Backtrace::force_capture().to_string(),
        );
        match crash_dir().map(|dir| write_crash_report(&dir, &report)) {
            Some(Ok(path)) => eprintln!(
                "drawdown: an internal error stopped the program; the report is in {}",
                shown_path(&path)
            ),
            Some(Err(error)) => eprintln!("drawdown: cannot write the crash report ({error}):\n{report}"),
            None => eprintln!("drawdown: no directory for a crash report:\n{report}"),
        }
    }));
}

/// Where crash reports go: the platform's state directory
/// (`~/.local/state/drawdown` on Linux), else its cache directory.
pub fn crash_dir() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "drawdown")?;
    Some(dirs.state_dir().unwrap_or_else(|| dirs.cache_dir()).to_owned())
}

/// The crash report's text.
pub fn crash_report(message: &str, location: &str, thread: &str, backtrace: &str) -> String {
    format!(
        "drawdown {} panicked in thread {thread} at {location}:\n{message}\n\nbacktrace:\n{backtrace}\n",
        env!("CARGO_PKG_VERSION")
    )
}

/// Writes `report` to [`CRASH_FILE_NAME`] in `dir` (created if missing),
/// replacing the previous one; returns the file's path.
pub fn write_crash_report(dir: &Path, report: &str) -> Result<PathBuf, WriteError> {
    std::fs::create_dir_all(dir).map_err(|source| WriteError::Directory {
        dir: dir.to_owned(),
        source,
    })?;
    let path = dir.join(CRASH_FILE_NAME);
    write_file(&path, report.as_bytes(), true)?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crash_report_says_what_where_and_replaces_the_last_one() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state/drawdown");
        let report = crash_report("index out of bounds", "src/app/mod.rs:10:5", "main", "0: main");
        assert!(report.contains("src/app/mod.rs:10:5") && report.contains("index out of bounds"));
        let path = write_crash_report(&state, &report).unwrap();
        assert_eq!(path, state.join("crash.log"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), report);
        write_crash_report(&state, "second").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "second");
    }
}
