//! Small form controls bound to signals, so pages do not repeat the same wiring.

use leptos::prelude::*;

/// A checkbox inside its label, bound to `checked`.
#[component]
pub fn Checkbox(checked: RwSignal<bool>, label: &'static str) -> impl IntoView {
    view! {
        <label class="check">
            <input type="checkbox" prop:checked=move || checked.get()
                on:change=move |ev| checked.set(event_target_checked(&ev))/>
            " " {label}
        </label>
    }
}

/// A whole-number input (kept as text so the validator can report what was typed), disabled
/// while `enabled` is false.
#[component]
pub fn NumberInput(
    id: &'static str,
    value: RwSignal<String>,
    enabled: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <input id=id type="number" min="1" inputmode="numeric"
            prop:value=move || value.get()
            on:input=move |ev| value.set(event_target_value(&ev))
            disabled=move || !enabled.get()/>
    }
}
