//! The task definition families, paginated with ECS's `nextToken`, with an empty state.

use crate::components::error_box::ErrorBox;
use crate::server_fns::task_definitions::list_task_definition_families;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

#[component]
pub fn TaskDefinitionsPage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("nextToken").filter(|t| !t.is_empty());
    let page = Resource::new(token, list_task_definition_families);
    view! {
        <Title text="Task definitions"/>
        <div class="page-head">
            <h1>"Task definitions"</h1>
            <div class="actions">
                <A href="/task-definitions/import" attr:class="button secondary">"Import JSON"</A>
                <A href="/task-definitions/new" attr:class="button">"New task definition"</A>
            </div>
        </div>
        <Suspense fallback=|| view! { <p class="loading">"Loading task definitions…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) if page.families.is_empty() => view! {
                        <section class="empty">
                            <h2>"No task definitions yet"</h2>
                            <p>"A task definition says which containers to run, with how much CPU and memory, which ports, logs, secrets and volumes. Import one you have (it is checked as you paste), or register one through the API."</p>
                            <A href="/task-definitions/import" attr:class="button">"Import a task definition"</A>
                        </section>
                    }.into_any(),
                    Ok(page) => {
                        let next = page.next_token.clone();
                        view! {
                            <table class="list" aria-label="Task definition families">
                                <thead><tr><th>"Family"</th></tr></thead>
                                <tbody>
                                    {page.families.into_iter().map(|f| view! {
                                        <tr><td><A href=format!("/task-definitions/{f}")>{f.clone()}</A></td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            <nav class="pager" aria-label="Pages">
                                {move || token().map(|_| view! { <a href="/task-definitions">"First page"</a> })}
                                {next.map(|t| view! {
                                    <a href=format!("/task-definitions?nextToken={}", urlencoding::encode(&t))>"Next page"</a>
                                })}
                            </nav>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorBox error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
