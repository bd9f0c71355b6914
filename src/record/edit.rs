//! The report written into the TOML document: `toml_edit` keeps every
//! table, key, comment and blank line it is not asked to change exactly
//! as the file had it.
//!
//! A new table takes its place in the document from the table before it
//! in its array (`toml_edit` prints tables in the order of their positions
//! in the file; one without a position follows the table visited before
//! it). A table removed from the file hands the comments above it to the
//! table that takes its place, so that no comment is lost.

use toml_edit::{ArrayOfTables, Datetime, DocumentMut, Item, Table, Value};

use super::{EntityRef, IncidentSite, NoReportFrom, PeriodReport, RecordError, Report, ReportField};
use crate::model::date_format::{iso, parse_iso};
use crate::model::{Confidence, Date};

/// What precedes a new table's header: one blank line, as between the
/// file's tables.
const NEW_TABLE_PREFIX: &str = "\n";

/// A record track's sentence on what stays unknown after an entity's last
/// report: only its last period may have it.
const UNKNOWN_AFTER: &str = "unknown_after";

/// `text` with `report` recorded; the report's ids were checked against
/// `text` loaded.
pub(super) fn edited(text: &str, report: &Report) -> Result<String, RecordError> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e| RecordError::whole(format!("the scenario is not TOML that can be edited: {e}")))?;
    match report {
        Report::Period(period) => record_period(&mut doc, period)?,
        Report::Silence(silence) => record_silence(&mut doc, silence)?,
        Report::Troops(t) => {
            let mut table = Table::new();
            put(&mut table, "where", Value::from(t.group.as_str()));
            put(&mut table, "date", date_value(t.date)?);
            put(&mut table, "low", Value::from(t.low));
            put(&mut table, "high", Value::from(t.high));
            put_text(&mut table, "note", t.note.as_deref());
            put(&mut table, "source", Value::from(t.source.as_str()));
            put_confidence(&mut table, t.confidence);
            let troops = top_array(&mut doc, "troops")?;
            // After the group's last figure on or before the date; the
            // group's figures are kept in date order.
            let of_group = |table: &Table| table.get("where").and_then(Item::as_str) == Some(t.group.as_str());
            let at = insertion_index(troops, t.date, of_group);
            insert_table(troops, at, table);
        }
        Report::Incident(i) => {
            let mut table = Table::new();
            put(&mut table, "date", date_value(i.date)?);
            match &i.site {
                IncidentSite::Place(id) => put(&mut table, "place", Value::from(id.as_str())),
                IncidentSite::Point { lat, lon } => {
                    put(&mut table, "lat", Value::from(*lat));
                    put(&mut table, "lon", Value::from(*lon));
                }
            }
            put(&mut table, "title", Value::from(i.title.as_str()));
            put_text(&mut table, "detail", i.detail.as_deref());
            put(&mut table, "source", Value::from(i.source.as_str()));
            put_confidence(&mut table, i.confidence);
            put_text(&mut table, "disputed", i.disputed.as_deref());
            let incidents = top_array(&mut doc, "incidents")?;
            let at = insertion_index(incidents, i.date, |_| true);
            insert_table(incidents, at, table);
        }
        Report::Milestone(m) => {
            let mut table = Table::new();
            put(&mut table, "date", date_value(m.date)?);
            put(&mut table, "title", Value::from(m.title.as_str()));
            put_text(&mut table, "detail", m.detail.as_deref());
            put(&mut table, "source", Value::from(m.source.as_str()));
            put_text(&mut table, "track", m.track.as_deref());
            put_confidence(&mut table, m.confidence);
            put_text(&mut table, "disputed", m.disputed.as_deref());
            let milestones = top_array(&mut doc, "milestones")?;
            let at = insertion_index(milestones, m.date, |_| true);
            insert_table(milestones, at, table);
        }
    }
    Ok(doc.to_string())
}

/// An entity's period as the file has it: its table and its days.
struct Run {
    table: Table,
    from: Date,
    to: Option<Date>,
}

