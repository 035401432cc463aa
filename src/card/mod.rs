//! Share cards: 1200 × 630 PNG images shown when a page is shared on social media
//! (`og:image`), one per province and edition or per ranking.
//!
//! A card is drawn with plotters' bitmap backend and the Noto Sans fonts shipped in
//! `themes/default/fonts/` (SIL Open Font License, see `OFL.txt` there), embedded in the binary,
//! so a build needs no system font and gives the same pixels on every machine. Every number on
//! a card is formatted by [`crate::text::number`] in the card's language.
//!
//! plotters draws text one character at a time, without shaping, so two things are checked
//! before drawing: text is composed (NFC), since Vietnamese letters written as a base letter
//! plus combining marks would be drawn with misplaced accents; and every character has a glyph
//! in the font, since a missing one would be drawn as an empty box. The ▲ and ▼ of the change
//! line are drawn as triangles, not characters.

mod draw;
#[cfg(test)]
mod tests;

use ab_glyph::{Font, FontRef};

use crate::text::slug::nfc;
use crate::text::{Lang, Strings, decimal, integer};

/// Noto Sans Regular (OFL 1.1), from Debian's fonts-noto-core.
pub(crate) const REGULAR: &[u8] = include_bytes!("../../themes/default/fonts/NotoSans-Regular.ttf");

/// Noto Sans Bold (OFL 1.1), from Debian's fonts-noto-core.
pub(crate) const BOLD: &[u8] = include_bytes!("../../themes/default/fonts/NotoSans-Bold.ttf");

/// Width of a card in pixels (the size social networks ask for).
pub const WIDTH: u32 = 1200;

/// Height of a card in pixels.
pub const HEIGHT: u32 = 630;

/// A rank: position out of the number of ranked units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rank {
    /// Position, 1 = best.
    pub position: u32,
    /// Number of units ranked.
    pub of: u32,
}

/// A change of rank since an earlier edition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RankMove {
    /// Places moved up (rank 48 → 35 is +13); negative for places moved down.
    pub places: i64,
    /// The earlier edition, as readers know it ("2023").
    pub since: String,
}

/// What a share card shows. Text fields are shown as given (composed to NFC); numbers are
/// formatted in `lang`.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    /// The site's title, in the brand band at the top.
    pub site_title: String,
    /// The heading: a province name or a ranking title.
    pub heading: String,
    /// The caption of the big value ("Chỉ số DTI 2023"); may be empty.
    pub value_label: String,
    /// The big value; `None` shows "no data".
    pub value: Option<f64>,
    /// Decimals of the value (4 for the DTI).
    pub places: usize,
    /// The rank line ("Hạng 35/63"), if ranked.
    pub rank: Option<Rank>,
    /// The change line ("▲ 13 bậc so với 2023"), if there is an earlier rank.
    pub change: Option<RankMove>,
    /// The edition label, left in the footer ("2024 (34 tỉnh)").
    pub edition: String,
    /// The site's address, right in the footer.
    pub url: String,
    /// The card's language.
    pub lang: Lang,
    /// The card's words, from the theme's interface strings (part of the cache key, so a site
    /// that rewords them gets new cards).
    pub words: CardWords,
    /// Provenance marks of the figures shown ([`crate::render`]'s provenance marks), and what
    /// they mean: a card is quoted without its page.
    pub marks: CardMarks,
}

/// The provenance marks of a card's figures: each a symbol ("†") or empty, and the note that
/// explains them ("† suy ra"), written in the footer after the edition.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CardMarks {
    /// After the big value.
    pub value: String,
    /// After the rank line.
    pub rank: String,
    /// After the change line.
    pub change: String,
    /// What the symbols mean; empty when there is none.
    pub note: String,
}

/// The words of a card's rank and change lines, already chosen for this card's numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardWords {
    /// "Hạng {position}/{of}".
    pub rank: String,
    /// "{n} bậc so với {since}", in the plural form the change needs.
    pub moved: String,
    /// "Giữ nguyên hạng so với {since}".
    pub same: String,
    /// "Không có số liệu".
    pub no_data: String,
}

impl CardWords {
    /// The words for a card with `change` (its plural form depends on the places moved).
    pub fn new(t: &Strings, change: Option<&RankMove>) -> CardWords {
        let n = change.map_or(0, |m| {
            usize::try_from(m.places.unsigned_abs()).unwrap_or(usize::MAX)
        });
        // The placeholders are kept for `lines` to fill with the numbers formatted; only the
        // plural form is chosen here.
        let keep = [
            ("n", "{n}"),
            ("position", "{position}"),
            ("of", "{of}"),
            ("since", "{since}"),
        ];
        CardWords {
            rank: t.fill("card.rank", &keep),
            moved: t.plural("card.moved", n, &keep),
            same: t.fill("card.same", &keep),
            no_data: t.get("no_data").to_owned(),
        }
    }
}

