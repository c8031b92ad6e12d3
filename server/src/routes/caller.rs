//! Who is calling a REST route: an API token (`Authorization: Bearer …`) or the session
//! cookie. Routes that take a [`Caller`] answer 401 `unauthenticated` without one. A request
//! with any other `Authorization` header never falls back to the cookie.

use crate::routes::error::ApiError;
use crate::state::ServerState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use backend::auth::{RequestCaller, User};
use backend::services::auth as auth_service;
use backend::ServiceError;
use tower_sessions::Session;

pub struct Caller(pub User);

/// The raw `Authorization` header, if any (not valid UTF-8 counts as present and wrong).
pub fn authorization(parts: &Parts) -> Option<&str> {
    parts
        .headers
        .get(axum::http::header::AUTHORIZATION)
        .map(|v| v.to_str().unwrap_or("\u{fffd}"))
}

/// Resolves the caller of a request from its parts (header, then session), once per request
/// (see [`RequestCaller`]).
pub async fn resolve(parts: &mut Parts, state: &ServerState) -> Result<User, ServiceError> {
    let memo = parts.extensions.get::<RequestCaller>().cloned();
    let header = authorization(parts).map(str::to_string);
    auth_service::resolve_request(&state.app, memo, header.as_deref(), || async {
        let session = Session::from_request_parts(parts, state)
            .await
            .map_err(|_| ServiceError::Unauthenticated)?;
        backend::auth::session_user_id(&session).await
    })
    .await
}

impl FromRequestParts<ServerState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &ServerState) -> Result<Self, ApiError> {
        Ok(Caller(resolve(parts, state).await?))
    }
}
