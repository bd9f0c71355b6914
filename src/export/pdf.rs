//! PDF export: one page of the composition as vectors with real text
//! ([`crate::render::pdf_canvas`]), or a briefing book of a sequence's
//! frames, one page each, with a bookmark per milestone.
//!
//! A page is the export's layout in CSS pixels (1/96 inch, 0.75 pt): a
//! 1920×1080 layout is a 20 × 11.25 inch page, which viewers fit to the
//! window and printers to the paper. Nothing in the file depends on the
//! time or the machine: the same request gives the same bytes.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use egui::{Align2, Pos2, Rect, pos2, vec2};

use krilla::Document;
use krilla::destination::XyzDestination;
use krilla::geom::{Point, Transform};
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;

#[cfg(feature = "testing")]
use super::checked::CheckedOutputs;
use super::checked::OutputFiles;
use super::frame::{BriefCover, Frame, FrameRenderer, stop_if_cancelled};
use super::pptx::{FrameSlide, brief_title_lines, digest_not_in, talking_points};
use super::{ExportError, ExportOptions, TextEngine, document_title, with_text_engine};
use crate::inputs::LoadedInputs;
use crate::model::printable::document_text;
use crate::model::status_report::one_line;
use crate::model::{Date, Scenario, TrackLayout, date_format};
use crate::render::canvas::{Canvas, TextSpec};
use crate::render::pdf_canvas::{PdfCanvas, PdfShared};
use crate::render::vector_text::clean_text;
use crate::render::{Banner, Furniture, MapStyle, Theme};

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
        let title = clean_text(title);
        Some(format!("{} — {}", date_format::iso(self.date), document_text(&title)))
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
            // A brief's stop is bookmarked by its number and title.
            if let Some(stop) = &frame.stop {
                return BookPage {
                    date: frame.date,
                    milestone: Some(format!("{}. {}", stop.number, stop.title)),
                };
            }
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
/// [`super::render_png`] with the same options (tests; the exporter
/// calls [`render_pdf_with`]).
#[cfg(any(test, feature = "testing"))]
pub fn render_pdf(
    data: &LoadedInputs,
    layout: TrackLayout,
    date: Date,
    opts: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    render_pdf_with(data, layout, date, None, opts)
}

/// `render_pdf` with a brief's `furniture` over the map.
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
    render_document(data, &[frame], &[page], opts, &title, &PageTicks::none())
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
    render_document(
        data,
        &frames,
        pages,
        opts,
        &book_title(data, layout),
        &PageTicks::none(),
    )
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
    super::names::check_extension("a briefing book", "pdf", path)?;
    check_book(pages, opts)?;
    let mut outputs = CheckedOutputs::new(replace);
    let book = outputs.add(None, vec![path.to_owned()])?;
    let begun = outputs.begin()?;
    let bytes = pdf_book(data, layout, pages, opts)?;
    begun.files(book).write_file(path, &bytes)?;
    begun.finish();
    Ok(())
}

/// A book's progress and cancel, per map page: a 400-page book is seconds
/// of work, and a Cancel (or Ctrl-C) must not wait for all of it.
pub struct PageTicks<'a> {
    pub progress: &'a (dyn Fn() + Sync),
    pub cancel: &'a AtomicBool,
}

/// Never cancelled, counted by nobody: a one-page PDF, the tests' books.
static NEVER_CANCELLED: AtomicBool = AtomicBool::new(false);

impl PageTicks<'_> {
    fn none() -> PageTicks<'static> {
        PageTicks {
            progress: &|| {},
            cancel: &NEVER_CANCELLED,
        }
    }
}

