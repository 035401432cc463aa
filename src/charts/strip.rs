//! One unit against the distribution of an edition ([`strip`]): the spread of all values
//! (lowest, quartiles, median, highest) and the mean, with only the unit and its neighbours in
//! rank as marks. The chart's size does not grow with the number of units: a unit-year page of
//! a 3,321-commune site is as light as one of a 63-province site.

use plotters::style::text_anchor::{HPos, VPos};

use super::axes::{LINE, Scale, Swatch, legend, legend_height, padded_range, value_grid_x};
use super::canvas::width;
use super::canvas::{Canvas, TEXT, text_width};
use super::words::{csv_number, csv_table, inline_label, words};
use super::{Chart, MEAN, UNIT};
use crate::text::{Strings, decimal};

/// One unit of [`StripInput`]: the highlighted unit or one of its rank neighbours.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StripDot {
    /// The unit's name.
    pub name: String,
    /// Its rank, if ranked.
    pub rank: Option<u32>,
    /// Its value; `None` when not published (no dot).
    pub value: Option<f64>,
}

/// The spread of all values of an edition.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Spread {
    /// Number of values.
    pub count: usize,
    /// Lowest value.
    pub min: f64,
    /// First quartile.
    pub q1: f64,
    /// Median.
    pub median: f64,
    /// Third quartile.
    pub q3: f64,
    /// Highest value.
    pub max: f64,
}

/// Input of [`strip`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StripInput {
    /// Base of the SVG's element ids, unique on the page.
    pub id: String,
    /// What is measured: "DTI".
    pub measure: String,
    /// Edition label: "2023".
    pub edition: String,
    /// Decimals of published values.
    pub places: usize,
    /// The national mean, drawn as a vertical line.
    pub mean: Option<f64>,
    /// Name of the unit to highlight and label.
    pub highlight: Option<String>,
    /// The spread of every unit's value.
    pub spread: Spread,
    /// The highlighted unit and its neighbours in rank, in rank order: the only marks.
    pub dots: Vec<StripDot>,
    /// The description, phrased by the caller from claims ([`crate::claims::standing`]) so
    /// that `chiso check` verifies it.
    pub summary: String,
}

const LEFT: i32 = 24;
fn right() -> i32 {
    width() - 24
}
/// Dot radius; dots closer than a diameter are stacked.
const R: i32 = 6;
/// Half the height of the quartile box.
const BOX: i32 = 14;
/// Darker than the palette grey: the mean line must stand out from the
/// grey dots it crosses.
const MEAN_LINE: super::Colour = super::Colour(0x55, 0x55, 0x55);

/// Stacks dots at pixel positions `xs` (sorted ascending) into levels 0, 1,
/// −1, 2, −2… so that no two dots on a level are closer than a diameter.
/// Deterministic: the same values always give the same picture.
fn stack(xs: &[i32]) -> Vec<i32> {
    let mut last: Vec<(i32, i32)> = Vec::new(); // (level, x of its last dot)
    xs.iter()
        .map(|&x| {
            let level = (0..)
                .map(|k: i32| if k % 2 == 0 { -k / 2 } else { k / 2 + 1 })
                .find(|lv| last.iter().all(|&(l, lx)| l != *lv || x - lx > 2 * R))
                .unwrap_or(0);
            match last.iter_mut().find(|(l, _)| *l == level) {
                Some(slot) => slot.1 = x,
                None => last.push((level, x)),
            }
            level
        })
        .collect()
}

