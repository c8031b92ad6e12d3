//! The browser bundle under `/pkg`: the precompressed sibling (`.br`, `.gz`, written by
//! scripts/build-site.sh) the client accepts, with validators (`ETag`, `Last-Modified`) and
//! `Cache-Control: no-cache`, so a browser revalidates every file on every page load and
//! answers from its cache only with a 304 for the very bytes on disk. The HTML that names the
//! chunks is `no-store`, so a page and its chunks always come from the same build.
//!
//! Served here rather than by leptos_axum's fallback, which drops the conditional headers
//! (no 304s) and sends no validators of its own.

use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use sha2::{Digest, Sha256};
use std::path::Path;
use tower_http::services::ServeDir;

/// `/pkg/*` from `<site root>/pkg`.
pub fn pkg_router<S: Clone + Send + Sync + 'static>(site_root: &Path) -> Router<S> {
    let files = ServeDir::new(site_root.join("pkg"))
        .precompressed_br()
        .precompressed_gzip();
    Router::new()
        .nest_service("/pkg", files)
        .layer(middleware::from_fn(validators))
}

/// Adds a strong `ETag` for the representation sent (file, modification time, length and
/// encoding), answers a matching `If-None-Match` with 304, and sets the cache policy.
async fn validators(req: Request, next: Next) -> Response {
    let if_none_match = req.headers().get(header::IF_NONE_MATCH).cloned();
    let mut res = next.run(req).await;
    let cache = HeaderValue::from_static("no-cache");
    if res.status() == StatusCode::NOT_MODIFIED {
        res.headers_mut().insert(header::CACHE_CONTROL, cache);
        return res;
    }
    if res.status() != StatusCode::OK {
        return res;
    }
    let etag = entity_tag(res.headers());
    if let Some(etag) = etag {
        let matches = if_none_match
            .as_ref()
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
        let etag = HeaderValue::from_str(&etag).expect("hex is a valid header value");
        if matches {
            let mut not_modified = StatusCode::NOT_MODIFIED.into_response();
            let headers = not_modified.headers_mut();
            headers.insert(header::ETAG, etag);
            headers.insert(header::CACHE_CONTROL, cache);
            if let Some(v) = res.headers().get(header::VARY) {
                headers.insert(header::VARY, v.clone());
            }
            if let Some(v) = res.headers().get(header::LAST_MODIFIED) {
                headers.insert(header::LAST_MODIFIED, v.clone());
            }
            return not_modified;
        }
        res.headers_mut().insert(header::ETAG, etag);
    }
    res.headers_mut().insert(header::CACHE_CONTROL, cache);
    res
}

/// `"<hash>"` of what identifies the bytes sent; none without a modification time.
fn entity_tag(headers: &HeaderMap) -> Option<String> {
    let part = |name: header::HeaderName| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    let modified = part(header::LAST_MODIFIED);
    if modified.is_empty() {
        return None;
    }
    let mut hash = Sha256::new();
    for piece in [
        modified,
        part(header::CONTENT_LENGTH),
        part(header::CONTENT_ENCODING),
        part(header::CONTENT_TYPE),
    ] {
        hash.update(piece.as_bytes());
        hash.update([0]);
    }
    Some(format!("\"{}\"", hex::encode(&hash.finalize()[..12])))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use tower::ServiceExt;

    /// A site directory of its own for each test (removed by the OS's temp cleanup).
    fn site(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("berth-pkg-{}-{name}", std::process::id()));
        std::fs::create_dir_all(dir.join("pkg")).unwrap();
        std::fs::write(dir.join("pkg/app.js"), "x".repeat(4000)).unwrap();
        std::fs::write(dir.join("pkg/app.js.br"), "compressed").unwrap();
        dir
    }

    async fn get(router: &Router, headers: &[(&str, &str)]) -> Response {
        let mut req = Request::get("/pkg/app.js");
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        router
            .clone()
            .oneshot(req.body(Body::empty()).unwrap())
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn precompressed_files_carry_validators_and_revalidate_with_304() {
        let dir = site("validators");
        let router: Router = pkg_router(&dir);
        let plain = get(&router, &[]).await;
        assert_eq!(plain.status(), StatusCode::OK);
        assert_eq!(plain.headers()[header::CACHE_CONTROL], "no-cache");
        let plain_tag = plain.headers()[header::ETAG].clone();
        assert!(plain.headers().contains_key(header::LAST_MODIFIED));

        let br = get(&router, &[("accept-encoding", "br")]).await;
        assert_eq!(br.headers()[header::CONTENT_ENCODING], "br");
        let br_tag = br.headers()[header::ETAG].clone();
        assert_ne!(plain_tag, br_tag, "each representation has its own tag");

        let again = get(
            &router,
            &[
                ("accept-encoding", "br"),
                ("if-none-match", br_tag.to_str().unwrap()),
            ],
        )
        .await;
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(again.headers()[header::ETAG], br_tag);
        assert_eq!(again.headers()[header::CACHE_CONTROL], "no-cache");

        // The uncompressed file's tag does not validate the brotli bytes.
        let other = get(
            &router,
            &[
                ("accept-encoding", "br"),
                ("if-none-match", plain_tag.to_str().unwrap()),
            ],
        )
        .await;
        assert_eq!(other.status(), StatusCode::OK);
    }

    #[tokio::test]
    async fn a_missing_file_is_a_404_without_validators() {
        let dir = site("missing");
        let router: Router = pkg_router(&dir);
        let res = router
            .oneshot(Request::get("/pkg/nope.wasm").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
        assert!(!res.headers().contains_key(header::ETAG));
    }
}
