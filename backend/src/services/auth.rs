//! Signing in and out, API tokens, users and the admin bootstrap.

use crate::audit::{self, NewEvent};
use crate::auth::users::{self, NewUser};
use crate::auth::{password, rate_limit, tokens, Role, User};
use crate::db::Db;
use crate::{AppState, ServiceError};
use validate::model::TokenInfo;

/// A login attempt. `Debug` never shows the password.
pub struct Credentials {
    pub username: String,
    pub password: String,
    /// The client's address, for the per-address rate limit.
    pub client_addr: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("username", &self.username)
            .field("client_addr", &self.client_addr)
            .finish_non_exhaustive()
    }
}

/// The longest username or password Berth looks at; longer ones are refused before any
/// hashing or storage.
pub const MAX_CREDENTIAL_BYTES: usize = 128;

/// What the audit log and the throttle table hold for a typed username: a hash, never the
/// text (people type passwords into the username field).
pub fn username_key(typed: &str) -> String {
    use sha2::{Digest, Sha256};
    format!(
        "sha256:{}",
        &hex::encode(Sha256::digest(typed.as_bytes()))[..32]
    )
}

/// Checks credentials. Unknown user and wrong password give the same error (and take the same
/// time); too many failures give `RateLimited`. The caller then rotates the session id.
#[tracing::instrument(skip_all)]
pub async fn login(state: &AppState, creds: &Credentials) -> Result<User, ServiceError> {
    let db = &state.db;
    if creds.username.len() > MAX_CREDENTIAL_BYTES || creds.password.len() > MAX_CREDENTIAL_BYTES {
        return Err(ServiceError::BadRequest(format!(
            "`username` and `password` are at most {MAX_CREDENTIAL_BYTES} bytes each"
        )));
    }
    let key = username_key(&creds.username);
    if let Err(e) = rate_limit::reserve(db, &key, &creds.client_addr).await {
        if matches!(e, ServiceError::RateLimited { .. }) {
            audit::record(
                db,
                NewEvent::failure(ANONYMOUS, "session.login", &key).detail(Some("rate limited")),
            )
            .await?;
        }
        return Err(e);
    }
    let found = users::find_with_hash(db, &creds.username).await?;
    let (user, stored) = match found {
        Some((user, hash)) => (Some(user), Some(hash)),
        None => (None, None),
    };
    let verified = password::verify_async(stored, creds.password.clone()).await?;
    let Some(user) = user.filter(|_| verified) else {
        audit::record(
            db,
            NewEvent::failure(ANONYMOUS, "session.login", &key).detail(Some("invalid credentials")),
        )
        .await?;
        return Err(ServiceError::InvalidCredentials);
    };
    rate_limit::clear(db, &key).await?;
    audit::record(
        db,
        NewEvent::success(&user.name, "session.login", &user.name),
    )
    .await?;
    Ok(user)
}

/// The actor of events nobody could be identified for (failed logins).
pub const ANONYMOUS: &str = "anonymous";

/// Records a logout (the door deletes the session).
pub async fn logout(state: &AppState, user: &User) -> Result<(), ServiceError> {
    audit::record(
        &state.db,
        NewEvent::success(&user.name, "session.logout", &user.name),
    )
    .await
}

/// Resolves a session's user id (a deleted user ends the session).
pub async fn session_user(state: &AppState, user_id: i64) -> Result<User, ServiceError> {
    users::find_by_id(&state.db, user_id)
        .await?
        .ok_or(ServiceError::Unauthenticated)
}

/// Resolves a live API token (`berth_…`) to the user it acts as.
pub async fn token_user(state: &AppState, token: &str) -> Result<User, ServiceError> {
    match tokens::resolve(&state.db, token).await? {
        Some((user_id, token_id)) => Ok(User {
            token_id: Some(token_id),
            ..session_user(state, user_id).await?
        }),
        None => Err(ServiceError::Unauthenticated),
    }
}

