//! Generated sentences, checked against the data by an oracle that shares nothing with the code
//! that wrote them.
//!
//! `crate::claims` decides what the site may say and `crate::claims::phrase` words it; this
//! module reads the rendered pages back with its own grammar (regular expressions over the
//! built-in phrasing, both languages) and recomputes every figure from the raw observations:
//! completeness, maxima and minima with their ties, competition ranks, means and medians, unit
//! sets, methods and provenance. It reads chart descriptions (ranking, map, value and rank
//! history, distribution), share-card lines and page descriptions. A sentence whose claim the
//! data does not support, or a claim sentence it cannot read, is a warning naming the page.

use std::collections::BTreeSet;

use regex::{Captures, Regex};

use crate::card::Card;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::model::{Dataset, EditionId, IndicatorId, Statistic, UnitId};
use crate::plan::PageKind;
use crate::site::Site;
use crate::text::Lang;

/// The figures of one unit as published (or derived), straight from the observations.
#[derive(Clone, Copy)]
pub(super) struct Fig {
    pub unit: UnitId,
    pub value: Option<f64>,
    pub value_derived: bool,
    pub rank: Option<u32>,
    pub rank_derived: bool,
}

/// Recomputes what the data supports, from `Dataset` alone.
pub(super) struct Oracle<'a> {
    pub ds: &'a Dataset,
}

impl Oracle<'_> {
    pub(super) fn key(&self, v: f64) -> i64 {
        (v * 10f64.powi(self.ds.precision as i32)).round() as i64
    }

    pub(super) fn figs(&self, e: EditionId, i: IndicatorId) -> Vec<Fig> {
        self.ds.editions[e]
            .units
            .iter()
            .filter_map(|&u| {
                let o = self.ds.observations.get(&(e, i, u))?;
                Some(Fig {
                    unit: u,
                    value: o.value,
                    value_derived: o.value_derived,
                    rank: o.official_rank,
                    rank_derived: o.rank_derived,
                })
            })
            .collect()
    }

    /// Every unit of the edition has a published (not derived) value.
    pub(super) fn complete(&self, e: EditionId, i: IndicatorId) -> bool {
        let figs = self.figs(e, i);
        figs.len() == self.ds.editions[e].units.len()
            && figs.iter().all(|f| f.value.is_some() && !f.value_derived)
    }

    pub(super) fn values(&self, e: EditionId, i: IndicatorId) -> Vec<f64> {
        self.figs(e, i).iter().filter_map(|f| f.value).collect()
    }

    pub(super) fn fig(&self, e: EditionId, i: IndicatorId, u: UnitId) -> Option<Fig> {
        self.figs(e, i).into_iter().find(|f| f.unit == u)
    }

    /// The unit's rank: competition rank of a complete table, else the published one.
    pub(super) fn rank(&self, e: EditionId, i: IndicatorId, u: UnitId) -> Option<(u32, bool)> {
        let f = self.fig(e, i, u)?;
        if self.complete(e, i) {
            let own = self.key(f.value?);
            let above = self
                .values(e, i)
                .iter()
                .filter(|&&v| self.key(v) > own)
                .count();
            return Some((above as u32 + 1, false));
        }
        f.rank.map(|r| (r, f.rank_derived))
    }

    pub(super) fn stat(
        &self,
        e: EditionId,
        i: IndicatorId,
        stat: Statistic,
    ) -> Option<(f64, bool)> {
        if self.complete(e, i) {
            // The documented rule (README, "Numbers"): aggregates of the values at the published
            // precision, exact, rounded once half away from zero. Worked out here in integers of
            // 10^-precision, apart from `compute::stats`.
            let mut k: Vec<i64> = self.values(e, i).iter().map(|&v| self.key(v)).collect();
            k.sort_unstable();
            let n = k.len() as i64;
            // Half away from zero: |num|/den rounded half up, sign restored.
            let halve = |num: i64, den: i64| num.signum() * ((2 * num.abs() + den) / (2 * den));
            let x = match stat {
                Statistic::Mean => halve(k.iter().sum(), n),
                Statistic::Median if n % 2 == 1 => k[k.len() / 2],
                Statistic::Median => halve(k[k.len() / 2 - 1] + k[k.len() / 2], 2),
                Statistic::Min => k[0],
                Statistic::Max => k[k.len() - 1],
                Statistic::National => return None,
            };
            return Some((x as f64 / 10f64.powi(self.ds.precision as i32), false));
        }
        self.ds
            .published
            .iter()
            .find(|p| p.edition == e && p.indicator == i && p.statistic == stat)
            .map(|p| (p.value, true))
    }

    /// Units (official, not derived, values) at the highest or lowest value.
    pub(super) fn extreme(&self, figs: &[Fig], highest: bool) -> Option<(BTreeSet<UnitId>, f64)> {
        let valued: Vec<(UnitId, f64)> = figs
            .iter()
            .filter(|f| !f.value_derived)
            .filter_map(|f| f.value.map(|v| (f.unit, v)))
            .collect();
        let target = if highest {
            valued.iter().map(|x| self.key(x.1)).max()
        } else {
            valued.iter().map(|x| self.key(x.1)).min()
        }?;
        let units = valued
            .iter()
            .filter(|x| self.key(x.1) == target)
            .map(|x| x.0)
            .collect();
        Some((units, target as f64 / 10f64.powi(self.ds.precision as i32)))
    }

    /// Units with official (not derived) rank `r`.
    pub(super) fn officially(&self, e: EditionId, i: IndicatorId, r: u32) -> BTreeSet<UnitId> {
        self.figs(e, i)
            .iter()
            .filter(|f| f.rank == Some(r) && !f.rank_derived)
            .map(|f| f.unit)
            .collect()
    }

    pub(super) fn same_set(&self, a: EditionId, b: EditionId) -> bool {
        self.ds.editions[a].units == self.ds.editions[b].units
    }

    /// An edition from its label written in a sentence ("2024, 63 tỉnh" or "2024 (63 tỉnh)").
    pub(super) fn edition(&self, text: &str, lang: Lang) -> Option<EditionId> {
        let text = text.trim();
        self.ds.edition_ids().find(|&e| {
            let ed = &self.ds.editions[e];
            let label = if lang == Lang::Vi {
                &ed.label
            } else {
                &ed.label_en
            };
            let inline = label.replacen(" (", ", ", 1).replace(')', "");
            text == label || text == inline
        })
    }

    /// Whether `name` is unit `u`'s name in edition `e` (two communes may share a name: the
    /// page says which unit it is about).
    pub(super) fn named(&self, name: &str, u: UnitId, e: EditionId, lang: Lang) -> bool {
        let p = self.ds.period_in(u, e);
        (if lang == Lang::Vi {
            &p.name
        } else {
            &p.name_en
        }) == name.trim()
    }

    pub(super) fn unit_named(&self, name: &str, e: EditionId, lang: Lang) -> Option<UnitId> {
        self.ds.editions[e].units.iter().copied().find(|&u| {
            let p = self.ds.period_in(u, e);
            (if lang == Lang::Vi {
                &p.name
            } else {
                &p.name_en
            }) == name.trim()
        })
    }
}

