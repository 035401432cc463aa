//! The English twin of every page, language links and English formats.

use crate::common;

use common::{Fixture, main_of, text_of};

#[test]
fn every_vietnamese_page_has_an_english_twin_and_back() {
    let site = Fixture::new();
    site.build_ok();
    let out = site.output();
    let twins = [
        ("index.html", "en/index.html"),
        (
            "tinh/ninh-thuan/index.html",
            "en/province/ninh-thuan/index.html",
        ),
        (
            "tinh/ninh-thuan/2023/index.html",
            "en/province/ninh-thuan/2023/index.html",
        ),
        ("xep-hang/2023/index.html", "en/ranking/2023/index.html"),
        (
            "xep-hang/2023/ha-tang-so/index.html",
            "en/ranking/2023/ha-tang-so/index.html",
        ),
        ("chi-so/dti/index.html", "en/indicator/dti/index.html"),
        ("gioi-thieu/index.html", "en/gioi-thieu/index.html"),
        ("404.html", "en/404.html"),
    ];
    for (vi, en) in twins {
        let vi_html = std::fs::read_to_string(out.join(vi)).unwrap_or_else(|e| panic!("{vi}: {e}"));
        let en_html = std::fs::read_to_string(out.join(en)).unwrap_or_else(|e| panic!("{en}: {e}"));
        assert!(vi_html.contains("<html lang=\"vi\""), "{vi}");
        assert!(en_html.contains("<html lang=\"en\""), "{en}");
        if vi == "404.html" {
            continue;
        }
        // The switch and the hreflang alternates point at each other.
        let depth = |p: &str| "../".repeat(p.matches('/').count());
        assert!(
            vi_html.contains(&format!("href=\"{}{en}\" hreflang=\"en\"", depth(vi))),
            "{vi} → {en}"
        );
        assert!(
            en_html.contains(&format!("href=\"{}{vi}\" hreflang=\"vi\"", depth(en))),
            "{en} → {vi}"
        );
        assert!(
            vi_html.contains("<link rel=\"alternate\" hreflang=\"en\""),
            "{vi}"
        );
    }
    // Every page under en/ is English; the vi root has no English page outside en/.
    let count = |dir: &std::path::Path| {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
            .count()
    };
    let en_pages = count(&out.join("en"));
    assert_eq!(
        en_pages * 2,
        count(&out),
        "as many English pages as Vietnamese ones"
    );
}

#[test]
fn english_pages_use_english_names_numbers_and_regions() {
    let site = Fixture::new();
    site.build_ok();
    let text = text_of(&site.main_of("en/ranking/2023/index.html"));
    assert!(
        text.contains("0.8340") && !text.contains("0,8340"),
        "{text}"
    );
    assert!(text.contains("Da Nang"), "{text}");
    assert!(text.contains("Rank"), "{text}");
    let vi = text_of(&site.main_of("xep-hang/2023/index.html"));
    assert!(
        vi.contains("0,8340") && vi.contains("Đà Nẵng") && vi.contains("Hạng"),
        "{vi}"
    );
}

#[test]
fn commentary_without_english_text_says_so_and_links_vietnamese() {
    let site = Fixture::new();
    site.build_ok();
    let main = site.main_of("en/province/ninh-thuan/2023/index.html");
    assert!(main.contains("available in Vietnamese"), "{main}");
    assert!(
        main.contains("href=\"../../../../tinh/ninh-thuan/2023/index.html\""),
        "{main}"
    );
    assert!(
        !main.contains("Ninh Thuận đạt"),
        "no silent mix of languages"
    );
    // With an English file, its text is used.
    site.write(
        "content/commentary/2023/ninh-thuan.en.md",
        "+++\ntitle = \"Ninh Thuan 2023\"\n+++\nNinh Thuan scored 0.6552.\n",
    );
    site.build_ok();
    let main = site.main_of("en/province/ninh-thuan/2023/index.html");
    assert!(main.contains("Ninh Thuan scored 0.6552."), "{main}");
    assert!(!main.contains("available in Vietnamese"));
    // A free page written only in Vietnamese gets an English twin with the notice.
    let page = main_of(&site.read("output/en/gioi-thieu/index.html"));
    assert!(page.contains("available in Vietnamese"), "{page}");
}

