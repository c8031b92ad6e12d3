//! The append-only audit log: who did what, when, to which target, with which AWS request id.
//!
//! Every mutation (and every login attempt) is recorded here by the service that performed
//! it. The table refuses UPDATE and DELETE (database triggers).

use crate::db::{audit_events, now_ms, rfc3339, Db};
use crate::ServiceError;
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
    audit_events::insert(
        db,
        &audit_events::NewRow {
            at: now_ms(),
            actor: event.actor,
            action: event.action,
            target: event.target,
            outcome: event.outcome.as_str(),
            aws_request_id: event.aws_request_id,
            detail: event.detail,
            team: event.team,
        },
    )
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

impl<'a> Scope<'a> {
    fn filter(self) -> audit_events::Filter<'a> {
        match self {
            Scope::All => audit_events::Filter::All,
            Scope::Reader { actor, teams } => audit_events::Filter::ActorOrTeams { actor, teams },
        }
    }
}

/// Newest first; `before` (an event id) pages backwards. A page reads at most `limit` rows
/// however long the log is (see [`audit_events::page`]).
pub async fn list(
    db: &Db,
    scope: Scope<'_>,
    limit: i64,
    before: Option<i64>,
) -> Result<Vec<AuditEvent>, ServiceError> {
    let rows = audit_events::page(db, scope.filter(), limit, before.unwrap_or(i64::MAX)).await?;
    Ok(rows
        .into_iter()
        .map(|r| AuditEvent {
            id: r.id,
            at: rfc3339(r.at),
            actor: r.actor,
            action: r.action,
            target: r.target,
            outcome: r.outcome,
            aws_request_id: r.aws_request_id,
        })
        .collect())
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The target of each event (which names it), newest first.
    fn who(events: &[AuditEvent]) -> Vec<String> {
        events.iter().map(|e| e.target.clone()).collect()
    }

    #[tokio::test]
    async fn a_reader_pages_through_their_own_and_their_teams_events_only() {
        let db = crate::testing::fresh_db("audit_scope").await;
        // Targets name the event: n<i>; actor and team vary.
        let plan: [(&str, Option<&str>); 8] = [
            ("ann", None),          // n0: ann's own
            ("bob", Some("red")),   // n1: team red
            ("bob", Some("blue")),  // n2: team blue
            ("cat", Some("green")), // n3: not ann's
            ("ann", Some("red")),   // n4: both ann's and red's (listed once)
            ("cat", None),          // n5: not ann's
            ("bob", Some("red")),   // n6
            ("ann", Some("green")), // n7: ann's own, in a team she is not in
        ];
        for (i, (actor, team)) in plan.iter().enumerate() {
            let target = format!("n{i}");
            record(&db, NewEvent::success(actor, "test", &target).team(*team))
                .await
                .unwrap();
        }
        let teams = ["red".to_string(), "blue".to_string()];
        let ann = Scope::Reader {
            actor: "ann",
            teams: &teams,
        };
        let all = list(&db, ann, 50, None).await.unwrap();
        assert_eq!(who(&all), ["n7", "n6", "n4", "n2", "n1", "n0"]);
        // Pages of two, each starting before the last id of the previous one.
        let mut pages = Vec::new();
        let mut before = None;
        loop {
            let page = list(&db, ann, 2, before).await.unwrap();
            if page.is_empty() {
                break;
            }
            before = page.last().map(|e| e.id);
            pages.push(who(&page));
        }
        assert_eq!(
            pages,
            [vec!["n7", "n6"], vec!["n4", "n2"], vec!["n1", "n0"]]
        );
        // No teams: only the reader's own events.
        let alone = Scope::Reader {
            actor: "cat",
            teams: &[],
        };
        assert_eq!(
            who(&list(&db, alone, 50, None).await.unwrap()),
            ["n5", "n3"]
        );
        assert_eq!(list(&db, Scope::All, 50, None).await.unwrap().len(), 8);
    }

    #[tokio::test]
    async fn each_leg_of_a_readers_page_walks_an_index_and_only_the_page_rows_are_read() {
        // The query plan is SQLite's (EXPLAIN QUERY PLAN); Postgres plans it its own way.
        let db = crate::testing::fresh_db_on(crate::db::Engine::Sqlite, "audit_plan").await;
        let teams = ["red".to_string(), "blue".to_string()];
        let sql = audit_events::page_sql(
            Scope::Reader {
                actor: "ann",
                teams: &teams,
            }
            .filter(),
        );
        use sqlx::Row;
        let plan: Vec<String> = sqlx::query(&format!("EXPLAIN QUERY PLAN {sql}"))
            .bind(i64::MAX)
            .bind(50_i64)
            .bind("ann")
            .bind("red")
            .bind("blue")
            .fetch_all(&db.pool)
            .await
            .unwrap()
            .iter()
            .map(|r| r.try_get::<String, _>("detail").unwrap())
            .collect();
        let searches = |index: &str| plan.iter().filter(|d| d.contains(index)).count();
        assert_eq!(
            searches("INDEX audit_events_by_actor (actor=? AND id<?)"),
            1,
            "{plan:#?}"
        );
        assert_eq!(
            searches("INDEX audit_events_by_team (team=? AND id<?)"),
            2,
            "{plan:#?}"
        );
        assert!(
            !plan.iter().any(|d| d.starts_with("SCAN audit_events")),
            "no leg scans the table: {plan:#?}"
        );
        assert!(
            plan.iter()
                .any(|d| d.contains("audit_events USING INTEGER PRIMARY KEY (rowid=?)")),
            "the page's rows are read by id: {plan:#?}"
        );
        assert!(
            !plan.iter().any(|d| d.contains("TEMP B-TREE")),
            "nothing is sorted: {plan:#?}"
        );
    }
}
