//! The repositories list: paginated with ECR's `nextToken`, with an empty state.

use super::{console_url, detail_href};
use crate::components::error_box::ErrorBox;
use crate::components::freshness::Freshness;
use crate::components::warm_link::WarmLink;
use crate::page_data::page_resource;
use crate::routes::preload_new_repository;
use crate::server_fns::repositories::list_repositories;
use crate::SessionResource;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn RepositoriesPage() -> impl IntoView {
    let session = expect_context::<SessionResource>();
    let query = use_query_map();
    let token = move || query.read().get("nextToken").filter(|t| !t.is_empty());
    // Each Refresh click asks the server to read AWS now rather than its few-seconds cache.
    let refresh = RwSignal::new(0u32);
    let page = page_resource(
        move || (token(), refresh.get()),
        |(t, n)| list_repositories(t, n > 0),
    );
    let can_create = move || {
        session
            .get()
            .and_then(|s| s.ok())
            .is_some_and(|s| s.can_deploy())
    };
    view! {
        <Title text="Repositories"/>
        <div class="page-head">
            <h1>"Container repositories"</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let _ = session.await;
                    can_create().then(|| view! { <WarmLink href="/repositories/new" class="button" warm=preload_new_repository>"Create repository"</WarmLink> })
                })}
            </Suspense>
        </div>
        <Suspense fallback=|| view! { <p class="loading">"Loading repositories…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) if page.repositories.is_empty() => EitherOf3::A(view! {
                        <section class="empty">
                            <h2>"No repositories yet"</h2>
                            <p>"A repository holds the container images your services run. Create one, push an image, and use it in a task definition."</p>
                            <WarmLink href="/repositories/new" class="button" warm=preload_new_repository>"Create your first repository"</WarmLink>
                        </section>
                    }),
                    Ok(page) => {
                        let next = page.next_token.clone();
                        EitherOf3::B(view! {
                            <Freshness fetched_at=page.fetched_at.clone() refresh/>
                            <table class="list" aria-label="Repositories">
                                <thead><tr>
                                    <th>"Name"</th><th>"URI"</th><th>"Tags"</th><th>"Encryption"</th>
                                    <th>"Created"</th><th><span class="sr-only">"AWS console"</span></th>
                                </tr></thead>
                                <tbody>
                                    {page.repositories.into_iter().map(|r| {
                                        let console = console_url(&r);
                                        view! {
                                            <tr>
                                                <td><a href=detail_href(&r.repository_name)>{r.repository_name.clone()}</a></td>
                                                <td><code>{r.repository_uri.clone()}</code></td>
                                                <td>{r.image_tag_mutability.clone()}</td>
                                                <td>{r.encryption_configuration.encryption_type.clone().unwrap_or_default()}</td>
                                                <td>{r.created_at.as_deref().map(crate::components::time::utc).unwrap_or_default()}</td>
                                                <td><a href=console target="_blank" rel="noopener noreferrer">"Open in AWS console ↗"</a></td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                            <nav class="pager" aria-label="Pages">
                                {move || token().map(|_| view! { <a href="/repositories">"First page"</a> })}
                                {next.map(|t| view! {
                                    <a href=format!("/repositories?nextToken={}", urlencoding::encode(&t))>"Next page"</a>
                                })}
                            </nav>
                        })
                    }
                    Err(e) => EitherOf3::C(view! { <ErrorBox error=e/> }),
                }
            })}
        </Suspense>
    }
}
