//! The role wizard: a task execution role or a task role for one task definition. The trust
//! policy (ecs-tasks.amazonaws.com, guarded by the account) and the least-privilege policy are
//! generated in the browser as you choose (`validate::iam::generate`, WASM) and shown as JSON
//! and in plain words before anything is created; the server generates and checks them again.

use crate::components::error_box::ErrorBox;
use crate::components::findings::{FieldFindings, FindingList};
use crate::components::inputs::Checkbox;
use crate::components::json_view::JsonView;
use crate::server_fns::roles::SubmitRole;
use crate::server_fns::task_definitions::{get_task_definition, list_task_definition_families};
use crate::SessionResource;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;
use validate::ecs::task_definition::TaskDefinition;
use validate::iam::generate::{
    execution_policy, task_policy, template, trust_policy_with, Target, Template,
};
use validate::iam::permissions::{check_permission_policy_value, RoleKind};
use validate::json::FromJson;
use validate::model::CreateRoleRequest;
use validate::Finding;

/// What the preview shows for the current choices.
#[derive(Clone, Debug, Default, PartialEq)]
struct Preview {
    trust: serde_json::Value,
    policy: Option<serde_json::Value>,
    summary: Vec<String>,
    findings: Vec<Finding>,
}

#[component]
pub fn NewRolePage() -> impl IntoView {
    let session = expect_context::<SessionResource>();
    view! {
        <Title text="Create a role"/>
        <p class="crumbs"><a href="/roles">"Roles"</a> " / new"</p>
        <h1>"Create a role for a task"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match session.await {
                    Ok(info) => {
                        let admin = info.is_admin();
                        Either::Left(view! { <RoleWizard region=info.region account=info.account.unwrap_or_else(|| "ACCOUNT".into()) admin/> })
                    }
                    Err(e) => Either::Right(view! { <ErrorBox error=e/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RoleWizard(region: String, account: String, admin: bool) -> impl IntoView {
    let kind = RwSignal::new("execution".to_string());
    let name = RwSignal::new(String::new());
    let family = RwSignal::new(String::new());
    let exec = RwSignal::new(false);
    let bucket = RwSignal::new(String::new());
    let table = RwSignal::new(String::new());
    let queue = RwSignal::new(String::new());
    let kms = RwSignal::new(String::new());
    let guard = RwSignal::new(true);
    // Advanced: more statements for a task role, as a JSON array (checked as typed).
    let extra = RwSignal::new(String::new());
    // Fetched in the browser as the user picks (the page itself needs neither to render).
    let families = LocalResource::new(|| list_task_definition_families(None, None, false));
    let td = LocalResource::new(move || {
        let f = family.get();
        async move {
            if f.is_empty() {
                Ok(None)
            } else {
                get_task_definition(f, None).await.map(Some)
            }
        }
    });
    let target = move || Target {
        region: region.clone(),
        account: account.clone(),
    };
    let extra_parsed = Memo::new(move |_| {
        let text = extra.get();
        if text.trim().is_empty() {
            return Ok(Vec::new());
        }
        match serde_json::from_slice::<serde_json::Value>(text.as_bytes()) {
            Ok(serde_json::Value::Array(items)) => Ok(items),
            Ok(one @ serde_json::Value::Object(_)) => Ok(vec![one]),
            Ok(_) => Err("Other statements: give a JSON array of IAM statements.".to_string()),
            Err(e) => Err(format!("Other statements: not JSON yet ({e}).")),
        }
    });
    let statements = move || {
        let mut out = extra_parsed.get().unwrap_or_default();
        if !bucket.get().trim().is_empty() {
            out.push(
                template(&Template::ReadBucket {
                    bucket: bucket.get().trim().to_string(),
                })
                .0,
            );
        }
        if !table.get().trim().is_empty() {
            out.push(
                template(&Template::ReadWriteTable {
                    table_arn: table.get().trim().to_string(),
                })
                .0,
            );
        }
        if !queue.get().trim().is_empty() {
            out.push(
                template(&Template::SendToQueue {
                    queue_arn: queue.get().trim().to_string(),
                })
                .0,
            );
        }
        out
    };
    let kms_keys = move || {
        kms.get()
            .split(',')
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let chosen_td = move || {
        td.get()
            .and_then(|r| r.ok())
            .flatten()
            .map(|t| t.task_definition)
    };
    let preview = Memo::new(move |_| {
        let t = target();
        let doc: TaskDefinition = chosen_td().unwrap_or_default();
        let generated = if kind.get() == "execution" {
            Some(execution_policy(&doc, &t, &kms_keys()))
        } else {
            task_policy(&doc, &t, exec.get(), &statements())
        };
        let trust = trust_policy_with(&t, guard.get());
        let role_doc = serde_json::json!({"RoleName": name.get(), "Path": "/", "AssumeRolePolicyDocument": trust});
        let mut findings =
            validate::iam::check_create_role_value(&role_doc, &validate::Context::default());
        // The generated policy judged for this kind of role: execution-role permissions on a
        // task role are warned about (the server says the same).
        if let Some(g) = generated.as_ref() {
            let role_kind = if kind.get() == "execution" {
                RoleKind::Execution
            } else {
                RoleKind::Task
            };
            let mut nested = validate::finding::Findings::with_prefix("policy");
            nested.extend(check_permission_policy_value(&g.policy, role_kind));
            findings.extend(nested.into_vec());
        }
        // What the code may do, judged by the guard rails the server applies (refused for
        // IAM/STS/account power, `*` and NotAction unless the user is an admin).
        if kind.get() == "task" {
            findings.extend(validate::iam::guard::check_statements(&statements(), admin));
        }
        if let Err(e) = extra_parsed.get() {
            let mut f = validate::finding::Findings::new();
            f.error("JSON", "statements", e);
            findings.extend(f.into_vec());
        }
        if kind.get() == "execution" && family.get().is_empty() {
            let mut f = validate::finding::Findings::new();
            f.error("SCHEMA", "taskDefinition", "Pick the task definition this execution role is for: its policy is derived from it.");
            findings.extend(f.into_vec());
        }
        Preview {
            trust,
            policy: generated.as_ref().map(|g| g.policy.clone()),
            summary: generated.map(|g| g.summary).unwrap_or_default(),
            findings,
        }
    });
    let findings = Signal::derive(move || preview.get().findings);
    let action = ServerAction::<SubmitRole>::new();
    let navigate = use_navigate();
    Effect::new(move || {
        if let Some(Ok(created)) = action.value().get() {
            navigate(&format!("/roles/{}", created.role_name), Default::default());
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        action.dispatch(SubmitRole {
            request: CreateRoleRequest {
                kind: kind.get_untracked(),
                role_name: name.get_untracked(),
                task_definition: chosen_td().map(|t| t.to_json()),
                statements: Some(statements()).filter(|s| !s.is_empty()),
                enable_execute_command: exec.get_untracked(),
                kms_key_arns: kms_keys(),
                skip_source_conditions: !guard.get_untracked(),
                path: None,
                description: Some(format!(
                    "{} role for {} (Berth)",
                    kind.get_untracked(),
                    family.get_untracked()
                )),
            },
        });
    };
    let blocked =
        move || preview.get().findings.iter().any(|f| f.is_error()) || action.pending().get();
    view! {
        <form class="stack" on:submit=on_submit>
            <fieldset>
                <legend>"Which role"</legend>
                <label class="check"><input type="radio" name="kind" value="execution"
                    prop:checked=move || kind.get() == "execution" on:change=move |_| kind.set("execution".into())/>
                    " Execution role — ECS pulls the images, writes the logs and reads the secrets with it"</label>
                <label class="check"><input type="radio" name="kind" value="task"
                    prop:checked=move || kind.get() == "task" on:change=move |_| kind.set("task".into())/>
                    " Task role — your application's code calls AWS with it"</label>
            </fieldset>
            // Dropping the account guard is an admin's decision (the server refuses it otherwise).
            <Show when=move || admin>
                <Checkbox checked=guard label="Only tasks of this account may assume it (aws:SourceAccount and aws:SourceArn conditions; recommended)"/>
            </Show>
            <label for="role-name">"Role name"</label>
            <p class="hint">"Start it with your team: demo-web-exec."</p>
            <input id="role-name" autocomplete="off" aria-describedby="role-name-findings"
                prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            <FieldFindings findings path="RoleName" id="role-name-findings"/>
            <label for="role-family">"Task definition"</label>
            <select id="role-family" on:change=move |ev| family.set(event_target_value(&ev))>
                <option value="">"— pick a family (latest revision) —"</option>
                {move || families.get().and_then(|r| r.ok()).map(|p| {
                    p.families.into_iter().map(|f| view! { <option value=f.clone()>{f.clone()}</option> }).collect_view()
                })}
            </select>
            <FieldFindings findings path="taskDefinition"/>
            <Show when=move || kind.get() == "execution" fallback=move || view! {
                <fieldset>
                    <legend>"What the application may do"</legend>
                    <Checkbox checked=exec label="Allow ECS Exec (interactive shells into the containers)"/>
                    <label for="tpl-bucket">"Read objects in S3 bucket"</label>
                    <input id="tpl-bucket" placeholder="bucket name" prop:value=move || bucket.get() on:input=move |ev| bucket.set(event_target_value(&ev))/>
                    <label for="tpl-table">"Read and write DynamoDB table (ARN)"</label>
                    <input id="tpl-table" placeholder="arn:aws:dynamodb:…:table/…" prop:value=move || table.get() on:input=move |ev| table.set(event_target_value(&ev))/>
                    <label for="tpl-queue">"Send messages to SQS queue (ARN)"</label>
                    <input id="tpl-queue" placeholder="arn:aws:sqs:…" prop:value=move || queue.get() on:input=move |ev| queue.set(event_target_value(&ev))/>
                    <label for="tpl-extra">"Other statements (JSON array of IAM statements; advanced)"</label>
                    <textarea id="tpl-extra" rows="5" spellcheck="false"
                        placeholder=r#"[{"Effect": "Allow", "Action": "sns:Publish", "Resource": "arn:aws:sns:…"}]"#
                        prop:value=move || extra.get() on:input=move |ev| extra.set(event_target_value(&ev))></textarea>
                    <FieldFindings findings path="statements"/>
                </fieldset>
            }>
                <label for="kms-keys">"Customer-managed KMS keys of the secrets (ARNs, comma-separated; none for AWS-managed keys)"</label>
                <input id="kms-keys" prop:value=move || kms.get() on:input=move |ev| kms.set(event_target_value(&ev))/>
            </Show>
            <h2>"What this role may do"</h2>
            <ul class="summary" aria-label="Role summary">
                {move || {
                    let lines = preview.get().summary;
                    if lines.is_empty() {
                        Either::Left(view! { <li>"Nothing yet: pick a task definition or add what the code needs."</li> })
                    } else {
                        Either::Right(lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view())
                    }
                }}
            </ul>
            <h2>"Trust policy"</h2>
            <JsonView value=Signal::derive(move || preview.get().trust) label="Trust policy"/>
            <h2>"Inline policy"</h2>
            <JsonView value=Signal::derive(move || preview.get().policy.unwrap_or(serde_json::Value::Null)) label="Role policy"/>
            {move || {
                let all = preview.get().findings;
                (!all.is_empty()).then(|| view! { <FindingList findings=all/> })
            }}
            <div class="actions">
                <button type="submit" disabled=blocked>{move || if action.pending().get() { "Creating…" } else { "Create role" }}</button>
            </div>
            {move || action.value().get().and_then(|r| r.err()).map(|e| view! { <ErrorBox error=e/> })}
        </form>
    }
}
