//! Where a unit stands, and who moved most: the claims behind the position strip (a unit
//! against the mean of its edition), the main-indicator bars and radar (a unit's indicators
//! against their means, its highest and lowest) and the slope chart (largest rank moves).
//!
//! Same conditions as the other claims: means are computed from complete tables (or published,
//! labelled so), comparisons are made at the published precision, ties are kept whole, and rank
//! moves are only stated between two complete editions of one unit set.

use std::cmp::Ordering;

use super::phrase::Phraser;
use super::{Aggregate, aggregate, crosses_method, same_set};
use crate::compute::Report;
use crate::model::{Dataset, EditionId, IndicatorId, Source, Statistic, UnitId};
use crate::text::integer;
use crate::text::number::{key_at, rank_change};

/// A unit's value against the mean of its edition, with the edition's range.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Standing {
    /// The unit.
    pub unit: UnitId,
    /// The edition.
    pub edition: EditionId,
    /// Its value and the value's provenance.
    pub value: (f64, Option<Source>),
    /// The mean it is compared with.
    pub mean: Aggregate,
    /// Above (`Greater`), equal to or below the mean, at the published precision.
    pub side: Ordering,
    /// Lowest and highest value and how many values, when the table is complete.
    pub range: Option<(f64, f64, usize)>,
}

/// Where unit `u` stands in indicator `i` of edition `e`.
pub fn standing(
    ds: &Dataset,
    report: &Report,
    e: EditionId,
    i: IndicatorId,
    u: UnitId,
) -> Option<Standing> {
    let en = report.entry(e, i, u)?;
    let value = en.value?;
    let mean = aggregate(ds, report, e, i, Statistic::Mean)?;
    let places = ds.precision;
    Some(Standing {
        unit: u,
        edition: e,
        value: (value, en.value_source),
        mean,
        side: key_at(value, places).cmp(&key_at(mean.value, places)),
        range: report
            .table(e, i)
            .and_then(|t| t.stats)
            .map(|s| (s.min, s.max, s.count)),
    })
}

/// A unit's indicators in one edition against their computed national means.
#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    /// The unit.
    pub unit: UnitId,
    /// The edition.
    pub edition: EditionId,
    /// Indicators with a value and a computed mean (complete table).
    pub compared: usize,
    /// Of those, the ones above their mean at the published precision.
    pub above: usize,
    /// The highest of the unit's values and every indicator at it (two or more values).
    pub highest: Option<(Vec<IndicatorId>, f64)>,
    /// The lowest, likewise.
    pub lowest: Option<(Vec<IndicatorId>, f64)>,
}

/// Unit `u`'s `indicators` in edition `e`.
pub fn profile(
    ds: &Dataset,
    report: &Report,
    e: EditionId,
    u: UnitId,
    indicators: &[IndicatorId],
) -> Profile {
    let places = ds.precision;
    let valued: Vec<(IndicatorId, f64)> = indicators
        .iter()
        .filter_map(|&i| Some((i, report.entry(e, i, u)?.value?)))
        .collect();
    let means: Vec<(f64, f64)> = valued
        .iter()
        .filter_map(|&(i, v)| Some((v, report.table(e, i)?.stats?.mean)))
        .collect();
    let at = |target: Option<i64>| {
        let target = target?;
        let all: Vec<IndicatorId> = valued
            .iter()
            .filter(|x| key_at(x.1, places) == target)
            .map(|x| x.0)
            .collect();
        let v = valued.iter().find(|x| key_at(x.1, places) == target)?.1;
        Some((all, v))
    };
    let keys = valued.iter().map(|x| key_at(x.1, places));
    let two = valued.len() >= 2;
    Profile {
        unit: u,
        edition: e,
        compared: means.len(),
        above: means
            .iter()
            .filter(|(v, m)| key_at(*v, places) > key_at(*m, places))
            .count(),
        highest: two.then(|| at(keys.clone().max())).flatten(),
        lowest: two.then(|| at(keys.min())).flatten(),
    }
}

/// One unit's rank in two editions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mover {
    /// The unit.
    pub unit: UnitId,
    /// Its rank in the earlier edition.
    pub from: u32,
    /// Its rank in the later one.
    pub to: u32,
}

impl Mover {
    /// Places gained (positive) or lost.
    pub fn places(&self) -> i64 {
        i64::from(self.from) - i64::from(self.to)
    }
}

/// The largest rank moves between two complete editions of one unit set, ties kept whole.
#[derive(Clone, Debug, PartialEq)]
pub struct Movers {
    /// The earlier edition.
    pub from: EditionId,
    /// The later edition.
    pub to: EditionId,
    /// Every unit with the largest gain (empty when none gained).
    pub rose: Vec<Mover>,
    /// Every unit with the largest loss.
    pub fell: Vec<Mover>,
    /// The two editions were assessed under different methodologies.
    pub crosses_method: bool,
}

/// Who rose and who fell most in indicator `i` from `from` to `to`: only between complete
/// tables of one unit set (ranks computed from every value).
pub fn movers(
    ds: &Dataset,
    report: &Report,
    from: EditionId,
    to: EditionId,
    i: IndicatorId,
) -> Option<Movers> {
    let (a, b) = (report.table(from, i)?, report.table(to, i)?);
    if !(a.complete && b.complete && same_set(ds, from, to)) || from == to {
        return None;
    }
    let all: Vec<Mover> = b
        .entries
        .iter()
        .filter_map(|en| {
            Some(Mover {
                unit: en.unit,
                from: a.entry(en.unit)?.rank?,
                to: en.rank?,
            })
        })
        .collect();
    let most = |pick: fn(i64, i64) -> bool| -> Vec<Mover> {
        let best = all
            .iter()
            .map(Mover::places)
            .filter(|&p| pick(p, 0))
            .reduce(|x, y| if pick(x, y) { x } else { y });
        all.iter()
            .filter(|m| Some(m.places()) == best)
            .copied()
            .collect()
    };
    Some(Movers {
        from,
        to,
        rose: most(|x, y| x > y),
        fell: most(|x, y| x < y),
        crosses_method: crosses_method(ds, from, to),
    })
}

