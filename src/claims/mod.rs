//! The statements the site makes about the data, computed in one place.
//!
//! Every generated sentence (chart descriptions, map captions, headlines, share cards, meta
//! descriptions) is phrased from a claim made here, never from figures a caller picked itself.
//! Each claim carries the conditions it holds under and the provenance of every figure in it:
//!
//! - a **leader/last** claim only from a complete edition (every unit has a published value) or
//!   from official ranks (rank 1, rank N of N); otherwise only "highest/lowest among the N units
//!   with published values", said as such ([`Extremes`]);
//! - **ties** are kept whole: every unit sharing the top (or bottom) figure is in the claim;
//! - a **move** (rose/fell from–to) only between two editions of one unit set ([`Move`]), marked
//!   when it crosses a change of methodology, and derived when either end is;
//! - an **aggregate** (mean, min, max) is computed from a complete table, or else the published
//!   one, labelled so ([`Aggregate`]).
//!
//! Pure: no I/O, no text. [`phrase`] turns claims into sentences through the theme's strings.

pub mod phrase;
pub mod standing;

use crate::compute::{Report, Table};
use crate::model::{Dataset, EditionId, IndicatorId, Source, Statistic, UnitId};
use crate::text::number::key_at;

/// Units sharing one figure at the top or bottom of a table, all of them.
#[derive(Clone, Debug, PartialEq)]
pub struct Tie {
    /// The units, in table order (rank, then Vietnamese alphabetical order).
    pub units: Vec<UnitId>,
    /// The figure they share, when a value is known (official ranks may come without values).
    pub value: Option<f64>,
    /// Provenance of the value.
    pub value_source: Option<Source>,
    /// Their rank (1 for the top; the edition's size, or the shared rank, for the bottom).
    pub rank: Option<u32>,
    /// Provenance of the rank.
    pub rank_source: Option<Source>,
}

/// On what ground a leader/last claim stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// Every unit of the edition has a published value: leader and last among all `of`.
    Complete {
        /// Units in the edition.
        of: usize,
    },
    /// The edition is incomplete, but official ranks name the leader (rank 1) or the last
    /// (rank N of N).
    OfficialRanks {
        /// Units in the edition.
        of: usize,
    },
    /// Only some values are published: highest and lowest among `count` of `of`, never "leader".
    Published {
        /// Units with an official (not derived) value.
        count: usize,
        /// Units in the edition.
        of: usize,
    },
}

/// Who leads and who is last in one indicator of one edition, and on what ground.
#[derive(Clone, Debug, PartialEq)]
pub struct Extremes {
    /// The edition.
    pub edition: EditionId,
    /// The indicator.
    pub indicator: IndicatorId,
    /// The ground of `top` and `bottom`.
    pub basis: Basis,
    /// The leader(s), or the highest among published values.
    pub top: Option<Tie>,
    /// The last unit(s), or the lowest among published values.
    pub bottom: Option<Tie>,
    /// Where the edition is incomplete, the same among its published values (besides
    /// leader/last from official ranks): `(count, highest, lowest)`, at least two values.
    pub among_published: Option<(usize, Tie, Tie)>,
}

/// A mean, median, min or max: computed from a complete table, or published.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Aggregate {
    /// The figure.
    pub value: f64,
    /// [`Source::Computed`] (from a complete table) or [`Source::Published`].
    pub source: Source,
    /// Units it was computed over (0 when published).
    pub count: usize,
}

/// One end of a [`Move`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    /// The edition.
    pub edition: EditionId,
    /// The figure.
    pub value: f64,
    /// Its provenance.
    pub source: Source,
}

/// How a figure moved between two editions of one unit set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Move {
    /// The earlier end.
    pub from: Point,
    /// The later end.
    pub to: Point,
    /// The two editions were assessed under different methodologies.
    pub crosses_method: bool,
}

impl Move {
    /// Provenance of the move itself: derived when either end is, else computed.
    pub fn source(&self) -> Source {
        Source::combine(self.from.source, self.to.source)
    }

