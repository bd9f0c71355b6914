//! Calendar ticks: which dates a time axis marks, how coarse each mark is
//! and how it is labelled. The timeline chart's time axis (which the troop
//! panel shares) and the time slider's year ticks follow this one rule, so
//! that the two never mark different years of the same range, and a range
//! of ten thousand years stays a few hundred ticks in both.
//!
//! Pure: dates and day counts in, dates, ranks and labels out; the widgets
//! turn them into screen positions.
//!
//! - Years: 1 January of every 1st, 2nd, 5th, 10th, 20th, … year, the
//!   smallest stride that keeps ticks the asked spacing apart. A tick's rank
//!   is the largest of those steps that divides its year (2020 outranks
//!   2025, which outranks 2021), so that labels thin to the round years.
//! - Months: the first of each month once months are the asked spacing
//!   apart; January is the year's tick, July ranks half a year, April and
//!   October a quarter.
//! - Days: once days are the asked spacing apart and the span is at most
//!   [`MAX_DAY_TICK_SPAN_DAYS`]; the 8th, 15th and 22nd rank a week.

use chrono::Datelike as _;

use crate::model::{Date, date_format};

/// A year's length in days, as a tick's rank counts it.
pub const YEAR_DAYS: f64 = 365.25;

/// A month's mean length in days, as a tick's rank counts it.
pub const MONTH_DAYS: f64 = 30.44;

/// The longest span, in days, over which days are ticked: a guard against
/// a flood of ticks, whatever spacing is asked.
pub const MAX_DAY_TICK_SPAN_DAYS: i64 = 5000;

/// The largest step between year ticks, years.
const MAX_YEAR_STEP: i32 = 1_000_000;

/// The largest rank a year tick claims: ten thousand years.
const MAX_RANK_STEP_YEARS: i32 = 10_000;

/// A marked date and its rank: the step, in days, of the coarsest rule that
/// marks it (ten years for 1 January 2020 on a yearly axis, a quarter for
/// 1 April). Axes thin their labels by it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CalendarTick {
    pub date: Date,
    pub step_days: f64,
}

impl CalendarTick {
    /// The tick's label ([`label`]).
    pub fn label(self) -> String {
        label(self.date, self.step_days)
    }
}

/// The label of a tick on `date` ranked `step_days`: "2025" for a year,
/// "Oct 2025" for a month, "8 Oct" for a day or a week.
pub fn label(date: Date, step_days: f64) -> String {
    if step_days >= 365.0 {
        date.year().to_string()
    } else if step_days >= 28.0 {
        date_format::month_year(date)
    } else {
        date_format::day_month(date)
    }
}

/// The smallest of 1, 2, 5, 10, 20, 50, … years that is at least
/// `min_years` (at most a million): the step between year ticks that keeps
/// them apart on any range, ten years or ten thousand.
pub fn year_step(min_years: f64) -> i32 {
    let mut decade = 1;
    loop {
        for multiple in [1, 2, 5] {
            let step = multiple * decade;
            if f64::from(step) >= min_years || step >= MAX_YEAR_STEP {
                return step.min(MAX_YEAR_STEP);
            }
        }
        decade *= 10;
    }
}

/// The years from `first` to `last` that are multiples of `step` (a step
/// below one counts as one).
pub fn years_every(first: i32, last: i32, step: i32) -> impl Iterator<Item = i32> {
    let step = step.max(1);
    (first.div_euclid(step) + i32::from(first.rem_euclid(step) != 0)..=last.div_euclid(step)).map(move |k| k * step)
}

/// The rank of a year tick on `year` among ticks every `stride` years: the
/// largest of `stride` and the 1, 2, 5, 10, … steps above it (up to
/// [`MAX_RANK_STEP_YEARS`]) that divides the year.
fn year_rank(year: i32, stride: i32) -> i32 {
    let (mut rank, mut nice) = (stride, stride);
    while nice < MAX_RANK_STEP_YEARS {
        nice = year_step(f64::from(nice) + 0.5);
        if year % nice == 0 {
            rank = nice;
        }
    }
    rank
}

/// 1 January of every [`year_step`]`(min_step_years)`th year that falls
/// within `first..=last`, each ranked ([`CalendarTick::step_days`]) by the
/// roundest step its year is a multiple of.
pub fn year_ticks(first: Date, last: Date, min_step_years: f64) -> Vec<CalendarTick> {
    let stride = year_step(min_step_years);
    years_every(first.year(), last.year(), stride)
        .filter_map(|year| {
            let jan1 = Date::from_ymd_opt(year, 1, 1).filter(|d| (first..=last).contains(d))?;
            Some(CalendarTick {
                date: jan1,
                step_days: f64::from(year_rank(year, stride)) * YEAR_DAYS,
            })
        })
        .collect()
}

