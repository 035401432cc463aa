//! Filling the theme's tera templates with view models, one page at a time.

pub mod cache;
mod common;
mod compare;
pub(crate) mod figures;
mod filters;
mod hierarchy;
mod home;
mod indicator;
mod lists;
pub(crate) mod provenance;
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
use crate::opendata::OutFile;
use crate::plan::{Page, PageKind, Plan};

pub use common::{Fmt, IndexView, index_view, name_in, region_in};

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
    /// Province boundaries, and for each edition the one that fits its units.
    pub maps: &'a crate::site::Maps,
    /// Interface strings per language (the theme's, with the site's overrides).
    pub strings: &'a BTreeMap<crate::text::Lang, crate::text::Strings>,
}

impl Ctx<'_> {
    /// The interface strings of a language.
    pub fn t(&self, lang: crate::text::Lang) -> &crate::text::Strings {
        self.strings
            .get(&lang)
            .unwrap_or_else(|| crate::text::Strings::builtin(lang))
    }
}

/// What rendering one page makes, without touching the disk: its files, and the share cards
/// still to draw. Drawing (and the card cache) belongs to the write stage ([`Rendered::draw`]),
/// so rendering is pure and `chiso check` writes nothing.
#[derive(Default)]
pub struct Rendered {
    /// HTML, SVG and CSV files.
    pub files: Vec<OutFile>,
    /// Share cards to draw: (output path, what the card shows). Already checked to be drawable.
    pub cards: Vec<(String, crate::card::Card)>,
}

impl Rendered {
    /// Draws the share cards (from `cache` when it has them) and returns every file. A card that
    /// cannot be drawn is an error naming the page's card file.
    pub fn draw(self, cache: &cache::CardCache) -> Result<Vec<OutFile>, Diagnostic> {
        let mut files = self.files;
        for (path, card) in self.cards {
            let png = cache.card(&card).map_err(|e| card_diagnostic(&path, &e))?;
            files.push((path, png));
        }
        Ok(files)
    }
}

/// The error of a share card that cannot be drawn.
pub(crate) fn card_diagnostic(path: &str, message: &str) -> Diagnostic {
    Diagnostic::error(Location::file(path), message.to_owned()).hint(
        "the card shows the site title, unit and edition names: use characters of the card font (Noto Sans)",
    )
}

