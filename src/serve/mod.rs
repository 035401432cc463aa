//! `chiso serve`: a local preview that rebuilds on save and reloads the browser.
//!
//! The site is built in memory and served from memory, so no disk write is on the reload path.
//! A watcher ([`watch`]) reports saves under `content/` and `themes/`; the preview then runs the
//! build's own pipeline ([`crate::site::Stages`]), which reruns only the stages whose inputs
//! changed, and renders only the pages whose inputs changed ([`crate::site::PageCache`]), then
//! bumps a version that browsers hear about on an event stream. A build error is shown over the
//! last good page, which stays served.

mod http;
pub mod live;
mod watch;

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime};

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::site::{PageCache, Shared, Stages};

pub use http::{content_type, site_path};
pub use watch::Mode;

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
    /// How the watcher learns of changes (file-system events unless told to poll).
    pub watch: Mode,
    /// Where progress lines go (stderr for the CLI; nothing in tests).
    pub log: Option<Log>,
}

impl Options {
    /// Defaults: 127.0.0.1:1111, file-system events.
    pub fn new(site: crate::site::Options) -> Options {
        Options {
            site,
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 1111,
            watch: Mode::Events,
            log: None,
        }
    }
}

/// What one rebuild did, for the log and for measurements.
#[derive(Clone, Debug)]
pub struct Rebuild {
    /// The stages that ran (the others were up to date).
    pub stages: Vec<&'static str>,
    /// Pages rendered (the others were up to date).
    pub pages: usize,
    /// Whether it succeeded.
    pub ok: bool,
    /// Time spent rebuilding.
    pub build: Duration,
    /// From the saved file's modification time to the reload event being sent (the pages
    /// open in a browser are up to date then).
    pub save_to_reload: Option<Duration>,
    /// From the saved file's modification time to the whole site being up to date.
    pub save_to_complete: Option<Duration>,
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
    /// False between a save's first pass (the pages open in a browser) and its second (the
    /// rest): a file missing meanwhile is waited for, not a 404.
    pub complete: bool,
}

/// Shared between the watcher and the connection threads.
pub struct State {
    addr: SocketAddr,
    current: Mutex<Snapshot>,
    changed: Condvar,
    stop: AtomicBool,
    last: Mutex<Option<Rebuild>>,
    /// The pages open in a browser (their live-reload streams), by site path, with a count.
    open: Mutex<HashMap<String, usize>>,
}

/// A page's place in [`State::open`] while its live-reload stream lasts.
pub(crate) struct OpenPage<'a> {
    state: &'a State,
    path: String,
}

