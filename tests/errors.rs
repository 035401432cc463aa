//! Bad input: every error class names file, line and what to do, all errors come at once, and a
//! failed build leaves the previous output exactly as it was.

use crate::common;

use common::{Fixture, snapshot};

/// (case, file to write, its new text, texts the report must contain)
const CASES: &[(&str, &str, &str, &[&str])] = &[
    (
        "base URL that is not absolute",
        "content/site.toml",
        "title = \"Chỉ số thử nghiệm\"\nbase_url = \"chiso.example.vn/dti\"\n\n[[editions]]\nid = \"2022\"\nyear = 2022\n\n[[editions]]\nid = \"2023\"\nyear = 2023\n",
        &[
            "content/site.toml:2",
            "base_url: `chiso.example.vn/dti` is not a URL",
            "https://chiso.example.vn/",
        ],
    ),
    (
        "malformed CSV row",
        "content/data/2023.csv",
        "code,dti,ha-tang-so\n01,0.7448,0.6901\n48,0.8340\n56,0.6869,0.7120\n58,0.6552,0.7625\n",
        &[
            "content/data/2023.csv:3",
            "malformed CSV row: 2 fields, but the header has 3",
            "hint:",
        ],
    ),
    (
        "unterminated quote",
        "content/data/2023.csv",
        "code,dti,ha-tang-so\n01,0.7448,0.6901\n48,\"0.8340,0.8362\n",
        &["content/data/2023.csv:3", "malformed CSV row"],
    ),
    (
        "unknown unit code",
        "content/data/2023.csv",
        "code,dti,ha-tang-so\n01,0.7448,0.6901\n99,0.8340,0.8362\n56,0.6869,0.7120\n58,0.6552,0.7625\n",
        &[
            "content/data/2023.csv:3:1",
            "unknown unit code `99` for edition 2023",
            "content/units.csv",
        ],
    ),
    (
        "unit name in the code column",
        "content/data/2023.csv",
        "code,dti,ha-tang-so\n01,0.7448,0.6901\nĐà Nẵng,0.8340,0.8362\n56,0.6869,0.7120\n58,0.6552,0.7625\n",
        &[
            "content/data/2023.csv:3:1",
            "unknown unit code `Đà Nẵng`",
            "did you mean `48` (Đà Nẵng)?",
        ],
    ),
    (
        "mistyped unit code",
        "content/data/2023.csv",
        "code,dti,ha-tang-so\n01,0.7448,0.6901\n480,0.8340,0.8362\n56,0.6869,0.7120\n58,0.6552,0.7625\n",
        &[
            "content/data/2023.csv:3:1",
            "unknown unit code `480`",
            "did you mean `48` (Đà Nẵng)?",
        ],
    ),
    (
        "code of a unit merged away before the edition",
        "content/units.csv",
        "code,slug,name_vi,name_en,kind,region,valid_from,valid_to,successor\n01,ha-noi,Hà Nội,Ha Noi,Thành phố,Đồng bằng sông Hồng,,,\n48,da-nang,Đà Nẵng,Da Nang,Thành phố,Miền Trung,,,\n56,khanh-hoa,Khánh Hòa,Khanh Hoa,Tỉnh,Miền Trung,,,\n58,ninh-thuan,Ninh Thuận,Ninh Thuan,Tỉnh,Miền Trung,,2021-06-30,khanh-hoa\n",
        &[
            "content/data/2023.csv:5:1",
            "unknown unit code `58` for edition 2023",
            "`58` is Ninh Thuận (ninh-thuan), a unit until 2021-06-30 (its successor: `56`, Khánh Hòa)",
        ],
    ),
    (
        "unknown indicator code",
        "content/data/2023.csv",
        "code,dti,ha-tang\n01,0.7448,0.6901\n",
        &[
            "content/data/2023.csv:1:10",
            "unknown indicator `ha-tang` in the header",
            "did you mean `ha-tang-so`?",
        ],
    ),
    (
        "unknown indicator in a long file",
        "content/data/extra.csv",
        "year,code,indicator,value\n2023,01,nhan-luc,0.5\n",
        &["content/data/extra.csv:2:9", "unknown indicator `nhan-luc`"],
    ),
    (
        "duplicate row",
        "content/data/2023.csv",
        "code,dti,ha-tang-so\n01,0.7448,0.6901\n48,0.8340,0.8362\n01,0.7000,0.6000\n56,0.6869,0.7120\n58,0.6552,0.7625\n",
        &[
            "content/data/2023.csv:4:1",
            "duplicate row: unit 01 already has a row on line 2",
        ],
    ),
    (
        "duplicate figure across files",
        "content/data/extra.csv",
        "year,code,indicator,value\n2023,48,dti,0.8340\n",
        &[
            "content/data/extra.csv:2",
            "duplicate figure: 2023 dti of unit 48 was already given at content/data/2023.csv:3",
        ],
    ),
    (
        "value outside the range",
        "content/data/2023.csv",
        "code,dti,ha-tang-so\n01,74.48,0.6901\n48,0.8340,0.8362\n56,0.6869,0.7120\n58,0.6552,0.7625\n",
        &[
            "content/data/2023.csv:2:4",
            "value 74.48 is outside the range 0..1 of `dti`",
            "not 59.34",
        ],
    ),
    (
        "non-numeric value",
        "content/data/2023.csv",
        "code,dti,ha-tang-so\n01,0.7448,n/a\n48,0.8340,0.8362\n56,0.6869,0.7120\n58,0.6552,0.7625\n",
        &[
            "content/data/2023.csv:2:11",
            "`n/a` is not a number",
            "leave the cell empty",
        ],
    ),
    (
        "missing required column",
        "content/data/2023.csv",
        "ma,dti,ha-tang-so\n01,0.7448,0.6901\n",
        &["content/data/2023.csv:1", "missing required column `code`"],
    ),
    (
        "broken front matter",
        "content/commentary/_index.md",
        "+++\ntitle = \"Trang chủ\ndescription = \"x\"\n+++\nXin chào.\n",
        &["content/commentary/_index.md:2:", "invalid TOML"],
    ),
    (
        "unclosed front matter",
        "content/commentary/_index.md",
        "+++\ntitle = \"Trang chủ\"\nXin chào.\n",
        &[
            "content/commentary/_index.md:1",
            "front matter is not closed",
        ],
    ),
    (
        "commentary for an unknown unit",
        "content/commentary/2023/quang-tri.md",
        "Quảng Trị.\n",
        &[
            "content/commentary/2023/quang-tri.md",
            "commentary for unknown unit `quang-tri`",
        ],
    ),
    (
        "commentary for a year without data",
        "content/commentary/2019/ninh-thuan.md",
        "Ninh Thuận.\n",
        &[
            "content/commentary/2019/ninh-thuan.md",
            "commentary for edition `2019`, which has no data",
        ],
    ),
    (
        "template syntax error",
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ base.title </h1>\n{% endblock content %}\n",
        &["themes/default/templates/page.html:3:", "template error"],
    ),
    (
        "template rendering error",
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ no_such_variable.x }}</p>\n{% endblock content %}\n",
        &[
            "themes/default/templates/page.html:3:",
            "template error",
            "no_such_variable",
        ],
    ),
    (
        "missing template",
        "themes/default/templates/page.html",
        "{% extends \"layout.html\" %}\n",
        &["page.html", "layout.html"],
    ),
    (
        "typo in site.toml",
        "content/site.toml",
        "title = \"T\"\nfeatured = \"2023\"\nbase_ur = \"https://x\"\n",
        &[
            "content/site.toml:3:1",
            "unknown field `base_ur`",
            "did you mean `base_url`?",
        ],
    ),
    (
        "mistyped featured edition",
        "content/site.toml",
        "title = \"T\"\nfeatured = \"20233\"\n\n[[editions]]\nid = \"2022\"\nyear = 2022\n\n[[editions]]\nid = \"2023\"\nyear = 2023\n",
        &[
            "content/site.toml:2",
            "featured: no edition has the id `20233`",
            "did you mean `2023`?",
        ],
    ),
    (
        "mistyped unit slug in a commentary file name",
        "content/commentary/2023/ha-noj.md",
        "Hà Nội.\n",
        &[
            "content/commentary/2023/ha-noj.md",
            "commentary for unknown unit `ha-noj`",
            "did you mean `ha-noi`?",
        ],
    ),
    (
        "mistyped edition folder",
        "content/commentary/20233/ha-noi.md",
        "Hà Nội.\n",
        &[
            "content/commentary/20233/ha-noi.md",
            "commentary for edition `20233`, which has no data",
            "did you mean `2023`?",
        ],
    ),
    (
        "mistyped indicator in a long file",
        "content/data/extra.csv",
        "year,code,indicator,value\n2023,01,ha-tnag-so,0.5\n",
        &[
            "content/data/extra.csv:2:9",
            "unknown indicator `ha-tnag-so`",
            "did you mean `ha-tang-so`?",
        ],
    ),
    (
        "mistyped edition in a long file",
        "content/data/extra.csv",
        "year,code,indicator,value\n20222,01,dti,0.5\n",
        &[
            "content/data/extra.csv:2:1",
            "no edition `20222` is declared",
            "did you mean `2022`?",
        ],
    ),
    (
        "mistyped successor slug",
        "content/units.csv",
        "code,slug,name_vi,name_en,kind,region,valid_from,valid_to,successor\n01,ha-noi,Hà Nội,,,,,,\n48,da-nang,Đà Nẵng,,,,,,\n56,khanh-hoa,Khánh Hòa,,,,,,\n58,ninh-thuan,Ninh Thuận,,,,,2025-06-30,khanh-hao\n",
        &[
            "content/units.csv:5:",
            "successor `khanh-hao` is not a unit slug",
            "did you mean `khanh-hoa`?",
        ],
    ),
    (
        "unknown published statistic",
        "content/data/published-stats.csv",
        "year,indicator,statistic,value,source,note\n2023,dti,mean,0.7302,x,\n2023,dti,average,0.73,x,\n",
        &[
            "content/data/published-stats.csv:3:10",
            "unknown statistic `average`",
            "use one of mean, median, min, max, national",
        ],
    ),
    (
        "mistyped shortcode argument",
        "content/commentary/2023/ninh-thuan.md",
        "+++\ntitle = \"Ninh Thuận 2023\"\n+++\nĐà Nẵng: {{ value(unit=\"da-nagn\") }}.\n",
        &[
            "content/commentary/2023/ninh-thuan.md:4",
            "unknown unit `da-nagn`; did you mean `da-nang`?",
        ],
    ),
    (
        "mistyped template name",
        "themes/default/templates/page.html",
        "{% extends \"bsae.html\" %}\n",
        &[
            "themes/default/templates/page.html",
            "template `bsae.html` not found",
            "did you mean `base.html`?",
        ],
    ),
    (
        "unknown successor",
        "content/units.csv",
        "code,slug,name_vi,name_en,kind,region,valid_from,valid_to,successor\n01,ha-noi,Hà Nội,,,,,,\n48,da-nang,Đà Nẵng,,,,,,\n56,khanh-hoa,Khánh Hòa,,,,,,\n58,ninh-thuan,Ninh Thuận,,,,,2025-06-30,khanh-hoa-moi\n",
        &[
            "content/units.csv:5:",
            "successor `khanh-hoa-moi` is not a unit slug",
        ],
    ),
];

