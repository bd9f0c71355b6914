//! What the map marks beside the regions' fills, and how: each city's dot,
//! each base's marker (filled by the base's own status, shaped by it), the
//! hatch of a region or base with no report after its last one, the dotted
//! line or ring of a low-confidence period, the tracks' disagreement, and
//! the incidents near the shown date. Marks only: their labels are
//! [`super::labels`]'s.
//!
//! [`MapMarks`] is what a frame's marks depend on, worked out once per
//! frame from the scenario: the painter draws from it and the exporter's
//! base-layer cache keys on it, so the two cannot disagree. The markers'
//! geometry (sizes, where an incident sits, what the pointer hits) lives
//! here too, for the painter, the legend and the map widget's hover.

use egui::{Color32, Pos2, Rect, Stroke, Vec2, pos2, vec2};

use super::canvas::{Canvas, WorldLine, hatch_pieces};
use super::layer::MapLayer;
use super::scene::MapScene;
use super::style::{INCIDENT_COLOR, MapStyle, color32};
use super::view::ScreenFromWorld;
use crate::model::{
    Confidence, Date, Entity, Incident, NO_REPORT_STATUS_ID, PlaceIdx, PlaceKind, RegionIdx, Scenario, Status,
    StatusIdx, TrackIdx,
};

/// Incidents are shown this many days either side of their date, fading.
pub const INCIDENT_WINDOW_DAYS: u32 = 7;

/// Stripe period of a hatched region, layout units.
pub const REGION_HATCH_PERIOD_U: f32 = 1.5;

/// Stripe period of a hatched base marker or legend swatch, layout units:
/// finer than a region's, so that a marker shows a few stripes.
pub const MARK_HATCH_PERIOD_U: f32 = 0.62;

/// What one region or base shows on a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EntityMark {
    pub status: Option<StatusIdx>,
    /// On a "no report" day after an earlier report: that report's status,
    /// drawn hatched with the "no report" grey.
    pub last_reported: Option<StatusIdx>,
    /// The period on the date is graded low confidence: dotted.
    pub low_confidence: bool,
    /// A base the track names nowhere (it has no periods of its own
    /// there): the status is its region's, so its marker is a hollow ring
    /// in that colour, never a report about the base.
    pub unnamed: bool,
}

impl EntityMark {
    fn of(scenario: &Scenario, track: TrackIdx, entity: Entity, date: Date) -> Self {
        let period = scenario.entity_period_on(track, entity, date);
        Self {
            status: period.map(|p| p.status),
            last_reported: scenario.last_reported(track, entity, date).map(|last| last.status),
            low_confidence: period.is_some_and(|p| p.confidence == Some(Confidence::Low)),
            unnamed: match entity {
                Entity::Base(place) => scenario.base_follows_region(track, place),
                Entity::Region(_) => false,
            },
        }
    }
}

/// An incident shown on a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct IncidentMark {
    /// Index into [`Scenario::incidents`].
    pub index: usize,
    /// Days between the incident and the shown date (either way): its fade.
    pub days_away: u32,
}

impl IncidentMark {
    /// How strongly the marker shows: full on the day, faint a window away.
    pub fn opacity(self) -> f32 {
        #[expect(clippy::cast_precision_loss, reason = "a handful of days")]
        let t = self.days_away.min(INCIDENT_WINDOW_DAYS) as f32 / INCIDENT_WINDOW_DAYS as f32;
        1.0 - 0.75 * t
    }
}

/// Everything the marks of one track's map depend on, on one date.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MapMarks {
    /// Index = `RegionIdx.0`.
    pub regions: Vec<EntityMark>,
    /// Every base, in place order.
    pub bases: Vec<(PlaceIdx, EntityMark)>,
    /// Within [`INCIDENT_WINDOW_DAYS`] of the date, by date.
    pub incidents: Vec<IncidentMark>,
}

