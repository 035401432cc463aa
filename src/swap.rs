//! Swapping a freshly written site in for the old one, and cleaning up after builds that were
//! killed half-way, so that `output/` is always a whole site and leftovers never pile up.

use std::path::Path;
use std::time::{Duration, SystemTime};

/// Atomically exchanges two folders (Linux `renameat2(RENAME_EXCHANGE)`). Returns false where
/// that is not available; the caller then renames twice.
#[cfg(target_os = "linux")]
pub fn exchange(a: &Path, b: &Path) -> bool {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let (Ok(a), Ok(b)) = (
        CString::new(a.as_os_str().as_bytes()),
        CString::new(b.as_os_str().as_bytes()),
    ) else {
        return false;
    };
    // SAFETY: both pointers are valid NUL-terminated strings that outlive the call, which only
    // reads them.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    rc == 0
}

/// No atomic exchange here: the caller renames twice.
#[cfg(not(target_os = "linux"))]
pub fn exchange(_: &Path, _: &Path) -> bool {
    false
}

/// Removes the temporary folders (`.<name>-new-<pid>`, `.<name>-old-<pid>`) that builds which
/// no longer run left in `parent`. If such a build was killed between its two renames, the
/// previous site is in its `-old-` folder and `output` is missing: it is put back.
pub fn recover(parent: &Path, name: &str, output: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let (new_prefix, old_prefix) = (format!(".{name}-new-"), format!(".{name}-old-"));
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        let (is_old, pid) = match (
            file_name.strip_prefix(&new_prefix),
            file_name.strip_prefix(&old_prefix),
        ) {
            (Some(pid), _) => (false, pid),
            (_, Some(pid)) => (true, pid),
            _ => continue,
        };
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        if pid == std::process::id() || running(pid, &entry.path()) {
            continue;
        }
        if is_old && !output.exists() && std::fs::rename(entry.path(), output).is_ok() {
            continue;
        }
        let _ = std::fs::remove_dir_all(entry.path());
    }
}

/// Whether the build that owns a temporary folder may still be running.
fn running(pid: u32, folder: &Path) -> bool {
    if Path::new("/proc/self").exists() {
        return Path::new(&format!("/proc/{pid}")).exists();
    }
    // Without /proc, only folders untouched for a while are taken as abandoned.
    let age = std::fs::metadata(folder)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok());
    age.is_none_or(|a| a < Duration::from_secs(600))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_folders_are_removed_and_a_lost_site_restored() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        // PIDs that cannot be running (above the kernel's pid_max).
        std::fs::create_dir_all(p.join(".output-new-4999999/x")).unwrap();
        std::fs::create_dir_all(p.join(".output-old-4999998")).unwrap();
        std::fs::write(p.join(".output-old-4999998/index.html"), "old").unwrap();
        std::fs::create_dir_all(p.join(".other-new-4999999")).unwrap();
        recover(p, "output", &p.join("output"));
        assert!(!p.join(".output-new-4999999").exists());
        assert!(!p.join(".output-old-4999998").exists());
        assert!(
            p.join(".other-new-4999999").exists(),
            "other outputs untouched"
        );
        assert_eq!(
            std::fs::read_to_string(p.join("output/index.html")).unwrap(),
            "old"
        );
    }

    #[test]
    fn exchange_swaps_folders() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::create_dir_all(&a).unwrap();
        std::fs::create_dir_all(&b).unwrap();
        std::fs::write(a.join("f"), "a").unwrap();
        if exchange(&a, &b) {
            assert_eq!(std::fs::read_to_string(b.join("f")).unwrap(), "a");
            assert!(!a.join("f").exists());
        }
    }
}
