//! Property tests (proptest) over everything a site editor writes: names that become paths, the
//! CSV and XLSX readers, front matter, shortcodes, units.csv, indicators.toml and site.toml. For
//! every input: no panic, no hang, and either a build or errors that each name a file. A bounded
//! number of cases runs in `cargo test`; the long run is `cargo run --release --example fuzz`.

use crate::common;

use std::path::Path;
use std::time::Duration;

use chiso::output::{OutputDir, SitePath};
use common::mutate::{self, HOSTILE_NAMES, Rng};
use proptest::prelude::*;

/// One path segment: hostile names, or anything drawn from an alphabet of separators, dots,
/// percent escapes, NUL, case and Unicode variants.
fn segment() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(HOSTILE_NAMES).prop_map(str::to_owned),
        proptest::collection::vec(
            proptest::sample::select(vec![
                "a",
                "B",
                ".",
                "..",
                "/",
                "\\",
                "%2e",
                "%2f",
                "\0",
                ":",
                "-",
                "_",
                "é",
                "e\u{301}",
                "É",
                "ı",
                "K",
                "\u{212a}",
                " ",
                "~",
                "index.html",
                "404.html",
            ]),
            0..6,
        )
        .prop_map(|parts| parts.concat()),
    ]
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Case- and Unicode-insensitive key: what a macOS or Windows file system takes as one name.
fn fs_key(s: &str) -> String {
    chiso::text::nfc(s).to_lowercase()
}

proptest! {
    #![proptest_config(config(512))]

    /// No accepted path leaves the output folder, and no two accepted writes land on one file
    /// (also when they differ only by case or Unicode form).
    #[test]
    fn hostile_names_never_escape_or_collide(paths in proptest::collection::vec(
        proptest::collection::vec(segment(), 1..4).prop_map(|s| s.join("/")), 1..8)) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("out");
        let out = OutputDir::create(root.clone(), None).unwrap();
        let mut written: Vec<String> = Vec::new();
        for p in &paths {
            let Ok(rel) = SitePath::new(p) else { continue };
            prop_assert!(rel.as_str().is_ascii());
            if out.write(&rel, p.as_bytes()).is_ok() {
                for w in &written {
                    prop_assert_ne!(fs_key(w), fs_key(p));
                    prop_assert!(!fs_key(p).starts_with(&format!("{}/", fs_key(w))), "{} under file {}", p, w);
                    prop_assert!(!fs_key(w).starts_with(&format!("{}/", fs_key(p))), "{} under file {}", w, p);
                }
                written.push(p.clone());
            }
        }
        // Everything on disk is under the output folder and is one of the accepted writes.
        let canon = root.canonicalize().unwrap();
        let mut files = 0;
        for e in walkdir::WalkDir::new(dir.path()).into_iter().filter_map(Result::ok) {
            if e.file_type().is_file() {
                prop_assert!(e.path().canonicalize().unwrap().starts_with(&canon), "{}", e.path().display());
                files += 1;
            }
        }
        prop_assert_eq!(files, written.len());
    }

    /// A name that passes the slug check is a safe path segment and has one spelling.
    #[test]
    fn slugs_are_safe_and_canonical(s in segment()) {
        if chiso::text::slug_problem(&s).is_none() {
            prop_assert!(SitePath::new(&s).is_ok(), "{}", s);
            prop_assert_eq!(fs_key(&s), s.clone());
            prop_assert!(!s.contains('.'));
        }
    }
}

/// Errors of a failed input must each name a file.
fn check(o: &mutate::Outcome, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(o.unlocated.is_empty(), "{what}: {:?}", o.unlocated);
    prop_assert!(
        o.built || o.diagnostics.iter().any(|d| d.1),
        "{what}: failed without an error"
    );
    Ok(())
}

fn run(root: &Path, what: &str) -> Result<mutate::Outcome, TestCaseError> {
    match mutate::try_build(root, false, Duration::from_secs(60)) {
        Ok(o) => {
            check(&o, what)?;
            Ok(o)
        }
        Err(f) => Err(TestCaseError::fail(format!("{what}: {f:?}"))),
    }
}

