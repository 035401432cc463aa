//! The journalist's tools on the bundled site: spreadsheets that match the CSVs cell by cell,
//! the Atom feed, search aliases, licences and map credits.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use calamine::{Data, Reader, Xlsx, open_workbook};

/// Builds the repository's own site once into a temp folder shared by the tests.
fn site() -> &'static Path {
    static OUT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, out) = OUT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let opts = chiso::site::Options {
            root: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            output: Some(out.clone()),
            base_url: None,
            cache: None,
        };
        chiso::site::build(&opts).unwrap_or_else(|d| panic!("bundled site fails:\n{d}"));
        (dir, out)
    });
    out
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(site().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn every_xlsx_matches_its_csv_cell_by_cell() {
    let mut books = 0;
    for entry in std::fs::read_dir(site().join("data")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "csv") {
            continue;
        }
        let xlsx = path.with_extension("xlsx");
        assert!(xlsx.is_file(), "{} has no XLSX beside it", path.display());
        books += 1;
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_path(&path)
            .unwrap();
        let csv_rows: Vec<Vec<String>> = csv
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect();
        let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
        assert_eq!(book.sheet_names(), ["data", "notes"], "{}", xlsx.display());
        let range = book.worksheet_range("data").unwrap();
        assert_eq!(range.height(), csv_rows.len(), "{}: rows", xlsx.display());
        let header = &csv_rows[0];
        let mut numbers = 0;
        for (r, row) in csv_rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                let cell = range.get((r, c)).unwrap_or(&Data::Empty);
                let at = format!("{} row {} column {}", xlsx.display(), r + 1, header[c]);
                match cell {
                    Data::Empty => assert!(text.is_empty(), "{at}: empty, CSV has `{text}`"),
                    Data::String(s) => {
                        assert_eq!(s, text, "{at}");
                        // A number column never holds text: only names, codes and notes do.
                        assert!(
                            r == 0 || text.parse::<f64>().is_err() || is_text_column(&header[c]),
                            "{at}: `{text}` written as text"
                        );
                    }
                    Data::Float(f) => {
                        numbers += 1;
                        assert_eq!(*f, text.parse::<f64>().unwrap(), "{at}");
                        // Published precision: at most 4 decimals in the CSV, so in the cell.
                        assert_eq!((f * 1e4).round() / 1e4, *f, "{at}: more than 4 decimals");
                    }
                    other => panic!("{at}: unexpected cell {other:?}"),
                }
            }
        }
        assert!(numbers > 0, "{}: numbers are numbers", xlsx.display());
        let notes = book.worksheet_range("notes").unwrap();
        let fields: Vec<String> = notes.rows().map(|r| r[0].to_string()).collect();
        for needed in ["title", "licence", "source"] {
            assert!(
                fields.iter().any(|f| f == needed),
                "{}: notes lack `{needed}`",
                xlsx.display()
            );
        }
    }
    assert_eq!(books, 7, "dti + six editions");
}

/// Columns holding text even when a value looks like a number (GSO codes "01").
fn is_text_column(name: &str) -> bool {
    [
        "code",
        "slug",
        "name",
        "region",
        "edition",
        "source",
        "note",
        "rank_source",
    ]
    .contains(&name)
}

#[test]
fn the_data_page_sends_excel_users_to_the_xlsx() {
    let page = read("nguon-du-lieu/index.html");
    assert!(
        page.contains("dti.xlsx"),
        "data page links the whole-dataset XLSX"
    );
    assert!(
        page.contains("Excel"),
        "and says Excel users should take it"
    );
    assert!(page.contains("CC BY 4.0"), "and states the data licence");
}

/// An RFC 3339 date-time as Atom requires: `2026-11-24T00:00:00Z` or with an offset.
fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| r.clone().all(|i| b.get(i).is_some_and(u8::is_ascii_digit));
    b.len() >= 20
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
        && (s.ends_with('Z') || s[19..].contains('+') || s[19..].contains('-'))
}

#[test]
fn atom_feeds_are_valid_atom() {
    const ATOM: &str = "http://www.w3.org/2005/Atom";
    for (feed, lang) in [("feed.xml", "vi"), ("en/feed.xml", "en")] {
        let xml = read(feed);
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{feed}: {e}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "feed");
        assert_eq!(
            root.tag_name().namespace(),
            Some(ATOM),
            "{feed}: Atom namespace"
        );
        fn child<'a, 'i>(
            n: roxmltree::Node<'a, 'i>,
            name: &str,
        ) -> Option<roxmltree::Node<'a, 'i>> {
            n.children()
                .find(|c| c.tag_name().name() == name && c.tag_name().namespace() == Some(ATOM))
        }
        let text = |n: roxmltree::Node<'_, '_>, name: &str| {
            child(n, name)
                .and_then(|c| c.text())
                .unwrap_or_else(|| panic!("{feed}: <{}> lacks <{name}>", n.tag_name().name()))
                .to_owned()
        };
        // RFC 4287 §4.1.1: a feed has title, id, updated and an author (or every entry has one).
        assert!(!text(root, "title").is_empty());
        assert!(text(root, "id").contains(':'), "{feed}: id is an IRI");
        assert!(is_rfc3339(&text(root, "updated")), "{feed}");
        assert!(
            child(root, "author")
                .and_then(|a| child(a, "name"))
                .is_some()
        );
        let mut ids = std::collections::BTreeSet::new();
        let mut latest = String::new();
        let entries: Vec<_> = root
            .children()
            .filter(|c| c.tag_name().name() == "entry")
            .collect();
        assert!(
            entries.len() >= 6,
            "{feed}: at least one entry per dated edition"
        );
        for e in &entries {
            let id = text(*e, "id");
            assert!(id.contains(':') && !id.contains(' '), "{feed}: id `{id}`");
            assert!(ids.insert(id.clone()), "{feed}: id `{id}` twice");
            assert!(!text(*e, "title").is_empty());
            let updated = text(*e, "updated");
            assert!(is_rfc3339(&updated), "{feed}: `{updated}`");
            latest = latest.max(updated);
            let link = child(*e, "link").expect("entry link");
            let href = link.attribute("href").unwrap();
            let target = Path::new(feed).parent().unwrap().join(href);
            assert!(site().join(&target).is_file(), "{feed}: {href} resolves");
        }
        assert_eq!(
            text(root, "updated"),
            latest,
            "{feed}: updated is the newest entry"
        );
        assert_eq!(
            root.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
            Some(lang)
        );
    }
    let home = read("index.html");
    assert!(
        home.contains("type=\"application/atom+xml\""),
        "pages announce the feed"
    );
}

