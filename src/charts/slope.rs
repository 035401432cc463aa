//! How units' ranks moved between two editions ([`slope`]).

use plotters::style::text_anchor::{HPos, VPos};

use super::axes::{LINE, Scale, Swatch, dodge, legend, legend_height};
use super::canvas::{Canvas, INK, MUTED, TEXT, WIDE, text_width, width};
use super::words::{csv_rank, csv_table, inline_label};
use super::{Chart, Colour, FALL, MEAN, RISE};
use crate::text::{Strings, integer, rank_change};

/// One unit of [`SlopeInput`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SlopeRow {
    /// The unit's name.
    pub name: String,
    /// Its rank in the earlier edition; `None` when not published.
    pub from: Option<u32>,
    /// Its rank in the later edition; `None` when not published.
    pub to: Option<u32>,
}

/// Input of [`slope`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SlopeInput {
    /// Base of the SVG's element ids, unique on the page.
    pub id: String,
    /// What is ranked: "DTI".
    pub measure: String,
    /// Label of the earlier edition (left column).
    pub from_label: String,
    /// Label of the later edition (right column).
    pub to_label: String,
    /// How many units are ranked: the extent of both rank axes.
    pub units: u32,
    /// The units to draw (typically the top and bottom of a table).
    pub rows: Vec<SlopeRow>,
    /// The description, phrased by the caller from claims ([`crate::claims::standing`]) so
    /// that `chiso check` verifies it.
    pub summary: String,
}

/// Where the two rank columns stand: labels go outside them. The wide layout keeps 236 of
/// 640 px on each side (more if a label needs it); the narrow one gives each side just what its
/// longest label needs, so the lines keep a readable middle.
fn columns(left_labels: &[String], right_labels: &[String]) -> (i32, i32) {
    // Label offset from the column (12) and a margin to the frame (6).
    let need = |labels: &[String]| {
        labels
            .iter()
            .map(|l| text_width(l, TEXT))
            .max()
            .unwrap_or(0)
            + 18
    };
    let least = if width() < WIDE {
        0
    } else {
        width() * 236 / 640
    };
    (
        need(left_labels).max(least),
        width() - need(right_labels).max(least),
    )
}