impl Drop for OpenPage<'_> {
    fn drop(&mut self) {
        let mut open = self.state.open.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = open.get_mut(&self.path) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.path);
            }
        }
    }
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

    /// Counts `path` as open in a browser until the returned guard is dropped.
    pub(crate) fn opened(&self, path: String) -> OpenPage<'_> {
        *self
            .open
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(path.clone())
            .or_default() += 1;
        OpenPage { state: self, path }
    }

    /// The pages open in a browser now.
    fn open_pages(&self) -> std::collections::HashSet<String> {
        let open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        open.keys().cloned().collect()
    }

    /// The snapshot once the site is complete again (or `timeout` passed).
    pub(crate) fn complete_snapshot(&self, timeout: Duration) -> Snapshot {
        let guard = self.current.lock().unwrap_or_else(|e| e.into_inner());
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |s| {
                !s.complete && !self.stop.load(Ordering::SeqCst)
            })
            .unwrap_or_else(|e| e.into_inner());
        guard.clone()
    }

    /// The second pass's files: the whole site again, under the same version (the browsers
    /// reloaded at the first pass and must not reload twice).
    fn complete_with(&self, files: Vec<Shared>, saved_at: Option<SystemTime>) {
        let mut cur = self.current.lock().unwrap_or_else(|e| e.into_inner());
        cur.files = Arc::new(files.into_iter().collect());
        cur.complete = true;
        if let Some(r) = self.last.lock().unwrap_or_else(|e| e.into_inner()).as_mut() {
            r.save_to_complete = saved_at.and_then(|s| SystemTime::now().duration_since(s).ok());
        }
        drop(cur);
        self.changed.notify_all();
    }

    fn stopping(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    /// Publishes a build result: the files (`None`: keep the last good ones), the error and
    /// the record of the rebuild (none for the first build), then wakes listeners. The record
    /// is stored with the version, so whoever sees the version sees its record.
    fn publish(
        &self,
        files: Option<(Vec<Shared>, bool)>,
        error: Option<String>,
        record: Option<Record>,
    ) -> u64 {
        let mut cur = self.current.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((files, complete)) = files {
            cur.files = Arc::new(files.into_iter().collect());
            cur.complete = complete;
        } else {
            cur.complete = true;
        }
        let complete = cur.complete;
        cur.error = error.map(Arc::from);
        cur.version += 1;
        let version = cur.version;
        if let Some(r) = record {
            let since_save = r
                .saved_at
                .and_then(|s| SystemTime::now().duration_since(s).ok());
            *self.last.lock().unwrap_or_else(|e| e.into_inner()) = Some(Rebuild {
                stages: r.stages,
                pages: r.pages,
                ok: r.ok,
                build: r.build,
                // The moment listeners are woken to send the reload event.
                save_to_reload: since_save,
                save_to_complete: complete.then_some(since_save).flatten(),
                version,
            });
        }
        drop(cur);
        self.changed.notify_all();
        version
    }
}

