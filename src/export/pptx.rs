//! PowerPoint decks: a 16:9 title slide, then one slide per frame of a
//! sequence with the map as its picture and, in its speaker notes, the
//! milestone's detail and each region's and base's status on that date
//! with its source (the same rows as `drawdown status`,
//! [`crate::model::status_report`]).
//!
//! The deck is OOXML (PresentationML) in a zip, its parts built by
//! [`parts`]. The same request gives the same bytes: every entry is
//! stored with the zip format's earliest time (1980-01-01), in a fixed
//! order, and no part carries a date; the pictures are the sequence's
//! PNGs, already compressed, and the XML is small, so nothing is deflated.
//! The zip is written straight into the target's temporary file, beside
//! the target, which is put in place whole at the end
//! ([`crate::atomic_write`]): memory stays bounded however many slides,
//! and the disk holds one copy, on the target's own file system.

pub mod parts;

use std::io::{Seek, Write};
use std::sync::atomic::AtomicBool;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::checked::OutputFiles;
use super::frame::{BriefCover, Frame, FrameRenderer, chunk_per_worker};
use super::{ExportError, encode_png};
use crate::atomic_write::WriteError;
use crate::model::date_format::long;
use crate::model::sources::{said_by, sentences_said_by};
use crate::model::status_report::{
    joined_sources, one_line, sentence, source_known_on, status_report, status_report_as_known, uncertainty,
};
use crate::model::{Date, Scenario, TrackIdx, TrackLayout};
use crate::render::Banner;
use crate::render::furniture::banner_colors;

/// Writes the deck of `frames`, rendered by `renderer`, to the output's
/// file (see the module docs). Calls `progress` once per frame; a cancel
/// or a failure leaves no file.
pub fn write_deck(
    renderer: &FrameRenderer<'_>,
    frames: &[Frame],
    files: OutputFiles<'_>,
    progress: &(dyn Fn() + Sync),
    cancel: &AtomicBool,
) -> Result<(), ExportError> {
    let path = files.files().first().cloned().unwrap_or_default();
    let file = files.create(&path)?;
    let io_error = |source: std::io::Error| {
        ExportError::Write(WriteError::Io {
            path: path.clone(),
            source,
        })
    };
    let zip_error = |e: zip::result::ZipError| match e {
        zip::result::ZipError::Io(source) => io_error(source),
        other => io_error(std::io::Error::other(other)),
    };
    let scenario = &renderer.data.scenario;
    // The zip is written into the target's own temporary file (beside
    // it, as every output is): no second copy in $TMPDIR or in memory.
    let mut deck = DeckWriter::new(file, frames.len() + 1);
    deck.begin(scenario, frames).map_err(zip_error)?;
    let mut sink = |frame: &Frame, png: Vec<u8>| {
        let slide = FrameSlide::of_frame(scenario, frame);
        deck.frame(&slide, &png).map_err(zip_error)
    };
    let prepare = |_: usize, _: &Frame, pixmap: tiny_skia::Pixmap| encode_png(&pixmap);
    renderer.render_in_order(frames, chunk_per_worker(), &prepare, &mut sink, progress, cancel)?;
    let file = deck.finish().map_err(zip_error)?;
    files.commit(file)
}

/// What a frame's slide says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameSlide {
    /// `1 October 2025 — Phase 1 ends`: the date and the milestone (or the
    /// phase, on a day without one).
    pub title: String,
    /// The picture's description, for a screen reader.
    pub alt: String,
    /// The speaker notes, a paragraph each.
    pub notes: Vec<String>,
    /// The slide's number as shown on it (a brief's stops: `3 / 12`).
    pub number: Option<String>,
}

impl FrameSlide {
    /// The slide of `layout` on `date`, from the whole record (a dated
    /// deck: the rows `drawdown status` prints).
    pub fn of(scenario: &Scenario, layout: TrackLayout, date: Date) -> Self {
        Self::of_record(scenario, layout, date, false)
    }

    /// The slide of a brief's stop showing `layout` on `date`: its status
    /// digest says what the record said that day
    /// ([`status_report_as_known`]): periods ending later are open, no
    /// later source is cited, no later dispute told. The deck's speaker
    /// notes and the book's text pages both take it from here.
    pub fn of_stop(scenario: &Scenario, layout: TrackLayout, date: Date) -> Self {
        Self::of_record(scenario, layout, date, true)
    }

