//! Tests on the bundled boundary files and the maps drawn from them.

use std::path::{Path, PathBuf};

use super::*;
use crate::text::Lang;

fn content(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("content")
        .join(rel)
}

fn map63() -> Boundaries {
    load(&content("maps/vn_provinces_63.topojson"), None).expect("63-province map loads")
}

fn map34() -> Boundaries {
    load(&content("maps/vn_provinces_34.geojson"), None).expect("34-province map loads")
}

/// Unit codes and names valid on `date` (ISO), from content/units.csv.
fn units_on(date: &str) -> Vec<(String, String, String)> {
    let mut r = csv::Reader::from_path(content("units.csv")).unwrap();
    // Columns by name: units.csv may gain optional columns.
    let h = r.headers().unwrap().clone();
    let col = |name: &str| h.iter().position(|c| c == name).unwrap();
    let (from, to) = (col("valid_from"), col("valid_to"));
    r.records()
        .map(Result::unwrap)
        .filter(|u| {
            (u[from].is_empty() || &u[from] <= date) && (u[to].is_empty() || &u[to] >= date)
        })
        .map(|u| (u[0].to_string(), u[2].to_string(), u[3].to_string()))
        .collect()
}

/// A map input of the `dti` column of a data file, named as on `date`.
fn dti_input(file: &str, date: &str, lang: Lang) -> MapInput {
    let mut r = csv::Reader::from_path(content(file)).unwrap();
    let values: Vec<(String, f64)> = r
        .records()
        .map(Result::unwrap)
        .map(|row| (row[0].to_string(), row[1].parse().unwrap()))
        .collect();
    let units = units_on(date)
        .into_iter()
        .map(|(code, vi, en)| MapUnit {
            value: values.iter().find(|(c, _)| *c == code).map(|(_, v)| *v),
            href: format!("../tinh/{}/", crate::text::slug::slugify(&vi)),
            name: if lang == Lang::Vi { vi } else { en },
            code,
            derived: false,
        })
        .collect();
    MapInput {
        id: "map-dti".into(),
        title: "DTI 2023".into(),
        places: 4,
        units,
        summary: "Cao nhất: Huế (0,7951).".into(),
        derived_legend: String::new(),
        derived_note: String::new(),
    }
}

#[test]
fn bundled_files_load_with_their_codes() {
    let b63 = map63();
    let mut want63: Vec<String> = units_on("2023-12-31").into_iter().map(|u| u.0).collect();
    want63.sort();
    assert_eq!(b63.len(), 63);
    assert_eq!(b63.codes().collect::<Vec<_>>(), want63);

    let b34 = map34();
    let mut want34: Vec<String> = units_on("2025-07-01").into_iter().map(|u| u.0).collect();
    want34.sort();
    assert_eq!(b34.len(), 34);
    assert_eq!(b34.codes().collect::<Vec<_>>(), want34);
    assert!(b63.contains("01") && b34.contains("96") && !b34.contains("02"));
}

#[test]
fn archipelagos_are_kept_east_of_111() {
    for (b, paracel, spratly) in [(map63(), "48", "56"), (map34(), "48", "56")] {
        for (code, a) in [(paracel, &ARCHIPELAGOS[0]), (spratly, &ARCHIPELAGOS[1])] {
            let islands = b.rings(code).into_iter().filter(|r| a.holds(r)).count();
            assert!(
                islands >= 5,
                "{code}: only {islands} islands in {}",
                a.label_en
            );
        }
    }
}

#[test]
fn explicit_code_property_and_errors_name_the_file() {
    let b = load(
        &content("maps/vn_provinces_34.geojson"),
        Some("ma_tinh_moi"),
    )
    .unwrap();
    assert_eq!(b.len(), 34);
    let e = load(&content("maps/vn_provinces_34.geojson"), Some("nope")).unwrap_err();
    assert!(
        e.contains("vn_provinces_34.geojson") && e.contains("`nope`"),
        "{e}"
    );
    let e = load(&content("maps/missing.json"), None).unwrap_err();
    assert!(
        e.contains("missing.json") && e.contains("cannot read"),
        "{e}"
    );
    let e = load(&content("units.csv"), None).unwrap_err();
    assert!(
        e.contains("units.csv") && e.contains("not valid JSON"),
        "{e}"
    );
}

