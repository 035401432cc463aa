//! A province's profile (all editions) and its page for one edition.

use serde::Serialize;

use crate::model::{EditionId, IdMap, IndicatorId, Statistic, UnitId};
use crate::plan::{Page, PageKind};
use crate::text::Lang;

use super::Ctx;
use super::common::{self, Base, ChangeView, EntryMarks, Fmt, Link, Row};
use super::provenance::{self, LegendLine, Mark};

/// One figure in the history table.
#[derive(Serialize, Clone)]
pub struct HistoryCell {
    /// Value or "—".
    pub value: String,
    /// "27/63" or "".
    pub rank: String,
    /// Rank change.
    pub change: ChangeView,
    /// Value change.
    pub value_change: String,
    /// Link to the unit's page for that edition.
    pub href: Option<String>,
    /// Rank within the unit's parent "4/6" (sites whose units nest), or "".
    pub parent_rank: String,
    /// Provenance marks of the value, rank and changes.
    pub marks: EntryMarks,
}

/// One indicator's line over the editions.
#[derive(Serialize)]
pub struct HistoryRow {
    /// Indicator name.
    pub name: String,
    /// Link to the indicator page.
    pub href: Option<String>,
    /// Depth in the tree (for indentation).
    pub depth: usize,
    /// A group listed only as the heading of the indicators under it (no figure of its own).
    pub heading: bool,
    /// One cell per edition column.
    pub cells: Vec<HistoryCell>,
}

/// The key figure of a unit in an edition.
#[derive(Serialize, Clone)]
pub struct KeyFigure {
    /// Edition label.
    pub edition: String,
    /// Value.
    pub value: String,
    /// Rank.
    pub rank: String,
    /// Units ranked.
    pub of: String,
    /// Whether the rank is official.
    pub rank_source: &'static str,
    /// Rank change.
    pub change: ChangeView,
    /// Value change.
    pub value_change: String,
    /// Percent change.
    pub pct_change: String,
    /// Previous edition label.
    pub previous: String,
    /// Provenance marks of the value, rank and changes.
    pub marks: EntryMarks,
    /// Their legend, shown under the cards.
    pub legend: Vec<LegendLine>,
}

/// View model of `province.html`.
#[derive(Serialize)]
pub struct ProvinceView {
    /// Chrome.
    pub base: Base,
    /// Range and precision of the values in the history table.
    pub data_note: String,
    /// Current name.
    pub name: String,
    /// Kind and region line.
    pub kind: String,
    /// Region.
    pub region: String,
    /// GSO codes with their periods.
    pub periods: Vec<String>,
    /// The unit it merged into.
    pub successor: Option<Link>,
    /// First day as part of its successor.
    pub ended: String,
    /// Units merged into it.
    pub predecessors: Vec<PredecessorView>,
    /// Latest key figure.
    pub latest: Option<KeyFigure>,
    /// The unit's figure of the same year in the other unit set (2024 of the 63 provinces beside
    /// 2024 of the 34), shown beside the latest one.
    pub also: Option<KeyFigure>,
    /// What the headline figures are (which unit, which set), when that is not plain: a unit
    /// merged into another, or a year in two unit sets.
    pub headline_note: String,
    /// A merged-away unit's successor's latest figure, said as the successor's.
    pub successor_note: String,
    /// The legend of the marks of every headline figure (both cards, the successor's figure).
    pub headline_legend: Vec<LegendLine>,
    /// Edition column headers.
    pub editions: Vec<Link>,
    /// History rows.
    pub history: Vec<HistoryRow>,
    /// Legend of the marks in the history table.
    pub history_legend: Vec<LegendLine>,
    /// General commentary (HTML).
    pub commentary: String,
    /// JSON download.
    pub json: String,
    /// Place within the parent, or the units of a parent (sites whose units nest).
    pub hierarchy: Option<super::hierarchy::Hierarchy>,
}

/// A predecessor's index history.
#[derive(Serialize)]
pub struct PredecessorView {
    /// Link to its profile.
    pub link: Link,
    /// Its index figures per edition.
    pub figures: Vec<KeyFigure>,
}

