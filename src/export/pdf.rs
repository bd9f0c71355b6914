//! PDF export: one page of the composition as vectors with real text
//! ([`crate::render::pdf_canvas`]), or a briefing book of a sequence's
//! frames, one page each, with a bookmark per milestone.
//!
//! A page is the export's layout in CSS pixels (1/96 inch, 0.75 pt): a
//! 1920×1080 layout is a 20 × 11.25 inch page, which viewers fit to the
//! window and printers to the paper. Nothing in the file depends on the
//! time or the machine: the same request gives the same bytes.

use std::sync::Arc;

use krilla::Document;
use krilla::destination::XyzDestination;
use krilla::geom::{Point, Transform};
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;

#[cfg(feature = "testing")]
use super::checked::CheckedOutputs;
use super::checked::OutputFiles;
use super::format::ImageFormat;
use super::frame::{Frame, FrameRenderer};
use super::{ExportError, ExportOptions, TextEngine, document_title, with_text_engine};
use crate::inputs::LoadedInputs;
use crate::model::{Date, Scenario, TrackLayout, date_format};
use crate::render::Furniture;
use crate::render::pdf_canvas::{PdfCanvas, PdfFonts};
use crate::render::vector_text::clean_text;

/// PDF points per layout point (a CSS pixel is 3/4 of a point).
const PT_PER_LAYOUT_POINT: f32 = 0.75;

/// Most pages one briefing book may have: a 1080p page holds the whole
/// map (~250 KB), so this keeps a book within ~100 MB of memory and disk.
pub const MAX_BOOK_PAGES: usize = 400;

/// One page of a briefing book: its date and the title of the milestone
/// on that date, if any (the page's bookmark).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BookPage {
    pub date: Date,
    pub milestone: Option<String>,
}

impl BookPage {
    /// The bookmark of a milestone's page: `2025-10-01 — Title`.
    pub fn bookmark(&self) -> Option<String> {
        let title = self.milestone.as_deref()?;
        Some(format!("{} — {}", date_format::iso(self.date), clean_text(title)))
    }
}

/// The pages of a book of `dates`, each with the titles of the milestones
/// of `layout`'s tracks on its date (joined when several fall on one day).
#[cfg(feature = "testing")]
pub fn book_pages(scenario: &Scenario, layout: TrackLayout, dates: &[Date]) -> Vec<BookPage> {
    frame_pages(scenario, &Frame::on_dates(layout, dates))
}

/// The page of each of `frames`: its date and the titles of the
/// milestones of its tracks on that date (joined when several fall on one
/// day).
pub fn frame_pages(scenario: &Scenario, frames: &[Frame]) -> Vec<BookPage> {
    frames
        .iter()
        .map(|frame| {
            let shown = frame.layout.as_slice();
            let titles: Vec<&str> = scenario
                .milestones
                .iter()
                .filter(|m| m.date == frame.date && m.shown_with(shown))
                .map(|m| m.title.as_str())
                .collect();
            BookPage {
                date: frame.date,
                milestone: (!titles.is_empty()).then(|| titles.join("; ")),
            }
        })
        .collect()
}

/// Renders `layout` on `date` as a one-page PDF: the picture of
/// [`super::render_png`] with the same options.
pub fn render_pdf(
    data: &LoadedInputs,
    layout: TrackLayout,
    date: Date,
    opts: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    render_pdf_with(data, layout, date, None, opts)
}

/// [`render_pdf`] with a brief's `furniture` over the map.
pub fn render_pdf_with(
    data: &LoadedInputs,
    layout: TrackLayout,
    date: Date,
    furniture: Option<&Furniture>,
    opts: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    let title = document_title(data, layout, date);
    let page = BookPage { date, milestone: None };
    let frame = Frame {
        furniture: furniture.map(|f| Arc::new(f.clone())),
        ..Frame::new(layout, date)
    };
    render_document(data, &[frame], &[page], opts, &title)
}

/// A briefing book: one page per entry of `pages`, in order, and a
/// bookmark for each page with a milestone.
#[cfg(feature = "testing")]
pub fn pdf_book(
    data: &LoadedInputs,
    layout: TrackLayout,
    pages: &[BookPage],
    opts: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    let frames: Vec<Frame> = pages.iter().map(|p| Frame::new(layout, p.date)).collect();
    render_document(data, &frames, pages, opts, &book_title(data, layout))
}