    fn of_record(scenario: &Scenario, layout: TrackLayout, date: Date, as_known: bool) -> Self {
        let tracks = layout.as_slice();
        let milestone = tracks.iter().find_map(|&t| scenario.milestone_on(t, date));
        let phase = tracks.first().and_then(|&t| scenario.phase_on(t, date));
        let day = long(date);
        let title = match (milestone, phase) {
            (Some(m), _) => format!("{day} — {}", one_line(&m.title)),
            (None, Some(p)) => format!("{day} — {}", one_line(&p.title)),
            (None, None) => day.clone(),
        };
        let names: Vec<String> = tracks.iter().map(|&t| one_line(&scenario.track(t).name)).collect();
        let alt = format!("Map of {} on {day}: {}", one_line(&scenario.title), names.join(" and "));
        let mut notes = Vec::new();
        if let Some(m) = milestone {
            let known = if as_known {
                sentences_said_by(&m.detail, date)
            } else {
                m.detail.clone()
            };
            let detail = if known.trim().is_empty() { &m.title } else { &known };
            let said = format!(
                "{}{}",
                one_line(detail),
                uncertainty(m.confidence.map(|c| c.id()), m.disputed.is_some())
            );
            let source = if as_known {
                source_known_on(&m.source, date)
            } else {
                m.source.clone()
            };
            notes.push(format!("{} Source: {}", sentence(&said), one_line(&source)));
            if let Some(other) = m.disputed.as_ref().filter(|o| !as_known || said_by(o, date)) {
                notes.push(format!("Disputed: {}", one_line(other)));
            }
        }
        for &track in tracks {
            let report = if as_known {
                status_report_as_known(scenario, track, date)
            } else {
                status_report(scenario, track, date)
            };
            notes.push(format!("Status on {day}, {}:", one_line(&scenario.track(track).name)));
            if let Some(p) = scenario.phase_on(track, date) {
                let phase = sentence(&format!("Phase: {}", one_line(&p.title)));
                // Only the reports dated by the slide's day, as on the map;
                // a stop's, not even an account written after the phase.
                let source = if as_known {
                    crate::model::sources::source_as_of(&p.source, date)
                } else {
                    p.source_on(date)
                };
                notes.push(if source.is_empty() {
                    phase
                } else {
                    format!("{phase} Source: {}", one_line(&source))
                });
            }
            let rows = if as_known {
                report.prose_rows(scenario)
            } else {
                report.rows(scenario)
            };
            for row in rows {
                if let Some(heading) = row.heading {
                    notes.push(format!("{heading}:"));
                }
                let bullet = if row.indent.is_empty() { "" } else { "– " };
                let said = format!("{bullet}{}: {}, {}", row.name, row.label, row.what);
                notes.push(format!("{} Source: {}", sentence(&said), row.source));
            }
        }
        Self {
            title,
            alt,
            notes,
            number: None,
        }
    }

    /// The slide of `frame`: a brief's stop has its own title, its number
    /// and, in its notes, the briefer's talking points first, then the
    /// status digest with its sources.
    pub fn of_frame(scenario: &Scenario, frame: &Frame) -> Self {
        let Some(stop) = &frame.stop else {
            return Self::of(scenario, frame.layout, frame.date);
        };
        let slide = Self::of_stop(scenario, frame.layout, frame.date);
        let mut notes: Vec<String> = stop
            .notes
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(one_line)
            .collect();
        notes.extend(slide.notes);
        Self {
            title: one_line(&stop.title),
            notes,
            number: Some(format!("{} / {}", stop.number, stop.count)),
            ..slide
        }
    }
}

/// A brief's title slide: its title, then its subtitle, who prepared it,
/// the date, its classification and the sources of its stops.
pub fn brief_title_lines(scenario: &Scenario, frames: &[Frame], brief: &BriefCover) -> Vec<String> {
    let mut lines: Vec<String> = brief.subtitle.iter().map(|s| one_line(s)).collect();
    if let Some(by) = &brief.prepared_by {
        lines.push(format!("Prepared by {}", one_line(by)));
    }
    lines.push(long(brief.date));
    if let Some(marking) = &brief.classification {
        lines.push(one_line(marking));
    }
    // The dated deck's last line: every source of the stops, once.
    lines.extend(title_lines(scenario, frames).pop());
    lines
}

/// The title slide's lines under the title: the track(s), the date range
/// and the sources (each phase's source over the range, once, and the
/// boundaries').
pub fn title_lines(scenario: &Scenario, frames: &[Frame]) -> Vec<String> {
    // Every track a frame shows, in the order they first appear.
    let mut tracks: Vec<TrackIdx> = Vec::new();
    for &track in frames.iter().flat_map(|f| f.layout.as_slice()) {
        if !tracks.contains(&track) {
            tracks.push(track);
        }
    }
    let names: Vec<String> = tracks.iter().map(|&t| one_line(&scenario.track(t).name)).collect();
    let mut lines = vec![names.join(" | ")];
    if let (Some(first), Some(last)) = (frames.first(), frames.last()) {
        let count = frames.len();
        let slides = if count == 1 { "slide" } else { "slides" };
        lines.push(format!("{} – {} · {count} {slides}", long(first.date), long(last.date)));
    }
    let phase_sources: Vec<String> = tracks
        .iter()
        .flat_map(|&track| {
            frames
                .iter()
                .filter(move |f| f.layout.as_slice().contains(&track))
                .filter_map(move |f| scenario.phase_on(track, f.date))
        })
        .map(|p| one_line(crate::model::cited_sources(&p.source)))
        .collect();
    let sources = joined_sources(
        phase_sources
            .iter()
            .map(String::as_str)
            .chain(["boundaries: Natural Earth"]),
    );
    lines.push(format!("Sources: {sources}"));
    lines
}