/// Every tick within `first..=last` for ticks at least `min_step_days`
/// apart: years ([`year_ticks`]), then months, then days, as the module
/// says. Empty if `last` is before `first`.
pub fn calendar_ticks(first: Date, last: Date, min_step_days: f64) -> Vec<CalendarTick> {
    if last < first {
        return Vec::new();
    }
    let mut ticks = year_ticks(first, last, min_step_days / YEAR_DAYS);
    if min_step_days <= MONTH_DAYS {
        let mut month = first.with_day(1);
        while let Some(m) = month.filter(|m| *m <= last) {
            let step_days = match m.month() {
                1 => YEAR_DAYS,
                7 => YEAR_DAYS / 2.0,
                4 | 10 => YEAR_DAYS / 4.0,
                _ => MONTH_DAYS,
            };
            // January is the year tick's; a month that starts before
            // `first` is outside.
            if m.month() != 1 && m >= first {
                ticks.push(CalendarTick { date: m, step_days });
            }
            month = m.checked_add_months(chrono::Months::new(1));
        }
    }
    if min_step_days <= 1.0 && (last - first).num_days() <= MAX_DAY_TICK_SPAN_DAYS {
        for day in first.iter_days().take_while(|d| *d <= last) {
            let step_days = match day.day() {
                // The month's (or the year's) tick.
                1 => continue,
                8 | 15 | 22 => 7.0,
                _ => 1.0,
            };
            ticks.push(CalendarTick { date: day, step_days });
        }
    }
    ticks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    fn step_of(ticks: &[CalendarTick], on: &str) -> Option<f64> {
        ticks.iter().find(|t| t.date == date(on)).map(|t| t.step_days)
    }

    #[test]
    fn year_steps_are_the_smallest_of_one_two_five_times_a_power_of_ten_at_least_the_minimum() {
        let cases = [
            (0.0, 1),
            (1.0, 1),
            (1.5, 2),
            (2.0, 2),
            (3.0, 5),
            (7.0, 10),
            (11.0, 20),
            (499.0, 500),
            (1e12, MAX_YEAR_STEP),
        ];
        for (min_years, step) in cases {
            assert_eq!(year_step(min_years), step, "at least {min_years} years");
        }
    }

    #[test]
    fn years_every_gives_the_multiples_of_the_step_within_the_bounds_either_side_of_year_zero() {
        assert_eq!(years_every(2013, 2031, 5).collect::<Vec<_>>(), [2015, 2020, 2025, 2030]);
        assert_eq!(years_every(-7, 7, 5).collect::<Vec<_>>(), [-5, 0, 5]);
        assert_eq!(years_every(2020, 2020, 10).collect::<Vec<_>>(), [2020]);
        assert_eq!(years_every(2021, 2029, 10).count(), 0);
        assert_eq!(
            years_every(2024, 2026, 0).collect::<Vec<_>>(),
            [2024, 2025, 2026],
            "a zero step is one"
        );
    }

    #[test]
    fn a_decade_at_a_month_apart_or_more_is_ticked_by_year_only_round_years_ranked_higher() {
        let ticks = calendar_ticks(date("2014-06-01"), date("2027-06-30"), 32.0);
        let years: Vec<String> = ticks.iter().map(|t| t.label()).collect();
        assert_eq!(years.first().map(String::as_str), Some("2015"));
        assert_eq!(years.last().map(String::as_str), Some("2027"));
        assert_eq!(ticks.len(), 13, "one a year, no months: {years:?}");
        assert!(ticks.iter().all(|t| t.step_days >= YEAR_DAYS));
        let rank = |d: &str| step_of(&ticks, d).unwrap();
        assert!(rank("2020-01-01") > rank("2025-01-01"));
        assert!(rank("2025-01-01") > rank("2021-01-01"));
        assert_eq!(rank("2021-01-01"), YEAR_DAYS);
    }

    #[test]
    fn a_year_at_a_fortnight_apart_adds_months_ranked_by_quarter_but_no_days() {
        let ticks = calendar_ticks(date("2025-01-01"), date("2025-12-31"), 14.0);
        assert_eq!(ticks.len(), 12, "1 January and the firsts of eleven months");
        assert!(step_of(&ticks, "2025-01-01").unwrap() >= YEAR_DAYS);
        assert_eq!(step_of(&ticks, "2025-07-01"), Some(YEAR_DAYS / 2.0));
        assert_eq!(step_of(&ticks, "2025-04-01"), Some(YEAR_DAYS / 4.0));
        assert_eq!(step_of(&ticks, "2025-10-01"), Some(YEAR_DAYS / 4.0));
        assert_eq!(step_of(&ticks, "2025-03-01"), Some(MONTH_DAYS));
        assert_eq!(step_of(&ticks, "2025-03-15"), None);
    }

    #[test]
    fn two_months_at_under_a_day_apart_tick_every_day_weeks_ranked_above_days() {
        let (first, last) = (date("2025-09-10"), date("2025-11-10"));
        let ticks = calendar_ticks(first, last, 0.8);
        assert_eq!(ticks.len(), 62, "every day once: {ticks:?}");
        assert!(ticks.iter().all(|t| (first..=last).contains(&t.date)));
        assert_eq!(step_of(&ticks, "2025-10-01"), Some(YEAR_DAYS / 4.0));
        assert_eq!(step_of(&ticks, "2025-10-15"), Some(7.0));
        assert_eq!(step_of(&ticks, "2025-10-16"), Some(1.0));
        assert_eq!(step_of(&ticks, "2025-09-01"), None, "the month started before the span");
    }

    #[test]
    fn days_are_not_ticked_over_a_span_longer_than_the_cap() {
        let first = date("2000-01-01");
        let last = first + chrono::TimeDelta::days(MAX_DAY_TICK_SPAN_DAYS + 1);
        let ticks = calendar_ticks(first, last, 0.5);
        assert!(ticks.iter().all(|t| t.date.day() == 1), "only years and months");
        let shorter = calendar_ticks(first, last - chrono::TimeDelta::days(1), 0.5);
        assert!(shorter.iter().any(|t| t.date.day() == 2), "days within the cap");
    }

    #[test]
    fn ticks_stay_a_few_hundred_and_apart_over_thousands_of_years() {
        let first = date("2000-01-01");
        for years in [2_000, 7_999, 10_000] {
            let last = Date::from_ymd_opt(2000 + years, 1, 1).unwrap();
            for slots in [200_u32, 6_000] {
                // As many ticks as fit `slots` to the span at the least.
                let min_step_days = f64::from(years) * YEAR_DAYS / f64::from(slots);
                let ticks = calendar_ticks(first, last, min_step_days);
                assert!(!ticks.is_empty(), "{years} years / {slots}: none");
                assert!(
                    ticks.len() <= usize::try_from(slots).unwrap() + 1,
                    "{years} years / {slots}: {} ticks",
                    ticks.len()
                );
                let mut ranks: Vec<f64> = ticks.iter().map(|t| t.step_days).collect();
                ranks.sort_by(f64::total_cmp);
                assert!(
                    ranks[0] >= min_step_days,
                    "{years} years / {slots}: a rank of {}",
                    ranks[0]
                );
                assert!(
                    ranks[ranks.len() - 1] > ranks[0],
                    "{years} years / {slots}: one rank only"
                );
            }
        }
    }

    #[test]
    fn year_ticks_only_mark_a_first_of_january_inside_the_span() {
        let ticks = year_ticks(date("2014-06-01"), date("2017-01-01"), 1.0);
        let dates: Vec<Date> = ticks.iter().map(|t| t.date).collect();
        assert_eq!(dates, [date("2015-01-01"), date("2016-01-01"), date("2017-01-01")]);
        let every_fifth = year_ticks(date("2000-01-01"), date("2030-12-31"), 3.0);
        let years: Vec<String> = every_fifth.iter().map(|t| t.label()).collect();
        assert_eq!(years, ["2000", "2005", "2010", "2015", "2020", "2025", "2030"]);
        assert!(calendar_ticks(date("2020-01-02"), date("2020-01-01"), 1.0).is_empty());
    }

    #[test]
    fn labels_are_the_year_the_month_or_the_day_by_rank() {
        assert_eq!(label(date("2026-01-01"), YEAR_DAYS), "2026");
        assert_eq!(label(date("2025-10-01"), YEAR_DAYS / 4.0), "Oct 2025");
        assert_eq!(label(date("2025-10-01"), MONTH_DAYS), "Oct 2025");
        assert_eq!(label(date("2025-10-15"), 7.0), "15 Oct");
        assert_eq!(label(date("2025-10-16"), 1.0), "16 Oct");
    }
}
