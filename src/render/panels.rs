//! The text panels over the map: the title block (track, date, phase,
//! milestone, caption), the legend of status colours, and the footer
//! (source line and credit). They depend on the date itself, not only on
//! the regions' statuses, so they are the pass painted on every frame of
//! an export ([`super::PaintPass::Panels`]).

use std::borrow::Cow;

use egui::{Align2, Color32, Pos2, Rect, Stroke, Vec2, pos2, vec2};

use super::canvas::{Canvas, TextSpec, WorldLine};
use super::labels::LABEL_MAX_EMS;
use super::layer::MapLayer;
use super::marks::{
    BaseShape, MapMarks, MarkFill, MarkSizes, REGION_HATCH_PERIOD_U, UNNAMED_BASE_LABEL, disagree_line, hatch_swatch,
    marker_status, no_report_color, paint_base_marker, paint_incident, paint_unnamed_marker, unconfirmed_line,
};
use super::scene::{MapLayout, MapScene};
use super::style::{MIN_TEXT_PT, MapStyle, NO_STATUS_FILL, color32, legible_pt};
use super::view::ScreenFromWorld;
use crate::model::{PlaceKind, StatusIdx};

/// The most rows a phase's title, a milestone's or a caption takes in the
/// title block; the rest is elided with `…`.
pub const TITLE_MAX_ROWS: usize = 3;

/// The most rows the source line takes; the rest is elided with `…`. The
/// shipped scenario's longest source takes two in a half-width comparison.
pub const SOURCE_MAX_ROWS: usize = 3;

/// The most status rows the legend lists; past it, the first ones and a
/// last row saying how many more there are. Its width is bounded like a
/// label's ([`super::labels::LABEL_MAX_EMS`]).
pub const LEGEND_MAX_STATUS_ROWS: usize = 12;

