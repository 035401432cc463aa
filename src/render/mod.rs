//! Filling the theme's tera templates with view models, one page at a time.

mod common;
mod compare;
mod filters;
mod home;
mod indicator;
mod lists;
mod province;
mod ranking;
pub mod theme;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::compute::Report;
use crate::config::Config;
use crate::content::Commentary;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::model::Dataset;
use crate::plan::{Page, PageKind, Plan};

pub use common::Fmt;

/// Everything a page view needs, shared (borrowed) by all pages.
pub struct Ctx<'a> {
    /// Configuration.
    pub config: &'a Config,
    /// Data.
    pub ds: &'a Dataset,
    /// Computed tables.
    pub report: &'a Report,
    /// Commentary.
    pub commentary: &'a Commentary,
    /// Page plan (for links).
    pub plan: &'a Plan,
}

/// The parsed templates and interface strings.
pub struct Renderer {
    tera: tera::Tera,
    shown: BTreeMap<String, String>,
    strings: BTreeMap<crate::text::Lang, tera::Value>,
}

impl Renderer {
    /// Parses every template once. Syntax errors and missing templates are reported with file,
    /// line and column.
    pub fn new(theme: &theme::Theme, diags: &mut Diagnostics) -> Option<Renderer> {
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html", ".xml", ".svg"]);
        filters::register(&mut tera);
        let shown: BTreeMap<String, String> = theme
            .templates
            .iter()
            .map(|(n, (p, _))| (n.clone(), p.clone()))
            .collect();
        // All at once: components defined in one template are used by others.
        let mut ok = true;
        if let Err(e) = tera.add_raw_templates(
            theme
                .templates
                .iter()
                .map(|(n, (_, t))| (n.as_str(), t.as_str())),
        ) {
            let name = error_template(&e).unwrap_or_default();
            let (path, text) = theme
                .templates
                .get(&name)
                .map(|(p, t)| (p.as_str(), t.as_str()))
                .unwrap_or(("templates", ""));
            diags.push(template_diagnostic(&e, path, text));
            ok = false;
        }
        for required in theme::DEFAULT_TEMPLATES.iter().map(|(n, _)| *n) {
            if !tera.contains_template(required) && ok {
                diags.push(
                    Diagnostic::error(
                        Location::file(format!("themes/*/templates/{required}")),
                        format!("missing template `{required}`"),
                    )
                    .hint("copy it from chiso's default theme (themes/default/templates/)"),
                );
                ok = false;
            }
        }
        let strings = theme
            .strings
            .iter()
            .map(|(l, t)| (*l, tera::Value::from_serializable(t)))
            .collect();
        ok.then_some(Renderer {
            tera,
            shown,
            strings,
        })
    }

    /// Renders one template with a serialisable view model.
    pub fn render<T: Serialize>(
        &self,
        template: &str,
        page: &Page,
        view: &T,
        theme: &theme::Theme,
    ) -> Result<String, Diagnostic> {
        let mut context = tera::Context::from_serialize(view)
            .map_err(|e| Diagnostic::error(Location::file(template), e.to_string()))?;
        context.insert("lang", page.lang.code());
        if let Some(t) = self.strings.get(&page.lang) {
            context.insert_value("t", t.clone());
        }
        self.tera.render(template, &context).map_err(|e| {
            // The error may be in a parent template or a component: show that file's line.
            let name = error_template(&e)
                .filter(|n| theme.templates.contains_key(n))
                .unwrap_or_else(|| template.to_owned());
            let shown = self
                .shown
                .get(&name)
                .cloned()
                .unwrap_or_else(|| name.clone());
            let text = theme
                .templates
                .get(&name)
                .map(|(_, t)| t.as_str())
                .unwrap_or("");
            template_diagnostic(&e, &shown, text)
        })
    }
}

/// The template an error is about, when tera says.
fn error_template(e: &tera::Error) -> Option<String> {
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            Some(r.filename().to_owned())
        }
        tera::ErrorKind::MissingParent { current, .. } => Some(current.clone()),
        _ => None,
    }
}

/// Turns a tera error into a diagnostic pointing into the template.
fn template_diagnostic(e: &tera::Error, shown: &str, text: &str) -> Diagnostic {
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let span = r.span();
            let file = shown.to_owned();
            let line_text = text
                .lines()
                .nth(span.start_line.saturating_sub(1))
                .unwrap_or("");
            let width = if span.end_line == span.start_line {
                span.end_col.saturating_sub(span.start_col).max(1)
            } else {
                1
            };
            Diagnostic::error(
                Location::at(file, span.start_line, span.start_col + 1),
                format!("template error: {}", r.message()),
            )
            .snippet(line_text, width)
            .hint("fix the template; the tera syntax is documented at keats.github.io/tera")
        }
        tera::ErrorKind::TemplateNotFound(name)
        | tera::ErrorKind::MissingParent { parent: name, .. } => Diagnostic::error(
            Location::file(shown),
            format!("template `{name}` not found"),
        )
        .hint("add it to themes/<theme>/templates/ or fix the name in extends/include"),
        _ => {
            let mut message = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                message.push_str(&format!(": {s}"));
                source = s.source();
            }
            Diagnostic::error(Location::file(shown), format!("template error: {message}"))
                .hint("fix the template")
        }
    }
}

/// Renders one planned page to HTML.
pub fn page(
    ctx: &Ctx,
    renderer: &Renderer,
    theme: &theme::Theme,
    page: &Page,
) -> Result<String, Diagnostic> {
    match page.kind {
        PageKind::Home => renderer.render("home.html", page, &home::view(ctx, page), theme),
        PageKind::Ranking(e) => renderer.render(
            "ranking.html",
            page,
            &ranking::view(ctx, page, e, None),
            theme,
        ),
        PageKind::IndicatorRanking(e, i) => renderer.render(
            "ranking.html",
            page,
            &ranking::view(ctx, page, e, Some(i)),
            theme,
        ),
        PageKind::Indicator(i) => renderer.render(
            "indicator.html",
            page,
            &indicator::view(ctx, page, i),
            theme,
        ),
        PageKind::Province(u) => {
            renderer.render("province.html", page, &province::view(ctx, page, u), theme)
        }
        PageKind::ProvinceEdition(u, e) => renderer.render(
            "province_year.html",
            page,
            &province::year_view(ctx, page, u, e),
            theme,
        ),
        PageKind::Rankings | PageKind::Indicators | PageKind::Provinces => {
            renderer.render("list.html", page, &lists::view(ctx, page), theme)
        }
        PageKind::Free(n) => {
            renderer.render("page.html", page, &lists::free_page(ctx, page, n), theme)
        }
        PageKind::Compare => {
            renderer.render("compare.html", page, &compare::view(ctx, page), theme)
        }
        PageKind::NotFound => {
            renderer.render("404.html", page, &lists::not_found(ctx, page), theme)
        }
    }
}
