//! Parsing decimals written the Vietnamese or the English way.
//!
//! Source spreadsheets mix "0,5934" (Vietnamese decimal comma) and "0.5934",
//! sometimes with thousands grouping ("1.234,5" / "1,234.5"). The parser
//! below accepts exactly those shapes and nothing looser: a malformed cell
//! must surface as an error upstream rather than become a wrong number.

/// Parses a decimal number written with either decimal separator.
///
/// Accepted, after trimming surrounding whitespace:
/// - an optional sign: `+`, `-` or the true minus `−` (U+2212);
/// - ASCII digits, optionally with one decimal separator, `.` or `,`
///   ("0.5934", "0,5934"); a *lone* separator is always the decimal one,
///   so "1,234" is 1.234, not 1234;
/// - when both `.` and `,` occur, the last one to appear is the decimal
///   separator and must occur once; the other is a thousands separator and
///   must group the integer part correctly ("1.234,5" and "1,234.5" are
///   both 1234.5);
/// - a separator repeated with no other kind present is a thousands
///   separator of an integer ("1.234.567" is 1234567).
///
/// Rejected: empty input, letters (so "NaN" and "inf" too), inner spaces,
/// a separator without digits on both sides (".5", "5."), and bad grouping
/// such as "1,234,5" or "12,34.5". The digits are converted by the standard
/// library's correctly rounded parser, so the result is the double nearest
/// to the written decimal.
pub fn parse_decimal(s: &str) -> Option<f64> {
    let t = s.trim();
    let (negative, body) = if let Some(rest) = t.strip_prefix('+') {
        (false, rest)
    } else if let Some(rest) = t.strip_prefix('-').or_else(|| t.strip_prefix('\u{2212}')) {
        (true, rest)
    } else {
        (false, t)
    };
    if body.is_empty()
        || !body
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return None;
    }

    let dots = body.matches('.').count();
    let commas = body.matches(',').count();
    let (int, frac) = match (dots, commas) {
        (0, 0) => (body.to_owned(), None),
        // A lone separator of either kind is the decimal separator.
        (1, 0) | (0, 1) => {
            let (int, frac) = body.split_once(['.', ','])?;
            (int.to_owned(), Some(frac))
        }
        // One kind, repeated: a grouped integer.
        (_, 0) => (ungroup(body, '.')?, None),
        (0, _) => (ungroup(body, ',')?, None),
        // Both kinds: whichever comes last separates the decimals.
        _ => {
            let (decimal, group) = if body.rfind('.') > body.rfind(',') {
                ('.', ',')
            } else {
                (',', '.')
            };
            let (int, frac) = body.rsplit_once(decimal)?;
            if int.contains(decimal) {
                return None;
            }
            (ungroup(int, group)?, Some(frac))
        }
    };

    // Every remaining part must be pure digits (no stray separator) and
    // a decimal separator needs digits on both sides.
    let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(&int) || frac.is_some_and(|f| !all_digits(f)) {
        return None;
    }
    let plain = match frac {
        Some(f) => format!("{int}.{f}"),
        None => int,
    };
    let value: f64 = plain.parse().ok()?;
    Some(if negative { -value } else { value })
}

/// Removes thousands separators from an integer part, checking that the
/// first group has 1–3 digits and every later group exactly 3.
fn ungroup(int: &str, sep: char) -> Option<String> {
    let mut groups = int.split(sep);
    let first = groups.next()?;
    if !(1..=3).contains(&first.len()) {
        return None;
    }
    let mut out = first.to_owned();
    for g in groups {
        if g.len() != 3 {
            return None;
        }
        out.push_str(g);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_table() {
        let cases: &[(&str, f64)] = &[
            ("0.5934", 0.5934),
            ("0,5934", 0.5934),
            ("  0,5934\t", 0.5934),
            ("\u{a0}0.5934\u{a0}", 0.5934),
            ("+0,2886", 0.2886),
            ("-0.0123", -0.0123),
            ("\u{2212}0,0123", -0.0123),
            ("42", 42.0),
            ("007", 7.0),
            ("1.234,5", 1234.5),
            ("1,234.5", 1234.5),
            ("12.345.678,9", 12_345_678.9),
            ("12,345,678.9", 12_345_678.9),
            ("1.234.567", 1_234_567.0),
            ("1,234,567", 1_234_567.0),
            ("1,234", 1.234),
            ("1.234", 1.234),
            ("123,456.0", 123_456.0),
            ("0,30485", 0.30485),
            ("-0", -0.0),
        ];
        for &(input, want) in cases {
            let got = parse_decimal(input);
            assert_eq!(
                got.map(f64::to_bits),
                Some(want.to_bits()),
                "parse_decimal({input:?}) = {got:?}"
            );
        }
    }

    #[test]
    fn rejects_table() {
        let cases: &[&str] = &[
            "",
            "   ",
            "abc",
            "NaN",
            "nan",
            "inf",
            "-inf",
            "infinity",
            "1e5",
            "1,234,5",
            "1.234.5",
            "12,34.5",
            "1234,567.8",
            "1,2345.6",
            "1.234,5.6",
            "1,234.5,6",
            "1.2,3.4",
            ".5",
            "5.",
            ",",
            ".",
            "+",
            "−",
            "+-5",
            "--5",
            "- 5",
            "1 234,5",
            "0x10",
            "1.234,",
            ",234.5",
        ];
        for &input in cases {
            assert_eq!(
                parse_decimal(input),
                None,
                "parse_decimal({input:?}) should fail"
            );
        }
    }

    #[test]
    fn round_trips_with_formatting() {
        use super::super::number::{Lang, decimal};
        for x in [0.5934, -0.0123, 1234.5, 98_765.432_1, 0.30485] {
            for lang in Lang::ALL {
                let shown = decimal(x, 5, lang);
                assert_eq!(parse_decimal(&shown), Some(x), "{shown:?}");
            }
        }
    }
}
