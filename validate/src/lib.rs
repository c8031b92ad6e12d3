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

pub mod context;
pub mod ecr;
pub mod finding;
pub mod model;
mod patterns;
pub mod schema;

pub use context::Context;
pub use finding::{Finding, Findings, Report, Severity};

use serde_json::Value;

/// The documents Berth can validate (the `{kind}` of `POST /api/v1/validate/{kind}` and of
/// `berth validate KIND`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A `CreateRepository` request, optionally with Berth's `lifecyclePolicy` object.
    Repository,
    /// An ECR lifecycle policy document (or `PutLifecyclePolicy` with `lifecyclePolicyText`).
    LifecyclePolicy,
}

impl Kind {
    /// Every kind with its wire name, in a stable order.
    pub const ALL: [Kind; 2] = [Kind::Repository, Kind::LifecyclePolicy];

    /// The kind's name as used in URLs and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Repository => "repository",
            Kind::LifecyclePolicy => "lifecycle-policy",
        }
    }

    /// Parses a kind name; `None` for kinds Berth does not know (the API answers 404).
    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// Validates an arbitrary JSON document of the given kind.
pub fn check(kind: Kind, doc: &Value, ctx: &Context) -> Report {
    let findings = match kind {
        Kind::Repository => ecr::check_repository_value(doc, ctx),
        Kind::LifecyclePolicy => ecr::check_lifecycle_policy_value(doc),
    };
    Report::new(findings)
}
