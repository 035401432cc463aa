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
    assert!(stderr.is_empty(), "no warnings: {stderr}");
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
