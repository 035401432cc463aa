//! Claims computed on the claims fixture (`tests/fixtures/claims`): an incomplete edition with
//! official ranks (2020), one with a few values, a derived one and published aggregates (2021), a
//! gap (no 2022), ties at the top and bottom (2023), and two unit sets in 2024.

use super::*;
use crate::site::{Options, Site};

/// The claims fixture, loaded (shared with the phrase tests).
pub(super) fn fixture() -> Site {
    site()
}

fn site() -> Site {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/claims");
    crate::site::load(&Options {
        root,
        output: None,
        base_url: None,
        cache: Some(std::path::PathBuf::new()),
    })
    .unwrap_or_else(|d| panic!("fixture loads:\n{d}"))
}

fn ed(s: &Site, id: &str) -> EditionId {
    s.dataset.edition_by_id(id).unwrap()
}

fn unit(s: &Site, slug: &str) -> UnitId {
    s.dataset.unit_by_slug(slug).unwrap()
}

fn names(s: &Site, t: &Tie) -> Vec<String> {
    t.units
        .iter()
        .map(|&u| s.dataset.units[u].slug.clone())
        .collect()
}

#[test]
fn complete_edition_keeps_ties_whole() {
    let s = site();
    let x = extremes(&s.dataset, &s.report, ed(&s, "2023"), IndicatorId::new(0)).unwrap();
    assert_eq!(x.basis, Basis::Complete { of: 5 });
    let top = x.top.unwrap();
    assert_eq!(names(&s, &top), ["da-nang", "ha-noi"]);
    assert_eq!(top.value, Some(0.8));
    assert_eq!(top.rank, Some(1));
    let bottom = x.bottom.unwrap();
    assert_eq!(names(&s, &bottom), ["ninh-thuan", "tuyen-quang"]);
    assert_eq!((bottom.value, bottom.rank), (Some(0.5), Some(4)));
    assert_eq!(bottom.rank_source, Some(Source::Computed));
}

#[test]
fn official_ranks_name_leader_and_last_of_an_incomplete_edition() {
    let s = site();
    // 2020: Đà Nẵng rank 1 (0,4874), Ninh Thuận rank 5 of 5 (no value); Khánh Hòa's 0,4096 is
    // the lowest published value but not last.
    let x = extremes(&s.dataset, &s.report, ed(&s, "2020"), IndicatorId::new(0)).unwrap();
    assert_eq!(x.basis, Basis::OfficialRanks { of: 5 });
    let top = x.top.unwrap();
    assert_eq!(names(&s, &top), ["da-nang"]);
    assert_eq!(top.value, Some(0.4874));
    let bottom = x.bottom.unwrap();
    assert_eq!(names(&s, &bottom), ["ninh-thuan"]);
    assert_eq!((bottom.value, bottom.rank), (None, Some(5)));
    let (count, high, low) = x.among_published.unwrap();
    assert_eq!(count, 2);
    assert_eq!(names(&s, &high), ["da-nang"]);
    assert_eq!(names(&s, &low), ["khanh-hoa"]);
}

#[test]
fn a_derived_rank_never_makes_a_last_claim() {
    let s = site();
    // 2021: Tuyên Quang's rank 5 of 5 is derived: no last claim; Đà Nẵng leads by official rank
    // without a value; among the 2 official values Khánh Hòa is highest, Ninh Thuận lowest
    // (Tuyên Quang's derived 0,2849 is not a published value).
    let x = extremes(&s.dataset, &s.report, ed(&s, "2021"), IndicatorId::new(0)).unwrap();
    assert_eq!(x.basis, Basis::OfficialRanks { of: 5 });
    assert_eq!(names(&s, x.top.as_ref().unwrap()), ["da-nang"]);
    assert_eq!(x.top.unwrap().value, None);
    assert_eq!(x.bottom, None);
    let (count, high, low) = x.among_published.unwrap();
    assert_eq!(count, 2);
    assert_eq!(names(&s, &high), ["khanh-hoa"]);
    assert_eq!(names(&s, &low), ["ninh-thuan"]);
}

