//! One unit across editions: its value against the national mean and the
//! min–max band ([`value_over_years`]), and its rank ([`rank_over_years`]).

use plotters::style::text_anchor::{HPos, VPos};

use super::axes::{
    LINE, Swatch, edition_labels, legend, legend_height, padded_range, value_grid_y,
};
use super::canvas::{Canvas, GRID, INK, MUTED, Scale, TEXT};
use super::words::{csv_number, csv_rank, csv_table, inline_label, rank_move, value_move, words};
use super::{Chart, MEAN, UNIT};
use crate::text::{Lang, decimal, integer};

/// One edition in a unit's history.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct YearPoint {
    /// Edition label under the axis: "2021", "2024 (63 tỉnh)" (drawn on two
    /// lines, split before the parenthesis).
    pub label: String,
    /// The unit's value; `None` when not published.
    pub value: Option<f64>,
    /// The unit's rank; `None` when not published.
    pub rank: Option<u32>,
    /// The national mean of the edition.
    pub mean: Option<f64>,
    /// The lowest value of the edition.
    pub min: Option<f64>,
    /// The highest value of the edition.
    pub max: Option<f64>,
}

/// One unit's history, input of [`value_over_years`] and [`rank_over_years`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HistoryInput {
    /// Base of the SVG's element ids, unique on the page: "ninh-thuan-dti".
    pub id: String,
    /// The unit's name: "Ninh Thuận".
    pub unit: String,
    /// What is measured, as it reads in a sentence: "DTI".
    pub measure: String,
    /// Decimals of published values (4 for the DTI).
    pub places: usize,
    /// How many units are ranked: the extent of the rank axis (63).
    pub units: u32,
    /// The editions, oldest first.
    pub points: Vec<YearPoint>,
}

/// Natural size of both charts.
const WIDTH: i32 = 640;
const HEIGHT: i32 = 380;
/// Left margin: room for tick labels ("0,80", "63").
const LEFT: i32 = 56;
const RIGHT: i32 = WIDTH - 24;
/// Bottom of the plot: two lines of edition labels below it.
const BOTTOM: i32 = HEIGHT - 2 * LINE - 14;

/// x of edition `i` of `n`, centred in equal slots.
fn slot_x(i: usize, n: usize) -> i32 {
    let w = f64::from(RIGHT - LEFT) / n.max(1) as f64;
    LEFT + (w * (i as f64 + 0.5)).round() as i32
}

/// Draws a line through consecutive editions that both have a value; a
/// missing edition breaks the line (a gap, never a drop to zero).
fn broken_line(canvas: &Canvas, points: &[Option<(i32, i32)>], colour: super::Colour, width: u32) {
    for pair in points.windows(2) {
        if let [Some(a), Some(b)] = pair {
            canvas.line(*a, *b, colour, width);
        }
    }
}

