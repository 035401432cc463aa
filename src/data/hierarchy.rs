//! The `parent` column of `units.csv`: resolving parents, and checking that a parent exists on
//! every day its child does and that no unit is its own ancestor.

use crate::diagnostics::Diagnostics;
use crate::model::{Date, IdMap, Unit, UnitId};

use super::table::Table;
use super::units::Parent;

/// Resolves every `parent` cell, checks it, and fills the parents' `children`.
pub(super) fn link_parents(
    table: &Table,
    units: &mut [Unit],
    parents: Vec<Parent>,
    diags: &mut Diagnostics,
) {
    let col = table.column("parent").unwrap_or(0);
    let by_slug: std::collections::HashMap<&str, UnitId> = UnitId::all(units.len())
        .zip(units.iter())
        .map(|(ix, u)| (u.slug.as_str(), ix))
        .collect();
    let mut resolved: Vec<(Parent, UnitId)> = Vec::new();
    for p in parents {
        match by_slug.get(p.slug.as_str()) {
            Some(&ix) if ix == p.unit => diags.push(
                table
                    .error_at(&p.row, col, "a unit cannot be its own parent")
                    .hint("name the unit this one belongs to (a commune's province), or leave parent empty"),
            ),
            Some(&ix) => resolved.push((p, ix)),
            None => diags.push(
                table
                    .error_at(&p.row, col, format!("parent `{}` is not a unit slug in this file", p.slug))
                    .hint(crate::text::suggest::hint(
                        &p.slug,
                        by_slug.keys().copied(),
                        "add the parent unit to units.csv (it may have an empty parent itself) and write its slug here",
                    )),
            ),
        }
    }
    for (p, parent) in resolved {
        let child = &units[p.unit].periods[p.period];
        if let Err(day) = covered(&units[parent], child.valid_from, child.valid_to) {
            let when = day.map_or_else(
                || "before its first valid_from".to_owned(),
                |d| format!("on {d}"),
            );
            diags.push(
                table
                    .error_at(&p.row, col, format!("parent `{}` does not exist {when}, while this unit does", p.slug))
                    .hint("a parent must be valid on every day of its child's period: fix the dates, or split the row into periods with different parents"),
            );
            continue;
        }
        units[p.unit].periods[p.period].parent = Some(parent);
        if !units[parent].children.contains(&p.unit) {
            units[parent].children.push(p.unit);
        }
    }
    for c in &mut units.iter_mut() {
        c.children.sort_unstable();
    }
    report_cycles(table, units, col, diags);
}

/// `Ok` when the unit has a period on every day from `from` to `to` (`None`: unbounded);
/// otherwise the first day it lacks (`None`: the days before any date).
fn covered(unit: &Unit, from: Option<Date>, to: Option<Date>) -> Result<(), Option<Date>> {
    // Periods of a unit are in time order and do not overlap (checked when they are read).
    let mut at = from;
    for p in &unit.periods {
        let starts_in_time = match (p.valid_from, at) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(f), Some(a)) => f <= a,
        };
        let ends_after = match (p.valid_to, at) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(t), Some(a)) => a <= t,
        };
        if !(starts_in_time && ends_after) {
            continue;
        }
        match (p.valid_to, to) {
            (None, _) => return Ok(()),
            (Some(t), Some(end)) if end <= t => return Ok(()),
            (Some(t), _) => at = Some(t.next_day()),
        }
    }
    Err(at)
}

