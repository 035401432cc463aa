//! Where the site is published and how addresses are read: the base URL, parsed once (with the
//! `url` crate, the WHATWG parser browsers use), the one resolver of links found in pages, and
//! the one percent-decoder (`percent-encoding`, from the same project). Links between pages are
//! made by [`super::Plan::href`].

use std::borrow::Cow;

/// The absolute address the site is published at (`base_url` of site.toml or `--base-url`),
/// parsed and validated once: http or https, a host, no query, fragment or credentials. Its path
/// always ends with `/`, so page URLs (site-relative) are appended to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseUrl(url::Url);

impl BaseUrl {
    /// Parses `text` (`https://chiso.example.vn` or `https://example.org/dti/`); the error says
    /// what is wrong in words a site author understands.
    pub fn parse(text: &str) -> Result<BaseUrl, String> {
        let mut url =
            url::Url::parse(text.trim()).map_err(|e| format!("`{text}` is not a URL: {e}"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(format!("`{text}` must start with https:// or http://"));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(format!("`{text}` has no host name"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(format!(
                "`{text}` must not have a query (?…) or a fragment (#…)"
            ));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(format!("`{text}` must not hold a user name or password"));
        }
        if !url.path().ends_with('/') {
            let path = format!("{}/", url.path());
            url.set_path(&path);
        }
        Ok(BaseUrl(url))
    }

    /// The absolute URL of a site-relative URL (`tinh/hue/`, `data/dti.csv`, `""` for the root).
    pub fn join(&self, site_relative: &str) -> String {
        format!(
            "{}{}",
            self.0.as_str(),
            site_relative.trim_start_matches('/')
        )
    }

    /// The path the site root has on its server (`/` or `/dti/`): root-absolute links, as on the
    /// 404 page, start with it.
    pub fn path(&self) -> &str {
        self.0.path()
    }

    /// The address without its scheme (`chiso.example.vn/tinh/hue/`), as printed on share cards.
    pub fn shown(&self, site_relative: &str) -> String {
        let full = self.join(site_relative);
        let scheme = self.0.scheme().len() + "://".len();
        full[scheme..].to_owned()
    }

    /// The address as written (`https://chiso.example.vn/dti/`).
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl std::fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.as_str())
    }
}

/// Decodes `%XX` escapes; `None` when the bytes are not UTF-8. A `%` that starts no escape is
/// kept as written.
pub fn percent_decode(s: &str) -> Option<Cow<'_, str>> {
    percent_encoding::percent_decode_str(s).decode_utf8().ok()
}

/// Where a link found in a page leads: a site-relative file (`tinh/hue/index.html`) or why it
/// leaves the site.
pub type Resolved = Result<String, String>;

/// Resolves `href`, found on the page written at `page` (a site-relative file path such as
/// `tinh/hue/index.html`), to the site-relative file it reaches and its decoded fragment.
/// Root-absolute links are taken under `root` (the base URL's path, `/` when none). `None` for
/// links to other sites (another scheme, protocol-relative, or outside `root`).
pub fn resolve(page: &str, href: &str, root: &str) -> Option<(Resolved, Option<String>)> {
    let href = href.trim();
    if href.is_empty() || href.starts_with("//") || has_scheme(href) {
        return None;
    }
    let decode = |s: &str| percent_decode(s).map_or_else(|| s.to_owned(), Cow::into_owned);
    let (rest, fragment) = match href.split_once('#') {
        Some((r, f)) => (r, Some(decode(f))),
        None => (href, None),
    };
    let path = rest.split('?').next().unwrap_or("");
    if path.is_empty() {
        return Some((Ok(page.to_owned()), fragment));
    }
    let absolute = path.starts_with('/');
    let mut parts: Vec<String> = if absolute {
        Vec::new()
    } else {
        let mut p: Vec<String> = page.split('/').map(str::to_owned).collect();
        p.pop();
        p
    };
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                // Above the root, a root-absolute URL stays at the root (RFC 3986); a relative
                // one leaves the site, which breaks it under a sub-path and from disk.
                if parts.pop().is_none() && !absolute {
                    return Some((Err("it leads above the site root".to_owned()), fragment));
                }
            }
            s => parts.push(decode(s)),
        }
    }
    if absolute {
        // Under a base URL with a path, the site root is that path: a link that leaves it (even
        // through `..`) leaves the site.
        let base: Vec<&str> = root.split('/').filter(|s| !s.is_empty()).collect();
        if parts.len() < base.len() || parts.iter().zip(&base).any(|(p, b)| p != b) {
            return if base.is_empty() {
                None
            } else {
                Some((Err(format!("it leaves the base path {root}")), fragment))
            };
        }
        parts.drain(..base.len());
    }
    let mut target = parts.join("/");
    if path.ends_with('/') || target.is_empty() {
        if !target.is_empty() {
            target.push('/');
        }
        target.push_str("index.html");
    }
    Some((Ok(target), fragment))
}

