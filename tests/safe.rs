//! Safe, repeatable builds: a build killed at any moment leaves the previous output exactly as
//! it was (and nothing that confuses the next build), two builds of the same input are
//! byte-identical, and the progress line only appears on a terminal.

use crate::common;

use std::path::Path;
use std::process::{Command, Stdio};

use common::{Fixture, snapshot};

fn chiso() -> Command {
    Command::new(env!("CARGO_BIN_EXE_chiso"))
}

/// A big site: `units` units over `years` years, two indicators, deterministic values.
fn big_site(root: &Path, units: usize, years: u16) {
    let w = |rel: &str, text: String| {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    let first = 2025 - years;
    let mut site = String::from("title = \"Chỉ số lớn\"\n");
    for y in first..2025 {
        site.push_str(&format!("\n[[editions]]\nid = \"{y}\"\nyear = {y}\n"));
    }
    w("content/site.toml", site);
    let mut units_csv =
        String::from("code,slug,name_vi,name_en,kind,region,valid_from,valid_to,successor\n");
    for u in 0..units {
        units_csv.push_str(&format!(
            "{:03},don-vi-{u:03},Đơn vị {u:03},Unit {u:03},Tỉnh,Vùng {},,,\n",
            u + 1,
            u % 6
        ));
    }
    w("content/units.csv", units_csv);
    w(
        "content/indicators.toml",
        "[[indicator]]\ncode = \"dti\"\nkind = \"index\"\nname = \"Chỉ số\"\nshort = \"CS\"\n\n[[indicator]]\ncode = \"ha-tang-so\"\nparent = \"dti\"\nkind = \"main\"\nname = \"Hạ tầng số\"\nshort = \"Hạ tầng\"\n".into(),
    );
    let mut seed: u64 = 42;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % 10000
    };
    for y in first..2025 {
        let mut csv = String::from("code,dti,ha-tang-so\n");
        for u in 0..units {
            csv.push_str(&format!("{:03},0.{:04},0.{:04}\n", u + 1, next(), next()));
        }
        w(&format!("content/data/{y}.csv"), csv);
    }
}

/// Folders next to the output that a build uses for its temporary work.
fn leftovers(parent: &Path) -> Vec<String> {
    std::fs::read_dir(parent)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".output-"))
        .collect()
}

/// Starts `chiso build` on `root` that stops at the pause point `point` (a hook of debug builds,
/// `CHISO_PAUSE_AT`), and returns it once it has stopped there.
fn build_paused_at(root: &Path, point: &str) -> std::process::Child {
    use std::io::BufRead;
    let mut child = chiso()
        .args(["build", "--root"])
        .arg(root)
        .env("CHISO_PAUSE_AT", point)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut said = String::new();
    for line in stderr.lines() {
        let line = line.unwrap();
        if line == format!("chiso: paused at {point}") {
            return child;
        }
        said.push_str(&line);
        said.push('\n');
    }
    let status = child.wait().unwrap();
    panic!("the build never reached `{point}` ({status}):\n{said}");
}

/// Kills a paused build and waits for it.
fn kill(mut child: std::process::Child) {
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success(), "the build was killed, not finished");
}

/// The one temporary folder a paused build has next to the output.
fn temporary(root: &Path) -> std::path::PathBuf {
    let names = leftovers(root);
    assert_eq!(names.len(), 1, "{names:?}");
    root.join(&names[0])
}

