//! `chiso serve`: a local preview that rebuilds on save and reloads the browser.
//!
//! The site is built in memory and served from memory, so no disk write is on the reload path.
//! A watcher polls `content/` and `themes/`; a change rebuilds only what it affects where that is
//! cheap to know (commentary: re-read commentary, re-plan, re-render; theme: reload templates and
//! re-render; anything else: load everything), then bumps a version that browsers hear about on
//! an event stream. A build error is shown over the last good page, which stays served.

mod http;
mod incremental;
pub mod live;
mod verify;
mod watch;

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime};

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::opendata::OutFile;
use crate::site::Site;

pub use http::{content_type, site_path};
pub use watch::Scope;

/// Most connections served at once; more get 503 (a preview has one or two browsers).
const MAX_CONNECTIONS: usize = 256;

/// Where progress lines go.
pub type Log = Arc<dyn Fn(&str) + Send + Sync>;

/// What the user asked for.
#[derive(Clone)]
pub struct Options {
    /// The site to build.
    pub site: crate::site::Options,
    /// Address to listen on (loopback unless `--bind` says otherwise).
    pub bind: IpAddr,
    /// Port (0: any free port).
    pub port: u16,
    /// How often the watcher looks at modification times.
    pub poll: Duration,
    /// Where progress lines go (stderr for the CLI; nothing in tests).
    pub log: Option<Log>,
}

impl Options {
    /// Defaults: 127.0.0.1:1111, polling every 25 ms (a stat of each watched file).
    pub fn new(site: crate::site::Options) -> Options {
        Options {
            site,
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 1111,
            poll: Duration::from_millis(25),
            log: None,
        }
    }
}

/// What one rebuild did, for the log and for measurements.
#[derive(Clone, Debug)]
pub struct Rebuild {
    /// What was rebuilt.
    pub scope: Scope,
    /// Whether it succeeded.
    pub ok: bool,
    /// Time spent rebuilding.
    pub build: Duration,
    /// From the saved file's modification time to the reload event being sent.
    pub save_to_reload: Option<Duration>,
    /// The version published.
    pub version: u64,
}

/// What is being served: a version, the files, and the last build error.
#[derive(Clone)]
pub struct Snapshot {
    /// Bumped on every rebuild, good or bad.
    pub version: u64,
    /// The last good site: site-relative path → bytes (shared, so a partial rebuild copies
    /// no file it does not change).
    pub files: Arc<HashMap<String, Arc<Vec<u8>>>>,
    /// The diagnostics of the last build, if it failed (plain text).
    pub error: Option<Arc<str>>,
}

/// Shared between the watcher and the connection threads.
pub struct State {
    addr: SocketAddr,
    current: Mutex<Snapshot>,
    changed: Condvar,
    stop: AtomicBool,
    last: Mutex<Option<Rebuild>>,
}

impl State {
    /// The current snapshot (cheap: the files are shared).
    pub fn snapshot(&self) -> Snapshot {
        self.current
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Waits until the version differs from `seen` (or `timeout`); returns the version then.
    fn wait_for_change(&self, seen: u64, timeout: Duration) -> u64 {
        let guard = self.current.lock().unwrap_or_else(|e| e.into_inner());
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |s| {
                s.version == seen && !self.stop.load(Ordering::SeqCst)
            })
            .unwrap_or_else(|e| e.into_inner());
        guard.version
    }

    fn stopping(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    /// Publishes a build result: the files and the error, then wakes listeners.
    fn publish(&self, files: Update, error: Option<String>) -> u64 {
        let mut cur = self.current.lock().unwrap_or_else(|e| e.into_inner());
        match files {
            Update::Keep => {}
            Update::All(files) => {
                cur.files = Arc::new(files.into_iter().map(|(p, b)| (p, Arc::new(b))).collect());
            }
            Update::Patch(files) => {
                let mut map = (*cur.files).clone();
                map.extend(files.into_iter().map(|(p, b)| (p, Arc::new(b))));
                cur.files = Arc::new(map);
            }
        }
        cur.error = error.map(Arc::from);
        cur.version += 1;
        let v = cur.version;
        drop(cur);
        self.changed.notify_all();
        v
    }
}

/// What a rebuild changes in the served files.
enum Update {
    /// Nothing (the build failed).
    Keep,
    /// Every file.
    All(Vec<OutFile>),
    /// Some files replaced or added; the others stay.
    Patch(Vec<OutFile>),
}

impl Update {
    /// "378 pages" or "2 pages re-rendered".
    fn describe(&self) -> String {
        let count = |f: &[OutFile]| f.iter().filter(|(p, _)| p.ends_with(".html")).count();
        match self {
            Update::Keep => String::new(),
            Update::All(f) => format!("{} pages", count(f)),
            Update::Patch(f) => format!("{} pages re-rendered", count(f)),
        }
    }
}

/// A running preview server.
pub struct Server {
    /// The address it listens on.
    pub addr: SocketAddr,
    state: Arc<State>,
    threads: Vec<JoinHandle<()>>,
}

impl Server {
    /// The current version (bumped by every rebuild).
    pub fn version(&self) -> u64 {
        self.state.snapshot().version
    }

