//! Interface strings: one language's words, from the theme's `i18n/<lang>.toml`.
//!
//! Every word a page shows that is not data (labels, headings, captions, the phrases of generated
//! sentences) lives in `themes/default/i18n/{vi,en}.toml`, never in a Rust literal chosen by
//! language. A site may override any key in `themes/<theme>/i18n/<lang>.toml`; a key it leaves
//! out keeps the built-in text.
//!
//! Keys are dotted paths into nested TOML tables: `claim.leader` is `leader` in the `[claim]`
//! table. Values are strings with `{name}` placeholders ([`Strings::fill`]), or, for words that
//! depend on a count, tables of CLDR plural forms (`{ one = "…", other = "…" }`,
//! [`Strings::plural`]); Vietnamese has no plural forms, so its tables hold `other` only.
//!
//! Code binds the strings it uses as `t` (or `strings`) and passes literal keys, so the tests can
//! find every key the code asks for and check that both built-in files define it.

use std::sync::OnceLock;

use icu_plurals::{PluralCategory, PluralRules, PluralRulesPreferences};

use super::{Lang, integer};

/// The built-in interface strings, embedded in the binary.
const BUILTIN: &[(Lang, &str, &str)] = &[
    (
        Lang::Vi,
        "themes/default/i18n/vi.toml",
        include_str!("../../themes/default/i18n/vi.toml"),
    ),
    (
        Lang::En,
        "themes/default/i18n/en.toml",
        include_str!("../../themes/default/i18n/en.toml"),
    ),
];

/// One language's interface strings: the built-in file with a site's overrides applied.
#[derive(Clone, Debug, PartialEq)]
pub struct Strings {
    lang: Lang,
    table: toml::Table,
}

/// Why a site's override file cannot be applied as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OverrideProblem {
    /// Dotted key.
    pub key: String,
    /// What is wrong, in words for the site's author.
    pub message: String,
}

impl Strings {
    /// The built-in strings of `lang` (parsed once per process).
    pub fn builtin(lang: Lang) -> &'static Strings {
        static VI: OnceLock<Strings> = OnceLock::new();
        static EN: OnceLock<Strings> = OnceLock::new();
        let cell = match lang {
            Lang::Vi => &VI,
            Lang::En => &EN,
        };
        cell.get_or_init(|| {
            let (_, path, text) = BUILTIN
                .iter()
                .find(|(l, _, _)| *l == lang)
                .expect("every language has a built-in file");
            let table = toml::from_str(text)
                .unwrap_or_else(|e| panic!("built-in {path} is not valid TOML: {e}"));
            Strings { lang, table }
        })
    }

    /// The language these strings are in.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Applies a site's override table key by key: a key the site leaves out keeps the built-in
    /// text, a nested table is merged (a site may replace only `claim.leader`, or only the `other`
    /// form of a plural). Keys the built-in file lacks are added (a site's own templates may use
    /// them). A value whose kind differs from the built-in one (text where a table of plural forms
    /// is expected, or a number) is not applied and reported.
    pub fn with_overrides(&self, overrides: &toml::Table) -> (Strings, Vec<OverrideProblem>) {
        let mut table = self.table.clone();
        let mut problems = Vec::new();
        merge(&mut table, overrides, "", &mut problems);
        (
            Strings {
                lang: self.lang,
                table,
            },
            problems,
        )
    }

    /// The whole table, for templates (`{{ t.claim.leader }}`).
    pub fn table(&self) -> &toml::Table {
        &self.table
    }

    /// The text at a dotted key.
    ///
    /// A key absent from the built-in files is a bug in the code that asks for it (the tests look
    /// for every key the code uses); debug builds panic so that the test suite finds it, release
    /// builds show the key itself rather than an empty place.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        match lookup(&self.table, key) {
            Some(toml::Value::String(s)) => s,
            _ => self.missing(key, "a string"),
        }
    }

    /// The text at a dotted key, if the strings have it: for keys made from data (a chart's
    /// column names), where a missing word falls back to the data's own.
    pub fn find(&self, key: &str) -> Option<&str> {
        lookup(&self.table, key).and_then(toml::Value::as_str)
    }

    /// The text at `key` with each `{name}` replaced by its value in `args`. A placeholder with no
    /// value is left as written, so that a mistake shows on the page instead of vanishing.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill_placeholders(self.get(key), args, None)
    }

    /// The plural form of `key` for the count `n`, filled with `args` and `{n}` (formatted in the
    /// page's language: "1.234" / "1,234"). The TOML value is a table of CLDR plural categories;
    /// `other` is required, and is used whenever the language's rule picks a category the table
    /// lacks (Vietnamese always picks `other`).
    pub fn plural(&self, key: &str, n: usize, args: &[(&str, &str)]) -> String {
        let forms = match lookup(&self.table, key) {
            Some(toml::Value::Table(t)) => t,
            _ => return self.missing(key, "a table of plural forms").to_owned(),
        };
        let category = category_name(plural_category(self.lang, n));
        let text = match forms.get(category).or_else(|| forms.get("other")) {
            Some(toml::Value::String(s)) => s.as_str(),
            _ => return self.missing(key, "an `other` plural form").to_owned(),
        };
        let shown = integer(i64::try_from(n).unwrap_or(i64::MAX), self.lang);
        fill_placeholders(text, args, Some(&shown))
    }

    /// Every dotted key that holds text or a table of plural forms, in order.
    pub fn keys(&self) -> Vec<String> {
        let mut out = Vec::new();
        collect_keys(&self.table, "", &mut out);
        out
    }

    /// What [`get`](Self::get) and [`plural`](Self::plural) give for a key the built-in files lack.
    fn missing<'a>(&self, key: &'a str, what: &str) -> &'a str {
        debug_assert!(
            false,
            "interface string `{key}` ({what}) is missing from themes/default/i18n/{}.toml",
            self.lang.code()
        );
        key
    }
}

