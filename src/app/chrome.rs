//! The window around the map: top bar, error banner, timeline and playback
//! bar, the map (or two, comparing), and the overlays (help, go to date,
//! black screen). Everything here reads the state and returns commands;
//! nothing changes state.

use egui::{Align, Align2, Color32, Key, Layout, RichText, Ui};

use super::DrawdownApp;
use super::playback::SPEED_PRESETS;
use super::state::{GoTo, ShownErrors};
use crate::model::date_format;
use crate::model::{DateRange, TrackIdx, TrackLayout};
use crate::render::{MapLayer, MapStyle, Theme};
use crate::ui::command::{
    ExportCommand, FileKind, LoadCommand, LookCommand, NoticeCommand, OverlayCommand, StoryCommand, TimeCommand,
};
use crate::ui::export_dialog::{ExportDialog, confirm_overwrite_ui, export_progress_ui};
use crate::ui::keys::BINDINGS;
use crate::ui::map_view::MapWidget;
use crate::ui::notice::{Notice, NoticeLine, OPEN_FOLDER_LABEL};
use crate::ui::panel::Panel;
use crate::ui::path_field::{PathField, TypedPath};
use crate::ui::record_form::{RECORD_MENU_LABEL, RecordCommand, UNDO_MENU_LABEL};
use crate::ui::sources_view::{SOURCES_MENU_LABEL, SourcesCommand, SourcesView};
use crate::ui::story_panel::NEW_BLANK_STORY_LABEL;
use crate::ui::time_slider::{Tick, TimeSlider};
use crate::ui::troop_panel::TroopPanel;
use crate::ui::{Command, timeline_chart::TimelineChart};

/// The longest track name a top-bar button shows, characters (the whole
/// name is in its tooltip).
const TRACK_BUTTON_MAX_CHARS: usize = 32;

/// The most of the window's height the error banner's list takes; the
/// rest scrolls, so that the map and Dismiss stay in view.
const BANNER_LIST_HEIGHT_SHARE: f32 = 0.25;

/// Errors the banner lists before it says how many more follow.
pub const BANNER_FIRST_ERRORS: usize = 5;

/// The slider preset from where the compared tracks part to today.
pub const DRAWDOWN_PRESET_LABEL: &str = "Drawdown";

/// Accessible label of the go-to-date box.
pub const GOTO_LABEL: &str = "Go to date";

