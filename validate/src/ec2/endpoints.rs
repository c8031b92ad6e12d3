//! VPC endpoint plans for tasks in subnets without a NAT route (catalogue §2.22, VPCE), plus
//! TD-IMG-009/010 and SVC-NET-009, which depend on the same network facts.
//!
//! The plan says how the task subnets reach the internet (`subnetRoute`), which endpoints
//! exist or will be created, and what the workload needs — derived from the task definition
//! and service when they are given.

use crate::ecs::service::Service;
use crate::ecs::task_definition::image::{ecr_registry, is_ecr_image};
use crate::ecs::task_definition::secrets::{secret_source, SecretSource};
use crate::ecs::task_definition::{self, TaskDefinition};
use crate::finding::{Finding, Findings};
use crate::iam::permissions::allows;
use crate::iam::policy::parse_policy;
use crate::json;
use serde_json::Value;

json_struct! {
    pub struct VpcEndpointPlan {
        pub region: Option<String> = "region",
        /// How the task subnets reach the internet: `igw`, `nat` or `none`.
        pub subnet_route: Option<String> = "subnetRoute",
        /// Route tables of the task subnets (the S3 gateway endpoint must be attached to them).
        pub route_table_ids: Option<Vec<String>> = "routeTableIds",
        pub endpoints: Option<Vec<VpcEndpoint>> = "endpoints",
        pub enable_dns_support: Option<bool> = "enableDnsSupport",
        pub enable_dns_hostnames: Option<bool> = "enableDnsHostnames",
        /// The task security group allows outbound HTTPS.
        pub task_egress_https: Option<bool> = "taskEgressHttps",
        /// Secrets or parameters are encrypted with a customer-managed KMS key.
        pub customer_managed_kms: Option<bool> = "customerManagedKms",
        /// Repository prefixes of the registry's pull-through cache rules.
        pub pull_through_cache_prefixes: Option<Vec<String>> = "pullThroughCachePrefixes",
        pub task_definition: Option<Value> = "taskDefinition",
        pub service: Option<Value> = "service",
    }
}

json_struct! {
    pub struct VpcEndpoint {
        pub service_name: Option<String> = "ServiceName",
        /// `Interface` or `Gateway`.
        pub vpc_endpoint_type: Option<String> = "VpcEndpointType",
        pub private_dns_enabled: Option<bool> = "PrivateDnsEnabled",
        pub route_table_ids: Option<Vec<String>> = "RouteTableIds",
        pub policy_document: Option<Value> = "PolicyDocument",
        /// Its security group allows inbound 443 from the tasks.
        pub allows_https_from_tasks: Option<bool> = "AllowsHttpsFromTasks",
    }
}

impl VpcEndpoint {
    /// The short service (`ecr.dkr`, `s3`) and the Region in `com.amazonaws.REGION.SERVICE`.
    fn service(&self) -> Option<(&str, &str)> {
        let rest = self
            .service_name
            .as_deref()?
            .strip_prefix("com.amazonaws.")?;
        rest.split_once('.')
    }

    fn is_interface(&self) -> bool {
        self.vpc_endpoint_type.as_deref().unwrap_or("Interface") == "Interface"
    }
}

/// What the workload needs from AWS APIs.
#[derive(Default)]
struct Needs {
    ecr: bool,
    other_region_ecr: Option<usize>,
    public_ecr: Option<usize>,
    logs: bool,
    secrets_manager: bool,
    ssm: bool,
    windows: bool,
}

fn needs(td: Option<&TaskDefinition>, region: &str) -> Needs {
    let mut n = Needs::default();
    let Some(td) = td else { return n };
    n.windows = td
        .runtime_platform
        .as_ref()
        .and_then(|r| r.operating_system_family.as_deref())
        .is_some_and(|o| o.starts_with("WINDOWS"));
    for (i, c) in td
        .container_definitions
        .as_deref()
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        if let Some(img) = c.image.as_deref() {
            if is_ecr_image(img) {
                n.ecr = true;
                if ecr_registry(img).is_some_and(|(_, r)| r != region) {
                    n.other_region_ecr.get_or_insert(i);
                }
            }
            if img.starts_with("public.ecr.aws/") {
                n.public_ecr.get_or_insert(i);
            }
        }
        if c.log_configuration
            .as_ref()
            .and_then(|l| l.log_driver.as_deref())
            == Some("awslogs")
        {
            n.logs = true;
        }
        let secrets = c.secrets.iter().flatten().chain(
            c.log_configuration
                .iter()
                .flat_map(|l| l.secret_options.iter().flatten()),
        );
        for s in secrets {
            match s.value_from.as_deref().and_then(secret_source) {
                Some(SecretSource::SecretsManager) => n.secrets_manager = true,
                Some(_) => n.ssm = true,
                None => {}
            }
        }
        if c.repository_credentials.is_some() {
            n.secrets_manager = true;
        }
    }
    n
}

