//! The domain: statuses, regions, tracks of dated periods, phases,
//! milestones and places, and the queries the map and the slider ask of them.
//!
//! No egui and no I/O here, so that the model can be built by hand in tests
//! and by the loader in [`crate::load::scenario`], and queried the same way
//! by the GUI, the exporter and the CLI.
//!
//! Dates are calendar days ([`Date`]) and every interval is inclusive at both
//! ends, the way a briefing states them ("until 30 September 2025").

mod color;
mod compare;
pub mod date_format;
mod dates;
mod scenario;
mod track_layout;

pub use color::Rgb;
pub use compare::{Lag, StatusChange};
pub use dates::{Date, DateRange, local_date};
pub use scenario::{
    Milestone, Period, Phase, Place, PlaceKind, Region, RegionIdx, Scenario, Status, StatusIdx, Track, TrackIdx,
};
pub use track_layout::TrackLayout;