/// The title block (track, date, phase, milestone, caption): at the top
/// of the left column on wide areas, floating top-left otherwise. Returns
/// its bottom, under which the legend goes.
pub(super) fn paint_title(scene: &MapScene<'_>, layout: &MapLayout, canvas: &mut dyn Canvas) -> Rect {
    let (style, u) = (scene.style, layout.unit);
    // Never below the legible minimum: a line's text is held at it, and a
    // short panel drops lines instead.
    let size = |units: f32| legible_pt(units, u);
    let panel = layout.panel_rect;
    let inner_w = if panel.width() > 0.0 {
        panel.width() - 3.0 * u
    } else {
        // Over a narrow map, as wide as its band allows a row of each
        // line, so that the block stays within the band's height.
        (layout.rect.width() * 0.62).max(12.0 * u)
    };
    let left = panel.left() + 1.5 * u;

    let track = scene.scenario.track(scene.track);
    // Text, size, colour, gap below, and the most rows it may take: a
    // title from the file that is too long is elided, so that the block
    // keeps room for the map. In order of priority: the lines past the
    // room are dropped from the end.
    let date = crate::model::date_format::long(scene.date);
    // The date reads as one row ("15 February / 2026" at 1024×768 split
    // the day from its year): where it is wider than the block, its size
    // comes down until it fits, though never below the phase's.
    let date_size = {
        let full = size(4.4);
        let one_row = canvas
            .measure(&TextSpec {
                text: &date,
                size: full,
                color: style.text,
                halo: None,
                wrap_width: None,
                max_rows: None,
            })
            .x;
        if one_row > inner_w {
            (full * 0.97 * inner_w / one_row).max(size(2.1))
        } else {
            full
        }
    };
    let mut lines: Vec<(String, f32, Color32, f32, usize)> = vec![
        (track.name.to_uppercase(), size(1.5), style.muted_text, 0.3 * u, 2),
        (date, date_size, style.text, 0.3 * u, 2),
    ];
    if let Some(currency) = currency_line(scene) {
        lines.push((currency, size(1.5), style.muted_text, 0.5 * u, 2));
    }
    if let Some(phase) = scene.scenario.phase_on(scene.track, scene.date) {
        lines.push((phase.title.clone(), size(2.1), style.text, 0.8 * u, TITLE_MAX_ROWS));
    }
    if let Some(milestone) = scene.scenario.milestone_on(scene.track, scene.date) {
        lines.push((
            format!("Milestone: {}", milestone.title),
            size(1.65),
            style.text,
            0.3 * u,
            TITLE_MAX_ROWS,
        ));
    }
    if let Some(caption) = &scene.effects.caption {
        lines.push((caption.clone(), size(1.55), style.muted_text, 0.3 * u, TITLE_MAX_ROWS));
    }
    let mut specs: Vec<(TextSpec<'_>, f32)> = lines
        .iter()
        .map(|(text, size, color, gap, max_rows)| {
            let spec = TextSpec {
                text,
                size: *size,
                color: *color,
                halo: None,
                wrap_width: Some(inner_w),
                max_rows: Some(*max_rows),
            };
            (spec, *gap)
        })
        .collect();
    // At most half the column (or, over a narrow map, its top band: the
    // map's top, where north-east Syria's bases are, stays clear): the
    // legend keeps its room.
    let room = if panel.width() > 0.0 {
        0.5 * panel.height()
    } else {
        layout.fit_rect.top() - panel.top() - 0.4 * u
    };
    let mut height: f32 = specs.iter().map(|(spec, gap)| canvas.measure(spec).y + gap).sum();
    while height + 2.4 * u > room && specs.len() > 2 {
        if let Some((spec, gap)) = specs.pop() {
            height -= canvas.measure(&spec).y + gap;
        }
    }
    let block = Rect::from_min_size(panel.min, vec2(inner_w + 3.0 * u, height + 2.4 * u));
    canvas.rect(block, 0.8 * u, style.panel_fill, style.panel_border);
    let mut y = block.top() + 1.2 * u;
    for (spec, gap) in &specs {
        let drawn = canvas.text(spec, pos2(left, y), Align2::LEFT_TOP);
        y = drawn.bottom() + gap;
    }
    block
}

/// `unit`, raised so that text of `smallest_u` units is at least
/// [`MIN_TEXT_PT`] points (the legend's rows and swatches grow with it).
fn panel_unit(unit: f32, smallest_u: f32) -> f32 {
    unit.max(MIN_TEXT_PT / smallest_u)
}

/// How current the map is, in one line under the date: on a track with a
/// record, "Record current to 13 Mar 2026 · shown 7 Dec 2026"; on one
/// without (a plan), a date after today reads "Plan — not yet reached".
pub fn currency_line(scene: &MapScene<'_>) -> Option<String> {
    use crate::model::date_format::short;
    match scene.scenario.record_end(scene.track) {
        Some(end) => Some(format!(
            "Record current to {} · shown {}",
            short(end),
            short(scene.date)
        )),
        None => scene
            .effects
            .today
            .filter(|&today| scene.date > today)
            .map(|_| PLAN_NOT_REACHED.to_owned()),
    }
}

/// The currency line of a plan's date after today.
pub const PLAN_NOT_REACHED: &str = "Plan — not yet reached";

/// What a legend row shows at its left.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Swatch {
    /// A region's fill.
    Status(StatusIdx),
    /// A base marker of this status, in its shape.
    Base(StatusIdx),
    /// The hollow ring of a base the track does not name.
    Unnamed,
    /// The "no report since" hatch.
    Hatch,
    LowConfidence,
    Incident,
    Disagree,
    Unconfirmed,
    /// No sample: the row that says how many statuses are not listed.
    None,
}

/// One titled group of legend rows.
struct LegendSection<'a> {
    title: &'a str,
    rows: Vec<(Swatch, Cow<'a, str>)>,
}

