//! Two `berth serve` processes on one Postgres behave as one Berth: a session made on one is
//! valid on the other, a logout on either ends it on both, the login limit counts attempts on
//! both together, and the recurring session-cleanup job — enqueued by both at start — is
//! stored once and runs once.
//!
//! Always on Postgres (the test cluster, `BERTH_TEST_POSTGRES_URL`), whatever the run's engine.

mod common;

use common::{Berth, TempDir, ADMIN_PASSWORD};
use std::time::{Duration, Instant};

/// GET `path` on `berth` with a raw `Cookie` header (a session made elsewhere).
async fn get_with_cookie(berth: &Berth, path: &str, cookie: &str) -> u16 {
    reqwest::Client::new()
        .get(format!("{}{path}", berth.url))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn two_replicas_on_one_postgres_share_sessions_login_limits_and_jobs() {
    let url = backend::testing::fresh_postgres_url("replicas").await;
    let (dir_a, dir_b) = (TempDir::new("replica-a"), TempDir::new("replica-b"));
    common::use_database(&dir_a.0, &url);
    common::use_database(&dir_b.0, &url);
    let a = Berth::start(&dir_a.0);
    let b = Berth::start(&dir_b.0);

    // A session made on A is valid on B.
    let on_a = a.admin().await;
    let cookie = on_a.cookie_header();
    assert!(cookie.contains("berth_session="), "{cookie}");
    assert_eq!(get_with_cookie(&b, "/api/v1/me", &cookie).await, 200);

    // Logging out on B ends it on A too.
    let status = reqwest::Client::new()
        .delete(format!("{}/api/v1/session", b.url))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .status();
    assert!(status.is_success(), "{status}");
    assert_eq!(get_with_cookie(&a, "/api/v1/me", &cookie).await, 401);
    assert_eq!(get_with_cookie(&b, "/api/v1/me", &cookie).await, 401);

    // The login limit (5 failures per username in 15 minutes) counts across both.
    let mut statuses = Vec::new();
    for i in 0..6 {
        let replica = if i % 2 == 0 { &a } else { &b };
        let (status, _) = replica.client().login("admin", "not-the-password").await;
        statuses.push(status);
    }
    assert_eq!(statuses, [401, 401, 401, 401, 401, 429]);
    // Even the right password waits now, on either replica.
    let (status, _) = a.client().login("admin", ADMIN_PASSWORD).await;
    assert_eq!(status, 429);

    // Both enqueued the session-cleanup job at start: one row, one run, next one in 10 min.
    let db = backend::db::Db::connect(&url).await.unwrap();
    let kind = backend::jobs::session_cleanup::KIND;
    let deadline = Instant::now() + Duration::from_secs(20);
    let job = loop {
        let job = backend::db::jobs::status_by_key(&db, kind)
            .await
            .unwrap()
            .expect("the cleanup job is stored");
        if job.payload.contains("\"runs\":1") || Instant::now() > deadline {
            break job;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(job.payload, r#"{"runs":1}"#);
    // Both workers keep polling (every second); the job is not due again, so it stays at 1.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let later = backend::db::jobs::status_by_key(&db, kind)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(later.payload, r#"{"runs":1}"#);
    assert_eq!(later.state, "queued");
    assert!(later.run_at > backend::db::now_ms() + 9 * 60 * 1000);
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE kind = $1")
        .bind(kind)
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(rows, 1);
}
