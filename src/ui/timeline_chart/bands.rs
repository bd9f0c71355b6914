//! The status bands: each row's periods as rectangles in its status colour,
//! the status named inside where it fits. Where two periods in a row touch
//! and are drawn in the same colour they are one band (one label, no seam).
//! Which spans become which bands is pure ([`band_spans`]); the plot item
//! ([`GanttBands`]) draws them with the plot's transform, so that they zoom
//! and pan with the axis.

use std::ops::RangeInclusive;

use egui::{Color32, FontId, Shape, Ui, pos2};
use egui_plot::{PlotBounds, PlotGeometry, PlotItem, PlotItemBase, PlotPoint, PlotTransform};

use super::rows::{RowSpan, row_y, rows_y_max};
use super::time_axis::{default_x_bounds, plot_x};
use crate::model::{DateRange, PlaceKind, Rgb, Scenario, StatusIdx};
use crate::render::style::{ChartStyle, color32};

/// Text size of a band's status label, points.
const BAND_FONT_SIZE: f32 = 11.0;

/// Half the height of a band, in rows (1.0 = row pitch); the rest is gap.
const BAND_HALF_HEIGHT: f64 = 0.36;

/// One band of a row: plot x from its first day's start to its last day's
/// end, and the status whose colour and label it shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct BandSpan {
    pub x: [f64; 2],
    pub status: StatusIdx,
}

/// A row's spans as bands: each clipped to the range (its last day
/// included), an open-ended one reaching the range's end, one outside the
/// range dropped; a span that touches or overlaps the band before it and
/// has the same colour (`color_of`) extends that band.
pub(super) fn band_spans(range: DateRange, spans: &[RowSpan], color_of: impl Fn(StatusIdx) -> Rgb) -> Vec<BandSpan> {
    let [lo, hi] = default_x_bounds(range);
    let mut bands: Vec<BandSpan> = Vec::new();
    for span in spans {
        let x0 = plot_x(range, span.from).max(lo);
        let x1 = span.to.map_or(hi, |to| plot_x(range, to) + 1.0).min(hi);
        if x1 <= x0 {
            continue;
        }
        match bands.last_mut() {
            Some(band) if band.x[1] >= x0 && color_of(band.status) == color_of(span.status) => band.x[1] = x1,
            _ => bands.push(BandSpan {
                x: [x0, x1],
                status: span.status,
            }),
        }
    }
    bands
}

/// One row's spans as the bands draw them.
pub(super) struct BandSource<'s> {
    pub spans: &'s [RowSpan],
    /// A base's row: statuses in the bases' wording.
    pub base: bool,
    /// Lighter, without text: a base that shows its region's status.
    pub faded: bool,
}

/// All bands as one plot item: axis-aligned rectangles in plot coordinates,
/// with the status label inside where it fits. Built once per frame from
/// the rows.
pub(super) struct GanttBands {
    base: PlotItemBase,
    bands: Vec<Band>,
    bounds: PlotBounds,
    style: ChartStyle,
}

struct Band {
    x: [f64; 2],
    y: f64,
    color: Color32,
    /// Drawn towards the plot's ground ([`ChartStyle::follows_region_fade`]).
    faded: bool,
    text_color: Color32,
    /// Empty: no text (a lighter band says nothing of its own).
    label: String,
}

impl GanttBands {
    pub fn new(scenario: &Scenario, rows: &[BandSource<'_>], name: &str) -> Self {
        let range = scenario.range;
        let style = ChartStyle::STANDARD;
        let [lo, hi] = default_x_bounds(range);
        let mut bands = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            let y = row_y(rows.len(), i);
            for span in band_spans(range, row.spans, |s| scenario.status(s).color) {
                let status = scenario.status(span.status);
                let label = match (row.faded, row.base) {
                    (true, _) => String::new(),
                    (false, true) => status.label_for(PlaceKind::Base).to_owned(),
                    (false, false) => status.label.clone(),
                };
                bands.push(Band {
                    x: span.x,
                    y,
                    color: color32(status.color),
                    faded: row.faded,
                    text_color: style.band_text(status.color),
                    label,
                });
            }
        }
        Self {
            base: PlotItemBase::new(name.to_owned()),
            bands,
            bounds: PlotBounds::from_min_max([lo, -0.5], [hi, rows_y_max(rows.len())]),
            style,
        }
    }
}

