//! Charts as accessible, self-contained SVG, drawn with plotters.
//!
//! Every chart is a pure function from plain data (labels as `String`,
//! values as `Option<f64>`, ranks as `Option<u32>`) and the theme's words
//! of one language ([`Strings`]) to a [`Chart`]: the SVG, the numbers behind it as CSV, a title and a one- or
//! two-sentence description generated from the data. Missing figures
//! (`None`, "not published") leave gaps; they are never drawn as zero.
//!
//! | function | shows |
//! |---|---|
//! | [`value_over_years`] | one unit's value by edition, national mean, min–max band |
//! | [`rank_over_years`] | one unit's rank by edition, rank 1 at the top |
//! | [`indicator_bars`] | one unit's main indicators in one edition vs the mean |
//! | [`radar`] | the same as a spider chart (each axis a `<line class="axis">`) |
//! | [`strip`] | one unit and its rank neighbours over the spread (quartiles, mean) of an edition |
//! | [`ranking_bars`] | every unit in rank order, coloured by region |
//! | [`distribution`] | box plot of the values per edition |
//! | [`slope`] | ranks of some units between two editions |
//!
//! Every number shown goes through [`crate::text::number`], so a Vietnamese
//! chart says "0,5934" and "44,6 %"; the CSV keeps machine format
//! ("0.5934"). Output is deterministic: ids come from the caller's `id`.
//!
//! Why pixels and not plotters' `ChartBuilder`: our labels need things its
//! meshes cannot do (edition labels on two lines, inverted rank axes, labels
//! dodged apart in slope charts), so each chart maps data to pixels with a
//! small linear `Scale` and draws plotters elements on the root area. The
//! shapes are written by plotters' SVG backend, with a `class` (and some
//! `data-*` attributes) naming what each one is, for stylesheets and tests:
//! `point` and `line` (the unit's marks), `mean`, `band`, `bar`, `axis`,
//! `dot`, `highlight`, `box`, `median`, `slope`, `end`, `label`, `grid`;
//! legends are `<g class="legend">`, radar spokes `<g class="axes">`.

mod axes;
mod backend;
mod bars;
mod beside;
mod canvas;
mod distribution;
mod history;
mod radar;
mod rank;
mod ranking;
mod slope;
mod strip;
#[cfg(test)]
mod testkit;
mod words;

pub use bars::{IndicatorBar, IndicatorBarsInput, indicator_bars};
pub use beside::Beside;
pub use canvas::{NARROW, WIDE, narrow};
pub use distribution::{DistributionInput, EditionValues, distribution};
pub use history::{HistoryInput, MarkWords, YearPoint, value_over_years};
pub use radar::{RadarAxis, RadarInput, radar};
pub use rank::rank_over_years;
pub use ranking::{RankingBarsInput, RankingRow, ranking_bars};
pub use slope::{SlopeInput, SlopeRow, slope};
pub use strip::{Spread, StripDot, StripInput, strip};

#[cfg(doc)]
use crate::text::Strings;
use plotters::style::RGBColor;

/// A drawn chart and everything a page needs to present it accessibly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chart {
    /// A standalone `<svg>` document: `role="img"`, `<title>` and `<desc>` as
    /// first children named by `aria-labelledby`, a `viewBox` and no fixed
    /// width or height, so it scales to its container.
    pub svg: String,
    /// The numbers drawn, as CSV with a header row and decimal points.
    pub csv: String,
    /// What the chart shows, in the chart's language (also its `<title>`).
    pub title: String,
    /// One or two sentences stating what the data says (also its `<desc>`).
    pub desc: String,
}

/// An sRGB colour of the site palette.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Colour(pub u8, pub u8, pub u8);

