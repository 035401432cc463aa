//! `content/sources.csv` (optional): how pages name the sources written in the data files.
//!
//! A data file's `source` column says where a figure was taken from, as precisely as its editor
//! needs (the table's address, which copy was read). A page cites the original by name, in the
//! page's language: "Bảng xếp hạng DTI 2023, Cổng đánh giá chuyển đổi số" / "DTI 2023 ranking
//! table, digital transformation assessment portal". One row per source string of the data:
//! `source,name,name_en,url`. How each figure was obtained stays in the data and in
//! `content/SOURCES.md`; pages show only the name.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostics::Diagnostics;
use crate::model::SourceName;

use super::table::Table;

/// Reads `path` if it exists: source string → its names.
pub fn load(path: &Path, shown: &Path, diags: &mut Diagnostics) -> BTreeMap<String, SourceName> {
    let mut out = BTreeMap::new();
    if !path.exists() {
        return out;
    }
    let Some(table) = Table::read(path, shown, diags) else {
        return out;
    };
    let col = |name| table.column(name);
    let (Some(source_ix), Some(name_ix)) = (col("source"), col("name")) else {
        diags.push(
            table
                .src
                .error_line(1, "sources.csv needs the columns `source` and `name`")
                .hint("write a header `source,name,name_en,url`, then one source of the data files a row"),
        );
        return out;
    };
    let (en_ix, url_ix) = (col("name_en"), col("url"));
    let field = |row: &super::table::Row, ix: Option<usize>| {
        ix.map(|i| row.fields[i].trim().to_owned())
            .unwrap_or_default()
    };
    for row in &table.rows {
        let source = row.fields[source_ix].trim().to_owned();
        let name = row.fields[name_ix].trim().to_owned();
        if name.is_empty() {
            diags.push(
                table
                    .error_at(row, name_ix, format!("source `{source}` has no name"))
                    .hint("write how pages should name the source, e.g. the newspaper and date"),
            );
            continue;
        }
        let url = field(row, url_ix);
        if !url.is_empty() && !url.starts_with("https://") && !url.starts_with("http://") {
            diags.push(
                table
                    .error_at(
                        row,
                        url_ix.unwrap_or(0),
                        format!("`{url}` is not a web address"),
                    )
                    .hint("write the full address, starting with https://"),
            );
            continue;
        }
        if out.contains_key(&source) {
            diags.push(
                table
                    .error_at(row, source_ix, format!("source `{source}` is named twice"))
                    .hint("keep one row per source"),
            );
            continue;
        }
        out.insert(
            source,
            SourceName {
                name_en: field(row, en_ix),
                name,
                url,
            },
        );
    }
    out
}
