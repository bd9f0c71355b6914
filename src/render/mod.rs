//! Rendering: (cached geometry, view, date, style) → shapes. The
//! composition is backend-neutral; [`egui_canvas`] draws it on screen.

pub mod compose;
pub mod egui_canvas;
pub mod greyscale;
pub mod style;
pub mod view;

pub use compose::{
    Canvas, MapEffects, MapLayout, MapScene, NO_EFFECTS, Overlays, TextSpec, format_date_long, paint_map,
};
pub use style::{MapStyle, Theme};
pub use view::{MapView, ScreenFromWorld};
