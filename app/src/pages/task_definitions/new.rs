//! The task definition wizard: basics, size, containers, roles and tags, review. The whole
//! document is one typed `TaskDefinition`; every change re-runs the validator in the browser
//! (WASM, no request) and the findings show next to the field they name. Fargate sizes come
//! from the size table, so only valid cpu/memory pairs can be picked. `?from=family:revision`
//! starts from an existing revision ("new revision from this one").

use super::draft;
use crate::components::error_box::ErrorBox;
use crate::components::findings::{FieldFindings, FindingList};
use crate::components::inputs::Checkbox;
use crate::components::json_view::JsonView;
use crate::components::local_draft;
use crate::server_fns::repositories::{list_images, list_repositories};
use crate::server_fns::roles::{list_roles, SubmitRole};
use crate::server_fns::task_definitions::{get_task_definition, RegisterTaskDefinition};
use crate::SessionResource;
use leptos::either::{Either, EitherOf4};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};
use validate::ecs::fargate;
use validate::ecs::task_definition::image::{ecr_registry, parse_image};
use validate::ecs::task_definition::*;
use validate::iam::generate::{execution_policy, task_policy, trust_policy, Target};
use validate::iam::permissions::RoleKind;
use validate::json::FromJson;
use validate::model::CreateRoleRequest;
use validate::{Context, Finding};

const STEPS: [(&str, &[&str]); 6] = [
    (
        "Basics",
        &[
            "family",
            "requiresCompatibilities",
            "runtimePlatform",
            "networkMode",
        ],
    ),
    ("Task size", &["cpu", "memory"]),
    ("Containers", &["containerDefinitions"]),
    ("Volumes", &["volumes", "ephemeralStorage"]),
    ("Roles & tags", &["executionRoleArn", "taskRoleArn", "tags"]),
    ("Review", &[]),
];

/// Where the wizard's unfinished document is kept in the browser.
const DRAFT_KEY: &str = "berth.task-definition.draft";

/// The document a new task definition starts from.
fn starter(team: &str, region: &str) -> TaskDefinition {
    let family = format!("{team}-app");
    TaskDefinition {
        family: Some(family.clone()),
        requires_compatibilities: Some(vec!["FARGATE".into()]),
        network_mode: Some("awsvpc".into()),
        cpu: Some(SizeText("256".into())),
        memory: Some(SizeText("512".into())),
        runtime_platform: Some(RuntimePlatform {
            operating_system_family: Some("LINUX".into()),
            cpu_architecture: Some("X86_64".into()),
        }),
        container_definitions: Some(vec![container("app", &family, region)]),
        ..TaskDefinition::default()
    }
}

/// Sets the family; log groups still at the default `/ecs/<old family>` follow it.
fn rename_family(t: &mut TaskDefinition, family: String) {
    let old = format!("/ecs/{}", t.family.as_deref().unwrap_or_default());
    let new = format!("/ecs/{family}");
    for c in t.container_definitions.iter_mut().flatten() {
        if let Some(group) = c
            .log_configuration
            .as_mut()
            .and_then(|l| l.options.as_mut())
            .and_then(|o| o.get_mut("awslogs-group"))
            .filter(|g| **g == old)
        {
            *group = new.clone();
        }
    }
    t.family = Some(family);
}

fn container(name: &str, family: &str, region: &str) -> ContainerDefinition {
    let mut options = std::collections::BTreeMap::new();
    options.insert("awslogs-group".to_string(), format!("/ecs/{family}"));
    options.insert("awslogs-region".to_string(), region.to_string());
    options.insert("awslogs-stream-prefix".to_string(), name.to_string());
    ContainerDefinition {
        name: Some(name.into()),
        image: Some(String::new()),
        essential: Some(true),
        port_mappings: Some(vec![PortMapping {
            container_port: Some(80),
            protocol: Some("tcp".into()),
            ..PortMapping::default()
        }]),
        log_configuration: Some(LogConfiguration {
            log_driver: Some("awslogs".into()),
            options: Some(options),
            secret_options: None,
        }),
        ..ContainerDefinition::default()
    }
}

