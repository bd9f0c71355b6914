//! Scenario TOML → [`Scenario`], validated.
//!
//! The scenario file is edited by hand by briefers, so the loader's job is
//! mostly to say precisely what is wrong: every value is read with its span
//! ([`toml::Spanned`]), and every problem becomes an [`InputError`] at the
//! line and column of the offending value, naming the value and what was
//! expected. All problems are collected and reported in file order, so one
//! run lists everything to fix.
//!
//! The format (see `assets/scenario.toml` for a commented example):
//!
//! ```toml
//! title = "..."
//! default_track = "reported"  # optional: the track shown unless one is chosen (else the first)
//! compare = ["announced", "reported"]  # optional: the pair compared, left | right (else the first two)
//! opening_date = "today"      # optional: "today" (the default) or a day of the range
//! [range]
//! start = 2014-08-01          # TOML local dates, or strings "2014-08-01"
//! end = 2027-06-30
//! [[statuses]]                # id, label, description, color = "#rrggbb",
//!                             #   base_label (optional: the label on a base marker)
//! [[regions]]                 # id, name
//! [[tracks]]                  # id, name, description,
//!                             #   record = "track" | "entity" (optional: a track of reports)
//! [[tracks.phases]]           # from, to (optional = open), title, source
//! [[tracks.periods]]          # region, from, to (optional = open), status, note, source,
//!                             #   confidence, disputed (both optional),
//!                             #   reported, unknown_after (both optional, record tracks only)
//! [[tracks.base_periods]]     # base (a place id), then as tracks.periods
//! [[milestones]]              # date, title, detail, source, track, confidence, disputed
//!                             #   (the last three optional)
//! [[places]]                  # id, name, kind = "base" | "city", lat, lon, region (optional),
//!                             #   approximate = true (optional), note (optional)
//! [[troop_groups]]            # id, name, regions = ["region id", ...]
//! [[troops]]                  # where = "group id", date, low, high, source, note, confidence
//! [[incidents]]               # date, place = "place id" OR lat + lon, title, detail, source,
//!                             #   confidence, disputed
//! ```
//!
//! Dates are inclusive at both ends. For each track, each region's periods
//! must be sorted, leave no gap, not overlap and start on or before the
//! range's start; a plan's (a track without `record`) also cover the whole
//! range. Phases must be sorted and must not overlap (gaps are allowed). A
//! base with periods in a track obeys the region rules there; a base
//! without follows its region.
//!
//! A record track never writes where its record ends: its record end is
//! its latest report date (a period's `reported`, else its `to`, else its
//! `from`; its own milestones' dates), and [`Scenario::close_records`]
//! derives from it the no-report span after each entity's last period and
//! the "No report after …" phase. A `reported` date lies on or after its
//! period's `from` and inside the range; only the last period of an entity
//! may be open, or say `unknown_after`; no phase reaches past the record
//! end; and the scenario has the `no_report` status. `confidence` is `"high"`, `"medium"` or `"low"`;
//! left out, none is stated (not "high": see [`Confidence`]).

use std::collections::HashMap;
use std::ops::Range;

use serde::Deserialize;
use toml::{Spanned, Value};

use super::error::{InputError, InputErrors, Locator, located_toml_error, scenario_value_message};
use super::file::{read_text_file, size_message};
use crate::model::printable::shown_path;
use crate::model::printable::{foreign_message, is_format, is_unprintable, quoted, quoted_list};
use crate::model::{
    Confidence, Date, DateRange, Milestone, Period, Phase, Place, PlaceKind, RecordCoverage, Region, RegionIdx, Rgb,
    Scenario, Status, Track, TrackIdx,
};
use periods::period_fields;

mod bases;
mod coverage;
mod header;
pub mod limits;
mod periods;
mod record;

/// Scenario files larger than this are refused before they are read:
/// parsing takes about 30× the file's size in memory, and the shipped
/// scenario is 62 KiB. Together with the table caps ([`limits`]) this
/// bounds what a scenario can cost.
pub const MAX_SCENARIO_BYTES: u64 = 16 * 1024 * 1024;

/// The shipped scenario, compiled in so the app starts without any file.
pub const DEFAULT_SCENARIO_TOML: &str = include_str!("../../assets/scenario.toml");

/// How messages name the embedded scenario.
pub const DEFAULT_SCENARIO_NAME: &str = "<embedded scenario.toml>";

