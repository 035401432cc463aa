//! Provenance marks checked against the data files, apart from the code that puts them on pages
//! (`render::provenance`): it reads the observations as loaded (which figures the `derived`
//! column names, which rank changes are published) and the rendered pages and JSON, and says
//! where they disagree.
//!
//! - In the Vietnamese ranking table of each edition and indicator, a unit's value and rank carry
//!   the derived mark exactly when the data says they were derived; a rank change shown from a
//!   derived figure of the previous edition (same units, earlier year) carries it too, unless the
//!   change itself is published.
//! - In each unit's JSON, `value_source`/`rank_source` say `derived` exactly for those figures.
//! - Where an edition's table is incomplete, the distribution block of its ranking page shows each
//!   published aggregate (mean, lowest, highest) as published, with the published mark.

use std::collections::HashMap;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::model::{Dataset, EditionId, IndicatorId, UnitId};
use crate::plan::PageKind;
use crate::site::Site;
use crate::text::Lang;

/// The class every derived mark has on a page.
const DERIVED: &str = "mark mark-derived";
/// The class of the published-aggregate mark.
const PUBLISHED: &str = "mark mark-published";

/// Checks the marks of every derived figure and published aggregate; returns how many figures
/// were checked.
pub fn check(site: &Site, files: &[(String, Vec<u8>)], diags: &mut Diagnostics) -> usize {
    let ds = &site.dataset;
    let by_path: HashMap<&str, &[u8]> = files
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    let text = |path: &str| {
        by_path
            .get(path)
            .map(|b| String::from_utf8_lossy(b).into_owned())
    };
    let mut problems: Vec<(String, String)> = Vec::new();
    let mut checked = 0;
    let root = ds.root_indicator();
    let ranking_file = |e: EditionId, i: IndicatorId| {
        let kind = if i == root {
            PageKind::Ranking(e)
        } else {
            PageKind::IndicatorRanking(e, i)
        };
        site.plan.page(kind, Lang::Vi).map(|p| p.file())
    };
    for (&(e, i, u), o) in &ds.observations {
        let Some(file) = ranking_file(e, i) else {
            continue;
        };
        let Some(html) = text(&file) else { continue };
        let name = &ds.period_in(u, e).name;
        let Some(row) = row_of(&html, name) else {
            continue;
        };
        let who = format!("{name} ({} {})", ds.editions[e].id, ds.indicators[i].code);
        let cells = cells(row);
        // Columns: rank, [change], name (a <th>, not among the cells), [region], value.
        let value_cell = cells
            .iter()
            .find(|c| c.starts_with("<td class=\"num value\""));
        let rank_cell = cells
            .iter()
            .find(|c| c.starts_with("<td class=\"num rank\""));
        if o.value.is_some()
            && let Some(c) = value_cell
        {
            checked += 1;
            if c.contains(DERIVED) != o.value_derived {
                problems.push((file.clone(), said(o.value_derived, "value", &who)));
            }
        }
        if o.official_rank.is_some()
            && !complete(ds, e, i)
            && let Some(c) = rank_cell
        {
            checked += 1;
            if c.contains(DERIVED) != o.rank_derived {
                problems.push((file.clone(), said(o.rank_derived, "rank", &who)));
            }
        }
        // A change shown from a derived figure of the previous edition is derived.
        if let Some(p) = previous(ds, e)
            && o.published_rank_change.is_none()
            && let Some(before) = ds.observation(p, i, u)
            && before.rank_derived
            && let Some(change) = cells.get(1).filter(|c| c.contains("class=\"chg"))
        {
            checked += 1;
            if !change.contains(DERIVED) {
                problems.push((
                    file.clone(),
                    format!(
                        "the rank change of {who} rests on a derived rank but is not marked derived"
                    ),
                ));
            }
        }
        checked += json(site, &text, e, i, u, o, &mut problems);
    }
    checked += published(site, &text, &mut problems);
    for (file, problem) in problems {
        diags.push(
            Diagnostic::warning(Location::file(format!("output/{file}")), format!("provenance mark: {problem}"))
                .hint("marks come from render::provenance and the `derived` column of the data; a derived figure is never shown as official"),
        );
    }
    checked
}

/// "the value of X is derived but not marked so" / "… is marked derived but is official".
fn said(derived: bool, what: &str, who: &str) -> String {
    if derived {
        format!("the {what} of {who} is derived (data: `derived` column) but not marked derived")
    } else {
        format!("the {what} of {who} is marked derived, but the data publishes it")
    }
}

