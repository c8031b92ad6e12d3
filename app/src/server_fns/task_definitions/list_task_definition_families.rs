//! The task definitions page's data: one page of active families, optionally those starting
//! with a prefix.

use crate::error::AppError;
use leptos::prelude::*;
use validate::model::FamilyPage;

#[server(prefix = "/rpc", endpoint = "task-definitions/families")]
pub async fn list_task_definition_families(
    family_prefix: Option<String>,
    next_token: Option<String>,
    #[server(default)] refresh: bool,
) -> Result<FamilyPage, AppError> {
    let (state, user) = crate::server_fns::ctx::caller().await?;
    let prefix = family_prefix.filter(|p| !p.trim().is_empty());
    Ok(backend::services::task_definitions::list_families(
        &state, &user, prefix, next_token, refresh,
    )
    .await?)
}
