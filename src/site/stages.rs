//! The stages before rendering as functions of their inputs, each result kept with a key: a hash
//! of the files the stage reads and of the keys of the stages it uses (the idea of salsa, by
//! hand, since chiso has five stages). `chiso build` runs them once through [`Stages::load`];
//! the preview keeps one [`Stages`] between saves, so a save reruns only the stages whose inputs
//! changed — and [`super::PageCache`] re-renders only the pages whose inputs changed.
//!
//! Which files feed which stage is said once, here ([`Input`]): whatever is under `content/`
//! and is neither commentary nor a map feeds the data stage (site.toml, units, indicators,
//! values, aliases…), so a file nobody listed can only cost a rebuild, never a stale page.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use crate::compute::Report;
use crate::config::Config;
use crate::content::Commentary;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::model::Dataset;
use crate::plan::Plan;
use crate::render::{Renderer, theme};

use super::{Maps, Options, Site};

/// The groups of files the stages read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(usize)]
pub enum Input {
    /// `content/commentary/**`: the commentary stage.
    Commentary,
    /// `content/maps/**`: the maps stage.
    Maps,
    /// `themes/**`: the theme stage.
    Theme,
    /// Everything else under `content/`: the data stage.
    Data,
}

impl Input {
    /// The group a file of the site belongs to (`None` outside `content/` and `themes/`).
    pub fn of(root: &Path, path: &Path) -> Option<Input> {
        let rel = path.strip_prefix(root).ok()?;
        if rel.starts_with("themes") {
            Some(Input::Theme)
        } else if rel.starts_with("content/commentary") {
            Some(Input::Commentary)
        } else if rel.starts_with("content/maps") {
            Some(Input::Maps)
        } else if rel.starts_with("content") {
            Some(Input::Data)
        } else {
            None
        }
    }
}

/// One stage's result and the key of the inputs it was made from. Stages are deterministic, so
/// a result — errors and warnings included — stands for as long as its key does.
struct Memo<T> {
    key: u64,
    value: T,
    diags: Diagnostics,
}

/// The content hash of each file seen, refreshed only when its size or modification time moves.
#[derive(Default)]
struct FileHashes {
    seen: HashMap<PathBuf, (SystemTime, u64, u64)>,
}

impl FileHashes {
    /// A key per input group (path and content of each of its files, in path order), indexed
    /// by [`Input`].
    fn keys(&mut self, root: &Path) -> [u64; 4] {
        let mut hashers: [std::hash::DefaultHasher; 4] = Default::default();
        let now = SystemTime::now();
        for dir in ["content", "themes"] {
            for entry in walkdir::WalkDir::new(root.join(dir))
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
            {
                let Some(group) = Input::of(root, entry.path()) else {
                    continue;
                };
                let Ok(meta) = entry.metadata() else { continue };
                if !meta.is_file() {
                    continue;
                }
                let path = entry.into_path();
                let stamp = (
                    meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
                    meta.len(),
                );
                // A file written twice within the clock's resolution keeps its stamp: hash
                // again whatever changed in the last two seconds.
                let recent = now
                    .duration_since(stamp.0)
                    .is_ok_and(|age| age < Duration::from_secs(2));
                let hash = match self.seen.get(&path) {
                    Some(&(t, len, hash)) if (t, len) == stamp && !recent => hash,
                    _ => {
                        let hash = combine(std::fs::read(&path).unwrap_or_default());
                        self.seen.insert(path.clone(), (stamp.0, stamp.1, hash));
                        hash
                    }
                };
                (path, hash).hash(&mut hashers[group as usize]);
            }
        }
        hashers.map(|h| h.finish())
    }
}

/// Hash of a few keys (and anything else hashable).
pub(super) fn combine(parts: impl Hash) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    parts.hash(&mut h);
    h.finish()
}

