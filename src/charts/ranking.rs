//! Every unit of one edition in rank order ([`ranking_bars`]).

use plotters::style::text_anchor::{HPos, VPos};

use super::axes::{LINE, Scale, Swatch, legend, legend_height, padded_range, value_grid_x};
use super::canvas::width;
use super::canvas::{Canvas, INK, MUTED, TEXT, text_width};
use super::history::{MarkWords, csv_source};
use super::words::{csv_number, csv_rank, csv_table, inline_label, words};
use super::{Chart, MEAN, UNIT, region_colour};
use crate::model::Source;
use crate::text::{Strings, decimal, integer};

/// One unit of [`RankingBarsInput`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RankingRow {
    /// The unit's name.
    pub name: String,
    /// Its value; `None` when not published (the row stays, without a bar).
    pub value: Option<f64>,
    /// Its rank; rows are drawn in rank order, unranked ones last.
    pub rank: Option<u32>,
    /// Index of its region in [`RankingBarsInput::regions`].
    pub region: usize,
    /// Where the value comes from: a derived value's bar is pale, its label marked.
    pub value_source: Option<Source>,
    /// Where the rank comes from: a derived rank is marked.
    pub rank_source: Option<Source>,
}

/// Input of [`ranking_bars`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RankingBarsInput {
    /// Base of the SVG's element ids, unique on the page.
    pub id: String,
    /// What is measured: "DTI".
    pub measure: String,
    /// Edition label: "2023".
    pub edition: String,
    /// Decimals of published values.
    pub places: usize,
    /// Region names, in the order of their colours ([`super::region_colour`]).
    pub regions: Vec<String>,
    /// The national mean, drawn as a vertical line.
    pub mean: Option<f64>,
    /// Where the mean comes from: computed, or a published aggregate (said in the legend).
    pub mean_source: Option<Source>,
    /// How marked figures are labelled.
    pub marks: MarkWords,
    /// Name of a unit to emphasise (the page's own province).
    pub highlight: Option<String>,
    /// The units, in any order.
    pub rows: Vec<RankingRow>,
    /// The chart's description: the leader/last sentence the caller phrased from a claim
    /// ([`crate::claims`]); the chart itself cannot know whether its rows are a complete table.
    pub summary: String,
}

/// Height of one unit's row: 63 rows make a 1.3k px tall chart, which a
/// page scrolls like a table.
const ROW: i32 = 20;

