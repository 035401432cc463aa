//! A minimal HTTP/1.1 server over std's `TcpListener`, one thread per connection, every
//! response `Connection: close`. Written by hand because the preview needs little (GET/HEAD
//! from memory, one server-sent-events stream) and a server crate would be most of the
//! binary's build time.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, TcpStream};
use std::sync::Arc;
use std::time::Duration;

use super::State;
use super::live;

/// Longest request head read (request line and headers).
const MAX_HEAD: usize = 16 * 1024;
/// How long a client may take to send its request.
const READ_TIMEOUT: Duration = Duration::from_secs(10);
/// Longest wait for a file the second pass of a rebuild has not made yet.
const COMPLETE_WAIT: Duration = Duration::from_secs(30);
/// How often an idle event stream is pinged, so dead clients are noticed.
const PING: Duration = Duration::from_secs(15);

/// A parsed request: method, the raw target and the Host header.
struct Request {
    method: String,
    target: String,
    host: Option<String>,
}

/// Serves one connection, then closes it.
pub fn handle(mut stream: TcpStream, state: Arc<State>) {
    let _ = stream.set_read_timeout(Some(READ_TIMEOUT));
    let _ = stream.set_nodelay(true);
    let req = match read_request(&stream) {
        Ok(r) => r,
        Err(status) => {
            let _ = respond(&mut stream, status, "text/plain; charset=utf-8", b"", false);
            return;
        }
    };
    let head = req.method == "HEAD";
    if req.method != "GET" && !head {
        let _ = respond(&mut stream, 405, "text/plain; charset=utf-8", b"", false);
        return;
    }
    if !host_allowed(req.host.as_deref(), &state) {
        let body = b"unexpected Host header: the preview only answers to localhost\n";
        let _ = respond(&mut stream, 400, "text/plain; charset=utf-8", body, head);
        return;
    }
    let path = match site_path(&req.target) {
        Ok(p) => p,
        Err(status) => {
            let body = b"bad request: the path must stay inside the site\n";
            let _ = respond(&mut stream, status, "text/plain; charset=utf-8", body, head);
            return;
        }
    };
    match path.as_str() {
        "__chiso/events" => return events(stream, &state, open_page(&req.target)),
        "__chiso/version" => {
            let v = state.snapshot().version.to_string();
            let _ = respond(&mut stream, 200, "text/plain", v.as_bytes(), head);
            return;
        }
        "__chiso/error" => {
            let snap = state.snapshot();
            let page = live::error_page(snap.error.as_deref().unwrap_or(""), snap.version);
            let _ = respond(&mut stream, 200, TYPE_HTML, page.as_bytes(), head);
            return;
        }
        _ => {}
    }
    let mut snap = state.snapshot();
    if !snap.complete && !snap.files.contains_key(&path) {
        // The pages open in a browser were made first after a save; this one follows.
        snap = state.complete_snapshot(COMPLETE_WAIT);
    }
    if snap.files.is_empty() {
        // No build has succeeded yet: every page is the error page.
        let page = live::error_page(snap.error.as_deref().unwrap_or(""), snap.version);
        let _ = respond(&mut stream, 500, TYPE_HTML, page.as_bytes(), head);
        return;
    }
    let (status, file, bytes) = match snap.files.get(&path) {
        Some(b) => (200, path.clone(), b),
        None if snap.files.contains_key(&format!("{path}/index.html")) => {
            // A directory without its slash: redirect, so relative links resolve.
            let location = format!("/{path}/");
            let _ = write!(
                stream,
                "HTTP/1.1 301 Moved Permanently\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            return;
        }
        None => match snap.files.get("404.html") {
            Some(b) => (404, "404.html".to_owned(), b),
            None => {
                let _ = respond(&mut stream, 404, "text/plain", b"not found\n", head);
                return;
            }
        },
    };
    let kind = content_type(&file);
    if kind == TYPE_HTML {
        let html = live::inject(bytes, snap.version, snap.error.as_deref());
        let _ = respond(&mut stream, status, kind, &html, head);
    } else {
        let _ = respond(&mut stream, status, kind, bytes.as_slice(), head);
    }
}

/// The page a live-reload stream belongs to: its `page` query parameter (the page's own
/// path, sent by the reload script), as a site path.
fn open_page(target: &str) -> Option<String> {
    let query = target.split_once('?')?.1;
    let value = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("page="))?;
    site_path(&crate::plan::urls::percent_decode(value)?).ok()
}

/// The server-sent-events stream: the current version at once, then each new one. While it
/// lasts, its page counts as open (rendered first after a save).
fn events(mut stream: TcpStream, state: &State, page: Option<String>) {
    let _open = page.map(|p| state.opened(p));
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
    let mut version = state.snapshot().version;
    if write!(stream, "{head}retry: 500\ndata: {version}\n\n").is_err() {
        return;
    }
    loop {
        let next = state.wait_for_change(version, PING);
        if state.stopping() {
            return;
        }
        let msg = if next == version {
            ": ping\n\n".to_owned()
        } else {
            version = next;
            format!("data: {version}\n\n")
        };
        if stream.write_all(msg.as_bytes()).is_err() || stream.flush().is_err() {
            return;
        }
    }
}

