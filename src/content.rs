//! Commentary: Markdown files with TOML front matter under `content/commentary/`.
//!
//! Where a file lives says what it comments on: `_index.md` (home), `pages/<name>.md` (free
//! page), `tinh/<slug>.md` (a unit), `<edition>/_index.md` (an edition), `<edition>/<slug>.md`
//! (a unit in an edition). `<name>.en.md` is the English twin of `<name>.md`.

use std::path::{Path, PathBuf};

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag};
use serde::Deserialize;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, Location, toml_diagnostic};
use crate::model::{Dataset, EditionId, UnitId};
use crate::text::Lang;

/// What a commentary file is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Subject {
    /// The home page.
    Home,
    /// A free page (index into [`Commentary::pages`]).
    Page,
    /// A unit across editions.
    Unit(UnitId),
    /// An edition.
    Edition(EditionId),
    /// A unit in one edition.
    UnitEdition(UnitId, EditionId),
}

/// Front matter as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    /// Page or section title.
    #[serde(default)]
    title: Option<String>,
    /// One-sentence summary (meta description).
    #[serde(default)]
    description: String,
    /// Order in menus (lower first).
    #[serde(default)]
    weight: i64,
}

/// One commentary file, parsed.
#[derive(Clone, Debug)]
pub struct Doc {
    /// What it is about.
    pub subject: Subject,
    /// For free pages: the URL name (file stem).
    pub name: String,
    /// Its language.
    pub lang: Lang,
    /// Title (front matter, else the first heading, else empty).
    pub title: String,
    /// Summary.
    pub description: String,
    /// Menu order.
    pub weight: i64,
    /// The Markdown body.
    pub body: String,
    /// Line of the body's first line in the file (for messages).
    pub body_line: usize,
    /// Path shown in messages.
    pub source: PathBuf,
}

/// All commentary of the site.
#[derive(Clone, Debug, Default)]
pub struct Commentary {
    /// Every document except free pages.
    pub docs: Vec<Doc>,
    /// Free pages, sorted by weight then name.
    pub pages: Vec<Doc>,
}

impl Doc {
    /// Shortcode argument defaults: the unit and edition the document is about.
    pub fn defaults(&self) -> crate::shortcode::Defaults {
        use crate::shortcode::Defaults;
        match self.subject {
            Subject::Unit(u) => Defaults {
                unit: Some(u),
                edition: None,
            },
            Subject::Edition(e) => Defaults {
                unit: None,
                edition: Some(e),
            },
            Subject::UnitEdition(u, e) => Defaults {
                unit: Some(u),
                edition: Some(e),
            },
            Subject::Home | Subject::Page => Defaults::default(),
        }
    }
}

/// Checks that every figure a shortcode asks for exists (needs the computed report).
pub fn check_figures(
    commentary: &Commentary,
    ds: &Dataset,
    report: &crate::compute::Report,
    diags: &mut Diagnostics,
) {
    for doc in commentary.docs.iter().chain(&commentary.pages) {
        if let Err((offset, msg)) = crate::shortcode::expand(
            &doc.body,
            ds,
            report,
            doc.defaults(),
            crate::text::Strings::builtin(doc.lang),
        ) {
            let line = doc.body_line + doc.body[..offset].matches('\n').count();
            diags.push(
                Diagnostic::error(
                    Location::line(&doc.source, line),
                    format!("shortcode: {msg}"),
                )
                .hint("the data has no such figure: check the unit, edition and indicator"),
            );
        }
    }
}

impl Commentary {
    /// The document about `subject` in `lang`, if written.
    pub fn find(&self, subject: Subject, lang: Lang) -> Option<&Doc> {
        self.docs
            .iter()
            .find(|d| d.subject == subject && d.lang == lang)
    }

    /// Free pages, one per name: the index of its Vietnamese document (or the English one when
    /// only that exists). Every name gets a page in every language.
    pub fn primary_pages(&self) -> Vec<usize> {
        (0..self.pages.len())
            .filter(|&n| {
                let d = &self.pages[n];
                d.lang == Lang::Vi
                    || !self
                        .pages
                        .iter()
                        .any(|o| o.name == d.name && o.lang == Lang::Vi)
            })
            .collect()
    }

    /// The free page `name` in `lang`, if written.
    pub fn page_doc(&self, name: &str, lang: Lang) -> Option<&Doc> {
        self.pages.iter().find(|d| d.name == name && d.lang == lang)
    }
}

