//! The embedded map geometry: every feature belongs to a known region, and
//! every triangulated mesh covers exactly its polygon — which fails if a
//! polygon were filled with egui's convex-only path fill or triangulated
//! wrongly.

use drawdown::LoadedInputs;

#[test]
fn every_feature_is_tagged_with_a_known_region() {
    let data = crate::support::data();
    let ids: Vec<&str> = data.scenario.regions.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["federal_iraq", "kurdistan", "syria"]);
    for (r, id) in ids.iter().enumerate() {
        let count = data.geometry.features.iter().filter(|f| f.region.0 == r).count();
        assert!(count >= 3, "region {id} has {count} features");
    }
    let kurdistan: Vec<&str> = data
        .geometry
        .features
        .iter()
        .filter(|f| f.region.0 == 1)
        .map(|f| f.shape.name.as_str())
        .collect();
    assert_eq!(kurdistan, ["Arbil", "As-Sulaymaniyah", "Dihok"]);
}

#[test]
fn triangulated_area_equals_polygon_area_for_every_feature() {
    let data = crate::support::data();
    let shapes = data
        .geometry
        .features
        .iter()
        .map(|f| &f.shape)
        .chain(&data.geometry.context);
    let mut checked = 0;
    for shape in shapes {
        let (mesh, polygon) = (shape.mesh().area_km2(), shape.ring_area_km2());
        let error = ((mesh - polygon) / polygon).abs();
        assert!(
            error < 1e-6,
            "{}: mesh {mesh} km² vs polygon {polygon} km² (rel. error {error:e})",
            shape.name
        );
        checked += 1;
    }
    assert!(checked > 60, "{checked}");
}

#[test]
fn areas_are_plausible_in_square_kilometres() {
    // Iraq is about 438,000 km², Syria about 185,000 km².
    let data = crate::support::data();
    let area = |region: usize| -> f64 {
        data.geometry
            .features
            .iter()
            .filter(|f| f.region.0 == region)
            .map(|f| f.shape.ring_area_km2())
            .sum()
    };
    let iraq = area(0) + area(1);
    let syria = area(2);
    assert!((iraq / 438_000.0 - 1.0).abs() < 0.05, "Iraq {iraq} km²");
    assert!((syria / 185_000.0 - 1.0).abs() < 0.05, "Syria {syria} km²");
}

#[test]
fn each_region_outline_is_one_closed_loop_around_it() {
    let data = crate::support::data();
    for (r, outlines) in data.geometry.region_outlines.iter().enumerate() {
        assert_eq!(outlines.len(), 1, "region {r} outline has {} pieces", outlines.len());
        let ring = &outlines[0].points;
        assert_eq!(ring.first(), ring.last(), "region {r} outline is closed");
    }
}

#[test]
fn hit_test_finds_the_governorate_under_a_city() {
    let data = crate::support::data();
    let g = &data.geometry;
    let name_at = |lon, lat| {
        g.feature_at(g.world_from_lonlat(lon, lat))
            .map(|i| g.features[i].shape.name.clone())
    };
    assert_eq!(name_at(44.36, 33.31).as_deref(), Some("Baghdad"));
    assert_eq!(name_at(44.01, 36.19).as_deref(), Some("Arbil"));
    assert_eq!(name_at(39.01, 35.95).as_deref(), Some("Ar Raqqah"));
    assert_eq!(name_at(30.0, 30.0), None, "Egypt is context, not a region");
}

#[test]
fn label_anchors_fall_inside_their_regions() {
    let data = crate::support::data();
    let g = &data.geometry;
    for (r, anchor) in g.region_label_anchors.iter().enumerate() {
        let anchor = anchor.expect("every region has features");
        let hit = g.feature_at(anchor).map(|i| g.features[i].region.0);
        assert_eq!(hit, Some(r), "label of region {r} at {anchor:?}");
    }
}

/// An undirected edge between two exact vertices.
type Edge = ((u32, u32), (u32, u32));