impl MapMarks {
    pub fn of(scenario: &Scenario, track: TrackIdx, date: Date) -> Self {
        let regions = (0..scenario.regions.len())
            .map(|r| EntityMark::of(scenario, track, Entity::Region(RegionIdx(r)), date))
            .collect();
        let bases = scenario
            .bases()
            .map(|(p, _)| (p, EntityMark::of(scenario, track, Entity::Base(p), date)))
            .collect();
        let near = scenario.incidents_near(date, INCIDENT_WINDOW_DAYS);
        // `near` is a run of the scenario's incidents: its first one's index
        // numbers the rest.
        let first = near
            .first()
            .and_then(|first| scenario.incidents.iter().position(|i| std::ptr::eq(i, first)))
            .unwrap_or(0);
        let incidents = near
            .iter()
            .enumerate()
            .map(|(k, incident)| IncidentMark {
                index: first + k,
                days_away: u32::try_from((incident.date - date).num_days().unsigned_abs()).unwrap_or(u32::MAX),
            })
            .collect();
        Self {
            regions,
            bases,
            incidents,
        }
    }
}

/// The shape of a base marker, by its status: in greyscale too, a base in
/// use, one drawing down and one handed over read apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BaseShape {
    /// A disc filled with the status colour, dark ring: in use (and every
    /// status without a shape of its own).
    Disc,
    /// Only the lower half filled: drawing down, half emptied.
    HalfDisc,
    /// A disc struck through from lower left to upper right: handed over
    /// or vacated.
    Struck,
}

impl BaseShape {
    /// The shape for a status. Statuses are data; these two ids mean
    /// something to the map, as `no_report` does.
    pub fn of_status(status: &Status) -> Self {
        match status.id.as_str() {
            "drawdown" => Self::HalfDisc,
            "ended" => Self::Struck,
            _ => Self::Disc,
        }
    }
}

/// How a mark's coloured part is filled.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum MarkFill {
    Solid(Color32),
    /// Stripes of `stripe` over `base`: no report since the last report.
    Hatched {
        base: Color32,
        stripe: Color32,
    },
}

/// The sizes of the marks at one layout unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MarkSizes {
    /// Base marker radius, points.
    pub base_radius: f32,
    /// Base marker ring width, points.
    pub ring: f32,
    /// Side of an incident triangle, points.
    pub incident_side: f32,
    /// Stripe period of a marker's hatch, points.
    pub hatch_period: f32,
}

impl MarkSizes {
    /// Small but legible: at 1280×720 a base marker is about 11 pixels
    /// across, and a half-filled one still reads as half. In a thumbnail
    /// it shrinks with the map, down to a few points.
    pub fn new(unit: f32) -> Self {
        let base_radius = (0.78 * unit).max(3.0);
        Self {
            base_radius,
            ring: (0.17 * unit).max(1.0),
            incident_side: 2.1 * base_radius,
            hatch_period: (MARK_HATCH_PERIOD_U * unit).max(2.5),
        }
    }

    /// Where an incident's triangle sits for a site at `at`: just above a
    /// base marker there, so that both stay visible.
    pub fn incident_centre(&self, at: Pos2) -> Pos2 {
        let height = self.incident_side * 0.866;
        at - vec2(0.0, self.base_radius * 1.2 + height / 3.0)
    }

    /// The triangle of an incident centred at `centre` (pointing up).
    fn incident_triangle(&self, centre: Pos2) -> [Pos2; 3] {
        let s = self.incident_side;
        let h = s * 0.866;
        [
            centre + vec2(0.0, -2.0 * h / 3.0),
            centre + vec2(s / 2.0, h / 3.0),
            centre + vec2(-s / 2.0, h / 3.0),
        ]
    }

    /// The area an incident's triangle covers (labels keep off it).
    pub fn incident_rect(&self, centre: Pos2) -> Rect {
        Rect::from_center_size(centre, Vec2::splat(self.incident_side + self.ring))
    }

