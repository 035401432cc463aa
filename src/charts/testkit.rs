//! Test helpers shared by the chart tests: the accessibility contract every
//! chart must meet, element queries, and realistic DTI inputs.

use roxmltree::{Document, Node};

use super::{Chart, HistoryInput, RankingBarsInput, RankingRow, YearPoint};

/// Checks what every chart promises, returning the parsed document's text
/// for further queries: XML that parses, `role="img"`, `<title>` and
/// `<desc>` as the first two element children named by `aria-labelledby`,
/// a viewBox and no fixed size, and title and desc matching the fields.
pub(crate) fn check_contract(chart: &Chart, id: &str) {
    let doc = Document::parse(&chart.svg).unwrap_or_else(|e| panic!("{e}\n{}", chart.svg));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("role"), Some("img"));
    assert!(root.attribute("viewBox").is_some());
    assert!(root.attribute("width").is_none() && root.attribute("height").is_none());
    let kids: Vec<Node> = root.children().filter(Node::is_element).collect();
    assert_eq!(kids[0].tag_name().name(), "title");
    assert_eq!(kids[1].tag_name().name(), "desc");
    let (tid, did) = (format!("{id}-title"), format!("{id}-desc"));
    assert_eq!(kids[0].attribute("id"), Some(tid.as_str()));
    assert_eq!(kids[1].attribute("id"), Some(did.as_str()));
    assert_eq!(
        root.attribute("aria-labelledby"),
        Some(format!("{tid} {did}").as_str())
    );
    assert_eq!(kids[0].text(), Some(chart.title.as_str()));
    assert_eq!(kids[1].text(), Some(chart.desc.as_str()));
    assert!(!chart.desc.is_empty() && !chart.title.is_empty());
    // Every text is readable on a phone: at least 12 px at natural width.
    for t in doc.descendants().filter(|n| n.has_tag_name("text")) {
        let size: f64 = inherited(t, "font-size").unwrap().parse().unwrap();
        assert!(size >= 12.0, "font-size {size} of {:?}", t.text());
    }
}

/// The elements of `svg` with `tag` whose class list holds `class`, as
/// (attribute, value) lists, for assertions without lifetimes.
pub(crate) fn elements(svg: &str, tag: &str, class: &str) -> Vec<Vec<(String, String)>> {
    let doc = Document::parse(svg).expect("valid SVG");
    doc.descendants()
        .filter(|n| n.has_tag_name(tag))
        .filter(|n| {
            n.attribute("class")
                .is_some_and(|c| c.split(' ').any(|c| c == class))
        })
        .map(|n| {
            let mut attrs: Vec<(String, String)> = n
                .attributes()
                .map(|a| (a.name().to_owned(), a.value().to_owned()))
                .collect();
            // What the element shows but does not write: inherited from the root, or SVG's
            // default (see `backend::lean`).
            for name in ["font-size", "fill", "font-family", "text-anchor"] {
                if n.attribute(name).is_none() {
                    let value = inherited(n, name).unwrap_or(match name {
                        "text-anchor" => "start",
                        _ => "",
                    });
                    attrs.push((name.to_owned(), value.to_owned()));
                }
            }
            if n.attribute("stroke").is_none() {
                attrs.push(("stroke".to_owned(), "none".to_owned()));
            }
            attrs
        })
        .collect()
}

/// The value of a presentation attribute on `n` or the nearest ancestor that sets it.
fn inherited<'a>(n: Node<'a, 'a>, name: &str) -> Option<&'a str> {
    n.ancestors().find_map(|a| a.attribute(name))
}

/// One attribute of an element from [`elements`].
pub(crate) fn attr<'a>(element: &'a [(String, String)], name: &str) -> &'a str {
    element
        .iter()
        .find(|(n, _)| n == name)
        .map_or("", |(_, v)| v.as_str())
}

/// The same attribute as a number.
pub(crate) fn num(element: &[(String, String)], name: &str) -> f64 {
    attr(element, name).parse().unwrap_or(f64::NAN)
}

/// All text content of the SVG's `<text>` elements, trimmed.
pub(crate) fn texts(svg: &str) -> Vec<String> {
    let doc = Document::parse(svg).expect("valid SVG");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").trim().to_owned())
        .collect()
}

