//! Catalogue §2.15–2.16 — load balancers and Service Connect (SVC-LB, SVC-SC), and the
//! cross-document task-definition rules (TD-MEM-007, TD-PORT-017, TD-HC-011, TD-RP-007,
//! VOL-EBS-002 … 011).

use super::{Service, SvcFacts};
use crate::ecs::names::{arn_parts, is_dns_alias, is_port_name};
use crate::ecs::task_definition::{ContainerDefinition, PortMapping, TaskDefinition};
use crate::finding::Findings;
use crate::Context;

fn containers(td: Option<&TaskDefinition>) -> &[ContainerDefinition] {
    td.and_then(|t| t.container_definitions.as_deref())
        .unwrap_or_default()
}

fn maps_port(m: &PortMapping, port: i64) -> bool {
    if m.container_port == Some(port) {
        return true;
    }
    m.container_port_range
        .as_deref()
        .and_then(|r| r.split_once('-'))
        .and_then(|(a, b)| Some((a.parse::<i64>().ok()?, b.parse::<i64>().ok()?)))
        .is_some_and(|(a, b)| (a..=b).contains(&port))
}

pub(super) fn check(
    svc: &Service,
    td: Option<&TaskDefinition>,
    facts: &SvcFacts,
    ctx: &Context,
    f: &mut Findings,
) {
    load_balancers(svc, td, facts, f);
    service_connect(svc, td, facts, ctx, f);
    cross(svc, td, f);
    ebs(svc, td, facts, f);
}

fn load_balancers(svc: &Service, td: Option<&TaskDefinition>, facts: &SvcFacts, f: &mut Findings) {
    let lbs = svc.load_balancers.as_deref().unwrap_or_default();
    if facts.controller == "CODE_DEPLOY" && !lbs.iter().any(|l| l.target_group_arn.is_some()) {
        f.error("SVC-LB-017", "loadBalancers", "Blue/green (CODE_DEPLOY) services require an Application or Network Load Balancer target group.");
    }
    if lbs.is_empty() {
        return;
    }
    let tgs = lbs.iter().filter(|l| l.target_group_arn.is_some()).count();
    let classic = lbs
        .iter()
        .filter(|l| l.load_balancer_name.is_some())
        .count();
    if tgs > 5 {
        f.error(
            "SVC-LB-005",
            "loadBalancers",
            "A service can attach at most 5 target groups.",
        );
    }
    if lbs.len() > 1 && facts.controller == "EXTERNAL" {
        f.error(
            "SVC-LB-006",
            "loadBalancers",
            "Multiple target groups are only supported with the ECS rolling deployment controller.",
        );
    }
    if classic > 1 {
        f.error(
            "SVC-LB-008",
            "loadBalancers",
            "Only one Classic Load Balancer per service.",
        );
    }
    let list = containers(td);
    for (i, lb) in lbs.iter().enumerate() {
        let p = format!("loadBalancers[{i}]");
        if lb.target_group_arn.is_some() && lb.load_balancer_name.is_some() {
            f.error("SVC-LB-002", &p, "For an ALB/NLB give targetGroupArn and omit loadBalancerName; for a Classic Load Balancer omit targetGroupArn.");
        }
        if lb.load_balancer_name.is_some() && (facts.awsvpc() == Some(true) || facts.fargate) {
            f.error(
                "SVC-LB-007",
                (&*p, "loadBalancerName"),
                "awsvpc services (including all Fargate services) only support ALB/NLB target groups, not Classic Load Balancers.",
            );
        }
        let missing = [
            (
                "targetGroupArn",
                lb.target_group_arn.is_none() && lb.load_balancer_name.is_none(),
            ),
            ("containerName", lb.container_name.is_none()),
            ("containerPort", lb.container_port.is_none()),
        ]
        .into_iter()
        .find(|(_, m)| *m);
        if let Some((field, _)) = missing {
            f.error("SVC-LB-001", (&*p, field), "Each load balancer attachment needs targetGroupArn, containerName and containerPort.");
            continue;
        }
        if td.is_none() {
            continue;
        }
        let name = lb.container_name.as_deref().unwrap_or("");
        let port = lb.container_port.unwrap_or(0);
        match list.iter().find(|c| c.name.as_deref() == Some(name)) {
            None => f.error(
                "SVC-LB-003",
                (&*p, "containerName"),
                format!("Container `{name}` is not in the task definition."),
            ),
            Some(c) => {
                if !c
                    .port_mappings
                    .as_deref()
                    .unwrap_or_default()
                    .iter()
                    .any(|m| maps_port(m, port))
                {
                    f.error(
                        "SVC-LB-004",
                        (&*p, "containerPort"),
                        format!("Container `{name}` has no port mapping for {port}; add it to its portMappings."),
                    );
                }
            }
        }
    }
}

