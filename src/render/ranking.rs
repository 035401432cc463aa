//! The ranking page of an edition: the index table, or one indicator's table.

use serde::Serialize;

use crate::model::{EditionId, IndicatorId, IndicatorKind, Statistic};
use crate::plan::{Page, PageKind};
use crate::text::Lang;

use super::Ctx;
use super::common::{self, Base, Column, Link, PublishedView, Row, StatView};
use super::provenance::{LegendLine, Mark, Marked};

/// Region aggregate line.
#[derive(Serialize)]
pub struct RegionView {
    /// Region name.
    pub name: String,
    /// Units with values.
    pub count: String,
    /// Mean.
    pub mean: String,
    /// Highest.
    pub max: String,
    /// Lowest.
    pub min: String,
}

/// View model of `ranking.html`.
#[derive(Serialize)]
pub struct RankingView {
    /// Chrome.
    pub base: Base,
    /// Heading.
    pub heading: String,
    /// Edition label.
    pub edition: String,
    /// Edition note.
    pub note: String,
    /// Indicator name.
    pub indicator: String,
    /// Indicator definition (HTML).
    pub definition: String,
    /// Link to the indicator page.
    pub indicator_href: Option<String>,
    /// Whether this is the index's own ranking.
    pub is_index: bool,
    /// Range and precision of the values shown.
    pub data_note: String,
    /// Extra columns.
    pub columns: Vec<Column>,
    /// Table rows.
    pub rows: Vec<Row>,
    /// Mean and median per column (same order: value, then columns).
    pub summary: Vec<SummaryRow>,
    /// Whether ranks were computed from complete values.
    pub complete: bool,
    /// Units in the edition.
    pub unit_count: String,
    /// Distribution summary.
    pub stats: Vec<StatView>,
    /// Legend of the marks in the distribution summary.
    pub stats_legend: Vec<LegendLine>,
    /// Legend of the marks in the table and its summary rows.
    pub legend: Vec<LegendLine>,
    /// Published aggregates.
    pub published: Vec<PublishedView>,
    /// Per-region aggregates.
    pub regions: Vec<RegionView>,
    /// Other editions of the same indicator.
    pub editions: Vec<Link>,
    /// Other indicators of this edition.
    pub indicators: Vec<Link>,
    /// Commentary (HTML).
    pub commentary: String,
    /// Downloads.
    pub downloads: Vec<Link>,
    /// The ranking read per parent: each parent's page of the edition (sites whose units nest).
    pub by_parent: Vec<Link>,
}

/// A summary row under the table (mean, median).
#[derive(Serialize)]
pub struct SummaryRow {
    /// Label.
    pub label: String,
    /// Value column.
    pub value: String,
    /// Its provenance mark (a published aggregate).
    pub mark: Option<Mark>,
    /// Other columns.
    pub cells: Vec<Marked>,
}

