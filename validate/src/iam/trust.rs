//! Trust policies of task and execution roles (IAM-005 … IAM-008, IAM-021).

use super::policy::{parse_policy, PolicyDocument};
use crate::finding::{Finding, Findings};
use crate::Context;
use serde_json::Value;

/// The service principal that assumes task and execution roles.
pub const ECS_TASKS: &str = "ecs-tasks.amazonaws.com";

/// Default account quota for a role trust policy (non-whitespace characters).
pub const TRUST_POLICY_QUOTA: usize = 2048;

/// Validates any JSON value (object or policy text) as a trust policy.
pub fn check_trust_policy_value(doc: &Value, ctx: &Context) -> Vec<Finding> {
    let (policy, mut findings) = parse_policy(doc);
    if let Some(policy) = policy {
        findings.extend(check_trust_policy(&policy, ctx));
    }
    findings
}

/// Validates a parsed trust policy of a role used as task or execution role.
pub fn check_trust_policy(policy: &PolicyDocument, _ctx: &Context) -> Vec<Finding> {
    let mut f = Findings::new();
    let mut trusted = false;
    for (path, s) in &policy.statements {
        if !s.allows() {
            continue;
        }
        let services: Vec<&str> = s
            .principals
            .iter()
            .filter(|(k, _)| k == "Service")
            .map(|(_, v)| v.as_str())
            .collect();
        let assumes = s.has_action("sts:AssumeRole");
        for wrong in services
            .iter()
            .filter(|v| matches!(**v, "ec2.amazonaws.com" | "ecs.amazonaws.com"))
        {
            f.error(
                "IAM-006",
                (path, "Principal.Service"),
                format!("Wrong service principal `{wrong}`: task and execution roles are assumed by {ECS_TASKS}. Replace it with {ECS_TASKS}."),
            );
        }
        if services.contains(&ECS_TASKS) && assumes {
            trusted = true;
            let guarded = s.condition_keys().any(|k| {
                k.eq_ignore_ascii_case("aws:SourceAccount")
                    || k.eq_ignore_ascii_case("aws:SourceArn")
            });
            if !guarded {
                f.warning(
                    "IAM-008",
                    (path, "Condition"),
                    "Add an aws:SourceAccount (or aws:SourceArn) condition to guard against the confused-deputy problem.",
                );
            }
            for (op, key, values) in &s.conditions {
                if !key.eq_ignore_ascii_case("aws:SourceArn") {
                    continue;
                }
                if values
                    .iter()
                    .any(|v| v.contains(":cluster/") && !v.contains('*'))
                {
                    f.warning(
                        "IAM-007",
                        &format!("{path}.Condition.{op}.{key}"),
                        "Restricting a task role's trust to a single cluster via aws:SourceArn isn't supported; use arn:aws:ecs:REGION:ACCOUNT:* or aws:SourceAccount.",
                    );
                }
            }
        }
    }
    super::guard::check_trust_principals(policy, &mut f);
    if !trusted {
        f.error(
            "IAM-005",
            "Statement",
            format!("This role must trust {ECS_TASKS} with sts:AssumeRole (an Allow statement with Principal.Service = {ECS_TASKS}), or tasks fail to start."),
        );
    }
    if policy.compact_len > TRUST_POLICY_QUOTA {
        f.error(
            "IAM-021",
            "",
            format!(
                "The trust policy has {} characters (without whitespace); the default IAM quota is {TRUST_POLICY_QUOTA}.",
                policy.compact_len
            ),
        );
    }
    f.into_vec()
}

/// VOL-EBS-005: the ECS infrastructure role that manages EBS volumes is assumed by
/// `ecs.amazonaws.com` — not by `ecs-tasks.amazonaws.com` like task and execution roles.
pub fn check_infrastructure_trust_policy_value(doc: &Value) -> Vec<Finding> {
    let (policy, mut findings) = parse_policy(doc);
    let Some(policy) = policy else {
        return findings;
    };
    let trusted = policy.statements.iter().any(|(_, s)| {
        s.allows()
            && s.has_action("sts:AssumeRole")
            && s.principals
                .iter()
                .any(|(k, v)| k == "Service" && v == "ecs.amazonaws.com")
    });
    if !trusted {
        let mut f = Findings::new();
        f.error(
            "VOL-EBS-005",
            "Statement",
            "The EBS infrastructure role must trust ecs.amazonaws.com (not ecs-tasks.amazonaws.com) with sts:AssumeRole, and should carry AmazonECSInfrastructureRolePolicyForVolumes.",
        );
        findings.extend(f.into_vec());
    }
    findings
}
