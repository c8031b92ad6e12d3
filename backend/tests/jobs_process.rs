//! The job queue across real processes on one database (the run's engine): a process killed
//! with SIGKILL while it holds a job loses it when its lease runs out and another process
//! finishes it, and processes sharing a queue never run one job at the same time.
//!
//! The worker processes are this test binary started again with `BERTH_JOBS_CHILD_URL` set:
//! the test then runs a worker instead of the checks (so the workers are the real `Worker`,
//! nothing mocked). Each writes `start|end <job> <pid> <ms>` lines to a shared log.

use async_trait::async_trait;
use backend::db::{jobs as table, now_ms, Db};
use backend::jobs::{self, Enqueue, Job, Next, Run, Worker};
use serde_json::json;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CHILD_URL: &str = "BERTH_JOBS_CHILD_URL";
const CHILD_LOG: &str = "BERTH_JOBS_CHILD_LOG";
const TEST_NAME: &str =
    "a_killed_processs_job_is_finished_by_another_and_no_job_runs_twice_at_once";
const LEASE: Duration = Duration::from_millis(1000);

/// Sleeps `payload.ms`, logging its start and end.
struct Slow(PathBuf);

fn log(path: &Path, what: &str, id: i64) {
    let line = format!("{what} {id} {} {}\n", std::process::id(), now_ms());
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .unwrap();
    f.write_all(line.as_bytes()).unwrap(); // one write: lines never interleave
}

#[async_trait]
impl Job for Slow {
    fn kind(&self) -> &'static str {
        "test.slow"
    }

    async fn run(&self, run: Run) -> Result<Next, String> {
        log(&self.0, "start", run.id);
        let ms = run.payload["ms"].as_u64().unwrap_or(100);
        tokio::time::sleep(Duration::from_millis(ms)).await;
        log(&self.0, "end", run.id);
        Ok(Next::Done)
    }
}

/// A worker process's life: run jobs until killed, or until the test process is gone.
fn child(url: String) {
    let log_path = PathBuf::from(std::env::var(CHILD_LOG).unwrap());
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async move {
        let parent = std::os::unix::process::parent_id();
        let db = Db::connect(&url).await.unwrap();
        let worker = Worker::new(db)
            .register(Slow(log_path))
            .lease(LEASE)
            .poll(Duration::from_millis(50));
        let _jobs = worker.spawn();
        while std::os::unix::process::parent_id() == parent {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    });
}

fn spawn_worker(url: &str, log: &Path) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args(["--exact", TEST_NAME, "--nocapture", "--test-threads=1"])
        .env(CHILD_URL, url)
        .env(CHILD_LOG, log)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// The log's lines as (what, job, pid, ms).
fn read_log(path: &Path) -> Vec<(String, i64, u32, i64)> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split(' ').collect();
            (
                f[0].to_string(),
                f[1].parse().unwrap(),
                f[2].parse().unwrap(),
                f[3].parse().unwrap(),
            )
        })
        .collect()
}

fn wait_for(what: &str, limit: Duration, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Kills the children on every way out of the test.
struct Children(Vec<Child>);

impl Drop for Children {
    fn drop(&mut self) {
        for c in &mut self.0 {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

#[test]
fn a_killed_processs_job_is_finished_by_another_and_no_job_runs_twice_at_once() {
    if let Ok(url) = std::env::var(CHILD_URL) {
        return child(url);
    }
    let rt = tokio::runtime::Runtime::new().unwrap();
    let db = rt.block_on(backend::testing::fresh_db("jobs_kill"));
    let log_path = std::env::temp_dir().join(format!("berth-jobs-log-{}", std::process::id()));
    let _ = std::fs::remove_file(&log_path);
    let mut children = Children(Vec::new());

    // One process takes the long job, and is killed with SIGKILL mid-run.
    let long = rt
        .block_on(jobs::enqueue(
            &db,
            Enqueue::now("test.slow", json!({ "ms": 2000 })),
        ))
        .unwrap();
    children.0.push(spawn_worker(&db.url, &log_path));
    wait_for(
        "the first worker to start the long job",
        Duration::from_secs(30),
        || {
            read_log(&log_path)
                .iter()
                .any(|l| l.0 == "start" && l.1 == long)
        },
    );
    let victim = children.0[0].id();
    children.0[0].kill().unwrap(); // SIGKILL: no cleanup, the lease is simply left to run out
    children.0[0].wait().unwrap();
    let killed_at = now_ms();

    // More jobs, and two fresh processes sharing the queue.
    let mut short = Vec::new();
    for _ in 0..8 {
        short.push(
            rt.block_on(jobs::enqueue(
                &db,
                Enqueue::now("test.slow", json!({ "ms": 150 })),
            ))
            .unwrap(),
        );
    }
    children.0.push(spawn_worker(&db.url, &log_path));
    children.0.push(spawn_worker(&db.url, &log_path));
    let all: Vec<i64> = std::iter::once(long).chain(short.iter().copied()).collect();
    wait_for("every job to be done", Duration::from_secs(60), || {
        all.iter().all(|id| {
            rt.block_on(table::status(&db, *id))
                .unwrap()
                .is_some_and(|s| s.state == "done")
        })
    });

    let lines = read_log(&log_path);
    // The long job: started by the killed process, then again (after the lease ran out) and
    // finished by another one; two attempts counted.
    let long_lines: Vec<_> = lines.iter().filter(|l| l.1 == long).collect();
    assert_eq!(long_lines[0].0, "start");
    assert_eq!(long_lines[0].2, victim);
    let rerun: Vec<_> = long_lines.iter().filter(|l| l.2 != victim).collect();
    assert_eq!(rerun.len(), 2, "{long_lines:?}");
    assert_eq!((rerun[0].0.as_str(), rerun[1].0.as_str()), ("start", "end"));
    assert!(rerun[0].3 >= killed_at, "re-run only after the holder died");
    let status = rt.block_on(table::status(&db, long)).unwrap().unwrap();
    assert_eq!(status.attempts, 2);
    // Every job ended exactly once, and no job had two runs at the same time.
    let survivors: Vec<u32> = children.0[1..].iter().map(|c| c.id()).collect();
    for id in &all {
        let mine: Vec<_> = lines.iter().filter(|l| l.1 == *id).collect();
        assert_eq!(mine.iter().filter(|l| l.0 == "end").count(), 1, "{mine:?}");
        let mut open = 0;
        for l in &mine {
            open += if l.0 == "start" { 1 } else { -1 };
            // The killed run never ends: count it closed at the kill.
            if l.2 == victim {
                open -= 1;
            }
            assert!(open <= 1, "job {id} ran twice at once: {mine:?}");
        }
    }
    let busy: std::collections::BTreeSet<u32> =
        lines.iter().filter(|l| l.0 == "end").map(|l| l.2).collect();
    assert!(
        busy.iter().all(|pid| survivors.contains(pid)),
        "only the live processes finished jobs: {busy:?}"
    );
    let _ = std::fs::remove_file(&log_path);
}
