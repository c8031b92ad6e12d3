//! `GET /api/v1/audit`: the audit log, newest first.

use crate::routes::caller::Caller;
use crate::routes::error::{ApiError, ApiQuery, ErrorBody};
use crate::state::ServerState;
use axum::extract::State;
use axum::Json;
use serde::{Deserialize, Serialize};
use validate::model::AuditEvent;

#[derive(Deserialize, utoipa::IntoParams)]
pub struct AuditQuery {
    /// 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// Only events with a smaller id (paging backwards).
    #[param(minimum = 1)]
    pub before: Option<i64>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct AuditEnvelope {
    pub events: Vec<AuditEvent>,
}

/// Audit events.
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", params(AuditQuery),
    responses((status = 200, body = AuditEnvelope), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<ServerState>,
    Caller(user): Caller,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> Result<Json<AuditEnvelope>, ApiError> {
    let events = backend::services::audit_log::list(&state.app, &user, q.limit, q.before).await?;
    Ok(Json(AuditEnvelope { events }))
}
