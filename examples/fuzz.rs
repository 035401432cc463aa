//! The long fuzz run: mutates a copy of the bundled DTI site's real files (lines, cells,
//! numbers, dates, codes, slugs, file names, front matter, shortcodes, bytes) for N minutes;
//! every other input starts from one of the targeted recipes (tests/common/recipes.rs, one per
//! kind of loader error, in turn) with random mutations on top half of the time. It
//! loads each mutated site (and renders every page of one in `--render-every`), and reports how
//! many built, which kinds of error were reached (by the place in chiso's source that reports
//! them, against every place the loader can report from) and whether anything panicked or hung.
//!
//! ```sh
//! nice prlimit --as=12000000000 cargo run --release --example fuzz -- --minutes 10
//! ```
//!
//! An input that panics or hangs is copied to tests/fixtures/fuzz/<seed>/ (run again by the
//! `past_crashes_stay_fixed` test) and the run exits with status 1.

#[path = "../tests/common/mutate.rs"]
mod mutate;
#[path = "../tests/common/recipes.rs"]
mod recipes;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str, default: u64| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let minutes = arg("--minutes", 10);
    let seed0 = arg("--seed", 1);
    let render_every = arg("--render-every", 50);
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    if let Some(dir) = args
        .iter()
        .position(|a| a == "--replay")
        .and_then(|i| args.get(i + 1))
    {
        // Replays one kept input: `--replay tests/fixtures/fuzz/<seed>`.
        let t = Instant::now();
        let r = mutate::try_build(Path::new(dir), true, Duration::from_secs(600));
        match r {
            Ok(o) => println!(
                "{dir}: built {} in {:?}; {} diagnostics, {} without a file",
                o.built,
                t.elapsed(),
                o.diagnostics.len(),
                o.unlocated.len()
            ),
            Err(f) => println!("{dir}: {f:?} after {:?}", t.elapsed()),
        }
        return;
    }
    let pristine = tempfile::tempdir().expect("temp dir");
    mutate::copy_site(&repo, pristine.path());
    let deadline = Instant::now() + Duration::from_secs(minutes * 60);
    let (mut inputs, mut built, mut rendered) = (0u64, 0u64, 0u64);
    let mut kinds: BTreeMap<String, (u64, bool, String)> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut seed = seed0;
    while Instant::now() < deadline {
        let work = tempfile::tempdir().expect("temp dir");
        mutate::copy_site(pristine.path(), work.path());
        let mut rng = mutate::Rng(seed);
        let mut done = Vec::new();
        if inputs % 2 == 0 {
            let r = &recipes::RECIPES[(inputs / 2) as usize % recipes::RECIPES.len()];
            (r.apply)(work.path());
            done.push(format!("recipe: {}", r.aim));
        }
        if inputs % 2 == 1 || rng.chance(50) {
            done.extend(mutate::mutate_site(work.path(), &mut rng));
        }
        let render = render_every > 0 && inputs % render_every == 0;
        inputs += 1;
        match mutate::try_build(work.path(), render, Duration::from_secs(600)) {
            Ok(o) => {
                if o.built {
                    built += 1;
                    rendered += u64::from(render);
                }
                for (code, error, message) in o.diagnostics {
                    let k = kinds.entry(code).or_insert((0, error, message));
                    k.0 += 1;
                }
                if !o.unlocated.is_empty() {
                    failures.push(format!(
                        "seed {seed}: error without a file: {:?}",
                        o.unlocated
                    ));
                }
            }
            Err(f) => {
                let keep = repo.join("tests/fixtures/fuzz").join(seed.to_string());
                mutate::copy_site(work.path(), &keep);
                failures.push(format!(
                    "seed {seed}: {f:?} after {done:?}; kept in {}",
                    keep.display()
                ));
                if matches!(f, mutate::Failure::Hang) {
                    // The hung thread cannot be stopped: report and stop here.
                    break;
                }
            }
        }
        seed += 1;
    }
    let (excused, possible): (Vec<_>, Vec<_>) = recipes::report_sites(&repo)
        .into_iter()
        .partition(|(p, t)| recipes::unreachable(p, t));
    let possible: Vec<String> = possible.into_iter().map(|(p, _)| p).collect();
    let reached: Vec<&String> = kinds.keys().collect();
    println!(
        "fuzz: {inputs} mutated inputs of the bundled site in {minutes} min (seeds {seed0}..{seed}); {built} built ({rendered} of them also rendered every page), {} reported errors",
        inputs - built
    );
    println!(
        "kinds of diagnostic reached: {} (errors {}, warnings {}); places in the loader that report one: {}, reached {}",
        kinds.len(),
        kinds.values().filter(|k| k.1).count(),
        kinds.values().filter(|k| !k.1).count(),
        possible.len(),
        possible.iter().filter(|p| reached.contains(p)).count()
    );
    for (code, (n, error, message)) in &kinds {
        let sev = if *error { "error" } else { "warning" };
        println!("  {n:>7}  {sev:<7} {code}  e.g. {}", short(message));
    }
    let missing: Vec<&String> = possible.iter().filter(|p| !reached.contains(p)).collect();
    if !missing.is_empty() {
        println!("places never reached:");
        for m in missing {
            println!("  {m}");
        }
    }
    println!(
        "places no content can reach (tests/common/recipes.rs says why): {}",
        excused
            .iter()
            .map(|(p, _)| p.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    if failures.is_empty() {
        println!("no panic, no hang, every error located");
    } else {
        for f in &failures {
            println!("FAILURE {f}");
        }
        std::process::exit(1);
    }
}

fn short(s: &str) -> String {
    let s: String = s.chars().take(90).collect();
    s.replace('\n', " ")
}
