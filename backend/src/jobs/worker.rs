//! The loop that claims due jobs and runs them under a lease with a heartbeat (see the module
//! docs of `jobs`).

use super::{backoff_ms, Job, Next, Run, LEASE};
use crate::db::jobs::{self as table, Finish, JobRow};
use crate::db::{now_ms, Db};
use std::sync::Arc;
use std::time::Duration;
use tracing::Instrument;

/// Claims and runs jobs of the kinds registered with it.
#[derive(Clone)]
pub struct Worker {
    db: Db,
    owner: Arc<str>,
    jobs: Vec<Arc<dyn Job>>,
    lease: Duration,
    poll: Duration,
}

impl std::fmt::Debug for Worker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Worker")
            .field("owner", &self.owner)
            .field("kinds", &self.kinds())
            .finish_non_exhaustive()
    }
}

/// A worker id unique to this process and start: host, pid and a random part.
fn owner_id() -> String {
    use rand::RngCore;
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_else(|_| "host".into());
    format!(
        "{host}-{}-{:08x}",
        std::process::id(),
        rand::rngs::OsRng.next_u32()
    )
}

impl Worker {
    /// A worker with no job kinds yet, the default lease and a one-second poll.
    pub fn new(db: Db) -> Worker {
        Worker {
            db,
            owner: owner_id().into(),
            jobs: Vec::new(),
            lease: LEASE,
            poll: Duration::from_secs(1),
        }
    }

    /// Runs jobs of this kind.
    pub fn register(mut self, job: impl Job) -> Worker {
        self.jobs.push(Arc::new(job));
        self
    }

    /// Another lease length (tests use short ones).
    pub fn lease(self, lease: Duration) -> Worker {
        Worker { lease, ..self }
    }

    /// How long to wait when no job is due.
    pub fn poll(self, poll: Duration) -> Worker {
        Worker { poll, ..self }
    }

    /// This worker's id, as stored in `lease_owner`.
    pub fn owner(&self) -> &str {
        &self.owner
    }

    fn kinds(&self) -> Vec<&'static str> {
        self.jobs.iter().map(|j| j.kind()).collect()
    }

    /// Runs forever: claims due jobs one after another, waiting `poll` when none is due (or
    /// the database is unreachable).
    pub fn spawn(self) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            loop {
                match self.run_next().await {
                    Ok(true) => continue,
                    Ok(false) => {}
                    Err(e) => tracing::warn!(error = %e, "job queue unreachable"),
                }
                tokio::time::sleep(self.poll).await;
            }
        })
    }

    /// Claims one due job and runs it to the end of this attempt; false when none was due.
    pub async fn run_next(&self) -> Result<bool, sqlx::Error> {
        let now = now_ms();
        let kinds = self.kinds();
        let Some(row) =
            table::claim(&self.db, &self.owner, now, now + self.lease_ms(), &kinds).await?
        else {
            return Ok(false);
        };
        let span =
            tracing::info_span!("job", id = row.id, kind = %row.kind, attempt = row.attempts);
        self.run(row).instrument(span).await?;
        Ok(true)
    }

    fn lease_ms(&self) -> i64 {
        self.lease.as_millis() as i64
    }

    async fn run(&self, row: JobRow) -> Result<(), sqlx::Error> {
        let finish = |how| table::finish(&self.db, row.id, &self.owner, how, now_ms());
        if row.attempts > row.max_attempts {
            // Claimed again after its runs kept dying (the lease ran out each time).
            let error = format!(
                "gave up after {} attempts: the process running it stopped each time",
                row.max_attempts
            );
            tracing::warn!(%error, "job failed");
            finish(Finish::Failed { error: &error }).await?;
            return Ok(());
        }
        let Some(job) = self.jobs.iter().find(|j| j.kind() == row.kind).cloned() else {
            return Ok(()); // claim() only returns registered kinds
        };
        let payload = serde_json::from_str(&row.payload).unwrap_or(serde_json::Value::Null);
        let run = Run {
            id: row.id,
            attempt: row.attempts,
            payload,
        };
        let handler = job.run(run);
        tokio::pin!(handler);
        let mut beat = tokio::time::interval(self.lease / 3);
        beat.tick().await; // the first tick is immediate
        let result = loop {
            tokio::select! {
                result = &mut handler => break result,
                _ = beat.tick() => {
                    let held = table::heartbeat(&self.db, row.id, &self.owner, now_ms() + self.lease_ms()).await;
                    if !matches!(held, Ok(true)) {
                        // Lost (another worker claimed it after a pause) or unreachable:
                        // stop; the lease holder finishes it.
                        tracing::warn!(?held, "lost the job's lease; abandoning this run");
                        return Ok(());
                    }
                }
            }
        };
        let kept = match result {
            Ok(Next::Done) => finish(Finish::Done).await?,
            Ok(Next::RunAt { at_ms, payload }) => {
                finish(Finish::Reschedule {
                    run_at: at_ms,
                    payload: &payload.to_string(),
                })
                .await?
            }
            Err(error) if row.attempts >= row.max_attempts => {
                tracing::warn!(%error, "job failed for good");
                finish(Finish::Failed { error: &error }).await?
            }
            Err(error) => {
                let run_at = now_ms() + backoff_ms(row.attempts);
                tracing::info!(%error, retry_in_ms = run_at - now_ms(), "job attempt failed");
                finish(Finish::Retry {
                    run_at,
                    error: &error,
                })
                .await?
            }
        };
        if !kept {
            tracing::warn!("the job's lease ran out before it finished; another run owns it");
        }
        Ok(())
    }
}
