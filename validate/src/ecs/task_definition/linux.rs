//! Catalogue §2.10 — Linux parameters, ulimits and other container settings (TD-LNX /
//! TD-ULIM / TD-MISC).

use super::{cname, cpath, Facts, TaskDefinition};
use crate::ecs::names::{is_role_arn, is_role_name};
use crate::finding::Findings;
use crate::Context;
use std::collections::BTreeSet;

pub const CAPABILITIES: [&str; 38] = [
    "ALL",
    "AUDIT_CONTROL",
    "AUDIT_WRITE",
    "BLOCK_SUSPEND",
    "CHOWN",
    "DAC_OVERRIDE",
    "DAC_READ_SEARCH",
    "FOWNER",
    "FSETID",
    "IPC_LOCK",
    "IPC_OWNER",
    "KILL",
    "LEASE",
    "LINUX_IMMUTABLE",
    "MAC_ADMIN",
    "MAC_OVERRIDE",
    "MKNOD",
    "NET_ADMIN",
    "NET_BIND_SERVICE",
    "NET_BROADCAST",
    "NET_RAW",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_ADMIN",
    "SYS_BOOT",
    "SYS_CHROOT",
    "SYS_MODULE",
    "SYS_NICE",
    "SYS_PACCT",
    "SYS_PTRACE",
    "SYS_RAWIO",
    "SYS_RESOURCE",
    "SYS_TIME",
    "SYS_TTY_CONFIG",
    "SYSLOG",
    "WAKE_ALARM",
];

pub const ULIMIT_NAMES: [&str; 15] = [
    "core",
    "cpu",
    "data",
    "fsize",
    "locks",
    "memlock",
    "msgqueue",
    "nice",
    "nofile",
    "nproc",
    "rss",
    "rtprio",
    "rttime",
    "sigpending",
    "stack",
];

/// tmpfs mount options the API documents.
const TMPFS_OPTIONS: [&str; 36] = [
    "defaults",
    "ro",
    "rw",
    "suid",
    "nosuid",
    "dev",
    "nodev",
    "exec",
    "noexec",
    "sync",
    "async",
    "dirsync",
    "remount",
    "mand",
    "nomand",
    "atime",
    "noatime",
    "diratime",
    "nodiratime",
    "bind",
    "rbind",
    "unbindable",
    "runbindable",
    "private",
    "rprivate",
    "shared",
    "rshared",
    "slave",
    "rslave",
    "relatime",
    "norelatime",
    "strictatime",
    "nostrictatime",
    "mode",
    "uid",
    "gid",
];

