//! `RegisterTaskDefinition` and the rules of catalogue §2.1–2.11 (TD-*, VOL-*).
//!
//! [`check_task_definition`] runs every rule over a typed document; each submodule holds one
//! section of the catalogue. [`Facts`] derives what many rules ask first — is this Fargate,
//! Windows, which network mode — once, from the document plus the [`Context`].

mod dependencies;
pub(crate) mod general;
mod health;
pub mod image;
mod linux;
mod logging;
pub mod model;
mod network;
mod platform;
pub use platform::OS_FAMILIES;
pub mod secrets;
mod size;
mod volumes;

pub use model::*;

use crate::finding::{Finding, Findings};
use crate::{json, Context};
use serde_json::Value;
use std::borrow::Cow;

/// Fields of `describe-task-definition` output that `RegisterTaskDefinition` does not take.
pub const READ_ONLY_FIELDS: [&str; 9] = [
    "taskDefinitionArn",
    "revision",
    "status",
    "requiresAttributes",
    "compatibilities",
    "registeredAt",
    "registeredBy",
    "deregisteredAt",
    "delete_requested_at",
];

/// Accepts the bare request or `describe-task-definition` output (`{"taskDefinition": {…},
/// "tags": […]}`) and returns the request with read-only fields removed.
pub fn request_document(doc: &Value) -> Value {
    request_view(doc).into_owned()
}

/// Like [`request_document`], without copying a document that is already a bare request.
fn request_view(doc: &Value) -> Cow<'_, Value> {
    let Value::Object(map) = doc else {
        return Cow::Borrowed(doc);
    };
    let wrapped = matches!(map.get("taskDefinition"), Some(Value::Object(_)));
    let read_only = READ_ONLY_FIELDS.iter().any(|k| map.contains_key(*k))
        || map.contains_key("deleteRequestedAt");
    if !wrapped && !read_only {
        return Cow::Borrowed(doc);
    }
    let mut map = map.clone();
    if let Some(Value::Object(inner)) = map.get("taskDefinition") {
        let mut inner = inner.clone();
        if let Some(tags) = map.get("tags").filter(|t| t.is_array()) {
            inner.entry("tags").or_insert_with(|| tags.clone());
        }
        map = inner;
    }
    for key in READ_ONLY_FIELDS {
        map.remove(key);
    }
    map.remove("deleteRequestedAt");
    Cow::Owned(Value::Object(map))
}

/// Counts the bytes a value serialises to, without building the string.
fn json_len(doc: &Value) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut c = Count(0);
    serde_json::to_writer(&mut c, doc).map_or(0, |()| c.0)
}

/// Validates any JSON value as a task definition (either shape, see [`request_document`]).
pub fn check_task_definition_value(doc: &Value, ctx: &Context) -> Vec<Finding> {
    let doc = request_view(doc);
    let (td, mut findings) = json::read::<TaskDefinition>(&doc);
    if let Some(td) = td {
        let size = json_len(&doc);
        let too_many = td.container_definitions.as_ref().map_or(0, Vec::len) > MAX_CONTAINERS;
        if size > MAX_BYTES {
            // Beyond AWS's own limit the other rules are not run: their work would grow with
            // a document AWS refuses anyway.
            let mut f = Findings::new();
            f.error(
                "TD-GEN-006",
                "",
                format!("The task definition is {size} bytes; AWS limits it to 64 KiB. Move long values to environment files or secrets (the other rules run once it fits)."),
            );
            findings.extend(f.into_vec());
        }
        if size <= MAX_BYTES || too_many {
            findings.extend(check_task_definition(&td, ctx));
        }
    }
    findings
}

/// AWS's size limit for a registered task definition.
pub const MAX_BYTES: usize = 65_536;

/// AWS's fixed quota of containers per task definition.
pub const MAX_CONTAINERS: usize = 10;

