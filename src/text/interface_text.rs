//! A test that keeps interface text out of Rust: every word a page shows lives in the theme's
//! `i18n/{vi,en}.toml` ([`super::Strings`]), never in a string literal chosen by language.
//!
//! It reads every `src/**/*.rs` outside the independent claim checker (`src/check/`, which must
//! not share words with the writer), test files and `#[cfg(test)]` modules, and fails on a
//! string literal that holds a Vietnamese letter with a diacritic, or one of the English phrases
//! that used to be written in Rust. A short allow-list names the files whose literals are data,
//! each with its reason.

use std::path::Path;

/// Files whose Vietnamese literals are data, not interface text.
const ALLOWED: &[(&str, &str)] = &[
    (
        "scaffold.rs",
        "the example site `chiso new` writes (its site.toml, data and pages): content of another \
         site, not chiso's interface",
    ),
    (
        "geo/mod.rs",
        "names of the two archipelagos drawn on Vietnam's map, with their English names: map data",
    ),
    (
        "text/slug.rs",
        "an author's error message showing a Vietnamese name as the example of what not to write",
    ),
    (
        "data/aliases.rs",
        "an author's error message showing a Vietnamese alias as the example of a row",
    ),
];

/// English words and phrases of the interface that were once written in Rust (chart legends and
/// titles, the map's description, the shortcode table's headers): a literal holding one of them
/// is interface text coming back.
const ENGLISH: &[&str] = &[
    "National mean",
    "Highest – lowest",
    "Rank neighbours",
    "Middle half",
    "Main indicators of",
    "value of {} by year",
    "rank of {} by year",
    "Distribution of {} values",
    "ranking, {",
    "rank changes from",
    "values in {",
    "Map of {",
    "quantile classes",
    "light to dark",
    "No data",
];

/// Whole literals that are English interface words.
const ENGLISH_WORDS: &[&str] = &[
    "Rose",
    "Fell",
    "Unchanged",
    "Year",
    "Value",
    "Rank",
    "Rank change",
    "Median",
    "Mean",
    "Lowest",
    "Highest",
    "not published",
];

/// Letters only Vietnamese uses among the site's languages (with their capitals).
fn is_vietnamese_letter(c: char) -> bool {
    "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
        .contains(c.to_lowercase().next().unwrap_or(c))
}

/// A string literal of the code and the line it starts on.
#[derive(Debug, PartialEq)]
struct Literal {
    line: usize,
    text: String,
}

