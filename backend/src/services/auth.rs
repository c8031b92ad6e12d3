//! Signing in and out, API tokens, users and the admin bootstrap.

use crate::audit::{self, NewEvent};
use crate::auth::users::{self, NewUser};
use crate::auth::{password, rate_limit, tokens, Role, User};
use crate::db::Db;
use crate::{AppState, ServiceError};

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

/// Checks credentials. Unknown user and wrong password give the same error (and take the same
/// time); too many failures give `RateLimited`. The caller then rotates the session id.
#[tracing::instrument(skip_all, fields(username = %creds.username))]
pub async fn login(state: &AppState, creds: &Credentials) -> Result<User, ServiceError> {
    let db = &state.db;
    rate_limit::check(db, &creds.username, &creds.client_addr).await?;
    let found = users::find_with_hash(db, &creds.username).await?;
    let user = match found {
        Some((user, hash)) if password::verify(&hash, &creds.password) => Some(user),
        Some(_) => None,
        None => {
            password::verify_dummy(&creds.password);
            None
        }
    };
    let Some(user) = user else {
        rate_limit::record_failure(db, &creds.username, &creds.client_addr).await?;
        audit::record(
            db,
            NewEvent::failure(&creds.username, "session.login", &creds.username)
                .detail(Some("invalid credentials")),
        )
        .await?;
        return Err(ServiceError::InvalidCredentials);
    };
    rate_limit::clear(db, &user.name).await?;
    audit::record(
        db,
        NewEvent::success(&user.name, "session.login", &user.name),
    )
    .await?;
    Ok(user)
}

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

/// Resolves an `Authorization: Bearer` token.
pub async fn token_user(state: &AppState, token: &str) -> Result<User, ServiceError> {
    match tokens::user_id_for(&state.db, token).await? {
        Some(id) => session_user(state, id).await,
        None => Err(ServiceError::Unauthenticated),
    }
}

/// Creates an API token acting as `user`; returns its only plaintext copy.
pub async fn create_token(
    state: &AppState,
    user: &User,
    name: &str,
) -> Result<String, ServiceError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(ServiceError::BadRequest(
            "`name`: give the token a name of 1–100 characters".into(),
        ));
    }
    let token = tokens::create(&state.db, user.id, name).await?;
    audit::record(
        &state.db,
        NewEvent::success(&user.name, "token.create", name),
    )
    .await?;
    Ok(token)
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