/// `KEY=value` lines ↔ name/value pairs (lines without `=` keep an empty value).
fn pairs_text(list: &[KeyValuePair]) -> String {
    list.iter()
        .map(|p| {
            format!(
                "{}={}",
                p.name.as_deref().unwrap_or(""),
                p.value.as_deref().unwrap_or("")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn parse_pairs(text: &str) -> Option<Vec<KeyValuePair>> {
    let list: Vec<KeyValuePair> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (k, v) = l.split_once('=').unwrap_or((l, ""));
            KeyValuePair {
                name: Some(k.trim().to_string()),
                value: Some(v.trim().to_string()),
            }
        })
        .collect();
    (!list.is_empty()).then_some(list)
}

fn errors_under(findings: &[Finding], prefixes: &[&str]) -> usize {
    findings
        .iter()
        .filter(|f| {
            f.is_error()
                && prefixes.iter().any(|p| {
                    f.path == *p
                        || f.path.starts_with(&format!("{p}."))
                        || f.path.starts_with(&format!("{p}["))
                })
        })
        .count()
}

#[component]
pub fn NewTaskDefinitionPage() -> impl IntoView {
    let session = expect_context::<SessionResource>();
    let query = use_query_map();
    let from = query.read_untracked().get("from");
    view! {
        <Title text="New task definition"/>
        <p class="crumbs"><a href="/task-definitions">"Task definitions"</a> " / new"</p>
        <h1>"New task definition"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || {
                let from = from.clone();
                Suspend::new(async move {
                    match session.await {
                        Ok(info) => {
                            let team = info.user.teams.first().cloned().unwrap_or_else(|| "team".into());
                            let account = info.account.unwrap_or_else(|| "ACCOUNT".into());
                            Either::Left(view! { <Wizard region=info.region account team from/> })
                        }
                        Err(e) => Either::Right(view! { <ErrorBox error=e/> }),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Wizard(region: String, account: String, team: String, from: Option<String>) -> impl IntoView {
    let td = RwSignal::new(starter(&team, &region));
    let target = Target {
        region: region.clone(),
        account: account.clone(),
    };
    let account = Signal::stored(account);
    if from.as_deref() == Some("import") {
        // The import page's document (taken once: going back and forth starts fresh).
        if let Some(doc) = draft::take() {
            if let Some(imported) =
                validate::json::read::<TaskDefinition>(&request_document(&doc)).0
            {
                td.set(imported);
            }
        }
    } else if let Some((family, revision)) = from.as_deref().and_then(|f| f.rsplit_once(':')) {
        let (family, revision) = (family.to_string(), revision.parse::<i64>().ok());
        let source = LocalResource::new(move || get_task_definition(family.clone(), revision));
        Effect::new(move || {
            if let Some(Ok(rev)) = source.get() {
                td.set(rev.task_definition);
            }
        });
    }
    // Autosave: any change from the starter document is kept in the browser; a visit to the
    // plain wizard offers to resume it.
    let blank = td.get_untracked();
    let resumable = RwSignal::new(None::<TaskDefinition>);
    if from.is_none() {
        Effect::new(move |_| {
            let saved = local_draft::load(DRAFT_KEY)
                .and_then(|text| serde_json::from_slice::<serde_json::Value>(text.as_bytes()).ok())
                .and_then(|doc| validate::json::read::<TaskDefinition>(&doc).0);
            resumable.set(saved);
        });
    }
    Effect::new(move |_| {
        let doc = td.get();
        if doc != blank {
            local_draft::save(DRAFT_KEY, &doc.to_json().to_string());
        }
    });
    let step = RwSignal::new(0usize);
    let findings: Memo<Vec<Finding>> =
        Memo::new(move |_| check_task_definition(&td.get(), &Context::default()));
    let fs = Signal::derive(move || findings.get());
    let action = ServerAction::<RegisterTaskDefinition>::new();
    let navigate = use_navigate();
    Effect::new(move || {
        if let Some(Ok(rev)) = action.value().get() {
            local_draft::clear(DRAFT_KEY);
            navigate(
                &format!("/task-definitions/{}/{}", rev.family, rev.revision),
                Default::default(),
            );
        }
    });
    view! {
        {move || resumable.get().map(|draft| {
            let family = draft.family.clone().unwrap_or_default();
            view! {
                <div class="notice" role="status">
                    <p>{format!("You have an unfinished task definition ({family}) from earlier.")}</p>
                    <div class="actions">
                        <button type="button" on:click=move |_| {
                            td.set(draft.clone());
                            resumable.set(None);
                        }>"Resume it"</button>
                        <button type="button" class="secondary" on:click=move |_| {
                            local_draft::clear(DRAFT_KEY);
                            resumable.set(None);
                        }>"Discard it"</button>
                    </div>
                </div>
            }
        })}
        <ol class="steps" aria-label="Steps">
            {STEPS.iter().enumerate().map(|(i, (label, prefixes))| view! {
                <li class:current=move || step.get() == i>
                    <button type="button" class="link" on:click=move |_| step.set(i)>{*label}</button>
                    {move || {
                        let n = errors_under(&findings.get(), prefixes);
                        (n > 0).then(|| view! { <span class="badge" title="errors">{n}</span> })
                    }}
                </li>
            }).collect_view()}
        </ol>
        <form class="stack" on:submit=move |ev| {
            ev.prevent_default();
            action.dispatch(RegisterTaskDefinition { document: td.get_untracked().to_json() });
        }>
            <Show when=move || step.get() == 0><BasicsStep td fs/></Show>
            <Show when=move || step.get() == 1><SizeStep td fs/></Show>
            <Show when=move || step.get() == 2><ContainersStep td fs region=region.clone() account/></Show>
            <Show when=move || step.get() == 3><VolumesStep td fs/></Show>
            <Show when=move || step.get() == 4><RolesStep td fs target=target.clone()/></Show>
            <Show when=move || step.get() == 5>
                <h2>"Review"</h2>
                <p>"This is the exact RegisterTaskDefinition request:"</p>
                <JsonView value=Signal::derive(move || td.get().to_json()) label="RegisterTaskDefinition request"/>
                {move || {
                    let all = findings.get();
                    if all.is_empty() {
                        Either::Left(view! { <p class="ok">"No findings."</p> })
                    } else {
                        Either::Right(view! { <FindingList findings=all/> })
                    }
                }}
                <div class="actions">
                    <button type="submit" disabled=move || findings.get().iter().any(|f| f.is_error()) || action.pending().get()>
                        {move || if action.pending().get() { "Registering…" } else { "Register task definition" }}
                    </button>
                </div>
                {move || action.value().get().and_then(|r| r.err()).map(|e| view! { <ErrorBox error=e/> })}
            </Show>
            <div class="actions">
                <button type="button" class="secondary" disabled=move || step.get() == 0 on:click=move |_| step.update(|s| *s = s.saturating_sub(1))>"Back"</button>
                <button type="button" disabled=move || step.get() == STEPS.len() - 1 on:click=move |_| step.update(|s| *s += 1)>"Next"</button>
            </div>
        </form>
    }
}

fn is_fargate(t: &TaskDefinition) -> bool {
    t.requires_compatibilities
        .as_ref()
        .is_some_and(|c| c.iter().any(|x| x == "FARGATE"))
}

#[component]
fn BasicsStep(td: RwSignal<TaskDefinition>, fs: Signal<Vec<Finding>>) -> impl IntoView {
    let launch = move || {
        td.with(|t| {
            t.requires_compatibilities
                .clone()
                .unwrap_or_default()
                .first()
                .cloned()
                .unwrap_or_else(|| "EC2".into())
        })
    };
    let os = move || {
        td.with(|t| {
            t.runtime_platform
                .as_ref()
                .and_then(|r| r.operating_system_family.clone())
                .unwrap_or_else(|| "LINUX".into())
        })
    };
    let arch = move || {
        td.with(|t| {
            t.runtime_platform
                .as_ref()
                .and_then(|r| r.cpu_architecture.clone())
                .unwrap_or_else(|| "X86_64".into())
        })
    };
    view! {
        <h2>"Basics"</h2>
        <label for="td-family">"Family"</label>
        <p class="hint">"Letters, digits, - and _; start with your team (demo-web). Each registration adds a revision."</p>
        <input id="td-family" autocomplete="off" prop:value=move || td.with(|t| t.family.clone().unwrap_or_default())
            on:input=move |ev| td.update(|t| rename_family(t, event_target_value(&ev)))/>
        <FieldFindings findings=fs path="family"/>
        <label for="td-launch">"Launch type"</label>
        <select id="td-launch" on:change=move |ev| {
            let v = event_target_value(&ev);
            td.update(|t| {
                if v == "FARGATE" {
                    t.network_mode = Some("awsvpc".into());
                }
                t.requires_compatibilities = Some(vec![v]);
            })
        }>
            {["FARGATE", "EC2", "EXTERNAL"].into_iter().map(|v| view! { <option value=v selected=move || launch() == v>{v}</option> }).collect_view()}
        </select>
        <FieldFindings findings=fs path="requiresCompatibilities" nested=true/>
        <label for="td-os">"Operating system"</label>
        <select id="td-os" on:change=move |ev| {
            let v = event_target_value(&ev);
            td.update(|t| t.runtime_platform.get_or_insert_with(Default::default).operating_system_family = Some(v))
        }>
            {validate::ecs::task_definition::OS_FAMILIES.into_iter().map(|v| view! { <option value=v selected=move || os() == v>{v}</option> }).collect_view()}
        </select>
        <label for="td-arch">"CPU architecture"</label>
        <select id="td-arch" on:change=move |ev| {
            let v = event_target_value(&ev);
            td.update(|t| t.runtime_platform.get_or_insert_with(Default::default).cpu_architecture = Some(v))
        }>
            {["X86_64", "ARM64"].into_iter().map(|v| view! { <option value=v selected=move || arch() == v>{v}</option> }).collect_view()}
        </select>
        <FieldFindings findings=fs path="runtimePlatform" nested=true/>
        <label for="td-network">"Network mode"</label>
        <select id="td-network" disabled=move || td.with(is_fargate) on:change=move |ev| {
            let v = event_target_value(&ev);
            td.update(|t| t.network_mode = Some(v))
        }>
            {["awsvpc", "bridge", "host", "none"].into_iter().map(|v| view! {
                <option value=v selected=move || td.with(|t| t.network_mode.as_deref() == Some(v))>{v}</option>
            }).collect_view()}
        </select>
        {move || td.with(is_fargate).then(|| view! { <p class="hint">"Fargate always uses awsvpc: each task gets its own network interface."</p> })}
        <FieldFindings findings=fs path="networkMode"/>
    }
}

#[component]
fn SizeStep(td: RwSignal<TaskDefinition>, fs: Signal<Vec<Finding>>) -> impl IntoView {
    let cpu = move || {
        td.with(|t| {
            t.cpu
                .as_ref()
                .and_then(|c| fargate::parse_cpu(&c.0))
                .unwrap_or(0)
        })
    };
    let memory = move || {
        td.with(|t| {
            t.memory
                .as_ref()
                .and_then(|m| fargate::parse_memory(&m.0))
                .unwrap_or(0)
        })
    };
    let windows = move || {
        td.with(|t| {
            t.runtime_platform
                .as_ref()
                .and_then(|r| r.operating_system_family.as_deref())
                .is_some_and(|o| o.starts_with("WINDOWS"))
        })
    };
    view! {
        <h2>"Task size"</h2>
        <Show when=move || td.with(is_fargate) fallback=move || view! {
            <p class="hint">"On EC2 and external instances task-level cpu and memory are optional (containers can carry their own)."</p>
            <label for="td-cpu-text">"Task cpu (units, 1024 = 1 vCPU)"</label>
            <input id="td-cpu-text" prop:value=move || td.with(|t| t.cpu.as_ref().map(|c| c.0.clone()).unwrap_or_default())
                on:input=move |ev| { let v = event_target_value(&ev); td.update(|t| t.cpu = (!v.is_empty()).then_some(SizeText(v))) }/>
            <label for="td-memory-text">"Task memory (MiB)"</label>
            <input id="td-memory-text" prop:value=move || td.with(|t| t.memory.as_ref().map(|m| m.0.clone()).unwrap_or_default())
                on:input=move |ev| { let v = event_target_value(&ev); td.update(|t| t.memory = (!v.is_empty()).then_some(SizeText(v))) }/>
        }>
            <label for="td-cpu">"CPU"</label>
            <select id="td-cpu" on:change=move |ev| {
                let c: u32 = event_target_value(&ev).parse().unwrap_or(256);
                td.update(|t| {
                    t.cpu = Some(SizeText(c.to_string()));
                    let choices = fargate::memory_choices(c);
                    let m = t.memory.as_ref().and_then(|m| fargate::parse_memory(&m.0)).unwrap_or(0);
                    if !choices.contains(&m) {
                        t.memory = choices.first().map(|m| SizeText(m.to_string()));
                    }
                })
            }>
                {move || fargate::cpu_choices(windows()).into_iter().map(|c| view! {
                    <option value=c.to_string() selected=move || cpu() == c>{fargate::describe_cpu(c)}</option>
                }).collect_view()}
            </select>
            <label for="td-memory">"Memory"</label>
            <select id="td-memory" on:change=move |ev| { let v = event_target_value(&ev); td.update(|t| t.memory = Some(SizeText(v))) }>
                {move || fargate::memory_choices(cpu()).into_iter().map(|m| view! {
                    <option value=m.to_string() selected=move || memory() == m>{fargate::describe_memory(m)}</option>
                }).collect_view()}
            </select>
            <p class="hint">"Only the memory sizes Fargate offers for this CPU are listed."</p>
        </Show>
        <FieldFindings findings=fs path="cpu"/>
        <FieldFindings findings=fs path="memory"/>
    }
}

#[component]
fn ContainersStep(
    td: RwSignal<TaskDefinition>,
    fs: Signal<Vec<Finding>>,
    region: String,
    account: Signal<String>,
) -> impl IntoView {
    let repos = LocalResource::new(|| list_repositories(None, false));
    let count = move || td.with(|t| t.container_definitions.as_ref().map_or(0, Vec::len));
    let region2 = region.clone();
    view! {
        <h2>"Containers"</h2>
        <datalist id="ecr-images">
            {move || repos.get().and_then(|r| r.ok()).map(|p| p.repositories.into_iter().map(|r| view! {
                <option value=format!("{}:latest", r.repository_uri)/>
            }).collect_view())}
        </datalist>
        <FieldFindings findings=fs path="containerDefinitions"/>
        {move || (0..count()).map(|i| view! { <ContainerFields td fs i account/> }).collect_view()}
        <button type="button" class="secondary" disabled={move || count() >= 10} on:click=move |_| {
            let region = region2.clone();
            td.update(|t| {
                let family = t.family.clone().unwrap_or_default();
                let list = t.container_definitions.get_or_insert_with(Vec::new);
                let name = format!("sidecar{}", list.len());
                let mut c = container(&name, &family, &region);
                c.essential = Some(false);
                c.port_mappings = None;
                list.push(c);
            })
        }>"Add container"</button>
        <p class="hint">"Up to 10 containers per task definition."</p>
    }
}

#[component]
fn ContainerFields(
    td: RwSignal<TaskDefinition>,
    fs: Signal<Vec<Finding>>,
    i: usize,
    account: Signal<String>,
) -> impl IntoView {
    let base = format!("containerDefinitions[{i}]");
    let get = move |f: fn(&ContainerDefinition) -> String| {
        move || {
            td.with(|t| {
                t.container_definitions
                    .as_ref()
                    .and_then(|l| l.get(i))
                    .map(f)
                    .unwrap_or_default()
            })
        }
    };
    let set = move |f: Box<dyn Fn(&mut ContainerDefinition)>| {
        td.update(|t| {
            if let Some(c) = t.container_definitions.as_mut().and_then(|l| l.get_mut(i)) {
                f(c)
            }
        })
    };
    let id = move |field: &str| format!("c{i}-{field}");
    view! {
        <fieldset class="container">
            <legend>{move || format!("Container {}", i + 1)}</legend>
            <label for=id("name")>"Name"</label>
            <input id=id("name") prop:value=get(|c| c.name.clone().unwrap_or_default())
                on:input=move |ev| { let v = event_target_value(&ev); set(Box::new(move |c| c.name = Some(v.clone()))) }/>
            <FieldFindings findings=fs path=format!("{base}.name")/>
            <label for=id("image")>"Image"</label>
            <input id=id("image") list="ecr-images" placeholder="123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app:1.0"
                aria-describedby=id("image-tags")
                prop:value=get(|c| c.image.clone().unwrap_or_default())
                on:input=move |ev| { let v = event_target_value(&ev); set(Box::new(move |c| c.image = Some(v.clone()))) }/>
            <ImageTags td i account/>
            <FieldFindings findings=fs path=format!("{base}.image")/>
            <label class="check">
                <input type="checkbox" prop:checked=move || td.with(|t| t.container_definitions.as_ref().and_then(|l| l.get(i)).is_some_and(|c| c.is_essential()))
                    on:change=move |ev| { let v = event_target_checked(&ev); set(Box::new(move |c| c.essential = Some(v))) }/>
                " Essential (the task stops when this container stops)"
            </label>
            <FieldFindings findings=fs path=format!("{base}.essential")/>
            <fieldset class="ports">
                <legend>"Port mappings"</legend>
                {move || (0..td.with(|t| t.container_definitions.as_ref().and_then(|l| l.get(i)).and_then(|c| c.port_mappings.as_ref()).map_or(0, Vec::len)))
                    .map(|j| view! { <PortFields td i j/> }).collect_view()}
                <button type="button" class="secondary" on:click=move |_| set(Box::new(|c| {
                    c.port_mappings.get_or_insert_with(Vec::new).push(PortMapping { protocol: Some("tcp".into()), ..PortMapping::default() })
                }))>"Add port"</button>
            </fieldset>
            <FieldFindings findings=fs path=format!("{base}.portMappings") nested=true/>
            <label for=id("env")>"Environment (KEY=value, one per line)"</label>
            <textarea id=id("env") rows="3" prop:value=get(|c| pairs_text(c.environment.as_deref().unwrap_or_default()))
                on:change=move |ev| { let v = event_target_value(&ev); set(Box::new(move |c| c.environment = parse_pairs(&v))) }></textarea>
            <FieldFindings findings=fs path=format!("{base}.environment") nested=true/>
            <label for=id("secrets")>"Secrets (NAME=Secrets Manager ARN or SSM parameter, one per line)"</label>
            <textarea id=id("secrets") rows="2"
                prop:value=get(|c| c.secrets.as_deref().unwrap_or_default().iter().map(|s| format!("{}={}", s.name.as_deref().unwrap_or(""), s.value_from.as_deref().unwrap_or(""))).collect::<Vec<_>>().join("\n"))
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    set(Box::new(move |c| c.secrets = parse_pairs(&v).map(|l| l.into_iter().map(|p| Secret { name: p.name, value_from: p.value }).collect())))
                }></textarea>
            <FieldFindings findings=fs path=format!("{base}.secrets") nested=true/>
            <label for=id("files")>"Environment files (S3 object ARNs, one per line)"</label>
            <textarea id=id("files") rows="2"
                prop:value=get(|c| c.environment_files.as_deref().unwrap_or_default().iter().filter_map(|f| f.value.clone()).collect::<Vec<_>>().join("\n"))
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    set(Box::new(move |c| {
                        let files: Vec<EnvironmentFile> = v.lines().map(str::trim).filter(|l| !l.is_empty())
                            .map(|l| EnvironmentFile { value: Some(l.to_string()), kind: Some("s3".into()) }).collect();
                        c.environment_files = (!files.is_empty()).then_some(files);
                    }))
                }></textarea>
            <FieldFindings findings=fs path=format!("{base}.environmentFiles") nested=true/>
            <label for=id("logs")>"CloudWatch log group (awslogs; empty for no logging)"</label>
            <input id=id("logs") prop:value=get(|c| c.log_configuration.as_ref().and_then(|l| l.option("awslogs-group")).unwrap_or_default().to_string())
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    set(Box::new(move |c| {
                        if v.is_empty() {
                            c.log_configuration = None;
                        } else {
                            let lc = c.log_configuration.get_or_insert_with(|| LogConfiguration { log_driver: Some("awslogs".into()), ..LogConfiguration::default() });
                            lc.options.get_or_insert_with(Default::default).insert("awslogs-group".into(), v.clone());
                        }
                    }))
                }/>
            <label class="check">
                <input type="checkbox" id=id("logs-create")
                    disabled=move || td.with(|t| t.container_definitions.as_ref().and_then(|l| l.get(i)).is_none_or(|c| c.log_configuration.is_none()))
                    prop:checked=move || td.with(|t| t.container_definitions.as_ref().and_then(|l| l.get(i))
                        .and_then(|c| c.log_configuration.as_ref()).and_then(|l| l.option("awslogs-create-group")) == Some("true"))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        set(Box::new(move |c| {
                            if let Some(options) = c.log_configuration.as_mut().map(|l| l.options.get_or_insert_with(Default::default)) {
                                if on {
                                    options.insert("awslogs-create-group".into(), "true".into());
                                } else {
                                    options.remove("awslogs-create-group");
                                }
                            }
                        }))
                    }/>
                " Create the log group when the task starts (the execution role then also needs logs:CreateLogGroup; the role wizard adds it)"
            </label>
            <FieldFindings findings=fs path=format!("{base}.logConfiguration") nested=true/>
            <fieldset class="mounts">
                <legend>"Volume mounts"</legend>
                {move || (0..td.with(|t| t.container_definitions.as_ref().and_then(|l| l.get(i)).and_then(|c| c.mount_points.as_ref()).map_or(0, Vec::len)))
                    .map(|j| view! { <MountFields td i j/> }).collect_view()}
                <button type="button" class="secondary"
                    disabled=move || td.with(|t| t.volumes.as_ref().is_none_or(Vec::is_empty))
                    on:click=move |_| td.update(|t| {
                        let first = t.volumes.as_ref().and_then(|v| v.first()).and_then(|v| v.name.clone());
                        if let Some(c) = t.container_definitions.as_mut().and_then(|l| l.get_mut(i)) {
                            let path = first.as_ref().map(|v| format!("/mnt/{v}"));
                            c.mount_points.get_or_insert_with(Vec::new).push(MountPoint { source_volume: first, container_path: path, read_only: None });
                        }
                    })>"Add mount"</button>
                {move || td.with(|t| t.volumes.as_ref().is_none_or(Vec::is_empty)).then(|| view! {
                    <p class="hint">"Define volumes in the Volumes step to mount them here."</p>
                })}
            </fieldset>
            <FieldFindings findings=fs path=format!("{base}.mountPoints") nested=true/>
            <label for=id("health")>"Health check (shell command, empty for none)"</label>
            <input id=id("health") placeholder="curl -f http://localhost/ || exit 1"
                prop:value=get(|c| c.health_check.as_ref().and_then(|h| h.command.as_ref()).and_then(|c| c.get(1).cloned()).unwrap_or_default())
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    set(Box::new(move |c| {
                        c.health_check = (!v.trim().is_empty()).then(|| HealthCheck { command: Some(vec!["CMD-SHELL".into(), v.clone()]), ..HealthCheck::default() })
                    }))
                }/>
            <FieldFindings findings=fs path=format!("{base}.healthCheck") nested=true/>
            <label for=id("depends")>"Start after container (dependsOn)"</label>
            <div class="inline">
                <select id=id("depends") on:change=move |ev| {
                    let v = event_target_value(&ev);
                    set(Box::new(move |c| {
                        c.depends_on = (!v.is_empty()).then(|| vec![ContainerDependency { container_name: Some(v.clone()), condition: Some("START".into()) }])
                    }))
                }>
                    <option value="">"— none —"</option>
                    {move || td.with(|t| t.container_definitions.clone().unwrap_or_default()).into_iter().enumerate()
                        .filter(|(k, _)| *k != i)
                        .filter_map(|(_, c)| c.name)
                        .map(|n| {
                            let chosen = n.clone();
                            view! { <option value=n.clone() selected=move || td.with(|t| t.container_definitions.as_ref().and_then(|l| l.get(i))
                                .and_then(|c| c.depends_on.as_ref()).and_then(|d| d.first()).and_then(|d| d.container_name.clone()) == Some(chosen.clone()))>{n.clone()}</option> }
                        }).collect_view()}
                </select>
                <label for=id("condition")>"once it has"</label>
                <select id=id("condition") on:change=move |ev| {
                    let v = event_target_value(&ev);
                    set(Box::new(move |c| if let Some(d) = c.depends_on.as_mut().and_then(|d| d.first_mut()) { d.condition = Some(v.clone()) }))
                }>
                    {["START", "HEALTHY", "COMPLETE", "SUCCESS"].into_iter().map(|v| view! {
                        <option value=v selected=move || td.with(|t| t.container_definitions.as_ref().and_then(|l| l.get(i))
                            .and_then(|c| c.depends_on.as_ref()).and_then(|d| d.first()).and_then(|d| d.condition.as_deref()) == Some(v))>{v.to_lowercase()}</option>
                    }).collect_view()}
                </select>
            </div>
            <FieldFindings findings=fs path=format!("{base}.dependsOn") nested=true/>
            <div class="inline">
                {[("cpu", "CPU units"), ("memory", "Memory hard limit (MiB)"), ("memoryReservation", "Memory reservation (MiB)")].into_iter().map(|(field, label)| {
                    let read = move |c: &ContainerDefinition| match field {
                        "cpu" => c.cpu,
                        "memory" => c.memory,
                        _ => c.memory_reservation,
                    };
                    view! {
                        <label for=id(field)>{label}</label>
                        <input id=id(field) inputmode="numeric" size="8"
                            prop:value=move || td.with(|t| t.container_definitions.as_ref().and_then(|l| l.get(i)).and_then(read).map(|n| n.to_string()).unwrap_or_default())
                            on:input=move |ev| {
                                let n = event_target_value(&ev).trim().parse::<i64>().ok();
                                set(Box::new(move |c| match field {
                                    "cpu" => c.cpu = n,
                                    "memory" => c.memory = n,
                                    _ => c.memory_reservation = n,
                                }))
                            }/>
                    }
                }).collect_view()}
            </div>
            <FieldFindings findings=fs path=format!("{base}.cpu")/>
            <FieldFindings findings=fs path=format!("{base}.memory")/>
            <FieldFindings findings=fs path=format!("{base}.memoryReservation")/>
            {(i > 0).then(|| view! {
                <button type="button" class="danger" on:click=move |_| td.update(|t| {
                    if let Some(l) = t.container_definitions.as_mut() {
                        if i < l.len() {
                            l.remove(i);
                        }
                    }
                })>{format!("Remove container {}", i + 1)}</button>
            })}
        </fieldset>
    }
}

#[component]
fn RolesStep(
    td: RwSignal<TaskDefinition>,
    fs: Signal<Vec<Finding>>,
    target: Target,
) -> impl IntoView {
    let roles = LocalResource::new(|| list_roles(None, false));
    view! {
        <h2>"Roles & tags"</h2>
        <datalist id="task-roles">
            {move || roles.get().and_then(|r| r.ok()).map(|p| p.roles.into_iter().filter(|r| r.usable_by_tasks).map(|r| view! {
                <option value=r.arn.clone()>{r.role_name.clone()}</option>
            }).collect_view())}
        </datalist>
        <label for="td-exec-role">"Task execution role ARN"</label>
        <p class="hint">"Needed to pull private ECR images, write awslogs on Fargate, and inject secrets. Pick a role tasks can assume, or create one for exactly this task definition below."</p>
        <input id="td-exec-role" list="task-roles" placeholder="arn:aws:iam::123456789012:role/team-app-exec"
            prop:value=move || td.with(|t| t.execution_role_arn.clone().unwrap_or_default())
            on:input=move |ev| { let v = event_target_value(&ev); td.update(|t| t.execution_role_arn = (!v.is_empty()).then_some(v)) }/>
        <FieldFindings findings=fs path="executionRoleArn"/>
        <InlineRole td kind=RoleKind::Execution target=target.clone()/>
        <label for="td-task-role">"Task role ARN (what your code may call; optional)"</label>
        <input id="td-task-role" list="task-roles" prop:value=move || td.with(|t| t.task_role_arn.clone().unwrap_or_default())
            on:input=move |ev| { let v = event_target_value(&ev); td.update(|t| t.task_role_arn = (!v.is_empty()).then_some(v)) }/>
        <FieldFindings findings=fs path="taskRoleArn"/>
        <InlineRole td kind=RoleKind::Task target/>
        <label for="td-tags">"Tags (key=value, one per line)"</label>
        <textarea id="td-tags" rows="3"
            prop:value=move || td.with(|t| t.tags.as_deref().unwrap_or_default().iter().map(|g| format!("{}={}", g.key.as_deref().unwrap_or(""), g.value.as_deref().unwrap_or(""))).collect::<Vec<_>>().join("\n"))
            on:change=move |ev| {
                let v = event_target_value(&ev);
                td.update(|t| t.tags = parse_pairs(&v).map(|l| l.into_iter().map(|p| EcsTag { key: p.name, value: p.value }).collect()))
            }></textarea>
        <FieldFindings findings=fs path="tags" nested=true/>
    }
}

/// One port mapping of container `i`: port, protocol, and the name Service Connect uses.
#[component]
fn PortFields(td: RwSignal<TaskDefinition>, i: usize, j: usize) -> impl IntoView {
    let with_port = move |f: Box<dyn Fn(&mut PortMapping)>| {
        td.update(|t| {
            if let Some(p) = t
                .container_definitions
                .as_mut()
                .and_then(|l| l.get_mut(i))
                .and_then(|c| c.port_mappings.as_mut())
                .and_then(|p| p.get_mut(j))
            {
                f(p)
            }
        })
    };
    let read = move |f: fn(&PortMapping) -> String| {
        move || {
            td.with(|t| {
                t.container_definitions
                    .as_ref()
                    .and_then(|l| l.get(i))
                    .and_then(|c| c.port_mappings.as_ref())
                    .and_then(|p| p.get(j))
                    .map(f)
                    .unwrap_or_default()
            })
        }
    };
    let id = move |field: &str| format!("c{i}-p{j}-{field}");
    view! {
        <div class="inline">
            <label for=id("port")>"Container port"</label>
            <input id=id("port") inputmode="numeric" size="6"
                prop:value=read(|p| p.container_port.map(|n| n.to_string()).unwrap_or_default())
                on:input=move |ev| { let n = event_target_value(&ev).trim().parse::<i64>().ok(); with_port(Box::new(move |p| p.container_port = n)) }/>
            // Bridge and host networking map to a port of the instance (awsvpc: the task's own).
            <Show when=move || td.with(|t| !is_fargate(t) && matches!(t.network_mode.as_deref(), None | Some("bridge") | Some("host")))>
                <label for=id("host-port")>"Host port (empty or 0: dynamic)"</label>
                <input id=id("host-port") inputmode="numeric" size="6"
                    prop:value=read(|p| p.host_port.map(|n| n.to_string()).unwrap_or_default())
                    on:input=move |ev| { let n = event_target_value(&ev).trim().parse::<i64>().ok(); with_port(Box::new(move |p| p.host_port = n)) }/>
            </Show>
            <label for=id("protocol")>"Protocol"</label>
            <select id=id("protocol") on:change=move |ev| { let v = event_target_value(&ev); with_port(Box::new(move |p| p.protocol = Some(v.clone()))) }>
                {["tcp", "udp"].into_iter().map(|v| view! {
                    <option value=v selected=move || read(|p| p.protocol.clone().unwrap_or_else(|| "tcp".into()))() == v>{v}</option>
                }).collect_view()}
            </select>
            <label for=id("name")>"Name (Service Connect)"</label>
            <input id=id("name") size="10" prop:value=read(|p| p.name.clone().unwrap_or_default())
                on:input=move |ev| { let v = event_target_value(&ev); with_port(Box::new(move |p| p.name = (!v.is_empty()).then(|| v.clone()))) }/>
            <button type="button" class="link" on:click=move |_| td.update(|t| {
                if let Some(c) = t.container_definitions.as_mut().and_then(|l| l.get_mut(i)) {
                    if let Some(p) = c.port_mappings.as_mut() {
                        if j < p.len() {
                            p.remove(j);
                        }
                    }
                    if c.port_mappings.as_ref().is_some_and(Vec::is_empty) {
                        c.port_mappings = None;
                    }
                }
            })>{format!("Remove port {}", j + 1)}</button>
        </div>
    }
}

/// One mount point `j` of container `i`: which volume, where, read-only.
#[component]
fn MountFields(td: RwSignal<TaskDefinition>, i: usize, j: usize) -> impl IntoView {
    let with_mount = move |f: Box<dyn Fn(&mut MountPoint)>| {
        td.update(|t| {
            if let Some(m) = t
                .container_definitions
                .as_mut()
                .and_then(|l| l.get_mut(i))
                .and_then(|c| c.mount_points.as_mut())
                .and_then(|m| m.get_mut(j))
            {
                f(m)
            }
        })
    };
    let read = move |f: fn(&MountPoint) -> String| {
        move || {
            td.with(|t| {
                t.container_definitions
                    .as_ref()
                    .and_then(|l| l.get(i))
                    .and_then(|c| c.mount_points.as_ref())
                    .and_then(|m| m.get(j))
                    .map(f)
                    .unwrap_or_default()
            })
        }
    };
    let id = move |field: &str| format!("c{i}-m{j}-{field}");
    view! {
        <div class="inline">
            <label for=id("volume")>"Volume"</label>
            <select id=id("volume") on:change=move |ev| { let v = event_target_value(&ev); with_mount(Box::new(move |m| m.source_volume = Some(v.clone()))) }>
                {move || td.with(|t| t.volumes.clone().unwrap_or_default()).into_iter().filter_map(|v| v.name).map(|n| {
                    let chosen = n.clone();
                    view! { <option value=n.clone() selected=move || read(|m| m.source_volume.clone().unwrap_or_default())() == chosen>{n.clone()}</option> }
                }).collect_view()}
            </select>
            <label for=id("path")>"at"</label>
            <input id=id("path") placeholder="/data" prop:value=read(|m| m.container_path.clone().unwrap_or_default())
                on:input=move |ev| { let v = event_target_value(&ev); with_mount(Box::new(move |m| m.container_path = Some(v.clone()))) }/>
            <label class="check">
                <input type="checkbox" id=id("readonly") prop:checked=move || read(|m| m.read_only.unwrap_or(false).to_string())() == "true"
                    on:change=move |ev| { let on = event_target_checked(&ev); with_mount(Box::new(move |m| m.read_only = on.then_some(true))) }/>
                " read-only"
            </label>
            <button type="button" class="link" on:click=move |_| td.update(|t| {
                if let Some(c) = t.container_definitions.as_mut().and_then(|l| l.get_mut(i)) {
                    if let Some(m) = c.mount_points.as_mut() {
                        if j < m.len() {
                            m.remove(j);
                        }
                    }
                    if c.mount_points.as_ref().is_some_and(Vec::is_empty) {
                        c.mount_points = None;
                    }
                }
            })>{format!("Remove mount {}", j + 1)}</button>
        </div>
    }
}

/// The volumes: task storage (bind mounts), host paths (EC2), EFS and FSx for Windows by id,
/// and Fargate ephemeral storage. The EFS and FSx wizards (mount targets, access points,
/// security groups) come separately; here a file system is picked by id.
#[component]
fn VolumesStep(td: RwSignal<TaskDefinition>, fs: Signal<Vec<Finding>>) -> impl IntoView {
    let count = move || td.with(|t| t.volumes.as_ref().map_or(0, Vec::len));
    view! {
        <h2>"Volumes"</h2>
        <Show when=move || td.with(is_fargate)>
            <label for="td-ephemeral">"Ephemeral storage (GiB, 21–200; empty for the default 20)"</label>
            <input id="td-ephemeral" inputmode="numeric"
                prop:value=move || td.with(|t| t.ephemeral_storage.as_ref().and_then(|e| e.size_in_gi_b).map(|n| n.to_string()).unwrap_or_default())
                on:input=move |ev| {
                    let n = event_target_value(&ev).trim().parse::<i64>().ok();
                    td.update(|t| t.ephemeral_storage = n.map(|n| EphemeralStorage { size_in_gi_b: Some(n) }))
                }/>
            <FieldFindings findings=fs path="ephemeralStorage" nested=true/>
        </Show>
        {move || (0..count()).map(|i| view! { <VolumeFields td fs i/> }).collect_view()}
        <button type="button" class="secondary" on:click=move |_| td.update(|t| {
            let list = t.volumes.get_or_insert_with(Vec::new);
            let name = format!("data{}", list.len());
            list.push(Volume { name: Some(name), ..Volume::default() });
        })>"Add volume"</button>
        <FieldFindings findings=fs path="volumes"/>
    }
}

#[component]
fn VolumeFields(td: RwSignal<TaskDefinition>, fs: Signal<Vec<Finding>>, i: usize) -> impl IntoView {
    let base = format!("volumes[{i}]");
    let with_volume = move |f: Box<dyn Fn(&mut Volume)>| {
        td.update(|t| {
            if let Some(v) = t.volumes.as_mut().and_then(|l| l.get_mut(i)) {
                f(v)
            }
        })
    };
    let read = move |f: fn(&Volume) -> String| {
        move || {
            td.with(|t| {
                t.volumes
                    .as_ref()
                    .and_then(|l| l.get(i))
                    .map(f)
                    .unwrap_or_default()
            })
        }
    };
    let kind = read(|v| {
        if v.efs_volume_configuration.is_some() {
            "efs"
        } else if v.fsx_windows_file_server_volume_configuration.is_some() {
            "fsx"
        } else if v.host.is_some() {
            "host"
        } else {
            "task"
        }
        .to_string()
    });
    let id = move |field: &str| format!("v{i}-{field}");
    view! {
        <fieldset class="volume">
            <legend>{move || format!("Volume {}", i + 1)}</legend>
            <label for=id("name")>"Name (what mount points refer to)"</label>
            <input id=id("name") prop:value=read(|v| v.name.clone().unwrap_or_default())
                on:input=move |ev| { let v = event_target_value(&ev); with_volume(Box::new(move |vol| vol.name = Some(v.clone()))) }/>
            <FieldFindings findings=fs path=format!("{base}.name")/>
            <label for=id("kind")>"Type"</label>
            <select id=id("kind") on:change=move |ev| {
                let k = event_target_value(&ev);
                with_volume(Box::new(move |vol| {
                    let name = vol.name.clone();
                    *vol = Volume { name, ..Volume::default() };
                    match k.as_str() {
                        "host" => vol.host = Some(HostVolumeProperties { source_path: Some("/srv/data".into()) }),
                        "efs" => vol.efs_volume_configuration = Some(EfsVolumeConfiguration { transit_encryption: Some("ENABLED".into()), ..EfsVolumeConfiguration::default() }),
                        "fsx" => vol.fsx_windows_file_server_volume_configuration = Some(FsxWindowsVolumeConfiguration::default()),
                        _ => {}
                    }
                }))
            }>
                {[("task", "Task storage (bind mount, gone with the task)"), ("host", "Host path (EC2 only)"), ("efs", "Amazon EFS file system"), ("fsx", "FSx for Windows File Server (EC2 Windows only)")]
                    .into_iter().map(|(v, label)| view! { <option value=v selected=move || kind() == v>{label}</option> }).collect_view()}
            </select>
            <Show when=move || kind() == "host">
                <label for=id("source")>"Host path"</label>
                <input id=id("source") prop:value=read(|v| v.host.as_ref().and_then(|h| h.source_path.clone()).unwrap_or_default())
                    on:input=move |ev| { let p = event_target_value(&ev); with_volume(Box::new(move |vol| vol.host = Some(HostVolumeProperties { source_path: Some(p.clone()) }))) }/>
            </Show>
            <Show when=move || kind() == "efs">
                <label for=id("efs-id")>"File system id"</label>
                <input id=id("efs-id") placeholder="fs-0123456789abcdef0" prop:value=read(|v| v.efs_volume_configuration.as_ref().and_then(|e| e.file_system_id.clone()).unwrap_or_default())
                    on:input=move |ev| { let x = event_target_value(&ev); with_volume(Box::new(move |vol| if let Some(e) = vol.efs_volume_configuration.as_mut() { e.file_system_id = Some(x.clone()) })) }/>
                <label for=id("efs-ap")>"Access point id (optional)"</label>
                <input id=id("efs-ap") placeholder="fsap-0123456789abcdef0"
                    prop:value=read(|v| v.efs_volume_configuration.as_ref().and_then(|e| e.authorization_config.as_ref()).and_then(|a| a.access_point_id.clone()).unwrap_or_default())
                    on:input=move |ev| {
                        let x = event_target_value(&ev);
                        with_volume(Box::new(move |vol| if let Some(e) = vol.efs_volume_configuration.as_mut() {
                            e.authorization_config.get_or_insert_with(Default::default).access_point_id = (!x.is_empty()).then(|| x.clone())
                        }))
                    }/>
                <label class="check">
                    <input type="checkbox" prop:checked=move || td.with(|t| t.volumes.as_ref().and_then(|l| l.get(i)).and_then(|v| v.efs_volume_configuration.as_ref()).and_then(|e| e.transit_encryption.as_deref()) == Some("ENABLED"))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            with_volume(Box::new(move |vol| if let Some(e) = vol.efs_volume_configuration.as_mut() {
                                e.transit_encryption = Some(if on { "ENABLED" } else { "DISABLED" }.into())
                            }))
                        }/>
                    " Encrypt in transit (required for IAM authorization and access points)"
                </label>
                <label class="check">
                    <input type="checkbox"
                        prop:checked=move || td.with(|t| t.volumes.as_ref().and_then(|l| l.get(i)).and_then(|v| v.efs_volume_configuration.as_ref())
                            .and_then(|e| e.authorization_config.as_ref()).and_then(|a| a.iam.as_deref()) == Some("ENABLED"))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            with_volume(Box::new(move |vol| if let Some(e) = vol.efs_volume_configuration.as_mut() {
                                e.authorization_config.get_or_insert_with(Default::default).iam = Some(if on { "ENABLED" } else { "DISABLED" }.into())
                            }))
                        }/>
                    " Authorize with the task role (EFS IAM)"
                </label>
            </Show>
            <Show when=move || kind() == "fsx">
                <label for=id("fsx-id")>"File system id"</label>
                <input id=id("fsx-id") placeholder="fs-0123456789abcdef0"
                    prop:value=read(|v| v.fsx_windows_file_server_volume_configuration.as_ref().and_then(|x| x.file_system_id.clone()).unwrap_or_default())
                    on:input=move |ev| { let x = event_target_value(&ev); with_volume(Box::new(move |vol| if let Some(c) = vol.fsx_windows_file_server_volume_configuration.as_mut() { c.file_system_id = Some(x.clone()) })) }/>
                <label for=id("fsx-root")>"Share (root directory)"</label>
                <input id=id("fsx-root") prop:value=read(|v| v.fsx_windows_file_server_volume_configuration.as_ref().and_then(|x| x.root_directory.clone()).unwrap_or_default())
                    on:input=move |ev| { let x = event_target_value(&ev); with_volume(Box::new(move |vol| if let Some(c) = vol.fsx_windows_file_server_volume_configuration.as_mut() { c.root_directory = Some(x.clone()) })) }/>
                <label for=id("fsx-domain")>"Active Directory domain"</label>
                <input id=id("fsx-domain") prop:value=read(|v| v.fsx_windows_file_server_volume_configuration.as_ref().and_then(|x| x.authorization_config.as_ref()).and_then(|a| a.domain.clone()).unwrap_or_default())
                    on:input=move |ev| { let x = event_target_value(&ev); with_volume(Box::new(move |vol| if let Some(c) = vol.fsx_windows_file_server_volume_configuration.as_mut() { c.authorization_config.get_or_insert_with(Default::default).domain = Some(x.clone()) })) }/>
                <label for=id("fsx-creds")>"Credentials (Secrets Manager or SSM parameter ARN)"</label>
                <input id=id("fsx-creds") prop:value=read(|v| v.fsx_windows_file_server_volume_configuration.as_ref().and_then(|x| x.authorization_config.as_ref()).and_then(|a| a.credentials_parameter.clone()).unwrap_or_default())
                    on:input=move |ev| { let x = event_target_value(&ev); with_volume(Box::new(move |vol| if let Some(c) = vol.fsx_windows_file_server_volume_configuration.as_mut() { c.authorization_config.get_or_insert_with(Default::default).credentials_parameter = Some(x.clone()) })) }/>
            </Show>
            <FieldFindings findings=fs path=base.clone() nested=true/>
            <button type="button" class="danger" on:click=move |_| td.update(|t| {
                if let Some(l) = t.volumes.as_mut() {
                    if i < l.len() {
                        l.remove(i);
                    }
                    if l.is_empty() {
                        t.volumes = None;
                    }
                }
            })>{format!("Remove volume {}", i + 1)}</button>
        </fieldset>
    }
}

/// The tags of the ECR repository the image names, newest push first, as buttons that put
/// `repository:tag` into the image field (typed images need no request: only ECR ones ask).
#[component]
fn ImageTags(td: RwSignal<TaskDefinition>, i: usize, account: Signal<String>) -> impl IntoView {
    let image = Memo::new(move |_| {
        td.with(|t| {
            t.container_definitions
                .as_ref()
                .and_then(|l| l.get(i))
                .and_then(|c| c.image.clone())
                .unwrap_or_default()
        })
    });
    // (repository URI, repository name) when the image is in a private ECR registry.
    let repository = Memo::new(move |_| {
        let image = image.get();
        // Only this account's registry: another account's repositories are not listed here.
        ecr_registry(&image)
            .is_some_and(|(a, _)| a == account.get())
            .then(|| {
                let parsed = parse_image(&image);
                let host = parsed.domain.unwrap_or_default();
                (format!("{host}/{}", parsed.path), parsed.path.to_string())
            })
    });
    let tags = LocalResource::new(move || {
        let repo = repository.get();
        async move {
            match repo {
                Some((uri, name)) => Some((uri, list_images(name, None).await.map(|p| p.images))),
                None => None,
            }
        }
    });
    let set_image = move |value: String| {
        td.update(|t| {
            if let Some(c) = t.container_definitions.as_mut().and_then(|l| l.get_mut(i)) {
                c.image = Some(value)
            }
        })
    };
    view! {
        <div class="hint" id=format!("c{i}-image-tags")>
            {move || tags.get().flatten().map(|(uri, images)| {
                let name = uri.split_once('/').map(|(_, n)| n.to_string()).unwrap_or_default();
                let images = match images {
                    Ok(images) => images,
                    Err(e) if e.code == "not_found" => return EitherOf4::A(view! {
                        <span>{format!("There is no repository {name} in this account yet: create it, or check the name.")}</span>
                    }),
                    Err(e) => return EitherOf4::B(view! { <span>{format!("The tags of {name} could not be listed: {e}")}</span> }),
                };
                let tagged: Vec<String> = images.iter().flat_map(|im| im.image_tags.clone()).take(8).collect();
                if tagged.is_empty() {
                    EitherOf4::C(view! { <span>{format!("No tagged images in {name} yet: push one, or type the tag you will push.")}</span> })
                } else {
                    EitherOf4::D(view! {
                        <span>{format!("Tags in {name}, newest first: ")}</span>
                        {tagged.into_iter().map(|tag| {
                            let value = format!("{uri}:{tag}");
                            view! {
                                <button type="button" class="chip" aria-label=format!("Use tag {tag}")
                                    on:click=move |_| set_image(value.clone())>{tag.clone()}</button>
                            }
                        }).collect_view()}
                    })
                }
            })}
        </div>
    }
}

/// The role wizard inline: a role generated from the task definition being built (the same
/// generator as `/roles/new`, in WASM), shown in plain words and JSON; once created, its ARN
/// goes into the field above. Task roles made here get what the task definition implies (EFS
/// IAM mounts) and, if asked, ECS Exec; other permissions are picked in the full role wizard.
#[component]
fn InlineRole(td: RwSignal<TaskDefinition>, kind: RoleKind, target: Target) -> impl IntoView {
    let (label, button, suffix, api_kind) = match kind {
        RoleKind::Execution => (
            "execution role",
            "Create an execution role for this task definition…",
            "exec",
            "execution",
        ),
        RoleKind::Task => (
            "task role",
            "Create a task role for this task definition…",
            "task",
            "task",
        ),
    };
    let open = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    let exec = RwSignal::new(false);
    let key = format!("inline-{suffix}");
    let preview = Memo::new(move |_| {
        let doc = td.get();
        let generated = match kind {
            RoleKind::Execution => Some(execution_policy(&doc, &target, &[])),
            RoleKind::Task => task_policy(&doc, &target, exec.get(), &[]),
        };
        let role_doc = serde_json::json!({"RoleName": name.get(), "Path": "/", "AssumeRolePolicyDocument": trust_policy(&target)});
        let findings = validate::iam::check_create_role_value(&role_doc, &Context::default());
        (generated, findings)
    });
    let findings = Signal::derive(move || preview.get().1);
    let action = ServerAction::<SubmitRole>::new();
    Effect::new(move || {
        if let Some(Ok(created)) = action.value().get() {
            let arn = created.role_arn.clone();
            td.update(|t| match kind {
                RoleKind::Execution => t.execution_role_arn = Some(arn),
                RoleKind::Task => t.task_role_arn = Some(arn),
            });
            open.set(false);
        }
    });
    let create = move |_| {
        let doc = td.get_untracked();
        action.dispatch(SubmitRole {
            request: CreateRoleRequest {
                kind: api_kind.into(),
                role_name: name.get_untracked(),
                description: Some(format!(
                    "{api_kind} role for {} (Berth)",
                    doc.family.clone().unwrap_or_default()
                )),
                task_definition: Some(doc.to_json()),
                enable_execute_command: exec.get_untracked(),
                ..CreateRoleRequest::default()
            },
        });
    };
    let id = move |field: &str| format!("{key}-{field}");
    let start = move |_| {
        if name.get_untracked().is_empty() {
            let family = td.with_untracked(|t| t.family.clone().unwrap_or_default());
            name.set(format!("{family}-{suffix}"));
        }
        open.set(true);
    };
    view! {
        <Show when=move || open.get() fallback=move || view! {
            <p>
                <button type="button" class="secondary" on:click=start>{button}</button>
                {move || action.value().get().and_then(|r| r.ok()).map(|c| view! {
                    <span class="ok" role="status">{format!(" Created {}.", c.role_name)}</span>
                })}
            </p>
        }>
            <fieldset class="inline-role">
                <legend>{format!("New {label}")}</legend>
                <label for=id("name")>"Role name"</label>
                <input id=id("name") autocomplete="off" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                <FieldFindings findings path="RoleName"/>
                {(kind == RoleKind::Task).then(|| view! {
                    <Checkbox checked=exec label="Allow ECS Exec (interactive shells into the containers)"/>
                })}
                <p>"Trusts ecs-tasks.amazonaws.com in this account only. It may:"</p>
                <ul class="summary" aria-label=format!("{label} summary")>
                    {move || {
                        let lines = preview.get().0.map(|g| g.summary).unwrap_or_default();
                        if lines.is_empty() {
                            Either::Left(view! { <li>"Nothing: this task definition needs no permissions of this kind yet."</li> })
                        } else {
                            Either::Right(lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view())
                        }
                    }}
                </ul>
                <details>
                    <summary>"Policy JSON"</summary>
                    <JsonView value=Signal::derive(move || preview.get().0.map(|g| g.policy).unwrap_or(serde_json::Value::Null)) label="Role policy"/>
                </details>
                <div class="actions">
                    <button type="button" class="secondary" on:click=move |_| open.set(false)>"Cancel"</button>
                    <button type="button" on:click=create
                        disabled=move || action.pending().get() || preview.get().1.iter().any(Finding::is_error)>
                        {move || if action.pending().get() { "Creating…" } else { "Create role and use it" }}
                    </button>
                </div>
                {move || action.value().get().and_then(|r| r.err()).map(|e| view! { <ErrorBox error=e/> })}
            </fieldset>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_log_groups_follow_the_family_and_custom_ones_stay() {
        let mut t = starter("demo", "us-east-1");
        let mut custom = container("worker", "demo-app", "us-east-1");
        if let Some(o) = custom
            .log_configuration
            .as_mut()
            .and_then(|l| l.options.as_mut())
        {
            o.insert("awslogs-group".into(), "/shared/logs".into());
        }
        t.container_definitions.as_mut().unwrap().push(custom);
        rename_family(&mut t, "demo-web".into());
        let groups: Vec<&str> = t
            .container_definitions
            .as_ref()
            .unwrap()
            .iter()
            .map(|c| {
                c.log_configuration
                    .as_ref()
                    .unwrap()
                    .option("awslogs-group")
                    .unwrap()
            })
            .collect();
        assert_eq!(groups, ["/ecs/demo-web", "/shared/logs"]);
        assert_eq!(t.family.as_deref(), Some("demo-web"));
    }
}
