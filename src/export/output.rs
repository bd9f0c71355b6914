//! What a sequence writes: a list of [`SequenceOutput`]s, each with its
//! files, its check before rendering and its description.
//!
//! A new output is a variant here (the compiler then stops at each
//! `match`: its files, its check, its description, and its writer in the
//! sequence's conductor) plus its writer module, which takes
//! rendered frames ([`super::frame`]) and the files it was checked with
//! ([`super::checked::OutputFiles`]).

use std::path::{Path, PathBuf};

use super::frame::Frame;
use super::names::{check_extension, frame_file_name, stop_file_label};
use super::{ExportError, ExportOptions, animated_gif, mp4, pdf};
use crate::inputs::LoadedInputs;
use crate::model::printable::shown_path;

/// A kind of output, in the order a sequence plans, writes and reports
/// them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OutputKind {
    /// A PNG per frame, into a directory.
    Frames,
    /// An animated GIF.
    Gif,
    /// An H.264 video in MP4.
    Mp4,
    /// A PowerPoint deck: a title slide, then a slide per frame.
    Pptx,
    /// A PDF briefing book: a page per frame, a bookmark per milestone.
    PdfBook,
}

impl OutputKind {
    /// Every kind, in the order a sequence plans, writes and reports them.
    // Tests walk it; docs name its order.
    #[cfg(any(test, doc))]
    pub const ALL: [Self; 5] = [Self::Frames, Self::Gif, Self::Mp4, Self::Pptx, Self::PdfBook];

    /// The kinds written into a chosen folder under their default names
    /// (the export dialog's sequence).
    pub const IN_FOLDER: [Self; 3] = [Self::Frames, Self::Gif, Self::Mp4];

    /// The extension of the output's file(s), without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Frames => "png",
            Self::Gif => "gif",
            Self::Mp4 => "mp4",
            Self::Pptx => "pptx",
            Self::PdfBook => "pdf",
        }
    }

    /// What it is, in a sentence: "a video is written as .mp4".
    pub fn noun(self) -> &'static str {
        match self {
            Self::Frames => "a frame",
            Self::Gif => "an animated GIF",
            Self::Mp4 => "a video",
            Self::Pptx => "a slide deck",
            Self::PdfBook => "a briefing book",
        }
    }

    /// Whether `path`'s name says this kind: its extension, in any letter
    /// case. A deck named `.pdf` or a video named `.png` would be a file
    /// that lies about what it holds, so a wrong or missing extension is
    /// refused before anything is rendered.
    pub fn check_name(self, path: &Path) -> Result<(), ExportError> {
        check_extension(self.noun(), self.extension(), path)
    }

    /// How the export dialog names it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Frames => "PNG frames",
            Self::Gif => "Animated GIF",
            Self::Mp4 => "Video (MP4, H.264)",
            Self::Pptx => "Slides (PPTX)",
            Self::PdfBook => "Briefing book (PDF)",
        }
    }

    /// The output of this kind at `path` (a directory, for frames).
    pub fn at(self, path: PathBuf) -> SequenceOutput {
        match self {
            Self::Frames => SequenceOutput::Frames(path),
            Self::Gif => SequenceOutput::Gif(path),
            Self::Mp4 => SequenceOutput::Mp4(path),
            Self::Pptx => SequenceOutput::Pptx(path),
            Self::PdfBook => SequenceOutput::PdfBook(path),
        }
    }

    /// The output of this kind in folder `dir`: the frames themselves, or
    /// a file named `file_name(extension)`.
    pub fn in_folder(self, dir: &Path, file_name: impl Fn(&str) -> String) -> SequenceOutput {
        match self {
            Self::Frames => self.at(dir.to_owned()),
            Self::Gif | Self::Mp4 | Self::Pptx | Self::PdfBook => self.at(dir.join(file_name(self.extension()))),
        }
    }

    /// The rendering pass that writes it: the frames and the GIF share
    /// one, every other output has its own.
    pub(crate) fn pass(self) -> usize {
        match self {
            Self::Frames | Self::Gif => 0,
            Self::Mp4 => 1,
            Self::Pptx => 2,
            Self::PdfBook => 3,
        }
    }
}

/// One output of a sequence and where it goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SequenceOutput {
    /// One PNG per frame in this directory (made if missing).
    Frames(PathBuf),
    Gif(PathBuf),
    Mp4(PathBuf),
    Pptx(PathBuf),
    PdfBook(PathBuf),
}

/// The frames a deck, a book or the PNG frames show: all but the moves
/// between a brief's stops.
pub fn shown_frames(frames: &[Frame]) -> Vec<Frame> {
    frames.iter().filter(|f| !f.between).cloned().collect()
}

/// What a sequence's outcome is described with, beside its outputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutcomeFacts {
    pub frames: usize,
    /// Each frame's size, pixels.
    pub size_px: [u32; 2],
    pub fps: u16,
    /// Pages of the book with a milestone's bookmark.
    pub bookmarks: usize,
    /// Pages of the book (a brief's has a cover and text pages too).
    pub book_pages: usize,
    /// The video's own frames: a held stop or milestone day is many, a
    /// move between stops several; the same as `frames` for a plain
    /// sequence.
    pub video_frames: usize,
}

