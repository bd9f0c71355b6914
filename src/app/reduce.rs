//! The one place where the app's state changes: every [`Command`] is
//! matched here, exhaustively, so a new command does not compile until it
//! is handled. What a command asks of the OS comes back as [`Effect`]s.

use chrono::Months;

use super::state::GoTo;
use super::{DrawdownApp, Effect};
use crate::model::{Date, TrackIdx};
use crate::render::MapView;
use crate::ui::Command;
use crate::ui::command::Layer;

impl DrawdownApp {
    /// Applies one intent; returns what it asks of the window or the
    /// desktop (run by [`DrawdownApp::show`], dropped by tests).
    pub fn apply(&mut self, command: Command) -> Vec<Effect> {
        let range = self.inputs.scenario.range;
        let date = self.briefing.date;
        let track = self.briefing.track;
        let scenario = &self.inputs.scenario;
        let effect = match command {
            Command::SetDate(d) => self.go_to(Some(d)),
            Command::StepDays(n) => self.go_to(date.checked_add_signed(chrono::TimeDelta::days(n))),
            Command::StepMonths(n) => self.go_to(add_months(date, n)),
            Command::StepYears(n) => self.go_to(add_months(date, n.saturating_mul(12))),
            Command::NextMilestone => self.go_to(scenario.next_milestone(track, date).map(|m| m.date)),
            Command::PrevMilestone => self.go_to(scenario.prev_milestone(track, date).map(|m| m.date)),
            Command::RangeStart => self.go_to(Some(range.start)),
            Command::RangeEnd => self.go_to(Some(range.end)),
            Command::TogglePlay => {
                let restart = self.briefing.playback.toggle(date, range);
                self.go_to(restart)
            }
            Command::Tick { now_secs, dt_secs } => {
                self.now_secs = now_secs;
                if let Some(next) = self.briefing.playback.advance(dt_secs, date, range) {
                    self.move_to(next, true);
                }
                None
            }
            Command::SetTrack(t) => {
                if t.0 < scenario.tracks.len() {
                    self.briefing.track = t;
                }
                None
            }
            Command::CycleTrack => {
                self.briefing.track = TrackIdx((track.0 + 1) % scenario.tracks.len().max(1));
                None
            }
            Command::SetView(view) => self.set_look(|look| look.view = view),
            Command::ResetView => self.set_look(|look| look.view = MapView::HOME),
            Command::SetTheme(theme) => self.set_look(|look| look.theme = theme),
            Command::ToggleCompare => self.set_look(|look| look.compare = !look.compare),
            Command::ToggleGreyscale => self.set_look(|look| look.greyscale = !look.greyscale),
            Command::ToggleLayer(layer) => self.set_look(|look| toggle_layer(look, layer)),
            Command::ToggleDirection => {
                self.briefing.playback.backwards = !self.briefing.playback.backwards;
                None
            }
            Command::ToggleLoop => {
                self.briefing.playback.looping = !self.briefing.playback.looping;
                None
            }
            Command::SetSpeed(days_per_sec) => {
                self.briefing.playback.set_speed(days_per_sec);
                None
            }
            Command::TogglePresentation => {
                self.overlays.presenting = !self.overlays.presenting;
                Some(Effect::Fullscreen(self.overlays.presenting))
            }
            Command::ToggleBlackScreen => {
                self.overlays.black_screen = !self.overlays.black_screen;
                None
            }
            Command::Escape => self.escape(),
            Command::ToggleHelp => {
                self.overlays.help_open = !self.overlays.help_open;
                None
            }
            Command::OpenGoTo => {
                self.overlays.goto = Some(GoTo {
                    text: date.to_string(),
                    error: None,
                });
                None
            }
            Command::EditGoTo(text) => {
                if let Some(goto) = &mut self.overlays.goto {
                    goto.text = text;
                }
                None
            }
            Command::SubmitGoTo => self.submit_goto(),
            Command::CloseGoTo => {
                self.overlays.goto = None;
                None
            }
            Command::DismissError => {
                self.io.error = None;
                None
            }
            Command::OpenFileDialog(kind) => Some(Effect::PickInputFile(kind)),
            Command::LoadFile(kind, path) => self.load_file(kind, path),
            Command::Reload => {
                let sources = self.reload_sources();
                self.load(&sources)
            }
            Command::LoadFinished(done) => self.finish_load(done),
            Command::OpenExport => {
                self.open_export();
                None
            }
            Command::EditExport(form) => {
                if self.export.form.is_some() {
                    self.export.form = Some(*form);
                }
                None
            }
            Command::CloseExport => {
                self.export.form = None;
                None
            }
            Command::ExportPick => self.pick_export_target(),
            Command::ExportImageTo { path, force } => {
                self.export_image(path, force);
                None
            }
            Command::ExportSequenceTo { dir, force } => {
                self.export_sequence(dir, force);
                None
            }
            Command::ExportDocumentTo { path, force } => {
                self.export_document(path, force);
                None
            }
            Command::OpenFolder(folder) => Some(Effect::OpenFolder(folder)),
            Command::ShowNotice(text) => {
                self.io.notice = Some(text.into());
                None
            }
            Command::ConfirmOverwrite(replace) => {
                self.confirm_overwrite(replace);
                None
            }
            Command::CancelExport => {
                if let Some(job) = &self.export.job {
                    job.cancel();
                }
                None
            }
            Command::ExportFinished(outcome) => {
                self.export.job = None;
                self.io.notice = Some(outcome.unwrap_or_else(|e| format!("Export stopped: {e}").into()));
                None
            }
            Command::CopyImage => self.copy_image(),
        };
        effect.into_iter().collect()
    }

