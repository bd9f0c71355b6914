//! sRGB colours as the scenario file writes them (`"#rrggbb"`).
//!
//! The model keeps its own colour type so that it stays free of egui; the
//! renderer converts at the edge.

/// An opaque sRGB colour, 8 bits per channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Rgb {
    /// Parses `"#rrggbb"` (hex digits in either case). Anything else —
    /// `"#rgb"`, a missing `#`, names, alpha — is `None`, so that a scenario
    /// file has exactly one way to spell a colour.
    pub fn from_hex(s: &str) -> Option<Rgb> {
        let digits = s.strip_prefix('#')?;
        if digits.len() != 6 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |i: usize| digits.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok());
        Some(Rgb {
            r: channel(0)?,
            g: channel(2)?,
            b: channel(4)?,
        })
    }

    /// `"#rrggbb"` in lowercase: the canonical spelling, used in messages
    /// and exports.
    pub fn hex(&self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// Relative luminance (0 = black, 1 = white): the sRGB channels are
    /// linearised and weighted with the Rec.709 primaries
    /// (0.2126 R + 0.7152 G + 0.0722 B), as WCAG defines it.
    ///
    /// Used to keep the status palette apart in greyscale (print, projectors
    /// with washed-out colour, colour-blind viewers) and to pick a readable
    /// text colour over a fill.
    pub fn luma(&self) -> f32 {
        fn linear(channel: u8) -> f32 {
            let c = f32::from(channel) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        }
        0.2126 * linear(self.r) + 0.7152 * linear(self.g) + 0.0722 * linear(self.b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips_and_is_lowercase() {
        let c = Rgb::from_hex("#0072B2").unwrap();
        assert_eq!(
            c,
            Rgb {
                r: 0x00,
                g: 0x72,
                b: 0xb2
            }
        );
        assert_eq!(c.hex(), "#0072b2");
        assert_eq!(Rgb::from_hex(&c.hex()), Some(c));
    }

    #[test]
    fn only_the_six_digit_form_parses() {
        for bad in [
            "0072B2",
            "#072",
            "#0072B2FF",
            "#0072G2",
            "",
            "#",
            "blue",
            "#+072B2",
            "#００72B2",
        ] {
            assert_eq!(Rgb::from_hex(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn luma_spans_zero_to_one() {
        assert!(Rgb::from_hex("#000000").unwrap().luma().abs() < 1e-6);
        assert!((Rgb::from_hex("#ffffff").unwrap().luma() - 1.0).abs() < 1e-5);
        // Green carries most of the luminance, blue the least.
        let g = Rgb::from_hex("#00ff00").unwrap().luma();
        let b = Rgb::from_hex("#0000ff").unwrap().luma();
        assert!((g - 0.7152).abs() < 1e-4 && (b - 0.0722).abs() < 1e-4);
        // Mid grey #777777 is about 0.184 once linearised (not 0.467).
        assert!((Rgb::from_hex("#777777").unwrap().luma() - 0.1845).abs() < 1e-3);
    }
}