/// What a rebuild knows before it is published ([`Rebuild`] without the version).
struct Record {
    stages: Vec<&'static str>,
    pages: usize,
    ok: bool,
    build: Duration,
    saved_at: Option<SystemTime>,
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
pub fn start(mut opts: Options) -> Result<Server, Diagnostic> {
    // The watcher reports absolute paths: the stages must know the folder the same way, or no
    // event matches the site's files (`chiso serve` run inside the site, root `.`, saw no save).
    opts.site.root = opts.site.root.canonicalize().map_err(|e| {
        Diagnostic::error(
            Location::file(&opts.site.root),
            format!("cannot open the site folder: {e}"),
        )
        .hint("run chiso serve inside the site folder, or pass --root <folder>")
    })?;
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
        stages: Stages::new(opts.site.clone()),
        pages: PageCache::default(),
        site: None,
    };
    let watcher = watch::Watcher::new(&opts.site.root, opts.watch).map_err(|e| {
        Diagnostic::error(
            Location::file(opts.site.root.join("content")),
            format!("cannot watch the site's files: {e}"),
        )
    })?;
    if watcher.polling && opts.watch == Mode::Events {
        log("file-system events are unavailable here: polling for changes every 100 ms");
    }
    let state = Arc::new(State {
        addr,
        current: Mutex::new(Snapshot {
            version: 0,
            files: Arc::new(HashMap::new()),
            error: None,
            complete: true,
        }),
        changed: Condvar::new(),
        stop: AtomicBool::new(false),
        last: Mutex::new(None),
        open: Mutex::new(HashMap::new()),
    });
    let t = Instant::now();
    match builder.rebuild(&Default::default()) {
        Ok(built) => {
            let (pages, warnings) = (built.pages, built.warnings);
            state.publish(Some((built.files, true)), None, None);
            log(&format!(
                "built {pages} pages in memory in {:.0} ms{}",
                ms(t.elapsed()),
                warning_note(&warnings)
            ));
        }
        Err(d) => {
            log(&d.render());
            state.publish(None, Some(d.render()), None);
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
        std::thread::spawn(move || watch_loop(watcher, builder, state, log))
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

fn watch_loop(watcher: watch::Watcher, mut builder: Builder, state: Arc<State>, log: Log) {
    while !state.stopping() {
        let Some(changes) = watcher.next(Duration::from_millis(100)) else {
            continue;
        };
        let t = Instant::now();
        let result = builder.rebuild(&state.open_pages());
        let build = t.elapsed();
        let stages = builder.stages.ran.clone();
        let saved_at = changes.saved_at;
        let mut record = Record {
            stages: stages.clone(),
            pages: 0,
            ok: true,
            build,
            saved_at: changes.saved_at,
        };
        let note = match result {
            Ok(built) => {
                record.pages = built.pages;
                let complete = built.complete;
                state.publish(Some((built.files, complete)), None, Some(record));
                // The open pages are reloading; the rest of the site follows.
                let rest = if complete {
                    Ok(0)
                } else {
                    builder.rest().map(|files| {
                        let n = builder.pages.rendered;
                        state.complete_with(files, saved_at);
                        n
                    })
                };
                match rest {
                    Ok(n) => format!(
                        "{} pages re-rendered{}{}",
                        built.pages + n,
                        if complete {
                            String::new()
                        } else {
                            format!(" ({} open first)", built.pages)
                        },
                        warning_note(&built.warnings)
                    ),
                    Err(d) => {
                        let text = d.render();
                        state.publish(None, Some(text.clone()), None);
                        log(&text);
                        "build failed; serving the last good site".to_owned()
                    }
                }
            }
            Err(d) => {
                let text = d.render();
                record.ok = false;
                state.publish(None, Some(text.clone()), Some(record));
                log(&text);
                "build failed; serving the last good site".to_owned()
            }
        };
        let save_to_reload = state
            .last
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .and_then(|r| r.save_to_reload);
        let shown: Vec<String> = changes
            .paths
            .iter()
            .take(3)
            .map(|p| {
                crate::diagnostics::shown_path(&builder.stages.options().root, p)
                    .display()
                    .to_string()
            })
            .collect();
        log(&format!(
            "{} changed: reran {} in {:.0} ms, {note}; reload sent {}",
            shown.join(", "),
            if stages.is_empty() {
                "nothing".to_owned()
            } else {
                stages
                    .iter()
                    .zip(&builder.stages.spent)
                    .map(|(s, t)| format!("{s} ({:.0} ms)", ms(*t)))
                    .collect::<Vec<_>>()
                    .join(", ")
            },
            ms(build),
            save_to_reload
                .map(|d| format!("{:.0} ms after the save", ms(d)))
                .unwrap_or_else(|| "now".to_owned()),
        ));
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

/// The pipeline's stages and rendered pages, kept between saves: a rebuild reruns only the
/// stages whose inputs changed and renders only the pages whose inputs changed.
struct Builder {
    stages: Stages,
    pages: PageCache,
    /// The last site loaded, for the second pass.
    site: Option<crate::site::Site>,
}

/// A successful rebuild (or its first pass).
struct Built {
    files: Vec<Shared>,
    /// Whether `files` is the whole site ([`Builder::rest`] makes it so otherwise).
    complete: bool,
    /// Pages rendered (the others were reused).
    pages: usize,
    /// Warnings of every stage, as of this rebuild.
    warnings: Diagnostics,
}

impl Builder {
    /// Brings the stages up to date and renders the stale pages among `first` (the pages
    /// open in a browser; all stale pages when it is empty, as on the first build).
    fn rebuild(&mut self, first: &std::collections::HashSet<String>) -> Result<Built, Diagnostics> {
        let site = self.stages.load()?;
        let (files, complete) = if first.is_empty() {
            (self.pages.render(&site, self.stages.keys)?, true)
        } else {
            self.pages.render_first(&site, self.stages.keys, first)?
        };
        let built = Built {
            files,
            complete,
            pages: self.pages.rendered,
            warnings: site.warnings.clone(),
        };
        self.site = Some(site);
        Ok(built)
    }

    /// The rest of the site after a first pass.
    fn rest(&mut self) -> Result<Vec<Shared>, Diagnostics> {
        let site = self.site.as_ref().expect("rebuild ran");
        self.pages.render(site, self.stages.keys)
    }
}
