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

/// Team names prefix repository names, so they follow ECR's lowercase name syntax.
pub fn check_team(team: &str) -> Result<(), ServiceError> {
    let ok = (2..=40).contains(&team.len())
        && team.starts_with(|c: char| c.is_ascii_lowercase())
        && team
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !team.ends_with('-');
    if ok {
        Ok(())
    } else {
        Err(ServiceError::BadRequest(format!(
            "team `{team}`: use 2–40 lowercase letters, digits and `-`, starting with a letter"
        )))
    }
}

/// Creates a user (and any missing teams). `AlreadyExists` if the name is taken.
pub async fn create(db: &Db, new: &NewUser) -> Result<User, ServiceError> {
    check_name(&new.name)?;
    for team in &new.teams {
        check_team(team)?;
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
    let hash = password::hash(&new.password)?;
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

/// The user with this id, with roles and teams.
pub async fn find_by_id(db: &Db, id: i64) -> Result<Option<User>, ServiceError> {
    let row = sqlx::query("SELECT id, name FROM users WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    match row {
        Some(row) => Ok(Some(
            load(db, row.try_get("id")?, row.try_get("name")?).await?,
        )),
        None => Ok(None),
    }
}

/// The user with this name and their password hash.
pub async fn find_with_hash(db: &Db, name: &str) -> Result<Option<(User, String)>, ServiceError> {
    let row = sqlx::query("SELECT id, name, password_hash FROM users WHERE name = $1")
        .bind(name)
        .fetch_optional(&db.pool)
        .await?;
    match row {
        Some(row) => {
            let user = load(db, row.try_get("id")?, row.try_get("name")?).await?;
            Ok(Some((user, row.try_get("password_hash")?)))
        }
        None => Ok(None),
    }
}

async fn load(db: &Db, id: i64, name: String) -> Result<User, ServiceError> {
    let roles = sqlx::query("SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role")
        .bind(id)
        .fetch_all(&db.pool)
        .await?
        .iter()
        .filter_map(|r| r.try_get::<String, _>("role").ok())
        .filter_map(|r| Role::parse(&r))
        .collect();
    let teams = sqlx::query(
        "SELECT t.name FROM teams t JOIN team_members m ON m.team_id = t.id WHERE m.user_id = $1 ORDER BY t.name",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .filter_map(|r| r.try_get::<String, _>("name").ok())
    .collect();
    Ok(User {
        id,
        name,
        roles,
        teams,
    })
}

/// True when at least one admin exists.
pub async fn has_admin(db: &Db) -> Result<bool, ServiceError> {
    let row = sqlx::query("SELECT COUNT(*) AS n FROM user_roles WHERE role = 'admin'")
        .fetch_one(&db.pool)
        .await?;
    Ok(row.try_get::<i64, _>("n")? > 0)
}
