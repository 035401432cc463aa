//! View-model pieces shared by several pages: number formatting, chrome, ranking rows.

use serde::Serialize;

use crate::compute::{Entry, RankSource, Table};
use crate::model::{EditionIx, IndicatorIx, UnitIx};
use crate::plan::{Page, PageKind, Plan};
use crate::text::Lang;
use crate::text::number;

use super::Ctx;

/// Formats numbers for one language at the published precision.
#[derive(Clone, Copy)]
pub struct Fmt {
    /// Page language.
    pub lang: Lang,
    /// Decimal places of values.
    pub places: usize,
}

impl Fmt {
    /// For a page.
    pub fn new(ctx: &Ctx, page: &Page) -> Fmt {
        Fmt {
            lang: page.lang,
            places: ctx.ds.precision as usize,
        }
    }

    /// A value or a dash.
    pub fn value(&self, v: Option<f64>) -> String {
        v.map(|v| number::decimal(v, self.places, self.lang))
            .unwrap_or_else(|| "—".into())
    }

    /// A signed value change or empty.
    pub fn value_change(&self, v: Option<f64>) -> String {
        v.map(|v| number::signed_decimal(v, self.places, self.lang))
            .unwrap_or_default()
    }

    /// A signed percent change or empty.
    pub fn pct_change(&self, v: Option<f64>) -> String {
        v.map(|v| number::signed_percent(v, 1, self.lang))
            .unwrap_or_default()
    }

    /// An integer.
    pub fn int(&self, n: usize) -> String {
        number::integer(n as i64, self.lang)
    }
}

/// The edition shown on the home page: site.toml's `featured`, else the latest complete one.
pub fn featured(ctx: &Ctx) -> EditionIx {
    let root = ctx.ds.root_indicator();
    ctx.config
        .featured
        .as_deref()
        .and_then(|id| ctx.ds.edition_by_id(id))
        .or_else(|| {
            (0..ctx.ds.editions.len())
                .rev()
                .find(|&e| ctx.report.table(e, root).is_some_and(|t| t.complete))
        })
        .unwrap_or(0)
}

/// A labelled link.
#[derive(Serialize, Clone)]
pub struct Link {
    /// Text.
    pub label: String,
    /// Relative href.
    pub href: String,
    /// Whether it is the current page or section.
    pub active: bool,
}

/// A rank change as shown: arrow direction and text.
#[derive(Serialize, Clone, Default)]
pub struct ChangeView {
    /// `up`, `down`, `same` or `none`.
    pub dir: &'static str,
    /// "+13", "−21", "0" or "".
    pub text: String,
    /// Accessible sentence ("lên 13 bậc").
    pub title: String,
    /// The places moved, for sorting (positive: up); empty when unknown.
    pub raw: String,
}

/// Builds the rank-change view.
pub fn rank_change(places: Option<i64>, lang: Lang) -> ChangeView {
    let Some(p) = places else {
        return ChangeView {
            dir: "none",
            ..ChangeView::default()
        };
    };
    let n = p.unsigned_abs();
    let (dir, title) = match (p.signum(), lang) {
        (1, Lang::Vi) => ("up", format!("tăng {n} bậc")),
        (-1, Lang::Vi) => ("down", format!("giảm {n} bậc")),
        (_, Lang::Vi) => ("same", "giữ nguyên hạng".to_owned()),
        (1, Lang::En) => (
            "up",
            format!("up {n} place{}", if n == 1 { "" } else { "s" }),
        ),
        (-1, Lang::En) => (
            "down",
            format!("down {n} place{}", if n == 1 { "" } else { "s" }),
        ),
        (_, Lang::En) => ("same", "unchanged".to_owned()),
    };
    ChangeView {
        dir,
        text: number::rank_change(p, lang),
        title,
        raw: p.to_string(),
    }
}

/// The chrome of every page: site, navigation, breadcrumbs.
#[derive(Serialize)]
pub struct Base {
    /// Site title.
    pub site_title: String,
    /// Publisher line.
    pub publisher: String,
    /// Page title.
    pub title: String,
    /// Meta description.
    pub description: String,
    /// Prefix to the site root.
    pub root: String,
    /// Link to the home page.
    pub home: String,
    /// Main navigation.
    pub nav: Vec<Link>,
    /// Footer links (free pages, data).
    pub footer: Vec<Link>,
    /// Breadcrumbs (without the current page).
    pub crumbs: Vec<Link>,
    /// Absolute canonical URL, when base_url is set.
    pub canonical: String,
    /// The same page in the other language.
    pub switch: Option<Switch>,
    /// hreflang alternates: (language code, href).
    pub alternates: Vec<(String, String)>,
    /// schema.org JSON-LD (already serialised, `</` escaped), on data pages.
    pub jsonld: String,
    /// "Cite this page", on data pages.
    pub cite: Option<Cite>,
    /// Licences of data and text (site.toml `[licence]`), shown in the footer.
    pub licence: crate::config::Licence,
    /// Link to the Atom feed of the page's language; empty when the site has none.
    pub feed: String,
}

