//! Chart furniture shared by several charts: value grids, edition labels
//! and legends.

use plotters::style::text_anchor::{HPos, VPos};

use super::Colour;
use super::canvas::{Canvas, GRID, INK, MUTED, TEXT, text_width};

use crate::text::{Lang, decimal};

/// Line height of chart text, in pixels.
pub(crate) const LINE: i32 = 18;

/// Draws horizontal grid lines from `x0` to `x1` with value labels left of
/// `x0`, for ticks covering the scale's data interval.
pub(crate) fn value_grid_y(canvas: &Canvas, y: Scale, (x0, x1): (i32, i32), lang: Lang) {
    let (lo, hi) = (y.from.0.min(y.from.1), y.from.0.max(y.from.1));
    let (ticks, places) = nice_ticks(lo, hi, 5);
    canvas.tag("grid", &[]);
    for t in ticks
        .iter()
        .filter(|t| **t >= lo - 1e-9 && **t <= hi + 1e-9)
    {
        let py = y.at(*t);
        canvas.line((x0, py), (x1, py), GRID, 1);
        canvas.text(
            &decimal(*t, places, lang),
            (x0 - 6, py),
            TEXT,
            (HPos::Right, VPos::Center),
            MUTED,
            false,
        );
    }
    canvas.untag();
}

/// Draws vertical grid lines from `y0` to `y1` with value labels below
/// `y1`, for ticks covering the scale's data interval.
pub(crate) fn value_grid_x(canvas: &Canvas, x: Scale, (y0, y1): (i32, i32), lang: Lang) {
    let (lo, hi) = (x.from.0.min(x.from.1), x.from.0.max(x.from.1));
    // As many ticks as their labels leave room for: on a phone the bars of a ranking may have
    // 90 px, where six labels ran into one another ("0,00,20,40,6").
    let room = (x.to.1 - x.to.0).abs();
    let fits = |(ticks, places): &(Vec<f64>, usize)| {
        let shown: Vec<f64> = ticks
            .iter()
            .copied()
            .filter(|t| *t >= lo - 1e-9 && *t <= hi + 1e-9)
            .collect();
        let widest = shown
            .iter()
            .map(|t| text_width(&decimal(*t, *places, lang), TEXT))
            .max()
            .unwrap_or(0);
        shown.len() < 2 || room / (shown.len() - 1) as f64 >= f64::from(widest + 8)
    };
    let (ticks, places) = (1..=5)
        .rev()
        .map(|n| nice_ticks(lo, hi, n))
        .find(fits)
        .unwrap_or_else(|| nice_ticks(lo, hi, 1));
    canvas.tag("grid", &[]);
    for t in ticks
        .iter()
        .filter(|t| **t >= lo - 1e-9 && **t <= hi + 1e-9)
    {
        let px = x.at(*t);
        canvas.line((px, y0), (px, y1), GRID, 1);
        canvas.text(
            &decimal(*t, places, lang),
            (px, y1 + 4),
            TEXT,
            (HPos::Center, VPos::Top),
            MUTED,
            false,
        );
    }
    canvas.untag();
}

/// A data range padded to round tick values, for a value axis.
pub(crate) fn padded_range(values: impl IntoIterator<Item = f64>) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    let (ticks, _) = nice_ticks(lo, hi, 5);
    (ticks[0], ticks[ticks.len() - 1])
}

/// Splits an edition label into two lines at " (": "2024 (63 tỉnh)" →
/// "2024" over "(63 tỉnh)", so six editions fit a phone-width chart.
pub(crate) fn split_label(label: &str) -> (&str, Option<&str>) {
    match label.find(" (") {
        Some(i) => (&label[..i], Some(&label[i + 1..])),
        None => (label, None),
    }
}

/// Draws edition labels centred under their x positions, from `y` down
/// (two lines: leave `2 * LINE` pixels).
pub(crate) fn edition_labels(canvas: &Canvas, labels: &[String], x: impl Fn(usize) -> i32, y: i32) {
    canvas.tag("edition", &[]);
    for (i, label) in labels.iter().enumerate() {
        let (head, tail) = split_label(label);
        canvas.text(head, (x(i), y), TEXT, (HPos::Center, VPos::Top), INK, false);
        if let Some(tail) = tail {
            canvas.text(
                tail,
                (x(i), y + LINE),
                TEXT,
                (HPos::Center, VPos::Top),
                MUTED,
                false,
            );
        }
    }
    canvas.untag();
}

