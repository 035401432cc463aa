//! `sitemap.xml` and `robots.txt`.

use crate::config::Config;
use crate::opendata::OutFile;
use crate::plan::{PageKind, Plan};

/// The sitemap lists every page but the 404 page. Without a base URL the locations are
/// site-relative (the build warns about it in `chiso check`).
pub fn sitemap_and_robots(config: &Config, plan: &Plan) -> Vec<OutFile> {
    let base = config.base_url.as_ref();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in plan.pages.iter().filter(|p| p.kind != PageKind::NotFound) {
        let loc = base.map_or_else(|| format!("/{}", page.url), |b| b.join(&page.url));
        xml.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            crate::text::escape(&loc)
        ));
    }
    xml.push_str("</urlset>\n");
    let mut robots = String::from("User-agent: *\nAllow: /\n");
    if let Some(base) = base {
        robots.push_str(&format!("Sitemap: {}\n", base.join("sitemap.xml")));
    }
    vec![
        ("sitemap.xml".into(), xml.into_bytes()),
        ("robots.txt".into(), robots.into_bytes()),
    ]
}
