//! Atomic writes: a file appears whole or not at all, and only where the
//! user asked for it.
//!
//! Bytes go to a temporary file in the target's own directory (so the final
//! step stays on one file system): on Linux an unnamed one where the file
//! system allows, so that not even a SIGKILL can leave it behind
//! (`temp.rs`). It is flushed and synced, and only then put in place: with
//! a no-clobber link or rename unless replacing is allowed, so an existing
//! file is never replaced behind the user's back, even if it appears while
//! we write; and only ever over a regular file ([`target`]), never over a
//! device, a FIFO, a link or a directory. A failure at any step drops the
//! temporary file, which deletes it: no partial or stray file is left.
//! A request's outputs are checked together before any work, and what a
//! failed request made is removed ([`plan`]).
//!
//! Below every other module (std, `tempfile` and `rustix` only): exported
//! images and sequences, the settings file, the benchmark's log and the
//! crash report all go through it.

pub mod plan;
pub mod target;
mod temp;

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

pub use self::plan::{OutputPlan, Writes};
pub use self::target::NodeKind;
use self::target::{check_target, parent_dir};
use self::temp::{TempFile, TempKind};

use crate::escape::shown_path;

/// Why a file could not be written. Each names the user's path (never a
/// temporary file's).
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The target exists and replacing it was not allowed.
    #[error("the file exists; choose another name or allow replacing it: {}", shown_path(&path))]
    Exists { path: PathBuf },
    /// The target was free when the request was checked, and another
    /// program made it before this one was put in place: that file is
    /// kept (the request never saw it, so it never agreed to replace it).
    #[error(
        "another program wrote this file while drawdown was writing it; its file was kept, run again to replace it: {}",
        shown_path(&path)
    )]
    WrittenMeanwhile { path: PathBuf },
    /// The target's file name is longer than filesystems take.
    #[error(
        "the file name is too long ({bytes} bytes; at most {} on the usual filesystems): {}",
        target::MAX_NAME_BYTES,
        shown_path(&path)
    )]
    NameTooLong { path: PathBuf, bytes: usize },
    /// A directory to make goes up (`..`) out of a directory that does
    /// not exist yet.
    #[error("the folder goes up ('..') out of a folder that does not exist yet; name it without '..': {}", shown_path(&dir))]
    UpThroughMissing { dir: PathBuf },
    /// The target names a directory, or has no file name.
    #[error("not a file name: {}", shown_path(&path))]
    NotAFile { path: PathBuf },
    /// Something other than a regular file is at the target: never
    /// replaced, even when replacing is allowed.
    #[error("{} is {kind}, not a regular file; drawdown replaces only regular files", shown_path(&path))]
    NotRegular { path: PathBuf, kind: NodeKind },
    /// Two outputs of one request are the same file.
    #[error("the request writes one file twice: {} is also {}", shown_path(&path), shown_path(&other))]
    SameFile { path: PathBuf, other: PathBuf },
    /// The target's directory does not exist.
    #[error("the directory does not exist: {}", shown_path(&dir))]
    MissingDirectory { dir: PathBuf },
    /// The target's directory is something else (e.g. a file).
    #[error("not a directory: {}", shown_path(&dir))]
    NotADirectory { dir: PathBuf },
    /// The target's directory cannot take a file (permissions…).
    #[error("cannot write into the directory ({source}): {}", shown_path(&dir))]
    Directory {
        dir: PathBuf,
        #[source]
        source: io::Error,
    },
    /// Writing, syncing or renaming failed part way; nothing was left behind.
    #[error("writing failed ({source}): {}", shown_path(&path))]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

impl WriteError {
    /// Whether the user can fix this by choosing another path or allowing
    /// the replacement (as opposed to an I/O failure part way through).
    pub fn is_bad_path(&self) -> bool {
        !matches!(self, Self::Io { .. })
    }

    /// The file or directory the error is about.
    pub fn path(&self) -> &Path {
        match self {
            Self::Exists { path }
            | Self::WrittenMeanwhile { path }
            | Self::NameTooLong { path, .. }
            | Self::NotAFile { path }
            | Self::NotRegular { path, .. }
            | Self::SameFile { path, .. }
            | Self::Io { path, .. } => path,
            Self::MissingDirectory { dir }
            | Self::NotADirectory { dir }
            | Self::UpThroughMissing { dir }
            | Self::Directory { dir, .. } => dir,
        }
    }
}

/// A file being written safely; [`SafeFile::commit`] makes it appear.
/// Dropping it without committing removes the temporary file.
pub struct SafeFile {
    path: PathBuf,
    replace: bool,
    writer: BufWriter<TempFile>,
}

impl SafeFile {
    /// Starts writing `path`. Fails early if `path` exists and `replace`
    /// is off, if what is there is not a regular file, or if its directory
    /// cannot take a file.
    pub fn create(path: &Path, replace: bool) -> Result<Self, WriteError> {
        Self::create_with(path, replace, TempKind::Best)
    }

