//! The choropleth as an accessible, self-contained SVG.
//!
//! Every unit is one `<path class="unit">` (inside an `<a>` when it has a link) with a `<title>`
//! tooltip "Name: value". The SVG has `role="group"` (not `img`: an image may not contain the
//! province links), a `<title>` and a `<desc>` that says the
//! classes and the extremes in words; the same description and a CSV of the figures are
//! returned for the page to show next to the map. Output is deterministic: units in code order,
//! path coordinates in halves of a unit, no randomness.

use std::collections::HashMap;
use std::fmt::Write;

use super::classes::{Classes, class_breaks};
use super::layout::{self, FONT_SIZE, Frame, WIDTH};
use super::{ARCHIPELAGOS, Boundaries, Polygon, simplify};
use crate::text::{Lang, Strings, decimal, escape, round_to};

/// One unit's figure on a map.
#[derive(Clone, Debug, PartialEq)]
pub struct MapUnit {
    /// Unit code, as in the boundaries.
    pub code: String,
    /// Name shown in the tooltip and the description.
    pub name: String,
    /// The value, or `None` when it was not published.
    pub value: Option<f64>,
    /// Relative link to the unit's page; empty for no link.
    pub href: String,
    /// The value was worked out from other published figures, not published: drawn with a
    /// hatch and a dashed outline over its class colour, and listed in the description.
    pub derived: bool,
}

/// What a map shows.
#[derive(Clone, Debug, PartialEq)]
pub struct MapInput {
    /// Id of the `<svg>` element, unique on its page; prefixes the ids inside it.
    pub id: String,
    /// What is mapped ("DTI 2023"): the SVG's title and the legend heading.
    pub title: String,
    /// Decimals the values are published with (4 for the DTI).
    pub places: usize,
    /// One entry per unit.
    pub units: Vec<MapUnit>,
    /// The caller's sentence on the highest and lowest units, phrased from a claim
    /// ([`crate::claims`]): who may be called highest depends on what was published, which the
    /// map does not know.
    pub summary: String,
    /// The legend entry of derived values ("Giá trị suy ra (gạch chéo)"), from the theme.
    pub derived_legend: String,
    /// The caller's sentence naming the units coloured by a derived value, with the values;
    /// empty when there is none.
    pub derived_note: String,
}

/// A drawn map.
#[derive(Clone, Debug, PartialEq)]
pub struct MapSvg {
    /// The `<svg>` element, to inline in a page or save as a file.
    pub svg: String,
    /// The map in words (also the SVG's `<desc>`).
    pub desc: String,
    /// The figures behind the map: `code,name,value,value_source,class` (class 1 = lightest,
    /// empty = no data).
    pub csv: String,
}

/// Fill of units without a value: a pattern id, hatched light grey.
const NO_DATA: &str = "nodata";
/// Overlay of units coloured by a derived value: a pattern id, white hatching.
const DERIVED: &str = "derived";

