//! `/healthz`: the process answers, the database answers, and the AWS endpoint answered
//! `sts:GetCallerIdentity` within the last minute (checked in the background, so the probe
//! itself never waits on AWS).

use crate::aws::StsApi;
use crate::db::Db;
use std::sync::Arc;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How recent the last good AWS answer must be.
pub const AWS_FRESHNESS: Duration = Duration::from_secs(60);
/// How often the background task asks STS.
pub const PROBE_INTERVAL: Duration = Duration::from_secs(20);

#[derive(Default)]
pub struct Health {
    last: Mutex<Probe>,
}

#[derive(Default)]
struct Probe {
    ok_at: Option<Instant>,
    account: Option<String>,
    error: Option<String>,
}

/// What `/healthz` reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub healthy: bool,
    pub reason: Option<String>,
    pub account: Option<String>,
}

impl Health {
    /// Asks STS once and remembers the outcome.
    pub async fn probe(&self, sts: &dyn StsApi) {
        let result = sts.caller_account().await;
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        match result {
            Ok(account) => {
                last.ok_at = Some(Instant::now());
                last.account = Some(account);
                last.error = None;
            }
            Err(e) => {
                tracing::warn!(error = %e, "AWS health probe failed");
                last.error = Some(e.to_string());
            }
        }
    }

    /// Probes now and then every [`PROBE_INTERVAL`] until the task is dropped.
    pub fn spawn_prober(self: &Arc<Self>, sts: Arc<dyn StsApi>) -> tokio::task::JoinHandle<()> {
        let health = Arc::clone(self);
        tokio::spawn(async move {
            loop {
                health.probe(sts.as_ref()).await;
                tokio::time::sleep(PROBE_INTERVAL).await;
            }
        })
    }

    /// The account id of the last good probe.
    pub fn account(&self) -> Option<String> {
        self.last
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .account
            .clone()
    }

    pub async fn status(&self, db: &Db) -> Status {
        if !db.ping().await {
            return Status {
                healthy: false,
                reason: Some("the database does not answer".into()),
                account: None,
            };
        }
        let last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        let fresh = last.ok_at.is_some_and(|t| t.elapsed() <= AWS_FRESHNESS);
        Status {
            healthy: fresh,
            reason: (!fresh).then(|| match &last.error {
                Some(e) => format!("the AWS endpoint did not answer sts:GetCallerIdentity: {e}"),
                None => "no answer from sts:GetCallerIdentity within the last minute".into(),
            }),
            account: last.account.clone(),
        }
    }
}
