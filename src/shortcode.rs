//! Shortcodes: figures from the data inside commentary, so prose never retypes a number.
//!
//! `{{ value(unit="ninh-thuan", edition="2021") }}` → `0,3048` on Vietnamese pages, `0.3048` on
//! English ones. Arguments default to what the file is about (its unit and edition, from its
//! path) and to the root indicator. Names:
//!
//! | shortcode | gives |
//! |---|---|
//! | `value` | the value |
//! | `rank` | the rank (`of=true`: "53/63") |
//! | `change` | change on the previous edition: `of="value"` (default), `"percent"` or `"rank"` |
//! | `mean`, `median`, `min`, `max` | national aggregates of the edition |
//! | `units` | number of units of the edition |
//! | `name` | the unit's name in the page's language |
//! | `table` | a small table of the unit's values, ranks and changes over the editions |

use crate::compute::Report;
use crate::diagnostics::{Diagnostics, SourceFile};
use crate::model::{Dataset, EditionId, IndicatorId, Statistic, UnitId};
use crate::text::number;
use crate::text::suggest;
use crate::text::{Lang, Strings};

/// Shortcode names and the arguments each accepts.
const NAMES: &[(&str, &[&str])] = &[
    ("value", &["unit", "edition", "indicator"]),
    ("rank", &["unit", "edition", "indicator", "of"]),
    ("change", &["unit", "edition", "indicator", "of"]),
    ("mean", &["edition", "indicator"]),
    ("median", &["edition", "indicator"]),
    ("min", &["edition", "indicator"]),
    ("max", &["edition", "indicator"]),
    ("units", &["edition"]),
    ("name", &["unit"]),
    ("table", &["unit", "indicator"]),
];

/// One call found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    /// Shortcode name.
    pub name: String,
    /// Arguments in order.
    pub args: Vec<(String, String)>,
    /// Byte range of the whole `{{ … }}` in the text.
    pub span: std::ops::Range<usize>,
}

/// What a document is about, for argument defaults.
#[derive(Clone, Copy, Debug, Default)]
pub struct Defaults {
    /// The unit of the document, if any.
    pub unit: Option<UnitId>,
    /// The edition of the document, if any.
    pub edition: Option<EditionId>,
}

/// Finds every `{{ name(args) }}` in `text`. Syntax errors are `(byte offset, message)`.
pub fn parse(text: &str) -> (Vec<Call>, Vec<(usize, String)>) {
    let mut calls = Vec::new();
    let mut errors = Vec::new();
    let mut from = 0;
    while let Some(rel) = text[from..].find("{{") {
        let start = from + rel;
        let Some(end_rel) = text[start..].find("}}") else {
            errors.push((start, "shortcode is not closed with }}".to_owned()));
            break;
        };
        let end = start + end_rel + 2;
        let inner = text[start + 2..end - 2].trim();
        match parse_call(inner) {
            Ok((name, args)) => calls.push(Call {
                name,
                args,
                span: start..end,
            }),
            Err(e) => errors.push((start, e)),
        }
        from = end;
    }
    (calls, errors)
}

fn parse_call(inner: &str) -> Result<(String, Vec<(String, String)>), String> {
    let open = inner
        .find('(')
        .ok_or("expected name(arguments), e.g. value(unit=\"ha-noi\")")?;
    let name = inner[..open].trim().to_owned();
    let body = inner[open + 1..]
        .strip_suffix(')')
        .ok_or("missing closing parenthesis")?;
    let mut args = Vec::new();
    let mut rest = body.trim();
    while !rest.is_empty() {
        let eq = rest
            .find('=')
            .ok_or_else(|| format!("expected key=\"value\" in `{rest}`"))?;
        let key = rest[..eq].trim().to_owned();
        let after = rest[eq + 1..].trim_start();
        let (value, tail) = if let Some(q) = after.strip_prefix('"') {
            let close = q.find('"').ok_or("unclosed quote")?;
            (q[..close].to_owned(), &q[close + 1..])
        } else {
            let stop = after.find(',').unwrap_or(after.len());
            (after[..stop].trim().to_owned(), &after[stop..])
        };
        args.push((key, value));
        rest = tail
            .trim_start()
            .strip_prefix(',')
            .unwrap_or(tail)
            .trim_start();
    }
    Ok((name, args))
}

/// "unknown unit `ha-noj`; did you mean `ha-noi`?"
fn unknown<'a>(what: &str, value: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    match suggest::closest(value, known) {
        Some(c) => format!("unknown {what} `{value}`; did you mean `{c}`?"),
        None => format!("unknown {what} `{value}`"),
    }
}

/// A call with its arguments resolved against the dataset.
struct Resolved<'a> {
    name: &'a str,
    unit: Option<UnitId>,
    edition: Option<EditionId>,
    indicator: IndicatorId,
    of: Option<&'a str>,
}