/// A citation of a data page.
#[derive(Serialize)]
pub struct Cite {
    /// Who publishes the figures.
    pub author: String,
    /// Page title.
    pub title: String,
    /// Year of the data.
    pub data_year: String,
    /// Absolute URL when known (else filled in by the browser).
    pub url: String,
}

/// Adds schema.org `Dataset` metadata and a citation block to a data page.
pub fn data_page(ctx: &Ctx, page: &Page, base: &mut Base, years: &str, downloads: &[Link]) {
    let vi = page.lang == Lang::Vi;
    let absolute = |href: &str| -> String {
        if ctx.config.base_url.is_empty() {
            href.to_owned()
        } else {
            format!(
                "{}/{}",
                ctx.config.base_url,
                href.trim_start_matches("../").trim_start_matches("./")
            )
        }
    };
    let author = if vi {
        "Bộ Thông tin và Truyền thông (nay là Bộ Khoa học và Công nghệ)"
    } else {
        "Ministry of Information and Communications (now Ministry of Science and Technology)"
    };
    let distribution: Vec<serde_json::Value> = downloads
        .iter()
        .map(|l| {
            let format = if l.label.ends_with(".json") { "application/json" } else { "text/csv" };
            // Downloads are linked relative to the page; the JSON-LD wants site-root paths.
            let from_root = l.href.trim_start_matches("../");
            serde_json::json!({"@type": "DataDownload", "encodingFormat": format, "contentUrl": absolute(from_root)})
        })
        .collect();
    let mut json = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": base.title,
        "description": base.description,
        "inLanguage": page.lang.code(),
        "temporalCoverage": years,
        "spatialCoverage": {"@type": "Place", "name": if vi { "Việt Nam" } else { "Vietnam" }},
        "creator": {"@type": "Organization", "name": author},
        "isAccessibleForFree": true,
        "distribution": distribution,
    });
    if !base.canonical.is_empty() {
        json["url"] = serde_json::Value::String(base.canonical.clone());
    }
    base.jsonld = json.to_string().replace("</", "<\\/");
    base.cite = Some(Cite {
        author: author.to_owned(),
        title: format!("{} — {}", base.title, base.site_title),
        data_year: years.to_owned(),
        url: base.canonical.clone(),
    });
}

/// The language switch.
#[derive(Serialize)]
pub struct Switch {
    /// Link to the twin page.
    pub href: String,
    /// Its language code.
    pub lang: &'static str,
    /// Its label, in its own language.
    pub label: &'static str,
}

/// Builds the chrome for `page` with `title`, `description` and breadcrumbs.
pub fn base(ctx: &Ctx, page: &Page, title: String, description: String, crumbs: Vec<Link>) -> Base {
    let plan = ctx.plan;
    let lang = page.lang;
    let t = |vi: &str, en: &str| {
        if lang == Lang::Vi {
            vi.to_owned()
        } else {
            en.to_owned()
        }
    };
    // Each section's index page, active on any page of the section.
    let nav = [
        PageKind::Home,
        PageKind::Rankings,
        PageKind::Provinces,
        PageKind::Compare,
        PageKind::Indicators,
    ]
    .into_iter()
    .filter_map(|kind| {
        link(
            plan,
            page,
            kind,
            section_label(kind, lang).to_owned(),
            section_of(page.kind) == kind,
        )
    })
    .collect();
    let mut footer = free_links(ctx, page);
    footer.push(Link {
        label: t("Tải dữ liệu (CSV)", "Download data (CSV)"),
        href: plan.href(&page.url, "data/dti.csv"),
        active: false,
    });
    let canonical = if ctx.config.base_url.is_empty() {
        String::new()
    } else {
        format!("{}/{}", ctx.config.base_url, page.url)
    };
    Base {
        site_title: if lang == Lang::Vi {
            ctx.config.title.clone()
        } else {
            ctx.config.title_en.clone()
        },
        publisher: ctx.config.publisher.clone(),
        title,
        description,
        root: Plan::root(&page.url),
        home: plan.link(page, PageKind::Home).unwrap_or_default(),
        nav,
        footer,
        crumbs,
        canonical,
        jsonld: String::new(),
        cite: None,
        licence: ctx.config.licence.clone(),
        feed: if crate::feeds::has_feed(ctx.config) {
            plan.href(&page.url, &crate::feeds::feed_path(lang))
        } else {
            String::new()
        },
        switch: plan.twin(page).map(|twin| Switch {
            href: plan.href(&page.url, &twin.url),
            lang: twin.lang.code(),
            label: if twin.lang == Lang::Vi {
                "Tiếng Việt"
            } else {
                "English"
            },
        }),
        alternates: std::iter::once(page)
            .chain(plan.twin(page))
            .map(|p| {
                let href = if ctx.config.base_url.is_empty() {
                    plan.href(&page.url, &p.url)
                } else {
                    format!("{}/{}", ctx.config.base_url, p.url)
                };
                (p.lang.code().to_owned(), href)
            })
            .collect(),
    }
}

