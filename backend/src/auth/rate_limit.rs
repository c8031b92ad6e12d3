//! Login throttling: more than 5 failures per username in 15 minutes, or more than 100 per
//! client address, and further attempts get 429 with `Retry-After`. Kept in the database so
//! several replicas share the count.

use crate::db::{now_ms, Db};
use crate::ServiceError;
use sqlx::Row;

pub const WINDOW_MS: i64 = 15 * 60 * 1000;
pub const MAX_PER_USERNAME: i64 = 5;
pub const MAX_PER_ADDR: i64 = 100;

/// Refuses when either limit is already reached.
pub async fn check(db: &Db, username: &str, addr: &str) -> Result<(), ServiceError> {
    let since = now_ms() - WINDOW_MS;
    for (column, key, max) in [
        ("username", username, MAX_PER_USERNAME),
        ("client_addr", addr, MAX_PER_ADDR),
    ] {
        let row = sqlx::query(&format!(
            "SELECT COUNT(*) AS n, MIN(at) AS oldest FROM login_failures WHERE {column} = $1 AND at > $2"
        ))
        .bind(key)
        .bind(since)
        .fetch_one(&db.pool)
        .await?;
        let n: i64 = row.try_get("n")?;
        if n >= max {
            let oldest: Option<i64> = row.try_get("oldest")?;
            let wait_ms = oldest.map_or(WINDOW_MS, |o| o + WINDOW_MS - now_ms());
            return Err(ServiceError::RateLimited {
                retry_after_secs: (wait_ms.max(1000) / 1000) as u64,
            });
        }
    }
    Ok(())
}

pub async fn record_failure(db: &Db, username: &str, addr: &str) -> Result<(), ServiceError> {
    sqlx::query("INSERT INTO login_failures (username, client_addr, at) VALUES ($1, $2, $3)")
        .bind(username)
        .bind(addr)
        .bind(now_ms())
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// A successful login forgets that username's failures (and prunes old rows).
pub async fn clear(db: &Db, username: &str) -> Result<(), ServiceError> {
    sqlx::query("DELETE FROM login_failures WHERE username = $1 OR at < $2")
        .bind(username)
        .bind(now_ms() - WINDOW_MS)
        .execute(&db.pool)
        .await?;
    Ok(())
}
