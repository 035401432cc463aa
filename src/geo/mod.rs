//! Province boundaries and choropleth maps.
//!
//! [`load`] reads a TopoJSON or GeoJSON file of administrative units into [`Boundaries`]: one
//! shape per unit code, already simplified for the web. [`choropleth`] draws those shapes as an
//! accessible SVG map coloured by one value per unit.
//!
//! Both formats end up in the same form: a *topology*, where every border between two units is
//! one shared arc. TopoJSON already is one; for GeoJSON the shared arcs are rebuilt from equal
//! vertices ([`arcs`]). Simplifying each arc once ([`simplify`]) keeps neighbouring borders
//! identical, so simplified maps have no gaps or overlaps between units.
//!
//! Vietnam's Hoàng Sa (Paracel) and Trường Sa (Spratly) archipelagos are always kept, however
//! small their islands, and labelled on every map ([`ARCHIPELAGOS`]).

mod arcs;
mod classes;
mod layout;
mod read;
mod simplify;
mod svg;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::path::Path;

pub use classes::{Classes, PALETTE, class_breaks};
pub use svg::{MapInput, MapSvg, MapUnit, choropleth};

/// A position in degrees: `[longitude, latitude]`.
pub(crate) type Point = [f64; 2];

/// One arc of a topology, walked forwards or backwards.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ArcRef {
    /// Index into the topology's arcs.
    pub index: usize,
    /// Whether the arc is walked from its last point to its first.
    pub reversed: bool,
}

/// A closed ring made of arcs laid end to end.
pub(crate) type Ring = Vec<ArcRef>;

/// A polygon: the outer ring first, then its holes.
pub(crate) type Polygon = Vec<Ring>;

/// A unit as read from a file, before simplification.
pub(crate) struct RawUnit {
    /// The unit code (GSO code for Vietnamese provinces).
    pub code: String,
    /// The unit's polygons, as rings of arcs.
    pub polygons: Vec<Polygon>,
}

/// Shared arcs and the units made of them, as read from a file.
pub(crate) struct Topology {
    /// Every arc, in degrees; shared borders appear once.
    pub arcs: Vec<Vec<Point>>,
    /// The units, in file order.
    pub units: Vec<RawUnit>,
}

/// An archipelago that is always drawn, whatever the size of its islands, and labelled.
#[derive(Clone, Copy, Debug)]
pub struct Archipelago {
    /// Western and eastern bound of the search box, in degrees of longitude.
    pub lon: (f64, f64),
    /// Southern and northern bound of the search box, in degrees of latitude.
    pub lat: (f64, f64),
    /// The label on Vietnamese maps.
    pub label_vi: &'static str,
    /// The label on English maps; a line break splits it into lines (the English names are too
    /// long for one line on phones).
    pub label_en: &'static str,
}

impl Archipelago {
    /// Whether a point lies in this archipelago's search box.
    pub fn contains(&self, p: [f64; 2]) -> bool {
        (self.lon.0..=self.lon.1).contains(&p[0]) && (self.lat.0..=self.lat.1).contains(&p[1])
    }

    /// Whether a ring or arc belongs to this archipelago: the centre of its bounding box lies in
    /// the search box (a reef may straddle the box's edge, a coastal island's centre cannot).
    pub fn holds(&self, points: &[[f64; 2]]) -> bool {
        let Some(&first) = points.first() else {
            return false;
        };
        let (low, high) = points.iter().fold((first, first), |(l, h), p| {
            (
                [l[0].min(p[0]), l[1].min(p[1])],
                [h[0].max(p[0]), h[1].max(p[1])],
            )
        });
        self.contains([(low[0] + high[0]) / 2.0, (low[1] + high[1]) / 2.0])
    }
}