#[test]
fn english_province_list_sorts_english_names() {
    let site = Fixture::new();
    site.build_ok();
    let text = text_of(&site.main_of("en/province/index.html"));
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} in {text}"));
    assert!(
        at("Da Nang") < at("Ha Noi") && at("Ha Noi") < at("Khanh Hoa"),
        "{text}"
    );
}

#[test]
fn compare_page_renders_the_default_selection_without_javascript() {
    let site = Fixture::new();
    site.build_ok();
    // No `compare` in site.toml: the top four of the featured edition, in rank order.
    let text = text_of(&site.main_of("so-sanh/index.html"));
    assert!(
        text.contains("Đà Nẵng · Hà Nội · Khánh Hòa · Ninh Thuận"),
        "{text}"
    );
    assert!(text.contains("2023 0,8340 (1/4) 0,7448 (2/4)"), "{text}");
    let html = site.read("output/so-sanh/index.html");
    assert!(html.contains("<script type=\"application/json\" id=\"compare-data\">"));
    let en = text_of(&site.main_of("en/compare/index.html"));
    assert!(
        en.contains("Da Nang · Ha Noi") && en.contains("0.8340 (1/4)"),
        "{en}"
    );
    // A configured selection, and an unknown slug is an error.
    site.write(
        "content/site.toml",
        &site.read("content/site.toml").replace(
            "featured = \"2023\"",
            "featured = \"2023\"\ncompare = [\"ninh-thuan\", \"ha-noi\"]",
        ),
    );
    site.build_ok();
    assert!(text_of(&site.main_of("so-sanh/index.html")).contains("Ninh Thuận · Hà Nội"));
    site.write(
        "content/site.toml",
        &site
            .read("content/site.toml")
            .replace("\"ha-noi\"]", "\"hanoi\"]"),
    );
    let report = site.build().err().expect("unknown unit").render();
    assert!(report.contains("compare: unknown unit `hanoi`"), "{report}");
    // The error points at the line of `compare` (the fixture's fourth line).
    assert!(report.contains("--> content/site.toml:4"), "{report}");
}

#[test]
fn built_in_theme_ships_every_file_the_repository_theme_has() {
    // A site without a themes/ folder uses the embedded theme: it must not miss a file.
    let site = Fixture::new();
    site.build_ok();
    let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    for sub in ["static"] {
        for entry in std::fs::read_dir(theme.join(sub)).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            assert!(
                site.output().join("static").join(&name).is_file(),
                "static/{name} is not embedded"
            );
        }
    }
    let templates: Vec<String> = std::fs::read_dir(theme.join("templates"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    for name in templates {
        assert!(
            chiso::render::theme::DEFAULT_TEMPLATES
                .iter()
                .any(|(n, _)| *n == name),
            "templates/{name} is not embedded"
        );
    }
}

#[test]
fn not_found_pages_link_from_the_site_root_under_the_base_url() {
    let site = Fixture::new();
    chiso::site::build(&chiso::site::Options {
        root: site.root().to_path_buf(),
        output: None,
        base_url: Some("https://example.org/dti/".into()),
        cache: None,
    })
    .unwrap_or_else(|d| panic!("{d}"));
    // The base URL, parsed once, makes every absolute address: canonical links, the sitemap.
    let page = site.read("output/tinh/da-nang/index.html");
    assert!(
        page.contains("href=\"https://example.org/dti/tinh/da-nang/\""),
        "canonical link"
    );
    let sitemap = site.read("output/sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/dti/en/province/da-nang/</loc>"));
    assert!(
        site.read("output/robots.txt")
            .contains("Sitemap: https://example.org/dti/sitemap.xml")
    );
    for (rel, home) in [
        ("404.html", "/dti/index.html"),
        ("en/404.html", "/dti/en/index.html"),
    ] {
        let html = site.read(&format!("output/{rel}"));
        assert!(html.contains(&format!("href=\"{home}\"")), "{rel}");
        assert!(html.contains("href=\"/dti/static/style.css\""), "{rel}");
        assert!(
            !html.contains("/.."),
            "{rel}: unresolved ../ in a root-absolute link"
        );
        // Every link and source is root-absolute (or absolute, or a fragment): the page is
        // shown at any depth (the feed link was once relative).
        for attr in ["href=\"", "src=\""] {
            for target in html
                .split(attr)
                .skip(1)
                .map(|r| r.split('"').next().unwrap())
            {
                assert!(
                    target.starts_with('/') || target.starts_with('#') || target.contains("://"),
                    "{rel}: relative {attr}{target}\""
                );
            }
        }
    }
}

