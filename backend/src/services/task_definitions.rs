//! Task definitions: register (validated first), list families and revisions, read one
//! revision in the export shape, deregister.
//!
//! A family belongs to the team its name starts with (`demo-web` → team `demo`), the way
//! repository names start with `<team>/`; the roles it names must be the team's too
//! ([`crate::services::roles::check_references`]).

use crate::audit::{self, NewEvent};
use crate::auth::ownership::{require_manage, Resource};
use crate::auth::{authorize, Action, User};
use crate::aws::AwsErrorKind;
use crate::cache::{self, Area};
use crate::names;
use crate::services::validation::context;
use crate::{AppState, ServiceError};
use serde_json::Value;
use validate::ecs::task_definition::{request_document, TaskDefinition};
use validate::json::FromJson;
use validate::model::{FamilyPage, RevisionPage, TaskDefinitionRevision};
use validate::Kind;

/// Largest page ECS serves.
pub const MAX_PAGE: i32 = 100;

/// The team a family belongs to: its first `-`-separated word (`demo-web` → `demo`).
pub fn team_of(family: &str) -> Option<&str> {
    Resource::Family(family).owner()
}

fn not_found(id: &str) -> ServiceError {
    ServiceError::NotFound(format!("task definition `{id}` does not exist"))
}

/// Validates a `RegisterTaskDefinition` document (or `describe-task-definition` output) and
/// registers it. Registering the same document as the family's latest active revision returns
/// that revision instead of adding an identical one, so a retried request is harmless.
#[tracing::instrument(skip(state, user, body), fields(user = %user.name))]
pub async fn register(
    state: &AppState,
    user: &User,
    body: &Value,
) -> Result<TaskDefinitionRevision, ServiceError> {
    authorize(user, Action::Deploy)?;
    let report = validate::check(Kind::TaskDefinition, body, &context(state));
    if !report.is_ok() {
        return Err(ServiceError::Validation(report.findings));
    }
    let (td, _) = validate::json::read::<TaskDefinition>(&request_document(body));
    let td = td.ok_or_else(|| ServiceError::BadRequest("the body must be a JSON object".into()))?;
    let family = td.family.clone().unwrap_or_default();
    require_manage(user, Resource::Family(&family))?;
    crate::services::roles::check_references(state, user, &td).await?;
    let team = team_of(&family);
    if let Ok(latest) = state.ecs.describe_task_definition(&family).await {
        if latest.status == "ACTIVE" && latest.task_definition.to_json() == td.to_json() {
            return Ok(latest);
        }
    }
    match state
        .cache
        .after_write(Area::Ecs, state.ecs.register_task_definition(&td))
        .await
    {
        Ok(out) => {
            audit::record(
                &state.db,
                NewEvent::success(
                    &user.name,
                    "task_definition.register",
                    &out.value.task_definition_arn,
                )
                .request_id(out.request_id.as_deref())
                .team(team),
            )
            .await?;
            Ok(out.value)
        }
        Err(e) => {
            let target = (family.as_str(), team);
            audit::aws_failure(&state.db, user, "task_definition.register", target, &e).await;
            Err(e.into())
        }
    }
}

/// One page of active families.
#[tracing::instrument(skip(state, user), fields(user = %user.name))]
pub async fn list_families(
    state: &AppState,
    user: &User,
    prefix: Option<String>,
    next_token: Option<String>,
    refresh: bool,
) -> Result<FamilyPage, ServiceError> {
    let prefix = match prefix.as_deref().map(str::trim) {
        Some(p) => Some(names::family_prefix("familyPrefix", p)?.to_string()),
        None => None,
    };
    let next_token = names::page_token("nextToken", next_token, 4096)?;
    authorize(user, Action::Read)?;
    let prefix = prefix.filter(|p| !p.is_empty());
    let key = format!("families?{prefix:?}&{next_token:?}");
    let ((families, next_token), fetched_at) = state
        .cache
        .get_or_fetch(Area::Ecs, &key, refresh, || {
            state
                .ecs
                .list_task_definition_families(prefix.clone(), next_token.clone())
        })
        .await?;
    Ok(FamilyPage {
        families,
        next_token,
        fetched_at: Some(cache::rfc3339(fetched_at)),
    })
}

