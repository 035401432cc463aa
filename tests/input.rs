//! Real input, as people have it: spreadsheet CSV exports (BOM, CRLF, `;` and decimal commas,
//! quotes, decomposed Unicode), a `name` column checked against the unit, and Excel workbooks
//! read directly. Each case uses a fixture file from tests/fixtures/.

use crate::common;

use std::path::Path;

use common::Fixture;

fn fixture(name: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn put(f: &Fixture, rel: &str, bytes: &[u8]) {
    let p = f.root().join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

fn json(f: &Fixture, rel: &str) -> serde_json::Value {
    serde_json::from_str(&f.read(&format!("output/{rel}"))).unwrap()
}

#[test]
fn spreadsheet_export_reads_like_the_plain_csv() {
    let plain = Fixture::new();
    plain.build_ok();
    let f = Fixture::new();
    let bytes = fixture("spreadsheet-export.csv");
    assert!(bytes.starts_with("\u{feff}".as_bytes()) && bytes.windows(2).any(|w| w == b"\r\n"));
    put(&f, "content/data/2023.csv", &bytes);
    let summary = f.build_ok();
    assert!(summary.warnings.is_empty(), "{}", summary.warnings);
    // Same figures as the plain file: decimal commas, quoted numbers, NFD names.
    let (a, b) = (
        json(&plain, "data/years/2023.json"),
        json(&f, "data/years/2023.json"),
    );
    assert_eq!(a["indicators"], b["indicators"]);
    // A quoted field keeps its separator and quotes.
    let text = f.read("output/data/provinces/ha-noi.json");
    assert!(text.contains("Bộ TT&TT; bản sao"), "{text}");
    let text = f.read("output/data/provinces/khanh-hoa.json");
    assert!(text.contains(r#"trích \"DTI 2023\""#), "{text}");
}

#[test]
fn decomposed_unit_names_are_normalised() {
    let f = Fixture::new();
    let units = f.read("content/units.csv");
    let nfd: String = unicode_normalization::UnicodeNormalization::nfd(units.as_str()).collect();
    assert_ne!(nfd, units);
    f.write("content/units.csv", &nfd);
    f.build_ok();
    let page = f.main_of("tinh/ninh-thuan/index.html");
    assert!(page.contains("Ninh Thuận"), "NFC in the output");
    assert!(!page.contains("Ninh Thua\u{302}\u{323}n"));
}

#[test]
fn a_name_column_must_name_the_unit() {
    let f = Fixture::new();
    put(&f, "content/data/2023.csv", &fixture("name-mismatch.csv"));
    let summary = f.build_ok();
    let text = summary.warnings.render();
    assert_eq!(summary.warnings.warning_count(), 2, "{text}");
    assert!(
        text.contains("name `Ninh Thuận` does not match unit 56 (Khánh Hòa) of edition 2023"),
        "{text}"
    );
    assert!(text.contains("--> content/data/2023.csv:4:4"), "{text}");
    // Exact: case counts.
    assert!(
        text.contains("name `ninh thuận` does not match unit 58"),
        "{text}"
    );
}

#[test]
fn workbook_builds_the_same_site_as_the_csv_files() {
    let plain = Fixture::new();
    plain.build_ok();
    let f = Fixture::new();
    std::fs::remove_file(f.root().join("content/data/2022.csv")).unwrap();
    std::fs::remove_file(f.root().join("content/data/2023.csv")).unwrap();
    put(&f, "content/data/dti.xlsx", &fixture("dti.xlsx"));
    // A spreadsheet program's lock file is not data.
    put(&f, "content/data/~$dti.xlsx", b"lock");
    let summary = f.build_ok();
    assert!(summary.warnings.is_empty(), "{}", summary.warnings);
    for rel in ["data/years/2022.json", "data/years/2023.json"] {
        assert_eq!(json(&plain, rel), json(&f, rel), "{rel}");
    }
    assert_eq!(
        plain.main_of("tinh/ninh-thuan/index.html"),
        f.main_of("tinh/ninh-thuan/index.html")
    );
}

#[test]
fn workbook_errors_name_file_sheet_and_cell() {
    let f = Fixture::new();
    std::fs::remove_file(f.root().join("content/data/2023.csv")).unwrap();
    put(&f, "content/data/bad.xlsx", &fixture("bad.xlsx"));
    let text = f.build().err().expect("bad cells fail the build").render();
    assert!(
        text.contains("--> content/data/bad.xlsx [2023]!C3"),
        "{text}"
    );
    assert!(text.contains("spreadsheet error #DIV/0!"), "{text}");
    assert!(
        text.contains("--> content/data/bad.xlsx [2023]!C4"),
        "{text}"
    );
    assert!(text.contains("`n/a` is not a number"), "{text}");
}

#[test]
fn workbook_sheet_that_is_no_edition_is_an_error() {
    let f = Fixture::new();
    put(&f, "content/data/notes.xlsx", &fixture("notes.xlsx"));
    let text = f.build().err().expect("an unknown sheet fails").render();
    assert!(
        text.contains("--> content/data/notes.xlsx [Sheet1]"),
        "{text}"
    );
    assert!(text.contains("`Sheet1` is not an edition"), "{text}");
}

#[test]
fn workbook_sheet_named_after_a_year_is_an_edition() {
    let f = Fixture::new();
    // A site that declares 2022 only: sheet 2023 becomes an edition, as 2023.csv would.
    let site = f
        .read("content/site.toml")
        .replace("featured = \"2023\"", "featured = \"2022\"")
        .replace("[[editions]]\nid = \"2023\"\nyear = 2023\n", "");
    f.write("content/site.toml", &site);
    std::fs::remove_file(f.root().join("content/data/2022.csv")).unwrap();
    std::fs::remove_file(f.root().join("content/data/2023.csv")).unwrap();
    put(&f, "content/data/dti.xlsx", &fixture("dti.xlsx"));
    let summary = f.build_ok();
    assert!(f.output().join("xep-hang/2023/index.html").is_file());
    assert!(summary.warnings.is_empty(), "{}", summary.warnings);
}
