//! Reading the audit log: admins see every event; everyone else the events of their teams
//! and their own.

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
    if let Some(n) = limit {
        if !(1..=MAX_PAGE).contains(&n) {
            return Err(ServiceError::BadRequest(format!(
                "`limit` must be between 1 and {MAX_PAGE}"
            )));
        }
    }
    if before.is_some_and(|b| b < 1) {
        return Err(ServiceError::BadRequest(
            "`before` must be an event id (a positive number)".into(),
        ));
    }
    let scope = if user.is_admin() {
        audit::Scope::All
    } else {
        audit::Scope::Reader {
            actor: &user.name,
            teams: &user.teams,
        }
    };
    audit::list(&state.db, scope, limit.unwrap_or(50), before).await
}
