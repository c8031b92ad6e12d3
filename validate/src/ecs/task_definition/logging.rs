//! Catalogue §2.6 — logging (TD-LOG).

use super::{cname, cpath, Facts, TaskDefinition};
use crate::finding::Findings;
use crate::Context;

pub const LOG_DRIVERS: [&str; 8] = [
    "json-file",
    "syslog",
    "journald",
    "gelf",
    "fluentd",
    "awslogs",
    "splunk",
    "awsfirelens",
];

/// The awslogs options the ECS agent knows (cfn-lint's allow-list).
const AWSLOGS_OPTIONS: [&str; 8] = [
    "awslogs-create-group",
    "awslogs-datetime-format",
    "awslogs-group",
    "awslogs-multiline-pattern",
    "awslogs-region",
    "awslogs-stream-prefix",
    "max-buffer-size",
    "mode",
];

fn is_log_group(name: &str) -> bool {
    (1..=512).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b".-_/#".contains(&b))
}

pub(super) fn check(td: &TaskDefinition, facts: &Facts, _ctx: &Context, f: &mut Findings) {
    let routers: Vec<usize> = facts
        .containers
        .iter()
        .enumerate()
        .filter(|(_, c)| c.firelens_configuration.is_some())
        .map(|(i, _)| i)
        .collect();
    if routers.len() > 1 {
        f.error(
            "TD-LOG-015",
            &format!("{}.firelensConfiguration", cpath(routers[1])),
            "Only one FireLens log router (container with firelensConfiguration) is allowed per task.",
        );
    }
    for &i in &routers {
        let fc = facts.containers[i].firelens_configuration.as_ref();
        let base = format!("{}.firelensConfiguration", cpath(i));
        if facts.windows {
            f.error(
                "TD-LOG-016",
                &base,
                "FireLens is not supported for Windows containers.",
            );
        }
        if let Some(kind) = fc.and_then(|c| c.kind.as_deref()) {
            if !matches!(kind, "fluentd" | "fluentbit") {
                f.error(
                    "TD-LOG-001",
                    (&*base, "type"),
                    "FireLens type must be fluentd or fluentbit.",
                );
            }
        }
        let file_type = fc
            .and_then(|c| c.options.as_ref())
            .and_then(|o| o.get("config-file-type"));
        if facts.fargate && file_type.is_some_and(|t| t == "s3") {
            f.error(
                "TD-LOG-017",
                (&*base, "options.config-file-type"),
                "On Fargate a FireLens custom config must be `file` (bundled in the image), not `s3`.",
            );
        }
    }
    let mut execution_role_reported = false;
    for (i, c) in facts.containers.iter().enumerate() {
        let Some(lc) = c.log_configuration.as_ref() else {
            continue;
        };
        let base = format!("{}.logConfiguration", cpath(i));
        let Some(driver) = lc.log_driver.as_deref() else {
            f.error(
                "TD-LOG-001",
                (&*base, "logDriver"),
                "A log configuration needs a logDriver, e.g. awslogs.",
            );
            continue;
        };
        if !LOG_DRIVERS.contains(&driver) {
            f.error(
                "TD-LOG-001",
                (&*base, "logDriver"),
                format!("Unsupported log driver `{driver}`; choose awslogs, splunk, awsfirelens, fluentd, gelf, json-file, journald or syslog."),
            );
            continue;
        }
        if facts.fargate && !matches!(driver, "awslogs" | "splunk" | "awsfirelens") {
            f.error(
                "TD-LOG-002",
                (&*base, "logDriver"),
                format!("On Fargate only the awslogs, splunk and awsfirelens log drivers are supported, not {driver}."),
            );
        }
        let opt = |k: &str| lc.option(k);
        let opath = |k: &str| format!("{base}.options.{k}");
        match driver {
            "awslogs" => {
                match opt("awslogs-group") {
                    Some(g) if is_log_group(g) => {}
                    Some(_) => f.error(
                        "TD-LOG-003",
                        &opath("awslogs-group"),
                        "awslogs-group must be 1–512 characters: letters, digits and `. - _ / #`.",
                    ),
                    None => f.error(
                        "TD-LOG-003",
                        &opath("awslogs-group"),
                        "awslogs needs an `awslogs-group` (the CloudWatch Logs group, e.g. /ecs/web).",
                    ),
                }
                if opt("awslogs-region").is_none() {
                    f.error(
                        "TD-LOG-004",
                        &opath("awslogs-region"),
                        "awslogs needs `awslogs-region` (e.g. us-east-1).",
                    );
                }
                if opt("awslogs-stream-prefix").is_none() {
                    if facts.fargate {
                        f.error(
                            "TD-LOG-005",
                            &opath("awslogs-stream-prefix"),
                            "Fargate tasks using awslogs must set `awslogs-stream-prefix` (e.g. ecs).",
                        );
                    } else {
                        f.warning(
                            "TD-LOG-006",
                            &opath("awslogs-stream-prefix"),
                            "Without awslogs-stream-prefix, streams are named by Docker container id and the ECS console cannot show the logs.",
                        );
                    }
                }
                if opt("awslogs-datetime-format").is_some()
                    && opt("awslogs-multiline-pattern").is_some()
                {
                    f.error(
                        "TD-LOG-007",
                        &opath("awslogs-multiline-pattern"),
                        "Use either awslogs-datetime-format or awslogs-multiline-pattern, not both.",
                    );
                }
                for key in lc.options.iter().flat_map(|o| o.keys()) {
                    if !AWSLOGS_OPTIONS.contains(&key.as_str()) {
                        f.warning(
                            "TD-LOG-008",
                            &opath(key),
                            format!("Unknown awslogs option `{key}`."),
                        );
                    }
                }
                if facts.fargate && td.execution_role_arn.is_none() && !execution_role_reported {
                    execution_role_reported = true;
                    f.error(
                        "TD-LOG-012",
                        "executionRoleArn",
                        format!("Fargate awslogs logging needs a task execution role (container `{}` logs to CloudWatch); set executionRoleArn.", cname(c, i)),
                    );
                }
            }
            "splunk" => {
                let secret = |k: &str| {
                    lc.secret_options
                        .as_deref()
                        .unwrap_or_default()
                        .iter()
                        .any(|s| s.name.as_deref() == Some(k))
                };
                for key in ["splunk-url", "splunk-token"] {
                    if opt(key).is_none() && !secret(key) {
                        f.error(
                            "TD-LOG-013",
                            &opath(key),
                            "The splunk driver needs splunk-url and splunk-token (give the token through secretOptions).",
                        );
                    }
                }
            }
            "awsfirelens" if facts.windows => {
                f.error(
                    "TD-LOG-016",
                    (&*base, "logDriver"),
                    "FireLens is not supported for Windows containers.",
                );
            }
            "awsfirelens" if routers.is_empty() => {
                f.error(
                    "TD-LOG-014",
                    (&*base, "logDriver"),
                    "awsfirelens needs a FireLens log-router container (one with firelensConfiguration) in the same task.",
                );
            }
            _ => {}
        }
        if let Some(mode) = opt("mode") {
            if !matches!(mode, "blocking" | "non-blocking") {
                f.error(
                    "TD-LOG-009",
                    &opath("mode"),
                    "Log mode must be blocking or non-blocking (default non-blocking).",
                );
            } else if mode == "blocking" && opt("max-buffer-size").is_some() {
                f.warning(
                    "TD-LOG-010",
                    &opath("max-buffer-size"),
                    "max-buffer-size only applies in non-blocking mode.",
                );
            }
        }
        if let Some(limit) = opt("log-driver-buffer-limit") {
            let in_range = limit.parse::<u64>().is_ok_and(|v| v <= 536_870_912);
            if driver != "awsfirelens" || !in_range {
                f.error(
                    "TD-LOG-018",
                    &opath("log-driver-buffer-limit"),
                    "log-driver-buffer-limit is only valid with awsfirelens and must be 0–536870912.",
                );
            }
        }
    }
}
