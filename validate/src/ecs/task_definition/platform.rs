//! Catalogue §2.9 — runtime platform and the Fargate/Windows capability matrix (TD-RP /
//! TD-FG).
//!
//! TD-FG-010 is reported here for `user` and `readonlyRootFilesystem`; its other fields have
//! more specific rules that already fire for Windows (TD-NET-005/009, TD-LNX-011,
//! TD-ULIM-005), so one mistake gives one finding.

use super::{cpath, Facts, TaskDefinition};
use crate::finding::Findings;
use crate::Context;
use std::collections::BTreeMap;

pub const OS_FAMILIES: [&str; 10] = [
    "LINUX",
    "WINDOWS_SERVER_2016_FULL",
    "WINDOWS_SERVER_2019_FULL",
    "WINDOWS_SERVER_2019_CORE",
    "WINDOWS_SERVER_2022_FULL",
    "WINDOWS_SERVER_2022_CORE",
    "WINDOWS_SERVER_2025_FULL",
    "WINDOWS_SERVER_2025_CORE",
    "WINDOWS_SERVER_2004_CORE",
    "WINDOWS_SERVER_20H2_CORE",
];

/// Windows versions Fargate offers.
const FARGATE_WINDOWS: [&str; 6] = [
    "WINDOWS_SERVER_2019_FULL",
    "WINDOWS_SERVER_2019_CORE",
    "WINDOWS_SERVER_2022_FULL",
    "WINDOWS_SERVER_2022_CORE",
    "WINDOWS_SERVER_2025_FULL",
    "WINDOWS_SERVER_2025_CORE",
];

/// IPC sysctls that may be namespaced per task.
const IPC_SYSCTLS: [&str; 8] = [
    "kernel.msgmax",
    "kernel.msgmnb",
    "kernel.msgmni",
    "kernel.sem",
    "kernel.shmall",
    "kernel.shmmax",
    "kernel.shmmni",
    "kernel.shm_rmid_forced",
];

pub(super) fn check(td: &TaskDefinition, facts: &Facts, ctx: &Context, f: &mut Findings) {
    runtime_platform(td, facts, f);
    modes(td, facts, ctx, f);
    containers(facts, ctx, td, f);
    windows_fargate(td, facts, f);
    ephemeral(td, facts, ctx, f);
}

fn runtime_platform(td: &TaskDefinition, facts: &Facts, f: &mut Findings) {
    let rp = td.runtime_platform.as_ref();
    if let Some(os) = rp.and_then(|p| p.operating_system_family.as_deref()) {
        if !OS_FAMILIES.contains(&os) {
            f.error(
                "TD-RP-001",
                "runtimePlatform.operatingSystemFamily",
                format!("`{os}` is not an operating system family; use LINUX or a WINDOWS_SERVER_* value."),
            );
        } else if facts.fargate && facts.windows && !FARGATE_WINDOWS.contains(&os) {
            f.error(
                "TD-RP-005",
                "runtimePlatform.operatingSystemFamily",
                format!("{os} is not offered on Fargate; use Windows Server 2019, 2022 or 2025 (FULL or CORE)."),
            );
        }
    }
    if let Some(arch) = rp.and_then(|p| p.cpu_architecture.as_deref()) {
        if !matches!(arch, "X86_64" | "ARM64") {
            f.error(
                "TD-RP-002",
                "runtimePlatform.cpuArchitecture",
                "CPU architecture must be X86_64 or ARM64.",
            );
        } else if facts.windows && arch == "ARM64" {
            let (rule, message) = if facts.fargate {
                ("TD-RP-003", "Windows containers on Fargate require X86_64.")
            } else {
                ("TD-RP-004", "ARM64 is only available for Linux tasks.")
            };
            f.error(rule, "runtimePlatform.cpuArchitecture", message);
        }
    }
    if facts.fargate && rp.is_none() {
        let hint = facts.containers.iter().position(|c| {
            c.image.as_deref().is_some_and(|i| {
                let l = i.to_ascii_lowercase();
                l.contains("windows")
                    || l.contains("servercore")
                    || l.contains("nanoserver")
                    || l.contains("arm64")
            })
        });
        if let Some(i) = hint {
            f.warning(
                "TD-RP-006",
                "runtimePlatform",
                format!("The image of container {i} looks like a Windows or ARM64 image; set runtimePlatform explicitly, Fargate defaults to LINUX/X86_64."),
            );
        }
    }
}