/// The zip being written, part by part in a fixed order.
struct DeckWriter<W: Write + Seek> {
    zip: ZipWriter<W>,
    /// Slides in the deck, the title slide included.
    slides: usize,
    /// The number of the last slide written.
    written: usize,
}

impl<W: Write + Seek> DeckWriter<W> {
    fn new(inner: W, slides: usize) -> Self {
        Self {
            zip: ZipWriter::new(inner),
            slides,
            written: 0,
        }
    }

    fn part(&mut self, name: &str, bytes: &[u8]) -> zip::result::ZipResult<()> {
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Stored)
            .last_modified_time(DateTime::default());
        self.zip.start_file(name, options)?;
        self.zip.write_all(bytes)?;
        Ok(())
    }

    /// The package's fixed parts and the title slide.
    fn begin(&mut self, scenario: &Scenario, frames: &[Frame]) -> zip::result::ZipResult<()> {
        self.part("[Content_Types].xml", parts::content_types(self.slides).as_bytes())?;
        self.part("_rels/.rels", parts::package_rels().as_bytes())?;
        self.part("docProps/core.xml", parts::core_props(&scenario.title).as_bytes())?;
        self.part("docProps/app.xml", parts::app_props(self.slides).as_bytes())?;
        let (presentation, presentation_rels) = parts::presentation(self.slides);
        self.part("ppt/presentation.xml", presentation.as_bytes())?;
        self.part("ppt/_rels/presentation.xml.rels", presentation_rels.as_bytes())?;
        self.part("ppt/presProps.xml", parts::pres_props().as_bytes())?;
        self.part("ppt/viewProps.xml", parts::view_props().as_bytes())?;
        self.part("ppt/tableStyles.xml", parts::table_styles().as_bytes())?;
        let (master, master_rels) = parts::slide_master();
        self.part("ppt/slideMasters/slideMaster1.xml", master.as_bytes())?;
        self.part("ppt/slideMasters/_rels/slideMaster1.xml.rels", master_rels.as_bytes())?;
        for n in 1..=2 {
            let (layout, layout_rels) = parts::slide_layout(n);
            self.part(&format!("ppt/slideLayouts/slideLayout{n}.xml"), layout.as_bytes())?;
            self.part(
                &format!("ppt/slideLayouts/_rels/slideLayout{n}.xml.rels"),
                layout_rels.as_bytes(),
            )?;
        }
        self.part("ppt/theme/theme1.xml", parts::theme("drawdown").as_bytes())?;
        self.part("ppt/theme/theme2.xml", parts::theme("drawdown notes").as_bytes())?;
        let (notes_master, notes_master_rels) = parts::notes_master();
        self.part("ppt/notesMasters/notesMaster1.xml", notes_master.as_bytes())?;
        self.part(
            "ppt/notesMasters/_rels/notesMaster1.xml.rels",
            notes_master_rels.as_bytes(),
        )?;
        let brief = frames.iter().find_map(|f| f.stop.as_ref()).map(|s| &s.brief);
        let (title, lines) = match brief {
            Some(brief) => (one_line(&brief.title), brief_title_lines(scenario, frames, brief)),
            None => (one_line(&scenario.title), title_lines(scenario, frames)),
        };
        let banner = brief.and_then(|b| b.classification.as_deref()).map(|text| {
            let banner = Banner::of_text(text);
            let colors = banner_colors(banner.marking);
            let hex = |c: egui::Color32| format!("{:02X}{:02X}{:02X}", c.r(), c.g(), c.b());
            parts::SlideBanner {
                text: one_line(&banner.text),
                fill_hex: hex(colors.fill),
                text_hex: hex(colors.text),
            }
        });
        let (slide, slide_rels) = parts::title_slide(&title, &lines, banner.as_ref());
        self.slide(&slide, &slide_rels, &lines, None)
    }

    /// A frame's slide, its notes and its picture.
    fn frame(&mut self, slide: &FrameSlide, png: &[u8]) -> zip::result::ZipResult<()> {
        let n = self.written + 1;
        let (xml, rels) = parts::picture_slide(n, &slide.title, &slide.alt, slide.number.as_deref());
        self.slide(&xml, &rels, &slide.notes, Some(png))
    }

    fn slide(&mut self, xml: &str, rels: &str, notes: &[String], png: Option<&[u8]>) -> zip::result::ZipResult<()> {
        let n = self.written + 1;
        self.part(&format!("ppt/slides/slide{n}.xml"), xml.as_bytes())?;
        self.part(&format!("ppt/slides/_rels/slide{n}.xml.rels"), rels.as_bytes())?;
        let (notes_xml, notes_rels) = parts::notes_slide(n, notes);
        self.part(&format!("ppt/notesSlides/notesSlide{n}.xml"), notes_xml.as_bytes())?;
        self.part(
            &format!("ppt/notesSlides/_rels/notesSlide{n}.xml.rels"),
            notes_rels.as_bytes(),
        )?;
        if let Some(png) = png {
            self.part(&format!("ppt/media/image{n}.png"), png)?;
        }
        self.written = n;
        Ok(())
    }

    fn finish(self) -> zip::result::ZipResult<W> {
        self.zip.finish()
    }
}
