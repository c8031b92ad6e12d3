//! One revision (its export document and identity), for the revision and diff pages.

use crate::error::AppError;
use leptos::prelude::*;
use validate::model::TaskDefinitionRevision;

#[server(prefix = "/rpc", endpoint = "task-definitions/get")]
pub async fn get_task_definition(
    family: String,
    revision: Option<i64>,
) -> Result<TaskDefinitionRevision, AppError> {
    let (state, user) = crate::server_fns::ctx::caller().await?;
    Ok(backend::services::task_definitions::get(&state, &user, &family, revision).await?)
}
