//! Units that nest: a child's place within its parent, and a parent's units ranked among
//! themselves (the ranking of one edition read per parent).

use serde::Serialize;

use crate::model::{EditionId, IndicatorId, UnitId};
use crate::plan::{Page, PageKind};

use super::Ctx;
use super::common::{self, Column, Fmt, Link, Row};

/// A unit's rank among its parent's units in one edition.
#[derive(Serialize)]
pub struct Place {
    /// The parent: its page for the edition (its units ranked), else its profile.
    pub parent: Link,
    /// Rank within the parent.
    pub rank: String,
    /// Units of the parent in the edition.
    pub of: String,
    /// Edition label.
    pub edition: String,
}

/// One of a parent's units in an edition.
#[derive(Serialize)]
pub struct ChildRow {
    /// Rank within the parent ("—" when some of the parent's units lack a value).
    pub parent_rank: String,
    /// National rank with the number ranked ("12/40"), or "".
    pub rank: String,
    /// The unit's national ranking line (name, link, value, change, columns).
    pub row: Row,
}

/// A parent's units ranked in one edition.
#[derive(Serialize)]
pub struct Children {
    /// Edition label.
    pub edition: String,
    /// Units in order of their rank within the parent.
    pub rows: Vec<ChildRow>,
    /// Extra indicator columns (the index's children).
    pub columns: Vec<Column>,
    /// The parent's page of each edition (the ranking read per parent).
    pub editions: Vec<Link>,
    /// The national ranking of the edition.
    pub ranking_href: Option<String>,
}

/// What a unit page shows about the hierarchy.
#[derive(Serialize)]
pub struct Hierarchy {
    /// For a child: its place within its parent.
    pub place: Option<Place>,
    /// For a parent: its units ranked.
    pub children: Option<Children>,
}

/// The hierarchy part of unit `u`'s page for edition `e`, or of its profile (`None`: the latest
/// edition that has something to show). `None` on a site without parents.
pub fn view(ctx: &Ctx, page: &Page, u: UnitId, e: Option<EditionId>) -> Option<Hierarchy> {
    let ds = ctx.ds;
    let root = ds.root_indicator();
    let editions: Vec<EditionId> = match e {
        Some(e) => vec![e],
        None => ds.edition_ids().rev().collect(),
    };
    let place = editions.iter().find_map(|&e| {
        let p = ctx.report.placing(e, root, u)?;
        let fmt = Fmt::new(ctx, page);
        let name = common::name_in(ds.period_in(p.parent, e), page.lang);
        let parent = common::link(
            ctx.plan,
            page,
            PageKind::ProvinceEdition(p.parent, e),
            name.clone(),
            false,
        )
        .or_else(|| common::link(ctx.plan, page, PageKind::Province(p.parent), name, false))?;
        Some(Place {
            parent,
            rank: fmt.int(p.rank as usize),
            of: fmt.int(p.of as usize),
            edition: common::edition_label(ctx, e, page.lang),
        })
    });
    let children = if ds.units[u].children.is_empty() {
        None
    } else {
        editions.iter().find_map(|&e| children(ctx, page, u, e))
    };
    (place.is_some() || children.is_some()).then_some(Hierarchy { place, children })
}

/// The breadcrumb to the list a unit's page belongs to: the list of parents for a parent when
/// parents have their own segment, else the list of units.
pub fn section_crumb(ctx: &Ctx, page: &Page, u: UnitId) -> Option<Link> {
    let parents = (!ctx.ds.units[u].children.is_empty())
        .then(|| {
            common::link(
                ctx.plan,
                page,
                PageKind::Parents,
                ctx.t(page.lang).get("hierarchy.parents").to_owned(),
                false,
            )
        })
        .flatten();
    parents.or_else(|| common::section(ctx, page, PageKind::Provinces))
}

/// The list of parent units (`/tinh/` on a commune site), in alphabetical order.
pub fn parents_list(ctx: &Ctx, page: &Page) -> super::lists::ListView {
    use super::lists::{Group, Item, ListView};
    let ds = ctx.ds;
    let lang = page.lang;
    let mut items: Vec<Item> = ds
        .unit_ids()
        .filter(|&u| !ds.units[u].children.is_empty())
        .filter_map(|u| {
            let p = ds.units[u].latest();
            let link = common::link(
                ctx.plan,
                page,
                PageKind::Province(u),
                common::name_in(p, lang),
                false,
            )?;
            Some(Item {
                link,
                detail: if lang == crate::text::Lang::Vi {
                    p.kind.clone()
                } else {
                    p.kind_en.clone()
                },
                depth: 0,
            })
        })
        .collect();
    crate::text::collate::Collator::shared(lang).sort_by_key(&mut items, |i| i.link.label.as_str());
    let heading = ctx.t(lang).get("hierarchy.parents").to_owned();
    ListView {
        base: common::base(ctx, page, heading.clone(), String::new(), Vec::new()),
        heading,
        intro: String::new(),
        groups: vec![Group {
            title: String::new(),
            items,
        }],
    }
}

/// A breadcrumb to the unit's parent (in edition `e`, or its latest period), if it has one.
pub fn parent_crumb(ctx: &Ctx, page: &Page, u: UnitId, e: Option<EditionId>) -> Option<Link> {
    let ds = ctx.ds;
    let parent = match e {
        Some(e) => ds.parent_in(u, e),
        None => ds.units[u].latest().parent,
    }?;
    common::link(
        ctx.plan,
        page,
        PageKind::Province(parent),
        common::name_in(ds.units[parent].latest(), page.lang),
        false,
    )
}

