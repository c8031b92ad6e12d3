//! The recurring job that deletes expired sessions: one replica runs it every ten minutes
//! (before, every process ran its own loop). Its payload counts the runs.

use super::{Enqueue, Job, Next, Run};
use crate::db::now_ms;
use crate::db::sessions::SessionBackend;
use async_trait::async_trait;
use tower_sessions::ExpiredDeletion;

pub const KIND: &str = "sessions.delete_expired";
/// Between two runs.
pub const PERIOD_MS: i64 = 10 * 60 * 1000;

/// The job, holding the session store it cleans.
#[derive(Debug)]
pub struct SessionCleanup(pub SessionBackend);

/// The one stored job of this kind (enqueued by every replica at start, stored once).
pub fn job() -> Enqueue<'static> {
    Enqueue::now(KIND, serde_json::json!({ "runs": 0 }))
        .key(KIND)
        .max_attempts(3)
}

#[async_trait]
impl Job for SessionCleanup {
    fn kind(&self) -> &'static str {
        KIND
    }

    async fn run(&self, run: Run) -> Result<Next, String> {
        self.0.delete_expired().await.map_err(|e| e.to_string())?;
        let runs = run.payload["runs"].as_i64().unwrap_or(0) + 1;
        Ok(Next::RunAt {
            at_ms: now_ms() + PERIOD_MS,
            payload: serde_json::json!({ "runs": runs }),
        })
    }
}
