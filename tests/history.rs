//! A province's history across unit sets, on the history fixture (`tests/fixtures/history`):
//! six provinces until a 2025 merger (Hà Giang into Tuyên Quang), five after; an edition gap
//! (2020, then 2022); scattered official ranks (2023); two unit sets in 2024 ("2024 (6 tỉnh)"
//! and "2024 (5 tỉnh)"); main indicators under a group with no figure of its own. Asserted: the
//! rank neighbours, the indicator tree, the side-by-side figures of one year in two sets (table
//! and charts, never one line joining them), year axes proportional to time, and the headline
//! of each kind of province page.

use crate::common;

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

/// The SVG of figure `id` on a page (the wide drawing, the first one).
fn svg<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("aria-labelledby=\"{id}-title"))
        .unwrap_or_else(|| panic!("no chart {id}"));
    let start = html[..start].rfind("<svg").unwrap();
    &html[start..start + html[start..].find("</svg>").unwrap()]
}

/// The lines of an SVG that are elements `<tag class="class"`, as (attribute → value) maps.
fn elements(svg: &str, tag: &str, class: &str) -> Vec<std::collections::BTreeMap<String, String>> {
    let open = format!("<{tag} class=\"{class}\"");
    svg.lines()
        .filter(|l| l.starts_with(&open))
        .map(|l| {
            l.split("\" ")
                .filter_map(|kv| {
                    let (k, v) = kv.split_once("=\"")?;
                    Some((
                        k.rsplit(' ').next()?.to_owned(),
                        v.trim_end_matches("\"/>").to_owned(),
                    ))
                })
                .collect()
        })
        .collect()
}

fn num(m: &std::collections::BTreeMap<String, String>, k: &str) -> i32 {
    m[k].parse().unwrap_or_else(|_| panic!("{k} in {m:?}"))
}

#[test]
fn one_year_in_two_unit_sets_is_shown_side_by_side_never_joined() {
    // Tuyên Quang (absorbed Hà Giang in 2025): its series runs in the six-province set; its
    // 2024 figure in the five-province set is a separate square beside 2024, named in the legend.
    let html = page("tinh/tuyen-quang/index.html");
    let value = svg(&html, "gia-tri");
    let points = elements(value, "circle", "point");
    let editions: Vec<&str> = points.iter().map(|p| p["data-edition"].as_str()).collect();
    assert_eq!(editions, ["2020", "2022", "2023", "2024 (6 tỉnh)"]);
    let beside = elements(value, "rect", "beside");
    assert!(!beside.is_empty(), "no mark of the other set");
    assert!(
        beside
            .iter()
            .all(|b| b["data-edition"] == "2024 (5 tỉnh)" && b["data-value"] == "0.55")
    );
    assert!(
        value.contains(">Tuyên Quang, 2024 (5 tỉnh)<"),
        "legend names the other set"
    );
    // No line reaches the square: the series' lines join only its own points.
    let square_x = num(&beside[0], "x");
    let xs: Vec<i32> = points.iter().map(|p| num(p, "cx")).collect();
    for l in elements(value, "line", "line") {
        let (a, b) = (num(&l, "x1"), num(&l, "x2"));
        assert!(
            xs.contains(&a) && xs.contains(&b) && a.max(b) < square_x,
            "{l:?}"
        );
    }
    assert_eq!(elements(value, "line", "line").len(), 3);
    // Years proportional to time: 2020 → 2022 is twice 2022 → 2023; the 2024 pair shares 2024's
    // slot, one year after 2023.
    let step = xs[2] - xs[1];
    assert_eq!(xs[1] - xs[0], 2 * step, "{xs:?}");
    let pair_centre = (xs[3] + square_x + 6) / 2;
    assert!((pair_centre - xs[2] - step).abs() <= 2, "{xs:?} {square_x}");
    // The rank chart: the other set's rank is labelled of its own units, not joined either.
    let rank = svg(&html, "thu-hang");
    assert!(
        elements(rank, "rect", "beside")
            .iter()
            .all(|b| b["data-rank"] == "5")
    );
    assert!(rank.contains(">5/5<"));
    // Last of five stands at the bottom of the six-province axis, below 5th of six (not level
    // with it, as if the standing were the same).
    let square = &elements(rank, "rect", "beside")[0];
    let square_y = num(square, "y") + num(square, "height") / 2;
    let last = elements(rank, "circle", "point")
        .into_iter()
        .find(|p| p["data-edition"] == "2024 (6 tỉnh)")
        .unwrap();
    assert!(square_y > num(&last, "cy"), "{square:?} {last:?}");
    assert_eq!(elements(rank, "line", "line").len(), 3);
    // The chart's table lists both 2024 figures, each under its edition.
    let table = text_of(section(&html, "gia-tri-title", "</table>"));
    assert!(
        table.contains("2024 (6 tỉnh) 0,6000") && table.contains("2024 (5 tỉnh) 0,5500"),
        "{table}"
    );
    // The history table: both 2024 columns, labelled, side by side.
    let head = text_of(section(&html, "hist-h", "</thead>"));
    assert!(
        head.ends_with("2020 2022 2023 2024 (6 tỉnh) 2024 (5 tỉnh)"),
        "{head}"
    );
    // A province in one set only (Hà Giang, merged away) has no other-set mark.
    assert!(!page("tinh/ha-giang/index.html").contains("class=\"beside\""));
    // The distribution of an indicator: boxes on a time axis, the 2024 pair in one slot.
    let dist = page("chi-so/dti/index.html");
    let boxes = elements(svg(&dist, "phan-bo"), "rect", "box");
    let at: Vec<(String, i32)> = boxes
        .iter()
        .map(|b| (b["data-edition"].clone(), num(b, "x")))
        .collect();
    assert_eq!(at.len(), 4, "{at:?}");
    // 2020, 2022 (no complete 2023), and the 2024 pair around 2024: two years apart each.
    let (w, x) = (num(&boxes[0], "width"), |i: usize| {
        at[i].1 + num(&boxes[i], "width") / 2
    });
    assert!(w > 0);
    let pair = (x(2) + x(3)) / 2;
    assert!((pair - x(1) - (x(1) - x(0))).abs() <= 2, "{at:?}");
    assert!(x(3) - x(2) < x(1) - x(0), "{at:?}");
    // Boxes of one slot never overlap, even on a phone.
    let narrow = &dist[dist.find("chart-narrow").unwrap()..];
    let small = elements(svg(narrow, "phan-bo"), "rect", "box");
    assert!(
        num(&small[2], "x") + num(&small[2], "width") <= num(&small[3], "x"),
        "{small:?}"
    );
}

