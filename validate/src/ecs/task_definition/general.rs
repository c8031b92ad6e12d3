//! Catalogue §2.1 — task definition, general (TD-GEN).

use super::{cname, cpath, Facts, TaskDefinition};
use crate::ecs::names::{is_ecs_name, is_tag_text};
use crate::finding::Findings;
use crate::Context;
use std::collections::BTreeSet;

/// `requiresCompatibilities[]` / launch types.
pub const COMPATIBILITIES: [&str; 4] = ["EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES"];

pub(super) fn check(td: &TaskDefinition, facts: &Facts, ctx: &Context, f: &mut Findings) {
    family(td, f);
    containers(facts, f);
    compatibilities(td, ctx, f);
    placement(td, facts, f);
    accelerators(td, facts, f);
    proxy(td, facts, f);
    tags(td, f);
}

fn family(td: &TaskDefinition, f: &mut Findings) {
    match td.family.as_deref() {
        Some(name) if is_ecs_name(name) => {}
        Some(name) if name.len() > 255 => f.error(
            "TD-GEN-001",
            "family",
            format!(
                "The family name has {} characters; the limit is 255.",
                name.len()
            ),
        ),
        Some(name) if !name.is_empty() => f.error(
            "TD-GEN-001",
            "family",
            "Family names may only use letters, digits, hyphens and underscores (max 255).",
        ),
        _ => f.error(
            "TD-GEN-001",
            "family",
            "A family name is required: letters, digits, hyphens and underscores (max 255).",
        ),
    }
}

fn containers(facts: &Facts, f: &mut Findings) {
    let list = facts.containers;
    if list.is_empty() {
        f.error(
            "TD-GEN-002",
            "containerDefinitions",
            "Add at least one container definition.",
        );
        return;
    }
    let mut seen = BTreeSet::new();
    for (i, c) in list.iter().enumerate() {
        let path = format!("{}.name", cpath(i));
        match c.name.as_deref() {
            Some(n) if is_ecs_name(n) => {
                if !seen.insert(n) {
                    f.error(
                        "TD-GEN-005",
                        &path,
                        format!("Container names must be unique inside the task definition (`{n}` is used twice)."),
                    );
                }
            }
            _ => f.error(
                "TD-GEN-004",
                &path,
                format!("Container {i} needs a name of letters, digits, hyphens or underscores (max 255)."),
            ),
        }
        if let Some(specs) = c.credential_specs.as_deref() {
            let bad_prefix = specs.iter().position(|s| {
                !(s.starts_with("credentialspec:") || s.starts_with("credentialspecdomainless:"))
            });
            if specs.len() > 1 || bad_prefix.is_some() {
                let path = match bad_prefix {
                    Some(j) => format!("{}.credentialSpecs[{j}]", cpath(i)),
                    None => format!("{}.credentialSpecs", cpath(i)),
                };
                f.error(
                    "TD-GEN-019",
                    &path,
                    "Only one credential spec is allowed and it must start with `credentialspec:` or `credentialspecdomainless:` followed by an S3 or SSM ARN.",
                );
            }
        }
        if facts.fargate
            && c.docker_security_options
                .as_ref()
                .is_some_and(|o| !o.is_empty())
        {
            f.error(
                "TD-GEN-020",
                &format!("{}.dockerSecurityOptions", cpath(i)),
                format!(
                    "dockerSecurityOptions cannot be used on Fargate (container `{}`).",
                    cname(c, i)
                ),
            );
        }
    }
}

fn compatibilities(td: &TaskDefinition, ctx: &Context, f: &mut Findings) {
    let list = td.requires_compatibilities.as_deref().unwrap_or_default();
    for (i, c) in list.iter().enumerate() {
        if !COMPATIBILITIES.contains(&c.as_str()) {
            f.error(
                "TD-GEN-007",
                &format!("requiresCompatibilities[{i}]"),
                format!(
                    "`{c}` is not a launch type; use EC2, FARGATE, EXTERNAL or MANAGED_INSTANCES."
                ),
            );
        }
    }
    let targets_fargate = matches!(ctx.launch_type.as_deref(), Some("FARGATE" | "FARGATE_SPOT"));
    if targets_fargate && !list.iter().any(|c| c == "FARGATE") {
        f.warning(
            "TD-GEN-008",
            "requiresCompatibilities",
            "Add FARGATE to requiresCompatibilities so AWS checks the definition against the Fargate rules when you register it, not when a task launches.",
        );
    }
}

fn placement(td: &TaskDefinition, facts: &Facts, f: &mut Findings) {
    let list = td.placement_constraints.as_deref().unwrap_or_default();
    if list.is_empty() {
        return;
    }
    if facts.fargate {
        f.error(
            "TD-GEN-011",
            "placementConstraints",
            "Placement constraints are not supported on Fargate; remove them.",
        );
    }
    if list.len() > 10 {
        f.error(
            "TD-GEN-009",
            "placementConstraints",
            format!("At most 10 placement constraints per task (task definition and launch combined); this has {}.", list.len()),
        );
    }
    for (i, c) in list.iter().enumerate() {
        if c.kind.as_deref() != Some("memberOf") {
            f.error(
                "TD-GEN-010",
                &format!("placementConstraints[{i}].type"),
                "Task-definition placement constraints only support `memberOf` (put `distinctInstance` on the service).",
            );
        }
    }
}

