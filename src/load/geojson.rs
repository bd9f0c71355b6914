//! GeoJSON → polygons in longitude/latitude, validated once at load.
//!
//! The `geojson` crate parses the document; this module turns its features
//! into the app's own types and rejects what the renderer cannot draw
//! honestly, naming the file and the feature index.

use rayon::prelude::*;

use super::containment::{self, Budget, Misplaced};
use super::crossing::{Crossing, TooComplex, find_crossing};
use super::error::{InputError, InputErrors, Location};
use crate::model::printable::{bounded, foreign_message};
use crate::polygon::{MAX_HOLE_WORK, MAX_HOLES_PER_POLYGON, signed_ring_area, within_hole_caps};

/// The embedded default regions (Natural Earth admin-1 of Iraq and Syria).
pub const DEFAULT_REGIONS_GEOJSON: &str = include_str!("../../assets/regions.geojson");
pub const DEFAULT_REGIONS_NAME: &str = "<embedded regions.geojson>";
/// The embedded neighbouring countries (Natural Earth admin-0).
pub const DEFAULT_CONTEXT_GEOJSON: &str = include_str!("../../assets/context.geojson");
pub const DEFAULT_CONTEXT_NAME: &str = "<embedded context.geojson>";

/// A ring of (longitude, latitude) positions in degrees, not repeating its
/// first position at the end.
pub type LonLatRing = Vec<[f64; 2]>;

/// A polygon: the exterior ring first, then its holes.
#[derive(Clone, Debug, PartialEq)]
pub struct LonLatPolygon {
    pub rings: Vec<LonLatRing>,
}

/// One GeoJSON feature with a (Multi)Polygon geometry.
#[derive(Clone, Debug, PartialEq)]
pub struct GeoFeature {
    /// 0-based index in the file's `features`, for messages.
    pub index: usize,
    /// The `name` property, or "feature N" when it has none.
    pub name: String,
    /// The `region` property, when present.
    pub region: Option<String>,
    pub polygons: Vec<LonLatPolygon>,
}

/// Which properties a file must carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FeatureKind {
    /// Regions: every feature needs a string `region` property.
    Region,
    /// Context countries: `name` only.
    Context,
}

/// How much of the validation a file gets at load.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Checks {
    /// Every check: a user's file.
    Full,
    /// The embedded assets: checked in full when they were made (a test
    /// runs every check on them), so the costly topology checks — rings
    /// crossing, a ring through a point twice, holes inside their
    /// exterior, parts of a MultiPolygon overlapping — are skipped at run
    /// time. The cheap shape checks (ring lengths, closed rings, degrees in
    /// range, the hole caps, zero areas) still run.
    Embedded,
}

/// Parses a GeoJSON `FeatureCollection`. All problems are collected, each
/// naming `file` and the feature (or the line and column for JSON errors).
pub fn parse_features(text: &str, file: &str, kind: FeatureKind) -> Result<Vec<GeoFeature>, InputErrors> {
    parse_features_with(text, file, kind, Checks::Full)
}

/// [`parse_features`] with the `checks` the file's origin calls for.
pub fn parse_features_with(
    text: &str,
    file: &str,
    kind: FeatureKind,
    checks: Checks,
) -> Result<Vec<GeoFeature>, InputErrors> {
    // A byte-order mark is how some editors start UTF-8; JSON has no use
    // for it (RFC 8259 §8.1 lets a parser ignore it), so it is skipped.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(InputError::new(file, None, "file is empty, expected a GeoJSON FeatureCollection").into());
    }
    let collection: geojson::FeatureCollection = serde_json::from_str(text).map_err(|e| {
        let location = (e.line() > 0).then_some(Location::LineColumn {
            line: e.line(),
            // serde_json says column 0 before the first character of a line.
            column: e.column().max(1),
        });
        let what = if e.to_string().starts_with("number out of range") {
            // serde_json refuses 1e999 rather than making it infinite.
            "not valid JSON: number out of range (too large for a 64-bit float); \
             expected coordinates in degrees"
                .to_owned()
        } else if e.is_syntax() || e.is_eof() {
            format!("not valid JSON: {e}")
        } else {
            format!("not a GeoJSON FeatureCollection: {e}")
        };
        InputError::new(file, location, foreign_message(&readable_serde_message(&what)))
    })?;

    // A large file's checks (crossings, holes) take longer than its
    // parse: features are checked on every core, kept in file order.
    let converted: Vec<_> = collection
        .features
        .par_iter()
        .enumerate()
        .map(|(index, feature)| (index, convert_feature(index, feature, kind, checks)))
        .collect();
    let mut features = Vec::with_capacity(converted.len());
    let mut errors = Vec::new();
    for (index, result) in converted {
        match result {
            Ok(f) => features.push(f),
            Err(message) => errors.push(InputError::new(file, Some(Location::Feature { index }), message)),
        }
    }
    if errors.is_empty() {
        Ok(features)
    } else {
        Err(InputErrors(errors))
    }
}

