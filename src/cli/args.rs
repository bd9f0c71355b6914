//! The command line's grammar: clap structs, their value parsers and
//! defaults. The defaults come from the domain (`crate::export`, the
//! scenario), so the command line and the GUI cannot drift apart.
//!
//! A track is named by its id in the scenario, which is loaded only after
//! the command line is parsed: `--track ID` is kept as typed
//! ([`TrackArg`]) and resolved once against the loaded scenario
//! ([`resolve_track`]), which also supplies the default track. Dates take
//! `today` as well as `YYYY-MM-DD`.

use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum};

use super::{CliError, check_in_range};
use crate::app::native::today_local;
use crate::export::{DEFAULT_GIF_FPS, DEFAULT_SIZE_PX, ImageSize, PageSize, Step};
use crate::inputs::Sources;
use crate::model::date_format::parse_iso_or_today;
use crate::model::printable::{quoted, quoted_list};
use crate::model::{Date, Scenario, TrackIdx};
use crate::render::view::GeoBox;
use crate::render::{LayerSet, Theme};

#[derive(Debug, Parser)]
#[command(
    name = "drawdown",
    version,
    about = "Map of the coalition drawdown from Iraq, phase by phase"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<CliCommand>,
    #[command(flatten)]
    pub inputs: InputArgs,
    /// Open this file in the window: a story or a scenario (.toml), or regions
    /// (.geojson, .json), as --scenario or --regions would.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Open the map on this date (YYYY-MM-DD or today).
    #[arg(long, value_parser = parse_date, global = false)]
    pub date: Option<Date>,
    /// Open the map on this track: an id of the scenario's tracks.
    #[arg(long, value_name = "ID")]
    pub track: Option<TrackArg>,
    /// Benchmark: play for a few seconds at 1920×1080, write each frame's
    /// times to FILE (CSV) and quit (benches/playback.sh).
    #[arg(long, value_name = "FILE", hide = true)]
    pub bench_playback: Option<PathBuf>,
    /// Benchmark: write the Unix time (ms) once the first frame has been
    /// shown to FILE and quit (benches/targets.sh).
    #[arg(long, value_name = "FILE", hide = true, conflicts_with = "bench_playback")]
    pub bench_first_frame: Option<PathBuf>,
    /// The window's size for --bench-playback and --bench-first-frame.
    #[arg(long, value_name = "WxH", default_value = "1920x1080", hide = true)]
    pub bench_size: ImageSize,
}

impl Cli {
    /// The command line of this process; prints help or a usage error and
    /// exits (2) when it does not parse. Lets `main` parse without naming
    /// clap.
    pub fn parse() -> Self {
        <Self as Parser>::parse()
    }
}

/// Input files; the embedded defaults when absent.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct InputArgs {
    /// Scenario file (TOML) instead of the embedded one.
    #[arg(long, value_name = "FILE", global = true)]
    pub scenario: Option<PathBuf>,
    /// Regions file (GeoJSON) instead of the embedded one.
    #[arg(long, value_name = "FILE", global = true)]
    pub regions: Option<PathBuf>,
}

impl InputArgs {
    pub fn sources(&self) -> Sources {
        Sources {
            scenario: self.scenario.clone(),
            regions: self.regions.clone(),
        }
    }
}

/// `--track ID` as typed: a track id, resolved against the loaded scenario
/// by [`resolve_track`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackArg(pub String);

impl From<String> for TrackArg {
    fn from(id: String) -> Self {
        Self(id)
    }
}

/// The track `--track` names in `scenario`, or the scenario's default
/// track without it. An id the scenario does not have is refused (exit 2),
/// listing the ones it has.
pub fn resolve_track(scenario: &Scenario, track: Option<&TrackArg>) -> Result<TrackIdx, CliError> {
    let Some(TrackArg(id)) = track else {
        return Ok(scenario.default_track);
    };
    scenario.track_idx(id).ok_or_else(|| {
        let known = quoted_list(scenario.tracks.iter().map(|t| t.id.as_str()), scenario.tracks.len());
        CliError::Invalid(format!("the scenario has no track {}; it has {known}", quoted(id)))
    })
}

/// The GUI's start track from `--track`, checked against the scenario;
/// `None` without the flag, so that the saved track, else the scenario's
/// default, applies.
pub fn start_track(scenario: &Scenario, track: Option<&TrackArg>) -> Result<Option<TrackIdx>, CliError> {
    track.map(|t| resolve_track(scenario, Some(t))).transpose()
}

