//! The home page: the featured edition at a glance.

use serde::Serialize;

use crate::model::Statistic;
use crate::plan::{Page, PageKind};
use crate::text::Lang;

use super::Ctx;
use super::common::{self, Base, Link, Row, StatView};
use super::provenance::{self, LegendLine, Mark, Usual};

/// A headline figure.
#[derive(Serialize)]
pub struct Headline {
    /// Label.
    pub label: String,
    /// Big figure.
    pub value: String,
    /// Line under it.
    pub detail: String,
    /// Link.
    pub href: Option<String>,
    /// Provenance mark of the big figure.
    pub mark: Option<Mark>,
}

/// View model of `home.html`.
#[derive(Serialize)]
pub struct HomeView {
    /// Chrome.
    pub base: Base,
    /// Edition label.
    pub edition: String,
    /// Edition note.
    pub note: String,
    /// Headline figures.
    pub headlines: Vec<Headline>,
    /// Top of the table.
    pub top: Vec<Row>,
    /// Bottom of the table.
    pub bottom: Vec<Row>,
    /// Link to the full ranking.
    pub ranking_href: Option<String>,
    /// Distribution.
    pub stats: Vec<StatView>,
    /// Legend of the marks of the headline cards.
    pub headlines_legend: Vec<LegendLine>,
    /// Legend of the marks of the top and bottom tables.
    pub legend: Vec<LegendLine>,
    /// All editions.
    pub editions: Vec<Link>,
    /// Every unit of the featured edition, alphabetically (works without JavaScript).
    pub units: Vec<Link>,
    /// Commentary (HTML).
    pub commentary: String,
    /// Free pages.
    pub pages: Vec<Link>,
}

/// Number of rows shown at the top and bottom of the table.
const TOP: usize = 10;
const BOTTOM: usize = 5;

/// Builds the home view.
pub fn view(ctx: &Ctx, page: &Page) -> HomeView {
    let ds = ctx.ds;
    let lang = page.lang;
    let vi = lang == Lang::Vi;
    let t = ctx.t(lang);
    let index = common::index_view(ctx, lang);
    let fmt = common::Fmt::new(ctx, page);
    let root = ds.root_indicator();
    let featured = common::featured(ctx);
    let table = ctx.report.table(featured, root);
    let label = common::edition_label(ctx, featured, lang);
    let entries = table.map(|t| t.entries.as_slice()).unwrap_or(&[]);
    let top = common::rows(
        ctx,
        page,
        featured,
        &entries[..entries.len().min(TOP)],
        &[],
        None,
    );
    let bottom_start = entries
        .len()
        .saturating_sub(BOTTOM)
        .max(TOP.min(entries.len()));
    let bottom = common::rows(ctx, page, featured, &entries[bottom_start..], &[], None);
    let mut headlines = Vec::new();
    if let Some(table) = table {
        let ed = &ds.editions[featured];
        headlines.push(Headline {
            label: t.get("headline.units").to_owned(),
            value: fmt.int(ed.units.len()),
            detail: label.clone(),
            href: None,
            mark: None,
        });
        // The mean: computed from a complete table, else published (marked).
        if let Some((_, value, mark)) =
            common::aggregate_cell(ctx, lang, featured, root, Statistic::Mean)
        {
            let median = common::aggregate_cell(ctx, lang, featured, root, Statistic::Median);
            headlines.push(Headline {
                label: t.fill("headline.mean", &[("index", &index.short)]),
                value,
                detail: median
                    .map(|(_, m, mark)| {
                        let m = provenance::with_symbol(&m, mark.as_ref());
                        t.fill("headline.median", &[("value", &m)])
                    })
                    .unwrap_or_default(),
                href: None,
                mark,
            });
        }
        for (en, label) in [
            (table.entries.first(), t.get("headline.top")),
            (table.entries.last(), t.get("headline.bottom")),
        ] {
            let Some(en) = en else { continue };
            let name = common::name_in(ds.period_in(en.unit, featured), lang);
            headlines.push(Headline {
                label: label.to_owned(),
                value: fmt.value(en.value),
                detail: name,
                href: ctx
                    .plan
                    .link(page, PageKind::ProvinceEdition(en.unit, featured)),
                mark: provenance::mark(t, en.value_source, Usual::Official),
            });
        }
    }
    let editions = ds
        .edition_ids()
        .rev()
        .filter_map(|e| {
            common::link(
                ctx.plan,
                page,
                PageKind::Ranking(e),
                common::edition_label(ctx, e, lang),
                e == featured,
            )
        })
        .collect();
    let collator = crate::text::collate::Collator::shared(lang);
    let mut units: Vec<Link> = ds.editions[featured]
        .units
        .iter()
        .filter_map(|&u| {
            common::link(
                ctx.plan,
                page,
                PageKind::Province(u),
                common::name_with_parent(ctx, u, featured, lang),
                false,
            )
        })
        .collect();
    collator.sort_by_key(&mut units, |l| l.label.as_str());
    let pages = common::free_links(ctx, page);
    let doc = crate::plan::text_of(page.kind).and_then(|s| ctx.commentary.find(s, lang));
    let title = if vi {
        ctx.config.title.clone()
    } else {
        ctx.config.title_en.clone()
    };
    let description = doc
        .map(|d| d.description.clone())
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| {
            if vi {
                ctx.config.description.clone()
            } else {
                ctx.config.description_en.clone()
            }
        });
    let ed = &ds.editions[featured];
    let headlines_legend = provenance::legend(t, headlines.iter().flat_map(|h| &h.mark));
    let legend = common::rows_legend(t, &[top.as_slice(), bottom.as_slice()].concat());
    HomeView {
        base: common::base(ctx, page, title, description, Vec::new()),
        edition: label,
        note: if vi {
            ed.note.clone()
        } else {
            ed.note_en.clone()
        },
        top,
        bottom,
        ranking_href: ctx.plan.link(page, PageKind::Ranking(featured)),
        stats: common::stat_views(ctx, page, featured, root),
        headlines,
        headlines_legend,
        legend,
        editions,
        units,
        commentary: common::commentary(ctx, page),
        pages,
    }
}