pub(super) fn check(td: &TaskDefinition, facts: &Facts, ctx: &Context, f: &mut Findings) {
    for (i, c) in facts.containers.iter().enumerate() {
        let base = cpath(i);
        if let Some(lp) = c.linux_parameters.as_ref() {
            let lbase = format!("{base}.linuxParameters");
            if facts.windows {
                f.error(
                    "TD-LNX-011",
                    &lbase,
                    "linuxParameters cannot be used with Windows containers.",
                );
            }
            if let Some(caps) = lp.capabilities.as_ref() {
                let add = caps.add.as_deref().unwrap_or_default();
                for (field, list) in [
                    ("add", add),
                    ("drop", caps.drop.as_deref().unwrap_or_default()),
                ] {
                    for (j, cap) in list.iter().enumerate() {
                        let p = format!("{lbase}.capabilities.{field}[{j}]");
                        if !CAPABILITIES.contains(&cap.as_str()) {
                            f.error(
                                "TD-LNX-003",
                                &p,
                                format!("Unknown Linux capability `{cap}` (write it without the CAP_ prefix, e.g. NET_ADMIN)."),
                            );
                        } else if field == "add" && facts.fargate && cap != "SYS_PTRACE" {
                            f.error("TD-LNX-001", &p, format!("Fargate only allows adding the SYS_PTRACE capability, not {cap}."));
                        }
                    }
                }
                if facts.fargate && !add.is_empty() && ctx.platform_below("1.4.0") {
                    f.error(
                        "TD-LNX-002",
                        (&*lbase, "capabilities.add"),
                        "Adding capabilities on Fargate requires platform version 1.4.0 or later.",
                    );
                }
                if c.privileged == Some(true) {
                    f.warning(
                        "TD-LNX-004",
                        (&*lbase, "capabilities"),
                        "add/drop are ignored for privileged containers.",
                    );
                }
            }
            if facts.fargate {
                let used = [
                    (
                        "devices",
                        lp.devices.as_ref().is_some_and(|d| !d.is_empty()),
                    ),
                    ("sharedMemorySize", lp.shared_memory_size.is_some()),
                    ("tmpfs", lp.tmpfs.as_ref().is_some_and(|t| !t.is_empty())),
                    ("maxSwap", lp.max_swap.is_some()),
                    ("swappiness", lp.swappiness.is_some()),
                ];
                for (field, present) in used {
                    if present {
                        f.error(
                            "TD-LNX-005",
                            (&*lbase, field),
                            format!("{field} is not supported on Fargate."),
                        );
                    }
                }
            }
            for (j, d) in lp.devices.as_deref().unwrap_or_default().iter().enumerate() {
                let bad_perm = d
                    .permissions
                    .as_deref()
                    .unwrap_or_default()
                    .iter()
                    .any(|p| !matches!(p.as_str(), "read" | "write" | "mknod"));
                if d.host_path.as_deref().is_none_or(str::is_empty) || bad_perm {
                    f.error(
                        "TD-LNX-006",
                        &format!("{lbase}.devices[{j}]"),
                        "Each device needs a hostPath; permissions may only be read, write or mknod.",
                    );
                }
            }
            for (j, t) in lp.tmpfs.as_deref().unwrap_or_default().iter().enumerate() {
                let path_ok = t
                    .container_path
                    .as_deref()
                    .is_some_and(|p| p.starts_with('/'));
                let size_ok = t.size.is_some_and(|s| s > 0);
                let opts_ok = t
                    .mount_options
                    .as_deref()
                    .unwrap_or_default()
                    .iter()
                    .all(|o| {
                        let key = o.split('=').next().unwrap_or(o);
                        TMPFS_OPTIONS.contains(&key)
                    });
                if !(path_ok && size_ok && opts_ok) {
                    f.error(
                        "TD-LNX-007",
                        &format!("{lbase}.tmpfs[{j}]"),
                        "tmpfs mounts need an absolute containerPath, a size in MiB above 0 and valid mount options.",
                    );
                }
            }
            if lp.max_swap.is_some_and(|v| v < 0) {
                f.error(
                    "TD-LNX-008",
                    (&*lbase, "maxSwap"),
                    "maxSwap must be 0 (no swap) or a positive number of MiB.",
                );
            }
            if let Some(sw) = lp.swappiness {
                if !(0..=100).contains(&sw) {
                    f.error(
                        "TD-LNX-009",
                        (&*lbase, "swappiness"),
                        "swappiness must be 0–100.",
                    );
                } else if lp.max_swap.is_none() {
                    f.warning(
                        "TD-LNX-010",
                        (&*lbase, "swappiness"),
                        "swappiness is ignored unless maxSwap is set (and is not supported on Amazon Linux 2023 hosts).",
                    );
                }
            }
        }
        ulimits(facts, i, f);
        misc(td, facts, i, f);
    }
    roles(td, ctx, f);
    docker_api(facts, ctx, f);
}

fn ulimits(facts: &Facts, i: usize, f: &mut Findings) {
    let c = &facts.containers[i];
    let Some(list) = c.ulimits.as_deref() else {
        return;
    };
    let base = format!("{}.ulimits", cpath(i));
    if facts.windows && !list.is_empty() {
        f.error(
            "TD-ULIM-005",
            &base,
            "ulimits are not supported for Windows containers.",
        );
    }
    let mut seen = BTreeSet::new();
    for (j, u) in list.iter().enumerate() {
        let p = format!("{base}[{j}]");
        let name = u.name.as_deref().unwrap_or("");
        match (ULIMIT_NAMES.contains(&name), u.soft_limit, u.hard_limit) {
            (true, Some(soft), Some(hard)) => {
                if soft > hard {
                    f.error("TD-ULIM-002", (&*p, "softLimit"), format!("The soft limit ({soft}) of ulimit `{name}` cannot exceed its hard limit ({hard})."));
                }
                if name == "nofile" && facts.fargate && hard > 1_048_576 {
                    f.error(
                        "TD-ULIM-004",
                        (&*p, "hardLimit"),
                        "On Fargate nofile may be raised to at most 1,048,576.",
                    );
                }
            }
            _ => f.error(
                "TD-ULIM-001",
                &p,
                format!(
                    "Each ulimit needs a valid name ({}) plus softLimit and hardLimit.",
                    ULIMIT_NAMES.join(", ")
                ),
            ),
        }
        if !name.is_empty() && !seen.insert(name) {
            f.warning(
                "TD-ULIM-003",
                (&*p, "name"),
                format!(
                    "Ulimit `{name}` is declared twice in container `{}`.",
                    cname(c, i)
                ),
            );
        }
    }
}

