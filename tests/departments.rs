//! The second example site (examples/so-nganh): another index than the DTI — departments of a
//! province scored 0–100 with 2 decimals on four other pillars — in one language. It must build
//! with nothing of the DTI in it, no English pages, and ranks that an independent reading of its
//! CSV files gives.

use std::path::{Path, PathBuf};
use std::process::Command;

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/so-nganh")
}

fn build(root: &Path, out: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_chiso"))
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(out)
        .output()
        .unwrap()
}

fn files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

/// Competition ranks of `code → value` read straight from a wide CSV, compared at 2 decimals.
fn oracle_ranks(csv: &str) -> Vec<(String, u32, String)> {
    let mut rows: Vec<(String, i64, String)> = csv
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            let v: f64 = f[1].parse().unwrap();
            (f[0].to_owned(), (v * 100.0).round() as i64, f[1].to_owned())
        })
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1));
    rows.iter()
        .map(|(code, key, text)| {
            let rank = 1 + rows.iter().filter(|r| r.1 > *key).count() as u32;
            (code.clone(), rank, text.replace('.', ","))
        })
        .collect()
}

#[test]
fn second_example_is_another_index_in_one_language() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let run = build(&example(), &out);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning"))
        .collect();
    assert_eq!(warnings.len(), 1, "only the base_url warning: {stderr}");

    // One language: no English pages, no switch, no hreflang alternates, no English search index.
    assert!(!out.join("en").exists());
    for f in files(&out) {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        for word in [
            "DTI",
            "Bộ Thông tin",
            "chuyển đổi số cấp tỉnh\"",
            "hreflang=\"en\"",
            "/en/",
        ] {
            assert!(!text.contains(word), "{} contains {word:?}", f.display());
        }
    }
    let read = |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap();

    // Its own units under its own segment, its own pillars, its own scale and precision.
    let ranking = read("xep-hang/2024/index.html");
    assert!(ranking.contains("Giá trị trong khoảng 0–100, làm tròn 2 chữ số thập phân"));
    assert!(read("so-nganh/so-tai-chinh/index.html").contains("Sở Tài chính"));
    assert!(read("xep-hang/2024/minh-bach/index.html").contains("Tính minh bạch"));
    // Every unit's rank and value, as an independent reading of the CSV gives them (a tie at the
    // top: both first, the next third).
    let csv = std::fs::read_to_string(example().join("content/data/2024.csv")).unwrap();
    let units = std::fs::read_to_string(example().join("content/units.csv")).unwrap();
    let name = |code: &str| {
        units
            .lines()
            .find(|l| l.starts_with(&format!("{code},")))
            .unwrap()
            .split(',')
            .nth(2)
            .unwrap()
            .to_owned()
    };
    let ranks = oracle_ranks(&csv);
    assert_eq!(ranks.iter().filter(|r| r.1 == 1).count(), 2);
    assert!(ranks.iter().all(|r| r.1 != 2));
    for (code, rank, value) in &ranks {
        let row = format!(
            "<th scope=\"row\">{rank}</th><td class=\"num\">{}</td>",
            name(code)
        );
        assert!(ranking.contains(&row), "{row}");
        // The value at the published precision, also when it is whole (71,00).
        let at = ranking.find(&row).unwrap();
        let cells: String = ranking[at..].chars().take(200).collect();
        assert!(
            cells.contains(&format!(">{value}<")),
            "{code}: {value} in {cells}"
        );
    }
}

#[test]
fn languages_setting_is_checked() {
    for (setting, message) in [
        ("languages = [\"en\"]", "Vietnamese (`vi`) is required"),
        ("languages = [\"vi\", \"vi\"]", "`vi` is listed twice"),
        (
            "languages = [\"vi\", \"fr\"]",
            "`fr` is not a language chiso publishes",
        ),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        for f in files(&example()) {
            let rel = f.strip_prefix(example()).unwrap();
            std::fs::create_dir_all(root.join(rel).parent().unwrap()).unwrap();
            std::fs::copy(&f, root.join(rel)).unwrap();
        }
        let site = root.join("content/site.toml");
        let text = std::fs::read_to_string(&site).unwrap();
        std::fs::write(&site, text.replace("languages = [\"vi\"]", setting)).unwrap();
        let run = build(&root, &tmp.path().join("out"));
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(!run.status.success(), "{setting}");
        assert!(stderr.contains(message), "{setting}: {stderr}");
        assert!(
            stderr.contains("content/site.toml:9"),
            "{setting}: {stderr}"
        );
        assert!(!tmp.path().join("out").exists());
    }
}
