//! ECS: task definitions (register, list families and revisions, describe, deregister).
//!
//! The document ↔ SDK conversion is generated (`ecs_map.rs`); this adapter only calls the API
//! and shapes the answers into the wire types.

use super::ecs_map;
use super::{sdk_error, AwsError, AwsErrorKind, AwsOutput};
use async_trait::async_trait;
use aws_sdk_ecs::operation::RequestId;
use aws_sdk_ecs::types as ecs;
use aws_smithy_types::date_time::Format;
use validate::ecs::task_definition::TaskDefinition;
use validate::model::{TaskDefinitionRef, TaskDefinitionRevision};

/// What Berth asks of ECS.
#[async_trait]
pub trait EcsApi: Send + Sync {
    async fn register_task_definition(
        &self,
        request: &TaskDefinition,
    ) -> Result<AwsOutput<TaskDefinitionRevision>, AwsError>;
    /// One page of active family names (optionally starting with `prefix`).
    async fn list_task_definition_families(
        &self,
        prefix: Option<String>,
        next_token: Option<String>,
    ) -> Result<(Vec<String>, Option<String>), AwsError>;
    /// One page of a family's revisions, newest first.
    async fn list_task_definitions(
        &self,
        family: &str,
        max_results: Option<i32>,
        next_token: Option<String>,
    ) -> Result<(Vec<TaskDefinitionRef>, Option<String>), AwsError>;
    /// `family`, `family:revision` or an ARN.
    async fn describe_task_definition(&self, id: &str) -> Result<TaskDefinitionRevision, AwsError>;
    async fn deregister_task_definition(&self, id: &str) -> Result<AwsOutput<()>, AwsError>;
}

fn classify(code: &str) -> AwsErrorKind {
    match code {
        "ClientException" | "ResourceNotFoundException" => AwsErrorKind::NotFound,
        _ => AwsErrorKind::Other,
    }
}

/// The SDK-backed ECS adapter.
pub struct SdkEcs {
    client: aws_sdk_ecs::Client,
}

impl SdkEcs {
    pub fn new(config: &aws_config::SdkConfig) -> Self {
        SdkEcs {
            client: aws_sdk_ecs::Client::new(config),
        }
    }
}

/// `arn:…:task-definition/web:3` → `3` (0 when it has no revision).
pub fn revision_of(arn: &str) -> i64 {
    arn.rsplit(':')
        .next()
        .and_then(|r| r.parse().ok())
        .unwrap_or(0)
}

fn to_revision(td: &ecs::TaskDefinition, tags: &[ecs::Tag]) -> TaskDefinitionRevision {
    TaskDefinitionRevision {
        task_definition_arn: td.task_definition_arn().unwrap_or_default().to_string(),
        family: td.family().unwrap_or_default().to_string(),
        revision: i64::from(td.revision()),
        status: td.status().map_or("ACTIVE", |s| s.as_str()).to_string(),
        registered_at: td
            .registered_at()
            .and_then(|d| d.fmt(Format::DateTime).ok()),
        task_definition: normalized(ecs_map::from_task_definition(td, tags)),
    }
}

/// Drops values AWS fills in for fields that were never set, so an export equals what was
/// registered and export → register → export is stable.
fn normalized(mut td: TaskDefinition) -> TaskDefinition {
    for v in td.volumes.iter_mut().flatten() {
        if let Some(efs) = v.efs_volume_configuration.as_mut() {
            if efs.root_directory.as_deref() == Some("/") {
                efs.root_directory = None;
            }
        }
    }
    td
}

#[async_trait]
impl EcsApi for SdkEcs {
    async fn register_task_definition(
        &self,
        request: &TaskDefinition,
    ) -> Result<AwsOutput<TaskDefinitionRevision>, AwsError> {
        const OP: &str = "ecs:RegisterTaskDefinition";
        let call = ecs_map::register_request(self.client.register_task_definition(), request)
            .map_err(|e| AwsError {
                operation: OP,
                code: "InvalidRequest".into(),
                message: e.to_string(),
                request_id: None,
                kind: AwsErrorKind::Other,
            })?;
        let out = call.send().await.map_err(|e| sdk_error(OP, e, classify))?;
        let td = out.task_definition().ok_or_else(|| AwsError {
            operation: OP,
            code: "EmptyResponse".into(),
            message: "ECS returned no task definition".into(),
            request_id: out.request_id().map(str::to_string),
            kind: AwsErrorKind::Other,
        })?;
        Ok(AwsOutput {
            value: to_revision(td, out.tags()),
            request_id: out.request_id().map(str::to_string),
        })
    }

    async fn list_task_definition_families(
        &self,
        prefix: Option<String>,
        next_token: Option<String>,
    ) -> Result<(Vec<String>, Option<String>), AwsError> {
        let out = self
            .client
            .list_task_definition_families()
            .set_family_prefix(prefix)
            .status(ecs::TaskDefinitionFamilyStatus::Active)
            .set_next_token(next_token)
            .send()
            .await
            .map_err(|e| sdk_error("ecs:ListTaskDefinitionFamilies", e, classify))?;
        Ok((
            out.families().to_vec(),
            out.next_token().map(str::to_string),
        ))
    }

    async fn list_task_definitions(
        &self,
        family: &str,
        max_results: Option<i32>,
        next_token: Option<String>,
    ) -> Result<(Vec<TaskDefinitionRef>, Option<String>), AwsError> {
        let out = self
            .client
            .list_task_definitions()
            .family_prefix(family)
            .sort(ecs::SortOrder::Desc)
            .set_max_results(max_results)
            .set_next_token(next_token)
            .send()
            .await
            .map_err(|e| sdk_error("ecs:ListTaskDefinitions", e, classify))?;
        let refs = out
            .task_definition_arns()
            .iter()
            // A family prefix also matches `web-2` for `web`: keep exactly this family.
            .filter(|arn| {
                arn.rsplit('/')
                    .next()
                    .and_then(|s| s.rsplit_once(':'))
                    .map(|(f, _)| f)
                    == Some(family)
            })
            .map(|arn| TaskDefinitionRef {
                task_definition_arn: arn.clone(),
                family: family.to_string(),
                revision: revision_of(arn),
            })
            .collect::<Vec<_>>();
        // AWS sorts as asked; the emulator ignores `sort`, so order the page here too.
        let mut refs = refs;
        refs.sort_by_key(|r| std::cmp::Reverse(r.revision));
        Ok((refs, out.next_token().map(str::to_string)))
    }

    async fn describe_task_definition(&self, id: &str) -> Result<TaskDefinitionRevision, AwsError> {
        let out = self
            .client
            .describe_task_definition()
            .task_definition(id)
            .include(ecs::TaskDefinitionField::Tags)
            .send()
            .await
            .map_err(|e| sdk_error("ecs:DescribeTaskDefinition", e, classify))?;
        let td = out.task_definition().ok_or_else(|| AwsError {
            operation: "ecs:DescribeTaskDefinition",
            code: "NotFound".into(),
            message: format!("task definition {id} not found"),
            request_id: out.request_id().map(str::to_string),
            kind: AwsErrorKind::NotFound,
        })?;
        Ok(to_revision(td, out.tags()))
    }

    async fn deregister_task_definition(&self, id: &str) -> Result<AwsOutput<()>, AwsError> {
        let out = self
            .client
            .deregister_task_definition()
            .task_definition(id)
            .send()
            .await
            .map_err(|e| sdk_error("ecs:DeregisterTaskDefinition", e, classify))?;
        Ok(AwsOutput {
            value: (),
            request_id: out.request_id().map(str::to_string),
        })
    }
}
