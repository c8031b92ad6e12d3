//! The durable job queue on a real database (the run's engine, `BERTH_TEST_ENGINE`): keyed
//! enqueueing, retries with backoff, re-scheduling, reclaiming a job whose lease ran out, and
//! two workers sharing a queue without running one job twice.

use async_trait::async_trait;
use backend::db::jobs as table;
use backend::db::now_ms;
use backend::jobs::{self, Enqueue, Job, Next, Run, Worker};
use backend::testing::fresh_db;
use serde_json::json;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A job that does what its payload says: `{"fail": true}` errors, `{"again": n}` re-schedules
/// itself n more times; every run is counted by job id.
#[derive(Clone, Default)]
struct Scripted {
    runs: Arc<Mutex<HashMap<i64, u32>>>,
    running: Arc<Mutex<Vec<i64>>>,
    overlaps: Arc<Mutex<u32>>,
    pause_ms: u64,
}

#[async_trait]
impl Job for Scripted {
    fn kind(&self) -> &'static str {
        "test.scripted"
    }

    async fn run(&self, run: Run) -> Result<Next, String> {
        {
            let mut running = self.running.lock().unwrap();
            if running.contains(&run.id) {
                *self.overlaps.lock().unwrap() += 1;
            }
            running.push(run.id);
        }
        tokio::time::sleep(Duration::from_millis(self.pause_ms)).await;
        *self.runs.lock().unwrap().entry(run.id).or_default() += 1;
        self.running.lock().unwrap().retain(|id| *id != run.id);
        if run.payload["fail"] == json!(true) {
            return Err(format!("attempt {} failed as asked", run.attempt));
        }
        match run.payload["again"].as_i64() {
            Some(n) if n > 0 => Ok(Next::RunAt {
                at_ms: now_ms(),
                payload: json!({ "again": n - 1 }),
            }),
            _ => Ok(Next::Done),
        }
    }
}

#[tokio::test]
async fn a_keyed_job_is_stored_once_and_runs_once() {
    let db = fresh_db("jobs_key").await;
    let job = Scripted::default();
    let worker = Worker::new(db.db.clone()).register(job.clone());
    let first = jobs::enqueue(&db, Enqueue::now("test.scripted", json!({})).key("k1"))
        .await
        .unwrap();
    let again = jobs::enqueue(&db, Enqueue::now("test.scripted", json!({})).key("k1"))
        .await
        .unwrap();
    assert_eq!(first, again);
    assert!(worker.run_next().await.unwrap());
    assert!(!worker.run_next().await.unwrap(), "nothing else is due");
    let status = table::status(&db, first).await.unwrap().unwrap();
    assert_eq!((status.state.as_str(), status.attempts), ("done", 1));
    assert_eq!(job.runs.lock().unwrap().get(&first), Some(&1));
}

#[tokio::test]
async fn a_failed_attempt_is_retried_after_a_backoff_and_gives_up_at_max_attempts() {
    let db = fresh_db("jobs_retry").await;
    let worker = Worker::new(db.db.clone()).register(Scripted::default());
    let id = jobs::enqueue(
        &db,
        Enqueue::now("test.scripted", json!({ "fail": true })).max_attempts(2),
    )
    .await
    .unwrap();
    let before = now_ms();
    assert!(worker.run_next().await.unwrap());
    let status = table::status(&db, id).await.unwrap().unwrap();
    assert_eq!(status.state, "queued");
    assert_eq!(
        status.last_error.as_deref(),
        Some("attempt 1 failed as asked")
    );
    assert!(
        status.run_at >= before + jobs::backoff_ms(1),
        "retried after the backoff"
    );
    assert!(
        !worker.run_next().await.unwrap(),
        "not due before the backoff"
    );
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert!(worker.run_next().await.unwrap());
    let status = table::status(&db, id).await.unwrap().unwrap();
    assert_eq!((status.state.as_str(), status.attempts), ("failed", 2));
    assert_eq!(
        status.last_error.as_deref(),
        Some("attempt 2 failed as asked")
    );
}

