//! Server functions: the UI's door into the backend services. One function per file, grouped
//! by area; each body only resolves the caller and calls a `backend::services` function.

pub mod audit;
pub mod repositories;
pub mod roles;
pub mod session;
pub mod task_definitions;
pub mod tokens;

/// Server-side helpers shared by the server functions.
#[cfg(feature = "ssr")]
pub(crate) mod ctx {
    use crate::error::AppError;
    use backend::auth::{RequestCaller, User};
    use backend::{AppState, ServiceError};
    use leptos::prelude::use_context;

    /// The application state the server provides as context.
    pub fn state() -> Result<AppState, AppError> {
        use_context::<AppState>()
            .ok_or_else(|| AppError::from(ServiceError::internal("AppState missing from context")))
    }

    /// The caller — the same resolution as the REST door: a valid bearer token, or (with no
    /// `Authorization` header at all) the session; `unauthenticated` (an error, never a
    /// redirect) otherwise. Resolved once per request: a page's server functions share it.
    pub async fn user(state: &AppState) -> Result<User, AppError> {
        let parts = use_context::<http::request::Parts>()
            .ok_or_else(|| AppError::from(ServiceError::Unauthenticated))?;
        let memo = parts.extensions.get::<RequestCaller>().cloned();
        let authorization = parts
            .headers
            .get(http::header::AUTHORIZATION)
            .map(|v| v.to_str().unwrap_or("\u{fffd}").to_string());
        let user = backend::services::auth::resolve_request(
            state,
            memo,
            authorization.as_deref(),
            || async {
                let session: tower_sessions::Session = leptos_axum::extract()
                    .await
                    .map_err(|_| ServiceError::Unauthenticated)?;
                backend::auth::session_user_id(&session).await
            },
        )
        .await?;
        Ok(user)
    }

    /// State and user together, the first line of most server functions.
    pub async fn caller() -> Result<(AppState, User), AppError> {
        let state = state()?;
        let user = user(&state).await?;
        Ok((state, user))
    }
}
