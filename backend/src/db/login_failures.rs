//! The `login_failures` table: recent failed (and in-flight) sign-ins, keyed by a hash of the
//! typed username and by client address, counted by the login throttle.

use super::Db;

/// Which key a count is over.
#[derive(Clone, Copy, Debug)]
pub enum Key {
    Username,
    ClientAddr,
}

/// How many rows match a key in the window, and when the oldest was written.
#[derive(Debug, sqlx::FromRow)]
pub struct Window {
    pub n: i64,
    pub oldest: Option<i64>,
}

/// Records an attempt; its id.
pub async fn insert(db: &Db, username: &str, addr: &str, at: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO login_failures (username, client_addr, at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(username)
    .bind(addr)
    .bind(at)
    .fetch_one(&db.pool)
    .await
}

/// The rows with this key written after `since` with an id up to `up_to` (so concurrent
/// attempts see a strict order).
pub async fn window(
    db: &Db,
    key: Key,
    value: &str,
    since: i64,
    up_to: i64,
) -> Result<Window, sqlx::Error> {
    let sql = match key {
        Key::Username => {
            "SELECT COUNT(*) AS n, MIN(at) AS oldest FROM login_failures \
             WHERE username = $1 AND at > $2 AND id <= $3"
        }
        Key::ClientAddr => {
            "SELECT COUNT(*) AS n, MIN(at) AS oldest FROM login_failures \
             WHERE client_addr = $1 AND at > $2 AND id <= $3"
        }
    };
    sqlx::query_as(sql)
        .bind(value)
        .bind(since)
        .bind(up_to)
        .fetch_one(&db.pool)
        .await
}

/// Withdraws one attempt.
pub async fn delete(db: &Db, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM login_failures WHERE id = $1")
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Forgets a username's rows, and every row older than `before`.
pub async fn clear(db: &Db, username: &str, before: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM login_failures WHERE username = $1 OR at < $2")
        .bind(username)
        .bind(before)
        .execute(&db.pool)
        .await?;
    Ok(())
}
