//! `POST /api/v1/validate/{kind}`: the validator as a service (always 200 for JSON bodies).

use crate::routes::caller::Caller;
use crate::routes::error::{ApiError, ApiJson, ErrorBody};
use crate::state::ServerState;
use axum::extract::{Path, State};
use axum::Json;
use validate::Report;

/// Validate a document.
#[utoipa::path(post, path = "/api/v1/validate/{kind}", tag = "validate",
    params(("kind" = String, Path, description = "repository or lifecycle-policy")),
    request_body(content = Object, description = "The document to validate"),
    responses((status = 200, body = Report), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 404, description = "unknown kind", body = ErrorBody)))]
pub async fn validate(
    State(state): State<ServerState>,
    Caller(user): Caller,
    Path(kind): Path<String>,
    ApiJson(doc): ApiJson<serde_json::Value>,
) -> Result<Json<Report>, ApiError> {
    Ok(Json(backend::services::validation::validate(
        &state.app, &user, &kind, &doc,
    )?))
}