impl Phraser<'_> {
    /// "Năm 2023, DTI của Ninh Thuận là 0,6552, thấp hơn trung bình cả nước (0,6783). 63 giá
    /// trị trải từ 0,5208 đến 0,8340."
    pub fn standing(&self, s: &Standing, measure: &str) -> String {
        let t = self.t;
        let key = match s.side {
            Ordering::Greater => "claim.standing_above",
            Ordering::Equal => "claim.standing_equal",
            Ordering::Less => "claim.standing_below",
        };
        let mean = self.number(s.mean.value);
        let mean = if s.mean.source == Source::Published {
            t.fill("claim.published_figure", &[("value", &mean)])
        } else {
            mean
        };
        let mut out = t.fill(
            key,
            &[
                ("edition", &self.edition(s.edition)),
                ("measure", measure),
                ("unit", &self.name(s.unit, s.edition)),
                ("value", &self.value(s.value.0, s.value.1)),
                ("mean", &mean),
            ],
        );
        if let Some((min, max, count)) = s.range {
            out.push(' ');
            out.push_str(&t.fill(
                "claim.standing_range",
                &[
                    ("count", &integer(count as i64, self.lang())),
                    ("min", &self.number(min)),
                    ("max", &self.number(max)),
                ],
            ));
        }
        out
    }

    /// "Ninh Thuận (2023) cao hơn trung bình cả nước ở 1/4 chỉ số; cao nhất: Hạ tầng (0,7012),
    /// thấp nhất: Kinh tế (0,3120)." `label` names an indicator as the chart does.
    pub fn profile(&self, p: &Profile, label: &dyn Fn(IndicatorId) -> String) -> String {
        let t = self.t;
        let lang = self.lang();
        let unit = self.name(p.unit, p.edition);
        let edition = self.edition(p.edition);
        let mut out = if p.compared == 0 {
            t.fill(
                "claim.profile_none",
                &[("unit", &unit), ("edition", &edition)],
            )
        } else {
            t.plural(
                "claim.profile_above",
                p.compared,
                &[
                    ("unit", &unit),
                    ("edition", &edition),
                    ("above", &integer(p.above as i64, lang)),
                ],
            )
        };
        if let (Some((hi, hv)), Some((lo, lv))) = (&p.highest, &p.lowest) {
            let names =
                |is: &[IndicatorId]| self.list(&is.iter().map(|&i| label(i)).collect::<Vec<_>>());
            out.push_str(&t.fill(
                "claim.profile_extremes",
                &[
                    ("high", &names(hi)),
                    ("high_value", &self.number(*hv)),
                    ("low", &names(lo)),
                    ("low_value", &self.number(*lv)),
                ],
            ));
        }
        out.push('.');
        out
    }

    /// "Từ 2023 đến 2024, 63 tỉnh: Ninh Thuận tăng nhiều nhất (+13 hạng, từ 48 lên 35); Bình
    /// Định giảm nhiều nhất (−21 hạng, từ 27 xuống 48)."
    pub fn movers(&self, m: &Movers) -> String {
        let t = self.t;
        let lang = self.lang();
        let e = m.to;
        let part = |ms: &[Mover], one: &str, tie: &str| -> Option<String> {
            let first = ms.first()?;
            let places = rank_change(first.places(), lang);
            let n = first.places().unsigned_abs() as usize;
            Some(if let [only] = ms {
                t.plural(
                    one,
                    n,
                    &[
                        ("name", &self.name(only.unit, e)),
                        ("places", &places),
                        ("from", &integer(i64::from(only.from), lang)),
                        ("to", &integer(i64::from(only.to), lang)),
                    ],
                )
            } else {
                let names = if ms.len() > super::phrase::NAMED_TIES {
                    t.plural("claim.units_counted", ms.len(), &[])
                } else {
                    self.list(&ms.iter().map(|x| self.name(x.unit, e)).collect::<Vec<_>>())
                };
                t.plural(tie, n, &[("names", &names), ("places", &places)])
            })
        };
        let mut parts: Vec<String> = [
            part(&m.rose, "claim.rose_most", "claim.rose_most_tie"),
            part(&m.fell, "claim.fell_most", "claim.fell_most_tie"),
        ]
        .into_iter()
        .flatten()
        .collect();
        if parts.is_empty() {
            parts.push(t.get("claim.no_rank_change").to_owned());
        }
        let mut span = t.fill(
            "claim.from_to",
            &[
                ("from_edition", &self.edition(m.from)),
                ("to_edition", &self.edition(m.to)),
            ],
        );
        if m.crosses_method {
            let (a, b) = (
                &self.ds.editions[m.from].method,
                &self.ds.editions[m.to].method,
            );
            let note = t.fill(
                "claim.crosses_method",
                &[("from_method", a), ("to_method", b)],
            );
            span.push_str(&format!(" ({note})"));
        }
        t.fill(
            "claim.movers",
            &[("span", &span), ("moves", &parts.join("; "))],
        )
    }
}