    /// The last rebuild, if any happened since the start.
    pub fn last_rebuild(&self) -> Option<Rebuild> {
        self.state
            .last
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Blocks until the server stops (never, for the CLI: Ctrl-C ends the process).
    pub fn wait(mut self) {
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }

    /// Stops watching and listening, and waits for both threads.
    pub fn stop(mut self) {
        self.state.stop.store(true, Ordering::SeqCst);
        self.state.changed.notify_all();
        // Wake the accept loop.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

/// Builds the site once, starts listening and watching, and returns at once. A failing first
/// build is served as an error page until a save fixes it.
pub fn start(opts: Options) -> Result<Server, Diagnostic> {
    let listener = TcpListener::bind((opts.bind, opts.port)).map_err(|e| {
        Diagnostic::error(
            Location::file(format!("{}:{}", opts.bind, opts.port)),
            format!("cannot listen on {}:{}: {e}", opts.bind, opts.port),
        )
        .hint("pick another port with --port (0 picks any free port)")
    })?;
    let addr = listener.local_addr().map_err(|e| {
        Diagnostic::error(Location::default(), format!("cannot read the address: {e}"))
    })?;
    let log = opts.log.clone().unwrap_or_else(|| Arc::new(|_: &str| {}));
    let mut builder = Builder {
        opts: opts.site.clone(),
        site: None,
        stale: true,
        verifier: None,
    };
    let watcher = watch::Watcher::new(&opts.site.root);
    let state = Arc::new(State {
        addr,
        current: Mutex::new(Snapshot {
            version: 0,
            files: Arc::new(HashMap::new()),
            error: None,
        }),
        changed: Condvar::new(),
        stop: AtomicBool::new(false),
        last: Mutex::new(None),
    });
    let t = Instant::now();
    match builder.rebuild(Scope::Full) {
        Ok((files, warnings)) => {
            let pages = files.describe();
            state.publish(files, None);
            log(&format!(
                "built {pages} in memory in {:.0} ms{}",
                ms(t.elapsed()),
                warning_note(&warnings)
            ));
        }
        Err(d) => {
            log(&d.render());
            state.publish(Update::Keep, Some(d.render()));
            log(
                "the site does not build yet: the browser shows the errors until a save fixes them",
            );
        }
    }
    let accept = {
        let state = Arc::clone(&state);
        std::thread::spawn(move || accept_loop(listener, state))
    };
    let watch = {
        let state = Arc::clone(&state);
        let poll = opts.poll;
        std::thread::spawn(move || watch_loop(watcher, builder, state, poll, log))
    };
    Ok(Server {
        addr,
        state,
        threads: vec![accept, watch],
    })
}

fn accept_loop(listener: TcpListener, state: Arc<State>) {
    let active = Arc::new(AtomicUsize::new(0));
    for conn in listener.incoming() {
        if state.stopping() {
            return;
        }
        let Ok(mut stream) = conn else { continue };
        if active.load(Ordering::SeqCst) >= MAX_CONNECTIONS {
            let _ = http::respond(&mut stream, 503, "text/plain", b"busy\n", false);
            continue;
        }
        active.fetch_add(1, Ordering::SeqCst);
        let (state, active) = (Arc::clone(&state), Arc::clone(&active));
        std::thread::spawn(move || {
            http::handle(stream, state);
            active.fetch_sub(1, Ordering::SeqCst);
        });
    }
}

fn watch_loop(
    mut watcher: watch::Watcher,
    mut builder: Builder,
    state: Arc<State>,
    poll: Duration,
    log: Log,
) {
    while !state.stopping() {
        std::thread::sleep(poll);
        let changes = watcher.poll();
        if changes.paths.is_empty() {
            continue;
        }
        let scope = watcher.scope(&changes.paths);
        let t = Instant::now();
        let result = builder.rebuild(scope);
        let build = t.elapsed();
        let partial = matches!(result, Ok((Update::Patch(_), _)));
        let (ok, version, note) = match result {
            Ok((files, warnings)) => {
                let pages = files.describe();
                let v = state.publish(files, None);
                (true, v, format!("{pages}{}", warning_note(&warnings)))
            }
            Err(d) => {
                let text = d.render();
                let v = state.publish(Update::Keep, Some(text.clone()));
                log(&text);
                (
                    false,
                    v,
                    "build failed; serving the last good site".to_owned(),
                )
            }
        };
        let save_to_reload = changes
            .saved_at
            .and_then(|s| SystemTime::now().duration_since(s).ok());
        let shown: Vec<String> = changes
            .paths
            .iter()
            .take(3)
            .map(|p| {
                crate::diagnostics::shown_path(&builder.opts.root, p)
                    .display()
                    .to_string()
            })
            .collect();
        log(&format!(
            "{} changed: rebuilt ({}) in {:.0} ms, {note}; reload sent {}",
            shown.join(", "),
            match scope {
                Scope::Commentary => "commentary",
                Scope::Theme => "theme",
                Scope::Full => "everything",
            },
            ms(build),
            save_to_reload
                .map(|d| format!("{:.0} ms after the save", ms(d)))
                .unwrap_or_else(|| "now".to_owned()),
        ));
        *state.last.lock().unwrap_or_else(|e| e.into_inner()) = Some(Rebuild {
            scope,
            ok,
            build,
            save_to_reload,
            version,
        });
        if partial && let Some(site) = &builder.site {
            builder.verifier = Some(verify::Verifier::start(
                Arc::clone(site),
                Arc::clone(&state),
                Arc::clone(&log),
            ));
        }
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn warning_note(w: &Diagnostics) -> String {
    match w.warning_count() {
        0 => String::new(),
        n => format!(", {n} warning(s) (see chiso check)"),
    }
}

/// The last loaded site and how to bring it up to date.
struct Builder {
    opts: crate::site::Options,
    site: Option<Arc<Site>>,
    /// The loaded site does not reflect the data on disk (a full load failed): load fully.
    stale: bool,
    /// The background check of the last partial rebuild, if one runs.
    verifier: Option<verify::Verifier>,
}

impl Builder {
    /// Rebuilds for `scope`: a commentary edit re-renders only the pages that show the edited
    /// documents; anything else renders every file in memory.
    fn rebuild(&mut self, scope: Scope) -> Result<(Update, Diagnostics), Diagnostics> {
        // Cancel a running check first: it shares the site this rebuild changes.
        self.verifier = None;
        let incremental = scope != Scope::Full && !self.stale;
        let mut subjects = None;
        match self.site.as_mut().and_then(Arc::get_mut) {
            Some(site) if incremental => {
                let before = site.commentary.clone();
                let reloaded = if scope == Scope::Theme {
                    reload_theme(site).and_then(|()| reload_commentary(site))
                } else {
                    reload_commentary(site)
                };
                // A failed partial reload leaves the site behind the files: next time, load all.
                self.stale = reloaded.is_err();
                reloaded?;
                if scope == Scope::Commentary {
                    subjects = incremental::changed_subjects(&before, &site.commentary);
                }
            }
            _ => match crate::site::load(&self.opts) {
                Ok(site) => {
                    self.stale = false;
                    self.site = Some(Arc::new(site));
                }
                Err(d) => {
                    self.stale = true;
                    return Err(d);
                }
            },
        }
        let site = self.site.as_ref().expect("loaded above");
        if let Some(result) = subjects.and_then(|s| incremental::render(site, &s)) {
            let files = result.inspect_err(|_| self.stale = true)?;
            return Ok((Update::Patch(files), site.warnings.clone()));
        }
        let files = crate::site::render(site).inspect_err(|_| self.stale = true)?;
        Ok((Update::All(files), site.warnings.clone()))
    }
}

/// Re-reads commentary and re-plans the pages (free pages come and go with their files); the
/// data, the computed report and the templates stay as loaded.
fn reload_commentary(site: &mut Site) -> Result<(), Diagnostics> {
    let mut diags = Diagnostics::new();
    let commentary = crate::content::load(&site.config, &site.dataset, &mut diags);
    // Numbers taken from the data by shortcodes must exist, as in a full load.
    crate::content::check_figures(&commentary, &site.dataset, &site.report, &mut diags);
    if diags.has_errors() {
        return Err(diags);
    }
    let plan = crate::plan::Plan::new(
        &site.dataset,
        &site.report,
        &commentary,
        crate::site::LANGS,
        site.config.pretty_urls,
        &mut diags,
    );
    if diags.has_errors() {
        return Err(diags);
    }
    site.commentary = commentary;
    site.plan = plan;
    Ok(())
}

/// Reloads the theme's templates, static files and strings.
fn reload_theme(site: &mut Site) -> Result<(), Diagnostics> {
    let mut diags = Diagnostics::new();
    let theme = crate::render::theme::load(&site.config, &mut diags);
    let renderer = crate::render::Renderer::new(&theme, &mut diags);
    match renderer {
        Some(r) if !diags.has_errors() => {
            site.theme = theme;
            site.renderer = r;
            Ok(())
        }
        _ => Err(diags),
    }
}
