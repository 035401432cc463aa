//! The loaded, validated data: units, editions, the indicator tree and values. No I/O here.

use std::collections::BTreeMap;
use std::fmt;

use crate::diagnostics::Location;

/// A calendar date (ISO `YYYY-MM-DD`); only compared, never computed with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month 1..=12.
    pub month: u8,
    /// Day 1..=31.
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`; only real calendar dates (no 2025-06-31, no 2025-02-29), years
    /// 1000–9999.
    pub fn parse(s: &str) -> Option<Date> {
        let mut parts = s.trim().split('-');
        let year: i16 = parts.next()?.parse().ok()?;
        let month: i8 = parts.next()?.parse().ok()?;
        let day: i8 = parts.next()?.parse().ok()?;
        if parts.next().is_some() || !(1000..=9999).contains(&year) {
            return None;
        }
        // jiff knows month lengths and leap years (a well-kept date crate).
        let d = jiff::civil::Date::new(year, month, day).ok()?;
        Some(Date {
            year: d.year().into(),
            month: d.month() as u8,
            day: d.day() as u8,
        })
    }

    /// The day after this one (a period that ends on `valid_to` is followed from the next day).
    /// jiff knows the month lengths, as it does in [`Date::parse`]; the day after 9999-12-31 is
    /// that day itself (no later date is accepted).
    pub fn next_day(self) -> Date {
        let next = jiff::civil::Date::new(self.year as i16, self.month as i8, self.day as i8)
            .and_then(|d| d.tomorrow());
        match next {
            Ok(d) => Date {
                year: d.year().into(),
                month: d.month() as u8,
                day: d.day() as u8,
            },
            Err(_) => self,
        }
    }

    /// The last day of a year, used when an edition names no date.
    pub fn end_of(year: i32) -> Date {
        Date {
            year,
            month: 12,
            day: 31,
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Defines an id type: the position of one item in one of the dataset's lists, typed so that a
/// unit's id cannot index the indicators (a bare `usize` could). `list[id]` works on the list it
/// belongs to (a `Vec` or a slice), and nowhere else.
macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident indexes $item:ty) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(u32);

        impl $name {
            /// The smallest id (bounds of range queries over [`Dataset::observations`]).
            pub const MIN: $name = $name(0);
            /// The largest id.
            pub const MAX: $name = $name(u32::MAX);

            /// The id of the item at position `ix` of its list.
            pub const fn new(ix: usize) -> $name {
                assert!(ix <= u32::MAX as usize, "fewer than 2^32 items in a list");
                $name(ix as u32)
            }

            /// Position in its list.
            pub fn index(self) -> usize {
                self.0 as usize
            }

            /// The ids of a list of `len` items, in order.
            pub fn all(len: usize) -> impl DoubleEndedIterator<Item = $name> + ExactSizeIterator + Clone {
                (0..len).map($name::new)
            }
        }

        impl Id for $name {
            fn index(self) -> usize {
                self.0 as usize
            }
        }

        impl std::ops::Index<$name> for [$item] {
            type Output = $item;
            fn index(&self, id: $name) -> &$item {
                &self[id.index()]
            }
        }

        impl std::ops::IndexMut<$name> for [$item] {
            fn index_mut(&mut self, id: $name) -> &mut $item {
                &mut self[id.index()]
            }
        }

        impl std::ops::Index<$name> for Vec<$item> {
            type Output = $item;
            fn index(&self, id: $name) -> &$item {
                &self[id.index()]
            }
        }

        impl std::ops::IndexMut<$name> for Vec<$item> {
            fn index_mut(&mut self, id: $name) -> &mut $item {
                &mut self[id.index()]
            }
        }
    };
}

/// What an id type shares: a position in its list (for [`IdMap`]).
pub trait Id: Copy {
    /// Position in its list.
    fn index(self) -> usize;
}

/// A side table: one `T` for each item of one of the dataset's lists (each edition's previous
/// edition, each unit's colour in a search), read and written with that list's id
/// (`table[id]`), so that a table kept per edition cannot be read with a unit's id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdMap<I, T> {
    items: Vec<T>,
    id: std::marker::PhantomData<fn(I)>,
}

impl<I: Id, T> IdMap<I, T> {
    /// `value` for each of `len` items.
    pub fn filled(len: usize, value: T) -> IdMap<I, T>
    where
        T: Clone,
    {
        vec![value; len].into_iter().collect()
    }

    /// The value of `id`; `None` when the list had no such item.
    pub fn get(&self, id: I) -> Option<&T> {
        self.items.get(id.index())
    }
}

impl<I, T> Default for IdMap<I, T> {
    fn default() -> IdMap<I, T> {
        IdMap {
            items: Vec::new(),
            id: std::marker::PhantomData,
        }
    }
}

/// Values in the order of the ids (`ds.edition_ids().map(…).collect()`).
impl<I, T> FromIterator<T> for IdMap<I, T> {
    fn from_iter<It: IntoIterator<Item = T>>(iter: It) -> IdMap<I, T> {
        IdMap {
            items: iter.into_iter().collect(),
            id: std::marker::PhantomData,
        }
    }
}

impl<I: Id, T> std::ops::Index<I> for IdMap<I, T> {
    type Output = T;
    fn index(&self, id: I) -> &T {
        &self.items[id.index()]
    }
}

impl<I: Id, T> std::ops::IndexMut<I> for IdMap<I, T> {
    fn index_mut(&mut self, id: I) -> &mut T {
        &mut self.items[id.index()]
    }
}

id_type!(
    /// A unit: its position in [`Dataset::units`].
    UnitId indexes Unit
);
id_type!(
    /// An indicator: its position in [`Dataset::indicators`].
    IndicatorId indexes Indicator
);
id_type!(
    /// An edition: its position in [`Dataset::editions`].
    EditionId indexes Edition
);

/// One period of a unit's existence, with the code and name it had then.
#[derive(Clone, Debug)]
pub struct UnitPeriod {
    /// GSO code during this period ("01"…"96"); codes are unique among units valid on a date.
    pub code: String,
    /// Vietnamese name.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// Administrative kind ("Tỉnh", "Thành phố trực thuộc trung ương").
    pub kind: String,
    /// Administrative kind in English.
    pub kind_en: String,
    /// Socio-economic region.
    pub region: String,
    /// Region in English.
    pub region_en: String,
    /// First day of validity (none: always).
    pub valid_from: Option<Date>,
    /// Last day of validity (none: still valid).
    pub valid_to: Option<Date>,
    /// The unit this one belongs to during the period (a commune's province), if any.
    pub parent: Option<UnitId>,
    /// Where it was declared.
    pub origin: Location,
}

impl UnitPeriod {
    /// Whether the period covers `date`.
    pub fn valid_on(&self, date: Date) -> bool {
        self.valid_from.is_none_or(|f| f <= date) && self.valid_to.is_none_or(|t| date <= t)
    }
}

/// A province (or any unit of the index): one slug, one or more periods.
#[derive(Clone, Debug)]
pub struct Unit {
    /// Permanent URL slug: the unit's identity.
    pub slug: String,
    /// Periods in time order; the last one is the current or final name.
    pub periods: Vec<UnitPeriod>,
    /// The unit that absorbed this one, if it ceased to exist.
    pub successor: Option<UnitId>,
    /// Units absorbed into this one.
    pub predecessors: Vec<UnitId>,
    /// Other names people search for (`content/aliases.csv`): "HCM", "Sài Gòn".
    pub aliases: Vec<String>,
    /// Units that have this one as parent in any of their periods, in file order. A unit with
    /// children groups them and is not ranked with them.
    pub children: Vec<UnitId>,
}

impl Unit {
    /// The period valid on `date`, if any.
    pub fn period_on(&self, date: Date) -> Option<&UnitPeriod> {
        self.periods.iter().find(|p| p.valid_on(date))
    }

    /// The latest period: current name and code.
    pub fn latest(&self) -> &UnitPeriod {
        self.periods.last().expect("a unit has at least one period")
    }
}

/// What role an indicator plays in the tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IndicatorKind {
    /// The overall index (root).
    Index,
    /// One of the three pillars.
    Pillar,
    /// A grouping of main indicators, not scored by itself.
    Group,
    /// A main indicator.
    Main,
    /// A component indicator.
    Component,
}

/// One node of the indicator tree.
#[derive(Clone, Debug)]
pub struct Indicator {
    /// Stable slug used in files, URLs and JSON.
    pub code: String,
    /// Parent node.
    pub parent: Option<IndicatorId>,
    /// Role in the tree.
    pub kind: IndicatorKind,
    /// Vietnamese name.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// Short Vietnamese label for table headers.
    pub short: String,
    /// Short English label.
    pub short_en: String,
    /// First year it exists.
    pub from: Option<u16>,
    /// Last year it exists.
    pub to: Option<u16>,
    /// Maximum points out of the index total.
    pub max_points: Option<f64>,
    /// Number of component indicators.
    pub components: Option<u32>,
    /// Lowest allowed value.
    pub min: f64,
    /// Highest allowed value.
    pub max: f64,
    /// What it measures (Vietnamese, Markdown).
    pub description: String,
    /// What it measures (English, Markdown).
    pub description_en: String,
}

impl Indicator {
    /// Whether the indicator exists in `year`.
    pub fn exists_in(&self, year: u16) -> bool {
        self.from.is_none_or(|f| f <= year) && self.to.is_none_or(|t| year <= t)
    }
}

/// One published table: a year as seen with one set of units (e.g. 2024 with 63 or 34 provinces).
#[derive(Clone, Debug)]
pub struct Edition {
    /// Identifier used in files and URLs ("2023", "2024-34").
    pub id: String,
    /// Assessment year.
    pub year: u16,
    /// The unit set: units valid on this date.
    pub units_on: Date,
    /// Vietnamese label.
    pub label: String,
    /// English label.
    pub label_en: String,
    /// Vietnamese note on what this edition holds.
    pub note: String,
    /// English note.
    pub note_en: String,
    /// Units of this edition, in code order.
    pub units: Vec<UnitId>,
    /// The methodology it was assessed under (a decision number, "922/QĐ-BTTTT"); empty when
    /// not declared.
    pub method: String,
}

/// Where a figure comes from: its provenance, carried from the data file to every sentence, table
/// cell, chart mark and JSON field that shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// Published by the ministry for this unit (a value, or a rank as published).
    Official,
    /// Computed here from complete published values (a rank, an aggregate, a change).
    Computed,
    /// A published aggregate (mean, min, max announced by the ministry or the press), used where
    /// nothing can be computed.
    Published,
    /// Worked out by us from other published figures (a value from a later value and a
    /// published change); anything computed from a derived figure is derived too.
    Derived,
}

impl Source {
    /// The machine name used in JSON and CSV (`official`, `computed`, `published`, `derived`).
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Official => "official",
            Source::Computed => "computed",
            Source::Published => "published",
            Source::Derived => "derived",
        }
    }

    /// The source named by its machine name ([`Source::as_str`]); `None` for anything else.
    pub fn parse(name: &str) -> Option<Source> {
        [
            Source::Official,
            Source::Computed,
            Source::Published,
            Source::Derived,
        ]
        .into_iter()
        .find(|s| s.as_str() == name)
    }

    /// The source of a figure computed from figures of sources `a` and `b`: derived when either
    /// is, else computed.
    pub fn combine(a: Source, b: Source) -> Source {
        if a == Source::Derived || b == Source::Derived {
            Source::Derived
        } else {
            Source::Computed
        }
    }
}

/// One figure: a value and/or an official rank of a unit for an indicator in an edition.
#[derive(Clone, Debug)]
pub struct Observation {
    /// The value in the indicator's range, if published.
    pub value: Option<f64>,
    /// The officially published rank, if any.
    pub official_rank: Option<u32>,
    /// Where the figure comes from.
    pub source: String,
    /// Remarks.
    pub note: String,
    /// The value was worked out from other published figures (the `derived` column says `value`).
    pub value_derived: bool,
    /// The rank was worked out from other published figures (the `derived` column says `rank`).
    pub rank_derived: bool,
    /// A rank change as published (`rank_change` column: places moved up, +16), shown where
    /// no change can be computed (the previous edition lacks the unit's rank).
    pub published_rank_change: Option<i64>,
    /// The value's change in percent as published (`pct_change` column: +52.2), shown where no
    /// change can be computed (the previous edition lacks the unit's value).
    pub published_pct_change: Option<f64>,
    /// File and line it was read from.
    pub origin: Location,
}

/// Key of an observation.
pub type ObsKey = (EditionId, IndicatorId, UnitId);

/// How pages name one source of the data, in each language.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourceName {
    /// Vietnamese name ("Báo Dân Việt, 13/08/2022").
    pub name: String,
    /// English name; empty when there is none (the Vietnamese one is shown, marked as such).
    pub name_en: String,
    /// Address of the original, if online.
    pub url: String,
}

/// What a published aggregate is: the `statistic` column of `published-stats.csv`, read once
/// when the file is loaded; everything after the loader matches on this type, not on text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Statistic {
    /// The mean of the units' values.
    Mean,
    /// The median of the units' values.
    Median,
    /// The lowest value.
    Min,
    /// The highest value.
    Max,
    /// The index of the country as a whole, published beside the units' (no aggregate of them).
    National,
}

impl Statistic {
    /// Every statistic, in the order messages list them.
    pub const ALL: [Statistic; 5] = [
        Statistic::Mean,
        Statistic::Median,
        Statistic::Min,
        Statistic::Max,
        Statistic::National,
    ];

    /// The statistics that aggregate the units' values (all but `national`).
    pub const AGGREGATES: [Statistic; 4] = [
        Statistic::Mean,
        Statistic::Median,
        Statistic::Min,
        Statistic::Max,
    ];

    /// The name written in `published-stats.csv`, JSON and shortcodes (`mean`, `national`).
    pub fn as_str(self) -> &'static str {
        match self {
            Statistic::Mean => "mean",
            Statistic::Median => "median",
            Statistic::Min => "min",
            Statistic::Max => "max",
            Statistic::National => "national",
        }
    }

    /// The statistic a name written in a file stands for (exactly as [`Statistic::as_str`]).
    pub fn parse(name: &str) -> Option<Statistic> {
        Statistic::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

impl fmt::Display for Statistic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A published aggregate (e.g. the provincial mean announced by the ministry).
#[derive(Clone, Debug)]
pub struct PublishedStat {
    /// Edition it belongs to.
    pub edition: EditionId,
    /// Indicator.
    pub indicator: IndicatorId,
    /// What the figure is.
    pub statistic: Statistic,
    /// The published figure.
    pub value: f64,
    /// Where it was published.
    pub source: String,
    /// Remarks.
    pub note: String,
    /// Why a known difference between this figure and the one computed from the data is
    /// accepted (Vietnamese); non-empty means acknowledged: `check` reports it without failing.
    pub explanation: String,
    /// The same explanation in English.
    pub explanation_en: String,
    /// File and line.
    pub origin: Location,
}

/// Everything `load` read, validated and cross-referenced.
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    /// How pages name the sources of the data files (`content/sources.csv`).
    pub source_names: std::collections::BTreeMap<String, SourceName>,
    /// `content/SOURCES.md`, the notes on how each figure was obtained (published as
    /// `data/SOURCES.txt`).
    pub source_notes: Option<String>,
    /// Units, in the order of `units.csv` (first appearance of each slug).
    pub units: Vec<Unit>,
    /// Indicators in display order.
    pub indicators: Vec<Indicator>,
    /// Editions, oldest first.
    pub editions: Vec<Edition>,
    /// All figures.
    pub observations: BTreeMap<ObsKey, Observation>,
    /// Published aggregates.
    pub published: Vec<PublishedStat>,
    /// Decimal places values are published with (ranks compare at this precision).
    pub precision: u32,
    /// URL segments and download folder of unit pages (from site.toml, like `precision`: every
    /// stage that names a unit's page reads it from here).
    pub unit_paths: UnitPaths,
}

/// Where unit pages live: `/<segment>/<slug>/` and `/en/<segment_en>/<slug>/`, units that group
/// others (a commune's province) under their own segments, and the JSON of every unit under
/// `/data/<data>/<slug>.json`. The defaults are the DTI site's permanent URLs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitPaths {
    /// Vietnamese segment of ranked units (`tinh`, `xa`).
    pub segment: String,
    /// English segment of ranked units (`province`, `commune`).
    pub segment_en: String,
    /// Vietnamese segment of parent units.
    pub parent_segment: String,
    /// English segment of parent units.
    pub parent_segment_en: String,
    /// Folder of the per-unit JSON under `data/` (`provinces`, `communes`).
    pub data: String,
}

impl Default for UnitPaths {
    fn default() -> UnitPaths {
        UnitPaths {
            segment: "tinh".into(),
            segment_en: "province".into(),
            parent_segment: "tinh".into(),
            parent_segment_en: "province".into(),
            data: "provinces".into(),
        }
    }
}

impl UnitPaths {
    /// The Vietnamese segments in use (free pages may not take them).
    pub fn vi_segments(&self) -> [&str; 2] {
        [&self.segment, &self.parent_segment]
    }

    /// Site-relative path of a unit's JSON download.
    pub fn json(&self, slug: &str) -> String {
        format!("data/{}/{slug}.json", self.data)
    }
}

impl Dataset {
    /// The root of the indicator tree (the index itself; the first root when several).
    pub fn root_indicator(&self) -> IndicatorId {
        IndicatorId::new(
            self.indicators
                .iter()
                .position(|i| i.parent.is_none())
                .unwrap_or(0),
        )
    }

    /// Every unit, in the order of `units.csv`.
    pub fn unit_ids(&self) -> impl DoubleEndedIterator<Item = UnitId> + ExactSizeIterator + Clone {
        UnitId::all(self.units.len())
    }

    /// Every indicator, in display order.
    pub fn indicator_ids(
        &self,
    ) -> impl DoubleEndedIterator<Item = IndicatorId> + ExactSizeIterator + Clone {
        IndicatorId::all(self.indicators.len())
    }

    /// Every edition, oldest first.
    pub fn edition_ids(
        &self,
    ) -> impl DoubleEndedIterator<Item = EditionId> + ExactSizeIterator + Clone {
        EditionId::all(self.editions.len())
    }

    /// Looks up a unit by slug.
    pub fn unit_by_slug(&self, slug: &str) -> Option<UnitId> {
        self.units
            .iter()
            .position(|u| u.slug == slug)
            .map(UnitId::new)
    }

    /// Looks up an indicator by code.
    pub fn indicator_by_code(&self, code: &str) -> Option<IndicatorId> {
        self.indicators
            .iter()
            .position(|i| i.code == code)
            .map(IndicatorId::new)
    }

    /// Looks up an edition by id.
    pub fn edition_by_id(&self, id: &str) -> Option<EditionId> {
        self.editions
            .iter()
            .position(|e| e.id == id)
            .map(EditionId::new)
    }

    /// The unit with `code` in the unit set of `date`.
    pub fn unit_by_code_on(&self, code: &str, date: Date) -> Option<UnitId> {
        self.units
            .iter()
            .position(|u| u.periods.iter().any(|p| p.code == code && p.valid_on(date)))
            .map(UnitId::new)
    }

    /// The name period a unit had in an edition (falls back to its latest).
    pub fn period_in(&self, unit: UnitId, edition: EditionId) -> &UnitPeriod {
        let u = &self.units[unit];
        u.period_on(self.editions[edition].units_on)
            .unwrap_or_else(|| u.latest())
    }

    /// The parent of a unit in an edition (the edition's date decides), if any.
    pub fn parent_in(&self, unit: UnitId, edition: EditionId) -> Option<UnitId> {
        self.units[unit]
            .period_on(self.editions[edition].units_on)
            .and_then(|p| p.parent)
    }

    /// The units of edition `e` whose parent is `parent` then, in the edition's code order.
    pub fn children_in(&self, parent: UnitId, e: EditionId) -> Vec<UnitId> {
        self.units[parent]
            .children
            .iter()
            .copied()
            .filter(|&c| self.parent_in(c, e) == Some(parent))
            // A child valid on the date is in the edition unless it groups units itself (the
            // search only runs for such middle levels, so this stays linear in the children).
            .filter(|c| self.units[*c].children.is_empty() || self.editions[e].units.contains(c))
            .collect()
    }

    /// One figure.
    pub fn observation(&self, e: EditionId, i: IndicatorId, u: UnitId) -> Option<&Observation> {
        self.observations.get(&(e, i, u))
    }

    /// Indicators that have at least one figure in edition `e`, in display order.
    pub fn indicators_in(&self, e: EditionId) -> Vec<IndicatorId> {
        self.indicator_ids()
            .filter(|&i| {
                self.observations
                    .range((e, i, UnitId::MIN)..=(e, i, UnitId::MAX))
                    .next()
                    .is_some()
            })
            .collect()
    }

    /// Children of an indicator, in display order.
    pub fn children(&self, parent: IndicatorId) -> impl Iterator<Item = IndicatorId> + '_ {
        self.indicator_ids()
            .filter(move |&i| self.indicators[i].parent == Some(parent))
    }

    /// Every indicator with its depth, in tree order: each one followed by its children (in
    /// display order), so a main indicator is listed under its group, not under whatever
    /// indicator happens to come before it in the file.
    pub fn indicator_tree(&self) -> Vec<(IndicatorId, usize)> {
        fn visit(ds: &Dataset, i: IndicatorId, depth: usize, out: &mut Vec<(IndicatorId, usize)>) {
            out.push((i, depth));
            for c in ds.children(i) {
                visit(ds, c, depth + 1, out);
            }
        }
        let mut out = Vec::with_capacity(self.indicators.len());
        for i in self
            .indicator_ids()
            .filter(|&i| self.indicators[i].parent.is_none())
        {
            visit(self, i, 0, &mut out);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_and_compare() {
        assert_eq!(
            Date::parse("2025-07-01"),
            Some(Date {
                year: 2025,
                month: 7,
                day: 1
            })
        );
        for bad in [
            "2025-13-01",
            "2025-07",
            "x",
            "2025-07-01-1",
            "",
            "2025-06-31",
            "2025-02-31",
            "2025-02-29",
            "2025-00-10",
            "2025-01-00",
            "-1-01-01",
            "99999-01-01",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2025-06-30").unwrap() < Date::parse("2025-07-01").unwrap());
        assert_eq!(Date::end_of(2024).to_string(), "2024-12-31");
        for (d, next) in [
            ("2025-06-30", "2025-07-01"),
            ("2024-12-31", "2025-01-01"),
            ("2024-02-28", "2024-02-29"),
            ("2025-02-28", "2025-03-01"),
            ("2025-01-05", "2025-01-06"),
            ("2100-02-28", "2100-03-01"),
            ("2000-02-28", "2000-02-29"),
            ("9999-12-31", "9999-12-31"),
        ] {
            assert_eq!(Date::parse(d).unwrap().next_day().to_string(), next);
        }
    }

    #[test]
    fn statistics_are_read_by_their_written_names_only() {
        for s in Statistic::ALL {
            assert_eq!(Statistic::parse(s.as_str()), Some(s));
            assert_eq!(s.to_string(), s.as_str());
        }
        assert_eq!(Statistic::parse("mean"), Some(Statistic::Mean));
        assert_eq!(Statistic::parse("national"), Some(Statistic::National));
        for bad in ["average", "Mean", "", "min ", "trung bình"] {
            assert_eq!(Statistic::parse(bad), None, "{bad}");
        }
        assert!(!Statistic::AGGREGATES.contains(&Statistic::National));
    }

    #[test]
    fn period_validity_is_inclusive() {
        let p = UnitPeriod {
            code: "58".into(),
            name: "Ninh Thuận".into(),
            name_en: "Ninh Thuan".into(),
            kind: String::new(),
            kind_en: String::new(),
            region: String::new(),
            region_en: String::new(),
            valid_from: None,
            valid_to: Date::parse("2025-06-30"),
            parent: None,
            origin: Location::default(),
        };
        assert!(p.valid_on(Date::parse("2025-06-30").unwrap()));
        assert!(!p.valid_on(Date::parse("2025-07-01").unwrap()));
        assert!(p.valid_on(Date::parse("1990-01-01").unwrap()));
    }
}
