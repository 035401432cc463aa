//! `site.toml`: the raw file as written, and the validated [`Config`] the rest trusts.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::toml_diagnostic;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::model::Date;
use crate::plan::urls::BaseUrl;

/// `site.toml` exactly as written. Unknown keys are errors, so a typo is never a silent default.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSite {
    /// Site title (Vietnamese).
    title: String,
    /// Site title (English).
    #[serde(default)]
    title_en: Option<String>,
    /// One-sentence description (Vietnamese).
    #[serde(default)]
    description: String,
    /// One-sentence description (English).
    #[serde(default)]
    description_en: String,
    /// Who publishes the site (shown in the footer).
    #[serde(default)]
    publisher: String,
    /// Absolute URL the site will live at; used for canonical links and the sitemap only.
    #[serde(default)]
    base_url: String,
    /// Edition shown on the home page (default: the last one).
    #[serde(default)]
    featured: Option<String>,
    /// Unit slugs compared by default on the compare page (2–4; default: the top of the
    /// featured edition).
    #[serde(default)]
    compare: Vec<String>,
    /// Theme folder under `themes/` (default `default`).
    #[serde(default)]
    theme: Option<String>,
    /// Decimal places of published values (default 4).
    #[serde(default)]
    precision: Option<u32>,
    /// Links end in `/` instead of `/index.html` (nicer on a web server, but not from disk).
    #[serde(default)]
    pretty_urls: bool,
    /// Editions, oldest first.
    #[serde(default)]
    editions: Vec<RawEdition>,
}

/// One `[[editions]]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEdition {
    /// Identifier: the file stem of its data and its URL segment.
    id: String,
    /// Assessment year.
    year: u16,
    /// Units valid on this date make up the edition (default: 31 December of `year`).
    #[serde(default)]
    units_on: Option<String>,
    /// Label (Vietnamese).
    #[serde(default)]
    label: Option<String>,
    /// Label (English).
    #[serde(default)]
    label_en: Option<String>,
    /// Note (Vietnamese).
    #[serde(default)]
    note: String,
    /// Note (English).
    #[serde(default)]
    note_en: String,
}

/// A declared edition, validated.
#[derive(Clone, Debug)]
pub struct EditionConfig {
    /// Identifier.
    pub id: String,
    /// Year.
    pub year: u16,
    /// Unit-set date.
    pub units_on: Date,
    /// Vietnamese label.
    pub label: String,
    /// English label.
    pub label_en: String,
    /// Vietnamese note.
    pub note: String,
    /// English note.
    pub note_en: String,
}

/// The validated site configuration.
#[derive(Clone, Debug)]
pub struct Config {
    /// Site root (holds `site.toml`).
    pub root: PathBuf,
    /// Title (vi).
    pub title: String,
    /// Title (en).
    pub title_en: String,
    /// Description (vi).
    pub description: String,
    /// Description (en).
    pub description_en: String,
    /// Publisher line.
    pub publisher: String,
    /// The absolute address the site is published at, when known (`base_url`, `--base-url`):
    /// parsed and validated once; canonical links, og:url, the sitemap and share cards use it.
    pub base_url: Option<BaseUrl>,
    /// Featured edition id.
    pub featured: Option<String>,
    /// Default units of the compare page.
    pub compare: Vec<String>,
    /// Theme name.
    pub theme: String,
    /// Published precision.
    pub precision: u32,
    /// Pretty (`/`) or file (`/index.html`) links.
    pub pretty_urls: bool,
    /// Editions.
    pub editions: Vec<EditionConfig>,
}

impl Config {
    /// Folder holding content files.
    pub fn content_dir(&self) -> PathBuf {
        self.root.join("content")
    }

    /// The site-relative path shown in messages.
    pub fn shown(&self, path: &Path) -> PathBuf {
        crate::diagnostics::shown_path(&self.root, path)
    }
}