/// What the legend's rows depend on: the marks of the shown track and,
/// in a comparison, of the other one too (one legend serves both maps).
fn shown_marks(scene: &MapScene<'_>) -> Vec<MapMarks> {
    std::iter::once(scene.track)
        .chain(scene.effects.compare_with)
        .map(|track| MapMarks::of(scene.scenario, track, scene.date))
        .collect()
}

/// The legend's groups: the region statuses on the map; the base markers'
/// shapes on it; the marks over both (hatch, low confidence, incidents,
/// disagreement) that the map shows. Only what is on the map: a row for a
/// status nowhere to be seen makes the audience look for it.
fn legend_sections<'a>(scene: &MapScene<'a>) -> Vec<LegendSection<'a>> {
    let s = scene.scenario;
    let marks = shown_marks(scene);
    let bases_shown = scene.layers.contains(MapLayer::Bases);
    let regions = || marks.iter().flat_map(|m| &m.regions);
    let bases = || marks.iter().flat_map(|m| m.bases.iter().map(|(_, mark)| mark));
    let on_map = |i: StatusIdx| {
        regions().any(|m| m.status == Some(i) || m.last_reported == Some(i))
            || (bases_shown
                && bases()
                    .filter(|m| !m.unnamed)
                    .any(|m| m.status == Some(i) || m.last_reported == Some(i)))
    };
    let shown: Vec<StatusIdx> = (0..s.statuses.len()).map(StatusIdx).filter(|&i| on_map(i)).collect();
    // Many statuses: the first ones, and a row counting the rest (the
    // hover tooltip still names a region's status).
    let listed = if shown.len() > LEGEND_MAX_STATUS_ROWS {
        LEGEND_MAX_STATUS_ROWS - 1
    } else {
        shown.len()
    };
    let mut status_rows: Vec<(Swatch, Cow<'a, str>)> = shown
        .iter()
        .take(listed)
        .map(|&i| (Swatch::Status(i), Cow::Borrowed(s.status(i).label.as_str())))
        .collect();
    if listed < shown.len() {
        let more = shown.len() - listed;
        status_rows.push((Swatch::None, Cow::Owned(format!("+ {more} more statuses"))));
    }
    let mut sections = vec![LegendSection {
        title: "Coalition status",
        rows: status_rows,
    }];
    if bases_shown {
        // One base of each shape on the map, named as a base marker says it.
        let mut shapes: Vec<BaseShape> = Vec::new();
        let mut rows: Vec<(Swatch, Cow<'a, str>)> = ["active", "drawdown", "ended"]
            .into_iter()
            .filter_map(|id| s.status_idx(id))
            .filter(|&i| bases().any(|m| !m.unnamed && marker_status(m) == Some(i)))
            .filter(|&i| {
                let shape = BaseShape::of_status(s.status(i));
                let new = !shapes.contains(&shape);
                shapes.push(shape);
                new
            })
            .map(|i| (Swatch::Base(i), Cow::Borrowed(s.status(i).label_for(PlaceKind::Base))))
            .collect();
        if bases().any(|m| m.unnamed && m.status.is_some()) {
            rows.push((Swatch::Unnamed, UNNAMED_BASE_LABEL.into()));
        }
        if !rows.is_empty() {
            sections.push(LegendSection {
                title: BASES_TITLE,
                rows,
            });
        }
    }
    let mut rows: Vec<(Swatch, Cow<'a, str>)> = Vec::new();
    let hatched =
        regions().any(|m| m.last_reported.is_some()) || (bases_shown && bases().any(|m| m.last_reported.is_some()));
    if no_report_color(s).is_some() && hatched {
        rows.push((Swatch::Hatch, "No report since — last reported".into()));
    }
    if regions().any(|m| m.low_confidence) || (bases_shown && bases().any(|m| m.low_confidence)) {
        rows.push((Swatch::LowConfidence, "Low confidence (dotted)".into()));
    }
    if scene.layers.contains(MapLayer::Incidents) && marks.iter().any(|m| !m.incidents.is_empty()) {
        rows.push((Swatch::Incident, "Incident (fades over ±7 days)".into()));
    }
    if !scene.effects.disagree.is_empty() {
        rows.push((Swatch::Disagree, "Differs from the other track".into()));
    }
    if !scene.effects.unconfirmed.is_empty() {
        rows.push((Swatch::Unconfirmed, UNCONFIRMED_LABEL.into()));
    }
    if !rows.is_empty() {
        sections.push(LegendSection { title: "Marks", rows });
    }
    sections
}

/// The title of the legend's base markers.
const BASES_TITLE: &str = "Bases";

/// The legend row of the compare view's "unconfirmed" outline.
pub const UNCONFIRMED_LABEL: &str = "Unconfirmed (last report agreed)";

/// The legend, in [`MapLayout::legend_rect`] and below `top` (the title
/// block) and above `footer_top` (a source line that wraps higher than the
/// room kept for it): never over the map. In the info column, one column
/// of sections, or two side by side if they fit its width; in the band
/// under a narrow map, the sections side by side. Text never shrinks below
/// [`MIN_TEXT_PT`], and every row the map needs is listed: where the room
/// is short the rows close up ([`LEGEND_DENSITIES`]), then flow into more
/// columns with their text cut with `…` to share the width. Only a room
/// too small even for that (a thumbnail) leaves sections out, the
/// statuses last. Returns the legend's box, if it painted one.
pub(super) fn paint_legend<'a>(
    scene: &MapScene<'a>,
    layout: &MapLayout,
    top: f32,
    footer_top: f32,
    canvas: &mut dyn Canvas,
) -> Option<Rect> {
    let style = scene.style;
    // The legend's own unit: its smallest text (1.5 units) never below
    // the legible minimum, its rows and swatches grown to match.
    let u = panel_unit(layout.unit, 1.5);
    let mut sections = legend_sections(scene);
    if sections.is_empty() {
        return None;
    }
    let wide = layout.panel_rect.width() > 0.0;
    let area = layout.legend_rect;
    let bottom = area.bottom().min(footer_top) - 0.6 * u;
    let room_top = if wide { top + 1.0 * u } else { area.top() + 0.6 * u };
    let room = vec2(area.width(), bottom - room_top);
    let (fit, columns) = loop {
        if let Some(found) = fit_legend(&sections, room, u, style, canvas) {
            break found;
        }
        // The base markers' shapes go first (each marker's tooltip names
        // it), then the marks; the statuses go last.
        let drop = sections
            .iter()
            .position(|s| s.title == BASES_TITLE)
            .or_else(|| sections.len().checked_sub(1).filter(|&last| last > 0));
        match drop {
            Some(i) => {
                sections.remove(i);
            }
            None => return None,
        }
    };
    let m = fit.metrics;
    let block = Rect::from_min_size(pos2(area.left(), bottom - fit.size.y), fit.size);
    canvas.rect(block, 0.8 * u, style.panel_fill, style.panel_border);

    let mut left = block.left() + m.padding.x / 2.0;
    for (column, width) in &columns {
        let mut y = block.top() + m.padding.y / 2.0;
        for (i, entry) in column.iter().enumerate() {
            match entry {
                LegendEntry::Title(title) => {
                    if i > 0 {
                        y += m.section_gap;
                    }
                    canvas.text(
                        &legend_text(title, m.title_size, style.muted_text, fit.text_w),
                        pos2(left, y),
                        Align2::LEFT_TOP,
                    );
                    y += m.title_h;
                }
                LegendEntry::Row(kind, text) => {
                    let swatch_rect = Rect::from_min_size(pos2(left, y + (m.row_h - m.swatch.y) / 2.0), m.swatch);
                    paint_swatch(scene, *kind, swatch_rect, u, canvas);
                    canvas.text(
                        &legend_text(text, m.row_size, style.text, fit.row_text_w()),
                        pos2(swatch_rect.right() + m.swatch_gap, y + m.row_h / 2.0),
                        Align2::LEFT_CENTER,
                    );
                    y += m.row_h;
                }
            }
        }
        left += width + m.column_gap;
    }
    Some(block)
}

/// How closely the legend's rows may be set, tried in turn where the
/// room is short: the spacing shrinks, the text does not.
const LEGEND_DENSITIES: [f32; 3] = [1.0, 0.85, 0.72];

/// The narrowest a legend row's text is cut to, in ems of its size,
/// before a section is left out instead.
const LEGEND_MIN_TEXT_EMS: f32 = 7.0;

/// The legend's sizes at one density (points).
#[derive(Clone, Copy, Debug)]
struct LegendMetrics {
    row_h: f32,
    title_h: f32,
    section_gap: f32,
    swatch: Vec2,
    swatch_gap: f32,
    /// Around the columns, both sides together.
    padding: Vec2,
    column_gap: f32,
    title_size: f32,
    row_size: f32,
}

impl LegendMetrics {
    fn new(u: f32, density: f32) -> Self {
        Self {
            row_h: (2.4 * density).max(1.7) * u,
            title_h: (2.3 * density).max(1.65) * u,
            section_gap: 0.6 * density * u,
            swatch: vec2(2.6 * u, 1.6 * u),
            swatch_gap: 0.8 * u,
            padding: vec2(3.0 * u, 2.4 * density * u),
            column_gap: 2.0 * density * u,
            title_size: 1.5 * u,
            row_size: 1.55 * u,
        }
    }
}

/// A legend that fits: its sizes, its box's size and the widest its text
/// may be (none: as wide as a label may be).
struct LegendFit {
    metrics: LegendMetrics,
    size: Vec2,
    text_w: Option<f32>,
}

impl LegendFit {
    /// The widest a row's text may be, beside its swatch.
    fn row_text_w(&self) -> Option<f32> {
        self.text_w.map(|w| w - self.metrics.swatch.x - self.metrics.swatch_gap)
    }
}

/// The legend's columns of lines, each with its width.
type LegendColumns<'s, 'a> = Vec<(Vec<LegendEntry<'s, 'a>>, f32)>;

/// The least dense way `sections` fit in `room`: in
/// columns as high as the room, the text whole; else at the closest
/// spacing, the columns sharing the width and their text cut to it.
/// `None` when even that does not fit.
fn fit_legend<'s, 'a>(
    sections: &'s [LegendSection<'a>],
    room: Vec2,
    u: f32,
    style: &MapStyle,
    canvas: &mut dyn Canvas,
) -> Option<(LegendFit, LegendColumns<'s, 'a>)> {
    let width_of = |entry: &LegendEntry<'_, '_>, m: &LegendMetrics, canvas: &mut dyn Canvas| match entry {
        LegendEntry::Title(title) => {
            canvas
                .measure(&legend_text(title, m.title_size, style.muted_text, None))
                .x
        }
        LegendEntry::Row(_, text) => {
            m.swatch.x + m.swatch_gap + canvas.measure(&legend_text(text, m.row_size, style.text, None)).x
        }
    };
    let mut last = None;
    for density in LEGEND_DENSITIES {
        let m = LegendMetrics::new(u, density);
        let columns = flow_columns(sections, room.y - m.padding.y, m.title_h, m.row_h, m.section_gap);
        if columns.is_empty() {
            return None;
        }
        let widths: Vec<f32> = columns
            .iter()
            .map(|column| column.iter().fold(0.0, |w: f32, e| w.max(width_of(e, &m, canvas))))
            .collect();
        let height = columns
            .iter()
            .map(|c| column_height(c, m.title_h, m.row_h, m.section_gap))
            .fold(0.0, f32::max)
            + m.padding.y;
        #[expect(clippy::cast_precision_loss, reason = "a few columns")]
        let gaps = m.column_gap * columns.len().saturating_sub(1) as f32;
        let size = vec2(widths.iter().sum::<f32>() + gaps + m.padding.x, height);
        if size.x <= room.x && size.y <= room.y {
            let fit = LegendFit {
                metrics: m,
                size,
                text_w: None,
            };
            return Some((fit, columns.into_iter().zip(widths).collect()));
        }
        last = Some((m, columns, widths, gaps, height));
    }
    // The closest spacing, and each column's text cut to an equal share
    // of the width.
    let (m, columns, widths, gaps, height) = last?;
    #[expect(clippy::cast_precision_loss, reason = "a few columns")]
    let share = (room.x - m.padding.x - gaps) / columns.len() as f32;
    let least = m.swatch.x + m.swatch_gap + LEGEND_MIN_TEXT_EMS * m.row_size;
    if share < least || height > room.y {
        return None;
    }
    let widths: Vec<f32> = widths.into_iter().map(|w| w.min(share)).collect();
    let size = vec2(widths.iter().sum::<f32>() + gaps + m.padding.x, height);
    let fit = LegendFit {
        metrics: m,
        size,
        text_w: Some(share),
    };
    Some((fit, columns.into_iter().zip(widths).collect()))
}

