//! Wire shapes Berth returns (REST bodies and server-function results).
//!
//! Why here: this is the one crate both the browser bundle and the server compile, so the
//! types that cross the wire are defined once, next to the request documents they answer.
//! Plain data only — no behaviour beyond small helpers.

use crate::ecr::{EncryptionConfiguration, ExclusionFilter, ImageScanningConfiguration};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// An ECR repository as `DescribeRepositories` returns it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Repository {
    pub repository_name: String,
    pub repository_arn: String,
    pub registry_id: String,
    pub repository_uri: String,
    /// RFC 3339.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    pub image_tag_mutability: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub image_tag_mutability_exclusion_filters: Vec<ExclusionFilter>,
    pub image_scanning_configuration: ImageScanningConfiguration,
    pub encryption_configuration: EncryptionConfiguration,
}

impl Repository {
    /// The registry host (`123456789012.dkr.ecr.us-east-1.amazonaws.com`).
    pub fn registry_host(&self) -> &str {
        self.repository_uri
            .split_once('/')
            .map_or(self.repository_uri.as_str(), |(host, _)| host)
    }

    /// The Region, read from the ARN.
    pub fn region(&self) -> &str {
        self.repository_arn.split(':').nth(3).unwrap_or("us-east-1")
    }
}

/// `GET /api/v1/repositories/{name}`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RepositoryDetail {
    pub repository: Repository,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lifecycle_policy: Option<Value>,
}

/// One page of repositories.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RepositoryPage {
    pub repositories: Vec<Repository>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// The signed-in user as the API shows it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserInfo {
    pub name: String,
    pub roles: Vec<String>,
    pub teams: Vec<String>,
}

/// One audit log entry.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEvent {
    pub id: i64,
    /// RFC 3339.
    pub at: String,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub outcome: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aws_request_id: Option<String>,
}

/// A reference to one revision of a task definition family.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskDefinitionRef {
    pub task_definition_arn: String,
    pub family: String,
    pub revision: i64,
}

/// One registered revision: its identity and the `RegisterTaskDefinition` document (export
/// shape: no read-only fields).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskDefinitionRevision {
    pub task_definition_arn: String,
    pub family: String,
    pub revision: i64,
    /// `ACTIVE`, `INACTIVE` or `DELETE_IN_PROGRESS`.
    pub status: String,
    /// RFC 3339.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registered_at: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub task_definition: crate::ecs::task_definition::TaskDefinition,
}

/// One page of task definition families.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FamilyPage {
    pub families: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// One page of a family's revisions, newest first.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RevisionPage {
    pub family: String,
    pub task_definitions: Vec<TaskDefinitionRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}
