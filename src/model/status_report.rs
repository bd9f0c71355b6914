//! A status report: on a date and a track, each region's and each base's
//! status with its dates and source, the latest troop figures and the
//! incidents around the date. `drawdown status` prints it (text or JSON)
//! and a deck's speaker notes list it, so both say the same thing.

use crate::model::date_format::{iso, parse_iso, short};
use crate::model::number_format::figure_range;
use crate::model::printable::shortened;
use crate::model::sources::{dispute_known_by, sentences_said_by, source_as_of};
use crate::model::{
    Date, Entity, INCIDENT_WINDOW_DAYS, Incident, IncidentLocation, LastReported, Phase, PlaceIdx, PlaceKind,
    RegionIdx, Scenario, TrackIdx,
};

/// `drawdown status --json`: field order is part of the format, and new
/// fields only ever go after the old ones.
#[derive(Debug, serde::Serialize)]
pub struct StatusReport {
    pub date: String,
    pub track: String,
    pub regions: Vec<RegionStatus>,
    /// In the scenario's place order.
    pub bases: Vec<BaseStatus>,
    /// The latest figure of each troop group on or before the date, in the
    /// scenario's group order; a group without one is left out.
    pub troops: Vec<TroopsReport>,
    /// Within [`INCIDENT_WINDOW_DAYS`] of the date (the map's window), by date.
    pub incidents: Vec<IncidentReport>,
}

#[derive(Debug, serde::Serialize)]
pub struct RegionStatus {
    pub id: String,
    pub status: String,
    pub label: String,
    pub color: String,
    pub from: String,
    pub to: Option<String>,
    pub source: String,
    /// Only on a "no report" day; the key is absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_reported: Option<LastReportedStatus>,
}

/// What was on record before a run of "no report" days.
#[derive(Debug, serde::Serialize)]
pub struct LastReportedStatus {
    /// The status id.
    pub status: String,
    /// The last day it held: the day before the record fell silent.
    pub date: String,
}

#[derive(Debug, serde::Serialize)]
pub struct BaseStatus {
    pub id: String,
    pub name: String,
    /// The base's region id; `None` for a base outside every region.
    pub region: Option<String>,
    pub status: String,
    /// The status's label for a base ([`crate::model::Status::label_for`]).
    pub label: String,
    pub color: String,
    /// The period's dates: the region's for a base that follows its region.
    pub from: String,
    pub to: Option<String>,
    pub source: String,
    /// `None` = not stated.
    pub confidence: Option<&'static str>,
    /// The other version where sources disagree.
    pub disputed: Option<String>,
    /// The position is an estimate, not from a source.
    pub approximate: bool,
    /// The base has no periods of its own in this track.
    pub follows_region: bool,
    /// Only on a "no report" day; the key is absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_reported: Option<LastReportedStatus>,
}

#[derive(Debug, serde::Serialize)]
pub struct TroopsReport {
    /// The troop group id.
    #[serde(rename = "where")]
    pub group: String,
    pub low: u32,
    pub high: u32,
    /// The figure's date.
    pub as_of: String,
    pub source: String,
    /// The source's qualifier ("about", "fewer than") and whose troops.
    pub note: String,
    /// `None` = not stated.
    pub confidence: Option<&'static str>,
}

#[derive(Debug, serde::Serialize)]
pub struct IncidentReport {
    pub date: String,
    pub title: String,
    /// The place id; `None` for an incident at a point of its own.
    pub place: Option<String>,
    /// WGS84 degrees.
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub detail: String,
    pub source: String,
    /// `None` = not stated.
    pub confidence: Option<&'static str>,
    /// The other version where sources disagree.
    pub disputed: Option<String>,
}

/// The status report of `track` on `date`, from the whole record: a
/// period's end and sources as the scenario has them today.
pub fn status_report(scenario: &Scenario, track: TrackIdx, date: Date) -> StatusReport {
    report(scenario, track, date, Hindsight::Whole)
}

/// How much of the record a report may use: the one home of the rules a
/// brief's stop follows, for the status rows here and for the milestone
/// and phase a slide's notes tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hindsight {
    /// All of it, whatever its dates.
    Whole,
    /// Only what was on record by this day, for a brief's stop: a period
    /// that ends after the day is open on it (nobody knew yet when it would
    /// end), no source dated after the day is cited (an undated one is
    /// kept: it cannot be shown to be later), a disputed version naming a
    /// later date is left out, and so are the incidents after the day.
    AsKnownOn(Date),
}

