//! The search index: provinces, indicators, rankings and commentary, with diacritic-free keys
//! ("quang ngai" finds Quảng Ngãi, "da nang" finds Đà Nẵng). Written as a small script per
//! language (`search/vi.js`) because browsers refuse `fetch()` on pages opened from disk.

use serde::Serialize;

use crate::content::Subject;
use crate::opendata::OutFile;
use crate::plan::PageKind;
use crate::render::Ctx;
use crate::text::{Lang, fold};

/// One searchable entry.
#[derive(Serialize, Debug, Clone)]
pub struct Entry {
    /// Title shown.
    pub t: String,
    /// Site-relative URL.
    pub u: String,
    /// Detail shown after the title.
    pub d: String,
    /// Folded keywords: what queries match against.
    pub k: String,
}

/// Whether every word of `query` starts a word of `key` — the rule app.js applies.
pub fn matches(key: &str, query: &str) -> bool {
    let words: Vec<&str> = key
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    fold(query)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|q| !q.is_empty())
        .all(|q| words.iter().any(|w| w.starts_with(q)))
}

/// Unique folded words of a text, in first-seen order (keeps the index small).
fn words(text: &str) -> String {
    let mut seen: Vec<String> = Vec::new();
    for w in fold(text).split(|c: char| !c.is_ascii_alphanumeric()) {
        if w.len() > 1 && !seen.iter().any(|s| s == w) {
            seen.push(w.to_owned());
        }
    }
    seen.join(" ")
}

/// The entries of one language.
pub fn entries(ctx: &Ctx, lang: Lang) -> Vec<Entry> {
    let (ds, commentary, plan) = (ctx.ds, ctx.commentary, ctx.plan);
    let vi = lang == Lang::Vi;
    let t = ctx.t(lang);
    let index = crate::render::index_view(ctx, lang);
    // Hrefs from the root, ending in index.html unless pretty URLs: they work from disk too.
    let url = |kind| plan.page(kind, lang).map(|p| plan.href("", &p.url));
    let mut out = Vec::new();
    for (u, unit) in ds.unit_ids().zip(&ds.units) {
        let Some(href) = url(PageKind::Province(u)) else {
            continue;
        };
        let p = unit.latest();
        let names: Vec<String> = unit
            .periods
            .iter()
            .flat_map(|q| [q.name.clone(), q.name_en.clone()])
            .collect();
        let detail = match unit.successor {
            Some(s) => t.fill(
                "search_entry.merged_into",
                &[("into", &crate::render::name_in(ds.units[s].latest(), lang))],
            ),
            // A commune is told apart from its namesakes by its province.
            None => match p.parent {
                Some(parent) => crate::render::name_in(ds.units[parent].latest(), lang),
                None => crate::render::region_in(p, lang),
            },
        };
        out.push(Entry {
            t: if vi {
                p.name.clone()
            } else {
                p.name_en.clone()
            },
            u: href,
            d: detail,
            // Aliases count as names: "hcm", "tp.hcm" and "sai gon" all find Hồ Chí Minh.
            k: words(&format!(
                "{} {} {}",
                names.join(" "),
                unit.aliases.join(" "),
                unit.slug
            )),
        });
    }
    for (i, ind) in ds.indicator_ids().zip(&ds.indicators) {
        let Some(href) = url(PageKind::Indicator(i)) else {
            continue;
        };
        let detail = t.get("search_entry.indicator");
        out.push(Entry {
            t: if vi {
                ind.name.clone()
            } else {
                ind.name_en.clone()
            },
            u: href,
            d: detail.to_owned(),
            k: words(&format!(
                "{} {} {} {} {}",
                ind.name, ind.name_en, ind.short, ind.short_en, ind.code
            )),
        });
    }
    for (e, ed) in ds.edition_ids().zip(&ds.editions) {
        let Some(href) = url(PageKind::Ranking(e)) else {
            continue;
        };
        let label = if vi { &ed.label } else { &ed.label_en };
        let title = t.fill(
            "ranking.heading",
            &[("index", &index.short), ("edition", label)],
        );
        out.push(Entry {
            // Both languages' word for a ranking, so either finds it.
            k: words(&format!(
                "{title} {} {} {}",
                ctx.t(Lang::Vi).get("nav.rankings"),
                ctx.t(Lang::En).get("nav.rankings"),
                ed.id
            )),
            t: title,
            u: href,
            d: String::new(),
        });
    }
    for n in commentary.primary_pages() {
        let primary = &commentary.pages[n];
        let doc = commentary.page_doc(&primary.name, lang).unwrap_or(primary);
        let Some(href) = url(PageKind::Free(n)) else {
            continue;
        };
        out.push(Entry {
            t: doc.title.clone(),
            u: href,
            d: String::new(),
            k: words(&format!("{} {}", doc.title, doc.body)),
        });
    }
    for doc in commentary.docs.iter().filter(|d| d.lang == lang) {
        let kind = match doc.subject {
            Subject::Edition(e) => PageKind::Ranking(e),
            Subject::UnitEdition(u, e) => PageKind::ProvinceEdition(u, e),
            Subject::Unit(u) => PageKind::Province(u),
            Subject::Home => PageKind::Home,
            Subject::Page => continue,
        };
        let Some(href) = url(kind) else { continue };
        let detail = t.get("search_entry.commentary");
        out.push(Entry {
            t: doc.title.clone(),
            u: href,
            d: detail.to_owned(),
            k: words(&format!("{} {}", doc.title, doc.body)),
        });
    }
    out
}

/// `search/<lang>.js` for every language of the plan.
pub fn files(ctx: &Ctx, langs: &[Lang]) -> Vec<OutFile> {
    langs
        .iter()
        .map(|&lang| {
            let json = serde_json::to_string(&entries(ctx, lang)).expect("entries serialise");
            (
                format!("search/{}.js", lang.code()),
                format!("window.CHISO_SEARCH={json};\n").into_bytes(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diacritic_free_queries_match_prefixes_of_words() {
        let key = words("Quảng Ngãi Quang Ngai quang-ngai");
        for (query, hit) in [
            ("quang ngai", true),
            ("Quang Ngai", true),
            ("Quảng", true),
            ("ngai", true),
            ("qu ng", true),
            ("ngãi quảng", true),
            ("hue", false),
            ("angai", false),
        ] {
            assert_eq!(matches(&key, query), hit, "{query}");
        }
        assert!(matches(&words("Đà Nẵng Da Nang"), "da nang"));
        assert!(matches(&words("Đắk Lắk"), "dak lak"));
    }

    #[test]
    fn words_are_unique_and_folded() {
        assert_eq!(words("Hạ tầng số, hạ TẦNG số!"), "ha tang so");
    }
}
