//! How dates are written and read: every format the app prints, named, in
//! one place, so that the map, the chart, the tooltips, the file names
//! and the command line never spell a format of their own.

use super::Date;

/// `2025-10-01`: files, the command line, machine-readable output.
pub fn iso(date: Date) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// `1 Oct 2025`: tooltips and chart labels.
pub fn short(date: Date) -> String {
    date.format("%-d %b %Y").to_string()
}

/// `1 October 2025`: the map's title panel and the screen reader.
pub fn long(date: Date) -> String {
    date.format("%-d %B %Y").to_string()
}

/// `Wed 1 Oct 2025`: the top bar.
pub fn with_weekday(date: Date) -> String {
    date.format("%a %-d %b %Y").to_string()
}

/// `Oct 2025`: month marks of the timeline chart.
pub fn month_year(date: Date) -> String {
    date.format("%b %Y").to_string()
}

/// `1 Oct`: day marks of the timeline chart.
pub fn day_month(date: Date) -> String {
    date.format("%-d %b").to_string()
}

/// The word that stands for the user's today where a date is taken: the
/// command line's `--date`, `--from` and `--to`, and the scenario's
/// `opening_date`.
pub const TODAY: &str = "today";

/// Reads a `YYYY-MM-DD` date, or [`TODAY`] as `today`; the message says
/// what was expected.
pub fn parse_iso_or_today(text: &str, today: Date) -> Result<Date, String> {
    if text.trim() == TODAY {
        return Ok(today);
    }
    Date::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|e| format!("\"{text}\" is not a date: expected YYYY-MM-DD, a day that exists ({e}), or {TODAY}"))
}

/// Reads a `YYYY-MM-DD` date; the message says what was expected.
pub fn parse_iso(text: &str) -> Result<Date, String> {
    Date::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|e| format!("\"{text}\" is not a date: expected YYYY-MM-DD, a day that exists ({e})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_format_writes_the_same_day_its_own_way() {
        let d = Date::from_ymd_opt(2025, 10, 1).unwrap();
        assert_eq!(iso(d), "2025-10-01");
        assert_eq!(short(d), "1 Oct 2025");
        assert_eq!(long(d), "1 October 2025");
        assert_eq!(with_weekday(d), "Wed 1 Oct 2025");
        assert_eq!(month_year(d), "Oct 2025");
        assert_eq!(day_month(d), "1 Oct");
    }

    #[test]
    fn iso_dates_read_back_and_impossible_ones_are_refused() {
        let d = Date::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(parse_iso(&iso(d)), Ok(d));
        assert_eq!(parse_iso(" 2024-02-29 "), Ok(d));
        let err = parse_iso("2025-02-30").unwrap_err();
        assert!(err.contains("\"2025-02-30\" is not a date"), "{err}");
        assert!(parse_iso("1.10.2025").is_err());
    }

    #[test]
    fn today_is_read_as_the_given_day_and_named_when_a_date_is_refused() {
        let today = Date::from_ymd_opt(2026, 12, 7).unwrap();
        assert_eq!(parse_iso_or_today("today", today), Ok(today));
        assert_eq!(parse_iso_or_today(" today ", today), Ok(today));
        let d = Date::from_ymd_opt(2025, 10, 1).unwrap();
        assert_eq!(parse_iso_or_today("2025-10-01", today), Ok(d));
        let err = parse_iso_or_today("Today", today).unwrap_err();
        assert!(
            err.contains("expected YYYY-MM-DD") && err.ends_with("or today"),
            "{err}"
        );
        assert!(parse_iso_or_today("2025-02-30", today).is_err());
    }
}