fn has_scheme(href: &str) -> bool {
    match href.find(':') {
        Some(i) => {
            let scheme = &href[..i];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_absolute_http_and_end_with_a_slash() {
        let b = BaseUrl::parse("https://chiso.example.vn").unwrap();
        assert_eq!(b.as_str(), "https://chiso.example.vn/");
        assert_eq!(b.path(), "/");
        assert_eq!(b.join("tinh/hue/"), "https://chiso.example.vn/tinh/hue/");
        assert_eq!(b.join(""), "https://chiso.example.vn/");
        assert_eq!(b.shown("tinh/hue/"), "chiso.example.vn/tinh/hue/");
        let sub = BaseUrl::parse("http://example.org/dti").unwrap();
        assert_eq!(sub.path(), "/dti/");
        assert_eq!(
            sub.join("data/dti.csv"),
            "http://example.org/dti/data/dti.csv"
        );
        for bad in [
            "chiso.example.vn",
            "/dti/",
            "ftp://example.org/",
            "https://",
            "https://example.org/?a=1",
            "https://example.org/#top",
            "https://user:pw@example.org/",
            "mailto:a@b.c",
        ] {
            assert!(BaseUrl::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn percent_escapes_decode_once() {
        assert_eq!(percent_decode("qu%E1%BA%A3ng").as_deref(), Some("quảng"));
        assert_eq!(percent_decode("%252e").as_deref(), Some("%2e"));
        assert_eq!(percent_decode("50%").as_deref(), Some("50%"));
        assert_eq!(percent_decode("%ff"), None);
    }

    #[test]
    fn resolves_links_found_in_pages() {
        let r = |page, href, root| resolve(page, href, root).map(|(t, f)| (t, f));
        assert_eq!(
            r(
                "tinh/hue/index.html",
                "../../xep-hang/2023/index.html#bang",
                "/"
            ),
            Some((Ok("xep-hang/2023/index.html".into()), Some("bang".into())))
        );
        assert_eq!(
            r("tinh/hue/index.html", "#m%E1%BB%A5c", "/"),
            Some((Ok("tinh/hue/index.html".into()), Some("mục".into())))
        );
        assert_eq!(
            r("en/404.html", "/dti/en/", "/dti/"),
            Some((Ok("en/index.html".into()), None))
        );
        assert!(matches!(
            r("index.html", "../x.html", "/"),
            Some((Err(_), _))
        ));
        assert!(matches!(
            r("404.html", "/other/", "/dti/"),
            Some((Err(_), _))
        ));
        assert_eq!(r("index.html", "https://a.b/", "/"), None);
        assert_eq!(r("index.html", "//a.b/", "/"), None);
        assert_eq!(
            r("index.html", "/tinh/", "/"),
            Some((Ok("tinh/index.html".into()), None))
        );
        assert_eq!(
            r("tinh/hue/index.html", "../", "/"),
            Some((Ok("tinh/index.html".into()), None))
        );
        assert_eq!(
            r("index.html", "./", "/"),
            Some((Ok("index.html".into()), None))
        );
        assert_eq!(r("index.html", "mailto:a@b", "/"), None);
        // Above the root, a root-absolute URL stays at the root (RFC 3986)...
        assert_eq!(
            r("en/404.html", "/../en/index.html", "/"),
            Some((Ok("en/index.html".into()), None))
        );
        // ...but under a base path, leaving that path leaves the site.
        assert!(matches!(
            r("404.html", "/dti/../en/", "/dti/"),
            Some((Err(_), _))
        ));
        assert_eq!(
            r("404.html", "/dti/tinh/", "/dti/"),
            Some((Ok("tinh/index.html".into()), None))
        );
    }
}