/// The unit's key figure for indicator `i` in edition `e`.
fn key_figure(
    ctx: &Ctx,
    page: &Page,
    u: UnitId,
    e: EditionId,
    i: IndicatorId,
) -> Option<KeyFigure> {
    let en = ctx.report.entry(e, i, u)?;
    let fmt = Fmt::new(ctx, page);
    let prev = ctx.report.previous(e);
    let t = ctx.t(page.lang);
    let marks = common::entry_marks(t, en);
    Some(KeyFigure {
        legend: provenance::legend(t, marks.all()),
        marks,
        edition: common::edition_label(ctx, e, page.lang),
        value: fmt.value(en.value),
        rank: en.rank.map(|r| r.to_string()).unwrap_or_default(),
        of: fmt.int(ctx.ds.editions[e].units.len()),
        rank_source: en.rank_source.map_or("", crate::model::Source::as_str),
        change: common::rank_change(en.change.rank_places, ctx.t(page.lang)),
        value_change: fmt.value_change_of(&en.change),
        // Beside the difference; a published percentage alone is the change itself.
        pct_change: fmt.pct_change(en.change.value_abs.and(en.change.value_pct)),
        previous: prev
            .map(|p| common::edition_label(ctx, p, page.lang))
            .unwrap_or_default(),
    })
}

/// Editions where the unit has any figure.
fn editions_of(ctx: &Ctx, u: UnitId) -> Vec<EditionId> {
    ctx.ds
        .edition_ids()
        .filter(|&e| {
            ctx.ds
                .indicator_ids()
                .any(|i| ctx.report.entry(e, i, u).is_some())
        })
        .collect()
}

/// The indicators a table lists, in tree order with their depths: those for which `has` holds,
/// and every group or pillar above them, so that main indicators sit under their own group
/// (a heading row, `false`, when the group has no figure of its own).
fn indicator_rows(ctx: &Ctx, has: impl Fn(IndicatorId) -> bool) -> Vec<(IndicatorId, usize, bool)> {
    let ds = ctx.ds;
    let mut shown: IdMap<IndicatorId, bool> = IdMap::filled(ds.indicators.len(), false);
    for i in ds.indicator_ids().filter(|&i| has(i)) {
        let mut node = Some(i);
        while let Some(n) = node.filter(|&n| !shown[n]) {
            shown[n] = true;
            node = ds.indicators[n].parent;
        }
    }
    ds.indicator_tree()
        .into_iter()
        .filter(|&(i, _)| shown[i])
        .map(|(i, depth)| (i, depth, has(i)))
        .collect()
}

