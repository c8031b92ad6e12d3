//! The database: one connection pool, embedded migrations, and time helpers.
//!
//! Why `sqlx::Any`: every query is written once with `$n` placeholders and portable SQL, so a
//! Postgres backend only needs its own migration files, not new queries. SQLite (a file under
//! the data directory) is the zero-setup default.
//!
//! SQLite settings, measured on the signed-in pages (three reads each: session, user, page
//! data): the file is in WAL mode, so a read takes no file lock and never waits for a
//! writer; `synchronous` stays FULL (a committed audit event survives a power cut); and a
//! connection is not pinged before each use — a local file cannot drop a connection, and
//! each ping is one more round trip to the connection's worker thread.

use sqlx::any::AnyPoolOptions;
use sqlx::AnyPool;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

/// Which database engine a URL points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
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
    #[error("unsupported database URL `{0}`: use sqlite://PATH")]
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

impl Db {
    /// Opens (creating if needed) and migrates the database at `url`.
    pub async fn connect(url: &str) -> Result<Db, DbError> {
        sqlx::any::install_default_drivers();
        let engine = if url.starts_with("sqlite:") {
            Engine::Sqlite
        } else {
            return Err(DbError::Unsupported(url.to_string()));
        };
        let url = sqlite_url(url)?;
        let pool = AnyPoolOptions::new()
            .max_connections(POOL_SIZE)
            .test_before_acquire(false)
            .connect(&url)
            .await?;
        // Persistent in the file: every later connection (the session store's too) uses it.
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode = WAL")
            .fetch_one(&pool)
            .await?;
        tracing::debug!(journal_mode = %mode, "database opened");
        SQLITE_MIGRATIONS.run(&pool).await?;
        Ok(Db {
            pool,
            engine,
            url: url.into(),
        })
    }

    /// A pool for the session store, which needs the engine's own pool type; same settings
    /// as the main pool.
    pub async fn session_pool(&self) -> Result<sqlx::SqlitePool, DbError> {
        Ok(sqlx::sqlite::SqlitePoolOptions::new()
            .max_connections(POOL_SIZE)
            .test_before_acquire(false)
            .connect(&self.url)
            .await?)
    }

    /// True when the database answers a trivial query.
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
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
        let sessions = db.session_pool().await.unwrap();
        let theirs: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&sessions)
            .await
            .unwrap();
        assert_eq!((main.as_str(), theirs.as_str()), ("wal", "wal"));
        sessions.close().await;
        db.pool.close().await;
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