#[test]
fn each_kind_of_province_page_says_what_its_headline_figures_are() {
    let head = |rel: &str| {
        let html = main_of(&page(rel));
        let end = html.find("class=\"charts\"").unwrap_or(html.len());
        text_of(&html[..end]).replace("&#39;", "'")
    };
    // Merged successor: the merged unit's figure, and its own figure before the merger beside
    // it, each labelled, and a sentence saying which is which.
    let tq = head("tinh/tuyen-quang/index.html");
    assert!(
        tq.contains("DTI 2024 (5 tỉnh) 0,5500 Xếp hạng 5 /5"),
        "{tq}"
    );
    assert!(tq.contains("DTI 2024 (6 tỉnh) 0,6000 Hạng 5/6"), "{tq}");
    assert!(tq.contains("Số liệu 2024 (5 tỉnh) là của Tuyên Quang sau sắp xếp, gồm cả Hà Giang; số liệu 2024 (6 tỉnh) và của các năm trước là của Tuyên Quang trước sắp xếp."), "{tq}");
    // Merged away: its own latest figure (the six-province set) heads the page; the successor's
    // figure is said as the successor's, with a link.
    let hg = head("tinh/ha-giang/index.html");
    assert!(hg.contains("Đã sáp nhập vào Tuyên Quang (từ ngày 01/07/2025). DTI 2024 (5 tỉnh) của Tuyên Quang: 0,5500, hạng 5/5. DTI 2024 (6 tỉnh) 0,5000 Xếp hạng 6 /6"), "{hg}");
    assert!(
        main_of(&page("tinh/ha-giang/index.html"))
            .contains("href=\"../../tinh/tuyen-quang/index.html\">Tuyên Quang</a>")
    );
    // Unchanged: both sets of its last year, each ranked within its own set.
    let lc = head("tinh/lao-cai/index.html");
    assert!(lc.contains("DTI 2024 (5 tỉnh) 0,6200 Xếp hạng 4 /5 DTI 2024 (6 tỉnh) 0,6200 Hạng 4/6 Lào Cai có số liệu năm này theo hai bộ đơn vị: 2024 (5 tỉnh) và 2024 (6 tỉnh); mỗi thứ hạng tính trong bộ của nó, không so sánh như thay đổi qua thời gian."), "{lc}");
    // In English.
    let en = head("en/province/ha-giang/index.html");
    assert!(
        en.contains("Tuyen Quang's DTI 2024 (5 provinces): 0.5500, rank 5 of 5."),
        "{en}"
    );
}

#[test]
fn indicator_pages_name_the_groups_of_main_indicators() {
    // The index's "Gồm" (consists of) lists its pillar, then the group (no page of its own) as
    // a heading with its main indicators under it: no level of the tree is hidden.
    let html = main_of(&page("chi-so/dti/index.html"));
    let body = section(&html, "ch-h", "</section>");
    let at = |s: &str| body.find(s).unwrap_or_else(|| panic!("{s} in {body}"));
    assert!(
        at(">Xã hội số</a>") < at("<h3>Nhóm nền tảng</h3>"),
        "{body}"
    );
    assert!(
        at("<h3>Nhóm nền tảng</h3>")
            < at("href=\"../../chi-so/ha-tang-so/index.html\">Hạ tầng số</a>")
            && at(">Hạ tầng số</a>") < at(">Nhân lực số</a>"),
        "{body}"
    );
    // A main indicator names its group, then links to the index above it.
    let html = main_of(&page("chi-so/ha-tang-so/index.html"));
    assert!(
        html.contains(
            "<dt>Thuộc</dt><dd>Nhóm nền tảng</dd><dd><a href=\"../../chi-so/dti/index.html\">"
        ),
        "{html}"
    );
    let html = main_of(&page("en/indicator/dti/index.html"));
    assert!(html.contains("<h3>Foundations</h3>"), "{html}");
}

#[test]
fn the_citation_gives_the_years_of_data_as_a_range() {
    let html = page("tinh/lao-cai/index.html");
    assert!(
        html.contains("Số liệu năm 2020–2024."),
        "a range, not 2020/2024"
    );
}
