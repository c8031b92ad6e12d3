//! Facts a rule needs that are not in the document itself.
//!
//! The browser fills in what the user chose; the server adds what it learned from AWS. A fact
//! left `None` means "unknown": rules that depend on it do not fire.

use serde::{Deserialize, Serialize};

/// Evaluation context shared by all rules.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Context {
    /// The AWS Region the request goes to (`us-east-1`).
    pub region: Option<String>,
    /// Whether a repository with the requested name already exists (server only).
    pub repository_exists: Option<bool>,
    /// Repository prefixes of the registry's pull-through cache rules (server only).
    pub pull_through_cache_prefixes: Vec<String>,
    /// The launch type the task will run with (`FARGATE`, `EC2`, `EXTERNAL`), when known from
    /// the service or the wizard rather than from `requiresCompatibilities`.
    pub launch_type: Option<String>,
    /// Operating system family (`LINUX`, `WINDOWS_SERVER_2022_CORE`, …) when the document does
    /// not say it itself.
    pub os: Option<String>,
    /// The Fargate platform version the task will run on (`1.4.0`, `LATEST`).
    pub platform_version: Option<String>,
    /// Names of the account's IAM roles (server only; for IAM-002).
    pub existing_role_names: Vec<String>,
    /// Whether an active service with the requested name already exists in the cluster
    /// (server only; SVC-002).
    pub service_exists: Option<bool>,
    /// Capacity providers attached to the service's cluster (server only; SVC-CP-007).
    pub cluster_capacity_providers: Option<Vec<String>>,
    /// The task definition a service names, when the caller has it (the server describes it;
    /// the wizard holds it). Service rules that compare the two need it.
    pub task_definition: Option<Box<crate::ecs::task_definition::TaskDefinition>>,
    /// On a service update: the task definition the service runs now (SVC-SC-009).
    pub previous_task_definition: Option<Box<crate::ecs::task_definition::TaskDefinition>>,
    /// On a service update: the capacity providers the service uses now (SVC-CP-010).
    pub current_capacity_providers: Option<Vec<String>>,
    /// Registered container instances in the cluster (TD-PORT-019).
    pub container_instances: Option<i64>,
    /// Subnets, security groups and target groups the server looked up (SVC-NET-005,
    /// SVC-LB-012, SVC-LB-013).
    pub network: Option<NetworkFacts>,
    /// IAM roles by name with their paths (SVC-014).
    pub role_paths: Vec<RolePath>,
    /// Role ARNs the caller is not allowed to pass (`iam:PassRole`, from a policy simulation;
    /// IAM-018).
    pub roles_caller_cannot_pass: Vec<String>,
    /// Whether the ECS service-linked role exists in the account (IAM-024).
    pub service_linked_role_exists: Option<bool>,
    /// The ARN of the principal making the change (ECR-POL-003).
    pub caller_arn: Option<String>,
    /// Docker Remote API version of the EC2 container instances (`1.17`; TD-MISC-005).
    pub docker_api_version: Option<String>,
}

/// An IAM role's name and path.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RolePath {
    pub name: String,
    pub path: String,
}

/// What the server learned about the network resources a service names.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NetworkFacts {
    pub subnets: Vec<SubnetFact>,
    pub security_groups: Vec<SecurityGroupFact>,
    pub target_groups: Vec<TargetGroupFact>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SubnetFact {
    pub id: String,
    pub vpc_id: String,
    pub availability_zone: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SecurityGroupFact {
    pub id: String,
    pub vpc_id: String,
}

/// A target group and the Availability Zones its load balancer is enabled in.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TargetGroupFact {
    pub arn: String,
    pub vpc_id: String,
    pub load_balancer_zones: Vec<String>,
}

impl Context {
    /// True when a platform version is pinned and is older than `min` (`LATEST` never is).
    pub fn platform_below(&self, min: &str) -> bool {
        match self.platform_version.as_deref() {
            None => false,
            Some(v) if v.eq_ignore_ascii_case("LATEST") => false,
            Some(v) => match (version(v), version(min)) {
                (Some(have), Some(need)) => have < need,
                _ => false,
            },
        }
    }
}

/// `1.4.0` → `[1, 4, 0]`; `None` when it is not a dotted version.
fn version(text: &str) -> Option<Vec<u32>> {
    text.split('.').map(|p| p.parse().ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platform_versions_compare_numerically() {
        let ctx = |v: &str| Context {
            platform_version: Some(v.into()),
            ..Context::default()
        };
        assert!(ctx("1.3.0").platform_below("1.4.0"));
        assert!(!ctx("1.4.0").platform_below("1.4.0"));
        assert!(!ctx("LATEST").platform_below("1.4.0"));
        assert!(!Context::default().platform_below("1.4.0"));
        assert!(ctx("1.10.0").platform_below("1.11.0") && !ctx("1.10.0").platform_below("1.9.0"));
    }
}
