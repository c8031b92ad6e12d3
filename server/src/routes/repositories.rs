//! `/api/v1/repositories`: ECR repositories; `/api/v1/images`: a repository's images.

use crate::routes::caller::Caller;
use crate::routes::error::{ApiError, ApiJson, ApiPath, ApiQuery, ErrorBody};
use crate::state::ServerState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use backend::services::repositories as service;
use serde::{Deserialize, Serialize};
use validate::ecr::CreateRepository;
use validate::model::{ImagePage, Repository, RepositoryDetail, RepositoryPage};

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
pub struct ListQuery {
    /// 1–1000.
    #[param(minimum = 1, maximum = 1000)]
    pub max_results: Option<i32>,
    #[param(pattern = "^[!-~]{1,4096}$")]
    pub next_token: Option<String>,
    /// `true` reads AWS now instead of answering from the few-seconds cache (see `fetchedAt`).
    #[serde(default)]
    pub refresh: bool,
}

/// List repositories, one page at a time.
#[utoipa::path(get, path = "/api/v1/repositories", tag = "repositories", params(ListQuery),
    responses((status = 200, body = RepositoryPage), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 502, body = ErrorBody)))]
pub async fn list(
    State(state): State<ServerState>,
    Caller(user): Caller,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Json<RepositoryPage>, ApiError> {
    Ok(Json(
        service::list(&state.app, &user, q.max_results, q.next_token, q.refresh).await?,
    ))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct RepositoryEnvelope {
    pub repository: Repository,
}

/// Create a repository (`CreateRepository` shape, plus an optional `lifecyclePolicy` object).
#[utoipa::path(post, path = "/api/v1/repositories", tag = "repositories",
    request_body = CreateRepository,
    responses((status = 201, body = RepositoryEnvelope),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, description = "forbidden: not a deployer of the name's team", body = ErrorBody),
        (status = 409, description = "already_exists", body = ErrorBody),
        (status = 422, description = "validation_failed with findings", body = ErrorBody),
        (status = 502, body = ErrorBody)))]
pub async fn create(
    State(state): State<ServerState>,
    Caller(user): Caller,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> Result<(StatusCode, Json<RepositoryEnvelope>), ApiError> {
    let repository = service::create_from_json(&state.app, &user, &body).await?;
    Ok((StatusCode::CREATED, Json(RepositoryEnvelope { repository })))
}

/// One repository and its lifecycle policy. The name is URL-encoded (`demo%2Fweb`).
#[utoipa::path(get, path = "/api/v1/repositories/{name}", tag = "repositories",
    params(("name" = String, Path, pattern = "^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$", min_length = 2, max_length = 256, description = "Repository name, URL-encoded")),
    responses((status = 200, body = RepositoryDetail), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 502, body = ErrorBody)))]
pub async fn get(
    State(state): State<ServerState>,
    Caller(user): Caller,
    ApiPath(name): ApiPath<String>,
) -> Result<Json<RepositoryDetail>, ApiError> {
    Ok(Json(service::get(&state.app, &user, &name).await?))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct DeleteQuery {
    /// Also delete the images in the repository.
    #[serde(default)]
    pub force: bool,
}

/// Delete a repository.
#[utoipa::path(delete, path = "/api/v1/repositories/{name}", tag = "repositories",
    params(("name" = String, Path, pattern = "^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$", min_length = 2, max_length = 256, description = "Repository name, URL-encoded"), DeleteQuery),
    responses((status = 204, description = "Deleted"), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "conflict: still holds images (use force)", body = ErrorBody),
        (status = 502, body = ErrorBody)))]
pub async fn delete(
    State(state): State<ServerState>,
    Caller(user): Caller,
    ApiPath(name): ApiPath<String>,
    ApiQuery(q): ApiQuery<DeleteQuery>,
) -> Result<StatusCode, ApiError> {
    service::delete(&state.app, &user, &name, q.force).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
pub struct ImagesQuery {
    /// The repository name (`demo/web`).
    #[param(
        pattern = "^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$",
        min_length = 2,
        max_length = 256
    )]
    pub repository: String,
    #[param(pattern = "^[!-~]{1,4096}$")]
    pub next_token: Option<String>,
}

/// One page of a repository's images (digest, tags, push time), newest push first.
#[utoipa::path(get, path = "/api/v1/images", tag = "repositories", params(ImagesQuery),
    responses((status = 200, body = ImagePage), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 502, body = ErrorBody)))]
pub async fn images(
    State(state): State<ServerState>,
    Caller(user): Caller,
    ApiQuery(q): ApiQuery<ImagesQuery>,
) -> Result<Json<ImagePage>, ApiError> {
    Ok(Json(
        service::images(&state.app, &user, &q.repository, q.next_token).await?,
    ))
}