    /// The area a base marker covers with its halo (labels keep off it;
    /// a low-confidence ring of dots may reach under a label's edge, not
    /// worth pushing every label further out for).
    pub fn base_rect(&self, at: Pos2) -> Rect {
        Rect::from_center_size(at, Vec2::splat(2.0 * (self.base_radius + self.ring)))
    }

    fn dot_ring_radius(&self) -> f32 {
        self.base_radius + 2.0 * self.ring + 1.2
    }
}

/// The point of a base marker whose colour is the base's fill: its centre,
/// or where the shape leaves the centre to something else (the empty half,
/// the stroke) a point well inside the filled part.
#[cfg(feature = "testing")]
pub fn base_fill_point(shape: BaseShape, centre: Pos2, sizes: &MarkSizes) -> Pos2 {
    let r = sizes.base_radius;
    match shape {
        BaseShape::Disc => centre,
        BaseShape::HalfDisc => centre + vec2(0.0, 0.5 * r),
        BaseShape::Struck => centre + vec2(-0.4 * r, -0.4 * r),
    }
}

/// A circle as a convex polygon, for hatching and halves.
fn circle_points(centre: Pos2, radius: f32, from_angle: f32, to_angle: f32, steps: usize) -> Vec<Pos2> {
    #[expect(clippy::cast_precision_loss, reason = "a few dozen steps")]
    let step = (to_angle - from_angle) / steps as f32;
    (0..=steps)
        .map(|i| {
            #[expect(clippy::cast_precision_loss, reason = "a few dozen steps")]
            let a = from_angle + step * i as f32;
            centre + radius * vec2(a.cos(), a.sin())
        })
        .collect()
}

/// Fills a convex polygon (screen points) with `fill`; a hatch's stripes
/// are anchored at `origin`, as a region's are.
pub(super) fn fill_convex(canvas: &mut dyn Canvas, points: &[Pos2], fill: MarkFill, origin: Pos2, period: f32) {
    match fill {
        MarkFill::Solid(color) => canvas.convex_polygon(points, color, Stroke::NONE),
        MarkFill::Hatched { base, stripe } => {
            canvas.convex_polygon(points, base, Stroke::NONE);
            hatch_pieces(points, origin, period, |piece| {
                canvas.convex_polygon(piece, stripe, Stroke::NONE);
            });
        }
    }
}

/// One base marker at `at`. `hatch_origin` anchors a hatch's stripes.
#[expect(clippy::too_many_arguments, reason = "one marker's every attribute")]
pub(super) fn paint_base_marker(
    canvas: &mut dyn Canvas,
    at: Pos2,
    shape: BaseShape,
    fill: MarkFill,
    low_confidence: bool,
    sizes: &MarkSizes,
    style: &MapStyle,
    hatch_origin: Pos2,
) {
    let r = sizes.base_radius;
    let ring = Stroke::new(sizes.ring, style.marker_ring);
    let period = sizes.hatch_period;
    // A light halo keeps the marker apart from any fill under it.
    canvas.circle(
        at,
        r + 0.5 * sizes.ring,
        Color32::TRANSPARENT,
        Stroke::new(sizes.ring, style.marker_halo),
    );
    match (shape, fill) {
        (BaseShape::HalfDisc, _) => {
            canvas.circle(at, r, style.panel_fill.to_opaque(), Stroke::NONE);
            let lower = circle_points(at, r, 0.0, std::f32::consts::PI, 24);
            fill_convex(canvas, &lower, fill, hatch_origin, period);
            canvas.line_segment(
                [at - vec2(r, 0.0), at + vec2(r, 0.0)],
                Stroke::new(0.6 * sizes.ring, style.marker_ring),
            );
        }
        (_, MarkFill::Solid(color)) => canvas.circle(at, r, color, Stroke::NONE),
        (_, MarkFill::Hatched { .. }) => {
            let disc = circle_points(at, r, 0.0, std::f32::consts::TAU, 32);
            fill_convex(canvas, &disc, fill, hatch_origin, period);
        }
    }
    canvas.circle(at, r, Color32::TRANSPARENT, ring);
    if shape == BaseShape::Struck {
        let d = 0.72 * r;
        canvas.line_segment([at + vec2(-d, d), at + vec2(d, -d)], ring);
    }
    if low_confidence {
        paint_dot_ring(canvas, at, sizes, style);
    }
}

