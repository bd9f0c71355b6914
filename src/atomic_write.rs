//! Atomic writes: a file appears whole or not at all.
//!
//! Bytes go to a temporary file in the target's own directory (so the final
//! rename stays on one file system), are flushed and synced, and only then
//! renamed over the target: unless replacing is allowed with a no-clobber
//! rename, so an existing file is never replaced behind the user's back,
//! even if it appears while we write. A failure at any step drops the
//! temporary file, which deletes it: no partial or stray file is left.
//!
//! Below every other module (std and `tempfile` only): exported images,
//! the settings file, the benchmark's log and the crash report all go
//! through it.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

/// Why a file could not be written. Each names the path, at the end of its
/// message.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The target exists and replacing it was not allowed.
    #[error("the file exists; choose another name or allow replacing it: {}", path.display())]
    Exists { path: PathBuf },
    /// The target names a directory, or has no file name.
    #[error("not a file name: {}", path.display())]
    NotAFile { path: PathBuf },
    /// The target's directory is missing or not writable.
    #[error("cannot write into the directory ({source}): {}", dir.display())]
    Directory {
        dir: PathBuf,
        #[source]
        source: io::Error,
    },
    /// Writing, syncing or renaming failed part way; nothing was left behind.
    #[error("writing failed ({source}): {}", path.display())]
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
            Self::Exists { path } | Self::NotAFile { path } | Self::Io { path, .. } => path,
            Self::Directory { dir, .. } => dir,
        }
    }
}

/// A file being written safely; [`SafeFile::commit`] makes it appear.
/// Dropping it without committing removes the temporary file.
pub struct SafeFile {
    path: PathBuf,
    replace: bool,
    writer: BufWriter<NamedTempFile>,
}

impl SafeFile {
    /// Starts writing `path`. Fails early if `path` exists and `replace`
    /// is off, if it is a directory, or if its directory cannot take a file.
    pub fn create(path: &Path, replace: bool) -> Result<Self, WriteError> {
        check_target(path, replace)?;
        let dir = parent_dir(path);
        let temp = temp_builder()
            .tempfile_in(&dir)
            .map_err(|source| WriteError::Directory { dir, source })?;
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

    /// Flushes, syncs and renames the file into place.
    pub fn commit(self) -> Result<(), WriteError> {
        let path = self.path;
        let io_error = |source| WriteError::Io {
            path: path.clone(),
            source,
        };
        let temp = self.writer.into_inner().map_err(|e| io_error(e.into_error()))?;
        temp.as_file().sync_all().map_err(io_error)?;
        let persisted = if self.replace {
            temp.persist(&path)
        } else {
            temp.persist_noclobber(&path)
        };
        match persisted {
            Ok(file) => {
                drop(file);
                sync_dir(&path);
                Ok(())
            }
            // `e.file` (the temporary file) is dropped here, which deletes it.
            Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => Err(WriteError::Exists { path }),
            Err(e) if path.is_dir() => {
                drop(e);
                Err(WriteError::NotAFile { path })
            }
            Err(e) => Err(WriteError::Io { path, source: e.error }),
        }
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
/// allows replacing an existing file.
pub fn write_file(path: &Path, bytes: &[u8], replace: bool) -> Result<(), WriteError> {
    let mut file = SafeFile::create(path, replace)?;
    file.write_all(bytes).map_err(|source| WriteError::Io {
        path: path.to_owned(),
        source,
    })?;
    file.commit()
}

/// The checks that can be made before any work: the target is a file name,
/// and does not exist unless `replace`.
pub fn check_target(path: &Path, replace: bool) -> Result<(), WriteError> {
    check_file_name(path)?;
    if !replace && occupied(path) {
        return Err(WriteError::Exists { path: path.to_owned() });
    }
    Ok(())
}

/// The first of those checks: the target names a file, not a directory.
pub fn check_file_name(path: &Path) -> Result<(), WriteError> {
    if path.file_name().is_none() || path.is_dir() {
        return Err(WriteError::NotAFile { path: path.to_owned() });
    }
    Ok(())
}

/// Whether writing `path` would replace something: a file, a directory,
/// or a link (even one pointing nowhere, which `Path::exists` misses).
pub fn occupied(path: &Path) -> bool {
    path.symlink_metadata().is_ok()
}

/// The directory a file goes in (`.` for a bare file name).
fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    }
}

fn temp_builder() -> tempfile::Builder<'static, 'static> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".drawdown-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        // As a plain `File::create` would: the umask narrows it (usually 0644).
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder
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
        assert!(err.to_string().ends_with(&path.display().to_string()), "{err}");
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
            matches!(err, WriteError::Directory { .. }) && err.is_bad_path(),
            "{err}"
        );
        assert!(err.to_string().contains("no/such/dir"), "{err}");
        let err = write_file(dir.path(), b"x", true).unwrap_err();
        assert!(matches!(err, WriteError::NotAFile { .. }), "{err}");
    }
}