fn accelerators(td: &TaskDefinition, facts: &Facts, f: &mut Findings) {
    let declared: Vec<&str> = td
        .inference_accelerators
        .as_deref()
        .unwrap_or_default()
        .iter()
        .filter_map(|a| a.device_name.as_deref())
        .collect();
    if td
        .inference_accelerators
        .as_ref()
        .is_some_and(|a| !a.is_empty())
    {
        f.warning(
            "TD-GEN-012",
            "inferenceAccelerators",
            "Elastic Inference is retired for new customers (since 2023-04-15) and is not available on Fargate or Windows.",
        );
    }
    let mut neuron = Vec::new();
    for (i, c) in facts.containers.iter().enumerate() {
        for (j, r) in c
            .resource_requirements
            .as_deref()
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let path = format!("{}.resourceRequirements[{j}]", cpath(i));
            match r.kind.as_deref() {
                Some("InferenceAccelerator") => {
                    f.warning(
                        "TD-GEN-012",
                        (&*path, "type"),
                        "Elastic Inference is retired for new customers (since 2023-04-15) and is not available on Fargate or Windows.",
                    );
                    let value = r.value.as_deref().unwrap_or("");
                    if !declared.contains(&value) {
                        f.error(
                            "TD-GEN-013",
                            (&*path, "value"),
                            format!("Inference accelerator `{value}` is not declared in the task's inferenceAccelerators."),
                        );
                    }
                }
                Some("GPU") if facts.fargate || facts.windows => f.error(
                    "TD-GEN-014",
                    (&*path, "type"),
                    "GPU resource requirements are not supported on Fargate or for Windows containers.",
                ),
                Some("NeuronDevice") => neuron.push((path, r.value.as_deref() == Some("ALL"))),
                _ => {}
            }
        }
    }
    for (path, all) in &neuron {
        if !all || neuron.len() > 1 || !facts.managed_instances {
            f.error(
                "TD-GEN-015",
                path,
                "NeuronDevice must be `ALL`, only one container may request it, and it is only available on ECS Managed Instances.",
            );
        }
    }
}

fn proxy(td: &TaskDefinition, facts: &Facts, f: &mut Findings) {
    let Some(p) = td.proxy_configuration.as_ref() else {
        return;
    };
    if p.kind.as_deref().is_some_and(|k| k != "APPMESH") {
        f.error(
            "TD-GEN-016",
            "proxyConfiguration.type",
            "The proxy type must be APPMESH.",
        );
    }
    let name = p.container_name.as_deref().unwrap_or("");
    if !facts.has_container(name) {
        f.error(
            "TD-GEN-016",
            "proxyConfiguration.containerName",
            format!("The App Mesh proxy names container `{name}`, which is not in this task definition."),
        );
    }
    if facts.network_mode != "awsvpc" {
        f.error(
            "TD-GEN-016",
            "proxyConfiguration",
            "An App Mesh proxy configuration needs the awsvpc network mode.",
        );
    }
}

/// ECS `tags` (lowercase `key`/`value`): shared with services.
pub(crate) fn check_ecs_tags(
    tags: &[super::EcsTag],
    rule: &str,
    reserved_rule: &str,
    f: &mut Findings,
) {
    if tags.len() > 50 {
        f.error(
            rule,
            "tags",
            format!("At most 50 tags; this has {}.", tags.len()),
        );
    }
    let mut seen = BTreeSet::new();
    for (i, t) in tags.iter().enumerate() {
        let key = t.key.as_deref().unwrap_or("");
        let value = t.value.as_deref().unwrap_or("");
        let klen = key.chars().count();
        if !(1..=128).contains(&klen) || !is_tag_text(key) {
            f.error(
                rule,
                &format!("tags[{i}].key"),
                "Tag keys are 1–128 characters: letters, digits, spaces and `_ . : / = + - @`.",
            );
        } else if !seen.insert(key.to_string()) {
            f.error(
                rule,
                &format!("tags[{i}].key"),
                format!("Tag key `{key}` is used twice; keys must be unique."),
            );
        }
        if key.to_ascii_lowercase().starts_with("aws:") {
            f.error(
                reserved_rule,
                &format!("tags[{i}].key"),
                "Tag keys beginning with `aws:` are reserved by AWS.",
            );
        }
        if value.chars().count() > 256 || !is_tag_text(value) {
            f.error(
                rule,
                &format!("tags[{i}].value"),
                "Tag values are at most 256 characters: letters, digits, spaces and `_ . : / = + - @`.",
            );
        }
    }
}

fn tags(td: &TaskDefinition, f: &mut Findings) {
    if let Some(tags) = td.tags.as_deref() {
        check_ecs_tags(tags, "TD-GEN-017", "TD-GEN-018", f);
    }
}