/// serde_json appends " at line L column C"; the location is reported
/// separately, so drop it from the message. The geojson crate's private
/// helper types become what a user would call them.
fn readable_serde_message(message: &str) -> String {
    let message = match message.rfind(" at line ") {
        Some(i) => message.get(..i).unwrap_or(message),
        None => message,
    };
    message
        .replace(
            "struct DeserializeFeatureCollectionHelper",
            "an object {\"type\": \"FeatureCollection\", \"features\": [...]}",
        )
        .replace(
            "struct DeserializeFeatureHelper",
            "a Feature object {\"type\": \"Feature\", \"properties\": {...}, \"geometry\": {...}}",
        )
}

fn convert_feature(
    index: usize,
    feature: &geojson::Feature,
    kind: FeatureKind,
    checks: Checks,
) -> Result<GeoFeature, String> {
    let property = |key: &str| feature.properties.as_ref().and_then(|p| p.get(key));
    let name = match property("name") {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s.clone(),
        _ => format!("feature {index}"),
    };
    // How messages name the feature: the name is the file's text.
    let label = bounded(&name);
    let region = match property("region") {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
        Some(other) if kind == FeatureKind::Region => {
            return Err(format!(
                "({label}) property \"region\" is {}, expected a region id string",
                foreign_message(&other.to_string())
            ));
        }
        _ if kind == FeatureKind::Region => {
            return Err(format!(
                "({label}) has no \"region\" property, expected a region id such as \"federal_iraq\""
            ));
        }
        _ => None,
    };
    let geometry = feature
        .geometry
        .as_ref()
        .ok_or_else(|| format!("({label}) has no geometry, expected a Polygon or MultiPolygon"))?;
    let polygons = match &geometry.value {
        geojson::GeometryValue::Polygon { coordinates } => vec![convert_polygon(coordinates, checks)],
        geojson::GeometryValue::MultiPolygon { coordinates } => {
            coordinates.iter().map(|p| convert_polygon(p, checks)).collect()
        }
        other => {
            return Err(format!(
                "({label}) geometry is a {}, expected a Polygon or MultiPolygon",
                other.type_name()
            ));
        }
    };
    let (polygons, file_indices): (Vec<_>, Vec<_>) = polygons
        .into_iter()
        .enumerate()
        .map(|(i, p)| p.map_err(|e| format!("({label}) polygon {i}: {e}")))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .unzip();
    if polygons.is_empty() {
        return Err(format!("({label}) MultiPolygon has no polygons"));
    }
    if checks == Checks::Full
        && let Some(e) = overlapping_parts(&polygons, &file_indices)
    {
        return Err(format!("({label}) {e}"));
    }
    Ok(GeoFeature {
        index,
        name,
        region,
        polygons,
    })
}

/// For each ring of a polygon, the file's index of each position kept
/// (consecutive duplicates are dropped), so that messages point at the file.
type FileIndices = Vec<Vec<usize>>;

/// The file's index of position `k` of ring `ring`.
fn file_position(file_indices: &FileIndices, ring: usize, k: usize) -> usize {
    file_indices.get(ring).and_then(|ix| ix.get(k)).copied().unwrap_or(k)
}

