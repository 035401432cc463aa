//! Watching `content/` and `themes/`: file-system events from `notify` (inotify, FSEvents,
//! ReadDirectoryChanges), debounced by `notify-debouncer-mini` so one save — or an editor's
//! truncate-then-write — is one change. Where events are not available (the watch limit is
//! reached, some network or virtual file systems) the same debouncer runs over notify's polling
//! watcher instead, and the preview says so.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, SystemTime};

use notify::{PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{Config, DebounceEventResult, Debouncer, new_debouncer_opt};

use crate::site::Input;

/// How long a path must stay quiet before its change is passed on. Editors write a file in one
/// or two system calls a few microseconds apart; 10 ms joins them and stays far below what a
/// person notices.
const QUIET: Duration = Duration::from_millis(10);

/// How the watcher learns about changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// File-system events (falls back to polling every 100 ms when they are unavailable).
    Events,
    /// Polling modification times at this interval.
    Poll(Duration),
}

/// The watcher: owns the debouncer (dropping it stops watching).
pub struct Watcher {
    root: PathBuf,
    events: Receiver<DebounceEventResult>,
    _events: Box<dyn std::any::Any + Send>,
    /// Polling rather than events (asked for, or events were unavailable).
    pub polling: bool,
}

/// Changed files, and when they were saved.
pub struct Changes {
    /// Changed, added or removed files of the site (editor swap files left out).
    pub paths: Vec<PathBuf>,
    /// The latest modification time among them (when the user saved).
    pub saved_at: Option<SystemTime>,
}

fn debouncer<W: notify::Watcher + 'static>(
    root: &Path,
    poll: Duration,
) -> notify::Result<(Debouncer<W>, Receiver<DebounceEventResult>)> {
    let (tx, rx) = channel();
    let config = Config::default()
        .with_timeout(QUIET)
        .with_batch_mode(true)
        .with_notify_config(notify::Config::default().with_poll_interval(poll));
    let mut debouncer = new_debouncer_opt::<_, W>(config, tx)?;
    for dir in ["content", "themes"] {
        let dir = root.join(dir);
        if dir.is_dir() {
            debouncer.watcher().watch(&dir, RecursiveMode::Recursive)?;
        }
    }
    Ok((debouncer, rx))
}

impl Watcher {
    /// Starts watching `root/content` and `root/themes`.
    pub fn new(root: &Path, mode: Mode) -> notify::Result<Watcher> {
        let root = root.to_path_buf();
        let events = match mode {
            Mode::Events => debouncer::<RecommendedWatcher>(&root, Duration::from_millis(100))
                .map(|(d, rx)| (Box::new(d) as Box<dyn std::any::Any + Send>, rx, false)),
            Mode::Poll(_) => Err(notify::Error::generic("polling asked for")),
        };
        let (owner, events, polling) = match events {
            Ok(e) => e,
            Err(_) => {
                let every = match mode {
                    Mode::Poll(d) => d,
                    Mode::Events => Duration::from_millis(100),
                };
                let (d, rx) = debouncer::<PollWatcher>(&root, every)?;
                (Box::new(d) as Box<dyn std::any::Any + Send>, rx, true)
            }
        };
        Ok(Watcher {
            root,
            events,
            _events: owner,
            polling,
        })
    }

    /// Waits up to `timeout` for changes (`None` when nothing changed). A file caught empty (an
    /// editor that truncates, then writes, more slowly than usual) is waited for, up to 60 ms.
    pub fn next(&self, timeout: Duration) -> Option<Changes> {
        let first = match self.events.recv_timeout(timeout) {
            Ok(batch) => batch,
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
        };
        let mut paths = Vec::new();
        self.add(first, &mut paths);
        let deadline = std::time::Instant::now() + Duration::from_millis(60);
        while paths
            .iter()
            .any(|p| std::fs::metadata(p).is_ok_and(|m| m.len() == 0))
        {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.events.recv_timeout(left) {
                Ok(more) => self.add(more, &mut paths),
                Err(_) => break,
            }
        }
        // Anything else already queued belongs to the same rebuild.
        while let Ok(more) = self.events.try_recv() {
            self.add(more, &mut paths);
        }
        if paths.is_empty() {
            return None;
        }
        let saved_at = paths
            .iter()
            .map(|p| {
                std::fs::metadata(p)
                    .and_then(|m| m.modified())
                    // A removed file has no time: it was removed just now.
                    .unwrap_or_else(|_| SystemTime::now())
            })
            .max();
        Some(Changes { paths, saved_at })
    }

    fn add(&self, batch: DebounceEventResult, paths: &mut Vec<PathBuf>) {
        // A watcher error (an overflowed event queue) loses events: treat it as "everything".
        let events = batch.unwrap_or_else(|_| {
            vec![notify_debouncer_mini::DebouncedEvent::new(
                self.root.join("content"),
                notify_debouncer_mini::DebouncedEventKind::Any,
            )]
        });
        for e in events {
            let wanted = Input::of(&self.root, &e.path).is_some() && !is_editor_noise(&e.path);
            // Folders come with the files in them, except a removed one: keep it then.
            let folder = e.path.is_dir();
            if wanted && !folder && !paths.contains(&e.path) {
                paths.push(e.path);
            }
        }
    }
}

/// Swap and backup files editors write next to the real ones.
fn is_editor_noise(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.starts_with(".#")
        || name.starts_with("~$")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sees_changes(mode: Mode) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("content/commentary")).unwrap();
        std::fs::create_dir_all(root.join("content/data")).unwrap();
        std::fs::write(root.join("content/commentary/_index.md"), "a").unwrap();
        std::fs::write(root.join("content/data/2023.csv"), "a").unwrap();
        let w = Watcher::new(&root, mode).unwrap();
        assert_eq!(w.polling, matches!(mode, Mode::Poll(_)));
        // Polling watchers take their first look in the background.
        std::thread::sleep(Duration::from_millis(300));
        assert!(
            w.next(Duration::from_millis(200)).is_none(),
            "nothing changed"
        );
        std::fs::write(root.join("content/commentary/_index.md"), "bb").unwrap();
        std::fs::write(root.join("content/commentary/.#_index.md"), "x").unwrap();
        let c = w.next(Duration::from_secs(5)).expect("a change");
        assert_eq!(c.paths, vec![root.join("content/commentary/_index.md")]);
        assert!(c.saved_at.is_some());
        std::fs::remove_file(root.join("content/data/2023.csv")).unwrap();
        let c = w.next(Duration::from_secs(5)).expect("a removal");
        assert_eq!(c.paths, vec![root.join("content/data/2023.csv")]);
    }

    #[test]
    fn file_system_events_are_seen_debounced() {
        sees_changes(Mode::Events);
    }

    #[test]
    fn polling_sees_the_same_changes() {
        sees_changes(Mode::Poll(Duration::from_millis(20)));
    }
}
