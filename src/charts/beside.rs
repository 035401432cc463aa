//! A unit's figures in a second unit set, drawn beside its history ([`Beside`]).
//!
//! In 2024 the DTI was published twice: for the 63 provinces, and recomputed for the 34 formed
//! by the 2025 merger. A province's history runs in one set; its figure in the other set for the
//! same year is a different measurement (another unit, another field of rivals), not the next
//! step in time. So it is drawn beside the point of its year, as a separate square mark in its
//! own colour, named in the legend, labelled with its own rank "of N", and never joined to the
//! series by a line. Years stay proportional to time: both points share their year's slot.

use plotters::style::text_anchor::{HPos, VPos};

use super::axes::{LINE, split_label};
use super::canvas::{Canvas, INK, MUTED, TEXT, text_width};
use super::history::{LEFT, YearPoint, right, slot_x};
use super::{Colour, PALETTE};
use crate::text::{Lang, decimal, integer};

/// The colour of the other set's marks (orange: not the unit's blue, not the mean's grey).
pub(crate) const BESIDE: Colour = PALETTE[1];

/// The unit's figures in another unit set, input of the history charts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Beside {
    /// Its figures, one per edition of that set (their `label` names the edition).
    pub points: Vec<YearPoint>,
    /// How many units that set ranks (34): its ranks are labelled "23/34".
    pub units: u32,
    /// Legend entry of its marks, from the theme: "Quảng Ngãi, 2024 (34 tỉnh)".
    pub legend: String,
}

/// x of every point of the series and of the beside points. Proportional to time when every
/// year is known and the series' years increase: one slot per year from the first to the last
/// (a missing year leaves its slot empty); a year with a point in each set gives each half of
/// its slot. Otherwise evenly spaced slots, the beside points after the series.
pub(crate) fn layout(pts: &[YearPoint], beside: &[YearPoint]) -> (Vec<i32>, Vec<i32>) {
    let years: Vec<u16> = pts.iter().chain(beside).map(|p| p.year).collect();
    let timed = years.iter().all(|&y| y > 0) && pts.windows(2).all(|w| w[0].year < w[1].year);
    if !timed || years.is_empty() {
        let n = pts.len() + beside.len();
        let xs: Vec<i32> = (0..n).map(|i| slot_x(i, n)).collect();
        return (xs[..pts.len()].to_vec(), xs[pts.len()..].to_vec());
    }
    let first = *years.iter().min().expect("not empty");
    let span = usize::from(*years.iter().max().expect("not empty") - first) + 1;
    let centre = |y: u16| slot_x(usize::from(y - first), span);
    // A quarter slot either side of the year, at least far enough for two marks.
    let d = ((f64::from(right() - LEFT) / span as f64) / 4.0)
        .round()
        .max(8.0) as i32;
    let shared = |y: u16, other: &[YearPoint]| other.iter().any(|o| o.year == y);
    let main = pts
        .iter()
        .map(|p| centre(p.year) - if shared(p.year, beside) { d } else { 0 })
        .collect();
    let side = beside
        .iter()
        .map(|p| centre(p.year) + if shared(p.year, pts) { d } else { 0 })
        .collect();
    (main, side)
}

/// x of editions on a year axis proportional to time: one slot per year from the first to the
/// last (a year without an edition leaves its slot empty), editions of one year (two unit sets)
/// sharing their year's slot side by side, in the given order. Evenly spaced slots when a year
/// is unknown (0) or the years go backwards.
pub(crate) fn year_x(years: &[u16]) -> Vec<i32> {
    let timed = years.iter().all(|&y| y > 0) && years.windows(2).all(|w| w[0] <= w[1]);
    let (Some(&first), Some(&last), true) = (years.first(), years.last(), timed) else {
        return (0..years.len()).map(|i| slot_x(i, years.len())).collect();
    };
    let span = usize::from(last - first) + 1;
    let slot = f64::from(right() - LEFT) / span as f64;
    years
        .iter()
        .enumerate()
        .map(|(i, &y)| {
            let same = years.iter().filter(|&&o| o == y).count();
            let nth = years[..i].iter().filter(|&&o| o == y).count();
            let centre = slot_x(usize::from(y - first), span);
            let step = slot / same as f64;
            centre + (step * (nth as f64 - (same as f64 - 1.0) / 2.0)).round() as i32
        })
        .collect()
}

/// Whether two neighbouring edition labels would overlap on their second lines ("(63 tỉnh)"
/// beside "(34 tỉnh)" on a phone): then their second lines are staggered onto two lines, and
/// the chart leaves room for three lines of labels instead of two.
pub(crate) fn staggered(labels: &[String], xs: &[i32]) -> bool {
    let tail_width = |l: &String| split_label(l).1.map_or(0, |t| text_width(t, TEXT));
    labels
        .windows(2)
        .zip(xs.windows(2))
        .any(|(l, x)| (tail_width(&l[0]) + tail_width(&l[1])) / 2 + 4 > x[1] - x[0])
}

/// Draws edition labels centred under their x positions from `y` down, like
/// [`super::axes::edition_labels`], with the second lines of neighbouring labels on alternate
/// lines when `stagger` (see [`staggered`]).
pub(crate) fn edition_labels(
    canvas: &Canvas,
    labels: &[String],
    xs: &[i32],
    y: i32,
    stagger: bool,
) {
    canvas.tag("edition", &[]);
    for (i, (label, &x)) in labels.iter().zip(xs).enumerate() {
        let (head, tail) = split_label(label);
        canvas.text(head, (x, y), TEXT, (HPos::Center, VPos::Top), INK, false);
        if let Some(tail) = tail {
            let line = if stagger && i % 2 == 1 { 2 } else { 1 };
            canvas.text(
                tail,
                (x, y + line * LINE),
                TEXT,
                (HPos::Center, VPos::Top),
                MUTED,
                false,
            );
        }
    }
    canvas.untag();
}