fn convert_polygon(rings: &[Vec<geojson::Position>], checks: Checks) -> Result<(LonLatPolygon, FileIndices), String> {
    if rings.is_empty() {
        return Err("has no rings".to_owned());
    }
    let holes = rings.len() - 1;
    if holes > MAX_HOLES_PER_POLYGON {
        return Err(format!(
            "is too complex: it has {holes} holes, more than the {MAX_HOLES_PER_POLYGON} a polygon may have \
             (triangulating many holes takes time that grows much faster than their number); \
             simplify it or split it into several polygons"
        ));
    }
    let mut out = Vec::with_capacity(rings.len());
    // For each kept position, its index in the file's ring (consecutive
    // duplicates are dropped), so that messages point at the file.
    let mut file_indices: FileIndices = Vec::with_capacity(rings.len());
    for (r, ring) in rings.iter().enumerate() {
        let what = ring_name(r);
        if ring.len() < 4 {
            return Err(format!(
                "{what} has {} positions, a closed ring needs at least 4",
                ring.len()
            ));
        }
        let mut lonlats = Vec::with_capacity(ring.len());
        let mut indices = Vec::with_capacity(ring.len());
        for (i, position) in ring.iter().enumerate() {
            let p = position.as_slice();
            let (Some(&lon), Some(&lat)) = (p.first(), p.get(1)) else {
                return Err(format!("{what} position {i} has fewer than 2 coordinates"));
            };
            if !lon.is_finite()
                || !lat.is_finite()
                || !(-180.0..=180.0).contains(&lon)
                || !(-90.0..=90.0).contains(&lat)
            {
                return Err(format!(
                    "{what} position {i} is [{lon}, {lat}], expected longitude −180..180 and latitude −90..90"
                ));
            }
            // Consecutive duplicates add nothing and upset triangulation.
            if lonlats.last() == Some(&[lon, lat]) {
                // A segment starts at the last of a run of duplicates.
                if let Some(last) = indices.last_mut() {
                    *last = i;
                }
            } else {
                lonlats.push([lon, lat]);
                indices.push(i);
            }
        }
        if ring.first().map(|p| p.as_slice()) != ring.last().map(|p| p.as_slice()) {
            return Err(format!(
                "{what} is not closed: its last position differs from its first"
            ));
        }
        lonlats.pop(); // the closing position
        indices.pop();
        if lonlats.len() < 3 {
            return Err(format!("{what} has fewer than 3 distinct positions"));
        }
        if let Some(e) = antimeridian_segment(&lonlats, &indices) {
            return Err(format!("{what}: {e}"));
        }
        out.push(lonlats);
        file_indices.push(indices);
    }
    let positions: usize = out.iter().map(Vec::len).sum();
    if !within_hole_caps(holes, positions) {
        return Err(format!(
            "is too complex: its {holes} holes × {positions} positions = {} is over the limit of \
             {MAX_HOLE_WORK} (triangulating holes takes time that grows with both); simplify it or split \
             it into several polygons",
            holes.saturating_mul(positions)
        ));
    }
    if checks == Checks::Full {
        check_topology(&out, &file_indices)?;
    }
    // After the crossing check: a symmetric bow-tie has zero signed area,
    // and "crosses itself" is the message that helps.
    for (r, ring) in out.iter().enumerate() {
        if signed_ring_area(ring).abs() < 1e-12 {
            return Err(format!("{} has zero area", ring_name(r)));
        }
    }
    if checks == Checks::Full {
        check_holes_inside(&out, &file_indices)?;
    }
    Ok((LonLatPolygon { rings: out }, file_indices))
}

/// A polygon's rings cross neither themselves nor each other, and none
/// passes through one point twice.
fn check_topology(out: &[LonLatRing], file_indices: &FileIndices) -> Result<(), String> {
    let views: Vec<&[[f64; 2]]> = out.iter().map(Vec::as_slice).collect();
    match find_crossing(&views) {
        Ok(None) => {}
        Ok(Some(c)) => {
            let (first, second) = (ring_name(c.ring_a), ring_name(c.ring_b));
            return Err(format!(
                "{}; expected a simple ring (no self-intersection)",
                crossing_message(&c, file_indices, &first, &second)
            ));
        }
        Err(TooComplex { segments, .. }) => {
            return Err(format!(
                "is too complex to check for self-intersections ({segments} segments with too many \
                 overlapping bounding boxes); simplify it"
            ));
        }
    }
    // A ring through the same point twice is a figure-eight or a pinched
    // ring: even–odd filling (export) and triangulation (screen) disagree
    // on it, and the crossing check cannot see a crossing at a vertex.
    for (r, ring) in out.iter().enumerate() {
        if let Some((i, j)) = repeated_position(ring) {
            let (a, b) = (file_position(file_indices, r, i), file_position(file_indices, r, j));
            let [lon, lat] = ring[i];
            return Err(format!(
                "{} passes through [{lon}, {lat}] twice, at positions {a} and {b}; expected a simple ring \
                 (make each loop a polygon of its own, in a MultiPolygon)",
                ring_name(r)
            ));
        }
    }
    Ok(())
}

