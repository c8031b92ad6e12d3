//! IAM roles for tasks: create a task execution role or a task role whose trust policy is
//! `ecs-tasks.amazonaws.com` and whose inline policy is generated from the task definition
//! (`validate::iam::generate`); list and read roles, judged as task roles, with the fix for a
//! wrong trust policy; keep Berth's policy in step with a task definition, and check a task
//! definition's roles live against what it needs.
//!
//! A role belongs to the team in its `berth:team` tag. Berth creates roles named `T-…` for a
//! team T of the caller's, tags them `berth:team=T` and `berth:managed=true`, and changes or
//! deletes a role only for members of the team it is tagged with (admins: any role, and they
//! adopt untagged roles into a team). Trust policies trust only `ecs-tasks.amazonaws.com`;
//! task-role statements pass the IAM-GUARD rules.

use crate::audit::{self, NewEvent};
use crate::auth::ownership::{self, require_manage, team_for_new_role, Resource};
use crate::auth::{authorize, Action, User};
use crate::aws::{AwsError, AwsErrorKind, AwsOutput, NewRole, RoleInfo};
use crate::cache::{self, Area};
use crate::names;
use crate::services::validation::context;
use crate::{AppState, ServiceError};
use serde_json::Value;
use validate::ecs::task_definition::{request_document, TaskDefinition};
use validate::finding::Findings;
use validate::iam::generate::{
    execution_policy, task_policy, trust_policy, trust_policy_with, Generated, Target,
};
use validate::iam::permissions::{check_permission_policy_value, check_role_permissions, RoleKind};
use validate::iam::policy::parse_policy;
use validate::model::{
    CreateRoleRequest, CreatedRole, RoleCheck, RoleCheckItem, RolePage, RoleSummary,
};
use validate::{Finding, Kind};

/// The name of the inline policy Berth puts on the roles it creates.
pub const POLICY_NAME: &str = "berth";

/// Region and account the roles are for; the account comes from the health probe's cache
/// and is asked of STS only until the probe has seen it.
async fn target(state: &AppState) -> Result<Target, ServiceError> {
    let account = match state.health.account() {
        Some(account) => account,
        None => state.sts.caller_account().await?,
    };
    Ok(Target {
        region: state.settings.region.clone(),
        account,
    })
}

fn error(rule: &str, path: &str, message: &str) -> Vec<Finding> {
    let mut f = Findings::new();
    f.error(rule, path, message);
    f.into_vec()
}

/// The role, or `NotFound` naming it.
async fn existing_role(state: &AppState, name: &str) -> Result<RoleInfo, ServiceError> {
    state.iam.get_role(name).await.map_err(|e| match e.kind {
        AwsErrorKind::NotFound => ServiceError::NotFound(format!("role `{name}` does not exist")),
        _ => e.into(),
    })
}

/// Writes an IAM change's outcome to the audit log — the role's ARN on success, its name
/// on failure — and passes the failure on.
async fn audited(
    state: &AppState,
    user: &User,
    action: &str,
    role: (&str, &str, Option<&str>),
    result: Result<AwsOutput<()>, AwsError>,
) -> Result<(), ServiceError> {
    let (name, arn, team) = role;
    match result {
        Ok(out) => {
            audit::record(
                &state.db,
                NewEvent::success(&user.name, action, arn)
                    .request_id(out.request_id.as_deref())
                    .team(team),
            )
            .await
        }
        Err(e) => {
            audit::aws_failure(&state.db, user, action, (name, team), &e).await;
            Err(e.into())
        }
    }
}

/// The role, after checking `user` may change it (its `berth:team` tag names one of their
/// teams, or they are an admin).
async fn owned_role(state: &AppState, user: &User, name: &str) -> Result<RoleInfo, ServiceError> {
    authorize(user, Action::Deploy)?;
    let role = existing_role(state, name).await?;
    require_manage(
        user,
        Resource::Role {
            name,
            tags: &role.tags,
        },
    )?;
    Ok(role)
}

