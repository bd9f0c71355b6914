//! A source line as a list: its items ("Syrian Observer, 5 Feb 2026"),
//! each item's date, and the items that were on record on a given day.
//!
//! A phase's source names every report the phase rests on, some dated
//! weeks into it. Shown on the phase's first day, those later reports
//! would cite what nobody had reported yet, so a day's source line keeps
//! only the items dated on or before it (and the undated ones, and the
//! accounts written after the phase ended, which look back on all of it).

use super::{Date, Phase};

/// The items of a source line: split at each `;` outside parentheses and
/// quotes, trimmed, the empty ones left out. "WAM, 13 Mar 2026; Shafaq
/// News (Arabic), 11 Mar 2026" is two items; "Nothing after 13 Mar 2026
/// (last: WAM; Rudaw)" is one.
pub fn source_items(source: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut depth, mut quoted, mut start) = (0_usize, false, 0);
    for (i, c) in source.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth = depth.saturating_sub(1),
            ';' if !quoted && depth == 0 => {
                items.push(&source[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&source[start..]);
    items.into_iter().map(str::trim).filter(|s| !s.is_empty()).collect()
}

/// The first date an item gives: "18–19 Feb 2026" is 18 February, "Dec
/// 2024" and "late Sep 2024" the month's first day (the earliest the
/// report can be). `None` for an undated item ("Public record").
pub fn source_date(item: &str) -> Option<Date> {
    dates_named(item).next()
}

/// Every date `text` names, in order, each read as [`source_date`] reads
/// one.
fn dates_named(text: &str) -> impl Iterator<Item = Date> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '(' | ')' | '"' | '.'))
        .filter(|w| !w.is_empty())
        .collect();
    (0..words.len().saturating_sub(1)).filter_map(move |i| {
        let month = month_number(words[i])?;
        let year: i32 = words[i + 1].parse().ok().filter(|_| words[i + 1].len() == 4)?;
        let day = i
            .checked_sub(1)
            .and_then(|j| words.get(j))
            .and_then(|w| w.split(['–', '-']).next())
            .and_then(|d| d.parse::<u32>().ok())
            .filter(|d| (1..=31).contains(d))
            .unwrap_or(1);
        Date::from_ymd_opt(year, month, day)
    })
}

