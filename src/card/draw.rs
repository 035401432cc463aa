//! The card's layout, drawn with plotters into an RGB buffer and encoded as PNG.
//!
//! ```text
//! ┌────────────────────────────────────────────┐ brand band (#0b4f8a): site title
//! ├────────────────────────────────────────────┤ accent line (#ffc107)
//! │ Heading (shrunk, then wrapped, to fit)      │
//! │ value label            Hạng 35/63           │
//! │ 0,7063                 ▲ 13 bậc so với 2023 │
//! ├────────────────────────────────────────────┤ footer (#f3f5f8)
//! │ edition                            site URL │
//! └────────────────────────────────────────────┘
//! ```
//!
//! Font sizes are ab_glyph pixel heights (ascender to descender): a size of 100 draws capitals
//! about 52 px tall with Noto Sans.

use std::sync::OnceLock;

use ab_glyph::{Font, FontRef, ScaleFont};

use plotters::backend::BitMapBackend;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontStyle, register_font};

use super::{BOLD, Direction, HEIGHT, Lines, REGULAR, WIDTH};

/// The family name the card fonts are registered under; specific enough not to clash with a
/// font another part of the program registers.
const FAMILY: &str = "chiso-card-sans";

/// Site colours, as in the theme's style.css.
const BRAND: RGBColor = RGBColor(0x0b, 0x4f, 0x8a);
const ACCENT: RGBColor = RGBColor(0xff, 0xc1, 0x07);
const INK: RGBColor = RGBColor(0x1b, 0x24, 0x30);
const MUTED: RGBColor = RGBColor(0x5a, 0x64, 0x72);
const SOFT: RGBColor = RGBColor(0xf3, 0xf5, 0xf8);
const LINE: RGBColor = RGBColor(0xd9, 0xde, 0xe5);
const UP: RGBColor = RGBColor(0x1a, 0x7f, 0x37);
const DOWN: RGBColor = RGBColor(0xc6, 0x28, 0x28);

/// Left and right padding.
const PAD: i32 = 64;

/// Where the right column (rank and change) starts.
const RIGHT_COLUMN: i32 = 690;

type Area<'a> = DrawingArea<BitMapBackend<'a>, Shift>;

/// Registers the embedded fonts with plotters, once per process.
fn fonts() -> Result<(), String> {
    static DONE: OnceLock<Result<(), String>> = OnceLock::new();
    DONE.get_or_init(|| {
        for (style, data) in [(FontStyle::Normal, REGULAR), (FontStyle::Bold, BOLD)] {
            register_font(FAMILY, style, data)
                .map_err(|_| "card font: not a valid TrueType font".to_string())?;
        }
        Ok(())
    })
    .clone()
}

/// A text style of the card family.
fn style(size: f64, bold: bool, colour: RGBColor) -> TextStyle<'static> {
    let font_style = if bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    (FAMILY, size, font_style)
        .into_font()
        .color(&colour)
        .pos(Pos::new(HPos::Left, VPos::Top))
}

