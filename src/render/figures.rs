//! The charts of each page: builds chart inputs from the report, and presents each chart with
//! its numbers (a table in `<details>`) and a download of its CSV, written next to the page.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::charts::{self, Chart};
use crate::diagnostics::Diagnostic;
use crate::model::{EditionId, IndicatorId, IndicatorKind, Statistic, UnitId};
use crate::opendata::OutFile;
use crate::plan::{Page, PageKind};
use crate::text::Lang;

use super::Ctx;
use super::common;

/// A chart as a page shows it.
#[derive(Serialize, Clone)]
pub struct Figure {
    /// Title (also the SVG's `<title>`).
    pub title: String,
    /// Sentence describing the data.
    pub desc: String,
    /// The SVG, inlined. There is no separate SVG file: it would repeat the inline chart byte
    /// for byte (22 MB of the bundled site); the page itself is the chart's download.
    pub svg: String,
    /// Link to the CSV file (the numbers in machine format, which the page shows formatted).
    pub csv_href: String,
    /// The numbers: header row, then data rows.
    pub table: Vec<Vec<String>>,
    /// The narrow layout of the SVG, inlined beside the wide one (CSS shows one of them). Its
    /// `<title>` and `<desc>` are left out: it is labelled by the wide one's, so the page holds
    /// each id and each sentence once. Empty when the figure has one layout (maps).
    pub narrow: String,
    /// The figure's element id, `embed-<name>`: the page's address with `#embed-<name>` is the
    /// figure's embed view (the page's CSS shows that figure alone), so no second copy of the
    /// chart is written (1,552 embed pages were a third of the bundled site).
    pub embed_id: String,
    /// The page without the fragment, for the embed view's links back (`./` or the file name).
    pub embed_back: String,
    /// What to paste: the `<iframe>` code. Its address is absolute when the base URL is known;
    /// otherwise app.js makes it absolute from the page's own address.
    pub embed_code: String,
    /// For maps: where the boundaries come from and under which licence (empty: unknown).
    pub credit: Option<crate::config::MapSource>,
    /// Legend of the provenance marks in the chart's table (and drawn in the chart).
    pub legend: Vec<super::provenance::LegendLine>,
}

/// The figures of a page keyed by name, and the files to write beside it.
#[derive(Default)]
pub struct Figures {
    /// Name → figure, for the template.
    pub map: BTreeMap<&'static str, Figure>,
    /// SVG and CSV files.
    pub files: Vec<OutFile>,
    /// Share cards to draw in the write stage: (path, card).
    pub cards: Vec<(String, crate::card::Card)>,
    /// The page's share card, site-relative (`tinh/hue/2024/card.png`), if it has one: the
    /// page's own, or the card of the page that shows the same figures.
    pub card: Option<String>,
    /// The card's text, line by line joined (its `og:image:alt`): what the image says, marks and
    /// their note included, for readers who do not see it.
    pub card_alt: Option<String>,
}

impl Figures {
    /// Draws a chart twice, wide and narrow (see [`charts::narrow`]), and adds it; nothing when
    /// `draw` has nothing to show.
    fn draw(&mut self, page: &Page, name: &'static str, draw: impl Fn() -> Option<Chart>) {
        let Some(wide) = draw() else { return };
        let narrow = charts::narrow(&draw);
        self.add(page, name, wide);
        if let (Some(f), Some(narrow)) = (self.map.get_mut(name), narrow) {
            f.narrow = narrow_body(&narrow.svg);
        }
    }

    fn add(&mut self, page: &Page, name: &'static str, chart: Chart) {
        // Files live in the page's folder, so their links are just the file names.
        let dir = page.dir();
        let csv_name = format!("{name}.csv");
        let table = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(chart.csv.as_bytes())
            .records()
            .filter_map(Result::ok)
            .map(|r| r.iter().map(str::to_owned).collect())
            .collect();
        self.files
            .push((format!("{dir}{csv_name}"), chart.csv.into_bytes()));

        self.map.insert(
            name,
            Figure {
                title: chart.title,
                desc: chart.desc,
                svg: chart.svg,
                csv_href: csv_name,
                table,
                narrow: String::new(),
                embed_id: embed_id(name),
                embed_back: String::new(),
                embed_code: String::new(),
                credit: None,
                legend: Vec::new(),
            },
        );
    }

    /// Fills in the `<iframe>` code of every figure: its height fits the taller of the two
    /// layouts at the widths they are shown at, plus the caption.
    fn embed_codes(&mut self, ctx: &Ctx, page: &Page) {
        let file = page.file();
        let back = if ctx.config.pretty_urls && file.ends_with("index.html") {
            "./".to_owned()
        } else {
            file.rsplit('/').next().unwrap_or(&file).to_owned()
        };
        for (name, f) in &mut self.map {
            f.embed_back = back.clone();
            let src = match &ctx.config.base_url {
                None => format!("#{}", embed_id(name)),
                Some(base) => format!("{}#{}", base.join(&page.url), embed_id(name)),
            };
            let tall =
                |svg: &str, shown: f64| view_box(svg).map_or(0.0, |(w, h)| h * shown / w.max(1.0));
            let height = tall(&f.svg, 680.0).max(tall(&f.narrow, 340.0)) + 240.0;
            f.embed_code = format!(
                "<iframe src=\"{}\" title=\"{}\" style=\"width:100%;max-width:700px;height:{}px;border:0\" loading=\"lazy\"></iframe>",
                src,
                crate::text::escape(&f.title),
                height.round() as i64
            );
        }
    }

