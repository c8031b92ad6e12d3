//! Catalogue §2.7 — secrets, environment files, private registry credentials (TD-SEC /
//! TD-ENVF / TD-REPO).

use super::{cname, cpath, Facts, Secret, TaskDefinition};
use crate::ecs::names::{arn_parts, is_parameter_arn, is_parameter_name, is_secret_arn};
use crate::finding::Findings;
use crate::Context;
use std::collections::BTreeSet;

/// Where a `valueFrom` points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecretSource {
    SecretsManager,
    ParameterArn,
    ParameterName,
}

/// Classifies a `valueFrom`; `None` when it is none of the accepted forms.
pub fn secret_source(value_from: &str) -> Option<SecretSource> {
    if is_secret_arn(value_from) {
        Some(SecretSource::SecretsManager)
    } else if is_parameter_arn(value_from) {
        Some(SecretSource::ParameterArn)
    } else if !value_from.starts_with("arn:") && is_parameter_name(value_from) {
        Some(SecretSource::ParameterName)
    } else {
        None
    }
}

/// A Secrets Manager ARN without its `:json-key:version-stage:version-id` suffix: the resource
/// IAM policies name.
pub fn bare_secret_arn(arn: &str) -> String {
    arn.splitn(8, ':').take(7).collect::<Vec<_>>().join(":")
}

/// The IAM action and resource ARN needed to read a `valueFrom` (bare parameter names resolve
/// in the task's own Region and account).
pub fn secret_resource(
    value_from: &str,
    region: &str,
    account: &str,
) -> Option<(&'static str, String)> {
    match secret_source(value_from)? {
        SecretSource::SecretsManager => {
            Some(("secretsmanager:GetSecretValue", bare_secret_arn(value_from)))
        }
        SecretSource::ParameterArn => Some(("ssm:GetParameters", value_from.to_string())),
        SecretSource::ParameterName => {
            let name = value_from.trim_start_matches('/');
            Some((
                "ssm:GetParameters",
                format!("arn:aws:ssm:{region}:{account}:parameter/{name}"),
            ))
        }
    }
}

/// The `secret:<name>[:json-key:version-stage:version-id]` fields after the secret name.
fn secret_suffix(arn: &str) -> Vec<&str> {
    let resource = arn_parts(arn).map(|p| p[5]).unwrap_or("");
    // resource = "secret:name-AbCdEf[:json-key[:version-stage[:version-id]]]"
    resource.split(':').skip(2).collect()
}

/// Is this environment variable name or value likely a credential?
fn looks_sensitive(name: &str, value: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    let key_like = [
        "PASSWORD",
        "PASSWD",
        "SECRET",
        "PRIVATE_KEY",
        "API_KEY",
        "ACCESS_KEY",
        "TOKEN",
    ]
    .iter()
    .any(|w| upper.contains(w));
    let aws_key = value.len() == 20
        && (value.starts_with("AKIA") || value.starts_with("ASIA"))
        && value
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    (key_like && !value.is_empty()) || aws_key
}

fn check_secret_list(list: &[Secret], base: &str, facts: &Facts, ctx: &Context, f: &mut Findings) {
    for (j, s) in list.iter().enumerate() {
        let p = format!("{base}[{j}]");
        if s.name.as_deref().is_none_or(str::is_empty) {
            f.error(
                "TD-SEC-001",
                (&*p, "name"),
                "Each secret needs a name (the environment variable it becomes).",
            );
        }
        let Some(from) = s.value_from.as_deref().filter(|v| !v.is_empty()) else {
            f.error(
                "TD-SEC-001",
                (&*p, "valueFrom"),
                "Each secret needs a valueFrom: a Secrets Manager or SSM parameter ARN.",
            );
            continue;
        };
        match secret_source(from) {
            None => f.error(
                "TD-SEC-002",
                (&*p, "valueFrom"),
                "valueFrom must be a Secrets Manager secret ARN (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME) or an SSM parameter ARN or name.",
            ),
            Some(SecretSource::SecretsManager) => {
                let suffix = secret_suffix(from);
                let stage = suffix.get(1).is_some_and(|s| !s.is_empty());
                let id = suffix.get(2).is_some_and(|s| !s.is_empty());
                if stage && id {
                    f.error(
                        "TD-SEC-004",
                        (&*p, "valueFrom"),
                        "Specify a version stage or a version id for the secret, not both.",
                    );
                }
                if !suffix.is_empty() && facts.fargate && !facts.windows && ctx.platform_below("1.4.0") {
                    f.error(
                        "TD-SEC-005",
                        (&*p, "valueFrom"),
                        "JSON-key or versioned secret references need Fargate Linux platform 1.4.0 or later.",
                    );
                }
            }
            Some(_) => {}
        }
    }
}

