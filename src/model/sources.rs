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
    let words: Vec<&str> = item
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '(' | ')' | '"' | '.'))
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(2).enumerate().find_map(|(i, pair)| {
        let month = month_number(pair[0])?;
        let year: i32 = pair[1].parse().ok().filter(|_| pair[1].len() == 4)?;
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
