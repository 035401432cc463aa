//! Reading `content/` data files into a validated [`Dataset`]. Every figure keeps its file and line.

mod aliases;
mod hierarchy;
mod indicators;
mod sources;
pub mod table;
mod units;
mod values;
pub mod xlsx;

use std::path::PathBuf;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::model::{Dataset, Date, Edition, EditionId, UnitId};

use table::Table;

/// Name of the published-aggregates file inside `content/data/`.
pub const PUBLISHED_FILE: &str = "published-stats.csv";

/// Reads units, indicators, editions and every value file. Problems go to `diags`; the returned
/// dataset is only meaningful when no error was pushed.
pub fn load(config: &Config, diags: &mut Diagnostics) -> Dataset {
    let content = config.content_dir();
    let shown = |p: &std::path::Path| config.shown(p);
    let mut ds = Dataset {
        precision: config.precision,
        unit_paths: config.units.clone(),
        ..Dataset::default()
    };
    let units_path = content.join("units.csv");
    ds.units = units::load(&units_path, &shown(&units_path), diags);
    let aliases_path = content.join("aliases.csv");
    aliases::load(&aliases_path, &shown(&aliases_path), &mut ds.units, diags);
    let sources_path = content.join("sources.csv");
    ds.source_names = sources::load(&sources_path, &shown(&sources_path), diags);
    // How the figures were obtained: published as it is, beside the downloads, and linked from
    // the data-sources page, so working notes stay out of the pages themselves.
    ds.source_notes = std::fs::read_to_string(content.join("SOURCES.md")).ok();
    let ind_path = content.join("indicators.toml");
    ds.indicators = indicators::load(&ind_path, &shown(&ind_path), diags);

    // Every table first (CSV files and workbook sheets): their names may declare editions.
    let mut tables: Vec<(String, Table)> = Vec::new();
    for path in &data_files(config, diags) {
        let shown_path = shown(path);
        if is_workbook(path) {
            for sheet in xlsx::read(path, &shown_path, diags) {
                tables.push((sheet.name, sheet.table));
            }
        } else if let Some(table) = Table::read(path, &shown_path, diags) {
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            tables.push((stem.to_owned(), table));
        }
    }
    let names: Vec<&str> = tables.iter().map(|(n, _)| n.as_str()).collect();
    ds.editions = editions(config, &names, &ds, diags);
    check_download_name(config, &ds, diags);
    let ids: Vec<String> = ds.editions.iter().map(|e| e.id.clone()).collect();
    let lookup = move |id: &str| ids.iter().position(|e| e == id).map(EditionId::new);
    let published = PUBLISHED_FILE.trim_end_matches(".csv");
    for (name, table) in &tables {
        if name == published {
            values::load_published(table, &lookup, &mut ds, diags);
        } else if table.column("indicator").is_some() {
            values::load_long(table, &lookup, &mut ds, diags);
        } else {
            match lookup(name) {
                Some(e) => values::load_wide(table, e, &mut ds, diags),
                None => diags.push(
                    Diagnostic::error(table.whole(), format!("`{name}` is not an edition, and the table has no `indicator` column"))
                        .hint(crate::text::suggest::hint(
                            name,
                            ds.editions.iter().map(|e| e.id.as_str()),
                            "name a wide file or sheet after its edition (2023.csv, a sheet named 2023, or an id declared in site.toml), or use the long format year,code,indicator,value",
                        )),
                ),
            }
        }
    }
    ds
}

/// Whether a data file is an Excel workbook.
fn is_workbook(path: &std::path::Path) -> bool {
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("xlsx"))
}

/// Every `.csv` and `.xlsx` under `content/data/`, in a stable order (spreadsheet lock files
/// such as `~$dti.xlsx` are skipped).
fn data_files(config: &Config, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let dir = config.content_dir().join("data");
    if !dir.is_dir() {
        diags.push(
            Diagnostic::error(
                Location::file(config.shown(&dir)),
                "the data folder is missing",
            )
            .hint("put one CSV file per edition in content/data/, e.g. content/data/2023.csv"),
        );
        return Vec::new();
    }
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_type().is_file()
                && !e.file_name().to_string_lossy().starts_with("~$")
                && (is_workbook(e.path())
                    || e.path()
                        .extension()
                        .is_some_and(|x| x.eq_ignore_ascii_case("csv")))
        })
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