/// `--date`, or today without it, on a day of the scenario's range: a day
/// outside it is refused (exit 2) naming the range, not moved into it.
pub fn date_or_today(scenario: &Scenario, date: Option<Date>) -> Result<Date, CliError> {
    match date {
        Some(date) => check_in_range(scenario, date).map(|()| date),
        None => {
            let today = today_local();
            let range = scenario.range;
            if range.contains(today) {
                Ok(today)
            } else {
                Err(CliError::Invalid(format!(
                    "today, {today}, is outside the scenario's range {}..{}; give a --date in it",
                    range.start, range.end
                )))
            }
        }
    }
}

/// The shells `drawdown completions` writes a script for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShellArg {
    Bash,
    Zsh,
    Fish,
}

#[derive(Debug, Subcommand)]
#[expect(
    clippy::large_enum_variant,
    reason = "one value per run, parsed once: its size costs nothing"
)]
pub enum CliCommand {
    /// Print each region's status on a date.
    Status {
        /// The date (YYYY-MM-DD or today; default: today).
        #[arg(long, value_parser = parse_date)]
        date: Option<Date>,
        /// The track: an id of the scenario's tracks (default: the
        /// scenario's default track).
        #[arg(long, value_name = "ID")]
        track: Option<TrackArg>,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// Validate the inputs and print what they contain.
    Check,
    /// Render the map without a window: one PNG, SVG or PDF, or a
    /// sequence as PNGs, a GIF, an MP4 video, a PowerPoint deck and a PDF
    /// briefing book.
    Export(ExportArgs),
    /// Print a shell completion script.
    #[command(after_help = "Examples:\n  \
        drawdown completions bash > ~/.local/share/bash-completion/completions/drawdown\n  \
        drawdown completions zsh > ~/.zfunc/_drawdown\n  \
        drawdown completions fish > ~/.config/fish/completions/drawdown.fish")]
    Completions {
        #[arg(value_enum)]
        shell: ShellArg,
    },
    /// Print the manual page (roff), e.g. `drawdown man | man -l -`.
    Man,
    /// Write a brief drafted from the scenario, or check one.
    Story(Box<super::story::StoryArgs>),
    /// Record a report into a scenario file: a period of a region or base, or a troop figure, incident or milestone.
    Record(Box<super::record::RecordArgs>),
    /// Work with scenario files: `scenario init FILE` writes the embedded one out.
    Scenario(super::scenario_init::ScenarioArgs),
}

/// `drawdown export`: one image (`--date`, `--out`) or a sequence
/// (`--step` or `--milestones`, with `--out-dir`, `--gif`, `--mp4` and/or
/// `--pptx`).
#[derive(Debug, Clone, clap::Args)]
#[command(group = clap::ArgGroup::new("animation").args(["gif", "mp4"]).multiple(true))]
#[command(after_help = "Examples:\n  \
    drawdown export --date 2025-10-01 --out map.png --size 1920x1080\n  \
    drawdown export --date today --track reported --out today.png\n  \
    drawdown export --date 2025-12-01 --compare --out compare.png --theme projector\n  \
    drawdown export --from 2024-09-01 --to 2026-12-31 --step 1w --out-dir frames/ --gif anim.gif\n  \
    drawdown export --milestones --track reported --pptx deck.pptx\n  \
    drawdown export --from 2024-09-01 --to 2026-09-30 --step 1w --mp4 anim.mp4 --fps 8\n  \
    drawdown export --date 2025-10-01 --out map.svg\n  \
    drawdown export --milestones --pdf book.pdf")]
pub struct ExportArgs {
    /// The date of a single image (YYYY-MM-DD or today; default: today).
    #[arg(long, value_parser = parse_date, conflicts_with_all = ["from", "to", "step", "milestones", "out_dir", "gif", "mp4", "pptx", "pdf"])]
    pub date: Option<Date>,
    /// The track to show: an id of the scenario's tracks (default: the
    /// scenario's default track).
    #[arg(long, value_name = "ID")]
    pub track: Option<TrackArg>,
    /// Output file of a single image; its extension sets the format (.png,
    /// .svg or .pdf).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["out_dir", "gif", "mp4", "pptx", "pdf"])]
    pub out: Option<PathBuf>,
    /// Layout size WIDTHxHEIGHT; the image is this times --scale pixels.
    #[arg(long, value_name = "WxH", default_value_t = ImageSize::from(DEFAULT_SIZE_PX))]
    pub size: ImageSize,
    /// Pixels per point: 2 doubles the pixels with crisp text.
    #[arg(long, default_value_t = 1.0)]
    pub scale: f32,
    /// Colour theme; projector is high-contrast with larger text.
    #[arg(long, default_value = "light", value_parser = theme_parser())]
    pub theme: Theme,
    /// Leave these layers out, named as in the window's View menu in lower
    /// case: cities, bases, region-labels, incidents, sources, title,
    /// legend, troop-levels (e.g. `--hide bases,incidents`).
    #[arg(long, value_name = "LAYER[,LAYER…]", value_parser = parse_layers)]
    pub hide: Vec<LayerSet>,
    /// Leave the legend out (as `--hide legend`).
    #[arg(long)]
    pub no_legend: bool,
    /// Transparent background instead of the sea colour.
    #[arg(long)]
    pub transparent: bool,
    /// Add the troop-levels panel (reported figures, the date marked).
    #[arg(long)]
    pub troops: bool,
    /// Replace existing files.
    #[arg(long)]
    pub force: bool,
    /// The scenario's compare pair side by side in one image (its header's
    /// `compare`, else its first two tracks).
    #[arg(long)]
    pub compare: bool,
    /// First date of a sequence, YYYY-MM-DD or today (default: the
    /// scenario's start).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: Option<Date>,
    /// Last date of a sequence, inclusive, YYYY-MM-DD or today (default:
    /// the scenario's end).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub to: Option<Date>,
    /// Distance between frames: 1d, 1w, 2w, 1m, Nd, Nw, Nm.
    #[arg(long, conflicts_with = "milestones")]
    pub step: Option<Step>,
    /// One frame per milestone of the track instead of a fixed step.
    #[arg(long)]
    pub milestones: bool,
    /// Directory of a sequence's PNGs (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Write the sequence as an animated GIF.
    #[arg(long, value_name = "FILE")]
    pub gif: Option<PathBuf>,
    /// Write the sequence as a PDF briefing book: a page per frame, a
    /// bookmark per milestone.
    #[arg(long, value_name = "FILE")]
    pub pdf: Option<PathBuf>,
    /// Frames per second of the GIF and the MP4.
    #[arg(long, requires = "animation", default_value_t = DEFAULT_GIF_FPS)]
    pub fps: u16,
    /// Write the sequence as an H.264 video (MP4), a frame per date; the
    /// size must be even.
    #[arg(long, value_name = "FILE")]
    pub mp4: Option<PathBuf>,
    /// Write the sequence as a PowerPoint deck: a title slide, then a slide
    /// per date with the map and speaker notes (each region's and base's
    /// status and source).
    #[arg(long, value_name = "FILE")]
    pub pptx: Option<PathBuf>,
    /// Show this box of the map: west,south,east,north in degrees (e.g.
    /// `--view 38,32,44.5,37.5`), as large as it fits (default: the home
    /// view).
    #[arg(long, value_name = "W,S,E,N", allow_hyphen_values = true, value_parser = parse_view)]
    pub view: Option<GeoBox>,
    /// In a GIF or a video, hold each day with a milestone this many
    /// seconds (the other dates last a frame each).
    #[arg(long, value_name = "SECS", requires = "animation", allow_negative_numbers = true)]
    pub hold_milestones: Option<f64>,
    /// Export a brief (a story file): a frame per stop, with its
    /// classification banners, logo, title and callouts; --pptx, --pdf,
    /// --mp4, --gif, --out-dir, or --stop N --out for one stop.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["date", "from", "to", "step", "milestones", "track", "compare", "view", "hold_milestones"])]
    pub story: Option<PathBuf>,
    /// With --story and --out: only this stop (from 1), as one PNG, SVG or
    /// PDF.
    #[arg(long, value_name = "N", requires_all = ["story", "out"])]
    pub stop: Option<usize>,
    /// The page of a PDF book: a4 or letter (landscape, the map fitted to
    /// it) or 16:9 (the map's own size).
    #[arg(long, value_name = "SIZE", default_value = "16:9", value_parser = page_parser())]
    pub page: PageSize,
}

/// `west,south,east,north` in degrees: `38,32,44.5,37.5` (the one
/// parser, [`GeoBox`]'s).
fn parse_view(text: &str) -> Result<GeoBox, String> {
    text.parse()
}

fn parse_layers(text: &str) -> Result<LayerSet, String> {
    LayerSet::parse_list(text).map_err(|e| e.to_string())
}

/// `YYYY-MM-DD`, or `today` on the user's clock.
fn parse_date(text: &str) -> Result<Date, String> {
    parse_iso_or_today(text, today_local())
}

/// `--page a4|letter|16:9`.
pub fn page_parser() -> impl TypedValueParser<Value = PageSize> {
    // The parser lets only the ids through, so from_id always finds one.
    PossibleValuesParser::new(PageSize::ALL.map(PageSize::id)).map(|id| PageSize::from_id(&id).unwrap_or_default())
}

/// `--theme light|dark|projector`.
pub fn theme_parser() -> impl TypedValueParser<Value = Theme> {
    // The parser lets only the ids through, so from_id always finds one.
    PossibleValuesParser::new(Theme::ALL.map(Theme::id)).map(|id| Theme::from_id(&id).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory as _;

    use super::*;

    #[test]
    fn the_grammar_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn a_view_parses_as_four_degrees_and_a_bad_one_is_explained() {
        let view = parse_view("38, 32,44.5,37.5").unwrap();
        assert_eq!((view.west, view.south, view.east, view.north), (38.0, 32.0, 44.5, 37.5));
        for bad in [
            "38,32,44.5",
            "a,b,c,d",
            "44,32,38,37",
            "38,40,44,30",
            "38,32,200,37",
            "38,32,44,nan",
        ] {
            let err = parse_view(bad).unwrap_err();
            assert!(
                err.contains(bad) && err.contains("west,south,east,north"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn the_help_of_hide_names_every_layer() {
        let cli = Cli::command();
        let export = cli.find_subcommand("export").unwrap();
        let hide = export.get_arguments().find(|a| a.get_id() == "hide").unwrap();
        let help = hide.get_help().unwrap().to_string();
        for layer in crate::render::MapLayer::ALL {
            assert!(help.contains(layer.id()), "{layer}: {help}");
        }
    }

    #[test]
    fn one_window_benchmark_at_a_time_each_at_the_asked_size() {
        let cli = Cli::try_parse_from(["drawdown", "--bench-first-frame", "t", "--bench-size", "1024x768"]).unwrap();
        assert_eq!(cli.bench_first_frame, Some(PathBuf::from("t")));
        assert_eq!(<[u32; 2]>::from(cli.bench_size), [1024, 768]);
        let both = Cli::try_parse_from(["drawdown", "--bench-first-frame", "t", "--bench-playback", "p"]);
        assert!(both.is_err(), "the two benchmarks conflict");
    }

    #[test]
    fn any_track_id_and_today_parse_and_are_resolved_later() {
        let cli = Cli::try_parse_from(["drawdown", "status", "--track", "plan"]).unwrap();
        let Some(CliCommand::Status { date, track, .. }) = cli.command else {
            panic!("not a status: {cli:?}")
        };
        assert_eq!(track, Some(TrackArg("plan".to_owned())));
        assert_eq!(date, None, "no date: today, chosen against the scenario");
        let cli = Cli::try_parse_from(["drawdown", "--date", "today"]).unwrap();
        assert_eq!(cli.date, Some(today_local()));
        let err = Cli::try_parse_from(["drawdown", "status", "--date", "tomorrow"]).unwrap_err();
        assert!(err.to_string().contains("or today"), "{err}");
    }

    #[test]
    fn export_defaults_are_the_domain_defaults() {
        let cli = Cli::try_parse_from(["drawdown", "export", "--out-dir", "frames", "--step", "1w"]).unwrap();
        let Some(CliCommand::Export(args)) = cli.command else {
            panic!("not an export: {cli:?}")
        };
        assert_eq!(<[u32; 2]>::from(args.size), DEFAULT_SIZE_PX);
        assert_eq!(args.fps, DEFAULT_GIF_FPS);
        assert_eq!(args.gif, None, "a default fps does not ask for a GIF");
        let err =
            Cli::try_parse_from(["drawdown", "export", "--out-dir", "f", "--step", "1w", "--fps", "4"]).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::MissingRequiredArgument, "{err}");
    }
}
