//! The field-level diff between two revisions of a family (`validate::diff`: containers,
//! variables and volumes matched by name, so a change reads as a change).

use crate::components::error_box::ErrorBox;
use crate::page_data::page_resource;
use crate::server_fns::task_definitions::get_task_definition;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use validate::json::FromJson;

fn show(v: &Option<serde_json::Value>) -> String {
    match v {
        None => String::new(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

#[component]
pub fn ComparePage() -> impl IntoView {
    let params = use_params_map();
    let family = move || params.read().get("family").unwrap_or_default();
    let rev =
        move |key: &'static str| move || params.read().get(key).and_then(|r| r.parse::<i64>().ok());
    let from = rev("from");
    let to = rev("to");
    let pair = page_resource(
        move || (family(), from(), to()),
        |(f, a, b)| async move {
            let before = get_task_definition(f.clone(), a).await?;
            let after = get_task_definition(f, b).await?;
            Ok::<_, crate::error::AppError>((before, after))
        },
    );
    view! {
        <Title text=move || format!("{}: {} → {}", family(), from().unwrap_or_default(), to().unwrap_or_default())/>
        <p class="crumbs">
            <a href="/task-definitions">"Task definitions"</a> " / "
            <a href=move || format!("/task-definitions/{}", family())>{family}</a> " / compare"
        </p>
        <h1>{move || format!("{}: revision {} → {}", family(), from().unwrap_or_default(), to().unwrap_or_default())}</h1>
        <Suspense fallback=|| view! { <p class="loading">"Loading both revisions…"</p> }>
            {move || Suspend::new(async move {
                match pair.await {
                    Ok((before, after)) => {
                        let changes = validate::diff::diff(&before.task_definition.to_json(), &after.task_definition.to_json());
                        if changes.is_empty() {
                            return EitherOf3::A(view! { <p class="empty">"The two revisions are identical."</p> });
                        }
                        EitherOf3::B(view! {
                            <p>{format!("{} field(s) differ.", changes.len())}</p>
                            <table class="list diff" aria-label="Differences">
                                <thead><tr><th>"Field"</th><th>"Change"</th><th>{format!("Revision {}", before.revision)}</th><th>{format!("Revision {}", after.revision)}</th></tr></thead>
                                <tbody>
                                    {changes.into_iter().map(|c| view! {
                                        <tr class=c.kind()>
                                            <td><code>{c.path.clone()}</code></td>
                                            <td>{c.kind()}</td>
                                            <td><code class="before">{show(&c.before)}</code></td>
                                            <td><code class="after">{show(&c.after)}</code></td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        })
                    }
                    Err(e) => EitherOf3::C(view! { <ErrorBox error=e/> }),
                }
            })}
        </Suspense>
    }
}