/// The string literals of `src` outside `#[cfg(test)] mod … { … }` blocks. A small lexer:
/// comments, char literals, lifetimes, plain, byte and raw strings are told apart, so braces
/// inside strings do not upset the block matching.
fn literals(src: &str) -> Vec<Literal> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    // The code with every literal and comment blanked out, to find test modules in.
    let mut code = String::with_capacity(src.len());
    // For each char of `code`, the literal it starts (if any).
    let mut starts: Vec<Option<usize>> = Vec::with_capacity(src.len());
    let mut line = 1;
    let mut i = 0;
    let push_code = |code: &mut String, starts: &mut Vec<Option<usize>>, c: char, lit| {
        code.push(c);
        starts.push(lit);
    };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if chars[i] == '\n' {
                        line += 1;
                        push_code(&mut code, &mut starts, '\n', None);
                    }
                    i += 1;
                }
            }
            continue;
        }
        // Raw strings: r"…", r#"…"#, br"…".
        let raw_at = if c == 'r' {
            Some(i + 1)
        } else if c == 'b' && next == Some('r') {
            Some(i + 2)
        } else {
            None
        };
        let ident_before = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        if let (Some(mut j), false) = (raw_at, ident_before) {
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) == Some(&'"') {
                let start_line = line;
                let mut text = String::new();
                j += 1;
                loop {
                    match chars.get(j) {
                        None => break,
                        Some('"') if (1..=hashes).all(|k| chars.get(j + k) == Some(&'#')) => {
                            j += 1 + hashes;
                            break;
                        }
                        Some(&ch) => {
                            if ch == '\n' {
                                line += 1;
                            }
                            text.push(ch);
                            j += 1;
                        }
                    }
                }
                out.push(Literal {
                    line: start_line,
                    text,
                });
                push_code(&mut code, &mut starts, '"', Some(out.len() - 1));
                i = j;
                continue;
            }
        }
        if c == '"' {
            let start_line = line;
            let mut text = String::new();
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                if chars[j] == '\\' {
                    // Keep escapes as written; a line continuation is not a letter.
                    text.push(chars[j]);
                    j += 1;
                }
                if let Some(&ch) = chars.get(j) {
                    if ch == '\n' {
                        line += 1;
                    }
                    text.push(ch);
                }
                j += 1;
            }
            out.push(Literal {
                line: start_line,
                text,
            });
            push_code(&mut code, &mut starts, '"', Some(out.len() - 1));
            i = j + 1;
            continue;
        }
        if c == '\'' {
            // A char literal ('x', '\n', '\u{1F600}') or a lifetime ('a).
            let end = if next == Some('\\') {
                (i + 3..chars.len()).find(|&k| chars[k] == '\'')
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            if let Some(end) = end {
                push_code(&mut code, &mut starts, '\'', None);
                i = end + 1;
                continue;
            }
        }
        if c == '\n' {
            line += 1;
        }
        push_code(&mut code, &mut starts, c, None);
        i += 1;
    }
    // Blank out test modules: their literals are the tests' own data.
    let code_chars: Vec<char> = code.chars().collect();
    let mut dropped = vec![false; out.len()];
    let mut k = 0;
    while let Some(at) = code[k..].find("#[cfg(test)]").map(|a| a + k) {
        let at_char = code[..at].chars().count();
        let after = &code[at + "#[cfg(test)]".len()..];
        let item = after.trim_start();
        let is_mod = item.starts_with("mod ") || item.starts_with("pub mod ");
        let head_end = item.find(['{', ';']).unwrap_or(item.len());
        if is_mod && item[head_end..].starts_with('{') {
            let open = at_char
                + "#[cfg(test)]".len()
                + (after.len() - item.len())
                + item[..head_end].chars().count();
            let mut depth = 0;
            let mut close = code_chars.len();
            for (n, &ch) in code_chars.iter().enumerate().skip(open) {
                match ch {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            close = n;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            for lit in starts[open..close].iter().flatten() {
                dropped[*lit] = true;
            }
        }
        k = at + "#[cfg(test)]".len();
    }
    out.into_iter()
        .zip(dropped)
        .filter(|(_, d)| !d)
        .map(|(l, _)| l)
        .collect()
}

/// What is wrong with a literal, if it is interface text.
fn interface_text(lit: &str) -> Option<&'static str> {
    if lit.chars().any(is_vietnamese_letter) {
        return Some("Vietnamese words");
    }
    if ENGLISH.iter().any(|p| lit.contains(p)) || ENGLISH_WORDS.contains(&lit) {
        return Some("English interface words");
    }
    None
}

#[test]
fn no_interface_text_is_written_in_rust() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    let mut allowed_used = vec![false; ALLOWED.len()];
    for entry in walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        let rel = path
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if path.extension().is_none_or(|e| e != "rs")
            || rel.starts_with("check/")
            || name == "tests.rs"
            || name == "testkit.rs"
            || rel == "text/interface_text.rs"
        {
            continue;
        }
        let src = std::fs::read_to_string(path).unwrap();
        for lit in literals(&src) {
            let Some(why) = interface_text(&lit.text) else {
                continue;
            };
            if let Some(a) = ALLOWED.iter().position(|(f, _)| *f == rel) {
                allowed_used[a] = true;
                continue;
            }
            found.push(format!("src/{rel}:{}: {why}: {:?}", lit.line, lit.text));
        }
    }
    assert!(
        found.is_empty(),
        "interface text written in Rust: put it in themes/default/i18n/{{vi,en}}.toml and look \
         it up with Strings (src/text/i18n.rs):\n{}",
        found.join("\n")
    );
    // An allow-list entry that no longer matches anything is stale: remove it.
    for ((file, _), used) in ALLOWED.iter().zip(allowed_used) {
        assert!(
            used,
            "src/{file} is allowed to hold Vietnamese data but holds none"
        );
    }
}

#[test]
fn the_scan_sees_literals_and_skips_tests_and_comments() {
    let src = r###"
// "Trung bình" in a comment
/* "Hạng" in a block comment */
fn f<'a>(x: &'a str) -> char {
    let _ = "Cao nhất";
    let _ = r#"Thấp "nhất""#;
    let _ = "{ not a block";
    let _ = '"';
    let _ = "National mean";
    'đ'
}
#[cfg(test)]
mod tests {
    fn g() { let _ = "Trung vị {"; }
}
fn h() { let _ = "Rank"; }
"###;
    let lits = literals(src);
    let texts: Vec<&str> = lits.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Cao nhất",
            "Thấp \"nhất\"",
            "{ not a block",
            "National mean",
            "Rank"
        ]
    );
    assert_eq!(lits[0].line, 5);
    let flagged: Vec<&str> = texts
        .iter()
        .copied()
        .filter(|t| interface_text(t).is_some())
        .collect();
    assert_eq!(
        flagged,
        ["Cao nhất", "Thấp \"nhất\"", "National mean", "Rank"]
    );
}
