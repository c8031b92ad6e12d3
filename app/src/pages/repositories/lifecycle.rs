//! The lifecycle policy step: a small builder (keep the last N images with a tag prefix;
//! expire untagged images after D days) or raw JSON.

use crate::components::inputs::{Checkbox, NumberInput};
use leptos::either::EitherOf3;
use leptos::prelude::*;
use serde_json::Value;
use validate::ecr::LifecyclePolicy;

/// How the user is writing the policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    None,
    Builder,
    Json,
}

/// The lifecycle step's inputs, as signals (cheap to copy into closures).
#[derive(Clone, Copy)]
pub struct LifecycleInputs {
    pub mode: RwSignal<Mode>,
    pub keep_enabled: RwSignal<bool>,
    pub keep_count: RwSignal<String>,
    pub keep_prefix: RwSignal<String>,
    pub untagged_enabled: RwSignal<bool>,
    pub untagged_days: RwSignal<String>,
    pub json: RwSignal<String>,
}

impl LifecycleInputs {
    pub fn new() -> Self {
        LifecycleInputs {
            mode: RwSignal::new(Mode::None),
            keep_enabled: RwSignal::new(true),
            keep_count: RwSignal::new("30".into()),
            keep_prefix: RwSignal::new(String::new()),
            untagged_enabled: RwSignal::new(true),
            untagged_days: RwSignal::new("14".into()),
            json: RwSignal::new(String::new()),
        }
    }

    /// The policy document these inputs describe (`None` when no policy is wanted). Invalid
    /// numbers become 0 and raw text that is not JSON stays a string, so the validator reports
    /// them at the right path.
    pub fn policy(&self) -> Option<Value> {
        match self.mode.get() {
            Mode::None => None,
            Mode::Builder => {
                let number = |s: String| s.trim().parse::<u64>().unwrap_or(0);
                let keep = self
                    .keep_enabled
                    .get()
                    .then(|| (number(self.keep_count.get()), self.keep_prefix.get()));
                let untagged = self
                    .untagged_enabled
                    .get()
                    .then(|| number(self.untagged_days.get()));
                let policy =
                    LifecyclePolicy::simple(keep.as_ref().map(|(n, p)| (*n, p.trim())), untagged);
                serde_json::to_value(policy).ok()
            }
            Mode::Json => {
                let text = self.json.get();
                Some(serde_json::from_slice(text.as_bytes()).unwrap_or(Value::String(text)))
            }
        }
    }
}

impl Default for LifecycleInputs {
    fn default() -> Self {
        Self::new()
    }
}

#[component]
pub fn LifecycleStep(inputs: LifecycleInputs) -> impl IntoView {
    let LifecycleInputs {
        mode,
        keep_enabled,
        keep_count,
        keep_prefix,
        untagged_enabled,
        untagged_days,
        json,
    } = inputs;
    let to_json = move |_| {
        if json.get_untracked().trim().is_empty() {
            let current = LifecycleInputs {
                mode: RwSignal::new(Mode::Builder),
                ..inputs
            };
            if let Some(v) = current.policy() {
                json.set(serde_json::to_string_pretty(&v).unwrap_or_default());
            }
        }
        mode.set(Mode::Json);
    };
    view! {
        <fieldset class="stack">
            <legend>"Lifecycle policy"</legend>
            <div class="tabs" role="tablist">
                <button type="button" role="tab" aria-selected=move || (mode.get() == Mode::None).to_string()
                    on:click=move |_| mode.set(Mode::None)>"No policy"</button>
                <button type="button" role="tab" aria-selected=move || (mode.get() == Mode::Builder).to_string()
                    on:click=move |_| mode.set(Mode::Builder)>"Builder"</button>
                <button type="button" role="tab" aria-selected=move || (mode.get() == Mode::Json).to_string()
                    on:click=to_json>"Raw JSON"</button>
            </div>
            {move || match mode.get() {
                Mode::None => EitherOf3::A(view! {
                    <p class="note">"Without a policy, images are kept until someone deletes them (storage is billed per GB-month)."</p>
                }),
                Mode::Builder => EitherOf3::B(view! {
                    <Checkbox checked=keep_enabled label="Keep only the most recent tagged images"/>
                    <div class="row" class:disabled=move || !keep_enabled.get()>
                        <label for="keep-count">"Images to keep"</label>
                        <NumberInput id="keep-count" value=keep_count enabled=keep_enabled/>
                        <label for="keep-prefix">"with tag prefix (empty: every tag)"</label>
                        <input id="keep-prefix" placeholder="release-"
                            prop:value=move || keep_prefix.get()
                            on:input=move |ev| keep_prefix.set(event_target_value(&ev))
                            disabled=move || !keep_enabled.get()/>
                    </div>
                    <Checkbox checked=untagged_enabled label="Expire untagged images"/>
                    <div class="row" class:disabled=move || !untagged_enabled.get()>
                        <label for="untagged-days">"days after push"</label>
                        <NumberInput id="untagged-days" value=untagged_days enabled=untagged_enabled/>
                    </div>
                }),
                Mode::Json => EitherOf3::C(view! {
                    <label for="lifecycle-json">"Policy document (JSON)"</label>
                    <textarea id="lifecycle-json" rows="14" spellcheck="false" class="code"
                        prop:value=move || json.get()
                        on:input=move |ev| json.set(event_target_value(&ev))></textarea>
                }),
            }}
        </fieldset>
    }
}