/// Parent `u`'s units in edition `e` with their ranks within `u` and nationally; `None` when none
/// of them has an index figure in `e`.
fn children(ctx: &Ctx, page: &Page, u: UnitId, e: EditionId) -> Option<Children> {
    let ds = ctx.ds;
    let root = ds.root_indicator();
    let table = ctx.report.table(e, root)?;
    // National ranking order, which is also the order within the parent (same values).
    let entries: Vec<_> = table
        .entries
        .iter()
        .filter(|en| ds.parent_in(en.unit, e) == Some(u))
        .cloned()
        .collect();
    if entries.is_empty() {
        return None;
    }
    let fmt = Fmt::new(ctx, page);
    let columns: Vec<IndicatorId> = ds
        .children(root)
        .filter(|&c| ctx.report.table(e, c).is_some())
        .collect();
    let of = ds.editions[e].units.len();
    let rows = common::rows(ctx, page, e, &entries, &columns, None)
        .into_iter()
        .zip(&entries)
        .map(|(row, en)| ChildRow {
            parent_rank: ctx
                .report
                .placing(e, root, en.unit)
                .map(|p| fmt.int(p.rank as usize))
                .unwrap_or_else(|| "—".into()),
            rank: en
                .rank
                .map(|r| format!("{}/{}", fmt.int(r as usize), fmt.int(of)))
                .unwrap_or_default(),
            row,
        })
        .collect();
    let editions = ds
        .edition_ids()
        .filter_map(|o| {
            common::link(
                ctx.plan,
                page,
                PageKind::ProvinceEdition(u, o),
                common::edition_label(ctx, o, page.lang),
                page.kind == PageKind::ProvinceEdition(u, o),
            )
        })
        .collect();
    Some(Children {
        edition: common::edition_label(ctx, e, page.lang),
        rows,
        columns: columns
            .iter()
            .map(|&c| {
                let (name, short) = common::indicator_names(ctx, c, page.lang);
                Column {
                    label: short,
                    title: name,
                    href: ctx.plan.link(page, PageKind::IndicatorRanking(e, c)),
                }
            })
            .collect(),
        editions,
        ranking_href: ctx.plan.link(page, PageKind::Ranking(e)),
    })
}

/// Links to each parent's page of edition `e`, in Vietnamese alphabetical order: the national
/// ranking read per parent, without JavaScript.
pub fn by_parent(ctx: &Ctx, page: &Page, e: EditionId) -> Vec<Link> {
    let ds = ctx.ds;
    let mut parents: Vec<UnitId> = ds.editions[e]
        .units
        .iter()
        .filter_map(|&u| ds.parent_in(u, e))
        .collect();
    parents.sort_unstable();
    parents.dedup();
    let mut links: Vec<Link> = parents
        .into_iter()
        .filter_map(|p| {
            common::link(
                ctx.plan,
                page,
                PageKind::ProvinceEdition(p, e),
                common::name_in(ds.period_in(p, e), page.lang),
                false,
            )
        })
        .collect();
    crate::text::collate::Collator::shared(page.lang).sort_by_key(&mut links, |l| l.label.as_str());
    links
}

/// The list of units grouped under their parents (each parent, then its units in alphabetical
/// order), or `None` on a site without parents. Units of no parent that group none come last.
pub fn unit_groups(ctx: &Ctx, page: &Page) -> Option<Vec<super::lists::Group>> {
    use super::lists::{Group, Item};
    let ds = ctx.ds;
    if ds.units.iter().all(|u| u.children.is_empty()) {
        return None;
    }
    let lang = page.lang;
    let collator = crate::text::collate::Collator::shared(lang);
    let item = |u: UnitId, depth: usize| {
        let p = ds.units[u].latest();
        common::link(
            ctx.plan,
            page,
            PageKind::Province(u),
            common::name_in(p, lang),
            false,
        )
        .map(|link| Item {
            link,
            detail: if lang == crate::text::Lang::Vi {
                p.kind.clone()
            } else {
                p.kind_en.clone()
            },
            depth,
        })
    };
    let mut parents: Vec<(String, UnitId)> = ds
        .unit_ids()
        .filter(|&u| !ds.units[u].children.is_empty())
        .map(|u| (common::name_in(ds.units[u].latest(), lang), u))
        .collect();
    collator.sort_by_key(&mut parents, |(name, _)| name.as_str());
    let mut groups: Vec<Group> = parents
        .iter()
        .map(|&(_, p)| {
            let mut children: Vec<Item> = ds.units[p]
                .children
                .iter()
                .filter_map(|&c| item(c, 1))
                .collect();
            collator.sort_by_key(&mut children, |i| i.link.label.as_str());
            Group {
                title: String::new(),
                items: item(p, 0).into_iter().chain(children).collect(),
            }
        })
        .collect();
    let mut others: Vec<Item> = ds
        .unit_ids()
        .filter(|&u| {
            ds.units[u].children.is_empty()
                && ds.units[u].periods.iter().all(|p| p.parent.is_none())
        })
        .filter_map(|u| item(u, 0))
        .collect();
    collator.sort_by_key(&mut others, |i| i.link.label.as_str());
    if !others.is_empty() {
        groups.push(Group {
            title: String::new(),
            items: others,
        });
    }
    Some(groups)
}
