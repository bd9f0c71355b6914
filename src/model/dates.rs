//! Calendar days and the scenario's date range (what the slider spans).

/// A calendar day. No time of day and no time zone: the sources give days.
pub type Date = chrono::NaiveDate;

/// The calendar day at `utc` where the clock is `offset` ahead of UTC: what
/// "today" is for the user. Baghdad (+03:00) is a day ahead of UTC from
/// 21:00 UTC, so the UTC date would put the "today" line a day behind for
/// three hours each evening.
pub fn local_date(utc: chrono::DateTime<chrono::Utc>, offset: chrono::FixedOffset) -> Date {
    utc.with_timezone(&offset).date_naive()
}

/// The span of days a scenario covers, both ends inclusive.
///
/// The slider maps its position to a day with [`DateRange::date_at`] and
/// back with [`DateRange::days_from_start`]; both work in whole days so
/// that every position names exactly one day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateRange {
    pub start: Date,
    /// Inclusive.
    pub end: Date,
}

impl DateRange {
    /// Whether `d` is a day of the range (ends included).
    pub fn contains(&self, d: Date) -> bool {
        self.start <= d && d <= self.end
    }

    /// The nearest day of the range to `d`. Does not panic on an inverted
    /// range (the loader refuses those, but the fields are public): the
    /// start wins.
    pub fn clamp(&self, d: Date) -> Date {
        if d < self.start {
            self.start
        } else if d > self.end {
            self.end.max(self.start)
        } else {
            d
        }
    }

    /// Number of days from start to end (`end - start`): 0 for a one-day
    /// range, so a slider over `0..=len_days()` has one stop per day.
    pub fn len_days(&self) -> i64 {
        (self.end - self.start).num_days()
    }

    /// The day `days_from_start` days after the start, clamped to the range
    /// (negative → start, past the end → end).
    pub fn date_at(&self, days_from_start: i64) -> Date {
        let days = days_from_start.clamp(0, self.len_days().max(0));
        chrono::TimeDelta::try_days(days)
            .and_then(|delta| self.start.checked_add_signed(delta))
            .map_or(self.start, |d| self.clamp(d))
    }

    /// Whole days from the start to `d`; negative before the start and
    /// larger than [`len_days`](Self::len_days) after the end (not clamped,
    /// so callers can tell).
    pub fn days_from_start(&self, d: Date) -> i64 {
        (d - self.start).num_days()
    }

    /// Parses a date typed by a user (`YYYY-MM-DD`) that must lie in the
    /// range; the error says which rule it broke, naming the text.
    pub fn parse_date_in(&self, text: &str) -> Result<Date, String> {
        let text = text.trim();
        let date = super::date_format::parse_iso(text)?;
        if self.contains(date) {
            Ok(date)
        } else {
            Err(format!("{date} is outside {}..{}", self.start, self.end))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn range() -> DateRange {
        DateRange {
            start: d("2024-02-27"),
            end: d("2024-03-02"),
        }
    }

    #[test]
    fn the_local_date_is_a_day_ahead_in_baghdad_late_in_the_utc_evening() {
        let utc = chrono::DateTime::parse_from_rfc3339("2026-03-01T21:30:00Z")
            .unwrap()
            .to_utc();
        let baghdad = chrono::FixedOffset::east_opt(3 * 3600).unwrap();
        assert_eq!(local_date(utc, baghdad), d("2026-03-02"));
        assert_eq!(
            local_date(utc, chrono::FixedOffset::east_opt(0).unwrap()),
            d("2026-03-01")
        );
        // West of Greenwich, still the day before.
        let washington = chrono::FixedOffset::west_opt(5 * 3600).unwrap();
        let early = chrono::DateTime::parse_from_rfc3339("2026-03-02T02:00:00Z")
            .unwrap()
            .to_utc();
        assert_eq!(local_date(early, washington), d("2026-03-01"));
    }

    #[test]
    fn ends_are_inclusive() {
        let r = range();
        assert!(r.contains(d("2024-02-27")));
        assert!(r.contains(d("2024-03-02")));
        assert!(!r.contains(d("2024-02-26")));
        assert!(!r.contains(d("2024-03-03")));
    }

    #[test]
    fn length_counts_the_leap_day() {
        assert_eq!(range().len_days(), 4);
    }

    #[test]
    fn date_at_and_days_from_start_are_inverse_inside_the_range() {
        let r = range();
        for i in 0..=r.len_days() {
            assert_eq!(r.days_from_start(r.date_at(i)), i);
        }
        assert_eq!(r.date_at(2), d("2024-02-29"));
    }

    #[test]
    fn outside_the_range_dates_clamp_and_offsets_do_not() {
        let r = range();
        assert_eq!(r.date_at(-5), r.start);
        assert_eq!(r.date_at(99), r.end);
        assert_eq!(r.date_at(i64::MAX), r.end);
        assert_eq!(r.date_at(i64::MIN), r.start);
        assert_eq!(r.clamp(d("2000-01-01")), r.start);
        assert_eq!(r.clamp(d("2030-01-01")), r.end);
        assert_eq!(r.clamp(d("2024-02-29")), d("2024-02-29"));
        assert_eq!(r.days_from_start(d("2024-02-26")), -1);
        assert_eq!(r.days_from_start(d("2024-03-03")), 5);
    }

    #[test]
    fn an_inverted_range_does_not_panic() {
        let r = DateRange {
            start: d("2024-03-02"),
            end: d("2024-02-27"),
        };
        assert_eq!(r.clamp(d("2030-01-01")), r.start);
        assert_eq!(r.date_at(3), r.start);
    }
}
