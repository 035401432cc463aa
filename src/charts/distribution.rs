//! How values spread in each edition: a box plot with the dots behind it
//! ([`distribution`]).

use plotters::style::text_anchor::{HPos, VPos};

use super::axes::{LINE, Scale, Swatch, legend, legend_height, padded_range, value_grid_y};
use super::canvas::width;
use super::canvas::{Canvas, INK, MUTED, TEXT};
use super::words::{csv_number, csv_table, words};
use super::{Chart, MEAN, UNIT};
use crate::text::{Strings, decimal};

/// One edition of [`DistributionInput`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EditionValues {
    /// Edition label: "2022", "2024 (63 tỉnh)".
    pub label: String,
    /// The assessment year: places the box on a time-proportional axis (0: evenly spaced).
    pub year: u16,
    /// Every unit's value; `None`s are left out (an edition with no value
    /// at all is drawn empty, not as zero).
    pub values: Vec<Option<f64>>,
    /// The value of [`DistributionInput::unit`] in this edition.
    pub unit_value: Option<f64>,
}

/// Input of [`distribution`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DistributionInput {
    /// Base of the SVG's element ids, unique on the page.
    pub id: String,
    /// What is measured: "DTI".
    pub measure: String,
    /// Decimals of published values.
    pub places: usize,
    /// A unit to mark in every edition (blue dot), if any.
    pub unit: Option<String>,
    /// The editions, oldest first.
    pub editions: Vec<EditionValues>,
    /// The description, phrased by the caller from claims ([`crate::claims`]): medians are
    /// compared only within one unit set.
    pub summary: String,
}

/// Minimum, lower quartile, median, upper quartile and maximum.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Summary {
    min: f64,
    q1: f64,
    median: f64,
    q3: f64,
    max: f64,
}

/// The five-number summary of `v` (non-empty) at `places` decimals: the aggregates of
/// [`crate::compute::stats`] (the one rounding rule), so the box, its table and the sentences
/// under it show the same median.
fn summarise(v: &[f64], places: usize) -> Summary {
    let s = crate::compute::stats(v, places as u32).expect("non-empty");
    Summary {
        min: s.min,
        q1: s.quartiles.0,
        median: s.median,
        q3: s.quartiles.1,
        max: s.max,
    }
}

const HEIGHT: i32 = 400;
const LEFT: i32 = 56;
fn right() -> i32 {
    width() - 24
}
const BOTTOM: i32 = HEIGHT - 2 * LINE - 14;
/// Half the width of a box.
const HALF: i32 = 22;

/// Above this many values in an edition the dots become a density strip: hundreds of dots
/// overlap into a blur and made an indicator page grow with the number of units (537 kB of SVG
/// at 700 units).
const MOST_DOTS: usize = 150;

/// Height of a density band, in pixels.
const BAND: i32 = 3;

/// The values of one edition as a symmetric density strip behind its box: one band per
/// [`BAND`] pixels of the value axis, as wide as its count allows (the fullest band 28 px, the
/// width of the dot scatter it replaces). Its size follows the axis, not the number of units.
fn density(canvas: &Canvas, values: &[f64], cx: i32, at: impl Fn(f64) -> i32) {
    let mut bands = std::collections::BTreeMap::<i32, usize>::new();
    for v in values {
        *bands.entry(at(*v).div_euclid(BAND)).or_default() += 1;
    }
    let fullest = bands.values().copied().max().unwrap_or(1) as f64;
    canvas.tag("density", &[]);
    for (band, n) in bands {
        let half = ((n as f64 / fullest) * 14.0).ceil() as i32;
        canvas.rect(
            (cx - half, band * BAND),
            (cx + half, band * BAND + BAND),
            MEAN,
            0.6,
        );
    }
}

