//! Berth's validator: the one place every ECS/ECR/IAM rule lives.
//!
//! Why it exists: a mistake should be caught before it reaches AWS, with a message that names
//! the field — and the browser (as WASM), the server (before every AWS call) and CI (`berth
//! validate`) must reach the same verdict. So the rules are plain functions over typed AWS
//! request documents, with no I/O, no async and no heavy dependencies.
//!
//! Entry points:
//! - [`check`] takes any JSON value and a [`Kind`]; values of the wrong type become `SCHEMA`
//!   findings at their path instead of failing the whole document.
//! - [`ecr::check_repository`] / [`ecr::check_lifecycle_policy`] take the typed documents the
//!   wizards build.
//!
//! Rule ids, severities and messages follow `docs/ecs-rules.md` (the catalogue). Rules that
//! need live AWS facts (does the repository already exist?) read them from [`Context`], which
//! the server fills in; the browser leaves those facts unknown and the rules stay silent.

#[macro_use]
pub mod json;
pub mod context;
pub mod ec2;
pub mod ecr;
pub mod ecs;
pub mod finding;
pub mod iam;
pub mod model;
pub mod patterns;

pub use context::Context;
pub use finding::{Finding, Findings, Report, Severity};

use serde_json::Value;

/// The documents Berth can validate (the `{kind}` of `POST /api/v1/validate/{kind}` and of
/// `berth validate KIND`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A `RegisterTaskDefinition` request, or `describe-task-definition` output.
    TaskDefinition,
    /// A `CreateService` / `UpdateService` request, or `describe-services` output.
    Service,
    /// A `CreateRepository` request, optionally with Berth's `lifecyclePolicy` object.
    Repository,
    /// An ECR lifecycle policy document (or `PutLifecyclePolicy` with `lifecyclePolicyText`).
    LifecyclePolicy,
    /// The trust policy of a task or execution role (object or JSON text).
    TrustPolicy,
}

impl Kind {
    /// Every kind with its wire name, in a stable order.
    pub const ALL: [Kind; 5] = [
        Kind::TaskDefinition,
        Kind::Service,
        Kind::Repository,
        Kind::LifecyclePolicy,
        Kind::TrustPolicy,
    ];

    /// The kind's name as used in URLs and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::TaskDefinition => "task-definition",
            Kind::Service => "service",
            Kind::Repository => "repository",
            Kind::LifecyclePolicy => "lifecycle-policy",
            Kind::TrustPolicy => "trust-policy",
        }
    }

    /// Parses a kind name; `None` for kinds Berth does not know (the API answers 404).
    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// Strips the single-key output wrappers of the AWS CLI (`{"repository": {…}}`,
/// `{"lifecyclePolicy": …}`, `{"Role": {"AssumeRolePolicyDocument": …}}`).
fn unwrap_output(kind: Kind, doc: &Value) -> &Value {
    let key = match kind {
        Kind::Repository => "repository",
        Kind::LifecyclePolicy => "lifecyclePolicy",
        Kind::Service => "service",
        Kind::TrustPolicy => "AssumeRolePolicyDocument",
        // Handled with its sibling `tags` by `ecs::task_definition::request_document`.
        Kind::TaskDefinition => return doc,
    };
    match doc.as_object() {
        Some(map) if map.len() == 1 => map.get(key).unwrap_or(doc),
        _ => doc,
    }
}

/// Validates an arbitrary JSON document of the given kind.
pub fn check(kind: Kind, doc: &Value, ctx: &Context) -> Report {
    let doc = unwrap_output(kind, doc);
    let findings = match kind {
        Kind::TaskDefinition => ecs::task_definition::check_task_definition_value(doc, ctx),
        Kind::Service => ecs::service::check_service_value(doc, ctx),
        Kind::Repository => ecr::check_repository_value(doc, ctx),
        Kind::LifecyclePolicy => ecr::check_lifecycle_policy_value(doc),
        Kind::TrustPolicy => iam::check_trust_policy_value(doc, ctx),
    };
    Report::new(findings)
}