    /// Direction at `places` decimals: rose (`Greater`), fell (`Less`) or stayed (`Equal`).
    pub fn direction(&self, places: u32) -> std::cmp::Ordering {
        key_at(self.to.value, places).cmp(&key_at(self.from.value, places))
    }
}

/// Whether two editions hold the same unit set (their figures may be joined in time).
pub fn same_set(ds: &Dataset, a: EditionId, b: EditionId) -> bool {
    ds.editions[a].units == ds.editions[b].units
}

/// Whether two editions were assessed under different declared methodologies.
pub fn crosses_method(ds: &Dataset, a: EditionId, b: EditionId) -> bool {
    let (x, y) = (&ds.editions[a].method, &ds.editions[b].method);
    !x.is_empty() && !y.is_empty() && x != y
}

/// A move from `from` to `to`, or none when the editions hold different unit sets (figures of
/// two sets are never joined) or are the same edition.
pub fn movement(ds: &Dataset, from: Point, to: Point) -> Option<Move> {
    (from.edition != to.edition && same_set(ds, from.edition, to.edition)).then(|| Move {
        from,
        to,
        crosses_method: crosses_method(ds, from.edition, to.edition),
    })
}

/// An aggregate of indicator `i` in edition `e`: computed when the table is complete, else the
/// published figure (never for [`Statistic::National`], which aggregates no units).
pub fn aggregate(
    ds: &Dataset,
    report: &Report,
    e: EditionId,
    i: IndicatorId,
    statistic: Statistic,
) -> Option<Aggregate> {
    if let Some(s) = report.table(e, i).and_then(|t| t.stats) {
        let value = s.get(statistic)?;
        return Some(Aggregate {
            value,
            source: Source::Computed,
            count: s.count,
        });
    }
    published(ds, e, i, statistic).map(|value| Aggregate {
        value,
        source: Source::Published,
        count: 0,
    })
}

/// A published aggregate as published, whether or not a computed one exists.
pub fn published(ds: &Dataset, e: EditionId, i: IndicatorId, statistic: Statistic) -> Option<f64> {
    ds.published
        .iter()
        .find(|p| p.edition == e && p.indicator == i && p.statistic == statistic)
        .map(|p| p.value)
}

/// Leader and last of indicator `i` in edition `e`, on the strongest ground the data allows.
pub fn extremes(ds: &Dataset, report: &Report, e: EditionId, i: IndicatorId) -> Option<Extremes> {
    let t = report.table(e, i)?;
    let of = ds.editions[e].units.len();
    let places = ds.precision;
    if t.complete {
        return Some(Extremes {
            edition: e,
            indicator: i,
            basis: Basis::Complete { of },
            top: tie_by_value(t, places, true),
            bottom: tie_by_value(t, places, false),
            among_published: None,
        });
    }
    let official = |rank: u32| -> Option<Tie> {
        let units: Vec<_> = t
            .entries
            .iter()
            .filter(|en| en.rank == Some(rank) && en.rank_source == Some(Source::Official))
            .collect();
        let first = units.first()?;
        // Tied units share the rank; their value is named only when all share one.
        let value = first.value.filter(|v| {
            units.iter().all(|en| {
                en.value
                    .is_some_and(|w| key_at(w, places) == key_at(*v, places))
            })
        });
        Some(Tie {
            units: units.iter().map(|en| en.unit).collect(),
            value,
            value_source: value.and(first.value_source),
            rank: Some(rank),
            rank_source: Some(Source::Official),
        })
    };
    let top = official(1);
    // The last place: rank N of N, or the lowest official rank shared by a tie reaching N.
    let bottom = t
        .entries
        .iter()
        .filter(|en| en.rank_source == Some(Source::Official))
        .filter_map(|en| en.rank)
        .max()
        .and_then(|r| {
            let tied = t
                .entries
                .iter()
                .filter(|en| en.rank == Some(r) && en.rank_source == Some(Source::Official))
                .count();
            (r as usize + tied - 1 == of).then(|| official(r)).flatten()
        });
    let published: Vec<_> = t
        .entries
        .iter()
        .filter(|en| en.value.is_some() && en.value_source == Some(Source::Official))
        .collect();
    let among = (published.len() >= 2).then(|| {
        let pick = |highest: bool| {
            let key = |en: &&crate::compute::Entry| key_at(en.value.unwrap_or_default(), places);
            let target = if highest {
                published.iter().map(key).max()
            } else {
                published.iter().map(key).min()
            }
            .unwrap_or_default();
            let units: Vec<_> = published.iter().filter(|en| key(en) == target).collect();
            Tie {
                units: units.iter().map(|en| en.unit).collect(),
                value: units[0].value,
                value_source: Some(Source::Official),
                rank: None,
                rank_source: None,
            }
        };
        (published.len(), pick(true), pick(false))
    });
    if top.is_some() || bottom.is_some() {
        return Some(Extremes {
            edition: e,
            indicator: i,
            basis: Basis::OfficialRanks { of },
            top,
            bottom,
            among_published: among,
        });
    }
    let (count, high, low) = among?;
    Some(Extremes {
        edition: e,
        indicator: i,
        basis: Basis::Published { count, of },
        top: Some(high),
        bottom: Some(low),
        among_published: None,
    })
}

