//! A sequence export: a list of frames and a list of outputs (PNG frames,
//! an animated GIF, an H.264 video, a PowerPoint deck, a PDF briefing
//! book), any of them; this module conducts it.
//!
//! [`SequenceRequest::check`] checks every output before anything is
//! rendered (each output's own rules, then all their files together in
//! one [`CheckedOutputs`]); only a [`CheckedSequence`] runs, and its
//! writers reach their files only through what was checked. Frames are
//! rendered in parallel (rayon, one text engine per worker from the pool)
//! in chunks, so memory stays bounded however long the sequence; frames
//! with the same marks share one painted base layer
//! ([`super::BaseLayerCache`]). The PNG frames and the GIF come from one
//! pass, the video, the deck and the book each from their own. Every file
//! is written atomically ([`crate::atomic_write`]); a failed or cancelled
//! request removes the files and directories it made.

#[cfg(any(test, feature = "testing"))]
use std::path::Path;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use tiny_skia::Pixmap;

use super::animated_gif::{Quantised, begin_gif};
use super::checked::{CheckedOutputs, OutputFiles, OutputId};
pub use super::frame::{Frame, milestone_dates};
use super::frame::{FrameRenderer, stop_if_cancelled};
use super::output::shown_frames;
pub use super::output::{OutcomeFacts, OutputKind, SequenceOutput};
use super::png_frames::write_png_frame;
use super::{ExportError, ExportOptions, FPS_RANGE, MAX_FRAMES, mp4, pdf, pptx};
use crate::inputs::LoadedInputs;
use crate::model::printable::shown_path;

/// A sequence to export: its frames, in order, and what to write of them.
#[derive(Clone, Debug, PartialEq)]
pub struct SequenceRequest {
    /// What each frame shows, in order.
    pub frames: Vec<Frame>,
    /// What to write: at least one output, at most one of each kind.
    pub outputs: Vec<SequenceOutput>,
    /// Frames per second of the GIF and the video.
    pub fps: u16,
    /// Replace existing files.
    pub force: bool,
    pub opts: ExportOptions,
}

impl SequenceRequest {
    /// The output of `kind`, if the request writes one.
    pub fn output(&self, kind: OutputKind) -> Option<&SequenceOutput> {
        self.outputs.iter().find(|o| o.kind() == kind)
    }

    /// How many times `progress` is called: once per frame for each pass
    /// (the PNG frames and the GIF share one, the video, the deck and the
    /// book have their own).
    pub fn progress_steps(&self) -> usize {
        let mut passes: Vec<usize> = self.outputs.iter().map(|o| o.kind().pass()).collect();
        passes.sort_unstable();
        passes.dedup();
        // The deck and the book show a brief's stops, not the moves between them.
        let shown = self.frames.iter().filter(|f| !f.between).count();
        passes
            .iter()
            .map(|&pass| {
                if pass >= OutputKind::Pptx.pass() {
                    shown
                } else {
                    self.frames.len()
                }
            })
            .sum()
    }

    /// Checks the request before anything is rendered: the options, the
    /// frames, the frame rate, each output's own rules, then every file of
    /// every output together: an output directory is a directory or can be
    /// made one; each file's directory exists (or is made by the request);
    /// none is taken unless `force`, none is anything but a regular file,
    /// and no two are the same file, however spelled. Nothing is made.
    pub fn check<'r>(&'r self, data: &LoadedInputs) -> Result<CheckedSequence<'r>, ExportError> {
        self.opts.validate()?;
        if self.outputs.is_empty() {
            return Err(ExportError::NoOutput);
        }
        let mut outputs: Vec<&SequenceOutput> = self.outputs.iter().collect();
        outputs.sort_by_key(|o| o.kind());
        if let Some(pair) = outputs.windows(2).find(|pair| pair[0].kind() == pair[1].kind()) {
            return Err(ExportError::Invalid(format!(
                "the sequence writes {} twice: {} and {}",
                pair[0].kind().label(),
                shown_path(pair[0].path()),
                shown_path(pair[1].path())
            )));
        }
        if self.frames.is_empty() {
            return Err(ExportError::Invalid("the sequence has no dates".to_owned()));
        }
        if self.frames.len() > MAX_FRAMES {
            return Err(ExportError::TooManyFrames);
        }
        if !FPS_RANGE.contains(&self.fps) {
            return Err(ExportError::FpsOutOfRange { fps: self.fps });
        }
        // Where the files go first (a file written twice, a FIFO, a taken
        // name), then what each output can be (its name's extension, its
        // size): both before anything is rendered.
        let mut checked = CheckedOutputs::new(self.force);
        let mut ids = Vec::with_capacity(outputs.len());
        for output in outputs {
            let id = checked.add(output.directory(), output.files(data, &self.frames))?;
            ids.push((output, id));
        }
        for (output, _) in &ids {
            output.check(data, &self.frames, &self.opts)?;
        }
        Ok(CheckedSequence {
            request: self,
            outputs: checked,
            ids,
        })
    }
}

