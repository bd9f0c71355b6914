//! A brief that writes itself: a default story drafted from the
//! scenario's own data (`drawdown story init`, *Story → New from the
//! scenario*).
//!
//! From the day the compared tracks part (where the plan begins: in the
//! shipped scenario, the joint statement) to today, it stops on every
//! milestone of both tracks, on each deadline of a plan (the last day of
//! a phase of a track that runs to the scenario's end), on each record's
//! end and on today. Each stop compares the tracks where they disagree.
//! Titles and talking points say only what the data says: what changed
//! that day and who reported it, how many days one track lags the other,
//! how confident the sources are, and what the record does not say.
//! Nothing here names a date: every one comes from the scenario. A stop's
//! points say what was on record by its day: no source dated after it is
//! cited ([`source_known_on`]; an undated one is kept, as it cannot be
//! shown to be later), and no disputed version naming a later date.

use super::file::MAX_LINE_CHARS;
use super::{Stop, StopDate, StopLayout, Story};
use crate::model::date_format::short;
use crate::model::printable::escaped;
use crate::model::sources::{dispute_known_by, sentences_said_by, source_as_of};
use crate::model::status_report::{joined_sources, sentence, source_known_on};
use crate::model::{
    Agreement, Confidence, Date, DateRange, Entity, Lag, Milestone, PlaceKind, RegionIdx, Scenario, StatusIdx,
    TrackIdx, TrackLayout,
};

/// The most characters of a drafted stop's talking points: a page of a
/// presenter's notes, not the whole record.
pub const MAX_DRAFT_NOTES_CHARS: usize = 2000;

/// The most status changes listed per track and day; the rest are
/// counted.
const MAX_CHANGES_LISTED: usize = 6;

/// The story `drawdown story init` writes: titled after the scenario,
/// from `from` (default: where the compared tracks part, else the
/// scenario's start) to `to` (default: `today`), both within the
/// scenario's range. `from` after `to` gives no stops.
pub fn draft_story(scenario: &Scenario, today: Date, from: Option<Date>, to: Option<Date>) -> Story {
    let range = scenario.range;
    let today = range.clamp(today);
    let tracks = drafted_tracks(scenario);
    let parting = scenario
        .compare_pair()
        .and_then(|[a, b]| scenario.first_difference(a, b));
    let window = DateRange {
        start: range.clamp(from.or(parting).unwrap_or(range.start)),
        end: range.clamp(to.unwrap_or(today)),
    };
    let mut story = Story::new(one_line_title(&scenario.title));
    story.subtitle = Some(format!("Brief, {}", short(today)));
    if window.start > window.end {
        return story;
    }
    story.stops = stop_dates(scenario, &tracks, window, today)
        .into_iter()
        .map(|date| draft_stop(scenario, &tracks, date, today))
        .collect();
    story
}

/// The tracks a brief follows: the compare pair, else the default track.
fn drafted_tracks(scenario: &Scenario) -> Vec<TrackIdx> {
    scenario
        .compare_pair()
        .map_or_else(|| vec![scenario.default_track], |pair| pair.to_vec())
}

/// A plan's deadlines: the last day of each phase of a track with no
/// record's end (one that runs to the scenario's end).
fn deadlines(scenario: &Scenario, track: TrackIdx) -> Vec<(Date, &str)> {
    if scenario.record_end(track).is_some() {
        return Vec::new();
    }
    scenario
        .track(track)
        .phases
        .iter()
        .filter_map(|p| p.to.map(|to| (to, p.title.as_str())))
        .collect()
}

/// Every day the brief stops on, sorted, once each: the window's ends,
/// the milestones, the deadlines, the records' ends and today, within
/// the window.
fn stop_dates(scenario: &Scenario, tracks: &[TrackIdx], window: DateRange, today: Date) -> Vec<Date> {
    let milestones = scenario
        .milestones
        .iter()
        .filter(|m| m.shown_with(tracks))
        .map(|m| m.date);
    let deadlines = tracks.iter().flat_map(|&t| deadlines(scenario, t)).map(|(d, _)| d);
    let record_ends = tracks.iter().filter_map(|&t| scenario.record_end(t));
    let mut dates: Vec<Date> = [window.start, window.end, today]
        .into_iter()
        .chain(milestones)
        .chain(deadlines)
        .chain(record_ends)
        .filter(|&d| window.contains(d))
        .collect();
    dates.sort_unstable();
    dates.dedup();
    dates
}

