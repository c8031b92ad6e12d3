//! Users, their roles and teams.

use super::{password, Role, User};
use crate::db::{self, Db};
use crate::ServiceError;

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
    let mut tx = db.begin().await?;
    if db::users::id_by_name(&mut tx, &new.name).await?.is_some() {
        return Err(ServiceError::AlreadyExists(format!(
            "user `{}` already exists",
            new.name
        )));
    }
    let id = db::users::insert(&mut tx, &new.name, &hash).await?;
    for role in &new.roles {
        db::user_roles::insert(&mut tx, id, role.as_str()).await?;
    }
    for team in &new.teams {
        db::teams::insert_missing(&mut tx, team).await?;
        db::team_members::insert(&mut tx, id, team).await?;
    }
    tx.commit().await?;
    find_by_id(db, id)
        .await?
        .ok_or_else(|| ServiceError::internal("user vanished after insert"))
}

/// The user with this id, with roles and teams (one query: [`db::users::grants`]).
pub async fn find_by_id(db: &Db, id: i64) -> Result<Option<User>, ServiceError> {
    let rows = db::users::grants(db, id).await?;
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let name = first.name.clone();
    let mut roles = std::collections::BTreeSet::new();
    let mut teams = std::collections::BTreeSet::new();
    for row in rows {
        if let Some(role) = row.role {
            roles.insert(role);
        }
        if let Some(team) = row.team {
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
    let Some(found) = db::users::credentials(db, name).await? else {
        return Ok(None);
    };
    Ok(find_by_id(db, found.id)
        .await?
        .map(|user| (user, found.password_hash)))
}

/// True when at least one admin exists.
pub async fn has_admin(db: &Db) -> Result<bool, ServiceError> {
    Ok(db::user_roles::count_holders(db, Role::Admin.as_str()).await? > 0)
}

/// Stored teams whose names no longer fit the team grammar (`^[a-z][a-z0-9]{1,31}$`, no
/// separators). They are kept, but membership in them grants nothing: a name such as
/// `team-a` would make the families of team `team` ambiguous. `serve` logs them at start so
/// an admin can move their users to a team with a valid name.
pub async fn invalid_teams(db: &Db) -> Result<Vec<String>, ServiceError> {
    Ok(db::teams::names(db)
        .await?
        .into_iter()
        .filter(|t| !super::ownership::is_team_name(t))
        .collect())
}

/// True when a team of this name exists.
pub async fn team_exists(db: &Db, team: &str) -> Result<bool, ServiceError> {
    Ok(db::teams::exists(db, team).await?)
}
