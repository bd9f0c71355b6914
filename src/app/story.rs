//! The open story in the window: its stops as edited (with undo), where
//! it is saved, the stop shown, the short move of date and view between
//! stops, and the presenter view's clock. [`DrawdownApp::apply_story`] is
//! the reducer's one arm for [`StoryCommand`]; it spans the briefing (the
//! date and track of a stop) and the look (its view, layout and layers),
//! as a stop does.

use std::cell::{Cell, RefCell};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use egui::{Rect, pos2};

use super::DrawdownApp;
use super::change_fx::ChangeFx;
use super::effect::{Effect, Outcome};
use super::state::StopCue;
use super::watch::FileWatch;
use crate::geo::MapGeometry;
use crate::model::printable::shown_path;
use crate::model::{Date, TrackLayout};
use crate::render::{LayerSet, MapLayer, MapView};
use crate::story::edit::{blank_story, logo_as_written, parse_stop_date, save_problems};
use crate::story::{Callout, Classification, GeoBox, ResolvedStop, Stop, StopDate, StopLayout, Story, load_story_file};
use crate::ui::command::{StoryCommand, StoryText, TimeCommand};
use crate::ui::path_field::TypedPath;
use crate::ui::story_fields::{DateField, TrackChoice};
pub use crate::ui::story_panel::CalloutEdit;

/// How long the move from one stop to the next takes, seconds: long
/// enough for the room to follow the map, short enough not to wait.
pub const TRANSITION_SECS: f64 = 0.6;

/// The most edits Undo takes back.
const MAX_UNDO: usize = 200;

/// The map area assumed before a map was drawn (a 16:9 window): a view box
/// becomes a zoom and centre only for an area's shape.
const DEFAULT_FIT_RECT: Rect = Rect {
    min: pos2(0.0, 0.0),
    max: pos2(1600.0, 900.0),
};

/// The story side of the window.
#[derive(Debug, Default)]
pub struct StoryState {
    pub open: Option<OpenStory>,
    pub panel_open: bool,
    /// The move under way between two stops.
    pub transition: Option<Transition>,
    /// The presenter view, while open.
    pub presenter: Option<PresenterClock>,
    /// Where the map's home view fitted at the last frame (set while the
    /// map is drawn): a stop's view box becomes a zoom for its shape.
    pub fit_rect: Cell<Option<Rect>>,
}

impl StoryState {
    /// The scenario the story resolves against was replaced: its stops
    /// resolve anew (their default titles, dates and tracks come from it).
    pub fn scenario_replaced(&mut self) {
        if let Some(open) = &mut self.open {
            open.revision += 1;
        }
    }
}

/// A story being shown and edited.
/// Stops resolved at a revision of the story, on a day.
type ResolvedAt = (u64, Date, Rc<Vec<ResolvedStop>>);

#[derive(Debug)]
pub struct OpenStory {
    /// Its file; None for a drafted story not saved yet.
    pub path: Option<PathBuf>,
    pub story: Story,
    /// The stop shown (an index into `story.stops`; 0 when there is none).
    pub current: usize,
    /// Changed since it was opened or saved.
    pub dirty: bool,
    /// The story as its file holds it (None until it has one): an undo
    /// back to it leaves nothing unsaved.
    on_disk: Option<Story>,
    /// Where the map's next click goes, and the callout being typed.
    pub callout: CalloutEdit,
    /// The path field offered when no file dialog can open.
    pub save_path: Option<TypedPath>,
    /// The shown stop's date as typed, not applied yet (or refused).
    pub date_field: Option<DateField>,
    /// Why the logo cannot be drawn (a missing file, not a PNG), shown
    /// under its field: the exports would refuse it.
    pub logo_problem: Option<String>,
    /// The logo file last checked (its resolved path): checked again only
    /// when it changes, or on a save.
    logo_checked: Option<PathBuf>,
    /// Why the last open, save or move failed, shown in the panel.
    pub error: Option<String>,
    /// Bumped on every change (of the story, or of the scenario it is
    /// resolved against): the presenter's picture is drawn once per stop
    /// and revision, the stops resolved once per revision and day.
    pub revision: u64,
    /// The stops as last resolved, with the revision and the day they were
    /// resolved for: the panel, the map's callouts, the headline and the
    /// presenter view read them every frame.
    resolved: RefCell<Option<ResolvedAt>>,
    undo: Vec<(Story, usize)>,
    /// The field the last edit typed into: typing on in it is one undo step.
    last_edit: Option<(usize, Field)>,
    watch: FileWatch,
    /// The first stop is shown once the story's scenario has loaded.
    first_stop_pending: bool,
    /// The briefer was told that closing drops the unsaved edits.
    warned_unsaved: bool,
}

/// A field typed into: a stop's, or one of the story's own (named with
/// stop 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Title,
    Notes,
    Hold,
    Story(StoryText),
}

/// The move between two stops: date and view, eased.
#[derive(Clone, Debug, PartialEq)]
pub struct Transition {
    from: (Date, MapView),
    to: (Date, MapView),
    /// egui's clock when it started, seconds.
    start_secs: f64,
}

/// The presenter view's clock: when it opened (egui's clock).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PresenterClock {
    pub since_secs: f64,
}

