//! The account's roles, paginated, each marked usable (or not) as a task/execution role.

use crate::components::error_box::ErrorBox;
use crate::server_fns::roles::list_roles;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

#[component]
pub fn RolesPage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("nextToken").filter(|t| !t.is_empty());
    let page = Resource::new(token, list_roles);
    view! {
        <Title text="Roles"/>
        <div class="page-head">
            <h1>"IAM roles for tasks"</h1>
            <A href="/roles/new" attr:class="button">"Create role"</A>
        </div>
        <Suspense fallback=|| view! { <p class="loading">"Loading roles…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) if page.roles.is_empty() => view! {
                        <section class="empty">
                            <h2>"No roles yet"</h2>
                            <p>"Tasks use two roles: the execution role (ECS pulls images, writes logs, reads secrets with it) and the task role (your code calls AWS with it)."</p>
                            <A href="/roles/new" attr:class="button">"Create a role"</A>
                        </section>
                    }.into_any(),
                    Ok(page) => {
                        let next = page.next_token.clone();
                        view! {
                            <table class="list" aria-label="Roles">
                                <thead><tr><th>"Name"</th><th>"Usable by ECS tasks"</th><th>"Created"</th></tr></thead>
                                <tbody>
                                    {page.roles.into_iter().map(|r| {
                                        let problem = r.findings.iter().find(|f| f.is_error()).map(|f| f.rule.clone());
                                        view! {
                                            <tr>
                                                <td><A href=format!("/roles/{}", r.role_name)>{r.role_name.clone()}</A></td>
                                                <td>{if r.usable_by_tasks { "yes".to_string() } else { format!("no{}", problem.map(|p| format!(" ({p})")).unwrap_or_default()) }}</td>
                                                <td>{r.created_at.as_deref().map(crate::components::time::utc).unwrap_or_default()}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                            <nav class="pager" aria-label="Pages">
                                {move || token().map(|_| view! { <a href="/roles">"First page"</a> })}
                                {next.map(|t| view! { <a href=format!("/roles?nextToken={}", urlencoding::encode(&t))>"Next page"</a> })}
                            </nav>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
