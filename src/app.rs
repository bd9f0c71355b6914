//! The eframe app: owns the state, turns widgets' and keys' intents into
//! state changes in one place ([`DrawdownApp::apply`]), nothing else.

use chrono::Months;
use egui::{Color32, RichText, Ui};

use crate::data::MapData;
use crate::model::{Date, TrackIdx};
use crate::render::{MapStyle, MapView, Overlays, Theme};
use crate::ui::map_view::MapWidget;
use crate::ui::time_slider::{Tick, TimeSlider};
use crate::ui::{Command, keys};

/// Where the app opens.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StartOptions {
    pub date: Option<Date>,
    pub track: Option<TrackIdx>,
}

/// The whole GUI state.
pub struct DrawdownApp {
    data: MapData,
    date: Date,
    track: TrackIdx,
    view: MapView,
    theme: Theme,
    /// The last load error, shown in a banner; the last good data stays.
    error: Option<String>,
}

impl DrawdownApp {
    pub fn new(data: MapData, start: StartOptions) -> Self {
        let range = data.scenario.range;
        // The default date: the joint statement's Phase 1, where the story starts.
        let default_date = Date::from_ymd_opt(2025, 10, 1).unwrap_or(range.start);
        let track = start
            .track
            .filter(|t| t.0 < data.scenario.tracks.len())
            .unwrap_or(TrackIdx(0));
        Self {
            date: range.clamp(start.date.unwrap_or(default_date)),
            track,
            data,
            view: MapView::HOME,
            theme: Theme::Light,
            error: None,
        }
    }

    pub fn date(&self) -> Date {
        self.date
    }

    pub fn track(&self) -> TrackIdx {
        self.track
    }

    pub fn view(&self) -> MapView {
        self.view
    }

    pub fn data(&self) -> &MapData {
        &self.data
    }

    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// Replaces the data after a successful load, or keeps the current data
    /// and shows the error.
    pub fn set_data(&mut self, loaded: Result<MapData, crate::load::InputErrors>) {
        match loaded {
            Ok(data) => {
                self.date = data.scenario.range.clamp(self.date);
                if self.track.0 >= data.scenario.tracks.len() {
                    self.track = TrackIdx(0);
                }
                self.data = data;
                self.error = None;
            }
            Err(errors) => self.error = Some(errors.to_string()),
        }
    }

    /// Applies one intent. The only place the date, track and view change
    /// in response to the user.
    pub fn apply(&mut self, command: Command) {
        let scenario = &self.data.scenario;
        let range = scenario.range;
        let date = self.date;
        let months = |n: i32| {
            let m = Months::new(n.unsigned_abs());
            if n >= 0 {
                date.checked_add_months(m)
            } else {
                date.checked_sub_months(m)
            }
        };
        let new_date = match command {
            Command::SetDate(d) => Some(d),
            Command::StepDays(n) => date.checked_add_signed(chrono::TimeDelta::days(n)),
            Command::StepMonths(n) => months(n),
            Command::StepYears(n) => months(n.saturating_mul(12)),
            Command::NextMilestone => scenario.next_milestone(self.track, date).map(|m| m.date),
            Command::PrevMilestone => scenario.prev_milestone(self.track, date).map(|m| m.date),
            Command::RangeStart => Some(range.start),
            Command::RangeEnd => Some(range.end),
            Command::SetTrack(t) => {
                if t.0 < scenario.tracks.len() {
                    self.track = t;
                }
                None
            }
            Command::CycleTrack => {
                self.track = TrackIdx((self.track.0 + 1) % scenario.tracks.len().max(1));
                None
            }
            Command::ResetView => {
                self.view = MapView::HOME;
                None
            }
            Command::SetTheme(theme) => {
                self.theme = theme;
                None
            }
        };
        if let Some(d) = new_date {
            self.date = range.clamp(d);
        }
    }

