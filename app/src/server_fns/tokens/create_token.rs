//! Creates an API token; its secret is in the answer, once.

use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/rpc", endpoint = "tokens/create")]
pub async fn create_token(name: String, expires_in_days: Option<i64>) -> Result<String, AppError> {
    let (state, user) = crate::server_fns::ctx::caller().await?;
    Ok(backend::services::auth::create_token(&state, &user, &name, expires_in_days).await?)
}
