//! Login throttling: more than 5 failures per username in 15 minutes, or more than 100 per
//! client address, and further attempts get 429 with `Retry-After`. Kept in the database so
//! several replicas share the count; usernames are stored as a hash of what was typed.

use crate::db::login_failures::{self, Key};
use crate::db::{now_ms, Db};
use crate::ServiceError;

pub const WINDOW_MS: i64 = 15 * 60 * 1000;
pub const MAX_PER_USERNAME: i64 = 5;
pub const MAX_PER_ADDR: i64 = 100;

/// Reserves one login attempt before the password is checked: the attempt is recorded as a
/// failure up front, then counted with every earlier one (by id, so concurrent attempts see a
/// strict order). Past either limit the reservation is withdrawn and the caller gets
/// `RateLimited`; so N parallel wrong passwords for one user get at most
/// [`MAX_PER_USERNAME`] checks, however they interleave. A successful login [`clear`]s the
/// username's rows. `username_key` is a hash of the typed name, never the text.
pub async fn reserve(db: &Db, username_key: &str, addr: &str) -> Result<(), ServiceError> {
    let now = now_ms();
    let since = now - WINDOW_MS;
    let id = login_failures::insert(db, username_key, addr, now).await?;
    for (key, value, max) in [
        (Key::Username, username_key, MAX_PER_USERNAME),
        (Key::ClientAddr, addr, MAX_PER_ADDR),
    ] {
        let window = login_failures::window(db, key, value, since, id).await?;
        if window.n > max {
            login_failures::delete(db, id).await?;
            let wait_ms = window
                .oldest
                .map_or(WINDOW_MS, |o| o + WINDOW_MS - now_ms());
            return Err(ServiceError::RateLimited {
                retry_after_secs: (wait_ms.max(1000) / 1000) as u64,
            });
        }
    }
    Ok(())
}

/// A successful login forgets that username's failures (and prunes old rows).
pub async fn clear(db: &Db, username_key: &str) -> Result<(), ServiceError> {
    Ok(login_failures::clear(db, username_key, now_ms() - WINDOW_MS).await?)
}