/// The marker of a base its track does not name: a ring in its region's
/// colour inside a thin dark one, its centre left empty (the map shows
/// through), so that it reads as "no record of this base", not as a
/// report of its status.
pub(super) fn paint_unnamed_marker(
    canvas: &mut dyn Canvas,
    at: Pos2,
    color: Color32,
    sizes: &MarkSizes,
    style: &MapStyle,
) {
    let r = sizes.base_radius;
    canvas.circle(
        at,
        r + 0.5 * sizes.ring,
        Color32::TRANSPARENT,
        Stroke::new(sizes.ring, style.marker_halo),
    );
    let band = 0.4 * r;
    canvas.circle(at, r - band / 2.0, Color32::TRANSPARENT, Stroke::new(band, color));
    canvas.circle(
        at,
        r,
        Color32::TRANSPARENT,
        Stroke::new(0.6 * sizes.ring, style.marker_ring),
    );
}

/// The low-confidence mark of a base: a ring of dots around its marker.
fn paint_dot_ring(canvas: &mut dyn Canvas, at: Pos2, sizes: &MarkSizes, style: &MapStyle) {
    const DOTS: usize = 8;
    let radius = sizes.dot_ring_radius();
    let dot = sizes.ring.max(1.2);
    for i in 0..DOTS {
        #[expect(clippy::cast_precision_loss, reason = "eight dots")]
        let a = std::f32::consts::TAU * i as f32 / DOTS as f32;
        let p = at + radius * vec2(a.cos(), a.sin());
        canvas.circle(p, dot, style.marker_ring, Stroke::new(0.5 * dot, style.marker_halo));
    }
}

/// One incident's triangle centred at `centre`, at `opacity` (0..1).
pub(super) fn paint_incident(canvas: &mut dyn Canvas, centre: Pos2, opacity: f32, sizes: &MarkSizes, style: &MapStyle) {
    let triangle = sizes.incident_triangle(centre);
    let opacity = opacity.clamp(0.0, 1.0);
    canvas.convex_polygon(
        &triangle,
        Color32::TRANSPARENT,
        Stroke::new(2.2 * sizes.ring, style.marker_halo.gamma_multiply(opacity)),
    );
    canvas.convex_polygon(
        &triangle,
        INCIDENT_COLOR.gamma_multiply(opacity),
        Stroke::new(0.7 * sizes.ring, style.marker_ring.gamma_multiply(opacity)),
    );
}

/// The fill of a marker or region mark: its status colour, or the hatch of
/// its last reported status over the "no report" grey.
pub(super) fn mark_fill(scenario: &Scenario, mark: &EntityMark, fallback: Color32) -> MarkFill {
    let colour = |s: StatusIdx| color32(scenario.status(s).color);
    let base = mark.status.map_or(fallback, colour);
    match mark.last_reported {
        Some(last) => MarkFill::Hatched {
            base,
            stripe: colour(last),
        },
        None => MarkFill::Solid(base),
    }
}

/// What a base marker of a base the track does not name says, in the
/// legend and in an exported item's title.
pub const UNNAMED_BASE_LABEL: &str = "Not named in this track";

/// The status whose shape a base marker takes: the last reported one on a
/// "no report" day (hatched), else its own.
pub fn marker_status(mark: &EntityMark) -> Option<StatusIdx> {
    mark.last_reported.or(mark.status)
}