/// Which way a rank moved: decides the triangle and its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Direction {
    /// Moved up: a green ▲.
    Up,
    /// Moved down: a red ▼.
    Down,
    /// Kept its rank: no triangle, muted text.
    Same,
}

/// The lines of a card, composed and in the card's language, ready to draw.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Lines {
    /// The site's title.
    pub site_title: String,
    /// The heading.
    pub heading: String,
    /// The caption of the value.
    pub value_label: String,
    /// The value, or the "no data" text.
    pub value: String,
    /// Whether `value` is a number (drawn big) rather than "no data".
    pub has_value: bool,
    /// "Hạng 35/63".
    pub rank: Option<String>,
    /// The direction and "13 bậc so với 2023" (the triangle is drawn, not written).
    pub change: Option<(Direction, String)>,
    /// The edition label.
    pub edition: String,
    /// The site's address.
    pub url: String,
}

impl Card {
    /// The text the card shows, line by line (what a reader sees; checks read it).
    pub fn text(&self) -> Vec<String> {
        let l = self.lines();
        [l.site_title, l.heading, l.value_label, l.value]
            .into_iter()
            .chain(l.rank)
            // The triangle is drawn, not written: the text says it, or "10 bậc so với 2021"
            // would not say which way (the alt text is all a screen reader gets).
            .chain(l.change.map(|(d, t)| match d {
                Direction::Up => format!("▲ {t}"),
                Direction::Down => format!("▼ {t}"),
                Direction::Same => t,
            }))
            .chain([l.edition, l.url])
            .filter(|s| !s.is_empty())
            .collect()
    }

    /// Every line of text the card shows, numbers formatted in the card's language.
    pub(crate) fn lines(&self) -> Lines {
        let lang = self.lang;
        let w = &self.words;
        let mk = &self.marks;
        let marked = |text: String, mark: &str| {
            if mark.is_empty() {
                text
            } else {
                format!("{text} {mark}")
            }
        };
        let rank = self.rank.map(|r| {
            let (p, of) = (integer(r.position.into(), lang), integer(r.of.into(), lang));
            marked(
                w.rank.replace("{position}", &p).replace("{of}", &of),
                &mk.rank,
            )
        });
        let change = self.change.as_ref().map(|m| {
            let n = integer(m.places.abs(), lang);
            let since = nfc(&m.since);
            let direction = match m.places {
                1.. => Direction::Up,
                0 => Direction::Same,
                _ => Direction::Down,
            };
            let text = match direction {
                Direction::Same => &w.same,
                _ => &w.moved,
            }
            .replace("{n}", &n)
            .replace("{since}", &since);
            (direction, marked(text, &mk.change))
        });
        let (value, has_value) = match self.value {
            Some(v) => (marked(decimal(v, self.places, lang), &mk.value), true),
            None => (w.no_data.clone(), false),
        };
        Lines {
            site_title: nfc(&self.site_title),
            heading: nfc(&self.heading),
            value_label: nfc(&self.value_label),
            value,
            has_value,
            rank,
            change,
            // The note on marks rides in the footer after the edition: "2021 · † suy ra".
            edition: if mk.note.is_empty() {
                nfc(&self.edition)
            } else {
                nfc(&format!("{} · {}", self.edition, mk.note))
            },
            url: nfc(&self.url),
        }
    }
}

/// Draws a share card and encodes it as PNG (1200 × 630, RGB). Fails, saying which character,
/// when some text has a character the embedded font cannot draw.
pub fn share_card(card: &Card) -> Result<Vec<u8>, String> {
    drawable(card)?;
    draw::render(&card.lines())
}

/// Whether `card` can be drawn: every character of its text has a glyph in the card fonts.
/// Cheap, and without drawing: rendering checks it, the write stage draws.
pub fn drawable(card: &Card) -> Result<(), String> {
    let lines = card.lines();
    for text in [
        &lines.site_title,
        &lines.heading,
        &lines.value_label,
        &lines.value,
    ]
    .into_iter()
    .chain([&lines.edition, &lines.url])
    .chain(lines.rank.as_ref())
    .chain(lines.change.as_ref().map(|c| &c.1))
    {
        check_glyphs(text)?;
    }
    Ok(())
}

/// Fails on the first character of `text` that the card fonts have no glyph for.
pub(crate) fn check_glyphs(text: &str) -> Result<(), String> {
    for data in [REGULAR, BOLD] {
        let font = FontRef::try_from_slice(data).map_err(|e| format!("card font: {e}"))?;
        if let Some(c) = text.chars().find(|&c| font.glyph_id(c).0 == 0) {
            return Err(format!(
                "share card: the card font has no glyph for {c:?} (U+{:04X}) in \"{text}\"",
                u32::from(c)
            ));
        }
    }
    Ok(())
}