impl DrawdownApp {
    pub(super) fn chrome_ui(&self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        // egui keeps a light and a dark style; choosing one is cheap, where
        // setting visuals would clone the whole style every frame.
        ui.ctx().set_theme(if self.look.theme.is_dark() {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });

        // The story's classification: outermost, top and bottom.
        self.classification_bands_ui(ui);
        if !self.overlays.presenting {
            egui::Panel::top("top_bar").show(ui, |ui| {
                ui.horizontal_wrapped(|ui| commands.extend(self.top_bar_ui(ui)));
            });
        }
        // Presenting a story: its stop's headline takes the top bar's place.
        self.stop_counter_ui(ui);
        if self.io.error.is_some() && self.overlays.presenting {
            // The room sees the screen: a file's path and contents are
            // not theirs to read. A small mark tells the briefer; the
            // banner shows once presentation mode ends.
            load_problem_mark_ui(ui);
        } else if let Some(errors) = &self.io.error {
            let max_list_height = ui.ctx().content_rect().height() * BANNER_LIST_HEIGHT_SHARE;
            // Not resizable: sized to its content each frame (a remembered
            // height would clip the hint, or keep a tall banner's height).
            egui::Panel::top("error_banner").resizable(false).show(ui, |ui| {
                commands.extend(error_banner_ui(ui, errors, max_list_height));
            });
        }
        // With the presenter view open, the room sees only the map.
        if !(self.overlays.presenting && self.story.presenter.is_some()) {
            egui::Panel::bottom("timeline").show(ui, |ui| commands.extend(self.timeline_ui(ui)));
        }
        if self.story.panel_open && !self.overlays.presenting {
            egui::Panel::left("story_panel")
                .resizable(true)
                .default_size(320.0)
                .size_range(240.0..=560.0)
                .show(ui, |ui| commands.extend(self.story_panel_ui(ui)));
        }
        // Beside the map, between the top bar and the timeline: the chart
        // keeps its width and the map its height. Shown in presentation
        // mode too when the briefer switched it on.
        if self.look.panels.contains(Panel::Troops) {
            egui::Panel::right("troop_panel")
                .resizable(true)
                .default_size(380.0)
                .size_range(280.0..=640.0)
                .show(ui, |ui| {
                    ui.add_space(6.0);
                    let plot_height = (ui.available_height() - 170.0).clamp(160.0, 360.0);
                    if let Some(date) = TroopPanel::new(&self.inputs.scenario, self.briefing.date)
                        .with_plot_height(plot_height)
                        .ui(ui)
                    {
                        commands.push(TimeCommand::SetDate(date).into());
                    }
                });
        }
        egui::CentralPanel::no_frame().show(ui, |ui| commands.extend(self.maps_ui(ui)));

        if self.overlays.help_open {
            commands.extend(self.help_ui(ui));
        }
        if let Some(goto) = &self.overlays.goto {
            commands.extend(self.goto_ui(ui, goto));
        }
        if let Some((kind, typed)) = &self.io.typed_open {
            commands.extend(typed_open_ui(ui, *kind, typed));
        }
        if let Some(form) = &self.export.form {
            let dialog = ExportDialog {
                form,
                data: &self.inputs,
                track: self.briefing.track,
                date: self.briefing.date,
            };
            commands.extend(dialog.ui(ui));
        }
        commands.extend(self.record_ui(ui));
        if self.sources.open {
            let view = SourcesView {
                index: &self.sources.index,
                filter: &self.sources.filter,
            };
            commands.extend(view.ui(ui));
        }
        if let Some(path) = self.pending_overwrite()
            && let Some(replace) = confirm_overwrite_ui(ui, path)
        {
            commands.push(ExportCommand::ConfirmOverwrite(replace).into());
        }
        if let Some(job) = &self.export.job {
            let (done, total) = job.progress();
            commands.extend(export_progress_ui(ui, done, total));
        }
        if self.overlays.black_screen {
            black_screen_ui(ui);
        } else if let Some(cue) = self.briefing.shown_stop_cue() {
            stop_cue_ui(ui, cue.text());
        }
        commands
    }