/// Reads and validates `content/site.toml` under `root`; `base_url` overrides the file's.
pub fn load(root: &Path, base_url: Option<&str>, diags: &mut Diagnostics) -> Option<Config> {
    let path = root.join("content").join("site.toml");
    let shown = crate::diagnostics::shown_path(root, &path);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            diags.push(
                Diagnostic::error(Location::file(&shown), format!("cannot read site.toml: {e}"))
                    .hint("run chiso in a site folder (one that has content/site.toml), or pass --root DIR"),
            );
            return None;
        }
    };
    let raw: RawSite = match toml::from_str(&text) {
        Ok(r) => r,
        Err(e) => {
            diags.push(toml_diagnostic(
                &shown,
                &text,
                0,
                &e,
                "check the key names against the README's site.toml reference",
            ));
            return None;
        }
    };
    let mut editions = Vec::new();
    for (n, e) in raw.editions.into_iter().enumerate() {
        let line = find_line(&text, &format!("\"{}\"", e.id)).unwrap_or(1);
        let units_on = match e.units_on.as_deref() {
            None => Date::end_of(e.year.into()),
            Some(s) => match Date::parse(s) {
                Some(d) => d,
                None => {
                    diags.push(
                        Diagnostic::error(
                            Location::line(&shown, line),
                            format!("edition {}: units_on `{s}` is not a date", e.id),
                        )
                        .hint("write the date as YYYY-MM-DD, e.g. units_on = \"2025-07-01\""),
                    );
                    continue;
                }
            },
        };
        if e.id.is_empty() || !e.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            diags.push(
                Diagnostic::error(
                    Location::line(&shown, line),
                    format!(
                        "edition #{}: id `{}` must be ASCII letters, digits and '-'",
                        n + 1,
                        e.id
                    ),
                )
                .hint("the id is used in file names and URLs, e.g. \"2024\" or \"2024-34\""),
            );
            continue;
        }
        editions.push(EditionConfig {
            label: e.label.unwrap_or_else(|| e.id.clone()),
            label_en: e.label_en.unwrap_or_else(|| e.id.clone()),
            id: e.id,
            year: e.year,
            units_on,
            note: e.note,
            note_en: e.note_en,
        });
    }
    for (i, e) in editions.iter().enumerate() {
        if editions[..i].iter().any(|o| o.id == e.id) {
            let line = find_line(&text, &format!("\"{}\"", e.id)).unwrap_or(1);
            diags.push(
                Diagnostic::error(
                    Location::line(&shown, line),
                    format!("edition `{}` is declared twice", e.id),
                )
                .hint("each [[editions]] id must be unique"),
            );
        }
    }
    editions.sort_by(|a, b| (a.year, a.units_on, &a.id).cmp(&(b.year, b.units_on, &b.id)));
    // `--base-url` overrides the file's; an empty value means "not known".
    let base_url = match base_url {
        Some(flag) => parse_base_url(flag, Location::file("--base-url"), diags),
        None => parse_base_url(
            &raw.base_url,
            Location::line(
                &shown,
                text.lines()
                    .position(|l| l.trim_start().starts_with("base_url"))
                    .map_or(1, |i| i + 1),
            ),
            diags,
        ),
    };
    Some(Config {
        root: root.to_path_buf(),
        title_en: raw.title_en.unwrap_or_else(|| raw.title.clone()),
        title: raw.title,
        description: raw.description,
        description_en: raw.description_en,
        publisher: raw.publisher,
        base_url,
        featured: raw.featured,
        compare: raw.compare,
        theme: raw.theme.unwrap_or_else(|| "default".into()),
        precision: raw.precision.unwrap_or(4),
        pretty_urls: raw.pretty_urls,
        editions,
    })
}

/// Parses a base URL (empty: none); a bad one is an error at `at`.
fn parse_base_url(text: &str, at: Location, diags: &mut Diagnostics) -> Option<BaseUrl> {
    if text.trim().is_empty() {
        return None;
    }
    BaseUrl::parse(text)
        .map_err(|why| {
            diags.push(
                Diagnostic::error(at, format!("base_url: {why}"))
                    .hint("write the full address the site is published at, e.g. base_url = \"https://chiso.example.vn/\", or leave it empty"),
            )
        })
        .ok()
}

/// The 1-based line where `needle` first occurs.
fn find_line(text: &str, needle: &str) -> Option<usize> {
    text.lines().position(|l| l.contains(needle)).map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_str(text: &str) -> (Option<Config>, Diagnostics) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join("content/site.toml"), text).unwrap();
        let mut d = Diagnostics::new();
        let c = load(dir.path(), None, &mut d);
        (c, d)
    }

    #[test]
    fn reads_editions_sorted_with_defaults() {
        let (c, d) = load_str(
            "title = \"T\"\n[[editions]]\nid = \"2024-34\"\nyear = 2024\nunits_on = \"2025-07-01\"\n[[editions]]\nid = \"2024\"\nyear = 2024\n",
        );
        assert!(!d.has_errors(), "{d}");
        let c = c.unwrap();
        let ids: Vec<_> = c.editions.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["2024", "2024-34"]);
        assert_eq!(c.editions[0].units_on.to_string(), "2024-12-31");
        assert_eq!(c.precision, 4);
    }

    #[test]
    fn base_url_is_parsed_once_and_a_bad_one_names_its_line() {
        let (c, d) = load_str("title = \"T\"\nbase_url = \"https://chiso.example.vn/dti\"\n");
        assert!(d.is_empty(), "{d}");
        let base = c.unwrap().base_url.unwrap();
        assert_eq!(
            base.join("tinh/hue/"),
            "https://chiso.example.vn/dti/tinh/hue/"
        );
        let (c, d) = load_str("title = \"T\"\n# where\nbase_url = \"chiso.example.vn\"\n");
        assert!(c.is_none() || d.has_errors());
        let r = d.render();
        assert!(r.contains("site.toml:3"), "{r}");
        assert!(r.contains("https://"), "{r}");
        let (c, d) = load_str("title = \"T\"\nbase_url = \"\"\n");
        assert!(d.is_empty() && c.unwrap().base_url.is_none());
    }

    #[test]
    fn unknown_key_is_an_error_with_line() {
        let (c, d) = load_str("title = \"T\"\ntitel = \"x\"\n");
        assert!(c.is_none());
        let text = d.render();
        assert!(text.contains("site.toml:2"), "{text}");
        assert!(text.contains("titel"), "{text}");
    }

    #[test]
    fn bad_date_is_reported() {
        let (_, d) = load_str(
            "title = \"T\"\n[[editions]]\nid = \"2024\"\nyear = 2024\nunits_on = \"1/7/2025\"\n",
        );
        assert!(d.render().contains("is not a date"), "{}", d.render());
    }
}