/// Who is calling, for both doors: with an `Authorization` header, only a valid
/// `Bearer <token>` counts — any other header value is `Unauthenticated` and never falls back
/// to the session cookie; without one, the session's user.
pub async fn resolve(
    state: &AppState,
    authorization: Option<&str>,
    session_user_id: Option<i64>,
) -> Result<User, ServiceError> {
    match authorization {
        Some(value) => match value.strip_prefix("Bearer ") {
            Some(token) => token_user(state, token.trim()).await,
            None => Err(ServiceError::Unauthenticated),
        },
        None => match session_user_id {
            Some(id) => session_user(state, id).await,
            None => Err(ServiceError::Unauthenticated),
        },
    }
}

/// Creates an API token acting as `user`, valid for `expires_in_days` (default 90, at most
/// 365); returns its only plaintext copy. A token cannot create tokens: a leaked one must not
/// be able to outlive its own deletion.
pub async fn create_token(
    state: &AppState,
    user: &User,
    name: &str,
    expires_in_days: Option<i64>,
) -> Result<String, ServiceError> {
    if user.token_id.is_some() {
        return Err(ServiceError::Forbidden(
            "an API token cannot create tokens: sign in (session) to create one".into(),
        ));
    }
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err(ServiceError::BadRequest(
            "`name`: give the token a name of 1–100 characters".into(),
        ));
    }
    let days = expires_in_days.unwrap_or(tokens::DEFAULT_DAYS);
    if !(1..=tokens::MAX_DAYS).contains(&days) {
        return Err(ServiceError::BadRequest(format!(
            "`expiresInDays` must be between 1 and {}",
            tokens::MAX_DAYS
        )));
    }
    let token = tokens::create(&state.db, user.id, name, days).await?;
    audit::record(
        &state.db,
        NewEvent::success(&user.name, "token.create", name),
    )
    .await?;
    Ok(token)
}

/// The caller's tokens (never their secrets).
pub async fn list_tokens(state: &AppState, user: &User) -> Result<Vec<TokenInfo>, ServiceError> {
    tokens::list(&state.db, user.id).await
}

/// Deletes one of the caller's tokens; it stops working at once.
pub async fn delete_token(state: &AppState, user: &User, id: i64) -> Result<(), ServiceError> {
    match tokens::delete(&state.db, user.id, id).await? {
        Some(name) => {
            audit::record(
                &state.db,
                NewEvent::success(&user.name, "token.delete", &name),
            )
            .await
        }
        None => Err(ServiceError::NotFound(format!(
            "you have no token with id {id}"
        ))),
    }
}

/// Creates a user from the command line (`berth users add`), audited as `cli`.
pub async fn add_user(db: &Db, new: &NewUser) -> Result<User, ServiceError> {
    let user = users::create(db, new).await?;
    audit::record(db, NewEvent::success("cli", "user.create", &user.name)).await?;
    Ok(user)
}

/// When no admin exists, creates `admin` with `password` (or a random one, returned so the
/// caller can print it once). `None` when an admin already exists.
pub async fn bootstrap_admin(
    db: &Db,
    password: Option<String>,
    teams: Vec<String>,
) -> Result<Option<String>, ServiceError> {
    if users::has_admin(db).await? {
        return Ok(None);
    }
    let password = password.unwrap_or_else(password::generate);
    let new = NewUser {
        name: "admin".into(),
        roles: vec![Role::Admin],
        teams,
        password: password.clone(),
    };
    let user = users::create(db, &new).await?;
    audit::record(
        db,
        NewEvent::success("berth", "user.bootstrap_admin", &user.name),
    )
    .await?;
    Ok(Some(password))
}

/// Who is calling one HTTP request, resolved at most once per request through its
/// [`RequestCaller`](crate::auth::RequestCaller) (`None`: a fresh one). The session is read
/// (by `session_user_id`) only when there is no `Authorization` header at all.
pub async fn resolve_request<S, Fut>(
    state: &AppState,
    memo: Option<crate::auth::RequestCaller>,
    authorization: Option<&str>,
    session_user_id: S,
) -> Result<User, ServiceError>
where
    S: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<Option<i64>, ServiceError>>,
{
    memo.unwrap_or_default()
        .get_or_resolve(|| async {
            let session_user = match authorization {
                Some(_) => None,
                None => session_user_id().await?,
            };
            resolve(state, authorization, session_user).await
        })
        .await
}