/// The section a page belongs to (its index page).
fn section_of(kind: PageKind) -> PageKind {
    match kind {
        PageKind::Ranking(_) | PageKind::IndicatorRanking(..) => PageKind::Rankings,
        PageKind::Province(_) | PageKind::ProvinceEdition(..) => PageKind::Provinces,
        PageKind::Indicator(_) => PageKind::Indicators,
        other => other,
    }
}

/// The name of a section index page in a language (navigation and breadcrumbs).
pub fn section_label(kind: PageKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (PageKind::Home, Lang::Vi) => "Trang chủ",
        (PageKind::Home, Lang::En) => "Home",
        (PageKind::Rankings, Lang::Vi) => "Xếp hạng",
        (PageKind::Rankings, Lang::En) => "Rankings",
        (PageKind::Provinces, Lang::Vi) => "Tỉnh, thành phố",
        (PageKind::Provinces, Lang::En) => "Provinces",
        (PageKind::Indicators, Lang::Vi) => "Chỉ số",
        (PageKind::Indicators, Lang::En) => "Indicators",
        (PageKind::Compare, Lang::Vi) => "So sánh",
        (PageKind::Compare, Lang::En) => "Compare",
        _ => "",
    }
}

/// A breadcrumb to a section index page.
pub fn section(ctx: &Ctx, page: &Page, kind: PageKind) -> Option<Link> {
    link(
        ctx.plan,
        page,
        kind,
        section_label(kind, page.lang).to_owned(),
        false,
    )
}

/// A link to a planned page, or none if the page does not exist.
pub fn link(plan: &Plan, from: &Page, kind: PageKind, label: String, active: bool) -> Option<Link> {
    plan.link(from, kind).map(|href| Link {
        label,
        href,
        active,
    })
}

/// A column of a ranking table.
#[derive(Serialize, Clone)]
pub struct Column {
    /// Short header.
    pub label: String,
    /// Full name (tooltip).
    pub title: String,
    /// Link to that indicator's ranking in the edition.
    pub href: Option<String>,
}

/// One cell: formatted value and the raw number for sorting.
#[derive(Serialize, Clone)]
pub struct Cell {
    /// Formatted value.
    pub text: String,
    /// Raw value (for `data-sort`).
    pub raw: Option<f64>,
    /// Rank in that column, if any.
    pub rank: String,
}

/// One row of a ranking table.
#[derive(Serialize, Clone)]
pub struct Row {
    /// Rank text ("15" or "—").
    pub rank: String,
    /// Rank number for sorting.
    pub rank_raw: Option<u32>,
    /// "official" or "computed" or "".
    pub rank_source: &'static str,
    /// Rank change.
    pub change: ChangeView,
    /// Unit name in the edition.
    pub name: String,
    /// Link to the unit's page for the edition.
    pub href: String,
    /// Region.
    pub region: String,
    /// Main value.
    pub value: Cell,
    /// Value change ("+0,0123").
    pub value_change: String,
    /// Other columns.
    pub cells: Vec<Cell>,
    /// The unit the page is about.
    pub current: bool,
}

