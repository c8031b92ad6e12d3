//! The confirmation step of a far-reaching action (delete, deregister, replace a trust
//! policy): a button opens it, Cancel closes it, and with `expected` the user types that name
//! before the confirm button enables. The page owns the action; this owns the steps.

use crate::components::error_box::ErrorBox;
use crate::error::AppError;
use leptos::prelude::*;

#[component]
pub fn ConfirmAction(
    /// The button that opens the step ("Delete role…").
    open_label: &'static str,
    /// The confirm button ("Delete role") and its label while pending ("Deleting…").
    confirm_label: &'static str,
    busy_label: &'static str,
    /// What will happen, in plain words.
    warning: &'static str,
    /// A name the user must type to confirm.
    #[prop(optional)]
    expected: Option<String>,
    /// Red buttons.
    #[prop(optional)]
    danger: bool,
    #[prop(into)] pending: Signal<bool>,
    #[prop(into)] error: Signal<Option<AppError>>,
    on_confirm: Callback<()>,
    /// Extra inputs shown in the step (e.g. "also delete the images").
    #[prop(optional)]
    children: Option<ChildrenFn>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let typed = RwSignal::new(String::new());
    let class = if danger { "danger" } else { "" };
    let expected = StoredValue::new(expected);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        on_confirm.run(());
    };
    let blocked = move || {
        pending.get() || expected.with_value(|e| e.as_ref().is_some_and(|e| typed.get() != *e))
    };
    view! {
        <Show when=move || open.get() fallback=move || view! {
            <button type="button" class=class on:click=move |_| open.set(true)>{open_label}</button>
        }>
            <form class="stack" on:submit=on_submit>
                <p>{warning}</p>
                {expected.get_value().map(|name| view! {
                    <label for="confirm-name">"Type " <code>{name}</code> " to confirm"</label>
                    <input id="confirm-name" autocomplete="off" prop:value=move || typed.get()
                        on:input=move |ev| typed.set(event_target_value(&ev))/>
                })}
                {children.clone().map(|c| c())}
                <div class="actions">
                    <button type="button" class="secondary" on:click=move |_| open.set(false)>"Cancel"</button>
                    <button type="submit" class=class disabled=blocked>
                        {move || if pending.get() { busy_label } else { confirm_label }}
                    </button>
                </div>
                {move || error.get().map(|e| view! { <ErrorBox error=e/> })}
            </form>
        </Show>
    }
}