/// Hoàng Sa and Trường Sa. The boxes hold open sea and these islands only: the mainland and
/// the coastal islands lie west of 111° E north of 12° N, and west of 109.4° E south of it (Bình
/// Ba island is at 109.24° E, Phú Quý at 108.9° E). Trường Sa reaches west of 111° E: banks at
/// 109.5–110.6° E, 7.3–8.2° N belong to it in the bundled files.
pub const ARCHIPELAGOS: [Archipelago; 2] = [
    Archipelago {
        lon: (111.0, 113.0),
        lat: (15.5, 17.2),
        label_vi: "Quần đảo Hoàng Sa",
        label_en: "Hoang Sa Islands\n(Paracel)",
    },
    Archipelago {
        lon: (109.4, 118.0),
        lat: (6.0, 12.0),
        label_vi: "Quần đảo Trường Sa",
        label_en: "Truong Sa Islands\n(Spratly)",
    },
];

/// The property names tried, in order, when no code property is given; the feature id is the
/// last resort. `ma_tinh` comes before `code` because the 63-province file also has a `code`
/// property that is the same ("AD01") on every feature.
pub const CODE_PROPERTIES: [&str; 3] = ["ma_tinh", "ma_tinh_moi", "code"];

/// Unit shapes keyed by unit code, simplified for drawing at about 600 × 900 pixels.
#[derive(Debug)]
pub struct Boundaries {
    /// Simplified arcs in degrees.
    arcs: Vec<Vec<Point>>,
    /// Polygons of every unit, by code.
    units: BTreeMap<String, Vec<Polygon>>,
}

impl Boundaries {
    /// Number of units.
    pub fn len(&self) -> usize {
        self.units.len()
    }

    /// Whether there are no units.
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// Unit codes in ascending order.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.units.keys().map(String::as_str)
    }

    /// Whether a unit with this code exists.
    pub fn contains(&self, code: &str) -> bool {
        self.units.contains_key(code)
    }

    /// The closed rings (outer rings and holes) of a unit, as `[lon, lat]` points after
    /// simplification; empty for an unknown code.
    pub fn rings(&self, code: &str) -> Vec<Vec<[f64; 2]>> {
        self.units
            .get(code)
            .into_iter()
            .flatten()
            .flatten()
            .map(|ring| simplify::ring_points(&self.arcs, ring))
            .collect()
    }

    /// Every unit with its rings grouped by polygon, in code order (for drawing).
    pub(crate) fn units(&self) -> impl Iterator<Item = (&str, &[Polygon])> {
        self.units.iter().map(|(c, p)| (c.as_str(), p.as_slice()))
    }

    /// The simplified arcs.
    pub(crate) fn arcs(&self) -> &[Vec<Point>] {
        &self.arcs
    }
}

/// Reads unit boundaries from a TopoJSON (`"type": "Topology"`, first object) or GeoJSON
/// (`"type": "FeatureCollection"`) file, keyed by the `code_property` of each feature; without
/// one, by the first of [`CODE_PROPERTIES`] that every feature has with distinct values, or else
/// by the feature id.
///
/// The shapes are simplified on the way in (see [`simplify`]): each map drawn from them stays
/// well under 150 KB while shared borders stay identical. Islands too small to see are dropped,
/// except in the [`ARCHIPELAGOS`]. Errors name the file and what is wrong with it.
pub fn load(path: &Path, code_property: Option<&str>) -> Result<Boundaries, String> {
    let fail = |msg: String| format!("{}: {msg}", path.display());
    let text = std::fs::read_to_string(path).map_err(|e| fail(format!("cannot read: {e}")))?;
    let topology = read::parse(&text, code_property).map_err(fail)?;
    if topology.units.is_empty() {
        return Err(fail("has no features".into()));
    }
    let mut units = BTreeMap::new();
    for unit in topology.units.iter() {
        if units.insert(unit.code.clone(), Vec::new()).is_some() {
            return Err(fail(format!(
                "two features have the unit code \"{}\"; each unit must be one feature",
                unit.code
            )));
        }
    }
    let arcs = simplify::simplify_arcs(&topology.arcs);
    for unit in topology.units {
        let kept = simplify::drop_specks(&arcs, unit.polygons);
        units.insert(unit.code, kept);
    }
    Ok(Boundaries { arcs, units })
}
