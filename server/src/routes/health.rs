//! `GET /healthz`: 200 when the process, the database and the AWS endpoint answer; 503 with
//! the reason otherwise.

use crate::state::ServerState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct HealthBody {
    /// `ok` or `unavailable`.
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Liveness and readiness.
#[utoipa::path(get, path = "/healthz", tag = "health",
    responses((status = 200, body = HealthBody), (status = 503, body = HealthBody)))]
pub async fn healthz(State(state): State<ServerState>) -> (StatusCode, Json<HealthBody>) {
    let status = state.app.health.status(&state.app.db).await;
    let code = if status.healthy {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        code,
        Json(HealthBody {
            status: if status.healthy { "ok" } else { "unavailable" },
            reason: status.reason,
        }),
    )
}
