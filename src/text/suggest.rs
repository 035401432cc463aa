//! "Did you mean …?": the known name closest to a mistyped one, for every diagnostic that names
//! something unknown (a unit slug, an indicator, an edition, a site.toml key, a template…).
//!
//! Distances come from `strsim`, the standard crate for string similarity (clap's suggestions use
//! it; it is already in the dependency tree through clap).

use super::slugify;

/// The candidate `typed` most likely meant, if one is close.
///
/// Names are compared folded (case, diacritics and separators alike: "Hà Nội", "ha_noi" and
/// "HA-NOI" are one name). A candidate is close when it is at most one edit per three characters
/// away (Damerau–Levenshtein: a swapped pair of letters is one edit), or when its Jaro–Winkler
/// similarity is at least 0.9 (a shortened or lengthened name sharing its start: `ha-tang` for
/// `ha-tang-so`). The fewest edits win, then the more similar, then the first listed.
pub fn closest<'a>(typed: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let t = slugify(typed);
    if t.is_empty() {
        return None;
    }
    let budget = (t.chars().count() / 3).max(1);
    let mut best: Option<(usize, f64, &'a str)> = None;
    for c in candidates {
        let f = slugify(c);
        let edits = strsim::damerau_levenshtein(&t, &f);
        let similar = strsim::jaro_winkler(&t, &f);
        if edits > budget && similar < 0.9 {
            continue;
        }
        let better = best.is_none_or(|(e, s, _)| edits < e || (edits == e && similar > s));
        if better {
            best = Some((edits, similar, c));
        }
    }
    best.map(|(_, _, c)| c)
}

/// A hint that starts with "did you mean `x`?" when a candidate is close, followed by `then`.
pub fn hint<'a>(typed: &str, candidates: impl IntoIterator<Item = &'a str>, then: &str) -> String {
    match closest(typed, candidates) {
        Some(c) if then.is_empty() => format!("did you mean `{c}`?"),
        Some(c) => format!("did you mean `{c}`? {then}"),
        None => then.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROVINCES: [&str; 6] = [
        "ha-noi",
        "ha-nam",
        "ha-tinh",
        "da-nang",
        "khanh-hoa",
        "ninh-thuan",
    ];

    #[test]
    fn a_typo_gets_the_name_it_was_meant_for() {
        for (typed, want) in [
            ("ha-noj", "ha-noi"),
            ("Hà Nội", "ha-noi"),
            ("ha_noi", "ha-noi"),
            ("khanh-hao", "khanh-hoa"),
            ("khan-hoa", "khanh-hoa"),
            ("da-nagn", "da-nang"),
            ("ninh-thuan-", "ninh-thuan"),
            ("ha-tnih", "ha-tinh"),
        ] {
            assert_eq!(closest(typed, PROVINCES), Some(want), "{typed}");
        }
    }

    #[test]
    fn shortened_names_and_short_codes_are_found() {
        let indicators = ["dti", "ha-tang-so", "nhan-luc-so", "chinh-quyen-so"];
        assert_eq!(closest("ha-tang", indicators), Some("ha-tang-so"));
        assert_eq!(closest("nhan-luc", indicators), Some("nhan-luc-so"));
        assert_eq!(closest("dtx", indicators), Some("dti"));
        assert_eq!(
            closest("base_ur", ["title", "base_url", "featured"]),
            Some("base_url")
        );
        assert_eq!(closest("2032", ["2020", "2021", "2023"]), Some("2023"));
    }

    #[test]
    fn nothing_close_suggests_nothing() {
        assert_eq!(closest("quang-tri", PROVINCES), None);
        assert_eq!(closest("xyz", ["dti", "ha-tang-so"]), None);
        assert_eq!(closest("", PROVINCES), None);
        assert_eq!(closest("---", PROVINCES), None);
        assert_eq!(closest("ha-noi", []), None);
    }

    #[test]
    fn hints_say_did_you_mean_only_when_there_is_a_match() {
        assert_eq!(
            hint("ha-noj", PROVINCES, "use a slug of units.csv"),
            "did you mean `ha-noi`? use a slug of units.csv"
        );
        assert_eq!(hint("ha-noj", PROVINCES, ""), "did you mean `ha-noi`?");
        assert_eq!(hint("quang-tri", PROVINCES, "use a slug"), "use a slug");
    }
}
