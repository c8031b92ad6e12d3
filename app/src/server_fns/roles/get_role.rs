//! One role: trust policy findings, the suggested fix, Berth's inline policy.

use crate::error::AppError;
use leptos::prelude::*;
use validate::model::RoleSummary;

#[server(prefix = "/rpc", endpoint = "roles/get")]
pub async fn get_role(name: String) -> Result<RoleSummary, AppError> {
    let (state, user) = crate::server_fns::ctx::caller().await?;
    Ok(backend::services::roles::get(&state, &user, &name).await?)
}