/// The book of a sequence's `frames` (a page each, rendered as vectors)
/// into the output's file; `ticks` counts each map page and stops between
/// two of them when cancelled.
pub fn write_book(
    data: &LoadedInputs,
    frames: &[Frame],
    opts: &ExportOptions,
    files: OutputFiles<'_>,
    ticks: &PageTicks<'_>,
) -> Result<usize, ExportError> {
    let brief = frames
        .iter()
        .find_map(|f| f.stop.as_ref())
        .map(|s| Arc::clone(&s.brief));
    let (bytes, pages) = match brief {
        Some(brief) => render_brief_book(data, frames, opts, &brief, ticks)?,
        None => {
            let pages = frame_pages(&data.scenario, frames);
            let layout = frames.first().map(|f| f.layout);
            let title = layout.map_or_else(|| data.scenario.title.clone(), |layout| book_title(data, layout));
            (
                render_document(data, frames, &pages, opts, &title, ticks)?,
                frames.len(),
            )
        }
    };
    let path = files.files().first().cloned().unwrap_or_default();
    files.write_file(&path, &bytes)?;
    Ok(pages)
}

/// A map page of a book of `opts`: its settings and the transform from
/// the map's layout points to it (the map's own size, or fitted inside
/// the page's margins, centred).
fn map_page(opts: &ExportOptions) -> Result<(PageSettings, Transform), ExportError> {
    let page = MapPage::of(opts, None);
    Ok((page.settings()?, page.transform()))
}

/// Where a book's map goes on its page.
#[derive(Clone, Copy, Debug, PartialEq)]
struct MapPage {
    /// The page's size, points.
    page_pt: [f32; 2],
    /// The map on the page, points (top left origin).
    map: Rect,
    /// Page points per layout point of the map.
    scale: f32,
    /// The banners' bands across the page's top and bottom edges, when
    /// the page is paper and the brief has them; the map's own otherwise.
    banner_on_page: bool,
}

impl MapPage {
    /// The map page of `opts`: at the map's own size (its banners are the
    /// page's edges), or on paper fitted inside the margins, centred —
    /// and with a brief's `banner`, between the banners, which then run
    /// along the paper's top and bottom edges, not the map's.
    fn of(opts: &ExportOptions, banner: Option<(&Furniture, &MapStyle)>) -> Self {
        let map_pt = opts.logical_rect().size() * PT_PER_LAYOUT_POINT;
        let Some([w, h]) = opts.page.points() else {
            return Self {
                page_pt: [map_pt.x, map_pt.y],
                map: Rect::from_min_size(Pos2::ZERO, map_pt),
                scale: PT_PER_LAYOUT_POINT,
                banner_on_page: false,
            };
        };
        let page = Rect::from_min_size(Pos2::ZERO, vec2(w, h));
        let (room, banner_on_page) = match banner.filter(|(b, _)| b.banner.is_some()) {
            Some((banner, style)) => {
                let between = banner.map_area(page, style);
                // The side margins, and half of one from each banner.
                (between.shrink2(vec2(PAGE_MARGIN_PT, PAGE_MARGIN_PT / 2.0)), true)
            }
            None => (page.shrink(PAGE_MARGIN_PT), false),
        };
        let fit = (room.width() / map_pt.x).min(room.height() / map_pt.y).max(0.0);
        Self {
            page_pt: [w, h],
            map: Rect::from_center_size(room.center(), map_pt * fit),
            scale: PT_PER_LAYOUT_POINT * fit,
            banner_on_page,
        }
    }

    fn settings(&self) -> Result<PageSettings, ExportError> {
        let [w, h] = self.page_pt;
        PageSettings::from_wh(w, h).ok_or_else(|| ExportError::Invalid(format!("a page of {w}x{h} pt cannot be made")))
    }

    /// From the map's layout points to the page's.
    fn transform(&self) -> Transform {
        Transform::from_row(self.scale, 0.0, 0.0, self.scale, self.map.left(), self.map.top())
    }
}

/// The margin around a map fitted to a paper page, PDF points.
const PAGE_MARGIN_PT: f32 = 24.0;

/// The size of a text page (the cover, a stop's text) of `opts`, points.
fn text_page_pt(opts: &ExportOptions) -> [f32; 2] {
    opts.page.points().unwrap_or_else(|| {
        let map_pt = opts.logical_rect().size() * PT_PER_LAYOUT_POINT;
        [map_pt.x, map_pt.y]
    })
}