fn record_period(doc: &mut DocumentMut, report: &PeriodReport) -> Result<(), RecordError> {
    with_run(doc, &report.track, &report.entity, |run, record_track| {
        check_no_gap(&run, report)?;
        let (entity_key, id) = entity_key(&report.entity);
        let new_table = period_table(report, entity_key, id, &run)?;
        spliced(run, report, new_table, record_track)
    })
}

/// Ends an entity's record on a record track: its last period closes the
/// day before `silence.from`, and the loader shows "no report" from then.
fn record_silence(doc: &mut DocumentMut, silence: &NoReportFrom) -> Result<(), RecordError> {
    with_run(doc, &silence.track, &silence.entity, |mut run, record_track| {
        if !record_track {
            return Err(RecordError::at(
                ReportField::Track,
                format!(
                    "track {} is a plan: its periods cover the whole range, so no report can be missing there",
                    silence.track
                ),
            ));
        }
        let last_day = day_before(silence.from)?;
        let Some(last) = run.last_mut() else {
            return Err(RecordError::at(ReportField::Entity, "it has no periods on this track"));
        };
        if let Some(to) = last.to {
            return Err(RecordError::at(
                ReportField::From,
                format!(
                    "its last period already ends on {to}: there is no report from {} on",
                    to.succ_opt().unwrap_or(to)
                ),
            ));
        }
        let report_date = table_date(&last.table, "reported")?.unwrap_or(last.from);
        if last_day < report_date {
            return Err(RecordError::at(
                ReportField::From,
                format!(
                    "its last period rests on a report of {report_date}: \"no report\" can begin on {} at the earliest",
                    report_date.succ_opt().unwrap_or(report_date)
                ),
            ));
        }
        close_open(&mut last.table, last.from, last_day)?;
        Ok(run.into_iter().map(|r| r.table).collect())
    })
}

/// The key naming the entity in its periods, and its id.
fn entity_key(entity: &EntityRef) -> (&'static str, &str) {
    match entity {
        EntityRef::Region(id) => ("region", id.as_str()),
        EntityRef::Base(id) => ("base", id.as_str()),
    }
}

/// Takes the entity's periods on the track out of their array, hands them
/// to `splice` with whether the track is a record track (it has `record`),
/// and puts back what it returns where the first of them was.
fn with_run(
    doc: &mut DocumentMut,
    track_id: &str,
    entity: &EntityRef,
    splice: impl FnOnce(Vec<Run>, bool) -> Result<Vec<Table>, RecordError>,
) -> Result<(), RecordError> {
    let array_key = match entity {
        EntityRef::Region(_) => "periods",
        EntityRef::Base(_) => "base_periods",
    };
    let (entity_key, id) = entity_key(entity);
    let track = track_table(doc, track_id)?;
    let record_track = track.contains_key("record");
    if !track.contains_key(array_key) {
        track.insert(array_key, Item::ArrayOfTables(ArrayOfTables::new()));
    }
    let periods = track
        .get_mut(array_key)
        .and_then(Item::as_array_of_tables_mut)
        .ok_or_else(|| RecordError::whole(format!("the track's {array_key:?} is not a list of tables")))?;
    let of_entity = |table: &Table| table.get(entity_key).and_then(Item::as_str) == Some(id);
    let indices: Vec<usize> = (0..periods.len())
        .filter(|&i| periods.get(i).is_some_and(of_entity))
        .collect();
    let first_index = indices.first().copied().unwrap_or(periods.len());
    let mut run = Vec::with_capacity(indices.len());
    for &i in indices.iter().rev() {
        let table = periods.remove(i);
        let from = table_date(&table, "from")?.ok_or_else(|| missing("from"))?;
        let to = table_date(&table, "to")?;
        run.push(Run { table, from, to });
    }
    run.reverse();
    let mut tables = splice(run, record_track)?;
    keep_unknown_after_last(&mut tables);
    for (offset, table) in tables.into_iter().enumerate() {
        periods.insert(first_index + offset, table);
    }
    Ok(())
}