#[test]
fn search_finds_every_alias_with_and_without_diacritics() {
    let js = read("search/vi.js");
    let json = js
        .trim()
        .strip_prefix("window.CHISO_SEARCH=")
        .unwrap()
        .strip_suffix(';')
        .unwrap();
    let entries: Vec<serde_json::Value> = serde_json::from_str(json).unwrap();
    let units =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/content/units.csv")).unwrap();
    let name_of = |slug: &str| {
        units
            .lines()
            .filter(|l| l.split(',').nth(1) == Some(slug))
            .last()
            .and_then(|l| l.split(',').nth(2))
            .unwrap()
            .to_owned()
    };
    let aliases =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/content/aliases.csv"))
            .unwrap();
    let mut queries: Vec<(String, String)> = aliases
        .lines()
        .skip(1)
        .map(|l| {
            let (slug, alias) = l.split_once(',').unwrap();
            (alias.to_owned(), name_of(slug))
        })
        .collect();
    // What people type, as the issue lists it.
    for (q, name) in [
        ("hcm", "Hồ Chí Minh"),
        ("TP.HCM", "Hồ Chí Minh"),
        ("sai gon", "Hồ Chí Minh"),
        ("Huế", "Huế"),
        ("hue", "Huế"),
        ("Ho Chi Minh City", "Hồ Chí Minh"),
    ] {
        queries.push((q.to_owned(), name.to_owned()));
    }
    assert!(queries.len() > 20);
    for (query, name) in queries {
        for typed in [query.clone(), chiso::text::fold(&query)] {
            let hits: Vec<&str> = entries
                .iter()
                .filter(|e| chiso::search::matches(e["k"].as_str().unwrap(), &typed))
                .map(|e| e["t"].as_str().unwrap())
                .collect();
            assert!(
                hits.contains(&name.as_str()),
                "`{typed}` → {hits:?}, not {name}"
            );
        }
    }
}

#[test]
fn maps_name_their_boundary_source_and_licence() {
    let page = read("xep-hang/2023/index.html");
    assert!(
        page.contains("Open Development Mekong"),
        "the 63-province map names its source"
    );
    let en = read("en/ranking/2024-34/index.html");
    assert!(
        en.contains("sapnhap.bando.com.vn"),
        "the 34-province map names its source"
    );
}

#[test]
fn with_a_base_url_links_preview_and_the_sitemap_is_absolute() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let opts = chiso::site::Options {
        root: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
        output: Some(out.clone()),
        base_url: Some("https://example.org/dti/".into()),
        cache: None,
    };
    let summary = chiso::site::build(&opts).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(
        summary.base_url.as_ref().map(|b| b.as_str()),
        Some("https://example.org/dti/")
    );
    let read = |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap();
    let page = read("tinh/ninh-thuan/index.html");
    for tag in [
        "<link rel=\"canonical\" href=\"https://example.org/dti/tinh/ninh-thuan/\">",
        "<meta property=\"og:url\" content=\"https://example.org/dti/tinh/ninh-thuan/\">",
    ] {
        assert!(page.contains(tag), "{tag}");
    }
    // og:image is absolute and names a card that exists (a profile may share the card of the
    // page with the same figures, its latest edition's).
    let image = page
        .split("<meta property=\"og:image\" content=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("og:image");
    let card = image
        .strip_prefix("https://example.org/dti/")
        .unwrap_or_else(|| panic!("og:image {image} is absolute"));
    assert!(
        card.ends_with(".png") && out.join(card).is_file(),
        "{image}"
    );
    let sitemap = read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/dti/tinh/quang-ngai/</loc>"));
    assert!(!sitemap.contains("404.html"));
    let locs = sitemap.matches("<loc>").count();
    assert_eq!(
        locs,
        sitemap.matches("<loc>https://example.org/dti/").count(),
        "every location is absolute"
    );
    assert!(read("robots.txt").contains("Sitemap: https://example.org/dti/sitemap.xml"));
    let feed = read("feed.xml");
    assert!(
        feed.contains("<id>https://example.org/dti/xep-hang/2023/</id>"),
        "feed ids are the page URLs"
    );
    // The embed code is ready to paste: an absolute address.
    assert!(page.contains(
        "&lt;iframe src=&quot;https://example.org/dti/tinh/ninh-thuan/embed-gia-tri.html&quot;"
    ));
}

#[test]
fn build_without_base_url_warns_once_naming_what_will_not_work() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_chiso"))
        .args(["build", "--root", env!("CARGO_MANIFEST_DIR"), "--output"])
        .arg(dir.path().join("site"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.matches("no base_url").count(), 1, "{err}");
    assert!(err.contains("preview") && err.contains("sitemap"), "{err}");
}
