//! Watches the input files: an edit shows up within a second. Polls file
//! modification times (two files, twice a second): simpler and more
//! portable than OS notifications, and immune to editors that replace
//! files instead of writing them.

use std::path::PathBuf;
use std::time::SystemTime;

/// How often the files are checked, seconds.
pub const POLL_SECS: f64 = 0.5;

#[derive(Debug, Default)]
pub struct FileWatch {
    files: Vec<(PathBuf, Option<SystemTime>)>,
    last_poll_secs: f64,
}

impl FileWatch {
    pub fn new(paths: impl IntoIterator<Item = PathBuf>) -> Self {
        Self {
            files: paths.into_iter().map(|p| (p.clone(), modified(&p))).collect(),
            last_poll_secs: f64::NEG_INFINITY,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// True when a watched file changed since the last poll (checked at
    /// most every [`POLL_SECS`]).
    pub fn poll(&mut self, now_secs: f64) -> bool {
        if now_secs - self.last_poll_secs < POLL_SECS {
            return false;
        }
        self.last_poll_secs = now_secs;
        let mut changed = false;
        for (path, seen) in &mut self.files {
            let now = modified(path);
            if now != *seen {
                *seen = now;
                changed = true;
            }
        }
        changed
    }
}

fn modified(path: &std::path::Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}