    /// Moves to `date` (clamped to the range) if there is one.
    fn go_to(&mut self, date: Option<Date>) -> Option<Effect> {
        if let Some(d) = date {
            self.move_to(self.inputs.scenario.range.clamp(d), false);
        }
        None
    }

    fn set_look(&mut self, change: impl FnOnce(&mut super::state::Look)) -> Option<Effect> {
        change(&mut self.look);
        None
    }

    /// Esc: closes the topmost overlay or dialog (black screen, the
    /// overwrite question, export, go to, help), else leaves presentation
    /// mode, else dismisses the error banner.
    fn escape(&mut self) -> Option<Effect> {
        let o = &mut self.overlays;
        if o.black_screen {
            o.black_screen = false;
        } else if self.export.pending_overwrite.is_some() {
            self.export.pending_overwrite = None;
        } else if self.export.form.is_some() {
            self.export.form = None;
        } else if o.goto.is_some() {
            o.goto = None;
        } else if o.help_open {
            o.help_open = false;
        } else if self.io.error.is_some() && !o.presenting {
            // While presenting the banner is hidden: Esc leaves presentation
            // mode and the banner shows, rather than dropping an error unseen.
            self.io.error = None;
        } else if o.presenting {
            o.presenting = false;
            return Some(Effect::Fullscreen(false));
        }
        None
    }

    /// Enter in the go-to box: go there, or say why not.
    fn submit_goto(&mut self) -> Option<Effect> {
        let goto = self.overlays.goto.as_mut()?;
        match self.inputs.scenario.range.parse_date_in(&goto.text) {
            Ok(date) => {
                self.overlays.goto = None;
                self.go_to(Some(date))
            }
            Err(message) => {
                goto.error = Some(message);
                None
            }
        }
    }
}

fn add_months(date: Date, n: i32) -> Option<Date> {
    let m = Months::new(n.unsigned_abs());
    if n >= 0 {
        date.checked_add_months(m)
    } else {
        date.checked_sub_months(m)
    }
}

fn toggle_layer(look: &mut super::state::Look, layer: Layer) {
    let l = &mut look.layers;
    let flag = match layer {
        Layer::Cities => &mut l.cities,
        Layer::Bases => &mut l.bases,
        Layer::RegionLabels => &mut l.region_labels,
        Layer::Legend => &mut l.legend,
        Layer::Chart => &mut l.chart,
        Layer::Troops => &mut l.troops,
        Layer::Incidents => &mut l.incidents,
    };
    *flag = !*flag;
}
