//! `CreateRole` requests for task and execution roles (IAM-001 … IAM-004), with the trust
//! policy checked under `AssumeRolePolicyDocument`.

use super::trust::check_trust_policy_value;
use crate::ecs::names::{is_role_name, is_tag_text};
use crate::finding::{Finding, Findings};
use crate::{json, Context};
use serde_json::Value;

json_struct! {
    /// IAM tags use capitalised keys.
    pub struct IamTag {
        pub key: Option<String> = "Key",
        pub value: Option<String> = "Value",
    }
}

json_struct! {
    /// The `CreateRole` request (IAM's PascalCase field names).
    pub struct CreateRole {
        pub role_name: Option<String> = "RoleName",
        pub path: Option<String> = "Path",
        /// An object, or the JSON text IAM takes.
        pub assume_role_policy_document: Option<Value> = "AssumeRolePolicyDocument",
        pub description: Option<String> = "Description",
        pub max_session_duration: Option<i64> = "MaxSessionDuration",
        pub permissions_boundary: Option<String> = "PermissionsBoundary",
        pub tags: Option<Vec<IamTag>> = "Tags",
    }
}

pub fn check_create_role_value(doc: &Value, ctx: &Context) -> Vec<Finding> {
    let (role, mut findings) = json::read::<CreateRole>(doc);
    if let Some(role) = role {
        findings.extend(check_create_role(&role, ctx));
    }
    findings
}

pub fn check_create_role(role: &CreateRole, ctx: &Context) -> Vec<Finding> {
    let mut f = Findings::new();
    match role.role_name.as_deref() {
        Some(name) if is_role_name(name) => {
            if ctx
                .existing_role_names
                .iter()
                .any(|r| r.eq_ignore_ascii_case(name))
            {
                f.error(
                    "IAM-002",
                    "RoleName",
                    format!("A role named `{name}` already exists (role names are unique per account regardless of case)."),
                );
            }
        }
        _ => f.error(
            "IAM-001",
            "RoleName",
            "Role names are 1–64 characters: letters, digits and `+ = , . @ _ -`.",
        ),
    }
    if let Some(path) = role.path.as_deref() {
        let ok = path == "/"
            || (path.len() <= 512
                && path.len() > 2
                && path.starts_with('/')
                && path.ends_with('/')
                && path[1..path.len() - 1]
                    .chars()
                    .all(|c| ('\u{21}'..='\u{7e}').contains(&c)));
        if !ok {
            f.error("IAM-003", "Path", "The role path must be \"/\" or begin and end with \"/\" (printable ASCII, max 512).");
        }
    }
    if role
        .description
        .as_ref()
        .is_some_and(|d| d.chars().count() > 1000)
    {
        f.error(
            "IAM-004",
            "Description",
            "The description is at most 1000 characters.",
        );
    }
    if role
        .max_session_duration
        .is_some_and(|d| !(3600..=43200).contains(&d))
    {
        f.error(
            "IAM-004",
            "MaxSessionDuration",
            "MaxSessionDuration must be 3600–43200 seconds (1–12 hours).",
        );
    }
    if let Some(tags) = role.tags.as_deref() {
        if tags.len() > 50 {
            f.error("IAM-004", "Tags", "A role can have at most 50 tags.");
        }
        for (i, t) in tags.iter().enumerate() {
            let key = t.key.as_deref().unwrap_or("");
            if !(1..=128).contains(&key.chars().count()) || !is_tag_text(key) {
                f.error(
                    "IAM-004",
                    &format!("Tags[{i}].Key"),
                    "Tag keys are 1–128 characters: letters, digits, spaces and `_ . : / = + - @`.",
                );
            }
            if t.value
                .as_deref()
                .is_some_and(|v| v.chars().count() > 256 || !is_tag_text(v))
            {
                f.error("IAM-004", &format!("Tags[{i}].Value"), "Tag values are at most 256 characters: letters, digits, spaces and `_ . : / = + - @`.");
            }
        }
    }
    let mut findings = f.into_vec();
    match role
        .assume_role_policy_document
        .as_ref()
        .filter(|d| !d.is_null())
    {
        Some(doc) => {
            let mut nested = Findings::with_prefix("AssumeRolePolicyDocument");
            nested.extend(check_trust_policy_value(doc, ctx));
            findings.extend(nested.into_vec());
        }
        None => {
            let mut f = Findings::new();
            f.error(
                "IAM-005",
                "AssumeRolePolicyDocument",
                "A task or execution role needs a trust policy that lets ecs-tasks.amazonaws.com assume it.",
            );
            findings.extend(f.into_vec());
        }
    }
    findings
}
