//! Which rows the chart has and in what order: a row per region and track
//! (region-major, so that the plan and the record of a region sit next to
//! each other), and in the base group a row per base and track; where each
//! row sits on the plot's y axis; and what the rows say to a screen reader.
//! Pure: the scenario in, rows and text out, so that order and wording are
//! tested without a window.

use crate::model::{Date, Entity, Period, PlaceIdx, PlaceKind, RegionIdx, Scenario, StatusIdx, TrackIdx};

/// What a base row's label adds when the base shows its region's status.
pub const FOLLOWS_REGION_SUFFIX: &str = "(region)";

/// One horizontal band of the chart: a region's periods in one track.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub region: RegionIdx,
    pub track: TrackIdx,
    /// y-axis label, e.g. "Federal Iraq · announced" (region name · track id).
    pub label: String,
    /// The track's periods for the region, in order, as the scenario has them.
    pub spans: Vec<RowSpan>,
}

/// One period of a [`Row`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RowSpan {
    pub from: Date,
    /// Last day, inclusive; `None` = open-ended.
    pub to: Option<Date>,
    pub status: StatusIdx,
}

/// One band of the base group: a base's periods in one track.
#[derive(Clone, Debug, PartialEq)]
pub struct BaseRow {
    pub place: PlaceIdx,
    pub track: TrackIdx,
    /// y-axis label, e.g. "Erbil Air Base · reported", with
    /// [`FOLLOWS_REGION_SUFFIX`] where the base shows its region's status.
    pub label: String,
    /// The base has no periods of its own in this track: the spans are its
    /// region's.
    pub follows_region: bool,
    /// `periods_of(track, Entity::Base(place))`, in order.
    pub spans: Vec<RowSpan>,
}

/// `tracks` without those the scenario does not have, in the order given.
fn known_tracks(scenario: &Scenario, tracks: &[TrackIdx]) -> Vec<TrackIdx> {
    tracks.iter().copied().filter(|t| t.0 < scenario.tracks.len()).collect()
}

/// The chart's rows, top to bottom: for each region, its band in each of
/// `tracks` (region-major, so that plan and report sit next to each other).
/// The longest row label, characters: the label column is as wide as its
/// longest label, and a 200-character name would take half the chart.
pub const ROW_LABEL_MAX_CHARS: usize = 48;

/// A row's label as the chart shows it: escaped and at most
/// [`ROW_LABEL_MAX_CHARS`] characters.
fn row_label(label: &str) -> String {
    crate::model::printable::shortened(label, ROW_LABEL_MAX_CHARS)
}

/// Tracks not in the scenario are skipped.
pub fn rows(scenario: &Scenario, tracks: &[TrackIdx]) -> Vec<Row> {
    let tracks = known_tracks(scenario, tracks);
    let mut rows = Vec::with_capacity(scenario.regions.len() * tracks.len());
    for (r, region) in scenario.regions.iter().enumerate() {
        for &track in &tracks {
            let t = scenario.track(track);
            let spans = t.periods.get(r).map(|periods| spans_of(periods)).unwrap_or_default();
            rows.push(Row {
                region: RegionIdx(r),
                track,
                label: row_label(&format!("{} · {}", region.name, t.id)),
                spans,
            });
        }
    }
    rows
}

/// The base group's rows, top to bottom: for each base (in file order),
/// its band in each of `tracks`. Tracks not in the scenario are skipped.
pub fn base_rows(scenario: &Scenario, tracks: &[TrackIdx]) -> Vec<BaseRow> {
    let tracks = known_tracks(scenario, tracks);
    let mut rows = Vec::new();
    for (place, base) in scenario.bases() {
        for &track in &tracks {
            let follows_region = scenario.base_follows_region(track, place);
            let track_id = &scenario.track(track).id;
            let label = row_label(&if follows_region {
                format!("{} · {track_id} {FOLLOWS_REGION_SUFFIX}", base.name)
            } else {
                format!("{} · {track_id}", base.name)
            });
            rows.push(BaseRow {
                place,
                track,
                label,
                follows_region,
                spans: spans_of(scenario.periods_of(track, Entity::Base(place))),
            });
        }
    }
    rows
}

fn spans_of(periods: &[Period]) -> Vec<RowSpan> {
    periods
        .iter()
        .map(|p| RowSpan {
            from: p.from,
            to: p.to,
            status: p.status,
        })
        .collect()
}

/// What the chart says to a screen reader: the date and each row's status.
pub fn summary(scenario: &Scenario, rows: &[Row], date: Date) -> String {
    let mut text = crate::model::date_format::long(date);
    for row in rows {
        let status = scenario
            .status_on(row.track, row.region, date)
            .map_or("no data", |s| scenario.status(s).label.as_str());
        text.push_str(&format!("; {}: {status}", row.label));
    }
    text
}

