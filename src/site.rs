//! The pipeline: load → compute → plan → render → write, each stage timed.

mod pages;
mod stages;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::compute::Report;
use crate::config::Config;
use crate::content::Commentary;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::model::{Dataset, EditionId, IdMap};
use crate::opendata::OutFile;
use crate::plan::Plan;
use crate::render::{Ctx, Renderer, theme};

pub use pages::{PageCache, Shared};
pub use stages::{Input, Stages};

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
    pub boundaries: Vec<Arc<crate::geo::Boundaries>>,
    /// Per edition: index into `boundaries` of the map that has every unit of the edition.
    pub for_edition: IdMap<EditionId, Option<usize>>,
    /// Per boundary file: its source and licence (`[maps."<file>"]` of site.toml).
    pub credits: Vec<crate::config::MapSource>,
}

/// Loads every `.topojson`/`.geojson` of `content/maps/` and matches editions to them by codes.
/// Every boundary file of `content/maps/`, parsed (the slow part of the maps, kept by the
/// preview while only the data changes).
pub(crate) type Parsed = Vec<(PathBuf, Result<Arc<crate::geo::Boundaries>, String>)>;

/// Parses every `.topojson`/`.geojson` of `content/maps/`, in file-name order.
fn parse_maps(config: &Config) -> Parsed {
    let dir = config.content_dir().join("maps");
    let files: Vec<PathBuf> = walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| {
            let ext = entry
                .path()
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("");
            entry.file_type().is_file() && ["topojson", "geojson", "json"].contains(&ext)
        })
        .map(walkdir::DirEntry::into_path)
        .collect();
    // Sequential: geo's lazily built tables behind a rayon call deadlocked the tests that build
    // many sites at once, and two files gain little from threads.
    files
        .into_iter()
        .map(|path| {
            let parsed = crate::geo::load(&path, None).map(Arc::new);
            (path, parsed)
        })
        .collect()
}

/// The parsed maps with their sources, and the map each edition is drawn on.
fn load_maps(config: &Config, ds: &Dataset, parsed: &Parsed, diags: &mut Diagnostics) -> Maps {
    let mut boundaries = Vec::new();
    let mut credits = Vec::new();
    for (path, parsed) in parsed {
        match parsed {
            Ok(b) => {
                boundaries.push(Arc::clone(b));
                credits.push(map_credit(config, path, diags));
            }
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
        credits,
    }
}

/// The source of one map file, with a warning while it or every licence is unknown: a map is
/// only published with its boundary source named and a licence known. When the source's own
/// licence is not stated but the copy used states one (`via_licence`), every map names the
/// source with its licence "not confirmed" (the copy, a working detail, is named in SOURCES.md),
/// and that is reported as acknowledged, not as a warning.
fn map_credit(config: &Config, path: &Path, diags: &mut Diagnostics) -> crate::config::MapSource {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let credit = config.maps.get(name).cloned().unwrap_or_default();
    let hint = format!(
        "name it in content/site.toml: [maps.\"{name}\"] source = \"…\", licence = \"…\" (or via = \"…\", via_licence = \"…\" for the copy used; see content/SOURCES.md)"
    );
    if credit.source.is_empty() {
        diags.push(
            Diagnostic::warning(
                Location::file(config.shown(path)),
                format!("the boundary source of map `{name}` is not named"),
            )
            .hint(hint),
        );
    } else if credit.licence.is_empty() && credit.via_licence.is_empty() {
        diags.push(
            Diagnostic::warning(
                Location::file(config.shown(path)),
                format!(
                    "the licence of map `{name}` ({}) is unknown; its maps say so until it is known",
                    credit.source
                ),
            )
            .hint(hint),
        );
    } else if credit.licence.is_empty() {
        diags.push(Diagnostic::note(
            Location::file(config.shown(path)),
            format!(
                "the licence of the boundaries of map `{name}` ({}) is not stated; the copy used ({}) is under {}; its maps say the source's licence is not confirmed (acknowledged)",
                credit.source, credit.via, credit.via_licence
            ),
        ));
    }
    credit
}

/// A fully loaded and validated site, ready to render. Each part is the shared result of a
/// stage ([`Stages`]), so the preview reuses what a save did not change.
pub struct Site {
    /// Configuration.
    pub config: Arc<Config>,
    /// Data.
    pub dataset: Arc<Dataset>,
    /// Computed tables.
    pub report: Arc<Report>,
    /// Commentary.
    pub commentary: Arc<Commentary>,
    /// Pages.
    pub plan: Arc<Plan>,
    /// Theme files.
    pub theme: Arc<theme::Theme>,
    /// Parsed templates.
    pub renderer: Arc<Renderer>,
    /// Province boundaries.
    pub maps: Arc<Maps>,
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
            strings: &self.theme.strings,
        }
    }
}