/// "Rmeilan — No report (last reported: In use by the coalition)": what a
/// region or base is called on a vector canvas, with its status as its
/// mark shows it.
/// `base`: the statuses' labels for a base ([`crate::model::Status::label_for`]).
pub(super) fn item_name(scenario: &Scenario, name: &str, base: bool, mark: &EntityMark) -> String {
    let label = |s: StatusIdx| {
        let status = scenario.status(s);
        if base {
            status.label_for(crate::model::PlaceKind::Base)
        } else {
            status.label.as_str()
        }
        .to_owned()
    };
    match (mark.status, mark.last_reported) {
        (Some(status), _) if base && mark.unnamed => format!(
            "{name} — {UNNAMED_BASE_LABEL} (region: {})",
            scenario.status(status).label
        ),
        (Some(status), Some(last)) => format!("{name} — {} (last reported: {})", label(status), label(last)),
        (Some(status), None) => format!("{name} — {}", label(status)),
        (None, _) => name.to_owned(),
    }
}

/// Where an incident is on the screen.
fn incident_site(scene: &MapScene<'_>, to_screen: &ScreenFromWorld, incident: &Incident) -> Option<Pos2> {
    let (lat, lon) = scene.scenario.incident_lat_lon(incident)?;
    Some(to_screen.screen_from_world(scene.geometry.world_from_lonlat(lon, lat)))
}

/// Where each base is on the screen (place order).
pub(super) fn base_positions<'s>(
    scene: &'s MapScene<'_>,
    to_screen: &'s ScreenFromWorld,
) -> impl Iterator<Item = (PlaceIdx, Pos2)> + 's {
    scene.scenario.bases().map(|(i, p)| {
        (
            i,
            to_screen.screen_from_world(scene.geometry.world_from_lonlat(p.lon, p.lat)),
        )
    })
}

/// The centre of an incident's triangle.
pub(super) fn incident_centre(
    scene: &MapScene<'_>,
    to_screen: &ScreenFromWorld,
    sizes: &MarkSizes,
    incident: &Incident,
) -> Option<Pos2> {
    incident_site(scene, to_screen, incident).map(|at| sizes.incident_centre(at))
}

/// The areas every incident of the scenario would cover, shown or not:
/// labels keep off them all, so that they do not move as incidents come
/// and go during playback.
pub(super) fn incident_rects(scene: &MapScene<'_>, to_screen: &ScreenFromWorld, sizes: &MarkSizes) -> Vec<Rect> {
    let mut rects: Vec<Rect> = Vec::new();
    for incident in &scene.scenario.incidents {
        if let Some(centre) = incident_centre(scene, to_screen, sizes, incident) {
            let rect = sizes.incident_rect(centre);
            if !rects.contains(&rect) {
                rects.push(rect);
            }
        }
    }
    rects
}

/// Each city's dot.
pub(super) fn paint_city_markers(
    scene: &MapScene<'_>,
    to_screen: &ScreenFromWorld,
    unit: f32,
    canvas: &mut dyn Canvas,
) {
    let style = scene.style;
    for place in scene.scenario.places.iter().filter(|p| p.kind == PlaceKind::City) {
        let at = to_screen.screen_from_world(scene.geometry.world_from_lonlat(place.lon, place.lat));
        canvas.circle(at, 0.42 * unit, style.city_marker, Stroke::new(0.18 * unit, style.halo));
    }
}

