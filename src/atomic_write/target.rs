//! What may be written where: the checks on one target path, made before
//! any work and again just before a file is put in place.
//!
//! Only regular files are ever replaced, even when replacing is allowed:
//! renaming over a device node (`/dev/full`), a FIFO, a socket or a
//! directory would destroy it. A symbolic link is refused too, even one to
//! a regular file: renaming over it would destroy the link, and writing
//! through it would put the bytes in a place the user did not name
//! (another directory, perhaps a file of someone else's in a shared one);
//! the user can name the file it points to instead.

use std::fs::FileType;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::WriteError;

/// What kind of thing is at a path, for a message: "a character device".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    SymbolicLink,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    /// Anything else that is not a regular file or a directory.
    Special,
}

impl NodeKind {
    fn of(file_type: FileType) -> Self {
        if file_type.is_symlink() {
            return Self::SymbolicLink;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt as _;
            if file_type.is_fifo() {
                return Self::Fifo;
            }
            if file_type.is_char_device() {
                return Self::CharacterDevice;
            }
            if file_type.is_block_device() {
                return Self::BlockDevice;
            }
            if file_type.is_socket() {
                return Self::Socket;
            }
        }
        Self::Special
    }
}

impl std::fmt::Display for NodeKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::SymbolicLink => "a symbolic link",
            Self::Fifo => "a FIFO (named pipe)",
            Self::CharacterDevice => "a character device",
            Self::BlockDevice => "a block device",
            Self::Socket => "a socket",
            Self::Special => "a special file",
        })
    }
}

/// What is at a target that passed [`check_target`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Occupant {
    Nothing,
    /// A regular file, which may be replaced.
    RegularFile,
}

/// The longest file name the usual filesystems take (Linux's NAME_MAX on
/// ext4, XFS, Btrfs, tmpfs), in bytes.
pub const MAX_NAME_BYTES: usize = 255;

/// Checks `path` as a file to write: it has a file name, and what is there
/// now is nothing or (if `replace`) a regular file. Its directory is not
/// checked (see [`check_directory`]).
pub fn check_target(path: &Path, replace: bool) -> Result<Occupant, WriteError> {
    let not_a_file = || WriteError::NotAFile { path: path.to_owned() };
    // `out.mp4/` names a directory: the path's components hide the slash
    // (its file name is still `out.mp4`), and the write would fail only
    // at the end, after everything was rendered.
    if path.file_name().is_none() || path.as_os_str().to_string_lossy().ends_with(std::path::is_separator) {
        return Err(not_a_file());
    }
    let name_bytes = path.file_name().map_or(0, |name| name.as_encoded_bytes().len());
    if name_bytes > MAX_NAME_BYTES {
        return Err(WriteError::NameTooLong {
            path: path.to_owned(),
            bytes: name_bytes,
        });
    }
    match path.symlink_metadata() {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Occupant::Nothing),
        // Unreadable (e.g. a component is a file): writing will say why.
        Err(_) => Ok(Occupant::Nothing),
        Ok(meta) if meta.is_dir() => Err(not_a_file()),
        Ok(meta) if !meta.is_file() => Err(WriteError::NotRegular {
            path: path.to_owned(),
            kind: NodeKind::of(meta.file_type()),
        }),
        Ok(_) if replace => Ok(Occupant::RegularFile),
        Ok(_) => Err(WriteError::Exists { path: path.to_owned() }),
    }
}

/// Checks that `dir` is an existing directory (links to one are fine).
pub fn check_directory(dir: &Path) -> Result<(), WriteError> {
    match dir.metadata() {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => Err(WriteError::NotADirectory { dir: dir.to_owned() }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Err(WriteError::MissingDirectory { dir: dir.to_owned() }),
        // An ancestor is a file: name that one.
        Err(e) if e.kind() == io::ErrorKind::NotADirectory => Err(check_directory_to_create(dir)
            .err()
            .unwrap_or_else(|| WriteError::NotADirectory { dir: dir.to_owned() })),
        Err(source) => Err(WriteError::Directory {
            dir: dir.to_owned(),
            source,
        }),
    }
}

/// Checks that `dir` is a directory or can be made one: it exists as a
/// directory, or its nearest existing ancestor is one. Returns the
/// directories that would have to be made, outermost first.
pub fn check_directory_to_create(dir: &Path) -> Result<Vec<PathBuf>, WriteError> {
    let mut missing = Vec::new();
    let mut at = dir;
    loop {
        // The current directory, for a relative path's last ancestor.
        let probe = if at.as_os_str().is_empty() { Path::new(".") } else { at };
        match probe.metadata() {
            Ok(meta) if meta.is_dir() => break,
            Ok(_) => return Err(WriteError::NotADirectory { dir: at.to_owned() }),
            // Missing, or under a file (which the walk up finds).
            Err(e) if matches!(e.kind(), io::ErrorKind::NotFound | io::ErrorKind::NotADirectory) => {}
            Err(source) => {
                return Err(WriteError::Directory {
                    dir: at.to_owned(),
                    source,
                });
            }
        }
        // `new/../x` climbs out of a folder the request would make: the
        // walk up cannot tell what it resolves to before `new` exists.
        if at.file_name().is_none() && at.ends_with("..") {
            return Err(WriteError::UpThroughMissing { dir: dir.to_owned() });
        }
        missing.push(at.to_owned());
        match at.parent() {
            Some(parent) => at = parent,
            None => break,
        }
    }
    missing.reverse();
    Ok(missing)
}

/// The directory a file goes in (`.` for a bare file name).
pub fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// `path` as one spelling of the file it names, to tell whether two
/// outputs are the same file: absolute, its longest existing prefix
/// resolved (links, `..`), the rest with `.` and `..` applied as written.
/// `./a.gif`, `a.gif` and `frames/../a.gif` give the same.
pub fn normalized(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let components: Vec<Component<'_>> = absolute.components().collect();
    for existing in (1..=components.len()).rev() {
        let prefix: PathBuf = components[..existing].iter().collect();
        if let Ok(mut resolved) = prefix.canonicalize() {
            for component in &components[existing..] {
                match component {
                    Component::ParentDir => {
                        resolved.pop();
                    }
                    Component::Normal(name) => resolved.push(name),
                    Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
                }
            }
            return resolved;
        }
    }
    absolute
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_file_normalize_alike() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path();
        std::fs::create_dir(base.join("frames")).unwrap();
        let a = normalized(&base.join("a.gif"));
        assert_eq!(normalized(&base.join("./a.gif")), a);
        assert_eq!(normalized(&base.join("frames/../a.gif")), a);
        assert_eq!(normalized(&base.join("new/../a.gif")), a, "through a missing directory");
        assert_ne!(normalized(&base.join("frames/a.gif")), a);
        let relative = normalized(Path::new("a.gif"));
        assert_eq!(relative, normalized(Path::new("./a.gif")));
        assert!(relative.is_absolute());
    }

    #[test]
    fn directories_to_create_stop_at_the_nearest_existing_one() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path();
        assert!(check_directory_to_create(base).unwrap().is_empty());
        assert_eq!(
            check_directory_to_create(&base.join("a/b")).unwrap(),
            [base.join("a"), base.join("a/b")]
        );
        std::fs::write(base.join("file"), b"").unwrap();
        let err = check_directory_to_create(&base.join("file/sub")).unwrap_err();
        assert!(
            matches!(&err, WriteError::NotADirectory { dir } if dir.ends_with("file")),
            "{err}"
        );
    }
}
