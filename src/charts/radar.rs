//! A spider chart of one unit's indicators against the national mean
//! ([`radar`]).
//!
//! plotters has no polar coordinates, so the chart works in a cartesian
//! plane where the outer ring has radius 1, mapped to pixels by one
//! [`Scale`] per axis, and draws rings, spokes and polygons with plotters
//! elements. Each spoke is one `<line class="axis" data-axis="…">` inside
//! `<g class="axes">`: that is how tests and stylesheets find the axes.

use plotters::style::text_anchor::{HPos, VPos};

use super::axes::{LINE, Scale, Swatch, legend, legend_height};
use super::canvas::width;
use super::canvas::{Canvas, GRID, INK, MUTED, TEXT, WIDE, text_width};
use super::words::{csv_number, csv_table, inline_label, words};
use super::{Chart, MEAN, UNIT};
use crate::text::{Strings, decimal};

/// One spoke of [`RadarInput`]: an indicator's value and mean, as for the bars (the same
/// figures are shown both ways on a province page).
pub use super::bars::IndicatorBar as RadarAxis;

/// Input of [`radar`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RadarInput {
    /// Base of the SVG's element ids, unique on the page.
    pub id: String,
    /// The unit's name.
    pub unit: String,
    /// Edition label: "2024 (34 tỉnh)".
    pub edition: String,
    /// Decimals of published values.
    pub places: usize,
    /// The value of the outer ring (1.0 for indicators published as
    /// fractions); values are drawn at `value / max` of the radius.
    pub max: f64,
    /// The spokes, clockwise from the top.
    pub axes: Vec<RadarAxis>,
    /// The description, phrased by the caller from claims ([`crate::claims::standing`]) so
    /// that `chiso check` verifies it.
    pub summary: String,
}

/// Radius of the outer ring in pixels, when the labels beside it leave room.
const RADIUS: f64 = 170.0;
/// Where labels start, as a fraction of the radius.
const LABEL_AT: f64 = 1.1;
/// Characters per label line before it wraps (fewer on a phone, where the labels beside the
/// side spokes take the rings' room).
fn wrap_at() -> usize {
    if width() < WIDE { 10 } else { 14 }
}

/// One spoke's label: its lines (name, then value), where they are anchored and how.
struct Label {
    lines: Vec<(String, super::Colour, bool)>,
    x: i32,
    h: HPos,
    /// Centre of the first line, relative to the chart's centre (y down).
    first: i32,
}

impl Label {
    fn top(&self) -> i32 {
        self.first - LINE / 2
    }
    fn bottom(&self) -> i32 {
        self.first + (self.lines.len() as i32 - 1) * LINE + LINE / 2
    }
    /// Horizontal extent, with a few pixels of air.
    fn span(&self) -> (i32, i32) {
        let w = self
            .lines
            .iter()
            .map(|l| text_width(&l.0, TEXT))
            .max()
            .unwrap_or(0);
        let (l, r) = match self.h {
            HPos::Left => (self.x, self.x + w),
            HPos::Right => (self.x - w, self.x),
            HPos::Center => (self.x - w / 2, self.x + w / 2),
        };
        (l - 3, r + 3)
    }
    fn meets(&self, other: &Label) -> bool {
        let ((a, b), (c, d)) = (self.span(), other.span());
        a < d && c < b && self.top() < other.bottom() && other.top() < self.bottom()
    }
}

