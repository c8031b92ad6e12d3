//! Catalogue §2.12 — service basics and deployment configuration (SVC, SVC-DEP).

use super::{Service, SvcFacts};
use crate::ecs::names::is_ecs_name;
use crate::ecs::task_definition::TaskDefinition;
use crate::finding::Findings;
use crate::Context;

pub(super) fn check(
    svc: &Service,
    td: Option<&TaskDefinition>,
    facts: &SvcFacts,
    ctx: &Context,
    f: &mut Findings,
) {
    basics(svc, td, facts, ctx, f);
    deployment(svc, td, facts, f);
}

fn basics(
    svc: &Service,
    td: Option<&TaskDefinition>,
    facts: &SvcFacts,
    ctx: &Context,
    f: &mut Findings,
) {
    let update = svc.is_update();
    match svc.service_name.as_deref() {
        None if update => {}
        Some(n) if is_ecs_name(n) => {
            if ctx.service_exists == Some(true) {
                f.error("SVC-002", "serviceName", format!("A service named `{n}` already exists in this cluster; names are unique per cluster."));
            }
        }
        _ => f.error(
            "SVC-001",
            "serviceName",
            "Service name: 1–255 letters, digits, hyphens or underscores.",
        ),
    }
    match svc.desired_count {
        None if !facts.daemon && !update => f.error(
            "SVC-003",
            "desiredCount",
            "Replica services need a desired task count.",
        ),
        Some(n) if n < 0 => f.error(
            "SVC-004",
            "desiredCount",
            "Desired count must be a whole number ≥ 0.",
        ),
        Some(n) => {
            if facts.daemon {
                f.warning(
                    "SVC-007",
                    "desiredCount",
                    "Daemon services run one task per instance; desiredCount is not used.",
                );
            }
            let discovery = svc
                .service_connect_configuration
                .as_ref()
                .is_some_and(|c| c.enabled == Some(true))
                || svc
                    .service_registries
                    .as_ref()
                    .is_some_and(|r| !r.is_empty());
            if n > 5000 {
                f.warning("SVC-005", "desiredCount", "More than 5,000 tasks per service exceeds the default quota; request an increase first.");
            } else if discovery && n > 1000 {
                f.warning("SVC-006", "desiredCount", "Services using Service Connect or service discovery are limited to 1,000 tasks.");
            }
        }
        None => {}
    }
    if let Some(s) = svc.scheduling_strategy.as_deref() {
        if !matches!(s, "REPLICA" | "DAEMON") {
            f.error(
                "SVC-008",
                "schedulingStrategy",
                "schedulingStrategy must be REPLICA or DAEMON.",
            );
        }
    }
    if facts.daemon {
        if facts.fargate || facts.controller != "ECS" {
            f.error(
                "SVC-008",
                "schedulingStrategy",
                "DAEMON scheduling isn't available on Fargate or with the CODE_DEPLOY/EXTERNAL deployment controllers.",
            );
        }
        if svc
            .placement_strategy
            .as_ref()
            .is_some_and(|p| !p.is_empty())
        {
            f.error(
                "SVC-009",
                "placementStrategy",
                "Placement strategies can't be used with the DAEMON scheduler.",
            );
        }
    }
    if !matches!(
        facts.controller.as_str(),
        "ECS" | "CODE_DEPLOY" | "EXTERNAL"
    ) {
        f.error(
            "SVC-010",
            "deploymentController.type",
            "deploymentController.type must be ECS, CODE_DEPLOY or EXTERNAL.",
        );
    } else if facts.controller != "EXTERNAL"
        && !update
        && svc.task_definition.as_ref().is_none_or(|v| v.is_null())
    {
        f.error(
            "SVC-010",
            "taskDefinition",
            "A task definition is required for the ECS and CODE_DEPLOY deployment controllers.",
        );
    }
    if let (Some(td), Some(launch)) = (td, svc.launch_type.as_deref()) {
        let compat = td.requires_compatibilities.as_deref().unwrap_or_default();
        let fits = if compat.is_empty() {
            launch == "EC2"
        } else {
            compat.iter().any(|c| c == launch)
        };
        if !fits {
            f.error(
                "SVC-011",
                "taskDefinition",
                format!("The task definition isn't compatible with the service's launch type `{launch}`; add it to requiresCompatibilities."),
            );
        }
    }
    if svc.platform_version.is_some() && !facts.fargate {
        f.error(
            "SVC-012",
            "platformVersion",
            "platformVersion only applies to Fargate services.",
        );
    }
    if svc.role.is_some() {
        let no_lb = svc.load_balancers.as_ref().is_none_or(|l| l.is_empty());
        if no_lb || facts.awsvpc() == Some(true) || facts.fargate {
            f.error(
                "SVC-013",
                "role",
                "Only pass `role` for non-awsvpc services that have a load balancer; awsvpc services use the ECS service-linked role.",
            );
        }
    }
    if svc.enable_ecs_managed_tags == Some(true) && svc.propagate_tags.is_none() {
        f.warning(
            "SVC-015",
            "propagateTags",
            "Set propagateTags (SERVICE or TASK_DEFINITION) when enabling ECS managed tags.",
        );
    }
    if let Some(tags) = svc.tags.as_deref() {
        crate::ecs::task_definition::general::check_ecs_tags(tags, "SVC-016", "SVC-016", f);
    }
    if let Some(token) = svc.client_token.as_deref() {
        if token.len() > 36 || !token.bytes().all(|b| (33..=126).contains(&b)) {
            f.error(
                "SVC-017",
                "clientToken",
                "clientToken: up to 36 printable ASCII characters.",
            );
        }
    }
    let registries = svc.service_registries.as_deref().unwrap_or_default();
    if registries.len() > 1 {
        f.error(
            "SVC-018",
            "serviceRegistries",
            "A service can have only one service registry.",
        );
    }
    if let Some(mode) = facts.network_mode.as_deref() {
        for (i, r) in registries.iter().enumerate() {
            let named = r.container_name.is_some() && r.container_port.is_some();
            let bad = match mode {
                "bridge" | "host" => !named,
                _ => named && r.port.is_some(),
            };
            if bad {
                f.error(
                    "SVC-019",
                    &format!("serviceRegistries[{i}]"),
                    "Service discovery needs containerName + containerPort (bridge/host), or one of containerName + containerPort and port (awsvpc SRV records), not both.",
                );
            }
        }
    }
    if svc.enable_execute_command == Some(true) {
        if facts.fargate
            && !facts.windows
            && svc.platform_version.as_ref().is_some_and(|_| {
                Context {
                    platform_version: svc.platform_version.clone(),
                    ..Context::default()
                }
                .platform_below("1.4.0")
            })
        {
            f.warning(
                "SVC-020",
                "enableExecuteCommand",
                "ECS Exec needs Fargate platform 1.4.0 or later.",
            );
        }
        if let Some(td) = td {
            if td.task_role_arn.is_none() {
                f.warning(
                    "SVC-020",
                    "enableExecuteCommand",
                    "ECS Exec needs a task role with ssmmessages:CreateControlChannel, CreateDataChannel, OpenControlChannel and OpenDataChannel; the task definition has none.",
                );
            }
            for (i, c) in td
                .container_definitions
                .as_deref()
                .unwrap_or_default()
                .iter()
                .enumerate()
            {
                if c.readonly_root_filesystem == Some(true) {
                    f.warning(
                        "TD-MISC-003",
                        &format!("taskDefinition.containerDefinitions[{i}].readonlyRootFilesystem"),
                        "ECS Exec needs a writable root filesystem for the SSM agent.",
                    );
                }
                if c.linux_parameters
                    .as_ref()
                    .and_then(|l| l.init_process_enabled)
                    != Some(true)
                    && !facts.windows
                {
                    f.warning(
                        "TD-MISC-004",
                        &format!("taskDefinition.containerDefinitions[{i}].linuxParameters.initProcessEnabled"),
                        "Enable initProcessEnabled to reap zombie processes left by ECS Exec sessions.",
                    );
                }
            }
        }
    }
}

