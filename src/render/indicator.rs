//! An indicator across all editions: definition, distribution per year, latest ranking.

use serde::Serialize;

use crate::model::{IndicatorId, Statistic};
use crate::plan::{Page, PageKind};
use crate::text::Lang;

use super::Ctx;
use super::common::{self, Base, Fmt, Link, Row};
use super::provenance::{self, LegendLine, Marked};

/// One edition's distribution line.
#[derive(Serialize)]
pub struct YearStats {
    /// Link to the edition's ranking of this indicator.
    pub edition: Link,
    /// Units with a figure.
    pub count: String,
    /// Mean: computed from a complete table, else published (marked), else "—".
    pub mean: Marked,
    /// Median, likewise.
    pub median: Marked,
    /// Lowest, likewise.
    pub min: Marked,
    /// Highest, likewise.
    pub max: Marked,
    /// Published mean, if any.
    pub published_mean: String,
}

/// A child without a page (a group of main indicators) and its children's links.
#[derive(Serialize)]
pub struct ChildGroup {
    /// The group's name.
    pub name: String,
    /// Its children.
    pub items: Vec<Link>,
}

/// View model of `indicator.html`.
#[derive(Serialize)]
pub struct IndicatorView {
    /// Chrome.
    pub base: Base,
    /// Name.
    pub name: String,
    /// Kind label.
    pub kind: String,
    /// Definition (HTML).
    pub definition: String,
    /// Link to the nearest ancestor that has a page.
    pub parent: Option<Link>,
    /// The parent's name when it has no page of its own (a group of main indicators), shown
    /// before the link to the indicator above it.
    pub group: String,
    /// Links to the children that have a page.
    pub children: Vec<Link>,
    /// Children without a page of their own (the groups of main indicators), each with links to
    /// its own children: the tree's pillars → groups → main indicators, with no level hidden.
    pub child_groups: Vec<ChildGroup>,
    /// Max points ("100/1.000").
    pub points: String,
    /// Component count.
    pub components: String,
    /// Years of existence.
    pub years: String,
    /// Distribution per edition.
    pub stats: Vec<YearStats>,
    /// Legend of the marks in the distribution table.
    pub stats_legend: Vec<LegendLine>,
    /// Legend of the marks in the ranking.
    pub legend: Vec<LegendLine>,
    /// Latest edition label of the ranking below.
    pub latest: String,
    /// Latest complete ranking.
    pub rows: Vec<Row>,
    /// Link to that ranking.
    pub latest_href: Option<String>,
}

