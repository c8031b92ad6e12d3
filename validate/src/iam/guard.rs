//! Guard rails (IAM-GUARD-*): what Berth refuses to write into IAM for a user, because it
//! would let them gain more AWS power than their team's.
//!
//! Why it exists: Berth holds credentials that can create roles. A trust policy that lets
//! anyone but ECS tasks assume a role, or a task-role statement that grants IAM, STS or
//! account power, turns Berth into a privilege-escalation path. These rules run in the
//! browser as the user types and again in the service before any IAM call.
//!
//! - IAM-GUARD-001 (error): a trust policy statement trusts a principal other than
//!   `ecs-tasks.amazonaws.com` (`"*"`, an AWS account or role, a federated or canonical user,
//!   another service). EC2's and ECS's own principals are IAM-006 instead.
//! - IAM-GUARD-002 (error): a trust policy statement uses `NotPrincipal`.
//! - IAM-GUARD-003: a statement allows every action (`*`, `*:*`).
//! - IAM-GUARD-004: a statement uses `NotAction` (it allows everything it does not list).
//! - IAM-GUARD-005: a statement allows an action of an identity or account service (`iam:`,
//!   `sts:`, `organizations:`, `account:`, `sso:`, `sso-directory:`, `identitystore:`),
//!   wildcards expanded the way IAM matches them (`iam:Pass*`, `i*:*`, `?am:*`).
//! - IAM-GUARD-006: a statement allows a whole service (`s3:*`) on every resource.
//! - IAM-GUARD-007 (warning): any other statement on every resource (`"Resource": "*"` or
//!   `NotResource`).
//!
//! IAM-GUARD-003 … 006 are errors for everyone but admins, and warnings for admins. Deny
//! statements grant nothing and are not judged.

use super::policy::{parse_statements, PolicyDocument, Statement};
use super::trust::ECS_TASKS;
use crate::finding::{Finding, Findings};
use serde_json::Value;

/// Action prefixes of the services that control identities and the account itself.
pub const IDENTITY_SERVICES: [&str; 7] = [
    "iam:",
    "sts:",
    "organizations:",
    "account:",
    "sso:",
    "sso-directory:",
    "identitystore:",
];

/// Whether the IAM action pattern `pattern` (`*` any run, `?` one character, case-insensitive)
/// matches at least one action that starts with `prefix`. Runs the pattern as a small NFA over
/// the prefix: if any state survives, some completion of the prefix matches.
pub fn reaches(pattern: &str, prefix: &str) -> bool {
    let p = pattern.to_ascii_lowercase().into_bytes();
    let closure = |states: &mut Vec<bool>| {
        for i in 0..p.len() {
            if states[i] && p[i] == b'*' {
                states[i + 1] = true;
            }
        }
    };
    let mut states = vec![false; p.len() + 1];
    states[0] = true;
    closure(&mut states);
    for c in prefix.to_ascii_lowercase().bytes() {
        let mut next = vec![false; p.len() + 1];
        for i in (0..p.len()).filter(|&i| states[i]) {
            match p[i] {
                b'*' => next[i] = true,
                b'?' => next[i + 1] = true,
                x if x == c => next[i + 1] = true,
                _ => {}
            }
        }
        closure(&mut next);
        if !next.iter().any(|&s| s) {
            return false;
        }
        states = next;
    }
    true
}

/// IAM-GUARD-001/002 over a parsed trust policy (called by the trust-policy check).
pub(crate) fn check_trust_principals(policy: &PolicyDocument, f: &mut Findings) {
    for (path, s) in &policy.statements {
        if s.effect.as_deref() == Some("Deny") {
            continue;
        }
        if s.not_principal {
            f.error(
                "IAM-GUARD-002",
                (path, "NotPrincipal"),
                format!("NotPrincipal trusts everyone it does not name. Trust only {ECS_TASKS} with \"Principal\": {{\"Service\": \"{ECS_TASKS}\"}}."),
            );
        }
        for (kind, value) in &s.principals {
            let allowed = kind == "Service"
                && matches!(
                    value.as_str(),
                    ECS_TASKS | "ec2.amazonaws.com" | "ecs.amazonaws.com"
                );
            if allowed {
                continue;
            }
            let field = if kind == "*" {
                format!("{path}.Principal")
            } else {
                format!("{path}.Principal.{kind}")
            };
            f.error(
                "IAM-GUARD-001",
                &field,
                format!("Berth's roles trust only {ECS_TASKS}; `{value}` ({kind}) could assume this role and use its permissions. Remove it."),
            );
        }
    }
}