/// What a legend entry shows before its words.
#[derive(Clone, Copy)]
pub(crate) enum Swatch {
    /// A short thick line, for line series.
    Line(Colour),
    /// A dot, for point marks.
    Dot(Colour),
    /// A hollow dot, for marked points (derived values, published aggregates).
    Ring(Colour),
    /// A pale square with a dark outline, for marked bars (derived values).
    Outlined(Colour),
    /// A square at an opacity, for bars and bands.
    Square(Colour, f64),
}

/// Width of a swatch plus the gap before its words.
const SWATCH: i32 = 24;
/// Gap between legend entries.
const GAP: i32 = 18;

/// Where each legend entry goes when laid out left to right from `x0`,
/// wrapping at `x1`: (x, row) per entry.
fn legend_layout(items: &[(Swatch, &str)], (x0, x1): (i32, i32)) -> Vec<(i32, i32)> {
    let mut x = x0;
    let mut row = 0;
    items
        .iter()
        .map(|(_, words)| {
            let w = SWATCH + text_width(words, TEXT);
            if x > x0 && x + w > x1 {
                x = x0;
                row += 1;
            }
            let at = (x, row);
            x += w + GAP;
            at
        })
        .collect()
}

/// Height in pixels a legend takes between `x0` and `x1`.
pub(crate) fn legend_height(items: &[(Swatch, &str)], span: (i32, i32)) -> i32 {
    legend_layout(items, span)
        .last()
        .map_or(0, |&(_, row)| (row + 1) * (LINE + 4))
}

/// Draws a legend whose first row is centred on `y`, wrapping within `span`.
pub(crate) fn legend(canvas: &Canvas, items: &[(Swatch, &str)], span: (i32, i32), y: i32) {
    canvas.open_group("legend");
    for ((swatch, words), (x, row)) in items.iter().zip(legend_layout(items, span)) {
        let cy = y + row * (LINE + 4);
        match *swatch {
            Swatch::Line(c) => canvas.line((x, cy), (x + 16, cy), c, 3),
            Swatch::Dot(c) => canvas.dot((x + 8, cy), 5, c),
            Swatch::Ring(c) => canvas.ring((x + 8, cy), 5, c),
            Swatch::Outlined(c) => canvas.outlined_rect((x + 1, cy - 7), (x + 15, cy + 7), c, 0.35),
            Swatch::Square(c, opacity) => {
                canvas.rect((x + 1, cy - 7), (x + 15, cy + 7), c, opacity)
            }
        }
        canvas.text(
            words,
            (x + SWATCH - 2, cy),
            TEXT,
            (HPos::Left, VPos::Center),
            INK,
            false,
        );
    }
    canvas.close_group();
}

/// A linear map from data values to pixels.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Scale {
    /// Data interval.
    pub from: (f64, f64),
    /// Pixel interval; may run backwards (y grows downwards).
    pub to: (f64, f64),
}

impl Scale {
    /// The pixel for data value `v`.
    pub fn at(self, v: f64) -> i32 {
        let (d0, d1) = self.from;
        let (p0, p1) = self.to;
        let t = if d1 == d0 { 0.5 } else { (v - d0) / (d1 - d0) };
        (p0 + t * (p1 - p0)).round() as i32
    }
}

/// Round tick values covering `lo..=hi` with about `target` steps of 1, 2 or
/// 5 × 10ⁿ, and the decimals their labels need.
pub(crate) fn nice_ticks(lo: f64, hi: f64, target: usize) -> (Vec<f64>, usize) {
    let span = (hi - lo).max(1e-9);
    let raw = span / target.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let m = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .find(|m| m * magnitude >= raw)
        .unwrap_or(10.0);
    let step = m * magnitude;
    let places = (-step.log10().floor()).max(0.0) as usize;
    let first = (lo / step + 1e-9).floor() as i64;
    let last = (hi / step - 1e-9).ceil() as i64;
    // i × m / 10ⁿ rather than i × step: 9 × 0.1 is 0.9000000000000001,
    // 9 × 1 / 10 is 0.9, and ticks are compared and printed.
    let tick = |i: i64| {
        if magnitude < 1.0 {
            i as f64 * m / (1.0 / magnitude).round()
        } else {
            i as f64 * step
        }
    };
    ((first..=last).map(tick).collect(), places)
}

