//! `CreateService` / `UpdateService` as typed Rust (AWS camelCase names, unknown fields
//! ignored, `null` accepted, enumerations kept as strings).

use crate::ecs::task_definition::EcsTag;
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Service {
    pub cluster: Option<String>,
    /// `CreateService.serviceName`.
    pub service_name: Option<String>,
    /// `UpdateService.service` (name or ARN): its presence marks an update.
    pub service: Option<String>,
    /// A family, `family:revision` or ARN — or, as a Berth extension, the task definition
    /// itself (the `RegisterTaskDefinition` object), which is then validated too.
    pub task_definition: Option<Value>,
    pub load_balancers: Option<Vec<LoadBalancer>>,
    pub service_registries: Option<Vec<ServiceRegistry>>,
    pub desired_count: Option<i64>,
    pub client_token: Option<String>,
    pub launch_type: Option<String>,
    pub capacity_provider_strategy: Option<Vec<CapacityProviderStrategyItem>>,
    pub platform_version: Option<String>,
    /// From `describe-services` output: the service's OS family (TD-RP-007).
    pub platform_family: Option<String>,
    pub role: Option<String>,
    pub deployment_configuration: Option<DeploymentConfiguration>,
    pub placement_constraints: Option<Vec<PlacementConstraint>>,
    pub placement_strategy: Option<Vec<PlacementStrategy>>,
    pub network_configuration: Option<NetworkConfiguration>,
    pub health_check_grace_period_seconds: Option<i64>,
    pub scheduling_strategy: Option<String>,
    pub deployment_controller: Option<DeploymentController>,
    pub tags: Option<Vec<EcsTag>>,
    #[serde(rename = "enableECSManagedTags")]
    pub enable_ecs_managed_tags: Option<bool>,
    pub propagate_tags: Option<String>,
    pub enable_execute_command: Option<bool>,
    pub service_connect_configuration: Option<ServiceConnectConfiguration>,
    pub volume_configurations: Option<Vec<ServiceVolumeConfiguration>>,
    pub vpc_lattice_configurations: Option<Vec<Value>>,
    pub force_new_deployment: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoadBalancer {
    pub target_group_arn: Option<String>,
    pub load_balancer_name: Option<String>,
    pub container_name: Option<String>,
    pub container_port: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceRegistry {
    pub registry_arn: Option<String>,
    pub port: Option<i64>,
    pub container_name: Option<String>,
    pub container_port: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CapacityProviderStrategyItem {
    pub capacity_provider: Option<String>,
    pub weight: Option<i64>,
    pub base: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentConfiguration {
    pub deployment_circuit_breaker: Option<DeploymentCircuitBreaker>,
    pub maximum_percent: Option<i64>,
    pub minimum_healthy_percent: Option<i64>,
    pub alarms: Option<DeploymentAlarms>,
    pub strategy: Option<String>,
    pub bake_time_in_minutes: Option<i64>,
    pub lifecycle_hooks: Option<Vec<Value>>,
    pub linear_configuration: Option<Value>,
    pub canary_configuration: Option<Value>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeploymentCircuitBreaker {
    pub enable: Option<bool>,
    pub rollback: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentAlarms {
    pub alarm_names: Option<Vec<String>>,
    pub enable: Option<bool>,
    pub rollback: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacementConstraint {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub expression: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacementStrategy {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub field: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkConfiguration {
    pub awsvpc_configuration: Option<AwsVpcConfiguration>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AwsVpcConfiguration {
    pub subnets: Option<Vec<String>>,
    pub security_groups: Option<Vec<String>>,
    pub assign_public_ip: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeploymentController {
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceConnectConfiguration {
    pub enabled: Option<bool>,
    pub namespace: Option<String>,
    pub services: Option<Vec<ServiceConnectService>>,
    pub log_configuration: Option<Value>,
    pub access_log_configuration: Option<Value>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceConnectService {
    pub port_name: Option<String>,
    pub discovery_name: Option<String>,
    pub client_aliases: Option<Vec<ServiceConnectClientAlias>>,
    pub ingress_port_override: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceConnectClientAlias {
    pub port: Option<i64>,
    pub dns_name: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceVolumeConfiguration {
    pub name: Option<String>,
    #[serde(rename = "managedEBSVolume")]
    pub managed_ebs_volume: Option<ManagedEbsVolume>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ManagedEbsVolume {
    pub encrypted: Option<bool>,
    pub kms_key_id: Option<String>,
    pub volume_type: Option<String>,
    #[serde(rename = "sizeInGiB")]
    pub size_in_gib: Option<i64>,
    pub snapshot_id: Option<String>,
    pub volume_initialization_rate: Option<i64>,
    pub iops: Option<i64>,
    pub throughput: Option<i64>,
    pub role_arn: Option<String>,
    pub filesystem_type: Option<String>,
}

impl Service {
    /// An `UpdateService` request (names the service with `service`, not `serviceName`).
    pub fn is_update(&self) -> bool {
        self.service_name.is_none() && self.service.is_some()
    }
}