/// The unit (blue, labelled) and its rank neighbours (grey dots) over the spread of all
/// values: a whisker from lowest to highest, a box from the first to the third quartile with
/// the median, and the mean as a vertical line.
pub fn strip(input: &StripInput, t: &Strings) -> Chart {
    let lang = t.lang();
    let w = words(t);
    let sp = input.spread;
    let mut known: Vec<(&str, f64)> = input
        .dots
        .iter()
        .filter_map(|d| d.value.map(|v| (d.name.as_str(), v)))
        .collect();
    known.sort_by(|a, b| a.1.total_cmp(&b.1).then_with(|| a.0.cmp(b.0)));
    let own = input.highlight.as_deref();
    let mut items = vec![];
    if let Some(name) = own {
        items.push((Swatch::Dot(UNIT), name));
    }
    if known.len() > usize::from(own.is_some()) {
        items.push((Swatch::Dot(MEAN), w.neighbours));
    }
    items.push((Swatch::Square(MEAN, 0.25), w.middle_half));
    items.push((Swatch::Line(MEAN_LINE), w.mean));

    let spread = (sp.count > 0).then_some([sp.min, sp.max]);
    let (lo, hi) = padded_range(
        known
            .iter()
            .map(|k| k.1)
            .chain(input.mean)
            .chain(spread.into_iter().flatten()),
    );
    let x = Scale {
        from: (lo, hi),
        to: (f64::from(LEFT), f64::from(right())),
    };
    let xs: Vec<i32> = known.iter().map(|k| x.at(k.1)).collect();
    let levels = stack(&xs);
    let (up, down) = levels
        .iter()
        .fold((0, 0), |(u, d), &l| (u.max(l), d.min(l)));
    let legend_h = legend_height(&items, (12, width() - 12));
    let swarm_top = 16 + legend_h + LINE + 16;
    let base = swarm_top + R + up * 2 * R;
    let swarm_bottom = base + R - down * 2 * R;
    // The spread sits below the dots.
    let mid = swarm_bottom + 6 + BOX;
    let axis = mid + BOX + LINE + 10;
    let height = axis + LINE + 12;

    let canvas = Canvas::new(width() as u32, height as u32);
    legend(&canvas, &items, (12, width() - 12), 16);
    value_grid_x(&canvas, x, (swarm_top - 6, axis), lang);
    if sp.count > 0 {
        let n = sp.count.to_string();
        let num = |v: f64| csv_number(Some(v), input.places);
        canvas.tag(
            "spread",
            &[("count", &n), ("min", &num(sp.min)), ("max", &num(sp.max))],
        );
        canvas.line((x.at(sp.min), mid), (x.at(sp.max), mid), MEAN_LINE, 1);
        for end in [sp.min, sp.max] {
            canvas.line(
                (x.at(end), mid - BOX / 2),
                (x.at(end), mid + BOX / 2),
                MEAN_LINE,
                1,
            );
        }
        canvas.tag("box", &[("q1", &num(sp.q1)), ("q3", &num(sp.q3))]);
        canvas.rect(
            (x.at(sp.q1), mid - BOX),
            (x.at(sp.q3), mid + BOX),
            MEAN,
            0.25,
        );
        canvas.tag("median", &[("value", &num(sp.median))]);
        canvas.line(
            (x.at(sp.median), mid - BOX),
            (x.at(sp.median), mid + BOX),
            MEAN_LINE,
            2,
        );
    }
    if let Some(m) = input.mean {
        canvas.tag("mean", &[]);
        canvas.line((x.at(m), swarm_top - 6), (x.at(m), axis), MEAN_LINE, 2);
        let label = format!("{} {}", w.mean, decimal(m, input.places, lang));
        canvas.boxed_text(
            &label,
            (x.at(m), mid + BOX + 4 + LINE / 2),
            clamp_anchor(&label, x.at(m)),
            MEAN_LINE,
            false,
        );
    }
    let mut own_at = None;
    for ((name, v), (&px, &level)) in known.iter().zip(xs.iter().zip(&levels)) {
        let at = (px, base - level * 2 * R);
        let value = csv_number(Some(*v), input.places);
        if Some(*name) == own {
            own_at = Some((at, *v));
            continue; // drawn last, on top
        }
        canvas.tag("dot", &[("unit", name), ("value", &value)]);
        canvas.faint_dot(at, R - 1, MEAN, 0.6);
    }
    if let (Some((at, v)), Some(name)) = (own_at, own) {
        canvas.tag(
            "dot highlight",
            &[
                ("unit", name),
                ("value", &csv_number(Some(v), input.places)),
            ],
        );
        canvas.dot(at, R + 1, UNIT);
        canvas.tag("highlight-label", &[]);
        let y = swarm_top - LINE / 2 - 4;
        canvas.line((at.0, y + LINE / 2), (at.0, at.1 - R - 1), UNIT, 1);
        let label = format!("{name} {}", decimal(v, input.places, lang));
        canvas.boxed_text(&label, (at.0, y), clamp_anchor(&label, at.0), UNIT, true);
    }
    canvas.untag();

    let edition = inline_label(&input.edition);
    let title = t.fill(
        "chart.title_strip",
        &[("measure", &input.measure), ("edition", &edition)],
    );
    let desc = input.summary.clone();
    // The numbers drawn: the units shown with their ranks, then the spread of all values.
    let stat = |name: &str, v: f64| {
        vec![
            name.to_owned(),
            String::new(),
            csv_number(Some(v), input.places),
        ]
    };
    let mut rows: Vec<Vec<String>> = input
        .dots
        .iter()
        .map(|d| {
            vec![
                d.name.clone(),
                d.rank.map(|r| r.to_string()).unwrap_or_default(),
                csv_number(d.value, input.places),
            ]
        })
        .collect();
    if sp.count > 0 {
        rows.extend([
            stat("min", sp.min),
            stat("q1", sp.q1),
            stat("median", sp.median),
            stat("q3", sp.q3),
            stat("max", sp.max),
        ]);
    }
    rows.extend(input.mean.map(|m| stat("mean", m)));
    let csv = csv_table(&["unit", "rank", "value"], rows);
    let svg = canvas.finish(&input.id, &title, &desc);
    Chart {
        svg,
        csv,
        title,
        desc,
    }
}