/// The line chart of one unit's value by edition, with the national mean
/// (grey line) and the lowest–highest band (grey area, where known).
pub fn value_over_years(input: &HistoryInput, lang: Lang) -> Chart {
    let w = words(lang);
    let pts = &input.points;
    let has_band = pts.iter().any(|p| p.min.is_some() && p.max.is_some());
    let mut items = vec![
        (Swatch::Line(UNIT), input.unit.as_str()),
        (Swatch::Line(MEAN), w.mean),
    ];
    if has_band {
        items.push((Swatch::Square(MEAN, 0.3), w.band));
    }
    let top = 16 + legend_height(&items, (LEFT, RIGHT)) + 20;
    let all = pts
        .iter()
        .flat_map(|p| [p.value, p.mean, p.min, p.max])
        .flatten();
    let y = Scale {
        from: padded_range(all),
        to: (f64::from(BOTTOM), f64::from(top)),
    };
    let x = |i| slot_x(i, pts.len());

    let canvas = Canvas::new(WIDTH as u32, HEIGHT as u32);
    legend(&canvas, &items, (LEFT, RIGHT), 16);
    value_grid_y(&canvas, y, (LEFT, RIGHT), lang);

    // The band: one polygon per run of editions with both bounds known; an
    // edition alone in its run gets a narrow bar so it still shows.
    canvas.tag("band", &[]);
    let bounds: Vec<_> = pts.iter().map(|p| p.min.zip(p.max)).collect();
    for run in bounds
        .iter()
        .enumerate()
        .collect::<Vec<_>>()
        .split(|(_, b)| b.is_none())
    {
        let run: Vec<_> = run
            .iter()
            .map(|&(i, b)| (i, b.expect("split on None")))
            .collect();
        match run[..] {
            [] => {}
            [(i, (lo, hi))] => canvas.rect((x(i) - 8, y.at(hi)), (x(i) + 8, y.at(lo)), MEAN, 0.3),
            _ => {
                let upper = run.iter().map(|&(i, (_, hi))| (x(i), y.at(hi)));
                let lower = run.iter().rev().map(|&(i, (lo, _))| (x(i), y.at(lo)));
                let outline: Vec<_> = upper.chain(lower).collect();
                canvas.polygon(outline, MEAN, 0.3);
            }
        }
    }

    canvas.tag("mean", &[]);
    let means: Vec<_> = pts
        .iter()
        .enumerate()
        .map(|(i, p)| p.mean.map(|m| (x(i), y.at(m))))
        .collect();
    broken_line(&canvas, &means, MEAN, 3);
    for m in means.iter().flatten() {
        canvas.dot(*m, 4, MEAN);
    }

    let values: Vec<_> = pts
        .iter()
        .enumerate()
        .map(|(i, p)| p.value.map(|v| (x(i), y.at(v))))
        .collect();
    canvas.tag("line", &[]);
    broken_line(&canvas, &values, UNIT, 3);
    for (i, (p, at)) in pts.iter().zip(&values).enumerate() {
        let (Some(v), Some(at)) = (p.value, *at) else {
            continue;
        };
        canvas.tag(
            "point",
            &[
                ("edition", &p.label),
                ("value", &csv_number(Some(v), input.places)),
            ],
        );
        canvas.dot(at, 5, UNIT);
        let (dy, vpos) = if label_below(pts, i) {
            (9, VPos::Top)
        } else {
            (-9, VPos::Bottom)
        };
        let text = decimal(v, input.places, lang);
        canvas.boxed_text(&text, (at.0, at.1 + dy), (HPos::Center, vpos), UNIT, true);
    }
    canvas.untag();
    edition_labels(&canvas, &labels(pts), x, BOTTOM + 14);

    let title = match lang {
        Lang::Vi => format!("Giá trị {} của {} qua các năm", input.measure, input.unit),
        Lang::En => format!("{} value of {} by year", input.measure, input.unit),
    };
    let desc = value_desc(input, lang);
    let csv = csv_table(
        &["edition", "value", "rank", "mean", "min", "max"],
        pts.iter().map(|p| {
            let n = |v| csv_number(v, input.places);
            vec![
                p.label.clone(),
                n(p.value),
                csv_rank(p.rank),
                n(p.mean),
                n(p.min),
                n(p.max),
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

/// Whether point `i`'s value label goes below it: away from the mean line
/// when there is one, else away from the line to its neighbours (below a
/// point lower than their average).
fn label_below(pts: &[YearPoint], i: usize) -> bool {
    let Some(v) = pts[i].value else { return false };
    if let Some(m) = pts[i].mean {
        return v < m;
    }
    let near: Vec<f64> = [i.checked_sub(1), Some(i + 1)]
        .into_iter()
        .flatten()
        .filter_map(|j| pts.get(j).and_then(|p| p.value))
        .collect();
    !near.is_empty() && v < near.iter().sum::<f64>() / near.len() as f64
}

fn labels(pts: &[YearPoint]) -> Vec<String> {
    pts.iter().map(|p| p.label.clone()).collect()
}

/// "Giá trị DTI của Ninh Thuận tăng từ 0,3048 (2021) lên 0,7063 (2024);
/// hạng từ 53 lên 35." plus the latest national mean.
fn value_desc(input: &HistoryInput, lang: Lang) -> String {
    let (m, u, places) = (&input.measure, &input.unit, input.places);
    let known: Vec<_> = input.points.iter().filter(|p| p.value.is_some()).collect();
    let mut out = match (known.first(), known.last()) {
        (Some(a), Some(b)) if known.len() > 1 => {
            let (va, vb) = (a.value.unwrap_or_default(), b.value.unwrap_or_default());
            let moved = value_move((va, &a.label), (vb, &b.label), places, lang);
            let rank = match (a.rank, b.rank) {
                (Some(ra), Some(rb)) => format!("; {}", rank_move(ra, rb, lang)),
                _ => String::new(),
            };
            match lang {
                Lang::Vi => format!("Giá trị {m} của {u} {moved}{rank}."),
                Lang::En => format!("{u}'s {m} value {moved}{rank}."),
            }
        }
        (Some(a), _) => {
            let v = decimal(a.value.unwrap_or_default(), places, lang);
            let l = inline_label(&a.label);
            match lang {
                Lang::Vi => format!("Giá trị {m} của {u} là {v} ({l})."),
                Lang::En => format!("{u}'s {m} value was {v} ({l})."),
            }
        }
        _ => match lang {
            Lang::Vi => format!("Chưa có giá trị {m} nào của {u} được công bố."),
            Lang::En => format!("No {m} value of {u} has been published."),
        },
    };
    if let Some(p) = input.points.iter().rev().find(|p| p.mean.is_some()) {
        let mean = decimal(p.mean.unwrap_or_default(), places, lang);
        let l = inline_label(&p.label);
        out.push_str(&match lang {
            Lang::Vi => format!(" Trung bình cả nước năm {l}: {mean}."),
            Lang::En => format!(" National mean in {l}: {mean}."),
        });
    }
    out
}

/// Rank ticks: 1, round steps, and the last rank (which replaces a round
/// step too close to it: 63 rather than 60 and 63).
fn rank_ticks(units: u32) -> Vec<u32> {
    let step = if units > 40 { 10 } else { 5 };
    let mut ticks: Vec<u32> = std::iter::once(1)
        .chain((step..units).step_by(step as usize))
        .collect();
    if ticks.len() > 1 && ticks.last().is_some_and(|&t| 2 * (units - t) < step) {
        ticks.pop();
    }
    if units > 1 {
        ticks.push(units);
    }
    ticks
}

/// The unit's rank by edition, rank 1 at the top; each point is labelled
/// with its rank, and missing ranks leave gaps.
pub fn rank_over_years(input: &HistoryInput, lang: Lang) -> Chart {
    let w = words(lang);
    let pts = &input.points;
    let units = input
        .units
        .max(pts.iter().filter_map(|p| p.rank).max().unwrap_or(1));
    let top = 48;
    // Inverted: rank 1 maps to the top of the plot.
    let y = Scale {
        from: (1.0, f64::from(units)),
        to: (f64::from(top), f64::from(BOTTOM)),
    };
    let x = |i| slot_x(i, pts.len());

    let canvas = Canvas::new(WIDTH as u32, HEIGHT as u32);
    canvas.text(
        w.rank,
        (LEFT - 6, top - 28),
        TEXT,
        (HPos::Right, VPos::Center),
        MUTED,
        true,
    );
    canvas.tag("grid", &[]);
    for t in rank_ticks(units) {
        let py = y.at(f64::from(t));
        canvas.line((LEFT, py), (RIGHT, py), GRID, 1);
        canvas.text(
            &integer(t.into(), lang),
            (LEFT - 6, py),
            TEXT,
            (HPos::Right, VPos::Center),
            MUTED,
            false,
        );
    }
    let at: Vec<_> = pts
        .iter()
        .enumerate()
        .map(|(i, p)| p.rank.map(|r| (x(i), y.at(f64::from(r)))))
        .collect();
    canvas.tag("line", &[]);
    broken_line(&canvas, &at, UNIT, 3);
    for (p, at) in pts.iter().zip(&at) {
        let (Some(r), Some(at)) = (p.rank, *at) else {
            continue;
        };
        canvas.tag("point", &[("edition", &p.label), ("rank", &r.to_string())]);
        canvas.dot(at, 5, UNIT);
        canvas.text(
            &integer(r.into(), lang),
            (at.0, at.1 - 9),
            TEXT,
            (HPos::Center, VPos::Bottom),
            INK,
            true,
        );
    }
    canvas.untag();
    edition_labels(&canvas, &labels(pts), x, BOTTOM + 14);

    let title = match lang {
        Lang::Vi => format!("Hạng {} của {} qua các năm", input.measure, input.unit),
        Lang::En => format!("{} rank of {} by year", input.measure, input.unit),
    };
    let desc = rank_desc(input, lang);
    let csv = csv_table(
        &["edition", "rank", "units"],
        pts.iter()
            .map(|p| vec![p.label.clone(), csv_rank(p.rank), input.units.to_string()]),
    );
    let svg = canvas.finish(&input.id, &title, &desc);
    Chart {
        svg,
        csv,
        title,
        desc,
    }
}

/// "Hạng DTI của Ninh Thuận từ 63 (2020) lên 35 (2024); tốt nhất: 27 (2022)."
fn rank_desc(input: &HistoryInput, lang: Lang) -> String {
    let (m, u) = (&input.measure, &input.unit);
    let ranked: Vec<_> = input
        .points
        .iter()
        .filter_map(|p| p.rank.map(|r| (r, inline_label(&p.label))))
        .collect();
    let (Some((ra, la)), Some((rb, lb))) = (ranked.first(), ranked.last()) else {
        return match lang {
            Lang::Vi => format!("Chưa có hạng {m} nào của {u} được công bố."),
            Lang::En => format!("No {m} rank of {u} has been published."),
        };
    };
    let (a, b) = (integer((*ra).into(), lang), integer((*rb).into(), lang));
    let mut out = match (ranked.len(), rb.cmp(ra), lang) {
        (1, _, Lang::Vi) => format!("{u} xếp hạng {b} về {m} ({lb})"),
        (1, _, Lang::En) => format!("{u} ranked {b} on the {m} ({lb})"),
        (_, std::cmp::Ordering::Less, Lang::Vi) => {
            format!("Hạng {m} của {u} tăng từ {a} ({la}) lên {b} ({lb})")
        }
        (_, std::cmp::Ordering::Greater, Lang::Vi) => {
            format!("Hạng {m} của {u} giảm từ {a} ({la}) xuống {b} ({lb})")
        }
        (_, std::cmp::Ordering::Equal, Lang::Vi) => {
            format!("Hạng {m} của {u} là {b} cả năm {la} và {lb}")
        }
        (_, std::cmp::Ordering::Less, Lang::En) => {
            format!("{u}'s {m} rank rose from {a} ({la}) to {b} ({lb})")
        }
        (_, std::cmp::Ordering::Greater, Lang::En) => {
            format!("{u}'s {m} rank fell from {a} ({la}) to {b} ({lb})")
        }
        (_, std::cmp::Ordering::Equal, Lang::En) => {
            format!("{u}'s {m} rank was {b} in both {la} and {lb}")
        }
    };
    if let Some((best, lbest)) = ranked
        .iter()
        .min_by_key(|(r, _)| *r)
        .filter(|(r, _)| r < ra && r < rb)
    {
        let best = integer((*best).into(), lang);
        out.push_str(&match lang {
            Lang::Vi => format!("; cao nhất là hạng {best} ({lbest})"),
            Lang::En => format!("; best {best} ({lbest})"),
        });
    }
    out.push('.');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::testkit::{
        check_contract, csv_rows, elements, ninh_thuan, num, preview, texts,
    };

    #[test]
    fn value_chart_contract_desc_and_csv() {
        let input = ninh_thuan();
        let rows: &[(Lang, &str)] = &[
            (
                Lang::Vi,
                "Giá trị DTI của Ninh Thuận tăng từ 0,3048 (2021) lên 0,7063 (2024, 63 tỉnh); \
                 hạng từ 53 lên 35. Trung bình cả nước năm 2024, 63 tỉnh: 0,6961.",
            ),
            (
                Lang::En,
                "Ninh Thuận's DTI value rose from 0.3048 (2021) to 0.7063 (2024, 63 tỉnh); \
                 rank from 53 up to 35. National mean in 2024, 63 tỉnh: 0.6961.",
            ),
        ];
        for &(lang, desc) in rows {
            let chart = value_over_years(&input, lang);
            check_contract(&chart, "ninh-thuan-dti");
            assert_eq!(chart.desc, desc);
            preview(&format!("value-over-years-{lang}"), &chart);
        }
        let chart = value_over_years(&input, Lang::Vi);
        assert!(
            chart.svg.contains("Trung bình cả nước"),
            "diacritics survive"
        );
        assert!(chart.svg.contains("Cao nhất – thấp nhất"));
        assert!(texts(&chart.svg).contains(&"0,5934".to_owned()));
        let rows = csv_rows(&chart.csv);
        assert_eq!(rows.len(), 5);
        assert_eq!(rows[0], ["2020", "", "63", "", "", ""]);
        assert_eq!(
            rows[3],
            ["2023", "0.6552", "48", "0.6783", "0.5208", "0.834"]
        );
        assert!(chart.csv.starts_with("edition,value,rank,mean,min,max\n"));
    }

    #[test]
    fn missing_values_leave_gaps() {
        // (values, points drawn, line segments drawn)
        let rows: &[(&[Option<f64>], usize, usize)] = &[
            (&[None, Some(0.3), Some(0.5), Some(0.6)], 3, 2),
            (&[Some(0.3), None, Some(0.5), Some(0.6)], 3, 1),
            (&[Some(0.3), None, Some(0.5), None], 2, 0),
            (&[None, None], 0, 0),
        ];
        for &(values, points, segments) in rows {
            let mut input = ninh_thuan();
            input.points.truncate(values.len());
            for (p, v) in input.points.iter_mut().zip(values) {
                p.value = *v;
                p.rank = v.map(|_| 5);
            }
            let chart = value_over_years(&input, Lang::En);
            check_contract(&chart, "ninh-thuan-dti");
            assert_eq!(
                elements(&chart.svg, "circle", "point").len(),
                points,
                "{values:?}"
            );
            assert_eq!(
                elements(&chart.svg, "line", "line").len(),
                segments,
                "{values:?}"
            );
            let chart = rank_over_years(&input, Lang::En);
            assert_eq!(
                elements(&chart.svg, "circle", "point").len(),
                points,
                "{values:?}"
            );
            assert_eq!(
                elements(&chart.svg, "line", "line").len(),
                segments,
                "{values:?}"
            );
            // A gap is a gap: no point sits on the zero line.
            assert!(!chart.csv.contains(",0,"));
        }
    }

    #[test]
    fn rank_axis_is_inverted() {
        let input = ninh_thuan();
        let chart = rank_over_years(&input, Lang::Vi);
        check_contract(&chart, "ninh-thuan-dti");
        preview("rank-over-years-vi", &chart);
        preview("rank-over-years-en", &rank_over_years(&input, Lang::En));
        let points = elements(&chart.svg, "circle", "point");
        let y_of = |rank: &str| {
            let p = points
                .iter()
                .find(|p| crate::charts::testkit::attr(p, "data-rank") == rank);
            num(p.expect(rank), "cy")
        };
        assert!(y_of("27") < y_of("35") && y_of("35") < y_of("63"));
        // A rank-1 unit is drawn above everything else.
        let mut top = ninh_thuan();
        top.points[0].rank = Some(1);
        let chart = rank_over_years(&top, Lang::En);
        let points = elements(&chart.svg, "circle", "point");
        let ys: Vec<f64> = points.iter().map(|p| num(p, "cy")).collect();
        assert_eq!(ys[0], ys.iter().copied().fold(f64::INFINITY, f64::min));
        assert!(texts(&chart.svg).contains(&"Rank".to_owned()));
    }

    #[test]
    fn rank_desc_table() {
        let rows: &[(Lang, &str)] = &[
            (
                Lang::Vi,
                "Hạng DTI của Ninh Thuận tăng từ 63 (2020) lên 35 (2024, 63 tỉnh); cao nhất là hạng 27 (2022).",
            ),
            (
                Lang::En,
                "Ninh Thuận's DTI rank rose from 63 (2020) to 35 (2024, 63 tỉnh); best 27 (2022).",
            ),
        ];
        for &(lang, want) in rows {
            assert_eq!(rank_over_years(&ninh_thuan(), lang).desc, want);
        }
        let csv = rank_over_years(&ninh_thuan(), Lang::En).csv;
        assert_eq!(csv_rows(&csv).len(), 5);
        assert!(csv.contains("2024 (63 tỉnh),35,63"));
        assert_eq!(rank_ticks(63), [1, 10, 20, 30, 40, 50, 63]);
        assert_eq!(rank_ticks(34), [1, 5, 10, 15, 20, 25, 30, 34]);
    }
}
