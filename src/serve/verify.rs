//! Double-checking a partial rebuild: once the editor pauses, every page is rendered again in the
//! background and any file that differs from what the partial rebuild served is published (the
//! browser reloads once more). The work is cancelled, within one small batch of pages, as soon as
//! another change comes in, so it never delays a reload.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::{Log, State, Update};
use crate::site::Site;

/// How long the editor must pause before the check starts.
const PAUSE: Duration = Duration::from_millis(500);
/// Pages rendered between two looks at the cancel flag.
const BATCH: usize = 32;

/// A running check; dropping it cancels it and waits for it to end.
pub struct Verifier {
    cancel: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Verifier {
    /// Starts checking `site` against what `state` serves.
    pub fn start(site: Arc<Site>, state: Arc<State>, log: Log) -> Verifier {
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&cancel);
        let thread = std::thread::spawn(move || run(&site, &state, &log, &flag));
        Verifier {
            cancel,
            thread: Some(thread),
        }
    }
}

impl Drop for Verifier {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn run(site: &Site, state: &State, log: &Log, cancel: &AtomicBool) {
    let start = Instant::now();
    while start.elapsed() < PAUSE {
        if cancel.load(Ordering::SeqCst) || state.stopping() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let served = state.snapshot().files;
    let ctx = site.ctx();
    let mut differing = Vec::new();
    for batch in site.plan.pages.chunks(BATCH) {
        if cancel.load(Ordering::SeqCst) || state.stopping() {
            return;
        }
        let rendered: Vec<_> = batch
            .par_iter()
            .map(|page| {
                crate::render::page(&ctx, &site.renderer, &site.theme, page)
                    .and_then(|r| r.draw(&site.cards))
            })
            .collect();
        for files in rendered.into_iter().flatten() {
            differing.extend(
                files
                    .into_iter()
                    .filter(|(p, b)| served.get(p).is_none_or(|s| s.as_slice() != b.as_slice())),
            );
        }
    }
    if !differing.is_empty() && !cancel.load(Ordering::SeqCst) {
        let n = differing.len();
        state.publish(Update::Patch(differing), None);
        log(&format!(
            "checked the partial rebuild: {n} file(s) differed from a full render and were replaced; the browser reloads again"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::sync::{Condvar, Mutex};

    #[test]
    fn replaces_what_differs_from_a_full_render_unless_cancelled() {
        let dir = tempfile::tempdir().unwrap();
        crate::scaffold::create(dir.path()).unwrap();
        let opts = crate::site::Options {
            root: dir.path().to_path_buf(),
            ..Default::default()
        };
        let site = crate::site::load(&opts).unwrap_or_else(|d| panic!("{d}"));
        let mut files = crate::site::render(&site).unwrap();
        for (p, b) in &mut files {
            if p == "index.html" {
                *b = b"stale".to_vec();
            }
        }
        let state = State {
            addr: "127.0.0.1:1".parse().unwrap(),
            current: Mutex::new(super::super::Snapshot {
                version: 0,
                files: Arc::new(HashMap::new()),
                error: None,
            }),
            changed: Condvar::new(),
            stop: AtomicBool::new(false),
            last: Mutex::new(None),
        };
        state.publish(Update::All(files), None);
        let log: Log = Arc::new(|_: &str| {});
        run(&site, &state, &log, &AtomicBool::new(true));
        assert_eq!(
            state.snapshot().version,
            1,
            "a cancelled check changes nothing"
        );
        run(&site, &state, &log, &AtomicBool::new(false));
        let snap = state.snapshot();
        assert_eq!(snap.version, 2);
        assert_ne!(snap.files["index.html"].as_slice(), b"stale");
        run(&site, &state, &log, &AtomicBool::new(false));
        assert_eq!(state.snapshot().version, 2, "nothing to replace: no reload");
    }
}