impl OpenStory {
    fn new(path: Option<PathBuf>, story: Story) -> Self {
        let watch = FileWatch::new(path.clone());
        let on_disk = path.as_ref().map(|_| story.clone());
        Self {
            path,
            story,
            current: 0,
            dirty: false,
            on_disk,
            callout: CalloutEdit::Off,
            save_path: None,
            date_field: None,
            logo_problem: None,
            logo_checked: None,
            error: None,
            revision: 0,
            resolved: RefCell::new(None),
            undo: Vec::new(),
            last_edit: None,
            watch,
            first_stop_pending: true,
            warned_unsaved: false,
        }
    }

    /// The stops resolved against `scenario` on `today`, once per
    /// revision and day (empty when they do not resolve: the panel says
    /// why).
    pub fn resolved(&self, scenario: &crate::model::Scenario, today: Date) -> Rc<Vec<ResolvedStop>> {
        let mut cached = self.resolved.borrow_mut();
        match &*cached {
            Some((revision, day, stops)) if *revision == self.revision && *day == today => Rc::clone(stops),
            _ => {
                let stops = Rc::new(self.story.resolve(scenario, today).unwrap_or_default());
                *cached = Some((self.revision, today, Rc::clone(&stops)));
                stops
            }
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Keeps the story as it is for Undo, unless the edit goes on typing
    /// in the same field as the last one.
    fn checkpoint(&mut self, field: Option<(usize, Field)>) {
        if field.is_none() || field != self.last_edit {
            self.undo.push((self.story.clone(), self.current));
            if self.undo.len() > MAX_UNDO {
                self.undo.remove(0);
            }
        }
        self.last_edit = field;
        self.date_field = None;
        self.dirty = true;
        self.warned_unsaved = false;
        self.revision += 1;
    }

    fn undo(&mut self) -> bool {
        let Some((story, current)) = self.undo.pop() else {
            return false;
        };
        self.story = story;
        self.current = current.min(self.story.stops.len().saturating_sub(1));
        self.last_edit = None;
        self.date_field = None;
        self.dirty = self.on_disk.as_ref() != Some(&self.story);
        self.revision += 1;
        true
    }

    fn stop_mut(&mut self, i: usize) -> Option<&mut Stop> {
        self.story.stops.get_mut(i)
    }

    /// The file name the story is saved under, for the panel.
    pub fn file_name(&self) -> String {
        self.path
            .as_deref()
            .and_then(Path::file_name)
            .map_or_else(|| "unsaved".to_owned(), |n| n.to_string_lossy().into_owned())
    }
}

impl Transition {
    /// Where the move is at `now_secs`: the date and view to show, and
    /// whether it has arrived.
    fn at(&self, now_secs: f64) -> (Date, MapView, bool) {
        let t = ((now_secs - self.start_secs) / TRANSITION_SECS).clamp(0.0, 1.0);
        if t >= 1.0 {
            return (self.to.0, self.to.1, true);
        }
        // Ease in and out: the map starts and lands gently.
        let eased = t * t * (3.0 - 2.0 * t);
        let days = (self.to.0 - self.from.0).num_days();
        #[expect(
            clippy::cast_precision_loss,
            clippy::cast_possible_truncation,
            reason = "days in a range of decades"
        )]
        let date = self.from.0 + chrono::TimeDelta::days((days as f64 * eased).round() as i64);
        (date, lerp_view(self.from.1, self.to.1, eased), false)
    }
}

/// The view a fraction `t` of the way from `a` to `b`: the centre in a
/// straight line, the zoom by a constant factor a step (so that zooming in
/// and out feel the same).
fn lerp_view(a: MapView, b: MapView, t: f64) -> MapView {
    #[expect(clippy::cast_possible_truncation, reason = "a fraction")]
    let t = t as f32;
    let zoom = (a.zoom.ln() + (b.zoom.ln() - a.zoom.ln()) * t).exp();
    let centre = match (a.centre, b.centre) {
        (None, None) => None,
        (a, b) => {
            let [ax, ay] = a.or(b).unwrap_or_default();
            let [bx, by] = b.or(a).unwrap_or_default();
            Some([ax + (bx - ax) * t, ay + (by - ay) * t])
        }
    };
    MapView { centre, zoom }
}

/// The zoom and centre that show `geo` (longitude and latitude, degrees)
/// whole in `fit_rect`, the area the home view fills: framed as the
/// exports frame a view box.
pub fn view_of_box(geo: &GeoBox, geometry: &MapGeometry, fit_rect: Rect) -> MapView {
    MapView::framing(
        geo,
        |lon, lat| geometry.world_from_lonlat(lon, lat),
        geometry.bounds,
        fit_rect,
    )
}

/// The longitude and latitude box `view` shows in `fit_rect`: the
/// meridians and parallels through the middle of its edges, to three
/// decimals (about 100 m), as a story file writes them.
pub fn box_of_view(view: &MapView, geometry: &MapGeometry, fit_rect: Rect) -> GeoBox {
    let world = view.screen_from_world(geometry.bounds, fit_rect).world_rect(fit_rect);
    let c = world.center();
    let lonlat = |x: f32, y: f32| geometry.projection.lonlat_from_world([f64::from(x), f64::from(y)]);
    let round = |v: f64| (v * 1000.0).round() / 1000.0;
    GeoBox {
        west: round(lonlat(world.min.x, c.y)[0]),
        east: round(lonlat(world.max.x, c.y)[0]),
        south: round(lonlat(c.x, world.min.y)[1]),
        north: round(lonlat(c.x, world.max.y)[1]),
    }
}

