//! A family's page: one page of its revisions, newest first.

use crate::error::AppError;
use leptos::prelude::*;
use validate::model::RevisionPage;

/// Page size of the revisions list.
pub const REVISIONS_PAGE: i32 = 20;

#[server(prefix = "/rpc", endpoint = "task-definitions/revisions")]
pub async fn list_task_definition_revisions(
    family: String,
    next_token: Option<String>,
) -> Result<RevisionPage, AppError> {
    let (state, user) = crate::server_fns::ctx::caller().await?;
    Ok(backend::services::task_definitions::list_revisions(
        &state,
        &user,
        &family,
        Some(REVISIONS_PAGE),
        next_token,
    )
    .await?)
}
