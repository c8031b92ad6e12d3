//! `POST /api/v1/validate/{kind}`: the validator as a service (always 200 for JSON bodies).

use crate::routes::caller::Caller;
use crate::routes::error::{ApiError, ApiJson, ApiPath, ApiQuery, ErrorBody};
use crate::state::ServerState;
use axum::extract::State;
use axum::Json;
use backend::services::validation::CallerContext;
use serde::Deserialize;
use validate::Report;

/// Optional context for rules that depend on how the document will run.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query, rename_all = "camelCase")]
pub struct ValidateQuery {
    /// EC2, FARGATE or EXTERNAL.
    pub launch_type: Option<String>,
    /// LINUX or a WINDOWS_SERVER_* family.
    pub os: Option<String>,
    /// Fargate platform version (1.4.0, LATEST).
    pub platform_version: Option<String>,
}

/// Validate a document.
#[utoipa::path(post, path = "/api/v1/validate/{kind}", tag = "validate",
    params(("kind" = String, Path, description = "task-definition, service, repository, lifecycle-policy or trust-policy"), ValidateQuery),
    request_body(content = Object, description = "The document to validate"),
    responses((status = 200, body = Report), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 404, description = "unknown kind", body = ErrorBody)))]
pub async fn validate(
    State(state): State<ServerState>,
    Caller(user): Caller,
    ApiPath(kind): ApiPath<String>,
    ApiQuery(query): ApiQuery<ValidateQuery>,
    ApiJson(doc): ApiJson<serde_json::Value>,
) -> Result<Json<Report>, ApiError> {
    let given = CallerContext {
        launch_type: query.launch_type,
        os: query.os,
        platform_version: query.platform_version,
    };
    Ok(Json(backend::services::validation::validate(
        &state.app, &user, &kind, &doc, given,
    )?))
}
