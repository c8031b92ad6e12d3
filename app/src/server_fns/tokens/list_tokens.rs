//! The caller's API tokens (never their secrets).

use crate::error::AppError;
use leptos::prelude::*;
use validate::model::TokenInfo;

#[server(prefix = "/rpc", endpoint = "tokens/list")]
pub async fn list_tokens() -> Result<Vec<TokenInfo>, AppError> {
    let (state, user) = crate::server_fns::ctx::caller().await?;
    Ok(backend::services::auth::list_tokens(&state, &user).await?)
}