impl Hindsight {
    /// The status report of `track` on `date` this much of the record
    /// gives ([`status_report`] for the whole).
    pub fn report(self, scenario: &Scenario, track: TrackIdx, date: Date) -> StatusReport {
        report(scenario, track, date, self)
    }

    /// A milestone's detail: whole, or only its sentences said by the day.
    pub fn detail(self, detail: &str) -> String {
        match self {
            Self::Whole => detail.to_owned(),
            Self::AsKnownOn(day) => sentences_said_by(detail, day),
        }
    }

    /// The source of `phase` on `date`: as the phase gives it that day,
    /// or only its items dated by the day (empty if none is; not even an
    /// account written after the phase).
    pub fn phase_source(self, phase: &Phase, date: Date) -> String {
        match self {
            Self::Whole => phase.source_on(date),
            Self::AsKnownOn(day) => source_as_of(&phase.source, day),
        }
    }

    /// A period's last day as known: `None` (open) if it is after the day.
    fn end(self, to: Option<Date>) -> Option<String> {
        match self {
            Self::Whole => to.map(iso),
            Self::AsKnownOn(day) => to.filter(|&to| to <= day).map(iso),
        }
    }

    /// The items of `source` on record; where every item is later, says so
    /// instead of citing one.
    pub fn source(self, source: &str) -> String {
        match self {
            Self::Whole => source.to_owned(),
            Self::AsKnownOn(day) => source_known_on(source, day),
        }
    }

    /// A disputed version, if it was said by the day.
    pub fn disputed(self, disputed: Option<&String>) -> Option<String> {
        match self {
            Self::Whole => disputed.cloned(),
            Self::AsKnownOn(day) => disputed.filter(|text| dispute_known_by(text, day)).cloned(),
        }
    }
}

/// What a brief's stop on `day` cites of `source`: the items on record by
/// then ([`source_as_of`]); where every item is later, a sentence saying
/// so, never a later source.
pub fn source_known_on(source: &str, day: Date) -> String {
    let kept = source_as_of(source, day);
    if kept.is_empty() && !source.trim().is_empty() {
        format!("none dated by {} (only later reports)", short(day))
    } else {
        kept
    }
}

fn report(scenario: &Scenario, track: TrackIdx, date: Date, hindsight: Hindsight) -> StatusReport {
    let regions = (0..scenario.regions.len())
        .map(RegionIdx)
        .filter_map(|r| region_status(scenario, track, r, date, hindsight))
        .collect();
    let bases = scenario
        .bases()
        .filter_map(|(p, _)| base_status(scenario, track, p, date, hindsight))
        .collect();
    let troops = scenario
        .troops_on(date)
        .filter_map(|(group, figure)| {
            let figure = figure?;
            Some(TroopsReport {
                group: scenario.troop_group(group).id.clone(),
                low: figure.low,
                high: figure.high,
                as_of: iso(figure.date),
                source: hindsight.source(&figure.source),
                note: figure.note.clone(),
                confidence: figure.confidence.map(|c| c.id()),
            })
        })
        .collect();
    let incidents = scenario
        .incidents_near(date, INCIDENT_WINDOW_DAYS)
        .iter()
        .filter(|incident| matches!(hindsight, Hindsight::Whole) || incident.date <= date)
        .map(|incident| incident_report(scenario, incident))
        .collect();
    StatusReport {
        date: iso(date),
        track: scenario.track(track).id.clone(),
        regions,
        bases,
        troops,
        incidents,
    }
}

fn region_status(
    scenario: &Scenario,
    track: TrackIdx,
    r: RegionIdx,
    date: Date,
    hindsight: Hindsight,
) -> Option<RegionStatus> {
    let period = scenario.period_on(track, r, date)?;
    let status = scenario.status(period.status);
    Some(RegionStatus {
        id: scenario.region(r).id.clone(),
        status: status.id.clone(),
        label: status.label.clone(),
        color: status.color.hex(),
        from: iso(period.from),
        to: hindsight.end(period.to),
        source: hindsight.source(&period.source),
        last_reported: last_reported_status(scenario, scenario.last_reported(track, Entity::Region(r), date)),
    })
}

