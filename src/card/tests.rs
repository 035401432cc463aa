//! Share-card tests: the PNG decodes at the right size, has text where text belongs, and every
//! Vietnamese name can be drawn.

use std::collections::HashSet;
use std::path::PathBuf;

use super::*;

fn sample(lang: Lang) -> Card {
    Card {
        site_title: "Chỉ số chuyển đổi số cấp tỉnh (DTI)".into(),
        heading: "Quảng Ngãi".into(),
        value_label: "Chỉ số DTI 2024".into(),
        value: Some(0.70634),
        places: 4,
        rank: Some(Rank {
            position: 35,
            of: 63,
        }),
        change: Some(RankMove {
            places: 13,
            since: "2023".into(),
        }),
        edition: "2024 (63 tỉnh)".into(),
        url: "dti.example.vn".into(),
        lang,
        words: CardWords::new(
            Strings::builtin(lang),
            Some(&RankMove {
                places: 13,
                since: "2023".into(),
            }),
        ),
        marks: CardMarks::default(),
    }
}

#[test]
fn marked_figures_carry_their_symbols_and_the_footer_says_what_they_mean() {
    let mut card = sample(Lang::Vi);
    card.marks = CardMarks {
        value: "†".into(),
        rank: "†".into(),
        change: "†".into(),
        note: "† suy ra".into(),
    };
    let text = card.text();
    assert!(text.contains(&"0,7063 †".to_owned()), "{text:?}");
    assert!(text.contains(&"Hạng 35/63 †".to_owned()), "{text:?}");
    assert!(
        text.iter().any(|l| l.ends_with("so với 2023 †")),
        "{text:?}"
    );
    // The drawn triangle is written, so the text says which way the rank moved.
    assert!(
        text.contains(&"▲ 13 bậc so với 2023 †".to_owned()),
        "{text:?}"
    );
    assert!(
        text.contains(&"2024 (63 tỉnh) · † suy ra".to_owned()),
        "{text:?}"
    );
    // The font has every symbol a mark uses, in both languages' strings.
    for lang in Lang::ALL {
        let t = Strings::builtin(lang);
        for kind in ["derived", "published", "official", "method"] {
            card.marks.value = t.get(&format!("mark.{kind}")).to_owned();
            card.marks.note = t.get(&format!("mark.{kind}_label")).to_owned();
            assert!(drawable(&card).is_ok(), "{kind}: {:?}", drawable(&card));
        }
    }
    assert!(share_card(&card).is_ok());
}

fn decode(png: &[u8]) -> image::RgbImage {
    image::load_from_memory(png).expect("a valid PNG").to_rgb8()
}

/// Pixels darker than mid-grey in a rectangle.
fn dark_pixels(img: &image::RgbImage, x: std::ops::Range<u32>, y: std::ops::Range<u32>) -> usize {
    y.flat_map(|j| x.clone().map(move |i| (i, j)))
        .filter(|&(i, j)| {
            let [r, g, b] = img.get_pixel(i, j).0;
            u32::from(r) + u32::from(g) + u32::from(b) < 3 * 100
        })
        .count()
}

#[test]
fn card_is_a_1200_by_630_png_with_text() {
    let img = decode(&share_card(&sample(Lang::Vi)).unwrap());
    assert_eq!(img.dimensions(), (1200, 630));
    let colours: HashSet<[u8; 3]> = img.pixels().map(|p| p.0).collect();
    // Anti-aliased text on several fills, in the 48-entry palette: not blank, not posterised.
    assert!(
        (30..=48).contains(&colours.len()),
        "{} colours: blank, or more than the palette?",
        colours.len()
    );
    // The brand band, with white title text on it.
    assert_eq!(img.get_pixel(4, 4).0, [0x0b, 0x4f, 0x8a]);
    let band_white = (30..90)
        .flat_map(|y| (64..700).map(move |x| (x, y)))
        .filter(|&(x, y)| img.get_pixel(x, y).0 == [255, 255, 255])
        .count();
    assert!(band_white > 1000, "site title missing: {band_white}");
    assert_eq!(img.get_pixel(600, 108).0, [0xff, 0xc1, 0x07]);
    // The heading, dark on white, under the band.
    assert!(
        dark_pixels(&img, 64..700, 130..230) > 2000,
        "heading missing"
    );
}

#[test]
fn vietnamese_diacritics_render() {
    for heading in [
        "Đắk Lắk",
        "Thừa Thiên Huế",
        "Bà Rịa – Vũng Tàu",
        "Chỉ số chuyển đổi số cấp tỉnh năm 2024 (34 tỉnh, thành phố)",
    ] {
        for lang in Lang::ALL {
            let mut card = sample(lang);
            card.heading = heading.into();
            card.change = Some(RankMove {
                places: -21,
                since: "2023".into(),
            });
            let img = decode(&share_card(&card).unwrap());
            assert!(dark_pixels(&img, 64..1136, 120..300) > 1000, "{heading}");
        }
    }
}

