//! Catalogue §2.3 — network mode and port mappings (TD-NET / TD-PORT).

use super::{cname, cpath, Facts, TaskDefinition};
use crate::ecs::names::is_port_name;
use crate::finding::Findings;
use crate::Context;
use std::collections::BTreeMap;

pub const NETWORK_MODES: [&str; 4] = ["bridge", "host", "awsvpc", "none"];

pub(super) fn check(td: &TaskDefinition, facts: &Facts, _ctx: &Context, f: &mut Findings) {
    mode(td, facts, f);
    for i in 0..facts.containers.len() {
        container_network(facts, i, f);
        ports(facts, i, f);
    }
    port_names(facts, f);
}

fn mode(td: &TaskDefinition, facts: &Facts, f: &mut Findings) {
    let declared = td.network_mode.as_deref();
    if let Some(m) = declared {
        if !NETWORK_MODES.contains(&m) {
            f.error(
                "TD-NET-001",
                "networkMode",
                format!("`{m}` is not a network mode; use awsvpc, bridge, host or none."),
            );
            return;
        }
    }
    if facts.fargate && declared != Some("awsvpc") {
        f.error(
            "TD-NET-001",
            "networkMode",
            "Fargate requires the awsvpc network mode.",
        );
    }
    if facts.windows && facts.ec2 && !facts.fargate && declared.is_some_and(|m| m != "awsvpc") {
        f.error(
            "TD-NET-002",
            "networkMode",
            "Windows EC2 tasks can only use the default (NAT) network mode or awsvpc.",
        );
    }
    if facts.external && declared == Some("awsvpc") {
        f.error(
            "TD-NET-003",
            "networkMode",
            "ECS Anywhere (EXTERNAL) tasks must use bridge, host or none; awsvpc is not supported.",
        );
    }
    if facts.network_mode == "host" {
        for (i, c) in facts.containers.iter().enumerate() {
            let root = match c.user.as_deref() {
                None => true,
                Some(u) => {
                    let who = u.split(':').next().unwrap_or(u);
                    who == "0" || who == "root"
                }
            };
            if root {
                f.warning(
                    "TD-NET-004",
                    &format!("{}.user", cpath(i)),
                    format!("With host networking, run containers as a non-root user (`{}` runs as root).", cname(c, i)),
                );
            }
        }
    }
}

fn container_network(facts: &Facts, i: usize, f: &mut Findings) {
    let c = &facts.containers[i];
    let base = cpath(i);
    if let Some(links) = c.links.as_deref().filter(|l| !l.is_empty()) {
        if facts.network_mode != "bridge" || facts.windows || facts.fargate {
            f.error(
                "TD-NET-005",
                (&*base, "links"),
                "Container links only work with the bridge network mode on Linux (not on Fargate or Windows).",
            );
        }
        for (j, link) in links.iter().enumerate() {
            let target = link.split(':').next().unwrap_or(link);
            if !facts.has_container(target) {
                f.error(
                    "TD-NET-006",
                    &format!("{base}.links[{j}]"),
                    format!("Link target `{target}` is not a container in this task definition."),
                );
            }
        }
    }
    if c.hostname.is_some() && facts.network_mode == "awsvpc" {
        f.error(
            "TD-NET-007",
            (&*base, "hostname"),
            "hostname cannot be set when the task uses awsvpc networking.",
        );
    }
    if c.extra_hosts.as_ref().is_some_and(|h| !h.is_empty())
        && (facts.network_mode == "awsvpc" || facts.windows || facts.fargate)
    {
        f.error(
            "TD-NET-008",
            (&*base, "extraHosts"),
            "extraHosts is not supported with awsvpc, on Fargate or for Windows containers.",
        );
    }
    if facts.fargate || facts.windows {
        let used = [
            (
                "dnsServers",
                c.dns_servers.as_ref().is_some_and(|v| !v.is_empty()),
            ),
            (
                "dnsSearchDomains",
                c.dns_search_domains.as_ref().is_some_and(|v| !v.is_empty()),
            ),
            ("disableNetworking", c.disable_networking.is_some()),
        ];
        for (field, present) in used {
            if present {
                f.error(
                    "TD-NET-009",
                    (&*base, field),
                    format!("{field} is not supported on Fargate or for Windows containers."),
                );
            }
        }
    }
}

/// `"8000-8010"` → `(8000, 8010)` when well formed.
fn parse_range(text: &str) -> Option<(i64, i64)> {
    let (a, b) = text.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(a) || !digits(b) {
        return None;
    }
    Some((a.parse().ok()?, b.parse().ok()?))
}

