//! The `RegisterTaskDefinition` request as typed Rust: every field the rules read, in AWS's
//! camelCase names. Unknown fields are ignored (read-only fields of `describe-task-definition`
//! included), every optional field accepts JSON `null`, and enumerations stay strings so that a
//! wrong value becomes a rule finding with a helpful message instead of a type error.

use crate::json::{FromJson, Reader};
use serde_json::Value;
use std::collections::BTreeMap;

/// Task-level `cpu` / `memory`: AWS takes a string (`"1024"`, `"1 vCPU"`, `"2 GB"`); many
/// samples write a bare number. Both are accepted and kept as written (written back as a
/// string, which is what `RegisterTaskDefinition` takes).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SizeText(pub String);

impl FromJson for SizeText {
    fn from_json(v: &Value, r: &mut Reader) -> Option<Self> {
        match v {
            Value::String(s) => Some(SizeText(s.clone())),
            Value::Number(n) => Some(SizeText(n.to_string())),
            other => {
                r.wrong(
                    other,
                    "a string such as \"1024\" or \"1 vCPU\", or a number",
                );
                None
            }
        }
    }
    fn to_json(&self) -> Value {
        Value::String(self.0.clone())
    }
}

json_struct! {
    /// `RegisterTaskDefinition` (and the `taskDefinition` of `describe-task-definition`).
    pub struct TaskDefinition {
        pub family: Option<String> = "family",
        pub task_role_arn: Option<String> = "taskRoleArn",
        pub execution_role_arn: Option<String> = "executionRoleArn",
        pub network_mode: Option<String> = "networkMode",
        pub container_definitions: Option<Vec<ContainerDefinition>> = "containerDefinitions",
        pub volumes: Option<Vec<Volume>> = "volumes",
        pub placement_constraints: Option<Vec<PlacementConstraint>> = "placementConstraints",
        pub requires_compatibilities: Option<Vec<String>> = "requiresCompatibilities",
        pub cpu: Option<SizeText> = "cpu",
        pub memory: Option<SizeText> = "memory",
        pub tags: Option<Vec<EcsTag>> = "tags",
        pub pid_mode: Option<String> = "pidMode",
        pub ipc_mode: Option<String> = "ipcMode",
        pub proxy_configuration: Option<ProxyConfiguration> = "proxyConfiguration",
        pub inference_accelerators: Option<Vec<InferenceAccelerator>> = "inferenceAccelerators",
        pub ephemeral_storage: Option<EphemeralStorage> = "ephemeralStorage",
        pub runtime_platform: Option<RuntimePlatform> = "runtimePlatform",
        pub enable_fault_injection: Option<bool> = "enableFaultInjection",
    }
}

json_struct! {
    /// One container of the task.
    pub struct ContainerDefinition {
        pub name: Option<String> = "name",
        pub image: Option<String> = "image",
        pub repository_credentials: Option<RepositoryCredentials> = "repositoryCredentials",
        pub cpu: Option<i64> = "cpu",
        pub memory: Option<i64> = "memory",
        pub memory_reservation: Option<i64> = "memoryReservation",
        pub links: Option<Vec<String>> = "links",
        pub port_mappings: Option<Vec<PortMapping>> = "portMappings",
        pub essential: Option<bool> = "essential",
        pub restart_policy: Option<RestartPolicy> = "restartPolicy",
        pub entry_point: Option<Vec<String>> = "entryPoint",
        pub command: Option<Vec<String>> = "command",
        pub environment: Option<Vec<KeyValuePair>> = "environment",
        pub environment_files: Option<Vec<EnvironmentFile>> = "environmentFiles",
        pub mount_points: Option<Vec<MountPoint>> = "mountPoints",
        pub volumes_from: Option<Vec<VolumeFrom>> = "volumesFrom",
        pub linux_parameters: Option<LinuxParameters> = "linuxParameters",
        pub secrets: Option<Vec<Secret>> = "secrets",
        pub depends_on: Option<Vec<ContainerDependency>> = "dependsOn",
        pub start_timeout: Option<i64> = "startTimeout",
        pub stop_timeout: Option<i64> = "stopTimeout",
        pub version_consistency: Option<String> = "versionConsistency",
        pub hostname: Option<String> = "hostname",
        pub user: Option<String> = "user",
        pub working_directory: Option<String> = "workingDirectory",
        pub disable_networking: Option<bool> = "disableNetworking",
        pub privileged: Option<bool> = "privileged",
        pub readonly_root_filesystem: Option<bool> = "readonlyRootFilesystem",
        pub dns_servers: Option<Vec<String>> = "dnsServers",
        pub dns_search_domains: Option<Vec<String>> = "dnsSearchDomains",
        pub extra_hosts: Option<Vec<HostEntry>> = "extraHosts",
        pub docker_security_options: Option<Vec<String>> = "dockerSecurityOptions",
        pub interactive: Option<bool> = "interactive",
        pub pseudo_terminal: Option<bool> = "pseudoTerminal",
        pub docker_labels: Option<BTreeMap<String, String>> = "dockerLabels",
        pub ulimits: Option<Vec<Ulimit>> = "ulimits",
        pub log_configuration: Option<LogConfiguration> = "logConfiguration",
        pub health_check: Option<HealthCheck> = "healthCheck",
        pub system_controls: Option<Vec<SystemControl>> = "systemControls",
        pub resource_requirements: Option<Vec<ResourceRequirement>> = "resourceRequirements",
        pub firelens_configuration: Option<FirelensConfiguration> = "firelensConfiguration",
        pub credential_specs: Option<Vec<String>> = "credentialSpecs",
    }
}

