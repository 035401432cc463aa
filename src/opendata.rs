//! Open-data downloads: the whole dataset (long CSV), one wide CSV per edition, one JSON per
//! province and per edition. Machine format (decimal point, no grouping), sorted, stable.

use serde::Serialize;

use crate::compute::{RankSource, Report, Source};
use crate::config::Config;
use crate::model::{Dataset, EditionId, IndicatorId, Statistic};
use crate::text::number::round_to;

/// A generated file: path relative to the output folder, and its bytes.
pub type OutFile = (String, Vec<u8>);

fn rank_source(s: Option<RankSource>) -> &'static str {
    s.map_or("", RankSource::as_str)
}

/// One cell of a download table: the CSV writes it in machine format, the XLSX as a typed cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Text (codes stay text: "01").
    Text(String),
    /// An indicator value, already rounded to the published precision.
    Value(f64),
    /// A rank or a year: a whole number.
    Whole(i64),
    /// Not published.
    Empty,
}

impl Cell {
    fn text(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }

    /// The cell as the CSV writes it.
    pub fn csv(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Value(v) => v.to_string(),
            Cell::Whole(n) => n.to_string(),
            Cell::Empty => String::new(),
        }
    }
}

/// A download table: header row and typed rows, written as CSV and as XLSX from the same rows
/// so the two can never disagree.
pub struct Sheet {
    /// Path of the CSV, relative to the output folder; the XLSX sits beside it.
    pub csv_path: String,
    /// Column names.
    pub header: Vec<String>,
    /// Data rows.
    pub rows: Vec<Vec<Cell>>,
    /// What the notes sheet says: (field, value) pairs.
    pub notes: Vec<(String, String)>,
}

impl Sheet {
    /// The CSV file.
    pub fn csv_file(&self) -> OutFile {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(&self.header)
            .expect("writing CSV to memory cannot fail");
        for r in &self.rows {
            w.write_record(r.iter().map(Cell::csv))
                .expect("writing CSV to memory cannot fail");
        }
        (
            self.csv_path.clone(),
            w.into_inner().expect("in-memory writer"),
        )
    }
}

fn value(v: Option<f64>, places: u32) -> Cell {
    v.map_or(Cell::Empty, |v| Cell::Value(round_to(v, places)))
}

fn whole(n: Option<impl Into<i64>>) -> Cell {
    n.map_or(Cell::Empty, |n| Cell::Whole(n.into()))
}

/// Title, licence and the distinct sources of the figures in `editions`, for the notes sheet.
fn notes(
    config: &Config,
    ds: &Dataset,
    report: &Report,
    editions: &[EditionId],
) -> Vec<(String, String)> {
    let mut notes = vec![
        ("title".to_owned(), config.title.clone()),
        ("title_en".to_owned(), config.title_en.clone()),
    ];
    for &e in editions {
        let ed = &ds.editions[e];
        notes.push(("edition".into(), ed.id.clone()));
        for (k, v) in [("note", &ed.note), ("note_en", &ed.note_en)] {
            if !v.is_empty() {
                notes.push((k.into(), v.clone()));
            }
        }
    }
    let site = config
        .base_url
        .as_ref()
        .map(|b| b.to_string())
        .unwrap_or_default();
    for (k, v) in [
        ("licence", &config.licence.data),
        ("licence_url", &config.licence.data_url),
        ("site", &site),
        ("publisher", &config.publisher),
    ] {
        if !v.is_empty() {
            notes.push((k.into(), v.clone()));
        }
    }
    let mut sources: Vec<&str> = Vec::new();
    for (&(e, i), table) in &report.tables {
        if !editions.contains(&e) {
            continue;
        }
        for en in &table.entries {
            if let Some(o) = ds.observation(e, i, en.unit)
                && !o.source.is_empty()
                && !sources.contains(&o.source.as_str())
            {
                sources.push(&o.source);
            }
        }
    }
    sources.sort_unstable();
    notes.extend(
        sources
            .into_iter()
            .map(|s| ("source".to_owned(), s.to_owned())),
    );
    notes
}

