//! The OpenAPI document, generated from the route annotations and the wire types.

use axum::Json;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(title = "Berth API", version = "1", description = "Ship containers to Amazon ECS safely. Authenticate with the session cookie from POST /api/v1/session, or `Authorization: Bearer <token>`."),
    paths(
        super::session::create, super::session::delete, super::session::me,
        super::tokens::create, super::tokens::list, super::tokens::delete,
        super::repositories::list, super::repositories::create,
        super::repositories::get, super::repositories::delete, super::repositories::images,
        super::roles::list, super::roles::create, super::roles::get, super::roles::update_trust_policy, super::roles::put_policy, super::roles::adopt, super::roles::delete,
        super::task_definitions::list, super::task_definitions::register,
        super::task_definitions::revisions, super::task_definitions::export,
        super::task_definitions::deregister, super::task_definitions::roles,
        super::validate::validate,
        super::audit::list,
        super::health::healthz,
    ),
    tags(
        (name = "session", description = "Sign in, sign out, API tokens"),
        (name = "repositories", description = "ECR repositories"),
        (name = "roles", description = "IAM roles for tasks"),
        (name = "task-definitions", description = "ECS task definitions"),
        (name = "validate", description = "The validator"),
        (name = "audit", description = "The audit log"),
        (name = "health", description = "Health"),
    )
)]
pub struct ApiDoc;

pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
