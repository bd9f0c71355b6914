//! `drawdown export`: command-line arguments → an export request, run with
//! a progress bar on a terminal.

use std::io::IsTerminal as _;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::interrupt::CancelOnSignal;
use super::{CliError, ExportArgs, InputArgs, date_or_today, resolve_track};
use crate::export::story::{StorySpec, plan_story, story_stop_frame};
use crate::export::{
    ExportError, ExportOptions, ExportView, FrameDates, OutputKind, SequenceOutput, SequenceSpec, export_sequence,
    plan_sequence, write_image,
};
use crate::export::{SequenceRequest, write_furnished_image};
use crate::inputs::LoadedInputs;
use crate::model::TrackLayout;
use crate::model::printable::shown_path;
use crate::render::{LayerSet, MapLayer};
use crate::story::{Story, load_story_file};

impl ExportArgs {
    /// The layers shown: the defaults with the troop panel for `--troops`,
    /// less those `--hide` and `--no-legend` name (a layer both added and
    /// hidden stays hidden).
    pub fn layers(&self) -> LayerSet {
        let mut layers = LayerSet::default().with(MapLayer::TroopLevels, self.troops);
        for layer in self.hide.iter().flat_map(|set| set.iter()) {
            layers.hide(layer);
        }
        if self.no_legend {
            layers.hide(MapLayer::Legend);
        }
        layers
    }
}

/// Runs `drawdown export`; returns what to print on stdout.
pub fn run_export(args: &ExportArgs, inputs: &InputArgs) -> Result<String, CliError> {
    // A brief names its scenario; --scenario is taken over it.
    let story = args.story.as_deref().map(load_story_file).transpose()?;
    let mut inputs = inputs.clone();
    if inputs.scenario.is_none() {
        inputs.scenario = story.as_ref().and_then(Story::scenario_path);
    }
    let data = LoadedInputs::load_to_export(&inputs.sources())?;
    let opts = ExportOptions {
        size_px: args.size.into(),
        scale: args.scale,
        theme: args.theme,
        layers: args.layers(),
        transparent: args.transparent,
        // The plan's dates after today read as planned on the map.
        today: Some(crate::app::native::today_local()),
        view: args.view.map_or_else(ExportView::default, ExportView::Box),
        page: args.page,
    };
    opts.validate()?;
    if let Some(story) = &story {
        return run_story(args, story, &data, opts);
    }
    let layout = if args.compare {
        let pair = data.scenario.compare_pair().ok_or_else(|| {
            CliError::Invalid("--compare needs a scenario with two tracks; this one has one".to_owned())
        })?;
        TrackLayout::SideBySide(pair)
    } else {
        TrackLayout::Single(resolve_track(&data.scenario, args.track.as_ref())?)
    };
    let outputs = sequence_outputs(args);
    if args.step.is_some() || args.milestones || !outputs.is_empty() {
        run_sequence(args, outputs, &data, layout, opts)
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
    Ok(format!("wrote {} ({w}x{h} px)\n", shown_path(&out)))
}

/// The sequence's outputs the flags name: `--out-dir`, `--gif`, `--mp4`,
/// `--pptx`, `--pdf`.
fn sequence_outputs(args: &ExportArgs) -> Vec<SequenceOutput> {
    [
        (OutputKind::Frames, &args.out_dir),
        (OutputKind::Gif, &args.gif),
        (OutputKind::Mp4, &args.mp4),
        (OutputKind::Pptx, &args.pptx),
        (OutputKind::PdfBook, &args.pdf),
    ]
    .into_iter()
    .filter_map(|(kind, path)| path.clone().map(|path| kind.at(path)))
    .collect()
}

fn run_sequence(
    args: &ExportArgs,
    outputs: Vec<SequenceOutput>,
    data: &LoadedInputs,
    layout: TrackLayout,
    opts: ExportOptions,
) -> Result<String, CliError> {
    let dates = match (args.step, args.milestones) {
        (Some(step), false) => FrameDates::Every(step),
        (None, true) => FrameDates::Milestones,
        _ if outputs.is_empty() => return Err(ExportError::NoOutput.into()),
        _ => {
            return Err(CliError::Invalid(
                "a sequence needs --step (1d, 1w, 1m…) or --milestones".to_owned(),
            ));
        }
    };
    let spec = SequenceSpec {
        layout,
        from: args.from,
        to: args.to,
        dates,
        outputs,
        fps: args.fps,
        force: args.force,
        opts,
        hold_milestones: args.hold_milestones,
    };
    let request = plan_sequence(data, spec)?;
    run_request(data, &request)
}

/// `drawdown export --story FILE`: the brief's stops as a sequence, or
/// one stop (`--stop N`) as one picture.
fn run_story(args: &ExportArgs, story: &Story, data: &LoadedInputs, opts: ExportOptions) -> Result<String, CliError> {
    let spec = StorySpec {
        story,
        today: crate::app::native::today_local(),
        outputs: sequence_outputs(args),
        fps: args.fps,
        force: args.force,
        opts,
    };
    match (args.stop, &args.out) {
        (Some(number), Some(out)) => {
            let frame = story_stop_frame(data, &spec, number)?;
            let frame_opts = frame.options(&opts);
            write_furnished_image(
                data,
                frame.layout,
                frame.date,
                frame.furniture.as_deref(),
                &frame_opts,
                out,
                args.force,
            )?;
            let [w, h] = opts.output_size_px();
            Ok(format!("wrote {} (stop {number}, {w}x{h} px)\n", shown_path(&out)))
        }
        (None, Some(_)) => Err(CliError::Invalid(
            "--out with --story writes one stop: add --stop N, or write the brief with --pptx, --pdf, --mp4, --gif or --out-dir".to_owned(),
        )),
        _ => {
            let request = plan_story(data, spec)?;
            run_request(data, &request)
        }
    }
}

/// Runs a planned sequence with a progress bar; returns the "wrote" lines.
fn run_request(data: &LoadedInputs, request: &SequenceRequest) -> Result<String, CliError> {
    // Ctrl-C or SIGTERM cancels: the export removes what it made.
    let signals = CancelOnSignal::install();
    let bar = progress_bar(request.progress_steps());
    let outcome = export_sequence(data, request, &|| bar.inc(1), signals.flag());
    bar.finish_and_clear();
    let outcome = match (outcome, signals.caught()) {
        (Err(ExportError::Cancelled), Some(signal)) => return Err(CliError::Interrupted(signal)),
        (outcome, _) => outcome?,
    };
    Ok(outcome
        .describe()
        .iter()
        .map(|line| format!("wrote {line}\n"))
        .collect())
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