/// The layers shown at a stop that hides `hide`: those hidden off, the
/// others shown by default on, the rest as `shown` has them (a layer the
/// briefer turned on stays on).
pub fn layers_at_stop(shown: LayerSet, hide: LayerSet) -> LayerSet {
    MapLayer::ALL.into_iter().fold(shown, |layers, layer| {
        if hide.contains(layer) {
            layers.with(layer, false)
        } else if layer.default_shown() {
            layers.with(layer, true)
        } else {
            layers
        }
    })
}

/// The layers a stop of what `shown` shows hides: those shown by default
/// that are off.
pub fn hidden_at(shown: LayerSet) -> LayerSet {
    MapLayer::ALL
        .into_iter()
        .filter(|l| l.default_shown() && !shown.contains(*l))
        .fold(LayerSet::NONE, |set, l| set.with(l, true))
}

/// Reads and checks a story file.
pub fn read_story(path: &Path) -> Result<Story, String> {
    load_story_file(path).map_err(|e| e.to_string())
}

/// Whether the TOML file at `path` is a story (its top level has `stops`)
/// rather than a scenario. What a dropped file and the command line's
/// file are told apart by. A file that is not valid TOML is a story if a
/// line opens a `[[stops]]` table, so that the story's loader, not the
/// scenario's, says what is wrong with it.
pub fn is_story_file(path: &Path) -> bool {
    let is_toml = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    if !is_toml {
        return false;
    }
    let Ok(text) =
        crate::load::file::read_text_file(path, crate::load::scenario::MAX_SCENARIO_BYTES, "stories or scenarios")
    else {
        return false;
    };
    match text.parse::<toml::Table>() {
        Ok(table) => table.contains_key("stops"),
        Err(_) => text.lines().any(|line| line.trim_start().starts_with("[[stops]]")),
    }
}

impl DrawdownApp {
    /// The reducer's arm for the story's commands.
    pub(super) fn apply_story(&mut self, command: StoryCommand) -> Outcome {
        let outcome = self.apply_story_command(command);
        self.check_logo();
        outcome
    }

    /// The open story's logo, read and decoded as the exports will, when
    /// its path changed: why it cannot be drawn goes under its field (a
    /// bad logo is said at once, not when an export fails).
    fn check_logo(&mut self) {
        let Some(open) = &mut self.story.open else {
            return;
        };
        let path = open.story.logo_path();
        if path == open.logo_checked {
            return;
        }
        open.logo_problem = path
            .as_ref()
            .and_then(|_| crate::export::story::story_logo(&open.story).err())
            .map(|e| e.to_string());
        open.logo_checked = path;
    }

    fn apply_story_command(&mut self, command: StoryCommand) -> Outcome {
        match command {
            StoryCommand::OpenDialog => Outcome::effect(Effect::PickStory),
            StoryCommand::Open(path) => self.open_story(path),
            StoryCommand::NewFromScenario => self.new_story(),
            StoryCommand::NewBlank => self.new_blank_story(),
            StoryCommand::PickLogo => {
                let folder = self
                    .story
                    .open
                    .as_ref()
                    .and_then(|open| open.story.origin.as_deref().and_then(Path::parent).map(Path::to_owned))
                    .filter(|folder| !folder.as_os_str().is_empty());
                Outcome::effect(Effect::PickStoryLogo(folder))
            }
            StoryCommand::Close => {
                if let Some(warning) = self.unsaved_warning("closing") {
                    return warning;
                }
                self.story.open = None;
                self.story.transition = None;
                self.story.presenter = None;
                Outcome::notice("Story closed".to_owned())
            }
            StoryCommand::TogglePanel => {
                self.story.panel_open = !self.story.panel_open;
                Outcome::none()
            }
            StoryCommand::Step { forward } => self.step(forward),
            StoryCommand::GoTo(i) => {
                // A date typed and left by clicking another stop: the
                // click comes before the field's, and would drop it.
                let typed = self
                    .story
                    .open
                    .as_ref()
                    .and_then(|o| o.date_field.as_ref())
                    .map(|f| f.stop);
                if let Some(stop) = typed.filter(|&stop| stop != i) {
                    let _ = self.edit_story(StoryCommand::CommitDate(stop));
                }
                self.go_to_stop(i, true)
            }
            StoryCommand::Tick(now) => self.story_tick(now),
            StoryCommand::TogglePresenter => {
                self.story.presenter = match self.story.presenter {
                    _ if self.story.open.is_none() => None,
                    Some(_) => None,
                    None => Some(PresenterClock {
                        since_secs: self.briefing.now_secs,
                    }),
                };
                Outcome::none()
            }
            StoryCommand::Save => self.save(),
            StoryCommand::SaveTo(path) => self.save_to(path),
            StoryCommand::SavePickFailed(reason) => {
                if let Some(open) = &mut self.story.open {
                    let name = open.path.clone().unwrap_or_else(|| default_story_path(&open.story));
                    open.save_path = Some(TypedPath {
                        text: name.to_string_lossy().into_owned(),
                        reason,
                    });
                }
                Outcome::none()
            }
            StoryCommand::EditSavePath(text) => {
                if let Some(typed) = self.story.open.as_mut().and_then(|o| o.save_path.as_mut()) {
                    typed.text = text;
                }
                Outcome::none()
            }
            StoryCommand::SaveTyped => {
                let typed = self.story.open.as_ref().and_then(|o| o.save_path.as_ref());
                match typed.map(|t| t.text.trim().to_owned()).filter(|t| !t.is_empty()) {
                    Some(text) => self.save_to(PathBuf::from(text)),
                    None => Outcome::none(),
                }
            }
            edit => self.edit_story(edit),
        }
    }

