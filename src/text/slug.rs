//! Slugs, search folding and Unicode normalisation for Vietnamese text.
//!
//! Vietnamese letters carry up to two diacritics (a vowel modifier such as
//! the breve in "ă" plus a tone mark such as the dot in "ặ"). Canonical
//! decomposition (NFD) splits every one of them into a base letter and
//! combining marks, so dropping the marks leaves plain ASCII — except for
//! "đ"/"Đ", whose stroke is part of the letter and has no decomposition,
//! hence the explicit mapping below.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower-cases `s`, decomposes it and drops every combining mark, mapping
/// "đ" to "d". Non-Latin characters pass through untouched.
///
/// Lower-casing comes first because a few upper-case letters lower-case to
/// a base letter plus a combining mark (e.g. "İ" → "i̇"); doing it before the
/// decomposition lets the mark be dropped with the rest.
fn base_letters(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .flat_map(char::to_lowercase)
        .nfd()
        .filter(|&c| !is_combining_mark(c))
        .map(|c| if c == 'đ' { 'd' } else { c })
}

/// Turns Vietnamese (or any Latin-script) text into a URL slug.
///
/// The result contains only ASCII lower-case letters, digits and single
/// hyphens, never starts or ends with a hyphen, and is empty when `s` holds
/// no ASCII-representable letter or digit. Diacritics are stripped, "đ"/"Đ"
/// become "d", and every run of other characters (spaces, punctuation,
/// letters outside ASCII after stripping) becomes one hyphen.
///
/// ```
/// # use chiso::text::slugify;
/// assert_eq!(slugify("Bà Rịa - Vũng Tàu"), "ba-ria-vung-tau");
/// ```
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Start "inside a gap" so leading separators never emit a hyphen.
    let mut pending_hyphen = false;
    for c in base_letters(s) {
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            out.push(c);
        } else {
            pending_hyphen = true;
        }
    }
    // A trailing gap is simply never flushed, so no trailing hyphen.
    out
}

/// Folds text for accent- and case-insensitive search matching.
///
/// The result is lower case, free of diacritics ("đ" → "d"), with every run
/// of whitespace collapsed to one ASCII space and no leading or trailing
/// space. Punctuation and non-Latin letters are kept, so folding is a
/// normalisation, not a slug: `fold("Quảng Ngãi")` is `"quang ngai"`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in base_letters(s) {
        if c.is_whitespace() {
            pending_space = true;
        } else {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        }
    }
    out
}

/// Returns the NFC (canonically composed) form of `s`.
///
/// Content files may be saved by editors that decompose Vietnamese letters
/// (common on macOS); composing them keeps byte comparisons, hashing and
/// output consistent.
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// Whether `s` is already a slug: ASCII lower-case letters and digits in words joined by single
/// hyphens (what [`slugify`] produces).
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Why `s` is not a slug (`None` when it is), in words a user can act on. Names that become
/// paths (unit slugs, edition ids, indicator codes, page and theme names) are checked with this
/// where they are read, so `..`, `a/b`, `404.html` or `Hà-Nội` never reach the file system, and
/// two names can never differ only by case or Unicode form.
pub fn slug_problem(s: &str) -> Option<&'static str> {
    if crate::output::DEVICES.contains(&s) {
        return Some("it is a device name on Windows (con, nul, aux, com1, …)");
    }
    if is_slug(s) {
        return None;
    }
    Some(if s.is_empty() {
        "it is empty"
    } else if s == "." || s == ".." || s.contains("..") {
        "it contains `.` or `..`, which would point to another folder"
    } else if s.contains(['/', '\\', ':']) {
        "it contains a path separator"
    } else if s.contains('.') {
        "it contains a dot (names become folders: no file extensions)"
    } else if s.chars().any(char::is_control) {
        "it contains a control character"
    } else if s.chars().any(|c| !c.is_ascii()) {
        "it contains letters outside ASCII (write `ha-noi`, not `hà-nội`)"
    } else if s.chars().any(|c| c.is_ascii_uppercase()) {
        "it contains upper-case letters"
    } else if s.starts_with('-') || s.ends_with('-') || s.contains("--") {
        "it starts or ends with `-` or has `--`"
    } else {
        "only lower-case ASCII letters, digits and single `-` are allowed"
    })
}

