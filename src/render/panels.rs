//! The text panels over the map: the title block (track, date, phase,
//! milestone, caption), the legend of status colours, and the footer
//! (source line and credit). They depend on the date itself, not only on
//! the regions' statuses, so they are the pass painted on every frame of
//! an export ([`super::PaintPass::Panels`]).

use std::borrow::Cow;

use egui::{Align2, Color32, Pos2, Rect, Stroke, pos2, vec2};

use super::canvas::{Canvas, TextSpec, WorldLine};
use super::labels::LABEL_MAX_EMS;
use super::layer::MapLayer;
use super::marks::{
    BaseShape, MarkFill, MarkSizes, REGION_HATCH_PERIOD_U, disagree_line, hatch_swatch, no_report_color,
    paint_base_marker, paint_incident,
};
use super::scene::{MapLayout, MapScene};
use super::style::{NO_STATUS_FILL, color32};
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
pub(super) fn paint_title(scene: &MapScene<'_>, layout: &MapLayout, canvas: &mut dyn Canvas) -> f32 {
    let (style, u) = (scene.style, layout.unit);
    let panel = layout.panel_rect;
    let inner_w = if panel.width() > 0.0 {
        panel.width() - 3.0 * u
    } else {
        (layout.rect.width() * 0.45).max(12.0 * u)
    };
    let left = panel.left() + 1.5 * u;

    let track = scene.scenario.track(scene.track);
    // Text, size, colour, gap below, and the most rows it may take: a
    // title from the file that is too long is elided, so that the block
    // keeps room for the map.
    let mut lines: Vec<(String, f32, Color32, f32, usize)> = vec![
        (track.name.to_uppercase(), 1.5 * u, style.muted_text, 0.3 * u, 2),
        (
            crate::model::date_format::long(scene.date),
            4.4 * u,
            style.text,
            0.5 * u,
            2,
        ),
    ];
    if let Some(phase) = scene.scenario.phase_on(scene.track, scene.date) {
        lines.push((phase.title.clone(), 2.1 * u, style.text, 0.8 * u, TITLE_MAX_ROWS));
    }
    if let Some(milestone) = scene.scenario.milestone_on(scene.track, scene.date) {
        lines.push((
            format!("Milestone: {}", milestone.title),
            1.65 * u,
            style.text,
            0.3 * u,
            TITLE_MAX_ROWS,
        ));
    }
    if let Some(caption) = &scene.effects.caption {
        lines.push((caption.clone(), 1.55 * u, style.muted_text, 0.3 * u, TITLE_MAX_ROWS));
    }
    let specs: Vec<(TextSpec<'_>, f32)> = lines
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
    let height: f32 = specs.iter().map(|(spec, gap)| canvas.measure(spec).y + gap).sum();
    let block = Rect::from_min_size(panel.min, vec2(inner_w + 3.0 * u, height + 2.4 * u));
    canvas.rect(block, 0.8 * u, style.panel_fill, style.panel_border);
    let mut y = block.top() + 1.2 * u;
    for (spec, gap) in &specs {
        let drawn = canvas.text(spec, pos2(left, y), Align2::LEFT_TOP);
        y = drawn.bottom() + gap;
    }
    block.bottom()
}

/// What a legend row shows at its left.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Swatch {
    /// A region's fill.
    Status(StatusIdx),
    /// A base marker of this status, in its shape.
    Base(StatusIdx),
    /// The "no report since" hatch.
    Hatch,
    LowConfidence,
    Incident,
    Disagree,
    /// No sample: the row that says how many statuses are not listed.
    None,
}

/// One titled group of legend rows.
struct LegendSection<'a> {
    title: &'a str,
    rows: Vec<(Swatch, Cow<'a, str>)>,
}

