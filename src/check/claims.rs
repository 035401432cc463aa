//! Numbers written in commentary, checked against the data.
//!
//! A commentary file about a unit (`<edition>/<slug>.md`, or `tinh/<slug>.md` with a year in the
//! same sentence) that says the unit "xếp hạng 53/63", "đứng thứ 53/63", "đạt 0,3048",
//! "ranked 53rd of 63" or "reached 0.3048" is compared with the unit's figures. To avoid false
//! alarms a mismatch is only claimed when the sentence is clearly about this unit: it names no
//! other unit, the figure equals none of the unit's figures (any indicator) in that edition or in
//! an edition of a year the sentence mentions, and the data has figures to compare with.

use crate::content::{Doc, Subject};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::model::{Dataset, EditionId, UnitId};
use crate::site::Site;
use crate::text::number::key_at;

/// A figure stated in the text.
#[derive(Clone, Debug, PartialEq)]
enum Claim {
    /// "hạng N/M", "Nth of M".
    Rank { rank: u32, of: usize },
    /// "đạt 0,3048": the number as written, its value and its decimals.
    Value {
        text: String,
        value: f64,
        places: u32,
    },
}

/// Checks every unit commentary; mismatches become warnings naming file and line.
pub fn check(site: &Site, diags: &mut Diagnostics) {
    let ds = &site.dataset;
    let names = unit_names(ds);
    for doc in &site.commentary.docs {
        let (unit, edition) = match doc.subject {
            Subject::UnitEdition(u, e) => (u, Some(e)),
            Subject::Unit(u) => (u, None),
            _ => continue,
        };
        check_doc(site, doc, unit, edition, &names, diags);
    }
}

fn check_doc(
    site: &Site,
    doc: &Doc,
    unit: UnitId,
    edition: Option<EditionId>,
    names: &[(UnitId, String)],
    diags: &mut Diagnostics,
) {
    let ds = &site.dataset;
    for (n, line) in doc.body.lines().enumerate() {
        for (s_off, sentence) in sentences(line) {
            if names
                .iter()
                .any(|(u, name)| *u != unit && mentions(sentence, name))
            {
                continue;
            }
            let sentence_years = years(sentence);
            let mut c_off = 0;
            for clause in sentence.split(';') {
                let clause_years = years(clause);
                for (pos, end, claim) in claims(clause) {
                    let year = year_of(clause, &clause_years, pos, end).or_else(|| {
                        let mut ys: Vec<u16> = sentence_years.iter().map(|y| y.1).collect();
                        ys.dedup();
                        (ys.len() == 1).then(|| ys[0])
                    });
                    let primary: Vec<EditionId> = match (edition, year) {
                        (Some(e), _) => same_year_set(ds, e, unit, &claim),
                        (None, Some(y)) => editions_of(ds, y, unit, &claim),
                        (None, None) => continue,
                    };
                    let figures = Figures::of(site, unit, &primary);
                    if !figures.has(&claim) || figures.matches(&claim, ds.precision) {
                        continue;
                    }
                    // In an edition file, a sentence may speak of another year ("từ hạng 27 năm 2022").
                    let other: Vec<EditionId> = sentence_years
                        .iter()
                        .flat_map(|&(_, y)| editions_of(ds, y, unit, &claim))
                        .collect();
                    if edition.is_some()
                        && Figures::of(site, unit, &other).matches(&claim, ds.precision)
                    {
                        continue;
                    }
                    let col = line[..s_off + c_off + pos].chars().count() + 1;
                    let said = match &claim {
                        Claim::Rank { rank, of } => format!("rank {rank}/{of}"),
                        Claim::Value { text, .. } => format!("the value {text}"),
                    };
                    let eds: Vec<&str> = primary
                        .iter()
                        .map(|&e| ds.editions[e].id.as_str())
                        .collect();
                    let width = match &claim {
                        Claim::Rank { rank, of } => format!("{rank}/{of}").len(),
                        Claim::Value { text, .. } => text.chars().count(),
                    };
                    diags.push(
                        Diagnostic::warning(
                            Location::at(&doc.source, doc.body_line + n, col),
                            format!(
                                "the commentary gives {} {said} in {}, but the data says {}",
                                ds.units[unit].latest().name,
                                eds.join(", "),
                                figures.describe(ds, &claim),
                            ),
                        )
                        .snippet(line, width)
                        .hint("correct the text or the data file; every value and rank of the unit in that edition was compared"),
                    );
                }
                c_off += clause.len() + 1;
            }
        }
    }
}