/// Parses and validates a scenario. `file` is the name used in messages.
///
/// A TOML syntax or shape error (missing field, wrong type, unknown field)
/// stops parsing and is reported alone; otherwise all validation errors are
/// returned together, in file order.
pub fn parse_scenario(text: &str, file: &str) -> Result<Scenario, InputErrors> {
    let only_comments = text.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#')
    });
    if only_comments {
        let what = if text.trim().is_empty() {
            "file is empty"
        } else {
            "file has only comments"
        };
        return Err(InputError::new(
            file,
            None,
            format!("{what}, expected a scenario TOML (title, [range], statuses, regions, tracks)"),
        )
        .into());
    }
    if text.len() as u64 > MAX_SCENARIO_BYTES {
        return Err(InputError::new(
            file,
            None,
            size_message(text.len() as u64, MAX_SCENARIO_BYTES, "scenarios"),
        )
        .into());
    }
    let raw: RawScenario = toml::from_str(text).map_err(|e| InputErrors::one(syntax_error(&e, text, file)))?;
    let over_caps = limits::over_caps(&raw);
    if !over_caps.is_empty() {
        // Reported alone: validating a table that is too large would cost
        // the time and memory the caps are there to bound.
        let mut locator = Locator::new(text);
        return Err(InputErrors(
            over_caps
                .into_iter()
                .map(|(offset, message)| InputError::new(file, Some(locator.locate(offset)), message))
                .collect(),
        ));
    }
    let mut checker = Checker::new(text);
    let scenario = checker.scenario(raw);
    if checker.errors.is_empty() {
        Ok(scenario)
    } else {
        // Stable: errors at the same place keep the order they were found in.
        checker.errors.sort_by_key(|(offset, _)| *offset);
        // One pass over the text for all errors, not one per error.
        let mut locator = Locator::new(text);
        Err(InputErrors(
            checker
                .errors
                .into_iter()
                .map(|(offset, message)| InputError::new(file, Some(locator.locate(offset)), message))
                .collect(),
        ))
    }
}

/// Reads and parses a scenario file; messages name `path` as given.
pub fn load_scenario_file(path: &std::path::Path) -> Result<Scenario, InputErrors> {
    let text = read_text_file(path, MAX_SCENARIO_BYTES, "scenarios")?;
    parse_scenario(&text, &shown_path(&path).to_string())
}

/// The embedded default scenario (`assets/scenario.toml`).
pub fn default_scenario() -> Result<Scenario, InputErrors> {
    parse_scenario(DEFAULT_SCENARIO_TOML, DEFAULT_SCENARIO_NAME)
}

/// A TOML syntax or shape error, at its span, quoting the offending text
/// when it is short enough to read in one line.
fn syntax_error(error: &toml::de::Error, text: &str, file: &str) -> InputError {
    // toml's message may quote the input itself (an unknown key).
    let message = error
        .span()
        .and_then(|s| scenario_value_message(error.message().trim(), text, s.start))
        .unwrap_or_else(|| foreign_message(error.message().trim()));
    located_toml_error(error, text, file, message)
}

