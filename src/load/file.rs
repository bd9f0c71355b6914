//! Reading an input file whole, bounded: regular files only, at most a
//! given number of bytes; a loader's text as UTF-8, named when it is not. A FIFO, a socket or a device is refused before
//! it is opened (opening a FIFO blocks until something writes to it;
//! `/dev/zero` never ends), so that every load answers at once.

use std::io::Read as _;
use std::path::Path;

use super::error::InputError;
use crate::model::number_format::thousands;
use crate::model::printable::shown_path;

/// Reads the regular file at `path` (a symbolic link to one is fine),
/// refusing anything else, a missing or unreadable file and a file over
/// `max_bytes` (the limit for `files`, as the message names them:
/// "inputs", "scenarios", "settings"), with a message naming the file.
pub fn read_regular_file(path: &Path, max_bytes: u64, files: &str) -> Result<Vec<u8>, InputError> {
    let name = shown_path(&path).to_string();
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

/// Reads a UTF-8 text file for a loader, refusing anything but a regular
/// file (FIFOs, sockets, devices, directories: see
/// [`read_regular_file`]), missing or unreadable files, files
/// over `max_bytes` (the limit for `files`, as messages name them:
/// "inputs", "scenarios") and non-UTF-8 content with a message that names
/// the file.
pub fn read_text_file(path: &std::path::Path, max_bytes: u64, files: &str) -> Result<String, InputError> {
    let file = shown_path(&path).to_string();
    let bytes = read_regular_file(path, max_bytes, files)?;
    if let Some(encoding) = utf16_encoding(&bytes) {
        return Err(InputError::new(
            &file,
            None,
            format!("file is UTF-16 ({encoding}), not UTF-8 text; save it as UTF-8"),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(e.as_bytes());
        let byte = e
            .as_bytes()
            .get(offset)
            .map_or_else(String::new, |b| format!(" (byte 0x{b:02X})"));
        InputError::at_offset(
            &file,
            &text,
            offset,
            format!("not valid UTF-8 text{byte}; save the file as UTF-8"),
        )
    })
}

/// Which UTF-16 `bytes` look like, if they do: a byte-order mark, or (as
/// Windows tools write it without one) text whose every other byte is NUL.
/// UTF-16 of ASCII text is valid UTF-8 full of NULs, so without this it
/// would reach the parser and be called invalid JSON or TOML.
fn utf16_encoding(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some("little-endian, with a byte-order mark"),
        [0xFE, 0xFF, ..] => return Some("big-endian, with a byte-order mark"),
        _ => {}
    }
    let head = bytes.get(..bytes.len().min(256) & !1)?;
    let pairs = head.len() / 2;
    if pairs == 0 {
        return None;
    }
    let nul_at = |parity: usize| head.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (nul_at(0), nul_at(1));
    // Mostly-NUL on one side and none on the other: ASCII-range text.
    if odd * 10 >= pairs * 9 && even == 0 {
        Some("little-endian")
    } else if even * 10 >= pairs * 9 && odd == 0 {
        Some("big-endian")
    } else {
        None
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

    #[test]
    fn utf16_is_recognised_with_or_without_a_byte_order_mark() {
        let le: Vec<u8> = "{\"a\": 1}".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = "{\"a\": 1}".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(utf16_encoding(&le), Some("little-endian"));
        assert_eq!(utf16_encoding(&be), Some("big-endian"));
        assert_eq!(
            utf16_encoding(&[[0xFF, 0xFE].as_slice(), &le].concat()),
            Some("little-endian, with a byte-order mark")
        );
        assert_eq!(
            utf16_encoding(&[0xFE, 0xFF, 0, b'{']),
            Some("big-endian, with a byte-order mark")
        );
        for not_utf16 in ["{}".as_bytes(), "é".as_bytes(), b"", b"a", b"a\0b\0\0\0cd"] {
            assert_eq!(utf16_encoding(not_utf16), None, "{not_utf16:?}");
        }
    }
}
