//! Hardening (issue 8): content a careless or hostile editor could write. Every name that becomes
//! a path is checked where it is read, every setting and column is validated, a failed write
//! leaves nothing behind and names its real cause, and commentary HTML is sanitised.

use crate::common;

use std::path::Path;

use common::Fixture;

/// Builds `f`, expects failure, and returns the rendered diagnostics.
fn fails(f: &Fixture) -> String {
    match f.build() {
        Ok(s) => panic!("expected an error, but built {} files", s.files),
        Err(d) => d.render(),
    }
}

/// Names of everything directly in `dir`.
fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// A page named `pages/...md` was written to the site root, outside `output/`.
#[test]
fn free_page_named_dots_is_refused_and_nothing_escapes() {
    for name in ["...md", "..md", "..en.md"] {
        let f = Fixture::new();
        let before = entries(f.root());
        f.write(
            &format!("content/commentary/pages/{name}"),
            "+++\ntitle = \"X\"\n+++\nx\n",
        );
        let text = fails(&f);
        assert!(
            text.contains(&format!("content/commentary/pages/{name}")),
            "{name}: {text}"
        );
        assert!(text.contains("not a valid page name"), "{name}: {text}");
        let mut after = entries(f.root());
        after.retain(|e| e != ".chiso-cache");
        // Nothing new beside content/ (the page used to land at the site root).
        assert_eq!(after, before, "{name}");
        assert!(!f.output().exists(), "{name}");
    }
}

/// `404.html.md` and `sitemap.xml.md` failed at write time with a misleading permissions hint
/// and left `.output-new-<pid>` behind.
#[test]
fn free_page_named_like_a_generated_file_is_a_located_error() {
    for name in [
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "Gioi-Thieu",
        "giới-thiệu",
        "a b",
    ] {
        let f = Fixture::new();
        f.write(
            &format!("content/commentary/pages/{name}.md"),
            "+++\ntitle = \"X\"\n+++\nx\n",
        );
        let text = fails(&f);
        assert!(
            text.contains(&format!("content/commentary/pages/{name}.md")),
            "{name}: {text}"
        );
        assert!(!text.contains("writable"), "{name}: {text}");
        assert!(
            !entries(f.root()).iter().any(|e| e.starts_with(".output-")),
            "{name}: {:?}",
            entries(f.root())
        );
    }
}

/// A free page named after a generated folder of either language (`/en/province/` is the
/// English list of provinces) would replace it.
#[test]
fn free_page_named_like_a_generated_folder_is_refused() {
    for name in [
        "tinh", "province", "search", "static", "data", "en", "compare",
    ] {
        let f = Fixture::new();
        f.write(
            &format!("content/commentary/pages/{name}.md"),
            "+++\ntitle = \"X\"\n+++\nx\n",
        );
        let text = fails(&f);
        assert!(text.contains("reserved"), "{name}: {text}");
    }
}

#[test]
fn theme_name_cannot_leave_themes_folder() {
    for theme in ["../outside", "/etc", "a/b", "..", "Default"] {
        let f = Fixture::new();
        // A theme outside the site that would be used if the name were followed.
        let site = f.read("content/site.toml");
        f.write(
            "content/site.toml",
            &site.replace(
                "featured = \"2023\"",
                &format!("featured = \"2023\"\ntheme = {theme:?}"),
            ),
        );
        let text = fails(&f);
        assert!(text.contains("site.toml:4"), "{theme}: {text}");
        assert!(text.contains("not a valid theme name"), "{theme}: {text}");
    }
}

#[test]
fn theme_static_file_with_unsafe_name_is_refused() {
    let f = Fixture::new();
    f.write("themes/default/static/ok.css", "a{}");
    f.write("themes/default/static/bad name.css", "a{}");
    let text = fails(&f);
    assert!(
        text.contains("themes/default/static/bad name.css"),
        "{text}"
    );
}

#[test]
fn edition_ids_and_slugs_are_slugs() {
    let f = Fixture::new();
    let site = f.read("content/site.toml");
    f.write(
        "content/site.toml",
        &site.replace("id = \"2022\"", "id = \"2022..\""),
    );
    let text = fails(&f);
    assert!(text.contains("site.toml:6"), "{text}");
    assert!(text.contains("`2022..` is not a valid id"), "{text}");
}

