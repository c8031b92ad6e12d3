//! `CreateService` / `UpdateService` as typed Rust (AWS camelCase names, unknown fields
//! ignored, `null` accepted, enumerations kept as strings).

use crate::ecs::task_definition::EcsTag;
use serde_json::Value;

json_struct! {
    pub struct Service {
        pub cluster: Option<String> = "cluster",
        /// `CreateService.serviceName`.
        pub service_name: Option<String> = "serviceName",
        /// `UpdateService.service` (name or ARN): its presence marks an update.
        pub service: Option<String> = "service",
        /// A family, `family:revision` or ARN — or, as a Berth extension, the task definition
        /// itself (the `RegisterTaskDefinition` object), which is then validated too.
        pub task_definition: Option<Value> = "taskDefinition",
        pub load_balancers: Option<Vec<LoadBalancer>> = "loadBalancers",
        pub service_registries: Option<Vec<ServiceRegistry>> = "serviceRegistries",
        pub desired_count: Option<i64> = "desiredCount",
        pub client_token: Option<String> = "clientToken",
        pub launch_type: Option<String> = "launchType",
        pub capacity_provider_strategy: Option<Vec<CapacityProviderStrategyItem>> = "capacityProviderStrategy",
        pub platform_version: Option<String> = "platformVersion",
        /// From `describe-services` output: the service's OS family (TD-RP-007).
        pub platform_family: Option<String> = "platformFamily",
        pub role: Option<String> = "role",
        pub deployment_configuration: Option<DeploymentConfiguration> = "deploymentConfiguration",
        pub placement_constraints: Option<Vec<PlacementConstraint>> = "placementConstraints",
        pub placement_strategy: Option<Vec<PlacementStrategy>> = "placementStrategy",
        pub network_configuration: Option<NetworkConfiguration> = "networkConfiguration",
        pub health_check_grace_period_seconds: Option<i64> = "healthCheckGracePeriodSeconds",
        pub scheduling_strategy: Option<String> = "schedulingStrategy",
        pub deployment_controller: Option<DeploymentController> = "deploymentController",
        pub tags: Option<Vec<EcsTag>> = "tags",
        pub enable_ecs_managed_tags: Option<bool> = "enableECSManagedTags",
        pub propagate_tags: Option<String> = "propagateTags",
        pub enable_execute_command: Option<bool> = "enableExecuteCommand",
        pub service_connect_configuration: Option<ServiceConnectConfiguration> = "serviceConnectConfiguration",
        pub volume_configurations: Option<Vec<ServiceVolumeConfiguration>> = "volumeConfigurations",
        pub vpc_lattice_configurations: Option<Vec<Value>> = "vpcLatticeConfigurations",
        pub force_new_deployment: Option<bool> = "forceNewDeployment",
    }
}

json_struct! {
    pub struct LoadBalancer {
        pub target_group_arn: Option<String> = "targetGroupArn",
        pub load_balancer_name: Option<String> = "loadBalancerName",
        pub container_name: Option<String> = "containerName",
        pub container_port: Option<i64> = "containerPort",
    }
}

json_struct! {
    pub struct ServiceRegistry {
        pub registry_arn: Option<String> = "registryArn",
        pub port: Option<i64> = "port",
        pub container_name: Option<String> = "containerName",
        pub container_port: Option<i64> = "containerPort",
    }
}

json_struct! {
    pub struct CapacityProviderStrategyItem {
        pub capacity_provider: Option<String> = "capacityProvider",
        pub weight: Option<i64> = "weight",
        pub base: Option<i64> = "base",
    }
}

json_struct! {
    pub struct DeploymentConfiguration {
        pub deployment_circuit_breaker: Option<DeploymentCircuitBreaker> = "deploymentCircuitBreaker",
        pub maximum_percent: Option<i64> = "maximumPercent",
        pub minimum_healthy_percent: Option<i64> = "minimumHealthyPercent",
        pub alarms: Option<DeploymentAlarms> = "alarms",
        pub strategy: Option<String> = "strategy",
        pub bake_time_in_minutes: Option<i64> = "bakeTimeInMinutes",
        pub lifecycle_hooks: Option<Vec<Value>> = "lifecycleHooks",
        pub linear_configuration: Option<Value> = "linearConfiguration",
        pub canary_configuration: Option<Value> = "canaryConfiguration",
    }
}

json_struct! {
    pub struct DeploymentCircuitBreaker {
        pub enable: Option<bool> = "enable",
        pub rollback: Option<bool> = "rollback",
    }
}

json_struct! {
    pub struct DeploymentAlarms {
        pub alarm_names: Option<Vec<String>> = "alarmNames",
        pub enable: Option<bool> = "enable",
        pub rollback: Option<bool> = "rollback",
    }
}

json_struct! {
    pub struct PlacementConstraint {
        pub kind: Option<String> = "type",
        pub expression: Option<String> = "expression",
    }
}

json_struct! {
    pub struct PlacementStrategy {
        pub kind: Option<String> = "type",
        pub field: Option<String> = "field",
    }
}

json_struct! {
    pub struct NetworkConfiguration {
        pub awsvpc_configuration: Option<AwsVpcConfiguration> = "awsvpcConfiguration",
    }
}

json_struct! {
    pub struct AwsVpcConfiguration {
        pub subnets: Option<Vec<String>> = "subnets",
        pub security_groups: Option<Vec<String>> = "securityGroups",
        pub assign_public_ip: Option<String> = "assignPublicIp",
    }
}

json_struct! {
    pub struct DeploymentController {
        pub kind: Option<String> = "type",
    }
}

json_struct! {
    pub struct ServiceConnectConfiguration {
        pub enabled: Option<bool> = "enabled",
        pub namespace: Option<String> = "namespace",
        pub services: Option<Vec<ServiceConnectService>> = "services",
        pub log_configuration: Option<Value> = "logConfiguration",
        pub access_log_configuration: Option<Value> = "accessLogConfiguration",
    }
}

json_struct! {
    pub struct ServiceConnectService {
        pub port_name: Option<String> = "portName",
        pub discovery_name: Option<String> = "discoveryName",
        pub client_aliases: Option<Vec<ServiceConnectClientAlias>> = "clientAliases",
        pub ingress_port_override: Option<i64> = "ingressPortOverride",
    }
}

json_struct! {
    pub struct ServiceConnectClientAlias {
        pub port: Option<i64> = "port",
        pub dns_name: Option<String> = "dnsName",
    }
}

json_struct! {
    pub struct ServiceVolumeConfiguration {
        pub name: Option<String> = "name",
        pub managed_ebs_volume: Option<ManagedEbsVolume> = "managedEBSVolume",
    }
}

json_struct! {
    pub struct ManagedEbsVolume {
        pub encrypted: Option<bool> = "encrypted",
        pub kms_key_id: Option<String> = "kmsKeyId",
        pub volume_type: Option<String> = "volumeType",
        pub size_in_gib: Option<i64> = "sizeInGiB",
        pub snapshot_id: Option<String> = "snapshotId",
        pub volume_initialization_rate: Option<i64> = "volumeInitializationRate",
        pub iops: Option<i64> = "iops",
        pub throughput: Option<i64> = "throughput",
        pub role_arn: Option<String> = "roleArn",
        pub filesystem_type: Option<String> = "filesystemType",
    }
}

impl Service {
    /// An `UpdateService` request (names the service with `service`, not `serviceName`).
    pub fn is_update(&self) -> bool {
        self.service_name.is_none() && self.service.is_some()
    }
}