proptest! {
    #![proptest_config(config(96))]

    /// The small fixture site, mutated: lines, cells, numbers, dates, codes, slugs, file names,
    /// front matter, shortcodes, bytes.
    #[test]
    fn mutated_fixture_site_builds_or_reports(seed in any::<u64>()) {
        let f = common::Fixture::new();
        let done = mutate::mutate_site(f.root(), &mut Rng(seed));
        run(f.root(), &format!("seed {seed}: {done:?}"))?;
    }

    /// Free text in each file an editor writes (front matter and shortcodes in commentary).
    #[test]
    fn random_text_in_each_input_builds_or_reports(
        file in proptest::sample::select(vec![
            "content/site.toml",
            "content/units.csv",
            "content/indicators.toml",
            "content/data/2023.csv",
            "content/commentary/2023/ninh-thuan.md",
            "content/commentary/pages/gioi-thieu.md",
        ]),
        at in any::<prop::sample::Index>(),
        text in "(\\PC|[\n,;\"=+{}()\\[\\]]){0,80}",
    ) {
        let f = common::Fixture::new();
        let old = f.read(file);
        let mut i = at.index(old.len() + 1);
        while !old.is_char_boundary(i) { i -= 1; }
        f.write(file, &format!("{}{text}{}", &old[..i], &old[i..]));
        run(f.root(), &format!("{file} at {i}: {text:?}"))?;
    }

    /// Any bytes as a CSV file: a table or located errors, never a panic.
    #[test]
    fn csv_reader_takes_any_bytes(bytes in proptest::collection::vec(
        prop_oneof![Just(b','), Just(b';'), Just(b'"'), Just(b'\n'), Just(b'\r'), any::<u8>()], 0..300)) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.csv");
        std::fs::write(&p, &bytes).unwrap();
        let mut d = chiso::diagnostics::Diagnostics::new();
        let t = chiso::data::table::Table::read(&p, Path::new("x.csv"), &mut d);
        prop_assert!(t.is_some() || d.has_errors());
    }

    /// A workbook with flipped bytes: sheets or a located error, never a panic.
    #[test]
    fn xlsx_reader_takes_damaged_workbooks(flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6)) {
        let mut bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dti.xlsx")).unwrap();
        for (i, b) in flips {
            let i = i.index(bytes.len());
            bytes[i] = b;
        }
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.xlsx");
        std::fs::write(&p, &bytes).unwrap();
        let mut d = chiso::diagnostics::Diagnostics::new();
        let sheets = chiso::data::xlsx::read(&p, Path::new("x.xlsx"), &mut d);
        prop_assert!(!sheets.is_empty() || d.has_errors());
    }
}

proptest! {
    #![proptest_config(config(6))]

    /// The bundled DTI site itself, mutated (a few cases here; minutes of them in the long run).
    #[test]
    fn mutated_bundled_site_builds_or_reports(seed in any::<u64>()) {
        let dir = tempfile::tempdir().unwrap();
        mutate::copy_site(Path::new(env!("CARGO_MANIFEST_DIR")), dir.path());
        let done = mutate::mutate_site(dir.path(), &mut Rng(seed));
        run(dir.path(), &format!("seed {seed}: {done:?}"))?;
    }
}

/// Every input that ever crashed or hung chiso (kept under tests/fixtures/fuzz/<seed>/ by the
/// long run) now loads or reports errors. The folder must be there (its README says what goes in
/// it), and everything else in it must be a kept site: a misplaced or half-copied input fails
/// here rather than being skipped.
#[test]
fn past_crashes_stay_fixed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e} (the long run keeps crashes there)", dir.display()));
    for e in entries.map(Result::unwrap) {
        if e.file_name() == "README.md" {
            continue;
        }
        assert!(
            e.path().join("content/site.toml").is_file(),
            "{} is not a kept site (no content/site.toml)",
            e.path().display()
        );
        let o = mutate::try_build(&e.path(), true, Duration::from_secs(120))
            .unwrap_or_else(|f| panic!("{}: {f:?}", e.path().display()));
        assert!(o.unlocated.is_empty(), "{:?}", o.unlocated);
    }
}

/// Together, the targeted recipes reach every place in the loader that reports a diagnostic,
/// on the bundled site's real files: a new check without a recipe (or a recipe that no longer
/// reaches its check) fails here. Each recipe also changes what the pristine site reports, and
/// none panics or leaves an error without a file.
#[test]
fn recipes_reach_every_place_the_loader_reports_from() {
    use common::recipes::{RECIPES, report_sites, unreachable};
    use rayon::prelude::*;
    use std::collections::BTreeSet;
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pristine = tempfile::tempdir().unwrap();
    mutate::copy_site(repo, pristine.path());
    let load = |root: &Path, what: &str| {
        let o = mutate::try_build(root, false, Duration::from_secs(120))
            .unwrap_or_else(|f| panic!("{what}: {f:?}"));
        assert!(o.unlocated.is_empty(), "{what}: {:?}", o.unlocated);
        o.diagnostics
            .into_iter()
            .map(|(code, _, message)| (code, message))
            .collect::<BTreeSet<_>>()
    };
    let base = load(pristine.path(), "the bundled site");
    let reached: Vec<(&str, BTreeSet<(String, String)>)> = RECIPES
        .par_iter()
        .map(|r| {
            let dir = tempfile::tempdir().unwrap();
            mutate::copy_site(pristine.path(), dir.path());
            (r.apply)(dir.path());
            (r.aim, load(dir.path(), r.aim))
        })
        .collect();
    let mut problems = Vec::new();
    for (aim, diags) in &reached {
        if diags.is_subset(&base) {
            problems.push(format!("recipe `{aim}` reports nothing new: {diags:?}"));
        }
    }
    let codes: BTreeSet<&str> = base
        .iter()
        .chain(reached.iter().flat_map(|(_, d)| d))
        .map(|(c, _)| c.as_str())
        .collect();
    for (place, text) in report_sites(repo) {
        let excused = unreachable(&place, &text);
        if !codes.contains(place.as_str()) && !excused {
            problems.push(format!("no recipe reaches {place}"));
        }
        if codes.contains(place.as_str()) && excused {
            problems.push(format!("{place} is reached but listed as unreachable"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
