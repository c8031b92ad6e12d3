//! The audit log, newest first, 50 at a time.

use crate::components::error_box::ErrorBox;
use crate::page_data::page_resource;
use crate::server_fns::audit::list_audit_events;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AuditPage() -> impl IntoView {
    let query = use_query_map();
    let before = move || {
        query
            .read()
            .get("before")
            .and_then(|b| b.parse::<i64>().ok())
    };
    let events = page_resource(before, list_audit_events);
    view! {
        <Title text="Audit log"/>
        <h1>"Audit log"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match events.await {
                    Ok(events) if events.is_empty() => EitherOf3::A(view! {
                        <p class="empty">"No events yet."</p>
                    }),
                    Ok(events) => {
                        let older = (events.len() == 50).then(|| events.last().map(|e| e.id)).flatten();
                        EitherOf3::B(view! {
                            <table class="list">
                                <thead><tr>
                                    <th>"When"</th><th>"Who"</th><th>"Action"</th><th>"Target"</th>
                                    <th>"Outcome"</th><th>"AWS request id"</th>
                                </tr></thead>
                                <tbody>
                                    {events.into_iter().map(|e| {
                                        let class = format!("outcome-{}", e.outcome);
                                        view! {
                                        <tr class=class>
                                            <td><time datetime=e.at.clone()>{crate::components::time::utc(&e.at)}</time></td>
                                            <td>{e.actor}</td>
                                            <td><code>{e.action}</code></td>
                                            <td>{e.target}</td>
                                            <td>{e.outcome}</td>
                                            <td><code>{e.aws_request_id.unwrap_or_default()}</code></td>
                                        </tr>
                                    }}).collect_view()}
                                </tbody>
                            </table>
                            <nav class="pager" aria-label="Pages">
                                <a href="/audit">"Newest"</a>
                                {older.map(|id| view! { <a href=format!("/audit?before={id}")>"Older events"</a> })}
                            </nav>
                        })
                    }
                    Err(e) => EitherOf3::C(view! { <ErrorBox error=e/> }),
                }
            })}
        </Suspense>
    }
}
