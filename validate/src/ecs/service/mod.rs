//! `CreateService` / `UpdateService` and the rules of catalogue §2.12–2.16 (SVC, SVC-DEP,
//! SVC-NET, SVC-CP, SVC-PLC, SVC-LB, SVC-SC), plus the task-definition rules that only a
//! service can decide (TD-MEM-007, TD-PORT-017, TD-HC-011, TD-RP-007, TD-FG-013,
//! TD-MISC-003/004, VOL-EBS-002 … 011).
//!
//! Many service rules compare the service with its task definition. The validator gets it
//! either inline (`"taskDefinition": {…}`, a Berth extension; its own findings are reported
//! under `taskDefinition.`) or from [`Context::task_definition`], which the server fills in
//! by describing the named revision. Without it those rules stay silent.

mod balancing;
mod deployment;
mod live;
pub mod model;
mod networking;

pub use model::*;

use crate::ecs::task_definition::{self, TaskDefinition};
use crate::finding::{Finding, Findings};
use crate::{json, Context};
use serde_json::Value;

/// Validates any JSON value as a service request (`describe-services` output is accepted when
/// it holds exactly one service).
pub fn check_service_value(doc: &Value, ctx: &Context) -> Vec<Finding> {
    let doc = match doc.get("services").and_then(Value::as_array) {
        Some(list) if list.len() == 1 => &list[0],
        _ => doc,
    };
    let (svc, mut findings) = json::read::<Service>(doc);
    let Some(svc) = svc else { return findings };
    let inline = match svc.task_definition.as_ref() {
        Some(v @ Value::Object(_)) => {
            let td_ctx = td_context(&svc, ctx);
            let mut nested = Findings::with_prefix("taskDefinition");
            nested.extend(task_definition::check_task_definition_value(v, &td_ctx));
            findings.extend(nested.into_vec());
            let (td, _) = json::read::<TaskDefinition>(&task_definition::request_document(v));
            td
        }
        Some(Value::String(_)) | None | Some(Value::Null) => None,
        Some(_) => {
            let mut f = Findings::new();
            f.error(
                "SCHEMA",
                "taskDefinition",
                "`taskDefinition` has the wrong type (expected a family, family:revision or ARN, or the task definition object).",
            );
            findings.extend(f.into_vec());
            None
        }
    };
    let td = inline.as_ref().or(ctx.task_definition.as_deref());
    findings.extend(check_service(&svc, td, ctx));
    findings
}

/// The context under which the service's task definition runs.
fn td_context(svc: &Service, ctx: &Context) -> Context {
    let facts = SvcFacts::new(svc, None);
    Context {
        launch_type: if facts.fargate {
            Some("FARGATE".into())
        } else {
            svc.launch_type.clone().or_else(|| ctx.launch_type.clone())
        },
        platform_version: svc
            .platform_version
            .clone()
            .or_else(|| ctx.platform_version.clone()),
        region: ctx.region.clone(),
        os: ctx.os.clone(),
        ..Context::default()
    }
}

/// Validates a typed service; `td` is its task definition when known.
pub fn check_service(svc: &Service, td: Option<&TaskDefinition>, ctx: &Context) -> Vec<Finding> {
    let facts = SvcFacts::new(svc, td);
    let mut f = Findings::new();
    deployment::check(svc, td, &facts, ctx, &mut f);
    networking::check(svc, td, &facts, ctx, &mut f);
    balancing::check(svc, td, &facts, ctx, &mut f);
    live::check(svc, td, &facts, ctx, &mut f);
    f.into_vec()
}

/// What the service rules derive first.
#[derive(Clone, Debug)]
pub struct SvcFacts {
    /// `ECS` (default), `CODE_DEPLOY` or `EXTERNAL`.
    pub controller: String,
    /// `REPLICA` (default) or `DAEMON`.
    pub daemon: bool,
    pub fargate: bool,
    pub ec2: bool,
    /// The task definition's network mode, when the task definition is known.
    pub network_mode: Option<String>,
    pub windows: bool,
}

impl SvcFacts {
    pub fn new(svc: &Service, td: Option<&TaskDefinition>) -> Self {
        let cps: Vec<&str> = svc
            .capacity_provider_strategy
            .as_deref()
            .unwrap_or_default()
            .iter()
            .filter_map(|c| c.capacity_provider.as_deref())
            .collect();
        let cp_fargate = cps.iter().any(|c| c.starts_with("FARGATE"));
        let launch = svc.launch_type.as_deref();
        let td_compat = td
            .and_then(|t| t.requires_compatibilities.as_deref())
            .unwrap_or_default();
        let td_only_fargate = !td_compat.is_empty() && td_compat.iter().all(|c| c == "FARGATE");
        let fargate = launch == Some("FARGATE")
            || cp_fargate
            || (launch.is_none() && cps.is_empty() && td_only_fargate);
        let ec2 = launch == Some("EC2") || (!cps.is_empty() && !cp_fargate);
        let windows = td
            .and_then(|t| t.runtime_platform.as_ref())
            .and_then(|p| p.operating_system_family.as_deref())
            .or(svc.platform_family.as_deref())
            .is_some_and(|os| os.starts_with("WINDOWS"));
        let network_mode = td.map(|t| {
            t.network_mode.clone().unwrap_or_else(|| {
                if fargate {
                    "awsvpc"
                } else if windows {
                    "default"
                } else {
                    "bridge"
                }
                .into()
            })
        });
        SvcFacts {
            controller: svc
                .deployment_controller
                .as_ref()
                .and_then(|c| c.kind.clone())
                .unwrap_or_else(|| "ECS".into()),
            daemon: svc.scheduling_strategy.as_deref() == Some("DAEMON"),
            fargate,
            ec2,
            network_mode,
            windows,
        }
    }

    pub fn awsvpc(&self) -> Option<bool> {
        self.network_mode.as_deref().map(|m| m == "awsvpc")
    }
}