    fn top_bar_ui(&self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        // A 4:3 projector's 1024 px has no room for the theme's box beside
        // the date and Today: there the theme is in the View menu only.
        let roomy = ui.available_width() >= TOP_BAR_THEME_BOX_WIDTH;
        ui.label(RichText::new("drawdown").strong());
        ui.menu_button("File", |ui| {
            if ui.button("Open scenario…").clicked() {
                commands.push(LoadCommand::OpenFileDialog(FileKind::Scenario).into());
            }
            if ui.button("Open regions…").clicked() {
                commands.push(LoadCommand::OpenFileDialog(FileKind::Regions).into());
            }
            if ui.button("Open story…").clicked() {
                commands.push(StoryCommand::OpenDialog.into());
            }
            if ui.button("Reload").clicked() {
                commands.push(LoadCommand::Reload.into());
            }
            if ui.button(RECORD_MENU_LABEL).on_hover_text("Ctrl+R").clicked() {
                commands.push(RecordCommand::Open.into());
            }
            ui.weak("Or drop a .toml or .geojson file on the window.");
        });
        ui.menu_button("Edit", |ui| {
            let undo = egui::Button::new(UNDO_MENU_LABEL).shortcut_text("Ctrl+Z");
            if ui.add_enabled(self.record.undo.is_some(), undo).clicked() {
                commands.push(RecordCommand::Undo.into());
            }
        });
        // The story: a brief of stops, its panel and the presenter view.
        ui.menu_button("Story", |ui| {
            if ui.button("Open story…").clicked() {
                commands.push(StoryCommand::OpenDialog.into());
            }
            if ui.button("New from the scenario").clicked() {
                commands.push(StoryCommand::NewFromScenario.into());
            }
            if ui.button(NEW_BLANK_STORY_LABEL).clicked() {
                commands.push(StoryCommand::NewBlank.into());
            }
            let open = self.story.open.is_some();
            let mut panel = self.story.panel_open;
            if ui
                .add_enabled(open, egui::Checkbox::new(&mut panel, "Story panel"))
                .changed()
            {
                commands.push(StoryCommand::TogglePanel.into());
            }
            let mut presenter = self.story.presenter.is_some();
            if ui
                .add_enabled(open, egui::Checkbox::new(&mut presenter, "Presenter view (P)"))
                .changed()
            {
                commands.push(StoryCommand::TogglePresenter.into());
            }
            if ui.add_enabled(open, egui::Button::new("Save story (Ctrl+S)")).clicked() {
                commands.push(StoryCommand::Save.into());
            }
            if ui.add_enabled(open, egui::Button::new("Close story")).clicked() {
                commands.push(StoryCommand::Close.into());
            }
            ui.weak("Or drop a story (.toml with [[stops]]) on the window.");
        });
        if ui
            .button("Export…")
            .on_hover_text("Ctrl+E · Ctrl+Shift+C copies the map")
            .clicked()
        {
            commands.push(ExportCommand::Open.into());
        }
        ui.menu_button("View", |ui| {
            // The map's layers, but those a panel of the window shows
            // instead (the troop levels), then the panels.
            let in_panel = |layer: MapLayer| Panel::ALL.iter().any(|p| p.stands_for() == Some(layer));
            for layer in MapLayer::ALL.into_iter().filter(|l| !in_panel(*l)) {
                let mut checked = self.look.layers.contains(layer);
                if ui.checkbox(&mut checked, layer.label()).changed() {
                    commands.push(LookCommand::ToggleLayer(layer).into());
                }
            }
            ui.separator();
            for panel in Panel::ALL {
                let mut checked = self.look.panels.contains(panel);
                if ui.checkbox(&mut checked, panel.label()).changed() {
                    commands.push(LookCommand::TogglePanel(panel).into());
                }
            }
            ui.separator();
            ui.menu_button("Theme", |ui| {
                for t in Theme::ALL {
                    if ui.radio(self.look.theme == t, t.label()).clicked() {
                        commands.push(LookCommand::SetTheme(t).into());
                    }
                }
            });
            let mut grey = self.look.greyscale;
            if ui.checkbox(&mut grey, "Greyscale preview").changed() {
                commands.push(LookCommand::ToggleGreyscale.into());
            }
            let mut compare = self.look.compare;
            if ui.checkbox(&mut compare, "Compare tracks (C)").changed() {
                commands.push(LookCommand::ToggleCompare.into());
            }
            if ui.button("Presentation mode (F5)").clicked() {
                commands.push(OverlayCommand::TogglePresentation.into());
            }
            if ui.button("Keyboard shortcuts (?)").clicked() {
                commands.push(OverlayCommand::ToggleHelp.into());
            }
            if ui.button(SOURCES_MENU_LABEL).clicked() {
                commands.push(SourcesCommand::Toggle.into());
            }
        });
        ui.separator();
        ui.label("Track:");
        for (i, track) in self.inputs.scenario.tracks.iter().enumerate() {
            let selected = self.briefing.track.0 == i && !self.look.compare;
            if ui
                // A long name must not widen the bar past the window.
                .selectable_label(
                    selected,
                    crate::model::printable::shortened(&track.name, TRACK_BUTTON_MAX_CHARS),
                )
                .on_hover_text(format!("{}\n{}", track.name, track.description))
                .clicked()
            {
                commands.push(TimeCommand::SetTrack(TrackIdx(i)).into());
            }
        }
        if ui
            .selectable_label(self.look.compare, "Compare")
            .on_hover_text("Both tracks side by side (C)")
            .clicked()
        {
            commands.push(LookCommand::ToggleCompare.into());
        }
        ui.separator();
        ui.label(RichText::new(date_format::with_weekday(self.briefing.date)).strong());
        if ui.button("Today").on_hover_text("Go to today (N)").clicked() {
            commands.push(TimeCommand::Today.into());
        }
        // The buttons at the right end of the row; the notice beside them
        // if it shows whole there or the room reads as a sentence (cut with
        // `…`, whole on hover), else on a row of its own under the bar, cut
        // to the bar's width: never under a button, never cut to a few
        // letters.
        let mut notice_below = false;
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if roomy {
                let mut theme = self.look.theme;
                egui::ComboBox::from_label("Theme")
                    .selected_text(theme.label())
                    .show_ui(ui, |ui| {
                        for t in Theme::ALL {
                            ui.selectable_value(&mut theme, t, t.label());
                        }
                    });
                if theme != self.look.theme {
                    commands.push(LookCommand::SetTheme(theme).into());
                }
            }
            if ui
                .button("Reset view")
                .on_hover_text("Or double-click the map, or press 0")
                .clicked()
            {
                commands.push(LookCommand::ResetView.into());
            }
            let row_h = ui.available_height();
            if let Some(notice) = &self.io.notice {
                let (whole, room) = (notice_width(ui, notice), ui.available_width());
                if whole.min(NOTICE_MIN_WIDTH) <= room {
                    let size = egui::vec2(whole.min(room), row_h);
                    ui.allocate_ui_with_layout(size, Layout::left_to_right(Align::Center), |ui| {
                        commands.extend(notice_ui(ui, notice));
                    });
                } else {
                    notice_below = true;
                }
            }
            // The phase's title (the map's title block shows it too) in
            // what is left beside the date, cut with `…`.
            if let Some(phase) = self.inputs.scenario.phase_on(self.briefing.track, self.briefing.date)
                && ui.available_width() >= PHASE_MIN_WIDTH
            {
                let size = egui::vec2(ui.available_width(), row_h);
                ui.allocate_ui_with_layout(size, Layout::left_to_right(Align::Center), |ui| {
                    let text = RichText::new(&phase.title).color(ui.visuals().weak_text_color());
                    ui.add(egui::Label::new(text).truncate());
                });
            }
        });
        if notice_below && let Some(notice) = &self.io.notice {
            ui.end_row();
            ui.with_layout(Layout::left_to_right(Align::Center), |ui| {
                commands.extend(notice_ui(ui, notice));
            });
        }
        commands
    }

    fn timeline_ui(&self, ui: &mut Ui) -> Vec<Command> {
        let scenario = &self.inputs.scenario;
        let (date, track) = (self.briefing.date, self.briefing.track);
        let mut commands = Vec::new();
        if self.look.panels.contains(Panel::Chart) && !self.overlays.presenting {
            let picked = TimelineChart::new(scenario, date)
                .with_today(self.briefing.today)
                .ui(ui);
            if let Some(date) = picked {
                commands.push(TimeCommand::SetDate(date).into());
            }
        }
        let ticks: Vec<Tick<'_>> = scenario
            .milestones_for(track)
            .map(|m| Tick {
                date: m.date,
                title: &m.title,
                detail: &m.detail,
            })
            .collect();
        ui.add_space(4.0);
        let mut slider = TimeSlider::new(scenario.range, date, &ticks);
        if !self.overlays.presenting {
            slider = slider.with_presets(self.slider_presets());
        }
        if let Some(date) = slider.ui(ui) {
            commands.push(TimeCommand::SetDate(date).into());
        }
        if !self.overlays.presenting {
            ui.horizontal(|ui| commands.extend(self.playback_bar_ui(ui)));
        }
        ui.add_space(2.0);
        commands
    }

    /// The slider's named spans: the drawdown, from where the compared
    /// tracks part (the joint statement, in the embedded scenario) to
    /// today.
    fn slider_presets(&self) -> Vec<(&'static str, DateRange)> {
        let scenario = &self.inputs.scenario;
        let today = self.briefing.today.unwrap_or_else(super::native::today_local);
        self.tracks_part
            .map(|start| {
                let end = scenario.range.clamp(today).max(start);
                (DRAWDOWN_PRESET_LABEL, DateRange { start, end })
            })
            .into_iter()
            .collect()
    }

    fn playback_bar_ui(&self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let mut button = |ui: &mut Ui, text: &str, hint: &str, command: Command| {
            if ui.button(text).on_hover_text(hint).clicked() {
                commands.push(command);
            }
        };
        button(
            ui,
            "« Milestone",
            "Previous milestone (PageUp)",
            TimeCommand::PrevMilestone.into(),
        );
        button(
            ui,
            "‹ Month",
            "One month earlier (Shift+Left)",
            TimeCommand::StepMonths(-1).into(),
        );
        button(ui, "‹ Day", "One day earlier (Left)", TimeCommand::StepDays(-1).into());
        let playback = &self.briefing.playback;
        let play = if playback.playing { "Pause" } else { "Play" };
        button(ui, play, "Play or pause (Space)", TimeCommand::TogglePlay.into());
        button(ui, "Day ›", "One day later (Right)", TimeCommand::StepDays(1).into());
        button(
            ui,
            "Month ›",
            "One month later (Shift+Right)",
            TimeCommand::StepMonths(1).into(),
        );
        button(
            ui,
            "Milestone »",
            "Next milestone (PageDown)",
            TimeCommand::NextMilestone.into(),
        );
        ui.separator();
        let mut backwards = playback.backwards;
        if ui
            .checkbox(&mut backwards, "Backwards")
            .on_hover_text("Shift+Space")
            .changed()
        {
            commands.push(TimeCommand::ToggleDirection.into());
        }
        let mut looping = playback.looping;
        if ui.checkbox(&mut looping, "Loop").on_hover_text("L").changed() {
            commands.push(TimeCommand::ToggleLoop.into());
        }
        let speed = playback.speed_days_per_sec;
        let current = SPEED_PRESETS
            .iter()
            .find(|(s, _)| (s - speed).abs() < 1e-6)
            .map_or_else(|| format!("{speed:.1} days/s"), |(_, l)| (*l).to_owned());
        egui::ComboBox::from_label("Speed")
            .selected_text(current)
            .show_ui(ui, |ui| {
                for (value, label) in SPEED_PRESETS {
                    if ui.selectable_label((value - speed).abs() < 1e-6, label).clicked() {
                        commands.push(TimeCommand::SetSpeed(value).into());
                    }
                }
            });
        let mut typed = speed;
        let drag = egui::DragValue::new(&mut typed)
            .range(super::playback::MIN_SPEED_DAYS_PER_SEC..=super::playback::MAX_SPEED_DAYS_PER_SEC)
            .speed(1.0)
            .suffix(" days/s");
        if ui.add(drag).on_hover_text("Type a speed in days per second").changed() {
            commands.push(TimeCommand::SetSpeed(typed).into());
        }
        ui.separator();
        ui.label(
            RichText::new(date_format::iso(self.briefing.date))
                .monospace()
                .color(Color32::GRAY),
        );
        commands
    }

    /// The map, or both maps when comparing; a pan or zoom comes back as
    /// [`LookCommand::SetView`].
    fn maps_ui(&self, ui: &mut Ui) -> Vec<Command> {
        let style = MapStyle::for_theme(self.look.theme);
        let style = if self.overlays.presenting {
            style.presenting()
        } else {
            style
        };
        // A panel of the window shows what it stands for beside the map,
        // not on it.
        let layers = Panel::ALL
            .into_iter()
            .filter_map(Panel::stands_for)
            .fold(self.look.layers, |layers, layer| layers.with(layer, false));
        let shown: Vec<(TrackIdx, Option<TrackIdx>)> = match self.shown_tracks() {
            TrackLayout::Single(track) => vec![(track, None)],
            // Each compared with the other.
            TrackLayout::SideBySide([left, right]) => vec![(left, Some(right)), (right, Some(left))],
        };
        let effects: Vec<_> = shown.iter().map(|&(t, other)| self.map_effects_for(t, other)).collect();
        #[expect(clippy::cast_precision_loss, reason = "one or two maps")]
        let widths = ui.available_width() / shown.len() as f32;
        // Both maps of the compare view share one view: the second draws
        // what a pan of the first did this frame.
        let mut view = self.look.view;
        let mut commands = Vec::new();
        ui.horizontal_top(|ui| {
            ui.spacing_mut().item_spacing.x = 0.0;
            for (pane, ((track, other), effects)) in shown.iter().zip(&effects).enumerate() {
                let size = egui::vec2(widths, ui.available_height());
                // One legend for a comparison, on the right: it explains
                // both maps' marks (see `MapEffects::compare_with`).
                let layers = if pane + 1 < shown.len() {
                    layers.with(MapLayer::Legend, false)
                } else {
                    layers
                };
                let clicked = ui.allocate_ui(size, |ui| {
                    let response = MapWidget {
                        scenario: &self.inputs.scenario,
                        geometry: &self.inputs.geometry,
                        track: *track,
                        date: self.briefing.date,
                        style: &style,
                        layers,
                        // The window is cleared to the sea's colour (see
                        // `DrawdownApp::sea_color`): painting the sea again
                        // would cost a window's worth of fragments per
                        // frame, ~15 % of a 1080p frame under software
                        // OpenGL.
                        background: false,
                        effects,
                        greyscale: self.look.greyscale,
                        compare_with: *other,
                    }
                    .ui(ui, &mut view);
                    self.story_map_overlay(ui, &response, &style, &view, pane)
                });
                commands.extend(clicked.inner);
            }
        });
        if view != self.look.view {
            commands.push(LookCommand::SetView(view).into());
        }
        commands
    }

    fn help_ui(&self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        egui::Window::new("Keyboard shortcuts")
            .collapsible(false)
            .resizable(false)
            .anchor(Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ui.ctx(), |ui| {
                egui::Grid::new("keys")
                    .num_columns(2)
                    .spacing([24.0, 6.0])
                    .show(ui, |ui| {
                        for binding in BINDINGS.iter().filter(|b| !b.keys.is_empty()) {
                            ui.label(RichText::new(binding.keys).monospace().strong());
                            ui.label(binding.action);
                            ui.end_row();
                        }
                        ui.label(RichText::new("Drag / scroll").monospace().strong());
                        ui.label("pan / zoom the map; double-click: home view");
                        ui.end_row();
                    });
                if ui.button("Close").clicked() {
                    commands.push(OverlayCommand::ToggleHelp.into());
                }
            });
        commands
    }

    fn goto_ui(&self, ui: &mut Ui, goto: &GoTo) -> Vec<Command> {
        let mut commands = Vec::new();
        let range = self.inputs.scenario.range;
        let mut text = goto.text.clone();
        egui::Window::new(GOTO_LABEL)
            .collapsible(false)
            .resizable(false)
            .anchor(Align2::CENTER_TOP, egui::vec2(0.0, 80.0))
            .show(ui.ctx(), |ui| {
                ui.label(format!("A date from {} to {} (YYYY-MM-DD):", range.start, range.end));
                let edit = egui::TextEdit::singleline(&mut text).hint_text("2025-10-01");
                let response = ui.add(edit.desired_width(180.0));
                response.widget_info(|| egui::WidgetInfo::text_edit(true, text.clone(), text.clone(), GOTO_LABEL));
                response.request_focus();
                if let Some(error) = &goto.error {
                    ui.colored_label(ui.visuals().error_fg_color, error);
                }
                if text != goto.text {
                    commands.push(OverlayCommand::EditGoTo(text.clone()).into());
                }
                let (enter, escape) = ui.input(|i| (i.key_pressed(Key::Enter), i.key_pressed(Key::Escape)));
                if enter {
                    commands.push(OverlayCommand::SubmitGoTo.into());
                }
                if escape {
                    commands.push(OverlayCommand::CloseGoTo.into());
                }
            });
        commands
    }
}

