//! A sequence's outputs, checked together before anything is rendered,
//! and the only way a writer reaches the files it writes.
//!
//! [`CheckedOutputs`] takes each output's files (and the directory its
//! files go in, if the request makes it) through one
//! [`OutputPlan`]; [`CheckedOutputs::begin`] starts the request's
//! [`Writes`] and hands out an [`OutputFiles`] per output. A writer
//! writes through its `OutputFiles` only, which cannot be made any other
//! way and refuses a file that was not checked with it: an output cannot
//! skip the check, and whatever it wrote is removed with the rest of the
//! request's files when the request fails or is cancelled (unless
//! [`BegunOutputs::finish`] was called, after the last writer).

use std::path::{Path, PathBuf};

use super::ExportError;
use crate::atomic_write::{OutputPlan, SafeFile, Writes};
use crate::model::printable::shown_path;

/// The outputs of one request, checked: each output's files, in the
/// order they were added.
#[derive(Debug)]
pub struct CheckedOutputs {
    plan: OutputPlan,
    outputs: Vec<Vec<PathBuf>>,
}

/// Which output of a [`CheckedOutputs`] (the order it was added in).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutputId(usize);

impl CheckedOutputs {
    /// No outputs yet; `replace` allows replacing existing regular files.
    pub fn new(replace: bool) -> Self {
        Self {
            plan: OutputPlan::new(replace),
            outputs: Vec::new(),
        }
    }

    /// Checks one output: `dir`, a directory its files go in that is made
    /// if missing, then each of its `files` (see [`OutputPlan::file`]).
    pub fn add(&mut self, dir: Option<&Path>, files: Vec<PathBuf>) -> Result<OutputId, ExportError> {
        if let Some(dir) = dir {
            self.plan.directory(dir)?;
        }
        for file in &files {
            self.plan.file(file)?;
        }
        self.outputs.push(files);
        Ok(OutputId(self.outputs.len() - 1))
    }

    /// Every file checked, output by output.
    #[cfg(test)]
    pub fn files(&self) -> impl Iterator<Item = &Path> {
        self.outputs.iter().flatten().map(PathBuf::as_path)
    }

    /// Makes the directories and starts the writes.
    pub fn begin(self) -> Result<BegunOutputs, ExportError> {
        Ok(BegunOutputs {
            writes: self.plan.begin()?,
            outputs: self.outputs,
        })
    }
}

/// The writes of checked outputs under way. Dropped without
/// [`Self::finish`], it removes every file and directory the request made.
#[derive(Debug)]
pub struct BegunOutputs {
    writes: Writes,
    outputs: Vec<Vec<PathBuf>>,
}

impl BegunOutputs {
    /// Where output `id` writes.
    pub fn files(&self, id: OutputId) -> OutputFiles<'_> {
        OutputFiles {
            writes: &self.writes,
            files: self.outputs.get(id.0).map_or(&[][..], Vec::as_slice),
        }
    }

    /// Every writer succeeded: keep everything.
    pub fn finish(self) {
        self.writes.finish();
    }
}

/// The checked files of one output, and the request's writes they go
/// through: what a writer is given.
#[derive(Clone, Copy, Debug)]
pub struct OutputFiles<'w> {
    writes: &'w Writes,
    files: &'w [PathBuf],
}

impl OutputFiles<'_> {
    /// The output's files, in the order they were checked.
    pub fn files(&self) -> &[PathBuf] {
        self.files
    }

    /// Starts writing `path`, one of the output's files; any other is
    /// refused (it was not checked).
    pub fn create(&self, path: &Path) -> Result<SafeFile, ExportError> {
        self.ensure_checked(path)?;
        Ok(self.writes.create(path)?)
    }

    /// Puts `file` in place (removed again if the request fails).
    pub fn commit(&self, file: SafeFile) -> Result<(), ExportError> {
        Ok(self.writes.commit(file)?)
    }

    /// Writes `path`, one of the output's files, whole.
    pub fn write_file(&self, path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
        self.ensure_checked(path)?;
        Ok(self.writes.write_file(path, bytes)?)
    }

    /// Refuses a file this output did not check first.
    fn ensure_checked(&self, path: &Path) -> Result<(), ExportError> {
        if self.files.iter().any(|f| f == path) {
            Ok(())
        } else {
            Err(ExportError::Invalid(format!(
                "the exporter would write a file it did not check first: {}",
                shown_path(&path)
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_writer_cannot_write_a_file_its_output_did_not_check() {
        let dir = tempfile::tempdir().unwrap();
        let mut outputs = CheckedOutputs::new(false);
        let gif = outputs.add(None, vec![dir.path().join("a.gif")]).unwrap();
        let deck = outputs.add(None, vec![dir.path().join("a.pptx")]).unwrap();
        let begun = outputs.begin().unwrap();
        let err = begun
            .files(gif)
            .write_file(&dir.path().join("a.pptx"), b"x")
            .unwrap_err();
        assert!(err.to_string().contains("did not check"), "{err}");
        let err = begun
            .files(gif)
            .write_file(&dir.path().join("other.gif"), b"x")
            .unwrap_err();
        assert!(err.to_string().contains("other.gif"), "{err}");
        begun
            .files(deck)
            .write_file(&dir.path().join("a.pptx"), b"deck")
            .unwrap();
        begun.finish();
        assert_eq!(std::fs::read(dir.path().join("a.pptx")).unwrap(), b"deck");
        assert!(!dir.path().join("other.gif").exists());
    }

    #[test]
    fn unfinished_outputs_remove_every_output_they_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let frames = dir.path().join("frames");
        let mut outputs = CheckedOutputs::new(false);
        let png = outputs.add(Some(&frames), vec![frames.join("a.png")]).unwrap();
        let gif = outputs.add(None, vec![dir.path().join("a.gif")]).unwrap();
        assert_eq!(outputs.files().count(), 2);
        let begun = outputs.begin().unwrap();
        begun.files(png).write_file(&frames.join("a.png"), b"png").unwrap();
        begun.files(gif).write_file(&dir.path().join("a.gif"), b"gif").unwrap();
        drop(begun);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "nothing left");
    }
}
