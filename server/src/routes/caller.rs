//! Who is calling a REST route: an API token (`Authorization: Bearer …`) or the session
//! cookie. Routes that take a [`Caller`] answer 401 `unauthenticated` without one.

use crate::routes::error::ApiError;
use crate::state::ServerState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use backend::auth::{User, SESSION_USER_ID};
use backend::services::auth as auth_service;
use backend::ServiceError;
use tower_sessions::Session;

pub struct Caller(pub User);

/// The bearer token of a request, if any.
pub fn bearer(parts: &Parts) -> Option<&str> {
    parts
        .headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

impl FromRequestParts<ServerState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &ServerState) -> Result<Self, ApiError> {
        if let Some(token) = bearer(parts) {
            return Ok(Caller(auth_service::token_user(&state.app, token).await?));
        }
        let session = Session::from_request_parts(parts, state)
            .await
            .map_err(|_| ServiceError::Unauthenticated)?;
        let id: Option<i64> = session
            .get(SESSION_USER_ID)
            .await
            .map_err(ServiceError::internal)?;
        match id {
            Some(id) => Ok(Caller(auth_service::session_user(&state.app, id).await?)),
            None => Err(ServiceError::Unauthenticated.into()),
        }
    }
}