/// Accessible label of *File → Open*'s path field (where no native
/// dialog can open).
pub const OPEN_PATH_LABEL: &str = "Open file";

/// *File → Open* without a native dialog: why, the path field (the export
/// dialog's), Open and Cancel.
fn typed_open_ui(ui: &Ui, kind: FileKind, typed: &TypedPath) -> Vec<Command> {
    let mut commands = Vec::new();
    let mut edited = typed.clone();
    let title = match kind {
        FileKind::Scenario => "Open a scenario",
        FileKind::Regions => "Open regions",
    };
    let mut open = true;
    egui::Window::new(title)
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .anchor(Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ui.ctx(), |ui| {
            let entered = PathField {
                typed: &mut edited,
                label: OPEN_PATH_LABEL,
            }
            .ui(ui);
            if edited.text != typed.text {
                commands.push(LoadCommand::EditTyped(edited.text.clone()).into());
            }
            ui.horizontal(|ui| {
                if ui.button(RichText::new("Open").strong()).clicked() || entered {
                    commands.push(LoadCommand::OpenTyped.into());
                }
                if ui.button("Cancel").clicked() {
                    commands.push(LoadCommand::CloseTyped.into());
                }
            });
        });
    if !open {
        commands.push(LoadCommand::CloseTyped.into());
    }
    commands
}

