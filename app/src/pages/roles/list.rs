//! The account's roles, paginated, each marked usable (or not) as a task/execution role.

use crate::components::error_box::ErrorBox;
use crate::components::freshness::Freshness;
use crate::components::warm_link::WarmLink;
use crate::page_data::page_resource;
use crate::routes::preload_new_role;
use crate::server_fns::roles::list_roles;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn RolesPage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("nextToken").filter(|t| !t.is_empty());
    // Each Refresh click asks the server to read AWS now rather than its few-seconds cache.
    let refresh = RwSignal::new(0u32);
    let page = page_resource(
        move || (token(), refresh.get()),
        |(t, n)| list_roles(t, n > 0),
    );
    view! {
        <Title text="Roles"/>
        <div class="page-head">
            <h1>"IAM roles for tasks"</h1>
            <WarmLink href="/roles/new" class="button" warm=preload_new_role>"Create role"</WarmLink>
        </div>
        <Suspense fallback=|| view! { <p class="loading">"Loading roles…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) if page.roles.is_empty() => EitherOf3::A(view! {
                        <section class="empty">
                            <h2>"No roles yet"</h2>
                            <p>"Tasks use two roles: the execution role (ECS pulls images, writes logs, reads secrets with it) and the task role (your code calls AWS with it)."</p>
                            <WarmLink href="/roles/new" class="button" warm=preload_new_role>"Create a role"</WarmLink>
                        </section>
                    }),
                    Ok(page) => {
                        let next = page.next_token.clone();
                        EitherOf3::B(view! {
                            <Freshness fetched_at=page.fetched_at.clone() refresh/>
                            <table class="list" aria-label="Roles">
                                <thead><tr><th>"Name"</th><th>"Usable by ECS tasks"</th><th>"Created"</th></tr></thead>
                                <tbody>
                                    {page.roles.into_iter().map(|r| {
                                        let problem = r.findings.iter().find(|f| f.is_error()).map(|f| f.rule.clone());
                                        view! {
                                            <tr>
                                                <td><a href=format!("/roles/{}", r.role_name)>{r.role_name.clone()}</a></td>
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
                        })
                    }
                    Err(e) => EitherOf3::C(view! { <ErrorBox error=e/> }),
                }
            })}
        </Suspense>
    }
}