fn ports(facts: &Facts, i: usize, f: &mut Findings) {
    let c = &facts.containers[i];
    let Some(mappings) = c.port_mappings.as_deref() else {
        return;
    };
    let base = cpath(i);
    let mode = facts.network_mode;
    if mode == "none" && !mappings.is_empty() {
        f.error(
            "TD-PORT-001",
            (&*base, "portMappings"),
            "Port mappings are not allowed when networkMode is none.",
        );
    }
    // (start, end, mapping index) of every port or range, to find overlaps.
    let mut spans: Vec<(i64, i64, usize)> = Vec::new();
    let mut protocols: BTreeMap<i64, (&str, usize)> = BTreeMap::new();
    let mut ranges = 0;
    for (j, m) in mappings.iter().enumerate() {
        let p = format!("{base}.portMappings[{j}]");
        let protocol = m.protocol.as_deref().unwrap_or("tcp");
        if !matches!(protocol, "tcp" | "udp") {
            f.error(
                "TD-PORT-006",
                (&*p, "protocol"),
                "protocol must be tcp or udp (default tcp).",
            );
        }
        if let Some(range) = m.container_port_range.as_deref() {
            ranges += 1;
            if !matches!(mode, "bridge" | "awsvpc") {
                f.error(
                    "TD-PORT-008",
                    (&*p, "containerPortRange"),
                    "Port ranges require bridge or awsvpc networking.",
                );
            }
            if m.container_port.is_some() || m.host_port.is_some() {
                let field = if m.container_port.is_some() {
                    "containerPort"
                } else {
                    "hostPort"
                };
                f.error(
                    "TD-PORT-011",
                    (&*p, field),
                    "When using containerPortRange, leave containerPort and hostPort empty (ECS assigns the host port range).",
                );
            }
            match parse_range(range) {
                Some((a, b)) if a >= 1 && b <= 65535 && a < b => spans.push((a, b, j)),
                _ => f.error(
                    "TD-PORT-009",
                    (&*p, "containerPortRange"),
                    format!("containerPortRange `{range}` must look like start-end with 1 ≤ start < end ≤ 65535."),
                ),
            }
        } else {
            match m.container_port {
                Some(port) if (1..=65535).contains(&port) => {
                    spans.push((port, port, j));
                    if let Some((other, _)) = protocols.get(&port) {
                        if *other != protocol {
                            f.error(
                                "TD-PORT-007",
                                (&*p, "protocol"),
                                format!(
                                    "Container port {port} cannot be exposed for both tcp and udp."
                                ),
                            );
                        }
                    } else {
                        protocols.insert(port, (protocol, j));
                    }
                    host_port(facts, m.host_port, port, &p, f);
                    if facts.fargate && facts.windows && port == 3150 {
                        f.error(
                            "TD-PORT-018",
                            (&*p, "containerPort"),
                            "Port 3150 is reserved on Windows Fargate tasks; choose another port.",
                        );
                    }
                }
                Some(port) => f.error(
                    "TD-PORT-003",
                    (&*p, "containerPort"),
                    format!("containerPort must be between 1 and 65535; {port} is not."),
                ),
                None => f.error(
                    "TD-PORT-003",
                    (&*p, "containerPort"),
                    "Each port mapping needs a containerPort between 1 and 65535.",
                ),
            }
        }
        if let Some(name) = m.name.as_deref() {
            if !is_port_name(name) {
                f.error(
                    "TD-PORT-012",
                    (&*p, "name"),
                    "Port mapping names: up to 64 lowercase letters, digits, `_` or `-`, not starting with `-`.",
                );
            }
        }
        if let Some(app) = m.app_protocol.as_deref() {
            if !matches!(app, "http" | "http2" | "grpc") {
                f.error(
                    "TD-PORT-015",
                    (&*p, "appProtocol"),
                    "appProtocol must be http, http2 or grpc.",
                );
            }
            if m.name.is_none() {
                f.error(
                    "TD-PORT-014",
                    (&*p, "appProtocol"),
                    "appProtocol only applies to named (Service Connect) port mappings; add a name.",
                );
            }
        }
        if (m.name.is_some() || m.app_protocol.is_some()) && !matches!(mode, "awsvpc" | "bridge") {
            let field = if m.name.is_some() {
                "name"
            } else {
                "appProtocol"
            };
            f.warning(
                "TD-PORT-016",
                (&*p, field),
                "Service Connect port names and appProtocol only take effect with awsvpc or bridge networking.",
            );
        }
    }
    spans.sort_unstable();
    for w in spans.windows(2) {
        let ((_, end, _), (start, _, j)) = (w[0], w[1]);
        if start <= end {
            f.error(
                "TD-PORT-010",
                &format!("{base}.portMappings[{j}]"),
                "Port ranges may not overlap, and a port may appear in only one mapping.",
            );
        }
    }
    if ranges > 100 {
        f.error(
            "TD-PORT-010",
            (&*base, "portMappings"),
            format!(
                "A container may declare at most 100 port ranges; `{}` has {ranges}.",
                cname(c, i)
            ),
        );
    }
}

fn host_port(facts: &Facts, host: Option<i64>, container: i64, p: &str, f: &mut Findings) {
    let Some(host) = host else { return };
    match facts.network_mode {
        "awsvpc" | "host" if host != container => f.error(
            "TD-PORT-002",
            (p, "hostPort"),
            format!(
                "With {} networking, hostPort must be omitted or equal to containerPort ({container}).",
                facts.network_mode
            ),
        ),
        "bridge" if host != 0 => {
            if matches!(host, 22 | 2375 | 2376 | 51678..=51680) {
                f.warning(
                    "TD-PORT-004",
                    (p, "hostPort"),
                    format!("Host port {host} is reserved on ECS container instances (SSH, Docker, ECS agent); choose another, or 0 for a dynamic port."),
                );
            } else if host >= 32768 {
                f.warning(
                    "TD-PORT-005",
                    (p, "hostPort"),
                    format!("Static host port {host} is inside the ephemeral range used for dynamic ports; pick one below 32768."),
                );
            }
        }
        _ => {}
    }
}

fn port_names(facts: &Facts, f: &mut Findings) {
    let mut seen = BTreeMap::new();
    for (i, c) in facts.containers.iter().enumerate() {
        for (j, m) in c
            .port_mappings
            .as_deref()
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            if let Some(name) = m.name.as_deref() {
                if seen.insert(name, (i, j)).is_some() {
                    f.error(
                        "TD-PORT-013",
                        &format!("{}.portMappings[{j}].name", cpath(i)),
                        format!("Port mapping name `{name}` must be unique across the task definition (Service Connect looks it up by name)."),
                    );
                }
            }
        }
    }
}