/// The spokes' labels, stacked away from the chart: upwards above it, downwards below it,
/// centred on the label point at the sides. A label on the top or bottom spoke that runs into
/// its neighbours (on a phone, "Cybersecurity" between "Human resources" and "Digital gov.
/// activity") moves further out until it clears them.
fn place_labels(
    input: &RadarInput,
    t: &Strings,
    radius_px: f64,
    angle: impl Fn(usize) -> f64,
    cx: f64,
) -> Vec<Label> {
    let lang = t.lang();
    let w = words(t);
    let mut labels: Vec<Label> = input
        .axes
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let (c, s) = (angle(i).cos(), angle(i).sin());
            let h = if c.abs() < 0.3 {
                HPos::Center
            } else if c > 0.0 {
                HPos::Left
            } else {
                HPos::Right
            };
            let mut lines: Vec<(String, super::Colour, bool)> = wrap(&a.label)
                .into_iter()
                .map(|l| (l.to_owned(), INK, false))
                .collect();
            lines.push(match a.value {
                Some(v) => (decimal(v, input.places, lang), UNIT, true),
                None => (w.not_published.to_owned(), MUTED, false),
            });
            let k = lines.len() as i32;
            let (x, y) = (
                (cx + radius_px * LABEL_AT * c).round() as i32,
                (-radius_px * LABEL_AT * s).round() as i32,
            );
            let first = if s > 0.7 {
                y - (k - 1) * LINE - LINE / 2
            } else if s < -0.7 {
                y + LINE / 2
            } else {
                y - (k - 1) * LINE / 2
            };
            Label { lines, x, h, first }
        })
        .collect();
    for i in 0..labels.len() {
        if !matches!(labels[i].h, HPos::Center) {
            continue;
        }
        let up = angle(i).sin() > 0.0;
        for _ in 0..6 {
            let clash = (0..labels.len()).any(|j| j != i && labels[i].meets(&labels[j]));
            if !clash {
                break;
            }
            labels[i].first += if up { -LINE / 2 } else { LINE / 2 };
        }
    }
    labels
}

/// Splits a label into at most two lines at the space nearest its middle,
/// when it is longer than [`wrap_at`] characters.
fn wrap(label: &str) -> Vec<&str> {
    let n = label.chars().count();
    if n <= wrap_at() {
        return vec![label];
    }
    let middle = label
        .char_indices()
        .nth(n / 2)
        .map_or(label.len(), |(i, _)| i);
    let split = label
        .match_indices(' ')
        .map(|(i, _)| i)
        .min_by_key(|i| i.abs_diff(middle));
    match split {
        Some(i) => vec![&label[..i], &label[i + 1..]],
        None => vec![label],
    }
}

