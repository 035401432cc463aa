//! What the pages draw, checked against the data: the shapes and labels of the ranking charts
//! and the maps, and the share card's text. Like [`super::generated`], it shares nothing with
//! the code that draws: it reads the built HTML back ([`super::html`], html5ever) and compares
//! every drawn figure with the observations through the same oracle ([`super::generated`]'s
//! `Oracle`), with its own patterns for the published wording, per language ([`Words`]).
//!
//! - Ranking chart (`xep-hang`): each bar's unit, rank and rank mark, its value label and value
//!   mark, its length against the axis, the bar drawn `derived` exactly for derived values; the
//!   mean line where the mean is and said published exactly when it is; the legend's derived
//!   entry exactly when a derived bar is drawn.
//! - Map (`choropleth`): each unit's tooltip (name, value, derived mark or "no data"), its colour
//!   the legend class its value falls in, the hatch over exactly the units coloured by a derived
//!   value, the legend's hatch entry, the caption's list of derived values and of units without
//!   data.
//! - Value and rank history charts (`gia-tri`, `thu-hang`): each point's edition, figure,
//!   provenance (`data-source`, the `derived` class) and label.
//! - Share card (`og:image:alt`, every line the card draws): on a unit's edition page its
//!   value, rank, rank change (direction, places, the edition it is counted from, within one unit
//!   set) and their marks († derived, § official change, ‡ across a change of method), and the
//!   marks' legend (each mark shown explained, no other); on a ranking page the leader and value.
//! - Compare page: its tables shown without JavaScript (value, rank and marks per cell) and the
//!   data its chart is drawn from (figures, ranks, marks, edition labels, sizes and years, and
//!   unit sets kept apart: the chart joins the points of one set only).

use std::collections::BTreeSet;

use super::generated::{Oracle, number};
use super::html::{Doc, El};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::model::{EditionId, IndicatorId, Statistic, UnitId};
use crate::plan::PageKind;
use crate::site::Site;
use crate::text::Lang;

/// The published wording this checker reads, per language. Written here, not read from the
/// theme, so that a changed phrase is a finding, not a new truth.
struct Words {
    no_data: &'static str,
    derived_map_legend: &'static str,
    derived_chart_legend: &'static str,
    published_mean_legend: &'static str,
    mean_legend: &'static str,
    derived_note: &'static str,
    no_data_note: &'static str,
    and: &'static str,
    top: &'static str,
    /// The card's rank line, its change line (moved or kept), each ending in its marks.
    card_rank: &'static str,
    card_moved: &'static str,
    card_same: &'static str,
}

/// The marks a figure may carry: derived, published aggregate, official (published) change,
/// across a change of method.
const MARKS: [char; 4] = ['†', '*', '§', '‡'];

const VI: Words = Words {
    no_data: "Không có số liệu",
    derived_map_legend: "Giá trị suy ra (gạch chéo)",
    derived_chart_legend: "Giá trị suy ra †",
    published_mean_legend: "Trung bình cả nước (số liệu công bố) *",
    mean_legend: "Trung bình cả nước",
    derived_note: "Tô màu theo giá trị suy ra, không phải số liệu chính thức (gạch chéo trên bản đồ): ",
    no_data_note: "Không có số liệu: ",
    and: " và ",
    top: "Dẫn đầu: ",
    card_rank: r"^Hạng (?P<r>[\d.]+)/(?P<of>[\d.]+)(?P<m>(?: [†*§‡])*)$",
    card_moved: r"^(?P<d>[▲▼]) (?P<n>[\d.]+) bậc so với (?P<since>.+?)(?P<m>(?: [†*§‡])*)$",
    card_same: r"^Giữ nguyên hạng so với (?P<since>.+?)(?P<m>(?: [†*§‡])*)$",
};

const EN: Words = Words {
    no_data: "No data",
    derived_map_legend: "Derived value (hatched)",
    derived_chart_legend: "Derived value †",
    published_mean_legend: "National mean (published figure) *",
    mean_legend: "National mean",
    derived_note: "Coloured by a derived value, not an official figure (hatched on the map): ",
    no_data_note: "No data: ",
    and: " and ",
    top: "Top: ",
    card_rank: r"^Rank (?P<r>[\d,]+) of (?P<of>[\d,]+)(?P<m>(?: [†*§‡])*)$",
    card_moved: r"^(?P<d>[▲▼]) (?P<n>[\d,]+) places? since (?P<since>.+?)(?P<m>(?: [†*§‡])*)$",
    card_same: r"^Same rank as in (?P<since>.+?)(?P<m>(?: [†*§‡])*)$",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

/// One page's findings.
struct Page<'a> {
    lang: Lang,
    kind: PageKind,
    w: &'static Words,
    o: &'a Oracle<'a>,
    problems: Vec<String>,
}

impl Page<'_> {
    fn say(&mut self, what: &str, why: impl Into<String>) {
        self.problems.push(format!("{what}: {}", why.into()));
    }

    fn name(&self, u: UnitId, e: EditionId) -> String {
        let p = self.o.ds.period_in(u, e);
        if self.lang == Lang::Vi {
            p.name.clone()
        } else {
            p.name_en.clone()
        }
    }

    fn decimal(&self, v: f64) -> String {
        crate::text::decimal(v, self.o.ds.precision as usize, self.lang)
    }

    /// "0,2849" or "0,2849 †" for a value read back, against the data.
    fn same_value(&self, said: &str, value: f64, derived: bool) -> bool {
        let (num, marked) = match said.strip_suffix(" †") {
            Some(n) => (n, true),
            None => (said, false),
        };
        marked == derived && self.o.key(number(num.trim(), self.lang)) == self.o.key(value)
    }
}

