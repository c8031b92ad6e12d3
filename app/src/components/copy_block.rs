//! A command the user can copy with one click (the text stays selectable without JS).

use leptos::prelude::*;

#[component]
pub fn CopyBlock(text: String, label: &'static str) -> impl IntoView {
    let copied = RwSignal::new(false);
    let to_copy = text.clone();
    let on_copy = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(window) = web_sys::window() {
            let _ = window.navigator().clipboard().write_text(&to_copy);
            copied.set(true);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = &to_copy;
    };
    view! {
        <div class="copy-block">
            <span class="copy-label">{label}</span>
            <pre><code>{text}</code></pre>
            <button type="button" class="secondary" on:click=on_copy>
                {move || if copied.get() { "Copied" } else { "Copy" }}
            </button>
        </div>
    }
}
