//! Who is calling a REST route: an API token (`Authorization: Bearer …`) or the session
//! cookie. Routes that take a [`Caller`] answer 401 `unauthenticated` without one. A request
//! with any other `Authorization` header never falls back to the cookie.

use crate::routes::error::ApiError;
use crate::state::ServerState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use backend::auth::{User, SESSION_USER_ID};
use backend::services::auth as auth_service;
use backend::ServiceError;
use std::sync::{Arc, Mutex};
use tower_sessions::Session;

pub struct Caller(pub User);

/// A user the CSRF guard already resolved from a bearer token (saves a second lookup).
#[derive(Clone)]
pub struct ResolvedUser(pub User);

/// Filled with the caller's name once known, so refusals (403/429) can be audited with
/// their actor by the middleware that sees the response.
#[derive(Clone, Default)]
pub struct ActorSlot(pub Arc<Mutex<Option<String>>>);

impl ActorSlot {
    pub fn set(&self, name: &str) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(name.to_string());
        }
    }

    pub fn get(&self) -> Option<String> {
        self.0.lock().ok().and_then(|s| s.clone())
    }
}

/// The raw `Authorization` header, if any (not valid UTF-8 counts as present and wrong).
pub fn authorization(parts: &Parts) -> Option<&str> {
    parts
        .headers
        .get(axum::http::header::AUTHORIZATION)
        .map(|v| v.to_str().unwrap_or("\u{fffd}"))
}

/// Resolves the caller of a request from its parts (header, then session).
pub async fn resolve(parts: &mut Parts, state: &ServerState) -> Result<User, ServiceError> {
    if let Some(ResolvedUser(user)) = parts.extensions.get::<ResolvedUser>() {
        return Ok(user.clone());
    }
    let header = authorization(parts).map(str::to_string);
    let session_user = match header {
        Some(_) => None,
        None => {
            let session = Session::from_request_parts(parts, state)
                .await
                .map_err(|_| ServiceError::Unauthenticated)?;
            session
                .get::<i64>(SESSION_USER_ID)
                .await
                .map_err(ServiceError::internal)?
        }
    };
    let user = auth_service::resolve(&state.app, header.as_deref(), session_user).await?;
    if let Some(slot) = parts.extensions.get::<ActorSlot>() {
        slot.set(&user.name);
    }
    Ok(user)
}

impl FromRequestParts<ServerState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &ServerState) -> Result<Self, ApiError> {
        Ok(Caller(resolve(parts, state).await?))
    }
}