    /// The edits of the panel: each one undoable.
    fn edit_story(&mut self, command: StoryCommand) -> Outcome {
        let new_stop = match &command {
            StoryCommand::AddView => Some(self.stop_of_view()),
            _ => None,
        };
        // After a delete or an undo another stop is the shown one: the map
        // follows, so that a callout or *Add this view* is made on it.
        let mut show_current = matches!(command, StoryCommand::Delete(_) | StoryCommand::Undo);
        let range = self.inputs.scenario.range;
        let fit = self.story.fit_rect.get().unwrap_or(DEFAULT_FIT_RECT);
        let view_box = match &command {
            StoryCommand::UseCurrentView(_) if self.look.view != MapView::HOME => {
                Some(box_of_view(&self.look.view, &self.inputs.geometry, fit))
            }
            _ => None,
        };
        let hidden_now = hidden_at(self.look.layers);
        let Some(open) = &mut self.story.open else {
            return Outcome::none();
        };
        let len = open.story.stops.len();
        let shown = open.current;
        match command {
            StoryCommand::AddView => {
                if let Some(stop) = new_stop {
                    open.checkpoint(None);
                    let at = if len == 0 { 0 } else { open.current + 1 };
                    open.story.stops.insert(at, stop);
                    open.current = at;
                }
            }
            StoryCommand::Move { from, to } if from < len && to < len && from != to => {
                open.checkpoint(None);
                let stop = open.story.stops.remove(from);
                open.story.stops.insert(to, stop);
                open.current = to;
            }
            StoryCommand::Duplicate(i) if i < len => {
                open.checkpoint(None);
                let copy = open.story.stops[i].clone();
                open.story.stops.insert(i + 1, copy);
                open.current = i + 1;
            }
            StoryCommand::Delete(i) if i < len => {
                open.checkpoint(None);
                open.story.stops.remove(i);
                open.current = open.current.min(open.story.stops.len().saturating_sub(1));
            }
            StoryCommand::EditTitle(i, text) if i < len => {
                open.checkpoint(Some((i, Field::Title)));
                if let Some(stop) = open.stop_mut(i) {
                    stop.title = Some(text).filter(|t| !t.trim().is_empty());
                }
            }
            StoryCommand::EditNotes(i, text) if i < len => {
                open.checkpoint(Some((i, Field::Notes)));
                if let Some(stop) = open.stop_mut(i) {
                    stop.notes = text;
                }
            }
            StoryCommand::SetHold(i, secs) if i < len && secs.is_finite() => {
                open.checkpoint(Some((i, Field::Hold)));
                if let Some(stop) = open.stop_mut(i) {
                    stop.hold_secs = secs.clamp(0.5, 600.0);
                }
            }
            StoryCommand::ToggleCalloutMode => {
                open.callout = match open.callout {
                    CalloutEdit::Off => CalloutEdit::Armed,
                    _ => CalloutEdit::Off,
                };
            }
            StoryCommand::PlaceCallout(at) if open.callout == CalloutEdit::Armed && len > 0 => {
                open.callout = CalloutEdit::Typing {
                    at,
                    text: String::new(),
                };
            }
            StoryCommand::EditCalloutText(new) => {
                if let CalloutEdit::Typing { text, .. } = &mut open.callout {
                    *text = new;
                }
            }
            StoryCommand::CommitCallout => {
                if let CalloutEdit::Typing { at, text } = std::mem::take(&mut open.callout) {
                    let text = text.trim().to_owned();
                    if !text.is_empty() && open.current < len {
                        open.checkpoint(None);
                        let current = open.current;
                        if let Some(stop) = open.stop_mut(current) {
                            stop.callouts.push(Callout { text, lonlat: at });
                        }
                    }
                }
            }
            StoryCommand::DeleteCallout { stop, callout }
                if open.story.stops.get(stop).is_some_and(|s| callout < s.callouts.len()) =>
            {
                open.checkpoint(None);
                if let Some(s) = open.stop_mut(stop) {
                    s.callouts.remove(callout);
                }
            }
            StoryCommand::EditDateText(stop, text) if stop < len => {
                open.date_field = Some(DateField {
                    stop,
                    text,
                    problem: None,
                });
            }
            StoryCommand::CommitDate(i) => {
                let typed = open.date_field.take_if(|field| field.stop == i);
                if let Some(mut field) = typed {
                    match parse_stop_date(&field.text, range) {
                        Ok(date) => {
                            if open.story.stops.get(i).is_some_and(|stop| stop.date != date) {
                                open.checkpoint(None);
                                if let Some(stop) = open.stop_mut(i) {
                                    stop.date = date;
                                }
                                show_current = i == shown;
                            }
                        }
                        Err(problem) => {
                            field.problem = Some(problem);
                            open.date_field = Some(field);
                        }
                    }
                }
            }
            StoryCommand::SetLayout(i, layout) if open.story.stops.get(i).is_some_and(|s| s.layout != layout) => {
                open.checkpoint(None);
                if let Some(stop) = open.stop_mut(i) {
                    stop.layout = layout;
                }
                show_current = i == shown;
            }
            StoryCommand::SetTrack(i, track) if open.story.stops.get(i).is_some_and(|s| s.track != track) => {
                open.checkpoint(None);
                if let Some(stop) = open.stop_mut(i) {
                    stop.track = track;
                }
                show_current = i == shown;
            }
            // The map shows the view and layers taken already: it stays.
            StoryCommand::UseCurrentView(i) if open.story.stops.get(i).is_some_and(|s| s.view != view_box) => {
                open.checkpoint(None);
                if let Some(stop) = open.stop_mut(i) {
                    stop.view = view_box;
                }
            }
            StoryCommand::UseCurrentLayers(i) if open.story.stops.get(i).is_some_and(|s| s.hide != hidden_now) => {
                open.checkpoint(None);
                if let Some(stop) = open.stop_mut(i) {
                    stop.hide = hidden_now;
                }
            }
            StoryCommand::HomeView(i) if open.story.stops.get(i).is_some_and(|s| s.view.is_some()) => {
                open.checkpoint(None);
                if let Some(stop) = open.stop_mut(i) {
                    stop.view = None;
                }
                show_current = i == shown;
            }
            StoryCommand::EditStoryText(field, text) => {
                open.checkpoint(Some((0, Field::Story(field))));
                let optional = || Some(text.clone()).filter(|t| !t.trim().is_empty());
                let story = &mut open.story;
                match field {
                    StoryText::Title => story.title.clone_from(&text),
                    StoryText::Subtitle => story.subtitle = optional(),
                    StoryText::Classification => story.classification = optional().map(Classification::new),
                    StoryText::PreparedBy => story.prepared_by = optional(),
                    StoryText::Logo => story.logo = optional().map(PathBuf::from),
                }
            }
            StoryCommand::SetClassification(text) => {
                open.checkpoint(None);
                open.story.classification = Some(Classification::new(text));
            }
            StoryCommand::LogoPicked(picked) => {
                open.checkpoint(None);
                open.story.logo = Some(logo_as_written(&open.story, &picked));
            }
            // The guard undoes; only when there was nothing to undo does
            // the arm run.
            StoryCommand::Undo if !open.undo() => {
                return Outcome::notice("Nothing to undo".to_owned());
            }
            _ => {}
        }
        let current = (open.current < open.story.stops.len()).then_some(open.current);
        match current {
            Some(i) if show_current => self.go_to_stop(i, false),
            _ => Outcome::none(),
        }
    }

