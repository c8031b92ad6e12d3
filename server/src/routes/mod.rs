//! The REST API (`/api/v1`, `/healthz`): one module per area, no logic — each handler
//! resolves the caller and calls a `backend::services` function.

pub mod audit;
pub mod caller;
pub mod error;
pub mod health;
pub mod openapi;
pub mod repositories;
pub mod roles;
pub mod session;
pub mod task_definitions;
pub mod tokens;
pub mod validate;

use crate::state::ServerState;
use axum::routing::{delete, get, post, put};
use axum::Router;
use backend::ServiceError;

/// Every REST route.
pub fn api() -> Router<ServerState> {
    Router::new()
        .route(
            "/api/v1/session",
            post(session::create).delete(session::delete),
        )
        .route("/api/v1/me", get(session::me))
        .route("/api/v1/tokens", get(tokens::list).post(tokens::create))
        .route("/api/v1/tokens/{id}", delete(tokens::delete))
        .route(
            "/api/v1/repositories",
            get(repositories::list).post(repositories::create),
        )
        .route(
            "/api/v1/repositories/{*name}",
            get(repositories::get).delete(repositories::delete),
        )
        .route("/api/v1/images", get(repositories::images))
        .route("/api/v1/roles", get(roles::list).post(roles::create))
        .route(
            "/api/v1/roles/{name}",
            get(roles::get).delete(roles::delete),
        )
        .route(
            "/api/v1/roles/{name}/trust-policy",
            put(roles::update_trust_policy),
        )
        .route("/api/v1/roles/{name}/policy", put(roles::put_policy))
        .route("/api/v1/roles/{name}/adopt", post(roles::adopt))
        .route(
            "/api/v1/task-definitions",
            get(task_definitions::list).post(task_definitions::register),
        )
        .route(
            "/api/v1/task-definitions/{family}",
            get(task_definitions::revisions),
        )
        .route(
            "/api/v1/task-definitions/{family}/{revision}",
            get(task_definitions::export).delete(task_definitions::deregister),
        )
        .route(
            "/api/v1/task-definitions/{family}/{revision}/roles",
            get(task_definitions::roles),
        )
        .route("/api/v1/validate/{kind}", post(validate::validate))
        .route("/api/v1/audit", get(audit::list))
        .route("/api/v1/openapi.json", get(openapi::document))
        .route("/api/{*rest}", axum::routing::any(api_not_found))
        .route("/healthz", get(health::healthz))
}

async fn api_not_found() -> error::ApiError {
    error::ApiError(ServiceError::NotFound("no such API route".into()))
}
