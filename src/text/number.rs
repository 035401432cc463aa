//! Language-aware number formatting for published index values.
//!
//! Vietnamese writes "1.234,5" where English writes "1,234.5"; both pages
//! of the site are generated from the same data, so every number shown to
//! readers goes through these functions. Rounding is exact decimal
//! rounding, half away from zero (see [`round_to`]), so a score printed
//! here always matches the figure in the official report. Negative values
//! use the true minus sign "−" (U+2212), which lines up with "+" in tables.
//!
//! Non-finite inputs are not expected in published data; rather than
//! panic, they render as "NaN", "∞" and "−∞".

use std::fmt;

pub use super::parse::parse_decimal;
use super::round::Rounded;
pub use super::round::{key_at, round_to};

/// The true minus sign, U+2212.
const MINUS: char = '\u{2212}';

/// A language the site is published in.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Vietnamese: decimal comma, dot for thousands, "44,6 %".
    Vi,
    /// English: decimal point, comma for thousands, "44.6%".
    En,
}

impl Lang {
    /// Every published language, Vietnamese (the primary one) first.
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    /// The BCP 47 language code: "vi" or "en".
    pub const fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// Separator between the integer and fraction digits.
    const fn decimal_sep(self) -> char {
        match self {
            Lang::Vi => ',',
            Lang::En => '.',
        }
    }

    /// Separator between groups of three integer digits.
    const fn group_sep(self) -> char {
        match self {
            Lang::Vi => '.',
            Lang::En => ',',
        }
    }

    /// What goes between a number and "%": Vietnamese typography puts a
    /// space there, and a no-break one keeps "%" from wrapping alone.
    const fn percent_suffix(self) -> &'static str {
        match self {
            Lang::Vi => "\u{a0}%",
            Lang::En => "%",
        }
    }
}

impl fmt::Display for Lang {
    /// Writes the language code, as in [`Lang::code`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Whether a formatted number carries "+" for positive values.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sign {
    /// Only negative values get a sign.
    Auto,
    /// Non-zero values always get "+" or "−".
    Always,
}

/// Pushes `digits` (ASCII, no sign) onto `out` with thousands grouping.
fn push_grouped(out: &mut String, digits: &str, sep: char) {
    let len = digits.len();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(d);
    }
}

/// Formats `x` at `places` decimals with the sign policy, no unit.
fn format_decimal(x: f64, places: usize, lang: Lang, sign: Sign) -> String {
    if x.is_nan() {
        return "NaN".to_owned();
    }
    if x.is_infinite() {
        return match (x > 0.0, sign) {
            (true, Sign::Auto) => "∞".to_owned(),
            (true, Sign::Always) => "+∞".to_owned(),
            (false, _) => format!("{MINUS}∞"),
        };
    }
    let r = Rounded::new(x, places);
    let mut out = String::with_capacity(r.int.len() * 4 / 3 + places + 4);
    if r.negative {
        out.push(MINUS);
    } else if sign == Sign::Always && !r.is_zero() {
        out.push('+');
    }
    push_grouped(&mut out, &r.int, lang.group_sep());
    if !r.frac.is_empty() {
        out.push(lang.decimal_sep());
        out.push_str(&r.frac);
    }
    out
}

/// Formats `x` with exactly `places` decimals: vi "1.234,5934", en
/// "1,234.5934", negatives with "−". A value that rounds to zero is shown
/// unsigned ("0,0000").
pub fn decimal(x: f64, places: usize, lang: Lang) -> String {
    format_decimal(x, places, lang, Sign::Auto)
}

/// Like [`decimal`] but always signed: "+0,2886", "−0,0123"; zero, and
/// any value that rounds to zero, stays unsigned ("0,0000").
pub fn signed_decimal(x: f64, places: usize, lang: Lang) -> String {
    format_decimal(x, places, lang, Sign::Always)
}

/// Formats a value already in percent units: 44.6 → vi "44,6 %" (with a
/// no-break space before "%"), en "44.6%".
pub fn percent(x: f64, places: usize, lang: Lang) -> String {
    format_decimal(x, places, lang, Sign::Auto) + lang.percent_suffix()
}

/// Like [`percent`] but always signed: "+44,6 %", "−1,2 %"; zero stays
/// unsigned ("0,0 %").
pub fn signed_percent(x: f64, places: usize, lang: Lang) -> String {
    format_decimal(x, places, lang, Sign::Always) + lang.percent_suffix()
}

/// Formats an integer with thousands grouping: vi "1.234", en "1,234",
/// negatives with "−".
pub fn integer(n: i64, lang: Lang) -> String {
    let mut out = String::new();
    if n < 0 {
        out.push(MINUS);
    }
    // unsigned_abs: i64::MIN has no positive counterpart.
    push_grouped(&mut out, &n.unsigned_abs().to_string(), lang.group_sep());
    out
}

