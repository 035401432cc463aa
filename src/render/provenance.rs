//! The provenance mark of a figure, and the legend that explains it: the one place that decides
//! which figure is marked, with which symbol and words (the theme's `[mark]` strings). Tables,
//! chart data tables, chart legends, map captions, cards, headline cards and the compare page all
//! take their marks from here, so a symbol means the same thing on every page.
//!
//! A figure is marked when its provenance is not what a reader takes for granted where it stands
//! ([`Usual`]): a value or a rank is usually official, a change or an aggregate usually computed
//! here from complete values. Computed figures are never marked. A change across a change of
//! methodology is not a provenance, but it is marked and explained the same way ([`method`]).

use serde::Serialize;

use crate::model::Source;
use crate::text::Strings;

/// What a figure is, which says what provenance a reader takes for granted for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Usual {
    /// A unit's value or rank: official unless marked.
    Official,
    /// A change or an aggregate: computed unless marked.
    Computed,
}

/// A mark beside a figure.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    /// What it marks, as in JSON: `derived`, `published`, `official`, or `method`.
    pub kind: &'static str,
    /// The symbol shown ("†").
    pub symbol: String,
    /// A few words for a tooltip and screen readers ("suy ra").
    pub label: String,
}

/// A formatted figure with its mark.
#[derive(Serialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct Marked {
    /// The figure as shown ("0,4014", or "—").
    pub text: String,
    /// Its mark.
    pub mark: Option<Mark>,
}

/// One line of a legend: the symbol and what it means.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct LegendLine {
    /// The symbol.
    pub symbol: String,
    /// The explanation.
    pub text: String,
}

/// The order of legend lines, and every kind of mark.
const KINDS: [&str; 4] = ["derived", "published", "official", "method"];

fn make(t: &Strings, kind: &'static str) -> Mark {
    Mark {
        kind,
        symbol: t.get(&format!("mark.{kind}")).to_owned(),
        label: t.get(&format!("mark.{kind}_label")).to_owned(),
    }
}

/// The mark of a figure of provenance `source` standing where `usual` is taken for granted; none
/// when it is what a reader expects there, when it is computed, or when there is no figure.
pub fn mark(t: &Strings, source: Option<Source>, usual: Usual) -> Option<Mark> {
    let kind = match (source?, usual) {
        (Source::Derived, _) => "derived",
        (Source::Published, _) => "published",
        (Source::Official, Usual::Computed) => "official",
        (Source::Official, Usual::Official) | (Source::Computed, _) => return None,
    };
    Some(make(t, kind))
}

/// The mark of a change across a change of methodology.
pub fn method(t: &Strings) -> Mark {
    make(t, "method")
}

/// The legend of every kind of mark among `marks`, once each, in a fixed order.
pub fn legend<'a>(t: &Strings, marks: impl IntoIterator<Item = &'a Mark>) -> Vec<LegendLine> {
    let used: Vec<&str> = marks.into_iter().map(|m| m.kind).collect();
    KINDS
        .iter()
        .filter(|k| used.contains(k))
        .map(|k| LegendLine {
            symbol: t.get(&format!("mark.{k}")).to_owned(),
            text: t.get(&format!("mark.{k}_legend")).to_owned(),
        })
        .collect()
}

/// A formatted figure followed by its mark's symbol ("0,4294 †"), for text that cannot hold
/// markup (chart data tables, share cards, map captions).
pub fn with_symbol(text: &str, mark: Option<&Mark>) -> String {
    match mark {
        Some(m) if !text.is_empty() => format!("{text} {}", m.symbol),
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Lang;

    #[test]
    fn marked_only_where_the_provenance_is_not_the_usual_one() {
        let t = Strings::builtin(Lang::Vi);
        let kind = |s, u| mark(t, Some(s), u).map(|m| m.kind);
        assert_eq!(kind(Source::Official, Usual::Official), None);
        assert_eq!(kind(Source::Computed, Usual::Official), None);
        assert_eq!(kind(Source::Computed, Usual::Computed), None);
        assert_eq!(kind(Source::Derived, Usual::Official), Some("derived"));
        assert_eq!(kind(Source::Derived, Usual::Computed), Some("derived"));
        assert_eq!(kind(Source::Published, Usual::Computed), Some("published"));
        assert_eq!(kind(Source::Official, Usual::Computed), Some("official"));
        assert_eq!(mark(t, None, Usual::Computed), None);
        // Every kind has a distinct, non-empty symbol, label and legend in both languages.
        for lang in Lang::ALL {
            let t = Strings::builtin(lang);
            let marks: Vec<Mark> = KINDS.iter().map(|k| make(t, k)).collect();
            let legend = legend(t, &marks);
            assert_eq!(legend.len(), KINDS.len());
            for (m, l) in marks.iter().zip(&legend) {
                assert!(!m.symbol.is_empty() && !m.label.is_empty() && !l.text.is_empty());
                assert_eq!(m.symbol, l.symbol);
            }
            let mut symbols: Vec<&str> = marks.iter().map(|m| m.symbol.as_str()).collect();
            symbols.sort_unstable();
            symbols.dedup();
            assert_eq!(symbols.len(), KINDS.len(), "{symbols:?}");
        }
    }

    #[test]
    fn a_legend_names_each_kind_once_in_a_fixed_order() {
        let t = Strings::builtin(Lang::En);
        let d = mark(t, Some(Source::Derived), Usual::Official).unwrap();
        let p = mark(t, Some(Source::Published), Usual::Computed).unwrap();
        let lines = legend(t, [&p, &d, &p, &method(t)]);
        let symbols: Vec<&str> = lines.iter().map(|l| l.symbol.as_str()).collect();
        assert_eq!(symbols, ["†", "*", "‡"]);
        assert_eq!(with_symbol("0.4294", Some(&d)), "0.4294 †");
        assert_eq!(with_symbol("", Some(&d)), "");
        assert_eq!(with_symbol("0.4294", None), "0.4294");
    }
}