/// The unit's (blue) and national mean's (grey) polygons on N spokes, with
/// rings at quarters of `max` and each spoke labelled with its indicator
/// and the unit's value.
pub fn radar(input: &RadarInput, t: &Strings) -> Chart {
    let lang = t.lang();
    let w = words(t);
    let n = input.axes.len();
    let max = if input.max > 0.0 { input.max } else { 1.0 };
    let items = [
        (Swatch::Square(UNIT, 0.5), input.unit.as_str()),
        (Swatch::Square(MEAN, 0.5), w.mean),
    ];
    let legend_h = legend_height(&items, (12, width() - 12));
    let angle =
        |i: usize| std::f64::consts::FRAC_PI_2 - std::f64::consts::TAU * i as f64 / n.max(1) as f64;
    let cx = f64::from(width()) / 2.0;
    // The rings shrink until the labels beside the side spokes fit inside the frame (on a
    // phone the chart is 360 px wide: a 170 px radius would push them out of the drawing).
    let radius_px = input
        .axes
        .iter()
        .enumerate()
        .filter(|&(i, _)| angle(i).cos().abs() >= 0.3)
        .map(|(i, a)| {
            let text = wrap(&a.label)
                .into_iter()
                .map(|l| text_width(l, TEXT))
                .chain([text_width("0,0000", TEXT)])
                .max()
                .unwrap_or(0);
            (cx - f64::from(text) - 6.0) / (LABEL_AT * angle(i).cos().abs())
        })
        .fold(RADIUS, f64::min)
        .max(RADIUS / 3.0);
    let labels = place_labels(input, t, radius_px, angle, cx);
    // Room for three label lines above the top spoke and below the bottom one, or for where
    // the labels had to go.
    let label_room = 3 * LINE + 8;
    let above = labels.iter().map(|l| -l.top()).max().unwrap_or(0) + 8;
    let below = labels.iter().map(|l| l.bottom()).max().unwrap_or(0) + 8;
    let cy = 16 + legend_h + (label_room + (radius_px * LABEL_AT) as i32).max(above);
    let height = cy + ((radius_px * LABEL_AT) as i32 + label_room).max(below);
    // The cartesian plane: radius 1 is the outer ring, y up.
    let px = Scale {
        from: (0.0, 1.0),
        to: (cx, cx + radius_px),
    };
    let py = Scale {
        from: (0.0, 1.0),
        to: (f64::from(cy), f64::from(cy) - radius_px),
    };
    let at = |i: usize, r: f64| (px.at(r * angle(i).cos()), py.at(r * angle(i).sin()));
    let radius = |v: f64| (v / max).clamp(0.0, 1.0);

    let canvas = Canvas::new(width() as u32, height as u32);
    legend(&canvas, &items, (12, width() - 12), 16);
    canvas.tag("ring", &[]);
    for q in [0.25, 0.5, 0.75, 1.0] {
        let mut ring: Vec<_> = (0..n).map(|i| at(i, q)).collect();
        ring.extend(ring.first().copied());
        canvas.path(ring, GRID, 1);
    }
    canvas.open_group("axes");
    for (i, a) in input.axes.iter().enumerate() {
        canvas.tag("axis", &[("axis", a.label.as_str())]);
        canvas.line(at(i, 0.0), at(i, 1.0), GRID, 1);
    }
    canvas.close_group();
    canvas.tag("ring-label", &[]);
    for q in [0.5, 1.0] {
        let (x, y) = at(0, q);
        canvas.text(
            &decimal(q * max, 1, lang),
            (x + 4, y + 2),
            TEXT,
            (HPos::Left, VPos::Top),
            MUTED,
            false,
        );
    }

    canvas.tag("mean", &[]);
    outline(
        &canvas,
        input.axes.iter().map(|a| a.mean.map(radius)).collect(),
        &at,
        MEAN,
    );
    canvas.tag("unit", &[]);
    outline(
        &canvas,
        input.axes.iter().map(|a| a.value.map(radius)).collect(),
        &at,
        UNIT,
    );
    for (i, a) in input.axes.iter().enumerate() {
        if let Some(v) = a.value {
            canvas.tag("point", &[("axis", a.label.as_str())]);
            canvas.dot(at(i, radius(v)), 4, UNIT);
        }
    }

    for (i, l) in labels.iter().enumerate() {
        canvas.tag("axis-label", &[("axis", input.axes[i].label.as_str())]);
        for (j, (text, colour, bold)) in l.lines.iter().enumerate() {
            canvas.text(
                text,
                (l.x, cy + l.first + j as i32 * LINE),
                TEXT,
                (l.h, VPos::Center),
                *colour,
                *bold,
            );
        }
        debug_assert!(l.lines.iter().all(|l| text_width(&l.0, TEXT) < width() / 2));
    }
    canvas.untag();

    let edition = inline_label(&input.edition);
    let title = t.fill(
        "chart.title_radar",
        &[("unit", &input.unit), ("edition", &edition)],
    );
    let desc = input.summary.clone();
    let csv = csv_table(
        &["indicator", "value", "mean"],
        input.axes.iter().map(|a| {
            vec![
                a.label.clone(),
                csv_number(a.value, input.places),
                csv_number(a.mean, input.places),
            ]
        }),
    );
    let svg = canvas.finish(&input.id, &title, &desc);
    Chart {
        svg,
        csv,
        title,
        desc,
    }
}