/// The summary with `editable` set for this caller.
fn for_caller(user: &User, mut summary: RoleSummary, tags: &[(String, String)]) -> RoleSummary {
    summary.editable = require_manage(
        user,
        Resource::Role {
            name: &summary.role_name,
            tags,
        },
    )
    .is_ok();
    summary
}

/// The team a role is tagged with.
fn team_tag(role: &RoleInfo) -> Option<&str> {
    Resource::Role {
        name: &role.role_name,
        tags: &role.tags,
    }
    .owner()
}

/// The task definition document with this role's ARN in its role field, when that is empty.
fn with_role_arn(doc: &Value, kind: RoleKind, target: &Target, role_name: &str) -> Value {
    let mut doc = doc.clone();
    let field = match kind {
        RoleKind::Execution => "executionRoleArn",
        RoleKind::Task => "taskRoleArn",
    };
    // Either shape: the request document or a describe-task-definition wrapper.
    let td = match doc.get_mut("taskDefinition") {
        Some(inner) if inner.is_object() => inner,
        _ => &mut doc,
    };
    if let Some(obj) = td.as_object_mut() {
        if obj.get(field).is_none_or(|v| v.is_null() || v == "") {
            obj.insert(
                field.into(),
                Value::String(format!("arn:aws:iam::{}:role/{role_name}", target.account)),
            );
        }
    }
    doc
}

/// What a role request amounts to once checked: the trust policy, the generated policy and
/// the validator's warnings about it.
struct Plan {
    target: Target,
    trust: Value,
    generated: Option<Generated>,
    warnings: Vec<Finding>,
}

fn role_kind(kind: &str) -> Result<RoleKind, ServiceError> {
    match kind {
        "execution" => Ok(RoleKind::Execution),
        "task" => Ok(RoleKind::Task),
        _ => Err(ServiceError::Validation(error(
            "SCHEMA",
            "kind",
            "kind must be `execution` (the role ECS uses to pull images, write logs and read secrets) or `task` (the role your code uses).",
        ))),
    }
}

/// Validates a role request for `role_name` and generates its policies; `creating` adds the
/// CreateRole checks (name, path, description, trust policy). Team authorization included.
async fn plan(
    state: &AppState,
    user: &User,
    request: &CreateRoleRequest,
    role_name: &str,
    creating: bool,
) -> Result<Plan, ServiceError> {
    authorize(user, Action::Deploy)?;
    if request.skip_source_conditions && !user.is_admin() {
        return Err(ServiceError::Forbidden(
            "`skipSourceConditions`: only an admin may leave out the trust policy's account guard (aws:SourceAccount / aws:SourceArn)".into(),
        ));
    }
    let kind = role_kind(&request.kind)?;
    let target = target(state).await?;
    // The task definition, validated like any other (its findings under `taskDefinition.`) —
    // as it will be once it uses this role: the wizard creates the execution role for a task
    // definition that cannot be registered without one.
    let mut findings = Vec::new();
    let td: Option<TaskDefinition> = match request.task_definition.as_ref().filter(|v| !v.is_null())
    {
        Some(doc) => {
            let with_role = with_role_arn(doc, kind, &target, role_name);
            let report = validate::check(Kind::TaskDefinition, &with_role, &context(state));
            let mut nested = Findings::with_prefix("taskDefinition");
            nested.extend(
                report
                    .findings
                    .into_iter()
                    .filter(Finding::is_error)
                    .collect(),
            );
            findings.extend(nested.into_vec());
            validate::json::read(&request_document(doc)).0
        }
        None if kind == RoleKind::Execution => {
            findings.extend(error(
                "SCHEMA",
                "taskDefinition",
                "An execution role's policy is derived from its task definition: send the task definition.",
            ));
            None
        }
        None => None,
    };
    let trust = trust_policy_with(&target, !request.skip_source_conditions);
    if creating {
        let role_doc = serde_json::json!({
            "RoleName": role_name,
            "Path": request.path.clone().unwrap_or_else(|| "/".into()),
            "Description": request.description,
            "AssumeRolePolicyDocument": trust,
        });
        findings.extend(validate::iam::check_create_role_value(
            &role_doc,
            &context(state),
        ));
    }
    // What the caller asked the task to be allowed: refused for IAM/STS/account power,
    // `*` and NotAction unless they are an admin (IAM-GUARD-003 … 007).
    let statements = request.statements.as_deref().unwrap_or_default();
    let guarded = validate::iam::guard::check_statements(statements, user.is_admin());
    let mut warnings: Vec<Finding> = guarded.iter().filter(|f| !f.is_error()).cloned().collect();
    findings.extend(guarded.into_iter().filter(Finding::is_error));
    if findings.iter().any(Finding::is_error) {
        return Err(ServiceError::Validation(findings));
    }
    if creating {
        team_for_new_role(user, role_name)?;
    }
    let td = td.unwrap_or_default();
    let generated: Option<Generated> = match kind {
        RoleKind::Execution => {
            Some(execution_policy(&td, &target, &request.kms_key_arns)).filter(|g| {
                g.policy["Statement"]
                    .as_array()
                    .is_some_and(|s| !s.is_empty())
            })
        }
        RoleKind::Task => task_policy(&td, &target, request.enable_execute_command, statements),
    };
    if let Some(g) = generated.as_ref() {
        let mut nested = Findings::with_prefix("policy");
        nested.extend(check_permission_policy_value(&g.policy, kind));
        let checked = nested.into_vec();
        if checked.iter().any(Finding::is_error) {
            return Err(ServiceError::Validation(checked));
        }
        warnings.extend(checked);
    }
    Ok(Plan {
        target,
        trust,
        generated,
        warnings,
    })
}

