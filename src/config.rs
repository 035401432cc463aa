//! `site.toml`: the raw file as written, and the validated [`Config`] the rest trusts.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::toml_diagnostic;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::model::Date;
use crate::plan::urls::BaseUrl;
use crate::text::Lang;

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
    /// Who publishes the site (English; default: the Vietnamese line).
    #[serde(default)]
    publisher_en: Option<String>,
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
    /// Commentary HTML is published as written (scripts included) instead of sanitised.
    #[serde(default)]
    trusted_html: bool,
    /// Languages of the site: `["vi", "en"]` (default) or `["vi"]`. Vietnamese pages are at the
    /// root, English ones under `/en/`.
    #[serde(default)]
    languages: Option<Vec<String>>,
    /// The index the site publishes: its names, who publishes it, the open-data file name.
    #[serde(default)]
    index: IndexConfig,
    /// Editions, oldest first.
    #[serde(default)]
    editions: Vec<RawEdition>,
    /// URL segments of unit pages (default: the DTI site's `/tinh/` and `/en/province/`).
    #[serde(default)]
    units: RawUnits,
    /// Licences of what the site publishes.
    #[serde(default)]
    licence: Licence,
    /// Where each boundary file of `content/maps/` comes from, keyed by file name.
    #[serde(default)]
    maps: std::collections::BTreeMap<String, MapSource>,
}

/// `[licence]`: under which terms the data and the text may be reused (shown on data pages,
/// in downloads and embeds).
#[derive(Clone, Debug, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Licence {
    /// Licence of the data files (name, e.g. "CC BY 4.0").
    #[serde(default)]
    pub data: String,
    /// Link to the data licence's text.
    #[serde(default)]
    pub data_url: String,
    /// Licence of the site's own text (commentary, pages).
    #[serde(default)]
    pub text: String,
    /// Link to the text licence's text.
    #[serde(default)]
    pub text_url: String,
}

/// `[maps."<file>"]`: the boundary source of one map file and that source's licence.
#[derive(Clone, Debug, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct MapSource {
    /// Who made the boundaries ("Open Development Mekong").
    #[serde(default)]
    pub source: String,
    /// Link to the source.
    #[serde(default)]
    pub source_url: String,
    /// The source's licence; empty while unknown (the build warns, unless the copy used states
    /// one: see `via_licence`).
    #[serde(default)]
    pub licence: String,
    /// The copy the file was taken from, when not from the source itself (a repository that
    /// converted the source's boundaries).
    #[serde(default)]
    pub via: String,
    /// Link to that copy.
    #[serde(default)]
    pub via_url: String,
    /// The licence the copy is distributed under, as its distributor states it. With the
    /// source's own licence unknown, the maps say it is not confirmed (the copy is named in
    /// SOURCES.md, not on pages) and the build reports it as acknowledged.
    #[serde(default)]
    pub via_licence: String,
}

/// The `[units]` table: where unit pages live.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnits {
    /// Vietnamese URL segment of ranked units' pages (default `tinh`).
    #[serde(default)]
    segment: Option<String>,
    /// English URL segment (default `province`).
    #[serde(default)]
    segment_en: Option<String>,
    /// Vietnamese segment of parent units' pages (default: `segment`).
    #[serde(default)]
    parent_segment: Option<String>,
    /// English segment of parent units' pages (default: `segment_en`).
    #[serde(default)]
    parent_segment_en: Option<String>,
    /// Folder of the per-unit JSON under `data/` (default `provinces`).
    #[serde(default)]
    data: Option<String>,
}

/// `[index]`: what the site calls the index and who stands behind it. Nothing in chiso names a
/// particular index or ministry; every such word on a page comes from here (or, for the names,
/// from the root indicator of `indicators.toml` when left out).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexConfig {
    /// Full name (Vietnamese); default: the root indicator's name.
    #[serde(default)]
    pub name: Option<String>,
    /// Full name (English); default: the root indicator's English name.
    #[serde(default)]
    pub name_en: Option<String>,
    /// Short name used in headings and titles ("DTI"); default: the root indicator's short name.
    #[serde(default)]
    pub short: Option<String>,
    /// Short name (English).
    #[serde(default)]
    pub short_en: Option<String>,
    /// Who publishes the index (credited as the data's creator in citations and metadata);
    /// empty: not credited.
    #[serde(default)]
    pub publisher: String,
    /// Who publishes the index (English).
    #[serde(default)]
    pub publisher_en: String,
    /// How to reach the site's editors (an e-mail address or a URL), shown in the footer.
    #[serde(default)]
    pub contact: String,
    /// File stem of the whole-dataset download, `data/<data_file>.csv`; default: the root
    /// indicator's code.
    #[serde(default)]
    pub data_file: Option<String>,
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
    /// When the edition was published on this site (YYYY-MM-DD): the date of its feed entry.
    #[serde(default)]
    published: Option<String>,
    /// The methodology the edition was assessed under: the number of the decision that defined it
    /// ("922/QĐ-BTTTT"). Changes between editions of different methods are labelled as crossing it.
    #[serde(default)]
    method: String,
}

