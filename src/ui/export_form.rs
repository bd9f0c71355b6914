//! The export dialog's choices ([`ExportForm`]): a value the app keeps
//! while the dialog is open and the commands carry. Below the commands
//! and the dialog, so that neither imports the other back.

use crate::export::{
    DEFAULT_GIF_FPS, DEFAULT_SIZE_PX, ExportOptions, ExportView, ImageFormat, OutputKind, PageSize, default_file_name,
    gif_file_name,
};
use crate::inputs::LoadedInputs;
use crate::model::{Date, DateRange, Scenario, TrackIdx, TrackLayout};
use crate::render::{LayerSet, Theme};
use crate::ui::path_field::TypedPath;

/// Size presets of the dialog, pixels.
pub const SIZE_PRESETS: [([u32; 2], &str); 3] = [
    ([1280, 720], "1280 × 720 (HD)"),
    (DEFAULT_SIZE_PX, "1920 × 1080 (Full HD)"),
    ([3840, 2160], "3840 × 2160 (4K)"),
];

/// What to export: one picture, or a run of dates as frames, a slide
/// deck or a briefing book.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// The shown date as one PNG, SVG or PDF.
    Image,
    /// PNG frames, an animated GIF and/or an MP4 video, into a folder.
    Sequence,
    /// A PowerPoint deck: a slide per date, with speaker notes.
    Deck,
    /// A PDF briefing book: a page per date, a bookmark per milestone.
    Book,
}

impl ExportKind {
    /// In the dialog's order.
    pub const ALL: [Self; 4] = [Self::Image, Self::Sequence, Self::Deck, Self::Book];

    /// The dialog's tab.
    pub fn label(self) -> &'static str {
        match self {
            Self::Image => "Image",
            Self::Sequence => "Sequence",
            Self::Deck => "Slides (PPTX)",
            Self::Book => "Briefing book (PDF)",
        }
    }

    /// Whether the export covers a run of dates (the dates and frames rows).
    pub fn is_sequence(self) -> bool {
        !matches!(self, Self::Image)
    }

    /// The one output of a document (a deck, a book) written to the
    /// chosen file.
    pub fn document(self) -> Option<OutputKind> {
        match self {
            Self::Deck => Some(OutputKind::Pptx),
            Self::Book => Some(OutputKind::PdfBook),
            Self::Image | Self::Sequence => None,
        }
    }
}

/// The dialog's choices; lives in the app while the dialog is open.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportForm {
    pub kind: ExportKind,
    /// Index into [`SIZE_PRESETS`]; None: custom.
    pub preset: Option<usize>,
    pub custom: [u32; 2],
    pub theme: Theme,
    /// The layers drawn over the map.
    pub layers: LayerSet,
    pub transparent: bool,
    pub compare: bool,
    pub from: String,
    pub to: String,
    pub step: String,
    pub milestones: bool,
    /// An image's format (its file name's extension).
    pub image_format: ImageFormat,
    /// What a sequence writes into its folder (of
    /// [`OutputKind::IN_FOLDER`]), in [`OutputKind::ALL`] order.
    pub writes: Vec<OutputKind>,
    /// Frames a second of the GIF and the video.
    pub fps: u16,
    /// Why the last attempt failed, shown in the dialog.
    pub error: Option<String>,
    /// The path field shown where no native dialog can open.
    pub typed_path: Option<TypedPath>,
    /// Where a sequence, a deck or a book takes its frames when a story
    /// is open: `Some(true)` the story's stops, `Some(false)` the dates
    /// of this view; `None` (no story open) offers no choice.
    pub from_story: Option<bool>,
}

impl ExportForm {
    /// The form as it opens: the window's theme, layers and layout, an
    /// image, a year of weekly frames from `date` for a sequence.
    pub fn new(theme: Theme, layers: LayerSet, compare: bool, range: DateRange, date: Date) -> Self {
        Self {
            kind: ExportKind::Image,
            preset: Some(1),
            custom: [1600, 900],
            theme,
            layers,
            transparent: false,
            compare,
            from: date.to_string(),
            to: range.end.min(date + chrono::Days::new(365)).to_string(),
            step: "1w".to_owned(),
            milestones: false,
            image_format: ImageFormat::Png,
            writes: vec![OutputKind::Frames],
            fps: DEFAULT_GIF_FPS,
            error: None,
            typed_path: None,
            from_story: None,
        }
    }

    /// Whether the sequence, deck or book is the open story's.
    pub fn is_story(&self) -> bool {
        self.kind.is_sequence() && self.from_story == Some(true)
    }

    pub fn options(&self) -> ExportOptions {
        ExportOptions {
            size_px: self
                .preset
                .and_then(|i| SIZE_PRESETS.get(i))
                .map_or(self.custom, |(s, _)| *s),
            scale: 1.0,
            theme: self.theme,
            layers: self.layers,
            transparent: self.transparent,
            today: None,
            view: ExportView::default(),
            page: PageSize::default(),
        }
    }

    /// Whether the sequence writes `kind` into its folder.
    pub fn writes(&self, kind: OutputKind) -> bool {
        self.writes.contains(&kind)
    }

    /// Writes `kind` into the sequence's folder, or not.
    pub fn set_writes(&mut self, kind: OutputKind, on: bool) {
        self.writes.retain(|&k| k != kind);
        if on {
            self.writes.push(kind);
            self.writes.sort_unstable();
        }
    }

    pub fn tracks(&self, track: TrackIdx, scenario: &Scenario) -> TrackLayout {
        TrackLayout::shown(self.compare, track, scenario)
    }

    /// The proposed name of an image of `date`, in the chosen format.
    pub fn image_file_name(&self, data: &LoadedInputs, track: TrackIdx, date: Date) -> String {
        let name = default_file_name(data, self.tracks(track, &data.scenario), date);
        with_extension(&name, self.image_format.extension())
    }

    /// The proposed name of the sequence's GIF, video, deck or book: the
    /// tracks' label and the dates as typed (the day's date where they do
    /// not parse yet; the export itself refuses them); `drawdown-brief`
    /// for a story's stops.
    pub fn sequence_file_name(&self, label: &str, data: &LoadedInputs, extension: &str) -> String {
        // A story's stops have their own dates and layouts: the name says
        // it is the brief, not a run of this view's dates.
        if self.is_story() {
            return format!("drawdown-brief.{extension}");
        }
        let range = data.scenario.range;
        let parse = |text: &str| range.parse_date_in(text).unwrap_or(range.start);
        with_extension(&gif_file_name(label, parse(&self.from), parse(&self.to)), extension)
    }
}

/// `name` with its extension replaced by `extension`.
fn with_extension(name: &str, extension: &str) -> String {
    std::path::Path::new(name)
        .with_extension(extension)
        .to_string_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_storys_stops_are_proposed_as_the_brief_not_as_dates() {
        let data = LoadedInputs::embedded().unwrap();
        let date: Date = "2026-12-07".parse().unwrap();
        let mut form = ExportForm::new(Theme::Light, LayerSet::default(), true, data.scenario.range, date);
        form.kind = ExportKind::Deck;
        assert!(
            form.sequence_file_name("compare", &data, "pptx")
                .starts_with("drawdown-compare-2026-12-07")
        );
        form.from_story = Some(true);
        assert_eq!(form.sequence_file_name("compare", &data, "pptx"), "drawdown-brief.pptx");
    }
}
