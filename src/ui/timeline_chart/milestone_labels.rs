//! Where the labels of the strip above the bands go: the cursor's date
//! chip, "today", and a title per milestone, in two rows, none over
//! another. Milestones crowd (the record's weeks of early 2026 put a dozen
//! within a few points), so a label that fits nowhere is left out (hovering
//! the line shows every title) rather than drawn over its neighbour. Pure:
//! screen x and widths in, rows and left edges out, so that collisions are
//! tested without a window.

use egui::Rangef;

/// Label rows in the strip.
pub(super) const LABEL_ROWS: usize = 2;

/// Room kept free either side of a label, points.
const PAD_PX: f32 = 4.0;

/// Gap between a line and the label beside it, points.
const LINE_GAP_PX: f32 = 3.0;

/// A label to place: the screen x of the line (or date) it names and its
/// width, points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Wanted {
    pub x: f32,
    pub width: f32,
}

/// Where a label went: its row (0 = top) and its left edge, points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Slot {
    pub row: usize,
    pub left: f32,
    pub width: f32,
}

/// The strip's labels, placed.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct StripLabels {
    pub cursor: Option<Slot>,
    pub today: Option<Slot>,
    /// (milestone index, its label), for the milestones whose label fitted.
    pub milestones: Vec<(usize, Slot)>,
}

/// Places the cursor's chip first (centred on its x, nudged inside), then
/// "today", then each milestone's label in the order given (date order),
/// each in the lowest row where it collides with nothing and stays within
/// `bounds` (the plot's x range); a label whose x is outside `bounds` is
/// not placed. `milestone_xs` are the milestones' screen x; `width_of(i)`
/// is asked only for those in view.
pub(super) fn place_strip_labels(
    bounds: Rangef,
    cursor: Option<Wanted>,
    today: Option<Wanted>,
    milestone_xs: &[f32],
    mut width_of: impl FnMut(usize) -> f32,
) -> StripLabels {
    let in_view = |x: f32| bounds.contains(x);
    let mut rows = LabelRows {
        bounds,
        taken: Default::default(),
    };
    let cursor = cursor
        .filter(|c| in_view(c.x))
        .map(|c| rows.place_centered(c.x, c.width));
    let today = today
        .filter(|t| in_view(t.x))
        .and_then(|t| rows.place_at_line(t.x, t.width, false));
    let milestones = milestone_xs
        .iter()
        .enumerate()
        .filter(|&(_, &x)| in_view(x))
        .filter_map(|(i, &x)| rows.place_at_line(x, width_of(i), true).map(|slot| (i, slot)))
        .collect();
    StripLabels {
        cursor,
        today,
        milestones,
    }
}

/// The label rows of the strip (0 = top) and the x spans taken in each.
struct LabelRows {
    /// Labels stay within the plot's x range.
    bounds: Rangef,
    taken: [Vec<Rangef>; LABEL_ROWS],
}

impl LabelRows {
    const BOTTOM: usize = LABEL_ROWS - 1;

    fn is_free(&self, row: usize, span: Rangef) -> bool {
        self.bounds.min <= span.min + PAD_PX
            && span.max - PAD_PX <= self.bounds.max
            && self.taken[row].iter().all(|t| t.max < span.min || span.max < t.min)
    }

    /// A label for the line at `x`: right of it, else left of it; in the
    /// bottom row if possible. With a `connector` (a line from the label down
    /// to the bands), a label higher up needs the rows below free at `x`, and
    /// reserves that.
    fn place_at_line(&mut self, x: f32, width: f32, connector: bool) -> Option<Slot> {
        let connector = connector.then_some(Rangef::new(x - 1.0, x + 1.0));
        for row in (0..LABEL_ROWS).rev() {
            if let Some(c) = connector
                && !(row + 1..LABEL_ROWS).all(|below| self.is_free(below, c))
            {
                continue;
            }
            for left in [x + LINE_GAP_PX, x - LINE_GAP_PX - width] {
                let span = Rangef::new(left - PAD_PX, left + width + PAD_PX);
                if self.is_free(row, span) {
                    self.taken[row].push(span);
                    for below in (row + 1..LABEL_ROWS).filter(|_| connector.is_some()) {
                        self.taken[below].extend(connector);
                    }
                    return Some(Slot { row, left, width });
                }
            }
        }
        None
    }

