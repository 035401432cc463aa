//! The pipeline: load → compute → plan → render → write, each stage timed.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::compute::Report;
use crate::config::Config;
use crate::content::Commentary;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::model::Dataset;
use crate::opendata::OutFile;
use crate::plan::Plan;
use crate::render::{Ctx, Renderer, theme};
use crate::text::Lang;

/// What the user asked for.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Site root (holds `content/`).
    pub root: PathBuf,
    /// Output folder (default `<root>/output`).
    pub output: Option<PathBuf>,
    /// Overrides `base_url` of site.toml.
    pub base_url: Option<String>,
    /// Cache of drawn share cards (default `<root>/.chiso-cache`; `Some("")` turns it off).
    pub cache: Option<PathBuf>,
}

/// Province boundaries from `content/maps/`, and which one each edition is drawn on.
#[derive(Default)]
pub struct Maps {
    /// Loaded boundary files.
    pub boundaries: Vec<crate::geo::Boundaries>,
    /// Per edition: index into `boundaries` of the map that has every unit of the edition.
    pub for_edition: Vec<Option<usize>>,
}

/// Loads every `.topojson`/`.geojson` of `content/maps/` and matches editions to them by codes.
fn load_maps(config: &Config, ds: &Dataset, diags: &mut Diagnostics) -> Maps {
    let dir = config.content_dir().join("maps");
    let mut boundaries = Vec::new();
    for entry in walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !entry.file_type().is_file() || !["topojson", "geojson", "json"].contains(&ext) {
            continue;
        }
        match crate::geo::load(path, None) {
            Ok(b) => boundaries.push(b),
            Err(e) => diags.push(
                Diagnostic::error(Location::file(config.shown(path)), format!("cannot read the map: {e}"))
                    .hint("maps are GeoJSON FeatureCollections or TopoJSON with a unit code per feature (ma_tinh, code or the feature id)"),
            ),
        }
    }
    let for_edition = ds
        .editions
        .iter()
        .map(|ed| {
            let codes: Vec<&str> = ed
                .units
                .iter()
                .filter_map(|&u| ds.units[u].period_on(ed.units_on))
                .map(|p| p.code.as_str())
                .collect();
            // The map with every unit of the edition and the fewest other shapes.
            (0..boundaries.len())
                .filter(|&m| codes.iter().all(|c| boundaries[m].contains(c)))
                .min_by_key(|&m| boundaries[m].len())
        })
        .collect();
    Maps {
        boundaries,
        for_edition,
    }
}

/// A fully loaded and validated site, ready to render.
pub struct Site {
    /// Configuration.
    pub config: Config,
    /// Data.
    pub dataset: Dataset,
    /// Computed tables.
    pub report: Report,
    /// Commentary.
    pub commentary: Commentary,
    /// Pages.
    pub plan: Plan,
    /// Theme files.
    pub theme: theme::Theme,
    /// Parsed templates.
    pub renderer: Renderer,
    /// Province boundaries.
    pub maps: Maps,
    /// Share-card cache.
    pub cards: crate::render::cache::CardCache,
    /// Stage timings.
    pub timings: Vec<(&'static str, Duration)>,
    /// Warnings found while loading.
    pub warnings: Diagnostics,
}

impl Site {
    /// What every page view borrows (also used by the preview to re-render single pages).
    pub fn ctx(&self) -> Ctx<'_> {
        Ctx {
            config: &self.config,
            ds: &self.dataset,
            report: &self.report,
            commentary: &self.commentary,
            plan: &self.plan,
            maps: &self.maps,
            cards: &self.cards,
        }
    }
}

/// Languages built: Vietnamese at the root, English under `/en/`.
pub const LANGS: &[Lang] = &[Lang::Vi, Lang::En];