/// Reads every `.md` under `content/commentary/`.
pub fn load(config: &Config, ds: &Dataset, diags: &mut Diagnostics) -> Commentary {
    let dir = config.content_dir().join("commentary");
    let mut out = Commentary::default();
    if !dir.is_dir() {
        return out;
    }
    for entry in walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if !entry.file_type().is_file() || path.extension().and_then(|e| e.to_str()) != Some("md") {
            continue;
        }
        let shown = config.shown(path);
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                diags.push(Diagnostic::error(
                    Location::file(&shown),
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
        let rel = path.strip_prefix(&dir).unwrap_or(path);
        let Some((subject, name, lang)) = classify(rel, ds, &shown, diags) else {
            continue;
        };
        if !config.languages.contains(&lang) {
            diags.push(
                Diagnostic::warning(
                    Location::file(&shown),
                    format!(
                        "English text `{}` on a site published only in Vietnamese: no English page shows it",
                        shown.display()
                    ),
                )
                .hint("add \"en\" to `languages` in content/site.toml to publish the English pages, or delete the file"),
            );
        }
        let Some(doc) = parse(&text, &shown, subject, name, lang, diags) else {
            continue;
        };
        let src = crate::diagnostics::SourceFile::new(&shown, &text.replace("\r\n", "\n"));
        crate::shortcode::check(&src, &doc.body, doc.body_line, ds, doc.defaults(), diags);
        if subject == Subject::Page {
            out.pages.push(doc)
        } else {
            out.docs.push(doc)
        }
    }
    out.pages
        .sort_by(|a, b| (a.weight, &a.name).cmp(&(b.weight, &b.name)));
    out
}

/// Works out what a file comments on from its path relative to `commentary/`.
fn classify(
    rel: &Path,
    ds: &Dataset,
    shown: &Path,
    diags: &mut Diagnostics,
) -> Option<(Subject, String, Lang)> {
    let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
    let file = parts.last()?.strip_suffix(".md")?;
    let (stem, lang) = match file.strip_suffix(".en") {
        Some(s) => (s, Lang::En),
        None => (file, Lang::Vi),
    };
    let unit = |slug: &str, diags: &mut Diagnostics| {
        let found = ds.unit_by_slug(slug);
        if found.is_none() {
            diags.push(
                Diagnostic::error(
                    Location::file(shown),
                    format!("commentary for unknown unit `{slug}`"),
                )
                .hint(crate::text::suggest::hint(
                    slug,
                    ds.units.iter().map(|u| u.slug.as_str()),
                    "name the file after a slug in content/units.csv, e.g. quang-ngai.md",
                )),
            );
        }
        found
    };
    let subject = match parts.as_slice() {
        [_] if stem == "_index" => Subject::Home,
        ["pages", _] => {
            // The name becomes a folder of the site (`/<name>/`): it must be a slug, so `..`,
            // `404.html` or `Giới-thiệu` never reach the file system.
            if let Some(why) = crate::text::slug_problem(stem) {
                diags.push(
                    Diagnostic::error(
                        Location::file(shown),
                        format!("free page name `{stem}` is not a valid page name: {why}"),
                    )
                    .hint(format!(
                        "the file name becomes the page's URL; rename it to lower-case ASCII words joined by '-', e.g. pages/{}.md",
                        Some(crate::text::slugify(stem)).filter(|s| !s.is_empty()).unwrap_or_else(|| "gioi-thieu".into())
                    )),
                );
                return None;
            }
            Subject::Page
        }
        // A unit's profile text: `tinh/`, or the folder named like its pages (`xa/` on a commune site).
        [folder, _] if *folder == "tinh" || ds.unit_paths.vi_segments().contains(folder) => {
            Subject::Unit(unit(stem, diags)?)
        }
        [edition, _] => {
            let Some(e) = ds.edition_by_id(edition) else {
                diags.push(
                    Diagnostic::error(
                        Location::file(shown),
                        format!("commentary for edition `{edition}`, which has no data"),
                    )
                    .hint(crate::text::suggest::hint(
                        edition,
                        ds.editions.iter().map(|e| e.id.as_str()),
                        "the folder must be named after an edition id of site.toml (e.g. 2023)",
                    )),
                );
                return None;
            };
            if stem == "_index" {
                Subject::Edition(e)
            } else {
                let u = unit(stem, diags)?;
                if !ds.editions[e].units.contains(&u) {
                    diags.push(
                        Diagnostic::error(Location::file(shown), format!("`{stem}` is not a unit of edition {edition}"))
                            .hint("the unit did not exist on that edition's date; move the text to the right edition"),
                    );
                    return None;
                }
                Subject::UnitEdition(u, e)
            }
        }
        _ => {
            diags.push(
                Diagnostic::error(Location::file(shown), "commentary file in an unexpected place")
                    .hint("use _index.md, pages/<name>.md, tinh/<slug>.md, <edition>/_index.md or <edition>/<slug>.md"),
            );
            return None;
        }
    };
    Some((subject, stem.to_owned(), lang))
}

/// Splits `+++` front matter from the body and parses both.
fn parse(
    text: &str,
    shown: &Path,
    subject: Subject,
    name: String,
    lang: Lang,
    diags: &mut Diagnostics,
) -> Option<Doc> {
    let text = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n");
    let (front, body, body_line) = match text.strip_prefix("+++\n") {
        Some(rest) => match rest.find("\n+++") {
            Some(end) => {
                let front = &rest[..end + 1];
                let after = &rest[end + 4..];
                let body = after.strip_prefix('\n').unwrap_or(after);
                (front.to_owned(), body.to_owned(), front.lines().count() + 3)
            }
            None => {
                diags.push(
                    Diagnostic::error(Location::line(shown, 1), "front matter is not closed")
                        .snippet("+++", 3)
                        .hint("end the front matter with a line holding only +++"),
                );
                return None;
            }
        },
        None => (String::new(), text.clone(), 1),
    };
    let fm: FrontMatter = match toml::from_str(&front) {
        Ok(f) => f,
        Err(e) => {
            diags.push(toml_diagnostic(
                shown,
                &front,
                1,
                &e,
                "front matter is TOML: title = \"…\", description = \"…\", weight = 1",
            ));
            return None;
        }
    };
    let title = fm
        .title
        .unwrap_or_else(|| first_heading(&body).unwrap_or_default());
    Some(Doc {
        subject,
        name,
        lang,
        title,
        description: fm.description,
        weight: fm.weight,
        body,
        body_line,
        source: shown.to_path_buf(),
    })
}

fn first_heading(body: &str) -> Option<String> {
    body.lines()
        .find_map(|l| l.strip_prefix("# "))
        .map(|s| s.trim().to_owned())
}

/// Renders Markdown to HTML. Root-relative links (`/tinh/hue/`) are rewritten with `link`, so
/// they stay relative and work under any sub-path. Unless `trusted` (site.toml `trusted_html`),
/// the HTML is sanitised: see [`sanitise`].
pub fn markdown_to_html(markdown: &str, link: &dyn Fn(&str) -> String, trusted: bool) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION;
    // Root-relative destinations ("/tinh/hue/") become relative ones; others stay.
    fn rewrite<'a>(dest: CowStr<'a>, link: &dyn Fn(&str) -> String) -> CowStr<'a> {
        if dest.starts_with('/') && !dest.starts_with("//") {
            CowStr::from(link(dest.trim_start_matches('/')))
        } else {
            dest
        }
    }
    let events = Parser::new_ext(markdown, options).map(|ev| match ev {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: rewrite(dest_url, link),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: rewrite(dest_url, link),
            title,
            id,
        }),
        other => other,
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    if trusted { html } else { sanitise(&html) }
}

