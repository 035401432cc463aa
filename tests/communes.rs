//! The hierarchy example (`examples/communes`) built end to end: communes ranked nationally and
//! within their province, checked against ranks computed here from the CSV files alone.

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{links_of, main_of, text_of};

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/communes")
}

/// Builds the example once into a temp folder (no card cache, so the repository stays clean).
fn site() -> &'static Path {
    static OUT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, out) = OUT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let opts = chiso::site::Options {
            root: example(),
            output: Some(out.clone()),
            base_url: None,
            cache: Some(PathBuf::new()),
        };
        let summary =
            chiso::site::build(&opts).unwrap_or_else(|d| panic!("example site fails:\n{d}"));
        assert_eq!(summary.warnings.error_count(), 0);
        (dir, out)
    });
    out
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(site().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The slugs the README promises: names, with the parent's slug when two communes share one.
const SLUGS: [(&str, &str); 12] = [
    ("07900", "tan-lap-phu-tho"),
    ("07903", "thanh-son"),
    ("07906", "ha-hoa"),
    ("07909", "doan-hung"),
    ("07912", "cam-khe"),
    ("07915", "phong-chau"),
    ("02200", "tan-lap-tuyen-quang"),
    ("02203", "minh-quang"),
    ("02206", "chiem-hoa"),
    ("02209", "ham-yen"),
    ("02212", "an-tuong"),
    ("02215", "na-hang"),
];

/// One commune's figure as the oracle sees it.
#[derive(Debug)]
struct Expected {
    rank: u64,
    of: u64,
    parent: String,
    parent_rank: u64,
    parent_of: u64,
}

/// Ranks computed from the example's CSV files with nothing from chiso: values compared at 4
/// decimals as integers, rank = 1 + the number of strictly better units (competition ranking).
fn oracle() -> BTreeMap<(String, String, String), Expected> {
    let content = example().join("content");
    let mut parent_of_code: BTreeMap<String, String> = BTreeMap::new();
    let mut units = csv::Reader::from_path(content.join("units.csv")).unwrap();
    for row in units.records() {
        let row = row.unwrap();
        if !row[11].is_empty() {
            parent_of_code.insert(row[0].to_owned(), row[11].to_owned());
        }
    }
    let slug = |code: &str| SLUGS.iter().find(|(c, _)| *c == code).unwrap().1.to_owned();
    let mut out = BTreeMap::new();
    for year in ["2023", "2024"] {
        let mut rdr = csv::Reader::from_path(content.join(format!("data/{year}.csv"))).unwrap();
        let headers: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
        let rows: Vec<Vec<String>> = rdr
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
        for (col, indicator) in headers.iter().enumerate().skip(1) {
            let key = |r: &Vec<String>| (r[col].parse::<f64>().unwrap() * 10_000.0).round() as i64;
            for r in &rows {
                let parent = &parent_of_code[&r[0]];
                let better = |others: &mut dyn Iterator<Item = &Vec<String>>| {
                    1 + others.filter(|o| key(o) > key(r)).count() as u64
                };
                let siblings: Vec<&Vec<String>> = rows
                    .iter()
                    .filter(|o| parent_of_code[&o[0]] == *parent)
                    .collect();
                out.insert(
                    (slug(&r[0]), indicator.clone(), year.to_owned()),
                    Expected {
                        rank: better(&mut rows.iter()),
                        of: rows.len() as u64,
                        parent: parent.clone(),
                        parent_rank: better(&mut siblings.iter().copied()),
                        parent_of: siblings.len() as u64,
                    },
                );
            }
        }
    }
    out
}

#[test]
fn the_oracle_sees_the_ties_the_example_was_made_with() {
    let o = oracle();
    let get = |s: &str, y: &str| &o[&(s.to_owned(), "dti".to_owned(), y.to_owned())];
    // 2024: the two Phú Thọ communes at 0,5874 share 4th place in the province, 6th nationally.
    assert_eq!(
        (
            get("ha-hoa", "2024").parent_rank,
            get("tan-lap-phu-tho", "2024").parent_rank
        ),
        (4, 4)
    );
    assert_eq!(
        get("cam-khe", "2024").parent_rank,
        6,
        "the rank after a tie skips"
    );
    assert_eq!(
        (
            get("ha-hoa", "2024").rank,
            get("tan-lap-phu-tho", "2024").rank
        ),
        (6, 6)
    );
    // 2023: Thanh Sơn and Minh Quang tie nationally but are first/second in their provinces.
    assert_eq!(
        (
            get("thanh-son", "2023").rank,
            get("minh-quang", "2023").rank
        ),
        (3, 3)
    );
}

#[test]
fn every_figure_of_the_json_carries_the_oracles_ranks() {
    let expected = oracle();
    let mut checked = 0;
    for (code, slug) in SLUGS {
        let text = read(&format!("data/communes/{slug}.json"));
        let j: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(j["code"], code);
        for (indicator, figures) in j["indicators"].as_object().unwrap() {
            for f in figures.as_array().unwrap() {
                let year = f["edition"].as_str().unwrap().to_owned();
                let e = &expected[&(slug.to_owned(), indicator.clone(), year.clone())];
                let got = (
                    f["rank"].as_u64().unwrap(),
                    f["of"].as_u64().unwrap(),
                    f["parent"].as_str().unwrap(),
                    f["parent_rank"].as_u64().unwrap(),
                    f["parent_of"].as_u64().unwrap(),
                );
                assert_eq!(
                    got,
                    (e.rank, e.of, e.parent.as_str(), e.parent_rank, e.parent_of),
                    "{slug} {indicator} {year}"
                );
                checked += 1;
            }
        }
        assert_eq!(
            j["parent"],
            expected[&(slug.to_owned(), "dti".into(), "2024".into())].parent
        );
    }
    assert_eq!(checked, 12 * 4 * 2);
    // A parent's JSON names its communes and has no figures of its own.
    let p: serde_json::Value = serde_json::from_str(&read("data/communes/phu-tho.json")).unwrap();
    assert_eq!(p["children"].as_array().unwrap().len(), 6);
    assert!(p["indicators"].as_object().unwrap().is_empty());
}

#[test]
fn urls_follow_the_units_table_of_site_toml() {
    for (_, slug) in SLUGS {
        for rel in [
            format!("xa/{slug}/index.html"),
            format!("xa/{slug}/2023/index.html"),
            format!("xa/{slug}/2024/index.html"),
            format!("en/commune/{slug}/2024/index.html"),
        ] {
            assert!(site().join(&rel).is_file(), "missing {rel}");
        }
        assert!(
            !site().join(format!("tinh/{slug}")).exists(),
            "a commune under /tinh/"
        );
    }
    for rel in [
        "xa/index.html",
        "tinh/phu-tho/index.html",
        "tinh/phu-tho/2023/index.html",
        "tinh/tuyen-quang/2024/index.html",
        "en/province/tuyen-quang/2024/index.html",
        "en/commune/index.html",
    ] {
        assert!(site().join(rel).is_file(), "missing {rel}");
    }
    assert!(!site().join("xa/phu-tho").exists(), "a province under /xa/");
    // Provinces have their own list, in both languages, and their pages lead back to it.
    for rel in ["tinh/index.html", "en/province/index.html"] {
        let text = text_of(&main_of(&read(rel)));
        assert!(
            text.contains("Phú Thọ") || text.contains("Phu Tho"),
            "{rel}: {text}"
        );
        assert!(
            !text.contains("Tân Lập") && !text.contains("Tan Lap"),
            "{rel}: {text}"
        );
    }
    assert!(
        read("tinh/phu-tho/2024/index.html").contains("href=\"../../../tinh/index.html\">Tỉnh</a>")
    );
    assert!(!site().join("data/provinces").exists());
}

/// The rows of the parent's table: (rank within the province, name, national rank/of).
fn parent_rows(rel: &str) -> Vec<(String, String, String)> {
    let main = main_of(&read(rel));
    let start = main
        .find("class=\"plain children\"")
        .expect("the units table");
    let table = &main[start..main[start..].find("</table>").unwrap() + start];
    table
        .split("<tr>")
        .skip(2)
        .map(|tr| {
            let cells: Vec<String> = tr
                .split("</t")
                .map(text_of)
                .filter(|c| !c.is_empty() && c != "d" && c != "h")
                .map(|c| {
                    c.trim_start_matches("d ")
                        .trim_start_matches("h ")
                        .to_owned()
                })
                .collect();
            (
                cells[0].clone(),
                cells[1].clone(),
                cells[3].split(' ').next().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn a_province_page_ranks_its_communes_like_the_oracle() {
    let expected = oracle();
    let names: BTreeMap<&str, &str> = [
        ("tan-lap-phu-tho", "Tân Lập"),
        ("thanh-son", "Thanh Sơn"),
        ("ha-hoa", "Hạ Hòa"),
        ("doan-hung", "Đoan Hùng"),
        ("cam-khe", "Cẩm Khê"),
        ("phong-chau", "Phong Châu"),
        ("tan-lap-tuyen-quang", "Tân Lập"),
        ("minh-quang", "Minh Quang"),
        ("chiem-hoa", "Chiêm Hóa"),
        ("ham-yen", "Hàm Yên"),
        ("an-tuong", "An Tường"),
        ("na-hang", "Na Hang"),
    ]
    .into();
    for province in ["phu-tho", "tuyen-quang"] {
        for year in ["2023", "2024"] {
            let rows = parent_rows(&format!("tinh/{province}/{year}/index.html"));
            let mut want: Vec<(u64, u64, &str, String)> = SLUGS
                .iter()
                .map(|(_, s)| (s, &expected[&(s.to_string(), "dti".into(), year.into())]))
                .filter(|(_, e)| e.parent == province)
                .map(|(s, e)| {
                    (
                        e.parent_rank,
                        e.rank,
                        names[s],
                        format!("{}/{}", e.rank, e.of),
                    )
                })
                .collect();
            want.sort_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)));
            let want: Vec<(String, String, String)> = want
                .into_iter()
                .map(|(pr, _, n, r)| (pr.to_string(), n.to_owned(), r))
                .collect();
            let got_ranks: Vec<_> = rows.iter().map(|r| (&r.0, &r.2)).collect();
            let want_ranks: Vec<_> = want.iter().map(|r| (&r.0, &r.2)).collect();
            assert_eq!(got_ranks, want_ranks, "{province} {year}: {rows:?}");
            let mut got_names: Vec<_> = rows.iter().map(|r| r.1.clone()).collect();
            let mut want_names: Vec<_> = want.iter().map(|r| r.1.clone()).collect();
            got_names.sort();
            want_names.sort();
            assert_eq!(got_names, want_names, "{province} {year}");
        }
    }
    // The profile shows the latest edition and links each year's page.
    let main = main_of(&read("tinh/phu-tho/index.html"));
    assert!(
        main.contains("href=\"../../tinh/phu-tho/2023/index.html\"")
            && main.contains("href=\"../../tinh/phu-tho/2024/index.html\"")
    );
    assert!(
        text_of(&main).contains("Xếp hạng các xã, phường của tỉnh 2024"),
        "{}",
        text_of(&main)
    );
}

#[test]
fn a_commune_page_shows_its_rank_in_its_province() {
    let text = text_of(&main_of(&read("xa/tan-lap-tuyen-quang/2024/index.html")));
    assert!(text.contains("Hạng trong Tuyên Quang 3 /6"), "{text}");
    let main = main_of(&read("xa/tan-lap-phu-tho/index.html"));
    assert!(
        text_of(&main).contains("Hạng trong Phú Thọ 4 /6 DTI 2024"),
        "{}",
        text_of(&main)
    );
    assert!(
        main.contains("href=\"../../tinh/phu-tho/2024/index.html\""),
        "links the province's ranking"
    );
    // Breadcrumbs lead to the province.
    let page = read("xa/tan-lap-phu-tho/2024/index.html");
    assert!(page.contains("href=\"../../../tinh/phu-tho/index.html\""));
    let en = text_of(&main_of(&read(
        "en/commune/tan-lap-phu-tho/2024/index.html",
    )));
    assert!(en.contains("Rank in Phu Tho 4 /6"), "{en}");
}

#[test]
fn the_ranking_is_read_per_province_and_names_each_communes_province() {
    let main = main_of(&read("xep-hang/2024/index.html"));
    assert!(
        text_of(&main).contains("Xếp hạng theo tỉnh Phú Thọ Tuyên Quang"),
        "{}",
        text_of(&main)
    );
    assert!(main.contains("href=\"../../tinh/phu-tho/2024/index.html\""));
    assert!(main.contains("href=\"../../tinh/tuyen-quang/2024/index.html\""));
    // The two communes named Tân Lập are told apart by their province.
    let text = text_of(&main);
    assert!(
        text.contains("Tân Lập Phú Thọ") && text.contains("Tân Lập Tuyên Quang"),
        "{text}"
    );
}

#[test]
fn units_are_listed_under_their_province_and_every_link_resolves() {
    let text = text_of(&main_of(&read("xa/index.html")));
    assert!(
        text.contains("12 xã, phường"),
        "the provinces are not counted: {text}"
    );
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} in {text}"));
    assert!(
        at("Phú Thọ") < at("Cẩm Khê") && at("Cẩm Khê") < at("Đoan Hùng"),
        "Vietnamese order under the province"
    );
    assert!(at("Đoan Hùng") < at("Tuyên Quang") && at("Tuyên Quang") < at("An Tường"));
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(site())
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("html") || path.ends_with("404.html") {
            continue;
        }
        let html = std::fs::read_to_string(path).unwrap();
        for link in links_of(&html) {
            if link.starts_with("http") || link.starts_with('#') || link.starts_with("mailto:") {
                continue;
            }
            let target = link.split('#').next().unwrap();
            assert!(
                path.parent().unwrap().join(target).is_file(),
                "{}: broken link {link}",
                path.display()
            );
            checked += 1;
        }
    }
    assert!(checked > 1_000, "only {checked} links checked");
}