fn misc(td: &TaskDefinition, facts: &Facts, i: usize, f: &mut Findings) {
    let c = &facts.containers[i];
    let base = cpath(i);
    if let Some(rp) = c.restart_policy.as_ref() {
        let p = format!("{base}.restartPolicy");
        match rp.enabled {
            None => f.error("TD-MISC-001", (&*p, "enabled"), "A restart policy needs `enabled` (true or false)."),
            Some(false) if rp.ignored_exit_codes.is_some() || rp.restart_attempt_period.is_some() => f.warning(
                "TD-MISC-002",
                &p,
                "ignoredExitCodes and restartAttemptPeriod have no effect while the restart policy is disabled.",
            ),
            _ => {}
        }
        if rp.ignored_exit_codes.as_ref().is_some_and(|c| c.len() > 50) {
            f.error(
                "TD-MISC-001",
                (&*p, "ignoredExitCodes"),
                "A restart policy may ignore at most 50 exit codes.",
            );
        }
        if rp
            .restart_attempt_period
            .is_some_and(|s| !(60..=1800).contains(&s))
        {
            f.error(
                "TD-MISC-001",
                (&*p, "restartAttemptPeriod"),
                "restartAttemptPeriod must be 60–1800 seconds.",
            );
        }
    }
    if let Some(cpu) = c.cpu {
        if cpu == 1 || cpu > 262_144 {
            f.warning(
                "TD-MISC-006",
                (&*base, "cpu"),
                "CPU shares below 2 are raised to 2 by the agent, and values above 262,144 are capped.",
            );
        }
    }
    if facts.windows {
        for (j, m) in c
            .mount_points
            .as_deref()
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let host = td
                .volumes
                .as_deref()
                .unwrap_or_default()
                .iter()
                .find(|v| v.name.is_some() && v.name == m.source_volume)
                .and_then(|v| v.host.as_ref()?.source_path.as_deref());
            let (Some(cp), Some(host)) = (m.container_path.as_deref(), host) else {
                continue;
            };
            if let (Some(a), Some(b)) = (drive(cp), drive(host)) {
                if a != b {
                    f.warning(
                        "TD-MISC-007",
                        &format!("{base}.mountPoints[{j}].containerPath"),
                        "Windows containers can only mount directories on the same drive as the host path.",
                    );
                }
            }
        }
    }
}

/// The drive letter of a Windows path (`C:\data` → `C`).
pub(super) fn drive(path: &str) -> Option<char> {
    let mut chars = path.chars();
    let d = chars.next()?;
    (d.is_ascii_alphabetic() && chars.next() == Some(':')).then(|| d.to_ascii_uppercase())
}

/// TD-MISC-005: dockerLabels, ulimits and logConfiguration need Docker Remote API 1.18+.
fn docker_api(facts: &Facts, ctx: &Context, f: &mut Findings) {
    let Some(v) = ctx.docker_api_version.as_deref() else {
        return;
    };
    let old = Context {
        platform_version: Some(v.to_string()),
        ..Context::default()
    }
    .platform_below("1.18");
    if !old || facts.fargate {
        return;
    }
    for (i, c) in facts.containers.iter().enumerate() {
        let used = [
            ("dockerLabels", c.docker_labels.is_some()),
            ("ulimits", c.ulimits.is_some()),
            ("logConfiguration", c.log_configuration.is_some()),
        ];
        for (field, present) in used {
            if present {
                f.warning(
                    "TD-MISC-005",
                    (&*cpath(i), field),
                    format!("{field} needs Docker Remote API 1.18 or later on the container instances; they run {v}."),
                );
            }
        }
    }
}

fn roles(td: &TaskDefinition, ctx: &Context, f: &mut Findings) {
    for (field, arn) in [
        ("executionRoleArn", td.execution_role_arn.as_deref()),
        ("taskRoleArn", td.task_role_arn.as_deref()),
    ] {
        let Some(arn) = arn else { continue };
        let denied = ctx
            .roles_caller_cannot_pass
            .iter()
            .any(|r| r == arn || r.rsplit('/').next() == Some(arn));
        if denied {
            f.error(
                "IAM-018",
                field,
                format!("You need iam:PassRole on {arn} to register a task definition that uses it (scope it with iam:PassedToService = ecs-tasks.amazonaws.com)."),
            );
        }
    }
    if let Some(arn) = td.execution_role_arn.as_deref() {
        if !is_role_arn(arn) {
            f.error(
                "TD-MISC-008",
                "executionRoleArn",
                "executionRoleArn must be a full IAM role ARN: arn:aws:iam::ACCOUNT:role/NAME.",
            );
        }
    }
    if let Some(arn) = td.task_role_arn.as_deref() {
        if !(is_role_arn(arn) || (!arn.starts_with("arn:") && is_role_name(arn))) {
            f.error(
                "TD-MISC-008",
                "taskRoleArn",
                "taskRoleArn must be an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME) or a role name.",
            );
        }
    }
}
