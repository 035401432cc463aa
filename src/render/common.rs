//! View-model pieces shared by several pages: number formatting, chrome, ranking rows.

use serde::Serialize;

use crate::compute::{Entry, RankSource};
use crate::model::{EditionId, IndicatorId, Statistic, UnitId};
use crate::plan::{Page, PageKind, Plan};
use crate::text::number;
use crate::text::{Lang, Strings};

use super::Ctx;
use super::provenance::{self, LegendLine, Mark, Usual, mark};

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

    /// A change of value as shown: the difference, or where only a published percent change
    /// exists (the previous value is missing), that percentage ("+52,2 %"), marked as official.
    pub fn value_change_of(&self, c: &crate::compute::Change) -> String {
        match (c.value_abs, c.value_pct) {
            (Some(v), _) => self.value_change(Some(v)),
            (None, pct) => self.pct_change(pct),
        }
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
pub fn featured(ctx: &Ctx) -> EditionId {
    let root = ctx.ds.root_indicator();
    ctx.config
        .featured
        .as_deref()
        .and_then(|id| ctx.ds.edition_by_id(id))
        .or_else(|| {
            ctx.ds
                .edition_ids()
                .rev()
                .find(|&e| ctx.report.table(e, root).is_some_and(|t| t.complete))
        })
        .unwrap_or(EditionId::new(0))
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
    /// The places as a number for sorting ("13", "-21"), empty when there is no change: a
    /// table sorted by change orders numerically, with rows without a change last.
    pub sort: String,
}

/// Builds the rank-change view.
pub fn rank_change(places: Option<i64>, t: &Strings) -> ChangeView {
    let Some(p) = places else {
        return ChangeView {
            dir: "none",
            ..ChangeView::default()
        };
    };
    let n = usize::try_from(p.unsigned_abs()).unwrap_or(usize::MAX);
    let (dir, title) = match p.signum() {
        1 => ("up", t.plural("rank_moved.up", n, &[])),
        -1 => ("down", t.plural("rank_moved.down", n, &[])),
        _ => ("same", t.get("rank_moved.same").to_owned()),
    };
    ChangeView {
        dir,
        text: number::rank_change(p, t.lang()),
        title,
        sort: p.to_string(),
    }
}

/// The index as a page names it: from site.toml's `[index]`, else the root indicator.
#[derive(Serialize, Clone)]
pub struct IndexView {
    /// Full name ("Chỉ số chuyển đổi số cấp tỉnh").
    pub name: String,
    /// Short name for headings and titles ("DTI").
    pub short: String,
    /// Who publishes the index; empty when the site does not say.
    pub publisher: String,
    /// How to reach the site's editors (e-mail or URL); empty when not given.
    pub contact: String,
    /// `mailto:` or the URL, for the contact link.
    pub contact_href: String,
}

/// The index's names and publisher in a language.
pub fn index_view(ctx: &Ctx, lang: Lang) -> IndexView {
    let ix = &ctx.config.index;
    let root = &ctx.ds.indicators[ctx.ds.root_indicator()];
    let vi = lang == Lang::Vi;
    // An English page never falls back to the Vietnamese name: the root indicator's English
    // name is the default.
    let pick = |vi_value: &Option<String>, en_value: &Option<String>, fallback: &str| {
        let chosen = if vi { vi_value } else { en_value };
        chosen.clone().unwrap_or_else(|| fallback.to_owned())
    };
    let (root_name, root_short) = if vi {
        (&root.name, &root.short)
    } else {
        (&root.name_en, &root.short_en)
    };
    let contact = ix.contact.trim().to_owned();
    let contact_href = if contact.contains('@') && !contact.contains("://") {
        format!("mailto:{contact}")
    } else {
        contact.clone()
    };
    IndexView {
        name: pick(&ix.name, &ix.name_en, root_name),
        short: pick(&ix.short, &ix.short_en, root_short),
        publisher: if vi || ix.publisher_en.is_empty() {
            ix.publisher.clone()
        } else {
            ix.publisher_en.clone()
        },
        contact,
        contact_href,
    }
}

/// The chrome of every page: site, navigation, breadcrumbs.
#[derive(Serialize)]
pub struct Base {
    /// Site title.
    pub site_title: String,
    /// Publisher line.
    pub publisher: String,
    /// The index's names, publisher and contact.
    pub index: IndexView,
    /// "Figures of <index> as published by <publisher>", or empty.
    pub footer_note: String,
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
    let t = ctx.t(page.lang);
    // Downloads are linked relative to the page; the metadata wants them absolute when it can.
    let file = page.file();
    let absolute = |href: &str| -> String {
        match (
            &ctx.config.base_url,
            crate::plan::urls::resolve(&file, href, "/"),
        ) {
            (Some(base), Some((Ok(target), _))) => base.join(&target),
            _ => href.to_owned(),
        }
    };
    // The index's publisher is the data's creator; without one, the site vouches for its pages.
    let author = if base.index.publisher.is_empty() {
        base.site_title.clone()
    } else {
        base.index.publisher.clone()
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
        "spatialCoverage": {"@type": "Place", "name": t.get("country")},
        "creator": {"@type": "Organization", "name": author},
        "isAccessibleForFree": true,
        "distribution": distribution,
    });
    if !base.canonical.is_empty() {
        json["url"] = serde_json::Value::String(base.canonical.clone());
    }
    base.jsonld = json.to_string().replace("</", "<\\/");
    base.cite = Some(Cite {
        author,
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
    pub label: String,
}

/// Builds the chrome for `page` with `title`, `description` and breadcrumbs.
pub fn base(ctx: &Ctx, page: &Page, title: String, description: String, crumbs: Vec<Link>) -> Base {
    let plan = ctx.plan;
    let lang = page.lang;
    let t = ctx.t(lang);
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
            section_label(kind, t),
            section_of(page.kind) == kind,
        )
    })
    .collect();
    let mut footer = free_links(ctx, page);
    footer.push(Link {
        label: t.get("download_csv").to_owned(),
        href: plan.href(
            &page.url,
            &crate::opendata::long_csv_path(ctx.config, ctx.ds),
        ),
        active: false,
    });
    let canonical = ctx
        .config
        .base_url
        .as_ref()
        .map(|b| b.join(&page.url))
        .unwrap_or_default();
    let index = index_view(ctx, lang);
    Base {
        site_title: if lang == Lang::Vi {
            ctx.config.title.clone()
        } else {
            ctx.config.title_en.clone()
        },
        publisher: if lang == Lang::Vi {
            ctx.config.publisher.clone()
        } else {
            ctx.config.publisher_en.clone()
        },
        footer_note: if index.publisher.is_empty() {
            String::new()
        } else {
            t.fill(
                "footer_note",
                &[("index", &index.short), ("publisher", &index.publisher)],
            )
        },
        index,
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
            // Each language's own name for itself.
            label: ctx.t(twin.lang).get("lang_name").to_owned(),
        }),
        alternates: std::iter::once(page)
            .chain(plan.twin(page))
            .map(|p| {
                let href = match &ctx.config.base_url {
                    Some(base) => base.join(&p.url),
                    None => plan.href(&page.url, &p.url),
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
        PageKind::Province(_) | PageKind::ProvinceEdition(..) | PageKind::Parents => {
            PageKind::Provinces
        }
        PageKind::Indicator(_) => PageKind::Indicators,
        other => other,
    }
}

/// The name of a section index page (navigation and breadcrumbs).
pub fn section_label(kind: PageKind, t: &Strings) -> String {
    match kind {
        PageKind::Home => t.get("nav.home"),
        PageKind::Rankings => t.get("nav.rankings"),
        PageKind::Provinces => t.get("nav.provinces"),
        PageKind::Indicators => t.get("nav.indicators"),
        PageKind::Compare => t.get("nav.compare"),
        _ => "",
    }
    .to_owned()
}

/// A breadcrumb to a section index page.
pub fn section(ctx: &Ctx, page: &Page, kind: PageKind) -> Option<Link> {
    link(
        ctx.plan,
        page,
        kind,
        section_label(kind, ctx.t(page.lang)),
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
    /// Raw value.
    pub raw: Option<f64>,
    /// `data-sort`: the raw value, "" when absent (sorted last either way); 0 is a value.
    pub sort: String,
    /// Rank in that column, if any.
    pub rank: String,
    /// Provenance mark of the value ([`super::provenance`]).
    pub mark: Option<Mark>,
}

/// One row of a ranking table.
#[derive(Serialize, Clone)]
pub struct Row {
    /// Rank text ("15" or "—").
    pub rank: String,
    /// Rank number for sorting.
    pub rank_raw: Option<u32>,
    /// "official", "computed", "derived" or "".
    pub rank_source: &'static str,
    /// Provenance marks of the rank, value and changes.
    pub marks: EntryMarks,
    /// Rank change.
    pub change: ChangeView,
    /// Unit name in the edition.
    pub name: String,
    /// Link to the unit's page for the edition.
    pub href: String,
    /// Region.
    pub region: String,
    /// The unit's parent in the edition (a commune's province), or "".
    pub parent: String,
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
    e: EditionId,
    entries: &[Entry],
    columns: &[IndicatorId],
    current: Option<UnitId>,
) -> Vec<Row> {
    let fmt = Fmt::new(ctx, page);
    let t = ctx.t(page.lang);
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
                        sort: v.map(|v| v.to_string()).unwrap_or_default(),
                        rank: other
                            .and_then(|o| o.rank)
                            .map(|r| r.to_string())
                            .unwrap_or_default(),
                        mark: mark(t, other.and_then(|o| o.value_source), Usual::Official),
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
                marks: entry_marks(t, en),
                change: rank_change(en.change.rank_places, ctx.t(page.lang)),
                name: name_in(period, page.lang),
                href,
                region: region_in(period, page.lang),
                parent: period
                    .parent
                    .map(|p| name_in(ctx.ds.period_in(p, e), page.lang))
                    .unwrap_or_default(),
                value: Cell {
                    text: fmt.value(en.value),
                    raw: en.value,
                    sort: en.value.map(|v| v.to_string()).unwrap_or_default(),
                    rank: String::new(),
                    mark: None,
                },
                value_change: fmt.value_change_of(&en.change),
                cells,
                current: Some(en.unit) == current,
            }
        })
        .collect()
}

