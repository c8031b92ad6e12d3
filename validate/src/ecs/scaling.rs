//! Service auto scaling (catalogue §2.17, AAS): the `RegisterScalableTarget` request and its
//! target-tracking `PutScalingPolicy` requests, checked together and against the service.
//!
//! AAS-017 (scale-in pauses during deployments) is advice about runtime behaviour, not about
//! any input, so it is shown by the UI as help text rather than reported as a finding.

use super::service::Service;
use crate::finding::{Finding, Findings};
use crate::json;
use serde_json::Value;

json_struct! {
    /// Berth's scaling plan: the scalable target and its policies, as one document.
    pub struct ScalingPlan {
        pub scalable_target: Option<ScalableTarget> = "scalableTarget",
        pub policies: Option<Vec<ScalingPolicy>> = "policies",
        /// Scheduled actions already on the target (for the quota check).
        pub scheduled_action_count: Option<i64> = "scheduledActionCount",
    }
}

json_struct! {
    /// `RegisterScalableTarget` (Application Auto Scaling's PascalCase names).
    pub struct ScalableTarget {
        pub service_namespace: Option<String> = "ServiceNamespace",
        pub resource_id: Option<String> = "ResourceId",
        pub scalable_dimension: Option<String> = "ScalableDimension",
        pub min_capacity: Option<i64> = "MinCapacity",
        pub max_capacity: Option<i64> = "MaxCapacity",
    }
}

json_struct! {
    /// `PutScalingPolicy` with a target-tracking configuration.
    pub struct ScalingPolicy {
        pub policy_name: Option<String> = "PolicyName",
        pub policy_type: Option<String> = "PolicyType",
        pub target_tracking_scaling_policy_configuration: Option<TargetTracking> = "TargetTrackingScalingPolicyConfiguration",
    }
}

json_struct! {
    pub struct TargetTracking {
        pub target_value: Option<f64> = "TargetValue",
        pub predefined_metric_specification: Option<PredefinedMetric> = "PredefinedMetricSpecification",
        pub customized_metric_specification: Option<Value> = "CustomizedMetricSpecification",
        pub scale_in_cooldown: Option<i64> = "ScaleInCooldown",
        pub scale_out_cooldown: Option<i64> = "ScaleOutCooldown",
        pub disable_scale_in: Option<bool> = "DisableScaleIn",
    }
}

json_struct! {
    pub struct PredefinedMetric {
        pub predefined_metric_type: Option<String> = "PredefinedMetricType",
        pub resource_label: Option<String> = "ResourceLabel",
    }
}

pub const ECS_METRICS: [&str; 5] = [
    "ECSServiceAverageCPUUtilization",
    "ECSServiceAverageMemoryUtilization",
    "ALBRequestCountPerTarget",
    "ECSServiceAverageCPUUtilizationHighResolution",
    "ECSServiceAverageMemoryUtilizationHighResolution",
];

/// What the rules know about the service being scaled (when the caller has it).
#[derive(Clone, Debug, Default)]
pub struct ScaledService<'a> {
    pub service: Option<&'a Service>,
    /// The target is new (first registration): min and max are required.
    pub first_registration: bool,
    /// The service publishes 20-second (high-resolution) metrics.
    pub high_resolution_metrics: bool,
}

pub fn check_scaling_value(doc: &Value, svc: &ScaledService) -> Vec<Finding> {
    let (plan, mut findings) = json::read::<ScalingPlan>(doc);
    if let Some(plan) = plan {
        findings.extend(check_scaling(&plan, svc));
    }
    findings
}

/// `app/<lb>/<id>/targetgroup/<tg>/<id>`.
fn is_resource_label(label: &str) -> bool {
    let parts: Vec<&str> = label.split('/').collect();
    (1..=1023).contains(&label.len())
        && parts.len() == 6
        && parts[0] == "app"
        && parts[3] == "targetgroup"
        && parts.iter().all(|p| !p.is_empty())
}