impl Colour {
    /// CSS notation, upper-case hex: `#0072B2`.
    pub fn hex(self) -> String {
        format!("#{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }

    /// The same colour as plotters wants it.
    pub(crate) fn rgb(self) -> RGBColor {
        RGBColor(self.0, self.1, self.2)
    }
}

/// The one palette of the site: Okabe–Ito, distinguishable with the common
/// colour-vision deficiencies. Blue is "this unit", grey the national mean
/// and the min–max band; the others mark regions and rises and falls.
pub const PALETTE: [Colour; 8] = [
    Colour(0x00, 0x72, 0xB2), // blue: the unit the chart is about
    Colour(0xE6, 0x9F, 0x00), // orange
    Colour(0x00, 0x9E, 0x73), // bluish green: rises
    Colour(0xCC, 0x79, 0xA7), // reddish purple
    Colour(0x56, 0xB4, 0xE9), // sky blue
    Colour(0xD5, 0x5E, 0x00), // vermillion: falls
    Colour(0xF0, 0xE4, 0x42), // yellow
    Colour(0x99, 0x99, 0x99), // grey: national mean, band
];

/// The unit a chart is about.
pub(crate) const UNIT: Colour = PALETTE[0];
/// The national mean and the min–max band.
pub(crate) const MEAN: Colour = PALETTE[7];
/// A rank that improved.
pub(crate) const RISE: Colour = PALETTE[2];
/// A rank that worsened.
pub(crate) const FALL: Colour = PALETTE[5];

/// Order in which regions take colours: blue is left for last because it
/// means "this unit" elsewhere, and yellow only after it, being the hardest
/// to see on white.
const REGION_ORDER: [usize; 7] = [1, 4, 2, 3, 5, 0, 6];

/// The colour of region number `index` (0-based, in the caller's order of
/// regions); repeats after seven regions.
pub fn region_colour(index: usize) -> Colour {
    PALETTE[REGION_ORDER[index % REGION_ORDER.len()]]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::testkit::check_contract;
    use crate::text::Lang;

    /// Every chart, on empty input and on names that need escaping, still
    /// meets the contract instead of panicking.
    #[test]
    fn degenerate_inputs_still_make_valid_charts() {
        let name = "A & B <\"C\">".to_owned();
        let id = || "odd id/1".to_owned();
        type Draw<'a> = Box<dyn Fn(Lang) -> Chart + 'a>;
        let charts: Vec<(&str, Draw)> = vec![
            (
                "value",
                Box::new(|l| {
                    value_over_years(
                        &HistoryInput {
                            id: id(),
                            unit: name.clone(),
                            ..Default::default()
                        },
                        crate::text::Strings::builtin(l),
                    )
                }),
            ),
            (
                "rank",
                Box::new(|l| {
                    rank_over_years(
                        &HistoryInput {
                            id: id(),
                            unit: name.clone(),
                            ..Default::default()
                        },
                        crate::text::Strings::builtin(l),
                    )
                }),
            ),
            (
                "bars",
                Box::new(|l| {
                    indicator_bars(
                        &IndicatorBarsInput {
                            summary: "Mô tả.".into(),
                            id: id(),
                            unit: name.clone(),
                            ..Default::default()
                        },
                        crate::text::Strings::builtin(l),
                    )
                }),
            ),
            (
                "radar",
                Box::new(|l| {
                    radar(
                        &RadarInput {
                            summary: "Mô tả.".into(),
                            id: id(),
                            unit: name.clone(),
                            ..Default::default()
                        },
                        crate::text::Strings::builtin(l),
                    )
                }),
            ),
            (
                "strip",
                Box::new(|l| {
                    strip(
                        &StripInput {
                            summary: "Mô tả.".into(),
                            id: id(),
                            highlight: Some(name.clone()),
                            ..Default::default()
                        },
                        crate::text::Strings::builtin(l),
                    )
                }),
            ),
            (
                "ranking",
                Box::new(|l| {
                    ranking_bars(
                        &RankingBarsInput {
                            id: id(),
                            measure: name.clone(),
                            ..Default::default()
                        },
                        crate::text::Strings::builtin(l),
                    )
                }),
            ),
            (
                "distribution",
                Box::new(|l| {
                    distribution(
                        &DistributionInput {
                            id: id(),
                            unit: Some(name.clone()),
                            ..Default::default()
                        },
                        crate::text::Strings::builtin(l),
                    )
                }),
            ),
            (
                "slope",
                Box::new(|l| {
                    slope(
                        &SlopeInput {
                            summary: "Mô tả.".into(),
                            id: id(),
                            measure: name.clone(),
                            ..Default::default()
                        },
                        crate::text::Strings::builtin(l),
                    )
                }),
            ),
        ];
        for (what, chart) in &charts {
            for lang in Lang::ALL {
                let chart = chart(lang);
                check_contract(&chart, "odd-id-1");
                assert!(
                    chart.svg.contains("A &amp; B &lt;&quot;C&quot;&gt;"),
                    "{what}"
                );
                assert!(
                    chart.csv.ends_with('\n'),
                    "{what}: CSV has at least its header"
                );
            }
        }
    }

    #[test]
    fn palette_hex_and_regions() {
        assert_eq!(PALETTE[0].hex(), "#0072B2");
        assert_eq!(MEAN.hex(), "#999999");
        let six: Vec<_> = (0..6).map(region_colour).collect();
        assert!(!six.contains(&MEAN), "grey is kept for the mean");
        assert!(
            !six.contains(&PALETTE[6]),
            "yellow only from the seventh region"
        );
        for (i, c) in six.iter().enumerate() {
            assert!(!six[..i].contains(c), "six regions, six colours");
        }
        assert_eq!(region_colour(7), region_colour(0));
    }
}