/// One line of the legend: a section's title or one of its rows.
enum LegendEntry<'s, 'a> {
    Title(&'a str),
    Row(Swatch, &'s str),
}

/// The legend's lines in columns at most `max_h` high: each section's
/// title and rows, flowing into the next column where the room ends; a
/// title never ends a column, and a section's first rows go with it.
fn flow_columns<'s, 'a>(
    sections: &'s [LegendSection<'a>],
    max_h: f32,
    title_h: f32,
    row_h: f32,
    gap: f32,
) -> Vec<Vec<LegendEntry<'s, 'a>>> {
    let mut columns: Vec<Vec<LegendEntry<'s, 'a>>> = vec![Vec::new()];
    let mut used = 0.0;
    for section in sections {
        let lead = if used > 0.0 { gap } else { 0.0 };
        // The title and a first row together, or a fresh column.
        if used + lead + title_h + row_h > max_h && used > 0.0 {
            columns.push(Vec::new());
            used = 0.0;
        } else {
            used += lead;
        }
        if let Some(column) = columns.last_mut() {
            column.push(LegendEntry::Title(section.title));
        }
        used += title_h;
        for (swatch, text) in &section.rows {
            if used + row_h > max_h && used > title_h {
                columns.push(Vec::new());
                used = 0.0;
            }
            if let Some(column) = columns.last_mut() {
                column.push(LegendEntry::Row(*swatch, text));
            }
            used += row_h;
        }
    }
    columns.retain(|c| !c.is_empty());
    columns
}

/// The height of one column of legend lines.
fn column_height(column: &[LegendEntry<'_, '_>], title_h: f32, row_h: f32, gap: f32) -> f32 {
    column
        .iter()
        .enumerate()
        .map(|(i, entry)| match entry {
            LegendEntry::Title(_) if i > 0 => gap + title_h,
            LegendEntry::Title(_) => title_h,
            LegendEntry::Row(..) => row_h,
        })
        .sum()
}

/// A legend's title or row text: one line, elided past the width a
/// label may take, or past `max_w` where the legend's room is shared.
fn legend_text(text: &str, size: f32, color: Color32, max_w: Option<f32>) -> TextSpec<'_> {
    let label_w = LABEL_MAX_EMS * size;
    TextSpec {
        text,
        size,
        color,
        halo: None,
        wrap_width: Some(max_w.map_or(label_w, |w| w.min(label_w))),
        max_rows: Some(1),
    }
}

