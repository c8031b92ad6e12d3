//! The browser side of the server: Leptos pages and server functions, the login form posts,
//! static files, and the guards in front of them (sign-in for pages, same-origin for
//! state-changing requests).

use crate::routes;
use crate::state::{ServerState, WebSettings};
use app::{shell, App};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{post, MethodRouter};
use axum::Router;
use backend::auth::{RequestCaller, SESSION_USER_ID};
use backend::ServiceError;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::predicate::{NotForContentType, Predicate, SizeAbove};
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_sessions::Session;

/// The whole router: REST API, login forms, server functions, pages and static files.
pub fn router(state: ServerState) -> Router {
    let app_state = state.app.clone();
    let context = move || provide_context(app_state.clone());

    let pages = Router::new()
        .leptos_routes_with_context(&state, generate_route_list(App), context.clone(), {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .route_layer(middleware::from_fn(require_page_session));

    let server_fns: MethodRouter<ServerState> = {
        let context = context.clone();
        post(move |req: Request<Body>| {
            leptos_axum::handle_server_fns_with_context(context.clone(), req)
        })
    };

    Router::new()
        .merge(routes::api())
        .route("/login", post(routes::session::form_login))
        .route("/logout", post(routes::session::form_logout))
        .route("/rpc/{*fn_name}", server_fns)
        .merge(pages)
        .merge(crate::static_files::pkg_router(std::path::Path::new(
            &*state.leptos_options.site_root,
        )))
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            ServerState,
            _,
        >(context, shell))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            same_origin_writes,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            audit_refusals,
        ))
        .with_state(state)
}

/// Pages other than `/login` need a session; without one the browser goes to the login page
/// (the middleware returns the redirect itself, the page never renders). Server functions,
/// which leptos_axum registers on the same router, resolve their caller themselves and answer
/// 401 in their JSON error shape.
async fn require_page_session(session: Session, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if path == "/login" || path.starts_with("/rpc/") {
        return next.run(req).await;
    }
    match session.get::<i64>(SESSION_USER_ID).await {
        Ok(Some(_)) => next.run(req).await,
        _ => {
            let target = req
                .uri()
                .path_and_query()
                .map_or("/", |p| p.as_str())
                .to_string();
            let login = if target == "/" {
                "/login".to_string()
            } else {
                format!("/login?next={}", urlencoding::encode(&target))
            };
            Redirect::to(&login).into_response()
        }
    }
}

/// CSRF defence in depth (cookies are also SameSite=Lax). A state-changing request skips
/// the same-origin check only when it is authenticated by a **valid** bearer token (which a
/// browser never attaches on its own); any other `Authorization` header is a 401 and never
/// falls back to the session cookie. Otherwise a request that a browser marks as coming from
/// another origin is refused: the allowed origin is the public URL's, never the request's own
/// `Host` header (which an attacker's DNS can set).
async fn same_origin_writes(
    State(state): State<ServerState>,
    req: Request,
    next: Next,
) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe {
        return next.run(req).await;
    }
    let headers = req.headers();
    if let Some(value) = headers.get(header::AUTHORIZATION) {
        let value = value.to_str().unwrap_or("\u{fffd}").to_string();
        let memo = req
            .extensions()
            .get::<RequestCaller>()
            .cloned()
            .unwrap_or_default();
        let resolved = memo
            .get_or_resolve(|| backend::services::auth::resolve(&state.app, Some(&value), None))
            .await;
        return match resolved {
            Ok(_) => next.run(req).await,
            Err(e) => routes::error::ApiError(e).into_response(),
        };
    }
    let cross_site = headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "cross-site");
    let origin_ok = match headers.get(header::ORIGIN) {
        None => true,
        Some(origin) => origin.to_str().ok() == Some(state.web.public_origin.as_str()),
    };
    if cross_site || !origin_ok {
        return routes::error::ApiError(ServiceError::Forbidden(
            "cross-origin request refused: Berth accepts state-changing requests only from its own pages (or with an API token)".into(),
        ))
        .into_response();
    }
    next.run(req).await
}