/// Each hole lies inside its polygon's exterior, none inside another.
fn check_holes_inside(out: &[LonLatRing], file_indices: &FileIndices) -> Result<(), String> {
    let views: Vec<&[[f64; 2]]> = out.iter().map(Vec::as_slice).collect();
    let mut budget = Budget::for_positions(out.iter().map(Vec::len).sum());
    let misplaced = containment::misplaced_hole(&views, &mut budget).map_err(|TooComplex { segments, .. }| {
        format!("is too complex to check that its holes lie inside it ({segments} positions); simplify it")
    })?;
    let at = |r: usize, k: usize| {
        let [lon, lat] = out.get(r).and_then(|ring| ring.get(k)).copied().unwrap_or_default();
        format!("position {} [{lon}, {lat}]", file_position(file_indices, r, k))
    };
    match misplaced {
        None => {}
        Some(Misplaced::HoleOutside { hole, position }) => {
            return Err(format!(
                "{} lies outside the exterior ring (its {} is outside); expected every hole inside its \
                 polygon's exterior ring",
                ring_name(hole),
                at(hole, position)
            ));
        }
        Some(Misplaced::HoleInHole { hole, outer, position }) => {
            return Err(format!(
                "{} lies inside {} (its {} is inside); expected holes side by side, not nested (land in a \
                 lake is a polygon of its own, in a MultiPolygon)",
                ring_name(hole),
                ring_name(outer),
                at(hole, position)
            ));
        }
    }
    Ok(())
}

/// "`<first>` crosses itself: …" or "`<first>` crosses `<second>`: …" near the
/// crossing, positions as in the file; `first` and `second` name the
/// crossing's rings.
fn crossing_message(c: &Crossing, file_indices: &FileIndices, first: &str, second: &str) -> String {
    let (a, b) = (
        file_position(file_indices, c.ring_a, c.position_a),
        file_position(file_indices, c.ring_b, c.position_b),
    );
    let [lon, lat] = c.at;
    let what = if c.ring_a == c.ring_b {
        format!("{first} crosses itself: the segment from position {a} crosses the one from position {b}")
    } else {
        format!(
            "{first} crosses {second}: the segment from position {a} of the first crosses the one from position {b} of the second"
        )
    };
    format!("{what} near [{lon:.5}, {lat:.5}]")
}

/// A segment of an open ring that spans more than half the world in
/// longitude: in degrees it runs the long way round, while the map draws
/// it the short way across ±180°, so every check made in degrees would
/// judge another shape than the one drawn. `indices` are the file's.
fn antimeridian_segment(ring: &[[f64; 2]], indices: &[usize]) -> Option<String> {
    let n = ring.len();
    (0..n).find_map(|i| {
        let (a, b) = (ring[i], ring[(i + 1) % n]);
        let span = (a[0] - b[0]).abs();
        (span > 180.0).then(|| {
            let (from, to) = (
                indices.get(i).copied().unwrap_or(i),
                indices.get((i + 1) % n).copied().unwrap_or((i + 1) % n),
            );
            format!(
                "the segment from position {from} [{}, {}] to position {to} [{}, {}] spans {span}° of longitude; \
                 expected no segment across the antimeridian (±180°) nor round the world (split such a \
                 polygon at ±180° into a MultiPolygon, as RFC 7946 asks; drawdown maps a region, not the world)",
                a[0], a[1], b[0], b[1]
            )
        })
    })
}

