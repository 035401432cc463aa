//! A province's history across unit sets, on the history fixture (`tests/fixtures/history`):
//! six provinces until a 2025 merger (Hà Giang into Tuyên Quang), five after; an edition gap
//! (2020, then 2022); scattered official ranks (2023); two unit sets in 2024 ("2024 (6 tỉnh)"
//! and "2024 (5 tỉnh)"); main indicators under a group with no figure of its own. Asserted: the
//! rank neighbours, the indicator tree, the side-by-side figures of one year in two sets (table
//! and charts, never one line joining them), year axes proportional to time, and the headline
//! of each kind of province page.

mod common;

use std::path::Path;
use std::sync::OnceLock;

use common::{main_of, text_of};

/// The fixture copied to a temp dir and built once for every test of this file.
fn site() -> &'static Path {
    static SITE: OnceLock<tempfile::TempDir> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/history");
        for entry in walkdir::WalkDir::new(&from)
            .into_iter()
            .filter_map(Result::ok)
        {
            let to = dir.path().join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
        chiso::site::build(&chiso::site::Options {
            root: dir.path().to_path_buf(),
            output: None,
            base_url: None,
            cache: None,
        })
        .unwrap_or_else(|d| panic!("build failed:\n{d}"));
        dir
    })
    .path()
}

fn page(rel: &str) -> String {
    std::fs::read_to_string(site().join("output").join(rel))
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The part of `html` from the element with `id` to the end of the first `end` after it.
fn section<'a>(html: &'a str, id: &str, end: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id}"));
    let stop = start + html[start..].find(end).unwrap_or(html.len() - start);
    &html[start..stop]
}

/// The rows of the first table after `id`: each row's cells as text.
fn table_rows(html: &str, id: &str) -> Vec<String> {
    section(html, id, "</table>")
        .split("<tr")
        .skip(1)
        .map(|r| text_of(&format!("<tr{r}")))
        .collect()
}

#[test]
fn neighbours_are_the_units_ranked_next_to_it_in_one_named_edition() {
    // 2024 (6 tỉnh): Lào Cai is 4th of 6: 2nd, 3rd above, 5th, 6th below, the heading says so.
    let html = main_of(&page("tinh/lao-cai/2024/index.html"));
    let heading = text_of(section(&html, "nb-h", "</h2>"));
    assert!(
        heading.ends_with("Các tỉnh liền kề trên bảng xếp hạng DTI 2024 (6 tỉnh)"),
        "{heading}"
    );
    let rows = table_rows(&html, "nb-h");
    let names: Vec<&str> = ["Đà Nẵng", "Khánh Hòa", "Lào Cai", "Tuyên Quang", "Hà Giang"].into();
    assert_eq!(rows.len(), 1 + names.len(), "{rows:#?}");
    for (row, name) in rows[1..].iter().zip(&names) {
        assert!(row.contains(name), "{row} / {name}");
    }
    // The same year in the other unit set is another edition, with its own neighbours.
    let html = main_of(&page("tinh/lao-cai/2024-5/index.html"));
    assert!(text_of(section(&html, "nb-h", "</h2>")).contains("DTI 2024 (5 tỉnh)"));
    let rows = table_rows(&html, "nb-h");
    assert!(!rows.iter().any(|r| r.contains("Hà Giang")), "{rows:#?}");
    // 2023 has scattered official ranks (1, 2, 5, 6): Tuyên Quang (5th) has only Khánh Hòa (6th)
    // beside it; the leaders, 3 and 4 places away, are not its neighbours, and the page says why.
    let html = main_of(&page("tinh/tuyen-quang/2023/index.html"));
    let rows = table_rows(&html, "nb-h");
    assert_eq!(rows.len(), 3, "{rows:#?}");
    assert!(rows[1].contains("Tuyên Quang") && rows[2].contains("Khánh Hòa"));
    assert!(text_of(section(&html, "nb-h", "</table>")).contains(
        "Năm này chỉ một số tỉnh, thành phố có thứ hạng được công bố; chỉ nêu các tỉnh có hạng cách không quá 2 bậc."
    ));
    // In English, in the page's language.
    let html = main_of(&page("en/province/tuyen-quang/2023/index.html"));
    assert!(
        text_of(section(&html, "nb-h", "</table>"))
            .contains("Neighbours in the DTI ranking 2023 Only some provinces have a published rank this year; only those within 2 places are shown.")
    );
}

#[test]
fn indicator_tables_follow_the_tree_with_groups_as_headings() {
    // The group (no figure of its own) heads its main indicators, one level deeper; the main
    // indicators are not shown under the pillar listed before them.
    let html = main_of(&page("tinh/lao-cai/index.html"));
    let body = section(&html, "hist-h", "</table>");
    let order: Vec<(&str, &str)> = [
        "Chỉ số chuyển đổi số",
        "Nhóm nền tảng",
        "Hạ tầng số",
        "Nhân lực số",
    ]
    .iter()
    .map(|name| {
        let at = body
            .find(&format!(">{name}<"))
            .unwrap_or_else(|| panic!("{name}"));
        let tr = body[..at].rfind("<tr class=\"").unwrap();
        let class = &body[tr + 11..tr + 11 + body[tr + 11..].find('"').unwrap()];
        (*name, class)
    })
    .collect();
    assert_eq!(
        order.iter().map(|(_, c)| *c).collect::<Vec<_>>(),
        ["depth-0", "depth-1 group", "depth-2", "depth-2"],
        "{order:?}"
    );
    let at = |name: &str| body.find(&format!(">{name}<")).unwrap();
    assert!(at("Chỉ số chuyển đổi số") < at("Nhóm nền tảng"));
    assert!(at("Nhóm nền tảng") < at("Hạ tầng số") && at("Hạ tầng số") < at("Nhân lực số"));
    // The pillar with a figure in 2023 (Hà Nội only) is not on Lào Cai's page; on Hà Nội's it
    // is a sibling of the group, not the parent of the main indicators.
    assert!(!body.contains(">Xã hội số<"));
    let html = main_of(&page("tinh/ha-noi/index.html"));
    let body = section(&html, "hist-h", "</table>");
    let pillar = body.find(">Xã hội số<").unwrap();
    assert!(pillar < body.find(">Nhóm nền tảng<").unwrap());
    // The same on a province's page of one edition, and on the list of indicators.
    let html = main_of(&page("tinh/lao-cai/2024/index.html"));
    assert!(html.contains("<tr class=\"depth-1 group\"><th scope=\"row\">"));
    let list = main_of(&page("chi-so/index.html"));
    let items: Vec<&str> = list
        .split("<li class=\"")
        .skip(1)
        .map(|li| &li[..li.find('"').unwrap()])
        .collect();
    assert_eq!(
        items,
        ["depth-0", "depth-1", "depth-1", "depth-2", "depth-2"]
    );
    let pos = |name: &str| list.find(&format!(">{name}<")).unwrap();
    assert!(pos("Xã hội số") < pos("Nhóm nền tảng") && pos("Nhóm nền tảng") < pos("Hạ tầng số"));
}