/// What stays unknown after an entity's record (`unknown_after`) belongs
/// to its last period, whichever that now is.
fn keep_unknown_after_last(tables: &mut [Table]) {
    let Some((last, earlier)) = tables.split_last_mut() else {
        return;
    };
    for table in earlier {
        if let Some((key, item)) = table.remove_entry(UNKNOWN_AFTER)
            && !last.contains_key(UNKNOWN_AFTER)
        {
            last.insert_formatted(&key, item);
        }
    }
}

/// Closes an open period on `last_day`. On a record track an open
/// period's report date defaults to its start and a closed one's to its
/// end, so a period without `reported` gets its start written as that, so
/// that closing it does not date its report later.
fn close_open(table: &mut Table, from: Date, last_day: Date) -> Result<(), RecordError> {
    set_date(table, "to", last_day)?;
    if !table.contains_key("reported") {
        insert_after(table, "to", "reported", date_value(from)?);
    }
    Ok(())
}

/// A period that starts after the entity's last closed period ends would
/// leave days without a period: the loader would refuse it, so say here
/// which days, and how to fill them.
fn check_no_gap(run: &[Run], report: &PeriodReport) -> Result<(), RecordError> {
    let Some(last) = run.last() else {
        return Ok(());
    };
    let Some(end) = last.to else {
        return Ok(());
    };
    let Some(day_after) = end.succ_opt() else {
        return Ok(());
    };
    if report.from <= day_after {
        return Ok(());
    }
    let before = report.from.pred_opt().unwrap_or(report.from);
    let whose = match &report.entity {
        EntityRef::Region(id) => format!("region {id}"),
        EntityRef::Base(id) => format!("base {id}"),
    };
    Err(RecordError::at(
        ReportField::From,
        format!(
            "{whose}'s periods on track {} end on {end}: a period from {} would leave {day_after} to {before} \
             without one; start it on {day_after} (the report's date still says when it was reported) or record \
             those days first",
            report.track, report.from
        ),
    ))
}

/// The new period's table, keys in the file's order.
fn period_table(report: &PeriodReport, entity_key: &str, id: &str, run: &[Run]) -> Result<Table, RecordError> {
    let to = report
        .to
        .or_else(|| next_start_after(run, report.from).and_then(|d| d.pred_opt()));
    let mut table = Table::new();
    put(&mut table, entity_key, Value::from(id));
    put(&mut table, "from", date_value(report.from)?);
    if let Some(to) = to {
        put(&mut table, "to", date_value(to)?);
    }
    // Left out, the loader reads the report's date as the period's end
    // (closed) or start (open): written only where it differs.
    let implied = to.unwrap_or(report.from);
    if let Some(as_of) = report.as_of.filter(|&d| d != implied) {
        put(&mut table, "reported", date_value(as_of)?);
    }
    put(&mut table, "status", Value::from(report.status.as_str()));
    put_text(&mut table, "note", report.note.as_deref());
    put(&mut table, "source", Value::from(report.source.as_str()));
    put_confidence(&mut table, report.confidence);
    put_text(&mut table, "disputed", report.disputed.as_deref());
    Ok(table)
}

fn next_start_after(run: &[Run], from: Date) -> Option<Date> {
    run.iter().map(|r| r.from).find(|&start| start > from)
}

