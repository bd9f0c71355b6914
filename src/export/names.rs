//! The names the exporter proposes: a frame's file, a sequence's GIF (and
//! from it a video's, a deck's or a book's), one image's.

use super::format::ImageFormat;
use crate::inputs::LoadedInputs;
use crate::model::printable::shown_path;
use crate::model::{Date, TrackLayout, date_format};

/// Whether `path`'s extension is `extension`, in any letter case; else
/// the refusal "{noun} is written as .{extension}: {path}". A deck named
/// `.pdf` or a video named `.png` would lie about what it holds.
pub fn check_extension(noun: &str, extension: &str, path: &std::path::Path) -> Result<(), super::ExportError> {
    match path.extension() {
        Some(e) if e.to_string_lossy().eq_ignore_ascii_case(extension) => Ok(()),
        _ => Err(super::ExportError::Invalid(format!(
            "{noun} is written as .{extension}: {}",
            shown_path(&path)
        ))),
    }
}

/// `drawdown-{label}-{YYYY-MM-DD}.png`; the label is a track id or
/// `compare` ([`TrackLayout::file_label`]). Also a single image's default
/// name.
pub fn frame_file_name(label: &str, date: Date) -> String {
    frame_name(label, &date_format::iso(date))
}

/// The label of stop `number`'s picture of `layout` (a brief's PNG
/// frames): `stop-03-{label}`, so that two stops on one day do not share
/// a name and the files sort in the brief's order.
pub fn stop_file_label(number: usize, layout: TrackLayout, data: &LoadedInputs) -> String {
    format!("stop-{number:02}-{}", layout.file_label(&data.scenario))
}

/// How a sequence's frames are named, for a reader:
/// `drawdown-{label}-YYYY-MM-DD.png`.
pub fn frame_name_pattern(label: &str) -> String {
    frame_name(label, "YYYY-MM-DD")
}

fn frame_name(label: &str, day: &str) -> String {
    format!("drawdown-{label}-{day}.{}", ImageFormat::Png.extension())
}

/// The default name of a sequence's GIF:
/// `drawdown-{label}-{from}-to-{to}.gif`, dates as YYYY-MM-DD.
pub fn gif_file_name(label: &str, from: Date, to: Date) -> String {
    format!(
        "drawdown-{label}-{}-to-{}.gif",
        date_format::iso(from),
        date_format::iso(to)
    )
}

/// The default file name for an image of `layout` on `date`:
/// `drawdown-announced-2025-10-01.png`.
pub fn default_file_name(data: &LoadedInputs, layout: TrackLayout, date: Date) -> String {
    frame_file_name(&layout.file_label(&data.scenario), date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn frame_and_gif_names_follow_one_pattern() {
        assert_eq!(
            frame_file_name("announced", d("2025-10-01")),
            "drawdown-announced-2025-10-01.png"
        );
        assert_eq!(frame_name_pattern("compare"), "drawdown-compare-YYYY-MM-DD.png");
        assert_eq!(
            gif_file_name("reported", d("2025-09-01"), d("2025-09-29")),
            "drawdown-reported-2025-09-01-to-2025-09-29.gif"
        );
    }
}