pub(super) fn check(td: &TaskDefinition, facts: &Facts, ctx: &Context, f: &mut Findings) {
    let no_role = td.execution_role_arn.is_none();
    let mut reported = BTreeSet::new();
    let mut need_role = |rule: &'static str, message: String, f: &mut Findings| {
        if no_role && reported.insert(rule) {
            f.error(rule, "executionRoleArn", message);
        }
    };
    for (i, c) in facts.containers.iter().enumerate() {
        let base = cpath(i);
        let name = cname(c, i);
        let secrets = c.secrets.as_deref().unwrap_or_default();
        check_secret_list(secrets, &format!("{base}.secrets"), facts, ctx, f);
        let secret_options = c
            .log_configuration
            .as_ref()
            .and_then(|l| l.secret_options.as_deref())
            .unwrap_or_default();
        check_secret_list(
            secret_options,
            &format!("{base}.logConfiguration.secretOptions"),
            facts,
            ctx,
            f,
        );
        if !secrets.is_empty() || !secret_options.is_empty() {
            need_role(
                "TD-SEC-006",
                format!("Injecting secrets (container `{name}`) requires a task execution role; set executionRoleArn."),
                f,
            );
        }
        let env = c.environment.as_deref().unwrap_or_default();
        let mut names = BTreeSet::new();
        for (j, e) in env.iter().enumerate() {
            let n = e.name.as_deref().unwrap_or("");
            names.insert(n);
            if looks_sensitive(n, e.value.as_deref().unwrap_or("")) {
                f.warning(
                    "TD-SEC-008",
                    &format!("{base}.environment[{j}]"),
                    format!("`{n}` looks like a credential; plain environment variables are visible to anyone who can describe the task definition — move it to secrets."),
                );
            }
        }
        for (j, s) in secrets.iter().enumerate() {
            let n = s.name.as_deref().unwrap_or("");
            if !n.is_empty() && !names.insert(n) {
                f.warning(
                    "TD-SEC-007",
                    &format!("{base}.secrets[{j}].name"),
                    format!("Variable `{n}` is defined twice (environment and/or secrets); only one value will win."),
                );
            }
        }
        environment_files(td, facts, ctx, i, f);
        if c.environment_files.as_ref().is_some_and(|l| !l.is_empty()) {
            need_role(
                "TD-ENVF-005",
                "Environment files are downloaded with the task execution role; set executionRoleArn.".into(),
                f,
            );
        }
        if let Some(rc) = c.repository_credentials.as_ref() {
            let ok = rc
                .credentials_parameter
                .as_deref()
                .is_some_and(|p| is_secret_arn(p) || (!p.starts_with("arn:") && !p.is_empty()));
            if !ok {
                f.error(
                    "TD-REPO-001",
                    (&*base, "repositoryCredentials.credentialsParameter"),
                    "Private registry credentials must reference a Secrets Manager secret (its full ARN).",
                );
            }
            need_role(
                "TD-REPO-002",
                "Private registry authentication requires a task execution role with secretsmanager:GetSecretValue on the credentials secret.".into(),
                f,
            );
            if c.image.as_deref().is_some_and(super::image::is_ecr_image) {
                f.warning(
                    "TD-REPO-003",
                    (&*base, "repositoryCredentials"),
                    "repositoryCredentials is for non-ECR private registries; ECR pulls use the execution role's ECR permissions.",
                );
            }
        }
    }
}

fn environment_files(
    _td: &TaskDefinition,
    facts: &Facts,
    ctx: &Context,
    i: usize,
    f: &mut Findings,
) {
    let c = &facts.containers[i];
    let Some(files) = c.environment_files.as_deref() else {
        return;
    };
    let base = format!("{}.environmentFiles", cpath(i));
    if files.len() > 10 {
        f.error(
            "TD-ENVF-001",
            &base,
            format!(
                "At most 10 environment files per container; this one has {}.",
                files.len()
            ),
        );
    }
    if !files.is_empty() && facts.fargate && !facts.windows && ctx.platform_below("1.4.0") {
        f.error(
            "TD-ENVF-006",
            &base,
            "Environment files need Fargate Linux platform 1.4.0 or later.",
        );
    }
    for (j, file) in files.iter().enumerate() {
        let p = format!("{base}[{j}]");
        if file.kind.as_deref() != Some("s3") {
            f.error(
                "TD-ENVF-002",
                (&*p, "type"),
                "Environment file type must be \"s3\".",
            );
        }
        let value = file.value.as_deref().unwrap_or("");
        let key = arn_parts(value)
            .filter(|p| p[2] == "s3" && p[3].is_empty() && p[4].is_empty())
            .and_then(|p| p[5].split_once('/'))
            .filter(|(bucket, key)| !bucket.is_empty() && !key.is_empty())
            .map(|(_, key)| key);
        match key {
            None => f.error(
                "TD-ENVF-003",
                (&*p, "value"),
                "Environment file must be an S3 object ARN such as arn:aws:s3:::my-bucket/app/prod.env.",
            ),
            Some(key) if !key.ends_with(".env") => f.error(
                "TD-ENVF-004",
                (&*p, "value"),
                "Environment files must have the .env extension.",
            ),
            Some(_) => {}
        }
    }
}