#[test]
fn lines_are_formatted_in_the_card_language() {
    let vi = sample(Lang::Vi).lines();
    assert_eq!(vi.value, "0,7063");
    assert_eq!(vi.rank.as_deref(), Some("Hạng 35/63"));
    assert_eq!(
        vi.change,
        Some((Direction::Up, "13 bậc so với 2023".into()))
    );
    let mut card = sample(Lang::En);
    card.change = Some(RankMove {
        places: -1,
        since: "2022".into(),
    });
    card.words = CardWords::new(Strings::builtin(Lang::En), card.change.as_ref());
    let en = card.lines();
    assert_eq!(en.value, "0.7063");
    assert_eq!(en.rank.as_deref(), Some("Rank 35 of 63"));
    assert_eq!(
        en.change,
        Some((Direction::Down, "1 place since 2022".into()))
    );
    card.change.as_mut().unwrap().places = 0;
    card.words = CardWords::new(Strings::builtin(Lang::En), card.change.as_ref());
    card.value = None;
    let same = card.lines();
    assert_eq!(
        same.change,
        Some((Direction::Same, "Same rank as in 2022".into()))
    );
    assert_eq!((same.value.as_str(), same.has_value), ("No data", false));
}

#[test]
fn decomposed_text_is_composed_before_drawing() {
    let mut card = sample(Lang::Vi);
    // "Đắk Lắk" with the accents as combining marks, as some editors save it.
    card.heading = "Đa\u{306}\u{301}k La\u{306}\u{301}k".into();
    assert_eq!(card.lines().heading, "Đắk Lắk");
    assert!(share_card(&card).is_ok());
}

#[test]
fn a_character_the_font_lacks_is_an_error() {
    let mut card = sample(Lang::Vi);
    card.heading = "Hà Nội ★".into();
    let e = share_card(&card).unwrap_err();
    assert!(e.contains("U+2605") && e.contains("Hà Nội ★"), "{e}");
}

#[test]
fn every_unit_name_has_glyphs() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content/units.csv");
    let mut r = csv::Reader::from_path(path).unwrap();
    for row in r.records().map(Result::unwrap) {
        for name in [&row[2], &row[3], &row[5]] {
            check_glyphs(&nfc(name)).unwrap();
        }
    }
}

/// Writes sample cards as PNG (run with `cargo test -- --ignored write_card_previews`;
/// CHISO_PREVIEW_DIR overrides the folder).
#[test]
#[ignore]
fn write_card_previews() {
    let dir = std::env::var_os("CHISO_PREVIEW_DIR").map_or_else(
        || std::env::temp_dir().join("mapcards-preview"),
        PathBuf::from,
    );
    std::fs::create_dir_all(&dir).unwrap();
    let mut down = sample(Lang::Vi);
    down.heading = "Bà Rịa – Vũng Tàu".into();
    down.change.as_mut().unwrap().places = -21;
    let mut long = sample(Lang::Vi);
    long.heading =
        "Bảng xếp hạng chỉ số chuyển đổi số cấp tỉnh năm 2024 (34 tỉnh, thành phố)".into();
    long.value_label = "Cao nhất: Hà Nội".into();
    long.value = Some(0.8241);
    long.rank = None;
    long.change = None;
    long.edition = "2024 (34 tỉnh)".into();
    let mut en = sample(Lang::En);
    en.site_title = "Provincial Digital Transformation Index (DTI)".into();
    en.heading = "Thua Thien Hue".into();
    en.value_label = "DTI 2023".into();
    en.change.as_mut().unwrap().places = 0;
    en.edition = "2023".into();
    let mut missing = sample(Lang::Vi);
    missing.heading = "Thừa Thiên Huế".into();
    missing.value_label = "Chỉ số DTI 2021".into();
    missing.value = None;
    missing.rank = None;
    missing.change = None;
    missing.edition = "2021".into();
    for (name, card) in [
        ("card-nodata", missing),
        ("card-vi", sample(Lang::Vi)),
        ("card-down", down),
        ("card-long", long),
        ("card-en", en),
    ] {
        let start = std::time::Instant::now();
        let png = share_card(&card).unwrap();
        let ms = start.elapsed().as_millis();
        eprintln!("{name}: {:.1} KB in {ms} ms", png.len() as f64 / 1024.0);
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }
}
