//! The `RegisterTaskDefinition` request as typed Rust: every field the rules read, in AWS's
//! camelCase names. Unknown fields are ignored (read-only fields of `describe-task-definition`
//! included), every optional field accepts JSON `null`, and enumerations stay strings so that a
//! wrong value becomes a rule finding with a helpful message instead of a type error.

use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;

/// Task-level `cpu` / `memory`: AWS takes a string (`"1024"`, `"1 vCPU"`, `"2 GB"`); many
/// samples write a bare number. Both are accepted and kept as written.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct SizeText(pub String);

impl<'de> Deserialize<'de> for SizeText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = SizeText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string such as \"1024\" or \"1 vCPU\", or a number")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<SizeText, E> {
                Ok(SizeText(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<SizeText, E> {
                Ok(SizeText(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<SizeText, E> {
                Ok(SizeText(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<SizeText, E> {
                Ok(SizeText(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// `RegisterTaskDefinition` (and the `taskDefinition` of `describe-task-definition`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskDefinition {
    pub family: Option<String>,
    pub task_role_arn: Option<String>,
    pub execution_role_arn: Option<String>,
    pub network_mode: Option<String>,
    pub container_definitions: Option<Vec<ContainerDefinition>>,
    pub volumes: Option<Vec<Volume>>,
    pub placement_constraints: Option<Vec<PlacementConstraint>>,
    pub requires_compatibilities: Option<Vec<String>>,
    pub cpu: Option<SizeText>,
    pub memory: Option<SizeText>,
    pub tags: Option<Vec<EcsTag>>,
    pub pid_mode: Option<String>,
    pub ipc_mode: Option<String>,
    pub proxy_configuration: Option<ProxyConfiguration>,
    pub inference_accelerators: Option<Vec<InferenceAccelerator>>,
    pub ephemeral_storage: Option<EphemeralStorage>,
    pub runtime_platform: Option<RuntimePlatform>,
    pub enable_fault_injection: Option<bool>,
}

/// One container of the task.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerDefinition {
    pub name: Option<String>,
    pub image: Option<String>,
    pub repository_credentials: Option<RepositoryCredentials>,
    pub cpu: Option<i64>,
    pub memory: Option<i64>,
    pub memory_reservation: Option<i64>,
    pub links: Option<Vec<String>>,
    pub port_mappings: Option<Vec<PortMapping>>,
    pub essential: Option<bool>,
    pub restart_policy: Option<RestartPolicy>,
    pub entry_point: Option<Vec<String>>,
    pub command: Option<Vec<String>>,
    pub environment: Option<Vec<KeyValuePair>>,
    pub environment_files: Option<Vec<EnvironmentFile>>,
    pub mount_points: Option<Vec<MountPoint>>,
    pub volumes_from: Option<Vec<VolumeFrom>>,
    pub linux_parameters: Option<LinuxParameters>,
    pub secrets: Option<Vec<Secret>>,
    pub depends_on: Option<Vec<ContainerDependency>>,
    pub start_timeout: Option<i64>,
    pub stop_timeout: Option<i64>,
    pub version_consistency: Option<String>,
    pub hostname: Option<String>,
    pub user: Option<String>,
    pub working_directory: Option<String>,
    pub disable_networking: Option<bool>,
    pub privileged: Option<bool>,
    pub readonly_root_filesystem: Option<bool>,
    pub dns_servers: Option<Vec<String>>,
    pub dns_search_domains: Option<Vec<String>>,
    pub extra_hosts: Option<Vec<HostEntry>>,
    pub docker_security_options: Option<Vec<String>>,
    pub interactive: Option<bool>,
    pub pseudo_terminal: Option<bool>,
    pub docker_labels: Option<BTreeMap<String, String>>,
    pub ulimits: Option<Vec<Ulimit>>,
    pub log_configuration: Option<LogConfiguration>,
    pub health_check: Option<HealthCheck>,
    pub system_controls: Option<Vec<SystemControl>>,
    pub resource_requirements: Option<Vec<ResourceRequirement>>,
    pub firelens_configuration: Option<FirelensConfiguration>,
    pub credential_specs: Option<Vec<String>>,
}

impl ContainerDefinition {
    /// `essential` defaults to true when omitted.
    pub fn is_essential(&self) -> bool {
        self.essential.unwrap_or(true)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RepositoryCredentials {
    pub credentials_parameter: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PortMapping {
    pub container_port: Option<i64>,
    pub host_port: Option<i64>,
    pub protocol: Option<String>,
    pub name: Option<String>,
    pub app_protocol: Option<String>,
    pub container_port_range: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RestartPolicy {
    pub enabled: Option<bool>,
    pub ignored_exit_codes: Option<Vec<i64>>,
    pub restart_attempt_period: Option<i64>,
}

/// `environment[]` entries (and other name/value lists).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyValuePair {
    pub name: Option<String>,
    pub value: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnvironmentFile {
    pub value: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MountPoint {
    pub source_volume: Option<String>,
    pub container_path: Option<String>,
    pub read_only: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VolumeFrom {
    pub source_container: Option<String>,
    pub read_only: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LinuxParameters {
    pub capabilities: Option<KernelCapabilities>,
    pub devices: Option<Vec<Device>>,
    pub init_process_enabled: Option<bool>,
    pub shared_memory_size: Option<i64>,
    pub tmpfs: Option<Vec<Tmpfs>>,
    pub max_swap: Option<i64>,
    pub swappiness: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KernelCapabilities {
    pub add: Option<Vec<String>>,
    pub drop: Option<Vec<String>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Device {
    pub host_path: Option<String>,
    pub container_path: Option<String>,
    pub permissions: Option<Vec<String>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tmpfs {
    pub container_path: Option<String>,
    pub size: Option<i64>,
    pub mount_options: Option<Vec<String>>,
}

/// `secrets[]` and `logConfiguration.secretOptions[]`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Secret {
    pub name: Option<String>,
    pub value_from: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerDependency {
    pub container_name: Option<String>,
    pub condition: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HostEntry {
    pub hostname: Option<String>,
    pub ip_address: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Ulimit {
    pub name: Option<String>,
    pub soft_limit: Option<i64>,
    pub hard_limit: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LogConfiguration {
    pub log_driver: Option<String>,
    pub options: Option<BTreeMap<String, String>>,
    pub secret_options: Option<Vec<Secret>>,
}

impl LogConfiguration {
    pub fn option(&self, key: &str) -> Option<&str> {
        self.options.as_ref()?.get(key).map(String::as_str)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HealthCheck {
    pub command: Option<Vec<String>>,
    pub interval: Option<i64>,
    pub timeout: Option<i64>,
    pub retries: Option<i64>,
    pub start_period: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SystemControl {
    pub namespace: Option<String>,
    pub value: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceRequirement {
    pub value: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirelensConfiguration {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub options: Option<BTreeMap<String, String>>,
}

/// ECS tags use lowercase `key` / `value`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EcsTag {
    pub key: Option<String>,
    pub value: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlacementConstraint {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub expression: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProxyConfiguration {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub container_name: Option<String>,
    pub properties: Option<Vec<KeyValuePair>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InferenceAccelerator {
    pub device_name: Option<String>,
    pub device_type: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EphemeralStorage {
    pub size_in_gi_b: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RuntimePlatform {
    pub cpu_architecture: Option<String>,
    pub operating_system_family: Option<String>,
}

/// A task volume; exactly one of the configurations (or none: a bind mount on task storage).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Volume {
    pub name: Option<String>,
    pub host: Option<HostVolumeProperties>,
    pub docker_volume_configuration: Option<DockerVolumeConfiguration>,
    pub efs_volume_configuration: Option<EfsVolumeConfiguration>,
    pub fsx_windows_file_server_volume_configuration: Option<FsxWindowsVolumeConfiguration>,
    pub s3files_volume_configuration: Option<serde_json::Value>,
    pub configured_at_launch: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HostVolumeProperties {
    pub source_path: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DockerVolumeConfiguration {
    pub scope: Option<String>,
    pub autoprovision: Option<bool>,
    pub driver: Option<String>,
    pub driver_opts: Option<BTreeMap<String, String>>,
    pub labels: Option<BTreeMap<String, String>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EfsVolumeConfiguration {
    pub file_system_id: Option<String>,
    pub root_directory: Option<String>,
    pub transit_encryption: Option<String>,
    pub transit_encryption_port: Option<i64>,
    pub authorization_config: Option<EfsAuthorizationConfig>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EfsAuthorizationConfig {
    pub access_point_id: Option<String>,
    pub iam: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FsxWindowsVolumeConfiguration {
    pub file_system_id: Option<String>,
    pub root_directory: Option<String>,
    pub authorization_config: Option<FsxAuthorizationConfig>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FsxAuthorizationConfig {
    pub credentials_parameter: Option<String>,
    pub domain: Option<String>,
}
