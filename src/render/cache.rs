//! A content-addressed cache of share cards: drawing a PNG costs ~10 ms, and most cards do not
//! change between builds. The key hashes the card's content and the code and fonts that draw it,
//! so a change to either misses the cache; cached bytes equal freshly drawn ones.

use std::path::PathBuf;

/// Everything that decides how a card looks, besides its content.
const DRAWING: &[&[u8]] = &[
    include_bytes!("../card/mod.rs"),
    include_bytes!("../card/draw.rs"),
    include_bytes!("../../themes/default/fonts/NotoSans-Regular.ttf"),
    include_bytes!("../../themes/default/fonts/NotoSans-Bold.ttf"),
];

/// FNV-1a, 64 bits: stable across runs and platforms (std's hasher is not guaranteed to be).
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in *part {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        // Separate parts so ("ab","c") and ("a","bc") differ.
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Where cards are cached; `None` disables the cache.
#[derive(Clone, Debug, Default)]
pub struct CardCache {
    dir: Option<PathBuf>,
    drawing: u64,
}

impl CardCache {
    /// A cache in `dir` (created on first write).
    pub fn new(dir: Option<PathBuf>) -> CardCache {
        // The PNG encoder compresses differently in debug and release builds (same pixels,
        // other bytes): key on the build too, so a binary's output never depends on which
        // binary filled the cache.
        let build: &[u8] = if cfg!(debug_assertions) {
            b"debug"
        } else {
            b"release"
        };
        let mut parts: Vec<&[u8]> = DRAWING.to_vec();
        parts.push(build);
        parts.push(env!("CARGO_PKG_VERSION").as_bytes());
        CardCache {
            dir,
            drawing: fnv1a(&parts),
        }
    }

    /// The PNG of `card`, from the cache or freshly drawn (and then cached).
    pub fn card(&self, card: &crate::card::Card) -> Result<Vec<u8>, String> {
        let Some(dir) = &self.dir else {
            return crate::card::share_card(card);
        };
        let content = format!("{card:?}");
        let key = fnv1a(&[&self.drawing.to_le_bytes(), content.as_bytes()]);
        let path = dir.join(format!("{key:016x}.png"));
        if let Ok(bytes) = std::fs::read(&path) {
            return Ok(bytes);
        }
        let png = crate::card::share_card(card)?;
        // A cache that cannot be written only costs time, never the build.
        if std::fs::create_dir_all(dir).is_ok() {
            let tmp = dir.join(format!("{key:016x}.{}.tmp", std::process::id()));
            if std::fs::write(&tmp, &png).is_ok() {
                let _ = std::fs::rename(&tmp, &path);
            }
        }
        Ok(png)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_separates_parts_and_is_stable() {
        assert_ne!(fnv1a(&[b"ab", b"c"]), fnv1a(&[b"a", b"bc"]));
        // Known answers: the FNV offset basis, and FNV-1a of "a" (0xaf63dc4c8601ec8c, the
        // published test vector) followed by the part separator.
        assert_eq!(fnv1a(&[]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(&[b"a"]), 0x089b_c907_b544_c769);
    }
}
