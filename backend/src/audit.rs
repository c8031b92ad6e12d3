//! The append-only audit log: who did what, when, to which target, with which AWS request id.
//!
//! Every mutation (and every login attempt) is recorded here by the service that performed
//! it. The table refuses UPDATE and DELETE (database triggers).

use crate::db::{now_ms, rfc3339, Db};
use crate::ServiceError;
use sqlx::Row;
use validate::model::AuditEvent;

/// Outcome of an audited action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Success,
    Failure,
}

impl Outcome {
    fn as_str(self) -> &'static str {
        match self {
            Outcome::Success => "success",
            Outcome::Failure => "failure",
        }
    }
}

/// One event to record. `detail` is free text for humans (never secrets).
#[derive(Clone, Debug)]
pub struct NewEvent<'a> {
    pub actor: &'a str,
    pub action: &'a str,
    pub target: &'a str,
    pub outcome: Outcome,
    pub aws_request_id: Option<&'a str>,
    pub detail: Option<&'a str>,
}

impl<'a> NewEvent<'a> {
    /// A successful `action` by `actor` on `target`.
    pub fn success(actor: &'a str, action: &'a str, target: &'a str) -> Self {
        NewEvent {
            actor,
            action,
            target,
            outcome: Outcome::Success,
            aws_request_id: None,
            detail: None,
        }
    }

    /// A failed (refused or errored) `action`.
    pub fn failure(actor: &'a str, action: &'a str, target: &'a str) -> Self {
        NewEvent {
            outcome: Outcome::Failure,
            ..NewEvent::success(actor, action, target)
        }
    }

    pub fn request_id(self, id: Option<&'a str>) -> Self {
        NewEvent {
            aws_request_id: id,
            ..self
        }
    }

    pub fn detail(self, detail: Option<&'a str>) -> Self {
        NewEvent { detail, ..self }
    }
}

/// Appends an event. A failure to write the audit log fails the caller's request.
pub async fn record(db: &Db, event: NewEvent<'_>) -> Result<(), ServiceError> {
    sqlx::query(
        "INSERT INTO audit_events (at, actor, action, target, outcome, aws_request_id, detail) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(now_ms())
    .bind(event.actor)
    .bind(event.action)
    .bind(event.target)
    .bind(event.outcome.as_str())
    .bind(event.aws_request_id)
    .bind(event.detail)
    .execute(&db.pool)
    .await?;
    tracing::info!(
        actor = event.actor,
        action = event.action,
        target = event.target,
        outcome = event.outcome.as_str(),
        aws_request_id = event.aws_request_id,
        "audit"
    );
    Ok(())
}

/// Newest first; `before` (an event id) pages backwards.
pub async fn list(
    db: &Db,
    limit: i64,
    before: Option<i64>,
) -> Result<Vec<AuditEvent>, ServiceError> {
    let rows = sqlx::query(
        "SELECT id, at, actor, action, target, outcome, aws_request_id FROM audit_events \
         WHERE id < $1 ORDER BY id DESC LIMIT $2",
    )
    .bind(before.unwrap_or(i64::MAX))
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(AuditEvent {
                id: r.try_get("id")?,
                at: rfc3339(r.try_get("at")?),
                actor: r.try_get("actor")?,
                action: r.try_get("action")?,
                target: r.try_get("target")?,
                outcome: r.try_get("outcome")?,
                aws_request_id: r.try_get("aws_request_id")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(Into::into)
}

/// Records a failed AWS call (operation and error code as detail). The caller reports the AWS
/// error either way; a failed audit write is logged, not hidden.
pub async fn aws_failure(
    db: &Db,
    user: &crate::auth::User,
    action: &str,
    target: &str,
    e: &crate::aws::AwsError,
) {
    let detail = format!("{} {}", e.operation, e.code);
    let event = NewEvent::failure(&user.name, action, target)
        .request_id(e.request_id.as_deref())
        .detail(Some(&detail));
    if let Err(audit_error) = record(db, event).await {
        tracing::error!(error = %audit_error, action, target, "could not audit a failed AWS call");
    }
}
