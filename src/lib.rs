//! drawdown: a map of the coalition drawdown from Iraq and Syria, phase by
//! phase and base by base.
//!
//! Layers, from the bottom up: `model` (scenario, dates, statuses; no
//! egui, no I/O), `load` (TOML and GeoJSON → model, located errors),
//! `geo` (projection, triangulation, outlines, once at load), `inputs`
//! (the loaded inputs: scenario and geometry together), `render` (the
//! composition of one map frame and every canvas it is drawn on: egui,
//! CPU, greyscale), `ui` (widgets that return intents), `app` (state
//! and the one place intents are applied), `export` (the same
//! composition headless to image files), `cli` (the command line).
//! Below them all: `polygon` (plane polygon arithmetic shared by the
//! loader and the geometry), `atomic_write` (every file put in place
//! whole), `logging` (the log and the crash report) and `icon`.
//! ARCHITECTURE.md draws the map.
//!
//! The modules are private: the crate's surface is the `pub use` list
//! below, exactly what the binary (`src/main.rs`), the tests and the
//! benches use, so that the compiler finds what nothing uses. Helpers
//! only tests need are built with the `testing` feature (Cargo.toml).

// The docs are written for engineers of this crate: an item on the
// surface may link to the private items it works with (the links resolve
// with `cargo doc --document-private-items`).
#![cfg_attr(
    doc,
    expect(
        rustdoc::private_intra_doc_links,
        reason = "surface docs link to the private items they work with"
    )
)]
// Colours are made in `render::style` alone (`clippy.toml`); unit tests
// make their own as test data (a canvas's output checked for a colour).
#![cfg_attr(
    test,
    expect(clippy::disallowed_methods, reason = "unit tests build colours as test data")
)]

mod app;
mod atomic_write;
mod cli;
mod escape;
mod export;
mod geo;
mod icon;
mod inputs;
mod load;
mod logging;
mod model;
mod polygon;
mod record;
mod render;
mod story;
mod ui;

// Each group: first what the binary and the benches use, then (with the
// `testing` feature) what only the tests name. Without the feature an
// item that only tests use is dead code, and the compiler says so.

// The model: scenario, dates, tracks and their indices; dates and numbers
// as the app writes them (modules: many small functions each).
#[cfg(feature = "testing")]
pub use model::sources::{source_date, source_items};
#[cfg(feature = "testing")]
pub use model::{
    Agreement, Confidence, DateRange, Entity, INCIDENT_WINDOW_DAYS, IncidentLocation, Lag, OpeningDate, PlaceIdx,
    PlaceKind, RegionIdx, Scenario, StatusIdx, TroopGroupIdx, date_format, number_format,
    printable::DOCUMENT_TEXT_MAX_CHARS,
};
pub use model::{Date, TrackIdx, TrackLayout};

// Plane polygon arithmetic: the limits a hostile boundary file meets.
#[cfg(feature = "testing")]
pub use polygon::{MAX_HOLE_WORK, MAX_HOLES_PER_POLYGON};

// Loading: the embedded defaults, the parsers, their errors and limits.
pub use load::geojson::{
    DEFAULT_CONTEXT_GEOJSON, DEFAULT_CONTEXT_NAME, DEFAULT_REGIONS_GEOJSON, DEFAULT_REGIONS_NAME, FeatureKind,
    parse_features,
};
pub use load::scenario::{DEFAULT_SCENARIO_NAME, DEFAULT_SCENARIO_TOML, parse_scenario};
#[cfg(feature = "testing")]
pub use load::{
    InputError, InputErrors, Location,
    error::MAX_INPUT_BYTES,
    scenario::limits::MAX_PLACES,
    scenario::{MAX_SCENARIO_BYTES, MAX_TRACK_REGION_PAIRS, default_scenario, load_scenario_file},
};

// Geometry, projected and triangulated once at load.
#[cfg(feature = "testing")]
pub use geo::FeatureShape;
pub use geo::{MapGeometry, Projection};

// The loaded inputs: scenario and geometry together, and where they came from.
#[cfg(feature = "testing")]
pub use inputs::{FileKind, FinishedLoad};
pub use inputs::{LoadedInputs, Sources};

// Rendering: one map frame's composition, its style and layers, and the
// pieces of it that tests check alone.
#[cfg(feature = "testing")]
pub use render::{
    Banner, Callout, CpuCanvas, Furniture, LabelLayoutCache, Logo, MapEffects, MapLayer, MapLayout, MapScene, Marking,
    egui_canvas::{CacheStats, EguiCanvas},
    furniture::place_callout,
    greyscale::grey,
    labels::{LabelBox, LabelKind, LabelLayout},
    marks::{BaseShape, MapMarks, MarkSizes, base_fill_point, marker_status},
    paint_map,
    style::{INCIDENT_COLOR, MIN_TEXT_PT, banner},
    troops::{TROOP_PANEL_TITLE, figure_text, troop_panel_rect, troop_span, troop_steps},
    view::ScreenFromWorld,
};
pub use render::{LayerSet, MapStyle, MapView, NO_EFFECTS, TextEngine, Theme, view::GeoBox};

