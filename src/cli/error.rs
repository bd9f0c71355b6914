//! A failed command and its exit code, with the domain's errors told in
//! the command line's words (its flags).

use std::process::ExitCode;

use crate::atomic_write::WriteError;
use crate::export::{ExportError, FPS_RANGE, MAX_FRAMES};
use crate::load::InputErrors;

/// How many input errors a command prints; the rest are counted.
pub const MAX_ERRORS_SHOWN: usize = 100;

/// A failed command: bad input or a bad request (exit 2), or anything
/// else (exit 1).
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Bad input: the first [`MAX_ERRORS_SHOWN`] errors are printed.
    #[error("{}", .0.first(MAX_ERRORS_SHOWN))]
    Input(#[from] InputErrors),
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    Other(String),
}

impl CliError {
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Self::Input(_) | Self::Invalid(_) => ExitCode::from(2),
            Self::Other(_) => ExitCode::from(1),
        }
    }

    /// Prints the error on stderr and gives the exit code.
    pub fn report(&self) -> ExitCode {
        eprintln!("drawdown: error: {self}");
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
                path.display()
            ),
            ExportError::Format(format) => format!("--out: {format}"),
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
        Self::Other(format!("cannot open the window: {error}"))
    }
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