/// Validates a typed task definition (what the wizard runs on every change).
pub fn check_task_definition(td: &TaskDefinition, ctx: &Context) -> Vec<Finding> {
    let facts = Facts::new(td, ctx);
    let mut f = Findings::new();
    if facts.containers.len() > MAX_CONTAINERS {
        // Past the quota the per-container rules (names, ports, dependency graph…) are not
        // run, so the work stays bounded whatever the document holds.
        f.error(
            "TD-GEN-003",
            "containerDefinitions",
            format!(
                "A task definition can hold at most {MAX_CONTAINERS} containers (a fixed quota); this one has {}. The container rules run once it has {MAX_CONTAINERS} or fewer.",
                facts.containers.len()
            ),
        );
        return f.into_vec();
    }
    general::check(td, &facts, ctx, &mut f);
    size::check(td, &facts, ctx, &mut f);
    network::check(td, &facts, ctx, &mut f);
    dependencies::check(td, &facts, ctx, &mut f);
    health::check(td, &facts, ctx, &mut f);
    logging::check(td, &facts, ctx, &mut f);
    secrets::check(td, &facts, ctx, &mut f);
    image::check(td, &facts, ctx, &mut f);
    platform::check(td, &facts, ctx, &mut f);
    linux::check(td, &facts, ctx, &mut f);
    volumes::check(td, &facts, ctx, &mut f);
    f.into_vec()
}

/// What the rules derive from the document and the context before looking at fields.
#[derive(Clone, Debug)]
pub struct Facts<'a> {
    pub fargate: bool,
    pub ec2: bool,
    pub external: bool,
    pub managed_instances: bool,
    pub windows: bool,
    pub os: &'a str,
    /// The OS family was stated (runtimePlatform or context), not assumed to be Linux.
    pub os_known: bool,
    pub arm64: bool,
    /// The declared network mode, or the default for the launch type (`bridge` on Linux EC2,
    /// `default` (NAT) on Windows EC2, `awsvpc` on Fargate).
    pub network_mode: &'a str,
    pub containers: &'a [ContainerDefinition],
}

impl<'a> Facts<'a> {
    pub fn new(td: &'a TaskDefinition, ctx: &'a Context) -> Self {
        let compat = td.requires_compatibilities.as_deref().unwrap_or_default();
        let has = |v: &str| compat.iter().any(|c| c == v) || ctx.launch_type.as_deref() == Some(v);
        let fargate = has("FARGATE");
        let external = has("EXTERNAL");
        let managed_instances = has("MANAGED_INSTANCES");
        // No compatibility and no launch type: ECS treats the task as EC2.
        let ec2 = has("EC2") || (!fargate && !external && !managed_instances);
        let platform = td.runtime_platform.as_ref();
        let stated = platform
            .and_then(|p| p.operating_system_family.as_deref())
            .or(ctx.os.as_deref());
        let os = stated.unwrap_or("LINUX");
        let windows = os.starts_with("WINDOWS_");
        let arm64 = platform.and_then(|p| p.cpu_architecture.as_deref()) == Some("ARM64");
        let network_mode = match td.network_mode.as_deref() {
            Some(mode) => mode,
            None if fargate => "awsvpc",
            None if windows => "default",
            None => "bridge",
        };
        Facts {
            fargate,
            ec2,
            external,
            managed_instances,
            windows,
            os,
            os_known: stated.is_some(),
            arm64,
            network_mode,
            containers: td.container_definitions.as_deref().unwrap_or_default(),
        }
    }

    /// Whether a container with this name exists.
    pub fn has_container(&self, name: &str) -> bool {
        self.containers
            .iter()
            .any(|c| c.name.as_deref() == Some(name))
    }

    pub fn container(&self, name: &str) -> Option<&'a ContainerDefinition> {
        self.containers
            .iter()
            .find(|c| c.name.as_deref() == Some(name))
    }
}

/// `containerDefinitions[i]`, the prefix of every container field path.
pub(crate) fn cpath(i: usize) -> String {
    format!("containerDefinitions[{i}]")
}

/// A container's name for messages (`container 2` when it has none).
pub(crate) fn cname(c: &ContainerDefinition, i: usize) -> String {
    match c.name.as_deref() {
        Some(n) if !n.is_empty() => n.to_string(),
        _ => format!("container {i}"),
    }
}