// Stories: a brief's stops, its file format and its resolution against a
// scenario.
pub use story::{
    Classification, DEFAULT_HOLD_SECS, ResolvedStop, Stop, StopDate, StopLayout, Story, StoryError, draft_story,
    load_story, load_story_file, save_story_file, story_to_toml,
};
#[cfg(feature = "testing")]
pub use story::{
    MAX_HOLD_SECS,
    draft::MAX_DRAFT_NOTES_CHARS,
    file::{MAX_CALLOUTS_PER_STOP, MAX_STOPS, MAX_STORY_BYTES},
};

// Widgets and the commands they return; the labels tests find them by.
pub use ui::map_view::MapWidget;
#[cfg(feature = "testing")]
pub use ui::{
    Command,
    command::{ExportCommand, LoadCommand, LookCommand, NoticeCommand, OverlayCommand, StoryCommand, TimeCommand},
    export_dialog::{PATH_FIELD_LABEL, TROOPS_CHECKBOX_LABEL},
    export_form::{ExportForm, ExportKind},
    keys::BINDINGS,
    panel::Panel,
    record_form::{
        BACK_BUTTON, COPY_PATH_LABEL, EntityPick, FormCheck, FormField, PREVIEW_BUTTON, PREVIEW_LABEL,
        RECORD_MENU_LABEL, RECORD_TITLE, RecordCommand, RecordForm, ReportKind, SAVE_BUTTON, UNDO_MENU_LABEL,
        calendar_button_label,
    },
    sources_view::{SOURCES_FILTER_LABEL, SOURCES_MENU_LABEL, SourcesCommand},
    story_fields::{
        CHOOSE_LOGO_LABEL, CLASSIFICATION_LABEL, COMPARE_LAYOUT_LABEL, HOME_VIEW_LABEL, LOGO_LABEL, MARKINGS_LABEL,
        PREPARED_BY_LABEL, SINGLE_LAYOUT_LABEL, STOP_DATE_LABEL, STOP_TRACK_LABEL, STORY_DETAILS_LABEL,
        STORY_TITLE_LABEL, SUBTITLE_LABEL, USE_LAYERS_LABEL, USE_VIEW_LABEL,
    },
    story_panel::{
        ADD_CALLOUT_LABEL, ADD_VIEW_LABEL, CALLOUT_TEXT_LABEL, DELETE_LABEL, DUPLICATE_LABEL, MOVE_DOWN_LABEL,
        MOVE_UP_LABEL, NEW_BLANK_STORY_LABEL, NOTES_LABEL, SAVE_LABEL, SAVE_PATH_LABEL, TITLE_LABEL, UNDO_LABEL,
    },
    time_slider::{
        SLIDER_LABEL, Tick, TimeSlider, cluster_label, cluster_target, cluster_ticks, date_at_x, shown_span,
    },
    timeline_chart::{
        BASE_ROWS_LABEL, BASES_GROUP_LABEL, CHART_LABEL, FOLLOWS_REGION_SUFFIX, MIN_VIEW_DAYS, RowSpan, TimelineChart,
        base_rows, base_summary, calendar_label, calendar_marks, clamp_view_x, date_from_plot_x, default_x_bounds,
        plot_x, rows, screen_x, summary,
    },
    troop_panel::{TROOP_PANEL_LABEL, figure_age, panel_series, panel_summary, panel_x_span},
};

// The app: its state, start options, settings and the effects it asks for.
pub use app::native::run_native;
pub use app::{DrawdownApp, StartOptions};
#[cfg(feature = "testing")]
pub use app::{
    Effect, LOAD_PROBLEM_MARK_LABEL, OPEN_PATH_LABEL, Settings, clipboard_image, is_story_file, native::today_local,
};

// Export: requests, outputs and the renderers behind them.
pub use export::mp4::{VideoWriter, yuv_frame};
pub use export::sequence::milestone_dates;
#[cfg(feature = "testing")]
pub use export::story::MOVE_SECS;
#[cfg(feature = "testing")]
pub use export::{
    BookPage, ExportError, ImageFormat, OutputKind, RgbaImage, book_pages, compare_halves, pdf_book,
    pptx::{FrameSlide, title_lines},
    render_compare, render_pdf, render_png, render_rgba, render_svg, write_image, write_pdf_book,
};
pub use export::{
    ExportOptions, ExportView, Frame, SequenceOutput, SequenceRequest, Step, encode_png, export_sequence,
    render_pixmap, render_png_bytes,
};

// The command line and the log (`cli::run` and `logging::init` renamed:
// at the root a bare `run` or `init` would not say what).
pub use cli::{Cli, CliError, native_start, print_stdout, run as run_cli};
pub use logging::init as init_logging;