/// What a list of names in a sentence denotes: named units, or a count.
#[derive(Debug, PartialEq)]
enum Names {
    Units(BTreeSet<UnitId>),
    Count(usize),
    Unknown(String),
}

fn names(o: &Oracle, text: &str, e: EditionId, lang: Lang) -> Names {
    let counted = match lang {
        Lang::Vi => Regex::new(r"^(\d+) tỉnh, thành phố$"),
        Lang::En => Regex::new(r"^(\d+) provinces?$"),
    }
    .expect("valid pattern");
    if let Some(c) = counted.captures(text) {
        return Names::Count(c[1].parse().unwrap_or(0));
    }
    let last_sep = if lang == Lang::Vi { " và " } else { " and " };
    let (head, last) = text.rsplit_once(last_sep).unwrap_or(("", text));
    let mut out = BTreeSet::new();
    for n in head.split(", ").filter(|s| !s.is_empty()).chain([last]) {
        match o.unit_named(n, e, lang) {
            Some(u) => {
                out.insert(u);
            }
            None => return Names::Unknown(n.to_owned()),
        }
    }
    Names::Units(out)
}

pub(super) fn number(text: &str, lang: Lang) -> f64 {
    let t = if lang == Lang::Vi {
        text.replace('.', "").replace(',', ".")
    } else {
        text.replace(',', "")
    };
    t.parse().unwrap_or(f64::NAN)
}

/// One page's findings.
struct Page {
    lang: Lang,
    kind: PageKind,
    problems: Vec<String>,
}

impl Page {
    fn say(&mut self, sentence: &str, why: impl Into<String>) {
        self.problems.push(format!("“{sentence}”: {}", why.into()));
    }
}

/// Checks every generated sentence of the rendered pages and the share cards.
pub fn check(
    site: &Site,
    files: &[(String, Vec<u8>)],
    cards: &[(String, Card)],
    diags: &mut Diagnostics,
) -> usize {
    let o = Oracle { ds: &site.dataset };
    let g = Grammar::new();
    let sg = StandingGrammar::new();
    let mut checked = 0;
    for page in &site.plan.pages {
        let file = page.file();
        let Some(bytes) = super::file(files, &file) else {
            continue;
        };
        let html = String::from_utf8_lossy(bytes);
        let mut p = Page {
            lang: page.lang,
            kind: page.kind,
            problems: Vec::new(),
        };
        for (id, text) in descs(&html) {
            checked += 1;
            match id.as_str() {
                "xep-hang-desc" => g.extremes(&o, &mut p, &text),
                "ban-do-desc" => g.map(&o, &mut p, &text),
                "gia-tri-desc" => g.value_history(&o, &mut p, &text),
                "thu-hang-desc" => g.rank_history(&o, &mut p, &text),
                "phan-bo-desc" => g.distribution(&o, &mut p, &text),
                "vi-tri-desc" => sg.standing(&o, &g, &mut p, &text),
                "chi-so-chinh-desc" | "radar-desc" => sg.profile(&o, &mut p, &text),
                "bien-dong-desc" => sg.movers(&o, &g, &mut p, &text),
                other => p.say(
                    &text,
                    format!("a chart description (`{other}`) this checker does not know"),
                ),
            }
        }
        for (path, card) in cards {
            if path.rsplit_once('/').map(|(d, _)| format!("{d}/")) == Some(page.dir())
                && page.file() == format!("{}index.html", page.dir())
            {
                checked += 1;
                g.card(&o, &mut p, card);
            }
        }
        for problem in p.problems {
            diags.push(
                Diagnostic::warning(
                    Location::file(format!("output/{file}")),
                    format!("generated text is not supported by the data: {problem}"),
                )
                .hint("the sentence comes from crate::claims and the theme's [claim] strings; fix the claim or the phrase (or the data if it is the data that is wrong)"),
            );
        }
    }
    checked
}