/// One line of a text page: its text, size (points), colour and the
/// space after it (points).
#[derive(Clone)]
struct TextLine {
    text: String,
    size: f32,
    muted: bool,
    gap: f32,
}

impl TextLine {
    fn new(text: impl Into<String>, size: f32, gap: f32) -> Self {
        Self {
            text: text.into(),
            size,
            muted: false,
            gap,
        }
    }

    fn muted(self) -> Self {
        Self { muted: true, ..self }
    }
}

/// A brief's book: a cover page, then for each stop its map page and its
/// text (title, talking points, what changed and the statuses with their
/// sources; more pages if it runs long), a bookmark on each stop's map.
fn render_brief_book(
    data: &LoadedInputs,
    frames: &[Frame],
    opts: &ExportOptions,
    brief: &BriefCover,
    ticks: &PageTicks<'_>,
) -> Result<(Vec<u8>, usize), ExportError> {
    check_book(&frame_pages(&data.scenario, frames), opts)?;
    let scenario = &data.scenario;
    let renderer = FrameRenderer::new(data, opts, frames);
    let [pw, ph] = text_page_pt(opts);
    let text_settings = PageSettings::from_wh(pw, ph)
        .ok_or_else(|| ExportError::Invalid(format!("a page of {pw}x{ph} pt cannot be made")))?;
    let style = MapStyle::for_theme(Theme::Light);
    let banner = Furniture {
        banner: brief.classification.as_deref().map(Banner::of_text),
        ..Furniture::default()
    };
    let map_page = MapPage::of(opts, Some((&banner, &style)));
    let (map_settings, map_transform) = (map_page.settings()?, map_page.transform());
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(clean_text(&brief.title))
            .creator("drawdown".to_owned()),
    );
    let mut shared = PdfShared::shared_by(frames.len());
    let mut outline = Outline::new();
    let mut page_index = 0;
    let cover = cover_lines(scenario, frames, brief);
    with_text_engine(|engine: &mut TextEngine| {
        engine.begin_frame(Theme::Light);
        let text = TextPages {
            settings: &text_settings,
            page_pt: [pw, ph],
            banner: &banner,
            style: &style,
        };
        page_index += text.write(&mut document, &mut shared, engine, &cover, None);
        for frame in frames {
            stop_if_cancelled(ticks.cancel)?;
            engine.begin_frame(opts.theme);
            let mut pdf_page = document.start_page_with(map_settings.clone());
            let mut surface = pdf_page.surface();
            surface.push_transform(&map_transform);
            let mut canvas = PdfCanvas::new(&mut surface, engine, &mut shared, opts.scale);
            if map_page.banner_on_page {
                renderer.paint_vector(&mut canvas, &without_banner(frame));
            } else {
                renderer.paint_vector(&mut canvas, frame);
            }
            surface.pop();
            if map_page.banner_on_page {
                // The banners along the paper's edges, as on its text pages.
                let mut canvas = PdfCanvas::new(&mut surface, engine, &mut shared, 1.0);
                let whole = Rect::from_min_size(Pos2::ZERO, vec2(map_page.page_pt[0], map_page.page_pt[1]));
                banner.paint_frame(whole, banner.map_area(whole, &style), &style, &mut canvas);
            }
            surface.finish();
            pdf_page.finish();
            if let Some(stop) = &frame.stop {
                let top = XyzDestination::new(page_index, Point::from_xy(0.0, 0.0));
                outline.push_child(OutlineNode::new(
                    clean_text(&format!("{}. {}", stop.number, stop.title)),
                    top,
                ));
            }
            page_index += 1;
            engine.begin_frame(Theme::Light);
            let continued = frame
                .stop
                .as_ref()
                .map(|stop| format!("Stop {} (continued): {}", stop.number, one_line(&stop.title)));
            page_index += text.write(
                &mut document,
                &mut shared,
                engine,
                &stop_lines(scenario, frame),
                continued.as_deref(),
            );
            (ticks.progress)();
        }
        Ok::<(), ExportError>(())
    })?;
    document.set_outline(outline);
    let bytes = document.finish().map_err(|e| ExportError::Pdf(format!("{e:?}")))?;
    Ok((bytes, page_index))
}