fn service_connect(
    svc: &Service,
    td: Option<&TaskDefinition>,
    facts: &SvcFacts,
    ctx: &Context,
    f: &mut Findings,
) {
    let Some(sc) = svc.service_connect_configuration.as_ref() else {
        return;
    };
    let base = "serviceConnectConfiguration";
    if sc.enabled.is_none() {
        f.error(
            "SVC-SC-001",
            (base, "enabled"),
            "serviceConnectConfiguration.enabled is required.",
        );
    }
    if sc.enabled != Some(true) {
        return;
    }
    let old = facts.fargate && !facts.windows && {
        let pv = Context {
            platform_version: svc.platform_version.clone(),
            ..Context::default()
        };
        pv.platform_below("1.4.0")
    };
    if facts.windows
        || svc.launch_type.as_deref() == Some("EXTERNAL")
        || old
        || facts.controller != "ECS"
    {
        f.error(
            "SVC-SC-006",
            base,
            "Service Connect isn't supported for Windows tasks, ECS Anywhere, Fargate platforms before 1.4.0 or the CODE_DEPLOY/EXTERNAL deployment controllers.",
        );
    }
    if sc
        .access_log_configuration
        .as_ref()
        .is_some_and(|v| !v.is_null())
        && sc.log_configuration.as_ref().is_none_or(|v| v.is_null())
    {
        f.error("SVC-SC-007", (base, "accessLogConfiguration"), "Service Connect access logs need a logConfiguration in the Service Connect configuration.");
    }
    if let (Some(ns), Some(region)) = (sc.namespace.as_deref(), ctx.region.as_deref()) {
        if let Some(parts) = arn_parts(ns) {
            if !parts[3].is_empty() && parts[3] != region {
                f.error("SVC-SC-008", (base, "namespace"), format!("The Cloud Map namespace is in {}; it must be in the service's Region ({region}).", parts[3]));
            }
        }
    }
    let mappings: Vec<&PortMapping> = containers(td)
        .iter()
        .flat_map(|c| c.port_mappings.iter().flatten())
        .collect();
    for (i, s) in sc
        .services
        .as_deref()
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let p = format!("{base}.services[{i}]");
        let port_name = s.port_name.as_deref().unwrap_or("");
        if td.is_some() {
            match mappings.iter().find(|m| m.name.as_deref() == Some(port_name)) {
                None => f.error("SVC-SC-002", (&*p, "portName"), format!("portName `{port_name}` must match a named port mapping in the task definition.")),
                Some(m) if m.protocol.as_deref() == Some("udp") => f.error(
                    "TD-PORT-017",
                    (&*p, "portName"),
                    format!("Port mapping `{port_name}` uses udp; Service Connect supports only tcp port mappings."),
                ),
                Some(_) => {}
            }
        }
        let aliases = s.client_aliases.as_deref().unwrap_or_default();
        if aliases.len() > 1 {
            f.error(
                "SVC-SC-003",
                (&*p, "clientAliases"),
                "Only one client alias per Service Connect service.",
            );
        }
        for (j, a) in aliases.iter().enumerate() {
            if a.port.is_none_or(|v| !(0..=65535).contains(&v)) {
                f.error(
                    "SVC-SC-004",
                    &format!("{p}.clientAliases[{j}].port"),
                    "Each client alias needs a port between 0 and 65535.",
                );
            }
            if a.dns_name.as_deref().is_some_and(|d| !is_dns_alias(d)) {
                f.error("SVC-SC-005", &format!("{p}.clientAliases[{j}].dnsName"), "dnsName: up to 127 lowercase letters, digits, `_`, `-` or `.`, not starting with `-`.");
            }
        }
        if s.ingress_port_override
            .is_some_and(|v| !(0..=65535).contains(&v))
        {
            f.error(
                "SVC-SC-004",
                (&*p, "ingressPortOverride"),
                "ingressPortOverride must be 0–65535.",
            );
        }
        if s.discovery_name
            .as_deref()
            .is_some_and(|d| !is_port_name(d))
        {
            f.error("SVC-SC-005", (&*p, "discoveryName"), "discoveryName: up to 64 lowercase letters, digits, `_` or `-`, not starting with `-`.");
        }
    }
    if let Some(td) = td {
        if td.memory.is_none() {
            f.error(
                "TD-MEM-007",
                "taskDefinition.memory",
                "Service Connect requires a task-level memory limit in the task definition.",
            );
        }
    }
}

