//! The framework's floor: what any Leptos 0.8 app built the way Berth is costs before it has
//! pages of its own — the router with one route (`FlatRoutes`), `leptos_meta`'s title, one
//! server function read through a resource inside a `Suspense` (Berth's header reads the
//! session this way), and asynchronous hydration (which lazy routes need). Built exactly like
//! Berth's bundle (wasm-release, std rebuilt with `panic=immediate-abort`, wasm-bindgen,
//! wasm-opt -Oz, esbuild) by `scripts/bench-bundle-floor.sh`, it says how much of the first
//! route's bytes is Leptos itself and how much is Berth. It is never served.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{FlatRoutes, Route, Router, A};
use leptos_router::path;
use serde::{Deserialize, Serialize};

/// What the header shows about the signed-in user.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SignedIn {
    pub name: String,
    pub roles: Vec<String>,
}

/// A server function read on every page (only its client half is in the bundle).
#[server(prefix = "/rpc", endpoint = "who")]
pub async fn who() -> Result<SignedIn, ServerFnError> {
    Err(ServerFnError::ServerError("never served".into()))
}

#[component]
fn Home() -> impl IntoView {
    view! { <Title text="Home"/><h1>"Home"</h1> }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let who = Resource::new(|| (), |_| who());
    view! {
        <Router>
            <header>
                <A href="/">"Home"</A>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        who.await.ok().map(|w| view! { <span>{w.name.clone()}</span> })
                    })}
                </Suspense>
            </header>
            <main>
                <FlatRoutes fallback=|| view! { <p>"Not found"</p> }>
                    <Route path=path!("/") view=Home/>
                </FlatRoutes>
            </main>
        </Router>
    }
}

/// The entry point, as in `frontend`.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        leptos::mount::hydrate_from_async(body, App).await.forget();
    });
}
