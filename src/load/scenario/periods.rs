//! A track's periods per owner, read and checked by one piece of code for
//! both kinds of owner: a region (`[[tracks.periods]]`) and a base
//! (`[[tracks.base_periods]]`). Only the key naming the owner, the lookup
//! of it and what is reported about an owner without periods differ.

use toml::{Spanned, Value};

use super::{Checker, Ids, Interval, Sequence};
use crate::model::{Period, StatusIdx};

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
    /// names the track and owner in messages, in parentheses.
    pub(super) fn read_period(
        &mut self,
        lists: &mut PeriodLists,
        owner: Option<usize>,
        fields: PeriodFields<'_>,
        status_ids: &Ids,
        context: &str,
    ) {
        let status = self.lookup(fields.status, status_ids, "status", context);
        let source = self.required(fields.source, "period \"source\"", context);
        let confidence = self.confidence(fields.confidence, context);
        let disputed = self.disputed(fields.disputed, context);
        let from = self.date(fields.from, "period \"from\"");
        let to = self.optional_date(fields.to, "period \"to\"");
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
            });
            list_spans.push(Interval {
                from,
                to,
                from_span: fields.from.span(),
                to_span: fields.to.map(Spanned::span),
            });
        }
    }

    /// Order, overlap, gap and coverage checks on `owner`'s periods, when
    /// there are any and all of them were read. `context` (made only then)
    /// names the track and owner.
    pub(super) fn check_period_sequence(
        &mut self,
        lists: &PeriodLists,
        owner: usize,
        context: impl FnOnce() -> String,
    ) {
        if let Some(list) = lists.spans.get(owner)
            && !list.is_empty()
            && lists.is_complete(owner)
        {
            self.sequence(list, Sequence::Periods, &context());
        }
    }
}