/// The entity's periods with the new one spliced in: those it overlaps
/// are trimmed to its edges, split around it or dropped; the first one
/// dropped hands the comments above it to the new period.
///
/// On a record track an open period holds only until its report is
/// superseded: nothing of it is kept after a newer period, and one it
/// closes keeps its report date.
fn spliced(
    run: Vec<Run>,
    report: &PeriodReport,
    mut new_table: Table,
    record_track: bool,
) -> Result<Vec<Table>, RecordError> {
    let from = report.from;
    let to = table_date(&new_table, "to")?;
    let mut before = Vec::new();
    let mut after = Vec::new();
    let mut comments_taken = false;
    for Run {
        mut table,
        from: start,
        to: end,
    } in run
    {
        if end.is_some_and(|e| e < from) {
            before.push(table);
            continue;
        }
        if to.is_some_and(|t| start > t) {
            after.push(table);
            continue;
        }
        // It overlaps: what is left of it on each side of the new period.
        let keeps_left = start < from;
        let right_start = match to {
            Some(_) if record_track && end.is_none() => None,
            Some(t) if end.is_none_or(|e| e > t) => t.succ_opt(),
            _ => None,
        };
        match (keeps_left, right_start) {
            (true, Some(right_start)) => {
                let mut tail = table.clone();
                set_date(&mut table, "to", day_before(from)?)?;
                set_date(&mut tail, "from", right_start)?;
                tail.set_position(None);
                tail.decor_mut().set_prefix(NEW_TABLE_PREFIX);
                before.push(table);
                after.push(tail);
            }
            (true, None) => {
                match end {
                    None if record_track => close_open(&mut table, start, day_before(from)?)?,
                    _ => set_date(&mut table, "to", day_before(from)?)?,
                }
                before.push(table);
            }
            (false, Some(right_start)) => {
                set_date(&mut table, "from", right_start)?;
                after.push(table);
            }
            (false, None) => drop_table(&table, &mut new_table, &mut comments_taken),
        }
    }
    if !comments_taken {
        new_table.decor_mut().set_prefix(NEW_TABLE_PREFIX);
    }
    before.push(new_table);
    before.extend(after);
    Ok(before)
}

/// A period the new one covers whole: gone, its comments kept above the
/// new period (the first one's; later ones' are appended).
fn drop_table(dropped: &Table, new_table: &mut Table, comments_taken: &mut bool) {
    let prefix = dropped
        .decor()
        .prefix()
        .and_then(|p| p.as_str())
        .unwrap_or(NEW_TABLE_PREFIX);
    let joined = if *comments_taken {
        let had = new_table.decor().prefix().and_then(|p| p.as_str()).unwrap_or("");
        format!("{had}{}", prefix.trim_start_matches('\n'))
    } else {
        prefix.to_owned()
    };
    new_table.decor_mut().set_prefix(joined);
    *comments_taken = true;
}

fn day_before(date: Date) -> Result<Date, RecordError> {
    date.pred_opt()
        .ok_or_else(|| RecordError::at(ReportField::From, "no day before the period's start"))
}

/// The `[[tracks]]` table with this id.
fn track_table<'a>(doc: &'a mut DocumentMut, id: &str) -> Result<&'a mut Table, RecordError> {
    let tracks = top_array(doc, "tracks")?;
    tracks
        .iter_mut()
        .find(|t| t.get("id").and_then(Item::as_str) == Some(id))
        .ok_or_else(|| RecordError::at(ReportField::Track, format!("no [[tracks]] table has id = {id:?}")))
}

/// A top-level array of tables, made if the file has none yet.
fn top_array<'a>(doc: &'a mut DocumentMut, key: &str) -> Result<&'a mut ArrayOfTables, RecordError> {
    let root = doc.as_table_mut();
    if !root.contains_key(key) {
        root.insert(key, Item::ArrayOfTables(ArrayOfTables::new()));
    }
    root.get_mut(key)
        .and_then(Item::as_array_of_tables_mut)
        .ok_or_else(|| RecordError::whole(format!("the scenario's {key:?} is not a list of tables")))
}

/// Where a dated entry goes in an array kept in date order: after the
/// last entry that `belongs` and is dated on or before `date`, else before
/// the first that belongs, else at the end.
fn insertion_index(array: &ArrayOfTables, date: Date, belongs: impl Fn(&Table) -> bool) -> usize {
    let mut first = None;
    let mut after = None;
    for (i, table) in array.iter().enumerate() {
        if !belongs(table) {
            continue;
        }
        first.get_or_insert(i);
        if table_date(table, "date").ok().flatten().is_some_and(|d| d <= date) {
            after = Some(i + 1);
        }
    }
    after.or(first).unwrap_or(array.len())
}

