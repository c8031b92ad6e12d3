//! Pretty-printed JSON (the exact AWS requests on review pages).

use leptos::prelude::*;

#[component]
pub fn JsonView(
    #[prop(into)] value: Signal<serde_json::Value>,
    #[prop(optional)] label: &'static str,
) -> impl IntoView {
    view! {
        <pre class="json" aria-label=label>
            {move || serde_json::to_string_pretty(&value.get()).unwrap_or_default()}
        </pre>
    }
}