/// The provenance marks of a unit's figures in one table ([`super::provenance`]).
#[derive(Serialize, Clone, Default)]
pub struct EntryMarks {
    /// The value's (derived).
    pub value: Option<Mark>,
    /// The rank's (derived).
    pub rank: Option<Mark>,
    /// The rank change's: its provenance (derived, or officially published where it cannot be
    /// computed), then a change of method it crosses.
    pub change: Vec<Mark>,
    /// The value change's: derived when either value is; a change of method it crosses.
    pub value_change: Vec<Mark>,
}

impl EntryMarks {
    /// Every mark, for a legend.
    pub fn all(&self) -> impl Iterator<Item = &Mark> {
        self.value
            .iter()
            .chain(&self.rank)
            .chain(&self.change)
            .chain(&self.value_change)
    }
}

/// The marks of an entry's value, rank and changes.
pub fn entry_marks(t: &Strings, en: &Entry) -> EntryMarks {
    let c = &en.change;
    let method = |shown: bool| (c.crosses_method && shown).then(|| provenance::method(t));
    EntryMarks {
        value: mark(t, en.value_source, Usual::Official),
        rank: mark(t, en.rank_source, Usual::Official),
        change: mark(t, c.rank_source, Usual::Computed)
            .into_iter()
            .chain(method(c.rank_places.is_some()))
            .collect(),
        value_change: mark(t, c.value_source, Usual::Computed)
            .into_iter()
            .chain(method(c.value_abs.is_some() || c.value_pct.is_some()))
            .collect(),
    }
}

