//! `chiso check`: everything a build validates, without writing anything, plus checks a build
//! does not make: published aggregates against the computed ones, every internal link and
//! `#anchor` of the rendered pages, numbers written in commentary against the data, and the
//! provenance marks of derived figures and published aggregates ([`marks`]), and what the
//! pages draw: ranking charts, maps and share-card text, read back from the HTML ([`drawn`]).

mod claims;
mod drawn;
mod generated;
mod html;
pub mod links;
mod marks;

use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::site::{Options, Site};
use crate::text::number::key_at;

/// What a check found, with counts for the summary line.
pub struct Outcome {
    /// Every error and warning.
    pub diagnostics: Diagnostics,
    /// Pages rendered (0 when loading failed).
    pub pages: usize,
    /// Internal links (and anchors) followed.
    pub links: usize,
}

/// Loads, validates and renders the site in memory, then runs the extra checks.
pub fn run(opts: &Options) -> Outcome {
    let site = match crate::site::load(opts) {
        Ok(site) => site,
        Err(diagnostics) => {
            return Outcome {
                diagnostics,
                pages: 0,
                links: 0,
            };
        }
    };
    let mut diags = site.warnings.clone();
    published_stats(&site, &mut diags);
    claims::check(&site, &mut diags);
    let (mut pages, mut links) = (0, 0);
    // Pure rendering: share cards are checked to be drawable but not drawn, so nothing is
    // written, not even the card cache. Their paths still count as files for the links.
    match crate::site::render_pure(&site) {
        Ok(rendered) => {
            let mut files = rendered.files;
            generated::check(&site, &files, &rendered.cards, &mut diags);
            marks::check(&site, &files, &mut diags);
            drawn::check(&site, &files, &mut diags);
            files.extend(rendered.cards.into_iter().map(|(p, _)| (p, Vec::new())));
            files.sort_by(|a, b| a.0.cmp(&b.0));
            pages = files.iter().filter(|(p, _)| p.ends_with(".html")).count();
            links = links::check(&site, &files, &mut diags);
        }
        Err(d) => diags.extend(d),
    }
    Outcome {
        diagnostics: diags,
        pages,
        links,
    }
}

/// Published aggregates (`published-stats.csv`) that differ from the ones computed from a complete
/// table, at the published precision.
pub fn published_stats(site: &Site, diags: &mut Diagnostics) {
    let ds = &site.dataset;
    for p in &ds.published {
        let Some(stats) = site
            .report
            .table(p.edition, p.indicator)
            .and_then(|t| t.stats)
        else {
            continue;
        };
        // The national index is not an aggregate of the provinces.
        let Some(computed) = stats.get(p.statistic) else {
            continue;
        };
        if key_at(computed, ds.precision) == key_at(p.value, ds.precision) {
            continue;
        }
        let places = ds.precision as usize;
        let what = match p.statistic {
            crate::model::Statistic::Mean => format!("the {} values average", stats.count),
            other => format!("the {other} of the {} values is", stats.count),
        };
        let message = format!(
            "published {} {} of `{}` is {}, but {what} {}",
            ds.editions[p.edition].id,
            p.statistic,
            ds.indicators[p.indicator].code,
            decimal(p.value, places),
            decimal(computed, places),
        );
        // An explained difference is acknowledged: reported as a note, which never fails.
        diags.push(if p.explanation.is_empty() {
            Diagnostic::warning(p.origin.clone(), message)
                .hint("check the value file against the source; if the source itself differs, explain it in the `explanation` column (shown on the page; the difference is then reported as acknowledged)")
        } else {
            Diagnostic::note(p.origin.clone(), format!("{message} (acknowledged)"))
                .hint(p.explanation.clone())
        });
    }
}

/// A value in Vietnamese notation, as the content writes it.
fn decimal(x: f64, places: usize) -> String {
    crate::text::number::decimal(x, places, crate::text::Lang::Vi)
}

/// Whether the check fails: on errors, and on warnings when `strict`.
pub fn failed(diags: &Diagnostics, strict: bool) -> bool {
    diags.has_errors() || (strict && diags.warning_count() > 0)
}

/// The machine-readable report. The schema is stable: `version`, `ok`, `errors`, `warnings`,
/// `pages`, `links` and `diagnostics`, each with `severity`, `file`, `line`, `column`, `sheet`,
/// `cell`, `message` and `hint` (absent values are `null`).
pub fn to_json(outcome: &Outcome, strict: bool) -> String {
    let d = &outcome.diagnostics;
    let items: Vec<serde_json::Value> = d
        .items()
        .into_iter()
        .map(|x| {
            let shown = x.location.file.display().to_string();
            let (file, sheet, cell) = split_sheet_cell(&shown);
            serde_json::json!({
                "severity": match x.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Note => "note",
                },
                "file": file,
                "line": x.location.line,
                "column": x.location.column,
                "sheet": sheet,
                "cell": cell,
                "message": x.message,
                "hint": x.hint,
            })
        })
        .collect();
    let report = serde_json::json!({
        "version": 1,
        "ok": !failed(d, strict),
        "errors": d.error_count(),
        "warnings": d.warning_count(),
        "notes": d.note_count(),
        "pages": outcome.pages,
        "links": outcome.links,
        "diagnostics": items,
    });
    serde_json::to_string_pretty(&report).expect("JSON values serialize") + "\n"
}

/// Splits a spreadsheet location `content/data/dti.xlsx [2023]!C5` into file, sheet and cell.
fn split_sheet_cell(shown: &str) -> (String, Option<String>, Option<String>) {
    if let Some((file, rest)) = shown.split_once(" [")
        && let Some((sheet, cell)) = rest.rsplit_once("]!")
    {
        return (
            file.to_owned(),
            Some(sheet.to_owned()),
            Some(cell.to_owned()),
        );
    }
    if let Some((file, rest)) = shown.split_once(" [")
        && let Some(sheet) = rest.strip_suffix(']')
    {
        return (file.to_owned(), Some(sheet.to_owned()), None);
    }
    (shown.to_owned(), None, None)
}

/// The bytes of the file at `path` among `files`, which are sorted by path (as
/// [`crate::site::render_pure`] returns them): a binary search, since every page is looked up
/// (a linear search made the check quadratic in pages).
fn file<'f>(files: &'f [(String, Vec<u8>)], path: &str) -> Option<&'f [u8]> {
    files
        .binary_search_by(|(p, _)| p.as_str().cmp(path))
        .ok()
        .map(|i| files[i].1.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_locations_split() {
        assert_eq!(
            split_sheet_cell("content/data/dti.xlsx [2023]!C5"),
            (
                "content/data/dti.xlsx".to_owned(),
                Some("2023".to_owned()),
                Some("C5".to_owned())
            )
        );
        assert_eq!(
            split_sheet_cell("content/data/dti.xlsx [long]"),
            (
                "content/data/dti.xlsx".to_owned(),
                Some("long".to_owned()),
                None
            )
        );
        assert_eq!(split_sheet_cell("a.csv").0, "a.csv");
    }
}
