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
    /// The team that owns the target, so that team's members can read the event.
    pub team: Option<&'a str>,
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
            team: None,
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

    pub fn team(self, team: Option<&'a str>) -> Self {
        NewEvent { team, ..self }
    }
}

/// Appends an event. A failure to write the audit log fails the caller's request.
pub async fn record(db: &Db, event: NewEvent<'_>) -> Result<(), ServiceError> {
    sqlx::query(
        "INSERT INTO audit_events (at, actor, action, target, outcome, aws_request_id, detail, team) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(now_ms())
    .bind(event.actor)
    .bind(event.action)
    .bind(event.target)
    .bind(event.outcome.as_str())
    .bind(event.aws_request_id)
    .bind(event.detail)
    .bind(event.team)
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

/// Whose events a reader may see.
#[derive(Clone, Copy, Debug)]
pub enum Scope<'a> {
    /// Everything (admins).
    All,
    /// Events of these teams, and the reader's own.
    Reader { actor: &'a str, teams: &'a [String] },
}

/// Newest first; `before` (an event id) pages backwards.
pub async fn list(
    db: &Db,
    scope: Scope<'_>,
    limit: i64,
    before: Option<i64>,
) -> Result<Vec<AuditEvent>, ServiceError> {
    let columns = "SELECT id, at, actor, action, target, outcome, aws_request_id FROM audit_events";
    let rows = match scope {
        Scope::All => {
            sqlx::query(&format!(
                "{columns} WHERE id < $1 ORDER BY id DESC LIMIT $2"
            ))
            .bind(before.unwrap_or(i64::MAX))
            .bind(limit)
            .fetch_all(&db.pool)
            .await?
        }
        Scope::Reader { actor, teams } => {
            // $1 before, $2 limit, $3 actor, $4… the teams (placeholders, never spliced text).
            let placeholders: Vec<String> =
                (0..teams.len()).map(|i| format!("${}", i + 4)).collect();
            let in_teams = if teams.is_empty() {
                String::new()
            } else {
                format!(" OR team IN ({})", placeholders.join(", "))
            };
            let sql = format!(
                "{columns} WHERE id < $1 AND (actor = $3{in_teams}) ORDER BY id DESC LIMIT $2"
            );
            let mut q = sqlx::query(&sql)
                .bind(before.unwrap_or(i64::MAX))
                .bind(limit)
                .bind(actor);
            for t in teams {
                q = q.bind(t);
            }
            q.fetch_all(&db.pool).await?
        }
    };
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
    (target, team): (&str, Option<&str>),
    e: &crate::aws::AwsError,
) {
    let detail = format!("{} {}", e.operation, e.code);
    let event = NewEvent::failure(&user.name, action, target)
        .request_id(e.request_id.as_deref())
        .detail(Some(&detail))
        .team(team);
    if let Err(audit_error) = record(db, event).await {
        tracing::error!(error = %audit_error, action, target, "could not audit a failed AWS call");
    }
}