/// Whether the series point of `year` with value `v` has its label below it because the other
/// set's point of that year is higher: the two labels go on opposite sides of the pair, so they
/// never meet. `None` when the year has no point in the other set.
pub(crate) fn value_label_below(b: &Beside, year: u16, v: f64) -> Option<bool> {
    let other = b.points.iter().find(|p| p.year == year)?.value?;
    Some(v < other)
}

/// The same for ranks (rank 1 at the top: a larger rank is drawn lower).
pub(crate) fn rank_label_below(b: &Beside, year: u16, r: u32) -> Option<bool> {
    let other = b.points.iter().find(|p| p.year == year)?.rank?;
    Some(r > other)
}

/// Draws the beside points of a value chart: a square each, its value on the side away from the
/// series point of the same year. `y` maps a value to pixels.
pub(crate) fn draw_values(
    canvas: &Canvas,
    b: &Beside,
    xs: &[i32],
    y: impl Fn(f64) -> i32,
    series: &[YearPoint],
    places: usize,
    lang: Lang,
) {
    for (p, &x) in b.points.iter().zip(xs) {
        let Some(v) = p.value else { continue };
        // Opposite to the series' label of that year (see `value_label_below`).
        let below = series
            .iter()
            .find(|s| s.year == p.year)
            .and_then(|s| s.value)
            .is_some_and(|s| v <= s);
        let label = decimal(v, places, lang);
        mark(
            canvas,
            p,
            (x, y(v)),
            &label,
            below,
            &[("value", &label_csv(v, places))],
        );
    }
}

/// Draws the beside points of a rank chart: a square each, labelled "23/34".
pub(crate) fn draw_ranks(
    canvas: &Canvas,
    b: &Beside,
    xs: &[i32],
    y: impl Fn(u32) -> i32,
    series: &[YearPoint],
    lang: Lang,
) {
    for (p, &x) in b.points.iter().zip(xs) {
        let Some(r) = p.rank else { continue };
        // Rank 1 is at the top: a worse (larger) rank than the series' is drawn lower.
        let below = series
            .iter()
            .find(|s| s.year == p.year)
            .and_then(|s| s.rank)
            .is_some_and(|s| r >= s);
        let label = format!(
            "{}/{}",
            integer(r.into(), lang),
            integer(b.units.into(), lang)
        );
        mark(
            canvas,
            p,
            (x, y(r)),
            &label,
            below,
            &[("rank", &r.to_string())],
        );
    }
}

fn label_csv(v: f64, places: usize) -> String {
    super::words::csv_number(Some(v), places)
}

/// One square mark with its label above or below it.
fn mark(
    canvas: &Canvas,
    p: &YearPoint,
    at: (i32, i32),
    label: &str,
    below: bool,
    data: &[(&str, &str)],
) {
    let mut attrs = vec![("edition", p.label.as_str())];
    attrs.extend_from_slice(data);
    canvas.tag("beside", &attrs);
    canvas.rect((at.0 - 6, at.1 - 6), (at.0 + 6, at.1 + 6), INK, 1.0);
    canvas.rect((at.0 - 5, at.1 - 5), (at.0 + 5, at.1 + 5), BESIDE, 1.0);
    canvas.untag();
    let (dy, vpos) = if below {
        (10, VPos::Top)
    } else {
        (-10, VPos::Bottom)
    };
    canvas.boxed_text(label, (at.0, at.1 + dy), (HPos::Center, vpos), INK, true);
}

/// Whether a chart has anything of another set to draw.
pub(crate) fn any(b: &Beside) -> bool {
    b.points
        .iter()
        .any(|p| p.value.is_some() || p.rank.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(year: u16) -> YearPoint {
        YearPoint {
            year,
            ..YearPoint::default()
        }
    }

    #[test]
    fn a_year_in_two_sets_shares_its_slot_and_gaps_stay_gaps() {
        // 2020, (no 2021), 2022, 2024 in one set; 2024 in another.
        let (main, side) = layout(&[at(2020), at(2022), at(2024)], &[at(2024)]);
        let year = f64::from(main[1] - main[0]) / 2.0;
        // The 2024 pair sits either side of 2024's slot centre, two years after 2022.
        let centre = f64::from(main[2] + side[0]) / 2.0;
        assert!(
            (centre - f64::from(main[1]) - 2.0 * year).abs() <= 1.0,
            "{main:?} {side:?}"
        );
        assert!(main[2] < side[0], "series left, other set right");
        // Boxes of one year in two sets share its slot, as points do.
        let boxes = year_x(&[2020, 2022, 2024, 2024]);
        assert_eq!(boxes[0], main[0]);
        assert!(
            (boxes[2] - main[2]).abs() <= 1 && (boxes[3] - side[0]).abs() <= 1,
            "{boxes:?}"
        );
        // Without a second set, points sit at their year.
        let (plain, none) = layout(&[at(2020), at(2022), at(2023)], &[]);
        assert!(none.is_empty());
        assert_eq!(plain[1] - plain[0], 2 * (plain[2] - plain[1]));
    }
}
