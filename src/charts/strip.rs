//! Every unit's value in one edition as dots on one axis ([`strip`]).

use plotters::style::text_anchor::{HPos, VPos};

use super::axes::{LINE, Scale, Swatch, legend, legend_height, padded_range, value_grid_x};
use super::canvas::width;
use super::canvas::{Canvas, TEXT, text_width};
use super::words::{csv_number, csv_table, inline_label, words};
use super::{Chart, MEAN, UNIT};
use crate::text::{Lang, decimal, integer};

/// One unit of [`StripInput`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StripDot {
    /// The unit's name.
    pub name: String,
    /// Its value; `None` when not published (no dot).
    pub value: Option<f64>,
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
    /// The units, in any order.
    pub dots: Vec<StripDot>,
}

const LEFT: i32 = 24;
fn right() -> i32 {
    width() - 24
}
/// Dot radius; dots closer than a diameter are stacked.
const R: i32 = 6;
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

/// All units' values in one edition as stacked dots on one horizontal axis;
/// the highlighted unit is blue and labelled, the mean a vertical line.
pub fn strip(input: &StripInput, lang: Lang) -> Chart {
    let w = words(lang);
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
    items.push((Swatch::Line(MEAN_LINE), w.mean));

    let (lo, hi) = padded_range(known.iter().map(|k| k.1).chain(input.mean));
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
    let axis = swarm_bottom + LINE + 10;
    let height = axis + LINE + 12;

    let canvas = Canvas::new(width() as u32, height as u32);
    legend(&canvas, &items, (12, width() - 12), 16);
    value_grid_x(&canvas, x, (swarm_top - 6, axis), lang);
    if let Some(m) = input.mean {
        canvas.tag("mean", &[]);
        canvas.line((x.at(m), swarm_top - 6), (x.at(m), axis), MEAN_LINE, 2);
        let label = format!("{} {}", w.mean, decimal(m, input.places, lang));
        canvas.boxed_text(
            &label,
            (x.at(m), swarm_bottom + 4 + LINE / 2),
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
    let title = match lang {
        Lang::Vi => format!("Phân bố {} năm {edition}", input.measure),
        Lang::En => format!("{} values in {edition}", input.measure),
    };
    let desc = strip_desc(input, &known, own_at.map(|(_, v)| v), lang);
    let csv = csv_table(
        &["unit", "value"],
        input
            .dots
            .iter()
            .map(|d| vec![d.name.clone(), csv_number(d.value, input.places)]),
    );
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

/// "Năm 2023, DTI của Ninh Thuận là 0,6552, thấp hơn trung bình cả nước
/// (0,6783). 63 giá trị trải từ 0,5208 đến 0,8340."
fn strip_desc(input: &StripInput, known: &[(&str, f64)], own: Option<f64>, lang: Lang) -> String {
    let d = |v: f64| decimal(v, input.places, lang);
    let (e, m) = (inline_label(&input.edition), &input.measure);
    let mut out = String::new();
    if let (Some(name), Some(v)) = (&input.highlight, own) {
        let side = input.mean.map(|mean| {
            let (key, kmean) = (d(v), d(mean));
            match (v.partial_cmp(&mean), key == kmean, lang) {
                (_, true, Lang::Vi) => format!(", bằng trung bình cả nước ({kmean})"),
                (_, true, Lang::En) => format!(", equal to the national mean ({kmean})"),
                (Some(std::cmp::Ordering::Greater), _, Lang::Vi) => {
                    format!(", cao hơn trung bình cả nước ({kmean})")
                }
                (Some(std::cmp::Ordering::Greater), _, Lang::En) => {
                    format!(", above the national mean ({kmean})")
                }
                (_, _, Lang::Vi) => format!(", thấp hơn trung bình cả nước ({kmean})"),
                (_, _, Lang::En) => format!(", below the national mean ({kmean})"),
            }
        });
        let side = side.unwrap_or_default();
        out = match lang {
            Lang::Vi => format!("Năm {e}, {m} của {name} là {}{side}. ", d(v)),
            Lang::En => format!("In {e}, {name}'s {m} was {}{side}. ", d(v)),
        };
    }
    let n = integer(known.len() as i64, lang);
    out.push_str(&match (known.first(), known.last(), lang) {
        (Some(a), Some(b), Lang::Vi) => format!("{n} giá trị trải từ {} đến {}.", d(a.1), d(b.1)),
        (Some(a), Some(b), Lang::En) => format!("{n} values range from {} to {}.", d(a.1), d(b.1)),
        (_, _, Lang::Vi) => format!("Chưa có giá trị {m} nào năm {e} được công bố."),
        (_, _, Lang::En) => format!("No {m} values published for {e}."),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::testkit::{
        attr, check_contract, csv_rows, elements, num, preview, real_2023,
    };

    fn input() -> StripInput {
        let table = real_2023();
        StripInput {
            id: "dti-2023-strip".into(),
            measure: "DTI".into(),
            edition: "2023".into(),
            places: 4,
            mean: table.mean,
            highlight: Some("Ninh Thuận".into()),
            dots: table
                .rows
                .into_iter()
                .map(|r| StripDot {
                    name: r.name,
                    value: r.value,
                })
                .collect(),
        }
    }

    #[test]
    fn every_unit_is_a_dot_and_none_overlap() {
        let mut input = input();
        input.dots[5].value = None;
        let chart = strip(&input, Lang::Vi);
        check_contract(&chart, "dti-2023-strip");
        assert_eq!(chart, strip(&input, Lang::Vi), "deterministic");
        let dots = elements(&chart.svg, "circle", "dot");
        assert_eq!(dots.len(), 62, "one dot per published value");
        let own = elements(&chart.svg, "circle", "highlight");
        assert_eq!(own.len(), 1);
        assert_eq!(attr(&own[0], "data-unit"), "Ninh Thuận");
        for (i, a) in dots.iter().enumerate() {
            for b in &dots[i + 1..] {
                let dist = (num(a, "cx") - num(b, "cx")).hypot(num(a, "cy") - num(b, "cy"));
                assert!(dist >= f64::from(2 * R - 2), "overlap: {a:?} {b:?}");
            }
        }
        assert_eq!(csv_rows(&chart.csv).len(), 63);
        assert!(
            chart.csv.lines().any(|l| l.ends_with(',')),
            "unpublished stays empty"
        );
    }

    #[test]
    fn desc_and_previews() {
        let rows: &[(Lang, &str)] = &[
            (
                Lang::Vi,
                "Năm 2023, DTI của Ninh Thuận là 0,6552, thấp hơn trung bình cả nước (0,6783). \
                 63 giá trị trải từ 0,5208 đến 0,8340.",
            ),
            (
                Lang::En,
                "In 2023, Ninh Thuận's DTI was 0.6552, below the national mean (0.6783). \
                 63 values range from 0.5208 to 0.8340.",
            ),
        ];
        for &(lang, want) in rows {
            let chart = strip(&input(), lang);
            check_contract(&chart, "dti-2023-strip");
            assert_eq!(chart.desc, want);
            preview(&format!("strip-{lang}"), &chart);
        }
        assert!(strip(&input(), Lang::Vi).svg.contains("Ninh Thuận 0,6552"));
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