/// Creates the role, then puts its inline policy.
#[tracing::instrument(skip(state, user, request), fields(user = %user.name, role = %request.role_name))]
pub async fn create(
    state: &AppState,
    user: &User,
    request: &CreateRoleRequest,
) -> Result<CreatedRole, ServiceError> {
    let Plan {
        trust,
        generated,
        warnings,
        ..
    } = plan(state, user, request, &request.role_name, true).await?;
    let team = team_for_new_role(user, &request.role_name)?;

    let path = request.path.clone().unwrap_or_else(|| "/".into());
    let tags = [
        (ownership::TEAM_TAG.to_string(), team.to_string()),
        (ownership::MANAGED_TAG.to_string(), "true".to_string()),
    ];
    let new_role = NewRole {
        name: &request.role_name,
        path: &path,
        trust_policy: &trust.to_string(),
        description: request.description.as_deref(),
        tags: &tags,
        permissions_boundary: state.settings.role_permissions_boundary.as_deref(),
    };
    let created = match state
        .cache
        .after_write(Area::Iam, state.iam.create_role(&new_role))
        .await
    {
        Ok(out) => out,
        Err(e) => {
            let target = (request.role_name.as_str(), Some(team));
            audit::aws_failure(&state.db, user, "role.create", target, &e).await;
            return Err(match e.kind {
                AwsErrorKind::AlreadyExists => ServiceError::AlreadyExists(format!(
                    "a role named `{}` already exists",
                    request.role_name
                )),
                _ => e.into(),
            });
        }
    };
    audit::record(
        &state.db,
        NewEvent::success(&user.name, "role.create", &created.value.arn)
            .request_id(created.request_id.as_deref())
            .team(Some(team)),
    )
    .await?;
    if let Some(g) = generated.as_ref() {
        let result = state
            .cache
            .after_write(
                Area::Iam,
                state
                    .iam
                    .put_role_policy(&request.role_name, POLICY_NAME, &g.policy.to_string()),
            )
            .await;
        let role = (
            request.role_name.as_str(),
            created.value.arn.as_str(),
            Some(team),
        );
        audited(state, user, "role.policy.put", role, result)
            .await
            .map_err(|e| match e {
                ServiceError::Aws(e) => ServiceError::Aws(AwsError {
                    message: format!(
                        "the role was created, but its policy was not put: {}",
                        e.message
                    ),
                    ..e
                }),
                other => other,
            })?;
    }
    Ok(CreatedRole {
        role_arn: created.value.arn,
        role_name: created.value.role_name,
        trust_policy: trust,
        policy: generated.as_ref().map(|g| g.policy.clone()),
        summary: generated.map(|g| g.summary).unwrap_or_default(),
        findings: warnings,
    })
}