/// Every name (Vietnamese and English, every period) of every unit.
fn unit_names(ds: &Dataset) -> Vec<(UnitId, String)> {
    let mut out = Vec::new();
    for (u, unit) in ds.unit_ids().zip(&ds.units) {
        for p in &unit.periods {
            for name in [&p.name, &p.name_en] {
                let name = crate::text::nfc(name);
                if !name.is_empty() && !out.contains(&(u, name.clone())) {
                    out.push((u, name));
                }
            }
        }
    }
    // A name shared by two units (a unit continuing under a new slug) is nobody's "other" name.
    let shared: Vec<String> = out
        .iter()
        .filter(|(u, n)| out.iter().any(|(v, m)| v != u && m == n))
        .map(|(_, n)| n.clone())
        .collect();
    out.retain(|(_, n)| !shared.contains(n));
    out
}

/// Whether `text` holds `name` as whole words.
fn mentions(text: &str, name: &str) -> bool {
    let mut from = 0;
    while let Some(i) = text[from..].find(name) {
        let start = from + i;
        let end = start + name.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return true;
        }
        from = end;
    }
    false
}

/// Sentences of a line with their byte offsets: split after `.`, `!` or `?` followed by a space.
fn sentences(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if matches!(b, b'.' | b'!' | b'?') && bytes.get(i + 1).is_none_or(|c| *c == b' ') {
            out.push((start, &line[start..=i]));
            start = i + 1;
        }
    }
    if start < line.len() {
        out.push((start, &line[start..]));
    }
    out
}

/// Years (1900–2100) written in `text` with their byte offsets; parts of dates ("05/5/2023") and
/// document numbers ("1726/QĐ") are not years.
fn years(text: &str) -> Vec<(usize, u16)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let before = start.checked_sub(1).map(|j| b[j]);
            let after = b.get(i).copied();
            let glued = |c: Option<u8>| matches!(c, Some(b'/' | b'.' | b',' | b'-'));
            if i - start == 4
                && !glued(before)
                && !(glued(after) && b.get(i + 1).is_some_and(u8::is_ascii_digit))
                && after != Some(b'/')
                && let Ok(y) = text[start..i].parse::<u16>()
                && (1900..=2100).contains(&y)
            {
                out.push((start, y));
            }
        } else {
            i += 1;
        }
    }
    out
}

/// The year a figure at `pos..end` of `text` belongs to: one written right after it ("53rd of 63
/// in 2021", "hạng 53/63 năm 2021"), else the last one before it, else the first one after it.
fn year_of(text: &str, years: &[(usize, u16)], pos: usize, end: usize) -> Option<u16> {
    let after = years.iter().find(|(at, _)| *at >= end);
    if let Some(&(at, y)) = after {
        let gap = text[end..at].trim_matches(|c: char| !c.is_alphanumeric());
        if ["", "in", "năm", "for", "of", "trong năm"].contains(&gap) {
            return Some(y);
        }
    }
    years
        .iter()
        .rev()
        .find(|(at, _)| *at < pos)
        .or(after)
        .map(|&(_, y)| y)
}

/// The edition itself, or for a rank out of another total, the edition of the same year with
/// that many units.
fn same_year_set(ds: &Dataset, e: EditionId, unit: UnitId, claim: &Claim) -> Vec<EditionId> {
    match claim {
        Claim::Rank { of, .. } if *of != ds.editions[e].units.len() => {
            let year = ds.editions[e].year;
            editions_of(ds, year, unit, claim)
        }
        _ => vec![e],
    }
}

