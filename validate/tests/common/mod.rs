//! Shared table-test machinery: documents built by merge-patching clean base documents, and a
//! runner that checks each rule fires on its bad case and stays silent on its good case.
#![allow(dead_code)]

use serde_json::{json, Value};
use validate::{Context, Finding, Severity};

/// One table row: `bad` must yield `rule` at `path` with `severity`; `good` must not yield
/// `rule` at all.
pub struct Case {
    pub rule: &'static str,
    pub severity: Severity,
    pub path: String,
    pub bad: Value,
    pub good: Value,
    pub ctx: Context,
}

impl Case {
    pub fn ctx(mut self, ctx: Context) -> Self {
        self.ctx = ctx;
        self
    }
}

#[macro_export]
macro_rules! case {
    ($rule:expr, $sev:ident, $path:expr, $bad:expr, $good:expr) => {
        $crate::common::Case {
            rule: $rule,
            severity: validate::Severity::$sev,
            path: $path.to_string(),
            bad: $bad,
            good: $good,
            ctx: validate::Context::default(),
        }
    };
}

/// RFC 7396 merge patch: objects merge, `null` deletes, everything else replaces.
pub fn merge(base: &Value, patch: &Value) -> Value {
    match (base, patch) {
        (Value::Object(b), Value::Object(p)) => {
            let mut out = b.clone();
            for (k, v) in p {
                if v.is_null() {
                    out.remove(k);
                } else {
                    let merged = merge(out.get(k).unwrap_or(&Value::Null), v);
                    out.insert(k.clone(), merged);
                }
            }
            Value::Object(out)
        }
        (_, p) => p.clone(),
    }
}

/// Runs every case through `check`; panics with all failures listed.
pub fn run(cases: Vec<Case>, check: impl Fn(&Value, &Context) -> Vec<Finding>) -> usize {
    let mut failures = Vec::new();
    for (i, c) in cases.iter().enumerate() {
        let bad = check(&c.bad, &c.ctx);
        if !bad
            .iter()
            .any(|f| f.rule == c.rule && f.path == c.path && f.severity == c.severity)
        {
            failures.push(format!(
                "case {i} {}: expected {:?} at `{}`, got {:#?}",
                c.rule, c.severity, c.path, bad
            ));
        }
        let good = check(&c.good, &c.ctx);
        if let Some(f) = good.iter().find(|f| f.rule == c.rule) {
            failures.push(format!(
                "case {i} {}: good case still reports it: {f:#?}",
                c.rule
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing:\n{}",
        failures.len(),
        failures.join("\n")
    );
    cases.len()
}

pub fn ctx_platform(v: &str) -> Context {
    Context {
        platform_version: Some(v.into()),
        ..Context::default()
    }
}

pub fn ctx_launch(v: &str) -> Context {
    Context {
        launch_type: Some(v.into()),
        ..Context::default()
    }
}

pub const EXEC_ROLE: &str = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole";

/// A clean Fargate Linux task definition.
pub fn fargate() -> Value {
    json!({
        "family": "web",
        "requiresCompatibilities": ["FARGATE"],
        "networkMode": "awsvpc",
        "cpu": "256",
        "memory": "512",
        "executionRoleArn": EXEC_ROLE,
        "containerDefinitions": [{
            "name": "app",
            "image": "nginx:1.25",
            "essential": true,
            "portMappings": [{"containerPort": 80, "protocol": "tcp"}],
            "logConfiguration": {"logDriver": "awslogs", "options": {
                "awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "ecs"}}
        }]
    })
}

/// A clean EC2 Linux task definition in bridge mode.
pub fn ec2() -> Value {
    json!({
        "family": "web",
        "requiresCompatibilities": ["EC2"],
        "networkMode": "bridge",
        "containerDefinitions": [{
            "name": "app",
            "image": "nginx:1.25",
            "memory": 256,
            "user": "1000",
            "portMappings": [{"containerPort": 80, "hostPort": 8080}]
        }]
    })
}

/// A clean Windows EC2 task definition.
pub fn windows() -> Value {
    json!({
        "family": "iis",
        "requiresCompatibilities": ["EC2"],
        "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE", "cpuArchitecture": "X86_64"},
        "containerDefinitions": [{
            "name": "iis",
            "image": "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022",
            "cpu": 1024,
            "memory": 2048,
            "portMappings": [{"containerPort": 80, "hostPort": 80}]
        }]
    })
}

/// `base` with `patch` merged into the document.
pub fn td(base: Value, patch: Value) -> Value {
    merge(&base, &patch)
}

/// `base` with `patch` merged into its first container.
pub fn c0(base: Value, patch: Value) -> Value {
    let mut doc = base;
    let merged = merge(&doc["containerDefinitions"][0], &patch);
    doc["containerDefinitions"][0] = merged;
    doc
}

/// `base` with a second container appended.
pub fn with_container(base: Value, container: Value) -> Value {
    let mut doc = base;
    doc["containerDefinitions"]
        .as_array_mut()
        .unwrap()
        .push(container);
    doc
}
