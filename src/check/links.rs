//! Every internal link and `#anchor` of the rendered site resolves to a rendered file and an
//! element id. Works on the in-memory files of [`crate::site::render`], so nothing is written.

use std::collections::{HashMap, HashSet};

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::opendata::OutFile;
use crate::plan::urls::resolve;
use crate::site::Site;

/// One tag attribute that points somewhere.
struct Link {
    attr: &'static str,
    value: String,
}

/// Checks the links of every HTML file; returns how many internal links were followed.
pub fn check(site: &Site, files: &[OutFile], diags: &mut Diagnostics) -> usize {
    let paths: HashSet<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    let root = site.config.base_url.as_ref().map_or("/", |b| b.path());
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
            let Some((target, fragment)) = resolve(page, &link.value, root) else {
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
            out.push((key, crate::text::unescape(&value)));
        } else {
            out.push((key, String::new()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
