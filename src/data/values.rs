//! Value files in `content/data/`: wide (one row per unit) and long (one row per figure),
//! plus the published aggregates file.

use crate::diagnostics::Diagnostics;
use crate::model::{Dataset, EditionId, Observation, PublishedStat, Statistic};

use super::table::{Row, Table};

/// Columns of the long format, besides the figures themselves.
const LONG_REQUIRED: [&str; 3] = ["code", "indicator", "value"];
/// Wide-format columns that are not indicators.
const WIDE_EXTRA: [&str; 4] = ["source", "note", "name", "derived"];

/// One figure as read, before it is merged into the dataset.
struct Figure<'a> {
    edition: EditionId,
    code: (&'a str, usize),
    indicator: (&'a str, usize),
    value: Option<(&'a str, usize)>,
    rank: Option<(&'a str, usize)>,
    source: String,
    note: String,
    /// The `derived` cell: which of value and rank were worked out rather than published.
    derived: Option<(&'a str, usize)>,
    /// The `rank_change` cell: places moved up since the previous edition, as published.
    rank_change: Option<(&'a str, usize)>,
    /// The `pct_change` cell: the value's change since the previous edition in percent, as
    /// published (`+52.2`).
    pct_change: Option<(&'a str, usize)>,
}

/// Reads a wide file whose stem names edition `edition`.
pub fn load_wide(table: &Table, edition: EditionId, ds: &mut Dataset, diags: &mut Diagnostics) {
    let Some(code_col) = table.column("code") else {
        diags.push(
            table
                .header_line_error("missing required column `code`")
                .hint("the first column of a value file is `code`, the unit's GSO code"),
        );
        return;
    };
    // Validate the header once: every other column is an indicator, `rank:<indicator>` or extra.
    let mut columns: Vec<(usize, &str, bool)> = Vec::new();
    for (ix, h) in table.headers.iter().enumerate() {
        if ix == code_col || WIDE_EXTRA.contains(&h.as_str()) {
            continue;
        }
        let (code, is_rank) = match h.strip_prefix("rank:") {
            Some(c) => (c, true),
            None => (h.as_str(), false),
        };
        if ds.indicator_by_code(code).is_none() {
            diags.push(unknown_indicator(table, ds, ix, code));
            continue;
        }
        columns.push((ix, code, is_rank));
    }
    let (src_col, note_col) = (table.column("source"), table.column("note"));
    let name_col = table.column("name");
    let derived_col = table.column("derived");
    let mut seen: Vec<(String, usize)> = Vec::new();
    for row in &table.rows {
        let code = row.fields[code_col].as_str();
        if let Some((_, line)) = seen.iter().find(|(c, _)| c == code) {
            diags.push(
                table
                    .error_at(
                        row,
                        code_col,
                        format!("duplicate row: unit {code} already has a row on line {line}"),
                    )
                    .hint("keep one row per unit in a wide file"),
            );
            continue;
        }
        seen.push((code.to_owned(), row.line));
        let edition_ref = &ds.editions[edition];
        let Some(unit) = find_unit(ds, code, edition_ref.units_on) else {
            diags.push(unknown_unit(table, row, code_col, code, edition_ref, ds));
            continue;
        };
        if let Some(c) = name_col {
            check_name(table, row, c, unit, edition, ds, diags);
        }
        let mut by_indicator: Vec<Figure> = Vec::new();
        for &(ix, ind, is_rank) in &columns {
            let field = row.fields[ix].as_str();
            if field.is_empty() {
                continue;
            }
            let fig = match by_indicator.iter_mut().find(|f| f.indicator.0 == ind) {
                Some(f) => f,
                None => {
                    by_indicator.push(Figure {
                        edition,
                        code: (code, code_col),
                        indicator: (ind, ix),
                        value: None,
                        rank: None,
                        source: src_col.map(|c| row.fields[c].clone()).unwrap_or_default(),
                        note: note_col.map(|c| row.fields[c].clone()).unwrap_or_default(),
                        derived: derived_col
                            .map(|c| (row.fields[c].as_str(), c))
                            .filter(|(f, _)| !f.is_empty()),
                        rank_change: None,
                        pct_change: None,
                    });
                    by_indicator.last_mut().unwrap()
                }
            };
            if is_rank {
                fig.rank = Some((field, ix))
            } else {
                fig.value = Some((field, ix))
            }
        }
        for fig in by_indicator {
            add_figure(table, row, fig, ds, diags);
        }
    }
}

/// Reads a long file: `year` (or `edition`), `code`, `indicator`, `value`, optional `rank`, `source`,
/// `note`, `derived` (`value`, `rank` or both: figures worked out rather than published) and
/// `rank_change` (places moved up since the previous edition, as published: `+16`, `-13`) and
/// `pct_change` (the value's change since the previous edition in percent, as published:
/// `+52.2`; shown where the previous value is missing, as published rank changes are).
pub fn load_long(
    table: &Table,
    edition_of: &dyn Fn(&str) -> Option<EditionId>,
    ds: &mut Dataset,
    diags: &mut Diagnostics,
) {
    let ed_col = table.column("edition").or_else(|| table.column("year"));
    let mut ok = ed_col.is_some();
    if !ok {
        diags.push(
            table
                .header_line_error("missing required column `year`")
                .hint("a long file has the columns year,code,indicator,value[,rank,source,note,derived,rank_change,pct_change]"),
        );
    }
    for name in LONG_REQUIRED {
        if table.column(name).is_none() {
            diags.push(
                table
                    .header_line_error(format!("missing required column `{name}`"))
                    .hint(
                        "a long file has the columns year,code,indicator,value[,rank,source,note,derived,rank_change,pct_change]",
                    ),
            );
            ok = false;
        }
    }
    if !ok {
        return;
    }
    let col = |n: &str| table.column(n);
    let (ed_col, code_col, ind_col, val_col) = (
        ed_col.unwrap(),
        col("code").unwrap(),
        col("indicator").unwrap(),
        col("value").unwrap(),
    );
    for row in &table.rows {
        let ed_text = &row.fields[ed_col];
        let Some(edition) = edition_of(ed_text) else {
            diags.push(
                table
                    .error_at(row, ed_col, format!("no edition `{ed_text}` is declared"))
                    .hint(edition_hint(ds, ed_text)),
            );
            continue;
        };
        let ind = row.fields[ind_col].as_str();
        if ds.indicator_by_code(ind).is_none() {
            diags.push(
                table
                    .error_at(row, ind_col, format!("unknown indicator `{ind}`"))
                    .hint(indicator_hint(ds, ind)),
            );
            continue;
        }
        let field = |c: Option<usize>| {
            c.map(|c| (row.fields[c].as_str(), c))
                .filter(|(f, _)| !f.is_empty())
        };
        let fig = Figure {
            edition,
            code: (row.fields[code_col].as_str(), code_col),
            indicator: (ind, ind_col),
            value: field(Some(val_col)),
            rank: field(col("rank")),
            source: col("source")
                .map(|c| row.fields[c].clone())
                .unwrap_or_default(),
            note: col("note")
                .map(|c| row.fields[c].clone())
                .unwrap_or_default(),
            derived: field(col("derived")),
            rank_change: field(col("rank_change")),
            pct_change: field(col("pct_change")),
        };
        if fig.value.is_none()
            && fig.rank.is_none()
            && fig.rank_change.is_none()
            && fig.pct_change.is_none()
        {
            diags.push(
                table
                    .error_at(row, val_col, "the row has neither a value nor a rank")
                    .hint("fill in value or rank, or delete the row"),
            );
            continue;
        }
        add_figure(table, row, fig, ds, diags);
    }
}

/// Validates one figure and merges it into the dataset.
fn add_figure(table: &Table, row: &Row, fig: Figure, ds: &mut Dataset, diags: &mut Diagnostics) {
    let edition = &ds.editions[fig.edition];
    let (code, code_col) = fig.code;
    let Some(unit) = find_unit(ds, code, edition.units_on) else {
        diags.push(unknown_unit(table, row, code_col, code, edition, ds));
        return;
    };
    // Only parents can be missing from their edition's unit set (see `data::editions`).
    if !ds.units[unit].children.is_empty() && !edition.units.contains(&unit) {
        diags.push(
            table
                .error_at(row, code_col, format!("unit {code} (`{}`) is the parent of other units on {}: its figures would be ranked with theirs", ds.units[unit].slug, edition.units_on))
                .hint("a site ranks one level of units: remove the parent's rows, or publish them in a site of their own"),
        );
        return;
    }
    let ind = ds
        .indicator_by_code(fig.indicator.0)
        .expect("checked by caller");
    let indicator = &ds.indicators[ind];
    if !indicator.exists_in(edition.year) {
        diags.push(
            table
                .error_at(
                    row,
                    fig.indicator.1,
                    format!(
                        "indicator `{}` does not exist in {}",
                        indicator.code, edition.year
                    ),
                )
                .hint("check the indicator's from/to years in content/indicators.toml"),
        );
        return;
    }
    let mut value = None;
    if let Some((text, col)) = fig.value {
        match crate::text::number::parse_decimal(text) {
            None => {
                diags.push(table.error_at(row, col, format!("`{text}` is not a number")).hint("write values like 0.5934 or 0,5934; leave the cell empty when not published"));
                return;
            }
            Some(v) if v < indicator.min || v > indicator.max => {
                diags.push(
                    table.error_at(row, col, format!("value {text} is outside the range {}..{} of `{}`", indicator.min, indicator.max, indicator.code))
                        .hint("values are published as fractions (0.5934, not 59.34); check for a typo"),
                );
                return;
            }
            Some(v) => value = Some(v),
        }
    }
    let mut official_rank = None;
    if let Some((text, col)) = fig.rank {
        match text.parse::<u32>() {
            Ok(r) if r >= 1 && (r as usize) <= edition.units.len() => official_rank = Some(r),
            _ => {
                diags.push(
                    table
                        .error_at(
                            row,
                            col,
                            format!(
                                "rank `{text}` is not a whole number from 1 to {}",
                                edition.units.len()
                            ),
                        )
                        .hint("ranks are positions in the edition's table: 1 is first"),
                );
                return;
            }
        }
    }
    let mut published_rank_change = None;
    if let Some((text, col)) = fig.rank_change {
        // "+16", "16", "-13" or "−13" (the true minus sign, as pages write it).
        let plain = text.trim().replace('\u{2212}', "-");
        match plain.trim_start_matches('+').parse::<i64>() {
            Ok(n) if n.unsigned_abs() < edition.units.len() as u64 => {
                published_rank_change = Some(n)
            }
            _ => {
                diags.push(
                    table
                        .error_at(row, col, format!("rank change `{text}` is not a whole number of places smaller than {}", edition.units.len()))
                        .hint("write the places moved up as published: +16 for up 16 places, -13 for down 13, 0 for unchanged"),
                );
                return;
            }
        }
    }
    let mut published_pct_change = None;
    if let Some((text, col)) = fig.pct_change {
        // "+52.2", "52,2 %", "-3.1" or "−3,1" (as the press writes it).
        let plain = text
            .trim()
            .trim_end_matches('%')
            .trim()
            .replace('\u{2212}', "-")
            .replace(',', ".");
        match plain.trim_start_matches('+').parse::<f64>() {
            Ok(p) if p.is_finite() && p > -100.0 => published_pct_change = Some(p),
            _ => {
                diags.push(
                    table
                        .error_at(row, col, format!("percent change `{text}` is not a number of percent above -100"))
                        .hint("write the change of the value since the previous edition as published, in percent: +52.2 for up 52.2 %, -3.1 for down 3.1 %"),
                );
                return;
            }
        }
    }
    let (mut value_derived, mut rank_derived) = (false, false);
    if let Some((text, col)) = fig.derived {
        for word in text.split(|c: char| c == '+' || c == ';' || c.is_whitespace()) {
            match word {
                "" => {}
                "value" if value.is_some() => value_derived = true,
                "rank" if official_rank.is_some() => rank_derived = true,
                _ => {
                    diags.push(
                        table
                            .error_at(row, col, format!("`{text}` in column `derived` names no figure of this row"))
                            .hint("write `value`, `rank` or `value rank`: the figures of this row that were worked out from other published figures rather than published"),
                    );
                    return;
                }
            }
        }
    }
    let origin = table.row_location(row.line);
    let key = (fig.edition, ind, unit);
    match ds.observations.get_mut(&key) {
        Some(existing) => {
            let clash = (value.is_some() && existing.value.is_some())
                || (official_rank.is_some() && existing.official_rank.is_some())
                || (published_rank_change.is_some() && existing.published_rank_change.is_some())
                || (published_pct_change.is_some() && existing.published_pct_change.is_some());
            if clash {
                diags.push(
                    table
                        .error_line(
                            row.line,
                            format!(
                                "duplicate figure: {} {} of unit {code} was already given at {}",
                                edition.id, indicator.code, existing.origin
                            ),
                        )
                        .hint("each value and rank may be given once; delete one of the two"),
                );
                return;
            }
            existing.value = existing.value.or(value);
            existing.official_rank = existing.official_rank.or(official_rank);
            existing.published_rank_change =
                existing.published_rank_change.or(published_rank_change);
            existing.published_pct_change = existing.published_pct_change.or(published_pct_change);
            existing.value_derived |= value_derived;
            existing.rank_derived |= rank_derived;
            if existing.source.is_empty() {
                existing.source = fig.source;
            }
            if existing.note.is_empty() {
                existing.note = fig.note;
            }
        }
        None => {
            ds.observations.insert(
                key,
                Observation {
                    value,
                    official_rank,
                    source: fig.source,
                    note: fig.note,
                    value_derived,
                    rank_derived,
                    published_rank_change,
                    published_pct_change,
                    origin,
                },
            );
        }
    }
}

/// Reads the published aggregates: `year,indicator,statistic,value,source,note`, optionally
/// `explanation` and `explanation_en` (why a known difference from the computed figure is accepted).
pub fn load_published(
    table: &Table,
    edition_of: &dyn Fn(&str) -> Option<EditionId>,
    ds: &mut Dataset,
    diags: &mut Diagnostics,
) {
    let cols: Vec<Option<usize>> = ["year", "indicator", "statistic", "value"]
        .iter()
        .map(|c| table.column(c))
        .collect();
    if cols.iter().any(Option::is_none) {
        diags.push(table.header_line_error("missing required columns").hint(
            "published-stats.csv has the columns year,indicator,statistic,value,source,note",
        ));
        return;
    }
    let [y, i, s, v] = [
        cols[0].unwrap(),
        cols[1].unwrap(),
        cols[2].unwrap(),
        cols[3].unwrap(),
    ];
    for row in &table.rows {
        let Some(edition) = edition_of(&row.fields[y]) else {
            diags.push(
                table
                    .error_at(
                        row,
                        y,
                        format!("no edition `{}` is declared", row.fields[y]),
                    )
                    .hint(edition_hint(ds, &row.fields[y])),
            );
            continue;
        };
        let Some(indicator) = ds.indicator_by_code(&row.fields[i]) else {
            diags.push(
                table
                    .error_at(row, i, format!("unknown indicator `{}`", row.fields[i]))
                    .hint(indicator_hint(ds, &row.fields[i])),
            );
            continue;
        };
        let Some(statistic) = Statistic::parse(&row.fields[s]) else {
            let names: Vec<&str> = Statistic::ALL.iter().map(|s| s.as_str()).collect();
            diags.push(
                table
                    .error_at(row, s, format!("unknown statistic `{}`", row.fields[s]))
                    .hint(format!("use one of {}", names.join(", "))),
            );
            continue;
        };
        let Some(value) = crate::text::number::parse_decimal(&row.fields[v]) else {
            diags.push(
                table
                    .error_at(row, v, format!("`{}` is not a number", row.fields[v]))
                    .hint("write values like 0.5763"),
            );
            continue;
        };
        let get = |n: &str| {
            table
                .column(n)
                .map(|c| row.fields[c].clone())
                .unwrap_or_default()
        };
        ds.published.push(PublishedStat {
            edition,
            indicator,
            statistic,
            value,
            source: get("source"),
            note: get("note"),
            explanation: get("explanation"),
            explanation_en: get("explanation_en"),
            origin: table.row_location(row.line),
        });
    }
}

/// The unit with `code` on `date`. Spreadsheets drop leading zeros ("01" becomes 1), so a
/// numeric code also matches the one code it equals as a number.
fn find_unit(ds: &Dataset, code: &str, date: crate::model::Date) -> Option<crate::model::UnitId> {
    if let Some(u) = ds.unit_by_code_on(code, date) {
        return Some(u);
    }
    let n: u64 = code.parse().ok()?;
    let mut found = ds.unit_ids().filter(|&u| {
        ds.units[u]
            .period_on(date)
            .is_some_and(|p| p.code.parse::<u64>().ok() == Some(n))
    });
    let first = found.next();
    if found.next().is_some() { None } else { first }
}

/// An optional `name` column must name the unit its code points to (Vietnamese or English
/// name of that edition, exactly, after Unicode normalisation): a mismatch usually means a
/// shifted row or a wrong code.
fn check_name(
    table: &Table,
    row: &Row,
    col: usize,
    unit: crate::model::UnitId,
    edition: EditionId,
    ds: &Dataset,
    diags: &mut Diagnostics,
) {
    let written = crate::text::nfc(&row.fields[col]);
    if written.is_empty() {
        return;
    }
    let period = ds.period_in(unit, edition);
    if written == crate::text::nfc(&period.name) || written == crate::text::nfc(&period.name_en) {
        return;
    }
    diags.push(
        table
            .warning_at(
                row,
                col,
                format!(
                    "name `{written}` does not match unit {} ({}) of edition {}",
                    period.code, period.name, ds.editions[edition].id
                ),
            )
            .hint("the code decides the unit: check that the row is the right one, or correct the name (names are compared exactly, accents and case included)"),
    );
}

fn unknown_unit(
    table: &Table,
    row: &Row,
    col: usize,
    code: &str,
    edition: &crate::model::Edition,
    ds: &Dataset,
) -> crate::diagnostics::Diagnostic {
    table
        .error_at(
            row,
            col,
            format!(
                "unknown unit code `{code}` for edition {} (units valid on {})",
                edition.id, edition.units_on
            ),
        )
        .hint(unit_hint(ds, code, edition.units_on))
}

/// What an unknown unit code probably meant: a unit of another date (a province merged away),
/// a unit's name or slug written in the code column, or the closest code of the date (a typo).
fn unit_hint(ds: &Dataset, code: &str, date: crate::model::Date) -> String {
    let then = "use a GSO code listed in content/units.csv for that date, as text with its leading zero (\"01\")";
    let elsewhere = ds.units.iter().find_map(|u| {
        let p = u.periods.iter().find(|p| p.code == code)?;
        Some((p, u))
    });
    if let Some((p, u)) = elsewhere {
        let when = match (p.valid_from, p.valid_to) {
            (_, Some(to)) if to < date => format!("until {to}"),
            (Some(from), _) => format!("from {from}"),
            _ => "of other dates".to_owned(),
        };
        let successor = u
            .successor
            .map(|s| {
                format!(
                    " (its successor: `{}`, {})",
                    ds.units[s].latest().code,
                    ds.units[s].latest().name
                )
            })
            .unwrap_or_default();
        return format!(
            "`{code}` is {} ({}), a unit {when}{successor}; {then}",
            p.name, u.slug
        );
    }
    // Each unit of the date under its code, name and slug (key, code, name), so a name in the
    // code column and a mistyped code both find it.
    let keys: Vec<(&str, &str, &str)> = ds
        .units
        .iter()
        .filter_map(|u| Some((u, u.period_on(date)?)))
        .flat_map(|(u, p)| {
            [p.code.as_str(), p.name.as_str(), u.slug.as_str()]
                .map(|k| (k, p.code.as_str(), p.name.as_str()))
        })
        .collect();
    match crate::text::suggest::closest(code, keys.iter().map(|k| k.0)) {
        Some(k) => {
            let (_, c, name) = keys.iter().find(|x| x.0 == k).expect("a key of the list");
            format!("did you mean `{c}` ({name})? {then}")
        }
        None => then.to_owned(),
    }
}

fn unknown_indicator(
    table: &Table,
    ds: &Dataset,
    ix: usize,
    code: &str,
) -> crate::diagnostics::Diagnostic {
    table
        .header_error(ix, format!("unknown indicator `{code}` in the header"))
        .hint(indicator_hint(ds, code))
}

/// Suggests the closest indicator code, or lists them.
fn indicator_hint(ds: &Dataset, code: &str) -> String {
    let codes: Vec<&str> = ds.indicators.iter().map(|i| i.code.as_str()).collect();
    if let Some(c) = crate::text::suggest::closest(code, codes.iter().copied()) {
        return format!(
            "did you mean `{c}`? Indicator codes are declared in content/indicators.toml"
        );
    }
    format!(
        "known indicators: {}; columns may also be rank:<indicator>, source, note, name",
        codes.join(", ")
    )
}

/// Suggests the closest edition id, and says where editions are declared.
fn edition_hint(ds: &Dataset, id: &str) -> String {
    crate::text::suggest::hint(
        id,
        ds.editions.iter().map(|e| e.id.as_str()),
        "editions are declared as [[editions]] in content/site.toml",
    )
}
