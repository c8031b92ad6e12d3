//! The browser side of the server: Leptos pages and server functions, the login form posts,
//! static files, and the guards in front of them (sign-in for pages, same-origin for
//! state-changing requests).

use crate::routes;
use crate::state::ServerState;
use app::{shell, App};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{post, MethodRouter};
use axum::Router;
use backend::auth::SESSION_USER_ID;
use backend::ServiceError;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
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
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            ServerState,
            _,
        >(context, shell))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            same_origin_writes,
        ))
        .with_state(state)
}

/// Pages other than `/login` need a session; without one the browser goes to the login page
/// (the middleware returns the redirect itself, the page never renders).
async fn require_page_session(session: Session, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if path == "/login" {
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

/// CSRF defence in depth (cookies are also SameSite=Lax): a state-changing request that a
/// browser marks as coming from another origin is refused, unless it carries an API token
/// (which a browser never attaches on its own).
async fn same_origin_writes(
    State(state): State<ServerState>,
    req: Request,
    next: Next,
) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let headers = req.headers();
    if safe || headers.contains_key(header::AUTHORIZATION) {
        return next.run(req).await;
    }
    let cross_site = headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "cross-site");
    let origin_ok = match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        None => true,
        Some(origin) => {
            origin == state.web.public_origin
                || headers
                    .get(header::HOST)
                    .and_then(|h| h.to_str().ok())
                    .is_some_and(|host| {
                        origin == format!("http://{host}") || origin == format!("https://{host}")
                    })
        }
    };
    if cross_site || !origin_ok {
        let err = routes::error::ApiError(ServiceError::Forbidden(
            "cross-origin request refused".into(),
        ));
        let mut res = err.into_response();
        *res.status_mut() = StatusCode::FORBIDDEN;
        return res;
    }
    next.run(req).await
}

/// Headers every response carries: no framing (clickjacking), no MIME sniffing, no full URLs
/// in the Referer sent to other sites (the AWS console links).
pub fn with_security_headers(router: Router) -> Router {
    router
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
}
