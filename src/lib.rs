//! drawdown: a map of the coalition drawdown from Iraq, phase by phase.
//!
//! Layers, from the bottom up: [`model`] (scenario, dates, statuses; no
//! egui, no I/O), [`load`] (TOML and GeoJSON → model, located errors),
//! [`geo`] (projection, triangulation, once), [`render`] (the composition
//! of one map frame for any canvas), [`ui`] (widgets that return intents),
//! [`app`] (state and the one place intents are applied), [`cli`];
//! [`export`] renders the same composition headless to PNG and GIF.
//! Below them all, [`atomic_write`] puts every file in place whole;
//! [`logging`] sets up the log and the crash report.

pub mod app;
pub mod atomic_write;
pub mod cli;
pub mod data;
pub mod export;
pub mod geo;
pub mod icon;
pub mod load;
pub mod logging;
pub mod model;
pub mod render;
pub mod ui;