#[test]
fn every_error_class_is_reported_and_output_is_untouched() {
    let built = Fixture::new();
    built.build_ok();
    let before = snapshot(&built.output());
    assert!(
        before.contains_key("index.html"),
        "first build wrote the site"
    );
    for (case, file, text, expected) in CASES {
        let site = Fixture::copy_of(&built);
        site.write(file, text);
        let diags = match site.build() {
            Ok(_) => panic!("{case}: the build should fail"),
            Err(d) => d,
        };
        let report = diags.render();
        for want in *expected {
            assert!(
                report.contains(want),
                "{case}: report lacks `{want}`:\n{report}"
            );
        }
        assert!(report.contains("error"), "{case}: {report}");
        assert_eq!(
            snapshot(&site.output()),
            before,
            "{case}: output changed after a failed build"
        );
    }
}

#[test]
fn all_errors_of_a_run_are_reported_together() {
    let site = Fixture::new();
    site.write(
        "content/data/2023.csv",
        "code,dti,ha-tang-so\n01,1.7448,0.6901\n48,abc,0.8362\n77,0.6869,0.7120\n",
    );
    site.write("content/commentary/_index.md", "+++\ntitle = = 1\n+++\n");
    let report = site.build().err().expect("build fails").render();
    for want in [
        "2023.csv:2:4",
        "2023.csv:3:4",
        "2023.csv:4:1",
        "_index.md:2:",
        "4 error(s)",
    ] {
        assert!(report.contains(want), "lacks `{want}`:\n{report}");
    }
}