/// The value at a dotted key.
fn lookup<'t>(table: &'t toml::Table, key: &str) -> Option<&'t toml::Value> {
    let mut parts = key.split('.');
    let mut value = table.get(parts.next()?)?;
    for part in parts {
        value = value.as_table()?.get(part)?;
    }
    Some(value)
}

/// Whether a table is a set of plural forms (`one`/`other`…) rather than a group of keys.
fn is_plural(table: &toml::Table) -> bool {
    table.contains_key("other")
        && table.iter().all(|(k, v)| {
            PluralCategory::get_for_cldr_string(k).is_some() && matches!(v, toml::Value::String(_))
        })
}

fn collect_keys(table: &toml::Table, prefix: &str, out: &mut Vec<String>) {
    for (k, v) in table {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            toml::Value::Table(t) if !is_plural(t) => collect_keys(t, &key, out),
            _ => out.push(key),
        }
    }
}

fn merge(
    base: &mut toml::Table,
    over: &toml::Table,
    prefix: &str,
    problems: &mut Vec<OverrideProblem>,
) {
    for (k, v) in over {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match (base.get_mut(k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o, &key, problems),
            (Some(toml::Value::String(b)), toml::Value::String(o)) => o.clone_into(b),
            (Some(b), _) => problems.push(OverrideProblem {
                message: format!(
                    "`{key}` must be {}, like the built-in one",
                    kind(b).unwrap_or("text")
                ),
                key,
            }),
            (None, v) if kind(v).is_some() => {
                base.insert(k.clone(), v.clone());
            }
            (None, _) => problems.push(OverrideProblem {
                message: format!("`{key}` must be text in quotes, or a table of them"),
                key,
            }),
        }
    }
}

/// What kind of interface-string value this is, if it is one.
fn kind(v: &toml::Value) -> Option<&'static str> {
    match v {
        toml::Value::String(_) => Some("text in quotes"),
        toml::Value::Table(t) if is_plural(t) => {
            Some("a table of plural forms ({ one = \"…\", other = \"…\" })")
        }
        toml::Value::Table(t) => t
            .values()
            .all(|v| kind(v).is_some())
            .then_some("a table of strings"),
        _ => None,
    }
}

