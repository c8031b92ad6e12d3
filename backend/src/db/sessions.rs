//! The session store of the configured engine: tower-sessions' SQLite or Postgres store from
//! `tower-sessions-sqlx-store`, behind one type so the server builds one `SessionManagerLayer`
//! whatever the engine. Sessions live in the database, so they survive restarts and every
//! replica on one Postgres sees the same ones (a logout on one ends the session on all).
//!
//! Expired sessions are deleted by each process's own loop ([`SessionBackend::delete_expired`]
//! every ten minutes, in `serve`), not by a durable job: the deletion is an idempotent
//! `DELETE … WHERE expiry_date < now`, so two replicas running it at once cost one extra
//! statement and a missed run only leaves rows that no request can load anyway (the stores
//! check the expiry on load).

use async_trait::async_trait;
use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::SqlitePoolOptions;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

use super::{DbError, Engine};

/// tower-sessions' store for the engine Berth runs on.
#[derive(Clone, Debug)]
pub enum SessionBackend {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

/// A SQLite pool for the session store, with the main pool's settings.
pub(crate) async fn sqlite_pool(url: &str, size: u32) -> Result<sqlx::SqlitePool, sqlx::Error> {
    SqlitePoolOptions::new()
        .max_connections(size)
        .test_before_acquire(false)
        .connect(url)
        .await
}

impl SessionBackend {
    /// Connects the store for `engine` at `url` and creates its table if missing.
    pub(crate) async fn open(engine: Engine, url: &str, size: u32) -> Result<Self, DbError> {
        let store = match engine {
            Engine::Sqlite => {
                SessionBackend::Sqlite(SqliteStore::new(sqlite_pool(url, size).await?))
            }
            Engine::Postgres => SessionBackend::Postgres(PostgresStore::new(
                PgPoolOptions::new()
                    .max_connections(size)
                    .connect(url)
                    .await?,
            )),
        };
        let migrated = match &store {
            SessionBackend::Sqlite(s) => s.migrate().await,
            SessionBackend::Postgres(s) => s.migrate().await,
        };
        migrated?;
        Ok(store)
    }
}

#[async_trait]
impl SessionStore for SessionBackend {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            SessionBackend::Sqlite(s) => s.create(record).await,
            SessionBackend::Postgres(s) => s.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            SessionBackend::Sqlite(s) => s.save(record).await,
            SessionBackend::Postgres(s) => s.save(record).await,
        }
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            SessionBackend::Sqlite(s) => s.load(id).await,
            SessionBackend::Postgres(s) => s.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            SessionBackend::Sqlite(s) => s.delete(id).await,
            SessionBackend::Postgres(s) => s.delete(id).await,
        }
    }
}

#[async_trait]
impl ExpiredDeletion for SessionBackend {
    async fn delete_expired(&self) -> session_store::Result<()> {
        match self {
            SessionBackend::Sqlite(s) => s.delete_expired().await,
            SessionBackend::Postgres(s) => s.delete_expired().await,
        }
    }
}
