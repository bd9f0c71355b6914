//! A track's periods per owner, read and checked by one piece of code for
//! both kinds of owner: a region (`[[tracks.periods]]`) and a base
//! (`[[tracks.base_periods]]`). Only the key naming the owner, the lookup
//! of it and what is reported about an owner without periods differ.

use toml::{Spanned, Value};

use super::{Checker, Ids, Interval, Sequence};
use crate::model::{Date, Period, RecordCoverage, StatusIdx};

/// A period as written, less the key that names its owner: the part a
/// region's and a base's periods share.
pub(super) struct PeriodFields<'r> {
    pub(super) from: &'r Spanned<Value>,
    pub(super) to: Option<&'r Spanned<Value>>,
    pub(super) status: &'r Spanned<String>,
    pub(super) note: &'r str,
    pub(super) source: &'r Spanned<String>,
    pub(super) confidence: Option<&'r Spanned<String>>,
    pub(super) disputed: Option<&'r Spanned<String>>,
    pub(super) reported: Option<&'r Spanned<Value>>,
    pub(super) unknown_after: Option<&'r Spanned<String>>,
}

/// The [`PeriodFields`] of a `RawPeriod` or a `RawBasePeriod`. A macro, as
/// the two structs differ only in the name of the owner key, which serde's
/// derive cannot share between them (`flatten` loses the spans and does not
/// work with `deny_unknown_fields`).
macro_rules! period_fields {
    ($raw:expr) => {
        $crate::load::scenario::periods::PeriodFields {
            from: &$raw.from,
            to: $raw.to.as_ref(),
            status: &$raw.status,
            note: &$raw.note,
            source: &$raw.source,
            confidence: $raw.confidence.as_ref(),
            disputed: $raw.disputed.as_ref(),
            reported: $raw.reported.as_ref(),
            unknown_after: $raw.unknown_after.as_ref(),
        }
    };
}
pub(super) use period_fields;

/// Each owner's periods in file order, with the spans the sequence checks
/// report at, as they are read.
pub(super) struct PeriodLists {
    periods: Vec<Vec<Period>>,
    spans: Vec<Vec<Interval>>,
    /// An owner with a period that could not be read is not checked for
    /// gaps: the gap would be the unreadable period, reported already.
    complete: Vec<bool>,
    /// Whether some period named an owner that does not exist (reported
    /// already).
    any_unknown_owner: bool,
}

impl PeriodLists {
    pub(super) fn new(owner_count: usize) -> Self {
        Self {
            periods: vec![Vec::new(); owner_count],
            spans: (0..owner_count).map(|_| Vec::new()).collect(),
            complete: vec![true; owner_count],
            any_unknown_owner: false,
        }
    }

    /// Whether no period of `owner` was read (none written, or none
    /// readable).
    pub(super) fn is_empty(&self, owner: usize) -> bool {
        self.spans.get(owner).is_none_or(Vec::is_empty)
    }

    /// Whether every period written for `owner` could be read.
    pub(super) fn is_complete(&self, owner: usize) -> bool {
        self.complete.get(owner) == Some(&true)
    }

    pub(super) fn any_unknown_owner(&self) -> bool {
        self.any_unknown_owner
    }

    pub(super) fn into_periods(self) -> Vec<Vec<Period>> {
        self.periods
    }
}