#[test]
fn snippet_points_at_the_offending_field() {
    let site = Fixture::new();
    site.write("content/data/2023.csv", "code,dti,ha-tang-so\n01,0.7448,1.5\n48,0.8340,0.8362\n56,0.6869,0.7120\n58,0.6552,0.7625\n");
    let report = site.build().err().unwrap().render();
    assert!(
        report.contains("2 | 01,0.7448,1.5\n  |           ^^^"),
        "{report}"
    );
}

#[test]
fn official_rank_that_disagrees_is_a_warning_not_an_error() {
    let site = Fixture::new();
    site.write("content/data/2022.csv", "code,dti,rank:dti,ha-tang-so\n01,0.6098,3,0.6677\n48,0.8002,1,0.8253\n56,0.5934,4,0.6190\n58,0.6098,2,0.5783\n");
    let summary = site.build_ok();
    let report = summary.warnings.render();
    assert!(
        report.contains(
            "official rank 3 of Hà Nội (2022 dti) differs from the rank 2 computed from the values"
        ),
        "{report}"
    );
    assert!(report.contains("content/data/2022.csv:2"), "{report}");
    assert_eq!(summary.warnings.warning_count(), 1, "{report}");
}

/// A `themes/default/` folder from another chiso version (a release binary older than the
/// repository's theme) says so and what to do, rather than blaming the author's strings.
#[test]
fn a_default_theme_from_another_version_says_to_rebuild() {
    let site = Fixture::new();
    site.write(
        "themes/default/i18n/vi.toml",
        "[claim]\nleader = { other = \"{name} dẫn đầu\" }\n",
    );
    let err = site
        .build()
        .err()
        .expect("a string of the wrong kind fails")
        .to_string();
    assert!(
        err.contains("interface string `claim.leader` must be text in quotes"),
        "{err}"
    );
    assert!(err.contains("themes/default/i18n/vi.toml:2"), "{err}");
    assert!(err.contains("another chiso version"), "{err}");
    assert!(err.contains("cargo build --release"), "{err}");
}

#[test]
fn cli_exits_non_zero_and_explains() {
    let site = Fixture::new();
    site.write(
        "content/data/2023.csv",
        "code,dti,ha-tang-so\n01,0.7448,0.6901\n99,0.8340,0.8362\n",
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_chiso"))
        .args(["build", "--root"])
        .arg(site.root())
        .output()
        .expect("run chiso");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("unknown unit code `99`"), "{stderr}");
    assert!(stderr.contains("previous output is unchanged"), "{stderr}");
    assert!(!site.output().exists(), "nothing written");
}

#[test]
fn missing_site_toml_says_where_to_run() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_chiso"))
        .args(["build", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("content/site.toml") && stderr.contains("--root"),
        "{stderr}"
    );
}