/// Builds the indicator view.
pub fn view(ctx: &Ctx, page: &Page, i: IndicatorId) -> IndicatorView {
    let ds = ctx.ds;
    let lang = page.lang;
    let vi = lang == Lang::Vi;
    let t = ctx.t(lang);
    let fmt = Fmt::new(ctx, page);
    let ind = &ds.indicators[i];
    let (name, _) = common::indicator_names(ctx, i, lang);
    let is_root = ind.parent.is_none();
    let ranking_kind = |e| {
        if is_root {
            PageKind::Ranking(e)
        } else {
            PageKind::IndicatorRanking(e, i)
        }
    };
    let stats: Vec<YearStats> = ds
        .edition_ids()
        .filter_map(|e| {
            let t = ctx.report.table(e, i)?;
            let edition = common::link(
                ctx.plan,
                page,
                ranking_kind(e),
                common::edition_label(ctx, e, lang),
                false,
            )?;
            let agg = |stat| match common::aggregate_cell(ctx, lang, e, i, stat) {
                Some((_, text, mark)) => Marked { text, mark },
                None => Marked {
                    text: fmt.value(None),
                    mark: None,
                },
            };
            let published_mean = crate::claims::published(ds, e, i, Statistic::Mean)
                .map(|v| fmt.value(Some(v)))
                .unwrap_or_default();
            Some(YearStats {
                edition,
                count: fmt.int(t.entries.iter().filter(|en| en.value.is_some()).count()),
                mean: agg(Statistic::Mean),
                median: agg(Statistic::Median),
                min: agg(Statistic::Min),
                max: agg(Statistic::Max),
                published_mean,
            })
        })
        .collect();
    let latest_e = ds
        .edition_ids()
        .rev()
        .find(|&e| ctx.report.table(e, i).is_some_and(|t| t.complete));
    let rows = latest_e
        .and_then(|e| {
            ctx.report
                .table(e, i)
                .map(|t| common::rows(ctx, page, e, &t.entries, &[], None))
        })
        .unwrap_or_default();
    let kind = match ind.kind {
        crate::model::IndicatorKind::Index => t.get("indicator_kind.index"),
        crate::model::IndicatorKind::Pillar => t.get("indicator_kind.pillar"),
        crate::model::IndicatorKind::Group => t.get("indicator_kind.group"),
        crate::model::IndicatorKind::Main => t.get("indicator_kind.main"),
        crate::model::IndicatorKind::Component => t.get("indicator_kind.component"),
    };
    let definition = crate::content::markdown_to_html(
        if vi {
            &ind.description
        } else {
            &ind.description_en
        },
        &|to| ctx.plan.href(&page.url, to),
        ctx.config.trusted_html,
    );
    let link_to = |c: IndicatorId| {
        common::link(
            ctx.plan,
            page,
            PageKind::Indicator(c),
            common::indicator_names(ctx, c, lang).0,
            false,
        )
    };
    // A parent without a page (a group) is named, and the link goes to the indicator above it.
    let mut group = String::new();
    let mut parent = None;
    let mut above = ind.parent;
    while let Some(p) = above {
        parent = link_to(p);
        if parent.is_some() {
            break;
        }
        if group.is_empty() {
            group = common::indicator_names(ctx, p, lang).0;
        }
        above = ds.indicators[p].parent;
    }
    let mut children = Vec::new();
    let mut child_groups = Vec::new();
    for c in ds.children(i) {
        match link_to(c) {
            Some(l) => children.push(l),
            None => {
                let items: Vec<Link> = ds.children(c).filter_map(link_to).collect();
                if !items.is_empty() {
                    child_groups.push(ChildGroup {
                        name: common::indicator_names(ctx, c, lang).0,
                        items,
                    });
                }
            }
        }
    }
    let years = match (ind.from, ind.to) {
        (Some(f), Some(to)) => format!("{f}–{to}"),
        (Some(f), None) => t.fill("indicator_since", &[("year", &f.to_string())]),
        _ => String::new(),
    };
    let total = ds
        .indicators
        .iter()
        .find(|x| x.parent.is_none())
        .and_then(|x| x.max_points);
    let points = match (ind.max_points, total) {
        (Some(p), Some(total)) if !is_root => {
            format!("{}/{}", fmt.int(p as usize), fmt.int(total as usize))
        }
        (Some(p), _) => fmt.int(p as usize),
        _ => String::new(),
    };
    let crumbs = [common::section(ctx, page, PageKind::Indicators)];
    let description = t.fill("indicator_description", &[("name", &name)]);
    let stats_legend = provenance::legend(
        t,
        stats
            .iter()
            .flat_map(|s| [&s.mean, &s.median, &s.min, &s.max])
            .flat_map(|m| &m.mark),
    );
    let legend = common::rows_legend(t, &rows);
    IndicatorView {
        stats_legend,
        legend,
        base: common::base(
            ctx,
            page,
            name.clone(),
            description,
            crumbs.into_iter().flatten().collect(),
        ),
        name,
        kind: kind.to_owned(),
        definition,
        parent,
        group,
        children,
        child_groups,
        points,
        components: ind
            .components
            .map(|c| fmt.int(c as usize))
            .unwrap_or_default(),
        years,
        stats,
        latest: latest_e
            .map(|e| common::edition_label(ctx, e, lang))
            .unwrap_or_default(),
        rows,
        latest_href: latest_e.and_then(|e| ctx.plan.link(page, ranking_kind(e))),
    }
}
