//! The domain: statuses, regions, tracks of dated periods (for regions and
//! for bases), phases, milestones, places, troop figures and incidents, and
//! the queries the map and the slider ask of them.
//!
//! No egui and no I/O here, so that the model can be built by hand in tests
//! and by the loader in [`crate::load::scenario`], and queried the same way
//! by the GUI, the exporter and the CLI.
//!
//! Dates are calendar days ([`Date`]) and every interval is inclusive at both
//! ends, the way a briefing states them ("until 30 September 2025").

mod bases;
mod color;
mod compare;
mod confidence;
mod coverage;
pub mod date_format;
mod dates;
pub mod number_format;
pub mod printable;
mod record;
mod scenario;
pub mod source_index;
pub mod sources;
pub mod status_report;
mod track_layout;

pub use bases::{BaseStatusChange, Entity, LastReported, NO_REPORT_STATUS_ID};
pub use color::Rgb;
pub use compare::{Agreement, Lag, StatusChange};
pub use confidence::Confidence;
pub use coverage::{cited_sources, latest_report};
pub use dates::{Date, DateRange, local_date};
pub use record::{INCIDENT_WINDOW_DAYS, Incident, IncidentLocation, TroopFigure, TroopGroup, TroopGroupIdx};
pub use scenario::{
    Milestone, OpeningDate, Period, Phase, Place, PlaceIdx, PlaceKind, RecordCoverage, Region, RegionIdx, Scenario,
    Status, StatusIdx, Track, TrackIdx,
};
pub use track_layout::TrackLayout;