/// Loads and validates everything. Any error stops here, before anything is written. The
/// stages run once; the preview keeps its [`Stages`] to rerun only what a save changed.
pub fn load(opts: &Options) -> Result<Site, Diagnostics> {
    Stages::new(opts.clone()).load()
}

/// What a build produced.
pub struct Summary {
    /// The base URL the site was built for; `None` when unknown (no previews, no sitemap).
    pub base_url: Option<crate::plan::urls::BaseUrl>,
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

/// Pages rendered and written per batch by [`build`]: enough to keep every core busy, few
/// enough that the rendered bytes held at once stay small whatever the size of the site.
pub const BATCH_PAGES: usize = 256;

/// Keeps the first of equal diagnostics: one broken template fails every page that uses it.
fn push_once(diags: &mut Diagnostics, d: Diagnostic) {
    if !diags
        .items()
        .iter()
        .any(|x| x.message == d.message && x.location == d.location)
    {
        diags.push(d);
    }
}

/// Renders `pages` in parallel; the errors of all of them are collected.
fn render_pages(
    site: &Site,
    pages: &[crate::plan::Page],
) -> Result<Vec<crate::render::Rendered>, Diagnostics> {
    let ctx = site.ctx();
    let results: Vec<Result<crate::render::Rendered, Diagnostic>> = pages
        .par_iter()
        .map(|page| crate::render::page(&ctx, &site.renderer, &site.theme, page))
        .collect();
    let mut diags = Diagnostics::new();
    let mut ok = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(r) => ok.push(r),
            Err(d) => push_once(&mut diags, d),
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(ok)
}

/// The files made from the whole site rather than from one page, grouped by what they are made
/// of, so that the preview remakes a group only when its inputs changed ([`PageCache`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SiteFiles {
    /// Open data (CSV, XLSX, JSON, SOURCES.txt): the data alone.
    Data,
    /// Search index, feeds, sitemap and robots.txt: they list pages and texts.
    Texts,
    /// The theme's static files.
    Static,
}

impl SiteFiles {
    /// Every group, in the order their files are listed.
    pub const ALL: [SiteFiles; 3] = [SiteFiles::Data, SiteFiles::Texts, SiteFiles::Static];

    /// The files of this group. Their size follows the data.
    pub fn make(self, site: &Site) -> Vec<OutFile> {
        let ds = &site.dataset;
        let mut files = Vec::new();
        match self {
            SiteFiles::Data => {
                // Every table as CSV and, for spreadsheet users, as XLSX from the same rows.
                let mut sheets = vec![crate::opendata::long_sheet(&site.config, ds, &site.report)];
                for e in ds.edition_ids() {
                    if ds
                        .indicator_ids()
                        .any(|i| site.report.table(e, i).is_some())
                    {
                        sheets.push(crate::opendata::edition_sheet(
                            &site.config,
                            ds,
                            &site.report,
                            e,
                        ));
                    }
                }
                for sheet in &sheets {
                    files.push(sheet.csv_file());
                    files.push(crate::spreadsheet::workbook(sheet, ds.precision));
                }
                if let Some(notes) = &ds.source_notes {
                    files.push(("data/SOURCES.txt".to_owned(), notes.clone().into_bytes()));
                }
                files.extend(crate::opendata::province_json(ds, &site.report));
                files.extend(crate::opendata::year_json(ds, &site.report));
            }
            SiteFiles::Texts => {
                files.extend(crate::feeds::sitemap_and_robots(&site.config, &site.plan));
                files.extend(crate::feeds::atom(
                    &site.config,
                    ds,
                    &site.commentary,
                    &site.plan,
                    &site.config.languages,
                ));
                files.extend(crate::search::files(&site.ctx(), &site.config.languages));
            }
            SiteFiles::Static => {
                for (name, bytes) in &site.theme.statics {
                    files.push((format!("static/{name}"), bytes.clone()));
                }
            }
        }
        files
    }
}