/// Formats a change in rank position: "+13", "−21", "0".
pub fn rank_change(places: i64, lang: Lang) -> String {
    let body = integer(places, lang);
    if places > 0 { format!("+{body}") } else { body }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde::de::IntoDeserializer;
    use serde::de::value::{Error as DeError, StrDeserializer};

    /// (x, places, vi, en) rows shared by the formatting tests.
    type Row = (f64, usize, &'static str, &'static str);

    fn check(f: fn(f64, usize, Lang) -> String, name: &str, rows: &[Row]) {
        for &(x, places, vi, en) in rows {
            assert_eq!(f(x, places, Lang::Vi), vi, "{name}({x}, {places}, Vi)");
            assert_eq!(f(x, places, Lang::En), en, "{name}({x}, {places}, En)");
        }
    }

    #[test]
    fn decimal_table() {
        check(
            decimal,
            "decimal",
            &[
                (0.5934, 4, "0,5934", "0.5934"),
                (0.30485, 4, "0,3049", "0.3049"),
                (0.59345, 4, "0,5935", "0.5935"),
                (1234.5, 1, "1.234,5", "1,234.5"),
                (1234567.891, 2, "1.234.567,89", "1,234,567.89"),
                (123.0, 0, "123", "123"),
                (999.96, 1, "1.000,0", "1,000.0"),
                (-0.0123, 4, "\u{2212}0,0123", "\u{2212}0.0123"),
                (-1234.5, 1, "\u{2212}1.234,5", "\u{2212}1,234.5"),
                (-0.00004, 4, "0,0000", "0.0000"),
                (-0.0, 2, "0,00", "0.00"),
                (0.5, 0, "1", "1"),
                (-0.5, 0, "\u{2212}1", "\u{2212}1"),
                (f64::NAN, 2, "NaN", "NaN"),
                (f64::INFINITY, 2, "∞", "∞"),
                (f64::NEG_INFINITY, 2, "\u{2212}∞", "\u{2212}∞"),
            ],
        );
    }

    #[test]
    fn signed_decimal_table() {
        check(
            signed_decimal,
            "signed_decimal",
            &[
                (0.2886, 4, "+0,2886", "+0.2886"),
                (-0.0123, 4, "\u{2212}0,0123", "\u{2212}0.0123"),
                (0.0, 4, "0,0000", "0.0000"),
                (-0.0, 4, "0,0000", "0.0000"),
                (0.00004, 4, "0,0000", "0.0000"),
                (-0.00004, 4, "0,0000", "0.0000"),
                (0.00005, 4, "+0,0001", "+0.0001"),
                (1500.25, 1, "+1.500,3", "+1,500.3"),
                (f64::INFINITY, 0, "+∞", "+∞"),
            ],
        );
    }

    #[test]
    fn percent_table() {
        check(
            percent,
            "percent",
            &[
                (44.6, 1, "44,6\u{a0}%", "44.6%"),
                (44.65, 1, "44,7\u{a0}%", "44.7%"),
                (100.0, 0, "100\u{a0}%", "100%"),
                (0.0, 1, "0,0\u{a0}%", "0.0%"),
                (-3.25, 2, "\u{2212}3,25\u{a0}%", "\u{2212}3.25%"),
                (1234.5, 1, "1.234,5\u{a0}%", "1,234.5%"),
            ],
        );
    }

    #[test]
    fn signed_percent_table() {
        check(
            signed_percent,
            "signed_percent",
            &[
                (44.6, 1, "+44,6\u{a0}%", "+44.6%"),
                (-1.2, 1, "\u{2212}1,2\u{a0}%", "\u{2212}1.2%"),
                (0.0, 1, "0,0\u{a0}%", "0.0%"),
                (0.04, 1, "0,0\u{a0}%", "0.0%"),
                (-0.04, 1, "0,0\u{a0}%", "0.0%"),
            ],
        );
    }

    #[test]
    fn integer_and_rank_change_table() {
        // (n, integer vi, integer en, rank_change vi, rank_change en)
        let rows: &[(i64, &str, &str, &str, &str)] = &[
            (0, "0", "0", "0", "0"),
            (13, "13", "13", "+13", "+13"),
            (-21, "\u{2212}21", "\u{2212}21", "\u{2212}21", "\u{2212}21"),
            (999, "999", "999", "+999", "+999"),
            (1234, "1.234", "1,234", "+1.234", "+1,234"),
            (
                -1_234_567,
                "\u{2212}1.234.567",
                "\u{2212}1,234,567",
                "\u{2212}1.234.567",
                "\u{2212}1,234,567",
            ),
            (
                i64::MIN,
                "\u{2212}9.223.372.036.854.775.808",
                "\u{2212}9,223,372,036,854,775,808",
                "\u{2212}9.223.372.036.854.775.808",
                "\u{2212}9,223,372,036,854,775,808",
            ),
        ];
        for &(n, int_vi, int_en, rc_vi, rc_en) in rows {
            assert_eq!(integer(n, Lang::Vi), int_vi, "integer({n}, Vi)");
            assert_eq!(integer(n, Lang::En), int_en, "integer({n}, En)");
            assert_eq!(rank_change(n, Lang::Vi), rc_vi, "rank_change({n}, Vi)");
            assert_eq!(rank_change(n, Lang::En), rc_en, "rank_change({n}, En)");
        }
    }

    #[test]
    fn lang_codes_and_serde() {
        let rows: &[(Lang, &str)] = &[(Lang::Vi, "vi"), (Lang::En, "en")];
        assert_eq!(Lang::ALL.len(), rows.len());
        for &(lang, code) in rows {
            assert_eq!(lang.code(), code);
            assert_eq!(lang.to_string(), code);
            let de: StrDeserializer<'_, DeError> = code.into_deserializer();
            assert_eq!(Lang::deserialize(de), Ok(lang));
        }
        let de: StrDeserializer<'_, DeError> = "Vi".into_deserializer();
        assert!(Lang::deserialize(de).is_err(), "codes are lower case only");
    }
}
