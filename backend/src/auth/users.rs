//! Users, their roles and teams.

use super::{password, Role, User};
use crate::db::{now_ms, Db};
use crate::ServiceError;
use sqlx::Row;

/// Input for creating a user.
#[derive(Clone)]
pub struct NewUser {
    pub name: String,
    pub roles: Vec<Role>,
    pub teams: Vec<String>,
    pub password: String,
}

impl std::fmt::Debug for NewUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewUser")
            .field("name", &self.name)
            .field("roles", &self.roles)
            .field("teams", &self.teams)
            .finish_non_exhaustive()
    }
}

/// User names: 1–64 of letters, digits, `.`, `_`, `-`, `@`.
pub fn check_name(name: &str) -> Result<(), ServiceError> {
    let ok = (1..=64).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-@".contains(c));
    if ok {
        Ok(())
    } else {
        Err(ServiceError::BadRequest(format!(
            "user name `{name}`: use 1–64 letters, digits, `.`, `_`, `-` or `@`"
        )))
    }
}

/// Creates a user (and any missing teams). `AlreadyExists` if the name is taken.
pub async fn create(db: &Db, new: &NewUser) -> Result<User, ServiceError> {
    check_name(&new.name)?;
    for team in &new.teams {
        super::ownership::check_team_name(team)?;
    }
    if new.roles.is_empty() {
        return Err(ServiceError::BadRequest(
            "give the user at least one role".into(),
        ));
    }
    if new.password.chars().count() < 8 {
        return Err(ServiceError::BadRequest(
            "passwords need at least 8 characters".into(),
        ));
    }
    let hash = password::hash_async(new.password.clone()).await?;
    let mut tx = db.pool.begin().await?;
    let exists = sqlx::query("SELECT id FROM users WHERE name = $1")
        .bind(&new.name)
        .fetch_optional(&mut *tx)
        .await?;
    if exists.is_some() {
        return Err(ServiceError::AlreadyExists(format!(
            "user `{}` already exists",
            new.name
        )));
    }
    let id: i64 = sqlx::query(
        "INSERT INTO users (name, password_hash, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(&new.name)
    .bind(&hash)
    .bind(now_ms())
    .fetch_one(&mut *tx)
    .await?
    .try_get("id")?;
    for role in &new.roles {
        sqlx::query("INSERT INTO user_roles (user_id, role) VALUES ($1, $2)")
            .bind(id)
            .bind(role.as_str())
            .execute(&mut *tx)
            .await?;
    }
    for team in &new.teams {
        sqlx::query(
            "INSERT INTO teams (name, created_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
        )
        .bind(team)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO team_members (user_id, team_id) SELECT $1, id FROM teams WHERE name = $2",
        )
        .bind(id)
        .bind(team)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    find_by_id(db, id)
        .await?
        .ok_or_else(|| ServiceError::internal("user vanished after insert"))
}

/// The user with this id, with roles and teams — in one query (a row per role × team), as
/// it runs on every signed-in request: three queries cost three round trips through sqlx's
/// SQLite worker thread (measured 2026-12-02: the thread hand-offs were a quarter of a list
/// page's server time).
pub async fn find_by_id(db: &Db, id: i64) -> Result<Option<User>, ServiceError> {
    let rows = sqlx::query(
        "SELECT u.name AS name, r.role AS role, t.name AS team FROM users u \
         LEFT JOIN user_roles r ON r.user_id = u.id \
         LEFT JOIN team_members m ON m.user_id = u.id \
         LEFT JOIN teams t ON t.id = m.team_id \
         WHERE u.id = $1",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let name: String = first.try_get("name")?;
    let mut roles = std::collections::BTreeSet::new();
    let mut teams = std::collections::BTreeSet::new();
    for row in &rows {
        if let Some(role) = row.try_get::<Option<String>, _>("role")? {
            roles.insert(role);
        }
        if let Some(team) = row.try_get::<Option<String>, _>("team")? {
            // A team stored before the grammar was tightened grants nothing (see `invalid_teams`).
            if super::ownership::is_team_name(&team) {
                teams.insert(team);
            }
        }
    }
    Ok(Some(User {
        id,
        name,
        // Sorted by name, as before (`ORDER BY role`).
        roles: roles.iter().filter_map(|r| Role::parse(r)).collect(),
        teams: teams.into_iter().collect(),
        token_id: None,
    }))
}

/// The user with this name and their password hash.
pub async fn find_with_hash(db: &Db, name: &str) -> Result<Option<(User, String)>, ServiceError> {
    let row = sqlx::query("SELECT id, password_hash FROM users WHERE name = $1")
        .bind(name)
        .fetch_optional(&db.pool)
        .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let hash: String = row.try_get("password_hash")?;
    Ok(find_by_id(db, row.try_get("id")?)
        .await?
        .map(|user| (user, hash)))
}

/// True when at least one admin exists.
pub async fn has_admin(db: &Db) -> Result<bool, ServiceError> {
    let row = sqlx::query("SELECT COUNT(*) AS n FROM user_roles WHERE role = 'admin'")
        .fetch_one(&db.pool)
        .await?;
    Ok(row.try_get::<i64, _>("n")? > 0)
}

/// Stored teams whose names no longer fit the team grammar (`^[a-z][a-z0-9]{1,31}$`, no
/// separators). They are kept, but membership in them grants nothing: a name such as
/// `team-a` would make the families of team `team` ambiguous. `serve` logs them at start so
/// an admin can move their users to a team with a valid name.
pub async fn invalid_teams(db: &Db) -> Result<Vec<String>, ServiceError> {
    let rows = sqlx::query("SELECT name FROM teams ORDER BY name")
        .fetch_all(&db.pool)
        .await?;
    Ok(rows
        .iter()
        .filter_map(|r| r.try_get::<String, _>("name").ok())
        .filter(|t| !super::ownership::is_team_name(t))
        .collect())
}

/// True when a team of this name exists.
pub async fn team_exists(db: &Db, team: &str) -> Result<bool, ServiceError> {
    let row = sqlx::query("SELECT COUNT(*) AS n FROM teams WHERE name = $1")
        .bind(team)
        .fetch_one(&db.pool)
        .await?;
    Ok(row.try_get::<i64, _>("n")? > 0)
}