fn cross(svc: &Service, td: Option<&TaskDefinition>, f: &mut Findings) {
    let Some(td) = td else { return };
    if let (Some(family), Some(os)) = (
        svc.platform_family.as_deref(),
        td.runtime_platform
            .as_ref()
            .and_then(|r| r.operating_system_family.as_deref()),
    ) {
        let same = if family == "LINUX" {
            os == "LINUX"
        } else {
            os.starts_with(family) || family.starts_with("WINDOWS") == os.starts_with("WINDOWS")
        };
        if !same {
            f.error("TD-RP-007", "taskDefinition", format!("The service runs {family} tasks, but the task definition is for {os}; they must match."));
        }
    }
    let has_lb = svc.load_balancers.as_ref().is_some_and(|l| !l.is_empty());
    if !has_lb {
        return;
    }
    let grace = svc.health_check_grace_period_seconds.unwrap_or(0);
    for (i, c) in containers(Some(td)).iter().enumerate() {
        let Some(hc) = c.health_check.as_ref().filter(|_| c.is_essential()) else {
            continue;
        };
        let worst = hc.start_period.unwrap_or(0).saturating_add(
            hc.interval
                .unwrap_or(30)
                .saturating_mul(hc.retries.unwrap_or(3)),
        );
        if worst > grace.max(0).saturating_mul(2) && worst > grace.saturating_add(60) {
            f.warning(
                "TD-HC-011",
                "healthCheckGracePeriodSeconds",
                format!("Container {i} may need up to {worst} s to become healthy, but the grace period is {grace} s; ECS may replace tasks before they pass. Raise startPeriod or the grace period."),
            );
        }
    }
}

