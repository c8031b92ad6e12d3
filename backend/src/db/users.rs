//! The `users` table: accounts, their password hashes, and the one join that loads a user
//! with roles and teams for every signed-in request.

use super::{now_ms, Db};
use sqlx::AnyConnection;

/// A user's id and password hash, for sign-in.
#[derive(Debug, sqlx::FromRow)]
pub struct Credentials {
    pub id: i64,
    pub password_hash: String,
}

/// One row of [`grants`]: the user's name with one of their roles and one of their teams
/// (either may be missing).
#[derive(Debug, sqlx::FromRow)]
pub struct GrantRow {
    pub name: String,
    pub role: Option<String>,
    pub team: Option<String>,
}

/// The id of the user called `name`.
pub async fn id_by_name(conn: &mut AnyConnection, name: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM users WHERE name = $1")
        .bind(name)
        .fetch_optional(conn)
        .await
}

/// Inserts a user; their id.
pub async fn insert(
    conn: &mut AnyConnection,
    name: &str,
    password_hash: &str,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO users (name, password_hash, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(name)
    .bind(password_hash)
    .bind(now_ms())
    .fetch_one(conn)
    .await
}

/// The user with this id, a row per role × team, in one query: it runs on every signed-in
/// request, and three queries cost three round trips through sqlx's SQLite worker thread
/// (measured 2026-12-02: the thread hand-offs were a quarter of a list page's server time).
/// No rows: no such user.
pub async fn grants(db: &Db, id: i64) -> Result<Vec<GrantRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT u.name AS name, r.role AS role, t.name AS team FROM users u \
         LEFT JOIN user_roles r ON r.user_id = u.id \
         LEFT JOIN team_members m ON m.user_id = u.id \
         LEFT JOIN teams t ON t.id = m.team_id \
         WHERE u.id = $1",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await
}

/// The id and password hash of the user called `name`.
pub async fn credentials(db: &Db, name: &str) -> Result<Option<Credentials>, sqlx::Error> {
    sqlx::query_as("SELECT id, password_hash FROM users WHERE name = $1")
        .bind(name)
        .fetch_optional(&db.pool)
        .await
}