/// The sample of one legend row: the same marks as on the map.
fn paint_swatch(scene: &MapScene<'_>, kind: Swatch, rect: Rect, u: f32, canvas: &mut dyn Canvas) {
    let style = scene.style;
    let s = scene.scenario;
    let sizes = MarkSizes::new(u);
    let outline = Stroke::new(0.1 * u, style.muted_text);
    let marker_at = rect.center();
    match kind {
        Swatch::Status(i) => canvas.rect(rect, 0.2 * u, color32(s.status(i).color), outline),
        Swatch::Base(i) => {
            let status = s.status(i);
            paint_base_marker(
                canvas,
                marker_at,
                BaseShape::of_status(status),
                MarkFill::Solid(color32(status.color)),
                false,
                &sizes,
                style,
                Pos2::ZERO,
            );
        }
        Swatch::Hatch => {
            // The stripes of a region in use, over the "no report" grey.
            let grey = no_report_color(s).unwrap_or(NO_STATUS_FILL);
            let stripe = s
                .status_idx("active")
                .map_or(style.text, |a| color32(s.status(a).color));
            hatch_swatch(canvas, rect, grey, stripe, REGION_HATCH_PERIOD_U * u);
            canvas.rect(rect, 0.2 * u, Color32::TRANSPARENT, outline);
        }
        Swatch::LowConfidence => {
            paint_base_marker(
                canvas,
                marker_at,
                BaseShape::Disc,
                MarkFill::Solid(style.panel_fill.to_opaque()),
                true,
                &sizes,
                style,
                Pos2::ZERO,
            );
        }
        Swatch::Incident => paint_incident(canvas, pos2(marker_at.x, rect.center().y + 0.1 * u), 1.0, &sizes, style),
        Swatch::Unnamed => {
            let color = s
                .status_idx("active")
                .map_or(style.muted_text, |a| color32(s.status(a).color));
            paint_unnamed_marker(canvas, marker_at, color, &sizes, style);
        }
        Swatch::None => {}
        Swatch::Unconfirmed => {
            let flip = ScreenFromWorld {
                scale: 1.0,
                origin: Pos2::ZERO,
            };
            let line = [rect.left_center(), rect.right_center()].map(|p| pos2(p.x, -p.y));
            unconfirmed_line(canvas, WorldLine::unkeyed(&line), &flip, style, 0.5);
        }
        Swatch::Disagree => {
            // The same mark as on the map, in screen space (scale 1, y flipped).
            let flip = ScreenFromWorld {
                scale: 1.0,
                origin: Pos2::ZERO,
            };
            let line = [rect.left_center(), rect.right_center()].map(|p| pos2(p.x, -p.y));
            disagree_line(canvas, WorldLine::unkeyed(&line), &flip, style, 0.5);
        }
    }
}

