//! The journalist's tools on the bundled site: spreadsheets that match the CSVs cell by cell,
//! the Atom feed, search aliases, licences and map credits.

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};

/// The bundled site, built once for the whole test run (tests/common).
fn site() -> &'static Path {
    &crate::common::bundled().out
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

/// Everything wrong with `xml` as an Atom 1.0 feed document (RFC 4287), checked without chiso's
/// code: rust-syndication's `atom_syndication` must parse it, and the rules a lenient parser
/// does not enforce are checked on the XML tree (roxmltree), dates with chrono's RFC 3339
/// parser and the `date-time` production, IRIs with the WHATWG `url` parser. With `base`, every
/// link must be absolute under it (a feed is read away from the site).
fn atom_problems(xml: &str, base: Option<&str>) -> Vec<String> {
    const ATOM: &str = "http://www.w3.org/2005/Atom";
    let mut bad = Vec::new();
    let doc = match roxmltree::Document::parse(xml) {
        Ok(doc) => doc,
        Err(e) => return vec![format!("not well-formed XML: {e}")],
    };
    let parsed = match atom_syndication::Feed::read_from(xml.as_bytes()) {
        Ok(feed) => Some(feed),
        Err(e) => {
            bad.push(format!("atom_syndication rejects it: {e}"));
            None
        }
    };
    let root = doc.root_element();
    if root.tag_name().name() != "feed" || root.tag_name().namespace() != Some(ATOM) {
        bad.push(format!("root is {:?}, not atom:feed", root.tag_name()));
        return bad;
    }
    fn atom<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Vec<roxmltree::Node<'a, 'i>> {
        n.children()
            .filter(|c| c.tag_name().name() == name && c.tag_name().namespace() == Some(ATOM))
            .collect()
    }
    // RFC 3339 §5.6 `date-time` (RFC 4287 §3.3), and a real instant.
    let date_time =
        regex::Regex::new(r"^\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)$")
            .unwrap();
    let text = |n: roxmltree::Node<'_, '_>| n.text().unwrap_or("").trim().to_owned();
    let check = |n: roxmltree::Node<'_, '_>, what: &str, bad: &mut Vec<String>| {
        let one = ["id", "title", "updated"];
        let at_most_one = [
            "generator",
            "icon",
            "logo",
            "rights",
            "subtitle",
            "content",
            "published",
            "source",
            "summary",
        ];
        for name in one {
            let n = atom(n, name).len();
            if n != 1 {
                bad.push(format!(
                    "{what} has {n} <{name}>, RFC 4287 wants exactly one"
                ));
            }
        }
        for name in at_most_one {
            if atom(n, name).len() > 1 {
                bad.push(format!("{what} has more than one <{name}>"));
            }
        }
        for id in atom(n, "id") {
            let id = text(id);
            // An IRI reference that is absolute (§4.2.6): a scheme, no spaces.
            if id.contains(char::is_whitespace) || url::Url::parse(&id).is_err() {
                bad.push(format!("{what}: id `{id}` is not an absolute IRI"));
            }
        }
        for title in atom(n, "title") {
            if text(title).is_empty() {
                bad.push(format!("{what}: empty title"));
            }
        }
        for name in ["updated", "published"] {
            for d in atom(n, name) {
                let d = text(d);
                if !date_time.is_match(&d) || chrono::DateTime::parse_from_rfc3339(&d).is_err() {
                    bad.push(format!(
                        "{what}: <{name}> `{d}` is not an RFC 3339 date-time"
                    ));
                }
            }
        }
        for name in ["title", "summary", "rights", "subtitle"] {
            for t in atom(n, name) {
                if let Some(ty) = t.attribute("type")
                    && !["text", "html", "xhtml"].contains(&ty)
                {
                    bad.push(format!("{what}: <{name} type=\"{ty}\">"));
                }
            }
        }
        for person in atom(n, "author") {
            if atom(person, "name").len() != 1 || text(atom(person, "name")[0]).is_empty() {
                bad.push(format!("{what}: an author without exactly one name"));
            }
        }
        let mut alternates = std::collections::BTreeSet::new();
        for link in atom(n, "link") {
            let Some(href) = link.attribute("href") else {
                bad.push(format!("{what}: a link without href"));
                continue;
            };
            let rel = link.attribute("rel").unwrap_or("alternate");
            if rel == "alternate"
                && !alternates.insert((link.attribute("type"), link.attribute("hreflang")))
            {
                bad.push(format!(
                    "{what}: two alternate links of one type and language"
                ));
            }
            if let Some(base) = base
                && !href.starts_with(base)
            {
                bad.push(format!(
                    "{what}: link `{href}` is not absolute under {base}"
                ));
            }
        }
        // §4.1.2: an entry without content has an alternate link.
        if what != "feed" && atom(n, "content").is_empty() && alternates.is_empty() {
            bad.push(format!("{what}: neither content nor an alternate link"));
        }
    };
    check(root, "feed", &mut bad);
    let entries = atom(root, "entry");
    let mut ids = std::collections::BTreeSet::new();
    for (i, entry) in entries.iter().enumerate() {
        let what = format!("entry {}", i + 1);
        check(*entry, &what, &mut bad);
        // §4.1.1: the feed names an author, or every entry does.
        if atom(root, "author").is_empty() && atom(*entry, "author").is_empty() {
            bad.push(format!("{what}: no author, and the feed names none"));
        }
        if let Some(id) = atom(*entry, "id").first()
            && !ids.insert(text(*id))
        {
            bad.push(format!("{what}: id `{}` used twice", text(*id)));
        }
    }
    // The independent parser read the same feed.
    if let Some(feed) = parsed {
        if feed.entries().len() != entries.len() {
            bad.push(format!(
                "atom_syndication reads {} entries, the XML has {}",
                feed.entries().len(),
                entries.len()
            ));
        }
        if atom(root, "id").first().map(|n| text(*n)).as_deref() != Some(feed.id()) {
            bad.push("atom_syndication reads another feed id".into());
        }
    }
    bad
}