fn deployment(svc: &Service, td: Option<&TaskDefinition>, facts: &SvcFacts, f: &mut Findings) {
    let dc = svc.deployment_configuration.as_ref();
    let max = dc.and_then(|d| d.maximum_percent);
    let min = dc.and_then(|d| d.minimum_healthy_percent);
    for (field, value) in [("maximumPercent", max), ("minimumHealthyPercent", min)] {
        if value.is_some_and(|v| v < 0) {
            f.error(
                "SVC-DEP-001",
                &format!("deploymentConfiguration.{field}"),
                "Deployment percentages must be whole numbers ≥ 0.",
            );
        }
    }
    if min.is_some_and(|m| m > 100) {
        f.warning(
            "SVC-DEP-002",
            "deploymentConfiguration.minimumHealthyPercent",
            "minimumHealthyPercent above 100 has no meaning; use 100 or less.",
        );
    }
    let eff_max = max.unwrap_or(if facts.daemon { 100 } else { 200 });
    let eff_min = min.unwrap_or(if facts.daemon { 0 } else { 100 });
    if (min.is_some() || max.is_some()) && eff_min >= eff_max && eff_max > 0 && !facts.daemon {
        f.error(
            "SVC-DEP-003",
            "deploymentConfiguration.minimumHealthyPercent",
            format!(
                "minimumHealthyPercent ({eff_min}) must be lower than maximumPercent ({eff_max})."
            ),
        );
    } else if !facts.daemon && facts.controller == "ECS" {
        if let Some(desired) = svc.desired_count.filter(|d| *d > 0) {
            let (d, min, max) = (
                i128::from(desired),
                i128::from(eff_min),
                i128::from(eff_max),
            );
            let lo = (d * min + 99) / 100;
            let hi = d * max / 100;
            if hi <= lo {
                f.warning(
                    "SVC-DEP-004",
                    "deploymentConfiguration.maximumPercent",
                    format!("With {desired} task(s), minimumHealthyPercent {eff_min} and maximumPercent {eff_max}, ECS can neither stop an old task nor start a new one, so deployments stall. Raise maximumPercent or lower minimumHealthyPercent."),
                );
            }
        }
    }
    if facts.daemon && max.is_some_and(|m| m != 100) {
        f.warning(
            "SVC-DEP-005",
            "deploymentConfiguration.maximumPercent",
            "Daemon services should keep maximumPercent at 100 (the default).",
        );
    }
    if facts.controller != "ECS" && (min.is_some() || max.is_some()) {
        let path = if min.is_some() {
            "deploymentConfiguration.minimumHealthyPercent"
        } else {
            "deploymentConfiguration.maximumPercent"
        };
        if facts.fargate {
            f.warning(
                "SVC-DEP-007",
                path,
                "These values are ignored for CODE_DEPLOY/EXTERNAL services on Fargate.",
            );
        } else if facts.ec2 || svc.launch_type.as_deref() == Some("EC2") {
            f.error("SVC-DEP-006", path, "Custom deployment percentages can't be set for blue/green (CODE_DEPLOY) or EXTERNAL services on EC2.");
        }
    }
    match dc.and_then(|d| d.deployment_circuit_breaker.as_ref()) {
        Some(cb) => {
            if facts.controller != "ECS" {
                f.error("SVC-DEP-008", "deploymentConfiguration.deploymentCircuitBreaker", "The deployment circuit breaker only works with the ECS (rolling) deployment controller.");
            }
            if cb.enable.is_none() || cb.rollback.is_none() {
                f.error("SVC-DEP-009", "deploymentConfiguration.deploymentCircuitBreaker", "The circuit breaker needs both enable and rollback.");
            }
        }
        None if facts.controller == "ECS" && !facts.daemon && !svc.is_update() => f.warning(
            "SVC-DEP-010",
            "deploymentConfiguration.deploymentCircuitBreaker",
            "Without the deployment circuit breaker a broken deployment can retry for hours; enable it with rollback.",
        ),
        None => {}
    }
    if let Some(al) = dc.and_then(|d| d.alarms.as_ref()) {
        if facts.controller != "ECS"
            || al.alarm_names.is_none()
            || al.enable.is_none()
            || al.rollback.is_none()
        {
            f.error("SVC-DEP-011", "deploymentConfiguration.alarms", "CloudWatch-alarm rollback needs the ECS controller and all of alarmNames, enable and rollback.");
        }
    }
    let strategy = dc.and_then(|d| d.strategy.as_deref());
    if let Some(s) = strategy {
        if !matches!(s, "ROLLING" | "BLUE_GREEN" | "LINEAR" | "CANARY") {
            f.error(
                "SVC-DEP-013",
                "deploymentConfiguration.strategy",
                "strategy must be ROLLING, BLUE_GREEN, LINEAR or CANARY.",
            );
        }
    }
    if strategy == Some("BLUE_GREEN") && dc.and_then(|d| d.bake_time_in_minutes).is_none() {
        f.error(
            "SVC-DEP-012",
            "deploymentConfiguration.bakeTimeInMinutes",
            "Blue/green (ECS-native) deployments need bakeTimeInMinutes.",
        );
    }
    if dc
        .and_then(|d| d.linear_configuration.as_ref())
        .is_some_and(|v| !v.is_null())
        && strategy != Some("LINEAR")
    {
        f.error(
            "SVC-DEP-013",
            "deploymentConfiguration.linearConfiguration",
            "linearConfiguration is only valid with strategy LINEAR.",
        );
    }
    if dc
        .and_then(|d| d.canary_configuration.as_ref())
        .is_some_and(|v| !v.is_null())
        && strategy != Some("CANARY")
    {
        f.error(
            "SVC-DEP-013",
            "deploymentConfiguration.canaryConfiguration",
            "canaryConfiguration is only valid with strategy CANARY.",
        );
    }
    if let Some(grace) = svc.health_check_grace_period_seconds {
        if !(0..=2_147_483_647).contains(&grace) {
            f.error(
                "SVC-DEP-014",
                "healthCheckGracePeriodSeconds",
                "The grace period must be 0–2,147,483,647 seconds.",
            );
        } else if grace > 0 {
            let lb = svc.load_balancers.as_ref().is_some_and(|l| !l.is_empty())
                || svc
                    .vpc_lattice_configurations
                    .as_ref()
                    .is_some_and(|l| !l.is_empty());
            let hc = td.is_some_and(|t| {
                t.container_definitions
                    .as_deref()
                    .unwrap_or_default()
                    .iter()
                    .any(|c| c.health_check.is_some())
            });
            if !lb && td.is_some() && !hc {
                f.warning(
                    "SVC-DEP-015",
                    "healthCheckGracePeriodSeconds",
                    "The grace period has no effect without a load balancer, VPC Lattice or container health checks.",
                );
            }
        }
    }
}
