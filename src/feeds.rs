//! `sitemap.xml` and `robots.txt`.

use crate::config::Config;
use crate::opendata::OutFile;
use crate::plan::{PageKind, Plan};
use crate::text::escape;

/// The sitemap lists every page but the 404 page, with absolute URLs; without a base URL only
/// robots.txt is written.
pub fn sitemap_and_robots(config: &Config, plan: &Plan) -> Vec<OutFile> {
    // A sitemap must list absolute URLs; without the base URL there is none (the build says so).
    let Some(base) = config.base_url.as_ref() else {
        return vec![("robots.txt".into(), b"User-agent: *\nAllow: /\n".to_vec())];
    };
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in plan.pages.iter().filter(|p| p.kind != PageKind::NotFound) {
        let loc = base.join(&page.url);
        xml.push_str(&format!("  <url><loc>{}</loc></url>\n", escape(&loc)));
    }
    xml.push_str("</urlset>\n");
    let robots = format!(
        "User-agent: *\nAllow: /\nSitemap: {}\n",
        base.join("sitemap.xml")
    );
    vec![
        ("sitemap.xml".into(), xml.into_bytes()),
        ("robots.txt".into(), robots.into_bytes()),
    ]
}

/// Where the feed of `lang` is written: `feed.xml` at the root, `en/feed.xml` for English.
pub fn feed_path(lang: crate::text::Lang) -> String {
    match lang {
        crate::text::Lang::Vi => "feed.xml".to_owned(),
        other => format!("{}/feed.xml", other.code()),
    }
}

/// Whether the site has feeds: some edition has a publication date.
pub fn has_feed(config: &Config) -> bool {
    config.editions.iter().any(|c| c.published.is_some())
}

/// One Atom entry before it is written.
struct AtomEntry {
    title: String,
    url: String,
    date: crate::model::Date,
    summary: String,
}

/// `feed.xml` (Vietnamese, at the root) and `en/feed.xml`: one entry per edition (its ranking
/// page, dated by the edition's `published` date in site.toml) and one per commentary on a
/// province in an edition (same date). Editions without a date are left out. Nothing depends on
/// the clock, so builds stay byte-identical. Ids are the absolute page URLs when the base URL
/// is known, else stable `urn:chiso:` names of the page paths; links are relative to the feed.
pub fn atom(
    config: &Config,
    ds: &crate::model::Dataset,
    commentary: &crate::content::Commentary,
    plan: &Plan,
    langs: &[crate::text::Lang],
) -> Vec<OutFile> {
    use crate::content::Subject;
    use crate::text::Lang;
    let published = |e: crate::model::EditionId| {
        config
            .editions
            .iter()
            .find(|c| c.id == ds.editions[e].id)
            .and_then(|c| c.published)
    };
    let mut out = Vec::new();
    for &lang in langs {
        let vi = lang == Lang::Vi;
        let mut entries = Vec::new();
        for (e, ed) in ds.edition_ids().zip(&ds.editions) {
            let (Some(date), Some(page)) = (published(e), plan.page(PageKind::Ranking(e), lang))
            else {
                continue;
            };
            let overview = commentary
                .docs
                .iter()
                .find(|d| d.lang == lang && matches!(d.subject, Subject::Edition(x) if x == e));
            entries.push(AtomEntry {
                title: overview.map(|d| d.title.clone()).unwrap_or_else(|| {
                    if vi {
                        ed.label.clone()
                    } else {
                        ed.label_en.clone()
                    }
                }),
                url: page.url.clone(),
                date,
                summary: overview
                    .map(|d| d.description.clone())
                    .filter(|s| !s.is_empty())
                    .unwrap_or_else(|| {
                        if vi {
                            ed.note.clone()
                        } else {
                            ed.note_en.clone()
                        }
                    }),
            });
        }
        for doc in commentary.docs.iter().filter(|d| d.lang == lang) {
            let Subject::UnitEdition(u, e) = doc.subject else {
                continue;
            };
            let (Some(date), Some(page)) = (
                published(e),
                plan.page(PageKind::ProvinceEdition(u, e), lang),
            ) else {
                continue;
            };
            entries.push(AtomEntry {
                title: doc.title.clone(),
                url: page.url.clone(),
                date,
                summary: doc.description.clone(),
            });
        }
        // Newest first; ties in URL order, so the order never depends on iteration.
        entries.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.url.cmp(&b.url)));
        // A feed exists whenever an edition is dated (pages announce it then), even if no page
        // of this language has an entry yet.
        let Some(updated) = entries
            .iter()
            .map(|e| e.date)
            .chain(config.editions.iter().filter_map(|c| c.published))
            .max()
        else {
            continue;
        };
        let feed_url = feed_path(lang);
        let id = |url: &str| match &config.base_url {
            Some(base) => base.join(url),
            None => format!("urn:chiso:{}", url.trim_end_matches('/')),
        };
        // Links are absolute when the site's address is known (a feed is read away from the
        // site, and some readers ignore the feed's own address), else relative to the feed.
        let link = |url: &str| match &config.base_url {
            Some(base) => base.join(url),
            None => plan.href(&feed_url, url),
        };
        let title = if vi { &config.title } else { &config.title_en };
        let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        xml.push_str(&format!(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n<title>{}</title>\n<id>{}</id>\n<updated>{}</updated>\n<link rel=\"self\" href=\"{}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<author><name>{}</name></author>\n",
            lang.code(),
            escape(title),
            escape(&id(&feed_url)),
            rfc3339(updated),
            escape(&config.base_url.as_ref().map_or_else(|| "feed.xml".to_owned(), |b| b.join(&feed_url))),
            escape(&link(if vi { "" } else { "en/" })),
            escape(title),
        ));
        for e in &entries {
            xml.push_str(&format!(
                "<entry>\n<title>{}</title>\n<id>{}</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<updated>{d}</updated>\n<published>{d}</published>\n<summary>{}</summary>\n</entry>\n",
                escape(&e.title),
                escape(&id(&e.url)),
                escape(&link(&e.url)),
                escape(&e.summary),
                d = rfc3339(e.date),
            ));
        }
        xml.push_str("</feed>\n");
        out.push((feed_url, xml.into_bytes()));
    }
    out
}

/// Midnight UTC of `date` in RFC 3339, as Atom requires.
fn rfc3339(date: crate::model::Date) -> String {
    format!("{date}T00:00:00Z")
}