/// The parsed templates and interface strings.
pub struct Renderer {
    tera: tera::Tera,
    shown: BTreeMap<String, String>,
    strings: BTreeMap<crate::text::Lang, tera::Value>,
    /// The `[js]` strings of each language as JSON, for app.js (read from the page, so the
    /// script holds no words of its own).
    js_strings: BTreeMap<crate::text::Lang, String>,
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
            diags.push(template_diagnostic(&e, path, text, theme));
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
            .map(|(l, t)| (*l, tera::Value::from_serializable(t.table())))
            .collect();
        let js_strings = theme
            .strings
            .iter()
            .map(|(l, t)| {
                let js = t
                    .table()
                    .get("js")
                    .cloned()
                    .unwrap_or(toml::Value::Table(toml::Table::new()));
                let json = serde_json::to_string(&js).expect("strings serialise");
                // Inside <script>, "</" would end the element.
                (*l, json.replace("</", "<\\/"))
            })
            .collect();
        ok.then_some(Renderer {
            tera,
            shown,
            strings,
            js_strings,
        })
    }

    /// Renders a page's template with its view model and figures.
    fn render_view(
        &self,
        template: &str,
        page: &Page,
        view: &dyn erased::View,
        figures: &BTreeMap<&'static str, figures::Figure>,
        og_image: Option<&str>,
        og_image_alt: Option<&str>,
        theme: &theme::Theme,
    ) -> Result<String, Diagnostic> {
        let mut context = view
            .context()
            .map_err(|e| Diagnostic::error(Location::file(template), e.to_string()))?;
        context.insert("figures", figures);
        context.insert("og_image", &og_image);
        context.insert("og_image_alt", &og_image_alt);
        self.render_context(template, page, context, theme)
    }

    /// Renders one template with a serialisable view model.
    pub fn render<T: Serialize>(
        &self,
        template: &str,
        page: &Page,
        view: &T,
        theme: &theme::Theme,
    ) -> Result<String, Diagnostic> {
        let context = tera::Context::from_serialize(view)
            .map_err(|e| Diagnostic::error(Location::file(template), e.to_string()))?;
        self.render_context(template, page, context, theme)
    }

    /// Renders one template with a context, adding the language and the interface strings.
    fn render_context(
        &self,
        template: &str,
        page: &Page,
        mut context: tera::Context,
        theme: &theme::Theme,
    ) -> Result<String, Diagnostic> {
        context.insert("lang", page.lang.code());
        if let Some(t) = self.strings.get(&page.lang) {
            context.insert_value("t", t.clone());
        }
        if let Some(js) = self.js_strings.get(&page.lang) {
            context.insert("js_strings", js);
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
            template_diagnostic(&e, &shown, text, theme)
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
fn template_diagnostic(
    e: &tera::Error,
    shown: &str,
    text: &str,
    theme: &theme::Theme,
) -> Diagnostic {
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
        .hint(crate::text::suggest::hint(
            name,
            theme.templates.keys().map(String::as_str),
            "add it to themes/<theme>/templates/ or fix the name in extends/include",
        )),
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

/// Renders one planned page: its HTML, the files of its figures (SVG, CSV) and its share card,
/// still to draw. Pure: reads nothing from disk and writes nothing.
pub fn page(
    ctx: &Ctx,
    renderer: &Renderer,
    theme: &theme::Theme,
    page: &Page,
) -> Result<Rendered, Diagnostic> {
    let figs = figures::for_page(ctx, page)?;
    // Open Graph wants an absolute image address; without a base URL a relative one is the best.
    let og_image = figs.card.as_ref().map(|path| match &ctx.config.base_url {
        Some(base) => base.join(path),
        None => path
            .strip_prefix(&page.dir())
            .map_or_else(|| ctx.plan.href(&page.url, path), str::to_owned),
    });
    let r = |template: &str, view: &dyn erased::View| {
        renderer.render_view(
            template,
            page,
            view,
            &figs.map,
            og_image.as_deref(),
            figs.card_alt.as_deref(),
            theme,
        )
    };
    let html = match page.kind {
        PageKind::Home => r("home.html", &home::view(ctx, page)),
        PageKind::Ranking(e) => r("ranking.html", &ranking::view(ctx, page, e, None)),
        PageKind::IndicatorRanking(e, i) => {
            r("ranking.html", &ranking::view(ctx, page, e, Some(i)))
        }
        PageKind::Indicator(i) => r("indicator.html", &indicator::view(ctx, page, i)),
        PageKind::Province(u) => r("province.html", &province::view(ctx, page, u)),
        PageKind::ProvinceEdition(u, e) => {
            r("province_year.html", &province::year_view(ctx, page, u, e))
        }
        PageKind::Rankings | PageKind::Indicators | PageKind::Provinces => {
            r("list.html", &lists::view(ctx, page))
        }
        PageKind::Parents => r("list.html", &hierarchy::parents_list(ctx, page)),
        PageKind::Free(n) => r("page.html", &lists::free_page(ctx, page, n)),
        PageKind::Compare => r("compare.html", &compare::view(ctx, page)),
        PageKind::NotFound => r("404.html", &lists::not_found(ctx, page)),
    }?;
    let mut files = figs.files;
    files.push((page.file(), html.into_bytes()));
    Ok(Rendered {
        files,
        cards: figs.cards,
    })
}

/// View models of different types behind one reference: each becomes a tera context.
mod erased {
    /// A view model.
    pub trait View {
        /// Its context.
        fn context(&self) -> Result<tera::Context, tera::Error>;
    }

    impl<T: serde::Serialize> View for T {
        fn context(&self) -> Result<tera::Context, tera::Error> {
            tera::Context::from_serialize(self)
        }
    }
}
