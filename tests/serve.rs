//! `chiso serve`: pages from memory, live reload after an edit, errors in the browser, and
//! requests outside the site refused. Servers listen on an ephemeral loopback port and every
//! wait is bounded.

use crate::common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use chiso::serve::{Options, Server};
use common::Fixture;

/// A response: status, headers (lower-case names) and body.
struct Resp {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Resp {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Sends a raw request line (the target exactly as given) and reads the whole response.
fn get_with(addr: SocketAddr, target: &str, host: &str) -> Resp {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    Resp {
        status,
        headers,
        body: body.to_owned(),
    }
}

fn get(addr: SocketAddr, target: &str) -> Resp {
    get_with(addr, target, &format!("127.0.0.1:{}", addr.port()))
}

fn start(f: &Fixture) -> Server {
    let mut opts = Options::new(chiso::site::Options {
        root: f.root().to_path_buf(),
        ..Default::default()
    });
    opts.port = 0;
    chiso::serve::start(opts).unwrap_or_else(|d| panic!("{d}"))
}

/// Waits (at most 20 s) until the server's version passes `after`.
fn wait_version(server: &Server, after: u64) -> u64 {
    let start = Instant::now();
    loop {
        let v = server.version();
        if v > after {
            return v;
        }
        assert!(start.elapsed() < Duration::from_secs(20), "no rebuild seen");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// What a browser showing `page` keeps open: its reload script's event stream, which names
/// the page. Returns once the server has answered (the page then counts as open).
fn open_in_browser(addr: SocketAddr, page: &str) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let page = page.replace('/', "%2F");
    write!(
        stream,
        "GET /__chiso/events?page={page} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n",
        addr.port()
    )
    .unwrap();
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    while !line.starts_with("data:") {
        line.clear();
        reader.read_line(&mut line).unwrap();
    }
    reader
}

/// Rewrites a file so that its modification time surely changes.
fn edit(f: &Fixture, rel: &str, text: &str) {
    f.write(rel, text);
}

#[test]
fn serves_pages_from_memory_with_types_and_404() {
    let f = Fixture::new();
    let server = start(&f);
    let addr = server.addr;
    assert!(addr.ip().is_loopback());
    let home = get(addr, "/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(
        home.body.contains("/__chiso/events"),
        "live reload injected"
    );
    for (path, kind) in [
        ("/static/style.css", "text/css; charset=utf-8"),
        ("/static/favicon.svg", "image/svg+xml"),
        ("/data/dti.csv", "text/csv; charset=utf-8"),
        ("/data/provinces/ninh-thuan.json", "application/json"),
        // No base URL in the fixture, so no sitemap.xml (it needs absolute URLs).
        ("/robots.txt", "text/plain; charset=utf-8"),
        (
            "/tinh/ninh-thuan/2023/index.html",
            "text/html; charset=utf-8",
        ),
    ] {
        let r = get(addr, path);
        assert_eq!(
            (r.status, r.header("content-type")),
            (200, Some(kind)),
            "{path}"
        );
    }
    let dir = get(addr, "/tinh/ninh-thuan/2023/");
    assert!(dir.body.contains("0,6552"), "index.html for directory URLs");
    let redirect = get(addr, "/tinh/ninh-thuan");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("location"), Some("/tinh/ninh-thuan/"));
    let miss = get(addr, "/khong-co/");
    assert_eq!(miss.status, 404);
    assert!(miss.body.contains("<main"), "the site's 404.html");
    assert!(
        miss.body.contains("href=\"/static/style.css\""),
        "its links work at any depth"
    );
    let head = get(addr, "/__chiso/version");
    assert_eq!(head.body.trim(), server.version().to_string());
    assert!(!f.output().exists(), "serve writes nothing");
    server.stop();
}

#[test]
fn requests_outside_the_site_are_refused() {
    let f = Fixture::new();
    // Something worth stealing next to the site.
    f.write("secret.txt", "top secret");
    let server = start(&f);
    let addr = server.addr;
    for target in [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/tinh/..%2f..%2fsecret.txt",
        "/tinh%2f..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/static/..\\..\\secret.txt",
        "//etc/passwd",
        "/./secret.txt",
        "/%00",
        "/%c0%ae%c0%ae/secret.txt",
        "http://127.0.0.1/secret.txt",
        "/etc/passwd",
        "/secret.txt",
        "/content/site.toml",
    ] {
        let r = get(addr, target);
        assert!(
            r.status == 400 || r.status == 404,
            "{target}: status {}",
            r.status
        );
        assert!(
            !r.body.contains("top secret") && !r.body.contains("root:"),
            "{target}"
        );
    }
    // A foreign Host (DNS rebinding) is refused on loopback.
    assert_eq!(get_with(addr, "/", "evil.example:80").status, 400);
    assert_eq!(get_with(addr, "/", "localhost:1111").status, 200);
    server.stop();
}

#[test]
fn commentary_edit_rebuilds_and_signals_the_reload() {
    let f = Fixture::new();
    let server = start(&f);
    let addr = server.addr;
    let page = "/tinh/ninh-thuan/2023/";
    assert!(!get(addr, page).body.contains("Đã cập nhật"));

    // Listen on the event stream as a browser does.
    let mut events = TcpStream::connect(addr).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        events,
        "GET /__chiso/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    )
    .unwrap();
    let mut reader = BufReader::new(events);
    let mut first = None;
    let mut line = String::new();
    while first.is_none() {
        line.clear();
        assert!(reader.read_line(&mut line).unwrap() > 0, "stream closed");
        first = line.strip_prefix("data: ").map(|v| v.trim().to_owned());
    }
    let before: u64 = first.unwrap().parse().unwrap();

    edit(
        &f,
        "content/commentary/2023/ninh-thuan.md",
        "+++\ntitle = \"Ninh Thuận 2023\"\n+++\nNinh Thuận đạt 0,6552. Đã cập nhật.\n",
    );
    let mut next = None;
    while next.is_none() {
        line.clear();
        assert!(reader.read_line(&mut line).unwrap() > 0, "stream closed");
        next = line.strip_prefix("data: ").map(|v| v.trim().to_owned());
    }
    let after: u64 = next.unwrap().parse().unwrap();
    assert!(after > before, "{before} -> {after}");
    let body = get(addr, page).body;
    assert!(body.contains("Đã cập nhật"), "new content served");
    assert!(
        body.contains(&format!("var v=\"{after}\"")),
        "page knows its version"
    );
    // The record is published with its version: no wait.
    let r = server.last_rebuild().unwrap();
    assert!(r.ok);
    // Only the commentary stages ran, and only the pages showing the edited text (in both
    // languages) were rendered again.
    assert_eq!(r.stages, ["commentary", "figures", "plan"], "{r:?}");
    assert_eq!(r.pages, 2, "{r:?}");
    assert!(r.save_to_reload.is_some());
    assert_eq!(
        r.version, after,
        "the record of the rebuild that was announced"
    );
    // The rebuild read the site's files; reading is no change, so nothing rebuilds again.
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(server.version(), after, "{:?}", server.last_rebuild());

    // A new free page appears without restarting.
    edit(
        &f,
        "content/commentary/pages/moi.md",
        "+++\ntitle = \"Trang mới\"\n+++\nNội dung mới.\n",
    );
    wait_version(&server, after);
    assert!(get(addr, "/moi/").body.contains("Nội dung mới."));
    // The files made from the whole site follow: the search index lists the new page.
    assert!(get(addr, "/search/vi.js").body.contains("Trang mới"));
    server.stop();
}

#[test]
fn the_page_open_in_a_browser_is_rendered_first_and_the_rest_follows() {
    let f = Fixture::new();
    // A real map, so that parsing boundaries is a stage that could rerun.
    let map = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("content/maps/vn_provinces_63.topojson");
    f.write(
        "content/maps/vn_provinces_63.topojson",
        &std::fs::read_to_string(map).unwrap(),
    );
    let server = start(&f);
    let addr = server.addr;
    // A browser showing Đà Nẵng's 2023 page.
    let _browser = open_in_browser(addr, "/tinh/da-nang/2023/");
    let v = server.version();
    let data = f.root().join("content/data/2023.csv");
    let text = std::fs::read_to_string(&data).unwrap();
    assert!(
        text.contains("48,0.8340,0.8362"),
        "the fixture holds Đà Nẵng's 2023 row"
    );
    edit(
        &f,
        "content/data/2023.csv",
        &text.replace("48,0.8340,0.8362", "48,0.8340,0.8363"),
    );
    wait_version(&server, v);
    let r = server.last_rebuild().expect("a record");
    // The reload was sent once the open page was made: one page, not the whole site.
    assert_eq!(r.pages, 1, "{r:?}");
    assert!(r.ok);
    // The boundaries are not parsed again for a data edit; only editions are matched to them.
    assert!(r.stages.contains(&"maps"), "{r:?}");
    assert!(!r.stages.contains(&"parse maps"), "{r:?}");
    let page = get(addr, "/tinh/da-nang/2023/");
    assert!(page.body.contains("0,8363"), "the open page is up to date");
    // Everything else follows, and is waited for rather than served stale or missing.
    let csv = get(addr, "/data/dti.csv");
    assert_eq!(csv.status, 200);
    assert!(csv.body.contains("0.8363"), "{}", csv.body);
    let profile = get(addr, "/xep-hang/2023/");
    assert_eq!(profile.status, 200);
    assert_eq!(server.version(), v + 1, "one reload per save");
    server.stop();
}

#[test]
fn build_errors_show_in_the_browser_over_the_last_good_site() {
    let f = Fixture::new();
    let server = start(&f);
    let addr = server.addr;
    let v0 = server.version();
    // A data error: the whole site is reloaded, fails, and the last good one stays served.
    edit(
        &f,
        "content/data/2023.csv",
        "code,dti,ha-tang-so\n01,74.48,0.6901\n48,0.8340,0.8362\n56,0.6869,0.7120\n58,0.6552,0.7625\n",
    );
    let v1 = wait_version(&server, v0);
    assert!(server.last_rebuild().unwrap().stages.contains(&"data"));
    let page = get(addr, "/tinh/ninh-thuan/2023/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("0,6552"), "last good page still served");
    assert!(
        page.body.contains("chiso-build-error"),
        "error shown over it"
    );
    assert!(
        page.body.contains("content/data/2023.csv:2:4"),
        "{}",
        page.body
    );
    let err = get(addr, "/__chiso/error");
    assert!(err.body.contains("outside the range"));

    // Markup in an error is escaped.
    edit(
        &f,
        "content/commentary/2023/<b>x</b>.md",
        "không có tỉnh này\n",
    );
    let v2 = wait_version(&server, v1);
    let page = get(addr, "/").body;
    assert!(page.contains("&lt;b&gt;x&lt;/b&gt;"), "{page}");
    assert!(!page.contains("<b>x</b>"));

    // Fixing both brings the site back without the error.
    std::fs::remove_file(f.root().join("content/commentary/2023/<b>x</b>.md")).unwrap();
    edit(
        &f,
        "content/data/2023.csv",
        "code,dti,ha-tang-so\n01,0.7448,0.6901\n48,0.8340,0.8362\n56,0.6869,0.7120\n58,0.6000,0.7625\n",
    );
    wait_version(&server, v2);
    let page = get(addr, "/tinh/ninh-thuan/2023/");
    assert!(!page.body.contains("chiso-build-error"), "{}", page.body);
    assert!(page.body.contains("0,6000"), "new data served");
    server.stop();
}

#[test]
fn a_site_that_never_built_shows_the_error_page() {
    let f = Fixture::new();
    f.write("content/units.csv", "code,slug\n");
    let server = start(&f);
    let r = get(server.addr, "/");
    assert_eq!(r.status, 500);
    assert!(r.body.contains("chiso-build-error") && r.body.contains("units.csv"));
    assert!(r.body.contains("/__chiso/events"), "reloads when fixed");
    server.stop();
}

#[test]
fn the_binary_serves_on_loopback_until_killed() {
    let f = Fixture::new();
    /// Ends the server even when an assertion fails.
    struct Kill(std::process::Child);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    // Run inside the site folder without --root, as the README says: the root is `.`.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_chiso"))
        .args(["serve", "--port", "0"])
        .current_dir(f.root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let _guard = Kill(child);
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let addr: SocketAddr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    assert!(addr.ip().is_loopback(), "{line}");
    let page = get(addr, "/tinh/ninh-thuan/2023/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("0,6552"));
    // A save is seen with the relative root: the page shows the new figure. (A deadline, not
    // a measurement: the rebuild takes milliseconds; a loaded machine gets a minute.)
    let data = f.root().join("content/data/2023.csv");
    let text = std::fs::read_to_string(&data).unwrap();
    assert!(
        text.contains("48,0.8340,0.8362"),
        "the fixture holds Đà Nẵng's 2023 row"
    );
    std::fs::write(&data, text.replace("48,0.8340,0.8362", "48,0.8340,0.8363")).unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        let page = get(addr, "/tinh/da-nang/2023/");
        if page.body.contains("0,8363") {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the save to content/data/2023.csv never reached the preview"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Measures save-to-reload on the bundled site (run in release: see README).
#[test]
#[ignore = "measurement; run with --release -- --ignored --nocapture"]
fn save_to_reload_on_the_bundled_site() {
    let dir = tempfile::tempdir().unwrap();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    copy_dir(&src, &dir.path().join("content"));
    let mut opts = Options::new(chiso::site::Options {
        root: dir.path().to_path_buf(),
        ..Default::default()
    });
    opts.port = 0;
    let server = chiso::serve::start(opts).unwrap();
    // The pages a writer has open: the preview renders them first.
    let _browsers = [
        open_in_browser(server.addr, "/tinh/ninh-thuan/2023/"),
        open_in_browser(server.addr, "/tinh/ha-noi/2023/"),
    ];
    let measure = |rel: &str, from: &str, to: &str, n: usize| {
        let path = dir.path().join(rel);
        let original = std::fs::read_to_string(&path).unwrap();
        let mut times = Vec::new();
        let mut builds = Vec::new();
        let mut wholes = Vec::new();
        for i in 0..n {
            let v = server.version();
            let text = if i % 2 == 0 {
                original.replacen(from, to, 1)
            } else {
                original.clone()
            };
            std::fs::write(&path, text).unwrap();
            wait_version(&server, v);
            // Published with its version: whoever sees the version sees the record.
            let r = server.last_rebuild().expect("a record");
            assert_eq!(r.version, v + 1, "one rebuild per save");
            assert!(r.ok, "{}", get(server.addr, "/__chiso/error").body);
            times.push(r.save_to_reload.unwrap().as_secs_f64() * 1000.0);
            builds.push(r.build.as_secs_f64() * 1000.0);
            // The rest of the site follows.
            let deadline = Instant::now() + Duration::from_secs(60);
            let whole = loop {
                if let Some(d) = server.last_rebuild().and_then(|r| r.save_to_complete) {
                    break d;
                }
                assert!(Instant::now() < deadline, "the site never became complete");
                std::thread::sleep(Duration::from_millis(5));
            };
            wholes.push(whole.as_secs_f64() * 1000.0);
            // Between saves, as a person pauses.
            std::thread::sleep(Duration::from_millis(1000));
        }
        times.sort_by(f64::total_cmp);
        builds.sort_by(f64::total_cmp);
        wholes.sort_by(f64::total_cmp);
        println!(
            "{rel}: save to reload median {:.0} ms, min {:.0} ms, max {:.0} ms over {n} saves (rebuild alone: median {:.0} ms; whole site up to date: median {:.0} ms)",
            times[n / 2],
            times[0],
            times[n - 1],
            builds[n / 2],
            wholes[n / 2]
        );
    };
    measure(
        "content/commentary/2023/ninh-thuan.md",
        "Năm 2023",
        "Trong năm 2023",
        20,
    );
    measure("content/data/2023.csv", "0.7448", "0.7449", 10);
    server.stop();
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    for e in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}