/// The base markers (with their pulse, if a change was just crossed).
pub(super) fn paint_base_markers(
    scene: &MapScene<'_>,
    marks: &MapMarks,
    to_screen: &ScreenFromWorld,
    unit: f32,
    canvas: &mut dyn Canvas,
) {
    let style = scene.style;
    let sizes = MarkSizes::new(unit);
    let s = scene.scenario;
    for ((place, mark), (_, at)) in marks.bases.iter().zip(base_positions(scene, to_screen)) {
        let shape = marker_status(mark).map_or(BaseShape::Disc, |st| BaseShape::of_status(s.status(st)));
        let fill = mark_fill(s, mark, style.context_fill);
        canvas.begin_item(&item_name(s, &s.place(*place).name, true, mark));
        if mark.unnamed {
            let color = marker_status(mark).map_or(style.context_fill, |st| color32(s.status(st).color));
            paint_unnamed_marker(canvas, at, color, &sizes, style);
        } else {
            paint_base_marker(
                canvas,
                at,
                shape,
                fill,
                mark.low_confidence,
                &sizes,
                style,
                to_screen.origin,
            );
        }
        if let Some(&(_, strength)) = scene.effects.base_pulse.iter().find(|(p, _)| p == place) {
            let strength = strength.clamp(0.0, 1.0);
            canvas.circle(
                at,
                sizes.dot_ring_radius() + 2.0 * sizes.ring * strength,
                Color32::TRANSPARENT,
                Stroke::new(
                    sizes.ring * (1.0 + 2.0 * strength),
                    style.pulse.gamma_multiply(strength),
                ),
            );
        }
        canvas.end_item();
    }
}

/// The incidents near the date, nearest it drawn last (on top).
pub(super) fn paint_incidents(
    scene: &MapScene<'_>,
    marks: &MapMarks,
    to_screen: &ScreenFromWorld,
    unit: f32,
    canvas: &mut dyn Canvas,
) {
    let style = scene.style;
    let sizes = MarkSizes::new(unit);
    let s = scene.scenario;
    let mut shown: Vec<&IncidentMark> = marks.incidents.iter().collect();
    shown.sort_by_key(|m| std::cmp::Reverse(m.days_away));
    for mark in shown {
        let Some(incident) = s.incidents.get(mark.index) else {
            continue;
        };
        if let Some(centre) = incident_centre(scene, to_screen, &sizes, incident) {
            canvas.begin_item(&format!(
                "{} — {}",
                incident.title,
                crate::model::date_format::short(incident.date)
            ));
            paint_incident(canvas, centre, mark.opacity(), &sizes, style);
            canvas.end_item();
        }
    }
}

/// What the pointer is over, besides the regions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MapMark {
    Base(PlaceIdx),
    /// The incidents shown at one spot (several can share a site), nearest
    /// the date first.
    Incidents(Vec<usize>),
}

/// The base marker or incident under `pointer` (screen points) in a map
/// whose layout has `unit` and whose transform is `to_screen`; incidents
/// first (they sit on top), then the nearest base within reach.
pub fn mark_at(scene: &MapScene<'_>, to_screen: &ScreenFromWorld, unit: f32, pointer: Pos2) -> Option<MapMark> {
    let sizes = MarkSizes::new(unit);
    let s = scene.scenario;
    if scene.layers.contains(MapLayer::Incidents) {
        let mut hit: Vec<(u32, usize)> = s
            .incidents_near(scene.date, INCIDENT_WINDOW_DAYS)
            .iter()
            .filter_map(|incident| {
                let centre = incident_centre(scene, to_screen, &sizes, incident)?;
                let reach = sizes.incident_rect(centre).expand(0.2 * sizes.base_radius);
                reach.contains(pointer).then_some(incident)
            })
            .filter_map(|incident| {
                let index = s.incidents.iter().position(|i| std::ptr::eq(i, incident))?;
                let days = (incident.date - scene.date).num_days().unsigned_abs();
                Some((u32::try_from(days).unwrap_or(u32::MAX), index))
            })
            .collect();
        if !hit.is_empty() {
            hit.sort_unstable();
            return Some(MapMark::Incidents(hit.into_iter().map(|(_, i)| i).collect()));
        }
    }
    if scene.layers.contains(MapLayer::Bases) {
        let reach = sizes.base_radius + (0.4 * sizes.base_radius).max(3.0);
        return base_positions(scene, to_screen)
            .map(|(place, at)| (place, at.distance(pointer)))
            .filter(|&(_, d)| d <= reach)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(place, _)| MapMark::Base(place));
    }
    None
}