/// The least room beside the buttons in which the notice still reads
/// (cut with `…`), points: about forty characters.
const NOTICE_MIN_WIDTH: f32 = 240.0;

/// The least room in which the phase's title is worth showing in the
/// top bar, points.
/// The top bar's least width, points, that shows the theme's box too.
const TOP_BAR_THEME_BOX_WIDTH: f32 = 1180.0;
const PHASE_MIN_WIDTH: f32 = 80.0;

/// The width the notice takes whole: its text and its button.
fn notice_width(ui: &Ui, notice: &Notice) -> f32 {
    let text = shown_notice(notice);
    let font = egui::TextStyle::Body.resolve(ui.style());
    let text_w = ui.fonts_mut(|f| f.layout_no_wrap(text, font, Color32::PLACEHOLDER).size().x);
    let button_w = notice.folder.as_ref().map_or(0.0, |_| {
        let font = egui::TextStyle::Button.resolve(ui.style());
        let label = ui.fonts_mut(|f| f.layout_no_wrap(OPEN_FOLDER_LABEL.to_owned(), font, Color32::PLACEHOLDER));
        label.size().x + 2.0 * ui.spacing().button_padding.x + ui.spacing().item_spacing.x
    });
    text_w + button_w + ui.spacing().item_spacing.x
}

