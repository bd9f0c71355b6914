//! Reading an input file whole, bounded: regular files only, at most a
//! given number of bytes. A FIFO, a socket or a device is refused before
//! it is opened (opening a FIFO blocks until something writes to it;
//! `/dev/zero` never ends), so that every load answers at once.

use std::io::Read as _;
use std::path::Path;

use super::error::InputError;
use crate::model::number_format::thousands;

/// Reads the regular file at `path` (a symbolic link to one is fine),
/// refusing anything else, a missing or unreadable file and a file over
/// `max_bytes` (the limit for `files`, as the message names them:
/// "inputs", "scenarios", "settings"), with a message naming the file.
pub fn read_regular_file(path: &Path, max_bytes: u64, files: &str) -> Result<Vec<u8>, InputError> {
    let name = path.display().to_string();
    let metadata = std::fs::metadata(path).map_err(|e| InputError::new(&name, None, io_message(&e)))?;
    refuse_non_regular(&name, &metadata)?;
    refuse_too_big(&name, metadata.len(), max_bytes, files)?;
    let file = open_without_blocking(path).map_err(|e| InputError::new(&name, None, io_message(&e)))?;
    // The file checked above may have been swapped for a FIFO or a device
    // since: check what was opened.
    let opened = file
        .metadata()
        .map_err(|e| InputError::new(&name, None, io_message(&e)))?;
    refuse_non_regular(&name, &opened)?;
    // The size is checked again while reading: a file can grow after its
    // metadata was read.
    let mut bytes = Vec::new();
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::new(&name, None, io_message(&e)))?;
    if bytes.len() as u64 > max_bytes {
        return Err(InputError::new(
            &name,
            None,
            format!("file is larger than the {} limit for {files}", size_text(max_bytes)),
        ));
    }
    Ok(bytes)
}

/// What a file that is not a regular file is, in words; None for a
/// regular file.
pub fn non_regular_kind(file_type: std::fs::FileType) -> Option<&'static str> {
    if file_type.is_file() {
        return None;
    }
    if file_type.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
        if file_type.is_char_device() {
            return Some("a character device");
        }
        if file_type.is_block_device() {
            return Some("a block device");
        }
    }
    Some("not a regular file")
}

fn refuse_non_regular(name: &str, metadata: &std::fs::Metadata) -> Result<(), InputError> {
    if metadata.is_dir() {
        return Err(InputError::new(name, None, "is a directory, expected a file"));
    }
    match non_regular_kind(metadata.file_type()) {
        None => Ok(()),
        Some(kind) => Err(InputError::new(name, None, format!("is {kind}, not a regular file"))),
    }
}

fn refuse_too_big(name: &str, len: u64, max_bytes: u64, files: &str) -> Result<(), InputError> {
    if len <= max_bytes {
        return Ok(());
    }
    Err(InputError::new(name, None, size_message(len, max_bytes, files)))
}

/// "file is 17.5 MiB, larger than the 16 MiB limit for scenarios"; in
/// bytes when the rounded size would read as no larger than the limit
/// ("file is 16,777,217 bytes, larger than the 16 MiB limit").
pub fn size_message(len: u64, max_bytes: u64, files: &str) -> String {
    let limit = size_text(max_bytes);
    let mut size = size_text(len);
    if size == limit
        || size
            .strip_suffix(".0 MiB")
            .is_some_and(|whole| format!("{whole} MiB") == limit)
    {
        size = format!("{} bytes", thousands(len));
    }
    format!("file is {size}, larger than the {limit} limit for {files}")
}

/// A size in MiB (one decimal unless whole) when at least one, else in
/// KiB (rounded up).
fn size_text(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= MIB {
        #[expect(clippy::cast_precision_loss, reason = "one decimal shown")]
        let mib = bytes as f64 / 1_048_576.0;
        format!("{mib:.1} MiB")
    } else {
        format!("{} KiB", bytes.div_ceil(1024))
    }
}

/// Opens for reading; on Unix with `O_NONBLOCK`, so that a FIFO swapped in
/// after the check does not block the open (it has no effect on a regular
/// file's reads).
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

fn io_message(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied (cannot read the file)".to_owned(),
        _ => format!("cannot read: {error}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_in_whole_mib_or_kib() {
        assert_eq!(size_text(256 * 1024 * 1024), "256 MiB");
        assert_eq!(size_text(1024 * 1024), "1 MiB");
        assert_eq!(size_text(3 * 512 * 1024), "1.5 MiB");
        assert_eq!(size_text(1536), "2 KiB");
        let just_over = size_message(16 * 1024 * 1024 + 1, 16 * 1024 * 1024, "scenarios");
        assert_eq!(
            just_over,
            "file is 16,777,217 bytes, larger than the 16 MiB limit for scenarios"
        );
        let over = size_message(17 * 1024 * 1024 + 512 * 1024, 16 * 1024 * 1024, "scenarios");
        assert_eq!(over, "file is 17.5 MiB, larger than the 16 MiB limit for scenarios");
    }

    #[test]
    fn a_file_over_the_cap_is_refused_and_one_at_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.json");
        std::fs::write(&path, [b'x'; 2049]).unwrap();
        assert_eq!(read_regular_file(&path, 2049, "inputs").unwrap().len(), 2049);
        let e = read_regular_file(&path, 2048, "inputs").unwrap_err();
        assert_eq!(e.message, "file is 3 KiB, larger than the 2 KiB limit for inputs");
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_named_and_refused() {
        let e = read_regular_file(Path::new("/dev/null"), 10, "inputs").unwrap_err();
        assert_eq!(e.to_string(), "/dev/null: is a character device, not a regular file");
    }
}
