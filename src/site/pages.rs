//! Rendered pages kept with the key of their inputs, for the preview: after a save, a page is
//! rendered again only when its key moved. A page's key is made of the keys of the data, maps
//! and theme stages, the plan's list of pages and the free pages' titles (every page links them
//! in its menus), and the commentary the plan gives the page ([`crate::plan::text_of`]) — the
//! same function render takes that text from, so the two cannot disagree.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::content::{Commentary, Doc, Subject};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::plan::{Page, PageKind};
use crate::text::Lang;

use super::stages::combine;
use super::{Site, SiteFiles};

/// A file of the site, shared between the cache and what the preview serves.
pub type Shared = (String, Arc<Vec<u8>>);

/// The last rendered files of every page, and of the files made from the whole site.
#[derive(Default)]
pub struct PageCache {
    pages: HashMap<(PageKind, Lang), (u64, Arc<Vec<Shared>>)>,
    site_files: HashMap<SiteFiles, (u64, Arc<Vec<Shared>>)>,
    /// How many pages the last [`PageCache::render`] rendered (the others were up to date).
    pub rendered: usize,
}

/// What of the commentary each page shows, hashed: a text per subject (both languages: a page
/// without its own text links the other language's), a free page's texts per name.
struct Texts {
    subjects: HashMap<Subject, u64>,
    free: HashMap<String, u64>,
}

impl Texts {
    fn new(commentary: &Commentary) -> Texts {
        let mut subjects: HashMap<Subject, Vec<&Doc>> = HashMap::new();
        for doc in &commentary.docs {
            subjects.entry(doc.subject).or_default().push(doc);
        }
        let mut free: HashMap<String, Vec<&Doc>> = HashMap::new();
        for doc in &commentary.pages {
            free.entry(doc.name.clone()).or_default().push(doc);
        }
        // Every field of a document counts (its Debug form), so a field added later is never
        // forgotten here.
        let hash = |docs: Vec<&Doc>| combine(format!("{docs:?}"));
        Texts {
            subjects: subjects.into_iter().map(|(s, d)| (s, hash(d))).collect(),
            free: free.into_iter().map(|(n, d)| (n, hash(d))).collect(),
        }
    }

    /// The hash of the commentary page `page` shows.
    fn of(&self, commentary: &Commentary, page: &Page) -> u64 {
        match (page.kind, crate::plan::text_of(page.kind)) {
            (PageKind::Free(n), _) => self.free.get(&commentary.pages[n].name).copied(),
            (_, Some(subject)) => self.subjects.get(&subject).copied(),
            _ => None,
        }
        .unwrap_or(0)
    }
}

impl PageCache {
    /// Every file of `site`, rendering only the pages whose key changed since the last call.
    /// `keys` are the stage keys the site was loaded with ([`super::Stages::keys`]).
    pub fn render(&mut self, site: &Site, keys: [u64; 4]) -> Result<Vec<Shared>, Diagnostics> {
        self.render_some(site, keys, None).map(|(files, _)| files)
    }

    /// The preview's first pass after a save (Hugo's "fast render"): renders only the stale
    /// pages whose file is in `wanted` (the pages open in a browser) and returns the files that
    /// are up to date — the others are left out until [`PageCache::render`] has made them.
    /// The flag says whether the files are the whole site (nothing else was stale).
    pub fn render_first(
        &mut self,
        site: &Site,
        keys: [u64; 4],
        wanted: &std::collections::HashSet<String>,
    ) -> Result<(Vec<Shared>, bool), Diagnostics> {
        self.render_some(site, keys, Some(wanted))
    }

    fn render_some(
        &mut self,
        site: &Site,
        keys: [u64; 4],
        wanted: Option<&std::collections::HashSet<String>>,
    ) -> Result<(Vec<Shared>, bool), Diagnostics> {
        let [data, maps, theme, commentary] = keys;
        let plan_key = combine(
            site.plan
                .pages
                .iter()
                .map(|p| (p.kind, p.lang, &p.url))
                .collect::<Vec<_>>(),
        );
        let menus = combine(
            site.commentary
                .pages
                .iter()
                .map(|d| (&d.name, d.lang, &d.title, d.weight))
                .collect::<Vec<_>>(),
        );
        let global = combine((data, maps, theme, plan_key, menus));
        let texts = Texts::new(&site.commentary);
        let key_of = |page: &Page| {
            combine((
                global,
                page.kind,
                page.lang,
                &page.url,
                texts.of(&site.commentary, page),
            ))
        };
        let mut stale: Vec<Page> = site
            .plan
            .pages
            .iter()
            .filter(|p| {
                self.pages
                    .get(&(p.kind, p.lang))
                    .is_none_or(|(k, _)| *k != key_of(p))
            })
            .cloned()
            .collect();
        let all_stale = stale.len();
        if let Some(wanted) = wanted {
            stale.retain(|p| wanted.contains(&p.file()));
        }
        let partial = stale.len() < all_stale;
        let rendered = super::render_pages(site, &stale)?;
        let drawn: Vec<Result<Vec<crate::opendata::OutFile>, Diagnostic>> = rendered
            .into_par_iter()
            .map(|r| r.draw(&site.cards))
            .collect();
        let mut diags = Diagnostics::new();
        for (page, files) in stale.iter().zip(drawn) {
            match files {
                Ok(files) => {
                    let files = files.into_iter().map(|(p, b)| (p, Arc::new(b))).collect();
                    self.pages
                        .insert((page.kind, page.lang), (key_of(page), Arc::new(files)));
                }
                Err(d) => diags.push(d),
            }
        }
        if diags.has_errors() {
            return Err(diags);
        }
        self.rendered = stale.len();
        // The files made from the whole site, each group remade when its inputs moved (left
        // for the second pass when only the open pages are wanted).
        let mut groups_fresh = Vec::new();
        for group in SiteFiles::ALL {
            let key = match group {
                SiteFiles::Data => data,
                SiteFiles::Texts => combine((data, theme, commentary, plan_key)),
                SiteFiles::Static => theme,
            };
            let fresh = self.site_files.get(&group).is_some_and(|(k, _)| *k == key);
            if fresh || partial {
                groups_fresh.push(fresh);
                continue;
            }
            groups_fresh.push(true);
            let files = group
                .make(site)
                .into_iter()
                .map(|(p, b)| (p, Arc::new(b)))
                .collect();
            self.site_files.insert(group, (key, Arc::new(files)));
        }
        let mut all = Vec::new();
        if partial {
            // Only what is up to date; the second pass adds the rest.
            for page in &site.plan.pages {
                if let Some((k, files)) = self.pages.get(&(page.kind, page.lang))
                    && *k == key_of(page)
                {
                    all.extend(files.iter().cloned());
                }
            }
            for (group, fresh) in SiteFiles::ALL.iter().zip(groups_fresh) {
                if fresh {
                    all.extend(self.site_files[group].1.iter().cloned());
                }
            }
            return Ok((all, false));
        }
        // Pages no longer planned are forgotten.
        let planned: std::collections::HashSet<(PageKind, Lang)> =
            site.plan.pages.iter().map(|p| (p.kind, p.lang)).collect();
        self.pages.retain(|k, _| planned.contains(k));
        for page in &site.plan.pages {
            all.extend(self.pages[&(page.kind, page.lang)].1.iter().cloned());
        }
        for group in SiteFiles::ALL {
            all.extend(self.site_files[&group].1.iter().cloned());
        }
        Ok((all, true))
    }
}