impl PlotItem for GanttBands {
    fn shapes(&self, ui: &Ui, transform: &PlotTransform, shapes: &mut Vec<Shape>) {
        let frame = *transform.frame();
        let font = FontId::proportional(BAND_FONT_SIZE);
        for band in &self.bands {
            let rect = transform.rect_from_values(
                &PlotPoint::new(band.x[0], band.y - BAND_HALF_HEIGHT),
                &PlotPoint::new(band.x[1], band.y + BAND_HALF_HEIGHT),
            );
            let visible = rect.intersect(frame);
            if !visible.is_positive() {
                continue;
            }
            let color = if band.faded {
                band.color
                    .lerp_to_gamma(ui.visuals().extreme_bg_color, self.style.follows_region_fade)
            } else {
                band.color
            };
            shapes.push(Shape::rect_filled(rect, 0.0, color));
            if band.label.is_empty() || visible.height() < BAND_FONT_SIZE + 2.0 {
                continue;
            }
            let galley = ui
                .painter()
                .layout_no_wrap(band.label.clone(), font.clone(), band.text_color);
            if galley.size().x + 8.0 <= visible.width() {
                let pos = pos2(visible.left() + 4.0, visible.center().y - 0.5 * galley.size().y);
                shapes.push(Shape::galley(pos, galley, band.text_color));
            }
        }
    }

    fn initialize(&mut self, _x_range: RangeInclusive<f64>) {}

    fn color(&self) -> Color32 {
        Color32::TRANSPARENT
    }

    fn geometry(&self) -> PlotGeometry<'_> {
        PlotGeometry::None
    }

    fn bounds(&self) -> PlotBounds {
        self.bounds
    }

    fn base(&self) -> &PlotItemBase {
        &self.base
    }

    fn base_mut(&mut self) -> &mut PlotItemBase {
        &mut self.base
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn range() -> DateRange {
        DateRange {
            start: d("2020-01-01"),
            end: d("2020-12-31"),
        }
    }

    fn span(from: &str, to: Option<&str>, status: usize) -> RowSpan {
        RowSpan {
            from: d(from),
            to: to.map(d),
            status: StatusIdx(status),
        }
    }

    /// Statuses 0 and 1 share a colour; 2 has its own.
    fn color_of(status: StatusIdx) -> Rgb {
        let grey = if status.0 == 2 { 200 } else { 100 };
        Rgb {
            r: grey,
            g: grey,
            b: grey,
        }
    }

    #[test]
    fn touching_periods_of_one_colour_are_one_band_and_other_colours_start_a_new_one() {
        let spans = [
            span("2020-01-01", Some("2020-01-10"), 0),
            span("2020-01-11", Some("2020-01-20"), 1),
            span("2020-01-21", Some("2020-01-31"), 2),
            span("2020-02-01", Some("2020-02-05"), 2),
        ];
        let bands = band_spans(range(), &spans, color_of);
        assert_eq!(
            bands,
            [
                BandSpan {
                    x: [0.0, 20.0],
                    status: StatusIdx(0)
                },
                BandSpan {
                    x: [20.0, 36.0],
                    status: StatusIdx(2)
                },
            ],
            "the first status names a merged band"
        );
    }

    #[test]
    fn a_gap_between_periods_of_one_colour_keeps_them_apart() {
        let spans = [
            span("2020-01-01", Some("2020-01-10"), 0),
            span("2020-01-12", Some("2020-01-20"), 0),
        ];
        let bands = band_spans(range(), &spans, color_of);
        let xs: Vec<[f64; 2]> = bands.iter().map(|b| b.x).collect();
        assert_eq!(xs, [[0.0, 10.0], [11.0, 20.0]]);
    }

    #[test]
    fn bands_are_clipped_to_the_range_and_an_open_period_reaches_its_last_day() {
        let spans = [
            span("2019-06-01", Some("2019-12-31"), 2),
            span("2019-12-01", Some("2020-01-05"), 0),
            span("2020-12-20", None, 2),
        ];
        let bands = band_spans(range(), &spans, color_of);
        let [_, end] = default_x_bounds(range());
        assert_eq!(end, 366.0, "2020 has 366 days, the last one included");
        assert_eq!(
            bands,
            [
                BandSpan {
                    x: [0.0, 5.0],
                    status: StatusIdx(0)
                },
                BandSpan {
                    x: [plot_x(range(), d("2020-12-20")), end],
                    status: StatusIdx(2)
                },
            ],
            "the period before the range is dropped, the next starts at its start"
        );
        let reversed = [span("2020-03-10", Some("2020-03-01"), 0)];
        assert!(
            band_spans(range(), &reversed, color_of).is_empty(),
            "no band ends before it starts"
        );
    }
}
