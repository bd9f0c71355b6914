//! SVG export: the composition of the PNG export as vectors
//! ([`crate::render::svg_canvas`]), for slides and editing.

use super::{ExportError, ExportOptions, document_title, paint_vector, with_text_engine};
use crate::inputs::LoadedInputs;
use crate::model::{Date, TrackLayout};
use crate::render::Furniture;
use crate::render::svg_canvas::SvgCanvas;

/// Renders `layout` on `date` as SVG file bytes: the picture of
/// [`super::render_png`] with the same options, `size_px × scale` pixels
/// nominally, laid out in points (`size_px`). Tests call it; the
/// exporter calls [`render_svg_with`].
#[cfg(any(test, feature = "testing"))]
pub fn render_svg(
    data: &LoadedInputs,
    layout: TrackLayout,
    date: Date,
    opts: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    render_svg_with(data, layout, date, None, opts)
}

/// `render_svg` with a brief's `furniture` over the map.
pub fn render_svg_with(
    data: &LoadedInputs,
    layout: TrackLayout,
    date: Date,
    furniture: Option<&Furniture>,
    opts: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    opts.validate()?;
    with_text_engine(|engine| {
        engine.begin_frame(opts.theme);
        let mut canvas = SvgCanvas::new(engine, opts.scale);
        paint_vector(&mut canvas, data, layout, date, furniture, opts);
        let title = document_title(data, layout, date);
        canvas
            .finish(opts.output_size_px(), opts.logical_rect(), &title)
            .map_err(ExportError::Svg)
    })
}