    /// The stop *Add this view as a stop* makes: what the window shows.
    fn stop_of_view(&self) -> Stop {
        let scenario = &self.inputs.scenario;
        let fit = self.story.fit_rect.get().unwrap_or(DEFAULT_FIT_RECT);
        let view = (self.look.view != MapView::HOME).then(|| box_of_view(&self.look.view, &self.inputs.geometry, fit));
        let (layout, track) = if self.look.compare && scenario.compare_pair().is_some() {
            (StopLayout::Compare, None)
        } else {
            (StopLayout::Single, Some(scenario.track(self.briefing.track).id.clone()))
        };
        Stop {
            layout,
            track,
            view,
            hide: hidden_at(self.look.layers),
            ..Stop::on(StopDate::On(self.briefing.date))
        }
    }

    fn open_story(&mut self, path: PathBuf) -> Outcome {
        if let Some(warning) = self.unsaved_warning("opening another") {
            return warning;
        }
        let story = match load_story_file(&path) {
            Ok(story) => story,
            Err(errors) => {
                // Located errors, like a scenario's: in the banner.
                self.io.error = Some(super::state::ShownErrors::new(&errors));
                return Outcome::none();
            }
        };
        let scenario = story.scenario_path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.story.open = Some(OpenStory::new(Some(path), story));
        self.story.panel_open = true;
        let mut outcome = Outcome::notice(format!("Opened the story {name}"));
        // The story's own scenario, unless it is the one shown: the first
        // stop shows once it has loaded (see `story_tick`).
        if let Some(scenario) = scenario.filter(|s| self.inputs.sources.scenario.as_ref() != Some(s)) {
            outcome.then =
                Some(crate::ui::command::LoadCommand::File(crate::inputs::FileKind::Scenario, scenario).into());
        }
        outcome
    }

    fn new_story(&mut self) -> Outcome {
        if let Some(warning) = self.unsaved_warning("drafting a new one") {
            return warning;
        }
        let story = crate::story::draft_story(&self.inputs.scenario, self.today(), None, None);
        let mut open = OpenStory::new(None, story);
        open.dirty = true;
        self.story.open = Some(open);
        self.story.panel_open = true;
        Outcome::notice("A story drafted from the scenario: check its stops and save it".to_owned())
    }

    fn new_blank_story(&mut self) -> Outcome {
        if let Some(warning) = self.unsaved_warning("starting a blank one") {
            return warning;
        }
        let story = blank_story(&self.inputs.scenario);
        let mut open = OpenStory::new(None, story);
        // Nothing is lost if it is closed as it is: no stop yet.
        open.first_stop_pending = false;
        self.story.open = Some(open);
        self.story.panel_open = true;
        Outcome::notice("A blank story: frame the map, pick the date, and add this view as a stop".to_owned())
    }

    /// Before the open story's unsaved edits are dropped (by `doing`):
    /// the first time, a notice saying so, and nothing happens; asked
    /// again, they go.
    fn unsaved_warning(&mut self, doing: &str) -> Option<Outcome> {
        let open = self.story.open.as_mut().filter(|open| open.dirty)?;
        if std::mem::replace(&mut open.warned_unsaved, true) {
            return None;
        }
        Some(Outcome::notice(format!(
            "The story has unsaved edits: save them (Ctrl+S), or ask again for {doing} without them"
        )))
    }

