//! Excel workbooks (`content/data/*.xlsx`) read directly with calamine: each sheet becomes a
//! [`Table`], exactly as if it had been exported to CSV, and messages name the cell
//! (`content/data/dti.xlsx [2023]!C5`).
//!
//! A sheet named after an edition holds that edition in the wide layout; a sheet with an
//! `indicator` column is a long table; a sheet named `published-stats` holds published
//! aggregates. Cells may be numbers or text ("0,5934" typed as text in a Vietnamese locale).

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::diagnostics::{Diagnostic, Diagnostics, Location};

use super::table::{Row, Table, column_letters};

/// One sheet: its name and its table.
pub struct Sheet {
    /// Sheet name (an edition id, or any name for long tables).
    pub name: String,
    /// The cells, as a table.
    pub table: Table,
}

/// Reads every non-empty sheet of the workbook at `path` (shown as `shown`).
pub fn read(path: &Path, shown: &Path, diags: &mut Diagnostics) -> Vec<Sheet> {
    let mut book: Xlsx<_> = match open_workbook(path) {
        Ok(b) => b,
        Err(e) => {
            diags.push(
                Diagnostic::error(Location::file(shown), format!("cannot read the workbook: {e}"))
                    .hint("save it as an Excel workbook (.xlsx); close it in the spreadsheet program if it is being saved"),
            );
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    let errors_before = diags.error_count();
    for name in book.sheet_names() {
        let range = match book.worksheet_range(&name) {
            Ok(r) => r,
            Err(e) => {
                diags.push(Diagnostic::error(
                    Location::file(format!("{} [{name}]", shown.display())),
                    format!("cannot read the sheet: {e}"),
                ));
                continue;
            }
        };
        let Some((row0, col0)) = range.start() else {
            continue; // an empty sheet
        };
        let (row0, col0) = (row0 as usize, col0 as usize);
        let mut headers: Option<(usize, Vec<String>)> = None;
        let mut rows = Vec::new();
        for (i, cells) in range.rows().enumerate() {
            let line = row0 + i + 1;
            let fields: Vec<String> = cells
                .iter()
                .enumerate()
                .map(|(c, cell)| text_of(cell, shown, &name, col0 + c, line, diags))
                .collect();
            if fields.iter().all(String::is_empty) {
                continue;
            }
            if headers.is_none() {
                headers = Some((line, fields));
            } else {
                rows.push(Row { line, fields });
            }
        }
        let Some((header_row, mut headers)) = headers else {
            continue;
        };
        // Trailing empty header cells are the sheet's used range, not columns.
        while headers.last().is_some_and(String::is_empty) {
            headers.pop();
        }
        for row in &mut rows {
            row.fields.truncate(headers.len());
        }
        let table = Table::from_sheet(shown, &name, header_row, col0, headers, rows);
        if let Some(d) = table.repeated_header() {
            diags.push(d);
            continue;
        }
        out.push(Sheet { name, table });
    }
    if out.is_empty() && diags.error_count() == errors_before {
        // A damaged or empty workbook must not silently contribute nothing.
        diags.push(
            Diagnostic::error(Location::file(shown), "the workbook has no sheet with a header row and data")
                .hint("put each edition on its own sheet, named after the edition id, with a header row (code, indicator codes)"),
        );
    }
    out
}

/// A cell as the text a CSV export would hold: numbers in their shortest exact form.
fn text_of(
    cell: &Data,
    shown: &Path,
    sheet: &str,
    col: usize,
    line: usize,
    diags: &mut Diagnostics,
) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => crate::text::nfc(s.trim()),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => format!("{f}"),
        Data::Bool(b) => b.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::DateTime(d) => d.to_string(),
        Data::Error(e) => {
            diags.push(
                Diagnostic::error(
                    Location::file(format!(
                        "{} [{sheet}]!{}{line}",
                        shown.display(),
                        column_letters(col)
                    )),
                    format!("the cell holds the spreadsheet error {e}"),
                )
                .hint("fix the formula, or type the published value; leave the cell empty when not published"),
            );
            String::new()
        }
    }
}
