//! A brief as a sequence: its stops, resolved against the scenario
//! ([`crate::story::Story::resolve`]), become frames — the frame planner
//! beside [`super::plan::plan_sequence`], through the same outputs and
//! writers. Each stop is a frame with its own date, layout, view, layers
//! and furniture (the classification banners, the logo, its title as the
//! headline, its callouts), held its `hold` seconds in a video or a GIF;
//! between two stops, a video or a GIF moves the date and the view over
//! [`MOVE_SECS`] ([`Frame::between`] frames, which the deck, the book and
//! the PNG frames leave out).

use std::sync::Arc;

use chrono::Days;

use super::frame::{BriefCover, Frame, StopPage};
use super::output::{OutputKind, SequenceOutput};
use super::sequence::SequenceRequest;
use super::{ExportError, ExportOptions, ExportView};
use crate::inputs::LoadedInputs;
use crate::load::file::read_regular_file;
use crate::model::Date;
use crate::model::printable::shown_path;
use crate::render::view::GeoBox;
use crate::render::{Banner, Furniture, LayerSet, Logo, MapLayer};
use crate::story::{ResolvedStop, Story};

/// How long a video or a GIF takes to move from one stop to the next,
/// seconds.
pub const MOVE_SECS: f64 = 1.0;

/// How long a video or a GIF shows a stop's title card when it arrives,
/// seconds (at most half the stop's hold): the audience reads the title,
/// then the map.
pub const CARD_SECS: f64 = 1.5;

/// The largest logo file read, bytes.
const MAX_LOGO_BYTES: u64 = 8 << 20;

/// A brief to export, as the command line or the dialog asks for it.
#[derive(Clone, Debug)]
pub struct StorySpec<'s> {
    pub story: &'s Story,
    /// The day "today" stops show, and the cover's date.
    pub today: Date,
    pub outputs: Vec<SequenceOutput>,
    pub fps: u16,
    pub force: bool,
    pub opts: ExportOptions,
}

/// The brief's logo, read and decoded; `None` without one. A logo that
/// cannot be read is refused with the file's name.
pub fn story_logo(story: &Story) -> Result<Option<Arc<Logo>>, ExportError> {
    let Some(path) = story.logo_path() else {
        return Ok(None);
    };
    let bad = |why: String| ExportError::Invalid(format!("the brief's logo {}: {why}", shown_path(&path)));
    let bytes = read_regular_file(&path, MAX_LOGO_BYTES, "logos").map_err(|e| bad(e.to_string()))?;
    Logo::from_png(&bytes).map(|logo| Some(Arc::new(logo))).map_err(bad)
}

/// The stops of `spec`'s brief against `data`'s scenario, each problem
/// named.
pub fn resolve_stops(data: &LoadedInputs, story: &Story, today: Date) -> Result<Vec<ResolvedStop>, ExportError> {
    let stops = story
        .resolve(&data.scenario, today)
        .map_err(|e| ExportError::Invalid(e.to_string()))?;
    if stops.is_empty() {
        return Err(ExportError::Invalid("the brief has no stops".to_owned()));
    }
    Ok(stops)
}

/// The request `spec` describes: a frame per stop and, for a video or a
/// GIF, the moves between them.
pub fn plan_story(data: &LoadedInputs, spec: StorySpec<'_>) -> Result<SequenceRequest, ExportError> {
    if spec.outputs.is_empty() {
        return Err(ExportError::NoOutput);
    }
    let stops = resolve_stops(data, spec.story, spec.today)?;
    let logo = story_logo(spec.story)?;
    let moves = spec
        .outputs
        .iter()
        .any(|o| matches!(o.kind(), OutputKind::Mp4 | OutputKind::Gif));
    let frames = story_frames(
        spec.story,
        &stops,
        logo,
        spec.today,
        &spec.opts,
        moves.then_some(spec.fps),
    );
    Ok(SequenceRequest {
        frames,
        outputs: spec.outputs,
        fps: spec.fps,
        force: spec.force,
        opts: spec.opts,
    })
}