/// One page of a family's revisions, newest first.
#[tracing::instrument(skip(state, user), fields(user = %user.name))]
pub async fn list_revisions(
    state: &AppState,
    user: &User,
    family: &str,
    max_results: Option<i32>,
    next_token: Option<String>,
) -> Result<RevisionPage, ServiceError> {
    names::family("family", family)?;
    let next_token = names::page_token("nextToken", next_token, 4096)?;
    authorize(user, Action::Read)?;
    if let Some(n) = max_results {
        if !(1..=MAX_PAGE).contains(&n) {
            return Err(ServiceError::BadRequest(format!(
                "`maxResults` must be between 1 and {MAX_PAGE}"
            )));
        }
    }
    let (task_definitions, next_token) = state
        .ecs
        .list_task_definitions(family, max_results, next_token)
        .await?;
    if task_definitions.is_empty() && next_token.is_none() {
        return Err(ServiceError::NotFound(format!(
            "task definition family `{family}` has no revisions"
        )));
    }
    Ok(RevisionPage {
        family: family.to_string(),
        task_definitions,
        next_token,
    })
}

/// One revision (`revision` None: the latest active one).
#[tracing::instrument(skip(state, user), fields(user = %user.name))]
pub async fn get(
    state: &AppState,
    user: &User,
    family: &str,
    revision: Option<i64>,
) -> Result<TaskDefinitionRevision, ServiceError> {
    names::family("family", family)?;
    if revision.is_some_and(|r| r < 1) {
        return Err(ServiceError::BadRequest(
            "`revision` must be a positive whole number".into(),
        ));
    }
    authorize(user, Action::Read)?;
    let id = match revision {
        Some(r) => format!("{family}:{r}"),
        None => family.to_string(),
    };
    state
        .ecs
        .describe_task_definition(&id)
        .await
        .map_err(|e| match e.kind {
            AwsErrorKind::NotFound => not_found(&id),
            _ => e.into(),
        })
}

/// Deregisters one revision (it stays readable as INACTIVE; running tasks are unaffected).
#[tracing::instrument(skip(state, user), fields(user = %user.name))]
pub async fn deregister(
    state: &AppState,
    user: &User,
    family: &str,
    revision: i64,
) -> Result<(), ServiceError> {
    names::family("family", family)?;
    if revision < 1 {
        return Err(ServiceError::BadRequest(
            "`revision` must be a positive whole number".into(),
        ));
    }
    require_manage(user, Resource::Family(family))?;
    let team = team_of(family);
    let id = format!("{family}:{revision}");
    match state
        .cache
        .after_write(Area::Ecs, state.ecs.deregister_task_definition(&id))
        .await
    {
        Ok(out) => {
            audit::record(
                &state.db,
                NewEvent::success(&user.name, "task_definition.deregister", &id)
                    .request_id(out.request_id.as_deref())
                    .team(team),
            )
            .await
        }
        Err(e) => {
            let target = (id.as_str(), team);
            audit::aws_failure(&state.db, user, "task_definition.deregister", target, &e).await;
            Err(match e.kind {
                AwsErrorKind::NotFound => not_found(&id),
                _ => e.into(),
            })
        }
    }
}

/// The roles of one revision, checked live against IAM for what it needs
/// (see [`crate::services::roles::check_for_task_definition`]).
#[tracing::instrument(skip(state, user), fields(user = %user.name))]
pub async fn check_roles(
    state: &AppState,
    user: &User,
    family: &str,
    revision: i64,
) -> Result<validate::model::RoleCheck, ServiceError> {
    let td = get(state, user, family, Some(revision)).await?;
    crate::services::roles::check_for_task_definition(state, user, &td.task_definition).await
}
