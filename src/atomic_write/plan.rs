//! Every file one request writes, checked together before any work, and
//! undone together if the request fails or is cancelled.
//!
//! A request (one image, a sequence of frames and its GIF, any further
//! output) names all its outputs in an [`OutputPlan`]. Each is checked at
//! once: its directory exists (or is one the request makes), it is not
//! taken unless replacing is allowed, what is there is a regular file, and
//! no two outputs are the same file under different spellings. Only then
//! does [`OutputPlan::begin`] make the directories, and the work start.
//!
//! [`Writes`] records what the request made: the directories, and each
//! file that did not exist before. Unless [`Writes::finish`] is called,
//! dropping it (an error, a cancel, a panic) removes those files, then
//! those directories if they are empty. A failed request leaves nothing it
//! made. Files it replaced stay replaced, with their new, complete
//! contents: the old ones cannot come back, and removing the new ones
//! would lose more.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use super::target::{Occupant, check_directory, check_directory_to_create, check_target, normalized, parent_dir};
use super::{SafeFile, WriteError};

/// The outputs of one request, being checked.
#[derive(Debug)]
pub struct OutputPlan {
    replace: bool,
    /// Directories the request makes, outermost first, and each normalized.
    dirs_to_make: Vec<(PathBuf, PathBuf)>,
    /// Each output, as the user spelled it, and whether it replaces a file.
    files: Vec<(PathBuf, bool)>,
    /// Each output's normalized path, to its index in `files`.
    seen: HashMap<PathBuf, usize>,
    /// Each directory of an output that passed its checks, as spelled, to
    /// its normalized path: a sequence's thousands of frames share one.
    checked_dirs: HashMap<PathBuf, PathBuf>,
}

impl OutputPlan {
    /// An empty plan; `replace` allows replacing existing regular files.
    pub fn new(replace: bool) -> Self {
        Self {
            replace,
            dirs_to_make: Vec::new(),
            files: Vec::new(),
            seen: HashMap::new(),
            checked_dirs: HashMap::new(),
        }
    }

    /// A directory the request's files go in, made if missing (with its
    /// missing parents).
    pub fn directory(&mut self, dir: &Path) -> Result<(), WriteError> {
        for missing in check_directory_to_create(dir)? {
            let key = normalized(&missing);
            if !self.dirs_to_make.iter().any(|(_, made)| *made == key) {
                self.dirs_to_make.push((missing, key));
            }
        }
        Ok(())
    }

    /// A file the request writes. Refused if its directory is missing (and
    /// not one the plan makes), if it is taken and replacing is not
    /// allowed, if what is there is not a regular file, or if an earlier
    /// output is the same file.
    pub fn file(&mut self, path: &Path) -> Result<(), WriteError> {
        let dir_key = self.checked_directory(&parent_dir(path))?;
        let occupant = check_target(path, self.replace)?;
        // A regular file or nothing, so its directory's resolved path and
        // its name are the file's (there is no link to follow).
        let key = dir_key.join(path.file_name().unwrap_or_default());
        if let Some(&earlier) = self.seen.get(&key) {
            return Err(WriteError::SameFile {
                path: path.to_owned(),
                other: self.files[earlier].0.clone(),
            });
        }
        self.seen.insert(key, self.files.len());
        self.files.push((path.to_owned(), occupant == Occupant::RegularFile));
        Ok(())
    }

    /// Checks `dir` as an output's directory (it exists, or the plan makes
    /// it), once; gives its normalized path.
    fn checked_directory(&mut self, dir: &Path) -> Result<PathBuf, WriteError> {
        if let Some(key) = self.checked_dirs.get(dir) {
            return Ok(key.clone());
        }
        let key = normalized(dir);
        if !self.dirs_to_make.iter().any(|(_, made)| *made == key) {
            check_directory(dir)?;
        }
        self.checked_dirs.insert(dir.to_owned(), key.clone());
        Ok(key)
    }

    /// Makes the plan's directories and starts the request's writes.
    pub fn begin(self) -> Result<Writes, WriteError> {
        let mut writes = Writes {
            files: self.files.into_iter().collect(),
            made_dirs: Vec::new(),
            made_files: Mutex::new(Vec::new()),
            finished: false,
        };
        for (dir, _) in self.dirs_to_make {
            match std::fs::create_dir(&dir) {
                Ok(()) => writes.made_dirs.push(dir),
                // Made meanwhile by someone else: theirs, not to remove.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && dir.is_dir() => {}
                // `writes` drops here and removes what it made so far.
                Err(source) => return Err(WriteError::Directory { dir, source }),
            }
        }
        Ok(writes)
    }
}

/// The writes of a request under way; see the module docs.
#[derive(Debug)]
pub struct Writes {
    /// Each planned output and whether it may replace a file (it was a
    /// regular file when checked; an output that was free is written
    /// without replacing, so a file that appears meanwhile is not lost).
    files: HashMap<PathBuf, bool>,
    made_dirs: Vec<PathBuf>,
    /// Files put in place that did not exist before (written from worker
    /// threads).
    made_files: Mutex<Vec<PathBuf>>,
    finished: bool,
}

impl Writes {
    /// Starts writing the planned output `path` (a path not in the plan
    /// replaces nothing).
    pub fn create(&self, path: &Path) -> Result<SafeFile, WriteError> {
        SafeFile::create(path, self.may_replace(path)).map_err(|e| self.meanwhile(e))
    }