/// Loads and validates everything. Any error stops here, before anything is written.
pub fn load(opts: &Options) -> Result<Site, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut timings = Vec::new();
    let t = Instant::now();
    let Some(config) = crate::config::load(&opts.root, opts.base_url.as_deref(), &mut diags) else {
        return Err(diags);
    };
    let dataset = crate::data::load(&config, &mut diags);
    let commentary = crate::content::load(&config, &dataset, &mut diags);
    for slug in config
        .compare
        .iter()
        .filter(|s| dataset.unit_by_slug(s).is_none())
    {
        diags.push(
            crate::diagnostics::Diagnostic::error(
                Location::file("content/site.toml"),
                format!("compare: unknown unit `{slug}`"),
            )
            .hint("list 2–4 unit slugs of content/units.csv"),
        );
    }
    let maps = load_maps(&config, &dataset, &mut diags);
    let theme = theme::load(&config, &mut diags);
    let renderer = Renderer::new(&theme, &mut diags);
    timings.push(("load", t.elapsed()));
    if diags.has_errors() {
        return Err(diags);
    }
    let t = Instant::now();
    let report = crate::compute::compute(&dataset, &mut diags);
    crate::content::check_figures(&commentary, &dataset, &report, &mut diags);
    timings.push(("compute", t.elapsed()));
    let t = Instant::now();
    let plan = Plan::new(
        &dataset,
        &report,
        &commentary,
        LANGS,
        config.pretty_urls,
        &mut diags,
    );
    timings.push(("plan", t.elapsed()));
    if diags.has_errors() {
        return Err(diags);
    }
    let renderer = renderer.expect("no errors means the templates parsed");
    Ok(Site {
        config,
        dataset,
        report,
        commentary,
        plan,
        theme,
        renderer,
        maps,
        cards: crate::render::cache::CardCache::new(match &opts.cache {
            Some(p) if p.as_os_str().is_empty() => None,
            Some(p) => Some(p.join("cards")),
            None => Some(opts.root.join(".chiso-cache").join("cards")),
        }),
        timings,
        warnings: diags,
    })
}

