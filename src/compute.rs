//! Ranks, year-over-year changes and aggregates. Pure: no I/O, deterministic.

use std::collections::{BTreeMap, HashMap};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Dataset, EditionId, IdMap, IndicatorId, Statistic, UnitId};
use crate::text::number::key_at;

pub use crate::model::Source;

/// Where a rank comes from: official (published, and equal to the computed one when values are
/// complete), computed from complete values, or derived (worked out from a published change).
pub type RankSource = Source;

/// Change on the previous edition of the same unit set.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Change {
    /// Value now minus value then.
    pub value_abs: Option<f64>,
    /// The same in percent of the value then.
    pub value_pct: Option<f64>,
    /// Places moved up (63 → 53 is +10).
    pub rank_places: Option<i64>,
    /// Provenance of the value change: derived when either value is, else computed.
    pub value_source: Option<Source>,
    /// Provenance of the rank change: derived when either rank is, else computed.
    pub rank_source: Option<Source>,
    /// The two editions were assessed under different methodologies (both declared, and they
    /// differ): the change is shown, labelled as crossing the change of method.
    pub crosses_method: bool,
}

/// One unit's line in a table.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The unit.
    pub unit: UnitId,
    /// Its value, if published.
    pub value: Option<f64>,
    /// Where the value comes from: official, or derived.
    pub value_source: Option<Source>,
    /// Its rank, if known.
    pub rank: Option<u32>,
    /// Where the rank comes from.
    pub rank_source: Option<RankSource>,
    /// Change on the previous edition.
    pub change: Change,
}

/// Mean, median, min, max and count of a set of values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stats {
    /// Arithmetic mean.
    pub mean: f64,
    /// Median (mean of the two middle values for an even count).
    pub median: f64,
    /// Lowest value.
    pub min: f64,
    /// Highest value.
    pub max: f64,
    /// First and third quartiles (linear interpolation between order statistics, as R's
    /// default and numpy's): the box of a unit's position chart.
    pub quartiles: (f64, f64),
    /// Number of values.
    pub count: usize,
}

impl Stats {
    /// The aggregate a statistic names; `None` for [`Statistic::National`] (the national index
    /// is no aggregate of the units).
    pub fn get(&self, statistic: Statistic) -> Option<f64> {
        match statistic {
            Statistic::Mean => Some(self.mean),
            Statistic::Median => Some(self.median),
            Statistic::Min => Some(self.min),
            Statistic::Max => Some(self.max),
            Statistic::National => None,
        }
    }
}

/// One indicator in one edition: every unit with a figure, in rank order.
#[derive(Clone, Debug)]
pub struct Table {
    /// Entries: ranked ones by rank, then unranked ones by value.
    pub entries: Vec<Entry>,
    /// Whether every unit of the edition has a value.
    pub complete: bool,
    /// Aggregates over all units (only when complete).
    pub stats: Option<Stats>,
    /// Aggregates per region (only when complete), regions in first-seen order.
    pub regions: Vec<(String, Stats)>,
    index: HashMap<UnitId, usize>,
}

impl Table {
    /// The entry of one unit.
    pub fn entry(&self, unit: UnitId) -> Option<&Entry> {
        self.index.get(&unit).map(|&i| &self.entries[i])
    }

    /// Where a unit's entry is in [`Table::entries`] (rank order).
    pub fn position(&self, unit: UnitId) -> Option<usize> {
        self.index.get(&unit).copied()
    }

