//! One unit across editions: its value against the national mean and the
//! min–max band ([`value_over_years`]). The input and the layout are shared
//! with its rank chart, [`super::rank::rank_over_years`].

use plotters::style::text_anchor::{HPos, VPos};

use super::axes::{
    LINE, Scale, Swatch, edition_labels, legend, legend_height, padded_range, value_grid_y,
};
use super::beside::{self, BESIDE, Beside};
use super::canvas::Canvas;
use super::canvas::width;
use super::words::{csv_number, csv_rank, csv_table, words};
use super::{Chart, MEAN, UNIT};
use crate::model::Source;
use crate::text::{Strings, decimal};

/// One edition in a unit's history.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct YearPoint {
    /// Edition label under the axis: "2021", "2024 (63 tỉnh)" (drawn on two
    /// lines, split before the parenthesis).
    pub label: String,
    /// The assessment year, which places the point on a time-proportional axis (2020 and 2022
    /// with 2021 missing are two steps apart); 0 when unknown (points are then evenly spaced).
    pub year: u16,
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
    /// Where the value comes from (`None` with no value). A derived value is drawn hollow and
    /// its label carries the derived mark.
    pub value_source: Option<Source>,
    /// Where the rank comes from, likewise.
    pub rank_source: Option<Source>,
    /// Where the mean, lowest and highest come from: computed from a complete table, or
    /// published aggregates (drawn hollow).
    pub stats_source: Option<Source>,
}

/// The words and symbols of provenance marks a chart draws, from the theme
/// ([`crate::render`]'s provenance marks): the charts hold no sentence of their own.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MarkWords {
    /// Symbol after a derived figure ("†").
    pub derived: String,
    /// Legend entry of a derived point ("Giá trị suy ra").
    pub derived_point: String,
    /// Symbol after a published aggregate ("*").
    pub published: String,
    /// Legend entry of a published mean ("Trung bình cả nước (số liệu công bố)").
    pub published_line: String,
}

impl MarkWords {
    /// `text` followed by the symbol of its mark, when `source` is marked on a chart.
    pub fn label(&self, text: String, source: Option<Source>) -> String {
        match source {
            Some(Source::Derived) if !self.derived.is_empty() => format!("{text} {}", self.derived),
            Some(Source::Published) if !self.published.is_empty() => {
                format!("{text} {}", self.published)
            }
            _ => text,
        }
    }
}

/// A figure's provenance as a CSV cell (`official`, `derived`…), empty without a figure.
pub(super) fn csv_source<T>(figure: Option<T>, source: Option<Source>) -> String {
    figure
        .and(source)
        .map(|s| s.as_str().to_owned())
        .unwrap_or_default()
}

/// One unit's history, input of [`value_over_years`] and
/// [`rank_over_years`](super::rank_over_years).
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
    /// Description of the value chart, phrased by the caller from claims ([`crate::claims`]):
    /// whether a move may be stated depends on unit sets, methods and provenance.
    pub value_summary: String,
    /// Description of the rank chart, likewise.
    pub rank_summary: String,
    /// How marked figures are labelled.
    pub marks: MarkWords,
    /// The unit's figures in another unit set, drawn beside the series, never joined to it.
    pub beside: Beside,
}

/// Natural size of both charts.
pub(super) const HEIGHT: i32 = 380;
/// Left margin: room for tick labels ("0,80", "63").
pub(super) const LEFT: i32 = 56;
pub(super) fn right() -> i32 {
    width() - 24
}
/// Bottom of the plot: two lines of edition labels below it.
pub(super) const BOTTOM: i32 = HEIGHT - 2 * LINE - 14;

/// x of edition `i` of `n`, centred in equal slots.
pub(super) fn slot_x(i: usize, n: usize) -> i32 {
    let w = f64::from(right() - LEFT) / n.max(1) as f64;
    LEFT + (w * (i as f64 + 0.5)).round() as i32
}

/// Draws a line through consecutive editions that both have a value; a
/// missing edition breaks the line (a gap, never a drop to zero).
pub(super) fn broken_line(
    canvas: &Canvas,
    points: &[Option<(i32, i32)>],
    colour: super::Colour,
    width: u32,
) {
    for pair in points.windows(2) {
        if let [Some(a), Some(b)] = pair {
            canvas.line(*a, *b, colour, width);
        }
    }
}

