//! The embedded map geometry: every feature belongs to a known region, and
//! every triangulated mesh covers exactly its polygon — which fails if a
//! polygon were filled with egui's convex-only path fill or triangulated
//! wrongly.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers outside #[test] fns"
)]

use drawdown::data::MapData;

#[test]
fn every_feature_is_tagged_with_a_known_region() {
    let data = MapData::embedded().unwrap();
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
    let data = MapData::embedded().unwrap();
    let shapes = data
        .geometry
        .features
        .iter()
        .map(|f| &f.shape)
        .chain(&data.geometry.context);
    let mut checked = 0;
    for shape in shapes {
        let (mesh, polygon) = (shape.mesh.area_km2(), shape.ring_area_km2());
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
    let data = MapData::embedded().unwrap();
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
    let data = MapData::embedded().unwrap();
    for (r, outlines) in data.geometry.region_outlines.iter().enumerate() {
        assert_eq!(outlines.len(), 1, "region {r} outline has {} pieces", outlines.len());
        let ring = &outlines[0];
        assert_eq!(ring.first(), ring.last(), "region {r} outline is closed");
    }
}

#[test]
fn hit_test_finds_the_governorate_under_a_city() {
    let data = MapData::embedded().unwrap();
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
    let data = MapData::embedded().unwrap();
    let g = &data.geometry;
    for (r, anchor) in g.region_label_anchors.iter().enumerate() {
        let anchor = anchor.expect("every region has features");
        let hit = g.feature_at(anchor).map(|i| g.features[i].region.0);
        assert_eq!(hit, Some(r), "label of region {r} at {anchor:?}");
    }
}
