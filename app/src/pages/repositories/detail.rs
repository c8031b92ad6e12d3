//! One repository: settings, lifecycle policy, push commands, and deletion.

use super::console_url;
use crate::components::confirm::ConfirmAction;
use crate::components::copy_block::CopyBlock;
use crate::components::error_box::ErrorBox;
use crate::components::inputs::Checkbox;
use crate::components::json_view::JsonView;
use crate::page_data::page_resource;
use crate::server_fns::repositories::{get_repository, DeleteRepository};
use crate::SessionResource;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map};
use validate::model::Repository;

/// The commands to push an image, for this repository.
pub fn push_commands(repo: &Repository) -> [(&'static str, String); 3] {
    let uri = &repo.repository_uri;
    [
        (
            "Authenticate Docker with ECR (the token lasts 12 hours)",
            format!(
                "aws ecr get-login-password --region {} | docker login --username AWS --password-stdin {}",
                repo.region(),
                repo.registry_host()
            ),
        ),
        ("Tag your local image", format!("docker tag IMAGE:TAG {uri}:TAG")),
        ("Push it", format!("docker push {uri}:TAG")),
    ]
}

#[component]
pub fn RepositoryPage() -> impl IntoView {
    let params = use_params_map();
    let name = move || params.read().get("name").unwrap_or_default();
    let detail = page_resource(name, get_repository);
    view! {
        <Title text=name/>
        <p class="crumbs"><a href="/repositories">"Repositories"</a> " / " {name}</p>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(d) => Either::Left(view! { <RepositoryDetail repo=d.repository lifecycle=d.lifecycle_policy/> }),
                    Err(e) => Either::Right(view! { <ErrorBox error=e/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RepositoryDetail(repo: Repository, lifecycle: Option<serde_json::Value>) -> impl IntoView {
    let session = expect_context::<SessionResource>();
    let sandbox = session
        .get()
        .and_then(|s| s.ok())
        .is_some_and(|s| s.sandbox);
    let can_delete = session
        .get()
        .and_then(|s| s.ok())
        .is_some_and(|s| s.can_deploy());
    let console = console_url(&repo);
    let commands = push_commands(&repo);
    let filters = repo
        .image_tag_mutability_exclusion_filters
        .iter()
        .filter_map(|f| f.filter.clone())
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <div class="page-head">
            <h1>{repo.repository_name.clone()}</h1>
            <a href=console class="button secondary" target="_blank" rel="noopener noreferrer">"Open in AWS console ↗"</a>
        </div>
        <dl class="facts">
            <dt>"URI"</dt><dd><code>{repo.repository_uri.clone()}</code></dd>
            <dt>"ARN"</dt><dd><code>{repo.repository_arn.clone()}</code></dd>
            <dt>"Tag mutability"</dt>
            <dd>{repo.image_tag_mutability.clone()}
                {(!filters.is_empty()).then(|| format!(" (except {filters})"))}</dd>
            <dt>"Scan on push"</dt>
            <dd>{if repo.image_scanning_configuration.scan_on_push == Some(true) { "On" } else { "Off" }}</dd>
            <dt>"Encryption"</dt>
            <dd>{repo.encryption_configuration.encryption_type.clone().unwrap_or_default()}
                {repo.encryption_configuration.kms_key.clone().map(|k| format!(" with key {k}"))}
                <small>" (fixed at creation)"</small></dd>
            <dt>"Created"</dt><dd>{repo.created_at.as_deref().map(crate::components::time::utc).unwrap_or_default()}</dd>
        </dl>

        <h2>"Push an image"</h2>
        {sandbox.then(|| view! {
            <p class="note">"In the sandbox these commands are illustrative: the emulator has no real registry to push to."</p>
        })}
        {commands.into_iter().map(|(label, text)| view! { <CopyBlock label text/> }).collect_view()}

        <h2>"Lifecycle policy"</h2>
        {match lifecycle {
            Some(policy) => Either::Left(view! { <JsonView value=Signal::stored(policy) label="Lifecycle policy"/> }),
            None => Either::Right(view! { <p class="empty">"No lifecycle policy: images are kept until deleted."</p> }),
        }}

        {can_delete.then(|| view! { <DeleteRepositoryForm name=repo.repository_name.clone()/> })}
    }
}

#[component]
fn DeleteRepositoryForm(name: String) -> impl IntoView {
    let action = ServerAction::<DeleteRepository>::new();
    let force = RwSignal::new(false);
    let navigate = use_navigate();
    Effect::new(move || {
        if let Some(Ok(())) = action.value().get() {
            navigate("/repositories", Default::default());
        }
    });
    let target = name.clone();
    view! {
        <section class="danger-zone">
            <h2>"Delete repository"</h2>
            <ConfirmAction open_label="Delete repository…" confirm_label="Delete repository" busy_label="Deleting…" danger=true
                warning="This cannot be undone. Services using its images will fail to start new tasks."
                expected=name
                pending=action.pending() error=Signal::derive(move || action.value().get().and_then(|r| r.err()))
                on_confirm=Callback::new(move |()| {
                    action.dispatch(DeleteRepository { name: target.clone(), force: force.get_untracked() });
                })>
                <Checkbox checked=force label="Also delete the images it holds (force)"/>
            </ConfirmAction>
        </section>
    }
}