#[test]
fn root_relative_commentary_links_keep_index_html_with_a_fragment() {
    let site = Fixture::new();
    site.write(
        "content/commentary/2023/ninh-thuan.md",
        "+++\ntitle = \"Ninh Thuận 2023\"\n+++\nXem [Đà Nẵng](/tinh/da-nang/#main) và [xếp hạng](/xep-hang/2023/?a=1#main).\n",
    );
    site.build_ok();
    let html = site.read("output/tinh/ninh-thuan/2023/index.html");
    // From disk a folder link opens a file listing (or nothing): the index.html must be there.
    assert!(
        html.contains("href=\"../../../tinh/da-nang/index.html#main\""),
        "{}",
        common::main_of(&html)
    );
    assert!(html.contains("href=\"../../../xep-hang/2023/index.html?a=1#main\""));
    assert!(site.output().join("tinh/da-nang/index.html").is_file());
}

/// Builds the site at `root` with the chiso binary, as a user would.
fn build_site(root: &std::path::Path) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_chiso"))
        .arg("build")
        .arg("--root")
        .arg(root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn page(root: &std::path::Path, rel: &str) -> String {
    let html = std::fs::read_to_string(root.join("output").join(rel))
        .unwrap_or_else(|e| panic!("{rel}: {e}"));
    text_of(&main_of(&html))
}

/// Every count an English page says takes its plural form from the theme's i18n files (CLDR
/// `one`/`other`): one unit and many, one merged unit, one place and several.
#[test]
fn english_counts_take_their_plural_forms() {
    let dir = tempfile::tempdir().unwrap();
    // A site of `chiso new` (five units), and the same cut down to its first unit.
    for (name, units) in [("five", 5), ("one", 1)] {
        let root = dir.path().join(name);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_chiso"))
            .arg("new")
            .arg(&root)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        if units == 1 {
            for rel in ["units.csv", "data/2023.csv", "data/2024.csv"] {
                let path = root.join("content").join(rel);
                let text = std::fs::read_to_string(&path).unwrap();
                let kept: Vec<&str> = text.lines().take(2).collect();
                std::fs::write(&path, kept.join("\n") + "\n").unwrap();
            }
            // Its commentary links to a unit that is gone.
            std::fs::remove_file(root.join("content/commentary/2024/doi-thong.md")).unwrap();
        }
        build_site(&root);
        let en = page(&root, "en/province/index.html");
        let vi = page(&root, "tinh/index.html");
        if units == 1 {
            assert!(en.contains("1 province, in alphabetical order."), "{en}");
            assert!(
                vi.contains("1 tỉnh, thành phố, theo thứ tự chữ cái."),
                "{vi}"
            );
        } else {
            assert!(en.contains("5 provinces, in alphabetical order."), "{en}");
            assert!(
                vi.contains("5 tỉnh, thành phố, theo thứ tự chữ cái."),
                "{vi}"
            );
        }
    }

    // The claims fixture: four current provinces and one merged; every rank moved one place.
    let root = dir.path().join("claims");
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/claims");
    for entry in walkdir::WalkDir::new(&from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let to = root.join(entry.path().strip_prefix(&from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    build_site(&root);
    let en = page(&root, "en/province/index.html");
    assert!(
        en.contains("4 current provinces and 1 merged one, in alphabetical order."),
        "{en}"
    );
    let vi = page(&root, "tinh/index.html");
    assert!(
        vi.contains("4 tỉnh, thành phố hiện nay và 1 tỉnh đã sáp nhập, theo thứ tự chữ cái."),
        "{vi}"
    );
    let ranking = page(&root, "en/ranking/2024/index.html");
    assert!(ranking.contains("(up 1 place)"), "{ranking}");
    assert!(!ranking.contains("places)"), "{ranking}");
    // Tuyên Quang from 4th (2023) to 1st (2024): three places.
    let data = root.join("content/data/2024.csv");
    let text = std::fs::read_to_string(&data).unwrap();
    std::fs::write(&data, text.replace("08,0.6000", "08,0.9000")).unwrap();
    build_site(&root);
    let ranking = page(&root, "en/ranking/2024/index.html");
    assert!(ranking.contains("(up 3 places)"), "{ranking}");
    assert!(ranking.contains("(down 1 place)"), "{ranking}");
}