#[test]
fn topojson_quantized_arcs_decode() {
    // A unit square from two arcs, quantized with scale 0.5 and delta-encoded.
    let text = r#"{"type":"Topology","transform":{"scale":[0.5,0.5],"translate":[100,10]},
        "arcs":[[[0,0],[2,0],[0,2]],[[2,2],[-2,0],[0,-2]]],
        "objects":{"o":{"type":"GeometryCollection","geometries":[
            {"type":"Polygon","arcs":[[0,1]],"properties":{"code":7}}]}}}"#;
    let t = read::parse(text, None).unwrap();
    assert_eq!(t.units[0].code, "7");
    let points = simplify::ring_points(&t.arcs, &t.units[0].polygons[0][0]);
    assert_eq!(
        points,
        vec![
            [100.0, 10.0],
            [101.0, 10.0],
            [101.0, 11.0],
            [100.0, 11.0],
            [100.0, 10.0]
        ]
    );
    let e = read::parse(r#"{"type":"Feature"}"#, None).err().unwrap();
    assert!(e.contains("\"Feature\""), "{e}");
}

#[test]
fn map_is_valid_xml_with_one_linked_shape_per_unit() {
    for (b, file, date) in [
        (map63(), "data/2023.csv", "2023-12-31"),
        (map34(), "data/2024-34.csv", "2025-07-01"),
    ] {
        for lang in Lang::ALL {
            let input = dti_input(file, date, lang);
            let map = choropleth(&b, &input, crate::text::Strings::builtin(lang));
            assert!(
                map.svg.len() < 150_000,
                "{file} {lang}: {} bytes",
                map.svg.len()
            );
            let doc = roxmltree::Document::parse(&map.svg).expect("well-formed SVG");
            let root = doc.root_element();
            assert_eq!(root.attribute("role"), Some("group"));
            let first: Vec<&str> = root
                .children()
                .filter(|n| n.is_element())
                .take(2)
                .map(|n| n.tag_name().name())
                .collect();
            assert_eq!(first, ["title", "desc"]);
            assert_eq!(
                root.attribute("aria-labelledby"),
                Some("map-dti-title map-dti-desc")
            );

            let units: Vec<_> = doc
                .descendants()
                .filter(|n| n.attribute("class") == Some("unit"))
                .collect();
            assert_eq!(units.len(), b.len());
            for u in &units {
                let parent = u.parent_element().unwrap();
                assert_eq!(
                    parent.tag_name().name(),
                    "a",
                    "{:?}",
                    u.attribute("data-code")
                );
                assert!(parent.attribute("href").unwrap().starts_with("../tinh/"));
                let tooltip = u.first_element_child().unwrap().text().unwrap();
                assert!(
                    tooltip.contains(": 0") && !tooltip.contains("No data"),
                    "{tooltip}"
                );
            }
            let hoang_sa = if lang == Lang::Vi {
                "Quần đảo Hoàng Sa"
            } else {
                "Hoang Sa Islands"
            };
            let truong_sa = if lang == Lang::Vi {
                "Quần đảo Trường Sa"
            } else {
                "Truong Sa Islands"
            };
            let texts: Vec<&str> = doc.descendants().filter_map(|n| n.text()).collect();
            assert!(
                texts.contains(&hoang_sa) && texts.contains(&truong_sa),
                "{texts:?}"
            );
        }
    }
}

