//! Reading the audit log.

use crate::audit;
use crate::auth::{authorize, Action, User};
use crate::{AppState, ServiceError};
use validate::model::AuditEvent;

pub const MAX_PAGE: i64 = 200;

/// Newest first, at most `limit` (≤ 200) events older than `before`.
pub async fn list(
    state: &AppState,
    user: &User,
    limit: Option<i64>,
    before: Option<i64>,
) -> Result<Vec<AuditEvent>, ServiceError> {
    authorize(user, Action::Read)?;
    let limit = limit.unwrap_or(50).clamp(1, MAX_PAGE);
    audit::list(&state.db, limit, before).await
}