/// Builds the view; `indicator` none means the root index.
pub fn view(ctx: &Ctx, page: &Page, e: EditionId, indicator: Option<IndicatorId>) -> RankingView {
    let ds = ctx.ds;
    let lang = page.lang;
    let vi = lang == Lang::Vi;
    let t = ctx.t(lang);
    let index = common::index_view(ctx, lang);
    let root = ds.root_indicator();
    let i = indicator.unwrap_or(root);
    let is_index = indicator.is_none();
    let fmt = common::Fmt::new(ctx, page);
    let (name, _) = common::indicator_names(ctx, i, lang);
    let label = common::edition_label(ctx, e, lang);
    let table = ctx.report.table(e, i);
    // The index table shows the main indicators (and pillars) that have data this edition.
    let columns_ix: Vec<IndicatorId> = if is_index {
        ds.indicators_in(e)
            .into_iter()
            .filter(|&c| {
                c != root
                    && matches!(
                        ds.indicators[c].kind,
                        IndicatorKind::Main | IndicatorKind::Pillar
                    )
            })
            .filter(|&c| {
                ctx.report
                    .table(e, c)
                    .is_some_and(|t| t.entries.len() * 2 >= ds.editions[e].units.len())
            })
            .collect()
    } else {
        Vec::new()
    };
    let columns = columns_ix
        .iter()
        .map(|&c| {
            let (full, short) = common::indicator_names(ctx, c, lang);
            Column {
                label: short,
                title: full,
                href: ctx.plan.link(page, PageKind::IndicatorRanking(e, c)),
            }
        })
        .collect();
    let rows = table
        .map(|t| common::rows(ctx, page, e, &t.entries, &columns_ix, None))
        .unwrap_or_default();
    // Mean and median under the table: computed from a complete table, else the published
    // aggregate, marked (2021's published mean fills in where nothing can be computed).
    let summary: Vec<SummaryRow> = [Statistic::Mean, Statistic::Median]
        .into_iter()
        .filter_map(|stat| {
            let (_, value, mark) = common::aggregate_cell(ctx, lang, e, i, stat)?;
            Some(SummaryRow {
                label: t.get(stat.as_str()).to_owned(),
                value,
                mark,
                cells: columns_ix
                    .iter()
                    .map(|&c| match common::aggregate_cell(ctx, lang, e, c, stat) {
                        Some((_, text, mark)) => Marked { text, mark },
                        None => Marked {
                            text: fmt.value(None),
                            mark: None,
                        },
                    })
                    .collect(),
            })
        })
        .collect();
    let regions = table
        .map(|t| {
            t.regions
                .iter()
                .map(|(r, s)| RegionView {
                    name: if vi {
                        r.clone()
                    } else {
                        ds.units
                            .iter()
                            .flat_map(|u| &u.periods)
                            .find(|p| &p.region == r)
                            .map(|p| p.region_en.clone())
                            .unwrap_or_else(|| r.clone())
                    },
                    count: fmt.int(s.count),
                    mean: fmt.value(Some(s.mean)),
                    max: fmt.value(Some(s.max)),
                    min: fmt.value(Some(s.min)),
                })
                .collect()
        })
        .unwrap_or_default();
    let editions = ds
        .edition_ids()
        .filter_map(|o| {
            let kind = if is_index {
                PageKind::Ranking(o)
            } else {
                PageKind::IndicatorRanking(o, i)
            };
            common::link(
                ctx.plan,
                page,
                kind,
                common::edition_label(ctx, o, lang),
                o == e,
            )
        })
        .collect();
    let mut indicators: Vec<Link> = Vec::new();
    if let Some(l) = common::link(
        ctx.plan,
        page,
        PageKind::Ranking(e),
        index.short.clone(),
        is_index,
    ) {
        indicators.push(l);
    }
    indicators.extend(
        ds.indicators_in(e)
            .into_iter()
            .filter(|&c| c != root)
            .filter_map(|c| {
                let (full, _) = common::indicator_names(ctx, c, lang);
                common::link(
                    ctx.plan,
                    page,
                    PageKind::IndicatorRanking(e, c),
                    full,
                    Some(c) == indicator,
                )
            }),
    );
    let commentary = if is_index {
        common::commentary(ctx, page)
    } else {
        String::new()
    };
    let heading = if is_index {
        t.fill(
            "ranking.heading",
            &[("index", &index.short), ("edition", &label)],
        )
    } else {
        format!("{name} — {label}")
    };
    let ind = &ds.indicators[i];
    let definition_md = if vi {
        &ind.description
    } else {
        &ind.description_en
    };
    let definition = if is_index {
        String::new()
    } else {
        crate::content::markdown_to_html(
            definition_md,
            &|to| ctx.plan.href(&page.url, to),
            ctx.config.trusted_html,
        )
    };
    let mut crumbs = vec![common::section(ctx, page, PageKind::Rankings)];
    if !is_index {
        crumbs.push(common::link(
            ctx.plan,
            page,
            PageKind::Ranking(e),
            label.clone(),
            false,
        ));
    }
    let description = t.fill(
        "ranking.description",
        &[("indicator", &name), ("edition", &label)],
    );
    let ed = &ds.editions[e];
    let mut view = RankingView {
        data_note: common::data_note(ctx, lang, i),
        base: common::base(
            ctx,
            page,
            heading.clone(),
            description,
            crumbs.into_iter().flatten().collect(),
        ),
        heading,
        edition: label,
        note: if vi {
            ed.note.clone()
        } else {
            ed.note_en.clone()
        },
        indicator: name,
        definition,
        indicator_href: ctx.plan.link(page, PageKind::Indicator(i)),
        is_index,
        columns,
        rows,
        summary,
        complete: table.is_some_and(|t| t.complete),
        unit_count: fmt.int(ed.units.len()),
        stats: common::stat_views(ctx, page, e, i),
        stats_legend: Vec::new(),
        legend: Vec::new(),
        published: common::published(ctx, page, e, i),
        regions,
        editions,
        indicators,
        commentary,
        downloads: common::edition_downloads(ctx, page, e),
        by_parent: super::hierarchy::by_parent(ctx, page, e),
    };
    view.stats_legend = common::stats_legend(t, &view.stats);
    view.legend = super::provenance::legend(
        t,
        common::rows_marks(&view.rows).chain(
            view.summary
                .iter()
                .flat_map(|s| s.mark.iter().chain(s.cells.iter().flat_map(|c| &c.mark))),
        ),
    );
    let downloads = view.downloads.clone();
    common::data_page(ctx, page, &mut view.base, &ed.year.to_string(), &downloads);
    view
}