/// Builds the profile view.
pub fn view(ctx: &Ctx, page: &Page, u: UnitId) -> ProvinceView {
    let ds = ctx.ds;
    let lang = page.lang;
    let vi = lang == Lang::Vi;
    let t = ctx.t(lang);
    let unit = &ds.units[u];
    let latest_period = unit.latest();
    let name = common::name_in(latest_period, lang);
    let fmt = Fmt::new(ctx, page);
    let eds = editions_of(ctx, u);
    let r = ctx.ds.root_indicator();
    let shown = |e: EditionId| {
        key_figure(ctx, page, u, e, r).filter(|k| k.value != "—" || !k.rank.is_empty())
    };
    let latest_edition = eds.iter().rev().copied().find(|&e| shown(e).is_some());
    let latest = latest_edition.and_then(shown);
    // The same year in another unit set: both are shown, each labelled by its edition.
    let also_edition = latest_edition.and_then(|l| {
        eds.iter().rev().copied().find(|&e| {
            e != l
                && ds.editions[e].year == ds.editions[l].year
                && ds.editions[e].units != ds.editions[l].units
                && shown(e).is_some()
        })
    });
    let also = also_edition.and_then(shown);
    let predecessor_names: Vec<String> = unit
        .predecessors
        .iter()
        .map(|&p| common::name_in(ds.units[p].latest(), lang))
        .collect();
    let headline_note = match (&latest, &also, latest_edition) {
        // A unit that absorbed others: its latest figure is of the merged unit.
        (Some(l), Some(a), Some(le))
            if !predecessor_names.is_empty()
                && unit
                    .predecessors
                    .iter()
                    .all(|&p| !ds.editions[le].units.contains(&p)) =>
        {
            t.fill(
                "province.headline_merged",
                &[
                    ("name", &name),
                    ("latest", &l.edition),
                    ("also", &a.edition),
                    (
                        "predecessors",
                        &crate::claims::phrase::Phraser::new(t, ds).list(&predecessor_names),
                    ),
                ],
            )
        }
        (Some(l), Some(a), _) => t.fill(
            "province.headline_both",
            &[
                ("name", &name),
                ("latest", &l.edition),
                ("also", &a.edition),
            ],
        ),
        _ => String::new(),
    };
    // A unit merged away: its own latest figure heads the page; its successor's, named as such.
    let successor_figure = unit.successor.and_then(|s| {
        let se = editions_of(ctx, s)
            .into_iter()
            .rev()
            .find(|&e| key_figure(ctx, page, s, e, r).is_some_and(|k| k.value != "—"))?;
        Some((s, key_figure(ctx, page, s, se, r)?))
    });
    let successor_note = successor_figure
        .as_ref()
        .map(|(s, k)| {
            let index = common::index_view(ctx, lang);
            t.fill(
                if k.rank.is_empty() {
                    "province.successor_value"
                } else {
                    "province.successor_figure"
                },
                &[
                    ("successor", &common::name_in(ds.units[*s].latest(), lang)),
                    ("index", &index.short),
                    ("edition", &k.edition),
                    (
                        "value",
                        &provenance::with_symbol(&k.value, k.marks.value.as_ref()),
                    ),
                    (
                        "rank",
                        &provenance::with_symbol(&k.rank, k.marks.rank.as_ref()),
                    ),
                    ("of", &k.of),
                ],
            )
        })
        .unwrap_or_default();
    // One legend under the cards for every figure of the headline: the latest card, the same
    // year's card of the other unit set, and the successor's figure in the merger notice.
    let headline_legend = provenance::legend(
        t,
        latest.iter().flat_map(|k| k.marks.all()).chain(
            also.iter()
                .chain(successor_figure.as_ref().map(|(_, k)| k))
                .flat_map(|k| k.marks.value.iter().chain(&k.marks.rank)),
        ),
    );
    let editions: Vec<Link> = eds
        .iter()
        .filter_map(|&e| {
            common::link(
                ctx.plan,
                page,
                PageKind::ProvinceEdition(u, e),
                common::edition_label(ctx, e, lang),
                false,
            )
        })
        .collect();
    let history: Vec<HistoryRow> = indicator_rows(ctx, |i| {
        eds.iter().any(|&e| ctx.report.entry(e, i, u).is_some())
    })
    .into_iter()
    .map(|(i, depth, has)| HistoryRow {
        name: common::indicator_names(ctx, i, lang).0,
        href: ctx.plan.link(page, PageKind::Indicator(i)),
        depth,
        heading: !has,
        cells: eds
            .iter()
            .map(|&e| match ctx.report.entry(e, i, u).filter(|_| has) {
                Some(en) => HistoryCell {
                    value: fmt.value(en.value),
                    rank: en
                        .rank
                        .map(|r| format!("{r}/{}", ds.editions[e].units.len()))
                        .unwrap_or_default(),
                    change: common::rank_change(en.change.rank_places, ctx.t(lang)),
                    value_change: fmt.value_change_of(&en.change),
                    href: ctx.plan.link(page, PageKind::ProvinceEdition(u, e)),
                    parent_rank: ctx
                        .report
                        .placing(e, i, u)
                        .map(|p| format!("{}/{}", p.rank, p.of))
                        .unwrap_or_default(),
                    marks: common::entry_marks(t, en),
                },
                None => HistoryCell {
                    value: if has { "—" } else { "" }.into(),
                    rank: String::new(),
                    change: common::rank_change(None, ctx.t(lang)),
                    value_change: String::new(),
                    href: None,
                    parent_rank: String::new(),
                    marks: EntryMarks::default(),
                },
            })
            .collect(),
    })
    .collect();
    let periods = unit
        .periods
        .iter()
        .map(|p| {
            let span = match (p.valid_from, p.valid_to) {
                (None, None) => String::new(),
                (Some(f), None) => t.fill("period.since", &[("from", &date(f, t))]),
                (None, Some(to)) => t.fill("period.until", &[("to", &date(to, t))]),
                (Some(f), Some(to)) => t.fill(
                    "period.between",
                    &[("from", &date(f, t)), ("to", &date(to, t))],
                ),
            };
            t.fill(
                "period.code",
                &[
                    ("name", &common::name_in(p, lang)),
                    ("code", &p.code),
                    ("span", &span),
                ],
            )
        })
        .collect();
    let successor = unit.successor.and_then(|s| {
        common::link(
            ctx.plan,
            page,
            PageKind::Province(s),
            common::name_in(ds.units[s].latest(), lang),
            false,
        )
    });
    let ended = latest_period
        .valid_to
        .map(|d| d.next_day())
        .map(|d| date(d, t))
        .unwrap_or_default();
    let predecessors = unit
        .predecessors
        .iter()
        .filter_map(|&p| {
            let link = common::link(
                ctx.plan,
                page,
                PageKind::Province(p),
                common::name_in(ds.units[p].latest(), lang),
                false,
            )?;
            let figures = editions_of(ctx, p)
                .into_iter()
                .filter_map(|e| key_figure(ctx, page, p, e, r))
                .collect();
            Some(PredecessorView { link, figures })
        })
        .collect();
    let kind = if vi {
        latest_period.kind.clone()
    } else {
        latest_period.kind_en.clone()
    };
    let title = name.clone();
    let index = common::index_view(ctx, lang);
    let description = match &latest {
        Some(k) => t.fill(
            "province.description",
            &[
                ("name", &name),
                ("index", &index.short),
                ("edition", &k.edition),
                ("value", &k.value),
                ("rank", &k.rank),
                ("of", &k.of),
            ],
        ),
        None => t.fill(
            "province.description_no_data",
            &[("name", &name), ("index", &index.name)],
        ),
    };
    let crumbs = [
        super::hierarchy::section_crumb(ctx, page, u),
        super::hierarchy::parent_crumb(ctx, page, u, None),
    ];
    let history_legend = provenance::legend(
        t,
        history
            .iter()
            .flat_map(|r: &HistoryRow| r.cells.iter().flat_map(|c| c.marks.all())),
    );
    let mut view = ProvinceView {
        history_legend,
        data_note: common::data_note(ctx, page.lang, ctx.ds.root_indicator()),
        base: common::base(
            ctx,
            page,
            title,
            description,
            crumbs.into_iter().flatten().collect(),
        ),
        name,
        kind,
        region: common::region_in(latest_period, lang),
        periods,
        successor,
        ended,
        predecessors,
        latest,
        also,
        headline_note,
        successor_note,
        headline_legend,
        editions,
        history,
        commentary: common::commentary(ctx, page),
        json: ctx.plan.href(&page.url, &ds.unit_paths.json(&unit.slug)),
        hierarchy: super::hierarchy::view(ctx, page, u, None),
    };
    let years = {
        let ys: Vec<u16> = eds.iter().map(|&e| ds.editions[e].year).collect();
        match (ys.first(), ys.last()) {
            // A range, with an en dash: "2020/2024" read as one year or the other.
            (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
            (Some(a), _) => a.to_string(),
            _ => String::new(),
        }
    };
    let downloads = [Link {
        label: format!("{}.json", unit.slug),
        href: view.json.clone(),
        active: false,
    }];
    common::data_page(ctx, page, &mut view.base, &years, &downloads);
    view
}

/// `dd/mm/yyyy`, as Vietnamese texts write dates.
/// A calendar date in the page's language ("01/7/2025", "2025-07-01").
fn date(d: crate::model::Date, t: &crate::text::Strings) -> String {
    t.fill(
        "date",
        &[
            ("dd", &format!("{:02}", d.day)),
            ("mm", &format!("{:02}", d.month)),
            ("year", &d.year.to_string()),
        ],
    )
}

/// One indicator line on the province-in-a-year page.
#[derive(Serialize)]
pub struct YearRow {
    /// Indicator name.
    pub name: String,
    /// Link to its ranking in the edition.
    pub href: Option<String>,
    /// Depth in the tree.
    pub depth: usize,
    /// A group listed only as the heading of the indicators under it (no figure of its own).
    pub heading: bool,
    /// Value.
    pub value: String,
    /// Rank "12/63".
    pub rank: String,
    /// Rank change.
    pub change: ChangeView,
    /// Value change.
    pub value_change: String,
    /// National mean.
    pub mean: String,
    /// Difference from the mean.
    pub vs_mean: String,
    /// Rank within the unit's parent "3/6" (sites whose units nest), or "".
    pub parent_rank: String,
    /// Provenance marks of the value, rank and changes.
    pub marks: EntryMarks,
    /// The mean's mark (a published aggregate where none can be computed).
    pub mean_mark: Option<Mark>,
}

/// How many units above and below a unit its neighbours list shows.
pub const NEIGHBOURS: usize = 2;

/// A unit's neighbours in the index ranking of one edition (one unit set).
#[derive(Serialize)]
pub struct Neighbours {
    /// Heading naming the edition: "… trên bảng xếp hạng DTI 2024 (63 tỉnh)".
    pub heading: String,
    /// Said when only some units of the edition have a rank: which neighbours are shown.
    pub note: String,
    /// The rows, the unit among them.
    pub rows: Vec<Row>,
    /// Legend of the marks in the rows.
    pub legend: Vec<LegendLine>,
}

/// The unit's neighbours in the index ranking of `e` (see [`crate::compute::Table::neighbours`]).
pub fn neighbours(ctx: &Ctx, page: &Page, u: UnitId, e: EditionId) -> Option<Neighbours> {
    let r = ctx.ds.root_indicator();
    let t = ctx.report.table(e, r)?;
    let near: Vec<crate::compute::Entry> =
        t.neighbours(u, NEIGHBOURS).into_iter().cloned().collect();
    if near.len() < 2 {
        return None;
    }
    let tr = ctx.t(page.lang);
    let index = common::index_view(ctx, page.lang);
    let edition = common::edition_label(ctx, e, page.lang);
    let all_ranked = t.complete && t.entries.iter().all(|en| en.rank.is_some());
    let rows = common::rows(ctx, page, e, &near, &[], Some(u));
    Some(Neighbours {
        heading: tr.fill(
            "province_year.neighbours",
            &[("index", &index.short), ("edition", &edition)],
        ),
        note: if all_ranked {
            String::new()
        } else {
            tr.plural("province_year.neighbours_scattered", NEIGHBOURS, &[])
        },
        legend: common::rows_legend(tr, &rows),
        rows,
    })
}

/// View model of `province_year.html`.
#[derive(Serialize)]
pub struct ProvinceYearView {
    /// Chrome.
    pub base: Base,
    /// Name in that edition.
    pub name: String,
    /// Edition label.
    pub edition: String,
    /// Region.
    pub region: String,
    /// Key figure of the index.
    pub key: Option<KeyFigure>,
    /// Indicator lines.
    pub rows: Vec<YearRow>,
    /// Neighbours in the index ranking of this edition.
    pub neighbours: Option<Neighbours>,
    /// Legend of the marks in the indicator table.
    pub rows_legend: Vec<LegendLine>,
    /// Link to the full ranking.
    pub ranking_href: Option<String>,
    /// Link to the profile.
    pub profile_href: Option<String>,
    /// Other editions of this unit.
    pub editions: Vec<Link>,
    /// Commentary (HTML).
    pub commentary: String,
    /// Where the figures come from.
    pub sources: Vec<common::SourceView>,
    /// Place within the parent, or the units of a parent ranked (sites whose units nest).
    pub hierarchy: Option<super::hierarchy::Hierarchy>,
}

/// Builds the province-in-an-edition view.
pub fn year_view(ctx: &Ctx, page: &Page, u: UnitId, e: EditionId) -> ProvinceYearView {
    let ds = ctx.ds;
    let lang = page.lang;
    let fmt = Fmt::new(ctx, page);
    let period = ds.period_in(u, e);
    let name = common::name_in(period, lang);
    let label = common::edition_label(ctx, e, lang);
    let r = ctx.ds.root_indicator();
    let key = key_figure(ctx, page, u, e, r);
    let rows: Vec<YearRow> = indicator_rows(ctx, |i| ctx.report.entry(e, i, u).is_some())
        .into_iter()
        .map(|(i, depth, has)| {
            let Some(en) = ctx.report.entry(e, i, u).filter(|_| has) else {
                return YearRow {
                    name: common::indicator_names(ctx, i, lang).0,
                    href: ctx.plan.link(page, PageKind::Indicator(i)),
                    depth,
                    heading: true,
                    value: String::new(),
                    rank: String::new(),
                    change: common::rank_change(None, ctx.t(lang)),
                    value_change: String::new(),
                    mean: String::new(),
                    vs_mean: String::new(),
                    parent_rank: String::new(),
                    marks: EntryMarks::default(),
                    mean_mark: None,
                };
            };
            // The mean: computed from a complete table, else the published one, marked.
            let mean = common::aggregate_cell(ctx, lang, e, i, Statistic::Mean);
            YearRow {
                marks: common::entry_marks(ctx.t(lang), en),
                mean_mark: mean.as_ref().and_then(|m| m.2.clone()),
                name: common::indicator_names(ctx, i, lang).0,
                href: ctx.plan.link(
                    page,
                    if i == r {
                        PageKind::Ranking(e)
                    } else {
                        PageKind::IndicatorRanking(e, i)
                    },
                ),
                depth,
                heading: false,
                value: fmt.value(en.value),
                rank: en
                    .rank
                    .map(|x| format!("{x}/{}", ds.editions[e].units.len()))
                    .unwrap_or_default(),
                change: common::rank_change(en.change.rank_places, ctx.t(lang)),
                value_change: fmt.value_change_of(&en.change),
                vs_mean: match (en.value, &mean) {
                    (Some(v), Some((m, _, _))) => fmt.value_change(Some(v - m)),
                    _ => String::new(),
                },
                mean: mean.map(|m| m.1).unwrap_or_else(|| fmt.value(None)),
                parent_rank: ctx
                    .report
                    .placing(e, i, u)
                    .map(|p| format!("{}/{}", p.rank, p.of))
                    .unwrap_or_default(),
            }
        })
        .collect();
    let neighbours = neighbours(ctx, page, u, e);
    let editions = editions_of(ctx, u)
        .into_iter()
        .filter_map(|o| {
            common::link(
                ctx.plan,
                page,
                PageKind::ProvinceEdition(u, o),
                common::edition_label(ctx, o, lang),
                o == e,
            )
        })
        .collect();
    // Sources by name; how each figure was obtained (notes) stays in the data and SOURCES.md.
    let mut sources: Vec<common::SourceView> = ds
        .indicator_ids()
        .filter_map(|i| ds.observation(e, i, u))
        .filter(|o| !o.source.is_empty())
        .map(|o| common::source_view(ctx, &o.source, lang))
        .collect();
    sources.sort();
    sources.dedup();
    let t = ctx.t(lang);
    let index = common::index_view(ctx, lang);
    let title = t.fill(
        "province_year.title",
        &[
            ("name", &name),
            ("index", &index.short),
            ("edition", &label),
        ],
    );
    let description = match &key {
        Some(k) if !k.rank.is_empty() => t.fill(
            "province_year.description",
            &[
                ("name", &name),
                ("index", &index.short),
                ("edition", &label),
                ("value", &k.value),
                ("rank", &k.rank),
                ("of", &k.of),
            ],
        ),
        _ => t.fill(
            "province_year.description_no_rank",
            &[("name", &name), ("index", &index.name), ("edition", &label)],
        ),
    };
    let crumbs = [
        super::hierarchy::section_crumb(ctx, page, u),
        super::hierarchy::parent_crumb(ctx, page, u, Some(e)),
        common::link(
            ctx.plan,
            page,
            PageKind::Province(u),
            common::name_in(ds.units[u].latest(), lang),
            false,
        ),
    ];
    let rows_legend = provenance::legend(
        t,
        rows.iter()
            .flat_map(|r: &YearRow| r.marks.all().chain(&r.mean_mark)),
    );
    let mut view = ProvinceYearView {
        rows_legend,
        base: common::base(
            ctx,
            page,
            title,
            description,
            crumbs.into_iter().flatten().collect(),
        ),
        name,
        edition: label,
        region: common::region_in(period, lang),
        key,
        rows,
        neighbours,
        ranking_href: ctx.plan.link(page, PageKind::Ranking(e)),
        profile_href: ctx.plan.link(page, PageKind::Province(u)),
        editions,
        commentary: common::commentary(ctx, page),
        sources,
        hierarchy: super::hierarchy::view(ctx, page, u, Some(e)),
    };
    let downloads = [
        common::edition_downloads(ctx, page, e).swap_remove(0),
        Link {
            label: format!("{}.json", ds.units[u].slug),
            href: ctx
                .plan
                .href(&page.url, &ds.unit_paths.json(&ds.units[u].slug)),
            active: false,
        },
    ];
    common::data_page(
        ctx,
        page,
        &mut view.base,
        &ds.editions[e].year.to_string(),
        &downloads,
    );
    view
}
