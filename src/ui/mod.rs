//! Widgets and key handling. Widgets are throwaway builders that return
//! intents ([`Command`]); their state lives in the app.

pub mod calendar_ticks;
pub mod command;
pub mod export_dialog;
pub mod export_form;
pub mod keys;
pub mod map_view;
pub mod notice;
pub mod panel;
pub mod path_field;
pub mod record_form;
pub mod record_state;
pub mod sources_view;
pub mod story_fields;
pub mod story_panel;
pub mod time_slider;
pub mod timeline_chart;
pub mod troop_panel;

pub use command::Command;