/// Path of the whole-dataset download: `data/<[index] data_file>.csv`, by default named after
/// the root indicator's code (`data/dti.csv`).
pub fn long_csv_path(config: &Config, ds: &Dataset) -> String {
    format!("data/{}.csv", long_csv_stem(config, ds))
}

/// The file stem of [`long_csv_path`].
pub fn long_csv_stem<'a>(config: &'a Config, ds: &'a Dataset) -> &'a str {
    config
        .index
        .data_file
        .as_deref()
        .unwrap_or(&ds.indicators[ds.root_indicator()].code)
}

/// The whole-dataset table (see [`long_csv_path`]): every figure, long format.
pub fn long_sheet(config: &Config, ds: &Dataset, report: &Report) -> Sheet {
    let header = [
        "year",
        "edition",
        "code",
        "slug",
        "name",
        "indicator",
        "value",
        "value_source",
        "rank",
        "rank_source",
        "source",
        "note",
    ]
    .map(String::from)
    .to_vec();
    let mut rows = Vec::new();
    for (&(e, i), table) in &report.tables {
        let ed = &ds.editions[e];
        for en in &table.entries {
            let p = ds.period_in(en.unit, e);
            let o = ds.observation(e, i, en.unit);
            rows.push(vec![
                Cell::Whole(ed.year.into()),
                Cell::text(&ed.id),
                Cell::text(&p.code),
                Cell::text(&ds.units[en.unit].slug),
                Cell::text(&p.name),
                Cell::text(&ds.indicators[i].code),
                value(en.value, ds.precision),
                Cell::text(en.value_source.map_or("", Source::as_str)),
                whole(en.rank),
                Cell::text(rank_source(en.rank_source)),
                Cell::text(o.map(|o| o.source.as_str()).unwrap_or_default()),
                Cell::text(o.map(|o| o.note.as_str()).unwrap_or_default()),
            ]);
        }
    }
    let all: Vec<EditionId> = ds.edition_ids().collect();
    Sheet {
        csv_path: long_csv_path(config, ds),
        header,
        rows,
        notes: notes(config, ds, report, &all),
    }
}

/// `data/<edition>.csv`: one row per unit, value and rank columns per indicator.
pub fn edition_sheet(config: &Config, ds: &Dataset, report: &Report, e: EditionId) -> Sheet {
    let inds: Vec<IndicatorId> = ds
        .indicator_ids()
        .filter(|&i| report.table(e, i).is_some())
        .collect();
    let mut header: Vec<String> = ["code", "slug", "name", "region"]
        .map(String::from)
        .to_vec();
    for &i in &inds {
        header.push(ds.indicators[i].code.clone());
        header.push(format!("rank:{}", ds.indicators[i].code));
    }
    let mut rows = Vec::new();
    for &u in &ds.editions[e].units {
        if !inds.iter().any(|&i| report.entry(e, i, u).is_some()) {
            continue;
        }
        let p = ds.period_in(u, e);
        let mut row = vec![
            Cell::text(&p.code),
            Cell::text(&ds.units[u].slug),
            Cell::text(&p.name),
            Cell::text(&p.region),
        ];
        for &i in &inds {
            let en = report.entry(e, i, u);
            row.push(value(en.and_then(|x| x.value), ds.precision));
            row.push(whole(en.and_then(|x| x.rank)));
        }
        rows.push(row);
    }
    Sheet {
        csv_path: format!("data/{}.csv", ds.editions[e].id),
        header,
        rows,
        notes: notes(config, ds, report, &[e]),
    }
}

