//! Exact decimal rounding of `f64` values at a published precision.
//!
//! Index scores are published with a fixed number of decimals, and a value
//! such as 0.30485 must round to 0.3049 as a reader would do it on paper —
//! even though the nearest binary double is 0.304849999…. Scaling by 10^n
//! and calling `f64::round` gets such cases wrong, so rounding here works on
//! the *shortest decimal representation* of the double (what `{}` prints,
//! which round-trips exactly) and rounds that digit string half away from
//! zero. Everything in this file is integer/string arithmetic and therefore
//! deterministic across platforms.

/// A finite value rounded to a fixed number of decimal places, kept as
/// decimal digit strings so that no binary rounding can creep back in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Rounded {
    /// True when the rounded value is strictly negative (never for zero).
    pub(crate) negative: bool,
    /// Integer digits without leading zeros ("0" for values below one).
    pub(crate) int: String,
    /// Exactly `places` fraction digits.
    pub(crate) frac: String,
}

impl Rounded {
    /// Rounds a finite `x` to `places` decimals, half away from zero.
    ///
    /// Callers must handle NaN and infinities before calling; they have no
    /// digit string to round.
    pub(crate) fn new(x: f64, places: usize) -> Rounded {
        debug_assert!(x.is_finite(), "Rounded::new needs a finite value");
        // `Display` for f64 never uses exponent notation and prints the
        // shortest digits that round-trip, which is the "human" value.
        let repr = format!("{}", x.abs());
        let (int_src, frac_src) = repr.split_once('.').unwrap_or((&repr, ""));

        let mut digits: Vec<u8> = int_src.bytes().collect();
        digits.extend(frac_src.bytes().chain(std::iter::repeat(b'0')).take(places));
        // Only the first dropped digit decides: ≥ 5 means at least half a
        // unit, and exactly half goes away from zero too.
        if frac_src.as_bytes().get(places).is_some_and(|&d| d >= b'5') {
            let mut carry = true;
            for d in digits.iter_mut().rev() {
                if *d == b'9' {
                    *d = b'0';
                } else {
                    *d += 1;
                    carry = false;
                    break;
                }
            }
            if carry {
                digits.insert(0, b'1');
            }
        }

        let split = digits.len() - places;
        let frac = String::from_utf8_lossy(&digits[split..]).into_owned();
        let int_raw = String::from_utf8_lossy(&digits[..split]);
        let int = match int_raw.trim_start_matches('0') {
            "" => "0".to_owned(),
            trimmed => trimmed.to_owned(),
        };
        let is_zero = int == "0" && frac.bytes().all(|d| d == b'0');
        // A value that rounds to zero loses its sign: "−0,0000" helps no one.
        Rounded {
            negative: x.is_sign_negative() && !is_zero,
            int,
            frac,
        }
    }

    /// True when every digit is zero.
    pub(crate) fn is_zero(&self) -> bool {
        self.int == "0" && self.frac.bytes().all(|d| d == b'0')
    }

    /// The value as a plain ASCII decimal ("-12.340"), suitable for `parse`.
    fn to_ascii(&self) -> String {
        let sign = if self.negative { "-" } else { "" };
        if self.frac.is_empty() {
            format!("{sign}{}", self.int)
        } else {
            format!("{sign}{}.{}", self.int, self.frac)
        }
    }
}

/// Rounds `x` to `places` decimals, half away from zero on its decimal
/// representation, and returns the nearest double to that decimal.
///
/// Use it to compare values at published precision: `round_to(0.63499999,
/// 4) == round_to(0.6350, 4)`. Negative values that round to zero give
/// `0.0` (not `-0.0`). NaN and infinities are returned unchanged.
pub fn round_to(x: f64, places: u32) -> f64 {
    if !x.is_finite() {
        return x;
    }
    let rounded = Rounded::new(x, places as usize);
    // The string is digits, a dot and an optional '-', so parsing cannot
    // fail; the fallback only keeps this function total.
    rounded.to_ascii().parse().unwrap_or(x)
}

