//! Every internal link and `#anchor` of the rendered site resolves to a rendered file and an
//! element id. Works on the in-memory files of [`crate::site::render`], so nothing is written.

use std::collections::{HashMap, HashSet};

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::opendata::OutFile;
use crate::site::Site;

/// One tag attribute that points somewhere.
struct Link {
    attr: &'static str,
    value: String,
}

/// Checks the links of every HTML file; returns how many internal links were followed.
pub fn check(site: &Site, files: &[OutFile], diags: &mut Diagnostics) -> usize {
    let paths: HashSet<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    let prefix = base_path(&site.config.base_url);
    let mut ids: HashMap<&str, HashSet<String>> = HashMap::new();
    let mut links: Vec<(&str, Vec<Link>)> = Vec::new();
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        let (page_ids, page_links) = scan(&html);
        ids.insert(path.as_str(), page_ids);
        links.push((path.as_str(), page_links));
    }
    let mut followed = 0;
    let mut reported: HashSet<(String, String)> = HashSet::new();
    for (page, page_links) in &links {
        for link in page_links {
            let Some((target, fragment)) = resolve(page, &link.value, &prefix) else {
                continue;
            };
            followed += 1;
            let problem = match &target {
                Err(why) => Some(why.clone()),
                Ok(t) if !paths.contains(t.as_str()) => Some(format!("`{t}` is not in the site")),
                Ok(t) => match (&fragment, ids.get(t.as_str())) {
                    (Some(f), Some(known)) if !f.is_empty() && !known.contains(f) => {
                        Some(format!("`{t}` has no element with id `{f}`"))
                    }
                    _ => None,
                },
            };
            let Some(problem) = problem else { continue };
            // One broken link in a shared template breaks every page: say it once per target.
            let key = (link.value.clone(), problem.clone());
            if !reported.insert(key) {
                continue;
            }
            let location = commentary_line(site, &link.value, target.as_ref().ok())
                .unwrap_or_else(|| Location::file(format!("(rendered) {page}")));
            diags.push(
                Diagnostic::error(
                    location,
                    format!(
                        "broken {} `{}` on page {page}: {problem}",
                        link.attr, link.value
                    ),
                )
                .hint(
                    "link to pages that exist (see the URL scheme in the README); anchors must match an id on the page",
                ),
            );
        }
    }
    followed
}

/// Where a link was written in commentary, if it can be found there (root-relative or as is).
fn commentary_line(site: &Site, href: &str, target: Option<&String>) -> Option<Location> {
    let root_form = target.map(|t| format!("/{}", t.trim_end_matches("index.html")));
    let docs = site.commentary.docs.iter().chain(&site.commentary.pages);
    for doc in docs {
        for (n, line) in doc.body.lines().enumerate() {
            let hit = line.contains(&format!("]({href}"))
                || root_form
                    .as_ref()
                    .is_some_and(|r| line.contains(&format!("]({r}")));
            if hit {
                return Some(Location::line(&doc.source, doc.body_line + n));
            }
        }
    }
    None
}

/// The path part of the base URL without its trailing slash ("" when none): root-absolute links
/// (as on 404 pages) start with it.
fn base_path(base_url: &str) -> String {
    base_url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.find('/').map(|i| &rest[i..]))
        .unwrap_or("")
        .trim_end_matches('/')
        .to_owned()
}

/// Resolves `href` found on page `page` (a site-relative file path) to a site-relative file and
/// fragment; root-absolute links are taken under `prefix` (the base URL's path). `None` for links
/// to other sites (other schemes, protocol-relative).
fn resolve(
    page: &str,
    href: &str,
    prefix: &str,
) -> Option<(Result<String, String>, Option<String>)> {
    let href = href.trim();
    if href.is_empty() || href.starts_with("//") || has_scheme(href) {
        return None;
    }
    let (rest, fragment) = match href.split_once('#') {
        Some((r, f)) => (r, Some(percent_decode(f))),
        None => (href, None),
    };
    let path = rest.split('?').next().unwrap_or("");
    if path.is_empty() {
        return Some((Ok(page.to_owned()), fragment));
    }
    let absolute = path.starts_with('/');
    let mut parts: Vec<String> = if absolute {
        Vec::new()
    } else {
        let mut p: Vec<String> = page.split('/').map(str::to_owned).collect();
        p.pop();
        p
    };
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                // Above the root, a root-absolute URL stays at the root (RFC 3986); a relative
                // one leaves the site, which breaks it under a sub-path and from disk.
                if parts.pop().is_none() && !absolute {
                    return Some((Err("it leads above the site root".to_owned()), fragment));
                }
            }
            s => parts.push(percent_decode(s)),
        }
    }
    if absolute {
        // Under a base URL with a path, the site root is that path: a link that leaves it (even
        // through `..`) leaves the site.
        let base: Vec<&str> = prefix.split('/').filter(|s| !s.is_empty()).collect();
        if parts.len() < base.len() || parts.iter().zip(&base).any(|(p, b)| p != b) {
            return if base.is_empty() {
                None
            } else {
                Some((Err(format!("it leaves the base path {prefix}/")), fragment))
            };
        }
        parts.drain(..base.len());
    }
    let mut target = parts.join("/");
    if path.ends_with('/') || target.is_empty() {
        if !target.is_empty() {
            target.push('/');
        }
        target.push_str("index.html");
    }
    Some((Ok(target), fragment))
}