/// What the data stage makes: the configuration and the dataset.
type DataOut = Option<(Arc<Config>, Arc<Dataset>)>;
/// What the theme stage makes: theme files and parsed templates (`None` when they do not parse).
type ThemeOut = (Arc<theme::Theme>, Option<Arc<Renderer>>);

/// The stages' last results, kept between runs.
pub struct Stages {
    opts: Options,
    files: FileHashes,
    data: Option<Memo<DataOut>>,
    commentary: Option<Memo<Arc<Commentary>>>,
    parsed_maps: Option<Memo<Arc<super::Parsed>>>,
    maps: Option<Memo<Arc<Maps>>>,
    theme: Option<Memo<ThemeOut>>,
    report: Option<Memo<Arc<Report>>>,
    figures: Option<Memo<()>>,
    plan: Option<Memo<Arc<Plan>>>,
    /// The stages the last [`Stages::load`] ran (the others were up to date).
    pub ran: Vec<&'static str>,
    /// How long each of them took.
    pub spent: Vec<Duration>,
    /// The keys of the last load: data, maps, theme, commentary (what a page's key starts from).
    pub keys: [u64; 4],
}

/// Runs a stage unless its memo has `key`; returns its value and adds its diagnostics to `all`.
fn stage<T: Clone>(
    slot: &mut Option<Memo<T>>,
    key: u64,
    name: &'static str,
    ran: &mut Vec<(&'static str, Duration)>,
    all: &mut Diagnostics,
    run: impl FnOnce(&mut Diagnostics) -> T,
) -> T {
    if slot.as_ref().is_none_or(|m| m.key != key) {
        let mut diags = Diagnostics::new();
        let t = Instant::now();
        let value = run(&mut diags);
        ran.push((name, t.elapsed()));
        *slot = Some(Memo { key, value, diags });
    }
    let memo = slot.as_ref().expect("filled above");
    all.extend(memo.diags.clone());
    memo.value.clone()
}

impl Stages {
    /// Nothing run yet.
    pub fn new(opts: Options) -> Stages {
        Stages {
            opts,
            files: FileHashes::default(),
            data: None,
            commentary: None,
            parsed_maps: None,
            maps: None,
            theme: None,
            report: None,
            figures: None,
            plan: None,
            ran: Vec::new(),
            spent: Vec::new(),
            keys: [0; 4],
        }
    }

    /// What the site is built from.
    pub fn options(&self) -> &Options {
        &self.opts
    }

    /// Brings every stage up to date with the files and returns the site. All errors of the
    /// load stages come at once; compute and plan run only when those succeed.
    pub fn load(&mut self) -> Result<Site, Diagnostics> {
        let mut diags = Diagnostics::new();
        let mut timings = Vec::new();
        let mut ran = Vec::new();
        let root = self.opts.root.clone();
        let t = Instant::now();
        let files = self.files.keys(&root);
        let data_key = combine((files[Input::Data as usize], &self.opts.base_url));
        let opts = &self.opts;
        let data = stage(
            &mut self.data,
            data_key,
            "data",
            &mut ran,
            &mut diags,
            |d| load_data(opts, d),
        );
        let Some((config, dataset)) = data else {
            (self.ran, self.spent) = ran.iter().copied().unzip();
            return Err(diags);
        };
        let commentary_key = combine((files[Input::Commentary as usize], data_key));
        let commentary = stage(
            &mut self.commentary,
            commentary_key,
            "commentary",
            &mut ran,
            &mut diags,
            |d| Arc::new(crate::content::load(&config, &dataset, d)),
        );
        // Parsing the boundaries is the slow part and needs only the map files: a data edit
        // keeps it and redoes only the matching of editions to maps.
        let parsed = stage(
            &mut self.parsed_maps,
            combine((files[Input::Maps as usize], &config.root)),
            "parse maps",
            &mut ran,
            &mut diags,
            |_| Arc::new(super::parse_maps(&config)),
        );
        let maps_key = combine((files[Input::Maps as usize], data_key));
        let maps = stage(
            &mut self.maps,
            maps_key,
            "maps",
            &mut ran,
            &mut diags,
            |d| Arc::new(super::load_maps(&config, &dataset, &parsed, d)),
        );
        let theme_key = combine((files[Input::Theme as usize], &config.theme, &config.root));
        let (theme, renderer) = stage(
            &mut self.theme,
            theme_key,
            "theme",
            &mut ran,
            &mut diags,
            |d| {
                let theme = theme::load(&config, d);
                let renderer = Renderer::new(&theme, d).map(Arc::new);
                (Arc::new(theme), renderer)
            },
        );
        timings.push(("load", t.elapsed()));
        self.keys = [data_key, maps_key, theme_key, commentary_key];
        if diags.has_errors() {
            (self.ran, self.spent) = ran.iter().copied().unzip();
            return Err(diags);
        }
        let t = Instant::now();
        let report = stage(
            &mut self.report,
            data_key,
            "compute",
            &mut ran,
            &mut diags,
            |d| Arc::new(crate::compute::compute(&dataset, d)),
        );
        stage(
            &mut self.figures,
            commentary_key,
            "figures",
            &mut ran,
            &mut diags,
            |d| crate::content::check_figures(&commentary, &dataset, &report, d),
        );
        timings.push(("compute", t.elapsed()));
        let t = Instant::now();
        let plan = stage(
            &mut self.plan,
            commentary_key,
            "plan",
            &mut ran,
            &mut diags,
            |d| {
                Arc::new(Plan::new(
                    &dataset,
                    &report,
                    &commentary,
                    &config.languages,
                    config.pretty_urls,
                    d,
                ))
            },
        );
        timings.push(("plan", t.elapsed()));
        (self.ran, self.spent) = ran.iter().copied().unzip();
        if diags.has_errors() {
            return Err(diags);
        }
        Ok(Site {
            config,
            dataset,
            report,
            commentary,
            plan,
            theme,
            renderer: renderer.expect("no errors means the templates parsed"),
            maps,
            cards: crate::render::cache::CardCache::new(match &self.opts.cache {
                Some(p) if p.as_os_str().is_empty() => None,
                Some(p) => Some(p.join("cards")),
                None => Some(self.opts.root.join(".chiso-cache").join("cards")),
            }),
            timings,
            warnings: diags,
        })
    }
}

/// The data stage: site.toml, then units, indicators and values (`None` without a config).
fn load_data(opts: &Options, diags: &mut Diagnostics) -> DataOut {
    let config = crate::config::load(&opts.root, opts.base_url.as_deref(), diags)?;
    let dataset = crate::data::load(&config, diags);
    for slug in config
        .compare
        .iter()
        .filter(|s| dataset.unit_by_slug(s).is_none())
    {
        diags.push(
            Diagnostic::error(
                Location::line(
                    config.shown(&config.content_dir().join("site.toml")),
                    config.compare_line,
                ),
                format!("compare: unknown unit `{slug}`"),
            )
            .hint(crate::text::suggest::hint(
                slug,
                dataset.units.iter().map(|u| u.slug.as_str()),
                "list 2–4 unit slugs of content/units.csv",
            )),
        );
    }
    Some((Arc::new(config), Arc::new(dataset)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_belong_to_one_input_each() {
        let root = Path::new("/s");
        let of = |p: &str| Input::of(root, &root.join(p));
        assert_eq!(
            of("content/commentary/2023/hue.md"),
            Some(Input::Commentary)
        );
        assert_eq!(of("content/maps/vn63.topojson"), Some(Input::Maps));
        assert_eq!(of("themes/default/templates/base.html"), Some(Input::Theme));
        assert_eq!(of("content/site.toml"), Some(Input::Data));
        assert_eq!(of("content/aliases.csv"), Some(Input::Data));
        assert_eq!(of("output/index.html"), None);
    }
}
