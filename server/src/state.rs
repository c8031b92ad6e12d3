//! The router's state: Leptos options plus the backend's `AppState`.

use axum::extract::FromRef;
use backend::AppState;
use leptos::config::LeptosOptions;

#[derive(Clone, FromRef)]
pub struct ServerState {
    pub leptos_options: LeptosOptions,
    pub app: AppState,
    pub web: WebSettings,
}

/// Settings the HTTP layer needs.
#[derive(Clone, Debug)]
pub struct WebSettings {
    /// `scheme://host[:port]` users reach Berth at (CSRF origin check).
    pub public_origin: String,
    /// The public URL is https (HSTS is sent).
    pub https: bool,
}
