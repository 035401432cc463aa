//! The one escaper of text put into HTML, SVG and XML that chiso writes by hand (templates are
//! escaped by tera).

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

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_both_quotes() {
        assert_eq!(
            super::escape(r#"<a href="x">Tom & Jerry's</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
        );
        assert_eq!(super::escape("Đà Nẵng"), "Đà Nẵng");
    }
}
