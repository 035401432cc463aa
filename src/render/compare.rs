//! The compare page: 2–4 provinces side by side. The default selection is rendered as plain
//! tables (complete without JavaScript); app.js lets readers choose others from embedded data.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{EditionId, UnitId};
use crate::plan::{Page, PageKind};
use crate::text::collate::Collator;

use super::Ctx;
use super::common::{self, Base, EntryMarks, Fmt, Link};
use super::provenance::{self, LegendLine, Usual};

/// One row of a comparison table: a label and one cell per selected unit.
#[derive(Serialize)]
pub struct CompareRow {
    /// Row label (edition or indicator).
    pub label: String,
    /// One "value (rank/of)" cell per unit.
    pub cells: Vec<CompareCell>,
}

/// A value and its rank.
#[derive(Serialize)]
pub struct CompareCell {
    /// Formatted value.
    pub value: String,
    /// "27/63" or "".
    pub rank: String,
    /// Provenance marks of the value and the rank.
    pub marks: EntryMarks,
}

/// View model of `compare.html`.
#[derive(Serialize)]
pub struct CompareView {
    /// Chrome.
    pub base: Base,
    /// Selected units (links to their profiles).
    pub selected: Vec<Link>,
    /// Index value per edition.
    pub by_edition: Vec<CompareRow>,
    /// Label of the edition of the indicator table.
    pub indicator_edition: String,
    /// Indicators in that edition.
    pub by_indicator: Vec<CompareRow>,
    /// Every unit for the picker: (slug, name).
    pub choices: Vec<(String, String)>,
    /// Data for app.js (JSON, `</` escaped).
    pub data: String,
    /// Legend of the marks in the tables.
    pub legend: Vec<LegendLine>,
}

/// The default selection: site.toml's `compare`, else the top four of the featured edition.
fn default_selection(ctx: &Ctx) -> Vec<UnitId> {
    let chosen: Vec<UnitId> = ctx
        .config
        .compare
        .iter()
        .filter_map(|s| ctx.ds.unit_by_slug(s))
        .collect();
    if !chosen.is_empty() {
        return chosen;
    }
    let root = ctx.ds.root_indicator();
    let e = common::featured(ctx);
    ctx.report
        .table(e, root)
        .map(|t| t.entries.iter().take(4).map(|en| en.unit).collect())
        .unwrap_or_default()
}

/// Builds the compare view.
pub fn view(ctx: &Ctx, page: &Page) -> CompareView {
    let ds = ctx.ds;
    let lang = page.lang;
    let fmt = Fmt::new(ctx, page);
    let root = ctx.ds.root_indicator();
    let units = default_selection(ctx);
    let t = ctx.t(lang);
    let cell = |e: EditionId, i, u| match ctx.report.entry(e, i, u) {
        Some(en) => CompareCell {
            value: fmt.value(en.value),
            rank: en
                .rank
                .map(|r| format!("{r}/{}", ds.editions[e].units.len()))
                .unwrap_or_default(),
            // Only the figures are shown here, not the changes.
            marks: EntryMarks {
                value: provenance::mark(t, en.value_source, Usual::Official),
                rank: provenance::mark(t, en.rank_source, Usual::Official),
                ..EntryMarks::default()
            },
        },
        None => CompareCell {
            value: "—".into(),
            rank: String::new(),
            marks: EntryMarks::default(),
        },
    };
    let by_edition: Vec<CompareRow> = ds
        .edition_ids()
        .filter(|&e| {
            units
                .iter()
                .any(|&u| ctx.report.entry(e, root, u).is_some())
        })
        .map(|e| CompareRow {
            label: common::edition_label(ctx, e, lang),
            cells: units.iter().map(|&u| cell(e, root, u)).collect(),
        })
        .collect();
    let ind_edition = ds.edition_ids().rev().find(|&e| {
        units.iter().any(|&u| {
            ds.indicators_in(e)
                .iter()
                .any(|&i| i != root && ctx.report.entry(e, i, u).is_some())
        })
    });
    let by_indicator: Vec<CompareRow> = ind_edition
        .map(|e| {
            ds.indicators_in(e)
                .into_iter()
                .filter(|&i| i != root)
                .map(|i| CompareRow {
                    label: common::indicator_names(ctx, i, lang).0,
                    cells: units.iter().map(|&u| cell(e, i, u)).collect(),
                })
                .collect()
        })
        .unwrap_or_default();
    let selected = units
        .iter()
        .filter_map(|&u| {
            common::link(
                ctx.plan,
                page,
                PageKind::Province(u),
                common::name_in(ds.units[u].latest(), lang),
                false,
            )
        })
        .collect();
    let mut choices: Vec<(String, String)> = ds
        .units
        .iter()
        .map(|u| (u.slug.clone(), common::name_in(u.latest(), lang)))
        .collect();
    Collator::shared(lang).sort_by_key(&mut choices, |c| c.1.as_str());
    let legend = provenance::legend(
        t,
        by_edition
            .iter()
            .chain(&by_indicator)
            .flat_map(|r| r.cells.iter().flat_map(|c| c.marks.all())),
    );
    let title = t.get("compare_title").to_owned();
    let description = t.fill(
        "compare_description",
        &[("index", &common::index_view(ctx, lang).short)],
    );
    CompareView {
        base: common::base(ctx, page, title, description, Vec::new()),
        selected,
        by_edition,
        indicator_edition: ind_edition
            .map(|e| common::edition_label(ctx, e, lang))
            .unwrap_or_default(),
        by_indicator,
        choices,
        data: data_json(ctx, page, &units),
        legend,
    }
}

