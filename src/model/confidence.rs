//! How well the sources support a period, a milestone, a troop figure or an
//! incident: the grades of the compiled record.

/// The record's grades. A period or a milestone without one has no grade
/// *stated* (`Option<Confidence>` is `None`): the earlier entries were
/// encoded before grades were kept, and "high" by default would claim a
/// check nobody made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Confidence {
    /// One claim, an opinion piece, a partisan outlet or an aggregator, or
    /// contradicted elsewhere.
    Low,
    /// One credible outlet, or an anonymous-source report.
    Medium,
    /// An official statement, or several independent outlets agree.
    High,
}

impl Confidence {
    /// Every grade, highest first (the order a legend lists them in).
    pub const ALL: [Confidence; 3] = [Confidence::High, Confidence::Medium, Confidence::Low];

    /// The grade a scenario file writes (`"high"`, `"medium"`, `"low"`).
    pub fn from_id(id: &str) -> Option<Confidence> {
        Self::ALL.into_iter().find(|c| c.id() == id)
    }

    /// The id in the scenario file.
    pub fn id(self) -> &'static str {
        match self {
            Self::High => "high",
            Self::Medium => "medium",
            Self::Low => "low",
        }
    }

    /// For a tooltip: "high confidence".
    pub fn label(self) -> &'static str {
        match self {
            Self::High => "high confidence",
            Self::Medium => "medium confidence",
            Self::Low => "low confidence",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_nothing_else_parses() {
        for c in Confidence::ALL {
            assert_eq!(Confidence::from_id(c.id()), Some(c));
        }
        for bad in ["High", "H", "certain", ""] {
            assert_eq!(Confidence::from_id(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn grades_order_from_low_to_high() {
        assert!(Confidence::Low < Confidence::Medium && Confidence::Medium < Confidence::High);
    }
}