/// `frame` with no classification banner of its own: on paper, the page
/// carries it along its edges.
fn without_banner(frame: &Frame) -> Frame {
    Frame {
        furniture: frame.furniture.as_deref().map(|f| {
            Arc::new(Furniture {
                banner: None,
                ..f.clone()
            })
        }),
        ..frame.clone()
    }
}

/// How a book's text pages are made.
struct TextPages<'a> {
    settings: &'a PageSettings,
    page_pt: [f32; 2],
    banner: &'a Furniture,
    style: &'a MapStyle,
}

impl TextPages<'_> {
    /// Writes `lines` on as many pages as they take, each page after the
    /// first headed by `continued`; returns how many.
    fn write(
        &self,
        document: &mut Document,
        shared: &mut PdfShared,
        engine: &mut TextEngine,
        lines: &[TextLine],
        continued: Option<&str>,
    ) -> usize {
        let pages = paginate(lines, engine, self.page_pt, self.banner, self.style, continued);
        for page in &pages {
            let mut pdf_page = document.start_page_with(self.settings.clone());
            let mut surface = pdf_page.surface();
            let mut canvas = PdfCanvas::new(&mut surface, engine, shared, 1.0);
            paint_text_page(&mut canvas, page, self.page_pt, self.banner, self.style);
            surface.finish();
            pdf_page.finish();
        }
        pages.len()
    }
}

/// The cover's lines: the brief's title, then what its deck's title slide
/// says under it, and how many stops.
fn cover_lines(scenario: &Scenario, frames: &[Frame], brief: &BriefCover) -> Vec<TextLine> {
    let mut lines = vec![TextLine::new(one_line(&brief.title), 28.0, 14.0)];
    for line in brief_title_lines(scenario, frames, brief) {
        lines.push(TextLine::new(line, 13.0, 6.0));
    }
    let stops = frames.iter().filter(|f| f.stop.is_some()).count();
    lines.push(TextLine::new(format!("{stops} stops"), 11.0, 0.0).muted());
    lines
}

/// A stop's text pages: its title and date, the talking points, then
/// what changed and where each region and base stands, with sources.
fn stop_lines(scenario: &Scenario, frame: &Frame) -> Vec<TextLine> {
    let slide = if frame.stop.is_some() {
        FrameSlide::of_stop(scenario, frame.layout, frame.date)
    } else {
        FrameSlide::of(scenario, frame.layout, frame.date)
    };
    let mut lines = Vec::new();
    if let Some(stop) = &frame.stop {
        lines.push(TextLine::new(one_line(&stop.title), 20.0, 4.0));
        lines.push(
            TextLine::new(
                format!(
                    "Stop {} of {} · {}",
                    stop.number,
                    stop.count,
                    date_format::long(frame.date)
                ),
                11.0,
                12.0,
            )
            .muted(),
        );
        let points = talking_points(&stop.notes);
        if !points.is_empty() {
            lines.push(TextLine::new("Talking points", 13.0, 4.0));
            for point in points {
                lines.push(TextLine::new(point, 11.0, 4.0));
            }
            lines.push(TextLine::new("", 6.0, 6.0));
        }
    }
    let points = frame
        .stop
        .as_ref()
        .map(|s| talking_points(&s.notes))
        .unwrap_or_default();
    lines.push(TextLine::new("What changed and where it stands", 13.0, 4.0));
    for note in digest_not_in(&points, slide.notes) {
        lines.push(TextLine::new(note, 10.0, 3.0));
    }
    lines
}

/// A text page: its lines and where each goes (top left, points).
struct TextPage {
    lines: Vec<(TextLine, Pos2)>,
}