#[test]
fn archipelagos_are_drawn_east_of_111() {
    let b = map63();
    let frame = layout::Frame::fit(&b);
    let x111 = frame.xy([111.0, 16.0])[0];
    let map = choropleth(
        &b,
        &dti_input("data/2023.csv", "2023-12-31", Lang::Vi),
        crate::text::Strings::builtin(Lang::Vi),
    );
    let doc = roxmltree::Document::parse(&map.svg).unwrap();
    for code in ["48", "56"] {
        let d = doc
            .descendants()
            .find(|n| n.attribute("data-code") == Some(code))
            .and_then(|n| n.attribute("d"))
            .unwrap();
        // Absolute moves (in half units) start each ring: some ring of Đà Nẵng and Khánh Hòa starts east of 111°.
        let east = d
            .split('M')
            .skip(1)
            .filter(|ring| ring.split(' ').next().unwrap().parse::<f64>().unwrap() / 2.0 > x111)
            .count();
        assert!(east >= 5, "{code}: {east} rings east of x = {x111}");
    }
}

#[test]
fn legend_and_tooltips_use_the_page_language() {
    let b = map34();
    let mut input = dti_input("data/2024-34.csv", "2025-07-01", Lang::Vi);
    input.units[0].value = None;
    input.units[1].href.clear();
    let vi = choropleth(&b, &input, crate::text::Strings::builtin(Lang::Vi));
    assert!(vi.svg.contains("Hà Nội: Không có số liệu</title>"));
    assert!(vi.svg.contains(">Không có số liệu</text>"));
    assert!(
        vi.svg
            .contains(r##"<g class="units" transform="scale(.5)" stroke="#8a94a1""##)
    );
    // The second unit has no link: its path is not inside an <a>.
    let code = &input.units[1].code;
    assert!(
        vi.svg
            .contains(&format!(r#"</a><path class="unit" data-code="{code}""#))
    );
    assert!(vi.desc.contains("Không có số liệu: Hà Nội."), "{}", vi.desc);
    assert!(vi.desc.contains("Cao nhất: Huế (0,7951)"), "{}", vi.desc);
    let classes = class_breaks(
        &input
            .units
            .iter()
            .filter_map(|u| u.value)
            .collect::<Vec<_>>(),
        5,
    )
    .unwrap();
    assert_eq!(classes.count(), 5);
    for k in 0..5 {
        let label = classes.label(k, Lang::Vi);
        assert!(label.contains(',') && !label.contains('.'), "{label}");
        assert!(vi.svg.contains(&format!(">{label}</text>")), "{label}");
    }
    let en = choropleth(&b, &input, crate::text::Strings::builtin(Lang::En));
    assert!(
        en.svg
            .contains(&format!(">{}</text>", classes.label(0, Lang::En)))
    );
    assert!(en.svg.contains(">No data</text>") && !en.svg.contains("Không"));
    assert!(
        vi.csv
            .starts_with("code,name,value,value_source,class\n01,Hà Nội,,,\n04,"),
        "{}",
        vi.csv
    );
    assert_eq!(vi.csv.lines().count(), 35);
}

#[test]
fn output_is_deterministic() {
    let input = dti_input("data/2023.csv", "2023-12-31", Lang::Vi);
    assert_eq!(
        choropleth(&map63(), &input, crate::text::Strings::builtin(Lang::Vi)),
        choropleth(&map63(), &input, crate::text::Strings::builtin(Lang::Vi))
    );
}

/// Writes the sample maps of the README's preview step as HTML pages (run with
/// `cargo test -- --ignored write_map_previews`; CHISO_PREVIEW_DIR overrides the folder).
#[test]
#[ignore]
fn write_map_previews() {
    let dir = std::env::var_os("CHISO_PREVIEW_DIR").map_or_else(
        || std::env::temp_dir().join("mapcards-preview"),
        PathBuf::from,
    );
    std::fs::create_dir_all(&dir).unwrap();
    let start = std::time::Instant::now();
    let (b63, b34) = (map63(), map34());
    eprintln!("both maps loaded in {} ms", start.elapsed().as_millis());
    let samples = [
        ("map63", b63, "data/2023.csv", "2023-12-31", "DTI 2023"),
        (
            "map34",
            b34,
            "data/2024-34.csv",
            "2025-07-01",
            "DTI 2024 (34 tỉnh)|DTI 2024 (34 provinces)",
        ),
    ];
    for (name, b, file, date, title) in samples {
        for lang in Lang::ALL {
            let mut input = dti_input(file, date, lang);
            let (vi, en) = title.split_once('|').unwrap_or((title, title));
            input.title = if lang == Lang::Vi { vi } else { en }.into();
            let map = choropleth(&b, &input, crate::text::Strings::builtin(lang));
            let page = format!(
                "<!doctype html><html lang=\"{lang}\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{name}</title><body style=\"margin:0;font-family:system-ui,sans-serif\"><div style=\"max-width:760px;margin:auto\">{}</div><p>{}</p></body></html>",
                map.svg, map.desc
            );
            let stem = if lang == Lang::Vi {
                name.to_string()
            } else {
                format!("{name}-en")
            };
            if name == "map63" && lang == Lang::Vi {
                // The same map with a few values removed, to see the "no data" hatching.
                let mut gaps = input.clone();
                for u in gaps.units.iter_mut().step_by(13) {
                    u.value = None;
                }
                let svg = choropleth(&b, &gaps, crate::text::Strings::builtin(lang)).svg;
                std::fs::write(dir.join("map63-gaps.html"), format!("<!doctype html><meta charset=\"utf-8\"><body style=\"margin:0\"><div style=\"max-width:760px\">{svg}</div>")).unwrap();
            }
            std::fs::write(dir.join(format!("{stem}.html")), page).unwrap();
            std::fs::write(dir.join(format!("{stem}.svg")), &map.svg).unwrap();
            eprintln!("{stem}: {:.1} KB", map.svg.len() as f64 / 1024.0);
        }
    }
}

#[test]
fn a_derived_value_is_hatched_outlined_listed_and_in_the_legend() {
    let mut input = dti_input("data/2023.csv", "2023-12-31", Lang::Vi);
    input.derived_legend = "Giá trị suy ra (gạch chéo)".into();
    input.derived_note = "Tô màu theo giá trị suy ra: Trà Vinh (0,7068 †).".into();
    let tv = input.units.iter_mut().find(|u| u.code == "84").unwrap();
    tv.derived = true;
    let m = choropleth(&map63(), &input, crate::text::Strings::builtin(Lang::Vi));
    // One hatched, dashed overlay over Trà Vinh's class colour; its own fill is unchanged.
    let overlay: Vec<&str> = m
        .svg
        .split("<g class=\"derived\"")
        .nth(1)
        .expect("an overlay group")
        .split("</g>")
        .next()
        .unwrap()
        .matches("<path ")
        .collect();
    assert_eq!(overlay.len(), 1);
    assert!(
        m.svg
            .contains(r#"<path data-code="84" fill="url(#map-dti-derived)""#)
    );
    assert!(m.svg.contains(r#"<pattern id="map-dti-derived""#));
    assert!(
        m.svg.contains(">Giá trị suy ra (gạch chéo)</text>"),
        "legend entry"
    );
    assert!(
        m.desc
            .contains("Tô màu theo giá trị suy ra: Trà Vinh (0,7068 †).")
    );
    assert!(m.csv.contains("84,Trà Vinh,0.7068,derived,"), "{}", m.csv);
    assert!(m.csv.contains("48,Đà Nẵng,0.8340,official,"), "{}", m.csv);
    // No derived value: no overlay, no legend entry.
    let plain = choropleth(
        &map63(),
        &dti_input("data/2023.csv", "2023-12-31", Lang::Vi),
        crate::text::Strings::builtin(Lang::Vi),
    );
    assert!(!plain.svg.contains("<g class=\"derived\""));
}

/// The archipelago labels stay on open sea and inside the map at every label size the map's CSS
/// uses (desktop, phone, small phone), on both maps and in both languages: the Hoàng Sa label
/// once covered the coast of Quảng Ngãi on the 34-province map at 360 px.
#[test]
fn archipelago_labels_clear_the_land_at_every_width() {
    for (name, b) in [("63", map63()), ("34", map34())] {
        let frame = layout::Frame::fit(&b);
        // Every land outline (not the archipelagos' islands), as segments in SVG units.
        let mut land: Vec<[[f64; 2]; 2]> = Vec::new();
        for code in b.codes() {
            for ring in b.rings(code) {
                if ARCHIPELAGOS.iter().any(|a| a.holds(&ring)) {
                    continue;
                }
                for w in ring.windows(2) {
                    land.push([frame.xy(w[0]), frame.xy(w[1])]);
                }
            }
        }
        for vi in [true, false] {
            let marks = layout::archipelagos(&b, &frame, vi);
            assert_eq!(marks.len(), 2, "{name}");
            for mark in &marks {
                for size in layout::ARCHIPELAGO_SIZES {
                    let [x0, y0, x1, y1] = layout::label_box(mark, size);
                    assert!(
                        x0 >= 0.0 && x1 <= layout::WIDTH && y0 >= 0.0 && y1 <= frame.height,
                        "{name} map: {:?} at {size} leaves the map: {:?}",
                        mark.label,
                        [x0, y0, x1, y1]
                    );
                    // Sampled every 2 units along each segment: a coast line crossing the
                    // label's box is caught even when no vertex falls inside it.
                    let hit = land.iter().find(|[p, q]| {
                        let n = ((q[0] - p[0]).hypot(q[1] - p[1]) / 2.0).ceil().max(1.0);
                        (0..=n as usize).any(|k| {
                            let t = k as f64 / n;
                            let (x, y) = (p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]));
                            (x0..=x1).contains(&x) && (y0..=y1).contains(&y)
                        })
                    });
                    assert!(
                        hit.is_none(),
                        "{name} map: {:?} at {size} covers land at {:?} (label box {:?})",
                        mark.label,
                        hit,
                        [x0, y0, x1, y1]
                    );
                }
            }
        }
    }
}

/// Scaled up on a small phone from its top right corner, the legend ends above the Hoàng Sa box
/// and label, even with seven rows (five classes, no data, derived): on the 2021 map it once
/// covered the islands at 360 px.
#[test]
fn the_phone_legend_ends_above_the_archipelagos() {
    for (name, b) in [("63", map63()), ("34", map34())] {
        let file = if name == "63" {
            "data/2023.csv"
        } else {
            "data/2024-34.csv"
        };
        let date = if name == "63" {
            "2023-12-31"
        } else {
            "2025-07-01"
        };
        for rows in [false, true] {
            let mut input = dti_input(file, date, Lang::Vi);
            if rows {
                input.units[0].value = None;
                input.units[1].derived = true;
            }
            let map = choropleth(&b, &input, crate::text::Strings::builtin(Lang::Vi));
            let doc = roxmltree::Document::parse(&map.svg).unwrap();
            let group = |class: &str| {
                doc.descendants()
                    .find(|n| n.attribute("class") == Some(class))
                    .unwrap()
            };
            let num = |n: roxmltree::Node, a: &str| {
                n.attribute(a).map_or(0.0, |v| v.parse::<f64>().unwrap())
            };
            let legend_bottom = group("legend")
                .descendants()
                .filter(|n| n.is_element())
                .map(|n| match n.tag_name().name() {
                    "rect" => num(n, "y") + num(n, "height"),
                    "text" => num(n, "y") + 4.0,
                    _ => 0.0,
                })
                .fold(0.0, f64::max);
            let arch = group("archipelagos");
            let box_top = arch
                .children()
                .filter(|n| n.has_tag_name("rect"))
                .map(|n| num(n, "y"))
                .fold(f64::INFINITY, f64::min);
            // The label above the Trường Sa box: its top at the largest size.
            let label_top = arch
                .children()
                .filter(|n| n.has_tag_name("text"))
                .map(|n| num(n, "y") - 26.0)
                .fold(f64::INFINITY, f64::min);
            let scaled = legend_bottom * 1.6;
            assert!(
                scaled < box_top.min(label_top),
                "{name} map, {} legend rows: legend ends at {scaled} on phones, archipelagos start at {}",
                if rows { 7 } else { 5 },
                box_top.min(label_top)
            );
        }
    }
}
