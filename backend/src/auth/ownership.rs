//! Who owns what: the one ownership resolver every service and door uses.
//!
//! Why it exists: ownership decides what a deployer may change, so it must not be spoofable
//! through names. Team names are lowercase letters and digits only (no `-`, `/`, `_`), so the
//! first separator of a name ends the team unambiguously: a repository of team T is `T/…`, a
//! task definition family `T-…`. IAM roles (and, later, services) belong to the team in their
//! `berth:team` tag — a name alone never makes a role yours, since anyone with IAM access can
//! name a role anything.

use super::{authorize, Action, User};
use crate::ServiceError;

/// The tag naming the team that owns a role (or service).
pub const TEAM_TAG: &str = "berth:team";
/// The tag Berth puts on what it created.
pub const MANAGED_TAG: &str = "berth:managed";

/// `^[a-z][a-z0-9]{1,31}$`.
pub fn is_team_name(name: &str) -> bool {
    (2..=32).contains(&name.len())
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// `BadRequest` naming the team unless it fits the grammar.
pub fn check_team_name(name: &str) -> Result<(), ServiceError> {
    if is_team_name(name) {
        Ok(())
    } else {
        Err(ServiceError::BadRequest(format!(
            "team `{}`: use 2–32 lowercase letters and digits, starting with a letter (no `-`, `/` or `_`)",
            name.escape_debug()
        )))
    }
}

/// Something a team may own.
#[derive(Clone, Copy, Debug)]
pub enum Resource<'a> {
    /// An ECR repository, `T/…`.
    Repository(&'a str),
    /// A task definition family, `T-…`.
    Family(&'a str),
    /// An IAM role with its tags.
    Role {
        name: &'a str,
        tags: &'a [(String, String)],
    },
}

impl<'a> Resource<'a> {
    /// The owning team, if the resource has a valid one.
    pub fn owner(self) -> Option<&'a str> {
        let team = match self {
            Resource::Repository(name) => name.split_once('/').map(|(t, _)| t),
            Resource::Family(name) => name.split_once('-').map(|(t, _)| t),
            Resource::Role { tags, .. } => tags
                .iter()
                .find(|(k, _)| k == TEAM_TAG)
                .map(|(_, v)| v.as_str()),
        };
        team.filter(|t| is_team_name(t))
    }
}

/// The name a new resource of `team` must start with, for messages.
fn prefixes(user: &User, sep: char) -> String {
    if user.teams.is_empty() {
        return "you belong to no team; ask an admin to add you to one".into();
    }
    let list: Vec<String> = user.teams.iter().map(|t| format!("`{t}{sep}`")).collect();
    format!("names start with one of your teams: {}", list.join(", "))
}

/// `Ok` when `user` may create, change or delete `resource`: admins always; deployers when
/// their team owns it. The refusal says who owns it and how to get access.
pub fn require_manage(user: &User, resource: Resource<'_>) -> Result<(), ServiceError> {
    authorize(user, Action::Deploy)?;
    if user.is_admin() {
        return Ok(());
    }
    let owner = resource.owner();
    if owner.is_some_and(|t| user.in_team(t)) {
        return Ok(());
    }
    let message = match (resource, owner) {
        (Resource::Repository(name), Some(t)) => format!(
            "repository `{name}` belongs to team `{t}`, which you are not a member of; {}",
            prefixes(user, '/')
        ),
        (Resource::Repository(name), None) => {
            format!("repository `{name}` belongs to no team: {}", prefixes(user, '/'))
        }
        (Resource::Family(name), Some(t)) => format!(
            "task definition family `{name}` belongs to team `{t}`, which you are not a member of; {}",
            prefixes(user, '-')
        ),
        (Resource::Family(name), None) => format!(
            "task definition family `{name}` belongs to no team: {}",
            prefixes(user, '-')
        ),
        (Resource::Role { name, .. }, Some(t)) => format!(
            "role `{name}` is tagged {TEAM_TAG}={t}, a team you are not a member of: it is read-only for you"
        ),
        (Resource::Role { name, .. }, None) => format!(
            "role `{name}` is not tagged {TEAM_TAG} with one of your teams, so it is read-only for you; an admin can adopt it into your team (POST /api/v1/roles/{name}/adopt)"
        ),
    };
    Err(ServiceError::Forbidden(message))
}

/// `Ok` when a role Berth is about to create for `user` is named `T-…` for one of their
/// teams (any name for admins); returns the team it will be tagged with.
pub fn team_for_new_role<'a>(user: &'a User, name: &'a str) -> Result<&'a str, ServiceError> {
    authorize(user, Action::Deploy)?;
    let team = name
        .split_once('-')
        .map(|(t, _)| t)
        .filter(|t| is_team_name(t));
    match team {
        Some(t) if user.in_team(t) || user.is_admin() => Ok(t),
        Some(t) => Err(ServiceError::Forbidden(format!(
            "role `{name}` would belong to team `{t}`, which you are not a member of; {}",
            prefixes(user, '-')
        ))),
        None => Err(ServiceError::Forbidden(format!(
            "role names start with the team that will own the role: {}",
            prefixes(user, '-')
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::{test_user as user, Role};

    #[test]
    fn team_names_have_no_separators() {
        for ok in ["demo", "demo2", "ab", "a1234567890123456789012345678901"] {
            assert!(is_team_name(ok), "{ok}");
        }
        for bad in [
            "",
            "a",
            "Demo",
            "demo-x",
            "demo/x",
            "demo_x",
            "2demo",
            "a12345678901234567890123456789012",
            "dem\u{e9}",
        ] {
            assert!(!is_team_name(bad), "{bad}");
        }
    }

    #[test]
    fn prefix_sharing_teams_cannot_spoof_each_other() {
        let demo = user(&[Role::Deployer], &["demo"]);
        assert!(require_manage(&demo, Resource::Family("demo-web")).is_ok());
        assert!(require_manage(&demo, Resource::Family("demo2-web")).is_err());
        assert!(require_manage(&demo, Resource::Family("demoweb")).is_err());
        assert!(require_manage(&demo, Resource::Repository("demo/web")).is_ok());
        assert!(require_manage(&demo, Resource::Repository("demo2/web")).is_err());
        assert!(require_manage(&demo, Resource::Repository("demo")).is_err());
        assert!(team_for_new_role(&demo, "demo2-exec").is_err());
        assert_eq!(team_for_new_role(&demo, "demo-exec").unwrap(), "demo");
    }

    #[test]
    fn roles_are_owned_by_their_tag_not_their_name() {
        let demo = user(&[Role::Deployer], &["demo"]);
        let untagged: Vec<(String, String)> = vec![];
        let err = require_manage(
            &demo,
            Resource::Role {
                name: "demo-exec",
                tags: &untagged,
            },
        )
        .unwrap_err();
        assert_eq!(err.status(), 403);
        assert!(err.to_string().contains("adopt"), "{err}");
        let ops = vec![(TEAM_TAG.to_string(), "ops".to_string())];
        assert!(require_manage(
            &demo,
            Resource::Role {
                name: "demo-exec",
                tags: &ops
            }
        )
        .is_err());
        let mine = vec![(TEAM_TAG.to_string(), "demo".to_string())];
        assert!(require_manage(
            &demo,
            Resource::Role {
                name: "anything",
                tags: &mine
            }
        )
        .is_ok());
        let viewer = user(&[Role::Viewer], &["demo"]);
        assert!(require_manage(
            &viewer,
            Resource::Role {
                name: "anything",
                tags: &mine
            }
        )
        .is_err());
        let admin = user(&[Role::Admin], &[]);
        assert!(require_manage(
            &admin,
            Resource::Role {
                name: "x",
                tags: &untagged
            }
        )
        .is_ok());
    }
}
