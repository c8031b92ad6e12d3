//! Berth's web console: pages, wizards and the server functions behind them.
//!
//! Compiled twice: with `ssr` into the server (pages rendered to HTML, server functions run
//! there and call `backend`), and with `hydrate` into the browser bundle, where the wizards
//! run the `validate` crate on every keystroke.

#![recursion_limit = "512"]

pub mod components;
pub mod error;
pub mod page_data;
pub mod pages;
pub mod routes;
pub mod server_fns;

use components::layout::AppHeader;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::Router;
use server_fns::session::{get_session_info, SessionInfo};

/// The HTML document around the app (server only). It also sets the page's
/// Content-Security-Policy, with the nonce leptos_axum put on this response's inline scripts.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// What a page may load: scripts only with this response's nonce (and what they import —
/// the hydration module and its WASM, which needs `wasm-unsafe-eval`), everything else from
/// Berth itself; no plugins, no framing, no foreign form targets or base URLs.
#[cfg(feature = "ssr")]
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )
}

#[cfg(feature = "ssr")]
fn set_content_security_policy() {
    let nonce = leptos::nonce::use_nonce();
    let options = use_context::<leptos_axum::ResponseOptions>();
    if let (Some(nonce), Some(options)) = (nonce, options) {
        if let Ok(value) = http::HeaderValue::from_str(&content_security_policy(&nonce.to_string()))
        {
            options.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
}

/// The signed-in user and console facts, loaded once and shared with every page.
pub type SessionResource = page_data::PageResource<Result<SessionInfo, error::AppError>>;

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let session: SessionResource = page_data::page_resource(|| (), |_| get_session_info());
    provide_context(session);

    view! {
        <Stylesheet id="berth" href="/pkg/berth.css"/>
        <Title formatter=|text: String| if text.is_empty() { "Berth".to_string() } else { format!("{text} · Berth") }/>
        <Router>
            <AppHeader/>
            <main id="main">
                <routes::AppRoutes/>
            </main>
        </Router>
    }
}
