//! What a brief puts on every map besides the scenario's data: the
//! classification marking of its banners and a lon/lat box to show.
//!
//! Kept in the model, below `render`, because the map's furniture paints
//! them (the banner's colour follows the marking) while the story file
//! that names them lives above `render`.

use std::fmt;

/// The classification line of a brief, as written ("SECRET//NOFORN").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Classification {
    pub text: String,
}

/// The usual markings, each with its usual banner colour, and any other
/// text (a neutral banner).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Marking {
    /// Green.
    Unclassified,
    /// Controlled unclassified information: purple.
    Cui,
    /// Blue.
    Confidential,
    /// Red.
    Secret,
    /// Orange.
    TopSecret,
    /// Any other text: a neutral banner.
    Other,
}

impl Classification {
    pub fn new(text: impl Into<String>) -> Self {
        Self { text: text.into() }
    }

    /// The marking the text starts with: the part before the first `//`
    /// (the caveats follow it: "SECRET//NOFORN" is secret), in any case,
    /// spaces around it ignored.
    pub fn marking(&self) -> Marking {
        let level = self.text.split("//").next().unwrap_or_default();
        let level = level.split_whitespace().collect::<Vec<_>>().join(" ").to_uppercase();
        match level.as_str() {
            "UNCLASSIFIED" => Marking::Unclassified,
            "CUI" | "CONTROLLED UNCLASSIFIED INFORMATION" => Marking::Cui,
            "CONFIDENTIAL" => Marking::Confidential,
            "SECRET" => Marking::Secret,
            "TOP SECRET" => Marking::TopSecret,
            _ => Marking::Other,
        }
    }
}

impl fmt::Display for Classification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// A box of longitudes and latitudes in degrees (WGS84): what a view
/// shows, whatever the window's shape (the box is fitted inside it).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GeoBox {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl GeoBox {
    /// The box if its sides are in order (west < east, south < north) and
    /// on the globe (longitudes within ±180, latitudes within ±90);
    /// otherwise what is wrong, in words.
    pub fn new(west: f64, south: f64, east: f64, north: f64) -> Result<Self, String> {
        let sides = [("west", west), ("south", south), ("east", east), ("north", north)];
        for (name, degrees) in sides {
            let limit = if matches!(name, "west" | "east") { 180.0 } else { 90.0 };
            if !degrees.is_finite() || degrees.abs() > limit {
                return Err(format!(
                    "{name} = {degrees} is off the globe; expected degrees from -{limit} to {limit}"
                ));
            }
        }
        if west >= east {
            return Err(format!(
                "west = {west} is not west of east = {east}; expected west < east"
            ));
        }
        if south >= north {
            return Err(format!(
                "south = {south} is not south of north = {north}; expected south < north"
            ));
        }
        Ok(Self {
            west,
            south,
            east,
            north,
        })
    }

    /// The box's centre: longitude, latitude.
    pub fn centre(&self) -> [f64; 2] {
        [(self.west + self.east) / 2.0, (self.south + self.north) / 2.0]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_usual_markings_are_known_with_or_without_caveats_and_anything_else_is_other() {
        let marking = |text: &str| Classification::new(text).marking();
        assert_eq!(marking("UNCLASSIFIED"), Marking::Unclassified);
        assert_eq!(marking("unclassified//fouo"), Marking::Unclassified);
        assert_eq!(marking("CUI"), Marking::Cui);
        assert_eq!(marking("CONFIDENTIAL"), Marking::Confidential);
        assert_eq!(marking("SECRET//NOFORN"), Marking::Secret);
        assert_eq!(marking(" TOP  SECRET // SCI"), Marking::TopSecret);
        assert_eq!(marking("NATO RESTRICTED"), Marking::Other);
        assert_eq!(marking("SECRETARIAT"), Marking::Other);
        assert_eq!(marking(""), Marking::Other);
    }

    #[test]
    fn a_box_must_have_its_sides_in_order_and_on_the_globe() {
        assert!(GeoBox::new(38.0, 32.0, 44.5, 37.5).is_ok());
        let error = GeoBox::new(44.5, 32.0, 38.0, 37.5).unwrap_err();
        assert!(error.contains("expected west < east"), "{error}");
        let error = GeoBox::new(38.0, 37.5, 44.5, 32.0).unwrap_err();
        assert!(error.contains("expected south < north"), "{error}");
        let error = GeoBox::new(38.0, 32.0, 181.0, 37.5).unwrap_err();
        assert!(error.starts_with("east = 181 is off the globe"), "{error}");
        let error = GeoBox::new(38.0, -91.0, 44.0, 37.5).unwrap_err();
        assert!(error.contains("-90 to 90"), "{error}");
        assert!(GeoBox::new(f64::NAN, 0.0, 1.0, 1.0).is_err());
        assert_eq!(GeoBox::new(38.0, 32.0, 44.0, 38.0).unwrap().centre(), [41.0, 35.0]);
    }
}