    /// The units ranked next to `unit`, with it, in rank order: the `n` units just above and
    /// the `n` just below, widened to every unit tied with the first or last of them, and
    /// every unit tied with `unit`. When some units of the edition have no rank (scattered
    /// figures), who holds the places in between is unknown: then only units whose rank is
    /// within `n` places of `unit`'s are its neighbours. Empty when `unit` has no rank.
    pub fn neighbours(&self, unit: UnitId, n: usize) -> Vec<&Entry> {
        let Some(r) = self.entry(unit).and_then(|en| en.rank) else {
            return Vec::new();
        };
        // Ranked entries come first, in rank order (see `entries`).
        let ranked: Vec<&Entry> = self.entries.iter().filter(|en| en.rank.is_some()).collect();
        if !(self.complete && ranked.len() == self.entries.len()) {
            let n = n as u32;
            return ranked
                .into_iter()
                .filter(|en| en.rank.is_some_and(|q| q.abs_diff(r) <= n))
                .collect();
        }
        let rank_at = |p: usize| ranked[p].rank;
        let first = ranked.partition_point(|en| en.rank < Some(r));
        let last = ranked.partition_point(|en| en.rank <= Some(r));
        let mut from = first.saturating_sub(n);
        while from > 0 && rank_at(from - 1) == rank_at(from) {
            from -= 1;
        }
        let mut to = (last + n).min(ranked.len());
        while to < ranked.len() && to > last && rank_at(to) == rank_at(to - 1) {
            to += 1;
        }
        ranked[from..to].to_vec()
    }
}

/// Everything computed from a dataset.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Tables keyed by (edition, indicator), only where figures exist.
    pub tables: BTreeMap<(EditionId, IndicatorId), Table>,
    /// For each edition, the previous edition with the same unit set: read it with
    /// [`Report::previous`].
    previous: IdMap<EditionId, Option<EditionId>>,
    /// Ranks of units among their parent's units, per table (see [`parent_ranks`]).
    pub within_parent: BTreeMap<(EditionId, IndicatorId), HashMap<UnitId, Placing>>,
}

/// A unit's place among the units of its parent (a commune among its province's communes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Placing {
    /// The parent.
    pub parent: UnitId,
    /// Competition rank among the parent's units.
    pub rank: u32,
    /// How many units the parent has in the edition.
    pub of: u32,
}

impl Report {
    /// The previous edition with the same unit set as `e` (changes are measured against it).
    pub fn previous(&self, e: EditionId) -> Option<EditionId> {
        self.previous.get(e).copied().flatten()
    }

    /// The table of an indicator in an edition.
    pub fn table(&self, e: EditionId, i: IndicatorId) -> Option<&Table> {
        self.tables.get(&(e, i))
    }

    /// A unit's rank within its parent in a table.
    pub fn placing(&self, e: EditionId, i: IndicatorId, u: UnitId) -> Option<Placing> {
        self.within_parent
            .get(&(e, i))
            .and_then(|m| m.get(&u))
            .copied()
    }

    /// One unit's entry.
    pub fn entry(&self, e: EditionId, i: IndicatorId, u: UnitId) -> Option<&Entry> {
        self.table(e, i).and_then(|t| t.entry(u))
    }
}

/// Standard competition ranks ("1224"): equal values at `precision` decimals share a rank and the
/// next rank skips. Higher is better.
pub fn competition_ranks(values: &[f64], precision: u32) -> Vec<u32> {
    let keys: Vec<i64> = values.iter().map(|&v| key_at(v, precision)).collect();
    // Sorted once, each rank is one binary search: 1 + how many keys are greater (n log n;
    // counting by scanning was quadratic, 6·10⁹ comparisons for 3,321 communes).
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    keys.iter()
        .map(|k| 1 + (sorted.len() - sorted.partition_point(|o| o <= k)) as u32)
        .collect()
}

