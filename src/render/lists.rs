//! Index pages (editions, indicators, provinces), free pages and the 404 page.

use serde::Serialize;

use crate::plan::{Page, PageKind};
use crate::text::Lang;
use crate::text::collate::Collator;

use super::Ctx;
use super::common::{self, Base, Link};

/// One item of a list page.
#[derive(Serialize)]
pub struct Item {
    /// Link.
    pub link: Link,
    /// Line under the link.
    pub detail: String,
    /// Indentation depth.
    pub depth: usize,
}

/// A titled group of items.
#[derive(Serialize)]
pub struct Group {
    /// Heading.
    pub title: String,
    /// Items.
    pub items: Vec<Item>,
}

/// View model of `list.html`.
#[derive(Serialize)]
pub struct ListView {
    /// Chrome.
    pub base: Base,
    /// Heading.
    pub heading: String,
    /// Intro sentence.
    pub intro: String,
    /// Groups.
    pub groups: Vec<Group>,
}

/// Builds the list for `Rankings`, `Indicators` or `Provinces`.
pub fn view(ctx: &Ctx, page: &Page) -> ListView {
    let ds = ctx.ds;
    let lang = page.lang;
    let vi = lang == Lang::Vi;
    let t = ctx.t(lang);
    let index = common::index_view(ctx, lang);
    let fmt = common::Fmt::new(ctx, page);
    let root = ds.root_indicator();
    let (heading, intro, groups): (String, String, Vec<Group>) = match page.kind {
        PageKind::Rankings => {
            let items = ds
                .edition_ids()
                .rev()
                .filter_map(|e| {
                    let link = common::link(
                        ctx.plan,
                        page,
                        PageKind::Ranking(e),
                        common::edition_label(ctx, e, lang),
                        false,
                    )?;
                    let table = ctx.report.table(e, root);
                    let n = table.map(|t| t.entries.len()).unwrap_or(0);
                    let ed = &ds.editions[e];
                    let note = if vi { &ed.note } else { &ed.note_en };
                    let detail = if table.is_some_and(|t| t.complete) {
                        t.plural("list.full_table", n, &[])
                    } else {
                        t.plural("list.partial_table", n, &[("note", note)])
                    };
                    Some(Item {
                        link,
                        detail,
                        depth: 0,
                    })
                })
                .collect();
            (
                t.get("list.rankings_title").to_owned(),
                t.fill("list.rankings_intro", &[("index", &index.name)]),
                vec![Group {
                    title: String::new(),
                    items,
                }],
            )
        }
        PageKind::Indicators => {
            // Tree order: each main indicator under its own group. A group without a page of
            // its own (no figures) is still listed, unlinked, when indicators under it are.
            let tree = ds.indicator_tree();
            let paged = |i| ctx.plan.link(page, PageKind::Indicator(i)).is_some();
            let items = tree
                .iter()
                .enumerate()
                .filter_map(|(at, &(i, depth))| {
                    let (name, _) = common::indicator_names(ctx, i, lang);
                    let below = tree[at + 1..].iter().take_while(|&&(_, d)| d > depth);
                    let link = match common::link(
                        ctx.plan,
                        page,
                        PageKind::Indicator(i),
                        name.clone(),
                        false,
                    ) {
                        Some(link) => link,
                        None if below.clone().any(|&(c, _)| paged(c)) => Link {
                            label: name,
                            href: String::new(),
                            active: false,
                        },
                        None => return None,
                    };
                    let ind = &ds.indicators[i];
                    let detail = match (ind.max_points, ind.components) {
                        (Some(p), Some(c)) => t.fill(
                            "list.points_components",
                            &[
                                ("points", &fmt.int(p as usize)),
                                ("components", &fmt.int(c as usize)),
                            ],
                        ),
                        _ => String::new(),
                    };
                    Some(Item {
                        link,
                        detail,
                        depth,
                    })
                })
                .collect();
            (
                t.get("list.indicators_title").to_owned(),
                t.fill("list.indicators_intro", &[("index", &index.short)]),
                vec![Group {
                    title: String::new(),
                    items,
                }],
            )
        }
        _ => {
            let collator = Collator::shared(lang);
            let mut current = Vec::new();
            let mut former = Vec::new();
            for (u, unit) in ds.unit_ids().zip(&ds.units) {
                // Parents group the ranked units and are not counted with them (listed below).
                if !unit.children.is_empty() {
                    continue;
                }
                let p = unit.latest();
                let Some(link) = common::link(
                    ctx.plan,
                    page,
                    PageKind::Province(u),
                    common::name_in(p, lang),
                    false,
                ) else {
                    continue;
                };
                match unit.successor {
                    Some(s) => {
                        let into = common::name_in(ds.units[s].latest(), lang);
                        let detail = t.fill(
                            "list.merged_into",
                            &[("region", &common::region_in(p, lang)), ("into", &into)],
                        );
                        former.push(Item {
                            link,
                            detail,
                            depth: 0,
                        });
                    }
                    None => current.push(Item {
                        link,
                        detail: common::region_in(p, lang),
                        depth: 0,
                    }),
                }
            }
            collator.sort_by_key(&mut current, |i| i.link.label.as_str());
            collator.sort_by_key(&mut former, |i| i.link.label.as_str());
            let intro = if former.is_empty() {
                t.plural("list.units_intro", current.len(), &[])
            } else {
                t.plural(
                    "list.units_intro_merged",
                    current.len(),
                    &[("merged", &t.plural("list.merged_count", former.len(), &[]))],
                )
            };
            let mut groups = vec![Group {
                title: if former.is_empty() {
                    String::new()
                } else {
                    t.get("list.current").to_owned()
                },
                items: current,
            }];
            if !former.is_empty() {
                groups.push(Group {
                    title: t.get("list.merged").to_owned(),
                    items: former,
                });
            }
            (t.get("nav.provinces").to_owned(), intro, groups)
        }
    };
    // Units that nest are listed under their parents.
    let groups = match page.kind {
        PageKind::Provinces => super::hierarchy::unit_groups(ctx, page).unwrap_or(groups),
        _ => groups,
    };
    ListView {
        base: common::base(ctx, page, heading.clone(), intro.clone(), Vec::new()),
        heading,
        intro,
        groups,
    }
}

