//! One role: whether ECS tasks can assume it, the trust policy's findings (the EC2-principal
//! mistake, missing confused-deputy guards), the trust policy that fixes them with the command
//! to apply it, and the inline policy Berth put on it.

use super::console_url;
use crate::components::copy_block::CopyBlock;
use crate::components::error_box::ErrorBox;
use crate::components::findings::FindingList;
use crate::components::json_view::JsonView;
use crate::server_fns::roles::get_role;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use validate::model::RoleSummary;

#[component]
pub fn RolePage() -> impl IntoView {
    let params = use_params_map();
    let name = move || params.read().get("name").unwrap_or_default();
    let role = Resource::new(name, get_role);
    view! {
        <Title text=name/>
        <p class="crumbs"><A href="/roles">"Roles"</A> " / " {name}</p>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match role.await {
                    Ok(r) => view! { <RoleDetail role=r/> }.into_any(),
                    Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RoleDetail(role: RoleSummary) -> impl IntoView {
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
        <dl class="facts">
            <dt>"ARN"</dt><dd><code>{role.arn.clone()}</code></dd>
            <dt>"Path"</dt><dd><code>{role.path.clone()}</code></dd>
            <dt>"Usable by ECS tasks"</dt>
            <dd>{if role.usable_by_tasks { "Yes: it trusts ecs-tasks.amazonaws.com" } else { "No: tasks cannot assume it" }}</dd>
        </dl>
        {(!role.findings.is_empty()).then(|| view! {
            <h2>"Trust policy findings"</h2>
            <FindingList findings=role.findings.clone()/>
        })}
        <h2>"Trust policy"</h2>
        {match role.trust_policy.clone() {
            Some(p) => view! { <JsonView value=Signal::stored(p) label="Trust policy"/> }.into_any(),
            None => view! { <p class="empty">"IAM returned no trust policy."</p> }.into_any(),
        }}
        {fix.map(|(policy, cmd)| view! {
            <section class="fix">
                <h2>"The fix"</h2>
                <p>"Task and execution roles are assumed by ecs-tasks.amazonaws.com. This trust policy allows exactly that, for this account:"</p>
                <JsonView value=Signal::stored(policy) label="Suggested trust policy"/>
                <CopyBlock label="Apply it with the AWS CLI" text=cmd/>
            </section>
        })}
        <h2>"Berth's inline policy"</h2>
        {match role.policy.clone() {
            Some(p) => view! { <JsonView value=Signal::stored(p) label="Inline policy"/> }.into_any(),
            None => view! { <p class="empty">"This role has no policy created by Berth."</p> }.into_any(),
        }}
    }
}
