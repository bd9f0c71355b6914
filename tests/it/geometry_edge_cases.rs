//! Geometry that real GeoJSON from elsewhere brings: features crossing
//! each other, holes, a MultiPolygon of many islands, tiny slivers, and a
//! scenario region with no features at all. Each builds, its triangles
//! cover exactly its polygons, and hit-testing answers what a person
//! pointing at the map would expect.

use drawdown::{FeatureKind, FeatureShape, MapGeometry, Projection, RegionIdx, default_scenario, parse_features};

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

/// Loads the map from features (the default scenario's regions:
/// federal_iraq, kurdistan, syria): parse, then build.
fn load(features: &[String]) -> Result<MapGeometry, drawdown::InputErrors> {
    let text = format!(
        r#"{{"type": "FeatureCollection", "features": [{}]}}"#,
        features.join(",\n")
    );
    let scenario = default_scenario().unwrap();
    parse_features(&text, "edge.geojson", FeatureKind::Region).and_then(|parsed| {
        MapGeometry::build(
            &scenario,
            &parsed,
            "edge.geojson",
            &[],
            "context",
            Projection::drawdown(),
        )
    })
}

/// The map built from features, which must load.
fn build(features: &[String]) -> MapGeometry {
    load(features).unwrap_or_else(|e| panic!("{e}"))
}

/// What loading features says when it refuses them.
fn refusal(features: &[String]) -> String {
    match load(features) {
        Ok(_) => panic!("loaded, expected a refusal"),
        Err(e) => e.to_string(),
    }
}