/// View model of `page.html`.
#[derive(Serialize)]
pub struct FreePageView {
    /// Chrome.
    pub base: Base,
    /// Body (HTML).
    pub content: String,
}

/// Builds a free page.
pub fn free_page(ctx: &Ctx, page: &Page, n: usize) -> FreePageView {
    let primary = &ctx.commentary.pages[n];
    let (doc, content) = match ctx.commentary.page_doc(&primary.name, page.lang) {
        Some(doc) => (doc, common::doc_html(ctx, page, doc)),
        // No text in this language: say so and link the other one, never mix silently.
        None => (
            primary,
            ctx.plan
                .twin(page)
                .map(|t| common::fallback_notice(ctx, page, &t.url))
                .unwrap_or_default(),
        ),
    };
    FreePageView {
        base: common::base(
            ctx,
            page,
            doc.title.clone(),
            doc.description.clone(),
            Vec::new(),
        ),
        content,
    }
}

/// View model of `404.html`.
#[derive(Serialize)]
pub struct NotFoundView {
    /// Chrome.
    pub base: Base,
    /// No base URL: the site may be served under a sub-path the build cannot know, so the page
    /// finds its root when shown (an inline script) to load its style and fix its links.
    pub find_root: bool,
}

/// Builds the 404 page. Its links are root-relative because a server shows it at any depth.
pub fn not_found(ctx: &Ctx, page: &Page) -> NotFoundView {
    let title = ctx.t(page.lang).get("not_found_title").to_owned();
    let mut base = common::base(ctx, page, title, String::new(), Vec::new());
    // A server shows this page at any depth, so relative links would break: use root-absolute
    // ones under the base URL's path ("/" when no base URL is set).
    let abs = ctx
        .config
        .base_url
        .as_ref()
        .map_or("/", |b| b.path())
        .to_owned();
    // Hrefs are relative to the page's folder (en/ for the English 404): resolve them first.
    let file = page.file();
    let absolute = |href: &str| -> String {
        let Some((Ok(target), fragment)) = crate::plan::urls::resolve(&file, href, "/") else {
            return href.to_owned();
        };
        let target = match ctx.plan.pretty {
            true => target.strip_suffix("index.html").unwrap_or(&target),
            false => &target,
        };
        let fragment = fragment.map(|f| format!("#{f}")).unwrap_or_default();
        format!("{abs}{target}{fragment}")
    };
    for l in base.nav.iter_mut().chain(base.footer.iter_mut()) {
        l.href = absolute(&l.href);
    }
    if let Some(sw) = base.switch.as_mut() {
        sw.href = absolute(&sw.href);
    }
    for a in base.alternates.iter_mut() {
        if !a.1.contains("://") {
            a.1 = absolute(&a.1);
        }
    }
    base.home = absolute(&base.home);
    if !base.feed.is_empty() {
        base.feed = absolute(&base.feed);
    }
    base.root = abs.clone();
    base.canonical = String::new();
    NotFoundView {
        base,
        find_root: ctx.config.base_url.is_none(),
    }
}
