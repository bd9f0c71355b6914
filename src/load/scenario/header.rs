//! The header's keys on how the scenario is shown: `default_track`,
//! `compare` and `opening_date`. Each may be left out, and the rule then
//! applies: the first track; the first two tracks; today. The code knows
//! no track by name, so a scenario whose tracks are called anything works
//! the same.

use toml::{Spanned, Value};

use super::{Checker, Ids};
use crate::model::date_format::TODAY;
use crate::model::printable::quoted;
use crate::model::{OpeningDate, TrackIdx};

impl Checker<'_> {
    /// `default_track = "<track id>"`; the first track when left out.
    pub(super) fn default_track(&mut self, raw: Option<&Spanned<String>>, track_ids: &Ids) -> TrackIdx {
        raw.and_then(|id| self.lookup(id, track_ids, "track", " in \"default_track\""))
            .map_or(TrackIdx(0), TrackIdx)
    }

    /// `compare = ["<left track id>", "<right track id>"]`; the first two
    /// tracks when left out (none with fewer than two).
    pub(super) fn compare(
        &mut self,
        raw: Option<&Spanned<Vec<Spanned<String>>>>,
        track_ids: &Ids,
    ) -> Option<[TrackIdx; 2]> {
        let Some(raw) = raw else {
            return (track_ids.list.len() >= 2).then_some([TrackIdx(0), TrackIdx(1)]);
        };
        let [left, right] = raw.get_ref().as_slice() else {
            self.error(
                &raw.span(),
                format!(
                    "\"compare\" lists {} track ids; expected two, left then right, \
                     e.g. compare = [\"announced\", \"reported\"]",
                    raw.get_ref().len()
                ),
            );
            return None;
        };
        let context = " in \"compare\"";
        let (left_idx, right_idx) = (
            self.lookup(left, track_ids, "track", context),
            self.lookup(right, track_ids, "track", context),
        );
        let (left_idx, right_idx) = (left_idx?, right_idx?);
        if left_idx == right_idx {
            self.error(
                &right.span(),
                format!(
                    "\"compare\" names the track {} twice; expected two different tracks",
                    quoted(right.get_ref())
                ),
            );
            return None;
        }
        Some([TrackIdx(left_idx), TrackIdx(right_idx)])
    }

    /// `opening_date = "today"` or a day of the range; today when left out.
    pub(super) fn opening(&mut self, raw: Option<&Spanned<Value>>) -> OpeningDate {
        let Some(raw) = raw else {
            return OpeningDate::Today;
        };
        if raw.get_ref().as_str() == Some(TODAY) {
            return OpeningDate::Today;
        }
        let Some(date) = self.date(raw, "\"opening_date\"") else {
            // The date's own message, and the other thing the key takes.
            if let Some((_, message)) = self.errors.last_mut() {
                message.push_str(&format!(", or {}", quoted(TODAY)));
            }
            return OpeningDate::Today;
        };
        if let Some(range) = self.range
            && !range.contains(date)
        {
            self.error(
                &raw.span(),
                format!(
                    "\"opening_date\" {date} is outside the range {}..{}; expected a day of the range, or {}",
                    range.start,
                    range.end,
                    quoted(TODAY)
                ),
            );
        }
        OpeningDate::On(date)
    }
}
