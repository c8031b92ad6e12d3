//! The roles page's data: one page of the account's roles, judged as task roles.

use crate::error::AppError;
use leptos::prelude::*;
use validate::model::RolePage;

#[server(prefix = "/rpc", endpoint = "roles/list")]
pub async fn list_roles(
    next_token: Option<String>,
    #[server(default)] refresh: bool,
) -> Result<RolePage, AppError> {
    let (state, user) = crate::server_fns::ctx::caller().await?;
    Ok(backend::services::roles::list(&state, &user, next_token, refresh).await?)
}