fn resolve<'a>(call: &'a Call, ds: &Dataset, defaults: Defaults) -> Result<Resolved<'a>, String> {
    let Some((_, allowed)) = NAMES.iter().find(|(n, _)| *n == call.name) else {
        let names: Vec<&str> = NAMES.iter().map(|(n, _)| *n).collect();
        return Err(format!(
            "unknown shortcode `{}` ({})",
            call.name,
            suggest::hint(
                &call.name,
                names.iter().copied(),
                &format!("known: {}", names.join(", "))
            )
        ));
    };
    let mut r = Resolved {
        name: &call.name,
        unit: defaults.unit,
        edition: defaults.edition,
        indicator: ds.root_indicator(),
        of: None,
    };
    for (key, value) in &call.args {
        if !allowed.contains(&key.as_str()) {
            return Err(format!(
                "`{}` takes no argument `{key}` ({})",
                call.name,
                suggest::hint(
                    key,
                    allowed.iter().copied(),
                    &format!("it takes: {}", allowed.join(", "))
                )
            ));
        }
        match key.as_str() {
            "unit" => {
                r.unit = Some(ds.unit_by_slug(value).ok_or_else(|| {
                    unknown("unit", value, ds.units.iter().map(|u| u.slug.as_str()))
                })?)
            }
            "edition" => {
                r.edition = Some(ds.edition_by_id(value).ok_or_else(|| {
                    unknown("edition", value, ds.editions.iter().map(|e| e.id.as_str()))
                })?)
            }
            "indicator" => {
                r.indicator = ds.indicator_by_code(value).ok_or_else(|| {
                    unknown(
                        "indicator",
                        value,
                        ds.indicators.iter().map(|i| i.code.as_str()),
                    )
                })?
            }
            _ => r.of = Some(value.as_str()),
        }
    }
    let needs_unit = allowed.contains(&"unit");
    let needs_edition = allowed.contains(&"edition");
    if needs_unit && r.unit.is_none() {
        return Err(format!(
            "`{}` needs unit=\"…\" here (the file is not about one unit)",
            call.name
        ));
    }
    if needs_edition && r.edition.is_none() {
        return Err(format!(
            "`{}` needs edition=\"…\" here (the file is not about one edition)",
            call.name
        ));
    }
    if let Some(of) = r.of {
        let ok = match r.name {
            "rank" => matches!(of, "true" | "false"),
            _ => matches!(of, "value" | "percent" | "rank"),
        };
        if !ok {
            return Err(format!("`{}`: of=\"{of}\" is not allowed", call.name));
        }
    }
    Ok(r)
}

/// Checks every call of a document at load time; errors name file, line and column.
pub fn check(
    src: &SourceFile,
    body: &str,
    body_line: usize,
    ds: &Dataset,
    defaults: Defaults,
    diags: &mut Diagnostics,
) {
    let (calls, errors) = parse(body);
    let at = |offset: usize, width: usize, msg: String| {
        let line = body[..offset].matches('\n').count();
        let col = body[..offset]
            .rsplit('\n')
            .next()
            .map(|s| s.chars().count())
            .unwrap_or(0)
            + 1;
        src.error_at(body_line + line, col, width, msg)
    };
    for (offset, msg) in errors {
        diags.push(
            at(offset, 2, format!("shortcode: {msg}"))
                .hint("write {{ value(unit=\"ha-noi\", edition=\"2023\") }}"),
        );
    }
    for call in calls {
        if let Err(msg) = resolve(&call, ds, defaults) {
            let width = body[call.span.clone()].chars().count();
            diags.push(at(call.span.start, width, format!("shortcode: {msg}")).hint("units are slugs of units.csv, editions ids of site.toml, indicators codes of indicators.toml"));
        }
    }
}

/// Replaces every call in `body` by its text in the language of `t`. Figures that do not exist are errors
/// (`Err` with the call's byte offset and a message).
pub fn expand(
    body: &str,
    ds: &Dataset,
    report: &Report,
    defaults: Defaults,
    t: &Strings,
) -> Result<String, (usize, String)> {
    let (calls, errors) = parse(body);
    if let Some((offset, msg)) = errors.into_iter().next() {
        return Err((offset, msg));
    }
    let mut out = String::with_capacity(body.len());
    let mut last = 0;
    for call in &calls {
        out.push_str(&body[last..call.span.start]);
        let r = resolve(call, ds, defaults).map_err(|m| (call.span.start, m))?;
        out.push_str(&figure(&r, ds, report, t).map_err(|m| (call.span.start, m))?);
        last = call.span.end;
    }
    out.push_str(&body[last..]);
    Ok(out)
}

