//! Live reload and build errors in the browser: what the preview adds to served HTML pages.

use crate::text::escape;

/// The reload script: listens on the event stream and reloads when the version differs from
/// the one this page was served at. The stream names the page, which the preview then renders
/// first after a save. Falls back to polling where EventSource is missing.
fn script(version: u64) -> String {
    format!(
        r#"<script>(function(){{var v="{version}";function go(d){{if(d!==v)location.reload();}}
if(window.EventSource){{var es=new EventSource("/__chiso/events?page="+encodeURIComponent(location.pathname));es.onmessage=function(e){{go(e.data);}};}}
else{{setInterval(function(){{fetch("/__chiso/version").then(function(r){{return r.text();}}).then(go);}},1000);}}}})();</script>"#
    )
}

/// The build errors as a box over the page (the last good page stays underneath).
fn overlay(errors: &str) -> String {
    format!(
        "<div id=\"chiso-build-error\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.94);color:#fff;padding:2rem;font:14px/1.45 ui-monospace,monospace\">\
<h1 style=\"font:bold 20px sans-serif;color:#ff8a80;margin:0 0 1rem\">chiso: the last change does not build</h1>\
<p style=\"font:15px sans-serif;margin:0 0 1rem\">The page below is the last good build. Fix the problem and save: the page reloads by itself. \
<button type=\"button\" onclick=\"this.closest('#chiso-build-error').remove()\">Show the page</button></p>\
<pre style=\"white-space:pre-wrap;margin:0\">{}</pre></div>",
        escape(errors)
    )
}

/// A served HTML page with the reload script (and the error box, if the last build failed)
/// inserted before `</body>`.
pub fn inject(html: &[u8], version: u64, error: Option<&str>) -> Vec<u8> {
    let mut extra = String::new();
    if let Some(e) = error {
        extra.push_str(&overlay(e));
    }
    extra.push_str(&script(version));
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// A whole page showing the build errors (used while no build has succeeded yet).
pub fn error_page(errors: &str, version: u64) -> String {
    let body = if errors.is_empty() {
        "<p>No build error.</p>".to_owned()
    } else {
        overlay(errors)
    };
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>chiso: build error</title></head><body>{body}{}</body></html>",
        script(version)
    )
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_body_end_and_escapes_errors() {
        let html = b"<html><body><p>x</p></body></html>";
        let out = String::from_utf8(inject(html, 7, Some("error: <b>\"x\" & y</b>"))).unwrap();
        assert!(out.contains("var v=\"7\""), "{out}");
        assert!(out.ends_with("</script></body></html>"), "{out}");
        assert!(
            out.contains("error: &lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;"),
            "{out}"
        );
        assert!(!out.contains("<b>"), "{out}");
        let plain = String::from_utf8(inject(html, 1, None)).unwrap();
        assert!(!plain.contains("chiso-build-error"));
    }
}
