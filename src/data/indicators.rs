//! `indicators.toml`: the indicator tree.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics, Location, toml_diagnostic};
use crate::model::{Indicator, IndicatorId, IndicatorKind};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    indicator: Vec<RawIndicator>,
}

/// One `[[indicator]]` table as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    /// Stable slug.
    code: String,
    /// Parent code (none for the root).
    #[serde(default)]
    parent: Option<String>,
    /// index | pillar | group | main | component.
    kind: IndicatorKind,
    /// Vietnamese name.
    name: String,
    /// English name.
    #[serde(default)]
    name_en: Option<String>,
    /// Short Vietnamese label.
    #[serde(default)]
    short: Option<String>,
    /// Short English label.
    #[serde(default)]
    short_en: Option<String>,
    /// First year.
    #[serde(default)]
    from: Option<u16>,
    /// Last year.
    #[serde(default)]
    to: Option<u16>,
    /// Points out of the total.
    #[serde(default)]
    max_points: Option<f64>,
    /// Number of components.
    #[serde(default)]
    components: Option<u32>,
    /// Lowest valid value (default 0).
    #[serde(default)]
    min: Option<f64>,
    /// Highest valid value (default 1).
    #[serde(default)]
    max: Option<f64>,
    /// Definition (Vietnamese).
    #[serde(default)]
    description: String,
    /// Definition (English).
    #[serde(default)]
    description_en: String,
}

/// Reads and validates the tree; indicators keep the file's order.
pub fn load(path: &Path, shown: &Path, diags: &mut Diagnostics) -> Vec<Indicator> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    Location::file(shown),
                    format!("cannot read indicators.toml: {e}"),
                )
                .hint("the indicator tree lives in content/indicators.toml"),
            );
            return Vec::new();
        }
    };
    let raw: RawFile = match toml::from_str(&text) {
        Ok(r) => r,
        Err(e) => {
            diags.push(toml_diagnostic(
                shown,
                &text,
                0,
                &e,
                "each indicator is an [[indicator]] table with code, kind and name",
            ));
            return Vec::new();
        }
    };
    let line_of = |code: &str| {
        text.lines()
            .position(|l| l.trim_start().starts_with("code") && l.contains(&format!("\"{code}\"")))
            .map(|i| i + 1)
            .unwrap_or(1)
    };
    let error =
        |code: &str, msg: String| Diagnostic::error(Location::line(shown, line_of(code)), msg);
    let mut out: Vec<Indicator> = Vec::new();
    for r in &raw.indicator {
        if let Some(why) = crate::text::slug_problem(&r.code) {
            diags.push(
                error(
                    &r.code,
                    format!("`{}` is not a valid indicator code: {why}", r.code),
                )
                .hint(format!(
                    "codes are slugs, e.g. `{}`",
                    crate::text::slugify(&r.name)
                )),
            );
            continue;
        }
        if out.iter().any(|o| o.code == r.code) {
            diags.push(
                error(&r.code, format!("indicator `{}` is declared twice", r.code))
                    .hint("codes must be unique"),
            );
            continue;
        }
        let (min, max) = (r.min.unwrap_or(0.0), r.max.unwrap_or(1.0));
        if min >= max {
            diags.push(error(
                &r.code,
                format!("indicator `{}`: min {min} is not below max {max}", r.code),
            ));
        }
        out.push(Indicator {
            code: r.code.clone(),
            parent: None,
            kind: r.kind,
            name_en: r.name_en.clone().unwrap_or_else(|| r.name.clone()),
            short: r.short.clone().unwrap_or_else(|| r.name.clone()),
            short_en: r
                .short_en
                .clone()
                .or_else(|| r.name_en.clone())
                .unwrap_or_else(|| r.name.clone()),
            name: r.name.clone(),
            from: r.from,
            to: r.to,
            max_points: r.max_points,
            components: r.components,
            min,
            max,
            description: r.description.clone(),
            description_en: r.description_en.clone(),
        });
    }
    for r in &raw.indicator {
        let (Some(parent), Some(ix)) = (&r.parent, out.iter().position(|o| o.code == r.code))
        else {
            continue;
        };
        match out.iter().position(|o| &o.code == parent) {
            Some(p) => out[ix].parent = Some(IndicatorId::new(p)),
            None => diags.push(
                error(
                    &r.code,
                    format!("parent `{parent}` of `{}` is not an indicator", r.code),
                )
                .hint(crate::text::suggest::hint(
                    parent,
                    out.iter().map(|o| o.code.as_str()),
                    "declare the parent as its own [[indicator]]",
                )),
            ),
        }
    }
    for ix in 0..out.len() {
        // Walking up more steps than there are nodes means a cycle.
        let mut node = out[ix].parent;
        for _ in 0..=out.len() {
            node = node.and_then(|p| out[p].parent);
        }
        if node.is_some() {
            diags.push(
                error(
                    &out[ix].code,
                    format!("indicator `{}` is its own ancestor", out[ix].code),
                )
                .hint("the parents must form a tree"),
            );
        }
    }
    if !out.is_empty()
        && !out
            .iter()
            .any(|i| i.kind == IndicatorKind::Index && i.parent.is_none())
    {
        diags.push(
            Diagnostic::error(Location::file(shown), "no root indicator")
                .hint("declare one [[indicator]] with kind = \"index\" and no parent (e.g. dti)"),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_str(text: &str) -> (Vec<Indicator>, Diagnostics) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("indicators.toml");
        std::fs::write(&p, text).unwrap();
        let mut d = Diagnostics::new();
        (load(&p, Path::new("indicators.toml"), &mut d), d)
    }

    #[test]
    fn builds_tree_in_file_order() {
        let (v, d) = load_str(
            "[[indicator]]\ncode = \"dti\"\nkind = \"index\"\nname = \"DTI\"\n[[indicator]]\ncode = \"ha-tang-so\"\nparent = \"dti\"\nkind = \"main\"\nname = \"Hạ tầng số\"\nfrom = 2022\n",
        );
        assert!(d.is_empty(), "{d}");
        assert_eq!(v[1].parent, Some(IndicatorId::new(0)));
        assert!(!v[1].exists_in(2021) && v[1].exists_in(2024));
        assert_eq!((v[0].min, v[0].max), (0.0, 1.0));
    }

    #[test]
    fn unknown_parent_and_field_are_errors() {
        let (_, d) = load_str(
            "[[indicator]]\ncode = \"dti\"\nkind = \"index\"\nname = \"DTI\"\n[[indicator]]\ncode = \"x\"\nparent = \"nope\"\nkind = \"main\"\nname = \"X\"\n",
        );
        assert!(
            d.render()
                .contains("parent `nope` of `x` is not an indicator"),
            "{}",
            d.render()
        );
        assert!(d.render().contains("indicators.toml:6"), "{}", d.render());
        let (_, d) = load_str("[[indicator]]\ncode = \"dti\"\nkind = \"index\"\nnam = \"DTI\"\n");
        assert!(d.render().contains("indicators.toml:4"), "{}", d.render());
    }
}
