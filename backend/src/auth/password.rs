//! Password hashing with argon2id (the argon2 crate's recommended defaults).
//!
//! Hashing is deliberately slow (tens of milliseconds of CPU), so requests never hash on
//! the async runtime's threads: [`verify_async`] and [`hash_async`] run on the blocking pool
//! behind a small semaphore, and a flood of logins queues there instead of delaying every
//! other request.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use std::sync::OnceLock;

/// How many hashes run at once (the machine's cores, at most 4); the rest wait their turn.
fn permits() -> &'static tokio::sync::Semaphore {
    static PERMITS: OnceLock<tokio::sync::Semaphore> = OnceLock::new();
    PERMITS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        tokio::sync::Semaphore::new(cores.clamp(1, 4))
    })
}

/// Runs `work` on the blocking pool once a hashing permit is free.
async fn off_runtime<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, crate::ServiceError> {
    let _permit = permits()
        .acquire()
        .await
        .map_err(crate::ServiceError::internal)?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(crate::ServiceError::internal)
}

/// [`verify`] (or [`verify_dummy`] when there is no stored hash) off the async runtime.
pub async fn verify_async(
    stored: Option<String>,
    password: String,
) -> Result<bool, crate::ServiceError> {
    off_runtime(move || match stored {
        Some(stored) => verify(&stored, &password),
        None => {
            verify_dummy(&password);
            false
        }
    })
    .await
}

/// [`hash`] off the async runtime.
pub async fn hash_async(password: String) -> Result<String, crate::ServiceError> {
    off_runtime(move || hash(&password)).await?
}

/// Hashes a password into a PHC string.
pub fn hash(password: &str) -> Result<String, crate::ServiceError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(crate::ServiceError::internal)
}

/// Checks a password against a stored PHC string; false on any mismatch or bad hash.
pub fn verify(stored: &str, password: &str) -> bool {
    PasswordHash::new(stored)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Spends the same time as a real verification, for unknown users (no timing oracle).
pub fn verify_dummy(password: &str) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let stored = DUMMY.get_or_init(|| hash("berth-dummy-password").unwrap_or_default());
    let _ = verify(stored, password);
}

/// A random password for the bootstrap admin: 20 characters, no look-alikes.
pub fn generate() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::thread_rng();
    (0..20)
        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn hashes_verify_only_the_right_password() {
        let h = super::hash("correct horse").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(super::verify(&h, "correct horse"));
        assert!(!super::verify(&h, "wrong horse"));
        assert!(!super::verify("not a hash", "correct horse"));
        assert_eq!(super::generate().len(), 20);
        assert_ne!(super::generate(), super::generate());
    }
}