fn summarize(role: RoleInfo, target: &Target, policy: Option<Value>) -> RoleSummary {
    let findings = role
        .trust_policy
        .as_ref()
        .map(|t| validate::check(Kind::TrustPolicy, t, &validate::Context::default()).findings)
        .unwrap_or_default();
    let broken = findings.iter().any(Finding::is_error);
    RoleSummary {
        editable: false,
        team: team_tag(&role).map(str::to_string),
        permissions_boundary: role.permissions_boundary.clone(),
        usable_by_tasks: !broken && role.trust_policy.is_some(),
        suggested_trust_policy: broken.then(|| trust_policy(target)),
        role_name: role.role_name,
        arn: role.arn,
        path: role.path,
        created_at: role.created_at,
        trust_policy: role.trust_policy,
        findings,
        policy,
    }
}

/// One page of the account's roles, each judged as a task/execution role.
#[tracing::instrument(skip(state, user), fields(user = %user.name))]
pub async fn list(
    state: &AppState,
    user: &User,
    next_token: Option<String>,
    refresh: bool,
) -> Result<RolePage, ServiceError> {
    authorize(user, Action::Read)?;
    let next_token = names::page_token("nextToken", next_token, 320)?;
    let target = target(state).await?;
    let key = format!("roles?{next_token:?}");
    let ((roles, next_token), fetched_at) = state
        .cache
        .get_or_fetch(Area::Iam, &key, refresh, || {
            state.iam.list_roles(next_token.clone())
        })
        .await?;
    Ok(RolePage {
        roles: roles
            .into_iter()
            .map(|r| summarize(r, &target, None))
            .collect(),
        next_token,
        fetched_at: Some(cache::rfc3339(fetched_at)),
    })
}

/// One role with its trust policy's findings (and the fix) and Berth's inline policy.
#[tracing::instrument(skip(state, user), fields(user = %user.name))]
pub async fn get(state: &AppState, user: &User, name: &str) -> Result<RoleSummary, ServiceError> {
    names::role("name", name)?;
    authorize(user, Action::Read)?;
    let target = target(state).await?;
    let role = existing_role(state, name).await?;
    let policy = state.iam.get_role_policy(name, POLICY_NAME).await?;
    let tags = role.tags.clone();
    Ok(for_caller(user, summarize(role, &target, policy), &tags))
}

/// Replaces a role's trust policy — typically with the suggested fix (`ecs-tasks.amazonaws.com`
/// instead of EC2's principal). The document must have no error finding; the change is
/// audited, and the answer is the role as IAM now holds it.
#[tracing::instrument(skip(state, user, document), fields(user = %user.name))]
pub async fn update_trust_policy(
    state: &AppState,
    user: &User,
    name: &str,
    document: &Value,
) -> Result<RoleSummary, ServiceError> {
    names::role("name", name)?;
    authorize(user, Action::Deploy)?;
    let report = validate::check(Kind::TrustPolicy, document, &context(state));
    if !report.is_ok() {
        return Err(ServiceError::Validation(report.findings));
    }
    let target = target(state).await?;
    let mut role = owned_role(state, user, name).await?;
    if role.trust_policy.as_ref() != Some(document) {
        let result = state
            .cache
            .after_write(
                Area::Iam,
                state
                    .iam
                    .update_assume_role_policy(name, &document.to_string()),
            )
            .await;
        let team = team_tag(&role).map(str::to_string);
        audited(
            state,
            user,
            "role.trust.update",
            (name, &role.arn, team.as_deref()),
            result,
        )
        .await?;
        role.trust_policy = Some(document.clone());
    }
    let policy = state.iam.get_role_policy(name, POLICY_NAME).await?;
    let tags = role.tags.clone();
    Ok(for_caller(user, summarize(role, &target, policy), &tags))
}

