//! One unit's main indicators in one edition, against the national mean
//! ([`indicator_bars`]).

use plotters::style::text_anchor::{HPos, VPos};

use super::axes::{LINE, Scale, Swatch, legend, legend_height, padded_range, value_grid_x};
use super::canvas::width;
use super::canvas::{Canvas, INK, MUTED, TEXT, text_width};
use super::words::{csv_number, csv_table, inline_label, words};
use super::{Chart, MEAN, UNIT};
use crate::text::{Strings, decimal};

/// One indicator of [`IndicatorBarsInput`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IndicatorBar {
    /// The indicator's short name: "Hạ tầng", "ATTT mạng".
    pub label: String,
    /// The unit's value; `None` when not published.
    pub value: Option<f64>,
    /// The national mean; `None` when not published.
    pub mean: Option<f64>,
}

/// Input of [`indicator_bars`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IndicatorBarsInput {
    /// Base of the SVG's element ids, unique on the page.
    pub id: String,
    /// The unit's name: "Ninh Thuận".
    pub unit: String,
    /// Edition label: "2023", "2024 (34 tỉnh)".
    pub edition: String,
    /// Decimals of published values.
    pub places: usize,
    /// The indicators, top to bottom.
    pub bars: Vec<IndicatorBar>,
    /// The description, phrased by the caller from claims ([`crate::claims::standing`]) so
    /// that `chiso check` verifies it.
    pub summary: String,
}

/// Height of one indicator's row.
const ROW: i32 = 36;
/// Thickness of a bar.
const BAR: i32 = 18;

/// Horizontal bars of the unit's indicator values (blue) with a grey tick
/// at each indicator's national mean; values are labelled at the bar end.
pub fn indicator_bars(input: &IndicatorBarsInput, t: &Strings) -> Chart {
    let lang = t.lang();
    let w = words(t);
    let bars = &input.bars;
    let items = [
        (Swatch::Square(UNIT, 1.0), input.unit.as_str()),
        (Swatch::Line(MEAN), w.mean),
    ];
    let label_w = bars
        .iter()
        .map(|b| text_width(&b.label, TEXT))
        .max()
        .unwrap_or(0);
    let left = (label_w + 16).clamp(64, 260);
    // Room for "0,5934" after the longest bar or mean tick.
    let right = width() - text_width(&decimal(0.0, input.places, lang), TEXT) - 16;
    let top = 16 + legend_height(&items, (12, width() - 12)) + 8;
    let bottom = top + ROW * bars.len() as i32;
    let height = bottom + LINE + 12;
    let (_, hi) = padded_range(
        bars.iter()
            .flat_map(|b| [b.value, b.mean])
            .flatten()
            .chain([0.0]),
    );
    let x = Scale {
        from: (0.0, hi),
        to: (f64::from(left), f64::from(right)),
    };

    let canvas = Canvas::new(width() as u32, height as u32);
    legend(&canvas, &items, (12, width() - 12), 16);
    value_grid_x(&canvas, x, (top, bottom), lang);
    for (i, b) in bars.iter().enumerate() {
        let cy = top + ROW * i as i32 + ROW / 2;
        canvas.tag("label", &[]);
        canvas.text(
            &b.label,
            (left - 10, cy),
            TEXT,
            (HPos::Right, VPos::Center),
            INK,
            false,
        );
        let data = [("indicator", b.label.as_str())];
        let mut end = x.at(0.0);
        if let Some(v) = b.value {
            canvas.tag("bar", &data);
            canvas.rect(
                (x.at(0.0), cy - BAR / 2),
                (x.at(v), cy + BAR / 2),
                UNIT,
                1.0,
            );
            end = x.at(v);
        }
        if let Some(m) = b.mean {
            // A tick taller than the bar, so it shows on the bar and off it.
            canvas.tag("mean", &data);
            canvas.rect(
                (x.at(m) - 2, cy - BAR / 2 - 6),
                (x.at(m) + 2, cy + BAR / 2 + 6),
                MEAN,
                1.0,
            );
            end = end.max(x.at(m) + 2);
        }
        canvas.tag("value", &data);
        match b.value {
            Some(v) => {
                let t = decimal(v, input.places, lang);
                canvas.text(
                    &t,
                    (end + 6, cy),
                    TEXT,
                    (HPos::Left, VPos::Center),
                    INK,
                    true,
                );
            }
            None => canvas.text(
                w.not_published,
                (end + 6, cy),
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
        "chart.title_bars",
        &[("unit", &input.unit), ("edition", &edition)],
    );
    let desc = input.summary.clone();
    let csv = csv_table(
        &["indicator", "value", "mean"],
        bars.iter().map(|b| {
            vec![
                b.label.clone(),
                csv_number(b.value, input.places),
                csv_number(b.mean, input.places),
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
        KHANH_HOA, attr, check_contract, csv_rows, elements, preview, texts,
    };
    use crate::text::Lang;

    fn khanh_hoa() -> IndicatorBarsInput {
        IndicatorBarsInput {
            id: "khanh-hoa-2024".into(),
            unit: "Khánh Hòa".into(),
            edition: "2024 (34 tỉnh)".into(),
            places: 4,
            bars: KHANH_HOA
                .iter()
                .map(|&(l, value, mean)| IndicatorBar {
                    label: l.into(),
                    value,
                    mean,
                })
                .collect(),
            summary: "Mô tả từ claims.".into(),
        }
    }

    #[test]
    fn one_bar_per_published_value_and_a_tick_per_mean() {
        let input = khanh_hoa();
        for lang in Lang::ALL {
            let chart = indicator_bars(&input, Strings::builtin(lang));
            check_contract(&chart, "khanh-hoa-2024");
            preview(&format!("indicator-bars-{lang}"), &chart);
            let bars = elements(&chart.svg, "rect", "bar");
            assert_eq!(
                bars.len(),
                7,
                "ATTT mạng has no value: no bar, not a zero bar"
            );
            assert!(
                bars.iter()
                    .all(|b| attr(b, "data-indicator") != "ATTT mạng")
            );
            assert_eq!(elements(&chart.svg, "rect", "mean").len(), 7);
            assert_eq!(csv_rows(&chart.csv).len(), 8);
        }
        let chart = indicator_bars(&input, Strings::builtin(Lang::Vi));
        // The description is the claim the caller phrased (crate::claims::standing).
        assert_eq!(chart.desc, "Mô tả từ claims.");
        let t = texts(&chart.svg);
        assert!(t.contains(&"0,7012".to_owned()) && t.contains(&"chưa công bố".to_owned()));
        assert!(chart.csv.contains("ATTT mạng,,0.7001\n"));
    }
}