/// A unit may not be its own ancestor, through any of its periods.
fn report_cycles(table: &Table, units: &[Unit], col: usize, diags: &mut Diagnostics) {
    let parents_of = |u: UnitId| -> Vec<UnitId> {
        let mut ps: Vec<UnitId> = units[u].periods.iter().filter_map(|p| p.parent).collect();
        ps.sort_unstable();
        ps.dedup();
        ps
    };
    // Depth-first search with colours: 0 unseen, 1 on the current path, 2 done.
    let mut colour: IdMap<UnitId, u8> = IdMap::filled(units.len(), 0);
    for start in UnitId::all(units.len()) {
        if colour[start] != 0 {
            continue;
        }
        let mut stack: Vec<(UnitId, Vec<UnitId>)> = vec![(start, parents_of(start))];
        colour[start] = 1;
        while let Some((u, next)) = stack.last_mut() {
            let u = *u;
            match next.pop() {
                Some(p) if colour[p] == 1 => {
                    let at = stack.iter().position(|(x, _)| *x == p).unwrap_or(0);
                    let path: Vec<&str> = stack[at..]
                        .iter()
                        .map(|(x, _)| units[*x].slug.as_str())
                        .chain(std::iter::once(units[p].slug.as_str()))
                        .collect();
                    let line = units[u]
                        .periods
                        .iter()
                        .find(|q| q.parent == Some(p))
                        .and_then(|q| q.origin.line)
                        .unwrap_or(1);
                    let row = table.rows.iter().find(|r| r.line == line);
                    let d = match row {
                        Some(row) => table.error_at(
                            row,
                            col,
                            format!("parents form a cycle: {}", path.join(" → ")),
                        ),
                        None => table.src.error_line(
                            line,
                            format!("parents form a cycle: {}", path.join(" → ")),
                        ),
                    };
                    diags.push(d.hint("a unit cannot be its own ancestor: fix the parent column of one of these rows"));
                }
                Some(p) if colour[p] == 0 => {
                    colour[p] = 1;
                    stack.push((p, parents_of(p)));
                }
                Some(_) => {}
                None => {
                    colour[u] = 2;
                    stack.pop();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::Diagnostics;
    use crate::model::{Unit, UnitId};
    use std::path::Path;

    fn load_str(text: &str) -> (Vec<Unit>, Diagnostics) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("units.csv");
        std::fs::write(&p, text).unwrap();
        let mut d = Diagnostics::new();
        (
            super::super::units::load(&p, Path::new("units.csv"), &mut d),
            d,
        )
    }

    const HEAD: &str = "code,slug,name_vi,kind,valid_from,valid_to,parent\n";

    #[test]
    fn parents_link_and_same_names_get_their_parents_slug() {
        let text = format!(
            "{HEAD}25,,Phú Thọ,Tỉnh,,,\n08,,Tuyên Quang,Tỉnh,,,\n07900,,Tân Lập,Xã,,,phu-tho\n02200,,Tân Lập,Xã,,,tuyen-quang\n07901,,Thanh Sơn,Xã,,,phu-tho\n"
        );
        let (units, d) = load_str(&text);
        assert!(d.is_empty(), "{d}");
        let slugs: Vec<&str> = units.iter().map(|u| u.slug.as_str()).collect();
        assert_eq!(
            slugs,
            [
                "phu-tho",
                "tuyen-quang",
                "tan-lap-phu-tho",
                "tan-lap-tuyen-quang",
                "thanh-son"
            ]
        );
        assert_eq!(units[0].children, [2, 4].map(UnitId::new));
        assert_eq!(units[1].children, [UnitId::new(3)]);
        assert_eq!(units[3].periods[0].parent, Some(UnitId::new(1)));
        assert_eq!(units[0].periods[0].parent, None);
    }

    #[test]
    fn bad_parents_are_errors_with_lines() {
        // Unknown parent, own parent, a cycle, and a parent that ends before its child.
        let text = format!(
            "{HEAD}01,a,A,,,,zz\n02,b,B,,,,b\n03,c,C,,,,d\n04,d,D,,,,c\n05,e,E,,,2025-06-30,\n06,f,F,,2025-01-01,,e\n"
        );
        let (_, d) = load_str(&text);
        let r = d.render();
        assert!(
            r.contains("units.csv:2") && r.contains("parent `zz` is not a unit slug"),
            "{r}"
        );
        assert!(
            r.contains("units.csv:3") && r.contains("cannot be its own parent"),
            "{r}"
        );
        assert!(
            r.contains("parents form a cycle: c → d → c")
                || r.contains("parents form a cycle: d → c → d"),
            "{r}"
        );
        assert!(
            r.contains("units.csv:7") && r.contains("parent `e` does not exist on 2025-07-01"),
            "{r}"
        );
    }

    #[test]
    fn a_parent_may_be_covered_by_several_periods() {
        let text = format!(
            "{HEAD}01,p,P cũ,,,2025-06-30,\n02,p,P,,2025-07-01,,\n10,c,C,,2020-01-01,,p\n11,x,X,,,,\n12,tan-lap,Tân Lập,,,,\n13,,Tân Lập,,,,\n"
        );
        let (units, d) = load_str(&text);
        let r = d.render();
        assert_eq!(units[1].periods[0].parent, Some(UnitId::new(0)), "{r}");
        // An explicit slug taken by a derived one without a parent to tell them apart.
        assert!(
            r.contains("units.csv:7") && r.contains("another unit has the slug `tan-lap`"),
            "{r}"
        );
        assert!(!r.contains("units.csv:4"), "{r}");
    }

    #[test]
    fn explicit_slugs_are_unique() {
        let text = format!("{HEAD}01,tan-lap,Tân Lập,,,,\n02,tan-lap,Tân Lập,,,,\n");
        let (_, d) = load_str(&text);
        let r = d.render();
        assert!(
            r.contains("units.csv:3") && r.contains("slug `tan-lap` is already used on line 2"),
            "{r}"
        );
    }
}
