//! The `jobs` table: the durable job queue's rows and the statements that move a job through
//! `queued` → `running` (leased) → `done` / `failed` / `queued` again (retry, reschedule).
//!
//! Every statement that changes a running job names the lease holder (`lease_owner = $n AND
//! state = 'running'`), so a process whose lease ran out — and whose job another process has
//! claimed since — changes nothing: its update matches no row and it learns it lost the job.

use super::{Db, Engine};

/// A claimed job.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct JobRow {
    pub id: i64,
    pub kind: String,
    pub job_key: Option<String>,
    pub payload: String,
    pub attempts: i64,
    pub max_attempts: i64,
}

/// A job's state as stored, for status pages and tests.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct JobStatus {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    pub state: String,
    pub run_at: i64,
    pub attempts: i64,
    pub lease_owner: Option<String>,
    pub last_error: Option<String>,
}

/// A job to store.
#[derive(Debug)]
pub struct NewJob<'a> {
    pub kind: &'a str,
    pub job_key: Option<&'a str>,
    pub payload: &'a str,
    pub run_at: i64,
    pub max_attempts: i64,
}

/// Stores a job; its id. With a key that is already stored, nothing is written and the stored
/// job's id is returned.
pub async fn insert(db: &Db, job: &NewJob<'_>, now: i64) -> Result<i64, sqlx::Error> {
    let inserted: Option<i64> = sqlx::query_scalar(
        "INSERT INTO jobs (kind, job_key, payload, state, run_at, attempts, max_attempts, created_at, updated_at) \
         VALUES ($1, $2, $3, 'queued', $4, 0, $5, $6, $6) ON CONFLICT (job_key) DO NOTHING RETURNING id",
    )
    .bind(job.kind)
    .bind(job.job_key)
    .bind(job.payload)
    .bind(job.run_at)
    .bind(job.max_attempts)
    .bind(now)
    .fetch_optional(&db.pool)
    .await?;
    match inserted {
        Some(id) => Ok(id),
        None => {
            sqlx::query_scalar("SELECT id FROM jobs WHERE job_key = $1")
                .bind(job.job_key)
                .fetch_one(&db.pool)
                .await
        }
    }
}

/// Claims the next due job — queued and due, or running with a lease that ran out — for
/// `owner` until `lease_until`, counting an attempt. One statement: on Postgres the candidate
/// row is locked `FOR UPDATE SKIP LOCKED`, so replicas claiming at once take different jobs
/// and never wait for each other; SQLite runs one writer at a time, so the statement is
/// already alone.
pub async fn claim(
    db: &Db,
    owner: &str,
    now: i64,
    lease_until: i64,
    kinds: &[&str],
) -> Result<Option<JobRow>, sqlx::Error> {
    if kinds.is_empty() {
        return Ok(None);
    }
    let kind_list: Vec<String> = (0..kinds.len()).map(|i| format!("${}", i + 4)).collect();
    let lock = match db.engine {
        Engine::Postgres => " FOR UPDATE SKIP LOCKED",
        Engine::Sqlite => "",
    };
    let sql = format!(
        "UPDATE jobs SET state = 'running', lease_owner = $1, lease_until = $2, \
         attempts = attempts + 1, updated_at = $3 \
         WHERE id = (SELECT id FROM jobs \
           WHERE ((state = 'queued' AND run_at <= $3) OR (state = 'running' AND lease_until < $3)) \
           AND kind IN ({}) ORDER BY run_at, id LIMIT 1{lock}) \
         RETURNING id, kind, job_key, payload, attempts, max_attempts",
        kind_list.join(", ")
    );
    let mut q = sqlx::query_as(&sql).bind(owner).bind(lease_until).bind(now);
    for k in kinds {
        q = q.bind(*k);
    }
    q.fetch_optional(&db.pool).await
}

/// Extends `owner`'s lease; false when the job is no longer theirs.
pub async fn heartbeat(
    db: &Db,
    id: i64,
    owner: &str,
    lease_until: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE jobs SET lease_until = $1 WHERE id = $2 AND lease_owner = $3 AND state = 'running'",
    )
    .bind(lease_until)
    .bind(id)
    .bind(owner)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// How a run of a job ends.
#[derive(Clone, Copy, Debug)]
pub enum Finish<'a> {
    /// Finished for good.
    Done,
    /// Gave up: the last attempt's error.
    Failed { error: &'a str },
    /// A failed attempt, to be retried at `run_at`.
    Retry { run_at: i64, error: &'a str },
    /// Succeeded and asked to run again at `run_at` with `payload` (attempts start over).
    Reschedule { run_at: i64, payload: &'a str },
}

/// Ends `owner`'s run of the job; false when the job was no longer theirs.
pub async fn finish(
    db: &Db,
    id: i64,
    owner: &str,
    how: Finish<'_>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    const FREE: &str = "lease_owner = NULL, lease_until = NULL, updated_at = $1";
    const MINE: &str = "id = $2 AND lease_owner = $3 AND state = 'running'";
    let sql = match how {
        Finish::Done => {
            format!("UPDATE jobs SET state = 'done', last_error = NULL, {FREE} WHERE {MINE}")
        }
        Finish::Failed { .. } => {
            format!("UPDATE jobs SET state = 'failed', last_error = $4, {FREE} WHERE {MINE}")
        }
        Finish::Retry { .. } => format!(
            "UPDATE jobs SET state = 'queued', last_error = $4, run_at = $5, {FREE} WHERE {MINE}"
        ),
        Finish::Reschedule { .. } => format!(
            "UPDATE jobs SET state = 'queued', last_error = NULL, payload = $4, run_at = $5, \
             attempts = 0, {FREE} WHERE {MINE}"
        ),
    };
    let q = sqlx::query(&sql).bind(now).bind(id).bind(owner);
    let q = match how {
        Finish::Done => q,
        Finish::Failed { error } => q.bind(error),
        Finish::Retry { run_at, error } => q.bind(error).bind(run_at),
        Finish::Reschedule { run_at, payload } => q.bind(payload).bind(run_at),
    };
    Ok(q.execute(&db.pool).await?.rows_affected() == 1)
}

/// Puts a finished (done or failed) job stored under `key` back in the queue, due at `run_at`:
/// a recurring job that gave up runs again after a restart.
pub async fn revive(db: &Db, key: &str, run_at: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE jobs SET state = 'queued', attempts = 0, run_at = $1, updated_at = $2 \
         WHERE job_key = $3 AND state IN ('done', 'failed')",
    )
    .bind(run_at)
    .bind(now)
    .bind(key)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// A job by id.
pub async fn status(db: &Db, id: i64) -> Result<Option<JobStatus>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, kind, payload, state, run_at, attempts, lease_owner, last_error FROM jobs WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await
}

/// The job stored under `key`.
pub async fn status_by_key(db: &Db, key: &str) -> Result<Option<JobStatus>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, kind, payload, state, run_at, attempts, lease_owner, last_error FROM jobs WHERE job_key = $1",
    )
    .bind(key)
    .fetch_optional(&db.pool)
    .await
}