/// Puts Berth's generated inline policy on an existing role — after a task definition
/// changed (a new secret, log group or image), so the role keeps allowing exactly what the
/// task needs. Unchanged policies are not re-sent; changes are audited.
#[tracing::instrument(skip(state, user, request), fields(user = %user.name))]
pub async fn put_policy(
    state: &AppState,
    user: &User,
    name: &str,
    request: &CreateRoleRequest,
) -> Result<RoleSummary, ServiceError> {
    names::role("name", name)?;
    let Plan {
        target, generated, ..
    } = plan(state, user, request, name, false).await?;
    let Some(generated) = generated else {
        return Err(ServiceError::Validation(error(
            "SCHEMA",
            "taskDefinition",
            "This task definition needs no permissions on this kind of role: there is no policy to put.",
        )));
    };
    let role = owned_role(state, user, name).await?;
    let current = state.iam.get_role_policy(name, POLICY_NAME).await?;
    if current.as_ref() != Some(&generated.policy) {
        let result = state
            .cache
            .after_write(
                Area::Iam,
                state
                    .iam
                    .put_role_policy(name, POLICY_NAME, &generated.policy.to_string()),
            )
            .await;
        let team = team_tag(&role).map(str::to_string);
        audited(
            state,
            user,
            "role.policy.put",
            (name, &role.arn, team.as_deref()),
            result,
        )
        .await?;
    }
    let tags = role.tags.clone();
    Ok(for_caller(
        user,
        summarize(role, &target, Some(generated.policy)),
        &tags,
    ))
}

/// Deletes a role (with its inline policies and attachments) — the undo of creating one.
/// Task definitions that still name it will fail to start tasks: the page says so first.
#[tracing::instrument(skip(state, user), fields(user = %user.name))]
pub async fn delete(state: &AppState, user: &User, name: &str) -> Result<(), ServiceError> {
    names::role("name", name)?;
    let role = owned_role(state, user, name).await?;
    let team = team_tag(&role).map(str::to_string);
    let result = state
        .cache
        .after_write(Area::Iam, state.iam.delete_role(name))
        .await;
    // The audit target is the name either way: the role is gone afterwards.
    audited(
        state,
        user,
        "role.delete",
        (name, name, team.as_deref()),
        result,
    )
    .await
    .map_err(|e| match e {
        ServiceError::Aws(e) if e.kind == AwsErrorKind::NotFound => {
            ServiceError::NotFound(format!("role `{name}` does not exist"))
        }
        other => other,
    })
}

/// Adopts an existing role into `team` (admins only): tags it `berth:team=<team>`, after
/// which the team's deployers may change it. Audited.
#[tracing::instrument(skip(state, user), fields(user = %user.name))]
pub async fn adopt(
    state: &AppState,
    user: &User,
    name: &str,
    team: &str,
) -> Result<RoleSummary, ServiceError> {
    names::role("name", name)?;
    authorize(user, Action::Administer)?;
    ownership::check_team_name(team)?;
    if !crate::auth::users::team_exists(&state.db, team).await? {
        return Err(ServiceError::NotFound(format!(
            "team `{team}` does not exist"
        )));
    }
    let target = target(state).await?;
    let mut role = existing_role(state, name).await?;
    let tags = [(ownership::TEAM_TAG.to_string(), team.to_string())];
    let result = state
        .cache
        .after_write(Area::Iam, state.iam.tag_role(name, &tags))
        .await;
    audited(
        state,
        user,
        "role.adopt",
        (name, &role.arn, Some(team)),
        result,
    )
    .await?;
    role.tags.retain(|(k, _)| k != ownership::TEAM_TAG);
    role.tags.extend(tags);
    let policy = state.iam.get_role_policy(name, POLICY_NAME).await?;
    let tags = role.tags.clone();
    Ok(for_caller(user, summarize(role, &target, policy), &tags))
}