    /// Adds a map with its boundary credit.
    fn add_map(&mut self, page: &Page, (chart, credit): (Chart, crate::config::MapSource)) {
        self.add(page, "ban-do", chart);
        if let Some(f) = self.map.get_mut("ban-do") {
            f.credit = Some(credit);
        }
    }

    /// Adds the page's share card (a PNG beside the page, drawn by the write stage). A card
    /// whose text the card font cannot draw is an error, not a page without a card.
    fn card(&mut self, page: &Page, card: crate::card::Card) -> Result<(), Diagnostic> {
        let path = format!("{}card.png", page.dir());
        crate::card::drawable(&card).map_err(|e| super::card_diagnostic(&path, &e))?;
        self.card_alt = Some(card.text().join(" · "));
        self.card = Some(path.clone());
        self.cards.push((path, card));
        Ok(())
    }

    /// Shares the card of the page `kind` in `page`'s language, which shows the same figures
    /// (a profile's latest edition, the home page's featured ranking) and is drawn there: a
    /// second copy was 2.4 MB of the bundled site. Returns whether that page is planned.
    fn share(&mut self, ctx: &Ctx, page: &Page, kind: PageKind) -> bool {
        let Some(other) = ctx.plan.page(kind, page.lang) else {
            return false;
        };
        self.card = Some(format!("{}card.png", other.dir()));
        true
    }
}

/// Marks of a chart table's cells: (row, column after the source columns are removed, mark).
type CellMarks = Vec<(usize, usize, super::provenance::Mark)>;

/// Takes the provenance columns out of a chart's machine table: a column `X_source` (`derived`,
/// `published`…) says where each figure of column `X` comes from. The CSV download keeps them;
/// the page's table shows each as the figure's mark ("0,4294 †"), put back by [`put_marks`].
fn take_marks(table: &mut [Vec<String>], t: &crate::text::Strings) -> CellMarks {
    use super::provenance::{Usual, mark};
    let Some(header) = table.first().cloned() else {
        return Vec::new();
    };
    let pairs: Vec<(usize, usize)> = header
        .iter()
        .enumerate()
        .filter_map(|(s, h)| {
            let figure = h.strip_suffix("_source")?;
            Some((header.iter().position(|x| x == figure)?, s))
        })
        .collect();
    if pairs.is_empty() {
        return Vec::new();
    }
    let dropped: Vec<usize> = pairs.iter().map(|&(_, s)| s).collect();
    // The column a figure lands in once the source columns are gone.
    let shifted = |c: usize| c - dropped.iter().filter(|&&d| d < c).count();
    let mut marks = Vec::new();
    for (r, row) in table.iter().enumerate().skip(1) {
        for &(figure, source) in &pairs {
            let usual = match header[figure].as_str() {
                "value" | "rank" | "from_rank" | "to_rank" => Usual::Official,
                _ => Usual::Computed,
            };
            let parsed = row.get(source).and_then(|s| crate::model::Source::parse(s));
            if let Some(m) = mark(t, parsed, usual) {
                marks.push((r, shifted(figure), m));
            }
        }
    }
    for row in table.iter_mut() {
        let mut c = 0;
        row.retain(|_| {
            c += 1;
            !dropped.contains(&(c - 1))
        });
    }
    marks
}

/// Puts the marks taken by [`take_marks`] after their figures; returns their legend.
fn put_marks(
    table: &mut [Vec<String>],
    marks: &CellMarks,
    t: &crate::text::Strings,
) -> Vec<super::provenance::LegendLine> {
    for (r, c, m) in marks {
        if let Some(cell) = table.get_mut(*r).and_then(|row| row.get_mut(*c)) {
            *cell = super::provenance::with_symbol(cell, Some(m));
        }
    }
    super::provenance::legend(t, marks.iter().map(|(_, _, m)| m))
}

