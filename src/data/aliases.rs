//! `content/aliases.csv` (optional): other names people type for a unit — abbreviations
//! ("HCM", "TP.HCM"), old or informal names ("Sài Gòn"), other spellings ("Hanoi"). The search
//! index matches them like the unit's own names. Kept in a file of its own, one alias a row, so
//! the list grows without touching `units.csv` and each bad row is named by its line.

use std::path::Path;

use crate::diagnostics::Diagnostics;
use crate::model::Unit;

use super::table::Table;

/// Reads `path` if it exists and adds each alias to its unit. Unknown slugs are errors.
pub fn load(path: &Path, shown: &Path, units: &mut [Unit], diags: &mut Diagnostics) {
    if !path.exists() {
        return;
    }
    let Some(table) = Table::read(path, shown, diags) else {
        return;
    };
    let (Some(slug_ix), Some(alias_ix)) = (table.column("slug"), table.column("alias")) else {
        diags.push(
            table
                .src
                .error_line(1, "aliases.csv needs the columns `slug` and `alias`")
                .hint(
                    "write a header `slug,alias`, then one alias a row, e.g. `ho-chi-minh,Sài Gòn`",
                ),
        );
        return;
    };
    for row in &table.rows {
        let slug = row.fields[slug_ix].trim();
        let alias = row.fields[alias_ix].trim();
        let Some(unit) = units.iter_mut().find(|u| u.slug == slug) else {
            diags.push(
                table
                    .error_at(row, slug_ix, format!("unknown unit `{slug}`"))
                    .hint(crate::text::suggest::hint(
                        slug,
                        units.iter().map(|u| u.slug.as_str()),
                        "use a slug of content/units.csv",
                    )),
            );
            continue;
        };
        if alias.is_empty() {
            diags.push(
                table
                    .error_at(row, alias_ix, "empty alias")
                    .hint("write the name people type, or delete the row"),
            );
            continue;
        }
        if !unit.aliases.iter().any(|a| a == alias) {
            unit.aliases.push(alias.to_owned());
        }
    }
}