fn modes(td: &TaskDefinition, facts: &Facts, ctx: &Context, f: &mut Findings) {
    if let Some(pid) = td.pid_mode.as_deref() {
        if !matches!(pid, "host" | "task") {
            f.error("TD-FG-001", "pidMode", "pidMode must be host or task.");
        } else if facts.windows {
            f.error(
                "TD-FG-002",
                "pidMode",
                "pidMode is not supported for Windows containers.",
            );
        } else if facts.fargate && (pid != "task" || ctx.platform_below("1.4.0")) {
            f.error(
                "TD-FG-001",
                "pidMode",
                "On Fargate (Linux platform 1.4.0+) pidMode can only be \"task\".",
            );
        }
        if pid == "host" {
            f.warning(
                "TD-FG-003",
                "pidMode",
                "host PID mode exposes the host's process namespace to the containers.",
            );
        }
    }
    if td.ipc_mode.is_some() && (facts.fargate || facts.windows) {
        f.error(
            "TD-FG-004",
            "ipcMode",
            "ipcMode is not supported on Fargate or for Windows containers.",
        );
    }
}

/// `user`, `uid`, `user:group`, `uid:gid`, `user:gid` or `uid:group`.
fn is_user(text: &str) -> bool {
    let part = |p: &str| {
        !p.is_empty()
            && p.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b))
            && !p.starts_with('-')
    };
    match text.split_once(':') {
        Some((u, g)) => part(u) && part(g),
        None => part(text),
    }
}

fn containers(facts: &Facts, ctx: &Context, td: &TaskDefinition, f: &mut Findings) {
    let mut net_values: BTreeMap<&str, (&str, usize)> = BTreeMap::new();
    for (i, c) in facts.containers.iter().enumerate() {
        let base = cpath(i);
        if c.privileged == Some(true) && (facts.fargate || facts.windows) {
            f.error(
                "TD-FG-005",
                (&*base, "privileged"),
                "Privileged containers are not allowed on Fargate or Windows.",
            );
        }
        if facts.windows {
            for (field, used) in [
                ("user", c.user.is_some()),
                (
                    "readonlyRootFilesystem",
                    c.readonly_root_filesystem.is_some(),
                ),
            ] {
                if used {
                    f.error(
                        "TD-FG-010",
                        (&*base, field),
                        format!("{field} is not supported for Windows containers."),
                    );
                }
            }
        } else if let Some(user) = c.user.as_deref() {
            if !is_user(user) {
                f.error(
                    "TD-FG-011",
                    (&*base, "user"),
                    "user must be user, uid, user:group, uid:gid, user:gid or uid:group.",
                );
            }
        }
        let controls = c.system_controls.as_deref().unwrap_or_default();
        if controls.is_empty() {
            continue;
        }
        if facts.windows || (facts.fargate && ctx.platform_below("1.4.0")) {
            f.error(
                "TD-FG-006",
                (&*base, "systemControls"),
                "systemControls need Linux (Fargate platform 1.4.0+) and are not supported for Windows containers.",
            );
        }
        for (j, sc) in controls.iter().enumerate() {
            let p = format!("{base}.systemControls[{j}].namespace");
            let ns = sc.namespace.as_deref().unwrap_or("");
            let net = ns.starts_with("net.");
            let ipc = IPC_SYSCTLS.contains(&ns) || ns.starts_with("fs.mqueue.");
            if !net && !ipc {
                f.error(
                    "TD-FG-007",
                    &p,
                    format!("`{ns}` cannot be set; only namespaced sysctls are allowed (net.*, fs.mqueue.*, kernel.msgmax/msgmnb/msgmni/sem/shmall/shmmax/shmmni/shm_rmid_forced)."),
                );
            }
            if net && facts.network_mode == "host" {
                f.error(
                    "TD-FG-008",
                    &p,
                    "Network sysctls cannot be set with host networking.",
                );
            }
            if ipc && td.ipc_mode.as_deref() == Some("host") {
                f.error(
                    "TD-FG-008",
                    &p,
                    "IPC sysctls cannot be set with the host IPC mode.",
                );
            }
            if net && facts.network_mode == "awsvpc" {
                let value = sc.value.as_deref().unwrap_or("");
                match net_values.get(ns) {
                    Some((other, k)) if *other != value && *k != i => f.warning(
                        "TD-FG-009",
                        &format!("{base}.systemControls[{j}].value"),
                        format!("In awsvpc tasks sysctls apply to the whole task; `{ns}` has different values in different containers and the last one started wins."),
                    ),
                    Some(_) => {}
                    None => {
                        net_values.insert(ns, (value, i));
                    }
                }
            }
        }
    }
}

