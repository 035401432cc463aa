//! Full-build benchmark: the bundled DTI site and a synthetic site scaled up from it.
//! Run with `cargo bench --bench build`; prints median wall times (no timed tests anywhere).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Writes a synthetic site: `units` provinces, `years` editions, `indicators` main indicators.
fn scaled_site(dir: &Path, units: usize, years: usize, indicators: usize) {
    let w = |rel: &str, text: &str| {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    let mut site = String::from("title = \"Chỉ số mô phỏng\"\n");
    for y in 0..years {
        let _ = write!(
            site,
            "[[editions]]\nid = \"{}\"\nyear = {}\n",
            2000 + y,
            2000 + y
        );
    }
    w("content/site.toml", &site);
    let mut csv =
        String::from("code,slug,name_vi,name_en,kind,region,valid_from,valid_to,successor\n");
    for u in 0..units {
        let _ = writeln!(
            csv,
            "{:04},tinh-{u},Tỉnh Đắk {u},Province {u},Tỉnh,Vùng {},,,",
            u + 1,
            u % 6
        );
    }
    w("content/units.csv", &csv);
    let mut toml =
        String::from("[[indicator]]\ncode = \"dti\"\nkind = \"index\"\nname = \"Chỉ số\"\n");
    for i in 0..indicators {
        let _ = write!(
            toml,
            "[[indicator]]\ncode = \"chi-so-{i}\"\nparent = \"dti\"\nkind = \"main\"\nname = \"Chỉ số chính {i}\"\n"
        );
    }
    w("content/indicators.toml", &toml);
    for y in 0..years {
        let mut data = String::from("code,dti");
        for i in 0..indicators {
            let _ = write!(data, ",chi-so-{i}");
        }
        data.push('\n');
        for u in 0..units {
            let _ = write!(data, "{:04}", u + 1);
            for i in 0..=indicators {
                // Deterministic pseudo-random values in 0..1 with some ties.
                let v = ((u * 7919 + y * 104_729 + i * 1_299_709) % 10_000) as f64 / 10_000.0;
                let _ = write!(data, ",{v:.4}");
            }
            data.push('\n');
        }
        w(&format!("content/data/{}.csv", 2000 + y), &data);
    }
    w(
        "content/commentary/_index.md",
        "+++\ntitle = \"Trang chủ\"\n+++\nMô phỏng.\n",
    );
}

/// Median wall time of `runs` full builds; `cache` is the share-card cache folder (empty: off).
fn time_builds(root: &Path, runs: usize, cache: &Path) -> (Duration, usize) {
    let out = tempfile::tempdir().unwrap();
    let opts = chiso::site::Options {
        root: root.to_path_buf(),
        output: Some(out.path().join("site")),
        base_url: None,
        cache: Some(cache.to_path_buf()),
    };
    let mut times = Vec::new();
    let mut pages = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let s = chiso::site::build(&opts).unwrap_or_else(|d| panic!("{d}"));
        times.push(t.elapsed());
        pages = s.pages;
    }
    times.sort();
    (times[runs / 2], pages)
}

fn main() {
    let bundled = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let (t, pages) = time_builds(&bundled, 3, Path::new(""));
    println!(
        "bundled DTI site, cards drawn (no cache): {pages} pages, median {:.0} ms over 3 builds",
        t.as_secs_f64() * 1e3
    );
    let cache = tempfile::tempdir().unwrap();
    time_builds(&bundled, 1, cache.path());
    let (t, pages) = time_builds(&bundled, 5, cache.path());
    println!(
        "bundled DTI site, warm card cache: {pages} pages, median {:.0} ms over 5 builds",
        t.as_secs_f64() * 1e3
    );
    let dir = tempfile::tempdir().unwrap();
    scaled_site(dir.path(), 630, 10, 20);
    let cache = tempfile::tempdir().unwrap();
    time_builds(dir.path(), 1, cache.path());
    let (t, pages) = time_builds(dir.path(), 3, cache.path());
    println!(
        "scaled site (630 units x 10 years x 21 indicators), warm card cache: {pages} pages, median {:.2} s over 3 builds",
        t.as_secs_f64()
    );
}
