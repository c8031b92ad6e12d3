//! The page for addresses that match no route (answers 404).

use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(opts) = use_context::<leptos_axum::ResponseOptions>() {
        opts.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <section class="empty">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address. " <a href="/">"Back to the start page"</a></p>
        </section>
    }
}
