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
