//! ECR repositories: list, read, create (with an optional lifecycle policy) and delete.

use crate::audit::{self, NewEvent};
use crate::auth::ownership::{require_manage, Resource};
use crate::auth::{authorize, Action, User};
use crate::aws::{AwsError, AwsErrorKind};
use crate::cache::{self, Area};
use crate::names;
use crate::services::validation::context;
use crate::{AppState, ServiceError};
use serde_json::Value;
use validate::ecr::{check_repository, CreateRepository};
use validate::model::{ImagePage, Repository, RepositoryDetail, RepositoryPage};

/// Largest page ECR serves.
pub const MAX_PAGE: i32 = 1000;

/// The team a repository belongs to: the first segment of its name (`demo/web` → `demo`).
pub fn team_of(name: &str) -> Option<&str> {
    Resource::Repository(name).owner()
}

fn not_found(name: &str) -> ServiceError {
    ServiceError::NotFound(format!("repository `{name}` does not exist"))
}

/// One page of repositories.
#[tracing::instrument(skip(state, user), fields(user = %user.name))]
pub async fn list(
    state: &AppState,
    user: &User,
    max_results: Option<i32>,
    next_token: Option<String>,
    refresh: bool,
) -> Result<RepositoryPage, ServiceError> {
    authorize(user, Action::Read)?;
    let next_token = names::page_token("nextToken", next_token, 4096)?;
    if let Some(n) = max_results {
        if !(1..=MAX_PAGE).contains(&n) {
            return Err(ServiceError::BadRequest(format!(
                "`maxResults` must be between 1 and {MAX_PAGE}"
            )));
        }
    }
    let key = format!("repositories?{max_results:?}&{next_token:?}");
    let ((repositories, next_token), fetched_at) = state
        .cache
        .get_or_fetch(Area::Ecr, &key, refresh, || {
            state
                .ecr
                .describe_repositories(None, max_results, next_token.clone())
        })
        .await?;
    Ok(RepositoryPage {
        repositories,
        next_token,
        fetched_at: Some(cache::rfc3339(fetched_at)),
    })
}

/// One repository with its lifecycle policy.
#[tracing::instrument(skip(state, user), fields(user = %user.name))]
pub async fn get(
    state: &AppState,
    user: &User,
    name: &str,
) -> Result<RepositoryDetail, ServiceError> {
    names::repository("name", name)?;
    authorize(user, Action::Read)?;
    let (found, _) = state
        .ecr
        .describe_repositories(Some(vec![name.to_string()]), None, None)
        .await
        .map_err(|e| match e.kind {
            AwsErrorKind::NotFound => not_found(name),
            _ => e.into(),
        })?;
    let repository = found.into_iter().next().ok_or_else(|| not_found(name))?;
    let lifecycle_policy = state
        .ecr
        .get_lifecycle_policy(name)
        .await?
        .and_then(|text| serde_json::from_str::<Value>(&text).ok());
    Ok(RepositoryDetail {
        repository,
        lifecycle_policy,
    })
}

/// One page of a repository's images, newest push first (the image picker's tags).
#[tracing::instrument(skip(state, user), fields(user = %user.name))]
pub async fn images(
    state: &AppState,
    user: &User,
    name: &str,
    next_token: Option<String>,
) -> Result<ImagePage, ServiceError> {
    names::repository("repository", name)?;
    let next_token = names::page_token("nextToken", next_token, 4096)?;
    authorize(user, Action::Read)?;
    let (mut images, next_token) =
        state
            .ecr
            .describe_images(name, next_token)
            .await
            .map_err(|e| match e.kind {
                AwsErrorKind::NotFound => not_found(name),
                _ => e.into(),
            })?;
    // RFC 3339 in UTC sorts as text.
    images.sort_by(|a, b| b.image_pushed_at.cmp(&a.image_pushed_at));
    Ok(ImagePage { images, next_token })
}

