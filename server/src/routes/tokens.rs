//! API tokens for CI pipelines.

use crate::routes::caller::Caller;
use crate::routes::error::{ApiError, ApiJson, ErrorBody};
use crate::state::ServerState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};

#[derive(Deserialize, utoipa::ToSchema)]
pub struct TokenRequest {
    pub name: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct TokenResponse {
    /// Shown once; send it as `Authorization: Bearer <token>`.
    pub token: String,
}

/// Create an API token acting as the caller.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "session",
    request_body = TokenRequest,
    responses((status = 201, body = TokenResponse), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn create(
    State(state): State<ServerState>,
    Caller(user): Caller,
    ApiJson(body): ApiJson<TokenRequest>,
) -> Result<(StatusCode, Json<TokenResponse>), ApiError> {
    let token = backend::services::auth::create_token(&state.app, &user, &body.name).await?;
    Ok((StatusCode::CREATED, Json(TokenResponse { token })))
}