/// Checks what every page draws; returns how many drawn figures were compared.
pub fn check(site: &Site, files: &[(String, Vec<u8>)], diags: &mut Diagnostics) -> usize {
    let o = Oracle { ds: &site.dataset };
    let mut checked = 0;
    for page in &site.plan.pages {
        let file = page.file();
        let Some(bytes) = super::file(files, &file) else {
            continue;
        };
        let html = String::from_utf8_lossy(bytes);
        // Only pages that draw what is checked here are read.
        if !html.contains("<svg")
            && !html.contains("og:image:alt")
            && page.kind != PageKind::Compare
        {
            continue;
        }
        let doc = super::html::read(&html);
        let mut p = Page {
            lang: page.lang,
            kind: page.kind,
            w: words(page.lang),
            o: &o,
            problems: Vec::new(),
        };
        for svg in doc.els.iter().filter(|e| e.name == "svg") {
            let labelled = svg.attr("aria-labelledby").unwrap_or("");
            if svg.has_class("choropleth") {
                checked += map(&doc, svg, &mut p);
            } else if labelled.starts_with("xep-hang-title") {
                checked += ranking_chart(&doc, svg, &mut p);
            } else if labelled.starts_with("gia-tri-title") {
                checked += history_points(&doc, svg, &mut p, false);
            } else if labelled.starts_with("thu-hang-title") {
                checked += history_points(&doc, svg, &mut p, true);
            }
        }
        checked += card(&doc, &mut p);
        if p.kind == PageKind::Compare {
            checked += compare(&doc, &mut p);
        }
        for problem in p.problems {
            diags.push(
                Diagnostic::warning(
                    Location::file(format!("output/{file}")),
                    format!("drawn figure is not supported by the data: {problem}"),
                )
                .hint("charts and maps are drawn by crate::charts and crate::geo, card text by crate::card; a figure drawn must be the data's, with its mark († derived, * published)"),
            );
        }
    }
    checked
}

/// The edition and indicator a ranking page is about.
fn subject(o: &Oracle, kind: PageKind) -> Option<(EditionId, IndicatorId)> {
    match kind {
        PageKind::Ranking(e) => Some((e, o.ds.root_indicator())),
        PageKind::IndicatorRanking(e, i) => Some((e, i)),
        _ => None,
    }
}

/// The edition whose label ends a title ("DTI 2024 (34 tỉnh)"), the longest label first.
fn edition_in(o: &Oracle, title: &str, lang: Lang) -> Option<EditionId> {
    o.ds.edition_ids()
        .filter(|&e| {
            let ed = &o.ds.editions[e];
            title.ends_with(if lang == Lang::Vi {
                &ed.label
            } else {
                &ed.label_en
            })
        })
        .max_by_key(|&e| o.ds.editions[e].label.len())
}

/// A list of names as a sentence writes it: "A, B và C".
fn split_names<'s>(list: &'s str, and: &str) -> Vec<&'s str> {
    let list = list.trim();
    let (head, last) = list
        .rsplit_once(&format!(",{and}"))
        .or_else(|| list.rsplit_once(and))
        .unwrap_or((list, ""));
    head.split(", ")
        .chain([last])
        .filter(|s| !s.is_empty())
        .collect()
}

