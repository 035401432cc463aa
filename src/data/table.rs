//! A CSV file read as spreadsheet tools write it, keeping line and column of every field.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics, Location, SourceFile};

/// One data row: its 1-based line and its fields (trimmed).
#[derive(Clone, Debug)]
pub struct Row {
    /// Line of the row in the file.
    pub line: usize,
    /// Field values, as many as the header has.
    pub fields: Vec<String>,
}

/// A whole CSV file, or one spreadsheet sheet, with a header row.
pub struct Table {
    /// The file, for snippets and messages.
    pub src: SourceFile,
    /// Header names (trimmed).
    pub headers: Vec<String>,
    /// Data rows that have the right number of fields.
    pub rows: Vec<Row>,
    origin: Origin,
}

/// Where a table's cells are, for pointing at them.
enum Origin {
    /// A CSV file: fields are found in the raw line by their separator.
    Csv { delimiter: u8 },
    /// A spreadsheet sheet: messages name the cell, as in `dti.xlsx [2023]!C5`.
    Sheet {
        /// Sheet name.
        sheet: String,
        /// 0-based sheet column of the table's first field.
        first_column: usize,
        /// Sheet row of the header (1-based).
        header_row: usize,
    },
}

impl Table {
    /// Reads `path` (shown as `shown`). Malformed rows are reported and skipped; `None` when the
    /// file cannot be read at all.
    pub fn read(path: &Path, shown: &Path, diags: &mut Diagnostics) -> Option<Table> {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                diags.push(Diagnostic::error(
                    crate::diagnostics::Location::file(shown),
                    format!("cannot read file: {e}"),
                ));
                return None;
            }
        };
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let line = e.as_bytes()[..e.utf8_error().valid_up_to()]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count()
                    + 1;
                diags.push(
                    Diagnostic::error(
                        crate::diagnostics::Location::line(shown, line),
                        "the file is not valid UTF-8",
                    )
                    .hint("save the file as \"CSV UTF-8\" in your spreadsheet program"),
                );
                return None;
            }
        };
        // Spreadsheet exports often start with a byte-order mark.
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let text = crate::text::nfc(text);
        let src = SourceFile::new(shown, &text);
        let first = text.lines().next().unwrap_or("");
        // Vietnamese-locale spreadsheets write `;` between fields and `,` as decimal mark.
        let delimiter = if first.matches(';').count() > first.matches(',').count() {
            b';'
        } else {
            b','
        };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(false)
            .from_reader(text.as_bytes());
        let mut headers = Vec::new();
        let mut rows = Vec::new();
        for (n, result) in reader.records().enumerate() {
            let record = match result {
                Ok(r) => r,
                Err(e) => {
                    let line = e
                        .position()
                        .map(|p| line_at(&text, p.byte() as usize))
                        .unwrap_or(1);
                    diags.push(
                        src.error_line(line, format!("malformed CSV: {e}"))
                            .hint("check the quotes on this line"),
                    );
                    continue;
                }
            };
            // Count lines from the byte offset: the reader's own line count is off with CRLF.
            let line = record
                .position()
                .map(|p| line_at(&text, p.byte() as usize))
                .unwrap_or(n + 1);
            let fields: Vec<String> = record.iter().map(|f| f.trim().to_owned()).collect();
            if n == 0 {
                headers = fields;
                continue;
            }
            if fields.iter().all(String::is_empty) {
                continue;
            }
            if fields.len() != headers.len() {
                diags.push(
                    src.error_line(line, format!("malformed CSV row: {} fields, but the header has {}", fields.len(), headers.len()))
                        .hint("every row needs one field per header column; quote fields that contain the separator"),
                );
                continue;
            }
            rows.push(Row { line, fields });
        }
        // Spreadsheets export columns that only ever held formatting as trailing empty fields.
        while headers.len() > 1
            && headers.last().is_some_and(String::is_empty)
            && rows
                .iter()
                .all(|r| r.fields.last().is_some_and(String::is_empty))
        {
            headers.pop();
            for r in &mut rows {
                r.fields.pop();
            }
        }
        if headers.is_empty() {
            diags.push(
                src.error_line(1, "the file is empty: a header row is required")
                    .hint("the first line names the columns, e.g. code,dti"),
            );
            return None;
        }
        let table = Table {
            src,
            headers,
            rows,
            origin: Origin::Csv { delimiter },
        };
        if let Some(d) = table.repeated_header() {
            diags.push(d);
            return None;
        }
        Some(table)
    }

    /// An error when a header names a column twice: otherwise one of the two columns would be
    /// silently ignored (or win over the other), whichever way the reader looks them up.
    pub fn repeated_header(&self) -> Option<Diagnostic> {
        let (i, first) = self.headers.iter().enumerate().find_map(|(i, h)| {
            let first = self.headers[..i]
                .iter()
                .position(|o| !h.is_empty() && o == h)?;
            Some((i, first))
        })?;
        let h = &self.headers[i];
        let msg = format!(
            "column `{h}` is in the header twice (columns {} and {})",
            first + 1,
            i + 1
        );
        let d = match &self.origin {
            Origin::Csv { delimiter } => {
                let column = field_start(self.src.line_text(1), *delimiter, i) + 1;
                self.src.error_at(1, column, h.chars().count(), msg)
            }
            Origin::Sheet { header_row, .. } => Diagnostic::error(
                self.cell(*header_row, i).unwrap_or_else(|| self.whole()),
                msg,
            ),
        };
        Some(d.hint(
            "each column may appear once: delete the repeated column or give it its own name",
        ))
    }

    /// A table read from sheet `sheet` of a spreadsheet shown as `shown`; row lines are sheet
    /// rows, `first_column` is the 0-based sheet column of the first field.
    pub fn from_sheet(
        shown: &Path,
        sheet: &str,
        header_row: usize,
        first_column: usize,
        headers: Vec<String>,
        rows: Vec<Row>,
    ) -> Table {
        Table {
            src: SourceFile::new(shown, ""),
            headers,
            rows,
            origin: Origin::Sheet {
                sheet: sheet.to_owned(),
                first_column,
                header_row,
            },
        }
    }

    /// The whole file (or sheet), for messages about it.
    pub fn whole(&self) -> Location {
        match &self.origin {
            Origin::Csv { .. } => Location::file(&self.src.shown),
            Origin::Sheet { sheet, .. } => {
                Location::file(format!("{} [{sheet}]", self.src.shown.display()))
            }
        }
    }

    /// Where row `line` is: `file:line` or `file [sheet]!5:5`.
    pub fn row_location(&self, line: usize) -> Location {
        match &self.origin {
            Origin::Csv { .. } => Location::line(&self.src.shown, line),
            Origin::Sheet { sheet, .. } => Location::file(format!(
                "{} [{sheet}]!{line}:{line}",
                self.src.shown.display()
            )),
        }
    }

    /// An error about a whole row (with the line shown for CSV).
    #[track_caller]
    pub fn error_line(&self, line: usize, message: impl Into<String>) -> Diagnostic {
        match &self.origin {
            Origin::Csv { .. } => self.src.error_line(line, message),
            Origin::Sheet { .. } => Diagnostic::error(self.row_location(line), message),
        }
    }

    /// An error about the header row.
    #[track_caller]
    pub fn header_line_error(&self, message: impl Into<String>) -> Diagnostic {
        match &self.origin {
            Origin::Csv { .. } => self.src.error_line(1, message),
            Origin::Sheet { header_row, .. } => self.error_line(*header_row, message),
        }
    }

    /// The cell of field `ix` in sheet row `line` (spreadsheets only).
    fn cell(&self, line: usize, ix: usize) -> Option<Location> {
        match &self.origin {
            Origin::Csv { .. } => None,
            Origin::Sheet {
                sheet,
                first_column,
                ..
            } => Some(Location::file(format!(
                "{} [{sheet}]!{}{line}",
                self.src.shown.display(),
                column_letters(first_column + ix)
            ))),
        }
    }

    /// Position of a header, if present.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }

    /// 1-based character column where field `ix` of `row` starts in the raw line.
    pub fn column_of(&self, row: &Row, ix: usize) -> usize {
        match self.origin {
            Origin::Csv { delimiter } => {
                field_start(self.src.line_text(row.line), delimiter, ix) + 1
            }
            Origin::Sheet { first_column, .. } => first_column + ix + 1,
        }
    }

    /// An error pointing at field `ix` of `row` (a cell, in a spreadsheet).
    #[track_caller]
    pub fn error_at(&self, row: &Row, ix: usize, message: impl Into<String>) -> Diagnostic {
        if let Some(cell) = self.cell(row.line, ix) {
            return Diagnostic::error(cell, message);
        }
        let width = row.fields.get(ix).map(|f| f.chars().count()).unwrap_or(1);
        self.src
            .error_at(row.line, self.column_of(row, ix), width, message)
    }

    /// A warning pointing at field `ix` of `row`.
    #[track_caller]
    pub fn warning_at(&self, row: &Row, ix: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: crate::diagnostics::Severity::Warning,
            ..self.error_at(row, ix, message)
        }
    }

    /// An error pointing at header column `ix`.
    #[track_caller]
    pub fn header_error(&self, ix: usize, message: impl Into<String>) -> Diagnostic {
        match &self.origin {
            Origin::Csv { delimiter } => {
                let width = self.headers.get(ix).map(|f| f.chars().count()).unwrap_or(1);
                let col = field_start(self.src.line_text(1), *delimiter, ix) + 1;
                self.src.error_at(1, col, width, message)
            }
            Origin::Sheet { header_row, .. } => {
                Diagnostic::error(self.cell(*header_row, ix).expect("a sheet"), message)
            }
        }
    }
}

