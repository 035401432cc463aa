//! Claims end to end on the claims fixture (`tests/fixtures/claims`): an incomplete edition with
//! official ranks (2020), one with a few values, a derived value and rank, and published
//! aggregates (2021), a gap (no 2022), ties at the top and the bottom (2023), a change of method
//! (2020 → 2021) and two unit sets in 2024. Every sentence, series and JSON field that states a
//! fact is asserted, and `chiso check --strict` is shown to pass, and to fail when one figure or
//! one phrase is altered.

use crate::common;

use std::path::Path;
use std::process::Command;

use common::{main_of, text_of};

/// A copy of the fixture in a temp dir (building writes into the site folder).
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
        Site { dir }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = std::fs::read_to_string(self.root().join(rel)).unwrap();
        assert!(text.contains(from), "{rel} holds {from}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    fn build(&self) {
        let out = Command::new(env!("CARGO_BIN_EXE_chiso"))
            .args(["build", "--root"])
            .arg(self.root())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn check(&self) -> (bool, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_chiso"))
            .args(["check", "--strict", "--root"])
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

    fn page(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join("output").join(rel))
            .unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// The text of the `<desc>` with `id` on a page.
    fn desc(&self, rel: &str, id: &str) -> String {
        let html = self.page(rel);
        let open = format!("<desc id=\"{id}\">");
        let start = html
            .find(&open)
            .unwrap_or_else(|| panic!("{rel} has no {id}"))
            + open.len();
        let end = start + html[start..].find("</desc>").unwrap();
        html[start..end]
            .replace("&apos;", "'")
            .replace("&#39;", "'")
    }

    fn json(&self, rel: &str) -> serde_json::Value {
        serde_json::from_str(&self.page(rel)).unwrap()
    }
}

#[test]
fn sentences_labels_series_and_json_say_only_what_the_data_supports() {
    let s = Site::new();
    s.build();
    // Leader and last: from official ranks in an incomplete edition, said as such; the lowest
    // published value (Khánh Hòa, ranked 3rd) is never called last.
    assert_eq!(
        s.desc("xep-hang/2020/index.html", "xep-hang-desc"),
        "Năm 2020: Đà Nẵng đứng đầu theo hạng chính thức với 0,4874, Ninh Thuận xếp cuối theo hạng chính thức (5/5), trong 2/5 tỉnh, thành phố có giá trị được công bố, cao nhất là Đà Nẵng (0,4874), thấp nhất là Khánh Hòa (0,4096)."
    );
    // A derived rank 5/5 makes no "last" claim; a derived value is not a published one; the
    // published mean fills in, labelled.
    assert_eq!(
        s.desc("xep-hang/2021/index.html", "xep-hang-desc"),
        "Năm 2021: Đà Nẵng đứng đầu theo hạng chính thức, trong 2/5 tỉnh, thành phố có giá trị được công bố, cao nhất là Khánh Hòa (0,5064), thấp nhất là Ninh Thuận (0,3048); trung bình cả nước 0,4014 (số liệu công bố)."
    );
    assert_eq!(
        s.desc("en/ranking/2021/index.html", "xep-hang-desc"),
        "2021: Da Nang ranked first (official rank), among the 2 of 5 provinces with published values, the highest was Khanh Hoa (0.5064) and the lowest Ninh Thuan (0.3048); national mean 0.4014 (published figure)."
    );
    // Ties at both ends, named in full.
    assert_eq!(
        s.desc("xep-hang/2023/index.html", "xep-hang-desc"),
        "Năm 2023: Đà Nẵng và Hà Nội cùng dẫn đầu với 0,8000, Ninh Thuận và Tuyên Quang cùng xếp cuối với 0,5000; trung bình cả nước 0,6400."
    );
    assert_eq!(
        s.desc("en/ranking/2023/index.html", "xep-hang-desc"),
        "2023: Da Nang and Ha Noi shared the lead with 0.8000, Ninh Thuan and Tuyen Quang shared last place with 0.5000; national mean 0.6400."
    );
    // Each unit set on its own.
    assert_eq!(
        s.desc("xep-hang/2024-4/index.html", "xep-hang-desc"),
        "Năm 2024, 4 tỉnh: Đà Nẵng dẫn đầu với 0,8335, Tuyên Quang xếp cuối với 0,6000; trung bình cả nước 0,7411."
    );
    // A move from a derived value says so; a rank that stays is derived when one end is.
    assert_eq!(
        s.desc("tinh/tuyen-quang/index.html", "gia-tri-desc"),
        "Giá trị DTI của Tuyên Quang tăng từ 0,2849 (suy ra) (2021) lên 0,6000 (2024, 5 tỉnh); hạng giữ nguyên 5 (suy ra) (2021 – 2024, 5 tỉnh). Trung bình cả nước năm 2024, 5 tỉnh: 0,7348."
    );
    // A move across the change of method (2020 → 2021) is labelled; the history stays in the
    // 5-province set (never "to 0,7069 (2024, 4 tỉnh)").
    let kh = s.desc("tinh/khanh-hoa/index.html", "gia-tri-desc");
    assert!(
        kh.starts_with("Giá trị DTI của Khánh Hòa tăng từ 0,4096 (2020) lên 0,7000 (2024, 5 tỉnh) (qua thay đổi phương pháp đánh giá: Quyết định 1726/QĐ-BTTTT → Quyết định 922/QĐ-BTTTT)"),
        "{kh}"
    );
    assert!(!kh.contains("4 tỉnh"), "{kh}");
    // The time axis is proportional: 2021 → 2023 (no 2022) is two steps, 2023 → 2024 one.
    let svg = s.page("tinh/khanh-hoa/index.html");
    let xs: Vec<f64> = svg
        .split("data-edition=\"")
        .skip(1)
        .filter(|chunk| chunk.contains("gia-tri") || true)
        .filter_map(|chunk| {
            let cx = chunk.split("cx=\"").nth(1)?;
            cx[..cx.find('"')?].parse().ok()
        })
        .take(4)
        .collect();
    assert_eq!(xs.len(), 4, "{xs:?}");
    // One year's step from 2020 → 2021 (the 2024 point shares its year's slot with the
    // other unit set's figure, beside it: tests/history.rs).
    let step = xs[1] - xs[0];
    assert!(
        ((xs[2] - xs[1]) - 2.0 * step).abs() <= 1.0,
        "2021 → 2023 is two steps: {xs:?}"
    );
    // Medians are compared within one unit set; the other set is stated apart.
    assert_eq!(
        s.desc("chi-so/dti/index.html", "phan-bo-desc"),
        "Trung vị DTI tăng từ 0,6000 (2023) lên 0,7166 (2024, 5 tỉnh); năm 2024, 5 tỉnh các giá trị trải từ 0,6000 đến 0,8335. Năm 2024, 4 tỉnh (bộ đơn vị khác, không so sánh với các năm trên): trung vị 0,7655."
    );
    // JSON: provenance of values, ranks and changes; the change of method; aggregates.
    let tq = s.json("data/provinces/tuyen-quang.json");
    let dti = tq["indicators"]["dti"].as_array().unwrap();
    let at = |ed: &str| dti.iter().find(|f| f["edition"] == ed).unwrap().clone();
    assert_eq!(
        (
            at("2021")["value_source"].clone(),
            at("2021")["rank_source"].clone()
        ),
        ("derived".into(), "derived".into())
    );
    assert_eq!(at("2023")["value_source"], "official");
    assert_eq!(at("2023")["rank_source"], "computed");
    assert_eq!(at("2023")["value_change_source"], "derived");
    assert_eq!(at("2023")["rank_change_source"], "derived");
    let nt = s.json("data/provinces/ninh-thuan.json");
    let f21 = nt["indicators"]["dti"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["edition"] == "2021")
        .unwrap()
        .clone();
    assert_eq!(f21["crosses_method"], true, "{f21}");
    assert_eq!(f21["rank_change"], 1);
    let y21 = s.json("data/years/2021.json");
    let d = &y21["indicators"]["dti"];
    assert_eq!(
        (d["mean"].as_f64(), d["max"].as_f64()),
        (Some(0.4014), Some(0.6419))
    );
    assert_eq!(d["aggregate_source"]["mean"], "published");
    assert_eq!(d["complete"], false);
    // The compare page's data keeps the two 2024 unit sets apart.
    let compare = s.page("so-sanh/index.html");
    assert!(
        compare.contains(r#"["2024","2024 (5 tỉnh)",5,2024,"2020"]"#),
        "set of 2024"
    );
    assert!(
        compare.contains(r#"["2024-4","2024 (4 tỉnh)",4,2024,"2024-4"]"#),
        "set of 2024-4"
    );
    // What a reader sees under the chart is the same sentence.
    let main = text_of(&main_of(&s.page("xep-hang/2023/index.html")));
    assert!(
        main.contains("Đà Nẵng và Hà Nội cùng dẫn đầu với 0,8000"),
        "{main}"
    );
}

#[test]
fn check_strict_passes_and_fails_on_one_altered_figure_or_phrase() {
    let s = Site::new();
    let (ok, report) = s.check();
    assert!(ok, "{report}");
    // The acknowledged 2023 mean is reported, without failing.
    assert!(report.contains("(acknowledged)"), "{report}");
    assert!(report.contains("1 acknowledged"), "{report}");

    // One phrase altered by a theme override: the leader is called last.
    let s = Site::new();
    s.write(
        "themes/default/i18n/vi.toml",
        "[claim]\nleader_tie = \"{names} cùng xếp cuối với {value}\"\n",
    );
    let (ok, report) = s.check();
    assert!(!ok, "{report}");
    assert!(
        report.contains("output/xep-hang/2023/index.html"),
        "{report}"
    );
    assert!(
        report.contains("generated text is not supported by the data"),
        "{report}"
    );

    // One phrase altered: "rose" worded as "fell".
    let s = Site::new();
    s.write(
        "themes/default/i18n/en.toml",
        "[claim]\nrose = \"fell from {from} ({from_edition}) to {to} ({to_edition})\"\n",
    );
    let (ok, report) = s.check();
    assert!(!ok, "{report}");
    assert!(
        report.contains("the direction of the change is wrong"),
        "{report}"
    );

    // One figure altered: an official rank no longer matches the values.
    let s = Site::new();
    s.edit("content/data/2024-4.csv", "48,0.8335,1", "48,0.8335,2");
    let (ok, report) = s.check();
    assert!(!ok, "{report}");

    // One published aggregate altered without an explanation.
    let s = Site::new();
    s.edit(
        "content/data/published-stats.csv",
        "2023,dti,mean,0.6500,báo F,,\"Trung bình công bố khác trung bình cộng của bảng.\",\"The published mean differs from the table's average.\"",
        "2023,dti,mean,0.6500,báo F,,,",
    );
    let (ok, report) = s.check();
    assert!(!ok, "{report}");
    assert!(report.contains("published 2023 mean"), "{report}");
}

#[test]
fn a_midpoint_median_is_rounded_half_away_from_zero_everywhere() {
    // 2024-4 with Hà Nội at 0,8240: the median is (0,7069 + 0,8240) / 2 = 0,76545, which the
    // documented rule (README, "Numbers") rounds half away from zero to 0,7655 (half-even would
    // give 0,7654). The sentence, the table, the JSON and the checker's oracle agree.
    let s = Site::new();
    s.edit("content/data/2024-4.csv", "01,0.8241,2", "01,0.8240,2");
    s.build();
    assert!(
        s.desc("chi-so/dti/index.html", "phan-bo-desc").ends_with(
            "Năm 2024, 4 tỉnh (bộ đơn vị khác, không so sánh với các năm trên): trung vị 0,7655."
        ),
        "{}",
        s.desc("chi-so/dti/index.html", "phan-bo-desc")
    );
    let y = s.json("data/years/2024-4.json");
    assert_eq!(y["indicators"]["dti"]["median"].as_f64(), Some(0.7655));
    let main = main_of(&s.page("xep-hang/2024-4/index.html"));
    assert!(main.contains("Trung vị</dt><dd>0,7655</dd>"), "{main}");
    let (ok, report) = s.check();
    assert!(ok, "{report}");
}

#[test]
fn standing_and_rank_move_descriptions_come_from_claims_and_are_checked() {
    let s = Site::new();
    s.build();
    // A unit against the mean of its edition, with the edition's range.
    assert_eq!(
        s.desc("tinh/ninh-thuan/2024/index.html", "vi-tri-desc"),
        "Năm 2024, 5 tỉnh, DTI của Ninh Thuận là 0,7166, thấp hơn trung bình cả nước (0,7348). 5 giá trị trải từ 0,6000 đến 0,8335."
    );
    assert_eq!(
        s.desc("en/province/da-nang/2023/index.html", "vi-tri-desc"),
        "In 2023, Da Nang's Digital Transformation Index was 0.8000, above the national mean (0.6400). 5 values range from 0.5000 to 0.8000."
    );
    // The largest rank moves among every unit of the set (not only the units drawn), ties
    // whole, with the plural of "place" in English.
    assert_eq!(
        s.desc("index.html", "bien-dong-desc"),
        "Từ 2023 đến 2024, 5 tỉnh: Ninh Thuận tăng nhiều nhất (+1 hạng, từ 4 lên 3); Hà Nội, Khánh Hòa và Tuyên Quang cùng giảm nhiều nhất (−1 hạng)."
    );
    assert_eq!(
        s.desc("en/index.html", "bien-dong-desc"),
        "From 2023 to 2024, 5 provinces: Ninh Thuan rose most (+1 place, from 4 to 3); Ha Noi, Khanh Hoa and Tuyen Quang shared the largest fall (−1 place)."
    );
    let (ok, report) = s.check();
    assert!(ok, "{report}");

    // The checker reads them: a phrase that puts a unit on the wrong side of the mean fails.
    let s = Site::new();
    s.write(
        "themes/default/i18n/vi.toml",
        "[claim]\nstanding_below = \"Năm {edition}, {measure} của {unit} là {value}, cao hơn trung bình cả nước ({mean}).\"\n",
    );
    let (ok, report) = s.check();
    assert!(!ok, "{report}");
    assert!(report.contains("the side of the mean is wrong"), "{report}");

    // And a rise worded as a fall.
    let s = Site::new();
    s.write(
        "themes/default/i18n/en.toml",
        "[claim]\nrose_most = { one = \"{name} fell most ({places} place, from {from} to {to})\", other = \"{name} fell most ({places} places, from {from} to {to})\" }\n",
    );
    let (ok, report) = s.check();
    assert!(!ok, "{report}");
    assert!(report.contains("output/en/index.html"), "{report}");
}
