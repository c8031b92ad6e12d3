//! One role: whether ECS tasks can assume it, the trust policy's findings (the EC2-principal
//! mistake, missing confused-deputy guards), the trust policy that fixes them with the command
//! to apply it (or applied by Berth after a confirmation), the inline policy Berth put on it,
//! and deletion after a typed confirmation.

use super::console_url;
use crate::components::confirm::ConfirmAction;
use crate::components::copy_block::CopyBlock;
use crate::components::error_box::ErrorBox;
use crate::components::findings::FindingList;
use crate::components::json_view::JsonView;
use crate::page_data::page_resource;
use crate::server_fns::roles::{get_role, AdoptRole, DeleteRole, UpdateTrustPolicy};
use crate::SessionResource;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;
use leptos_router::hooks::use_params_map;
use validate::model::RoleSummary;

#[component]
pub fn RolePage() -> impl IntoView {
    let params = use_params_map();
    let name = move || params.read().get("name").unwrap_or_default();
    let role = page_resource(name, get_role);
    // After the fix is applied, show what IAM now holds.
    let fixed = RwSignal::new(None::<RoleSummary>);
    view! {
        <Title text=name/>
        <p class="crumbs"><a href="/roles">"Roles"</a> " / " {name}</p>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match role.await {
                    Ok(r) => Either::Left(view! {
                        {move || {
                            let r = fixed.get().unwrap_or_else(|| r.clone());
                            view! { <RoleDetail role=r fixed/> }
                        }}
                    }),
                    Err(e) => Either::Right(view! { <ErrorBox error=e/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RoleDetail(role: RoleSummary, fixed: RwSignal<Option<RoleSummary>>) -> impl IntoView {
    let session = expect_context::<SessionResource>();
    // Whether this caller may change the role is the server's verdict (team tag or admin).
    let can_fix = role.editable;
    let admin = session
        .get()
        .and_then(|s| s.ok())
        .is_some_and(|s| s.is_admin());
    let name = role.role_name.clone();
    let fix = role.suggested_trust_policy.clone().map(|p| {
        let cmd = format!(
            "aws iam update-assume-role-policy --role-name {} --policy-document '{}'",
            role.role_name, p
        );
        (p, cmd)
    });
    view! {
        <div class="page-head">
            <h1>{role.role_name.clone()}</h1>
            <a href=console_url(&role.role_name) class="button secondary" target="_blank" rel="noopener noreferrer">"Open in AWS console ↗"</a>
        </div>
        {fixed.get_untracked().is_some().then(|| view! {
            <p class="ok" role="status">"Trust policy replaced: IAM now holds the policy below."</p>
        })}
        <dl class="facts">
            <dt>"ARN"</dt><dd><code>{role.arn.clone()}</code></dd>
            <dt>"Path"</dt><dd><code>{role.path.clone()}</code></dd>
            <dt>"Usable by ECS tasks"</dt>
            <dd>{if role.usable_by_tasks { "Yes: it trusts ecs-tasks.amazonaws.com" } else { "No: tasks cannot assume it" }}</dd>
            <dt>"Team"</dt>
            <dd>{match role.team.clone() {
                Some(t) => Either::Left(view! { <code>{t}</code> " (tag berth:team)" }),
                None => Either::Right(view! { "none: not tagged berth:team, so only admins may change it" }),
            }}</dd>
            <dt>"Permissions boundary"</dt>
            <dd>{match role.permissions_boundary.clone() {
                Some(b) => Either::Left(view! { <code>{b}</code> }),
                None => Either::Right(view! { "none" }),
            }}</dd>
        </dl>
        {(!can_fix).then(|| view! {
            <p class="hint">"This role is read-only for you: it belongs to a team you are not a deployer of."</p>
        })}
        {admin.then(|| view! { <AdoptRoleForm name=role.role_name.clone() current=role.team.clone() fixed/> })}
        {(!role.findings.is_empty()).then(|| view! {
            <h2>"Trust policy findings"</h2>
            <FindingList findings=role.findings.clone()/>
        })}
        <h2>"Trust policy"</h2>
        {match role.trust_policy.clone() {
            Some(p) => Either::Left(view! { <JsonView value=Signal::stored(p) label="Trust policy"/> }),
            None => Either::Right(view! { <p class="empty">"IAM returned no trust policy."</p> }),
        }}
        {fix.map(|(policy, cmd)| view! {
            <section class="fix">
                <h2>"The fix"</h2>
                <p>"Task and execution roles are assumed by ecs-tasks.amazonaws.com. This trust policy allows exactly that, for this account:"</p>
                <JsonView value=Signal::stored(policy.clone()) label="Suggested trust policy"/>
                {can_fix.then(|| view! { <ApplyFix name=name.clone() policy=policy.clone() fixed/> })}
                <CopyBlock label="Or apply it with the AWS CLI" text=cmd/>
            </section>
        })}
        <h2>"Berth's inline policy"</h2>
        {match role.policy.clone() {
            Some(p) => Either::Left(view! { <JsonView value=Signal::stored(p) label="Inline policy"/> }),
            None => Either::Right(view! { <p class="empty">"This role has no policy created by Berth."</p> }),
        }}
        {can_fix.then(|| view! { <DeleteRoleForm name=role.role_name.clone()/> })}
    }
}

/// Adopting the role into a team (admins): its deployers may then change it.
#[component]
fn AdoptRoleForm(
    name: String,
    current: Option<String>,
    fixed: RwSignal<Option<RoleSummary>>,
) -> impl IntoView {
    let action = ServerAction::<AdoptRole>::new();
    let team = RwSignal::new(current.unwrap_or_default());
    Effect::new(move || {
        if let Some(Ok(summary)) = action.value().get() {
            fixed.set(Some(summary));
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        action.dispatch(AdoptRole {
            name: name.clone(),
            team: team.get_untracked(),
        });
    };
    view! {
        <form class="inline" on:submit=on_submit>
            <label for="adopt-team">"Adopt into team"</label>
            <input id="adopt-team" autocomplete="off" placeholder="demo" prop:value=move || team.get()
                on:input=move |ev| team.set(event_target_value(&ev))/>
            <button type="submit" class="secondary" disabled=move || action.pending().get()>
                {move || if action.pending().get() { "Tagging…" } else { "Adopt" }}
            </button>
            {move || action.value().get().and_then(|r| r.err()).map(|e| view! { <ErrorBox error=e/> })}
        </form>
    }
}

/// "Apply the fix" with a confirmation step: replaces the trust policy through Berth (audited).
#[component]
fn ApplyFix(
    name: String,
    policy: serde_json::Value,
    fixed: RwSignal<Option<RoleSummary>>,
) -> impl IntoView {
    let action = ServerAction::<UpdateTrustPolicy>::new();
    Effect::new(move || {
        if let Some(Ok(r)) = action.value().get() {
            fixed.set(Some(r));
        }
    });
    view! {
        <ConfirmAction open_label="Apply the fix…" confirm_label="Replace the trust policy" busy_label="Applying…"
            warning="This replaces the role's trust policy. Anything else that assumes this role today (an EC2 instance profile, another service) will no longer be able to."
            pending=action.pending() error=Signal::derive(move || action.value().get().and_then(|r| r.err()))
            on_confirm=Callback::new(move |()| {
                action.dispatch(UpdateTrustPolicy { name: name.clone(), document: policy.clone() });
            })/>
    }
}

/// Deleting a role, after typing its name (the undo of the role wizard).
#[component]
fn DeleteRoleForm(name: String) -> impl IntoView {
    let action = ServerAction::<DeleteRole>::new();
    let navigate = use_navigate();
    Effect::new(move || {
        if let Some(Ok(())) = action.value().get() {
            navigate("/roles", Default::default());
        }
    });
    let target = name.clone();
    view! {
        <section class="danger-zone">
            <h2>"Delete role"</h2>
            <ConfirmAction open_label="Delete role…" confirm_label="Delete role" busy_label="Deleting…" danger=true
                warning="This cannot be undone. Its inline policies and attachments go with it; task definitions that name it will fail to start tasks, and running tasks lose their credentials when these expire."
                expected=name
                pending=action.pending() error=Signal::derive(move || action.value().get().and_then(|r| r.err()))
                on_confirm=Callback::new(move |()| {
                    action.dispatch(DeleteRole { name: target.clone() });
                })/>
        </section>
    }
}