/// A statement field's path: `{path}.Action` for one value, `{path}.Action[j]` in a list.
fn item_path(path: &str, field: &str, len: usize, j: usize) -> String {
    if len == 1 {
        format!("{path}.{field}")
    } else {
        format!("{path}.{field}[{j}]")
    }
}

/// IAM-GUARD-003 … 007 over statements a user wrote for a task role (`statements[i]`).
/// `admin`: the refusals become warnings.
pub fn check_statements(statements: &[Value], admin: bool) -> Vec<Finding> {
    let (parsed, mut findings) = parse_statements(statements, "statements");
    let mut f = Findings::new();
    for (path, s) in &parsed {
        check_statement(path, s, admin, &mut f);
    }
    findings.extend(f.into_vec());
    findings
}

fn check_statement(path: &str, s: &Statement, admin: bool, f: &mut Findings) {
    if s.effect.as_deref() == Some("Deny") {
        return;
    }
    let refuse = |f: &mut Findings, rule: &str, at: &str, message: String| {
        let message = if admin {
            format!("{message} (Allowed for admins; check it is meant.)")
        } else {
            format!("{message} Only an admin can grant this.")
        };
        if admin {
            f.warning(rule, at, message);
        } else {
            f.error(rule, at, message);
        }
    };
    let mut refused = false;
    if !s.not_actions.is_empty() {
        refuse(
            f,
            "IAM-GUARD-004",
            &format!("{path}.NotAction"),
            "NotAction allows every action it does not list, including IAM and STS. Use Action with the actions the task needs.".into(),
        );
        refused = true;
    }
    let every_resource = s.resources.iter().any(|r| r == "*") || !s.not_resources.is_empty();
    let n = s.actions.len();
    for (j, action) in s.actions.iter().enumerate() {
        let at = item_path(path, "Action", n, j);
        let a = action.trim();
        if a == "*" || a == "*:*" {
            refuse(
                f,
                "IAM-GUARD-003",
                &at,
                format!("`{a}` allows every AWS action, IAM included: the task could make itself an administrator. Name the actions it needs."),
            );
            refused = true;
        } else if let Some(service) = IDENTITY_SERVICES.iter().find(|svc| reaches(a, svc)) {
            refuse(
                f,
                "IAM-GUARD-005",
                &at,
                format!("`{a}` grants `{}` actions, which control identities and the account: a task holding them can give itself more power than its team has.", service.trim_end_matches(':')),
            );
            refused = true;
        } else if every_resource
            && a.split_once(':')
                .is_some_and(|(_, op)| !op.is_empty() && op.bytes().all(|b| b == b'*'))
        {
            refuse(
                f,
                "IAM-GUARD-006",
                &at,
                format!("`{a}` on every resource (\"*\") gives the task the whole service in this account. Name the actions it needs, or the resources (ARNs) it works on."),
            );
            refused = true;
        }
    }
    if every_resource && !refused {
        let at = if s.not_resources.is_empty() {
            let r = s.resources.iter().position(|r| r == "*").unwrap_or(0);
            item_path(path, "Resource", s.resources.len(), r)
        } else {
            format!("{path}.NotResource")
        };
        f.warning(
            "IAM-GUARD-007",
            &at,
            "This statement applies to every resource in the account; name the ARNs the task works on where the service allows it.",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::reaches;

    #[test]
    fn wildcards_reach_services_the_way_iam_matches_them() {
        assert!(reaches("iam:PassRole", "iam:"));
        assert!(reaches("IAM:pass*", "iam:"));
        assert!(reaches("iam:Pass*", "iam:"));
        assert!(reaches("i*:*", "iam:"));
        assert!(reaches("?am:*", "iam:"));
        assert!(reaches("*", "sts:"));
        assert!(reaches("*:*", "organizations:"));
        assert!(reaches("s*", "sts:"));
        assert!(!reaches("s3:*", "sts:"));
        assert!(!reaches("ssm:GetParameters", "sts:"));
        assert!(!reaches("ia:*", "iam:"));
        assert!(!reaches("iam", "iam:"));
        assert!(!reaches("s3:GetObject", "iam:"));
    }
}