fn assert_mesh_covers_polygons(shape: &FeatureShape) {
    let (mesh, polygons) = (shape.mesh().area_km2(), shape.ring_area_km2());
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
    assert_eq!(shape.mesh().indices.len(), 200 * 2 * 3);
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
fn overlapping_parts_of_one_multipolygon_are_refused() {
    // Triangulated part by part on screen, filled even–odd over all rings
    // in an export: the overlap would be filled on one and empty on the
    // other. Crossing, and one part wholly inside another.
    let crossing = [vec![square(40.0, 30.0, 2.0)], vec![square(41.0, 31.0, 2.0)]];
    assert_eq!(
        refusal(&[feature("federal_iraq", "Doubled", &crossing)]),
        "edge.geojson: feature 0: (Doubled) polygon 0: exterior ring crosses polygon 1's exterior ring: the \
         segment from position 2 of the first crosses the one from position 3 of the second near [41.00000, \
         32.00000]; expected the polygons of a MultiPolygon apart (they may touch at points)"
    );
    let nested = [vec![square(40.0, 30.0, 2.0)], vec![square(40.5, 30.5, 0.5)]];
    assert_eq!(
        refusal(&[feature("federal_iraq", "Nested", &nested)]),
        "edge.geojson: feature 0: (Nested) polygon 1: exterior ring lies inside polygon 0 (its position 0 \
         [40.5, 30.5] is inside it); expected the polygons of a MultiPolygon apart (they may touch at points)"
    );
    // Listed the other way round, the inner one is still the one named.
    let swapped = [nested[1].clone(), nested[0].clone()];
    assert!(
        refusal(&[feature("federal_iraq", "Nested", &swapped)])
            .contains("polygon 0: exterior ring lies inside polygon 1"),
    );
}

#[test]
fn parts_that_touch_or_sit_in_a_lake_are_fine() {
    let lake = vec![[41.0, 31.0], [41.0, 32.0], [42.0, 32.0], [42.0, 31.0]];
    let parts = [
        vec![square(40.0, 30.0, 3.0), lake],
        // An island in the lake, and a square touching the shore at a corner.
        vec![square(41.25, 31.25, 0.5)],
        vec![square(43.0, 33.0, 1.0)],
    ];
    let map = build(&[feature("federal_iraq", "Shore", &parts)]);
    assert_mesh_covers_polygons(&map.features[0].shape);
    assert_eq!(name_at(&map, 41.5, 31.5).as_deref(), Some("Shore"), "on the island");
    assert_eq!(name_at(&map, 41.1, 31.1), None, "in the lake");
}

#[test]
fn misplaced_holes_are_refused_with_the_hole_and_its_position() {
    let outside = vec![[44.0, 31.0], [44.0, 31.5], [44.5, 31.5], [44.5, 31.0]];
    assert_eq!(
        refusal(&[feature(
            "federal_iraq",
            "Stray",
            &[vec![square(40.0, 30.0, 3.0), outside]]
        )]),
        "edge.geojson: feature 0: (Stray) polygon 0: hole 1 lies outside the exterior ring (its position 0 \
         [44, 31] is outside); expected every hole inside its polygon's exterior ring"
    );
    let (lake, pond) = (square(40.5, 30.5, 2.0), square(41.0, 31.0, 0.5));
    assert_eq!(
        refusal(&[feature(
            "federal_iraq",
            "Lakes",
            &[vec![square(40.0, 30.0, 3.0), lake, pond]]
        )]),
        "edge.geojson: feature 0: (Lakes) polygon 0: hole 2 lies inside hole 1 (its position 0 [41, 31] is \
         inside); expected holes side by side, not nested (land in a lake is a polygon of its own, in a \
         MultiPolygon)"
    );
    // A hole touching the exterior at a corner is judged by its next
    // position, and is inside.
    let touching = vec![[40.0, 30.0], [40.5, 31.0], [41.0, 30.5]];
    let map = build(&[feature(
        "federal_iraq",
        "Notch",
        &[vec![square(40.0, 30.0, 3.0), touching]],
    )]);
    assert_mesh_covers_polygons(&map.features[0].shape);
}

#[test]
fn a_figure_eight_through_a_shared_vertex_is_refused() {
    // Two loops meeting at [41, 31]: no two segments cross, yet the ring
    // runs through that point twice.
    let eight = vec![
        [40.0, 30.0],
        [41.0, 31.0],
        [42.0, 32.0],
        [42.0, 30.0],
        [41.0, 31.0],
        [40.0, 32.0],
    ];
    assert_eq!(
        refusal(&[feature("federal_iraq", "Eight", &[vec![eight]])]),
        "edge.geojson: feature 0: (Eight) polygon 0: exterior ring passes through [41, 31] twice, at positions \
         1 and 4; expected a simple ring (make each loop a polygon of its own, in a MultiPolygon)"
    );
    // The same two loops as a MultiPolygon touching at that point load.
    let loops = [
        vec![vec![[40.0, 30.0], [41.0, 31.0], [40.0, 32.0]]],
        vec![vec![[41.0, 31.0], [42.0, 32.0], [42.0, 30.0]]],
    ];
    let map = build(&[feature("federal_iraq", "Bow", &loops)]);
    assert_mesh_covers_polygons(&map.features[0].shape);
}

#[test]
fn a_whole_world_polygon_is_refused_not_drawn_as_nothing() {
    let world = vec![[-180.0, -90.0], [180.0, -90.0], [180.0, 90.0], [-180.0, 90.0]];
    assert_eq!(
        refusal(&[feature("federal_iraq", "World", &[vec![world]])]),
        "edge.geojson: feature 0: (World) polygon 0: exterior ring: the segment from position 0 [-180, -90] to \
         position 1 [180, -90] spans 360° of longitude; expected no segment across the antimeridian (±180°) nor \
         round the world (split such a polygon at ±180° into a MultiPolygon, as RFC 7946 asks; drawdown maps a \
         region, not the world)"
    );
    // Round the world in short steps: every segment is short, but the ring
    // crosses the meridian opposite the map's centre, where it is cut.
    let mut banded: Vec<[f64; 2]> = (-4..=4).map(|k| [f64::from(k) * 45.0, -60.0]).collect();
    banded.extend((-4..=4).rev().map(|k| [f64::from(k) * 45.0, 60.0]));
    assert_eq!(
        refusal(&[feature("federal_iraq", "Band", &[vec![banded]])]),
        "edge.geojson: feature 0: (Band) polygon 0: exterior ring: the segment from [-180, -60] to [-135, -60] \
         crosses longitude -138°, where the map's projection is cut open (opposite its central meridian); \
         expected a polygon within 180° of longitude of the map's centre (drawdown maps a region, not the world)"
    );
}

#[test]
fn a_polygon_across_the_antimeridian_is_refused() {
    let across = vec![[179.0, 10.0], [-179.0, 10.0], [-179.0, 12.0], [179.0, 12.0]];
    let message = refusal(&[feature("federal_iraq", "Fiji", &[vec![across]])]);
    assert!(
        message.starts_with(
            "edge.geojson: feature 0: (Fiji) polygon 0: exterior ring: the segment from position 0 [179, 10] to \
             position 1 [-179, 10] spans 358° of longitude; expected no segment across the antimeridian"
        ),
        "{message}"
    );
    // Split at ±180° as RFC 7946 asks, it loads: both halves far from the
    // map, but drawn where they are.
    let halves = [
        vec![vec![[179.0, 10.0], [180.0, 10.0], [180.0, 12.0], [179.0, 12.0]]],
        vec![vec![[-180.0, 10.0], [-179.0, 10.0], [-179.0, 12.0], [-180.0, 12.0]]],
    ];
    let map = build(&[feature("federal_iraq", "Fiji", &halves)]);
    assert_mesh_covers_polygons(&map.features[0].shape);
}

#[test]
fn a_hole_inside_in_degrees_but_outside_on_the_map_is_refused() {
    // Projected, the square's bottom edge is a straight chord that runs
    // ~0.1° north of the 30° parallel at its middle: this hole, inside in
    // degrees, pokes out of it on the map. The triangles would then cover
    // more than the rings; the load says so instead of drawing it.
    let hole = vec![[44.9, 30.02], [44.9, 30.06], [45.1, 30.06], [45.1, 30.02]];
    let message = refusal(&[feature(
        "federal_iraq",
        "Chord",
        &[vec![square(40.0, 30.0, 10.0), hole]],
    )]);
    assert!(
        message
            .starts_with("edge.geojson: feature 0: (Chord) polygon 0 cannot be triangulated: its triangles cover 100."),
        "{message}"
    );
    assert!(
        message.contains("of the area inside its rings on the map; expected 100%"),
        "{message}"
    );
}

/// A square over lon 40–50, lat 30–40 with `holes` small square holes on
/// a grid: what made earcut run for minutes. The grid keeps half a degree
/// from the edges: projected, the square's edges are straight chords that
/// run up to ~0.1° inside its bottom parallel, where holes in degrees
/// would poke out of it on the map.
fn holey_square(holes: usize) -> String {
    let side = (1..).find(|s| s * s >= holes).unwrap_or(1);
    #[expect(clippy::cast_precision_loss, reason = "a small grid")]
    let step = 9.0 / side as f64;
    let mut rings = vec![square(40.0, 30.0, 10.0)];
    for k in 0..holes {
        #[expect(clippy::cast_precision_loss, reason = "a small grid")]
        let (col, row) = ((k % side) as f64, (k / side) as f64);
        // Clockwise, a third of a cell wide.
        let (lon, lat, size) = (40.5 + (col + 0.33) * step, 30.5 + (row + 0.33) * step, step / 3.0);
        rings.push(vec![
            [lon, lat],
            [lon, lat + size],
            [lon + size, lat + size],
            [lon + size, lat],
        ]);
    }
    feature("federal_iraq", "Holes", &[rings])
}

#[test]
fn holes_up_to_the_cap_load_and_one_more_is_refused() {
    let cap = drawdown::MAX_HOLES_PER_POLYGON;
    let map = build(&[holey_square(cap)]);
    let shape = &map.features[0].shape;
    assert_eq!(shape.rings.len(), cap + 1);
    assert_mesh_covers_polygons(shape);
    assert_eq!(
        refusal(&[holey_square(cap + 1)]),
        format!(
            "edge.geojson: feature 0: (Holes) polygon 0: is too complex: it has {} holes, more than the {cap} a \
             polygon may have (triangulating many holes takes time that grows much faster than their number); \
             simplify it or split it into several polygons",
            cap + 1
        )
    );
    // 20,000 holes: refused at once, before any triangulation.
    assert!(refusal(&[holey_square(20_000)]).contains("it has 20000 holes, more than the"));
}

/// The square with `holes` round holes of `positions` positions each.
fn round_holes(holes: usize, positions: u32) -> String {
    let side = (1..).find(|s| s * s >= holes).unwrap_or(1);
    #[expect(clippy::cast_precision_loss, reason = "a small grid")]
    let step = 9.0 / side as f64;
    let mut rings = vec![square(40.0, 30.0, 10.0)];
    for k in 0..holes {
        #[expect(clippy::cast_precision_loss, reason = "a small grid")]
        let (lon, lat) = (
            40.5 + ((k % side) as f64 + 0.5) * step,
            30.5 + ((k / side) as f64 + 0.5) * step,
        );
        rings.push(
            (0..positions)
                .map(|i| {
                    let angle = -std::f64::consts::TAU * f64::from(i) / f64::from(positions);
                    [lon + step / 4.0 * angle.cos(), lat + step / 4.0 * angle.sin()]
                })
                .collect(),
        );
    }
    feature("federal_iraq", "Round", &[rings])
}

#[test]
fn holes_times_positions_is_capped_too() {
    use drawdown::MAX_HOLE_WORK;
    // 200 holes of 100 positions: 200 × 20,004 positions, under the cap.
    let map = build(&[round_holes(200, 100)]);
    assert_eq!(map.features[0].shape.rings.len(), 201);
    assert_mesh_covers_polygons(&map.features[0].shape);
    // 600 holes of 100: fewer holes than the hole cap, but 600 × 60,004
    // is over the work cap.
    const { assert!(600 * 60_004 > MAX_HOLE_WORK && 200 * 20_004 <= MAX_HOLE_WORK) };
    assert_eq!(
        refusal(&[round_holes(600, 100)]),
        format!(
            "edge.geojson: feature 0: (Round) polygon 0: is too complex: its 600 holes × 60004 positions = \
             36002400 is over the limit of {MAX_HOLE_WORK} (triangulating holes takes time that grows with both); \
             simplify it or split it into several polygons"
        )
    );
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