/// A request whose outputs passed [`SequenceRequest::check`]: the only
/// thing that runs.
#[derive(Debug)]
pub struct CheckedSequence<'r> {
    request: &'r SequenceRequest,
    outputs: CheckedOutputs,
    /// Each output, in [`OutputKind::ALL`] order, and its checked files.
    ids: Vec<(&'r SequenceOutput, OutputId)>,
}

impl CheckedSequence<'_> {
    /// Every file the request writes, checked.
    #[cfg(test)]
    pub fn files(&self) -> impl Iterator<Item = &Path> {
        self.outputs.files()
    }

    /// Renders the frames and writes every output: the PNG frames and the
    /// GIF, then the video, the deck and the book. Calls `progress`
    /// [`SequenceRequest::progress_steps`] times (from worker threads) and
    /// stops with [`ExportError::Cancelled`] soon after `cancel` is set. A
    /// request that fails or is cancelled leaves nothing it made: the
    /// files it wrote anew, a partial GIF, video, deck or book, and the
    /// frames' directory (and its parents) if it made them and they are
    /// empty (files it replaced stay replaced; see
    /// [`crate::atomic_write::plan`]).
    pub fn run(
        self,
        data: &LoadedInputs,
        progress: &(dyn Fn() + Sync),
        cancel: &AtomicBool,
    ) -> Result<SequenceOutcome, ExportError> {
        let request = self.request;
        let frames = &request.frames;
        let begun = self.outputs.begin()?;
        let renderer = FrameRenderer::new(data, &request.opts, frames);
        let files_of = |kind: OutputKind| {
            self.ids
                .iter()
                .find(|(output, _)| output.kind() == kind)
                .map(|&(_, id)| begun.files(id))
        };
        let (png, gif) = (files_of(OutputKind::Frames), files_of(OutputKind::Gif));
        if png.is_some() || gif.is_some() {
            write_frames_and_gif(&renderer, frames, request.fps, png, gif, progress, cancel)?;
        }
        let shown = shown_frames(frames);
        let mut book_pages = 0;
        let mut written = Vec::with_capacity(self.ids.len());
        for &(output, id) in &self.ids {
            let files = begun.files(id);
            match output {
                // Written above, in one pass.
                SequenceOutput::Frames(_) | SequenceOutput::Gif(_) => {}
                SequenceOutput::Mp4(_) => mp4::write_video(&renderer, frames, request.fps, files, progress, cancel)?,
                SequenceOutput::Pptx(_) => pptx::write_deck(&renderer, &shown, files, progress, cancel)?,
                SequenceOutput::PdfBook(_) => {
                    let ticks = pdf::PageTicks { progress, cancel };
                    book_pages = pdf::write_book(data, &shown, &request.opts, files, &ticks)?;
                }
            }
            written.push((output.clone(), files.files().to_vec()));
        }
        stop_if_cancelled(cancel)?;
        begun.finish();
        let bookmarks = match request.output(OutputKind::PdfBook) {
            Some(_) => pdf::frame_pages(&data.scenario, &shown)
                .iter()
                .filter(|p| p.bookmark().is_some())
                .count(),
            None => 0,
        };
        Ok(SequenceOutcome {
            written,
            facts: OutcomeFacts {
                frames: shown.len(),
                size_px: request.opts.output_size_px(),
                fps: request.fps,
                bookmarks,
                book_pages,
                video_frames: frames
                    .iter()
                    .map(|f| usize::try_from(f.video_frames(request.fps)).unwrap_or(usize::MAX))
                    .fold(0, usize::saturating_add),
            },
        })
    }
}

/// Checks `request` and runs it ([`SequenceRequest::check`],
/// [`CheckedSequence::run`]): nothing is rendered unless every output
/// passes.
pub fn export_sequence(
    data: &LoadedInputs,
    request: &SequenceRequest,
    progress: &(dyn Fn() + Sync),
    cancel: &AtomicBool,
) -> Result<SequenceOutcome, ExportError> {
    request.check(data)?.run(data, progress, cancel)
}