impl TaskDefinition {
    /// Whether some container mounts volume `name` writable (not `readOnly`).
    pub fn volume_written(&self, name: Option<&str>) -> bool {
        self.container_definitions
            .iter()
            .flatten()
            .flat_map(|c| c.mount_points.iter().flatten())
            .any(|m| m.source_volume.as_deref() == name && m.read_only != Some(true))
    }
}

impl ContainerDefinition {
    /// `essential` defaults to true when omitted.
    pub fn is_essential(&self) -> bool {
        self.essential.unwrap_or(true)
    }
}

json_struct! {
    pub struct RepositoryCredentials {
        pub credentials_parameter: Option<String> = "credentialsParameter",
    }
}

json_struct! {
    pub struct PortMapping {
        pub container_port: Option<i64> = "containerPort",
        pub host_port: Option<i64> = "hostPort",
        pub protocol: Option<String> = "protocol",
        pub name: Option<String> = "name",
        pub app_protocol: Option<String> = "appProtocol",
        pub container_port_range: Option<String> = "containerPortRange",
    }
}

json_struct! {
    pub struct RestartPolicy {
        pub enabled: Option<bool> = "enabled",
        pub ignored_exit_codes: Option<Vec<i64>> = "ignoredExitCodes",
        pub restart_attempt_period: Option<i64> = "restartAttemptPeriod",
    }
}

json_struct! {
    /// `environment[]` entries (and other name/value lists).
    pub struct KeyValuePair {
        pub name: Option<String> = "name",
        pub value: Option<String> = "value",
    }
}

json_struct! {
    pub struct EnvironmentFile {
        pub value: Option<String> = "value",
        pub kind: Option<String> = "type",
    }
}

json_struct! {
    pub struct MountPoint {
        pub source_volume: Option<String> = "sourceVolume",
        pub container_path: Option<String> = "containerPath",
        pub read_only: Option<bool> = "readOnly",
    }
}

json_struct! {
    pub struct VolumeFrom {
        pub source_container: Option<String> = "sourceContainer",
        pub read_only: Option<bool> = "readOnly",
    }
}

json_struct! {
    pub struct LinuxParameters {
        pub capabilities: Option<KernelCapabilities> = "capabilities",
        pub devices: Option<Vec<Device>> = "devices",
        pub init_process_enabled: Option<bool> = "initProcessEnabled",
        pub shared_memory_size: Option<i64> = "sharedMemorySize",
        pub tmpfs: Option<Vec<Tmpfs>> = "tmpfs",
        pub max_swap: Option<i64> = "maxSwap",
        pub swappiness: Option<i64> = "swappiness",
    }
}

json_struct! {
    pub struct KernelCapabilities {
        pub add: Option<Vec<String>> = "add",
        pub drop: Option<Vec<String>> = "drop",
    }
}

json_struct! {
    pub struct Device {
        pub host_path: Option<String> = "hostPath",
        pub container_path: Option<String> = "containerPath",
        pub permissions: Option<Vec<String>> = "permissions",
    }
}

json_struct! {
    pub struct Tmpfs {
        pub container_path: Option<String> = "containerPath",
        pub size: Option<i64> = "size",
        pub mount_options: Option<Vec<String>> = "mountOptions",
    }
}

json_struct! {
    /// `secrets[]` and `logConfiguration.secretOptions[]`.
    pub struct Secret {
        pub name: Option<String> = "name",
        pub value_from: Option<String> = "valueFrom",
    }
}

json_struct! {
    pub struct ContainerDependency {
        pub container_name: Option<String> = "containerName",
        pub condition: Option<String> = "condition",
    }
}

json_struct! {
    pub struct HostEntry {
        pub hostname: Option<String> = "hostname",
        pub ip_address: Option<String> = "ipAddress",
    }
}

json_struct! {
    pub struct Ulimit {
        pub name: Option<String> = "name",
        pub soft_limit: Option<i64> = "softLimit",
        pub hard_limit: Option<i64> = "hardLimit",
    }
}

