//! Figures from the data inside commentary: formatted per language, checked at build time.

use crate::common;

use common::{Fixture, text_of};

#[test]
fn shortcodes_give_figures_in_the_page_language() {
    let site = Fixture::new();
    let body = "{{ name() }}: {{ value() }}, hạng {{ rank(of=true) }}, {{ change(of=\"rank\") }} bậc, {{ change() }} ({{ change(of=\"percent\") }}); trung bình {{ mean() }}; Hà Nội {{ value(unit=\"ha-noi\", edition=\"2022\") }}.\n\n{{ table() }}\n";
    site.write(
        "content/commentary/2023/ninh-thuan.md",
        &format!("+++\ntitle = \"x\"\n+++\n{body}"),
    );
    site.write(
        "content/commentary/2023/ninh-thuan.en.md",
        &format!("+++\ntitle = \"x\"\n+++\n{body}"),
    );
    site.build_ok();
    let vi = text_of(&site.main_of("tinh/ninh-thuan/2023/index.html"));
    // 2022 0,6098 rank 2 (tie) → 2023 0,6552 rank 4.
    assert!(vi.contains("Ninh Thuận: 0,6552, hạng 4/4, −2 bậc, +0,0454 (+7,4 %); trung bình 0,7302; Hà Nội 0,6098."), "{vi}");
    assert!(vi.contains("2022 0,6098 2/4"), "table: {vi}");
    let en = text_of(&site.main_of("en/province/ninh-thuan/2023/index.html"));
    assert!(en.contains("Ninh Thuan: 0.6552, hạng 4/4, −2 bậc, +0.0454 (+7.4%); trung bình 0.7302; Hà Nội 0.6098."), "{en}");
}

#[test]
fn unknown_unit_or_indicator_in_a_shortcode_is_an_error_with_position() {
    let cases = [
        (
            "Đạt {{ value(unit=\"quang-tri\") }}.",
            "_index.md:4:5",
            "unknown unit `quang-tri`",
        ),
        (
            "\nĐạt {{ value(unit=\"ha-noi\", edition=\"2023\", indicator=\"nhan-luc-so\") }}.",
            "_index.md:5:5",
            "unknown indicator `nhan-luc-so`",
        ),
        (
            "{{ valeur() }}",
            "_index.md:4:1",
            "unknown shortcode `valeur`",
        ),
        ("{{ value() }}", "_index.md:4:1", "needs unit="),
        ("{{ value(unit=\"ha-noi\" }}", "_index.md:4:1", "shortcode"),
    ];
    for (body, at, msg) in cases {
        let site = Fixture::new();
        site.write(
            "content/commentary/_index.md",
            &format!("+++\ntitle = \"x\"\n+++\n{body}\n"),
        );
        let report = site
            .build()
            .err()
            .unwrap_or_else(|| panic!("{body} should fail"))
            .render();
        assert!(
            report.contains(at) && report.contains(msg),
            "{body}:\n{report}"
        );
    }
}

#[test]
fn a_figure_that_does_not_exist_is_an_error() {
    let site = Fixture::new();
    site.write(
        "content/commentary/2022/ninh-thuan.md",
        "+++\ntitle = \"x\"\n+++\nThay đổi {{ change() }}.\n",
    );
    let report = site
        .build()
        .err()
        .expect("2022 has no previous edition")
        .render();
    assert!(
        report.contains("content/commentary/2022/ninh-thuan.md:4")
            && report.contains("no value change of `ninh-thuan`"),
        "{report}"
    );
}