/// `(id, text)` of every SVG `<desc>` of a page, unescaped.
fn descs(html: &str) -> Vec<(String, String)> {
    let re = Regex::new(r#"<desc id="([^"]+)">([^<]*)</desc>"#).expect("valid pattern");
    re.captures_iter(html)
        .map(|c| (c[1].to_owned(), crate::text::unescape(&c[2])))
        .collect()
}

/// The built-in phrasing, read back.
struct Grammar {
    vi: Patterns,
    en: Patterns,
}

struct Patterns {
    extremes: Regex,
    leader: Regex,
    leader_rank: Regex,
    last: Regex,
    last_rank: Regex,
    among: Regex,
    no_values: Regex,
    map_all: Regex,
    map_among: Regex,
    map_published: Regex,
    map_words: Regex,
    value_history: Regex,
    value_once: Regex,
    rank_clause: Regex,
    rank_history: Regex,
    rank_once: Regex,
    median: Regex,
    other_set: Regex,
    card_leader: Regex,
    card_among: Regex,
}

const V_VI: &str = r"\d+,\d+";
const V_EN: &str = r"\d+\.\d+";

impl Grammar {
    fn new() -> Grammar {
        let r = |s: String| Regex::new(&s).expect("valid pattern");
        let vi = {
            let v = V_VI;
            let method = r"(?P<method> \(qua thay đổi phương pháp đánh giá: Quyết định (?P<m1>[^ ]+) → Quyết định (?P<m2>[^)]+)\))?";
            Patterns {
                extremes: r(format!(r"^Năm (?P<ed>[^:]+): (?P<body>.+?)(?:; trung bình cả nước (?P<mean>{v})(?P<mpub> \(số liệu công bố\))?)?\.$")),
                leader: r(format!(r"^(?P<n>.+?) (?P<tie>cùng )?dẫn đầu với (?P<v>{v})(?P<d> \(suy ra\))?(?:, |$)")),
                leader_rank: r(format!(r"^(?P<n>.+?) đứng đầu theo hạng chính thức(?: với (?P<v>{v})(?P<d> \(suy ra\))?)?(?:, |$)")),
                last: r(format!(r"^(?P<n>.+?) (?P<tie>cùng )?xếp cuối với (?P<v>{v})(?P<d> \(suy ra\))?(?:, |$)")),
                last_rank: r(r"^(?P<n>.+?) xếp cuối theo hạng chính thức \((?P<r>\d+)/(?P<of>\d+)\)(?:, |$)".into()),
                among: r(format!(r"^trong (?P<c>\d+)/(?P<of>\d+) tỉnh, thành phố có giá trị được công bố, cao nhất là (?P<hn>[^()]+?) \((?P<hv>{v})\), thấp nhất là (?P<ln>[^()]+?) \((?P<lv>{v})\)(?:, |$)")),
                no_values: r(r"^chưa có giá trị nào được công bố$".into()),
                map_all: r(format!(r"(?P<w>Cao nhất|Thấp nhất): (?P<n>[^()]+?) \((?P<v>{v})\)\.")),
                map_among: r(format!(r"(?P<w>Cao nhất|Thấp nhất) trong (?P<c>\d+) tỉnh, thành phố có giá trị được công bố: (?P<n>[^()]+?) \((?P<v>{v})\)\.")),
                map_published: r(format!(r"(?P<w>Cao nhất|Thấp nhất) cả nước \(số liệu công bố\): (?P<v>{v})\.")),
                map_words: r(r"Cao nhất|Thấp nhất".into()),
                value_history: r(format!(r"^Giá trị (?P<m>.+?) của (?P<u>.+?) (?:(?P<dir>tăng|giảm) từ (?P<a>{v})(?P<ad> \(suy ra\))? \((?P<ea>[^()]+)\) (?:lên|xuống) (?P<b>{v})(?P<bd> \(suy ra\))? \((?P<eb>[^()]+)\)|giữ nguyên ở (?P<s>{v})(?P<sd> \(suy ra\))? \((?P<sa>[^()]+?) – (?P<sb>[^()]+)\)){method}(?:; (?P<rank>hạng .+?))?\.(?: Trung bình cả nước năm (?P<me>[^:]+?)(?P<mpub> \(số liệu công bố\))?: (?P<mv>{v})\.)?$")),
                value_once: r(format!(r"^Giá trị (?P<m>.+?) của (?P<u>.+?) là (?P<a>{v})(?P<ad> \(suy ra\))? \((?P<ea>[^()]+)\)\.(?: Trung bình cả nước năm (?P<me>[^:]+?)(?P<mpub> \(số liệu công bố\))?: (?P<mv>{v})\.)?$")),
                rank_clause: r(format!(r"^hạng (?:từ (?P<a>\d+)(?P<ad> \(suy ra\))? \((?P<ea>[^()]+)\) (?P<dir>lên|xuống) (?P<b>\d+)(?P<bd> \(suy ra\))? \((?P<eb>[^()]+)\)|giữ nguyên (?P<s>\d+)(?P<sd> \(suy ra\))? \((?P<sa>[^()]+?) – (?P<sb>[^()]+)\)){method}$")),
                rank_history: r(r"^(?P<u>.+?): (?P<rank>hạng .+)\.$".into()),
                rank_once: r(r"^(?P<u>.+?) xếp hạng (?P<r>\d+)(?P<d> \(suy ra\))? về .+ \((?P<e>[^()]+)\)\.$".into()),
                median: r(format!(r"^Trung vị (?P<m>.+?) (?:(?P<dir>tăng|giảm) từ (?P<a>{v}) \((?P<ea>[^()]+)\) (?:lên|xuống) (?P<b>{v}) \((?P<eb>[^()]+)\)|năm (?P<eo>.+?) là (?P<o>{v})){method}; năm (?P<er>.+?) các giá trị trải từ (?P<lo>{v}) đến (?P<hi>{v})\.")),
                other_set: r(format!(r"Năm (?P<e>[^.]+?) \(bộ đơn vị khác, không so sánh với các năm trên\): trung vị (?P<v>{v})\.")),
                card_leader: r(r"^Dẫn đầu: (?P<n>.+)$".into()),
                card_among: r(r"^Cao nhất trong (?P<c>\d+) tỉnh có số liệu: (?P<n>.+)$".into()),
            }
        };
        let en = {
            let v = V_EN;
            let method = r"(?P<method> \(across a change of assessment method: Decision (?P<m1>[^ ]+) → Decision (?P<m2>[^)]+)\))?";
            Patterns {
                extremes: r(format!(r"^(?P<ed>[^:]+): (?P<body>.+?)(?:; national mean (?P<mean>{v})(?P<mpub> \(published figure\))?)?\.$")),
                leader: r(format!(r"^(?P<n>.+?) (?:led|(?P<tie>shared the lead)) with (?P<v>{v})(?P<d> \(derived\))?(?:, |$)")),
                leader_rank: r(format!(r"^(?P<n>.+?) ranked first \(official rank\)(?: with (?P<v>{v})(?P<d> \(derived\))?)?(?:, |$)")),
                last: r(format!(r"^(?P<n>.+?) (?:came last|(?P<tie>shared last place)) with (?P<v>{v})(?P<d> \(derived\))?(?:, |$)")),
                last_rank: r(r"^(?P<n>.+?) came last \(official rank (?P<r>\d+) of (?P<of>\d+)\)(?:, |$)".into()),
                among: r(format!(r"^among the (?P<c>\d+) of (?P<of>\d+) provinces with published values, the highest was (?P<hn>[^()]+?) \((?P<hv>{v})\) and the lowest (?P<ln>[^()]+?) \((?P<lv>{v})\)(?:, |$)")),
                no_values: r(r"^no values were published$".into()),
                map_all: r(format!(r"(?P<w>Highest|Lowest): (?P<n>[^()]+?) \((?P<v>{v})\)\.")),
                map_among: r(format!(r"(?P<w>Highest|Lowest) of the (?P<c>\d+) provinces with published values: (?P<n>[^()]+?) \((?P<v>{v})\)\.")),
                map_published: r(format!(r"(?P<w>Highest|Lowest) nationally \(published figure\): (?P<v>{v})\.")),
                map_words: r(r"Highest|Lowest".into()),
                value_history: r(format!(r"^(?P<u>.+?)'s (?P<m>.+?) value (?:(?P<dir>rose|fell) from (?P<a>{v})(?P<ad> \(derived\))? \((?P<ea>[^()]+)\) to (?P<b>{v})(?P<bd> \(derived\))? \((?P<eb>[^()]+)\)|stayed at (?P<s>{v})(?P<sd> \(derived\))? \((?P<sa>[^()]+?) – (?P<sb>[^()]+)\)){method}(?:; (?P<rank>rank .+?))?\.(?: National mean in (?P<me>[^:]+?)(?P<mpub> \(published figure\))?: (?P<mv>{v})\.)?$")),
                value_once: r(format!(r"^(?P<u>.+?)'s (?P<m>.+?) value was (?P<a>{v})(?P<ad> \(derived\))? \((?P<ea>[^()]+)\)\.(?: National mean in (?P<me>[^:]+?)(?P<mpub> \(published figure\))?: (?P<mv>{v})\.)?$")),
                rank_clause: r(format!(r"^rank (?:from (?P<a>\d+)(?P<ad> \(derived\))? \((?P<ea>[^()]+)\) (?P<dir>up|down) to (?P<b>\d+)(?P<bd> \(derived\))? \((?P<eb>[^()]+)\)|unchanged at (?P<s>\d+)(?P<sd> \(derived\))? \((?P<sa>[^()]+?) – (?P<sb>[^()]+)\)){method}$")),
                rank_history: r(r"^(?P<u>.+?): (?P<rank>rank .+)\.$".into()),
                rank_once: r(r"^(?P<u>.+?) ranked (?P<r>\d+)(?P<d> \(derived\))? on the .+ \((?P<e>[^()]+)\)\.$".into()),
                median: r(format!(r"^The median (?P<m>.+?) (?:(?P<dir>rose|fell) from (?P<a>{v}) \((?P<ea>[^()]+)\) to (?P<b>{v}) \((?P<eb>[^()]+)\)|in (?P<eo>.+?) was (?P<o>{v})){method}; in (?P<er>.+?) values ranged from (?P<lo>{v}) to (?P<hi>{v})\.")),
                other_set: r(format!(r"(?P<e>[^.]+?) \(another unit set, not compared with the years above\): median (?P<v>{v})\.")),
                card_leader: r(r"^Top: (?P<n>.+)$".into()),
                card_among: r(r"^Highest of (?P<c>\d+) with figures: (?P<n>.+)$".into()),
            }
        };
        Grammar { vi, en }
    }

    fn pat(&self, lang: Lang) -> &Patterns {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }

    /// The edition and indicator a ranking page is about.
    fn subject(o: &Oracle, p: &Page) -> Option<(EditionId, IndicatorId)> {
        match p.kind {
            PageKind::Ranking(e) => Some((e, o.ds.root_indicator())),
            PageKind::IndicatorRanking(e, i) => Some((e, i)),
            PageKind::Home => None,
            _ => None,
        }
    }

    /// "Năm 2023: A dẫn đầu với …, B xếp cuối với …; trung bình cả nước …."
    fn extremes(&self, o: &Oracle, p: &mut Page, s: &str) {
        let lang = p.lang;
        let pat = self.pat(lang);
        let Some(c) = pat.extremes.captures(s) else {
            return p.say(s, "not a ranking sentence this checker can read");
        };
        let Some(e) = o.edition(&c["ed"], lang) else {
            return p.say(s, format!("no edition is labelled `{}`", &c["ed"]));
        };
        let Some((pe, i)) = Self::subject(o, p) else {
            return;
        };
        if pe != e {
            return p.say(s, "speaks of another edition than the page's");
        }
        let figs = o.figs(e, i);
        let of = o.ds.editions[e].units.len();
        let complete = o.complete(e, i);
        let mut body: &str = &c["body"];
        while !body.is_empty() {
            let end = if let Some(m) = pat.leader.captures(body) {
                if !complete {
                    p.say(
                        s,
                        "names a leader by value, but not every unit has a published value",
                    );
                } else {
                    self.tie(o, p, s, &m, e, lang, o.extreme(&figs, true));
                }
                m.get(0).map_or(0, |x| x.end())
            } else if let Some(m) = pat.leader_rank.captures(body) {
                let want = o.officially(e, i, 1);
                let value = figs
                    .iter()
                    .find(|f| want.contains(&f.unit))
                    .and_then(|f| f.value.map(|v| (o.key(v), f.value_derived)));
                if want.is_empty() || names(o, &m["n"], e, lang) != Names::Units(want) {
                    p.say(s, "the leader named is not the unit(s) officially ranked 1");
                }
                if let Some(v) = m.name("v")
                    && value != Some((o.key(number(v.as_str(), lang)), m.name("d").is_some()))
                {
                    p.say(s, "the official leader's value differs");
                }
                m.get(0).map_or(0, |x| x.end())
            } else if let Some(m) = pat.last.captures(body) {
                if !complete {
                    p.say(
                        s,
                        "names the last unit by value, but not every unit has a published value",
                    );
                } else {
                    self.tie(o, p, s, &m, e, lang, o.extreme(&figs, false));
                }
                m.get(0).map_or(0, |x| x.end())
            } else if let Some(m) = pat.last_rank.captures(body) {
                let r: u32 = m["r"].parse().unwrap_or(0);
                let want = o.officially(e, i, r);
                let n = want.len();
                if m["of"].parse::<usize>().ok() != Some(of)
                    || want.is_empty()
                    || r as usize + n - 1 != of
                    || names(o, &m["n"], e, lang) != Names::Units(want)
                {
                    p.say(
                        s,
                        format!("no unit is officially ranked last ({r} of {of}) as named"),
                    );
                }
                m.get(0).map_or(0, |x| x.end())
            } else if let Some(m) = pat.among.captures(body) {
                let published: Vec<Fig> = figs
                    .iter()
                    .copied()
                    .filter(|f| f.value.is_some() && !f.value_derived)
                    .collect();
                if m["c"].parse::<usize>().ok() != Some(published.len())
                    || m["of"].parse::<usize>().ok() != Some(of)
                {
                    p.say(
                        s,
                        format!("{} of {of} units have published values", published.len()),
                    );
                }
                for (n, v, highest) in [("hn", "hv", true), ("ln", "lv", false)] {
                    let want = o.extreme(&published, highest);
                    let ok = want.as_ref().is_some_and(|(units, value)| {
                        let named = match names(o, &m[n], e, lang) {
                            Names::Units(u) => u == *units,
                            Names::Count(c) => c == units.len(),
                            Names::Unknown(_) => false,
                        };
                        named && o.key(*value) == o.key(number(&m[v], lang))
                    });
                    if !ok {
                        p.say(s, "the highest or lowest published value is not as named");
                    }
                }
                m.get(0).map_or(0, |x| x.end())
            } else if pat.no_values.is_match(body) {
                if figs.iter().any(|f| f.value.is_some() && !f.value_derived) {
                    p.say(s, "says no values were published, but some were");
                }
                body.len()
            } else {
                return p.say(s, format!("cannot read the claim `{body}`"));
            };
            if end == 0 {
                break;
            }
            body = &body[end..];
        }
        if let Some(mean) = c.name("mean") {
            self.mean(
                o,
                p,
                s,
                e,
                i,
                number(mean.as_str(), lang),
                c.name("mpub").is_some(),
            );
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn tie(
        &self,
        o: &Oracle,
        p: &mut Page,
        s: &str,
        m: &Captures,
        e: EditionId,
        lang: Lang,
        want: Option<(BTreeSet<UnitId>, f64)>,
    ) {
        let Some((units, v)) = want else {
            return p.say(s, "no unit has a value");
        };
        let said = names(o, &m["n"], e, lang);
        let ok_names = match &said {
            Names::Units(u) => *u == units,
            Names::Count(n) => *n == units.len(),
            Names::Unknown(_) => false,
        };
        if !ok_names {
            p.say(
                s,
                format!("the units at that end are {}", describe(o, &units, e, lang)),
            );
        }
        if o.key(number(&m["v"], lang)) != o.key(v) {
            p.say(s, "the value at that end differs");
        }
        if m.name("tie").is_some() != (units.len() > 1) {
            p.say(
                s,
                "a tie is worded as a single unit, or a single unit as a tie",
            );
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn mean(
        &self,
        o: &Oracle,
        p: &mut Page,
        s: &str,
        e: EditionId,
        i: IndicatorId,
        said: f64,
        said_published: bool,
    ) {
        match o.stat(e, i, Statistic::Mean) {
            Some((m, published)) if o.key(m) == o.key(said) && published == said_published => {}
            Some((m, published)) => p.say(
                s,
                format!(
                    "the mean is {m:.4}{}",
                    if published {
                        " (published)"
                    } else {
                        " (computed)"
                    }
                ),
            ),
            None => p.say(s, "no mean can be computed or was published"),
        }
    }

    /// "Cao nhất: A (v). Thấp nhất: B (w)." and their among-published and published forms.
    fn map(&self, o: &Oracle, p: &mut Page, s: &str) {
        let lang = p.lang;
        let pat = self.pat(lang);
        let (e, i) = match p.kind {
            PageKind::Ranking(e) => (e, o.ds.root_indicator()),
            PageKind::IndicatorRanking(e, i) => (e, i),
            PageKind::Home => match featured(o, s, lang) {
                Some(e) => (e, o.ds.root_indicator()),
                None => return,
            },
            _ => return,
        };
        let figs = o.figs(e, i);
        let high = |w: &str| matches!(w, "Cao nhất" | "Highest");
        let mut read = 0;
        for c in pat.map_all.captures_iter(s) {
            read += 1;
            if !o.complete(e, i) {
                p.say(
                    s,
                    "names the highest or lowest of all, but not every unit has a published value",
                );
                continue;
            }
            let want = o.extreme(&figs, high(&c["w"]));
            self.check_named(o, p, s, &c, e, lang, want);
        }
        for c in pat.map_among.captures_iter(s) {
            read += 1;
            let published: Vec<Fig> = figs
                .iter()
                .copied()
                .filter(|f| f.value.is_some() && !f.value_derived)
                .collect();
            if c["c"].parse::<usize>().ok() != Some(published.len()) {
                p.say(
                    s,
                    format!("{} units have published values", published.len()),
                );
            }
            let want = o.extreme(&published, high(&c["w"]));
            self.check_named(o, p, s, &c, e, lang, want);
        }
        for c in pat.map_published.captures_iter(s) {
            read += 1;
            let stat = if high(&c["w"]) {
                Statistic::Max
            } else {
                Statistic::Min
            };
            let published =
                o.ds.published
                    .iter()
                    .find(|x| x.edition == e && x.indicator == i && x.statistic == stat);
            if published.is_none_or(|x| o.key(x.value) != o.key(number(&c["v"], lang))) {
                p.say(s, format!("no such published {stat}"));
            }
        }
        if pat.map_words.find_iter(s).count() != read {
            p.say(s, "holds a highest/lowest claim this checker cannot read");
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn check_named(
        &self,
        o: &Oracle,
        p: &mut Page,
        s: &str,
        c: &Captures,
        e: EditionId,
        lang: Lang,
        want: Option<(BTreeSet<UnitId>, f64)>,
    ) {
        let Some((units, v)) = want else {
            return p.say(s, "no unit has a value");
        };
        let ok = match names(o, &c["n"], e, lang) {
            Names::Units(u) => u == units,
            Names::Count(n) => n == units.len(),
            Names::Unknown(_) => false,
        };
        if !ok || o.key(number(&c["v"], lang)) != o.key(v) {
            p.say(
                s,
                format!("the data gives {} ({v:.4})", describe(o, &units, e, lang)),
            );
        }
    }

    /// The unit a profile page is about.
    fn unit(p: &Page) -> Option<UnitId> {
        match p.kind {
            PageKind::Province(u) | PageKind::ProvinceEdition(u, _) => Some(u),
            _ => None,
        }
    }

    fn value_history(&self, o: &Oracle, p: &mut Page, s: &str) {
        let lang = p.lang;
        let pat = self.pat(lang);
        let Some(u) = Self::unit(p) else { return };
        let i = o.ds.root_indicator();
        if let Some(c) = pat.value_history.captures(s) {
            let value = |x: Fig| x.value.map(|v| (v, x.value_derived));
            self.moved(o, p, s, &c, u, i, lang, &value);
            if let Some(rank) = c.name("rank") {
                self.rank_clause(o, p, s, rank.as_str(), u, i);
            }
            self.mean_in(o, p, s, &c, i);
        } else if let Some(c) = pat.value_once.captures(s) {
            match o
                .edition(&c["ea"], lang)
                .and_then(|e| o.fig(e, i, u).map(|f| (e, f)))
            {
                Some((_, f))
                    if f.value
                        .is_some_and(|v| o.key(v) == o.key(number(&c["a"], lang)))
                        && f.value_derived == c.name("ad").is_some() => {}
                _ => p.say(s, "the value or its provenance differs"),
            }
            self.mean_in(o, p, s, &c, i);
        } else if s.contains(char::is_numeric) {
            p.say(s, "not a value-history sentence this checker can read");
        }
    }

    fn rank_history(&self, o: &Oracle, p: &mut Page, s: &str) {
        let lang = p.lang;
        let pat = self.pat(lang);
        let Some(u) = Self::unit(p) else { return };
        let i = o.ds.root_indicator();
        if let Some(c) = pat.rank_history.captures(s) {
            self.rank_clause(o, p, s, &c["rank"], u, i);
        } else if let Some(c) = pat.rank_once.captures(s) {
            let e = o.edition(&c["e"], lang);
            let r = e.and_then(|e| o.rank(e, i, u));
            if r != Some((c["r"].parse().unwrap_or(0), c.name("d").is_some())) {
                p.say(s, "the rank or its provenance differs");
            }
        } else if s.contains(char::is_numeric) {
            p.say(s, "not a rank-history sentence this checker can read");
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn rank_clause(
        &self,
        o: &Oracle,
        p: &mut Page,
        s: &str,
        clause: &str,
        u: UnitId,
        i: IndicatorId,
    ) {
        let lang = p.lang;
        let Some(c) = self.pat(lang).rank_clause.captures(clause) else {
            return p.say(s, format!("cannot read the rank claim `{clause}`"));
        };
        // Ranks: competition ranks of complete tables, else published ones.
        let get = |e: EditionId| o.rank(e, i, u).map(|(r, d)| (f64::from(r), d));
        self.moved_by(o, p, s, &c, lang, &get, true);
    }

    #[allow(clippy::too_many_arguments)]
    fn moved(
        &self,
        o: &Oracle,
        p: &mut Page,
        s: &str,
        c: &Captures,
        u: UnitId,
        i: IndicatorId,
        lang: Lang,
        value: &dyn Fn(Fig) -> Option<(f64, bool)>,
    ) {
        let get = |e: EditionId| o.fig(e, i, u).and_then(value);
        self.moved_by(o, p, s, c, lang, &get, false);
    }

    /// A from–to claim: both editions exist and hold one unit set, both figures and their
    /// provenance match, the direction is right, and a change of method is said iff there is one.
    #[allow(clippy::too_many_arguments)]
    fn moved_by(
        &self,
        o: &Oracle,
        p: &mut Page,
        s: &str,
        c: &Captures,
        lang: Lang,
        get: &dyn Fn(EditionId) -> Option<(f64, bool)>,
        ranks: bool,
    ) {
        let parse = |t: &str| {
            if ranks {
                t.parse().unwrap_or(f64::NAN)
            } else {
                number(t, lang)
            }
        };
        let same = |a: f64, b: f64| if ranks { a == b } else { o.key(a) == o.key(b) };
        let ends = if c.name("ea").is_some() {
            [
                (&c["ea"], parse(&c["a"]), c.name("ad").is_some()),
                (&c["eb"], parse(&c["b"]), c.name("bd").is_some()),
            ]
        } else {
            let d = c.name("sd").is_some();
            [(&c["sa"], f64::NAN, d), (&c["sb"], parse(&c["s"]), d)]
        };
        let (Some(ea), Some(eb)) = (o.edition(ends[0].0, lang), o.edition(ends[1].0, lang)) else {
            return p.say(s, "names an edition that does not exist");
        };
        if !o.same_set(ea, eb) {
            return p.say(s, "compares figures of two different unit sets");
        }
        let (Some(a), Some(b)) = (get(ea), get(eb)) else {
            return p.say(s, "one end has no figure in the data");
        };
        let stayed = c.name("ea").is_none();
        if stayed {
            if !same(a.0, b.0) || !same(b.0, ends[1].1) {
                p.say(s, "says unchanged, but the figures differ");
            }
            if ends[1].2 != (a.1 || b.1) {
                p.say(
                    s,
                    "rests on a derived figure without saying so, or says so wrongly",
                );
            }
        } else {
            if !same(a.0, ends[0].1) || !same(b.0, ends[1].1) {
                p.say(s, format!("the data gives {} and {}", a.0, b.0));
            }
            if (a.1, b.1) != (ends[0].2, ends[1].2) {
                p.say(
                    s,
                    "a derived figure is not marked as derived, or an official one is",
                );
            }
            let up = c.name("dir").map(|d| d.as_str());
            let rose = b.0 > a.0;
            let said_up = matches!(up, Some("tăng" | "rose" | "lên" | "up"));
            // Ranks: a smaller number is "up".
            if !same(a.0, b.0) && said_up != (rose != ranks) {
                p.say(s, "the direction of the change is wrong");
            }
        }
        let (m1, m2) = (&o.ds.editions[ea].method, &o.ds.editions[eb].method);
        let crosses = !m1.is_empty() && !m2.is_empty() && m1 != m2;
        match c.name("method") {
            Some(_) if !crosses => p.say(s, "says the method changed, but it did not"),
            Some(_) if (&c["m1"], &c["m2"]) != (m1.as_str(), m2.as_str()) => {
                p.say(s, format!("the methods are {m1} and {m2}"))
            }
            None if crosses => p.say(
                s,
                format!("crosses a change of method ({m1} → {m2}) without saying so"),
            ),
            _ => {}
        }
    }

    fn mean_in(&self, o: &Oracle, p: &mut Page, s: &str, c: &Captures, i: IndicatorId) {
        if let (Some(me), Some(mv)) = (c.name("me"), c.name("mv")) {
            match o.edition(me.as_str(), p.lang) {
                Some(e) => self.mean(
                    o,
                    p,
                    s,
                    e,
                    i,
                    number(mv.as_str(), p.lang),
                    c.name("mpub").is_some(),
                ),
                None => p.say(s, "the mean names no edition"),
            }
        }
    }

    fn distribution(&self, o: &Oracle, p: &mut Page, s: &str) {
        let lang = p.lang;
        let pat = self.pat(lang);
        let PageKind::Indicator(i) = p.kind else {
            return;
        };
        let Some(c) = pat.median.captures(s) else {
            if s.contains(char::is_numeric) {
                p.say(s, "not a distribution sentence this checker can read");
            }
            return;
        };
        let median = |e: EditionId| {
            o.complete(e, i)
                .then(|| o.stat(e, i, Statistic::Median).map(|m| (m.0, false)))
                .flatten()
        };
        let last = if c.name("ea").is_some() {
            self.moved_by(o, p, s, &c, lang, &median, false);
            o.edition(&c["eb"], lang)
        } else {
            let e = o.edition(&c["eo"], lang);
            if e.and_then(median)
                .is_none_or(|m| o.key(m.0) != o.key(number(&c["o"], lang)))
            {
                p.say(s, "the median differs");
            }
            e
        };
        let er = o.edition(&c["er"], lang);
        let range = er.and_then(|e| {
            Some((
                o.stat(e, i, Statistic::Min)?.0,
                o.stat(e, i, Statistic::Max)?.0,
            ))
        });
        if range.is_none_or(|(lo, hi)| {
            o.key(lo) != o.key(number(&c["lo"], lang)) || o.key(hi) != o.key(number(&c["hi"], lang))
        }) {
            p.say(s, "the range differs");
        }
        for other in pat.other_set.captures_iter(s) {
            let e = o.edition(&other["e"], lang);
            if e.is_none_or(|e| last.is_some_and(|l| o.same_set(e, l))) {
                p.say(s, "an edition said to be of another unit set is not");
            }
            if e.and_then(median)
                .is_none_or(|m| o.key(m.0) != o.key(number(&other["v"], lang)))
            {
                p.say(s, "the median of the other unit set differs");
            }
        }
    }

    /// A ranking card's leader line, with the value it shows.
    fn card(&self, o: &Oracle, p: &mut Page, card: &Card) {
        let lang = card.lang;
        let pat = self.pat(lang);
        let s = card.value_label.as_str();
        let Some(e) = o.ds.edition_ids().find(|&e| {
            let ed = &o.ds.editions[e];
            &card.edition
                == if lang == Lang::Vi {
                    &ed.label
                } else {
                    &ed.label_en
                }
        }) else {
            return;
        };
        let i = o.ds.root_indicator();
        let figs = o.figs(e, i);
        if let Some(c) = pat.card_leader.captures(s) {
            let (want, value) = if o.complete(e, i) {
                match o.extreme(&figs, true) {
                    Some((u, v)) => (u, Some(v)),
                    None => return p.say(s, "no unit has a value"),
                }
            } else {
                let u = o.officially(e, i, 1);
                let v = figs
                    .iter()
                    .find(|f| u.contains(&f.unit))
                    .and_then(|f| f.value)
                    .filter(|_| u.len() == 1);
                (u, v)
            };
            let ok = match names(o, &c["n"], e, lang) {
                Names::Units(u) => u == want,
                Names::Count(n) => n == want.len(),
                Names::Unknown(_) => false,
            };
            if want.is_empty() || !ok || card.value.map(|v| o.key(v)) != value.map(|v| o.key(v)) {
                p.say(s, format!("the leader is {}", describe(o, &want, e, lang)));
            }
        } else if let Some(c) = pat.card_among.captures(s) {
            let published: Vec<Fig> = figs
                .iter()
                .copied()
                .filter(|f| f.value.is_some() && !f.value_derived)
                .collect();
            let want = o.extreme(&published, true);
            let ok = c["c"].parse::<usize>().ok() == Some(published.len())
                && want.as_ref().is_some_and(|(u, v)| {
                    names(o, &c["n"], e, lang) == Names::Units(u.clone())
                        && card.value.map(|x| o.key(x)) == Some(o.key(*v))
                });
            if !ok {
                p.say(s, "the highest published value is not as shown");
            }
        } else if lang == Lang::Vi && (s.contains("Dẫn đầu") || s.contains("Cao nhất")) {
            p.say(s, "a card claim this checker cannot read");
        }
    }
}

/// The featured edition of a home page map, from the map's title in its description.
fn featured(o: &Oracle, s: &str, lang: Lang) -> Option<EditionId> {
    o.ds.edition_ids().rev().find(|&e| {
        let ed = &o.ds.editions[e];
        s.contains(if lang == Lang::Vi {
            &ed.label
        } else {
            &ed.label_en
        })
    })
}

fn describe(o: &Oracle, units: &BTreeSet<UnitId>, e: EditionId, lang: Lang) -> String {
    let names: Vec<String> = units
        .iter()
        .map(|&u| {
            let p = o.ds.period_in(u, e);
            if lang == Lang::Vi {
                p.name.clone()
            } else {
                p.name_en.clone()
            }
        })
        .collect();
    names.join(", ")
}

/// The standing claims read back: a unit against the mean (`vi-tri`), a unit's main indicators
/// (`chi-so-chinh`, `radar`) and the largest rank moves (`bien-dong`).
struct StandingGrammar {
    vi: [Regex; 6],
    en: [Regex; 6],
}

impl StandingGrammar {
    fn new() -> StandingGrammar {
        let r = |s: String| Regex::new(&s).expect("valid pattern");
        let vi = {
            let v = V_VI;
            [
                r(format!(r"^Năm (?P<ed>.+?), (?P<m>[^,]+) của (?P<u>.+?) là (?P<v>{v})(?P<d> \(suy ra\))?, (?P<side>cao hơn|bằng|thấp hơn) trung bình cả nước \((?P<mean>{v})(?P<mpub> \(số liệu công bố\))?\)\.(?: (?P<n>[\d.]+) giá trị trải từ (?P<lo>{v}) đến (?P<hi>{v})\.)?$")),
                r(format!(r"^(?P<u>.+?) \((?P<ed>[^()]+)\)(?: cao hơn trung bình cả nước ở (?P<a>\d+)/(?P<c>\d+) chỉ số|: chưa có chỉ số nào để so với trung bình cả nước)(?:; cao nhất: (?P<hn>.+?) \((?P<hv>{v})\), thấp nhất: (?P<ln>.+?) \((?P<lv>{v})\))?\.$")),
                r(r"^Từ (?P<ea>.+?) đến (?P<eb>.+?)(?P<method> \(qua thay đổi phương pháp đánh giá: Quyết định (?P<m1>[^ ]+) → Quyết định (?P<m2>[^)]+)\))?: (?P<body>.+)\.$".into()),
                r(r"^(?P<n>.+?) (?P<dir>tăng|giảm) nhiều nhất \((?P<p>[+−]?\d+) hạng, từ (?P<a>\d+) (?:lên|xuống) (?P<b>\d+)\)$".into()),
                r(r"^(?P<n>.+?) cùng (?P<dir>tăng|giảm) nhiều nhất \((?P<p>[+−]?\d+) hạng\)$".into()),
                r(r"^không đơn vị nào đổi hạng$".into()),
            ]
        };
        let en = {
            let v = V_EN;
            [
                r(format!(r"^In (?P<ed>.+?), (?P<u>[^,]+?)'s (?P<m>.+?) was (?P<v>{v})(?P<d> \(derived\))?, (?P<side>above|equal to|below) the national mean \((?P<mean>{v})(?P<mpub> \(published figure\))?\)\.(?: (?P<n>[\d,]+) values range from (?P<lo>{v}) to (?P<hi>{v})\.)?$")),
                r(format!(r"^(?P<u>.+?) \((?P<ed>[^()]+)\)(?: was above the national mean on (?P<a>\d+) of (?P<c>\d+) indicators?|: no indicator to compare with the national mean)(?:; highest: (?P<hn>.+?) \((?P<hv>{v})\), lowest: (?P<ln>.+?) \((?P<lv>{v})\))?\.$")),
                r(r"^From (?P<ea>.+?) to (?P<eb>.+?)(?P<method> \(across a change of assessment method: Decision (?P<m1>[^ ]+) → Decision (?P<m2>[^)]+)\))?: (?P<body>.+)\.$".into()),
                r(r"^(?P<n>.+?) (?P<dir>rose|fell) most \((?P<p>[+−]?\d+) places?, from (?P<a>\d+) to (?P<b>\d+)\)$".into()),
                r(r"^(?P<n>.+?) shared the largest (?P<dir>rise|fall) \((?P<p>[+−]?\d+) places?\)$".into()),
                r(r"^no unit changed rank$".into()),
            ]
        };
        StandingGrammar { vi, en }
    }

    fn pat(&self, lang: Lang) -> &[Regex; 6] {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }

    /// "Năm 2023, DTI của Ninh Thuận là 0,6552, thấp hơn trung bình cả nước (0,6783). 63 giá
    /// trị trải từ 0,5208 đến 0,8340."
    fn standing(&self, o: &Oracle, g: &Grammar, p: &mut Page, s: &str) {
        let lang = p.lang;
        let PageKind::ProvinceEdition(u, pe) = p.kind else {
            return;
        };
        let i = o.ds.root_indicator();
        let Some(c) = self.pat(lang)[0].captures(s) else {
            if !s.is_empty() {
                p.say(s, "not a standing sentence this checker can read");
            }
            return;
        };
        if o.edition(&c["ed"], lang) != Some(pe) {
            return p.say(s, "speaks of another edition than the page's");
        }
        if !o.named(&c["u"], u, pe, lang) {
            return p.say(s, "names another unit than the page's");
        }
        let said = number(&c["v"], lang);
        let Some(f) = o.fig(pe, i, u).filter(|f| f.value.is_some()) else {
            return p.say(s, "the unit has no value");
        };
        let v = f.value.unwrap_or_default();
        if o.key(v) != o.key(said) || f.value_derived != c.name("d").is_some() {
            p.say(s, "the value or its provenance differs");
        }
        let mean = number(&c["mean"], lang);
        g.mean(o, p, s, pe, i, mean, c.name("mpub").is_some());
        if let Some((m, _)) = o.stat(pe, i, Statistic::Mean) {
            let side = match o.key(v).cmp(&o.key(m)) {
                std::cmp::Ordering::Greater => ["cao hơn", "above"],
                std::cmp::Ordering::Equal => ["bằng", "equal to"],
                std::cmp::Ordering::Less => ["thấp hơn", "below"],
            };
            if !side.contains(&&c["side"]) {
                p.say(s, "the side of the mean is wrong");
            }
        }
        if let Some(n) = c.name("n") {
            let ok = o.complete(pe, i)
                && number(n.as_str(), lang) as usize == o.values(pe, i).len()
                && o.stat(pe, i, Statistic::Min)
                    .is_some_and(|x| o.key(x.0) == o.key(number(&c["lo"], lang)))
                && o.stat(pe, i, Statistic::Max)
                    .is_some_and(|x| o.key(x.0) == o.key(number(&c["hi"], lang)));
            if !ok {
                p.say(s, "the range or the count of values differs");
            }
        }
    }

    /// "Ninh Thuận (2023) cao hơn trung bình cả nước ở 1/4 chỉ số; cao nhất: Hạ tầng (0,7012),
    /// thấp nhất: Kinh tế (0,3120)."
    fn profile(&self, o: &Oracle, p: &mut Page, s: &str) {
        let lang = p.lang;
        let (PageKind::Province(u) | PageKind::ProvinceEdition(u, _)) = p.kind else {
            return;
        };
        let Some(c) = self.pat(lang)[1].captures(s) else {
            return p.say(s, "not an indicator-profile sentence this checker can read");
        };
        let Some(e) = o.edition(&c["ed"], lang) else {
            return p.say(s, "names an edition that does not exist");
        };
        if !o.named(&c["u"], u, e, lang) {
            return p.say(s, "names another unit than the page's");
        }
        let main: Vec<(IndicatorId, f64)> =
            o.ds.indicator_ids()
                .filter(|&i| o.ds.indicators[i].kind == crate::model::IndicatorKind::Main)
                .filter_map(|i| Some((i, o.fig(e, i, u)?.value?)))
                .collect();
        let means: Vec<(f64, f64)> = main
            .iter()
            .filter(|x| o.complete(e, x.0))
            .filter_map(|&(i, v)| Some((v, o.stat(e, i, Statistic::Mean)?.0)))
            .collect();
        let above = means.iter().filter(|(v, m)| o.key(*v) > o.key(*m)).count();
        match (c.name("a"), c.name("c")) {
            (Some(a), Some(n)) => {
                if a.as_str().parse() != Ok(above) || n.as_str().parse() != Ok(means.len()) {
                    p.say(
                        s,
                        format!("{above} of {} indicators are above their mean", means.len()),
                    );
                }
            }
            _ if !means.is_empty() => p.say(s, "says no indicator can be compared, but some can"),
            _ => {}
        }
        let short = |i: IndicatorId| {
            let ind = &o.ds.indicators[i];
            if lang == Lang::Vi {
                ind.short.clone()
            } else {
                ind.short_en.clone()
            }
        };
        for (n, v, highest) in [("hn", "hv", true), ("ln", "lv", false)] {
            let Some(named) = c.name(n) else {
                if main.len() >= 2 {
                    p.say(s, "does not name the highest and lowest indicators");
                }
                break;
            };
            let keys = main.iter().map(|x| o.key(x.1));
            let target = if highest { keys.max() } else { keys.min() };
            let want: BTreeSet<String> = main
                .iter()
                .filter(|x| Some(o.key(x.1)) == target)
                .map(|x| short(x.0))
                .collect();
            let last_sep = if lang == Lang::Vi { " và " } else { " and " };
            let (head, last) = named
                .as_str()
                .rsplit_once(last_sep)
                .unwrap_or(("", named.as_str()));
            let said: BTreeSet<String> = head
                .split(", ")
                .filter(|x| !x.is_empty())
                .chain([last])
                .map(str::to_owned)
                .collect();
            if said != want || target != Some(o.key(number(&c[v], lang))) {
                p.say(s, "the highest or lowest indicator is not as named");
            }
        }
    }

    /// "Từ 2023 đến 2024, 63 tỉnh: Ninh Thuận tăng nhiều nhất (+13 hạng, từ 48 lên 35); …."
    fn movers(&self, o: &Oracle, _g: &Grammar, p: &mut Page, s: &str) {
        let lang = p.lang;
        if p.kind != PageKind::Home {
            return;
        }
        let pat = self.pat(lang);
        let Some(c) = pat[2].captures(s) else {
            return p.say(s, "not a rank-moves sentence this checker can read");
        };
        let (Some(ea), Some(eb)) = (o.edition(&c["ea"], lang), o.edition(&c["eb"], lang)) else {
            return p.say(s, "names an edition that does not exist");
        };
        let i = o.ds.root_indicator();
        if !o.same_set(ea, eb) || !o.complete(ea, i) || !o.complete(eb, i) {
            return p.say(
                s,
                "compares ranks that are not both complete in one unit set",
            );
        }
        let (m1, m2) = (&o.ds.editions[ea].method, &o.ds.editions[eb].method);
        let crosses = !m1.is_empty() && !m2.is_empty() && m1 != m2;
        if c.name("method").is_some() != crosses {
            p.say(s, "says a change of method wrongly, or omits it");
        }
        let moves: Vec<(UnitId, i64, u32, u32)> = o.ds.editions[eb]
            .units
            .iter()
            .filter_map(|&u| {
                let (a, _) = o.rank(ea, i, u)?;
                let (b, _) = o.rank(eb, i, u)?;
                Some((u, i64::from(a) - i64::from(b), a, b))
            })
            .collect();
        let up = moves.iter().map(|m| m.1).filter(|&d| d > 0).max();
        let down = moves.iter().map(|m| m.1).filter(|&d| d < 0).min();
        let mut said_up = false;
        let mut said_down = false;
        for part in c["body"].split("; ") {
            let (m, tie) = match (pat[3].captures(part), pat[4].captures(part)) {
                (Some(m), _) => (m, false),
                (None, Some(m)) => (m, true),
                (None, None) => {
                    if pat[5].is_match(part) {
                        if up.is_some() || down.is_some() {
                            p.say(s, "says no unit changed rank, but some did");
                        }
                    } else {
                        p.say(s, format!("cannot read the claim `{part}`"));
                    }
                    continue;
                }
            };
            let rose = matches!(&m["dir"], "tăng" | "rose" | "rise");
            let target = if rose { up } else { down };
            if rose {
                said_up = true
            } else {
                said_down = true
            }
            let delta: i64 = m["p"]
                .replace('−', "-")
                .replace('+', "")
                .parse()
                .unwrap_or(0);
            let want: BTreeSet<UnitId> = moves
                .iter()
                .filter(|x| Some(x.1) == target)
                .map(|x| x.0)
                .collect();
            let named_ok = match names(o, &m["n"], eb, lang) {
                Names::Units(us) => us == want,
                Names::Count(n) => n == want.len(),
                Names::Unknown(_) => false,
            };
            let ends_ok = tie
                || moves.iter().any(|x| {
                    want.contains(&x.0) && m["a"].parse() == Ok(x.2) && m["b"].parse() == Ok(x.3)
                });
            if Some(delta) != target || !named_ok || !ends_ok || tie != (want.len() > 1) {
                p.say(
                    s,
                    format!(
                        "the largest {} is {} ({target:?})",
                        if rose { "rise" } else { "fall" },
                        describe(o, &want, eb, lang)
                    ),
                );
            }
        }
        if said_up != up.is_some() || said_down != down.is_some() {
            p.say(
                s,
                "omits the largest rise or fall, or states one that did not happen",
            );
        }
    }
}
