//! Catalogue §2.2 — task size: CPU and memory (TD-CPU / TD-MEM).

use super::{cname, cpath, Facts, TaskDefinition};
use crate::ecs::fargate::{self, describe_memory};
use crate::finding::Findings;
use crate::Context;

pub(super) fn check(td: &TaskDefinition, facts: &Facts, ctx: &Context, f: &mut Findings) {
    let cpu = parsed(
        td.cpu.as_ref().map(|c| c.0.as_str()),
        "cpu",
        fargate::parse_cpu,
        f,
    );
    let memory = parsed(
        td.memory.as_ref().map(|m| m.0.as_str()),
        "memory",
        fargate::parse_memory,
        f,
    );
    if facts.fargate {
        fargate_size(td, facts, ctx, cpu, memory, f);
    } else if let Some(cpu) = cpu {
        if !(128..=196_608).contains(&cpu) {
            f.error(
                "TD-CPU-006",
                "cpu",
                format!("Task cpu for EC2/External must be between 128 and 196,608 units; {cpu} is outside."),
            );
        }
    }
    if facts.windows && facts.ec2 && !facts.fargate && (td.cpu.is_some() || td.memory.is_some()) {
        let path = if td.cpu.is_some() { "cpu" } else { "memory" };
        f.warning(
            "TD-CPU-008",
            path,
            "Task-level cpu/memory are ignored for Windows containers; set cpu and memory on each container instead.",
        );
    }
    containers(facts, cpu, memory, f);
}

/// Parses a size; a value in neither accepted form is a TD-CPU-002 / TD-CPU-006 style error.
fn parsed(
    text: Option<&str>,
    field: &str,
    parse: fn(&str) -> Option<u32>,
    f: &mut Findings,
) -> Option<u32> {
    let text = text?;
    let value = parse(text);
    if value.is_none() {
        let (rule, form) = if field == "cpu" {
            ("TD-CPU-002", "CPU units (\"1024\") or vCPUs (\"1 vCPU\")")
        } else {
            ("TD-CPU-003", "MiB (\"2048\") or GB (\"2 GB\")")
        };
        f.error(
            rule,
            field,
            format!("`{text}` is not a valid task {field}; write it in {form}."),
        );
    }
    value
}

fn fargate_size(
    td: &TaskDefinition,
    facts: &Facts,
    ctx: &Context,
    cpu: Option<u32>,
    memory: Option<u32>,
    f: &mut Findings,
) {
    if td.cpu.is_none() || td.memory.is_none() {
        let path = if td.cpu.is_none() { "cpu" } else { "memory" };
        f.error(
            "TD-CPU-001",
            path,
            "Fargate tasks need both a task-level cpu and memory.",
        );
    }
    let Some(cpu) = cpu else { return };
    let Some(row) = fargate::size(cpu) else {
        f.error(
            "TD-CPU-002",
            "cpu",
            format!("Fargate cpu must be one of 256, 512, 1024, 2048, 4096, 8192 or 16384 units; {cpu} is not."),
        );
        return;
    };
    if facts.windows && !row.windows {
        f.error(
            "TD-CPU-005",
            "cpu",
            "Windows on Fargate supports only 1, 2 or 4 vCPU (1024, 2048 or 4096 units).",
        );
    }
    if let Some(min) = row.min_linux_platform {
        if !facts.windows && ctx.platform_below(min) {
            f.error(
                "TD-CPU-004",
                "cpu",
                format!(
                    "{} Fargate tasks need Linux platform version {min} or later.",
                    fargate::describe_cpu(cpu)
                ),
            );
        }
    }
    if let Some(memory) = memory {
        if !row.memory.contains(memory) {
            let allowed: Vec<String> = row
                .memory
                .values()
                .into_iter()
                .map(describe_memory)
                .collect();
            f.error(
                "TD-CPU-003",
                "memory",
                format!(
                    "{memory} MiB is not a valid memory size for {cpu} CPU units ({}) on Fargate; allowed: {}.",
                    fargate::describe_cpu(cpu),
                    allowed.join(", ")
                ),
            );
        }
    }
}

fn containers(facts: &Facts, cpu: Option<u32>, memory: Option<u32>, f: &mut Findings) {
    let list = facts.containers;
    let cpu_sum: i64 = list
        .iter()
        .filter_map(|c| c.cpu)
        .fold(0, i64::saturating_add);
    if let Some(cpu) = cpu {
        if cpu_sum > i64::from(cpu) {
            f.error(
                "TD-CPU-007",
                "containerDefinitions",
                format!("The containers' cpu values add up to {cpu_sum}, which exceeds the task cpu of {cpu}."),
            );
        }
    }
    let mut reservation_sum = 0i64;
    let mut effective_sum = 0i64;
    for (i, c) in list.iter().enumerate() {
        let name = cname(c, i);
        let base = cpath(i);
        if memory.is_none() && c.memory.is_none() && c.memory_reservation.is_none() {
            f.error(
                "TD-MEM-001",
                (&*base, "memory"),
                format!("Container `{name}` needs memory or memoryReservation because the task has no task-level memory."),
            );
        }
        if let (Some(hard), Some(soft)) = (c.memory, c.memory_reservation) {
            if soft > hard {
                f.error(
                    "TD-MEM-002",
                    (&*base, "memoryReservation"),
                    format!("memoryReservation ({soft} MiB, the soft limit) cannot exceed memory ({hard} MiB, the hard limit) for container `{name}`."),
                );
            }
        }
        if let (Some(task), Some(hard)) = (memory, c.memory) {
            if hard > i64::from(task) {
                f.error(
                    "TD-MEM-004",
                    (&*base, "memory"),
                    format!("Container `{name}` has a hard memory limit of {hard} MiB, more than the task's {task} MiB."),
                );
            }
        }
        for (field, value) in [
            ("memory", c.memory),
            ("memoryReservation", c.memory_reservation),
        ] {
            if value.is_some_and(|v| v < 6) {
                f.warning(
                    "TD-MEM-006",
                    (&*base, field),
                    "Docker needs at least 6 MiB per container; use a larger value.",
                );
            }
        }
        if facts.windows && c.memory_reservation.is_some() {
            f.warning(
                "TD-MEM-008",
                (&*base, "memoryReservation"),
                "memoryReservation was documented as unsupported for Windows containers; prefer memory.",
            );
        }
        reservation_sum = reservation_sum.saturating_add(c.memory_reservation.unwrap_or(0));
        effective_sum =
            effective_sum.saturating_add(c.memory_reservation.or(c.memory).unwrap_or(0));
    }
    if let Some(task) = memory.map(i64::from) {
        if reservation_sum > task {
            f.error(
                "TD-MEM-003",
                "containerDefinitions",
                format!("The containers reserve {reservation_sum} MiB, more than the task's {task} MiB."),
            );
        } else if effective_sum > task {
            f.warning(
                "TD-MEM-005",
                "containerDefinitions",
                format!("The containers' memory adds up to {effective_sum} MiB, more than the task's {task} MiB; tasks may fail to start or be killed for lack of memory."),
            );
        }
    }
}
