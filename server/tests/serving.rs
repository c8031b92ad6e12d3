//! How Berth serves bytes: no Nagle stalls on kept-alive connections, compressed HTML/JSON
//! (not tiny bodies), the bundle precompressed with validators and a revalidating cache policy.

mod common;

use common::{Berth, TempDir};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// A site with a bundle file of several KB (and a stand-in for its brotli sibling).
fn site(dir: &TempDir) -> String {
    let pkg = dir.0.join("site/pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let css: String = (0..400)
        .map(|i| format!(".c{i}{{margin:{i}px}}\n"))
        .collect();
    std::fs::write(pkg.join("berth.css"), &css).unwrap();
    std::fs::write(pkg.join("berth.css.br"), b"not really brotli").unwrap();
    dir.0.join("site").display().to_string()
}

/// Reads one HTTP/1.1 response (Content-Length or chunked) from a kept-alive connection;
/// returns the head and the body's length.
fn read_response(reader: &mut BufReader<TcpStream>) -> (String, usize) {
    let mut head = String::new();
    let mut length = None;
    let mut chunked = false;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        let lower = line.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("content-length:") {
            length = Some(v.trim().parse().unwrap());
        }
        if lower.starts_with("transfer-encoding:") && lower.contains("chunked") {
            chunked = true;
        }
        if line == "\r\n" {
            break;
        }
        head.push_str(&line);
    }
    if !chunked {
        let mut body = vec![0; length.unwrap_or(0)];
        reader.read_exact(&mut body).unwrap();
        return (head, body.len());
    }
    let mut total = 0;
    loop {
        let mut size = String::new();
        reader.read_line(&mut size).unwrap();
        let size = usize::from_str_radix(size.trim(), 16).unwrap();
        let mut data = vec![0; size + 2]; // the chunk and its CRLF
        reader.read_exact(&mut data).unwrap();
        total += size;
        if size == 0 {
            return (head, total);
        }
    }
}

#[test]
fn a_kept_alive_connection_answers_multi_segment_responses_without_stalls() {
    let dir = TempDir::new("nodelay");
    let root = site(&dir);
    let berth = Berth::start_with(&dir.0, &[("BERTH_SITE_ROOT", &root)]);
    let addr = berth.url.trim_start_matches("http://").to_string();
    let stream = TcpStream::connect(&addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut writer = stream.try_clone().unwrap();
    let mut reader = BufReader::new(stream);
    // One write per request, and no Nagle on the client either: only the server's side of
    // the connection is under test.
    writer.set_nodelay(true).unwrap();
    let mut times = vec![];
    for path in [
        "/login",
        "/login",
        "/login",
        "/pkg/berth.css",
        "/pkg/berth.css",
        "/pkg/berth.css",
    ] {
        let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n");
        let started = Instant::now();
        writer.write_all(request.as_bytes()).unwrap();
        let (head, length) = read_response(&mut reader);
        times.push(started.elapsed());
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        assert!(
            length > 1_000,
            "{path} spans several writes: {length} bytes\n{head}"
        );
    }
    // A delayed-ACK stall is ~40 ms (without TCP_NODELAY the third streamed /login takes
    // ~43 ms here); a rendered page or a cached file takes a few.
    for t in &times {
        assert!(
            *t < Duration::from_millis(25),
            "a response stalled: {times:?}"
        );
    }
}

#[tokio::test]
async fn html_and_json_are_compressed_and_the_bundle_is_precompressed_with_validators() {
    let dir = TempDir::new("compress");
    let root = site(&dir);
    let berth = Berth::start_with(&dir.0, &[("BERTH_SITE_ROOT", &root)]);
    let http = reqwest::Client::new();
    let get = |path: &str, encoding: &str| {
        http.get(format!("{}{path}", berth.url))
            .header("accept-encoding", encoding)
            .send()
    };

    let openapi = get("/api/v1/openapi.json", "gzip, br").await.unwrap();
    assert_eq!(openapi.headers()["content-encoding"], "br");
    let gzip = get("/api/v1/openapi.json", "gzip").await.unwrap();
    assert_eq!(gzip.headers()["content-encoding"], "gzip");
    let login = get("/login", "br").await.unwrap();
    assert_eq!(login.status(), 200);
    assert_eq!(login.headers()["content-encoding"], "br");
    let plain = get("/login", "identity").await.unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    // A tiny body is not worth compressing.
    let health = get("/healthz", "br").await.unwrap();
    assert!(health.headers().get("content-encoding").is_none());

    let css = get("/pkg/berth.css", "br").await.unwrap();
    assert_eq!(css.headers()["content-encoding"], "br");
    assert_eq!(css.headers()["cache-control"], "no-cache");
    let etag = css.headers()["etag"].to_str().unwrap().to_string();
    assert_eq!(css.bytes().await.unwrap().as_ref(), b"not really brotli");
    let again = http
        .get(format!("{}/pkg/berth.css", berth.url))
        .header("accept-encoding", "br")
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
}