fn has_scheme(href: &str) -> bool {
    match href.find(':') {
        Some(i) => {
            let scheme = &href[..i];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        None => false,
    }
}

/// Decodes `%XX` escapes (invalid ones are kept as written).
pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The ids and the links (`href`, `src`) of an HTML text. Script and style contents are skipped.
fn scan(html: &str) -> (HashSet<String>, Vec<Link>) {
    let mut ids = HashSet::new();
    let mut links = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        if rest.starts_with("!--") {
            rest = rest.find("-->").map(|e| &rest[e + 3..]).unwrap_or("");
            continue;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        let (attrs, after) = split_tag(&rest[name_end..]);
        for (key, value) in attributes(attrs) {
            match key.as_str() {
                "id" => {
                    ids.insert(value);
                }
                "name" if name == "a" => {
                    ids.insert(value);
                }
                "href" => links.push(Link {
                    attr: "link",
                    value,
                }),
                "src" => links.push(Link {
                    attr: "source",
                    value,
                }),
                _ => {}
            }
        }
        rest = after;
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            rest = rest.find(&close).map(|e| &rest[e..]).unwrap_or("");
        }
    }
    (ids, links)
}

/// Splits the inside of a tag from what follows its `>` (quote-aware).
fn split_tag(s: &str) -> (&str, &str) {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return (&s[..i], &s[i + 1..]),
            _ => {}
        }
    }
    (s, "")
}

/// `key="value"` pairs of a tag, keys lower-cased, values with entities decoded.
fn attributes(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        while i < chars.len() && (chars[i].is_whitespace() || chars[i] == '/') {
            i += 1;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '=' && chars[i] != '/' {
            i += 1;
        }
        let key: String = chars[start..i]
            .iter()
            .collect::<String>()
            .to_ascii_lowercase();
        if key.is_empty() {
            i += 1;
            continue;
        }
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        if i < chars.len() && chars[i] == '=' {
            i += 1;
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            let value: String = if i < chars.len() && (chars[i] == '"' || chars[i] == '\'') {
                let q = chars[i];
                i += 1;
                let v = i;
                while i < chars.len() && chars[i] != q {
                    i += 1;
                }
                let v: String = chars[v..i.min(chars.len())].iter().collect();
                i += 1;
                v
            } else {
                let v = i;
                while i < chars.len() && !chars[i].is_whitespace() {
                    i += 1;
                }
                chars[v..i].iter().collect()
            };
            out.push((key, unescape(&value)));
        } else {
            out.push((key, String::new()));
        }
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_links() {
        let r = |page, href| resolve(page, href, "").map(|(t, f)| (t.unwrap_or_default(), f));
        assert_eq!(
            r("tinh/hue/index.html", "../../xep-hang/2023/index.html#bang"),
            Some(("xep-hang/2023/index.html".into(), Some("bang".into())))
        );
        assert_eq!(
            r("tinh/hue/index.html", "../"),
            Some(("tinh/index.html".into(), None))
        );
        assert_eq!(r("index.html", "./"), Some(("index.html".into(), None)));
        assert_eq!(
            r("a/index.html", "#x"),
            Some(("a/index.html".into(), Some("x".into())))
        );
        assert_eq!(r("index.html", "https://x.y/"), None);
        assert_eq!(r("index.html", "mailto:a@b"), None);
        assert_eq!(r("index.html", "//cdn/x.js"), None);
        assert!(resolve("index.html", "../x", "").unwrap().0.is_err());
        assert_eq!(
            r("en/404.html", "/../en/index.html"),
            Some(("en/index.html".into(), None))
        );
        let under = |href| resolve("404.html", href, "/dti").map(|(t, _)| t.unwrap_or_default());
        assert_eq!(under("/dti/tinh/"), Some("tinh/index.html".into()));
        assert!(resolve("404.html", "/other/", "/dti").unwrap().0.is_err());
        assert!(
            resolve("404.html", "/dti/../en/", "/dti")
                .unwrap()
                .0
                .is_err()
        );
        assert_eq!(base_path("https://a.vn/dti/"), "/dti");
        assert_eq!(base_path(""), "");
    }

    #[test]
    fn scans_ids_and_links() {
        let (ids, links) = scan(
            "<a href=\"a.html?x=1&amp;y=2\" id='top'>x</a><!-- <a href=\"no\"> --><script>if (a<b) {}</script><img src=x.png><h2 id=\"s\">",
        );
        assert!(ids.contains("top") && ids.contains("s"));
        let v: Vec<_> = links.iter().map(|l| l.value.as_str()).collect();
        assert_eq!(v, ["a.html?x=1&y=2", "x.png"]);
    }
}