/// The area of a text page's lines: within the margins, between the banners.
fn text_area([pw, ph]: [f32; 2], banner: &Furniture, style: &MapStyle) -> Rect {
    let page = Rect::from_min_size(Pos2::ZERO, vec2(pw, ph));
    banner.map_area(page, style).shrink2(vec2(48.0, 28.0))
}

/// The most characters of one paragraph laid out at once: the text engine
/// lays out at most 2,000 and elides the rest, so a longer talking point is set as several paragraphs, cut
/// between sentences where it can be.
const PARAGRAPH_MAX_CHARS: usize = 1_500;

/// `line` as paragraphs of at most [`PARAGRAPH_MAX_CHARS`], cut after a
/// sentence where there is one, else between words.
fn paragraphs(line: &TextLine) -> Vec<TextLine> {
    let mut found = Vec::new();
    let mut rest = line.text.as_str();
    while rest.chars().count() > PARAGRAPH_MAX_CHARS {
        let limit = rest
            .char_indices()
            .nth(PARAGRAPH_MAX_CHARS)
            .map_or(rest.len(), |(i, _)| i);
        let head = rest.get(..limit).unwrap_or(rest);
        let cut = head
            .rfind(". ")
            .map(|i| i + 1)
            .filter(|&i| i > limit / 2)
            .or_else(|| head.rfind(' '))
            .filter(|&i| i > 0)
            .unwrap_or(limit);
        found.push(TextLine {
            text: rest.get(..cut).unwrap_or(rest).trim().to_owned(),
            gap: 0.0,
            ..line.clone()
        });
        rest = rest.get(cut..).unwrap_or_default().trim_start();
    }
    found.push(TextLine {
        text: rest.to_owned(),
        ..line.clone()
    });
    found
}

/// `line`'s first words that fit in `height` points at `width`, and the
/// rest; `None` when not even one word fits.
fn split_to_fit(
    line: &TextLine,
    engine: &mut TextEngine,
    width: f32,
    height: f32,
    style: &MapStyle,
) -> Option<(TextLine, TextLine)> {
    let words: Vec<&str> = line.text.split(' ').collect();
    let fits = |engine: &mut TextEngine, n: usize| {
        let text = words.get(..n).unwrap_or_default().join(" ");
        let probe = TextLine { text, ..line.clone() };
        engine.layout(&line_spec(&probe, width, style), 1.0).size().y <= height
    };
    // The most words that fit: a binary search, as the height grows with
    // the words.
    let (mut lo, mut hi) = (0, words.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if fits(engine, mid) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    if lo == 0 || lo >= words.len() {
        return None;
    }
    let head = TextLine {
        text: words.get(..lo).unwrap_or_default().join(" "),
        gap: 0.0,
        ..line.clone()
    };
    let tail = TextLine {
        text: words.get(lo..).unwrap_or_default().join(" "),
        ..line.clone()
    };
    Some((head, tail))
}

/// `lines` set on pages of `page_pt`: a paragraph that runs past a
/// page's foot continues on the next, which `continued` heads (a stop's
/// talking points are printed whole, never elided).
fn paginate(
    lines: &[TextLine],
    engine: &mut TextEngine,
    page_pt: [f32; 2],
    banner: &Furniture,
    style: &MapStyle,
    continued: Option<&str>,
) -> Vec<TextPage> {
    let area = text_area(page_pt, banner, style);
    let header = continued.map(|text| TextLine::new(text, 13.0, 8.0).muted());
    let mut pages = vec![TextPage { lines: Vec::new() }];
    let mut y = area.top();
    // The lines on the page that are only its header: a page holding no
    // more takes the next line whatever its height.
    let mut headed = 0;
    let mut queue: std::collections::VecDeque<TextLine> = lines.iter().flat_map(paragraphs).collect();
    while let Some(line) = queue.pop_front() {
        let height = engine.layout(&line_spec(&line, area.width(), style), 1.0).size().y;
        let page_is_empty = pages.last().is_none_or(|p| p.lines.len() <= headed);
        if y + height > area.bottom() && !page_is_empty {
            // What fits goes here; the rest opens the next page.
            if let Some((head, tail)) = split_to_fit(&line, engine, area.width(), area.bottom() - y, style) {
                if let Some(page) = pages.last_mut() {
                    page.lines.push((head, pos2(area.left(), y)));
                }
                queue.push_front(tail);
            } else {
                queue.push_front(line);
            }
            pages.push(TextPage { lines: Vec::new() });
            y = area.top();
            headed = usize::from(header.is_some());
            if let (Some(header), Some(page)) = (&header, pages.last_mut()) {
                let height = engine.layout(&line_spec(header, area.width(), style), 1.0).size().y;
                page.lines.push((header.clone(), pos2(area.left(), y)));
                y += height + header.gap;
            }
            continue;
        }
        if let Some(page) = pages.last_mut() {
            page.lines.push((line.clone(), pos2(area.left(), y)));
        }
        y += height + line.gap;
    }
    pages
}

fn line_spec<'l>(line: &'l TextLine, width: f32, style: &MapStyle) -> TextSpec<'l> {
    TextSpec {
        text: &line.text,
        size: line.size,
        color: if line.muted { style.muted_text } else { style.text },
        halo: None,
        wrap_width: Some(width),
        // A paragraph is cut to fit its page (paginate), never elided.
        max_rows: Some(usize::MAX),
    }
}