/// A slope chart: each unit is a line from its rank in the earlier edition
/// (left) to its rank in the later one (right), rank 1 at the top, green
/// when it rose and vermillion when it fell, labelled at both ends (name,
/// rank, and the change on the right). A missing rank leaves no line.
pub fn slope(input: &SlopeInput, t: &Strings) -> Chart {
    let lang = t.lang();
    let legend_words = [
        t.get("chart.rose"),
        t.get("chart.fell"),
        t.get("chart.kept"),
    ];
    let items: Vec<_> = [RISE, FALL, MEAN]
        .into_iter()
        .zip(legend_words)
        .map(|(c, w)| (Swatch::Line(c), w))
        .collect();
    let header = 16 + legend_height(&items, (12, width() - 12)) + 12;
    let top = header + LINE + 12;
    let units = input.units.max(
        input
            .rows
            .iter()
            .flat_map(|r| [r.from, r.to])
            .flatten()
            .max()
            .unwrap_or(1),
    );
    // Eight pixels a rank keeps neighbouring ranks two to a label line, so
    // little needs dodging; more rows than that get a line each.
    let bottom = top
        + (input.rows.len() as i32 * LINE)
            .max(units as i32 * 8)
            .max(300);
    let height = bottom + 20;
    let y = Scale {
        from: (1.0, f64::from(units)),
        to: (f64::from(top), f64::from(bottom)),
    };
    let ry = |r: u32| y.at(f64::from(r));

    // The labels at both ends. On a phone the left end shows only the rank when the right end
    // names the unit, so the lines keep room between the columns.
    let compact = width() < WIDE;
    let labels: [Vec<Option<String>>; 2] = [
        input
            .rows
            .iter()
            .map(|r| {
                let k = integer(r.from?.into(), lang);
                Some(if compact && r.to.is_some() {
                    k
                } else {
                    format!("{} {k}", r.name)
                })
            })
            .collect(),
        input
            .rows
            .iter()
            .map(|r| {
                let k = integer(r.to?.into(), lang);
                Some(match r.from {
                    Some(a) => format!(
                        "{k} {} ({})",
                        r.name,
                        rank_change(i64::from(a) - i64::from(r.to?), lang)
                    ),
                    None => format!("{k} {}", r.name),
                })
            })
            .collect(),
    ];
    let texts = |side: usize| -> Vec<String> { labels[side].iter().flatten().cloned().collect() };
    let mut heads = (texts(0), texts(1));
    heads.0.push(input.from_label.clone());
    heads.1.push(input.to_label.clone());
    let (left, right) = columns(&heads.0, &heads.1);

    let canvas = Canvas::new(width() as u32, height as u32);
    legend(&canvas, &items, (12, width() - 12), 16);
    canvas.tag("column", &[]);
    for (x, label, h) in [
        (left, &input.from_label, HPos::Right),
        (right, &input.to_label, HPos::Left),
    ] {
        canvas.line((x, top - 6), (x, bottom + 6), Colour(0xBB, 0xBB, 0xBB), 1);
        canvas.text(
            label,
            (x, header + LINE / 2),
            TEXT,
            (h, VPos::Center),
            INK,
            true,
        );
    }
    let colour = |r: &SlopeRow| match (r.from, r.to) {
        (Some(a), Some(b)) if b < a => RISE,
        (Some(a), Some(b)) if b > a => FALL,
        _ => MEAN,
    };
    // Lines first, then dots and labels on top of every line.
    for r in &input.rows {
        if let (Some(a), Some(b)) = (r.from, r.to) {
            // Machine format, like the CSV: "-21", not the typographic "−21".
            let change = (i64::from(a) - i64::from(b)).to_string();
            canvas.tag("slope", &[("unit", &r.name), ("change", &change)]);
            canvas.line((left, ry(a)), (right, ry(b)), colour(r), 3);
        }
    }
    let sides = [(left, HPos::Right, -8), (right, HPos::Left, 8)];
    for (side, &(x, h, dx)) in sides.iter().enumerate() {
        let ranks: Vec<Option<u32>> = input
            .rows
            .iter()
            .map(|r| if side == 0 { r.from } else { r.to })
            .collect();
        let known: Vec<(usize, u32)> = ranks
            .iter()
            .enumerate()
            .filter_map(|(i, r)| r.map(|r| (i, r)))
            .collect();
        let placed = dodge(
            &known.iter().map(|&(_, r)| ry(r)).collect::<Vec<_>>(),
            (top, bottom),
        );
        for (&(i, rank), &ly) in known.iter().zip(&placed) {
            let row = &input.rows[i];
            let at = (x, ry(rank));
            canvas.tag("end", &[("unit", &row.name), ("rank", &rank.to_string())]);
            canvas.dot(at, 4, colour(row));
            if ly != at.1 {
                // The label was moved apart from its neighbours: a leader
                // ties it back to its dot.
                canvas.tag("leader", &[]);
                canvas.line(at, (x + dx, ly), MUTED, 1);
            }
            let text = labels[side][i].as_deref().unwrap_or_default();
            canvas.tag("label", &[("unit", &row.name)]);
            canvas.text(
                text,
                (x + dx + dx / 2, ly),
                TEXT,
                (h, VPos::Center),
                INK,
                false,
            );
        }
    }
    canvas.untag();

    let (fl, tl) = (
        inline_label(&input.from_label),
        inline_label(&input.to_label),
    );
    let title = t.fill(
        "chart.title_slope",
        &[("measure", &input.measure), ("from", &fl), ("to", &tl)],
    );
    let desc = input.summary.clone();
    let csv = csv_table(
        &["unit", "from_rank", "to_rank", "change"],
        input.rows.iter().map(|r| {
            let change = r.from.zip(r.to).map_or(String::new(), |(a, b)| {
                (i64::from(a) - i64::from(b)).to_string()
            });
            vec![r.name.clone(), csv_rank(r.from), csv_rank(r.to), change]
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
        attr, check_contract, csv_rows, elements, num, preview, real_table, texts,
    };
    use crate::text::Lang;

    /// The 2024 top five, bottom five and Ninh Thuận, with their 2023 ranks.
    fn input() -> SlopeInput {
        let (old, new) = (real_table("2023"), real_table("2024"));
        let mut rows: Vec<SlopeRow> = new
            .rows
            .iter()
            .filter(|r| r.rank.is_some_and(|k| k <= 5 || k >= 59) || r.name == "Ninh Thuận")
            .map(|r| SlopeRow {
                name: r.name.clone(),
                from: old
                    .rows
                    .iter()
                    .find(|o| o.name == r.name)
                    .and_then(|o| o.rank),
                to: r.rank,
            })
            .collect();
        rows.sort_by_key(|r| r.to);
        SlopeInput {
            summary: "Mô tả từ claims.".into(),
            id: "dti-slope".into(),
            measure: "DTI".into(),
            from_label: "2023".into(),
            to_label: "2024 (63 tỉnh)".into(),
            units: 63,
            rows,
        }
    }

    #[test]
    fn lines_ends_labels_and_colours() {
        let input = input();
        assert_eq!(input.rows.len(), 11);
        for lang in Lang::ALL {
            let chart = slope(&input, Strings::builtin(lang));
            check_contract(&chart, "dti-slope");
            preview(&format!("slope-{lang}"), &chart);
            let lines = elements(&chart.svg, "line", "slope");
            assert_eq!(lines.len(), 11);
            for l in &lines {
                let change: i64 = attr(l, "data-change").parse().unwrap();
                let want = match change.signum() {
                    1 => RISE,
                    -1 => FALL,
                    _ => MEAN,
                };
                assert_eq!(attr(l, "stroke"), want.hex(), "{l:?}");
                // Rank 1 on top: a riser's line goes up (smaller y) to the right.
                if change > 0 {
                    assert!(num(l, "y2") < num(l, "y1"));
                }
            }
            assert_eq!(elements(&chart.svg, "circle", "end").len(), 22);
            // Labels on each side are at least a line apart.
            for x_side in ["end", "start"] {
                let mut ys: Vec<f64> = elements(&chart.svg, "text", "label")
                    .iter()
                    .filter(|t| attr(t, "text-anchor") == x_side)
                    .map(|t| num(t, "y"))
                    .collect();
                ys.sort_by(f64::total_cmp);
                assert_eq!(ys.len(), 11);
                assert!(
                    ys.windows(2).all(|w| w[1] - w[0] >= f64::from(LINE)),
                    "{ys:?}"
                );
            }
            assert_eq!(csv_rows(&chart.csv).len(), 11);
        }
        let chart = slope(&input, Strings::builtin(Lang::Vi));
        assert!(
            texts(&chart.svg).iter().any(|t| t == "35 Ninh Thuận (+13)"),
            "{:?}",
            texts(&chart.svg)
        );
        assert_eq!(chart.desc, "Mô tả từ claims.");
        assert!(chart.csv.contains("Ninh Thuận,48,35,13\n"));
    }

    #[test]
    fn missing_rank_draws_one_end_only() {
        let input = SlopeInput {
            summary: "From claims.".into(),
            id: "s".into(),
            measure: "DTI".into(),
            from_label: "2020".into(),
            to_label: "2021".into(),
            units: 63,
            rows: vec![
                SlopeRow {
                    name: "A".into(),
                    from: Some(3),
                    to: Some(1),
                },
                SlopeRow {
                    name: "B".into(),
                    from: None,
                    to: Some(2),
                },
                SlopeRow {
                    name: "C".into(),
                    from: Some(1),
                    to: Some(9),
                },
            ],
        };
        let chart = slope(&input, Strings::builtin(Lang::En));
        check_contract(&chart, "s");
        assert_eq!(elements(&chart.svg, "line", "slope").len(), 2);
        assert_eq!(elements(&chart.svg, "circle", "end").len(), 5);
        assert_eq!(chart.desc, "From claims.");
        assert!(chart.csv.contains("B,,2,\n"));
    }
}