pub fn check_scaling(plan: &ScalingPlan, ctx: &ScaledService) -> Vec<Finding> {
    let mut f = Findings::new();
    let t = plan.scalable_target.clone().unwrap_or_default();
    let base = "scalableTarget";
    if t.service_namespace.as_deref() != Some("ecs") {
        f.error(
            "AAS-001",
            (base, "ServiceNamespace"),
            "For ECS services the ServiceNamespace is ecs.",
        );
    }
    if t.scalable_dimension.as_deref() != Some("ecs:service:DesiredCount") {
        f.error(
            "AAS-001",
            (base, "ScalableDimension"),
            "For ECS services the ScalableDimension is ecs:service:DesiredCount.",
        );
    }
    let rid_ok = t.resource_id.as_deref().is_some_and(|r| {
        let parts: Vec<&str> = r.split('/').collect();
        parts.len() == 3 && parts[0] == "service" && !parts[1].is_empty() && !parts[2].is_empty()
    });
    if !rid_ok {
        f.error(
            "AAS-001",
            (base, "ResourceId"),
            "The ResourceId of an ECS service is service/CLUSTER/SERVICE.",
        );
    }
    if ctx.first_registration {
        for (field, v) in [
            ("MinCapacity", t.min_capacity),
            ("MaxCapacity", t.max_capacity),
        ] {
            if v.is_none() {
                f.error(
                    "AAS-002",
                    (base, field),
                    "Min and max capacity are required when registering a new scalable target.",
                );
            }
        }
    }
    if let Some(min) = t.min_capacity {
        if min < 0 {
            f.error(
                "AAS-003",
                (base, "MinCapacity"),
                "Minimum capacity can't be negative (0 is allowed for ECS).",
            );
        } else if min == 0 {
            f.warning(
                "AAS-005",
                (base, "MinCapacity"),
                "With a minimum of 0 the service can scale to zero and stop emitting the CPU/memory metrics that drive scale-out.",
            );
        }
    }
    if let (Some(min), Some(max)) = (t.min_capacity, t.max_capacity) {
        if min > max {
            f.error(
                "AAS-004",
                (base, "MinCapacity"),
                format!("Minimum capacity ({min}) can't exceed maximum capacity ({max})."),
            );
        }
    }
    if t.max_capacity.is_some_and(|m| m > 5000) {
        f.warning(
            "AAS-006",
            (base, "MaxCapacity"),
            "Max capacity is above the default quota of 5,000 tasks per service.",
        );
    }
    let svc = ctx.service;
    if let Some(s) = svc {
        if let (Some(d), Some(min), Some(max)) = (s.desired_count, t.min_capacity, t.max_capacity) {
            if d < min || d > max {
                f.warning("AAS-007", (base, "MinCapacity"), format!("The service's desiredCount ({d}) is outside {min}–{max}; auto scaling will move it into the range."));
            }
        }
        if s.scheduling_strategy.as_deref() == Some("DAEMON") {
            f.warning(
                "AAS-008",
                base,
                "Daemon services run one task per instance and don't use Service Auto Scaling.",
            );
        }
    }
    let policies = plan.policies.as_deref().unwrap_or_default();
    if policies.len() > 50 || plan.scheduled_action_count.is_some_and(|n| n > 200) {
        f.error(
            "AAS-016",
            "policies",
            "Quota: 50 scaling policies and 200 scheduled actions per scalable target.",
        );
    }
    for (i, p) in policies.iter().enumerate() {
        let pb = format!("policies[{i}]");
        let name_ok = p.policy_name.as_deref().is_some_and(|n| {
            (1..=256).contains(&n.chars().count()) && n.chars().all(|c| !c.is_control())
        });
        if !name_ok {
            f.error(
                "AAS-014",
                (&*pb, "PolicyName"),
                "Policy name must be 1–256 printable characters.",
            );
        }
        let Some(tt) = p.target_tracking_scaling_policy_configuration.as_ref() else {
            continue;
        };
        let tb = format!("{pb}.TargetTrackingScalingPolicyConfiguration");
        if tt.target_value.is_none() {
            f.error(
                "AAS-009",
                (&*tb, "TargetValue"),
                "A target tracking policy needs a TargetValue.",
            );
        }
        let custom = tt
            .customized_metric_specification
            .as_ref()
            .is_some_and(|v| !v.is_null());
        if tt.predefined_metric_specification.is_some() == custom {
            f.error("AAS-015", &tb, "Give exactly one of PredefinedMetricSpecification or CustomizedMetricSpecification.");
        }
        let Some(pm) = tt.predefined_metric_specification.as_ref() else {
            continue;
        };
        let mb = format!("{tb}.PredefinedMetricSpecification");
        let metric = pm.predefined_metric_type.as_deref().unwrap_or("");
        if !ECS_METRICS.contains(&metric) {
            f.error(
                "AAS-010",
                (&*mb, "PredefinedMetricType"),
                "Use ECSServiceAverageCPUUtilization, ECSServiceAverageMemoryUtilization, ALBRequestCountPerTarget or a HighResolution variant.",
            );
            continue;
        }
        let alb = metric == "ALBRequestCountPerTarget";
        let label_bad = match (alb, pm.resource_label.as_deref()) {
            (true, Some(l)) => !is_resource_label(l),
            (true, None) => true,
            (false, Some(_)) => true,
            (false, None) => false,
        };
        if label_bad {
            f.error(
                "AAS-011",
                (&*mb, "ResourceLabel"),
                "ALBRequestCountPerTarget needs a ResourceLabel of the form app/LB/ID/targetgroup/TG/ID; other metrics must not set one.",
            );
        }
        if alb {
            if let Some(s) = svc {
                let blue_green = s
                    .deployment_controller
                    .as_ref()
                    .and_then(|c| c.kind.as_deref())
                    == Some("CODE_DEPLOY");
                let tg = s
                    .load_balancers
                    .as_ref()
                    .is_some_and(|l| l.iter().any(|x| x.target_group_arn.is_some()));
                if blue_green || !tg {
                    f.error("AAS-012", (&*mb, "PredefinedMetricType"), "ALBRequestCountPerTarget isn't supported for blue/green services and needs an attached target group.");
                }
            }
        }
        if metric.ends_with("HighResolution") && !ctx.high_resolution_metrics {
            f.error("AAS-013", (&*mb, "PredefinedMetricType"), "Enable high-resolution ECS metrics on the service before using the HighResolution metric types.");
        }
        if !alb && tt.target_value.is_some_and(|v| !(v > 0.0 && v <= 100.0)) {
            f.warning(
                "AAS-018",
                (&*tb, "TargetValue"),
                "Utilization targets are percentages; use a value between 0 and 100.",
            );
        }
    }
    f.into_vec()
}