impl SequenceOutput {
    pub fn kind(&self) -> OutputKind {
        match self {
            Self::Frames(_) => OutputKind::Frames,
            Self::Gif(_) => OutputKind::Gif,
            Self::Mp4(_) => OutputKind::Mp4,
            Self::Pptx(_) => OutputKind::Pptx,
            Self::PdfBook(_) => OutputKind::PdfBook,
        }
    }

    /// The file, or the directory of the frames.
    pub fn path(&self) -> &Path {
        match self {
            Self::Frames(path) | Self::Gif(path) | Self::Mp4(path) | Self::Pptx(path) | Self::PdfBook(path) => path,
        }
    }

    /// The directory the output's files go in, made if missing.
    pub fn directory(&self) -> Option<&Path> {
        match self {
            Self::Frames(dir) => Some(dir),
            Self::Gif(_) | Self::Mp4(_) | Self::Pptx(_) | Self::PdfBook(_) => None,
        }
    }

    /// Every file the output writes for `frames`: a frame's PNG each
    /// (`drawdown-{label}-{date}.png`, in frame order), or its one file.
    pub fn files(&self, data: &LoadedInputs, frames: &[Frame]) -> Vec<PathBuf> {
        match self {
            Self::Frames(dir) => frames
                .iter()
                .filter(|f| !f.between)
                .map(|f| {
                    let label = match &f.stop {
                        Some(stop) => stop_file_label(stop.number, f.layout, data),
                        None => f.layout.file_label(&data.scenario),
                    };
                    dir.join(frame_file_name(&label, f.date))
                })
                .collect(),
            Self::Gif(path) | Self::Mp4(path) | Self::Pptx(path) | Self::PdfBook(path) => vec![path.clone()],
        }
    }

    /// Whether the output can be made of `frames` of `opts`, before
    /// anything is rendered (a GIF's sides, a video's even size, a book's
    /// name and length).
    pub fn check(&self, data: &LoadedInputs, frames: &[Frame], opts: &ExportOptions) -> Result<(), ExportError> {
        if self.directory().is_none() {
            self.kind().check_name(self.path())?;
        }
        match self {
            Self::Frames(_) | Self::Pptx(_) => Ok(()),
            Self::Gif(_) => animated_gif::check_gif(opts),
            Self::Mp4(_) => mp4::check_video(opts, frames),
            Self::PdfBook(_) => pdf::check_book(&pdf::frame_pages(&data.scenario, &shown_frames(frames)), opts),
        }
    }

    /// What was written, for a reader: `20 frames (1920x1080 px) to out`,
    /// `deck.pptx (21 slides)`.
    pub fn describe(&self, facts: &OutcomeFacts) -> String {
        let OutcomeFacts {
            frames,
            size_px: [w, h],
            fps,
            bookmarks,
            book_pages,
            video_frames,
        } = *facts;
        match self {
            Self::Frames(dir) => format!("{frames} frames ({w}x{h} px) to {}", shown_path(&dir)),
            Self::Gif(path) => shown_path(&path).to_string(),
            Self::Mp4(path) => format!("{} ({video_frames} frames, {w}x{h} px, {fps} fps)", shown_path(&path)),
            Self::Pptx(path) => format!("{} ({} slides)", shown_path(&path), frames + 1),
            Self::PdfBook(path) => format!("{} ({book_pages} pages, {bookmarks} bookmarks)", shown_path(&path)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_makes_an_output_of_itself_with_its_extension() {
        for kind in OutputKind::ALL {
            let output = kind.in_folder(Path::new("out"), |ext| format!("seq.{ext}"));
            assert_eq!(output.kind(), kind);
            match kind {
                OutputKind::Frames => assert_eq!(output.path(), Path::new("out")),
                _ => assert_eq!(
                    output.path(),
                    Path::new("out").join(format!("seq.{}", kind.extension()))
                ),
            }
        }
        let mut sorted = OutputKind::ALL;
        sorted.sort_unstable();
        assert_eq!(sorted, OutputKind::ALL, "ALL is in the order outputs are written");
    }

    #[test]
    fn each_file_output_takes_only_its_own_extension() {
        for kind in OutputKind::ALL {
            let ext = kind.extension();
            assert!(
                kind.check_name(Path::new(&format!("out/brief.{ext}"))).is_ok(),
                "{kind:?}"
            );
            assert!(
                kind.check_name(Path::new(&format!("brief.{}", ext.to_uppercase())))
                    .is_ok()
            );
            for wrong in ["brief", "brief.png.txt", "brief.", ".pptx.bak"] {
                let err = kind.check_name(Path::new(wrong)).unwrap_err().to_string();
                assert!(
                    err.contains(&format!("is written as .{ext}: {wrong}")),
                    "{kind:?}: {err}"
                );
            }
        }
        for (kind, lie) in [
            (OutputKind::Mp4, "v.png"),
            (OutputKind::Pptx, "d.pdf"),
            (OutputKind::Gif, "a.mp4"),
        ] {
            assert!(kind.check_name(Path::new(lie)).is_err(), "{kind:?} named {lie}");
        }
    }
}
