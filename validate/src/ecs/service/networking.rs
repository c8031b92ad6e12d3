//! Catalogue §2.13–2.14 — service networking, launch type, capacity providers and placement
//! (SVC-NET, SVC-CP, SVC-PLC).

use super::{Service, SvcFacts};
use crate::ecs::task_definition::TaskDefinition;
use crate::finding::Findings;
use crate::Context;

fn is_ec2_id(id: &str, prefix: &str) -> bool {
    id.strip_prefix(prefix).is_some_and(|h| {
        (8..=17).contains(&h.len())
            && h.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

pub(super) fn check(
    svc: &Service,
    td: Option<&TaskDefinition>,
    facts: &SvcFacts,
    ctx: &Context,
    f: &mut Findings,
) {
    network(svc, facts, f);
    capacity(svc, td, facts, ctx, f);
    placement(svc, td, facts, f);
}

fn network(svc: &Service, facts: &SvcFacts, f: &mut Findings) {
    let nc = svc
        .network_configuration
        .as_ref()
        .and_then(|n| n.awsvpc_configuration.as_ref());
    match (facts.awsvpc(), nc.is_some()) {
        (Some(true), false) if !svc.is_update() => f.error(
            "SVC-NET-001",
            "networkConfiguration",
            "awsvpc tasks need networkConfiguration.awsvpcConfiguration with subnets and security groups.",
        ),
        (Some(false), true) => f.error(
            "SVC-NET-002",
            "networkConfiguration",
            "networkConfiguration is only valid for task definitions using the awsvpc network mode.",
        ),
        _ => {}
    }
    let Some(nc) = nc else { return };
    let base = "networkConfiguration.awsvpcConfiguration";
    let subnets = nc.subnets.as_deref().unwrap_or_default();
    if subnets.is_empty() || subnets.len() > 16 {
        f.error("SVC-NET-003", (base, "subnets"), "Specify 1–16 subnets.");
    }
    for (i, s) in subnets.iter().enumerate() {
        if !is_ec2_id(s, "subnet-") {
            f.error(
                "SVC-NET-006",
                &format!("{base}.subnets[{i}]"),
                format!("`{s}` is not a subnet ID; they look like subnet-0123456789abcdef0."),
            );
        }
    }
    match nc.security_groups.as_deref() {
        None => f.warning("SVC-NET-007", (base, "securityGroups"), "Without security groups the VPC's default security group is used; name one explicitly."),
        Some(groups) => {
            if groups.len() > 5 {
                f.error("SVC-NET-004", (base, "securityGroups"), "At most 5 security groups.");
            }
            for (i, g) in groups.iter().enumerate() {
                if !is_ec2_id(g, "sg-") {
                    f.error("SVC-NET-006", &format!("{base}.securityGroups[{i}]"), format!("`{g}` is not a security group ID; they look like sg-0123456789abcdef0."));
                }
            }
        }
    }
    if let Some(ip) = nc.assign_public_ip.as_deref() {
        if !matches!(ip, "ENABLED" | "DISABLED") {
            f.error(
                "SVC-NET-008",
                (base, "assignPublicIp"),
                "assignPublicIp must be ENABLED or DISABLED.",
            );
        } else if ip == "ENABLED" && !facts.fargate && facts.ec2 {
            f.error(
                "SVC-NET-008",
                (base, "assignPublicIp"),
                "Public IPs can only be assigned to Fargate tasks.",
            );
        }
    }
}

fn capacity(
    svc: &Service,
    td: Option<&TaskDefinition>,
    facts: &SvcFacts,
    ctx: &Context,
    f: &mut Findings,
) {
    if let Some(lt) = svc.launch_type.as_deref() {
        if lt == "MANAGED_INSTANCES" {
            f.error(
                "SVC-CP-009",
                "launchType",
                "Managed Instances are selected through capacityProviderStrategy, not launchType.",
            );
        } else if !matches!(lt, "EC2" | "FARGATE" | "EXTERNAL") {
            f.error(
                "SVC-CP-009",
                "launchType",
                "launchType must be EC2, FARGATE or EXTERNAL.",
            );
        }
    }
    let Some(items) = svc
        .capacity_provider_strategy
        .as_deref()
        .filter(|i| !i.is_empty())
    else {
        return;
    };
    if svc.launch_type.is_some() {
        f.error(
            "SVC-CP-001",
            "capacityProviderStrategy",
            "Use either launchType or capacityProviderStrategy, not both.",
        );
    }
    if items.len() > 20 {
        f.error(
            "SVC-CP-002",
            "capacityProviderStrategy",
            "A capacity provider strategy can list at most 20 providers.",
        );
    }
    let mut bases = 0;
    for (i, it) in items.iter().enumerate() {
        let p = format!("capacityProviderStrategy[{i}]");
        if it.weight.is_some_and(|w| !(0..=1000).contains(&w)) {
            f.error("SVC-CP-003", (&*p, "weight"), "weight must be 0–1000.");
        }
        if it.base.is_some_and(|b| !(0..=100_000).contains(&b)) {
            f.error("SVC-CP-003", (&*p, "base"), "base must be 0–100000.");
        }
        if it.base.is_some_and(|b| b > 0) {
            bases += 1;
            if bases > 1 {
                f.error(
                    "SVC-CP-004",
                    (&*p, "base"),
                    "Only one capacity provider may define a base.",
                );
            }
        }
    }
    if items.len() > 1 && items.iter().all(|i| i.weight.unwrap_or(0) == 0) {
        f.error(
            "SVC-CP-005",
            "capacityProviderStrategy",
            "At least one capacity provider needs a weight above 0.",
        );
    }
    let names: Vec<&str> = items
        .iter()
        .filter_map(|i| i.capacity_provider.as_deref())
        .collect();
    let fargate = names
        .iter()
        .filter(|n| matches!(**n, "FARGATE" | "FARGATE_SPOT"))
        .count();
    if fargate > 0 && fargate < names.len() {
        f.error(
            "SVC-CP-006",
            "capacityProviderStrategy",
            "A strategy may contain Fargate providers or Auto Scaling group providers, not both.",
        );
    }
    if let Some(known) = ctx.cluster_capacity_providers.as_deref() {
        for (i, it) in items.iter().enumerate() {
            let name = it.capacity_provider.as_deref().unwrap_or("");
            if !known.iter().any(|k| k == name) {
                f.error(
                    "SVC-CP-007",
                    &format!("capacityProviderStrategy[{i}].capacityProvider"),
                    format!(
                        "Capacity provider `{name}` isn't attached to this cluster (attached: {}).",
                        known.join(", ")
                    ),
                );
            }
        }
    }
    if let Some(i) = names.iter().position(|n| *n == "FARGATE_SPOT") {
        let p = format!("capacityProviderStrategy[{i}].capacityProvider");
        if facts.windows {
            f.error(
                "TD-FG-013",
                &p,
                "Fargate Spot doesn't run Windows containers.",
            );
        }
        let arm = td
            .and_then(|t| t.runtime_platform.as_ref())
            .and_then(|r| r.cpu_architecture.as_deref())
            == Some("ARM64");
        let pv = Context {
            platform_version: svc
                .platform_version
                .clone()
                .or(ctx.platform_version.clone()),
            ..Context::default()
        };
        if (arm && pv.platform_below("1.4.0")) || (!arm && pv.platform_below("1.3.0")) {
            f.error(
                "SVC-CP-008",
                &p,
                "Fargate Spot needs platform version 1.3.0+ (X86_64) or 1.4.0+ (ARM64).",
            );
        }
    }
}

fn placement(svc: &Service, td: Option<&TaskDefinition>, facts: &SvcFacts, f: &mut Findings) {
    let strategies = svc.placement_strategy.as_deref().unwrap_or_default();
    let constraints = svc.placement_constraints.as_deref().unwrap_or_default();
    if facts.fargate && (!strategies.is_empty() || !constraints.is_empty()) {
        let path = if strategies.is_empty() {
            "placementConstraints"
        } else {
            "placementStrategy"
        };
        f.error(
            "SVC-PLC-001",
            path,
            "Placement strategies and constraints aren't supported on Fargate.",
        );
    }
    if strategies.len() > 5 {
        f.error(
            "SVC-PLC-002",
            "placementStrategy",
            "At most 5 placement strategy rules per service.",
        );
    }
    let td_constraints = td
        .and_then(|t| t.placement_constraints.as_ref())
        .map_or(0, Vec::len);
    if constraints.len() + td_constraints > 10 {
        f.error(
            "SVC-PLC-003",
            "placementConstraints",
            "At most 10 placement constraints in total (service and task definition).",
        );
    }
    for (i, s) in strategies.iter().enumerate() {
        let p = format!("placementStrategy[{i}]");
        let field = s.field.as_deref();
        match s.kind.as_deref() {
            Some("binpack") if !matches!(field, Some("cpu" | "memory")) => {
                f.error(
                    "SVC-PLC-004",
                    (&*p, "field"),
                    "binpack works on cpu or memory only.",
                );
            }
            Some("spread") => {
                let ok = field.is_some_and(|v| {
                    matches!(v, "instanceId" | "host")
                        || v.strip_prefix("attribute:").is_some_and(|a| !a.is_empty())
                });
                if !ok {
                    f.error("SVC-PLC-005", (&*p, "field"), "spread needs a field: instanceId (or host) or an attribute such as attribute:ecs.availability-zone.");
                }
            }
            Some("random") if field.is_some() => {
                f.warning(
                    "SVC-PLC-006",
                    (&*p, "field"),
                    "random ignores the field value.",
                );
            }
            Some("binpack" | "random") => {}
            _ => f.error(
                "SVC-PLC-004",
                (&*p, "type"),
                "Placement strategy type must be random, spread or binpack.",
            ),
        }
    }
    for (i, c) in constraints.iter().enumerate() {
        let p = format!("placementConstraints[{i}]");
        match c.kind.as_deref() {
            Some("distinctInstance") if c.expression.is_some() => {
                f.error(
                    "SVC-PLC-007",
                    (&*p, "expression"),
                    "distinctInstance takes no expression.",
                );
            }
            Some("memberOf")
                if c.expression
                    .as_deref()
                    .is_none_or(|e| e.is_empty() || e.len() > 2000) =>
            {
                f.error("SVC-PLC-008", (&*p, "expression"), "memberOf needs a cluster query language expression of at most 2000 characters.");
            }
            Some("distinctInstance" | "memberOf") => {}
            _ => f.error(
                "SVC-PLC-008",
                (&*p, "type"),
                "Placement constraint type must be distinctInstance or memberOf.",
            ),
        }
    }
}