// ---------------------------------------------------------------------------
// The file as written: every value keeps its span.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    title: Spanned<String>,
    #[serde(default)]
    default_track: Option<Spanned<String>>,
    #[serde(default)]
    compare: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    opening_date: Option<Spanned<Value>>,
    range: Spanned<RawRange>,
    statuses: Spanned<Vec<Spanned<RawStatus>>>,
    regions: Spanned<Vec<Spanned<RawRegion>>>,
    tracks: Spanned<Vec<Spanned<RawTrack>>>,
    #[serde(default)]
    milestones: Vec<Spanned<RawMilestone>>,
    #[serde(default)]
    places: Vec<Spanned<RawPlace>>,
    #[serde(default)]
    troop_groups: Vec<Spanned<record::RawTroopGroup>>,
    #[serde(default)]
    troops: Vec<Spanned<record::RawTroop>>,
    #[serde(default)]
    incidents: Vec<Spanned<record::RawIncident>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRange {
    start: Spanned<Value>,
    end: Spanned<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStatus {
    id: Spanned<String>,
    label: Spanned<String>,
    #[serde(default)]
    description: String,
    color: Spanned<String>,
    #[serde(default)]
    base_label: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRegion {
    id: Spanned<String>,
    name: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTrack {
    id: Spanned<String>,
    name: Spanned<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    record: Option<Spanned<String>>,
    #[serde(default)]
    phases: Vec<Spanned<RawPhase>>,
    #[serde(default)]
    periods: Vec<Spanned<RawPeriod>>,
    #[serde(default)]
    base_periods: Vec<Spanned<bases::RawBasePeriod>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPhase {
    from: Spanned<Value>,
    #[serde(default)]
    to: Option<Spanned<Value>>,
    title: Spanned<String>,
    source: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPeriod {
    region: Spanned<String>,
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMilestone {
    date: Spanned<Value>,
    title: Spanned<String>,
    #[serde(default)]
    detail: String,
    source: Spanned<String>,
    #[serde(default)]
    track: Option<Spanned<String>>,
    #[serde(default)]
    confidence: Option<Spanned<String>>,
    #[serde(default)]
    disputed: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlace {
    id: Spanned<String>,
    name: Spanned<String>,
    kind: Spanned<String>,
    lat: Spanned<f64>,
    lon: Spanned<f64>,
    #[serde(default)]
    region: Option<Spanned<String>>,
    #[serde(default)]
    approximate: bool,
    #[serde(default)]
    note: String,
}

// ---------------------------------------------------------------------------
// Validation.

/// A dated interval as written, for the ordering checks shared by periods
/// and phases.
struct Interval {
    from: Date,
    to: Option<Date>,
    from_span: Range<usize>,
    to_span: Option<Range<usize>>,
    /// Where a period's `unknown_after` is written (only the last period
    /// may have one).
    unknown_after_span: Option<Range<usize>>,
}

/// Whether a sequence must tile the range (a plan's periods), may stop
/// short of its end (a record track's periods: the rest is "no report"),
/// or may leave gaps (phases).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sequence {
    Periods,
    RecordPeriods,
    Phases,
}

impl Sequence {
    fn noun(self) -> &'static str {
        match self {
            Self::Periods | Self::RecordPeriods => "period",
            Self::Phases => "phase",
        }
    }

    /// Whether the items must follow one another without gaps.
    fn gap_free(self) -> bool {
        matches!(self, Self::Periods | Self::RecordPeriods)
    }
}

/// The most track–region pairs a scenario may have (the model keeps a
/// period list for each): far above any briefing, far below what would
/// exhaust memory.
pub const MAX_TRACK_REGION_PAIRS: usize = 100_000;

/// Ids in file order (position = index), with each id's first position
/// for lookups in constant time.
struct Ids {
    list: Vec<String>,
    index: HashMap<String, usize>,
}

impl Ids {
    fn new(list: Vec<String>) -> Self {
        let mut index = HashMap::with_capacity(list.len());
        for (i, id) in list.iter().enumerate() {
            index.entry(id.clone()).or_insert(i);
        }
        Self { list, index }
    }

    fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }
}

/// Collects errors as (byte offset, message) while building the model.
/// The model built alongside is only returned when no error was found, so
/// placeholders for bad values never escape.
struct Checker<'a> {
    text: &'a str,
    errors: Vec<(usize, String)>,
    /// `None` when the range itself is invalid: range checks are skipped
    /// rather than reported against a meaningless range.
    range: Option<DateRange>,
    /// Byte offsets of line starts, for [`Self::line_of`].
    line_starts: Option<Vec<usize>>,
}

impl<'a> Checker<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            errors: Vec::new(),
            range: None,
            line_starts: None,
        }
    }

    fn error(&mut self, span: &Range<usize>, message: impl Into<String>) {
        self.errors.push((span.start, message.into()));
    }

    /// The 1-based line of a span's start. The line starts are indexed on
    /// first use, so that a file with many duplicate ids stays linear.
    fn line_of(&mut self, span: &Range<usize>) -> usize {
        let text = self.text;
        let starts = self.line_starts.get_or_insert_with(|| {
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        starts.partition_point(|&start| start <= span.start)
    }

    /// The string, or an error if it is empty or blank. `context` (empty
    /// or starting with a space) says whose value it is.
    fn required(&mut self, value: &Spanned<String>, what: &str, context: &str) -> String {
        if value.get_ref().trim().is_empty() {
            let hint = if what.ends_with("\"source\"") {
                "every period, phase and milestone must name its source"
            } else {
                "a value is required"
            };
            self.error(&value.span(), format!("{what} is empty{context}; {hint}"));
        }
        value.get_ref().clone()
    }

    fn scenario(&mut self, raw: RawScenario) -> Scenario {
        let title = self.required(&raw.title, "scenario \"title\"", "");
        let range = self.range(&raw.range);
        let statuses = self.statuses(&raw.statuses);
        let regions = self.regions(&raw.regions);
        let status_ids = Ids::new(statuses.iter().map(|s| s.id.clone()).collect());
        let region_ids = Ids::new(regions.iter().map(|r| r.id.clone()).collect());
        let track_ids = Ids::new(self.unique_ids(
            raw.tracks.get_ref().iter().map(|t| &t.get_ref().id),
            ("track", "tracks"),
            &raw.tracks.span(),
        ));
        let (places, unknown_kind) = self.places(&raw.places, &region_ids);
        let places = bases::Places::new(places, unknown_kind);
        // Every track keeps a list of periods per region: bound the product
        // so that a small file cannot ask for gigabytes.
        let pairs = track_ids.list.len().saturating_mul(region_ids.list.len());
        let tracks = if pairs > MAX_TRACK_REGION_PAIRS {
            self.error(
                &raw.tracks.span(),
                format!(
                    "{} tracks × {} regions is {pairs} track–region pairs, more than the {MAX_TRACK_REGION_PAIRS} \
                     drawdown handles",
                    track_ids.list.len(),
                    region_ids.list.len()
                ),
            );
            Vec::new()
        } else {
            let mut tracks = Vec::with_capacity(track_ids.list.len());
            for t in raw.tracks.get_ref() {
                let mut track = self.track(t.get_ref(), &status_ids, &region_ids);
                track.base_periods = self.base_periods(
                    t.get_ref(),
                    &track.id,
                    (&status_ids, track.record),
                    &places,
                    tracks.len(),
                );
                tracks.push(track);
            }
            tracks
        };
        let mut milestones: Vec<Milestone> = raw
            .milestones
            .iter()
            .filter_map(|m| self.milestone(m.get_ref(), &track_ids))
            .collect();
        // Stable: milestones on one day keep their file order.
        milestones.sort_by_key(|m| m.date);
        let troop_groups = self.troop_groups(&raw.troop_groups, &region_ids);
        let troops = self.troops(&raw.troops, &troop_groups);
        let incidents = self.incidents(&raw.incidents, &places);
        let default_track = self.default_track(raw.default_track.as_ref(), &track_ids);
        let compare = self.compare(raw.compare.as_ref(), &track_ids);
        let opening = self.opening(raw.opening_date.as_ref());
        self.records(&raw.tracks, &tracks, &milestones, &status_ids);
        let mut scenario = Scenario {
            title,
            range: range.unwrap_or(DateRange {
                start: Date::MIN,
                end: Date::MIN,
            }),
            statuses,
            regions,
            tracks,
            milestones,
            places: places.list,
            troop_groups: troop_groups.into_list(),
            troops,
            incidents,
            default_track,
            compare,
            opening,
        };
        if self.errors.is_empty() {
            scenario.close_records();
        }
        scenario
    }

    fn range(&mut self, raw: &Spanned<RawRange>) -> Option<DateRange> {
        let raw = raw.get_ref();
        let start = self.date(&raw.start, "range \"start\"");
        let end = self.date(&raw.end, "range \"end\"");
        let (start, end) = (start?, end?);
        if start > end {
            self.error(
                &raw.start.span(),
                format!("range \"start\" {start} is after its \"end\" {end}; expected start <= end"),
            );
            return None;
        }
        self.range = Some(DateRange { start, end });
        self.range
    }

    /// A date written as a TOML local date (`2024-09-27`) or a string
    /// (`"2024-09-27"`). `what` names the field in messages.
    fn date(&mut self, value: &Spanned<Value>, what: &str) -> Option<Date> {
        const EXPECTED: &str = "expected a date like 2024-09-27";
        let message = match value.get_ref() {
            Value::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => {
                    match Date::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day)) {
                        Some(date) => return Some(date),
                        None => format!("{what} {dt} is not a calendar date; {EXPECTED}"),
                    }
                }
                (Some(_), _, _) => {
                    format!("{what} is the date-time {dt}; {EXPECTED} (no time of day)")
                }
                (None, _, _) => format!("{what} is the time {dt}; {EXPECTED}"),
            },
            Value::String(s) => match parse_date_string(s) {
                Ok(date) => return Some(date),
                Err(DateStringError::NoSuchDay) => {
                    format!("{what} {} is not a calendar date (no such day); {EXPECTED}", quoted(s))
                }
                Err(DateStringError::Shape) => format!("{what} {} is not a date; {EXPECTED}", quoted(s)),
            },
            other => format!("{what} is the {} {other}; {EXPECTED}", other.type_str()),
        };
        self.error(&value.span(), message);
        None
    }

    /// Checks ids for emptiness, unprintable characters and duplicates;
    /// returns them in order (so that position = index). `all` is the
    /// array's span, for "none given".
    fn unique_ids<'s>(
        &mut self,
        ids: impl Iterator<Item = &'s Spanned<String>>,
        (kind, plural): (&str, &str),
        all: &Range<usize>,
    ) -> Vec<String> {
        let mut seen: Vec<String> = Vec::new();
        // First definition of each id: a file with thousands of ids stays
        // linear, not quadratic.
        let mut first: HashMap<String, Range<usize>> = HashMap::new();
        for id in ids {
            let text = self.required(id, &format!("{kind} \"id\""), "");
            self.plain_id(id, kind);
            if let Some(first) = first.get(&text) {
                let line = self.line_of(first);
                self.error(
                    &id.span(),
                    format!(
                        "duplicate {kind} id {} (first defined on line {line}); ids must be unique",
                        quoted(&text)
                    ),
                );
            } else {
                first.insert(text.clone(), id.span());
            }
            seen.push(text);
        }
        if seen.is_empty() {
            self.error(all, format!("no {plural}; at least one is needed"));
        }
        seen
    }

    /// An id is matched, listed and printed: a control character (an
    /// escape, a line break), a bidirectional control or a format
    /// character (a zero-width space) in one is refused, as it would be
    /// invisible or reorder the text around it: "sy\u{200b}ria" prints
    /// exactly like "syria".
    fn plain_id(&mut self, id: &Spanned<String>, kind: &str) {
        let Some(c) = id.get_ref().chars().find(|&c| is_unprintable(c) || is_format(c)) else {
            return;
        };
        let what = if c.is_control() {
            "control character"
        } else if is_unprintable(c) {
            "bidirectional or separator character"
        } else {
            "invisible format character"
        };
        self.error(
            &id.span(),
            format!(
                "{kind} \"id\" {} contains the {what} {}; ids are plain text",
                quoted(id.get_ref()),
                c.escape_unicode()
            ),
        );
    }

    fn statuses(&mut self, raw: &Spanned<Vec<Spanned<RawStatus>>>) -> Vec<Status> {
        let ids = self.unique_ids(
            raw.get_ref().iter().map(|s| &s.get_ref().id),
            ("status", "statuses"),
            &raw.span(),
        );
        raw.get_ref()
            .iter()
            .zip(ids)
            .map(|(s, id)| {
                let s = s.get_ref();
                let label = self.required(&s.label, &format!("status {}: \"label\"", quoted(&id)), "");
                let color = Rgb::from_hex(s.color.get_ref()).unwrap_or_else(|| {
                    self.error(
                        &s.color.span(),
                        format!(
                            "status {}: color {} is not a colour; expected \"#rrggbb\" (six hex digits)",
                            quoted(&id),
                            quoted(s.color.get_ref())
                        ),
                    );
                    Rgb { r: 0, g: 0, b: 0 }
                });
                let base_label = s
                    .base_label
                    .as_ref()
                    .map(|l| self.required(l, &format!("status {}: \"base_label\"", quoted(&id)), ""));
                Status {
                    id,
                    label,
                    description: s.description.clone(),
                    color,
                    base_label,
                }
            })
            .collect()
    }

    fn regions(&mut self, raw: &Spanned<Vec<Spanned<RawRegion>>>) -> Vec<Region> {
        let ids = self.unique_ids(
            raw.get_ref().iter().map(|r| &r.get_ref().id),
            ("region", "regions"),
            &raw.span(),
        );
        raw.get_ref()
            .iter()
            .zip(ids)
            .map(|(r, id)| {
                let name = self.required(&r.get_ref().name, &format!("region {}: \"name\"", quoted(&id)), "");
                Region { id, name }
            })
            .collect()
    }

    /// The index of `key` among `known`, or an error listing the known ids.
    fn lookup(&mut self, key: &Spanned<String>, known: &Ids, kind: &str, context: &str) -> Option<usize> {
        let position = known.position(key.get_ref());
        if position.is_none() && known.list.is_empty() {
            self.error(
                &key.span(),
                format!(
                    "unknown {kind} {}{context}; the scenario defines no {kind} at all",
                    quoted(key.get_ref())
                ),
            );
        } else if position.is_none() {
            let list = quoted_list(known.list.iter().map(String::as_str), known.index.len());
            self.error(
                &key.span(),
                format!(
                    "unknown {kind} {}{context}; expected one of: {list}",
                    quoted(key.get_ref())
                ),
            );
        }
        position
    }

    fn track(&mut self, raw: &RawTrack, status_ids: &Ids, region_ids: &Ids) -> Track {
        let id = raw.id.get_ref().clone();
        let name = self.required(&raw.name, &format!("track {}: \"name\"", quoted(&id)), "");
        let record = self.record(raw.record.as_ref(), &id);

        let mut phases = Vec::new();
        let mut phase_spans = Vec::new();
        let mut phases_complete = true;
        for p in &raw.phases {
            let p = p.get_ref();
            let context = format!(" (track {})", quoted(&id));
            let title = self.required(&p.title, "phase \"title\"", &context);
            let source = self.required(&p.source, "phase \"source\"", &context);
            let (from, to) = (
                self.date(&p.from, "phase \"from\""),
                self.optional_date(p.to.as_ref(), "phase \"to\""),
            );
            let (Some(from), Some(to)) = (from, to) else {
                phases_complete = false;
                continue;
            };
            if let Some(range) = self.range
                && !range.contains(from)
            {
                self.error(
                    &p.from.span(),
                    format!(
                        "phase \"from\" {from} is outside the range {}..{}{context}",
                        range.start, range.end
                    ),
                );
            }
            phase_spans.push(Interval {
                from,
                to,
                from_span: p.from.span(),
                to_span: p.to.as_ref().map(Spanned::span),
                unknown_after_span: None,
            });
            phases.push(Phase {
                from,
                to,
                title,
                source,
            });
        }
        if phases_complete {
            self.sequence(&phase_spans, Sequence::Phases, &format!("track {}", quoted(&id)));
        }

        let periods = self.periods(raw, &id, (status_ids, record), region_ids);
        Track {
            id,
            name,
            description: raw.description.clone(),
            record,
            record_end: None,
            periods,
            phases,
            base_periods: Vec::new(),
        }
    }

    /// An optional `to`: `Some(None)` when absent (open), `None` when invalid.
    fn optional_date(&mut self, value: Option<&Spanned<Value>>, what: &str) -> Option<Option<Date>> {
        match value {
            None => Some(None),
            Some(v) => self.date(v, what).map(Some),
        }
    }

    /// Each region's periods, in file order, checked for order, gaps,
    /// overlaps and coverage of the range.
    fn periods(
        &mut self,
        raw: &RawTrack,
        track: &str,
        (status_ids, record): (&Ids, Option<RecordCoverage>),
        region_ids: &Ids,
    ) -> Vec<Vec<Period>> {
        let region_count = region_ids.list.len();
        let mut lists = periods::PeriodLists::new(region_count);
        for p in &raw.periods {
            let p = p.get_ref();
            let region = self.lookup(&p.region, region_ids, "region", &format!(" (track {})", quoted(track)));
            let context = format!(" (track {}, region {})", quoted(track), quoted(p.region.get_ref()));
            self.read_period(&mut lists, region, period_fields!(p), (status_ids, record), &context);
        }
        for region in 0..region_count {
            let region_id = region_ids.list.get(region).map_or("", String::as_str);
            // A duplicate region id is reported already; its periods went
            // to the first region of that id.
            let duplicate = region_ids.position(region_id) != Some(region);
            if lists.is_empty(region) {
                if lists.is_complete(region) && !lists.any_unknown_owner() && !duplicate {
                    let range = self.range_text();
                    self.error(
                        &raw.id.span(),
                        format!(
                            "track {} has no periods for region {}; every region needs periods covering {range}",
                            quoted(track),
                            quoted(region_id)
                        ),
                    );
                }
                continue;
            }
            self.check_period_sequence(&lists, (region, record.is_some()), || {
                format!("track {}, region {}", quoted(track), quoted(region_id))
            });
        }
        lists.into_periods()
    }

    fn range_text(&self) -> String {
        self.range.map_or_else(
            || "the range".to_owned(),
            |r| format!("the range {}..{}", r.start, r.end),
        )
    }

    /// Order, overlap, gap and coverage checks for one run of periods or
    /// phases, in file order. `context` names the track (and region).
    fn sequence(&mut self, items: &[Interval], kind: Sequence, context: &str) {
        let noun = kind.noun();
        // Items whose own `to` is before their `from` are left out of the
        // pairwise checks, which would only repeat the problem.
        let mut valid = Vec::with_capacity(items.len());
        for item in items {
            let ok = match (item.to, &item.to_span) {
                (Some(to), Some(span)) if to < item.from => {
                    self.error(
                        span,
                        format!("{noun} \"to\" {to} is before \"from\" {} ({context})", item.from),
                    );
                    false
                }
                _ => true,
            };
            valid.push(ok);
        }
        let mut sorted = true;
        for (i, pair) in items.windows(2).enumerate() {
            let [prev, cur] = pair else { continue };
            if valid.get(i) != Some(&true) || valid.get(i + 1) != Some(&true) {
                continue;
            }
            sorted &= self.pair(prev, cur, kind, context);
        }
        // Coverage of an unsorted list would be judged on the wrong first
        // and last periods: sort first, then see.
        if kind.gap_free() && sorted {
            self.periods_in_range(items, &valid, kind == Sequence::Periods, context);
        }
    }

    /// Checks two neighbours; `false` if they are out of order.
    fn pair(&mut self, prev: &Interval, cur: &Interval, kind: Sequence, context: &str) -> bool {
        let noun = kind.noun();
        if cur.from < prev.from {
            self.error(
                &cur.from_span,
                format!(
                    "{noun}s are not sorted: \"from\" {} comes after a {noun} from {} ({context}); \
                     list {noun}s in date order",
                    cur.from, prev.from
                ),
            );
            return false;
        }
        let Some(prev_to) = prev.to else {
            self.error(
                &prev.from_span,
                format!(
                    "{noun} from {} has no \"to\" (open-ended) but is not the last {noun} ({context}); \
                     only the last {noun} may leave \"to\" out",
                    prev.from
                ),
            );
            return true;
        };
        if cur.from <= prev_to {
            let next_day = prev_to
                .succ_opt()
                .map_or_else(String::new, |d| format!("; it should start on {d}"));
            self.error(
                &cur.from_span,
                format!(
                    "{noun} from {} overlaps the previous {noun} {}..{prev_to} ({context}){next_day}",
                    cur.from, prev.from
                ),
            );
        } else if kind.gap_free()
            // A period starting after the range end is reported as such;
            // the "gap" up to it would only repeat the problem.
            && self.range.is_none_or(|range| cur.from <= range.end)
            && let (Some(gap_start), Some(gap_end)) = (prev_to.succ_opt(), cur.from.pred_opt())
            && gap_start <= gap_end
        {
            self.error(
                &cur.from_span,
                format!(
                    "gap {gap_start}..{gap_end} between periods {}..{prev_to} and {}..{} ({context}); \
                     every day needs a status",
                    prev.from,
                    cur.from,
                    cur.to.map_or_else(String::new, |d| d.to_string())
                ),
            );
        }
        true
    }

    /// Coverage of the range and `from` dates inside it (only the first
    /// period may start before the range). `to_the_end`: the last period
    /// must reach the range's end (a plan's; a record track's may stop
    /// short, the rest being "no report").
    /// `valid[i]` is false for an item whose `to` is before its `from`
    /// (reported already, so not judged again as the last period).
    fn periods_in_range(&mut self, items: &[Interval], valid: &[bool], to_the_end: bool, context: &str) {
        let Some(range) = self.range else { return };
        if let Some(first) = items.first()
            && first.from > range.start
        {
            self.error(
                &first.from_span,
                format!(
                    "first period starts {}, after the range start {} ({context}); \
                     the first period must start on or before {}",
                    first.from, range.start, range.start
                ),
            );
        }
        for item in items.iter().skip(1) {
            if !range.contains(item.from) {
                let why = if item.from < range.start {
                    "; only the first period may start before the range"
                } else {
                    ""
                };
                self.error(
                    &item.from_span,
                    format!(
                        "period \"from\" {} is outside the range {}..{} ({context}){why}",
                        item.from, range.start, range.end
                    ),
                );
            }
        }
        if let Some(last) = items.last()
            && to_the_end
            && valid.last() == Some(&true)
            && let (Some(to), Some(span)) = (last.to, &last.to_span)
            && to < range.end
        {
            self.error(
                span,
                format!(
                    "last period ends {to}, before the range end {} ({context}); \
                     leave \"to\" out (open-ended) or end on {} or later",
                    range.end, range.end
                ),
            );
        }
    }

    fn milestone(&mut self, raw: &RawMilestone, track_ids: &Ids) -> Option<Milestone> {
        let title = self.required(&raw.title, "milestone \"title\"", "");
        let context = format!(" (milestone {})", quoted(&title));
        let date = self.date(&raw.date, "milestone \"date\"");
        if let (Some(range), Some(date)) = (self.range, date)
            && !range.contains(date)
        {
            self.error(
                &raw.date.span(),
                format!(
                    "milestone \"date\" {date} is outside the range {}..{}{context}",
                    range.start, range.end
                ),
            );
        }
        let source = self.required(&raw.source, "milestone \"source\"", &context);
        let confidence = self.confidence(raw.confidence.as_ref(), &context);
        let disputed = self.disputed(raw.disputed.as_ref(), &context);
        let track = match &raw.track {
            // An unknown track drops the milestone; the error is recorded.
            Some(t) => Some(TrackIdx(self.lookup(t, track_ids, "track", &context)?)),
            None => None,
        };
        Some(Milestone {
            date: date?,
            title,
            detail: raw.detail.clone(),
            source,
            track,
            confidence,
            disputed,
        })
    }

    /// The places, with their ids checked (present, plain, unique), and
    /// for each whether its kind was unknown (already reported, so a base
    /// period naming it adds no "is a city" error of its own).
    fn places(&mut self, raw: &[Spanned<RawPlace>], region_ids: &Ids) -> (Vec<Place>, Vec<bool>) {
        let ids = if raw.is_empty() {
            Vec::new()
        } else {
            // The array has no span of its own here; an empty list is fine.
            self.unique_ids(raw.iter().map(|p| &p.get_ref().id), ("place", "places"), &(0..0))
        };
        raw.iter()
            .zip(ids)
            .map(|(p, id)| self.place(p.get_ref(), id, region_ids))
            .unzip()
    }

    fn place(&mut self, raw: &RawPlace, id: String, region_ids: &Ids) -> (Place, bool) {
        let name = self.required(&raw.name, "place \"name\"", "");
        let context = format!(" (place {})", quoted(&name));
        let kind = match raw.kind.get_ref().as_str() {
            "base" => Some(PlaceKind::Base),
            "city" => Some(PlaceKind::City),
            other => {
                self.error(
                    &raw.kind.span(),
                    format!(
                        "place \"kind\" {} is unknown{context}; expected \"base\" or \"city\"",
                        quoted(other)
                    ),
                );
                None
            }
        };
        let known = kind.is_some();
        // Read as a city so the rest of the file is still checked; the
        // flag keeps that guess from producing errors of its own.
        let kind = kind.unwrap_or(PlaceKind::City);
        self.lat_lon(&raw.lat, &raw.lon, "place", &context);
        let region = raw
            .region
            .as_ref()
            .and_then(|r| self.lookup(r, region_ids, "region", &context))
            .map(RegionIdx);
        let place = Place {
            id,
            name,
            kind,
            lon: *raw.lon.get_ref(),
            lat: *raw.lat.get_ref(),
            region,
            approximate: raw.approximate,
            note: raw.note.clone(),
        };
        (place, !known)
    }

    /// Latitude and longitude in degrees (WGS84); `what` names the owner
    /// ("place", "incident").
    fn lat_lon(&mut self, lat: &Spanned<f64>, lon: &Spanned<f64>, what: &str, context: &str) {
        for (value, axis, limit) in [(lat, "lat", 90.0), (lon, "lon", 180.0)] {
            self.coordinate(value, what, axis, limit, context);
        }
    }

    fn coordinate(&mut self, value: &Spanned<f64>, what: &str, axis: &str, limit: f64, context: &str) {
        let v = *value.get_ref();
        if !v.is_finite() || v.abs() > limit {
            self.error(
                &value.span(),
                format!("{what} \"{axis}\" {v} is outside -{limit}..{limit}{context}; expected degrees (WGS84)"),
            );
        }
    }

    /// An optional `confidence`: `"high"`, `"medium"` or `"low"`.
    fn confidence(&mut self, value: Option<&Spanned<String>>, context: &str) -> Option<Confidence> {
        let value = value?;
        let confidence = Confidence::from_id(value.get_ref());
        if confidence.is_none() {
            self.error(
                &value.span(),
                format!(
                    "confidence {} is unknown{context}; expected \"high\", \"medium\" or \"low\" \
                     (or leave it out: not stated)",
                    quoted(value.get_ref())
                ),
            );
        }
        confidence
    }

    /// An optional `disputed`: if given, it must say something.
    fn disputed(&mut self, value: Option<&Spanned<String>>, context: &str) -> Option<String> {
        let value = value?;
        if value.get_ref().trim().is_empty() {
            self.error(
                &value.span(),
                format!(
                    "\"disputed\" is empty{context}; name the other version and who reported it, \
                     or leave \"disputed\" out"
                ),
            );
        }
        Some(value.get_ref().clone())
    }
}

