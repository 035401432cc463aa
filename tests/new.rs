//! `chiso new DIR` end to end through the binary: the example site builds at once, passes
//! `chiso check --strict`, shows its theme overrides, and nothing is ever overwritten.

use std::process::Command;

fn chiso(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_chiso"))
        .args(args)
        .output()
        .expect("run chiso")
}

#[test]
fn new_site_builds_checks_and_shows_its_overrides() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("chi-so-xanh");
    let out = chiso(&["new".as_ref(), dir.as_os_str()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("chiso build --root"));

    let out = chiso(&["build".as_ref(), "--root".as_ref(), dir.as_os_str()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    // A new site does not know its address yet: the one warning says what that costs.
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning"))
        .collect();
    assert_eq!(warnings.len(), 1, "only the base_url warning: {stderr}");
    assert!(warnings[0].contains("no base_url"), "{stderr}");
    let read = |rel: &str| std::fs::read_to_string(dir.join("output").join(rel)).unwrap();
    // Another index than the DTI: its own title, units, indicators and two years.
    let home = read("index.html");
    assert!(home.contains("Chỉ số Xanh đô thị"), "{home}");
    assert!(read("xep-hang/2023/index.html").contains("Đồi Thông"));
    assert!(read("xep-hang/2024/moi-truong/index.html").contains("Chất lượng môi trường"));
    assert!(read("tinh/doi-thong/2024/index.html").contains("xếp hạng 1/5"));
    // The theme overrides: a template copied with a visible tweak, one interface string.
    assert!(read("gioi-thieu/index.html").contains("Trang này dùng mẫu riêng của site"));
    assert!(!read("tinh/index.html").contains("Trang này dùng mẫu riêng"));
    assert!(home.contains("Trang ví dụ: số liệu giả định"));

    // Index-neutral: no output file names the DTI or its ministry (cards are checked in
    // scaffold.rs, before drawing). The index's names come from site.toml.
    let forbidden = [
        "DTI",
        "Bộ Thông tin",
        "Bộ Khoa học",
        "BTTTT",
        "Ministry",
        "chuyển đổi số",
        "Digital Transformation",
        "digital transformation",
    ];
    let mut files = 0;
    for entry in walkdir_files(&dir.join("output")) {
        let name = entry.to_string_lossy().to_string();
        assert!(!name.contains("dti"), "file name {name}");
        let bytes = std::fs::read(&entry).unwrap();
        if name.ends_with(".png") {
            continue;
        }
        files += 1;
        let text = if name.ends_with(".xlsx") {
            xlsx_text(&entry)
        } else {
            String::from_utf8(bytes).unwrap_or_else(|_| panic!("{name} is not text"))
        };
        for word in forbidden {
            assert!(!text.contains(word), "{name} contains {word:?}");
        }
    }
    assert!(files > 50, "{files} text files");
    assert!(
        home.contains("Chỉ số Xanh 2024"),
        "the short name heads the page"
    );
    let ranking = read("xep-hang/2024/index.html");
    assert!(
        ranking.contains(
            "\"creator\":{\"@type\":\"Organization\",\"name\":\"Ban Đô thị Xanh (giả định)\"}"
        ),
        "the index's publisher is the data's creator"
    );
    assert!(
        ranking.contains("<h1>Xếp hạng Chỉ số Xanh 2024</h1>"),
        "{ranking}"
    );
    assert!(home.contains("mailto:bientap@example.org"), "the contact");
    assert!(read("en/index.html").contains("Green Index 2024"));
    assert!(read("data/chi-so-xanh.csv").starts_with("year,edition,code"));
    assert!(home.contains("data/chi-so-xanh.csv"));

    let out = chiso(&[
        "check".as_ref(),
        "--root".as_ref(),
        dir.as_os_str(),
        "--strict".as_ref(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every cell of every sheet of a workbook, as text.
fn xlsx_text(path: &std::path::Path) -> String {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let mut out = String::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        for row in range.rows() {
            for cell in row {
                out.push_str(&cell.to_string());
                out.push('\n');
            }
        }
    }
    assert!(!out.is_empty(), "{} has cells", path.display());
    out
}

/// Every file under `dir`, recursively.
fn walkdir_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn new_refuses_a_folder_that_is_not_empty() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("ghi-chu.txt"), "của tôi").unwrap();
    let out = chiso(&["new".as_ref(), tmp.path().as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("the folder is not empty"));
    let names: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "nothing added");
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("ghi-chu.txt")).unwrap(),
        "của tôi"
    );
    // An empty folder is fine.
    let empty = tmp.path().join("trong");
    std::fs::create_dir(&empty).unwrap();
    assert!(chiso(&["new".as_ref(), empty.as_os_str()]).status.success());
}
