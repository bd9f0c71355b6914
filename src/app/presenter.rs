//! The presenter view: a second window for the briefer's eyes only, with
//! the shown stop's talking points, the next stop's title and a small
//! picture of it, the time since the brief began and the clock, while the
//! main window shows the map to the room. Also the stop counter the room
//! sees in presentation mode.

use std::rc::Rc;

use egui::{RichText, Ui};

use super::DrawdownApp;
use super::story::layers_at_stop;
use crate::export::{ExportOptions, ExportView, render_picture, with_text_engine};
use crate::story::ResolvedStop;
use crate::ui::Command;
use crate::ui::command::StoryCommand;

/// The presenter window's title (and its accessible name where it is
/// embedded, as in the UI tests).
pub const PRESENTER_TITLE: &str = "drawdown — presenter view";

/// The next stop's picture: laid out as a 960 × 540 slide, drawn at this
/// many pixels a point (768 × 432 pixels: sharp at the size a laptop's
/// screen shows it, drawn once per stop).
const PICTURE_LAYOUT_PX: [u32; 2] = [960, 540];
const PICTURE_SCALE: f32 = 0.8;

/// The presenter window's size when it opens, points: a laptop's screen
/// beside the projector's.
const PRESENTER_SIZE: [f32; 2] = [1280.0, 800.0];

/// The talking points' text size, points: read at arm's length while
/// speaking.
const NOTES_PT: f32 = 22.0;

/// What the presenter view shows.
#[derive(Clone, Debug, PartialEq)]
pub struct PresenterContent {
    /// "Stop 3 of 10".
    pub counter: String,
    pub title: String,
    pub notes: String,
    /// The next stop's title; None at the last stop.
    pub next_title: Option<String>,
    /// Since the presenter view opened, "m:ss" (or "h:mm:ss").
    pub elapsed: String,
    /// The wall clock, "HH:MM".
    pub clock: String,
}