/// Every unit sharing the highest (or lowest) value of a complete table.
fn tie_by_value(t: &Table, places: u32, highest: bool) -> Option<Tie> {
    let key = |v: f64| key_at(v, places);
    let values = t.entries.iter().filter_map(|en| en.value.map(key));
    let target = if highest { values.max() } else { values.min() }?;
    let units: Vec<_> = t
        .entries
        .iter()
        .filter(|en| en.value.is_some_and(|v| key(v) == target))
        .collect();
    let first = units.first()?;
    Some(Tie {
        units: units.iter().map(|en| en.unit).collect(),
        value: first.value,
        value_source: first.value_source,
        rank: first.rank,
        rank_source: first.rank_source,
    })
}

/// One unit's figures in indicator `i` along the editions of one unit set, oldest first, for
/// history charts and "rose from–to" sentences. The set is the one of `anchor`.
pub fn series(
    ds: &Dataset,
    report: &Report,
    u: UnitId,
    i: IndicatorId,
    anchor: EditionId,
) -> Vec<EditionId> {
    ds.edition_ids()
        .filter(|&e| same_set(ds, e, anchor) && report.entry(e, i, u).is_some())
        .collect()
}

/// The value move of unit `u` between its first and last valued editions of `editions` (one
/// unit set), with provenance.
pub fn value_move(
    ds: &Dataset,
    report: &Report,
    u: UnitId,
    i: IndicatorId,
    editions: &[EditionId],
) -> Option<Move> {
    let valued: Vec<Point> = editions
        .iter()
        .filter_map(|&e| {
            let en = report.entry(e, i, u)?;
            Some(Point {
                edition: e,
                value: en.value?,
                source: en.value_source.unwrap_or(Source::Official),
            })
        })
        .collect();
    movement(ds, *valued.first()?, *valued.last()?)
}

/// The rank move of unit `u` between the first and last ranked editions of `editions`.
pub fn rank_move(
    ds: &Dataset,
    report: &Report,
    u: UnitId,
    i: IndicatorId,
    editions: &[EditionId],
) -> Option<Move> {
    let ranked: Vec<Point> = editions
        .iter()
        .filter_map(|&e| {
            let en = report.entry(e, i, u)?;
            Some(Point {
                edition: e,
                value: f64::from(en.rank?),
                source: en.rank_source.unwrap_or(Source::Official),
            })
        })
        .collect();
    movement(ds, *ranked.first()?, *ranked.last()?)
}

#[cfg(test)]
mod tests;
