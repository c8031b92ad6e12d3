//! API tokens for CI pipelines: create (shown once), list (never the secret), delete.

use crate::routes::caller::Caller;
use crate::routes::error::{ApiError, ApiJson, ApiPath, ErrorBody};
use crate::state::ServerState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use backend::services::auth as service;
use serde::{Deserialize, Serialize};
use validate::model::TokenList;

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TokenRequest {
    /// 1–100 characters.
    #[schema(min_length = 1, max_length = 100)]
    pub name: String,
    /// Days until the token stops working (default 90, at most 365).
    #[schema(minimum = 1, maximum = 365)]
    pub expires_in_days: Option<i64>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct TokenResponse {
    /// Shown once; send it as `Authorization: Bearer <token>`.
    pub token: String,
}

/// Create an API token acting as the caller (not with a token: sign in first).
#[utoipa::path(post, path = "/api/v1/tokens", tag = "session",
    request_body = TokenRequest,
    responses((status = 201, body = TokenResponse), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, description = "forbidden: a token cannot create tokens", body = ErrorBody)))]
pub async fn create(
    State(state): State<ServerState>,
    Caller(user): Caller,
    ApiJson(body): ApiJson<TokenRequest>,
) -> Result<(StatusCode, Json<TokenResponse>), ApiError> {
    let token = service::create_token(&state.app, &user, &body.name, body.expires_in_days).await?;
    Ok((StatusCode::CREATED, Json(TokenResponse { token })))
}

/// The caller's tokens: id, name, created, last used, expires — never the secret.
#[utoipa::path(get, path = "/api/v1/tokens", tag = "session",
    responses((status = 200, body = TokenList), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<ServerState>,
    Caller(user): Caller,
) -> Result<Json<TokenList>, ApiError> {
    let tokens = service::list_tokens(&state.app, &user).await?;
    Ok(Json(TokenList { tokens }))
}

/// Delete one of the caller's tokens; it stops working at once.
#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "session",
    params(("id" = i64, Path, minimum = 1, maximum = 2147483647, description = "The token's id (from GET /api/v1/tokens)")),
    responses((status = 204, description = "Deleted"), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 404, description = "not_found: the caller has no token with this id", body = ErrorBody)))]
pub async fn delete(
    State(state): State<ServerState>,
    Caller(user): Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<StatusCode, ApiError> {
    let id = backend::names::revision("id", &id)?;
    service::delete_token(&state.app, &user, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
