//! Re-rendering only the pages a commentary edit affects.
//!
//! The mapping from a commentary document to the pages that show it mirrors how the templates
//! use [`Commentary::find`] (the home text on the home page, an edition's text on its ranking
//! page, a unit's texts on its profile and edition pages, in both languages because a page
//! without its own text links the other language's). Anything else — a free page, whose title
//! is in every page's menu — re-renders everything. Because this knowledge lives outside the
//! templates, the preview follows each partial rebuild with a full render in the background and
//! publishes it if it differs (see `serve::watch_loop`), so a page is never stale for long.

use crate::content::{Commentary, Doc, Subject};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::opendata::OutFile;
use crate::plan::PageKind;
use crate::site::Site;

/// The subjects whose documents differ between `old` and `new`, or `None` when the change needs
/// every page re-rendered (free pages changed).
pub fn changed_subjects(old: &Commentary, new: &Commentary) -> Option<Vec<Subject>> {
    let same_pages = old.pages.len() == new.pages.len()
        && old.pages.iter().zip(&new.pages).all(|(a, b)| same(a, b));
    if !same_pages {
        return None;
    }
    let mut subjects = Vec::new();
    for d in old.docs.iter().chain(&new.docs) {
        let (a, b) = (
            old.docs
                .iter()
                .find(|x| x.subject == d.subject && x.lang == d.lang),
            new.docs
                .iter()
                .find(|x| x.subject == d.subject && x.lang == d.lang),
        );
        let differs = match (a, b) {
            (Some(a), Some(b)) => !same(a, b),
            _ => true,
        };
        if differs && !subjects.contains(&d.subject) {
            subjects.push(d.subject);
        }
    }
    Some(subjects)
}

fn same(a: &Doc, b: &Doc) -> bool {
    a.subject == b.subject
        && a.lang == b.lang
        && a.name == b.name
        && a.title == b.title
        && a.description == b.description
        && a.weight == b.weight
        && a.body == b.body
        && a.body_line == b.body_line
        && a.source == b.source
}

/// The pages showing a subject's commentary; `None` for subjects shown everywhere.
fn pages_of(subject: Subject) -> Option<PageKind> {
    match subject {
        Subject::Home => Some(PageKind::Home),
        Subject::Edition(e) => Some(PageKind::Ranking(e)),
        Subject::Unit(u) => Some(PageKind::Province(u)),
        Subject::UnitEdition(u, e) => Some(PageKind::ProvinceEdition(u, e)),
        Subject::Page => None,
    }
}

/// Renders the pages (with their figures) that show `subjects`, plus the search index, which
/// holds commentary text. `None` when some subject needs everything re-rendered.
pub fn render(site: &Site, subjects: &[Subject]) -> Option<Result<Vec<OutFile>, Diagnostics>> {
    let kinds: Vec<PageKind> = subjects
        .iter()
        .map(|&s| pages_of(s))
        .collect::<Option<_>>()?;
    let ctx = site.ctx();
    let mut files = Vec::new();
    let mut diags = Diagnostics::new();
    for kind in kinds {
        for &lang in crate::site::LANGS {
            let Some(page) = site.plan.page(kind, lang) else {
                continue;
            };
            match crate::render::page(&ctx, &site.renderer, &site.theme, page)
                .and_then(|r| r.draw(&site.cards))
            {
                Ok(f) => files.extend(f),
                Err(d) => push_once(&mut diags, d),
            }
        }
    }
    if diags.has_errors() {
        return Some(Err(diags));
    }
    files.extend(crate::search::files(&site.ctx(), crate::site::LANGS));
    Some(Ok(files))
}

fn push_once(diags: &mut Diagnostics, d: Diagnostic) {
    if !diags
        .items()
        .iter()
        .any(|x| x.message == d.message && x.location == d.location)
    {
        diags.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Lang;

    fn doc(subject: Subject, body: &str) -> Doc {
        Doc {
            subject,
            name: "x".into(),
            lang: Lang::Vi,
            title: "t".into(),
            description: String::new(),
            weight: 0,
            body: body.into(),
            body_line: 1,
            source: "c.md".into(),
        }
    }

    #[test]
    fn finds_the_subjects_of_edited_documents() {
        let old = Commentary {
            docs: vec![
                doc(Subject::Home, "a"),
                doc(Subject::UnitEdition(1, 2), "b"),
            ],
            pages: vec![doc(Subject::Page, "p")],
        };
        let mut new = old.clone();
        new.docs[1].body = "b2".into();
        new.docs.push(doc(Subject::Unit(3), "c"));
        assert_eq!(
            changed_subjects(&old, &new),
            Some(vec![Subject::UnitEdition(1, 2), Subject::Unit(3)])
        );
        assert_eq!(changed_subjects(&old, &old), Some(vec![]));
        let mut pages = old.clone();
        pages.pages[0].title = "new title".into();
        assert_eq!(
            changed_subjects(&old, &pages),
            None,
            "menus change everywhere"
        );
        assert_eq!(pages_of(Subject::Page), None);
    }
}