/// Whether the tracks `a` and `b` give some region a different status
/// on `date` (the compare view's outlines). Bases are left out: a plan
/// that names no bases has them follow their regions, which is no
/// disagreement with a record that names them.
fn disagree(scenario: &Scenario, [a, b]: [TrackIdx; 2], date: Date) -> bool {
    !scenario.regions_differing(a, b, date).is_empty()
}

fn draft_stop(scenario: &Scenario, tracks: &[TrackIdx], date: Date, today: Date) -> Stop {
    let milestones: Vec<&Milestone> = scenario
        .milestones
        .iter()
        .filter(|m| m.date == date && m.shown_with(tracks))
        .collect();
    let pair = scenario.compare_pair().filter(|&pair| disagree(scenario, pair, date));
    let (layout, track) = match pair {
        Some(_) => (StopLayout::Compare, None),
        None => {
            // A day one track's milestone marks is shown on that track.
            let own = milestones
                .iter()
                .find_map(|m| m.track)
                .filter(|&t| t != scenario.default_track);
            (StopLayout::Single, own)
        }
    };
    let shown = match (pair, track) {
        (Some(pair), _) => TrackLayout::SideBySide(pair),
        (None, Some(t)) => TrackLayout::Single(t),
        (None, None) => TrackLayout::Single(scenario.default_track),
    };
    // Today's stop stays today's as the brief is given again on later
    // days: its title is left to the day ([`Story::resolve`]).
    let on_today = date == today;
    let mut stop = Stop::on(if on_today { StopDate::Today } else { StopDate::On(date) });
    stop.layout = layout;
    stop.track = track.map(|t| scenario.track(t).id.clone());
    stop.title = (!on_today).then(|| title(scenario, tracks, date, &milestones));
    stop.notes = notes(scenario, shown, date, &milestones);
    stop
}

/// "30 Sep 2025 — Phase 1 deadline: federal Iraq": the date and what the
/// day is: its milestones, else the end of a plan's phase or of a record.
fn title(scenario: &Scenario, tracks: &[TrackIdx], date: Date, milestones: &[&Milestone]) -> String {
    let mut what: Vec<String> = milestones.iter().map(|m| m.title.clone()).collect();
    for &t in tracks.iter().filter(|_| milestones.is_empty()) {
        let name = &scenario.track(t).name;
        for (deadline, phase) in deadlines(scenario, t) {
            if deadline == date {
                what.push(format!("{name}: end of “{phase}”"));
            }
        }
        if scenario.record_end(t) == Some(date) {
            what.push(format!("{name}: the record's last report"));
        }
    }
    let day = short(date);
    let title = if what.is_empty() {
        day
    } else {
        format!("{day} — {}", what.join("; "))
    };
    one_line_title(&title)
}

/// A scenario's text in a talking point: escaped, never cut. A point cut
/// mid-figure ("fewer than 1…" for "fewer than 1,000") would state a false
/// one; the notes' budget leaves out whole points instead, and says so.
fn whole(text: &str) -> String {
    escaped(text)
}

/// The items of a "; "-separated list, escaped, as many whole ones as fit
/// in `max_chars`, then how many were left out: a source or a name is
/// never cut in the middle.
fn whole_items(list: &str, max_chars: usize) -> String {
    let items: Vec<String> = list.split("; ").map(escaped).collect();
    let mut kept: Vec<&str> = Vec::new();
    let mut used = 0;
    for item in &items {
        let len = item.chars().count() + 2;
        if used + len > max_chars && !kept.is_empty() {
            break;
        }
        used += len;
        kept.push(item);
    }
    let left_out = items.len() - kept.len();
    let joined = kept.join("; ");
    if left_out == 0 {
        joined
    } else {
        format!("{joined}; and {left_out} more")
    }
}

