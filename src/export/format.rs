//! Image file formats, chosen by the output's extension.
//!
//! A file named `map.svg` must hold SVG or be refused, never PNG bytes
//! under a misleading name: the exporter picks the encoder from the name
//! and refuses a name it cannot honour before anything is rendered.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::printable::shown_path;

/// A format the exporter writes single images in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageFormat {
    /// Pixels, from the CPU canvas.
    Png,
    /// Vectors and text elements, from the SVG canvas.
    Svg,
    /// One page of vectors and real text, from the PDF canvas.
    Pdf,
}

impl ImageFormat {
    /// Every format with its file extension (lower case, without the dot).
    /// A new format is one row here plus its renderer in [`Self::render`]
    /// (in the single-image module, which knows the renderers).
    pub const ALL: &[(Self, &str)] = &[(Self::Png, "png"), (Self::Svg, "svg"), (Self::Pdf, "pdf")];

    /// The format `path`'s extension names, in any letter case.
    pub fn from_path(path: &Path) -> Result<Self, FormatError> {
        let Some(extension) = path.extension() else {
            return Err(FormatError::NoExtension { path: path.to_owned() });
        };
        let extension = extension.to_string_lossy();
        Self::ALL
            .iter()
            .find(|(_, known)| extension.eq_ignore_ascii_case(known))
            .map(|&(format, _)| format)
            .ok_or_else(|| FormatError::Unknown {
                path: path.to_owned(),
                extension: extension.into_owned(),
            })
    }

    /// The extension files of this format get, without the dot.
    pub fn extension(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|&&(format, _)| format == self)
            .map_or("", |&(_, extension)| extension)
    }
}

impl fmt::Display for ImageFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, ".{}", self.extension())
    }
}

/// The known extensions as a reader sees them: `.png`, `.png or .svg`,
/// `.png, .svg or .pdf`.
pub fn known_extensions() -> String {
    let names: Vec<String> = ImageFormat::ALL.iter().map(|(f, _)| f.to_string()).collect();
    match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// Why an output's name does not say which format to write. Each names
/// the path, at the end of its message (as [`crate::atomic_write::WriteError`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    #[error("the file name has no extension to tell the image format (known: {}): {}", known_extensions(), shown_path(&path))]
    NoExtension { path: PathBuf },
    #[error("the image format .{extension} is not one the exporter writes (known: {}): {}", known_extensions(), shown_path(&path))]
    Unknown { path: PathBuf, extension: String },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_chooses_the_format_in_any_case() {
        for name in ["map.png", "MAP.PNG", "dir.v2/slide.Png"] {
            assert_eq!(ImageFormat::from_path(Path::new(name)), Ok(ImageFormat::Png), "{name}");
        }
        for name in ["map.svg", "MAP.SVG", "dir.png/slide.Svg"] {
            assert_eq!(ImageFormat::from_path(Path::new(name)), Ok(ImageFormat::Svg), "{name}");
        }
        for name in ["book.pdf", "BOOK.PDF", "map.svg.Pdf"] {
            assert_eq!(ImageFormat::from_path(Path::new(name)), Ok(ImageFormat::Pdf), "{name}");
        }
        assert_eq!(ImageFormat::Png.extension(), "png");
        assert_eq!(ImageFormat::Png.to_string(), ".png");
        assert_eq!(known_extensions(), ".png, .svg or .pdf");
    }

    #[test]
    fn an_unknown_or_missing_extension_is_refused_naming_the_known_ones() {
        for name in ["map.tiff", "map.jpg", "map", "dir.png/map", "map.png.bak", "map.svgz"] {
            let err = ImageFormat::from_path(Path::new(name)).unwrap_err();
            let message = err.to_string();
            assert!(message.contains(".png, .svg or .pdf"), "{name}: {message}");
            assert!(message.ends_with(name), "{name}: {message}");
            assert!(!crate::export::tests::names_a_flag(&message), "{message}");
        }
    }

    #[test]
    fn every_format_has_a_distinct_extension() {
        let mut extensions: Vec<&str> = ImageFormat::ALL.iter().map(|(_, e)| *e).collect();
        extensions.sort_unstable();
        extensions.dedup();
        assert_eq!(extensions.len(), ImageFormat::ALL.len());
        for &(format, extension) in ImageFormat::ALL {
            assert_eq!(format.extension(), extension);
        }
    }
}
