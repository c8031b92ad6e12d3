//! Service rules that compare the request with facts the server looked up in the account
//! ([`Context`]): existing roles, the cluster's instances, subnets and target groups, and —
//! for an update — what the service runs now. Without those facts these rules stay silent.

use super::{Service, SvcFacts};
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
    role_path(svc, ctx, f);
    service_linked_role(svc, facts, ctx, f);
    network(svc, ctx, f);
    update(svc, td, facts, ctx, f);
    host_ports(svc, td, facts, ctx, f);
}

/// SVC-014: a role with a path given by its bare name.
fn role_path(svc: &Service, ctx: &Context, f: &mut Findings) {
    let Some(role) = svc.role.as_deref() else {
        return;
    };
    if role.contains('/') || role.starts_with("arn:") {
        return;
    }
    if let Some(r) = ctx
        .role_paths
        .iter()
        .find(|r| r.name == role && r.path != "/")
    {
        f.warning(
            "SVC-014",
            "role",
            format!(
                "Role `{role}` has the path {}; give it as {}{role} or as its full ARN.",
                r.path, r.path
            ),
        );
    }
}

/// IAM-024: features that need the ECS service-linked role.
fn service_linked_role(svc: &Service, facts: &SvcFacts, ctx: &Context, f: &mut Findings) {
    if ctx.service_linked_role_exists != Some(false) {
        return;
    }
    let tgs = svc.load_balancers.as_ref().map_or(0, |l| l.len());
    let discovery = svc
        .service_registries
        .as_ref()
        .is_some_and(|r| !r.is_empty());
    let needs = facts.awsvpc() == Some(true)
        || facts.fargate
        || tgs > 1
        || discovery
        || facts.controller == "EXTERNAL";
    if needs {
        f.warning(
            "IAM-024",
            "role",
            "This service needs the ECS service-linked role (AWSServiceRoleForECS), which the account doesn't have yet; ECS creates it when `role` is omitted, or create it with iam:CreateServiceLinkedRole.",
        );
    }
}

/// SVC-NET-005, SVC-LB-012, SVC-LB-013: subnets, security groups and load balancers must
/// share a VPC, and the load balancer must cover every Availability Zone of the tasks.
fn network(svc: &Service, ctx: &Context, f: &mut Findings) {
    let Some(net) = ctx.network.as_ref() else {
        return;
    };
    let Some(cfg) = svc
        .network_configuration
        .as_ref()
        .and_then(|n| n.awsvpc_configuration.as_ref())
    else {
        return;
    };
    let base = "networkConfiguration.awsvpcConfiguration";
    let subnets: Vec<_> = cfg
        .subnets
        .iter()
        .flatten()
        .filter_map(|id| net.subnets.iter().find(|s| &s.id == id))
        .collect();
    let Some(vpc) = subnets.first().map(|s| s.vpc_id.as_str()) else {
        return;
    };
    for (i, id) in cfg.subnets.iter().flatten().enumerate() {
        if let Some(s) = net
            .subnets
            .iter()
            .find(|s| &s.id == id)
            .filter(|s| s.vpc_id != vpc)
        {
            f.error("SVC-NET-005", format!("{base}.subnets[{i}]").as_str(), format!("Subnet {id} is in {}, the other subnets in {vpc}; all subnets and security groups must be in one VPC.", s.vpc_id));
        }
    }
    for (i, id) in cfg.security_groups.iter().flatten().enumerate() {
        if let Some(g) = net
            .security_groups
            .iter()
            .find(|g| &g.id == id)
            .filter(|g| g.vpc_id != vpc)
        {
            f.error(
                "SVC-NET-005",
                format!("{base}.securityGroups[{i}]").as_str(),
                format!(
                    "Security group {id} is in {}, the subnets in {vpc}; all must be in one VPC.",
                    g.vpc_id
                ),
            );
        }
    }
    let zones: Vec<&str> = subnets
        .iter()
        .map(|s| s.availability_zone.as_str())
        .collect();
    for (i, lb) in svc.load_balancers.iter().flatten().enumerate() {
        let Some(arn) = lb.target_group_arn.as_deref() else {
            continue;
        };
        let Some(tg) = net.target_groups.iter().find(|t| t.arn == arn) else {
            continue;
        };
        let path = format!("loadBalancers[{i}].targetGroupArn");
        if tg.vpc_id != vpc {
            f.error("SVC-LB-012", path.as_str(), format!("The target group is in {}, the tasks' subnets in {vpc}; they must be in the same VPC.", tg.vpc_id));
        } else if let Some(z) = zones
            .iter()
            .find(|z| !tg.load_balancer_zones.iter().any(|l| l == *z))
        {
            f.warning(
                "SVC-LB-013",
                path.as_str(),
                format!("Tasks can run in {z}, where the load balancer is not enabled; enable it in every Availability Zone of the task subnets."),
            );
        }
    }
}