/// A declared edition, validated.
#[derive(Clone, Debug)]
pub struct EditionConfig {
    /// Identifier.
    pub id: String,
    /// The line of its `id` in site.toml, for errors about it.
    pub line: usize,
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
    /// Publication date (the Atom entry's date).
    pub published: Option<Date>,
    /// Methodology (decision number), empty when not declared.
    pub method: String,
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
    /// Publisher line (English).
    pub publisher_en: String,
    /// The absolute address the site is published at, when known (`base_url`, `--base-url`):
    /// parsed and validated once; canonical links, og:url, the sitemap and share cards use it.
    pub base_url: Option<BaseUrl>,
    /// Featured edition id.
    pub featured: Option<String>,
    /// Default units of the compare page.
    pub compare: Vec<String>,
    /// The line of `compare` in site.toml (1 when absent), for errors about its units.
    pub compare_line: usize,
    /// The languages pages are made in: Vietnamese first (at the root), then English if chosen.
    pub languages: Vec<Lang>,
    /// Theme name.
    pub theme: String,
    /// Published precision.
    pub precision: u32,
    /// Pretty (`/`) or file (`/index.html`) links.
    pub pretty_urls: bool,
    /// Commentary HTML published as written (site.toml `trusted_html = true`); by default it is
    /// sanitised ([`crate::content::sanitise`]).
    pub trusted_html: bool,
    /// The index's names, publisher, contact and open-data file name.
    pub index: IndexConfig,
    /// Editions.
    pub editions: Vec<EditionConfig>,
    /// Licences of data and text.
    pub licence: Licence,
    /// Boundary sources by map file name.
    pub maps: std::collections::BTreeMap<String, MapSource>,
    /// URL segments of unit pages.
    pub units: crate::model::UnitPaths,
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

/// The most decimals `precision` may ask for. Ranking compares `value × 10^precision` as a 64-bit
/// integer, and an `f64` holds 15–17 significant digits: 10 decimals keep both exact for values
/// up to 100 000.
pub const MAX_PRECISION: u32 = 10;

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
        let line = id_line(&text, &e.id).unwrap_or(1);
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
        if let Some(why) = crate::text::slug_problem(&e.id) {
            diags.push(
                Diagnostic::error(
                    Location::line(&shown, line),
                    format!("edition #{}: id `{}` is not a valid id: {why}", n + 1, e.id),
                )
                .hint("the id is used in file names and URLs: lower-case ASCII letters, digits and '-', e.g. \"2024\" or \"2024-34\""),
            );
            continue;
        }
        let published = match e.published.as_deref().map(|s| (s, Date::parse(s))) {
            None => None,
            Some((_, Some(d))) => Some(d),
            Some((s, None)) => {
                diags.push(
                    Diagnostic::error(
                        Location::line(&shown, line),
                        format!("edition {}: published `{s}` is not a date", e.id),
                    )
                    .hint("write the date as YYYY-MM-DD, e.g. published = \"2025-09-30\""),
                );
                continue;
            }
        };
        editions.push(EditionConfig {
            published,
            label: e.label.unwrap_or_else(|| e.id.clone()),
            label_en: e.label_en.unwrap_or_else(|| e.id.clone()),
            id: e.id,
            line,
            year: e.year,
            units_on,
            note: e.note,
            note_en: e.note_en,
            method: e.method,
        });
    }
    for (i, e) in editions.iter().enumerate() {
        if editions[..i].iter().any(|o| o.id == e.id) {
            let line = id_line(&text, &e.id).unwrap_or(1);
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
    let key_line = |key: &str| {
        text.lines()
            .position(|l| {
                l.trim_start()
                    .strip_prefix(key)
                    .is_some_and(|r| r.trim_start().starts_with('='))
            })
            .map_or(1, |i| i + 1)
    };
    if let Some(stem) = &raw.index.data_file
        && !crate::text::is_slug(stem)
    {
        diags.push(
            Diagnostic::error(
                Location::line(&shown, key_line("data_file")),
                format!(
                    "[index] data_file `{stem}` must be lower-case ASCII letters, digits and '-'"
                ),
            )
            .hint("it names the download data/<data_file>.csv, e.g. data_file = \"dti\""),
        );
    }
    // (An edition refused above is already reported; do not add a second error for it.)
    if let Some(f) = &raw.featured
        && !diags.has_errors()
        && !editions.iter().any(|e| &e.id == f)
    {
        diags.push(
            Diagnostic::error(
                Location::line(&shown, key_line("featured")),
                format!("featured: no edition has the id `{f}`"),
            )
            .hint(crate::text::suggest::hint(
                f,
                editions.iter().map(|e| e.id.as_str()),
                &format!(
                    "use one of the [[editions]] ids: {}",
                    editions
                        .iter()
                        .map(|e| e.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
        );
    }
    let mut theme = raw.theme.unwrap_or_else(|| "default".into());
    if let Some(why) = crate::text::slug_problem(&theme) {
        diags.push(
            Diagnostic::error(
                Location::line(&shown, key_line("theme")),
                format!("theme `{theme}` is not a valid theme name: {why}"),
            )
            .hint("name a folder directly under themes/, e.g. theme = \"default\""),
        );
        // Never look outside themes/, even to report more problems.
        theme = "default".into();
    }
    if let Some(p) = raw.precision
        && p > MAX_PRECISION
    {
        diags.push(
            Diagnostic::error(
                Location::line(&shown, key_line("precision")),
                format!("precision = {p} is more decimals than exact ranking supports (0–{MAX_PRECISION})"),
            )
            .hint("ranks compare values rounded to `precision` decimals as whole numbers; published indexes use 2–4"),
        );
    }
    // `--base-url` overrides the file's; an empty value means "not known".
    let base_url = match base_url {
        Some(flag) => parse_base_url(flag, Location::file("--base-url"), diags),
        None => parse_base_url(
            &raw.base_url,
            Location::line(&shown, key_line("base_url")),
            diags,
        ),
    };
    let units = unit_paths(raw.units, &text, &shown, diags);
    let languages = languages(
        raw.languages.as_deref(),
        &shown,
        key_line("languages"),
        diags,
    );
    Some(Config {
        languages,
        units,
        root: root.to_path_buf(),
        title_en: raw.title_en.unwrap_or_else(|| raw.title.clone()),
        title: raw.title,
        description: raw.description,
        description_en: raw.description_en,
        publisher_en: raw.publisher_en.unwrap_or_else(|| raw.publisher.clone()),
        publisher: raw.publisher,
        base_url,
        featured: raw.featured,
        compare: raw.compare,
        compare_line: key_line("compare"),
        theme,
        precision: raw.precision.unwrap_or(4),
        pretty_urls: raw.pretty_urls,
        trusted_html: raw.trusted_html,
        index: raw.index,
        editions,
        licence: raw.licence,
        maps: raw.maps,
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

/// The 1-based line of `id = "<id>"` (an edition's table).
fn id_line(text: &str, id: &str) -> Option<usize> {
    let quoted = format!("\"{id}\"");
    text.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix("id")
                .is_some_and(|r| r.trim_start().starts_with('=') && r.contains(&quoted))
        })
        .map(|i| i + 1)
}

/// Segments that name the site's other sections (a unit segment may not take one).
const TAKEN: [&str; 11] = [
    "xep-hang",
    "chi-so",
    "so-sanh",
    "data",
    "en",
    "static",
    "charts",
    "cards",
    "search",
    "ranking",
    "indicator",
];

/// Validates the `[units]` table: every segment a slug that no other section uses.
fn unit_paths(
    raw: RawUnits,
    text: &str,
    shown: &Path,
    diags: &mut Diagnostics,
) -> crate::model::UnitPaths {
    let d = crate::model::UnitPaths::default();
    let segment = raw.segment.unwrap_or(d.segment);
    let segment_en = raw.segment_en.unwrap_or(d.segment_en);
    let paths = crate::model::UnitPaths {
        parent_segment: raw.parent_segment.unwrap_or_else(|| segment.clone()),
        parent_segment_en: raw.parent_segment_en.unwrap_or_else(|| segment_en.clone()),
        segment,
        segment_en,
        data: raw.data.unwrap_or(d.data),
    };
    // Parents have their own list page in both languages or in neither.
    if (paths.parent_segment == paths.segment) != (paths.parent_segment_en == paths.segment_en) {
        diags.push(
            Diagnostic::error(
                Location::line(shown, text.lines().position(|l| l.trim_start().starts_with("parent_segment")).map_or(1, |i| i + 1)),
                "[units] parent_segment and parent_segment_en must both differ from segment and segment_en, or both equal them",
            )
            .hint("e.g. segment = \"xa\", segment_en = \"commune\", parent_segment = \"tinh\", parent_segment_en = \"province\""),
        );
    }
    for (key, value) in [
        ("segment", &paths.segment),
        ("segment_en", &paths.segment_en),
        ("parent_segment", &paths.parent_segment),
        ("parent_segment_en", &paths.parent_segment_en),
        ("data", &paths.data),
    ] {
        let line = text
            .lines()
            .position(|l| l.trim_start().starts_with(key) && l.contains(value.as_str()))
            .map_or(1, |i| i + 1);
        let problem = if !crate::text::slug::is_slug(value) {
            format!("[units] {key} `{value}` is not a URL segment")
        } else if key != "data" && TAKEN.contains(&value.as_str()) {
            format!("[units] {key} `{value}` is the URL of another section")
        } else {
            continue;
        };
        diags.push(
            Diagnostic::error(Location::line(shown, line), problem).hint(
                "use lower-case ASCII words joined by '-', e.g. segment = \"xa\", segment_en = \"commune\"",
            ),
        );
    }
    paths
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
    fn unit_segments_default_to_the_dti_urls_and_are_checked() {
        let (c, d) = load_str("title = \"T\"\n");
        assert!(!d.has_errors(), "{d}");
        let u = c.unwrap().units;
        assert_eq!(
            (u.segment.as_str(), u.segment_en.as_str(), u.data.as_str()),
            ("tinh", "province", "provinces")
        );
        let (c, d) =
            load_str("title = \"T\"\n[units]\nsegment = \"xa\"\nsegment_en = \"commune\"\n");
        assert!(!d.has_errors(), "{d}");
        let u = c.unwrap().units;
        assert_eq!(
            (u.parent_segment.as_str(), u.parent_segment_en.as_str()),
            ("xa", "commune")
        );
        let (_, d) =
            load_str("title = \"T\"\n[units]\nsegment = \"Xã\"\nsegment_en = \"ranking\"\n");
        let r = d.render();
        assert!(
            r.contains("site.toml:3") && r.contains("`Xã` is not a URL segment"),
            "{r}"
        );
        assert!(
            r.contains("site.toml:4") && r.contains("`ranking` is the URL of another section"),
            "{r}"
        );
        let (_, d) = load_str(
            "title = \"T\"\n[units]\nsegment = \"xa\"\nsegment_en = \"commune\"\nparent_segment = \"tinh\"\n",
        );
        let r = d.render();
        assert!(
            r.contains("site.toml:5") && r.contains("must both differ"),
            "{r}"
        );
    }

    #[test]
    fn bad_date_is_reported() {
        let (_, d) = load_str(
            "title = \"T\"\n[[editions]]\nid = \"2024\"\nyear = 2024\nunits_on = \"1/7/2025\"\n",
        );
        assert!(d.render().contains("is not a date"), "{}", d.render());
    }
}

/// `languages = [...]`: Vietnamese always (its pages are the site's root), English optional.
fn languages(
    raw: Option<&[String]>,
    shown: &Path,
    line: usize,
    diags: &mut Diagnostics,
) -> Vec<Lang> {
    let Some(raw) = raw else {
        return Lang::ALL.to_vec();
    };
    let mut out = Vec::new();
    for code in raw {
        match Lang::ALL.iter().find(|l| l.code() == code) {
            Some(l) if !out.contains(l) => out.push(*l),
            Some(_) => diags.push(
                Diagnostic::error(Location::line(shown, line), format!("languages: `{code}` is listed twice"))
                    .hint("write languages = [\"vi\"] or languages = [\"vi\", \"en\"]"),
            ),
            None => diags.push(
                Diagnostic::error(Location::line(shown, line), format!("languages: `{code}` is not a language chiso publishes"))
                    .hint("chiso publishes Vietnamese (vi) and English (en): write languages = [\"vi\"] or [\"vi\", \"en\"]"),
            ),
        }
    }
    if !out.contains(&Lang::Vi) {
        diags.push(
            Diagnostic::error(Location::line(shown, line), "languages: Vietnamese (`vi`) is required")
                .hint("Vietnamese pages are the site's root; English is the optional second language: languages = [\"vi\", \"en\"]"),
        );
    }
    out.sort_by_key(|l| Lang::ALL.iter().position(|x| x == l));
    out
}
