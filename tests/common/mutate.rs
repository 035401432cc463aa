//! Mutations of a real site, as a careless or hostile editor would make them: lines and cells
//! deleted, duplicated and swapped; numbers, dates, codes, slugs and file names replaced by
//! hostile ones; front matter and shortcodes broken; bytes flipped. Used by the bounded property
//! tests (tests/fuzz.rs) and by the long run (`cargo run --release --example fuzz`).

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// A small deterministic generator (SplitMix64): a seed replays the same mutations.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Names that must never reach the file system as given.
pub const HOSTILE_NAMES: &[&str] = &[
    "..",
    ".",
    "...",
    "../x",
    "..\\x",
    "/etc/passwd",
    "a/b",
    "%2e%2e",
    "%2f",
    "C:\\x",
    "x\0y",
    "404.html",
    "sitemap.xml",
    "robots.txt",
    "search",
    "static",
    "data",
    "en",
    "tinh",
    "xep-hang",
    "chi-so",
    "so-sanh",
    "province",
    "index.html",
    "con",
    "NUL",
    "Hà-Nội",
    "ha-noi",
    "HA-NOI",
    "Ha-Noi",
    "ha\u{300}-noi",
    "h\u{e0}-noi",
    "ha--noi",
    "-ha",
    "ha-",
    "",
    " ",
    "a b",
    "quang-ngai",
    "ninh-thuan",
    "2023",
    "2024-34",
    "dti",
    "ha-tang-so",
    "x.en",
    "\u{202e}lmth",
    "a\nb",
];

/// Numbers a spreadsheet or a typo can produce.
pub const HOSTILE_NUMBERS: &[&str] = &[
    "0",
    "1",
    "-1",
    "-0",
    "0.5",
    "0,5",
    "1e308",
    "-1e308",
    "1e-320",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "99999999999999999999",
    "0.123456789012345678901",
    "74.48",
    "1.",
    ".5",
    "0x10",
    "1_000",
    "١٢",
    "",
    " ",
    "—",
    "+0.3",
    "00001",
    "4294967296",
    "-2147483649",
    "18446744073709551616",
];

/// Dates, real and not.
pub const HOSTILE_DATES: &[&str] = &[
    "2025-06-31",
    "2025-02-31",
    "2025-02-29",
    "2024-02-29",
    "2025-13-01",
    "2025-00-10",
    "2025-01-00",
    "0000-01-01",
    "9999-12-31",
    "10000-01-01",
    "-2025-01-01",
    "2025-7-1",
    "30/06/2025",
    "2025-06-30T00:00",
    "",
    "2025",
    "2025-06",
    "1900-01-01",
    "2100-12-31",
];

/// Things to put in front matter.
const FRONT_MATTER: &[&str] = &[
    "title = 1",
    "title = \"\"",
    "titel = \"x\"",
    "title = \"a\"\ntitle = \"b\"",
    "weight = 99999999999999999999",
    "weight = -9223372036854775808",
    "weight = \"x\"",
    "description = [1, 2]",
    "[table]",
    "title = \"<script>alert(1)</script>\"",
    "+++",
    "\"unterminated",
];

/// Shortcode calls, good and bad.
const SHORTCODES: &[&str] = &[
    "{{ value() }}",
    "{{ value(unit=\"ninh-thuan\", edition=\"2021\") }}",
    "{{ value(unit=\"..\", edition=\"2099\") }}",
    "{{ rank(of=true) }}",
    "{{ rank(of=\"maybe\") }}",
    "{{ change(of=\"percent\") }}",
    "{{ change(of=\"x\") }}",
    "{{ mean(edition=\"2023\", indicator=\"nope\") }}",
    "{{ table(unit=\"ha-noi\") }}",
    "{{ units(edition=\"2020\") }}",
    "{{ name(unit=\"\") }}",
    "{{ nope() }}",
    "{{ value(unit=ninh-thuan) }}",
    "{{ value(unit=\"a\", unit=\"b\") }}",
    "{{ value(",
    "{{",
    "}}",
    "{{ value(unit=\"ninh-thuan\" edition=\"2021\") }}",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
];