/// SVC-CP-010, SVC-LB-018, SVC-SC-009: what an update may not change.
fn update(
    svc: &Service,
    td: Option<&TaskDefinition>,
    facts: &SvcFacts,
    ctx: &Context,
    f: &mut Findings,
) {
    if !svc.is_update() {
        return;
    }
    let fargate = |name: &str| name.starts_with("FARGATE");
    if let (Some(now), Some(next)) = (
        ctx.current_capacity_providers.as_deref(),
        svc.capacity_provider_strategy.as_deref(),
    ) {
        let was = now.iter().any(|p| fargate(p));
        if let Some(i) = next.iter().position(|n| {
            n.capacity_provider
                .as_deref()
                .is_some_and(|p| fargate(p) != was)
        }) {
            f.error(
                "SVC-CP-010",
                format!("capacityProviderStrategy[{i}].capacityProvider").as_str(),
                "A service can't be moved between Auto Scaling group and Fargate capacity providers; create a new service instead.",
            );
        }
    }
    if svc.load_balancers.is_some() && facts.controller != "ECS" {
        f.error(
            "SVC-LB-018",
            "loadBalancers",
            "The load balancers of a blue/green (CODE_DEPLOY) or EXTERNAL service can't be changed with UpdateService.",
        );
    }
    let (Some(old), Some(new), Some(sc)) = (
        ctx.previous_task_definition.as_deref(),
        td,
        svc.service_connect_configuration.as_ref(),
    ) else {
        return;
    };
    let mapping = |t: &TaskDefinition, name: &str| {
        t.container_definitions
            .iter()
            .flatten()
            .flat_map(|c| c.port_mappings.iter().flatten())
            .find(|m| m.name.as_deref() == Some(name))
            .map(|m| {
                (
                    m.protocol.clone().unwrap_or_else(|| "tcp".into()),
                    m.app_protocol.clone(),
                )
            })
    };
    for (i, s) in sc.services.iter().flatten().enumerate() {
        let Some(name) = s.port_name.as_deref() else {
            continue;
        };
        if let (Some(a), Some(b)) = (mapping(old, name), mapping(new, name)) {
            if a != b {
                f.warning(
                    "SVC-SC-009",
                    format!("serviceConnectConfiguration.services[{i}].portName").as_str(),
                    format!("The protocol/appProtocol of port `{name}` changes; for Service Connect services they are fixed, so this needs the service deleted and re-created."),
                );
            }
        }
    }
}

/// TD-PORT-019: with host networking only one task per instance can bind its ports.
fn host_ports(
    svc: &Service,
    td: Option<&TaskDefinition>,
    facts: &SvcFacts,
    ctx: &Context,
    f: &mut Findings,
) {
    let (Some(instances), Some(desired), Some(td)) =
        (ctx.container_instances, svc.desired_count, td)
    else {
        return;
    };
    let binds = td
        .container_definitions
        .iter()
        .flatten()
        .any(|c| c.port_mappings.as_ref().is_some_and(|p| !p.is_empty()));
    if facts.network_mode.as_deref() == Some("host") && binds && desired > instances {
        f.warning(
            "TD-PORT-019",
            "desiredCount",
            format!("With host networking and fixed ports only one task fits per instance: {desired} tasks need {desired} instances, the cluster has {instances}."),
        );
    }
}