/// The parsed card fonts, regular and bold, for measuring and placing glyphs.
fn faces() -> Result<&'static [FontRef<'static>; 2], String> {
    static FACES: OnceLock<Option<[FontRef<'static>; 2]>> = OnceLock::new();
    FACES
        .get_or_init(|| {
            Some([
                FontRef::try_from_slice(REGULAR).ok()?,
                FontRef::try_from_slice(BOLD).ok()?,
            ])
        })
        .as_ref()
        .ok_or_else(|| "card font: not a valid TrueType font".to_string())
}

/// Where each visible glyph of `s` starts (the left edge of its ink, in whole pixels from the
/// text's origin), and the advance width of the whole text.
fn glyphs(s: &str, st: &TextStyle) -> Result<(Vec<(char, i32)>, i32), String> {
    let face = &faces()?[usize::from(matches!(st.font.get_style(), FontStyle::Bold))];
    let font = face.as_scaled(st.font.get_size() as f32);
    let (mut pen, mut previous, mut placed) = (0.0f32, None, Vec::new());
    for c in s.chars() {
        let id = font.glyph_id(c);
        if let Some(p) = previous {
            pen += font.kern(p, id);
        }
        if let Some(outline) = font.outline_glyph(id.with_scale(font.scale())) {
            placed.push((c, pen.round() as i32 + outline.px_bounds().min.x as i32));
        }
        pen += font.h_advance(id);
        previous = Some(id);
    }
    Ok((placed, pen.round() as i32))
}

/// Width of `text` in pixels.
fn width(s: &str, st: &TextStyle) -> Result<i32, String> {
    Ok(glyphs(s, st)?.1)
}

/// Draws `text` with its baseline at `baseline`, starting at `x` (or ending there with
/// `right_aligned`).
///
/// plotters' ab_glyph renderer draws each glyph from the left edge of its ink, dropping the
/// glyph's left side bearing, which spaces letters unevenly ("D TI"); it also puts the baseline
/// half a size below the given position. So we place every glyph ourselves and let plotters
/// draw one glyph at a time.
fn text(
    area: &Area,
    s: &str,
    st: &TextStyle,
    x: i32,
    baseline: i32,
    right_aligned: bool,
) -> Result<(), String> {
    let (placed, advance) = glyphs(s, st)?;
    let x = if right_aligned { x - advance } else { x };
    let y = baseline - (st.font.get_size() / 2.0).round() as i32;
    let mut buf = [0u8; 4];
    for (c, gx) in placed {
        area.draw_text(c.encode_utf8(&mut buf), st, (x + gx, y))
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// The largest size from `max` down to `min` at which `s` fits in `room` pixels, if any.
fn fitting(s: &str, bold: bool, max: f64, min: f64, room: i32) -> Result<Option<f64>, String> {
    let mut size = max;
    while size >= min {
        if width(s, &style(size, bold, INK))? <= room {
            return Ok(Some(size));
        }
        size -= 2.0;
    }
    Ok(None)
}

/// Splits `s` into two lines at the space that best balances them.
fn two_lines(s: &str) -> (String, String) {
    let words: Vec<&str> = s.split(' ').collect();
    let half = s.chars().count() / 2;
    let split = (1..words.len())
        .min_by_key(|&i| words[..i].join(" ").chars().count().abs_diff(half))
        .unwrap_or(words.len());
    (words[..split].join(" "), words[split..].join(" "))
}

/// Draws the card and encodes it as PNG.
pub(crate) fn render(lines: &Lines) -> Result<Vec<u8>, String> {
    fonts()?;
    let mut buf = vec![255u8; (WIDTH * HEIGHT * 3) as usize];
    {
        let area = BitMapBackend::with_buffer(&mut buf, (WIDTH, HEIGHT)).into_drawing_area();
        layout(&area, lines)?;
        area.present().map_err(|e| e.to_string())?;
    }
    indexed_png(&buf)
}

/// Colours of a card kept exactly in its palette: the flat fills and the commonest text edges.
const EXACT: usize = 32;

/// Entries of a card's palette. A card is flat fills and text in about ten colours; fewer
/// shades of anti-aliased edge make longer runs for deflate. Measured on the bundled site's
/// cards: 48 entries make them about a quarter smaller than 256 (19 KB → 14 KB), and the text
/// looks the same at 1:1 and at 4× (edges keep eight or more shades per fill and text pair).
const COLOURS: usize = 48;

/// Encodes an RGB buffer as an 8-bit indexed PNG. A card has about a thousand colours, nearly
/// all of them anti-aliased text edges: the `EXACT` commonest colours are kept as they are and
/// NeuQuant picks the other `COLOURS - EXACT` entries from the rarer ones; every colour then
/// takes its nearest entry. Deterministic: counts are sorted, NeuQuant samples in a fixed order.
fn indexed_png(rgb: &[u8]) -> Result<Vec<u8>, String> {
    use std::collections::HashMap;
    // Colour counts, skipping runs (flat areas repeat the previous pixel).
    let mut counts: HashMap<[u8; 3], u32> = HashMap::new();
    let mut run: Option<([u8; 3], u32)> = None;
    for px in rgb.chunks_exact(3) {
        let c = [px[0], px[1], px[2]];
        match &mut run {
            Some((last, n)) if *last == c => *n += 1,
            _ => {
                if let Some((last, n)) = run {
                    *counts.entry(last).or_default() += n;
                }
                run = Some((c, 1));
            }
        }
    }
    if let Some((last, n)) = run {
        *counts.entry(last).or_default() += n;
    }
    let mut by_count: Vec<([u8; 3], u32)> = counts.into_iter().collect();
    by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut palette: Vec<[u8; 3]> = by_count.iter().take(COLOURS).map(|c| c.0).collect();
    if by_count.len() > COLOURS {
        palette.truncate(EXACT);
        let rest: Vec<u8> = by_count[EXACT..]
            .iter()
            .flat_map(|(c, _)| [c[0], c[1], c[2], 255])
            .collect();
        let nq = color_quant::NeuQuant::new(1, COLOURS - EXACT, &rest);
        palette.extend(
            nq.color_map_rgb()
                .chunks_exact(3)
                .map(|c| [c[0], c[1], c[2]]),
        );
    }
    let nearest = |c: [u8; 3]| -> u8 {
        let d = |p: &[u8; 3]| {
            (0..3)
                .map(|k| (i32::from(p[k]) - i32::from(c[k])).pow(2))
                .sum::<i32>()
        };
        (0..palette.len())
            .min_by_key(|&i| d(&palette[i]))
            .unwrap_or(0) as u8
    };
    let index: HashMap<[u8; 3], u8> = by_count.iter().map(|&(c, _)| (c, nearest(c))).collect();
    let mut pixels = Vec::with_capacity(rgb.len() / 3);
    let mut last: Option<([u8; 3], u8)> = None;
    for px in rgb.chunks_exact(3) {
        let c = [px[0], px[1], px[2]];
        let i = match last {
            Some((l, i)) if l == c => i,
            _ => index[&c],
        };
        last = Some((c, i));
        pixels.push(i);
    }
    let palette: Vec<u8> = palette.concat();
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, WIDTH, HEIGHT);
        enc.set_color(png::ColorType::Indexed);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_palette(palette);
        // Best: about 3 % smaller than Default; cards are drawn once and cached.
        enc.set_compression(png::Compression::Best);
        enc.set_filter(png::FilterType::NoFilter);
        let mut w = enc
            .write_header()
            .map_err(|e| format!("share card: PNG encoding failed: {e}"))?;
        w.write_image_data(&pixels)
            .map_err(|e| format!("share card: PNG encoding failed: {e}"))?;
    }
    Ok(out)
}

/// Everything on the card, top to bottom.
fn layout(area: &Area, l: &Lines) -> Result<(), String> {
    let fail = |e: DrawingAreaErrorKind<_>| e.to_string();
    let (w, h) = (WIDTH as i32, HEIGHT as i32);
    let room = w - 2 * PAD;

    // Brand band and accent line, as the site header.
    area.draw(&Rectangle::new([(0, 0), (w, 104)], BRAND.filled()))
        .map_err(fail)?;
    area.draw(&Rectangle::new([(0, 104), (w, 112)], ACCENT.filled()))
        .map_err(fail)?;
    let site = fitting(&l.site_title, true, 46.0, 26.0, room)?.unwrap_or(26.0);
    text(
        area,
        &l.site_title,
        &style(site, true, WHITE),
        PAD,
        66,
        false,
    )?;

    // Heading: as large as fits on one line, else two lines.
    let mut y = 220;
    match fitting(&l.heading, true, 100.0, 64.0, room)? {
        Some(size) => text(area, &l.heading, &style(size, true, INK), PAD, y, false)?,
        None => {
            let (a, b) = two_lines(&l.heading);
            let size = fitting(
                if a.len() > b.len() { &a } else { &b },
                true,
                64.0,
                40.0,
                room,
            )?
            .unwrap_or(40.0);
            text(area, &a, &style(size, true, INK), PAD, y - 40, false)?;
            text(area, &b, &style(size, true, INK), PAD, y + 18, false)?;
            y += 18;
        }
    }

    // Value block on the left.
    let top = y + 80;
    if !l.value_label.is_empty() {
        let size =
            fitting(&l.value_label, false, 42.0, 26.0, RIGHT_COLUMN - PAD - 24)?.unwrap_or(26.0);
        text(
            area,
            &l.value_label,
            &style(size, false, MUTED),
            PAD,
            top,
            false,
        )?;
    }
    // A long value ("1.234,5678") shrinks rather than run into the right column.
    let (max, colour, below) = if l.has_value {
        (200.0, BRAND, 138)
    } else {
        (64.0, MUTED, 80)
    };
    let size = fitting(&l.value, true, max, 40.0, RIGHT_COLUMN - PAD - 24)?.unwrap_or(40.0);
    text(
        area,
        &l.value,
        &style(size, true, colour),
        PAD,
        top + below,
        false,
    )?;

    // Rank and change on the right.
    if let Some(rank) = &l.rank {
        text(
            area,
            rank,
            &style(70.0, true, INK),
            RIGHT_COLUMN,
            top + 60,
            false,
        )?;
    }
    if let Some((direction, change)) = &l.change {
        let base = top + 130;
        let (colour, mut x) = match direction {
            Direction::Up => (UP, RIGHT_COLUMN + 40),
            Direction::Down => (DOWN, RIGHT_COLUMN + 40),
            Direction::Same => (MUTED, RIGHT_COLUMN),
        };
        // The triangle, as tall as the capitals (≈ 0.52 of the size), on the baseline.
        let (size, t) = (48.0, 26);
        let points = match direction {
            Direction::Up => vec![
                (RIGHT_COLUMN, base),
                (RIGHT_COLUMN + 28, base),
                (RIGHT_COLUMN + 14, base - t),
            ],
            Direction::Down => vec![
                (RIGHT_COLUMN, base - t),
                (RIGHT_COLUMN + 28, base - t),
                (RIGHT_COLUMN + 14, base),
            ],
            Direction::Same => vec![],
        };
        if !points.is_empty() {
            area.draw(&Polygon::new(points, colour.filled()))
                .map_err(fail)?;
        }
        let size = fitting(change, false, size, 30.0, w - PAD - x)?.unwrap_or(30.0);
        x = x.min(w - PAD);
        text(area, change, &style(size, false, colour), x, base, false)?;
    }

    // Footer.
    area.draw(&Rectangle::new([(0, 538), (w, h)], SOFT.filled()))
        .map_err(fail)?;
    area.draw(&Rectangle::new([(0, 538), (w, 540)], LINE.filled()))
        .map_err(fail)?;
    let url_width = width(&l.url, &style(38.0, false, BRAND))?;
    let edition = fitting(&l.edition, false, 38.0, 24.0, room - url_width - 32)?.unwrap_or(24.0);
    text(
        area,
        &l.edition,
        &style(edition, false, INK),
        PAD,
        596,
        false,
    )?;
    text(area, &l.url, &style(38.0, false, BRAND), w - PAD, 596, true)?;
    Ok(())
}