/// `text` fit for a one-line key of the story file: escaped (a line
/// break in a scenario's title must not break the story's) and at most
/// [`MAX_LINE_CHARS`] characters, cut with `…`.
fn one_line_title(text: &str) -> String {
    let text = escaped(text);
    if text.chars().count() <= MAX_LINE_CHARS {
        return text;
    }
    let mut cut: String = text.chars().take(MAX_LINE_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// The talking points of a stop on `date` showing `shown`: its
/// milestones, what changed, the lag between the tracks where they
/// differ, the confidence, what the record does not say, then the
/// sources of all of it.
fn notes(scenario: &Scenario, shown: TrackLayout, date: Date, milestones: &[&Milestone]) -> String {
    let mut lines = Vec::new();
    let mut sources: Vec<String> = Vec::new();
    let mut confidence: Vec<(Confidence, String)> = Vec::new();
    for m in milestones {
        let mut line = format!("{}.", whole(&m.title));
        let detail = sentences_said_by(&m.detail, date);
        if !detail.trim().is_empty() {
            line.push(' ');
            line.push_str(&sentence(&whole(&detail)));
        }
        line.push_str(&format!(
            " Source: {}",
            sentence(&whole(&source_known_on(&m.source, date)))
        ));
        lines.push(line);
        if let Some(disputed) = m.disputed.as_ref().filter(|d| dispute_known_by(d, date)) {
            lines.push(format!("Disputed: {}", sentence(&whole(disputed))));
        }
        if let Some(c) = m.confidence {
            confidence.push((c, whole(&m.title)));
        }
        sources.push(source_as_of(&m.source, date));
    }
    let tracks = shown.as_slice();
    let mut unchanged = Vec::new();
    for &t in tracks {
        if !changes(scenario, t, date, &mut lines, &mut sources, &mut confidence) {
            unchanged.push(scenario.track(t).name.as_str());
        }
    }
    if !unchanged.is_empty() {
        lines.push(format!(
            "No region or base changed status on this day ({}).",
            whole(&unchanged.join(", "))
        ));
    }
    if let TrackLayout::SideBySide(pair) = shown {
        lags(scenario, pair, date, &mut lines);
    }
    // Kept whatever the length: how sure, and what is not on record.
    let mut closing = vec![confidence_line(&confidence)];
    for &t in tracks {
        silence(scenario, t, date, &mut closing);
        if let Some(phase) = scenario.phase_on(t, date) {
            sources.push(source_as_of(&phase.source, date));
        }
    }
    let sources = joined_sources(sources.iter().map(String::as_str));
    let sources = if sources.is_empty() {
        "Sources: none on record for this day.".to_owned()
    } else {
        sentence(&format!(
            "Sources: {}",
            whole_items(&sources, MAX_DRAFT_NOTES_CHARS / 4)
        ))
    };
    bounded_notes(lines, closing, &sources)
}

/// "Confidence: high for A and B; medium for C.", from the most
/// confident down; "not stated" when no source says.
fn confidence_line(said: &[(Confidence, String)]) -> String {
    let levels: Vec<String> = [Confidence::High, Confidence::Medium, Confidence::Low]
        .into_iter()
        .filter_map(|level| {
            let what: Vec<&str> = said
                .iter()
                .filter(|(c, _)| *c == level)
                .map(|(_, w)| w.as_str())
                .collect();
            (!what.is_empty()).then(|| format!("{} for {}", level.id(), what.join(", ")))
        })
        .collect();
    if levels.is_empty() {
        "Confidence: not stated by the sources of this day.".to_owned()
    } else {
        format!(
            "Confidence: {}.",
            whole_items(&levels.join("; "), MAX_DRAFT_NOTES_CHARS / 4)
        )
    }
}

/// What changed on `date` on track `t`: each region's and base's new
/// status and its source. Whether anything did.
fn changes(
    scenario: &Scenario,
    t: TrackIdx,
    date: Date,
    lines: &mut Vec<String>,
    sources: &mut Vec<String>,
    confidence: &mut Vec<(Confidence, String)>,
) -> bool {
    let name = &scenario.track(t).name;
    let Some(before) = date.pred_opt().filter(|&d| d >= scenario.range.start) else {
        return false;
    };
    let mut changed: Vec<String> = Vec::new();
    for change in scenario.changes_between(t, before, date) {
        let region = &scenario.region(change.region).name;
        let Some(period) = scenario.period_on(t, change.region, date) else {
            continue;
        };
        changed.push(changed_line(
            scenario,
            (region, PlaceKind::City),
            (change.from, change.to),
            &source_known_on(&period.source, date),
        ));
        sources.push(source_as_of(&period.source, date));
        if let Some(c) = period.confidence {
            confidence.push((c, whole(region)));
        }
    }
    for change in scenario.base_changes_between(t, before, date) {
        let base = &scenario.place(change.place).name;
        let Some(period) = scenario.base_period_on(t, change.place, date) else {
            continue;
        };
        changed.push(changed_line(
            scenario,
            (base, PlaceKind::Base),
            (change.from, change.to),
            &source_known_on(&period.source, date),
        ));
        sources.push(source_as_of(&period.source, date));
        if let Some(c) = period.confidence {
            confidence.push((c, whole(base)));
        }
    }
    if changed.is_empty() {
        return false;
    }
    let more = changed.len().saturating_sub(MAX_CHANGES_LISTED);
    for line in changed.into_iter().take(MAX_CHANGES_LISTED) {
        lines.push(format!("{name}: {line}"));
    }
    if more > 0 {
        lines.push(format!("{name}: … and {more} more changes on this day."));
    }
    true
}

/// "Ain al-Asad now Handed over or vacated (was Drawing down); source: …".
fn changed_line(
    scenario: &Scenario,
    (what, kind): (&str, PlaceKind),
    (from, to): (StatusIdx, StatusIdx),
    source: &str,
) -> String {
    let label = |s: StatusIdx| whole(scenario.status(s).label_for(kind));
    format!(
        "{} now {} (was {}); source: {}",
        whole(what),
        label(to),
        label(from),
        sentence(&whole(source))
    )
}

/// Where the pair disagree on `date`, as it stood that day: how long the
/// right track (the record) has gone without the status the left one
/// (the plan) reached, or how far it is ahead of a plan on record by
/// then. Whether the record later catches up is not said: nobody knew on
/// the day.
fn lags(scenario: &Scenario, [plan, record]: [TrackIdx; 2], date: Date, lines: &mut Vec<String>) {
    let (plan_name, record_name) = (&scenario.track(plan).name, &scenario.track(record).name);
    for region in (0..scenario.regions.len()).map(RegionIdx) {
        if scenario.agreement(plan, record, region, date) != Agreement::Differs {
            continue;
        }
        let (Some(own), Some(theirs)) = (
            scenario.period_on(record, region, date),
            scenario.period_on(plan, region, date),
        ) else {
            continue;
        };
        let name = whole(&scenario.region(region).name);
        // "No report since 14 Mar — last: …" rather than a bare "No report".
        let label = |t| {
            scenario
                .status_line(t, Entity::Region(region), date)
                .map_or_else(|| "nothing".to_owned(), |line| whole(&line))
        };
        let (plan_says, record_says) = (label(plan), label(record));
        let reached_before = scenario
            .first_day_of_status(record, region, theirs.status)
            .is_some_and(|first| first <= date);
        let line = match scenario.lag(record, plan, region, date) {
            Some(Lag::Agree) | None => continue,
            // The plan reaches the record's status later, and said so by
            // the day: a plan on record then is known ahead.
            Some(Lag::Ahead { days }) if plan_on_record(scenario, plan, region, own.from, days, date) => {
                format!(
                    "{name}: {record_name} says “{record_says}”, {days} days before {plan_name} does; {plan_name} \
                     still says “{plan_says}”."
                )
            }
            _ if !reached_before => {
                let days = (date - theirs.from).num_days();
                format!(
                    "{name}: {record_name} says “{record_says}”, {plan_name} “{plan_says}”; {days} days after \
                     {plan_name} reached “{plan_says}”, {record_name} has not."
                )
            }
            _ => format!(
                "{name}: {record_name} says “{record_says}”, {plan_name} “{plan_says}”; nothing on record by this \
                 day closes the gap."
            ),
        };
        lines.push(line);
    }
}

/// Whether the plan's period that begins `days` after `from` on `region`
/// was on record by `date`: its source has an item dated by then (or an
/// undated one).
fn plan_on_record(scenario: &Scenario, plan: TrackIdx, region: RegionIdx, from: Date, days: i64, date: Date) -> bool {
    from.checked_add_signed(chrono::Duration::days(days))
        .and_then(|reached| scenario.period_on(plan, region, reached))
        .is_some_and(|period| !source_as_of(&period.source, date).is_empty())
}

/// What the record of track `t` does not say on `date`: after its end,
/// that nothing was reported since; on its last day, that it is.
fn silence(scenario: &Scenario, t: TrackIdx, date: Date, lines: &mut Vec<String>) {
    let Some(end) = scenario.record_end(t) else {
        return;
    };
    let name = &scenario.track(t).name;
    if date == end {
        lines.push(format!(
            "{name}: the record's last report; nothing on record after {}.",
            short(end)
        ));
    } else if date > end {
        let since = end.succ_opt().unwrap_or(end);
        lines.push(format!(
            "{name}: No report since {}: the map shows the last reported state, which nothing since confirms \
             or denies.",
            short(since)
        ));
    }
}

/// The lines, the closing lines, then the sources, within
/// [`MAX_DRAFT_NOTES_CHARS`]: the lines that do not fit are left out (the
/// last first), and counted.
fn bounded_notes(lines: Vec<String>, closing: Vec<String>, sources: &str) -> String {
    let sources = sentence(sources);
    let closing_chars: usize = closing.iter().map(|l| l.chars().count() + 1).sum();
    let budget = MAX_DRAFT_NOTES_CHARS.saturating_sub(sources.chars().count() + closing_chars + 40);
    let (mut kept, mut used) = (Vec::new(), 0);
    let total = lines.len();
    for line in lines {
        let len = line.chars().count() + 1;
        if used + len > budget {
            break;
        }
        used += len;
        kept.push(line);
    }
    let left_out = total - kept.len();
    if left_out > 0 {
        let noun = if left_out == 1 { "point" } else { "points" };
        kept.push(format!("… {left_out} more {noun} left out."));
    }
    kept.extend(closing);
    kept.push(sources);
    kept.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_talking_points_are_cut_keeping_the_closing_lines_and_the_sources() {
        let lines: Vec<String> = (0..40).map(|i| format!("{i}: {}", "x".repeat(120))).collect();
        let closing = vec![
            "Confidence: high for A.".to_owned(),
            "No report since 14 Mar 2026.".to_owned(),
        ];
        let notes = bounded_notes(lines, closing, "Sources: A; B");
        assert!(
            notes.chars().count() <= MAX_DRAFT_NOTES_CHARS,
            "{}",
            notes.chars().count()
        );
        let kept: Vec<&str> = notes.lines().collect();
        assert!(kept[0].starts_with("0: "), "the first points first");
        let n = kept.len();
        assert_eq!(kept[n - 1], "Sources: A; B.");
        assert_eq!(kept[n - 2], "No report since 14 Mar 2026.");
        assert_eq!(kept[n - 3], "Confidence: high for A.");
        let left_out = 40 - (n - 4);
        assert_eq!(kept[n - 4], format!("… {left_out} more points left out."));
    }

    #[test]
    fn talking_points_never_cut_a_figure_or_a_source_in_the_middle() {
        let detail = format!("{} fewer than 1,000 US troops", "word ".repeat(100));
        assert_eq!(whole(&detail), detail, "a point is kept whole");
        let sources = "Syrian Observer, 5 Feb 2026; NYT via dnyuz, 20 Mar 2026; Reuters, 1 Oct 2025";
        assert_eq!(whole_items(sources, 1000), sources);
        assert_eq!(whole_items(sources, 40), "Syrian Observer, 5 Feb 2026; and 2 more");
        assert_eq!(
            whole_items(sources, 5),
            "Syrian Observer, 5 Feb 2026; and 2 more",
            "one whole item at least"
        );
    }

    #[test]
    fn a_title_from_the_scenario_is_made_one_line_and_short_enough_for_the_file() {
        assert_eq!(one_line_title("a\nb"), "a\\nb");
        let long = one_line_title(&"\u{1b}".repeat(500));
        assert_eq!(long.chars().count(), MAX_LINE_CHARS);
        assert!(long.ends_with('…') && !long.contains('\u{1b}'));
    }

    #[test]
    fn confidence_is_listed_from_the_most_certain_down_or_said_to_be_unstated() {
        let said = [
            (Confidence::Medium, "Qasrak".to_owned()),
            (Confidence::High, "Erbil".to_owned()),
            (Confidence::High, "Harir".to_owned()),
        ];
        assert_eq!(
            confidence_line(&said),
            "Confidence: high for Erbil, Harir; medium for Qasrak."
        );
        assert_eq!(
            confidence_line(&[]),
            "Confidence: not stated by the sources of this day."
        );
    }
}