/// A write that fails removes its temporary folder, keeps the previous output, and names the
/// real cause (a collision here, not "check permissions").
#[test]
fn failed_write_cleans_up_and_names_the_cause() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("output");
    std::fs::create_dir_all(&output).unwrap();
    std::fs::write(output.join("index.html"), "previous").unwrap();
    let files = vec![
        ("404.html".to_owned(), b"a".to_vec()),
        ("404.html/index.html".to_owned(), b"b".to_vec()),
    ];
    let d = chiso::site::write_atomically(&output, &files).unwrap_err();
    let text = d.to_string();
    assert!(
        text.contains("`404.html/index.html` collides with `404.html`"),
        "{text}"
    );
    assert!(!text.contains("writable"), "{text}");
    assert_eq!(entries(dir.path()), ["output"]);
    assert_eq!(
        std::fs::read_to_string(output.join("index.html")).unwrap(),
        "previous"
    );
    for bad in ["../escape.html", "/abs.html", "a/./b", "a\\..\\b", "x\0y"] {
        let files = vec![(bad.to_owned(), b"x".to_vec())];
        let text = chiso::site::write_atomically(&output, &files)
            .unwrap_err()
            .to_string();
        assert!(text.contains("not a safe output path"), "{bad:?}: {text}");
        assert_eq!(entries(dir.path()), ["output"], "{bad:?}");
    }
    // And a real I/O error keeps its own cause.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let ro = dir.path().join("ro");
        std::fs::create_dir_all(&ro).unwrap();
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
        let probe = ro.join("probe");
        if std::fs::write(&probe, "").is_err() {
            // Not root: the folder really is read-only.
            let text = chiso::site::write_atomically(&ro.join("output"), &files[..1])
                .unwrap_err()
                .to_string();
            assert!(text.contains("ermission denied"), "{text}");
            assert!(text.contains("writable"), "{text}");
        }
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

/// The same indicator column twice: the last one won (Hà Nội's ha-tang-so published as the
/// second column's value).
#[test]
fn repeated_column_in_a_data_file_is_an_error() {
    let f = Fixture::new();
    f.write(
        "content/data/2023.csv",
        "code,dti,ha-tang-so,ha-tang-so\n01,0.7448,0.6901,0.5639\n48,0.8340,0.8362,0.8362\n56,0.6869,0.7120,0.7120\n58,0.6552,0.7625,0.7625\n",
    );
    let text = fails(&f);
    assert!(text.contains("content/data/2023.csv:1:21"), "{text}");
    assert!(
        text.contains("`ha-tang-so` is in the header twice"),
        "{text}"
    );
    // And in units.csv.
    let f = Fixture::new();
    let units = f.read("content/units.csv");
    f.write(
        "content/units.csv",
        &units.replacen("name_en", "name_vi", 1),
    );
    let text = fails(&f);
    assert!(text.contains("`name_vi` is in the header twice"), "{text}");
}

#[test]
fn featured_edition_must_exist() {
    let f = Fixture::new();
    let site = f.read("content/site.toml");
    f.write(
        "content/site.toml",
        &site.replace("featured = \"2023\"", "featured = \"2034\""),
    );
    let text = fails(&f);
    assert!(text.contains("content/site.toml:3"), "{text}");
    assert!(text.contains("no edition has the id `2034`"), "{text}");
}

#[test]
fn edition_cannot_share_the_download_name() {
    // The whole-dataset download is data/dti.csv (the root indicator's code) and each edition
    // has data/<id>.csv: an edition called `dti` is refused where it is declared.
    let f = Fixture::new();
    let site = f.read("content/site.toml");
    f.write(
        "content/site.toml",
        &site
            .replace("featured = \"2023\"", "featured = \"dti\"")
            .replace("id = \"2023\"", "id = \"dti\""),
    );
    let text = fails(&f);
    assert!(
        text.contains("edition `dti` and the whole-dataset download would both be data/dti.csv"),
        "{text}"
    );
    assert!(text.contains("content/site.toml:10"), "{text}");
}

#[test]
fn dates_must_be_calendar_dates() {
    for bad in ["2025-06-31", "2025-02-31", "2025-02-29"] {
        let f = Fixture::new();
        let units = f.read("content/units.csv");
        f.write("content/units.csv", &units.replace("2025-06-30", bad));
        let text = fails(&f);
        assert!(text.contains("content/units.csv:5:"), "{bad}: {text}");
        assert!(
            text.contains(&format!("`{bad}` is not a calendar date")),
            "{bad}: {text}"
        );
    }
    let f = Fixture::new();
    let site = f.read("content/site.toml");
    f.write(
        "content/site.toml",
        &site.replace("year = 2023\n", "year = 2023\nunits_on = \"2023-09-31\"\n"),
    );
    let text = fails(&f);
    assert!(text.contains("content/site.toml:10"), "{text}");
}

/// precision = 20 overflowed the rank key: every province ranked 1st.
#[test]
fn precision_is_bounded() {
    let f = Fixture::new();
    let site = f.read("content/site.toml");
    f.write(
        "content/site.toml",
        &site.replace("featured = \"2023\"", "featured = \"2023\"\nprecision = 20"),
    );
    let text = fails(&f);
    assert!(text.contains("content/site.toml:4"), "{text}");
    assert!(text.contains("precision = 20"), "{text}");
    let f = Fixture::new();
    f.write(
        "content/site.toml",
        &site.replace("featured = \"2023\"", "featured = \"2023\"\nprecision = 10"),
    );
    f.build_ok();
}

