//! `[[tracks.base_periods]]`: a base's own periods in a track, checked by
//! the same rules as a region's.

use serde::Deserialize;
use toml::{Spanned, Value};

use super::periods::{PeriodLists, period_fields};
use super::{Checker, Ids};
use crate::model::printable::quoted;
use crate::model::{Period, Place, PlaceKind, RecordCoverage};

/// The most track–place pairs a scenario with base periods may have (each
/// such track keeps a period list per place): far above any briefing, far
/// below what would exhaust memory.
pub const MAX_TRACK_PLACE_PAIRS: usize = 1_000_000;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBasePeriod {
    base: Spanned<String>,
    from: Spanned<Value>,
    #[serde(default)]
    to: Option<Spanned<Value>>,
    status: Spanned<String>,
    #[serde(default)]
    note: String,
    source: Spanned<String>,
    #[serde(default)]
    confidence: Option<Spanned<String>>,
    #[serde(default)]
    disputed: Option<Spanned<String>>,
    #[serde(default)]
    reported: Option<Spanned<Value>>,
    #[serde(default)]
    unknown_after: Option<Spanned<String>>,
}

/// The places as read, with their ids and the ids of the bases among them
/// (for "expected one of" lists that name only bases).
pub(super) struct Places {
    pub(super) list: Vec<Place>,
    pub(super) ids: Ids,
    pub(super) base_ids: Ids,
    /// Per place: its kind was unknown (reported once where it is read).
    unknown_kind: Vec<bool>,
}

impl Places {
    pub(super) fn new(list: Vec<Place>, unknown_kind: Vec<bool>) -> Self {
        let ids = Ids::new(list.iter().map(|p| p.id.clone()).collect());
        let base_ids = Ids::new(
            list.iter()
                .filter(|p| p.kind == PlaceKind::Base)
                .map(|p| p.id.clone())
                .collect(),
        );
        Self {
            list,
            ids,
            base_ids,
            unknown_kind,
        }
    }
}

impl Checker<'_> {
    /// Each base's periods in one track (`track_index` tracks come before
    /// it), in file order, checked like a region's. Empty lists for bases
    /// without periods; an empty outer list for a track without any.
    pub(super) fn base_periods(
        &mut self,
        raw: &super::RawTrack,
        track: &str,
        (status_ids, record): (&Ids, Option<RecordCoverage>),
        places: &Places,
        track_index: usize,
    ) -> Vec<Vec<Period>> {
        let Some(first) = raw.base_periods.first() else {
            return Vec::new();
        };
        let place_count = places.list.len();
        let pairs = (track_index + 1).saturating_mul(place_count);
        if pairs > MAX_TRACK_PLACE_PAIRS {
            self.error(
                &first.get_ref().base.span(),
                format!(
                    "{} tracks with base periods × {place_count} places is more than the {MAX_TRACK_PLACE_PAIRS} \
                     track–place pairs drawdown handles",
                    track_index + 1
                ),
            );
            return Vec::new();
        }
        let mut lists = PeriodLists::new(place_count);
        for p in &raw.base_periods {
            let p = p.get_ref();
            let place = self.base(&p.base, places, track);
            let context = format!(" (track {}, base {})", quoted(track), quoted(p.base.get_ref()));
            self.read_period(&mut lists, place, period_fields!(p), (status_ids, record), &context);
        }
        for place in 0..place_count {
            self.check_period_sequence(&lists, (place, record.is_some()), || {
                let base_id = places.list.get(place).map_or("", |p| p.id.as_str());
                format!("track {}, base {}", quoted(track), quoted(base_id))
            });
        }
        lists.into_periods()
    }

    /// The place index of a base named in a base period: an unknown id and
    /// a city are errors.
    fn base(&mut self, key: &Spanned<String>, places: &Places, track: &str) -> Option<usize> {
        let context = format!(" (track {})", quoted(track));
        let Some(i) = places.ids.position(key.get_ref()) else {
            // Not found among the bases either: the message lists those.
            self.lookup(key, &places.base_ids, "base", &context);
            return None;
        };
        let place = places.list.get(i)?;
        if places.unknown_kind.get(i).copied().unwrap_or(false) {
            // Its kind is already reported: calling it a city here would
            // be a second, misleading error for the same mistake.
            return None;
        }
        if place.kind != PlaceKind::Base {
            self.error(
                &key.span(),
                format!(
                    "place {} is a city, not a base{context}; only places of kind \"base\" have periods",
                    quoted(key.get_ref())
                ),
            );
            return None;
        }
        Some(i)
    }
}
