//! `/api/v1/roles`: IAM roles for tasks (create with a generated policy, list, read, fix the
//! trust policy, put the generated policy on an existing role, delete).

use crate::routes::caller::Caller;
use crate::routes::error::{ApiError, ApiJson, ApiPath, ApiQuery, ErrorBody};
use crate::state::ServerState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use backend::services::roles as service;
use backend::ServiceError;
use serde::Deserialize;
use validate::model::{CreateRoleRequest, CreatedRole, RolePage, RoleSummary};

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
pub struct ListQuery {
    #[param(pattern = "^[!-~]{1,320}$")]
    pub next_token: Option<String>,
    /// `true` reads AWS now instead of answering from the few-seconds cache (see `fetchedAt`).
    #[serde(default)]
    pub refresh: bool,
}

/// The body of a role request (`POST /api/v1/roles`, `PUT …/policy`), or 400.
fn role_request(body: serde_json::Value) -> Result<CreateRoleRequest, ApiError> {
    serde_json::from_value(body).map_err(|e| {
        ApiError(ServiceError::BadRequest(format!(
            "the body is not a role request: {e}"
        )))
    })
}

/// List the account's roles, each judged as a task/execution role (trust policy findings).
#[utoipa::path(get, path = "/api/v1/roles", tag = "roles", params(ListQuery),
    responses((status = 200, body = RolePage), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 502, body = ErrorBody)))]
pub async fn list(
    State(state): State<ServerState>,
    Caller(user): Caller,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Json<RolePage>, ApiError> {
    Ok(Json(
        service::list(&state.app, &user, q.next_token, q.refresh).await?,
    ))
}

/// Create a task execution role or a task role: trust `ecs-tasks.amazonaws.com`, and a
/// least-privilege inline policy generated from the task definition.
#[utoipa::path(post, path = "/api/v1/roles", tag = "roles", request_body = CreateRoleRequest,
    responses((status = 201, body = CreatedRole), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, description = "forbidden: the role name must start with one of your teams (`<team>-`)", body = ErrorBody),
        (status = 409, description = "already_exists", body = ErrorBody),
        (status = 422, description = "validation_failed with findings", body = ErrorBody),
        (status = 502, body = ErrorBody)))]
pub async fn create(
    State(state): State<ServerState>,
    Caller(user): Caller,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> Result<(StatusCode, Json<CreatedRole>), ApiError> {
    let request = role_request(body)?;
    let created = service::create(&state.app, &user, &request).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// One role: its trust policy with findings and the suggested fix, and Berth's policy.
#[utoipa::path(get, path = "/api/v1/roles/{name}", tag = "roles", params(("name" = String, Path, pattern = "^[\\w+=,.@-]{1,64}$")),
    responses((status = 200, body = RoleSummary), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 502, body = ErrorBody)))]
pub async fn get(
    State(state): State<ServerState>,
    Caller(user): Caller,
    ApiPath(name): ApiPath<String>,
) -> Result<Json<RoleSummary>, ApiError> {
    Ok(Json(service::get(&state.app, &user, &name).await?))
}

/// Replace a role's trust policy (e.g. with `suggestedTrustPolicy` from `GET`): the body is
/// the policy document; it must have no error finding. Unchanged documents are not re-sent.
#[utoipa::path(put, path = "/api/v1/roles/{name}/trust-policy", tag = "roles",
    params(("name" = String, Path, pattern = "^[\\w+=,.@-]{1,64}$")), request_body = serde_json::Value,
    responses((status = 200, body = RoleSummary), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, description = "forbidden: the role must belong to one of your teams", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, description = "validation_failed with findings", body = ErrorBody),
        (status = 502, body = ErrorBody)))]
pub async fn update_trust_policy(
    State(state): State<ServerState>,
    Caller(user): Caller,
    ApiPath(name): ApiPath<String>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> Result<Json<RoleSummary>, ApiError> {
    Ok(Json(
        service::update_trust_policy(&state.app, &user, &name, &body).await?,
    ))
}

/// Put Berth's generated inline policy (`berth`) on an existing role, from a task definition
/// — same body as `POST /api/v1/roles` (the path names the role). Unchanged policies are not
/// re-sent.
#[utoipa::path(put, path = "/api/v1/roles/{name}/policy", tag = "roles",
    params(("name" = String, Path, pattern = "^[\\w+=,.@-]{1,64}$")), request_body = CreateRoleRequest,
    responses((status = 200, body = RoleSummary), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, description = "forbidden: the role must belong to one of your teams", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, description = "validation_failed with findings", body = ErrorBody),
        (status = 502, body = ErrorBody)))]
pub async fn put_policy(
    State(state): State<ServerState>,
    Caller(user): Caller,
    ApiPath(name): ApiPath<String>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> Result<Json<RoleSummary>, ApiError> {
    let request = role_request(body)?;
    Ok(Json(
        service::put_policy(&state.app, &user, &name, &request).await?,
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AdoptBody {
    /// The team that will own the role (`^[a-z][a-z0-9]{1,31}$`).
    #[schema(pattern = "^[a-z][a-z0-9]{1,31}$")]
    pub team: String,
}

/// Adopt an existing role into a team (admins): tags it `berth:team=<team>`, after which the
/// team's deployers may change it. Audited.
#[utoipa::path(post, path = "/api/v1/roles/{name}/adopt", tag = "roles",
    params(("name" = String, Path, pattern = "^[\\w+=,.@-]{1,64}$")), request_body = AdoptBody,
    responses((status = 200, body = RoleSummary), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, description = "forbidden: only admins adopt roles", body = ErrorBody),
        (status = 404, description = "not_found: no such role or team", body = ErrorBody),
        (status = 502, body = ErrorBody)))]
pub async fn adopt(
    State(state): State<ServerState>,
    Caller(user): Caller,
    ApiPath(name): ApiPath<String>,
    ApiJson(body): ApiJson<AdoptBody>,
) -> Result<Json<RoleSummary>, ApiError> {
    Ok(Json(
        service::adopt(&state.app, &user, &name, &body.team).await?,
    ))
}

/// Delete a role (its inline policies and attachments first, as IAM requires).
#[utoipa::path(delete, path = "/api/v1/roles/{name}", tag = "roles", params(("name" = String, Path, pattern = "^[\\w+=,.@-]{1,64}$")),
    responses((status = 204), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, description = "forbidden: the role must belong to one of your teams", body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 502, body = ErrorBody)))]
pub async fn delete(
    State(state): State<ServerState>,
    Caller(user): Caller,
    ApiPath(name): ApiPath<String>,
) -> Result<StatusCode, ApiError> {
    service::delete(&state.app, &user, &name).await?;
    Ok(StatusCode::NO_CONTENT)
}