/// Declared editions, plus one per `<year>.csv` that site.toml does not declare; each gets its unit set.
fn editions(
    config: &Config,
    files: &[&str],
    ds: &Dataset,
    diags: &mut Diagnostics,
) -> Vec<Edition> {
    let mut list: Vec<(String, u16, Date, String, String, String, String)> = config
        .editions
        .iter()
        .map(|e| {
            (
                e.id.clone(),
                e.year,
                e.units_on,
                e.label.clone(),
                e.label_en.clone(),
                e.note.clone(),
                e.note_en.clone(),
            )
        })
        .collect();
    for stem in year_stems(files) {
        if list.iter().any(|e| e.0 == stem) {
            continue;
        }
        if let Ok(year) = stem.parse::<u16>() {
            list.push((
                stem.clone(),
                year,
                Date::end_of(year.into()),
                stem.clone(),
                stem.clone(),
                String::new(),
                String::new(),
            ));
        }
    }
    list.sort_by(|a, b| (a.1, a.2, &a.0).cmp(&(b.1, b.2, &b.0)));
    list.into_iter()
        .map(|(id, year, units_on, label, label_en, note, note_en)| {
            // A unit that groups others on the date (a commune's province) is not ranked with them.
            let parents: std::collections::HashSet<UnitId> = ds
                .units
                .iter()
                .filter_map(|u| u.period_on(units_on).and_then(|p| p.parent))
                .collect();
            let mut units: Vec<UnitId> = ds
                .unit_ids()
                .filter(|&u| ds.units[u].period_on(units_on).is_some() && !parents.contains(&u))
                .collect();
            units.sort_by(|&a, &b| {
                ds.units[a]
                    .period_on(units_on)
                    .unwrap()
                    .code
                    .cmp(&ds.units[b].period_on(units_on).unwrap().code)
            });
            if units.is_empty() && !ds.units.is_empty() {
                diags.push(
                    Diagnostic::warning(
                        Location::file("content/site.toml"),
                        format!("edition {id}: no unit is valid on {units_on}"),
                    )
                    .hint("check units_on and the valid_from/valid_to dates in units.csv"),
                );
            }
            let method = config
                .editions
                .iter()
                .find(|c| c.id == id)
                .map(|c| c.method.clone())
                .unwrap_or_default();
            Edition {
                method,
                id,
                year,
                units_on,
                label,
                label_en,
                note,
                note_en,
                units,
            }
        })
        .collect()
}

/// Table names (file stems, sheet names) that look like years (candidates for undeclared editions).
fn year_stems(names: &[&str]) -> Vec<String> {
    names
        .iter()
        .filter(|s| s.len() == 4 && s.chars().all(|c| c.is_ascii_digit()))
        .map(|s| (*s).to_owned())
        .collect()
}

/// `data/<edition>.csv` and the whole-dataset download `data/<data_file>.csv` share a folder:
/// an edition named like the download would be two files with one name.
fn check_download_name(config: &Config, ds: &Dataset, diags: &mut Diagnostics) {
    if ds.indicators.is_empty() {
        return;
    }
    let stem = crate::opendata::long_csv_stem(config, ds);
    if !ds.editions.iter().any(|e| e.id == stem) {
        return;
    }
    let site_toml = config.content_dir().join("site.toml");
    // An edition declared only by a file's name has no line in site.toml.
    let line = config
        .editions
        .iter()
        .find(|e| e.id == stem)
        .map_or(1, |e| e.line);
    diags.push(
        Diagnostic::error(
            Location::line(config.shown(&site_toml), line),
            format!(
                "edition `{stem}` and the whole-dataset download would both be data/{stem}.csv"
            ),
        )
        .hint("rename the edition, or name the download otherwise: [index] data_file = \"…\" in site.toml"),
    );
}