/// Stop `number` (from 1) of `spec`'s brief as one frame (a picture of
/// one stop).
pub fn story_stop_frame(data: &LoadedInputs, spec: &StorySpec<'_>, number: usize) -> Result<Frame, ExportError> {
    let stops = resolve_stops(data, spec.story, spec.today)?;
    let count = stops.len();
    if number == 0 || number > count {
        return Err(ExportError::Invalid(format!(
            "the brief has {count} stops: stop {number} is not one of them (1 to {count})"
        )));
    }
    let logo = story_logo(spec.story)?;
    let frames = story_frames(spec.story, &stops, logo, spec.today, &spec.opts, None);
    frames
        .into_iter()
        .nth(number - 1)
        .ok_or_else(|| ExportError::Invalid(format!("stop {number} is not in the brief")))
}

/// The frames of `stops`: one per stop, and with `moves_at_fps`, the
/// frames of each move between two stops at that frame rate.
pub fn story_frames(
    story: &Story,
    stops: &[ResolvedStop],
    logo: Option<Arc<Logo>>,
    today: Date,
    opts: &ExportOptions,
    moves_at_fps: Option<u16>,
) -> Vec<Frame> {
    let cover = Arc::new(BriefCover {
        title: story.title.clone(),
        subtitle: story.subtitle.clone(),
        prepared_by: story.prepared_by.clone(),
        date: today,
        classification: story.classification.as_ref().map(|c| c.text.clone()),
    });
    let banner = story.classification.as_ref().map(|c| Banner::of_text(&c.text));
    let stop_frames: Vec<Frame> = stops
        .iter()
        .map(|stop| {
            let furniture = Furniture {
                banner: banner.clone(),
                logo: logo.clone(),
                title: Some(stop.title.clone()),
                callouts: stop.callouts.clone(),
                card: false,
            };
            Frame {
                furniture: Some(Arc::new(furniture)),
                hold_secs: Some(stop.hold_secs),
                view: Some(view_of(stop.view)),
                layers: Some(shown_layers(opts.layers, stop.hide)),
                stop: Some(Arc::new(StopPage {
                    number: stop.number,
                    count: stops.len(),
                    title: stop.title.clone(),
                    notes: stop.notes.clone(),
                    brief: Arc::clone(&cover),
                })),
                ..Frame::new(stop.layout, stop.date)
            }
        })
        .collect();
    let Some(fps) = moves_at_fps else {
        return stop_frames;
    };
    let mut frames = Vec::with_capacity(stop_frames.len() * 3);
    for (i, frame) in stop_frames.iter().enumerate() {
        if i > 0
            && let (Some(from), Some(to)) = (stops.get(i - 1), stops.get(i))
        {
            frames.extend(move_frames(from, to, &stop_frames[i - 1], frame, fps));
        }
        frames.extend(with_title_card(frame, fps));
    }
    frames
}

/// A stop's frame in a video: its title card over the map for the
/// first [`CARD_SECS`] (at most half its hold), then the map alone for
/// the rest of its hold. The card's frame is not the stop's slide or page.
fn with_title_card(frame: &Frame, fps: u16) -> Vec<Frame> {
    let hold = frame.hold_secs.unwrap_or(0.0);
    // Whole frames, so that the card and the rest add up to the hold's.
    let fps = f64::from(fps.max(1));
    let card_secs = (CARD_SECS.min(hold / 2.0) * fps).floor() / fps;
    let Some(furniture) = frame.furniture.as_deref().filter(|_| card_secs > 0.0) else {
        return vec![frame.clone()];
    };
    let card = Frame {
        furniture: Some(Arc::new(Furniture {
            card: true,
            ..furniture.clone()
        })),
        hold_secs: Some(card_secs),
        between: true,
        ..frame.clone()
    };
    let rest = Frame {
        hold_secs: Some(hold - card_secs),
        ..frame.clone()
    };
    vec![card, rest]
}