/// Aggregates of `values` at `places` decimals, or none when empty.
///
/// **The one rounding rule for computed aggregates.** Values are taken at the published
/// precision (as ranks are: [`key_at`]), so every value is an exact integer number of
/// `10^-places`; the mean, the median and the quartiles are worked out exactly in those integers
/// and rounded once, to the published precision, half away from zero (the rule of
/// [`crate::text::number`], the one a reader applies on paper). The median of 0,4962 and 0,4963
/// is 0,4963 everywhere: in tables, sentences, JSON, and in `chiso check`'s oracle, which applies
/// the same rule with code of its own. Nothing downstream rounds an aggregate again.
pub fn stats(values: &[f64], places: u32) -> Option<Stats> {
    if values.is_empty() {
        return None;
    }
    let mut keys: Vec<i128> = values
        .iter()
        .map(|&v| i128::from(key_at(v, places)))
        .collect();
    keys.sort_unstable();
    let n = keys.len() as i128;
    let scale = 10f64.powi(places as i32);
    // An integer number of 10^-places as the nearest double to that decimal (one correctly
    // rounded division of two exact doubles).
    let value = |k: i128| k as f64 / scale;
    // The `p`-quantile, `p = quarter/4`, by linear interpolation between order statistics (R's
    // default type 7, numpy's), exactly: in quarters of a key.
    let quantile = |quarter: i128| {
        let h4 = (n - 1) * quarter;
        let (i, r) = ((h4 / 4) as usize, h4 % 4);
        let next = keys[(i + 1).min(keys.len() - 1)];
        value(div_round(keys[i] * 4 + r * (next - keys[i]), 4))
    };
    Some(Stats {
        mean: value(div_round(keys.iter().sum(), n)),
        median: quantile(2),
        min: value(keys[0]),
        max: value(keys[keys.len() - 1]),
        quartiles: (quantile(1), quantile(3)),
        count: keys.len(),
    })
}

/// `num / den` rounded half away from zero (`den > 0`).
fn div_round(num: i128, den: i128) -> i128 {
    let (q, r) = (num / den, num % den);
    if 2 * r.abs() >= den {
        q + num.signum()
    } else {
        q
    }
}

/// Change from `before` to `now`; a side without a figure gives no change, never a change from zero.
pub fn change(before: Option<&Entry>, now: &Entry) -> Change {
    let Some(b) = before else {
        return Change::default();
    };
    let value_abs = match (b.value, now.value) {
        (Some(x), Some(y)) => Some(y - x),
        _ => None,
    };
    let value_pct = match (b.value, value_abs) {
        (Some(x), Some(d)) if x != 0.0 => Some(d / x * 100.0),
        _ => None,
    };
    let rank_places = match (b.rank, now.rank) {
        (Some(x), Some(y)) => Some(i64::from(x) - i64::from(y)),
        _ => None,
    };
    let both = |x: Option<Source>, y: Option<Source>| {
        Source::combine(x.unwrap_or(Source::Official), y.unwrap_or(Source::Official))
    };
    Change {
        value_abs,
        value_pct,
        rank_places,
        value_source: value_abs.map(|_| both(b.value_source, now.value_source)),
        rank_source: rank_places.map(|_| both(b.rank_source, now.rank_source)),
        crosses_method: false,
    }
}

/// Computes every table. Official ranks that disagree with complete values become warnings.
pub fn compute(ds: &Dataset, diags: &mut Diagnostics) -> Report {
    let previous: IdMap<EditionId, Option<EditionId>> = ds
        .edition_ids()
        .map(|e| {
            EditionId::all(e.index()).rev().find(|&p| {
                ds.editions[p].units == ds.editions[e].units
                    && ds.editions[p].year < ds.editions[e].year
            })
        })
        .collect();
    let collator = crate::text::collate::Collator::new(crate::text::Lang::Vi);
    let mut tables = BTreeMap::new();
    for e in ds.edition_ids() {
        for i in ds.indicator_ids() {
            if let Some(t) = table(ds, e, i, &collator, diags) {
                tables.insert((e, i), t);
            }
        }
    }
    // Changes need the previous edition's table, so they are filled in a second pass, oldest first.
    let keys: Vec<(EditionId, IndicatorId)> = tables.keys().copied().collect();
    for (e, i) in keys {
        let Some(p) = previous[e] else {
            continue;
        };
        let before: HashMap<UnitId, Entry> = match tables.get(&(p, i)) {
            Some(t) => t
                .entries
                .iter()
                .map(|en: &Entry| (en.unit, en.clone()))
                .collect(),
            None => continue,
        };
        let (m_then, m_now) = (&ds.editions[p].method, &ds.editions[e].method);
        let crosses = !m_then.is_empty() && !m_now.is_empty() && m_then != m_now;
        let t = tables.get_mut(&(e, i)).unwrap();
        for en in &mut t.entries {
            en.change = change(before.get(&en.unit), en);
            en.change.crosses_method =
                crosses && (en.change.value_abs.is_some() || en.change.rank_places.is_some());
        }
    }
    published_changes(ds, &previous, &mut tables, diags);
    let within_parent = parent_ranks(ds, &tables);
    Report {
        tables,
        previous,
        within_parent,
    }
}

