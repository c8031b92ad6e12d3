//! Catalogue §2.11 — task volumes and mount points (VOL, VOL-BIND, VOL-DOCK, VOL-EFS,
//! VOL-FSX, VOL-EBS-001). The EBS rules about `volumeConfigurations` belong to the service.

use super::linux::drive;
use super::{cpath, Facts, TaskDefinition, Volume};
use crate::ecs::names::{is_ecs_name, is_parameter_arn, is_secret_arn};
use crate::finding::Findings;
use crate::Context;
use std::collections::BTreeSet;

/// EFS `FileSystemId`: `^fs-[0-9a-f]{8,40}$`.
pub fn is_efs_id(id: &str) -> bool {
    hex_id(id, "fs-", 8, 40)
}

/// EFS `AccessPointId`: `^fsap-[0-9a-f]{8,40}$`.
pub fn is_access_point_id(id: &str) -> bool {
    hex_id(id, "fsap-", 8, 40)
}

/// FSx `FileSystemId`: 11–21 characters, `^fs-[0-9a-f]{8,}$`.
pub fn is_fsx_id(id: &str) -> bool {
    (11..=21).contains(&id.len()) && hex_id(id, "fs-", 8, 18)
}

fn hex_id(id: &str, prefix: &str, min: usize, max: usize) -> bool {
    id.strip_prefix(prefix).is_some_and(|h| {
        (min..=max).contains(&h.len())
            && h.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

fn is_absolute(path: &str) -> bool {
    path.starts_with('/') || path.starts_with('\\') || drive(path).is_some()
}

/// The configuration kinds a volume sets (VOL-002 wants at most one).
fn kinds(v: &Volume) -> Vec<&'static str> {
    let mut out = Vec::new();
    if v.host.is_some() {
        out.push("host");
    }
    if v.docker_volume_configuration.is_some() {
        out.push("dockerVolumeConfiguration");
    }
    if v.efs_volume_configuration.is_some() {
        out.push("efsVolumeConfiguration");
    }
    if v.fsx_windows_file_server_volume_configuration.is_some() {
        out.push("fsxWindowsFileServerVolumeConfiguration");
    }
    if v.s3files_volume_configuration
        .as_ref()
        .is_some_and(|c| !c.is_null())
    {
        out.push("s3filesVolumeConfiguration");
    }
    if v.configured_at_launch == Some(true) {
        out.push("configuredAtLaunch");
    }
    out
}

pub(super) fn check(td: &TaskDefinition, facts: &Facts, ctx: &Context, f: &mut Findings) {
    let volumes = td.volumes.as_deref().unwrap_or_default();
    let mut names = BTreeSet::new();
    let mut at_launch = 0;
    let mut fsx = 0;
    for (i, v) in volumes.iter().enumerate() {
        let base = format!("volumes[{i}]");
        match v.name.as_deref() {
            Some(n) if is_ecs_name(n) => {
                if !names.insert(n) {
                    f.error(
                        "VOL-001",
                        (&*base, "name"),
                        format!("Volume name `{n}` is used twice; volume names must be unique."),
                    );
                }
            }
            _ => f.error(
                "VOL-001",
                (&*base, "name"),
                "Each volume needs a unique name: letters, digits, `_` or `-` (max 255).",
            ),
        }
        let k = kinds(v);
        if k.len() > 1 {
            f.error(
                "VOL-002",
                &base,
                format!(
                    "A volume may use only one volume type; this one sets {}.",
                    k.join(" and ")
                ),
            );
        }
        if let Some(key) = v.extra.keys().find(|k| {
            let l = k.to_ascii_lowercase();
            l.starts_with("fsx")
                || l.contains("lustre")
                || l.contains("ontap")
                || l.contains("openzfs")
        }) {
            f.error(
                "VOL-FSX-007",
                (&*base, key.as_str()),
                "ECS volumes only support FSx for Windows File Server (fsxWindowsFileServerVolumeConfiguration); FSx for Lustre, ONTAP and OpenZFS can't be used as ECS volumes.",
            );
        }
        if v.configured_at_launch == Some(true) {
            at_launch += 1;
            if at_launch > 1 {
                f.error(
                    "VOL-EBS-001",
                    (&*base, "configuredAtLaunch"),
                    "Only one volume per task definition can be configured at launch.",
                );
            }
        }
        if let Some(host) = v.host.as_ref() {
            if let Some(sp) = host.source_path.as_deref() {
                if facts.fargate {
                    f.error(
                        "VOL-BIND-001",
                        (&*base, "host.sourcePath"),
                        "host.sourcePath is not supported on Fargate; leave it out to use the task's ephemeral storage.",
                    );
                }
                if facts.windows {
                    let name = v.name.as_deref();
                    let mismatch = facts
                        .containers
                        .iter()
                        .flat_map(|c| c.mount_points.iter().flatten())
                        .any(|m| {
                            m.source_volume.as_deref() == name
                                && m.container_path
                                    .as_deref()
                                    .and_then(drive)
                                    .zip(drive(sp))
                                    .is_some_and(|(a, b)| a != b)
                        });
                    if mismatch {
                        f.warning("VOL-BIND-002", (&*base, "host.sourcePath"), "Windows bind mounts must stay on the same drive as the container path.");
                    }
                }
            }
        }
        if let Some(d) = v.docker_volume_configuration.as_ref() {
            let p = format!("{base}.dockerVolumeConfiguration");
            if facts.fargate || !facts.ec2 {
                f.error(
                    "VOL-DOCK-001",
                    &p,
                    "Docker volumes are supported only on the EC2 launch type.",
                );
            }
            let scope = d.scope.as_deref().unwrap_or("task");
            if !matches!(scope, "task" | "shared") {
                f.error(
                    "VOL-DOCK-002",
                    (&*p, "scope"),
                    "Docker volume scope must be task or shared.",
                );
            } else if d.autoprovision == Some(true) && scope != "shared" {
                f.error(
                    "VOL-DOCK-003",
                    (&*p, "autoprovision"),
                    "autoprovision may only be true for shared-scope Docker volumes.",
                );
            }
            if facts.windows && d.driver.as_deref().is_some_and(|dr| dr != "local") {
                f.error(
                    "VOL-DOCK-004",
                    (&*p, "driver"),
                    "Windows containers only support the local Docker volume driver.",
                );
            }
        }
        if let Some(e) = v.efs_volume_configuration.as_ref() {
            efs(
                td,
                facts,
                ctx,
                &format!("{base}.efsVolumeConfiguration"),
                e,
                f,
            );
        }
        if let Some(x) = v.fsx_windows_file_server_volume_configuration.as_ref() {
            fsx += 1;
            let p = format!("{base}.fsxWindowsFileServerVolumeConfiguration");
            let auth = x.authorization_config.as_ref();
            let missing: Vec<&str> = [
                ("fileSystemId", x.file_system_id.is_none()),
                ("rootDirectory", x.root_directory.is_none()),
                (
                    "authorizationConfig.credentialsParameter",
                    auth.and_then(|a| a.credentials_parameter.as_ref())
                        .is_none(),
                ),
                (
                    "authorizationConfig.domain",
                    auth.and_then(|a| a.domain.as_ref()).is_none(),
                ),
            ]
            .into_iter()
            .filter(|(_, m)| *m)
            .map(|(n, _)| n)
            .collect();
            if let Some(first) = missing.first() {
                f.error(
                    "VOL-FSX-001",
                    (&*p, *first),
                    format!("FSx for Windows volumes need fileSystemId, rootDirectory, credentialsParameter and domain; missing: {}.", missing.join(", ")),
                );
            }
            if facts.fargate {
                f.error("VOL-FSX-002", &p, "FSx for Windows File Server volumes are not supported on Fargate (EC2 Windows only).");
            } else if facts.os_known && !facts.windows {
                f.error("VOL-FSX-003", &p, "FSx for Windows volumes only work with Windows EC2 container instances; this task is Linux.");
            }
            if let Some(cp) = auth.and_then(|a| a.credentials_parameter.as_deref()) {
                if !(is_secret_arn(cp) || is_parameter_arn(cp)) {
                    f.error(
                        "VOL-FSX-004",
                        (&*p, "authorizationConfig.credentialsParameter"),
                        "credentialsParameter must be the ARN of a Secrets Manager secret or SSM parameter holding the domain credentials.",
                    );
                }
            }
            if let Some(id) = x.file_system_id.as_deref() {
                if !is_fsx_id(id) {
                    f.error(
                        "VOL-FSX-005",
                        (&*p, "fileSystemId"),
                        format!("`{id}` is not an FSx file system ID; it looks like fs-0123456789abcdef0 (lowercase hex)."),
                    );
                }
            }
            if fsx > 23 {
                f.error(
                    "VOL-FSX-006",
                    &p,
                    "A task can use at most 23 drive letters for FSx volumes.",
                );
            }
        }
    }
    mounts(td, facts, &names, f);
}

fn efs(
    td: &TaskDefinition,
    facts: &Facts,
    ctx: &Context,
    p: &str,
    e: &super::EfsVolumeConfiguration,
    f: &mut Findings,
) {
    match e.file_system_id.as_deref() {
        Some(id) if is_efs_id(id) => {}
        _ => f.error(
            "VOL-EFS-001",
            (p, "fileSystemId"),
            "An EFS volume needs a file system ID like fs-0123456789abcdef0.",
        ),
    }
    let tls = e.transit_encryption.as_deref() == Some("ENABLED");
    let auth = e.authorization_config.as_ref();
    if auth.and_then(|a| a.iam.as_deref()) == Some("ENABLED") {
        if !tls {
            f.error(
                "VOL-EFS-002",
                (p, "transitEncryption"),
                "EFS IAM authorization requires transitEncryption: ENABLED.",
            );
        }
        if td.task_role_arn.is_none() {
            f.warning(
                "VOL-EFS-007",
                (p, "authorizationConfig.iam"),
                "EFS IAM authorization mounts with the task role; set a taskRoleArn that the file system policy allows.",
            );
        }
    }
    if let Some(ap) = auth.and_then(|a| a.access_point_id.as_deref()) {
        if !tls {
            f.error(
                "VOL-EFS-003",
                (p, "transitEncryption"),
                "Using an EFS access point requires transitEncryption: ENABLED.",
            );
        }
        if e.root_directory.as_deref().is_some_and(|r| r != "/") {
            f.error(
                "VOL-EFS-004",
                (p, "rootDirectory"),
                "With an access point, leave rootDirectory out or set it to \"/\" (the access point defines the path).",
            );
        }
        if !is_access_point_id(ap) {
            f.error(
                "VOL-EFS-005",
                (p, "authorizationConfig.accessPointId"),
                "Access point IDs look like fsap-0123456789abcdef0.",
            );
        }
    }
    if let Some(port) = e.transit_encryption_port {
        if !tls || !(1..=65535).contains(&port) {
            f.warning(
                "VOL-EFS-006",
                (p, "transitEncryptionPort"),
                "transitEncryptionPort only matters when transit encryption is enabled, and must be 1–65535.",
            );
        }
    }
    let old_fargate = facts.fargate && !facts.windows && ctx.platform_below("1.4.0");
    if old_fargate || (facts.windows && !facts.fargate) || facts.external {
        f.error(
            "VOL-EFS-008",
            p,
            "EFS volumes need Fargate Linux platform 1.4.0+ and are not supported for Windows containers or external instances.",
        );
    }
}

fn mounts(td: &TaskDefinition, facts: &Facts, names: &BTreeSet<&str>, f: &mut Findings) {
    let mut mounted = BTreeSet::new();
    for (i, c) in facts.containers.iter().enumerate() {
        let mut paths = BTreeSet::new();
        for (j, m) in c
            .mount_points
            .as_deref()
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let p = format!("{}.mountPoints[{j}]", cpath(i));
            let source = m.source_volume.as_deref().unwrap_or("");
            mounted.insert(source);
            if !names.contains(source) {
                let known: Vec<&str> = names.iter().copied().collect();
                let hint = if known.is_empty() {
                    "the task defines no volumes".to_string()
                } else {
                    format!("defined: {}", known.join(", "))
                };
                f.error(
                    "VOL-003",
                    (&*p, "sourceVolume"),
                    format!("Mount point refers to volume `{source}`, which isn't defined in the task's volumes ({hint})."),
                );
            }
            match m.container_path.as_deref() {
                Some(cp) if is_absolute(cp) => {
                    if !paths.insert(cp) {
                        f.warning(
                            "VOL-005",
                            (&*p, "containerPath"),
                            format!("Two mounts target the same container path `{cp}`."),
                        );
                    }
                }
                _ => f.error(
                    "VOL-004",
                    (&*p, "containerPath"),
                    "Each mount point needs an absolute containerPath (e.g. /data).",
                ),
            }
        }
    }
    for (i, v) in td.volumes.as_deref().unwrap_or_default().iter().enumerate() {
        let Some(name) = v.name.as_deref() else {
            continue;
        };
        if v.configured_at_launch != Some(true) && !mounted.contains(name) {
            f.warning(
                "VOL-006",
                &format!("volumes[{i}].name"),
                format!("Volume `{name}` is defined but no container mounts it."),
            );
        }
    }
}