/// Drops diacritics but keeps case and spacing: "Đắk Lắk" → "Dak Lak" (an English name when none
/// is given).
pub fn fold_display(s: &str) -> String {
    s.nfd()
        .filter(|&c| !is_combining_mark(c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decomposed spelling of "Đắk Lắk" (NFD), as some editors save it.
    const DAK_LAK_NFD: &str = "\u{110}a\u{306}\u{301}k La\u{306}\u{301}k";

    #[test]
    fn is_slug_and_fold_display() {
        for ok in ["dti", "ha-tang-so", "2024-34", "a1"] {
            assert!(is_slug(ok), "{ok}");
        }
        for bad in ["", "Ha-noi", "ha--noi", "-a", "a-", "hà", "a b"] {
            assert!(!is_slug(bad), "{bad}");
        }
        assert_eq!(fold_display("Đắk Lắk"), "Dak Lak");
        assert_eq!(fold_display("Thừa Thiên Huế"), "Thua Thien Hue");
    }

    #[test]
    fn slugify_table() {
        let cases: &[(&str, &str)] = &[
            ("Đắk Lắk", "dak-lak"),
            ("Bà Rịa - Vũng Tàu", "ba-ria-vung-tau"),
            ("TP. Hồ Chí Minh", "tp-ho-chi-minh"),
            ("Thừa Thiên Huế", "thua-thien-hue"),
            ("Hoạt động xã hội số", "hoat-dong-xa-hoi-so"),
            ("Quảng Ngãi", "quang-ngai"),
            ("Điện Biên", "dien-bien"),
            ("ĐỒNG THÁP", "dong-thap"),
            ("Kinh tế số", "kinh-te-so"),
            ("Chính quyền số", "chinh-quyen-so"),
            ("Hà Nội 2023", "ha-noi-2023"),
            ("  --Cần Thơ!!  ", "can-tho"),
            ("a___b", "a-b"),
            (DAK_LAK_NFD, "dak-lak"),
            ("ưu tiên ơ ô ê â ă", "uu-tien-o-o-e-a-a"),
            ("Ỳ Ỷ Ỹ Ý Ỵ", "y-y-y-y-y"),
            ("İstanbul", "istanbul"),
            ("Straße", "stra-e"),
            ("Hà Nội – Hải Phòng", "ha-noi-hai-phong"),
            ("", ""),
            ("—", ""),
            ("数字", ""),
        ];
        for &(input, want) in cases {
            assert_eq!(slugify(input), want, "slugify({input:?})");
        }
    }

    #[test]
    fn slugify_output_is_clean_ascii() {
        for s in ["Thừa Thiên Huế", " - x - ", "Bà Rịa - Vũng Tàu", "ĐẮK NÔNG"] {
            let slug = slugify(s);
            assert!(
                slug.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            );
            assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"));
        }
    }

    #[test]
    fn fold_table() {
        let cases: &[(&str, &str)] = &[
            ("Quảng Ngãi", "quang ngai"),
            ("  Đà   Nẵng\t\n", "da nang"),
            ("TP. Hồ Chí Minh", "tp. ho chi minh"),
            ("Bà Rịa - Vũng Tàu", "ba ria - vung tau"),
            (DAK_LAK_NFD, "dak lak"),
            ("ĐỒNG THÁP", "dong thap"),
            ("数字 Việt", "数字 viet"),
            ("", ""),
            ("   ", ""),
        ];
        for &(input, want) in cases {
            assert_eq!(fold(input), want, "fold({input:?})");
        }
    }

    #[test]
    fn fold_makes_spellings_match() {
        // Search must find a province whatever the user typed.
        let target = fold("Thừa Thiên Huế");
        for typed in [
            "thua thien hue",
            "THỪA THIÊN HUẾ",
            "Thua  Thien Hue",
            "thừa thiên huế",
        ] {
            assert_eq!(fold(typed), target, "{typed:?}");
        }
    }

    #[test]
    fn nfc_table() {
        let cases: &[(&str, &str)] = &[
            (DAK_LAK_NFD, "Đắk Lắk"),
            ("Đắk Lắk", "Đắk Lắk"),
            ("e\u{302}\u{301}", "ế"),
            // Combining marks in non-canonical order are reordered, then composed.
            ("a\u{323}\u{306}", "ặ"),
            ("plain", "plain"),
            ("", ""),
        ];
        for &(input, want) in cases {
            assert_eq!(nfc(input), want, "nfc({input:?})");
        }
    }

    #[test]
    fn nfc_is_idempotent_and_keeps_slug() {
        for s in [DAK_LAK_NFD, "Hoạt động xã hội số"] {
            let once = nfc(s);
            assert_eq!(nfc(&once), once);
            assert_eq!(slugify(&once), slugify(s));
        }
    }
}
