//! The write stage's one door to the disk: [`SitePath`] (a checked site-relative path) and
//! [`OutputDir::write`], the only function that writes a file of the built site. It resolves the
//! path under the output folder and refuses anything that could land elsewhere (`..`, absolute
//! paths, separators, NUL) or overwrite another file of the same build (also when the two
//! names differ only by case, which some file systems merge).

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A path relative to the output folder: `/`-separated segments of ASCII letters, digits, `-`,
/// `_`, `.` and `~`, none empty, none starting with a dot (so no `.`, `..` or hidden files), no
/// Windows device name. Anything that passes stays inside the folder it is joined to.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SitePath(String);

/// Why a string is not a [`SitePath`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadPath {
    /// The refused path.
    pub path: String,
    /// Why, in a few words.
    pub why: &'static str,
}

impl fmt::Display for BadPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a safe output path: {}",
            self.path.escape_debug(),
            self.why
        )
    }
}

/// Device names Windows reserves in every folder (with any extension).
pub const DEVICES: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

impl SitePath {
    /// Checks `s` (see the type's rules).
    pub fn new(s: &str) -> Result<SitePath, BadPath> {
        let bad = |why| {
            Err(BadPath {
                path: s.to_owned(),
                why,
            })
        };
        if s.is_empty() {
            return bad("it is empty");
        }
        if s.starts_with('/') || s.starts_with('\\') {
            return bad("it is absolute");
        }
        for seg in s.split('/') {
            if seg.is_empty() {
                return bad("it has an empty segment (`//` or a trailing `/`)");
            }
            if seg == "." || seg == ".." {
                return bad("it has a `.` or `..` segment");
            }
            if seg.starts_with('.') {
                return bad("a segment starts with a dot");
            }
            if let Some(c) = seg
                .chars()
                .find(|&c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~')))
            {
                return bad(match c {
                    '\\' | ':' => "it has a path separator (`\\` or `:`)",
                    '\0' => "it has a NUL character",
                    c if c.is_control() => "it has a control character",
                    c if !c.is_ascii() => "it has a character outside ASCII",
                    _ => "it has a character other than letters, digits, `-`, `_`, `.` and `~`",
                });
            }
            let stem = seg.split('.').next().unwrap_or("").to_ascii_lowercase();
            if DEVICES.contains(&stem.as_str()) {
                return bad("a segment is a device name on Windows");
            }
        }
        Ok(SitePath(s.to_owned()))
    }

    /// The path as written (`tinh/hue/index.html`).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key under which two paths are the same file on a case-insensitive file system.
    fn folded(&self) -> String {
        self.0.to_ascii_lowercase()
    }
}

impl fmt::Display for SitePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a write was refused or failed.
#[derive(Debug)]
pub enum WriteError {
    /// The path is not a [`SitePath`].
    Bad(BadPath),
    /// Another file of this build already has this path, a path differing only by case, or
    /// uses it as a folder (or this path uses that file as a folder).
    Collision {
        /// The refused path.
        path: String,
        /// The file or folder written earlier.
        other: String,
    },
    /// The file system refused.
    Io {
        /// What was being done (`create the folder`, `write`).
        what: &'static str,
        /// Full path on disk.
        path: PathBuf,
        /// The cause.
        err: std::io::Error,
    },
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Bad(b) => b.fmt(f),
            WriteError::Collision { path, other } => {
                write!(
                    f,
                    "`{path}` collides with `{other}`, written by the same build"
                )
            }
            WriteError::Io { what, path, err } => {
                write!(f, "cannot {what} {}: {err}", path.display())
            }
        }
    }
}

impl std::error::Error for WriteError {}

impl From<BadPath> for WriteError {
    fn from(b: BadPath) -> Self {
        WriteError::Bad(b)
    }
}

/// Paths written so far, folded, to refuse collisions.
#[derive(Default)]
struct Written {
    /// Folded file path → the path as written.
    files: HashMap<String, String>,
    /// Folded folder paths (every prefix of a written file) → the file that made it.
    folders: HashMap<String, String>,
    /// Folders already created on disk.
    created: HashSet<PathBuf>,
}

/// A fresh folder the site is written into (the temporary folder of an atomic build).
pub struct OutputDir {
    root: PathBuf,
    previous: Option<PathBuf>,
    written: Mutex<Written>,
}