/// The PNG frames and the GIF, in one pass: each frame is written as PNG
/// and quantised for the GIF by the worker that rendered it, and appended
/// to the GIF in order.
fn write_frames_and_gif(
    renderer: &FrameRenderer<'_>,
    frames: &[Frame],
    fps: u16,
    png: Option<OutputFiles<'_>>,
    gif: Option<OutputFiles<'_>>,
    progress: &(dyn Fn() + Sync),
    cancel: &AtomicBool,
) -> Result<(), ExportError> {
    let (quantiser, mut writer) = match gif {
        Some(files) => {
            let (quantiser, writer) = begin_gif(files, renderer, frames, fps, cancel)?;
            (Some(quantiser), Some(writer))
        }
        None => (None, None),
    };
    // Chunks bound memory: quantised GIF frames (a byte a pixel) wait here
    // to be appended in order.
    let chunk = renderer.workers() * if writer.is_some() { 1 } else { 4 };
    // The PNG frames leave out the moves between a brief's stops: each
    // frame's place among the PNGs.
    let png_index: Vec<Option<usize>> = frames
        .iter()
        .scan(0, |next, f| {
            Some((!f.between).then(|| {
                *next += 1;
                *next - 1
            }))
        })
        .collect();
    let prepare = |index: usize, frame: &Frame, pixmap: &Pixmap| -> Result<Option<Quantised>, ExportError> {
        if let (Some(files), Some(Some(png_index))) = (png, png_index.get(index)) {
            write_png_frame(files, *png_index, pixmap)?;
        }
        quantiser.as_ref().map(|q| q.quantise(index, frame, pixmap)).transpose()
    };
    let mut sink = |_: &Frame, quantised: Option<Quantised>| match (&mut writer, quantised) {
        (Some(writer), Some(frame)) => writer.append(frame),
        _ => Ok(()),
    };
    renderer.render_in_order(frames, chunk, &prepare, &mut sink, progress, cancel)?;
    if let Some(writer) = writer {
        stop_if_cancelled(cancel)?;
        writer.finish()?;
    }
    Ok(())
}

/// What a sequence export wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SequenceOutcome {
    /// Each output and its files, in [`OutputKind::ALL`] order.
    written: Vec<(SequenceOutput, Vec<PathBuf>)>,
    facts: OutcomeFacts,
}

impl SequenceOutcome {
    /// The files the output of `kind` wrote (none if it had none).
    #[cfg(any(test, feature = "testing"))]
    pub fn files(&self, kind: OutputKind) -> &[PathBuf] {
        self.written
            .iter()
            .find(|(output, _)| output.kind() == kind)
            .map_or(&[][..], |(_, files)| files.as_slice())
    }

    /// The PNG frames written, in frame order.
    #[cfg(any(test, feature = "testing"))]
    pub fn frames(&self) -> &[PathBuf] {
        self.files(OutputKind::Frames)
    }

    /// The one file of the output of `kind` (a GIF, a video…).
    #[cfg(any(test, feature = "testing"))]
    pub fn file(&self, kind: OutputKind) -> Option<&Path> {
        match kind {
            OutputKind::Frames => None,
            _ => self.files(kind).first().map(PathBuf::as_path),
        }
    }

    /// What was written, an output a line: `20 frames (1920x1080 px) to
    /// out`, `out/seq.gif`, `deck.pptx (21 slides)`. The command line
    /// prints each after "wrote"; [`Self::summary`] joins them.
    pub fn describe(&self) -> Vec<String> {
        self.written
            .iter()
            .map(|(output, _)| output.describe(&self.facts))
            .collect()
    }