/// Spreadsheet column letters of a 0-based column: 0 → A, 25 → Z, 26 → AA.
pub fn column_letters(mut col: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII")
}

/// 1-based line of byte offset `byte`.
fn line_at(text: &str, byte: usize) -> usize {
    let bytes = text.as_bytes();
    // With CRLF the reader reports a record as starting at the '\n' of the line before.
    let mut start = byte.min(bytes.len());
    while start < bytes.len() && (bytes[start] == b'\n' || bytes[start] == b'\r') {
        start += 1;
    }
    bytes[..start].iter().filter(|&&b| b == b'\n').count() + 1
}

/// Character offset where field `ix` starts in a raw CSV line (quote-aware).
fn field_start(line: &str, delimiter: u8, ix: usize) -> usize {
    let delimiter = delimiter as char;
    let mut field = 0;
    let mut quoted = false;
    for (pos, c) in line.chars().enumerate() {
        if field == ix {
            // Skip leading spaces so the pointer lands on the value itself.
            if c == ' ' {
                continue;
            }
            return pos;
        }
        match c {
            '"' => quoted = !quoted,
            c if c == delimiter && !quoted => field += 1,
            _ => {}
        }
    }
    line.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Option<Table>, Diagnostics) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.csv");
        std::fs::write(&p, text).unwrap();
        let mut d = Diagnostics::new();
        (Table::read(&p, Path::new("t.csv"), &mut d), d)
    }

    #[test]
    fn column_letters_like_a_spreadsheet() {
        let got: Vec<String> = [0, 2, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(column_letters)
            .collect();
        assert_eq!(got, ["A", "C", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }

    #[test]
    fn field_columns_are_quote_aware() {
        assert_eq!(field_start("a,b,c", b',', 2), 4);
        assert_eq!(field_start("\"x,y\",b", b',', 1), 6);
        assert_eq!(field_start("01;0,5", b';', 1), 3);
    }

    #[test]
    fn reads_bom_crlf_and_semicolons() {
        let (t, d) = read("\u{feff}code;dti\r\n01;0,8241\r\n");
        assert!(d.is_empty(), "{d}");
        let t = t.unwrap();
        assert_eq!(t.headers, ["code", "dti"]);
        assert_eq!(t.rows[0].fields, ["01", "0,8241"]);
        assert_eq!(t.rows[0].line, 2);
    }

    #[test]
    fn trailing_empty_columns_are_dropped() {
        let (t, d) = read("code;dti;;\r\n01;0,5;;\r\n");
        assert!(d.is_empty(), "{d}");
        let t = t.unwrap();
        assert_eq!(t.headers, ["code", "dti"]);
        assert_eq!(t.rows[0].fields, ["01", "0,5"]);
    }

    #[test]
    fn short_row_is_reported_with_line() {
        let (t, d) = read("code,dti,source\n01,0.5,x\n02,0.6\n03,0.7,y\n");
        assert_eq!(t.unwrap().rows.len(), 2);
        let text = d.render();
        assert!(text.contains("t.csv:3"), "{text}");
        assert!(text.contains("2 fields, but the header has 3"), "{text}");
    }
}