enum DateStringError {
    /// Not of the form `YYYY-MM-DD`.
    Shape,
    /// Well formed, but no such day (2025-02-30).
    NoSuchDay,
}

/// Strictly `YYYY-MM-DD` (chrono's own parser also takes `2025-2-3`).
fn parse_date_string(s: &str) -> Result<Date, DateStringError> {
    let bytes = s.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shape_ok {
        return Err(DateStringError::Shape);
    }
    let number = |r: Range<usize>| s.get(r).and_then(|n| n.parse::<u32>().ok());
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return Err(DateStringError::Shape);
    };
    let year = i32::try_from(year).map_err(|_| DateStringError::Shape)?;
    Date::from_ymd_opt(year, month, day).ok_or(DateStringError::NoSuchDay)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_strings_are_strict() {
        assert!(parse_date_string("2024-02-29").is_ok());
        assert!(matches!(
            parse_date_string("2025-02-29"),
            Err(DateStringError::NoSuchDay)
        ));
        assert!(matches!(
            parse_date_string("2025-13-01"),
            Err(DateStringError::NoSuchDay)
        ));
        for bad in [
            "2025-2-03",
            "2025/02/03",
            "20250203",
            " 2025-02-03",
            "2025-02-03T00:00",
            "",
        ] {
            assert!(matches!(parse_date_string(bad), Err(DateStringError::Shape)), "{bad:?}");
        }
    }

    #[test]
    fn the_embedded_scenario_parses() {
        let scenario = default_scenario().map_err(|e| e.to_string()).unwrap();
        assert_eq!(scenario.tracks.len(), 2);
    }
}
