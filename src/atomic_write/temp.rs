//! The temporary file a write goes to before it is put in place.
//!
//! On Linux it has no name at all where the file system allows
//! (`O_TMPFILE` in the target's directory): nothing can outlive the
//! process, not even a SIGKILL part way through a large GIF. It gets a
//! name only when it is complete, by `linkat` through `/proc/self/fd`:
//! straight onto the target when nothing may be replaced (the link fails
//! if the target exists, so that is also the no-clobber check), or onto a
//! unique hidden name that is then renamed over the target (a link cannot
//! replace a file). A SIGKILL between that link and the rename is the only
//! moment a named temporary file can be left behind.
//!
//! Elsewhere, and where the file system refuses `O_TMPFILE` (EOPNOTSUPP,
//! EISDIR from kernels before 3.11, EINVAL) or `/proc` is missing, it is
//! a hidden named file (`.drawdown-XXXXXX.tmp`, tempfile's), removed on
//! drop; only a SIGKILL can leave it behind.

use std::fs::File;
use std::io;
use std::path::Path;

use tempfile::NamedTempFile;

/// Which kind of temporary file to make.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TempKind {
    /// Unnamed where the platform and the file system allow, else named.
    Best,
    /// Named (the fallback, asked for directly by tests).
    #[cfg_attr(
        not(test),
        expect(dead_code, reason = "the fallback is chosen by Best; tests force it")
    )]
    Named,
}

/// A temporary file in the target's directory.
pub(super) enum TempFile {
    /// `O_TMPFILE`: no name until [`TempFile::persist`].
    #[cfg(target_os = "linux")]
    Unnamed {
        file: File,
        dir: std::path::PathBuf,
    },
    Named(NamedTempFile),
}

impl TempFile {
    /// A new empty temporary file in `dir`.
    pub(super) fn create_in(dir: &Path, kind: TempKind) -> io::Result<Self> {
        #[cfg(target_os = "linux")]
        if kind == TempKind::Best
            && let Some(file) = unnamed::create_in(dir)?
        {
            return Ok(Self::Unnamed {
                file,
                dir: dir.to_owned(),
            });
        }
        let _ = kind;
        let named = builder().tempfile_in(dir).map_err(without_temp_path)?;
        Ok(Self::Named(named))
    }

    /// Whether the file has no name (nothing of it is visible yet).
    #[cfg(test)]
    pub(super) fn is_unnamed(&self) -> bool {
        match self {
            #[cfg(target_os = "linux")]
            Self::Unnamed { .. } => true,
            Self::Named(_) => false,
        }
    }

    /// The open file, to write to. Written to as a plain [`File`]: the
    /// errors of tempfile's own writer name the temporary file.
    pub(super) fn file_mut(&mut self) -> &mut File {
        match self {
            #[cfg(target_os = "linux")]
            Self::Unnamed { file, .. } => file,
            Self::Named(named) => named.as_file_mut(),
        }
    }

    /// Puts the (synced) file in place at `target`: over an existing file
    /// if `replace`, else only where nothing is (an `AlreadyExists` error
    /// otherwise). On failure the temporary file is gone.
    pub(super) fn persist(self, target: &Path, replace: bool) -> io::Result<()> {
        match self {
            #[cfg(target_os = "linux")]
            Self::Unnamed { file, dir } => unnamed::persist(&file, &dir, target, replace),
            Self::Named(named) => {
                let persisted = if replace {
                    named.persist(target)
                } else {
                    named.persist_noclobber(target)
                };
                // On error `e.file` (the temporary file) is dropped here,
                // which deletes it.
                persisted.map(drop).map_err(|e| without_temp_path(e.error))
            }
        }
    }
}

/// The hidden names temporary files get: `.drawdown-XXXXXX.tmp`.
fn builder() -> tempfile::Builder<'static, 'static> {
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

/// `error` without the temporary file's name, which tempfile adds to its
/// errors: messages name the user's path, never a file they never asked for.
pub(super) fn without_temp_path(error: io::Error) -> io::Error {
    if error.raw_os_error().is_some() {
        return error;
    }
    let kind = error.kind();
    let os_code = error
        .get_ref()
        .and_then(|inner| inner.source())
        .and_then(|source| source.downcast_ref::<io::Error>())
        .and_then(io::Error::raw_os_error);
    os_code.map_or_else(|| io::Error::from(kind), io::Error::from_raw_os_error)
}

#[cfg(target_os = "linux")]
mod unnamed {
    use std::fs::File;
    use std::io;
    use std::os::fd::AsRawFd as _;
    use std::path::Path;
    use std::sync::LazyLock;

    use rustix::fs::{AtFlags, CWD, Mode, OFlags};
    use rustix::io::Errno;

    /// Whether `/proc/self/fd` is there to give an unnamed file a name.
    static PROC_FD: LazyLock<bool> = LazyLock::new(|| Path::new("/proc/self/fd").is_dir());

    /// An unnamed file in `dir`, or `None` where the file system (or the
    /// kernel) has no `O_TMPFILE`; other errors are the directory's.
    pub(super) fn create_in(dir: &Path) -> io::Result<Option<File>> {
        if !*PROC_FD {
            return Ok(None);
        }
        let flags = OFlags::TMPFILE | OFlags::WRONLY | OFlags::CLOEXEC;
        // The umask narrows it, as for any new file.
        match rustix::fs::openat(CWD, dir, flags, Mode::from_raw_mode(0o666)) {
            Ok(fd) => Ok(Some(File::from(fd))),
            Err(Errno::OPNOTSUPP | Errno::ISDIR | Errno::INVAL) => Ok(None),
            Err(errno) => Err(errno.into()),
        }
    }

    /// Links `file` in as `target`; see the module docs for `replace`.
    pub(super) fn persist(file: &File, dir: &Path, target: &Path, replace: bool) -> io::Result<()> {
        let fd_path = format!("/proc/self/fd/{}", file.as_raw_fd());
        let link = |to: &Path| rustix::fs::linkat(CWD, fd_path.as_str(), CWD, to, AtFlags::SYMLINK_FOLLOW);
        if !replace {
            return link(target).map_err(io::Error::from);
        }
        let named = super::builder()
            .make_in(dir, |name| link(name).map_err(io::Error::from))
            .map_err(super::without_temp_path)?;
        // On error the named link is dropped, which removes it.
        named.persist(target).map_err(|e| super::without_temp_path(e.error))
    }
}

impl io::Seek for TempFile {
    fn seek(&mut self, pos: io::SeekFrom) -> io::Result<u64> {
        self.file_mut().seek(pos)
    }
}

impl io::Write for TempFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file_mut().write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.file_mut().write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file_mut().flush()
    }
}