/// Writes [`pdf_book`] to `path` atomically; `replace` allows replacing an
/// existing file. A name that is not a `.pdf`, a bad request or a taken
/// target is refused before anything is rendered, and then no file is
/// created.
#[cfg(feature = "testing")]
pub fn write_pdf_book(
    data: &LoadedInputs,
    layout: TrackLayout,
    pages: &[BookPage],
    opts: &ExportOptions,
    path: &std::path::Path,
    replace: bool,
) -> Result<(), ExportError> {
    check_book_path(path)?;
    check_book(pages, opts)?;
    let mut outputs = CheckedOutputs::new(replace);
    let book = outputs.add(None, vec![path.to_owned()])?;
    let begun = outputs.begin()?;
    let bytes = pdf_book(data, layout, pages, opts)?;
    begun.files(book).write_file(path, &bytes)?;
    begun.finish();
    Ok(())
}

/// The book of a sequence's `frames` (a page each, rendered as vectors)
/// into the output's file.
pub fn write_book(
    data: &LoadedInputs,
    frames: &[Frame],
    opts: &ExportOptions,
    files: OutputFiles<'_>,
) -> Result<(), ExportError> {
    let pages = frame_pages(&data.scenario, frames);
    let layout = frames.first().map(|f| f.layout);
    let title = layout.map_or_else(|| data.scenario.title.clone(), |layout| book_title(data, layout));
    let bytes = render_document(data, frames, &pages, opts, &title)?;
    let path = files.files().first().cloned().unwrap_or_default();
    files.write_file(&path, &bytes)
}

/// A book's title: the scenario's and the tracks' label.
fn book_title(data: &LoadedInputs, layout: TrackLayout) -> String {
    format!("{} — {}", data.scenario.title, layout.file_label(&data.scenario))
}

/// A book's name must say PDF.
pub fn check_book_path(path: &std::path::Path) -> Result<(), ExportError> {
    if ImageFormat::from_path(path).ok() != Some(ImageFormat::Pdf) {
        return Err(ExportError::Invalid(format!(
            "a briefing book is written as .pdf: {}",
            path.display()
        )));
    }
    Ok(())
}

/// A book of `pages` can be written with `opts`: at least one page, at
/// most [`MAX_BOOK_PAGES`].
pub fn check_book(pages: &[BookPage], opts: &ExportOptions) -> Result<(), ExportError> {
    opts.validate()?;
    if pages.is_empty() {
        return Err(ExportError::Invalid(
            "a briefing book needs at least one page".to_owned(),
        ));
    }
    if pages.len() > MAX_BOOK_PAGES {
        return Err(ExportError::Invalid(format!(
            "a briefing book of {} pages is too long: at most {MAX_BOOK_PAGES}; take a longer step or a shorter range",
            pages.len()
        )));
    }
    Ok(())
}

/// The pages of `pages`, each painted from its frame (`frames[i]` for
/// `pages[i]`).
fn render_document(
    data: &LoadedInputs,
    frames: &[Frame],
    pages: &[BookPage],
    opts: &ExportOptions,
    title: &str,
) -> Result<Vec<u8>, ExportError> {
    check_book(pages, opts)?;
    let renderer = FrameRenderer::new(data, opts, frames);
    let area = opts.logical_rect();
    let page_size = area.size() * PT_PER_LAYOUT_POINT;
    let settings = PageSettings::from_wh(page_size.x, page_size.y)
        .ok_or_else(|| ExportError::Invalid(format!("a page of {page_size:?} pt cannot be made")))?;
    let mut document = Document::new();
    document.set_metadata(Metadata::new().title(clean_text(title)).creator("drawdown".to_owned()));
    let mut fonts = PdfFonts::new();
    let mut outline = Outline::new();
    with_text_engine(|engine: &mut TextEngine| {
        for (index, (page, frame)) in pages.iter().zip(frames).enumerate() {
            engine.begin_frame(opts.theme);
            let mut pdf_page = document.start_page_with(settings.clone());
            let mut surface = pdf_page.surface();
            surface.push_transform(&Transform::from_scale(PT_PER_LAYOUT_POINT, PT_PER_LAYOUT_POINT));
            let mut canvas = PdfCanvas::new(&mut surface, engine, &mut fonts, opts.scale);
            renderer.paint_vector(&mut canvas, frame);
            surface.pop();
            surface.finish();
            pdf_page.finish();
            if let Some(bookmark) = page.bookmark() {
                let top = XyzDestination::new(index, Point::from_xy(0.0, 0.0));
                outline.push_child(OutlineNode::new(bookmark, top));
            }
        }
    });
    document.set_outline(outline);
    document.finish().map_err(|e| ExportError::Pdf(format!("{e:?}")))
}