fn figure(r: &Resolved, ds: &Dataset, report: &Report, t: &Strings) -> Result<String, String> {
    let lang = t.lang();
    let places = ds.precision as usize;
    let i = r.indicator;
    let code = &ds.indicators[i].code;
    let missing = |what: &str| {
        let unit = r.unit.map(|u| ds.units[u].slug.as_str()).unwrap_or("");
        let ed = r.edition.map(|e| ds.editions[e].id.as_str()).unwrap_or("");
        format!("no {what} of `{unit}` for `{code}` in {ed}")
    };
    let entry = || {
        r.edition
            .zip(r.unit)
            .and_then(|(e, u)| report.entry(e, i, u))
    };
    let stats = || {
        r.edition
            .and_then(|e| report.table(e, i))
            .and_then(|t| t.stats)
    };
    Ok(match r.name {
        "value" => number::decimal(
            entry()
                .and_then(|en| en.value)
                .ok_or_else(|| missing("value"))?,
            places,
            lang,
        ),
        "rank" => {
            let rank = entry()
                .and_then(|en| en.rank)
                .ok_or_else(|| missing("rank"))?;
            let of = ds.editions[r.edition.unwrap()].units.len();
            if r.of == Some("true") {
                format!("{rank}/{of}")
            } else {
                rank.to_string()
            }
        }
        "change" => {
            let c = entry()
                .map(|en| en.change)
                .ok_or_else(|| missing("figure"))?;
            match r.of.unwrap_or("value") {
                "percent" => number::signed_percent(
                    c.value_pct.ok_or_else(|| missing("percent change"))?,
                    1,
                    lang,
                ),
                "rank" => {
                    number::rank_change(c.rank_places.ok_or_else(|| missing("rank change"))?, lang)
                }
                _ => number::signed_decimal(
                    c.value_abs.ok_or_else(|| missing("value change"))?,
                    places,
                    lang,
                ),
            }
        }
        "units" => number::integer(ds.editions[r.edition.unwrap()].units.len() as i64, lang),
        "name" => {
            let p = ds.units[r.unit.unwrap()].latest();
            if lang == Lang::Vi {
                p.name.clone()
            } else {
                p.name_en.clone()
            }
        }
        "table" => table(r, ds, report, t),
        // The other names of `NAMES` are statistics (`mean`, `median`, `min`, `max`).
        name => {
            let stat = Statistic::parse(name).expect("a shortcode name is checked by `resolve`");
            let s = stats().ok_or_else(|| missing("complete table"))?;
            let v = s.get(stat).ok_or_else(|| missing(stat.as_str()))?;
            number::decimal(v, places, lang)
        }
    })
}

/// A small HTML table of one unit's figures over the editions.
fn table(r: &Resolved, ds: &Dataset, report: &Report, t: &Strings) -> String {
    let lang = t.lang();
    let u = r.unit.expect("resolved");
    let vi = lang == Lang::Vi;
    // The headers of the charts' data tables: one word per idea across the site.
    let head = [
        t.get("chart_column.year"),
        t.get("chart_column.value"),
        t.get("chart_column.rank"),
        t.get("chart_column.change"),
    ];
    let mut html = format!(
        "\n<table class=\"shortcode-table\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th></tr></thead><tbody>",
        head[0], head[1], head[2], head[3]
    );
    for e in ds.edition_ids() {
        let Some(en) = report.entry(e, r.indicator, u) else {
            continue;
        };
        let label = if vi {
            &ds.editions[e].label
        } else {
            &ds.editions[e].label_en
        };
        let value = en
            .value
            .map(|v| number::decimal(v, ds.precision as usize, lang))
            .unwrap_or_else(|| "—".into());
        let rank = en
            .rank
            .map(|x| format!("{x}/{}", ds.editions[e].units.len()))
            .unwrap_or_default();
        let change = en
            .change
            .rank_places
            .map(|p| number::rank_change(p, lang))
            .unwrap_or_default();
        html.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{value}</td><td class=\"num\">{rank}</td><td class=\"num\">{change}</td></tr>",
            crate::text::escape(label)
        ));
    }
    html.push_str("</tbody></table>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_calls_and_arguments() {
        let (calls, errors) = parse(
            "Đạt {{ value(unit=\"ninh-thuan\", edition=\"2021\") }}, hạng {{rank(of=true)}}.",
        );
        assert!(errors.is_empty());
        assert_eq!(calls.len(), 2);
        assert_eq!(calls[0].name, "value");
        assert_eq!(
            calls[0].args,
            vec![
                ("unit".to_owned(), "ninh-thuan".to_owned()),
                ("edition".to_owned(), "2021".to_owned())
            ]
        );
        assert_eq!(calls[1].args, vec![("of".to_owned(), "true".to_owned())]);
        assert_eq!(
            &"Đạt {{ value(unit=\"ninh-thuan\", edition=\"2021\") }}"[calls[0].span.clone()],
            "{{ value(unit=\"ninh-thuan\", edition=\"2021\") }}"
        );
    }

    #[test]
    fn syntax_errors_are_reported() {
        for bad in [
            "{{ value }}",
            "{{ value(unit=\"x) }}",
            "{{ value(unit) }}",
            "{{ value(",
            "{{ value(unit=\"a\" }}",
        ] {
            let (_, errors) = parse(bad);
            assert!(!errors.is_empty(), "{bad}");
        }
    }
}
