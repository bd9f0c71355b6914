//! Rendering: (cached geometry, view, date, style) → shapes. Read it
//! bottom-up: the shared types ([`scene`], [`layer`], [`style`],
//! [`view`], [`canvas`]); what is drawn ([`basemap`], [`marks`],
//! [`labels`], [`panels`], [`troops`]), each importing the types and never
//! the conductor; the conductor ([`paint`]), which walks the layers in
//! paint order. The composition is backend-neutral and draws through the
//! [`Canvas`] trait; every backend lives here too: [`egui_canvas`] on
//! screen, [`cpu_canvas`] for raster export (on two cores through
//! [`raster`]), [`svg_canvas`] and
//! [`pdf_canvas`] for vector export, [`greyscale`] as an adapter over any.

pub mod basemap;
pub mod canvas;
pub mod cpu_canvas;
pub mod egui_canvas;
pub mod furniture;
pub mod greyscale;
pub mod labels;
pub mod layer;
pub mod marks;
pub mod paint;
pub mod panels;
pub mod pdf_canvas;
pub mod raster;
pub mod scene;
pub mod style;
pub mod svg_canvas;
pub mod troops;
pub mod vector_text;
pub mod view;

pub use basemap::status_fills;
pub use canvas::Canvas;
#[cfg(test)]
pub use canvas::TextSpec;
pub use cpu_canvas::{CpuCanvas, TextEngine};
pub use furniture::{Banner, Callout, Furniture, Logo, Marking};
pub use labels::LabelLayoutCache;
pub use layer::{LayerSet, MapLayer};
pub use paint::{BaseLayerKey, GroundKey, PaintPass, paint_map, paint_map_pass};
pub use raster::{GroundStore, paint_map_raster};
pub use scene::{MapEffects, MapLayout, MapScene, NO_EFFECTS};
pub use style::{MapStyle, Theme};
pub use view::MapView;