/// Box plots of the values per edition (whiskers at min and max, box from
/// Q1 to Q3, median bar) over the individual values as faint dots, with
/// the optional unit in blue.
pub fn distribution(input: &DistributionInput, t: &Strings) -> Chart {
    let lang = t.lang();
    let w = words(t);
    let eds = &input.editions;
    let sorted: Vec<Vec<f64>> = eds
        .iter()
        .map(|e| {
            let mut v: Vec<f64> = e.values.iter().flatten().copied().collect();
            v.sort_by(f64::total_cmp);
            v
        })
        .collect();
    let summaries: Vec<Option<Summary>> = sorted
        .iter()
        .map(|v| (!v.is_empty()).then(|| summarise(v, input.places)))
        .collect();
    let mut items = vec![
        (Swatch::Line(INK), w.median),
        (Swatch::Square(MEAN, 0.35), "Q1 – Q3"),
    ];
    if let Some(u) = &input.unit {
        items.push((Swatch::Dot(UNIT), u.as_str()));
    }
    let top = 16 + legend_height(&items, (LEFT, right())) + 16;
    let all = sorted
        .iter()
        .flatten()
        .copied()
        .chain(eds.iter().filter_map(|e| e.unit_value));
    // Years proportional to time (2020 and 2022 two steps apart); one year's two unit sets
    // side by side in its slot, their labels staggered when they would meet.
    let xs = super::beside::year_x(&eds.iter().map(|e| e.year).collect::<Vec<_>>());
    let x = |i: usize| xs[i];
    let labels: Vec<String> = eds.iter().map(|e| e.label.clone()).collect();
    let stagger = super::beside::staggered(&labels, &xs);
    // Boxes as wide as their neighbours allow (two sets in one year share a slot).
    let half = xs
        .windows(2)
        .map(|w| (w[1] - w[0]) / 2 - 3)
        .min()
        .unwrap_or(HALF)
        .clamp(6, HALF);
    let bottom = BOTTOM - if stagger { LINE } else { 0 };
    let y = Scale {
        from: padded_range(all),
        to: (f64::from(bottom), f64::from(top)),
    };
    // Years proportional to time (2020 and 2022 two steps apart); one year's two unit sets
    // side by side in its slot.

    let canvas = Canvas::new(width() as u32, HEIGHT as u32);
    legend(&canvas, &items, (LEFT, right()), 16);
    value_grid_y(&canvas, y, (LEFT, right()), lang);
    let mut unit_marks = Vec::new();
    for (i, (values, s)) in sorted.iter().zip(&summaries).enumerate() {
        let cx = x(i);
        if let Some(v) = eds[i].unit_value {
            // The unit's value is known even where the spread is not (2021).
            unit_marks.push((
                cx,
                y.at(v),
                decimal(v, input.places, lang),
                eds[i].label.as_str(),
            ));
        }
        let Some(s) = s else {
            canvas.tag("empty", &[]);
            canvas.text(
                w.not_published,
                (cx, top + 8),
                TEXT,
                (HPos::Center, VPos::Top),
                MUTED,
                false,
            );
            continue;
        };
        // Dots first, spread sideways so equal values stay visible; the box
        // is drawn over them. The golden-ratio sequence scatters evenly
        // without stripes and without randomness (builds stay identical).
        if values.len() <= MOST_DOTS {
            canvas.tag("dot", &[]);
            for (j, v) in values.iter().enumerate() {
                let dx = ((j as f64 * 0.618_034).fract() * 28.0 - 14.0).round() as i32;
                canvas.faint_dot((cx + dx, y.at(*v)), 3, MEAN, 0.6);
            }
        } else {
            density(&canvas, values, cx, |v| y.at(v));
        }
        canvas.tag("box", &[("edition", &eds[i].label)]);
        canvas.rect((cx - half, y.at(s.q3)), (cx + half, y.at(s.q1)), MEAN, 0.35);
        canvas.tag("whisker", &[]);
        canvas.line((cx, y.at(s.max)), (cx, y.at(s.q3)), INK, 1);
        canvas.line((cx, y.at(s.q1)), (cx, y.at(s.min)), INK, 1);
        canvas.line(
            (cx - half / 2, y.at(s.max)),
            (cx + half / 2, y.at(s.max)),
            INK,
            1,
        );
        canvas.line(
            (cx - half / 2, y.at(s.min)),
            (cx + half / 2, y.at(s.min)),
            INK,
            1,
        );
        canvas.tag("median", &[("edition", &eds[i].label)]);
        canvas.line(
            (cx - half, y.at(s.median)),
            (cx + half, y.at(s.median)),
            INK,
            3,
        );
    }
    // Drawn last, over every box.
    for (cx, cy, text, edition) in unit_marks {
        canvas.tag("unit", &[("edition", edition)]);
        canvas.dot((cx, cy), 5, UNIT);
        canvas.boxed_text(
            &text,
            (cx + half + 6, cy),
            (HPos::Left, VPos::Center),
            UNIT,
            true,
        );
    }
    canvas.untag();
    super::beside::edition_labels(&canvas, &labels, &xs, bottom + 14, stagger);

    let title = t.fill("chart.title_distribution", &[("measure", &input.measure)]);
    let desc = if input.summary.is_empty() {
        title.clone()
    } else {
        input.summary.clone()
    };
    let csv = csv_table(
        &["edition", "count", "min", "q1", "median", "q3", "max"],
        eds.iter().zip(&sorted).zip(&summaries).map(|((e, v), s)| {
            let n = |f: fn(&Summary) -> f64| csv_number(s.as_ref().map(f), input.places);
            let count = v.len().to_string();
            vec![
                e.label.clone(),
                count,
                n(|s| s.min),
                n(|s| s.q1),
                n(|s| s.median),
                n(|s| s.q3),
                n(|s| s.max),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::testkit::{
        attr, check_contract, csv_rows, elements, ninh_thuan, preview, real_table,
    };
    use crate::text::Lang;

    fn input() -> DistributionInput {
        let history = ninh_thuan();
        let editions = history
            .points
            .iter()
            .map(|p| {
                let year = &p.label[..4];
                let values = match year {
                    "2022" | "2023" | "2024" => {
                        real_table(year).rows.into_iter().map(|r| r.value).collect()
                    }
                    _ => Vec::new(),
                };
                EditionValues {
                    label: p.label.clone(),
                    year: p.year,
                    values,
                    unit_value: p.value,
                }
            })
            .collect();
        DistributionInput {
            id: "dti-distribution".into(),
            measure: "DTI".into(),
            places: 4,
            unit: Some("Ninh Thuận".into()),
            editions,
            summary: "Trung vị DTI qua các năm.".into(),
        }
    }

    #[test]
    fn quartiles_table() {
        let rows: &[(&[f64], [f64; 5])] = &[
            (&[1.0, 2.0, 3.0, 4.0], [1.0, 1.75, 2.5, 3.25, 4.0]),
            (&[5.0], [5.0; 5]),
            (&[1.0, 2.0, 3.0, 4.0, 5.0], [1.0, 2.0, 3.0, 4.0, 5.0]),
        ];
        for (v, want) in rows {
            let s = summarise(v, 4);
            assert_eq!([s.min, s.q1, s.median, s.q3, s.max], *want, "{v:?}");
        }
    }

    #[test]
    fn one_box_per_edition_with_values() {
        for lang in Lang::ALL {
            let chart = distribution(&input(), Strings::builtin(lang));
            check_contract(&chart, "dti-distribution");
            preview(&format!("distribution-{lang}"), &chart);
            let boxes = elements(&chart.svg, "rect", "box");
            let editions: Vec<&str> = boxes.iter().map(|b| attr(b, "data-edition")).collect();
            assert_eq!(editions, ["2022", "2023", "2024 (63 tỉnh)"]);
            assert_eq!(
                elements(&chart.svg, "text", "empty").len(),
                2,
                "2020 and 2021 are empty, not zero"
            );
            assert_eq!(elements(&chart.svg, "circle", "dot").len(), 3 * 63);
            assert_eq!(
                elements(&chart.svg, "circle", "unit").len(),
                4,
                "2021 too, without a box"
            );
            let rows = csv_rows(&chart.csv);
            assert_eq!(rows.len(), 5);
            assert_eq!(rows[0], ["2020", "0", "", "", "", "", ""]);
            assert_eq!(rows[2][1], "63");
            assert_eq!(
                (rows[3][2].as_str(), rows[3][6].as_str()),
                ("0.5208", "0.834"),
                "2023"
            );
        }
        let vi = distribution(&input(), Strings::builtin(Lang::Vi));
        assert_eq!(vi.desc, input().summary);
    }

    /// Hundreds of units per edition: a density strip whose size does not follow the count.
    #[test]
    fn many_values_draw_a_density_strip_of_bounded_size() {
        let with = |n: usize| {
            let mut input = input();
            for e in &mut input.editions {
                e.values = (0..n)
                    .map(|j| Some(0.2 + 0.6 * ((j as f64 * 0.754_877).fract())))
                    .collect();
            }
            distribution(&input, Strings::builtin(Lang::Vi))
        };
        let (few, many, more) = (with(MOST_DOTS), with(700), with(3_321));
        assert_eq!(elements(&few.svg, "circle", "dot").len(), 5 * MOST_DOTS);
        assert!(elements(&many.svg, "circle", "dot").is_empty());
        assert!(!elements(&many.svg, "rect", "density").is_empty());
        assert!(
            more.svg.len() < many.svg.len() * 11 / 10 && many.svg.len() < few.svg.len(),
            "{} / {} / {} bytes",
            few.svg.len(),
            many.svg.len(),
            more.svg.len()
        );

        let rows = csv_rows(&more.csv);
        assert_eq!(rows[1][1], "3321");
    }
}