/// Rank changes as published (`rank_change` in the data), and percent changes of the value
/// (`pct_change`), fill in where none can be computed:
/// the previous edition lacks the unit's rank (Ninh Thuận's pillars in 2021, ranked in 2020 only
/// by the index), or the computed one rests on a derived rank (the published change is the
/// figure the derivation came from). They are official. A published change that differs from
/// one computed from official ranks is a warning; the computed one is shown.
fn published_changes(
    ds: &Dataset,
    previous: &IdMap<EditionId, Option<EditionId>>,
    tables: &mut BTreeMap<(EditionId, IndicatorId), Table>,
    diags: &mut Diagnostics,
) {
    for (&(e, i), t) in tables.iter_mut() {
        let crosses = previous[e].is_some_and(|p| {
            let (then, now) = (&ds.editions[p].method, &ds.editions[e].method);
            !then.is_empty() && !now.is_empty() && then != now
        });
        for en in &mut t.entries {
            let Some(o) = ds.observation(e, i, en.unit) else {
                continue;
            };
            // A published percent change of the value, likewise: where none can be computed
            // (no previous value, or a derived one), it is shown as published.
            if let Some(pct) = o.published_pct_change {
                match (en.change.value_pct, en.change.value_source) {
                    // Published to one decimal: a difference of more than rounding is a warning.
                    (Some(computed), Some(Source::Computed)) if (computed - pct).abs() > 0.051 => {
                        diags.push(
                            Diagnostic::warning(
                                o.origin.clone(),
                                format!(
                                    "published percent change {pct:+} of {} ({} {}) differs from the change {computed:+.1} computed from the values",
                                    ds.period_in(en.unit, e).name,
                                    ds.editions[e].id,
                                    ds.indicators[i].code
                                ),
                            )
                            .hint("the pages show the computed change; check the published change and both values"),
                        );
                    }
                    (Some(_), Some(Source::Computed)) => {}
                    _ => {
                        en.change.value_abs = None;
                        en.change.value_pct = Some(pct);
                        en.change.value_source = Some(Source::Official);
                        en.change.crosses_method = crosses;
                    }
                }
            }
            let Some(published) = o.published_rank_change else {
                continue;
            };
            match (en.change.rank_places, en.change.rank_source) {
                (Some(computed), Some(Source::Computed)) if computed != published => {
                    diags.push(
                        Diagnostic::warning(
                            o.origin.clone(),
                            format!(
                                "published rank change {published:+} of {} ({} {}) differs from the change {computed:+} computed from the ranks",
                                ds.period_in(en.unit, e).name,
                                ds.editions[e].id,
                                ds.indicators[i].code
                            ),
                        )
                        .hint("the pages show the computed change; check the published change and both ranks"),
                    );
                }
                (Some(_), Some(Source::Computed)) => {}
                _ => {
                    en.change.rank_places = Some(published);
                    en.change.rank_source = Some(Source::Official);
                    en.change.crosses_method = crosses;
                }
            }
        }
    }
}