/// What a build produced.
pub struct Summary {
    /// HTML pages written.
    pub pages: usize,
    /// All files written.
    pub files: usize,
    /// Total bytes.
    pub bytes: u64,
    /// Wall time of the whole build.
    pub elapsed: Duration,
    /// Stage timings.
    pub timings: Vec<(&'static str, Duration)>,
    /// Where the site is.
    pub output: PathBuf,
    /// Warnings.
    pub warnings: Diagnostics,
}

/// Reports how far a long stage is: `(stage, done, total)`. Called from several threads.
pub type Progress<'a> = &'a (dyn Fn(&str, usize, usize) + Sync);

/// Renders every page and file in memory (in parallel). Errors of all pages are collected.
pub fn render(site: &Site) -> Result<Vec<OutFile>, Diagnostics> {
    render_with_progress(site, &|_, _, _| {})
}

/// [`render`], telling `progress` how many pages are done.
pub fn render_with_progress(site: &Site, progress: Progress) -> Result<Vec<OutFile>, Diagnostics> {
    let done = std::sync::atomic::AtomicUsize::new(0);
    let total = site.plan.pages.len();
    let ctx = site.ctx();
    let results: Vec<Result<Vec<OutFile>, Diagnostic>> = site
        .plan
        .pages
        .par_iter()
        .map(|page| {
            let r = crate::render::page(&ctx, &site.renderer, &site.theme, page);
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            if n.is_multiple_of(64) || n == total {
                progress("render", n, total);
            }
            r
        })
        .collect();
    let mut diags = Diagnostics::new();
    let mut files = Vec::with_capacity(results.len() + 200);
    for r in results {
        match r {
            Ok(f) => files.extend(f),
            Err(d) => {
                // One broken template fails every page that uses it; say it once.
                if !diags
                    .items()
                    .iter()
                    .any(|x| x.message == d.message && x.location == d.location)
                {
                    diags.push(d);
                }
            }
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
    let ds = &site.dataset;
    files.push(crate::opendata::long_csv(ds, &site.report));
    for e in 0..ds.editions.len() {
        if (0..ds.indicators.len()).any(|i| site.report.table(e, i).is_some()) {
            files.push(crate::opendata::edition_csv(ds, &site.report, e));
        }
    }
    files.extend(crate::opendata::province_json(ds, &site.report));
    files.extend(crate::opendata::year_json(ds, &site.report));
    files.extend(crate::feeds::sitemap_and_robots(&site.config, &site.plan));
    files.extend(crate::search::files(
        ds,
        &site.commentary,
        &site.plan,
        LANGS,
    ));
    for (name, bytes) in &site.theme.statics {
        files.push((format!("static/{name}"), bytes.clone()));
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

/// Builds the site into the output folder: everything is validated and rendered first, then
/// written to a temporary folder next to the output and swapped in, so a failed or interrupted
/// build leaves the previous output untouched.
pub fn build(opts: &Options) -> Result<Summary, Diagnostics> {
    build_with_progress(opts, &|_, _, _| {})
}

/// [`build`], telling `progress` how far rendering and writing are.
pub fn build_with_progress(opts: &Options, progress: Progress) -> Result<Summary, Diagnostics> {
    let start = Instant::now();
    progress("load", 0, 0);
    let mut site = load(opts)?;
    let t = Instant::now();
    let files = render_with_progress(&site, progress)?;
    site.timings.push(("render", t.elapsed()));
    let output = opts
        .output
        .clone()
        .unwrap_or_else(|| site.config.root.join("output"));
    let t = Instant::now();
    let bytes = write_with_progress(&output, &files, progress).map_err(|d| {
        let mut ds = Diagnostics::new();
        ds.push(d);
        ds
    })?;
    site.timings.push(("write", t.elapsed()));
    Ok(Summary {
        pages: files.iter().filter(|(p, _)| p.ends_with(".html")).count(),
        files: files.len(),
        bytes,
        elapsed: start.elapsed(),
        timings: site.timings,
        output,
        warnings: site.warnings,
    })
}

/// Writes `files` into a fresh sibling folder of `output`, then swaps it in. A `README.md` at
/// the top of the old output (kept in git) is carried over.
pub fn write_atomically(output: &Path, files: &[OutFile]) -> Result<u64, Diagnostic> {
    write_with_progress(output, files, &|_, _, _| {})
}

/// [`write_atomically`], telling `progress` how many files are written. Leftovers of builds
/// that were killed (`.output-new-*`, `.output-old-*` of processes no longer running) are
/// cleaned up first, and a previous site left aside by a killed swap is put back.
pub fn write_with_progress(
    output: &Path,
    files: &[OutFile],
    progress: Progress,
) -> Result<u64, Diagnostic> {
    let io = |what: &str, p: &Path, e: std::io::Error| {
        Diagnostic::error(Location::file(p), format!("cannot {what}: {e}"))
            .hint("check that the output folder's parent exists and is writable")
    };
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| io("create the folder", parent, e))?;
    let name = output
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("output");
    crate::swap::recover(parent, name, output);
    let tmp = parent.join(format!(".{name}-new-{}", std::process::id()));
    let old = parent.join(format!(".{name}-old-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let mut bytes = 0u64;
    let mut dirs = std::collections::HashSet::new();
    for (n, (rel, content)) in files.iter().enumerate() {
        if n.is_multiple_of(256) {
            progress("write", n, files.len());
        }
        if n == files.len() / 2 {
            pause_point("write");
        }
        let path = tmp.join(rel);
        if let Some(dir) = path.parent()
            && dirs.insert(dir.to_path_buf())
        {
            std::fs::create_dir_all(dir).map_err(|e| io("create the folder", dir, e))?;
        }
        // An unchanged file is hard-linked from the previous output instead of written again:
        // most rebuilds change little, and the old tree is never modified, only unlinked later.
        let old = output.join(rel);
        let unchanged = std::fs::metadata(&old).is_ok_and(|m| m.len() == content.len() as u64)
            && std::fs::read(&old).is_ok_and(|b| b == *content)
            && std::fs::hard_link(&old, &path).is_ok();
        if !unchanged {
            std::fs::write(&path, content).map_err(|e| io("write", &path, e))?;
        }
        bytes += content.len() as u64;
    }
    let readme = output.join("README.md");
    if readme.is_file() && !files.iter().any(|(p, _)| p == "README.md") {
        std::fs::copy(&readme, tmp.join("README.md")).map_err(|e| io("copy", &readme, e))?;
    }
    pause_point("swap");
    if output.exists() && crate::swap::exchange(&tmp, output) {
        // One atomic step: `output` was always a whole site, old or new.
        pause_point("swapped");
        let _ = std::fs::remove_dir_all(&tmp);
        return Ok(bytes);
    }
    if output.exists() {
        std::fs::rename(output, &old).map_err(|e| io("move aside the old output", output, e))?;
    }
    if let Err(e) = std::fs::rename(&tmp, output) {
        // Put the previous site back so the reader never sees a missing output.
        let _ = std::fs::rename(&old, output);
        return Err(io("move the new site into place", output, e));
    }
    pause_point("swapped");
    let _ = std::fs::remove_dir_all(&old);
    Ok(bytes)
}

/// The kill test's hook (tests/safe.rs): a debug build whose `CHISO_PAUSE_AT` names this point
/// says so on stderr and stops here until it is killed, so the test knows where each kill lands
/// (half the files written, everything written but not swapped, swapped but not cleaned up).
/// Release builds have no hook.
fn pause_point(name: &str) {
    #[cfg(debug_assertions)]
    if std::env::var("CHISO_PAUSE_AT").is_ok_and(|v| v == name) {
        eprintln!("chiso: paused at {name}");
        loop {
            std::thread::park();
        }
    }
    #[cfg(not(debug_assertions))]
    let _ = name;
}
