//! `drawdown export`: command-line arguments → an export request, run with
//! a progress bar on a terminal.

use std::io::IsTerminal as _;
use std::sync::atomic::AtomicBool;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{CliError, ExportArgs, InputArgs, check_in_range, resolve_track};
use crate::atomic_write::check_target;
use crate::export::sequence::milestone_dates;
use crate::export::{
    ExportError, ExportOptions, SequenceRequest, book_pages, export_sequence, write_image, write_pdf_book,
};
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
        TrackLayout::Single(resolve_track(&data.scenario, args.track)?)
    };
    if args.out_dir.is_some() || args.pdf.is_some() {
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
    let (Some(date), Some(out)) = (args.date, &args.out) else {
        return Err(CliError::Invalid(
            "export needs --date and --out for one image, or --out-dir or --pdf with --step or --milestones for a sequence"
                .to_owned(),
        ));
    };
    check_in_range(&data.scenario, date)?;
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
    if let Some(pdf) = &args.pdf {
        // Refused before any frame is written, not after.
        check_target(pdf, args.force).map_err(ExportError::from)?;
    }
    let mut report = String::new();
    if let Some(out_dir) = &args.out_dir {
        report += &run_frames(args, data, layout, opts, out_dir, dates.clone())?;
    }
    if let Some(pdf) = &args.pdf {
        let pages = book_pages(&data.scenario, layout, &dates);
        write_pdf_book(data, layout, &pages, &opts, pdf, args.force)?;
        let bookmarks = pages.iter().filter(|p| p.milestone.is_some()).count();
        report += &format!(
            "wrote {} ({} pages, {bookmarks} bookmarks)\n",
            pdf.display(),
            pages.len()
        );
    }
    Ok(report)
}

/// The PNG frames of a sequence into `out_dir`, and its GIF if asked for.
fn run_frames(
    args: &ExportArgs,
    data: &LoadedInputs,
    layout: TrackLayout,
    opts: ExportOptions,
    out_dir: &std::path::Path,
    dates: Vec<crate::model::Date>,
) -> Result<String, CliError> {
    let request = SequenceRequest {
        tracks: layout,
        dates,
        out_dir: out_dir.to_owned(),
        gif: args.gif.clone(),
        fps: args.fps,
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
