//! API tokens for CI pipelines: shown once, stored only as a SHA-256 hash, act as their
//! creator until they expire or are deleted.

use crate::db::{now_ms, rfc3339, Db};
use crate::ServiceError;
use sha2::{Digest, Sha256};
use sqlx::Row;
use validate::model::TokenInfo;

const PREFIX: &str = "berth_";
const DAY_MS: i64 = 86_400_000;
/// Lifetime when none is asked for, and the longest one allowed.
pub const DEFAULT_DAYS: i64 = 90;
pub const MAX_DAYS: i64 = 365;

fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Creates a token for `user_id`, valid for `days`, and returns its only plaintext copy.
pub async fn create(db: &Db, user_id: i64, name: &str, days: i64) -> Result<String, ServiceError> {
    use rand::RngCore;
    let mut bytes = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = format!("{PREFIX}{}", hex::encode(bytes));
    let now = now_ms();
    sqlx::query(
        "INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(user_id)
    .bind(name)
    .bind(digest(&token))
    .bind(now)
    .bind(now + days * DAY_MS)
    .execute(&db.pool)
    .await?;
    Ok(token)
}

/// How stale a token's `last_used_at` may get before a use writes it again: a CI pipeline
/// polling with its token would otherwise turn every read into a database write.
pub const LAST_USED_RESOLUTION_MS: i64 = 60_000;

/// `(user id, token id)` of a live token, if it is one of ours; marks it used (to the minute).
pub async fn resolve(db: &Db, token: &str) -> Result<Option<(i64, i64)>, ServiceError> {
    if !token.starts_with(PREFIX) || token.len() > 128 {
        return Ok(None);
    }
    let now = now_ms();
    let row = sqlx::query(
        "SELECT id, user_id, last_used_at FROM api_tokens WHERE token_hash = $1 AND expires_at > $2",
    )
    .bind(digest(token))
    .bind(now)
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let id: i64 = row.try_get("id")?;
    let last_used: Option<i64> = row.try_get("last_used_at")?;
    if last_used.is_none_or(|at| now - at >= LAST_USED_RESOLUTION_MS) {
        sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
            .bind(now)
            .bind(id)
            .execute(&db.pool)
            .await?;
    }
    Ok(Some((row.try_get("user_id")?, id)))
}

/// The user's tokens, newest first (expired ones included, marked by their date).
pub async fn list(db: &Db, user_id: i64) -> Result<Vec<TokenInfo>, ServiceError> {
    let rows = sqlx::query(
        "SELECT id, name, created_at, last_used_at, expires_at FROM api_tokens WHERE user_id = $1 ORDER BY id DESC",
    )
    .bind(user_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(TokenInfo {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                created_at: rfc3339(r.try_get("created_at")?),
                last_used_at: r.try_get::<Option<i64>, _>("last_used_at")?.map(rfc3339),
                expires_at: rfc3339(r.try_get("expires_at")?),
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(Into::into)
}

/// Deletes one of the user's tokens; the name it had, or `None` if the user has no such
/// token (another user's token is "no such token" too).
pub async fn delete(db: &Db, user_id: i64, id: i64) -> Result<Option<String>, ServiceError> {
    let row = sqlx::query("DELETE FROM api_tokens WHERE id = $1 AND user_id = $2 RETURNING name")
        .bind(id)
        .bind(user_id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(match row {
        Some(r) => Some(r.try_get("name")?),
        None => None,
    })
}
