//! The words charts use, the phrases their descriptions share, and the CSV they ship with.
//!
//! Unit and indicator names come from the caller; the chart's own vocabulary (legend entries,
//! axis titles, titles) comes from the theme's `[chart]` strings
//! (`themes/default/i18n/{vi,en}.toml`), so a chart says "Trung bình cả nước" or
//! "National mean" without the caller having to know, and a site may reword it.

use crate::text::{Strings, round_to};

/// The chart vocabulary of one language, read from the theme's `[chart]` table.
pub(crate) struct Words<'a> {
    /// Legend entry of the national mean.
    pub mean: &'a str,
    /// Legend entry of the min–max band.
    pub band: &'a str,
    /// Axis title of ranks.
    pub rank: &'a str,
    /// Legend entry of the median in box plots.
    pub median: &'a str,
    /// Shown where a value was not published.
    pub not_published: &'a str,
    /// Legend entry of a unit's neighbours in rank.
    pub neighbours: &'a str,
    /// Legend entry of the box from the first to the third quartile.
    pub middle_half: &'a str,
}

/// The chart vocabulary of `t`'s language.
pub(crate) fn words(t: &Strings) -> Words<'_> {
    Words {
        mean: t.get("chart.mean"),
        band: t.get("chart.band"),
        rank: t.get("chart.rank"),
        median: t.get("chart.median"),
        not_published: t.get("chart.not_published"),
        neighbours: t.get("chart.neighbours"),
        middle_half: t.get("chart.middle_half"),
    }
}

/// An edition label fit to stand inside parentheses in a sentence:
/// "2024 (63 tỉnh)" → "2024, 63 tỉnh", so descriptions never nest brackets.
pub(crate) fn inline_label(label: &str) -> String {
    match label.split_once(" (") {
        Some((head, rest)) => format!("{head}, {}", rest.trim_end_matches(')')),
        None => label.to_owned(),
    }
}

/// A value for the CSV: machine format (decimal point, no grouping),
/// rounded to the published precision; empty when not published.
pub(crate) fn csv_number(value: Option<f64>, places: usize) -> String {
    value.map_or_else(String::new, |v| round_to(v, places as u32).to_string())
}

/// A rank for the CSV; empty when not published.
pub(crate) fn csv_rank(rank: Option<u32>) -> String {
    rank.map_or_else(String::new, |r| r.to_string())
}

/// CSV text with a header row; fields are quoted where they need it
/// (province names may hold commas).
pub(crate) fn csv_table(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    // Writing records into a Vec cannot fail.
    out.write_record(header).expect("in-memory CSV");
    for row in rows {
        out.write_record(&row).expect("in-memory CSV");
    }
    let bytes = out.into_inner().expect("in-memory CSV");
    String::from_utf8(bytes).expect("CSV of UTF-8 strings is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_fit_in_sentences() {
        assert_eq!(inline_label("2024 (63 tỉnh)"), "2024, 63 tỉnh");
        assert_eq!(inline_label("2023"), "2023");
    }

    #[test]
    fn csv_is_machine_format_and_quoted() {
        let csv = csv_table(
            &["unit", "value", "rank"],
            [vec![
                "Bà Rịa, Vũng Tàu".into(),
                csv_number(Some(0.70625), 4),
                csv_rank(None),
            ]],
        );
        assert_eq!(csv, "unit,value,rank\n\"Bà Rịa, Vũng Tàu\",0.7063,\n");
    }
}