    /// The outcome in one sentence: "Exported 20 frames (…) to out and
    /// out/seq.gif (20 dates)" (the window's notice).
    pub fn summary(&self) -> String {
        let dates = self.facts.frames;
        let noun = if dates == 1 { "date" } else { "dates" };
        format!("Exported {} ({dates} {noun})", self.describe().join(" and "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, TrackLayout};

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn data() -> LoadedInputs {
        LoadedInputs::embedded().unwrap()
    }

    fn request(data: &LoadedInputs, outputs: Vec<SequenceOutput>) -> SequenceRequest {
        let layout = TrackLayout::Single(data.scenario.track_idx("announced").unwrap());
        SequenceRequest {
            frames: Frame::on_dates(layout, &[d("2025-01-01"), d("2025-02-01")]),
            outputs,
            fps: 4,
            force: false,
            opts: ExportOptions {
                size_px: [160, 90],
                ..ExportOptions::default()
            },
        }
    }

    /// Every kind of output: the frames into `dir/frames` (made by the
    /// request), each other output as `dir/seq.{extension}`.
    fn every_output(dir: &Path) -> Vec<SequenceOutput> {
        OutputKind::ALL
            .into_iter()
            .map(|kind| match kind {
                OutputKind::Frames => kind.at(dir.join("frames")),
                _ => kind.at(dir.join(format!("seq.{}", kind.extension()))),
            })
            .collect()
    }

    #[test]
    fn each_output_kinds_files_are_in_the_checked_plan() {
        let data = data();
        let dir = tempfile::tempdir().unwrap();
        for output in every_output(dir.path()) {
            let request = request(&data, vec![output.clone()]);
            let checked = request.check(&data).unwrap();
            let planned: Vec<&Path> = checked.files().collect();
            let files = output.files(&data, &request.frames);
            assert!(!files.is_empty(), "{output:?}");
            for file in &files {
                assert!(planned.contains(&file.as_path()), "{output:?}: {file:?} not checked");
            }
            // Taken, the output's first file is refused before anything is made.
            std::fs::create_dir_all(dir.path().join("frames")).unwrap();
            std::fs::write(&files[0], b"mine").unwrap();
            let err = request.check(&data).unwrap_err();
            assert!(err.to_string().contains("allow replacing"), "{output:?}: {err}");
            std::fs::remove_file(&files[0]).unwrap();
        }
    }

    #[test]
    fn a_failing_writer_removes_every_output_of_the_request() {
        let data = data();
        let dir = tempfile::tempdir().unwrap();
        // The book goes last, into a directory that is gone once the others
        // are written: its writer fails after every other output is done.
        let book_dir = dir.path().join("book");
        std::fs::create_dir(&book_dir).unwrap();
        let mut outputs: Vec<SequenceOutput> = every_output(dir.path())
            .into_iter()
            .filter(|o| o.kind() != OutputKind::PdfBook)
            .collect();
        outputs.push(SequenceOutput::PdfBook(book_dir.join("book.pdf")));
        let request = request(&data, outputs);
        let checked = request.check(&data).unwrap();
        std::fs::remove_dir(&book_dir).unwrap();
        let err = checked.run(&data, &|| {}, &AtomicBool::new(false)).unwrap_err();
        assert!(err.to_string().contains("book"), "{err}");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert!(left.is_empty(), "left: {left:?}");
    }

    #[test]
    fn two_outputs_of_one_kind_or_none_are_refused() {
        let data = data();
        let none = request(&data, Vec::new());
        assert!(matches!(none.check(&data), Err(ExportError::NoOutput)));
        let twice = request(
            &data,
            vec![SequenceOutput::Gif("a.gif".into()), SequenceOutput::Gif("b.gif".into())],
        );
        let err = twice.check(&data).unwrap_err().to_string();
        assert!(err.contains("Animated GIF twice") && err.contains("b.gif"), "{err}");
    }

    #[test]
    fn progress_counts_a_pass_per_output_but_one_for_frames_and_gif() {
        let data = data();
        let dir = tempfile::tempdir().unwrap();
        let every = request(&data, every_output(dir.path()));
        assert_eq!(every.progress_steps(), 2 * 4);
        let frames_and_gif = request(&data, every_output(dir.path())[..2].to_vec());
        assert_eq!(frames_and_gif.progress_steps(), 2);
    }

    #[test]
    fn the_outcome_describes_each_output_once_in_order() {
        let outcome = SequenceOutcome {
            written: vec![
                (
                    SequenceOutput::Frames("out".into()),
                    vec!["out/a.png".into(), "out/b.png".into()],
                ),
                (SequenceOutput::Pptx("deck.pptx".into()), vec!["deck.pptx".into()]),
            ],
            facts: OutcomeFacts {
                frames: 2,
                size_px: [320, 180],
                fps: 8,
                bookmarks: 0,
                book_pages: 0,
                video_frames: 2,
            },
        };
        assert_eq!(
            outcome.describe(),
            ["2 frames (320x180 px) to out", "deck.pptx (3 slides)"]
        );
        assert_eq!(
            outcome.summary(),
            "Exported 2 frames (320x180 px) to out and deck.pptx (3 slides) (2 dates)"
        );
        assert_eq!(outcome.frames().len(), 2);
        assert_eq!(outcome.file(OutputKind::Pptx), Some(Path::new("deck.pptx")));
        assert_eq!(outcome.file(OutputKind::Gif), None);
    }
}
