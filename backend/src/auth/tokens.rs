//! API tokens for CI pipelines: shown once, stored only as a SHA-256 hash, act as their
//! creator until they expire or are deleted.

use crate::db::{api_tokens, now_ms, rfc3339, Db};
use crate::ServiceError;
use sha2::{Digest, Sha256};
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
    api_tokens::insert(
        db,
        &api_tokens::NewToken {
            user_id,
            name,
            token_hash: &digest(&token),
            created_at: now,
            expires_at: now + days * DAY_MS,
        },
    )
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
    let Some(live) = api_tokens::live_by_hash(db, &digest(token), now).await? else {
        return Ok(None);
    };
    if live
        .last_used_at
        .is_none_or(|at| now - at >= LAST_USED_RESOLUTION_MS)
    {
        api_tokens::touch(db, live.id, now).await?;
    }
    Ok(Some((live.user_id, live.id)))
}

/// The user's tokens, newest first (expired ones included, marked by their date).
pub async fn list(db: &Db, user_id: i64) -> Result<Vec<TokenInfo>, ServiceError> {
    Ok(api_tokens::of_user(db, user_id)
        .await?
        .into_iter()
        .map(|r| TokenInfo {
            id: r.id,
            name: r.name,
            created_at: rfc3339(r.created_at),
            last_used_at: r.last_used_at.map(rfc3339),
            expires_at: rfc3339(r.expires_at),
        })
        .collect())
}

/// Deletes one of the user's tokens; the name it had, or `None` if the user has no such
/// token (another user's token is "no such token" too).
pub async fn delete(db: &Db, user_id: i64, id: i64) -> Result<Option<String>, ServiceError> {
    Ok(api_tokens::delete(db, user_id, id).await?)
}