/// The items of `source` on record by `date`: those dated on or before
/// it and the undated ones ("Public record" cannot be shown to be
/// later), joined again with "; ". Unlike [`Phase::source_on`], an
/// account written after a phase ended is left out too: a day's brief
/// cites only what had been reported by that day.
pub fn source_as_of(source: &str, date: Date) -> String {
    source_items(source)
        .into_iter()
        .filter(|item| source_date(item).is_none_or(|dated| dated <= date))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Whether a text that cites its own reports in parentheses (a disputed
/// version: "No personnel were left, he said on 31 December 2025 (Rudaw,
/// 31 Dec 2025)") could have been said by `date`: every date its
/// citations name is on or before it. Dates in the running text are
/// left alone: "out by September 2026" is a deadline, known before it
/// comes. A text citing no dated report is taken as known.
pub fn said_by(text: &str, date: Date) -> bool {
    citations(text).all(|cited| dates_named(cited).all(|named| named <= date))
}

/// Whether a disputed version (the other account of an event) was on
/// record by `date`: the reports it cites in parentheses are dated by
/// then ([`said_by`]); where it cites none with a date, the first date it
/// names is (an account of what happened on 20 October 2024 was not on
/// record before it). A text naming no date is taken as known.
pub fn dispute_known_by(text: &str, date: Date) -> bool {
    let cites_a_date = citations(text).any(|cited| dates_named(cited).next().is_some());
    if cites_a_date {
        said_by(text, date)
    } else {
        dates_named(text).next().is_none_or(|named| named <= date)
    }
}

/// The sentences of `text` [said by](said_by) `date`, joined again: a
/// milestone's detail without the sentence that rests on a later report.
pub fn sentences_said_by(text: &str, date: Date) -> String {
    sentences(text)
        .into_iter()
        .filter(|sentence| said_by(sentence, date))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What each outermost pair of parentheses of `text` holds.
fn citations(text: &str) -> impl Iterator<Item = &str> {
    let mut groups = Vec::new();
    let (mut depth, mut start) = (0_usize, 0);
    for (i, c) in text.char_indices() {
        match c {
            '(' => {
                if depth == 0 {
                    start = i + 1;
                }
                depth += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    groups.push(&text[start..i]);
                }
            }
            _ => {}
        }
    }
    groups.into_iter()
}

/// `text` cut after each full stop that ends a sentence (followed by a
/// space and a capital, outside parentheses), each trimmed.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0_usize, 0);
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            '.' | '!' | '?' if depth == 0 => {
                let rest = &text[i + c.len_utf8()..];
                let next = rest.trim_start_matches(' ');
                if rest.starts_with(' ') && next.starts_with(|n: char| n.is_uppercase() || n == '"' || n == '“') {
                    out.push(&text[start..i + c.len_utf8()]);
                    start = i + c.len_utf8();
                }
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out.into_iter().map(str::trim).filter(|s| !s.is_empty()).collect()
}

/// 1–12 for a month's name or its three-letter (or "Sept") abbreviation.
fn month_number(word: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.to_lowercase();
    let index = NAMES
        .iter()
        .position(|name| word == *name || (word.len() >= 3 && name.starts_with(&word) && word.len() <= 4))?;
    u32::try_from(index + 1).ok()
}

impl Phase {
    /// The phase's source as it stood on `date`: the items dated on or
    /// before it, the undated ones and those written after the phase
    /// ended; empty if none was.
    pub fn source_on(&self, date: Date) -> String {
        source_items(&self.source)
            .into_iter()
            .filter(|item| {
                source_date(item).is_none_or(|dated| dated <= date || self.to.is_some_and(|end| dated > end))
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn phase(from: &str, to: Option<&str>, source: &str) -> Phase {
        Phase {
            from: d(from),
            to: to.map(d),
            title: "The US leaves Syria's bases".to_owned(),
            source: source.to_owned(),
        }
    }

    #[test]
    fn items_split_at_semicolons_outside_parentheses_and_quotes() {
        assert_eq!(
            source_items("WAM, 13 Mar 2026; Nothing after (last: WAM; Rudaw); \"a; b\", 1 Mar 2026;"),
            [
                "WAM, 13 Mar 2026",
                "Nothing after (last: WAM; Rudaw)",
                "\"a; b\", 1 Mar 2026"
            ]
        );
    }

    #[test]
    fn an_items_date_is_its_first_day_month_or_range() {
        assert_eq!(source_date("Syrian Observer, 5 Feb 2026"), Some(d("2026-02-05")));
        assert_eq!(source_date("WSJ, CBS and BBC, 18–19 Feb 2026"), Some(d("2026-02-18")));
        assert_eq!(source_date("SOFX, Dec 2025"), Some(d("2025-12-01")));
        assert_eq!(source_date("News report, late Sep 2024"), Some(d("2024-09-01")));
        assert_eq!(
            source_date("Joint statement, 27 Sep 2024 (State Dept.): \"no later than the end of September 2025\""),
            Some(d("2024-09-27"))
        );
        assert_eq!(
            source_date("Iraqi Ministry of Defense, reported 17–18 Jan 2026"),
            Some(d("2026-01-17"))
        );
        assert_eq!(source_date("Public record"), None);
        assert_eq!(source_date("May 12 items"), None, "a year has four digits");
    }

    #[test]
    fn a_days_source_line_keeps_only_what_was_reported_by_then() {
        let p = phase(
            "2026-02-04",
            Some("2026-02-27"),
            "Stuttgarter Nachrichten, 4 Feb 2026; CENTCOM, 12 Feb 2026; WSJ, CBS and BBC, 18–19 Feb 2026; public record",
        );
        assert_eq!(
            p.source_on(d("2026-02-04")),
            "Stuttgarter Nachrichten, 4 Feb 2026; public record"
        );
        // Both sides of a source's date.
        assert!(!p.source_on(d("2026-02-17")).contains("WSJ"));
        assert_eq!(
            p.source_on(d("2026-02-18")),
            "Stuttgarter Nachrichten, 4 Feb 2026; CENTCOM, 12 Feb 2026; WSJ, CBS and BBC, 18–19 Feb 2026; public record"
        );
    }

    #[test]
    fn a_source_as_of_a_day_keeps_the_undated_and_earlier_items_only() {
        let source = "Public record; CENTCOM, 12 Feb 2026; News report, late Sep 2024; WSJ, 18–19 Feb 2026";
        assert_eq!(
            source_as_of(source, d("2026-02-12")),
            "Public record; CENTCOM, 12 Feb 2026; News report, late Sep 2024"
        );
        assert_eq!(source_as_of(source, d("2024-08-31")), "Public record");
        assert_eq!(source_as_of("Rudaw, 1 Apr 2026", d("2026-03-31")), "");
    }

    #[test]
    fn a_text_is_said_by_a_day_only_if_every_report_it_cites_is_dated_by_then() {
        let dispute = "Out by 15 September 2025, a source projected (Shafaq News, 19 Aug 2025); done, said Rudaw \
                       (Rudaw, 26 Nov 2025).";
        assert!(!said_by(dispute, d("2025-11-25")));
        assert!(said_by(dispute, d("2025-11-26")));
        assert!(said_by(
            "About 40 went to Jordan, says one paper; 75, says another.",
            d("2014-01-01")
        ));
        assert!(
            said_by("Out by September 2026 (joint statement, 27 Sep 2024).", d("2024-09-27")),
            "a deadline"
        );
    }

    #[test]
    fn a_dispute_is_known_once_its_reports_or_else_its_first_date_are() {
        let grok = "A page says the base was evacuated on 20 October 2024; the record rejects it.";
        assert!(!dispute_known_by(grok, d("2024-09-27")));
        assert!(dispute_known_by(grok, d("2024-10-20")));
        assert!(!dispute_known_by(
            "16 February 2026 (Mosaicbeat; idcorner).",
            d("2026-02-15")
        ));
        let cited = "Out by 15 September 2025, a source projected (Shafaq News, 19 Aug 2025).";
        assert!(
            dispute_known_by(cited, d("2025-08-19")),
            "its report, not the date it projects"
        );
        assert!(dispute_known_by(
            "About 40, says one paper; 75, says another.",
            d("2014-01-01")
        ));
    }

    #[test]
    fn a_detail_keeps_the_sentences_said_by_the_day() {
        let detail = "The US and Iraq announce a transition (Defense Priorities (opinion), Oct 2025 aside). About \
                      2,500 are in Iraq (news report, late Sep 2024) and 900 in Syria (wire reports, 28 Sep 2024). \
                      Out by September 2026.";
        assert_eq!(sentences_said_by(detail, d("2024-09-27")), "Out by September 2026.");
        assert_eq!(sentences_said_by(detail, d("2025-10-01")), detail);
    }

    #[test]
    fn an_account_written_after_the_phase_looks_back_on_all_of_it() {
        let p = phase(
            "2014-08-08",
            Some("2021-12-08"),
            "News report, late Sep 2024; public record",
        );
        assert_eq!(
            p.source_on(d("2014-08-08")),
            "News report, late Sep 2024; public record"
        );
        let open = phase("2026-03-14", None, "Rudaw, 1 Apr 2026");
        assert_eq!(open.source_on(d("2026-03-31")), "");
        assert_eq!(open.source_on(d("2026-04-01")), "Rudaw, 1 Apr 2026");
    }
}
