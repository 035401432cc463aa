//! Every internal link and `#anchor` of the rendered site resolves to a rendered file and an
//! element id. Works on the in-memory files of [`crate::site::render`], so nothing is written.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::opendata::OutFile;
use crate::plan::urls::resolve;
use crate::site::Site;

/// One tag attribute that points somewhere.
pub struct Link {
    /// What it is in messages: `link` (href, action) or `source` (src, srcset, poster).
    pub attr: &'static str,
    /// The address, character references decoded.
    pub value: String,
    /// The line of the page it is on.
    pub line: usize,
}

/// Checks the links of every HTML file; returns how many internal links were followed.
pub fn check(site: &Site, files: &[OutFile], diags: &mut Diagnostics) -> usize {
    let paths: HashSet<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    let root = site.config.base_url.as_ref().map_or("/", |b| b.path());
    let mut ids: HashMap<&str, HashSet<String>> = HashMap::new();
    let mut links: Vec<(&str, Vec<Link>)> = Vec::new();
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        let page = scan(&html);
        ids.insert(path.as_str(), page.ids);
        links.push((path.as_str(), page.links));
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
                .unwrap_or_else(|| Location::line(format!("(rendered) {page}"), link.line));
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

/// The ids and the links of one HTML page.
#[derive(Default)]
pub struct Scanned {
    /// Every `id` (and `name` of an `a`): the targets of `#fragment`s.
    pub ids: HashSet<String>,
    /// Every address an element points to, in page order.
    pub links: Vec<Link>,
}

/// The ids and links of an HTML text, read by html5ever's tokenizer: the HTML5 tokenizer of the
/// Servo project, already in the build as the parser under ammonia (the commentary sanitiser), so
/// no second HTML parser is compiled. It decodes character references and tells markup from
/// comments, script and style text exactly as a browser does; a DOM (scraper) is not needed, since
/// only start tags' attributes matter. What the tree builder would add is done in [`Collector`]:
/// switching the tokenizer to raw text inside `script`, `style`, `title`…, outside SVG and MathML.
pub fn scan(html: &str) -> Scanned {
    let tokenizer = Tokenizer::new(Collector::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    // The collector never pauses the tokenizer (it runs no scripts), so one feed reads it all.
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.found.take()
}

/// Collects ids and links from the tokens; `foreign` counts open `svg`/`math` elements, inside
/// which `title`, `style` and `script` hold markup, not raw text.
#[derive(Default)]
struct Collector {
    found: RefCell<Scanned>,
    foreign: Cell<usize>,
}

impl TokenSink for Collector {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        let element = &*tag.name;
        let foreign = matches!(element, "svg" | "math");
        if tag.kind == TagKind::EndTag {
            if foreign {
                self.foreign.set(self.foreign.get().saturating_sub(1));
            }
            return TokenSinkResult::Continue;
        }
        let mut found = self.found.borrow_mut();
        let line = line as usize;
        for a in &tag.attrs {
            let value = || a.value.to_string();
            let link = |attr: &'static str, value: String| Link { attr, value, line };
            match (&*a.name.local, element) {
                ("id", _) | ("name", "a") => {
                    found.ids.insert(value());
                }
                ("href" | "xlink:href" | "action" | "formaction", _) => {
                    found.links.push(link("link", value()))
                }
                ("src" | "poster", _) | ("data", "object") => {
                    found.links.push(link("source", value()))
                }
                ("srcset" | "imagesrcset", _) => {
                    for url in srcset_urls(&a.value) {
                        found.links.push(link("source", url.to_owned()));
                    }
                }
                _ => {}
            }
        }
        if foreign && !tag.self_closing {
            self.foreign.set(self.foreign.get() + 1);
        }
        if self.foreign.get() > 0 {
            return TokenSinkResult::Continue;
        }
        // The HTML tree builder's tokenizer switches (WHATWG HTML, "parsing main inbody").
        match element {
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
            "plaintext" => TokenSinkResult::Plaintext,
            _ => TokenSinkResult::Continue,
        }
    }
}

/// The addresses of a `srcset`: comma-separated candidates, each an address and an optional
/// width or density (`a.png 1x, b.png 2x`).
fn srcset_urls(srcset: &str) -> impl Iterator<Item = &str> {
    srcset
        .split(',')
        .filter_map(|candidate| candidate.split_whitespace().next())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(html: &str) -> Vec<String> {
        scan(html).links.into_iter().map(|l| l.value).collect()
    }

    #[test]
    fn scans_ids_and_links() {
        let page = scan(
            "<a href=\"a.html?x=1&amp;y=2\" id='top'>x</a><img src=x.png><h2 id=\"s\"><a name=n></a><p name=p>",
        );
        assert_eq!(
            page.ids,
            ["top", "s", "n"].map(String::from).into_iter().collect()
        );
        let v: Vec<_> = page
            .links
            .iter()
            .map(|l| (l.attr, l.value.as_str()))
            .collect();
        assert_eq!(v, [("link", "a.html?x=1&y=2"), ("source", "x.png")]);
    }

    #[test]
    fn comments_scripts_styles_and_text_hold_no_links() {
        let html = r#"<!doctype html><html><head><title>a <a href="t.html"> b</title>
<style>a[href="s.html"] { color: red } /* <a href="s2.html"> */</style>
<script>document.write('<a href="j.html">'); if (a<b && c>d) {}</script>
<script type="application/ld+json">{"url": "<img src='ld.png'>"}</script></head>
<body><!-- <a href="c.html">old</a> --><!--><a href="after-empty-comment.html">-->
<textarea><a href="ta.html"></textarea><p>5 &lt;a href="text.html"&gt; is text</p>
<noscript><a href="nojs.html">no script</a></noscript>
<a href="real.html">real</a></body></html>"#;
        assert_eq!(
            links(html),
            ["after-empty-comment.html", "nojs.html", "real.html"]
        );
    }

    #[test]
    fn every_kind_of_address_is_collected() {
        let html = r#"<img srcset="a.png 1x, b.png 2x" src=c.png><picture><source srcset="d.webp"></picture>
<video poster="e.png" src="f.mp4"></video><form action="g.html"><button formaction="h.html">
<link rel=preload imagesrcset="i.png 480w, j.png 800w"><object data="k.svg"></object>
<svg><a xlink:href="l.html"><title>x</title></a><style>.q{}</style><a href="m.html"/></svg>
<a href=unquoted.html>u</a><A HREF="UPPER.html">U</A>"#;
        assert_eq!(
            links(html),
            [
                "a.png",
                "b.png",
                "c.png",
                "d.webp",
                "e.png",
                "f.mp4",
                "g.html",
                "h.html",
                "i.png",
                "j.png",
                "k.svg",
                "l.html",
                "m.html",
                "unquoted.html",
                "UPPER.html"
            ]
        );
    }

    #[test]
    fn links_carry_their_line() {
        let page = scan("<p>\n<a href=\"x.html\">x</a>\n\n<img src=\"y.png\">");
        let lines: Vec<_> = page.links.iter().map(|l| l.line).collect();
        assert_eq!(lines, [2, 4]);
    }
}