pub fn check_endpoint_plan_value(doc: &Value) -> Vec<Finding> {
    let (plan, mut findings) = json::read::<VpcEndpointPlan>(doc);
    if let Some(plan) = plan {
        findings.extend(check_endpoint_plan(&plan));
    }
    findings
}

pub fn check_endpoint_plan(plan: &VpcEndpointPlan) -> Vec<Finding> {
    let mut f = Findings::new();
    let region = plan.region.as_deref().unwrap_or("us-east-1");
    let td: Option<TaskDefinition> = plan
        .task_definition
        .as_ref()
        .and_then(|v| json::read::<TaskDefinition>(&task_definition::request_document(v)).0);
    let svc: Option<Service> = plan
        .service
        .as_ref()
        .and_then(|v| json::read::<Service>(v).0);
    let n = needs(td.as_ref(), region);
    let endpoints = plan.endpoints.as_deref().unwrap_or_default();
    let find = |name: &str, interface: bool| {
        endpoints.iter().position(|e| {
            e.service().is_some_and(|(_, s)| s == name) && e.is_interface() == interface
        })
    };
    let route = plan.subnet_route.as_deref().unwrap_or("nat");
    let launch_fargate = svc.as_ref().and_then(|s| s.launch_type.as_deref()) == Some("FARGATE")
        || td
            .as_ref()
            .and_then(|t| t.requires_compatibilities.as_ref())
            .is_some_and(|c| c.iter().any(|x| x == "FARGATE"));
    for (i, e) in endpoints.iter().enumerate() {
        let p = format!("endpoints[{i}]");
        if let Some((r, s)) = e.service() {
            if r != region {
                f.warning("VPCE-017", (&*p, "ServiceName"), format!("This endpoint is for {r}, but the tasks call {region}; VPC endpoints don't serve cross-Region requests."));
            }
            if e.is_interface() && e.private_dns_enabled == Some(false) {
                f.warning("VPCE-013", (&*p, "PrivateDnsEnabled"), format!("Enable private DNS on the {s} endpoint so the default service hostname resolves to it (required for ecr.dkr)."));
            }
            if e.is_interface() && e.allows_https_from_tasks == Some(false) {
                f.warning(
                    "VPCE-014",
                    (&*p, "AllowsHttpsFromTasks"),
                    "The endpoint's security group must allow inbound HTTPS (443) from the tasks.",
                );
            }
            if s == "s3" && !e.is_interface() {
                if let Some(doc) = e.policy_document.as_ref().filter(|d| !d.is_null()) {
                    let bucket = format!("arn:aws:s3:::prod-{region}-starport-layer-bucket/layer");
                    if parse_policy(doc)
                        .0
                        .is_some_and(|pol| !allows(&pol, "s3:GetObject", &bucket))
                    {
                        f.warning("VPCE-005", (&*p, "PolicyDocument"), format!("The S3 endpoint policy must allow s3:GetObject on arn:aws:s3:::prod-{region}-starport-layer-bucket/*."));
                    }
                }
            }
        }
    }
    if route == "igw" {
        let public_ip = svc.as_ref().and_then(|s| {
            s.network_configuration
                .as_ref()?
                .awsvpc_configuration
                .as_ref()?
                .assign_public_ip
                .clone()
        });
        if launch_fargate && public_ip.as_deref() != Some("ENABLED") && endpoints.is_empty() {
            f.warning(
                "SVC-NET-009",
                "service.networkConfiguration.awsvpcConfiguration.assignPublicIp",
                "Tasks in a public subnet without a public IP can't reach ECR, Secrets Manager or CloudWatch; enable assignPublicIp, use a private subnet with NAT, or add VPC endpoints.",
            );
        }
    }
    if plan.enable_dns_support == Some(false) || plan.enable_dns_hostnames == Some(false) {
        f.warning("VPCE-016", "enableDnsSupport", "VPC endpoints need enableDnsSupport and enableDnsHostnames (or DNS forwarding to the Route 53 Resolver).");
    }
    if plan.task_egress_https == Some(false) {
        f.warning(
            "VPCE-015",
            "taskEgressHttps",
            "The task security group must allow outbound HTTPS (443) to reach the endpoints.",
        );
    }
    if route != "none" {
        return f.into_vec();
    }
    let missing = |f: &mut Findings, rule: &str, what: &str, message: String| {
        f.warning(
            rule,
            "endpoints",
            format!("Add the {what} endpoint: {message}"),
        );
    };
    if n.ecr {
        if find("ecr.dkr", true).is_none() {
            missing(
                &mut f,
                "VPCE-001",
                &format!("com.amazonaws.{region}.ecr.dkr interface"),
                "tasks can't pull images without it (private DNS on).".into(),
            );
        }
        if find("ecr.api", true).is_none() {
            missing(
                &mut f,
                "VPCE-002",
                &format!("com.amazonaws.{region}.ecr.api interface"),
                "Fargate 1.4.0+ and EC2 need it to get registry credentials.".into(),
            );
        }
        let gateway = find("s3", false);
        match gateway {
            None if find("s3", true).is_some() => f.warning(
                "VPCE-004",
                "endpoints",
                "ECR image layers need the S3 gateway endpoint; an S3 interface endpoint can't be used for them.",
            ),
            None => missing(&mut f, "VPCE-003", &format!("com.amazonaws.{region}.s3 gateway"), "image layers are downloaded from S3; attach it to the task subnets' route tables.".into()),
            Some(i) => {
                let attached = endpoints[i].route_table_ids.as_deref().unwrap_or_default();
                if plan.route_table_ids.as_deref().unwrap_or_default().iter().any(|rt| !attached.contains(rt)) {
                    f.warning("VPCE-003", &format!("endpoints[{i}].RouteTableIds"), "Attach the S3 gateway endpoint to every route table of the task subnets.");
                }
            }
        }
        if let Some(c) = n.other_region_ecr {
            f.warning(
                "TD-IMG-009",
                &format!("taskDefinition.containerDefinitions[{c}].image"),
                "This ECR image is in another Region; VPC endpoints don't serve cross-Region pulls. Replicate the image to this Region or provide internet egress.",
            );
        }
    }
    let cached = td
        .iter()
        .flat_map(|t| t.container_definitions.iter().flatten())
        .position(|c| {
            c.image.as_deref().and_then(ecr_registry).is_some() && {
                let path = crate::ecs::task_definition::image::parse_image(
                    c.image.as_deref().unwrap_or(""),
                )
                .path;
                plan.pull_through_cache_prefixes
                    .iter()
                    .flatten()
                    .any(|p| path.starts_with(&format!("{}/", p.trim_end_matches('/'))))
            }
        });
    if let Some(c) = cached {
        f.warning(
            "ECR-PTC-011",
            format!("taskDefinition.containerDefinitions[{c}].image").as_str(),
            "This image comes through a pull-through cache rule: the first pull of each image needs internet egress (NAT) for ECR to reach the upstream registry; VPC endpoints alone aren't enough.",
        );
    }
    if let Some(c) = n.public_ecr {
        f.warning(
            "TD-IMG-010",
            &format!("taskDefinition.containerDefinitions[{c}].image"),
            "ECR Public can't be reached through VPC endpoints; use a pull-through cache rule or NAT.",
        );
    }
    if n.logs && find("logs", true).is_none() {
        missing(
            &mut f,
            "VPCE-006",
            &format!("com.amazonaws.{region}.logs interface"),
            "awslogs can't ship logs without it.".into(),
        );
    }
    if n.secrets_manager && find("secretsmanager", true).is_none() {
        missing(
            &mut f,
            "VPCE-007",
            &format!("com.amazonaws.{region}.secretsmanager interface"),
            "secrets can't be injected without it.".into(),
        );
    }
    if n.ssm && find("ssm", true).is_none() {
        missing(
            &mut f,
            "VPCE-008",
            &format!("com.amazonaws.{region}.ssm interface"),
            "Parameter Store values can't be read without it.".into(),
        );
    }
    if plan.customer_managed_kms == Some(true) && find("kms", true).is_none() {
        missing(
            &mut f,
            "VPCE-009",
            &format!("com.amazonaws.{region}.kms interface"),
            "decrypting with a customer-managed key needs it.".into(),
        );
    }
    let ec2 = svc.as_ref().and_then(|s| s.launch_type.as_deref()) == Some("EC2");
    if ec2 {
        for s in ["ecs-agent", "ecs-telemetry", "ecs"] {
            if find(s, true).is_none() {
                missing(
                    &mut f,
                    "VPCE-010",
                    &format!("com.amazonaws.{region}.{s} interface"),
                    "EC2 container instances need it to talk to ECS.".into(),
                );
            }
        }
    }
    if let Some(s) = svc.as_ref() {
        let sc = s
            .service_connect_configuration
            .as_ref()
            .is_some_and(|c| c.enabled == Some(true));
        if sc && !ec2 && find("ecs-agent", true).is_none() {
            missing(
                &mut f,
                "VPCE-011",
                &format!("com.amazonaws.{region}.ecs-agent interface"),
                "Service Connect's Envoy proxy is managed through it.".into(),
            );
        }
        if s.enable_execute_command == Some(true) && find("ssmmessages", true).is_none() {
            missing(
                &mut f,
                "VPCE-012",
                &format!("com.amazonaws.{region}.ssmmessages interface"),
                "ECS Exec sessions need it.".into(),
            );
        }
    }
    if n.windows {
        f.warning(
            "VPCE-018",
            "endpoints",
            "Windows base layers are fetched from Microsoft unless they were pushed to ECR with allow-nondistributable-artifacts; endpoints alone aren't enough.",
        );
    }
    f.into_vec()
}