fn read_request(stream: &TcpStream) -> Result<Request, u16> {
    let mut reader = BufReader::new(stream.take(MAX_HEAD as u64));
    let mut line = String::new();
    reader.read_line(&mut line).map_err(|_| 400u16)?;
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(400);
    };
    if !version.starts_with("HTTP/1.") {
        return Err(505);
    }
    let mut host = None;
    loop {
        let mut h = String::new();
        let n = reader.read_line(&mut h).map_err(|_| 400u16)?;
        if n == 0 {
            // The head was cut off (too long, or the client hung up).
            return Err(431);
        }
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':')
            && k.trim().eq_ignore_ascii_case("host")
        {
            host = Some(v.trim().to_owned());
        }
    }
    Ok(Request {
        method: method.to_owned(),
        target: target.to_owned(),
        host,
    })
}

/// When bound to loopback, only loopback host names are answered (guards against DNS
/// rebinding: a web page cannot make the browser read the preview through its own domain).
fn host_allowed(host: Option<&str>, state: &State) -> bool {
    if !state.addr.ip().is_loopback() {
        return true;
    }
    let Some(host) = host else { return true };
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map(|(h, _)| h).unwrap_or(host)
    };
    name.eq_ignore_ascii_case("localhost")
        || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Turns a request target into a site-relative file path, refusing anything that could leave
/// the site: `..` or `.` segments (also percent-encoded), encoded slashes and backslashes,
/// empty segments (`//etc`), absolute-form and non-path targets, NUL and control characters.
pub fn site_path(target: &str) -> Result<String, u16> {
    if !target.starts_with('/') {
        return Err(400);
    }
    let raw = target.split(['?', '#']).next().unwrap_or("");
    let lower = raw.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") || raw.contains('\\') {
        return Err(400);
    }
    // A `%` must start an escape (`%zz` is refused, not passed on as written).
    let malformed = raw
        .split('%')
        .skip(1)
        .any(|s| s.len() < 2 || !s.as_bytes()[..2].iter().all(u8::is_ascii_hexdigit));
    if malformed {
        return Err(400);
    }
    let decoded = crate::plan::urls::percent_decode(raw).ok_or(400u16)?;
    if decoded.chars().any(|c| c.is_control() || c == '\\') {
        return Err(400);
    }
    let inner = &decoded[1..];
    let mut segments: Vec<&str> = inner.split('/').collect();
    let dir = segments.last() == Some(&"");
    if dir {
        segments.pop();
    }
    if segments
        .iter()
        .any(|s| s.is_empty() || *s == "." || *s == "..")
    {
        return Err(400);
    }
    let mut path = segments.join("/");
    if dir || path.is_empty() {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Ok(path)
}

const TYPE_HTML: &str = "text/html; charset=utf-8";

/// Content type by extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => TYPE_HTML,
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "json" | "geojson" | "topojson" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

/// Writes a whole response. Pages are never cached: they change with every save.
pub fn respond(
    stream: &mut TcpStream,
    status: u16,
    kind: &str,
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    let mut out = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        reason(status),
        body.len()
    );
    if status == 405 {
        out.push_str("Allow: GET, HEAD\r\n");
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    if !head_only {
        bytes.extend_from_slice(body);
    }
    stream.write_all(&bytes)?;
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_site() {
        let ok = |t: &str| site_path(t).unwrap();
        assert_eq!(ok("/"), "index.html");
        assert_eq!(ok("/tinh/hue/"), "tinh/hue/index.html");
        assert_eq!(ok("/tinh/hue/index.html?x=1#a"), "tinh/hue/index.html");
        assert_eq!(ok("/static/style.css"), "static/style.css");
        assert_eq!(ok("/t%C3%ACnh/"), "tình/index.html");
        for bad in [
            "/../etc/passwd",
            "/tinh/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/tinh%2f..%2f..%2fetc",
            "/..%5c..%5cwindows",
            "/a\\..\\b",
            "//etc/passwd",
            "/./index.html",
            "/a/%00",
            "/%zz",
            "/%c0%ae%c0%ae/",
            "http://example.com/",
            "*",
            "etc/passwd",
        ] {
            assert_eq!(site_path(bad), Err(400), "{bad}");
        }
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("static/style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("data/dti.csv"), "text/csv; charset=utf-8");
        assert_eq!(content_type("sitemap.xml"), "application/xml");
        assert_eq!(content_type("data/x.json"), "application/json");
        assert_eq!(content_type("static/favicon.svg"), "image/svg+xml");
        assert_eq!(content_type("cards/a.png"), "image/png");
        assert_eq!(
            content_type("static/app.js"),
            "text/javascript; charset=utf-8"
        );
    }
}