/// `secs` as "m:ss", or "h:mm:ss" past an hour.
pub fn elapsed_text(secs: f64) -> String {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "seconds of a brief, clamped at 0"
    )]
    let total = secs.max(0.0) as u64;
    let (h, m, s) = (total / 3600, total / 60 % 60, total % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

impl DrawdownApp {
    /// The open story's stops resolved against the shown scenario (empty
    /// when it does not resolve: the panel says why).
    pub(super) fn resolved_stops(&self) -> Rc<Vec<ResolvedStop>> {
        let today = self.briefing.today.unwrap_or_else(super::native::today_local);
        self.story
            .open
            .as_ref()
            .map(|open| open.resolved(&self.inputs.scenario, today))
            .unwrap_or_default()
    }

    /// What the presenter view shows now, with the wall clock reading
    /// `clock`; None without a story.
    pub fn presenter_content_at(&self, clock: &str) -> Option<PresenterContent> {
        let open = self.story.open.as_ref()?;
        let stops = self.resolved_stops();
        let current = stops.get(open.current);
        let since = self.story.presenter.map_or(self.briefing.now_secs, |p| p.since_secs);
        Some(PresenterContent {
            counter: format!("Stop {} of {}", (open.current + 1).min(stops.len()), stops.len()),
            title: current.map(|s| s.title.clone()).unwrap_or_default(),
            notes: current.map(|s| s.notes.clone()).unwrap_or_default(),
            next_title: stops.get(open.current + 1).map(|s| s.title.clone()),
            elapsed: elapsed_text(self.briefing.now_secs - since),
            clock: clock.to_owned(),
        })
    }

    /// The presenter view's content now.
    #[cfg(feature = "testing")]
    pub fn presenter_content(&self) -> Option<PresenterContent> {
        self.presenter_content_at(&wall_clock())
    }

    #[cfg(feature = "testing")]
    pub fn is_presenter_open(&self) -> bool {
        self.story.presenter.is_some()
    }

    /// The presenter view's window, while open: every frame it shows.
    pub(super) fn presenter_ui(&self, ui: &Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        if self.story.presenter.is_none() {
            return commands;
        }
        let Some(content) = self.presenter_content_at(&wall_clock()) else {
            return commands;
        };
        let builder = egui::ViewportBuilder::default()
            .with_title(PRESENTER_TITLE)
            .with_inner_size(PRESENTER_SIZE);
        let ctx = ui.ctx().clone();
        let picture = self.next_stop_picture(&ctx);
        ctx.show_viewport_immediate(
            egui::ViewportId::from_hash_of("drawdown_presenter"),
            builder,
            |ui, class| {
                // Its own window: the whole of it. Embedded (a backend with
                // one window, the UI tests): inside the window egui gives it.
                if class == egui::ViewportClass::EmbeddedWindow {
                    commands.extend(presenter_content_ui(ui, &content, picture.as_ref()));
                } else {
                    // Marked as the room's screen is: what it shows is the
                    // brief's, at the brief's classification.
                    self.classification_bands_ui(ui);
                    egui::CentralPanel::default().show(ui, |ui| {
                        commands.extend(presenter_content_ui(ui, &content, picture.as_ref()));
                    });
                }
                if ui.input(|i| i.viewport().close_requested()) {
                    commands.push(StoryCommand::TogglePresenter.into());
                }
            },
        );
        // The presenter's clock ticks: a frame a second is enough.
        ui.ctx().request_repaint_after(std::time::Duration::from_secs(1));
        commands
    }

    /// The next stop's picture, drawn once per stop and edit and kept in
    /// egui's memory as a texture.
    fn next_stop_picture(&self, ctx: &egui::Context) -> Option<egui::TextureHandle> {
        let open = self.story.open.as_ref()?;
        let next = open.current + 1;
        let range = self.inputs.scenario.range;
        let key = egui::Id::unique((
            "drawdown_presenter_picture",
            open.revision,
            next,
            self.look.theme,
            range.start,
            range.end,
        ));
        if let Some(texture) = ctx.data(|d| d.get_temp::<egui::TextureHandle>(key)) {
            return Some(texture);
        }
        let stops = self.resolved_stops();
        let stop = stops.get(next)?;
        let opts = ExportOptions {
            size_px: PICTURE_LAYOUT_PX,
            scale: PICTURE_SCALE,
            theme: self.look.theme,
            layers: layers_at_stop(self.look.layers, stop.hide),
            transparent: false,
            today: self.briefing.today,
            view: stop
                .view
                .as_ref()
                .map_or_else(ExportView::default, |b| ExportView::Box(*b)),
            page: crate::export::PageSize::default(),
        };
        // As the story's slide shows it: banner, title, callouts.
        let furniture = crate::render::Furniture {
            banner: open
                .story
                .classification
                .as_ref()
                .map(|c| crate::render::Banner::of_text(&c.text)),
            title: Some(stop.title.clone()),
            callouts: stop.callouts.clone(),
            ..crate::render::Furniture::default()
        };
        let pixmap = with_text_engine(|engine| {
            render_picture(
                engine,
                &self.inputs,
                stop.layout,
                stop.date,
                Some(&furniture),
                &opts,
                None,
            )
        })
        .inspect_err(|e| log::warn!("the presenter's picture of the next stop: {e}"))
        .ok()?;
        let size = [pixmap.width() as usize, pixmap.height() as usize];
        let texture = ctx.load_texture(
            "presenter_next_stop",
            egui::ColorImage::from_rgba_premultiplied(size, pixmap.data()),
            egui::TextureOptions::LINEAR,
        );
        ctx.data_mut(|d| d.insert_temp(key, texture.clone()));
        Some(texture)
    }

    /// In presentation mode with a story: the stop's title, as its slide
    /// has it, with "3 / 10": what the room reads first, large enough for
    /// the back of the room.
    pub(super) fn stop_counter_ui(&self, ui: &mut Ui) {
        let Some(open) = &self.story.open else {
            return;
        };
        if !self.overlays.presenting || open.story.stops.is_empty() {
            return;
        }
        let counter = format!("{} / {}", open.current + 1, open.story.stops.len());
        let title = self
            .resolved_stops()
            .get(open.current)
            .map(|stop| stop.title.clone())
            .unwrap_or_default();
        // A band of its own above the map (as a slide's title is above its
        // picture), so that it covers no title block and no place.
        egui::Panel::top("drawdown_stop_headline")
            .resizable(false)
            .show(ui, |ui| {
                ui.vertical_centered(|ui| {
                    ui.horizontal(|ui| {
                        ui.label(RichText::new(counter).size(STOP_HEADLINE_PT).strong());
                        ui.separator();
                        ui.add(egui::Label::new(RichText::new(title).size(STOP_HEADLINE_PT)).truncate());
                    });
                });
            });
    }
}

/// The stop headline's text size in presentation mode, points.
const STOP_HEADLINE_PT: f32 = 34.0;

/// The wall clock, "HH:MM".
fn wall_clock() -> String {
    chrono::Local::now().format("%H:%M").to_string()
}

/// The presenter view's layout: counter, clock and time, the stop's title
/// and talking points, then the next stop.
fn presenter_content_ui(
    ui: &mut Ui,
    content: &PresenterContent,
    picture: Option<&egui::TextureHandle>,
) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.horizontal(|ui| {
        ui.label(RichText::new(&content.counter).strong());
        ui.separator();
        ui.label(RichText::new(format!("Elapsed {}", content.elapsed)).monospace());
        ui.separator();
        ui.label(RichText::new(format!("Clock {}", content.clock)).monospace());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Next ›").on_hover_text("PageDown").clicked() {
                commands.push(StoryCommand::Step { forward: true }.into());
            }
            if ui.button("‹ Back").on_hover_text("PageUp").clicked() {
                commands.push(StoryCommand::Step { forward: false }.into());
            }
        });
    });
    ui.separator();
    ui.label(RichText::new(&content.title).heading().strong());
    egui::ScrollArea::vertical()
        .id_salt("presenter_notes")
        .max_height((ui.available_height() * 0.55).max(120.0))
        .auto_shrink([false, true])
        .show(ui, |ui| {
            if content.notes.trim().is_empty() {
                ui.weak("No talking points for this stop.");
            } else {
                ui.label(RichText::new(&content.notes).size(NOTES_PT));
            }
        });
    ui.separator();
    match &content.next_title {
        Some(next) => {
            ui.label(RichText::new(format!("Next: {next}")).strong());
            if let Some(texture) = picture {
                // The rest of the window, as large as the picture is sharp.
                let room = ui.available_size();
                ui.add(
                    egui::Image::new(texture)
                        .max_height(room.y.clamp(120.0, 432.0))
                        .max_width(room.x)
                        .alt_text(format!("The next stop: {next}")),
                );
            }
        }
        None => {
            ui.weak("Last stop.");
        }
    }
    commands
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elapsed_time_reads_as_minutes_and_seconds_then_hours() {
        assert_eq!(elapsed_text(0.0), "0:00");
        assert_eq!(elapsed_text(75.9), "1:15");
        assert_eq!(elapsed_text(3725.0), "1:02:05");
        assert_eq!(elapsed_text(-3.0), "0:00");
    }
}