fn windows_fargate(td: &TaskDefinition, facts: &Facts, f: &mut Findings) {
    if !(facts.fargate && facts.windows) {
        return;
    }
    let mut hit = |path: String, what: &str| {
        f.error(
            "TD-FG-012",
            &path,
            format!("{what} is not available for Windows containers on Fargate."),
        );
    };
    for (i, v) in td.volumes.as_deref().unwrap_or_default().iter().enumerate() {
        if v.efs_volume_configuration.is_some() {
            hit(
                format!("volumes[{i}].efsVolumeConfiguration"),
                "An EFS volume",
            );
        }
        if v.fsx_windows_file_server_volume_configuration.is_some() {
            hit(
                format!("volumes[{i}].fsxWindowsFileServerVolumeConfiguration"),
                "An FSx volume",
            );
        }
    }
    if td.proxy_configuration.is_some() {
        hit("proxyConfiguration".into(), "An App Mesh proxy");
    }
    for (i, c) in facts.containers.iter().enumerate() {
        let base = cpath(i);
        if c.firelens_configuration.is_some() {
            hit(format!("{base}.firelensConfiguration"), "FireLens");
        }
        if c.credential_specs.as_ref().is_some_and(|s| !s.is_empty()) {
            hit(format!("{base}.credentialSpecs"), "A gMSA credential spec");
        }
        if let Some(lp) = c.linux_parameters.as_ref() {
            if lp.max_swap.is_some() || lp.swappiness.is_some() {
                hit(
                    format!("{base}.linuxParameters"),
                    "Swap (maxSwap/swappiness)",
                );
            }
        }
    }
}

fn ephemeral(td: &TaskDefinition, facts: &Facts, ctx: &Context, f: &mut Findings) {
    let Some(es) = td.ephemeral_storage.as_ref() else {
        return;
    };
    if let Some(size) = es.size_in_gi_b {
        if !(21..=200).contains(&size) {
            f.error(
                "TD-FG-014",
                "ephemeralStorage.sizeInGiB",
                "Ephemeral storage must be 21–200 GiB (20 GiB is the default when omitted).",
            );
        }
    }
    if !facts.fargate {
        f.warning(
            "TD-FG-015",
            "ephemeralStorage",
            "ephemeralStorage only applies to Fargate tasks.",
        );
    } else if facts.windows {
        f.warning(
            "TD-FG-017",
            "ephemeralStorage",
            "AWS documents disagree on ephemeral storage for Windows on Fargate; it may be ignored.",
        );
    } else if ctx.platform_below("1.4.0") {
        f.error(
            "TD-FG-016",
            "ephemeralStorage",
            "Configurable ephemeral storage needs Fargate Linux platform 1.4.0 or later.",
        );
    }
}
