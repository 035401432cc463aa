//! Every integration test in one binary (Cargo.toml: `autotests = false`, one `[[test]]`).
//!
//! Each `tests/*.rs` file is a module of this crate, so the crate is linked once rather than once
//! per file (each link of a ~50 MB test binary took seconds, and cargo compiled and linked 17 of
//! them), and the bundled site is built once for every test that only reads it
//! (`common::bundled`). Run one file's tests with `cargo test --test suite bundled::`.
//!
//! A new test file: add `mod its_name;` below (and `use crate::common;` in it for the helpers).
//! `every_test_file_is_a_module` fails when a file is left out, so no test is silently skipped.

mod common;

mod bundled;
mod check;
mod claims;
mod communes;
mod departments;
mod english;
mod errors;
mod fuzz;
mod hardening;
mod history;
mod input;
mod new;
mod phone;
mod provenance;
mod safe;
mod serve;
mod shortcodes;

/// With `autotests = false` cargo no longer finds test files by itself: a `tests/*.rs` file that
/// is not declared above would never compile nor run.
#[test]
fn every_test_file_is_a_module() {
    let tests = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let root = std::fs::read_to_string(tests.join("suite.rs")).unwrap();
    let mut missing = Vec::new();
    let mut files = 0;
    for entry in std::fs::read_dir(&tests).unwrap() {
        let path = entry.unwrap().path();
        let Some(stem) = path
            .file_stem()
            .filter(|_| path.extension().is_some_and(|e| e == "rs"))
            .and_then(|s| s.to_str())
        else {
            continue;
        };
        if stem == "suite" {
            continue;
        }
        files += 1;
        if !root.lines().any(|l| l.trim() == format!("mod {stem};")) {
            missing.push(format!("tests/{stem}.rs"));
        }
    }
    assert!(files > 10, "{files} test files");
    assert!(
        missing.is_empty(),
        "not declared in tests/suite.rs (add `mod NAME;`): {missing:?}"
    );
}