fn base_status(
    scenario: &Scenario,
    track: TrackIdx,
    p: PlaceIdx,
    date: Date,
    hindsight: Hindsight,
) -> Option<BaseStatus> {
    let place = scenario.place(p);
    let period = scenario.base_period_on(track, p, date)?;
    let status = scenario.status(period.status);
    Some(BaseStatus {
        id: place.id.clone(),
        name: place.name.clone(),
        region: place.region.map(|r| scenario.region(r).id.clone()),
        status: status.id.clone(),
        label: status.label_for(PlaceKind::Base).to_owned(),
        color: status.color.hex(),
        from: iso(period.from),
        to: hindsight.end(period.to),
        source: hindsight.source(&period.source),
        confidence: period.confidence.map(|c| c.id()),
        disputed: hindsight.disputed(period.disputed.as_ref()),
        approximate: place.approximate,
        follows_region: scenario.base_follows_region(track, p),
        last_reported: last_reported_status(scenario, scenario.last_reported(track, Entity::Base(p), date)),
    })
}

fn last_reported_status(scenario: &Scenario, last: Option<LastReported<'_>>) -> Option<LastReportedStatus> {
    last.map(|last| LastReportedStatus {
        status: scenario.status(last.status).id.clone(),
        date: iso(last.until),
    })
}

fn incident_report(scenario: &Scenario, incident: &Incident) -> IncidentReport {
    let place = match incident.location {
        IncidentLocation::Place(p) => scenario.places.get(p.0).map(|place| place.id.clone()),
        IncidentLocation::Point { .. } => None,
    };
    let lat_lon = scenario.incident_lat_lon(incident);
    IncidentReport {
        date: iso(incident.date),
        title: incident.title.clone(),
        place,
        lat: lat_lon.map(|(lat, _)| lat),
        lon: lat_lon.map(|(_, lon)| lon),
        detail: incident.detail.clone(),
        source: incident.source.clone(),
        confidence: incident.confidence.map(|c| c.id()),
        disputed: incident.disputed.clone(),
    }
}

/// `text` on one line and of bounded length: the names, labels and
/// sources come from a file, and a line break, a tab, a terminal escape or
/// a bidirectional override in one must not break the listing's one line
/// per item, drive the terminal or reorder the line, so they are shown
/// [escaped](crate::model::printable::escaped) (`\n`, `\u{1b}`); a text
/// longer than [`TEXT_MAX_CHARS`] is cut there with `…` (`--json` keeps
/// it whole).
pub fn one_line(text: &str) -> String {
    shortened(text, TEXT_MAX_CHARS)
}