/// The roles a task definition names (`executionRoleArn`, `taskRoleArn`), checked against
/// what the caller owns: a role of one of their teams (by tag) in this account, or a role
/// that does not exist yet and is named `T-…` for one of their teams (IAM-GUARD-008, a
/// warning). Anything else is refused with the finding at the field (IAM-GUARD-009): passing
/// another team's role to ECS would hand its permissions to this team's tasks. Admins may
/// name any role. Returns the warnings.
pub async fn check_references(
    state: &AppState,
    user: &User,
    td: &TaskDefinition,
) -> Result<Vec<Finding>, ServiceError> {
    let fields = [
        ("executionRoleArn", td.execution_role_arn.as_deref()),
        ("taskRoleArn", td.task_role_arn.as_deref()),
    ];
    let mut warnings = Findings::new();
    let mut refused = Findings::new();
    let mut target_account: Option<String> = None;
    for (field, value) in fields {
        let Some(value) = value.filter(|v| !v.is_empty()) else {
            continue;
        };
        if user.is_admin() {
            continue;
        }
        // ECS takes a role's name or its ARN.
        let (account, name) = match role_of(value) {
            Some((account, name)) => (Some(account), name),
            None => (None, value),
        };
        if let Some(account) = account {
            let ours = match &target_account {
                Some(a) => a.clone(),
                None => {
                    let a = target(state).await?.account;
                    target_account = Some(a.clone());
                    a
                }
            };
            if account != ours {
                refused.error(
                    "IAM-GUARD-009",
                    field,
                    format!("`{value}` is a role in account {account}; a task definition may name only roles of your team in this account ({ours})."),
                );
                continue;
            }
        }
        match state.iam.get_role(name).await {
            Ok(role) => {
                let owner = team_tag(&role);
                if !owner.is_some_and(|t| user.in_team(t)) {
                    let whose = match owner {
                        Some(t) => format!("is tagged {}={t}", ownership::TEAM_TAG),
                        None => format!(
                            "is not tagged {} with one of your teams",
                            ownership::TEAM_TAG
                        ),
                    };
                    refused.error(
                        "IAM-GUARD-009",
                        field,
                        format!("Role `{name}` {whose}: its permissions are not your team's to hand to tasks. Use a role of your team, or ask an admin to adopt this one."),
                    );
                }
            }
            Err(e) if e.kind == AwsErrorKind::NotFound => {
                let ownable = name
                    .split_once('-')
                    .is_some_and(|(t, _)| ownership::is_team_name(t) && user.in_team(t));
                if ownable {
                    warnings.warning(
                        "IAM-GUARD-008",
                        field,
                        format!("Role `{name}` does not exist yet: tasks cannot start until it does (create it in Roles, or from the wizard)."),
                    );
                } else {
                    refused.error(
                        "IAM-GUARD-009",
                        field,
                        format!("Role `{name}` does not exist, and a role you may name must belong to one of your teams (`{}-…`).", user.teams.first().map_or("team", String::as_str)),
                    );
                }
            }
            Err(e) => return Err(e.into()),
        }
    }
    let refused = refused.into_vec();
    if !refused.is_empty() {
        return Err(ServiceError::ForbiddenAt {
            message: "the task definition names a role your teams do not own".into(),
            findings: refused,
        });
    }
    Ok(warnings.into_vec())
}

/// The name and account of a role ARN (`arn:aws:iam::123456789012:role/path/name`).
fn role_of(arn: &str) -> Option<(&str, &str)> {
    let mut parts = arn.splitn(6, ':');
    let (_, _, _, _, account, resource) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    let name = resource.strip_prefix("role/")?.rsplit('/').next()?;
    Some((account, name))
}