/// Builds rows for `entries` of edition `e`, with extra indicator columns.
pub fn rows(
    ctx: &Ctx,
    page: &Page,
    e: EditionIx,
    entries: &[Entry],
    columns: &[IndicatorIx],
    current: Option<UnitIx>,
) -> Vec<Row> {
    let fmt = Fmt::new(ctx, page);
    entries
        .iter()
        .map(|en| {
            let period = ctx.ds.period_in(en.unit, e);
            let href = ctx
                .plan
                .link(page, PageKind::ProvinceEdition(en.unit, e))
                .or_else(|| ctx.plan.link(page, PageKind::Province(en.unit)))
                .unwrap_or_default();
            let cells = columns
                .iter()
                .map(|&c| {
                    let other = ctx.report.entry(e, c, en.unit);
                    let v = other.and_then(|o| o.value);
                    Cell {
                        text: fmt.value(v),
                        raw: v,
                        rank: other
                            .and_then(|o| o.rank)
                            .map(|r| r.to_string())
                            .unwrap_or_default(),
                    }
                })
                .collect();
            Row {
                rank: en
                    .rank
                    .map(|r| fmt.int(r as usize))
                    .unwrap_or_else(|| "—".into()),
                rank_raw: en.rank,
                rank_source: en.rank_source.map_or("", RankSource::as_str),
                change: rank_change(en.change.rank_places, page.lang),
                name: name_in(period, page.lang),
                href,
                region: region_in(period, page.lang),
                value: Cell {
                    text: fmt.value(en.value),
                    raw: en.value,
                    rank: String::new(),
                },
                value_change: fmt.value_change(en.change.value_abs),
                cells,
                current: Some(en.unit) == current,
            }
        })
        .collect()
}

/// The unit's name in a language.
pub fn name_in(period: &crate::model::UnitPeriod, lang: Lang) -> String {
    if lang == Lang::Vi {
        period.name.clone()
    } else {
        period.name_en.clone()
    }
}

/// The unit's region in a language.
pub fn region_in(period: &crate::model::UnitPeriod, lang: Lang) -> String {
    if lang == Lang::Vi {
        period.region.clone()
    } else {
        period.region_en.clone()
    }
}

/// The indicator's name and short label in a language.
pub fn indicator_names(ctx: &Ctx, i: IndicatorIx, lang: Lang) -> (String, String) {
    let ind = &ctx.ds.indicators[i];
    if lang == Lang::Vi {
        (ind.name.clone(), ind.short.clone())
    } else {
        (ind.name_en.clone(), ind.short_en.clone())
    }
}

/// The edition's label in a language.
pub fn edition_label(ctx: &Ctx, e: EditionIx, lang: Lang) -> String {
    let ed = &ctx.ds.editions[e];
    if lang == Lang::Vi {
        ed.label.clone()
    } else {
        ed.label_en.clone()
    }
}

/// Summary statistics as label/value pairs.
#[derive(Serialize, Clone)]
pub struct StatView {
    /// Label.
    pub label: String,
    /// Formatted value.
    pub value: String,
}

/// Mean, median, min, max, count of a table, in the page's language.
pub fn stat_views(ctx: &Ctx, page: &Page, table: &Table) -> Vec<StatView> {
    let Some(s) = table.stats else {
        return Vec::new();
    };
    let fmt = Fmt::new(ctx, page);
    let vi = page.lang == Lang::Vi;
    let l = |a: &str, b: &str| if vi { a.to_owned() } else { b.to_owned() };
    vec![
        StatView {
            label: l("Trung bình", "Mean"),
            value: fmt.value(Some(s.mean)),
        },
        StatView {
            label: l("Trung vị", "Median"),
            value: fmt.value(Some(s.median)),
        },
        StatView {
            label: l("Cao nhất", "Highest"),
            value: fmt.value(Some(s.max)),
        },
        StatView {
            label: l("Thấp nhất", "Lowest"),
            value: fmt.value(Some(s.min)),
        },
        StatView {
            label: l("Số đơn vị", "Units"),
            value: fmt.int(s.count),
        },
    ]
}

/// Published aggregates of an indicator in an edition, as "label: value (source)".
#[derive(Serialize, Clone)]
pub struct PublishedView {
    /// What it is.
    pub label: String,
    /// Formatted value.
    pub value: String,
    /// Where published.
    pub source: String,
    /// Link, when the source is a URL.
    pub url: String,
    /// The URL's host, shown as the link text.
    pub host: String,
    /// Remark.
    pub note: String,
}

