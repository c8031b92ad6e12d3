//! Test support shared by backend's and server's tests (feature `test-util`): a fresh
//! database per test on the engine the run asks for.
//!
//! `BERTH_TEST_ENGINE` picks the engine (`sqlite`, the default, or `postgres`);
//! `BERTH_TEST_POSTGRES_URL` is an admin URL of a throwaway cluster (`scripts/pg.sh start`
//! prints it; the README test command starts one and runs the database tests once per engine).
//! A Postgres test gets a database of its own, created here; a SQLite test a file in a temp
//! directory removed on drop.

use crate::db::{Db, Engine};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

/// The engine this test run uses (`BERTH_TEST_ENGINE`).
pub fn engine() -> Engine {
    match std::env::var("BERTH_TEST_ENGINE").as_deref() {
        Ok("postgres") => Engine::Postgres,
        Ok("sqlite") | Err(_) => Engine::Sqlite,
        Ok(other) => panic!("BERTH_TEST_ENGINE={other}: use sqlite or postgres"),
    }
}

/// The admin URL of the test cluster. Panics (the test fails) when there is none: a test that
/// needs Postgres never passes without it.
pub fn postgres_admin_url() -> String {
    std::env::var("BERTH_TEST_POSTGRES_URL").unwrap_or_else(|_| {
        panic!(
            "this test needs Postgres: run it through scripts/test.sh, or start a cluster with \
             `eval \"$(bash scripts/pg.sh start $(mktemp -d))\"`"
        )
    })
}

/// A unique name for a test's database or directory.
fn unique(tag: &str) -> String {
    static N: AtomicU64 = AtomicU64::new(0);
    let tag: String = tag
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    format!(
        "berth_{tag}_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}

/// Creates an empty Postgres database on the test cluster; its URL.
pub async fn fresh_postgres_url(tag: &str) -> String {
    use sqlx::Connection;
    let admin = postgres_admin_url();
    let name = unique(tag);
    let mut conn = sqlx::PgConnection::connect(&admin)
        .await
        .expect("the test cluster accepts connections");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .expect("CREATE DATABASE");
    conn.close().await.ok();
    match admin.rfind('/') {
        Some(slash) if slash > "postgres://".len() => format!("{}/{name}", &admin[..slash]),
        _ => panic!("BERTH_TEST_POSTGRES_URL must end in /DATABASE"),
    }
}

/// [`fresh_postgres_url`] from synchronous code (process tests): runs on a thread of its own.
pub fn fresh_postgres_url_blocking(tag: &str) -> String {
    let tag = tag.to_string();
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(fresh_postgres_url(&tag))
    })
    .join()
    .unwrap()
}

/// A database URL for a new, empty database of `engine` (SQLite files go under `dir`).
pub async fn fresh_url(engine: Engine, tag: &str, dir: &std::path::Path) -> String {
    match engine {
        Engine::Sqlite => format!("sqlite://{}/berth.db", dir.display()),
        Engine::Postgres => fresh_postgres_url(tag).await,
    }
}

/// A migrated, empty database for one test; a SQLite file is removed on drop.
pub struct TestDb {
    pub db: Db,
    pub url: String,
    dir: PathBuf,
}

impl std::ops::Deref for TestDb {
    type Target = Db;
    fn deref(&self) -> &Db {
        &self.db
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A fresh database on the run's engine ([`engine`]).
pub async fn fresh_db(tag: &str) -> TestDb {
    fresh_db_on(engine(), tag).await
}

/// A fresh database on `engine`.
pub async fn fresh_db_on(engine: Engine, tag: &str) -> TestDb {
    let dir = std::env::temp_dir().join(unique(tag));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let url = fresh_url(engine, tag, &dir).await;
    let db = Db::connect(&url).await.expect("the test database opens");
    TestDb { db, url, dir }
}