#[test]
fn atom_feeds_are_valid_atom() {
    for (feed, lang) in [("feed.xml", "vi"), ("en/feed.xml", "en")] {
        let xml = read(feed);
        let problems = atom_problems(&xml, None);
        assert!(problems.is_empty(), "{feed}:\n{}", problems.join("\n"));
        let parsed = atom_syndication::Feed::read_from(xml.as_bytes()).unwrap();
        assert_eq!(parsed.lang(), Some(lang), "{feed}: xml:lang");
        // At least one entry per dated edition; the feed's date is its newest entry's.
        assert!(parsed.entries().len() >= 6, "{feed}");
        let newest = parsed.entries().iter().map(|e| *e.updated()).max().unwrap();
        assert_eq!(
            *parsed.updated(),
            newest,
            "{feed}: updated is the newest entry"
        );
        // Without a base URL links are relative to the feed, and each names a built page.
        for entry in parsed.entries() {
            let href = entry.links()[0].href();
            let target = Path::new(feed).parent().unwrap().join(href);
            assert!(site().join(&target).is_file(), "{feed}: {href} resolves");
        }
    }
    let home = read("index.html");
    assert!(
        home.contains("type=\"application/atom+xml\""),
        "pages announce the feed"
    );
}

/// The Atom check is not one that passes anything: each way a feed can break RFC 4287, made
/// on the real feed, is caught.
#[test]
fn the_atom_check_rejects_broken_feeds() {
    let xml = read("feed.xml");
    let first_entry = xml.find("<entry>").unwrap();
    let (head, entries) = xml.split_at(first_entry);
    let in_entries = |from: &str, to: &str| format!("{head}{}", entries.replacen(from, to, 1));
    let id_line = entries.lines().find(|l| l.starts_with("<id>")).unwrap();
    let title_line = entries.lines().find(|l| l.starts_with("<title>")).unwrap();
    let updated_line = entries
        .lines()
        .find(|l| l.starts_with("<updated>"))
        .unwrap();
    let broken: Vec<(&str, String)> = vec![
        ("not well-formed", xml.replacen("</entry>", "", 1)),
        (
            "not the Atom namespace",
            xml.replacen("http://www.w3.org/2005/Atom", "http://example.org/rss", 1),
        ),
        (
            "an entry without id",
            in_entries(&format!("{id_line}\n"), ""),
        ),
        (
            "an entry with a relative id",
            in_entries(id_line, "<id>tinh/x/2021</id>"),
        ),
        (
            "an entry with two ids",
            in_entries(id_line, &format!("{id_line}{id_line}")),
        ),
        (
            "an entry without title",
            in_entries(&format!("{title_line}\n"), ""),
        ),
        (
            "an entry with an empty title",
            in_entries(title_line, "<title></title>"),
        ),
        (
            "an entry without updated",
            in_entries(&format!("{updated_line}\n"), ""),
        ),
        (
            "a date that is not RFC 3339",
            in_entries(updated_line, "<updated>24/11/2026</updated>"),
        ),
        (
            "a date without a time",
            in_entries(updated_line, "<updated>2026-11-24</updated>"),
        ),
        (
            "a date without a zone",
            in_entries(updated_line, "<updated>2026-11-24T00:00:00</updated>"),
        ),
        (
            "a link without href",
            in_entries(
                "<link rel=\"alternate\" type=\"text/html\" href=",
                "<link rel=\"alternate\" type=\"text/html\" data-href=",
            ),
        ),
        (
            "an entry with neither content nor alternate link",
            in_entries("rel=\"alternate\"", "rel=\"related\""),
        ),
        (
            "no author anywhere",
            xml.replacen(
                &xml[xml.find("<author>").unwrap()..xml.find("</author>").unwrap() + 9],
                "",
                1,
            ),
        ),
        ("two entries with one id", {
            let second = entries[1..].find("<entry>").unwrap() + 1;
            let id2 = entries[second..]
                .lines()
                .find(|l| l.starts_with("<id>"))
                .unwrap();
            xml.replacen(id2, id_line, 1)
        }),
        (
            "a feed without id",
            xml.replacen("<id>urn:chiso:feed.xml</id>", "", 1),
        ),
        (
            "an unknown text type",
            in_entries("<summary>", "<summary type=\"markdown\">"),
        ),
    ];
    for (what, feed) in &broken {
        assert_ne!(feed, &xml, "{what}: the mutation changed nothing");
        assert!(
            !atom_problems(feed, None).is_empty(),
            "{what}: a broken feed passes the Atom check"
        );
    }
    // With a base URL, a relative link is a fault.
    assert!(!atom_problems(&xml, Some("https://example.org/dti/")).is_empty());
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
    for feed in ["feed.xml", "en/feed.xml"] {
        let problems = atom_problems(&read(feed), Some("https://example.org/dti/"));
        assert!(problems.is_empty(), "{feed}:\n{}", problems.join("\n"));
    }
    // The embed code is ready to paste: an absolute address.
    assert!(page.contains(
        "&lt;iframe src=&quot;https://example.org/dti/tinh/ninh-thuan/#embed-gia-tri&quot;"
    ));
}

#[test]
fn build_without_base_url_warns_once_naming_what_will_not_work() {
    // Any site without a base_url: the small fixture (the bundled site's own build is shared).
    let f = crate::common::Fixture::new();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_chiso"))
        .args(["build", "--root"])
        .arg(f.root())
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.matches("no base_url").count(), 1, "{err}");
    assert!(err.contains("preview") && err.contains("sitemap"), "{err}");
}