fn paint_text_page(canvas: &mut dyn Canvas, page: &TextPage, page_pt: [f32; 2], banner: &Furniture, style: &MapStyle) {
    let area = text_area(page_pt, banner, style);
    for (line, at) in &page.lines {
        canvas.text(&line_spec(line, area.width(), style), *at, Align2::LEFT_TOP);
    }
    let whole = Rect::from_min_size(Pos2::ZERO, vec2(page_pt[0], page_pt[1]));
    banner.paint_frame(whole, banner.map_area(whole, style), style, canvas);
}

/// A book's title: the scenario's and the tracks' label.
fn book_title(data: &LoadedInputs, layout: TrackLayout) -> String {
    format!("{} — {}", data.scenario.title, layout.file_label(&data.scenario))
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
    ticks: &PageTicks<'_>,
) -> Result<Vec<u8>, ExportError> {
    check_book(pages, opts)?;
    let renderer = FrameRenderer::new(data, opts, frames);
    let (settings, map_transform) = map_page(opts)?;
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(document_text(&clean_text(title)).into_owned())
            .creator("drawdown".to_owned()),
    );
    let mut shared = PdfShared::shared_by(pages.len());
    let mut outline = Outline::new();
    with_text_engine(|engine: &mut TextEngine| {
        for (index, (page, frame)) in pages.iter().zip(frames).enumerate() {
            stop_if_cancelled(ticks.cancel)?;
            engine.begin_frame(opts.theme);
            let mut pdf_page = document.start_page_with(settings.clone());
            let mut surface = pdf_page.surface();
            surface.push_transform(&map_transform);
            let mut canvas = PdfCanvas::new(&mut surface, engine, &mut shared, opts.scale);
            renderer.paint_vector(&mut canvas, frame);
            surface.pop();
            surface.finish();
            pdf_page.finish();
            if let Some(bookmark) = page.bookmark() {
                let top = XyzDestination::new(index, Point::from_xy(0.0, 0.0));
                outline.push_child(OutlineNode::new(bookmark, top));
            }
            (ticks.progress)();
        }
        Ok::<(), ExportError>(())
    })?;
    document.set_outline(outline);
    document.finish().map_err(|e| ExportError::Pdf(format!("{e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::PageSize;

    /// The form XObjects of `doc`.
    fn forms(doc: &lopdf::Document) -> usize {
        doc.objects
            .values()
            .filter_map(|o| o.as_stream().ok())
            .filter(|s| s.dict.get(b"Subtype").and_then(lopdf::Object::as_name).ok() == Some(b"Form".as_slice()))
            .count()
    }

    #[test]
    fn a_books_pages_share_what_they_draw_alike_and_a_single_page_shares_nothing() {
        let data = LoadedInputs::embedded().unwrap();
        let layout = TrackLayout::Single(data.scenario.default_track);
        let date: Date = "2026-01-17".parse().unwrap();
        let opts = ExportOptions {
            size_px: [960, 540],
            ..ExportOptions::default()
        };
        let single = lopdf::Document::load_mem(&render_pdf(&data, layout, date, &opts).unwrap()).unwrap();
        assert_eq!(forms(&single), 0, "a page draws everything where it is");
        let text = single.extract_text(&[1]).unwrap();
        let book = |n: usize| {
            let pages = vec![BookPage { date, milestone: None }; n];
            lopdf::Document::load_mem(&pdf_book(&data, layout, &pages, &opts).unwrap()).unwrap()
        };
        let (two, four) = (book(2), book(4));
        assert!(forms(&two) > 10, "the map's shapes and halos: {}", forms(&two));
        assert_eq!(forms(&four), forms(&two), "written once, however many pages draw them");
        for page in 1..=4 {
            assert_eq!(four.extract_text(&[page]).unwrap(), text, "page {page}");
        }
    }

    #[test]
    fn long_talking_points_run_whole_onto_continuation_pages_headed_by_the_stop() {
        let style = MapStyle::for_theme(Theme::Light);
        let banner = Furniture {
            banner: Some(Banner::of_text("UNCLASSIFIED")),
            ..Furniture::default()
        };
        let long: String = (1..=300)
            .map(|n| format!("Point {n} holds figure {}.", n * 7))
            .collect::<Vec<_>>()
            .join(" ");
        let mut lines = vec![
            TextLine::new("Qasrak reinforced", 20.0, 4.0),
            TextLine::new("Talking points", 13.0, 4.0),
            TextLine::new(long, 11.0, 4.0),
        ];
        lines.extend((1..=30).map(|n| TextLine::new(format!("Status row {n}, with its source."), 10.0, 3.0)));
        let header = "Stop 8 (continued): Qasrak reinforced";
        let mut engine = TextEngine::new();
        engine.begin_frame(Theme::Light);
        for page_pt in [[841.89, 595.28], [792.0, 612.0]] {
            let pages = paginate(&lines, &mut engine, page_pt, &banner, &style, Some(header));
            assert!(pages.len() >= 3, "{} pages", pages.len());
            let area = text_area(page_pt, &banner, &style);
            let mut printed = Vec::new();
            for (i, page) in pages.iter().enumerate() {
                let first = page.lines.first().map(|(l, _)| l.text.as_str());
                if i > 0 {
                    assert_eq!(first, Some(header), "page {i}");
                }
                for (line, at) in page.lines.iter().skip(usize::from(i > 0)) {
                    let height = engine.layout(&line_spec(line, area.width(), &style), 1.0).size().y;
                    assert!(
                        at.y + height <= area.bottom() + 0.01,
                        "page {i}: {:?} runs off",
                        line.text
                    );
                    assert!(!line.text.contains('…'), "elided: {:?}", line.text);
                    printed.push(line.text.clone());
                }
            }
            let words = |t: &[String]| t.join(" ").split_whitespace().map(str::to_owned).collect::<Vec<_>>();
            let said: Vec<String> = lines.iter().map(|l| l.text.clone()).collect();
            assert_eq!(words(&printed), words(&said), "every word, in order");
        }
    }

    #[test]
    fn on_paper_a_briefs_banners_run_along_the_page_edges_with_the_map_between_them() {
        let style = MapStyle::for_theme(Theme::Light);
        let banner = Furniture {
            banner: Some(Banner::of_text("SECRET")),
            ..Furniture::default()
        };
        for size_px in [[1920, 1080], [1024, 768], [640, 360]] {
            for page in [PageSize::A4, PageSize::Letter] {
                let opts = ExportOptions {
                    size_px,
                    page,
                    ..ExportOptions::default()
                };
                let placed = MapPage::of(&opts, Some((&banner, &style)));
                let [w, h] = placed.page_pt;
                let whole = Rect::from_min_size(Pos2::ZERO, vec2(w, h));
                let [top, bottom] = banner.bands(whole, &style);
                assert!(placed.banner_on_page && top > 0.0 && bottom > 0.0);
                let map = placed.map;
                assert!(
                    map.top() >= top + PAGE_MARGIN_PT / 2.0 - 0.01
                        && map.bottom() <= h - bottom - PAGE_MARGIN_PT / 2.0 + 0.01,
                    "{page:?} {size_px:?}: the map {map:?} lies under a banner ({top}, {bottom} of {h})"
                );
                assert!(map.left() >= PAGE_MARGIN_PT - 0.01 && map.right() <= w - PAGE_MARGIN_PT + 0.01);
                assert!((map.center().x - w / 2.0).abs() < 0.01, "centred");
                // The map fills the room it has, one way or the other.
                let room = banner
                    .map_area(whole, &style)
                    .shrink2(vec2(PAGE_MARGIN_PT, PAGE_MARGIN_PT / 2.0));
                assert!(
                    (map.width() - room.width()).abs() < 0.01 || (map.height() - room.height()).abs() < 0.01,
                    "{map:?} in {room:?}"
                );
                // Its layout points land on it.
                let scale = placed.transform();
                let size = opts.logical_rect().size();
                assert!((size.x * scale.sx() - map.width()).abs() < 0.01);
                assert!((scale.tx() - map.left()).abs() < 0.01 && (scale.ty() - map.top()).abs() < 0.01);
            }
        }
    }

    #[test]
    fn a_long_talking_point_is_printed_and_spoken_whole() {
        let data = LoadedInputs::embedded().unwrap();
        let point = format!(
            "{} about 2,500 US personnel remain.",
            "The joint statement says a lot. ".repeat(14)
        );
        assert!(point.chars().count() > 400, "longer than a listing's line");
        let brief = Arc::new(BriefCover {
            title: "Brief".to_owned(),
            subtitle: None,
            prepared_by: None,
            date: "2026-12-07".parse().unwrap(),
            classification: None,
        });
        let date = "2024-09-27".parse().unwrap();
        let frame = Frame {
            stop: Some(Arc::new(super::super::frame::StopPage {
                number: 1,
                count: 1,
                title: "Joint statement".to_owned(),
                notes: format!("{point}\n\nSecond point."),
                brief,
            })),
            ..Frame::new(TrackLayout::Single(data.scenario.default_track), date)
        };
        let lines = stop_lines(&data.scenario, &frame);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        let at = texts.iter().position(|t| *t == "Talking points").unwrap();
        assert_eq!(texts[at + 1..at + 3], [point.as_str(), "Second point."]);
        let slide = FrameSlide::of_frame(&data.scenario, &frame);
        assert_eq!(slide.notes[..2], [point.clone(), "Second point.".to_owned()]);
    }

    #[test]
    fn without_paper_or_banner_the_map_page_is_as_before() {
        let style = MapStyle::for_theme(Theme::Light);
        let wide = ExportOptions::default();
        let placed = MapPage::of(
            &wide,
            Some((
                &Furniture {
                    banner: Some(Banner::of_text("SECRET")),
                    ..Furniture::default()
                },
                &style,
            )),
        );
        let size = wide.logical_rect().size() * PT_PER_LAYOUT_POINT;
        assert_eq!(
            placed.page_pt,
            [size.x, size.y],
            "16:9: the page is the map, banners and all"
        );
        assert!(!placed.banner_on_page);
        let a4 = ExportOptions {
            page: PageSize::A4,
            ..ExportOptions::default()
        };
        let placed = MapPage::of(&a4, None);
        let page = Rect::from_min_size(Pos2::ZERO, vec2(841.89, 595.28)).shrink(PAGE_MARGIN_PT);
        assert!((placed.map.width() - page.width()).abs() < 0.01, "{:?}", placed.map);
        assert!(!placed.banner_on_page);
    }
}
