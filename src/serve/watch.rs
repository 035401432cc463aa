//! Watching `content/` and `themes/`: file-system events from `notify` (inotify, FSEvents,
//! ReadDirectoryChanges), or notify's polling watcher where events are not available (the watch
//! limit is reached, some network or virtual file systems), and the preview says so.
//!
//! Debouncing is the few lines of [`Watcher::next`] rather than `notify-debouncer-mini`: that
//! crate passes every event kind on, and inotify reports reads (`OPEN`, `CLOSE_NOWRITE`), so
//! each rebuild — which reads the files — woke the watcher again and published a second,
//! spurious version. Only events that can change a file's content count here.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant, SystemTime};

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{PollWatcher, RecommendedWatcher, RecursiveMode};

use crate::site::Input;

/// How long the files must stay quiet before a change is passed on. Editors write a file in one
/// or two system calls a few microseconds apart; 10 ms joins them and stays far below what a
/// person notices.
const QUIET: Duration = Duration::from_millis(10);

/// Longest wait for the files to go quiet: a stream of writes still rebuilds now and then.
const MOST: Duration = Duration::from_millis(500);

/// How the watcher learns about changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// File-system events (falls back to polling every 100 ms when they are unavailable).
    Events,
    /// Polling modification times at this interval.
    Poll(Duration),
}

/// What the notify thread passes on: the paths of one event, or "something was lost".
type Message = notify::Result<Vec<PathBuf>>;

/// The watcher: owns notify's watcher (dropping it stops watching).
pub struct Watcher {
    root: PathBuf,
    events: Receiver<Message>,
    _watcher: Box<dyn notify::Watcher + Send>,
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

/// Whether an event can mean new content: reads (open, close after reading) cannot.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

fn watch<W: notify::Watcher + Send + 'static>(
    root: &Path,
    poll: Duration,
) -> notify::Result<(Box<dyn notify::Watcher + Send>, Receiver<Message>)> {
    let (tx, rx) = channel();
    let handler = move |event: notify::Result<notify::Event>| {
        let message = match event {
            Ok(e) if !changes_content(&e.kind) => return,
            // A folder's own change (a file added to it) comes with the file's event; a new
            // folder is kept (see `add`).
            Ok(e) => Ok(e
                .paths
                .into_iter()
                .filter(|p| matches!(e.kind, EventKind::Create(_)) || !p.is_dir())
                .collect()),
            Err(e) => Err(e),
        };
        let _ = tx.send(message);
    };
    // The polling watcher keeps modification times in whole seconds: it compares contents too,
    // or two saves within a second would look like one (a few MB read per poll, and only where
    // events are unavailable).
    let config = notify::Config::default()
        .with_poll_interval(poll)
        .with_compare_contents(true);
    let mut watcher = W::new(handler, config)?;
    for dir in ["content", "themes"] {
        let dir = root.join(dir);
        if dir.is_dir() {
            watcher.watch(&dir, RecursiveMode::Recursive)?;
        }
    }
    Ok((Box::new(watcher), rx))
}

impl Watcher {
    /// Starts watching `root/content` and `root/themes`.
    pub fn new(root: &Path, mode: Mode) -> notify::Result<Watcher> {
        let root = root.to_path_buf();
        let events = match mode {
            Mode::Events => watch::<RecommendedWatcher>(&root, Duration::from_millis(100))
                .map(|(w, rx)| (w, rx, false)),
            Mode::Poll(_) => Err(notify::Error::generic("polling asked for")),
        };
        let (watcher, events, polling) = match events {
            Ok(e) => e,
            Err(_) => {
                let every = match mode {
                    Mode::Poll(d) => d,
                    Mode::Events => Duration::from_millis(100),
                };
                let (w, rx) = watch::<PollWatcher>(&root, every)?;
                (w, rx, true)
            }
        };
        Ok(Watcher {
            root,
            events,
            _watcher: watcher,
            polling,
        })
    }

    /// Waits up to `timeout` for changes (`None` when nothing changed), then until the files
    /// have been quiet for [`QUIET`] (at most [`MOST`]). A file caught empty (an editor that
    /// truncates, then writes, more slowly than usual) is waited for, up to 60 ms more.
    pub fn next(&self, timeout: Duration) -> Option<Changes> {
        let first = match self.events.recv_timeout(timeout) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
        };
        let mut paths = Vec::new();
        self.add(first, &mut paths);
        let start = Instant::now();
        while start.elapsed() < MOST {
            match self.events.recv_timeout(QUIET) {
                Ok(more) => self.add(more, &mut paths),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        let deadline = Instant::now() + Duration::from_millis(60);
        while paths
            .iter()
            .any(|p| std::fs::metadata(p).is_ok_and(|m| m.len() == 0))
        {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.events.recv_timeout(left) {
                Ok(more) => self.add(more, &mut paths),
                Err(_) => break,
            }
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

    fn add(&self, message: Message, paths: &mut Vec<PathBuf>) {
        // A watcher error (an overflowed event queue) loses events: report a change of the
        // data, which makes the stages look at every file again.
        let events = message.unwrap_or_else(|_| vec![self.root.join("content/site.toml")]);
        for path in events {
            let wanted = Input::of(&self.root, &path).is_some() && !is_editor_noise(&path);
            // A new folder counts too: notify watches it only once it has seen it, so a file
            // written into it at once may come with no event of its own (the stages then
            // find it, as they look at every file).
            if wanted && !paths.contains(&path) {
                paths.push(path);
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
        // Reading is not changing (a rebuild reads every file).
        std::fs::read(root.join("content/commentary/_index.md")).unwrap();
        std::fs::read_dir(root.join("content/data"))
            .unwrap()
            .count();
        assert!(
            w.next(Duration::from_millis(300)).is_none(),
            "a read is no change"
        );
        std::fs::write(root.join("content/commentary/_index.md"), "bb").unwrap();
        std::fs::write(root.join("content/commentary/.#_index.md"), "x").unwrap();
        let c = w.next(Duration::from_secs(5)).expect("a change");
        assert_eq!(c.paths, vec![root.join("content/commentary/_index.md")]);
        assert!(c.saved_at.is_some());
        std::fs::remove_file(root.join("content/data/2023.csv")).unwrap();
        let c = w.next(Duration::from_secs(5)).expect("a removal");
        assert_eq!(c.paths, vec![root.join("content/data/2023.csv")]);
        // A new folder with a file written into it at once.
        std::fs::create_dir(root.join("content/commentary/2026")).unwrap();
        std::fs::write(root.join("content/commentary/2026/_index.md"), "c").unwrap();
        let c = w.next(Duration::from_secs(5)).expect("a new folder");
        assert!(
            c.paths.contains(&root.join("content/commentary/2026")),
            "{:?}",
            c.paths
        );
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