    /// A label centred on `x` in the bottom row, nudged inside the bounds.
    fn place_centered(&mut self, x: f32, width: f32) -> Slot {
        let left = (x - 0.5 * width).min(self.bounds.max - width).max(self.bounds.min);
        self.taken[Self::BOTTOM].push(Rangef::new(left - PAD_PX, left + width + PAD_PX));
        Slot {
            row: Self::BOTTOM,
            left,
            width,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOUNDS: Rangef = Rangef { min: 0.0, max: 1000.0 };
    const BOTTOM: usize = LABEL_ROWS - 1;

    fn overlaps(a: Slot, b: Slot) -> bool {
        a.row == b.row && a.left < b.left + b.width && b.left < a.left + a.width
    }

    #[test]
    fn a_lone_milestone_label_sits_right_of_its_line_in_the_bottom_row() {
        let placed = place_strip_labels(BOUNDS, None, None, &[300.0], |_| 80.0);
        assert_eq!(
            placed.milestones,
            [(
                0,
                Slot {
                    row: BOTTOM,
                    left: 303.0,
                    width: 80.0
                }
            )]
        );
    }

    #[test]
    fn crowded_labels_go_left_then_up_then_are_left_out_never_overlapping() {
        // The cursor's chip on the right of the crowd, "today" on its left.
        let cursor = Wanted { x: 400.0, width: 90.0 };
        let today = Wanted { x: 250.0, width: 60.0 };
        let placed = place_strip_labels(BOUNDS, Some(cursor), Some(today), &[330.0, 345.0, 347.0], |_| 60.0);
        let slot = |i: usize| placed.milestones.iter().find(|(j, _)| *j == i).map(|&(_, s)| s);
        assert_eq!(
            slot(0),
            Some(Slot {
                row: 0,
                left: 333.0,
                width: 60.0
            }),
            "no room either side below: a row up"
        );
        assert_eq!(slot(1), None, "no room anywhere: left out");
        let mut all: Vec<Slot> = placed.milestones.iter().map(|&(_, s)| s).collect();
        all.extend(placed.cursor);
        all.extend(placed.today);
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert!(!overlaps(*a, *b), "{a:?} over {b:?}");
            }
        }
    }

    #[test]
    fn a_label_goes_left_of_its_line_when_the_right_is_taken() {
        let cursor = Wanted { x: 400.0, width: 90.0 };
        let placed = place_strip_labels(BOUNDS, Some(cursor), None, &[345.0], |_| 60.0);
        assert_eq!(
            placed.milestones,
            [(
                0,
                Slot {
                    row: BOTTOM,
                    left: 345.0 - 3.0 - 60.0,
                    width: 60.0
                }
            )]
        );
    }

    #[test]
    fn a_label_in_the_top_row_keeps_its_line_free_below_it() {
        // The chip on the right and "today" on the left fill the bottom
        // row around 330: the first milestone's label goes up and its line
        // runs down through the bottom row at 330. The second's label would
        // fit left of its line in the bottom row, but over that line.
        let cursor = Wanted { x: 400.0, width: 90.0 };
        let today = Wanted { x: 250.0, width: 60.0 };
        let widths = [60.0, 10.0];
        let placed = place_strip_labels(BOUNDS, Some(cursor), Some(today), &[330.0, 335.0], |i| widths[i]);
        assert_eq!(placed.milestones.len(), 1, "{placed:?}");
        assert_eq!(placed.milestones[0].1.row, 0);
        // Without the first, the second fits below, left of its line.
        let alone = place_strip_labels(BOUNDS, Some(cursor), Some(today), &[335.0], |_| 10.0);
        assert_eq!(
            alone.milestones.first().map(|(_, s)| (s.row, s.left)),
            Some((BOTTOM, 322.0))
        );
    }

    #[test]
    fn labels_stay_inside_the_bounds_and_out_of_view_ones_are_not_placed() {
        let asked = std::cell::RefCell::new(Vec::new());
        let placed = place_strip_labels(BOUNDS, None, None, &[-20.0, 990.0, 1020.0], |i| {
            asked.borrow_mut().push(i);
            60.0
        });
        assert_eq!(*asked.borrow(), [1], "widths only for the milestones in view");
        let (i, slot) = placed.milestones[0];
        assert_eq!(i, 1);
        assert_eq!(slot.left, 990.0 - 3.0 - 60.0, "no room on the right: left of the line");
        assert_eq!(placed.milestones.len(), 1);
    }

    #[test]
    fn the_cursor_chip_is_centred_nudged_inside_and_a_line_under_it_goes_unlabelled() {
        let chip = Wanted { x: 500.0, width: 90.0 };
        let placed = place_strip_labels(BOUNDS, Some(chip), None, &[505.0], |_| 60.0);
        let cursor = placed.cursor.unwrap();
        assert_eq!((cursor.row, cursor.left), (BOTTOM, 455.0));
        assert!(placed.milestones.is_empty(), "its line would cross the chip");

        let at_edge = place_strip_labels(BOUNDS, Some(Wanted { x: 995.0, width: 90.0 }), None, &[], |_| 0.0);
        assert_eq!(at_edge.cursor.map(|c| c.left), Some(910.0));
        let outside = place_strip_labels(BOUNDS, Some(Wanted { x: 1200.0, width: 90.0 }), None, &[], |_| 0.0);
        assert_eq!(outside.cursor, None, "no chip for a date out of view");
    }

    #[test]
    fn today_is_placed_before_the_milestones_and_takes_their_room() {
        let today = Wanted { x: 300.0, width: 40.0 };
        let placed = place_strip_labels(BOUNDS, None, Some(today), &[320.0], |_| 40.0);
        assert_eq!(
            placed.today,
            Some(Slot {
                row: BOTTOM,
                left: 303.0,
                width: 40.0
            })
        );
        assert!(placed.milestones.is_empty(), "its line runs under \"today\"");
        let without = place_strip_labels(BOUNDS, None, None, &[320.0], |_| 40.0);
        assert_eq!(without.milestones.len(), 1);
    }
}
