//! The error every server function returns, shared by server and browser.
//!
//! It carries the service error's stable `code`, a message safe to show, and validation
//! findings, so the UI can put each message next to its field.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};
use validate::Finding;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    /// product.md's error code (`validation_failed`, `forbidden`, …) or `transport`.
    pub code: String,
    pub message: String,
    #[serde(default)]
    pub findings: Vec<Finding>,
}

impl AppError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        AppError {
            code: code.into(),
            message: message.into(),
            findings: Vec::new(),
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::new("transport", format!("Berth could not be reached: {value}"))
    }
}

#[cfg(feature = "ssr")]
impl From<backend::ServiceError> for AppError {
    /// Also sets the server function's HTTP status to the one REST answers with (401, 403,
    /// 404, 422…), so both doors say the same thing to anything that reads statuses.
    fn from(e: backend::ServiceError) -> Self {
        if let backend::ServiceError::Internal(detail) = &e {
            tracing::error!(%detail, "internal error in a server function");
        }
        // A page rendered for a signed-out visitor (only `/login` is) reads the session and
        // gets a 401 it expects: that must not become the page's status.
        let page_render = leptos::prelude::use_context::<http::request::Parts>()
            .is_some_and(|parts| !parts.uri.path().starts_with("/rpc/"));
        let expected_on_page = page_render && e.status() == 401;
        if let Some(options) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            if let Ok(status) = http::StatusCode::from_u16(e.status()) {
                if !expected_on_page {
                    options.set_status(status);
                }
            }
        }
        AppError {
            code: e.code().to_string(),
            message: e.to_string(),
            findings: e.findings().map(<[Finding]>::to_vec).unwrap_or_default(),
        }
    }
}
