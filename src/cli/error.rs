//! A failed command and its exit code, with the domain's errors told in
//! the command line's words (its flags).

use std::process::ExitCode;

use super::interrupt::Interruption;
use crate::atomic_write::WriteError;
use crate::export::{ExportError, FPS_RANGE, MAX_FRAMES};
use crate::load::InputErrors;
use crate::model::printable::shown_path;

/// How many input errors a command prints; the rest are counted.
pub const MAX_ERRORS_SHOWN: usize = 100;

/// A failed command: bad input or a bad request (exit 2), a signal that
/// cancelled it (130 for SIGINT, 143 for SIGTERM), or anything else
/// (exit 1).
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Bad input: the first [`MAX_ERRORS_SHOWN`] errors are printed.
    #[error("{}", .0.first(MAX_ERRORS_SHOWN))]
    Input(#[from] InputErrors),
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    Other(String),
    #[error("interrupted by {}: the export stopped and removed what it had written", .0.signal_name())]
    Interrupted(Interruption),
}

impl CliError {
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Self::Input(_) | Self::Invalid(_) => ExitCode::from(2),
            Self::Other(_) => ExitCode::from(1),
            Self::Interrupted(signal) => ExitCode::from(signal.exit_code()),
        }
    }

    /// Prints the error on stderr and gives the exit code.
    pub fn report(&self) -> ExitCode {
        match self {
            Self::Interrupted(_) => eprintln!("drawdown: {self}"),
            _ => eprintln!("drawdown: error: {self}"),
        }
        self.exit_code()
    }
}

/// A request error (exit 2) or a failure while writing (exit 1); where the
/// domain names a setting, the message names the flag that sets it.
impl From<ExportError> for CliError {
    fn from(error: ExportError) -> Self {
        let message = match &error {
            ExportError::FpsOutOfRange { fps } => format!(
                "--fps {fps} is out of range: expected {} to {}",
                FPS_RANGE.start(),
                FPS_RANGE.end()
            ),
            ExportError::TooManyFrames => format!(
                "the sequence would have more than {MAX_FRAMES} frames: use a longer --step or a shorter --from..--to"
            ),
            ExportError::Write(WriteError::Exists { path }) => format!(
                "will not overwrite an existing file (use --force to replace it): {}",
                shown_path(&path)
            ),
            ExportError::Format(format) => format!("--out: {format}"),
            ExportError::NoOutput => "a sequence needs an output: --out-dir, --gif, --mp4, --pptx or --pdf".to_owned(),
            _ => error.to_string(),
        };
        if error.is_bad_request() {
            Self::Invalid(message)
        } else {
            Self::Other(message)
        }
    }
}

impl From<eframe::Error> for CliError {
    fn from(error: eframe::Error) -> Self {
        Self::Other(window_error_message(&error.to_string()))
    }
}

/// Why the window did not open, for the terminal: the first line of
/// eframe's error without the source locations it may carry (winit's
/// "os error at /…/.cargo/registry/…/mod.rs:765"), and what works without
/// a display.
pub fn window_error_message(error: &str) -> String {
    let first_line = error.lines().next().unwrap_or_default();
    let why: Vec<&str> = first_line
        .split(": ")
        .filter(|part| !(part.contains(".rs:") || part.contains("/.cargo/") || part.contains("/rustc/")))
        .collect();
    format!(
        "cannot open the window: {}\n\
         Without a display, `drawdown check`, `drawdown status` and `drawdown export` still work \
         (see `drawdown --help`).",
        why.join(": ")
    )
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::export::FormatError;

    fn exit_2(error: ExportError) -> String {
        let cli = CliError::from(error);
        assert!(matches!(cli, CliError::Invalid(_)), "{cli}");
        cli.to_string()
    }

    #[test]
    fn a_window_error_loses_its_source_paths_and_says_what_runs_headless() {
        let winit = "winit EventLoopError: os error at /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/\
                     winit-0.30.13/src/platform_impl/linux/mod.rs:765: neither WAYLAND_DISPLAY nor \
                     WAYLAND_SOCKET nor DISPLAY is set.\nsecond line";
        let message = window_error_message(winit);
        assert!(
            message.starts_with(
                "cannot open the window: winit EventLoopError: neither WAYLAND_DISPLAY nor WAYLAND_SOCKET nor DISPLAY is set.\n"
            ),
            "{message}"
        );
        assert!(
            !message.contains(".rs") && !message.contains("second line"),
            "{message}"
        );
        assert!(message.contains("`drawdown check`"), "{message}");
    }

    #[test]
    fn domain_errors_are_told_with_the_flags_that_fix_them() {
        assert!(exit_2(ExportError::FpsOutOfRange { fps: 0 }).starts_with("--fps 0 is out of range"));
        assert!(exit_2(ExportError::TooManyFrames).contains("--step"));
        let exists = exit_2(ExportError::Write(WriteError::Exists {
            path: PathBuf::from("map.png"),
        }));
        assert!(exists.contains("--force") && exists.ends_with("map.png"), "{exists}");
        let format = exit_2(ExportError::Format(FormatError::NoExtension {
            path: PathBuf::from("map"),
        }));
        assert!(format.contains(".png"), "{format}");
        let nothing = exit_2(ExportError::NoOutput);
        assert!(nothing.contains("--out-dir") && nothing.contains("--pdf"), "{nothing}");
    }

    #[test]
    fn an_interrupted_command_exits_as_the_signal_would_have_killed_it() {
        use super::super::interrupt::Interruption;
        for (signal, code, name) in [
            (Interruption::Interrupt, 130, "SIGINT"),
            (Interruption::Terminate, 143, "SIGTERM"),
        ] {
            let error = CliError::Interrupted(signal);
            assert_eq!(error.exit_code(), ExitCode::from(code));
            assert!(error.to_string().contains(name), "{error}");
        }
    }

    #[test]
    fn a_path_that_is_not_a_regular_file_exits_2_even_with_force() {
        let error = ExportError::Write(WriteError::NotRegular {
            path: PathBuf::from("/dev/full"),
            kind: crate::atomic_write::NodeKind::CharacterDevice,
        });
        assert_eq!(
            exit_2(error),
            "/dev/full is a character device, not a regular file; drawdown replaces only regular files"
        );
    }

    #[test]
    fn a_failure_while_writing_exits_1() {
        let error = ExportError::Write(WriteError::Io {
            path: PathBuf::from("map.png"),
            source: std::io::Error::other("disk full"),
        });
        assert!(matches!(CliError::from(error), CliError::Other(_)));
    }
}