impl OutputDir {
    /// Creates the folder `root`, which must not exist yet. `previous` is the last built site:
    /// unchanged files are hard-linked from it instead of written again.
    pub fn create(root: PathBuf, previous: Option<PathBuf>) -> Result<OutputDir, WriteError> {
        let io = |err| WriteError::Io {
            what: "create the folder",
            path: root.clone(),
            err,
        };
        if let Some(parent) = root.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        std::fs::create_dir(&root).map_err(io)?;
        Ok(OutputDir {
            root,
            previous,
            written: Mutex::new(Written::default()),
        })
    }

    /// The folder written into.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Writes one file of the site at `rel` under the folder; returns the bytes written. Safe
    /// to call from several threads.
    pub fn write(&self, rel: &SitePath, bytes: &[u8]) -> Result<u64, WriteError> {
        let folded = rel.folded();
        let path = self.root.join(rel.as_str());
        // SitePath cannot climb, so this holds; checked again because it is the whole point.
        if !path.starts_with(&self.root)
            || path.components().count() <= self.root.components().count()
        {
            return Err(WriteError::Bad(BadPath {
                path: rel.to_string(),
                why: "it resolves outside the output folder",
            }));
        }
        {
            let mut w = self.written.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(other) = w.files.get(&folded).or_else(|| w.folders.get(&folded)) {
                return Err(WriteError::Collision {
                    path: rel.to_string(),
                    other: other.clone(),
                });
            }
            let prefixes: Vec<&str> = folded
                .match_indices('/')
                .map(|(i, _)| &folded[..i])
                .collect();
            if let Some(file) = prefixes.iter().find_map(|p| w.files.get(*p)) {
                return Err(WriteError::Collision {
                    path: rel.to_string(),
                    other: file.clone(),
                });
            }
            for p in prefixes {
                w.folders
                    .entry(p.to_owned())
                    .or_insert_with(|| rel.to_string());
            }
            w.files.insert(folded, rel.to_string());
            if let Some(dir) = path.parent()
                && !w.created.contains(dir)
            {
                std::fs::create_dir_all(dir).map_err(|err| WriteError::Io {
                    what: "create the folder",
                    path: dir.to_path_buf(),
                    err,
                })?;
                w.created.insert(dir.to_path_buf());
            }
        }
        // An unchanged file is hard-linked from the previous output instead of written again:
        // most rebuilds change little, and the old tree is never modified, only unlinked later.
        // Only a regular file is linked (never a symlink someone put in the old output).
        if let Some(prev) = &self.previous {
            let old = prev.join(rel.as_str());
            let unchanged = std::fs::symlink_metadata(&old)
                .is_ok_and(|m| m.file_type().is_file() && m.len() == bytes.len() as u64)
                && std::fs::read(&old).is_ok_and(|b| b == bytes)
                && std::fs::hard_link(&old, &path).is_ok();
            if unchanged {
                return Ok(bytes.len() as u64);
            }
        }
        std::fs::write(&path, bytes).map_err(|err| WriteError::Io {
            what: "write",
            path,
            err,
        })?;
        Ok(bytes.len() as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_paths() {
        for ok in [
            "index.html",
            "tinh/hue/index.html",
            "static/Inter-Regular.woff2",
            "data/2024-34.csv",
            "a~b_c.d",
        ] {
            assert!(SitePath::new(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "/etc/passwd",
            "\\x",
            "a//b",
            "a/",
            "./a",
            "a/../b",
            "..",
            ".",
            ".hidden",
            "a\\b",
            "c:x",
            "a\0b",
            "hà/nội",
            "a b",
            "%2e%2e/x",
            "con",
            "aux.txt",
            "x/NUL.html",
            "a\nb",
        ] {
            assert!(SitePath::new(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn writes_inside_and_refuses_collisions() {
        let dir = tempfile::tempdir().unwrap();
        let out = OutputDir::create(dir.path().join("o"), None).unwrap();
        let p = |s| SitePath::new(s).unwrap();
        out.write(&p("a/b.html"), b"x").unwrap();
        assert_eq!(std::fs::read(dir.path().join("o/a/b.html")).unwrap(), b"x");
        for clash in ["a/b.html", "A/B.html", "a", "a/b.html/c"] {
            let e = out.write(&p(clash), b"y").unwrap_err();
            assert!(matches!(e, WriteError::Collision { .. }), "{clash}: {e}");
        }
        out.write(&p("a/c.html"), b"z").unwrap();
        assert_eq!(std::fs::read(dir.path().join("o/a/b.html")).unwrap(), b"x");
    }
}
