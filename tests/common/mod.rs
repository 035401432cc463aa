//! A small fixture site built through one helper into a temp dir (zola's `build_site` idea).

#![allow(dead_code)]

pub mod mutate;
pub mod recipes;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chiso::diagnostics::Diagnostics;
use chiso::site::{Options, Summary};

/// A throw-away site folder.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

const SITE: &str = r#"title = "Chỉ số thử nghiệm"
description = "Một trang thử."
featured = "2023"

[[editions]]
id = "2022"
year = 2022

[[editions]]
id = "2023"
year = 2023
"#;

const UNITS: &str = "code,slug,name_vi,name_en,kind,region,valid_from,valid_to,successor
01,ha-noi,Hà Nội,Ha Noi,Thành phố,Đồng bằng sông Hồng,,,
48,da-nang,Đà Nẵng,Da Nang,Thành phố,Miền Trung,,,
56,khanh-hoa,Khánh Hòa,Khanh Hoa,Tỉnh,Miền Trung,,,
58,ninh-thuan,Ninh Thuận,Ninh Thuan,Tỉnh,Miền Trung,,2025-06-30,khanh-hoa
";

const INDICATORS: &str = r#"[[indicator]]
code = "dti"
kind = "index"
name = "Chỉ số chuyển đổi số"
name_en = "Digital Transformation Index"
short = "DTI"

[[indicator]]
code = "ha-tang-so"
parent = "dti"
kind = "main"
name = "Hạ tầng số"
short = "Hạ tầng"
from = 2022
"#;

/// 2022: official ranks with a tie; 2023: computed.
const Y2022: &str = "code,dti,rank:dti,ha-tang-so\n01,0.6098,2,0.6677\n48,0.8002,1,0.8253\n56,0.5934,4,0.6190\n58,0.6098,2,0.5783\n";
const Y2023: &str =
    "code,dti,ha-tang-so\n01,0.7448,0.6901\n48,0.8340,0.8362\n56,0.6869,0.7120\n58,0.6552,0.7625\n";

impl Fixture {
    /// A small valid site: 4 units, 2 editions, 2 indicators, some commentary.
    pub fn new() -> Fixture {
        let f = Fixture {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        f.write("content/site.toml", SITE);
        f.write("content/units.csv", UNITS);
        f.write("content/indicators.toml", INDICATORS);
        f.write("content/data/2022.csv", Y2022);
        f.write("content/data/2023.csv", Y2023);
        f.write(
            "content/commentary/_index.md",
            "+++\ntitle = \"Trang chủ\"\n+++\nXin chào.\n",
        );
        f.write("content/commentary/2023/ninh-thuan.md", "+++\ntitle = \"Ninh Thuận 2023\"\n+++\nNinh Thuận đạt 0,6552. Xem [Đà Nẵng](/tinh/da-nang/).\n");
        f.write(
            "content/commentary/pages/gioi-thieu.md",
            "+++\ntitle = \"Giới thiệu\"\n+++\nTrang thử.\n",
        );
        f
    }

    /// A copy of `other`'s folder (content and output): a built fixture is copied rather than
    /// built again.
    pub fn copy_of(other: &Fixture) -> Fixture {
        let f = Fixture {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        for entry in walkdir::WalkDir::new(other.root()).min_depth(1) {
            let entry = entry.unwrap();
            let to = f
                .root()
                .join(entry.path().strip_prefix(other.root()).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
        f
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn output(&self) -> PathBuf {
        self.dir.path().join("output")
    }

    /// Writes a file under the site root, creating folders.
    pub fn write(&self, rel: &str, text: &str) {
        let p = self.dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// Reads a file under the site root.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Builds into `output/`.
    pub fn build(&self) -> Result<Summary, Diagnostics> {
        chiso::site::build(&Options {
            root: self.root().to_path_buf(),
            output: None,
            base_url: None,
            cache: None,
        })
    }

    /// Builds and panics with the diagnostics on failure.
    pub fn build_ok(&self) -> Summary {
        self.build()
            .unwrap_or_else(|d| panic!("build failed:\n{d}"))
    }

    /// The `<main>` element of an output page.
    pub fn main_of(&self, rel: &str) -> String {
        main_of(&self.read(&format!("output/{rel}")))
    }
}

/// The repository's own site, built once per test run into a temp folder shared by every test
/// that only reads it (tests/bundled.rs, tests/phone.rs), with a card cache of its own that
/// starts empty (so every share card is drawn).
pub struct Bundled {
    pub dir: tempfile::TempDir,
    pub out: PathBuf,
    /// What the build reported (asserted in tests/bundled.rs).
    pub warnings: Diagnostics,
}

/// How the bundled site is built into `out`, with its card cache in `dir/cache`.
pub fn bundled_options(dir: &Path, out: PathBuf) -> Options {
    Options {
        root: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
        output: Some(out),
        base_url: None,
        cache: Some(dir.join("cache")),
    }
}

/// The bundled site, built on first use (the other tests that need it wait for that build).
pub fn bundled() -> &'static Bundled {
    static BUILT: OnceLock<Bundled> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let summary = chiso::site::build(&bundled_options(dir.path(), out.clone()))
            .unwrap_or_else(|d| panic!("bundled site fails:\n{d}"));
        Bundled {
            dir,
            out,
            warnings: summary.warnings,
        }
    })
}

/// The `<main>…</main>` part of a page: what matters, without the chrome.
pub fn main_of(html: &str) -> String {
    let start = html.find("<main").expect("page has <main>");
    let end = html.find("</main>").expect("page has </main>");
    html[start..end].to_owned()
}

/// Every file under `dir` with its bytes, keyed by relative path.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Text with tags removed and whitespace collapsed, for checking what a reader sees.
pub fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every address of an HTML text (`href`, `src`, `srcset`…), read as a browser reads it by the
/// link checker's HTML reader (html5ever): nothing in comments or scripts, entities decoded.
pub fn links_of(html: &str) -> Vec<String> {
    chiso::check::links::scan(html)
        .links
        .into_iter()
        .map(|l| l.value)
        .collect()
}