/// Moves label positions `ys` (in drawing order) apart so that neighbours
/// are at least a line apart, staying within `lo..=hi` when they fit:
/// first pushed down, then pulled back up from the bottom.
pub(crate) fn dodge(ys: &[i32], (lo, hi): (i32, i32)) -> Vec<i32> {
    let mut order: Vec<usize> = (0..ys.len()).collect();
    order.sort_by_key(|&i| (ys[i], i));
    let mut placed: Vec<i32> = order.iter().map(|&i| ys[i]).collect();
    for k in 0..placed.len() {
        let floor = if k == 0 { lo } else { placed[k - 1] + LINE };
        placed[k] = placed[k].max(floor);
    }
    for k in (0..placed.len()).rev() {
        let ceiling = if k + 1 == placed.len() {
            hi
        } else {
            placed[k + 1] - LINE
        };
        placed[k] = placed[k].min(ceiling).max(lo);
    }
    let mut out = vec![0; ys.len()];
    for (k, &i) in order.iter().enumerate() {
        out[i] = placed[k];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_split_at_the_parenthesis() {
        assert_eq!(split_label("2024 (63 tỉnh)"), ("2024", Some("(63 tỉnh)")));
        assert_eq!(split_label("2023"), ("2023", None));
    }

    #[test]
    fn legends_wrap_inside_their_span() {
        let items = [(Swatch::Dot(INK), "Trung du và miền núi phía Bắc"); 4];
        let rows = legend_height(&items, (0, 640)) / (LINE + 4);
        assert!(rows >= 2, "four long entries cannot share one 640 px row");
        for (x, _) in legend_layout(&items, (0, 640)) {
            assert!(x + SWATCH + text_width(items[0].1, TEXT) <= 640);
        }
        assert_eq!(padded_range([0.52, 0.83]), (0.5, 0.9));
    }

    #[test]
    fn nice_ticks_table() {
        let rows: &[(f64, f64, usize, &[f64], usize)] = &[
            (0.3, 0.8, 5, &[0.3, 0.4, 0.5, 0.6, 0.7, 0.8], 1),
            (0.0, 1.0, 4, &[0.0, 0.5, 1.0], 1),
            (0.52, 0.61, 4, &[0.5, 0.55, 0.6, 0.65], 2),
        ];
        for &(lo, hi, n, want, places) in rows {
            let (ticks, p) = nice_ticks(lo, hi, n);
            assert_eq!(p, places, "{lo}..{hi}");
            assert_eq!(ticks.len(), want.len(), "{lo}..{hi}: {ticks:?}");
            for (t, w) in ticks.iter().zip(want) {
                assert!((t - w).abs() < 1e-9, "{lo}..{hi}: {ticks:?}");
            }
        }
    }

    #[test]
    fn scale_maps_both_ways() {
        let s = Scale {
            from: (0.0, 1.0),
            to: (300.0, 100.0),
        };
        assert_eq!(s.at(0.0), 300);
        assert_eq!(s.at(1.0), 100);
        assert_eq!(s.at(0.5), 200);
    }

    #[test]
    fn dodge_table() {
        // (wanted positions, allowed span, placed positions)
        type Row<'a> = (&'a [i32], (i32, i32), &'a [i32]);
        let rows: &[Row] = &[
            (&[100, 200], (0, 500), &[100, 200]),
            (&[100, 101, 102], (0, 500), &[100, 118, 136]),
            (&[500, 499], (0, 500), &[500, 482]),
            (&[0, 0], (10, 500), &[10, 28]),
        ];
        for &(ys, span, want) in rows {
            assert_eq!(dodge(ys, span), want, "{ys:?}");
        }
    }
}
