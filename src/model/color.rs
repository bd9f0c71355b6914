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

    /// Relative luminance (0 = black, 1 = white; linear light): the sRGB
    /// channels are linearised and weighted with the Rec.709 primaries
    /// (0.2126 R + 0.7152 G + 0.0722 B), as WCAG defines it.
    ///
    /// The one measure of how light a colour is: the greyscale preview
    /// shows each colour as the grey of this luminance ([`Self::grey`]),
    /// the status palette is kept apart by it (print, projectors with
    /// washed-out colour, colour-blind viewers), and text over a fill is
    /// picked by it.
    pub fn relative_luminance(&self) -> f32 {
        0.2126 * linear_from_srgb(self.r) + 0.7152 * linear_from_srgb(self.g) + 0.0722 * linear_from_srgb(self.b)
    }

    /// The sRGB grey of the same relative luminance: the colour as a
    /// monochrome printer or a colour-blind viewer sees it.
    pub fn grey(&self) -> Rgb {
        let level = srgb_from_linear(self.relative_luminance());
        Rgb {
            r: level,
            g: level,
            b: level,
        }
    }
}

/// An sRGB channel (0..=255) in linear light (0..=1).
fn linear_from_srgb(channel: u8) -> f32 {
    let c = f32::from(channel) / 255.0;
    if c <= 0.040_45 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// A linear-light value (0..=1) as the nearest sRGB channel.
fn srgb_from_linear(linear: f32) -> u8 {
    let l = linear.clamp(0.0, 1.0);
    let c = if l <= 0.003_130_8 {
        12.92 * l
    } else {
        1.055 * l.powf(1.0 / 2.4) - 0.055
    };
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "0..=255")]
    let channel = (c * 255.0).round().clamp(0.0, 255.0) as u8;
    channel
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
    fn relative_luminance_spans_zero_to_one() {
        assert!(Rgb::from_hex("#000000").unwrap().relative_luminance().abs() < 1e-6);
        assert!((Rgb::from_hex("#ffffff").unwrap().relative_luminance() - 1.0).abs() < 1e-5);
        // Green carries most of the luminance, blue the least.
        let g = Rgb::from_hex("#00ff00").unwrap().relative_luminance();
        let b = Rgb::from_hex("#0000ff").unwrap().relative_luminance();
        assert!((g - 0.7152).abs() < 1e-4 && (b - 0.0722).abs() < 1e-4);
        // Mid grey #777777 is about 0.184 once linearised (not 0.467).
        assert!((Rgb::from_hex("#777777").unwrap().relative_luminance() - 0.1845).abs() < 1e-3);
    }

    #[test]
    fn every_grey_is_its_own_grey() {
        for level in 0..=255 {
            let grey = Rgb {
                r: level,
                g: level,
                b: level,
            };
            assert_eq!(grey.grey(), grey, "{}", grey.hex());
        }
    }

    #[test]
    fn a_colours_grey_has_its_relative_luminance_to_within_one_level() {
        // #0072b2: Rec.709 weights on the encoded channels (luma) would
        // give #5e5e5e, far darker than the colour's luminance.
        let blue = Rgb::from_hex("#0072b2").unwrap();
        let grey = blue.grey();
        assert_eq!(grey.hex(), "#6d6d6d");
        let luminance = |level: u8| {
            Rgb {
                r: level,
                g: level,
                b: level,
            }
            .relative_luminance()
        };
        let target = blue.relative_luminance();
        assert!(luminance(grey.r - 1) < target && target < luminance(grey.r + 1));
    }
}
