//! `drawdown check`: validate the inputs and say what they contain.

use super::{CliError, InputArgs};
use crate::inputs::LoadedInputs;
use crate::load::geojson::DEFAULT_REGIONS_NAME;
use crate::load::scenario::DEFAULT_SCENARIO_NAME;
use crate::model::printable::{QUOTE_MAX_CHARS, shortened};

/// Runs `drawdown check`; returns what to print on stdout.
pub fn run_check(inputs: &InputArgs) -> Result<String, CliError> {
    let data = LoadedInputs::load(&inputs.sources())?;
    for warning in &data.warnings {
        eprintln!("drawdown: warning: {warning}");
    }
    Ok(check_summary(&data))
}

fn check_summary(data: &LoadedInputs) -> String {
    let s = &data.scenario;
    let g = &data.geometry;
    let periods: usize = s.tracks.iter().flat_map(|t| &t.periods).map(Vec::len).sum();
    let phases: usize = s.tracks.iter().map(|t| t.phases.len()).sum();
    let bases = s.bases().count();
    let base_periods: usize = s.tracks.iter().flat_map(|t| &t.base_periods).map(Vec::len).sum();
    let per_region: Vec<String> = s
        .regions
        .iter()
        .enumerate()
        .map(|(r, region)| {
            format!(
                "{} {}",
                shortened(&region.id, QUOTE_MAX_CHARS),
                g.features.iter().filter(|f| f.region.0 == r).count()
            )
        })
        .collect();
    let triangles: usize = g.features.iter().map(|f| f.shape.mesh().indices.len() / 3).sum();
    let [scenario_name, regions_name] = data.sources.names([DEFAULT_SCENARIO_NAME, DEFAULT_REGIONS_NAME]);
    format!(
        "ok: {}: {} statuses, {} regions, {} tracks, {periods} periods, {phases} phases, {} milestones, {} places, \
         {bases} bases, {base_periods} base periods, {} troop groups, {} troop figures, {} incidents; range {}..{}\n\
         ok: {}: {} features ({}), {} vertices incl. context, {triangles} triangles\n",
        scenario_name,
        s.statuses.len(),
        s.regions.len(),
        s.tracks.len(),
        s.milestones.len(),
        s.places.len(),
        s.troop_groups.len(),
        s.troops.len(),
        s.incidents.len(),
        s.range.start,
        s.range.end,
        regions_name,
        g.features.len(),
        per_region.join(", "),
        g.vertex_count(),
    )
}
