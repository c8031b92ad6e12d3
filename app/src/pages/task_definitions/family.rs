//! One family: its revisions, newest first, each with a link to compare it with the one
//! before; and a form to compare any two.

use super::{family_console_url, region_of};
use crate::components::error_box::ErrorBox;
use crate::page_data::page_resource;
use crate::server_fns::task_definitions::list_task_definition_revisions;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

#[component]
pub fn FamilyPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let family = move || params.read().get("family").unwrap_or_default();
    let token = move || query.read().get("nextToken").filter(|t| !t.is_empty());
    let page = page_resource(
        move || (family(), token()),
        |(f, t)| list_task_definition_revisions(f, t),
    );
    view! {
        <Title text=family/>
        <p class="crumbs"><a href="/task-definitions">"Task definitions"</a> " / " {family}</p>
        <Suspense fallback=|| view! { <p class="loading">"Loading revisions…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => {
                        let fam = page.family.clone();
                        let region = page.task_definitions.first().map(|r| region_of(&r.task_definition_arn)).unwrap_or_default();
                        let revisions: Vec<i64> = page.task_definitions.iter().map(|r| r.revision).collect();
                        let next = page.next_token.clone();
                        Either::Left(view! {
                            <div class="page-head">
                                <h1>{fam.clone()}</h1>
                                <a href=family_console_url(&region, &fam) class="button secondary" target="_blank" rel="noopener noreferrer">"Open in AWS console ↗"</a>
                            </div>
                            <table class="list" aria-label="Revisions">
                                <thead><tr><th>"Revision"</th><th>"ARN"</th><th>"Changes"</th></tr></thead>
                                <tbody>
                                    {page.task_definitions.iter().enumerate().map(|(i, r)| {
                                        let previous = revisions.get(i + 1).copied();
                                        let f = fam.clone();
                                        view! {
                                            <tr>
                                                <td><a href=format!("/task-definitions/{f}/{}", r.revision)>{format!("{}:{}", f, r.revision)}</a></td>
                                                <td><code>{r.task_definition_arn.clone()}</code></td>
                                                <td>{previous.map(|p| view! {
                                                    <a href=format!("/task-definitions/{f}/compare/{p}/{}", r.revision)>{format!("Compare with {p}")}</a>
                                                })}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                            <nav class="pager" aria-label="Pages">
                                {next.map(|t| view! {
                                    <a href=format!("/task-definitions/{}?nextToken={}", fam, urlencoding::encode(&t))>"Older revisions"</a>
                                })}
                            </nav>
                            <CompareForm family=fam revisions/>
                        })
                    }
                    Err(e) => Either::Right(view! { <ErrorBox error=e/> }),
                }
            })}
        </Suspense>
    }
}

/// Pick any two revisions to compare.
#[component]
fn CompareForm(family: String, revisions: Vec<i64>) -> impl IntoView {
    if revisions.len() < 2 {
        return Either::Left(());
    }
    let from = RwSignal::new(revisions[1]);
    let to = RwSignal::new(revisions[0]);
    let navigate = use_navigate();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        navigate(
            &format!(
                "/task-definitions/{family}/compare/{}/{}",
                from.get_untracked(),
                to.get_untracked()
            ),
            Default::default(),
        );
    };
    let options = move |selected: RwSignal<i64>| {
        revisions
            .iter()
            .map(|r| {
                let r = *r;
                view! { <option value=r.to_string() selected=move || selected.get() == r>{r.to_string()}</option> }
            })
            .collect_view()
    };
    Either::Right(view! {
        <form class="inline" on:submit=on_submit aria-label="Compare revisions">
            <h2>"Compare two revisions"</h2>
            <label for="compare-from">"From"</label>
            <select id="compare-from" on:change=move |ev| from.set(event_target_value(&ev).parse().unwrap_or_default())>
                {options(from)}
            </select>
            <label for="compare-to">"to"</label>
            <select id="compare-to" on:change=move |ev| to.set(event_target_value(&ev).parse().unwrap_or_default())>
                {options(to)}
            </select>
            <button type="submit">"Compare"</button>
        </form>
    })
}