    fn today(&self) -> Date {
        self.briefing.today.unwrap_or_else(super::native::today_local)
    }

    /// The clicker: the next or previous stop of the story, or the
    /// scenario's stops without one.
    fn step(&mut self, forward: bool) -> Outcome {
        let Some(open) = &self.story.open else {
            return Outcome::then(if forward {
                TimeCommand::NextMilestone
            } else {
                TimeCommand::PrevMilestone
            });
        };
        let len = open.story.stops.len();
        let target = if forward {
            (open.current + 1 < len).then_some(open.current + 1)
        } else {
            open.current.checked_sub(1)
        };
        let outcome = match target {
            Some(i) => self.go_to_stop(i, true),
            None => Outcome::none(),
        };
        let at_end = if forward {
            target.is_none_or(|i| i + 1 >= len)
        } else {
            target.is_none_or(|i| i == 0)
        };
        self.briefing.stop_cue = at_end.then_some((
            if forward { StopCue::End } else { StopCue::Start },
            self.briefing.now_secs,
        ));
        outcome
    }

    /// Shows stop `i`: its date, layout, track, view and layers; with a
    /// short move of date and view when `animate`.
    fn go_to_stop(&mut self, i: usize, animate: bool) -> Outcome {
        let today = self.today();
        let scenario = &self.inputs.scenario;
        let Some(open) = &mut self.story.open else {
            return Outcome::none();
        };
        let Some(stop) = open.story.stops.get(i) else {
            return Outcome::none();
        };
        let resolved = match open.story.resolve(scenario, today) {
            Ok(resolved) => resolved,
            Err(e) => {
                open.error = Some(e.to_string());
                return Outcome::none();
            }
        };
        let Some(target) = resolved.get(i) else {
            return Outcome::none();
        };
        open.error = None;
        open.current = i;
        open.date_field = None;
        let fit = self.story.fit_rect.get().unwrap_or(DEFAULT_FIT_RECT);
        let view = stop
            .view
            .as_ref()
            .map_or(MapView::HOME, |b| view_of_box(b, &self.inputs.geometry, fit));
        let hide = stop.hide;
        match target.layout {
            TrackLayout::Single(track) => {
                self.look.compare = false;
                self.briefing.track = track;
            }
            TrackLayout::SideBySide([left, _]) => {
                self.look.compare = true;
                self.briefing.track = left;
            }
        }
        self.look.layers = layers_at_stop(self.look.layers, hide);
        let date = scenario.range.clamp(target.date);
        if animate {
            self.story.transition = Some(Transition {
                from: (self.briefing.date, self.look.view),
                to: (date, view),
                start_secs: self.briefing.now_secs,
            });
            Outcome::none()
        } else {
            // Opened or reloaded: the room was shown no day before this
            // stop, so no "what changed" caption compares with one.
            self.story.transition = None;
            self.look.view = view;
            self.briefing.date = date;
            self.briefing.change = None;
            Outcome::none()
        }
    }

    /// A frame: the move between stops goes on; the story file is checked
    /// for edits made outside (reloaded unless the panel has unsaved ones);
    /// a story just opened shows its first stop once its scenario loaded.
    fn story_tick(&mut self, now_secs: f64) -> Outcome {
        if let Some(transition) = &self.story.transition {
            let (date, view, arrived) = transition.at(now_secs);
            let from = transition.from.0;
            self.look.view = view;
            // The caption compares with the stop the room saw last, once
            // there: not with the days the move only passes through.
            let b = &mut self.briefing;
            b.date = date;
            b.change = None;
            if arrived {
                self.story.transition = None;
                b.change = ChangeFx::crossing(&self.inputs.scenario, b.track, from, date, now_secs, false);
            }
            return Outcome::none();
        }
        let loading = self.io.loading.is_some();
        let Some(open) = &mut self.story.open else {
            return Outcome::none();
        };
        if open.first_stop_pending && !loading {
            open.first_stop_pending = false;
            return self.go_to_stop(0, false);
        }
        if open.watch.poll(now_secs)
            && !open.dirty
            && let Some(path) = open.path.clone()
        {
            match read_story(&path) {
                Ok(story) => {
                    open.on_disk = Some(story.clone());
                    open.story = story;
                    open.current = open.current.min(open.story.stops.len().saturating_sub(1));
                    open.revision += 1;
                    open.error = None;
                    let current = open.current;
                    return self.go_to_stop(current, false);
                }
                Err(e) => open.error = Some(e),
            }
        }
        Outcome::none()
    }

    /// Save: to the story's file, or the dialog for a new one. A story the
    /// loader would refuse back is not written: the panel says why.
    fn save(&mut self) -> Outcome {
        let Some(open) = &mut self.story.open else {
            return Outcome::none();
        };
        if let Some(problems) = unsaveable(&open.story) {
            open.error = Some(problems);
            return Outcome::none();
        }
        match open.path.clone() {
            Some(path) => self.save_to(path),
            None => {
                let proposed = default_story_path(&open.story);
                Outcome::effect(Effect::PickStorySaveTarget(proposed))
            }
        }
    }

