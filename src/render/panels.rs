//! The text panels over the map: the title block (track, date, phase,
//! milestone, caption), the legend of status colours, and the footer
//! (source line and credit). They depend on the date itself, not only on
//! the regions' statuses, so they are the pass painted on every frame of
//! an export ([`super::PaintPass::Panels`]).

use egui::{Align2, Color32, Pos2, Rect, Stroke, pos2, vec2};

use super::canvas::{Canvas, TextSpec, WorldLine};
use super::scene::{MapLayout, MapScene, disagree_line};
use super::style::color32;
use super::view::ScreenFromWorld;

/// Title block (track, date, phase, milestone) and legend, in the left
/// column on wide areas, floating top-left and bottom-left otherwise.
pub(super) fn paint_panel(scene: &MapScene<'_>, layout: &MapLayout, footer_top: f32, canvas: &mut dyn Canvas) {
    let (style, u) = (scene.style, layout.unit);
    let panel = layout.panel_rect;
    let inner_w = if panel.width() > 0.0 {
        panel.width() - 3.0 * u
    } else {
        (layout.rect.width() * 0.45).max(12.0 * u)
    };
    let left = panel.left() + 1.5 * u;

    if scene.overlays.title {
        let track = scene.scenario.track(scene.track);
        let mut lines: Vec<(String, f32, Color32, f32)> = vec![
            (track.name.to_uppercase(), 1.5 * u, style.muted_text, 0.3 * u),
            (
                crate::model::date_format::long(scene.date),
                4.4 * u,
                style.text,
                0.5 * u,
            ),
        ];
        if let Some(phase) = scene.scenario.phase_on(scene.track, scene.date) {
            lines.push((phase.title.clone(), 2.1 * u, style.text, 0.8 * u));
        }
        if let Some(milestone) = scene.scenario.milestone_on(scene.track, scene.date) {
            lines.push((format!("Milestone: {}", milestone.title), 1.65 * u, style.text, 0.3 * u));
        }
        if let Some(caption) = &scene.effects.caption {
            lines.push((caption.clone(), 1.55 * u, style.muted_text, 0.3 * u));
        }
        let specs: Vec<(TextSpec<'_>, f32)> = lines
            .iter()
            .map(|(text, size, color, gap)| {
                let spec = TextSpec {
                    text,
                    size: *size,
                    color: *color,
                    halo: None,
                    wrap_width: Some(inner_w),
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
    }

    if scene.overlays.legend {
        paint_legend(scene, layout, footer_top, canvas);
    }
}

/// The legend at the bottom of the panel, above `footer_top` if a
/// wrapped source line rises higher than the room kept for it.
fn paint_legend(scene: &MapScene<'_>, layout: &MapLayout, footer_top: f32, canvas: &mut dyn Canvas) {
    let (style, u) = (scene.style, layout.unit);
    let row_h = 2.4 * u;
    let swatch = vec2(2.6 * u, 1.6 * u);
    let title = TextSpec {
        text: "Coalition status",
        size: 1.5 * u,
        color: style.muted_text,
        halo: None,
        wrap_width: None,
    };
    let row = |text| TextSpec {
        text,
        size: 1.55 * u,
        color: style.text,
        ..title
    };
    let show_disagree = !scene.effects.disagree.is_empty();
    let disagree_text = "Differs from the other track";
    let labels: Vec<&str> = scene
        .scenario
        .statuses
        .iter()
        .map(|s| s.label.as_str())
        .chain(show_disagree.then_some(disagree_text))
        .collect();
    let mut label_w = canvas.measure(&title).x - swatch.x - 0.8 * u;
    for text in &labels {
        label_w = label_w.max(canvas.measure(&row(text)).x);
    }
    #[expect(clippy::cast_precision_loss, reason = "a handful of rows")]
    let size = vec2(
        3.0 * u + swatch.x + 0.8 * u + label_w,
        4.6 * u + row_h * labels.len() as f32,
    );
    let bottom = layout.panel_rect.bottom().min(footer_top);
    let bottom_left = pos2(layout.panel_rect.left(), bottom - 0.6 * u);
    let block = Rect::from_min_size(bottom_left - vec2(0.0, size.y), size);
    canvas.rect(block, 0.8 * u, style.panel_fill, style.panel_border);
    let left = block.left() + 1.5 * u;
    canvas.text(&title, pos2(left, block.top() + 1.2 * u), Align2::LEFT_TOP);
    let mut y = block.top() + 3.4 * u;
    for (i, text) in labels.iter().enumerate() {
        let swatch_rect = Rect::from_min_size(pos2(left, y + (row_h - swatch.y) / 2.0), swatch);
        match scene.scenario.statuses.get(i) {
            Some(status) => canvas.rect(
                swatch_rect,
                0.2 * u,
                color32(status.color),
                Stroke::new(0.1 * u, style.muted_text),
            ),
            None => {
                // The same mark as on the map, in screen space (scale 1, y flipped).
                let flip = ScreenFromWorld {
                    scale: 1.0,
                    origin: Pos2::ZERO,
                };
                let line = [swatch_rect.left_center(), swatch_rect.right_center()].map(|p| pos2(p.x, -p.y));
                disagree_line(canvas, WorldLine::unkeyed(&line), &flip, style, 0.5);
            }
        }
        canvas.text(
            &row(text),
            pos2(swatch_rect.right() + 0.8 * u, y + row_h / 2.0),
            Align2::LEFT_CENTER,
        );
        y += row_h;
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
    };
    let credit_rect = canvas.text(&credit, pos2(rect.right() - 1.6 * u, y), Align2::RIGHT_CENTER);
    let source = scene
        .scenario
        .phase_on(scene.track, scene.date)
        .map(|p| format!("Source: {}", p.source))
        .unwrap_or_default();
    if !source.is_empty() {
        let spec = TextSpec {
            text: &source,
            wrap_width: Some((credit_rect.left() - rect.left() - 4.0 * u).max(10.0 * u)),
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