/// Inserts `table` at `at`. Placed first in its array, it takes the
/// comments above the old first entry (the section's heading) and leaves
/// that entry a blank line.
fn insert_table(array: &mut ArrayOfTables, at: usize, mut table: Table) {
    table.decor_mut().set_prefix(NEW_TABLE_PREFIX);
    if at == 0
        && let Some(first) = array.get_mut(0)
    {
        let heading = first.decor().prefix().and_then(|p| p.as_str()).map(str::to_owned);
        if let Some(heading) = heading {
            table.decor_mut().set_prefix(heading);
            first.decor_mut().set_prefix(NEW_TABLE_PREFIX);
        }
    }
    array.insert(at.min(array.len()), table);
}

fn put(table: &mut Table, key: &str, value: Value) {
    table.insert(key, Item::Value(value));
}

fn put_text(table: &mut Table, key: &str, text: Option<&str>) {
    if let Some(text) = text.filter(|t| !t.trim().is_empty()) {
        put(table, key, Value::from(text));
    }
}

fn put_confidence(table: &mut Table, confidence: Option<Confidence>) {
    if let Some(confidence) = confidence {
        put(table, "confidence", Value::from(confidence.id()));
    }
}

/// A day as a TOML local date (`2026-03-20`, unquoted, as the file
/// writes them).
fn date_value(date: Date) -> Result<Value, RecordError> {
    iso(date)
        .parse::<Datetime>()
        .map(Value::from)
        .map_err(|e| RecordError::whole(format!("cannot write {date} as a TOML date: {e}")))
}

/// A table's date key: a TOML date or a "YYYY-MM-DD" string, as the
/// loader reads them; `None` when absent.
fn table_date(table: &Table, key: &str) -> Result<Option<Date>, RecordError> {
    let Some(item) = table.get(key) else {
        return Ok(None);
    };
    let text = match (item.as_datetime(), item.as_str()) {
        (Some(datetime), _) => datetime.to_string(),
        (None, Some(text)) => text.to_owned(),
        (None, None) => return Err(missing(key)),
    };
    parse_iso(&text)
        .map(Some)
        .map_err(|e| RecordError::whole(format!("a {key:?} in the file: {e}")))
}

/// Sets a date key, keeping the spacing and any comment around the old
/// value; a key the table lacks (`to` of an open period) goes after
/// `from`.
fn set_date(table: &mut Table, key: &str, date: Date) -> Result<(), RecordError> {
    let mut value = date_value(date)?;
    if let Some(old) = table.get(key).and_then(Item::as_value) {
        *value.decor_mut() = old.decor().clone();
        table.insert(key, Item::Value(value));
        return Ok(());
    }
    insert_after(table, "from", key, value);
    Ok(())
}

/// Inserts `key` right after `after` (at the end without it), keeping
/// every other key's place and formatting.
fn insert_after(table: &mut Table, after: &str, key: &str, value: Value) {
    let keys: Vec<String> = table.iter().map(|(k, _)| k.to_owned()).collect();
    let mut entries = Vec::with_capacity(keys.len() + 1);
    for k in &keys {
        if let Some(entry) = table.remove_entry(k) {
            entries.push(entry);
        }
    }
    let mut value = Some(value);
    for (k, item) in entries {
        let is_after = k.get() == after;
        table.insert_formatted(&k, item);
        if is_after && let Some(value) = value.take() {
            table.insert(key, Item::Value(value));
        }
    }
    if let Some(value) = value {
        table.insert(key, Item::Value(value));
    }
}

fn missing(key: &str) -> RecordError {
    RecordError::whole(format!("a period in the file has no readable {key:?}"))
}