fn edges_of(points: &[emath::Pos2], closed: bool) -> Vec<Edge> {
    let k = |p: emath::Pos2| (p.x.to_bits(), p.y.to_bits());
    let n = points.len();
    let count = if closed { n } else { n.saturating_sub(1) };
    (0..count)
        .map(|i| {
            let (a, b) = (k(points[i]), k(points[(i + 1) % n]));
            if a <= b { (a, b) } else { (b, a) }
        })
        .filter(|(a, b)| a != b)
        .collect()
}

/// Thin borders are stroked once per edge: between two governorates of one
/// region (not under a region's outline, which is stroked over it), and
/// each context border once. At full detail and at a simplified level.
#[test]
fn thin_borders_stroke_each_shared_edge_once_and_only_inside_regions() {
    use std::collections::{HashMap, HashSet};
    let data = crate::support::data();
    let full = data.geometry.detail_for(f32::MAX);
    let coarse = data.geometry.detail_for(0.01);
    assert!(coarse.tolerance_km > 0.0, "the embedded map has levels");
    for detail in [full, coarse] {
        let what = format!("at {} km", detail.tolerance_km);
        // Which regions use each feature edge, and how often.
        let mut uses: HashMap<Edge, Vec<usize>> = HashMap::new();
        for f in detail.features {
            for ring in &f.shape.rings {
                for e in edges_of(ring, true) {
                    uses.entry(e).or_default().push(f.region.0);
                }
            }
        }
        let expected: HashSet<Edge> = uses
            .iter()
            .filter(|(_, regions)| regions.len() == 2 && regions[0] == regions[1])
            .map(|(e, _)| *e)
            .collect();
        assert!(expected.len() > 100, "{what}: {} internal edges", expected.len());
        let internal: Vec<Edge> = detail
            .borders
            .internal
            .iter()
            .flat_map(|l| edges_of(&l.points, false))
            .collect();
        let internal_set: HashSet<Edge> = internal.iter().copied().collect();
        assert_eq!(
            internal.len(),
            internal_set.len(),
            "{what}: an internal edge is stroked twice"
        );
        assert_eq!(internal_set, expected, "{what}: internal borders");
        let outline: HashSet<Edge> = detail
            .region_outlines
            .iter()
            .flatten()
            .flat_map(|l| edges_of(&l.points, false))
            .collect();
        assert!(
            internal_set.is_disjoint(&outline),
            "{what}: an internal border under an outline"
        );

        let all_context: HashSet<Edge> = detail
            .context
            .iter()
            .flat_map(|s| &s.rings)
            .flat_map(|r| edges_of(r, true))
            .collect();
        let context: Vec<Edge> = detail
            .borders
            .context
            .iter()
            .flat_map(|l| edges_of(&l.points, false))
            .collect();
        assert_eq!(
            context.len(),
            all_context.len(),
            "{what}: a context border is stroked twice"
        );
        assert_eq!(
            context.into_iter().collect::<HashSet<_>>(),
            all_context,
            "{what}: context borders"
        );
    }
}

/// A level of detail is built on first use, behind a lock. Rayon workers
/// (a sequence export) may wait on a level another thread is building; if
/// the build itself needed rayon's workers, all would wait forever. Each
/// round starts from unbuilt levels, with a plain thread and the rayon
/// workers asking for the same level at once.
#[test]
fn levels_built_while_rayon_workers_wait_for_them_do_not_deadlock() {
    use rayon::prelude::*;
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for _ in 0..10 {
            let data = LoadedInputs::embedded().unwrap();
            let geometry = &data.geometry;
            std::thread::scope(|scope| {
                scope.spawn(|| geometry.detail_for(0.05).tolerance_km);
                let built: Vec<f32> = (0..8)
                    .into_par_iter()
                    .map(|_| geometry.detail_for(0.05).tolerance_km)
                    .collect();
                assert!(built.iter().all(|&t| t > 0.0));
            });
        }
        let _ = done.send(());
    });
    assert!(
        finished.recv_timeout(std::time::Duration::from_secs(120)).is_ok(),
        "building levels deadlocked"
    );
}
