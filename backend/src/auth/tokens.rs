//! API tokens for CI pipelines: shown once, stored only as a SHA-256 hash, act as their creator.

use crate::db::{now_ms, Db};
use crate::ServiceError;
use sha2::{Digest, Sha256};
use sqlx::Row;

const PREFIX: &str = "berth_";

fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Creates a token for `user_id` and returns its only plaintext copy.
pub async fn create(db: &Db, user_id: i64, name: &str) -> Result<String, ServiceError> {
    use rand::RngCore;
    let mut bytes = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = format!("{PREFIX}{}", hex::encode(bytes));
    sqlx::query(
        "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(user_id)
    .bind(name)
    .bind(digest(&token))
    .bind(now_ms())
    .execute(&db.pool)
    .await?;
    Ok(token)
}

/// The user id a token belongs to, if it is one of ours.
pub async fn user_id_for(db: &Db, token: &str) -> Result<Option<i64>, ServiceError> {
    if !token.starts_with(PREFIX) {
        return Ok(None);
    }
    let hash = digest(token);
    let row = sqlx::query("SELECT user_id FROM api_tokens WHERE token_hash = $1")
        .bind(&hash)
        .fetch_optional(&db.pool)
        .await?;
    let Some(row) = row else { return Ok(None) };
    sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2")
        .bind(now_ms())
        .bind(&hash)
        .execute(&db.pool)
        .await?;
    Ok(Some(row.try_get("user_id")?))
}