/// Ranks within parent: in each table, the units of one parent ranked among themselves by value
/// at the published precision (competition ranking, as national ranks). A parent's units get
/// ranks only when every one of them has a value in the edition; otherwise a rank among some
/// of them would claim more than the data shows.
pub fn parent_ranks(
    ds: &Dataset,
    tables: &BTreeMap<(EditionId, IndicatorId), Table>,
) -> BTreeMap<(EditionId, IndicatorId), HashMap<UnitId, Placing>> {
    let mut out = BTreeMap::new();
    for (&(e, i), table) in tables {
        // Units of the edition by parent, in code order.
        let mut groups: BTreeMap<UnitId, Vec<UnitId>> = BTreeMap::new();
        for &u in &ds.editions[e].units {
            if let Some(p) = ds.parent_in(u, e) {
                groups.entry(p).or_default().push(u);
            }
        }
        let mut placings = HashMap::new();
        for (parent, members) in groups {
            let values: Option<Vec<f64>> = members
                .iter()
                .map(|&u| table.entry(u).and_then(|en| en.value))
                .collect();
            let Some(values) = values else { continue };
            let of = members.len() as u32;
            for (&u, rank) in members.iter().zip(competition_ranks(&values, ds.precision)) {
                placings.insert(u, Placing { parent, rank, of });
            }
        }
        if !placings.is_empty() {
            out.insert((e, i), placings);
        }
    }
    out
}

