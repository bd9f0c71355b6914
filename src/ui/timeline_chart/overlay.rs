//! What the chart draws over its plot with the plot's final transform (so
//! that it follows this frame's zoom and pan): the milestone lines and
//! their labels in the strip above the bands, the dashed "today" line, and
//! the cursor with its date. Also which milestone the pointer is on, for
//! the hover and the click that jumps to it. Incident ticks share the strip
//! (`incident_ticks.rs`).

use egui::{Align2, FontId, Pos2, Rect, Response, Shape, Stroke, Ui, pos2, vec2};
use egui_plot::PlotTransform;

use super::LABEL_FONT_SIZE;
use super::milestone_labels::{Slot, Wanted, place_strip_labels};
use super::time_axis::plot_x;
use crate::model::{Date, DateRange, Incident, Milestone, date_format};
use crate::render::style::ChartStyle;

/// Pixels from a milestone line within which the pointer hovers it.
const MILESTONE_HOVER_PX: f32 = 5.0;

/// Height of a label in the strip, points.
const LABEL_HEIGHT_PX: f32 = 15.0;

/// Pitch of the strip's label rows, points.
const LABEL_ROW_PX: f32 = 16.0;

/// What is drawn over the plot, with its final transform.
pub(super) struct Overlay<'o> {
    /// The strip above the bands that holds the labels and incident ticks.
    pub strip: Rect,
    pub transform: &'o PlotTransform,
    pub range: DateRange,
    pub milestones: &'o [&'o Milestone],
    /// By date.
    pub incidents: &'o [Incident],
}

/// Where the labels in the strip went (computed once, used for hit tests
/// and painting).
pub(super) struct PlacedLabels {
    cursor: Option<Rect>,
    today: Option<Rect>,
    /// (milestone index, label rect).
    milestones: Vec<(usize, Rect)>,
}

