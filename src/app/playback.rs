//! Playback: the date advances with frame time (not a fixed step per
//! frame), so it runs at the chosen speed whatever the frame rate.

use chrono::TimeDelta;

use crate::model::{Date, DateRange};

/// Speed presets, days per second (1 day/s … 1 year/s).
pub const SPEED_PRESETS: [(f64, &str); 6] = [
    (1.0, "1 day/s"),
    (7.0, "1 week/s"),
    (30.44, "1 month/s"),
    (91.31, "1 quarter/s"),
    (182.6, "6 months/s"),
    (365.25, "1 year/s"),
];

/// The speed a first run plays at: a month a second.
pub const DEFAULT_SPEED_DAYS_PER_SEC: f64 = SPEED_PRESETS[2].0;

/// Lowest typed speed: a tenth of a day a second.
pub const MIN_SPEED_DAYS_PER_SEC: f64 = 0.1;

/// Highest typed speed: ten years a second.
pub const MAX_SPEED_DAYS_PER_SEC: f64 = 3652.5;

#[derive(Clone, Debug, PartialEq)]
pub struct Playback {
    pub playing: bool,
    pub backwards: bool,
    pub speed_days_per_sec: f64,
    pub looping: bool,
    /// Fraction of a day carried between frames.
    carry_days: f64,
}

impl Default for Playback {
    fn default() -> Self {
        Self {
            playing: false,
            backwards: false,
            speed_days_per_sec: DEFAULT_SPEED_DAYS_PER_SEC,
            looping: false,
            carry_days: 0.0,
        }
    }
}

impl Playback {
    pub fn set_speed(&mut self, days_per_sec: f64) {
        if days_per_sec.is_finite() {
            self.speed_days_per_sec = days_per_sec.clamp(MIN_SPEED_DAYS_PER_SEC, MAX_SPEED_DAYS_PER_SEC);
        }
    }

    /// Starts or pauses. Starting at the end of the range (or the start when
    /// playing backwards) restarts from the other end.
    pub fn toggle(&mut self, date: Date, range: DateRange) -> Option<Date> {
        self.playing = !self.playing;
        self.carry_days = 0.0;
        let at_end = if self.backwards {
            date <= range.start
        } else {
            date >= range.end
        };
        (self.playing && at_end).then_some(if self.backwards { range.end } else { range.start })
    }

    /// Advances by `dt_secs` of frame time; returns the new date when it
    /// moved. Stops at the range's end unless looping.
    pub fn advance(&mut self, dt_secs: f64, date: Date, range: DateRange) -> Option<Date> {
        if !self.playing || !dt_secs.is_finite() || dt_secs <= 0.0 {
            return None;
        }
        // A long stall (window hidden, debugger) must not jump years.
        let dt_secs = dt_secs.min(0.25);
        let sign = if self.backwards { -1.0 } else { 1.0 };
        self.carry_days += sign * dt_secs * self.speed_days_per_sec;
        // A hair of tolerance: sixty frames of 1/60 s add up to 0.999….
        let whole = (self.carry_days + sign * 1e-9).trunc();
        if whole == 0.0 {
            return None;
        }
        self.carry_days -= whole;
        #[expect(clippy::cast_possible_truncation, reason = "at most a few thousand days per frame")]
        let target = date.checked_add_signed(TimeDelta::days(whole as i64)).unwrap_or(date);
        let (end, start) = if self.backwards {
            (range.start, range.end)
        } else {
            (range.end, range.start)
        };
        let reached_end = if self.backwards { target <= end } else { target >= end };
        if !reached_end {
            return Some(target);
        }
        if self.looping {
            // Show the last day, then wrap on the next step past it.
            if target == end {
                return Some(end);
            }
            self.carry_days = 0.0;
            Some(start)
        } else {
            self.playing = false;
            self.carry_days = 0.0;
            Some(end)
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
            start: d("2014-08-01"),
            end: d("2027-06-30"),
        }
    }

    #[test]
    fn advances_by_frame_time_not_by_frames() {
        let mut p = Playback {
            playing: true,
            speed_days_per_sec: 10.0,
            ..Playback::default()
        };
        // 60 frames of 1/60 s at 10 days/s: ten days, whatever the split.
        let mut date = d("2025-01-01");
        for _ in 0..60 {
            if let Some(next) = p.advance(1.0 / 60.0, date, range()) {
                date = next;
            }
        }
        assert_eq!(date, d("2025-01-11"));
        let mut p2 = Playback {
            playing: true,
            speed_days_per_sec: 10.0,
            ..Playback::default()
        };
        let mut date2 = d("2025-01-01");
        for _ in 0..4 {
            if let Some(next) = p2.advance(0.25, date2, range()) {
                date2 = next;
            }
        }
        assert_eq!(date2, date);
    }

    #[test]
    fn stops_at_the_end_unless_looping() {
        let mut p = Playback {
            playing: true,
            speed_days_per_sec: 365.0,
            ..Playback::default()
        };
        assert_eq!(p.advance(0.25, d("2027-06-20"), range()), Some(d("2027-06-30")));
        assert!(!p.playing);
        let mut p = Playback {
            playing: true,
            looping: true,
            speed_days_per_sec: 365.0,
            ..Playback::default()
        };
        assert_eq!(p.advance(0.25, d("2027-06-20"), range()), Some(d("2014-08-01")));
        assert!(p.playing);
    }

    #[test]
    fn plays_backwards() {
        let mut p = Playback {
            playing: true,
            backwards: true,
            speed_days_per_sec: 4.0,
            ..Playback::default()
        };
        assert_eq!(p.advance(0.25, d("2025-01-10"), range()), Some(d("2025-01-09")));
        assert_eq!(p.advance(0.25, d("2025-01-09"), range()), Some(d("2025-01-08")));
        assert_eq!(p.advance(10.0, d("2014-08-02"), range()), Some(d("2014-08-01")));
        assert!(!p.playing, "stops at the start");
    }

    #[test]
    fn starting_at_the_end_rewinds() {
        let mut p = Playback::default();
        assert_eq!(p.toggle(d("2027-06-30"), range()), Some(d("2014-08-01")));
        assert!(p.playing);
        assert_eq!(p.toggle(d("2020-01-01"), range()), None);
        assert!(!p.playing);
    }
}