#[derive(Serialize)]
struct ProvinceJson<'a> {
    code: &'a str,
    slug: &'a str,
    name: &'a str,
    name_en: &'a str,
    region: &'a str,
    region_en: &'a str,
    successor: Option<&'a str>,
    predecessors: Vec<&'a str>,
    /// The unit this one belongs to now (a commune's province); left out when none.
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<&'a str>,
    /// Units that belong to this one in any period; left out when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    children: Vec<&'a str>,
    indicators: std::collections::BTreeMap<&'a str, Vec<FigureJson<'a>>>,
}

#[derive(Serialize)]
struct FigureJson<'a> {
    year: u16,
    edition: &'a str,
    name: &'a str,
    value: Option<f64>,
    rank: Option<u32>,
    of: usize,
    value_source: Option<&'static str>,
    rank_source: Option<&'static str>,
    value_change: Option<f64>,
    value_change_pct: Option<f64>,
    /// `computed`, `derived` when the change rests on a derived figure, or `official` for a
    /// percent change as published where none can be computed (no `value_change` then).
    value_change_source: Option<&'static str>,
    rank_change: Option<i64>,
    /// `computed`, or `derived` when the change rests on a derived rank.
    rank_change_source: Option<&'static str>,
    /// The change spans two editions assessed under different methodologies.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    crosses_method: bool,
    /// The parent in that edition, and the rank among its units (left out without a parent).
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent_rank: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent_of: Option<u32>,
    source: &'a str,
    note: &'a str,
}

/// `data/<units>/<slug>.json` for every unit (`data/provinces/` on the DTI site).
pub fn province_json(ds: &Dataset, report: &Report) -> Vec<OutFile> {
    ds.unit_ids()
        .map(|u| {
            let unit = &ds.units[u];
            let p = unit.latest();
            let mut indicators = std::collections::BTreeMap::new();
            for (i, ind) in ds.indicator_ids().zip(&ds.indicators) {
                let figures: Vec<FigureJson> = ds
                    .edition_ids()
                    .filter_map(|e| {
                        let en = report.entry(e, i, u)?;
                        let o = ds.observation(e, i, u);
                        let placing = report.placing(e, i, u);
                        Some(FigureJson {
                            parent: ds.parent_in(u, e).map(|x| ds.units[x].slug.as_str()),
                            parent_rank: placing.map(|x| x.rank),
                            parent_of: placing.map(|x| x.of),
                            year: ds.editions[e].year,
                            edition: &ds.editions[e].id,
                            name: &ds.period_in(u, e).name,
                            value: en.value.map(|v| round_to(v, ds.precision)),
                            rank: en.rank,
                            of: ds.editions[e].units.len(),
                            value_source: en.value_source.map(Source::as_str),
                            rank_source: en.rank.map(|_| rank_source(en.rank_source)),
                            value_change: en.change.value_abs.map(|v| round_to(v, ds.precision)),
                            value_change_pct: en.change.value_pct.map(|v| round_to(v, 2)),
                            value_change_source: en.change.value_source.map(Source::as_str),
                            rank_change: en.change.rank_places,
                            rank_change_source: en.change.rank_source.map(Source::as_str),
                            crosses_method: en.change.crosses_method,
                            source: o.map(|o| o.source.as_str()).unwrap_or(""),
                            note: o.map(|o| o.note.as_str()).unwrap_or(""),
                        })
                    })
                    .collect();
                if !figures.is_empty() {
                    indicators.insert(ind.code.as_str(), figures);
                }
            }
            let json = ProvinceJson {
                code: &p.code,
                slug: &unit.slug,
                name: &p.name,
                name_en: &p.name_en,
                region: &p.region,
                region_en: &p.region_en,
                successor: unit.successor.map(|s| ds.units[s].slug.as_str()),
                predecessors: unit
                    .predecessors
                    .iter()
                    .map(|&x| ds.units[x].slug.as_str())
                    .collect(),
                parent: p.parent.map(|x| ds.units[x].slug.as_str()),
                children: unit
                    .children
                    .iter()
                    .map(|&x| ds.units[x].slug.as_str())
                    .collect(),
                indicators,
            };
            (ds.unit_paths.json(&unit.slug), pretty(&json))
        })
        .collect()
}