    /// The whole window's UI. Called by eframe, and by the UI tests.
    pub fn show(&mut self, ui: &mut Ui) {
        let mut commands = keys::global_key_commands(ui);
        ui.ctx().set_visuals(if self.theme.is_dark() {
            egui::Visuals::dark()
        } else {
            egui::Visuals::light()
        });

        egui::Panel::top("top_bar").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| commands.extend(self.top_bar_ui(ui)));
        });
        if let Some(error) = &self.error {
            let mut dismissed = false;
            egui::Panel::top("error_banner").show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label(
                        RichText::new("Could not load:")
                            .strong()
                            .color(ui.visuals().error_fg_color),
                    );
                    ui.label(RichText::new(error).monospace().color(ui.visuals().error_fg_color));
                    dismissed = ui.button("Dismiss").clicked();
                });
                ui.weak("Still showing the last data that loaded.");
            });
            if dismissed {
                self.error = None;
            }
        }
        egui::Panel::bottom("timeline").show(ui, |ui| {
            commands.extend(self.slider_ui(ui));
        });
        egui::CentralPanel::no_frame().show(ui, |ui| {
            let style = MapStyle::for_theme(self.theme);
            MapWidget {
                scenario: &self.data.scenario,
                geometry: &self.data.geometry,
                track: self.track,
                date: self.date,
                style: &style,
                overlays: Overlays::default(),
            }
            .ui(ui, &mut self.view);
        });

        for command in commands {
            self.apply(command);
        }
    }

    fn top_bar_ui(&self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.label(RichText::new("drawdown").strong());
        ui.separator();
        ui.label("Track:");
        for (i, track) in self.data.scenario.tracks.iter().enumerate() {
            let selected = self.track.0 == i;
            if ui
                .selectable_label(selected, &track.name)
                .on_hover_text(&track.description)
                .clicked()
            {
                commands.push(Command::SetTrack(TrackIdx(i)));
            }
        }
        ui.separator();
        ui.label(RichText::new(self.date.format("%a %-d %b %Y").to_string()).strong());
        if let Some(phase) = self.data.scenario.phase_on(self.track, self.date) {
            ui.label(RichText::new(&phase.title).color(ui.visuals().weak_text_color()));
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let mut theme = self.theme;
            egui::ComboBox::from_label("Theme")
                .selected_text(theme.label())
                .show_ui(ui, |ui| {
                    for t in Theme::ALL {
                        ui.selectable_value(&mut theme, t, t.label());
                    }
                });
            if theme != self.theme {
                commands.push(Command::SetTheme(theme));
            }
            if ui
                .button("Reset view")
                .on_hover_text("Or double-click the map, or press 0")
                .clicked()
            {
                commands.push(Command::ResetView);
            }
        });
        commands
    }

    fn slider_ui(&self, ui: &mut Ui) -> Vec<Command> {
        let scenario = &self.data.scenario;
        let ticks: Vec<Tick<'_>> = scenario
            .milestones_for(self.track)
            .map(|m| Tick {
                date: m.date,
                title: &m.title,
                detail: &m.detail,
            })
            .collect();
        let mut commands = Vec::new();
        ui.add_space(4.0);
        if let Some(date) = TimeSlider::new(scenario.range, self.date, &ticks).ui(ui) {
            commands.push(Command::SetDate(date));
        }
        ui.horizontal(|ui| {
            let step = |ui: &mut Ui, text: &str, hint: &str, command: Command, commands: &mut Vec<Command>| {
                if ui.button(text).on_hover_text(hint).clicked() {
                    commands.push(command);
                }
            };
            step(
                ui,
                "« Milestone",
                "Previous milestone (PageUp)",
                Command::PrevMilestone,
                &mut commands,
            );
            step(
                ui,
                "‹ Month",
                "One month earlier (Shift+←)",
                Command::StepMonths(-1),
                &mut commands,
            );
            step(ui, "‹ Day", "One day earlier (←)", Command::StepDays(-1), &mut commands);
            step(ui, "Day ›", "One day later (→)", Command::StepDays(1), &mut commands);
            step(
                ui,
                "Month ›",
                "One month later (Shift+→)",
                Command::StepMonths(1),
                &mut commands,
            );
            step(
                ui,
                "Milestone »",
                "Next milestone (PageDown)",
                Command::NextMilestone,
                &mut commands,
            );
            ui.separator();
            ui.label(
                RichText::new(self.date.format("%Y-%m-%d").to_string())
                    .monospace()
                    .color(Color32::GRAY),
            );
        });
        ui.add_space(2.0);
        commands
    }
}

impl eframe::App for DrawdownApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }
}
