//! `units.csv`: provinces (or communes) with their codes, names, merger history and parents.
//!
//! Slugs: a row without a slug gets `slugify(name_vi)`; when units of different parents share
//! a name (two communes "Tân Lập"), each gets its parent's slug appended (`tan-lap-phu-tho`).
//! Rows with the same slug are periods of one unit, so a slug written twice for overlapping
//! periods is reported as a clash.

use std::path::Path;

use crate::diagnostics::Diagnostics;
use crate::model::{Date, Unit, UnitId, UnitPeriod};

use super::table::Table;

const COLUMNS: [&str; 12] = [
    "code",
    "slug",
    "name_vi",
    "name_en",
    "kind",
    "kind_en",
    "region",
    "region_en",
    "valid_from",
    "valid_to",
    "successor",
    "parent",
];

/// Reads and validates the unit list.
pub fn load(path: &Path, shown: &Path, diags: &mut Diagnostics) -> Vec<Unit> {
    let Some(table) = Table::read(path, shown, diags) else {
        return Vec::new();
    };
    let mut missing = false;
    for required in ["code", "name_vi"] {
        if table.column(required).is_none() {
            diags.push(
                table
                    .src
                    .error_line(1, format!("missing required column `{required}`"))
                    .hint(format!("units.csv columns are: {}", COLUMNS.join(","))),
            );
            missing = true;
        }
    }
    for (ix, h) in table.headers.iter().enumerate() {
        if !COLUMNS.contains(&h.as_str()) {
            diags.push(
                table
                    .header_error(ix, format!("unknown column `{h}`"))
                    .hint(crate::text::suggest::hint(
                        h,
                        COLUMNS.iter().copied(),
                        &format!("units.csv columns are: {}", COLUMNS.join(",")),
                    )),
            );
        }
    }
    if missing {
        return Vec::new();
    }
    let get = |row: &super::table::Row, name: &str| {
        table
            .column(name)
            .map(|i| row.fields[i].clone())
            .unwrap_or_default()
    };
    let slugs = slugs(&table, diags);
    let mut units: Vec<Unit> = Vec::new();
    let mut successors: Vec<(UnitId, String, super::table::Row)> = Vec::new();
    let mut parents: Vec<Parent> = Vec::new();
    for (row, slug) in table.rows.iter().zip(slugs) {
        let Some(slug) = slug else { continue };
        let code = get(row, "code");
        let slug_ix = table.column("slug").unwrap_or(0);
        if let Some(why) = crate::text::slug_problem(&slug) {
            diags.push(
                table
                    .error_at(row, slug_ix, format!("`{slug}` is not a valid slug: {why}"))
                    .hint(format!(
                        "use lower-case ASCII words joined by '-', e.g. `{}`",
                        crate::text::slugify(&get(row, "name_vi"))
                    )),
            );
            continue;
        }
        if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
            diags.push(
                table
                    .error_at(
                        row,
                        table.column("code").unwrap(),
                        format!("`{code}` is not a unit code"),
                    )
                    .hint("write the GSO code as text, e.g. 01 or 96"),
            );
            continue;
        }
        let mut date = |name: &str| -> Result<Option<Date>, ()> {
            let Some(ix) = table.column(name) else {
                return Ok(None);
            };
            let s = &row.fields[ix];
            if s.is_empty() {
                return Ok(None);
            }
            Date::parse(s).map(Some).ok_or_else(|| {
                diags.push(
                    table
                        .error_at(row, ix, format!("`{s}` is not a calendar date"))
                        .hint("write dates as YYYY-MM-DD, and a day the month has (2025-06-30, not 2025-06-31)"),
                );
            })
        };
        let (Ok(valid_from), Ok(valid_to)) = (date("valid_from"), date("valid_to")) else {
            continue;
        };
        if let (Some(f), Some(t)) = (valid_from, valid_to)
            && f > t
        {
            diags.push(
                table
                    .src
                    .error_line(row.line, format!("valid_from {f} is after valid_to {t}"))
                    .hint("swap the two dates"),
            );
            continue;
        }
        let name = get(row, "name_vi");
        let period = UnitPeriod {
            name_en: non_empty(get(row, "name_en"))
                .unwrap_or_else(|| crate::text::fold_display(&name)),
            name,
            code,
            kind_en: non_empty(get(row, "kind_en")).unwrap_or_else(|| get(row, "kind")),
            kind: get(row, "kind"),
            region_en: non_empty(get(row, "region_en")).unwrap_or_else(|| get(row, "region")),
            region: get(row, "region"),
            valid_from,
            valid_to,
            parent: None,
            origin: crate::diagnostics::Location::line(&table.src.shown, row.line),
        };
        let ix = match units.iter().position(|u| u.slug == slug).map(UnitId::new) {
            Some(ix) => {
                let last = units[ix].latest();
                if last
                    .valid_to
                    .is_none_or(|t| period.valid_from.is_none_or(|f| f <= t))
                {
                    diags.push(
                        table.src.error_line(row.line, format!("slug `{slug}` is already used on line {} by a period that overlaps this one", last.origin.line.unwrap_or(0)))
                            .hint("slugs are unique: rows of the same slug are periods of one unit, so give the earlier row a valid_to before this row's valid_from, or give this unit another slug"),
                    );
                    continue;
                }
                units[ix].periods.push(period);
                ix
            }
            None => {
                units.push(Unit {
                    slug: slug.clone(),
                    periods: vec![period],
                    successor: None,
                    predecessors: Vec::new(),
                    aliases: Vec::new(),
                    children: Vec::new(),
                });
                UnitId::new(units.len() - 1)
            }
        };
        let successor = get(row, "successor");
        if !successor.is_empty() {
            successors.push((ix, successor, row.clone()));
        }
        let parent = get(row, "parent");
        if !parent.is_empty() {
            parents.push(Parent {
                unit: ix,
                period: units[ix].periods.len() - 1,
                slug: parent,
                row: row.clone(),
            });
        }
    }
    link_successors(&table, &mut units, successors, diags);
    super::hierarchy::link_parents(&table, &mut units, parents, diags);
    check_codes_unique(&table, &units, diags);
    units
}

