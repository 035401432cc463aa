//! A province's profile (all editions) and its page for one edition.

use serde::Serialize;

use crate::content::Subject;
use crate::model::{EditionIx, IndicatorIx, UnitIx};
use crate::plan::{Page, PageKind};
use crate::text::Lang;

use super::Ctx;
use super::common::{self, Base, ChangeView, Fmt, Link, Row};

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
}

/// View model of `province.html`.
#[derive(Serialize)]
pub struct ProvinceView {
    /// Chrome.
    pub base: Base,
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
    /// Edition column headers.
    pub editions: Vec<Link>,
    /// History rows.
    pub history: Vec<HistoryRow>,
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
    u: UnitIx,
    e: EditionIx,
    i: IndicatorIx,
) -> Option<KeyFigure> {
    let en = ctx.report.entry(e, i, u)?;
    let fmt = Fmt::new(ctx, page);
    let prev = ctx.report.previous[e];
    Some(KeyFigure {
        edition: common::edition_label(ctx, e, page.lang),
        value: fmt.value(en.value),
        rank: en.rank.map(|r| r.to_string()).unwrap_or_default(),
        of: fmt.int(ctx.ds.editions[e].units.len()),
        rank_source: en.rank_source.map_or("", crate::model::Source::as_str),
        change: common::rank_change(en.change.rank_places, page.lang),
        value_change: fmt.value_change(en.change.value_abs),
        pct_change: fmt.pct_change(en.change.value_pct),
        previous: prev
            .map(|p| common::edition_label(ctx, p, page.lang))
            .unwrap_or_default(),
    })
}

/// Editions where the unit has any figure.
fn editions_of(ctx: &Ctx, u: UnitIx) -> Vec<EditionIx> {
    (0..ctx.ds.editions.len())
        .filter(|&e| (0..ctx.ds.indicators.len()).any(|i| ctx.report.entry(e, i, u).is_some()))
        .collect()
}

fn depth(ctx: &Ctx, i: IndicatorIx) -> usize {
    let mut d = 0;
    let mut node = ctx.ds.indicators[i].parent;
    while let Some(p) = node {
        d += 1;
        node = ctx.ds.indicators[p].parent;
    }
    d
}