/// Turns a chart's machine table (`edition,value,mean`, `0.834`, `-1`) into the one a reader
/// sees: headers from the theme's `[chart_column]` strings, decimals at the published precision
/// with the page's separators, the true minus sign. Codes and years are left as written.
fn localise_table(table: &mut [Vec<String>], t: &crate::text::Strings, lang: Lang, places: usize) {
    let Some((header, rows)) = table.split_first_mut() else {
        return;
    };
    let as_written: Vec<bool> = header
        .iter()
        .map(|h| matches!(h.as_str(), "code" | "edition" | "year"))
        .collect();
    // Counts and ranks are whole numbers; every other number is a value, shown at the published
    // precision even when it happens to be whole (71.00 on a 0–100 scale, not 71).
    let whole: Vec<bool> = header
        .iter()
        .map(|h| {
            matches!(
                h.as_str(),
                "rank" | "from_rank" | "to_rank" | "change" | "units" | "count" | "class"
            )
        })
        .collect();
    // A row that names a statistic of all the units instead of a unit (the strip chart's
    // `min`, `q1`… rows, which have no rank) is headed by that statistic's word.
    let column = |name: &str| header.iter().position(|h| h == name);
    let (unit_col, rank_col) = (column("unit"), column("rank"));
    for h in header.iter_mut() {
        if let Some(word) = t.find(&format!("chart_column.{h}")) {
            *h = word.to_owned();
        }
    }
    for row in rows.iter_mut() {
        let unranked = rank_col.is_none_or(|r| row.get(r).is_none_or(String::is_empty));
        let Some(cell) = unit_col.and_then(|c| row.get_mut(c)) else {
            continue;
        };
        let word = match cell.as_str() {
            "min" => t.get("chart_column.min"),
            "q1" => t.get("chart_column.q1"),
            "median" => t.get("chart_column.median"),
            "q3" => t.get("chart_column.q3"),
            "max" => t.get("chart_column.max"),
            "mean" => t.get("chart_column.mean"),
            _ => continue,
        };
        if unranked {
            *cell = word.to_owned();
        }
    }
    for row in rows {
        for (i, cell) in row.iter_mut().enumerate() {
            if as_written.get(i).copied().unwrap_or(false) {
                continue;
            }
            if whole.get(i).copied().unwrap_or(false) {
                if let Ok(n) = cell.parse::<i64>() {
                    *cell = crate::text::integer(n, lang);
                }
            } else if let Ok(v) = cell.parse::<f64>()
                && v.is_finite()
            {
                *cell = crate::text::decimal(v, places, lang);
            }
        }
    }
}

/// The symbols and legend words of provenance marks drawn in charts (the theme's `[mark]`).
fn mark_words(t: &crate::text::Strings) -> charts::MarkWords {
    charts::MarkWords {
        derived: t.get("mark.derived").to_owned(),
        derived_point: t.get("mark.derived_point").to_owned(),
        published: t.get("mark.published").to_owned(),
        published_line: t.get("mark.published_line").to_owned(),
    }
}

/// Words claims in the page's language.
fn phraser<'a>(ctx: &'a Ctx, lang: Lang) -> crate::claims::phrase::Phraser<'a> {
    crate::claims::phrase::Phraser::new(ctx.t(lang), ctx.ds)
}

/// The leader/last sentence of indicator `i` in edition `e`, with the national mean.
fn extremes_sentence(ctx: &Ctx, e: EditionId, i: IndicatorId, lang: Lang) -> String {
    crate::claims::extremes(ctx.ds, ctx.report, e, i)
        .map(|x| {
            let mean = crate::claims::aggregate(ctx.ds, ctx.report, e, i, Statistic::Mean);
            phraser(ctx, lang).extremes(&x, mean)
        })
        .unwrap_or_default()
}

/// A narrow SVG without its `<title>` and `<desc>` (the wide drawing's, with the same ids,
/// label it), so the page has no duplicate ids and the sentences are not sent twice.
fn narrow_body(svg: &str) -> String {
    svg.lines()
        .filter(|l| !l.starts_with("<title id=") && !l.starts_with("<desc id="))
        // Attributes that restate defaults or the root's font: the copy is smaller for free.
        .map(|l| {
            let l = l
                .replace(" opacity=\"1\"", "")
                .replace(" font-family=\"sans-serif\"", "");
            format!("{l}\n")
        })
        .collect()
}

/// Element id of a figure, and the fragment of its embed view.
fn embed_id(name: &str) -> String {
    format!("embed-{name}")
}

/// Width and height of an SVG's viewBox.
fn view_box(svg: &str) -> Option<(f64, f64)> {
    let rest = &svg[svg.find("viewBox=\"")? + 9..];
    let mut nums = rest[..rest.find('"')?].split_whitespace().skip(2);
    Some((nums.next()?.parse().ok()?, nums.next()?.parse().ok()?))
}

/// Measure name of an indicator for chart sentences ("DTI", "Hạ tầng số").
fn measure(ctx: &Ctx, i: IndicatorId, lang: Lang) -> String {
    let (name, _) = common::indicator_names(ctx, i, lang);
    if ctx.ds.indicators[i].parent.is_none() {
        common::index_view(ctx, lang).short
    } else {
        name
    }
}

