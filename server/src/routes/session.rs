//! Signing in and out: the REST endpoints and the HTML form posts of the login page.

use crate::routes::caller::Caller;
use crate::routes::error::{ApiError, ApiJson, ErrorBody};
use crate::state::ServerState;
use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json};
use backend::auth::{User, SESSION_USER_ID};
use backend::services::auth::{self as auth_service, Credentials};
use backend::ServiceError;
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use tower_sessions::Session;
use validate::model::UserInfo;

#[derive(Deserialize, utoipa::ToSchema)]
pub struct LoginBody {
    pub username: String,
    pub password: String,
}

impl std::fmt::Debug for LoginBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginBody")
            .field("username", &self.username)
            .finish_non_exhaustive()
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct UserEnvelope {
    pub user: UserInfo,
}

/// Signs `user` into `session`, with a fresh session id (no fixation).
async fn start_session(session: &Session, user: &User) -> Result<(), ServiceError> {
    session.cycle_id().await.map_err(ServiceError::internal)?;
    session
        .insert(SESSION_USER_ID, user.id)
        .await
        .map_err(ServiceError::internal)
}

/// Sign in.
#[utoipa::path(post, path = "/api/v1/session", tag = "session",
    request_body = LoginBody,
    responses(
        (status = 200, description = "Signed in; the session cookie is set", body = UserEnvelope),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 401, description = "invalid_credentials (same for unknown user and wrong password)", body = ErrorBody),
        (status = 429, description = "rate_limited, with Retry-After", body = ErrorBody),
    ))]
pub async fn create(
    State(state): State<ServerState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    session: Session,
    ApiJson(body): ApiJson<LoginBody>,
) -> Result<Json<UserEnvelope>, ApiError> {
    let creds = Credentials {
        username: body.username,
        password: body.password,
        client_addr: peer.ip().to_string(),
    };
    let user = auth_service::login(&state.app, &creds).await?;
    start_session(&session, &user).await?;
    Ok(Json(UserEnvelope { user: user.info() }))
}

/// Sign out (ends the session).
#[utoipa::path(delete, path = "/api/v1/session", tag = "session",
    responses((status = 204, description = "Signed out"), (status = 401, body = ErrorBody)))]
pub async fn delete(
    State(state): State<ServerState>,
    Caller(user): Caller,
    session: Session,
) -> Result<StatusCode, ApiError> {
    auth_service::logout(&state.app, &user).await?;
    session.flush().await.map_err(ServiceError::internal)?;
    Ok(StatusCode::NO_CONTENT)
}

/// The caller.
#[utoipa::path(get, path = "/api/v1/me", tag = "session",
    responses((status = 200, body = UserEnvelope), (status = 401, body = ErrorBody)))]
pub async fn me(Caller(user): Caller) -> Json<UserEnvelope> {
    Json(UserEnvelope { user: user.info() })
}

/// The login page's form post.
#[derive(Deserialize)]
pub struct LoginForm {
    username: String,
    password: String,
    #[serde(default)]
    next: String,
}

/// Only same-origin relative paths are followed after login: printable ASCII starting with
/// one `/`, no backslash (browsers read `/\\host` as `//host`), nothing a browser strips or
/// re-reads (control characters, spaces), no scheme-relative `//`. Anything else goes to `/`.
pub fn safe_next(next: &str) -> &str {
    let printable = next
        .bytes()
        .all(|b| (0x21..0x7f).contains(&b) && b != b'\\');
    if printable && next.len() <= 2048 && next.starts_with('/') && !next.starts_with("//") {
        next
    } else {
        "/"
    }
}

pub async fn form_login(
    State(state): State<ServerState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    session: Session,
    Form(form): Form<LoginForm>,
) -> Response {
    let creds = Credentials {
        username: form.username,
        password: form.password,
        client_addr: peer.ip().to_string(),
    };
    let next = safe_next(&form.next).to_string();
    let back = |error: &str| {
        Redirect::to(&format!(
            "/login?error={error}&next={}",
            urlencoding::encode(&next)
        ))
        .into_response()
    };
    match auth_service::login(&state.app, &creds).await {
        Ok(user) => match start_session(&session, &user).await {
            Ok(()) => Redirect::to(&next).into_response(),
            Err(e) => ApiError(e).into_response(),
        },
        Err(ServiceError::RateLimited { .. }) => back("rate_limited"),
        Err(ServiceError::InvalidCredentials) => back("invalid"),
        Err(e) => ApiError(e).into_response(),
    }
}

pub async fn form_logout(State(state): State<ServerState>, session: Session) -> Response {
    if let Ok(Some(id)) = session.get::<i64>(SESSION_USER_ID).await {
        if let Ok(user) = auth_service::session_user(&state.app, id).await {
            // The audit write is part of logging out: if it fails, the session stays.
            if let Err(e) = auth_service::logout(&state.app, &user).await {
                return ApiError(e).into_response();
            }
        }
    }
    if let Err(e) = session.flush().await {
        return ApiError(ServiceError::internal(e)).into_response();
    }
    Redirect::to("/login").into_response()
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_local_paths_are_followed_after_login() {
        assert_eq!(super::safe_next("/repositories"), "/repositories");
        assert_eq!(super::safe_next("//evil.example"), "/");
        assert_eq!(super::safe_next("https://evil.example"), "/");
        assert_eq!(super::safe_next("/\\evil"), "/");
        for hostile in [
            "/\t/evil.example",
            "/\n/evil.example",
            "/ /evil.example",
            "\\\\evil.example",
            "/x\\..\\..\\",
            "javascript:alert(1)",
            "//evil.example/path",
            "",
            "/caf\u{e9}",
            "evil.example",
        ] {
            assert_eq!(super::safe_next(hostile), "/", "{hostile:?}");
        }
        assert_eq!(
            super::safe_next("/roles/demo-x?tab=trust#fix"),
            "/roles/demo-x?tab=trust#fix"
        );
    }
}