/// Builds the profile view.
pub fn view(ctx: &Ctx, page: &Page, u: UnitIx) -> ProvinceView {
    let ds = ctx.ds;
    let lang = page.lang;
    let vi = lang == Lang::Vi;
    let unit = &ds.units[u];
    let latest_period = unit.latest();
    let name = common::name_in(latest_period, lang);
    let fmt = Fmt::new(ctx, page);
    let eds = editions_of(ctx, u);
    let r = ctx.ds.root_indicator();
    let latest = eds.iter().rev().find_map(|&e| {
        key_figure(ctx, page, u, e, r).filter(|k| k.value != "—" || !k.rank.is_empty())
    });
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
    let history = (0..ds.indicators.len())
        .filter(|&i| eds.iter().any(|&e| ctx.report.entry(e, i, u).is_some()))
        .map(|i| HistoryRow {
            name: common::indicator_names(ctx, i, lang).0,
            href: ctx.plan.link(page, PageKind::Indicator(i)),
            depth: depth(ctx, i),
            cells: eds
                .iter()
                .map(|&e| match ctx.report.entry(e, i, u) {
                    Some(en) => HistoryCell {
                        value: fmt.value(en.value),
                        rank: en
                            .rank
                            .map(|r| format!("{r}/{}", ds.editions[e].units.len()))
                            .unwrap_or_default(),
                        change: common::rank_change(en.change.rank_places, lang),
                        value_change: fmt.value_change(en.change.value_abs),
                        href: ctx.plan.link(page, PageKind::ProvinceEdition(u, e)),
                    },
                    None => HistoryCell {
                        value: "—".into(),
                        rank: String::new(),
                        change: common::rank_change(None, lang),
                        value_change: String::new(),
                        href: None,
                    },
                })
                .collect(),
        })
        .collect();
    let periods = unit
        .periods
        .iter()
        .map(|p| {
            let span = match (p.valid_from, p.valid_to, vi) {
                (None, None, _) => String::new(),
                (Some(f), None, true) => format!(" (từ {})", vi_date(f)),
                (Some(f), None, false) => format!(" (since {f})"),
                (None, Some(t), true) => format!(" (đến {})", vi_date(t)),
                (None, Some(t), false) => format!(" (until {t})"),
                (Some(f), Some(t), true) => format!(" ({} – {})", vi_date(f), vi_date(t)),
                (Some(f), Some(t), false) => format!(" ({f} – {t})"),
            };
            let label = if vi { "mã" } else { "code" };
            format!("{} — {label} {}{span}", common::name_in(p, lang), p.code)
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
        .map(|d| if vi { vi_date(d) } else { d.to_string() })
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
    let description = match (&latest, vi) {
        (Some(k), true) => format!(
            "{name}: Chỉ số chuyển đổi số (DTI) {} đạt {}, xếp hạng {}/{}; số liệu, thứ hạng và thay đổi qua các năm.",
            k.edition, k.value, k.rank, k.of
        ),
        (Some(k), false) => format!(
            "{name}: DTI {} value {}, rank {}/{}; figures, ranks and changes over the years.",
            k.edition, k.value, k.rank, k.of
        ),
        (None, true) => format!("{name}: số liệu Chỉ số chuyển đổi số qua các năm."),
        (None, false) => format!("{name}: Digital Transformation Index figures over the years."),
    };
    let crumbs = [
        common::section(ctx, page, PageKind::Provinces),
        super::hierarchy::parent_crumb(ctx, page, u, None),
    ];
    let mut view = ProvinceView {
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
        editions,
        history,
        commentary: common::commentary(ctx, page, Subject::Unit(u)),
        json: ctx.plan.href(&page.url, &ds.unit_paths.json(&unit.slug)),
        hierarchy: super::hierarchy::view(ctx, page, u, None),
    };
    let years = {
        let ys: Vec<u16> = eds.iter().map(|&e| ds.editions[e].year).collect();
        match (ys.first(), ys.last()) {
            (Some(a), Some(b)) if a != b => format!("{a}/{b}"),
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
fn vi_date(d: crate::model::Date) -> String {
    format!("{:02}/{:02}/{}", d.day, d.month, d.year)
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
    /// Neighbours in the index ranking.
    pub neighbours: Vec<Row>,
    /// Link to the full ranking.
    pub ranking_href: Option<String>,
    /// Link to the profile.
    pub profile_href: Option<String>,
    /// Other editions of this unit.
    pub editions: Vec<Link>,
    /// Commentary (HTML).
    pub commentary: String,
    /// Where the figures come from.
    pub sources: Vec<String>,
    /// Place within the parent, or the units of a parent ranked (sites whose units nest).
    pub hierarchy: Option<super::hierarchy::Hierarchy>,
}

/// Builds the province-in-an-edition view.
pub fn year_view(ctx: &Ctx, page: &Page, u: UnitIx, e: EditionIx) -> ProvinceYearView {
    let ds = ctx.ds;
    let lang = page.lang;
    let vi = lang == Lang::Vi;
    let fmt = Fmt::new(ctx, page);
    let period = ds.period_in(u, e);
    let name = common::name_in(period, lang);
    let label = common::edition_label(ctx, e, lang);
    let r = ctx.ds.root_indicator();
    let key = key_figure(ctx, page, u, e, r);
    let rows = (0..ds.indicators.len())
        .filter_map(|i| {
            let en = ctx.report.entry(e, i, u)?;
            let stats = ctx.report.table(e, i).and_then(|t| t.stats);
            Some(YearRow {
                name: common::indicator_names(ctx, i, lang).0,
                href: ctx.plan.link(
                    page,
                    if i == r {
                        PageKind::Ranking(e)
                    } else {
                        PageKind::IndicatorRanking(e, i)
                    },
                ),
                depth: depth(ctx, i),
                value: fmt.value(en.value),
                rank: en
                    .rank
                    .map(|x| format!("{x}/{}", ds.editions[e].units.len()))
                    .unwrap_or_default(),
                change: common::rank_change(en.change.rank_places, lang),
                value_change: fmt.value_change(en.change.value_abs),
                mean: fmt.value(stats.map(|s| s.mean)),
                vs_mean: match (en.value, stats) {
                    (Some(v), Some(s)) => fmt.value_change(Some(v - s.mean)),
                    _ => String::new(),
                },
            })
        })
        .collect();
    let neighbours = ctx
        .report
        .table(e, r)
        .and_then(|t| {
            let pos = t.entries.iter().position(|en| en.unit == u)?;
            t.entries[pos].rank?;
            let (from, to) = (pos.saturating_sub(3), (pos + 4).min(t.entries.len()));
            Some(common::rows(
                ctx,
                page,
                e,
                &t.entries[from..to],
                &[],
                Some(u),
            ))
        })
        .unwrap_or_default();
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
    let mut sources: Vec<String> = (0..ds.indicators.len())
        .filter_map(|i| ds.observation(e, i, u))
        .filter(|o| !o.source.is_empty())
        .map(|o| {
            if o.note.is_empty() {
                o.source.clone()
            } else {
                format!("{} ({})", o.source, o.note)
            }
        })
        .collect();
    sources.sort();
    sources.dedup();
    let title = format!("{name} — DTI {label}");
    let description = match (&key, vi) {
        (Some(k), true) if !k.rank.is_empty() => format!(
            "{name} năm {label}: DTI {}, xếp hạng {}/{}.",
            k.value, k.rank, k.of
        ),
        (Some(k), false) if !k.rank.is_empty() => format!(
            "{name} in {label}: DTI {}, rank {}/{}.",
            k.value, k.rank, k.of
        ),
        _ if vi => format!("{name}: số liệu chuyển đổi số năm {label}."),
        _ => format!("{name}: digital transformation figures for {label}."),
    };
    let crumbs = [
        common::section(ctx, page, PageKind::Provinces),
        super::hierarchy::parent_crumb(ctx, page, u, Some(e)),
        common::link(
            ctx.plan,
            page,
            PageKind::Province(u),
            common::name_in(ds.units[u].latest(), lang),
            false,
        ),
    ];
    let mut view = ProvinceYearView {
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
        commentary: common::commentary(ctx, page, Subject::UnitEdition(u, e)),
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
