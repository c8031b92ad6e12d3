//! The detail page's delete (after the typed confirmation).

use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/rpc", endpoint = "repositories/delete")]
pub async fn delete_repository(name: String, force: bool) -> Result<(), AppError> {
    let (state, user) = crate::server_fns::ctx::caller().await?;
    Ok(backend::services::repositories::delete(&state, &user, &name, force).await?)
}
