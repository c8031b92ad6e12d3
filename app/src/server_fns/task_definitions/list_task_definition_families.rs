//! The task definitions page's data: one page of active families.

use crate::error::AppError;
use leptos::prelude::*;
use validate::model::FamilyPage;

#[server(prefix = "/rpc", endpoint = "task-definitions/families")]
pub async fn list_task_definition_families(
    next_token: Option<String>,
) -> Result<FamilyPage, AppError> {
    let (state, user) = crate::server_fns::ctx::caller().await?;
    Ok(backend::services::task_definitions::list_families(&state, &user, None, next_token).await?)
}