/// Every mark in `rows`.
pub fn rows_marks(rows: &[Row]) -> impl Iterator<Item = &Mark> {
    rows.iter()
        .flat_map(|r| r.marks.all().chain(r.cells.iter().flat_map(|c| &c.mark)))
}

/// The legend of every mark in `rows`.
pub fn rows_legend(t: &Strings, rows: &[Row]) -> Vec<LegendLine> {
    provenance::legend(t, rows_marks(rows))
}

/// A unit's name in edition `e` made unique by its parent ("Tân Lập (Phú Thọ)"), for charts that
/// tell units apart by their labels; units without a parent keep their name.
pub fn name_with_parent(ctx: &Ctx, u: UnitId, e: EditionId, lang: Lang) -> String {
    let name = name_in(ctx.ds.period_in(u, e), lang);
    match ctx.ds.parent_in(u, e) {
        Some(p) => format!("{name} ({})", name_in(ctx.ds.period_in(p, e), lang)),
        None => name,
    }
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
pub fn indicator_names(ctx: &Ctx, i: IndicatorId, lang: Lang) -> (String, String) {
    let ind = &ctx.ds.indicators[i];
    if lang == Lang::Vi {
        (ind.name.clone(), ind.short.clone())
    } else {
        (ind.name_en.clone(), ind.short_en.clone())
    }
}

/// The edition's label in a language.
pub fn edition_label(ctx: &Ctx, e: EditionId, lang: Lang) -> String {
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
    /// Provenance mark: a published aggregate where none can be computed.
    pub mark: Option<Mark>,
}

/// An aggregate of indicator `i` in edition `e`: computed from a
/// complete table, else the published one ([`crate::claims::aggregate`]), formatted and marked.
pub fn aggregate_cell(
    ctx: &Ctx,
    lang: Lang,
    e: EditionId,
    i: IndicatorId,
    statistic: Statistic,
) -> Option<(f64, String, Option<Mark>)> {
    let a = crate::claims::aggregate(ctx.ds, ctx.report, e, i, statistic)?;
    Some((
        a.value,
        number::decimal(a.value, ctx.ds.precision as usize, lang),
        mark(ctx.t(lang), Some(a.source), Usual::Computed),
    ))
}

/// Mean, median, max, min and count of indicator `i` in edition `e`, in the page's language:
/// computed from a complete table, or, where nothing can be computed, the published aggregates
/// (marked as such; no count, since they were not computed over the table's values).
pub fn stat_views(ctx: &Ctx, page: &Page, e: EditionId, i: IndicatorId) -> Vec<StatView> {
    let t = ctx.t(page.lang);
    let shown = [
        Statistic::Mean,
        Statistic::Median,
        Statistic::Max,
        Statistic::Min,
    ];
    let mut out: Vec<StatView> = shown
        .into_iter()
        .filter_map(|stat| {
            let (_, value, mark) = aggregate_cell(ctx, page.lang, e, i, stat)?;
            Some(StatView {
                label: t.get(stat.as_str()).to_owned(),
                value,
                mark,
            })
        })
        .collect();
    if let Some(s) = ctx.report.table(e, i).and_then(|t| t.stats) {
        out.push(StatView {
            label: t.get("units").to_owned(),
            value: Fmt::new(ctx, page).int(s.count),
            mark: None,
        });
    }
    out
}

/// The legend of the marks of a stat block.
pub fn stats_legend(t: &Strings, stats: &[StatView]) -> Vec<LegendLine> {
    provenance::legend(t, stats.iter().flat_map(|s| &s.mark))
}

/// Published aggregates of an indicator in an edition, as "label: value (source)".
#[derive(Serialize, Clone)]
pub struct PublishedView {
    /// What it is.
    pub label: String,
    /// Formatted value.
    pub value: String,
    /// Where published, named in the page's language.
    pub source: SourceView,
    /// Why a known difference from the figure computed from the table is accepted (in the
    /// page's language), when the data acknowledges one.
    pub explanation: String,
}

/// A source as a page cites it: its name in the page's language, linked when online.
#[derive(Serialize, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SourceView {
    /// The name shown.
    pub text: String,
    /// Address of the original, or empty.
    pub url: String,
    /// The name is in Vietnamese on a page in another language (marked `lang="vi"`).
    pub vi: bool,
}

