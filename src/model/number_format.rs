//! How numbers are written for a reader: troop figures with thousands
//! separators, a range as `low–high`. One home, so that the map's troop
//! panel, the window's plot and the command line say the same numbers.

/// `1234567` → `1,234,567` (a figure, a count, a byte size).
pub fn thousands(n: impl Into<u64>) -> String {
    let digits = n.into().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A figure as stated: `2,500`, or `900–1,000` for a range.
pub fn figure_range(low: u32, high: u32) -> String {
    if low == high {
        thousands(low)
    } else {
        format!("{}–{}", thousands(low), thousands(high))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_single_figure_is_one_number_and_a_range_is_joined_by_a_dash() {
        assert_eq!(figure_range(2500, 2500), "2,500");
        assert_eq!(figure_range(900, 1000), "900–1,000");
    }
}
