//! Watching `content/` and `themes/` by polling modification times: portable, no extra crate,
//! and cheap for a site of a few hundred files (one `stat` per file per poll).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What a set of changed files requires.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    /// Only commentary changed: re-read commentary, re-plan and re-render; data stays loaded.
    Commentary,
    /// Theme files (and maybe commentary) changed: reload the theme and re-render.
    Theme,
    /// Data, units, indicators or site.toml changed: load everything again.
    Full,
}

/// Files seen at the last poll: path → (modification time, length).
pub struct Watcher {
    root: PathBuf,
    seen: BTreeMap<PathBuf, (SystemTime, u64)>,
    /// When the last poll looked: a change it did not see happened after it.
    looked: SystemTime,
}

/// One poll's result.
pub struct Changes {
    /// Changed, added or removed files.
    pub paths: Vec<PathBuf>,
    /// The latest modification time among them (when the user saved).
    pub saved_at: Option<SystemTime>,
}

impl Watcher {
    /// Starts watching `root/content` and `root/themes`, taking the current state as seen.
    pub fn new(root: &Path) -> Watcher {
        let mut w = Watcher {
            root: root.to_path_buf(),
            seen: BTreeMap::new(),
            looked: SystemTime::now(),
        };
        w.seen = w.scan();
        w
    }

    fn scan(&self) -> BTreeMap<PathBuf, (SystemTime, u64)> {
        let mut out = BTreeMap::new();
        for dir in ["content", "themes"] {
            for entry in walkdir::WalkDir::new(self.root.join(dir))
                .into_iter()
                .filter_map(Result::ok)
            {
                if !entry.file_type().is_file() || is_editor_noise(entry.path()) {
                    continue;
                }
                if let Ok(meta) = entry.metadata() {
                    let mtime = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
                    out.insert(entry.into_path(), (mtime, meta.len()));
                }
            }
        }
        out
    }

    /// Files that changed since the last poll. A file caught half-written (editors that truncate,
    /// then write) is waited for: the poll repeats a few milliseconds later until nothing moves.
    pub fn poll(&mut self) -> Changes {
        let mut changes = self.poll_once();
        for _ in 0..20 {
            if changes.paths.is_empty() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(3));
            let more = self.poll_once();
            // An empty file is most likely truncated and about to be written: wait for it
            // (at most 60 ms), else stop as soon as nothing moves.
            if more.paths.is_empty() && !self.any_empty(&changes.paths) {
                break;
            }
            for p in more.paths {
                if !changes.paths.contains(&p) {
                    changes.paths.push(p);
                }
            }
            changes.saved_at = changes.saved_at.max(more.saved_at);
        }
        changes
    }

    fn any_empty(&self, paths: &[PathBuf]) -> bool {
        paths
            .iter()
            .any(|p| self.seen.get(p).is_some_and(|(_, len)| *len == 0))
    }

    fn poll_once(&mut self) -> Changes {
        let before = self.looked;
        self.looked = SystemTime::now();
        let now = self.scan();
        let mut paths = Vec::new();
        let mut saved_at: Option<SystemTime> = None;
        for (path, stamp) in &now {
            if self.seen.get(path) != Some(stamp) {
                paths.push(path.clone());
                saved_at = saved_at.max(Some(stamp.0));
            }
        }
        for path in self.seen.keys() {
            if !now.contains_key(path) {
                paths.push(path.clone());
            }
        }
        // A modification time older than the previous look is not when the change became
        // visible (a truncated file may keep its old time for a moment): bound it by that look.
        saved_at = match saved_at {
            Some(t) => Some(t.max(before)),
            None if !paths.is_empty() => Some(before),
            None => None,
        };
        self.seen = now;
        Changes { paths, saved_at }
    }

    /// What the changed `paths` require.
    pub fn scope(&self, paths: &[PathBuf]) -> Scope {
        let commentary = self.root.join("content").join("commentary");
        let themes = self.root.join("themes");
        paths
            .iter()
            .map(|p| {
                if p.starts_with(&commentary) {
                    Scope::Commentary
                } else if p.starts_with(&themes) {
                    Scope::Theme
                } else {
                    Scope::Full
                }
            })
            .max()
            .unwrap_or(Scope::Commentary)
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

    #[test]
    fn sees_changes_and_scopes_them() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/commentary")).unwrap();
        std::fs::create_dir_all(root.join("content/data")).unwrap();
        std::fs::write(root.join("content/commentary/_index.md"), "a").unwrap();
        std::fs::write(root.join("content/data/2023.csv"), "a").unwrap();
        let mut w = Watcher::new(root);
        assert!(w.poll().paths.is_empty());
        std::fs::write(root.join("content/commentary/_index.md"), "bb").unwrap();
        std::fs::write(root.join("content/commentary/.#_index.md"), "x").unwrap();
        let c = w.poll();
        assert_eq!(c.paths.len(), 1);
        assert!(c.saved_at.is_some());
        assert_eq!(w.scope(&c.paths), Scope::Commentary);
        std::fs::remove_file(root.join("content/data/2023.csv")).unwrap();
        let c = w.poll();
        assert_eq!(w.scope(&c.paths), Scope::Full);
        // A truncated file is waited for, as long as it stays empty (60 ms at most).
        let path = root.join("content/commentary/_index.md");
        std::fs::write(&path, "").unwrap();
        let writer = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(20));
            std::fs::write(&path, "full text").unwrap();
        });
        let c = w.poll();
        writer.join().unwrap();
        assert_eq!(c.paths.len(), 1);
        assert!(
            w.poll().paths.is_empty(),
            "the full file was seen in the same poll"
        );
        let theme = vec![root.join("themes/default/templates/page.html")];
        assert_eq!(w.scope(&theme), Scope::Theme);
    }
}