/// How a page names a source of the data: from `content/sources.csv`, else a web address's
/// host, else the text as written in the data (Vietnamese, marked so on other pages).
pub fn source_view(ctx: &Ctx, raw: &str, lang: Lang) -> SourceView {
    let other_lang = lang != Lang::Vi;
    if let Some(n) = ctx.ds.source_names.get(raw.trim()) {
        let (text, vi) = if other_lang && !n.name_en.is_empty() {
            (n.name_en.clone(), false)
        } else {
            (n.name.clone(), other_lang)
        };
        return SourceView {
            text,
            url: n.url.clone(),
            vi,
        };
    }
    if raw.starts_with("http://") || raw.starts_with("https://") {
        let host = raw
            .split("://")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .unwrap_or(raw);
        return SourceView {
            text: host.trim_start_matches("www.").to_owned(),
            url: raw.to_owned(),
            vi: false,
        };
    }
    SourceView {
        text: raw.to_owned(),
        url: String::new(),
        vi: other_lang,
    }
}

/// Published aggregates for (e, i).
pub fn published(ctx: &Ctx, page: &Page, e: EditionId, i: IndicatorId) -> Vec<PublishedView> {
    let fmt = Fmt::new(ctx, page);
    let t = ctx.t(page.lang);
    let index = index_view(ctx, page.lang);
    ctx.ds
        .published
        .iter()
        .filter(|p| p.edition == e && p.indicator == i)
        .map(|p| {
            let label = match p.statistic {
                Statistic::Mean => t.get("published_stat.mean").to_owned(),
                Statistic::Median => t.get("published_stat.median").to_owned(),
                Statistic::Min => t.get("published_stat.min").to_owned(),
                Statistic::Max => t.get("published_stat.max").to_owned(),
                Statistic::National => {
                    t.fill("published_stat.national", &[("index", &index.short)])
                }
            };
            PublishedView {
                label,
                value: fmt.value(Some(p.value)),
                source: source_view(ctx, &p.source, page.lang),
                explanation: match page.lang {
                    crate::text::Lang::Vi => p.explanation.clone(),
                    crate::text::Lang::En => p.explanation_en.clone(),
                },
            }
        })
        .collect()
}

