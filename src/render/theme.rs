//! The theme: templates, static files and interface strings. The default theme is embedded in
//! the binary; a site's `themes/<name>/` folder replaces files one by one, by name (as mdBook).

use std::collections::BTreeMap;
use std::path::Path;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::text::{Lang, Strings};

/// Embedded default templates: (name, text).
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "macros.html",
        include_str!("../../themes/default/templates/macros.html"),
    ),
    (
        "home.html",
        include_str!("../../themes/default/templates/home.html"),
    ),
    (
        "ranking.html",
        include_str!("../../themes/default/templates/ranking.html"),
    ),
    (
        "indicator.html",
        include_str!("../../themes/default/templates/indicator.html"),
    ),
    (
        "province.html",
        include_str!("../../themes/default/templates/province.html"),
    ),
    (
        "province_year.html",
        include_str!("../../themes/default/templates/province_year.html"),
    ),
    (
        "list.html",
        include_str!("../../themes/default/templates/list.html"),
    ),
    (
        "page.html",
        include_str!("../../themes/default/templates/page.html"),
    ),
    (
        "404.html",
        include_str!("../../themes/default/templates/404.html"),
    ),
    (
        "compare.html",
        include_str!("../../themes/default/templates/compare.html"),
    ),
];

/// Embedded default static files: (path under static/, bytes).
pub const DEFAULT_STATIC: &[(&str, &[u8])] = &[
    (
        "style.css",
        include_bytes!("../../themes/default/static/style.css"),
    ),
    (
        "favicon.svg",
        include_bytes!("../../themes/default/static/favicon.svg"),
    ),
    (
        "app.js",
        include_bytes!("../../themes/default/static/app.js"),
    ),
];

/// A loaded theme.
pub struct Theme {
    /// Template name → (shown path, text).
    pub templates: BTreeMap<String, (String, String)>,
    /// Static file path → bytes.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// Interface strings per language: the built-in ones with the site's overrides.
    pub strings: BTreeMap<Lang, Strings>,
}

/// Loads the embedded theme and applies the site's overrides.
pub fn load(config: &Config, diags: &mut Diagnostics) -> Theme {
    let mut theme = Theme {
        templates: BTreeMap::new(),
        statics: BTreeMap::new(),
        strings: BTreeMap::new(),
    };
    for (name, text) in DEFAULT_TEMPLATES {
        theme.templates.insert(
            (*name).to_owned(),
            (format!("(built-in) templates/{name}"), (*text).to_owned()),
        );
    }
    for (name, bytes) in DEFAULT_STATIC {
        theme.statics.insert((*name).to_owned(), bytes.to_vec());
    }
    for lang in Lang::ALL {
        theme.strings.insert(lang, Strings::builtin(lang).clone());
    }
    let dir = config.root.join("themes").join(&config.theme);
    if !dir.is_dir() {
        if config.theme != "default" {
            diags.push(
                Diagnostic::error(
                    Location::file("content/site.toml"),
                    format!("theme `{}` not found", config.theme),
                )
                .hint(format!(
                    "create {} or remove `theme` from site.toml to use the built-in theme",
                    config.shown(&dir).display()
                )),
            );
        }
        return theme;
    }
    for (sub, is_template) in [("templates", true), ("static", false)] {
        let base = dir.join(sub);
        for entry in walkdir::WalkDir::new(&base)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = rel_name(&base, entry.path());
            let shown = config.shown(entry.path()).display().to_string();
            match std::fs::read(entry.path()) {
                Ok(bytes) if is_template => match String::from_utf8(bytes) {
                    Ok(text) => {
                        theme.templates.insert(rel, (shown, text));
                    }
                    Err(_) => diags.push(Diagnostic::error(
                        Location::file(&shown),
                        "template is not valid UTF-8",
                    )),
                },
                Ok(bytes) => {
                    // Static files are copied to `static/<name>`: the name must be a safe path.
                    match crate::output::SitePath::new(&format!("static/{rel}")) {
                        Ok(_) => {
                            theme.statics.insert(rel, bytes);
                        }
                        Err(e) => diags.push(
                            Diagnostic::error(Location::file(&shown), format!("theme file name: {e}"))
                                .hint("static files are published under static/: use ASCII letters, digits, '-', '_' and '.' in their names"),
                        ),
                    }
                }
                Err(e) => diags.push(Diagnostic::error(
                    Location::file(&shown),
                    format!("cannot read: {e}"),
                )),
            }
        }
    }
    for lang in Lang::ALL {
        let path = dir.join("i18n").join(format!("{}.toml", lang.code()));
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        match toml::from_str::<toml::Table>(&text) {
            // Site strings override built-in ones key by key, so a partial file is enough.
            Ok(table) => {
                let (strings, problems) = Strings::builtin(lang).with_overrides(&table);
                for p in problems {
                    let shown = config.shown(&path).display().to_string();
                    let last = p.key.rsplit('.').next().unwrap_or(&p.key);
                    let line = text.lines().position(|l| {
                        l.trim_start()
                            .strip_prefix(last)
                            .is_some_and(|r| r.trim_start().starts_with('='))
                    });
                    let location = match line {
                        Some(i) => Location::at(shown, i + 1, 1),
                        None => Location::file(shown),
                    };
                    // A folder named `default` restates the built-in theme (this repository's
                    // own site does): a key of the wrong kind there means the folder and the
                    // running chiso come from different versions, not an author's mistake.
                    let hint = if config.theme == "default" {
                        format!(
                            "{} restates the built-in theme of another chiso version than the one running ({}): rebuild chiso from the same sources (`cargo build --release`) or take the folder from this version",
                            config.shown(&dir).display(),
                            env!("CARGO_PKG_VERSION")
                        )
                    } else {
                        format!(
                            "see the built-in themes/default/i18n/{}.toml for `{}`",
                            lang.code(),
                            p.key
                        )
                    };
                    diags.push(
                        Diagnostic::error(location, format!("interface string {}", p.message))
                            .hint(hint),
                    );
                }
                theme.strings.insert(lang, strings);
            }
            Err(e) => diags.push(crate::diagnostics::toml_diagnostic(
                &config.shown(&path),
                &text,
                0,
                &e,
                "interface strings are key = \"text\" lines",
            )),
        }
    }
    theme
}

fn rel_name(base: &Path, path: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .iter()
        .filter_map(|p| p.to_str())
        .collect::<Vec<_>>()
        .join("/")
}