impl Overlay<'_> {
    pub fn x_of(&self, date: Date) -> f32 {
        self.transform.position_from_point_x(plot_x(self.range, date))
    }

    pub fn frame(&self) -> Rect {
        *self.transform.frame()
    }

    /// The rect of a placed label: its row's top, its left edge and width.
    fn rect_of(&self, slot: Slot) -> Rect {
        #[expect(clippy::cast_precision_loss, reason = "two rows")]
        let top = self.strip.top() + 2.0 + slot.row as f32 * LABEL_ROW_PX;
        Rect::from_min_size(pos2(slot.left, top), vec2(slot.width, LABEL_HEIGHT_PX))
    }

    /// Measures the strip's labels and places them
    /// ([`place_strip_labels`]): the cursor's chip, "today" (inside the
    /// range only), and milestone titles in date order.
    pub fn place_labels(&self, ui: &Ui, date: Date, today: Option<Date>) -> PlacedLabels {
        let font = FontId::proportional(LABEL_FONT_SIZE);
        let painter = ui.painter();
        let text_color = ui.visuals().text_color();
        let width = |text: String| painter.layout_no_wrap(text, font.clone(), text_color).size().x;
        let cursor = Wanted {
            x: self.x_of(date),
            width: width(date_format::short(date)) + 8.0,
        };
        let today = today.filter(|d| self.range.contains(*d)).map(|d| Wanted {
            x: self.x_of(d),
            width: width("today".to_owned()),
        });
        let xs: Vec<f32> = self.milestones.iter().map(|m| self.x_of(m.date)).collect();
        let placed = place_strip_labels(self.frame().x_range(), Some(cursor), today, &xs, |i| {
            self.milestones.get(i).map_or(0.0, |m| width(m.title.clone()))
        });
        PlacedLabels {
            cursor: placed.cursor.map(|slot| self.rect_of(slot)),
            today: placed.today.map(|slot| self.rect_of(slot)),
            milestones: placed
                .milestones
                .into_iter()
                .map(|(i, slot)| (i, self.rect_of(slot)))
                .collect(),
        }
    }

    /// The milestone under the pointer: its label in the strip, or its line
    /// within a few pixels (in the strip or the bands).
    pub fn milestone_near(&self, labels: &PlacedLabels, pointer: Pos2) -> Option<usize> {
        if let Some(&(i, _)) = labels.milestones.iter().find(|(_, r)| r.contains(pointer)) {
            return Some(i);
        }
        let frame = self.frame();
        let area = Rect::from_x_y_ranges(frame.x_range(), self.strip.top()..=frame.bottom());
        if !area.contains(pointer) {
            return None;
        }
        self.milestones
            .iter()
            .enumerate()
            .map(|(i, m)| (i, (self.x_of(m.date) - pointer.x).abs()))
            .filter(|&(_, dx)| dx <= MILESTONE_HOVER_PX)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i)
    }

    /// Milestone lines and labels (the hovered one stronger), "today"
    /// dashed, and the cursor with its date chip.
    pub fn paint(&self, ui: &Ui, labels: &PlacedLabels, date: Date, today: Option<Date>, hovered: Option<usize>) {
        let frame = self.frame();
        let visuals = ui.visuals();
        let painter = ui.painter().with_clip_rect(Rect::from_x_y_ranges(
            frame.left() - 1.0..=frame.right() + 1.0,
            self.strip.top()..=frame.bottom(),
        ));
        let font = FontId::proportional(LABEL_FONT_SIZE);
        let weak = visuals.weak_text_color();
        let strong = visuals.strong_text_color();
        let strip_bottom = self.strip.bottom();
        let line_opacity = ChartStyle::STANDARD.milestone_line_opacity;

        for (i, m) in self.milestones.iter().enumerate() {
            let x = self.x_of(m.date);
            let is_hovered = hovered == Some(i);
            let (width, color) = if is_hovered {
                (2.0, strong)
            } else {
                (1.0, visuals.text_color().gamma_multiply(line_opacity))
            };
            painter.vline(x, strip_bottom - 3.0..=frame.bottom(), Stroke::new(width, color));
            if let Some(&(_, rect)) = labels.milestones.iter().find(|(j, _)| *j == i) {
                let text_color = if is_hovered { strong } else { weak };
                painter.vline(x, rect.bottom()..=strip_bottom, Stroke::new(0.5, weak));
                painter.text(rect.left_top(), Align2::LEFT_TOP, &m.title, font.clone(), text_color);
            }
        }

        if let Some(today) = today.filter(|d| self.range.contains(*d)) {
            let x = self.x_of(today);
            let stroke = Stroke::new(1.5, strong);
            painter.extend(Shape::dashed_line(
                &[pos2(x, strip_bottom - 4.0), pos2(x, frame.bottom())],
                stroke,
                6.0,
                4.0,
            ));
            if let Some(rect) = labels.today {
                painter.text(rect.left_top(), Align2::LEFT_TOP, "today", font.clone(), strong);
            }
        }

        let x = self.x_of(date);
        if frame.x_range().contains(x) {
            let top = labels.cursor.map_or(strip_bottom, |r| r.bottom());
            painter.vline(x, top..=frame.bottom(), Stroke::new(4.0, visuals.extreme_bg_color));
            painter.vline(x, top..=frame.bottom(), Stroke::new(2.0, strong));
        }
        if let Some(rect) = labels.cursor {
            painter.rect_filled(rect, 3.0, visuals.selection.bg_fill);
            painter.text(
                rect.center(),
                Align2::CENTER_CENTER,
                date_format::short(date),
                font,
                visuals.selection.stroke.color,
            );
        }
    }
}

/// A milestone's date, title and detail, and how to jump to it.
pub(super) fn milestone_tooltip(response: Response, milestone: Option<&Milestone>) {
    let Some(m) = milestone else { return };
    response.on_hover_ui_at_pointer(|ui| {
        ui.strong(format!("{} — {}", date_format::short(m.date), m.title));
        if !m.detail.is_empty() {
            ui.label(&m.detail);
        }
        ui.weak("Click the label to jump to this milestone");
    });
}