/// Draws `input` on the shapes of `b` in the page language: five quantile classes with nice
/// breaks (see [`super::classes`]), units without a value hatched. Units in `input` that `b`
/// has no shape for are left out of the drawing but kept in the description and the CSV.
pub fn choropleth(b: &Boundaries, input: &MapInput, t: &Strings) -> MapSvg {
    let lang = t.lang();
    let values: Vec<f64> = input.units.iter().filter_map(|u| u.value).collect();
    let classes = class_breaks(&values, 5);
    // The legend is drawn first: its height says whether the shapes must move down. Scaled up
    // from the top right corner on phones, it must end above the Hoàng Sa box and label.
    let mut legend_svg = String::new();
    let legend_bottom = legend(
        &mut legend_svg,
        input,
        classes.as_ref(),
        &escape(&input.id),
        t,
    );
    let vi = lang == Lang::Vi;
    let mut frame = Frame::fit(b);
    let mut marks = layout::archipelagos(b, &frame, vi);
    let largest = layout::ARCHIPELAGO_SIZES[layout::ARCHIPELAGO_SIZES.len() - 1];
    let clear = marks
        .iter()
        .map(|m| m.rect[1].min(layout::label_box(m, largest)[1]))
        .fold(f64::INFINITY, f64::min);
    let needed = legend_bottom * layout::LEGEND_SCALES[1] + 6.0;
    if clear.is_finite() && needed > clear {
        let by = (needed - clear).ceil();
        frame = frame.lowered(by);
        for m in &mut marks {
            m.rect[1] += by;
            m.label_at[1] += by;
        }
    }
    let desc = describe(input, classes.as_ref(), t);
    let by_code: HashMap<&str, &MapUnit> =
        input.units.iter().map(|u| (u.code.as_str(), u)).collect();
    let id = escape(&input.id);

    let mut s = String::with_capacity(120_000);
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" id="{id}" class="choropleth" viewBox="0 0 {WIDTH} {h}" width="100%" role="group" aria-labelledby="{id}-title {id}-desc" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif" font-size="{FONT_SIZE}"><title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>"##,
        h = frame.height,
        title = escape(&input.title),
        desc = escape(&desc),
    );
    // Ids are prefixed with the map's id: several maps may share one page.
    let _ = write!(
        s,
        r##"<defs><pattern id="{id}-{NO_DATA}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f3f5f8"/><rect width="2" height="6" fill="#c3c9d1"/></pattern><pattern id="{id}-{DERIVED}" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)"><rect width="3" height="8" fill="#fff" fill-opacity=".8"/></pattern></defs><style>#{id} .unit:hover,#{id} a:focus .unit{{stroke:#1b2430;stroke-width:3}}@media (max-width:35rem){{#{id} .legend{{transform:scale({lp});transform-box:view-box;transform-origin:100% 0}}#{id} .archipelagos text{{font-size:{phone}px}}}}@media (max-width:22rem){{#{id} .legend{{transform:scale({ls})}}#{id} .archipelagos text{{font-size:{small}px}}}}</style>"##,
        lp = layout::LEGEND_SCALES[0],
        ls = layout::LEGEND_SCALES[1],
        phone = layout::ARCHIPELAGO_SIZES[1],
        small = layout::ARCHIPELAGO_SIZES[2],
    );
    // Paths are in half units (see [`path_data`]): the group scales them back, stroke widths
    // are doubled to match.
    s.push_str(r##"<g class="units" transform="scale(.5)" stroke="#8a94a1" stroke-width="0.8" stroke-linejoin="round" fill-rule="evenodd">"##);
    for (code, polygons) in b.units() {
        let unit = by_code.get(code);
        let name = unit.map_or(code, |u| u.name.as_str());
        let value = unit.and_then(|u| u.value);
        let fill = match (value, &classes) {
            (Some(v), Some(c)) => c.colour(c.class_of(v)).to_string(),
            _ => format!("url(#{id}-{NO_DATA})"),
        };
        // A derived value's tooltip carries the derived mark, as every other place shows it.
        let mark = if unit.is_some_and(|u| u.derived) {
            " †"
        } else {
            ""
        };
        let shown = value.map_or_else(
            || t.get("no_data").to_owned(),
            |v| format!("{}{mark}", decimal(v, input.places, lang)),
        );
        let href = unit.map_or("", |u| u.href.as_str());
        if !href.is_empty() {
            let _ = write!(s, r#"<a href="{}">"#, escape(href));
        }
        let _ = write!(
            s,
            r#"<path class="unit" data-code="{}" fill="{fill}" d="{}"><title>{}: {}</title></path>"#,
            escape(code),
            path_data(&frame, b, polygons),
            escape(name),
            escape(&shown),
        );
        if !href.is_empty() {
            s.push_str("</a>");
        }
    }
    s.push_str("</g>");
    // Units coloured by a derived value: their class colour stays (the value is a real estimate),
    // with a hatch and a dashed outline over it, and a legend entry, so that it never reads as
    // an official figure.
    let derived: Vec<&MapUnit> = input
        .units
        .iter()
        .filter(|u| u.derived && u.value.is_some())
        .collect();
    if !derived.is_empty() {
        s.push_str(r##"<g class="derived" transform="scale(.5)" stroke="#1b2430" stroke-width="2.4" stroke-dasharray="6 3" pointer-events="none" aria-hidden="true">"##);
        for (code, polygons) in b.units() {
            if derived.iter().any(|u| u.code == code) {
                let _ = write!(
                    s,
                    r#"<path data-code="{}" fill="url(#{id}-{DERIVED})" d="{}"/>"#,
                    escape(code),
                    path_data(&frame, b, polygons),
                );
            }
        }
        s.push_str("</g>");
    }

    // The archipelagos' islands are specks a unit wide: a dark outline makes them visible, a
    // dashed box and a label say what they are. The outlines repeat a few rings of the units'
    // paths, but keep each unit one shape.
    s.push_str(r##"<g class="archipelagos" fill="none" stroke="#1b2430" stroke-width="0.6" aria-hidden="true">"##);
    let islands: Vec<Polygon> = b
        .units()
        .flat_map(|(_, polygons)| polygons)
        .filter(|p| {
            let outer = simplify::ring_points(b.arcs(), &p[0]);
            ARCHIPELAGOS.iter().any(|a| a.holds(&outer))
        })
        .cloned()
        .collect();
    let _ = write!(
        s,
        r#"<path transform="scale(.5)" stroke-width="1.2" d="{}"/>"#,
        path_data(&frame, b, &islands)
    );
    for mark in marks {
        let [x, y, w, h] = mark.rect;
        let [lx, ly] = mark.label_at;
        let _ = write!(
            s,
            r##"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" rx="4" stroke-dasharray="3 2" stroke="#5a6472"/><text x="{lx:.1}" y="{ly:.1}" text-anchor="middle" fill="#1b2430" stroke="#fff" stroke-width="3" paint-order="stroke">"##,
        );
        let n = mark.lines().count();
        if n == 1 {
            s.push_str(&escape(mark.label));
        } else {
            // Line offsets in em follow the font size the map's CSS sets on phones; a label
            // above its box starts its first line higher so that the last one ends at `ly`.
            for (k, line) in mark.lines().enumerate() {
                let dy = match (k, mark.up) {
                    (0, true) => -((n - 1) as f64) * layout::LINE_HEIGHT,
                    (0, false) => 0.0,
                    _ => layout::LINE_HEIGHT,
                };
                let _ = write!(
                    s,
                    r#"<tspan x="{lx:.1}" dy="{dy}em">{}</tspan>"#,
                    escape(line)
                );
            }
        }
        s.push_str("</text>");
    }
    s.push_str("</g>");
    s.push_str(&legend_svg);
    s.push_str("</svg>");

    MapSvg {
        svg: s,
        desc,
        csv: csv(input, classes.as_ref()),
    }
}

/// Path data of one unit in half SVG units (drawn in a `scale(.5)` group): each ring as an
/// absolute move, relative lines and a close. Relative steps are differences of the rounded
/// absolute points, so no rounding error accumulates; whole numbers need no decimal point.
fn path_data(frame: &Frame, b: &Boundaries, polygons: &[Polygon]) -> String {
    let mut d = String::new();
    for ring in polygons.iter().flatten() {
        let mut points: Vec<[i64; 2]> = simplify::ring_points(b.arcs(), ring)
            .into_iter()
            .map(|p| frame.halves(p))
            .collect();
        points.dedup();
        points.pop(); // the closing point: `z` draws that side
        if points.len() < 3 {
            continue; // shrank to a dot or a line at this size
        }
        let [x0, y0] = points[0];
        let _ = write!(d, "M{x0} {y0}l");
        let mut previous = points[0];
        for (i, &[x, y]) in points[1..].iter().enumerate() {
            let (dx, dy) = (x - previous[0], y - previous[1]);
            // A minus sign separates numbers by itself; otherwise a space is needed.
            if i > 0 && dx >= 0 {
                d.push(' ');
            }
            let _ = write!(d, "{dx}");
            if dy >= 0 {
                d.push(' ');
            }
            let _ = write!(d, "{dy}");
            previous = [x, y];
        }
        d.push('z');
    }
    d
}

/// The legend at the top right, over the sea east of northern Vietnam: the title, one swatch
/// per class and one for "no data" when some unit has no value.
/// Writes the legend; returns how far down it reaches (unscaled, in SVG units).
fn legend(
    s: &mut String,
    input: &MapInput,
    classes: Option<&Classes>,
    id: &str,
    t: &Strings,
) -> f64 {
    let lang = t.lang();
    let mut entries: Vec<(String, String)> = classes
        .map(|c| {
            (0..c.count())
                .map(|k| (c.colour(k).to_string(), c.label(k, lang)))
                .collect()
        })
        .unwrap_or_default();
    if input.units.iter().any(|u| u.value.is_none()) {
        entries.push((format!("url(#{id}-{NO_DATA})"), t.get("no_data").to_owned()));
    }
    let derived = input.units.iter().any(|u| u.derived && u.value.is_some());
    if derived {
        entries.push((
            format!("url(#{id}-{DERIVED})"),
            input.derived_legend.clone(),
        ));
    }
    let title = layout::wrap(&input.title, 26);
    let line = FONT_SIZE * 1.5;
    let width = title
        .iter()
        .map(|t| layout::text_width(t))
        .chain(entries.iter().map(|(_, l)| 30.0 + layout::text_width(l)))
        .fold(0.0, f64::max);
    let x = WIDTH - 12.0 - width;
    let mut y = 12.0 + FONT_SIZE;
    // A white halo keeps the legend's words legible where, scaled up on a phone, they reach the
    // islands' box (swatches set their own stroke).
    s.push_str(r##"<g class="legend" fill="#1b2430" stroke="#fff" stroke-width="3" paint-order="stroke">"##);
    for t in &title {
        let _ = write!(
            s,
            r#"<text x="{x:.1}" y="{y:.1}" font-weight="bold">{}</text>"#,
            escape(t)
        );
        y += FONT_SIZE * 1.25;
    }
    y += FONT_SIZE * 0.2;
    for (fill, label) in &entries {
        if fill.ends_with(&format!("-{DERIVED})")) {
            // The hatch over a middle class colour, outlined as on the map.
            let middle = classes.map_or_else(
                || "#8a94a1".to_owned(),
                |c| c.colour(c.count() / 2).to_string(),
            );
            let _ = write!(
                s,
                r##"<rect x="{x:.1}" y="{:.1}" width="22" height="14" fill="{middle}" stroke="none"/><rect x="{x:.1}" y="{:.1}" width="22" height="14" fill="{fill}" stroke="#1b2430" stroke-width="1.2" stroke-dasharray="3 1.5"/><text x="{:.1}" y="{y:.1}">{}</text>"##,
                y - 12.0,
                y - 12.0,
                x + 30.0,
                escape(label),
            );
        } else {
            let _ = write!(
                s,
                r##"<rect x="{x:.1}" y="{:.1}" width="22" height="14" fill="{fill}" stroke="#5a6472" stroke-width="0.5"/><text x="{:.1}" y="{y:.1}">{}</text>"##,
                y - 12.0,
                x + 30.0,
                escape(label),
            );
        }
        y += line;
    }
    s.push_str("</g>");
    // The last row's baseline is `y - line`; its swatch reaches 2 units below, its text 4.
    y - line + 4.0
}

/// The map in words: what is mapped, the classes, the highest and lowest units, and the units
/// without a value.
fn describe(input: &MapInput, classes: Option<&Classes>, t: &Strings) -> String {
    let lang = t.lang();
    let mut out = t.plural(
        "choropleth.mapped",
        input.units.len(),
        &[("measure", &input.title)],
    );
    if let Some(c) = classes {
        let labels: Vec<String> = (0..c.count()).map(|k| c.label(k, lang)).collect();
        out.push_str(&t.plural(
            "choropleth.classes",
            c.count(),
            &[("labels", &labels.join("; "))],
        ));
        if !input.summary.is_empty() {
            out.push(' ');
            out.push_str(&input.summary);
        }
    } else {
        out.push('.');
    }
    if !input.derived_note.is_empty() {
        out.push(' ');
        out.push_str(&input.derived_note);
    }
    let missing: Vec<&str> = input
        .units
        .iter()
        .filter(|u| u.value.is_none())
        .map(|u| u.name.as_str())
        .collect();
    if !missing.is_empty() {
        let _ = write!(out, " {}: {}.", t.get("no_data"), missing.join(", "));
    }
    out
}

/// The figures as CSV, machine format (decimal point), in the order given.
fn csv(input: &MapInput, classes: Option<&Classes>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["code", "name", "value", "value_source", "class"]);
    for u in &input.units {
        let value = u
            .value
            .map(|v| format!("{:.*}", input.places, round_to(v, input.places as u32)))
            .unwrap_or_default();
        let class = match (u.value, classes) {
            (Some(v), Some(c)) => (c.class_of(v) + 1).to_string(),
            _ => String::new(),
        };
        let source = match (u.value, u.derived) {
            (None, _) => "",
            (Some(_), true) => "derived",
            (Some(_), false) => "official",
        };
        let _ = w.write_record([
            u.code.as_str(),
            u.name.as_str(),
            value.as_str(),
            source,
            class.as_str(),
        ]);
    }
    // Writing to memory cannot fail, and the bytes are UTF-8 written from `&str`s.
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