/// The notice's text as the bar shows it: cut to a length a bar can hold
/// (egui shows the whole on hover).
fn shown_notice(notice: &Notice) -> String {
    crate::model::printable::shortened(&notice.text, super::state::MAX_SHOWN_ERROR_CHARS)
}

/// The notice in the room `ui` leaves; *Open folder* as a command.
fn notice_ui(ui: &mut Ui, notice: &Notice) -> Option<Command> {
    let shown = shown_notice(notice);
    let line = NoticeLine {
        text: &shown,
        folder: notice.folder.as_deref(),
    };
    line.ui(ui).map(|folder| NoticeCommand::OpenFolder(folder).into())
}

/// The load error banner: a heading with Dismiss (always in view), the
/// errors in a list at most `max_list_height` tall that scrolls, and what
/// the app does meanwhile.
fn error_banner_ui(ui: &mut Ui, errors: &ShownErrors, max_list_height: f32) -> Vec<Command> {
    let mut commands = Vec::new();
    let color = ui.visuals().error_fg_color;
    ui.horizontal(|ui| {
        ui.label(RichText::new("Could not load:").strong().color(color));
        if errors.total > 1 {
            ui.label(RichText::new(format!("{} problems", errors.total)).color(color));
        }
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if ui.button("Dismiss").on_hover_text("Esc").clicked() {
                commands.push(LoadCommand::DismissError.into());
            }
        });
    });
    egui::ScrollArea::vertical()
        .id_salt("error_list")
        .max_height(max_list_height)
        // A list that scrolls takes its whole share at once; the panel
        // would otherwise keep the height of the banner before it.
        .min_scrolled_height(max_list_height)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for (i, line) in errors.lines.iter().enumerate() {
                if i == BANNER_FIRST_ERRORS {
                    ui.weak(format!(
                        "… and {} more:",
                        errors.total.saturating_sub(BANNER_FIRST_ERRORS)
                    ));
                }
                ui.add(egui::Label::new(RichText::new(line).monospace().color(color)).wrap());
            }
            let unlisted = errors.total.saturating_sub(errors.lines.len());
            if unlisted > 0 {
                ui.weak(format!(
                    "… and {unlisted} more not listed here (`drawdown check` names them)"
                ));
            }
        });
    ui.weak("Still showing the last data that loaded. Fix the file and save: it reloads by itself.");
    commands
}

