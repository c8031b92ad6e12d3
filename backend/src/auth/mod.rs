//! Who is calling, and what they may do.
//!
//! Users have one or more roles and belong to one or more teams. Sessions (cookies, stored in
//! the database by tower-sessions) and API tokens both resolve to a [`User`]; every service
//! call starts with [`authorize`], which *returns* an error rather than redirecting; what a
//! team owns is decided in one place, [`ownership`].

pub mod ownership;
pub mod password;
pub mod rate_limit;
pub mod request_caller;
pub mod tokens;
pub mod users;

use crate::ServiceError;
pub use request_caller::RequestCaller;
use validate::model::UserInfo;

/// The session key holding the signed-in user's id.
pub const SESSION_USER_ID: &str = "berth.user_id";

/// The signed-in user's id in `session`, if any (both doors read it the same way).
pub async fn session_user_id(
    session: &tower_sessions::Session,
) -> Result<Option<i64>, ServiceError> {
    session
        .get::<i64>(SESSION_USER_ID)
        .await
        .map_err(ServiceError::internal)
}

/// Roles, from least to most privileged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Reads everything.
    Viewer,
    /// Creates and deletes repositories, task definitions and roles; proposes changes.
    Deployer,
    /// Approves or rejects other people's changes.
    Approver,
    /// Everything, including users, teams and policies.
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Viewer, Role::Deployer, Role::Approver, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Deployer => "deployer",
            Role::Approver => "approver",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// A signed-in user (or the creator of an API token).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub name: String,
    pub roles: Vec<Role>,
    pub teams: Vec<String>,
    /// The API token this request authenticated with (`None`: a browser session).
    pub token_id: Option<i64>,
}

impl User {
    pub fn info(&self) -> UserInfo {
        UserInfo {
            name: self.name.clone(),
            roles: self.roles.iter().map(|r| r.as_str().to_string()).collect(),
            teams: self.teams.clone(),
        }
    }

    pub fn is_admin(&self) -> bool {
        self.roles.contains(&Role::Admin)
    }

    pub fn in_team(&self, team: &str) -> bool {
        self.teams.iter().any(|t| t == team)
    }
}

/// What a caller wants to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Read anything.
    Read,
    /// Create or delete resources in general (the deployer role), team not yet known.
    Deploy,
    /// Manage users, teams and policies.
    Administer,
}

/// Returns `Forbidden` unless `user` may perform `action`.
pub fn authorize(user: &User, action: Action) -> Result<(), ServiceError> {
    if user.is_admin() {
        return Ok(());
    }
    match action {
        Action::Read => Ok(()),
        Action::Deploy => require_deployer(user),
        Action::Administer => Err(ServiceError::Forbidden("this needs the admin role".into())),
    }
}

fn require_deployer(user: &User) -> Result<(), ServiceError> {
    // Roles are cumulative: an approver is a deployer who also approves.
    if user
        .roles
        .iter()
        .any(|r| matches!(r, Role::Deployer | Role::Approver))
    {
        Ok(())
    } else {
        Err(ServiceError::Forbidden(
            "this needs the deployer role".into(),
        ))
    }
}

/// A user with these roles and teams, for unit tests.
#[cfg(test)]
pub(crate) fn test_user(roles: &[Role], teams: &[&str]) -> User {
    User {
        id: 1,
        name: "u".into(),
        roles: roles.to_vec(),
        teams: teams.iter().map(|t| t.to_string()).collect(),
        token_id: None,
    }
}

#[cfg(test)]
mod tests {
    use super::test_user as user;
    use super::*;

    #[test]
    fn deployers_deploy_but_do_not_administer() {
        let dev = user(&[Role::Deployer], &["demo"]);
        assert!(authorize(&dev, Action::Deploy).is_ok());
        let err = authorize(&dev, Action::Administer).unwrap_err();
        assert_eq!(err.code(), "forbidden");
    }

    #[test]
    fn viewers_read_but_do_not_manage_and_admins_do_everything() {
        let viewer = user(&[Role::Viewer], &["demo"]);
        assert!(authorize(&viewer, Action::Read).is_ok());
        assert_eq!(
            authorize(&viewer, Action::Deploy).unwrap_err().status(),
            403
        );
        let admin = user(&[Role::Admin], &[]);
        assert!(authorize(&admin, Action::Deploy).is_ok());
        assert!(authorize(&admin, Action::Administer).is_ok());
    }
}