/// Draws a closed, lightly filled polygon through radii `r` (one per spoke)
/// when all are known; otherwise only the edges between neighbouring known
/// spokes, unfilled, so a missing value shows as a gap rather than a dent
/// to the centre.
fn outline(
    canvas: &Canvas,
    r: Vec<Option<f64>>,
    at: &impl Fn(usize, f64) -> (i32, i32),
    colour: super::Colour,
) {
    let n = r.len();
    if n > 0 && r.iter().all(Option::is_some) {
        let points: Vec<_> = r
            .iter()
            .enumerate()
            .map(|(i, v)| at(i, v.unwrap_or_default()))
            .collect();
        canvas.polygon(points.clone(), colour, 0.2);
        let mut closed = points;
        closed.extend(closed.first().copied());
        canvas.path(closed, colour, 2);
        return;
    }
    for i in 0..n {
        let j = (i + 1) % n;
        if let (Some(a), Some(b), true) = (r[i], r[j], i != j) {
            canvas.line(at(i, a), at(j, b), colour, 2);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::testkit::{
        KHANH_HOA, attr, check_contract, csv_rows, elements, preview, texts,
    };
    use crate::text::Lang;

    fn input(n: usize) -> RadarInput {
        RadarInput {
            summary: "Mô tả từ claims.".into(),
            id: "khanh-hoa-radar".into(),
            unit: "Khánh Hòa".into(),
            edition: "2024 (34 tỉnh)".into(),
            places: 4,
            max: 1.0,
            axes: KHANH_HOA
                .iter()
                .cycle()
                .take(n)
                .map(|&(l, value, mean)| RadarAxis {
                    label: l.into(),
                    value,
                    mean,
                })
                .collect(),
        }
    }

    #[test]
    fn one_axis_line_per_input() {
        for n in [3, 5, 8, 12] {
            let chart = radar(&input(n), Strings::builtin(Lang::Vi));
            check_contract(&chart, "khanh-hoa-radar");
            let axes = elements(&chart.svg, "line", "axis");
            assert_eq!(axes.len(), n, "{n} spokes");
            assert_eq!(attr(&axes[0], "data-axis"), "Nhận thức");
            assert_eq!(csv_rows(&chart.csv).len(), n);
            let doc = roxmltree::Document::parse(&chart.svg).unwrap();
            let group = doc
                .descendants()
                .find(|g| g.attribute("class") == Some("axes"))
                .unwrap();
            assert_eq!(
                group.children().filter(|c| c.has_tag_name("line")).count(),
                n
            );
        }
    }

    #[test]
    fn gaps_labels_and_desc() {
        let chart = radar(&input(8), Strings::builtin(Lang::Vi));
        preview("radar-vi", &chart);
        preview("radar-en", &radar(&input(8), Strings::builtin(Lang::En)));
        // "ATTT mạng" has no value: 7 points, no filled unit polygon, and
        // the unit's outline stops on both sides of the gap (8 − 2 edges).
        assert_eq!(elements(&chart.svg, "circle", "point").len(), 7);
        assert!(elements(&chart.svg, "polygon", "unit").is_empty());
        assert_eq!(elements(&chart.svg, "line", "unit").len(), 6);
        let t = texts(&chart.svg);
        for want in ["Thể chế", "1,0000", "chưa công bố", "HĐ chính", "quyền số"] {
            assert!(t.iter().any(|x| x == want), "{want:?} in {t:?}");
        }
        assert_eq!(chart.desc, "Mô tả từ claims.");
        let mut full = input(8);
        full.axes[4].value = Some(0.8);
        full.axes[7].mean = Some(0.5);
        let chart = radar(&full, Strings::builtin(Lang::En));
        assert_eq!(elements(&chart.svg, "polygon", "unit").len(), 1);
        assert_eq!(elements(&chart.svg, "polygon", "mean").len(), 1);
        assert!(texts(&chart.svg).contains(&"0.8000".to_owned()));
    }

    #[test]
    fn narrow_labels_stay_inside_the_frame() {
        // On a phone the side labels pushed the rings out of a 360 px frame; now the rings
        // shrink until every label (its estimated extent from its anchor) fits.
        for n in [4, 8] {
            let chart = crate::charts::narrow(|| radar(&input(n), Strings::builtin(Lang::Vi)));
            let doc = roxmltree::Document::parse(&chart.svg).unwrap();
            for t in doc.descendants().filter(|t| t.has_tag_name("text")) {
                let x: f64 = t.attribute("x").unwrap().parse().unwrap();
                let w = f64::from(text_width(t.text().unwrap_or(""), TEXT));
                let (lo, hi) = match t.attribute("text-anchor") {
                    Some("end") => (x - w, x),
                    Some("middle") => (x - w / 2.0, x + w / 2.0),
                    _ => (x, x + w),
                };
                assert!(
                    lo >= 0.0 && hi <= 360.0,
                    "{n} spokes: {:?} spans {lo}..{hi}",
                    t.text()
                );
            }
        }
    }

    #[test]
    fn long_labels_wrap_at_the_middle_space() {
        assert_eq!(wrap("Hạ tầng"), ["Hạ tầng"]);
        assert_eq!(wrap("HĐ chính quyền số"), ["HĐ chính", "quyền số"]);
        assert_eq!(wrap("Digital gov. activity"), ["Digital gov.", "activity"]);
    }
}
