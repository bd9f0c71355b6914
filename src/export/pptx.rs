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
use super::frame::{BriefCover, Frame, FrameRenderer};
use super::{ExportError, encode_png};
use crate::atomic_write::WriteError;
use crate::model::date_format::long;
use crate::model::status_report::{Hindsight, joined_sources, one_line, sentence, uncertainty};
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
    let prepare = |_: usize, _: &Frame, pixmap: &tiny_skia::Pixmap| encode_png(pixmap);
    // Eight pictures a worker (PNGs, ~0.5 MB at 1080p) wait for the zip
    // at most: a chunk of one a worker had each core wait at every
    // frame for the slower one, and every milestone paints its own map.
    let chunk = renderer.workers() * PICTURES_A_WORKER;
    renderer.render_in_order(frames, chunk, &prepare, &mut sink, progress, cancel)?;
    let file = deck.finish().map_err(zip_error)?;
    files.commit(file)
}

/// How many frames a worker renders between two waits for the others
/// ([`FrameRenderer::render_in_order`]'s chunks).
const PICTURES_A_WORKER: usize = 8;

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
        Self::of_record(scenario, layout, date, Hindsight::Whole)
    }

    /// The slide of a brief's stop showing `layout` on `date`: its status
    /// digest says what the record said that day
    /// ([`Hindsight::AsKnownOn`]): periods ending later are open, no
    /// later source is cited, no later dispute told. The deck's speaker
    /// notes and the book's text pages both take it from here.
    pub fn of_stop(scenario: &Scenario, layout: TrackLayout, date: Date) -> Self {
        Self::of_record(scenario, layout, date, Hindsight::AsKnownOn(date))
    }

    fn of_record(scenario: &Scenario, layout: TrackLayout, date: Date, hindsight: Hindsight) -> Self {
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
            let known = hindsight.detail(&m.detail);
            let detail = if known.trim().is_empty() { &m.title } else { &known };
            let said = format!(
                "{}{}",
                one_line(detail),
                uncertainty(m.confidence.map(|c| c.id()), m.disputed.is_some())
            );
            let source = hindsight.source(&m.source);
            notes.push(format!("{} Source: {}", sentence(&said), one_line(&source)));
            if let Some(other) = hindsight.disputed(m.disputed.as_ref()) {
                notes.push(format!("Disputed: {}", one_line(&other)));
            }
        }
        for &track in tracks {
            let report = hindsight.report(scenario, track, date);
            notes.push(format!("Status on {day}, {}:", one_line(&scenario.track(track).name)));
            if let Some(p) = scenario.phase_on(track, date) {
                let phase = sentence(&format!("Phase: {}", one_line(&p.title)));
                // Only the reports dated by the slide's day, as on the map;
                // a stop's, not even an account written after the phase.
                let source = hindsight.phase_source(p, date);
                notes.push(if source.is_empty() {
                    phase
                } else {
                    format!("{phase} Source: {}", one_line(&source))
                });
            }
            let rows = match hindsight {
                Hindsight::AsKnownOn(_) => report.prose_rows(scenario),
                Hindsight::Whole => report.rows(scenario),
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
        let mut notes = talking_points(&stop.notes);
        let digest = digest_not_in(&notes, slide.notes);
        notes.extend(digest);
        Self {
            title: one_line(&stop.title),
            notes,
            number: Some(format!("{} / {}", stop.number, stop.count)),
            ..slide
        }
    }
}

/// The most characters of one talking point a deck or a book shows: a
/// drafted stop's notes whole ([`crate::story::draft::MAX_DRAFT_NOTES_CHARS`]
/// in all), a hand-written point of several paragraphs too.
pub const TALKING_POINT_MAX_CHARS: usize = 4000;

/// A stop's talking points, a paragraph per line of its notes: each
/// [escaped](crate::model::printable::escaped) and bounded, never cut at
/// a listing's [`one_line`] length (a point cut mid-figure would state a
/// false one).
pub fn talking_points(notes: &str) -> Vec<String> {
    notes
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| crate::model::printable::shortened(line, TALKING_POINT_MAX_CHARS))
        .collect()
}

/// The notes of a stop's `digest` the talking `points` do not already
/// say: a drafted stop's points open with the milestone's paragraph, which
/// the digest would repeat word for word (in the speaker notes and the
/// book alike). A note is said when a point holds its text up to its
/// source (a drafted point ends its sentence, a digest's note may be cut
/// with `…`).
pub fn digest_not_in(points: &[String], digest: Vec<String>) -> Vec<String> {
    digest
        .into_iter()
        .filter(|note| {
            let said = note.split(" Source: ").next().unwrap_or(note);
            let said = said.trim_end_matches(['.', ' ', '…']);
            // The digest adds how sure the record is ("(medium
            // confidence, disputed)"), which a drafted point says apart.
            let bare = said
                .strip_suffix(')')
                .and_then(|s| s.rsplit_once(" ("))
                .map_or(said, |(before, _)| before)
                .trim_end_matches(['.', ' ']);
            let repeated =
                |text: &str| text.chars().count() >= MIN_REPEATED_CHARS && points.iter().any(|p| p.contains(text));
            !(repeated(said) || repeated(bare))
        })
        .collect()
}

/// The shortest note of a digest taken as a repeat of a talking point
/// that holds it: a short one ("Status on 30 September 2025, Reported:")
/// is a heading, kept whatever the points say.
const MIN_REPEATED_CHARS: usize = 40;

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

/// Rows of 16 pt text the title slide's subtitle box holds (10 fit; one
/// spare for a font wider than the estimate).
const TITLE_SLIDE_ROWS: usize = 9;