    /// Writes the story to `path` whole (a crash mid-write leaves the old
    /// file), and from then on it is the story's file.
    fn save_to(&mut self, path: PathBuf) -> Outcome {
        let Some(open) = &mut self.story.open else {
            return Outcome::none();
        };
        if let Some(problems) = unsaveable(&open.story) {
            open.error = Some(problems);
            return Outcome::none();
        }
        let mut story = open.story.clone();
        story.move_to(&path);
        // The logo is looked at again: it may have been put in place since.
        open.logo_checked = None;
        match crate::story::save_story_file(&story, &path, true) {
            Ok(()) => {
                let name = shown_path(&path).to_string();
                open.on_disk = Some(story.clone());
                open.story = story;
                open.watch = FileWatch::new(Some(path.clone()));
                open.path = Some(path);
                open.dirty = false;
                open.save_path = None;
                open.error = None;
                Outcome::notice(format!("Story saved to {name}"))
            }
            Err(e) => {
                open.error = Some(format!("Not saved: {e}"));
                Outcome::none()
            }
        }
    }

    /// Over the map of `pane` just drawn (`response`, in `style`, at
    /// `view`, laid out as every map is): the shown stop's callouts (and
    /// the one being placed), by
    /// the furniture painter exports use. The first pane's area is where
    /// stops' view boxes fit; a click in callout mode places the callout
    /// there.
    pub(super) fn story_map_overlay(
        &self,
        ui: &egui::Ui,
        response: &egui::Response,
        style: &crate::render::MapStyle,
        view: &MapView,
        pane: usize,
    ) -> Option<crate::ui::Command> {
        let open = self.story.open.as_ref()?;
        let layout = crate::render::MapLayout::new(response.rect, style);
        if pane == 0 {
            self.story.fit_rect.set(Some(layout.fit_rect));
        }
        let geometry = &self.inputs.geometry;
        let to_screen = layout.screen_from_world(view, geometry);
        let furniture = crate::render::Furniture {
            callouts: self.shown_callouts(open),
            ..crate::render::Furniture::default()
        };
        if !furniture.callouts.is_empty() {
            let painter = ui.painter_at(response.rect);
            let mut canvas = crate::render::egui_canvas::EguiCanvas {
                painter: &painter,
                cache: None,
            };
            furniture.paint_callouts(geometry, &to_screen, response.rect, style, &mut canvas);
        }
        if open.callout != CalloutEdit::Armed || !response.clicked() {
            return None;
        }
        let pointer = response.interact_pointer_pos()?;
        let world = to_screen.world_from_screen(pointer);
        let [lon, lat] = geometry
            .projection
            .lonlat_from_world([f64::from(world.x), f64::from(world.y)]);
        let round = |v: f64| (v * 1000.0).round() / 1000.0;
        Some(StoryCommand::PlaceCallout([round(lon), round(lat)]).into())
    }

    /// The callouts on the map: the shown stop's while the window shows
    /// its date (not on the way there, nor after the briefer moved on),
    /// and the one being placed.
    fn shown_callouts(&self, open: &OpenStory) -> Vec<crate::render::Callout> {
        let at_stop = self.story.transition.is_none()
            && self
                .resolved_stops()
                .get(open.current)
                .is_some_and(|stop| stop.date == self.briefing.date);
        let mut callouts: Vec<crate::render::Callout> = open
            .story
            .stops
            .get(open.current)
            .filter(|_| at_stop)
            .map(|stop| stop.callouts.clone())
            .unwrap_or_default();
        if let CalloutEdit::Typing { at, text } = &open.callout {
            let text = if text.trim().is_empty() { "…" } else { text.as_str() };
            callouts.push(crate::render::Callout {
                text: text.to_owned(),
                lonlat: *at,
            });
        }
        callouts
    }

