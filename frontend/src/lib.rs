//! The browser entry point: hydrates the server-rendered page into the live Leptos app.
#![recursion_limit = "512"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    else {
        return;
    };
    // Asynchronous hydration: a lazy route's code arrives in its own chunk, so hydrating
    // its view waits for that chunk.
    wasm_bindgen_futures::spawn_local(async move {
        leptos::mount::hydrate_from_async(body.clone(), app::App)
            .await
            .forget();
        // Lets end-to-end tests (and curious people) know the page is interactive.
        let _ = body.set_attribute("data-hydrated", "true");
    });
}