/// A `parent` cell waiting to be resolved once every unit is read.
pub(super) struct Parent {
    /// The child unit.
    pub unit: UnitId,
    /// Which of its periods the row declared.
    pub period: usize,
    /// The parent's slug as written.
    pub slug: String,
    /// The row (for messages).
    pub row: super::table::Row,
}

/// The slug of every row: as written, or derived from the name (see the module comment). `None`
/// for a row whose slug cannot be derived (reported).
fn slugs(table: &Table, diags: &mut Diagnostics) -> Vec<Option<String>> {
    let cell = |row: &super::table::Row, name: &str| {
        table
            .column(name)
            .map(|i| row.fields[i].trim().to_owned())
            .unwrap_or_default()
    };
    let written: Vec<String> = table.rows.iter().map(|r| cell(r, "slug")).collect();
    let taken: std::collections::HashSet<&str> = written.iter().map(String::as_str).collect();
    let derived: Vec<(String, String)> = table
        .rows
        .iter()
        .map(|r| (crate::text::slugify(&cell(r, "name_vi")), cell(r, "parent")))
        .collect();
    // For each derived slug, the parents of the rows without a slug that derive it.
    let mut parents_of: std::collections::HashMap<&str, std::collections::BTreeSet<&str>> =
        std::collections::HashMap::new();
    for (n, (base, parent)) in derived.iter().enumerate() {
        if written[n].is_empty() {
            parents_of.entry(base).or_default().insert(parent);
        }
    }
    table
        .rows
        .iter()
        .enumerate()
        .map(|(n, row)| {
            if !written[n].is_empty() {
                return Some(written[n].clone());
            }
            let (base, parent) = &derived[n];
            let shared = taken.contains(base.as_str()) || parents_of[base.as_str()].len() > 1;
            match (shared, parent.is_empty()) {
                (false, _) => Some(base.clone()),
                (true, false) => Some(format!("{base}-{parent}")),
                (true, true) => {
                    diags.push(
                        table
                            .src
                            .error_line(row.line, format!("another unit has the slug `{base}` this row's name gives"))
                            .hint("write a slug for this row, or give it a parent (units of the same name get their parent's slug appended)"),
                    );
                    None
                }
            }
        })
        .collect()
}

