//! Vietnamese-aware text handling: slugs, search folding, number
//! formatting and parsing, and alphabetical order.
//!
//! Everything a page shows or links to passes through here, so that both
//! language editions of the site agree on the data and differ only in
//! presentation:
//!
//! - [`slug`]: ASCII URL slugs ("Đắk Lắk" → "dak-lak"), accent-insensitive
//!   search keys ([`fold`]) and NFC normalisation ([`nfc`]).
//! - [`number`]: the [`Lang`] enum and exact, locale-aware formatting of
//!   scores, percentages and rank changes ("0,5934" / "0.5934",
//!   "44,6 %" / "44.6%", "−21"), rounding at published precision
//!   ([`round_to`], [`key_at`]) and lenient-but-strict parsing of source
//!   figures ([`parse_decimal`]).
//! - [`collate`]: [`Collator`], Vietnamese alphabetical order via ICU4X
//!   (D before Đ, a < ă < â, tones as secondary differences).
//!
//! Nothing here does I/O, and every function is deterministic, so pages
//! built on different machines or threads are byte-identical.

pub mod collate;
mod escape;
pub mod i18n;
#[cfg(test)]
mod interface_text;
pub mod number;
mod parse;
mod round;
pub mod slug;
pub mod suggest;

pub use collate::Collator;
pub use escape::{escape, unescape};
pub use i18n::Strings;
pub use number::{
    Lang, decimal, integer, key_at, parse_decimal, percent, rank_change, round_to, signed_decimal,
    signed_percent,
};
pub use slug::{fold, fold_display, is_slug, nfc, slug_problem, slugify};

#[cfg(test)]
mod tests {
    //! Checks across submodules, on the full list of provinces.

    use super::*;
    use std::collections::HashSet;

    /// The 63 provinces and centrally governed cities ranked by the index.
    const PROVINCES: [&str; 63] = [
        "An Giang",
        "Bà Rịa - Vũng Tàu",
        "Bắc Giang",
        "Bắc Kạn",
        "Bạc Liêu",
        "Bắc Ninh",
        "Bến Tre",
        "Bình Định",
        "Bình Dương",
        "Bình Phước",
        "Bình Thuận",
        "Cà Mau",
        "Cần Thơ",
        "Cao Bằng",
        "Đà Nẵng",
        "Đắk Lắk",
        "Đắk Nông",
        "Điện Biên",
        "Đồng Nai",
        "Đồng Tháp",
        "Gia Lai",
        "Hà Giang",
        "Hà Nam",
        "Hà Nội",
        "Hà Tĩnh",
        "Hải Dương",
        "Hải Phòng",
        "Hậu Giang",
        "Hòa Bình",
        "Hưng Yên",
        "Khánh Hòa",
        "Kiên Giang",
        "Kon Tum",
        "Lai Châu",
        "Lâm Đồng",
        "Lạng Sơn",
        "Lào Cai",
        "Long An",
        "Nam Định",
        "Nghệ An",
        "Ninh Bình",
        "Ninh Thuận",
        "Phú Thọ",
        "Phú Yên",
        "Quảng Bình",
        "Quảng Nam",
        "Quảng Ngãi",
        "Quảng Ninh",
        "Quảng Trị",
        "Sóc Trăng",
        "Sơn La",
        "Tây Ninh",
        "Thái Bình",
        "Thái Nguyên",
        "Thanh Hóa",
        "Thừa Thiên Huế",
        "Tiền Giang",
        "TP. Hồ Chí Minh",
        "Trà Vinh",
        "Tuyên Quang",
        "Vĩnh Long",
        "Vĩnh Phúc",
        "Yên Bái",
    ];

    #[test]
    fn province_slugs_are_unique_and_clean() {
        let mut seen = HashSet::new();
        for name in PROVINCES {
            let slug = slugify(name);
            assert!(!slug.is_empty(), "{name:?}");
            assert!(
                slug.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{name:?} → {slug:?}"
            );
            assert!(
                seen.insert(slug.clone()),
                "duplicate slug {slug:?} for {name:?}"
            );
            // Slugs must not depend on how the editor normalised the file.
            assert_eq!(slugify(&nfc(name)), slug);
        }
        assert_eq!(seen.len(), 63);
    }

    #[test]
    fn spelling_variants_fold_and_slug_alike() {
        // Old ("Hoà") and new ("Hòa") tone placement both occur in sources.
        let pairs: &[(&str, &str)] = &[
            ("Khánh Hoà", "Khánh Hòa"),
            ("Thanh Hoá", "Thanh Hóa"),
            ("Hoà Bình", "Hòa Bình"),
            ("Thành phố Hồ Chí Minh", "thanh pho ho chi minh"),
        ];
        for &(a, b) in pairs {
            assert_eq!(fold(a), fold(b), "{a:?} vs {b:?}");
            assert_eq!(slugify(a), slugify(b), "{a:?} vs {b:?}");
        }
    }

    #[test]
    fn vietnamese_order_of_all_provinces() {
        let mut names = PROVINCES.to_vec();
        names.reverse();
        Collator::shared(Lang::Vi).sort_by_key(&mut names, |s| s);
        let letter = |s: &str| s.chars().next().unwrap();
        let d_last = names.iter().rposition(|s| letter(s) == 'D');
        let dd_first = names.iter().position(|s| letter(s) == 'Đ').unwrap();
        assert!(d_last.is_none_or(|d| d < dd_first));
        assert_eq!(names.first(), Some(&"An Giang"));
        assert_eq!(names.last(), Some(&"Yên Bái"));
        let pos = |n: &str| names.iter().position(|&x| x == n).unwrap();
        assert!(pos("Quảng Trị") < pos("Sóc Trăng"));
        assert!(pos("Sóc Trăng") < pos("Sơn La"), "o < ơ");
        assert!(
            pos("Hà Tĩnh") < pos("Hải Dương"),
            "'hà ' < 'hải': space before letters"
        );
        assert!(pos("Hậu Giang") < pos("Hòa Bình"), "â < o");
        assert!(pos("Hòa Bình") < pos("Hưng Yên"), "o < ư");
        assert!(
            pos("Thái Nguyên") < pos("Thanh Hóa"),
            "tone is secondary: 'thai' < 'than'"
        );
    }

    #[test]
    fn formatted_numbers_parse_back_at_published_precision() {
        for x in [0.5934, 0.30485, -0.0123, 44.6, 1234.5678] {
            for lang in Lang::ALL {
                let shown = decimal(x, 4, lang);
                let parsed = parse_decimal(&shown).unwrap();
                assert_eq!(key_at(parsed, 4), key_at(x, 4), "{shown:?}");
                assert_eq!(parsed, round_to(x, 4), "{shown:?}");
            }
        }
    }
}
