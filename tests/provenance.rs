//! Provenance marks end to end, on the claims fixture (`tests/fixtures/claims`) with a pillar,
//! a published pillar rank change and the 63-province map added: 2021 is incomplete, with a
//! derived value and rank (Tuyên Quang) and published aggregates (mean 0,4014, lowest 0,2489,
//! highest 0,6419); 2023 follows it without 2022, so Tuyên Quang's 2023 change rests on a
//! derived figure. Every place a figure is shown is asserted to carry its mark (tables, stat
//! blocks, headline cards, chart drawings and chart tables, the map, share-card text, the
//! compare page), and `chiso check --strict` to fail when a mark is removed or misplaced.

use crate::common;

use std::path::Path;
use std::process::Command;

use common::main_of;

/// A copy of the claims fixture with the additions above.
struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    fn new() -> Site {
        let dir = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/claims");
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
        let s = Site { dir };
        s.append(
            "content/indicators.toml",
            "\n[[indicator]]\ncode = \"chinh-quyen-so\"\nparent = \"dti\"\nkind = \"pillar\"\nname = \"Chính quyền số\"\nname_en = \"Digital government\"\nshort = \"Chính quyền số\"\nshort_en = \"Digital gov.\"\n",
        );
        // Two more 2021 values make five (a map is drawn from five); Ninh Thuận's pillar rank
        // change is published, and cannot be computed (2020 has no pillar ranks).
        s.write(
            "content/data/more.csv",
            "year,code,indicator,value,rank,source,note,derived,rank_change\n\
             2021,01,dti,0.5500,,báo G,,,\n\
             2021,48,dti,0.6419,,báo C,,,\n\
             2021,58,chinh-quyen-so,0.3512,3,thông báo D,,,+2\n\
             2021,56,chinh-quyen-so,0.5000,1,báo C,,,\n",
        );
        let map =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("content/maps/vn_provinces_63.topojson");
        std::fs::create_dir_all(s.root().join("content/maps")).unwrap();
        std::fs::copy(map, s.root().join("content/maps/vn_provinces_63.topojson")).unwrap();
        s.append(
            "content/site.toml",
            "\n[maps.\"vn_provinces_63.topojson\"]\nsource = \"Open Development Mekong\"\nlicence = \"\"\nvia = \"phamductu/vietnamese-provincial-icons\"\nvia_licence = \"MIT\"\n",
        );
        s
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn append(&self, rel: &str, text: &str) {
        let old = std::fs::read_to_string(self.root().join(rel)).unwrap();
        self.write(rel, &format!("{old}{text}"));
    }

    fn run(&self, args: &[&str]) -> (bool, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_chiso"))
            .args(args)
            .arg("--root")
            .arg(self.root())
            .output()
            .unwrap();
        (
            out.status.success(),
            format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ),
        )
    }

    fn build(&self) {
        let (ok, report) = self.run(&["build"]);
        assert!(ok, "{report}");
    }

    fn page(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join("output").join(rel))
            .unwrap_or_else(|e| panic!("{rel}: {e}"))
    }
}

/// The `<tr>` of a table row naming `name` (a link's text), from `html`.
fn row<'a>(html: &'a str, name: &str) -> &'a str {
    let at = html
        .find(&format!(">{name}</a>"))
        .unwrap_or_else(|| panic!("no row of {name}"));
    let start = html[..at].rfind("<tr").unwrap();
    let end = at + html[at..].find("</tr>").unwrap();
    &html[start..end]
}

/// The cell of a `<td>` whose opening tag starts with `open`, in `row`.
fn cell<'a>(row: &'a str, open: &str) -> &'a str {
    let at = row
        .find(open)
        .unwrap_or_else(|| panic!("no {open} in {row}"));
    &row[at..at + row[at..].find("</td>").unwrap()]
}

const DERIVED: &str = "<sup class=\"mark mark-derived\" title=\"suy ra\">†";
const PUBLISHED: &str = "<sup class=\"mark mark-published\"";
const OFFICIAL: &str = "<sup class=\"mark mark-official\"";