/// Where commentary files may be moved to.
const COMMENTARY_PLACES: &[&str] = &[
    "pages/...md",
    "pages/..md",
    "pages/404.html.md",
    "pages/sitemap.xml.md",
    "pages/tinh.md",
    "pages/province.md",
    "pages/Gioi-Thieu.md",
    "pages/giới-thiệu.md",
    "pages/x.en.md",
    "pages/_index.md",
    "2099/ha-noi.md",
    "2023/khong-co.md",
    "tinh/khong-co.md",
    "tinh/ha-noi.en.md",
    "2024-34/ninh-thuan.md",
    "a/b/c.md",
    "_index.md",
];

/// Every file of a site under `root` that an editor writes (maps excluded: large and binary-ish).
pub fn editable_files(root: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| {
            let s = p.to_string_lossy();
            !s.contains("/maps/")
                && ["toml", "csv", "md", "xlsx"]
                    .iter()
                    .any(|x| s.ends_with(&format!(".{x}")))
        })
        .collect();
    out.sort();
    out
}

/// Applies one to three mutations to the site at `root`; returns what was done (for reports).
pub fn mutate_site(root: &Path, rng: &mut Rng) -> Vec<String> {
    let n = 1 + rng.below(3);
    (0..n).map(|_| mutate_once(root, rng)).collect()
}

fn mutate_once(root: &Path, rng: &mut Rng) -> String {
    let files = editable_files(root);
    if files.is_empty() {
        return "no files".into();
    }
    // Weight the files every build reads most.
    let path = match rng.below(10) {
        0 => root.join("content/site.toml"),
        1 => root.join("content/units.csv"),
        2 => root.join("content/indicators.toml"),
        _ => rng.pick(&files).clone(),
    };
    let shown = path
        .strip_prefix(root)
        .unwrap_or(&path)
        .display()
        .to_string();
    if path.extension().is_some_and(|e| e == "xlsx") {
        let mut bytes = std::fs::read(&path).unwrap_or_default();
        for _ in 0..1 + rng.below(8) {
            if !bytes.is_empty() {
                let i = rng.below(bytes.len());
                bytes[i] = rng.next() as u8;
            }
        }
        let _ = std::fs::write(&path, bytes);
        return format!("{shown}: bytes flipped");
    }
    let Ok(text) = std::fs::read_to_string(&path) else {
        return format!("{shown}: unreadable");
    };
    if rng.chance(6) {
        return mutate_theme(root, rng);
    }
    let kind = rng.below(16);
    let (new, what) = match kind {
        0 => lines(&text, rng, "delete a line", |l, r| {
            if !l.is_empty() {
                let i = r.below(l.len());
                l.remove(i);
            }
        }),
        1 => lines(&text, rng, "duplicate a line", |l, r| {
            if !l.is_empty() {
                let i = r.below(l.len());
                let line = l[i].clone();
                l.insert(r.below(l.len() + 1), line);
            }
        }),
        2 => lines(&text, rng, "swap two lines", |l, r| {
            if !l.is_empty() {
                let (i, j) = (r.below(l.len()), r.below(l.len()));
                l.swap(i, j);
            }
        }),
        3 => cells(&text, rng),
        4 => replace_token(&text, rng, is_number, HOSTILE_NUMBERS, "number"),
        5 => replace_token(&text, rng, is_date, HOSTILE_DATES, "date"),
        6 => replace_token(&text, rng, is_name, HOSTILE_NAMES, "code/slug"),
        7 => {
            let line = rng.pick(FRONT_MATTER).to_string();
            lines(&text, rng, "front matter", move |l, r| {
                let at = if l.first().is_some_and(|f| f == "+++") {
                    1
                } else {
                    r.below(l.len() + 1)
                };
                l.insert(at.min(l.len()), line.clone());
            })
        }
        8 => {
            let code = rng.pick(SHORTCODES).to_string();
            let at = char_boundary(&text, rng.below(text.len() + 1));
            (
                format!("{}{code}{}", &text[..at], &text[at..]),
                format!("insert `{code}`"),
            )
        }
        9 => {
            // Move a commentary file somewhere hostile.
            let commentary = root.join("content/commentary");
            if path.starts_with(&commentary) {
                let to = commentary.join(rng.pick(COMMENTARY_PLACES));
                let _ = std::fs::create_dir_all(to.parent().unwrap());
                let _ = std::fs::rename(&path, &to);
                return format!(
                    "{shown}: moved to {}",
                    to.strip_prefix(root).unwrap().display()
                );
            }
            replace_token(&text, rng, is_name, HOSTILE_NAMES, "code/slug")
        }
        10 => {
            let at = char_boundary(&text, rng.below(text.len() + 1));
            (text[..at].to_owned(), "truncate".into())
        }
        11 => (text.replace('\n', "\r\n"), "CRLF".into()),
        12 => (format!("\u{feff}{text}"), "byte-order mark".into()),
        13 => {
            // Invalid UTF-8 or a control character at a random place.
            let mut bytes = text.into_bytes();
            let at = rng.below(bytes.len() + 1);
            let options: [&[u8]; 6] = [b"\xff\xfe", b"\0", b"\x1b[31m", b"\"", b";", b","];
            let junk = *rng.pick(&options);
            bytes.splice(at..at, junk.iter().copied());
            let _ = std::fs::write(&path, bytes);
            return format!("{shown}: junk bytes");
        }
        14 => {
            // Add a workbook next to the CSV files (the XLSX reader), or a column to a table.
            let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
            let book = rng.pick(&["dti.xlsx", "bad.xlsx", "notes.xlsx"]);
            let _ = std::fs::copy(fixtures.join(book), root.join("content/data").join(book));
            return format!("content/data/{book} added");
        }
        _ => {
            // Repeat a header column (the last one wins, silently, in old readers).
            lines(&text, rng, "repeat a column", |l, r| {
                if let Some(first) = l.first_mut() {
                    let cols: Vec<String> = first.split(',').map(str::to_owned).collect();
                    let c = r.pick(&cols).clone();
                    first.push(',');
                    first.push_str(&c);
                }
            })
        }
    };
    let _ = std::fs::write(&path, new);
    format!("{shown}: {what}")
}

