//! Geometry that real GeoJSON from elsewhere brings: features crossing
//! each other, holes, a MultiPolygon of many islands, tiny slivers, and a
//! scenario region with no features at all. Each builds, its triangles
//! cover exactly its polygons, and hit-testing answers what a person
//! pointing at the map would expect.

use drawdown::geo::{FeatureShape, MapGeometry, Projection};
use drawdown::load::geojson::{FeatureKind, parse_features};
use drawdown::load::scenario::default_scenario;
use drawdown::model::RegionIdx;

/// A polygon as rings of (lon, lat), exterior first; closed on output.
type Rings = Vec<Vec<[f64; 2]>>;

fn ring_json(ring: &[[f64; 2]]) -> String {
    let mut positions: Vec<String> = ring.iter().map(|[x, y]| format!("[{x}, {y}]")).collect();
    positions.push(format!("[{}, {}]", ring[0][0], ring[0][1]));
    format!("[{}]", positions.join(", "))
}

fn polygon_json(rings: &Rings) -> String {
    format!(
        "[{}]",
        rings.iter().map(|r| ring_json(r)).collect::<Vec<_>>().join(", ")
    )
}

/// A feature of `region` with one or more polygons.
fn feature(region: &str, name: &str, polygons: &[Rings]) -> String {
    let geometry = if let [one] = polygons {
        format!(r#"{{"type": "Polygon", "coordinates": {}}}"#, polygon_json(one))
    } else {
        let parts: Vec<String> = polygons.iter().map(polygon_json).collect();
        format!(r#"{{"type": "MultiPolygon", "coordinates": [{}]}}"#, parts.join(", "))
    };
    format!(
        r#"{{"type": "Feature", "properties": {{"region": "{region}", "name": "{name}"}}, "geometry": {geometry}}}"#
    )
}

fn square(lon: f64, lat: f64, size: f64) -> Vec<[f64; 2]> {
    vec![
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size],
        [lon, lat + size],
    ]
}

/// Builds the map from features (the default scenario's regions:
/// federal_iraq, kurdistan, syria).
fn build(features: &[String]) -> MapGeometry {
    let text = format!(
        r#"{{"type": "FeatureCollection", "features": [{}]}}"#,
        features.join(",\n")
    );
    let parsed = parse_features(&text, "edge.geojson", FeatureKind::Region).unwrap_or_else(|e| panic!("{e}"));
    let scenario = default_scenario().unwrap();
    MapGeometry::build(
        &scenario,
        &parsed,
        "edge.geojson",
        &[],
        "context",
        Projection::drawdown(),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn assert_mesh_covers_polygons(shape: &FeatureShape) {
    let (mesh, polygons) = (shape.mesh.area_km2(), shape.ring_area_km2());
    assert!(polygons > 0.0, "{}: polygon area {polygons}", shape.name);
    let error = ((mesh - polygons) / polygons).abs();
    assert!(
        error < 1e-6,
        "{}: mesh {mesh} km² vs polygons {polygons} km² (rel. error {error:e})",
        shape.name
    );
}

/// The name of the feature under (lon, lat), if any.
fn name_at(map: &MapGeometry, lon: f64, lat: f64) -> Option<String> {
    map.feature_at(map.world_from_lonlat(lon, lat))
        .map(|i| map.features[i].shape.name.clone())
}

#[test]
fn features_crossing_each_other_hit_test_to_the_first_in_file_order() {
    let features = [
        feature("federal_iraq", "West", &[vec![square(40.0, 30.0, 2.0)]]),
        // Overlaps West's north-east quarter, crossing its edges.
        feature("syria", "East", &[vec![square(41.0, 31.0, 2.0)]]),
    ];
    let map = build(&features);
    for f in &map.features {
        assert_mesh_covers_polygons(&f.shape);
    }
    assert_eq!(name_at(&map, 40.5, 30.5).as_deref(), Some("West"));
    assert_eq!(name_at(&map, 42.5, 32.5).as_deref(), Some("East"));
    // In the overlap: the feature listed first, every time.
    for _ in 0..3 {
        assert_eq!(name_at(&map, 41.5, 31.5).as_deref(), Some("West"));
        assert_eq!(name_at(&build(&features), 41.5, 31.5).as_deref(), Some("West"));
    }
    // Listed the other way round, the other one wins: the rule is file order.
    let swapped = [features[1].clone(), features[0].clone()];
    assert_eq!(name_at(&build(&swapped), 41.5, 31.5).as_deref(), Some("East"));
    assert_eq!(name_at(&map, 39.5, 29.5), None);
}

#[test]
fn holes_are_not_part_of_their_feature_but_an_island_in_one_is() {
    let lake = vec![[41.0, 31.0], [41.0, 32.0], [42.0, 32.0], [42.0, 31.0]]; // clockwise
    let features = [
        feature("federal_iraq", "Shore", &[vec![square(40.0, 30.0, 3.0), lake]]),
        feature("kurdistan", "Island", &[vec![square(41.25, 31.25, 0.5)]]),
    ];
    let map = build(&features);
    let shore = &map.features[0].shape;
    assert_mesh_covers_polygons(shore);
    assert_mesh_covers_polygons(&map.features[1].shape);
    // 9 square degrees less the 1 of the lake, give or take the projection.
    let full = FeatureShape::build(
        &parse_features(
            &format!(
                r#"{{"type": "FeatureCollection", "features": [{}]}}"#,
                feature("federal_iraq", "Full", &[vec![square(40.0, 30.0, 3.0)]])
            ),
            "full.geojson",
            FeatureKind::Region,
        )
        .unwrap()[0],
        &Projection::drawdown(),
    )
    .unwrap();
    let ratio = shore.ring_area_km2() / full.ring_area_km2();
    assert!((ratio - 8.0 / 9.0).abs() < 0.01, "{ratio}");

    assert_eq!(name_at(&map, 40.5, 30.5).as_deref(), Some("Shore"));
    assert_eq!(name_at(&map, 41.1, 31.1), None, "in the lake, off the island");
    assert_eq!(name_at(&map, 41.5, 31.5).as_deref(), Some("Island"));
}

#[test]
fn a_multipolygon_of_200_islands() {
    let islands: Vec<Rings> = (0..200)
        .map(|i| {
            let (col, row) = (f64::from(i % 20), f64::from(i / 20));
            vec![square(38.0 + col * 0.3, 30.0 + row * 0.3, 0.2)]
        })
        .collect();
    let map = build(&[feature("syria", "Archipelago", &islands)]);
    let shape = &map.features[0].shape;
    assert_eq!(shape.polygon_rings.len(), 200);
    assert_mesh_covers_polygons(shape);
    // Each island triangulated on its own: 2 triangles per square.
    assert_eq!(shape.mesh.indices.len(), 200 * 2 * 3);
    for i in [0, 19, 137, 199] {
        let (col, row) = (f64::from(i % 20), f64::from(i / 20));
        let (lon, lat) = (38.0 + col * 0.3, 30.0 + row * 0.3);
        assert_eq!(
            name_at(&map, lon + 0.1, lat + 0.1).as_deref(),
            Some("Archipelago"),
            "island {i}"
        );
        assert_eq!(name_at(&map, lon + 0.25, lat + 0.1), None, "strait east of island {i}");
    }
    let anchor = map.region_label_anchors[2].expect("the archipelago has a label anchor");
    assert_eq!(map.feature_at(anchor), Some(0), "label anchor on an island");
}

#[test]
fn overlapping_parts_of_one_multipolygon_are_still_inside_it() {
    let parts = [vec![square(40.0, 30.0, 2.0)], vec![square(41.0, 31.0, 2.0)]];
    let map = build(&[feature("federal_iraq", "Doubled", &parts)]);
    assert_eq!(name_at(&map, 41.5, 31.5).as_deref(), Some("Doubled"));
    assert_eq!(name_at(&map, 40.5, 30.5).as_deref(), Some("Doubled"));
    assert_eq!(name_at(&map, 42.5, 32.5).as_deref(), Some("Doubled"));
}

#[test]
fn tiny_slivers_build_and_hit_test() {
    // 2° long and 0.0005° (about 50 m) wide: the kind of gap filler that
    // generalised boundaries leave between neighbours.
    let sliver = vec![[40.0, 30.0], [42.0, 30.0], [42.0, 30.0005], [40.0, 30.0005]];
    let thin_triangle = vec![[40.0, 31.0], [42.0, 31.0], [41.0, 31.0002]];
    let map = build(&[
        feature("federal_iraq", "Sliver", &[vec![sliver]]),
        feature("kurdistan", "Needle", &[vec![thin_triangle]]),
        feature("syria", "Block", &[vec![square(40.0, 30.0005, 0.5)]]),
    ]);
    for f in &map.features {
        assert_mesh_covers_polygons(&f.shape);
    }
    // Edges are straight in world space, and over 2° a parallel bends away
    // from the chord by more than the sliver is wide: aim at the middle of
    // the projected corners, not at the middle in degrees.
    let centre = |shape: &FeatureShape| {
        let ring = &shape.rings[0];
        #[expect(clippy::cast_precision_loss, reason = "a handful of vertices")]
        let n = ring.len() as f32;
        ring.iter().fold(emath::Pos2::ZERO, |sum, p| sum + p.to_vec2() / n)
    };
    let hit = |world: emath::Pos2| map.feature_at(world).map(|i| map.features[i].shape.name.as_str());
    let (sliver, needle) = (centre(&map.features[0].shape), centre(&map.features[1].shape));
    assert_eq!(hit(sliver), Some("Sliver"));
    assert_eq!(hit(needle), Some("Needle"));
    assert_eq!(hit(needle + emath::vec2(0.0, 1.0)), None, "1 km north of the needle");
    assert_eq!(hit(needle - emath::vec2(0.0, 1.0)), None, "1 km south of the needle");
    assert_eq!(name_at(&map, 40.25, 30.25).as_deref(), Some("Block"));
}

#[test]
fn a_region_with_no_features_has_no_outline_or_anchor_and_breaks_nothing() {
    let map = build(&[
        feature("federal_iraq", "Iraq", &[vec![square(40.0, 30.0, 2.0)]]),
        feature("syria", "Syria", &[vec![square(37.0, 33.0, 2.0)]]),
    ]);
    let kurdistan = RegionIdx(1);
    assert!(map.features.iter().all(|f| f.region != kurdistan));
    assert_eq!(map.region_outlines.len(), 3);
    assert!(map.region_outlines[kurdistan.0].is_empty());
    assert_eq!(map.region_label_anchors[kurdistan.0], None);
    for r in [0, 2] {
        assert_eq!(map.region_outlines[r].len(), 1, "region {r}");
        assert!(map.region_label_anchors[r].is_some(), "region {r}");
    }
    assert!(map.bounds.is_positive());
    assert!(map.bounds.contains(map.world_from_lonlat(41.0, 31.0)));
    assert_eq!(map.vertex_count(), 8);
}

#[test]
fn no_region_features_at_all_still_gives_a_home_view() {
    let scenario = default_scenario().unwrap();
    let map = MapGeometry::build(&scenario, &[], "none.geojson", &[], "context", Projection::drawdown()).unwrap();
    assert!(map.features.is_empty());
    assert!(map.region_label_anchors.iter().all(Option::is_none));
    assert!(map.region_outlines.iter().all(Vec::is_empty));
    assert!(map.bounds.is_positive());
    assert_eq!(map.feature_at(map.bounds.center()), None);
}