/// Returns `x × 10^places` rounded half away from zero, as an integer key.
///
/// Two values are equal at published precision exactly when their keys are
/// equal, and keys order like the rounded values, so they can be used for
/// ties in rankings or as map keys without float equality. Conversion
/// saturates like Rust's `as` cast: values beyond the `i64` range give
/// `i64::MAX`/`i64::MIN`, infinities likewise, and NaN gives 0 — check
/// `is_finite` first where a missing value must not look like zero.
pub fn key_at(x: f64, places: u32) -> i64 {
    if x.is_nan() {
        return 0;
    }
    if x.is_infinite() {
        return if x > 0.0 { i64::MAX } else { i64::MIN };
    }
    let rounded = Rounded::new(x, places as usize);
    let magnitude = rounded
        .int
        .bytes()
        .chain(rounded.frac.bytes())
        .try_fold(0i128, |acc, d| {
            acc.checked_mul(10)?.checked_add(i128::from(d - b'0'))
        });
    let saturated = if rounded.negative { i64::MIN } else { i64::MAX };
    match magnitude {
        Some(m) => {
            let signed = if rounded.negative { -m } else { m };
            i64::try_from(signed).unwrap_or(saturated)
        }
        None => saturated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounded_digits_table() {
        // (x, places, negative, int, frac)
        let cases: &[(f64, usize, bool, &str, &str)] = &[
            (0.30485, 4, false, "0", "3049"),
            (0.5934, 4, false, "0", "5934"),
            (0.59345, 4, false, "0", "5935"),
            (1.005, 2, false, "1", "01"),
            (2.675, 2, false, "2", "68"),
            (1.0049999, 2, false, "1", "00"),
            (-0.30485, 4, true, "0", "3049"),
            (-2.5, 0, true, "3", ""),
            (2.5, 0, false, "3", ""),
            (0.5, 0, false, "1", ""),
            (0.4999, 0, false, "0", ""),
            (9.9996, 3, false, "10", "000"),
            (999.95, 1, false, "1000", "0"),
            (0.1, 20, false, "0", "10000000000000000000"),
            (1234.5, 1, false, "1234", "5"),
            (1e21, 0, false, "1000000000000000000000", ""),
            (1e-7, 4, false, "0", "0000"),
            (-0.00004, 4, false, "0", "0000"),
            (-0.00005, 4, true, "0", "0001"),
            (-0.0, 2, false, "0", "00"),
            (0.0, 0, false, "0", ""),
            (44.6, 1, false, "44", "6"),
            (44.65, 1, false, "44", "7"),
        ];
        for &(x, places, negative, int, frac) in cases {
            let want = Rounded {
                negative,
                int: int.to_owned(),
                frac: frac.to_owned(),
            };
            assert_eq!(Rounded::new(x, places), want, "Rounded::new({x}, {places})");
        }
    }

    #[test]
    fn round_to_table() {
        let cases: &[(f64, u32, f64)] = &[
            (0.63499999, 4, 0.635),
            (0.6350, 4, 0.635),
            (0.30485, 4, 0.3049),
            (1.005, 2, 1.01),
            (-1.005, 2, -1.01),
            (2.5, 0, 3.0),
            (-2.5, 0, -3.0),
            (123.456, 1, 123.5),
            (0.1 + 0.2, 4, 0.3),
            (-0.00001, 4, 0.0),
        ];
        for &(x, places, want) in cases {
            let got = round_to(x, places);
            assert_eq!(
                got.to_bits(),
                want.to_bits(),
                "round_to({x}, {places}) = {got}"
            );
        }
        assert!(round_to(f64::NAN, 2).is_nan());
        assert_eq!(round_to(f64::INFINITY, 2), f64::INFINITY);
        assert_eq!(round_to(f64::NEG_INFINITY, 2), f64::NEG_INFINITY);
    }

    #[test]
    fn key_at_table() {
        let cases: &[(f64, u32, i64)] = &[
            (0.63499999, 4, 6350),
            (0.6350, 4, 6350),
            (0.30485, 4, 3049),
            (-0.30485, 4, -3049),
            (0.1 + 0.2, 4, 3000),
            (44.6, 1, 446),
            (12.0, 0, 12),
            (-0.00004, 4, 0),
            (0.0, 4, 0),
            (9.22e18, 0, 9_220_000_000_000_000_000),
            (1e19, 0, i64::MAX),
            (-1e19, 0, i64::MIN),
            (1.0, 30, i64::MAX),
            (f64::INFINITY, 2, i64::MAX),
            (f64::NEG_INFINITY, 2, i64::MIN),
            (f64::NAN, 2, 0),
        ];
        for &(x, places, want) in cases {
            assert_eq!(key_at(x, places), want, "key_at({x}, {places})");
        }
    }

    #[test]
    fn keys_agree_with_round_to() {
        // Equal keys ⇔ equal rounded values, over a grid that crosses
        // many half-way points.
        let values: Vec<f64> = (0..2000).map(|i| f64::from(i) * 0.000_05 - 0.05).collect();
        // Round once per value; the pairwise check is then cheap.
        let rounded: Vec<(i64, f64)> = values
            .iter()
            .map(|&x| (key_at(x, 4), round_to(x, 4)))
            .collect();
        for (&a, &(ka, ra)) in values.iter().zip(&rounded) {
            for (&b, &(kb, rb)) in values.iter().zip(&rounded) {
                assert_eq!(ka.cmp(&kb), ra.partial_cmp(&rb).unwrap(), "{a} vs {b}");
            }
        }
    }
}
