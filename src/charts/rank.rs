//! One unit's rank across editions, rank 1 at the top ([`rank_over_years`]).

use plotters::style::text_anchor::{HPos, VPos};

use super::axes::{Scale, edition_labels};
use super::canvas::width;
use super::canvas::{Canvas, GRID, INK, MUTED, TEXT};
use super::history::{BOTTOM, HEIGHT, HistoryInput, LEFT, broken_line, csv_source, labels, right};
use super::words::{csv_rank, csv_table, words};
use super::{Chart, UNIT};
use crate::text::{Strings, integer};

/// Rank ticks: 1, round steps, and the last rank (which replaces a round
/// step too close to it: 63 rather than 60 and 63).
fn rank_ticks(units: u32) -> Vec<u32> {
    // A round step (1, 2, 5 × 10ⁿ) giving at most about 7 steps: 5 for 34 units, 10 for 63,
    // 500 for 3,321. A fixed step would draw a tick every 10 ranks, 332 of them for communes.
    let step = [1u32, 2, 5]
        .iter()
        .flat_map(|&m| (0..9).map(move |p| m * 10u32.pow(p)))
        .filter(|&s| units / s.max(1) <= 7)
        .min()
        .unwrap_or(1)
        .max(5);
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
pub fn rank_over_years(input: &HistoryInput, t: &Strings) -> Chart {
    let lang = t.lang();
    let w = words(t);
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
    let (xs, beside_xs) = super::beside::layout(pts, &input.beside.points);
    let x = |i: usize| xs[i];

    let canvas = Canvas::new(width() as u32, HEIGHT as u32);
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
        canvas.line((LEFT, py), (right(), py), GRID, 1);
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
        let derived = p.rank_source == Some(crate::model::Source::Derived);
        canvas.tag(
            if derived { "point derived" } else { "point" },
            &[
                ("edition", &p.label),
                ("rank", &r.to_string()),
                ("source", &csv_source(Some(r), p.rank_source)),
            ],
        );
        if derived {
            canvas.ring(at, 5, UNIT);
        } else {
            canvas.dot(at, 5, UNIT);
        }
        // Above the point, unless the other set's point of that year is higher up.
        let below = super::beside::rank_label_below(&input.beside, p.year, r).unwrap_or(false);
        let (dy, vpos) = if below {
            (9, VPos::Top)
        } else {
            (-9, VPos::Bottom)
        };
        canvas.text(
            &input.marks.label(integer(r.into(), lang), p.rank_source),
            (at.0, at.1 + dy),
            TEXT,
            (HPos::Center, vpos),
            INK,
            true,
        );
    }
    canvas.untag();
    // A rank in the other set stands where the same standing would on this axis: 34/34 is
    // last, drawn at the bottom beside 62/63, not at the height of a 34th of 63.
    let of = f64::from(input.beside.units.max(2));
    super::beside::draw_ranks(
        &canvas,
        &input.beside,
        &beside_xs,
        |r| y.at(1.0 + (f64::from(r) - 1.0) * (f64::from(units) - 1.0) / (of - 1.0)),
        pts,
        lang,
    );
    edition_labels(&canvas, &labels(pts), x, BOTTOM + 14);

    let title = t.fill(
        "chart.title_rank",
        &[("measure", &input.measure), ("unit", &input.unit)],
    );
    let desc = if input.rank_summary.is_empty() {
        title.clone()
    } else {
        input.rank_summary.clone()
    };
    let csv = csv_table(
        &["edition", "rank", "rank_source", "units"],
        // The other set's ranks follow, each of its own number of units.
        pts.iter()
            .map(|p| (p, input.units))
            .chain(input.beside.points.iter().map(|p| (p, input.beside.units)))
            .map(|(p, units)| {
                vec![
                    p.label.clone(),
                    csv_rank(p.rank),
                    csv_source(p.rank, p.rank_source),
                    units.to_string(),
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
        attr, check_contract, csv_rows, elements, ninh_thuan, num, preview, texts,
    };
    use crate::text::Lang;

    #[test]
    fn rank_axis_is_inverted() {
        let input = ninh_thuan();
        let chart = rank_over_years(&input, Strings::builtin(Lang::Vi));
        check_contract(&chart, "ninh-thuan-dti");
        preview("rank-over-years-vi", &chart);
        preview(
            "rank-over-years-en",
            &rank_over_years(&input, Strings::builtin(Lang::En)),
        );
        let points = elements(&chart.svg, "circle", "point");
        let y_of = |rank: &str| {
            let p = points.iter().find(|p| attr(p, "data-rank") == rank);
            num(p.expect(rank), "cy")
        };
        assert!(y_of("27") < y_of("35") && y_of("35") < y_of("63"));
        // A rank-1 unit is drawn above everything else.
        let mut top = ninh_thuan();
        top.points[0].rank = Some(1);
        let chart = rank_over_years(&top, Strings::builtin(Lang::En));
        let points = elements(&chart.svg, "circle", "point");
        let ys: Vec<f64> = points.iter().map(|p| num(p, "cy")).collect();
        assert_eq!(ys[0], ys.iter().copied().fold(f64::INFINITY, f64::min));
        assert!(texts(&chart.svg).contains(&"Rank".to_owned()));
    }

    #[test]
    fn rank_desc_table() {
        let input = ninh_thuan();
        assert_eq!(
            rank_over_years(&input, Strings::builtin(Lang::Vi)).desc,
            input.rank_summary
        );
        let csv = rank_over_years(&ninh_thuan(), Strings::builtin(Lang::En)).csv;
        assert_eq!(csv_rows(&csv).len(), 5);
        assert!(csv.contains("2024 (63 tỉnh),35,,63"));
        assert_eq!(rank_ticks(63), [1, 10, 20, 30, 40, 50, 63]);
        assert_eq!(rank_ticks(34), [1, 5, 10, 15, 20, 25, 30, 34]);
        assert_eq!(
            rank_ticks(3321),
            [1, 500, 1000, 1500, 2000, 2500, 3000, 3321]
        );
        assert_eq!(rank_ticks(560).len(), 7, "{:?}", rank_ticks(560));
    }
}
