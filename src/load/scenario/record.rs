//! `[[troop_groups]]`, `[[troops]]` and `[[incidents]]`: what the record
//! reports beside the statuses.

use std::collections::HashMap;
use std::ops::Range;

use serde::Deserialize;
use toml::{Spanned, Value};

use super::bases::Places;
use super::{Checker, Ids};
use crate::model::printable::quoted;
use crate::model::{Date, Incident, IncidentLocation, PlaceIdx, RegionIdx, TroopFigure, TroopGroup, TroopGroupIdx};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTroopGroup {
    id: Spanned<String>,
    name: Spanned<String>,
    regions: Spanned<Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTroop {
    /// The group's id (`where` in the file: "where the troops are").
    #[serde(rename = "where")]
    group: Spanned<String>,
    date: Spanned<Value>,
    low: Spanned<i64>,
    high: Spanned<i64>,
    source: Spanned<String>,
    #[serde(default)]
    note: String,
    #[serde(default)]
    confidence: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawIncident {
    date: Spanned<Value>,
    #[serde(default)]
    place: Option<Spanned<String>>,
    #[serde(default)]
    lat: Option<Spanned<f64>>,
    #[serde(default)]
    lon: Option<Spanned<f64>>,
    title: Spanned<String>,
    #[serde(default)]
    detail: String,
    source: Spanned<String>,
    #[serde(default)]
    confidence: Option<Spanned<String>>,
    #[serde(default)]
    disputed: Option<Spanned<String>>,
}

/// The troop groups as read, with their ids.
pub(super) struct Groups {
    list: Vec<TroopGroup>,
    ids: Ids,
}

impl Checker<'_> {
    pub(super) fn troop_groups(&mut self, raw: &[Spanned<RawTroopGroup>], region_ids: &Ids) -> Groups {
        let ids = if raw.is_empty() {
            Vec::new()
        } else {
            self.unique_ids(
                raw.iter().map(|g| &g.get_ref().id),
                ("troop group", "troop groups"),
                &(0..0),
            )
        };
        let list = raw
            .iter()
            .zip(&ids)
            .map(|(g, id)| {
                let g = g.get_ref();
                let name = self.required(&g.name, &format!("troop group {}: \"name\"", quoted(id)), "");
                let context = format!(" (troop group {})", quoted(id));
                if g.regions.get_ref().is_empty() {
                    self.error(
                        &g.regions.span(),
                        format!(
                            "troop group {} has no regions; list the regions its figures cover",
                            quoted(id)
                        ),
                    );
                }
                let mut regions: Vec<RegionIdx> = Vec::new();
                for r in g.regions.get_ref() {
                    let Some(region) = self.lookup(r, region_ids, "region", &context) else {
                        continue;
                    };
                    if regions.contains(&RegionIdx(region)) {
                        self.error(
                            &r.span(),
                            format!("region {} is listed twice{context}", quoted(r.get_ref())),
                        );
                    } else {
                        regions.push(RegionIdx(region));
                    }
                }
                TroopGroup {
                    id: id.clone(),
                    name,
                    regions,
                }
            })
            .collect();
        Groups {
            list,
            ids: Ids::new(ids),
        }
    }

    /// The figures, sorted by group (stable: each group's keep file order,
    /// which must be date order).
    pub(super) fn troops(&mut self, raw: &[Spanned<RawTroop>], groups: &Groups) -> Vec<TroopFigure> {
        // Each group's last figure so far: its date and the span of it.
        let mut last: HashMap<usize, (Date, Range<usize>)> = HashMap::new();
        let mut figures = Vec::with_capacity(raw.len());
        for t in raw {
            let t = t.get_ref();
            let group = self.lookup(&t.group, &groups.ids, "troop group", " (troop figure, \"where\")");
            let date = self.date(&t.date, "troop figure \"date\"");
            let group_id = quoted(t.group.get_ref());
            let context = match date {
                Some(date) => format!(" (troop figure for {group_id} on {date})"),
                None => format!(" (troop figure for {group_id})"),
            };
            if let (Some(range), Some(date)) = (self.range, date)
                && !range.contains(date)
            {
                self.error(
                    &t.date.span(),
                    format!(
                        "troop figure \"date\" {date} is outside the range {}..{}{context}",
                        range.start, range.end
                    ),
                );
            }
            let source = self.required(&t.source, "troop figure \"source\"", &context);
            let confidence = self.confidence(t.confidence.as_ref(), &context);
            let low = self.personnel(&t.low, "low", &context);
            let high = self.personnel(&t.high, "high", &context);
            if let (Some(low), Some(high)) = (low, high)
                && low > high
            {
                self.error(
                    &t.low.span(),
                    format!(
                        "troop figure \"low\" {low} is above its \"high\" {high}{context}; \
                         expected low <= high (low = high for a single figure)"
                    ),
                );
            }
            if let (Some(group), Some(date)) = (group, date) {
                if let Some((previous, span)) = last.get(&group) {
                    let (previous, span) = (*previous, span.clone());
                    let line = self.line_of(&span);
                    if date == previous {
                        self.error(
                            &t.date.span(),
                            format!(
                                "a second troop figure for {group_id} on {date} (the first is on line {line}); \
                                 give one figure, with low..high for a range"
                            ),
                        );
                    } else if date < previous {
                        self.error(
                            &t.date.span(),
                            format!(
                                "troop figures for {group_id} are not sorted: {date} comes after a figure \
                                 of {previous} (line {line}); list each group's figures in date order"
                            ),
                        );
                    }
                }
                if last.get(&group).is_none_or(|(previous, _)| date > *previous) {
                    last.insert(group, (date, t.date.span()));
                }
                if let (Some(low), Some(high)) = (low, high) {
                    figures.push(TroopFigure {
                        group: TroopGroupIdx(group),
                        date,
                        low,
                        high,
                        note: t.note.clone(),
                        source,
                        confidence,
                    });
                }
            }
        }
        figures.sort_by_key(|f| f.group);
        figures
    }

    /// A number of personnel: 0 or more, and small enough to count.
    fn personnel(&mut self, value: &Spanned<i64>, what: &str, context: &str) -> Option<u32> {
        let v = *value.get_ref();
        let message = if v < 0 {
            format!("troop figure \"{what}\" {v} is negative{context}; expected a number of personnel (0 or more)")
        } else {
            match u32::try_from(v) {
                Ok(n) => return Some(n),
                Err(_) => format!(
                    "troop figure \"{what}\" {v} is too large{context}; expected a number of personnel up to {}",
                    u32::MAX
                ),
            }
        };
        self.error(&value.span(), message);
        None
    }

    /// The incidents, sorted by date (stable: same-day ones keep file order).
    pub(super) fn incidents(&mut self, raw: &[Spanned<RawIncident>], places: &Places) -> Vec<Incident> {
        let mut incidents: Vec<Incident> = raw.iter().filter_map(|i| self.incident(i.get_ref(), places)).collect();
        incidents.sort_by_key(|i| i.date);
        incidents
    }

    fn incident(&mut self, raw: &RawIncident, places: &Places) -> Option<Incident> {
        let title = self.required(&raw.title, "incident \"title\"", "");
        let context = format!(" (incident {})", quoted(&title));
        let date = self.date(&raw.date, "incident \"date\"");
        if let (Some(range), Some(date)) = (self.range, date)
            && !range.contains(date)
        {
            self.error(
                &raw.date.span(),
                format!(
                    "incident \"date\" {date} is outside the range {}..{}{context}",
                    range.start, range.end
                ),
            );
        }
        let source = self.required(&raw.source, "incident \"source\"", &context);
        let confidence = self.confidence(raw.confidence.as_ref(), &context);
        let disputed = self.disputed(raw.disputed.as_ref(), &context);
        let location = self.incident_location(raw, places, &context);
        Some(Incident {
            date: date?,
            location: location?,
            title,
            detail: raw.detail.clone(),
            source,
            confidence,
            disputed,
        })
    }

    /// A place, or a point: exactly one of the two.
    fn incident_location(&mut self, raw: &RawIncident, places: &Places, context: &str) -> Option<IncidentLocation> {
        match (&raw.place, &raw.lat, &raw.lon) {
            (Some(_), Some(coordinate), _) | (Some(_), None, Some(coordinate)) => {
                self.error(
                    &coordinate.span(),
                    format!(
                        "incident has both \"place\" and coordinates{context}; \
                         give a place id or \"lat\" and \"lon\", not both"
                    ),
                );
                None
            }
            (Some(place), None, None) => self
                .lookup(place, &places.ids, "place", context)
                .map(|i| IncidentLocation::Place(PlaceIdx(i))),
            (None, Some(lat), Some(lon)) => {
                let errors_before = self.errors.len();
                self.lat_lon(lat, lon, "incident", context);
                (self.errors.len() == errors_before).then_some(IncidentLocation::Point {
                    lat: *lat.get_ref(),
                    lon: *lon.get_ref(),
                })
            }
            (None, Some(only), None) | (None, None, Some(only)) => {
                let (given, missing) = if raw.lat.is_some() {
                    ("lat", "lon")
                } else {
                    ("lon", "lat")
                };
                self.error(
                    &only.span(),
                    format!("incident has \"{given}\" but no \"{missing}\"{context}; give both, or a \"place\""),
                );
                None
            }
            (None, None, None) => {
                self.error(
                    &raw.title.span(),
                    format!("incident has no location{context}; give \"place\" (a place id) or \"lat\" and \"lon\""),
                );
                None
            }
        }
    }
}

impl Groups {
    pub(super) fn into_list(self) -> Vec<TroopGroup> {
        self.list
    }
}
