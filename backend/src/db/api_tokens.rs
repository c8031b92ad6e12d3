//! The `api_tokens` table: CI tokens, stored only as a SHA-256 hash of the secret.

use super::Db;

/// A token as its owner sees it in the list (never the hash).
#[derive(Debug, sqlx::FromRow)]
pub struct TokenRow {
    pub id: i64,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub expires_at: i64,
}

/// A live token found by its hash.
#[derive(Debug, sqlx::FromRow)]
pub struct LiveToken {
    pub id: i64,
    pub user_id: i64,
    pub last_used_at: Option<i64>,
}

/// A new token's row.
#[derive(Debug)]
pub struct NewToken<'a> {
    pub user_id: i64,
    pub name: &'a str,
    pub token_hash: &'a str,
    pub created_at: i64,
    pub expires_at: i64,
}

pub async fn insert(db: &Db, t: &NewToken<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(t.user_id)
    .bind(t.name)
    .bind(t.token_hash)
    .bind(t.created_at)
    .bind(t.expires_at)
    .fetch_one(&db.pool)
    .await
}

/// The token with this hash if it expires after `now`.
pub async fn live_by_hash(db: &Db, hash: &str, now: i64) -> Result<Option<LiveToken>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, user_id, last_used_at FROM api_tokens WHERE token_hash = $1 AND expires_at > $2",
    )
    .bind(hash)
    .bind(now)
    .fetch_optional(&db.pool)
    .await
}

/// Sets when the token was last used.
pub async fn touch(db: &Db, id: i64, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
        .bind(at)
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// The user's tokens, newest first.
pub async fn of_user(db: &Db, user_id: i64) -> Result<Vec<TokenRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, name, created_at, last_used_at, expires_at FROM api_tokens \
         WHERE user_id = $1 ORDER BY id DESC",
    )
    .bind(user_id)
    .fetch_all(&db.pool)
    .await
}

/// Deletes the user's token `id`; the name it had, if there was one.
pub async fn delete(db: &Db, user_id: i64, id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("DELETE FROM api_tokens WHERE id = $1 AND user_id = $2 RETURNING name")
        .bind(id)
        .bind(user_id)
        .fetch_optional(&db.pool)
        .await
}
