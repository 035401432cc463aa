//! The one escaper of text put into HTML, SVG and XML that chiso writes by hand (templates are
//! escaped by tera), and the one unescaper the checks read pages back with.

/// Escapes `text` for element content and quoted attribute values in HTML, SVG and XML alike
/// (`&#39;` rather than `&apos;`, which HTML 4 lacks).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Reads back the text of an attribute or an element written by [`escape`] or by tera (which
/// also writes `&#x27;` and `&#x2F;`): the entities chiso writes, not every HTML entity.
pub fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&apos;", "'")
        .replace("&#x2F;", "/")
        // Last, so that `&amp;lt;` reads as `&lt;`.
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    #[test]
    fn unescape_reads_back_what_escape_and_tera_write() {
        let text = r#"<a href="x/y">Tom & Jerry's &lt;</a>"#;
        assert_eq!(super::unescape(&super::escape(text)), text);
        assert_eq!(super::unescape("a&#x2F;b&#x27;c&apos;d"), "a/b'c'd");
    }

    #[test]
    fn escapes_markup_and_both_quotes() {
        assert_eq!(
            super::escape(r#"<a href="x">Tom & Jerry's</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
        );
        assert_eq!(super::escape("Đà Nẵng"), "Đà Nẵng");
    }
}