/// Horizontal bars of all units in rank order: rank and name on the left,
/// value at the bar end, bars coloured by region (legend on top), and the
/// national mean as a vertical line.
pub fn ranking_bars(input: &RankingBarsInput, t: &Strings) -> Chart {
    let lang = t.lang();
    let w = words(t);
    let mut rows: Vec<&RankingRow> = input.rows.iter().collect();
    rows.sort_by_key(|r| (r.rank.is_none(), r.rank));

    let mut items: Vec<_> = input
        .regions
        .iter()
        .enumerate()
        .map(|(i, name)| (Swatch::Square(region_colour(i), 1.0), name.as_str()))
        .collect();
    let published_mean = format!("{} {}", input.marks.published_line, input.marks.published);
    let derived_words = format!("{} {}", input.marks.derived_point, input.marks.derived);
    if input.mean.is_some() {
        let words = if input.mean_source == Some(Source::Published) {
            published_mean.as_str()
        } else {
            w.mean
        };
        items.push((Swatch::Line(MEAN), words));
    }
    if rows
        .iter()
        .any(|r| r.value.is_some() && r.value_source == Some(Source::Derived))
    {
        items.push((Swatch::Outlined(MEAN), derived_words.as_str()));
    }
    let legend_top = 16;
    let top = legend_top + legend_height(&items, (12, width() - 12)) + 12;
    let rank_x = 12 + text_width("63", TEXT);
    let name_x = rank_x + 8;
    let left = name_x
        + rows
            .iter()
            .map(|r| text_width(&r.name, TEXT))
            .max()
            .unwrap_or(0)
        + 10;
    let right = width() - text_width(&decimal(0.0, input.places, lang), TEXT) - 16;
    let bottom = top + ROW * rows.len() as i32;
    let height = bottom + LINE + 12;
    let (_, hi) = padded_range(
        rows.iter()
            .filter_map(|r| r.value)
            .chain(input.mean)
            .chain([0.0]),
    );
    let x = Scale {
        from: (0.0, hi),
        to: (f64::from(left), f64::from(right)),
    };

    let canvas = Canvas::new(width() as u32, height as u32);
    legend(&canvas, &items, (12, width() - 12), legend_top);
    value_grid_x(&canvas, x, (top, bottom), lang);
    let row_y = |i: usize| top + ROW * i as i32 + ROW / 2;
    for (i, r) in rows.iter().enumerate() {
        let cy = row_y(i);
        let own = input.highlight.as_deref() == Some(r.name.as_str());
        if own {
            // A band behind the whole row: emphasis that needs no colour.
            canvas.tag("highlight", &[]);
            canvas.rect((4, cy - ROW / 2), (width() - 4, cy + ROW / 2), UNIT, 0.15);
        }
        canvas.tag("label", &[]);
        let rank = r.rank.map_or_else(
            || "–".to_owned(),
            |k| input.marks.label(integer(k.into(), lang), r.rank_source),
        );
        canvas.text(
            &rank,
            (rank_x, cy),
            TEXT,
            (HPos::Right, VPos::Center),
            MUTED,
            false,
        );
        canvas.text(
            &r.name,
            (name_x, cy),
            TEXT,
            (HPos::Left, VPos::Center),
            INK,
            own,
        );
        if let Some(v) = r.value {
            let rank = csv_rank(r.rank);
            // A derived value's bar is pale and outlined: it is not a published figure.
            let derived = r.value_source == Some(Source::Derived);
            canvas.tag(
                if derived { "bar derived" } else { "bar" },
                &[("unit", r.name.as_str()), ("rank", rank.as_str())],
            );
            let (a, b) = ((x.at(0.0), cy - ROW / 2 + 3), (x.at(v), cy + ROW / 2 - 3));
            if derived {
                canvas.outlined_rect(a, b, region_colour(r.region), 0.35);
            } else {
                canvas.rect(a, b, region_colour(r.region), 1.0);
            }
        }
    }
    if let Some(m) = input.mean {
        // Over the bars, so it shows across them; under the value labels,
        // whose boxes keep them legible where the line passes.
        canvas.tag("mean", &[]);
        canvas.line((x.at(m), top - 4), (x.at(m), bottom), MEAN, 2);
    }
    for (i, r) in rows.iter().enumerate() {
        let cy = row_y(i);
        let own = input.highlight.as_deref() == Some(r.name.as_str());
        canvas.tag("value", &[("unit", r.name.as_str())]);
        match r.value {
            Some(v) => {
                let t = input
                    .marks
                    .label(decimal(v, input.places, lang), r.value_source);
                canvas.boxed_text(&t, (x.at(v) + 4, cy), (HPos::Left, VPos::Center), INK, own);
            }
            None => canvas.text(
                w.not_published,
                (x.at(0.0) + 4, cy),
                TEXT,
                (HPos::Left, VPos::Center),
                MUTED,
                false,
            ),
        }
    }
    canvas.untag();

    let edition = inline_label(&input.edition);
    let title = t.fill(
        "chart.title_ranking",
        &[("measure", &input.measure), ("edition", &edition)],
    );
    // The description is the caller's claim sentence; without one, the title says what it is.
    let desc = if input.summary.is_empty() {
        title.clone()
    } else {
        input.summary.clone()
    };
    let csv = csv_table(
        &[
            "rank",
            "rank_source",
            "unit",
            "region",
            "value",
            "value_source",
        ],
        rows.iter().map(|r| {
            let region = input.regions.get(r.region).cloned().unwrap_or_default();
            vec![
                csv_rank(r.rank),
                csv_source(r.rank, r.rank_source),
                r.name.clone(),
                region,
                csv_number(r.value, input.places),
                csv_source(r.value, r.value_source),
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
        attr, check_contract, csv_rows, elements, num, preview, real_2023,
    };
    use crate::text::Lang;

    #[test]
    fn one_bar_per_unit_in_rank_order() {
        let input = real_2023();
        let n = input.rows.len();
        assert_eq!(n, 63);
        for lang in Lang::ALL {
            let chart = ranking_bars(&input, Strings::builtin(lang));
            check_contract(&chart, "xep-hang-2023");
            preview(&format!("ranking-bars-{lang}"), &chart);
            let bars = elements(&chart.svg, "rect", "bar");
            assert_eq!(bars.len(), n);
            let ranks: Vec<u32> = bars
                .iter()
                .map(|b| attr(b, "data-rank").parse().unwrap())
                .collect();
            assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
            let ys: Vec<f64> = bars.iter().map(|b| num(b, "y")).collect();
            assert!(
                ys.windows(2).all(|w| w[0] < w[1]),
                "rank order top to bottom"
            );
            assert_eq!(csv_rows(&chart.csv).len(), n);
            assert_eq!(elements(&chart.svg, "line", "mean").len(), 1);
        }
        let chart = ranking_bars(&input, Strings::builtin(Lang::Vi));
        assert_eq!(chart.desc, input.summary, "the claim sentence, as given");
        assert!(
            chart
                .csv
                .starts_with("rank,rank_source,unit,region,value,value_source\n1,,Đà Nẵng,")
        );
    }

    #[test]
    fn unpublished_values_keep_their_row_without_a_bar() {
        let mut input = real_2023();
        input.rows.truncate(34);
        input.rows[3].value = None;
        input.rows[3].rank = None;
        let chart = ranking_bars(&input, Strings::builtin(Lang::En));
        check_contract(&chart, "xep-hang-2023");
        assert_eq!(elements(&chart.svg, "rect", "bar").len(), 33);
        assert_eq!(elements(&chart.svg, "text", "value").len(), 34);
        let rows = csv_rows(&chart.csv);
        assert_eq!(rows.last().unwrap()[4], "", "unranked last, value empty");
    }
}
