//! The database: one connection pool over SQLite or Postgres, embedded migrations per engine,
//! and time helpers. Every SQL statement Berth runs lives in this module's children, one per
//! table (`users`, `api_tokens`, `audit_events`, …), each with typed rows (`FromRow`); the
//! services, auth and audit code above call those functions and contain no SQL.
//!
//! Why `sqlx::Any` and not an engine enum of typed pools: Berth's tables hold only BIGINT
//! (ids, epoch-millisecond times) and TEXT (names, hashes, JSON documents as text), the two
//! types `Any` maps identically on both engines, so each query is written once with `$n`
//! placeholders and portable SQL (`RETURNING`, `ON CONFLICT … DO NOTHING`, `UNION ALL`) and
//! decodes into the same row structs. Where the engines differ (SQLite's `PRAGMA`s, Postgres'
//! `FOR UPDATE SKIP LOCKED` for the job queue) the `db` function branches on [`Db::engine`]. Two
//! things need the engine's own pool type and get it here: the session store
//! ([`sessions::SessionBackend`]) and nothing else. An engine enum would have doubled every
//! query for no type the schema uses.
//!
//! SQLite settings, measured on the signed-in pages (three reads each: session, user, page
//! data): the file is in WAL mode, so a read takes no file lock and never waits for a
//! writer; `synchronous` stays FULL (a committed audit event survives a power cut); and a
//! connection is not pinged before each use — a local file cannot drop a connection, and
//! each ping is one more round trip to the connection's worker thread. Postgres connections
//! are pinged (a server can restart under Berth).

pub mod api_tokens;
pub mod audit_events;
pub mod jobs;
pub mod login_failures;
pub mod sessions;
pub mod team_members;
pub mod teams;
pub mod user_roles;
pub mod users;

use sqlx::any::AnyPoolOptions;
use sqlx::AnyPool;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

/// Which database engine a URL points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    /// The engine of `url` (`sqlite:` or `postgres://` / `postgresql://`).
    pub fn of_url(url: &str) -> Option<Engine> {
        if url.starts_with("sqlite:") {
            Some(Engine::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Engine::Postgres)
        } else {
            None
        }
    }
}

/// Berth's database handle (cheap to clone).
#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    pub engine: Engine,
    /// Shared, not copied: the state holding it is cloned several times per request.
    url: std::sync::Arc<str>,
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("unsupported database URL `{0}`: use sqlite://PATH or postgres://USER@HOST:PORT/DB")]
    Unsupported(String),
    #[error("cannot create the data directory {path}: {source}")]
    DataDir {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot open the database: {0}")]
    Connect(#[from] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// Connections per pool (the main pool and the session store's each have this many).
const POOL_SIZE: u32 = 8;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Db {
    /// Opens (creating if needed) and migrates the database at `url`. Replicas sharing one
    /// Postgres may start together: sqlx's migrator takes an advisory lock, so one migrates
    /// and the others wait for it.
    pub async fn connect(url: &str) -> Result<Db, DbError> {
        sqlx::any::install_default_drivers();
        let engine = Engine::of_url(url).ok_or_else(|| DbError::Unsupported(redact(url)))?;
        let url = match engine {
            Engine::Sqlite => sqlite_url(url)?,
            Engine::Postgres => url.to_string(),
        };
        let pool = AnyPoolOptions::new()
            .max_connections(POOL_SIZE)
            .test_before_acquire(engine == Engine::Postgres)
            .connect(&url)
            .await?;
        match engine {
            Engine::Sqlite => {
                // Persistent in the file: every later connection (the session store's too)
                // uses it.
                let mode: String = sqlx::query_scalar("PRAGMA journal_mode = WAL")
                    .fetch_one(&pool)
                    .await?;
                tracing::debug!(journal_mode = %mode, "database opened");
                SQLITE_MIGRATIONS.run(&pool).await?;
            }
            Engine::Postgres => POSTGRES_MIGRATIONS.run(&pool).await?,
        }
        Ok(Db {
            pool,
            engine,
            url: url.into(),
        })
    }

    /// The session store of this engine, on a pool of its own with the main pool's settings
    /// (the store needs the engine's own pool type), its table created if missing.
    pub async fn session_store(&self) -> Result<sessions::SessionBackend, DbError> {
        sessions::SessionBackend::open(self.engine, &self.url, POOL_SIZE).await
    }

    /// True when the database answers a trivial query.
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }

    /// Starts a transaction on the main pool.
    pub async fn begin(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
        self.pool.begin().await
    }
}

/// `url` without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{}{user}:***{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_string(),
    }
}

/// Adds `mode=rwc` (create if missing) and creates the parent directory of a file URL.
fn sqlite_url(url: &str) -> Result<String, DbError> {
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let file = path.split('?').next().unwrap_or_default();
    if !file.is_empty() && file != ":memory:" {
        if let Some(parent) = Path::new(file)
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
        {
            std::fs::create_dir_all(parent).map_err(|source| DbError::DataDir {
                path: parent.display().to_string(),
                source,
            })?;
        }
    }
    Ok(if url.contains("mode=") {
        url.to_string()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    })
}

/// Now, as Unix epoch milliseconds.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// Formats epoch milliseconds as RFC 3339 (UTC).
pub fn rfc3339(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(ms as i128 * 1_000_000)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_database_file_is_opened_in_wal_mode_for_every_pool() {
        let dir = std::env::temp_dir().join(format!("berth-db-test-{}", std::process::id()));
        let url = format!("sqlite://{}/berth.db", dir.display());
        let db = Db::connect(&url).await.unwrap();
        let main: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&db.pool)
            .await
            .unwrap();
        let store = db.session_store().await.unwrap();
        assert!(matches!(store, sessions::SessionBackend::Sqlite(_)));
        let pool = sessions::sqlite_pool(&db.url, 1).await.unwrap();
        let theirs: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!((main.as_str(), theirs.as_str()), ("wal", "wal"));
        drop(store);
        pool.close().await;
        db.pool.close().await;
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn urls_name_their_engine_and_messages_never_show_a_password() {
        assert_eq!(Engine::of_url("sqlite://x.db"), Some(Engine::Sqlite));
        assert_eq!(Engine::of_url("postgres://u@h/d"), Some(Engine::Postgres));
        assert_eq!(Engine::of_url("postgresql://u@h/d"), Some(Engine::Postgres));
        assert_eq!(Engine::of_url("mysql://u@h/d"), None);
        assert_eq!(
            redact("mysql://berth:s3cret@db:3306/x"),
            "mysql://berth:***@db:3306/x"
        );
        assert_eq!(redact("foo:bar"), "foo:bar");
    }
}
