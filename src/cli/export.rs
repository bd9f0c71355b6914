//! `drawdown export`: command-line arguments → an export request, run with
//! a progress bar on a terminal.

use std::io::IsTerminal as _;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::interrupt::CancelOnSignal;
use super::{CliError, ExportArgs, InputArgs, check_in_range, date_or_today, resolve_track};
use crate::export::sequence::milestone_dates;
use crate::export::{ExportError, ExportOptions, SequenceRequest, book_pages, export_sequence, write_image};
use crate::inputs::LoadedInputs;
use crate::model::TrackLayout;

/// Runs `drawdown export`; returns what to print on stdout.
pub fn run_export(args: &ExportArgs, inputs: &InputArgs) -> Result<String, CliError> {
    let data = LoadedInputs::load(&inputs.sources())?;
    let opts = ExportOptions {
        size_px: args.size.into(),
        scale: args.scale,
        theme: args.theme,
        legend: !args.no_legend,
        transparent: args.transparent,
        troops: args.troops,
    };
    opts.validate()?;
    let layout = if args.compare {
        let pair = data.scenario.compare_pair().ok_or_else(|| {
            CliError::Invalid("--compare needs a scenario with two tracks; this one has one".to_owned())
        })?;
        TrackLayout::SideBySide(pair)
    } else {
        TrackLayout::Single(resolve_track(&data.scenario, args.track.as_ref())?)
    };
    let sequence = args.step.is_some()
        || args.milestones
        || args.out_dir.is_some()
        || args.gif.is_some()
        || args.mp4.is_some()
        || args.pptx.is_some()
        || args.pdf.is_some();
    if sequence {
        run_sequence(args, &data, layout, opts)
    } else {
        run_single(args, &data, layout, &opts)
    }
}

fn run_single(
    args: &ExportArgs,
    data: &LoadedInputs,
    layout: TrackLayout,
    opts: &ExportOptions,
) -> Result<String, CliError> {
    let Some(out) = &args.out else {
        return Err(CliError::Invalid(
            "export needs --out for one image (on --date, else today), or --step or --milestones with --out-dir, --gif, --mp4, --pptx or --pdf for a sequence"
                .to_owned(),
        ));
    };
    let date = date_or_today(&data.scenario, args.date)?;
    write_image(data, layout, date, opts, out, args.force)?;
    let [w, h] = opts.output_size_px();
    Ok(format!("wrote {} ({w}x{h} px)\n", out.display()))
}

fn run_sequence(
    args: &ExportArgs,
    data: &LoadedInputs,
    layout: TrackLayout,
    opts: ExportOptions,
) -> Result<String, CliError> {
    if args.out_dir.is_none() && args.gif.is_none() && args.mp4.is_none() && args.pptx.is_none() && args.pdf.is_none() {
        return Err(CliError::Invalid(
            "a sequence needs an output: --out-dir, --gif, --mp4, --pptx or --pdf".to_owned(),
        ));
    }
    let range = data.scenario.range;
    let from = args.from.unwrap_or(range.start);
    let to = args.to.unwrap_or(range.end);
    check_in_range(&data.scenario, from)?;
    check_in_range(&data.scenario, to)?;
    let dates = match (args.step, args.milestones) {
        (Some(step), false) => step.dates(from, to)?,
        (None, true) => milestone_dates(&data.scenario, layout, from, to)?,
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
        tracks: layout,
        dates,
        out_dir: args.out_dir.clone(),
        gif: args.gif.clone(),
        fps: args.fps,
        force: args.force,
        opts,
        pptx: args.pptx.clone(),
        mp4: args.mp4.clone(),
        pdf: args.pdf.clone(),
    };
    // Ctrl-C or SIGTERM cancels: the export removes what it made.
    let signals = CancelOnSignal::install();
    let bar = progress_bar(request.progress_steps());
    let outcome = export_sequence(data, &request, &|| bar.inc(1), signals.flag());
    bar.finish_and_clear();
    let outcome = match (outcome, signals.caught()) {
        (Err(ExportError::Cancelled), Some(signal)) => return Err(CliError::Interrupted(signal)),
        (outcome, _) => outcome?,
    };
    let [w, h] = opts.output_size_px();
    let frames = request.dates.len();
    let mut report = String::new();
    if let Some(out_dir) = &args.out_dir {
        report += &format!(
            "wrote {} frames ({w}x{h} px) to {}\n",
            outcome.frames.len(),
            out_dir.display()
        );
    }
    if let Some(gif) = &outcome.gif {
        report += &format!("wrote {}\n", gif.display());
    }
    if let Some(mp4) = &outcome.mp4 {
        report += &format!(
            "wrote {} ({frames} frames, {w}x{h} px, {} fps)\n",
            mp4.display(),
            args.fps
        );
    }
    if let Some(pptx) = &outcome.pptx {
        report += &format!("wrote {} ({} slides)\n", pptx.display(), frames + 1);
    }
    if let Some(pdf) = &outcome.pdf {
        let bookmarks = book_pages(&data.scenario, layout, &request.dates)
            .iter()
            .filter(|p| p.milestone.is_some())
            .count();
        report += &format!("wrote {} ({frames} pages, {bookmarks} bookmarks)\n", pdf.display());
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