/// Builds every figure of `page`.
pub fn for_page(ctx: &Ctx, page: &Page) -> Result<Figures, Diagnostic> {
    let mut f = Figures::default();
    let lang = page.lang;
    match page.kind {
        PageKind::Province(u) => {
            province(ctx, page, u, &mut f);
            let root = ctx.ds.root_indicator();
            let latest = ctx.ds.edition_ids().rev().find(|&e| {
                ctx.report
                    .entry(e, root, u)
                    .is_some_and(|en| en.value.is_some() || en.rank.is_some())
            });
            // The latest edition's page draws this very card (it has a root entry).
            if let Some(e) = latest {
                let card = unit_card(ctx, page, u, e);
                if f.share(ctx, page, PageKind::ProvinceEdition(u, e)) {
                    f.card_alt = Some(card.text().join(" · "));
                } else {
                    f.card(page, card)?;
                }
            }
        }
        PageKind::ProvinceEdition(u, e) => {
            let root = ctx.ds.root_indicator();
            if ctx.report.entry(e, root, u).is_some() {
                f.card(page, unit_card(ctx, page, u, e))?;
            }
            // A parent's page of an edition ranks its units: it has no mark of its own to place.
            let own = ctx.ds.units[u].children.is_empty();
            f.draw(page, "vi-tri", || {
                own.then(|| strip(ctx, e, root, u, lang)).flatten()
            });
            f.draw(page, "chi-so-chinh", || bars(ctx, u, e, lang));
        }
        PageKind::Ranking(e) => {
            let root = ctx.ds.root_indicator();
            if let Some(m) = map(ctx, page, e, root) {
                f.add_map(page, m);
            }
            f.draw(page, "xep-hang", || ranking(ctx, e, root, lang));
            if let Some(card) = ranking_card(ctx, page, e) {
                f.card(page, card)?;
            }
        }
        PageKind::IndicatorRanking(e, i) => {
            if let Some(m) = map(ctx, page, e, i) {
                f.add_map(page, m);
            }
            f.draw(page, "xep-hang", || ranking(ctx, e, i, lang));
        }
        PageKind::Indicator(i) => {
            f.draw(page, "phan-bo", || distribution(ctx, i, lang));
        }
        PageKind::Home => {
            let e = common::featured(ctx);
            if let Some(m) = map(ctx, page, e, ctx.ds.root_indicator()) {
                f.add_map(page, m);
            }
            f.draw(page, "bien-dong", || slope(ctx, lang));
            // The featured edition's ranking page draws the same card.
            if let Some(card) = ranking_card(ctx, page, e) {
                if f.share(ctx, page, PageKind::Ranking(e)) {
                    f.card_alt = Some(card.text().join(" · "));
                } else {
                    f.card(page, card)?;
                }
            }
        }
        _ => {}
    }
    // The table under each chart is read on the page: its headers and numbers in the page's
    // language (the CSV download keeps machine headers and numbers for reuse).
    for fig in f.map.values_mut() {
        let marks = take_marks(&mut fig.table, ctx.t(lang));
        localise_table(&mut fig.table, ctx.t(lang), lang, ctx.ds.precision as usize);
        fig.legend = put_marks(&mut fig.table, &marks, ctx.t(lang));
    }
    f.embed_codes(ctx, page);
    Ok(f)
}