/// CSV rows without the header.
pub(crate) fn csv_rows(csv: &str) -> Vec<Vec<String>> {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// Ninh Thuận's published DTI history: 2020 ranked 63rd without a value,
/// then 2021–2024; national means and the 2023 range as published.
pub(crate) fn ninh_thuan() -> HistoryInput {
    let p = |label: &str, value, rank, mean, min, max| YearPoint {
        label: label.to_owned(),
        year: label[..4].parse().unwrap_or(0),
        value,
        rank,
        mean,
        min,
        max,
        ..YearPoint::default()
    };
    HistoryInput {
        id: "ninh-thuan-dti".into(),
        value_summary: "Giá trị DTI của Ninh Thuận qua 5 năm.".into(),
        rank_summary: "Hạng DTI của Ninh Thuận qua 5 năm.".into(),
        unit: "Ninh Thuận".into(),
        measure: "DTI".into(),
        places: 4,
        units: 63,
        beside: Default::default(),
        points: vec![
            p("2020", None, Some(63), None, None, None),
            p("2021", Some(0.3048), Some(53), None, None, None),
            p("2022", Some(0.5934), Some(27), Some(0.5787), None, None),
            p(
                "2023",
                Some(0.6552),
                Some(48),
                Some(0.6783),
                Some(0.5208),
                Some(0.8340),
            ),
            p(
                "2024 (63 tỉnh)",
                Some(0.7063),
                Some(35),
                Some(0.6961),
                None,
                None,
            ),
        ],
        marks: super::MarkWords {
            derived: "†".into(),
            derived_point: "Giá trị suy ra".into(),
            published: "*".into(),
            published_line: "Trung bình cả nước (số liệu công bố)".into(),
        },
    }
}

/// Writes `chart` as `<dir>/<name>.svg` and an HTML page showing it at 800
/// and 360 px wide, when `CHISO_CHART_PREVIEW=<dir>` is set; a no-op
/// otherwise, so `cargo test` writes nothing outside the target folder.
pub(crate) fn preview(name: &str, chart: &Chart) {
    let Ok(dir) = std::env::var("CHISO_CHART_PREVIEW") else {
        return;
    };
    let dir = std::path::Path::new(&dir);
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join(format!("{name}.svg")), &chart.svg).unwrap();
    std::fs::write(dir.join(format!("{name}.csv")), &chart.csv).unwrap();
    let html = format!(
        "<!doctype html><meta charset=utf-8><style>body{{margin:0;font-family:sans-serif}}\
         div{{border:1px dashed #ccc;margin:4px}}svg{{display:block;width:100%;height:auto}}</style>\
         <p>{desc}</p><div style=\"width:800px\">{svg}</div><div style=\"width:360px\">{svg}</div>",
        desc = chart.desc,
        svg = chart.svg.replace("id=\"", "data-id=\""),
    );
    std::fs::write(dir.join(format!("{name}.html")), html).unwrap();
}

/// The bundled 2023 table: the 63 provinces' DTI with names and regions
/// from `content/`, ranked (standard competition ranking), mean 0.6783,
/// Ninh Thuận highlighted.
pub(crate) fn real_2023() -> RankingBarsInput {
    real_table("2023")
}

/// A bundled 63-province table (2022, 2023 or 2024) as [`real_2023`].
pub(crate) fn real_table(year: &str) -> RankingBarsInput {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let read = |name: &str| {
        let mut r = csv::Reader::from_path(root.join(name)).unwrap();
        let header: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
        let rows: Vec<Vec<String>> = r
            .records()
            .map(|x| x.unwrap().iter().map(str::to_owned).collect())
            .collect();
        (header, rows)
    };
    let col = |h: &[String], name: &str| h.iter().position(|c| c == name).unwrap();
    let (uh, units) = read("units.csv");
    let (dh, data) = read(&format!("data/{year}.csv"));
    let mut regions: Vec<String> = Vec::new();
    let mut rows: Vec<RankingRow> = data
        .iter()
        .map(|d| {
            let code = &d[col(&dh, "code")];
            // 2023 codes are those valid before the 2025 merger.
            let u = units
                .iter()
                .find(|u| &u[col(&uh, "code")] == code && u[col(&uh, "valid_from")].is_empty())
                .unwrap();
            let region = u[col(&uh, "region")].clone();
            let idx = regions
                .iter()
                .position(|r| *r == region)
                .unwrap_or_else(|| {
                    regions.push(region);
                    regions.len() - 1
                });
            RankingRow {
                name: u[col(&uh, "name_vi")].clone(),
                value: Some(d[col(&dh, "dti")].parse().unwrap()),
                rank: None,
                region: idx,
                ..RankingRow::default()
            }
        })
        .collect();
    let values: Vec<f64> = rows.iter().filter_map(|r| r.value).collect();
    for r in &mut rows {
        let v = r.value.unwrap();
        r.rank = Some(1 + values.iter().filter(|&&x| x > v).count() as u32);
    }
    RankingBarsInput {
        id: format!("xep-hang-{year}"),
        measure: "DTI".into(),
        edition: year.into(),
        places: 4,
        regions,
        mean: Some(0.6783),
        highlight: Some("Ninh Thuận".into()),
        rows,
        summary: format!("Năm {year}: bảng đầy đủ."),
        ..RankingBarsInput::default()
    }
}

/// Khánh Hòa's eight main indicators (short names) in the 34-province
/// table of 2024, with made-up means (none were published per indicator)
/// and two holes: no value for "ATTT mạng", no mean for "HĐ xã hội số".
pub(crate) const KHANH_HOA: [(&str, Option<f64>, Option<f64>); 8] = [
    ("Nhận thức", Some(0.9000), Some(0.8712)),
    ("Thể chế", Some(1.0000), Some(0.9530)),
    ("Hạ tầng", Some(0.7012), Some(0.6520)),
    ("Nhân lực", Some(0.5210), Some(0.5480)),
    ("ATTT mạng", None, Some(0.7001)),
    ("HĐ chính quyền số", Some(0.4433), Some(0.4610)),
    ("HĐ kinh tế số", Some(0.6120), Some(0.6402)),
    ("HĐ xã hội số", Some(0.5560), None),
];