    /// Puts `file` in place and records it.
    pub fn commit(&self, file: SafeFile) -> Result<(), WriteError> {
        let path = file.path().to_owned();
        file.commit().map_err(|e| self.meanwhile(e))?;
        if !self.may_replace(&path) {
            self.made_files
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(path);
        }
        Ok(())
    }

    /// Writes the planned output `path` whole.
    pub fn write_file(&self, path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
        use std::io::Write as _;
        let mut file = self.create(path)?;
        file.write_all(bytes).map_err(|source| WriteError::Io {
            path: path.to_owned(),
            source,
        })?;
        self.commit(file)
    }

    /// The request succeeded: keep everything.
    pub fn finish(mut self) {
        self.finished = true;
    }

    /// A planned output that was free when checked and is taken now was
    /// written by another program meanwhile: say so, rather than "the file
    /// exists" (which, under --force, reads as if --force were missing).
    fn meanwhile(&self, error: WriteError) -> WriteError {
        match error {
            WriteError::Exists { path } if self.files.contains_key(&path) => WriteError::WrittenMeanwhile { path },
            other => other,
        }
    }

    fn may_replace(&self, path: &Path) -> bool {
        self.files.get(path).copied().unwrap_or(false)
    }
}

impl Drop for Writes {
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        let made_files = std::mem::take(self.made_files.get_mut().unwrap_or_else(PoisonError::into_inner));
        for file in made_files {
            let _ = std::fs::remove_file(file);
        }
        // Innermost first; `remove_dir` leaves a directory that is not
        // empty (someone else's files) alone.
        for dir in self.made_dirs.iter().rev() {
            let _ = std::fs::remove_dir(dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn the_same_file_twice_is_refused_under_any_spelling() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let mut plan = OutputPlan::new(true);
        plan.directory(&out).unwrap();
        plan.file(&out.join("a.png")).unwrap();
        let err = plan.file(&dir.path().join("./out/../out/a.png")).unwrap_err();
        assert!(matches!(err, WriteError::SameFile { .. }), "{err}");
        assert!(err.to_string().contains("out/a.png"), "{err}");
        assert!(names_in(dir.path()).is_empty(), "checking makes nothing");
    }

    #[test]
    fn a_missing_directory_is_refused_unless_the_plan_makes_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut plan = OutputPlan::new(false);
        let err = plan.file(&dir.path().join("nope/a.png")).unwrap_err();
        assert!(
            matches!(&err, WriteError::MissingDirectory { dir } if dir.ends_with("nope")),
            "{err}"
        );
        plan.directory(&dir.path().join("nope")).unwrap();
        plan.file(&dir.path().join("nope/a.png")).unwrap();
        let err = plan.file(&dir.path().join("nope/deeper/a.png")).unwrap_err();
        assert!(matches!(err, WriteError::MissingDirectory { .. }), "{err}");
    }

    #[test]
    fn a_free_output_another_program_writes_meanwhile_is_kept_and_named_so() {
        for replace in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let target = dir.path().join("a.png");
            let mut plan = OutputPlan::new(replace);
            plan.file(&target).unwrap();
            let writes = plan.begin().unwrap();
            let file = writes.create(&target).unwrap();
            std::fs::write(&target, b"theirs").unwrap();
            let err = writes.commit(file).unwrap_err();
            assert!(matches!(err, WriteError::WrittenMeanwhile { .. }), "{replace}: {err}");
            assert!(err.to_string().contains("another program wrote this file"), "{err}");
            assert!(!err.to_string().contains("allow replacing"), "{err}");
            assert_eq!(std::fs::read(&target).unwrap(), b"theirs", "their file is kept");
            // Taken before drawdown even starts writing: the same words.
            let Err(err) = writes.create(&target) else {
                panic!("{replace}: a taken free output was opened for writing");
            };
            assert!(matches!(err, WriteError::WrittenMeanwhile { .. }), "{replace}: {err}");
            drop(writes);
            assert_eq!(names_in(dir.path()), ["a.png"], "nothing else is left");
        }
    }

    #[test]
    fn unfinished_writes_remove_what_they_made_and_keep_what_they_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let kept = dir.path().join("kept.png");
        std::fs::write(&kept, b"old").unwrap();
        let out = dir.path().join("new/deeper");
        let mut plan = OutputPlan::new(true);
        plan.directory(&out).unwrap();
        plan.file(&out.join("a.png")).unwrap();
        plan.file(&kept).unwrap();
        let writes = plan.begin().unwrap();
        writes.write_file(&out.join("a.png"), b"a").unwrap();
        writes.write_file(&kept, b"new").unwrap();
        drop(writes);
        assert_eq!(names_in(dir.path()), ["kept.png"]);
        assert_eq!(std::fs::read(&kept).unwrap(), b"new");

        // Finished: everything stays.
        let mut plan = OutputPlan::new(false);
        plan.directory(&out).unwrap();
        plan.file(&out.join("a.png")).unwrap();
        let writes = plan.begin().unwrap();
        writes.write_file(&out.join("a.png"), b"a").unwrap();
        writes.finish();
        assert_eq!(names_in(&out), ["a.png"]);
    }

    #[test]
    fn a_made_directory_someone_else_wrote_into_stays() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let mut plan = OutputPlan::new(false);
        plan.directory(&out).unwrap();
        let writes = plan.begin().unwrap();
        std::fs::write(out.join("theirs.txt"), b"").unwrap();
        drop(writes);
        assert_eq!(names_in(&out), ["theirs.txt"]);
    }
}
