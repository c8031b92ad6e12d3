//! Catalogue §2.5 — container health checks (TD-HC).

use super::{cpath, Facts, TaskDefinition};
use crate::finding::Findings;
use crate::Context;

pub(super) fn check(_td: &TaskDefinition, facts: &Facts, ctx: &Context, f: &mut Findings) {
    for (i, c) in facts.containers.iter().enumerate() {
        let Some(hc) = c.health_check.as_ref() else {
            continue;
        };
        let base = format!("{}.healthCheck", cpath(i));
        let command = hc.command.as_deref().unwrap_or_default();
        match command.first().map(String::as_str) {
            None => f.error(
                "TD-HC-001",
                (&*base, "command"),
                "A health check needs a command, e.g. [\"CMD-SHELL\", \"curl -f http://localhost/ || exit 1\"].",
            ),
            Some("CMD") | Some("NONE") => {}
            Some("CMD-SHELL") => {
                if command.len() > 2 {
                    f.warning(
                        "TD-HC-003",
                        (&*base, "command"),
                        "With CMD-SHELL pass the whole shell command as one string: [\"CMD-SHELL\", \"curl -f http://localhost/ || exit 1\"].",
                    );
                }
            }
            Some(first) => {
                if first.starts_with("CMD-SHELL ") || first.starts_with("CMD ") {
                    f.warning(
                        "TD-HC-003",
                        &format!("{base}.command[0]"),
                        "Put CMD-SHELL and the command in separate elements: [\"CMD-SHELL\", \"curl -f http://localhost/ || exit 1\"].",
                    );
                }
                f.error(
                    "TD-HC-002",
                    &format!("{base}.command[0]"),
                    "Start the health-check command with \"CMD\" (exec form) or \"CMD-SHELL\" (shell form).",
                );
            }
        }
        let bounds = [
            (
                "interval",
                hc.interval,
                5,
                300,
                "TD-HC-004",
                "Health-check interval must be 5–300 seconds (default 30).",
            ),
            (
                "timeout",
                hc.timeout,
                2,
                60,
                "TD-HC-005",
                "Health-check timeout must be 2–60 seconds (default 5).",
            ),
            (
                "retries",
                hc.retries,
                1,
                10,
                "TD-HC-006",
                "Health-check retries must be 1–10 (default 3).",
            ),
            (
                "startPeriod",
                hc.start_period,
                0,
                300,
                "TD-HC-007",
                "Health-check startPeriod must be 0–300 seconds.",
            ),
        ];
        for (field, value, min, max, rule, message) in bounds {
            if value.is_some_and(|v| v < min || v > max) {
                f.error(rule, (&*base, field), message);
            }
        }
        let interval = hc.interval.unwrap_or(30);
        let timeout = hc.timeout.unwrap_or(5);
        if timeout >= interval {
            f.warning(
                "TD-HC-008",
                (&*base, "timeout"),
                format!("The health-check timeout ({timeout} s) should be shorter than the interval ({interval} s)."),
            );
        }
        let joined = command.join(" ");
        let uses_tool = joined.contains("curl") || joined.contains("wget");
        let minimal = c
            .image
            .as_deref()
            .is_some_and(|img| img.contains("distroless") || img.starts_with("scratch"));
        if uses_tool && minimal {
            f.warning(
                "TD-HC-009",
                (&*base, "command"),
                "This image is minimal (distroless/scratch) and likely has no curl or wget; a missing tool marks the container unhealthy.",
            );
        }
        if facts.fargate && !facts.windows && ctx.platform_below("1.1.0") {
            f.error(
                "TD-HC-010",
                &base,
                "Container health checks need Fargate platform version 1.1.0 or later.",
            );
        }
    }
}