/// Merges policy documents into one (their statements side by side), as IAM evaluates them.
fn merged(documents: &[Value]) -> Value {
    let statements: Vec<Value> = documents
        .iter()
        .flat_map(|d| match &d["Statement"] {
            Value::Array(items) => items.clone(),
            Value::Null => Vec::new(),
            one => vec![one.clone()],
        })
        .collect();
    serde_json::json!({"Version": "2012-10-17", "Statement": statements})
}

/// Checks the roles a task definition names, live: does IAM have them, can ECS tasks assume
/// them, and do their policies (inline and attached) allow what the task definition needs?
/// Where permissions are missing, Berth's generated policy is suggested.
#[tracing::instrument(skip(state, user, td), fields(user = %user.name))]
pub async fn check_for_task_definition(
    state: &AppState,
    user: &User,
    td: &TaskDefinition,
) -> Result<RoleCheck, ServiceError> {
    authorize(user, Action::Read)?;
    let target = target(state).await?;
    let mut roles = Vec::new();
    for (kind, label, arn) in [
        (
            RoleKind::Execution,
            "execution",
            td.execution_role_arn.as_deref(),
        ),
        (RoleKind::Task, "task", td.task_role_arn.as_deref()),
    ] {
        let Some(arn) = arn.filter(|a| !a.is_empty()) else {
            continue;
        };
        let (account, name) = role_of(arn).unwrap_or(("", arn));
        let mut item = RoleCheckItem {
            kind: label.into(),
            role_arn: arn.into(),
            role_name: name.into(),
            ..RoleCheckItem::default()
        };
        if account != target.account {
            roles.push(item);
            continue;
        }
        let role = match state.iam.get_role(name).await {
            Ok(role) => role,
            Err(e) if e.kind == AwsErrorKind::NotFound => {
                roles.push(item);
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        let summary = summarize(role, &target, None);
        item.found = true;
        item.usable_by_tasks = summary.usable_by_tasks;
        let mut trust = Findings::with_prefix("trustPolicy");
        trust.extend(summary.findings);
        item.findings = trust.into_vec();
        let documents = state.iam.role_policies(name).await?;
        let (policy, _) = parse_policy(&merged(&documents));
        let policy = policy.unwrap_or_default();
        let (execution, task) = match kind {
            RoleKind::Execution => (Some(&policy), None),
            RoleKind::Task => (None, Some(&policy)),
        };
        let missing =
            check_role_permissions(td, execution, task, &target.region, &target.account, false);
        if !missing.is_empty() {
            let generated = match kind {
                RoleKind::Execution => Some(execution_policy(td, &target, &[])),
                RoleKind::Task => task_policy(td, &target, false, &[]),
            };
            if let Some(g) = generated {
                item.suggested_policy = Some(g.policy);
                item.suggested_summary = g.summary;
            }
        }
        item.findings.extend(missing);
        roles.push(item);
    }
    Ok(RoleCheck { roles })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_arns_give_account_and_name() {
        assert_eq!(
            role_of("arn:aws:iam::123456789012:role/demo-exec"),
            Some(("123456789012", "demo-exec"))
        );
        assert_eq!(
            role_of("arn:aws:iam::123456789012:role/service/ecs/demo-exec"),
            Some(("123456789012", "demo-exec"))
        );
        assert_eq!(role_of("demo-exec"), None);
    }

    #[test]
    fn policies_merge_statement_lists_and_single_statements() {
        let a = serde_json::json!({"Statement": [{"Action": "a:A"}, {"Action": "a:B"}]});
        let b = serde_json::json!({"Statement": {"Action": "b:A"}});
        let m = merged(&[a, b]);
        assert_eq!(m["Statement"].as_array().unwrap().len(), 3);
        assert_eq!(m["Statement"][2]["Action"], "b:A");
    }
}