/// The first two positions of an open ring that are the same point, if any
/// (indices into the ring, the lower first). Sorting keeps it O(n log n).
fn repeated_position(ring: &[[f64; 2]]) -> Option<(usize, usize)> {
    let mut order: Vec<usize> = (0..ring.len()).collect();
    order.sort_unstable_by(|&a, &b| {
        let (p, q) = (ring[a], ring[b]);
        p[0].total_cmp(&q[0]).then(p[1].total_cmp(&q[1])).then(a.cmp(&b))
    });
    order
        .windows(2)
        .filter_map(|w| match *w {
            [a, b] if ring[a] == ring[b] => Some((a.min(b), a.max(b))),
            _ => None,
        })
        .min()
}

/// Parts of a MultiPolygon that cross or lie inside one another: both the
/// screen (each part triangulated) and an export (even–odd over all rings)
/// would draw them, each its own way. `None` for a single polygon.
fn overlapping_parts(polygons: &[LonLatPolygon], file_indices: &[FileIndices]) -> Option<String> {
    if polygons.len() < 2 {
        return None;
    }
    // Every ring of every part, and which (part, ring) each is.
    let mut views: Vec<&[[f64; 2]]> = Vec::new();
    let mut owners: Vec<(usize, usize)> = Vec::new();
    let mut flat_indices: FileIndices = Vec::new();
    for (p, polygon) in polygons.iter().enumerate() {
        for (r, ring) in polygon.rings.iter().enumerate() {
            views.push(ring);
            owners.push((p, r));
            flat_indices.push(
                file_indices
                    .get(p)
                    .and_then(|ix| ix.get(r))
                    .cloned()
                    .unwrap_or_default(),
            );
        }
    }
    let expected = "expected the polygons of a MultiPolygon apart (they may touch at points)";
    let too_complex = |segments: usize| {
        format!("is too complex to check that its polygons do not overlap ({segments} positions); simplify it")
    };
    match find_crossing(&views) {
        Ok(None) => {}
        Ok(Some(c)) => {
            let ((pa, ra), (pb, rb)) = (
                owners.get(c.ring_a).copied().unwrap_or_default(),
                owners.get(c.ring_b).copied().unwrap_or_default(),
            );
            let (first, second) = (ring_name(ra), format!("polygon {pb}'s {}", ring_name(rb)));
            return Some(format!(
                "polygon {pa}: {}; {expected}",
                crossing_message(&c, &flat_indices, &first, &second)
            ));
        }
        Err(TooComplex { segments, .. }) => return Some(too_complex(segments)),
    }
    let parts: Vec<Vec<&[[f64; 2]]>> = polygons
        .iter()
        .map(|p| p.rings.iter().map(Vec::as_slice).collect())
        .collect();
    let mut budget = Budget::for_positions(views.iter().map(|r| r.len()).sum());
    match containment::overlapping_part(&parts, &mut budget) {
        Ok(None) => None,
        Ok(Some((inner, outer, position))) => {
            let [lon, lat] = polygons
                .get(inner)
                .and_then(|p| p.rings.first())
                .and_then(|ring| ring.get(position))
                .copied()
                .unwrap_or_default();
            let at = file_indices
                .get(inner)
                .map_or(position, |ix| file_position(ix, 0, position));
            Some(format!(
                "polygon {inner}: exterior ring lies inside polygon {outer} (its position {at} [{lon}, {lat}] \
                 is inside it); {expected}"
            ))
        }
        Err(TooComplex { segments, .. }) => Some(too_complex(segments)),
    }
}

