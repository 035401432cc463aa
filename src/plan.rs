//! Every output page and its URL, decided once. Render never invents a path: links come from here.

pub mod urls;

use std::collections::HashMap;

use crate::compute::Report;
use crate::content::Commentary;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Dataset, EditionId, IndicatorId, UnitId};
use crate::text::Lang;

/// What a page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageKind {
    /// The home page (featured edition).
    Home,
    /// List of editions.
    Rankings,
    /// The index ranking of one edition.
    Ranking(EditionId),
    /// One indicator's ranking in one edition.
    IndicatorRanking(EditionId, IndicatorId),
    /// List of indicators.
    Indicators,
    /// One indicator over all editions.
    Indicator(IndicatorId),
    /// List of units.
    Provinces,
    /// List of the units that group others, when their pages have a segment of their own.
    Parents,
    /// One unit over all editions.
    Province(UnitId),
    /// One unit in one edition.
    ProvinceEdition(UnitId, EditionId),
    /// A free page from `commentary/pages/` (index into [`Commentary::pages`]).
    Free(usize),
    /// Side-by-side comparison of provinces.
    Compare,
    /// The 404 page.
    NotFound,
}

/// One planned page.
#[derive(Clone, Debug)]
pub struct Page {
    /// What it shows.
    pub kind: PageKind,
    /// Its language.
    pub lang: Lang,
    /// Site-relative URL: `""` for home, `tinh/quang-ngai/`, `404.html`.
    pub url: String,
}

impl Page {
    /// The folder of the page's URL ("" for the home page, "en/" for the English 404): files
    /// that belong to the page (charts, card) are written there.
    pub fn dir(&self) -> String {
        self.url
            .rsplit_once('/')
            .map(|(d, _)| format!("{d}/"))
            .unwrap_or_default()
    }

    /// Path of the file to write, relative to the output folder.
    pub fn file(&self) -> String {
        if self.url.is_empty() || self.url.ends_with('/') {
            format!("{}index.html", self.url)
        } else {
            self.url.clone()
        }
    }
}

/// All pages of the site.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    /// Pages in a stable order.
    pub pages: Vec<Page>,
    index: HashMap<(PageKind, Lang), usize>,
    /// Whether links drop the trailing `index.html`.
    pub pretty: bool,
}

/// The segment of a unit's pages (site.toml `[units]`): parents (units with children) may
/// have their own; `None` is the list of units.
fn unit_segment(ds: &Dataset, unit: Option<UnitId>, lang: Lang) -> &str {
    let u = &ds.unit_paths;
    let parent = unit.is_some_and(|u| !ds.units[u].children.is_empty());
    match (lang, parent) {
        (Lang::Vi, false) => &u.segment,
        (Lang::Vi, true) => &u.parent_segment,
        (Lang::En, false) => &u.segment_en,
        (Lang::En, true) => &u.parent_segment_en,
    }
}

/// Path segments per language.
struct Segments {
    prefix: &'static str,
    ranking: &'static str,
    indicator: &'static str,
    compare: &'static str,
}

fn segments(lang: Lang) -> Segments {
    match lang {
        Lang::Vi => Segments {
            prefix: "",
            ranking: "xep-hang",
            indicator: "chi-so",
            compare: "so-sanh",
        },
        Lang::En => Segments {
            prefix: "en/",
            ranking: "ranking",
            indicator: "indicator",
            compare: "compare",
        },
    }
}

/// First path segments a free page may not use: the generated folders of every language.
pub const RESERVED: [&str; 14] = [
    "tinh",
    "xep-hang",
    "chi-so",
    "so-sanh",
    "province",
    "ranking",
    "indicator",
    "compare",
    "data",
    "en",
    "static",
    "charts",
    "cards",
    "search",
];

/// The commentary a page of `kind` shows: render takes it from here, and the preview knows from
/// here which pages a text feeds. Free pages show their own texts (by name).
pub fn text_of(kind: PageKind) -> Option<crate::content::Subject> {
    use crate::content::Subject;
    match kind {
        PageKind::Home => Some(Subject::Home),
        PageKind::Ranking(e) => Some(Subject::Edition(e)),
        PageKind::Province(u) => Some(Subject::Unit(u)),
        PageKind::ProvinceEdition(u, e) => Some(Subject::UnitEdition(u, e)),
        _ => None,
    }
}