/// Published aggregates for (e, i).
pub fn published(ctx: &Ctx, page: &Page, e: EditionIx, i: IndicatorIx) -> Vec<PublishedView> {
    let fmt = Fmt::new(ctx, page);
    let vi = page.lang == Lang::Vi;
    ctx.ds
        .published
        .iter()
        .filter(|p| p.edition == e && p.indicator == i)
        .map(|p| {
            let label = match (p.statistic.as_str(), vi) {
                ("mean", true) => "Trung bình cấp tỉnh (công bố)",
                ("mean", false) => "Provincial mean (published)",
                ("median", true) => "Trung vị (công bố)",
                ("median", false) => "Median (published)",
                ("min", true) => "Thấp nhất (công bố)",
                ("min", false) => "Lowest (published)",
                ("max", true) => "Cao nhất (công bố)",
                ("max", false) => "Highest (published)",
                (_, true) => "DTI quốc gia (công bố)",
                (_, false) => "National DTI (published)",
            };
            let url = if p.source.starts_with("http") {
                p.source.clone()
            } else {
                String::new()
            };
            let host = url
                .split("://")
                .nth(1)
                .and_then(|r| r.split('/').next())
                .unwrap_or("");
            PublishedView {
                host: host.trim_start_matches("www.").to_owned(),
                label: label.to_owned(),
                value: fmt.value(Some(p.value)),
                source: p.source.clone(),
                url,
                note: p.note.clone(),
            }
        })
        .collect()
}

/// Links to an edition's downloads.
pub fn edition_downloads(ctx: &Ctx, page: &Page, e: EditionIx) -> Vec<Link> {
    let id = &ctx.ds.editions[e].id;
    vec![
        Link {
            label: format!("{id}.csv"),
            href: ctx.plan.href(&page.url, &format!("data/{id}.csv")),
            active: false,
        },
        Link {
            label: format!("{id}.xlsx"),
            href: ctx.plan.href(&page.url, &format!("data/{id}.xlsx")),
            active: false,
        },
        Link {
            label: format!("{id}.json"),
            href: ctx.plan.href(&page.url, &format!("data/years/{id}.json")),
            active: false,
        },
    ]
}

/// Renders a commentary document for a page (root links made relative).
pub fn doc_html(ctx: &Ctx, page: &Page, doc: &crate::content::Doc) -> String {
    // Figures were checked after compute (content::check_figures), so expansion succeeds.
    let body = crate::shortcode::expand(&doc.body, ctx.ds, ctx.report, doc.defaults(), page.lang)
        .unwrap_or_else(|_| doc.body.clone());
    crate::content::markdown_to_html(&body, &|to| ctx.plan.href(&page.url, to))
}

/// The commentary about `subject` for a page: in the page's language, or, when only the
/// Vietnamese text exists, a notice linking it (languages are never mixed silently).
pub fn commentary(ctx: &Ctx, page: &Page, subject: crate::content::Subject) -> String {
    if let Some(doc) = ctx.commentary.find(subject, page.lang) {
        return doc_html(ctx, page, doc);
    }
    let other = if page.lang == Lang::Vi {
        Lang::En
    } else {
        Lang::Vi
    };
    match (ctx.commentary.find(subject, other), ctx.plan.twin(page)) {
        (Some(_), Some(twin)) => fallback_notice(ctx, page, &twin.url),
        _ => String::new(),
    }
}

/// "The commentary is available in Vietnamese" with a link to the twin page.
pub fn fallback_notice(ctx: &Ctx, page: &Page, twin_url: &str) -> String {
    let href = ctx.plan.href(&page.url, twin_url);
    if page.lang == Lang::En {
        format!(
            "<p class=\"notice\" lang=\"en\">The commentary on this page is available in Vietnamese: <a href=\"{href}\" hreflang=\"vi\" lang=\"vi\">Tiếng Việt</a>.</p>"
        )
    } else {
        format!(
            "<p class=\"notice\">Phần nhận định của trang này chỉ có bằng tiếng Anh: <a href=\"{href}\" hreflang=\"en\" lang=\"en\">English</a>.</p>"
        )
    }
}

/// Free pages as links in the page's language (title from that language's text when written).
pub fn free_links(ctx: &Ctx, page: &Page) -> Vec<Link> {
    ctx.commentary
        .primary_pages()
        .into_iter()
        .filter_map(|n| {
            let primary = &ctx.commentary.pages[n];
            let title = ctx
                .commentary
                .page_doc(&primary.name, page.lang)
                .unwrap_or(primary)
                .title
                .clone();
            link(
                ctx.plan,
                page,
                PageKind::Free(n),
                title,
                page.kind == PageKind::Free(n),
            )
        })
        .collect()
}