/// `text` as a sentence: with one full stop at the end, never two
/// ("About 1,500." stays as it is; "Phase 2" gets its stop), so that a
/// note that ends its own sentence reads "About 1,500. Source: …", not
/// "About 1,500.. Source: …".
pub fn sentence(text: &str) -> String {
    let text = text.trim_end();
    if text.ends_with(['.', '!', '?', '…']) {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

/// Sources named once each, in the order first named: each source may
/// list several ("News report, late Sep 2024; public record"), and the
/// same one spelled with another capital ("Public record") is the same
/// source.
pub fn joined_sources<'a>(sources: impl IntoIterator<Item = &'a str>) -> String {
    let mut named: Vec<&str> = Vec::new();
    for part in sources.into_iter().flat_map(crate::model::sources::source_items) {
        if !named.iter().any(|n| n.eq_ignore_ascii_case(part)) {
            named.push(part);
        }
    }
    named.join("; ")
}

/// The most characters of one name, label, source or note a listing
/// shows: far above the shipped scenario's longest source (121).
pub const TEXT_MAX_CHARS: usize = 300;

impl StatusReport {
    /// The report as rows, in reading order: each region with its bases
    /// under it, bases outside every region, then the troop figures. Every
    /// text from the file is made [`one_line`] here. The command line
    /// aligns them in columns; a deck's speaker notes list them.
    pub fn rows(&self, scenario: &Scenario) -> Vec<StatusRow> {
        self.rows_in(scenario, DateStyle::Iso)
    }

    /// [`Self::rows`] with dates as a document writes them: "since 11 Mar
    /// 2026", "27 Sep 2024 – 17 Jan 2026" (a brief's book and notes).
    pub fn prose_rows(&self, scenario: &Scenario) -> Vec<StatusRow> {
        self.rows_in(scenario, DateStyle::Prose)
    }

    fn rows_in(&self, scenario: &Scenario, style: DateStyle) -> Vec<StatusRow> {
        let mut rows = Vec::new();
        for region in &self.regions {
            let name = scenario
                .region_idx(&region.id)
                .map_or(region.id.as_str(), |r| scenario.region(r).name.as_str());
            rows.push(StatusRow {
                heading: None,
                indent: "",
                name: one_line(name),
                label: one_line(&region.label),
                what: match &region.last_reported {
                    Some(last) => no_report_text(&region.from, last, region_label(scenario, &last.status), style),
                    None => dates_text(&region.from, region.to.as_deref(), style),
                },
                source: one_line(&region.source),
            });
            let bases = self.bases.iter().filter(|b| b.region.as_ref() == Some(&region.id));
            rows.extend(bases.map(|base| base_row(scenario, base, None, style)));
        }
        let mut outside = self.bases.iter().filter(|b| b.region.is_none());
        if let Some(first) = outside.next() {
            rows.push(base_row(
                scenario,
                first,
                Some("Bases outside the regions".to_owned()),
                style,
            ));
            rows.extend(outside.map(|base| base_row(scenario, base, None, style)));
        }
        for (i, troops) in self.troops.iter().enumerate() {
            let name = scenario
                .troop_group_idx(&troops.group)
                .map_or(troops.group.as_str(), |g| scenario.troop_group(g).name.as_str());
            let figure = figure_range(troops.low, troops.high);
            rows.push(StatusRow {
                heading: (i == 0).then(|| format!("Troops, latest figure on or before {}", style.day(&self.date))),
                indent: "  ",
                name: one_line(name),
                label: figure,
                what: format!(
                    "as of {}{}: {}",
                    style.day(&troops.as_of),
                    uncertainty(troops.confidence, false),
                    one_line(&troops.note)
                ),
                source: one_line(&troops.source),
            });
        }
        rows
    }
}

/// One row of a status report: `name label what source`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusRow {
    /// A line before this row (a section's title).
    pub heading: Option<String>,
    /// Two spaces for a row under another (a base under its region, a
    /// troop group), else empty.
    pub indent: &'static str,
    pub name: String,
    /// The status's (or the figure's) label.
    pub label: String,
    /// Its dates, or since when nothing was reported, and the uncertainty.
    pub what: String,
    pub source: String,
}

/// How a row writes its dates.
#[derive(Clone, Copy)]
enum DateStyle {
    /// "2025-10-01 – open-ended": the command line's columns.
    Iso,
    /// "since 1 Oct 2025": a document's sentences.
    Prose,
}

impl DateStyle {
    /// A day of the report (ISO, as the report keeps it) in this style.
    fn day(self, iso_day: &str) -> String {
        match (self, parse_iso(iso_day)) {
            (Self::Prose, Ok(day)) => short(day),
            _ => iso_day.to_owned(),
        }
    }
}

/// One base, indented under its region.
fn base_row(scenario: &Scenario, base: &BaseStatus, heading: Option<String>, style: DateStyle) -> StatusRow {
    let what = match &base.last_reported {
        Some(last) => no_report_text(&base.from, last, base_label(scenario, &last.status), style),
        None => {
            dates_text(&base.from, base.to.as_deref(), style) + &uncertainty(base.confidence, base.disputed.is_some())
        }
    };
    StatusRow {
        heading,
        indent: "  ",
        name: one_line(&base.name),
        label: one_line(&base.label),
        what,
        source: one_line(&base.source),
    }
}

/// "2025-10-01 – open-ended"; in prose, "since 1 Oct 2025" or "1 Oct
/// 2025 – 17 Jan 2026".
fn dates_text(from: &str, to: Option<&str>, style: DateStyle) -> String {
    match (style, to) {
        (DateStyle::Iso, to) => format!("{from} – {}", to.unwrap_or("open-ended")),
        (DateStyle::Prose, None) => format!("since {}", style.day(from)),
        (DateStyle::Prose, Some(to)) => format!("{} – {}", style.day(from), style.day(to)),
    }
}

/// " (medium confidence, disputed)", or nothing when neither is on record.
pub fn uncertainty(confidence: Option<&str>, disputed: bool) -> String {
    match (confidence, disputed) {
        (Some(c), true) => format!(" ({c} confidence, disputed)"),
        (Some(c), false) => format!(" ({c} confidence)"),
        (None, true) => " (disputed)".to_owned(),
        (None, false) => String::new(),
    }
}

