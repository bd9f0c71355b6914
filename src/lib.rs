//! drawdown: a map of the coalition drawdown from Iraq and Syria, phase by
//! phase and base by base.
//!
//! Layers, from the bottom up: [`model`] (scenario, dates, statuses; no
//! egui, no I/O), [`load`] (TOML and GeoJSON → model, located errors),
//! [`geo`] (projection, triangulation, outlines, once at load), [`inputs`]
//! (the loaded inputs: scenario and geometry together), [`render`] (the
//! composition of one map frame and every canvas it is drawn on: egui,
//! CPU, greyscale), [`ui`] (widgets that return intents), [`app`] (state
//! and the one place intents are applied), [`export`] (the same
//! composition headless to image files), [`cli`] (the command line).
//! Below them all: [`polygon`] (plane polygon arithmetic shared by the
//! loader and the geometry), [`atomic_write`] (every file put in place
//! whole), [`logging`] (the log and the crash report) and [`icon`].
//! ARCHITECTURE.md draws the map.

// Colours are made in `render::style` alone (`clippy.toml`); unit tests
// make their own as test data (a canvas's output checked for a colour).
#![cfg_attr(
    test,
    expect(clippy::disallowed_methods, reason = "unit tests build colours as test data")
)]

pub mod app;
pub mod atomic_write;
pub mod cli;
pub mod export;
pub mod geo;
pub mod icon;
pub mod inputs;
pub mod load;
pub mod logging;
pub mod model;
pub mod polygon;
pub mod render;
pub mod ui;
