//! Deletes one of the caller's API tokens; it stops working at once.

use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/rpc", endpoint = "tokens/delete")]
pub async fn delete_token(id: i64) -> Result<(), AppError> {
    let (state, user) = crate::server_fns::ctx::caller().await?;
    Ok(backend::services::auth::delete_token(&state, &user, id).await?)
}