fn ebs(svc: &Service, td: Option<&TaskDefinition>, facts: &SvcFacts, f: &mut Findings) {
    let configs = svc.volume_configurations.as_deref().unwrap_or_default();
    let at_launch: Option<&str> = td.and_then(|t| {
        t.volumes
            .as_deref()
            .unwrap_or_default()
            .iter()
            .find(|v| v.configured_at_launch == Some(true))
            .and_then(|v| v.name.as_deref())
    });
    if configs.is_empty() {
        if at_launch.is_some() && !svc.is_update() {
            f.warning(
                "VOL-EBS-003",
                "volumeConfigurations",
                "The task definition expects an EBS volume at launch; supply volumeConfigurations or no volume is attached.",
            );
        }
        return;
    }
    for (i, vc) in configs.iter().enumerate() {
        let p = format!("volumeConfigurations[{i}]");
        if td.is_some() && vc.name.as_deref() != at_launch {
            f.error(
                "VOL-EBS-002",
                (&*p, "name"),
                match at_launch {
                    Some(n) => format!("volumeConfigurations name must equal the task definition's configured-at-launch volume `{n}`."),
                    None => "The task definition has no volume with configuredAtLaunch: true for this configuration.".into(),
                },
            );
        }
        let Some(m) = vc.managed_ebs_volume.as_ref() else {
            continue;
        };
        let mp = format!("{p}.managedEBSVolume");
        if m.role_arn.is_none() {
            f.error(
                "VOL-EBS-004",
                (&*mp, "roleArn"),
                "EBS volumes need the ECS infrastructure role ARN (trusting ecs.amazonaws.com).",
            );
        }
        let kind = m.volume_type.as_deref().unwrap_or("gp3");
        let range = match kind {
            "gp2" | "gp3" => Some((1, 16_384)),
            "io1" | "io2" => Some((4, 16_384)),
            "st1" | "sc1" => Some((125, 16_384)),
            "standard" => Some((1, 1_024)),
            _ => None,
        };
        if range.is_none() {
            f.error(
                "VOL-EBS-006",
                (&*mp, "volumeType"),
                "volumeType must be gp2, gp3, io1, io2, st1, sc1 or standard.",
            );
        }
        match (m.size_in_gib, m.snapshot_id.as_ref(), range) {
            (None, None, _) => f.error(
                "VOL-EBS-006",
                (&*mp, "sizeInGiB"),
                "Give an EBS size (GiB) or a snapshot ID.",
            ),
            (Some(size), _, Some((lo, hi))) if !(lo..=hi).contains(&size) => f.error(
                "VOL-EBS-006",
                (&*mp, "sizeInGiB"),
                format!("{kind} volumes are {lo}–{hi} GiB."),
            ),
            _ => {}
        }
        let iops_range = match kind {
            "gp3" => Some((3_000, 16_000)),
            "io1" => Some((100, 64_000)),
            "io2" => Some((100, 256_000)),
            _ => None,
        };
        match (m.iops, iops_range) {
            (None, _) if matches!(kind, "io1" | "io2") => f.error(
                "VOL-EBS-007",
                (&*mp, "iops"),
                format!("{kind} volumes need iops."),
            ),
            (Some(_), None) if matches!(kind, "st1" | "sc1" | "standard") => f.error(
                "VOL-EBS-007",
                (&*mp, "iops"),
                format!("iops can't be set for {kind} volumes."),
            ),
            (Some(v), Some((lo, hi))) if !(lo..=hi).contains(&v) => f.error(
                "VOL-EBS-007",
                (&*mp, "iops"),
                format!("{kind} iops must be {lo}–{hi}."),
            ),
            _ => {}
        }
        if let Some(t) = m.throughput {
            if kind != "gp3" || t > 1000 {
                f.error(
                    "VOL-EBS-008",
                    (&*mp, "throughput"),
                    "Throughput can only be set on gp3 volumes (max 1,000 MiB/s).",
                );
            }
        }
        if kind == "standard" && facts.fargate {
            f.error(
                "VOL-EBS-009",
                (&*mp, "volumeType"),
                "Magnetic (standard) EBS volumes aren't supported on Fargate.",
            );
        }
        if m.volume_initialization_rate.is_some() && m.snapshot_id.is_none() {
            f.error("VOL-EBS-010", (&*mp, "volumeInitializationRate"), "volumeInitializationRate can only be used when creating the volume from a snapshot.");
        }
        if let Some(fs) = m.filesystem_type.as_deref() {
            let ok = if facts.windows {
                fs == "ntfs"
            } else {
                matches!(fs, "ext3" | "ext4" | "xfs")
            };
            if !ok {
                f.error("VOL-EBS-011", (&*mp, "filesystemType"), "The filesystem type must match the OS: ext3, ext4 or xfs for Linux, ntfs for Windows.");
            }
        }
    }
}