/// The URL of a page kind in a language (whether or not it is planned).
pub fn url_for(kind: PageKind, lang: Lang, ds: &Dataset, commentary: &Commentary) -> String {
    let s = segments(lang);
    let p = s.prefix;
    match kind {
        PageKind::Home => p.to_owned(),
        PageKind::Rankings => format!("{p}{}/", s.ranking),
        PageKind::Ranking(e) => format!("{p}{}/{}/", s.ranking, ds.editions[e].id),
        PageKind::IndicatorRanking(e, i) => format!(
            "{p}{}/{}/{}/",
            s.ranking, ds.editions[e].id, ds.indicators[i].code
        ),
        PageKind::Indicators => format!("{p}{}/", s.indicator),
        PageKind::Indicator(i) => format!("{p}{}/{}/", s.indicator, ds.indicators[i].code),
        PageKind::Provinces => format!("{p}{}/", unit_segment(ds, None, lang)),
        PageKind::Parents => {
            let u = &ds.unit_paths;
            let segment = if lang == Lang::Vi {
                &u.parent_segment
            } else {
                &u.parent_segment_en
            };
            format!("{p}{segment}/")
        }
        PageKind::Province(u) => format!(
            "{p}{}/{}/",
            unit_segment(ds, Some(u), lang),
            ds.units[u].slug
        ),
        PageKind::ProvinceEdition(u, e) => format!(
            "{p}{}/{}/{}/",
            unit_segment(ds, Some(u), lang),
            ds.units[u].slug,
            ds.editions[e].id
        ),
        PageKind::Free(n) => format!("{p}{}/", commentary.pages[n].name),
        PageKind::Compare => format!("{p}{}/", s.compare),
        PageKind::NotFound => format!("{p}404.html"),
    }
}

impl Plan {
    /// Plans every page for `langs`. Free pages whose name clashes with a reserved segment are errors.
    pub fn new(
        ds: &Dataset,
        report: &Report,
        commentary: &Commentary,
        langs: &[Lang],
        pretty: bool,
        diags: &mut Diagnostics,
    ) -> Plan {
        let mut kinds = vec![
            PageKind::Compare,
            PageKind::Home,
            PageKind::Rankings,
            PageKind::Indicators,
            PageKind::Provinces,
            PageKind::NotFound,
        ];
        for e in ds.edition_ids() {
            let indicators: Vec<IndicatorId> = ds
                .indicator_ids()
                .filter(|&i| report.table(e, i).is_some())
                .collect();
            if indicators.is_empty() {
                continue;
            }
            kinds.push(PageKind::Ranking(e));
            kinds.extend(
                indicators
                    .iter()
                    .filter(|&&i| ds.indicators[i].parent.is_some())
                    .map(|&i| PageKind::IndicatorRanking(e, i)),
            );
        }
        kinds.extend(
            ds.indicator_ids()
                .filter(|&i| ds.edition_ids().any(|e| report.table(e, i).is_some()))
                .map(PageKind::Indicator),
        );
        // Parents' pages under their own segment get their own list (`/tinh/` beside `/xa/`).
        if ds.unit_paths.parent_segment != ds.unit_paths.segment
            && ds.units.iter().any(|u| !u.children.is_empty())
        {
            kinds.push(PageKind::Parents);
        }
        let root = ds.root_indicator();
        for u in ds.unit_ids() {
            kinds.push(PageKind::Province(u));
            for e in ds.edition_ids() {
                // A parent's page of an edition ranks its children in it.
                let ranks_children = !ds.units[u].children.is_empty()
                    && ds
                        .children_in(u, e)
                        .iter()
                        .any(|&c| report.entry(e, root, c).is_some());
                if ranks_children || ds.indicator_ids().any(|i| report.entry(e, i, u).is_some()) {
                    kinds.push(PageKind::ProvinceEdition(u, e));
                }
            }
        }
        for n in commentary.primary_pages() {
            let page = &commentary.pages[n];
            let units = &ds.unit_paths;
            if RESERVED.contains(&page.name.as_str())
                || [
                    &units.segment,
                    &units.parent_segment,
                    &units.segment_en,
                    &units.parent_segment_en,
                ]
                .contains(&&page.name)
            {
                diags.push(
                    Diagnostic::error(
                        crate::diagnostics::Location::file(&page.source),
                        format!("page name `{}` is reserved for generated pages", page.name),
                    )
                    .hint(format!(
                        "rename the file in content/commentary/pages/; these names are generated folders: {}",
                        RESERVED.join(", ")
                    )),
                );
                continue;
            }
            kinds.push(PageKind::Free(n));
        }
        let mut plan = Plan {
            pretty,
            ..Plan::default()
        };
        // Two pages never share a file (also not one differing only by case): the second would
        // silently replace the first while menus link both.
        let mut files: HashMap<String, usize> = HashMap::new();
        for &lang in langs {
            for &kind in &kinds {
                let page = Page {
                    kind,
                    lang,
                    url: url_for(kind, lang, ds, commentary),
                };
                if let Some(&other) = files.get(&page.file().to_lowercase()) {
                    let other = &plan.pages[other];
                    let source = [kind, other.kind]
                        .iter()
                        .find_map(|k| match k {
                            PageKind::Free(n) => Some(commentary.pages[*n].source.clone()),
                            _ => None,
                        })
                        .unwrap_or_else(|| "content/site.toml".into());
                    diags.push(
                        Diagnostic::error(
                            crate::diagnostics::Location::file(source),
                            format!(
                                "two pages would be written to `{}` ({:?} and {:?})",
                                page.file(),
                                other.kind,
                                kind
                            ),
                        )
                        .hint("rename one of them: a page name, unit slug, edition id or indicator code is used twice"),
                    );
                    continue;
                }
                files.insert(page.file().to_lowercase(), plan.pages.len());
                plan.index.insert((kind, lang), plan.pages.len());
                plan.pages.push(page);
            }
        }
        plan
    }

