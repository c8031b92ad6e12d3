//! Import: paste or upload a task definition (`register-task-definition --cli-input-json` shape or
//! `describe-task-definition` output), see every finding as you type — the validator runs in
//! the browser, no request — and register it. The server validates again before ECS.

use crate::components::error_box::ErrorBox;
use crate::components::findings::FindingList;
use crate::server_fns::task_definitions::RegisterTaskDefinition;
use leptos::either::EitherOf4;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;
use validate::ecs::fargate;
use validate::{Context, Kind, Report};

/// What the text area holds: JSON with its report, or why it isn't JSON.
#[derive(Clone, Debug, PartialEq)]
enum Parsed {
    Empty,
    NotJson(String),
    Checked(serde_json::Value, Report),
}

#[component]
pub fn ImportTaskDefinitionPage() -> impl IntoView {
    let text = RwSignal::new(String::new());
    let upload_error = RwSignal::new(None::<String>);
    let launch = RwSignal::new(String::new());
    let parsed = Memo::new(move |_| {
        let t = text.get();
        if t.trim().is_empty() {
            return Parsed::Empty;
        }
        match serde_json::from_slice::<serde_json::Value>(t.as_bytes()) {
            Ok(doc) => {
                let ctx = Context {
                    launch_type: Some(launch.get()).filter(|l| !l.is_empty()),
                    ..Context::default()
                };
                let report = validate::check(Kind::TaskDefinition, &doc, &ctx);
                Parsed::Checked(doc, report)
            }
            Err(e) => Parsed::NotJson(e.to_string()),
        }
    });
    let memory_hint = move || match parsed.get() {
        Parsed::Checked(doc, _) => {
            let cpu = doc
                .get("taskDefinition")
                .unwrap_or(&doc)
                .get("cpu")
                .and_then(|c| {
                    c.as_str()
                        .map(str::to_string)
                        .or_else(|| c.as_u64().map(|n| n.to_string()))
                })
                .and_then(|c| fargate::parse_cpu(&c))?;
            let choices = fargate::memory_choices(cpu);
            (!choices.is_empty()).then(|| {
                format!(
                    "Fargate memory for {}: {}",
                    fargate::describe_cpu(cpu),
                    choices
                        .into_iter()
                        .map(fargate::describe_memory)
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
        }
        _ => None,
    };
    let action = ServerAction::<RegisterTaskDefinition>::new();
    let navigate = use_navigate();
    let edit = use_navigate();
    Effect::new(move || {
        if let Some(Ok(td)) = action.value().get() {
            navigate(
                &format!("/task-definitions/{}/{}", td.family, td.revision),
                Default::default(),
            );
        }
    });
    let blocked = move || match parsed.get() {
        Parsed::Checked(_, r) => !r.is_ok() || action.pending().get(),
        _ => true,
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Parsed::Checked(doc, _) = parsed.get_untracked() {
            action.dispatch(RegisterTaskDefinition { document: doc });
        }
    };
    view! {
        <Title text="Import a task definition"/>
        <p class="crumbs"><a href="/task-definitions">"Task definitions"</a> " / import"</p>
        <h1>"Import a task definition"</h1>
        <form class="stack" on:submit=on_submit>
            <label for="td-json">"Task definition JSON"</label>
            <p class="hint" id="td-json-hint">"The " <code>"aws ecs register-task-definition --cli-input-json"</code>
                " shape, or the output of " <code>"aws ecs describe-task-definition"</code>" (read-only fields are ignored)."</p>
            <textarea id="td-json" rows="18" spellcheck="false" aria-describedby="td-json-hint td-findings"
                prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <label for="td-file">"Or upload a JSON file"</label>
            <input id="td-file" type="file" accept=".json,application/json" on:change=move |ev| read_file(&ev, text, upload_error)/>
            {move || upload_error.get().map(|e| view! { <p class="finding error" role="alert">{e}</p> })}
            <label for="td-launch">"Check it for launch type"</label>
            <select id="td-launch" on:change=move |ev| launch.set(event_target_value(&ev))>
                <option value="">"As the document says (requiresCompatibilities)"</option>
                <option value="FARGATE">"FARGATE"</option>
                <option value="EC2">"EC2"</option>
                <option value="EXTERNAL">"EXTERNAL"</option>
            </select>
            {move || memory_hint().map(|h| view! { <p class="hint">{h}</p> })}
            <div id="td-findings" aria-live="polite">
                {move || match parsed.get() {
                    Parsed::Empty => EitherOf4::A(view! { <p class="hint">"Paste a task definition to check it."</p> }),
                    Parsed::NotJson(e) => EitherOf4::B(view! { <p class="finding error" data-rule="JSON">"This is not JSON yet: " {e}</p> }),
                    Parsed::Checked(_, r) if r.findings.is_empty() => EitherOf4::C(view! { <p class="ok">"No findings: ready to register."</p> }),
                    Parsed::Checked(_, r) => EitherOf4::D(view! {
                        <p>{format!("{} error(s), {} warning(s)", r.errors, r.warnings)}</p>
                        <FindingList findings=r.findings/>
                    }),
                }}
            </div>
            <div class="actions">
                <button type="button" class="secondary" disabled=move || !matches!(parsed.get(), Parsed::Checked(..))
                    on:click=move |_| {
                        if let Parsed::Checked(doc, _) = parsed.get_untracked() {
                            super::draft::put(doc);
                            edit("/task-definitions/new?from=import", Default::default());
                        }
                    }>"Edit in the wizard"</button>
                <button type="submit" disabled=blocked>
                    {move || if action.pending().get() { "Registering…" } else { "Register task definition" }}
                </button>
            </div>
            {move || action.value().get().and_then(|r| r.err()).map(|e| view! { <ErrorBox error=e/> })}
        </form>
    }
}

/// The largest file the import page reads (a task definition is at most 64 KiB for ECS).
const MAX_FILE_BYTES: f64 = 1024.0 * 1024.0;

/// Reads the chosen file into the text area (in the browser; nothing is uploaded to Berth
/// until "Register").
fn read_file(
    ev: &leptos::ev::Event,
    text: RwSignal<String>,
    upload_error: RwSignal<Option<String>>,
) {
    #[cfg(feature = "hydrate")]
    {
        let input: web_sys::HtmlInputElement = event_target(ev);
        let Some(file) = input.files().and_then(|l| l.get(0)) else {
            return;
        };
        if file.size() > MAX_FILE_BYTES {
            upload_error.set(Some(format!(
                "{} is {:.0} KiB: a task definition file is at most 1 MiB.",
                file.name(),
                file.size() / 1024.0
            )));
            return;
        }
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(v) => {
                    upload_error.set(None);
                    text.set(v.as_string().unwrap_or_default());
                }
                Err(_) => upload_error.set(Some(format!("{} could not be read.", file.name()))),
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (ev, text, upload_error, MAX_FILE_BYTES);
}
