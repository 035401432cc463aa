//! One unit's rank across editions, rank 1 at the top ([`rank_over_years`]).

use plotters::style::text_anchor::{HPos, VPos};

use super::axes::{Scale, edition_labels};
use super::canvas::{Canvas, GRID, INK, MUTED, TEXT};
use super::history::{
    BOTTOM, HEIGHT, HistoryInput, LEFT, RIGHT, WIDTH, broken_line, labels, time_x,
};
use super::words::{csv_rank, csv_table, inline_label, words};
use super::{Chart, UNIT};
use crate::text::{Lang, integer};

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
    let xs = time_x(pts);
    let x = |i: usize| xs[i];

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
        attr, check_contract, csv_rows, elements, ninh_thuan, num, preview, texts,
    };

    #[test]
    fn rank_axis_is_inverted() {
        let input = ninh_thuan();
        let chart = rank_over_years(&input, Lang::Vi);
        check_contract(&chart, "ninh-thuan-dti");
        preview("rank-over-years-vi", &chart);
        preview("rank-over-years-en", &rank_over_years(&input, Lang::En));
        let points = elements(&chart.svg, "circle", "point");
        let y_of = |rank: &str| {
            let p = points.iter().find(|p| attr(p, "data-rank") == rank);
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