#[test]
fn compare_units_must_exist() {
    let f = Fixture::new();
    let site = f.read("content/site.toml");
    f.write(
        "content/site.toml",
        &site.replace(
            "featured = \"2023\"",
            "featured = \"2023\"\ncompare = [\"ha-noi\", \"../x\"]",
        ),
    );
    let text = fails(&f);
    assert!(text.contains("unknown unit `../x`"), "{text}");
}

/// `<script>`, event handlers and `javascript:` links in commentary were published as written.
#[test]
fn commentary_html_is_sanitised_unless_trusted() {
    let body = "+++\ntitle = \"Ninh Thuận 2023\"\n+++\nNinh Thuận đạt 0,6552.\n\n<script>alert('x')</script>\n\n<p onmouseover=\"steal()\">Di chuột</p>\n\n[Bấm](javascript:alert(1)) <a href=\"jav&#x09;ascript:alert(2)\">đây</a>\n\n<figure id=\"hinh-1\"><table><tr><td>1</td></tr></table><figcaption>Bảng</figcaption></figure>\n\n[Đà Nẵng](/tinh/da-nang/)\n";
    let f = Fixture::new();
    f.write("content/commentary/2023/ninh-thuan.md", body);
    f.build_ok();
    let html = f.read("output/tinh/ninh-thuan/2023/index.html");
    let main = common::main_of(&html);
    for gone in ["alert", "onmouseover", "steal()", "javascript", "ascript:"] {
        assert!(!main.contains(gone), "{gone}: {main}");
    }
    for kept in [
        "<p>Di chuột</p>",
        "<figure id=\"hinh-1\"><table><tbody><tr><td>1</td></tr></tbody></table><figcaption>Bảng</figcaption></figure>",
        "href=\"../../../tinh/da-nang/index.html\"",
        ">Bấm</a>",
    ] {
        assert!(main.contains(kept), "{kept}: {main}");
    }
    // Explicitly trusted: published as written.
    let site = f.read("content/site.toml");
    f.write(
        "content/site.toml",
        &site.replace(
            "featured = \"2023\"",
            "featured = \"2023\"\ntrusted_html = true",
        ),
    );
    f.build_ok();
    let main = f.main_of("tinh/ninh-thuan/2023/index.html");
    assert!(main.contains("<script>alert('x')</script>"), "{main}");
    assert!(main.contains("onmouseover=\"steal()\""), "{main}");
}

/// Sanitising takes nothing away from the bundled commentary: every text renders the same
/// sanitised or trusted (so the default costs the real site nothing).
#[test]
fn sanitising_keeps_the_bundled_commentary_whole() {
    let site = chiso::site::load(&chiso::site::Options {
        root: env!("CARGO_MANIFEST_DIR").into(),
        ..Default::default()
    })
    .unwrap_or_else(|d| panic!("{d}"));
    let mut n = 0;
    for doc in site.commentary.docs.iter().chain(&site.commentary.pages) {
        let body = chiso::shortcode::expand(
            &doc.body,
            &site.dataset,
            &site.report,
            doc.defaults(),
            chiso::text::Strings::builtin(doc.lang),
        )
        .unwrap();
        let link = |p: &str| format!("../{p}");
        assert_eq!(
            chiso::content::markdown_to_html(&body, &link, false),
            chiso::content::markdown_to_html(&body, &link, true),
            "{}",
            doc.source.display()
        );
        n += 1;
    }
    for ind in &site.dataset.indicators {
        for md in [&ind.description, &ind.description_en] {
            let link = |p: &str| format!("../{p}");
            assert_eq!(
                chiso::content::markdown_to_html(md, &link, false),
                chiso::content::markdown_to_html(md, &link, true),
                "{}",
                ind.code
            );
        }
    }
    assert!(n > 20, "{n}");
}

/// `--output` pointing at the site itself, or into content/ or themes/, would swap the user's
/// files away.
#[test]
fn output_folder_cannot_replace_the_site() {
    let f = Fixture::new();
    for out in [
        ".",
        "",
        "content",
        "content/x",
        "themes",
        "..",
        "./content/../content",
    ] {
        let output = f.root().join(out);
        let r = chiso::site::build(&chiso::site::Options {
            root: f.root().to_path_buf(),
            output: Some(output.clone()),
            ..Default::default()
        });
        let text = match r {
            Ok(_) => panic!("{out:?}: built into {}", output.display()),
            Err(d) => d.render(),
        };
        assert!(
            text.contains("refusing to write the site"),
            "{out:?}: {text}"
        );
        assert!(f.root().join("content/site.toml").is_file(), "{out:?}");
    }
    let elsewhere = tempfile::tempdir().unwrap();
    chiso::site::build(&chiso::site::Options {
        root: f.root().to_path_buf(),
        output: Some(elsewhere.path().join("site")),
        ..Default::default()
    })
    .unwrap_or_else(|d| panic!("{d}"));
}
