//! The role page's delete (after the typed confirmation).

use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/rpc", endpoint = "roles/delete")]
pub async fn delete_role(name: String) -> Result<(), AppError> {
    let (state, user) = crate::server_fns::ctx::caller().await?;
    Ok(backend::services::roles::delete(&state, &user, &name).await?)
}