/// Links to an edition's downloads.
pub fn edition_downloads(ctx: &Ctx, page: &Page, e: EditionId) -> Vec<Link> {
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
    let body = crate::shortcode::expand(
        &doc.body,
        ctx.ds,
        ctx.report,
        doc.defaults(),
        ctx.t(page.lang),
    )
    .unwrap_or_else(|_| doc.body.clone());
    crate::content::markdown_to_html(
        &body,
        &|to| ctx.plan.href(&page.url, to),
        ctx.config.trusted_html,
    )
}

/// The commentary the plan gives a page ([`crate::plan::text_of`]): in the page's language, or, when only the
/// Vietnamese text exists, a notice linking it (languages are never mixed silently).
pub fn commentary(ctx: &Ctx, page: &Page) -> String {
    let Some(subject) = crate::plan::text_of(page.kind) else {
        return String::new();
    };
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
    let other = if page.lang == Lang::En {
        Lang::Vi
    } else {
        Lang::En
    };
    // The link names the other language in that language, and is marked as such.
    format!(
        "<p class=\"notice\">{} <a href=\"{href}\" hreflang=\"{code}\" lang=\"{code}\">{}</a>.</p>",
        crate::text::escape(ctx.t(page.lang).get("commentary_elsewhere")),
        crate::text::escape(ctx.t(other).get("lang_name")),
        code = other.code(),
    )
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

/// The note under tables of values: the range of `indicator` and the published precision, taken
/// from the data (a site on a 0–100 scale with 2 decimals says so).
pub fn data_note(ctx: &Ctx, lang: Lang, indicator: IndicatorId) -> String {
    let i = &ctx.ds.indicators[indicator];
    // Bounds are written as short as they are exact: "0", "1", "100", "0,5".
    let bound = |x: f64| {
        let places = (0..=4)
            .find(|&p| ((x * 10f64.powi(p)).round() - x * 10f64.powi(p)).abs() < 1e-9)
            .unwrap_or(4) as usize;
        crate::text::number::decimal(x, places, lang)
    };
    ctx.t(lang).fill(
        "data_note",
        &[
            ("min", &bound(i.min)),
            ("max", &bound(i.max)),
            ("precision", &ctx.ds.precision.to_string()),
        ],
    )
}