/// Characters a row of 16 pt text holds across the subtitle box, a little
/// under the ~95 LibreOffice and PowerPoint fit, so that an estimate of
/// whole words never comes short.
const TITLE_SLIDE_ROW_CHARS: usize = 85;

/// Rows any line but the sources may take on the title slide.
const TITLE_SLIDE_LINE_ROWS: usize = 2;

/// Characters of the title the title slide shows: three rows of 40 pt.
const TITLE_SLIDE_TITLE_CHARS: usize = 100;

/// The title slide's title and lines cut to fit its boxes: the title to
/// [`TITLE_SLIDE_TITLE_CHARS`], each line to [`TITLE_SLIDE_LINE_ROWS`]
/// rows, and the sources (the last line) to the rows left, as many whole
/// sources as fit, then "and N more". A text box that grows past the
/// slide is drawn over its edge by every viewer, so the deck never
/// relies on a viewer shrinking it: PowerPoint shrinks text only when it
/// is edited, LibreOffice to any size, however small (the boxes still ask
/// for it, for a font wider than the estimate). The book's cover pages
/// on and lists them all.
fn fit_title_slide(title: &str, lines: Vec<String>) -> (String, Vec<String>) {
    let rows = |text: &str| text.chars().count().div_ceil(TITLE_SLIDE_ROW_CHARS).max(1);
    let mut lines: Vec<String> = lines
        .into_iter()
        .map(|line| {
            if line.starts_with("Sources: ") {
                line
            } else {
                cut(&line, TITLE_SLIDE_LINE_ROWS * TITLE_SLIDE_ROW_CHARS)
            }
        })
        .collect();
    if let Some(at) = lines.iter().rposition(|l| l.starts_with("Sources: ")) {
        let others: usize = lines
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != at)
            .map(|(_, l)| rows(l))
            .sum();
        let left = TITLE_SLIDE_ROWS.saturating_sub(others).max(1) * TITLE_SLIDE_ROW_CHARS;
        let sources = lines.remove(at);
        lines.insert(at, fit_sources(&sources, left));
    }
    (cut(title, TITLE_SLIDE_TITLE_CHARS), lines)
}

/// "Sources: a; b; c" within `max_chars`: as many whole sources as fit,
/// then "and N more"; at least the first.
fn fit_sources(line: &str, max_chars: usize) -> String {
    if line.chars().count() <= max_chars {
        return line.to_owned();
    }
    let items = crate::model::sources::source_items(line.strip_prefix("Sources: ").unwrap_or(line));
    let more = |n: usize| format!("; and {n} more");
    let mut text = "Sources: ".to_owned();
    let mut kept = 0;
    for (i, item) in items.iter().enumerate() {
        let sep = if i == 0 { "" } else { "; " };
        let after = text.chars().count() + sep.len() + item.chars().count() + more(items.len() - i - 1).len();
        if kept > 0 && after > max_chars {
            break;
        }
        text.push_str(sep);
        text.push_str(&cut(item, max_chars / 2));
        kept += 1;
    }
    if kept < items.len() {
        text.push_str(&more(items.len() - kept));
    }
    text
}

/// `text` cut to `max_chars` characters, the last an ellipsis.
fn cut(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    out.push('…');
    out
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
        let (title, lines) = fit_title_slide(&title, lines);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows of 16 pt text `lines` take at the slide's estimate.
    fn rows(lines: &[String]) -> usize {
        lines
            .iter()
            .map(|l| l.chars().count().div_ceil(TITLE_SLIDE_ROW_CHARS).max(1))
            .sum()
    }

    #[test]
    fn a_long_subtitle_and_source_list_are_cut_to_fit_the_title_slide() {
        let sources: Vec<String> = (0..60)
            .map(|i| format!("Some Outlet {i}, {} Feb 2026", i % 28 + 1))
            .collect();
        let lines = vec![
            "Brief ".repeat(60),
            format!("Prepared by {}", "cell ".repeat(60)),
            "7 December 2026".to_owned(),
            "UNCLASSIFIED".to_owned(),
            format!("Sources: {}", sources.join("; ")),
        ];
        let (title, fitted) = fit_title_slide(&"Title ".repeat(50), lines.clone());
        assert_eq!(title.chars().count(), TITLE_SLIDE_TITLE_CHARS);
        assert!(rows(&fitted) <= TITLE_SLIDE_ROWS, "{} rows: {fitted:#?}", rows(&fitted));
        assert_eq!(fitted[2..4], lines[2..4], "short lines stay whole");
        let listed = fitted[4].strip_prefix("Sources: ").unwrap();
        let (kept, more) = listed.rsplit_once("; and ").unwrap();
        let more: usize = more.strip_suffix(" more").unwrap().parse().unwrap();
        let kept: Vec<&str> = kept.split("; ").collect();
        assert!(kept.len() >= 3, "{kept:?}");
        assert_eq!(kept.len() + more, sources.len());
        assert_eq!(kept, sources[..kept.len()], "whole sources, in order");
    }

    #[test]
    fn a_title_slide_that_fits_is_left_whole_and_asks_to_shrink_if_it_overflows() {
        let lines = vec![
            "Brief, 7 Dec 2026".to_owned(),
            "Sources: AP, 21 Oct 2025; public record".to_owned(),
        ];
        let (title, fitted) = fit_title_slide("Where it stands", lines.clone());
        assert_eq!((title.as_str(), &fitted), ("Where it stands", &lines));
        let (xml, _) = parts::title_slide(&title, &fitted, None);
        assert_eq!(xml.matches("<a:bodyPr><a:normAutofit/></a:bodyPr>").count(), 2, "{xml}");
    }
}