/// Editions of `year` that hold `unit` (and, for a rank, have as many units as its total).
fn editions_of(ds: &Dataset, year: u16, unit: UnitId, claim: &Claim) -> Vec<EditionId> {
    ds.edition_ids()
        .filter(|&e| {
            let ed = &ds.editions[e];
            ed.year == year
                && ed.units.contains(&unit)
                && match claim {
                    Claim::Rank { of, .. } => ed.units.len() == *of,
                    Claim::Value { .. } => true,
                }
        })
        .collect()
}

/// A unit's values and ranks (indicator code alongside) in some editions.
struct Figures {
    ranks: Vec<(u32, String)>,
    values: Vec<(f64, String)>,
}

impl Figures {
    fn of(site: &Site, unit: UnitId, editions: &[EditionId]) -> Figures {
        let ds = &site.dataset;
        let mut f = Figures {
            ranks: Vec::new(),
            values: Vec::new(),
        };
        for &e in editions {
            for (i, ind) in ds.indicator_ids().zip(&ds.indicators) {
                if let Some(o) = ds.observation(e, i, unit) {
                    if let Some(v) = o.value {
                        f.values.push((v, ind.code.clone()));
                    }
                    if let Some(r) = o.official_rank {
                        f.ranks.push((r, ind.code.clone()));
                    }
                }
                if let Some(r) = site.report.entry(e, i, unit).and_then(|en| en.rank) {
                    f.ranks.push((r, ind.code.clone()));
                }
            }
        }
        f
    }

    /// Whether there is anything to compare the claim with.
    fn has(&self, claim: &Claim) -> bool {
        match claim {
            Claim::Rank { .. } => !self.ranks.is_empty(),
            Claim::Value { .. } => !self.values.is_empty(),
        }
    }

    fn matches(&self, claim: &Claim, precision: u32) -> bool {
        match claim {
            Claim::Rank { rank, .. } => self.ranks.iter().any(|(r, _)| r == rank),
            Claim::Value { value, places, .. } => {
                // Compare at the precision written: "0,6" says less than "0,6000".
                let places = (*places).min(precision);
                self.values
                    .iter()
                    .any(|(v, _)| key_at(*v, places) == key_at(*value, places))
            }
        }
    }

    fn describe(&self, ds: &Dataset, claim: &Claim) -> String {
        let mut parts: Vec<String> = match claim {
            Claim::Rank { .. } => self
                .ranks
                .iter()
                .map(|(r, c)| format!("rank {r} ({c})"))
                .collect(),
            Claim::Value { .. } => self
                .values
                .iter()
                .map(|(v, c)| {
                    format!(
                        "{} ({c})",
                        crate::text::number::decimal(
                            *v,
                            ds.precision as usize,
                            crate::text::Lang::Vi
                        )
                    )
                })
                .collect(),
        };
        parts.dedup();
        parts.join(", ")
    }
}