    /// The story's classification banner along the top and the bottom of
    /// the window: the bands reserved as panels, painted by the furniture
    /// painter exports use.
    pub(super) fn classification_bands_ui(&self, ui: &mut egui::Ui) {
        let Some(classification) = self.story.open.as_ref().and_then(|o| o.story.classification.as_ref()) else {
            return;
        };
        let furniture = crate::render::Furniture {
            banner: Some(crate::render::Banner::of_text(&classification.text)),
            ..crate::render::Furniture::default()
        };
        let style = crate::render::MapStyle::for_theme(self.look.theme);
        let area = ui.ctx().content_rect();
        let [top, bottom] = furniture.bands(area, &style);
        for (id, height, is_top) in [
            ("classification_top", top, true),
            ("classification_bottom", bottom, false),
        ] {
            let panel = if is_top {
                egui::Panel::top(id)
            } else {
                egui::Panel::bottom(id)
            };
            panel
                .exact_size(height)
                .frame(egui::Frame::NONE)
                .resizable(false)
                .show(ui, |ui| {
                    ui.allocate_rect(ui.max_rect(), egui::Sense::hover())
                        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &classification.text));
                });
        }
        let painter = ui.ctx().layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            egui::Id::unique("drawdown_classification"),
        ));
        let mut canvas = crate::render::egui_canvas::EguiCanvas {
            painter: &painter,
            cache: None,
        };
        furniture.paint_frame(area, furniture.map_area(area, &style), &style, &mut canvas);
    }

    /// The story panel beside the map.
    pub(super) fn story_panel_ui(&self, ui: &mut egui::Ui) -> Vec<crate::ui::Command> {
        let Some(open) = &self.story.open else {
            ui.weak("No story open.");
            return Vec::new();
        };
        let resolved = self.resolved_stops();
        let titles: Vec<String> = open
            .story
            .stops
            .iter()
            .enumerate()
            .map(|(i, stop)| {
                resolved
                    .get(i)
                    .map(|r| r.title.clone())
                    .or_else(|| stop.title.clone())
                    .unwrap_or_else(|| "(untitled)".to_owned())
            })
            .collect();
        let dates: Vec<String> = resolved
            .iter()
            .map(|r| crate::model::date_format::with_weekday(r.date))
            .collect();
        let scenario = &self.inputs.scenario;
        let tracks: Vec<TrackChoice> = scenario
            .tracks
            .iter()
            .map(|t| TrackChoice {
                id: t.id.clone(),
                name: t.name.clone(),
            })
            .collect();
        crate::ui::story_panel::StoryPanel {
            story: &open.story,
            titles: &titles,
            dates: &dates,
            current: open.current,
            file_name: &open.file_name(),
            dirty: open.dirty,
            can_undo: open.can_undo(),
            callout: &open.callout,
            save_path: open.save_path.as_ref(),
            error: open.error.as_deref(),
            date_field: open.date_field.as_ref(),
            logo_problem: open.logo_problem.as_deref(),
            tracks: &tracks,
            default_track: &scenario.track(scenario.default_track).name,
            can_compare: scenario.compare_pair().is_some(),
        }
        .ui(ui)
    }

    /// The open story as edited.
    #[cfg(feature = "testing")]
    pub fn story_edited(&self) -> Option<&Story> {
        self.story.open.as_ref().map(|open| &open.story)
    }

    /// The open story's stops as edited.
    #[cfg(feature = "testing")]
    pub fn story_stops(&self) -> Option<&[Stop]> {
        self.story.open.as_ref().map(|open| &open.story.stops[..])
    }

    /// The stop shown, with a story open.
    #[cfg(feature = "testing")]
    pub fn current_stop(&self) -> Option<usize> {
        self.story.open.as_ref().map(|open| open.current)
    }

    /// Whether the story has edits not saved.
    #[cfg(feature = "testing")]
    pub fn is_story_dirty(&self) -> bool {
        self.story.open.as_ref().is_some_and(|open| open.dirty)
    }

    /// Esc with the callout tool on: off. Whether it was on.
    pub(super) fn cancel_callout(&mut self) -> bool {
        self.story
            .open
            .as_mut()
            .is_some_and(|open| std::mem::take(&mut open.callout) != CalloutEdit::Off)
    }

    /// Whether the move between stops needs the next frame.
    pub(super) fn story_is_animating(&self) -> bool {
        self.story.transition.is_some()
    }
}

/// Why `story` is not saved, if something in it would not load back.
fn unsaveable(story: &Story) -> Option<String> {
    let problems = save_problems(story);
    (!problems.is_empty()).then(|| format!("Not saved: {}", problems.join("; ")))
}

/// Where a new story is proposed to go: the home folder, named after its
/// title.
fn default_story_path(story: &Story) -> PathBuf {
    let stem: String = story
        .title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let stem = if stem.is_empty() { "brief".to_owned() } else { stem };
    let folder = directories::BaseDirs::new()
        .map(|dirs| dirs.home_dir().to_owned())
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default();
    folder.join(format!("{stem}.toml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_box_comes_back_from_the_view_it_makes() {
        let inputs = crate::inputs::LoadedInputs::embedded().unwrap();
        let geometry = &inputs.geometry;
        let fit = DEFAULT_FIT_RECT;
        let view = MapView {
            centre: Some([100.0, 50.0]),
            zoom: 3.0,
        };
        let geo = box_of_view(&view, geometry, fit);
        assert!(geo.west < geo.east && geo.south < geo.north, "{geo:?}");
        let back = view_of_box(&geo, geometry, fit);
        // The box's edges curve under the projection, and framing takes
        // all of them: a few km off and a few per cent wider at most.
        let [x, y] = back.centre.unwrap();
        assert!((x - 100.0).abs() < 5.0 && (y - 50.0).abs() < 5.0, "{back:?}");
        assert!(back.zoom <= 3.0 && back.zoom > 2.85, "{back:?}");
    }

    #[test]
    fn a_stop_hides_its_layers_and_shows_the_default_ones_again() {
        let hide = LayerSet::NONE.with(MapLayer::Incidents, true);
        let shown = layers_at_stop(LayerSet::default(), hide);
        assert!(!shown.contains(MapLayer::Incidents));
        assert_eq!(hidden_at(shown), hide);
        let back = layers_at_stop(shown, LayerSet::NONE);
        assert_eq!(back, LayerSet::default());
    }

    #[test]
    fn the_move_between_stops_eases_from_one_to_the_other() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        let a = MapView::HOME;
        let b = MapView {
            centre: Some([10.0, 0.0]),
            zoom: 4.0,
        };
        let t = Transition {
            from: (d("2025-01-01"), a),
            to: (d("2025-01-11"), b),
            start_secs: 1.0,
        };
        let (date, view, done) = t.at(1.0 + TRANSITION_SECS / 2.0);
        assert_eq!(date, d("2025-01-06"));
        assert!((view.zoom - 2.0).abs() < 1e-3, "halfway in zoom is a factor of two");
        assert!(!done);
        assert_eq!(t.at(5.0), (d("2025-01-11"), b, true));
    }
}
