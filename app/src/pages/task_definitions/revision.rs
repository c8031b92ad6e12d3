//! One revision: identity, containers at a glance, the exact `RegisterTaskDefinition`
//! document (export: copy it, or register it again through the API), its roles checked live
//! against IAM (with Berth's policy put in step in one click), and deregistration.

use super::{region_of, revision_console_url};
use crate::components::confirm::ConfirmAction;
use crate::components::error_box::ErrorBox;
use crate::components::findings::FindingList;
use crate::components::json_view::JsonView;
use crate::page_data::page_resource;
use crate::server_fns::roles::PutRolePolicy;
use crate::server_fns::task_definitions::{
    check_task_definition_roles, get_task_definition, DeregisterTaskDefinition,
};
use crate::SessionResource;
use leptos::either::{Either, EitherOf4};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map};
use validate::json::FromJson;
use validate::model::{CreateRoleRequest, RoleCheckItem, TaskDefinitionRevision};

#[component]
pub fn RevisionPage() -> impl IntoView {
    let params = use_params_map();
    let family = move || params.read().get("family").unwrap_or_default();
    let revision = move || {
        params
            .read()
            .get("revision")
            .and_then(|r| r.parse::<i64>().ok())
    };
    let detail = page_resource(
        move || (family(), revision()),
        |(f, r)| get_task_definition(f, r),
    );
    view! {
        <Title text=move || format!("{}:{}", family(), revision().unwrap_or_default())/>
        <p class="crumbs">
            <a href="/task-definitions">"Task definitions"</a> " / "
            <a href=move || format!("/task-definitions/{}", family())>{family}</a> " / "
            {move || revision().map(|r| r.to_string())}
        </p>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(td) => Either::Left(view! { <RevisionDetail td/> }),
                    Err(e) => Either::Right(view! { <ErrorBox error=e/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RevisionDetail(td: TaskDefinitionRevision) -> impl IntoView {
    let session = expect_context::<SessionResource>();
    let can_deregister = session
        .get()
        .and_then(|s| s.ok())
        .is_some_and(|s| s.can_deploy())
        && td.status == "ACTIVE";
    let can_fix = session
        .get()
        .and_then(|s| s.ok())
        .is_some_and(|s| s.can_deploy());
    let doc = td.task_definition.to_json();
    let text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    let console =
        revision_console_url(&region_of(&td.task_definition_arn), &td.family, td.revision);
    let d = &td.task_definition;
    let launch = d
        .requires_compatibilities
        .clone()
        .unwrap_or_default()
        .join(", ");
    view! {
        <div class="page-head">
            <h1>{format!("{}:{}", td.family, td.revision)}</h1>
            <div class="actions">
                <a href=format!("/task-definitions/new?from={}:{}", td.family, td.revision) class="button">"New revision from this one"</a>
                <a href=console class="button secondary" target="_blank" rel="noopener noreferrer">"Open in AWS console ↗"</a>
            </div>
        </div>
        <dl class="facts">
            <dt>"ARN"</dt><dd><code>{td.task_definition_arn.clone()}</code></dd>
            <dt>"Status"</dt><dd>{td.status.clone()}</dd>
            <dt>"Registered"</dt><dd>{td.registered_at.as_deref().map(crate::components::time::utc).unwrap_or_default()}</dd>
            <dt>"Launch types"</dt><dd>{if launch.is_empty() { "EC2 (default)".to_string() } else { launch }}</dd>
            <dt>"Size"</dt><dd>{format!("cpu {} / memory {}",
                d.cpu.as_ref().map_or("—", |c| c.0.as_str()), d.memory.as_ref().map_or("—", |m| m.0.as_str()))}</dd>
            <dt>"Network mode"</dt><dd>{d.network_mode.clone().unwrap_or_else(|| "default".into())}</dd>
            <dt>"Execution role"</dt><dd><code>{d.execution_role_arn.clone().unwrap_or_else(|| "none".into())}</code></dd>
            <dt>"Task role"</dt><dd><code>{d.task_role_arn.clone().unwrap_or_else(|| "none".into())}</code></dd>
        </dl>
        <h2>"Containers"</h2>
        <table class="list" aria-label="Containers">
            <thead><tr><th>"Name"</th><th>"Image"</th><th>"Essential"</th><th>"Ports"</th></tr></thead>
            <tbody>
                {d.container_definitions.clone().unwrap_or_default().into_iter().map(|c| {
                    let ports = c.port_mappings.clone().unwrap_or_default().iter()
                        .filter_map(|p| p.container_port.map(|n| format!("{n}/{}", p.protocol.as_deref().unwrap_or("tcp"))))
                        .collect::<Vec<_>>().join(", ");
                    view! {
                        <tr>
                            <td>{c.name.clone().unwrap_or_default()}</td>
                            <td><code>{c.image.clone().unwrap_or_default()}</code></td>
                            <td>{if c.is_essential() { "yes" } else { "no" }}</td>
                            <td>{ports}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <h2>"RegisterTaskDefinition document"</h2>
        <p class="hint">"Exactly what registering this revision again would send (no read-only fields). Save it for "
            <code>"aws ecs register-task-definition --cli-input-json file://taskdef.json"</code>"."</p>
        <crate::components::copy_block::CopyBlock label="Copy the JSON" text=text/>
        <JsonView value=Signal::stored(doc.clone()) label="Task definition JSON"/>
        <RoleChecks family=td.family.clone() revision=td.revision document=doc can_fix=can_fix/>
        {can_deregister.then(|| view! { <DeregisterForm family=td.family.clone() revision=td.revision/> })}
    }
}

#[component]
fn DeregisterForm(family: String, revision: i64) -> impl IntoView {
    let action = ServerAction::<DeregisterTaskDefinition>::new();
    let navigate = use_navigate();
    let back = format!("/task-definitions/{family}");
    Effect::new(move || {
        if let Some(Ok(())) = action.value().get() {
            navigate(&back, Default::default());
        }
    });
    view! {
        <section class="danger-zone">
            <h2>"Deregister revision"</h2>
            <ConfirmAction open_label="Deregister…" confirm_label="Deregister revision" busy_label="Deregistering…" danger=true
                warning="Running tasks keep running, and the revision stays readable as INACTIVE, but no new tasks or services can use it."
                pending=action.pending() error=Signal::derive(move || action.value().get().and_then(|r| r.err()))
                on_confirm=Callback::new(move |()| {
                    action.dispatch(DeregisterTaskDefinition { family: family.clone(), revision });
                })/>
        </section>
    }
}

/// The revision's roles, checked live against IAM (loaded in the browser after the page).
#[component]
fn RoleChecks(
    family: String,
    revision: i64,
    document: serde_json::Value,
    can_fix: bool,
) -> impl IntoView {
    let put = ServerAction::<PutRolePolicy>::new();
    let check = LocalResource::new(move || {
        // Checked again after a policy was put.
        put.version().get();
        check_task_definition_roles(family.clone(), revision)
    });
    let document = StoredValue::new(document);
    // Taken while the component is alive: the server may render this closure once more after
    // the page's first pass was dropped.
    let put_result = put.value();
    view! {
        <h2>"Roles, checked against IAM"</h2>
        // Not a Suspense: a local resource is pending on the server and at hydration alike.
        {move || match check.get() {
                None => EitherOf4::A(view! { <p class="loading">"Checking the roles…"</p> }),
                Some(Err(e)) => EitherOf4::B(view! { <ErrorBox error=e/> }),
                Some(Ok(c)) if c.roles.is_empty() => EitherOf4::C(view! {
                    <p class="empty">"This revision names no execution role and no task role."</p>
                }),
                Some(Ok(c)) => EitherOf4::D(c.roles.into_iter().map(|item| view! {
                    <RoleCheckView item put document can_fix/>
                }).collect_view()),
        }}
        {move || put_result.try_get().flatten().and_then(|r| r.err()).map(|e| view! { <ErrorBox error=e/> })}
    }
}

#[component]
fn RoleCheckView(
    item: RoleCheckItem,
    put: ServerAction<PutRolePolicy>,
    document: StoredValue<serde_json::Value>,
    can_fix: bool,
) -> impl IntoView {
    let label = if item.kind == "execution" {
        "Execution role"
    } else {
        "Task role"
    };
    // Missing permissions are reported at task definition paths; trust advice under
    // `trustPolicy` does not make the role fall short.
    let short = item
        .findings
        .iter()
        .any(|f| !f.path.starts_with("trustPolicy"));
    let state = if !item.found {
        "not found in this account (or in another account: not checked)".to_string()
    } else if !item.usable_by_tasks {
        "ECS tasks cannot assume it".to_string()
    } else if short {
        "its policies fall short of what this revision needs".to_string()
    } else {
        "allows what this revision needs".to_string()
    };
    let name = item.role_name.clone();
    let link = format!("/roles/{}", item.role_name);
    let button = format!("Put Berth's policy on {}", item.role_name);
    let kind = item.kind.clone();
    let fix = item.suggested_policy.is_some() && can_fix;
    view! {
        <section class="role-check" aria-label=format!("{label} check")>
            <h3>{label} ": "
                {if item.found {
                    Either::Left(view! { <a href=link>{item.role_name.clone()}</a> })
                } else {
                    Either::Right(view! { <code>{item.role_arn.clone()}</code> })
                }}
            </h3>
            <p class=if item.found && item.usable_by_tasks && !short { "ok" } else { "" }>{state}</p>
            {(!item.findings.is_empty()).then(|| view! { <FindingList findings=item.findings.clone()/> })}
            {fix.then(|| view! {
                <p>"Berth's policy for this revision would allow:"</p>
                <ul class="summary">
                    {item.suggested_summary.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}
                </ul>
                <button type="button" disabled=move || put.pending().get() on:click=move |_| {
                    put.dispatch(PutRolePolicy {
                        name: name.clone(),
                        request: CreateRoleRequest {
                            kind: kind.clone(),
                            task_definition: Some(document.get_value()),
                            ..CreateRoleRequest::default()
                        },
                    });
                }>{button}</button>
            })}
        </section>
    }
}