#[test]
fn every_place_a_figure_is_shown_carries_its_provenance() {
    let s = Site::new();
    s.build();

    // The ranking table: Tuyên Quang's derived value and rank are marked, the others are not;
    // the legend explains the mark once.
    let ranking = main_of(&s.page("xep-hang/2021/index.html"));
    let tq = row(&ranking, "Tuyên Quang");
    assert!(
        cell(tq, "<td class=\"num value\"").contains(DERIVED),
        "{tq}"
    );
    assert!(cell(tq, "<td class=\"num rank\"").contains(DERIVED), "{tq}");
    let nt = row(&ranking, "Ninh Thuận");
    assert!(!nt.contains("mark-derived"), "{nt}");
    assert_eq!(
        ranking.matches("<p class=\"marks-legend\"><span class=\"mark\" aria-hidden=\"true\">†</span> Suy ra:").count(),
        3,
        "the table's legend, and those of the map's and the chart's tables"
    );
    // Published aggregates fill the stat block and the table's mean where nothing can be
    // computed, marked and explained.
    for (label, value) in [
        ("Trung bình", "0,4014"),
        ("Cao nhất", "0,6419"),
        ("Thấp nhất", "0,2489"),
    ] {
        let shown = format!("<dt>{label}</dt><dd>{value}{PUBLISHED}");
        assert!(ranking.contains(&shown), "{shown}");
    }
    assert!(
        ranking.contains(&format!("<th scope=\"row\">Trung bình</th><td class=\"region-col\"></td><td class=\"num\">0,4014{PUBLISHED}")),
        "the table's mean row"
    );
    assert!(ranking.contains(
        "<span class=\"mark\" aria-hidden=\"true\">*</span> Số liệu tổng hợp đã công bố"
    ));

    // The ranking chart: the derived bar is pale and its own class, its label marked; the mean
    // line is said to be published; the chart's table marks the figure.
    assert!(ranking.contains("class=\"bar derived\""), "derived bar");
    assert!(ranking.contains(">0,2849 †</text>"), "derived label");
    assert!(ranking.contains(">Trung bình cả nước (số liệu công bố) *</text>"));
    assert!(
        ranking.contains("<td class=\"num\">0,2849 †</td>"),
        "chart table"
    );

    // The map: the derived unit hatched and outlined, in the legend and the caption; its
    // table marks the value.
    assert!(
        ranking.contains("<path data-code=\"08\" fill=\"url(#ban-do-derived)\""),
        "hatch over Tuyên Quang"
    );
    assert!(
        ranking.contains(">Giá trị suy ra (gạch chéo)</text>"),
        "map legend"
    );
    assert!(
        ranking.contains("Tô màu theo giá trị suy ra, không phải số liệu chính thức (gạch chéo trên bản đồ): Tuyên Quang (0,2849 †)."),
        "map caption"
    );
    let en = main_of(&s.page("en/ranking/2021/index.html"));
    assert!(en.contains("Coloured by a derived value, not an official figure (hatched on the map): Tuyen Quang (0.2849 †)."));
    assert!(en.contains("<sup class=\"mark mark-derived\" title=\"derived\">†"));

    // A change computed from a derived figure inherits the mark: Tuyên Quang 2021 → 2023, in the
    // table, the headline cards, the history table and the JSON.
    let r23 = main_of(&s.page("xep-hang/2023/index.html"));
    let tq23 = row(&r23, "Tuyên Quang");
    let change = tq23.split("<td").nth(2).unwrap();
    assert!(
        change.contains("class=\"chg") && change.contains(DERIVED),
        "{tq23}"
    );
    let key = main_of(&s.page("tinh/tuyen-quang/2023/index.html"));
    let cards = &key[key.find("<section class=\"cards\"").unwrap()..];
    let cards = &cards[..cards.find("</section>").unwrap()];
    assert!(cards.contains(DERIVED), "headline change card: {cards}");
    assert!(
        key.contains(
            "<p class=\"marks-legend\"><span class=\"mark\" aria-hidden=\"true\">†</span>"
        )
    );
    let key21 = main_of(&s.page("tinh/tuyen-quang/2021/index.html"));
    let value_card = &key21[key21.find("<p class=\"card-value\">").unwrap()..];
    assert!(
        value_card.starts_with(&format!("<p class=\"card-value\">0,2849{DERIVED}")),
        "{value_card}"
    );
    let profile = main_of(&s.page("tinh/tuyen-quang/index.html"));
    let history = &profile[profile.find("<table class=\"history\"").unwrap()..];
    assert!(
        history.contains(&format!("0,2849{DERIVED}")),
        "history value"
    );
    let json: serde_json::Value =
        serde_json::from_str(&s.page("data/provinces/tuyen-quang.json")).unwrap();
    let y23 = json["indicators"]["dti"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["edition"] == "2023")
        .unwrap()
        .clone();
    assert_eq!(y23["rank_change_source"], "derived");
    assert_eq!(y23["value_change_source"], "derived");

    // The value chart of the profile: the derived point is hollow and its own class, its label
    // and table cell marked; the published mean of 2021 likewise.
    assert!(profile.contains("class=\"point derived\""), "derived point");
    assert!(profile.contains(">0,2849 †</text>"));
    assert!(profile.contains(">Giá trị suy ra †</text>"), "chart legend");
    assert!(
        profile.contains("class=\"mean published\""),
        "published mean point"
    );
    assert!(profile.contains("<td class=\"num\">0,2849 †</td>"));
    assert!(profile.contains("<td class=\"num\">0,4014 *</td>"));
    assert!(
        profile.contains("<td class=\"num\">0,2489 *</td>"),
        "published lowest in the band"
    );
    // The province-year page's mean line: published, marked.
    let nt21 = main_of(&s.page("tinh/ninh-thuan/2021/index.html"));
    assert!(
        nt21.contains(&format!("<td class=\"num\">0,4014{PUBLISHED}")),
        "mean line"
    );

    // Share card text (the card's og:image:alt repeats every line the image draws).
    let head = s.page("tinh/tuyen-quang/2021/index.html");
    let alt = head
        .split("<meta property=\"og:image:alt\" content=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("card alt text");
    assert!(alt.contains("0,2849 †"), "{alt}");
    assert!(alt.contains("Hạng 5/5 †"), "{alt}");
    assert!(alt.contains("† suy ra"), "{alt}");

    // A published rank change where none can be computed: shown, marked official (and across
    // the change of method), explained.
    let pillar = main_of(&s.page("xep-hang/2021/chinh-quyen-so/index.html"));
    let ntp = row(&pillar, "Ninh Thuận");
    assert!(ntp.contains(">+2<") && ntp.contains(OFFICIAL), "{ntp}");
    assert!(ntp.contains("mark-method"), "{ntp}");
    assert!(pillar.contains(
        "<span class=\"mark\" aria-hidden=\"true\">§</span> Thay đổi được công bố chính thức"
    ));
    let nt_json: serde_json::Value =
        serde_json::from_str(&s.page("data/provinces/ninh-thuan.json")).unwrap();
    let p21 = nt_json["indicators"]["chinh-quyen-so"][0].clone();
    assert_eq!(
        (
            p21["rank_change"].clone(),
            p21["rank_change_source"].clone()
        ),
        (2.into(), "official".into())
    );

    // The indicator page's distribution table: the published aggregates of 2021, marked.
    let ind = main_of(&s.page("chi-so/dti/index.html"));
    let r21 = &ind[ind.find(">2021</a></th>").unwrap()..];
    let r21 = &r21[..r21.find("</tr>").unwrap()];
    assert_eq!(
        r21.matches(PUBLISHED).count(),
        3,
        "mean, lowest, highest: {r21}"
    );

    // The compare page: the data for app.js carries each figure's mark and what it means; the
    // table rendered without JavaScript marks what it shows.
    let compare = s.page("so-sanh/index.html");
    assert!(
        compare.contains(r#""2021":{"dti":[0.2849,5,"†","†"]}"#),
        "compare data"
    );
    assert!(
        compare.contains(r#""marks":{"†":["suy ra","Suy ra:"#),
        "compare legend data"
    );
}

#[test]
fn the_compare_table_marks_what_it_shows() {
    // Tuyên Quang among the compared units: its 2021 figures are marked in the table.
    let s = Site::new();
    let toml = std::fs::read_to_string(s.root().join("content/site.toml")).unwrap();
    let (head, rest) = toml.split_at(toml.find("[[editions]]").unwrap());
    s.write(
        "content/site.toml",
        &format!("{head}compare = [\"tuyen-quang\", \"ninh-thuan\"]\n\n{rest}"),
    );
    s.build();
    let main = main_of(&s.page("so-sanh/index.html"));
    let r21 = &main[main.find("<th scope=\"row\">2021</th>").unwrap()..];
    let r21 = &r21[..r21.find("</tr>").unwrap()];
    assert!(r21.contains(&format!("0,2849{DERIVED}")), "{r21}");
    assert!(r21.contains(&format!("5/5{DERIVED}")), "{r21}");
    assert!(main.contains("<span class=\"mark\" aria-hidden=\"true\">†</span> Suy ra:"));
}

#[test]
fn check_strict_fails_when_a_mark_is_removed_or_put_on_an_official_figure() {
    let s = Site::new();
    let (ok, report) = s.run(&["check", "--strict"]);
    assert!(ok, "{report}");

    // A theme whose ranking table drops the value's mark: the derived value reads as official.
    let macros = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/macros.html"),
    )
    .unwrap();
    let from = "{{ r.value.text }}{{ <marks m={r.marks.value}/> }}";
    assert!(macros.contains(from));
    let s = Site::new();
    s.write(
        "themes/default/templates/macros.html",
        &macros.replace(from, "{{ r.value.text }}"),
    );
    let (ok, report) = s.run(&["check", "--strict"]);
    assert!(!ok, "{report}");
    assert!(
        report.contains("the value of Tuyên Quang (2021 dti) is derived (data: `derived` column) but not marked derived"),
        "{report}"
    );

    // One that marks every value derived: official values labelled derived.
    let s = Site::new();
    s.write(
        "themes/default/templates/macros.html",
        &macros.replace(
            from,
            "{{ r.value.text }}<sup class=\"mark mark-derived\">†</sup>",
        ),
    );
    let (ok, report) = s.run(&["check", "--strict"]);
    assert!(!ok, "{report}");
    assert!(
        report.contains(
            "the value of Ninh Thuận (2021 dti) is marked derived, but the data publishes it"
        ),
        "{report}"
    );

    // One that drops the marks of changes: the change from a derived rank reads as computed.
    let from = "{{ <change c={r.change}/> }}{{ <marks m={r.marks.change}/> }}";
    assert!(macros.contains(from));
    let s = Site::new();
    s.write(
        "themes/default/templates/macros.html",
        &macros.replace(from, "{{ <change c={r.change}/> }}"),
    );
    let (ok, report) = s.run(&["check", "--strict"]);
    assert!(!ok, "{report}");
    assert!(
        report.contains("the rank change of Tuyên Quang (2023 dti) rests on a derived rank but is not marked derived"),
        "{report}"
    );

    // One whose stat block drops the published mark.
    let from = "<dd>{{ s.value }}{{ <marks m={s.mark}/> }}</dd>";
    assert!(macros.contains(from));
    let s = Site::new();
    s.write(
        "themes/default/templates/macros.html",
        &macros.replace(from, "<dd>{{ s.value }}</dd>"),
    );
    let (ok, report) = s.run(&["check", "--strict"]);
    assert!(!ok, "{report}");
    assert!(
        report.contains("the published mean 0,4014 of 2021 is not shown, marked as published"),
        "{report}"
    );
}

#[test]
fn a_published_percent_change_is_shown_where_none_can_be_computed() {
    // Ninh Thuận's 2021 pillar value rose 52,2 % as published; 2020 has no pillar value to
    // compute it from. It is shown as published, marked official, like a published rank change.
    let s = Site::new();
    let more = std::fs::read_to_string(s.root().join("content/data/more.csv")).unwrap();
    let more = more
        .replacen("rank_change\n", "rank_change,pct_change\n", 1)
        .replace("thông báo D,,,+2\n", "thông báo D,,,+2,+52.2\n")
        .replace(",,\n", ",,,\n");
    s.write("content/data/more.csv", &more);
    s.build();
    let pillar = main_of(&s.page("xep-hang/2021/chinh-quyen-so/index.html"));
    let ntp = row(&pillar, "Ninh Thuận");
    // The percent sign follows a no-break space, as every Vietnamese percentage on the site.
    let shown = format!("<td class=\"num\">+52,2\u{a0}%{OFFICIAL}");
    assert!(ntp.contains(&shown), "ranking table: {ntp}");
    let year = main_of(&s.page("tinh/ninh-thuan/2021/index.html"));
    let r = row(&year, "Chính quyền số");
    assert!(r.contains(&shown), "province-year table: {r}");
    let profile = main_of(&s.page("tinh/ninh-thuan/index.html"));
    let history = &profile[profile.find("<table class=\"history\"").unwrap()..];
    assert!(
        history.contains(&format!("+52,2\u{a0}%{OFFICIAL}")),
        "history table"
    );
    let en = main_of(&s.page("en/ranking/2021/chinh-quyen-so/index.html"));
    assert!(row(&en, "Ninh Thuan").contains("+52.2%"));
    let json: serde_json::Value =
        serde_json::from_str(&s.page("data/provinces/ninh-thuan.json")).unwrap();
    let p21 = &json["indicators"]["chinh-quyen-so"][0];
    assert_eq!(p21["value_change_pct"], 52.2);
    assert_eq!(p21["value_change_source"], "official");
    assert!(p21["value_change"].is_null(), "{p21}");
}

#[test]
fn the_headline_legend_explains_the_marks_of_every_card() {
    // Khánh Hòa's headline: its 2024 figure among 4 provinces (official), and beside it the
    // same year among 5, whose value is derived here: the legend under the cards explains †.
    let s = Site::new();
    let wide = std::fs::read_to_string(s.root().join("content/data/2024.csv")).unwrap();
    s.write("content/data/2024.csv", &wide.replace("56,0.7000\n", ""));
    s.write(
        "content/data/derived-value.csv",
        "edition,code,indicator,value,rank,source,note,derived\n2024,56,dti,0.7000,,báo H,,value\n",
    );
    s.build();
    let profile = main_of(&s.page("tinh/khanh-hoa/index.html"));
    let cards = &profile[profile.find("<section class=\"cards\"").unwrap()..];
    let (cards, after) = cards.split_at(cards.find("</section>").unwrap());
    let also = &cards[cards.find("card-also").expect("the second card")..];
    assert!(also.contains(DERIVED), "second card: {also}");
    let legend = &after[..after.find("<section").unwrap_or(after.len())];
    assert!(
        legend.contains("<span class=\"mark\" aria-hidden=\"true\">†</span> Suy ra:"),
        "legend under the cards: {legend}"
    );
}

/// A copy of the fixture whose theme rewrites one thing the site draws: `from` replaced by `to`
/// in `what` (the drawings of `macros.html`, or the card text of `base.html`), as a faulty
/// writer would. Returns `chiso check --strict`'s verdict and report.
fn check_with_drawn(what: &str, from: &str, to: &str) -> (bool, String) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    let (file, expr) = match what {
        "drawing" => ("macros.html", "f.svg | safe"),
        "card" => ("base.html", "{{ og_image_alt }}"),
        other => panic!("{other}"),
    };
    let template = std::fs::read_to_string(repo.join(file)).unwrap();
    assert!(template.contains(expr), "{file} no longer has `{expr}`");
    let esc = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    let edited = match what {
        "drawing" => template.replace(
            expr,
            &format!(
                "f.svg | replace(from=\"{}\", to=\"{}\") | safe",
                esc(from),
                esc(to)
            ),
        ),
        _ => template.replace(
            expr,
            &format!(
                "{{{{ og_image_alt | replace(from=\"{}\", to=\"{}\") }}}}",
                esc(from),
                esc(to)
            ),
        ),
    };
    let s = Site::new();
    s.write(&format!("themes/default/templates/{file}"), &edited);
    s.run(&["check", "--strict"])
}

/// Asserts that the check failed with a warning at `page` whose message holds `says`.
fn fails_at(result: (bool, String), page: &str, says: &str) {
    let (ok, report) = result;
    assert!(!ok, "--strict passed: {report}");
    let at = format!("--> output/{page}");
    let found = report
        .split("\nwarning: ")
        .any(|d| d.contains(says) && d.contains(&at));
    assert!(found, "no warning at {page} saying `{says}`:\n{report}");
}

/// The ranking chart is read back bar by bar: a derived value drawn without its mark, or its bar
/// drawn as an official one, fails `--strict` naming the page and the figure.
#[test]
fn check_strict_fails_when_the_ranking_chart_draws_a_figure_falsely() {
    fails_at(
        check_with_drawn("drawing", ">0,2849 †</text>", ">0,2849</text>"),
        "xep-hang/2021/index.html",
        "the ranking chart of 2021 dti: Tuyên Quang is labelled `0,2849`",
    );
    fails_at(
        check_with_drawn(
            "drawing",
            "class=\"bar derived\" data-unit=\"Tuyên Quang\"",
            "class=\"bar\" data-unit=\"Tuyên Quang\"",
        ),
        "xep-hang/2021/index.html",
        "the bar of Tuyên Quang is drawn as official, but its value is derived",
    );
}

/// The map is read back unit by unit: the hatch over derived values (and only those), the
/// tooltips' figures and marks, in both languages.
#[test]
fn check_strict_fails_when_the_map_draws_a_figure_falsely() {
    fails_at(
        check_with_drawn(
            "drawing",
            "<path data-code=\"08\" fill=\"url(#ban-do-derived)\"",
            "<path data-code=\"08\" fill=\"none\"",
        ),
        "xep-hang/2021/index.html",
        "hatched as derived: []; derived values in the data: [Tuyên Quang]",
    );
    fails_at(
        check_with_drawn(
            "drawing",
            "<title>Tuyên Quang: 0,2849 †</title>",
            "<title>Tuyên Quang: 0,2948 †</title>",
        ),
        "xep-hang/2021/index.html",
        "`Tuyên Quang: 0,2948 †`: the data gives 0,2849 † (derived)",
    );
    fails_at(
        check_with_drawn(
            "drawing",
            "<title>Tuyen Quang: 0.2849 †</title>",
            "<title>Tuyen Quang: 0.2849</title>",
        ),
        "en/ranking/2021/index.html",
        "`Tuyen Quang: 0.2849`: the data gives 0.2849 † (derived)",
    );
}

/// The share card's text (its `og:image:alt`, every line the image draws) is read back: rank,
/// direction of the change and its marks († derived, ‡ across a change of method).
#[test]
fn check_strict_fails_when_a_share_card_says_a_figure_falsely() {
    fails_at(
        check_with_drawn("card", "Hạng 5/5 †", "Hạng 4/5 †"),
        "tinh/tuyen-quang/2021/index.html",
        "the rank `Hạng 4/5 †`: the data gives 5 (derived) of 5",
    );
    fails_at(
        check_with_drawn("card", "1 bậc so với 2021 †", "1 bậc so với 2021"),
        "tinh/tuyen-quang/2023/index.html",
        "its marks should be `†`",
    );
    fails_at(
        check_with_drawn("card", "so với 2020 ‡", "so với 2020"),
        "tinh/khanh-hoa/2021/index.html",
        "its marks should be `‡`",
    );
    fails_at(
        check_with_drawn("card", "▲ 1 place since 2020", "▼ 1 place since 2020"),
        "en/province/khanh-hoa/2021/index.html",
        "the data gives +1 places",
    );
}

/// A theme whose map legend words the hatch otherwise: the derived units are no longer
/// explained, and the check says so.
#[test]
fn check_strict_fails_when_the_map_legend_loses_the_derived_entry() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/i18n/vi.toml");
    let vi = std::fs::read_to_string(repo).unwrap();
    let from = "\"Giá trị suy ra (gạch chéo)\"";
    assert!(vi.contains(from));
    let s = Site::new();
    s.write(
        "themes/default/i18n/vi.toml",
        &vi.replace(from, "\"Giá trị chính thức\""),
    );
    fails_at(
        s.run(&["check", "--strict"]),
        "xep-hang/2021/index.html",
        "the legend's entry `Giá trị suy ra (gạch chéo)` is missing but a unit is coloured by a derived value",
    );
}
