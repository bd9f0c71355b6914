//! Watches the input files: an edit shows up within a second. Polls file
//! modification times and sizes (two files, twice a second): simpler and
//! more portable than OS notifications, and immune to editors that
//! replace files instead of writing them.
//!
//! The app's own writes (a recorded report, its undo) are not edits from
//! outside: the writer notes them ([`FileWatch::note_own_write`]), so the
//! next poll does not reload what the app already shows.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// How often the files are checked, seconds.
pub const POLL_SECS: f64 = 0.5;

#[derive(Debug, Default)]
pub struct FileWatch {
    files: Vec<(PathBuf, Option<Stamp>)>,
    last_poll_secs: f64,
}

/// What a poll compares: a change to either is an edit. The size catches
/// a rewrite within the file system's timestamp granularity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Stamp {
    modified: SystemTime,
    len: u64,
}

impl FileWatch {
    pub fn new(paths: impl IntoIterator<Item = PathBuf>) -> Self {
        Self {
            files: paths.into_iter().map(|p| (p.clone(), stamp(&p))).collect(),
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
            let now = stamp(path);
            if now != *seen {
                *seen = now;
                changed = true;
            }
        }
        changed
    }

    /// The app has just written `path` itself: the file as it is now is
    /// not an edit to announce. Called right after the write, so that
    /// only a later change counts.
    pub fn note_own_write(&mut self, path: &Path) {
        for (watched, seen) in &mut self.files {
            if watched == path {
                *seen = stamp(watched);
            }
        }
    }
}

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some(Stamp {
        modified: meta.modified().ok()?,
        len: meta.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_apps_own_write_is_not_an_edit_but_a_later_one_is() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("scenario.toml");
        std::fs::write(&path, "title = \"a\"\n").unwrap();
        let mut watch = FileWatch::new([path.clone()]);
        assert!(!watch.poll(0.0), "nothing changed yet");

        std::fs::write(&path, "title = \"ab\"\n").unwrap();
        watch.note_own_write(&path);
        assert!(!watch.poll(1.0), "the app's own write is not announced");

        std::fs::write(&path, "title = \"abc\"\n").unwrap();
        assert!(watch.poll(2.0), "an edit from outside is");
        assert!(!watch.poll(3.0), "once");
    }

    #[test]
    fn an_edit_from_outside_is_seen_even_with_the_same_timestamp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("scenario.toml");
        std::fs::write(&path, "title = \"a\"\n").unwrap();
        let mut watch = FileWatch::new([path.clone()]);
        let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
        std::fs::write(&path, "title = \"a longer one\"\n").unwrap();
        // A coarse file system: the rewrite keeps the timestamp.
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(modified)
            .unwrap();
        assert!(watch.poll(1.0), "the size changed");
    }
}
