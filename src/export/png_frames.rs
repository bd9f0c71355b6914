//! A sequence's frames as PNG files, one per frame, each encoded and
//! written by the worker that rendered it.

use tiny_skia::Pixmap;

use super::checked::OutputFiles;
use super::{ExportError, encode_png};

/// Writes frame `index` of the sequence, rendered as `pixmap`, to the
/// output's file for it (the frames' files are in frame order).
pub fn write_png_frame(files: OutputFiles<'_>, index: usize, pixmap: &Pixmap) -> Result<(), ExportError> {
    let Some(path) = files.files().get(index) else {
        return Err(ExportError::Invalid(format!("frame {index} has no file")));
    };
    let png = encode_png(pixmap)?;
    files.write_file(path, &png)
}