/// Every file made from the whole site rather than from one page.
fn site_files(site: &Site) -> Vec<OutFile> {
    SiteFiles::ALL.iter().flat_map(|g| g.make(site)).collect()
}

/// Renders every page and file in memory, without drawing share cards: what `chiso check`
/// reads. Pure: nothing is read from or written to the card cache.
pub fn render_pure(site: &Site) -> Result<crate::render::Rendered, Diagnostics> {
    let mut all = crate::render::Rendered::default();
    for r in render_pages(site, &site.plan.pages)? {
        all.files.extend(r.files);
        all.cards.extend(r.cards);
    }
    all.files.extend(site_files(site));
    all.files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(all)
}

/// Renders every page and file in memory (in parallel), share cards drawn: the preview's
/// site. Errors of all pages are collected.
pub fn render(site: &Site) -> Result<Vec<OutFile>, Diagnostics> {
    let pages = render_pages(site, &site.plan.pages)?;
    let drawn: Vec<Result<Vec<OutFile>, Diagnostic>> =
        pages.into_par_iter().map(|r| r.draw(&site.cards)).collect();
    let mut diags = Diagnostics::new();
    let mut files = Vec::new();
    for r in drawn {
        match r {
            Ok(f) => files.extend(f),
            Err(d) => push_once(&mut diags, d),
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
    files.extend(site_files(site));
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

/// Builds the site into the output folder: everything is loaded and validated first, then the
/// pages are rendered and written in batches into a temporary folder next to the output, which
/// is swapped in at the end, so a failed or interrupted build leaves the previous output
/// untouched.
pub fn build(opts: &Options) -> Result<Summary, Diagnostics> {
    build_with_progress(opts, &|_, _, _| {})
}

/// [`build`], telling `progress` how far rendering and writing are.
pub fn build_with_progress(opts: &Options, progress: Progress) -> Result<Summary, Diagnostics> {
    build_in_batches(opts, BATCH_PAGES, progress)
}

/// [`build`] with `batch` pages rendered and written at a time. Memory holds one batch of
/// rendered pages, never the whole site; the output is the same whatever the batch size.
pub fn build_in_batches(
    opts: &Options,
    batch: usize,
    progress: Progress,
) -> Result<Summary, Diagnostics> {
    let one = |d: Diagnostic| {
        let mut ds = Diagnostics::new();
        ds.push(d);
        ds
    };
    let start = Instant::now();
    progress("load", 0, 0);
    let mut site = load(opts)?;
    let output = opts
        .output
        .clone()
        .unwrap_or_else(|| site.config.root.join("output"));
    check_output(&site.config.root, &output).map_err(one)?;
    let staging = Staging::begin(&output).map_err(one)?;
    let (mut rendering, mut writing) = (Duration::ZERO, Duration::ZERO);
    let total = site.plan.pages.len();
    let mut done = 0;
    for pages in site.plan.pages.chunks(batch.max(1)) {
        let t = Instant::now();
        let rendered = render_pages(&site, pages);
        rendering += t.elapsed();
        // A page that fails leaves the temporary folder behind unswapped: `output/` untouched.
        let rendered = rendered.inspect_err(|_| staging.abandon())?;
        let t = Instant::now();
        // The write stage: cards drawn (or taken from the cache), files written, in parallel.
        let written: Vec<Result<(), Diagnostic>> = rendered
            .into_par_iter()
            .map(|r| {
                for (rel, bytes) in r.draw(&site.cards)? {
                    staging.write(&rel, &bytes)?;
                }
                Ok(())
            })
            .collect();
        let mut diags = Diagnostics::new();
        for d in written.into_iter().filter_map(Result::err) {
            push_once(&mut diags, d);
        }
        if diags.has_errors() {
            staging.abandon();
            return Err(diags);
        }
        writing += t.elapsed();
        done += pages.len();
        progress("render", done, total);
        if done == pages.len() {
            // The first batch is written; the rest of the site is not.
            pause_point("write");
        }
    }
    site.timings.push(("render", rendering));
    let t = Instant::now();
    let files = site_files(&site);
    files
        .par_iter()
        .try_for_each(|(rel, bytes)| staging.write(rel, bytes))
        .inspect_err(|_| staging.abandon())
        .map_err(one)?;
    drop(files);
    let summary = staging.finish().map_err(one)?;
    site.timings.push(("write", writing + t.elapsed()));
    Ok(Summary {
        pages: summary.pages,
        files: summary.files,
        bytes: summary.bytes,
        elapsed: start.elapsed(),
        timings: site.timings,
        output,
        warnings: site.warnings,
        base_url: site.config.base_url.clone(),
    })
}

/// Refuses an output folder whose swap would replace the site's own files: the site root or a
/// folder holding it, or anything inside `content/`, `themes/` or the card cache.
fn check_output(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    // Resolve what exists (symlinks, `..`), keep the rest as written.
    fn resolve(p: &Path) -> PathBuf {
        let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        let mut existing = abs.clone();
        let mut rest = Vec::new();
        while !existing.exists() {
            match (existing.file_name(), existing.parent()) {
                (Some(name), Some(parent)) => {
                    rest.push(name.to_owned());
                    existing = parent.to_path_buf();
                }
                _ => break,
            }
        }
        let mut out = existing.canonicalize().unwrap_or(existing);
        out.extend(rest.iter().rev());
        out
    }
    let (root, out) = (resolve(root), resolve(output));
    let inside = ["content", "themes", ".chiso-cache"]
        .iter()
        .find(|d| out.starts_with(root.join(d)));
    if root.starts_with(&out) || inside.is_some() || out.file_name().is_none() {
        return Err(Diagnostic::error(
            Location::file(output),
            format!(
                "refusing to write the site to {}: it would replace {}",
                output.display(),
                match inside {
                    Some(d) => format!("the site's {d}/ folder"),
                    None => "the site's own folder".into(),
                }
            ),
        )
        .hint("pass --output a folder of its own, e.g. --output output (the default) or a path outside the site"));
    }
    Ok(())
}

/// Writes `files` into a fresh sibling folder of `output`, then swaps it in. A `README.md` at
/// the top of the old output (kept in git) is carried over.
pub fn write_atomically(output: &Path, files: &[OutFile]) -> Result<u64, Diagnostic> {
    let staging = Staging::begin(output)?;
    files
        .par_iter()
        .try_for_each(|(rel, bytes)| staging.write(rel, bytes))
        .inspect_err(|_| staging.abandon())?;
    Ok(staging.finish()?.bytes)
}

fn io_error(what: &str, p: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(Location::file(p), format!("cannot {what}: {e}"))
        .hint("check that the output folder's parent exists and is writable")
}

/// What was written into a staging folder.
struct Written {
    pages: usize,
    files: usize,
    bytes: u64,
}

/// A new site being written beside `output` (`.<name>-new-<pid>`), file by file from any
/// thread, and swapped in by [`Staging::finish`]. Until then `output` is not touched. Every file
/// goes through [`OutputDir::write`](crate::output::OutputDir::write), which refuses a path that
/// could leave the folder or that another file of the build already took.
struct Staging {
    output: PathBuf,
    parent: PathBuf,
    out: crate::output::OutputDir,
    pages: std::sync::atomic::AtomicUsize,
    files: std::sync::atomic::AtomicUsize,
    bytes: std::sync::atomic::AtomicU64,
}

impl Staging {
    /// Cleans up what killed builds left behind (`.output-new-*`, `.output-old-*` of processes
    /// no longer running; a previous site left aside by a killed swap is put back), then makes
    /// an empty staging folder.
    fn begin(output: &Path) -> Result<Staging, Diagnostic> {
        let parent = output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        std::fs::create_dir_all(&parent).map_err(|e| io_error("create the folder", &parent, e))?;
        let name = output
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("output");
        crate::swap::recover(&parent, name, output);
        let tmp = parent.join(format!(".{name}-new-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        let out = crate::output::OutputDir::create(tmp, Some(output.to_path_buf()))
            .map_err(|e| write_diagnostic(&e))?;
        Ok(Staging {
            output: output.to_path_buf(),
            parent,
            out,
            pages: Default::default(),
            files: Default::default(),
            bytes: Default::default(),
        })
    }

    /// Writes one file of the new site (unchanged files are hard-linked from the previous
    /// output by [`OutputDir::write`](crate::output::OutputDir::write)).
    fn write(&self, rel: &str, content: &[u8]) -> Result<(), Diagnostic> {
        use std::sync::atomic::Ordering::Relaxed;
        let rel = crate::output::SitePath::new(rel).map_err(|e| write_diagnostic(&e.into()))?;
        let n = self
            .out
            .write(&rel, content)
            .map_err(|e| write_diagnostic(&e))?;
        if rel.as_str().ends_with(".html") {
            self.pages.fetch_add(1, Relaxed);
        }
        self.files.fetch_add(1, Relaxed);
        self.bytes.fetch_add(n, Relaxed);
        Ok(())
    }

    /// Drops the staging folder: the build failed, the previous output stays as it was.
    fn abandon(&self) {
        let _ = std::fs::remove_dir_all(self.out.root());
    }

    /// Swaps the new site in — on Linux in one atomic step — and removes the old one. On
    /// failure the staging folder is removed and the previous output is left (or put back).
    fn finish(self) -> Result<Written, Diagnostic> {
        self.swap().inspect_err(|_| self.abandon())
    }

    fn swap(&self) -> Result<Written, Diagnostic> {
        use std::sync::atomic::Ordering::Relaxed;
        let (output, tmp) = (&self.output, self.out.root());
        let readme = output.join("README.md");
        if readme.is_file() && !tmp.join("README.md").exists() {
            let text = std::fs::read(&readme).map_err(|e| io_error("read", &readme, e))?;
            let rel = crate::output::SitePath::new("README.md").expect("a valid name");
            self.out
                .write(&rel, &text)
                .map_err(|e| write_diagnostic(&e))?;
        }
        let written = Written {
            pages: self.pages.load(Relaxed),
            files: self.files.load(Relaxed),
            bytes: self.bytes.load(Relaxed),
        };
        pause_point("swap");
        if output.exists() && crate::swap::exchange(tmp, output) {
            // One atomic step: `output` was always a whole site, old or new.
            pause_point("swapped");
            let _ = std::fs::remove_dir_all(tmp);
            return Ok(written);
        }
        let name = output
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("output");
        let old = self
            .parent
            .join(format!(".{name}-old-{}", std::process::id()));
        if output.exists() {
            std::fs::rename(output, &old)
                .map_err(|e| io_error("move aside the old output", output, e))?;
        }
        if let Err(e) = std::fs::rename(tmp, output) {
            // Put the previous site back so the reader never sees a missing output.
            let _ = std::fs::rename(&old, output);
            return Err(io_error("move the new site into place", output, e));
        }
        pause_point("swapped");
        let _ = std::fs::remove_dir_all(&old);
        Ok(written)
    }
}

/// A failed write as the user sees it: the real cause, and a hint that fits it.
fn write_diagnostic(e: &crate::output::WriteError) -> Diagnostic {
    use crate::output::WriteError;
    let (location, hint) = match e {
        WriteError::Bad(_) | WriteError::Collision { .. } => (
            Location::file("output"),
            "this is a name in content/ that turns into a path (a page, unit, edition or indicator name, or a theme file): rename it; nothing was written",
        ),
        WriteError::Io { path, err, .. } => (
            Location::file(path),
            match err.kind() {
                std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
                    "check that the output folder's parent is writable; nothing was written"
                }
                std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
                    "free some disk space; nothing was written"
                }
                _ => "nothing was written; the previous output is unchanged",
            },
        ),
    };
    Diagnostic::error(location, format!("cannot write the site: {e}")).hint(hint)
}

/// The kill test's hook (tests/safe.rs): a debug build whose `CHISO_PAUSE_AT` names this point
/// says so on stderr and stops here until it is killed, so the test knows where each kill lands
/// (the first batch of pages written, everything written but not swapped, swapped but not
/// cleaned up).
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