    fn create_with(path: &Path, replace: bool, kind: TempKind) -> Result<Self, WriteError> {
        check_target(path, replace)?;
        let dir = parent_dir(path);
        let temp = TempFile::create_in(&dir, kind).map_err(|source| match source.kind() {
            io::ErrorKind::NotFound => WriteError::MissingDirectory { dir: dir.clone() },
            io::ErrorKind::NotADirectory => WriteError::NotADirectory { dir: dir.clone() },
            _ => WriteError::Directory {
                dir: dir.clone(),
                source,
            },
        })?;
        Ok(Self {
            path: path.to_owned(),
            replace,
            writer: BufWriter::with_capacity(1 << 20, temp),
        })
    }

    /// The final path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Flushes, syncs and puts the file in place.
    pub fn commit(self) -> Result<(), WriteError> {
        let path = self.path;
        let io_error = |source| WriteError::Io {
            path: path.clone(),
            source,
        };
        let mut temp = self.writer.into_inner().map_err(|e| io_error(e.into_error()))?;
        temp.file_mut().sync_all().map_err(io_error)?;
        if self.replace {
            // What is there may have changed since the checks: still never
            // rename over anything but a regular file.
            check_target(&path, true)?;
        }
        match temp.persist(&path, self.replace) {
            Ok(()) => {
                sync_dir(&path);
                Ok(())
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(WriteError::Exists { path }),
            Err(_) if path.is_dir() => Err(WriteError::NotAFile { path }),
            Err(source) => Err(WriteError::Io { path, source }),
        }
    }

    /// Whether the temporary file has no name (tests).
    #[cfg(test)]
    fn is_unnamed(&self) -> bool {
        self.writer.get_ref().is_unnamed()
    }
}

/// Writers that go back to fill in what they learn at the end (a zip's
/// central directory and local headers) write straight into the file
/// beside the target, with no staging copy elsewhere.
impl io::Seek for SafeFile {
    fn seek(&mut self, pos: io::SeekFrom) -> io::Result<u64> {
        self.writer.seek(pos)
    }
}

impl Write for SafeFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.writer.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

/// Writes `bytes` to `path` atomically (see the module docs); `replace`
/// allows replacing an existing regular file.
pub fn write_file(path: &Path, bytes: &[u8], replace: bool) -> Result<(), WriteError> {
    let mut file = SafeFile::create(path, replace)?;
    file.write_all(bytes).map_err(|source| WriteError::Io {
        path: path.to_owned(),
        source,
    })?;
    file.commit()
}

/// Makes the rename durable where the platform allows; best effort (the
/// file is complete either way).
fn sync_dir(path: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = File::open(parent_dir(path)) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::FileTypeExt as _;

    use super::*;

    fn stray_temp_files(dir: &Path) -> Vec<PathBuf> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(".drawdown-"))
            .collect()
    }

    #[test]
    fn writes_and_refuses_to_overwrite_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.png");
        write_file(&path, b"one", false).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        let err = write_file(&path, b"two", false).unwrap_err();
        assert!(matches!(err, WriteError::Exists { .. }), "{err}");
        assert!(err.to_string().ends_with(&shown_path(&path).to_string()), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        write_file(&path, b"three", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"three");
        assert!(stray_temp_files(dir.path()).is_empty());
    }

    #[test]
    fn a_file_appearing_while_writing_is_not_clobbered() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("race.png");
        let mut file = SafeFile::create(&path, false).unwrap();
        file.write_all(b"mine").unwrap();
        std::fs::write(&path, b"theirs").unwrap();
        let err = file.commit().unwrap_err();
        assert!(matches!(err, WriteError::Exists { .. }), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), b"theirs");
        assert!(stray_temp_files(dir.path()).is_empty());
    }

    #[test]
    fn dropping_an_uncommitted_file_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gone.gif");
        let mut file = SafeFile::create(&path, false).unwrap();
        file.write_all(b"partial").unwrap();
        drop(file);
        assert!(!path.exists());
        assert!(stray_temp_files(dir.path()).is_empty());
    }

    #[test]
    fn a_missing_directory_or_a_directory_target_is_a_bad_path() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_file(&dir.path().join("no/such/dir/a.png"), b"x", false).unwrap_err();
        assert!(
            matches!(err, WriteError::MissingDirectory { .. }) && err.is_bad_path(),
            "{err}"
        );
        assert!(err.to_string().contains("no/such/dir"), "{err}");
        let err = write_file(dir.path(), b"x", true).unwrap_err();
        assert!(matches!(err, WriteError::NotAFile { .. }), "{err}");
    }

    fn make_fifo(path: &Path) {
        rustix::fs::mknodat(
            rustix::fs::CWD,
            path,
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::from_raw_mode(0o644),
            0,
        )
        .unwrap();
    }

    #[test]
    fn only_a_regular_file_is_ever_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.png");
        make_fifo(&fifo);
        let real = dir.path().join("real.png");
        std::fs::write(&real, b"real").unwrap();
        let link = dir.path().join("link.png");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let dangling = dir.path().join("dangling.png");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
        for (path, kind) in [
            (&fifo, NodeKind::Fifo),
            (&link, NodeKind::SymbolicLink),
            (&dangling, NodeKind::SymbolicLink),
        ] {
            let err = write_file(path, b"x", true).unwrap_err();
            assert!(
                matches!(&err, WriteError::NotRegular { kind: k, .. } if *k == kind) && err.is_bad_path(),
                "{err}"
            );
            let message = err.to_string();
            assert!(message.starts_with(&shown_path(&path).to_string()), "{message}");
            assert!(message.contains(&format!("is {kind}, not a regular file")), "{message}");
        }
        assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read(&real).unwrap(), b"real", "not written through the link");
        // A device node, checked only (writing is never tried on one).
        let err = check_target(Path::new("/dev/null"), true).unwrap_err();
        assert_eq!(
            err.to_string(),
            "/dev/null is a character device, not a regular file; drawdown replaces only regular files"
        );
        assert!(stray_temp_files(dir.path()).is_empty());
    }

    #[test]
    fn a_target_turned_into_a_fifo_while_writing_is_not_renamed_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("swap.png");
        std::fs::write(&path, b"old").unwrap();
        let mut file = SafeFile::create(&path, true).unwrap();
        file.write_all(b"new").unwrap();
        std::fs::remove_file(&path).unwrap();
        make_fifo(&path);
        let err = file.commit().unwrap_err();
        assert!(matches!(err, WriteError::NotRegular { .. }), "{err}");
        assert!(std::fs::symlink_metadata(&path).unwrap().file_type().is_fifo());
        assert!(stray_temp_files(dir.path()).is_empty());
    }

    /// On Linux the temporary file has no name while it is written (so
    /// that no signal, not even SIGKILL, can leave it behind); the
    /// machines drawdown is built on have file systems with `O_TMPFILE`.
    #[cfg(target_os = "linux")]
    #[test]
    fn on_linux_nothing_named_exists_while_writing() {
        let dir = tempfile::tempdir().unwrap();
        for replace in [false, true] {
            let path = dir.path().join("big.gif");
            let mut file = SafeFile::create(&path, replace).unwrap();
            assert!(file.is_unnamed(), "O_TMPFILE was not used");
            file.write_all(&vec![7; 3 << 20]).unwrap();
            assert!(stray_temp_files(dir.path()).is_empty());
            assert_eq!(
                path.symlink_metadata().is_ok(),
                replace,
                "only the file of the round before"
            );
            file.commit().unwrap();
            assert_eq!(std::fs::read(&path).unwrap().len(), 3 << 20);
            let mode = std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&path).unwrap().permissions());
            assert_eq!(mode & 0o600, 0o600, "readable and writable by its owner: {mode:o}");
            assert!(stray_temp_files(dir.path()).is_empty());
        }
        // Not replacing: the link itself refuses a taken name.
        let mut file = SafeFile::create(&dir.path().join("late.png"), false).unwrap();
        file.write_all(b"mine").unwrap();
        std::fs::write(dir.path().join("late.png"), b"theirs").unwrap();
        assert!(matches!(file.commit(), Err(WriteError::Exists { .. })));
        assert_eq!(std::fs::read(dir.path().join("late.png")).unwrap(), b"theirs");
    }

    /// The fallback where `O_TMPFILE` is refused: a hidden named file,
    /// gone once committed or dropped.
    #[test]
    fn the_named_fallback_writes_atomically_and_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.png");
        for (replace, bytes) in [(false, b"one"), (true, b"two")] {
            let mut file = SafeFile::create_with(&path, replace, TempKind::Named).unwrap();
            assert!(!file.is_unnamed());
            file.write_all(bytes).unwrap();
            assert_eq!(stray_temp_files(dir.path()).len(), 1);
            file.commit().unwrap();
            assert_eq!(std::fs::read(&path).unwrap(), bytes);
            assert!(stray_temp_files(dir.path()).is_empty());
        }
        let mut file = SafeFile::create_with(&path, false, TempKind::Named);
        assert!(matches!(file, Err(WriteError::Exists { .. })));
        file = SafeFile::create_with(&dir.path().join("b.png"), false, TempKind::Named);
        let mut file = file.unwrap();
        file.write_all(b"partial").unwrap();
        drop(file);
        assert!(!dir.path().join("b.png").exists());
        assert!(stray_temp_files(dir.path()).is_empty());
    }

    #[test]
    fn errors_never_name_the_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("gone");
        let raw = tempfile::Builder::new()
            .prefix(".drawdown-")
            .tempfile_in(&missing)
            .unwrap_err();
        assert!(raw.to_string().contains(".drawdown-"), "tempfile names it: {raw}");
        let plain = temp::without_temp_path(raw);
        assert!(!plain.to_string().contains(".drawdown-"), "{plain}");
        assert_eq!(plain.kind(), io::ErrorKind::NotFound);
        let err = SafeFile::create_with(&missing.join("a.png"), false, TempKind::Named).err();
        let err = err.map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("gone") && !err.contains(".drawdown-"), "{err}");
    }
}