/// Creates a repository, then puts its lifecycle policy if one was given.
#[tracing::instrument(skip(state, user, request), fields(user = %user.name))]
pub async fn create(
    state: &AppState,
    user: &User,
    request: &CreateRepository,
) -> Result<Repository, ServiceError> {
    // Role first (403 before 422); the team is checked once the name is known to be valid.
    authorize(user, Action::Deploy)?;
    let findings = check_repository(request, &context(state));
    if findings.iter().any(|f| f.is_error()) {
        return Err(ServiceError::Validation(findings));
    }
    let name = request.repository_name.clone().unwrap_or_default();
    require_manage(user, Resource::Repository(&name))?;
    let team = team_of(&name);

    let created = match state
        .cache
        .after_write(
            Area::Ecr,
            state.ecr.create_repository(&request.aws_request()),
        )
        .await
    {
        Ok(out) => out,
        Err(e) => {
            audit::aws_failure(&state.db, user, "repository.create", (&name, team), &e).await;
            return Err(match e.kind {
                AwsErrorKind::AlreadyExists => {
                    ServiceError::AlreadyExists(format!("repository `{name}` already exists"))
                }
                _ => e.into(),
            });
        }
    };
    audit::record(
        &state.db,
        NewEvent::success(&user.name, "repository.create", &name)
            .request_id(created.request_id.as_deref())
            .team(team),
    )
    .await?;

    if let Some(policy) = request.lifecycle_policy.as_ref().filter(|p| !p.is_null()) {
        let text = match policy {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        match state
            .cache
            .after_write(Area::Ecr, state.ecr.put_lifecycle_policy(&name, &text))
            .await
        {
            Ok(out) => {
                audit::record(
                    &state.db,
                    NewEvent::success(&user.name, "repository.lifecycle_policy.put", &name)
                        .request_id(out.request_id.as_deref())
                        .team(team),
                )
                .await?;
            }
            Err(e) => {
                audit::aws_failure(
                    &state.db,
                    user,
                    "repository.lifecycle_policy.put",
                    (&name, team),
                    &e,
                )
                .await;
                return Err(AwsError {
                    message: format!(
                        "the repository was created, but its lifecycle policy was not saved: {}",
                        e.message
                    ),
                    ..e
                }
                .into());
            }
        }
    }
    Ok(created.value)
}

/// Creates a repository from a JSON body as a client sent it: values of the wrong type are
/// reported as `SCHEMA` findings (422) together with every other finding.
pub async fn create_from_json(
    state: &AppState,
    user: &User,
    body: &Value,
) -> Result<Repository, ServiceError> {
    authorize(user, Action::Deploy)?;
    match validate::json::read::<CreateRepository>(body) {
        (Some(request), schema_findings) if schema_findings.is_empty() => {
            create(state, user, &request).await
        }
        _ => {
            let report = validate::check(validate::Kind::Repository, body, &context(state));
            Err(ServiceError::Validation(report.findings))
        }
    }
}

/// Deletes a repository (`force` also deletes its images).
#[tracing::instrument(skip(state, user), fields(user = %user.name))]
pub async fn delete(
    state: &AppState,
    user: &User,
    name: &str,
    force: bool,
) -> Result<(), ServiceError> {
    names::repository("name", name)?;
    require_manage(user, Resource::Repository(name))?;
    let team = team_of(name);
    match state
        .cache
        .after_write(Area::Ecr, state.ecr.delete_repository(name, force))
        .await
    {
        Ok(out) => {
            audit::record(
                &state.db,
                NewEvent::success(&user.name, "repository.delete", name)
                    .request_id(out.request_id.as_deref())
                    .detail(force.then_some("force: images deleted too"))
                    .team(team),
            )
            .await?;
            Ok(())
        }
        Err(e) => {
            audit::aws_failure(&state.db, user, "repository.delete", (name, team), &e).await;
            Err(match e.kind {
                AwsErrorKind::NotFound => not_found(name),
                AwsErrorKind::NotEmpty => ServiceError::Conflict(format!(
                    "repository `{name}` still holds images: delete them first, or delete with force"
                )),
                _ => e.into(),
            })
        }
    }
}