/// What the base rows add to [`summary`]: each row's status on `date`, in
/// the bases' wording ("; Erbil Air Base · reported: In use by the
/// coalition").
pub fn base_summary(scenario: &Scenario, rows: &[BaseRow], date: Date) -> String {
    let mut text = String::new();
    for row in rows {
        let status = scenario
            .base_status_on(row.track, row.place, date)
            .map_or("no data", |s| scenario.status(s).label_for(PlaceKind::Base));
        text.push_str(&format!("; {}: {status}", row.label));
    }
    text
}

/// Plot y of row `i` of `n` (row 0 on top, one unit per row).
pub(super) fn row_y(n: usize, i: usize) -> f64 {
    #[expect(clippy::cast_precision_loss, reason = "a handful of rows")]
    let y = n.saturating_sub(1 + i) as f64;
    y
}

/// The row whose band area (its pitch, gap included) contains plot y `y`.
pub(super) fn row_at_y(n: usize, y: f64) -> Option<usize> {
    let rounded = y.round();
    #[expect(clippy::cast_precision_loss, reason = "a handful of rows")]
    let in_range = rounded >= 0.0 && rounded < n as f64;
    if !in_range {
        return None;
    }
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "checked range")]
    let from_bottom = rounded as usize;
    Some(n - 1 - from_bottom)
}

/// The top of the plot's y range for `n` rows: half a pitch above the top
/// row (the bottom is always -0.5), and one row's room when there are none.
pub(super) fn rows_y_max(n: usize) -> f64 {
    #[expect(clippy::cast_precision_loss, reason = "a handful of rows")]
    let y = n.max(1) as f64 - 0.5;
    y
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_200_character_track_id_does_not_widen_the_row_labels() {
        let long_id = "r".repeat(200);
        let text = crate::load::scenario::DEFAULT_SCENARIO_TOML.replace("\"reported\"", &format!("\"{long_id}\""));
        let scenario = crate::load::scenario::parse_scenario(&text, "long.toml").unwrap();
        let tracks: Vec<TrackIdx> = (0..scenario.tracks.len()).map(TrackIdx).collect();
        let labels: Vec<String> = rows(&scenario, &tracks)
            .into_iter()
            .map(|r| r.label)
            .chain(base_rows(&scenario, &tracks).into_iter().map(|r| r.label))
            .collect();
        assert!(
            labels.iter().any(|l| l.starts_with("Syria · rrrr") && l.ends_with('…')),
            "{labels:?}"
        );
        assert!(
            labels.iter().all(|l| l.chars().count() <= ROW_LABEL_MAX_CHARS + 1),
            "{labels:?}"
        );
    }

    use super::*;
    use crate::load::scenario::{DEFAULT_SCENARIO_NAME, DEFAULT_SCENARIO_TOML, parse_scenario};

    #[test]
    fn each_row_is_found_again_anywhere_within_its_pitch_and_row_zero_is_on_top() {
        for n in [1, 3, 7] {
            for i in 0..n {
                let y = row_y(n, i);
                for dy in [-0.49, 0.0, 0.36, 0.49] {
                    assert_eq!(row_at_y(n, y + dy), Some(i), "row {i} of {n} at {dy}");
                }
                assert!(y < rows_y_max(n) && y > -0.5);
            }
            assert_eq!(row_y(n, n - 1), 0.0, "the last row is at the bottom");
            assert!(
                (1..n).all(|i| row_y(n, i - 1) == row_y(n, i) + 1.0),
                "one unit apart, row 0 highest"
            );
            assert_eq!(row_at_y(n, -0.6), None, "below the bottom row");
            assert_eq!(row_at_y(n, rows_y_max(n) + 0.1), None, "above the top row");
        }
        assert_eq!(row_at_y(0, 0.0), None, "no rows, no row");
        assert_eq!(row_at_y(3, f64::NAN), None);
        assert_eq!(rows_y_max(0), 0.5, "an empty plot keeps one row's room");
    }

    #[test]
    fn rows_follow_the_order_of_the_tracks_asked_within_each_region() {
        let s = parse_scenario(DEFAULT_SCENARIO_TOML, DEFAULT_SCENARIO_NAME).unwrap();
        let announced = s.track_idx("announced").unwrap();
        let reported = s.track_idx("reported").unwrap();
        let rows = rows(&s, &[reported, TrackIdx(99), announced]);
        let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Federal Iraq · reported",
                "Federal Iraq · announced",
                "Kurdistan Region · reported",
                "Kurdistan Region · announced",
                "Syria · reported",
                "Syria · announced",
            ]
        );
        let base_rows = base_rows(&s, &[reported, announced]);
        assert_eq!(base_rows[0].place, base_rows[1].place, "a base's tracks side by side");
        assert_eq!((base_rows[0].track, base_rows[1].track), (reported, announced));
    }
}