/// Builds one table, or none when the edition has no figure for the indicator.
fn table(
    ds: &Dataset,
    e: EditionId,
    i: IndicatorId,
    collator: &crate::text::collate::Collator,
    diags: &mut Diagnostics,
) -> Option<Table> {
    let edition = &ds.editions[e];
    let obs: Vec<(UnitId, &crate::model::Observation)> = edition
        .units
        .iter()
        .filter_map(|&u| ds.observation(e, i, u).map(|o| (u, o)))
        .collect();
    if obs.is_empty() {
        return None;
    }
    // Complete: every unit has a value, and none of them was worked out by us.
    let complete = obs.len() == edition.units.len()
        && obs
            .iter()
            .all(|(_, o)| o.value.is_some() && !o.value_derived);
    let mut entries: Vec<Entry> = obs
        .iter()
        .map(|&(unit, o)| Entry {
            unit,
            value: o.value,
            value_source: o.value.map(|_| {
                if o.value_derived {
                    Source::Derived
                } else {
                    Source::Official
                }
            }),
            rank: o.official_rank,
            rank_source: o.official_rank.map(|_| {
                if o.rank_derived {
                    Source::Derived
                } else {
                    Source::Official
                }
            }),
            change: Change::default(),
        })
        .collect();
    if complete {
        let values: Vec<f64> = entries.iter().map(|en| en.value.unwrap()).collect();
        for (en, computed) in entries
            .iter_mut()
            .zip(competition_ranks(&values, ds.precision))
        {
            if let Some(official) = en.rank
                && en.rank_source == Some(Source::Official)
                && official != computed
            {
                let o = ds.observation(e, i, en.unit).unwrap();
                diags.push(
                    Diagnostic::warning(
                        o.origin.clone(),
                        format!(
                            "official rank {official} of {} ({} {}) differs from the rank {computed} computed from the values",
                            ds.period_in(en.unit, e).name,
                            edition.id,
                            ds.indicators[i].code
                        ),
                    )
                    .hint("the table shows the computed rank; check the value and the published rank"),
                );
                en.rank_source = Some(RankSource::Computed);
            } else if en.rank_source != Some(Source::Official) {
                en.rank_source = Some(RankSource::Computed);
            }
            en.rank = Some(computed);
        }
    }
    let name = |u: UnitId| ds.period_in(u, e).name.as_str();
    entries.sort_by(|a, b| {
        let by_rank = a.rank.unwrap_or(u32::MAX).cmp(&b.rank.unwrap_or(u32::MAX));
        let by_value = b
            .value
            .unwrap_or(f64::MIN)
            .total_cmp(&a.value.unwrap_or(f64::MIN));
        by_rank
            .then(by_value)
            .then_with(|| collator.compare(name(a.unit), name(b.unit)))
    });
    let (stats_all, regions) = if complete {
        let values: Vec<f64> = entries.iter().filter_map(|en| en.value).collect();
        let mut regions: Vec<(String, Vec<f64>)> = Vec::new();
        // Complete: every unit of the edition has an entry with a value.
        for en in &entries {
            let region = &ds.period_in(en.unit, e).region;
            let v = en.value.expect("complete table");
            match regions.iter_mut().find(|(r, _)| r == region) {
                Some((_, vs)) => vs.push(v),
                None => regions.push((region.clone(), vec![v])),
            }
        }
        (
            stats(&values, ds.precision),
            regions
                .into_iter()
                .filter_map(|(r, vs)| stats(&vs, ds.precision).map(|s| (r, s)))
                .collect(),
        )
    } else {
        (None, Vec::new())
    };
    let index = entries
        .iter()
        .enumerate()
        .map(|(n, en)| (en.unit, n))
        .collect();
    Some(Table {
        entries,
        complete,
        stats: stats_all,
        regions,
        index,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table of units 0.. with these ranks (None: a value without a rank).
    fn ranked(ranks: &[Option<u32>], complete: bool) -> Table {
        let entries: Vec<Entry> = ranks
            .iter()
            .enumerate()
            .map(|(u, &rank)| Entry {
                unit: UnitId::new(u),
                value: Some(0.5),
                value_source: None,
                rank,
                rank_source: None,
                change: Change::default(),
            })
            .collect();
        Table {
            index: (0..entries.len()).map(|u| (UnitId::new(u), u)).collect(),
            entries,
            complete,
            stats: None,
            regions: Vec::new(),
        }
    }

    #[test]
    fn neighbours_are_the_nearest_ranks_with_ties_whole() {
        let units = |t: &Table, u: usize| -> Vec<usize> {
            t.neighbours(UnitId::new(u), 2)
                .iter()
                .map(|en| en.unit.index())
                .collect()
        };
        let plain = ranked(&(1..=8).map(Some).collect::<Vec<_>>(), true);
        assert_eq!(units(&plain, 4), [2, 3, 4, 5, 6], "two above, two below");
        assert_eq!(units(&plain, 0), [0, 1, 2], "the leader has none above");
        assert_eq!(units(&plain, 7), [5, 6, 7], "the last has none below");
        // Ranks 1 2 2 2 5 6 6 8: the unit at 5 has 2,2,2 above (one tie, kept whole) and 6,6
        // below; a unit tied at 2 has its whole tie and the units around it.
        let ties = [1, 2, 2, 2, 5, 6, 6, 8].map(Some);
        let ties = ranked(&ties, true);
        assert_eq!(units(&ties, 4), [1, 2, 3, 4, 5, 6]);
        assert_eq!(units(&ties, 2), [0, 1, 2, 3, 4, 5, 6]);
        // Scattered official ranks (12, 26, 34, 53, 58, 60 of 63): who is 59 or 61 is unknown,
        // so the unit at 60 has only the unit at 58 beside it, never 34 or 53.
        let scattered = [12, 26, 34, 53, 58, 60].map(Some);
        let scattered = ranked(&scattered, false);
        assert_eq!(units(&scattered, 5), [4, 5]);
        assert_eq!(units(&scattered, 0), [0]);
        // A unit without a rank has no neighbours.
        assert!(
            ranked(&[Some(1), None], false)
                .neighbours(UnitId::new(1), 2)
                .is_empty()
        );
    }

    #[test]
    fn competition_ranks_share_and_skip() {
        let cases: [(&[f64], &[u32]); 4] = [
            (&[0.9, 0.8, 0.8, 0.7], &[1, 2, 2, 4]),
            (&[0.5], &[1]),
            // Equal at 4 decimals even though the floats differ.
            (&[0.63500000001, 0.635, 0.7], &[2, 2, 1]),
            (&[0.1, 0.2, 0.3], &[3, 2, 1]),
        ];
        for (values, expected) in cases {
            assert_eq!(competition_ranks(values, 4), expected, "{values:?}");
        }
    }

    #[test]
    fn stats_of_odd_and_even_counts() {
        let s = stats(&[0.3, 0.1, 0.2], 4).unwrap();
        assert_eq!(
            (s.mean, s.median, s.min, s.max, s.count),
            (0.2, 0.2, 0.1, 0.3, 3)
        );
        assert_eq!(stats(&[0.1, 0.2, 0.3, 0.4], 4).unwrap().median, 0.25);
        assert!(stats(&[], 4).is_none());
        // Quartiles as R's quantile(type = 7): 1..=9 → 3 and 7; 1..=4 → 1.75 and 3.25.
        let nine: Vec<f64> = (1..=9).rev().map(f64::from).collect();
        assert_eq!(stats(&nine, 4).unwrap().quartiles, (3.0, 7.0));
        assert_eq!(
            stats(&[4.0, 1.0, 3.0, 2.0], 4).unwrap().quartiles,
            (1.75, 3.25)
        );
        assert_eq!(stats(&[5.0], 4).unwrap().quartiles, (5.0, 5.0));
    }

    #[test]
    fn aggregates_round_once_half_away_from_zero_at_the_published_precision() {
        // A midpoint median: 0,49625 is 0,4963, whatever binary double the sum lands on.
        let s = stats(&[0.4962, 0.4963, 0.1, 0.9], 4).unwrap();
        assert_eq!(s.median, 0.4963);
        // A mean exactly half-way (0,12345 → 0,1235), and one just below it stays down.
        assert_eq!(stats(&[0.1234, 0.1235], 4).unwrap().mean, 0.1235);
        assert_eq!(stats(&[0.1234, 0.1234, 0.1235], 4).unwrap().mean, 0.1234);
        // Negative midpoints go away from zero too.
        assert_eq!(stats(&[-0.4962, -0.4963], 4).unwrap().median, -0.4963);
        // Values are taken at the precision: 0,30485 counts as 0,3049.
        assert_eq!(stats(&[0.30485], 4).unwrap().mean, 0.3049);
        // Quartiles: 1, 2, 3, 4 at 0 decimals → 1,75 → 2 and 3,25 → 3.
        assert_eq!(
            stats(&[1.0, 2.0, 3.0, 4.0], 0).unwrap().quartiles,
            (2.0, 3.0)
        );
        // Every aggregate prints as the decimal it is: no binary tail.
        for v in [s.mean, s.median, s.quartiles.0, s.quartiles.1] {
            assert_eq!(crate::text::number::round_to(v, 4), v);
        }
    }

    /// Loads a site through the real loaders (struct literals would break with every new field):
    /// units 1–3 in parent 0, unit 4 in parent 5 (alone), unit 6 without a parent.
    fn nested(values: [&str; 4]) -> Dataset {
        let dir = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &str| {
            let p = dir.path().join("content").join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        };
        write("site.toml", "title = \"T\"\n");
        write(
            "units.csv",
            "code,slug,name_vi,parent\n0,p,P,\n1,a,A,p\n2,b,B,p\n3,c,C,p\n4,d,D,q\n5,q,Q,\n6,e,E,\n",
        );
        write(
            "indicators.toml",
            "[[indicator]]\ncode = \"dti\"\nkind = \"index\"\nname = \"I\"\n",
        );
        let [a, b, c, d] = values;
        write(
            "data/2024.csv",
            &format!("code,dti\n1,{a}\n2,{b}\n3,{c}\n4,{d}\n6,0.9\n"),
        );
        let mut diags = Diagnostics::new();
        let config = crate::config::load(dir.path(), None, &mut diags).unwrap();
        let ds = crate::data::load(&config, &mut diags);
        assert!(!diags.has_errors(), "{diags}");
        ds
    }

    #[test]
    fn ranks_within_parent_share_skip_and_need_every_sibling() {
        let ds = nested(["0.5", "0.70001", "0.7", "0.1"]);
        let report = compute(&ds, &mut Diagnostics::new());
        let place = |u| {
            report
                .placing(EditionId::new(0), IndicatorId::new(0), UnitId::new(u))
                .map(|p| (p.parent.index(), p.rank, p.of))
        };
        // 0.70001 and 0.7 are equal at 4 decimals: both first, and 0.5 third (the rank skips).
        assert_eq!(
            (place(2), place(3), place(1)),
            (Some((0, 1, 3)), Some((0, 1, 3)), Some((0, 3, 3)))
        );
        assert_eq!(place(4), Some((5, 1, 1)), "alone in its parent");
        assert_eq!(place(6), None, "no parent, no rank within one");
        // National ranks are unaffected: unit 6 leads.
        assert_eq!(
            report
                .entry(EditionId::new(0), IndicatorId::new(0), UnitId::new(6))
                .unwrap()
                .rank,
            Some(1)
        );
        // One sibling without a value: no rank within that parent, the other parent keeps its own.
        let ds = nested(["0.5", "", "0.7", "0.1"]);
        let report = compute(&ds, &mut Diagnostics::new());
        assert_eq!(
            report.placing(EditionId::new(0), IndicatorId::new(0), UnitId::new(1)),
            None
        );
        assert_eq!(
            report.placing(EditionId::new(0), IndicatorId::new(0), UnitId::new(3)),
            None
        );
        assert_eq!(
            report
                .placing(EditionId::new(0), IndicatorId::new(0), UnitId::new(4))
                .map(|p| p.rank),
            Some(1)
        );
    }

    fn entry(value: Option<f64>, rank: Option<u32>) -> Entry {
        Entry {
            unit: UnitId::new(0),
            value,
            value_source: value.map(|_| Source::Official),
            rank,
            rank_source: rank.map(|_| Source::Official),
            change: Change::default(),
        }
    }

    #[test]
    fn changes_follow_the_published_example() {
        // Ninh Thuận: 2021 0,3048 rank 53 → 2022 0,5934 rank 27.
        let c = change(
            Some(&entry(Some(0.3048), Some(53))),
            &entry(Some(0.5934), Some(27)),
        );
        assert!((c.value_abs.unwrap() - 0.2886).abs() < 1e-9);
        assert!((c.value_pct.unwrap() - 94.6850).abs() < 1e-3);
        assert_eq!(c.rank_places, Some(26));
        // 2020: rank 63, no value → only the rank change.
        let c = change(Some(&entry(None, Some(63))), &entry(Some(0.3048), Some(53)));
        assert_eq!(
            (c.value_abs, c.value_pct, c.rank_places),
            (None, None, Some(10))
        );
        assert_eq!(c.value_source, None);
        assert_eq!(c.rank_source, Some(Source::Computed));
        // A change from a derived figure is derived (Trà Vinh 2021 0,4294 → 2022 0,6077).
        let mut derived = entry(Some(0.4294), Some(26));
        derived.value_source = Some(Source::Derived);
        derived.rank_source = Some(Source::Derived);
        let c = change(Some(&derived), &entry(Some(0.6077), Some(25)));
        assert_eq!(c.value_source, Some(Source::Derived));
        assert_eq!(c.rank_source, Some(Source::Derived));
        // Absent before: no change at all, not a change from zero.
        assert_eq!(change(None, &entry(Some(0.5), Some(1))), Change::default());
        // Moving down is negative.
        assert_eq!(
            change(Some(&entry(None, Some(27))), &entry(None, Some(48))).rank_places,
            Some(-21)
        );
    }
}
