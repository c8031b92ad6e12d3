//! The task definition families, filtered by prefix and paginated with ECS's `nextToken`,
//! with an empty state.

use crate::components::error_box::ErrorBox;
use crate::components::freshness::Freshness;
use crate::components::warm_link::WarmLink;
use crate::page_data::page_resource;
use crate::routes::{preload_import_task_definition, preload_new_task_definition};
use crate::server_fns::task_definitions::list_task_definition_families;
use leptos::either::EitherOf4;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn TaskDefinitionsPage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("nextToken").filter(|t| !t.is_empty());
    let prefix = move || {
        query
            .read()
            .get("familyPrefix")
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
    };
    // Each Refresh click asks the server to read AWS now rather than its few-seconds cache.
    let refresh = RwSignal::new(0u32);
    let page = page_resource(
        move || (prefix(), token(), refresh.get()),
        |(p, t, n)| list_task_definition_families(p, t, n > 0),
    );
    // Pager links keep the filter.
    let href = move |t: Option<&str>| {
        let mut q = Vec::new();
        if let Some(p) = prefix() {
            q.push(format!("familyPrefix={}", urlencoding::encode(&p)));
        }
        if let Some(t) = t {
            q.push(format!("nextToken={}", urlencoding::encode(t)));
        }
        if q.is_empty() {
            "/task-definitions".to_string()
        } else {
            format!("/task-definitions?{}", q.join("&"))
        }
    };
    view! {
        <Title text="Task definitions"/>
        <div class="page-head">
            <h1>"Task definitions"</h1>
            <div class="actions">
                <WarmLink href="/task-definitions/import" class="button secondary" warm=preload_import_task_definition>"Import JSON"</WarmLink>
                <WarmLink href="/task-definitions/new" class="button" warm=preload_new_task_definition>"New task definition"</WarmLink>
            </div>
        </div>
        <form class="inline" method="get" action="/task-definitions" role="search">
            <label for="family-filter">"Family starts with"</label>
            <input id="family-filter" name="familyPrefix" autocomplete="off" value=move || prefix().unwrap_or_default()/>
            <button type="submit" class="secondary">"Filter"</button>
            {move || prefix().map(|_| view! { <a href="/task-definitions">"Clear"</a> })}
        </form>
        <Suspense fallback=|| view! { <p class="loading">"Loading task definitions…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) if page.families.is_empty() && prefix().is_some() => EitherOf4::A(view! {
                        <p class="empty">{format!("No active family starts with “{}”.", prefix().unwrap_or_default())}</p>
                    }),
                    Ok(page) if page.families.is_empty() => EitherOf4::B(view! {
                        <section class="empty">
                            <h2>"No task definitions yet"</h2>
                            <p>"A task definition says which containers to run, with how much CPU and memory, which ports, logs, secrets and volumes. Import one you have (it is checked as you paste), or register one through the API."</p>
                            <WarmLink href="/task-definitions/import" class="button" warm=preload_import_task_definition>"Import a task definition"</WarmLink>
                        </section>
                    }),
                    Ok(page) => {
                        let next = page.next_token.clone();
                        EitherOf4::C(view! {
                            <Freshness fetched_at=page.fetched_at.clone() refresh/>
                            <table class="list" aria-label="Task definition families">
                                <thead><tr><th>"Family"</th></tr></thead>
                                <tbody>
                                    {page.families.into_iter().map(|f| view! {
                                        <tr><td><a href=format!("/task-definitions/{f}")>{f.clone()}</a></td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            <nav class="pager" aria-label="Pages">
                                {move || token().map(|_| view! { <a href=href(None)>"First page"</a> })}
                                {next.map(|t| view! { <a href=href(Some(&t))>"Next page"</a> })}
                            </nav>
                        })
                    }
                    Err(e) => EitherOf4::D(view! { <ErrorBox error=e/> }),
                }
            })}
        </Suspense>
    }
}
