//! One image of the map, in the format its file's name says: its renderer
//! per format, and the write of one file.

use std::path::Path;

use super::format::ImageFormat;
use super::pdf::render_pdf_with;
use super::svg::render_svg_with;
use super::{ExportError, ExportOptions, encode_png, render_picture, with_text_engine};
use crate::atomic_write::target::check_target;
use crate::atomic_write::{OutputPlan, WriteError};
use crate::inputs::LoadedInputs;
use crate::model::{Date, TrackLayout};
use crate::render::Furniture;

impl ImageFormat {
    /// The file's bytes of `layout` on `date`, rendered for this format.
    pub fn render(
        self,
        data: &LoadedInputs,
        layout: TrackLayout,
        date: Date,
        opts: &ExportOptions,
    ) -> Result<Vec<u8>, ExportError> {
        self.render_with(data, layout, date, None, opts)
    }

    /// [`Self::render`] with a brief's `furniture` over the map.
    pub fn render_with(
        self,
        data: &LoadedInputs,
        layout: TrackLayout,
        date: Date,
        furniture: Option<&Furniture>,
        opts: &ExportOptions,
    ) -> Result<Vec<u8>, ExportError> {
        match self {
            Self::Png => {
                let pixmap =
                    with_text_engine(|engine| render_picture(engine, data, layout, date, furniture, opts, None))?;
                encode_png(&pixmap)
            }
            Self::Svg => render_svg_with(data, layout, date, furniture, opts),
            Self::Pdf => render_pdf_with(data, layout, date, furniture, opts),
        }
    }
}

/// Renders `layout` on `date` and writes it to `path` atomically, in the
/// format the path's extension names; `replace` allows replacing an
/// existing regular file. A directory or anything else that is not a
/// regular file (`/dev/full`), a name that names no known format, a bad
/// size, a missing directory or a taken target (checked in that order) is
/// refused before anything is rendered, and then no file is created.
pub fn write_image(
    data: &LoadedInputs,
    layout: TrackLayout,
    date: Date,
    opts: &ExportOptions,
    path: &Path,
    replace: bool,
) -> Result<ImageFormat, ExportError> {
    write_furnished_image(data, layout, date, None, opts, path, replace)
}

/// [`write_image`] with a brief's `furniture` over the map (one stop of a
/// brief).
pub fn write_furnished_image(
    data: &LoadedInputs,
    layout: TrackLayout,
    date: Date,
    furniture: Option<&Furniture>,
    opts: &ExportOptions,
    path: &Path,
    replace: bool,
) -> Result<ImageFormat, ExportError> {
    // What the path is comes first: "/dev/full is a character device"
    // says more than "no extension".
    check_target(path, true)?;
    let format = ImageFormat::from_path(path)?;
    opts.validate()?;
    let mut plan = OutputPlan::new(replace);
    plan.file(path)?;
    let writes = plan.begin()?;
    // Opened before rendering, so that a directory that cannot take the
    // file is found before the work.
    let mut file = writes.create(path)?;
    let bytes = format.render_with(data, layout, date, furniture, opts)?;
    std::io::Write::write_all(&mut file, &bytes).map_err(|source| WriteError::Io {
        path: path.to_owned(),
        source,
    })?;
    writes.commit(file)?;
    writes.finish();
    Ok(format)
}