/// "no report since 2026-03-14 — last reported: Drawing down (until 2026-03-13)".
fn no_report_text(since: &str, last: &LastReportedStatus, last_label: &str, style: DateStyle) -> String {
    format!(
        "no report since {} — last reported: {} (until {})",
        style.day(since),
        one_line(last_label),
        style.day(&last.date)
    )
}

/// A base's label of the status with id `id`; the id if the scenario has
/// no such status.
fn base_label<'a>(scenario: &'a Scenario, id: &'a str) -> &'a str {
    scenario
        .status_idx(id)
        .map_or(id, |s| scenario.status(s).label_for(PlaceKind::Base))
}

/// A region's label of the status with id `id`; the id if the scenario has
/// no such status.
fn region_label<'a>(scenario: &'a Scenario, id: &'a str) -> &'a str {
    scenario
        .status_idx(id)
        .map_or(id, |s| scenario.status(s).label.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_tabs_and_escapes_are_shown_escaped() {
        assert_eq!(one_line("a\nb\r\nc\td\u{1b}[1m"), "a\\nb\\r\\nc\\td\\u{1b}[1m");
        assert_eq!(one_line("a\u{2028}b\u{2029}c\u{85}d"), "a\\u{2028}b\\u{2029}c\\u{85}d");
        assert_eq!(one_line("Ain al-Asad – Anbar"), "Ain al-Asad – Anbar");
        assert_eq!(one_line("a\u{202e}b\u{2066}c"), "a\\u{202e}b\\u{2066}c");
        assert_eq!(one_line(&"x".repeat(10_000)).chars().count(), TEXT_MAX_CHARS + 1);
    }

    #[test]
    fn a_sentence_ends_with_one_full_stop() {
        assert_eq!(sentence("About 1,500."), "About 1,500.");
        assert_eq!(sentence("Phase 2 "), "Phase 2.");
        assert_eq!(sentence("Encoded (December 2024)"), "Encoded (December 2024).");
        assert_eq!(sentence("Gone?"), "Gone?");
    }

    #[test]
    fn sources_are_named_once_whatever_their_capitals() {
        let joined = joined_sources([
            "News report, late Sep 2024; public record",
            "Public record",
            "public record; AP, 21 Oct 2025",
            "",
        ]);
        assert_eq!(joined, "News report, late Sep 2024; public record; AP, 21 Oct 2025");
    }

    #[test]
    fn a_report_as_known_on_a_day_opens_later_ends_and_drops_later_sources_and_disputes() {
        let data = crate::inputs::LoadedInputs::embedded().unwrap();
        let s = &data.scenario;
        let reported = s.track_idx("reported").unwrap();
        let day: Date = "2024-09-27".parse().unwrap();
        let (whole, known) = (
            status_report(s, reported, day),
            Hindsight::AsKnownOn(day).report(s, reported, day),
        );
        let harir = |r: &StatusReport| {
            r.bases
                .iter()
                .find(|b| b.id == "harir_air_base")
                .map(|b| (b.to.clone(), b.disputed.clone()))
        };
        let (Some((whole_to, whole_dispute)), Some((known_to, known_dispute))) = (harir(&whole), harir(&known)) else {
            panic!("Harir is a base of the record")
        };
        assert!(
            whole_to.is_some() && whole_dispute.is_some(),
            "the whole record ends and disputes it"
        );
        assert_eq!(
            (known_to, known_dispute),
            (None, None),
            "an evacuation said to be on 20 Oct 2024 was not on record"
        );
        for base in &known.bases {
            for item in crate::model::sources::source_items(&base.source) {
                assert!(
                    crate::model::sources::source_date(item).is_none_or(|d| d <= day)
                        || base.source.starts_with("none dated by"),
                    "{}: {item}",
                    base.id
                );
            }
        }
        let rows = known.prose_rows(s);
        assert!(rows.iter().any(|r| r.what == "since 27 Sep 2024"), "{rows:#?}");
    }

    #[test]
    fn uncertainty_says_only_what_is_on_record() {
        assert_eq!(uncertainty(None, false), "");
        assert_eq!(uncertainty(Some("low"), false), " (low confidence)");
        assert_eq!(uncertainty(Some("high"), true), " (high confidence, disputed)");
        assert_eq!(uncertainty(None, true), " (disputed)");
    }
}
