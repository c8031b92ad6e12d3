//! Durable background jobs: stored in the database, run by whichever Berth process claims
//! them, exactly one at a time, surviving restarts.
//!
//! Why a small table queue and not a crate: apalis 1.0 is the maintained Rust job queue with
//! SQLite and Postgres backends, but they need sqlx 0.9 while `tower-sessions-sqlx-store` (the
//! session store) needs sqlx 0.8, and two sqlx versions cannot both link SQLite
//! (`libsqlite3-sys`). So the queue is one table (`jobs`, statements in `db::jobs`) and the
//! loop below — a few hundred lines on the sqlx Berth already uses.
//!
//! How a job runs: a [`Worker`] claims a due job with a **lease** (its owner id and a time,
//! [`LEASE`] ahead) in one statement (Postgres: `FOR UPDATE SKIP LOCKED`, so replicas never
//! claim one job twice nor wait on each other), then runs the job's [`Job`] handler while a
//! **heartbeat** extends the lease every third of it. The handler answers [`Next::Done`] or
//! [`Next::RunAt`] (a job re-schedules itself — the rollout tracker polls this way for hours),
//! or an error, retried with exponential **backoff** ([`backoff_ms`]) until `max_attempts`. If
//! the process dies (kill -9, a crash, a lost machine) the lease runs out and any worker claims
//! the job again; a worker that lost its lease (a pause longer than the lease) finds out at
//! its next heartbeat, stops, and its late writes change nothing (every write names the lease
//! holder). A handler must therefore be safe to run again after a partial run — the same rule
//! as for any at-least-once queue.
//!
//! Which loops are jobs: expired-session deletion is one (`sessions.delete_expired`, a keyed
//! job every replica enqueues and one runs every ten minutes). The AWS health probe stays a
//! per-process loop (`services::health`): what it measures is whether *this* process reaches
//! AWS with its credentials, and every replica's `/healthz` must answer for itself.

pub mod session_cleanup;
mod worker;

pub use worker::Worker;

use crate::db::{self, now_ms, Db};
use async_trait::async_trait;
use serde_json::Value;
use std::time::Duration;

/// How long a claim lasts without a heartbeat.
pub const LEASE: Duration = Duration::from_secs(30);

/// What a job's handler says when it returns normally.
#[derive(Clone, Debug, PartialEq)]
pub enum Next {
    /// Finished.
    Done,
    /// Run again at `at_ms` (epoch ms) with this payload.
    RunAt { at_ms: i64, payload: Value },
}

/// One run of a job, as its handler sees it.
#[derive(Clone, Debug)]
pub struct Run {
    pub id: i64,
    /// 1 for the first attempt of this run.
    pub attempt: i64,
    pub payload: Value,
}

/// A kind of job.
#[async_trait]
pub trait Job: Send + Sync + 'static {
    /// The kind stored with each job (`area.what`).
    fn kind(&self) -> &'static str;
    /// Runs once; an error is retried with backoff.
    async fn run(&self, run: Run) -> Result<Next, String>;
}

/// A job to enqueue.
#[derive(Clone, Debug)]
pub struct Enqueue<'a> {
    pub kind: &'a str,
    /// An idempotency key: enqueueing a key that is stored returns the stored job.
    pub key: Option<&'a str>,
    pub payload: Value,
    pub run_at_ms: i64,
    pub max_attempts: i64,
}

impl<'a> Enqueue<'a> {
    /// A job of `kind` due now, with 5 attempts.
    pub fn now(kind: &'a str, payload: Value) -> Self {
        Enqueue {
            kind,
            key: None,
            payload,
            run_at_ms: now_ms(),
            max_attempts: 5,
        }
    }

    pub fn key(self, key: &'a str) -> Self {
        Enqueue {
            key: Some(key),
            ..self
        }
    }

    pub fn max_attempts(self, n: i64) -> Self {
        Enqueue {
            max_attempts: n,
            ..self
        }
    }
}

/// Stores a job; its id (the stored job's, for a key that exists).
pub async fn enqueue(db: &Db, job: Enqueue<'_>) -> Result<i64, sqlx::Error> {
    db::jobs::insert(
        db,
        &db::jobs::NewJob {
            kind: job.kind,
            job_key: job.key,
            payload: &job.payload.to_string(),
            run_at: job.run_at_ms,
            max_attempts: job.max_attempts,
        },
        now_ms(),
    )
    .await
}

/// Enqueues a recurring job under its key, and puts it back in the queue if a run gave up.
pub async fn ensure_recurring(db: &Db, job: Enqueue<'_>) -> Result<i64, sqlx::Error> {
    let key = job.key.expect("a recurring job has a key");
    let id = enqueue(db, job.clone()).await?;
    db::jobs::revive(db, key, job.run_at_ms, now_ms()).await?;
    Ok(id)
}

/// Milliseconds before retry `attempt` (1-based) of a failed job: 1 s, 2 s, 4 s … capped at
/// 5 minutes.
pub fn backoff_ms(attempt: i64) -> i64 {
    let exp = attempt.clamp(1, 20) - 1;
    (1000_i64 << exp).min(300_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_one_second_up_to_five_minutes() {
        let waits: Vec<i64> = (1..=10).map(backoff_ms).collect();
        assert_eq!(
            waits,
            [1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000]
        );
        assert_eq!(backoff_ms(0), 1000);
        assert_eq!(backoff_ms(i64::MAX), 300_000);
    }
}