    /// The planned page of a kind, if any.
    pub fn page(&self, kind: PageKind, lang: Lang) -> Option<&Page> {
        self.index.get(&(kind, lang)).map(|&i| &self.pages[i])
    }

    /// The same page in the other language, if planned.
    pub fn twin(&self, page: &Page) -> Option<&Page> {
        let other = if page.lang == Lang::Vi {
            Lang::En
        } else {
            Lang::Vi
        };
        self.page(page.kind, other)
    }

    /// A relative link from page `from` to the page `kind`, if that page exists.
    pub fn link(&self, from: &Page, kind: PageKind) -> Option<String> {
        self.page(kind, from.lang)
            .map(|to| self.href(&from.url, &to.url))
    }

    /// A relative link from URL `from` to site-relative URL `to` (works under any sub-path and from disk).
    /// `to` may carry a query or fragment (`tinh/hue/#muc`): a folder still gets its
    /// `index.html` before it, so the link works from disk.
    pub fn href(&self, from: &str, to: &str) -> String {
        let (path, rest) = to.split_at(to.find(['?', '#']).unwrap_or(to.len()));
        let depth = from.matches('/').count();
        let mut out = "../".repeat(depth);
        out.push_str(path);
        if !self.pretty && (path.is_empty() || path.ends_with('/')) {
            out.push_str("index.html");
        }
        if out.is_empty() {
            out.push_str("./");
        }
        out.push_str(rest);
        out
    }

    /// The prefix that leads from page URL `from` to the site root ("", "../", "../../").
    pub fn root(from: &str) -> String {
        "../".repeat(from.matches('/').count())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_work_from_any_depth() {
        let plan = Plan {
            pretty: false,
            ..Plan::default()
        };
        let cases = [
            ("", "tinh/quang-ngai/", "tinh/quang-ngai/index.html"),
            ("tinh/quang-ngai/", "", "../../index.html"),
            (
                "tinh/quang-ngai/2022/",
                "xep-hang/2022/",
                "../../../xep-hang/2022/index.html",
            ),
            ("404.html", "tinh/", "tinh/index.html"),
            ("tinh/a/", "data/dti.csv", "../../data/dti.csv"),
            // Commentary writes `/tinh/hue/#x`: the folder keeps its index.html.
            ("tinh/a/", "tinh/hue/#x", "../../tinh/hue/index.html#x"),
            ("", "#top", "index.html#top"),
            ("", "xep-hang/?q=1", "xep-hang/index.html?q=1"),
        ];
        for (from, to, want) in cases {
            assert_eq!(plan.href(from, to), want, "{from} -> {to}");
        }
        let pretty = Plan {
            pretty: true,
            ..Plan::default()
        };
        assert_eq!(pretty.href("tinh/a/", ""), "../../");
        assert_eq!(pretty.href("", ""), "./");
        assert_eq!(pretty.href("", "#top"), "./#top");
    }

    /// Two pages on one output path (here two free pages of one name, which the loader never
    /// produces, standing for any future clash) are an error, not a silent overwrite.
    #[test]
    fn two_pages_on_one_path_are_refused() {
        let doc = |name: &str| crate::content::Doc {
            subject: crate::content::Subject::Page,
            name: name.into(),
            lang: Lang::Vi,
            title: String::new(),
            description: String::new(),
            weight: 0,
            body: String::new(),
            body_line: 1,
            source: format!("content/commentary/pages/{name}.md").into(),
        };
        let commentary = Commentary {
            docs: Vec::new(),
            pages: vec![doc("gioi-thieu"), doc("Gioi-Thieu")],
        };
        let mut diags = Diagnostics::new();
        let plan = Plan::new(
            &Dataset::default(),
            &Report::default(),
            &commentary,
            &[Lang::Vi],
            false,
            &mut diags,
        );
        let text = diags.render();
        assert!(
            text.contains("two pages would be written to `Gioi-Thieu/index.html`"),
            "{text}"
        );
        assert!(text.contains("pages/Gioi-Thieu.md"), "{text}");
        assert_eq!(
            plan.pages
                .iter()
                .filter(|p| matches!(p.kind, PageKind::Free(_)))
                .count(),
            1
        );
    }

    #[test]
    fn output_files() {
        let p = |url: &str| {
            Page {
                kind: PageKind::Home,
                lang: Lang::Vi,
                url: url.into(),
            }
            .file()
        };
        assert_eq!(p(""), "index.html");
        assert_eq!(p("tinh/hue/"), "tinh/hue/index.html");
        assert_eq!(p("404.html"), "404.html");
        let dir = |url: &str| {
            Page {
                kind: PageKind::Home,
                lang: Lang::Vi,
                url: url.into(),
            }
            .dir()
        };
        assert_eq!(
            (dir(""), dir("tinh/hue/"), dir("en/404.html")),
            (String::new(), "tinh/hue/".into(), "en/".into())
        );
    }
}