/// How many frames a move between two stops takes at `fps`.
pub fn move_frame_count(fps: u16) -> usize {
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a few dozen")]
    let n = (MOVE_SECS * f64::from(fps.max(1))).round() as usize;
    n
}

/// The frames of the move from stop `from` to stop `to`: the date and the
/// view a step further each frame, the rest of the nearer stop (its
/// layout, layers, banner and title; no callouts, whose places move).
fn move_frames(from: &ResolvedStop, to: &ResolvedStop, from_frame: &Frame, to_frame: &Frame, fps: u16) -> Vec<Frame> {
    let n = move_frame_count(fps);
    let days = (to.date - from.date).num_days();
    (1..=n)
        .map(|k| {
            #[expect(clippy::cast_precision_loss, reason = "a few dozen frames")]
            let t = k as f64 / (n + 1) as f64;
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_precision_loss,
                reason = "days between two dates of a scenario"
            )]
            let step = ((days as f64) * t).round() as i64;
            let date = if step >= 0 {
                from.date.checked_add_days(Days::new(step.unsigned_abs()))
            } else {
                from.date.checked_sub_days(Days::new(step.unsigned_abs()))
            }
            .unwrap_or(to.date);
            let near = if t < 0.5 { from_frame } else { to_frame };
            // No callouts and a blank headline band on the way: a stop's
            // title over the days between two stops would claim them
            // ("Joint statement, 27 Sep 2024" over March 2025). The band
            // stays, so that the map does not jump.
            let furniture = near.furniture.as_deref().map(|f| {
                Arc::new(Furniture {
                    callouts: Vec::new(),
                    title: f.title.as_ref().map(|_| String::new()),
                    ..f.clone()
                })
            });
            #[expect(clippy::cast_possible_truncation, reason = "a fraction")]
            let t32 = t as f32;
            Frame {
                furniture,
                view: Some(ExportView::Between {
                    from: from.view,
                    to: to.view,
                    t: t32,
                }),
                layers: near.layers,
                between: true,
                ..Frame::new(near.layout, date)
            }
        })
        .collect()
}

/// The view of a stop: its box, or the home view.
fn view_of(view: Option<GeoBox>) -> ExportView {
    view.map_or_else(ExportView::default, ExportView::Box)
}

/// The layers a stop shows: the request's, less those it hides.
fn shown_layers(layers: LayerSet, hide: LayerSet) -> LayerSet {
    let mut shown = layers;
    for layer in MapLayer::ALL {
        if hide.contains(layer) {
            shown.hide(layer);
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_move_between_stops_carries_no_stops_title_and_no_callouts() {
        let data = LoadedInputs::embedded().unwrap();
        let text = "title = \"B\"\n[[stops]]\ndate = \"2024-09-27\"\ntitle = \"Joint statement\"\n\
                    [[stops]]\ndate = \"2025-09-30\"\ntitle = \"Deadline\"\n\
                    [[stops.callouts]]\ntext = \"Here\"\nat = [40.5, 36.7]\n";
        let story = crate::story::load_story(std::path::Path::new("b.toml"), text).unwrap();
        let today: Date = "2026-12-07".parse().unwrap();
        let stops = story.resolve(&data.scenario, today).unwrap();
        let frames = story_frames(&story, &stops, None, today, &ExportOptions::default(), Some(8));
        let title = |f: &Frame| f.furniture.as_ref().and_then(|f| f.title.clone());
        let moves: Vec<&Frame> = frames.iter().filter(|f| f.between && f.stop.is_none()).collect();
        assert!(!moves.is_empty(), "a move between the two stops");
        for f in &moves {
            assert_eq!(title(f).as_deref(), Some(""), "blank headline on {}", f.date);
            assert!(f.furniture.as_ref().is_some_and(|f| f.callouts.is_empty()));
        }
        let titles: Vec<String> = frames.iter().filter(|f| !f.between).filter_map(title).collect();
        assert!(
            titles.contains(&"Joint statement".to_owned()) && titles.contains(&"Deadline".to_owned()),
            "{titles:?}"
        );
    }
}
