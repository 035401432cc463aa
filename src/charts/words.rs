//! The words charts use in each language, the phrases their descriptions
//! share, and the CSV they ship with.
//!
//! Unit and indicator names come from the caller; only the chart's own
//! vocabulary (legend entries, axis titles, verbs of change) lives here, so a
//! chart says "Trung bình cả nước" or "National mean" without the caller
//! having to know.

use crate::text::{Lang, decimal, round_to};

/// The chart vocabulary of one language.
pub(crate) struct Words {
    /// Legend entry of the national mean.
    pub mean: &'static str,
    /// Legend entry of the min–max band.
    pub band: &'static str,
    /// Axis title of ranks.
    pub rank: &'static str,
    /// Legend entry of the median in box plots.
    pub median: &'static str,
    /// Shown where a value was not published.
    pub not_published: &'static str,
    /// Legend entry of a unit's neighbours in rank.
    pub neighbours: &'static str,
    /// Legend entry of the box from the first to the third quartile.
    pub middle_half: &'static str,
}

const VI: Words = Words {
    mean: "Trung bình cả nước",
    band: "Cao nhất – thấp nhất",
    rank: "Hạng",
    median: "Trung vị",
    not_published: "chưa công bố",
    neighbours: "Liền kề thứ hạng",
    middle_half: "Nửa giữa (tứ phân vị)",
};

const EN: Words = Words {
    mean: "National mean",
    band: "Highest – lowest",
    rank: "Rank",
    median: "Median",
    not_published: "not published",
    neighbours: "Rank neighbours",
    middle_half: "Middle half (quartiles)",
};

/// The vocabulary of `lang`.
pub(crate) fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
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

/// "tăng từ 0,3048 (2021) lên 0,7063 (2024)" and its English twin: how a
/// value moved between two labelled points.
pub(crate) fn value_move(
    (a, a_label): (f64, &str),
    (b, b_label): (f64, &str),
    places: usize,
    lang: Lang,
) -> String {
    let (x, y) = (decimal(a, places, lang), decimal(b, places, lang));
    let (la, lb) = (inline_label(a_label), inline_label(b_label));
    // Compare at the shown precision: equal-looking numbers are "unchanged".
    let key = |v: f64| round_to(v, places as u32);
    match (key(b).partial_cmp(&key(a)), lang) {
        (Some(std::cmp::Ordering::Greater), Lang::Vi) => {
            format!("tăng từ {x} ({la}) lên {y} ({lb})")
        }
        (Some(std::cmp::Ordering::Less), Lang::Vi) => {
            format!("giảm từ {x} ({la}) xuống {y} ({lb})")
        }
        (_, Lang::Vi) => format!("giữ nguyên ở {y} ({la} – {lb})"),
        (Some(std::cmp::Ordering::Greater), Lang::En) => {
            format!("rose from {x} ({la}) to {y} ({lb})")
        }
        (Some(std::cmp::Ordering::Less), Lang::En) => format!("fell from {x} ({la}) to {y} ({lb})"),
        (_, Lang::En) => format!("stayed at {y} ({la} – {lb})"),
    }
}

/// "hạng từ 53 lên 35" / "rank from 53 up to 35": a smaller rank number is
/// a better position, so it goes *up*.
pub(crate) fn rank_move(a: u32, b: u32, lang: Lang) -> String {
    match (b.cmp(&a), lang) {
        (std::cmp::Ordering::Less, Lang::Vi) => format!("hạng từ {a} lên {b}"),
        (std::cmp::Ordering::Greater, Lang::Vi) => format!("hạng từ {a} xuống {b}"),
        (std::cmp::Ordering::Equal, Lang::Vi) => format!("hạng giữ nguyên {b}"),
        (std::cmp::Ordering::Less, Lang::En) => format!("rank from {a} up to {b}"),
        (std::cmp::Ordering::Greater, Lang::En) => format!("rank from {a} down to {b}"),
        (std::cmp::Ordering::Equal, Lang::En) => format!("rank unchanged at {b}"),
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
    fn value_moves_table() {
        let rows: &[(f64, f64, Lang, &str)] = &[
            (
                0.3048,
                0.7063,
                Lang::Vi,
                "tăng từ 0,3048 (2021) lên 0,7063 (2024)",
            ),
            (
                0.3048,
                0.7063,
                Lang::En,
                "rose from 0.3048 (2021) to 0.7063 (2024)",
            ),
            (
                0.6552,
                0.5934,
                Lang::Vi,
                "giảm từ 0,6552 (2021) xuống 0,5934 (2024)",
            ),
            (
                0.6552,
                0.5934,
                Lang::En,
                "fell from 0.6552 (2021) to 0.5934 (2024)",
            ),
            (0.5, 0.50001, Lang::En, "stayed at 0.5000 (2021 – 2024)"),
        ];
        for &(a, b, lang, want) in rows {
            assert_eq!(value_move((a, "2021"), (b, "2024"), 4, lang), want);
        }
    }

    #[test]
    fn rank_moves_and_labels() {
        assert_eq!(rank_move(53, 35, Lang::Vi), "hạng từ 53 lên 35");
        assert_eq!(rank_move(27, 48, Lang::En), "rank from 27 down to 48");
        assert_eq!(rank_move(5, 5, Lang::Vi), "hạng giữ nguyên 5");
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
