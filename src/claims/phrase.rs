//! Claims as sentences, through the theme's `[claim]` strings. Nothing here decides what is true:
//! it only words what [`super`] computed, with names and figures formatted for the page.

use super::{Aggregate, Basis, Extremes, Move, Tie};
use crate::model::{Dataset, EditionId, Source, UnitId};
use crate::text::{Lang, Strings, decimal, integer};

/// More tied units than this are counted ("24 tỉnh, thành phố"), fewer are named.
pub const NAMED_TIES: usize = 3;

/// Words claims for one page language.
pub struct Phraser<'a> {
    /// The page's strings.
    pub t: &'a Strings,
    /// The data (names of units as they were in each edition, edition labels, methods).
    pub ds: &'a Dataset,
}

impl<'a> Phraser<'a> {
    /// A phraser for `t`'s language.
    pub fn new(t: &'a Strings, ds: &'a Dataset) -> Phraser<'a> {
        Phraser { t, ds }
    }

    pub(super) fn lang(&self) -> Lang {
        self.t.lang()
    }

    /// A value at the published precision, in the page's number format.
    pub fn number(&self, v: f64) -> String {
        decimal(v, self.ds.precision as usize, self.lang())
    }

    /// A value, marked when derived ("0,4294 (suy ra)").
    pub fn value(&self, v: f64, source: Option<Source>) -> String {
        let text = self.number(v);
        match source {
            Some(Source::Derived) => self.t.fill("claim.derived", &[("value", &text)]),
            _ => text,
        }
    }

    /// A unit's name as it was in edition `e`.
    pub fn name(&self, u: UnitId, e: EditionId) -> String {
        let p = self.ds.period_in(u, e);
        match self.lang() {
            Lang::Vi => p.name.clone(),
            Lang::En => p.name_en.clone(),
        }
    }

    /// An edition's label fit to stand in parentheses: "2024 (63 tỉnh)" → "2024, 63 tỉnh".
    pub fn edition(&self, e: EditionId) -> String {
        let ed = &self.ds.editions[e];
        let label = match self.lang() {
            Lang::Vi => &ed.label,
            Lang::En => &ed.label_en,
        };
        match label.split_once(" (") {
            Some((head, rest)) => format!("{head}, {}", rest.trim_end_matches(')')),
            None => label.clone(),
        }
    }

    /// "A", "A và B", "A, B và C".
    pub fn list(&self, items: &[String]) -> String {
        let t = self.t;
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [a, b] => t.fill("claim.list_two", &[("a", a), ("b", b)]),
            [rest @ .., last] => {
                let rest = rest.join(t.get("claim.list_sep"));
                t.fill("claim.list_more", &[("rest", &rest), ("last", last)])
            }
        }
    }

    /// The units of a tie: named in full up to [`NAMED_TIES`], else counted.
    pub fn names(&self, tie: &Tie, e: EditionId) -> String {
        if tie.units.len() > NAMED_TIES {
            return self.t.plural("claim.units_counted", tie.units.len(), &[]);
        }
        let names: Vec<String> = tie.units.iter().map(|&u| self.name(u, e)).collect();
        self.list(&names)
    }

    /// "Năm 2023, Đà Nẵng dẫn đầu với 0,8340, Hà Giang xếp cuối với 0,5208; trung bình cả nước
    /// 0,6783." — the leader/last sentence of a ranking, on the ground the claim stands on.
    pub fn extremes(&self, x: &Extremes, mean: Option<Aggregate>) -> String {
        let e = x.edition;
        let mut parts: Vec<String> = Vec::new();
        match x.basis {
            Basis::Complete { .. } | Basis::OfficialRanks { .. } => {
                if let Some(top) = &x.top {
                    parts.push(self.leader(top, e, x.basis));
                }
                if let Some(bottom) = &x.bottom {
                    parts.push(self.last(bottom, e, x.basis));
                }
                if let Some((count, high, low)) = &x.among_published {
                    parts.push(self.among(*count, x.basis, high, low, e));
                }
            }
            Basis::Published { count, .. } => {
                if let (Some(high), Some(low)) = (&x.top, &x.bottom) {
                    parts.push(self.among(count, x.basis, high, low, e));
                }
            }
        }
        if parts.is_empty() {
            parts.push(self.t.get("claim.no_values").to_owned());
        }
        let mut out = self.t.fill(
            "claim.in_edition",
            &[("edition", &self.edition(e)), ("claim", &parts.join(", "))],
        );
        if let Some(m) = mean {
            out.push_str("; ");
            out.push_str(&self.mean(m));
        }
        out.push('.');
        out
    }

    fn leader(&self, top: &Tie, e: EditionId, basis: Basis) -> String {
        let names = self.names(top, e);
        let t = self.t;
        match (top.value, basis) {
            // Official ranks of an incomplete edition: the ground is the rank, said as such.
            (Some(v), Basis::OfficialRanks { .. }) => {
                let value = self.value(v, top.value_source);
                t.fill(
                    "claim.leader_rank_value",
                    &[("names", &names), ("value", &value)],
                )
            }
            (Some(v), _) => {
                let value = self.value(v, top.value_source);
                let args = [("names", names.as_str()), ("value", value.as_str())];
                if top.units.len() > 1 {
                    t.fill("claim.leader_tie", &args)
                } else {
                    t.fill("claim.leader", &args)
                }
            }
            (None, _) => t.fill("claim.leader_rank", &[("names", &names)]),
        }
    }

    fn last(&self, bottom: &Tie, e: EditionId, basis: Basis) -> String {
        let names = self.names(bottom, e);
        let t = self.t;
        match (bottom.value, basis) {
            (Some(v), Basis::Complete { .. }) => {
                let value = self.value(v, bottom.value_source);
                let args = [("names", names.as_str()), ("value", value.as_str())];
                if bottom.units.len() > 1 {
                    t.fill("claim.last_tie", &args)
                } else {
                    t.fill("claim.last", &args)
                }
            }
            (_, Basis::OfficialRanks { of }) | (None, Basis::Complete { of }) => {
                let rank = integer(i64::from(bottom.rank.unwrap_or(0)), self.lang());
                let of = integer(of as i64, self.lang());
                t.fill(
                    "claim.last_rank",
                    &[("names", &names), ("rank", &rank), ("of", &of)],
                )
            }
            (_, Basis::Published { .. }) => String::new(),
        }
    }

    fn among(&self, count: usize, basis: Basis, high: &Tie, low: &Tie, e: EditionId) -> String {
        let of = match basis {
            Basis::Complete { of } | Basis::OfficialRanks { of } | Basis::Published { of, .. } => {
                of
            }
        };
        let lang = self.lang();
        // The noun goes with the whole set ("3 of 63 provinces"): its plural follows `of`.
        self.t.plural(
            "claim.among",
            of,
            &[
                ("count", &integer(count as i64, lang)),
                ("high", &self.names(high, e)),
                (
                    "high_value",
                    &self.value(high.value.unwrap_or_default(), high.value_source),
                ),
                ("low", &self.names(low, e)),
                (
                    "low_value",
                    &self.value(low.value.unwrap_or_default(), low.value_source),
                ),
            ],
        )
    }

    /// "trung bình cả nước 0,6783" or "… 0,4014 (số liệu công bố)".
    pub fn mean(&self, m: Aggregate) -> String {
        let value = self.number(m.value);
        match m.source {
            Source::Published => self.t.fill("claim.mean_published", &[("value", &value)]),
            _ => self.t.fill("claim.mean_computed", &[("value", &value)]),
        }
    }

    /// "Trung bình cả nước năm 2024: 0,6961" (published figures say so).
    pub fn mean_in(&self, m: Aggregate, e: EditionId) -> String {
        let args = [
            ("edition", self.edition(e)),
            ("value", self.number(m.value)),
        ];
        let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        match m.source {
            Source::Published => self.t.fill("claim.mean_in_published", &args),
            _ => self.t.fill("claim.mean_in", &args),
        }
    }

    /// The map's caption: highest and lowest on the claim's ground, and the published extremes
    /// where only some values are known.
    pub fn map_extremes(&self, x: &Extremes, published: (Option<f64>, Option<f64>)) -> String {
        let e = x.edition;
        let mut out: Vec<String> = Vec::new();
        let pair = |tie: &Tie| {
            (
                self.names(tie, e),
                tie.value.map(|v| self.value(v, tie.value_source)),
            )
        };
        let (count, high, low) = match (&x.basis, &x.among_published) {
            (Basis::Complete { .. }, _) => (None, x.top.as_ref(), x.bottom.as_ref()),
            (Basis::Published { count, .. }, _) => {
                (Some(*count), x.top.as_ref(), x.bottom.as_ref())
            }
            (Basis::OfficialRanks { .. }, Some((count, h, l))) => (Some(*count), Some(h), Some(l)),
            (Basis::OfficialRanks { .. }, None) => (None, None, None),
        };
        for (tie, key_all, key_among) in [
            (high, "claim.map_high", "claim.map_high_among"),
            (low, "claim.map_low", "claim.map_low_among"),
        ] {
            let Some((names, Some(value))) = tie.map(pair) else {
                continue;
            };
            out.push(match count {
                None => self
                    .t
                    .fill(key_all, &[("names", &names), ("value", &value)]),
                Some(c) => self
                    .t
                    .plural(key_among, c, &[("names", &names), ("value", &value)]),
            });
        }
        if count.is_some() {
            if let Some(v) = published.0 {
                out.push(
                    self.t
                        .fill("claim.published_max", &[("value", &self.number(v))]),
                );
            }
            if let Some(v) = published.1 {
                out.push(
                    self.t
                        .fill("claim.published_min", &[("value", &self.number(v))]),
                );
            }
        }
        out.join(" ")
    }

    /// The leader line of a share card ("Dẫn đầu: Đà Nẵng"), with the value shown beside it:
    /// only from a complete edition or official ranks; otherwise "highest of N with figures".
    pub fn card_leader(&self, x: &Extremes) -> Option<(String, Option<f64>)> {
        let e = x.edition;
        match x.basis {
            Basis::Complete { .. } | Basis::OfficialRanks { .. } => {
                let top = x.top.as_ref()?;
                let names = self.names(top, e);
                Some((
                    self.t.fill("claim.card_leader", &[("names", &names)]),
                    top.value,
                ))
            }
            Basis::Published { count, .. } => {
                let top = x.top.as_ref()?;
                let names = self.names(top, e);
                let count = integer(count as i64, self.lang());
                Some((
                    self.t.fill(
                        "claim.card_highest_among",
                        &[("count", &count), ("names", &names)],
                    ),
                    top.value,
                ))
            }
        }
    }

    /// "tăng từ 0,3048 (2021) lên 0,7063 (2024)", with provenance of each end and the change of
    /// method it crosses.
    pub fn value_move(&self, m: &Move) -> String {
        let from = self.value(m.from.value, Some(m.from.source));
        // "Stayed at" names one figure: it is derived when either end is.
        let to = if m.direction(self.ds.precision) == std::cmp::Ordering::Equal {
            self.value(m.to.value, Some(m.source()))
        } else {
            self.value(m.to.value, Some(m.to.source))
        };
        let (fe, te) = (self.edition(m.from.edition), self.edition(m.to.edition));
        let args = [
            ("from", from.as_str()),
            ("to", to.as_str()),
            ("from_edition", fe.as_str()),
            ("to_edition", te.as_str()),
        ];
        let key = match m.direction(self.ds.precision) {
            std::cmp::Ordering::Greater => "claim.rose",
            std::cmp::Ordering::Less => "claim.fell",
            std::cmp::Ordering::Equal => "claim.stayed",
        };
        let mut out = self.t.fill(key, &args);
        self.method_note(m, &mut out);
        out
    }

    /// "hạng từ 53 lên 35" (a smaller number is a better place, so it goes up).
    pub fn rank_move(&self, m: &Move) -> String {
        let lang = self.lang();
        let show = |v: f64, s: Source| {
            let r = integer(v as i64, lang);
            if s == Source::Derived {
                self.t.fill("claim.derived", &[("value", &r)])
            } else {
                r
            }
        };
        let stayed = m.to.value == m.from.value;
        let to_source = if stayed { m.source() } else { m.to.source };
        let (from, to) = (
            show(m.from.value, m.from.source),
            show(m.to.value, to_source),
        );
        let (fe, te) = (self.edition(m.from.edition), self.edition(m.to.edition));
        let key = match m.to.value.total_cmp(&m.from.value) {
            std::cmp::Ordering::Less => "claim.rank_up",
            std::cmp::Ordering::Greater => "claim.rank_down",
            std::cmp::Ordering::Equal => "claim.rank_same",
        };
        let args = [
            ("from", from.as_str()),
            ("to", to.as_str()),
            ("from_edition", fe.as_str()),
            ("to_edition", te.as_str()),
        ];
        let mut out = self.t.fill(key, &args);
        self.method_note(m, &mut out);
        out
    }

    /// The value history of one unit in one unit set: "Giá trị DTI của Ninh Thuận tăng từ …;
    /// hạng từ … ." plus the latest national mean.
    pub fn value_history(
        &self,
        unit: &str,
        measure: &str,
        moves: (Option<Move>, Option<Move>),
        single: Option<(f64, Source, EditionId)>,
        mean: Option<(Aggregate, EditionId)>,
    ) -> String {
        let t = self.t;
        let mut out = match (moves.0, single) {
            (Some(m), _) => {
                let mut moved = self.value_move(&m);
                if let Some(r) = moves.1 {
                    moved.push_str("; ");
                    moved.push_str(&self.rank_move(&r));
                }
                t.fill(
                    "claim.value_history",
                    &[("unit", unit), ("measure", measure), ("moved", &moved)],
                )
            }
            (None, Some((v, source, e))) => t.fill(
                "claim.value_once",
                &[
                    ("unit", unit),
                    ("measure", measure),
                    ("value", &self.value(v, Some(source))),
                    ("edition", &self.edition(e)),
                ],
            ),
            (None, None) => t.fill("claim.no_value", &[("unit", unit), ("measure", measure)]),
        };
        out.push('.');
        if let Some((m, e)) = mean {
            out.push(' ');
            out.push_str(&self.mean_in(m, e));
            out.push('.');
        }
        out
    }

    /// The rank history of one unit in one unit set.
    pub fn rank_history(
        &self,
        unit: &str,
        measure: &str,
        moved: Option<Move>,
        single: Option<(u32, Source, EditionId)>,
    ) -> String {
        let t = self.t;
        let mut out = match (moved, single) {
            (Some(m), _) => t.fill(
                "claim.rank_history",
                &[("unit", unit), ("moved", &self.rank_move(&m))],
            ),
            (None, Some((r, source, e))) => {
                let mut rank = integer(i64::from(r), self.lang());
                if source == Source::Derived {
                    rank = t.fill("claim.derived", &[("value", &rank)]);
                }
                t.fill(
                    "claim.rank_once",
                    &[
                        ("unit", unit),
                        ("measure", measure),
                        ("rank", &rank),
                        ("edition", &self.edition(e)),
                    ],
                )
            }
            (None, None) => t.fill("claim.no_rank", &[("unit", unit), ("measure", measure)]),
        };
        out.push('.');
        out
    }

    /// The distribution sentence of an indicator over the editions of one unit set: how the
    /// median moved, the range of the last edition, then each edition of another unit set on its
    /// own (never compared with the others).
    pub fn medians(
        &self,
        measure: &str,
        main: &[(EditionId, Aggregate)],
        range: Option<(EditionId, f64, f64)>,
        others: &[(EditionId, Aggregate)],
    ) -> String {
        let t = self.t;
        let mut parts = Vec::new();
        let head = match (main.first(), main.last()) {
            (Some(a), Some(b)) if main.len() > 1 => {
                let m = super::movement(
                    self.ds,
                    super::Point {
                        edition: a.0,
                        value: a.1.value,
                        source: a.1.source,
                    },
                    super::Point {
                        edition: b.0,
                        value: b.1.value,
                        source: b.1.source,
                    },
                );
                m.map(|m| {
                    t.fill(
                        "claim.median_history",
                        &[("measure", measure), ("moved", &self.value_move(&m))],
                    )
                })
            }
            (Some(a), _) => Some(t.fill(
                "claim.median_once",
                &[
                    ("measure", measure),
                    ("edition", &self.edition(a.0)),
                    ("value", &self.number(a.1.value)),
                ],
            )),
            _ => None,
        };
        let mut first = head.unwrap_or_default();
        if let Some((e, lo, hi)) = range {
            let r = t.fill(
                "claim.range_in",
                &[
                    ("edition", &self.edition(e)),
                    ("min", &self.number(lo)),
                    ("max", &self.number(hi)),
                ],
            );
            if first.is_empty() {
                first = r;
            } else {
                first = format!("{first}; {r}");
            }
        }
        if !first.is_empty() {
            parts.push(first);
        }
        for (e, m) in others {
            parts.push(t.fill(
                "claim.other_set",
                &[
                    ("edition", &self.edition(*e)),
                    ("value", &self.number(m.value)),
                ],
            ));
        }
        let mut out = parts.join(". ");
        if !out.is_empty() {
            out.push('.');
        }
        out
    }

    fn method_note(&self, m: &Move, out: &mut String) {
        if m.crosses_method {
            let (a, b) = (
                &self.ds.editions[m.from.edition].method,
                &self.ds.editions[m.to.edition].method,
            );
            let note = self.t.fill(
                "claim.crosses_method",
                &[("from_method", a), ("to_method", b)],
            );
            out.push_str(" (");
            out.push_str(&note);
            out.push(')');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::*;
    use super::*;

    fn site() -> crate::site::Site {
        super::super::tests::fixture()
    }

    #[test]
    fn leader_and_last_sentences_on_each_ground() {
        let s = site();
        let (ds, r) = (&s.dataset, &s.report);
        let e = |id: &str| ds.edition_by_id(id).unwrap();
        for (lang, id, want) in [
            (
                Lang::Vi,
                "2023",
                "Năm 2023: Đà Nẵng và Hà Nội cùng dẫn đầu với 0,8000, Ninh Thuận và Tuyên Quang cùng xếp cuối với 0,5000; trung bình cả nước 0,6400.",
            ),
            (
                Lang::En,
                "2023",
                "2023: Da Nang and Ha Noi shared the lead with 0.8000, Ninh Thuan and Tuyen Quang shared last place with 0.5000; national mean 0.6400.",
            ),
            (
                Lang::Vi,
                "2020",
                "Năm 2020: Đà Nẵng đứng đầu theo hạng chính thức với 0,4874, Ninh Thuận xếp cuối theo hạng chính thức (5/5), trong 2/5 tỉnh, thành phố có giá trị được công bố, cao nhất là Đà Nẵng (0,4874), thấp nhất là Khánh Hòa (0,4096).",
            ),
            (
                Lang::Vi,
                "2021",
                "Năm 2021: Đà Nẵng đứng đầu theo hạng chính thức, trong 2/5 tỉnh, thành phố có giá trị được công bố, cao nhất là Khánh Hòa (0,5064), thấp nhất là Ninh Thuận (0,3048); trung bình cả nước 0,4014 (số liệu công bố).",
            ),
            (
                Lang::Vi,
                "2024-4",
                "Năm 2024, 4 tỉnh: Đà Nẵng dẫn đầu với 0,8335, Tuyên Quang xếp cuối với 0,6000; trung bình cả nước 0,7411.",
            ),
        ] {
            let p = Phraser::new(Strings::builtin(lang), ds);
            let x = extremes(ds, r, e(id), IndicatorId::new(0)).unwrap();
            let mean = aggregate(ds, r, e(id), IndicatorId::new(0), Statistic::Mean);
            assert_eq!(p.extremes(&x, mean), want, "{id} {lang:?}");
        }
    }

    #[test]
    fn many_ties_are_counted_with_plural_forms() {
        let s = site();
        let ds = &s.dataset;
        let e = ds.edition_by_id("2023").unwrap();
        let tie = Tie {
            units: [0, 1, 2, 3].map(UnitId::new).to_vec(),
            value: Some(1.0),
            value_source: Some(Source::Official),
            rank: Some(1),
            rank_source: Some(Source::Computed),
        };
        let vi = Phraser::new(Strings::builtin(Lang::Vi), ds);
        assert_eq!(vi.names(&tie, e), "4 tỉnh, thành phố");
        let en = Phraser::new(Strings::builtin(Lang::En), ds);
        assert_eq!(en.names(&tie, e), "4 provinces");
        let one = Tie {
            units: vec![UnitId::new(0)],
            ..tie.clone()
        };
        assert_eq!(en.names(&one, e), "Ha Noi");
        let three = Tie {
            units: [0, 1, 2].map(UnitId::new).to_vec(),
            ..tie
        };
        assert_eq!(vi.names(&three, e), "Hà Nội, Tuyên Quang và Đà Nẵng");
    }

    #[test]
    fn moves_name_derived_ends_and_a_change_of_method() {
        let s = site();
        let (ds, r) = (&s.dataset, &s.report);
        let e63 = ds.edition_by_id("2024").unwrap();
        let vi = Phraser::new(Strings::builtin(Lang::Vi), ds);
        let tq = ds.unit_by_slug("tuyen-quang").unwrap();
        let m = value_move(
            ds,
            r,
            tq,
            IndicatorId::new(0),
            &series(ds, r, tq, IndicatorId::new(0), e63),
        )
        .unwrap();
        assert_eq!(
            vi.value_move(&m),
            "tăng từ 0,2849 (suy ra) (2021) lên 0,6000 (2024, 5 tỉnh)"
        );
        let kh = ds.unit_by_slug("khanh-hoa").unwrap();
        let set = series(ds, r, kh, IndicatorId::new(0), e63);
        let en = Phraser::new(Strings::builtin(Lang::En), ds);
        assert_eq!(
            en.value_move(&value_move(ds, r, kh, IndicatorId::new(0), &set).unwrap()),
            "rose from 0.4096 (2020) to 0.7000 (2024, 5 provinces) (across a change of assessment method: Decision 1726/QĐ-BTTTT → Decision 922/QĐ-BTTTT)"
        );
        assert_eq!(
            vi.rank_move(&rank_move(ds, r, kh, IndicatorId::new(0), &set).unwrap()),
            "hạng từ 3 (2020) xuống 4 (2024, 5 tỉnh) (qua thay đổi phương pháp đánh giá: Quyết định 1726/QĐ-BTTTT → Quyết định 922/QĐ-BTTTT)"
        );
    }

    #[test]
    fn map_captions_and_cards_say_on_what_ground() {
        let s = site();
        let (ds, r) = (&s.dataset, &s.report);
        let e = |id: &str| ds.edition_by_id(id).unwrap();
        let vi = Phraser::new(Strings::builtin(Lang::Vi), ds);
        let x21 = extremes(ds, r, e("2021"), IndicatorId::new(0)).unwrap();
        assert_eq!(
            vi.map_extremes(&x21, (Some(0.6419), Some(0.2489))),
            "Cao nhất trong 2 tỉnh, thành phố có giá trị được công bố: Khánh Hòa (0,5064). Thấp nhất trong 2 tỉnh, thành phố có giá trị được công bố: Ninh Thuận (0,3048). Cao nhất cả nước (số liệu công bố): 0,6419. Thấp nhất cả nước (số liệu công bố): 0,2489."
        );
        let x23 = extremes(ds, r, e("2023"), IndicatorId::new(0)).unwrap();
        assert_eq!(
            vi.map_extremes(&x23, (None, None)),
            "Cao nhất: Đà Nẵng và Hà Nội (0,8000). Thấp nhất: Ninh Thuận và Tuyên Quang (0,5000)."
        );
        assert_eq!(
            vi.card_leader(&x23),
            Some(("Dẫn đầu: Đà Nẵng và Hà Nội".to_owned(), Some(0.8)))
        );
        assert_eq!(
            vi.card_leader(&x21),
            Some(("Dẫn đầu: Đà Nẵng".to_owned(), None))
        );
    }
}