#[test]
fn killed_builds_leave_the_previous_output_untouched() {
    let f = Fixture::new();
    let root = f.root();
    // The previous site, as some earlier build left it.
    let output = f.output();
    std::fs::create_dir_all(output.join("tinh")).unwrap();
    std::fs::write(output.join("README.md"), "kept under git\n").unwrap();
    std::fs::write(output.join("index.html"), "<p>previous site</p>").unwrap();
    std::fs::write(output.join("tinh/index.html"), "<p>previous list</p>").unwrap();
    let before = snapshot(&output);

    // What a complete build produces (elsewhere), with the README carried over.
    let reference = root.join("reference");
    let status = chiso()
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(&reference)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let mut complete = snapshot(&reference);
    std::fs::remove_dir_all(&reference).unwrap();
    assert!(complete.len() > 50, "{} files", complete.len());
    complete.insert("README.md".into(), b"kept under git\n".to_vec());

    // Killed while writing: the first batch of pages is in the temporary folder, not the rest;
    // output/ is untouched.
    let child = build_paused_at(root, "write");
    let written = snapshot(&temporary(root)).len();
    assert!(
        written > 0 && written < complete.len(),
        "{written} of {} files written",
        complete.len()
    );
    kill(child);
    assert!(
        snapshot(&output) == before,
        "killed while writing: output changed"
    );

    // Killed with the new site complete but not swapped in: output/ is still the old site.
    let child = build_paused_at(root, "swap");
    let tmp = temporary(root);
    assert!(
        snapshot(&tmp) == complete,
        "the new site is written in full"
    );
    kill(child);
    assert!(
        snapshot(&output) == before,
        "killed before the swap: output changed"
    );
    // Its temporary folder is still there, for the next build to clean (this one cleaned the
    // folder of the build killed while writing).
    assert_eq!(
        leftovers(root),
        vec![tmp.file_name().unwrap().to_string_lossy()]
    );

    // Killed right after the swap: output/ is the whole new site; the old one waits aside.
    let child = build_paused_at(root, "swapped");
    let aside: Vec<_> = leftovers(root)
        .into_iter()
        .map(|n| snapshot(&root.join(n)))
        .collect();
    assert!(aside.contains(&before), "the old site is aside, whole");
    kill(child);
    assert!(
        snapshot(&output) == complete,
        "killed after the swap: not the new site"
    );

    // The next build cleans up what killed builds left and produces the complete site.
    let status = chiso()
        .args(["build", "--root"])
        .arg(root)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(leftovers(root), Vec::<String>::new());
    assert!(
        snapshot(&output) == complete,
        "the rebuilt site differs from a clean build"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    // The bundled site's second build is checked in tests/bundled.rs, beside its shared build.
    let fixture = Fixture::new();
    let out = tempfile::tempdir().unwrap();
    let mut sites = Vec::new();
    for n in 0..2 {
        let target = out.path().join(format!("site{n}"));
        // The first build draws every share card, the second reads them from the cache.
        chiso::site::build(&chiso::site::Options {
            root: fixture.root().to_path_buf(),
            output: Some(target.clone()),
            base_url: None,
            cache: Some(out.path().join("cache")),
        })
        .unwrap_or_else(|d| panic!("{d}"));
        sites.push(snapshot(&target));
    }
    assert!(sites[0].len() > 10);
    assert!(sites[0] == sites[1], "builds differ");
}

#[test]
fn progress_only_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    big_site(dir.path(), 60, 4);
    // With its address known, a build has nothing to warn about (the base_url warning would
    // be on stderr otherwise).
    let out = chiso()
        .args(["build", "--base-url", "https://example.org/", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "quiet when stderr is not a terminal: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Under a pseudo-terminal (`script`, from util-linux: on every Linux), a long build shows
    // its progress line.
    let cmd = format!(
        "{} build --root {}",
        env!("CARGO_BIN_EXE_chiso"),
        dir.path().display()
    );
    let out = Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .output()
        .expect("`script` (util-linux) gives the build a terminal");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("rendering pages"), "{text}");
    assert!(text.contains("built "), "{text}");
}

#[test]
fn build_recovers_a_site_left_aside_by_a_killed_swap() {
    let f = Fixture::new();
    f.build_ok();
    let good = snapshot(&f.output());
    // As if a build died between moving the old site aside and moving the new one in.
    let aside = f.root().join(".output-old-4999999");
    std::fs::rename(f.output(), &aside).unwrap();
    std::fs::create_dir_all(f.root().join(".output-new-4999998/tinh")).unwrap();
    f.write("content/data/2023.csv", "code,dti\n01,7\n");
    assert!(f.build().is_err());
    f.write(
        "content/data/2023.csv",
        "code,dti,ha-tang-so\n01,0.7448,0.6901\n48,0.8340,0.8362\n56,0.6869,0.7120\n58,0.6552,0.7625\n",
    );
    f.build_ok();
    assert_eq!(leftovers(f.root()), Vec::<String>::new());
    assert!(snapshot(&f.output()) == good);
}

/// The pages of the plan, in the order the build renders them.
fn plan_urls(root: &Path) -> Vec<String> {
    let site = chiso::site::load(&chiso::site::Options {
        root: root.to_path_buf(),
        ..Default::default()
    })
    .unwrap_or_else(|d| panic!("{d}"));
    site.plan.pages.iter().map(|p| p.file()).collect()
}

#[test]
fn batched_builds_write_the_same_bytes_whatever_the_batch_size() {
    let f = Fixture::new();
    let pages = plan_urls(f.root()).len();
    let out = tempfile::tempdir().unwrap();
    let mut sites = Vec::new();
    // One page at a time, a few, and everything in one batch.
    for batch in [1, 7, pages + 1] {
        let target = out.path().join(format!("site{batch}"));
        let summary = chiso::site::build_in_batches(
            &chiso::site::Options {
                root: f.root().to_path_buf(),
                output: Some(target.clone()),
                cache: Some(out.path().join(format!("cache{batch}"))),
                ..Default::default()
            },
            batch,
            &|_, _, _| {},
        )
        .unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(summary.pages, pages, "every planned page is written");
        sites.push(snapshot(&target));
    }
    assert!(
        pages > 7 * 3,
        "the fixture needs several batches: {pages} pages"
    );
    assert!(sites[0].len() > pages);
    assert!(
        sites[0] == sites[1] && sites[1] == sites[2],
        "batch size changed the output"
    );
}

#[test]
fn a_page_failing_after_written_batches_leaves_the_output_untouched() {
    let f = Fixture::new();
    f.build_ok();
    let good = snapshot(&f.output());
    // Khánh Hòa's share card cannot be drawn (the card font has no snowman): its pages fail,
    // after the batches of the pages planned before them were written.
    f.write(
        "content/units.csv",
        &f.read("content/units.csv")
            .replace("Khánh Hòa,Khanh Hoa", "Khánh Hòa ☃,Khanh Hoa ☃"),
    );
    let first_failing = plan_urls(f.root())
        .iter()
        .position(|p| p.contains("khanh-hoa"))
        .unwrap();
    assert!(
        first_failing >= 4,
        "batches were written before the failure"
    );
    let err = chiso::site::build_in_batches(
        &chiso::site::Options {
            root: f.root().to_path_buf(),
            ..Default::default()
        },
        2,
        &|_, _, _| {},
    )
    .err()
    .expect("a card that cannot be drawn fails the build");
    let text = err.to_string();
    assert!(
        text.contains("card.png") && text.contains("U+2603"),
        "{text}"
    );
    assert_eq!(leftovers(f.root()), Vec::<String>::new());
    assert!(
        snapshot(&f.output()) == good,
        "the previous output is untouched"
    );
}

/// A site of `units` units over two editions whose values depend only on the unit and the
/// year, so a bigger site keeps every value of a smaller one.
fn grown_site(root: &Path, units: usize) {
    let w = |rel: &str, text: String| {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    w(
        "content/site.toml",
        "title = \"Chỉ số lớn\"\n\n[[editions]]\nid = \"2023\"\nyear = 2023\n\n[[editions]]\nid = \"2024\"\nyear = 2024\n".into(),
    );
    let mut units_csv =
        String::from("code,slug,name_vi,name_en,kind,region,valid_from,valid_to,successor\n");
    for u in 0..units {
        units_csv.push_str(&format!(
            "{:04},don-vi-{u:04},Đơn vị {u:04},Unit {u:04},Tỉnh,Vùng {},,,\n",
            u + 1,
            u % 6
        ));
    }
    w("content/units.csv", units_csv);
    w(
        "content/indicators.toml",
        "[[indicator]]\ncode = \"dti\"\nkind = \"index\"\nname = \"Chỉ số\"\nshort = \"CS\"\n\n[[indicator]]\ncode = \"ha-tang-so\"\nparent = \"dti\"\nkind = \"main\"\nname = \"Hạ tầng số\"\nshort = \"Hạ tầng\"\n".into(),
    );
    let value = |u: usize, y: usize, k: usize| {
        let h = (u as u64 + 1)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
            .wrapping_add(((y * 31 + k) as u64).wrapping_mul(0xbf58_476d_1ce4_e5b9));
        1000 + (h >> 40) % 8999
    };
    for y in [2023, 2024] {
        let mut csv = String::from("code,dti,ha-tang-so\n");
        for u in 0..units {
            csv.push_str(&format!(
                "{:04},0.{:04},0.{:04}\n",
                u + 1,
                value(u, y, 0),
                value(u, y, 1)
            ));
        }
        w(&format!("content/data/{y}.csv"), csv);
    }
}

/// The HTML of a unit's profile and of its page for 2024, rendered alone.
fn unit_pages(root: &Path, slug: &str) -> Vec<(String, usize)> {
    use chiso::plan::PageKind;
    let site = chiso::site::load(&chiso::site::Options {
        root: root.to_path_buf(),
        ..Default::default()
    })
    .unwrap_or_else(|d| panic!("{d}"));
    let u = site.dataset.unit_by_slug(slug).unwrap();
    let mut out = Vec::new();
    for lang in &site.config.languages {
        for kind in [
            PageKind::Province(u),
            PageKind::ProvinceEdition(u, chiso::model::EditionId::new(1)),
        ] {
            let page = site.plan.page(kind, *lang).unwrap();
            let r = chiso::render::page(&site.ctx(), &site.renderer, &site.theme, page)
                .unwrap_or_else(|d| panic!("{d}"));
            let (path, html) = r
                .files
                .into_iter()
                .find(|(p, _)| p.ends_with(".html"))
                .unwrap();
            if let Some(dir) = std::env::var_os("CHISO_DUMP") {
                let name = format!("{}-{}", site.dataset.units.len(), path.replace('/', "_"));
                std::fs::write(Path::new(&dir).join(name), &html).unwrap();
            }
            out.push((path, html.len()));
        }
    }
    out
}

#[test]
fn unit_pages_do_not_grow_with_the_number_of_units() {
    let (small, big) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    grown_site(small.path(), 60);
    grown_site(big.path(), 560);
    let (before, after) = (
        unit_pages(small.path(), "don-vi-0030"),
        unit_pages(big.path(), "don-vi-0030"),
    );
    for ((page, a), (_, b)) in before.iter().zip(&after) {
        let change = (*b as f64 - *a as f64).abs() / *a as f64;
        assert!(
            change < 0.02,
            "{page}: {a} → {b} bytes with 500 more units ({:.1} %)",
            change * 100.0
        );
    }
}
