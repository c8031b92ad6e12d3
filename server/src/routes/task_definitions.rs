//! `/api/v1/task-definitions`: register, list families and revisions, export, deregister,
//! check a revision's roles.

use crate::routes::caller::Caller;
use crate::routes::error::{ApiError, ApiJson, ApiPath, ApiQuery, ErrorBody};
use crate::state::ServerState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use backend::services::task_definitions as service;
use serde::{Deserialize, Serialize};
use validate::model::{FamilyPage, RevisionPage, RoleCheck};

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
pub struct FamiliesQuery {
    /// Only families starting with this prefix.
    #[param(pattern = "^[A-Za-z0-9_-]{0,255}$")]
    pub family_prefix: Option<String>,
    #[param(pattern = "^[!-~]{1,4096}$")]
    pub next_token: Option<String>,
    /// `true` reads AWS now instead of answering from the few-seconds cache (see `fetchedAt`).
    #[serde(default)]
    pub refresh: bool,
}

/// List active task definition families, one page at a time.
#[utoipa::path(get, path = "/api/v1/task-definitions", tag = "task-definitions", params(FamiliesQuery),
    responses((status = 200, body = FamilyPage), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 502, body = ErrorBody)))]
pub async fn list(
    State(state): State<ServerState>,
    Caller(user): Caller,
    ApiQuery(q): ApiQuery<FamiliesQuery>,
) -> Result<Json<FamilyPage>, ApiError> {
    Ok(Json(
        service::list_families(&state.app, &user, q.family_prefix, q.next_token, q.refresh).await?,
    ))
}

/// What `POST /api/v1/task-definitions` answers.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Registered {
    pub task_definition_arn: String,
    pub revision: i64,
}

/// Register a task definition (`RegisterTaskDefinition` shape or `describe-task-definition`
/// output). Validated first: 422 with every finding when there are errors.
#[utoipa::path(post, path = "/api/v1/task-definitions", tag = "task-definitions",
    request_body(content = Object, description = "RegisterTaskDefinition"),
    responses((status = 201, body = Registered),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, description = "forbidden: the family must start with one of your teams (`<team>-`)", body = ErrorBody),
        (status = 422, description = "validation_failed with findings", body = ErrorBody),
        (status = 502, body = ErrorBody)))]
pub async fn register(
    State(state): State<ServerState>,
    Caller(user): Caller,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> Result<(StatusCode, Json<Registered>), ApiError> {
    let td = service::register(&state.app, &user, &body).await?;
    Ok((
        StatusCode::CREATED,
        Json(Registered {
            task_definition_arn: td.task_definition_arn,
            revision: td.revision,
        }),
    ))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
pub struct RevisionsQuery {
    /// 1–100.
    #[param(minimum = 1, maximum = 100)]
    pub max_results: Option<i32>,
    #[param(pattern = "^[!-~]{1,4096}$")]
    pub next_token: Option<String>,
}

/// The revisions of a family, newest first.
#[utoipa::path(get, path = "/api/v1/task-definitions/{family}", tag = "task-definitions",
    params(("family" = String, Path, pattern = "^[A-Za-z0-9_-]{1,255}$"), RevisionsQuery),
    responses((status = 200, body = RevisionPage), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 502, body = ErrorBody)))]
pub async fn revisions(
    State(state): State<ServerState>,
    Caller(user): Caller,
    ApiPath(family): ApiPath<String>,
    ApiQuery(q): ApiQuery<RevisionsQuery>,
) -> Result<Json<RevisionPage>, ApiError> {
    Ok(Json(
        service::list_revisions(&state.app, &user, &family, q.max_results, q.next_token).await?,
    ))
}

fn revision_number(text: &str) -> Result<i64, ApiError> {
    Ok(backend::names::revision("revision", text)?)
}

/// One revision in the `RegisterTaskDefinition` shape (export: no read-only fields), ready to
/// be registered again.
#[utoipa::path(get, path = "/api/v1/task-definitions/{family}/{revision}", tag = "task-definitions",
    params(("family" = String, Path, pattern = "^[A-Za-z0-9_-]{1,255}$"), ("revision" = i64, Path, minimum = 1, maximum = 2147483647)),
    responses((status = 200, description = "RegisterTaskDefinition", body = Object),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 502, body = ErrorBody)))]
pub async fn export(
    State(state): State<ServerState>,
    Caller(user): Caller,
    ApiPath((family, revision)): ApiPath<(String, String)>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let revision = revision_number(&revision)?;
    let td = service::get(&state.app, &user, &family, Some(revision)).await?;
    Ok(Json(validate::json::FromJson::to_json(&td.task_definition)))
}

/// Deregister one revision (it stays readable as INACTIVE).
#[utoipa::path(delete, path = "/api/v1/task-definitions/{family}/{revision}", tag = "task-definitions",
    params(("family" = String, Path, pattern = "^[A-Za-z0-9_-]{1,255}$"), ("revision" = i64, Path, minimum = 1, maximum = 2147483647)),
    responses((status = 204), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 502, body = ErrorBody)))]
pub async fn deregister(
    State(state): State<ServerState>,
    Caller(user): Caller,
    ApiPath((family, revision)): ApiPath<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let revision = revision_number(&revision)?;
    service::deregister(&state.app, &user, &family, revision).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The revision's execution and task roles, checked live against IAM: do they exist, can ECS
/// tasks assume them, do their policies allow what this revision needs (with Berth's
/// generated policy where they fall short).
#[utoipa::path(get, path = "/api/v1/task-definitions/{family}/{revision}/roles", tag = "task-definitions",
    params(("family" = String, Path, pattern = "^[A-Za-z0-9_-]{1,255}$"), ("revision" = i64, Path, minimum = 1, maximum = 2147483647)),
    responses((status = 200, body = RoleCheck),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 502, body = ErrorBody)))]
pub async fn roles(
    State(state): State<ServerState>,
    Caller(user): Caller,
    ApiPath((family, revision)): ApiPath<(String, String)>,
) -> Result<Json<RoleCheck>, ApiError> {
    let revision = revision_number(&revision)?;
    Ok(Json(
        service::check_roles(&state.app, &user, &family, revision).await?,
    ))
}