/// Audits every refusal (403) and rate-limit hit (429) the doors answer with — authorization
/// checks live in the services, and the one place that sees every answer is here. Login
/// throttling is audited by the login itself.
async fn audit_refusals(
    State(state): State<ServerState>,
    mut req: Request,
    next: Next,
) -> Response {
    // The one per-request caller memo both doors resolve through (it also names the actor).
    let caller = RequestCaller::default();
    req.extensions_mut().insert(caller.clone());
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let res = next.run(req).await;
    let action = match res.status() {
        StatusCode::FORBIDDEN => "http.forbidden",
        StatusCode::TOO_MANY_REQUESTS => "http.rate_limited",
        _ => return res,
    };
    if path == "/api/v1/session" || path == "/login" {
        return res;
    }
    // The path is percent-encoded ASCII (hyper refuses anything else); keep it short.
    let target: String = format!("{method} {path}").chars().take(200).collect();
    let actor = caller.get().map(|u| u.name.clone());
    let event = backend::audit::NewEvent::failure(
        actor
            .as_deref()
            .unwrap_or(backend::services::auth::ANONYMOUS),
        action,
        &target,
    );
    if let Err(e) = backend::audit::record(&state.app.db, event).await {
        tracing::error!(error = %e, "could not audit a refusal");
    }
    res
}

/// A panic in a handler becomes a 500 in the standard error body instead of a dropped
/// connection (the panic itself is logged by the default hook).
fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    routes::error::ApiError(ServiceError::internal("a handler panicked")).into_response()
}

/// `Cache-Control: no-store` on the API, server functions and HTML (they carry signed-in
/// data); static assets keep their own caching.
async fn no_store(req: Request, next: Next) -> Response {
    let dynamic = req.uri().path().starts_with("/api/") || req.uri().path().starts_with("/rpc/");
    let mut res = next.run(req).await;
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if (dynamic || html) && !res.headers().contains_key(header::CACHE_CONTROL) {
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

/// Compresses HTML, JSON and server-function answers with brotli or gzip, as the client's
/// `Accept-Encoding` prefers (brotli at quality 4, like nginx on the fly). Not bodies under
/// 1 KiB (the headers would outweigh the saving), not event streams (they must flow), not
/// images or WASM (`/pkg` is served precompressed; a body that already has a
/// `Content-Encoding` is left alone anyway).
fn compression() -> CompressionLayer<impl Predicate> {
    let predicate = SizeAbove::new(1024)
        .and(NotForContentType::GRPC)
        .and(NotForContentType::IMAGES)
        .and(NotForContentType::SSE)
        .and(NotForContentType::const_new("application/wasm"));
    // The fastest levels: measured 2026-12-02 (release, wrk -c16), brotli's default q4 cut
    // /login from 4,974 to 994 req/s, q0 serves 4,495 req/s (1.6 KB instead of 1.2 KB). The
    // bundle, the bulk of the bytes, is compressed at build time at the highest level.
    CompressionLayer::new()
        .quality(tower_http::CompressionLevel::Fastest)
        .br(true)
        .gzip(true)
        .no_deflate()
        .no_zstd()
        .compress_when(predicate)
}

/// Headers every response carries: no framing (clickjacking), no MIME sniffing, no full URLs
/// in the Referer sent to other sites (the AWS console links), no powerful browser features,
/// HSTS when Berth is served over https; `no-store` for dynamic responses; panics as 500s;
/// compression.
pub fn with_security_headers(router: Router, web: &WebSettings) -> Router {
    // Innermost, so the 500 it makes still gets every header below.
    let mut router = router
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(middleware::from_fn(no_store))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static(
                "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
            ),
        ))
        .layer(compression());
    if web.https {
        router = router.layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        ));
    }
    router
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::get;
    use tower::ServiceExt;

    #[tokio::test]
    async fn a_panicking_handler_answers_500_in_the_error_shape() {
        let router = Router::new().route(
            "/boom",
            get(|| async {
                if true {
                    panic!("boom");
                }
                "unreachable"
            }),
        );
        let web = WebSettings {
            public_origin: "http://127.0.0.1".into(),
            https: false,
        };
        let res = with_security_headers(router, &web)
            .oneshot(Request::get("/boom").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(res.headers()[header::X_FRAME_OPTIONS], "DENY");
        let body = axum::body::to_bytes(res.into_body(), 4096).await.unwrap();
        let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(body["error"]["code"], "internal");
    }
}
