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
    /// When this page's data was fetched from AWS (RFC 3339): list reads may be served from
    /// a cache a few seconds old; `refresh=true` asks for a new read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched_at: Option<String>,
}

/// One image of a repository, as the image picker and the repository page show it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImageSummary {
    /// `sha256:…`.
    pub image_digest: String,
    #[serde(default)]
    pub image_tags: Vec<String>,
    /// RFC 3339.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_pushed_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_size_in_bytes: Option<i64>,
}

/// One page of a repository's images, newest push first.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImagePage {
    pub images: Vec<ImageSummary>,
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

/// One of the caller's API tokens (never its secret).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenInfo {
    pub id: i64,
    pub name: String,
    /// RFC 3339.
    pub created_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_used_at: Option<String>,
    pub expires_at: String,
}

/// `GET /api/v1/tokens`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenList {
    pub tokens: Vec<TokenInfo>,
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
    /// When this page's data was fetched from AWS (RFC 3339): list reads may be served from
    /// a cache a few seconds old; `refresh=true` asks for a new read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched_at: Option<String>,
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

/// `POST /api/v1/roles`: a task execution role or a task role for a task definition.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateRoleRequest {
    /// `execution` or `task`.
    pub kind: String,
    /// Ignored by `PUT /api/v1/roles/{name}/policy` (the path names the role).
    #[serde(default)]
    pub role_name: String,
    /// The task definition the role is for (`RegisterTaskDefinition` shape); required for an
    /// execution role, whose policy is derived from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_definition: Option<Value>,
    /// Extra statements for a task role (what the application's code may do).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statements: Option<Vec<Value>>,
    /// Task role: allow ECS Exec (the four `ssmmessages` actions).
    #[serde(default)]
    pub enable_execute_command: bool,
    /// Execution role: customer-managed KMS keys that encrypt the secrets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kms_key_arns: Vec<String>,
    /// Leave out the trust policy's `aws:SourceAccount` / `aws:SourceArn` conditions (by
    /// default only tasks of this account may assume the role).
    #[serde(default)]
    pub skip_source_conditions: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// What `POST /api/v1/roles` answers.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedRole {
    pub role_arn: String,
    pub role_name: String,
    pub trust_policy: Value,
    /// The inline policy put on the role (`null` when the role needs none).
    pub policy: Option<Value>,
    /// What the role may do, in plain language.
    pub summary: Vec<String>,
    /// Warnings the validator had about the policies (never errors: those are a 422).
    pub findings: Vec<crate::Finding>,
}

/// A role as the role list and detail show it, judged as a task/execution role.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleSummary {
    pub role_name: String,
    pub arn: String,
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trust_policy: Option<Value>,
    /// Whether ECS tasks can assume it (trusts `ecs-tasks.amazonaws.com`).
    pub usable_by_tasks: bool,
    /// The trust policy's findings (IAM-005 … IAM-008).
    pub findings: Vec<crate::Finding>,
    /// When the trust policy has errors: the trust policy that fixes them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggested_trust_policy: Option<Value>,
    /// Berth's inline policy on the role, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<Value>,
    /// The team in the role's `berth:team` tag (read from the role itself; the list does not
    /// carry tags, so there it is absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// The role's permissions boundary (a managed policy ARN), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions_boundary: Option<String>,
    /// Whether the caller may change or delete it (a deployer of the team in its tag, or an
    /// admin); `false` in the list, which does not read tags.
    #[serde(default)]
    pub editable: bool,
}

/// One role a task definition names, checked live against IAM for what that task
/// definition needs.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleCheckItem {
    /// `execution` or `task`.
    pub kind: String,
    pub role_arn: String,
    pub role_name: String,
    /// Whether IAM has it (a role in another account is not looked up: `false`).
    pub found: bool,
    /// Whether ECS tasks can assume it.
    pub usable_by_tasks: bool,
    /// Trust policy findings and missing permissions (IAM-009, IAM-010, IAM-012, …).
    pub findings: Vec<crate::Finding>,
    /// When permissions are missing: Berth's generated policy for this task definition,
    /// with what it allows in plain words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggested_policy: Option<Value>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suggested_summary: Vec<String>,
}

/// The roles of one task definition revision, checked.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleCheck {
    pub roles: Vec<RoleCheckItem>,
}

/// One page of roles.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RolePage {
    pub roles: Vec<RoleSummary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    /// When this page's data was fetched from AWS (RFC 3339): list reads may be served from
    /// a cache a few seconds old; `refresh=true` asks for a new read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched_at: Option<String>,
}