/// The line chart of one unit's value by edition, with the national mean
/// (grey line) and the lowest–highest band (grey area, where known).
pub fn value_over_years(input: &HistoryInput, t: &Strings) -> Chart {
    let lang = t.lang();
    let w = words(t);
    let pts = &input.points;
    let has_band = pts.iter().any(|p| p.min.is_some() && p.max.is_some());
    let mut items = vec![
        (Swatch::Line(UNIT), input.unit.as_str()),
        (Swatch::Line(MEAN), w.mean),
    ];
    if has_band {
        items.push((Swatch::Square(MEAN, 0.3), w.band));
    }
    let derived = pts
        .iter()
        .any(|p| p.value.is_some() && p.value_source == Some(Source::Derived));
    let published = pts
        .iter()
        .any(|p| p.mean.is_some() && p.stats_source == Some(Source::Published));
    let derived_words = format!("{} {}", input.marks.derived_point, input.marks.derived);
    let published_words = format!("{} {}", input.marks.published_line, input.marks.published);
    if derived {
        items.push((Swatch::Ring(UNIT), derived_words.as_str()));
    }
    if published {
        items.push((Swatch::Ring(MEAN), published_words.as_str()));
    }
    if beside::any(&input.beside) {
        items.push((Swatch::Square(BESIDE, 1.0), input.beside.legend.as_str()));
    }
    let top = 16 + legend_height(&items, (LEFT, right())) + 20;
    let all = pts
        .iter()
        .flat_map(|p| [p.value, p.mean, p.min, p.max])
        .chain(input.beside.points.iter().map(|p| p.value))
        .flatten();
    let y = Scale {
        from: padded_range(all),
        to: (f64::from(BOTTOM), f64::from(top)),
    };
    let (xs, beside_xs) = beside::layout(pts, &input.beside.points);
    let x = |i: usize| xs[i];

    let canvas = Canvas::new(width() as u32, HEIGHT as u32);
    legend(&canvas, &items, (LEFT, right()), 16);
    value_grid_y(&canvas, y, (LEFT, right()), lang);

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
    for (p, m) in pts.iter().zip(&means) {
        let Some(m) = *m else { continue };
        if p.stats_source == Some(Source::Published) {
            canvas.tag("mean published", &[]);
            canvas.ring(m, 4, MEAN);
            canvas.tag("mean", &[]);
        } else {
            canvas.dot(m, 4, MEAN);
        }
    }

    let values: Vec<_> = pts
        .iter()
        .enumerate()
        .map(|(i, p)| p.value.map(|v| (x(i), y.at(v))))
        .collect();
    canvas.tag("line", &[]);
    broken_line(&canvas, &values, UNIT, 3);
    // Each value label's text, width and side, decided before drawing. A label whose side is
    // set by the other set's square of its year keeps it; otherwise it goes away from the line.
    // Two neighbours' labels on one side that would run into one another (close values a year
    // apart on the phone drawing, or a steep rise): the one free to move goes to the other side.
    let mut sides: Vec<Option<(String, i32, bool, bool)>> = pts
        .iter()
        .zip(&values)
        .enumerate()
        .map(|(i, (p, at))| {
            let (v, _) = (p.value?, (*at)?);
            let text = input
                .marks
                .label(decimal(v, input.places, lang), p.value_source);
            let width = super::canvas::text_width(&text, super::canvas::TEXT) + 4;
            let fixed = beside::value_label_below(&input.beside, p.year, v);
            Some((
                text,
                width,
                fixed.unwrap_or_else(|| label_below(pts, i)),
                fixed.is_some(),
            ))
        })
        .collect();
    let drawn: Vec<usize> = (0..pts.len()).filter(|&i| sides[i].is_some()).collect();
    // The box a label covers (x0, y0, x1, y1) on `below` side of its point: boxed_text's box.
    let widths: Vec<i32> = sides
        .iter()
        .map(|s| s.as_ref().map_or(0, |s| s.1))
        .collect();
    let label_box = |i: usize, below: bool| {
        let (x, y) = values[i].unwrap();
        let w = widths[i];
        let h = super::canvas::TEXT as i32 + 2;
        let top = if below { y + 9 } else { y - 9 - h };
        (x - w / 2, top, x + w / 2, top + h)
    };
    let meet = |a: (i32, i32, i32, i32), b: (i32, i32, i32, i32)| {
        a.0 < b.2 + 2 && b.0 < a.2 + 2 && a.1 < b.3 && b.1 < a.3
    };
    for w in drawn.windows(2) {
        let (a, b) = (w[0], w[1]);
        let (Some((_, _, sa, fa)), Some((_, _, sb, fb))) = (sides[a].clone(), sides[b].clone())
        else {
            continue;
        };
        if !meet(label_box(a, sa), label_box(b, sb)) {
            continue;
        }
        // The first arrangement that keeps them apart, moving only labels free to move.
        let tries = [(sa, !sb, !fb), (!sa, sb, !fa), (!sa, !sb, !fa && !fb)];
        if let Some(&(na, nb, _)) = tries
            .iter()
            .find(|&&(na, nb, ok)| ok && !meet(label_box(a, na), label_box(b, nb)))
        {
            sides[a].as_mut().unwrap().2 = na;
            sides[b].as_mut().unwrap().2 = nb;
        }
    }
    for (i, (p, at)) in pts.iter().zip(&values).enumerate() {
        let (Some(v), Some(at)) = (p.value, *at) else {
            continue;
        };
        let derived = p.value_source == Some(Source::Derived);
        canvas.tag(
            if derived { "point derived" } else { "point" },
            &[
                ("edition", &p.label),
                ("value", &csv_number(Some(v), input.places)),
                ("source", &csv_source(Some(v), p.value_source)),
            ],
        );
        if derived {
            canvas.ring(at, 5, UNIT);
        } else {
            canvas.dot(at, 5, UNIT);
        }
        let Some((text, _, below, _)) = sides[i].clone() else {
            continue;
        };
        let (dy, vpos) = if below {
            (9, VPos::Top)
        } else {
            (-9, VPos::Bottom)
        };
        canvas.boxed_text(&text, (at.0, at.1 + dy), (HPos::Center, vpos), UNIT, true);
    }
    canvas.untag();
    beside::draw_values(
        &canvas,
        &input.beside,
        &beside_xs,
        |v| y.at(v),
        pts,
        input.places,
        lang,
    );
    edition_labels(&canvas, &labels(pts), x, BOTTOM + 14);

    let title = t.fill(
        "chart.title_value",
        &[("measure", &input.measure), ("unit", &input.unit)],
    );
    let desc = if input.value_summary.is_empty() {
        title.clone()
    } else {
        input.value_summary.clone()
    };
    // Each figure's provenance beside it (`value_source`…): the page's table shows it as a mark.
    let csv = csv_table(
        &[
            "edition",
            "value",
            "value_source",
            "rank",
            "rank_source",
            "mean",
            "mean_source",
            "min",
            "min_source",
            "max",
            "max_source",
        ],
        // The other set's figures follow, each named by its edition.
        pts.iter().chain(&input.beside.points).map(|p| {
            let n = |v| csv_number(v, input.places);
            let stat = |v: Option<f64>| csv_source(v, p.stats_source);
            vec![
                p.label.clone(),
                n(p.value),
                csv_source(p.value, p.value_source),
                csv_rank(p.rank),
                csv_source(p.rank, p.rank_source),
                n(p.mean),
                stat(p.mean),
                n(p.min),
                stat(p.min),
                n(p.max),
                stat(p.max),
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

pub(super) fn labels(pts: &[YearPoint]) -> Vec<String> {
    pts.iter().map(|p| p.label.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::rank_over_years;
    use crate::charts::testkit::{check_contract, csv_rows, elements, ninh_thuan, preview, texts};
    use crate::text::Lang;

    #[test]
    fn year_axis_is_proportional_to_time() {
        let at = |years: &[u16]| {
            let pts: Vec<YearPoint> = years
                .iter()
                .map(|&year| YearPoint {
                    year,
                    ..YearPoint::default()
                })
                .collect();
            crate::charts::beside::layout(&pts, &[]).0
        };
        // 2020 → 2022 with 2021 missing is two steps; 2022 → 2023 one.
        let x = at(&[2020, 2022, 2023]);
        assert_eq!(x[1] - x[0], 2 * (x[2] - x[1]), "{x:?}");
        // Evenly spaced when years are unknown or not increasing.
        let even = at(&[0, 0, 0]);
        assert_eq!(even[1] - even[0], even[2] - even[1]);
        let same = at(&[2024, 2024]);
        assert!(same[0] < same[1]);
    }

    #[test]
    fn value_chart_contract_desc_and_csv() {
        let input = ninh_thuan();
        for lang in Lang::ALL {
            let chart = value_over_years(&input, Strings::builtin(lang));
            check_contract(&chart, "ninh-thuan-dti");
            // The caller's claim sentence, as given (phrased in crate::claims).
            assert_eq!(chart.desc, input.value_summary);
            preview(&format!("value-over-years-{lang}"), &chart);
        }
        let chart = value_over_years(&input, Strings::builtin(Lang::Vi));
        assert!(
            chart.svg.contains("Trung bình cả nước"),
            "diacritics survive"
        );
        assert!(chart.svg.contains("Cao nhất – thấp nhất"));
        assert!(texts(&chart.svg).contains(&"0,5934".to_owned()));
        let rows = csv_rows(&chart.csv);
        assert_eq!(rows.len(), 5);
        assert_eq!(rows[0], ["2020", "", "", "63", "", "", "", "", "", "", ""]);
        assert_eq!(
            rows[3],
            [
                "2023", "0.6552", "", "48", "", "0.6783", "", "0.5208", "", "0.834", ""
            ]
        );
        assert!(chart.csv.starts_with(
            "edition,value,value_source,rank,rank_source,mean,mean_source,min,min_source,max,max_source\n"
        ));
    }

    #[test]
    fn derived_points_and_published_aggregates_are_drawn_apart_and_said() {
        let mut input = ninh_thuan();
        // 2021: a derived value and rank, with the published mean, lowest and highest.
        let p = &mut input.points[1];
        p.value_source = Some(Source::Derived);
        p.rank_source = Some(Source::Derived);
        (p.mean, p.min, p.max) = (Some(0.4014), Some(0.2489), Some(0.6419));
        p.stats_source = Some(Source::Published);
        input.points[2].value_source = Some(Source::Official);
        input.points[2].stats_source = Some(Source::Computed);
        let chart = value_over_years(&input, Strings::builtin(Lang::Vi));
        check_contract(&chart, "ninh-thuan-dti");
        // The derived point is its own element class, hollow; the official ones are not.
        let derived = elements(&chart.svg, "circle", "derived");
        assert_eq!(derived.len(), 1, "{}", chart.svg);
        assert_eq!(
            crate::charts::testkit::attr(&derived[0], "data-source"),
            "derived"
        );
        assert_eq!(elements(&chart.svg, "circle", "point").len(), 4);
        assert_eq!(elements(&chart.svg, "circle", "published").len(), 1);
        let words = texts(&chart.svg);
        assert!(words.contains(&"0,3048 †".to_owned()), "{words:?}");
        assert!(words.contains(&"0,5934".to_owned()), "{words:?}");
        assert!(words.contains(&"Giá trị suy ra †".to_owned()), "{words:?}");
        assert!(
            words.contains(&"Trung bình cả nước (số liệu công bố) *".to_owned()),
            "{words:?}"
        );
        let rows = csv_rows(&chart.csv);
        assert_eq!(
            rows[1],
            [
                "2021",
                "0.3048",
                "derived",
                "53",
                "derived",
                "0.4014",
                "published",
                "0.2489",
                "published",
                "0.6419",
                "published"
            ]
        );
        assert_eq!(rows[2][2], "official");
        assert_eq!(rows[2][6], "computed");
        // The rank chart marks the derived rank the same way.
        let chart = rank_over_years(&input, Strings::builtin(Lang::Vi));
        assert_eq!(elements(&chart.svg, "circle", "derived").len(), 1);
        assert!(texts(&chart.svg).contains(&"53 †".to_owned()));
        assert_eq!(csv_rows(&chart.csv)[1], ["2021", "53", "derived", "63"]);
        // Without marks, nothing extra is drawn or said.
        let plain = value_over_years(&ninh_thuan(), Strings::builtin(Lang::Vi));
        assert!(elements(&plain.svg, "circle", "derived").is_empty());
        assert!(
            !texts(&plain.svg)
                .iter()
                .any(|t| t.contains('†') || t.contains('*'))
        );
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
            let chart = value_over_years(&input, Strings::builtin(Lang::En));
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
            let chart = rank_over_years(&input, Strings::builtin(Lang::En));
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
}