fn province(ctx: &Ctx, page: &Page, u: UnitId, f: &mut Figures) {
    let ds = ctx.ds;
    let lang = page.lang;
    let root = ctx.ds.root_indicator();
    // Ranks and values compare only within one unit set (63 provinces, or the 34 after the
    // merger): the history charts follow the set in which the unit has the most editions.
    let with_data: Vec<EditionId> = ds
        .edition_ids()
        .filter(|&e| ctx.report.entry(e, root, u).is_some())
        .collect();
    let same_set = |a: EditionId, b: EditionId| ds.editions[a].units == ds.editions[b].units;
    let series = with_data
        .iter()
        .copied()
        .max_by_key(|&e| (with_data.iter().filter(|&&o| same_set(o, e)).count(), e));
    let point = |e: EditionId| {
        let en = ctx.report.entry(e, root, u)?;
        // Mean, lowest and highest: computed from a complete table, else published (2021).
        let agg = |stat| crate::claims::aggregate(ds, ctx.report, e, root, stat);
        let (mean, min, max) = (
            agg(Statistic::Mean),
            agg(Statistic::Min),
            agg(Statistic::Max),
        );
        Some(charts::YearPoint {
            label: common::edition_label(ctx, e, lang),
            year: ds.editions[e].year,
            value: en.value,
            rank: en.rank,
            mean: mean.map(|a| a.value),
            // The band needs both ends from one source.
            min: min.zip(max).map(|(a, _)| a.value),
            max: min.zip(max).map(|(_, b)| b.value),
            value_source: en.value_source,
            rank_source: en.rank_source,
            stats_source: mean.or(min).map(|a| a.source),
        })
    };
    let (in_series, others): (Vec<EditionId>, Vec<EditionId>) = with_data
        .iter()
        .partition(|&&e| series.is_some_and(|s| same_set(s, e)));
    let points: Vec<charts::YearPoint> = in_series.iter().filter_map(|&e| point(e)).collect();
    // The unit's figures in one other unit set (the latest such), drawn beside the series: the
    // 34-province figure of 2024 beside the 63-province one, never joined to it.
    let other_set: Vec<EditionId> = others
        .last()
        .map(|&o| others.iter().copied().filter(|&e| same_set(e, o)).collect())
        .unwrap_or_default();
    let beside = charts::Beside {
        points: other_set.iter().filter_map(|&e| point(e)).collect(),
        units: other_set
            .first()
            .map_or(0, |&e| ds.editions[e].units.len() as u32),
        legend: ctx.t(lang).fill(
            "chart.beside",
            &[
                ("unit", &common::name_in(ds.units[u].latest(), lang)),
                (
                    "edition",
                    &other_set
                        .iter()
                        .map(|&e| common::edition_label(ctx, e, lang))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            ],
        ),
    };
    if points.len() >= 2 {
        let units = series.map(|e| ds.editions[e].units.len()).unwrap_or(0);
        let unit = common::name_in(ds.units[u].latest(), lang);
        let what = measure(ctx, root, lang);
        // The sentences come from claims over the same editions the chart draws (one unit set).
        let set: Vec<EditionId> = series
            .map(|s| crate::claims::series(ds, ctx.report, u, root, s))
            .unwrap_or_default();
        let p = phraser(ctx, lang);
        let value_move = crate::claims::value_move(ds, ctx.report, u, root, &set);
        let rank_move = crate::claims::rank_move(ds, ctx.report, u, root, &set);
        let single_value = set.iter().rev().find_map(|&e| {
            let en = ctx.report.entry(e, root, u)?;
            Some((en.value?, en.value_source?, e))
        });
        let single_rank = set.iter().rev().find_map(|&e| {
            let en = ctx.report.entry(e, root, u)?;
            Some((en.rank?, en.rank_source?, e))
        });
        let mean = set.iter().rev().find_map(|&e| {
            crate::claims::aggregate(ds, ctx.report, e, root, Statistic::Mean).map(|m| (m, e))
        });
        let input = charts::HistoryInput {
            id: "gia-tri".into(),
            value_summary: p.value_history(
                &unit,
                &what,
                (value_move, rank_move),
                single_value,
                mean,
            ),
            rank_summary: p.rank_history(&unit, &what, rank_move, single_rank),
            marks: mark_words(ctx.t(lang)),
            unit,
            measure: what,
            places: ds.precision as usize,
            units: units as u32,
            points,
            beside,
        };
        if input.points.iter().filter(|p| p.value.is_some()).count() >= 2 {
            f.draw(page, "gia-tri", || {
                Some(charts::value_over_years(&input, ctx.t(lang)))
            });
        }
        if input.points.iter().filter(|p| p.rank.is_some()).count() >= 2 {
            let input = charts::HistoryInput {
                id: "thu-hang".into(),
                ..input
            };
            f.draw(page, "thu-hang", || {
                Some(charts::rank_over_years(&input, ctx.t(lang)))
            });
        }
    }
    // Main indicators in the latest edition that has them.
    let latest = ds
        .edition_ids()
        .rev()
        .find(|&e| main_indicators(ctx, e, u).len() >= 3);
    if let Some(e) = latest {
        // One list of figures, shown as bars and as a radar.
        let main = main_figures(ctx, u, e, lang);
        let unit = common::name_in(ds.period_in(u, e), lang);
        let edition = common::edition_label(ctx, e, lang);
        let places = ds.precision as usize;
        // Both are described by one claim (crate::claims::standing::profile).
        let summary = profile_sentence(ctx, u, e, lang);
        let input = charts::RadarInput {
            id: "radar".into(),
            unit: unit.clone(),
            edition: edition.clone(),
            places,
            max: 1.0,
            axes: main.clone(),
            summary: summary.clone(),
        };
        let bars = charts::IndicatorBarsInput {
            id: "chi-so-chinh".into(),
            unit,
            edition,
            places,
            bars: main,
            summary,
        };
        f.draw(page, "chi-so-chinh", || {
            Some(charts::indicator_bars(&bars, ctx.t(lang)))
        });
        f.draw(page, "radar", || Some(charts::radar(&input, ctx.t(lang))));
    }
}

/// Main indicators with a value for `u` in `e`, in display order.
fn main_indicators(ctx: &Ctx, e: EditionId, u: UnitId) -> Vec<IndicatorId> {
    ctx.ds
        .indicators_in(e)
        .into_iter()
        .filter(|&i| {
            ctx.ds.indicators[i].kind == IndicatorKind::Main
                && ctx
                    .report
                    .entry(e, i, u)
                    .is_some_and(|en| en.value.is_some())
        })
        .collect()
}

/// The claim under the main-indicator bars and radar: how many of the unit's main indicators
/// are above their national means, and its highest and lowest (ties whole).
fn profile_sentence(ctx: &Ctx, u: UnitId, e: EditionId, lang: Lang) -> String {
    let main = main_indicators(ctx, e, u);
    let p = crate::claims::standing::profile(ctx.ds, ctx.report, e, u, &main);
    phraser(ctx, lang).profile(&p, &|i| common::indicator_names(ctx, i, lang).1)
}

/// The unit's main indicators in `e` with the national means.
fn main_figures(ctx: &Ctx, u: UnitId, e: EditionId, lang: Lang) -> Vec<charts::IndicatorBar> {
    main_indicators(ctx, e, u)
        .into_iter()
        .map(|i| charts::IndicatorBar {
            label: common::indicator_names(ctx, i, lang).1,
            value: ctx.report.entry(e, i, u).and_then(|en| en.value),
            mean: ctx.report.table(e, i).and_then(|t| t.stats).map(|s| s.mean),
        })
        .collect()
}

fn bars(ctx: &Ctx, u: UnitId, e: EditionId, lang: Lang) -> Option<Chart> {
    let bars = main_figures(ctx, u, e, lang);
    if bars.is_empty() {
        return None;
    }
    let input = charts::IndicatorBarsInput {
        id: "chi-so-chinh".into(),
        unit: common::name_in(ctx.ds.period_in(u, e), lang),
        edition: common::edition_label(ctx, e, lang),
        places: ctx.ds.precision as usize,
        bars,
        summary: profile_sentence(ctx, u, e, lang),
    };
    Some(charts::indicator_bars(&input, ctx.t(lang)))
}

/// A unit against the spread of its edition: only the unit and its rank neighbours are marks,
/// so the chart's size does not grow with the number of units.
fn strip(ctx: &Ctx, e: EditionId, i: IndicatorId, u: UnitId, lang: Lang) -> Option<Chart> {
    let t = ctx.report.table(e, i).filter(|t| t.complete)?;
    let s = t.stats?;
    let mut near = t.neighbours(u, super::province::NEIGHBOURS);
    if near.is_empty() {
        near.push(t.entry(u)?);
    }
    let what = measure(ctx, i, lang);
    let summary = crate::claims::standing::standing(ctx.ds, ctx.report, e, i, u)
        .map(|st| phraser(ctx, lang).standing(&st, &what))
        .unwrap_or_default();
    let input = charts::StripInput {
        id: "vi-tri".into(),
        summary,
        measure: what,
        edition: common::edition_label(ctx, e, lang),
        places: ctx.ds.precision as usize,
        mean: Some(s.mean),
        highlight: Some(common::name_with_parent(ctx, u, e, lang)),
        spread: charts::Spread {
            count: s.count,
            min: s.min,
            q1: s.quartiles.0,
            median: s.median,
            q3: s.quartiles.1,
            max: s.max,
        },
        dots: near
            .iter()
            .map(|en| charts::StripDot {
                name: common::name_with_parent(ctx, en.unit, e, lang),
                rank: en.rank,
                value: en.value,
            })
            .collect(),
    };
    Some(charts::strip(&input, ctx.t(lang)))
}

/// The most units a ranking page draws a bar for. A bar per unit reads well for the 63
/// provinces; for 3,321 communes it would be a 2.6 MB chart on each of a thousand ranking pages,
/// so larger tables show their table (and map) only: ranking pages stay proportionate.
const RANKING_BARS_MAX: usize = 100;

fn ranking(ctx: &Ctx, e: EditionId, i: IndicatorId, lang: Lang) -> Option<Chart> {
    let t = ctx.report.table(e, i).filter(|t| {
        let n = t.entries.iter().filter(|en| en.value.is_some()).count();
        (2..=RANKING_BARS_MAX).contains(&n)
    })?;
    let mean = crate::claims::aggregate(ctx.ds, ctx.report, e, i, Statistic::Mean);
    // Regions in a stable order (first appearance in code order) so colours match across pages.
    let mut regions: Vec<String> = Vec::new();
    for &u in &ctx.ds.editions[e].units {
        let r = common::region_in(ctx.ds.period_in(u, e), lang);
        if !regions.contains(&r) {
            regions.push(r);
        }
    }
    let rows = t
        .entries
        .iter()
        .filter(|en| en.value.is_some())
        .map(|en| {
            let p = ctx.ds.period_in(en.unit, e);
            let region = common::region_in(p, lang);
            charts::RankingRow {
                name: common::name_in(p, lang),
                value: en.value,
                rank: en.rank,
                region: regions.iter().position(|r| *r == region).unwrap_or(0),
                value_source: en.value_source,
                rank_source: en.rank_source,
            }
        })
        .collect();
    let input = charts::RankingBarsInput {
        id: "xep-hang".into(),
        measure: measure(ctx, i, lang),
        edition: common::edition_label(ctx, e, lang),
        places: ctx.ds.precision as usize,
        regions,
        // Computed from a complete table, else the published mean (said so in the legend).
        mean: mean.map(|a| a.value),
        mean_source: mean.map(|a| a.source),
        marks: mark_words(ctx.t(lang)),
        highlight: None,
        rows,
        summary: extremes_sentence(ctx, e, i, lang),
    };
    Some(charts::ranking_bars(&input, ctx.t(lang)))
}

fn distribution(ctx: &Ctx, i: IndicatorId, lang: Lang) -> Option<Chart> {
    let editions: Vec<charts::EditionValues> = ctx
        .ds
        .edition_ids()
        .filter_map(|e| {
            let t = ctx.report.table(e, i).filter(|t| t.complete)?;
            Some(charts::EditionValues {
                label: common::edition_label(ctx, e, lang),
                year: ctx.ds.editions[e].year,
                values: t.entries.iter().map(|en| en.value).collect(),
                unit_value: None,
            })
        })
        .collect();
    if editions.is_empty() {
        return None;
    }
    // Medians compare within one unit set: the set with the most complete editions (the latest
    // such set on a tie); editions of other sets are stated on their own.
    let ds = ctx.ds;
    let complete: Vec<EditionId> = ds
        .edition_ids()
        .filter(|&e| ctx.report.table(e, i).is_some_and(|t| t.complete))
        .collect();
    let main_set = complete.iter().copied().max_by_key(|&e| {
        (
            complete
                .iter()
                .filter(|&&o| crate::claims::same_set(ds, o, e))
                .count(),
            e,
        )
    });
    let median =
        |e| crate::claims::aggregate(ds, ctx.report, e, i, Statistic::Median).map(|m| (e, m));
    let (main, others): (Vec<EditionId>, Vec<EditionId>) = complete
        .iter()
        .partition(|&&e| main_set.is_some_and(|s| crate::claims::same_set(ds, s, e)));
    let range = main.last().and_then(|&e| {
        let agg = |stat| crate::claims::aggregate(ds, ctx.report, e, i, stat).map(|a| a.value);
        Some((e, agg(Statistic::Min)?, agg(Statistic::Max)?))
    });
    let what = measure(ctx, i, lang);
    let summary = phraser(ctx, lang).medians(
        &what,
        &main.iter().filter_map(|&e| median(e)).collect::<Vec<_>>(),
        range,
        &others.iter().filter_map(|&e| median(e)).collect::<Vec<_>>(),
    );
    let input = charts::DistributionInput {
        id: "phan-bo".into(),
        measure: what,
        places: ctx.ds.precision as usize,
        unit: None,
        editions,
        summary,
    };
    Some(charts::distribution(&input, ctx.t(lang)))
}

/// How the top and bottom units moved between the last two editions of one unit set.
fn slope(ctx: &Ctx, lang: Lang) -> Option<Chart> {
    let root = ctx.ds.root_indicator();
    let e = ctx.ds.edition_ids().rev().find(|&e| {
        ctx.report.previous(e).is_some()
            && ctx.report.table(e, root).is_some_and(|t| t.complete)
            && ctx
                .report
                .table(ctx.report.previous(e).unwrap(), root)
                .is_some_and(|t| t.complete)
    })?;
    let p = ctx.report.previous(e)?;
    let t = ctx.report.table(e, root)?;
    let n = t.entries.len();
    let picks: Vec<_> = t
        .entries
        .iter()
        .take(5)
        .chain(t.entries.iter().skip(n.saturating_sub(5).max(5)))
        .collect();
    let rows = picks
        .iter()
        .map(|en| charts::SlopeRow {
            name: common::name_in(ctx.ds.period_in(en.unit, e), lang),
            from: ctx.report.entry(p, root, en.unit).and_then(|x| x.rank),
            to: en.rank,
        })
        .collect();
    let summary = crate::claims::standing::movers(ctx.ds, ctx.report, p, e, root)
        .map(|m| phraser(ctx, lang).movers(&m))
        .unwrap_or_default();
    let input = charts::SlopeInput {
        id: "bien-dong".into(),
        summary,
        measure: measure(ctx, root, lang),
        from_label: common::edition_label(ctx, p, lang),
        to_label: common::edition_label(ctx, e, lang),
        units: n as u32,
        rows,
    };
    Some(charts::slope(&input, ctx.t(lang)))
}

/// A choropleth of indicator `i` in edition `e` on the map that has the edition's units, with
/// every province linked to its page for the edition.
fn map(
    ctx: &Ctx,
    page: &Page,
    e: EditionId,
    i: IndicatorId,
) -> Option<(Chart, crate::config::MapSource)> {
    let which = ctx.maps.for_edition.get(e).copied().flatten()?;
    let boundaries = &ctx.maps.boundaries[which];
    let t = ctx.report.table(e, i)?;
    // A handful of scattered figures makes no map (2020, 2021).
    if t.entries.iter().filter(|en| en.value.is_some()).count() < 5 {
        return None;
    }
    let lang = page.lang;
    let label = common::edition_label(ctx, e, lang);
    let units = ctx.ds.editions[e]
        .units
        .iter()
        .map(|&u| {
            let p = ctx.ds.period_in(u, e);
            crate::geo::MapUnit {
                code: p.code.clone(),
                name: common::name_in(p, lang),
                value: t.entry(u).and_then(|en| en.value),
                href: ctx
                    .plan
                    .link(page, PageKind::ProvinceEdition(u, e))
                    .unwrap_or_default(),
                derived: t
                    .entry(u)
                    .is_some_and(|en| en.value_source == Some(crate::model::Source::Derived)),
            }
        })
        .collect();
    // The map says what it colours: "DTI 2024 (63 tỉnh)".
    let title = format!("{} {label}", measure(ctx, i, lang));
    let summary = crate::claims::extremes(ctx.ds, ctx.report, e, i)
        .map(|x| {
            let published = |stat| crate::claims::published(ctx.ds, e, i, stat);
            phraser(ctx, lang)
                .map_extremes(&x, (published(Statistic::Max), published(Statistic::Min)))
        })
        .unwrap_or_default();
    // Units coloured by a derived value, named with their values (marked) in the caption.
    let strings = ctx.t(lang);
    let derived: Vec<String> = t
        .entries
        .iter()
        .filter(|en| en.value_source == Some(crate::model::Source::Derived))
        .filter_map(|en| {
            let mark = super::provenance::mark(
                strings,
                en.value_source,
                super::provenance::Usual::Official,
            );
            let value = crate::text::decimal(en.value?, ctx.ds.precision as usize, lang);
            Some(format!(
                "{} ({})",
                common::name_in(ctx.ds.period_in(en.unit, e), lang),
                super::provenance::with_symbol(&value, mark.as_ref())
            ))
        })
        .collect();
    let derived_note = if derived.is_empty() {
        String::new()
    } else {
        strings.fill(
            "mark.map_derived",
            &[("names", &phraser(ctx, lang).list(&derived))],
        )
    };
    let input = crate::geo::MapInput {
        derived_legend: strings.get("mark.derived_area").to_owned(),
        derived_note,
        id: "ban-do".into(),
        title: title.clone(),
        places: ctx.ds.precision as usize,
        units,
        summary,
    };
    let m = crate::geo::choropleth(boundaries, &input, ctx.t(lang));
    let chart = Chart {
        svg: m.svg,
        csv: m.csv,
        title,
        desc: m.desc,
    };
    Some((
        chart,
        ctx.maps.credits.get(which).cloned().unwrap_or_default(),
    ))
}

/// The absolute address of a page when the base URL is known, else the site title.
fn card_url(ctx: &Ctx, page: &Page) -> String {
    ctx.config
        .base_url
        .as_ref()
        .map(|b| b.shown(&page.url))
        .unwrap_or_default()
}

/// The share card of a unit in an edition: value, rank and change.
fn unit_card(ctx: &Ctx, page: &Page, u: UnitId, e: EditionId) -> crate::card::Card {
    let lang = page.lang;
    let root = ctx.ds.root_indicator();
    let en = ctx.report.entry(e, root, u);
    let t = ctx.t(lang);
    let marks = en.map(|en| common::entry_marks(t, en)).unwrap_or_default();
    let symbol =
        |m: Option<&super::provenance::Mark>| m.map(|m| m.symbol.clone()).unwrap_or_default();
    // The card says what its marks mean, in a few words each ("† suy ra"): those of the figures
    // it shows (value, rank, rank change), not of the value change it does not show.
    let note = {
        let mut seen: Vec<&super::provenance::Mark> = Vec::new();
        let shown = marks.value.iter().chain(&marks.rank).chain(&marks.change);
        for m in shown {
            if !seen.iter().any(|s| s.kind == m.kind) {
                seen.push(m);
            }
        }
        seen.iter()
            .map(|m| format!("{} {}", m.symbol, m.label))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let card_marks = crate::card::CardMarks {
        value: symbol(marks.value.as_ref()),
        rank: symbol(marks.rank.as_ref()),
        change: marks
            .change
            .iter()
            .map(|m| m.symbol.as_str())
            .collect::<Vec<_>>()
            .join(""),
        note,
    };
    let change = en
        .and_then(|en| en.change.rank_places)
        .zip(ctx.report.previous(e))
        .map(|(places, p)| crate::card::RankMove {
            places,
            since: common::edition_label(ctx, p, lang),
        });
    crate::card::Card {
        site_title: if lang == Lang::Vi {
            ctx.config.title.clone()
        } else {
            ctx.config.title_en.clone()
        },
        heading: common::name_in(ctx.ds.period_in(u, e), lang),
        value_label: format!(
            "{} {}",
            measure(ctx, root, lang),
            common::edition_label(ctx, e, lang)
        ),
        value: en.and_then(|en| en.value),
        places: ctx.ds.precision as usize,
        rank: en.and_then(|en| en.rank).map(|r| crate::card::Rank {
            position: r,
            of: ctx.ds.editions[e].units.len() as u32,
        }),
        change: change.clone(),
        edition: common::edition_label(ctx, e, lang),
        url: card_url(ctx, page),
        lang,
        words: crate::card::CardWords::new(ctx.t(lang), change.as_ref()),
        marks: card_marks,
    }
}

/// The share card of an edition's ranking: who leads, with what value.
fn ranking_card(ctx: &Ctx, page: &Page, e: EditionId) -> Option<crate::card::Card> {
    let lang = page.lang;
    let root = ctx.ds.root_indicator();
    let x = crate::claims::extremes(ctx.ds, ctx.report, e, root)?;
    let (value_label, value) = phraser(ctx, lang).card_leader(&x)?;
    let label = common::edition_label(ctx, e, lang);
    Some(crate::card::Card {
        site_title: if lang == Lang::Vi {
            ctx.config.title.clone()
        } else {
            ctx.config.title_en.clone()
        },
        heading: ctx.t(lang).fill(
            "ranking.heading",
            &[("index", &measure(ctx, root, lang)), ("edition", &label)],
        ),
        value_label,
        value,
        places: ctx.ds.precision as usize,
        rank: None,
        change: None,
        edition: label,
        url: card_url(ctx, page),
        lang,
        words: crate::card::CardWords::new(ctx.t(lang), None),
        marks: crate::card::CardMarks::default(),
    })
}
