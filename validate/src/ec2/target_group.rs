//! Target groups for ECS services (catalogue §2.23, ELB) and the load-balancer rules that need
//! target-group facts (SVC-LB-009/010/011/014/015). ELB-010 restates SVC-LB-009/010 and is
//! reported under those ids.

use crate::finding::{Finding, Findings};
use crate::{json, Context};
use serde_json::Value;

json_struct! {
    /// `CreateTargetGroup` (ELBv2 PascalCase) plus Berth's `ecs` facts about the service behind it.
    pub struct TargetGroup {
        pub name: Option<String> = "Name",
        pub protocol: Option<String> = "Protocol",
        pub protocol_version: Option<String> = "ProtocolVersion",
        pub port: Option<i64> = "Port",
        pub vpc_id: Option<String> = "VpcId",
        pub health_check_protocol: Option<String> = "HealthCheckProtocol",
        pub health_check_port: Option<String> = "HealthCheckPort",
        pub health_check_enabled: Option<bool> = "HealthCheckEnabled",
        pub health_check_path: Option<String> = "HealthCheckPath",
        pub health_check_interval_seconds: Option<i64> = "HealthCheckIntervalSeconds",
        pub health_check_timeout_seconds: Option<i64> = "HealthCheckTimeoutSeconds",
        pub healthy_threshold_count: Option<i64> = "HealthyThresholdCount",
        pub unhealthy_threshold_count: Option<i64> = "UnhealthyThresholdCount",
        pub matcher: Option<Matcher> = "Matcher",
        pub target_type: Option<String> = "TargetType",
        /// Berth extension: what the ECS side looks like.
        pub ecs: Option<EcsSide> = "ecs",
    }
}

json_struct! {
    pub struct Matcher {
        pub http_code: Option<String> = "HttpCode",
        pub grpc_code: Option<String> = "GrpcCode",
    }
}

json_struct! {
    /// The service and task definition behind the target group.
    pub struct EcsSide {
        pub network_mode: Option<String> = "networkMode",
        pub container_port: Option<i64> = "containerPort",
        /// The container's hostPort is 0 or omitted in bridge mode.
        pub dynamic_host_port: Option<bool> = "dynamicHostPort",
        pub health_check_grace_period_seconds: Option<i64> = "healthCheckGracePeriodSeconds",
        /// Seconds the application needs to start answering.
        pub startup_seconds: Option<i64> = "startupSeconds",
        pub stop_timeout: Option<i64> = "stopTimeout",
        pub deregistration_delay_seconds: Option<i64> = "deregistrationDelaySeconds",
        pub fargate: Option<bool> = "fargate",
    }
}

pub fn check_target_group_value(doc: &Value, ctx: &Context) -> Vec<Finding> {
    let (tg, mut findings) = json::read::<TargetGroup>(doc);
    if let Some(tg) = tg {
        findings.extend(check_target_group(&tg, ctx));
    }
    findings
}