#[derive(Serialize)]
struct Data {
    /// The index's short name (chart label, heading).
    index: String,
    /// Decimal places of values.
    places: usize,
    /// (id, label, units, year, unit set): the set is the id of the first edition with the same
    /// units, so the chart joins figures of one set only and draws the others apart.
    editions: Vec<(String, String, usize, u16, String)>,
    indicators: Vec<(String, String)>,
    units: BTreeMap<String, UnitData>,
    default: Vec<String>,
    /// Said under the chart beside the hollow marks of another unit set.
    sets_note: String,
    /// Symbol → (label, legend) of the provenance marks the figures carry.
    marks: BTreeMap<String, (String, String)>,
}

/// Indicator code → (value, rank, value's mark, rank's mark) of one unit in one edition; a
/// mark is its symbol ("†"), empty when the figure is not marked.
type Figures = BTreeMap<String, (Option<f64>, Option<u32>, String, String)>;

#[derive(Serialize)]
struct UnitData {
    name: String,
    href: String,
    /// edition id → indicator code → [value, rank].
    values: BTreeMap<String, Figures>,
}

/// Everything app.js needs to compare any units, rounded to the published precision.
fn data_json(ctx: &Ctx, page: &Page, default: &[UnitId]) -> String {
    let ds = ctx.ds;
    let lang = page.lang;
    let root = ctx.ds.root_indicator();
    let mut indicators = vec![root];
    indicators.extend(
        ds.indicator_ids()
            .filter(|&i| i != root && ds.edition_ids().any(|e| ctx.report.table(e, i).is_some())),
    );
    let t = ctx.t(lang);
    let mut used: Vec<provenance::Mark> = Vec::new();
    let mut symbol = |m: Option<provenance::Mark>| match m {
        Some(m) => {
            let s = m.symbol.clone();
            if !used.contains(&m) {
                used.push(m);
            }
            s
        }
        None => String::new(),
    };
    let units = ds
        .unit_ids()
        .map(|u| {
            let mut values = BTreeMap::new();
            for (e, ed) in ds.edition_ids().zip(&ds.editions) {
                let per: Figures = indicators
                    .iter()
                    .filter_map(|&i| {
                        ctx.report.entry(e, i, u).map(|en| {
                            (
                                ds.indicators[i].code.clone(),
                                (
                                    en.value.map(|v| crate::text::round_to(v, ds.precision)),
                                    en.rank,
                                    symbol(provenance::mark(t, en.value_source, Usual::Official)),
                                    symbol(provenance::mark(t, en.rank_source, Usual::Official)),
                                ),
                            )
                        })
                    })
                    .collect();
                if !per.is_empty() {
                    values.insert(ed.id.clone(), per);
                }
            }
            let href = ctx
                .plan
                .link(page, PageKind::Province(u))
                .unwrap_or_default();
            (
                ds.units[u].slug.clone(),
                UnitData {
                    name: common::name_in(ds.units[u].latest(), lang),
                    href,
                    values,
                },
            )
        })
        .collect();
    let marks = provenance::legend(t, &used)
        .into_iter()
        .map(|l| {
            let label = used
                .iter()
                .find(|m| m.symbol == l.symbol)
                .map(|m| m.label.clone())
                .unwrap_or_default();
            (l.symbol, (label, l.text))
        })
        .collect();
    let data = Data {
        marks,
        sets_note: ctx.t(lang).get("claim.sets_note").to_owned(),
        index: common::index_view(ctx, lang).short,
        places: ds.precision as usize,
        editions: ds
            .edition_ids()
            .zip(&ds.editions)
            .map(|(e, ed)| {
                let set = EditionId::all(e.index() + 1)
                    .find(|&o| crate::claims::same_set(ds, o, e))
                    .unwrap_or(e);
                (
                    ed.id.clone(),
                    common::edition_label(ctx, e, lang),
                    ed.units.len(),
                    ed.year,
                    ds.editions[set].id.clone(),
                )
            })
            .collect(),
        indicators: indicators
            .iter()
            .map(|&i| {
                (
                    ds.indicators[i].code.clone(),
                    common::indicator_names(ctx, i, lang).0,
                )
            })
            .collect(),
        units,
        default: default.iter().map(|&u| ds.units[u].slug.clone()).collect(),
    };
    serde_json::to_string(&data)
        .expect("serialise")
        .replace("</", "<\\/")
}
