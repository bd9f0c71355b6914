//! Incident ticks: a small triangle per incident on the strip's bottom
//! edge, pointing at the bands, in the map's incident colour, so that the
//! chart shows when things happened without a row of its own. Hovering one
//! names what, when and the source; clicking goes to its date. At the whole
//! range's zoom a fortnight of incidents shares a few pixels, so the hover
//! lists every tick under the pointer.

use egui::{Pos2, Rect, Response, Shape, Stroke, Ui, pos2};

use super::overlay::Overlay;
use crate::model::{Incident, IncidentLocation, Scenario, date_format};
use crate::render::style::ChartStyle;

/// Pixels from an incident tick within which the pointer hovers it.
const INCIDENT_HOVER_PX: f32 = 5.0;

/// Height of an incident tick, points.
const INCIDENT_TICK_PX: f32 = 7.0;

/// How many incidents under the pointer the tooltip details; more are
/// listed by title only.
const DETAILED: usize = 3;

impl Overlay<'_> {
    /// The incidents whose tick lies within a few pixels of `pointer`, on
    /// the strip's bottom edge; by date.
    pub(super) fn incidents_near(&self, pointer: Pos2) -> Vec<&Incident> {
        let frame = self.frame();
        let bottom = self.strip.bottom();
        let zone = Rect::from_x_y_ranges(
            frame.left() - INCIDENT_HOVER_PX..=frame.right() + INCIDENT_HOVER_PX,
            bottom - INCIDENT_TICK_PX - 3.0..=bottom + 3.0,
        );
        if !zone.contains(pointer) {
            return Vec::new();
        }
        self.incidents
            .iter()
            .filter(|i| self.range.contains(i.date))
            .filter(|i| (self.x_of(i.date) - pointer.x).abs() <= INCIDENT_HOVER_PX)
            .collect()
    }

    /// A small triangle per incident on the strip's bottom edge, pointing
    /// at the bands; the hovered ones larger.
    pub(super) fn paint_incidents(&self, ui: &Ui, hovered: &[&Incident]) {
        let frame = self.frame();
        let painter = ui.painter().with_clip_rect(Rect::from_x_y_ranges(
            frame.left() - 4.0..=frame.right() + 4.0,
            self.strip.top()..=frame.bottom(),
        ));
        let bottom = self.strip.bottom();
        let edge = Stroke::new(1.0, ui.visuals().extreme_bg_color);
        let fill = ChartStyle::STANDARD.incident;
        for incident in self.incidents.iter().filter(|i| self.range.contains(i.date)) {
            let x = self.x_of(incident.date);
            if !frame.x_range().contains(x) {
                continue;
            }
            let grow = if hovered.iter().any(|h| std::ptr::eq(*h, incident)) {
                1.5
            } else {
                1.0
            };
            let (h, w) = (INCIDENT_TICK_PX * grow, 0.5 * INCIDENT_TICK_PX * grow);
            let points = vec![pos2(x - w, bottom - h), pos2(x + w, bottom - h), pos2(x, bottom)];
            painter.add(Shape::convex_polygon(points, fill, edge));
        }
    }
}

/// The incidents under the pointer: date, title, place, source, grade; the
/// detail too when there are few.
pub(super) fn incident_tooltip(response: &Response, scenario: &Scenario, incidents: &[&Incident]) {
    response.clone().on_hover_ui_at_pointer(|ui| {
        for incident in incidents {
            let place = match incident.location {
                IncidentLocation::Place(p) => scenario.places.get(p.0).map(|p| p.name.as_str()),
                IncidentLocation::Point { .. } => None,
            };
            let title = format!("{} — {}", date_format::short(incident.date), incident.title);
            ui.strong(match place {
                Some(place) => format!("{title} ({place})"),
                None => title,
            });
            if incidents.len() <= DETAILED {
                if !incident.detail.is_empty() {
                    ui.label(&incident.detail);
                }
                if let Some(disputed) = &incident.disputed {
                    ui.weak(format!("Disputed: {disputed}"));
                }
            }
            ui.weak(format!(
                "Source: {} · {}",
                incident.source,
                incident.confidence.map_or("confidence not stated", |c| c.label())
            ));
        }
        if incidents.len() > DETAILED {
            ui.weak("Zoom in (scroll) to tell them apart and read each one's detail");
        }
        ui.weak("Click to go to the first one's date");
    });
}
