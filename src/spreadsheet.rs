//! XLSX downloads beside the CSVs (`data/<edition>.xlsx`, `data/dti.xlsx`). Excel opens a UTF-8
//! CSV without a byte-order mark as a legacy code page and mangles "Đắk Lắk"; a workbook has no
//! such trap and keeps numbers as numbers. Written with `rust_xlsxwriter` (pure Rust, no default
//! features, widely used) from the same typed rows as the CSV, so the two cannot disagree.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

use crate::opendata::{Cell, OutFile, Sheet};

/// Name of the data sheet.
pub const DATA_SHEET: &str = "data";
/// Name of the sheet with title, licence and sources.
pub const NOTES_SHEET: &str = "notes";

/// The workbook of `sheet`: the data sheet (same header and rows as the CSV; values as numbers
/// shown with `places` decimals, ranks and years as whole numbers, codes as text) and a notes
/// sheet. The path is the CSV's with `.xlsx`.
pub fn workbook(sheet: &Sheet, places: u32) -> OutFile {
    let path = sheet.csv_path.strip_suffix(".csv").map_or_else(
        || format!("{}.xlsx", sheet.csv_path),
        |s| format!("{s}.xlsx"),
    );
    let bytes = write(sheet, places).expect("writing a workbook to memory cannot fail");
    (path, bytes)
}

fn write(sheet: &Sheet, places: u32) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    // A fixed creation time: builds stay byte-identical (the default is the clock).
    book.set_properties(
        &DocProperties::new().set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?),
    );
    let bold = Format::new().set_bold();
    let decimals = if places == 0 {
        "0".to_owned()
    } else {
        format!("0.{}", "0".repeat(places as usize))
    };
    let value = Format::new().set_num_format(decimals);
    // Rows go to a temporary file as they are written (they are written in order): memory
    // holds the shared strings, not every cell of the long table.
    let data = book.add_worksheet_with_low_memory()?;
    data.set_name(DATA_SHEET)?;
    for (c, h) in sheet.header.iter().enumerate() {
        data.write_string_with_format(0, c as u16, h, &bold)?;
    }
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(s) if !s.is_empty() => {
                    data.write_string(r, c, s)?;
                }
                Cell::Value(v) => {
                    data.write_number_with_format(r, c, *v, &value)?;
                }
                Cell::Whole(n) => {
                    data.write_number(r, c, *n as f64)?;
                }
                Cell::Text(_) | Cell::Empty => {}
            }
        }
    }
    data.set_freeze_panes(1, 0)?;
    let notes = book.add_worksheet();
    notes.set_name(NOTES_SHEET)?;
    notes.write_string_with_format(0, 0, "field", &bold)?;
    notes.write_string_with_format(0, 1, "value", &bold)?;
    for (r, (k, v)) in sheet.notes.iter().enumerate() {
        notes.write_string(r as u32 + 1, 0, k)?;
        notes.write_string(r as u32 + 1, 1, v)?;
    }
    notes.set_column_width(1, 100)?;
    book.save_to_buffer()
}