#[test]
fn derived_figures_carry_their_provenance_into_changes() {
    let s = site();
    let (e21, tq) = (ed(&s, "2021"), unit(&s, "tuyen-quang"));
    let en = s.report.entry(e21, IndicatorId::new(0), tq).unwrap();
    assert_eq!(en.value_source, Some(Source::Derived));
    assert_eq!(en.rank_source, Some(Source::Derived));
    // 2021 → 2023 (no 2022): the change rests on a derived figure.
    let later = s
        .report
        .entry(ed(&s, "2023"), IndicatorId::new(0), tq)
        .unwrap();
    assert_eq!(later.change.value_source, Some(Source::Derived));
    assert_eq!(later.change.rank_source, Some(Source::Derived));
    assert!(!later.change.crosses_method);
    // 2020 → 2021 crosses the change of method.
    let nt = unit(&s, "ninh-thuan");
    let c = s.report.entry(e21, IndicatorId::new(0), nt).unwrap().change;
    assert_eq!(c.rank_places, Some(1));
    assert!(c.crosses_method);
    assert_eq!(c.rank_source, Some(Source::Computed));
}

#[test]
fn moves_stay_within_one_unit_set() {
    let s = site();
    let ds = &s.dataset;
    let (e63, e34, dn) = (ed(&s, "2024"), ed(&s, "2024-4"), unit(&s, "da-nang"));
    let p = |e, v| Point {
        edition: e,
        value: v,
        source: Source::Official,
    };
    assert_eq!(movement(ds, p(e63, 0.8335), p(e34, 0.8335)), None);
    let kh = unit(&s, "khanh-hoa");
    let set = series(ds, &s.report, kh, IndicatorId::new(0), e63);
    assert_eq!(
        set.iter()
            .map(|&e| ds.editions[e].id.as_str())
            .collect::<Vec<_>>(),
        ["2020", "2021", "2023", "2024"]
    );
    let m = value_move(ds, &s.report, kh, IndicatorId::new(0), &set).unwrap();
    assert_eq!((m.from.edition, m.to.edition), (ed(&s, "2020"), e63));
    assert!(m.crosses_method);
    assert_eq!(m.direction(4), std::cmp::Ordering::Greater);
    // The post-merger set has one edition: nothing to move between.
    let set34 = series(ds, &s.report, dn, IndicatorId::new(0), e34);
    assert_eq!(set34, [e34]);
    assert_eq!(
        value_move(ds, &s.report, dn, IndicatorId::new(0), &set34),
        None
    );
    // A move from a derived value is derived.
    let tq = unit(&s, "tuyen-quang");
    let m = value_move(
        ds,
        &s.report,
        tq,
        IndicatorId::new(0),
        &series(ds, &s.report, tq, IndicatorId::new(0), e63),
    )
    .unwrap();
    assert_eq!(m.source(), Source::Derived);
}

#[test]
fn aggregates_fall_back_to_published_ones() {
    let s = site();
    let (ds, r) = (&s.dataset, &s.report);
    let e21 = ed(&s, "2021");
    let mean = aggregate(ds, r, e21, IndicatorId::new(0), Statistic::Mean).unwrap();
    assert_eq!((mean.value, mean.source), (0.4014, Source::Published));
    assert_eq!(
        aggregate(ds, r, e21, IndicatorId::new(0), Statistic::Max)
            .unwrap()
            .value,
        0.6419
    );
    assert_eq!(
        aggregate(ds, r, e21, IndicatorId::new(0), Statistic::Median),
        None
    );
    let m23 = aggregate(ds, r, ed(&s, "2023"), IndicatorId::new(0), Statistic::Mean).unwrap();
    assert_eq!(m23.source, Source::Computed);
    assert!((m23.value - 0.64).abs() < 1e-9);
    assert_eq!(m23.count, 5);
    assert_eq!(
        published(ds, ed(&s, "2023"), IndicatorId::new(0), Statistic::Mean),
        Some(0.65)
    );
}