/// Removes from commentary HTML what could run code or take over the page: `<script>`,
/// `<style>`, `<iframe>`, forms, event-handler attributes (`onclick`), `javascript:` and `data:`
/// URLs, comments. Kept: what Markdown writes (headings, lists, tables, footnotes, links,
/// images), figures, and the `id`, `class` and `scope` attributes the site's anchors, tables and
/// styles use, and a table column's alignment. Links keep their text and are not given a `rel`, so a sanitised page is
/// byte-identical to an unsanitised one whenever the commentary had nothing unsafe.
pub fn sanitise(html: &str) -> String {
    static CLEANER: std::sync::OnceLock<ammonia::Builder<'static>> = std::sync::OnceLock::new();
    CLEANER
        .get_or_init(|| {
            let mut b = ammonia::Builder::default();
            b.link_rel(None)
                .add_generic_attributes(["id", "class"])
                .add_tag_attributes("th", ["scope"])
                .add_tag_attributes("td", ["scope"])
                .add_tag_attributes("ol", ["start"])
                .add_tag_attributes("a", ["title"])
                // Markdown tables align columns with `style="text-align: right"`; no other
                // style survives (CSS can overlay or hide the page).
                .add_tag_attributes("th", ["style"])
                .add_tag_attributes("td", ["style"])
                .attribute_filter(|_, attribute, value| {
                    let aligned = ["left", "center", "right"]
                        .iter()
                        .any(|a| value == format!("text-align: {a}"));
                    (attribute != "style" || aligned).then(|| value.into())
                });
            b
        })
        .clean(html)
        .to_string()
        // The serialiser writes U+00A0 (the space in "44,6 %") as `&nbsp;`; the site writes the
        // character itself, and the two mean the same.
        .replace("&nbsp;", "\u{a0}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> (Option<Doc>, Diagnostics) {
        let mut d = Diagnostics::new();
        let doc = parse(
            text,
            Path::new("c.md"),
            Subject::Home,
            "x".into(),
            Lang::Vi,
            &mut d,
        );
        (doc, d)
    }

    #[test]
    fn front_matter_and_body() {
        let (doc, d) = parse_str("+++\ntitle = \"Quảng Ngãi\"\nweight = 2\n+++\nVăn bản.\n");
        assert!(d.is_empty(), "{d}");
        let doc = doc.unwrap();
        assert_eq!(
            (
                doc.title.as_str(),
                doc.weight,
                doc.body.as_str(),
                doc.body_line
            ),
            ("Quảng Ngãi", 2, "Văn bản.\n", 5)
        );
    }

    #[test]
    fn broken_front_matter_names_the_line() {
        let (doc, d) = parse_str("+++\ntitle = \"a\"\nweight = = 2\n+++\n");
        assert!(doc.is_none());
        let r = d.render();
        assert!(r.contains("c.md:3:"), "{r}");
        let (_, d) = parse_str("+++\ntitle = \"a\"\n");
        assert!(
            d.render().contains("front matter is not closed"),
            "{}",
            d.render()
        );
    }

    #[test]
    fn root_links_become_relative() {
        let html = markdown_to_html(
            "[Huế](/tinh/hue/) [x](https://a.b/) | a |\n|---|\n| 1 |",
            &|p| format!("../../{p}index.html"),
            false,
        );
        assert!(
            html.contains("href=\"../../tinh/hue/index.html\""),
            "{html}"
        );
        assert!(html.contains("href=\"https://a.b/\""), "{html}");
    }

    #[test]
    fn html_is_sanitised_unless_trusted() {
        let md = "<script>alert(1)</script>\n\n<p onclick=\"x()\" id=\"a\" class=\"c\">t</p>\n\n\
                  [x](javascript:alert(1)) <a href=\"JaVaScRiPt:alert(2)\">y</a> \
                  <img src=\"data:image/svg+xml,x\" onerror=\"z()\"> <iframe src=\"https://e.vn\"></iframe>\n\n\
                  <figure><img src=\"a.png\" alt=\"A\"><figcaption>F</figcaption></figure>\n\n\
                  | a | b |\n|---|--:|\n| 1 | [k](/tinh/hue/#x) |\n\n<td style=\"position: fixed\">s</td>\n\nnote[^1]\n\n[^1]: foot\n";
        let clean = markdown_to_html(md, &|p| p.to_owned(), false);
        for gone in [
            "<script",
            "alert",
            "onclick",
            "onerror",
            "javascript",
            "JaVaScRiPt",
            "data:",
            "<iframe",
            "position",
        ] {
            assert!(!clean.contains(gone), "{gone}: {clean}");
        }
        for kept in [
            "<p id=\"a\" class=\"c\">t</p>",
            "<figure><img src=\"a.png\" alt=\"A\"><figcaption>F</figcaption></figure>",
            "<table>",
            "<td style=\"text-align: right\"><a href=\"tinh/hue/#x\">k</a></td>",
            "class=\"footnote-definition\" id=\"1\"",
            "href=\"#1\"",
        ] {
            assert!(clean.contains(kept), "{kept}: {clean}");
        }
        let raw = markdown_to_html(md, &|p| p.to_owned(), true);
        assert!(raw.contains("<script>alert(1)</script>"), "{raw}");
        // Safe commentary is unchanged by sanitising.
        let safe = "# T\n\nA [link](/tinh/hue/) and **bold**, `code <x>`.\n\n- a\n- b\n";
        assert_eq!(
            markdown_to_html(safe, &|p| p.to_owned(), false),
            markdown_to_html(safe, &|p| p.to_owned(), true)
        );
    }
}