#[tokio::test]
async fn a_job_reschedules_itself_with_a_new_payload() {
    let db = fresh_db("jobs_again").await;
    let job = Scripted::default();
    let worker = Worker::new(db.db.clone()).register(job.clone());
    let id = jobs::enqueue(&db, Enqueue::now("test.scripted", json!({ "again": 2 })))
        .await
        .unwrap();
    assert!(worker.run_next().await.unwrap());
    let status = table::status(&db, id).await.unwrap().unwrap();
    assert_eq!(status.state, "queued");
    assert_eq!(status.payload, json!({ "again": 1 }).to_string());
    assert_eq!(
        status.attempts, 0,
        "a re-scheduled run starts its attempts over"
    );
    while worker.run_next().await.unwrap() {}
    assert_eq!(table::status(&db, id).await.unwrap().unwrap().state, "done");
    assert_eq!(job.runs.lock().unwrap().get(&id), Some(&3));
}

#[tokio::test]
async fn a_job_whose_lease_ran_out_is_claimed_again_and_the_old_holder_changes_nothing() {
    let db = fresh_db("jobs_lease").await;
    let job = Scripted::default();
    let worker = Worker::new(db.db.clone()).register(job.clone());
    let id = jobs::enqueue(&db, Enqueue::now("test.scripted", json!({})))
        .await
        .unwrap();
    // A process claims it with a 200 ms lease, then dies (no heartbeat, no finish).
    let now = now_ms();
    let dead = table::claim(&db, "dead-process", now, now + 200, &["test.scripted"])
        .await
        .unwrap()
        .expect("claimed");
    assert_eq!(dead.id, id);
    assert!(
        !worker.run_next().await.unwrap(),
        "leased: nobody else takes it"
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        worker.run_next().await.unwrap(),
        "the lease ran out: claimed again"
    );
    let status = table::status(&db, id).await.unwrap().unwrap();
    assert_eq!((status.state.as_str(), status.attempts), ("done", 2));
    // The dead process's late writes match no row.
    assert!(!table::heartbeat(&db, id, "dead-process", now_ms() + 1000)
        .await
        .unwrap());
    assert!(
        !table::finish(&db, id, "dead-process", table::Finish::Done, now_ms())
            .await
            .unwrap()
    );
}

#[tokio::test]
async fn a_long_job_keeps_its_lease_by_heartbeat() {
    let db = fresh_db("jobs_beat").await;
    let job = Scripted {
        pause_ms: 900,
        ..Scripted::default()
    };
    // Lease 300 ms, the job takes 900: without the heartbeat a second worker would take it.
    let a = Worker::new(db.db.clone())
        .register(job.clone())
        .lease(Duration::from_millis(300));
    let b = Worker::new(db.db.clone())
        .register(job.clone())
        .lease(Duration::from_millis(300));
    let id = jobs::enqueue(&db, Enqueue::now("test.scripted", json!({})))
        .await
        .unwrap();
    let running = tokio::spawn(async move { a.run_next().await.unwrap() });
    tokio::time::sleep(Duration::from_millis(100)).await;
    for _ in 0..6 {
        assert!(
            !b.run_next().await.unwrap(),
            "the job stays leased while it runs"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(running.await.unwrap());
    assert_eq!(job.runs.lock().unwrap().get(&id), Some(&1));
    assert_eq!(*job.overlaps.lock().unwrap(), 0);
}

#[tokio::test]
async fn two_workers_share_a_queue_and_run_every_job_exactly_once() {
    let db = fresh_db("jobs_two").await;
    let job = Scripted {
        pause_ms: 20,
        ..Scripted::default()
    };
    let mut ids = Vec::new();
    for _ in 0..24 {
        ids.push(
            jobs::enqueue(&db, Enqueue::now("test.scripted", json!({})))
                .await
                .unwrap(),
        );
    }
    let workers: Vec<Worker> = (0..2)
        .map(|_| Worker::new(db.db.clone()).register(job.clone()))
        .collect();
    let handles: Vec<_> = workers
        .into_iter()
        .map(|w| {
            tokio::spawn(async move {
                let mut ran = 0;
                while w.run_next().await.unwrap() {
                    ran += 1;
                }
                ran
            })
        })
        .collect();
    let mut total = 0;
    for h in handles {
        total += h.await.unwrap();
    }
    assert_eq!(total, 24);
    let runs = job.runs.lock().unwrap().clone();
    assert!(ids.iter().all(|id| runs.get(id) == Some(&1)), "{runs:?}");
    assert_eq!(*job.overlaps.lock().unwrap(), 0);
}
