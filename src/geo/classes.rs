//! Class breaks and colours of a choropleth.
//!
//! Method: **quantiles rounded to nice numbers**. The breaks start at the 20 %, 40 %, 60 % and
//! 80 % quantiles (linear interpolation between order statistics), so each of the five colours
//! covers about a fifth of the units; this keeps a map of skewed values (one or two leaders far
//! ahead, as in the DTI) from painting almost everything one colour, which equal intervals do.
//! Each break is then rounded to a round decimal (at most a tenth of the value range: 0.01 for DTI
//! scores) so that the legend reads "0,62 – 0,65" rather than "0,6213 – 0,6498". A class
//! holds its lower bound and not its upper one. Classes that rounding leaves empty are merged,
//! and there are never more classes than distinct values.

use crate::text::{Lang, decimal, round_to};

/// The sequential palette, lightest to darkest: ColorBrewer "YlGnBu" (Cynthia Brewer, Apache
/// 2.0 licence), 5 classes, which ColorBrewer marks colour-blind safe and print friendly.
pub const PALETTE: [&str; 5] = ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"];

/// Which palette entries to use for fewer classes: spread out, so classes stay far apart.
const SUBSETS: [&[usize]; 5] = [&[2], &[1, 3], &[0, 2, 4], &[0, 1, 3, 4], &[0, 1, 2, 3, 4]];

/// Class breaks of a set of values: class `i` holds values from `breaks[i - 1]` (included) to
/// `breaks[i]` (excluded); the first class starts at the minimum, the last ends at the maximum.
#[derive(Clone, Debug, PartialEq)]
pub struct Classes {
    /// Inner breaks, ascending, each a round number at `places` decimals.
    pub breaks: Vec<f64>,
    /// The smallest value classified.
    pub min: f64,
    /// The largest value classified.
    pub max: f64,
    /// Decimals the breaks are rounded to and shown with.
    pub places: usize,
}

impl Classes {
    /// Number of classes (1 to 5).
    pub fn count(&self) -> usize {
        self.breaks.len() + 1
    }

    /// The class (0-based) of a value.
    pub fn class_of(&self, value: f64) -> usize {
        self.breaks.iter().take_while(|&&b| value >= b).count()
    }

    /// The fill colour of a class.
    pub fn colour(&self, class: usize) -> &'static str {
        let subset = SUBSETS[self.count().clamp(1, PALETTE.len()) - 1];
        PALETTE[subset[class.min(subset.len() - 1)]]
    }

    /// The legend text of a class, "0,62 – 0,65" (vi) or "0.62 – 0.65" (en): its lower and
    /// upper break, with the minimum rounded down and the maximum rounded up at the outer ends.
    pub fn label(&self, class: usize, lang: Lang) -> String {
        let factor = 10f64.powi(self.places as i32);
        // The epsilon keeps 0.51 × 100 = 51.000000000000007 from flooring to 50.99.
        let low = match class {
            0 => (self.min * factor + 1e-9).floor() / factor,
            _ => self.breaks[class - 1],
        };
        let high = match self.breaks.get(class) {
            Some(&b) => b,
            None => (self.max * factor - 1e-9).ceil() / factor,
        };
        format!(
            "{} – {}",
            decimal(low, self.places, lang),
            decimal(high, self.places, lang)
        )
    }
}

/// Computes up to `max_classes` (at most 5) quantile classes with nice breaks, as described in
/// the module documentation; `None` when there is no finite value.
pub fn class_breaks(values: &[f64], max_classes: usize) -> Option<Classes> {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    sorted.sort_by(f64::total_cmp);
    let (&min, &max) = (sorted.first()?, sorted.last()?);
    let mut distinct = sorted.clone();
    distinct.dedup();
    let k = max_classes.clamp(1, PALETTE.len()).min(distinct.len());
    let range = max - min;
    // At least ten round steps across the range: 0.01 for a range of 0.1 to 1.
    let places = if range > 0.0 {
        (-(range / 10.0).log10()).ceil().clamp(0.0, 6.0) as usize
    } else {
        0
    };
    let mut breaks: Vec<f64> = (1..k)
        .map(|i| round_to(quantile(&sorted, i as f64 / k as f64), places as u32))
        .filter(|&b| b > min && b <= max)
        .collect();
    breaks.dedup();
    // Rounding can leave a class empty; drop the break that opens it.
    while let Some(i) = (0..breaks.len()).find(|&i| {
        let high = breaks.get(i + 1).copied().unwrap_or(f64::INFINITY);
        !sorted.iter().any(|&v| v >= breaks[i] && v < high)
    }) {
        breaks.remove(i);
    }
    Some(Classes {
        breaks,
        min,
        max,
        places,
    })
}

/// The `p` quantile of sorted values, interpolating linearly between order statistics.
fn quantile(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let low = h.floor() as usize;
    let high = (low + 1).min(sorted.len() - 1);
    sorted[low] + (h - low as f64) * (sorted[high] - sorted[low])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantile_breaks_are_rounded_and_split_evenly() {
        // 0.50, 0.51, … 0.69: twenty values, range 0.19 → breaks at 2 decimals.
        let values: Vec<f64> = (0..20).map(|i| 0.5 + f64::from(i) / 100.0).collect();
        let c = class_breaks(&values, 5).unwrap();
        assert_eq!(c.places, 2);
        assert_eq!(c.breaks, vec![0.54, 0.58, 0.61, 0.65]);
        let counts: Vec<usize> = (0..5)
            .map(|k| values.iter().filter(|&&v| c.class_of(v) == k).count())
            .collect();
        assert_eq!(counts, vec![4, 4, 3, 4, 5]);
    }

    #[test]
    fn labels_use_the_page_language() {
        let c = Classes {
            breaks: vec![0.62, 0.65],
            min: 0.5497,
            max: 0.834,
            places: 2,
        };
        assert_eq!(c.label(0, Lang::Vi), "0,54 – 0,62");
        assert_eq!(c.label(1, Lang::Vi), "0,62 – 0,65");
        assert_eq!(c.label(2, Lang::Vi), "0,65 – 0,84");
        assert_eq!(c.label(2, Lang::En), "0.65 – 0.84");
    }

    #[test]
    fn a_break_value_belongs_to_the_upper_class() {
        let c = Classes {
            breaks: vec![0.6],
            min: 0.5,
            max: 0.7,
            places: 1,
        };
        assert_eq!(c.class_of(0.5999), 0);
        assert_eq!(c.class_of(0.6), 1);
    }

    #[test]
    fn few_distinct_values_give_few_classes() {
        assert_eq!(class_breaks(&[0.3, 0.3, 0.3], 5).unwrap().count(), 1);
        let two = class_breaks(&[0.3, 0.3, 0.7, 0.7], 5).unwrap();
        assert_eq!(two.count(), 2);
        assert_ne!(two.colour(0), two.colour(1));
        assert!(class_breaks(&[], 5).is_none());
        assert!(class_breaks(&[f64::NAN], 5).is_none());
    }

    #[test]
    fn palette_runs_light_to_dark() {
        let luminance = |hex: &str| {
            let v = u32::from_str_radix(&hex[1..], 16).unwrap();
            let (r, g, b) = (v >> 16, (v >> 8) & 0xff, v & 0xff);
            299 * r + 587 * g + 114 * b
        };
        assert!(
            PALETTE
                .windows(2)
                .all(|w| luminance(w[0]) > luminance(w[1]))
        );
    }
}