/// "exterior ring" or "hole N", as messages name a polygon's ring `r`.
pub fn ring_name(r: usize) -> String {
    if r == 0 {
        "exterior ring".to_owned()
    } else {
        format!("hole {r}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collection(geometry: &str, properties: &str) -> String {
        format!(
            r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{properties},"geometry":{geometry}}}]}}"#
        )
    }

    const SQUARE: &str = r#"{"type":"Polygon","coordinates":[[[40,30],[41,30],[41,31],[40,31],[40,30]]]}"#;

    #[test]
    fn reads_a_region_feature() {
        let text = collection(SQUARE, r#"{"region":"syria","name":"Raqqa"}"#);
        let features = parse_features(&text, "r.geojson", FeatureKind::Region).unwrap();
        assert_eq!(features[0].name, "Raqqa");
        assert_eq!(features[0].region.as_deref(), Some("syria"));
        assert_eq!(features[0].polygons[0].rings[0].len(), 4);
    }

    #[test]
    fn a_region_feature_without_region_is_an_error_naming_the_feature() {
        let text = collection(SQUARE, r#"{"name":"Raqqa"}"#);
        let errors = parse_features(&text, "r.geojson", FeatureKind::Region).unwrap_err();
        assert!(
            errors
                .to_string()
                .starts_with("r.geojson: feature 0: (Raqqa) has no \"region\""),
            "{errors}"
        );
    }

    #[test]
    fn rejects_points_unclosed_rings_and_bad_coordinates() {
        let cases = [
            (r#"{"type":"Point","coordinates":[40,30]}"#, "geometry is a Point"),
            (
                r#"{"type":"Polygon","coordinates":[[[40,30],[41,30],[41,31],[40,31]]]}"#,
                "not closed",
            ),
            (
                r#"{"type":"Polygon","coordinates":[[[40,30],[41,30],[40,30]]]}"#,
                "at least 4",
            ),
            (
                r#"{"type":"Polygon","coordinates":[[[40,30],[241,30],[41,31],[40,30]]]}"#,
                "expected longitude",
            ),
            (
                r#"{"type":"Polygon","coordinates":[[[40,30],[41,30],[42,30],[40,30]]]}"#,
                "zero area",
            ),
        ];
        for (geometry, expected) in cases {
            let text = collection(geometry, r#"{"region":"syria"}"#);
            let errors = parse_features(&text, "r.geojson", FeatureKind::Region).unwrap_err();
            assert!(errors.to_string().contains(expected), "{geometry}: {errors}");
        }
    }

    #[test]
    fn self_intersections_name_the_ring_and_positions() {
        // A bow-tie whose first position is repeated: the crossing segment
        // starts at file position 1 (0 and 1 are the same point).
        let crossing = r#"{"type":"Polygon","coordinates":[[[40,30],[40,30],[41,31],[41,30],[40,31],[40,30]]]}"#;
        let text = collection(crossing, r#"{"region":"syria"}"#);
        let errors = parse_features(&text, "r.geojson", FeatureKind::Region).unwrap_err();
        // Positions are the file's, counting the duplicate at 1.
        assert_eq!(
            errors.to_string(),
            "r.geojson: feature 0: (feature 0) polygon 0: exterior ring crosses itself: the segment from \
             position 1 crosses the one from position 3 near [40.50000, 30.50000]; expected a simple ring \
             (no self-intersection)"
        );
    }

    #[test]
    fn a_polygon_too_complex_to_check_is_refused_with_a_message() {
        let spikes = 5_000;
        let mut ring: Vec<String> = (0..2 * spikes)
            .map(|k| {
                let angle = std::f64::consts::TAU * f64::from(k) / f64::from(2 * spikes);
                let radius = if k % 2 == 0 { 10.0 } else { 0.01 };
                format!("[{},{}]", 40.0 + radius * angle.cos(), 30.0 + radius * angle.sin())
            })
            .collect();
        ring.push(ring[0].clone());
        let geometry = format!(r#"{{"type":"Polygon","coordinates":[[{}]]}}"#, ring.join(","));
        let text = collection(&geometry, r#"{"region":"syria"}"#);
        let errors = parse_features(&text, "r.geojson", FeatureKind::Region).unwrap_err();
        assert!(
            errors
                .to_string()
                .contains("polygon 0: is too complex to check for self-intersections (10000 segments"),
            "{errors}"
        );
    }

    #[test]
    fn json_errors_carry_line_and_column() {
        let errors = parse_features(
            "{\n  \"type\": \"FeatureCollection\",\n  \"features\": [",
            "r.geojson",
            FeatureKind::Region,
        )
        .unwrap_err();
        let text = errors.to_string();
        assert!(text.starts_with("r.geojson:3:"), "{text}");
        assert!(text.contains("not valid JSON"), "{text}");
    }

    #[test]
    fn embedded_assets_parse() {
        let regions = parse_features(DEFAULT_REGIONS_GEOJSON, DEFAULT_REGIONS_NAME, FeatureKind::Region).unwrap();
        assert!(regions.len() > 20, "{}", regions.len());
        let context = parse_features(DEFAULT_CONTEXT_GEOJSON, DEFAULT_CONTEXT_NAME, FeatureKind::Context).unwrap();
        assert!(context.len() > 10, "{}", context.len());
    }
}
