//! The audit log page's data: 50 events at a time, newest first.

use crate::error::AppError;
use leptos::prelude::*;
use validate::model::AuditEvent;

#[server(prefix = "/rpc", endpoint = "audit/list")]
pub async fn list_audit_events(before: Option<i64>) -> Result<Vec<AuditEvent>, AppError> {
    let (state, user) = crate::server_fns::ctx::caller().await?;
    Ok(backend::services::audit_log::list(&state, &user, Some(50), before).await?)
}