/// Figures stated in `text` with their byte offsets.
fn claims(text: &str) -> Vec<(usize, usize, Claim)> {
    let mut out = Vec::new();
    // Vietnamese ranks: "hạng 53/63", "xếp thứ 53/63", "đứng thứ 53/63".
    for kw in ["hạng ", "Hạng ", "thứ ", "Thứ "] {
        for (at, _) in text.match_indices(kw) {
            let pos = at + kw.len();
            if let Some((rank, of, len)) = fraction(&text[pos..]) {
                out.push((pos, pos + len, Claim::Rank { rank, of }));
            }
        }
    }
    // English ranks: "53rd of 63".
    for (at, _) in text.match_indices(" of ") {
        let before = &text[..at];
        let Some(suffix) = ["st", "nd", "rd", "th"]
            .iter()
            .find(|s| before.ends_with(*s))
        else {
            continue;
        };
        let digits = &before[..before.len() - suffix.len()];
        let n = digits.len() - digits.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let after: String = text[at + 4..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if let (Ok(rank), Ok(of)) = (digits[digits.len() - n..].parse(), after.parse()) {
            out.push((
                digits.len() - n,
                at + 4 + after.len(),
                Claim::Rank { rank, of },
            ));
        }
    }
    // Values: "đạt 0,3048", "reached 0.3048".
    for (kw, sep) in [
        ("đạt ", ','),
        ("reached ", '.'),
        ("scored ", '.'),
        ("DTI was ", '.'),
        ("DTI of ", '.'),
    ] {
        for (at, _) in text.match_indices(kw) {
            let pos = at + kw.len();
            if let Some(claim) = decimal_at(&text[pos..], sep) {
                let Claim::Value { text: t, .. } = &claim else {
                    unreachable!()
                };
                out.push((pos, pos + t.len(), claim));
            }
        }
    }
    out.sort_by_key(|(p, _, _)| *p);
    out
}

/// `N/M` at the start of `s`.
fn fraction(s: &str) -> Option<(u32, usize, usize)> {
    let a: String = s.chars().take_while(char::is_ascii_digit).collect();
    let rest = s[a.len()..].strip_prefix('/')?;
    let b: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if a.is_empty() || b.is_empty() || a.len() > 4 || b.len() > 4 {
        return None;
    }
    Some((a.parse().ok()?, b.parse().ok()?, a.len() + 1 + b.len()))
}

/// A decimal number written with separator `sep` at the start of `s`, not a percentage.
fn decimal_at(s: &str, sep: char) -> Option<Claim> {
    let int: String = s.chars().take_while(char::is_ascii_digit).collect();
    let rest = s[int.len()..].strip_prefix(sep)?;
    let frac: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if int.is_empty() || frac.is_empty() {
        return None;
    }
    let after = rest[frac.len()..].trim_start();
    if after.starts_with('%') {
        return None;
    }
    let text = format!("{int}{sep}{frac}");
    Some(Claim::Value {
        value: format!("{int}.{frac}").parse().ok()?,
        places: frac.len() as u32,
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rank(rank: u32, of: usize) -> Claim {
        Claim::Rank { rank, of }
    }

    #[test]
    fn finds_vietnamese_and_english_claims() {
        let c: Vec<Claim> = claims("Tỉnh đạt 0,3048, xếp hạng 53/63, tăng 44,6 % và đạt 12,5 %")
            .into_iter()
            .map(|x| x.2)
            .collect();
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(c[1], rank(53, 63));
        assert!(matches!(&c[0], Claim::Value { text, places: 4, .. } if text == "0,3048"));
        let c: Vec<Claim> = claims("In 2021 it reached 0.3048 and ranked 53rd of 63 (from 63rd).")
            .into_iter()
            .map(|x| x.2)
            .collect();
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(c[1], rank(53, 63));
        assert!(claims("từ hạng 60 lên hạng 26").is_empty());
    }

    #[test]
    fn years_skip_dates_and_numbers() {
        let y: Vec<u16> = years("Theo báo (05/5/2023), năm 2021 theo 1726/QĐ, 2022-2023 và 2024.")
            .into_iter()
            .map(|x| x.1)
            .collect();
        assert_eq!(y, [2021, 2024]);
    }

    #[test]
    fn sentences_keep_decimals() {
        let s: Vec<&str> = sentences("It reached 0.3048. Then 53rd.")
            .into_iter()
            .map(|x| x.1)
            .collect();
        assert_eq!(s, ["It reached 0.3048.", " Then 53rd."]);
        assert!(mentions("Gia Lai mới", "Gia Lai"));
        assert!(!mentions("Hà Nội", "Hà Nam"));
        assert!(!mentions("Hà Namh", "Hà Nam"));
    }

    #[test]
    fn figures_take_the_year_written_next_to_them() {
        let t = "In 2020 it was 12th; 61st of 63 in 2022 and 60th of 63 in 2024.";
        let ys = years(t);
        let c = claims(t);
        let got: Vec<Option<u16>> = c.iter().map(|(p, e, _)| year_of(t, &ys, *p, *e)).collect();
        assert_eq!(got, [Some(2022), Some(2024)]);
        let t = "Năm 2022 đạt 0,5845, hạng 29/63 năm nay";
        let ys = years(t);
        let (p, e, _) = claims(t)[1].clone();
        assert_eq!(year_of(t, &ys, p, e), Some(2022));
    }
}