/// Breaks the site's theme: a template that does not parse, interface strings that are not TOML,
/// a static file with an unsafe name, or a theme that does not exist.
fn mutate_theme(root: &Path, rng: &mut Rng) -> String {
    let theme = root.join("themes/default");
    let w = |rel: &str, text: &str| {
        let p = theme.join(rel);
        let _ = std::fs::create_dir_all(p.parent().unwrap());
        let _ = std::fs::write(p, text);
    };
    match rng.below(5) {
        0 => w(
            "templates/page.html",
            "{% extends \"base.html\" %}{% block main %}{{ x( {% endblock %}",
        ),
        1 => w("i18n/vi.toml", "nav = [\n"),
        2 => w("static/bad name.css", "a{}"),
        3 => w(
            "templates/page.html",
            &[0xff_u8, 0xfe]
                .iter()
                .map(|&b| b as char)
                .collect::<String>(),
        ),
        _ => {
            let p = root.join("content/site.toml");
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            let _ = std::fs::write(
                &p,
                format!(
                    "theme = {:?}\n{text}",
                    rng.pick(&["missing", "../x", "Default"])
                ),
            );
            return "site.toml: theme".into();
        }
    }
    "theme broken".into()
}

fn char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn lines(
    text: &str,
    rng: &mut Rng,
    what: &str,
    f: impl FnOnce(&mut Vec<String>, &mut Rng),
) -> (String, String) {
    let mut l: Vec<String> = text.lines().map(str::to_owned).collect();
    f(&mut l, rng);
    let mut out = l.join("\n");
    out.push('\n');
    (out, what.to_owned())
}

/// Deletes, duplicates or swaps cells of one CSV line (or one `key = value` of TOML).
fn cells(text: &str, rng: &mut Rng) -> (String, String) {
    let op = rng.below(3);
    lines(
        text,
        rng,
        ["delete a cell", "duplicate a cell", "swap two cells"][op],
        |l, r| {
            if l.is_empty() {
                return;
            }
            let i = r.below(l.len());
            let mut c: Vec<String> = l[i].split(',').map(str::to_owned).collect();
            let (a, b) = (r.below(c.len()), r.below(c.len()));
            match op {
                0 => {
                    c.remove(a);
                }
                1 => {
                    let x = c[a].clone();
                    c.insert(b, x);
                }
                _ => c.swap(a, b),
            }
            l[i] = c.join(",");
        },
    )
}

fn is_number(t: &str) -> bool {
    !t.is_empty()
        && t.bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
        && t.bytes().any(|b| b.is_ascii_digit())
}