json_struct! {
    pub struct LogConfiguration {
        pub log_driver: Option<String> = "logDriver",
        pub options: Option<BTreeMap<String, String>> = "options",
        pub secret_options: Option<Vec<Secret>> = "secretOptions",
    }
}

impl LogConfiguration {
    pub fn option(&self, key: &str) -> Option<&str> {
        self.options.as_ref()?.get(key).map(String::as_str)
    }
}

json_struct! {
    pub struct HealthCheck {
        pub command: Option<Vec<String>> = "command",
        pub interval: Option<i64> = "interval",
        pub timeout: Option<i64> = "timeout",
        pub retries: Option<i64> = "retries",
        pub start_period: Option<i64> = "startPeriod",
    }
}

json_struct! {
    pub struct SystemControl {
        pub namespace: Option<String> = "namespace",
        pub value: Option<String> = "value",
    }
}

json_struct! {
    pub struct ResourceRequirement {
        pub value: Option<String> = "value",
        pub kind: Option<String> = "type",
    }
}

json_struct! {
    pub struct FirelensConfiguration {
        pub kind: Option<String> = "type",
        pub options: Option<BTreeMap<String, String>> = "options",
    }
}

json_struct! {
    /// ECS tags use lowercase `key` / `value`.
    pub struct EcsTag {
        pub key: Option<String> = "key",
        pub value: Option<String> = "value",
    }
}

json_struct! {
    pub struct PlacementConstraint {
        pub kind: Option<String> = "type",
        pub expression: Option<String> = "expression",
    }
}

json_struct! {
    pub struct ProxyConfiguration {
        pub kind: Option<String> = "type",
        pub container_name: Option<String> = "containerName",
        pub properties: Option<Vec<KeyValuePair>> = "properties",
    }
}

json_struct! {
    pub struct InferenceAccelerator {
        pub device_name: Option<String> = "deviceName",
        pub device_type: Option<String> = "deviceType",
    }
}

json_struct! {
    pub struct EphemeralStorage {
        pub size_in_gi_b: Option<i64> = "sizeInGiB",
    }
}

json_struct! {
    pub struct RuntimePlatform {
        pub cpu_architecture: Option<String> = "cpuArchitecture",
        pub operating_system_family: Option<String> = "operatingSystemFamily",
    }
}

json_struct! {
    /// A task volume; exactly one of the configurations (or none: a bind mount on task storage).
    pub struct Volume {
        pub name: Option<String> = "name",
        pub host: Option<HostVolumeProperties> = "host",
        pub docker_volume_configuration: Option<DockerVolumeConfiguration> = "dockerVolumeConfiguration",
        pub efs_volume_configuration: Option<EfsVolumeConfiguration> = "efsVolumeConfiguration",
        pub fsx_windows_file_server_volume_configuration: Option<FsxWindowsVolumeConfiguration> = "fsxWindowsFileServerVolumeConfiguration",
        pub s3files_volume_configuration: Option<serde_json::Value> = "s3filesVolumeConfiguration",
        pub configured_at_launch: Option<bool> = "configuredAtLaunch",
        ..pub extra
    }
}

json_struct! {
    pub struct HostVolumeProperties {
        pub source_path: Option<String> = "sourcePath",
    }
}

json_struct! {
    pub struct DockerVolumeConfiguration {
        pub scope: Option<String> = "scope",
        pub autoprovision: Option<bool> = "autoprovision",
        pub driver: Option<String> = "driver",
        pub driver_opts: Option<BTreeMap<String, String>> = "driverOpts",
        pub labels: Option<BTreeMap<String, String>> = "labels",
    }
}

json_struct! {
    pub struct EfsVolumeConfiguration {
        pub file_system_id: Option<String> = "fileSystemId",
        pub root_directory: Option<String> = "rootDirectory",
        pub transit_encryption: Option<String> = "transitEncryption",
        pub transit_encryption_port: Option<i64> = "transitEncryptionPort",
        pub authorization_config: Option<EfsAuthorizationConfig> = "authorizationConfig",
    }
}

json_struct! {
    pub struct EfsAuthorizationConfig {
        pub access_point_id: Option<String> = "accessPointId",
        pub iam: Option<String> = "iam",
    }
}

json_struct! {
    pub struct FsxWindowsVolumeConfiguration {
        pub file_system_id: Option<String> = "fileSystemId",
        pub root_directory: Option<String> = "rootDirectory",
        pub authorization_config: Option<FsxAuthorizationConfig> = "authorizationConfig",
    }
}

json_struct! {
    pub struct FsxAuthorizationConfig {
        pub credentials_parameter: Option<String> = "credentialsParameter",
        pub domain: Option<String> = "domain",
    }
}
