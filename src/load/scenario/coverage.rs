//! A track's `record` key and what a record track promises: a `no_report`
//! status to fall silent in, and no phase past its record end (the phase
//! after it is made from that end, see [`crate::model::latest_report`]).

use toml::Spanned;

use super::{Checker, Ids, RawTrack};
use crate::model::printable::quoted;
use crate::model::{Milestone, NO_REPORT_STATUS_ID, RecordCoverage, Track, TrackIdx, latest_report};

impl Checker<'_> {
    /// The track's `record`: `"track"`, `"entity"` or left out (a plan).
    pub(super) fn record(&mut self, value: Option<&Spanned<String>>, track: &str) -> Option<RecordCoverage> {
        let value = value?;
        let coverage = RecordCoverage::from_id(value.get_ref());
        if coverage.is_none() {
            self.error(
                &value.span(),
                format!(
                    "track {}: record {} is unknown; expected \"{}\" (a report covers the whole track) or \
                     \"{}\" (each region and base until its own last report), or leave \"record\" out \
                     (a plan, run as written)",
                    quoted(track),
                    quoted(value.get_ref()),
                    RecordCoverage::IDS[0],
                    RecordCoverage::IDS[1],
                ),
            );
        }
        // A record was meant: check the rest as one, rather than report
        // each report date as one on a plan.
        Some(coverage.unwrap_or(RecordCoverage::Track))
    }

    /// Each record track has the `no_report` status to fall silent in,
    /// and none of its phases reaches past its record end (the latest
    /// report on it, milestones included), where the generated "No report
    /// after …" phase begins. The last phase may be left open: it ends at
    /// the record end.
    pub(super) fn records(
        &mut self,
        raw: &Spanned<Vec<Spanned<RawTrack>>>,
        tracks: &[Track],
        milestones: &[Milestone],
        status_ids: &Ids,
    ) {
        for (t, (raw, track)) in raw.get_ref().iter().zip(tracks).enumerate() {
            let raw = raw.get_ref();
            let (Some(record), Some(_)) = (&raw.record, track.record) else {
                continue;
            };
            if status_ids.position(NO_REPORT_STATUS_ID).is_none() {
                self.error(
                    &record.span(),
                    format!(
                        "track {} is a record (record = {}) but the scenario has no status \"{NO_REPORT_STATUS_ID}\"; \
                         add one: it colours the days after the last report",
                        quoted(&track.id),
                        quoted(record.get_ref())
                    ),
                );
            }
            let (Some(end), Some(range)) = (latest_report(track, TrackIdx(t), milestones), self.range) else {
                continue;
            };
            // A phase that could not be read is reported already, and the
            // phases no longer line up with the file's.
            if end >= range.end || raw.phases.len() != track.phases.len() {
                continue;
            }
            for (raw_phase, phase) in raw.phases.iter().zip(&track.phases) {
                let raw_phase = raw_phase.get_ref();
                let context = format!("track {}, phase {}", quoted(&track.id), quoted(&phase.title));
                if phase.from > end {
                    self.error(
                        &raw_phase.from.span(),
                        format!(
                            "phase \"from\" {} is after the record's end {end}, the latest report on the track \
                             ({context}); after it the phase \"No report after …\" is made for you",
                            phase.from
                        ),
                    );
                } else if let (Some(to), Some(to_value)) = (phase.to, &raw_phase.to)
                    && to > end
                {
                    self.error(
                        &to_value.span(),
                        format!(
                            "phase \"to\" {to} is after the record's end {end}, the latest report on the track \
                             ({context}); leave \"to\" out on the last phase: it ends at the record's end"
                        ),
                    );
                }
            }
        }
    }
}