#[derive(Serialize)]
struct YearJson<'a> {
    year: u16,
    edition: &'a str,
    units: usize,
    indicators: std::collections::BTreeMap<&'a str, IndicatorYearJson<'a>>,
}

#[derive(Serialize)]
struct IndicatorYearJson<'a> {
    mean: Option<f64>,
    median: Option<f64>,
    min: Option<f64>,
    max: Option<f64>,
    /// Per aggregate above: `computed` (from a complete table) or `published` (filled in from
    /// published-stats.csv where nothing can be computed).
    aggregate_source: std::collections::BTreeMap<&'static str, &'static str>,
    count: usize,
    complete: bool,
    published: std::collections::BTreeMap<&'a str, f64>,
    ranking: Vec<RankJson<'a>>,
}

#[derive(Serialize)]
struct RankJson<'a> {
    rank: Option<u32>,
    slug: &'a str,
    code: &'a str,
    name: &'a str,
    value: Option<f64>,
    value_source: Option<&'static str>,
    rank_source: Option<&'static str>,
    rank_change: Option<i64>,
    /// The unit's parent and its rank among the parent's units (left out without a parent).
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent_rank: Option<u32>,
}

/// `data/years/<edition>.json` for every edition with figures.
pub fn year_json(ds: &Dataset, report: &Report) -> Vec<OutFile> {
    ds.edition_ids()
        .filter(|&e| ds.indicator_ids().any(|i| report.table(e, i).is_some()))
        .map(|e| {
            let ed = &ds.editions[e];
            let r = |v: Option<f64>| v.map(|v| round_to(v, ds.precision));
            let indicators = ds
                .indicator_ids()
                .filter_map(|i| {
                    let t = report.table(e, i)?;
                    let published = ds
                        .published
                        .iter()
                        .filter(|p| p.edition == e && p.indicator == i)
                        .map(|p| (p.statistic.as_str(), p.value))
                        .collect();
                    let ranking = t
                        .entries
                        .iter()
                        .map(|en| {
                            let p = ds.period_in(en.unit, e);
                            RankJson {
                                rank: en.rank,
                                slug: &ds.units[en.unit].slug,
                                code: &p.code,
                                name: &p.name,
                                value: r(en.value),
                                value_source: en.value_source.map(Source::as_str),
                                rank_source: en.rank.and(en.rank_source).map(Source::as_str),
                                rank_change: en.change.rank_places,
                                parent: p.parent.map(|x| ds.units[x].slug.as_str()),
                                parent_rank: report.placing(e, i, en.unit).map(|x| x.rank),
                            }
                        })
                        .collect();
                    let agg = |stat| crate::claims::aggregate(ds, report, e, i, stat);
                    let aggregate_source = Statistic::AGGREGATES
                        .into_iter()
                        .filter_map(|stat| agg(stat).map(|a| (stat.as_str(), a.source.as_str())))
                        .collect();
                    let stats = IndicatorYearJson {
                        mean: r(agg(Statistic::Mean).map(|a| a.value)),
                        median: r(agg(Statistic::Median).map(|a| a.value)),
                        min: r(agg(Statistic::Min).map(|a| a.value)),
                        max: r(agg(Statistic::Max).map(|a| a.value)),
                        aggregate_source,
                        count: t.entries.iter().filter(|en| en.value.is_some()).count(),
                        complete: t.complete,
                        published,
                        ranking,
                    };
                    Some((ds.indicators[i].code.as_str(), stats))
                })
                .collect();
            let json = YearJson {
                year: ed.year,
                edition: &ed.id,
                units: ed.units.len(),
                indicators,
            };
            (format!("data/years/{}.json", ed.id), pretty(&json))
        })
        .collect()
}

fn pretty<T: Serialize>(v: &T) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(v).expect("view models serialise");
    out.push(b'\n');
    out
}