/// Centres a label on `x` unless that would push it off the chart, in
/// which case it is aligned to the side it would overflow.
fn clamp_anchor(label: &str, x: i32) -> (HPos, VPos) {
    let half = text_width(label, TEXT) / 2;
    let h = if x - half < 8 {
        HPos::Left
    } else if x + half > width() - 8 {
        HPos::Right
    } else {
        HPos::Center
    };
    (h, VPos::Center)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::testkit::{
        attr, check_contract, csv_rows, elements, num, preview, real_2023,
    };
    use crate::text::Lang;

    /// Ninh Thuận in 2023 with its two neighbours on each side, over all 63 values.
    fn input() -> StripInput {
        let table = real_2023();
        let values: Vec<f64> = table.rows.iter().filter_map(|r| r.value).collect();
        let s = crate::compute::stats(&values, 4).unwrap();
        let own = table
            .rows
            .iter()
            .position(|r| r.name == "Ninh Thuận")
            .unwrap();
        StripInput {
            summary: "Mô tả từ claims.".into(),
            id: "dti-2023-strip".into(),
            measure: "DTI".into(),
            edition: "2023".into(),
            places: 4,
            mean: table.mean,
            highlight: Some("Ninh Thuận".into()),
            spread: Spread {
                count: s.count,
                min: s.min,
                q1: s.quartiles.0,
                median: s.median,
                q3: s.quartiles.1,
                max: s.max,
            },
            dots: table.rows[own - 2..=own + 2]
                .iter()
                .map(|r| StripDot {
                    name: r.name.clone(),
                    rank: r.rank,
                    value: r.value,
                })
                .collect(),
        }
    }

    #[test]
    fn only_the_unit_and_its_neighbours_are_marks() {
        let chart = strip(&input(), Strings::builtin(Lang::Vi));
        check_contract(&chart, "dti-2023-strip");
        assert_eq!(
            chart,
            strip(&input(), Strings::builtin(Lang::Vi)),
            "deterministic"
        );
        let dots = elements(&chart.svg, "circle", "dot");
        assert_eq!(dots.len(), 5, "the unit and its four neighbours");
        let own = elements(&chart.svg, "circle", "highlight");
        assert_eq!(own.len(), 1);
        assert_eq!(attr(&own[0], "data-unit"), "Ninh Thuận");
        for (i, a) in dots.iter().enumerate() {
            for b in &dots[i + 1..] {
                let dist = (num(a, "cx") - num(b, "cx")).hypot(num(a, "cy") - num(b, "cy"));
                assert!(dist >= f64::from(2 * R - 2), "overlap: {a:?} {b:?}");
            }
        }
        // The box spans the quartiles of all 63 values, the whisker their range.
        let bx = elements(&chart.svg, "rect", "box");
        assert_eq!(bx.len(), 1);
        assert_eq!(
            attr(&bx[0], "data-q1"),
            csv_number(Some(input().spread.q1), 4)
        );
        let rows = csv_rows(&chart.csv);
        assert_eq!(rows.len(), 5 + 6, "5 units, 5 statistics and the mean");
        assert_eq!(rows[2][0], "Ninh Thuận");
        assert_eq!(rows[5][0], "min");
        assert_eq!(rows[5][2], "0.5208");
    }

    #[test]
    fn size_does_not_grow_with_the_number_of_units() {
        let small = strip(&input(), Strings::builtin(Lang::Vi));
        let mut big = input();
        big.spread.count = 3321;
        let big = strip(&big, Strings::builtin(Lang::Vi));
        assert!(
            big.svg.len().abs_diff(small.svg.len()) < 16,
            "only the count's digits differ"
        );
    }

    #[test]
    fn desc_and_previews() {
        for lang in Lang::ALL {
            let chart = strip(&input(), Strings::builtin(lang));
            check_contract(&chart, "dti-2023-strip");
            // The description is the claim the caller phrased (crate::claims::standing).
            assert_eq!(chart.desc, "Mô tả từ claims.");
            preview(&format!("strip-{lang}"), &chart);
        }
        assert!(
            strip(&input(), Strings::builtin(Lang::Vi))
                .svg
                .contains("Ninh Thuận 0,6552")
        );
    }

    #[test]
    fn stacking_table() {
        let rows: &[(&[i32], &[i32])] = &[
            (&[0, 100, 200], &[0, 0, 0]),
            (&[0, 5, 10, 30], &[0, 1, -1, 0]),
            (&[0, 0, 0, 0, 0], &[0, 1, -1, 2, -2]),
        ];
        for &(xs, levels) in rows {
            assert_eq!(stack(xs), levels, "{xs:?}");
        }
    }
}