/// The legend's groups: region statuses; the base markers' shapes; the
/// marks over both (hatch, low confidence, incidents, disagreement).
fn legend_sections<'a>(scene: &MapScene<'a>) -> Vec<LegendSection<'a>> {
    let s = scene.scenario;
    // Many statuses: the first ones, and a row counting the rest (the
    // hover tooltip still names a region's status).
    let listed = if s.statuses.len() > LEGEND_MAX_STATUS_ROWS {
        LEGEND_MAX_STATUS_ROWS - 1
    } else {
        s.statuses.len()
    };
    let mut status_rows: Vec<(Swatch, Cow<'a, str>)> = s
        .statuses
        .iter()
        .take(listed)
        .enumerate()
        .map(|(i, status)| (Swatch::Status(StatusIdx(i)), Cow::Borrowed(status.label.as_str())))
        .collect();
    if listed < s.statuses.len() {
        let more = s.statuses.len() - listed;
        status_rows.push((Swatch::None, Cow::Owned(format!("+ {more} more statuses"))));
    }
    let mut sections = vec![LegendSection {
        title: "Coalition status",
        rows: status_rows,
    }];
    if scene.layers.contains(MapLayer::Bases) {
        // One base of each shape, named as a base marker says it.
        let mut shapes: Vec<BaseShape> = Vec::new();
        let rows: Vec<(Swatch, Cow<'a, str>)> = ["active", "drawdown", "ended"]
            .into_iter()
            .filter_map(|id| s.status_idx(id))
            .filter(|&i| {
                let shape = BaseShape::of_status(s.status(i));
                let new = !shapes.contains(&shape);
                shapes.push(shape);
                new
            })
            .map(|i| (Swatch::Base(i), Cow::Borrowed(s.status(i).label_for(PlaceKind::Base))))
            .collect();
        if !rows.is_empty() {
            sections.push(LegendSection { title: "Bases", rows });
        }
    }
    let mut marks: Vec<(Swatch, Cow<'a, str>)> = Vec::new();
    if no_report_color(s).is_some() {
        marks.push((Swatch::Hatch, "No report since — last reported".into()));
    }
    marks.push((Swatch::LowConfidence, "Low confidence (dotted)".into()));
    if scene.layers.contains(MapLayer::Incidents) {
        marks.push((Swatch::Incident, "Incident (fades over ±7 days)".into()));
    }
    if !scene.effects.disagree.is_empty() {
        marks.push((Swatch::Disagree, "Differs from the other track".into()));
    }
    sections.push(LegendSection {
        title: "Marks",
        rows: marks,
    });
    sections
}

/// The legend at the bottom of the left column (or bottom-left), above `footer_top` if a
/// wrapped source line rises higher than the room kept for it, and below
/// `top` (the title block). One column if it fits in the room there (or,
/// floating over a narrow map, in half of its height), else two: the
/// statuses, and the bases and marks beside them.
pub(super) fn paint_legend<'a>(
    scene: &MapScene<'a>,
    layout: &MapLayout,
    top: f32,
    footer_top: f32,
    canvas: &mut dyn Canvas,
) {
    let (style, u) = (scene.style, layout.unit);
    let row_h = 2.4 * u;
    let title_h = 2.3 * u;
    let section_gap = 0.6 * u;
    let swatch = vec2(2.6 * u, 1.6 * u);
    let title_spec = |text: &'a str| legend_text(text, 1.5 * u, style.muted_text);
    let sections = legend_sections(scene);
    #[expect(clippy::cast_precision_loss, reason = "a handful of rows")]
    let section_h = |section: &LegendSection<'_>| title_h + row_h * section.rows.len() as f32;
    let section_w = |section: &LegendSection<'a>, canvas: &mut dyn Canvas| {
        let mut width = canvas.measure(&title_spec(section.title)).x;
        for (_, text) in &section.rows {
            width = width.max(swatch.x + 0.8 * u + canvas.measure(&legend_text(text, 1.55 * u, style.text)).x);
        }
        width
    };
    let widths: Vec<f32> = sections.iter().map(|s| section_w(s, canvas)).collect();
    let heights: Vec<f32> = sections.iter().map(section_h).collect();
    let stacked_h = |range: std::ops::Range<usize>| -> f32 {
        let n = range.len();
        #[expect(clippy::cast_precision_loss, reason = "three sections")]
        let gaps = section_gap * n.saturating_sub(1) as f32;
        heights.get(range).unwrap_or_default().iter().sum::<f32>() + gaps
    };
    let padding = vec2(3.0 * u, 2.4 * u);
    let bottom = layout.panel_rect.bottom().min(footer_top) - 0.6 * u;
    let room = if layout.panel_rect.width() > 0.0 {
        bottom - top - 1.0 * u
    } else {
        0.5 * layout.rect.height()
    };
    let one_column_h = stacked_h(0..sections.len());
    let columns: Vec<std::ops::Range<usize>> = if one_column_h + padding.y <= room || sections.len() < 2 {
        std::iter::once(0..sections.len()).collect()
    } else {
        vec![0..1, 1..sections.len()]
    };
    let column_gap = 2.0 * u;
    let column_w: Vec<f32> = columns
        .iter()
        .map(|c| {
            widths
                .get(c.clone())
                .unwrap_or_default()
                .iter()
                .copied()
                .fold(0.0, f32::max)
        })
        .collect();
    #[expect(clippy::cast_precision_loss, reason = "one or two columns")]
    let size = vec2(
        column_w.iter().sum::<f32>() + column_gap * (columns.len() - 1) as f32 + padding.x,
        columns.iter().map(|c| stacked_h(c.clone())).fold(0.0, f32::max) + padding.y,
    );
    let bottom_left = pos2(layout.panel_rect.left(), bottom);
    let block = Rect::from_min_size(bottom_left - vec2(0.0, size.y), size);
    canvas.rect(block, 0.8 * u, style.panel_fill, style.panel_border);

    let mut left = block.left() + 1.5 * u;
    for (column, width) in columns.iter().zip(&column_w) {
        let mut y = block.top() + 1.2 * u;
        for section in sections.get(column.clone()).unwrap_or_default() {
            canvas.text(&title_spec(section.title), pos2(left, y), Align2::LEFT_TOP);
            y += title_h;
            for (kind, text) in &section.rows {
                let swatch_rect = Rect::from_min_size(pos2(left, y + (row_h - swatch.y) / 2.0), swatch);
                paint_swatch(scene, *kind, swatch_rect, u, canvas);
                canvas.text(
                    &legend_text(text, 1.55 * u, style.text),
                    pos2(swatch_rect.right() + 0.8 * u, y + row_h / 2.0),
                    Align2::LEFT_CENTER,
                );
                y += row_h;
            }
            y += section_gap;
        }
        left += width + column_gap;
    }
}

/// A legend's title or row text: one line, elided past the width a
/// label may take.
fn legend_text(text: &str, size: f32, color: Color32) -> TextSpec<'_> {
    TextSpec {
        text,
        size,
        color,
        halo: None,
        wrap_width: Some(LABEL_MAX_EMS * size),
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
        Swatch::None => {}
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
        // Legible on a 1280×720 slide.
        size: (1.35 * u).max(11.0),
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
