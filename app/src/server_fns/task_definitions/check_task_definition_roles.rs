//! The revision page's live role check: do the roles exist, can tasks assume them, do their
//! policies allow what the revision needs.

use crate::error::AppError;
use leptos::prelude::*;
use validate::model::RoleCheck;

#[server(prefix = "/rpc", endpoint = "task-definitions/roles")]
pub async fn check_task_definition_roles(
    family: String,
    revision: i64,
) -> Result<RoleCheck, AppError> {
    let (state, user) = crate::server_fns::ctx::caller().await?;
    Ok(backend::services::task_definitions::check_roles(&state, &user, &family, revision).await?)
}