#[test]
fn namesakes_are_told_apart_in_commentary_search_and_lists() {
    // `commentary/xa/<slug>.md` (the folder named like the pages) reaches only its own commune.
    assert!(read("xa/tan-lap-phu-tho/index.html").contains("không nhầm với xã cùng tên"));
    assert!(!read("xa/tan-lap-tuyen-quang/index.html").contains("không nhầm với xã cùng tên"));
    assert!(read("xa/tan-lap-tuyen-quang/2024/index.html").contains("xếp thứ 3 trong 6 xã"));
    // The search index names each commune's province.
    let search = read("search/vi.js");
    for (slug, province) in [
        ("tan-lap-phu-tho", "Phú Thọ"),
        ("tan-lap-tuyen-quang", "Tuyên Quang"),
    ] {
        let entry =
            format!("\"t\":\"Tân Lập\",\"u\":\"xa/{slug}/index.html\",\"d\":\"{province}\"");
        assert!(search.contains(&entry), "{entry} in {search}");
    }
    // The home page's list too.
    let home = text_of(&main_of(&read("index.html")));
    assert!(
        home.contains("Tân Lập (Phú Thọ)") && home.contains("Tân Lập (Tuyên Quang)"),
        "{home}"
    );
}

#[test]
fn a_commune_year_page_ranks_every_indicator_within_its_province() {
    let expected = oracle();
    let names = [
        ("dti", "Chỉ số chuyển đổi số cấp xã"),
        ("chinh-quyen-so", "Chính quyền số"),
        ("kinh-te-so", "Kinh tế số"),
        ("xa-hoi-so", "Xã hội số"),
    ];
    for year in ["2023", "2024"] {
        let mut rdr =
            csv::Reader::from_path(example().join(format!("content/data/{year}.csv"))).unwrap();
        let headers: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
        for row in rdr.records() {
            let row = row.unwrap();
            let slug = SLUGS.iter().find(|(c, _)| *c == &row[0]).unwrap().1;
            let text = text_of(&main_of(&read(&format!("xa/{slug}/{year}/index.html"))));
            for (col, code) in headers.iter().enumerate().skip(1) {
                let e = &expected[&(slug.to_owned(), code.clone(), year.to_owned())];
                let name = names.iter().find(|(c, _)| c == code).unwrap().1;
                let line = format!(
                    "{name} {} {}/{} {}/{}",
                    row[col].replace('.', ","),
                    e.rank,
                    e.of,
                    e.parent_rank,
                    e.parent_of
                );
                assert!(text.contains(&line), "{slug} {year}: `{line}` in {text}");
            }
        }
    }
}