/// The "no report" grey of the scenario (the colour a hatch's gaps show),
/// if it has that status.
pub fn no_report_color(scenario: &Scenario) -> Option<Color32> {
    scenario
        .status_idx(NO_REPORT_STATUS_ID)
        .map(|s| color32(scenario.status(s).color))
}

/// A hatch swatch for the legend: `rect` striped in `stripe` over `base`.
pub(super) fn hatch_swatch(canvas: &mut dyn Canvas, rect: Rect, base: Color32, stripe: Color32, period: f32) {
    let corners = [
        rect.left_top(),
        rect.right_top(),
        rect.right_bottom(),
        rect.left_bottom(),
    ];
    fill_convex(
        canvas,
        &corners,
        MarkFill::Hatched { base, stripe },
        pos2(0.0, 0.0),
        period,
    );
}

/// Dot and gap of the "low confidence" outline, points (before the
/// stroke scale): short dashes that read as dots.
const LOW_CONFIDENCE_DOTS: [f32; 2] = [2.5, 4.5];

/// The "low confidence" mark of a region: light dots along its dark
/// outline, so that it reads on every fill and apart from the yellow
/// dashes of "tracks disagree".
pub(super) fn low_confidence_line(
    canvas: &mut dyn Canvas,
    line: WorldLine<'_>,
    to_screen: &ScreenFromWorld,
    style: &MapStyle,
) {
    let width = style.region_border.width;
    let dots = LOW_CONFIDENCE_DOTS.map(|d| d * width / 2.2);
    canvas.stroke_world_dashed(line, to_screen, Stroke::new(width * 0.9, style.halo.to_opaque()), dots);
}

/// Dash and gap of the "unconfirmed" outline, points: longer gaps than
/// the disagreement's, in another colour.
const UNCONFIRMED_DASH: [f32; 2] = [5.0, 9.0];

/// The "unconfirmed" mark of the compare view: one track's record fell
/// silent on the other's status. Dashes over a solid line in the border
/// colour, like the disagreement, but in their own colour and rhythm.
pub(super) fn unconfirmed_line(
    canvas: &mut dyn Canvas,
    line: WorldLine<'_>,
    to_screen: &ScreenFromWorld,
    style: &MapStyle,
    dash_scale: f32,
) {
    dashes_over_border(
        canvas,
        line,
        to_screen,
        style,
        style.unconfirmed,
        UNCONFIRMED_DASH.map(|d| d * dash_scale),
    );
}

/// Dash and gap of the "tracks disagree" outline, points.
const DISAGREE_DASH: [f32; 2] = [9.0, 6.0];

/// The "tracks disagree" mark: a solid line in the border colour under
/// dashes in a contrasting colour, so it reads over the region's own border
/// and on every fill.
pub(super) fn disagree_line(
    canvas: &mut dyn Canvas,
    line: WorldLine<'_>,
    to_screen: &ScreenFromWorld,
    style: &MapStyle,
    dash_scale: f32,
) {
    dashes_over_border(
        canvas,
        line,
        to_screen,
        style,
        style.disagree,
        DISAGREE_DASH.map(|d| d * dash_scale),
    );
}

/// `dashes` of `stroke` over a solid line in the border colour a little
/// wider, so that a compare mark reads over the region's own border and on
/// every fill.
fn dashes_over_border(
    canvas: &mut dyn Canvas,
    line: WorldLine<'_>,
    to_screen: &ScreenFromWorld,
    style: &MapStyle,
    stroke: Stroke,
    dashes: [f32; 2],
) {
    let base = Stroke::new(stroke.width + 1.5, style.region_border.color);
    canvas.stroke_world(line, false, to_screen, base);
    canvas.stroke_world_dashed(line, to_screen, stroke, dashes);
}