fn is_tg_name(n: &str) -> bool {
    (1..=32).contains(&n.len())
        && !n.starts_with('-')
        && !n.ends_with('-')
        && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// `"200"`, `"200,202"`, `"200-299"` within `lo..=hi`.
fn codes_within(spec: &str, lo: i64, hi: i64) -> bool {
    spec.split(',').all(|part| {
        let (a, b) = part.split_once('-').unwrap_or((part, part));
        match (a.trim().parse::<i64>(), b.trim().parse::<i64>()) {
            (Ok(a), Ok(b)) => lo <= a && a <= b && b <= hi,
            _ => false,
        }
    })
}

pub fn check_target_group(tg: &TargetGroup, ctx: &Context) -> Vec<Finding> {
    let mut f = Findings::new();
    let protocol = tg.protocol.as_deref().unwrap_or("HTTP");
    let alb = matches!(protocol, "HTTP" | "HTTPS");
    let gwlb = protocol == "GENEVE";
    let hc_protocol =
        tg.health_check_protocol
            .as_deref()
            .unwrap_or(if alb { protocol } else { "TCP" });
    let hc_http = matches!(hc_protocol, "HTTP" | "HTTPS");
    match tg.name.as_deref() {
        Some(n) if is_tg_name(n) => {}
        _ => f.error("ELB-011", "Name", "Target group name: up to 32 letters, digits or hyphens, not starting or ending with a hyphen."),
    }
    let interval = tg.health_check_interval_seconds;
    let timeout = tg.health_check_timeout_seconds;
    if interval.is_some_and(|v| !(5..=300).contains(&v)) {
        f.error(
            "ELB-001",
            "HealthCheckIntervalSeconds",
            "Health-check interval must be 5–300 seconds.",
        );
    }
    if timeout.is_some_and(|v| !(2..=120).contains(&v)) {
        f.error(
            "ELB-002",
            "HealthCheckTimeoutSeconds",
            "Health-check timeout must be 2–120 seconds.",
        );
    }
    let eff_interval = interval.unwrap_or(30);
    let eff_timeout = timeout.unwrap_or(if alb { 5 } else { 10 });
    if alb && eff_timeout >= eff_interval {
        f.error("ELB-003", "HealthCheckTimeoutSeconds", format!("For ALB target groups the timeout ({eff_timeout} s) must be shorter than the interval ({eff_interval} s)."));
    }
    for (field, v) in [
        ("HealthyThresholdCount", tg.healthy_threshold_count),
        ("UnhealthyThresholdCount", tg.unhealthy_threshold_count),
    ] {
        if v.is_some_and(|v| !(2..=10).contains(&v)) {
            f.error(
                "ELB-004",
                field,
                "Healthy and unhealthy thresholds must be 2–10.",
            );
        }
    }
    if hc_http {
        match tg.health_check_path.as_deref() {
            Some(p) if p.is_empty() || p.len() > 1024 || !p.starts_with('/') => {
                f.error("ELB-005", "HealthCheckPath", "The health-check path must start with \"/\" and be at most 1024 characters.");
            }
            Some(p) if p.len() > 1 && p.ends_with('/') => f.warning(
                "ELB-006",
                "HealthCheckPath",
                "Redirects count as failures: make sure this exact path (trailing slash included) answers 2xx, not a 301/302 to the other spelling.",
            ),
            _ => {}
        }
    }
    if let Some(m) = tg.matcher.as_ref() {
        if !hc_http {
            f.error(
                "ELB-008",
                "Matcher",
                "Matcher only applies to HTTP/HTTPS health checks.",
            );
        } else {
            if let Some(code) = m.http_code.as_deref() {
                let (lo, hi) = if gwlb {
                    (200, 399)
                } else if alb {
                    (200, 499)
                } else {
                    (200, 599)
                };
                if !codes_within(code, lo, hi) {
                    f.error(
                        "ELB-007",
                        "Matcher.HttpCode",
                        format!("Success codes must be within {lo}–{hi} for this load balancer."),
                    );
                }
            }
            if let Some(code) = m.grpc_code.as_deref() {
                if !codes_within(code, 0, 99) {
                    f.error(
                        "ELB-007",
                        "Matcher.GrpcCode",
                        "gRPC success codes must be within 0–99.",
                    );
                }
            }
        }
    }
    if tg.protocol_version.is_some() && !hc_http {
        f.error(
            "ELB-008",
            "ProtocolVersion",
            "ProtocolVersion only applies to HTTP/HTTPS target groups.",
        );
    }
    if (alb && hc_protocol == "TCP")
        || matches!(hc_protocol, "TLS" | "UDP" | "TCP_UDP" | "GENEVE" | "QUIC")
    {
        f.error(
            "ELB-009",
            "HealthCheckProtocol",
            format!("{hc_protocol} health checks aren't allowed for a {protocol} target group."),
        );
    }
    let unhealthy = tg.unhealthy_threshold_count.unwrap_or(2);
    let to_unhealthy = unhealthy.saturating_mul(eff_interval);
    if to_unhealthy < 20 {
        f.warning(
            "ELB-013",
            "UnhealthyThresholdCount",
            format!("Targets are marked unhealthy after only {} s; short pauses (GC, deploys) will cause flapping. Consider larger values.", to_unhealthy),
        );
    }
    if let Some(e) = tg.ecs.as_ref() {
        ecs_side(tg, e, eff_interval, ctx, &mut f);
    }
    f.into_vec()
}

fn ecs_side(tg: &TargetGroup, e: &EcsSide, interval: i64, ctx: &Context, f: &mut Findings) {
    let target = tg.target_type.as_deref().unwrap_or("instance");
    let mode = e.network_mode.as_deref();
    match (mode, target) {
        (Some("awsvpc"), "instance") => f.error(
            "SVC-LB-009",
            "TargetType",
            "Target groups for awsvpc (and all Fargate) tasks must use target type ip, not instance.",
        ),
        (Some("bridge" | "host"), "ip") => f.error(
            "SVC-LB-010",
            "TargetType",
            "bridge/host tasks register by instance; use target type instance.",
        ),
        _ => {}
    }
    let port = tg.health_check_port.as_deref().unwrap_or("traffic-port");
    if mode == Some("bridge") && e.dynamic_host_port == Some(true) && port != "traffic-port" {
        f.error(
            "SVC-LB-011",
            "HealthCheckPort",
            "With dynamic host ports the target group must health-check on traffic-port.",
        );
    }
    if mode == Some("awsvpc") && port != "traffic-port" {
        if let Some(cp) = e.container_port {
            if port != cp.to_string() {
                f.warning("ELB-014", "HealthCheckPort", format!("The health check probes port {port}, but the container listens on {cp}; use traffic-port or the container port."));
            }
        }
    }
    if tg.protocol.as_deref() == Some("UDP")
        && e.fargate == Some(true)
        && ctx.platform_below("1.4.0")
    {
        f.error(
            "SVC-LB-014",
            "Protocol",
            "UDP through a Network Load Balancer to Fargate needs platform version 1.4.0 or later.",
        );
    }
    let delay = e.deregistration_delay_seconds.unwrap_or(300);
    if let Some(stop) = e.stop_timeout {
        if stop <= delay {
            f.warning(
                "SVC-LB-015",
                "ecs.stopTimeout",
                format!("stopTimeout ({stop} s) should be longer than the deregistration delay ({delay} s) so in-flight requests finish."),
            );
        }
    }
    if delay >= 300 {
        f.warning(
            "ELB-016",
            "ecs.deregistrationDelaySeconds",
            "A deregistration delay of 300 s (the default) slows every deployment; tune it together with the containers' stopTimeout.",
        );
    }
    if let (Some(grace), Some(startup)) = (e.health_check_grace_period_seconds, e.startup_seconds) {
        let needed = startup.saturating_add(interval);
        if grace < needed {
            f.warning(
                "ELB-012",
                "ecs.healthCheckGracePeriodSeconds",
                format!("The grace period ({grace} s) is shorter than the time a new task needs to pass its first load-balancer health check (~{needed} s); ECS may replace tasks that are still starting."),
            );
        }
    }
}
