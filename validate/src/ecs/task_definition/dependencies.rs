//! Catalogue §2.4 — essential containers and dependencies (TD-ESS / TD-DEP).

use super::{cname, cpath, Facts, TaskDefinition};
use crate::finding::Findings;
use crate::Context;

pub const CONDITIONS: [&str; 4] = ["START", "COMPLETE", "SUCCESS", "HEALTHY"];

pub(super) fn check(_td: &TaskDefinition, facts: &Facts, ctx: &Context, f: &mut Findings) {
    let list = facts.containers;
    if !list.is_empty() && !list.iter().any(|c| c.is_essential()) {
        let path = if list.len() == 1 {
            format!("{}.essential", cpath(0))
        } else {
            "containerDefinitions".to_string()
        };
        f.error(
            "TD-ESS-001",
            &path,
            "At least one container must be essential (essential defaults to true when omitted).",
        );
    }
    let old_platform = facts.fargate && !facts.windows && ctx.platform_below("1.3.0");
    for (i, c) in list.iter().enumerate() {
        let base = cpath(i);
        let own = c.name.as_deref().unwrap_or("");
        for (j, d) in c
            .depends_on
            .as_deref()
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let p = format!("{base}.dependsOn[{j}]");
            let target_name = d.container_name.as_deref().unwrap_or("");
            let target = facts.container(target_name).filter(|_| target_name != own);
            if target.is_none() {
                f.error(
                    "TD-DEP-001",
                    (&*p, "containerName"),
                    format!("dependsOn refers to `{target_name}`, which is not another container in this task definition."),
                );
            }
            let condition = d.condition.as_deref().unwrap_or("");
            if !CONDITIONS.contains(&condition) {
                f.error(
                    "TD-DEP-002",
                    (&*p, "condition"),
                    "Dependency condition must be START, COMPLETE, SUCCESS or HEALTHY.",
                );
            }
            if let Some(target) = target {
                if matches!(condition, "COMPLETE" | "SUCCESS") && target.is_essential() {
                    f.error(
                        "TD-DEP-003",
                        (&*p, "condition"),
                        format!("`{target_name}` must be marked essential: false to be used with a {condition} dependency."),
                    );
                }
                if condition == "HEALTHY" && target.health_check.is_none() {
                    f.error(
                        "TD-DEP-004",
                        (&*p, "condition"),
                        format!("A HEALTHY dependency on `{target_name}` needs a healthCheck on that container, or the task never starts."),
                    );
                }
            }
        }
        if old_platform
            && (c.depends_on.as_ref().is_some_and(|d| !d.is_empty())
                || c.start_timeout.is_some()
                || c.stop_timeout.is_some())
        {
            f.error(
                "TD-DEP-006",
                (&*base, "dependsOn"),
                "Container dependencies and start/stop timeouts need Fargate Linux platform 1.3.0 or later.",
            );
        }
        if facts.fargate {
            for (field, value) in [
                ("startTimeout", c.start_timeout),
                ("stopTimeout", c.stop_timeout),
            ] {
                if value.is_some_and(|v| !(2..=120).contains(&v)) {
                    f.error(
                        "TD-DEP-007",
                        (&*base, field),
                        "On Fargate, start and stop timeouts must be 2–120 seconds (stop defaults to 30).",
                    );
                }
            }
        }
        for (j, v) in c
            .volumes_from
            .as_deref()
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let source = v.source_container.as_deref().unwrap_or("");
            if source == own || !facts.has_container(source) {
                f.error(
                    "TD-DEP-008",
                    &format!("{base}.volumesFrom[{j}].sourceContainer"),
                    format!("volumesFrom refers to `{source}`, which is not another container in this task definition."),
                );
            }
        }
        firelens_order(facts, i, f);
    }
    if let Some(cycle) = find_cycle(facts) {
        f.error(
            "TD-DEP-005",
            &format!("{}.dependsOn", cpath(cycle[0])),
            format!(
                "Container dependencies form a cycle ({}); the task could never start.",
                cycle
                    .iter()
                    .chain(cycle.first())
                    .map(|&i| cname(&list[i], i))
                    .collect::<Vec<_>>()
                    .join(" → ")
            ),
        );
    }
}

/// TD-DEP-009: in bridge mode an awsfirelens container should start after the log router.
fn firelens_order(facts: &Facts, i: usize, f: &mut Findings) {
    let c = &facts.containers[i];
    let uses_firelens = c
        .log_configuration
        .as_ref()
        .is_some_and(|l| l.log_driver.as_deref() == Some("awsfirelens"));
    if !uses_firelens || facts.network_mode != "bridge" {
        return;
    }
    let Some(router) = facts
        .containers
        .iter()
        .find(|r| r.firelens_configuration.is_some())
        .and_then(|r| r.name.as_deref())
    else {
        return;
    };
    if c.name.as_deref() == Some(router) {
        return;
    }
    let waits = c.depends_on.as_deref().unwrap_or_default().iter().any(|d| {
        d.container_name.as_deref() == Some(router) && d.condition.as_deref() == Some("START")
    });
    if !waits {
        f.warning(
            "TD-DEP-009",
            &format!("{}.dependsOn", cpath(i)),
            format!("In bridge mode start the FireLens log router first: add a START dependency on `{router}`."),
        );
    }
}

/// The containers of one dependency cycle, in order (indices), if any. Iterative (an explicit
/// stack), so a hostile document cannot exhaust the call stack; containers are looked up by
/// name through an index, so the work stays linear in the number of dependencies.
fn find_cycle(facts: &Facts) -> Option<Vec<usize>> {
    let list = facts.containers;
    let mut by_name = std::collections::BTreeMap::new();
    for (i, c) in list.iter().enumerate() {
        if let Some(name) = c.name.as_deref() {
            by_name.entry(name).or_insert(i);
        }
    }
    let edges: Vec<Vec<usize>> = list
        .iter()
        .map(|c| {
            c.depends_on
                .as_deref()
                .unwrap_or_default()
                .iter()
                .filter_map(|d| by_name.get(d.container_name.as_deref()?).copied())
                .collect()
        })
        .collect();
    // 0 = unvisited, 1 = on the path, 2 = done. `path` holds (node, next edge to follow).
    let mut state = vec![0u8; list.len()];
    for root in 0..list.len() {
        if state[root] != 0 {
            continue;
        }
        let mut path: Vec<(usize, usize)> = vec![(root, 0)];
        state[root] = 1;
        while let Some(&mut (node, ref mut next)) = path.last_mut() {
            match edges[node].get(*next) {
                Some(&m) => {
                    *next += 1;
                    match state[m] {
                        1 => {
                            let start = path.iter().position(|&(n, _)| n == m)?;
                            return Some(path[start..].iter().map(|&(n, _)| n).collect());
                        }
                        0 => {
                            state[m] = 1;
                            path.push((m, 0));
                        }
                        _ => {}
                    }
                }
                None => {
                    state[node] = 2;
                    path.pop();
                }
            }
        }
    }
    None
}