/// Source line (left) and credit (right) along the bottom edge; returns
/// the top of what it drew.
pub(super) fn paint_footer(scene: &MapScene<'_>, layout: &MapLayout, canvas: &mut dyn Canvas) -> f32 {
    let (style, u) = (scene.style, layout.unit);
    let rect = layout.rect;
    let y = rect.bottom() - 1.5 * u;
    let credit = TextSpec {
        text: "drawdown · boundaries: Natural Earth",
        size: legible_pt(1.35, u),
        color: style.muted_text,
        halo: Some(style.halo),
        wrap_width: None,
        max_rows: None,
    };
    let credit_rect = canvas.text(&credit, pos2(rect.right() - 1.6 * u, y), Align2::RIGHT_CENTER);
    let source = scene
        .scenario
        .phase_on(scene.track, scene.date)
        .map(|p| p.source_on(scene.date))
        .filter(|s| !s.is_empty())
        .map(|s| format!("Source: {s}"))
        .unwrap_or_default();
    if !source.is_empty() {
        let spec = TextSpec {
            text: &source,
            wrap_width: Some((credit_rect.left() - rect.left() - 4.0 * u).max(10.0 * u)),
            max_rows: Some(SOURCE_MAX_ROWS),
            ..credit
        };
        // Bottom-aligned with the one-line credit: a source that wraps (in
        // a half-width comparison) grows upwards, not out of the picture.
        let source_rect = canvas.text(
            &spec,
            pos2(rect.left() + 1.6 * u, credit_rect.bottom()),
            Align2::LEFT_BOTTOM,
        );
        return source_rect.top().min(credit_rect.top());
    }
    credit_rect.top()
}
