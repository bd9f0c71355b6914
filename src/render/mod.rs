//! Rendering: (cached geometry, view, date, style) → shapes. The
//! composition ([`scene`], with [`labels`] and [`panels`]) is
//! backend-neutral and draws through the [`Canvas`] trait ([`canvas`]);
//! every backend lives here too: [`egui_canvas`] on screen,
//! [`cpu_canvas`] for raster export, [`svg_canvas`] and [`pdf_canvas`] for
//! vector export, [`greyscale`] as an adapter over any.

pub mod canvas;
pub mod cpu_canvas;
pub mod egui_canvas;
pub mod greyscale;
pub mod labels;
pub mod marks;
pub mod panels;
pub mod pdf_canvas;
pub mod scene;
pub mod style;
pub mod svg_canvas;
pub mod troops;
pub mod vector_text;
pub mod view;

pub use canvas::{Canvas, TextSpec, WorldLine, dash_pieces, halo_positions};
pub use cpu_canvas::{CpuCanvas, TextEngine};
pub use labels::{LabelKey, LabelLayout, LabelLayoutCache};
pub use scene::{
    BaseLayerKey, MapEffects, MapLayout, MapScene, NO_EFFECTS, Overlays, PaintPass, paint_map, paint_map_pass,
    status_fills,
};
pub use style::{MapStyle, Theme};
pub use view::{MapView, ScreenFromWorld};