/// Whether every unit of edition `e` has a published (not derived) value of `i`.
fn complete(ds: &Dataset, e: EditionId, i: IndicatorId) -> bool {
    ds.editions[e].units.iter().all(|&u| {
        ds.observation(e, i, u)
            .is_some_and(|o| o.value.is_some() && !o.value_derived)
    })
}

/// The latest earlier edition with the same units.
fn previous(ds: &Dataset, e: EditionId) -> Option<EditionId> {
    let ed = &ds.editions[e];
    ds.edition_ids()
        .filter(|&p| ds.editions[p].units == ed.units && ds.editions[p].year < ed.year)
        .max_by_key(|&p| ds.editions[p].year)
}

/// The `<tr>…</tr>` of a ranking table whose unit link reads `name`.
fn row_of<'a>(html: &'a str, name: &str) -> Option<&'a str> {
    let table = &html[html.find("<table class=\"ranking\"")?..];
    let table = &table[..table.find("</table>")?];
    let at = table.find(&format!(">{}</a>", crate::text::escape(name)))?;
    let start = table[..at].rfind("<tr")?;
    let end = at + table[at..].find("</tr>")?;
    Some(&table[start..end])
}

/// The `<td…>…</td>` cells of a row, in order.
fn cells(row: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = row;
    while let Some(s) = rest.find("<td") {
        let Some(len) = rest[s..].find("</td>") else {
            break;
        };
        out.push(&rest[s..s + len]);
        rest = &rest[s + len..];
    }
    out
}

/// The unit's JSON labels its derived figures `derived`, and no other.
fn json(
    site: &Site,
    text: &dyn Fn(&str) -> Option<String>,
    e: EditionId,
    i: IndicatorId,
    u: UnitId,
    o: &crate::model::Observation,
    problems: &mut Vec<(String, String)>,
) -> usize {
    let ds = &site.dataset;
    let file = format!("data/{}/{}.json", ds.unit_paths.data, ds.units[u].slug);
    let Some(doc) = text(&file).and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
    else {
        return 0;
    };
    let id = &ds.editions[e].id;
    let Some(fig) = doc["indicators"][&ds.indicators[i].code]
        .as_array()
        .and_then(|a| a.iter().find(|f| f["edition"] == id.as_str()))
    else {
        return 0;
    };
    let who = format!("{} ({id} {})", ds.units[u].slug, ds.indicators[i].code);
    let mut n = 0;
    for (present, derived, field) in [
        (o.value.is_some(), o.value_derived, "value_source"),
        (
            o.official_rank.is_some() && !complete(ds, e, i),
            o.rank_derived,
            "rank_source",
        ),
    ] {
        if !present {
            continue;
        }
        n += 1;
        if (fig[field] == "derived") != derived {
            problems.push((
                file.clone(),
                format!(
                    "`{field}` of {who} is {}, but the data says it is {}",
                    fig[field],
                    if derived { "derived" } else { "published" }
                ),
            ));
        }
    }
    n
}

/// Published aggregates stand in, marked, where an edition's table is incomplete.
fn published(
    site: &Site,
    text: &dyn Fn(&str) -> Option<String>,
    problems: &mut Vec<(String, String)>,
) -> usize {
    let ds = &site.dataset;
    let ctx = site.ctx();
    let t = ctx.t(Lang::Vi);
    let root = ds.root_indicator();
    let mut n = 0;
    for p in &ds.published {
        if !["mean", "min", "max"].contains(&p.statistic.as_str())
            || p.indicator != root
            || complete(ds, p.edition, p.indicator)
        {
            continue;
        }
        let Some(file) = site
            .plan
            .page(PageKind::Ranking(p.edition), Lang::Vi)
            .map(|pg| pg.file())
        else {
            continue;
        };
        let Some(html) = text(&file) else { continue };
        n += 1;
        let value = crate::text::decimal(p.value, ds.precision as usize, Lang::Vi);
        let shown = format!(
            "<dt>{}</dt><dd>{value}<sup class=\"{PUBLISHED}\"",
            crate::text::escape(t.get(p.statistic.as_str()))
        );
        if !html.contains(&shown) {
            problems.push((
                file,
                format!(
                    "the published {} {value} of {} is not shown, marked as published, where the table is incomplete",
                    p.statistic.as_str(), ds.editions[p.edition].id
                ),
            ));
        }
    }
    n
}
