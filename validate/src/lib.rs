//! Berth's validator: the one place every ECS/ECR/IAM rule lives.
//!
//! Why it exists: a mistake should be caught before it reaches AWS, with a message that names
//! the field — and the browser (as WASM), the server (before every AWS call) and CI (`berth
//! validate`) must reach the same verdict. So the rules are plain functions over typed AWS
//! request documents, with no I/O, no async and few dependencies (serde_json; no regex engine,
//! no serde derive for the documents — see [`json`] for why).
//!
//! # Entry points
//! - [`check`] takes any JSON value and a [`Kind`] (`task-definition`, `service`,
//!   `repository`, `lifecycle-policy`, `trust-policy`: the API's and the CLI's kinds). Values
//!   of the wrong type become `SCHEMA` findings at their path; everything else still runs.
//! - Typed checks for what wizards build: [`ecs::task_definition::check_task_definition`],
//!   [`ecs::service::check_service`], [`ecr::check_repository`], [`ecr::check_lifecycle_policy`],
//!   [`iam::check_trust_policy`], [`iam::check_create_role`],
//!   [`iam::permissions::check_permission_policy`] and
//!   [`iam::permissions::check_role_permissions`] (policies against a task definition),
//!   [`ecr::registry`] (registry scanning, repository policies, pull-through cache rules,
//!   replication, creation templates, cross-account pulls), [`ecs::scaling`] (Application
//!   Auto Scaling target + target tracking), [`ec2::endpoints`] (VPC endpoint plans) and
//!   [`ec2::target_group`] (target group health checks).
//! - [`ecs::fargate`]: the Fargate size table as data; `memory_choices(cpu)` is what the task
//!   definition wizard offers.
//!
//! # Rules
//! Ids, field paths, severities and messages follow the catalogue (`docs/ecs-rules.md`, §2.1–
//! 2.23): 442 of its 456 rules are implemented, each with a failing and a passing case in the
//! table tests (`tests/coverage.rs` checks that). The catalogue's `error*` (accepted by AWS,
//! but the task can never start) is reported as `error`. Rules that need live AWS facts read
//! them from [`Context`] — the server fills it in, the browser leaves it empty, and a rule
//! whose facts are unknown stays silent (e.g. ECR-REPO-003 repository exists, SVC-002 service
//! exists, SVC-CP-007 cluster capacity providers, SVC-NET-005 / SVC-LB-012 / SVC-LB-013
//! subnet and target-group VPCs and zones, IAM-002 role names, IAM-018 PassRole, IAM-024
//! service-linked role, TD-PORT-019 instance count, TD-MISC-005 Docker API version, SVC-014
//! role paths, SVC-CP-010 / SVC-SC-009 what the service runs now).
//!
//! Left out, and why:
//! - AAS-017 (scale-in pauses during deployments) and TD-SEC-009 (secrets are read only at
//!   task start): statements about runtime behaviour with no input to check; the wizards show
//!   them as help text.
//! - ECR-AUTH-001 (authorization tokens expire after 12 h): concerns a cached `docker login`,
//!   not a document.
//! - ECR-ENC-004 (encryption can't be edited): Berth has no edit of encryption; the wizard
//!   says it is fixed at creation.
//! - ECR-LCP-021 (a policy would expire images in use): needs the lifecycle preview, which
//!   Berth computes from the repository's images outside the validator.
//! - ECR-REPL-006 (destination registry policy): the destination account's registry policy
//!   can't be read from the source account.
//! - ELB-010: the same check as SVC-LB-009/010, reported under those ids.
//! - ELB-015 (all targets unhealthy): live target health, not configuration.
//! - SVC-LB-016, TD-LOG-019, VOL-EFS-009 (security-group rules for the load balancer,
//!   FireLens and NFS): need an analysis of security-group rules that belongs to the VPC
//!   wizard; not decidable from the ECS documents.
//! - SVC-NET-010 (`assignPublicIp` "must be DISABLED"): the catalogue itself says not to
//!   enforce this doc inconsistency.
//! - TD-ENVF-007 (`environment` overrides the same variable from an environment file):
//!   needs the files' contents, which live in S3; firing whenever both are used was noise.
//! - TD-SEC-003 (bare parameter name from another Region/account): undecidable — a bare name
//!   is always resolved in the task's own Region and account, so there is nothing to compare.
//!
//! TD-FG-010 is reported for `user` and `readonlyRootFilesystem`; its other fields already
//! have more specific rules for Windows (TD-NET-005/009, TD-LNX-011, TD-ULIM-005), so one
//! mistake gives one finding.

#[macro_use]
pub mod json;
pub mod context;
pub mod diff;
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
/// `{"lifecyclePolicy": …}`, `{"service": …}`, `get-role`'s `{"Role": {…}}`).
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
        // `aws iam get-role` output: {"Role": {…, "AssumeRolePolicyDocument": {…}}}.
        Some(map) if kind == Kind::TrustPolicy && map.len() == 1 => map
            .get("Role")
            .and_then(|r| r.get(key))
            .or_else(|| map.get(key))
            .unwrap_or(doc),
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