/// Resolves `successor` slugs and fills each unit's predecessors.
fn link_successors(
    table: &Table,
    units: &mut [Unit],
    successors: Vec<(UnitId, String, super::table::Row)>,
    diags: &mut Diagnostics,
) {
    let col = table.column("successor").unwrap_or(0);
    for (ix, slug, row) in successors {
        match units.iter().position(|u| u.slug == slug).map(UnitId::new) {
            Some(s) if s == ix => diags.push(
                table
                    .error_at(&row, col, "a unit cannot be its own successor")
                    .hint("leave successor empty for a unit that continues"),
            ),
            Some(s) => {
                units[ix].successor = Some(s);
                units[s].predecessors.push(ix);
            }
            None => diags.push(
                table
                    .error_at(
                        &row,
                        col,
                        format!("successor `{slug}` is not a unit slug in this file"),
                    )
                    .hint(crate::text::suggest::hint(
                        &slug,
                        units.iter().map(|u| u.slug.as_str()),
                        "name the slug of the unit that absorbed this one",
                    )),
            ),
        }
    }
}

/// Two periods with the same code may not be valid on the same day.
fn check_codes_unique(table: &Table, units: &[Unit], diags: &mut Diagnostics) {
    let periods: Vec<(&str, &UnitPeriod)> = units
        .iter()
        .flat_map(|u| u.periods.iter().map(move |p| (u.slug.as_str(), p)))
        .collect();
    for (i, (slug_a, a)) in periods.iter().enumerate() {
        for (slug_b, b) in &periods[..i] {
            let overlap = a
                .valid_from
                .is_none_or(|f| b.valid_to.is_none_or(|t| f <= t))
                && b.valid_from
                    .is_none_or(|f| a.valid_to.is_none_or(|t| f <= t));
            if a.code == b.code && overlap {
                let line = a.origin.line.unwrap_or(1);
                diags.push(
                    table.src.error_line(line, format!("code {} is used by `{slug_a}` and `{slug_b}` (line {}) at the same time", a.code, b.origin.line.unwrap_or(0)))
                        .hint("a code may be reused only after the earlier unit's valid_to"),
                );
            }
        }
    }
}

fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_str(text: &str) -> (Vec<Unit>, Diagnostics) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("units.csv");
        std::fs::write(&p, text).unwrap();
        let mut d = Diagnostics::new();
        (load(&p, Path::new("units.csv"), &mut d), d)
    }

    const HEAD: &str = "code,slug,name_vi,name_en,kind,region,valid_from,valid_to,successor\n";

    #[test]
    fn merger_links_and_continuing_units() {
        let text = format!(
            "{HEAD}10,lao-cai,Lào Cai,Lao Cai,Tỉnh,R,,2025-06-30,\n15,yen-bai,Yên Bái,Yen Bai,Tỉnh,R,,2025-06-30,lao-cai\n15,lao-cai,Lào Cai,Lao Cai,Tỉnh,R,2025-07-01,,\n"
        );
        let (units, d) = load_str(&text);
        assert!(d.is_empty(), "{d}");
        assert_eq!(units.len(), 2);
        assert_eq!(units[0].periods.len(), 2);
        assert_eq!(units[1].successor, Some(UnitId::new(0)));
        assert_eq!(units[0].predecessors, [UnitId::new(1)]);
    }

    #[test]
    fn code_clash_and_bad_successor_are_errors() {
        let text = format!("{HEAD}15,a,A,A,,,,,\n15,b,B,B,,,,,zz\n");
        let (_, d) = load_str(&text);
        let r = d.render();
        assert!(r.contains("code 15 is used by `b` and `a`"), "{r}");
        assert!(r.contains("successor `zz` is not a unit slug"), "{r}");
        assert!(r.contains("units.csv:3:"), "{r}");
    }

    #[test]
    fn bad_slug_and_date() {
        let text = format!("{HEAD}01,Ha Noi,Hà Nội,,,,,,\n02,ha-giang,Hà Giang,,,,,30/06/2025,\n");
        let (_, d) = load_str(&text);
        let r = d.render();
        assert!(r.contains("`Ha Noi` is not a valid slug"), "{r}");
        assert!(r.contains("`ha-noi`"), "{r}");
        assert!(r.contains("`30/06/2025` is not a calendar date"), "{r}");
    }
}
