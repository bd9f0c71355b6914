//! `drawdown export`: command-line arguments → an export request, run with
//! a progress bar on a terminal.

use std::io::IsTerminal as _;
use std::sync::atomic::AtomicBool;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::sequence::milestone_dates;
use super::{ExportError, ExportOptions, SequenceRequest, Tracks, export_sequence, render_png, write_file};
use crate::cli::{CliError, ExportArgs, InputArgs, TrackArg, check_in_range, resolve_track};
use crate::data::MapData;
use crate::render::Theme;

/// Frames per second of a GIF when `--fps` is not given.
pub const DEFAULT_FPS: u16 = 8;

/// `--theme light|dark|projector`.
pub fn theme_parser() -> impl TypedValueParser<Value = Theme> {
    PossibleValuesParser::new(["light", "dark", "projector"]).map(|name| match name.as_str() {
        "dark" => Theme::Dark,
        "projector" => Theme::Projector,
        _ => Theme::Light,
    })
}

/// A request error (exit 2) or a failure while writing (exit 1).
impl From<ExportError> for CliError {
    fn from(error: ExportError) -> Self {
        if error.is_bad_request() {
            Self::Invalid(error.to_string())
        } else {
            Self::Other(error.to_string())
        }
    }
}

/// Runs `drawdown export`; returns what to print on stdout.
pub fn run_export(args: &ExportArgs, inputs: &InputArgs) -> Result<String, CliError> {
    let data = MapData::load(&inputs.sources())?;
    let opts = ExportOptions {
        size_px: args.size.into(),
        scale: args.scale,
        theme: args.theme,
        legend: !args.no_legend,
        transparent: args.transparent,
    };
    opts.validate()?;
    let tracks = if args.compare {
        Tracks::Compare([
            resolve_track(&data.scenario, TrackArg::Announced)?,
            resolve_track(&data.scenario, TrackArg::Reported)?,
        ])
    } else {
        Tracks::One(resolve_track(&data.scenario, args.track)?)
    };
    if args.out_dir.is_some() {
        run_sequence(args, &data, tracks, opts)
    } else {
        run_single(args, &data, tracks, &opts)
    }
}

fn run_single(args: &ExportArgs, data: &MapData, tracks: Tracks, opts: &ExportOptions) -> Result<String, CliError> {
    let (Some(date), Some(out)) = (args.date, &args.out) else {
        return Err(CliError::Invalid(
            "export needs --date and --out for one image, or --out-dir with --step or --milestones for a sequence"
                .to_owned(),
        ));
    };
    check_in_range(&data.scenario, date)?;
    // Refuse an existing file before spending time on the render.
    super::write::check_target(out, args.force).map_err(ExportError::from)?;
    let png = render_png(data, tracks, date, opts)?;
    write_file(out, &png, args.force).map_err(ExportError::from)?;
    let [w, h] = opts.output_size_px();
    Ok(format!("wrote {} ({w}x{h} px)\n", out.display()))
}

fn run_sequence(args: &ExportArgs, data: &MapData, tracks: Tracks, opts: ExportOptions) -> Result<String, CliError> {
    let Some(out_dir) = &args.out_dir else {
        return Err(CliError::Invalid("a sequence needs --out-dir".to_owned()));
    };
    let range = data.scenario.range;
    let from = args.from.unwrap_or(range.start);
    let to = args.to.unwrap_or(range.end);
    check_in_range(&data.scenario, from)?;
    check_in_range(&data.scenario, to)?;
    let dates = match (args.step, args.milestones) {
        (Some(step), false) => step.dates(from, to)?,
        (None, true) => milestone_dates(&data.scenario, tracks, from, to)?,
        _ => {
            return Err(CliError::Invalid(
                "a sequence needs --step (1d, 1w, 1m…) or --milestones".to_owned(),
            ));
        }
    };
    if dates.is_empty() {
        return Err(CliError::Invalid(format!("no milestone between {from} and {to}")));
    }
    let request = SequenceRequest {
        tracks,
        dates,
        out_dir: out_dir.clone(),
        gif: args.gif.clone(),
        fps: args.fps.unwrap_or(DEFAULT_FPS),
        force: args.force,
        opts,
    };
    let bar = progress_bar(request.dates.len());
    let cancel = AtomicBool::new(false);
    let outcome = export_sequence(data, &request, &|| bar.inc(1), &cancel);
    bar.finish_and_clear();
    let outcome = outcome?;
    let mut report = format!(
        "wrote {} frames ({}x{} px) to {}\n",
        outcome.frames.len(),
        opts.output_size_px()[0],
        opts.output_size_px()[1],
        out_dir.display()
    );
    if let Some(gif) = &outcome.gif {
        report += &format!("wrote {}\n", gif.display());
    }
    Ok(report)
}

/// A progress bar on stderr, hidden when stderr is not a terminal.
fn progress_bar(frames: usize) -> ProgressBar {
    let target = if std::io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let bar = ProgressBar::with_draw_target(Some(u64::try_from(frames).unwrap_or(u64::MAX)), target);
    if let Ok(style) = ProgressStyle::with_template("{bar:40.cyan/blue} {pos}/{len} frames  {elapsed} (eta {eta})") {
        bar.set_style(style);
    }
    bar
}