impl Checker<'_> {
    /// Reads one period of `owner` (`None` when its key names no owner,
    /// reported already by the caller's lookup) into `lists`. `context`
    /// names the track and owner in messages, in parentheses; `record` is
    /// the track's (`None` on a plan, where `reported` and `unknown_after`
    /// are refused).
    pub(super) fn read_period(
        &mut self,
        lists: &mut PeriodLists,
        owner: Option<usize>,
        fields: PeriodFields<'_>,
        (status_ids, record): (&Ids, Option<RecordCoverage>),
        context: &str,
    ) {
        let status = self.lookup(fields.status, status_ids, "status", context);
        let source = self.required(fields.source, "period \"source\"", context);
        let confidence = self.confidence(fields.confidence, context);
        let disputed = self.disputed(fields.disputed, context);
        let from = self.date(fields.from, "period \"from\"");
        let to = self.optional_date(fields.to, "period \"to\"");
        let reported = self.reported(fields.reported, from, record.is_some(), context);
        let unknown_after = self.unknown_after(fields.unknown_after, record.is_some(), context);
        let Some(owner) = owner else {
            lists.any_unknown_owner = true;
            return;
        };
        let (Some(from), Some(to)) = (from, to) else {
            if let Some(c) = lists.complete.get_mut(owner) {
                *c = false;
            }
            return;
        };
        if let (Some(list), Some(list_spans)) = (lists.periods.get_mut(owner), lists.spans.get_mut(owner)) {
            list.push(Period {
                from,
                to,
                status: StatusIdx(status.unwrap_or(0)),
                note: fields.note.to_owned(),
                source,
                confidence,
                disputed,
                reported,
                unknown_after,
            });
            list_spans.push(Interval {
                from,
                to,
                from_span: fields.from.span(),
                to_span: fields.to.map(Spanned::span),
                unknown_after_span: fields.unknown_after.map(Spanned::span),
            });
        }
    }

    /// Order, overlap, gap and coverage checks on `owner`'s periods, when
    /// there are any and all of them were read. `context` (made only then)
    /// names the track and owner. A record track's periods may stop short
    /// of the range's end (the rest is "no report"), and only the last of
    /// them may say what stays unknown after it.
    pub(super) fn check_period_sequence(
        &mut self,
        lists: &PeriodLists,
        (owner, record): (usize, bool),
        context: impl FnOnce() -> String,
    ) {
        if let Some(list) = lists.spans.get(owner)
            && !list.is_empty()
            && lists.is_complete(owner)
        {
            let context = context();
            let kind = if record {
                Sequence::RecordPeriods
            } else {
                Sequence::Periods
            };
            self.sequence(list, kind, &context);
            let before_last = list.split_last().map_or(&[][..], |(_, rest)| rest);
            for span in before_last.iter().filter_map(|i| i.unknown_after_span.as_ref()) {
                self.error(
                    span,
                    format!(
                        "\"unknown_after\" on a period that is not the last ({context}); \
                         only the last period is followed by \"no report\": move it there"
                    ),
                );
            }
        }
    }

    /// An optional `reported` date: only on a record track (`record`), not
    /// before the period's `from`, not after the range's end (the record
    /// cannot end outside the range).
    fn reported(
        &mut self,
        value: Option<&Spanned<Value>>,
        from: Option<Date>,
        record: bool,
        context: &str,
    ) -> Option<Date> {
        let value = value?;
        let reported = self.date(value, "period \"reported\"")?;
        if !record {
            self.error(
                &value.span(),
                format!(
                    "period \"reported\" on a plan{context}; only a track of reports has report dates: \
                     add record = \"track\" or \"entity\" to the track, or leave \"reported\" out"
                ),
            );
        } else if let Some(from) = from
            && reported < from
        {
            self.error(
                &value.span(),
                format!(
                    "period \"reported\" {reported} is before its \"from\" {from}{context}; \
                     a period rests on a report made on or after its first day"
                ),
            );
        } else if let Some(range) = self.range
            && reported > range.end
        {
            self.error(
                &value.span(),
                format!(
                    "period \"reported\" {reported} is after the range end {}{context}; \
                     the record must end inside the range",
                    range.end
                ),
            );
        }
        Some(reported)
    }

    /// An optional `unknown_after`: only on a record track, and saying
    /// something.
    fn unknown_after(&mut self, value: Option<&Spanned<String>>, record: bool, context: &str) -> Option<String> {
        let value = value?;
        if !record {
            self.error(
                &value.span(),
                format!(
                    "\"unknown_after\" on a plan{context}; a plan's periods run as written and never fall \
                     silent: leave it out, or add record = \"track\" or \"entity\" to the track"
                ),
            );
        } else if value.get_ref().trim().is_empty() {
            self.error(
                &value.span(),
                format!(
                    "\"unknown_after\" is empty{context}; say what stays unknown after the last report, \
                     or leave it out"
                ),
            );
        }
        Some(value.get_ref().clone())
    }
}