#[test]
fn chiso_check_passes_on_the_example() {
    let outcome = chiso::check::run(&chiso::site::Options {
        root: example(),
        output: None,
        base_url: None,
        cache: Some(PathBuf::new()),
    });
    assert!(
        outcome.diagnostics.is_empty(),
        "{}",
        outcome.diagnostics.render()
    );
    assert_eq!(outcome.pages, 122, "pages of both languages");
    assert!(outcome.links > 3_000, "{}", outcome.links);
}

#[test]
fn profiles_and_year_files_carry_ranks_within_the_province() {
    let expected = oracle();
    for (_, slug) in SLUGS {
        let text = text_of(&main_of(&read(&format!("xa/{slug}/index.html"))));
        for year in ["2023", "2024"] {
            let e = &expected[&(slug.to_owned(), "dti".into(), year.to_owned())];
            let cell = format!("Hạng {}/{}", e.rank, e.of);
            let within = format!("Hạng trong tỉnh {}/{}", e.parent_rank, e.parent_of);
            assert!(
                text.contains(&cell) && text.contains(&within),
                "{slug} {year}: {within} in {text}"
            );
        }
    }
    let year: serde_json::Value = serde_json::from_str(&read("data/years/2024.json")).unwrap();
    for r in year["indicators"]["dti"]["ranking"].as_array().unwrap() {
        let slug = r["slug"].as_str().unwrap();
        let e = &expected[&(slug.to_owned(), "dti".into(), "2024".into())];
        assert_eq!(
            (r["parent"].as_str(), r["parent_rank"].as_u64()),
            (Some(e.parent.as_str()), Some(e.parent_rank)),
            "{slug}"
        );
    }
}