fn is_date(t: &str) -> bool {
    t.len() == 10 && t.as_bytes()[4] == b'-' && t.as_bytes()[7] == b'-'
}

fn is_name(t: &str) -> bool {
    t.len() > 1
        && t.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Replaces one token (split at separators and quotes) that `matches` with a hostile value.
fn replace_token(
    text: &str,
    rng: &mut Rng,
    matches: fn(&str) -> bool,
    values: &[&str],
    what: &str,
) -> (String, String) {
    let is_sep = |c: char| {
        matches!(
            c,
            ',' | ';' | '"' | '\n' | ' ' | '=' | '[' | ']' | '(' | ')'
        )
    };
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), '\n')))
    {
        match (is_sep(c), start) {
            (true, Some(s)) => {
                if matches(&text[s..i]) {
                    spans.push((s, i));
                }
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if spans.is_empty() {
        return (text.to_owned(), format!("no {what} to replace"));
    }
    let (s, e) = *rng.pick(&spans);
    let v = rng.pick(values);
    (
        format!("{}{v}{}", &text[..s], &text[e..]),
        format!("{what} `{}` → `{}`", &text[s..e], v.escape_debug()),
    )
}

/// Copies the site folder `from` (its `content/` and `themes/`) into `to`.
pub fn copy_site(from: &Path, to: &Path) {
    for sub in ["content", "themes"] {
        let base = from.join(sub);
        for e in walkdir::WalkDir::new(&base)
            .into_iter()
            .filter_map(Result::ok)
        {
            let rel = e.path().strip_prefix(from).unwrap();
            let dest = to.join(rel);
            if e.file_type().is_dir() {
                std::fs::create_dir_all(&dest).unwrap();
            } else if e.file_type().is_file() {
                // Maps are never mutated: a hard link saves copying megabytes per input.
                let is_map = rel.starts_with("content/maps");
                if !(is_map && std::fs::hard_link(e.path(), &dest).is_ok()) {
                    std::fs::copy(e.path(), &dest).unwrap();
                }
            }
        }
    }
}

/// What one input did.
pub struct Outcome {
    /// Loaded (and rendered, when asked) without an error.
    pub built: bool,
    /// Every diagnostic: its code (where chiso reports it), severity and text.
    pub diagnostics: Vec<(String, bool, String)>,
    /// Errors without a file to point at (should never happen).
    pub unlocated: Vec<String>,
}

/// How an input failed to give an answer.
#[derive(Debug)]
pub enum Failure {
    /// chiso panicked: a bug.
    Panic(String),
    /// No answer within the time limit: a hang.
    Hang,
}

/// Loads the site at `root` (and renders every page in memory when `render`), in a thread, with
/// a time limit; panics are caught and returned.
pub fn try_build(
    root: &Path,
    render: bool,
    limit: std::time::Duration,
) -> Result<Outcome, Failure> {
    let root = root.to_path_buf();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let r = std::panic::catch_unwind(|| {
            let opts = chiso::site::Options {
                root,
                cache: Some(PathBuf::new()),
                ..Default::default()
            };
            let (built, diags) = match chiso::site::load(&opts) {
                Ok(site) => {
                    if render {
                        match chiso::site::render(&site) {
                            Ok(_) => (true, site.warnings),
                            Err(mut d) => {
                                d.extend(site.warnings);
                                (false, d)
                            }
                        }
                    } else {
                        (true, site.warnings)
                    }
                }
                Err(d) => (false, d),
            };
            let items = diags.items();
            Outcome {
                built,
                diagnostics: items
                    .iter()
                    .map(|d| {
                        (
                            d.code(),
                            d.severity == chiso::diagnostics::Severity::Error,
                            d.message.clone(),
                        )
                    })
                    .collect(),
                unlocated: items
                    .iter()
                    .filter(|d| d.location.file.as_os_str().is_empty())
                    .map(|d| d.to_string())
                    .collect(),
            }
        });
        let _ = tx.send(r.map_err(|e| {
            e.downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "panic".into())
        }));
    });
    match rx.recv_timeout(limit) {
        Ok(Ok(o)) => Ok(o),
        Ok(Err(msg)) => Err(Failure::Panic(msg)),
        Err(_) => Err(Failure::Hang),
    }
}