/// Replaces `{name}` by its value; `{n}` by `n` when given.
fn fill_placeholders(text: &str, args: &[(&str, &str)], n: Option<&str>) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            let v = args
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| *v)
                .or(if name == "n" { n } else { None })?;
            Some((v, close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{name}` placeholders a text uses, sorted.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = text
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name))
        .filter(|name| {
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The CLDR plural category of `n` in `lang`.
fn plural_category(lang: Lang, n: usize) -> PluralCategory {
    // PluralRules is not Sync (its data cart is reference-counted), so each render thread keeps
    // its own, built on first use from baked data.
    thread_local! {
        static RULES: [PluralRules; 2] = Lang::ALL.map(|lang| {
            let locale = lang
                .code()
                .parse()
                .expect("constant BCP 47 language code parses");
            // A bare language code has no -u- extensions to reject; Err still carries them.
            let prefs = PluralRulesPreferences::from_locale_strict(&locale).unwrap_or_else(|p| p);
            PluralRules::try_new_cardinal(prefs).expect("compiled plural data covers vi and en")
        });
    }
    let index = Lang::ALL
        .iter()
        .position(|l| *l == lang)
        .expect("Lang::ALL lists every language");
    RULES.with(|rules| rules[index].category_for(n))
}

fn category_name(c: PluralCategory) -> &'static str {
    match c {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use std::path::Path;

    fn strings(lang: Lang, text: &str) -> Strings {
        Strings {
            lang,
            table: toml::from_str(text).unwrap(),
        }
    }

    #[test]
    fn dotted_keys_reach_nested_tables() {
        let t = strings(
            Lang::Vi,
            "a = \"A\"\n[claim]\nleader = \"{name} dẫn đầu\"\n",
        );
        assert_eq!(t.get("a"), "A");
        assert_eq!(t.get("claim.leader"), "{name} dẫn đầu");
        assert_eq!(
            t.fill("claim.leader", &[("name", "Đà Nẵng")]),
            "Đà Nẵng dẫn đầu"
        );
    }

    #[test]
    fn fill_leaves_unknown_placeholders_and_braces_visible() {
        assert_eq!(
            fill_placeholders("{a} và {b}, {", &[("a", "x")], None),
            "x và {b}, {"
        );
        assert_eq!(
            fill_placeholders("{a}{a}", &[("a", "{a}")], None),
            "{a}{a}",
            "values are not expanded again"
        );
        assert_eq!(fill_placeholders("", &[], None), "");
    }

    #[test]
    fn plural_forms_follow_each_language() {
        let en = strings(
            Lang::En,
            "[tied]\none = \"{n} province scores {value}\"\nother = \"{n} provinces score {value}\"\n",
        );
        assert_eq!(
            en.plural("tied", 1, &[("value", "1.0000")]),
            "1 province scores 1.0000"
        );
        assert_eq!(
            en.plural("tied", 24, &[("value", "1.0000")]),
            "24 provinces score 1.0000"
        );
        assert_eq!(
            en.plural("tied", 0, &[("value", "1")]),
            "0 provinces score 1"
        );
        assert_eq!(
            en.plural("tied", 1234, &[]),
            "1,234 provinces score {value}"
        );
        let vi = strings(
            Lang::Vi,
            "tied = { other = \"{n} tỉnh cùng đạt {value}\" }\n",
        );
        assert_eq!(
            vi.plural("tied", 1, &[("value", "1,0000")]),
            "1 tỉnh cùng đạt 1,0000"
        );
        assert_eq!(vi.plural("tied", 1234, &[]), "1.234 tỉnh cùng đạt {value}");
    }

    #[test]
    fn overrides_apply_key_by_key() {
        let base = strings(
            Lang::En,
            "a = \"A\"\nb = \"B\"\n[claim]\nleader = \"L\"\nlast = \"Z\"\n[claim.tied]\none = \"1\"\nother = \"many\"\n",
        );
        let over: toml::Table = toml::from_str(
            "b = \"b2\"\nmine = \"M\"\n[claim]\nlast = \"Z2\"\n[claim.tied]\nother = \"lots\"\n",
        )
        .unwrap();
        let (t, problems) = base.with_overrides(&over);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(t.get("a"), "A", "kept");
        assert_eq!(t.get("b"), "b2", "replaced");
        assert_eq!(t.get("mine"), "M", "added for the site's own templates");
        assert_eq!(t.get("claim.leader"), "L", "kept inside a table");
        assert_eq!(t.get("claim.last"), "Z2");
        assert_eq!(t.plural("claim.tied", 1, &[]), "1");
        assert_eq!(t.plural("claim.tied", 2, &[]), "lots");
        // The built-in table itself is untouched.
        assert_eq!(base.get("b"), "B");
    }

    #[test]
    fn overrides_of_the_wrong_kind_are_reported_not_applied() {
        let base = strings(Lang::En, "a = \"A\"\n[tied]\none = \"1\"\nother = \"n\"\n");
        let over: toml::Table = toml::from_str("a = 3\ntied = \"x\"\nz = [1]\n").unwrap();
        let (t, problems) = base.with_overrides(&over);
        let keys: Vec<&str> = problems.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(keys, ["a", "tied", "z"]);
        assert!(problems[1].message.contains("plural"), "{problems:?}");
        assert_eq!(t.get("a"), "A");
        assert_eq!(t.plural("tied", 1, &[]), "1");
    }

    #[test]
    #[should_panic(expected = "missing from themes/default/i18n/vi.toml")]
    fn a_missing_key_is_a_bug_in_debug_builds() {
        strings(Lang::Vi, "a = \"A\"").get("no.such.key");
    }

    #[test]
    fn placeholders_are_listed_once() {
        assert_eq!(placeholders("{b} {a} {b} {} { x} {n}"), ["a", "b", "n"]);
    }

    fn leaf_texts(t: &Strings, key: &str) -> Vec<String> {
        match lookup(&t.table, key) {
            Some(toml::Value::String(s)) => vec![s.clone()],
            Some(toml::Value::Table(forms)) => forms
                .values()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            _ => vec![],
        }
    }

    /// Both built-in files define the same keys, with the same kind of value and the same
    /// placeholders, so no page in one language lacks a word the other has.
    #[test]
    fn builtin_languages_define_the_same_keys() {
        let vi = Strings::builtin(Lang::Vi);
        let en = Strings::builtin(Lang::En);
        let vk: BTreeSet<String> = vi.keys().into_iter().collect();
        let ek: BTreeSet<String> = en.keys().into_iter().collect();
        assert!(!vk.is_empty());
        assert_eq!(
            vk.difference(&ek).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "in vi.toml, not en.toml"
        );
        assert_eq!(
            ek.difference(&vk).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "in en.toml, not vi.toml"
        );
        for key in &vk {
            let is_plural_vi = matches!(lookup(&vi.table, key), Some(toml::Value::Table(_)));
            let is_plural_en = matches!(lookup(&en.table, key), Some(toml::Value::Table(_)));
            assert_eq!(
                is_plural_vi, is_plural_en,
                "`{key}`: text in one, plural in the other"
            );
            let ph = |t: &Strings| -> BTreeSet<String> {
                leaf_texts(t, key)
                    .iter()
                    .flat_map(|s| placeholders(s).into_iter().map(str::to_owned))
                    .filter(|p| p != "n")
                    .collect()
            };
            assert_eq!(
                ph(vi),
                ph(en),
                "`{key}`: placeholders differ between vi and en"
            );
            for text in leaf_texts(vi, key).iter().chain(&leaf_texts(en, key)) {
                assert!(!text.trim().is_empty(), "`{key}` is empty");
            }
        }
    }

    /// The string literals a Rust source passes to `t.get(…)`, `.fill(…)` and `.plural(…)`.
    fn scan_code(src: &str) -> Vec<String> {
        let mut out = Vec::new();
        for (call, receivers) in [
            (".get(", &["t", "strings", "words"][..]),
            (".fill(", &[][..]),
            (".plural(", &[][..]),
        ] {
            for (at, _) in src.match_indices(call) {
                let receiver: String = src[..at]
                    .trim_end()
                    .chars()
                    .rev()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                if !receivers.is_empty() && !receivers.contains(&receiver.as_str()) {
                    continue;
                }
                let Some(lit) = src[at + call.len()..].trim_start().strip_prefix('"') else {
                    continue;
                };
                let Some(end) = lit.find('"') else { continue };
                let key = &lit[..end];
                if !key.is_empty()
                    && key
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._".contains(c))
                {
                    out.push(key.to_owned());
                }
            }
        }
        out
    }

    /// Every key the crate's sources use, with the file it is in.
    fn keys_used_by_code() -> Vec<(String, String)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut out = Vec::new();
        for entry in walkdir::WalkDir::new(&root)
            .into_iter()
            .filter_map(Result::ok)
        {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "rs") || path.ends_with("text/i18n.rs") {
                continue;
            }
            let src = std::fs::read_to_string(path).unwrap();
            // Files that never touch interface strings may call other maps `t` (geo/read.rs).
            if !src.contains("Strings") && !src.contains("strings") {
                continue;
            }
            let file = path.strip_prefix(&root).unwrap().display().to_string();
            out.extend(scan_code(&src).into_iter().map(|k| (k, file.clone())));
        }
        out
    }

    /// Every `t.…` key a built-in template uses.
    fn keys_used_by_templates() -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (name, text) in crate::render::theme::DEFAULT_TEMPLATES {
            let bytes = text.as_bytes();
            for (at, _) in text.match_indices("t.") {
                // `t.` must start an expression, not end a longer name (`cat.x`, `figures.chart.x`).
                let prev = at.checked_sub(1).map(|i| bytes[i]);
                if prev.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.') {
                    continue;
                }
                let key: String = text[at + 2..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.')
                    .collect();
                let key = key.trim_end_matches('.');
                if !key.is_empty() {
                    out.push((key.to_owned(), format!("templates/{name}")));
                }
            }
        }
        out
    }

    /// Every `w("…")` key app.js asks for (its `[js]` table, read from the page).
    fn keys_used_by_script() -> Vec<(String, String)> {
        let js = include_str!("../../themes/default/static/app.js");
        js.match_indices("w(\"")
            .filter_map(|(at, _)| {
                let rest = &js[at + 3..];
                let key = &rest[..rest.find('"')?];
                Some((format!("js.{key}"), "static/app.js".to_owned()))
            })
            .collect()
    }

    #[test]
    fn the_script_holds_no_words_of_its_own() {
        let js = include_str!("../../themes/default/static/app.js");
        let used = keys_used_by_script();
        assert!(used.len() >= 8, "{used:?}");
        // No Vietnamese letters (outside the fold() table of đ): the words come from the page.
        let viet: Vec<&str> = js
            .lines()
            .filter(|l| !l.contains("đ/g"))
            .filter(|l| {
                l.chars().any(|c| {
                    "ăâêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
                        .contains(c.to_lowercase().next().unwrap_or(c))
                })
            })
            .collect();
        assert!(viet.is_empty(), "Vietnamese words in app.js: {viet:#?}");
        assert!(
            !js.contains("DTI") && !js.contains(".dti"),
            "app.js names an index"
        );
    }

    #[test]
    fn every_key_the_code_and_templates_use_is_built_in() {
        let used: Vec<(String, String)> = keys_used_by_code()
            .into_iter()
            .chain(keys_used_by_templates())
            .chain(keys_used_by_script())
            .collect();
        assert!(
            used.iter().any(|(_, f)| f.starts_with("templates/")),
            "the scan finds template keys"
        );
        for lang in Lang::ALL {
            let t = Strings::builtin(lang);
            let missing: Vec<String> = used
                .iter()
                .filter(|(k, _)| lookup(&t.table, k).is_none())
                .map(|(k, f)| format!("{k} (used in {f})"))
                .collect();
            assert!(
                missing.is_empty(),
                "keys missing from themes/default/i18n/{}.toml: {missing:#?}",
                lang.code()
            );
        }
    }

    #[test]
    fn the_key_scan_sees_calls() {
        // Guards the scanners themselves: one that finds nothing would let every key through.
        let src = r#"let a = t.get("claim.leader"); s.fill( "x_1", &[]);
            strings.plural("tied", n, &[]); map.get("title"); t.get(key); words
            .get("axis.year")"#;
        assert_eq!(scan_code(src), ["claim.leader", "axis.year", "x_1", "tied"]);
        let found = keys_used_by_templates();
        assert!(found.iter().any(|(k, _)| k == "skip"), "{found:?}");
    }
}