/// The map: tooltips, colours, hatching, legend and the caption's lists.
fn map(doc: &Doc, svg: &El, p: &mut Page) -> usize {
    let o = p.o;
    let inside = doc.inside(svg);
    let title = inside
        .iter()
        .find(|e| e.name == "title")
        .map(|t| doc.text(t))
        .unwrap_or_default();
    let subject = match p.kind {
        PageKind::Home => edition_in(o, &title, p.lang).map(|e| (e, o.ds.root_indicator())),
        kind => subject(o, kind),
    };
    let Some((e, i)) = subject else {
        return 0;
    };
    let what = format!("the map “{title}”");
    let units = &o.ds.editions[e].units;
    let by_code = |code: &str| {
        units
            .iter()
            .copied()
            .find(|&u| o.ds.period_in(u, e).code == code)
    };
    // The legend's classes: each colour swatch and the range written beside it.
    let legend = inside.iter().find(|x| x.has_class("legend"));
    let mut classes: Vec<(String, String)> = Vec::new();
    let mut derived_legend = false;
    if let Some(legend) = legend {
        let items = doc.inside(legend);
        for (k, x) in items.iter().enumerate() {
            if x.name != "rect" {
                continue;
            }
            let Some(label) = items[k + 1..].iter().find(|t| t.name == "text") else {
                continue;
            };
            let label = doc.text(label);
            let fill = x.attr("fill").unwrap_or("");
            if fill.ends_with("-derived)") {
                derived_legend = label == p.w.derived_map_legend;
            } else if !fill.starts_with("url(") {
                classes.push((fill.to_owned(), label));
            }
        }
    }
    let lang = p.lang;
    let in_class = |fill: &str, v: f64| {
        classes.iter().filter(|c| c.0 == fill).any(|(_, range)| {
            let Some((lo, hi)) = range.split_once(" – ") else {
                return false;
            };
            // Limits are written rounded; the value lies within them at their precision.
            let places = lo.trim().rsplit([',', '.']).next().map_or(0, str::len) as i32;
            let half = 0.5 / 10f64.powi(places);
            let (lo, hi) = (number(lo, lang), number(hi, lang));
            v >= lo - half - 1e-9 && v <= hi + half + 1e-9
        })
    };
    let mut n = 0;
    let mut drawn_derived = BTreeSet::new();
    let mut hatched = BTreeSet::new();
    for x in inside.iter().filter(|x| x.name == "path") {
        let Some(code) = x.attr("data-code") else {
            continue;
        };
        let unit = by_code(code);
        let fill = x.attr("fill").unwrap_or("");
        if !x.has_class("unit") {
            if fill.ends_with("-derived)") {
                match unit {
                    Some(u) => {
                        hatched.insert(u);
                    }
                    None => p.say(
                        &what,
                        format!(
                            "hatches `{code}`, which is no unit of {}",
                            o.ds.editions[e].id
                        ),
                    ),
                }
            }
            continue;
        }
        n += 1;
        let tip = doc
            .inside(x)
            .iter()
            .find(|t| t.name == "title")
            .map(|t| doc.text(t))
            .unwrap_or_default();
        let fig = unit.and_then(|u| o.fig(e, i, u));
        let value = fig.and_then(|f| f.value.map(|v| (v, f.value_derived)));
        let Some(u) = unit else {
            if !tip.ends_with(&format!(": {}", p.w.no_data)) {
                p.say(
                    &what,
                    format!("`{tip}` is drawn for `{code}`, which is no unit of this edition"),
                );
            }
            continue;
        };
        let name = p.name(u, e);
        let Some((said_name, said)) = tip.rsplit_once(": ") else {
            p.say(
                &what,
                format!("the tooltip `{tip}` of `{code}` cannot be read"),
            );
            continue;
        };
        if said_name != name {
            p.say(
                &what,
                format!("the tooltip `{tip}` names `{code}` `{said_name}`, the data `{name}`"),
            );
        }
        match value {
            None => {
                if said != p.w.no_data {
                    p.say(&what, format!("`{tip}`: the data has no value for {name}"));
                }
                if !fill.ends_with("-nodata)") {
                    p.say(
                        &what,
                        format!("{name} has no value but is coloured `{fill}`"),
                    );
                }
            }
            Some((v, derived)) => {
                if derived {
                    drawn_derived.insert(u);
                }
                if !p.same_value(said, v, derived) {
                    p.say(
                        &what,
                        format!(
                            "`{tip}`: the data gives {}{}",
                            p.decimal(v),
                            if derived { " † (derived)" } else { "" }
                        ),
                    );
                }
                if !classes.is_empty() && !in_class(fill, v) {
                    p.say(
                        &what,
                        format!(
                            "{name} ({}) is coloured `{fill}`, a legend class it is not in",
                            p.decimal(v)
                        ),
                    );
                }
            }
        }
    }
    if hatched != drawn_derived {
        let show = |s: &BTreeSet<UnitId>| {
            s.iter()
                .map(|&u| p.name(u, e))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let msg = format!(
            "hatched as derived: [{}]; derived values in the data: [{}]",
            show(&hatched),
            show(&drawn_derived)
        );
        p.say(&what, msg);
    }
    if derived_legend != !drawn_derived.is_empty() {
        p.say(
            &what,
            format!(
                "the legend's entry `{}` is {} but {} unit is coloured by a derived value",
                p.w.derived_map_legend,
                if derived_legend { "shown" } else { "missing" },
                if drawn_derived.is_empty() { "no" } else { "a" },
            ),
        );
    }
    // The caption: the list of derived values, and of units without data.
    let desc = inside
        .iter()
        .find(|x| x.name == "desc")
        .map(|d| doc.text(d))
        .unwrap_or_default();
    let sentence = |prefix: &str| {
        let at = desc.find(prefix)? + prefix.len();
        let rest = &desc[at..];
        let end = rest.find(". ").unwrap_or(rest.len());
        Some(rest[..end].trim_end_matches('.').to_owned())
    };
    match sentence(p.w.derived_note) {
        Some(list) => {
            let mut said = BTreeSet::new();
            for item in split_names(&list, p.w.and) {
                let parsed = item.strip_suffix(')').and_then(|x| x.rsplit_once(" ("));
                let unit = parsed.and_then(|(n, _)| o.unit_named(n, e, p.lang));
                match (parsed, unit) {
                    (Some((_, v)), Some(u)) => {
                        said.insert(u);
                        let ok = o.fig(e, i, u).is_some_and(|f| {
                            f.value.is_some_and(|x| p.same_value(v, x, f.value_derived))
                        });
                        if !ok || !v.ends_with(" †") {
                            p.say(&what, format!("the caption says `{item}` is derived"));
                        }
                    }
                    _ => p.say(&what, format!("the caption's `{item}` cannot be read")),
                }
            }
            if said != drawn_derived {
                p.say(
                    &what,
                    "the caption's list of derived values is not the data's",
                );
            }
        }
        None if !drawn_derived.is_empty() => p.say(
            &what,
            "the caption does not say which units are coloured by a derived value",
        ),
        None => {}
    }
    let without: BTreeSet<UnitId> = units
        .iter()
        .copied()
        .filter(|&u| o.fig(e, i, u).is_none_or(|f| f.value.is_none()))
        .collect();
    match sentence(p.w.no_data_note) {
        Some(list) => {
            let said: Option<BTreeSet<UnitId>> = split_names(&list, p.w.and)
                .into_iter()
                .map(|n| o.unit_named(n, e, p.lang))
                .collect();
            if said.as_ref() != Some(&without) {
                let names: Vec<String> = without.iter().map(|&u| p.name(u, e)).collect();
                p.say(
                    &what,
                    format!(
                        "the caption's list of units without data `{list}` is not the data's ({})",
                        names.join(", ")
                    ),
                );
            }
        }
        None if !without.is_empty() => {
            p.say(&what, "the caption does not name the units without data")
        }
        None => {}
    }
    n
}

/// The ranking chart's bars, labels, mean line and legend.
fn ranking_chart(doc: &Doc, svg: &El, p: &mut Page) -> usize {
    let o = p.o;
    let Some((e, i)) = subject(o, p.kind) else {
        return 0;
    };
    let what = format!(
        "the ranking chart of {} {}",
        o.ds.editions[e].id, o.ds.indicators[i].code
    );
    let inside = doc.inside(svg);
    // The value axis from its labelled grid lines: x = x0 + v * scale.
    let ticks: Vec<(f64, f64)> = inside
        .iter()
        .filter(|x| x.name == "text" && x.has_class("grid"))
        .filter_map(|x| {
            let v = number(&doc.text(x), p.lang);
            let px: f64 = x.attr("x")?.parse().ok()?;
            v.is_finite().then_some((v, px))
        })
        .collect();
    let axis = match (ticks.first(), ticks.last()) {
        (Some(a), Some(b)) if b.0 != a.0 => {
            let scale = (b.1 - a.1) / (b.0 - a.0);
            Some((a.1 - a.0 * scale, scale))
        }
        _ => None,
    };
    let mut n = 0;
    let mut bars = BTreeSet::new();
    let mut any_derived = false;
    let mut pending_rank: Option<String> = None;
    for x in inside {
        if x.name == "text" && x.has_class("label") {
            let t = doc.text(x);
            if x.attr("text-anchor") == Some("end") {
                pending_rank = Some(t);
                continue;
            }
            // A unit's name, after its rank.
            let Some(rank) = pending_rank.take() else {
                continue;
            };
            let Some(u) = named_as(o, &t, e, p.lang, |u| {
                o.rank(e, i, u).map(|r| r.0.to_string())
                    == rank.split(' ').next().map(str::to_owned)
            }) else {
                p.say(
                    &what,
                    format!("the label `{t}` names no unit of the edition"),
                );
                continue;
            };
            n += 1;
            let (num, marked) = match rank.strip_suffix(" †") {
                Some(r) => (r, true),
                None => (rank.as_str(), false),
            };
            let want = o.rank(e, i, u);
            if want != num.parse().ok().map(|r| (r, marked)) {
                p.say(
                    &what,
                    format!(
                        "{t} is labelled rank `{rank}`; the data gives {}",
                        show_rank(want)
                    ),
                );
            }
        } else if x.name == "rect" && x.has_class("bar") {
            let Some(name) = x.attr("data-unit") else {
                continue;
            };
            let Some(u) = named_as(o, name, e, p.lang, |u| {
                o.rank(e, i, u).map(|r| r.0.to_string()).as_deref() == x.attr("data-rank")
            }) else {
                p.say(
                    &what,
                    format!("a bar is drawn for `{name}`, no unit of the edition"),
                );
                continue;
            };
            n += 1;
            bars.insert(u);
            let fig = o.fig(e, i, u);
            let derived = fig.is_some_and(|f| f.value_derived);
            any_derived |= x.has_class("derived");
            if x.has_class("derived") != derived {
                p.say(
                    &what,
                    format!(
                        "the bar of {name} is drawn {}, but its value is {}",
                        if x.has_class("derived") {
                            "as derived"
                        } else {
                            "as official"
                        },
                        if derived { "derived" } else { "published" }
                    ),
                );
            }
            let want = o.rank(e, i, u);
            if x.attr("data-rank").and_then(|r| r.parse().ok()) != want.map(|r| r.0) {
                p.say(
                    &what,
                    format!(
                        "the bar of {name} has rank {:?}; the data gives {}",
                        x.attr("data-rank"),
                        show_rank(want)
                    ),
                );
            }
            if let (Some((x0, scale)), Some(v)) = (axis, fig.and_then(|f| f.value)) {
                let left: f64 = x.attr("x").and_then(|s| s.parse().ok()).unwrap_or(f64::NAN);
                let width: f64 = x
                    .attr("width")
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(f64::NAN);
                // Pixels are whole numbers: a bar ends within 1.5 px of its value.
                if ((left + width) - (x0 + v * scale)).abs() > 1.5 {
                    p.say(
                        &what,
                        format!(
                            "the bar of {name} is drawn to {:.3}, not to its value {}",
                            (left + width - x0) / scale,
                            p.decimal(v)
                        ),
                    );
                }
            }
        } else if x.name == "text" && x.has_class("value") {
            let Some(name) = x.attr("data-unit") else {
                continue;
            };
            let Some(u) = named_as(o, name, e, p.lang, |u| {
                o.fig(e, i, u)
                    .and_then(|f| f.value)
                    .is_some_and(|v| p.same_value(doc.text(x).trim_end_matches(" †"), v, false))
            }) else {
                continue;
            };
            n += 1;
            let said = doc.text(x);
            let ok = o.fig(e, i, u).is_some_and(|f| {
                f.value
                    .is_some_and(|v| p.same_value(&said, v, f.value_derived))
            });
            if !ok {
                let want = o
                    .fig(e, i, u)
                    .and_then(|f| f.value.map(|v| (p.decimal(v), f.value_derived)));
                p.say(
                    &what,
                    format!(
                        "{name} is labelled `{said}`; the data gives {want:?} (value, derived)"
                    ),
                );
            }
        } else if x.name == "line" && x.has_class("mean") {
            n += 1;
            let said: f64 = x
                .attr("x1")
                .and_then(|s| s.parse().ok())
                .unwrap_or(f64::NAN);
            match (o.stat(e, i, Statistic::Mean), axis) {
                (Some((m, _)), Some((x0, scale))) => {
                    if (said - (x0 + m * scale)).abs() > 1.5 {
                        p.say(
                            &what,
                            format!(
                                "the mean line is drawn at {:.3}, the mean is {}",
                                (said - x0) / scale,
                                p.decimal(m)
                            ),
                        );
                    }
                }
                (None, _) => p.say(
                    &what,
                    "draws a mean line, but no mean can be computed or was published",
                ),
                _ => {}
            }
        }
    }
    // Every unit with a value has its bar.
    let valued: BTreeSet<UnitId> = o
        .figs(e, i)
        .iter()
        .filter(|f| f.value.is_some())
        .map(|f| f.unit)
        .collect();
    if !bars.is_empty() && bars != valued {
        p.say(
            &what,
            format!(
                "{} bars are drawn for {} units with a value",
                bars.len(),
                valued.len()
            ),
        );
    }
    // The legend says what the marks drawn mean.
    let legend: Vec<String> = inside
        .iter()
        .find(|x| x.has_class("legend"))
        .map(|l| {
            doc.inside(l)
                .iter()
                .filter(|t| t.name == "text")
                .map(|t| doc.text(t))
                .collect()
        })
        .unwrap_or_default();
    let has = |s: &str| legend.iter().any(|t| t == s);
    if has(p.w.derived_chart_legend) != any_derived {
        p.say(
            &what,
            format!(
                "the legend's `{}` is shown exactly when a derived bar is drawn",
                p.w.derived_chart_legend
            ),
        );
    }
    if let Some((_, published)) = o.stat(e, i, Statistic::Mean) {
        let said = if has(p.w.published_mean_legend) {
            Some(true)
        } else if has(p.w.mean_legend) {
            Some(false)
        } else {
            None
        };
        if said.is_some_and(|s| s != published) {
            p.say(
                &what,
                format!(
                    "the mean is {}, the legend says otherwise",
                    if published {
                        "a published figure"
                    } else {
                        "computed from the table"
                    }
                ),
            );
        }
    }
    n
}

/// A card's rank change since `since`, `said` places up (negative: down), with its marks:
/// what is wrong with it, if anything.
#[allow(clippy::too_many_arguments)]
fn card_change(
    o: &Oracle,
    u: UnitId,
    e: EditionId,
    i: IndicatorId,
    since: &str,
    said: i64,
    marks: &str,
    lang: Lang,
) -> Option<String> {
    let Some(a) = o.edition(since, lang) else {
        return Some(format!("no edition is labelled `{since}`"));
    };
    if !o.same_set(a, e) {
        return Some("compares ranks of two different unit sets".into());
    }
    let published =
        o.ds.observation(e, i, u)
            .and_then(|x| x.published_rank_change);
    let (want, derived, official) = match (o.rank(a, i, u), o.rank(e, i, u), published) {
        (_, _, Some(c)) if o.rank(a, i, u).is_none() || o.rank(e, i, u).is_none() => {
            (c, false, true)
        }
        (Some(ra), Some(rb), published) => (
            i64::from(ra.0) - i64::from(rb.0),
            (ra.1 || rb.1) && published.is_none(),
            false,
        ),
        _ => return Some("the data has no rank at one end and no published change".into()),
    };
    let (m1, m2) = (&o.ds.editions[a].method, &o.ds.editions[e].method);
    let crosses = !m1.is_empty() && !m2.is_empty() && m1 != m2;
    if said != want {
        return Some(format!("the data gives {want:+} places"));
    }
    let expect: String = [(derived, " †"), (official, " §"), (crosses, " ‡")]
        .iter()
        .filter(|x| x.0)
        .map(|x| x.1)
        .collect();
    let sorted = |m: &str| {
        let mut v: Vec<char> = m.chars().filter(|c| MARKS.contains(c)).collect();
        v.sort_unstable();
        v
    };
    (sorted(marks) != sorted(&expect)).then(|| {
        format!(
            "its marks should be `{}` (derived † / official change § / method change ‡)",
            expect.trim()
        )
    })
}

/// The points of a unit's value or rank history: each point's edition, figure and provenance
/// (`data-*`, its class and its label) against the data.
fn history_points(doc: &Doc, svg: &El, p: &mut Page, ranks: bool) -> usize {
    let o = p.o;
    let (PageKind::Province(u) | PageKind::ProvinceEdition(u, _)) = p.kind else {
        return 0;
    };
    let i = o.ds.root_indicator();
    let what = if ranks {
        "the rank history chart"
    } else {
        "the value history chart"
    };
    let mut n = 0;
    for x in doc.inside(svg) {
        if !x.has_class("point") {
            continue;
        }
        let Some(label) = x.attr("data-edition") else {
            continue;
        };
        let Some(e) = o.edition(label, p.lang) else {
            p.say(
                what,
                format!("a point is drawn for `{label}`, which names no edition"),
            );
            continue;
        };
        n += 1;
        let source = x.attr("data-source").unwrap_or("");
        let drawn_derived = x.has_class("derived");
        let (ok, want) = if ranks {
            let want = o.rank(e, i, u);
            let said = x.attr("data-rank").and_then(|r| r.parse::<u32>().ok());
            let derived = want.is_some_and(|w| w.1);
            let mut ok = said == want.map(|w| w.0)
                && (source == "derived") == derived
                && drawn_derived == derived;
            if x.name == "text" {
                let t = doc.text(x);
                let label = format!(
                    "{}{}",
                    want.map_or(0, |w| w.0),
                    if derived { " †" } else { "" }
                );
                ok &= t == label;
            }
            (ok, show_rank(want))
        } else {
            let f = o.fig(e, i, u);
            let value = f.and_then(|f| f.value.map(|v| (v, f.value_derived)));
            let said = x.attr("data-value").and_then(|v| v.parse::<f64>().ok());
            let derived = value.is_some_and(|v| v.1);
            let mut ok = said
                .zip(value)
                .is_some_and(|(a, (b, _))| o.key(a) == o.key(b))
                && (source == "derived") == derived
                && drawn_derived == derived;
            if x.name == "text"
                && let Some((v, d)) = value
            {
                ok &= p.same_value(&doc.text(x), v, d);
            }
            (
                ok,
                value.map_or("no value".into(), |(v, d)| {
                    format!("{}{}", p.decimal(v), if d { " † (derived)" } else { "" })
                }),
            )
        };
        if !ok {
            let shown = if x.name == "text" {
                format!(" `{}`", doc.text(x))
            } else {
                String::new()
            };
            p.say(
                what,
                format!(
                    "the {} point of {label}{shown} (data-{}={:?}, data-source={source:?}{}) is not the data's: {want}",
                    x.name,
                    if ranks { "rank" } else { "value" },
                    x.attr(if ranks { "data-rank" } else { "data-value" }).unwrap_or(""),
                    if drawn_derived { ", drawn derived" } else { "" },
                ),
            );
        }
    }
    n
}

/// The unit of edition `e` a chart names `name`; where two units share a name (communes do),
/// the one the drawn figure fits (`fits`), so that a true drawing is not taken for a false one.
fn named_as(
    o: &Oracle,
    name: &str,
    e: EditionId,
    lang: Lang,
    fits: impl Fn(UnitId) -> bool,
) -> Option<UnitId> {
    let all: Vec<UnitId> = o.ds.editions[e]
        .units
        .iter()
        .copied()
        .filter(|&u| o.named(name, u, e, lang))
        .collect();
    all.iter()
        .copied()
        .find(|&u| fits(u))
        .or(all.first().copied())
}

fn show_rank(r: Option<(u32, bool)>) -> String {
    match r {
        Some((r, true)) => format!("{r} (derived)"),
        Some((r, false)) => r.to_string(),
        None => "no rank".into(),
    }
}

/// The share card's text: every line the image draws, joined by " · " in `og:image:alt`.
fn card(doc: &Doc, p: &mut Page) -> usize {
    let Some(alt) = doc.meta("og:image:alt") else {
        return 0;
    };
    let o = p.o;
    let parts: Vec<&str> = alt.split(" · ").collect();
    let what = format!("the share card “{alt}”");
    match p.kind {
        PageKind::ProvinceEdition(u, e) => {
            let i = o.ds.root_indicator();
            let re = |pat: &str| regex::Regex::new(pat).expect("valid pattern");
            let figure = re(r"^\d+[,.]\d+(?: †)?$");
            let (rank_re, moved_re, same_re) =
                (re(p.w.card_rank), re(p.w.card_moved), re(p.w.card_same));
            let whole = |t: &str| t.replace(['.', ','], "").parse::<i64>().ok();
            let mut used = BTreeSet::new();
            let mut figures = BTreeSet::new();
            let fig = o.fig(e, i, u);
            for (k, part) in parts.iter().enumerate() {
                if figure.is_match(part) {
                    figures.insert(k);
                    match fig.and_then(|f| f.value.map(|v| (v, f.value_derived))) {
                        Some((v, d)) if !p.same_value(part, v, d) => p.say(
                            &what,
                            format!(
                                "the value `{part}`: the data gives {}{}",
                                p.decimal(v),
                                if d { " †" } else { "" }
                            ),
                        ),
                        None => p.say(&what, format!("shows `{part}`, but the unit has no value")),
                        _ => {}
                    }
                } else if let Some(c) = rank_re.captures(part) {
                    figures.insert(k);
                    let derived = c["m"].contains('†');
                    let of = o.ds.editions[e].units.len();
                    let want = o.rank(e, i, u);
                    let read = whole(&c["r"]).zip(whole(&c["of"]));
                    if read != want.map(|w| (i64::from(w.0), of as i64))
                        || want.is_some_and(|w| w.1 != derived)
                        || c["m"].contains(['*', '§', '‡'])
                    {
                        p.say(
                            &what,
                            format!(
                                "the rank `{part}`: the data gives {} of {of}",
                                show_rank(want)
                            ),
                        );
                    }
                } else if let Some(c) = moved_re.captures(part).or_else(|| same_re.captures(part)) {
                    figures.insert(k);
                    let n = c.name("n").and_then(|n| whole(n.as_str())).unwrap_or(0);
                    let said = if c.name("d").is_some_and(|d| d.as_str() == "▼") {
                        -n
                    } else {
                        n
                    };
                    if let Some(why) = card_change(o, u, e, i, &c["since"], said, &c["m"], p.lang) {
                        p.say(&what, format!("`{part}`: {why}"));
                    }
                }
            }
            for &k in &figures {
                used.extend(parts[k].chars().filter(|c| MARKS.contains(c)));
            }
            // The parts that are not figures explain the marks: each used one, and no other.
            let explained: BTreeSet<char> = parts
                .iter()
                .enumerate()
                .filter(|(k, _)| !figures.contains(k))
                .flat_map(|(_, x)| x.chars().filter(|c| MARKS.contains(c)))
                .collect();
            if explained != used {
                p.say(
                    &what,
                    format!("marks shown {used:?}, marks explained {explained:?}"),
                );
            }
            1
        }
        PageKind::Ranking(e) => {
            let i = o.ds.root_indicator();
            let Some(k) = parts.iter().position(|x| x.starts_with(p.w.top)) else {
                return 0;
            };
            let named = &parts[k][p.w.top.len()..];
            let figs = o.figs(e, i);
            let want: BTreeSet<UnitId> = if o.complete(e, i) {
                o.extreme(&figs, true).map(|x| x.0).unwrap_or_default()
            } else {
                o.officially(e, i, 1)
            };
            let said: Option<BTreeSet<UnitId>> = split_names(named, p.w.and)
                .into_iter()
                .map(|n| o.unit_named(n, e, p.lang))
                .collect();
            if said.as_ref() != Some(&want) {
                let names: Vec<String> = want.iter().map(|&u| p.name(u, e)).collect();
                p.say(&what, format!("the leader is {}", names.join(", ")));
            }
            // The value beside a single leader is the leader's.
            if let (Some(next), [u]) =
                (parts.get(k + 1), want.iter().collect::<Vec<_>>().as_slice())
                && next.chars().next().is_some_and(|c| c.is_ascii_digit())
                && !next.contains(' ')
            {
                let ok = o
                    .fig(e, i, **u)
                    .and_then(|f| f.value.map(|v| p.same_value(next, v, f.value_derived)))
                    .unwrap_or(false);
                if !ok {
                    p.say(&what, format!("`{next}` is not the leader's value"));
                }
            }
            1
        }
        _ => 0,
    }
}

/// The unit a link to its profile names (`…/tinh/<slug>/index.html`).
fn unit_of_href(o: &Oracle, href: &str) -> Option<UnitId> {
    let slug = href.trim_end_matches("index.html").trim_end_matches('/');
    let slug = slug.rsplit('/').next()?;
    o.ds.unit_ids().find(|&u| o.ds.units[u].slug == slug)
}

/// A figure cell as the compare table writes it: "0,2849†" or "—", and "(58/63†)".
fn cell_figures(text: &str, lang: Lang) -> (Option<(f64, bool)>, Option<(u32, usize, bool)>) {
    let rank_re = regex::Regex::new(r"\((?P<r>[\d.,]+)/(?P<of>[\d.,]+)(?P<m>.*)\)\s*$")
        .expect("valid pattern");
    let (value_part, rank) = match rank_re.captures(text) {
        Some(c) => {
            let n = |t: &str| t.replace(['.', ','], "").parse::<usize>().ok();
            let rank = n(&c["r"])
                .zip(n(&c["of"]))
                .map(|(r, of)| (r as u32, of, c["m"].contains('†')));
            (text[..c.get(0).map_or(0, |m| m.start())].trim(), rank)
        }
        None => (text.trim(), None),
    };
    let value = if value_part.starts_with('—') {
        None
    } else {
        let digits: String = value_part
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
            .collect();
        Some((number(&digits, lang), value_part.contains('†')))
    };
    (value, rank)
}

/// The compare page: its tables (shown without JavaScript) and the data its chart and tables
/// are drawn from (`compare-data`): every figure, rank and mark, the editions' labels, sizes and
/// years, and that unit sets are kept apart (the chart joins points of one set only).
fn compare(doc: &Doc, p: &mut Page) -> usize {
    let o = p.o;
    let mut n = 0;
    let what = "the compare page";
    let lang = p.lang;
    let label = |e: EditionId| {
        let ed = &o.ds.editions[e];
        if lang == Lang::Vi {
            ed.label.clone()
        } else {
            ed.label_en.clone()
        }
    };
    // The data behind the chart.
    let data = doc
        .els
        .iter()
        .find(|e| e.name == "script" && e.attr("id") == Some("compare-data"))
        .and_then(|s| serde_json::from_str::<serde_json::Value>(doc.raw(s)).ok());
    let Some(data) = data else {
        p.say(what, "has no readable `compare-data`");
        return 0;
    };
    let mut sets: Vec<(EditionId, String)> = Vec::new();
    for ed in data["editions"].as_array().into_iter().flatten() {
        let id = ed[0].as_str().unwrap_or("");
        let Some(e) = o.ds.edition_ids().find(|&e| o.ds.editions[e].id == id) else {
            p.say(
                what,
                format!("the data names an edition `{id}` that does not exist"),
            );
            continue;
        };
        n += 1;
        let size = o.ds.editions[e].units.len() as u64;
        if ed[1].as_str() != Some(label(e).as_str())
            || ed[2].as_u64() != Some(size)
            || ed[3].as_i64() != Some(i64::from(o.ds.editions[e].year))
        {
            p.say(
                what,
                format!(
                    "the data's edition {ed} is not `{}`, {size} units, {}",
                    label(e),
                    o.ds.editions[e].year
                ),
            );
        }
        sets.push((e, ed[4].as_str().unwrap_or("").to_owned()));
    }
    for (a, sa) in &sets {
        for (b, sb) in &sets {
            if a < b && (sa == sb) != o.same_set(*a, *b) {
                p.say(
                    what,
                    format!(
                        "the chart would {} {} and {}: they are {} unit set",
                        if sa == sb { "join" } else { "not join" },
                        label(*a),
                        label(*b),
                        if o.same_set(*a, *b) { "one" } else { "not one" }
                    ),
                );
            }
        }
    }
    let mut used_marks = BTreeSet::new();
    for (slug, unit) in data["units"].as_object().into_iter().flatten() {
        let Some(u) = o.ds.unit_ids().find(|&u| o.ds.units[u].slug == *slug) else {
            p.say(
                what,
                format!("the data has a unit `{slug}` that does not exist"),
            );
            continue;
        };
        for (id, by_ind) in unit["values"].as_object().into_iter().flatten() {
            let Some(e) = o.ds.edition_ids().find(|&e| o.ds.editions[e].id == *id) else {
                continue;
            };
            for (code, fig) in by_ind.as_object().into_iter().flatten() {
                let Some(i) =
                    o.ds.indicator_ids()
                        .find(|&i| o.ds.indicators[i].code == *code)
                else {
                    p.say(
                        what,
                        format!("the data has an indicator `{code}` that does not exist"),
                    );
                    continue;
                };
                n += 1;
                let f = o.fig(e, i, u);
                let want_value = f.and_then(|f| f.value);
                let want_rank = o.rank(e, i, u);
                let said_value = fig[0].as_f64();
                let vmark = fig[2].as_str().unwrap_or("");
                let rmark = fig[3].as_str().unwrap_or("");
                used_marks.extend(
                    [vmark, rmark]
                        .into_iter()
                        .filter(|m| !m.is_empty())
                        .map(str::to_owned),
                );
                let value_ok = match (said_value, want_value) {
                    (Some(a), Some(b)) => o.key(a) == o.key(b),
                    (None, None) => true,
                    _ => false,
                };
                let rank_ok = fig[1].as_u64().map(|r| r as u32) == want_rank.map(|r| r.0);
                let marks_ok = (vmark == "†")
                    == f.is_some_and(|f| f.value_derived && f.value.is_some())
                    && (rmark == "†") == want_rank.is_some_and(|r| r.1);
                if !value_ok || !rank_ok || !marks_ok {
                    p.say(
                        what,
                        format!(
                            "the data gives {slug} {id} {code} as {fig}; the data files give {} rank {}",
                            want_value.map_or("no value".into(), |v| format!("{v}{}", if f.is_some_and(|f| f.value_derived) { " †" } else { "" })),
                            show_rank(want_rank)
                        ),
                    );
                }
            }
        }
    }
    for m in &used_marks {
        if data["marks"].get(m).is_none() {
            p.say(what, format!("the mark `{m}` is used but not explained"));
        }
    }
    // The tables shown without JavaScript.
    let units: Vec<Option<UnitId>> = doc
        .els
        .iter()
        .find(|e| e.has_class("compare-selected"))
        .map(|sel| {
            doc.inside(sel)
                .iter()
                .filter(|a| a.name == "a")
                .map(|a| unit_of_href(o, a.attr("href").unwrap_or("")))
                .collect()
        })
        .unwrap_or_default();
    let mut heading = String::new();
    for el in &doc.els {
        if el.name == "h2" {
            heading = doc.text(el);
            continue;
        }
        if !(el.name == "table" && el.has_class("compare")) {
            continue;
        }
        // "DTI": a row per edition; "Chỉ số — 2024 (34 tỉnh)": a row per indicator.
        let by_indicator = heading
            .split_once(" — ")
            .map(|(_, ed)| o.edition(ed, p.lang));
        if let Some(None) = by_indicator {
            p.say(what, format!("the table `{heading}` names no edition"));
            continue;
        }
        for row in doc.inside(el).iter().filter(|r| r.name == "tr") {
            let cells = doc.inside(row);
            let Some(head) = cells
                .iter()
                .find(|c| c.name == "th" && c.attr("scope") == Some("row"))
            else {
                continue;
            };
            let head = doc.text(head);
            let (e, i) = match by_indicator {
                Some(Some(e)) => {
                    let found = o.ds.indicator_ids().find(|&i| {
                        let ind = &o.ds.indicators[i];
                        let (name, short) = if p.lang == Lang::Vi {
                            (&ind.name, &ind.short)
                        } else {
                            (&ind.name_en, &ind.short_en)
                        };
                        head == *name || head == *short
                    });
                    match found {
                        Some(i) => (e, i),
                        None => {
                            p.say(what, format!("the row `{head}` names no indicator"));
                            continue;
                        }
                    }
                }
                _ => match o.edition(&head, p.lang) {
                    Some(e) => (e, o.ds.root_indicator()),
                    None => {
                        p.say(what, format!("the row `{head}` names no edition"));
                        continue;
                    }
                },
            };
            let tds: Vec<&El> = cells.iter().filter(|c| c.name == "td").collect();
            for (k, td) in tds.iter().enumerate() {
                let Some(Some(u)) = units.get(k) else {
                    continue;
                };
                n += 1;
                let text = doc.text(td);
                let (value, rank) = cell_figures(&text, p.lang);
                let f = o.fig(e, i, u.to_owned());
                let want_value = f.and_then(|f| f.value.map(|v| (v, f.value_derived)));
                let value_ok = match (value, want_value) {
                    (Some((a, da)), Some((b, db))) => o.key(a) == o.key(b) && da == db,
                    (None, None) => true,
                    _ => false,
                };
                let want_rank = o.rank(e, i, *u);
                let of = o.ds.editions[e].units.len();
                let rank_ok = rank == want_rank.map(|(r, d)| (r, of, d));
                if !value_ok || !rank_ok {
                    p.say(
                        what,
                        format!(
                            "the table `{heading}` shows {} in {head} as `{text}`; the data gives {} rank {} of {of}",
                            p.name(*u, e),
                            want_value.map_or("no value".into(), |(v, d)| format!("{}{}", p.decimal(v), if d { " †" } else { "" })),
                            show_rank(want_rank)
                        ),
                    );
                }
            }
        }
    }
    n
}