/// Accessible label of the mark shown instead of the error banner while
/// presenting.
pub const LOAD_PROBLEM_MARK_LABEL: &str = "A file did not load: details after presenting";

/// While presenting, a load error is a small red mark in the top right
/// corner: no path, no text for the room to read.
fn load_problem_mark_ui(ui: &Ui) {
    let rect = ui.ctx().content_rect();
    let radius = 7.0;
    let center = egui::pos2(rect.right() - 2.0 * radius, rect.top() + 2.0 * radius);
    egui::Area::new(egui::Id::unique("load_problem_mark"))
        .order(egui::Order::Foreground)
        .fixed_pos(center - egui::Vec2::splat(radius))
        .interactable(false)
        .show(ui.ctx(), |ui| {
            let (mark, response) = ui.allocate_exact_size(egui::Vec2::splat(2.0 * radius), egui::Sense::hover());
            ui.painter()
                .circle_filled(mark.center(), radius, ui.visuals().error_fg_color);
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, LOAD_PROBLEM_MARK_LABEL));
        });
}

/// The clicker's "End of stops" / "Start of stops": a short line over the
/// top of the map, in presentation mode too (the top bar's notice is
/// hidden there).
fn stop_cue_ui(ui: &Ui, text: &str) {
    egui::Area::new(egui::Id::unique("stop_cue"))
        .order(egui::Order::Foreground)
        .anchor(Align2::CENTER_TOP, egui::vec2(0.0, 48.0))
        .interactable(false)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.label(RichText::new(text).heading());
            });
        });
}

/// B: the whole window black, keys still work (B or Esc bring it back).
fn black_screen_ui(ui: &Ui) {
    let rect = ui.ctx().content_rect();
    egui::Area::new(egui::Id::unique("black_screen"))
        .order(egui::Order::Foreground)
        .fixed_pos(rect.min)
        .show(ui.ctx(), |ui| {
            ui.painter().rect_filled(rect, 0.0, Color32::BLACK);
            ui.allocate_rect(rect, egui::Sense::hover());
        });
}
